"""lint.text.context: the sentence and quotation tests every rule family shares."""
from __future__ import annotations

from lint.rules._terms import quoted
from lint.text.context import inside_quotes, sentence, years_in


def span(text: str, part: str) -> tuple[int, int]:
    i = text.index(part)
    return i, i + len(part)


def test_a_span_between_quotation_marks_on_its_line_is_quoted():
    text = "他说要把“主题教育”落到实处。"
    assert inside_quotes(text, *span(text, "主题")) and quoted(text, *span(text, "主题"))


def test_a_closing_mark_on_the_next_line_does_not_quote_a_span():
    text = "完成“美丽庭院”8万户，试点稳步推进。\n“五个中心”建设扎实推进。"
    assert not inside_quotes(text, *span(text, "稳步"))
    assert not quoted(text, *span(text, "稳步"))


def test_an_opening_mark_already_closed_before_the_span_does_not_quote_it():
    text = "“美丽庭院”建设稳步推进，“五个中心”"
    assert not inside_quotes(text, *span(text, "稳步"))


def test_straight_double_quotes_quote_a_span_only_after_an_odd_number_of_them():
    text = '他说"甲"和乙与"丙"'
    assert not inside_quotes(text, *span(text, "乙"))
    assert inside_quotes(text, *span(text, "丙"))


def test_the_window_limits_how_far_the_marks_may_be():
    text = "“" + "前" * 50 + "目标" + "后" * 5 + "”"
    assert not inside_quotes(text, *span(text, "目标"))  # the default window is 40
    assert inside_quotes(text, *span(text, "目标"), window=60)
    assert quoted(text, *span(text, "目标"))  # the list-driven rules look 60 characters away


def test_apostrophes_quote_only_where_the_pairs_include_them():
    text = "写作'目标'两字"
    assert inside_quotes(text, *span(text, "目标"))
    assert not quoted(text, *span(text, "目标"))


def test_sentence_and_years():
    text = "第一句。1998年的第二句，还有2003年；第三句"
    assert sentence(text, text.index("第二")) == "1998年的第二句，还有2003年"
    assert years_in(sentence(text, text.index("第二"))) == [1998, 2003]
