"""Political formulations (ZW104): wrong wording, misspelt forms, their members and their
order. Data: sensitive_terms/formulations.toml."""
from __future__ import annotations

import functools
from typing import Iterable

from lint.document import Doc
from lint.rules import Issue, register
from lint.rules.serious.base import HISTORY_MARKERS, SeriousTermRule, cn_date, shipped_entries
from lint.terms.lists import Entry
from lint.text.context import has_any, sentence, years_in


@functools.cache
def _with_members() -> tuple[Entry, ...]:
    """The formulations that list their members (四个意识: 政治意识、大局意识、…)."""
    return tuple(e for e in shipped_entries("formulations.toml") if e.extra.get("members"))


@register
class Formulation(SeriousTermRule):
    code = "ZW104"
    name = "formulation"
    summary = "重要政治表述、提法用词错误、成员或顺序错误"
    variant_label = "重要政治表述"
    doc = """\
找出写错的重要政治表述（sensitive_terms/formulations.toml）：
- 用词错误：习近平新时代中国特色社会主义理论 → 思想；习近平总书记新时代中国特色社会主义思想（多了职务）；
  坚定“四个意识” / 增强“四个自信”（应为增强“四个意识”、坚定“四个自信”、做到“两个维护”）；
  确立习近平总书记党中央的核心（“两个确立”写的是习近平同志）；“五位一体”战略布局 / “四个全面”总体布局
  （二者互换了）；总览全局 → 总揽全局；
- 由正确表述生成的错写（中国式现代话、全过程人民明主、社会主义核心价值关、缺字的
  习近平新时代中国特色主义思想），本身是真实词语的剔除；
- 成员：列举成员的顺序不对（创新、协调、绿色、共享、开放的新发展理念），名称旁列举了不属于它的成员，
  或在2020-10-29以后的帖子里仍用此前“四个全面”的成员（全面建成小康社会）。
各种引号（“”、""、‘’、「」）或不加引号都能匹配。修改：改为规范表述。
"""

    def check(self, doc: Doc) -> Iterable[Issue]:
        yield from super().check(doc)
        yield from self._members(doc)

    def _members(self, doc: Doc) -> Iterable[Issue]:
        norm = doc.norm.text
        for e in _with_members():
            members = list(e.extra["members"])
            if not all(mb in norm for mb in reversed(members)):  # the last members are the rarer ones
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
            if not name or name not in norm:
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
                i = norm.find(name, i + len(name))
        # 四个全面 with the members of before 2020-10-29
        day = doc.published
        for e in _with_members():
            old = e.extra.get("old_members")
            since = e.extra.get("members_from")
            if not old or not since or day is None or day < since or old[0] not in norm:
                continue
            name = e.extra.get("name", e.terms[0])
            if name not in norm:
                continue
            for start, end, items in _enumerations(norm, old):
                if set(items) == set(old):
                    sent = sentence(norm, start, end)
                    if has_any(sent, HISTORY_MARKERS) or any(y < since.year for y in years_in(sent)):
                        continue
                    s, t = doc.norm.span_to_original(start, end)
                    yield Issue(s, t, f"自{cn_date(since)}起“{name}”的第一项为“{e.extra['members'][0]}”"
                                      f"（原为“{old[0]}”）", ["、".join(e.extra["members"])], severity="warning")


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

