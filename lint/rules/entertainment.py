"""Entertainment drift and clickbait (过度娱乐化、标题党、抖机灵).

Signals come from two word lists (dictionaries/entertainment_slang.toml, rule ZW302;
dictionaries/clickbait.toml, rule ZW303; each entry has a `weight`) and from the
punctuation itself (runs of exclamation marks, emoji). ZW301 adds them up per post,
counting the title `title-weight` times (titles are judged more strictly), and reports
one finding on the strongest span when the score reaches `threshold`; the message lists
what drove the score. ZW302/ZW303 report a single term only when its entry says the term
alone is clearly improper (`report = true`); ZW304 reports runs of exclamation marks and
emoji.

Options: ZW301's declaration (docs/rules.md lists them).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from lint.document import Doc
from lint.rules import Issue, Option, Rule, only_with_matches, register
from lint.rules._terms import context_allows
from lint.rules._scoring import score_issue

SLANG = "ZW302"
CLICKBAIT = "ZW303"

_MARK_RUN = re.compile(r"[！!？?]{2,}")


def _exclaim_runs(text: str):
    """Runs of ！/？ that are not the 强烈疑问 “？！” GB/T 15834 allows: a mark doubled
    (！！, ？？), three or more marks, or two exclamation marks in the run."""
    for m in _MARK_RUN.finditer(text):
        run = m.group()
        if len(set(run)) == 1 or len(run) >= 3:
            yield m
_EXCLAIM = re.compile(r"[！!]")
_QUESTION = re.compile(r"[？?]")
_EMOJI = re.compile(
    "[\U0001F300-\U0001FAFF\U0001F000-\U0001F02F\U0001F0A0-\U0001F0FF\U0001F100-\U0001F1FF"
    "\u2764\u2728\u2B50\u203C\u2049\u263A\u2639]"
)
_EMOJI_RUN = re.compile(
    "(?:[\U0001F300-\U0001FAFF\U0001F000-\U0001F02F\U0001F0A0-\U0001F0FF\U0001F100-\U0001F1FF"
    "\u2764\u2728\u2B50\u203C\u2049\u263A\u2639][\uFE0F\u200D\U0001F3FB-\U0001F3FF]*){3,}"
)


@dataclass
class Signal:
    start: int
    end: int
    weight: float
    label: str  # what it is: 标题党用语, 网络流行语, 连续感叹号...
    text: str
    in_title: bool = False


_HEAD_END = "。；，、：,;:"


def headline_end(doc: Doc) -> int:
    """End of the part of `doc` judged as a title: the whole text of a title field; for a
    post without a title (a plain file), its first line when it looks like a headline (a
    Markdown heading, or at most 60 characters not ending like a sentence); else 0."""
    if doc.field == "title":
        return len(doc.text)
    if doc.post.title:
        return 0
    text = doc.text
    lead = len(text) - len(text.lstrip())
    nl = text.find("\n", lead)
    end = nl if nl >= 0 else len(text)
    line = text[lead:end].strip()
    if nl < 0 or not 2 <= len(line) <= 60:
        return 0
    if line.startswith("#") or line[-1] not in _HEAD_END:
        return end
    return 0


def term_signals(doc: Doc) -> list[Signal]:
    """List matches (slang and clickbait) in this text, longest of overlapping ones,
    repeats of a term counting a quarter each (at most twice the weight in all)."""
    head = headline_end(doc)
    cands = []
    for code in (SLANG, CLICKBAIT):
        for m in doc.matches_for(code):
            e = m.entry
            if not e.valid_on(doc.published) or context_allows(doc, m):
                continue
            w = float(e.extra.get("weight", 1.0))
            in_title = m.end <= head
            if e.extra.get("field") == "title" and not in_title:
                w *= 0.5  # a title-only pattern seen in a body
            cands.append((m.start, m.end, w, e.extra.get("kind", ""), in_title))
    cands.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    out: list[Signal] = []
    last_end = -1
    seen: dict[str, float] = {}
    for s, e, w, kind, in_title in cands:
        if s < last_end:
            continue
        last_end = e
        key = doc.folded[s:e]
        if key in seen:
            extra = min(w * 0.25, 2 * w - seen[key])
            if extra <= 0:
                continue
            seen[key] += extra
            w = extra
        else:
            seen[key] = w
        out.append(Signal(s, e, w, kind or "娱乐化用语", doc.text[s:e], in_title))
    return out


def _segment_signals(doc: Doc, start: int, end: int, title: bool) -> list[Signal]:
    text = doc.text[start:end]
    out: list[Signal] = []

    def add(m_start, m_end, w, label):
        out.append(Signal(start + m_start, start + m_end, w, label, text[m_start:m_end], title))

    runs = 0.0
    for m in _exclaim_runs(text):
        w = 1.0 if title else 0.75
        if runs >= 2.0:
            break
        runs += w
        add(m.start(), m.end(), w, "连续感叹号/问号")
    if title:
        q = doc.option("ZW301", "title-question")
        qm = _QUESTION.search(text)
        if q and qm:
            add(qm.start(), qm.end(), q, "标题设问")
    marks = list(_EXCLAIM.finditer(text))
    if title and marks and not runs:
        add(marks[0].start(), marks[0].end(), 0.25 * min(len(marks), 2), "标题用感叹号")
    elif not title and len(marks) >= 4 and len(marks) * 40 >= len(text):
        add(marks[0].start(), marks[0].end(), 1.0, f"感叹号密集（{len(marks)}个）")
    emoji = list(_EMOJI.finditer(text))
    if emoji:
        if title:
            w = min(0.5 * len(emoji), 1.5)
        else:
            w = min(0.25 * len(emoji), 1.5) if len(emoji) >= 3 else 0.0
        if w:
            add(emoji[0].start(), emoji[0].end(), w, f"表情符号（{len(emoji)}个）")
    return out


def punctuation_signals(doc: Doc) -> list[Signal]:
    head = headline_end(doc)
    out = _segment_signals(doc, 0, head, True) if head else []
    if head < len(doc.text):
        out += _segment_signals(doc, head, len(doc.text), False)
    return out


def signals(doc: Doc) -> list[Signal]:
    return term_signals(doc) + punctuation_signals(doc)


def score_post(docs: dict[str | None, Doc], title_weight: float = 2.0):
    """(score, [(field, signal, weighted)]) for a post; signals in a title (or in the
    headline of a post without a title) count `title_weight` times."""
    parts = []
    for field, doc in docs.items():
        for s in signals(doc):
            parts.append((field, s, s.weight * (title_weight if s.in_title else 1.0)))
    return sum(p[2] for p in parts), parts


@register
class EntertainmentScore(Rule):
    code = "ZW301"
    name = "entertainment-score"
    category = "entertainment"
    severity = "warning"
    summary = "娱乐化/标题党倾向（按帖子评分）"
    doc = (
        "把一条帖子里的娱乐化信号加总评分：网络流行语与饭圈、直播用语（dictionaries/"
        "entertainment_slang.toml）、标题党用语（dictionaries/clickbait.toml，如震惊、速看、刚刚、"
        "重磅、不转不是中国人、99%的人不知道）、连续感叹号、表情符号。标题里的信号乘以"
        "title-weight：标题从严。得分达到 threshold 时，在贡献最大的位置报告一条，"
        "说明得分和各项来源。依据：各地政务新媒体检查"
        "通报把“过度娱乐化”列为专项整治问题，要求杜绝“标题党”“抖机灵”“蹭流量”（如汴政办〔2021〕42号）。\n"
        "例：标题“震惊！这个地方竟然……” → “××地……”（直述事实）。无自动修改。"
    )
    needs_post = True
    options = (
        Option("threshold", float, 2.0, "帖子得分达到此值才报告（调低则更严）"),
        Option("title-weight", float, 2.0, "标题中的信号按此倍数计分（标题从严）"),
        Option("title-question", float, 0.0, "标题中问号的分值；政务解读常用设问，默认不计"),
    )

    def check_post(self, docs: dict[str | None, Doc]) -> Iterable[tuple[str | None, Issue]]:
        any_doc = next(iter(docs.values()))
        threshold = any_doc.option(self.code, "threshold")
        title_weight = any_doc.option(self.code, "title-weight")
        score, parts = score_post(docs, title_weight)
        if score < threshold or not parts:
            return
        yield score_issue(
            parts, f"娱乐化/标题党倾向：得分{score:.2g}（阈值{threshold:.2g}，标题计{title_weight:.2g}倍）。"
        )


class _ListedTermRule(Rule):
    category = "entertainment"
    severity = "warning"

    @only_with_matches
    def check(self, doc: Doc) -> Iterable[Issue]:
        kept_end = -1
        for m in sorted(doc.matches_for(self.code), key=lambda m: (m.start, -(m.end - m.start))):
            e = m.entry
            if not e.extra.get("report") or not e.valid_on(doc.published) or context_allows(doc, m):
                continue
            if e.extra.get("field") == "title" and m.end > headline_end(doc):
                continue
            if m.start < kept_end:
                continue  # overlaps a longer reported term (不转不是 in 不转不是中国人)
            kept_end = m.end
            yield Issue(m.start, m.end, e.reason or f"“{doc.text[m.start:m.end]}”", e.fixes,
                        severity=e.severity)


@register
class InternetSlang(_ListedTermRule):
    code = SLANG
    name = "internet-slang"
    summary = "网络流行语、饭圈或直播用语"
    doc = (
        "逐个报告本身就明显不适合政务发布的网络流行语和称呼（家人们、宝子们、yyds、绝绝子、"
        "栓Q、奥利给、awsl……），条目见dictionaries/entertainment_slang.toml（report = true 的条目；"
        "其余条目只计入ZW301评分）。收录国家语言资源监测与研究中心年度十大网络用语中的"
        "娱乐性词语，不收录政务媒体也常用的“硬核”“内卷”等。\n"
        "例：家人们，今天带大家看看新建成的公园 → 网友们，……。无自动修改。"
    )


@register
class ClickbaitPhrase(_ListedTermRule):
    code = CLICKBAIT
    name = "clickbait-phrase"
    summary = "标题党用语（震惊、不转不是、99%的人不知道……）"
    doc = (
        "逐个报告本身就是标题党的用语：震惊体（震惊、惊呆了）、诱导转发（不转不是中国人、紧急扩散）、"
        "卖关子（万万没想到、竟然是）、催促点击（速看、不看后悔）、夸张统计（99%的人不知道）。"
        "条目见dictionaries/clickbait.toml；标有field = \"title\"的只在标题中报告；"
        "“刚刚”“重磅”等常用词只计入ZW301评分。依据：《网络信息内容生态治理规定》第七条"
        "（使用夸张标题，内容与标题严重不符）。\n"
        "例：震惊！这项政策…… → 《××办法》5月1日起施行。无自动修改。"
    )


@register
class ExclamationAndEmoji(Rule):
    code = "ZW304"
    name = "exclamation-emoji"
    category = "entertainment"
    severity = "info"
    summary = "连续感叹号、问号或成串表情符号"
    doc = (
        "找出连续的感叹号、问号（！！、？！、!!!）和连续三个以上的表情符号，标题中的表情符号"
        "一律提示。GB/T 15834-2011：问号、叹号连用只在强烈语气时偶用，政务发布宜用单个标点；"
        "表情符号让政务帖显得娱乐化。\n"
        "例：好消息！！！ → 好消息！。同一标点重复时合并为一个是安全修改。"
    )

    def check(self, doc: Doc) -> Iterable[Issue]:
        text = doc.text
        for m in _exclaim_runs(text):
            run = m.group()
            same = len(set(run)) == 1
            yield Issue(m.start(), m.end(), f"连续使用“{run}”，政务发布宜用单个标点",
                        [run[0]] if same else [], fix_safe=same)
        head = headline_end(doc)
        for m in _EMOJI.finditer(text, 0, head):
            yield Issue(m.start(), m.end(), f"标题中使用表情符号“{m.group()}”")
        for m in _EMOJI_RUN.finditer(text, head):
            yield Issue(m.start(), m.end(), f"连续使用表情符号“{m.group()}”，政务发布宜少用")
