"""The typo model: what the typo rules read, derived once from data zwlint's dependencies
ship (build.py says which and how).

The derived TypoModel (a dict of ~450k words, a character-wise double-array Aho-Corasick
automaton over them, the confusion sets, an index of idiom variants, the character
trigram counts, and numpy tables of the candidates, bigrams and masked idioms for the rules
that screen a whole text at once) ships ready-built in the package (lint/data/derived/typo-model.*, written by
tools/build_derived_data.py): the first run copies it into lint.cache.cache_dir(), later runs
load it from there in ~0.4 s. When its key (model_key: the code and the source files) differs
from the shipped one's (a dictionary or build.py changed), it is built on first use (~20 s) and
cached. `python -m lint.rules.typo.build` builds it into the cache and prints its statistics.
"""
from __future__ import annotations

import array
import functools
import itertools
import math
import os
from dataclasses import dataclass, field

import numpy as np

from lint.cache import cache_dir

MODEL_VERSION = "7"

# The hundred most common Chinese surnames (公安部户籍人口统计), for the name heuristics.
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
    "魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛"
    "郝龚邵万钱覃武戴孔汤庞樊兰殷施陶洪翟安颜倪严牛温芦季俞章鲁葛伍申尤毕聂柴焦向柳邢岳齐"
)


def is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


@functools.cache
def is_simplified_char(ch: str) -> bool:
    """True for a character of the GB2312 set (the simplified characters in common use)."""
    try:
        ch.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


@dataclass
class CharLM:
    """Character trigram counts over Han runs, "^" and "$" marking a run's edges.

    Characters are code points and n-grams packed integers (a << 16 | b, a << 32 | b << 16 | c):
    integer keys load twice as fast as strings and need no string building to look up.
    logp is an interpolation of the trigram, bigram and unigram relative frequencies (no
    discounting: the model only ever compares two strings that differ in one character)."""

    uni: dict[int, int]
    bi: dict[int, int]
    tri: dict[int, int]
    total: int
    weights: tuple[float, float, float] = (0.6, 0.3, 0.1)

    def logp(self, h2: int, h1: int, c: int) -> float:
        w3, w2, w1 = self.weights
        p = w1 * (self.uni.get(c, 0) + 0.1) / self.total
        b = self.uni.get(h1)
        if b:
            p += w2 * self.bi.get(h1 << 16 | c, 0) / b
            t = self.bi.get(h2 << 16 | h1)
            if t:
                p += w3 * self.tri.get(h2 << 32 | h1 << 16 | c, 0) / t
        return math.log(p)

    def count(self, ngram: str) -> int:
        """The corpus count of a string of one to three characters."""
        key = 0
        for ch in ngram:
            key = key << 16 | ord(ch)
        return {1: self.uni, 2: self.bi, 3: self.tri}[len(ngram)].get(key, 0)


# Below this many keys PackedTable.lookup probes key by key in Python: numpy's fixed cost per
# call (about a microsecond, a dozen calls a lookup) is more than the probes cost.
SMALL_LOOKUP = 32
_MULTIPLIER_INT = 0x9E3779B97F4A7C15


class PackedTable:
    """A hash table from packed integer keys (characters as 16-bit fields: a << 16 | b) to
    counts, looked up for a whole array of keys at once: open addressing with linear probing,
    a third of the slots used. A lookup is a few numpy passes, about four times faster than a
    binary search in sorted keys (benchmarks/packed_lookup.py)."""

    _MULTIPLIER = np.uint64(_MULTIPLIER_INT)  # 2^64 / golden ratio (Fibonacci hashing)

    def __init__(self, items: dict[int, int], dtype=np.uint64):
        bits = max(4, (3 * len(items)).bit_length())
        self.mask = (1 << bits) - 1
        self.empty = np.iinfo(dtype).max  # a key no string of characters packs to (U+FFFF)
        self.slots = np.full(self.mask + 1, self.empty, dtype=dtype)
        self.counts = np.zeros(self.mask + 1, dtype=np.int32)
        keys = np.fromiter(items.keys(), dtype=dtype, count=len(items))
        for key, at in zip(keys.tolist(), self._first_slots(keys).tolist()):
            while self.slots[at] != self.empty:
                at = (at + 1) & self.mask
            self.slots[at] = key
            self.counts[at] = min(items[key], 2**31 - 1)

    def _count(self, key: int) -> int:
        """lookup() of one key in plain Python: a numpy call costs more than a short probe."""
        at = ((key * _MULTIPLIER_INT) & 0xFFFFFFFFFFFFFFFF) >> (64 - self.mask.bit_length())
        slots, empty = self.slots, self.empty
        while True:
            found = slots.item(at)
            if found == key:
                return self.counts.item(at)
            if found == empty:
                return 0
            at = (at + 1) & self.mask

    def _first_slots(self, keys):
        shift = np.uint64(64 - self.mask.bit_length())
        return ((keys.astype(np.uint64) * self._MULTIPLIER) >> shift).astype(np.int64)

    def lookup(self, keys):
        """The counts of `keys` (an integer array), 0 for the absent."""
        keys = np.asarray(keys, dtype=self.slots.dtype)
        if len(keys) <= SMALL_LOOKUP:
            return np.array([self._count(k) for k in keys.tolist()], dtype=np.int64)
        at = self._first_slots(keys)
        counts = np.zeros(len(keys), dtype=np.int64)
        pending = np.arange(len(keys))
        while len(pending):
            found = self.slots[at]
            hit = found == keys[pending]
            counts[pending[hit]] = self.counts[at[hit]]
            unresolved = ~hit & (found != self.empty)
            pending = pending[unresolved]
            at = (at[unresolved] + 1) & self.mask
        return counts


CONFUSION_KINDS = ("音同", "形近", "音近")


@dataclass
class ConfusionTable:
    """Every character's confusable characters that the corpus has, as flat numpy arrays, so
    that detect.context_confusions can screen all the candidates of a text in a few array
    operations. Arrays indexed by code point have 65,536 entries: the rules only look at Han
    characters of the basic plane."""

    start: object  # code point -> index of its first candidate
    count: object  # code point -> number of candidates
    code: object  # candidate -> its code point; a character's candidates most frequent first
    log_u: object  # candidate -> log(corpus count + 1)
    kind: object  # candidate -> index in CONFUSION_KINDS
    paired: object  # candidate -> the pair is listed in dictionaries/typos_confusable_pairs.txt
    uni: object  # code point -> corpus count
    char_freq: object  # code point -> lexicon frequency of the character on its own
    bigrams: PackedTable  # CharLM.bi
    entry_of: PackedTable  # (character << 16 | candidate) -> its candidate index + 1


def pack(s: str) -> int:
    """A string of up to four characters of the basic plane as one integer, 16 bits a
    character ("*" packs to 0: a masked character)."""
    key = 0
    for ch in s:
        key = key << 16 | (0 if ch == "*" else ord(ch))
    return key


@dataclass
class TypoModel:
    freq: dict[str, int]  # word -> frequency (jieba scale)
    total: int
    names: frozenset  # person and place names (jieba nr*/ns, pycorrector person_name)
    idioms: dict[str, int]  # 4-character idioms (jieba pos i) -> frequency
    idiom_masks: dict[str, tuple[str, ...]]  # idiom with one character masked as "*" -> idioms
    homophones: dict[str, str]  # same pinyin, same tone
    homophones_tone: dict[str, str]  # same pinyin, another tone
    shapes: dict[str, str]  # similar shape
    confmap: dict[str, dict[str, str]] = field(default_factory=dict)  # char -> confusable char -> kind
    targets: dict[str, str] = field(default_factory=dict)  # word with one char masked as "*" -> the chars
    automaton: object = None  # CharwiseDoubleArrayAhoCorasick over words of >= 2 characters
    # automaton pattern id -> the word's frequency, and whether it is a name (arrays load at once)
    word_freq: array.array = field(default_factory=lambda: array.array("i"))
    word_named: bytes = b""
    log_total: float = 0.0
    lm: CharLM | None = None
    idiom_mask_table: PackedTable | None = None  # the idiom_masks, packed (pack)
    common_pairs: frozenset = frozenset()  # (written, meant) pairs editors often confuse
    confusion_table: ConfusionTable | None = None  # for ZW207

    def __getstate__(self) -> dict:
        # the word list as one string and the names as a mask over it: a third faster to load
        # than a pickled dict and set of 360,000 strings
        state = self.__dict__.copy()
        state.pop("_replacements", None)
        words = list(self.freq)
        state["freq"] = ("\n".join(words), array.array("q", self.freq.values()))
        state["names"] = bytes(w in self.names for w in words)
        return state

    def __setstate__(self, state: dict) -> None:
        joined, counts = state["freq"]
        words = joined.split("\n")
        state["freq"] = dict(zip(words, counts))
        state["names"] = frozenset(itertools.compress(words, state["names"]))
        self.__dict__.update(state)

    def replacements(self, word: str) -> tuple[tuple[int, str], ...]:
        """(k, chars) for the characters of `word` that have confusable characters making another
        word of the masked-word index in their place (记念: ((0, "纪"),)); memoised, the same
        words recur."""
        memo = self.__dict__.setdefault("_replacements", {})
        found = memo.get(word)
        if found is None:
            found = []
            for k, ch in enumerate(word):
                confusable = self.confmap.get(ch, ())
                chars = "".join(c for c in self.targets.get(word[:k] + "*" + word[k + 1 :], "") if c in confusable)
                if chars:
                    found.append((k, chars))
            found = memo[word] = tuple(found)
        return found

    def logp(self, word: str) -> float | None:
        f = self.freq.get(word)
        if f is None:
            return None
        return math.log(f) - self.log_total

    def confusions(self, ch: str) -> list[tuple[str, str]]:
        """Characters an editor may have typed instead of `ch`, with the kind of confusion."""
        out = []
        seen = {ch}
        for kind, table in (("音同", self.homophones), ("形近", self.shapes), ("音近", self.homophones_tone)):
            for c in table.get(ch, ""):
                if c not in seen:
                    seen.add(c)
                    out.append((c, kind))
        return out


SHIPPED_NAME = "typo-model"  # lint/data/derived/typo-model.pickle.zlib and .json


def model_key() -> str:
    """A hash of what the model is built from: this version, the code that builds it and the
    contents of its source files."""
    from lint.derived import content_key
    from lint.rules.typo import build

    files = sorted(build.source_files().items())
    # pickles name the classes' module; the code that builds the model is part of its key
    return content_key(MODEL_VERSION, __name__, *(name for name, _ in files),
                       files=[__file__, build.__file__, *(path for _, path in files)])


def model_path() -> str:
    """The cache file of the model built from the current sources by the current code."""
    return os.path.join(cache_dir(), f"typo-model-{model_key()}.pickle")


@functools.cache
def typo_model() -> TypoModel:
    """The model: from the on-disk cache, else the shipped one (copied into the cache), else
    built from the sources and cached."""
    from lint.derived import cached_or_shipped
    from lint.rules.typo.build import build_model

    key = model_key()
    return cached_or_shipped(os.path.join(cache_dir(), f"typo-model-{key}.pickle"), SHIPPED_NAME, key, build_model)
