"""False alarms of the serious (ZW1xx) and secrecy (ZW6xx) families on clean text: the
seeds (real inspection bulletins) and the 5,000 clean 学习强国 sentences in
../shared/data/clean. Prints every finding and the rate; run from the repository root:

    python benchmarks/serious_false_alarms.py
"""
from __future__ import annotations

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


def main() -> int:
    linter = Linter(Config(select=["ZW1", "ZW6"]))
    texts: list[tuple[str, str]] = []
    for p in sorted((SHARED / "seeds").glob("*.txt")):
        texts.append((p.name, p.read_text(encoding="utf-8")))
    clean = SHARED / "data" / "clean" / "xxqg_clean_sentences.json"
    if clean.is_file():
        for i, r in enumerate(json.loads(clean.read_text(encoding="utf-8"))):
            texts.append((f"clean#{i}", r["correct_text"]))
    t = time.perf_counter()
    flagged = 0
    for name, text in texts:
        found = [f for f in linter.check_post(Post(content=text)) if f.rule.startswith(("ZW1", "ZW6"))]
        if found:
            flagged += 1
            for f in found:
                print(f"{name}\t{f.rule}\t{f.text}\t{f.message}\t{text[max(0, f.start - 15):f.end + 15]}")
    dt = time.perf_counter() - t
    print(f"{flagged} of {len(texts)} texts with a finding ({flagged / max(1, len(texts)):.2%}); {dt:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
