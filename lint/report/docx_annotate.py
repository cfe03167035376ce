"""An annotated copy of a .docx: every finding a Word comment (批注) anchored on exactly its
characters, fixes as tracked changes (修订) by author `zwlint`.

The copy is the original package with only the parts that change rewritten: the stories that
get comments or revisions, word/comments.xml, and (when the document had no comments) the
content types and the main part's relationships. Every other entry (styles, numbering, media,
settings, headers without findings ...) is copied byte for byte. Runs are split where a
finding starts or ends; both halves keep the run's properties.

Word ignores comment ranges in headers, footers, text boxes and notes (MS-OI29500 2.1.315), so
a finding there gets its comment in the body: on the footnote/endnote reference mark, on the run
holding the text box, or (headers and footers) at the start of the body; the comment quotes the
text and says where it is. Its fix, if any, is still a tracked change where the text is.
"""
from __future__ import annotations

import copy
import io
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from lxml import etree

from lint.fix import safe_edits
from lint.model import CATEGORIES, Finding
from lint.text.docx import (ATOMS, P, R, REL_NS, RPR, T, TXBX, W_NS, DocxError, DocxText, Part,
                            read_docx_text, rels_name, resolve_target, w)

AUTHOR = "zwlint"
INITIALS = "ZW"
SEVERITY_LABEL = {"error": "错误", "warning": "警告", "info": "提示"}
FIX_MODES = ("safe", "all", "none")

COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
STORY_LABEL = {"header": "页眉", "footer": "页脚", "footnotes": "脚注", "endnotes": "尾注"}
# Run content that a tracked deletion must not swallow (fields, notes, pictures, comments).
UNTRACKABLE = {w("fldChar"), w("instrText"), w("footnoteReference"), w("endnoteReference"),
               w("drawing"), w("pict"), w("object"), w("commentReference"), w("sym")}


@dataclass(frozen=True)
class Edit:
    """Replace text[start:end] (== `text`) with `replacement`."""

    start: int
    end: int
    text: str
    replacement: str


@dataclass
class Annotated:
    data: bytes  # the .docx
    comments: int
    revisions: list[Edit] = field(default_factory=list)  # fixes written as tracked changes
    untracked: list[Edit] = field(default_factory=list)  # fixes that could not be (span crosses paragraphs or fields)


def edits_for(findings: list[Finding], mode: str) -> list[Edit]:
    """The fixes to track: `safe` (what --fix applies), `all` (every first suggestion,
    non-overlapping, first come first served) or `none`."""
    if mode == "none":
        return []
    if mode == "safe":
        chosen = safe_edits(findings)
    elif mode == "all":
        chosen, taken = [], []
        for f in sorted(findings, key=lambda f: (f.start, f.end)):
            if f.suggestions and not any(_conflict(f.start, f.end, s, e) for s, e in taken):
                chosen.append(f)
                taken.append((f.start, f.end))
    else:
        raise ValueError(f"unknown fix mode {mode!r}; one of {', '.join(FIX_MODES)}")
    return [Edit(f.start, f.end, f.text, f.suggestions[0]) for f in chosen]


def annotate_docx(source: Path | str | bytes, findings: list[Finding], edits: list[Edit] = (),
                  *, author: str = AUTHOR, when: datetime | None = None) -> Annotated:
    """The annotated copy of `source`. `findings` must come from checking its text
    (lint.text.docx); `edits` are fixes in the same offsets. DocxError if it cannot be read,
    ValueError if a finding or edit does not match the text."""
    doc = read_docx_text(source)
    stamp = (when or datetime.now(timezone.utc)).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return _Writer(doc, author, stamp).run(findings, list(edits))


class _Writer:
    def __init__(self, doc: DocxText, author: str, stamp: str):
        self.doc = doc
        self.pkg = doc.package
        self.author = author
        self.stamp = stamp
        self.changed: set[str] = set()
        self.next_id = 1 + max((_int(v) for part in doc.parts for v in part.root.xpath("//@w:id", namespaces={"w": W_NS})),
                               default=0)

    # ------------------------------------------------------------ entry point

    def run(self, findings: list[Finding], edits: list[Edit]) -> Annotated:
        text = self.doc.text
        for f in findings:
            if text[f.start:f.end] != f.text:
                raise ValueError(f"finding {f.rule} at {f.start}-{f.end} does not match the document text")
        for e in edits:
            if text[e.start:e.end] != e.text:
                raise ValueError(f"edit at {e.start}-{e.end} ({e.text!r}) does not match the document text")
        tracked, untracked = self._trackable(edits)
        # Split runs at every boundary first, then place markers; splits never move markers.
        for start, end in [(f.start, f.end) for f in findings] + [(e.start, e.end) for e in tracked]:
            span = self._span(start, end)
            if span:
                self._split_before(span[0])
                self._split_after(span[1])
            else:
                at = self.doc.next_mapped(start)
                if at is not None:
                    self._split_before(at)
        comments = self._comments_root() if findings else None
        if comments is not None:
            self.next_id = max(self.next_id, 1 + max((_int(c.get(w("id"), "0")) for c in comments), default=0))
        applied = {(e.start, e.end): e for e in tracked}
        for f in findings:
            cid = self._new_id()
            self._anchor_comment(f, cid)
            comments.append(self._comment_element(f, cid, (f.start, f.end) in applied
                                                  and applied[(f.start, f.end)].replacement in f.suggestions))
        for e in tracked:
            self._track(e)
        return Annotated(self._package_bytes(), len(findings), tracked, untracked)

    # ------------------------------------------------------------ positions and runs

    def _span(self, start: int, end: int) -> tuple[int, int] | None:
        """First and last position in [start, end) that come from runs."""
        first = self.doc.next_mapped(start)
        if first is None or first >= end:
            return None
        return first, self.doc.prev_mapped(end)

    def _run_at(self, pos: int) -> etree._Element:
        piece, _ = self.doc.piece_at(pos)
        return piece.elem.getparent()

    def _part_at(self, pos: int) -> Part:
        return self.doc.piece_at(pos)[0].part

    def _split_before(self, pos: int) -> None:
        piece, off = self.doc.piece_at(pos)
        self._split(piece, off)

    def _split_after(self, pos: int) -> None:
        piece, off = self.doc.piece_at(pos)
        self._split(piece, off + 1)

    def _split(self, piece, off: int) -> None:
        """Split the run of `piece` so that its content from `off` on starts a new run."""
        elem = piece.elem
        run = elem.getparent()
        kids = [c for c in run if c.tag != RPR]
        i = kids.index(elem)
        if elem.tag == T and 0 < off < len(elem.text or ""):
            value = elem.text
            tail = etree.Element(T)
            tail.text = value[off:]
            elem.text = value[:off]
            for t in (elem, tail):
                if t.text != t.text.strip():
                    t.set(XML_SPACE, "preserve")
            elem.addnext(tail)
            self.doc.insert_piece(piece.start + off, tail, piece.part)
            moving = [tail] + kids[i + 1:]
        elif off == 0:
            moving = kids[i:]
        else:
            moving = kids[i + 1:]
        if not moving or len(moving) == len(kids) and moving[0] is kids[0]:
            return
        new = etree.Element(R, attrib=dict(run.attrib))
        rpr = run.find(RPR)
        if rpr is not None:
            new.append(copy.deepcopy(rpr))
        for m in moving:
            new.append(m)
        run.addnext(new)
        self.changed.add(piece.part.name)

    # ------------------------------------------------------------ comments

    def _new_id(self) -> str:
        self.next_id += 1
        return str(self.next_id - 1)

    def _anchor_comment(self, f: Finding, cid: str) -> None:
        span = self._span(f.start, f.end)
        at = span[0] if span else self.doc.next_mapped(f.start)
        if at is None:
            at = self.doc.prev_mapped(f.start)
        if at is None:
            return self._anchor_at_body_start(cid)
        elem = self.doc.piece_at(at)[0].elem
        host = self._body_host(elem, self._part_at(at))
        if host is not None:  # a text box or a note: on the run that holds it in the body
            if isinstance(host, str):
                return self._anchor_at_body_start(cid)
            first = last = host
        elif span:
            first, last = self._run_at(span[0]), self._run_at(span[1])
            if self._part_at(span[1]) is not self._part_at(span[0]) or self._body_host(
                    self.doc.piece_at(span[1])[0].elem, self._part_at(span[1])) is not None:
                last = first  # the span runs on into a text box or a note: anchor where it starts
        else:
            first = self._run_at(at)
            if self.doc.next_mapped(f.start) is None:  # a point after the last character
                first.addnext(_marker("commentRangeStart", cid))
                first.getnext().addnext(_marker("commentRangeEnd", cid))
                first.getnext().getnext().addnext(_reference_run(cid))
                self.changed.add(self._part_at(at).name)
                return
            first.addprevious(_marker("commentRangeStart", cid))
            first.addprevious(_marker("commentRangeEnd", cid))
            first.addprevious(_reference_run(cid))
            self.changed.add(self._part_at(at).name)
            return
        first.addprevious(_marker("commentRangeStart", cid))
        end = _marker("commentRangeEnd", cid)
        last.addnext(end)
        end.addnext(_reference_run(cid))
        self.changed.add(self.doc.parts[0].name)

    def _body_host(self, elem: etree._Element, part: Part):
        """Where the comment on text in a text box or a note goes: the body run holding the box
        or the note's reference mark; "start" for headers and footers; None for body text."""
        if part.kind in ("header", "footer"):
            return "start"
        node, box_run = elem, None
        while node is not None:
            if node.tag == TXBX:
                box_run = node
            node = node.getparent()
        if part.kind in ("footnotes", "endnotes"):
            note = next(a for a in elem.iterancestors() if a.tag in (w("footnote"), w("endnote")))
            ref_tag = w("footnoteReference") if part.kind == "footnotes" else w("endnoteReference")
            for ref in self.doc.parts[0].root.iter(ref_tag):
                if ref.get(w("id")) == note.get(w("id")):
                    return self._outermost_run(ref)
            return "start"
        if box_run is not None:
            return self._outermost_run(box_run)
        return None

    @staticmethod
    def _outermost_run(elem: etree._Element) -> etree._Element:
        """The body-level run that contains `elem` (a box may sit in a box)."""
        found = None
        for a in elem.iterancestors():
            if a.tag == R:
                found = a
        return found

    def _anchor_at_body_start(self, cid: str) -> None:
        body = self.doc.parts[0].root.find(w("body"))
        p = next(body.iter(P), None)
        if p is None:
            p = etree.SubElement(body, P)
            body.insert(0, p)
        ppr = p.find(w("pPr"))
        index = 0 if ppr is None else p.index(ppr) + 1
        for k, el in enumerate((_marker("commentRangeStart", cid), _marker("commentRangeEnd", cid), _reference_run(cid))):
            p.insert(index + k, el)
        self.changed.add(self.doc.parts[0].name)

    def _comment_element(self, f: Finding, cid: str, tracked: bool) -> etree._Element:
        c = etree.Element(w("comment"), {w("id"): cid, w("author"): self.author, w("date"): self.stamp,
                                         w("initials"): INITIALS})
        where = self._where(f)
        head = f"【{CATEGORIES.get(f.category, f.category)}·{SEVERITY_LABEL.get(f.severity, f.severity)}】"
        lines = [head + (f"{where}“{f.text}”：" if where else "") + f.message]
        if f.suggestions:
            lines.append("建议：" + "／".join(f"“{s}”" if s else "（删除）" for s in f.suggestions)
                         + ("（已作为修订）" if tracked else ""))
        lines.append(f"规则：{f.rule} {f.name}（zwlint）")
        for i, line in enumerate(lines):
            p = etree.SubElement(c, P)
            if i == 0:
                etree.SubElement(etree.SubElement(p, R), w("annotationRef"))
            r = etree.SubElement(p, R)
            t = etree.SubElement(r, T)
            t.text = line
            t.set(XML_SPACE, "preserve")
        return c

    def _where(self, f: Finding) -> str:
        """页眉 / 页脚 / 脚注 / 尾注 / 文本框 for text outside the body's own paragraphs, else ""."""
        at = self.doc.next_mapped(f.start)
        if at is None or at > f.end:
            return ""
        piece = self.doc.piece_at(at)[0]
        if piece.part.kind in STORY_LABEL:
            return STORY_LABEL[piece.part.kind]
        return "文本框" if any(a.tag == TXBX for a in piece.elem.iterancestors()) else ""

    def _comments_root(self) -> etree._Element:
        main = self.doc.parts[0].name
        for rel in self.pkg.rels(main):
            if rel.get("Type") == COMMENTS_REL:
                name = resolve_target(main, rel.get("Target", ""))
                if name in self.pkg.entries:
                    self.comments_name = name
                    self.changed.add(name)
                    return self.pkg.xml(name)
        # No comments part yet: create it, its content type and its relationship.
        name = main.rsplit("/", 1)[0] + "/comments.xml" if "/" in main else "comments.xml"
        root = etree.Element(w("comments"), nsmap={"w": W_NS})
        self.pkg.parsed[name] = root
        self.pkg.entries[name] = b""
        self.comments_name = name
        self.changed.add(name)
        types = self.pkg.xml("[Content_Types].xml")
        etree.SubElement(types, f"{{{CT_NS}}}Override", PartName="/" + name, ContentType=COMMENTS_TYPE)
        self.changed.add("[Content_Types].xml")
        rels_part = rels_name(main)
        if rels_part not in self.pkg.entries:
            self.pkg.parsed[rels_part] = etree.Element(f"{{{REL_NS}}}Relationships", nsmap={None: REL_NS})
            self.pkg.entries[rels_part] = b""
        rels = self.pkg.xml(rels_part)
        ids = {r.get("Id") for r in rels}
        n = len(ids) + 1
        while f"rId{n}" in ids:
            n += 1
        etree.SubElement(rels, f"{{{REL_NS}}}Relationship", Id=f"rId{n}", Type=COMMENTS_REL,
                         Target=name.rsplit("/", 1)[-1])
        self.changed.add(rels_part)
        return root

    # ------------------------------------------------------------ tracked changes

    def _trackable(self, edits: list[Edit]) -> tuple[list[Edit], list[Edit]]:
        """Edits that can become w:del/w:ins: non-overlapping, every character from a run of one
        paragraph, no field or note mark in between."""
        tracked, untracked, taken = [], [], []
        for e in sorted(edits, key=lambda e: (e.start, e.end)):
            if any(_conflict(e.start, e.end, a, b) for a, b in taken) or not self._in_one_paragraph(e):
                untracked.append(e)
                continue
            tracked.append(e)
            taken.append((e.start, e.end))
        return tracked, untracked

    def _in_one_paragraph(self, e: Edit) -> bool:
        if e.start == e.end:
            at = self.doc.next_mapped(e.start)
            return at is not None and self.doc.piece_at(at) is not None and at == e.start
        mapped = self.doc.mapped(e.start, e.end)
        if len(mapped) != e.end - e.start:
            return False
        p = _paragraph_of(self.doc.piece_at(e.start)[0].elem)
        if _paragraph_of(self.doc.piece_at(e.end - 1)[0].elem) is not p:
            return False
        runs = _own_runs(p)
        first, last = self._run_at(e.start), self._run_at(e.end - 1)
        inside = runs[runs.index(first): runs.index(last) + 1]
        return not any(c.tag in UNTRACKABLE for r in inside for c in r)

    def _track(self, e: Edit) -> None:
        part = self._part_at(e.start if e.end > e.start else self.doc.next_mapped(e.start))
        if e.end > e.start:
            p = _paragraph_of(self.doc.piece_at(e.start)[0].elem)
            runs = _own_runs(p)
            first, last = self._run_at(e.start), self._run_at(e.end - 1)
            inside = runs[runs.index(first): runs.index(last) + 1]
            template = first
            for run in inside:
                deletion = etree.Element(w("del"), {w("id"): self._new_id(), w("author"): self.author,
                                                    w("date"): self.stamp})
                run.addprevious(deletion)
                deletion.append(run)
                for t in run.iter(T):
                    t.tag = w("delText")
            after = last.getparent()
        else:
            template = self._run_at(e.start)
            after = None
        if e.replacement:
            ins = etree.Element(w("ins"), {w("id"): self._new_id(), w("author"): self.author, w("date"): self.stamp})
            ins.append(_text_run(e.replacement, template.find(RPR)))
            if after is not None:
                after.addnext(ins)
            else:
                template.addprevious(ins)
        self.changed.add(part.name)

    # ------------------------------------------------------------ output

    def _package_bytes(self) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in self.pkg.entries.items():
                if name in self.changed:
                    data = etree.tostring(self.pkg.parsed[name], xml_declaration=True, encoding="UTF-8",
                                          standalone=True)
                info = self.pkg.infos.get(name)
                if info is None:
                    info = zipfile.ZipInfo(name, date_time=datetime.now().timetuple()[:6])
                    info.compress_type = zipfile.ZIP_DEFLATED
                else:
                    info = copy.copy(info)
                zf.writestr(info, data)
        return out.getvalue()


def _conflict(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Two edits that overlap, or an insertion (empty span) at or inside another edit: which
    comes first would be ambiguous."""
    if a_start == a_end or b_start == b_end:
        return b_start <= a_end and a_start <= b_end
    return a_start < b_end and b_start < a_end


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        return 0


def _marker(kind: str, cid: str) -> etree._Element:
    return etree.Element(w(kind), {w("id"): cid})


def _reference_run(cid: str) -> etree._Element:
    r = etree.Element(R)
    etree.SubElement(r, w("commentReference"), {w("id"): cid})
    return r


def _text_run(text: str, rpr: etree._Element | None) -> etree._Element:
    """A run showing `text` (tabs and line breaks as w:tab / w:br) with the given properties."""
    r = etree.Element(R)
    if rpr is not None:
        r.append(copy.deepcopy(rpr))
    atoms = {v: k for k, v in ATOMS.items() if v != "-"}
    chunk = []

    def flush():
        if chunk:
            t = etree.SubElement(r, T)
            t.text = "".join(chunk)
            t.set(XML_SPACE, "preserve")
            chunk.clear()

    for ch in text:
        if ch in atoms:
            flush()
            etree.SubElement(r, atoms[ch])
        else:
            chunk.append(ch)
    flush()
    return r


def _paragraph_of(elem: etree._Element) -> etree._Element:
    return next(a for a in elem.iterancestors() if a.tag == P)


def _own_runs(p: etree._Element) -> list[etree._Element]:
    """The runs of paragraph `p` in document order, not those of text boxes inside it."""
    out = []

    def walk(node):
        for child in node:
            if child.tag == R:
                out.append(child)
            elif child.tag not in (w("del"), w("moveFrom")) and isinstance(child.tag, str):
                walk(child)

    walk(p)
    return out


def annotate_output_path(path: Path) -> Path:
    """article.docx -> article.zwlint.docx (the default of --annotate)."""
    return path.with_name(path.stem + ".zwlint.docx")


__all__ = ["Annotated", "DocxError", "Edit", "FIX_MODES", "annotate_docx", "annotate_output_path", "edits_for"]
