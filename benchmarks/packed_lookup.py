"""Bigram-count lookups for a whole text at once: the structures ZW207 could screen with.

    PYTHONPATH=. python benchmarks/packed_lookup.py [--queries 6000] [--repeat 200]

The keys are the typo model's character bigrams (CharLM.bi, ~340k, packed a << 16 | b); the
queries are half present bigrams, half random packed pairs, the mix ZW207's screening asks
for (a 2,000-character post asks ~6,000). Side by side, same queries, same answers checked:

* dict.get           a Python loop over the queries (what the screening did before)
* searchsorted       numpy binary search in the sorted keys
* PackedTable        lint.rules.typo.model.PackedTable: open addressing, linear probing,
                     every query at once (what zwlint uses)

Microseconds per batch, best of --repeat.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from lint.rules.typo.model import typo_model  # noqa: E402


def best_of(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best * 1e6


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--queries", type=int, default=6000)
    ap.add_argument("--repeat", type=int, default=200)
    args = ap.parse_args()
    os.environ.setdefault("ZWLINT_CACHE_DIR", str(Path(__file__).resolve().parent.parent / ".pytest_cache" / "zwlint-cache"))
    model = typo_model()
    bi = model.lm.bi
    table = model.confusion_table.bigrams
    keys = np.fromiter(bi.keys(), dtype=np.uint32, count=len(bi))
    counts = np.fromiter(bi.values(), dtype=np.int64, count=len(bi))
    order = np.argsort(keys)
    sorted_keys, sorted_counts = keys[order], counts[order]
    rng = np.random.default_rng(0)
    half = args.queries // 2
    queries = np.concatenate([rng.choice(keys, half), rng.integers(0x4E00 << 16, 0x9FFF << 16, half).astype(np.uint32)])
    as_list = queries.tolist()

    def with_dict():
        get = bi.get
        return np.array([get(q, 0) for q in as_list])

    def with_searchsorted():
        at = np.searchsorted(sorted_keys, queries)
        at[at == len(sorted_keys)] = 0
        return np.where(sorted_keys[at] == queries, sorted_counts[at], 0)

    def with_packed_table():
        return table.lookup(queries)

    expected = with_dict()
    print(f"{len(bi):,} bigrams, {len(queries):,} queries per batch")
    for name, fn in (("dict.get", with_dict), ("searchsorted", with_searchsorted), ("PackedTable", with_packed_table)):
        assert (fn() == expected).all(), name
        print(f"{name:<14}{best_of(fn, args.repeat):>10.0f} us")


if __name__ == "__main__":
    main()
