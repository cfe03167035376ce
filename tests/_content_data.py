"""Shared development data for the content-rule tests (seeds, clean sentences), looked up
next to the repository (../shared) or next to a worktree's parent (../../shared), so the
tests measure false alarms from a worktree too. Tests skip when the data is absent."""
from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def shared_dir() -> Path | None:
    for base in (ROOT.parent, ROOT.parent.parent):
        if (base / "shared" / "seeds").is_dir():
            return base / "shared"
    return None


def seed_texts() -> dict[str, str]:
    shared = shared_dir()
    if shared is None:
        return {}
    return {p.name: p.read_text(encoding="utf-8") for p in sorted((shared / "seeds").glob("*.txt"))}


def clean_sentences() -> list[str]:
    shared = shared_dir()
    path = shared / "data" / "clean" / "xxqg_clean_sentences.json" if shared else None
    if path is None or not path.is_file():
        return []
    return [r["correct_text"] for r in json.loads(path.read_text(encoding="utf-8"))]


@pytest.fixture(scope="session")
def seed_docs() -> dict[str, str]:
    texts = seed_texts()
    if not texts:
        pytest.skip("shared seeds not present")
    return texts


@pytest.fixture(scope="session")
def clean_sents() -> list[str]:
    sents = clean_sentences()
    if not sents:
        pytest.skip("shared clean sentences not present")
    return sents


@functools.cache
def _clean_findings() -> tuple:
    from lint import check_text

    return tuple((s, tuple(check_text(s))) for s in clean_sentences())


@pytest.fixture(scope="session")
def clean_findings() -> tuple:
    """(sentence, findings) for every clean sentence, linted once per test run."""
    if not clean_sentences():
        pytest.skip("shared clean sentences not present")
    return _clean_findings()
