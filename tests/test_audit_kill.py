"""Killing an audit leaves no BrokenPipe tracebacks from its workers."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ENV = dict(os.environ, PYTHONPATH=str(ROOT))


def test_a_worker_writing_to_a_killed_audit_ends_without_a_traceback():
    code = ("import os; from lint.audit.runner import _end_with_parent; _end_with_parent(); "
            "r, w = os.pipe(); os.close(r); os.write(w, b'result')")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, env=ENV, timeout=120)
    assert b"Traceback" not in p.stderr and b"BrokenPipe" not in p.stderr
    assert p.returncode == -signal.SIGPIPE


@pytest.mark.slow
def test_audit_killed_while_its_workers_lint_prints_no_traceback(tmp_path):
    src = tmp_path / "posts.jsonl"
    with open(src, "w", encoding="utf-8") as fh:
        for i in range(40000):
            fh.write(json.dumps({"id": f"p{i}", "account": "甲发布", "platform": "微信", "published": "2026-09-01",
                                 "content": "各单位：现将有关事项通知如下，请于2024年5月20日前报送。" * 5},
                                ensure_ascii=False) + "\n")
    out = tmp_path / "out"
    p = subprocess.Popen([sys.executable, "-m", "lint.cli", "audit", str(src), "--as-of", "2026-09-30", "--out",
                          str(out), "--jobs", "2", "--select", "format", "--no-progress"], env=ENV,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 120
    while not (out / "audit.sqlite").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(2)
    p.kill()
    err = p.communicate(timeout=60)[1].decode()
    time.sleep(2)  # the workers' last words
    assert "Traceback" not in err and "BrokenPipeError" not in err
