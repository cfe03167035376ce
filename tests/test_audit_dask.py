"""`zwlint audit --engine dask`: the same reports and store as the process pool, Parquet and glob
inputs read on the workers, resume by partition, nothing lost when a worker dies or a file is
broken. One LocalCluster of 2 single-threaded workers for the module; small inputs (the sample
audit, cut into small partitions)."""
from __future__ import annotations

import json
import os
import shutil
import signal
from datetime import date
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")
pa = pytest.importorskip("pyarrow")
import pyarrow.parquet as pq  # noqa: E402

from lint.audit import run_audit  # noqa: E402
from lint.audit.dask_engine import lint_posts_dask, plan_partitions, read_partition  # noqa: E402
from lint.audit.inputs import iter_posts, scan_inputs  # noqa: E402
from lint.text.readers import InputError  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "audit"
AS_OF = date(2026, 9, 30)
N_POSTS = sum(1 for line in (SAMPLE / "posts.jsonl").read_text(encoding="utf-8").splitlines() if line.strip())


@pytest.fixture(scope="module")
def client():
    # the workers import conftest too, for its test-only rule: their rules must be the driver's
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                       preload=["tests.conftest"])
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def dask_phase(client, **kw):
    def phase(paths, store, run, attempt, config, progress=None, images=True):
        return lint_posts_dask(paths, store, run, attempt, config, client=client, progress=progress,
                               part_bytes=kw.pop("part_bytes", 16_000), images=images, **kw)
    return phase


def audit(paths, store, lint_phase=None):
    return run_audit([str(p) for p in paths], as_of=AS_OF, registry=SAMPLE / "registry.tsv",
                     interactions=SAMPLE / "interactions.tsv", store_path=store, jobs=1, lint_phase=lint_phase)


def report_json(report) -> dict:
    from lint.audit.render_json import write_json
    import io

    buf = io.StringIO()
    write_json(report, buf)
    data = json.loads(buf.getvalue())
    data.pop("generated")
    return data


def store_rows(report) -> dict:
    db = report.store.db
    return {
        "posts": sorted(tuple(r) for r in db.execute("SELECT * FROM posts")),
        "findings": sorted(tuple(r) for r in db.execute("SELECT * FROM findings")),
        "errors": sorted(tuple(r) for r in db.execute("SELECT * FROM errors")),
        "accounts": sorted(tuple(r) for r in db.execute("SELECT * FROM accounts")),
    }


def test_dask_engine_writes_the_same_report_and_store_as_the_process_pool(client, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SAMPLE / "posts.jsonl", src / "posts.jsonl")  # ~40 kB: cut into byte ranges
    (src / "broken.jsonl").write_text('{"id": "b1", "content": "正文"}\n{not json\n\n{"id": "b2"}\n', encoding="utf-8")
    (src / "one.txt").write_text("关于开展安全生产检查的通知。", encoding="utf-8")
    pool = audit([src], tmp_path / "pool.sqlite")
    dask = audit([src], tmp_path / "dask.sqlite", dask_phase(client))
    assert len(plan_partitions([str(src)], part_bytes=16_000)[0]) >= 4  # several ranges of posts.jsonl
    assert report_json(dask) == report_json(pool)
    assert store_rows(dask) == store_rows(pool)
    assert dask.stats.linted == pool.stats.linted == N_POSTS + 2
    assert len(dask.errors) == len(pool.errors) == 2  # the invalid line, the record without content
    pool.store.close()
    dask.store.close()


def test_byte_ranges_read_every_record_once_with_the_pool_readers_keys_and_errors(tmp_path):
    f = tmp_path / "p.jsonl"
    lines = [json.dumps({"content": f"第{i}条", "title": "标题"}, ensure_ascii=False) for i in range(200)]
    lines[57] = "{broken"
    f.write_text("\n".join(lines[:100]) + "\n\n" + "\n".join(lines[100:]), encoding="utf-8")
    parts, errors, _ = plan_partitions([str(f)], part_bytes=500)
    assert not errors and len(parts) > 5
    read = [x for p in parts for x in read_partition(p)]
    scans, _, _ = scan_inputs([str(f)])
    expected = list(iter_posts(scans))
    assert [(x.key, x.post.content) if not isinstance(x, InputError) else x.reason for x in read] == \
        [(x.key, x.post.content) if not isinstance(x, InputError) else x.reason for x in expected]


def test_parquet_files_named_by_a_glob_are_read_in_row_group_partitions(client, tmp_path):
    records = [json.loads(line) for line in (SAMPLE / "posts.jsonl").read_text(encoding="utf-8").splitlines()]
    half = len(records) // 2
    for name, part in (("a", records[:half]), ("b", records[half:])):
        pq.write_table(pa.Table.from_pylist(part), tmp_path / f"{name}.parquet", row_group_size=50)
    parts, errors, total = plan_partitions([str(tmp_path / "*.parquet")], part_rows=100)
    assert not errors and total == len(records) and len(parts) >= 4
    from_parquet = audit([tmp_path / "*.parquet"], tmp_path / "pq.sqlite", dask_phase(client, part_rows=100))
    from_jsonl = audit([SAMPLE / "posts.jsonl"], tmp_path / "jsonl.sqlite")
    assert from_parquet.stats.linted == len(records)
    a, b = report_json(from_parquet), report_json(from_jsonl)
    for data in (a, b):
        data.pop("findings")  # their path fields name different files
    assert a == b
    assert {r[1:] for r in store_rows(from_parquet)["findings"]} == {r[1:] for r in store_rows(from_jsonl)["findings"]}
    from_parquet.store.close()
    from_jsonl.store.close()


def test_a_broken_file_is_reported_and_the_others_are_linted(client, tmp_path):
    shutil.copy(SAMPLE / "posts.jsonl", tmp_path / "posts.jsonl")
    (tmp_path / "bad.parquet").write_bytes(b"PAR1 this is not parquet")
    report = audit([tmp_path / "posts.jsonl", tmp_path / "bad.parquet", tmp_path / "missing.jsonl"],
                   tmp_path / "s.sqlite", dask_phase(client))
    assert report.stats.linted == N_POSTS
    reasons = {e["path"]: e["reason"] for e in report.errors}
    assert "bad.parquet" in " ".join(reasons) and "missing.jsonl" in " ".join(reasons)
    report.store.close()


def test_resume_skips_partitions_already_in_the_store(client, tmp_path):
    store = tmp_path / "s.sqlite"
    first = audit([SAMPLE / "posts.jsonl"], store, dask_phase(client))
    first_json = report_json(first)
    first.store.close()
    again = audit([SAMPLE / "posts.jsonl"], store, dask_phase(client))
    assert again.stats.linted == 0 and again.stats.resumed == N_POSTS
    parts = again.store.db.execute("SELECT COUNT(*) FROM dask_partitions").fetchone()[0]
    assert parts == len(plan_partitions([str(SAMPLE / "posts.jsonl")], part_bytes=16_000)[0])
    data = report_json(again)
    assert (data["summary"].pop("posts_resumed"), data["summary"].pop("posts_linted")) == (N_POSTS, 0)
    assert data.pop("notes") and not first_json.pop("notes")  # 续查：459篇帖子已在……检查
    first_json["summary"].pop("posts_resumed")
    first_json["summary"].pop("posts_linted")
    assert data == first_json
    again.store.close()


def test_no_record_is_lost_when_a_worker_dies_mid_run(client, tmp_path):
    killed = []

    def kill_one_worker(done, total, errors):
        if not killed:
            pids = client.run(os.getpid)
            addr, pid = sorted(pids.items())[0]
            os.kill(pid, signal.SIGKILL)
            killed.append(addr)

    from lint.audit.store import Store
    from lint.config import Config

    store = Store(tmp_path / "s.sqlite")
    attempt, _ = store.begin_run("r", "2026-09-30", "2026-07-01", "", {}, [])
    stats = lint_posts_dask([str(SAMPLE / "posts.jsonl")], store, "r", attempt, Config(), client=client,
                            progress=kill_one_worker, part_bytes=4_000)
    assert killed
    assert stats.linted + stats.errors == N_POSTS and stats.errors == 0
    assert store.count_posts("r", attempt) == (N_POSTS, 0)
    store.close()
    client.wait_for_workers(2, timeout=60)  # the nanny restarts it for the next tests


def test_cli_runs_the_audit_on_a_running_scheduler(client, tmp_path):
    from typer.testing import CliRunner

    from lint.cli import app

    runner = CliRunner()
    args = ["audit", str(SAMPLE / "posts.jsonl"), "--registry", str(SAMPLE / "registry.tsv"), "--as-of", "2026-09-30",
            "--out", str(tmp_path / "out"), "--no-progress", "--format", "json"]
    res = runner.invoke(app, args + ["--engine", "dask", "--scheduler", client.scheduler.address])
    assert res.exit_code == 0, res.output
    assert json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))["summary"]["posts"] == N_POSTS
    res = runner.invoke(app, args + ["--scheduler", client.scheduler.address])
    assert res.exit_code == 2 and "--engine dask" in res.output
    res = runner.invoke(app, args + ["--engine", "spark"])
    assert res.exit_code == 2 and "unknown engine" in res.output


def test_dask_engine_reads_record_images_and_writes_the_same_report_and_store_as_the_pool(client, tmp_path):
    from lint.config import Config
    from lint.ocr import available
    from ocr_images import fonts_available, render

    if not (available() and fonts_available()):
        pytest.skip("needs zwlint[ocr] and fonts-noto-cjk")
    (tmp_path / "img").mkdir()
    render("深入学习贯彻党的二十大精神", ["习近乎总书记强调，要坚持以人民为中心的发展思想。", "报名咨询电话：13912345678。"],
           width=750, palette=1).image.save(tmp_path / "img" / "poster.png")
    records = [{"id": f"p{i}", "account": "青禾发布", "platform": "微信", "published": "2026-09-2%d" % i,
                "content": "各部门要认真落实。", "images": ["img/poster.png"] if i != 2 else ["img/gone.png"]}
               for i in range(1, 4)]
    posts = tmp_path / "posts.jsonl"
    posts.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    config = Config(select=["ZW101", "ZW502"])

    def run(store, phase=None):
        return run_audit([str(posts)], as_of=AS_OF, store_path=tmp_path / store, config=config, jobs=1,
                         lint_phase=phase)

    pool, dask = run("pool.sqlite"), run("dask.sqlite", dask_phase(client))
    assert report_json(dask) == report_json(pool)
    assert store_rows(dask) == store_rows(pool)
    on_images = [f for f in report_json(pool)["findings"] if "image" in f]
    assert sorted((f["post"], f["rule"]) for f in on_images) == [("p1", "ZW101"), ("p1", "ZW502"),
                                                                ("p3", "ZW101"), ("p3", "ZW502")]
    crops = pool.store.db.execute("SELECT COUNT(*) FROM findings WHERE crop IS NOT NULL").fetchone()[0]
    assert crops == 4
    assert [e["record"] for e in pool.errors] == ["p2"]
    pool.store.close()
    dask.store.close()


def test_the_local_clusters_workers_do_not_run_the_dashboards_profiler():
    from lint.audit.dask_engine import connect

    client, cluster = connect(None, 1)
    try:
        assert client.run(lambda: __import__("dask").config.get("distributed.worker.profile.enabled")) == {
            address: False for address in client.scheduler_info()["workers"]}
    finally:
        client.close()
        cluster.close()
