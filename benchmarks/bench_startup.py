"""Start-up cost of the command line, which is what a pre-commit hook pays on every commit.

    python benchmarks/bench_startup.py [--runs 5] [--importtime]

Wall time of separate processes running this checkout's `zwlint` (the console script's
`lint.cli:main`, with the repository root first on sys.path):

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
import resource
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

LAUNCH = "import sys; sys.argv[0] = 'zwlint'; from lint.cli import main; main()"


# Where a warm `zwlint check small.md` spends its time, measured inside one process.
PHASES = """\
import sys, time
t0 = time.perf_counter()
import lint.cli
t1 = time.perf_counter()
from lint.rules import all_rules
rules = all_rules()
t2 = time.perf_counter()
from lint.engine import Linter
from lint.model import Post
linter = Linter()
t3 = time.perf_counter()
linter.check_post(Post(content=open(sys.argv[1], encoding="utf-8").read()))
t4 = time.perf_counter()
print(f"import lint.cli (typer, engine, matcher, numpy, audit, serve) {t1 - t0:.2f} s")
print(f"import the {len(rules)} rules                                   {t2 - t1:.2f} s")
print(f"Linter(): load the cached automaton                         {t3 - t2:.2f} s")
print(f"check small.md                                              {t4 - t3:.2f} s")
"""


def _env(cache: str) -> dict:
    env = dict(os.environ, ZWLINT_CACHE_DIR=cache,
               PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep))
    # An installed zwlint has its bytecode compiled (pip does it); without this a checkout
    # would compile every module on every run when PYTHONDONTWRITEBYTECODE is set.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run(args: list[str], cache: str, extra: list[str] = ()) -> tuple[float, float, subprocess.CompletedProcess]:
    """Wall and CPU (user + system) seconds of one process."""
    env = _env(cache)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, *extra, "-c", LAUNCH, *args], env=env, capture_output=True,
                          text=True, cwd=ROOT)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, proc


def summary(runs: list[tuple]) -> str:
    walls = [r[0] for r in runs]
    cpus = [r[1] for r in runs]
    return (f"min {min(walls):.2f} s  median {statistics.median(walls):.2f} s  max {max(walls):.2f} s"
            f"   (CPU median {statistics.median(cpus):.2f} s)")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5, help="runs of each case (default 5)")
    ap.add_argument("--importtime", action="store_true", help="show the slowest imports of a warm run")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "small.md"
        small.write_text(SMALL_MD, encoding="utf-8")
        check = ["check", str(small)]

        run(["--help"], os.path.join(tmp, "cache-help"))  # writes the bytecode of this checkout
        helps = [run(["--help"], os.path.join(tmp, "cache-help")) for _ in range(args.runs)]

        colds = []
        for i in range(args.runs):
            res = run(check, os.path.join(tmp, f"cold-{i}"))
            if res[2].returncode not in (0, 1):
                print(res[2].stdout, res[2].stderr, file=sys.stderr)
                return 2
            colds.append(res)

        warm_cache = os.path.join(tmp, "cold-0")
        warms = [run(check, warm_cache) for _ in range(args.runs)]
        last = (warms[-1][2].stdout.strip().splitlines() or [""])[-1]

        bare = []
        for _ in range(3):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-c", "pass"], check=True)
            bare.append(time.perf_counter() - t0)

        print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f}; "
              f"{args.runs} runs each; small.md {len(SMALL_MD.encode('utf-8'))} bytes")
        print(f"{'python -c pass':<32} min {min(bare):.2f} s")
        print(f"{'zwlint --help':<32} {summary(helps)}")
        print(f"{'zwlint check small.md (cold)':<32} {summary(colds)}")
        print(f"{'zwlint check small.md (warm)':<32} {summary(warms)}")
        print(f"cache files: {', '.join(sorted(os.listdir(warm_cache)))}")
        print(f"last output line: {last}")
        ok = statistics.median(r[0] for r in warms) < 1.0
        print(f"goal (warm run under 1 s, median wall time): {'met' if ok else 'NOT met'}")

        phases = subprocess.run([sys.executable, "-c", PHASES, str(small)], env=_env(warm_cache),
                                capture_output=True, text=True, cwd=ROOT)
        print("\none warm run in phases:")
        print(phases.stdout.rstrip() or phases.stderr)

        if args.importtime:
            proc = run(check, warm_cache, ["-X", "importtime"])[2]
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
