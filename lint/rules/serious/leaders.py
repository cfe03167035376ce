"""严重表述错误 (serious expression errors): misspelt leaders' names and titles, titles
that do not match the office holder on the publication date, the order of the top
leader's titles, political formulations, party congress and plenum names, state organ
names, references the Xinhua style rules forbid (Taiwan, Hong Kong and Macau, other
banned usages) and fallen officials named in a positive context.

One such error fails a 政务新媒体 account in the quarterly inspection (国办秘函〔2019〕19号),
so every rule here is tuned for precision: generated variants are filtered against
dictionaries, and the exceptions (quotation, reporting on a case, a historical period)
are part of each rule.

Data: sensitive_terms/leaders.toml, offices.toml, title_order.toml, formulations.toml,
congresses.toml, organs.toml, taiwan.toml, hongkong_macau.toml, xinhua.toml, fallen.toml.
"""
from __future__ import annotations

from datetime import date
from typing import Iterable

from lint.document import Doc
from lint.rules import Issue, Rule, register
from lint.rules._terms import TermRule, context_allows
from lint.serious.context import (
    HISTORY_MARKERS,
    has_any,
    inside_quotes,
    sentence,
    years_in,
)
from lint.terms.lists import Entry
from lint.terms.matcher import TermMatch

GENERATED = "generated"


def _generated(rule: str, term: str, fix: str, reason: str, source: str, **extra) -> Entry:
    return Entry(rule=rule, terms=(term,), pattern=None, fixes=(fix,), reason=reason, source=source,
                 file=f"{GENERATED}:{rule}", extra=extra)


def _is_leader(e: Entry) -> bool:
    return e.rule == "ZW102" and e.extra.get("kind") != "title"


def _is_title(e: Entry) -> bool:
    return e.rule == "ZW102" and e.extra.get("kind") == "title"


def _fmt(d: date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


# ---------------------------------------------------------------------------------- ZW101


@register
class LeaderName(Rule):
    code = "ZW101"
    name = "leader-name"
    category = "serious"
    severity = "error"
    summary = "党和国家领导人姓名或职务称谓写错（同音字、形近字）"
    doc = """\
Finds misspelt names of party and state leaders and misspelt titles of their offices:
习近乎 / 习进平 -> 习近平, 温家室 -> 温家宝, 总书计 -> 总书记, 国务院总里 -> 国务院总理.

Why: a misspelt leader's name or title is a 严重表述错误, which fails the account in the
quarterly inspection on its own.

How: the misspelt forms are not listed by hand. They are generated when the word lists
are compiled, from the names in sensitive_terms/leaders.toml and the titles in
offices.toml, by replacing one character with a homophone (pypinyin, tones ignored, and
pycorrector's same_pinyin.txt) or a character of similar shape (pycorrector's
same_stroke.txt). Forms that are real words or names (jieba's dictionary, pycorrector's
person names) are dropped. Names whose misspelt forms could be an ordinary person's name
(two-character names, most three-character ones) are reported only next to a national
title or another leader's name (国务院总理李墙, 李墙总理, 习近平、李墙). Spaces and
punctuation put inside a name (习 近 平) and traditional characters are folded first.

Fix: the correct form is suggested; not safe to apply blindly (check the context)."""
    fix_safe = False
    generator_version = "2"

    def generate_entries(self, lists) -> list[Entry]:
        from lint.serious.variants import neighbour_guard, substitution_variants

        leaders = [e for e in lists.entries if _is_leader(e)]
        titles = [e for e in lists.entries if _is_title(e)]
        protected = frozenset(t for e in leaders + titles for t in e.terms)
        out: list[Entry] = []
        for e in leaders:
            where = e.extra.get("variants", "in-context")
            if where == "none":
                continue
            for name in e.terms:
                for v in substitution_variants(name, kind="name", protected=protected):
                    before, after = neighbour_guard(v.text, v.canonical)
                    out.append(_generated(
                        self.code, v.text, name,
                        f"领导人姓名疑似写错：“{v.text}”应为“{name}”（{v.why}字）",
                        f"由 {e.file.rsplit('/', 1)[-1]} 中的“{name}”生成（{v.why}字替换）；{e.source}",
                        canonical=name, context=where, before=before, after=after, what="name"))
                for typo in e.extra.get("also_misspelt", ()):
                    before, after = neighbour_guard(typo, name)
                    out.append(_generated(
                        self.code, typo, name, f"领导人姓名写错：“{typo}”应为“{name}”",
                        f"实际案例；{e.source}", canonical=name, context="anywhere", before=before,
                        after=after, what="name"))
        for e in titles:
            if not e.extra.get("misspell_check"):
                continue
            for title in e.terms:
                for v in substitution_variants(title, kind="phrase", protected=protected):
                    before, after = neighbour_guard(v.text, v.canonical)
                    out.append(_generated(
                        self.code, v.text, title,
                        f"领导人职务称谓疑似写错：“{v.text}”应为“{title}”（{v.why}字）",
                        f"由 offices.toml 中的“{title}”生成（{v.why}字替换）；{e.source}",
                        canonical=title, context="anywhere", before=before, after=after, what="title"))
        return out

    def check(self, doc: Doc) -> Iterable[Issue]:
        matches = doc.matches_for(self.code)
        if not matches:
            return
        norm = doc.norm.text
        canon = doc.matches_for("ZW102")
        for m in matches:
            extra = m.entry.extra
            if not m.entry.valid_on(doc.published) or context_allows(doc, m):
                continue
            if any(c.norm_start < m.norm_end and m.norm_start < c.norm_end for c in canon):
                continue  # overlaps a correctly written name or title
            prev = norm[m.norm_start - 1] if m.norm_start > 0 else ""
            nxt = norm[m.norm_end] if m.norm_end < len(norm) else ""
            if (prev and prev in extra.get("before", "")) or (nxt and nxt in extra.get("after", "")):
                continue  # reads as two ordinary words (学习 + 近乎)
            if extra.get("context") == "in-context" and not _leader_context(norm, m, canon):
                continue
            yield Issue(m.start, m.end, m.entry.reason, m.entry.fixes)


def _leader_context(norm: str, m: TermMatch, canon: list[TermMatch]) -> bool:
    """A national title or another leader's name right before or after the span
    (directly, or across one 、)."""
    for c in canon:
        if c.entry.extra.get("short"):
            lead = min(c.norm_start, m.norm_start)
            if lead > 0 and norm[lead - 1] in _LOCAL_BODIES:
                continue  # 工会主席王义, 县政协主席李墙: a local office
        gap_before = norm[c.norm_end : m.norm_start] if c.norm_end <= m.norm_start else None
        gap_after = norm[m.norm_end : c.norm_start] if c.norm_start >= m.norm_end else None
        if gap_before is not None and gap_before in ("", "、"):
            return True
        if gap_after is not None and gap_after in ("", "、"):
            return True
    return False


# ---------------------------------------------------------------------------------- ZW102


@register
class LeaderOffice(Rule):
    code = "ZW102"
    name = "leader-office"
    category = "serious"
    severity = "error"
    summary = "领导人职务与任职时间不符（发布时已卸任、尚未就任或从未担任）"
    doc = """\
Checks a national title written next to a leader's name (国务院总理李强, 李强总理,
中共中央总书记、国家主席、中央军委主席习近平) against the offices that person held on the
post's publication date (sensitive_terms/leaders.toml, each office with valid_from and
valid_to and the announcement it comes from).

- "国务院总理李克强" is right in a 2020 post and wrong in a 2024 one (李强 has been premier
  since 2023-03-11): the message names the current holder and suggests 时任.
- A title the person never held is wrong on any date (国务院总理王沪宁).
- Not reported: a title marked as past (时任、原、前、曾任), a sentence about a year within the
  term of office or about history (回顾、纪念、生前...), text in quotation marks, and, when the
  publication date is unknown, anything but a title never held.

Fix: 时任 + title, or the current holder; never applied automatically."""

    def check(self, doc: Doc) -> Iterable[Issue]:
        matches = doc.matches_for(self.code)
        if len(matches) < 2:
            return
        names = [m for m in matches if _is_leader(m.entry) and m.entry.extra.get("office")]
        if not names:
            return
        titles = [m for m in matches if _is_title(m.entry)]
        if not titles:
            return
        norm = doc.norm.text
        day = doc.published
        for nm in names:
            issues = [i for tm in _titles_attached(norm, nm, titles)
                      if (i := self._judge(doc, norm, nm, tm, day, matches))]
            if len(issues) == 1:
                yield issues[0]
            elif issues:  # one finding for a chain of titles
                yield Issue(min(i.start for i in issues), max(i.end for i in issues),
                            "；".join(i.message for i in issues),
                            [s for i in issues for s in i.suggestions][:1])

    def _judge(self, doc: Doc, norm: str, nm: TermMatch, tm: TermMatch, day, all_matches) -> Issue | None:
        person = nm.entry.terms[0]
        wanted = set(tm.entry.extra.get("office", ()))
        offices = [o for o in nm.entry.extra.get("office", ()) if o.get("title") in wanted]
        title_text = doc.text[tm.start : tm.end]
        lo, hi = min(tm.start, nm.start), max(tm.end, nm.end)
        if inside_quotes(doc.text, lo, hi):
            return None
        short = tm.entry.extra.get("short")
        if short:
            # 县政协主席李强, 市总工会副主席汪洋: a local office with the same bare title
            lead = norm[max(0, min(tm.norm_start, nm.norm_start) - 2) : min(tm.norm_start, nm.norm_start)]
            if lead and lead[-1] in _LOCAL_BODIES:
                return None
        if not offices:
            if short or not nm.entry.extra.get("offices_complete"):
                return None
            return Issue(lo, hi, f"“{person}”未担任过“{title_text}”，职务称谓有误，请核对", ())
        if day is None:
            return None
        if any(_held_on(o, day) for o in offices):
            return None
        # Past or future office: allowed when the text marks it as past or historical.
        a, b = min(tm.norm_start, nm.norm_start), max(tm.norm_end, nm.norm_end)
        before = norm[max(0, a - 4) : a]
        if has_any(before, ("时任", "原", "前", "曾任", "已故", "任")) and not before.endswith("主任"):
            return None
        sent = sentence(norm, a, b)
        if has_any(sent, HISTORY_MARKERS):
            return None
        for y in years_in(sent):
            if any(_year_in_term(o, y) for o in offices) or y < day.year:
                return None
        first = min(offices, key=lambda o: o["valid_from"])
        if day < first["valid_from"]:
            msg = (f"“{person}”于{_fmt(first['valid_from'])}起任{first['title']}，"
                   f"本文发布于{_fmt(day)}，当时尚未就任，请核对")
            return Issue(lo, hi, msg, ())
        last = max(offices, key=lambda o: o.get("valid_to") or date.max)
        current = _holders(all_matches_entries(doc), last["title"], day)
        msg = f"“{person}”任{last['title']}至{_fmt(last.get('valid_to'))}，本文发布于{_fmt(day)}"
        if current:
            msg += f"，现任为{'、'.join(current)}"
        msg += "；如指当时，应写“时任”"
        suggestions = [f"时任{last['title']}{person}"]
        return Issue(lo, hi, msg, suggestions)


_LOCAL_BODIES = set("县市省区镇乡村街会协联司厂校院所局委办处科队部室团社盟")


def _held_on(office: dict, day: date) -> bool:
    f, t = office.get("valid_from"), office.get("valid_to")
    return (f is None or f <= day) and (t is None or day <= t)


def _year_in_term(office: dict, year: int) -> bool:
    f, t = office.get("valid_from"), office.get("valid_to")
    return (f is None or f.year <= year) and (t is None or year <= t.year)


_LEADER_ENTRIES: list[Entry] | None = None


def all_matches_entries(doc: Doc) -> list[Entry]:
    """Every leader entry of the shipped leaders.toml (to name the current holder)."""
    global _LEADER_ENTRIES
    if _LEADER_ENTRIES is None:
        from lint.terms.lists import default_list_dirs, parse_list_file

        _LEADER_ENTRIES = []
        for d in default_list_dirs():
            path = d / "leaders.toml"
            if path.is_file():
                _LEADER_ENTRIES = [e for e in parse_list_file(path) if _is_leader(e)]
    return _LEADER_ENTRIES


def _holders(entries: list[Entry], title: str, day: date) -> list[str]:
    out = []
    for e in entries:
        for o in e.extra.get("office", ()):
            if o.get("title") == title and _held_on(o, day):
                out.append(e.terms[0])
    return out


def _titles_attached(norm: str, nm: TermMatch, titles: list[TermMatch]) -> list[TermMatch]:
    """The titles written as one unit with the name: a chain ending right before it
    (中共中央总书记、国家主席、中央军委主席习近平) or one title right after it (李强总理).
    Where several titles end at the same place the longest is taken (国务院总理, not 总理)."""
    by_end: dict[int, TermMatch] = {}
    by_start: dict[int, TermMatch] = {}
    for t in titles:
        cur = by_end.get(t.norm_end)
        if cur is None or t.norm_end - t.norm_start > cur.norm_end - cur.norm_start:
            by_end[t.norm_end] = t
        cur = by_start.get(t.norm_start)
        if cur is None or t.norm_end - t.norm_start > cur.norm_end - cur.norm_start:
            by_start[t.norm_start] = t
    out = []
    pos = nm.norm_start
    while pos in by_end:
        t = by_end[pos]
        out.append(t)
        pos = t.norm_start
        if pos > 0 and norm[pos - 1] == "、":
            pos -= 1
        else:
            break
    after = by_start.get(nm.norm_end)
    if after is not None:
        nxt = norm[after.norm_end : after.norm_end + 1]
        # 李强总理 but not 李强总理事 / 主席团 / 主席台
        if nxt not in ("团", "台", "事", "会", "处", "府", "令"):
            out.append(after)
    return out


# ---------------------------------------------------------------------------------- list-driven rules

_QUOTE_STYLES = (("“", "”"), ("\"", "\""), ("‘", "’"), ("「", "」"), ("'", "'"), ("", ""))
_HISTORY_WORDS = ("民国时期", "民国初年", "辛亥", "北洋", "国民政府", "抗日战争", "抗战", "解放战争", "解放前",
                  "1949年以前", "新中国成立前", "清末", "孙中山", "历史上", "回归前", "回归以前", "港英", "澳葡")


def _quote_forms(entry: Entry) -> list[Entry]:
    """The same wrong form written with other quotation marks, or none."""
    out = []
    for term in entry.terms:
        if "“" not in term:
            continue
        forms = {term.replace("“", a).replace("”", b) for a, b in _QUOTE_STYLES} - set(entry.terms)
        for f in sorted(forms):
            out.append(Entry(rule=entry.rule, terms=(f,), pattern=None, fixes=entry.fixes, reason=entry.reason,
                             source=entry.source, file=f"{GENERATED}:{entry.rule}", severity=entry.severity,
                             category=entry.category, valid_from=entry.valid_from, valid_to=entry.valid_to,
                             extra=dict(entry.extra)))
    return out


def _is_historical(doc: Doc, m: TermMatch, until_year: int) -> bool:
    sent = sentence(doc.norm.text, m.norm_start, m.norm_end)
    if has_any(sent, _HISTORY_WORDS):
        return True
    return any(y <= until_year for y in years_in(sent))


class SeriousTermRule(TermRule):
    """List-driven serious rule: every in-date, in-context match of this rule's entries,
    except correct forms (`canonical`), plus generated misspellings of the correct forms
    and the wrong forms with other quotation marks."""

    severity = "error"
    category = "serious"
    generator_version = "2"
    history_until = 1949  # historical_ok: a year up to this one in the sentence
    variant_label = "规范表述"

    def generate_entries(self, lists) -> list[Entry]:
        from lint.serious.variants import deletion_variants, neighbour_guard, substitution_variants

        mine = [e for e in lists.entries if e.rule == self.code]
        protected = frozenset(t for e in lists.entries if e.rule == self.code for t in e.terms)
        out: list[Entry] = []
        for e in mine:
            if e.extra.get("canonical"):
                for term in e.terms:
                    variants = substitution_variants(term, kind="phrase", protected=protected)
                    if e.extra.get("deletions"):
                        variants += deletion_variants(term, protected=protected)
                    for v in variants:
                        before, after = neighbour_guard(v.text, v.canonical)
                        out.append(_generated(
                            self.code, v.text, term,
                            f"{self.variant_label}疑似写错：“{v.text}”应为“{term}”（{v.why}）",
                            f"由 {e.file.rsplit('/', 1)[-1]} 中的“{term}”生成（{v.why}）；{e.source}",
                            canonical_of=term, before=before, after=after))
            else:
                out.extend(_quote_forms(e))
        return out

    def check(self, doc: Doc) -> Iterable[Issue]:
        matches = doc.matches_for(self.code)
        if not matches:
            return
        canon = [m for m in matches if m.entry.extra.get("canonical")]
        norm = doc.norm.text
        issues: list[Issue] = []
        for m in matches:
            extra = m.entry.extra
            if extra.get("canonical") or not m.entry.valid_on(doc.published) or context_allows(doc, m):
                continue
            if extra.get("date_required") and doc.published is None:
                continue  # usage that changed at a known date: judged only for dated posts
            if "canonical_of" in extra:
                if any((c.norm_start <= m.norm_start and m.norm_end <= c.norm_end)
                       or (c.norm_start < m.norm_end and m.norm_start < c.norm_end
                           and extra["canonical_of"] in c.entry.terms) for c in canon):
                    continue  # inside a correct form, or overlapping the form it misspells
                prev = norm[m.norm_start - 1] if m.norm_start > 0 else ""
                nxt = norm[m.norm_end] if m.norm_end < len(norm) else ""
                if (prev and prev in extra.get("before", "")) or (nxt and nxt in extra.get("after", "")):
                    continue
            if extra.get("historical_ok") and _is_historical(doc, m, self.history_until):
                continue
            issue = self.judge(doc, m)
            if issue is not None:
                issues.append(issue)
        # one finding where a quoted and a bare form of the same entry both match
        for i in issues:
            if not any(o is not i and o.start <= i.start and i.end <= o.end and (o.end - o.start) > (i.end - i.start)
                       for o in issues):
                yield i

    def judge(self, doc: Doc, m: TermMatch) -> Issue | None:
        return self.issue_for(doc, m)


@register
class TitleOrder(SeriousTermRule):
    code = "ZW103"
    name = "title-order"
    summary = "最高领导人职务排序错误（应为中共中央总书记、国家主席、中央军委主席）"
    doc = """\
Finds the top leader's titles written in the wrong order: 国家主席、中共中央总书记 ->
中共中央总书记、国家主席、中央军委主席 (party office first, then state, then military;
sensitive_terms/title_order.toml). Any two titles out of order are reported, joined by
、 or a comma. Fix: the standard order (not applied automatically)."""

    def generate_entries(self, lists) -> list[Entry]:
        out = []
        for e in lists.by_rule(self.code):
            order = e.extra.get("order")
            if not order:
                continue
            for i, earlier in enumerate(order):
                for later in order[i + 1 :]:
                    for a in later:
                        for b in earlier:
                            for sep in ("、", ",", "，"):
                                out.append(_generated(self.code, f"{a}{sep}{b}", e.terms[0], e.reason, e.source,
                                                      pair=(a, b)))
        return out

    def check(self, doc: Doc) -> Iterable[Issue]:
        for m in doc.matches_for(self.code):
            if "pair" not in m.entry.extra:
                continue
            a, b = m.entry.extra["pair"]
            yield Issue(m.start, m.end, f"职务排序错误：“{b}”应在“{a}”之前；{m.entry.reason}",
                        m.entry.fixes)


@register
class Formulation(SeriousTermRule):
    code = "ZW104"
    name = "formulation"
    summary = "重要政治表述、提法用词错误、成员或顺序错误"
    variant_label = "重要政治表述"
    doc = """\
Finds standard political formulations written wrongly (sensitive_terms/formulations.toml):
- wrong wording: 习近平新时代中国特色社会主义理论 -> 思想; 习近平总书记新时代中国特色社会主义思想
  (a title inserted); 坚定“四个意识” / 增强“四个自信” (the verbs are 增强“四个意识”、坚定“四个自信”、
  做到“两个维护”); 确立习近平总书记党中央的核心 (“两个确立” says 习近平同志); “五位一体”战略布局 /
  “四个全面”总体布局 swapped; 总览全局 -> 总揽全局;
- misspelt forms generated from the correct ones (中国式现代话, 全过程人民明主, 社会主义核心价值关,
  习近平新时代中国特色主义思想 with characters left out), real words dropped;
- members: a formulation spelt out with its members in a different order (创新、协调、绿色、共享、开放的
  新发展理念), or with a member that does not belong to it next to its name, or the members
  of 四个全面 before 2020-10-29 (全面建成小康社会) in a later post.
Quotation marks of any style (“”, "", ‘’, 「」) or none are matched. Fix: the standard form."""

    _FORMS: list[Entry] | None = None

    def check(self, doc: Doc) -> Iterable[Issue]:
        yield from super().check(doc)
        yield from self._members(doc)

    @classmethod
    def _formulations(cls) -> list[Entry]:
        if cls._FORMS is None:
            from lint.terms.lists import default_list_dirs, parse_list_file

            cls._FORMS = []
            for d in default_list_dirs():
                p = d / "formulations.toml"
                if p.is_file():
                    cls._FORMS = [e for e in parse_list_file(p) if e.extra.get("members")]
        return cls._FORMS

    def _members(self, doc: Doc) -> Iterable[Issue]:
        norm = doc.norm.text
        for e in self._formulations():
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
        for e in self._formulations():
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
        for e in self._formulations():
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
                    yield Issue(s, t, f"自{_fmt(since)}起“{name}”的第一项为“{e.extra['members'][0]}”"
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
Finds wrong names of Central Committee plenary sessions and checks them against dates
(sensitive_terms/congresses.toml: each committee with the dates of its plenums):
- 十九大五中全会 -> 十九届五中全会: a plenum belongs to the Central Committee (届), not to the
  congress (大); generated for the 12th to the 21st committees;
- a plenum that never took place (十九届八中全会: the 19th committee held seven);
- a plenum named in a post published more than 120 days before it opened (二十届三中全会
  in a 2023 post).
Fix: 届 for 大 (safe); the others need an editor."""
    lead_days = 120

    def generate_entries(self, lists) -> list[Entry]:
        out = []
        src = "《中国共产党章程》第三章；新华社发布的历次中央全会公报"
        for n in range(12, 22):
            for k in range(1, 10):
                out.append(_generated(
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
                    out.append(_generated(self.code, term, term, "", e.source, kind="plenum", held=held,
                                          plenum=f"{name}届{_cn(k)}中全会"))
            if e.extra.get("complete"):
                for k in range(len(plenums) + 1, 10):
                    out.append(_generated(
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
                         f"{m.entry.extra['plenum']}于{_fmt(held)}召开，本文发布于{_fmt(day)}，届次可能有误，请核对",
                         ())
        return None  # the committee entries themselves (十九届) are data


@register
class StateOrganName(SeriousTermRule):
    code = "ZW106"
    name = "state-organ-name"
    summary = "国名、国家机关和党的机关名称写错"
    variant_label = "国家机关名称"
    doc = """\
Finds the country's name and the names of state and party organs written wrongly
(sensitive_terms/organs.toml): 中华人民共合国 / 中共人民共和国 -> 中华人民共和国,
全国人民代表大会常务委员回, 国务院办工厅, 最高人民检查院 ... Misspelt forms are generated
from the correct names (homophones, similar shapes; real words dropped); a few wrong
forms seen in real cases are listed. Fix: the correct name."""


@register
class TaiwanReference(SeriousTermRule):
    code = "ZW111"
    name = "taiwan-reference"
    summary = "涉台表述错误（台湾总统、台湾政府、中华民国、中国与台湾并列、将台湾列为国家）"
    doc = """\
Finds references to Taiwan that the Xinhua rules forbid (sensitive_terms/taiwan.toml):
台湾总统 -> 台湾地区领导人, 台湾政府 -> 台湾当局, 台湾立法院 (use 台湾地区立法机构 or
quotation marks: 台湾“立法院”), 中华民国 after 1949 (allowed in quotation marks and in
history: 1912—1949, 民国时期), 中国、台湾 side by side, 台湾原住民 -> 台湾少数民族,
两岸司法协助 -> 司法互助, and Taiwan in a list of countries (美国、日本、台湾等国家 ->
国家和地区). Source: 新华社新闻信息报道中的禁用词和慎用词（2016年7月修订）."""
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
Finds references to Hong Kong and Macau that the Xinhua rules forbid
(sensitive_terms/hongkong_macau.toml): 香港政府 -> 香港特区政府 (allowed for the time before
the handover: 港英, a year up to 1997/1999), 中港合作 -> 内地与香港合作, 中国、香港 side by
side, and Hong Kong or Macau in a list of countries (日本、香港等国家 -> 国家和地区).
Source: 新华社新闻信息报道中的禁用词和慎用词（2016年7月修订）."""
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
Finds other items of the Xinhua banned and cautious word list that concern government
writing (sensitive_terms/xinhua.toml): 北朝鲜 / 北韩 -> 朝鲜, 前苏联 -> 苏联, 蒙古 (the
country) -> 蒙古国, 孟加拉 (the country) -> 孟加拉国, 蒙族 / 维族 -> 蒙古族 / 维吾尔族,
摩梭族 -> 摩梭人, 残废人 -> 残疾人, “一带一路”战略 -> 倡议.
Source: 新华社新闻信息报道中的禁用词和慎用词（2016年7月修订）; for 一带一路, 国家发展改革委、
外交部、商务部《推动共建丝绸之路经济带和21世纪海上丝绸之路的愿景与行动》(2015)."""


_CASE_WORDS = ("受贿", "贪污", "判处", "判决", "宣判", "审判", "庭审", "开除", "审查", "调查", "违纪", "违法",
               "犯罪", "落马", "腐败", "案", "警示", "反面", "教训", "查处", "立案", "起诉", "公诉", "无期",
               "死刑", "徒刑", "缓期", "监禁", "流毒", "肃清", "余毒", "野心家", "阴谋家", "两面人", "团团伙伙",
               "问题", "处分", "罪", "贪", "腐", "被查", "双开", "忏悔", "悔过", "打虎", "老虎")
_POSITIVE_AFTER = ("同志", "书记", "省长", "市长", "主任", "部长", "委员长", "副主席", "主席", "常委", "司令员",
                   "政委", "指出", "强调", "要求", "指示", "批示", "讲话", "重要讲话", "亲切", "关怀", "关心",
                   "视察", "题词", "勉励", "寄语", "的领导", "的带领", "的亲切", "的重要")
_POSITIVE_BEFORE = ("学习贯彻", "认真学习", "贯彻落实", "在", "按照", "遵照", "根据")


@register
class FallenOfficial(SeriousTermRule):
    code = "ZW114"
    name = "fallen-official"
    summary = "以正面或现任身份提及已被开除党籍、判刑的人员"
    doc = """\
Finds names of officials who have been expelled from the party or convicted
(sensitive_terms/fallen.toml, each with the date and source of the announcement) when
they appear in a positive or current context: 在周永康同志的领导下, 周永康书记指出, 学习贯彻
薄熙来讲话精神. A neutral mention of the case (受贿、判处、开除党籍、肃清…流毒影响、警示教育)
is not reported, and nothing is reported in a post published before the announcement.
Fix: remove the reference (not automatic)."""

    def generate_entries(self, lists) -> list[Entry]:
        return []

    def judge(self, doc: Doc, m: TermMatch) -> Issue | None:
        norm = doc.norm.text
        sent = sentence(norm, m.norm_start, m.norm_end)
        if has_any(sent, _CASE_WORDS):
            return None
        need = m.entry.extra.get("require_any")
        if need and not has_any(sent, need):
            return None  # a local official of the same name
        after = norm[m.norm_end : m.norm_end + 6]
        before = norm[max(0, m.norm_start - 8) : m.norm_start]
        positive = after.startswith(_POSITIVE_AFTER)
        if not positive and "领导下" in norm[m.norm_end : m.norm_end + 12] and "在" in before:
            positive = True
        if not positive and before.endswith(_POSITIVE_BEFORE) and ("精神" in norm[m.norm_end : m.norm_end + 12]):
            positive = True
        if not positive:
            return None
        name = doc.text[m.start : m.end]
        return Issue(m.start, m.end,
                     f"“{name}”已被开除党籍/依法判刑（{m.entry.source.split('；')[0]}），不得以正面或现任身份提及",
                     ())
