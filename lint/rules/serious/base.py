"""What the serious rules share: SeriousTermRule (the base of the list-driven rules), the
entries they generate, the same wrong form with other quotation marks, the history tests."""
from __future__ import annotations

import functools
from datetime import date
from typing import Iterable

from lint.document import Doc
from lint.rules import Issue, only_with_matches
from lint.rules._terms import TermRule, context_allows
from lint.rules.serious.spelling import CONTEXT, generator_fingerprint, in_term_context, is_context_kind, reads_across
from lint.terms.lists import Entry
from lint.terms.matcher import TermMatch
from lint.text.context import has_any, sentence, years_in

GENERATED = "generated"

# Words that put a title or a name in the past: 时任国务院总理李克强, 原国务院总理.
HISTORY_MARKERS = ("时任", "原任", "曾任", "前任", "当时", "当年", "彼时", "那年", "生前", "逝世", "去世",
                   "追悼", "纪念", "诞辰", "回忆", "回顾", "历史", "卸任", "离任", "退休", "曾经", "往事",
                   "缅怀", "悼念", "遗体", "任期内", "在任")


def generated_entry(rule: str, term: str, fix: str, reason: str, source: str, **extra) -> Entry:
    return Entry(rule=rule, terms=(term,), pattern=None, fixes=(fix,), reason=reason, source=source,
                 file=f"{GENERATED}:{rule}", extra=extra)



def cn_date(d: date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else ""



@functools.cache
def shipped_entries(file_name: str) -> tuple[Entry, ...]:
    """The entries of one of the shipped list files (sensitive_terms/leaders.toml), whatever
    the configuration selects: what a rule needs to know beyond the matches in a text."""
    from lint.terms.lists import default_list_dirs, parse_list_file

    found: tuple[Entry, ...] = ()
    for d in default_list_dirs():
        path = d / file_name
        if path.is_file():
            found = tuple(parse_list_file(path))
    return found


_QUOTE_STYLES = (("“", "”"), ("\"", "\""), ("‘", "’"), ("「", "」"), ("'", "'"), ("", ""))
_HISTORY_WORDS = ("民国时期", "民国初年", "辛亥", "北洋", "国民政府", "抗日战争", "抗战", "解放战争", "解放前",
                  "1949年以前", "新中国成立前", "清末", "孙中山", "历史上", "回归前", "回归以前", "港英", "澳葡")


def quote_forms(entry: Entry) -> list[Entry]:
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


def misspelt_names(doc: Doc) -> list[TermMatch]:
    """The generated misspellings of leaders' names in the text (ZW101's variants)."""
    return [n for n in doc.matches_for("ZW101") if n.entry.file == f"{GENERATED}:ZW101"
            and n.entry.extra.get("what") == "name"]


def is_historical(doc: Doc, m: TermMatch, until_year: int, words: tuple[str, ...] = ()) -> bool:
    """A sentence about the past: a history word (the shared ones or `words`, an entry's
    own history_words) or a year up to `until_year`."""
    sent = sentence(doc.norm.text, m.norm_start, m.norm_end)
    if has_any(sent, _HISTORY_WORDS) or has_any(sent, words):
        return True
    return any(y <= until_year for y in years_in(sent))


class SeriousTermRule(TermRule):
    """List-driven serious rule: every in-date, in-context match of this rule's entries,
    except correct forms (`canonical`), plus generated misspellings of the correct forms
    and the wrong forms with other quotation marks."""

    severity = "error"
    category = "serious"
    generator_version = "3-" + generator_fingerprint()
    history_until = 1949  # historical_ok: a year up to this one in the sentence (an entry's own history_until wins)
    variant_label = "规范表述"

    def _protected(self, lists) -> frozenset[str]:
        """What a generated misspelling must not be: this rule's terms, and the shipped ones."""
        return frozenset(t for e in lists.entries if e.rule == self.code for t in e.terms) | lists.protected_terms

    def misspelling_forms(self, lists) -> list:
        """(rule, term, written form, Misspellings) of every correct form of this rule."""
        from lint.rules.serious.spelling import misspelling_forms

        protected = self._protected(lists)
        return [row for e in lists.entries if e.rule == self.code and e.extra.get("canonical")
                for row in misspelling_forms(e, protected)]

    def generate_entries(self, lists) -> list[Entry]:
        from lint.rules.serious.spelling import misspelling_entries

        mine = [e for e in lists.entries if e.rule == self.code]
        protected = self._protected(lists)
        out: list[Entry] = []
        for e in mine:
            if e.extra.get("canonical"):
                out.extend(misspelling_entries(e, protected))
            else:
                out.extend(quote_forms(e))
        return out

    def generate_from_extra(self, lists) -> list[Entry]:
        """What an office's own lists (config extra-lists) add: the misspellings of its
        correct forms and the other quotation marks of its wrong forms."""
        return SeriousTermRule.generate_entries(self, lists)

    @only_with_matches
    def check(self, doc: Doc) -> Iterable[Issue]:
        matches = doc.matches_for(self.code)
        if not matches:
            return
        canon = [m for m in matches if m.entry.extra.get("canonical")]
        norm = doc.norm.text
        issues: list[Issue] = []
        misspelt: set[int] = set()  # ids of the findings of misspelt correct forms
        for m in matches:
            extra = m.entry.extra
            if extra.get("canonical") or not m.entry.valid_on(doc.published) or context_allows(doc, m):
                continue
            if extra.get("date_required") and doc.published is None:
                continue  # usage that changed at a known date: judged only for dated posts
            if "canonical_of" in extra:
                if any((c.norm_start <= m.norm_start and m.norm_end <= c.norm_end)
                       or (c.norm_start < m.norm_end and m.norm_start < c.norm_end
                           and extra["canonical_of"] in c.entry.terms
                           and not (m.norm_start <= c.norm_start and c.norm_end <= m.norm_end)) for c in canon):
                    continue  # inside a correct form, or overlapping the form it misspells (not holding
                    # it: 党中央集中统一领导导 holds the correct form and is still a misspelling)
                prev = norm[m.norm_start - 1] if m.norm_start > 0 else ""
                nxt = norm[m.norm_end] if m.norm_end < len(norm) else ""
                if "variant_kinds" in extra:
                    if any(n.norm_start >= m.norm_start and n.norm_end <= m.norm_end
                           for n in misspelt_names(doc)):
                        continue  # 习近乎总书记: ZW101 reports the misspelt name itself
                    if (is_context_kind(extra["variant_kinds"].get(norm[m.norm_start:m.norm_end]))
                            and not in_term_context(norm, m.norm_start, m.norm_end, extra["canonical_of"])):
                        continue  # 文化自性 reads as words: reported where 文化自信 stands (坚定文化自性)
                    if not reads_across(norm, m.norm_start, m.norm_end, extra["canonical_of"]):
                        issues.append(self.misspelling_issue(doc, m))
                        misspelt.add(id(issues[-1]))
                    continue
                if (prev and prev in extra.get("before", "")) or (nxt and nxt in extra.get("after", "")):
                    continue
            if extra.get("historical_ok") and is_historical(doc, m, extra.get("history_until", self.history_until),
                                                            tuple(extra.get("history_words", ()))):
                continue
            issue = self.judge(doc, m)
            if issue is not None:
                issues.append(issue)
        # one finding where a quoted and a bare form of the same entry both match; a misspelt
        # correct form that holds another finding gives way to it (中国式现代话 rather than
        # 以中国式现代话全面推进…, the listed wrong form 人民检查院 rather than 最高人民检查院)
        for i in issues:
            if any(o is not i and o.start <= i.start and i.end <= o.end and (o.end - o.start) > (i.end - i.start)
                   and id(o) not in misspelt for o in issues):
                continue
            if id(i) in misspelt and any(o is not i and i.start <= o.start and o.end <= i.end
                                         and (o.end - o.start) < (i.end - i.start) for o in issues):
                continue
            yield i

    def misspelling_issue(self, doc: Doc, m: TermMatch) -> Issue:
        form = doc.norm.text[m.norm_start:m.norm_end]
        how = (m.entry.extra["variant_kinds"].get(form) or "错字").removesuffix(CONTEXT)
        return Issue(m.start, m.end, f"{self.variant_label}疑似写错：“{doc.text[m.start:m.end]}”应为"
                                     f"“{m.entry.extra['canonical_of']}”（{how}）", m.entry.fixes)

    def judge(self, doc: Doc, m: TermMatch) -> Issue | None:
        return self.issue_for(doc, m)

