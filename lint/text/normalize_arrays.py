"""The array path of lint.text.normalize for long texts: the same result as the str path,
computed on the UTF-16 code units with numpy.

1. fold: one table lookup per character (`_fold16[units]`, a 64K-entry table made from
   lint.text.normalize.fold_table()); the folded str is decoded only if a unit changed.
2. squeeze: a class table marks Han characters and fillers; a removable run starts at a
   filler right after a Han character and is kept only if a Han character follows it.
   The runs are walked a step at a time over the few candidate starts (not the text).
3. The squeezed units are handed to the matcher as UTF-16-LE bytes; the squeezed str is
   decoded from them only when a rule reads it (NormalizedText.text).

Text this path does not handle returns None and goes through the str path: characters
outside the BMP (UTF-16 surrogate pairs), lone surrogates, and the few BMP characters
whose simplified form lies outside the BMP.
"""
from __future__ import annotations

import functools

import numpy as np

from lint.text.normalize import _FILLERS, NormalizedText, fold_table
from lint.text.offsets import OffsetMap

_OTHER, _FILLER, _HAN = 0, 1, 2
_OUT_OF_BMP = 0xD800  # marks a fold to a character outside the BMP (a surrogate never folds)
_WALK_STEPS = 8  # filler runs longer than this are finished with one search over all runs


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
    return fold16, classes


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
    folded_units = fold16.take(units)
    changed = folded_units != units
    if changed.any():
        if (folded_units[changed] == _OUT_OF_BMP).any():
            return None
        data = folded_units.tobytes()
        folded = data.decode("utf-16-le")
    else:
        folded_units, folded = units, original

    cls = classes.take(folded_units)
    # One element of padding so that a run may end at the end of the text.
    filler = np.zeros(n + 1, dtype=bool)
    np.equal(cls, _FILLER, out=filler[:n])
    han = np.zeros(n + 1, dtype=bool)
    np.equal(cls, _HAN, out=han[:n])
    starts = np.flatnonzero(han[: n - 1] & filler[1:n])
    if not len(starts):
        return NormalizedText(original, folded, folded, OffsetMap.identity(), utf16=data)
    starts += 1
    ends = _run_ends(filler, starts)
    keep = han[ends]
    starts, ends = starts[keep], ends[keep]
    if not len(starts):
        return NormalizedText(original, folded, folded, OffsetMap.identity(), utf16=data)

    lengths = ends - starts
    removed_before = np.cumsum(lengths) - lengths
    total = int(removed_before[-1] + lengths[-1])
    # Every removed position: run k's start plus 0..length-1.
    removed = np.repeat(starts - removed_before, lengths) + np.arange(total)
    squeezed = np.delete(folded_units, removed)
    zero = np.zeros(1, dtype=np.int64)
    offsets = OffsetMap.from_arrays(
        np.concatenate((zero, starts - removed_before)), np.concatenate((zero, ends))
    )
    return NormalizedText(original, folded, None, offsets, utf16=squeezed.tobytes())


def _run_ends(filler: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """For each filler run starting at `starts`, the position after its last filler
    (`filler` has a False element past the end of the text)."""
    ends = starts + 1
    active = np.arange(len(starts))
    for _ in range(_WALK_STEPS):
        more = filler[ends[active]]
        if not more.any():
            return ends
        active = active[more]
        ends[active] += 1
    # Long runs: the next position where a filler run ends, from all run ends at once.
    run_ends = np.flatnonzero(filler[:-1] & ~filler[1:]) + 1
    ends[active] = run_ends[np.searchsorted(run_ends, ends[active])]
    return ends
