"""Date logic (日期逻辑): dates that cannot exist, periods that end before (or on) the day
they start, years far from the publication date, weekdays that do not match the date.

Inspectors fail a site for 弄虚作假 when a consultation window reads
“2000年3月30日至2000年4月30日” in a 2022 post, or when a survey ends on the day it starts.

Dates are read from `doc.folded` (full-width digits folded, same offsets as the text) in
three forms: 2023年7月5日 (also 7月5日, 5号), 2023-07-05 / 2023/7/5 / 2023.7.5 and
二〇二三年七月五日. The publication date (`doc.published`, None for plain files without
--published) is used only by ZW703 and to guess the year of 7月5日（星期三）.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Iterable

from lint.document import Analysis, Doc
from lint.text import context
from lint.rules import Issue, Option, Rule, register

_CN_DIGIT = {"〇": 0, "零": 0, "○": 0, "o": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
_CN_NUM = "一二三四五六七八九"
_CN_SMALL = rf"(?:[二三]?十[{_CN_NUM}]?|[{_CN_NUM}十])"  # 1..39

_ARABIC = re.compile(
    r"(?<![0-9.])(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]"
)
_ISO = re.compile(r"(?<![0-9./-])((?:19|20)\d{2})([-/.])(\d{1,2})\2(\d{1,2})(?![0-9]|\.\d)")
_CHINESE = re.compile(
    rf"(?:([〇零○o{_CN_NUM}]{{4}})年)?({_CN_SMALL})月({_CN_SMALL})[日号]"
)
_WEEKDAY = re.compile(r"\s*[（(]?\s*(?:星期|周|礼拜)([一二三四五六日天])\s*[)）]?")
_WEEKDAYS = "一二三四五六日"
_TIME = re.compile(r"\s*(?:(?:上午|下午|晚上|凌晨|中午|早上|晚)\s*)?\d{1,2}\s*(?:[:：]\s*\d{2}|时|点)")
_CONNECTOR = re.compile(r"\s*(?:至|到|－|—{1,2}|-{1,2}|~|～|―)\s*")
_DAY_ONLY = re.compile(r"(\d{1,2})\s*[日号]")
# Context that makes an old date expected: history, anniversaries, biographies. Periods
# (征求意见期限) are only excused by the first, strongest group.
_HISTORY_STRONG = re.compile(
    r"诞辰|周年|纪念|历史|革命|解放|抗战|抗日|战争|起义|建党|建国|开国|当年|那年|那时|回顾|回望|逝世|牺牲"
)
_HISTORY = re.compile(
    r"成立|诞生|诞辰|逝世|去世|出生|生于|牺牲|周年|纪念|历史|革命|解放|抗战|抗日|战争|建党|建国|"
    r"开国|当年|那年|那时|回顾|回望|始建|创建|创办|建成|首次|以来|年前|曾经|曾|起义|会议|召开|"
    r"通过|颁布|发布|施行|实施|印发|签署|批准|设立|入党|参加工作|任职|历任|先后"
)


def _cn_number(s: str) -> int:
    if "十" not in s:
        return int("".join(str(_CN_DIGIT[c]) for c in s))
    tens, _, ones = s.partition("十")
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)


@dataclass
class DateMention:
    start: int
    end: int  # end of the date itself (without weekday or time)
    year: int | None
    month: int | None
    day: int
    explicit_year: bool
    weekday: int | None = None  # 0 = Monday, as date.weekday()
    weekday_span: tuple[int, int] | None = None
    has_time: bool = False
    tail: int = 0  # end including weekday and time

    def as_date(self, year: int | None = None) -> date | None:
        y = self.year if self.year is not None else year
        if y is None or self.month is None:
            return None
        try:
            return date(y, self.month, self.day)
        except ValueError:
            return None


def possible(year: int | None, month: int, day: int) -> bool:
    """Whether month/day can exist (29 Feb only in a known leap year, or year unknown)."""
    if not 1 <= month <= 12 or day < 1:
        return False
    try:
        date(year if year is not None else 2000, month, day)  # 2000 is a leap year
        return True
    except ValueError:
        return False


def find_dates(text: str) -> list[DateMention]:
    """Every date mention in `text` (folded), in order, with the weekday and time that
    follow it."""
    found: list[DateMention] = []
    for m in _ARABIC.finditer(text):
        y = int(m.group(1)) if m.group(1) else None
        found.append(DateMention(m.start(), m.end(), y, int(m.group(2)), int(m.group(3)), y is not None))
    for m in _ISO.finditer(text):
        found.append(DateMention(m.start(), m.end(), int(m.group(1)), int(m.group(3)), int(m.group(4)), True))
    for m in _CHINESE.finditer(text):
        y = _cn_number(m.group(1)) if m.group(1) else None
        if y is None and not m.group(0).startswith(tuple("十一二三四五六七八九")):
            continue
        if y is None:
            before = text[max(0, m.start() - 1) : m.start()]
            if before and (before in _CN_NUM or before in "〇零十百千万"):
                continue  # part of a longer number
        found.append(DateMention(m.start(), m.end(), y, _cn_number(m.group(2)), _cn_number(m.group(3)), y is not None))
    found.sort(key=lambda d: d.start)
    out: list[DateMention] = []
    for d in found:  # drop overlaps (keep the first, longest form)
        if out and d.start < out[-1].end:
            continue
        out.append(d)
    last_year = None
    for d in out:
        pos = d.end
        w = _WEEKDAY.match(text, pos)
        if w:
            d.weekday = _WEEKDAYS.index(w.group(1)) if w.group(1) != "天" else 6
            d.weekday_span = (w.start() + len(w.group(0)) - len(w.group(0).lstrip()), w.end())
            pos = w.end()
        t = _TIME.match(text, pos)
        if t:
            d.has_time = True
            pos = t.end()
        d.tail = pos
        if d.year is not None:
            last_year = d.year
        elif last_year is not None and d.month is not None:
            d.year = last_year  # 2023年7月5日……7月8日: the year carries over
    return out


# find_dates of the doc's folded text, computed once per text for all date rules
DATES = Analysis("dates", lambda doc: find_dates(doc.folded))


def _end_of_period(text: str, start: DateMention, dates: list[DateMention], i: int) -> DateMention | None:
    """The date that ends a period starting at dates[i] (X至Y, X—Y, 7月5日至8日)."""
    c = _CONNECTOR.match(text, start.tail)
    if not c:
        return None
    if i + 1 < len(dates) and dates[i + 1].start == c.end():
        return dates[i + 1]
    d = _DAY_ONLY.match(text, c.end())
    if d and not text[d.end() : d.end() + 1].isdigit():
        return DateMention(d.start(), d.end(), start.year, start.month, int(d.group(1)),
                           False, tail=d.end())
    return None


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _date_cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


@register
class ImpossibleDate(Rule):
    code = "ZW701"
    name = "impossible-date"
    category = "date"
    severity = "error"
    summary = "不存在的日期（2月30日、4月31日、13月）"
    doc = (
        "找出日历上不存在的日期：月份不在1-12，日期超出当月天数（4月31日、2月30日，非闰年的2月29日）。"
        "支持2023年2月30日、2023-02-30、二〇二三年二月三十日等写法；没有年份的“2月29日”不报告。"
        "这类日期往往是录入错误，也是检查中“弄虚作假”类问题的线索。\n"
        "例：2023年2月30日 → 核实原文（可能是2023年3月2日或2月28日）。无自动修改。"
    )

    def check(self, doc: Doc) -> Iterable[Issue]:
        for d in doc.analysis(DATES):
            year = d.year if d.explicit_year else None
            if d.month is not None and not possible(year, d.month, d.day):
                if not d.explicit_year and d.month == 2 and d.day == 29:
                    continue
                what = f"{d.month}月没有{d.day}日" if 1 <= d.month <= 12 else f"没有{d.month}月"
                yield Issue(d.start, d.end, f"日期不存在：{what}，请核实")

# An anniversary or a look back, anywhere in the title or the date's paragraph: a post marking
# the 15th anniversary of the 2008 earthquake may name 2008年5月12日 in a sentence of its own.
_ANNIVERSARY = re.compile(r"周年|纪念|回顾|年前|历史上|当年|那年|往事|铭记|缅怀|追忆|历史的今天")
_YEARS_AGO = re.compile(r"(\d{1,3}|[一二三四五六七八九十]{1,3})(?:周年|年前)")


def _years_ago(text: str) -> set[int]:
    """N of every “N周年”/“N年前” in the text."""
    out = set()
    for m in _YEARS_AGO.finditer(text):
        n = m.group(1)
        try:
            out.add(int(n) if n.isdigit() else _cn_number(n))
        except (KeyError, ValueError):  # 十十, 三九: not a number
            pass
    return out


def _paragraph(text: str, start: int, end: int) -> str:
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    return text[left : right if right >= 0 else len(text)]


@register
class PeriodEndsBeforeStart(Rule):
    code = "ZW702"
    name = "period-ends-before-start"
    category = "date"
    severity = "error"
    summary = "时间段的结束日期早于或等于开始日期"
    doc = (
        "找出“X至Y”“X—Y”形式的时间段中结束日期早于开始日期，或与开始日期为同一天（且没有写明"
        "时刻）的情况。结束日期省略年、月时沿用开始日期的年、月；省略年份且月份更小时视为跨年。"
        "也比较同一段里“开始时间：X”与“结束时间/截止日期：Y”两个标注的日期。"
        "检查中，征集结束日期与开始日期重合被判定为弄虚作假。\n"
        "例：征求意见时间为2022年3月9日至2022年3月9日 → 核实起止日期。无自动修改。"
    )

    def check(self, doc: Doc) -> Iterable[Issue]:
        text = doc.folded
        dates = doc.analysis(DATES)
        for i, a in enumerate(dates):
            b = _end_of_period(text, a, dates, i)
            if b is None:
                continue
            start = a.as_date()
            if start is None:
                continue
            end = b.as_date(start.year)
            if end is None:
                continue
            if not b.explicit_year and end < start and (b.month or 0) < (a.month or 0):
                try:
                    end = end.replace(year=start.year + 1)  # 12月28日至1月3日
                except ValueError:
                    continue
            msg = _compare(a, b, start, end, "时间段")
            if msg:
                yield Issue(a.start, b.end, msg)
        yield from self._labelled(text, dates)

    def _labelled(self, text: str, dates: list[DateMention]) -> Iterable[Issue]:
        """开始时间：X …… 结束时间：Y (either order, within 200 characters)."""
        at = {d.start: d for d in dates}
        starts, ends = [], []
        for m in _START_LABEL.finditer(text):
            if m.end() in at:
                starts.append(at[m.end()])
        for m in _END_LABEL.finditer(text):
            if m.end() in at:
                ends.append(at[m.end()])
        for a in starts:
            near = [b for b in ends if abs(b.start - a.start) <= 200]
            if not near:
                continue
            b = min(near, key=lambda b: abs(b.start - a.start))
            start = a.as_date()
            end = b.as_date(start.year if start else None)
            if start is None or end is None:
                continue
            msg = _compare(a, b, start, end, "开始与结束")
            if msg:
                yield Issue(min(a.start, b.start), max(a.end, b.end), msg)


_START_LABEL = re.compile(r"(?:开始|起始)(?:时间|日期)[为是:：\s]{0,3}")
_END_LABEL = re.compile(r"(?:结束|截止|终止)(?:时间|日期)[为是:：\s]{0,3}")


def _compare(a: DateMention, b: DateMention, start: date, end: date, what: str) -> str | None:
    if end < start:
        return f"{what}：结束日期（{_date_cn(end)}）早于开始日期（{_date_cn(start)}），请核实"
    if end == start and not (a.has_time or b.has_time):
        return f"{what}：结束日期与开始日期是同一天（{_date_cn(start)}），请核实起止日期"
    return None


@register
class YearFarFromPublication(Rule):
    code = "ZW703"
    name = "year-far-from-publication"
    category = "date"
    severity = "warning"
    summary = "日期的年份与发布日期相差过大（2022年的帖子写2000年）"
    doc = (
        "只在知道发布日期时检查（记录的published字段或--published）。完整日期（年月日）的年份"
        "比发布年份早 years-before 年以上或晚 years-after 年以上时报告；时间段（“X至Y”，如征求意见期限）"
        "的起止日期与发布年份相差超过 period-years 年即报告。1990年以前的年份和带有历史语境（成立、诞辰、"
        "周年、纪念、以来、曾……）的句子不报告；标题或所在段落有周年、纪念、回顾、年前、历史上、当年等"
        "回顾语境的单个日期，以及正是“N周年”“N年前”所指年份的日期，也不报告。\n"
        "例：2022年3月30日发布的征求意见公告写“期限为2000年3月30日至2000年4月30日” → 2022年。"
        "无自动修改。"
    )

    options = (
        Option("years-before", int, 10, "单个日期的年份比发布年份早这么多年以上时报告"),
        Option("years-after", int, 10, "单个日期的年份比发布年份晚这么多年以上时报告"),
        Option("period-years", int, 2, "时间段的起止年份与发布年份相差这么多年以上时报告"),
    )

    def check(self, doc: Doc) -> Iterable[Issue]:
        pub = doc.published
        if pub is None:
            return
        before = doc.option(self.code, "years-before")
        after = doc.option(self.code, "years-after")
        period = doc.option(self.code, "period-years")
        text = doc.folded
        dates = doc.analysis(DATES)
        period_of: dict[int, tuple[int, int]] = {}  # date start -> span of its period
        for i, a in enumerate(dates):
            b = _end_of_period(text, a, dates, i)
            if b is not None:
                period_of[a.start] = period_of[b.start] = (a.start, b.end)
        reported: set[tuple[int, int]] = set()
        title = doc.post.title or ""
        anniversary_years = {pub.year - n for n in _years_ago(title + "\n" + text)}
        for d in dates:
            if not d.explicit_year or d.year is None or d.year < 1990 or d.year in anniversary_years:
                continue
            diff = d.year - pub.year
            span = period_of.get(d.start)
            limit_before, limit_after = (period, period) if span else (before, after)
            if -limit_before <= diff <= limit_after:
                continue
            sentence = context.sentence(text, d.start, d.end, "。！？\n;；", limit=len(text))
            if (_HISTORY_STRONG if span else _HISTORY).search(sentence):
                continue
            if not span and (_ANNIVERSARY.search(title) or _ANNIVERSARY.search(_paragraph(text, d.start, d.end))):
                continue
            span = span or (d.start, d.end)
            if span in reported:
                continue  # one finding per period
            reported.add(span)
            where = "时间段" if span != (d.start, d.end) else "日期"
            yield Issue(
                span[0], span[1],
                f"{where}的年份{d.year}年与发布日期（{_date_cn(pub)}）相差{abs(diff)}年，请核实是否录入错误",
            )


@register
class WeekdayMismatch(Rule):
    code = "ZW704"
    name = "weekday-mismatch"
    category = "date"
    severity = "error"
    summary = "星期与日期不符"
    doc = (
        "找出“2023年7月5日（星期四）”这类星期与日期不一致的写法（也查“周四”“礼拜四”和"
        "二〇二三年七月五日）。没有年份时依次用同一文本前面出现的年份、发布年份及其前后一年推算，"
        "有一种相符就不报告；推算不出年份时不检查。\n"
        "例：2023年7月5日（星期四） → 2023年7月5日（星期三）。修改建议不自动应用：日期本身也可能错了。"
    )

    def check(self, doc: Doc) -> Iterable[Issue]:
        pub = doc.published
        for d in doc.analysis(DATES):
            if d.weekday is None or d.month is None:
                continue
            if d.explicit_year:
                years = [d.year]
            elif d.year is not None:  # carried over from an earlier date: may have rolled over
                years = [d.year, d.year + 1, d.year - 1]
                if pub is not None:
                    years += [pub.year, pub.year - 1, pub.year + 1]
            elif pub is not None:
                years = [pub.year, pub.year - 1, pub.year + 1]
            else:
                continue
            days = [x for x in (_make(y, d.month, d.day) for y in years) if x is not None]
            if not days or any(x.weekday() == d.weekday for x in days):
                continue
            actual = days[0]
            right = "星期" + _WEEKDAYS[actual.weekday()]
            written = doc.text[d.weekday_span[0] : d.weekday_span[1]]
            fixed = re.sub(r"(星期|周|礼拜)[一二三四五六日天]", lambda m: m.group(1) + _WEEKDAYS[actual.weekday()]
                           if m.group(1) != "星期" else right, written)
            yield Issue(
                d.weekday_span[0], d.weekday_span[1],
                f"{_date_cn(actual)}是{right}，与所写“{written.strip('（）() ')}”不符",
                [fixed], fix_safe=False,
            )
