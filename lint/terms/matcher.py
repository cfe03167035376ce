"""One compiled automaton over every term of every list.

Terms are folded like the text (lint.text.normalize) and matched with daachorse's
double-array Aho-Corasick automaton (the fastest of the matchers compared in
benchmarks/bench_matching.py) on the UTF-16-LE bytes of the normalised text: for text
without astral characters a byte offset is twice a code-point offset, so no conversion
pass is needed, and Chinese text is 2 bytes a character instead of 3 in UTF-8. Matches
at odd byte offsets (a pattern straddling two characters) are dropped. Text with astral
characters (rare: some emoji, CJK extension B) goes through UTF-8 and a conversion.
The compiled matcher is pickled in the cache directory and reused until a list file
changes.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import NamedTuple

import daachorse
import regex

from lint.terms.lists import Entry, TermLists, fingerprint, load_lists
from lint.text.normalize import FOLD_VERSION, NormalizedText, cache_dir, fold_term

def _code_version() -> str:
    """Pickled matchers are only reused by the code that made them."""
    h = hashlib.sha256()
    for mod in (__file__, os.path.join(os.path.dirname(__file__), "lists.py"),
                os.path.join(os.path.dirname(os.path.dirname(__file__)), "text", "normalize.py")):
        with open(mod, "rb") as fh:
            h.update(fh.read())
    return h.hexdigest()[:12]


class TermMatch(NamedTuple):
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
        self._entry_objects_of_key = [tuple(entries[i] for i in keys[k]) for k in self._keys]
        self._automaton16 = (
            daachorse.DoubleArrayAhoCorasick([k.encode("utf-16-le") for k in self._keys]) if self._keys else None
        )
        self._automaton8 = (
            daachorse.DoubleArrayAhoCorasick([k.encode("utf-8") for k in self._keys]) if self._keys else None
        )
        self._patterns = [
            (idx, regex.compile(entry.pattern)) for idx, entry in enumerate(entries) if entry.pattern
        ]

    def __len__(self) -> int:
        return len(self._keys) + len(self._patterns)

    def find(self, norm: NormalizedText) -> list[TermMatch]:
        """Every match of every entry with original offsets, in order of their end
        position (the order an Aho-Corasick scan reports them)."""
        return [TermMatch._make(m) for m in self.find_raw(norm)]

    def find_raw(self, norm: NormalizedText) -> list[tuple]:
        """find() as plain (start, end, entry, norm_start, norm_end) tuples: the hot path
        (Doc turns the ones a rule asks for into TermMatch objects)."""
        spans: list[tuple[int, int, int]] = []  # norm start, norm end, key or entry index
        text = norm.text
        entries = self.entries
        out: list[tuple] = []
        if self._automaton16 is not None:
            data = text.encode("utf-16-le")
            if len(data) == 2 * len(text):
                raw = self._automaton16.find_overlapping(data)
                shift = 1
            else:
                data = text.encode("utf-8")
                raw = _byte_matches_to_chars(data, self._automaton8.find_overlapping(data))
                shift = 0
            if shift:
                raw = [(bs >> 1, be >> 1, key) for bs, be, key in raw if not bs & 1]
            of_key = self._entry_objects_of_key
            append = out.append
            if norm.offsets.is_identity():
                for ns, ne, key in raw:
                    for entry in of_key[key]:
                        append((ns, ne, entry, ns, ne))
            else:
                originals = norm.offsets.spans_to_source_by_end([(s, e) for s, e, _ in raw])
                for (ns, ne, key), (s, e) in zip(raw, originals):
                    for entry in of_key[key]:
                        append((s, e, entry, ns, ne))
        for idx, pattern in self._patterns:
            for m in pattern.finditer(text):
                if m.end() > m.start():
                    spans.append((m.start(), m.end(), idx))
        for ns, ne, idx in spans:
            s, e = norm.span_to_original(ns, ne)
            out.append((s, e, entries[idx], ns, ne))
        if spans:
            out.sort(key=_end_position)
        return out


def _end_position(m: tuple) -> tuple[int, int]:
    return m[4], m[3]


def _byte_matches_to_chars(data: bytes, raw) -> list[tuple[int, int, int]]:
    positions = sorted({p for s, e, _ in raw for p in (s, e)})
    char_of: dict[int, int] = {}
    prev_byte = prev_char = 0
    for p in positions:
        prev_char += len(data[prev_byte:p].decode("utf-8"))
        prev_byte = p
        char_of[p] = prev_char
    return [(char_of[s], char_of[e], key) for s, e, key in raw]


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
    generators = ",".join(f"{r.code}={r.generator_version}" for r in _generators())
    key = hashlib.sha256(
        f"{_code_version()}:{FOLD_VERSION}:{fingerprint(files)}:{extra_key}:{generators}".encode()
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
