"""Audit thresholds: `[tool.zwlint.audit]` in pyproject.toml (or `[audit]` in zwlint.toml),
overridable on the command line.

    [tool.zwlint.audit]
    update-days = 14                # ZW001: no post in this many days before --as-of (10 in some counties)
    week-days = 7                   # ZW003: window length
    week-gap-times = 2              # ZW003: windows without a post before it is reported
    reply-days = 3                  # ZW007: working days to answer a message (3 or 5)
    max-accounts-per-platform = 1   # ZW006
    publishing-types = ["发布类"]    # registry account types that must keep publishing
    veto = ["serious", "secrecy", "sensitive", "ZW001", "ZW002"]   # codes, prefixes, categories
    veto-severity = "error"         # post findings below this severity never veto
    group-by = "supervisor"         # unit of the per-unit table: supervisor (主管单位) or owner (主办单位)
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

from lint.model import CATEGORIES, SEVERITY_RANK


class AuditConfigError(ValueError):
    pass


DEFAULT_VETO = ("serious", "secrecy", "sensitive", "ZW001", "ZW002")


@dataclass(frozen=True)
class AuditSettings:
    update_days: int = 14
    week_days: int = 7
    week_gap_times: int = 2
    reply_days: int = 3
    max_accounts_per_platform: int = 1
    publishing_types: tuple[str, ...] = ("发布类",)
    veto: tuple[str, ...] = DEFAULT_VETO
    veto_severity: str = "error"
    group_by: str = "supervisor"

    def is_veto(self, code: str, category: str, severity: str) -> bool:
        """Does a finding of this rule fail the account outright?"""
        if category != "account" and SEVERITY_RANK.get(severity, 0) < SEVERITY_RANK[self.veto_severity]:
            return False
        for sel in self.veto:
            s = sel.strip()
            if s.lower() in CATEGORIES:
                if category == s.lower():
                    return True
            elif code.startswith(s.upper()):
                return True
        return False

    def with_overrides(self, **kw) -> "AuditSettings":
        return replace(self, **{k: v for k, v in kw.items() if v is not None})

    def to_dict(self) -> dict:
        return {f.name: (list(v) if isinstance(v := getattr(self, f.name), tuple) else v)
                for f in fields(self)}


_INT_KEYS = ("update-days", "week-days", "week-gap-times", "reply-days", "max-accounts-per-platform")


def parse_audit_table(table: dict, origin: str = "config") -> AuditSettings:
    kw: dict = {}
    for key, value in table.items():
        k = key.replace("_", "-")
        attr = k.replace("-", "_")
        if k in _INT_KEYS:
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise AuditConfigError(f"{origin}: audit.{k} must be a positive integer")
            kw[attr] = value
        elif k in ("publishing-types", "veto"):
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise AuditConfigError(f"{origin}: audit.{k} must be a list of strings")
            kw[attr] = tuple(value)
        elif k == "veto-severity":
            if value not in SEVERITY_RANK:
                raise AuditConfigError(f"{origin}: audit.veto-severity must be error, warning or info")
            kw[attr] = value
        elif k == "group-by":
            if value not in ("supervisor", "owner"):
                raise AuditConfigError(f"{origin}: audit.group-by must be supervisor or owner")
            kw[attr] = value
        else:
            raise AuditConfigError(f"{origin}: unknown key audit.{k}")
    return AuditSettings(**kw)


def load_audit_settings(config_path: Path | None) -> AuditSettings:
    """The [tool.zwlint.audit] table of the config file the linter uses (defaults if none)."""
    if config_path is None:
        return AuditSettings()
    try:
        with open(config_path, "rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise AuditConfigError(f"{config_path}: {exc}") from exc
    if config_path.name == "pyproject.toml" or "tool" in data:
        data = data.get("tool", {}).get("zwlint", {})
    table = data.get("audit") or {}
    if not isinstance(table, dict):
        raise AuditConfigError(f"{config_path}: audit must be a table")
    return parse_audit_table(table, str(config_path))
