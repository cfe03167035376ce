"""Numbered formulations (四个意识, 两个维护, 五位一体 …): the forms people get wrong, generated
from the entries that carry `members` (sensitive_terms/formulations.toml,
keyterms_numbered.toml), and the check of their members where they are written out.

Generated when the lists are compiled (wrong forms with their fix, for ZW104):
- the wrong count in the name, where the name stands with its verb or its head word
  (增强“三个意识”, “四位一体”总体布局, “三个确立”的决定性意义): `verb`, `heads`;
- the wrong verb (坚定“两个维护”, 做到“四个意识”): `wrong_verbs`;
- the name misspelt inside quotation marks (“五位一休”, “四个自新”): in quotation marks the
  name cannot be another word, so every one-character substitution of its non-numeral
  characters is a misspelling.
Checked in the text: an enumeration of the members with one member replaced
(政治意识、大局意识、核心意识、服从意识 -> 看齐意识), whether or not the name stands next to it.
"""
from __future__ import annotations

import functools
import itertools
from typing import Iterable

from lint.document import Analysis, Doc
from lint.rules import Issue
from lint.terms.lists import Entry

NUMERALS = "一两二三四五六七八九十"
QUOTES = (("“", "”"), ("\"", "\""), ("", ""))
SEPARATORS = "、，,；;"
QUOTE_CHARS = "“”\"‘’'「」"


@functools.cache
def numbered_formulations() -> tuple[Entry, ...]:
    """The shipped formulations that list their members, in every list file."""
    from lint.terms.lists import load_lists

    return tuple(e for e in load_lists().entries if e.rule == "ZW104" and e.extra.get("members"))


def _name(e: Entry) -> str:
    return e.extra.get("name") or e.terms[0]


@functools.cache
def _words_automaton():
    """One automaton over every member, former member and name of the numbered formulations."""
    import daachorse

    words = sorted({w for e in numbered_formulations()
                    for w in (*e.extra["members"], *e.extra.get("old_members", ()), e.extra.get("name"), e.terms[0])
                    if w})
    return daachorse.CharwiseDoubleArrayAhoCorasick(words), words


def _words_in(doc: Doc) -> frozenset[str]:
    automaton, words = _words_automaton()
    return frozenset(words[k] for _, _, k in automaton.find_overlapping(doc.norm.text))


def _words_in_each(docs: list[Doc]) -> list[frozenset[str]]:
    """_words_in of each text, in one scan of the texts joined by U+0000 (in no word)."""
    automaton, words = _words_automaton()
    texts = [d.norm.text for d in docs]
    firsts = list(itertools.accumulate((len(t) + 1 for t in texts), initial=0))
    found: list[set[str]] = [set() for _ in texts]
    k = 0
    for start, _end, w in automaton.find_overlapping("\x00".join(texts)):  # in the order of the texts
        while start >= firsts[k + 1]:
            k += 1
        found[k].add(words[w])
    return [frozenset(f) for f in found]


# Which of those words the normalised text contains (`w in norm` for each, in one scan): most
# texts contain none or one, and then no formulation needs a closer look.
WORDS_PRESENT = Analysis("numbered formulation words", _words_in, batch=_words_in_each)


def _wrong(rule: str, term: str, fix: str, reason: str, source: str, severity: str | None = None) -> Entry:
    return Entry(rule=rule, terms=(term,), pattern=None, fixes=(fix,), reason=reason, source=source,
                 file=f"generated:{rule}", severity=severity, extra={"numbered": True})


def generated_entries(entries: list[Entry], protected: frozenset[str]) -> list[Entry]:
    """Wrong counts, wrong verbs and misspelt names of the numbered formulations among
    `entries` (those with a `name` made of a numeral and words)."""
    from lint.rules.serious.spelling import substitutes
    from lint.rules.serious.variants import confusion_data

    data = confusion_data()
    names = {_name(e) for e in entries if e.extra.get("members") or e.extra.get("kind") == "numbered"}
    taken = protected | names
    out: list[Entry] = []
    seen: set[str] = set(protected)

    def add(term: str, fix: str, reason: str, source: str, severity: str | None = None) -> None:
        if term not in seen:
            seen.add(term)
            out.append(_wrong("ZW104", term, fix, reason, source, severity))

    for e in entries:
        name = e.extra.get("name")
        if not name or not any(c in NUMERALS for c in name[:2]):
            continue
        verb = e.extra.get("verb")
        heads = list(e.extra.get("heads", ()))
        src = f"由“{name}”生成；{e.source}"
        # the wrong count, next to the verb or the head word
        for n in NUMERALS:
            if n == name[0] or name[0] not in NUMERALS:
                continue
            wrong = n + name[1:]
            if wrong in taken or f"“{wrong}”" in taken or (n == "二" and name[1] == "个"):
                continue
            reason = f"数字错误：规范表述是“{name}”，不是“{wrong}”"
            for a, b in QUOTES:
                if verb:
                    add(f"{verb}{a}{wrong}{b}", f"{verb}“{name}”", reason, src)
                for head in heads:
                    add(f"{a}{wrong}{b}{head}", f"“{name}”{head}", reason, src)
        # the wrong verb
        for wv in e.extra.get("wrong_verbs", ()):
            for a, b in QUOTES:
                add(f"{wv}{a}{name}{b}", f"{verb}“{name}”",
                    f"搭配错误：规范搭配是“{verb}“{name}””，不是“{wv}“{name}””", src, "warning")
        # the name misspelt inside quotation marks
        for i, ch in enumerate(name):
            if ch in NUMERALS or not ("\u4e00" <= ch <= "\u9fff"):
                continue
            for sub in substitutes(ch, data):
                wrong = name[:i] + sub + name[i + 1:]
                if wrong in taken:
                    continue
                for a, b in QUOTES[:2]:
                    add(f"{a}{wrong}{b}", f"“{name}”", f"重要政治表述疑似写错：“{wrong}”应为“{name}”", src)
                for head in heads:
                    add(f"{wrong}{head}", f"{name}{head}", f"重要政治表述疑似写错：“{wrong}”应为“{name}”", src)
    return out


def _items(norm: str, start: int, separators: str = SEPARATORS) -> tuple[int, list[tuple[int, int]]]:
    """The enumeration around position `start`: the spans of its items, separated by 、，；
    (和/及 inside an item are kept; by ，； only where the members hold 、 themselves: 务必不忘初心、
    牢记使命，务必谦虚谨慎、艰苦奋斗), within the sentence."""
    lo = start
    while lo > 0 and norm[lo - 1] not in "。！？!?\n：:（(":
        lo -= 1
    hi = start
    while hi < len(norm) and norm[hi] not in "。！？!?\n（(":
        hi += 1
    spans = []
    s = lo
    for k in range(lo, hi + 1):
        if k == hi or norm[k] in separators:
            a, b = s, k
            while a < b and norm[a] in QUOTE_CHARS:
                a += 1
            while b > a and norm[b - 1] in QUOTE_CHARS:
                b -= 1
            if b > a:
                spans.append((a, b))
            s = k + 1
    return lo, spans


def _matches(item: str, member: str, first: bool, last: bool) -> bool:
    if item == member:
        return True
    if first and item.endswith(member):
        return True  # 坚持创新 (the verb of the sentence on the first item)
    if last and item.startswith(member):
        return True  # 共享的新发展理念
    return False


def _similar(item: str, member: str) -> bool:
    """A phrase written in a member's place: about as long, a third of its characters shared
    (服从意识 for 看齐意识, 法制 for 法治, 稳增长 for 稳预期), or the member shortened with its first
    and last two characters kept (生态建设 for 生态文明建设)."""
    if abs(len(item) - len(member)) <= 1 and 3 * len(set(item) & set(member)) >= len(member):
        return True
    return 4 <= len(item) < len(member) and item[:2] == member[:2] and item[-2:] == member[-2:]


def _split_last_and(norm: str, spans: list[tuple[int, int]], members: list[str]) -> list[tuple[int, int]]:
    """The spans with an item that joins the last two members by 和/及 (社会建设和生态文明建设)
    split in two; an item that is a member itself (巩固和发展…) is kept whole."""
    out = []
    for a, b in spans:
        item = norm[a:b]
        k = max(item.rfind("和"), item.rfind("及"))
        if 0 < k < len(item) - 1 and item not in members:
            out.extend(((a, a + k), (a + k + 1, b)))
        else:
            out.append((a, b))
    return out


def _replaced_span(item: str, member: str, first: bool, last: bool) -> tuple[int, int] | None:
    """Where in `item` a phrase like `member` stands in its place: the whole item, or, for the
    first item, its end (坚持服从意识), for the last, its start (生活富足的总要求)."""
    if _similar(item, member):
        return 0, len(item)
    n = len(member)
    # a piece of a longer item: half of the member's characters in their places (生活富足 for
    # 生活富裕, not 加快全面建设 for 生态文明建设)
    # or, for the last, a phrase like it that starts like it, followed by more words (稳增长工作 for
    # 稳预期; not 加快全面建设小康社会 for 生态文明建设)
    if last and len(item) > n and item[:n] != member and (
            _in_place(item[:n], member) or (_similar(item[:n], member) and item[0] == member[0])):
        return 0, n
    if first and len(item) > n and item[-n:] != member and _in_place(item[-n:], member):
        return len(item) - n, len(item)
    return None


def _in_place(piece: str, member: str) -> bool:
    return 2 * sum(a == b for a, b in zip(piece, member)) >= len(member) and piece[0] == member[0]


def wrong_members(doc: Doc) -> Iterable[Issue]:
    """A formulation written out with one member replaced by another phrase like it
    (政治意识、大局意识、核心意识、服从意识; 享乐主义和奢侈之风), with or without its name next to it."""
    words = doc.analysis(WORDS_PRESENT)
    if len(words) < 2:
        return
    norm = doc.norm.text
    for e in numbered_formulations():
        members = list(e.extra["members"])
        old = list(e.extra.get("old_members", ())) or members
        n = len(members)
        if n < 3:
            continue
        present = [mb for mb in members if mb in words]
        if len(present) != n - 1:
            continue
        missing = next(mb for mb in members if mb not in present)
        anchor = norm.find(present[0])
        _, whole = _items(norm, anchor, SEPARATORS.replace("、", "") if any("、" in mb for mb in members) else SEPARATORS)
        found = None
        for spans in (whole, _split_last_and(norm, whole, members)):
            texts = [norm[a:b] for a, b in spans]
            for w in range(len(spans) - n + 1):
                window = texts[w : w + n]
                bad = [k for k in range(n) if not (_matches(window[k], members[k], k == 0, k == n - 1)
                                                    or _matches(window[k], old[k], k == 0, k == n - 1))]
                if len(bad) != 1 or members[bad[0]] != missing:
                    continue
                k = bad[0]
                item = window[k]
                where = _replaced_span(item, missing, k == 0, k == n - 1)
                if where is None or item in members or item in old:
                    continue
                a = spans[w + k][0] + where[0]
                found = (a, spans[w + k][0] + where[1])
                break
            if found:
                break
        if found:
            a, b = found
            item = norm[a:b]
            s, t = doc.norm.span_to_original(a, b)
            joint = "；" if any("、" in mb for mb in members) else "、"
            yield Issue(s, t, f"“{item}”不属于“{_name(e)}”，应为“{missing}”（{joint.join(members)}）", [missing])
