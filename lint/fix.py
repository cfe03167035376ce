"""Applying safe fixes (`--fix`) and showing them (`--diff`).

A fix rewrites only the characters it fixes: every other byte of the file stays as it was
(encoding, byte-order mark, line endings, JSON escapes and number forms, duplicate keys,
indentation, CSV quoting). Records are found again by their position in the file (the one
records reader, lint/text/records.py), never by id. Inside a JSON string or a quoted CSV
cell the new text is written in the escaping style of the old one. The new file is written
beside the old one and renamed over it, so a failed write leaves the old file whole."""
from __future__ import annotations

import difflib
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lint.model import Finding, Post
from lint.text.readers import Decoded, ReadError, decode_file_bytes
from lint.text.records import RECORD_EXTS, iter_file_records, string_spans


class FixError(Exception):
    """A file whose fixes cannot be written safely; the message is one line."""


def safe_edits(findings: list[Finding]) -> list[Finding]:
    """Safe, non-overlapping fixes, first come first served."""
    chosen: list[Finding] = []
    taken: list[tuple[int, int]] = []
    for f in sorted(findings, key=lambda f: (f.start, f.end)):
        if not (f.fix_safe and f.suggestions):
            continue
        if any(f.start < e and s < f.end for s, e in taken):
            continue
        chosen.append(f)
        taken.append((f.start, f.end))
    return chosen


def apply_edits(text: str, edits: list[Finding]) -> str:
    for f in sorted(edits, key=lambda f: f.start, reverse=True):
        text = text[: f.start] + f.suggestions[0] + text[f.end :]
    return text


def fixed_text(text: str, findings: list[Finding]) -> tuple[str, list[Finding]]:
    edits = safe_edits(findings)
    return apply_edits(text, edits), edits


# ---------------------------------------------------------------- raw text edits

@dataclass
class Edit:
    """Replace text[start:end] of the decoded file by `new`."""

    start: int
    end: int
    new: str


_JSON_ESCAPE = re.compile(r'\\(?:u[0-9a-fA-F]{4}|.)', re.S)
_SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def _json_positions(literal: str) -> list[int]:
    """For a JSON string literal (quotes included): the offset in `literal` of each character
    of its value, and one more for the end (the closing quote)."""
    out: list[int] = []
    i, n = 1, len(literal) - 1
    while i < n:
        if literal[i] == "\\":
            m = _JSON_ESCAPE.match(literal, i)
            j = m.end()
            # a surrogate pair written as two escapes is one character of the value
            if (m.group(0)[1] == "u" and 0xD800 <= int(m.group(0)[2:], 16) <= 0xDBFF
                    and literal.startswith("\\u", j)
                    and 0xDC00 <= int(literal[j + 2:j + 6], 16) <= 0xDFFF):
                j += 6
            out.append(i)
            i = j
        else:
            out.append(i)
            i += 1
    out.append(n)
    return out


def _json_encode(value: str, ascii_only: bool) -> str:
    out = []
    for ch in value:
        if ch in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[ch])
        elif ord(ch) < 0x20 or ch in "\u2028\u2029" or (ascii_only and ord(ch) > 0x7E):
            out.append(json.dumps(ch)[1:-1])
        else:
            out.append(ch)
    return "".join(out)


def _ascii_style(literal: str) -> bool:
    """True if the literal writes its non-ASCII characters as \\u escapes."""
    return not any(ord(ch) > 0x7E for ch in literal) and re.search(r"\\u(?!00[0-7])", literal) is not None


def _json_string_edits(text: str, span: tuple[int, int], edits: list[Finding]) -> list[Edit]:
    literal = text[span[0]:span[1]]
    pos = _json_positions(literal)
    ascii_only = _ascii_style(literal)
    return [Edit(span[0] + pos[f.start], span[0] + pos[f.end], _json_encode(f.suggestions[0], ascii_only))
            for f in edits]


def _csv_cell_edits(text: str, cell, value: str, edits: list[Finding]) -> list[Edit]:
    if cell.irregular:
        raise FixError("a CSV cell with text after its closing quote cannot be fixed safely")
    if cell.quoted:
        raw = text[cell.start + 1:cell.end - 1]
        pos, i = [], 0
        while i < len(raw):
            pos.append(i)
            i += 2 if raw.startswith('""', i) else 1
        pos.append(len(raw))
        base = cell.start + 1
        return [Edit(base + pos[f.start], base + pos[f.end], f.suggestions[0].replace('"', '""')) for f in edits]
    if any(any(c in f.suggestions[0] for c in ',"\r\n') for f in edits):
        # the cell must become quoted: rewrite the whole cell, nothing else
        new = apply_edits(value, edits)
        return [Edit(cell.start, cell.end, '"' + new.replace('"', '""') + '"')]
    return [Edit(cell.start + f.start, cell.start + f.end, f.suggestions[0]) for f in edits]


def record_edits(text: str, ext: str, posts: list[tuple[Post, list[Finding]]]) -> tuple[list[Edit], list[Finding]]:
    """The raw edits of the safe fixes of the records of a record file, and the fixes they
    apply. `posts`: each record's Post (with its record_index) and its findings."""
    wanted = {p.record_index: (p, fs) for p, fs in posts if p.record_index is not None and fs}
    out: list[Edit] = []
    applied: list[Finding] = []
    if not wanted:
        return out, applied
    for rec in iter_file_records([text], ext):
        if rec.index not in wanted or rec.error is not None or not isinstance(rec.value, dict):
            continue
        post, findings = wanted[rec.index]
        by_field: dict[str, list[Finding]] = {}
        for f in findings:
            if f.field in ("title", "content"):
                by_field.setdefault(f.field, []).append(f)
        spans = string_spans(text, rec) if ext != ".csv" else {}
        for fld, fs in by_field.items():
            value = rec.value.get(fld)
            expected = post.content if fld == "content" else post.title
            if not isinstance(value, str) or value != expected:
                continue  # not a string in the file (a number as title): left alone
            edits = safe_edits(fs)
            if not edits:
                continue
            if ext == ".csv":
                out.extend(_csv_cell_edits(text, rec.cells[fld], value, edits))
            else:
                out.extend(_json_string_edits(text, spans[fld], edits))
            applied.extend(edits)
    return out, applied


def text_edits(posts: list[tuple[Post, list[Finding]]]) -> tuple[list[Edit], list[Finding]]:
    """Edits of a plain-text file (one post, findings at offsets of the file text)."""
    out: list[Edit] = []
    applied: list[Finding] = []
    for _, findings in posts:
        edits = safe_edits(f for f in findings if f.field in (None, "content"))
        out.extend(Edit(f.start, f.end, f.suggestions[0]) for f in edits)
        applied.extend(edits)
    return out, applied


def encode_with_edits(data: bytes, decoded: Decoded, edits: list[Edit]) -> bytes:
    """The file's bytes with the edits made: untouched stretches are the original bytes."""
    out = [decoded.bom]
    pos = len(decoded.bom)
    last = 0
    text = decoded.text
    for e in sorted(edits, key=lambda e: e.start):
        if e.start < last:
            raise FixError("overlapping fixes")
        keep = len(text[last:e.start].encode(decoded.encoding))
        out.append(data[pos:pos + keep])
        pos += keep
        pos += len(text[e.start:e.end].encode(decoded.encoding))
        try:
            out.append(e.new.encode(decoded.encoding))
        except UnicodeEncodeError:
            raise FixError(f"the fix “{e.new}” cannot be written in the file's encoding ({decoded.encoding})") from None
        last = e.end
    out.append(data[pos:])
    new = b"".join(out)
    expected = "".join(_spliced(text, edits))
    if decode_file_bytes(new).text != expected:
        raise FixError(f"the file's encoding ({decoded.encoding}) does not round-trip; not fixed")
    return new


def _spliced(text: str, edits: list[Edit]):
    last = 0
    for e in sorted(edits, key=lambda e: e.start):
        yield text[last:e.start]
        yield e.new
        last = e.end
    yield text[last:]


@dataclass
class FileFix:
    path: str
    before: str  # decoded text
    after: str
    data: bytes  # the new bytes
    applied: list[Finding]


def plan_fix(path: str, posts: list[tuple[Post, list[Finding]]]) -> FileFix | None:
    """The fixed file (not written) or None if no safe fix applies; FixError if unsafe."""
    p = Path(path)
    ext = p.suffix.lower()
    try:
        data = p.read_bytes()
        decoded = decode_file_bytes(data)
    except (OSError, ReadError) as exc:
        raise FixError(f"cannot read the file again ({getattr(exc, 'strerror', None) or exc})") from None
    if ext in RECORD_EXTS:
        try:
            edits, applied = record_edits(decoded.text, ext, posts)
        except (ValueError, KeyError) as exc:  # the file changed since it was checked
            raise FixError(f"the file changed while it was checked ({exc})") from None
    else:
        edits, applied = text_edits(posts)
    if not applied:
        return None
    new = encode_with_edits(data, decoded, edits)
    if new == data:
        return None
    return FileFix(path, decoded.text, "".join(_spliced(decoded.text, edits)), new, applied)


def write_atomically(path: str, data: bytes) -> None:
    """Write `data` beside `path` and rename it over `path` (keeping its permissions), so that
    the file is either the old one or the new one, never a half-written one."""
    target = Path(path)
    try:
        mode = target.stat().st_mode & 0o7777
        if not os.access(target, os.W_OK):
            raise FixError("cannot write the file (read-only); not fixed")
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".zwlint-fix", dir=target.parent)
    except OSError as exc:
        raise FixError(f"cannot write beside the file ({exc.strerror or exc}); not fixed") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise FixError(f"cannot write the file ({exc.strerror or exc}); the file is unchanged") from None


def unified_diff(path: str, before: str, after: str) -> str:
    return "".join(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                        fromfile=f"a/{path}", tofile=f"b/{path}"))
