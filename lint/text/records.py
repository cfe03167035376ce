"""THE reader of record files (.jsonl/.ndjson, .json, .csv), used by `check`, `audit` and
`--fix` alike, so that all three see the same records at the same positions.

A record is addressed by its position in the file (`Record.index`: the line of a JSON Lines
record, the ordinal of a .json list element or a CSV data row), never by its `id`: ids
repeat in real exports. JSON Lines are split on "\\n" only, as the format says, so U+2028,
U+0085 or a lone "\\r" inside a record are content and line numbers are the editor's.

Every record also knows where it sits in the decoded file text (`start`, `end`), and
`string_spans` finds the raw literal of each of its string fields there, which is what lets
`--fix` rewrite only the characters it fixes (lint/fix.py).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Iterable, Iterator

JSONL_EXTS = (".jsonl", ".ndjson")
RECORD_EXTS = {".jsonl", ".ndjson", ".json", ".csv"}
# A .json file that is an object: the first of these keys holding a list is the record list.
LIST_KEYS = ("posts", "records", "data", "items")

_DECODER = json.JSONDecoder()
_WS = re.compile(r"[ \t\r\n]*")


@dataclass
class Cell:
    """A CSV cell's raw span in the file text; `quoted`: written between double quotes."""

    start: int
    end: int
    quoted: bool
    irregular: bool = False  # text after the closing quote ("ab"c): never rewritten


@dataclass
class Record:
    index: int  # position in the file: JSONL line, .json list ordinal, CSV data row (1-based)
    line: int  # file line the record starts on (1-based)
    start: int  # span of the raw record in the decoded file text
    end: int
    value: object = None  # the parsed record (a dict when well-formed), None if unparsable
    error: str | None = None  # why the record cannot be used
    cells: dict[str, Cell] = field(default_factory=dict)  # CSV only: column -> raw cell

    @property
    def where(self) -> str:
        """How an error names the record: its id when it has one, else #position."""
        rid = self.value.get("id") if isinstance(self.value, dict) else None
        if isinstance(rid, (str, int)) and rid != "" and not lone_surrogate(rid):
            return str(rid)
        return f"#{self.index}"


def lone_surrogate(value: object) -> bool:
    """True if a parsed JSON value holds a lone surrogate ("\\ud800"): not Unicode text."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(value, dict):
        return any(lone_surrogate(k) or lone_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(lone_surrogate(v) for v in value)
    return False


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def record_problem(value: object, raw: str) -> str | None:
    """Why a parsed record is not text, if it is not. Decoded file text holds no surrogates,
    so only a \\uD800-\\uDFFF escape in the raw record can bring one in."""
    if _SURROGATE_ESCAPE.search(raw) and lone_surrogate(value):
        return "contains a lone surrogate escape (such as \\ud800), which is not valid Unicode text"
    return None


# ---------------------------------------------------------------- lines

def iter_lines(chunks: Iterable[str]) -> Iterator[str]:
    """The lines of a text given in pieces, split on "\\n" only, each with its "\\n"."""
    rest = ""
    for chunk in chunks:
        if not chunk:
            continue
        parts = (rest + chunk).split("\n")
        rest = parts.pop()
        for part in parts:
            yield part + "\n"
    if rest:
        yield rest


def _blank(line: str) -> bool:
    return not line.strip(" \t\r\n")


# ---------------------------------------------------------------- JSON Lines

def iter_jsonl(chunks: Iterable[str]) -> Iterator[Record]:
    offset = 0
    for no, line in enumerate(iter_lines(chunks), 1):
        start, offset = offset, offset + len(line)
        if _blank(line):
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Record(no, no, start, offset, error=f"line {no}: invalid JSON ({exc.msg})")
            continue
        except RecursionError:
            yield Record(no, no, start, offset, error=f"line {no}: JSON nested too deeply")
            continue
        err = record_problem(value, line)
        yield Record(no, no, start, offset, value, f"line {no}: {err}" if err else None)


# ---------------------------------------------------------------- JSON

class RecordsError(ValueError):
    """The file as a whole cannot be read as records (one line, no record in particular)."""


def _skip_ws(text: str, i: int) -> int:
    return _WS.match(text, i).end()


def _next_item(text: str, i: int, close: str) -> int | None:
    """After a value ending at text[i]: where the next item starts, or None at `close`."""
    i = _skip_ws(text, i)
    if text.startswith(",", i):
        return _skip_ws(text, i + 1)
    if text.startswith(close, i):
        return None
    raise ValueError(f"',' or '{close}' expected")


def _object_members(text: str, i: int) -> Iterator[tuple[str, int, int]]:
    """(key, value start, value end) of the object starting at text[i] == "{"."""
    i = _skip_ws(text, i + 1)
    if text.startswith("}", i):
        return
    while i is not None:
        key, i = _DECODER.raw_decode(text, i)
        i = _skip_ws(text, i)
        if not text.startswith(":", i):
            raise ValueError("':' expected")
        vstart = _skip_ws(text, i + 1)
        _, vend = _DECODER.raw_decode(text, vstart)
        yield key, vstart, vend
        i = _next_item(text, vend, "}")


def _array_elements(text: str, i: int) -> Iterator[tuple[int, int]]:
    i = _skip_ws(text, i + 1)
    if text.startswith("]", i):
        return
    while i is not None:
        _, end = _DECODER.raw_decode(text, i)
        yield i, end
        i = _next_item(text, end, "]")


def iter_json(text: str) -> Iterator[Record]:
    """Records of a .json file: a list of records, an object with a list under one of
    LIST_KEYS, or a single record object."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RecordsError(f"invalid JSON at line {exc.lineno}: {exc.msg}") from exc
    except RecursionError as exc:
        raise RecordsError("JSON nested too deeply") from exc
    start = _skip_ws(text, 0)
    lstart = None
    if isinstance(data, dict):
        for key in LIST_KEYS:
            if isinstance(data.get(key), list):
                data = data[key]
                # the last member of that name is the one json.loads kept
                lstart = [s for k, s, _ in _object_members(text, start) if k == key][-1]
                break
        else:
            err = record_problem(data, text)
            yield Record(1, text.count("\n", 0, start) + 1, start, len(text.rstrip()),
                         data, f"record 1: {err}" if err else None)
            return
    elif isinstance(data, list):
        lstart = start
    if lstart is None:
        raise RecordsError("JSON must be a list of records or an object with 'posts'")
    line, last = 1, 0
    for i, (value, (s, e)) in enumerate(zip(data, _array_elements(text, lstart)), 1):
        line += text.count("\n", last, s)
        last = s
        err = record_problem(value, text[s:e])
        yield Record(i, line, s, e, value, f"record {i}: {err}" if err else None)


def string_spans(text: str, record: Record) -> dict[str, tuple[int, int]]:
    """field -> (start, end) of the raw JSON string literal (quotes included) of each
    top-level string field of a JSON record; the last one wins, as in json.loads."""
    start = _skip_ws(text, record.start)
    if not text.startswith("{", start):
        return {}
    spans: dict[str, tuple[int, int]] = {}
    for key, s, e in _object_members(text, start):
        if text.startswith('"', s):
            spans[key] = (s, e)
        else:
            spans.pop(key, None)
    return spans


# ---------------------------------------------------------------- CSV

_QUOTED = re.compile(r'"([^"]*(?:""[^"]*)*)"')
_BARE = re.compile(r'[^,\r\n]*')
_AFTER_QUOTE = re.compile(r'[^,\r\n]*')


def _csv_rows(text: str, base: int) -> Iterator[tuple[list[str], list[Cell], int, int]]:
    """(values, cells, start, end) of each row of `text` (whose offset in the file is `base`),
    read the way Python's csv module reads the excel dialect."""
    i, n = 0, len(text)
    while i < n:
        row_start = i
        values: list[str] = []
        cells: list[Cell] = []
        while True:
            if text.startswith('"', i):
                m = _QUOTED.match(text, i)
                if m is None:
                    raise RecordsError("a quoted field is never closed")
                value = m.group(1).replace('""', '"')
                tail = _AFTER_QUOTE.match(text, m.end())
                irregular = tail.end() > m.end()
                values.append(value + tail.group(0))
                cells.append(Cell(base + i, base + tail.end(), True, irregular))
                i = tail.end()
            else:
                m = _BARE.match(text, i)
                values.append(m.group(0))
                cells.append(Cell(base + i, base + m.end(), False))
                i = m.end()
            if text.startswith(",", i):
                i += 1
                continue
            break
        row_end = i
        if text.startswith("\r\n", i):
            i += 2
        elif i < n:
            i += 1  # "\n" or "\r"
        yield values, cells, base + row_start, base + row_end


def _csv_chunks(chunks: Iterable[str]) -> Iterator[tuple[str, int, int]]:
    """Pieces of CSV text that end between rows (an even number of quotes so far), with
    their offset and starting line."""
    pending: list[str] = []
    quotes = 0
    offset = line = 0
    start_offset, start_line = 0, 1
    for piece in iter_lines(chunks):
        if not pending:
            start_offset, start_line = offset, line + 1
        pending.append(piece)
        quotes += piece.count('"')
        offset += len(piece)
        line += 1
        if quotes % 2 == 0:
            yield "".join(pending), start_offset, start_line
            pending, quotes = [], 0
    if pending:
        yield "".join(pending), start_offset, start_line


def iter_csv(chunks: Iterable[str]) -> Iterator[Record]:
    """Data rows of a CSV file with a header row. A row with more cells than columns is an
    error; missing cells are None (as csv.DictReader reads them)."""
    header: list[str] | None = None
    index = 0
    for piece, base, line in _csv_chunks(chunks):
        try:
            rows = list(_csv_rows(piece, base))
        except RecordsError as exc:
            if header is None:
                raise RecordsError(f"line {line}: {exc}") from exc
            index += 1
            yield Record(index, line, base, base + len(piece),
                         error=f"row {index} (line {line}): {exc}; the rest of the file was not read")
            return
        for values, cells, start, end in rows:
            row_line = line + piece.count("\n", 0, start - base) + piece.count("\r", 0, start - base) \
                - piece.count("\r\n", 0, start - base)
            if values == [""] and not cells[0].quoted:
                continue  # a blank line
            if header is None:
                header = values
                if "content" not in header:
                    raise RecordsError("CSV needs a header row with a 'content' column")
                continue
            index += 1
            if len(values) > len(header):
                yield Record(index, row_line, start, end,
                             error=f"row {index} (line {row_line}): more cells than columns")
                continue
            value = {k: (values[j] if j < len(values) else None) for j, k in enumerate(header)}
            cell_map = {k: cells[j] for j, k in enumerate(header) if j < len(cells)}
            yield Record(index, row_line, start, end, value, cells=cell_map)
    if header is None:
        raise RecordsError("CSV needs a header row with a 'content' column")


# ---------------------------------------------------------------- any kind

def iter_file_records(chunks: Iterable[str], ext: str) -> Iterator[Record]:
    """Records of a record file given as decoded text pieces; RecordsError if the file as a
    whole cannot be read (.json needs the whole text, the others are streamed)."""
    if ext in JSONL_EXTS:
        return iter_jsonl(chunks)
    if ext == ".json":
        return iter_json("".join(chunks))
    if ext == ".csv":
        return iter_csv(chunks)
    raise RecordsError(f"not a record file: {ext}")
