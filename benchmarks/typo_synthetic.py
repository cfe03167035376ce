"""A synthetic 公文 test set for the typo rules: sentences of real government reports with
spelling errors planted from the confusion sets, generated at evaluation time from
../shared/data/corpora (the text itself never enters the repository).

    PYTHONPATH=. python benchmarks/typo_synthetic.py [--part held-out] [--show 20]

How it is made (deterministic: the same seed gives the same set):
- Sources, split like benchmarks/false_alarms.py (and the government-register language model,
  tools/build_typo_lm.py, which is counted from the EVEN years and even-numbered congresses):
  * `held-out`: the government work reports of the ODD years and the reports of the
    ODD-numbered CPC congresses (never counted into the language model, never tuned on);
  * `tune`: the provincial government work reports 2026 of the tuning provinces (not in the
    language model either; thresholds are chosen on this part).
- Text: converted to simplified characters (OpenCC t2s: the early reports are traditional),
  single line breaks inside paragraphs removed (wikisource breaks lines around links), split
  into sentences at 。！？；; a sentence is kept when it has 12-150 characters, at least 70% Han
  characters and only GB2312 Han characters. SENTENCES sentences are drawn at random.
- Errors: a sentence of n Han characters gets floor(n / RATE) errors plus one more with
  probability (n mod RATE) / RATE, i.e. one per RATE (150) characters on average, at most
  three, never two adjacent. Each error is, with the probabilities of KIND_WEIGHTS:
  * `公文`: a pair editors of government text confuse (PAIRS: 的/地/得, 在/再, 做/作, 制定/制订,
    反映/反应, 检察/检查, 截至/截止, 须/需 …) swapped where the sentence has one (的/地/得 only
    where it is not part of a common two-character word such as 地方, 得到, 目的); these are
    mostly real-word errors (the result is itself a word);
  * `真词`: a character replaced by any confusable character (kinds as below) that makes a word
    of frequency >= REAL_WORD_MIN with its neighbours (a real-word error: 检察院 -> 检查院);
  * `音同` / `形近` / `音近`: a random character of the sentence replaced by a same-tone
    homophone, a look-alike or an other-tone homophone from the typo model's confusion sets
    (pycorrector's same_pinyin/same_stroke and dictionaries/typos_confusable_pairs.txt),
    chosen with probability proportional to the square root of its corpus count (common
    characters are the common slips), among characters seen at least 50 times.
  The errors that make a word (real-word errors, whatever their kind) are counted by main().
"""
from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

SEED = 20261202
SENTENCES = {"held-out": 2500, "tune": 2000}
RATE = 150
MAX_ERRORS = 3
KIND_WEIGHTS = {"公文": 0.2, "真词": 0.2, "音同": 0.35, "形近": 0.15, "音近": 0.1}
REAL_WORD_MIN = 100  # the least frequency (jieba's scale) of the word a 真词 slip makes
MIN_CHAR_COUNT = 50
# (written correctly, the slip): real-word pairs of 公文 (the slip is usually a word itself)
PAIRS = [
    ("的", "地"), ("地", "的"), ("得", "的"), ("的", "得"), ("在", "再"), ("再", "在"), ("做", "作"),
    ("作", "做"), ("制定", "制订"), ("制订", "制定"), ("反映", "反应"), ("检察", "检查"),
    ("截至", "截止"), ("须", "需"), ("需", "须"), ("象", "像"), ("像", "象"), ("已", "以"),
    ("以", "已"), ("坐", "座"), ("座", "坐"), ("即", "既"), ("既", "即"), ("部署", "部暑"),
    ("权利", "权力"), ("权力", "权利"), ("必需", "必须"), ("必须", "必需"), ("其他", "其它"),
    ("度", "渡"), ("带", "戴"), ("决", "绝"), ("型", "形"), ("历", "厉"), ("竞", "竟"), ("辩", "辨"),
]
PARTICLES = set("的地得")
_SENTENCE = re.compile(r"[^。！？；]*[。！？；]")


def _sources(part: str) -> list[str]:
    from false_alarms import load_sets, shared

    sets = load_sets(shared())
    if part == "held-out":
        names = ("work-held-out", "congress-held-out")
    elif part == "tune":
        names = ("prov-tune",)
    else:
        raise ValueError(f"unknown part {part!r}")
    return [text for name in names for _id, text, _title, _date in sets[name]]


def _sentences(texts: list[str]) -> list[str]:
    import opencc

    from lint.rules.typo.model import is_han, is_simplified_char

    t2s = opencc.OpenCC("t2s")
    out = []
    for text in texts:
        text = t2s.convert(text)
        text = re.sub(r"(?<!\n)\n(?!\n)", "", text)
        for para in text.split("\n"):
            for m in _SENTENCE.finditer(para.strip()):
                s = m.group().strip()
                han = [c for c in s if is_han(c)]
                if 12 <= len(s) <= 150 and len(han) >= 0.7 * len(s) and all(map(is_simplified_char, han)):
                    out.append(s)
    return out


def _in_word(model, s: str, i: int) -> bool:
    """s[i] is part of a common two-character word (地方, 得到, 目的): no 的/地/得 slip there."""
    return any(model.freq.get(s[j:j + 2], 0) >= 100 for j in (i - 1, i) if j >= 0)


def _makes_word(model, s: str, i: int, c: str) -> bool:
    """Replacing s[i] by c makes a word of two or three characters with its neighbours that the
    sentence did not have there (检查院 for 检察院)."""
    t = s[:i] + c + s[i + 1:]
    return any(model.freq.get(t[a:a + n], 0) >= REAL_WORD_MIN and model.freq.get(s[a:a + n], 0) < REAL_WORD_MIN
               for n in (2, 3) for a in range(max(0, i - n + 1), i + 1) if a + n <= len(s))


def _plant(rng: random.Random, s: str, model, weights) -> tuple[str, list[str]]:
    """The sentence with its errors and the kinds of the errors planted."""
    from lint.rules.typo.model import is_han

    chars = list(s)
    n_han = sum(map(is_han, s))
    n = n_han // RATE + (1 if rng.random() < (n_han % RATE) / RATE else 0)
    n = min(n, MAX_ERRORS)
    kinds: list[str] = []
    touched: set[int] = set()
    for _ in range(n):
        kind = rng.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()))[0]
        done = False
        if kind == "公文":
            options = [(m.start(), right, wrong) for right, wrong in PAIRS for m in re.finditer(re.escape(right), s)
                       if right not in PARTICLES or not _in_word(model, s, m.start())]
            rng.shuffle(options)
            for at, right, wrong in options:
                span = [at + k for k in range(len(right)) if right[k] != wrong[k]]
                if any(p - 1 in touched or p in touched or p + 1 in touched for p in span):
                    continue
                for p in span:
                    chars[p] = wrong[p - at]
                    touched.add(p)
                done = True
                break
        if not done:
            if kind == "公文":
                kind = "音同"
            positions = [i for i, c in enumerate(s) if is_han(c) and not {i - 1, i, i + 1} & touched]
            rng.shuffle(positions)
            for i in positions:
                cands = [c for c, k in model.confmap.get(s[i], {}).items()
                         if (k == kind or kind == "真词") and weights.get(c, 0) > 0]
                if kind == "真词":
                    cands = [c for c in cands if _makes_word(model, s, i, c)]
                if not cands:
                    continue
                c = rng.choices(cands, weights=[weights[c] for c in cands])[0]
                chars[i] = c
                touched.add(i)
                done = True
                break
        if done:
            kinds.append(kind)
    return "".join(chars), kinds


def synthetic_set(part: str = "held-out", seed: int = SEED, size: int | None = None) -> list[tuple[str, str, list[str]]]:
    """(source with errors, correct sentence, kinds of the planted errors) for `size` sentences
    of `part` (SENTENCES[part] by default)."""
    from lint.rules.typo.model import typo_model

    model = typo_model()
    weights = {chr(c): math.sqrt(n) for c, n in model.lm.uni.items() if n >= MIN_CHAR_COUNT and c < 0x110000}
    sentences = _sentences(_sources(part))
    rng = random.Random(f"{seed}:{part}")
    size = size or SENTENCES[part]
    picked = sorted(rng.sample(range(len(sentences)), min(size, len(sentences))))
    rows = []
    for k in picked:
        tgt = sentences[k]
        src, kinds = _plant(rng, tgt, model, weights)
        rows.append((src, tgt, kinds))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--part", default="held-out", choices=sorted(SENTENCES))
    ap.add_argument("--show", type=int, default=10)
    ap.add_argument("--jsonl", type=Path, help="write the set here (outside the repository)")
    args = ap.parse_args()
    from lint.rules.typo.model import typo_model

    rows = synthetic_set(args.part)
    model = typo_model()
    kinds: dict[str, int] = {}
    real_word = errors = 0
    for src, tgt, ks in rows:
        for k in ks:
            kinds[k] = kinds.get(k, 0) + 1
        for i, (a, b) in enumerate(zip(src, tgt)):
            if a != b:
                errors += 1
                real_word += _makes_word(model, tgt, i, a)
    n_chars = sum(len(t) for _s, t, _k in rows)
    print(f"{args.part}: {len(rows)} sentences, {n_chars} chars, {sum(1 for s, t, _ in rows if s != t)} with errors, "
          f"{errors} wrong characters (one per {n_chars / max(errors, 1):.0f} chars), kinds {kinds}, "
          f"{real_word} of them make a word of frequency >= {REAL_WORD_MIN} (real-word errors)")
    for src, tgt, ks in [r for r in rows if r[0] != r[1]][: args.show]:
        print(f"  {ks}  {src}\n         {tgt}")
    if args.jsonl:
        with open(args.jsonl, "w", encoding="utf-8") as fh:
            for src, tgt, ks in rows:
                fh.write(json.dumps({"source": src, "target": tgt, "kinds": ks}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
