"""Rules whose findings come straight from list entries (vale's `substitution` and
`existence` kinds): every match of an entry with this rule's code is reported, with the
entry's fix and reason, unless the entry is out of date for the post or its context
exceptions apply."""
from __future__ import annotations

from typing import Iterable

from lint.document import Doc
from lint.rules import Issue, Rule, only_with_matches
from lint.terms.matcher import TermMatch
from lint.text.context import QUOTE_PAIRS_NO_APOSTROPHE, inside_quotes

# Quotation marks around a term are looked for up to this many characters away.
QUOTE_WINDOW = 60
# skip_if_preceded_nearby looks this many characters back, not past a clause mark.
NEARBY = 12
_CLAUSE_MARKS = "，,。；;：:！？!?、\n（(）)"


def quoted(text: str, start: int, end: int) -> bool:
    """inside_quotes as the list-driven rules use it (wider window, no apostrophes)."""
    return inside_quotes(text, start, end, QUOTE_WINDOW, QUOTE_PAIRS_NO_APOSTROPHE)


def context_allows(doc: Doc, m: TermMatch) -> bool:
    """Entry-level context exceptions shared by all list-driven rules:
    skip_if_preceded_by / skip_if_followed_by (lists of strings, on normalised text),
    skip_if_preceded_nearby (strings within NEARBY characters before the match in the same
    clause: 原 in 原××县卫计局), quoted_ok (inside quotation marks is fine), word_boundary
    (the match must start and end on jieba word boundaries)."""
    extra = m.entry.extra
    norm = doc.norm.text
    for before in extra.get("skip_if_preceded_by", ()):
        if norm[max(0, m.norm_start - len(before)) : m.norm_start] == before:
            return True
    if "skip_if_preceded_nearby" in extra:
        lead = norm[max(0, m.norm_start - NEARBY) : m.norm_start]
        lead = lead[max(lead.rfind(c) for c in _CLAUSE_MARKS) + 1 :]
        if any(w in lead for w in extra["skip_if_preceded_nearby"]):
            return True
    for after in extra.get("skip_if_followed_by", ()):
        if norm[m.norm_end : m.norm_end + len(after)] == after:
            return True
    if extra.get("quoted_ok") and quoted(doc.text, m.start, m.end):
        return True
    if extra.get("word_boundary") and not doc.on_word_boundaries(m.start, m.end):
        return True
    return False


class TermRule(Rule):
    """Report every in-date, in-context match of this rule's list entries."""

    @only_with_matches
    def check(self, doc: Doc) -> Iterable[Issue]:
        for m in doc.matches_for(self.code):
            if not m.entry.valid_on(doc.published) or context_allows(doc, m):
                continue
            yield self.issue_for(doc, m)

    def issue_for(self, doc: Doc, m: TermMatch) -> Issue:
        entry = m.entry
        found = doc.text[m.start : m.end]
        message = entry.reason or f"“{found}”"
        if entry.fixes:
            message = f"{message}（建议：{'、'.join(entry.fixes)}）" if entry.reason else f"“{found}”应为“{entry.fixes[0]}”"
        return Issue(m.start, m.end, message, entry.fixes, severity=entry.severity,
                     fix_safe=entry.fix_safe or None)
