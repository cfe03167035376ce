"""The array normaliser (long texts) gives exactly what the str path gives."""
from hypothesis import given, settings, strategies as st

from lint.terms.lists import Entry
from lint.terms.matcher import TermMatcher
from lint.text import normalize as normalize_module
from lint.text.normalize import normalize, normalize_str
from lint.text.normalize_arrays import normalize_arrays

HAN = st.sampled_from(list("习近平總書記中国台湾办公厅测试正词错㐀䶵鿿"))
FILLER = st.sampled_from(list(" \t*·＊\u3000\u00a0_~～•"))
OTHER = st.sampled_from(list("ＡaB1，。\n䷀"))  # ䷀ (U+4DC0) sits between the two Han ranges
RARE = st.sampled_from(["😀", "𠀀", "\u4fd3"])  # outside the BMP; folds to outside the BMP
TERMS = ["习近平", "台湾", "测试正词", "中国", "书记", "ab1", "a b"]


def _matcher() -> TermMatcher:
    return TermMatcher([Entry(rule="T", terms=(t,), pattern=None, fixes=(), reason="", source="s", file="f")
                        for t in TERMS])


def _same(a, b) -> None:
    assert a.original == b.original
    assert a.folded == b.folded
    assert a.text == b.text
    assert a.offsets._lists() == b.offsets._lists()
    assert a.offsets.is_identity() == b.offsets.is_identity()
    assert a.utf16() == b.utf16()


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(HAN, HAN, FILLER, FILLER, OTHER), max_size=80))
def test_array_path_equals_str_path(chars):
    text = "".join(chars)
    fast = normalize_arrays(text)
    assert fast is not None
    slow = normalize_str(text)
    _same(fast, slow)
    matcher = _matcher()
    assert matcher.find(fast) == matcher.find(slow)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(HAN, FILLER, OTHER, RARE), min_size=1, max_size=40))
def test_text_outside_the_bmp_is_left_to_the_str_path(chars):
    text = "".join(chars)
    fast = normalize_arrays(text)
    if any(c in text for c in ("😀", "𠀀", "\u4fd3")):
        assert fast is None
    else:
        _same(fast, normalize_str(text))


def test_long_filler_runs_and_runs_at_the_ends():
    # runs longer than the step-by-step walk, a run at the very end and one at the start
    for text in ["习" + " " * 50 + "近平", " " * 30 + "习近平" + " " * 30, "习" + " " * 9 + "近" + " " * 9,
                 "习 " * 20 + "近", "ab" + "  " * 40 + "习", ""]:
        _same(normalize_arrays(text), normalize_str(text))


def test_runs_across_blocks_and_longer_than_a_block():
    from lint.text.normalize_arrays import _BLOCK

    edge = "a" * (_BLOCK - 1) + "习" + " * " + "近平" + "b" * 10
    huge = "习" + " " * (_BLOCK + 10) + "近" + "测 试" * 100 + "\u3000" * (2 * _BLOCK)
    for text in [edge, huge, huge + "正", "習" * (_BLOCK + 3) + " 近"]:
        _same(normalize_arrays(text), normalize_str(text))


def test_identity_when_nothing_is_removed():
    text = "共 43 个 abc def，习近平总书记。" * 200
    norm = normalize(text)
    assert len(text) >= normalize_module.ARRAY_MIN_CHARS
    assert norm.offsets.is_identity()
    assert norm.text == norm.folded == text
    _same(norm, normalize_str(text))


def test_long_texts_take_the_array_path_with_the_same_matches(monkeypatch):
    text = ("学习习 近*平·总书记讲话，台 湾是中国的一部分。ＡＢ１ ab1 a b 測試正詞\n" * 120)
    assert len(text) >= normalize_module.ARRAY_MIN_CHARS
    fast = normalize(text)
    assert fast._text is None  # decoded from the scanned bytes only when asked
    monkeypatch.setattr(normalize_module, "ARRAY_MIN_CHARS", 10**9)
    slow = normalize(text)
    _same(fast, slow)
    matcher = _matcher()
    got = matcher.find(fast)
    assert got == matcher.find(slow)
    assert {m.entry.terms[0] for m in got} == set(TERMS)
    for m in got:
        assert normalize_str(text[m.start : m.end]).text == m.entry.terms[0]


FRAGMENTS = ["习近乎", "習 近 平", "测试错词", "测*试 错·词", "2023年2月30日", "（星期四）", "13912345678",
             "北韩", "震惊！", "家人们", "，", "。", " ", "\n", "ＡＢＣ", "abc", "再接再励", "台 湾", "国 家"]


@settings(max_examples=15, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=20), st.randoms(use_true_random=False))
def test_engine_findings_are_the_same_on_both_paths(parts, rnd):
    from lint.engine import Linter
    from lint.model import Post

    pieces = []
    while sum(map(len, pieces)) < normalize_module.ARRAY_MIN_CHARS:
        pieces.append(rnd.choice(parts))
    text = "".join(pieces)
    linter = Linter()
    fast = linter.check_post(Post(content=text))
    original = normalize_module.ARRAY_MIN_CHARS
    normalize_module.ARRAY_MIN_CHARS = 10**9
    try:
        slow = linter.check_post(Post(content=text))
    finally:
        normalize_module.ARRAY_MIN_CHARS = original
    assert fast == slow
    for f in fast:
        assert f.text == text[f.start : f.end]


def test_a_few_folding_characters_are_patched_in():
    base = "习近平总书记在中国 共 产党第二十次全国代表大会上的报告。" * 150
    for extra in ["", "ＡBC", "習近平", "Ｘ", "\u4fd3"]:
        text = extra + base + extra
        fast = normalize_arrays(text)
        if extra == "\u4fd3":
            assert fast is None
            continue
        _same(fast, normalize_str(text))


def test_long_texts_are_scanned_in_chunks_with_the_same_matches(monkeypatch):
    import numpy as np

    from lint.terms import matcher as matcher_module

    matcher = _matcher()
    # a key-free character ("，") now and then, long stretches without one, and matches
    # right at the cuts
    text = ("习近平总书记台湾中国" * 7 + "，" + "测试正词" * 3 + "ab1，a b") * 40 + "中国" * 300 + "，台湾"
    data = normalize_str(text).utf16()
    whole = matcher_module._scan(matcher._automaton16, data, np.zeros(0x10000, dtype=bool))
    for chunk, window in [(16, 4), (50, 8), (7, 1000), (100, 2)]:
        monkeypatch.setattr(matcher_module, "_CHUNK", chunk)
        monkeypatch.setattr(matcher_module, "_CUT_WINDOW", window)
        assert np.array_equal(matcher_module._scan(matcher._automaton16, data, matcher._outside_keys), whole)
    assert whole.shape[1] > 1000


def test_match_tuples_become_the_same_columns_by_either_conversion():
    import numpy as np

    from lint.terms.matcher import _as_array, _columns

    for raw in [[], [(0, 2, 0)], [(4, 10, 7), (300, 306, 70000), (2**31 - 1, 2**31 + 5, 1)],
                [(i, i + 4, i % 300) for i in range(0, 5000, 3)]]:
        got = _columns(raw)
        assert got.shape == (3, len(raw)) and got.dtype == np.int64
        assert got.tolist() == (np.asarray(_as_array(raw)).T.tolist() if raw else [[], [], []])
