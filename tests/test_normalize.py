from hypothesis import given, settings, strategies as st

from lint.terms.lists import Entry
from lint.terms.matcher import TermMatcher
from lint.text.normalize import fold, normalize
from lint.text.offsets import OffsetMap


def test_fold_keeps_length_and_maps_width_case_and_traditional():
    text = "習近平總書記ＡＢＣ１２３abc，。"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded.startswith("习近平总书记")
    assert "abc123abc" in folded
    assert folded.endswith("，。")  # full-width punctuation is kept


def test_fillers_between_han_are_removed_and_mapped_back():
    n = normalize("学习习 近*平·总书记讲话")
    assert n.text == "学习习近平总书记讲话"
    i = n.text.index("习近平")
    s, e = n.span_to_original(i, i + 3)
    assert n.original[s:e] == "习 近*平"


def test_fillers_outside_han_are_kept():
    n = normalize("共 43 个 abc def")
    assert n.text == "共 43 个 abc def"
    assert n.offsets.is_identity()


def test_offset_map_runs():
    m = OffsetMap.identity()
    m.add_run(3, 5)
    assert m.to_source(2) == 2
    assert m.to_source(3) == 5
    assert m.span_to_source(1, 4) == (1, 6)


HAN = st.sampled_from(list("习近平總書記中国台湾办公厅测试正词错"))
FILLER = st.sampled_from(list(" *·＊\u3000"))
OTHER = st.sampled_from(list("ＡaB1，。\n"))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(HAN, HAN, FILLER, OTHER), max_size=60))
def test_every_match_points_at_its_original_text(chars):
    text = "".join(chars)
    terms = ["习近平", "台湾", "测试正词", "中国", "书记"]
    matcher = TermMatcher([Entry(rule="T", terms=(t,), pattern=None, fixes=(), reason="", source="s", file="f")
                           for t in terms])
    norm = normalize(text)
    for m in matcher.find(norm):
        original = text[m.start : m.end]
        assert normalize(original).text == norm.text[m.norm_start : m.norm_end]
        assert normalize(original).text == m.entry.terms[0]
        # the span starts and ends on a term character, never on a filler
        assert original[0] not in " *·＊\u3000" and original[-1] not in " *·＊\u3000"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.one_of(HAN, FILLER, OTHER, st.characters()), max_size=80))
def test_normalised_positions_map_inside_the_original(text):
    norm = normalize(text)
    assert len(norm.folded) == len(text)
    for i in range(len(norm.text)):
        j = norm.offsets.to_source(i)
        assert 0 <= j < len(text)
        assert fold(text[j]) == norm.text[i]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(1, 6)), max_size=30),
       st.lists(st.tuples(st.integers(0, 3), st.integers(1, 4)), max_size=10))
def test_batch_span_mapping_equals_single_mapping(spans, runs):
    m = OffsetMap.identity()
    pos = src = 0
    for gap, removed in runs:
        pos += gap
        src += gap + removed
        m.add_run(pos, src)
    import numpy as np

    spans = [(s, s + n) for s, n in spans]
    starts = np.array([s for s, _ in spans], dtype=np.int64)
    ends = np.array([e for _, e in spans], dtype=np.int64)
    got_s, got_e = m.spans_to_source_arrays(starts, ends)
    assert list(zip(got_s.tolist(), got_e.tolist())) == [m.span_to_source(s, e) for s, e in spans]
