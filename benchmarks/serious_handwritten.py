"""Recall and false alarms of the serious family (ZW1xx) on the hand-written set
benchmarks/data/serious_handwritten.tsv: sentences in the register of county-level posts
with political key terms written wrongly as people write them (homophones, near sounds,
similar shapes, a wrong or misplaced member of a numbered formulation, a wrong count or
verb, a misspelt formulation name, a character doubled or left out), and correct
sentences of the same kind. The set was written before the rules were tuned and is not
used for tuning.

A sentence with an error counts as found (strict) when a serious finding overlaps the
wrong span, (lenient) when the sentence has any serious finding. A clean sentence with
any serious finding is a false alarm.

    python benchmarks/serious_handwritten.py [--misses] [--data benchmarks/data/serious_heldout.tsv]

benchmarks/data/serious_heldout.tsv is a second hand-written set (54 errors, 51 clean
sentences), written in session 6 before the generation was improved and never used to tune
it: report its figures on their own line.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from datetime import date
from pathlib import Path

from lint.config import Config
from lint.engine import Linter
from lint.model import Post

DATA = Path(__file__).resolve().parent / "data" / "serious_handwritten.tsv"


def load(path: Path = DATA) -> list[tuple[str, str, str, str, date | None]]:
    """Rows kind, wrong, right, text and an optional fifth column: the post's publication
    date (for usages judged only in dated posts)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        kind, wrong, right, text, *published = line.split("\t")
        if kind != "clean" and wrong not in text:
            raise ValueError(f"{path.name}: the wrong form {wrong!r} is not in {text!r}")
        rows.append((kind, wrong, right, text, date.fromisoformat(published[0]) if published else None))
    return rows


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--misses", action="store_true", help="print the sentences missed and the false alarms")
    ap.add_argument("--data", type=Path, default=DATA, help=f"the set (default {DATA.name})")
    args = ap.parse_args()
    linter = Linter(Config(select=["ZW1"]))
    tried, strict, lenient = Counter(), Counter(), Counter()
    clean = alarms = 0
    print(f"set: {args.data.name}")
    for kind, wrong, right, text, published in load(args.data):
        found = [f for f in linter.check_post(Post(content=text, published=published)) if f.category == "serious"]
        if kind == "clean":
            clean += 1
            if found:
                alarms += 1
                if args.misses:
                    print("FALSE ALARM", text, [(f.rule, f.text) for f in found])
            continue
        tried[kind] += 1
        i = text.find(wrong)
        hit = any(f.start < i + len(wrong) and i < f.end for f in found)
        strict[kind] += hit
        lenient[kind] += bool(found)
        if args.misses and not hit:
            print("MISSED", kind, wrong, "->", right, "|", text, [(f.rule, f.text) for f in found])
    n = sum(tried.values())
    print(f"errors: {n}; found (finding on the wrong span): {sum(strict.values())} ({sum(strict.values()) / n:.1%});"
          f" lenient (any serious finding in the sentence): {sum(lenient.values())} ({sum(lenient.values()) / n:.1%})")
    for kind in sorted(tried):
        print(f"  {kind}: {strict[kind]}/{tried[kind]} ({strict[kind] / tried[kind]:.0%})")
    print(f"clean sentences: {clean}; with a serious finding: {alarms} ({alarms / max(1, clean):.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
