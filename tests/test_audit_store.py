"""A damaged audit store is detected and reported with what to do; a copy is kept before each
run; the reports of an earlier run never stay behind looking current."""
from __future__ import annotations

import json
import sqlite3

import pytest
from typer.testing import CliRunner

from lint.audit.store import Store, StoreDamaged, backup_path
from lint.cli import app


def audit(src, out):
    result = CliRunner().invoke(app, ["audit", str(src), "--as-of", "2026-09-30", "--out", str(out),
                                      "--jobs", "1", "--select", "account", "--format", "json,html"])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.fixture
def first_run(tmp_path):
    src = tmp_path / "posts.jsonl"
    src.write_text(json.dumps({"id": "p1", "account": "甲发布", "platform": "微信", "published": "2026-09-01",
                               "content": "正文"}, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert audit(src, out).exit_code == 0
    return src, out


def damage(store, how):
    data = store.read_bytes()
    if how == "truncated":
        store.write_bytes(data[: len(data) // 2])
    elif how == "emptied":
        store.write_bytes(b"")
    elif how == "overwritten":
        store.write_bytes(b"x" * len(data))
    elif how == "page damaged":
        store.write_bytes(data[:4096] + b"\xff" * (len(data) - 4096))


@pytest.mark.parametrize("how", ["truncated", "emptied", "overwritten", "page damaged"])
def test_damaged_store_is_refused_with_what_to_do_and_old_reports_set_aside(first_run, how):
    src, out = first_run
    store = out / "audit.sqlite"
    for suffix in ("-wal", "-shm"):
        (out / f"audit.sqlite{suffix}").unlink(missing_ok=True)
    damage(store, how)
    result = audit(src, out)
    assert result.exit_code == 2
    [line] = [ln for ln in result.stderr.splitlines() if "is damaged (" in ln]
    assert str(store) in line and "start a fresh store" in line
    assert not (out / "report.html").exists() and not (out / "report.json").exists()
    assert (out / "report.json.stale").exists() and "stale" in result.stderr


def test_a_copy_of_the_store_is_kept_before_each_run_and_restores(first_run):
    src, out = first_run
    store = out / "audit.sqlite"
    assert audit(src, out).exit_code == 0  # the second run backs up the first one's store
    bak = backup_path(store)
    assert sqlite3.connect(bak).execute("SELECT COUNT(*) FROM posts").fetchone()[0] == 1
    damage(store, "truncated")
    with pytest.raises(StoreDamaged, match="cp "):
        Store(store)
    bak.replace(store)
    for suffix in ("-wal", "-shm"):
        (out / f"audit.sqlite{suffix}").unlink(missing_ok=True)
    assert audit(src, out).exit_code == 0
    assert not list(out.glob("*.stale"))
