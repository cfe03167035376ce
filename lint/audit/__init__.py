"""Batch audit: lint a quarter of posts in parallel, judge each account the way the
inspection bulletins do (ZW0xx account checks, veto items, 合格/不合格), keep the results in a
store for resuming and for the next quarter's 整改情况, and render HTML / XLSX / JSON.

    from lint.audit import run_audit
    report = run_audit(["posts.jsonl"], as_of=date(2026, 9, 30), registry=Path("registry.tsv"))
"""
from lint.audit.report import AuditReport, quarter_of, run_audit
from lint.audit.settings import AuditSettings

__all__ = ["AuditReport", "AuditSettings", "quarter_of", "run_audit"]
