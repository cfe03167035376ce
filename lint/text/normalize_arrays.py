"""The array path of lint.text.normalize for long texts: the same result as the str path,
computed on the UTF-16 code units with numpy.

1. classify, a block of units at a time: one lookup in a 64K-entry table says whether a
   character folds and whether its folded form is a Han character or a filler (tables
   made from lint.text.normalize.fold_table()). Each block yields the (few) folding
   characters and the places where a filler follows a Han character.
2. fold: simplified text has a few folding characters (Latin capitals, full-width digits),
   which are patched into a copy of the units; traditional text is folded by a second
   lookup. The folded str is decoded from the units. Text with no folding character is
   its own folded form.
3. squeeze: a removable run is a run of fillers with a Han character on each side. Runs
   of one filler (nearly all) come straight out of step 1; longer ones are walked a step
   at a time from their starts, not over the text. The squeezed units are joined, block by block,
   straight into the UTF-16-LE bytes the matcher scans; the squeezed str is decoded from
   them only when a rule reads it (NormalizedText.text).

Working a block at a time keeps every temporary array small (in the CPU cache, and
reused by the allocator instead of fresh pages from the kernel, which cost as much as
the work on them).

Text this path does not handle returns None and goes through the str path: characters
outside the BMP (UTF-16 surrogate pairs), lone surrogates, and the few BMP characters
whose simplified form lies outside the BMP.
"""
from __future__ import annotations

import codecs
import functools

import numpy as np

from lint.text.normalize import _FILLERS, NormalizedText, fold_table
from lint.text.offsets import OffsetMap

# Character classes, of the folded character; FOLDS is added when folding changes it.
_OTHER, _FOLDS, _FILLER, _HAN = 0, 1, 2, 4
_OUT_OF_BMP = 0xD800  # marks a fold to a character outside the BMP (a surrogate never folds)
_WALK_STEPS = 8  # filler runs longer than this are finished with a search over all runs
_BLOCK = 1 << 16  # code units per block
_FEW_FOLDS = 64  # at most one folding character in this many: patch them in, else look up all


@functools.cache
def _tables() -> tuple[np.ndarray, np.ndarray]:
    fold16 = np.arange(0x10000, dtype=np.uint16)
    for code, char in fold_table().items():
        if code < 0x10000:
            fold16[code] = ord(char) if ord(char) < 0x10000 else _OUT_OF_BMP
    classes = np.full(0x10000, _OTHER, dtype=np.uint8)
    classes[0x3400:0x4DC0] = _HAN  # the Han ranges of normalize._HAN
    classes[0x4E00:0xA000] = _HAN
    for char in _FILLERS:
        classes[ord(char)] = _FILLER
    # Indexed by the original unit: the class of its folded form, and whether it folds.
    of_original = classes[fold16]
    folds = fold16 != np.arange(0x10000)
    assert not (of_original[folds] == _FILLER).any()  # a filler is never the result of a fold
    of_original[folds] |= _FOLDS
    return fold16, of_original


def normalize_arrays(original: str) -> NormalizedText | None:
    fold16, classes = _tables()
    try:
        data = original.encode("utf-16-le")
    except UnicodeEncodeError:  # lone surrogates
        return None
    n = len(original)
    if len(data) != 2 * n:
        return None
    units = np.frombuffer(data, dtype=np.uint16)
    folds, singles, longer = _classify(units, classes)

    folded_units, folded = units, original
    if len(folds):
        if len(folds) * _FEW_FOLDS > n:
            folded_units = np.empty_like(units)
            _blocks_take(fold16, units, folded_units)
            values = folded_units[folds]
        else:
            values = fold16[units[folds]]
            folded_units = units.copy()
            folded_units[folds] = values
        if (values == _OUT_OF_BMP).any():
            return None
        folded = codecs.utf_16_le_decode(folded_units)[0]

    starts, ends = singles, singles + 1
    if len(longer):
        long_ends = _run_ends(units, classes, longer)
        keep = long_ends < n
        keep[keep] = classes[units[long_ends[keep]]] >= _HAN
        if keep.any():
            starts = np.concatenate((starts, longer[keep]))
            ends = np.concatenate((ends, long_ends[keep]))
            order = np.argsort(starts, kind="stable")
            starts, ends = starts[order], ends[order]
    if not len(starts):
        utf16 = data if folded is original else folded_units.tobytes()
        return NormalizedText(original, folded, folded, OffsetMap.identity(), utf16=utf16)

    lengths = ends - starts
    removed_before = np.cumsum(lengths) - lengths
    zero = np.zeros(1, dtype=np.int64)
    offsets = OffsetMap.from_arrays(
        np.concatenate((zero, starts - removed_before)), np.concatenate((zero, ends))
    )
    return NormalizedText(original, folded, None, offsets, utf16=_squeeze(folded_units, starts, ends))


def _blocks_take(table: np.ndarray, units: np.ndarray, out: np.ndarray, index: np.ndarray | None = None) -> None:
    """out[:] = table[units], a block at a time (numpy converts indices to intp first)."""
    if index is None:
        index = np.empty(min(len(units), _BLOCK), dtype=np.intp)
    for i in range(0, len(units), _BLOCK):
        j = min(i + _BLOCK, len(units))
        idx = index[: j - i]
        np.copyto(idx, units[i:j])
        table.take(idx, out=out[i:j])


def _classify(units: np.ndarray, classes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Positions of the folding characters; of the single fillers between two Han
    characters (removable runs of one); of the fillers after a Han character that
    another filler follows (starts of longer runs, for _run_ends)."""
    n = len(units)
    size = min(n, _BLOCK)
    index = np.empty(size + 2, dtype=np.intp)
    cls = np.empty(size + 2, dtype=np.uint8)  # a block with one unit of context each side
    folds, singles, longer = [], [], []
    for i in range(0, n, _BLOCK):
        j = min(i + _BLOCK, n)
        lo, hi = max(i - 1, 0), min(j + 1, n)
        at = 1 if i == 0 else 0
        ext = cls[: j - i + 2]
        idx = index[: hi - lo]
        np.copyto(idx, units[lo:hi])
        classes.take(idx, out=ext[at : at + hi - lo])
        if i == 0:
            ext[0] = _OTHER
        if j == n:
            ext[-1] = _OTHER
        found = np.flatnonzero((ext[1:-1] & _FOLDS).view(bool))
        if len(found):
            folds.append(found + i)
        han = ext >= _HAN
        filler = ext == _FILLER
        after_han = han[:-2] & filler[1:-1]
        found = np.flatnonzero(after_han & han[2:])
        if len(found):
            singles.append(found + i)
        found = np.flatnonzero(after_han & filler[2:])
        if len(found):
            longer.append(found + i)
    return _joined(folds), _joined(singles), _joined(longer)


def _joined(arrays: list[np.ndarray]) -> np.ndarray:
    return np.concatenate(arrays) if arrays else np.zeros(0, dtype=np.int64)


def _run_ends(units: np.ndarray, classes: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """For each filler run starting at `starts` (at least two fillers long), the position
    after its last filler."""
    n = len(units)
    ends = starts + 2
    active = np.arange(len(starts))
    for _ in range(_WALK_STEPS):
        at = ends[active]
        inside = at < n
        active, at = active[inside], at[inside]
        more = classes[units[at]] == _FILLER
        if not more.any():
            return ends
        active = active[more]
        ends[active] += 1
    # Long runs: step over whole blocks of fillers at once.
    while len(active):
        at = ends[active]
        inside = at < n
        active, at = active[inside], at[inside]
        still = np.ones(len(active), dtype=bool)
        for k, pos in enumerate(at.tolist()):
            stop = min(pos + _BLOCK, n)
            non_filler = np.flatnonzero(classes[units[pos:stop]] != _FILLER)
            ends[active[k]] = pos + non_filler[0] if len(non_filler) else stop
            still[k] = not len(non_filler) and stop < n
        active = active[still]
    return ends


def _squeeze(units: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> bytes:
    """The UTF-16-LE bytes of `units` without the runs [starts[k], ends[k]); the pieces
    of each block are joined straight into one bytes object."""
    n = len(units)
    lengths = ends - starts
    removed_before = np.cumsum(lengths) - lengths
    total = int(removed_before[-1] + lengths[-1])
    # Every removed position: run k's start plus 0..length-1.
    removed = np.repeat(starts - removed_before, lengths) + np.arange(total)
    cuts = np.searchsorted(removed, np.arange(0, n + _BLOCK, _BLOCK)).tolist()
    pieces = []
    for b, i in enumerate(range(0, n, _BLOCK)):
        here = removed[cuts[b] : cuts[b + 1]]
        block = units[i : i + _BLOCK]
        pieces.append(np.delete(block, here - i) if len(here) else block)
    return b"".join(pieces)
