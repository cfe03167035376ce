"""规范表述 that depend on the neighbouring word (ZW101 title forms, ZW111 Taiwan, ZW112 Hong Kong
and Macau, ZW113 other items of the Xinhua list): each wrong in one neighbourhood and right
in another, and dated where the usage changed."""
from __future__ import annotations

import pytest

from lint import check_text


def texts(text: str, code: str, published: str | None = None) -> list[str]:
    return [f.text for f in check_text(text, published=published) if f.rule == code]


def severities(text: str, code: str) -> list[str]:
    return [f.severity for f in check_text(text) if f.rule == code]


@pytest.mark.parametrize("text, code, wrong", [
    # Taiwan
    ("所谓“中华民国总统”赖清德发表讲话。", "ZW111", "中华民国总统"),      # forbidden even in quotes
    ("该书于民国105年在台北出版。", "ZW111", "民国105年"),
    ("该书于民国一百零五年在台北出版。", "ZW111", "民国一百零五年"),
    ("台湾立法委员一行来我市参访。", "ZW111", "台湾立法委员"),
    ("台湾中央研究院院士来校讲学。", "ZW111", "台湾中央研究院"),
    ("他毕业于国立台北大学。", "ZW111", "国立台北大学"),
    ("他们来自美丽的福摩萨。", "ZW111", "福摩萨"),
    ("宣传片把宝岛称作福尔摩萨。", "ZW111", "福尔摩萨"),       # transcribed: quotation marks required
    ("深化中台合作，造福两岸同胞。", "ZW111", "中台合作"),
    ("台湾与中国的经贸往来日益密切。", "ZW111", "台湾与中国"),
    ("依照台湾法律规定办理。", "ZW111", "台湾法律"),
    ("台湾经济部日前宣布。", "ZW111", "台湾经济部"),
    ("台湾外长窜访欧洲。", "ZW111", "台湾外长"),
    ("将犯罪嫌疑人引渡回台湾。", "ZW111", "引渡回台湾"),
    ("欢迎台湾同胞来华投资兴业。", "ZW111", "台湾同胞来华"),
    # Hong Kong and Macau
    ("促进大陆与香港的经贸交流。", "ZW112", "大陆与香港"),
    ("推进内港合作迈上新台阶。", "ZW112", "内港合作"),
    ("港澳台游客来华旅游人数稳步增加。", "ZW112", "港澳台游客来华"),
    ("澳门特区政府立法会通过预算案。", "ZW112", "特区政府立法会"),
    # territory, international relations, ethnic groups, public life
    ("中国渔船在斯普拉特利群岛海域作业。", "ZW113", "斯普拉特利群岛"),
    ("日方所说的尖阁群岛。", "ZW113", "尖阁群岛"),
    ("穆斯林国家的代表出席论坛。", "ZW113", "穆斯林国家"),
    ("各世贸组织成员国应当遵守规则。", "ZW113", "世贸组织成员国"),
    ("激进伊斯兰组织发动袭击。", "ZW113", "激进伊斯兰组织"),
    ("鲜族同胞欢度传统节日。", "ZW113", "鲜族"),
    ("回教徒在开斋节期间举行聚礼。", "ZW113", "回教徒"),
    ("穿青族文化节开幕。", "ZW113", "穿青族"),
    ("村长带领村民发展特色产业。", "ZW113", "村长"),
    ("大力践行“八荣八耻”。", "ZW113", "践行“八荣八耻”"),
    # titles that depend on the organ
    ("中央政治局常委委员出席会议。", "ZW101", "中央政治局常委委员"),
    ("县委常委委员张三出席会议。", "ZW101", "县委常委委员"),
    ("县检察院院长张三作报告。", "ZW101", "检察院院长"),
    ("县人大主席张三主持会议。", "ZW101", "县人大主席"),
    ("市政协主任李四出席。", "ZW101", "市政协主任"),
    ("国家总理李强会见外宾。", "ZW101", "国家总理"),
    ("全国人大委员张三来县调研。", "ZW101", "全国人大委员"),
    ("政协代表积极建言献策。", "ZW101", "政协代表"),
])
def test_a_usage_wrong_next_to_this_word_is_found(text, code, wrong):
    assert texts(text, code) == [wrong]


@pytest.mark.parametrize("text, code", [
    ("1948年，蒋介石当选中华民国总统。", "ZW111"),          # history up to 1949
    ("民国三十年，他考入西南联大。", "ZW111"),               # a year before 1950
    ("他毕业于“国立台北大学”。", "ZW111"),                   # quoted
    ("台湾“立法委员”一行来我市参访。", "ZW111"),
    ("台湾“中央研究院”院士来校讲学。", "ZW111"),
    ("坚决反对“台独”分裂行径。", "ZW111"),
    ("促进台湾与中国大陆的经贸往来。", "ZW111"),
    ("在我眼中台湾人热情好客。", "ZW111"),                   # 中台 across two words
    ("台湾法律界人士来访。", "ZW111"),
    ("台湾经济部门负责人表示。", "ZW111"),                   # 台湾 + 经济部门
    ("台湾“经济部”日前宣布。", "ZW111"),
    ("欢迎台湾同胞来大陆投资兴业。", "ZW111"),
    ("经台湾来华的外国客商。", "ZW111"),                     # via Taiwan: foreigners
    ("经香港来华投资的外商逐年增加。", "ZW112"),
    ("代表们在县人大主席台就座。", "ZW101"),
    ("大陆与港澳台青年交流活动。", "ZW112"),                 # with Taiwan, 大陆 is right
    ("促进内地与香港的经贸交流。", "ZW112"),
    ("澳门内港码头改造完成。", "ZW112"),                     # 内港 the harbour
    ("中国政府对香港恢复行使主权。", "ZW112"),
    ("香港特别行政区立法会通过议案。", "ZW112"),
    ("打击“东突厥斯坦伊斯兰运动”等恐怖组织。", "ZW113"),
    ("打击东突厥斯坦伊斯兰运动恐怖组织。", "ZW113"),        # the listed group's name
    ("伊斯兰国家的代表出席论坛。", "ZW113"),
    ("区域全面经济伙伴关系协定15个成员国。", "ZW113"),      # an organisation of states
    ("朝鲜族同胞欢度传统节日。", "ZW113"),
    ("新鲜族群与海鲜族类。", "ZW113"),
    ("农村长效机制不断健全。", "ZW113"),                     # 农村 + 长效
    ("榆林堡新村长阳镇。", "ZW113"),                         # place names
    ("1950年，他当选为村长。", "ZW113"),                     # history
    ("践行社会主义荣辱观。", "ZW113"),
    ("中央政治局常委出席会议。", "ZW101"),
    ("县检察院检察长张三作报告。", "ZW101"),
    ("县人大主席团第一次会议。", "ZW101"),                   # the presidium of a session
    ("镇人大主席张三主持会议。", "ZW101"),                   # 乡镇人大 have a 主席
    ("市政协主任科员李四。", "ZW101"),
    ("各国国家总理出席峰会。", "ZW101"),
    ("国务院总理李强会见外宾。", "ZW101"),
    ("全国人大常委会委员长出席。", "ZW101"),
    ("全国政协代表团抵达。", "ZW101"),
    ("人大代表、政协委员积极建言献策。", "ZW101"),
])
def test_the_same_characters_next_to_another_word_are_not_reported(text, code):
    assert texts(text, code) == []


def test_usages_that_changed_at_a_known_date_are_judged_only_for_dated_posts():
    assert texts("慰问残废军人。", "ZW113", published="2020-05-01") == ["残废军人"]
    assert texts("慰问残废军人。", "ZW113", published="1990-05-01") == []
    assert texts("慰问残废军人。", "ZW113") == []
    assert texts("会见少数民族上层人士。", "ZW113", published="2020-05-01") == ["少数民族上层人士"]
    assert texts("会见少数民族上层人士。", "ZW113") == []
    assert texts("纪念八年抗战胜利。", "ZW113", published="2020-05-01") == ["八年抗战"]
    assert texts("纪念八年抗战胜利。", "ZW113", published="2015-05-01") == []
    assert texts("纪念八年全面抗战胜利。", "ZW113", published="2020-05-01") == []
    assert texts("我们将收回香港主权。", "ZW112", published="2020-05-01") == ["收回香港主权"]
    assert texts("我们将收回香港主权。", "ZW112", published="1983-06-06") == []
    assert texts("岛内台独势力抬头。", "ZW111", published="2020-05-01") == ["台独"]
    assert texts("岛内台独势力抬头。", "ZW111", published="1993-03-15") == []
    assert texts("广西僮族自治区成立。", "ZW113", published="2024-01-01") == ["僮族"]
    assert texts("广西僮族自治区成立。", "ZW113", published="1958-03-15") == []
    assert texts("香港立法局议员来访。", "ZW112", published="2024-01-01") == ["香港立法局"]
    assert texts("1995年，香港立法局议员来访。", "ZW112", published="2024-01-01") == []


def test_an_entry_can_set_its_own_end_of_history():
    # 村长 was an office until the village committees (1982 Constitution): a year up to
    # 1982 in the sentence puts it in the past, a later one does not
    assert texts("1980年，他当选为村长。", "ZW113") == []
    assert texts("2020年，他当选为村长。", "ZW113") == ["村长"]


def test_warnings_of_the_title_list_keep_their_severity():
    assert severities("市政协主任李四出席。", "ZW101") == ["warning"]
    assert severities("县检察院院长张三作报告。", "ZW101") == ["error"]


# --------------------------------------------------------------------------- renamed state organs (ZW106)


@pytest.mark.parametrize("text, wrong", [
    ("国家卫计委日前发布了新版诊疗方案。", "国家卫计委"),
    ("县卫计局组织医疗队开展义诊。", "卫计局"),
    ("区安监局对辖区企业开展安全检查。", "安监局"),
    ("市工商局执法人员对农贸市场开展检查。", "工商局"),
    ("环境保护部通报了重点城市空气质量。", "环境保护部"),
    ("银保监会发布风险提示。", "银保监会"),
    ("县扶贫办干部深入农户家中走访。", "扶贫办"),
    ("县地税局开展纳税服务宣传月活动。", "地税局"),
])
def test_an_abolished_organ_named_in_a_post_after_the_reform_is_found(text, wrong):
    assert texts(text, "ZW106", published="2024-06-01") == [wrong]


@pytest.mark.parametrize("text, published", [
    ("县卫计局组织医疗队开展义诊。", "2017-03-01"),           # before the reform
    ("县卫计局组织医疗队开展义诊。", None),                   # undated: not judged
    ("2017年，县卫计局组织医疗队开展义诊。", "2024-06-01"),   # a year of that time
    ("原国家卫计委印发的规范仍然有效。", "2024-06-01"),       # 原 right before
    ("原芒市卫计局局长张某接受调查。", "2024-06-01"),         # 原 a few characters before
    ("他在担任县卫计局局长期间，推动建成了县医院新院区。", "2024-06-01"),  # a biography
    ("他曾任市工商局副局长、县委副书记。", "2024-06-01"),
    ("2018年机构改革后，不再保留国务院法制办。", "2024-06-01"),  # the reform itself
    ("将环境保护部的职责整合，组建生态环境部。", "2024-06-01"),
    ("按照《国家工商总局关于做好个体工商户登记的通知》办理。", "2024-06-01"),  # a document title
    ("国土资源部门加强执法。", "2024-06-01"),                 # 国土资源 + 部门
    ("美国国税局发布通知。", "2024-06-01"),
    ("银保监会发布风险提示。", "2020-01-15"),                 # 保监会 inside the 2018 name
    ("上海合作组织成员国农业部长会议举行。", "2024-06-01"),   # foreign ministers
])
def test_the_old_name_about_the_time_before_the_reform_is_not_reported(text, published):
    assert texts(text, "ZW106", published=published) == []


def test_a_past_marker_counts_only_in_the_same_clause_shortly_before():
    assert texts("坚持原则，县卫计局组织义诊。", "ZW106", published="2024-06-01") == ["卫计局"]
    assert texts("原县卫计局组织义诊。", "ZW106", published="2024-06-01") == []


def test_renamed_organ_entries_are_dated_and_sourced():
    from lint.terms.lists import default_list_dirs, parse_list_file

    (path,) = [p for d in default_list_dirs() for p in d.glob("organs_renamed.toml")]
    entries = parse_list_file(path)
    assert len(entries) >= 15
    for e in entries:
        assert e.valid_from and e.extra.get("date_required") and e.extra.get("history_until"), e.terms
        assert e.source and e.reason and e.fixes, e.terms
