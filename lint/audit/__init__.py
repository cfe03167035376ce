"""Batch audit: lint a quarter of posts in parallel, judge each account the way the
inspection bulletins do (ZW0xx account checks, veto items, 合格/不合格), keep the results in a
store for resuming and for the next quarter's 整改情况, and render HTML / XLSX / JSON.

    from lint.audit import run_audit
    report = run_audit(["posts.jsonl"], as_of=date(2026, 9, 30), registry=Path("registry.tsv"))

The names below are imported when first used: `zwlint check` imports lint.audit.command
(to register `zwlint audit`) and should not pay for the audit's modules.
"""
from __future__ import annotations

import importlib

_EXPORTS = {"AuditReport": "lint.audit.report", "quarter_of": "lint.audit.report",
            "run_audit": "lint.audit.report", "AuditSettings": "lint.audit.settings"}

__all__ = ["AuditReport", "AuditSettings", "quarter_of", "run_audit"]


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'lint.audit' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
