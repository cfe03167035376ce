"""Term matching throughput: zwlint's full matching step against plain Aho-Corasick libraries.

    python benchmarks/bench_matching.py [--mb 5] [--terms 50000] [--repeat 5] [--lists]

In one run, on the same Chinese text and the same term list:

* pyahocorasick          ahocorasick.Automaton.iter(text), every overlapping match
* ahocorasick-rs         AhoCorasick.find_matches_as_indexes(text, overlapping=True)
* daachorse (bytes)      DoubleArrayAhoCorasick.find_overlapping(text.encode()) -- raw byte
                         offsets, the automaton zwlint uses
* daachorse (charwise)   CharwiseDoubleArrayAhoCorasick.find_overlapping(text)
* zwlint                 lint.text.normalize.normalize(text) + lint.terms.matcher.TermMatcher.find_raw,
                         exactly what Linter.make_doc does for every text: fold (the folded str
                         is built: rules read it), remove fillers, match, turn byte offsets into
                         code points and map every match back to the original text (offset
                         arrays; TermMatch objects are made later for the rules that ask, and the
                         cost of making one for every match is printed on its own line; the
                         squeezed str is decoded only when a rule reads it, as in the engine).
                         Texts of 2,048+ characters take the numpy normaliser, shorter ones (the
                         per-post line) the str one.

Terms: a fixed-seed sample of multi-character Han words from jieba's dict.txt (the installed
package). Text: the sentences of the seed bulletins (../shared/seeds, by path; nothing is copied
into the repository) shuffled and repeated until the text reaches --mb megabytes. Without the
seeds a warning is printed and sentences are generated from dictionary words instead.

With --lists, also the matcher the linter really uses: every list in dictionaries/ and
sensitive_terms/ compiled with the generated entries (misspellings of the key terms ...),
from the on-disk cache (the time to make a Linter, which loads it, is printed), on the
same text, whole and per post.

MB/s = UTF-8 bytes of the input / 10^6 / seconds, best of --repeat runs; automaton build
time is reported separately. Every matcher must find the same overlapping matches: the counts are
compared, and pyahocorasick's matches are compared one by one with zwlint's (start, end, term).
"""
from __future__ import annotations

import argparse
import gc
import os
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))



def _shared() -> Path:
    """../shared from the repository root (also from a git worktree a level deeper)."""
    if os.environ.get("ZWLINT_SHARED"):
        return Path(os.environ["ZWLINT_SHARED"])
    for base in ROOT.parents:
        if (base / "shared" / "seeds").is_dir():
            return base / "shared"
    return ROOT.parent / "shared"


SEEDS = _shared() / "seeds"
HAN_WORD = re.compile(r"^[\u4e00-\u9fff]{2,8}$")


def jieba_words() -> list[str]:
    import jieba

    path = Path(jieba.__file__).resolve().parent / "dict.txt"
    words = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            w = line.split(" ", 1)[0]
            if HAN_WORD.match(w):
                words.append(w)
    return words


def pick_terms(words: list[str], n: int, seed: int = 20240501) -> list[str]:
    """n distinct words that normalisation leaves unchanged, so that every matcher searches
    for exactly the same strings."""
    from lint.text.normalize import fold_term

    rng = random.Random(seed)
    pool = sorted(set(words))
    rng.shuffle(pool)
    out = []
    for w in pool:
        if fold_term(w) == w:
            out.append(w)
            if len(out) == n:
                break
    return out


def seed_sentences() -> list[str]:
    sents: list[str] = []
    # Seed 004 is traditional Chinese with garbled conversion: normalisation changes it, so
    # zwlint (which folds traditional to simplified) would rightly find more than the others.
    for p in sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []:
        if p.name.startswith("004"):
            continue
        text = p.read_text(encoding="utf-8")
        sents.extend(s for s in re.findall(r"[^。！？!?\n]+[。！？!?]?", text) if s.strip())
    return sents


def generated_sentences(words: list[str], n: int = 5000, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(words) for _ in range(rng.randint(4, 14))) + "。" for _ in range(n)]


def build_text(sentences: list[str], mb: float, seed: int = 1) -> str:
    rng = random.Random(seed)
    target = int(mb * 1_000_000)
    pieces: list[str] = []
    size = 0
    while size < target:
        batch = sentences[:]
        rng.shuffle(batch)
        for s in batch:
            pieces.append(s)
            size += len(s.encode("utf-8"))
            if rng.random() < 0.08:
                pieces.append("\n")
                size += 1
            if size >= target:
                break
    return "".join(pieces)


def best_of(fn, repeat: int):
    best = float("inf")
    result = None
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=5.0, help="text size in MB of UTF-8 (default 5)")
    ap.add_argument("--terms", type=int, default=50_000, help="number of terms (default 50000)")
    ap.add_argument("--repeat", type=int, default=5,
                    help="timed runs per matcher, best is kept (the same for every row: on a shared machine "
                         "fewer runs mostly measure the neighbours)")
    ap.add_argument("--lists", action="store_true",
                    help="also time the compiled shipped lists (lint.terms.matcher.cached_matcher)")
    args = ap.parse_args(argv)

    import ahocorasick
    import ahocorasick_rs
    import daachorse

    from lint.terms.lists import Entry
    from lint.terms.matcher import TermMatcher
    from lint.text.normalize import fold_table, normalize

    words = jieba_words()
    terms = pick_terms(words, args.terms)
    sentences = seed_sentences()
    origin = "seed bulletins (000-003), shuffled"
    if not sentences:
        print(f"warning: {SEEDS} not found; using generated sentences", file=sys.stderr)
        sentences = generated_sentences(words)
        origin = "generated from jieba words"
    text = build_text(sentences, args.mb)
    data = text.encode("utf-8")
    mb = len(data) / 1e6
    print(f"text: {mb:.2f} MB UTF-8, {len(text):,} characters, {origin}")
    print(f"terms: {len(terms):,} Han words (2-8 characters) sampled from jieba dict.txt")
    fold_table()  # load the t2s table (disk cache) outside the timings

    rows = []  # name, build seconds, scan seconds, matches

    t0 = time.perf_counter()
    pyac = ahocorasick.Automaton()
    for i, w in enumerate(terms):
        pyac.add_word(w, i)
    pyac.make_automaton()
    build = time.perf_counter() - t0

    def run_pyac():
        return [(end - len(terms[i]) + 1, end + 1, i) for end, i in pyac.iter(text)]

    scan, pyac_matches = best_of(run_pyac, args.repeat)
    rows.append(("pyahocorasick", build, scan, len(pyac_matches)))

    t0 = time.perf_counter()
    acrs = ahocorasick_rs.AhoCorasick(terms)
    build = time.perf_counter() - t0
    scan, res = best_of(lambda: acrs.find_matches_as_indexes(text, overlapping=True), args.repeat)
    rows.append(("ahocorasick-rs", build, scan, len(res)))

    t0 = time.perf_counter()
    daa = daachorse.DoubleArrayAhoCorasick([w.encode("utf-8") for w in terms])
    build = time.perf_counter() - t0
    scan, res = best_of(lambda: daa.find_overlapping(text.encode("utf-8")), args.repeat)
    rows.append(("daachorse (bytes, raw byte offsets)", build, scan, len(res)))

    t0 = time.perf_counter()
    daac = daachorse.CharwiseDoubleArrayAhoCorasick(terms)
    build = time.perf_counter() - t0
    scan, res = best_of(lambda: daac.find_overlapping(text), args.repeat)
    rows.append(("daachorse (charwise)", build, scan, len(res)))
    del res

    entries = [Entry(rule="BENCH", terms=(w,), pattern=None, fixes=(), reason="", source="jieba dict.txt",
                     file="bench") for w in terms]
    t0 = time.perf_counter()
    zw = TermMatcher(entries)
    build = time.perf_counter() - t0
    scan_norm, norm = best_of(lambda: normalize(text), args.repeat)
    # The engine's step is find_raw: scan + every match mapped back to the original text
    # (offset arrays); TermMatch objects are built later, only for the rules that ask.
    scan_find, _ = best_of(lambda: zw.find_raw(norm), args.repeat)
    scan, _ = best_of(lambda: zw.find_raw(normalize(text)), args.repeat)
    scan_objects, zw_matches = best_of(lambda: zw.find(norm), args.repeat)
    rows.append(("zwlint normalise + match + map back", build, scan, len(zw_matches)))

    # Per post: the same text cut into ~2 KB posts, each normalised and matched on its own
    # (what the linter does for a folder of posts).
    posts = [text[i : i + 700] for i in range(0, len(text), 700)]
    scan_posts, n_posts = best_of(lambda: sum(len(zw.find_raw(normalize(p))) for p in posts), args.repeat)

    base = rows[0][2]
    print()
    print(f"{'matcher':<38} {'build s':>8} {'scan s':>8} {'MB/s':>8} {'matches':>10} {'vs pyahocorasick':>17}")
    for name, b, s, n in rows:
        print(f"{name:<38} {b:>8.2f} {s:>8.3f} {mb / s:>8.1f} {n:>10,} {base / s:>16.1f}x")
    print(f"{'  zwlint, per ~2 KB post':<38} {'':>8} {scan_posts:>8.3f} {mb / scan_posts:>8.1f} {n_posts:>10,}"
          f" {base / scan_posts:>16.1f}x")
    print(f"  zwlint steps: normalise {scan_norm:.3f} s ({mb / scan_norm:.0f} MB/s), "
          f"scan + offset mapping {scan_find:.3f} s ({mb / scan_find:.0f} MB/s); "
          f"building a TermMatch object for every match too: {scan_objects:.3f} s")

    if args.lists:
        from lint.config import Config
        from lint.engine import Linter

        Linter(Config())  # build the matcher into the cache if needed, outside the timing
        t0 = time.perf_counter()
        shipped = Linter(Config()).matcher  # the lists with every rule's generated entries
        load = time.perf_counter() - t0
        s_whole, found = best_of(lambda: shipped.find_raw(normalize(text)), args.repeat)
        s_posts, n_found = best_of(lambda: sum(len(shipped.find_raw(normalize(p))) for p in posts), args.repeat)
        print(f"  shipped lists, {len(shipped):,} keys (Linter made in {load:.2f} s): "
              f"whole text {s_whole:.3f} s ({mb / s_whole:.1f} MB/s, {len(found):,} matches), "
              f"per ~2 KB post {s_posts:.3f} s ({mb / s_posts:.1f} MB/s)")

    libs = rows[:-1]
    counts = {n for _, _, _, n in libs}
    same_count = len(counts) == 1
    # zwlint also finds terms split by filler characters between Han characters (民 政 局,
    # 习·近·平), by design. Its reference is therefore pyahocorasick run on the normalised
    # text with every match mapped back through the offset map.
    ref = sorted({(*norm.span_to_original(end - len(terms[i]) + 1, end + 1), terms[i])
                  for end, i in pyac.iter(norm.text)})
    zw_set = sorted((m.start, m.end, m.entry.terms[0]) for m in zw_matches)
    same_matches = zw_set == ref and len(zw_matches) == len(ref)
    across = len(set(zw_set) - {(s, e, terms[i]) for s, e, i in pyac_matches})
    print()
    print(f"same number of overlapping matches in every library: {'yes' if same_count else 'NO'} "
          f"({', '.join(f'{n:,}' for n in sorted(counts))})")
    print(f"zwlint (start, end, term) identical to pyahocorasick on the normalised text mapped back: "
          f"{'yes' if same_matches else 'NO'} ({len(zw_matches):,} vs {len(ref):,}); "
          f"{across:,} of them span filler characters the libraries cannot see through")
    zw_speed = mb / rows[-1][2]
    goal = zw_speed >= 100 and base / rows[-1][2] >= 20
    print(f"goal (zwlint >= 100 MB/s and >= 20x pyahocorasick): {'met' if goal else 'NOT met'} "
          f"({zw_speed:.0f} MB/s, {base / rows[-1][2]:.1f}x)")
    return 0 if same_count and same_matches else 1


if __name__ == "__main__":
    sys.exit(main())
