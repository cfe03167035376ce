"""`--format text`: one block per finding with the line and a caret, for people.

Info findings of one rule on one line (a site whose punctuation is all half-width has dozens
per line) show as one block and a count; the other formats list every finding."""
from __future__ import annotations

import unicodedata
from collections import Counter

from lint.model import CATEGORIES
from lint.ocr.text import describe, ref_key
from lint.report import FileResult, summary

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _line_of(lines: list[str], f) -> tuple[str, int]:
    line = lines[f.line - 1] if 0 < f.line <= len(lines) else ""
    return line.rstrip("\r"), f.column - 1


def render(results: list[FileResult], color: bool = False) -> str:
    def c(code: str, s: str) -> str:
        return f"{code}{s}{_RESET}" if color else s

    out: list[str] = []
    for r in results:
        texts = {}
        for p in r.posts:
            if p.image is not None:
                texts[ref_key(p.id, p.image.ref)] = p.content
                continue
            texts[(p.id, "title")] = p.title or ""
            texts[(p.id, "content")] = p.content
        # (record, field, line, rule) of the info findings -> how many
        per_line = Counter((f.record, f.field, f.line, f.rule) for f in r.findings if f.severity == "info")
        shown: set[tuple] = set()
        lines_of: dict[str, list[str]] = {}  # each text split into lines once, not once per finding
        for f in r.findings:
            key = (f.record, f.field, f.line, f.rule)
            if f.severity == "info":
                if key in shown:
                    continue
                shown.add(key)
            where = f"{r.path}:{f.line}:{f.column}"
            if f.record is not None:
                where = f"{r.path}[{f.record}].{f.field}:{f.line}:{f.column}"
            if f.image is not None:
                record = f"[{f.record}]" if f.record is not None else ""
                where = f"{r.path}{record}（{describe(f.image, r.path)}）:{f.line}:{f.column}"
            sev = c(_COLORS.get(f.severity, ""), f.severity)
            out.append(f"{c(_BOLD, where)}: {sev} {c(_BOLD, f.rule)} [{CATEGORIES.get(f.category, f.category)}] {f.message}")
            if f.image is not None:
                source = texts.get(ref_key(f.record, f.image))
            else:
                source = r.source if f.record is None else texts.get((f.record, f.field or "content"))
            if source:
                lines = lines_of.get(source)
                if lines is None:
                    lines = lines_of[source] = source.split("\n")
                line, col = _line_of(lines, f)
                if len(line) > 120:
                    lo = max(0, col - 40)
                    line, col = line[lo : lo + 100], col - lo
                span = max(1, min(len(f.text.split("\n")[0]), len(line) - col))
                out.append(f"    {line}")
                out.append("    " + " " * _width(line[:col]) + c(_COLORS.get(f.severity, ""), "^" * _width(line[col : col + span])))
            if f.suggestions:
                out.append(f"    {c(_DIM, '建议')}: {' / '.join(f.suggestions)}")
            more = per_line[key] - 1 if f.severity == "info" else 0
            if more:
                out.append(f"    {c(_DIM, f'本行另有 {more} 处同类提示（{f.rule}），--format json 列出全部')}")
    s = summary(results)
    if s["findings"]:
        sev = "，".join(f"{k} {v}" for k, v in s["by_severity"].items())
        out.append(f"\n{s['files']} 个文件，发现 {s['findings']} 处问题（{sev}）")
    else:
        out.append(f"{s['files']} 个文件，未发现问题")
    return "\n".join(out)
