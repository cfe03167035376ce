"""The rule registry. Each module in this package is a rule family; it defines Rule
subclasses decorated with @register. Families are discovered by importing every module
here, so adding a family never touches the engine."""
from __future__ import annotations

import importlib
import pkgutil
from typing import ClassVar, Iterable

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
