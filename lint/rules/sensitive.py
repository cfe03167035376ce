"""Illegal content (违法违规内容) that a government page carries without its editors
knowing: gambling and pornography spam injected into a hacked page (暗链、挂马).

Terms come from sensitive_terms/injected_spam.toml (rule ZW901). Spam-only phrases
(注册送彩金、真人娱乐) are reported alone; words that anti-gambling and anti-vice
publicity also uses (百家乐、投注、卖淫) only when two different terms sit close together in a
paragraph that is not about fighting them. Short terms are matched on word boundaries
(路口交通 does not contain a term).
"""
from __future__ import annotations

import re
from typing import Iterable

from lint.document import Doc
from lint.rules import Issue, Rule, register
from lint.rules._terms import context_allows

# Paragraphs about fighting gambling or vice name the same things on purpose.
_COUNTER = re.compile(
    r"打击|严禁|禁止|警惕|防范|谨防|涉赌|涉黄|扫黄|违法|犯罪|诈骗|公安|警方|民警|派出所|依法|抓获|查处|"
    r"查获|捣毁|刑拘|拘留|判处|判决|起诉|案件|案例|拒绝|远离|举报|宣传|整治|治理|危害|受害"
)
_WINDOW = 200  # characters within which two weak terms count as a cluster


def _paragraph(text: str, start: int, end: int) -> str:
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    return text[left : right if right >= 0 else len(text)]


@register
class InjectedSpam(Rule):
    code = "ZW901"
    name = "injected-gambling-porn-spam"
    category = "sensitive"
    severity = "error"
    summary = "疑似被植入的赌博、色情垃圾信息"
    doc = (
        "找出政务页面中被植入的赌博、色情推广信息（网站被篡改、挂暗链时常见）。只有垃圾信息才用的"
        "说法（注册送彩金、真人娱乐、澳门新葡京、成人视频）出现一处即报告；反赌、扫黄宣传也会用到"
        "的词（百家乐、博彩、投注、卖淫）要两个以上集中出现、且所在段落没有打击、警惕、公安、"
        "抓获等字样才报告。短词按词边界匹配（“路口交通”不算）。词表：sensitive_terms/injected_spam.toml。"
        "依据：《互联网信息服务管理办法》第十五条、《网络信息内容生态治理规定》第六条。\n"
        "例：通报正文中夹有“真人娱乐 官网直播 注册送彩金” → 删除并排查网站是否被篡改。无自动修改。"
    )

    def check(self, doc: Doc) -> Iterable[Issue]:
        text = doc.text
        strong, weak = [], []
        for m in doc.matches_for(self.code):
            if not m.entry.valid_on(doc.published) or context_allows(doc, m):
                continue
            (strong if m.entry.extra.get("strength") == "strong" else weak).append(m)
        reported: set[tuple[int, int]] = set()
        for m in strong:
            reported.add((m.start, m.end))
            yield self._issue(doc, m, "")
        for m in weak:
            if any(s < m.end and m.start < e for s, e in reported):
                continue  # overlaps a reported term (百家乐 in 百家乐官网)
            near = {doc.folded[o.start : o.end] for o in strong + weak
                    if abs(o.start - m.start) <= _WINDOW and (o.start, o.end) != (m.start, m.end)}
            near.discard(doc.folded[m.start : m.end])
            if not near:
                continue
            if _COUNTER.search(_paragraph(text, m.start, m.end)):
                continue
            reported.add((m.start, m.end))
            yield self._issue(doc, m, f"（附近还有“{'”“'.join(sorted(near)[:3])}”）")

    def _issue(self, doc: Doc, m, near: str) -> Issue:
        kind = m.entry.extra.get("kind", "赌博")
        found = doc.text[m.start : m.end]
        return Issue(
            m.start, m.end,
            f"疑似被植入的{kind}垃圾信息“{found}”{near}：请删除并检查网站是否被篡改、挂了暗链。"
            f"{m.entry.reason}",
        )
