"""The on-disk cache: derived data (compiled automaton, character tables, the typo
model) kept between runs so that a second run starts fast."""
from __future__ import annotations

import gc
import os
import pickle
import time
from typing import Callable, TypeVar

T = TypeVar("T")

# A cached file of an older version (another key with the same prefix) that no run has read
# for this long is deleted when a new one is written: a typo model is ~50 MB.
STALE_AFTER_DAYS = 30


def cache_dir() -> str:
    """$ZWLINT_CACHE_DIR, else $XDG_CACHE_HOME/zwlint, else ~/.cache/zwlint."""
    path = os.environ.get("ZWLINT_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "zwlint"
    )
    os.makedirs(path, exist_ok=True)
    return path


def loads(data: bytes):
    """pickle.loads with the cyclic garbage collector paused: the cached objects hold no
    reference cycles, and collecting while millions of them are created only costs time (a
    third of the typo model's load)."""
    gc.disable()
    try:
        return pickle.loads(data)
    finally:
        gc.enable()


def write_atomically(path: str, data: bytes) -> bool:
    """Write `data` to a temporary file renamed to `path` (readers never see half a file);
    False when it cannot be written (a read-only cache is no error)."""
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
        return True
    except OSError:
        try:
            os.remove(tmp)
        except OSError:
            pass
        return False


def cached_pickle(path: str, build: Callable[[], T]) -> T:
    """The object pickled at `path` ("<prefix>-<key>.pickle"), or build() it and pickle it
    there (atomically; a cache that cannot be written is no error). A read marks the file
    used (its mtime); a write deletes the files of the same prefix unused for
    STALE_AFTER_DAYS."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
        try:
            os.utime(path)
        except OSError:
            pass
        return loads(data)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    value = build()
    write_atomically(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    prune_stale(path)
    return value


def prune_stale(path: str) -> None:
    """Delete the cache files of the same prefix as `path` (older keys) unused for
    STALE_AFTER_DAYS, and build leftovers (.tmp) as old."""
    directory, name = os.path.split(path)
    prefix = name.rsplit("-", 1)[0] + "-"
    cutoff = time.time() - STALE_AFTER_DAYS * 86400
    try:
        others = [f for f in os.listdir(directory) if f.startswith(prefix) and f != name]
    except OSError:
        return
    for other in others:
        full = os.path.join(directory, other)
        try:
            if os.stat(full).st_mtime < cutoff:
                os.remove(full)
        except OSError:
            pass
