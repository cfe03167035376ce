"""Optional neural back-end (rule ZW210): pycorrector's MacBertCorrector over a LOCAL model
directory (e.g. a downloaded copy of shibing624/macbert4csc-base-chinese). Needs the `neural`
extra (torch, transformers, pycorrector); nothing is downloaded at run time: the directory must exist."""
from __future__ import annotations

import functools
import os


@functools.lru_cache(maxsize=2)
def _corrector(model_dir: str):
    if not os.path.isdir(model_dir):
        raise FileNotFoundError(f"ZW210: model directory {model_dir} does not exist")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        from pycorrector.macbert.macbert_corrector import MacBertCorrector
    except ImportError as exc:  # torch, transformers or pycorrector missing
        raise RuntimeError(
            "ZW210 needs the neural extra: pip install torch==2.13.0 'zwlint[neural]'"
        ) from exc
    try:  # pycorrector logs with loguru at debug level; keep the linter's output clean
        from loguru import logger

        logger.remove()
    except Exception:  # pragma: no cover
        pass
    return MacBertCorrector(model_dir)


def neural_suspects(model_dir: str, text: str, threshold: float = 0.7) -> list[tuple[int, int, str, str]]:
    """(start, end, wrong, right) for every character the model replaces."""
    corrector = _corrector(model_dir)
    result = corrector.correct(text, threshold=threshold)
    out = []
    for wrong, right, pos in result.get("errors", []):
        if wrong and right and 0 <= pos < len(text) and text[pos] == wrong and wrong != right:
            out.append((pos, pos + 1, wrong, right))
    return out
