"""Content unrelated to government work (与政府工作无关、不务正业): commercial advertising
and promotions, induced sharing (转发集赞), absolute terms of advertising (广告法第九条) in
a commercial sentence, horoscopes and fortune telling, 心灵鸡汤.

Signals come from dictionaries/offtopic.toml (rules ZW402 and ZW403, each entry with a
`weight`). ZW401 adds them up per post (title counted `title-weight` times) and reports
one finding on the strongest span with the score and what drove it; ZW402/ZW403 report a
single term only when its entry says the term alone is clearly improper.

Options: ZW401's declaration (docs/rules.md lists them).
"""
from __future__ import annotations

import re
from typing import Iterable

from lint.document import Doc
from lint.rules import Issue, Option, Rule, only_with_matches, register
from lint.rules._terms import context_allows, quoted
from lint.rules._scoring import score_issue
from lint.rules.entertainment import Signal, headline_end

PROMOTION = "ZW402"
ABSOLUTE = "ZW403"

# A sentence sells something: prices, orders, discounts, shops. Not 产品/品牌/招商/销量: a
# government report's 国家级品牌, 农产品, 招商引资 sell nothing.
_COMMERCIAL = re.compile(
    r"价格|售价|元/|元一|\d元|购买|下单|优惠|促销|特价|抢购|包邮|原价|现价|折扣|到手价|秒杀|链接|店铺|"
    r"旗舰店|专卖|热销|选购|订购|咨询热线|加盟|本店|门店|直播间|购物车|领券|券后"
)
# ... or reports on enforcement against such selling: then the words are quoted facts.
_ENFORCEMENT = re.compile(r"罚|查处|违反|违法|涉嫌|处罚|立案|监管|执法|投诉|举报|警惕|提醒|谨防|虚假|不得|禁止|广告法")
_SENTENCE_END = re.compile(r"[。！？!?；;\n]")


def _sentence(text: str, start: int, end: int) -> str:
    left = 0
    for m in _SENTENCE_END.finditer(text, max(0, start - 120), start):
        left = m.end()
    m = _SENTENCE_END.search(text, end)
    return text[left : m.start() if m else len(text)]


def commercial_context(doc: Doc, start: int, end: int) -> bool:
    sentence = _sentence(doc.text, start, end)
    return bool(_COMMERCIAL.search(sentence)) and not _ENFORCEMENT.search(sentence)


def _usable(doc: Doc, m) -> bool:
    e = m.entry
    if not e.valid_on(doc.published) or context_allows(doc, m):
        return False
    if e.extra.get("commercial"):
        if quoted(doc.text, m.start, m.end) or not commercial_context(doc, m.start, m.end):
            return False
    return True


def offtopic_signals(doc: Doc) -> list[Signal]:
    head = headline_end(doc)
    cands = []
    for code in (PROMOTION, ABSOLUTE):
        for m in doc.matches_for(code):
            if _usable(doc, m):
                cands.append((m.start, m.end, float(m.entry.extra.get("weight", 1.0)),
                              m.entry.extra.get("kind", "无关内容")))
    cands.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    out: list[Signal] = []
    last_end = -1
    seen: dict[str, float] = {}
    for s, e, w, kind in cands:
        if s < last_end:
            continue
        last_end = e
        key = doc.folded[s:e]
        if key in seen:  # repeats count a quarter each, at most twice the weight in all
            extra = min(w * 0.25, 2 * w - seen[key])
            if extra <= 0:
                continue
            seen[key] += extra
            w = extra
        else:
            seen[key] = w
        out.append(Signal(s, e, w, kind, doc.text[s:e], e <= head))
    return out


@register
class OfftopicScore(Rule):
    code = "ZW401"
    name = "offtopic-score"
    category = "offtopic"
    severity = "warning"
    summary = "与政府工作无关（商业推广、星座运势、心灵鸡汤；按帖子评分）"
    doc = (
        "把一条帖子里与政府工作无关的信号加总评分：商品推销和诱导分享（转发集赞、优惠券、"
        "限时秒杀、带货）、商业句子里的广告绝对化用语（最佳、国家级、全网最低）、星座运势和算命、"
        "心灵鸡汤语录（dictionaries/offtopic.toml，每条有weight）。标题里的信号乘以 title-weight。"
        "得分达到 threshold 时在贡献最大的位置报告一条，说明得分和来源。"
        "助农直播、消费券、普法有奖竞答、市场监管执法稿也会出现“带货”“抽奖”“促销”，"
        "这些词权重很低，单独出现不会报告。\n"
        "例：转发集赞满30个即可领取优惠券 → 删除，或改为与本单位职能相关的服务信息。无自动修改。"
    )
    needs_post = True
    options = (
        Option("threshold", float, 2.0, "帖子得分达到此值才报告（调低则更严）"),
        Option("title-weight", float, 2.0, "标题中的信号按此倍数计分"),
    )

    def check_post(self, docs: dict[str | None, Doc]) -> Iterable[tuple[str | None, Issue]]:
        any_doc = next(iter(docs.values()))
        threshold = any_doc.option(self.code, "threshold")
        title_weight = any_doc.option(self.code, "title-weight")
        parts = []
        for field, doc in docs.items():
            parts.extend((field, s, s.weight * (title_weight if s.in_title else 1.0))
                         for s in offtopic_signals(doc))
        score = sum(p[2] for p in parts)
        if score < threshold or not parts:
            return
        yield score_issue(parts, f"疑似与政府工作无关的内容：得分{score:.2g}（阈值{threshold:.2g}）。")


class _ReportedTerms(Rule):
    category = "offtopic"
    severity = "warning"

    @only_with_matches
    def check(self, doc: Doc) -> Iterable[Issue]:
        kept_end = -1
        for m in sorted(doc.matches_for(self.code), key=lambda m: (m.start, -(m.end - m.start))):
            if not m.entry.extra.get("report") or not _usable(doc, m) or m.start < kept_end:
                continue
            kept_end = m.end
            yield Issue(m.start, m.end, m.entry.reason or f"“{doc.text[m.start:m.end]}”",
                        m.entry.fixes, severity=m.entry.severity)


@register
class CommercialPromotion(_ReportedTerms):
    code = PROMOTION
    name = "commercial-promotion"
    summary = "商业推广、诱导分享、星座运势"
    doc = (
        "逐个报告本身就不该出现在政务帖里的用语：诱导分享（转发集赞、集赞送、转发抽奖）、"
        "商品推销（扫码领红包、限时秒杀、优惠券、进直播间）、星座运势与算命（今日运势、水逆、"
        "塔罗牌；“破除”“不信”之后不报告）。条目见dictionaries/offtopic.toml（report = true）；"
        "其余条目只计入ZW401得分。\n"
        "例：转发集赞送景区门票 → 删除，或改为景区开放、预约等服务信息。无自动修改。"
    )


@register
class AdvertisingAbsoluteTerms(_ReportedTerms):
    code = ABSOLUTE
    name = "advertising-absolute-terms"
    summary = "商业推广中的绝对化用语（广告法第九条）"
    doc = (
        "在推销商品的句子里（有价格、下单、优惠、产品、品牌等字样）找出“国家级”“最高级”“最佳”"
        "“全网最低”“顶级”等绝对化用语：《中华人民共和国广告法》第九条第（三）项禁止广告使用。"
        "政务帖为农产品、景区推介时尤其容易出现。引号内的、报道执法查处（罚、查处、违法……）的句子"
        "不报告；“第一时间”“最佳实践”等不在商业句子里的用法不报告。\n"
        "例：本地特产品质最佳，欢迎下单 → 本地特产品质优良，欢迎选购。无自动修改。"
    )
