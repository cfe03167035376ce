"""The rule registry. Each module in this package is a rule family; it defines Rule
subclasses decorated with @register. Families are discovered by importing every module
here, so adding a family never touches the engine."""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from typing import ClassVar, Iterable

from lint.config import ConfigError
from lint.document import Doc
from lint.model import CATEGORIES, SEVERITIES

_REGISTRY: dict[str, "Rule"] = {}


class Issue:
    """What a rule reports: a span of doc.text and what to say about it."""

    __slots__ = ("start", "end", "message", "suggestions", "severity", "fix_safe")

    def __init__(self, start: int, end: int, message: str, suggestions: Iterable[str] = (),
                 severity: str | None = None, fix_safe: bool | None = None):
        self.start = start
        self.end = end
        self.message = message
        self.suggestions = list(suggestions)
        self.severity = severity
        self.fix_safe = fix_safe


_TYPE_NAMES = {float: "a number", int: "an integer", bool: "true or false", str: "a string"}


@dataclass(frozen=True)
class Option:
    """A setting a rule reads, from `[tool.zwlint.rules.CODE]` in the config: its name there,
    its type (float, int, bool or str), its default (written here only) and a one-line doc.
    Rules read the value with doc.option(code, name)."""

    name: str
    type: type
    default: object
    doc: str

    def parse(self, value, where: str) -> object:
        """`value` from the config as this option's type, or a ConfigError naming `where`."""
        ok = isinstance(value, self.type) and not (self.type is not bool and isinstance(value, bool))
        if self.type is float and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        if not ok:
            raise ConfigError(f"{where}: {self.name} must be {_TYPE_NAMES[self.type]}, got {value!r}")
        return value


class Rule:
    """Base class. Subclasses set the class attributes and implement check() for each
    text (title and content separately) and/or check_post() once per post."""

    code: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[str]
    severity: ClassVar[str] = "warning"
    summary: ClassVar[str] = ""
    doc: ClassVar[str] = ""  # what it finds, why it matters, an example
    fix_safe: ClassVar[bool] = False
    needs_post: ClassVar[bool] = False  # audit-only / whole-post rules
    options: ClassVar[tuple[Option, ...]] = ()  # what `[tool.zwlint.rules.CODE]` may set
    # the shared analyses (lint.document.Analysis) check() reads: Linter.check_posts computes
    # those that have a batch function for all its texts at once
    analyses: ClassVar[tuple] = ()

    def check(self, doc: Doc) -> Iterable[Issue]:
        return ()

    # Rules that derive list entries from other entries (name variants generated from
    # the correct forms) return them here; they are compiled into the one automaton and
    # cached with it. Bump generator_version when the generation changes.
    generator_version: ClassVar[str] = ""

    def generate_entries(self, lists) -> list:
        """Extra lint.terms.Entry objects derived from the loaded lists (TermLists)."""
        return []

    def check_post(self, docs: dict[str | None, Doc]) -> Iterable[tuple[str | None, Issue]]:
        """Whole-post checks; yields (field, Issue) pairs."""
        return ()

    def preload(self) -> None:
        """Load now what check() would load on first use (a large model), so that worker
        processes forked afterwards share it instead of each loading their own."""


def only_with_matches(check):
    """Marks a check() that finds nothing in a text where no list entry of its rule matches:
    the engine does not call it there. A subclass overriding check() is called as usual."""
    check.only_with_matches = True
    return check


def register(cls: type[Rule]) -> type[Rule]:
    for attr in ("code", "name", "category"):
        if not getattr(cls, attr, None):
            raise TypeError(f"{cls.__name__} lacks {attr}")
    if cls.category not in CATEGORIES:
        raise TypeError(f"{cls.code}: unknown category {cls.category}")
    if cls.severity not in SEVERITIES:
        raise TypeError(f"{cls.code}: unknown severity {cls.severity}")
    if cls.code in _REGISTRY and type(_REGISTRY[cls.code]) is not cls:
        raise TypeError(f"duplicate rule code {cls.code}")
    _REGISTRY[cls.code] = cls()
    return cls


_loaded = False


def all_rules() -> dict[str, Rule]:
    global _loaded
    if not _loaded:
        for mod in pkgutil.iter_modules(__path__):
            if not mod.name.startswith("_"):
                importlib.import_module(f"{__name__}.{mod.name}")
        _loaded = True
    return dict(sorted(_REGISTRY.items()))


def get_rule(code: str) -> Rule | None:
    return all_rules().get(code.upper())


def resolve_options(configured: dict[str, dict], origin: str = "config") -> dict[str, dict[str, object]]:
    """Every registered rule's options: the configured value (checked against the rule's
    declaration) or the declared default. A rule code or option name the rules do not
    declare, or a value of the wrong type, is a ConfigError naming the rule. Option names
    may be written with - or _ (min-score, min_score)."""
    rules = all_rules()
    resolved = {code: {o.name: o.default for o in rule.options} for code, rule in rules.items() if rule.options}
    for code, table in configured.items():
        where = f"{origin}: [rules.{code}]"
        rule = rules.get(code.upper())
        if rule is None:
            raise ConfigError(f"{where}: no rule {code}; `zwlint rules` lists them")
        if not isinstance(table, dict):
            raise ConfigError(f"{where}: must be a table of options")
        declared = {o.name: o for o in rule.options}
        for key, value in table.items():
            option = declared.get(key.replace("_", "-"))
            if option is None:
                known = ", ".join(declared) if declared else "none"
                raise ConfigError(f"{where}: {rule.code} ({rule.name}) has no option {key!r} (options: {known})")
            resolved[rule.code][option.name] = option.parse(value, where)
    return resolved
