"""What a fresh install of zwlint costs: what a pre-commit hook environment or a CI job pays.

    nice python benchmarks/bench_install.py [--source DIR] [--runs 3] [--pre-commit]

For a source tree (default: this checkout; give a clone of an older commit to compare):

Wall and CPU (user + system) seconds: on a shared machine the CPU time depends less on the
other jobs.

* `pip install SOURCE` (no extras) into a new virtual environment: the time, and the size of the
  environment (`du -sk`, the empty venv's own size shown too) with its largest packages. pip
  uses its cache (~/.cache/pip) as it does on a developer's machine or a CI runner with a cached
  pip directory: the figures are for a warm pip cache, without download time.
* `zwlint check small.md` cold: the fresh environment and an empty ZWLINT_CACHE_DIR (the first
  run on a new machine), --runs times, each with a new empty cache.
* `zwlint check small.md` warm: the same cache directory again.
* with --pre-commit: `pre-commit try-repo SOURCE zwlint --files small.md` with an empty
  PRE_COMMIT_HOME and ZWLINT_CACHE_DIR (pre-commit installs the hook's environment, then runs
  it: the first commit of a new clone). SOURCE must be a git repository.

small.md is benchmarks/bench_startup.py's short notice. Run it with `nice` on a shared machine;
each run makes a new environment (a few hundred MB before issue 21), deleted at the end.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_startup import SMALL_MD  # noqa: E402


def du_mb(path: Path) -> float:
    out = subprocess.run(["du", "-sk", str(path)], capture_output=True, text=True, check=True).stdout
    return int(out.split()[0]) / 1024


CPU: list[float] = []  # CPU seconds (user + system) of each timed() process and its children, in order


def timed(cmd: list[str], **kw) -> tuple[float, subprocess.CompletedProcess]:
    """Wall seconds of a process (its CPU seconds are appended to CPU: on a shared machine
    they depend less on the other jobs than wall time does)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, **kw)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return wall, proc


def largest(site: Path, n: int = 8) -> str:
    sizes = sorted(((du_mb(p), p.name) for p in site.iterdir() if p.is_dir() and not p.name.endswith("-info")),
                   reverse=True)
    return ", ".join(f"{name} {mb:.0f}" for mb, name in sizes[:n])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--source", type=Path, default=ROOT, help="the source tree to install (default: this checkout)")
    ap.add_argument("--runs", type=int, default=3, help="cold and warm checks (default 3)")
    ap.add_argument("--pre-commit", action="store_true", help="also time `pre-commit try-repo` on a new PRE_COMMIT_HOME")
    ap.add_argument("--keep", type=Path, help="create the environment here and keep it")
    args = ap.parse_args(argv)
    source = args.source.resolve()

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        venv = args.keep or tmp / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        empty = du_mb(venv)
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "ZWLINT_CACHE_DIR")}
        install, proc = timed([str(venv / "bin" / "pip"), "install", "-q", "--disable-pip-version-check", str(source)],
                              env=env)
        install_cpu = CPU[-1]
        if proc.returncode:
            print(proc.stdout, proc.stderr, file=sys.stderr)
            return 2
        size = du_mb(venv)
        site = next((venv / "lib").glob("python*/site-packages"))

        small = tmp / "small.md"
        small.write_text(SMALL_MD, encoding="utf-8")
        zwlint = str(venv / "bin" / "zwlint")
        colds, warms = [], []
        for i in range(args.runs):
            cache = tmp / f"cache-{i}"
            wall, proc = timed([zwlint, "check", str(small)], env=dict(env, ZWLINT_CACHE_DIR=str(cache)), cwd=tmp)
            if proc.returncode not in (0, 1):
                print(proc.stdout, proc.stderr, file=sys.stderr)
                return 2
            colds.append((wall, CPU[-1]))
        first_output = proc.stdout.strip().splitlines()[-1:] or [""]
        for _ in range(args.runs):
            wall = timed([zwlint, "check", str(small)], env=dict(env, ZWLINT_CACHE_DIR=str(tmp / "cache-0")), cwd=tmp)[0]
            warms.append((wall, CPU[-1]))

        print(f"source {source}; python {sys.version.split()[0]}, {os.cpu_count()} CPUs, "
              f"load {os.getloadavg()[0]:.2f}; pip cache warm")
        print(f"pip install (no extras)          {install:.1f} s (CPU {install_cpu:.1f} s)")
        print(f"environment size                 {size:.0f} MB (the empty venv: {empty:.0f} MB)")
        print(f"largest packages (MB)            {largest(site)}")
        for label, runs in (("cold", colds), ("warm", warms)):
            print(f"check small.md {label} (runs)       {', '.join(f'{w:.2f}' for w, _ in runs)} s "
                  f"(median {statistics.median(w for w, _ in runs):.2f} s; "
                  f"CPU median {statistics.median(c for _, c in runs):.2f} s)")
        print(f"output                           {first_output[0]}")

        if args.pre_commit:
            repo = tmp / "exports"
            repo.mkdir()
            shutil.copy(small, repo / "small.md")
            subprocess.run(["git", "init", "-q", str(repo)], check=True)
            pc_env = dict(env, PRE_COMMIT_HOME=str(tmp / "pre-commit"), ZWLINT_CACHE_DIR=str(tmp / "cache-pc"))
            pre_commit = shutil.which("pre-commit") or str(Path(sys.executable).parent / "pre-commit")
            wall, proc = timed([pre_commit, "try-repo", str(source), "zwlint", "--files", "small.md"],
                               env=pc_env, cwd=repo)
            status = "passed" if proc.returncode == 0 else f"exit {proc.returncode}"
            if proc.returncode not in (0, 1):
                print(proc.stdout[-2000:], proc.stderr[-2000:], file=sys.stderr)
            print(f"pre-commit try-repo, first run   {wall:.1f} s (CPU {CPU[-1]:.1f} s; {status}; installs the hook "
                  f"environment, then checks small.md with an empty zwlint cache)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
