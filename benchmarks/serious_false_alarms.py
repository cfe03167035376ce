"""False alarms of the serious (ZW1xx) and secrecy (ZW6xx) families on clean text, one line
per set: the seeds (real inspection bulletins), the 5,000 clean 学习强国 sentences in
../shared/data/clean, the correct side (targets) of SIGHAN 2013-2015 and ECSpell law/medical,
and with --corpora the paragraphs of the corpora the key terms were checked against (the CPC
congress reports, the government work reports 1954-2022, the provincial reports 2026; only
reports from 1978 on: the earlier ones are partly in traditional characters and speak
another political language). Prints every finding, then the rate per set; run from the
repository root:

    python benchmarks/serious_false_alarms.py [--corpora] [--quiet]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from lint.config import Config
from lint.engine import Linter
from lint.model import Post

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
if not SHARED.is_dir():  # a worktree under /work/wt/<name>
    SHARED = ROOT.parent.parent / "shared"


def clean_sets(with_corpora: bool) -> dict[str, list[tuple[str, str]]]:
    sets: dict[str, list[tuple[str, str]]] = {}
    sets["seeds"] = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((SHARED / "seeds").glob("*.txt"))]
    clean = SHARED / "data" / "clean" / "xxqg_clean_sentences.json"
    if clean.is_file():
        sets["xxqg-clean"] = [(f"clean#{i}", r["correct_text"])
                              for i, r in enumerate(json.loads(clean.read_text(encoding="utf-8")))]
    targets = []
    for p in [*sorted((SHARED / "data" / "sighan").glob("test*.txt")), *sorted((SHARED / "data" / "ecspell").glob("*.test"))]:
        for i, line in enumerate(p.read_text(encoding="utf-8").splitlines()):
            parts = line.split("\t")
            if len(parts) >= 3:
                targets.append((f"{p.name}#{i}", parts[2]))
    sets["sighan-ecspell-targets"] = targets
    if with_corpora:
        base = SHARED / "data" / "corpora"
        for name, fname in (("congress-reports", "cpc_congress_reports.jsonl"),
                            ("work-reports", "gov_work_reports_1954-2022.jsonl"),
                            ("provincial-2026", "provincial_gov_work_reports_2026.jsonl")):
            paras = []
            for line in (base / fname).read_text(encoding="utf-8").splitlines():
                rec = json.loads(line)
                if int(rec.get("congress") or 99) < 11 or int(rec.get("year") or 2022) < 1978:
                    continue
                for k, para in enumerate(p for p in rec["content"].split("\n") if p.strip()):
                    paras.append((f"{rec['title']}#{k}", para))
            sets[name] = paras
    return sets


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpora", action="store_true", help="also the paragraphs of the three corpora")
    ap.add_argument("--quiet", action="store_true", help="only the totals")
    args = ap.parse_args()
    linter = Linter(Config(select=["ZW1", "ZW6"]))
    totals = []
    for set_name, texts in clean_sets(args.corpora).items():
        t = time.perf_counter()
        flagged = findings = 0
        for name, text in texts:
            found = [f for f in linter.check_post(Post(content=text)) if f.rule.startswith(("ZW1", "ZW6"))]
            if found:
                flagged += 1
                findings += len(found)
                if not args.quiet:
                    for f in found:
                        print(f"{name}\t{f.rule}\t{f.text}\t{f.message}\t{text[max(0, f.start - 15):f.end + 15]}")
        totals.append(f"{set_name}: {flagged} of {len(texts)} texts with a finding ({flagged / max(1, len(texts)):.2%}),"
                      f" {findings} findings; {time.perf_counter() - t:.2f} s")
    print("\n".join(totals))
    return 0


if __name__ == "__main__":
    sys.exit(main())
