"""Cheap context tests every rule family uses on a text (no segmentation, no regex
alternations): the sentence around a span, the years it names, whether a span is quoted."""
from __future__ import annotations

import re

SENTENCE_ENDS = "。！？!?；;\n"
_YEAR = re.compile(r"(1[89]\d\d|20\d\d)\s*年")
QUOTE_PAIRS = {"“": "”", "「": "」", "『": "』", "\"": "\"", "‘": "’", "'": "'", "《": "》"}
# The ASCII apostrophe is no quotation mark for the list-driven rules (it stands in names
# and abbreviations more often than around a term).
QUOTE_PAIRS_NO_APOSTROPHE = {o: c for o, c in QUOTE_PAIRS.items() if o != "'"}


def sentence_bounds(text: str, start: int, end: int | None = None, ends: str = SENTENCE_ENDS,
                    limit: int = 200) -> tuple[int, int]:
    """[s, e) of the sentence holding [start, end): up to `limit` characters each side, up to
    (not including) a character of `ends`."""
    end = start if end is None else end
    s = start
    lo = max(0, start - limit)
    while s > lo and text[s - 1] not in ends:
        s -= 1
    e = end
    hi = min(len(text), end + limit)
    while e < hi and text[e] not in ends:
        e += 1
    return s, e


def sentence(text: str, start: int, end: int | None = None, ends: str = SENTENCE_ENDS,
             limit: int = 200) -> str:
    s, e = sentence_bounds(text, start, end, ends, limit)
    return text[s:e]


def years_in(text: str) -> list[int]:
    if "年" not in text:
        return []
    return [int(m.group(1)) for m in _YEAR.finditer(text)]


def has_any(text: str, words) -> bool:
    return any(w in text for w in words)


def inside_quotes(text: str, start: int, end: int, window: int = 40,
                  pairs: dict[str, str] = QUOTE_PAIRS) -> bool:
    """True when [start, end) sits between an opening and a closing quotation mark (or
    书名号) on its line, each at most `window` characters away. A mark that opens and closes
    alike (") counts as opening when an odd number of them precede the span on the line."""
    s, e = sentence_bounds(text, start, end, "\n", limit=window)
    left = text[s:start]
    right = text[end:e]
    for open_q, close_q in pairs.items():
        i = left.rfind(open_q)
        if i < 0:
            continue
        if open_q == close_q:
            if left.count(open_q) % 2 == 1 and close_q in right:
                return True
            continue
        if close_q in left[i + 1 :]:
            continue
        if close_q in right:
            return True
    return False
