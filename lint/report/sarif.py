"""`--format sarif`: SARIF 2.1.0 for code-scanning dashboards."""
from __future__ import annotations

import json

from lint import __version__
from lint.report import FileResult
from lint.rules import all_rules

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def as_dict(results: list[FileResult]) -> dict:
    rules = list(all_rules().values())
    index = {r.code: i for i, r in enumerate(rules)}
    sarif_results = []
    for r in results:
        for f in r.findings:
            region = {"startLine": f.line, "startColumn": f.column, "charOffset": f.start,
                      "charLength": f.end - f.start, "snippet": {"text": f.text}}
            if f.image is not None:  # text recognised in an image: which image, the pixel box
                region["properties"] = {"image": f.image}
            res = {
                "ruleId": f.rule,
                "ruleIndex": index.get(f.rule, 0),
                "level": _LEVEL[f.severity],
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": r.path}, "region": region}}],
                "properties": {"category": f.category, "record": f.record, "field": f.field,
                               "suggestions": f.suggestions},
            }
            if f.suggestions and f.fix_safe and f.record is None:
                res["fixes"] = [{
                    "description": {"text": f"改为“{f.suggestions[0]}”"},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": r.path},
                        "replacements": [{"deletedRegion": {"charOffset": f.start, "charLength": f.end - f.start},
                                          "insertedContent": {"text": f.suggestions[0]}}],
                    }],
                }]
            sarif_results.append(res)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "zwlint",
                "version": __version__,
                "informationUri": "https://pypi.org/project/zwlint/",
                "rules": [{
                    "id": r.code,
                    "name": r.name,
                    "shortDescription": {"text": r.summary or r.name},
                    "fullDescription": {"text": (r.doc or r.summary or r.name).strip()},
                    "defaultConfiguration": {"level": _LEVEL[r.severity]},
                    "properties": {"category": r.category},
                } for r in rules],
            }},
            "columnKind": "unicodeCodePoints",
            "results": sarif_results,
        }],
    }


def render(results: list[FileResult]) -> str:
    return json.dumps(as_dict(results), ensure_ascii=False, indent=2)
