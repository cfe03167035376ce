"""Peak memory of `zwlint check` on long texts (clean government sentences repeated).

Each size runs in a fresh process; its peak resident memory is read from the kernel (wait4).
`--ignore format` keeps the findings few, so what is measured is the checking, not the report
(a text of half-width punctuation has one finding per mark, and the report grows with them).

    nice python benchmarks/bench_check_memory.py --chars 0 1000000 3000000
    PYTHONPATH=/path/to/other/checkout python benchmarks/bench_check_memory.py ...   # compare
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLEAN = ROOT.parent / "shared" / "data" / "clean" / "xxqg_clean_sentences.json"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--chars", type=int, nargs="+", default=[0, 1_000_000])
    args = ap.parse_args()
    if CLEAN.is_file():
        corpus = "\n".join(r["correct_text"] for r in json.loads(CLEAN.read_text(encoding="utf-8")))
    else:
        corpus = "各单位：现将有关事项通知如下。请于2024年5月20日前报送。\n" * 1000
    env = dict(os.environ)
    env.setdefault("PYTHONPATH", str(ROOT))
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.chars:
            path = Path(tmp) / f"text{n}.txt"
            path.write_text((corpus * (n // len(corpus) + 1))[:max(n, 1)], encoding="utf-8")
            t0 = time.perf_counter()
            p = subprocess.Popen([sys.executable, "-m", "lint.cli", "check", str(path), "--ignore", "format",
                                  "--format", "json", "--fail-on", "never"], env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(p.pid, 0)
            print(f"{n:>10,} characters: peak {usage.ru_maxrss / 1024:7.0f} MB, {time.perf_counter() - t0:6.1f} s"
                  f"{'' if status == 0 else f' (exit status {status})'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
