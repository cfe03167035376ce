"""Recall of the serious family (ZW1xx) on misspellings planted into real sentences of a
corpus the term was not taken from.

Every correct form of ZW104/ZW106 (sensitive_terms/) whose `source` is a CPC congress report
is tested on sentences of the government work reports (national 1978-2022 and provincial
2026) that contain it, and every form whose source is a work report (or another document)
on sentences of the congress reports: the sentence is real text around the term, not the
text it was checked against. In each carrier sentence the correct form is replaced by
- "generated": one of the misspellings the generator made for it (lint/rules/serious/spelling.py:
  homophones, near homophones, shapes, doubled and missing characters), up to PER_FORM a
  form: does the linter find it where it stands?
- "context": one of the forms that read as ordinary words (文化自性), reported only where the
  neighbours of the correct form stand (sensitive_terms/term_contexts.txt, counted in these same
  corpora: not a held-out figure);
- "candidates": one of all one-character substitutions (homophones, near homophones, similar
  shapes) BEFORE the filters that drop forms reading as ordinary words: the stricter figure,
  the price of precision.
A hit is a ZW1xx finding overlapping the changed span. Corpora by path (../shared/data/corpora).

    python benchmarks/serious_recall.py [--per-form 4] [--limit 0]
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

from lint.config import Config
from lint.engine import Linter
from lint.model import Post
from lint.rules.serious.spelling import is_context_kind, misspellings, substitutes, term_forms
from lint.rules.serious.variants import confusion_data
from lint.terms.lists import load_lists

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
if not SHARED.is_dir():
    SHARED = ROOT.parent.parent / "shared"
SENTENCE = re.compile(r"[^。！？!?；;\n]{6,200}[。！？!?；;]?")


def corpus_sentences() -> dict[str, list[str]]:
    base = SHARED / "data" / "corpora"
    out: dict[str, list[str]] = {"congress": [], "work": []}
    for line in (base / "cpc_congress_reports.jsonl").read_text("utf-8").splitlines():
        rec = json.loads(line)
        if int(rec["congress"]) >= 12:
            out["congress"] += SENTENCE.findall(rec["content"])
    for name in ("gov_work_reports_1954-2022.jsonl", "provincial_gov_work_reports_2026.jsonl"):
        for line in (base / name).read_text("utf-8").splitlines():
            rec = json.loads(line)
            if int(rec.get("year") or 0) >= 1978:
                out["work"] += SENTENCE.findall(rec["content"])
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-form", type=int, default=4, help="misspellings tried per correct form and set")
    ap.add_argument("--limit", type=int, default=0, help="only this many correct forms (0: all)")
    args = ap.parse_args()
    rng = random.Random(15)
    ctx_rng = random.Random(16)  # the context forms' own draws: the other figures keep their sample
    data = confusion_data()
    lists = load_lists()
    sents = corpus_sentences()
    linter = Linter(Config(select=["ZW1"]))
    forms = []
    for e in lists.entries:
        if e.rule in ("ZW104", "ZW106") and e.extra.get("canonical"):
            mined = "congress" if "全国代表大会上的报告" in e.source else "work"
            protected = frozenset(t for o in lists.entries if o.rule == e.rule for t in o.terms)
            for term in e.terms:
                forms.append((term, "work" if mined == "congress" else "congress", protected))
    if args.limit:
        rng.shuffle(forms)
        forms = forms[: args.limit]
    tried, hit = Counter(), Counter()
    by_kind, by_kind_hit = Counter(), Counter()
    carriers_found = 0
    missed = Counter()
    for term, test_on, protected in forms:
        carriers = [s for s in sents[test_on] if term in s]
        if not carriers:
            continue
        carriers_found += 1
        every = misspellings(term_forms(term)[0], protected=protected)
        generated = [(v, why) for v, why in every.items() if not is_context_kind(why)]
        context = [(v, why) for v, why in every.items() if is_context_kind(why)]
        rng.shuffle(generated)
        ctx_rng.shuffle(context)
        cands = [(term[:i] + sub + term[i + 1:], why) for i, ch in enumerate(term) if "\u4e00" <= ch <= "\u9fff"
                 for sub, why in substitutes(ch, data).items()]
        rng.shuffle(cands)
        for label, pool in (("generated", generated[: args.per_form]), ("candidates", cands[: args.per_form]),
                            ("context", context[: args.per_form])):
            for wrong, why in pool:
                s = (ctx_rng if label == "context" else rng).choice(carriers)
                k = s.find(term)
                text = s[:k] + wrong + s[k + len(term):]
                found = any(f.start < k + len(wrong) and k < f.end for f in linter.check_post(Post(content=text))
                            if f.rule.startswith("ZW1"))
                tried[label] += 1
                hit[label] += found
                if label == "generated":
                    by_kind[why] += 1
                    by_kind_hit[why] += found
                    if not found:
                        missed[term] += 1
    print(f"correct forms: {len(forms)}; with a carrier sentence in the other corpus: {carriers_found}")
    for label in ("generated", "candidates", "context"):
        print(f"{label}: {hit[label]}/{tried[label]} found ({hit[label] / max(1, tried[label]):.1%})")
    print("  (context: forms that read as words, reported only next to the neighbours the corpora write by the"
          " correct form; those neighbours were counted in these corpora, so this figure is not held out)")
    for why in sorted(by_kind):
        print(f"  generated, {why}: {by_kind_hit[why]}/{by_kind[why]} ({by_kind_hit[why] / by_kind[why]:.1%})")
    print("forms missed most (generated):", missed.most_common(8))
    return 0


if __name__ == "__main__":
    sys.exit(main())
