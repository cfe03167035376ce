"""`POST /api/v1/annotate`: the uploaded .docx back with every finding as a Word comment and
the fixes the editor accepted on the page as tracked changes (lint/report/docx_annotate.py).

The page sends what it decided, in the offsets of the text /api/v1/extract gave it (code
points, the same text the CLI checks):
- `accepted`: JSON `[{"start", "end", "text", "replacement"}]`, each becomes a tracked change;
- `ignored`: JSON `[{"rule", "start", "end"}]`, findings the editor dismissed: no comment;
- `fixes` (optional, `none`/`safe`/`all`, default `none`): fixes to track besides the accepted ones.
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import PurePath
from urllib.parse import quote

from lint.engine import Linter
from lint.model import Post
from lint.report.docx_annotate import FIX_MODES, Edit, annotate_docx, edits_for
from lint.text.docx import DocxError, read_docx_text

DOCX_MEDIA = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class AnnotateRequestError(ValueError):
    """A field of the request is malformed (message for the `error` answer)."""


def _json_list(value: str | None, name: str, keys: dict[str, type]) -> list[dict]:
    if value in (None, ""):
        return []
    try:
        items = json.loads(value)
    except json.JSONDecodeError as exc:
        raise AnnotateRequestError(f"{name} 不是有效的 JSON（{name} must be a JSON array: {exc.msg}）") from None
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise AnnotateRequestError(f"{name} 必须是对象数组（{name} must be an array of objects）")
    for item in items:
        for key, kind in keys.items():
            if not isinstance(item.get(key), kind) or isinstance(item.get(key), bool):
                raise AnnotateRequestError(f"{name} 的每一项都要有 {key}（each {name} item needs {key!r}）")
    return items


def parse_decisions(accepted: str | None, ignored: str | None, fixes: str | None) -> tuple[list[Edit], set, str]:
    edits = [Edit(a["start"], a["end"], a["text"], a["replacement"])
             for a in _json_list(accepted, "accepted", {"start": int, "end": int, "text": str, "replacement": str})]
    dismissed = {(i["rule"], i["start"], i["end"])
                 for i in _json_list(ignored, "ignored", {"rule": str, "start": int, "end": int})}
    mode = fixes or "none"
    if mode not in FIX_MODES:
        raise AnnotateRequestError(f"fixes 只能是 {'/'.join(FIX_MODES)}（fixes must be one of {', '.join(FIX_MODES)}）")
    return edits, dismissed, mode


def annotated_copy(linter: Linter, data: bytes, published: date | None, edits: list[Edit], dismissed: set,
                   mode: str) -> tuple[bytes, int, int]:
    """(the annotated .docx, comments, tracked changes). The document is checked here exactly as
    `zwlint check FILE.docx` checks it; AnnotateRequestError if an accepted fix does not match
    the document's text (the page's text was changed after the upload)."""
    try:
        text = read_docx_text(data).text
    except DocxError as exc:
        raise AnnotateRequestError(f"无法读取文件：{exc}") from None
    for e in edits:
        if not (0 <= e.start <= e.end <= len(text)) or text[e.start:e.end] != e.text:
            raise AnnotateRequestError(f"采纳的修改“{e.text}”与文档原文不符，请重新上传文档后再检查"
                                       f"（accepted edit at {e.start}-{e.end} does not match the document）")
    findings = [f for f in linter.check_post(Post(content=text, published=published))
                if (f.rule, f.start, f.end) not in dismissed]
    taken = {(e.start, e.end) for e in edits}
    more = [e for e in edits_for(findings, mode) if (e.start, e.end) not in taken]
    result = annotate_docx(data, findings, edits + more)
    return result.data, result.comments, len(result.revisions)


def attachment_headers(filename: str) -> dict[str, str]:
    """Content-Disposition for article.docx -> article.zwlint.docx (RFC 5987 for Chinese names)."""
    stem = PurePath(filename.replace("\\", "/")).stem or "document"
    name = f"{stem}.zwlint.docx"
    return {"Content-Disposition": f"attachment; filename=\"annotated.zwlint.docx\"; filename*=UTF-8''{quote(name)}"}
