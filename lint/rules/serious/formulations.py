"""Political formulations (ZW104): wrong wording, misspelt forms, their members and their
order. Data: sensitive_terms/formulations.toml."""
from __future__ import annotations

from typing import Iterable

from lint.document import Doc
from lint.rules import Issue, register
from lint.rules.serious.base import HISTORY_MARKERS, SeriousTermRule, cn_date
from lint.rules.serious.numbered import WORDS_PRESENT, generated_entries, numbered_formulations, wrong_members
from lint.terms.lists import Entry
from lint.text.context import has_any, sentence, years_in


def _with_members() -> tuple[Entry, ...]:
    """The formulations that list their members (四个意识: 政治意识、大局意识、…), in every list."""
    return numbered_formulations()


@register
class Formulation(SeriousTermRule):
    code = "ZW104"
    name = "formulation"
    summary = "重要政治表述、提法用词错误、成员或顺序错误"
    variant_label = "重要政治表述"
    analyses = (WORDS_PRESENT,)
    doc = """\
找出写错的重要政治表述（sensitive_terms/formulations.toml、keyterms.toml、keyterms_numbered.toml、
keyterms_calendar.toml，约 1,600 个规范表述，每条注明出处）：
- 用词错误：习近平新时代中国特色社会主义理论 -> 思想；习近平总书记新时代中国特色社会主义思想（插入职务）；
  “五位一体”战略布局 / “四个全面”总体布局 互换；总览全局 -> 总揽全局；
- 错字：编译词表时由每个规范表述生成（一个字换成同音字、近音字（z/zh、c/ch、s/sh、n/l、r/l、f/h、an/ang、
  en/eng、in/ing）或形近字；长表述中重复或漏掉一个字、重复一个词；其中一个词换成同音词，如主义 -> 注意），语料中出现过的形式剔除：
  中国式现代话、共同富欲、全面从严治档、新质生产立、中国特色色社会主义；能读成普通词语的形式（文化自性、
  以人民为中兴）只在规范表述该出现的位置报告：前后是语料中常与该表述相邻的词（坚定文化自性），或同一数字概括
  表述的其他成员就在旁边（制度自信、文化自性）；
- 数字概括的表述：名称数字错（增强“三个意识”、“四位一体”总体布局）、搭配动词错（规范搭配是增强“四个意识”、
  坚定“四个自信”、做到“两个维护”、深刻领悟“两个确立”的决定性意义；坚定“两个维护”、做到“四个意识”为错）、
  引号内名称写错（“两个维户”“五位一休”）；
- 成员：列举成员时顺序错（创新、协调、绿色、共享、开放）、一个成员被换掉（政治意识、大局意识、核心意识、
  服从意识 -> 看齐意识；享乐主义和奢侈之风 -> 奢靡之风；生态建设 -> 生态文明建设），名称是否写在旁边都检查；
  名称旁边列举时缺一项或多一项（“四个意识”：政治意识、大局意识、核心意识）；2020年10月29日以后的文章中“四个全面”仍用旧的第一项。
引号（“”、""、‘’、「」）或无引号均可匹配。修改建议：规范表述。"""

    def generate_entries(self, lists) -> list[Entry]:
        mine = [e for e in lists.entries if e.rule == self.code]
        protected = frozenset(t for e in lists.entries for t in e.terms)
        return super().generate_entries(lists) + generated_entries(mine, protected)

    def check(self, doc: Doc) -> Iterable[Issue]:
        yield from super().check(doc)
        yield from self._members(doc)
        yield from wrong_members(doc)

    def _members(self, doc: Doc) -> Iterable[Issue]:
        words = doc.analysis(WORDS_PRESENT)  # `w in words` is `w in norm` for these words
        if not words:
            return
        norm = doc.norm.text
        for e in _with_members():
            members = list(e.extra["members"])
            if not all(mb in words for mb in members):
                continue
            for start, end, items in _enumerations(norm, members):
                if len(items) != len(members) or set(items) != set(members) or items == members:
                    continue
                s, t = doc.norm.span_to_original(start, end)
                yield Issue(s, t, f"“{e.extra.get('name', e.terms[0])}”的规范顺序是“{'、'.join(members)}”",
                            ["、".join(members)])
        # a member that does not belong, in an enumeration written as the formulation
        for e in _with_members():
            name = e.extra.get("name")
            if not name or name not in words:
                continue
            members = list(e.extra["members"])
            allowed = set(members) | set(e.extra.get("old_members", ()))
            i = norm.find(name)
            while i >= 0:
                for start, items, first in _items_next_to(norm, i, i + len(name), len(members)):
                    good = [it for it in items if it in allowed]
                    bad = [it for it in items if it not in allowed]
                    if bad and len(good) * 2 >= len(items) and len(bad) <= 2:
                        present = set(items) | {mb for mb in members if first and first.endswith(mb)}
                        missing = [mb for mb in members if mb not in present]
                        for it in bad:
                            k = norm.find(it, start)
                            s, t = doc.norm.span_to_original(k, k + len(it))
                            yield Issue(s, t, f"“{it}”不属于“{name}”（{'、'.join(members)}）",
                                        missing[:1])
                # one member left out, or one phrase too many, next to the name
                for start, items, first in (_items_next_to(norm, i, i + len(name), len(members) - 1)
                                            + _items_next_to(norm, i, i + len(name), len(members) + 1)):
                    if first and any(first.endswith(mb) for mb in allowed):
                        items = [next(mb for mb in members if first.endswith(mb)), *items]
                    elif first:
                        continue
                    issue = _count_issue(doc, norm, start, items, members, allowed, name)
                    if issue:
                        yield issue
                i = norm.find(name, i + len(name))
        # 四个全面 with the members of before 2020-10-29
        day = doc.published
        for e in _with_members():
            old = e.extra.get("old_members")
            since = e.extra.get("members_from")
            if not old or not since or day is None or day < since or old[0] not in words:
                continue
            name = e.extra.get("name", e.terms[0])
            if name not in words:
                continue
            for start, end, items in _enumerations(norm, old):
                if set(items) == set(old):
                    sent = sentence(norm, start, end)
                    if has_any(sent, HISTORY_MARKERS) or any(y < since.year for y in years_in(sent)):
                        continue
                    s, t = doc.norm.span_to_original(start, end)
                    yield Issue(s, t, f"自{cn_date(since)}起“{name}”的第一项为“{e.extra['members'][0]}”"
                                      f"（原为“{old[0]}”）", ["、".join(e.extra["members"])], severity="warning")


def _count_issue(doc: Doc, norm: str, start: int, items: list[str], members: list[str], allowed: set[str],
                 name: str) -> Issue | None:
    """One member missing (all the items are members, one short) or one item too many (every
    member and one more) in the enumeration next to a numbered formulation's name."""
    if len(members) < 3 or any("、" in mb for mb in members):
        return None  # 两个维护: a member may be written alone; members with 、 are split apart
    good = [it for it in items if it in allowed]
    if len(items) == len(members) - 1 and len(good) == len(items) and len(set(items)) == len(items):
        missing = [mb for mb in members if mb not in items]
        if len(missing) != 1:
            return None
        end = norm.find(items[-1], start) + len(items[-1])
        s, t = doc.norm.span_to_original(norm.find(items[0], start), end)
        return Issue(s, t, f"“{name}”有{len(members)}项，缺少“{missing[0]}”（{'、'.join(members)}）", ["、".join(members)])
    if len(items) == len(members) + 1 and set(members) <= set(items):
        extra = [it for it in items if it not in allowed]
        if len(extra) != 1:
            return None
        k = norm.find(extra[0], start)
        s, t = doc.norm.span_to_original(k, k + len(extra[0]))
        return Issue(s, t, f"“{extra[0]}”不属于“{name}”（{'、'.join(members)}）", [])
    return None


def _items_next_to(norm: str, start: int, end: int, count: int) -> list[tuple[int, list[str], str | None]]:
    """The enumeration of `count` items (、-separated) written right after a formulation's
    name (四个意识，即政治意识、…) or right before it (政治意识、…、看齐意识的“四个意识”)."""
    out = []
    # after: name, then 即/是/： and quotes
    j = end
    while j < len(norm) and j < end + 4 and norm[j] in "”\"'’」，,：:即是指（(":
        j += 1
    if j > end:
        k = j
        while k < len(norm) and norm[k] not in "，,。；;：:！？!?）)\n":
            k += 1
        items = [it.strip("“”\"'‘’「」等") for it in norm[j:k].split("、")]
        if len(items) == count and all(items):
            out.append((j, items, None))
    # before: items, then 的/等/quotes, then the name
    b = start
    while b > 0 and start - b < 4 and norm[b - 1] in "“\"'‘「的等这":
        b -= 1
    if b < start:
        a = b
        while a > 0 and norm[a - 1] not in "，,。；;：:！？!?（(\n":
            a -= 1
        pieces = norm[a:b].split("、")
        if len(pieces) == count:
            items = [it.strip("“”\"'‘’「」") for it in pieces]
            out.append((a, items[1:], items[0]))  # the first item carries the verb (增强政治意识)
    return out


_SEPARATORS = "、，,和及与"
_QUOTES_STRIP = "“”\"‘’'「」"


def _enumerations(norm: str, members: list[str]) -> list[tuple[int, int, list[str]]]:
    """Runs of members joined by separators (、，和): (start, end, [member...]) on the
    normalised text. Quotation marks around members are skipped."""
    found = []
    pos = 0
    n = len(norm)
    while pos < n:
        best = None
        for m in members:
            i = norm.find(m, pos)
            if i >= 0 and (best is None or i < best[0]):
                best = (i, m)
        if best is None:
            break
        start, m = best
        items = [m]
        end = start + len(m)
        while True:
            j = end
            while j < n and norm[j] in _QUOTES_STRIP:
                j += 1
            if j >= n or norm[j] not in _SEPARATORS:
                break
            j += 1
            while j < n and norm[j] in _QUOTES_STRIP:
                j += 1
            nxt = next((mb for mb in members if norm.startswith(mb, j)), None)
            if nxt is None:
                break
            items.append(nxt)
            end = j + len(nxt)
        if len(items) >= 3:
            found.append((start, end, items))
        pos = end if end > start else start + 1
    return found

