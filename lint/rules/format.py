"""Document format (规范格式/标点): 发文字号 brackets, unbalanced paired punctuation,
repeated punctuation, half-width punctuation inside Chinese sentences, garbled text.

Standards: GB/T 9704-2012《党政机关公文格式》7.2.4 (发文字号: 年份用六角括号〔〕括入，
发文顺序号不加“第”字、不编虚位), GB/T 15834-2011《标点符号用法》 (Chinese text uses
full-width punctuation; 引号、括号、书名号 come in pairs; a mark is not doubled).
All patterns are precompiled stdlib `re` (the hot path runs on every text).
"""
from __future__ import annotations

import re
from typing import Iterable

from lint.document import Doc
from lint.rules import Issue, Option, Rule, register

_HAN = "\u3400-\u4dbf\u4e00-\u9fff"

# ---------------------------------------------------------------- ZW801 发文字号
# An issuing-agency code (2-12 Han characters), a year in any bracket, a serial number, 号.
# The year in brackets followed by a serial number and 号, preceded by an issuing-agency
# code (at least two Han characters). Searched from the bracket: a rare character, fast.
_DOCNO = re.compile(r"([\[【(（［﹝〔{「])((?:19|20)\d{2})([\]】)）］﹞〕}」])(第?)(\d{1,5})号")
_HAN_CHAR = re.compile(f"[{_HAN}]")


@register
class DocumentNumberFormat(Rule):
    code = "ZW801"
    name = "document-number-format"
    category = "format"
    severity = "warning"
    fix_safe = True
    summary = "发文字号的年份应用六角括号〔〕，序号不加“第”、不编虚位"
    doc = (
        "找出发文字号中年份没有用六角括号“〔〕”括入（用了[]、【】、()、（）等），顺序号前加了"
        "“第”或编了虚位（01号）的写法。依据GB/T 9704-2012《党政机关公文格式》7.2.4：年份应标全称，"
        "用六角括号“〔〕”括入；发文顺序号不加“第”字，不编虚位。\n"
        "例：国办秘函[2019]19号 → 国办秘函〔2019〕19号；汴政办〔2021〕042号 → 汴政办〔2021〕42号。\n"
        "修改只动括号、“第”字和前导零，可以安全地自动应用。"
    )

    def check(self, doc: Doc) -> Iterable[Issue]:
        text = doc.folded
        for m in _DOCNO.finditer(text):
            opener, year, closer, di, serial = m.groups()
            s = m.start()
            if s < 2 or not (_HAN_CHAR.match(text, s - 1) and _HAN_CHAR.match(text, s - 2)):
                continue  # no issuing-agency code before the year
            bad_brackets = opener != "〔" or closer != "〕"
            padded = len(serial) > 1 and serial.startswith("0")
            if not (bad_brackets or di or padded):
                continue
            e = m.end()
            fixed = f"〔{year}〕{int(serial)}号"
            what = []
            if bad_brackets:
                what.append(f"年份应用六角括号“〔〕”括入（不用“{opener}{closer}”）")
            if di:
                what.append("顺序号不加“第”字")
            if padded:
                what.append("顺序号不编虚位")
            yield Issue(s, e, f"发文字号格式：{'，'.join(what)}（GB/T 9704-2012 7.2.4）", [fixed])


# ---------------------------------------------------------------- ZW802 pairs
_PAIRS = {"《": "》", "“": "”", "（": "）", "(": ")", "【": "】", "〔": "〕", "‘": "’", "「": "」", "『": "』"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
_KIND = {"(": "（", ")": "）"}  # half- and full-width brackets close each other
_PAIR_CHARS = re.compile("[" + re.escape("".join(_PAIRS) + "".join(_CLOSERS)) + "]")
# "1）" "(一)" "一）" "a)" enumerators: a closer after a short label at the line start
_ENUMERATOR = re.compile(rf"(?:^|[\s、：:；;。])[\dA-Za-z一二三四五六七八九十ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ①-⑳]{{1,3}}$")


_LINE_END = "。！？；：!?;:”’》）)】」』…—|"
# A pair broken over short lines by a web page's layout: 【字号：⏎加大⏎还原⏎减小⏎】,
# 【⏎打印本页⏎】, 《⏎国民经济和社会发展第十一个五年规划纲要（草案）⏎》.
# A pair whose opener ends a line and whose closer starts one, around up to 8 lines of any
# length (a page setting a quotation or a link apart: 马克思说：“⏎……。⏎”), is a pair too.
_SPLIT_PAIRS = re.compile("|".join(
    [rf"{re.escape(o)}(?:[^{re.escape(o + c)}\n]{{0,40}}\n){{1,8}}[^{re.escape(o + c)}\n]{{0,40}}{re.escape(c)}"
     for o, c in (("【", "】"), ("《", "》"), ("（", "）"), ("〔", "〕"), ("「", "」"))]
    + [rf"{re.escape(o)}\n(?:[^{re.escape(o + c)}\n]+\n){{1,8}}{re.escape(c)}" for o, c in _PAIRS.items()]
))


def _unsplit(m: re.Match) -> str:
    """Blank out a pair whose opener ends a line or whose closer starts one (layout)."""
    g = m.group()
    return " " + g[1:-1] + " " if g[1] == "\n" or g[-2] == "\n" else g


# 》》点击图片进入专题《《: doubled title marks are a page's arrows, never a title
_DECORATION = re.compile(r"《{2,}|》{2,}")
# A preview cut off by the platform: …展开全文, ...全文, a final ellipsis.
_TRUNCATED = re.compile(r"(?:…|\.{3}|展开全文)\s*(?:展开全文|全文|更多)?\s*$")


def _logical_lines(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: a line that stops mid-sentence (hard-wrapped Markdown or
    prose) continues on the next non-blank line."""
    spans = []
    start = 0
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        end = nl if nl >= 0 else n
        line = text[pos:end].rstrip()
        nxt_blank = nl < 0 or text[nl + 1 : text.find("\n", nl + 1) if text.find("\n", nl + 1) >= 0 else n].strip() == ""
        if not line or line[-1] in _LINE_END or nxt_blank or nl < 0:
            spans.append((start, end))
            start = end + 1
        pos = end + 1
    return [(s, e) for s, e in spans if s < e]


def _kind(ch: str) -> str:
    return _KIND.get(ch, ch)


@register
class UnbalancedPairs(Rule):
    code = "ZW802"
    name = "unbalanced-pairs"
    category = "format"
    severity = "warning"
    summary = "书名号、引号、括号不成对"
    doc = (
        "逐段检查书名号《》、引号“”‘’、括号（）【】〔〕是否成对、是否交错（《……“……》……”）。"
        "“1）”“一）”这类序号后的单个右括号不报告；按GB/T 15834-2011，跨段引文每段开头用前引号、"
        "只在最后一段末尾用后引号，所以段首未闭合的前引号不报告。半角与全角括号互相配对（宽度"
        "问题由ZW804提示）。网页排版拆到几行短行里的一对括号（【字号：⏎大⏎中⏎小⏎】）算成对；"
        "前引号或前括号在行末、后引号或后括号在行首、中间单独成行的引文（网页把引文、链接单独排成一段）也算成对；"
        "以“…展开全文”“……”结尾的截断文本，末尾未闭合的前括号、前引号不报告。\n"
        "例：印发《关于推进政务新媒体健康有序发展的意见的通知 → 补全“》”。无自动修改。"
    )

    def check(self, doc: Doc) -> Iterable[Issue]:
        text = doc.text
        if not _PAIR_CHARS.search(text):
            return
        if "\n" in text:
            text = _SPLIT_PAIRS.sub(_unsplit, text)
        text = _DECORATION.sub(lambda m: " " * len(m.group()), text)
        for start, end in _logical_lines(text):
            yield from self._line(text[start:end], start)

    def _line(self, line: str, base: int) -> Iterable[Issue]:
        if not _PAIR_CHARS.search(line):
            return
        stack: list[tuple[str, int]] = []
        for m in _PAIR_CHARS.finditer(line):
            ch, i = m.group(), m.start()
            if ch in _PAIRS and not (ch == "“" and stack and stack[-1][0] == "“"):
                stack.append((ch, i))
                continue
            if ch == "“":  # “ inside “: a missing ” before it
                o, oi = stack.pop()
                yield Issue(base + oi, base + oi + 1, "引号“”不成对：缺少后引号“””")
                stack.append((ch, i))
                continue
            want = _kind(_CLOSERS[ch])
            if stack and _kind(_PAIRS[stack[-1][0]]) == _kind(ch):
                stack.pop()
                continue
            # a closer whose opener is deeper: the ones above it are unclosed
            depth = next((k for k in range(len(stack) - 1, -1, -1) if _kind(stack[k][0]) == want), None)
            if depth is not None:
                for o, oi in stack[depth + 1 :]:
                    yield Issue(base + oi, base + oi + 1, f"“{o}”没有对应的“{_PAIRS[o]}”（或与其他标点交错）")
                del stack[depth:]
                continue
            if ch in "）)" and _ENUMERATOR.search(line[:i]):
                continue
            yield Issue(base + i, base + i + 1, f"“{ch}”没有对应的“{_CLOSERS[ch]}”")
        if stack and _TRUNCATED.search(line):
            return  # the rest of the text was cut off
        for o, oi in stack:
            if o in "“‘" and line[line.rfind("\n", 0, oi) + 1 : oi].strip() == "":
                continue  # a quotation running over several paragraphs
            yield Issue(base + oi, base + oi + 1, f"“{o}”没有对应的“{_PAIRS[o]}”")


# ---------------------------------------------------------------- ZW803 repeated
_REPEATED = re.compile(r"([，。、；：])\1+|[，、；：][，。、；：]+|。[，、；：]+")
_DOTS = re.compile(r"。{3,}|\.{6,}")


@register
class RepeatedPunctuation(Rule):
    code = "ZW803"
    name = "repeated-punctuation"
    category = "format"
    severity = "warning"
    summary = "标点重复或连用（，，/。。/，。）"
    doc = (
        "找出重复的点号（，，、。。、、、、；；）和不应连用的点号（，。、；，）。"
        "GB/T 15834-2011：句内点号和句末点号不重叠使用。省略号应为“……”。"
        "感叹号、问号的连用属于娱乐化表达，由ZW303检查。\n"
        "例：通知如下：：→ 通知如下：；“。。。” → “……”。同一标点重复时删去多余的是安全修改；"
        "不同标点连用需编辑判断保留哪一个。"
    )

    def check(self, doc: Doc) -> Iterable[Issue]:
        text = doc.text
        for m in _DOTS.finditer(text):
            yield Issue(m.start(), m.end(), "省略号应写作“……”", ["……"], fix_safe=True)
        for m in _REPEATED.finditer(text):
            run = m.group()
            if run.startswith("。。。"):
                continue
            if len(set(run)) == 1:
                yield Issue(m.start(), m.end(), f"标点“{run[0]}”重复", [run[0]], fix_safe=True)
            else:
                yield Issue(m.start(), m.end(), f"标点“{run}”连用，应保留一个", list(dict.fromkeys(run)),
                            fix_safe=False)


# ---------------------------------------------------------------- ZW804 half width
_HALF = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
# a half-width mark with Chinese on both sides (spaces allowed), never between digits,
# Latin letters or inside URLs: the neighbours must be Han characters or Chinese marks.
_CJK_SIDE = rf"[{_HAN}“”《》（）、。，；：？！…—]"
_HALF_IN_CHINESE = re.compile(rf"(?<={_CJK_SIDE}) ?([,;:?!()]) ?(?={_CJK_SIDE}|$)", re.M)
_HALF_OPEN_PAREN = re.compile(rf"(?<={_CJK_SIDE})\((?=[{_HAN}])")
_HALF_CLOSE_PAREN = re.compile(rf"(?<=[{_HAN}])\)(?={_CJK_SIDE}|$)", re.M)


@register
class HalfWidthPunctuation(Rule):
    code = "ZW804"
    name = "half-width-punctuation"
    category = "format"
    severity = "info"
    fix_safe = True
    summary = "中文句子中使用了半角标点"
    doc = (
        "找出前后都是汉字或中文标点的半角逗号、分号、冒号、问号、叹号和括号（GB/T 15834-2011："
        "中文文本使用全角标点）。数字中的“1,000”“3.5”、网址、英文和代码中的标点不报告，"
        "因为两侧不是中文。许多网站发布时会自动转换标点，所以只作提示（info）。\n"
        "例：各县(区)人民政府,市直各单位 → 各县（区）人民政府，市直各单位。"
        "换成对应的全角标点是安全修改。"
    )

    def check(self, doc: Doc) -> Iterable[Issue]:
        text = doc.text
        seen: set[int] = set()
        for pattern in (_HALF_IN_CHINESE, _HALF_OPEN_PAREN, _HALF_CLOSE_PAREN):
            for m in pattern.finditer(text):
                i = m.start(1) if pattern is _HALF_IN_CHINESE else m.start()
                if i in seen:
                    continue
                seen.add(i)
                ch = text[i]
                if ch == ":" and text[i + 1 : i + 3] == "//":
                    continue
                yield Issue(i, i + 1, f"中文句子中的半角“{ch}”应为全角“{_HALF[ch]}”", [_HALF[ch]])


# ---------------------------------------------------------------- ZW805 garbled
_REPLACEMENT = re.compile("\ufffd+")
_GBK_UTF8 = re.compile("(?:锟斤拷)+|(?:烫){3,}|(?:屯){3,}|(?:葺){3,}")
_CP1252_BYTES = "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
_CP1252_MOJIBAKE = re.compile(f"(?:[\u00e2-\u00e9][{_CP1252_BYTES}]{{2}}){{2,}}")
# GBK (or GB18030) bytes shown as Latin-1: “ÖÐ¹ú” for 中国.
_GBK_AS_LATIN1 = re.compile("[\u00a1-\u00fe]{4,}")
_HAN_RE = re.compile(f"[{_HAN}]")
_LATIN1_SYMBOL = re.compile("[\u00a1-\u00bf\u00d7\u00f7]")
# Bopomofo and other marks that appear when GBK bytes of Chinese punctuation are read
# with the wrong table (seed 004: “?。ㄒ唬?”), or a “?” that replaced an unmappable
# character right before a full-width mark.
_STRAY = re.compile(
    rf"[\u3105-\u312f\u31a0-\u31bf]+"  # bopomofo
    r"|[\ue000-\uf8ff]+"  # private-use characters (unmapped bytes)
    r"|\?(?=[。、])"  # “?。” “?、” never occur in correct text
    r"|\?(?=,[A-Z])"  # “工作?,F(xiàn)将”: 现 read with the wrong table
)


def _undo_cp1252(run: str) -> str | None:
    """The UTF-8 text a cp1252/latin-1 reading produced `run` from, if it decodes."""
    data = bytearray()
    for ch in run:
        try:
            data += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) > 0xFF:
                return None
            data.append(ord(ch))  # bytes cp1252 leaves undefined pass through as latin-1
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


@register
class GarbledText(Rule):
    code = "ZW805"
    name = "garbled-text"
    category = "format"
    severity = "warning"
    summary = "乱码（替换字符、锟斤拷、编码错读、错位的注音符号）"
    doc = (
        "找出转码出错留下的乱码：Unicode替换字符“�”、GBK与UTF-8互相错读产生的“锟斤拷”“烫烫烫”、"
        "UTF-8被当作西文编码读出的“ä¸­å›½”、GBK被当作西文编码读出的“ÖÐ¹ú”、混入中文正文的注音符号（ㄒ、ㄈ）以及紧贴全角标点"
        "的“?”（无法映射的字被替换成问号）。乱码会让页面看起来无人维护，检查中计入内容问题。\n"
        "例：组织开展了检查工作?,F(xiàn)将有关情况通报如下 → 组织开展了检查工作。现将有关情况通报如下。"
        "原文需要人工恢复，无自动修改。"
    )

    def check(self, doc: Doc) -> Iterable[Issue]:
        text = doc.text
        for m in _REPLACEMENT.finditer(text):
            yield Issue(m.start(), m.end(), "乱码：Unicode替换字符“�”（原字符在转码时丢失），请恢复原文")
        for m in _GBK_UTF8.finditer(text):
            yield Issue(m.start(), m.end(), f"乱码：“{m.group()}”是GBK与UTF-8互相错读的典型痕迹，请恢复原文")
        cp1252_spans = []
        for m in _CP1252_MOJIBAKE.finditer(text):
            cp1252_spans.append((m.start(), m.end()))
            hint = _undo_cp1252(m.group())
            msg = "乱码：UTF-8文字被当作西文编码读出" + (f"（原文可能是“{hint}”）" if hint else "") + "，请恢复原文"
            yield Issue(m.start(), m.end(), msg, [hint] if hint else [])
        for m in _GBK_AS_LATIN1.finditer(text):
            if any(a <= m.start() < b for a, b in cp1252_spans):
                continue
            run = m.group()
            beside_han = (m.start() > 0 and _HAN_RE.match(text, m.start() - 1)) or _HAN_RE.match(text, m.end())
            if not beside_han and not _LATIN1_SYMBOL.search(run):
                continue  # accented letters of a European word: “Àéèù” alone decodes too
            try:
                hint = run.encode("latin-1").decode("gb18030")
            except UnicodeError:
                continue
            if len(_HAN_RE.findall(hint)) * 2 < len(hint):
                continue  # not Chinese once decoded: some other text
            yield Issue(m.start(), m.end(), f"乱码：GBK编码的文字被当作西文编码读出（原文可能是“{hint}”），请恢复原文",
                        [hint])
        for m in _STRAY.finditer(text):
            first = m.group()[0]
            what = ("问号（无法转换的字被替换）" if first == "?" else
                    "私用区字符（无法转换的字节）" if "\ue000" <= first <= "\uf8ff" else "注音符号")
            yield Issue(m.start(), m.end(), f"疑似乱码：中文正文中出现{what}“{m.group()}”，请核对原文")


# ---------------------------------------------------------------- ZW806 pinyin
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN_NOTE = re.compile(rf"(?<=[{_HAN}A-Za-z])[(（]([a-zü]*[{_TONED}][a-zü]*)[)）]")


@register
class StrayPinyin(Rule):
    code = "ZW806"
    name = "stray-pinyin-annotation"
    category = "format"
    severity = "warning"
    summary = "正文中夹带拼音注音（繁简转换出错）"
    doc = (
        "找出紧跟在字后面、带声调的拼音括注，如“發(fā)布”“數(shù)”“現(xiàn)”：某些繁简转换或排版工具出错时，"
        "会给整篇文字夹带注音。为生僻字注音（亳(bó)州）是正常用法，所以一篇文字里出现"
        " min-count 处以上才报告。\n"
        "例：發(fā)布機構(gòu) → 发布机构。删去注音的修改建议不自动应用（同时要核对字本身）。"
    )

    options = (Option("min-count", int, 3, "一篇文字里的拼音括注达到此数才报告"),)

    def check(self, doc: Doc) -> Iterable[Issue]:
        text = doc.text
        hits = list(_PINYIN_NOTE.finditer(text))
        if len(hits) < doc.option(self.code, "min-count"):
            return
        for m in hits:
            yield Issue(m.start(), m.end(), f"疑似转换出错夹带的拼音注音“{m.group()}”，应删除并核对前面的字（本文共{len(hits)}处）",
                        [""])
