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
import math
import re
from dataclasses import dataclass

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
    covered = bytearray(n)
    named = bytearray(n)
    firm = bytearray(n)
    weak = []
    word_freq = model.word_freq
    word_named = model.word_named
    matches = model.automaton.find_overlapping(text)
    for s, e, pid in matches:
        if word_named[pid]:
            one = b"\x01" * (e - s)
            named[s:e] = one
            covered[s:e] = one
            firm[s:e] = one
        else:
            f = word_freq[pid]
            if f >= COVER_MIN:
                one = b"\x01" * (e - s)
                covered[s:e] = one
                if f >= FIRM_COVER:
                    firm[s:e] = one
                elif e - s <= 4:
                    weak.append((s, e, f))
    return covered, named, matches, firm, weak


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


# Context confusions (ZW207): the character trigram model decides.
CONTEXT_PRIOR = {"音同": 0.0, "形近": -3.5, "音近": -4.5}
CONTEXT_WORD_WEIGHT = 0.5
# added for the pairs of dictionaries/typos_confusable_pairs.txt (在/再, 象/像, 坐/座 ...)
CONTEXT_PAIR_BONUS = 2.0  # weight of the word-unigram gain next to the trigram gain
# A cheap bigram estimate of the gain must reach min_score minus this before the trigram
# model and the segmentation are asked.
CONTEXT_PREFILTER_SLACK = 8.0
# ... and only with characters at most e^this less frequent in the corpus (e^4.6 = 100)
COMMON_CONFUSION_SPAN = 4.6
# A character seen this often in the corpus next to both of its neighbours is not a suspect.
ATTESTED = 20


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


def context_confusions(model: TypoModel, text: str, covered, named, min_score: float,
                        positions=None, weak_positions=(), weak_min_score: float = math.inf,
                        lowered: dict[int, float] | None = None) -> list[Suspect]:
    """Characters that no word covers whose homophone or look-alike the character trigram
    model finds much likelier in their context (再见 for 在见, 我们 for 我门); and, at
    weak_min_score (COMMON_WORD_MARGIN more inside a word of RARE_COVER or more), the
    characters of weak_positions (weakly_covered), replaced only by the characters listed
    with them. `lowered` gives some uncovered positions a min score of their own.

    The score is the gain in log-probability of the trigrams around the character, plus half
    the gain of the word segmentation of the window, minus the gain in the character's own
    unigram log-frequency (a common character is not preferred for being common), plus the
    prior of the kind of confusion."""
    lm = model.lm
    if lm is None:
        return []
    if positions is None:
        positions = orphans(text, covered)
    screen = _Screening(model.confusion_table, text, named)
    lowered = lowered or {}
    visits = screen.candidates([p[0] for p in positions], [lowered.get(p[0], min_score) for p in positions])
    if weak_positions:
        needs = [weak_min_score + (COMMON_WORD_MARGIN if f >= RARE_COVER else 0.0) for _i, _r, f in weak_positions]
        allowed = [(k, ord(c)) for k, (_i, chars, _f) in enumerate(weak_positions) for c in chars]
        visits += screen.candidates([w[0] for w in weak_positions], needs, allowed)
        visits.sort(key=lambda visit: visit[0])
    pairs = model.common_pairs
    out: list[Suspect] = []
    for i, rs, re_, need, candidates in visits:
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
        for c, kind, log_u, code in candidates:
            word_gain = segment_score(model, text[lo:i] + c + text[i + 1 : hi]) - word_base
            paired = (ch, c) in pairs
            if paired and word_gain < 0:
                # the pair's usual swap that makes the words worse (共赢的 -> 共赢得) is the
                # character model liking a frequent neighbour (赢得), not a typo
                continue
            gain = _local_logp(lm, a, b, code, d, e) - base + CONTEXT_WORD_WEIGHT * word_gain
            gain -= log_u - log_u0
            gain += CONTEXT_PRIOR[kind] + (CONTEXT_PAIR_BONUS if paired else 0.0)
            if best is None or gain > best[0]:
                best = (gain, c, kind)
        if best is not None and best[0] >= need:
            gain, c, kind = best
            out.append(Suspect(i, i + 1, ch, c, kind, gain, "ZW207"))
    return out


class _Screening:
    """ZW207's first pass over one text, in numpy: which confusable characters of a visited
    position are worth the trigram model and the segmentation. A cheap bigram estimate of
    each candidate's gain must reach the position's min score less CONTEXT_PREFILTER_SLACK."""

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

    def candidates(self, positions: list[int], needs: list[float], allowed=None):
        """(i, run start, run end, min score, candidates) for the positions (Han characters)
        with candidates that pass, in the order given; a candidate is (char, kind, log count,
        code point), most frequent first. `allowed`, (k, code point) pairs, restricts position
        k to the characters listed for it."""
        if not positions:
            return []
        table = self.table
        codes = self.codes
        i = np.array(positions, dtype=np.int64)
        x = codes[i]
        rs = self.run_start[i]
        re_ = self.run_end[i]
        keep = (self.named[i] == 0) & (table.count[x] > 0) & ~_NUMERAL_MASK[x]
        b = np.where(i > rs, codes[np.maximum(i - 1, 0)], CARET).astype(np.uint32)
        d = np.where(i + 1 < re_, codes[np.minimum(i + 1, len(codes) - 1)], DOLLAR).astype(np.uint32)
        left, right = np.split(table.bigrams.lookup(np.concatenate([b << 16 | x, x << 16 | d])), 2)
        keep &= (left < ATTESTED) | (right < ATTESTED)
        (kept,) = np.nonzero(keep)
        if not len(kept):
            return []
        x, b, d = x[kept], b[kept], d[kept]
        need = np.array(needs)[kept]
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
        pre_min = need - CONTEXT_PREFILTER_SLACK
        log_u = table.log_u[entry]
        # est below can only reach pre_min when log_u does this (a bigram is never more frequent
        # than its characters); a frequent function character (的 在 是 和) is only confused with
        # another frequent one (在/再, 的/得), not with a content character that sounds alike (的/敌)
        ok = log_u >= pre_min[visit] + b0[visit] - CONTEXT_PAIR_BONUS
        common = table.char_freq[x] >= STANDALONE_MIN
        ok &= ~common[visit] | (log_u >= log_u0[visit] - COMMON_CONFUSION_SPAN)
        (ok,) = np.nonzero(ok)
        entry, visit, log_u = entry[ok], visit[ok], log_u[ok]
        code = table.code[entry]
        b1, b2 = np.split(table.bigrams.lookup(np.concatenate([b[visit] << 16 | code, code << 16 | d[visit]])), 2)
        paired = table.paired[entry]
        est = (np.log((b1 + 1.0) * (b2 + 1.0)) - log_u - b0[visit] + _KIND_PRIOR[table.kind[entry]]
               + np.where(paired, CONTEXT_PAIR_BONUS, 0.0))
        (passed,) = np.nonzero(((b1 > 0) | (b2 > 0)) & (est >= pre_min[visit]))
        out = []
        kinds = table.kind[entry[passed]].tolist()
        logs = log_u[passed].tolist()
        cps = code[passed].tolist()
        owners = visit[passed].tolist()
        j = 0
        while j < len(owners):
            k = j
            while k < len(owners) and owners[k] == owners[j]:
                k += 1
            v = int(kept[owners[j]])
            cands = [(chr(cps[m]), CONFUSION_KINDS[kinds[m]], logs[m], cps[m]) for m in range(j, k)]
            out.append((positions[v], int(rs[v]), int(re_[v]), needs[v], cands))
            j = k
        return out
