"""Serious expression errors (ZW1xx): positive and negative examples per sub-family."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from lint import check_text

ROOT = Path(__file__).resolve().parent.parent


def _shared() -> Path | None:
    for base in (ROOT.parent / "shared", ROOT.parent.parent / "shared"):
        if base.is_dir():
            return base
    return None


def found(text: str, code: str | None = None, published: str | None = None, title: str | None = None):
    out = [f for f in check_text(text, published=published, title=title) if f.rule.startswith("ZW1")]
    if code:
        out = [f for f in out if f.rule == code]
    return out


def texts(text, code=None, published=None):
    return [f.text for f in found(text, code, published)]


# --------------------------------------------------------------------------- ZW101 names and titles


@pytest.mark.parametrize("text,wrong,right", [
    ("国家主席习近乎出席会议并发表讲话。", "习近乎", "习近平"),
    ("习进平总书记强调，要坚持人民至上。", "习进平", "习近平"),
    ("深入学习贯彻习金平总书记重要讲话精神。", "习金平", "习近平"),
    ("国务院总理李墙主持召开国务院常务会议。", "李墙", "李强"),
    ("赵乐记委员长出席开幕式。", "赵乐记", "赵乐际"),
    ("温家室总理来到灾区看望群众。", "温家室", "温家宝"),
    ("胡锦铸同志在大会上讲话。", "胡锦铸", "胡锦涛"),
    ("总书计强调，发展是第一要务。", "总书计", "总书记"),
    ("国务院总里李强出席。", "国务院总里", "国务院总理"),
])
def test_misspelt_leader_names_and_titles_are_found_with_the_fix(text, wrong, right):
    hits = found(text, "ZW101")
    assert [f.text for f in hits] == [wrong]
    assert hits[0].suggestions == [right]
    assert hits[0].severity == "error" and hits[0].category == "serious"


def test_spaced_and_punctuated_names_are_folded_before_matching():
    assert texts("习 近 乎总书记指出", "ZW101") == ["习 近 乎"]
    assert texts("习*进*平总书记指出", "ZW101") == ["习*进*平"]
    assert texts("习 近 平总书记指出") == []


def test_traditional_characters_are_folded():
    assert texts("國家主席習進平出席會議", "ZW101") == ["習進平"]
    assert texts("國家主席習近平出席會議") == []


@pytest.mark.parametrize("text", [
    "国务院总理李强主持召开国务院常务会议。",
    "他的名字叫李墙，是一名普通工人。",           # a two-character variant without a leader context
    "学习近乎痴迷的他，每天读书到深夜。",          # 学习 + 近乎, not a misspelt name
    "全县干部认真学习习近平新时代中国特色社会主义思想。",
    "总数记为一百二十人。",
    "宗书记来到村里调研。",                        # a local secretary surnamed 宗
])
def test_correct_names_and_ordinary_words_are_not_reported_as_misspelt_names(text):
    assert texts(text, "ZW101") == []


def test_variant_of_a_two_character_name_needs_a_leader_context():
    assert texts("习近平、李墙、赵乐际等出席。", "ZW101") == ["李墙"]
    assert texts("李墙是我的同学。", "ZW101") == []


# --------------------------------------------------------------------------- ZW102 office holders by date


def test_former_premier_called_premier_in_a_later_post_is_reported():
    hits = found("国务院总理李克强主持召开国务院常务会议。", "ZW102", published="2024-05-01")
    assert [f.text for f in hits] == ["国务院总理李克强"]
    assert "李强" in hits[0].message and "时任" in hits[0].message
    assert hits[0].suggestions == ["时任国务院总理李克强"]


def test_same_title_is_right_while_in_office():
    assert texts("国务院总理李克强主持召开国务院常务会议。", "ZW102", published="2020-05-01") == []
    assert texts("国务院总理李强主持召开国务院常务会议。", "ZW102", published="2024-05-01") == []


def test_title_after_the_name_is_checked_too():
    assert texts("汪洋主席出席会议。", "ZW102", published="2024-02-01") == ["汪洋主席"]
    assert texts("王沪宁主席出席会议。", "ZW102", published="2024-02-01") == []
    assert texts("栗战书委员长出席会议。", "ZW102", published="2023-06-01") == ["栗战书委员长"]
    assert texts("赵乐际委员长出席会议。", "ZW102", published="2023-06-01") == []


def test_title_never_held_is_reported_on_any_date():
    assert texts("国务院总理王沪宁出席会议。", "ZW102") == ["国务院总理王沪宁"]
    assert texts("总书记李强出席会议。", "ZW102", published="2024-01-01") == ["总书记李强"]


def test_titles_marked_as_past_or_in_a_historical_sentence_are_allowed():
    for text in ["时任国务院总理李克强出席会议。", "原国务院总理李克强同志逝世。",
                 "2015年，国务院总理李克强在政府工作报告中提出“互联网+”行动计划。",
                 "回顾历史，温家宝总理曾来到这里。"]:
        assert texts(text, "ZW102", published="2024-05-01") == [], text


def test_without_a_publication_date_only_never_held_titles_are_reported():
    assert texts("国务院总理李克强主持召开国务院常务会议。", "ZW102") == []


def test_title_chain_of_the_top_leader_is_checked_as_a_whole():
    text = "中共中央总书记、国家主席、中央军委主席习近平出席。"
    assert texts(text, "ZW102", published="2024-01-01") == []
    hits = found("中共中央总书记、国家主席胡锦涛出席。", "ZW102", published="2014-01-01")
    assert [f.text for f in hits] == ["中共中央总书记、国家主席胡锦涛"]
    assert "中共中央总书记" in hits[0].message and "国家主席" in hits[0].message


def test_office_holder_data_is_dated_and_sourced():
    from lint.terms.lists import default_list_dirs, parse_list_file

    leaders = [p / "leaders.toml" for p in default_list_dirs() if (p / "leaders.toml").is_file()]
    assert leaders
    offices = 0
    for e in parse_list_file(leaders[0]):
        assert e.source
        for o in e.extra.get("office", ()):
            offices += 1
            assert o["valid_from"] and o["source"] and o["title"]
            assert o.get("valid_to") is None or o["valid_to"] > o["valid_from"]
    assert offices >= 40
