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


def test_title_forms_and_activity_words_seen_in_inspections_are_found():
    assert texts("中共江苏省省委书记出席。", "ZW101") == ["省省委书记"]
    assert texts("南京市市委书记调研。", "ZW101") == ["市市委书记"]
    assert texts("各市市委书记参加会议。", "ZW101") == []
    assert texts("习近平在新年辞职中说", "ZW101") == ["新年辞职"]
    assert texts("戈尔巴乔夫是苏联最后领导人。", "ZW101") == []
    assert texts("他被称为中国最后领导人。", "ZW101") == ["中国最后领导人"]


def test_variant_of_a_two_character_name_needs_a_leader_context():
    assert texts("习近平、李墙、赵乐际等出席。", "ZW101") == ["李墙"]
    assert texts("李墙是我的同学。", "ZW101") == []
    assert texts("县总工会主席王义出席。", "ZW101") == []
    assert texts("县政协李墙主席出席。", "ZW101") == []


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


def test_an_act_done_in_office_may_name_the_office_in_the_weeks_after_the_handover():
    text = "会议听取和审议了国务院总理温家宝所作的政府工作报告。"  # the NPC resolution of 17 March 2013
    assert texts(text, "ZW102", published="2013-03-17") == []
    assert texts(text, "ZW102", published="2013-07-01") == ["国务院总理温家宝"]
    assert texts("国务院总理温家宝今天考察了工厂。", "ZW102", published="2013-03-17") == ["国务院总理温家宝"]


def test_bare_titles_of_local_offices_are_not_taken_for_national_ones():
    for text in ["县政协主席李强出席会议。", "市总工会副主席汪洋讲话。", "县政协李强主席出席会议。"]:
        assert texts(text, "ZW102", published="2024-05-01") == [], text
    assert texts("主席李强出席会议。", "ZW102", published="2024-05-01") == []  # bare title: no "never held"


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


# --------------------------------------------------------------------------- ZW103 title order


def test_top_leader_titles_out_of_order_are_reported():
    hits = found("国家主席、中共中央总书记、中央军委主席习近平出席。", "ZW103")
    assert [f.text for f in hits] == ["国家主席、中共中央总书记"]
    assert hits[0].suggestions == ["中共中央总书记、国家主席、中央军委主席"]
    assert texts("中央军委主席,国家主席习近平", "ZW103") == ["中央军委主席,国家主席"]


def test_top_leader_titles_in_the_standard_order_are_not_reported():
    assert texts("中共中央总书记、国家主席、中央军委主席习近平出席。", "ZW103") == []
    assert texts("总书记、国家主席、中央军委主席习近平出席。", "ZW103") == []


# --------------------------------------------------------------------------- ZW104 formulations


@pytest.mark.parametrize("text,wrong,right", [
    ("深入学习习近平新时代中国特色社会主义理论。", "习近平新时代中国特色社会主义理论", "习近平新时代中国特色社会主义思想"),
    ("学习习近平总书记新时代中国特色社会主义思想。", "习近平总书记新时代中国特色社会主义思想", "习近平新时代中国特色社会主义思想"),
    ("学习习近平新时代中国特色主义思想。", "习近平新时代中国特色主义思想", "习近平新时代中国特色社会主义思想"),
    ("以中国式现代话全面推进中华民族伟大复兴。", "中国式现代话", "中国式现代化"),
    ("坚定“四个意识”，做到“两个维护”。", "坚定“四个意识”", "增强“四个意识”"),
    ('增强"四个自信"。', '增强"四个自信"', "坚定“四个自信”"),
    ("坚定“五位一体”战略布局。", "“五位一体”战略布局", "“五位一体”总体布局"),
    ("深刻领悟确立习近平总书记党中央的核心、全党的核心地位。", "确立习近平总书记党中央的核心、全党的核心地位",
     "确立习近平同志党中央的核心、全党的核心地位"),
    ("充分发挥党总览全局、协调各方的领导核心作用。", "总览全局、协调各方", "总揽全局、协调各方"),
])
def test_formulations_with_wrong_wording_are_found(text, wrong, right):
    hits = found(text, "ZW104")
    assert wrong in [f.text for f in hits]
    assert right in [s for f in hits for s in f.suggestions]


def test_another_number_in_a_numbered_name_is_no_misspelling_of_it():
    from lint.rules.serious.spelling import misspellings

    assert texts("党的第九次全国代表大会的路线取得了伟大胜利。", "ZW104") == []
    forms = misspellings("党的第十九次全国代表大会")
    assert "党的第九次全国代表大会" not in forms and "党的第十四次全国代表大会" not in forms
    assert "党的第十九次全国代表大大会" in forms  # other slips in it still are


def test_spaced_and_traditional_formulations_are_found():
    assert texts("推进中 国 式 现 代 话建设", "ZW104") == ["中 国 式 现 代 话"]
    assert texts("學習習近平新時代中國特色社會主義理論", "ZW104") == ["習近平新時代中國特色社會主義理論"]
    assert texts("习·近·乎总书记", "ZW101") == ["习·近·乎"]


def test_formulation_members_in_a_wrong_order_are_found():
    hits = found("完整准确全面贯彻创新、协调、绿色、共享、开放的新发展理念。", "ZW104")
    assert [f.text for f in hits] == ["创新、协调、绿色、共享、开放"]
    assert hits[0].suggestions == ["创新、协调、绿色、开放、共享"]
    assert texts("增强政治意识、大局意识、看齐意识、核心意识。", "ZW104") == ["政治意识、大局意识、看齐意识、核心意识"]


def test_a_member_that_does_not_belong_next_to_the_name_is_found():
    hits = found("牢固树立“四个意识”，即政治意识、大局意识、核心意识、服务意识。", "ZW104")
    assert [(f.text, f.suggestions) for f in hits] == [("服务意识", ["看齐意识"])]
    hits = found("贯彻创新、协调、绿色、开发、共享的新发展理念。", "ZW104")
    assert [(f.text, f.suggestions) for f in hits] == [("开发", ["开放"])]
    # officials' own lists of 意识 are not the formulation
    assert texts("增强责任意识、服务意识、大局意识和“四个意识”。", "ZW104") == []


def test_wrong_counts_are_found():
    assert texts("坚决做到“四个维护”。", "ZW104") == ["“四个维护”"]
    assert texts("坚定“三个自信”。", "ZW104", published="2020-01-01") == ["“三个自信”"]
    assert texts("坚定“三个自信”。", "ZW104", published="2015-01-01") == []


def test_old_members_of_four_comprehensives_are_dated():
    text = "协调推进全面建成小康社会、全面深化改革、全面依法治国、全面从严治党的“四个全面”战略布局。"
    assert texts(text, "ZW104", published="2022-01-01") == ["全面建成小康社会、全面深化改革、全面依法治国、全面从严治党"]
    assert texts(text, "ZW104", published="2018-01-01") == []


@pytest.mark.parametrize("text", [
    "完整准确全面贯彻创新、协调、绿色、开放、共享的新发展理念。",
    "增强“四个意识”、坚定“四个自信”、做到“两个维护”。",
    "深刻领悟“两个确立”的决定性意义，坚决做到“两个维护”。",
    "以中国式现代化全面推进中华民族伟大复兴。",
    "中国是现代化建设的后来者。",
    "富强、民主、文明、和谐是国家层面的价值目标。",
    "“五位一体”总体布局和“四个全面”战略布局。",
])
def test_correct_formulations_are_not_reported(text):
    assert texts(text, "ZW104") == []


# --------------------------------------------------------------------------- ZW105 congress and plenum names


def test_plenum_named_after_the_congress_is_reported_with_a_safe_fix():
    hits = found("认真学习贯彻党的十九大五中全会精神。", "ZW105")
    assert [f.text for f in hits] == ["十九大五中全会"]
    assert hits[0].suggestions == ["十九届五中全会"]
    assert texts("学习二十大三中全会精神", "ZW105") == ["二十大三中全会"]


def test_plenum_that_never_took_place_is_reported():
    assert texts("学习十九届八中全会精神", "ZW105") == ["十九届八中全会"]
    assert texts("学习十九届七中全会精神", "ZW105") == []


def test_plenum_is_checked_against_the_publication_date():
    assert texts("学习二十届三中全会精神", "ZW105", published="2023-05-01") == ["二十届三中全会"]
    assert texts("学习二十届三中全会精神", "ZW105", published="2024-09-01") == []
    assert texts("学习二十届三中全会精神", "ZW105") == []


# --------------------------------------------------------------------------- ZW106 state organ names


@pytest.mark.parametrize("text,wrong", [
    ("庆祝中华人民共合国成立75周年。", "中华人民共合国"),
    ("中共人民共和国成立以来。", "中共人民共和国"),
    ("全国人民代表大会常务委员回第三次会议。", "人民代表大会常务委员回"),
    ("最高人民检查院发布典型案例。", "人民检查院"),
])
def test_misspelt_state_organ_names_are_found(text, wrong):
    assert wrong in texts(text, "ZW106")


def test_correct_state_organ_names_are_not_reported():
    text = "中华人民共和国全国人民代表大会常务委员会、国务院办公厅、最高人民检察院、中国人民政治协商会议。"
    assert texts(text, "ZW106") == []


# --------------------------------------------------------------------------- ZW111 / ZW112 / ZW113 references


@pytest.mark.parametrize("text,code,wrong", [
    ("台湾总统出席活动。", "ZW111", "台湾总统"),
    ("臺灣總統出席活動。", "ZW111", "臺灣總統"),
    ("台湾政府宣布。", "ZW111", "台湾政府"),
    ("所谓中华民国总统。", "ZW111", "中华民国总统"),
    ("中国、台湾的客商参加了展会。", "ZW111", "中国、台湾"),
    ("来自美国、日本、台湾等国家的客商。", "ZW111", "台湾"),
    ("香港政府发布公告。", "ZW112", "香港政府"),
    ("推动中港合作。", "ZW112", "中港合作"),
    ("来自新加坡、香港等国家的代表。", "ZW112", "香港"),
    ("北韩发射卫星。", "ZW113", "北韩"),
    ("前苏联解体。", "ZW113", "前苏联"),
    ("蒙族同胞欢度那达慕。", "ZW113", "蒙族"),
])
def test_forbidden_references_are_found(text, code, wrong):
    hits = found(text, code)
    assert wrong in [f.text for f in hits]
    assert all(f.severity in ("error", "warning") and f.category == "serious" for f in hits)


@pytest.mark.parametrize("text", [
    "1912年1月1日，中华民国成立。",
    "民国时期，这里是中华民国的一个县。",
    "台湾地区领导人。台湾当局。台湾“立法院”。",
    "来自美国、日本、台湾等国家和地区的客商。",
    "1990年，香港政府宣布兴建新机场。",
    "港英政府时期的建筑。",
    "香港特区政府发布公告。",
    "中国和澳大利亚签署协议，中澳关系稳步发展。",
    "中国与香港特区政府签署协议。",
    "蒙古族同胞、内蒙古自治区、蒙古国总统、孟加拉国。",
    "江苏荣获全国文明城市称号。",
])
def test_allowed_references_are_not_reported(text):
    assert texts(text) == []


def test_belt_and_road_strategy_is_judged_by_date():
    assert texts("推进“一带一路”战略。", "ZW113", published="2020-01-01") == ["“一带一路”战略"]
    assert texts('推进"一带一路"战略。', "ZW113", published="2020-01-01") == ['"一带一路"战略']
    assert texts("推进“一带一路”战略。", "ZW113", published="2014-06-01") == []
    assert texts("推进“一带一路”倡议。", "ZW113", published="2020-01-01") == []


# --------------------------------------------------------------------------- ZW114 fallen officials


@pytest.mark.parametrize("text", [
    "在周永康同志的领导下，我们取得了显著成绩。",
    "周永康书记指出，要抓好政法工作。",
    "认真学习贯彻薄熙来同志讲话精神。",
])
def test_fallen_official_in_a_positive_context_is_reported(text):
    assert len(found(text, "ZW114", published="2024-01-01")) == 1


@pytest.mark.parametrize("text", [
    "周永康受贿、滥用职权、故意泄露国家秘密案一审宣判。",
    "坚决肃清周永康、薄熙来、孙政才、令计划流毒影响。",
    "以孙政才案为镜鉴，开展警示教育。",
])
def test_neutral_mention_of_a_case_is_not_reported(text):
    assert found(text, "ZW114", published="2024-01-01") == []


def test_namesakes_and_words_containing_a_fallen_name_are_not_reported():
    for text in ["刘志军书记指出，要抓好乡村振兴。", "江苏荣获全国文明城市称号。", "指令计划要求企业完成任务。"]:
        assert found(text, "ZW114", published="2024-01-01") == [], text
    assert len(found("原铁道部部长刘志军同志指出", "ZW114", published="2024-01-01")) == 1


def test_positive_mention_before_the_announcement_is_not_reported():
    assert found("在周永康同志的领导下，我们取得了显著成绩。", "ZW114", published="2010-01-01") == []


# --------------------------------------------------------------------------- data and clean text


def test_every_serious_list_entry_is_sourced():
    from lint.terms.lists import default_list_dirs, parse_list_file

    files = [p for d in default_list_dirs() for p in d.glob("*.toml")
             if p.stem in {"leaders", "offices", "title_order", "formulations", "congresses", "organs",
                           "taiwan", "hongkong_macau", "xinhua", "fallen", "secrecy", "title_forms"}]
    assert len(files) == 12
    for f in files:
        for e in parse_list_file(f):
            assert e.source.strip(), (f, e.terms)
            if e.rule in ("ZW104", "ZW106", "ZW111", "ZW112", "ZW113") and not e.extra.get("canonical"):
                assert e.reason and (e.fixes or e.rule != "ZW106"), (f, e.terms)
            if e.rule == "ZW114":
                assert e.valid_from is not None, e.terms


def test_seeds_give_no_serious_or_secrecy_finding():
    shared = _shared()
    if shared is None or not (shared / "seeds").is_dir():
        pytest.skip("shared seeds not present")
    for p in sorted((shared / "seeds").glob("*.txt")):
        hits = [f for f in check_text(p.read_text(encoding="utf-8")) if f.rule.startswith(("ZW1", "ZW6"))]
        assert hits == [], (p.name, [(f.rule, f.text) for f in hits])


def test_clean_sentences_give_no_serious_or_secrecy_finding():
    shared = _shared()
    path = shared / "data" / "clean" / "xxqg_clean_sentences.json" if shared else None
    if path is None or not path.is_file():
        pytest.skip("shared clean sentences not present")
    from lint.config import Config
    from lint.engine import Linter
    from lint.model import Post

    linter = Linter(Config(select=["ZW1", "ZW6"]))
    bad = []
    for r in json.loads(path.read_text(encoding="utf-8")):
        hits = [f for f in linter.check_post(Post(content=r["correct_text"])) if f.rule.startswith(("ZW1", "ZW6"))]
        bad.extend((f.rule, f.text) for f in hits)
    assert bad == []


@pytest.mark.parametrize("text, wrong", [
    ("坚决反对形式主义、官僚主义、享乐主义和奢侈之风。", "奢侈之风"),       # last member joined by 和
    ("统筹推进经济建设、政治建设、文化建设、社会建设和生态建设。", "生态建设"),  # shortened member
    ("按照产业兴旺、生态宜居、乡风文明、治理有效、生活富足的总要求推进。", "生活富足"),  # the sentence goes on
])
def test_a_replaced_member_is_found_also_when_joined_by_and_or_followed_by_the_sentence(text, wrong):
    assert texts(text, "ZW104") == [wrong]


@pytest.mark.parametrize("text", [
    "统筹推进经济建设、政治建设、文化建设、社会建设和生态文明建设。",
    "坚决反对形式主义、官僚主义、享乐主义和奢靡之风。",
    "按照产业兴旺、生态宜居、乡风文明、治理有效、生活富裕的总要求推进。",
    "牢固树立“四个意识”，即政治意识、大局意识、核心意识、看齐意识。",
])
def test_members_written_right_with_and_are_not_reported(text):
    assert texts(text, "ZW104") == []


def test_a_member_left_out_or_one_too_many_next_to_the_name_is_found():
    assert texts("牢固树立“四个意识”：政治意识、大局意识、核心意识。", "ZW104") == ["政治意识、大局意识、核心意识"]
    assert texts("坚定道路自信、理论自信、制度自信“四个自信”。", "ZW104") == ["道路自信、理论自信、制度自信"]
    assert texts("牢固树立“四个意识”，即政治意识、大局意识、核心意识、看齐意识、服务意识。", "ZW104") == ["服务意识"]


def test_members_that_hold_a_comma_are_checked_for_a_replaced_member():
    right = "牢记“三个务必”：务必不忘初心、牢记使命，务必谦虚谨慎、艰苦奋斗，务必敢于斗争、善于斗争。"
    hits = found(right.replace("艰苦奋斗", "艰苦朴素"), "ZW104")
    assert [(f.text, f.suggestions) for f in hits] == [("务必谦虚谨慎、艰苦朴素", ["务必谦虚谨慎、艰苦奋斗"])]
    assert texts(right, "ZW104") == []


def test_a_last_member_replaced_by_a_phrase_that_starts_like_it_is_found():
    assert texts("扎实做好稳就业、稳金融、稳外贸、稳外资、稳投资、稳增长工作。", "ZW104") == ["稳增长"]
    assert texts("扎实做好稳就业、稳金融、稳外贸、稳外资、稳投资、稳预期工作。", "ZW104") == []
    assert texts("统筹推进经济建设、政治建设、文化建设、社会建设，加快全面建设小康社会进程。", "ZW104") == []


def test_a_doubled_last_character_is_found_although_the_correct_form_stands_inside_it():
    assert texts("坚持党中央集中统一领导导，确保政令畅通。", "ZW104") == ["党中央集中统一领导导"]
    assert texts("坚持党中央集中统一领导，确保政令畅通。", "ZW104") == []


def test_a_misspelling_that_reads_as_words_is_generated_as_a_context_form():
    from lint.rules.serious.spelling import is_context_kind, misspellings

    forms = misspellings("文化自信")
    assert is_context_kind(forms["文化自性"]) and not is_context_kind(forms["文化自新"])
    assert "中国是现代化" not in misspellings("中国式现代化")  # a grammatical character: correct text anywhere


def test_a_word_of_a_term_replaced_by_a_word_of_the_same_pinyin_is_found_in_context():
    from lint.rules.serious.spelling import misspellings

    assert misspellings("中国特色社会主义")["中国特色社会注意"] == "同音·需语境"  # 主义 -> 注意, as an input method offers it
    assert texts("坚持和发展中国特色社会注意。", "ZW104") == ["中国特色社会注意"]
    assert texts("提醒市民中国特色社会注意防范诈骗。", "ZW104") == []
    assert misspellings("新发展理念")["新发展力量"] == "近音·需语境"  # the same pinyin with n/l, an/ang merged
    assert texts("凝聚新发展力量。", "ZW104") == []


def test_r_l_and_f_h_are_near_sounds_as_in_fuzzy_pinyin():
    assert texts("推进城乡龙合发展。", "ZW104") == ["城乡龙合发展"]
    assert texts("树立全心全意为人民胡务的宗旨意识。", "ZW104") == ["为人民胡务"]


def test_a_word_of_a_term_written_twice_is_found():
    assert texts("坚定不移走中国特色社会社会主义道路。", "ZW104") == ["中国特色社会社会主义"]
    assert texts("坚持党中央集中集中统一领导。", "ZW104") == ["党中央集中集中统一领导"]


@pytest.mark.parametrize("text, wrong", [
    ("坚定文化自性，建设社会主义文化强国。", "文化自性"),            # the verb the corpora write before it
    ("坚定道路自信、理论自信、制度自信、文化自性。", "文化自性"),   # the other members stand next to it
    ("始终坚持以人民为中兴的发展思想。", "以人民为中兴的发展思想"),
    ("推动中华优秀传统文华创造性转化。", "中华优秀传统文华"),       # a verb written before many key terms
])
def test_a_misspelling_that_reads_as_words_is_found_where_the_correct_form_stands(text, wrong):
    assert texts(text, "ZW104") == [wrong]


@pytest.mark.parametrize("text", [
    "他对文化自性的理解很深。",
    "佛教讲明心见性，文化自性是他的研究方向。",
])
def test_a_misspelling_that_reads_as_words_is_not_reported_elsewhere(text):
    assert texts(text, "ZW104") == []


@pytest.mark.parametrize("text, wrong", [
    ("2023年召开的党的二十届三中全会审议通过了《决定》。", "二十届三中全会"),
    ("二十届三中全会于2023年7月在北京召开。", "二十届三中全会"),
    ("2023年7月，党的二十届三中全会在北京召开。", "二十届三中全会"),
    ("2021年召开的党的二十大擘画了宏伟蓝图。", "党的二十大"),
])
def test_a_congress_or_plenum_with_the_year_it_was_held_written_wrong_is_found(text, wrong):
    assert texts(text, "ZW105") == [wrong]


@pytest.mark.parametrize("text", [
    "2024年7月召开的党的二十届三中全会审议通过了《决定》。",
    "2025年，我县深入学习贯彻党的二十届三中全会精神。",       # the year of the studying
    "2025年3月，党的二十届三中全会精神宣讲团走进社区。",
    "2022年10月，党的二十大在北京胜利召开。",
])
def test_a_year_that_does_not_say_when_the_meeting_was_held_is_not_checked(text):
    assert texts(text, "ZW105") == []


@pytest.mark.parametrize("text, code, wrong", [
    ("全国人大副委员长出席会议。", "ZW101", "全国人大副委员长"),
    ("市人大副主任李四带队调研。", "ZW101", "市人大副主任"),
    ("市政协副委员长到会讲话。", "ZW101", "政协副委员长"),
    ("促进内地与台湾的经贸交流。", "ZW111", "内地与台湾"),
    ("他毕业于国立台湾大学。", "ZW111", "国立台湾大学"),
    ("不能把伊斯兰教称为回教。", "ZW113", "回教"),
])
def test_usage_that_depends_on_the_neighbouring_word_is_found(text, code, wrong):
    assert texts(text, code) == [wrong]


@pytest.mark.parametrize("text, code", [
    ("县人大主任科员张三参加会议。", "ZW101"),
    ("全国人大常委会副委员长出席会议。", "ZW101"),
    ("学生们回教室上课。", "ZW113"),
    ("促进内地与香港的经贸交流。", "ZW111"),
    ("1928年，学校更名为国立清华大学。", "ZW111"),
])
def test_the_same_words_in_another_neighbourhood_are_not_reported(text, code):
    assert texts(text, code) == []
