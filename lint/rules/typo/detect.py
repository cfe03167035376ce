"""Finding suspected typos in a text with the TypoModel.

All functions take the folded text (traditional folded to simplified, same offsets as the
original) and return Suspect objects with offsets into it.

Character confusions (ZW203). A character that no dictionary word covers ("orphan") is a
suspect when one of its confusable characters (same pinyin, similar shape) turns it and its
neighbours into a dictionary word. The local window (up to 4 characters each side, within
the clause) is then segmented with the word-unigram LM before and after the substitution;
the log-probability gain, minus a prior for the kind of confusion, is the confidence.
Person and place names (the dictionaries' nr/ns words and pycorrector's names) and
characters right after a common surname are never suspects.

Idiom variants (ZW202). A four-character string that is not itself a frequent word and
differs from a jieba idiom in one character, the two characters being confusable.
"""
from __future__ import annotations

import bisect
import functools
import math
import re
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from lint.rules.typo.model import CONFUSION_KINDS, SURNAMES, TypoModel, is_han

# A word covers its characters (they are no suspects) from this frequency on; rarer entries
# of the dictionaries include misspellings (再接再励 3).
COVER_MIN = 10
# ... and from this frequency on it covers them for ZW207 too (below it, the word may be the typo:
# 记念 for 纪念, 工课 for 功课)
FIRM_COVER = 2000
# Inside a word of RARE_COVER to FIRM_COVER (重心, 绝不: ordinary words) a character needs this
# much more than ZW207's covered-min-score
RARE_COVER = 300
COMMON_WORD_MARGIN = 1.0
# Characters this frequent as one-character words (的 和 是 在 ...) are not suspects: their
# confusions (的/地/得, 在/再) need grammar, not a dictionary.
STANDALONE_MIN = 20000
STANDALONE_PENALTY: float | None = None  # None: never suspects
NUMERALS = set("一二三四五六七八九十百千万亿两零〇")
WINDOW = 4
MAX_WORD = 12  # longer dictionary words do not matter to the duplicate checks
# log-prior of each kind of confusion (same-tone homophones are the commonest typos).
PRIOR = {"音同": 0.0, "形近": -1.0, "音近": -2.0}
UNKNOWN_CHAR = -math.log(10)  # relative to a frequency of 1


@dataclass
class Suspect:
    start: int
    end: int
    wrong: str
    right: str
    kind: str
    score: float
    code: str


_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


def _runs(text: str):
    """(start, end) of the runs of Han characters."""
    for m in _HAN_RUN.finditer(text):
        yield m.start(), m.end()


def orphans(text: str, covered) -> list[tuple[int, int, int]]:
    """(i, run start, run end) for every Han character no frequent word covers, in runs of
    two or more Han characters: the only positions ZW203 and ZW207 look at."""
    out = []
    find = covered.find
    for rs, re_ in _runs(text):
        if re_ - rs < 2:
            continue
        i = find(0, rs, re_)
        while i != -1:
            out.append((i, rs, re_))
            i = find(0, i + 1, re_)
    return out


def segment_score(model: TypoModel, s: str) -> float:
    """Best log-probability of `s` under the word-unigram model (Viterbi over words of up to
    six characters). The automaton finds the words in one call; its matches come in order of
    their end, which is the order the Viterbi needs."""
    freq = model.freq
    word_freq = model.word_freq
    log_total = model.log_total
    log = math.log
    unknown = UNKNOWN_CHAR - log_total
    matches = model.automaton.find_overlapping(s)
    m, n_matches = 0, len(matches)
    best = [0.0] * (len(s) + 1)
    v = 0.0
    for j, ch in enumerate(s, 1):
        f = freq.get(ch)
        v += log(f) - log_total if f is not None else unknown
        while m < n_matches:
            start, end, pid = matches[m]
            if end != j:
                break
            m += 1
            if end - start <= 6:
                w = best[start] + log(word_freq[pid]) - log_total
                if w > v:
                    v = w
        best[j] = v
    return v


def weakly_covered(model: TypoModel, text: str, firm, weak) -> list[tuple[int, str, int]]:
    """(i, replacements, frequency) for every Han character covered only by dictionary words
    rarer than FIRM_COVER (`weak`: their spans and frequencies) that has confusable characters
    making another word of one of them (记念: 纪; 工课: 功), with those characters and the
    frequency of the most frequent covering word, in text order: ZW207 looks at these too, at a
    higher score."""
    found: dict[int, str] = {}
    most: dict[int, int] = {}
    for s, e, f in weak:
        for k, chars in model.replacements(text[s:e]):
            i = s + k
            if not firm[i]:
                if i in found:
                    found[i] += chars
                    most[i] = max(f, most[i])
                else:
                    found[i] = chars
                    most[i] = f
    return [(i, found[i], most[i]) for i in sorted(found)]


def coverage(model: TypoModel, text: str):
    """Per character: covered by a frequent word of >= 2 characters; inside a name; covered by
    a word of frequency >= FIRM_COVER or a name ("firm"). Also the automaton's matches, and the
    spans and frequencies of the covering words rarer than FIRM_COVER (for weakly_covered)."""
    n = len(text)
    matches = model.automaton.find_overlapping(text)
    if not matches:
        return bytearray(n), bytearray(n), matches, bytearray(n), []
    word_freq, word_named = _word_arrays(model)
    s, e, pid = np.array(matches, dtype=np.int64).T
    f = word_freq[pid]
    named_word = word_named[pid]
    is_cover = named_word | (f >= COVER_MIN)
    is_firm = named_word | (f >= FIRM_COVER)

    def mask(which) -> bytearray:
        depth = np.cumsum(np.bincount(s[which], minlength=n + 1) - np.bincount(e[which], minlength=n + 1))[:n]
        return bytearray((depth > 0).astype(np.uint8).tobytes())

    (weak,) = np.nonzero(is_cover & ~is_firm & (e - s <= 4))
    weak_spans = list(zip(s[weak].tolist(), e[weak].tolist(), f[weak].tolist()))
    return mask(is_cover), mask(named_word), matches, mask(is_firm), weak_spans


_WORD_ARRAYS: dict[int, tuple] = {}


def _word_arrays(model: TypoModel) -> tuple[np.ndarray, np.ndarray]:
    """The model's word frequencies and name flags by automaton pattern id, as numpy arrays."""
    found = _WORD_ARRAYS.get(id(model))
    if found is None or found[0] is not model:
        freq = np.frombuffer(model.word_freq, dtype=np.int32) if model.word_freq.itemsize == 4 \
            else np.array(model.word_freq, dtype=np.int64)
        named = np.frombuffer(model.word_named, dtype=np.uint8).astype(bool)
        found = _WORD_ARRAYS[id(model)] = (model, freq.astype(np.int64), named)
    return found[1], found[2]


def char_confusions(model: TypoModel, text: str, covered, named, positions=None) -> list[Suspect]:
    freq = model.freq
    targets = model.targets
    out: list[Suspect] = []
    if positions is None:
        positions = orphans(text, covered)
    for i, rs, re_ in positions:
        ch = text[i]
        if ch in NUMERALS:
            continue
        extra = STANDALONE_PENALTY if freq.get(ch, 0) >= STANDALONE_MIN else 0.0
        if extra is None:
            continue
        # names: a character right after a surname that is itself uncovered
        if i > rs and text[i - 1] in SURNAMES and not covered[i - 1]:
            continue
        if i > rs + 1 and text[i - 2] in SURNAMES and not covered[i - 2] and not covered[i - 1]:
            continue
        # reduplicated verbs V一V (歇一歇, 看一看)
        if i >= rs + 2 and text[i - 1] == "一" and text[i - 2] == ch:
            continue
        conf = model.confmap.get(ch)
        if not conf:
            continue
        found: dict[str, tuple[int, int, int]] = {}
        for length in (2, 3, 4):
            for a in range(max(rs, i - length + 1), min(i, re_ - length) + 1):
                b = a + length
                chars = targets.get(text[a:i] + "*" + text[i + 1 : b])
                if not chars:
                    continue
                for c in chars:
                    if c not in conf:
                        continue
                    f = freq[text[a:i] + c + text[i + 1 : b]]
                    if c not in found or f > found[c][2]:
                        found[c] = (a, b, f)
        if not found:
            continue
        best = None
        lo = max(rs, i - WINDOW)
        hi = min(re_, i + WINDOW + 1)
        orig = text[lo:hi]
        base = None
        for c, target in found.items():
            kind = conf.get(c)
            if kind is None:
                continue
            if base is None:
                base = segment_score(model, orig)
            corr = text[lo:i] + c + text[i + 1 : hi]
            gain = segment_score(model, corr) - base + PRIOR[kind] + extra
            if best is None or gain > best[0]:
                best = (gain, c, kind, target)
        if best is None:
            continue
        gain, c, kind, (a, b, _f) = best
        out.append(Suspect(a, b, text[a:b], text[a:i] + c + text[i + 1 : b], kind, gain, "ZW203"))
    return out


def _confusable(model: TypoModel, right: str, wrong: str) -> str | None:
    return model.confmap.get(wrong, {}).get(right)


def idiom_variants(model: TypoModel, text: str, named) -> list[Suspect]:
    idioms = model.idioms
    masks = model.idiom_masks
    freq = model.freq
    out: list[Suspect] = []
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    if len(codes) < 4:
        return out
    # every window of four Han characters, packed, with each character masked in turn: the
    # windows one substitution away from an idiom are the ones the mask table knows
    han = (codes >= 0x4E00) & (codes <= 0x9FFF)
    (starts,) = np.nonzero(han[:-3] & han[1:-2] & han[2:-1] & han[3:])
    wide = codes.astype(np.uint64)
    windows = wide[starts] << 48 | wide[starts + 1] << 32 | wide[starts + 2] << 16 | wide[starts + 3]
    masked = np.concatenate([windows & _UNMASK[k] for k in range(4)])
    known = (model.idiom_mask_table.lookup(masked) > 0).reshape(4, len(windows))
    (hits,) = np.nonzero(known.any(axis=0))
    for h in hits.tolist():
        j = int(starts[h])
        w = text[j : j + 4]
        if w in idioms or named[j]:
            continue
        fw = freq.get(w, 0)
        for k in range(4):
            if not known[k, h]:
                continue
            for idiom in masks[w[:k] + "*" + w[k + 1 :]]:
                fi = idioms[idiom]
                if fw * 10 >= fi:
                    continue
                kind = _confusable(model, idiom[k], w[k])
                if kind is None:
                    continue
                score = math.log(fi / (fw + 1)) + PRIOR[kind]
                out.append(Suspect(j, j + 4, w, idiom, kind, score, "ZW202"))
    return out


# a packed window (model.pack) with character k set to 0, the packed "*"
_UNMASK = [np.uint64(~(0xFFFF << (48 - 16 * k)) & 0xFFFFFFFFFFFFFFFF) for k in range(4)]


# Characters whose doubling is a typo unless a dictionary word covers the pair
# (的的, 了了 but 不了了之, 是是 but 是是非非, 在在 ...).
# Positions where a unit of one to four Han characters is immediately repeated.
_REPEAT = re.compile(r"(?=([\u4e00-\u9fff]{1,4})\1)")

# Verbs whose ABAB reduplication is ordinary (研究研究, 恭喜恭喜): not reported.
REDUPLICATED = set(
    "恭喜 学习 研究 讨论 考虑 商量 休息 活动 锻炼 了解 认识 介绍 打扫 收拾 准备 比较 检查 调查 练习 "
    "复习 整理 交流 沟通 放松 体验 感受 欣赏 享受 尝试 思考 关心 照顾 帮助 参观 谢谢 打听 琢磨 "
    "合计 溜达 清理 梳理 分析 总结 反思 走动 聊聊 看看 说说 想想 试试 动动".split()
)
# Doubled nouns and verbs that end a clause (我妈妈。 检查看看。 照抄本本，): not 落到实处处。
CLAUSE_FINAL_AA = set(
    "爸爸 妈妈 哥哥 姐姐 弟弟 妹妹 爷爷 奶奶 姥姥 公公 婆婆 叔叔 伯伯 舅舅 姑姑 婶婶 太太 宝宝 娃娃 "
    "星星 本本 人人 天天 年年 月月 个个 家家 户户 种种 等等 看看 瞧瞧 听听 谈谈 问问 走走 查查 算算 "
    "逛逛 尝尝 写写 读读 练练 学学 讲讲 比比 摸摸 拍拍 聊聊 说说 想想 试试 动动".split()
)
# ABAB that is intended: 看着看着, 走着走着 (V着V着); 很小很小, 好大好大 (degree adverb + adjective).
ABAB_SECOND = set("着著")
ABAB_FIRST = set("很好太真多老挺蛮超特")
CN_NUMERALS = set("〇零一二三四五六七八九十百千万亿两")
# 某某 is the placeholder of 公文 (张某某, 某某单位): never a duplicate.
PLACEHOLDER = "某"
DOUBLE_FUNCTION = set("的了是在和与及对把被将于从向就也都还又并而之以其所由为地得着过")


def duplicates(model: TypoModel, text: str, matches) -> list[Suspect]:
    """Doubled characters and words: 落实落实, 的的, 落到实处处。"""
    freq = model.freq
    word_freq = model.word_freq
    out: list[Suspect] = []
    n = len(text)
    repeats = list(_REPEAT.finditer(text))
    if not repeats:
        return out
    # what the checks below ask of the dictionary matches, gathered only near the repeats
    # (the automaton reports matches in order of their end)
    ends = [e for _s, e, _p in matches]
    pair_covered: set[int] = set()  # i such that a word of the dictionary covers [i, i+2)
    pair_covered_long: set[int] = set()  # ... a word of three or more characters
    ends_at: dict[int, int] = {}  # end -> longest frequent word of >= 2 chars ending there
    starts: set[int] = set()  # starts of frequent words of >= 2 chars
    seen: set[int] = set()
    for m in repeats:
        i = m.start()
        for k in range(bisect.bisect_left(ends, i + 1), bisect.bisect_right(ends, i + 2 * len(m.group(1)) + MAX_WORD)):
            if k in seen:
                continue
            seen.add(k)
            s, e, pid = matches[k]
            if e - s > 2 or (e - s == 2 and word_freq[pid] >= COVER_MIN):
                for j in range(s, e - 1):
                    if text[j] == text[j + 1]:
                        pair_covered.add(j)
                        if e - s > 2:
                            pair_covered_long.add(j)
            if e - s >= 2 and word_freq[pid] >= 20:
                ends_at[e] = max(ends_at.get(e, 0), e - s)
                starts.add(s)
    skip_until = 0
    for m in repeats:
        i = m.start()
        if i < skip_until:
            continue
        ch = text[i]
        # repeated words of 2-4 characters
        hit = False
        for length in (4, 3, 2):
            if i + 2 * length <= n and text[i : i + length] == text[i + length : i + 2 * length]:
                w = text[i : i + length]
                if (
                    freq.get(w, 0) >= 100
                    and w + w not in freq
                    and not w.startswith("一")
                    and w not in REDUPLICATED
                    and not (length == 2 and (w[1] in ABAB_SECOND or w[0] in ABAB_FIRST))
                    and all(is_han(c) for c in w)
                    and text[i + 2 * length : i + 3 * length] != w
                    and (i == 0 or text[i - length : i] != w)
                ):
                    out.append(Suspect(i, i + 2 * length, w + w, w, "重复", 10.0, "ZW204"))
                    skip_until = i + 2 * length
                    hit = True
                    break
        if hit:
            continue
        if ch == PLACEHOLDER:
            continue
        if ch in CN_NUMERALS and i > 0 and text[i - 1] in CN_NUMERALS:
            continue  # 十五五 (the 15th five-year plan), 一五五
        if (i + 3 < n and text[i + 2] == text[i + 3] != ch) or (i >= 2 and text[i - 2] == text[i - 1] != ch):
            continue  # AABB: 干干净净, 平平安安
        if text[i + 1] == ch and (i + 2 >= n or text[i + 2] != ch) and (i == 0 or text[i - 1] != ch):
            after = text[i + 2] if i + 2 < n else ""
            clause_end = not after or not is_han(after)
            # 存在在, 实事求是是, 反对对, 不了了: the first ends a word, the second starts a phrase
            if ch in DOUBLE_FUNCTION and i not in pair_covered and i + 1 not in ends_at and i + 1 not in starts:
                out.append(Suspect(i, i + 2, ch + ch, ch, "重复", 10.0, "ZW204"))
                skip_until = i + 2
                continue
            # a frequent word ending in ch, then ch again at the end of a clause (落到实处处。)
            if (
                clause_end
                and ch not in DOUBLE_FUNCTION
                and ch + ch not in CLAUSE_FINAL_AA
                and ends_at.get(i + 1, 0) >= 2
                and i not in pair_covered_long
                and text[i + 1 - ends_at[i + 1] : i + 2] not in freq
            ):
                out.append(Suspect(i, i + 2, ch + ch, ch, "重复", 8.0, "ZW204"))
                skip_until = i + 2
    return out


# A run of traditional characters with at least TRADITIONAL_RUNS runs (itself included)
# starting within TRADITIONAL_WINDOW characters either side belongs to a passage written or
# left (by a partial conversion) in traditional characters, not to a stray slip like 經濟.
TRADITIONAL_WINDOW = 50
TRADITIONAL_RUNS = 3


def traditional(text: str, folded: str) -> list[Suspect]:
    """Traditional characters in a text that is otherwise simplified: runs of stray ones
    (kind 繁体) and runs inside passages in traditional characters (kind 繁体段落)."""
    from lint.rules.typo.model import is_simplified_char

    han = 0
    trad: list[int] = []
    for i, (a, b) in enumerate(zip(text, folded)):
        if "\u4e00" <= a <= "\u9fff":
            han += 1
            if a != b and not is_simplified_char(a):
                trad.append(i)
    # a traditional text (or a garbled conversion) is not "mixed": leave it alone
    if not trad or han < 20 or len(trad) * 10 > han:
        return []
    runs: list[tuple[int, int]] = []
    run_start = prev = trad[0]
    for i in trad[1:] + [None]:
        if i is not None and i == prev + 1:
            prev = i
            continue
        runs.append((run_start, prev + 1))
        if i is not None:
            run_start = prev = i
    starts = [s for s, _e in runs]
    out: list[Suspect] = []
    for s, e in runs:
        near = (bisect.bisect_right(starts, s + TRADITIONAL_WINDOW)
                - bisect.bisect_left(starts, s - TRADITIONAL_WINDOW))
        out.append(Suspect(s, e, text[s:e], folded[s:e], "繁体段落" if near >= TRADITIONAL_RUNS else "繁体",
                           10.0, "ZW206"))
    return out


# Context confusions (ZW207). The screening (_Screening) estimates each candidate's gain from
# character bigram counts in these units: a prior per kind of confusion, a bonus for the pairs
# of dictionaries/typos_confusable_pairs.txt (在/再, 象/像, 坐/座 ...); the estimate must reach
# PREFILTER_MIN before the language models and the segmentation are asked ...
CONTEXT_PRIOR = {"音同": 0.0, "形近": -3.5, "音近": -4.5}
CONTEXT_PAIR_BONUS = 2.0
# ... and only with characters at most e^this less frequent in the corpus (e^4.6 = 100)
COMMON_CONFUSION_SPAN = 4.6
# A character seen this often in the corpus next to both of its neighbours is not a suspect.
ATTESTED = 100


CARET, DOLLAR = ord("^"), ord("$")  # a Han run's edges in the character model
_KIND_PRIOR = np.array([CONTEXT_PRIOR[k] for k in CONFUSION_KINDS])
_NUMERAL_MASK = np.zeros(0x10000, dtype=bool)
_NUMERAL_MASK[[ord(c) for c in NUMERALS]] = True


def _local_logp(lm, a: int, b: int, x: int, d: int, e: int | None) -> float:
    """Log-probability of every trigram that sees the character x, in the context a b x d e
    (code points; "^"/"$" at the run's edges, e None past the end)."""
    total = lm.logp(a, b, x) + lm.logp(b, x, d)
    if e is not None:
        total += lm.logp(x, d, e)
    return total


# The kinds of position ZW207 visits: no frequent word covers it; only rare words cover it
# (weakly_covered); inside ordinary dictionary words (real-word errors).
ORPHAN, WEAK, REAL_WORD = 0, 1, 2
# Only candidates the 5-gram model prefers by at least this much (log), or by PAIRED_LM_GATE
# for a listed pair (因该 -> 应该: the words decide), are scored further: on the tuning data
# this keeps 99% of the right corrections that reach the thresholds and a tenth of the
# candidates (PAIRED_LM_GATE 1 instead of none: the same right corrections, a fifth of the pairs).
LM_GATE = 2.0
PAIRED_LM_GATE = -1.0
# A real-word suspect inside a word of FIRM_COVER or more needs this much more.
FIRM_MARGIN = 2.0
# A character inside a dictionary word is a real-word suspect only where the corpus has it
# fewer than this many times next to one of its neighbours (检查|院 5, 民组|团 2: of the 34 right
# real-word corrections of the tuning data, 33 were below 5 on one side, 27 at 0), and only
# with its homophones (a look-alike inside a word was right once): about a third of the
# screening's work.
REAL_WORD_ATTESTED = 10
REAL_WORD_KINDS = np.array([kind in ("音同", "音近") for kind in CONFUSION_KINDS])
# ... and only with characters at most e^this rarer in the corpus (the right ones of the
# tuning data were at most e^2.1 rarer)
REAL_WORD_SPAN = 3.0
# The weights of context_score: a logistic regression of "this candidate is the gold
# correction" on the candidates ZW207 scored in the synthetic 公文 tuning set (provincial
# reports), SIGHAN-14, the clean 学习强国 sentences and the provincial reports of the tuning
# provinces (tools/fit_context_score.py; Newton iterations, positives weighted 5, a small ridge).
CONTEXT_WEIGHTS = {
    ORPHAN: {"bias": -5.608, "lm": 0.424, "word": 0.336, "unigram": -0.373},
    WEAK: {"bias": -6.276, "lm": 0.424, "word": 0.336, "unigram": -0.373},
    REAL_WORD: {"bias": -5.567, "lm": 0.275, "word": 0.625, "unigram": -0.156},
}
CONTEXT_TRIGRAM = 0.102
CONTEXT_KIND = {"音同": 0.593, "形近": -0.302, "音近": -0.679}
CONTEXT_PAIRED = 2.968
# score = SCORE_OFFSET + SCORE_SCALE * log-odds: the options keep their earlier range
SCORE_OFFSET = 8.5
SCORE_SCALE = 2.0
# the bigram estimate of a candidate's gain (the old trigram model's units) must reach this
# (the weights were fitted on the candidates of -3.5, -1, -1 with ATTESTED 1000: 5% more recall
# on the test sets, at a third of the speed)
PREFILTER_MIN = {ORPHAN: 0.5, WEAK: 1.0, REAL_WORD: 2.0}
_DUMP: list | None = None  # tools/fit_context_score.py collects ZW207's candidates here
LM_SPAN = 4  # characters each side of a suspect that the 5-gram model sees


def lm_gains(lm, text: str, at: np.ndarray, run_start: np.ndarray, run_end: np.ndarray, owner: np.ndarray,
             codes: np.ndarray) -> np.ndarray:
    """The gain in log-probability under the government-register 5-gram model (lm.py) of every
    n-gram that sees character at[owner[k]] (inside the Han run [run_start, run_end) around it)
    when it is replaced by the character codes[k], for every k, in one batch for the whole text."""
    from lint.rules.typo.lm import BOS, EOS, PAD

    if not len(codes):
        return np.zeros(0)
    ids = lm.encode(text)
    pos = at[:, None] + np.arange(-LM_SPAN, LM_SPAN + 1)
    inside = (pos >= run_start[:, None]) & (pos < run_end[:, None])
    base = np.where(inside, ids[np.clip(pos, 0, len(ids) - 1)], PAD)
    base = np.where(pos == run_start[:, None] - 1, BOS, base)
    base = np.where(pos == run_end[:, None], EOS, base)
    rows = base[owner]
    rows[:, LM_SPAN] = lm.ids[np.minimum(codes, 0xFFFF)]
    scores = lm.window_logp(np.concatenate([base, rows]), LM_SPAN)
    return scores[len(at):] - scores[:len(at)][owner]


def context_confusions(model: TypoModel, text: str, covered, named, min_score: float,
                        positions=None, weak_positions=(), weak_min_score: float = math.inf,
                        lowered: dict[int, float] | None = None, firm=None,
                        real_word_min_score: float = math.inf, real_word_all: bool = False) -> list[Suspect]:
    """Characters whose homophone or look-alike the language models find much likelier in
    their context: the characters no word covers (`positions`: 再见 for 在见, 我们 for 我门;
    `lowered` gives some of them a min score of their own); at weak_min_score
    (COMMON_WORD_MARGIN more inside a word of RARE_COVER or more) the characters of
    weak_positions (weakly_covered), replaced only by the characters listed with them; and at
    real_word_min_score every other Han character but names, inside ordinary dictionary words
    (real-word errors: 检查院 for 检察院), FIRM_MARGIN more where `firm` (a word of FIRM_COVER or
    more covers it), never inside a word of the 公文 lexicon (法治 is no typo of 法制); only the
    listed pairs (在/再, 的/地/得, 查/察 ...) unless real_word_all.

    The score (context_score) weighs the gain in log-probability of the government-register
    5-gram model (lm.py) and of the character trigram model over every n-gram that sees the
    character, the gain of the word segmentation of the window, the gain in the character's
    own unigram log-frequency (a common character is not preferred for being common), the kind
    of confusion and whether the pair is one editors often confuse."""
    lm = model.lm
    if lm is None:
        return []
    if positions is None:
        positions = orphans(text, covered)
    screen = _Screening(model.confusion_table, text, named)
    lowered = lowered or {}
    found = [screen.candidates([p[0] for p in positions], [lowered.get(p[0], min_score) for p in positions],
                               prefilter=PREFILTER_MIN[ORPHAN], where=ORPHAN)]
    if weak_positions:
        needs = [weak_min_score + (COMMON_WORD_MARGIN if f >= RARE_COVER else 0.0) for _i, _r, f in weak_positions]
        allowed = [(k, ord(c)) for k, (_i, chars, _f) in enumerate(weak_positions) for c in chars]
        found.append(screen.candidates([w[0] for w in weak_positions], needs, allowed,
                                       prefilter=PREFILTER_MIN[WEAK], where=WEAK))
    if firm is not None and real_word_min_score < math.inf:
        others = screen.han_in_runs.copy()
        others[[p[0] for p in positions]] = False
        others[[w[0] for w in weak_positions]] = False
        table = model.confusion_table
        if not real_word_all:
            others &= _has_pair(table)[np.minimum(screen.codes, 0xFFFF)]
        (at,) = np.nonzero(others & (screen.named == 0))
        needs = real_word_min_score + FIRM_MARGIN * (np.frombuffer(firm, dtype=np.uint8)[at] > 0)
        found.append(screen.candidates(at, needs, prefilter=PREFILTER_MIN[REAL_WORD], attested=REAL_WORD_ATTESTED,
                                       kinds=REAL_WORD_KINDS, span=REAL_WORD_SPAN, where=REAL_WORD,
                                       paired_only=not real_word_all))
    cand = _Candidates(*(np.concatenate(column) for column in zip(*found)))
    if not len(cand.pos):
        return []
    # by position (each position is of one kind), most frequent candidate first
    cand = _Candidates(*(column[np.argsort(cand.pos, kind="stable")] for column in cand))
    at, first, owner = np.unique(cand.pos, return_index=True, return_inverse=True)
    from lint.rules.typo.lm import gov_lm

    gains = lm_gains(gov_lm(), text, at, cand.run_start[first], cand.run_end[first], owner, cand.code)
    (passed,) = np.nonzero(gains >= np.where(cand.paired, PAIRED_LM_GATE, LM_GATE))
    out: list[Suspect] = []
    k = 0
    columns = [column[passed].tolist() for column in (cand.pos, cand.run_start, cand.run_end, cand.need, cand.code,
                                                       cand.kind, cand.log_u, cand.est, cand.paired, cand.where)]
    rows = list(zip(*columns, gains[passed].tolist()))
    while k < len(rows):
        i, rs, re_, need, _code, _kind, _log_u, _est, _paired, where, _gain = rows[k]
        end = k + 1
        while end < len(rows) and rows[end][0] == i:
            end += 1
        best = _best_context_candidate(model, text, rows[k:end])
        k = end
        if best is not None and best[0] >= need:
            gain, c, kind = best
            if where == REAL_WORD and _in_lexicon_word(text, i, rs, re_):
                continue
            out.append(Suspect(i, i + 1, text[i], c, kind, gain, "ZW207"))
    return out


def _best_context_candidate(model: TypoModel, text: str, rows) -> tuple[float, str, str] | None:
    """(score, character, kind) of the best of one position's candidates (rows of
    context_confusions), or None."""
    lm = model.lm
    i, rs, re_ = rows[0][:3]
    ch = text[i]
    x = ord(ch)
    log_u0 = math.log(lm.uni.get(x, 0) + 1)
    a = ord(text[i - 2]) if i - 2 >= rs else CARET
    b = ord(text[i - 1]) if i > rs else CARET
    d = ord(text[i + 1]) if i + 1 < re_ else DOLLAR
    e = ord(text[i + 2]) if i + 2 < re_ else (DOLLAR if i + 2 == re_ else None)
    base = _local_logp(lm, a, b, x, d, e)
    lo = max(rs, i - WINDOW)
    hi = min(re_, i + WINDOW + 1)
    word_base = segment_score(model, text[lo:hi])
    best = None
    for _i, _rs, _re, need, code, kind, log_u, est, paired, where, lm_gain in rows:
        c = chr(code)
        kind = CONFUSION_KINDS[kind]
        word_gain = segment_score(model, text[lo:i] + c + text[i + 1 : hi]) - word_base
        if paired and word_gain < 0:
            # the pair's usual swap that makes the words worse (共赢的 -> 共赢得) is the
            # character model liking a frequent neighbour (赢得), not a typo
            continue
        features = (lm_gain, _local_logp(lm, a, b, code, d, e) - base, word_gain, log_u - log_u0)
        if _DUMP is not None:
            _DUMP.append((i, ch, c, kind, paired, *features, where, need, est))
        score = context_score(where, kind, paired, *features)
        if best is None or score > best[0]:
            best = (score, c, kind)
    return best


@functools.cache
def lexicon_words() -> frozenset:
    """The words of the hand-written 公文 lexicon (dictionaries/typos_lexicon.txt)."""
    from lint.rules.typo.build import source_files

    path = source_files().get("lexicon")
    if path is None:
        return frozenset()
    with open(path, encoding="utf-8") as fh:
        return frozenset(parts[0] for parts in map(str.split, fh) if parts and not parts[0].startswith("#"))


def _in_lexicon_word(text: str, i: int, rs: int, re_: int) -> bool:
    """Whether character i is inside a word of the 公文 lexicon: current usage the running
    text of the language models underrepresents (法治, counted mostly from years that wrote
    法制), never a real-word error."""
    words = lexicon_words()
    return any(text[a:b] in words for a in range(max(rs, i - 6), i + 1) for b in range(i + 1, min(re_, a + 7) + 1)
               if b - a >= 2)


def context_score(where: int, kind: str, paired: bool, lm_gain: float, trigram_gain: float, word_gain: float,
                  unigram_gain: float) -> float:
    """ZW207's score of a candidate: SCORE_OFFSET + SCORE_SCALE x the log-odds that it is the
    right correction, from a logistic regression (CONTEXT_WEIGHTS)."""
    w = CONTEXT_WEIGHTS[where]
    logit = (w["bias"] + CONTEXT_KIND[kind] + (CONTEXT_PAIRED if paired else 0.0) + w["lm"] * lm_gain
             + CONTEXT_TRIGRAM * trigram_gain + w["word"] * word_gain + w["unigram"] * unigram_gain)
    return SCORE_OFFSET + SCORE_SCALE * logit


_BIGRAM_BOUNDS: dict[int, tuple] = {}


def bigram_bounds(table) -> tuple[np.ndarray, np.ndarray]:
    """Per code point: log(1 + the count of the most frequent bigram it ends), and of the most
    frequent bigram it starts (computed once per confusion table)."""
    found = _BIGRAM_BOUNDS.get(id(table))
    if found is None or found[0] is not table:
        slots, counts = table.bigrams.slots, table.bigrams.counts
        used = slots != table.bigrams.empty
        first = (slots[used] >> np.uint64(16)).astype(np.int64) & 0xFFFF
        second = slots[used].astype(np.int64) & 0xFFFF
        ends, starts = np.zeros(0x10000), np.zeros(0x10000)
        np.maximum.at(ends, second, counts[used])
        np.maximum.at(starts, first, counts[used])
        found = _BIGRAM_BOUNDS[id(table)] = (table, np.log1p(ends), np.log1p(starts))
    return found[1], found[2]


_HAS_PAIR: dict[int, tuple] = {}


def _has_pair(table) -> np.ndarray:
    """Per code point: whether the character is in one of the listed pairs."""
    found = _HAS_PAIR.get(id(table))
    if found is None or found[0] is not table:
        owner = np.repeat(np.arange(0x10000), table.count)
        entry = np.concatenate([np.arange(a, a + n) for a, n in zip(table.start[table.count > 0].tolist(),
                                                                     table.count[table.count > 0].tolist())])
        mask = np.zeros(0x10000, dtype=bool)
        mask[owner[table.paired[entry]]] = True
        found = _HAS_PAIR[id(table)] = (table, mask)
    return found[1]


class _Candidates(NamedTuple):
    """ZW207's candidates, one per array element: the position, its Han run, its min score,
    the candidate character, its kind (index in CONFUSION_KINDS), log corpus count, bigram
    estimate of the gain, whether the pair is listed, and the kind of position."""

    pos: np.ndarray
    run_start: np.ndarray
    run_end: np.ndarray
    need: np.ndarray
    code: np.ndarray
    kind: np.ndarray
    log_u: np.ndarray
    est: np.ndarray
    paired: np.ndarray
    where: np.ndarray

    @classmethod
    def empty(cls) -> "_Candidates":
        return cls(*(np.zeros(0, dtype=t) for t in (np.int64, np.int64, np.int64, float, np.int64, np.int64, float,
                                                     float, bool, np.int64)))


class _Screening:
    """ZW207's first pass over one text, in numpy: which confusable characters of a visited
    position are worth the trigram model and the segmentation. A cheap bigram estimate of
    each candidate's gain must reach PREFILTER_MIN of the kind of position."""

    def __init__(self, table, text: str, named):
        self.table = table
        self.codes = codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        self.named = np.frombuffer(named, dtype=np.uint8)
        # the Han run around each Han character: [run_start, run_end)
        n = len(codes)
        han = (codes >= 0x4E00) & (codes <= 0x9FFF)
        at = np.arange(n)
        first = han.copy()
        first[1:] &= ~han[:-1]
        last = han.copy()
        last[:-1] &= ~han[1:]
        self.run_start = np.maximum.accumulate(np.where(first, at, 0)) if n else at
        self.run_end = np.minimum.accumulate(np.where(last, at + 1, n)[::-1])[::-1] if n else at
        # Han characters in runs of two or more
        self.han_in_runs = han & (self.run_end - self.run_start >= 2)
        self.han = han
        self._counts = None

    def neighbour_counts(self) -> tuple[np.ndarray, np.ndarray]:
        """Per character: the corpus count of the bigram with the character before it, and
        with the one after it (^ and $ at a Han run's edges); one lookup for the whole text,
        each bigram inside a run counted once."""
        if self._counts is None:
            codes = self.codes.astype(np.uint64)
            at = np.arange(len(codes))
            (inner,) = np.nonzero(self.han & (at + 1 < self.run_end))
            (starts,) = np.nonzero(self.han & (at == self.run_start))
            (ends,) = np.nonzero(self.han & (at + 1 == self.run_end))
            found = self.table.bigrams.lookup(np.concatenate([
                codes[inner] << np.uint64(16) | codes[inner + 1],
                np.uint64(CARET << 16) | codes[starts], codes[ends] << np.uint64(16) | np.uint64(DOLLAR)]))
            left = np.zeros(len(codes), dtype=np.int64)
            right = np.zeros(len(codes), dtype=np.int64)
            right[inner] = found[: len(inner)]
            left[inner + 1] = found[: len(inner)]
            left[starts] = found[len(inner) : len(inner) + len(starts)]
            right[ends] = found[len(inner) + len(starts) :]
            self._counts = left, right
        return self._counts

    def candidates(self, positions, needs, allowed=None, prefilter: float = -math.inf,
                   attested: int | None = None, kinds=None, span: float = math.inf, where: int = 0,
                   paired_only: bool = False) -> "_Candidates":
        """The candidates that pass for the positions (Han characters), in the order given, each
        position's most frequent first; `where` marks them (ORPHAN, WEAK, REAL_WORD). A position is skipped
        when the corpus has it `attested` times or more next to both of its neighbours.
        `allowed`, (k, code point) pairs, restricts position k to the characters listed for it;
        `kinds`, a mask over CONFUSION_KINDS, restricts every position to those kinds, `span` to
        characters at most e^span times rarer in the corpus than the one written, `paired_only`
        to the listed pairs."""
        if not len(positions):
            return _Candidates.empty()
        table = self.table
        codes = self.codes
        i = np.array(positions, dtype=np.int64)
        x = codes[i]
        rs = self.run_start[i]
        re_ = self.run_end[i]
        keep = (self.named[i] == 0) & (table.count[x] > 0) & ~_NUMERAL_MASK[x]
        b = np.where(i > rs, codes[np.maximum(i - 1, 0)], CARET).astype(np.uint32)
        d = np.where(i + 1 < re_, codes[np.minimum(i + 1, len(codes) - 1)], DOLLAR).astype(np.uint32)
        left, right = (counts[i] for counts in self.neighbour_counts())
        attested = ATTESTED if attested is None else attested
        keep &= (left < attested) | (right < attested)
        (kept,) = np.nonzero(keep)
        if not len(kept):
            return _Candidates.empty()
        x, b, d = x[kept], b[kept], d[kept]
        need = np.asarray(needs, dtype=float)[kept]
        log_u0 = np.log(table.uni[x] + 1.0)
        b0 = np.log((left[kept] + 1.0) * (right[kept] + 1.0)) - log_u0
        if allowed is None:
            # every candidate of every kept position, position by position
            sizes = table.count[x]
            visit = np.repeat(np.arange(len(kept)), sizes)
            firsts = np.cumsum(sizes) - sizes
            entry = table.start[x][visit] + np.arange(len(visit)) - firsts[visit]
        else:
            owner, code = np.array(allowed, dtype=np.int64).reshape(-1, 2).T
            index = np.full(len(i), -1)
            index[kept] = np.arange(len(kept))
            visit = index[owner]
            listed = visit >= 0
            visit = visit[listed]
            entry = table.entry_of.lookup(x[visit] << 16 | code[listed].astype(np.uint32)) - 1
            confusable = entry >= 0
            visit, entry = visit[confusable], entry[confusable]
            order = np.lexsort((entry, visit))  # by position, then most frequent first
            visit, entry = visit[order], entry[order]
            fresh = np.ones(len(visit), dtype=bool)
            fresh[1:] = (visit[1:] != visit[:-1]) | (entry[1:] != entry[:-1])
            visit, entry = visit[fresh], entry[fresh]
        pre_min = np.full(len(need), prefilter)
        log_u = table.log_u[entry]
        code = table.code[entry]
        kind = table.kind[entry]
        paired = table.paired[entry]
        prior = _KIND_PRIOR[kind] + np.where(paired, CONTEXT_PAIR_BONUS, 0.0)
        # est below cannot exceed this: no bigram is more frequent than the most frequent
        # bigram the candidate starts or ends (bigram_bounds)
        most_left, most_right = bigram_bounds(table)
        ok = most_left[code] + most_right[code] - log_u - b0[visit] + prior + 1e-9 >= pre_min[visit]
        # a frequent function character (的 在 是 和) is only confused with another frequent one
        # (在/再, 的/得), not with a content character that sounds alike (的/敌)
        common = table.char_freq[x] >= STANDALONE_MIN
        ok &= ~common[visit] | (log_u >= log_u0[visit] - COMMON_CONFUSION_SPAN)
        if kinds is not None:
            ok &= kinds[kind]
        if span < math.inf:
            ok &= log_u >= log_u0[visit] - span
        if paired_only:
            ok &= paired
        (ok,) = np.nonzero(ok)
        entry, visit, log_u, code, kind, prior = entry[ok], visit[ok], log_u[ok], code[ok], kind[ok], prior[ok]
        b1, b2 = np.split(table.bigrams.lookup(np.concatenate([b[visit] << 16 | code, code << 16 | d[visit]])), 2)
        est = np.log((b1 + 1.0) * (b2 + 1.0)) - log_u - b0[visit] + prior
        (passed,) = np.nonzero(((b1 > 0) | (b2 > 0)) & (est >= pre_min[visit]))
        owner = kept[visit[passed]]
        return _Candidates(np.asarray(positions, dtype=np.int64)[owner], rs[owner].astype(np.int64),
                           re_[owner].astype(np.int64), np.asarray(needs, dtype=float)[owner],
                           code[passed].astype(np.int64), kind[passed].astype(np.int64), log_u[passed],
                           est[passed], table.paired[entry[passed]].astype(bool), np.full(len(passed), where))
