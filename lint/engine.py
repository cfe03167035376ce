"""The one-pass engine: for every text of a post, normalise once, match every list once,
let every enabled rule read the shared Doc, then filter (allow-list, config, inline
suppression) and place each finding in the text it points into."""
from __future__ import annotations

from bisect import bisect_right
from datetime import date
from typing import Sequence

from lint.config import Config
from lint.document import Analysis, Doc
from lint.model import Finding, Post
from lint.rules import Issue, Rule, all_rules, resolve_options
from lint.suppress import Suppressions
from lint.terms.lists import Entry, load_lists
from lint.terms.matcher import TermMatcher, cached_matcher
from lint.text.normalize import normalize

ALLOW_RULE = "ALLOW"


class LineIndex:
    def __init__(self, text: str):
        self.starts = [0]
        pos = text.find("\n")
        while pos >= 0:
            self.starts.append(pos + 1)
            pos = text.find("\n", pos + 1)

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def _allow_entries(words: list[str], origin: str) -> list[Entry]:
    return [
        Entry(rule=ALLOW_RULE, terms=(w,), pattern=None, fixes=(), reason="allow-list",
              source=origin, file=origin)
        for w in words
        if w.strip()
    ]


def entry_generators() -> list[Rule]:
    """Every rule that generates list entries, enabled or not: one cached automaton for all
    configurations (and the shipped one, tools/build_derived_data.py --matcher)."""
    return [r for r in all_rules().values() if r.generator_version]


def _texts(post: Post) -> list[tuple[str | None, str]]:
    """The texts of a post the rules read, by field: its title when it has one, then its
    content (field None for a bare text, one with neither a title nor an id)."""
    content_field = "content" if (post.title is not None or post.id is not None) else None
    return ([("title", post.title)] if post.title else []) + [(content_field, post.content or "")]


class Linter:
    def __init__(self, config: Config | None = None):
        self.config = config or Config()
        registered = all_rules()
        # every rule's options, enabled or not: ZW207 reads what ZW202 and ZW203 report
        self.options = resolve_options(self.config.options, str(self.config.path or "config"))
        self.rules: list[Rule] = [
            r for r in registered.values() if self.config.enabled(r.code, r.category)
        ]
        extra: list[Entry] = _allow_entries(self.config.allow, str(self.config.path or "config"))
        if self.config.extra_lists:
            extra.extend(load_lists(self.config.extra_lists).entries)
        self.matcher: TermMatcher = cached_matcher(extra_entries=tuple(extra), generators=entry_generators())
        self._hooks: tuple[list[Rule], list] = ([], [])

    def preload(self) -> None:
        """Load every rule's lazily loaded data now (before forking workers)."""
        for rule in self.rules:
            rule.preload()

    def _rule_hooks(self) -> list[tuple[Rule, bool, bool, bool]]:
        """(rule, overrides check, overrides check_post, check needs a match of the rule's
        own list entries) for the enabled rules: a hook a rule does not override is not called
        (most rules read one text at a time)."""
        rules, hooks = self._hooks
        if rules is not self.rules:
            hooks = [(r, type(r).check is not Rule.check, type(r).check_post is not Rule.check_post,
                      getattr(type(r).check, "only_with_matches", False))
                     for r in self.rules]
            self._hooks = (self.rules, hooks)
        return hooks

    def make_doc(self, text: str, post: Post, field: str | None) -> Doc:
        norm = normalize(text)
        return Doc(text=text, norm=norm, match_set=self.matcher.find_raw(norm), post=post, field=field,
                   options=self.options)

    def check_post(self, post: Post) -> list[Finding]:
        docs = {field: self.make_doc(text, post, field) for field, text in _texts(post)}
        return self._findings(post, docs)

    def check_posts(self, posts: Sequence[Post]) -> list[list[Finding]]:
        """check_post of each post, with the work the posts share done once for all of them:
        one scan of the list automaton over all their texts, and the analyses that the
        enabled rules read and that can be computed for many texts at once (Analysis.batch).
        The findings are check_post's, post by post."""
        fields = [(post, field, text) for post in posts for field, text in _texts(post)]
        norms = [normalize(text) for _post, _field, text in fields]
        docs = [Doc(text=text, norm=norm, match_set=match_set, post=post, field=field, options=self.options)
                for (post, field, text), norm, match_set in zip(fields, norms, self.matcher.find_raw_many(norms))]
        for slot in self._batched_analyses():
            for doc, value in zip(docs, slot.batch(docs)):
                doc._analyses[slot] = value
        per_post: dict[int, dict[str | None, Doc]] = {}
        for doc in docs:
            per_post.setdefault(id(doc.post), {})[doc.field] = doc
        return [self._findings(post, per_post[id(post)]) for post in posts]

    def _batched_analyses(self) -> list[Analysis]:
        return list(dict.fromkeys(slot for rule in self.rules for slot in rule.analyses if slot.batch is not None))

    def _findings(self, post: Post, docs: dict[str | None, Doc]) -> list[Finding]:
        """Every enabled rule on the post's texts (`docs`), the findings filtered and placed."""
        raw: list[tuple[Rule, str | None, Issue]] = []
        for rule, reads_texts, reads_post, needs_matches in self._rule_hooks():
            if reads_texts:
                for field, doc in docs.items():
                    if needs_matches and rule.code not in doc.match_set.rules():
                        continue
                    for issue in rule.check(doc):
                        raw.append((rule, field, issue))
            if reads_post:
                for field, issue in rule.check_post(docs):
                    raw.append((rule, field, issue))

        findings = []
        if not raw:
            return findings
        per_field: dict[str | None, tuple[str, object, LineIndex, Suppressions, list]] = {}

        def field_context(field):
            doc = docs[field]
            target, source_map = doc.text, None
            if field in ("content", None) and post.content_source is not None:
                target, source_map = post.content_source
            allowed = [(m.start, m.end) for m in doc.matches_for(ALLOW_RULE)]
            per_field[field] = (target, source_map, LineIndex(target), Suppressions(target), allowed)
            return per_field[field]

        seen = set()
        for rule, field, issue in raw:
            target, source_map, lines, suppress, allowed = per_field.get(field) or field_context(field)
            if any(a <= issue.start and issue.end <= b for a, b in allowed):
                continue
            start, end = issue.start, issue.end
            if source_map is not None:
                start, end = source_map.span_to_source(start, end)
            if suppress.suppressed(rule.code, start):
                continue
            key = (rule.code, field, start, end)
            if key in seen:
                continue
            seen.add(key)
            line, column = lines.line_col(start)
            severity = self.config.severity_for(rule.code, issue.severity or rule.severity)
            findings.append(
                Finding(
                    rule=rule.code,
                    name=rule.name,
                    category=rule.category,
                    severity=severity,
                    message=issue.message,
                    start=start,
                    end=end,
                    line=line,
                    column=column,
                    text=target[start:end],
                    suggestions=issue.suggestions,
                    record=post.id,
                    field=field,
                    fix_safe=rule.fix_safe if issue.fix_safe is None else issue.fix_safe,
                )
            )
        findings = without_typos_inside_serious(findings)
        order = {"title": 0, None: 1, "content": 1}
        findings.sort(key=lambda f: (order.get(f.field, 2), f.start, f.end, f.rule))
        if post.image is not None:
            from lint.ocr.text import place_findings

            findings = place_findings(post.image, findings)
        return findings


def without_typos_inside_serious(findings: list[Finding]) -> list[Finding]:
    """Typo findings on characters a serious finding already covers are dropped: the serious
    finding names the right term, and a typo guess on part of it (注义 -> 注意 inside
    社会注义) would contradict it."""
    serious = [(f.field, f.start, f.end) for f in findings if f.category == "serious"]
    if not serious:
        return findings
    return [f for f in findings
            if f.category != "typo" or not any(field == f.field and start < f.end and f.start < end
                                               for field, start, end in serious)]


_default_linter: Linter | None = None


def default_linter() -> Linter:
    global _default_linter
    if _default_linter is None:
        _default_linter = Linter()
    return _default_linter


def check_text(text: str, published: date | str | None = None, title: str | None = None,
               config: Config | None = None) -> list[Finding]:
    """Lint one text. `published` (a date or YYYY-MM-DD) lets dated rules judge it."""
    if isinstance(published, str):
        published = date.fromisoformat(published)
    linter = Linter(config) if config is not None else default_linter()
    return linter.check_post(Post(content=text, title=title, published=published))
