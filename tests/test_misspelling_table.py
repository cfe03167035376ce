"""The generated misspellings of the shipped key terms ship as a table
(sensitive_terms/misspellings.tsv.xz) instead of being generated on first use."""
from __future__ import annotations

import pickle
import sys
from pathlib import Path

import pytest

from lint.rules.serious import spelling
from lint.rules.serious.spelling import Misspellings, misspellings, shipped_table

ROOT = Path(__file__).resolve().parent.parent


def test_packed_misspellings_behave_like_the_forms_and_their_kinds():
    kinds = {"共同富欲": "同音", "共同富浴": "同音", "共同富富裕": "重字"}
    packed = Misspellings.of(kinds)
    assert list(packed) == list(kinds) and len(packed) == 3
    assert "共同富浴" in packed and "共同富裕" not in packed
    assert packed.get("共同富富裕") == "重字" and packed.get("共同富裕", "错字") == "错字"
    again = pickle.loads(pickle.dumps(packed))
    assert again == packed and dict(again.items()) == kinds


def test_the_table_holds_the_generated_forms_of_the_shipped_terms():
    table = shipped_table()
    assert len(table) > 1500
    forms = table[("ZW104", "中国式现代化")]
    assert forms.get("中国式现代话") == "同音"
    assert dict(forms.items()) == misspellings("中国式现代化")


def test_a_correct_form_of_an_offices_own_list_is_generated_not_looked_up(tmp_path):
    from lint.terms.lists import load_lists

    (tmp_path / "local.toml").write_text(
        '[list]\nrule = "ZW104"\nsource = "县委文件"\ncanonical = true\n\n[[entry]]\nterm = "中国式现代化"\n',
        encoding="utf-8")
    entry = load_lists([tmp_path]).entries[0]
    (row,) = spelling.misspelling_forms(entry, frozenset())
    assert row[2] == "中国式现代化" and "中国式现代话" in row[3]
    assert not spelling._is_shipped(entry.file)


@pytest.mark.slow
def test_the_shipped_table_equals_a_fresh_generation():
    sys.path.insert(0, str(ROOT / "tools"))
    import build_misspellings

    assert build_misspellings.main(["--check"]) == 0, "run python tools/build_misspellings.py"
