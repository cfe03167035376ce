from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
CLEAN = SHARED / "data" / "clean" / "xxqg_clean_sentences.json"

# Keep the on-disk matcher cache out of the user's home during tests.
os.environ.setdefault("ZWLINT_CACHE_DIR", str(ROOT / ".pytest_cache" / "zwlint-cache"))


def seed_texts() -> dict[str, str]:
    if not SEEDS.is_dir():
        return {}
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


def clean_sentences() -> list[str]:
    if not CLEAN.is_file():
        return []
    return [r["correct_text"] for r in json.loads(CLEAN.read_text(encoding="utf-8"))]


@pytest.fixture(scope="session")
def seeds() -> dict[str, str]:
    texts = seed_texts()
    if not texts:
        pytest.skip("../shared/seeds not present")
    return texts


@pytest.fixture(scope="session")
def clean() -> list[str]:
    sents = clean_sentences()
    if not sents:
        pytest.skip("../shared/data/clean not present")
    return sents
