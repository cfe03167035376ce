"""Loading the word lists in dictionaries/ and sensitive_terms/.

A list is a TOML file an editor can change without Python:

    [list]
    rule = "ZW113"                 # the rule that reports these entries
    source = "新华社新闻信息报道中的禁用词和慎用词（2016年修订）"   # default source

    [[entry]]
    term = "北韩"                   # or terms = [...], or pattern = "regex"
    fix = "朝鲜"                    # suggested replacement (optional)
    reason = "国名应使用“朝鲜”"      # shown to the editor
    source = "..."                  # optional, overrides [list].source
    valid_from = 2016-07-01         # optional dates (TOML dates)
    valid_to = 2023-03-11

Keys in [list] other than `rule`/`source` are defaults for every entry (severity,
category, ...). Unknown entry keys are kept in Entry.extra for the rule to read.
"""
from __future__ import annotations

import hashlib
import os
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
# Lists ship inside the package (lint/data/...) when installed from a wheel and sit at
# the repository root in a checkout; both layouts are looked up.
LIST_DIRS = ("dictionaries", "sensitive_terms")

_KNOWN_KEYS = {"term", "terms", "pattern", "fix", "fixes", "reason", "source", "rule",
               "severity", "category", "valid_from", "valid_to", "fix_safe"}


class ListError(ValueError):
    """A word list file is malformed; the message names the file and entry."""


@dataclass(frozen=True)
class Entry:
    rule: str
    terms: tuple[str, ...]
    pattern: str | None
    fixes: tuple[str, ...]
    reason: str
    source: str
    file: str
    severity: str | None = None
    category: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    fix_safe: bool = False
    extra: dict = field(default_factory=dict, hash=False, compare=False)

    def valid_on(self, day: date | None) -> bool:
        """True when the entry applies on `day` (unknown day: always applies)."""
        if day is None:
            return True
        if self.valid_from and day < self.valid_from:
            return False
        if self.valid_to and day > self.valid_to:
            return False
        return True


def default_list_dirs() -> list[Path]:
    found = []
    for name in LIST_DIRS:
        for base in (PACKAGE_ROOT / "data", PACKAGE_ROOT.parent):
            if (base / name).is_dir():
                found.append(base / name)
                break
    return found


def _as_date(value, where: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise ListError(f"{where}: bad date {value!r}") from exc


def _tuple(value) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def parse_list_file(path: Path) -> list[Entry]:
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ListError(f"{path}: {exc}") from exc
    head = dict(data.get("list", {}))
    entries = []
    for i, raw in enumerate(data.get("entry", []), 1):
        where = f"{path} entry {i}"
        merged = {**head, **raw}
        rule = merged.get("rule")
        if not rule:
            raise ListError(f"{where}: no rule code (set [list].rule or entry.rule)")
        terms = _tuple(raw.get("terms")) + _tuple(raw.get("term"))
        pattern = raw.get("pattern")
        if not terms and not pattern:
            raise ListError(f"{where}: needs term, terms or pattern")
        source = merged.get("source")
        if not source:
            raise ListError(f"{where}: no source")
        entries.append(
            Entry(
                rule=str(rule),
                terms=terms,
                pattern=pattern,
                fixes=_tuple(raw.get("fixes")) + _tuple(raw.get("fix")),
                reason=str(merged.get("reason", "")),
                source=str(source),
                file=str(path),
                severity=merged.get("severity"),
                category=merged.get("category"),
                valid_from=_as_date(merged.get("valid_from"), where),
                valid_to=_as_date(merged.get("valid_to"), where),
                fix_safe=bool(merged.get("fix_safe", False)),
                extra={k: v for k, v in merged.items() if k not in _KNOWN_KEYS},
            )
        )
    return entries


def list_files(dirs: list[Path]) -> list[Path]:
    files: list[Path] = []
    for d in dirs:
        d = Path(d)
        if d.is_file():
            files.append(d)
        elif d.is_dir():
            files.extend(sorted(p for p in d.rglob("*.toml")))
    return files


def fingerprint(files: list[Path]) -> str:
    h = hashlib.sha256()
    for f in files:
        h.update(str(f).encode())
        st = os.stat(f)
        h.update(f"{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()[:24]


@dataclass
class TermLists:
    entries: list[Entry]
    files: list[Path]
    # terms of other lists that generated entries must not turn into (the shipped correct
    # forms, when generating from an office's extra lists)
    protected_terms: frozenset[str] = frozenset()

    def by_rule(self, rule: str) -> list[Entry]:
        return [e for e in self.entries if e.rule == rule]


# Lists already parsed in this process, by fingerprint: the compiled matcher carries the lists
# it was compiled from (remember()), so that a rule reading the lists (numbered formulations)
# does not parse the TOML files again (0.3 s) when the matcher came from the cache.
_PARSED: dict[str, TermLists] = {}


def remember(lists: TermLists, files: list[Path]) -> None:
    """`lists` is what `files` (as they are now) parse to."""
    _PARSED[fingerprint(files)] = lists


def load_lists(dirs: list[Path] | None = None) -> TermLists:
    files = list_files(dirs if dirs is not None else default_list_dirs())
    parsed = _PARSED.get(fingerprint(files))
    if parsed is not None:
        return TermLists(list(parsed.entries), files, parsed.protected_terms)
    entries: list[Entry] = []
    for f in files:
        entries.extend(parse_list_file(f))
    return TermLists(entries, files)
