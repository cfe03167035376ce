"""Applying safe fixes (`--fix`) and showing them (`--diff`)."""
from __future__ import annotations

import csv
import difflib
import io
import json

from lint.model import Finding


def safe_edits(findings: list[Finding]) -> list[Finding]:
    """Safe, non-overlapping fixes, first come first served."""
    chosen: list[Finding] = []
    taken: list[tuple[int, int]] = []
    for f in sorted(findings, key=lambda f: (f.start, f.end)):
        if not (f.fix_safe and f.suggestions):
            continue
        if any(f.start < e and s < f.end for s, e in taken):
            continue
        chosen.append(f)
        taken.append((f.start, f.end))
    return chosen


def apply_edits(text: str, edits: list[Finding]) -> str:
    for f in sorted(edits, key=lambda f: f.start, reverse=True):
        text = text[: f.start] + f.suggestions[0] + text[f.end :]
    return text


def fixed_text(text: str, findings: list[Finding]) -> tuple[str, list[Finding]]:
    edits = safe_edits(findings)
    return apply_edits(text, edits), edits


def fix_records(raw: str, ext: str, findings: list[Finding]) -> tuple[str, list[Finding]]:
    """Apply record-field fixes and re-serialise a jsonl / json / csv file. jsonl lines that
    need no change are kept byte for byte."""
    by_record: dict[str, dict[str, list[Finding]]] = {}
    for f in findings:
        if f.record is not None and f.field:
            by_record.setdefault(f.record, {}).setdefault(f.field, []).append(f)
    applied: list[Finding] = []

    def fix_rec(rec: dict, rid: str) -> bool:
        changed = False
        for field, fs in by_record.get(rid, {}).items():
            value = rec.get(field)
            if isinstance(value, str):
                new, edits = fixed_text(value, fs)
                if edits:
                    rec[field] = new
                    applied.extend(edits)
                    changed = True
        return changed

    if ext in (".jsonl", ".ndjson"):
        out = []
        for i, line in enumerate(raw.splitlines(keepends=True), 1):
            try:
                rec = json.loads(line) if line.strip() else None
            except json.JSONDecodeError:
                rec = None
            if isinstance(rec, dict):
                rid = str(rec.get("id")) if rec.get("id") not in (None, "") else f"#{i}"
                if fix_rec(rec, rid):
                    nl = "\n" if line.endswith("\n") else ""
                    line = json.dumps(rec, ensure_ascii=False) + nl
            out.append(line)
        return "".join(out), applied
    if ext == ".json":
        data = json.loads(raw)
        records = data
        if isinstance(data, dict):
            for key in ("posts", "records", "data", "items"):
                if isinstance(data.get(key), list):
                    records = data[key]
                    break
            else:
                records = [data]
        for i, rec in enumerate(records, 1):
            if isinstance(rec, dict):
                fix_rec(rec, str(rec.get("id")) if rec.get("id") not in (None, "") else f"#{i}")
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n", applied
    reader = csv.DictReader(io.StringIO(raw))
    rows = list(reader)
    for i, rec in enumerate(rows, 1):
        fix_rec(rec, rec.get("id") or f"#{i}")
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=reader.fieldnames or [], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue(), applied


def unified_diff(path: str, before: str, after: str) -> str:
    return "".join(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                        fromfile=f"a/{path}", tofile=f"b/{path}"))
