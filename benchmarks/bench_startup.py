"""Start-up cost of the command line, which is what a pre-commit hook pays on every commit.

    python benchmarks/bench_startup.py [--runs 5] [--importtime]

Wall time of separate processes running this checkout's `zwlint` (the console script's
`lint.cli:app`, with the repository root first on sys.path):

* `zwlint --help`
* `zwlint check small.md` cold: an empty ZWLINT_CACHE_DIR, so the traditional->simplified
  table and the automaton of every word list are built and written to the cache
* `zwlint check small.md` warm: the same cache directory again (the usual case)

small.md is a short clean notice (about 1 KB) written to a temporary folder. The goal is a
warm run under 1 second. --importtime adds the slowest imports of a warm run
(`python -X importtime`, cumulative).
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SMALL_MD = """\
# 关于做好2024年国庆节期间安全生产工作的通知

各乡镇人民政府、街道办事处，县直各有关单位：

国庆节临近，为切实做好节日期间安全生产工作，保障人民群众生命财产安全，现将有关事项通知如下。

一、压实安全责任。各单位要严格落实安全生产责任制，主要负责人要亲自部署、亲自检查。

二、开展隐患排查。重点检查道路交通、建筑施工、人员密集场所和燃气设施，发现问题立即整改。

三、严格值班值守。节日期间实行24小时值班和领导带班制度，遇有突发情况及时报告。

特此通知。

县安全生产委员会办公室
2024年9月25日
"""

LAUNCH = "import sys; sys.argv[0] = 'zwlint'; from lint.cli import app; app()"


def run(args: list[str], cache: str, extra: list[str] = ()) -> tuple[float, subprocess.CompletedProcess]:
    env = dict(os.environ, ZWLINT_CACHE_DIR=cache,
               PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep))
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, *extra, "-c", LAUNCH, *args], env=env, capture_output=True,
                          text=True, cwd=ROOT)
    return time.perf_counter() - t0, proc


def summary(times: list[float]) -> str:
    return f"min {min(times):.2f} s  median {statistics.median(times):.2f} s  max {max(times):.2f} s"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5, help="runs of each case (default 5)")
    ap.add_argument("--importtime", action="store_true", help="show the slowest imports of a warm run")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "small.md"
        small.write_text(SMALL_MD, encoding="utf-8")
        check = ["check", str(small)]

        helps = [run(["--help"], os.path.join(tmp, "cache-help"))[0] for _ in range(args.runs)]

        colds = []
        for i in range(args.runs):
            t, proc = run(check, os.path.join(tmp, f"cold-{i}"))
            if proc.returncode not in (0, 1):
                print(proc.stdout, proc.stderr, file=sys.stderr)
                return 2
            colds.append(t)

        warm_cache = os.path.join(tmp, "cold-0")
        warms = []
        for _ in range(args.runs):
            t, proc = run(check, warm_cache)
            warms.append(t)
        last = (proc.stdout.strip().splitlines() or [""])[-1]

        bare = []
        for _ in range(3):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-c", "pass"], check=True)
            bare.append(time.perf_counter() - t0)

        print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f}; "
              f"{args.runs} runs each; small.md {len(SMALL_MD.encode('utf-8'))} bytes")
        print(f"{'python -c pass':<32} {summary(bare)}")
        print(f"{'zwlint --help':<32} {summary(helps)}")
        print(f"{'zwlint check small.md (cold)':<32} {summary(colds)}")
        print(f"{'zwlint check small.md (warm)':<32} {summary(warms)}")
        print(f"cache files: {', '.join(sorted(os.listdir(warm_cache)))}")
        print(f"last output line: {last}")
        ok = statistics.median(warms) < 1.0
        print(f"goal (warm run under 1 s): {'met' if ok else 'NOT met'}")

        if args.importtime:
            _, proc = run(check, warm_cache, ["-X", "importtime"])
            rows = []
            for line in proc.stderr.splitlines():
                if not line.startswith("import time:") or "cumulative" in line:
                    continue
                self_us, cum_us, name = line[len("import time:"):].split("|", 2)
                rows.append((int(cum_us), int(self_us), name.rstrip()))
            print("\nslowest imports of a warm run (cumulative ms, self ms, module):")
            for cum, own, name in sorted(rows, reverse=True)[:25]:
                print(f"{cum / 1000:>9.1f} {own / 1000:>8.1f}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
