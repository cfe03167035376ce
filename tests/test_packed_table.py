"""lint.rules.typo.model.PackedTable: the numpy hash table the typo rules screen candidates with."""
from __future__ import annotations

import numpy as np
from hypothesis import given, settings, strategies as st

from lint.rules.typo.model import PackedTable, pack


def test_lookup_returns_the_count_of_present_keys_and_zero_for_absent_ones():
    table = PackedTable({pack("发展"): 1571, pack("人民"): 748}, np.uint32)
    counts = table.lookup(np.array([pack("人民"), pack("发屁"), pack("发展")], dtype=np.uint32))
    assert counts.tolist() == [748, 0, 1571]


def test_keys_that_share_a_first_slot_are_all_found():
    rng = np.random.default_rng(0)
    items = {int(k): i + 1 for i, k in enumerate(rng.integers(0, 2**40, 300))}
    table = PackedTable(items)
    keys = np.array(list(items), dtype=np.uint64)
    first = table._first_slots(keys)
    assert len(set(first.tolist())) < len(keys)  # the probing really is exercised
    assert table.lookup(keys).tolist() == list(items.values())


def test_masked_character_packs_to_zero():
    assert pack("再接*厉") == pack("再接") << 32 | ord("厉")


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.integers(0, 2**32 - 2), st.integers(1, 10**6), max_size=200),
       st.lists(st.integers(0, 2**32 - 2), max_size=50))
def test_lookup_agrees_with_a_dict(items, probes):
    table = PackedTable(items, np.uint32)
    keys = list(items) + probes
    assert table.lookup(np.array(keys, dtype=np.uint32)).tolist() == [items.get(k, 0) for k in keys]
