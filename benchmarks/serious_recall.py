"""Recall of the generated misspellings (ZW101, ZW104, ZW106) on synthetic errors.

Every clean 学习强国 sentence (../shared/data/clean) that contains a correct form from
sensitive_terms/ (a formulation, an organ name, a leader's name or title) gets one
character of that form replaced by each of its homophones and similar-shape characters
(pycorrector's data and pypinyin, the same confusion sets the generator uses, BEFORE its
filters), one sentence per (form, position, substitute), capped per form. A hit is a ZW1xx
finding overlapping the changed character. Recall below 100 % is the price of the
filters that keep precision (variants that are real words are never reported).

    python benchmarks/serious_recall.py
"""
from __future__ import annotations

import json
import random
import sys
from collections import Counter
from pathlib import Path

from lint.config import Config
from lint.engine import Linter
from lint.model import Post
from lint.rules.serious.variants import confusion_data
from lint.terms.lists import load_lists

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
if not SHARED.is_dir():
    SHARED = ROOT.parent.parent / "shared"
PER_FORM = 60


def main() -> int:
    rng = random.Random(7)
    lists = load_lists()
    forms = []
    for e in lists.entries:
        if e.rule in ("ZW104", "ZW106") and e.extra.get("canonical"):
            forms.extend(e.terms)
        elif e.rule == "ZW102" and e.extra.get("kind") == "title" and e.extra.get("misspell_check"):
            forms.extend(e.terms)
        elif e.rule == "ZW102" and e.extra.get("kind") != "title" and e.extra.get("variants") == "anywhere":
            forms.extend(e.terms)
    sents = [r["correct_text"] for r in json.loads((SHARED / "data/clean/xxqg_clean_sentences.json").read_text("utf-8"))]
    data = confusion_data()
    linter = Linter(Config(select=["ZW1"]))
    tried = hit = 0
    missed = Counter()
    by_why = Counter()
    by_why_hit = Counter()
    for form in sorted(set(forms), key=len, reverse=True):
        carriers = [s for s in sents if form in s]
        if not carriers:
            continue
        cases = []
        for i, ch in enumerate(form):
            for sub, why in data.candidates(ch).items():
                cases.append((i, sub, why))
        rng.shuffle(cases)
        for i, sub, why in cases[:PER_FORM]:
            s = rng.choice(carriers)
            k = s.find(form)
            text = s[: k + i] + sub + s[k + i + 1 :]
            found = [f for f in linter.check_post(Post(content=text)) if f.start <= k + i < f.end]
            tried += 1
            by_why[why] += 1
            if found:
                hit += 1
                by_why_hit[why] += 1
            else:
                missed[form] += 1
    print(f"forms with carriers: {len([f for f in set(forms) if any(f in s for s in sents)])}")
    print(f"synthetic one-character errors: {tried}, found: {hit} ({hit / max(1, tried):.1%})")
    for why in by_why:
        print(f"  {why}: {by_why_hit[why]}/{by_why[why]} ({by_why_hit[why] / by_why[why]:.1%})")
    print("most missed forms:", missed.most_common(8))
    return 0


if __name__ == "__main__":
    sys.exit(main())
