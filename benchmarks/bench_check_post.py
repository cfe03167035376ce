"""Per-post cost of Linter.check_post: posts and characters per CPU-second at 60, 300, 1,500 and
6,000-character posts, the sample audit's posts, and the fixed per-post cost (the intercept of
CPU time per post against post length, fitted over the four sizes).

    python benchmarks/bench_check_post.py                # default: about 40 s of CPU
    python benchmarks/bench_check_post.py --seconds 2    # CPU-seconds per size (default 4)
    python benchmarks/bench_check_post.py --profile 60   # cProfile of 60-character posts
    python benchmarks/bench_check_post.py --rules 60     # CPU ms per post of each rule and the engine
    python benchmarks/bench_check_post.py --batch 64     # Linter.check_posts, 64 posts a call (the audit's way)

Posts are cut at sentence ends from the 2026 provincial government work reports
(../shared/data/corpora, every post a different passage, each with a short title), so they read
like real government text; the sample audit's posts are samples/audit/posts.jsonl. Times are
time.process_time() of this process (CPU-seconds), which depends much less than wall-clock time
on how loaded a shared machine is; the load average is printed next to them. The linter is built and its data loaded
before timing, and every post is linted once before the timed rounds (warm caches). The figures
are those of the fastest round over all the posts (the mean of all rounds is printed next to it):
on a shared machine other jobs inflate CPU time by their contention for caches and memory.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lint.engine import Linter  # noqa: E402
from lint.model import Post  # noqa: E402

SIZES = (60, 300, 1500, 6000)
CORPUS = ROOT.parent / "shared" / "data" / "corpora" / "provincial_gov_work_reports_2026.jsonl"
SENTENCE = re.compile(r"[^。！？；]*[。！？；]")


def corpus_sentences(path: Path) -> list[str]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        content = json.loads(line).get("content") or ""
        out.extend(s.strip() for s in SENTENCE.findall(content) if s.strip())
    return out


def make_posts(sentences: list[str], size: int, count: int) -> list[Post]:
    """`count` posts of about `size` characters, consecutive sentences, each post starting
    where the previous one ended (wrapping around the corpus)."""
    posts, i = [], 0
    for n in range(count):
        parts, length = [], 0
        while length < size:
            s = sentences[i % len(sentences)]
            i += 1
            if length and length + len(s) > size * 1.15:
                continue
            parts.append(s)
            length += len(s)
        text = "".join(parts)
        posts.append(Post(content=text, title=text[:18].rstrip("，。；"), id=f"p{n}"))
    return posts


def sample_posts() -> list[Post]:
    from datetime import datetime

    posts = []
    for line in (ROOT / "samples" / "audit" / "posts.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        posts.append(Post(content=r.get("content") or "", title=r.get("title"), id=r.get("id"),
                          account=r.get("account"), platform=r.get("platform"),
                          published=datetime.fromisoformat(r["published"]).date() if r.get("published") else None))
    return posts


def measure(linter: Linter, posts: list[Post], seconds: float, batch: int = 1) -> dict:
    """CPU time of check_post on each post, or with batch > 1 of check_posts on `batch` posts a
    call, in rounds over all the posts until `seconds` of CPU. The per-post figures are those of
    the fastest round (on a shared machine other jobs inflate CPU time: cache and memory
    contention); `mean_ms_per_post` is over all rounds."""
    for p in posts:  # warm-up: lazily loaded data, caches
        linter.check_post(p)
    groups = [posts[i:i + batch] for i in range(0, len(posts), batch)]
    chars = sum(len(p.content or "") + len(p.title or "") for p in posts)
    rounds, findings = [], 0
    t0 = time.process_time()
    while True:
        start = time.process_time()
        for group in groups:
            found = [linter.check_post(group[0])] if batch == 1 else linter.check_posts(group)
            findings += sum(map(len, found))
        rounds.append(time.process_time() - start)
        if time.process_time() - t0 >= seconds:
            break
    best = min(rounds)
    n = len(posts)
    return {"posts": n * len(rounds), "rounds": len(rounds), "cpu_s": sum(rounds), "posts_per_cpu_s": n / best,
            "chars_per_cpu_s": chars / best, "ms_per_post": 1000 * best / n,
            "mean_ms_per_post": 1000 * sum(rounds) / (n * len(rounds)), "chars_per_post": chars / n,
            "findings_per_post": findings / (n * len(rounds))}


def fixed_cost(rows: list[dict]) -> float:
    """Least-squares intercept (ms) of ms per post against characters per post."""
    xs = [r["chars_per_post"] for r in rows]
    ys = [r["ms_per_post"] for r in rows]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    return my - slope * mx


def rule_costs(linter: Linter, posts: list[Post], rounds: int = 2) -> tuple[float, list[tuple[str, float]]]:
    """(CPU ms per post of check_post, [(what, CPU ms per post)]): each rule's hooks (a rule
    computing a shared analysis first is charged for it) and the engine (make_doc: normalising
    and matching; the rest of check_post)."""
    from collections import Counter

    spent: Counter = Counter()

    def timed(label, fn, listed=True):
        def call(*args):
            t = time.process_time()
            out = list(fn(*args)) if listed else fn(*args)
            spent[label] += time.process_time() - t
            return out
        return call

    hooks = linter._rule_hooks()
    for rule, reads_texts, reads_post in hooks:
        if reads_texts:
            rule.check = timed(rule.code, rule.check)
        if reads_post:
            rule.check_post = timed(rule.code, rule.check_post)
    linter.make_doc = timed("engine: make_doc", linter.make_doc, listed=False)
    try:
        for p in posts:
            linter.check_post(p)
        spent.clear()
        t0 = time.process_time()
        for _ in range(rounds):
            for p in posts:
                linter.check_post(p)
        total = time.process_time() - t0
    finally:
        for rule, _r, _p in hooks:
            rule.__dict__.pop("check", None)
            rule.__dict__.pop("check_post", None)
        del linter.make_doc
    n = rounds * len(posts)
    rows = [(what, 1000 * t / n) for what, t in spent.most_common()]
    rows.append(("engine: the rest (rule loop, findings)", 1000 * (total - sum(spent.values())) / n))
    return 1000 * total / n, rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=4.0, help="CPU-seconds per size (default 4)")
    ap.add_argument("--sizes", default=",".join(map(str, SIZES)))
    ap.add_argument("--profile", type=int, metavar="SIZE", help="profile posts of this size instead (0: sample audit posts)")
    ap.add_argument("--rules", type=int, metavar="SIZE", help="CPU ms per post of each rule at this size instead (0: sample audit posts)")
    ap.add_argument("--batch", type=int, default=1, metavar="N",
                    help="lint N posts a call with Linter.check_posts, as the audit does (default 1: check_post)")
    ap.add_argument("--json", action="store_true", help="print the rows as JSON too")
    args = ap.parse_args()

    linter = Linter()
    linter.preload()
    sentences = corpus_sentences(CORPUS)
    if args.rules is not None:
        posts = sample_posts() if args.rules == 0 else make_posts(sentences, args.rules, max(20, min(300, 24000 // args.rules)))
        total, rows = rule_costs(linter, posts)
        print(f"load average {os.getloadavg()[0]:.1f}; CPU ms per post, posts of {args.rules or 'the sample audit'}: "
              f"{total:.3f} in all (timing each hook adds a little)")
        for what, ms in rows:
            if abs(ms) >= 0.005 or what.startswith("engine"):
                print(f"{ms:8.3f}  {what}")
        return
    if args.profile is not None:
        import cProfile
        import pstats

        posts = sample_posts() if args.profile == 0 else make_posts(sentences, args.profile, 200)
        for p in posts:
            linter.check_post(p)
        prof = cProfile.Profile()
        prof.enable()
        for _ in range(3):
            for p in posts:
                linter.check_post(p)
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(30)
        pstats.Stats(prof).sort_stats("cumulative").print_stats(40)
        return

    how = "check_post" if args.batch == 1 else f"check_posts, {args.batch} posts a call"
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; CPU-seconds of this process; {how}")
    print("per post: the fastest round's figures; mean ms: over all rounds")
    print(f"{'post size':>10} {'posts':>6} {'ms/post':>8} {'mean ms':>8} {'posts/cpu-s':>11} {'chars/cpu-s':>11} "
          f"{'findings/post':>13}")
    rows = []
    for size in [int(s) for s in args.sizes.split(",")]:
        posts = make_posts(sentences, size, max(20, min(400, 24000 // size)))
        r = measure(linter, posts, args.seconds, args.batch)
        r["size"] = size
        rows.append(r)
        print(f"{r['chars_per_post']:>10.0f} {r['posts']:>6} {r['ms_per_post']:>8.2f} {r['mean_ms_per_post']:>8.2f} "
              f"{r['posts_per_cpu_s']:>11.0f} {r['chars_per_cpu_s']:>11.0f} {r['findings_per_post']:>13.2f}")
    r = measure(linter, sample_posts(), args.seconds, args.batch)
    r["size"] = "sample audit"
    print(f"{'sample ' + format(r['chars_per_post'], '.0f'):>10} {r['posts']:>6} {r['ms_per_post']:>8.2f} "
          f"{r['mean_ms_per_post']:>8.2f} {r['posts_per_cpu_s']:>11.0f} {r['chars_per_cpu_s']:>11.0f} "
          f"{r['findings_per_post']:>13.2f}")
    if len(rows) >= 2:
        print(f"fixed cost per post (intercept): {fixed_cost(rows):.2f} ms")
    if args.json:
        print(json.dumps(rows + [r]))


if __name__ == "__main__":
    main()
