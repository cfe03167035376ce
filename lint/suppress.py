"""Inline suppression comments.

    <!-- zwlint-disable ZW201 -->  ...  <!-- zwlint-enable -->   (a region; no codes = all rules)
    正文…… <!-- zwlint-disable-line ZW301 -->                       (this line)
    <!-- zwlint-disable-next-line -->                              (the next line)

The same directives work in any comment syntax or bare in plain text (`# zwlint-disable-line`,
`// zwlint-disable-next-line ZW101`, `【zwlint-disable-line】`): a directive is the
word zwlint-… followed by optional rule codes.
"""
from __future__ import annotations

import re
from bisect import bisect_right

_DIRECTIVE = re.compile(
    r"zwlint-(disable-next-line|disable-line|disable|enable)\b((?:[\s,]+[A-Za-z]{2}\d{3})*)"
)
_CODE = re.compile(r"[A-Za-z]{2}\d{3}")


class Suppressions:
    def __init__(self, text: str):
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self._lines: dict[int, set[str] | None] = {}  # line -> codes (None = all)
        self._regions: list[tuple[int, int, set[str] | None]] = []
        self.empty = "zwlint-" not in text
        if self.empty:
            return
        open_regions: list[tuple[int, set[str] | None]] = []
        for m in _DIRECTIVE.finditer(text):
            kind = m.group(1)
            codes = {c.upper() for c in _CODE.findall(m.group(2))} or None
            line = self.line_of(m.start())
            if kind == "disable-line":
                self._add_line(line, codes)
            elif kind == "disable-next-line":
                self._add_line(line + 1, codes)
            elif kind == "disable":
                open_regions.append((m.start(), codes))
            else:
                still_open = []
                for start, rcodes in open_regions:
                    if codes is None or rcodes is None or rcodes <= codes:
                        self._regions.append((start, m.end(), rcodes))
                    else:
                        self._regions.append((start, m.end(), rcodes & codes))
                        still_open.append((start, rcodes - codes))
                open_regions = still_open
        for start, rcodes in open_regions:
            self._regions.append((start, len(text), rcodes))

    def _add_line(self, line: int, codes: set[str] | None) -> None:
        if line in self._lines:
            old = self._lines[line]
            self._lines[line] = None if old is None or codes is None else old | codes
        else:
            self._lines[line] = codes

    def line_of(self, offset: int) -> int:
        return bisect_right(self._line_starts, offset)

    def suppressed(self, rule: str, start: int) -> bool:
        if self.empty:
            return False
        line = self.line_of(start)
        if line in self._lines:
            codes = self._lines[line]
            if codes is None or rule in codes:
                return True
        for rstart, rend, codes in self._regions:
            if rstart <= start < rend and (codes is None or rule in codes):
                return True
        return False
