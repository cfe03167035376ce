"""The one object every rule reads: a text with its normalised form, term matches and
(on first use) its jieba segmentation and the analyses rule families share, all computed once."""
from __future__ import annotations

from dataclasses import dataclass, field as dc_field
from datetime import date
from functools import cached_property
from typing import Callable, Generic, TypeVar

from lint.model import Post
from lint.terms.matcher import MatchSet, TermMatch
from lint.text.normalize import NormalizedText

T = TypeVar("T")


class Analysis(Generic[T]):
    """A result about one text that several rules read (the typo suspects, the dates in it),
    declared once at module level with the function computing it; Doc.analysis(slot) computes
    it on first use and keeps it for the other rules (spaCy's Doc extensions, in small).

    `batch`, when given, computes it for many texts at once (equal to `compute` on each):
    Linter.check_posts calls it on all the texts of its posts for the analyses that the
    enabled rules declare in Rule.analyses."""

    __slots__ = ("name", "compute", "batch")

    def __init__(self, name: str, compute: Callable[["Doc"], T],
                 batch: Callable[[list["Doc"]], list[T]] | None = None):
        self.name = name
        self.compute = compute
        self.batch = batch

    def __repr__(self) -> str:
        return f"Analysis({self.name!r})"


@dataclass
class Doc:
    text: str  # the text findings point into (a file's text, or a record's field)
    norm: NormalizedText
    match_set: MatchSet  # TermMatcher.find_raw() output
    post: Post
    field: str | None = None  # "title" / "content" for records and titled posts
    options: dict = dc_field(default_factory=dict)  # rule code -> option -> value (resolve_options)
    _by_rule: dict[str, list[TermMatch]] = dc_field(default_factory=dict, repr=False)
    _analyses: dict[Analysis, object] = dc_field(default_factory=dict, repr=False)

    @cached_property
    def matches(self) -> list[TermMatch]:
        """Every list match in the text, in order of end position."""
        return self.match_set.all()

    @property
    def published(self) -> date | None:
        return self.post.published

    @property
    def folded(self) -> str:
        """Same length and offsets as `text`; width, case and traditional characters folded."""
        return self.norm.folded

    def option(self, rule: str, name: str):
        """The value of an option `rule` declares (lint.rules.Option): configured or default."""
        return self.options[rule][name]

    def analysis(self, slot: Analysis[T]) -> T:
        """The shared analysis `slot` of this text, computed on first use."""
        try:
            return self._analyses[slot]  # type: ignore[return-value]
        except KeyError:
            value = self._analyses[slot] = slot.compute(self)
            return value

    def matches_for(self, rule: str) -> list[TermMatch]:
        """Matches of the list entries whose rule is `rule`, in order of end position."""
        found = self._by_rule.get(rule)
        if found is None:
            found = self._by_rule[rule] = self.match_set.for_rule(rule)
        return found

    @cached_property
    def tokens(self) -> list[tuple[str, int, int]]:
        """jieba tokens of the folded text as (word, start, end), offsets of `text`."""
        from lint.text.segment import tokenize

        return tokenize(self.norm.folded)

    @cached_property
    def token_bounds(self) -> frozenset[int]:
        bounds = {0, len(self.text)}
        for _, s, e in self.tokens:
            bounds.add(s)
            bounds.add(e)
        return frozenset(bounds)

    def on_word_boundaries(self, start: int, end: int) -> bool:
        return start in self.token_bounds and end in self.token_bounds
