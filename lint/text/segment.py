"""jieba segmentation, loaded on first use (it costs ~0.5 s of start-up)."""
from __future__ import annotations

import functools
import logging


@functools.cache
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def tokenize(text: str) -> list[tuple[str, int, int]]:
    return list(_jieba().tokenize(text, HMM=True))
