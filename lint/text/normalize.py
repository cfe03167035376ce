"""Normalisation for matching, with a map back to the original offsets.

Two steps, both cheap:
1. fold: a one-to-one character mapping (full width -> half width, upper -> lower case,
   traditional -> simplified by OpenCC's character table). Lengths do not change, so
   offsets in the folded text are offsets in the original.
2. squeeze: filler characters put between the Han characters of a term to dodge
   filters (习 近 平, 习*近*平, 习·近·平) are removed; an OffsetMap records the shift.

Texts of ARRAY_MIN_CHARS characters or more go through lint.text.normalize_arrays, which
computes the same result with numpy table lookups on the UTF-16 code units (~3x faster
on megabytes of text); shorter texts, and text with characters outside the BMP, take the
str path below (regex fold, one regex split), which has less fixed cost per call.
"""
from __future__ import annotations

import functools
import re
from itertools import accumulate

from lint.text.offsets import OffsetMap

FOLD_VERSION = "1"

_FILLERS = " \t\u3000\u00a0\u2002\u2003\u200b*＊·・•‧∙_~～"
# The standard library's re is used on the hot path: with large character classes it
# scans ~200x faster than the regex module (benchmarks/bench_matching.py).
_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
# A filler run with a Han character on both sides. The pattern starts with the filler
# class so that re scans for it with its fast character-set search, and checks the Han
# character before it with a lookbehind only there (twice as fast as starting with [Han]).
_F = re.escape(_FILLERS)
_FILLER_RUN = re.compile(f"[{_F}](?<=[{_HAN}][{_F}])[{_F}]*(?=[{_HAN}])")
_FILLER_SPLIT = re.compile(f"({_FILLER_RUN.pattern})")


def _traditional_to_simplified_chars() -> dict[str, str]:
    """Single-character t2s pairs of OpenCC (the derived table lint/data/derived/opencc_t2s)."""
    from lint.derived import load_table

    pairs = load_table("opencc_t2s")["pairs"]
    return {pairs[i]: pairs[i + 1] for i in range(0, len(pairs), 2)}


@functools.cache
def fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    # Full-width punctuation is left alone: it is the norm in Chinese text and folding it
    # would make every text pay for a full translate.
    for code in range(ord("０"), ord("９") + 1):
        table[code] = chr(code - 0xFEE0)
    for code in range(ord("ａ"), ord("ｚ") + 1):
        table[code] = chr(code - 0xFEE0)
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = chr(code + 32)
    for code in range(ord("Ａ"), ord("Ｚ") + 1):
        table[code] = chr(code - 0xFEE0 + 32)
    for trad, simp in _traditional_to_simplified_chars().items():
        table[ord(trad)] = simp
    return table


@functools.cache
def _foldable_pattern() -> "re.Pattern":
    chars = "".join(chr(c) for c in sorted(fold_table()))
    return re.compile("[" + re.escape(chars) + "]")


def fold(text: str) -> str:
    """One-to-one character folding; the result has the same length as the input."""
    pattern = _foldable_pattern()
    first = pattern.search(text)
    if first is None:  # most posts: one scan and done
        return text
    table = fold_table()
    # Traditional-character text folds nearly every character: translate it whole;
    # simplified text has a few upper-case letters at most: replace just those.
    start = first.start()
    window = min(len(text) - start, 2000)
    if len(pattern.findall(text, start, start + window)) * 20 > window:
        return text.translate(table)
    return pattern.sub(lambda m: table[ord(m.group())], text)


def fold_term(term: str) -> str:
    """How a list term is prepared so that it matches normalised text."""
    return normalize(term).text


_UNSET = object()


class NormalizedText:
    """`folded` has the original's offsets; `text` is folded and squeezed, `offsets`
    maps positions in `text` back to the original. `utf16()` is `text` as UTF-16-LE
    bytes, what the matcher scans (None when the text has characters outside the BMP).
    The array normaliser makes the bytes first and decodes `text` only when a rule asks."""

    __slots__ = ("original", "folded", "offsets", "_text", "_utf16")

    def __init__(self, original: str, folded: str, text: str | None, offsets: OffsetMap, utf16=_UNSET):
        self.original = original
        self.folded = folded
        self.offsets = offsets
        self._text = text
        self._utf16 = utf16

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = self._utf16.decode("utf-16-le")
        return self._text

    def utf16(self) -> bytes | None:
        if self._utf16 is _UNSET:
            data = self._text.encode("utf-16-le")
            self._utf16 = data if len(data) == 2 * len(self._text) else None
        return self._utf16

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.span_to_source(start, end)

    def __repr__(self) -> str:
        return f"NormalizedText(original={self.original!r}, text={self.text!r})"


# Below this many characters the str path is faster (each numpy call costs ~1 us).
ARRAY_MIN_CHARS = 2048


def normalize(original: str) -> NormalizedText:
    if len(original) >= ARRAY_MIN_CHARS:
        from lint.text.normalize_arrays import normalize_arrays

        norm = normalize_arrays(original)
        if norm is not None:
            return norm
    return normalize_str(original)


def normalize_str(original: str) -> NormalizedText:
    """The str path: a regex fold and one regex split; any text."""
    folded = fold(original)
    parts = _FILLER_SPLIT.split(folded)  # kept piece, removed run, kept piece, ...
    if len(parts) == 1:
        return NormalizedText(original, folded, folded, OffsetMap.identity())
    kept = parts[0::2]
    # Piece k starts in the squeezed text after the kept pieces before it, and in the
    # original after those and the removed runs before it.
    derived = list(accumulate(map(len, kept)))
    source = list(accumulate(map(len, parts)))[1::2]
    offsets = OffsetMap([0] + derived[:-1], [0] + source)
    return NormalizedText(original, folded, "".join(kept), offsets)
