"""Long texts are checked in windows, so that memory stays bounded whatever the input size.

Checking a text costs memory in proportion to its length (a 1 M-character text peaked at
0.38 GB, a 50 MB file at 3.2 GB). A text longer than WINDOW characters is cut at line ends
(else sentence ends) into windows of at most WINDOW characters; each is checked with OVERLAP
characters of the text on either side, and keeps the findings that start inside it, so a
finding across a cut is found once. Offsets, lines and columns are those of the whole text,
and inline suppression comments apply across windows. Every post of ordinary length
(government posts are under 50,000 characters) is checked in one piece, exactly as before."""
from __future__ import annotations

import re
from dataclasses import replace

from lint.engine import LineIndex
from lint.model import Finding, Post
from lint.suppress import Suppressions

WINDOW = 100_000
OVERLAP = 2_000
_SENTENCE_END = re.compile(r"[。！？!?；;]")


def cut_points(text: str, window: int = WINDOW) -> list[int]:
    """0, the cuts, len(text): each cut after a line end (or sentence end) in the second
    half of its window, else at the window's end."""
    cuts = [0]
    while len(text) - cuts[-1] > window:
        lo, hi = cuts[-1] + window // 2, cuts[-1] + window
        nl = text.rfind("\n", lo, hi)
        if nl >= 0:
            cuts.append(nl + 1)
            continue
        ends = [m.end() for m in _SENTENCE_END.finditer(text, lo, hi)]
        cuts.append(ends[-1] if ends else hi)
    cuts.append(len(text))
    return cuts


def _in_one_piece(post: Post, window: int, overlap: int) -> bool:
    return len(post.content or "") <= window + overlap or post.content_source is not None


def check_posts(linter, posts: list[Post], window: int = WINDOW, overlap: int = OVERLAP) -> list[list[Finding]]:
    """check_post of each post: those checked in one piece in one linter.check_posts call."""
    whole = [p for p in posts if _in_one_piece(p, window, overlap)]
    found = dict(zip(map(id, whole), linter.check_posts(whole)))
    return [found[id(p)] if id(p) in found else check_post(linter, p, window, overlap) for p in posts]


def check_post(linter, post: Post, window: int = WINDOW, overlap: int = OVERLAP) -> list[Finding]:
    """linter.check_post(post), in windows when the content is longer than `window`."""
    text = post.content or ""
    if _in_one_piece(post, window, overlap):
        return linter.check_post(post)
    cuts = cut_points(text, window)
    lines = LineIndex(text)
    suppress = Suppressions(text)
    title_findings: list[Finding] = []
    findings: list[Finding] = []
    for i, (start, end) in enumerate(zip(cuts, cuts[1:])):
        lo, hi = max(0, start - overlap), min(len(text), end + overlap)
        # the title is checked with the first window only; the field names stay the same
        title = post.title if i == 0 else ("" if post.title is not None else None)
        part = replace(post, content=text[lo:hi], title=title)
        for f in linter.check_post(part):
            if f.field == "title":
                title_findings.append(f)
                continue
            if not start <= f.start + lo < end:
                continue  # found by the neighbouring window
            f.start += lo
            f.end += lo
            f.line, f.column = lines.line_col(f.start)
            if not suppress.suppressed(f.rule, f.start):
                findings.append(f)
    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    return title_findings + findings
