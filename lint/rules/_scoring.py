"""Shared by the post-level score rules (entertainment, off-topic): one finding on the
strongest signal, with the score and the signals that drove it."""
from __future__ import annotations

from lint.rules import Issue

MAX_DRIVERS = 5


def score_issue(parts: list[tuple], headline: str) -> tuple[str | None, Issue]:
    """parts: (field, signal, weighted score) with signal.start/end/text/label/in_title;
    headline: the message before the list of drivers."""
    parts = sorted(parts, key=lambda p: -p[2])
    field, top, _ = parts[0]
    drivers = "；".join(
        f"{'标题' if s.in_title else '正文'}“{s.text}”（{s.label}，{w:.2g}）" for _, s, w in parts[:MAX_DRIVERS]
    )
    more = f"等{len(parts)}项" if len(parts) > MAX_DRIVERS else ""
    return field, Issue(top.start, top.end, f"{headline}来源：{drivers}{more}")
