"""`--format json`: the output contract other tools parse (version 1)."""
from __future__ import annotations

import json

from lint.report import FileResult, summary


def as_dict(results: list[FileResult]) -> dict:
    return {
        "version": 1,
        "files": [{"path": r.path, "findings": [f.to_dict() for f in r.findings]} for r in results],
        "summary": summary(results),
    }


def render(results: list[FileResult]) -> str:
    return json.dumps(as_dict(results), ensure_ascii=False, indent=2)
