"""Reading inputs into Posts. Every problem becomes an InputError naming the file (and
record) with a one-line reason; nothing is dropped silently."""
from __future__ import annotations

import html
import io
import os
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Iterator

from lint.model import Post
from lint.ocr import IMAGE_EXTS, PDF_EXTS
from lint.text.offsets import OffsetMap
from lint.text.records import RECORD_EXTS, Record, RecordsError, iter_file_records

TEXT_EXTS = {".txt", ".md", ".markdown", ".text"}
HTML_EXTS = {".html", ".htm", ".xhtml", ".shtml"}
DOCX_EXTS = {".docx"}
KNOWN_EXTS = TEXT_EXTS | HTML_EXTS | RECORD_EXTS | DOCX_EXTS
OCR_EXTS = IMAGE_EXTS | PDF_EXTS  # read by lint.ocr (zwlint check)
DEFAULT_MAX_BYTES = 50 * 1024 * 1024


@dataclass
class InputError:
    path: str
    reason: str
    record: str | None = None

    def __str__(self) -> str:
        where = f"{self.path} (record {self.record})" if self.record else self.path
        return f"{where}: {self.reason}"


@dataclass
class Source:
    """A file's decoded text and the posts read from it."""

    path: str
    kind: str  # text / html / docx / records
    text: str | None  # decoded file text (None for docx and record files)
    posts: list[Post]


class ReadError(Exception):
    pass


@dataclass
class Decoded:
    """A file's text and how to write it back byte for byte: `encoding` (a Python codec
    without BOM handling) and the byte-order mark that preceded the text."""

    text: str
    encoding: str
    bom: bytes = b""


_SAMPLE = 65536


def _cjk(text: str) -> list[str]:
    return [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]


def _share_in_lead_range(chars: list[str], codec: str, lo: int, hi: int) -> float:
    hits = 0
    for ch in chars:
        try:
            hits += lo <= ch.encode(codec)[0] <= hi
        except UnicodeEncodeError:
            pass
    return hits / len(chars)


def looks_like_big5(data: bytes) -> bool:
    """Big5 bytes decode as GB18030 without error, into gibberish. Read as GB18030, simplified
    (and even traditional) government text has >= 0.6 of its characters among GB2312's 3,755
    common ones (seeds: 0.99; a traditional page: 0.65); Big5 read that way has about 0.5.
    Read as Big5 (cp950), a Big5 text has nearly all of them among its 5,401 common ones."""
    sample = data[:_SAMPLE]
    gb = _cjk(sample.decode("gb18030", errors="ignore"))
    if len(gb) < 10 or _share_in_lead_range(gb, "gb2312", 0xB0, 0xD7) >= 0.6:
        return False
    try:
        big5 = _cjk(sample.decode("cp950", errors="strict" if len(data) <= _SAMPLE else "ignore"))
    except UnicodeDecodeError:
        return False
    return len(big5) >= 10 and _share_in_lead_range(big5, "cp950", 0xA4, 0xC6) >= 0.8


def decode_file_bytes(data: bytes) -> Decoded:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, Big5 (detected, see looks_like_big5),
    else GB18030; binary data is refused."""
    if data.startswith(b"\xef\xbb\xbf"):
        bom, data, encoding = data[:3], data[3:], "utf-8"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        bom, data = data[:2], data[2:]
        encoding = "utf-16-le" if bom == b"\xff\xfe" else "utf-16-be"
        try:
            return Decoded(data.decode(encoding), encoding, bom)
        except UnicodeDecodeError as exc:
            raise ReadError("not valid UTF-16 despite its byte-order mark") from exc
    else:
        bom, encoding = b"", "utf-8"
    if b"\x00" in data[:8192]:
        raise ReadError("binary file (contains NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        encoding = "cp950" if looks_like_big5(data) else "gb18030"
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            what = "Big5" if encoding == "cp950" else "GB18030"
            raise ReadError(f"not UTF-8 and not {what} text (byte {exc.start}); save it as UTF-8") from exc
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    if sample and controls / len(sample) > 0.01:
        raise ReadError("binary file (control characters)")
    return Decoded(text, encoding, bom)


def decode_bytes(data: bytes) -> str:
    return decode_file_bytes(data).text


def parse_date(value) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    s = str(value).strip()
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(s).date()
    except ValueError as exc:
        raise ReadError(f"published is not an ISO date: {s!r}") from exc


# ---------------------------------------------------------------- HTML

_SKIP_CONTENT = {"script", "style", "noscript", "template", "svg", "iframe", "object"}
_BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
          "section", "article", "header", "footer", "blockquote", "pre", "hr", "title", "td", "th",
          "dd", "dt", "figcaption", "nav", "aside", "main", "body", "head", "html"}
_TOKEN = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<![^>]*>|<\?.*?\?>|<(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*?>", re.S)
_ENTITY = re.compile(r"&(#\d+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);?")


def html_visible_text(source: str) -> tuple[str, OffsetMap]:
    """Visible text of an HTML page and the map from its offsets to the HTML source."""
    out: list[str] = []
    omap = OffsetMap.identity()
    length = 0
    pos = 0
    skipping: str | None = None

    def emit(chunk: str, src_pos: int) -> None:
        nonlocal length
        if not chunk:
            return
        if "&" not in chunk:
            omap.add_run(length, src_pos)
            out.append(chunk)
            length += len(chunk)
            return
        last = 0
        for m in _ENTITY.finditer(chunk):
            if m.start() > last:
                omap.add_run(length, src_pos + last)
                out.append(chunk[last : m.start()])
                length += m.start() - last
            rep = html.unescape(m.group(0))
            omap.add_run(length, src_pos + m.start())
            out.append(rep)
            length += len(rep)
            last = m.end()
        if last < len(chunk):
            omap.add_run(length, src_pos + last)
            out.append(chunk[last:])
            length += len(chunk) - last

    def newline(src_pos: int) -> None:
        nonlocal length
        if out and not out[-1].endswith("\n"):
            omap.add_run(length, src_pos)
            out.append("\n")
            length += 1

    for m in _TOKEN.finditer(source):
        if skipping is None and m.start() > pos:
            emit(source[pos : m.start()], pos)
        pos = m.end()
        name = (m.group(2) or "").lower()
        closing = m.group(1) == "/"
        if skipping is not None:
            if closing and name == skipping:
                skipping = None
            continue
        if name in _SKIP_CONTENT and not closing and not m.group(0).endswith("/>"):
            skipping = name
            continue
        if name in _BLOCK:
            newline(m.start())
    if skipping is None and pos < len(source):
        emit(source[pos:], pos)
    return "".join(out), omap


# ---------------------------------------------------------------- records

RECORD_FIELDS = ("id", "title", "content", "published", "account", "platform")


def record_to_post(rec: dict, path: str, index: int) -> Post:
    """The Post of a record; `index` is its position in the file (records.Record.index)."""
    if not isinstance(rec, dict):
        raise ReadError("record is not an object")
    content = rec.get("content")
    if content is None:
        raise ReadError("missing field 'content'")
    if not isinstance(content, str):
        raise ReadError("field 'content' is not a string")
    rid = rec.get("id")
    title = rec.get("title")
    return Post(
        content=content,
        title=str(title) if title not in (None, "") else None,
        id=str(rid) if rid not in (None, "") else f"#{index}",
        published=parse_date(rec.get("published")),
        account=(str(rec["account"]) if rec.get("account") not in (None, "") else None),
        platform=(str(rec["platform"]) if rec.get("platform") not in (None, "") else None),
        path=path,
        extra={k: v for k, v in rec.items() if k not in RECORD_FIELDS},
        record_index=index,
    )


def record_posts(records: Iterator[Record], path: str) -> Iterator[Post | InputError]:
    """A Post for every well-formed record, an InputError naming the record for the others."""
    for rec in records:
        if rec.error is not None:
            yield InputError(path, rec.error, record=rec.where)
            continue
        try:
            yield record_to_post(rec.value, path, rec.index)
        except ReadError as exc:
            yield InputError(path, f"line {rec.line}: {exc}", record=rec.where)


# ---------------------------------------------------------------- files

class LimitError(ReadError):
    """An input over one of the documented limits; `status` is the HTTP answer (413 too
    large, 422 too many parts or too slow)."""

    def __init__(self, message: str, status: int = 422):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class DocxLimits:
    """Limits on a .docx before and while its text is extracted (docs/serve.md lists them).
    A .docx is a zip archive: its compressed size says little about the work inside."""

    max_uncompressed: int = 100 * 1024 * 1024  # bytes, all members together
    max_members: int = 2000  # files in the archive
    max_paragraphs: int = 100_000  # <w:p> elements in word/document.xml
    max_seconds: float = 30.0  # extraction time


DEFAULT_DOCX_LIMITS = DocxLimits()
_PARAGRAPH = re.compile(rb"<w:p[ >/]")


def check_docx_archive(source: Path | bytes, limits: DocxLimits = DEFAULT_DOCX_LIMITS) -> None:
    """Refuse a .docx that is not a zip with a word/document.xml, or whose archive is over
    the limits, before any XML of it is parsed."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, (bytes, bytearray)) else source) as zf:
            members = zf.infolist()
            if len(members) > limits.max_members:
                raise LimitError(f"the .docx archive has {len(members):,} files (limit {limits.max_members:,})")
            total = sum(m.file_size for m in members)
            if total > limits.max_uncompressed:
                raise LimitError(f"the .docx unpacks to {total / 1048576:.0f} MB "
                                 f"(limit {limits.max_uncompressed / 1048576:.0f} MB)", 413)
            try:
                body = zf.open("word/document.xml")
            except KeyError:
                raise ReadError("not a valid .docx file (no word/document.xml)") from None
            paragraphs, tail = 0, b""
            with body:
                for chunk in iter(lambda: body.read(1 << 20), b""):
                    paragraphs += len(_PARAGRAPH.findall(tail + chunk))
                    tail = chunk[-5:]
                    paragraphs -= len(_PARAGRAPH.findall(tail))
                    if paragraphs > limits.max_paragraphs:
                        raise LimitError(f"the .docx has more than {limits.max_paragraphs:,} paragraphs")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError) as exc:
        raise ReadError(f"not a valid .docx file (not a readable zip archive: {exc})") from None
    except (OSError, RuntimeError, ValueError) as exc:  # zlib errors, bad CRC, encrypted members
        raise ReadError(f"not a valid .docx file ({exc})") from None


def read_docx(path: Path | bytes, limits: DocxLimits = DEFAULT_DOCX_LIMITS) -> str:
    """Text of a .docx file, given its path or (for uploads) its bytes in memory: body, tables,
    text boxes, headers, footers and notes (lint/text/docx.py), once the archive passed
    check_docx_archive. `limits.max_seconds` is checked when the text is out; the server also
    stops waiting at that time (lint/server/app.py)."""
    import time

    from lint.text.docx import DocxError, read_docx_text

    check_docx_archive(path, limits)
    began = time.monotonic()
    try:
        text = read_docx_text(path).text
    except DocxError as exc:
        raise ReadError(str(exc)) from exc
    except Exception as exc:  # noqa: BLE001 - a hostile file can make the XML parser raise anything
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ReadError(f"not a valid .docx file ({reason})") from None
    if time.monotonic() - began > limits.max_seconds:
        raise LimitError(f"reading the .docx took longer than {limits.max_seconds:g} s")
    return text


def read_file(path: Path, published: date | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
              images: bool = False) -> tuple[Source | None, list[InputError]]:
    """`images`: read image and PDF files through OCR (lint.ocr)."""
    spath = str(path)
    ext = path.suffix.lower()
    try:
        size = path.stat().st_size
    except OSError as exc:
        return None, [InputError(spath, f"cannot read ({exc.strerror or exc})")]
    if size > max_bytes:
        return None, [InputError(spath, f"file too large ({size / 1048576:.1f} MB > {max_bytes / 1048576:.0f} MB limit; raise it with --max-bytes)")]
    if images and ext in OCR_EXTS:
        from lint.ocr.inputs import read_image_file

        return read_image_file(path, published)
    try:
        if ext in DOCX_EXTS:
            text = read_docx(path)
            if not text.strip():
                raise ReadError("empty document (no text)")
            return Source(spath, "docx", text, [Post(content=text, published=published, path=spath)]), []
        with open(path, "rb") as fh:
            data = fh.read()
        text = decode_bytes(data)
    except ReadError as exc:
        return None, [InputError(spath, str(exc))]
    except OSError as exc:
        return None, [InputError(spath, f"cannot read ({exc.strerror or exc})")]
    if not text.strip():
        return None, [InputError(spath, "empty file")]
    return read_text(spath, text, ext, published)


def read_text(spath: str, text: str, ext: str, published: date | None = None
              ) -> tuple[Source | None, list[InputError]]:
    """Posts from already-decoded text (also used for stdin and uploads)."""
    if ext in HTML_EXTS:
        visible, omap = html_visible_text(text)
        post = Post(content=visible, published=published, path=spath, content_source=(text, omap))
        return Source(spath, "html", text, [post]), []
    if ext in RECORD_EXTS:
        errors: list[InputError] = []
        posts: list[Post] = []
        try:
            for item in record_posts(iter_file_records([text], ext), spath):
                (errors if isinstance(item, InputError) else posts).append(item)
        except RecordsError as exc:
            return None, [InputError(spath, str(exc))]
        return Source(spath, "records", None, posts), errors
    return Source(spath, "text", text, [Post(content=text, published=published, path=spath)]), []


_SKIP_DIRS = ("node_modules", "__pycache__")


def _walk(top: Path, exts: frozenset[str] | set[str], errors: list[InputError]) -> Iterator[Path]:
    """Known kinds of files under `top`, sorted, depth first, without recursion (a folder
    1,000 levels deep is fine) and visiting each real folder once (symlink loops end)."""
    seen: set[tuple[int, int]] = set()
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            st = folder.stat()
            if (st.st_dev, st.st_ino) in seen:
                continue
            seen.add((st.st_dev, st.st_ino))
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            errors.append(InputError(str(folder), f"cannot read folder ({exc.strerror or exc})"))
            continue
        subdirs = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if entry.name not in _SKIP_DIRS:
                    subdirs.append(Path(entry.path))
            elif Path(entry.name).suffix.lower() in exts:
                yield Path(entry.path)
        stack.extend(reversed(subdirs))


def expand_paths(paths: list[str], images: bool = False) -> tuple[list[Path], list[InputError]]:
    """Files named, and the known kinds of files under directories named (`images`: and the
    image and PDF files, when the OCR extra is installed)."""
    from lint.ocr import input_exts

    exts = KNOWN_EXTS | (input_exts() if images else frozenset())
    files: list[Path] = []
    errors: list[InputError] = []
    for p in paths:
        path = Path(p)
        try:
            if path.is_dir():
                files.extend(_walk(path, exts, errors))
                continue
            path.stat()
        except FileNotFoundError:
            errors.append(InputError(p, "no such file or directory"))
            continue
        except OSError as exc:
            errors.append(InputError(p, f"cannot read ({exc.strerror or exc})"))
            continue
        files.append(path)
    return files, errors
