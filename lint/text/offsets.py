"""Piecewise offset maps from a derived text back to the text it came from.

A derived text (visible text of an HTML page, text with filler characters removed) is
made of runs copied from the source, each run shifted by a constant. The map stores the
start of every run in both texts; within a run positions move together. A map is built
either run by run (lists) or at once from numpy arrays (the array normaliser); each form
is converted to the other only when first needed.
"""
from __future__ import annotations

from bisect import bisect_right


class OffsetMap:
    __slots__ = ("_derived", "_source", "_arrays", "_search")

    def __init__(self, derived_starts: list[int] | None = None, source_starts: list[int] | None = None):
        self._derived = derived_starts or [0]
        self._source = source_starts or [0]
        self._arrays = None
        self._search = None

    @classmethod
    def identity(cls) -> "OffsetMap":
        return cls()

    @classmethod
    def from_arrays(cls, derived_starts, source_starts) -> "OffsetMap":
        """From int64 numpy arrays (first element 0, derived starts increasing)."""
        m = cls.__new__(cls)
        m._derived = m._source = None
        m._arrays = (derived_starts, source_starts)
        m._search = None
        return m

    def _lists(self) -> tuple[list[int], list[int]]:
        if self._derived is None:
            self._derived, self._source = self._arrays[0].tolist(), self._arrays[1].tolist()
        return self._derived, self._source

    def add_run(self, derived_pos: int, source_pos: int) -> None:
        """Start a new run: derived_pos in the derived text comes from source_pos."""
        derived, source = self._lists()
        self._arrays = self._search = None
        if derived[-1] == derived_pos:
            derived[-1] = derived_pos
            source[-1] = source_pos
        else:
            derived.append(derived_pos)
            source.append(source_pos)

    def is_identity(self) -> bool:
        if self._derived is None:
            derived, source = self._arrays
            return len(derived) == 1 and int(source[0]) == 0
        return len(self._derived) == 1 and self._source[0] == 0

    def to_source(self, pos: int) -> int:
        derived, source = self._lists()
        k = bisect_right(derived, pos) - 1
        return source[k] + (pos - derived[k])

    def span_to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span; the end maps through its last character so that
        characters removed after the span are not pulled into it."""
        if end <= start:
            s = self.to_source(start)
            return s, s
        return self.to_source(start), self.to_source(end - 1) + 1

    def spans_to_source_arrays(self, starts, ends):
        """span_to_source over numpy arrays of non-empty spans (one binary search each, in C)."""
        import numpy as np

        if self._search is None:
            # shifts[k] is the shift of the run before derived[k] (shifts[0] is never used):
            # searchsorted(derived, p, "right") is one past the run holding p, and for the
            # last character of a span searchsorted(derived, end - 1, "right") equals
            # searchsorted(derived, end, "left").
            if self._arrays is None and len(self._derived) < 64:  # cheaper in Python than in numpy
                shifts = [0] + [s - d for d, s in zip(self._derived, self._source)]
                self._search = (np.array(self._derived, dtype=np.int64), np.array(shifts, dtype=np.int64))
            else:
                if self._arrays is None:
                    self._arrays = (np.asarray(self._derived, dtype=np.int64),
                                    np.asarray(self._source, dtype=np.int64))
                derived, source = self._arrays
                self._search = (derived, np.concatenate((np.zeros(1, dtype=np.int64), source - derived)))
        derived, shifts = self._search
        return (shifts[derived.searchsorted(starts, "right")] + starts,
                shifts[derived.searchsorted(ends, "left")] + ends)
