"""Cheap context tests on the normalised text (no segmentation, no regex alternations)."""
from __future__ import annotations

import re

SENTENCE_ENDS = "。！？!?；;\n"
CLAUSE_ENDS = SENTENCE_ENDS + "，,："
_YEAR = re.compile(r"(1[89]\d\d|20\d\d)\s*年")
QUOTE_PAIRS = {"“": "”", "「": "」", "『": "』", "\"": "\"", "‘": "’", "'": "'", "《": "》"}

# Words that put a title or a name in the past: 时任国务院总理李克强, 原国务院总理.
HISTORY_MARKERS = ("时任", "原任", "曾任", "前任", "当时", "当年", "彼时", "那年", "生前", "逝世", "去世",
                   "追悼", "纪念", "诞辰", "回忆", "回顾", "历史", "卸任", "离任", "退休", "曾经", "往事",
                   "缅怀", "悼念", "遗体", "任期内", "在任")


def sentence_bounds(text: str, start: int, end: int | None = None, ends: str = SENTENCE_ENDS,
                    limit: int = 200) -> tuple[int, int]:
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


def sentence(text: str, start: int, end: int | None = None, ends: str = SENTENCE_ENDS) -> str:
    s, e = sentence_bounds(text, start, end, ends)
    return text[s:e]


def years_in(text: str) -> list[int]:
    if "年" not in text:
        return []
    return [int(m.group(1)) for m in _YEAR.finditer(text)]


def has_any(text: str, words) -> bool:
    return any(w in text for w in words)


def inside_quotes(text: str, start: int, end: int, window: int = 40) -> bool:
    """True when [start, end) sits between an opening and a closing quotation mark (or
    书名号) on its sentence."""
    s, e = sentence_bounds(text, start, end, "\n", limit=window)
    left = text[s:start]
    right = text[end:e]
    for open_q, close_q in QUOTE_PAIRS.items():
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
