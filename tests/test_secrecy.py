"""Secrecy markings (ZW6xx) in posts meant for publication."""
from __future__ import annotations

import pytest

from lint import check_text


def codes(text: str, title: str | None = None):
    return [(f.rule, f.text) for f in check_text(text, title=title) if f.rule.startswith("ZW6")]


@pytest.mark.parametrize("text,mark", [
    ("秘密★1年\n关于做好安全生产工作的通知", "秘密★1年"),
    ("机密★10年", "机密★10年"),
    ("绝密 ★ 长期", "绝密 ★ 长期"),
    ("密级：机密\n保密期限：5年", "密级：机密"),
    ("機密★10年\n關於工作的通知", "機密★10年"),
])
def test_classification_marks_are_errors(text, mark):
    hits = [f for f in check_text(text) if f.rule == "ZW601"]
    assert [f.text for f in hits] == [mark]
    assert hits[0].category == "secrecy" and hits[0].severity == "error"


def test_quoted_mark_in_a_secrecy_education_post_is_not_reported():
    assert codes("涉密文件会在首页标注“秘密★”等密级标志，大家要学会识别。") == []


@pytest.mark.parametrize("text,mark", [
    ("内部资料　注意保密\n关于做好防汛工作的通知……", "内部资料"),
    ("关于做好防汛工作的通知（内部资料）已经印发，请各单位抓好落实，确保安全度汛。", "内部资料"),
    ("此件不得外传，请各单位认真学习领会并结合实际抓好贯彻落实工作。", "不得外传"),
    ("会议纪要正文如下，请各位参会人员认真阅读，内部资料，不得外传。", "内部资料"),
])
def test_restricted_distribution_marks_are_found_where_they_stand_as_a_marking(text, mark):
    assert ("ZW602", mark) in codes(text)


def test_restricted_mark_in_a_title_is_reported():
    assert ("ZW602", "内部资料") in codes("正文", title="内部资料：三季度工作要点")


@pytest.mark.parametrize("text", [
    "全体干部要增强保密意识，涉密文件严禁外传，做到注意保密，守住底线，确保国家秘密安全万无一失。",
    "他在采访中表示，这些内部资料反映了当年的建设情况，非常珍贵，值得我们好好研究和学习。",
    "机密文件的管理要严格按照规定执行，各单位要定期开展保密检查，堵塞泄密漏洞。",
])
def test_sentences_about_secrecy_are_not_reported(text):
    assert codes(text) == []
