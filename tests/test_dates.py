from datetime import date

from _content_data import clean_findings, seed_docs  # noqa: F401  (fixtures)
from lint import check_text
from lint.rules.dates import find_dates


def found(text, code, published=None):
    return [f for f in check_text(text, published=published) if f.rule == code]


def test_find_dates_reads_all_three_forms():
    ds = find_dates("2023年7月5日、2023-07-06、二〇二三年七月七日、7月8日")
    assert [(d.year, d.month, d.day) for d in ds] == [(2023, 7, 5), (2023, 7, 6), (2023, 7, 7), (2023, 7, 8)]
    assert [d.explicit_year for d in ds] == [True, True, True, False]


def test_impossible_dates():
    [f] = found("会议于2023年2月30日召开。", "ZW701")
    assert f.text == "2023年2月30日" and f.severity == "error" and f.category == "date"
    assert len(found("二〇二三年四月三十一日", "ZW701")) == 1
    assert len(found("2023-02-29", "ZW701")) == 1
    assert len(found("13月5日", "ZW701")) == 1


def test_possible_dates_are_not_reported():
    assert found("2024年2月29日、2月29日、2023年4月30日、二〇二三年十二月三十一日", "ZW701") == []


def test_period_that_ends_before_it_starts():
    [f] = found("报名时间为2023年7月10日至7月5日。", "ZW702")
    assert f.text == "2023年7月10日至7月5日"
    assert len(found("2023年7月5日至3日", "ZW702")) == 1


def test_period_that_ends_on_the_day_it_starts():
    assert len(found("征集时间：2022年3月9日至2022年3月9日", "ZW702")) == 1
    assert found("2022年3月9日9时至2022年3月9日18时", "ZW702") == []


def test_valid_periods_and_year_rollover():
    assert found("2022年12月28日至1月3日；4月27日至5月10日；7月5日至8日", "ZW702") == []


def test_year_far_from_publication_in_a_period():
    text = "征求意见期限为2000年3月30日至2000年4月30日。"
    hits = found(text, "ZW703", published="2022-03-30")
    assert [f.text for f in hits] == ["2000年3月30日至2000年4月30日"]
    assert found(text, "ZW703") == []  # no publication date: intrinsic checks only


def test_year_far_standalone_and_history_context():
    assert len(found("2000年5月1日，他来到窗口办事。", "ZW703", published="2022-01-01")) == 1
    assert found("1949年10月1日，中华人民共和国成立。", "ZW703", published="2022-10-01") == []
    assert found("本条例自2005年5月1日起施行。", "ZW703", published="2022-01-01") == []
    assert found("2021年12月31日前完成。", "ZW703", published="2022-01-01") == []


def test_anniversary_and_look_back_posts_keep_their_historic_dates():
    from lint.engine import Linter
    from lint.model import Post

    def zw703(content, title=None):
        post = Post(content=content, title=title, published=date(2023, 5, 12))
        return [f for f in Linter().check_post(post) if f.rule == "ZW703"]

    quake = "2008年5月12日14时28分，四川汶川发生8.0级特大地震。"
    assert zw703(quake, title="汶川特大地震十五周年：我们从未忘记") == []
    assert zw703("山河已无恙。\n" + quake + "\n15年前的今天，举国同悲。") == []  # 2023 - 15 = 2008
    assert zw703("重温历史，回顾过去。" + quake) == []  # same paragraph
    assert len(zw703(quake)) == 1  # nothing says it is a look back
    assert len(zw703("纪念大会举行。\n2008年5月12日，他来到窗口办事。")) == 1  # another paragraph


def test_year_threshold_is_configurable():
    from lint.config import Config
    from lint.engine import Linter
    from lint.model import Post

    linter = Linter(Config(options={"ZW703": {"years_before": 30}}))
    post = Post(content="2000年5月1日，他来到窗口办事。", published=date(2022, 1, 1))
    assert [f for f in linter.check_post(post) if f.rule == "ZW703"] == []


def test_weekday_mismatch():
    [f] = found("定于2023年7月5日（星期四）举行。", "ZW704")
    assert f.text == "（星期四）" and f.suggestions == ["（星期三）"] and not f.fix_safe
    assert len(found("二〇二三年七月五日（星期四）", "ZW704")) == 1
    assert len(found("7月5日（周四）", "ZW704", published="2023-07-01")) == 1


def test_matching_weekdays_are_not_reported():
    assert found("2023年7月5日（星期三）、7月6日周四", "ZW704") == []
    assert found("7月5日（周四）", "ZW704") == []  # no year known
    assert found("2022年12月28日（星期三）至1月4日（星期三）", "ZW704") == []


def test_no_date_findings_on_seeds(seed_docs):
    for name, text in seed_docs.items():
        hits = [f for f in check_text(text) if f.category == "date"]
        assert hits == [], (name, [(f.rule, f.text) for f in hits])


def test_no_date_findings_on_clean_sentences(clean_findings):
    hits = [f.text for s, fs in clean_findings for f in fs if f.category == "date"]
    assert hits == []


def test_a_far_period_is_reported_even_in_a_sentence_about_publishing():
    text = "市民政局于2022年3月30日发布的公告将征求意见的期限定为2000年3月30日至2000年4月30日。"
    assert [f.text for f in found(text, "ZW703", published="2022-06-10")] == ["2000年3月30日至2000年4月30日"]
    assert found("抗战时期1990年1月1日至1990年2月1日", "ZW703", published="2022-06-10") == []


def test_labelled_start_and_end_dates():
    text = "调查征集\n开始时间：2022年3月9日\n结束时间：2022年3月9日\n"
    [f] = found(text, "ZW702")
    assert "同一天" in f.message
    assert len(found("截止日期：2022年3月1日；开始日期：2022年3月9日", "ZW702")) == 1
    assert found("开始时间：2022年3月9日，结束时间：2022年4月9日", "ZW702") == []
