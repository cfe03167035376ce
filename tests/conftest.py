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


# A rule that exists only in the test suite: it reports entries of test word lists
# (given through config extra-lists), so core tests do not depend on any rule family.
from lint.rules import register  # noqa: E402
from lint.rules._terms import TermRule  # noqa: E402


@register
class _TestListRule(TermRule):
    code = "ZW990"
    name = "test-list"
    category = "sensitive"
    severity = "error"
    summary = "test-only rule"
    doc = "Reports entries of word lists given to the test suite."


TEST_LIST = """\
[list]
rule = "ZW990"
source = "zwlint test list"

[[entry]]
term = "测试错词"
fix = "测试正词"
reason = "测试用的错词"
fix_safe = true

[[entry]]
term = "习近乎"
fix = "习近平"
reason = "测试：领导人姓名"

[[entry]]
pattern = "号码\\\\d{3}"
reason = "测试正则"
severity = "warning"

[[entry]]
term = "过期词"
reason = "测试：只在2020年前有效"
valid_to = 2019-12-31
"""


@pytest.fixture
def project(tmp_path):
    """A folder with a zwlint.toml that adds the test list."""
    (tmp_path / "terms.toml").write_text(TEST_LIST, encoding="utf-8")
    (tmp_path / "zwlint.toml").write_text('extra-lists = ["terms.toml"]\n', encoding="utf-8")
    return tmp_path


@pytest.fixture
def test_config(project):
    from lint.config import load_config_file

    return load_config_file(project / "zwlint.toml")
