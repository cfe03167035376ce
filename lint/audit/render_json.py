"""The audit as one JSON object (written as a stream: findings are never all in memory).

    {"version": 1, "run", "as_of", "since", "generated", "previous_run", "settings",
     "summary": {"accounts", "unqualified", "pass_rate", "posts", "posts_linted", "posts_resumed",
                 "errors", "findings", "by_category", "images_read", "images_unread"},
     "units": [{"unit", "checked", "unqualified", "pass_rate"}],
     "accounts": [{"name", "platform", "family", "owner", "supervisor", "unit", "type", "registered",
                   "registered_name", "posts", "last_post", "verdict", "problems": [str],
                   "account_findings": [{"rule", "label", "message", "severity", "veto"}],
                   "post_problems": [{"rule", "name", "category", "severity", "count", "veto"}]}],
     "findings": [{"account", "platform", "post", "record", "title", "published", "path", "rule",
                   "name", "category", "severity", "message", "field", "start", "end", "line",
                   "column", "text", "before", "after", "suggestions", "veto",
                   "image"}],   # "image" only on findings in an image a record lists:
                                # {"field": "images", "index", "path", "box": [x0, y0, x1, y1], "confidence"}
     "rectification": [{"account", "family", "rule", "problem", "post", "text", "status"}],
     "recheck": [{"account", "family", "platform", "unit", "previous_problems", "verdict", "problems",
                  "status"}],   # the accounts the earlier run failed
     "errors": [{"path", "record", "reason"}], "notes": [str]}
"""
from __future__ import annotations

import json
from typing import IO


def _d(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def write_json(report, fh: IO[str]) -> None:
    head = {
        "version": 1, "run": report.run, "as_of": report.as_of.isoformat(),
        "since": report.since.isoformat(), "generated": report.generated,
        "previous_run": report.previous_run, "settings": report.settings.to_dict(),
        "summary": report.summary, "units": report.units,
        "accounts": [a.to_dict() for a in report.accounts],
    }
    fh.write(_d(head)[:-1])
    fh.write(', "findings": [')
    first = True
    for f in report.iter_findings():
        f.pop("_family", None)
        f.pop("_crop", None)
        fh.write(("\n" if first else ",\n") + _d(f))
        first = False
    fh.write("]")
    fh.write(', "rectification": ' + _d(report.rectification))
    fh.write(', "recheck": ' + _d(report.recheck))
    fh.write(', "errors": ' + _d(report.errors))
    fh.write(', "notes": ' + _d(report.notes) + "}\n")
