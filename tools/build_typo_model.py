"""Build the typo model (lint/typo/resources.py) into the cache and print what it holds.

    PYTHONPATH=. python tools/build_typo_model.py
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lint.typo import resources  # noqa: E402


def main() -> None:
    t0 = time.perf_counter()
    path = resources.model_path()
    if os.path.exists(path):
        os.remove(path)
    resources.typo_model.cache_clear()
    model = resources.typo_model()
    built = time.perf_counter() - t0
    resources.typo_model.cache_clear()
    t0 = time.perf_counter()
    resources.typo_model()
    loaded = time.perf_counter() - t0
    print(f"sources: {resources.source_files()}")
    print(f"words {len(model.freq):,}  names {len(model.names):,}  idioms {len(model.idioms):,}  "
          f"masked targets {len(model.targets):,}  total frequency {model.total:,}")
    lm = model.lm
    print(f"character model (ZW207): {lm.total:,} running-text characters, {len(lm.uni):,} characters, "
          f"{len(lm.bi):,} bigrams, {len(lm.tri):,} trigrams (seen >= {resources.TRIGRAM_MIN} times)")
    print(f"cache file {path}: {os.path.getsize(path) / 1e6:.1f} MB; built in {built:.1f} s, loads in {loaded:.2f} s")


if __name__ == "__main__":
    main()
