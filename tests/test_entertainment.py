from _content_data import clean_findings, seed_docs  # noqa: F401  (fixtures)
from lint import check_text
from lint.config import Config
from lint.engine import Linter
from lint.model import Post


def rules(text, title=None, config=None):
    return [f for f in check_text(text, title=title, config=config) if f.category == "entertainment"]


def codes(text, title=None):
    return sorted({f.rule for f in rules(text, title)})


# Government titles and leads written in the ordinary register: no ZW301/ZW302/ZW303.
GOV_POSTS = [
    ("关于开展2023年度城乡居民医保集中参保缴费工作的通告", "根据有关规定，现将有关事项通告如下。"),
    ("重要提醒！这些新规5月起施行", "5月1日起，一批新规正式施行。"),
    ("如何申领电子社保卡？一图读懂", "电子社保卡可通过以下渠道申领。"),
    ("刚刚过去的一年，我市经济运行稳中向好", "全市突发事件应急处置有力，内幕交易案件依法查处。"),
    ("南京大屠杀死难者国家公祭日", "这场震惊中外的惨案，我们永远不会忘记。"),
    ("这些地方有暴雨，请注意防范", "市气象台发布暴雨黄色预警信号。"),
    ("厦门市集美区召开老旧小区改造推进会", "会议要求，调整活动时间，做好老铁路沿线改造。"),
    ("好消息！我市新增3所公办幼儿园", "今年秋季学期，3所公办幼儿园投入使用，宝宝们可以就近入园。"),
]


def test_government_posts_are_not_entertainment():
    for title, body in GOV_POSTS:
        assert [f for f in rules(body, title) if f.severity != "info"] == [], title


def test_clickbait_title_scores_and_explains():
    fs = rules("正文", "震惊！这个地方竟然这样")
    [post] = [f for f in fs if f.rule == "ZW301"]
    assert post.field == "title" and post.text == "震惊"
    assert "得分" in post.message and "“震惊”" in post.message and "“竟然”" in post.message


def test_title_is_judged_more_strictly_than_body():
    assert "ZW301" in codes("内容", "重磅！国务院发布新规")
    assert "ZW301" not in codes("重磅！国务院发布新规。")


def test_slang_in_body_per_term_and_score():
    fs = rules("家人们，今天带大家看看新建成的公园，yyds！绝绝子！")
    assert {f.text for f in fs if f.rule == "ZW302"} == {"家人们", "yyds", "绝绝子"}
    assert any(f.rule == "ZW301" for f in fs)


def test_slang_is_case_and_width_folded():
    assert [f.text for f in rules("这波操作ＹＹＤＳ") if f.rule == "ZW302"] == ["ＹＹＤＳ"]


def test_mild_slang_only_counts_towards_the_score():
    fs = rules("周末去公园吃瓜，真香。")
    assert [f for f in fs if f.rule in ("ZW301", "ZW302")] == []


def test_clickbait_phrases():
    fs = rules("内容", "速看！99%的人不知道的医保新规")
    assert {f.text for f in fs if f.rule == "ZW303"} == {"速看", "99%的人不知道"}
    assert [f.text for f in rules("不转不是中国人！") if f.rule == "ZW303"] == ["不转不是中国人"]


def test_title_only_phrases_are_not_reported_in_bodies():
    assert [f for f in rules("速看下面的办事指南。") if f.rule == "ZW303"] == []


def test_exclamation_runs_and_emoji():
    fs = [f for f in rules("好消息！！！正文🎉🎉🎉") if f.rule == "ZW304"]
    assert [f.text for f in fs] == ["！！！", "🎉🎉🎉"]
    assert fs[0].suggestions == ["！"] and fs[0].fix_safe and fs[0].severity == "info"
    assert [f.text for f in rules("正文", "新年快乐🎉") if f.rule == "ZW304"] == ["🎉"]
    assert [f for f in rules("难道不是吗？！") if f.rule == "ZW304"] == []


def test_threshold_is_configurable():
    strict = Config(options={"ZW301": {"threshold": 1.0}})
    lax = Config(options={"ZW301": {"threshold": 20}})
    post = Post(content="内容", title="好消息！！新馆开放")
    assert any(f.rule == "ZW301" for f in Linter(strict).check_post(post))
    assert not any(f.rule == "ZW301" for f in Linter(lax).check_post(post))


def test_no_entertainment_findings_on_seeds(seed_docs):
    for name, text in seed_docs.items():
        hits = [f for f in check_text(text) if f.category == "entertainment"]
        if name.startswith("004"):  # garbled “?!” in the converted page
            hits = [f for f in hits if f.severity != "info"]
        assert hits == [], (name, [(f.rule, f.text) for f in hits])


def test_no_entertainment_findings_on_clean_sentences(clean_findings):
    hits = [(f.rule, f.text) for s, fs in clean_findings for f in fs if f.category == "entertainment"]
    assert hits == []


def test_first_line_of_a_plain_file_is_judged_as_a_title():
    fs = rules("# 震惊！99%的人不知道的惠民新政，速看\n\n正文内容。")
    assert {f.text for f in fs if f.rule == "ZW303"} == {"震惊", "99%的人不知道", "速看"}
    [post] = [f for f in fs if f.rule == "ZW301"]
    assert "标题“震惊”" in post.message
    # a first line that is a sentence is body text
    assert [f for f in rules("速看下面的办事指南，按步骤办理。\n第二行。") if f.rule == "ZW303"] == []


def test_overlapping_matches_of_one_term_are_reported_once():
    assert [f.text for f in rules("哈哈哈哈哈哈") if f.rule == "ZW302"] == ["哈哈哈哈"]
