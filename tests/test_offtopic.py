from _content_data import clean_findings, seed_docs  # noqa: F401  (fixtures)
from lint import check_text


def rules(text, title=None):
    return [f for f in check_text(text, title=title) if f.category == "offtopic"]


def texts(fs, code):
    return [f.text for f in fs if f.rule == code]


def test_induced_sharing_and_promotion_are_reported_and_scored():
    fs = rules("转发集赞满30个即可领取优惠券，限时秒杀！")
    assert texts(fs, "ZW402") == ["转发集赞", "优惠券", "限时秒杀"]
    [score] = [f for f in fs if f.rule == "ZW401"]
    assert "得分" in score.message and "转发集赞" in score.message


def test_horoscope_reported_but_not_when_debunked():
    assert texts(rules("今日运势：白羊座宜出行。"), "ZW402") == ["今日运势"]
    assert "ZW401" in {f.rule for f in rules("今日运势：白羊座宜出行。")}
    assert texts(rules("要破除迷信，不信算命。"), "ZW402") == []


def test_absolute_terms_only_in_commercial_sentences():
    assert texts(rules("本地特产品质最佳，欢迎下单购买。"), "ZW403") == ["最佳"]
    assert texts(rules("这是最佳实践，要在第一时间推广。"), "ZW403") == []
    assert texts(rules("某商家宣称全网最低价，被市场监管部门查处。"), "ZW403") == []
    assert texts(rules("商品页写着“全网最低”的字样。"), "ZW403") == []


def test_absolute_terms_only_where_something_is_sold():
    assert texts(rules("国家级非遗手工茶，原价199元，现价99元包邮。"), "ZW403") == ["国家级"]
    assert texts(rules("稳步推进国家级经开区改革，建立健全招商引资机制。"), "ZW403") == []
    assert texts(rules("培育一批国家级产业集群，提升农产品品质，做靓特色品牌。"), "ZW403") == []


def test_weak_commercial_words_alone_do_not_make_a_post_offtopic():
    body = ("双十一促销期间，市场监管局对辖区店铺的折扣价格开展检查。"
            "普法有奖竞答活动将抽奖产生幸运儿，助农直播带货销售农产品。")
    assert rules(body) == []


def test_title_counts_more():
    assert "ZW401" in {f.rule for f in rules("正文", "水逆退散！本周运势")}


def test_chicken_soup_posts():
    body = "早安语录：愿你被这个世界温柔以待。余生很长，好好爱自己。人生感悟：成年人的世界没有容易二字。"
    assert "ZW401" in {f.rule for f in rules(body)}
    assert rules("早安！今天天气晴。") == []


def test_no_offtopic_findings_on_seeds(seed_docs):
    for name, text in seed_docs.items():
        hits = [f for f in check_text(text) if f.category == "offtopic"]
        assert hits == [], (name, [(f.rule, f.text) for f in hits])


def test_no_offtopic_findings_on_clean_sentences(clean_findings):
    hits = [(f.rule, f.text) for s, fs in clean_findings for f in fs if f.category == "offtopic"]
    assert hits == []
