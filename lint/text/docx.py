"""The text of a .docx file, with a map from every character back to the XML it came from.

The text is what a reader sees: the body in document order (paragraphs, and tables row by
row with cells separated by a tab), each text box after the paragraph that holds it, then the
headers, footers, footnotes and endnotes; one line per paragraph. Hyperlinks, fields' results,
content controls and tracked insertions are read; deleted text, field codes and the VML copies
of text boxes (mc:Fallback) are not.

Every character of the text that comes from a run maps to a `Piece`: a w:t element (and an
offset in its text) or a w:tab / w:br / w:cr / w:noBreakHyphen element. The characters between
paragraphs and table cells map to nothing. lint/report/docx_annotate.py uses the map to anchor
comments and tracked changes on exactly a finding's characters.

The package is read with the standard zipfile module and lxml (no entity expansion, no network),
and every part is kept as bytes, so a writer can copy the parts it does not change unchanged.
"""
from __future__ import annotations

import io
import posixpath
import re
import zipfile
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


P, R, T, TBL, TR, TC = w("p"), w("r"), w("t"), w("tbl"), w("tr"), w("tc")
RPR = w("rPr")
TXBX = w("txbxContent")
SDT, SDT_CONTENT, CUSTOM_XML = w("sdt"), w("sdtContent"), w("customXml")
ALTERNATE, CHOICE = f"{{{MC_NS}}}AlternateContent", f"{{{MC_NS}}}Choice"
# Run children that stand for one character.
ATOMS = {w("tab"): "\t", w("br"): "\n", w("cr"): "\n", w("noBreakHyphen"): "-"}
# Paragraph-level containers whose text is not in the current version of the document.
SKIP_INLINE = {w("del"), w("moveFrom"), w("pPr"), w("rPr")}

# The story parts read after the body, by relationship type (the last path segment).
STORY_TYPES = ("header", "footer", "footnotes", "endnotes")
NOTE_TAGS = {"footnotes": w("footnote"), "endnotes": w("endnote")}

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=False)


class DocxError(ValueError):
    """The file is not a readable .docx (one-line reason)."""


@dataclass
class Part:
    name: str  # path in the package, e.g. word/header1.xml
    kind: str  # body / header / footer / footnotes / endnotes
    root: etree._Element


@dataclass
class Piece:
    """A stretch of the text that comes from one element of a run."""

    start: int
    elem: etree._Element  # w:t or one of ATOMS
    part: Part

    @property
    def length(self) -> int:
        if self.elem.tag == T:
            return len(self.elem.text or "")
        return 1


@dataclass
class Package:
    """The entries of a .docx zip, in order, as bytes; parsed XML parts on demand."""

    entries: dict[str, bytes]
    infos: dict[str, zipfile.ZipInfo]
    parsed: dict[str, etree._Element] = field(default_factory=dict)

    def xml(self, name: str) -> etree._Element:
        if name not in self.parsed:
            try:
                self.parsed[name] = etree.fromstring(self.entries[name], _PARSER)
            except etree.XMLSyntaxError as exc:
                raise DocxError(f"broken XML in {name} ({exc.msg})") from None
        return self.parsed[name]

    def rels(self, part_name: str) -> list[etree._Element]:
        """The Relationship elements of a part (empty if it has none)."""
        name = rels_name(part_name)
        if name not in self.entries:
            return []
        return list(self.xml(name).iter(f"{{{REL_NS}}}Relationship"))

    def main_part(self) -> str:
        for rel in self.rels(""):
            if rel.get("Type") == OFFICE_DOCUMENT:
                return rel.get("Target", "").lstrip("/")
        raise DocxError("not a Word document (no main document part)")


def rels_name(part_name: str) -> str:
    folder, base = posixpath.split(part_name)
    return posixpath.join(folder, "_rels", base + ".rels")


def resolve_target(part_name: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(part_name), target))


def open_package(source: Path | str | bytes) -> Package:
    try:
        fh = io.BytesIO(source) if isinstance(source, (bytes, bytearray)) else open(source, "rb")
    except OSError as exc:
        raise DocxError(f"cannot read ({exc.strerror or exc})") from None
    try:
        with fh, zipfile.ZipFile(fh) as zf:
            infos = {info.filename: info for info in zf.infolist()}
            entries = {name: zf.read(name) for name in infos}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, ValueError):
        raise DocxError("not a valid .docx file") from None
    return Package(entries, infos)


class DocxText:
    """The text of a document and the map from its characters to pieces of runs."""

    def __init__(self, package: Package):
        self.package = package
        self.parts: list[Part] = []
        self.pieces: list[Piece] = []
        self._starts: list[int] = []
        self._chunks: list[str] = []
        self._length = 0
        self._started = False
        self._read()
        self.text = "".join(self._chunks)
        del self._chunks

    # ------------------------------------------------------------ building

    def _emit(self, elem: etree._Element, text: str, part: Part) -> None:
        if not text:
            return
        self.pieces.append(Piece(self._length, elem, part))
        self._starts.append(self._length)
        self._chunks.append(text)
        self._length += len(text)

    def _separator(self, sep: str) -> None:
        if self._started:
            self._chunks.append(sep)
            self._length += len(sep)
        self._started = True

    def _read(self) -> None:
        pkg = self.package
        main = pkg.main_part()
        if main not in pkg.entries:
            raise DocxError(f"not a valid .docx file (missing {main})")
        root = pkg.xml(main)
        body = root.find(w("body"))
        if body is None:
            raise DocxError("not a Word document (no w:body)")
        part = Part(main, "body", root)
        self.parts.append(part)
        self._block(body, part, "\n")
        stories = []
        for rel in pkg.rels(main):
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            if kind in STORY_TYPES and rel.get("TargetMode") != "External":
                name = resolve_target(main, rel.get("Target", ""))
                if name in pkg.entries:
                    stories.append((STORY_TYPES.index(kind), _natural_key(name), name, kind))
        for _, _, name, kind in sorted(set(stories)):
            part = Part(name, kind, pkg.xml(name))
            self.parts.append(part)
            if kind in NOTE_TAGS:
                for note in part.root.iterfind(NOTE_TAGS[kind]):
                    if note.get(w("type")) in (None, "normal"):
                        self._block(note, part, "\n")
            else:
                self._block(part.root, part, "\n")

    def _block(self, container: etree._Element, part: Part, sep: str) -> str:
        """Paragraphs and tables of a body, cell, header, note or text box; returns the
        separator the next paragraph after them takes."""
        for child in container:
            tag = child.tag
            if tag == P:
                self._paragraph(child, part, sep)
                sep = "\n"
            elif tag == TBL:
                for tr in child.iterfind(TR):
                    for i, tc in enumerate(tr.iterfind(TC)):
                        self._block(tc, part, sep if i == 0 else "\t")
                    sep = "\n"
            elif tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None:
                    sep = self._block(content, part, sep)
            elif tag == CUSTOM_XML:
                sep = self._block(child, part, sep)
        return sep

    def _paragraph(self, p: etree._Element, part: Part, sep: str) -> None:
        self._separator(sep)
        boxes: list[etree._Element] = []
        self._inline(p, part, boxes)
        for box in boxes:
            self._block(box, part, "\n")

    def _inline(self, el: etree._Element, part: Part, boxes: list) -> None:
        for child in el:
            tag = child.tag
            if tag == R:
                self._run(child, part, boxes)
            elif tag in SKIP_INLINE or not isinstance(tag, str):
                continue
            else:  # hyperlink, ins, moveTo, smartTag, sdt / sdtContent, fldSimple, customXml ...
                self._inline(child, part, boxes)

    def _run(self, r: etree._Element, part: Part, boxes: list) -> None:
        for child in r:
            tag = child.tag
            if tag == T:
                self._emit(child, child.text or "", part)
            elif tag in ATOMS:
                self._emit(child, ATOMS[tag], part)
            elif tag == w("ruby"):
                base = child.find(w("rubyBase"))
                if base is not None:
                    self._inline(base, part, boxes)
            elif isinstance(tag, str) and tag != RPR:
                boxes.extend(_text_boxes(child))

    # ------------------------------------------------------------ the map

    def piece_at(self, pos: int) -> tuple[Piece, int] | None:
        """The piece holding character `pos` and the offset in it; None between paragraphs."""
        i = bisect_right(self._starts, pos) - 1
        if i < 0:
            return None
        piece = self.pieces[i]
        off = pos - piece.start
        return (piece, off) if off < piece.length else None

    def mapped(self, start: int, end: int) -> list[int]:
        """Positions in [start, end) that come from runs."""
        out = []
        i = max(bisect_right(self._starts, start) - 1, 0)
        while i < len(self.pieces) and self.pieces[i].start < end:
            piece = self.pieces[i]
            lo, hi = max(start, piece.start), min(end, piece.start + piece.length)
            out.extend(range(lo, hi))
            i += 1
        return out

    def next_mapped(self, pos: int) -> int | None:
        """The first position >= pos that comes from a run."""
        i = max(bisect_right(self._starts, pos) - 1, 0)
        while i < len(self.pieces):
            piece = self.pieces[i]
            if piece.start + piece.length > pos:
                return max(pos, piece.start)
            i += 1
        return None

    def prev_mapped(self, pos: int) -> int | None:
        """The last position < pos that comes from a run."""
        i = bisect_right(self._starts, pos - 1) - 1
        if i < 0:
            return None
        piece = self.pieces[i]
        return min(pos - 1, piece.start + piece.length - 1)

    def insert_piece(self, start: int, elem: etree._Element, part: Part) -> None:
        """Record that the text from `start` now comes from `elem` (after a run is split)."""
        i = bisect_right(self._starts, start)
        self.pieces.insert(i, Piece(start, elem, part))
        self._starts.insert(i, start)


def _text_boxes(el: etree._Element) -> list[etree._Element]:
    """The outermost w:txbxContent under a drawing / picture, skipping mc:Fallback copies."""
    found = []

    def walk(node):
        for child in node:
            tag = child.tag
            if tag == TXBX:
                found.append(child)
            elif tag == ALTERNATE:
                choice = child.find(CHOICE)
                if choice is not None:
                    walk(choice)
            elif isinstance(tag, str):
                walk(child)

    if el.tag == ALTERNATE:
        choice = el.find(CHOICE)
        if choice is not None:
            walk(choice)
    else:
        walk(el)
    return found


def _natural_key(name: str) -> tuple:
    return tuple(int(x) if x.isdigit() else x for x in re.split(r"(\d+)", name))


def read_docx_text(source: Path | str | bytes) -> DocxText:
    """The text of a .docx given its path or its bytes; DocxError if it cannot be read."""
    package = open_package(source)
    if "[Content_Types].xml" not in package.entries:
        raise DocxError("not a valid .docx file (no [Content_Types].xml)")
    try:
        return DocxText(package)
    except KeyError as exc:
        raise DocxError(f"not a valid .docx file (missing {exc.args[0]})") from None
