"""Where a text names something: the typo rules leave a suspect there alone unless its
evidence is strong (PROPER_NOUN_MARGIN above the rule's warn-score), and a transliterated
foreign name alone altogether.

Government posts name their services, campaigns, brands and places with coinages no lexicon
holds (“智汇云南”, “陕耀全球”, 贵旅集团, 南枫线, 花滩子水库) and foreign leaders with
transliteration characters (武契奇). A writer picks those characters on purpose: a
homophone that makes a commoner word (智汇 -> 智慧) is not evidence of a slip.
"""
from __future__ import annotations

import re

# How much more than its warn-score a suspect inside a name needs.
PROPER_NOUN_MARGIN = 2.0

_HAN = "\u4e00-\u9fff"
# a short quotation or title: “模速空间”, 《思想的力量》, 「星耀合肥」
_QUOTED = re.compile(
    rf"“([{_HAN}A-Za-z0-9·•＋+]{{2,12}})”|《([^《》\n]{{2,24}})》|「([{_HAN}A-Za-z0-9·]{{2,12}})」|"
    rf"‘([{_HAN}A-Za-z0-9·]{{2,12}})’"
)
# up to three characters before an organisation, place or project suffix: 贵旅集团, 乌尉高速,
# 渝宜段, 富加铁路, 哈泥保护区, 盛立苑, 石灰氮厂
_SUFFIXES = (
    "集团|公司|股份|银行|大学|学院|医院|研究院|研究所|实验室|水库|水电站|电站|保护区|湿地|景区|煤矿|"
    "机场|铁路|高铁|高速|隧道|大桥|口岸|港区|码头|国际|街道|社区|小区|苑|府|园|广场|大厦|公寓|商场|超市|"
    "中心|馆|厂|"
    "镇|乡|村|县|山|河|湖|江|峡|岛|湾|线|段|站|路|街|巷|桥|寺"
)
_SUFFIXED = re.compile(rf"[{_HAN}]{{1,3}}(?=(?:{_SUFFIXES}))")
# characters of transliterated foreign names; three in a row is a name (武契奇, 普京 is in the
# lexicon), not a sentence
_TRANSLITERATION = (
    "阿埃艾奥巴拜班贝比彼宾波伯布察达黛迪蒂杜厄恩尔菲费芬弗伏盖冈戈格贡圭哈赫亨霍基吉贾杰卡凯坎"
    "柯科克肯库夸奎拉莱兰朗劳勒雷蕾黎莉列琳卢鲁伦罗洛玛迈麦曼梅蒙米莫姆穆纳娜奈内尼涅纽努诺欧"
    "帕潘佩皮珀普奇契乔切丘萨塞桑瑟森沙莎舍施斯索塔泰坦汤特提廷托瓦威韦维沃乌武希锡谢辛休雅亚"
    "扬耶伊尤约泽扎詹兹佐"
)
_TRANSLITERATED = re.compile(f"[{_TRANSLITERATION}]{{3,}}")


def proper_noun_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the quoted names and suffixed names of `text`."""
    spans = []
    for m in _QUOTED.finditer(text):
        g = next(k for k in range(1, 5) if m.group(k) is not None)
        spans.append(m.span(g))
    spans.extend(m.span() for m in _SUFFIXED.finditer(text))
    return spans


def transliterated_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the transliterated names of `text`: there a homophone is no evidence
    at all (契 and 器 sound alike; 武契奇 is still his name)."""
    return [m.span() for m in _TRANSLITERATED.finditer(text)]
