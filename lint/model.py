"""The objects every part of zwlint shares: posts in, findings out."""
from __future__ import annotations

from dataclasses import dataclass, field as dc_field
from datetime import date

CATEGORIES: dict[str, str] = {
    "serious": "严重表述错误",
    "typo": "疑似错别字",
    "entertainment": "娱乐化/标题党",
    "offtopic": "与政府工作无关",
    "privacy": "个人信息",
    "secrecy": "涉密",
    "date": "日期逻辑",
    "format": "规范格式/标点",
    "sensitive": "违法违规内容",
    "account": "账号层面",
}

SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}


@dataclass
class Post:
    """One unit of text to lint: a file, or one record of a jsonl/json/csv export."""

    content: str
    title: str | None = None
    id: str | None = None
    published: date | None = None
    account: str | None = None
    platform: str | None = None
    path: str | None = None
    extra: dict = dc_field(default_factory=dict)
    # For inputs whose findings must point into a different text than `content` (the
    # raw HTML of a page whose visible text is `content`): that text and the map
    # from `content` offsets to it.
    content_source: tuple[str, object] | None = None
    # For text recognised in an image: the lint.ocr.text.ImageText it came from (boxes,
    # confidences, which image).
    image: object | None = None
    # Position of the record in its file (lint/text/records.py): how --fix finds it again.
    record_index: int | None = None


@dataclass
class Finding:
    rule: str
    name: str
    category: str
    severity: str
    message: str
    start: int
    end: int
    line: int
    column: int
    text: str
    suggestions: list[str] = dc_field(default_factory=list)
    record: str | None = None
    field: str | None = None
    fix_safe: bool = False
    # Findings on text recognised in an image: which image and the box in pixels (the
    # additive `image` field of the JSON output; absent for findings on text).
    image: dict | None = None

    def to_dict(self) -> dict:
        """The FINDING object of the JSON output contract (plus `image` where there is one)."""
        out = {
            "rule": self.rule,
            "name": self.name,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "text": self.text,
            "suggestions": list(self.suggestions),
            "record": self.record,
            "field": self.field,
        }
        if self.image is not None:
            out["image"] = self.image
        return out
