"""spaCy component: `nlp.add_pipe("zwlint")` puts findings in doc.spans["zwlint"], labelled
with rule codes, so displaCy's span view shows them."""
from __future__ import annotations

from datetime import date

from spacy.language import Language
from spacy.tokens import Doc as SpacyDoc

from lint.engine import Linter, default_linter
from lint.model import Post

if not SpacyDoc.has_extension("zwlint_findings"):
    SpacyDoc.set_extension("zwlint_findings", default=None)


class ZwlintComponent:
    def __init__(self, published: str | None = None):
        self.published = date.fromisoformat(published) if published else None
        self.linter: Linter = default_linter()

    def __call__(self, doc: SpacyDoc) -> SpacyDoc:
        findings = self.linter.check_post(Post(content=doc.text, published=self.published))
        spans = []
        for f in findings:
            span = doc.char_span(f.start, f.end, label=f.rule, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans["zwlint"] = spans
        doc._.zwlint_findings = findings
        return doc


@Language.factory("zwlint", default_config={"published": None})
def make_zwlint_component(nlp: Language, name: str, published: str | None):
    return ZwlintComponent(published)
