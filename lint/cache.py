"""The on-disk cache: derived data (compiled automaton, character tables, the typo
model) kept between runs so that a second run starts fast."""
from __future__ import annotations

import gc
import os
import pickle
from typing import Callable, TypeVar

T = TypeVar("T")


def cache_dir() -> str:
    """$ZWLINT_CACHE_DIR, else $XDG_CACHE_HOME/zwlint, else ~/.cache/zwlint."""
    path = os.environ.get("ZWLINT_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "zwlint"
    )
    os.makedirs(path, exist_ok=True)
    return path


def cached_pickle(path: str, build: Callable[[], T]) -> T:
    """The object pickled at `path`, or build() it and pickle it there (atomically; a
    cache that cannot be written is no error)."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
        # the cached objects hold no reference cycles: collecting while millions of them are
        # created only costs time (a third of the typo model's load)
        gc.disable()
        try:
            return pickle.loads(data)
        finally:
            gc.enable()
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    value = build()
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        with open(tmp, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass
    return value
