"""The .docx reader (lint/text/docx.py) and the annotated copy (lint/report/docx_annotate.py),
round-tripped on a real-looking document built in tests/docx_samples.py: several styles, runs
that split a word, a hyperlink, a numbered list, a table, a header, a footer with a PAGE field,
a footnote, a text box, an image, an existing comment and another editor's tracked insertion."""
from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from docx_samples import (NS, W_NS, accept_all, comment_texts, long_document, reject_all, sample_document,
                          zip_parts, zwlint_comments, zwlint_only)
from lint.cli import app
from lint.fix import apply_edits
from lint.model import Finding, Post
from lint.report.docx_annotate import Edit, annotate_docx, edits_for
from lint.text.docx import T, read_docx_text
from serve_planted import planted_linter

ROOT = Path(__file__).resolve().parent.parent
ARTEFACTS = ROOT / "out" / "test-artefacts"
WHEN = datetime(2026, 12, 2, 9, 30, tzinfo=timezone.utc)
STORIES = ("word/document.xml", "word/header1.xml", "word/footnotes.xml")


def w(tag):
    return f"{{{W_NS}}}{tag}"


@pytest.fixture(scope="module")
def original():
    return sample_document()


@pytest.fixture(scope="module")
def findings(original):
    text = read_docx_text(original).text
    return planted_linter().check_post(Post(content=text, published=date(2026, 11, 1)))


@pytest.fixture(scope="module")
def annotated(original, findings):
    return annotate_docx(original, findings, edits_for(findings, "all"), when=WHEN)


def with_parts(data: bytes, parts: dict[str, etree._Element]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = etree.tostring(parts[info.filename]) if info.filename in parts else src.read(info.filename)
            dst.writestr(info, body)
    return out.getvalue()


def story_roots(data: bytes) -> dict[str, etree._Element]:
    parts = zip_parts(data)
    return {name: etree.fromstring(parts[name]) for name in STORIES}


def comment_body(c) -> str:
    return "\n".join("".join(t.text or "" for t in p.iter(w("t"))) for p in c.iterfind(w("p")))


# ---------------------------------------------------------------- reading

def test_reader_reads_every_story_in_reading_order(original):
    text = read_docx_text(original).text
    lines = text.split("\n")
    assert lines[:3] == ["关于按装政务信息系统的通知", "一、总体要求", "请各单位于今年底前尽快按装新系统，并做好数据迁移。"]
    assert "申请请访问帐号申请页面，咨询电话13812345678。" in lines  # hyperlink text
    assert "所有终端（含帐号权限）均须备案。" in lines  # another editor's tracked insertion
    assert lines[lines.index("操作提示：") + 1] == "提示：请按装客户端。"  # the text box after its paragraph
    assert "联系人\t王主任" in lines and "说明\t帐号由中华民国政府统一分配" in lines  # table rows, cells by tab
    assert lines[-3:] == ["某市人民政府办公室\u3000按装通知", "第 1 页", " 系统帐号由信息中心发放。"]  # header, footer, footnote
    assert "PAGE" not in text  # field codes are not text; their results are


def test_every_character_from_a_run_maps_back_to_its_element(original):
    doc = read_docx_text(original)
    mapped = 0
    for pos, ch in enumerate(doc.text):
        hit = doc.piece_at(pos)
        if hit is None:
            assert ch in "\n\t"  # only the separators between paragraphs and cells are unmapped
            continue
        piece, off = hit
        mapped += 1
        if piece.elem.tag == T:
            assert piece.elem.text[off] == ch
    assert mapped > 0.9 * len(doc.text)


def test_check_reports_offsets_into_the_text_the_reader_returns(original, project):
    f = project / "a.docx"
    f.write_bytes(original)
    result = CliRunner().invoke(app, ["check", str(f), "--format", "json", "--fail-on", "never", "--show-personal-data"])
    text = read_docx_text(original).text
    reported = json.loads(result.stdout)["files"][0]["findings"]
    assert reported  # the default rules find the planted typos, in the body, the table and the header
    for finding in reported:
        assert text[finding["start"]:finding["end"]] == finding["text"]


def test_broken_docx_is_a_one_line_input_error(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    result = CliRunner().invoke(app, ["check", str(bad)])
    assert result.exit_code == 2
    assert "bad.docx: not a valid .docx file" in result.stderr


# ---------------------------------------------------------------- comments

def test_one_comment_per_finding_and_the_existing_comment_survives(annotated, findings, original):
    assert annotated.comments == len(findings) == len(zwlint_comments(annotated.data))
    root = etree.fromstring(zip_parts(annotated.data)["word/comments.xml"])
    human = [c for c in root.iterfind(w("comment")) if c.get(w("author")) == "审校员"]
    assert [comment_body(c) for c in human] == ["请核实完成时限。"]
    ids = [c.get(w("id")) for c in root.iterfind(w("comment"))]
    assert len(ids) == len(set(ids))
    body = etree.fromstring(zip_parts(annotated.data)["word/document.xml"])
    refs = {r.get(w("id")) for r in body.iter(w("commentReference"))}
    assert set(ids) == refs  # every comment is referenced from the body, where Word shows it


def test_each_comment_says_category_severity_message_suggestions_and_rule(annotated, findings):
    for f, c in zip(findings, zwlint_comments(annotated.data)):
        body = comment_body(c)
        assert f.message in body and f.rule in body and f.name in body
        assert {"typo": "疑似错别字", "serious": "严重表述错误", "privacy": "个人信息", "date": "日期逻辑"}[f.category] in body
        assert {"error": "错误", "warning": "警告", "info": "提示"}[f.severity] in body
        for s in f.suggestions:
            assert f"“{s}”" in body
        assert c.get(w("date")) == "2026-12-02T09:30:00Z"


def test_body_comments_cover_exactly_the_finding_text(annotated, findings):
    body = zwlint_only(story_roots(annotated.data)["word/document.xml"], reject_all)
    anchored = comment_texts(body)
    doc = read_docx_text(sample_document())
    checked = 0
    for f, c in zip(findings, zwlint_comments(annotated.data)):
        piece = doc.piece_at(f.start)[0]
        in_body_text = piece.part.kind == "body" and not any(a.tag == w("txbxContent") for a in piece.elem.iterancestors())
        if in_body_text:
            assert anchored[c.get(w("id"))] == f.text, f
            checked += 1
        else:  # header, footnote, text box: Word ignores ranges there; the comment quotes the text
            assert f"“{f.text}”" in comment_body(c)
            assert any(where in comment_body(c) for where in ("页眉", "脚注", "文本框"))
    assert checked >= 8


# ---------------------------------------------------------------- tracked changes

def test_accepting_all_revisions_gives_the_fixed_text_and_rejecting_gives_the_original(annotated, original):
    text = read_docx_text(original).text
    assert len(annotated.revisions) == 11 and not annotated.untracked
    fixed = apply_edits(text, [Finding("", "", "", "", "", e.start, e.end, 0, 0, e.text, [e.replacement])
                               for e in annotated.revisions])
    roots = story_roots(annotated.data)
    accepted = with_parts(annotated.data, {n: zwlint_only(r, accept_all) for n, r in roots.items()})
    rejected = with_parts(annotated.data, {n: zwlint_only(r, reject_all) for n, r in roots.items()})
    assert read_docx_text(accepted).text == fixed
    assert read_docx_text(rejected).text == text
    assert "安装政务信息系统" in fixed and "按装" not in fixed and "138****5678" in fixed


def test_revisions_carry_author_time_and_the_run_formatting(annotated):
    body = story_roots(annotated.data)["word/document.xml"]
    revisions = body.xpath("//w:ins[@w:author='zwlint']|//w:del[@w:author='zwlint']", namespaces=NS)
    assert revisions and all(r.get(w("date")) == "2026-12-02T09:30:00Z" for r in revisions)
    # 按 (bold) + 装 (red 14pt) deleted run by run, each keeping its formatting
    deleted = [(d.findtext(".//w:delText", namespaces=NS), d.find(".//w:rPr", namespaces=NS)) for d in
               body.xpath("//w:p[contains(string(.), '今年底前')]//w:del", namespaces=NS)]
    assert deleted[0][0] == "按" and deleted[0][1].find(w("b")) is not None
    assert deleted[1][0] == "装" and deleted[1][1].find(w("color")).get(w("val")) == "C00000"
    # the split-off rest of the red run keeps its colour
    rest = body.xpath("//w:r[w:t='新系统']/w:rPr/w:color", namespaces=NS)
    assert rest and rest[0].get(w("val")) == "C00000"


def test_a_deletion_inside_another_editors_insertion_stays_inside_it(annotated):
    body = story_roots(annotated.data)["word/document.xml"]
    nested = body.xpath("//w:ins[@w:author='李编辑']//w:del[@w:author='zwlint']//w:delText", namespaces=NS)
    assert [t.text for t in nested] == ["帐号"]


def test_safe_mode_tracks_only_safe_fixes_and_none_tracks_nothing(original, findings):
    safe = annotate_docx(original, findings, edits_for(findings, "safe"), when=WHEN)
    assert {e.replacement for e in safe.revisions} == {"安装", "账号"}
    none = annotate_docx(original, findings, edits_for(findings, "none"), when=WHEN)
    assert none.revisions == [] and b"w:author=\"zwlint\"" not in zip_parts(none.data)["word/document.xml"]
    assert none.comments == len(findings)


def test_an_edit_across_paragraphs_is_left_to_the_comment(original):
    text = read_docx_text(original).text
    start = text.index("要求\n请") + 1
    edit = Edit(start, start + 3, text[start:start + 3], "")
    result = annotate_docx(original, [], [edit], when=WHEN)
    assert result.untracked == [edit] and result.revisions == []


def test_a_finding_that_does_not_match_the_text_is_refused(original):
    wrong = Finding("ZW298", "x", "typo", "warning", "m", 0, 2, 1, 1, "不是", [])
    with pytest.raises(ValueError, match="does not match"):
        annotate_docx(original, [wrong], [])


# ---------------------------------------------------------------- the rest of the document

def test_parts_without_findings_are_copied_byte_for_byte(annotated, original):
    before, after = zip_parts(original), zip_parts(annotated.data)
    changed = {n for n in before if before[n] != after.get(n)}
    assert changed <= {"word/document.xml", "word/header1.xml", "word/footnotes.xml", "word/comments.xml"}
    for name in ("word/styles.xml", "word/numbering.xml", "word/settings.xml", "word/footer1.xml"):
        assert after[name] == before[name]
    media = [n for n in before if n.startswith("word/media/")]
    assert media and all(after[n] == before[n] for n in media)


def _paragraph_signature(p):
    """(pPr, [(rPr, char) ...]): what a reader sees of a paragraph, whatever its run splits."""
    ppr = p.find(w("pPr"))
    chars = []
    for r in p.iter(w("r")):
        rpr = r.find(w("rPr"))
        key = etree.tostring(rpr, method="c14n") if rpr is not None else b""
        for t in r.iterfind(w("t")):
            chars.extend((key, ch) for ch in t.text or "")
    return (etree.tostring(ppr, method="c14n") if ppr is not None else b"", chars)


def test_xml_outside_the_annotated_spans_is_unchanged(annotated, original):
    for name in STORIES:
        before = etree.fromstring(zip_parts(original)[name])
        after = zwlint_only(story_roots(annotated.data)[name], reject_all)
        for el in after.xpath("//w:commentRangeStart|//w:commentRangeEnd", namespaces=NS):
            if el.get(w("id")) != "0":
                el.getparent().remove(el)
        for ref in after.xpath("//w:r[w:commentReference]", namespaces=NS):
            if ref.find(w("commentReference")).get(w("id")) != "0":
                ref.getparent().remove(ref)
        ps_before, ps_after = list(before.iter(w("p"))), list(after.iter(w("p")))
        assert len(ps_before) == len(ps_after)
        untouched = 0
        for a, b in zip(ps_before, ps_after):
            if _paragraph_signature(a) != _paragraph_signature(b):
                raise AssertionError(f"{name}: paragraph {''.join(a.itertext())!r} changed")
            if etree.tostring(a, method="c14n") == etree.tostring(b, method="c14n"):
                untouched += 1
        # the paragraphs without findings are identical down to the XML
        marked = sum(1 for p in story_roots(annotated.data)[name].iter(w("p"))
                     if p.xpath(".//w:commentRangeStart|.//w:ins[@w:author='zwlint']", namespaces=NS))
        assert untouched >= len(ps_before) - marked - 2  # the hosts of text box / note comments


def test_python_docx_opens_the_copy_and_sees_every_comment(annotated, findings):
    import docx

    d = docx.Document(io.BytesIO(annotated.data))
    assert len(list(d.comments)) == len(findings) + 1
    assert len(d.tables) == 1 and d.inline_shapes[0].width > 0
    assert d.paragraphs[0].style.name == "Title"


# ---------------------------------------------------------------- LibreOffice

def _soffice_pdf(soffice, src: Path, outdir: Path, options: str) -> Path:
    proc = subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{outdir}/profile",
                           "--convert-to", f"pdf:writer_pdf_Export:{options}", "--outdir", str(outdir), str(src)],
                          capture_output=True, text=True, timeout=180)
    pdf = outdir / (src.stem + ".pdf")
    assert proc.returncode == 0 and pdf.is_file(), proc.stderr
    return pdf


def test_libreoffice_opens_the_copy_without_repair_and_renders_it(annotated, tmp_path):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui")
    src = tmp_path / "annotated.docx"
    src.write_bytes(annotated.data)
    # The page as printed (revisions shown; comments in the margin where LibreOffice >= 7.5 can),
    # and with the comments as PDF annotations (pins where they are anchored).
    page = _soffice_pdf(soffice, src, tmp_path / "page", '{"ExportNotes":{"type":"boolean","value":"false"},'
                                                           '"ExportNotesInMargin":{"type":"boolean","value":"true"}}')
    pins = _soffice_pdf(soffice, src, tmp_path / "pins", '{"ExportNotes":{"type":"boolean","value":"true"}}')
    # Through LibreOffice's own model to ODT: it reads back every comment and the tracked changes.
    proc = subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/profile",
                           "--convert-to", "odt", "--outdir", str(tmp_path), str(src)],
                          capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    with zipfile.ZipFile(tmp_path / "annotated.odt") as odt:
        content = odt.read("content.xml").decode("utf-8")
    assert content.count("<office:annotation ") + content.count("<office:annotation>") == len(zwlint_comments(annotated.data)) + 1
    assert content.count("<text:changed-region") >= len(annotated.revisions)
    if shutil.which("pdftoppm"):
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        for pdf, name in ((page, "annotated-page"), (pins, "annotated-comments")):
            shutil.copyfile(pdf, ARTEFACTS / f"{name}.pdf")
            subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", str(pdf), str(ARTEFACTS / name)],
                           check=True, timeout=60)
        assert any(ARTEFACTS.glob("annotated-page*.png")) and any(ARTEFACTS.glob("annotated-comments*.png"))


# ---------------------------------------------------------------- the command line

def test_check_annotate_writes_the_copy_next_to_the_input(project):
    import docx

    d = docx.Document()
    d.add_paragraph("第一段。")
    p = d.add_paragraph("第二段有测试")
    p.add_run("错词").bold = True
    p.add_run("，还有习近乎。")
    d.save(project / "a.docx")
    result = CliRunner().invoke(app, ["check", str(project / "a.docx"), "--select", "ZW990", "--format", "json",
                                      "--annotate"])
    assert result.exit_code == 1, result.output
    findings = json.loads(result.stdout)["files"][0]["findings"]
    out = project / "a.zwlint.docx"
    assert out.is_file() and "已写入批注版" in result.stderr and "2 条批注，1 处修订" in result.stderr
    data = out.read_bytes()
    anchored = comment_texts(zwlint_only(etree.fromstring(zip_parts(data)["word/document.xml"]), reject_all))
    assert sorted(anchored.values()) == sorted(f["text"] for f in findings) == sorted(["测试错词", "习近乎"])
    assert read_docx_text(data).text == "第一段。\n第二段有测试正词，还有习近乎。"  # the reader sees the insertion

    result = CliRunner().invoke(app, ["check", str(project / "a.docx"), "--select", "ZW990", "--annotate",
                                      str(project / "b.docx"), "--annotate-fixes", "all", "--review-sheet"])
    assert (project / "b.docx").is_file() and "2 处修订" in result.stderr
    sheet = (project / "a.审校意见单.html").read_text(encoding="utf-8")
    assert "审校意见单" in sheet and "习近乎" in sheet and "初审" in sheet


def test_annotate_refuses_to_overwrite_the_input(project, original):
    (project / "a.docx").write_bytes(original)
    result = CliRunner().invoke(app, ["check", str(project / "a.docx"), "--annotate", str(project / "a.docx")])
    assert result.exit_code == 2 and "overwrite the input" in result.stderr


def test_a_long_document_is_annotated_completely():
    data = long_document(pages=3)
    text = read_docx_text(data).text
    fs = planted_linter().check_post(Post(content=text))
    result = annotate_docx(data, fs, edits_for(fs, "safe"))
    assert result.comments == len(fs) > 30 and not result.untracked
    roots = story_roots_of(result.data)
    assert read_docx_text(with_parts(result.data, {n: zwlint_only(r, reject_all) for n, r in roots.items()})).text == text


def story_roots_of(data):
    parts = zip_parts(data)
    return {n: etree.fromstring(parts[n]) for n in ("word/document.xml", "word/header1.xml") if n in parts}


# ---------------------------------------------------------------- any split, any span

from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

_BASE = None


def _document_with(paragraphs: list[list[tuple[str, int]]]) -> bytes:
    """A python-docx document whose body is `paragraphs`: lists of (text, style) runs, style 0
    plain, 1 bold, 2 red, 3 a tab before the text, 4 inside a hyperlink."""
    global _BASE
    if _BASE is None:
        import docx

        buf = io.BytesIO()
        docx.Document().save(buf)
        _BASE = buf.getvalue()
    parts = zip_parts(_BASE)
    root = etree.fromstring(parts["word/document.xml"])
    body = root.find(w("body"))
    sect = body.find(w("sectPr"))
    for child in list(body):
        if child is not sect:
            body.remove(child)
    for runs in paragraphs:
        p = etree.Element(w("p"))
        for text, style in runs:
            r = etree.Element(w("r"))
            if style in (1, 2):
                rpr = etree.SubElement(r, w("rPr"))
                etree.SubElement(rpr, w("b") if style == 1 else w("color"), {w("val"): "C00000"} if style == 2 else {})
            if style == 3:
                etree.SubElement(r, w("tab"))
            t = etree.SubElement(r, w("t"))
            t.text = text
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            if style == 4:
                link = etree.SubElement(p, w("hyperlink"), {w("anchor"): "top"})
                link.append(r)
            else:
                p.append(r)
        sect.addprevious(p)
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, body_bytes in parts.items():
            zf.writestr(name, body_bytes)
    return out.getvalue()


_runs = st.lists(st.tuples(st.text("按装帐号政府 ab", min_size=1, max_size=6), st.integers(0, 4)), min_size=1, max_size=5)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs=st.lists(_runs, min_size=1, max_size=4), data=st.data())
def test_any_spans_over_any_runs_are_anchored_exactly_and_round_trip(paragraphs, data):
    original = _document_with(paragraphs)
    text = read_docx_text(original).text
    n = len(text)
    spans = data.draw(st.lists(st.tuples(st.integers(0, n), st.integers(0, n)).map(sorted), max_size=6))
    findings = [Finding("ZW298", "t", "typo", "warning", "m", a, b, 1, 1, text[a:b], ["新" * (k % 3)] if k % 2 == 0 else [],
                        fix_safe=True) for k, (a, b) in enumerate(spans)]
    result = annotate_docx(original, findings, edits_for(findings, "all"), when=WHEN)
    root = etree.fromstring(zip_parts(result.data)["word/document.xml"])
    rejected = zwlint_only(root, reject_all)
    anchored = comment_texts(rejected)
    comments = zwlint_comments(result.data) if findings else []
    assert len(comments) == len(findings)
    for f, c in zip(findings, comments):
        visible = "".join(ch for ch in f.text if ch not in "\n\t")  # separators and tabs are not w:t text
        assert anchored[c.get(w("id"))] == visible
    fixed = apply_edits(text, [Finding("", "", "", "", "", e.start, e.end, 0, 0, e.text, [e.replacement])
                               for e in result.revisions])
    assert read_docx_text(with_parts(result.data, {"word/document.xml": zwlint_only(root, accept_all)})).text == fixed
    assert read_docx_text(with_parts(result.data, {"word/document.xml": rejected})).text == text
    assert {(e.start, e.end) for e in result.revisions + result.untracked} == {(e.start, e.end) for e in edits_for(findings, "all")}


# ---------------------------------------------------------------- 审校意见单

def test_review_sheet_counts_findings_by_category_and_lists_them(findings):
    from lint.report.review_sheet import review_sheet_html

    page = review_sheet_html("通知.docx", findings, annotated="通知.zwlint.docx")
    typo = sum(1 for f in findings if f.category == "typo")
    assert f"<tr><td>疑似错别字</td><td class=n>0</td><td class=n>{typo}</td><td class=n>0</td><td class=n>{typo}</td></tr>" in page
    assert f"<th class=n>{len(findings)}</th></tr>" in page  # the total
    assert "存在严重表述错误，须修改后重新送审" in page  # ZW198 is serious
    assert page.index("中华民国政府") < page.index("按装")  # the most severe first
    for stage in ("初审", "复审", "终审"):
        assert f"<td class=n>{stage}</td>" in page
    assert "<script" not in review_sheet_html("<script>.docx", [])


def test_review_sheet_as_pdf_fits_one_page(findings, tmp_path):
    from lint.report.review_sheet import html_to_pdf, review_sheet_html, soffice

    if soffice() is None or shutil.which("pdfinfo") is None:
        pytest.skip("LibreOffice (soffice) or poppler's pdfinfo is not installed")
    import dataclasses

    out = tmp_path / "sheet.pdf"
    wordy = [dataclasses.replace(f, message=f.message * 4) for f in findings]  # long messages wrap
    html_to_pdf(review_sheet_html("通知.docx", findings * 3 + wordy), out)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert "Pages:           1" in info
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "审校意见单" in text and "疑似错别字" in text


def test_a_pdf_sheet_without_libreoffice_is_a_clear_error(project, original, monkeypatch):
    (project / "a.docx").write_bytes(original)
    monkeypatch.setenv("ZWLINT_SOFFICE", str(project / "no-such-soffice"))
    result = CliRunner().invoke(app, ["check", str(project / "a.docx"), "--review-sheet", str(project / "s.pdf")])
    assert result.exit_code == 2 and "cannot write the review sheet (cannot run LibreOffice" in result.stderr
    monkeypatch.setattr("lint.report.review_sheet.soffice", lambda: None)
    result = CliRunner().invoke(app, ["check", str(project / "a.docx"), "--review-sheet", str(project / "s.pdf")])
    assert result.exit_code == 2 and "PDF needs LibreOffice" in result.stderr and not (project / "s.pdf").exists()
