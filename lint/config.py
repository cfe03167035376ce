"""Configuration: [tool.zwlint] in pyproject.toml or a zwlint.toml, found by walking up
from the input.

    [tool.zwlint]                     # in zwlint.toml the table is the top level
    select = ["ZW1", "typo"]          # codes, code prefixes or categories; default all
    ignore = ["ZW803"]
    extra-lists = ["local_terms/"]    # more word-list files or folders (relative to this file)
    allow = ["张近平", "王沪宁路"]      # words never reported (local names)
    fail-on = "error"

    [tool.zwlint.severity]
    ZW201 = "info"

    [tool.zwlint.rules.ZW703]         # options a rule declares (`zwlint rules ZW703` lists them)
    years-before = 5
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from lint.model import CATEGORIES, SEVERITIES


class ConfigError(ValueError):
    pass


@dataclass
class Config:
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    extra_lists: list[Path] = field(default_factory=list)
    allow: list[str] = field(default_factory=list)
    options: dict[str, dict] = field(default_factory=dict)
    fail_on: str | None = None
    path: Path | None = None

    def _matches(self, selector: str, code: str, category: str) -> bool:
        sel = selector.strip()
        if sel.lower() in CATEGORIES:
            return category == sel.lower()
        return sel.upper() == "ALL" or code.startswith(sel.upper())

    def enabled(self, code: str, category: str) -> bool:
        if self.select and not any(self._matches(s, code, category) for s in self.select):
            return False
        return not any(self._matches(s, code, category) for s in self.ignore)

    def severity_for(self, code: str, default: str) -> str:
        return self.severity.get(code, default)

    def merged(self, select=None, ignore=None) -> "Config":
        """A copy with command-line select/ignore added."""
        return Config(
            select=list(select) if select else list(self.select),
            ignore=list(self.ignore) + list(ignore or []),
            severity=dict(self.severity),
            extra_lists=list(self.extra_lists),
            allow=list(self.allow),
            options=dict(self.options),
            fail_on=self.fail_on,
            path=self.path,
        )


def _list(value, key: str, path: Path) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: {key} must be a list of strings")
    return value


def parse_config(table: dict, path: Path) -> Config:
    def get(key):
        return table.get(key, table.get(key.replace("-", "_")))

    severity = {}
    for code, sev in (get("severity") or {}).items():
        if sev not in SEVERITIES:
            raise ConfigError(f"{path}: severity of {code} must be one of {', '.join(SEVERITIES)}")
        severity[code.upper()] = sev
    fail_on = get("fail-on")
    if fail_on is not None and fail_on not in SEVERITIES + ("never",):
        raise ConfigError(f"{path}: fail-on must be error, warning, info or never")
    base = path.parent
    options = {code.upper(): dict(opts) for code, opts in (get("rules") or {}).items()}
    return Config(
        select=_list(get("select"), "select", path),
        ignore=_list(get("ignore"), "ignore", path),
        severity=severity,
        extra_lists=[(base / p).resolve() for p in _list(get("extra-lists"), "extra-lists", path)],
        allow=_list(get("allow"), "allow", path),
        options=options,
        fail_on=fail_on,
        path=path,
    )


def load_config_file(path: Path) -> Config:
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("zwlint", {})
    elif "tool" in data and "zwlint" in data["tool"]:
        data = data["tool"]["zwlint"]
    return parse_config(data, path)


def find_config(start: Path) -> Path | None:
    """The nearest zwlint.toml, or pyproject.toml with a [tool.zwlint] table."""
    try:
        start = start.resolve()
    except (OSError, RuntimeError):  # a symlink loop: the input itself is reported unreadable
        start = Path(os.path.abspath(start))
    for d in [start, *start.parents] if start.is_dir() else [start.parent, *start.parent.parents]:
        cand = d / "zwlint.toml"
        if cand.is_file():
            return cand
        cand = d / "pyproject.toml"
        if cand.is_file():
            try:
                with open(cand, "rb") as fh:
                    if "zwlint" in tomllib.load(fh).get("tool", {}):
                        return cand
            except (OSError, tomllib.TOMLDecodeError):
                continue
    return None


def config_for(explicit: Path | None, start: Path) -> tuple[Config, Path | None]:
    """The configuration the commands use, and its file: `explicit` (--config) when given,
    else the nearest one above `start`, else the defaults (no file)."""
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(f"config file not found: {explicit}")
        return load_config_file(explicit), explicit
    found = find_config(start)
    return (load_config_file(found), found) if found else (Config(), None)
