from _content_data import clean_findings, seed_docs  # noqa: F401  (fixtures)
from lint import check_text


def spam(text):
    return [f.text for f in check_text(text) if f.rule == "ZW901"]


def test_spam_only_phrases_are_reported_alone():
    text = "关于开展安全生产检查的通知。真人娱乐 官网直播 注册送彩金 点击进入"
    hits = spam(text)
    assert "真人娱乐" in hits and "注册送彩金" in hits
    assert "官网直播" in hits  # a weak term next to strong ones
    f = [f for f in check_text(text) if f.rule == "ZW901"][0]
    assert f.severity == "error" and f.category == "sensitive"


def test_weak_terms_need_a_cluster():
    assert spam("新闻发布会将在市政府官网直播。") == []
    assert spam("百家乐 时时彩 投注 赔率高") != []


def test_anti_gambling_publicity_is_not_spam():
    text = "警惕网络赌博！百家乐、时时彩等网络赌博陷阱多，公安机关提醒市民远离赌博。"
    assert spam(text) == []
    assert spam("市公安局依法打击卖淫嫖娼等违法犯罪活动。") == []


def test_lottery_shops_are_not_spam():
    assert spam("体育彩票投注站、福彩投注点的下注规范。") == []


def test_word_boundaries_for_short_porn_terms():
    # 口交 inside 路口交通 is not a word: without word boundaries it would pair with 卖淫
    assert spam("路口交通附近有人卖淫") == []
    assert spam("口交 卖淫 一夜情") != []


def test_no_spam_findings_on_seeds(seed_docs):
    for name, text in seed_docs.items():
        assert [f for f in check_text(text) if f.category == "sensitive" and f.rule == "ZW901"] == [], name


def test_no_spam_findings_on_clean_sentences(clean_findings):
    assert [f.text for s, fs in clean_findings for f in fs if f.rule == "ZW901"] == []


def test_a_term_inside_a_reported_phrase_is_not_reported_again():
    assert spam("百家乐官网 时时彩") == ["百家乐官网", "时时彩"]
