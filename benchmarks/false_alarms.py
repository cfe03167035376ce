"""False alarms of every rule on clean, real government text.

    python benchmarks/false_alarms.py [--show 3]

Runs the whole linter (all rules, default configuration) over the five seed bulletins in
../shared/seeds and the 5,000 error-free 学习强国 sentences in ../shared/data/clean (read
by path; nothing is copied into the repository) and prints, per rule, how many findings
it raised and how many per 10,000 characters. Every finding on this text is a false alarm
except the garbled characters of seed 004 (a bad conversion, reported by the format rules).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def shared() -> Path:
    for base in ROOT.parents:
        if (base / "shared" / "seeds").is_dir():
            return base / "shared"
    sys.exit("../shared not found")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", type=int, default=3, help="examples to print per rule")
    args = ap.parse_args()

    from lint.engine import Linter
    from lint.model import Post

    linter = Linter()
    base = shared()
    corpora = {
        "seeds": [(p.name, p.read_text(encoding="utf-8")) for p in sorted((base / "seeds").glob("*.txt"))],
        "clean": [(str(i), r["correct_text"]) for i, r in
                  enumerate(json.loads((base / "data/clean/xxqg_clean_sentences.json").read_text(encoding="utf-8")))],
    }
    for name, texts in corpora.items():
        chars = sum(len(t) for _, t in texts)
        counts: Counter = Counter()
        examples = defaultdict(list)
        t0 = time.perf_counter()
        for tid, text in texts:
            published = date(2023, 7, 6) if name == "seeds" else None
            for f in linter.check_post(Post(content=text, published=published)):
                counts[(f.rule, f.severity)] += 1
                if len(examples[f.rule]) < args.show:
                    examples[f.rule].append(f"{tid}: “{f.text}” {f.message[:60]}")
        dt = time.perf_counter() - t0
        print(f"\n== {name}: {len(texts):,} texts, {chars:,} characters, {chars / dt:,.0f} chars/s (all rules)")
        if not counts:
            print("   no findings")
        for (rule, sev), n in sorted(counts.items()):
            print(f"   {rule} {sev:<8} {n:>5}  {n / chars * 10000:6.2f} per 10k chars")
            for ex in examples[rule]:
                print(f"        {ex}")


if __name__ == "__main__":
    main()
