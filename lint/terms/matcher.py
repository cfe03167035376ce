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

find_raw is the engine's per-text step: the matches become three int64 arrays (scan,
one bulk conversion of the binding's tuples, offset mapping with two binary searches per
match) and TermMatch objects are made only for the rules that ask (MatchSet). Long texts
are scanned in ~256 KB chunks cut where no match can cross (see _scan). On the 5 MB
benchmark (benchmarks/bench_matching.py, 50,000 terms, ~20k matches per MB) the scan
itself is ~55% of the step, converting and freeing the binding's tuples ~20%,
normalisation ~20%.
"""
from __future__ import annotations

import gc
import hashlib
import marshal
import os
import zlib
from itertools import accumulate, chain
from pathlib import Path
from typing import NamedTuple, Protocol, Sequence

import daachorse
import numpy as np
import regex

from lint.terms.lists import Entry, TermLists, fingerprint, load_lists, remember
from lint.cache import cache_dir, cached_pickle
from lint.text.normalize import FOLD_VERSION, NormalizedText, fold_term

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
        self.lists: TermLists | None = None  # the parsed lists compiled (compile_matcher)
        keys: dict[str, list[int]] = {}
        for idx, entry in enumerate(entries):
            for key in _folded_terms(entry.terms):
                if key:
                    keys.setdefault(key, []).append(idx)
        key_list = list(keys)
        self._n_keys = len(key_list)
        # The keys and which entries each has, packed: the cached matcher holds several
        # hundred thousand keys (generated misspellings) and must load in a fraction of a second.
        # every key, for the UTF-8 automaton of text with astral characters (rarely built): kept
        # compressed, a tenth of the cached matcher's size otherwise
        self._key_text_z = zlib.compress(_KEY_SEP.join(key_list).encode("utf-8"), 1)
        self._first_entry = np.array([keys[k][0] for k in key_list], dtype=np.int32)
        self._more_entries = {n: tuple(keys[k][1:]) for n, k in enumerate(key_list) if len(keys[k]) > 1}
        # A key that only generated entries have (the misspellings: ~99 % of the keys) enters
        # the automaton cut to the shortest prefix that no other key starts with (at least
        # _MIN_PREFIX characters); where that prefix matches, the match is kept when the rest
        # of the key (its tail) follows in the text. The same matches from an automaton with a
        # third of the states: faster to scan (fewer cache misses), to load and to ship.
        cut = _unique_prefix_lengths(key_list)
        tails: list[str] = []
        self._tail_at = np.zeros(len(key_list), dtype=np.int32)  # code units into _tails16
        self._tail_len = np.zeros(len(key_list), dtype=np.int32)
        patterns = []
        at = 0
        for n, key in enumerate(key_list):
            keep = max(cut[n], _MIN_PREFIX)
            if keep < len(key) and all(entries[i].file.startswith("generated:") for i in keys[key]):
                tails.append(key[keep:])
                self._tail_at[n], self._tail_len[n] = at, len(key) - keep
                at += len(key) - keep
                key = key[:keep]
            patterns.append(key.encode("utf-16-le"))
        self._tails16 = "".join(tails).encode("utf-16-le")
        self._automaton16 = daachorse.DoubleArrayAhoCorasick(patterns) if patterns else None
        self._automaton8 = None  # UTF-8 automaton for text with astral characters: built when first needed
        # Code units that occur in no key: a scan may be cut after one of them, since no
        # match (at an even byte offset) can contain it.
        self._outside_keys = np.ones(0x10000, dtype=bool)
        self._outside_keys[np.frombuffer("".join(key_list).encode("utf-16-le"), dtype=np.uint16)] = False
        self._patterns = [
            (idx, regex.compile(entry.pattern)) for idx, entry in enumerate(entries) if entry.pattern
        ]
        # which keys have an entry of each rule, computed once here (the generated lists hold
        # several hundred thousand keys: a per-rule scan of them at run time would cost seconds)
        rule_ids: dict[str, int] = {}
        rule_of_entry = np.array([rule_ids.setdefault(e.rule, len(rule_ids)) for e in entries], dtype=np.int32)
        rule_of_key = rule_of_entry[self._first_entry]
        self._rule_bits: dict[str, np.ndarray] = {}  # packed (np.packbits): 1/8 of the size to load
        for rule, rid in rule_ids.items():
            mask = rule_of_key == rid
            for k, more in self._more_entries.items():
                if any(entries[i].rule == rule for i in more):
                    mask[k] = True
            if mask.any():
                self._rule_bits[rule] = np.packbits(mask)
        self._rule_masks: dict[str, np.ndarray] = {}  # unpacked when first asked for

    def __len__(self) -> int:
        return self._n_keys + len(self._patterns)

    def entries_of_key(self, key: int) -> tuple[Entry, ...]:
        first = self.entries[self._first_entry[key]]
        more = self._more_entries.get(key)
        return (first,) if more is None else (first, *(self.entries[i] for i in more))

    def find(self, norm: NormalizedText) -> list[TermMatch]:
        """Every match of every entry with original offsets, in order of their end
        position (the order an Aho-Corasick scan reports them)."""
        return self.find_raw(norm).all()

    def find_raw(self, norm: NormalizedText) -> "MatchSet":
        """The hot path: scan, then map every match back to the original text with
        array operations; TermMatch objects are made only for the rules that ask."""
        columns = _EMPTY_COLUMNS
        data = norm.utf16() if self._automaton16 is not None else None
        if data is not None:
            columns = self._with_tails(_unit_columns(_scan(self._automaton16, data, self._outside_keys)), data)
        elif self._n_keys:
            if self._automaton8 is None:
                self._automaton8 = daachorse.DoubleArrayAhoCorasick(
                    zlib.decompress(self._key_text_z).split(_KEY_SEP.encode()))
            data = norm.text.encode("utf-8")
            found = _as_array(_byte_matches_to_chars(data, self._automaton8.find_overlapping(data)))
            columns = np.ascontiguousarray(found.T)
        return self._match_set(norm, columns)

    def find_raw_many(self, norms: Sequence[NormalizedText]) -> list["MatchSet"]:
        """find_raw of each text, with one scan over all of them: joined by U+0000, which no
        key holds, so that no match crosses from one text into the next."""
        found: list[MatchSet | None] = [None] * len(norms)
        datas = [n.utf16() for n in norms] if self._automaton16 is not None else []
        scanned = [k for k, data in enumerate(datas) if data is not None]
        if scanned:
            joined = _TEXT_SEP16.join(datas[k] for k in scanned)
            columns = self._with_tails(_unit_columns(_scan(self._automaton16, joined, self._outside_keys)), joined)
            units = [len(datas[k]) // 2 + 1 for k in scanned]  # the text and its separator
            firsts = list(accumulate(units, initial=0))
            # the matches of a text end before the first unit of the next
            cuts = np.searchsorted(columns[1], firsts[1:]).tolist()
            lo = 0
            for k, first, hi in zip(scanned, firsts, cuts):
                part = columns[:, lo:hi]
                if first:
                    part = part - np.array([[first], [first], [0]])
                found[k] = self._match_set(norms[k], part)
                lo = hi
        return [m if m is not None else self.find_raw(n) for m, n in zip(found, norms)]

    def _match_set(self, norm: NormalizedText, columns: "np.ndarray") -> "MatchSet":
        """The MatchSet of the automaton's matches in `norm` ((3, n): starts, ends, keys in
        code units of norm.text) and of the regex entries."""
        norm_starts, norm_ends, keys = columns
        if not len(keys) or norm.offsets.is_identity():
            starts, ends = norm_starts, norm_ends
        else:
            starts, ends = norm.offsets.spans_to_source_arrays(norm_starts, norm_ends)
        extra = []
        for idx, pattern in self._patterns:
            for m in pattern.finditer(norm.text):
                if m.end() > m.start():
                    s, e = norm.span_to_original(m.start(), m.end())
                    extra.append((s, e, self.entries[idx], m.start(), m.end()))
        return MatchSet(self, starts, ends, keys, norm_starts, norm_ends, extra)

    def _with_tails(self, columns: "np.ndarray", data: bytes) -> "np.ndarray":
        """The matches of cut keys whose tail follows in `data` extended to the whole key, the
        others dropped, in the order a scan with the whole keys reports them (by end, then
        by start: at one end position the longer key first)."""
        tail_len = self._tail_len[columns[2]]
        cut = np.flatnonzero(tail_len)
        if not len(cut):
            return columns
        keep = np.ones(columns.shape[1], dtype=bool)
        tails, tail_at = self._tails16, self._tail_at
        for i, end, key, n in zip(cut.tolist(), columns[1, cut].tolist(), columns[2, cut].tolist(),
                                  tail_len[cut].tolist()):
            a = 2 * int(tail_at[key])
            if data[2 * end : 2 * (end + n)] != tails[a : a + 2 * n]:
                keep[i] = False
        columns[1, cut] += tail_len[cut]
        columns = columns[:, keep]
        return columns[:, np.lexsort((columns[0], columns[1]))]

    def keys_of_rule(self, rule: str) -> "np.ndarray":
        """A boolean mask over automaton keys: True where a key has an entry of `rule`."""
        mask = self._rule_masks.get(rule)
        if mask is None:
            bits = self._rule_bits.get(rule)
            mask = self._rule_masks[rule] = (
                np.unpackbits(bits, count=self._n_keys).view(bool) if bits is not None
                else np.zeros(self._n_keys, dtype=bool))  # a rule with no entries
        return mask

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_automaton8"] = None
        state["_rule_masks"] = {}
        return state


_KEY_SEP = "\x00"  # folded keys never hold it
_MIN_PREFIX = 3  # characters of a cut key kept in the automaton


def _unique_prefix_lengths(keys: list[str]) -> list[int]:
    """For each key, the length of its shortest prefix that no other key starts with (its
    length + 1 when it is itself the prefix of another key)."""
    order = sorted(range(len(keys)), key=keys.__getitem__)
    out = [1] * len(keys)
    for a, b in zip(order, order[1:]):
        x, y = keys[a], keys[b]
        n = 0
        for cx, cy in zip(x, y):
            if cx != cy:
                break
            n += 1
        if n + 1 > out[a]:
            out[a] = n + 1
        if n + 1 > out[b]:
            out[b] = n + 1
    return out


_TEXT_SEP16 = _KEY_SEP.encode("utf-16-le")


def _unit_columns(columns: "np.ndarray") -> "np.ndarray":
    """_scan's columns of UTF-16-LE bytes as code units, without the matches at odd byte
    offsets (a key matched across two characters)."""
    if columns.shape[1]:
        odd = columns[0] & 1
        if odd.any():
            columns = columns[:, odd == 0]
        columns[:2] >>= 1  # byte offsets to code units (= code points: no surrogates)
    return columns


def _folded_terms(terms) -> list[str]:
    """fold_term of each term; a long list (generated misspellings) folded in one call."""
    if len(terms) < 64:
        return [fold_term(t) for t in terms]
    parts = fold_term("\n".join(terms)).split("\n")
    return parts if len(parts) == len(terms) else [fold_term(t) for t in terms]
_EMPTY = np.zeros((0, 3), dtype=np.int64)
_EMPTY_COLUMNS = np.zeros((3, 0), dtype=np.int64)


_CHUNK = 1 << 17  # code units a scan call covers on long texts
_CUT_WINDOW = 4096  # code units searched for a place to cut


def _scan(automaton, data: bytes, outside_keys: "np.ndarray") -> "np.ndarray":
    """Every overlapping match as a (3, n) array: start bytes, end bytes, keys, in the
    order of the scan (by end position).

    The binding returns a Python tuple per match. A long text is scanned in chunks of
    ~256 KB, each cut right after a character that occurs in no key (so that no match
    crosses a cut and no chunk needs to overlap the next), and each chunk's tuples are
    converted and freed before the next is scanned: the memory for them is reused
    instead of coming fresh from the kernel each time. The cyclic garbage collector is
    held off meanwhile (tuples of ints cannot form cycles; the collections that tens of
    thousands of new tuples would trigger cost more than the conversion)."""
    units = len(data) // 2
    cuts = [0]
    if units > _CHUNK:
        codes = np.frombuffer(data, dtype=np.uint16)
        pos = _CHUNK
        while pos < units:
            free = np.flatnonzero(outside_keys[codes[pos : pos + _CUT_WINDOW]])
            if len(free):
                cuts.append(pos + int(free[0]) + 1)
                pos = cuts[-1] + _CHUNK
            else:
                pos += _CUT_WINDOW
    cuts.append(units)
    enabled = gc.isenabled()
    gc.disable()
    try:
        parts = []
        for a, b in zip(cuts, cuts[1:]):
            raw = automaton.find_overlapping(data[2 * a : 2 * b] if len(cuts) > 2 else data)
            found = _columns(raw)
            del raw
            if a:
                found[:2] += 2 * a
            parts.append(found)
    finally:
        if enabled:
            gc.enable()
    return parts[0] if len(parts) == 1 else np.concatenate(parts, axis=1)


# marshal (format version 2) writes a list of n 3-tuples of 32-bit ints in 5 + 20 n bytes:
# "[" n, then per tuple "(" 3 "i" start "i" end "i" key, every number 4 bytes little-endian.
# Read as records that is a bulk conversion ~1.4x faster than numpy.fromiter over the ints.
_MARSHALLED_MATCH = np.dtype({"names": ["start", "end", "key"], "formats": ["<i4"] * 3,
                              "offsets": [6, 11, 16], "itemsize": 20})


def _columns(raw: list) -> "np.ndarray":
    """The binding's (start, end, key) tuples as a (3, n) int64 array."""
    n = len(raw)
    if not n:
        return np.zeros((3, 0), dtype=np.int64)
    data = marshal.dumps(raw, 2) if n >= 16 else b""  # a few: fromiter costs less
    if len(data) != 5 + 20 * n:  # (or a number needed more than 32 bits) the general way
        return np.ascontiguousarray(_as_array(raw).T)
    records = np.frombuffer(data, dtype=_MARSHALLED_MATCH, offset=5, count=n)
    out = np.empty((3, n), dtype=np.int64)
    out[0], out[1], out[2] = records["start"], records["end"], records["key"]
    return out


def _as_array(raw: list) -> "np.ndarray":
    if not raw:
        return _EMPTY
    return np.fromiter(chain.from_iterable(raw), dtype=np.int64, count=3 * len(raw)).reshape(-1, 3)


class MatchSet:
    """The matches of one text, as arrays; TermMatch objects on demand, per rule."""

    __slots__ = ("_matcher", "_starts", "_ends", "_keys", "_norm_starts", "_norm_ends", "_extra", "_rules")

    def __init__(self, matcher, starts, ends, keys, norm_starts, norm_ends, extra):
        self._matcher = matcher
        self._starts, self._ends, self._keys = starts, ends, keys
        self._norm_starts, self._norm_ends = norm_starts, norm_ends
        self._extra = extra
        self._rules: set[str] | None = None

    def rules(self) -> set[str]:
        """The rules that have at least one match here (most rules have none)."""
        if self._rules is None:
            of_key = self._matcher.entries_of_key
            # (a set, not np.unique: that imports numpy.ma, 0.15 s of a short run)
            found = {e.rule for key in set(self._keys.tolist()) for e in of_key(key)}
            found.update(m[2].rule for m in self._extra)
            self._rules = found
        return self._rules

    def __len__(self) -> int:
        return len(self._keys) + len(self._extra)

    def _build(self, indices, rule: str | None) -> list[TermMatch]:
        of_key = self._matcher.entries_of_key
        out = []
        starts, ends = self._starts[indices].tolist(), self._ends[indices].tolist()
        ns, ne = self._norm_starts[indices].tolist(), self._norm_ends[indices].tolist()
        for i, key in enumerate(self._keys[indices].tolist()):
            for entry in of_key(key):
                if rule is None or entry.rule == rule:
                    out.append(TermMatch(starts[i], ends[i], entry, ns[i], ne[i]))
        extra = [TermMatch._make(m) for m in self._extra if rule is None or m[2].rule == rule]
        if extra:
            out.extend(extra)
            out.sort(key=_end_position)
        return out

    def for_rule(self, rule: str) -> list[TermMatch]:
        if rule not in self.rules():
            return []
        if len(self._keys):
            indices = np.flatnonzero(self._matcher.keys_of_rule(rule)[self._keys])
        else:
            indices = np.zeros(0, dtype=np.int64)
        return self._build(indices, rule)

    def all(self) -> list[TermMatch]:
        return self._build(np.arange(len(self._keys)), None)


def _end_position(m: TermMatch) -> tuple[int, int]:
    return m.norm_end, m.norm_start


def _byte_matches_to_chars(data: bytes, raw) -> list[tuple[int, int, int]]:
    positions = sorted({p for s, e, _ in raw for p in (s, e)})
    char_of: dict[int, int] = {}
    prev_byte = prev_char = 0
    for p in positions:
        prev_char += len(data[prev_byte:p].decode("utf-8"))
        prev_byte = p
        char_of[p] = prev_char
    return [(char_of[s], char_of[e], key) for s, e, key in raw]


class EntryGenerator(Protocol):
    """What derives more list entries from the loaded lists (the serious rules generate the
    misspelt forms of names and formulations). The engine hands them over; the matcher
    compiles their entries into the one automaton and keys its cache by their versions."""

    code: str
    generator_version: str

    def generate_entries(self, lists: TermLists) -> list[Entry]: ...


def compile_matcher(lists: TermLists, extra_entries: Sequence[Entry] = (),
                    generators: Sequence[EntryGenerator] = (),
                    generated: list[Entry] | None = None) -> TermMatcher:
    """The matcher over the lists, the entries the generators make from them (`generated`
    when already made), the extra entries (allow-list, a config's extra-lists) and what the
    generators make from the extra entries (the misspellings of an office's own key terms)."""
    entries = list(lists.entries) + list(extra_entries)
    if generated is None:
        generated = [e for g in generators for e in g.generate_entries(lists)]
    entries.extend(generated)
    if extra_entries:
        shipped_terms = frozenset(t for e in lists.entries for t in e.terms)
        extra = TermLists(list(extra_entries), [], protected_terms=shipped_terms)
        for g in generators:
            from_extra = getattr(g, "generate_from_extra", None)
            if from_extra is not None:
                entries.extend(from_extra(extra))
    matcher = TermMatcher(entries)
    matcher.lists = lists
    return matcher


# The matcher of the shipped lists with every rule's generated entries ships ready-built
# (lint/data/derived/term-matcher.pickle.xz, tools/build_derived_data.py --matcher): compiling it
# takes ~5 s, the first run with an empty cache copies it instead.
SHIPPED_NAME = "term-matcher"


def shipped_key(files: list[Path], generators: Sequence[EntryGenerator]) -> str:
    """A hash of what the default matcher is compiled from: the matcher's and the folding's
    code, every generator's version and the code of the packages the generators are in, the
    confusion data they read (with the pypinyin version) and the names and contents of the
    list files."""
    import sys

    from lint.derived import content_key
    from lint.rules.serious.variants import confusion_key

    names = [f"{Path(f).parent.name}/{Path(f).name}" for f in files]
    versions = [f"{g.code}={g.generator_version}" for g in generators]
    packages = {Path(sys.modules[type(g).__module__].__file__).parent for g in generators}
    code = sorted(p for d in packages for p in d.glob("*.py"))
    return content_key(_code_version(), str(FOLD_VERSION), confusion_key(), *versions, *names,
                       *(f"{p.parent.name}/{p.name}" for p in code), files=[*files, *code])


def cached_matcher(dirs: list[Path] | None = None, extra_entries: tuple[Entry, ...] = (),
                   generators: Sequence[EntryGenerator] = ()) -> TermMatcher:
    """The matcher for these list directories, from the on-disk cache when no list changed;
    for the shipped lists and no extra entries, the cache is filled from the shipped matcher
    when that was compiled from the same lists and code. The entries generated from the lists
    are cached on their own, so that a configuration with its own allow-list or extra lists
    compiles in seconds."""
    from lint.derived import cached_or_shipped
    from lint.terms.lists import default_list_dirs, list_files

    shipped_lists = dirs is None

    dirs = dirs if dirs is not None else default_list_dirs()
    files = list_files(dirs)
    extra_key = repr(sorted((e.rule, e.terms, e.pattern) for e in extra_entries))
    versions = ",".join(f"{g.code}={g.generator_version}" for g in generators)
    lists_key = f"{_code_version()}:{FOLD_VERSION}:{fingerprint(files)}:{versions}"
    key = hashlib.sha256(f"{lists_key}:{extra_key}".encode()).hexdigest()[:24]
    path = os.path.join(cache_dir(), f"matcher-{key}.pickle")

    def build() -> TermMatcher:
        lists = load_lists(dirs)
        if not extra_entries:
            return compile_matcher(lists, (), generators)
        gen_key = hashlib.sha256(lists_key.encode()).hexdigest()[:24]
        generated = cached_pickle(os.path.join(cache_dir(), f"generated-{gen_key}.pickle"),
                                  lambda: [e for g in generators for e in g.generate_entries(lists)])
        return compile_matcher(lists, list(extra_entries), generators, generated)

    if shipped_lists and not extra_entries:
        matcher = cached_or_shipped(path, SHIPPED_NAME, lambda: shipped_key(files, generators), build)
    else:
        matcher = cached_pickle(path, build)
    if getattr(matcher, "lists", None) is not None:
        remember(matcher.lists, files)
    return matcher
