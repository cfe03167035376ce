"""Personal data in what zwlint prints and writes is masked by default.

A report that flags a leaked identity card or mobile number must not repeat it: every output
(check's text/json/sarif/github, the API's JSON, the audit's HTML/XLSX/JSON) shows a privacy
finding's text in the masked form its suggestion already gives (1101**********002X), and
masks identity card and mobile numbers anywhere in the passages it quotes. Masks keep the
length, so offsets stay valid. `--show-personal-data` (audit and check) and
`?show_personal_data=1` (API) show the original."""
from __future__ import annotations

from dataclasses import replace

from lint.model import Finding
from lint.rules.privacy import _ID_RE, _MOBILE_RE, mask

SHOW_OPTION = "--show-personal-data"


def mask_text(text: str | None) -> str | None:
    """`text` with identity card and mobile numbers masked (same length)."""
    if not text or not any(ch.isdigit() for ch in text):
        return text
    found = [(m.start(), m.end(), mask(m.group(0), 4, 4)) for m in _ID_RE.finditer(text)]
    found += [(m.start(), m.end(), mask(m.group(0), 3, 4, keep=" -+·")) for m in _MOBILE_RE.finditer(text)]
    if not found:
        return text
    chars = list(text)
    for start, end, masked in found:
        chars[start:end] = masked
    return "".join(chars)


def masked_form(f: Finding | dict, original: str) -> str:
    """How a finding's text is shown: a privacy finding's masked suggestion (same length)."""
    category = f["category"] if isinstance(f, dict) else f.category
    suggestions = f["suggestions"] if isinstance(f, dict) else f.suggestions
    if category == "privacy":
        if suggestions and len(suggestions[0]) == len(original):
            return suggestions[0]
        return mask(original, 2, 2, keep=" -·@.")
    return mask_text(original)


def mask_spans(text: str | None, findings: list[Finding]) -> str | None:
    """`text` with the spans of the privacy findings on it and any other identity card or
    mobile numbers masked."""
    swept = mask_text(text)
    private = [f for f in findings if f.category == "privacy" and 0 <= f.start <= f.end <= len(text or "")]
    if not private:
        return swept
    chars = list(swept)
    for f in private:
        chars[f.start:f.end] = masked_form(f, text[f.start:f.end])
    return "".join(chars)


def mask_finding(f: Finding) -> Finding:
    """The finding as shown (the same object when it shows no personal data)."""
    text, message = masked_form(f, f.text), mask_text(f.message)
    if text == f.text and message == f.message:
        return f
    return replace(f, text=text, message=message)


def mask_results(results: list) -> list:
    """Copies of check's FileResults with personal data masked in findings, file text and posts."""
    out = []
    for r in results:
        on_source = [f for f in r.findings if f.record is None]
        by_post: dict[tuple[str | None, str], list[Finding]] = {}
        for f in r.findings:
            by_post.setdefault((f.record, f.field or "content"), []).append(f)
        posts = []
        for p in r.posts:
            content = mask_spans(p.content, by_post.get((p.id, "content"), []))
            title = mask_spans(p.title, by_post.get((p.id, "title"), []))
            posts.append(p if content is p.content and title is p.title else replace(p, content=content, title=title))
        out.append(replace(r, findings=[mask_finding(f) for f in r.findings],
                           source=mask_spans(r.source, on_source), posts=posts))
    return out


def mask_passage(row: dict) -> dict:
    """An audit finding row (text, before, after, title, message) with personal data masked."""
    before, text, after = row.get("before") or "", row.get("text") or "", row.get("after") or ""
    swept = mask_text(before + text + after)
    row = dict(row)
    row["before"] = swept[:len(before)]
    row["after"] = swept[len(before) + len(text):]
    row["text"] = masked_form(row, text) if row.get("category") else mask_text(text)
    for key in ("title", "message"):
        if row.get(key):
            row[key] = mask_text(row[key])
    return row
