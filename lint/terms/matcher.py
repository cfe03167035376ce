"""One compiled automaton over every term of every list.

Terms are folded like the text (lint.text.normalize) and matched on the UTF-8 bytes of
the normalised text with daachorse's double-array Aho-Corasick automaton (the fastest
of the matchers compared in benchmarks/bench_matching.py). Byte offsets of the few
matches are turned into code points and then into offsets of the original text.
The compiled matcher is pickled in the cache directory and reused until a list file
changes.
"""
from __future__ import annotations

import os
import pickle
from dataclasses import dataclass
from pathlib import Path

import daachorse
import regex

from lint.terms.lists import Entry, TermLists, fingerprint, load_lists
from lint.text.normalize import FOLD_VERSION, NormalizedText, cache_dir, fold_term

MATCHER_VERSION = "1"


@dataclass(frozen=True)
class TermMatch:
    start: int  # offsets in the original text
    end: int
    entry: Entry
    norm_start: int  # offsets in the normalised text
    norm_end: int


class TermMatcher:
    def __init__(self, entries: list[Entry]):
        self.entries = entries
        keys: dict[str, list[int]] = {}
        for idx, entry in enumerate(entries):
            for term in entry.terms:
                key = fold_term(term)
                if key:
                    keys.setdefault(key, []).append(idx)
        self._keys = list(keys)
        self._entries_of_key = [tuple(keys[k]) for k in self._keys]
        self._automaton = (
            daachorse.DoubleArrayAhoCorasick([k.encode("utf-8") for k in self._keys]) if self._keys else None
        )
        self._patterns = [
            (idx, regex.compile(entry.pattern)) for idx, entry in enumerate(entries) if entry.pattern
        ]

    def __len__(self) -> int:
        return len(self._keys) + len(self._patterns)

    def find(self, norm: NormalizedText) -> list[TermMatch]:
        spans: list[tuple[int, int, int]] = []  # norm start, norm end, entry index
        text = norm.text
        if self._automaton is not None:
            data = text.encode("utf-8")
            raw = self._automaton.find_overlapping(data)
            if raw:
                spans.extend(_byte_matches_to_chars(data, raw, self._entries_of_key))
        for idx, pattern in self._patterns:
            for m in pattern.finditer(text):
                if m.end() > m.start():
                    spans.append((m.start(), m.end(), idx))
        out = []
        for ns, ne, idx in sorted(spans):
            s, e = norm.span_to_original(ns, ne)
            out.append(TermMatch(s, e, self.entries[idx], ns, ne))
        return out


def _byte_matches_to_chars(data: bytes, raw, entries_of_key) -> list[tuple[int, int, int]]:
    positions = sorted({p for s, e, _ in raw for p in (s, e)})
    char_of: dict[int, int] = {}
    prev_byte = prev_char = 0
    for p in positions:
        prev_char += len(data[prev_byte:p].decode("utf-8"))
        prev_byte = p
        char_of[p] = prev_char
    spans = []
    for s, e, key in raw:
        for idx in entries_of_key[key]:
            spans.append((char_of[s], char_of[e], idx))
    return spans


def _generators():
    from lint.rules import all_rules

    return [r for r in all_rules().values() if r.generator_version]


def compile_matcher(lists: TermLists, extra_entries: list[Entry] = ()) -> TermMatcher:
    entries = list(lists.entries) + list(extra_entries)
    for rule in _generators():
        entries.extend(rule.generate_entries(lists))
    return TermMatcher(entries)


def cached_matcher(dirs: list[Path] | None = None, extra_entries: tuple[Entry, ...] = ()) -> TermMatcher:
    """The matcher for these list directories, from the on-disk cache when no list changed."""
    from lint.terms.lists import default_list_dirs, list_files

    dirs = dirs if dirs is not None else default_list_dirs()
    files = list_files(dirs)
    extra_key = repr(sorted((e.rule, e.terms, e.pattern) for e in extra_entries))
    import hashlib

    generators = ",".join(f"{r.code}={r.generator_version}" for r in _generators())
    key = hashlib.sha256(
        f"{MATCHER_VERSION}:{FOLD_VERSION}:{fingerprint(files)}:{extra_key}:{generators}".encode()
    ).hexdigest()[:24]
    path = os.path.join(cache_dir(), f"matcher-{key}.pickle")
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    matcher = compile_matcher(load_lists(dirs), list(extra_entries))
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        with open(tmp, "wb") as fh:
            pickle.dump(matcher, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass
    return matcher
