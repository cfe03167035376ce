"""Renderers: thin functions over one list of FileResult."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from lint.model import Finding


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    source: str | None = None  # decoded text, for showing lines (None for records)
    posts: list = field(default_factory=list)
    per_post: list = field(default_factory=list)  # (post, its findings): how --fix finds each record


def summary(results: list[FileResult]) -> dict:
    findings = [f for r in results for f in r.findings]
    return {
        "files": len(results),
        "findings": len(findings),
        "by_category": dict(sorted(Counter(f.category for f in findings).items())),
        "by_severity": dict(sorted(Counter(f.severity for f in findings).items())),
    }


def render(fmt: str, results: list[FileResult], color: bool = False) -> str:
    from lint.report import github, json_report, sarif, text

    renderers = {"json": json_report.render, "text": text.render, "sarif": sarif.render,
                 "github": github.render}
    if fmt == "text":
        return text.render(results, color=color)
    return renderers[fmt](results)
