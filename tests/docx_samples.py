"""Real-looking .docx files for the tests and the benchmark, built in code: python-docx for
what it supports, a little OOXML for the rest (footnote, text box, hyperlink, a tracked
insertion by another author, a PAGE field).

The planted problems are those of tests/serve_planted.py: 按装/帐号 (ZW298, safe fix),
中华民国政府 (ZW198, two suggestions), a mobile number (ZW598), 今年 (ZW798, info, no fix)."""
from __future__ import annotations

import copy
import io
import struct
import zipfile
import zlib

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
NS = {"w": W_NS}


def w(tag):
    return f"{{{W_NS}}}{tag}"


def png(width=48, height=32) -> bytes:
    """A small RGB PNG (a red-to-blue gradient)."""
    rows = b"".join(b"\x00" + bytes(c for x in range(width) for c in (255 * x // width, 80, 255 - 255 * y // height))
                    for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


FOOTNOTES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="{W_NS}">
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> 系统帐号由信息中心发放。</w:t></w:r></w:p></w:footnote>
</w:footnotes>"""

TEXT_BOX = f"""<w:r xmlns:w="{W_NS}" xmlns:v="urn:schemas-microsoft-com:vml"><w:pict>
<v:shape id="zwbox1" type="#_x0000_t202" style="width:200pt;height:40pt" stroked="t"><v:textbox>
<w:txbxContent><w:p><w:r><w:t>提示：请按装客户端。</w:t></w:r></w:p></w:txbxContent>
</v:textbox></v:shape></w:pict></w:r>"""


def docx_bytes(paragraphs=("测试错词",)) -> bytes:
    """A plain .docx of the given paragraphs."""
    import docx

    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _paragraph_with(document, text_before, xml_runs, text_after=""):
    p = document.add_paragraph(text_before)
    for x in xml_runs:
        p._p.append(etree.fromstring(x))
    if text_after:
        p.add_run(text_after)
    return p


def sample_document() -> bytes:
    """Several styles, bold runs splitting a word, a hyperlink, a table, a header, a footer
    with a PAGE field, a footnote, a text box, an image, an existing comment and an existing
    tracked insertion by another author."""
    import docx
    from docx.shared import Pt, RGBColor

    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "某市人民政府办公室　按装通知"
    footer = d.sections[0].footer.paragraphs[0]
    footer.text = "第 "
    footer._p.append(etree.fromstring(
        f'<w:r xmlns:w="{W_NS}"><w:fldChar w:fldCharType="begin"/></w:r>'))
    footer._p.append(etree.fromstring(
        f'<w:r xmlns:w="{W_NS}"><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'))
    footer._p.append(etree.fromstring(f'<w:r xmlns:w="{W_NS}"><w:fldChar w:fldCharType="separate"/></w:r>'))
    footer._p.append(etree.fromstring(f'<w:r xmlns:w="{W_NS}"><w:t>1</w:t></w:r>'))
    footer._p.append(etree.fromstring(f'<w:r xmlns:w="{W_NS}"><w:fldChar w:fldCharType="end"/></w:r>'))
    footer.add_run(" 页")

    d.add_heading("关于按装政务信息系统的通知", level=0)
    d.add_heading("一、总体要求", level=1)
    p = d.add_paragraph("请各单位于今年底前尽快")
    bold = p.add_run("按")
    bold.bold = True
    red = p.add_run("装新系统")
    red.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    red.font.size = Pt(14)
    p.add_run("，并做好数据迁移。")
    # the existing comment of a human reviewer
    d.add_comment([p.runs[0]], text="请核实完成时限。", author="审校员", initials="SJ")

    link = (f'<w:hyperlink xmlns:w="{W_NS}" xmlns:r="{R_NS}" r:id="RID"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/>'
            f'</w:rPr><w:t>帐号申请页面</w:t></w:r></w:hyperlink>')
    rid = d.part.relate_to("https://www.example.gov.cn/apply", docx.opc.constants.RELATIONSHIP_TYPE.HYPERLINK,
                           is_external=True)
    _paragraph_with(d, "申请请访问", [link.replace("RID", rid)], "，咨询电话13812345678。")
    d.add_paragraph("统一部署安装", style="List Number")
    d.add_paragraph("各单位自行按装的终端须登记", style="List Number")
    ins = (f'<w:ins xmlns:w="{W_NS}" w:id="901" w:author="李编辑" w:date="2026-11-30T09:00:00Z">'
           f'<w:r><w:t>（含帐号权限）</w:t></w:r></w:ins>')
    _paragraph_with(d, "所有终端", [ins], "均须备案。")
    ref = f'<w:r xmlns:w="{W_NS}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'
    _paragraph_with(d, "登录方式见脚注", [ref], "。")
    _paragraph_with(d, "操作提示：", [TEXT_BOX])

    table = d.add_table(rows=2, cols=2)
    table.style = "Table Grid"
    for (r, c), value in {(0, 0): "联系人", (0, 1): "王主任", (1, 0): "说明",
                          (1, 1): "帐号由中华民国政府统一分配"}.items():
        table.cell(r, c).text = value
    d.add_picture(io.BytesIO(png()))
    d.add_paragraph("附件：系统操作手册", style="Intense Quote")
    out = io.BytesIO()
    d.save(out)
    return add_footnotes(out.getvalue())


def add_footnotes(data: bytes, footnotes_xml: str = FOOTNOTES) -> bytes:
    """The package with a footnotes part (python-docx cannot add one)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                root = etree.fromstring(body)
                etree.SubElement(root, f"{{{CT_NS}}}Override", PartName="/word/footnotes.xml",
                                 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml")
                body = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            elif info.filename == "word/_rels/document.xml.rels":
                root = etree.fromstring(body)
                etree.SubElement(root, f"{{{REL_NS}}}Relationship", Id="rIdFootnotes1",
                                 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes",
                                 Target="footnotes.xml")
                body = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            zf.writestr(info, body)
        zf.writestr("word/footnotes.xml", footnotes_xml.encode("utf-8"))
    return out.getvalue()


def long_document(pages: int = 20) -> bytes:
    """About `pages` A4 pages of a government notice (≈ 900 characters and a heading a page, at
    python-docx's default 11 pt) with planted problems in every paragraph, styled runs, a table
    every two pages and an image."""
    import docx

    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "某市人民政府办公室文件"
    d.add_heading("关于做好政务信息系统按装和帐号管理工作的通知", level=0)
    body = ("为进一步加强政务信息系统建设，提升政务服务效能，现就有关事项通知如下。各单位要高度重视，"
            "于今年底前完成终端按装，帐号由信息中心统一分配，咨询电话13812345678。")
    for page in range(pages):
        d.add_heading(f"{page + 1}、工作安排（第{page + 1}部分）", level=1)
        for k in range(10):
            p = d.add_paragraph(body[:40])
            r = p.add_run(body[40:70])
            r.bold = k % 2 == 0
            p.add_run(body[70:])
        if page % 2 == 0:
            t = d.add_table(rows=3, cols=3)
            t.style = "Table Grid"
            for i in range(3):
                for j in range(3):
                    t.cell(i, j).text = "帐号" if (i + j) % 2 else "由中华民国政府分配"
        if page == 0:
            d.add_picture(io.BytesIO(png()))
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


# ---------------------------------------------------------------- reading the result as a test does

def accept_all(root: etree._Element) -> etree._Element:
    """A copy of a story with every revision accepted: w:ins kept, w:del dropped."""
    root = copy.deepcopy(root)
    for d in root.xpath("//w:del", namespaces=NS):
        d.getparent().remove(d)
    for i in root.xpath("//w:ins", namespaces=NS):
        _unwrap(i)
    return root


def reject_all(root: etree._Element) -> etree._Element:
    """A copy of a story with every revision rejected: w:ins dropped, w:del kept as text."""
    root = copy.deepcopy(root)
    for i in root.xpath("//w:ins", namespaces=NS):
        i.getparent().remove(i)
    for d in root.xpath("//w:del", namespaces=NS):
        for t in d.iter(w("delText")):
            t.tag = w("t")
        _unwrap(d)
    return root


def zwlint_only(root: etree._Element, keep) -> etree._Element:
    """`keep` (accept_all / reject_all) applied to zwlint's revisions only; other authors' stay."""
    root = etree.fromstring(etree.tostring(root))
    for el in root.xpath("//w:ins|//w:del", namespaces=NS):
        if el.get(w("author")) != "zwlint":
            el.tag += "-other"
    root = keep(root)
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.endswith("-other"):
            el.tag = el.tag[: -len("-other")]
    return root


def zwlint_comments(data: bytes) -> list[etree._Element]:
    root = etree.fromstring(zip_parts(data)["word/comments.xml"])
    return [c for c in root.iterfind(w("comment")) if c.get(w("author")) == "zwlint"]


def _unwrap(el):
    parent = el.getparent()
    index = parent.index(el)
    for k, child in enumerate(list(el)):
        parent.insert(index + k, child)
    parent.remove(el)


def comment_texts(root: etree._Element) -> dict[str, str]:
    """Comment id -> the text its range covers (w:t only, so call on an accepted or rejected
    copy), in document order; ranges may span paragraphs."""
    open_ids: dict[str, list[str]] = {}
    done: dict[str, str] = {}
    for el in root.iter():
        if el.tag == w("commentRangeStart"):
            open_ids[el.get(w("id"))] = []
        elif el.tag == w("commentRangeEnd"):
            cid = el.get(w("id"))
            if cid in open_ids:
                done[cid] = "".join(open_ids.pop(cid))
        elif el.tag == w("t") and not any(a.tag == w("txbxContent") for a in el.iterancestors()):
            for parts in open_ids.values():
                parts.append(el.text or "")
    return done


def zip_parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: zf.read(n) for n in zf.namelist()}
