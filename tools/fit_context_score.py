"""Fit the weights of ZW207's score (lint/rules/typo/detect.py: CONTEXT_WEIGHTS, CONTEXT_KIND,
CONTEXT_PAIRED, CONTEXT_TRIGRAM) on tuning data only.

    PYTHONPATH=. python tools/fit_context_score.py

Runs the typo rules over the tuning data with detect._DUMP set, so that every candidate ZW207
scores is recorded with its features (the gain of the 5-gram model, of the trigram model, of
the word segmentation, of the character's own frequency; kind; listed pair; kind of position),
(with the screening widened as it was for the fit: PREFILTER_MIN -3.5/-1/-1, ATTESTED 1000 for
every kind of position, every homophone at real-word positions, no LM_GATE),
labels a candidate 1 when it is the gold correction at its position, and fits a logistic
regression (Newton iterations, positives weighted 5, a small ridge). Tuning data: the synthetic
公文 tuning set (benchmarks/typo_synthetic.py, provincial reports of the tuning provinces),
SIGHAN-14, the clean 学习强国 sentences and the provincial reports of the tuning provinces (every
candidate there is a negative). Prints the weights in the form of detect.py.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

KINDS = ("音同", "形近", "音近")


def candidates() -> list[tuple]:
    import eval_typo
    from false_alarms import load_sets

    from lint.config import Config
    from lint.engine import Linter
    from lint.model import Post
    from lint.rules.typo import detect

    shared = eval_typo.SHARED
    pairs = [p for name in ("gov-tune", "sighan14") for p in _pairs(eval_typo, name)]
    clean = [r["correct_text"] for r in json.loads((shared / "data/clean/xxqg_clean_sentences.json").read_text("utf-8"))]
    clean += [t for _id, t, _title, _d in load_sets(shared)["prov-tune"]]
    pairs += [(t, t) for t in clean]
    detect.PREFILTER_MIN = {detect.ORPHAN: -3.5, detect.WEAK: -1.0, detect.REAL_WORD: -1.0}
    detect.ATTESTED = 1000
    detect.LM_GATE = detect.PAIRED_LM_GATE = -float("inf")
    detect.REAL_WORD_ATTESTED = detect.ATTESTED
    linter = Linter(Config(select=["typo"], options={"ZW207": {"min-score": 99, "covered-min-score": 99,
                                                               "real-word-min-score": 99, "real-word-all": True}}))
    rows = []
    for src, tgt in pairs:
        if len(src) != len(tgt):
            continue
        detect._DUMP = []
        linter.check_post(Post(content=src))
        for i, _ch, c, kind, paired, lm, tri, word, uni, where, _need, _est in detect._DUMP:
            rows.append((where, kind, paired, lm, tri, word, uni, int(tgt[i] == c)))
    detect._DUMP = None
    return rows


def _pairs(eval_typo, name):
    source = eval_typo.SETS[name]()
    return eval_typo.read_pairs(source) if isinstance(source, Path) else source


def features(rows) -> np.ndarray:
    out = []
    for where, kind, paired, lm, tri, word, uni, _label in rows:
        real = float(where == 2)
        out.append([lm, tri, word, uni, float(paired)] + [float(kind == k) for k in KINDS]
                   + [float(where == w) for w in range(3)] + [lm * real, word * real, uni * real])
    return np.array(out)


def fit(x: np.ndarray, y: np.ndarray, positive_weight: float = 5.0, ridge: float = 1e-2) -> np.ndarray:
    mu, sd = x.mean(0), x.std(0) + 1e-9
    xb = np.hstack([(x - mu) / sd, np.ones((len(x), 1))])
    weight = np.where(y == 1, positive_weight, 1.0)
    w = np.zeros(xb.shape[1])
    for _ in range(25):
        p = 1 / (1 + np.exp(-np.clip(xb @ w, -30, 30)))
        grad = xb.T @ ((p - y) * weight) + ridge * w
        hess = (xb * (p * (1 - p) * weight)[:, None]).T @ xb + ridge * np.eye(len(w))
        w -= np.linalg.solve(hess, grad)
    return np.concatenate([w[:-1] / sd, [w[-1] - (mu / sd) @ w[:-1]]])


def main() -> None:
    rows = candidates()
    y = np.array([r[-1] for r in rows], dtype=float)
    w = fit(features(rows), y)
    lm, tri, word, uni, paired, k_same, k_shape, k_tone, orphan, weak, real, lm_r, word_r, uni_r, bias = w
    print(f"{len(rows):,} candidates, {int(y.sum()):,} right")
    print("CONTEXT_WEIGHTS = {")
    for name, b, dl, dw, du in (("ORPHAN", orphan, 0, 0, 0), ("WEAK", weak, 0, 0, 0), ("REAL_WORD", real, lm_r, word_r, uni_r)):
        print(f'    {name}: {{"bias": {bias + b:.3f}, "lm": {lm + dl:.3f}, "word": {word + dw:.3f}, "unigram": {uni + du:.3f}}},')
    print("}")
    print(f"CONTEXT_TRIGRAM = {tri:.3f}")
    print(f'CONTEXT_KIND = {{"音同": {k_same:.3f}, "形近": {k_shape:.3f}, "音近": {k_tone:.3f}}}')
    print(f"CONTEXT_PAIRED = {paired:.3f}")


if __name__ == "__main__":
    main()
