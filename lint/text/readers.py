"""Reading inputs into Posts. Every problem becomes an InputError naming the file (and
record) with a one-line reason; nothing is dropped silently."""
from __future__ import annotations

import csv
import html
import io
import json
import os
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Iterator

from lint.model import Post
from lint.ocr import IMAGE_EXTS, PDF_EXTS
from lint.text.offsets import OffsetMap

TEXT_EXTS = {".txt", ".md", ".markdown", ".text"}
HTML_EXTS = {".html", ".htm", ".xhtml", ".shtml"}
RECORD_EXTS = {".jsonl", ".ndjson", ".json", ".csv"}
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


def decode_bytes(data: bytes) -> str:
    """UTF-8 (BOM removed), UTF-16 with a BOM, else GB18030; binary data is refused."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ReadError("not valid UTF-16 despite its byte-order mark") from exc
    if b"\x00" in data[:8192]:
        raise ReadError("binary file (contains NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError as exc:
            raise ReadError("not UTF-8 and not GB18030 text") from exc
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    if sample and controls / len(sample) > 0.01:
        raise ReadError("binary file (control characters)")
    return text


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
    )


def iter_records(text: str, ext: str, path: str) -> Iterator[tuple[int, dict | None, str | None]]:
    """(1-based index, record, error) for every record of a jsonl / json / csv file."""
    if ext in (".jsonl", ".ndjson"):
        for i, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                yield i, json.loads(line), None
            except json.JSONDecodeError as exc:
                yield i, None, f"line {i}: invalid JSON ({exc.msg})"
    elif ext == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ReadError(f"invalid JSON at line {exc.lineno}: {exc.msg}") from exc
        if isinstance(data, dict):
            for key in ("posts", "records", "data", "items"):
                if isinstance(data.get(key), list):
                    data = data[key]
                    break
            else:
                data = [data]
        if not isinstance(data, list):
            raise ReadError("JSON must be a list of records or an object with 'posts'")
        for i, rec in enumerate(data, 1):
            yield i, rec, None
    else:
        reader = csv.DictReader(io.StringIO(text))
        if not reader.fieldnames or "content" not in reader.fieldnames:
            raise ReadError("CSV needs a header row with a 'content' column")
        for i, rec in enumerate(reader, 1):
            yield i, rec, None


# ---------------------------------------------------------------- files

def read_docx(path: Path | bytes) -> str:
    """Text of a .docx file, given its path or (for uploads) its bytes in memory: body, tables,
    text boxes, headers, footers and notes (lint/text/docx.py)."""
    from lint.text.docx import DocxError, read_docx_text

    try:
        return read_docx_text(path).text
    except DocxError as exc:
        raise ReadError(str(exc)) from exc


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
            for i, rec, err in iter_records(text, ext, spath):
                if err:
                    errors.append(InputError(spath, err, record=f"#{i}"))
                    continue
                try:
                    posts.append(record_to_post(rec, spath, i))
                except ReadError as exc:
                    rid = rec.get("id") if isinstance(rec, dict) else None
                    errors.append(InputError(spath, str(exc), record=str(rid) if rid else f"#{i}"))
        except ReadError as exc:
            return None, [InputError(spath, str(exc))]
        return Source(spath, "records", None, posts), errors
    return Source(spath, "text", text, [Post(content=text, published=published, path=spath)]), []


def expand_paths(paths: list[str], images: bool = False) -> tuple[list[Path], list[InputError]]:
    """Files named, and the known kinds of files under directories named (`images`: and the
    image and PDF files, when the OCR extra is installed)."""
    from lint.ocr import input_exts

    exts = KNOWN_EXTS | (input_exts() if images else frozenset())
    files: list[Path] = []
    errors: list[InputError] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in ("node_modules", "__pycache__"))
                for name in sorted(names):
                    if Path(name).suffix.lower() in exts and not name.startswith("."):
                        files.append(Path(root) / name)
        elif path.exists():
            files.append(path)
        else:
            errors.append(InputError(p, "no such file or directory"))
    return files, errors
