"""Generating misspelt variants of leaders' names and titles (the key terms and organ
names use lint/rules/serious/spelling.py, which builds on this module).

A variant replaces one character by a homophone (same pinyin, tone ignored: pinyin
input methods ignore tones) or a character of similar shape. The confusion data comes from
what pycorrector ships (same_pinyin.txt, same_stroke.txt, common_char_set.txt,
person_name.txt), as the derived table lint/data/derived/pycorrector.msgpack.xz holds it
(lint.derived; pycorrector itself is not needed), and from pypinyin. Variants that are real
words or names are dropped using jieba's dict.txt frequencies and pycorrector's person names,
so that a generated entry almost never matches correct text.
"""
from __future__ import annotations

import functools
import importlib.util
import os
from dataclasses import dataclass

from lint.cache import cache_dir

# A word of the dictionary at least this frequent, spanning the changed character and
# not part of the correct form, makes a variant ambiguous (中国是现代化 vs 中国式现代化).
WORD_FREQ_MIN = 5
# Characters never used as substitutes: grammatical words whose insertion makes text
# that is usually correct (的/地/得, 是/式, 在/再 ...).
FUNCTION_CHARS = set("的地得了着过是在再和与及或也又就都而且之其这那个些么吗呢吧啊一不有无为于以")


def _data_dir(package: str, sub: str = "") -> str | None:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    return os.path.join(list(spec.submodule_search_locations)[0], sub)


def _read_lines(path: str | None) -> list[str]:
    if not path or not os.path.isfile(path):
        return []
    with open(path, encoding="utf-8") as fh:
        return fh.read().splitlines()


@dataclass
class ConfusionData:
    common: frozenset[str]
    homophones: dict[str, frozenset[str]]
    shapes: dict[str, frozenset[str]]
    words: dict[str, int]  # jieba dict.txt word -> frequency
    names: frozenset[str]  # pycorrector person names

    def candidates(self, ch: str) -> dict[str, str]:
        """Substitutes for `ch`, each with why ("同音" / "形近")."""
        out: dict[str, str] = {}
        for c in self.shapes.get(ch, ()):
            out[c] = "形近"
        for c in self.homophones.get(ch, ()):
            out[c] = "同音"
        out.pop(ch, None)
        return {c: why for c, why in out.items() if c in self.common and c not in FUNCTION_CHARS}

    def is_word(self, text: str, min_freq: int = 1) -> bool:
        return self.words.get(text, 0) >= min_freq


_CONFUSION_VERSION = "1"


def _source_files() -> list[str]:
    from lint.derived import table_path

    jdir = _data_dir("jieba") or ""
    return [table_path("pycorrector"), os.path.join(jdir, "dict.txt")]


SHIPPED_NAME = "confusion-data"  # lint/data/derived/confusion-data.pickle.xz and .json


def confusion_key() -> str:
    """A hash of what the confusion data is built from (bump _CONFUSION_VERSION when
    _build_confusion_data changes: the test of the shipped data fails until then)."""
    from importlib.metadata import version

    from lint.derived import content_key

    return content_key(_CONFUSION_VERSION, __name__, version("pypinyin"), files=_source_files())


@functools.cache
def confusion_data() -> ConfusionData:
    """The confusion data: from the on-disk cache, else shipped ready-built, else built
    (parsing jieba's 350,000-word dictionary and running pypinyin over 3,500 characters) and
    cached."""
    from lint.derived import cached_or_shipped

    key = confusion_key()
    return cached_or_shipped(os.path.join(cache_dir(), f"confusion-{key}.pickle"), SHIPPED_NAME, key,
                             _build_confusion_data)


def _build_confusion_data() -> ConfusionData:
    from lint.derived import load_table

    table = load_table("pycorrector")
    common = frozenset(table["common_chars"])
    homophones: dict[str, set[str]] = {}
    for ch, same, _other_tone in table["same_pinyin"]:
        homophones.setdefault(ch, set()).update(same)
    # pypinyin: every reading of every common character, tones dropped (input methods
    # type toneless pinyin, so 近/进/金 are all one keystroke sequence away).
    from pypinyin import Style, pinyin

    by_sound: dict[str, set[str]] = {}
    sounds_of: dict[str, list[str]] = {}
    for ch in common:
        readings = pinyin(ch, style=Style.NORMAL, heteronym=True)[0]
        sounds_of[ch] = readings
        for r in readings:
            by_sound.setdefault(r, set()).add(ch)
    for ch, readings in sounds_of.items():
        group = homophones.setdefault(ch, set())
        for r in readings:
            group.update(by_sound.get(r, ()))
    shapes: dict[str, set[str]] = {}
    for line in table["same_stroke"]:
        chars = list(line)
        if len(chars) < 2:
            continue
        head, rest = chars[0], chars[1:]
        shapes.setdefault(head, set()).update(rest)
        for c in rest:
            shapes.setdefault(c, set()).add(head)
    words: dict[str, int] = {}
    jdir = _data_dir("jieba")
    for line in _read_lines(jdir and os.path.join(jdir, "dict.txt")):
        parts = line.split(" ")
        if len(parts) >= 2 and 2 <= len(parts[0]) <= 6:
            try:
                words[parts[0]] = int(parts[1])
            except ValueError:
                pass
    names = frozenset(table["person_names"].split("\n"))
    return ConfusionData(
        common=common,
        homophones={k: frozenset(v) for k, v in homophones.items()},
        shapes={k: frozenset(v) for k, v in shapes.items()},
        words=words,
        names=names,
    )


@dataclass(frozen=True)
class Variant:
    text: str
    canonical: str
    position: int  # index of the changed character in the canonical form
    why: str  # 同音 / 形近 / 漏字


def _spans_new_word(data: ConfusionData, variant: str, canonical: str, pos: int, width: int = 1) -> bool:
    """True when a dictionary word (2-4 chars) covering the changed position exists in
    the variant and is not part of the canonical form."""
    n = len(variant)
    for size in range(2, 5):
        for s in range(max(0, pos - size + 1), min(pos + width, n - size + 1)):
            if s < 0:
                continue
            piece = variant[s : s + size]
            if len(piece) == size and data.is_word(piece, WORD_FREQ_MIN) and piece not in canonical:
                return True
    return False


def substitution_variants(canonical: str, *, kind: str, data: ConfusionData | None = None,
                          protected: frozenset[str] = frozenset()) -> list[Variant]:
    """One-character substitutions of `canonical`.

    kind="name": a person's name; the variant is dropped when it is a dictionary word
    or a known person's name, or when the unchanged part is a word on its own and the
    change is at an end (宗书记: 宗 + 书记).
    kind="phrase": a title or formulation; the variant is dropped when the change
    creates a dictionary word that the correct form does not contain.
    """
    data = data or confusion_data()
    out: list[Variant] = []
    seen: set[str] = set()
    for i, ch in enumerate(canonical):
        if not ("\u4e00" <= ch <= "\u9fff"):
            continue
        for sub, why in sorted(data.candidates(ch).items()):
            v = canonical[:i] + sub + canonical[i + 1 :]
            if v in seen or v in protected or v == canonical:
                continue
            if data.is_word(v) or v in data.names:
                continue
            rest = canonical[1:] if i == 0 else canonical[:-1] if i == len(canonical) - 1 else ""
            if rest and len(rest) >= 2 and data.is_word(rest, 50) and kind != "name":
                continue
            if kind != "name" and _spans_new_word(data, v, canonical, i):
                continue
            seen.add(v)
            out.append(Variant(v, canonical, i, why))
    return out


@functools.cache
def neighbour_index(min_freq: int = 50) -> tuple[dict[str, str], dict[str, str]]:
    """For each character c: the characters x such that x+c is a common two-character
    word (index 0), and those such that c+x is (index 1)."""
    data = confusion_data()
    ends: dict[str, set[str]] = {}
    starts: dict[str, set[str]] = {}
    for w, f in data.words.items():
        if f < min_freq or len(w) != 2:
            continue
        ends.setdefault(w[1], set()).add(w[0])
        starts.setdefault(w[0], set()).add(w[1])
    return ({k: "".join(sorted(v)) for k, v in ends.items()},
            {k: "".join(sorted(v)) for k, v in starts.items()})


def bad_neighbours(variant: str) -> tuple[str, str]:
    """Characters that, written just before (after) the variant, form a common word with
    its first (last) character: 学 + 习近乎 reads 学习 + 近乎, not a misspelt name."""
    ends, starts = neighbour_index()
    return ends.get(variant[0], ""), starts.get(variant[-1], "")


def neighbour_guard(variant: str, canonical: str) -> tuple[str, str]:
    """bad_neighbours, kept only where the text could read as other words: the changed
    character is at that end (心发展理念 after 中), or the rest of the variant is a word
    by itself (学 + 习近乎 = 学习 + 近乎)."""
    data = confusion_data()
    before, after = bad_neighbours(variant)
    changed = [i for i, (a, b) in enumerate(zip(variant, canonical)) if a != b] if len(variant) == len(canonical) else [-1]
    first_changed = bool(changed) and changed[0] == 0
    last_changed = bool(changed) and changed[-1] == len(variant) - 1
    if not (first_changed or data.is_word(variant[1:], 5)):
        before = ""
    if not (last_changed or data.is_word(variant[:-1], 5)):
        after = ""
    return before, after
