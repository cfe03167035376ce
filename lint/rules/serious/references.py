"""References the Xinhua style rules forbid: Taiwan (ZW111), Hong Kong and Macau (ZW112),
other banned and cautious usages (ZW113). Data: sensitive_terms/taiwan.toml,
hongkong_macau.toml, xinhua.toml."""
from __future__ import annotations

from typing import Iterable

from lint.document import Doc
from lint.rules import Issue, register
from lint.rules.serious.base import SeriousTermRule


@register
class TaiwanReference(SeriousTermRule):
    code = "ZW111"
    name = "taiwan-reference"
    summary = "涉台表述错误（台湾总统、台湾政府、中华民国、中国与台湾并列、将台湾列为国家）"
    doc = """\
找出新华社规定禁用的涉台表述（sensitive_terms/taiwan.toml）：台湾总统 → 台湾地区领导人，台湾政府 → 台湾当局，
台湾立法院（应写台湾地区立法机构，或加引号：台湾“立法院”），1949年以后的中华民国（引号中和谈历史时可用：
1912—1949、民国时期），中国、台湾并列，台湾原住民 → 台湾少数民族，两岸司法协助 → 司法互助，以及把台湾
列入国家（美国、日本、台湾等国家 → 国家和地区）。还查与邻近字词有关的涉台用语：中华民国总统（加引号也不行）、
1950年以后的民国纪年（民国105年）、台湾立法委员、台湾经济部 / 台湾外长 / 台湾国会、台湾中央研究院（加引号）、国立台北大学等“国立”学校、福摩萨、
台湾与中国 / 中台合作、台湾法律 → 台湾地区有关规定、两岸“引渡” → 遣返、台湾同胞来华 → 来大陆，
以及2016年以后未加引号的台独（有日期的帖子才判断）。
依据：新华社新闻信息报道中的禁用词和慎用词（2016年7月修订）；中台办、国台办《关于正确使用涉台宣传用语的意见》。
"""
    places = ("台湾",)

    def check(self, doc: Doc) -> Iterable[Issue]:
        yield from super().check(doc)
        yield from _listed_as_country(doc, self.places)


@register
class HongKongMacauReference(SeriousTermRule):
    code = "ZW112"
    name = "hong-kong-macau-reference"
    summary = "涉港澳表述错误（香港政府、中港、将港澳列为国家或与中国并列）"
    history_until = 1999
    doc = """\
找出新华社规定禁用的涉港澳表述（sensitive_terms/hongkong_macau.toml）：香港政府 → 香港特区政府（谈回归以前
的时期可用：港英、1997/1999年及以前的年份），中港合作 → 内地与香港合作，中国、香港并列，以及把香港或澳门
列入国家（日本、香港等国家 → 国家和地区）。还查：大陆与香港 → 内地与香港（与台湾并列时“大陆”不报），内港 / 内澳合作，
港澳台游客来华 → 来内地（大陆），收回香港主权 / 主权移交 → 恢复行使主权（1984年12月中英联合声明以后、有日期的
帖子才判断），特区政府立法会 → 特区立法会，1997年7月以后的香港立法局（有日期的帖子）。
依据：新华社新闻信息报道中的禁用词和慎用词（2016年7月修订）；中英、中葡联合声明；香港、澳门基本法。
"""
    places = ("香港", "澳门")

    def check(self, doc: Doc) -> Iterable[Issue]:
        yield from super().check(doc)
        yield from _listed_as_country(doc, self.places)


_CLAUSE_STOP = "，,。；;：:！？!?\n（(）)"


def _listed_as_country(doc: Doc, places: tuple[str, ...]) -> Iterable[Issue]:
    """台湾/香港/澳门 as an item of a list that ends in 等国家 / 等N个国家 without 和地区."""
    norm = doc.norm.text
    if "国家" not in norm or not any(p in norm for p in places):
        return
    for place in places:
        i = norm.find(place)
        while i >= 0:
            tail = norm[i + len(place) : i + len(place) + 30]
            prev = norm[i - 1] if i > 0 else ""
            j = tail.find("等")
            if j >= 0 and not any(c in _CLAUSE_STOP for c in tail[:j]) and (prev in "、和与及" or (j < len(tail) and "、" in tail[:j + 1]) or j == 0):
                after = tail[j + 1 :]
                k = after.find("国家")
                if 0 <= k <= 4 and (k == 0 or all(c in "0123456789一二三四五六七八九十几多个" for c in after[:k])):
                    rest = after[k + 2 : k + 6]
                    if not rest.startswith(("和地区", "及地区", "与地区", "或地区", "(地区", "（地区", "地区")):
                        s, e = doc.norm.span_to_original(i, i + len(place))
                        yield Issue(s, e, f"“{place}”是中国的一部分，不能列入“国家”，应写“国家和地区”",
                                    ["国家和地区"])
            i = norm.find(place, i + len(place))


@register
class XinhuaUsage(SeriousTermRule):
    code = "ZW113"
    name = "xinhua-usage"
    summary = "新华社禁用词、慎用词（北朝鲜、前苏联、蒙族、“一带一路”战略等）"
    doc = """\
找出新华社禁用词和慎用词中与政务写作有关的其他条目（sensitive_terms/xinhua.toml）：北朝鲜 / 北韩 → 朝鲜，
前苏联 → 苏联，蒙古（指国家）→ 蒙古国，孟加拉（指国家）→ 孟加拉国，蒙族 / 维族 → 蒙古族 / 维吾尔族，
摩梭族 → 摩梭人，残废人 → 残疾人，“一带一路”战略 → 倡议。与邻近字词有关的条目：回教 → 伊斯兰教（回教室不报），
鲜族 → 朝鲜族（朝鲜族不报），穿青族 → 穿青人，村长 → 村主任（按分词判断：农村长效不报；1982年以前的叙述不报），
尖阁群岛、斯普拉特利群岛、帕拉塞尔群岛、斯卡伯勒浅滩、东突厥斯坦（恐怖组织名称和引号中不报）、阿鲁纳恰尔邦，
穆斯林国家 → 伊斯兰国家，世贸组织成员国 → 成员，激进伊斯兰组织 → 伊斯兰激进组织，践行“八荣八耻”，推上被告席；
用法在某日以后才改变的只对有发布日期的帖子判断：残废军人（2004年起称残疾军人）、八年抗战（2017年起称十四年抗战）、
少数民族上层人士（2016年起不再使用）、僮族 / 崩龙族 / 毛难族（经国务院批准改为壮族 / 德昂族 / 毛南族）；黑人歹徒 → 歹徒。
依据：新华社新闻信息报道中的禁用词和慎用词（2016年7月修订）；一带一路见国家发展改革委、外交部、商务部
《推动共建丝绸之路经济带和21世纪海上丝绸之路的愿景与行动》（2015）；各条目另注来源。
"""
