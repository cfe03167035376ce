"""The pre-commit hooks (.pre-commit-hooks.yaml) through the real pre-commit framework.

`pre-commit try-repo` installs a snapshot of this checkout (working tree, including
uncommitted changes) into pre-commit's own virtualenv, exactly as a user's
`.pre-commit-config.yaml` would, and runs the hooks on files of a temporary git repository.
The first install takes a while (pip installs every dependency, from pip's cache when it is
warm): the tests are marked slow (`pytest -m "not slow"` skips them) but CI runs them.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow

GIT_ENV = {
    "GIT_AUTHOR_NAME": "zwlint tests",
    "GIT_AUTHOR_EMAIL": "tests@example.invalid",
    "GIT_COMMITTER_NAME": "zwlint tests",
    "GIT_COMMITTER_EMAIL": "tests@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}

_SKIP_DIRS = {".git", ".venv", "venv", "__pycache__", ".pytest_cache", ".hypothesis", ".benchmarks",
              "build", "dist", ".mypy_cache", ".ruff_cache"}

CLEAN_POST = "# 关于召开安全生产工作会议的通知\n\n定于2024年3月5日上午9时召开全县安全生产工作会议，请各单位主要负责人参加。\n"

# Posts with a finding at `error`: file name, text, the rule code and the text that must be printed.
SERIOUS_POSTS = [
    ("leader.md", "# 会议报道\n\n近日，习近乎同志主持召开会议。\n", "ZW101", "习近乎"),
    ("date.md", "# 会议通知\n\n会议定于2024年2月30日召开，请准时参加。\n", "ZW701", "2024年2月30日"),
]
# A record file (.jsonl has no identify tag; the hook selects it by extension).
RECORD = {"id": "p1", "title": "通知", "content": "会议定于2023年4月31日召开。"}
RECORD_CODE, RECORD_FOUND = "ZW701", "2023年4月31日"
# A post whose only finding has a safe fix (ZW801: 发文字号 in 六角括号).
FIXABLE = ("# 通知\n\n根据《关于推进政务新媒体健康有序发展的意见》（国办发[2018]123号）要求，现通知如下。\n",
           "国办发〔2018〕123号")
# Not a post type: never given to zwlint even though the text has an error.
OTHER = ("build.py", "# 会议定于2024年2月30日召开\n")


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env={**os.environ, **GIT_ENV})


def _project_files() -> list[Path]:
    """The files of this checkout as CI sees them: tracked and untracked-but-not-ignored when
    it is a git work tree, otherwise every file outside build and cache folders."""
    try:
        out = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                             cwd=ROOT, check=True, capture_output=True).stdout
        files = [ROOT / p for p in out.decode("utf-8").split("\0") if p]
    except (OSError, subprocess.CalledProcessError):
        files = [p for p in ROOT.rglob("*") if not (_SKIP_DIRS & set(p.relative_to(ROOT).parts))]
    return [p for p in files if p.is_file() and not (_SKIP_DIRS & set(p.relative_to(ROOT).parts))]


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> Path:
    """A one-commit git repository holding a snapshot of this checkout (try-repo installs
    the committed state of a repository)."""
    snap = tmp_path_factory.mktemp("zwlint-snapshot")
    for src in _project_files():
        dst = snap / src.relative_to(ROOT)
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dst)
    _git("init", "-q", cwd=snap)
    _git("add", "-A", cwd=snap)
    _git("commit", "-q", "-m", "snapshot", cwd=snap)
    return snap


def try_repo(hook_repo: Path, cwd: Path, files: dict[str, str]) -> subprocess.CompletedProcess:
    """Write `files` into the git repository `cwd` and run every hook of this repository's
    manifest on them with `pre-commit try-repo` (a fresh hook environment each time:
    try-repo uses a temporary store, so each call pays the install)."""
    cwd.mkdir()
    _git("init", "-q", cwd=cwd)
    for name, text in files.items():
        (cwd / name).write_text(text, encoding="utf-8")
    _git("add", "-A", cwd=cwd)
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(cwd.parent / "pre-commit-home"),
           "PRE_COMMIT_COLOR": "never", "NO_COLOR": "1"}
    env.pop("PYTHONPATH", None)  # the hook must run the installed package, not this checkout
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "--verbose", "--files", *files],
        cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=1800,
    )


@pytest.fixture(scope="module")
def failing_run(hook_repo, tmp_path_factory):
    files = {name: text for name, text, _, _ in SERIOUS_POSTS}
    files["posts.jsonl"] = json.dumps(RECORD, ensure_ascii=False) + "\n"
    files["fixable.md"] = FIXABLE[0]
    files[OTHER[0]] = OTHER[1]
    repo = tmp_path_factory.mktemp("failing") / "exports"
    proc = try_repo(hook_repo, repo, files)
    return repo, proc, proc.stdout + proc.stderr


@pytest.fixture(scope="module")
def clean_run(hook_repo, tmp_path_factory):
    repo = tmp_path_factory.mktemp("clean") / "exports"
    proc = try_repo(hook_repo, repo, {"notice.md": CLEAN_POST, OTHER[0]: OTHER[1]})
    return repo, proc, proc.stdout + proc.stderr


def test_hook_manifest_is_valid():
    proc = subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_try_repo_fails_on_an_error_and_prints_the_finding(failing_run):
    _, proc, out = failing_run
    assert proc.returncode == 1, out
    assert "Failed" in out
    for name, _, code, found in SERIOUS_POSTS:
        assert f"{name}:3:" in out and code in out and found in out, out


def test_check_hook_reports_records_in_jsonl_files(failing_run):
    _, _, out = failing_run
    assert "posts.jsonl" in out and RECORD_CODE in out and RECORD_FOUND in out, out


def test_fix_hook_applies_the_safe_fix_and_fails_so_the_user_restages(failing_run):
    repo, _, out = failing_run
    assert FIXABLE[1] in (repo / "fixable.md").read_text(encoding="utf-8")
    assert "files were modified by this hook" in out, out
    # A post whose finding has no fix is left alone.
    name, text = next((n, t) for n, t, code, _ in SERIOUS_POSTS if code == "ZW701")
    assert (repo / name).read_text(encoding="utf-8") == text


def test_hooks_skip_other_file_types(failing_run, clean_run):
    for _, _, out in (failing_run, clean_run):
        assert OTHER[0] not in out, out


def test_try_repo_passes_a_clean_post(clean_run):
    repo, proc, out = clean_run
    assert proc.returncode == 0, out
    assert "Passed" in out and "Failed" not in out
    assert (repo / "notice.md").read_text(encoding="utf-8") == CLEAN_POST
