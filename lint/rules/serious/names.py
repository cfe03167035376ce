"""Names of party congresses and Central Committee plenums (ZW105) and of the country and
its state and party organs (ZW106). Data: sensitive_terms/congresses.toml, organs.toml."""
from __future__ import annotations

import re
from typing import Iterable

from lint.document import Doc
from lint.rules import Issue, register
from lint.rules.serious.base import SeriousTermRule, cn_date, generated_entry
from lint.terms.lists import Entry
from lint.terms.matcher import TermMatch


_NUM = "零一二三四五六七八九"


def _cn(n: int) -> str:
    """Chinese numeral for 1..99 (十九, 二十, 二十一)."""
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _NUM[ones]
    return ("" if tens == 1 else _NUM[tens]) + "十" + ("" if ones == 0 else _NUM[ones])


@register
class CongressName(SeriousTermRule):
    code = "ZW105"
    name = "congress-plenum-name"
    summary = "党的代表大会、中央全会名称错误（十九大五中全会）或与日期不符"
    doc = """\
找出写错的中央全会名称，并与日期核对（sensitive_terms/congresses.toml：每届中央委员会及其历次全会的日期）：
- 十九大五中全会 → 十九届五中全会：全会属于中央委员会（“届”），不属于代表大会（“大”）；
  为第十二届至第二十一届生成；
- 从未召开过的全会（十九届八中全会：十九届中央委员会只开了七次全会）；
- 帖子发布日期比全会召开早120天以上（2023年的帖子写二十届三中全会）；
- 文中写明的召开年份与届次不符（2023年召开的党的二十届三中全会：该会于2024年7月召开），党代会、中央全会和
  全国人大、全国政协会议都核对（keyterms_calendar.toml 的 held 日期）；只看直接说明召开时间的写法
  （××年召开的……、……于××年、……（××年×月）、××年×月，……在北京召开），“2025年，学习贯彻……精神”不算。
修改：“大”改为“届”（安全）；其余需编辑核对。
"""
    lead_days = 120

    def check(self, doc: Doc) -> Iterable[Issue]:
        yield from super().check(doc)
        yield from wrong_year(doc)

    def generate_entries(self, lists) -> list[Entry]:
        out = []
        src = "《中国共产党章程》第三章；新华社发布的历次中央全会公报"
        for n in range(12, 22):
            for k in range(1, 10):
                out.append(generated_entry(
                    self.code, f"{_cn(n)}大{_cn(k)}中全会", f"{_cn(n)}届{_cn(k)}中全会",
                    f"中央全会属于“{_cn(n)}届”中央委员会，应写“{_cn(n)}届{_cn(k)}中全会”，不是“{_cn(n)}大{_cn(k)}中全会”",
                    src, kind="congress-for-committee"))
        for e in lists.by_rule(self.code):
            plenums = e.extra.get("plenums") or []
            ordinal = e.extra.get("ordinal")
            if not ordinal:
                continue
            name = _cn(ordinal)
            for k, held in enumerate(plenums, 1):
                for term in (f"{name}届{_cn(k)}中全会", f"{name}届中央委员会第{_cn(k)}次全体会议"):
                    out.append(generated_entry(self.code, term, term, "", e.source, kind="plenum", held=held,
                                          plenum=f"{name}届{_cn(k)}中全会"))
            if e.extra.get("complete"):
                for k in range(len(plenums) + 1, 10):
                    out.append(generated_entry(
                        self.code, f"{name}届{_cn(k)}中全会", "",
                        f"第{name}届中央委员会共召开{_cn(len(plenums))}次全体会议，没有“{name}届{_cn(k)}中全会”，请核对届次",
                        e.source, kind="no-such-plenum"))
        return out

    def judge(self, doc: Doc, m: TermMatch) -> Issue | None:
        kind = m.entry.extra.get("kind")
        if kind == "congress-for-committee":
            return Issue(m.start, m.end, m.entry.reason, m.entry.fixes, fix_safe=True)
        if kind == "no-such-plenum":
            return Issue(m.start, m.end, m.entry.reason, ())
        if kind == "plenum":
            held = m.entry.extra["held"]
            day = doc.published
            if day is None or (held - day).days <= self.lead_days:
                return None
            return Issue(m.start, m.end,
                         f"{m.entry.extra['plenum']}于{cn_date(held)}召开，本文发布于{cn_date(day)}，届次可能有误，请核对",
                         ())
        return None  # the committee entries themselves (十九届) are data


_VERBS = "(?:胜利召开|隆重召开|召开|举行|开幕|闭幕)"
_YEAR_BEFORE = re.compile(r"(\d{4})年(?:\d{1,2}月(?:\d{1,2}日)?(?:至\d{1,2}日)?)?" + _VERBS + r"的(?:党的|中国共产党|中共)?$")
_YEAR_MONTH_BEFORE = re.compile(r"(\d{4})年\d{1,2}月(?:\d{1,2}日)?(?:至\d{1,2}日)?[，,]?(?:党的|中国共产党|中共)?$")
_YEAR_AFTER = re.compile(r"^(?:于|[（(])(\d{4})年")
_VERB_AFTER = re.compile(r"^(?:在北京|在京)?" + _VERBS)


def wrong_year(doc: Doc) -> Iterable[Issue]:
    """A congress, plenum or session (keyterms_calendar.toml, with the day it opened) written
    with a year that says when it was held and is another year: 2023年召开的党的二十届三中全会,
    二十届三中全会于2023年, 2023年7月，党的二十届三中全会在北京召开."""
    norm = doc.norm.text
    seen: set[int] = set()
    for m in doc.matches_for("ZW104"):
        held = m.entry.extra.get("held")
        if held is None or m.norm_start in seen:
            continue
        before = norm[max(0, m.norm_start - 30) : m.norm_start]
        after = norm[m.norm_end : m.norm_end + 12]
        found = _YEAR_BEFORE.search(before) or _YEAR_AFTER.match(after)
        if found is None and _VERB_AFTER.match(after):
            found = _YEAR_MONTH_BEFORE.search(before)
        if found is None or int(found.group(1)) == held.year:
            continue
        seen.add(m.norm_start)
        name = norm[m.norm_start : m.norm_end]
        yield Issue(m.start, m.end, f"{name}于{cn_date(held)}召开，文中写的是{found.group(1)}年，届次或日期有误，请核对", ())


@register
class StateOrganName(SeriousTermRule):
    code = "ZW106"
    name = "state-organ-name"
    summary = "国名、国家机关和党的机关名称写错"
    variant_label = "国家机关名称"
    doc = """\
找出写错的国名和国家机关、党的机关名称（sensitive_terms/organs.toml）：中华人民共合国 / 中共人民共和国 →
中华人民共和国，全国人民代表大会常务委员回、国务院办工厅、最高人民检查院……错写形式由正确名称生成
（同音字、近音字、形近字、重字、漏字；能读成普通词语的形式只在名称该出现的位置报告，如前面是语料中常与该名称相邻的词），另列出少数真实案例中见过的错写。修改：改为正确名称。
另查机构改革后已撤并的机关名称（sensitive_terms/organs_renamed.toml，警告）：2024年的帖子写国家卫计委、县卫计局、
安监局、工商局、国土资源局、环境保护部、银保监会、扶贫办、地税局……只对有发布日期、且日期在改革之后的帖子判断；
句中写明当时的年份（2017年，县卫计局……）、名称前不远处有“原”“前”、在书名号或引号中的不报。
"""

