"""Measure the content rules (ZW3xx-ZW9xx) on the shared development data.

    PYTHONPATH=. python benchmarks/eval_content.py [--shared ../shared] [--show 10]

1. Clickbait: precision/recall of ZW301 (post score) on HanCD sina test headlines
   (496, labels noisy: the labellers counted most question headlines as clickbait),
   judged on the title alone and on title + body.
2. False alarms per rule on the seeds (real inspection bulletins) and on 5,000 clean
   学习强国 sentences (their punctuation was made half-width by the compilers, so ZW804
   fires by construction and is listed apart).
3. Speed of the content families on the seeds.
Nothing here is copied into the repository; the data is read by path.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lint.config import Config  # noqa: E402
from lint.engine import Linter  # noqa: E402
from lint.model import Post  # noqa: E402

FAMILIES = ("entertainment", "offtopic", "privacy", "date", "format", "sensitive")


def find_shared(explicit: str | None) -> Path:
    if explicit:
        return Path(explicit)
    for base in (ROOT.parent, ROOT.parent.parent):
        if (base / "shared" / "seeds").is_dir():
            return base / "shared"
    sys.exit("shared data not found; pass --shared")


def clickbait(linter: Linter, path: Path, show: int, setting: str = "defaults") -> None:
    csv.field_size_limit(10_000_000)
    rows = list(csv.reader(path.open(encoding="utf-8")))
    print(f"\n## Clickbait (ZW301, {setting}) on {path.name}: {len(rows)} headlines, "
          f"{sum(r[0] == '1' for r in rows)} labelled clickbait")
    for mode in ("title only", "title + body"):
        tp = fp = fn = tn = 0
        fps, tps = [], []
        for label, title, body, *_ in rows:
            post = Post(content=body if mode == "title + body" else "", title=title, id="x")
            hit = any(f.rule == "ZW301" for f in linter.check_post(post))
            gold = label == "1"
            if hit and gold:
                tp += 1
                tps.append(title)
            elif hit:
                fp += 1
                fps.append(title)
            elif gold:
                fn += 1
            else:
                tn += 1
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        print(f"- {mode}: flagged {tp + fp}, TP {tp}, FP {fp}, FN {fn}, TN {tn}; "
              f"precision {p:.2f}, recall {r:.2f}")
        if show:
            print("  flagged, labelled 1:", " | ".join(tps[:show]))
            print("  flagged, labelled 0:", " | ".join(fps[:show]))


def false_alarms(linter: Linter, seeds: dict[str, str], clean: list[str]) -> None:
    print("\n## Findings of the content families on clean government text")
    per_seed = {}
    for name, text in seeds.items():
        fs = [f for f in linter.check_post(Post(content=text)) if f.category in FAMILIES]
        per_seed[name] = Counter(f"{f.rule}/{f.severity}" for f in fs)
    for name, c in per_seed.items():
        print(f"- seed {name}: {dict(sorted(c.items())) or 'none'}")
    c = Counter()
    examples: dict[str, list[str]] = {}
    for s in clean:
        for f in linter.check_post(Post(content=s)):
            if f.category in FAMILIES:
                c[f.rule] += 1
                examples.setdefault(f.rule, []).append(f"{f.text} ← {s[:60]}")
    print(f"- clean sentences ({len(clean)}): " + (", ".join(f"{k}: {v}" for k, v in sorted(c.items())) or "none"))
    for rule, ex in sorted(examples.items()):
        if rule != "ZW804":
            print(f"  {rule}: " + " | ".join(ex[:5]))


def speed(linter: Linter, seeds: dict[str, str]) -> None:
    texts = list(seeds.values())
    chars = sum(len(t) for t in texts)
    for t in texts:  # warm up (jieba, caches)
        linter.check_post(Post(content=t))
    n = 20
    t0 = time.perf_counter()
    for _ in range(n):
        for t in texts:
            linter.check_post(Post(content=t))
    dt = time.perf_counter() - t0
    print(f"\n## Speed: content families only, seeds x{n}: {n * chars / dt / 1000:.0f}k chars/s "
          f"({dt / n / len(texts) * 1000:.1f} ms per seed)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared")
    ap.add_argument("--show", type=int, default=8)
    args = ap.parse_args()
    shared = find_shared(args.shared)
    linter = Linter(Config(select=list(FAMILIES)))
    seeds = {p.name: p.read_text(encoding="utf-8") for p in sorted((shared / "seeds").glob("*.txt"))}
    clean_path = shared / "data" / "clean" / "xxqg_clean_sentences.json"
    clean = [r["correct_text"] for r in json.loads(clean_path.read_text(encoding="utf-8"))]
    cb = shared / "data" / "clickbait" / "hancd_sina_test.csv"
    clickbait(linter, cb, args.show)
    questions = Linter(Config(select=list(FAMILIES), options={"ZW301": {"title_question": 0.5}}))
    clickbait(questions, cb, 0, "title_question = 0.5")
    false_alarms(linter, seeds, clean)
    speed(linter, seeds)


if __name__ == "__main__":
    main()
