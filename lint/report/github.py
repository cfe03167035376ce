"""`--format github`: GitHub Actions workflow commands, one annotation per finding."""
from __future__ import annotations

from lint.report import FileResult

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def render(results: list[FileResult]) -> str:
    lines = []
    for r in results:
        for f in r.findings:
            title = f"{f.rule} {f.name}"
            msg = f.message
            if f.record is not None:
                msg = f"[{f.record}.{f.field}] {msg}"
            if f.suggestions:
                msg += f"（建议：{' / '.join(f.suggestions)}）"
            lines.append(
                f"::{_LEVEL[f.severity]} file={_escape_prop(r.path)},line={f.line},col={f.column},"
                f"title={_escape_prop(title)}::{_escape_data(msg)}"
            )
    return "\n".join(lines)
