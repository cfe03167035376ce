"""Accuracy, false alarms and throughput of the typo rules (category `typo`).

    PYTHONPATH=. python benchmarks/eval_typo.py [--sets sighan15,law] [--limit N]

Test sets (read by path, never copied into the repository):
- pycorrector's own SIGHAN-2015 test (pycorrector/data/sighan2015_test.tsv, 707 sentences, 10 of
  them with a character added or dropped: those count only in the pycorrector-style metric, as
  erroneous sentences, the way pycorrector's evaluation counts them);
- ../shared/data/sighan/test2013.txt, test2014.txt, test2015.txt, ../shared/data/ecspell/law.test,
  med.test (TSV n_errors, source, target).
Clean text: ../shared/seeds/*.txt and ../shared/data/clean/xxqg_clean_sentences.json.

Metrics (each test sentence is one post; the prediction is the source with every finding's
first suggestion applied when it has the span's length; other findings mark their span):
- sentence-level detection / correction P, R, F1 (strict: a detection is right when the set of
  flagged positions equals the gold set; a correction when the corrected sentence equals the
  target), as in the SIGHAN bake-offs and most CSC papers;
- pycorrector-style sentence correction (pycorrector/utils/eval: TP = an erroneous sentence
  corrected exactly, FP = a correct sentence changed), the way its published Kenlm-CSC and
  MacBERT figures were computed;
- character-level detection and correction P, R, F1 (a flagged character is a detection; a
  correction when the suggested character is the target's).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = next((p for p in (Path(os.environ.get("ZWLINT_SHARED", "")), ROOT.parent / "shared",
                            ROOT.parent.parent / "shared") if str(p) and (p / "data").is_dir()),
              ROOT.parent / "shared")

from lint.config import Config  # noqa: E402
from lint.engine import Linter  # noqa: E402
from lint.model import Post  # noqa: E402


def pycorrector_sighan() -> Path:
    spec = importlib.util.find_spec("pycorrector")
    return Path(list(spec.submodule_search_locations)[0]) / "data" / "sighan2015_test.tsv"


def synthetic(part: str):
    def rows() -> list[tuple[str, str]]:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from typo_synthetic import synthetic_set

        return [(src, tgt) for src, tgt, _kinds in synthetic_set(part)]
    return rows


SETS = {
    "pyc-sighan15": pycorrector_sighan,
    "sighan13": lambda: SHARED / "data/sighan/test2013.txt",
    "sighan14": lambda: SHARED / "data/sighan/test2014.txt",
    "sighan15": lambda: SHARED / "data/sighan/test2015.txt",
    "law": lambda: SHARED / "data/ecspell/law.test",
    "med": lambda: SHARED / "data/ecspell/med.test",
    # synthetic 公文 sets (benchmarks/typo_synthetic.py): thresholds are tuned on gov-tune
    # (provincial reports 2026, tuning provinces); gov-held-out (odd years of the work reports,
    # odd-numbered congresses) is never tuned on
    "gov-tune": synthetic("tune"),
    "gov-held-out": synthetic("held-out"),
}


def read_pairs(path: Path) -> list[tuple[str, str]]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3:
                src, tgt = parts[-2], parts[-1]
            elif len(parts) == 2:
                src, tgt = parts
            else:
                continue
            rows.append((src, tgt))
    return rows


def predict(linter: Linter, src: str) -> tuple[str, set[int]]:
    chars = list(src)
    flagged: set[int] = set()
    for f in linter.check_post(Post(content=src)):
        span = range(f.start, f.end)
        if f.suggestions and len(f.suggestions[0]) == f.end - f.start:
            for k, c in zip(span, f.suggestions[0]):
                if chars[k] != c:
                    chars[k] = c
                    flagged.add(k)
        else:
            flagged.update(span)
    return "".join(chars), flagged


def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate(linter: Linter, rows) -> dict:
    s_det = s_cor = s_pred = s_gold = 0
    pc_tp = pc_fp = pc_fn = pc_tn = 0
    c_tp = c_pred = c_gold = 0
    cc_tp = 0
    t0 = time.perf_counter()
    nchars = 0
    for src, tgt in rows:
        nchars += len(src)
        pred, flagged = predict(linter, src)
        if len(src) != len(tgt):
            # an added or dropped character: no per-position gold, so only the
            # pycorrector-style count sees it (as pycorrector's own evaluation does)
            if pred == tgt:
                pc_tp += 1
            else:
                pc_fn += 1
            continue
        gold = {i for i, (a, b) in enumerate(zip(src, tgt)) if a != b}
        if flagged:
            s_pred += 1
            if flagged == gold:
                s_det += 1
                if pred == tgt:
                    s_cor += 1
        if gold:
            s_gold += 1
        c_tp += len(flagged & gold)
        cc_tp += sum(1 for k in flagged & gold if pred[k] == tgt[k])
        c_pred += len(flagged)
        c_gold += len(gold)
        if pred == tgt:
            if src == tgt:
                pc_tn += 1
            else:
                pc_tp += 1
        elif src == tgt:
            pc_fp += 1
        else:
            pc_fn += 1
    dt = time.perf_counter() - t0
    return {
        "n": len(rows),
        "det": prf(s_det, s_pred, s_gold),
        "cor": prf(s_cor, s_pred, s_gold),
        "pyc": prf(pc_tp, pc_tp + pc_fp, pc_tp + pc_fn),
        "char": prf(c_tp, c_pred, c_gold),
        "charcor": prf(cc_tp, c_pred, c_gold),
        "chars_per_s": nchars / dt if dt else 0.0,
    }


def false_alarms(linter: Linter) -> list[tuple[str, int, int, int, dict]]:
    """(set, characters, warnings+errors, info, findings per rule) of the typo rules on clean
    text: the seeds, the 学习强国 sentences, and the held-out part of the corpora as
    benchmarks/false_alarms.py splits them (odd years of the work reports, odd-numbered
    congresses, the held-out provinces; the government-register model is counted from the
    other part)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from false_alarms import load_sets

    sets = load_sets(SHARED)
    out = []
    for name in ("seeds", "clean", "work-held-out", "congress-held-out", "prov-held-out"):
        texts = sets.get(name) or []
        n = warn = info = 0
        by: dict[str, int] = {}
        for _id, text, title, published in texts:
            n += len(text) + len(title or "")
            for f in linter.check_post(Post(content=text, title=title, published=published)):
                if f.severity == "info":
                    info += 1
                else:
                    warn += 1
                by[f.rule] = by.get(f.rule, 0) + 1
        if n:
            out.append((name, n, warn, info, by))
    return out


def throughput(linter: Linter) -> tuple[float, float]:
    """chars per CPU-second (one core; process time, so other load on the machine does not
    count) of the whole engine restricted to typo rules, and of the typo rules alone, on the
    clean sentences joined into posts of ~2,000 characters."""
    clean = SHARED / "data/clean/xxqg_clean_sentences.json"
    sents = [r["correct_text"] for r in json.loads(clean.read_text(encoding="utf-8"))]
    posts, cur = [], []
    for s in sents:
        cur.append(s)
        if sum(map(len, cur)) > 2000:
            posts.append("".join(cur))
            cur = []
    if cur:
        posts.append("".join(cur))
    n = sum(map(len, posts))
    t0 = time.process_time()
    for p in posts:
        linter.check_post(Post(content=p))
    whole = n / (time.process_time() - t0)
    docs = [linter.make_doc(p, Post(content=p), None) for p in posts]
    t0 = time.process_time()
    for d in docs:
        for r in linter.rules:
            list(r.check(d))
    rules_only = n / (time.process_time() - t0)
    return whole, rules_only


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--select", default="typo", help="rules to run (default: the typo category)")
    ap.add_argument("--no-fa", action="store_true")
    ap.add_argument("--option", action="append", default=[], metavar="RULE.KEY=VALUE",
                    help="a rule option, e.g. ZW207.min-score=7.5 (repeatable)")
    args = ap.parse_args()
    os.environ.setdefault("ZWLINT_CACHE_DIR", str(ROOT / ".pytest_cache" / "zwlint-cache"))
    options: dict[str, dict] = {}
    for opt in args.option:
        key, _, value = opt.partition("=")
        rule, _, name = key.partition(".")
        options.setdefault(rule, {})[name] = float(value)
    linter = Linter(Config(select=args.select.split(","), options=options))
    linter.check_post(Post(content="预热：加载词典。"))

    print("strict = sentence level as in the SIGHAN bake-offs and ECSpell; lenient = pycorrector's metric")
    print(f"{'set':<14}{'n':>6}  {'strict det P/R/F1':<20}{'strict cor P/R/F1':<20}{'lenient cor P/R/F1':<20}{'char-det P/R/F1':<20}{'char-cor P/R/F1':<20}")
    for name in args.sets.split(","):
        source = SETS[name]()
        if isinstance(source, Path) and not source.is_file():
            print(f"{name:<14} (missing: {source})")
            continue
        rows = read_pairs(source) if isinstance(source, Path) else source
        if args.limit:
            rows = rows[: args.limit]
        r = evaluate(linter, rows)
        cell = lambda t: "{:.3f}/{:.3f}/{:.3f}".format(*t)  # noqa: E731
        print(f"{name:<14}{r['n']:>6}  {cell(r['det']):<20}{cell(r['cor']):<20}{cell(r['pyc']):<20}{cell(r['char']):<20}{cell(r['charcor']):<20}")
    if args.no_fa:
        return
    print()
    for name, n, warn, info, by in false_alarms(linter):
        print(f"false alarms {name:<18}: {warn} warnings+errors ({warn * 10000 / n:.2f} per 10,000 chars), "
              f"{info} info ({info * 10000 / n:.2f}) in {n:,} chars  {by}")
    if (SHARED / "data/clean/xxqg_clean_sentences.json").is_file():
        whole, rules_only = throughput(linter)
        print(f"throughput: {whole:,.0f} chars per CPU-second (engine with typo rules only), {rules_only:,.0f} (typo rules alone)")


if __name__ == "__main__":
    main()
