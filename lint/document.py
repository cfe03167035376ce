"""The one object every rule reads: a text with its normalised form, term matches and
(on first use) its jieba segmentation, all computed once."""
from __future__ import annotations

from dataclasses import dataclass, field as dc_field
from datetime import date
from functools import cached_property

from lint.model import Post
from lint.terms.matcher import TermMatch
from lint.text.normalize import NormalizedText


@dataclass
class Doc:
    text: str  # the text findings point into (a file's text, or a record's field)
    norm: NormalizedText
    matches: list[TermMatch]
    post: Post
    field: str | None = None  # "title" / "content" for records and titled posts
    options: dict = dc_field(default_factory=dict)  # per-rule options from the config
    _by_rule: dict[str, list[TermMatch]] = dc_field(default_factory=dict, repr=False)

    def __post_init__(self):
        for m in self.matches:
            self._by_rule.setdefault(m.entry.rule, []).append(m)

    @property
    def published(self) -> date | None:
        return self.post.published

    @property
    def folded(self) -> str:
        """Same length and offsets as `text`; width, case and traditional characters folded."""
        return self.norm.folded

    def option(self, rule: str, key: str, default=None):
        return self.options.get(rule, {}).get(key, default)

    def matches_for(self, rule: str) -> list[TermMatch]:
        return self._by_rule.get(rule, [])

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
