"""Audit throughput: posts/s of `zwlint audit` with --jobs 1 and --jobs 2 (or --jobs-list), on a
generated input (samples/audit/generate.py), and the peak memory of each run, for two input
sizes, to show that memory does not grow with the number of posts.

    python benchmarks/bench_audit.py                 # 2,000 and 8,000 posts, jobs 1 and 2
    python benchmarks/bench_audit.py --posts 20000 --jobs-list 1,4
    python benchmarks/bench_audit.py --posts 10000 --engines pool,dask   # dask: a LocalCluster of JOBS workers

Each run is a fresh process (a fresh store, no resume); posts/s counts the lint phase (reading,
linting, writing the store), `start s` the part of it before the first post could be linted
(building the linter, loading its data, starting the pool or the LocalCluster and the workers'
linters), `steady/s` the posts/s after it, `total` also the account checks and the three reports. posts/cpu-s
(all processes) does not depend on how busy the machine is; wall-clock figures do.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def one(src: Path, jobs: int, out: Path, engine: str = "pool") -> dict:
    import resource
    from datetime import date

    sys.path.insert(0, str(ROOT))
    from lint.audit import run_audit
    from lint.audit.render_html import write_html
    from lint.audit.render_json import write_json
    from lint.audit.render_xlsx import write_xlsx

    lint_phase = None
    if engine == "dask":
        from functools import partial

        from lint.audit.dask_engine import lint_posts_dask

        lint_phase = partial(lint_posts_dask, workers=jobs)
    t0 = time.perf_counter()
    report = run_audit([str(src / "posts.jsonl")], as_of=date(2026, 9, 30), registry=src / "registry.tsv",
                       interactions=src / "interactions.tsv", store_path=out / "audit.sqlite", jobs=jobs,
                       lint_phase=lint_phase)
    with open(out / "report.html", "w", encoding="utf-8") as fh:
        write_html(report, fh)
    write_xlsx(report, out / "report.xlsx")
    with open(out / "report.json", "w", encoding="utf-8") as fh:
        write_json(report, fh)
    total = time.perf_counter() - t0
    report.store.close()
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
    return {"posts": report.posts, "findings": report.findings_total, "jobs": jobs, "engine": engine,
            "lint_posts_per_s": round(report.stats.rate), "steady_posts_per_s": round(report.stats.steady_rate),
            "startup_s": round(report.stats.startup, 1), "total_s": round(total, 2),
            "posts_per_cpu_s": round(report.posts / cpu), "peak_rss_mb": round(me.ru_maxrss / 1024),
            "worker_rss_mb": round(kids.ru_maxrss / 1024)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--posts", default="2000,8000", help="input sizes, comma-separated")
    ap.add_argument("--jobs-list", default="1,2")
    ap.add_argument("--engines", default="pool", help="pool, dask or both (comma-separated)")
    ap.add_argument("--one", nargs=4, metavar=("SRC", "JOBS", "OUT", "ENGINE"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(Path(args.one[0]), int(args.one[1]), Path(args.one[2]), args.one[3])))
        return
    sys.path.insert(0, str(ROOT / "samples" / "audit"))
    import generate

    with tempfile.TemporaryDirectory() as tmp:
        # warm the word-list cache once so no run pays for compiling it
        subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, %r); from lint.engine import Linter; Linter()" % str(ROOT)],
                       check=True)
        print(f"{'posts':>7} {'engine':>6} {'jobs':>4} {'posts/s':>8} {'start s':>7} {'steady/s':>8} {'total s':>8} "
              f"{'posts/cpu-s':>11} {'main MB':>8} {'worker MB':>9} {'findings':>8}")
        for n in [int(x) for x in args.posts.split(",")]:
            src = Path(tmp) / f"in{n}"
            generate.write(src, n_target=n)
            for engine, jobs in [(e, int(j)) for e in args.engines.split(",") for j in args.jobs_list.split(",")]:
                out = Path(tmp) / f"out{n}-{engine}-{jobs}"
                out.mkdir()
                res = subprocess.run([sys.executable, __file__, "--one", str(src), str(jobs), str(out), engine],
                                     check=True, capture_output=True, text=True)
                r = json.loads(res.stdout.strip().splitlines()[-1])
                print(f"{r['posts']:>7} {engine:>6} {r['jobs']:>4} {r['lint_posts_per_s']:>8} {r['startup_s']:>7} "
                      f"{r['steady_posts_per_s']:>8} {r['total_s']:>8} "
                      f"{r['posts_per_cpu_s']:>11} {r['peak_rss_mb']:>8} {r['worker_rss_mb']:>9} {r['findings']:>8}")


if __name__ == "__main__":
    main()
