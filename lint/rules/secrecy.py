"""涉密 (secrecy): classification and restricted-distribution markings in a post meant for
publication. Publishing a marked document is a security incident (安全、泄密事故), one of
the veto items of the quarterly inspection (国办秘函〔2019〕19号)."""
from __future__ import annotations

import re
from typing import Iterable

from lint.document import Doc
from lint.rules import Issue, Rule, register
from lint.text.context import inside_quotes

# 《保守国家秘密法》: 国家秘密的密级分为“绝密”“机密”“秘密”三级; GB/T 9704-2012 7.2.3:
# 密级和保密期限之间用“★”隔开 (秘密★1年).
_MARK = re.compile(r"(绝密|机密|秘密)\s*[★☆]\s*(长期|\d{1,2}\s*(?:年|个月))?")
_FIELD = re.compile(r"密\s*级\s*[:：]\s*(绝密|机密|秘密)(?:\s*[★☆]?\s*(长期|\d{1,2}\s*(?:年|个月)))?")


@register
class SecrecyMark(Rule):
    code = "ZW601"
    name = "classification-mark"
    category = "secrecy"
    severity = "error"
    summary = "内容含国家秘密密级标志（绝密/机密/秘密★保密期限）"
    doc = """\
找出国家秘密的密级标志：绝密★长期、机密★10年、秘密★1年、秘密☆，以及填写了密级的栏目（密级：机密）。
密级依据《中华人民共和国保守国家秘密法》（绝密、机密、秘密）；标志写作“密级★保密期限”
（GB/T 9704-2012，7.2.3）。

为什么：带有这种标志的帖子就是公开了的涉密文件，属于泄密事件，账号直接判为不合格。

不报告：引号中的标志（保密教育帖子展示标志的样子）。修改：无；撤下帖子并上报（不自动修改）。
"""

    def check(self, doc: Doc) -> Iterable[Issue]:
        text = doc.folded
        if "★" not in text and "☆" not in text and "密级" not in text and "密 级" not in text:
            return
        for rx in (_MARK, _FIELD):
            for m in rx.finditer(text):
                if inside_quotes(doc.text, m.start(), m.end()):
                    continue
                level = m.group(1)
                yield Issue(m.start(), m.end(),
                            f"含国家秘密密级标志“{doc.text[m.start():m.end()]}”（{level}级），涉密内容不得公开发布",
                            ())


_OPEN = "（(【[〔<《"
_CLOSE = "）)】]〕>》"
_SUBJECTS = ("此件", "本件", "本文件", "此文件", "本材料", "本资料", "本通知", "本文", "该文件", "此材料")


@register
class RestrictedMark(Rule):
    code = "ZW602"
    name = "restricted-distribution-mark"
    category = "secrecy"
    severity = "error"
    summary = "内容含“内部资料”“注意保密”“不得外传”“此件不公开”等限制传阅标注"
    doc = """\
找出限制传阅的标注（sensitive_terms/secrecy.toml）：内部资料、注意保密、不得外传、严禁外传、内部传阅、
仅供内部参考、此件不公开……

只在它们作为标注出现时报告：在标题中，单独成一短行（内部资料　注意保密），在括号中（（内部资料）），
跟在“此件”“本文件”之后（此件不得外传），或两个同时出现。谈论保密的句子
（涉密文件不得外传，要注意保密工作……）不报告。

为什么：出现这类标注，说明内部文件被照搬进了公开帖子。修改：无自动修改；删除该文件或其中的内部内容。
"""

    def check(self, doc: Doc) -> Iterable[Issue]:
        matches = doc.matches_for(self.code)
        if not matches:
            return
        text = doc.folded
        for m in matches:
            if self._is_marking(doc, text, m, matches):
                found = doc.text[m.start : m.end]
                yield Issue(m.start, m.end, f"含限制传阅标注“{found}”：{m.entry.reason}", ())

    @staticmethod
    def _is_marking(doc: Doc, text: str, m, matches) -> bool:
        if inside_quotes(doc.text, m.start, m.end) and text[max(0, m.start - 1) : m.start] in "“\"'‘":
            return False
        if doc.field == "title":
            return True
        line_start = text.rfind("\n", 0, m.start) + 1
        line_end = text.find("\n", m.end)
        line_end = len(text) if line_end < 0 else line_end
        line = text[line_start:line_end].strip()
        if len(line) <= 20:
            return True
        before = text[max(0, m.start - 3) : m.start]
        after = text[m.end : m.end + 8]
        if any(c in before for c in _OPEN) and any(c in after for c in _CLOSE):
            return True
        near = text[max(0, m.start - 6) : m.start]
        if any(s in near for s in _SUBJECTS):
            return True
        for o in matches:
            if o is m or o.entry.rule != m.entry.rule:
                continue
            gap = text[m.end : o.start] if o.start >= m.end else text[o.end : m.start] if m.start >= o.end else None
            if gap is not None and len(gap) <= 3 and not any("\u4e00" <= c <= "\u9fff" for c in gap):
                return True  # 内部资料　注意保密 / 内部资料，不得外传
        return False
