"""Leaders' names and titles (ZW101, ZW102), the order of the top leader's titles (ZW103)
and officials named in a positive context after their fall (ZW114).

Data: sensitive_terms/leaders.toml, offices.toml, title_order.toml, fallen.toml.
"""
from __future__ import annotations

from datetime import date, timedelta
from typing import Iterable

from lint.document import Doc
from lint.rules import Issue, Rule, register
from lint.rules._terms import context_allows
from lint.rules.serious.base import (
    HISTORY_MARKERS,
    SeriousTermRule,
    cn_date,
    generated_entry,
    shipped_entries,
)
from lint.terms.lists import Entry
from lint.terms.matcher import TermMatch
from lint.text.context import has_any, inside_quotes, sentence, years_in


def _is_leader(e: Entry) -> bool:
    return e.rule == "ZW102" and e.extra.get("kind") != "title"


def _is_title(e: Entry) -> bool:
    return e.rule == "ZW102" and e.extra.get("kind") == "title"


# ---------------------------------------------------------------------------------- ZW101


@register
class LeaderName(Rule):
    code = "ZW101"
    name = "leader-name"
    category = "serious"
    severity = "error"
    summary = "党和国家领导人姓名或职务称谓写错（同音字、形近字）"
    doc = """\
找出党和国家领导人姓名及其职务称谓的错写：习近乎 / 习进平 → 习近平，温家室 → 温家宝，总书计 → 总书记，
国务院总里 → 国务院总理。

为什么：领导人姓名或职务称谓写错属于严重表述错误，单凭这一处，账号在季度检查中就判为不合格。

做法：错写形式不是手工列出的，而是在编译词表时，由 sensitive_terms/leaders.toml 中的姓名和 offices.toml
中的职务称谓生成：把其中一个字换成同音字（pypinyin，不计声调，以及 pycorrector 的 same_pinyin.txt）
或形近字（pycorrector 的 same_stroke.txt）。本身是真实词语或人名的形式（jieba 词典、pycorrector 人名表）
会被剔除。错写后可能是普通人名的姓名（两字姓名、多数三字姓名）只在紧挨国家级职务或另一位领导人姓名时
报告（国务院总理李墙、李墙总理、习近平、李墙）。姓名中夹的空格和标点（习 近 平）、繁体字先折叠再匹配。

另查与所属机关有关的职务称谓（sensitive_terms/title_forms.toml，每条注明依据）：省省委书记、全国人大副委员长
→ 全国人大常委会副委员长、县人大主席 → 县人大常委会主任（县人大主席团、镇人大主席不报）、政协副委员长 / 市政协主任
→ 政协副主席 / 主席、检察院院长 → 检察长、政治局常委委员 / 县委常委委员 → 常委、国家总理 → 国务院总理（各国国家总理不报）、
全国人大委员、政协代表 → 政协委员（政协代表团不报）。

修改：给出正确写法；不宜直接套用（先核对上下文）。
"""
    fix_safe = False
    generator_version = "2"

    def generate_entries(self, lists) -> list[Entry]:
        from lint.rules.serious.variants import neighbour_guard

        leaders = [e for e in lists.entries if _is_leader(e)]
        titles = [e for e in lists.entries if _is_title(e)]
        protected = frozenset(t for e in leaders + titles for t in e.terms)
        out: list[Entry] = []
        for e in leaders:
            where = e.extra.get("variants", "in-context")
            if where == "none":
                continue
            for name in e.terms:
                out.extend(self._misspelt(name, "name", protected, where, "领导人姓名", e.file.rsplit('/', 1)[-1], e.source))
                for typo in e.extra.get("also_misspelt", ()):
                    before, after = neighbour_guard(typo, name)
                    out.append(generated_entry(
                        self.code, typo, name, f"领导人姓名写错：“{typo}”应为“{name}”",
                        f"实际案例；{e.source}", canonical=name, context="anywhere", before=before,
                        after=after, what="name"))
        for e in titles:
            if not e.extra.get("misspell_check"):
                continue
            for title in e.terms:
                out.extend(self._misspelt(title, "title", protected, "anywhere", "领导人职务称谓", "offices.toml", e.source))
        return out

    def _misspelt(self, term: str, what: str, protected: frozenset, where: str, label: str, origin: str,
                  source: str) -> Iterable[Entry]:
        """The generated entries of `term` with one character replaced (names: kind "name")."""
        from lint.rules.serious.variants import neighbour_guard, substitution_variants

        for v in substitution_variants(term, kind="name" if what == "name" else "phrase", protected=protected):
            before, after = neighbour_guard(v.text, v.canonical)
            yield generated_entry(
                self.code, v.text, term,
                f"{label}疑似写错：“{v.text}”应为“{term}”（{v.why}字）",
                f"由 {origin} 中的“{term}”生成（{v.why}字替换）；{source}",
                canonical=term, context=where, before=before, after=after, what=what)

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
            listed = not m.entry.file.startswith("generated:")
            if any(c.norm_start < m.norm_end and m.norm_start < c.norm_end
                   and not (listed and m.norm_start <= c.norm_start and c.norm_end <= m.norm_end
                            and m.norm_end - m.norm_start > c.norm_end - c.norm_start) for c in canon):
                continue  # overlaps a correctly written name or title (a listed wrong form may hold one:
                #           全国人大副委员长 holds 副委员长)
            prev = norm[m.norm_start - 1] if m.norm_start > 0 else ""
            nxt = norm[m.norm_end] if m.norm_end < len(norm) else ""
            if (prev and prev in extra.get("before", "")) or (nxt and nxt in extra.get("after", "")):
                continue  # reads as two ordinary words (学习 + 近乎)
            if extra.get("context") == "in-context" and not _leader_context(norm, m, canon):
                continue
            yield Issue(m.start, m.end, m.entry.reason, m.entry.fixes, severity=m.entry.severity)


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
把写在领导人姓名旁的国家级职务（国务院总理李强、李强总理、中共中央总书记、国家主席、中央军委主席习近平）
与此人在帖子发布日期所任职务对照（sensitive_terms/leaders.toml：每项职务都有 valid_from、valid_to
和任免依据的公告）。

- “国务院总理李克强”在2020年的帖子里正确，在2024年的帖子里错误（李强自2023-03-11起任国务院总理）：
  提示中写明现任者，并建议写“时任”。
- 此人从未担任的职务，任何日期都是错的（国务院总理王沪宁）。
- 不报告：标明是过去职务的（时任、原、前、曾任），句中年份落在任期内或谈论历史的（回顾、纪念、生前……），
  引号中的文字；不知道发布日期时，只报告从未担任的职务。

修改：写“时任”加职务，或改为现任者；不自动修改。
"""

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
        last = max(offices, key=lambda o: o.get("valid_to") or date.max)
        if (norm.startswith(PAST_ACT, nm.norm_end) and last.get("valid_to")
                and last["valid_to"] <= day <= last["valid_to"] + HANDOVER_GRACE):
            return None  # 总理温家宝所作的报告 in the resolution passed days after the handover
        sent = sentence(norm, a, b)
        if has_any(sent, HISTORY_MARKERS):
            return None
        for y in years_in(sent):
            if any(_year_in_term(o, y) for o in offices) or y < day.year:
                return None
        first = min(offices, key=lambda o: o["valid_from"])
        if day < first["valid_from"]:
            msg = (f"“{person}”于{cn_date(first['valid_from'])}起任{first['title']}，"
                   f"本文发布于{cn_date(day)}，当时尚未就任，请核对")
            return Issue(lo, hi, msg, ())
        current = _holders(last["title"], day)
        msg = f"“{person}”任{last['title']}至{cn_date(last.get('valid_to'))}，本文发布于{cn_date(day)}"
        if current:
            msg += f"，现任为{'、'.join(current)}"
        msg += "；如指当时，应写“时任”"
        suggestions = [f"时任{last['title']}{person}"]
        return Issue(lo, hi, msg, suggestions)


# An act done in office (所作的报告), written down in the weeks after the term ended.
PAST_ACT = ("所作", "所做")
HANDOVER_GRACE = timedelta(days=31)
_LOCAL_BODIES = set("县市省区镇乡村街会协联司厂校院所局委办处科队部室团社盟")


def _held_on(office: dict, day: date) -> bool:
    f, t = office.get("valid_from"), office.get("valid_to")
    return (f is None or f <= day) and (t is None or day <= t)


def _year_in_term(office: dict, year: int) -> bool:
    f, t = office.get("valid_from"), office.get("valid_to")
    return (f is None or f.year <= year) and (t is None or year <= t.year)


def _holders(title: str, day: date) -> list[str]:
    """Who held `title` on `day`, by the shipped leaders.toml (to name the current holder)."""
    out = []
    for e in shipped_entries("leaders.toml"):
        if not _is_leader(e):
            continue
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


@register
class TitleOrder(SeriousTermRule):
    code = "ZW103"
    name = "title-order"
    summary = "最高领导人职务排序错误（应为中共中央总书记、国家主席、中央军委主席）"
    doc = """\
找出最高领导人职务排序错误：国家主席、中共中央总书记 → 中共中央总书记、国家主席、中央军委主席
（先党内职务，再国家职务，再军队职务；sensitive_terms/title_order.toml）。任意两个职务顺序颠倒、
以“、”或逗号连接的都报告。修改：按规范顺序（不自动修改）。
"""

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
                                out.append(generated_entry(self.code, f"{a}{sep}{b}", e.terms[0], e.reason, e.source,
                                                      pair=(a, b)))
        return out

    def check(self, doc: Doc) -> Iterable[Issue]:
        for m in doc.matches_for(self.code):
            if "pair" not in m.entry.extra:
                continue
            a, b = m.entry.extra["pair"]
            yield Issue(m.start, m.end, f"职务排序错误：“{b}”应在“{a}”之前；{m.entry.reason}",
                        m.entry.fixes)


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
找出已被开除党籍或判刑的人员（sensitive_terms/fallen.toml，每人都有公布日期和来源）在正面或现任语境中
出现：在周永康同志的领导下、周永康书记指出、学习贯彻薄熙来讲话精神。中性地提及案件（受贿、判处、
开除党籍、肃清……流毒影响、警示教育）不报告；发布日期早于公布日期的帖子也不报告。

修改：删除相关表述（不自动修改）。
"""

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
