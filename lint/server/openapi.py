"""The OpenAPI 3.1 document of the JSON API (served at /api/v1/openapi.json).

The Finding and CheckResponse schemas describe the CLI's JSON output contract
(version 1, README "JSON output"); tests validate real answers against them."""
from __future__ import annotations

from lint.model import CATEGORIES, SEVERITIES

FINDING = {
    "type": "object",
    "required": ["rule", "name", "category", "severity", "message", "start", "end", "line", "column",
                 "text", "suggestions", "record", "field"],
    "additionalProperties": False,
    "properties": {
        "rule": {"type": "string", "pattern": "^ZW[0-9]{3}$", "description": "Rule code, e.g. ZW201."},
        "name": {"type": "string", "description": "Rule name (kebab-case English)."},
        "category": {"type": "string", "enum": list(CATEGORIES)},
        "severity": {"type": "string", "enum": list(SEVERITIES)},
        "message": {"type": "string", "description": "Explanation for the editor (Chinese)."},
        "start": {"type": "integer", "minimum": 0,
                  "description": "Code-point offset into the field's text (not UTF-16 units)."},
        "end": {"type": "integer", "minimum": 0},
        "line": {"type": "integer", "minimum": 1},
        "column": {"type": "integer", "minimum": 1},
        "text": {"type": "string", "description": "text == field_text[start:end]"},
        "suggestions": {"type": "array", "items": {"type": "string"},
                        "description": "Suggested replacements, best first."},
        "record": {"type": ["string", "null"], "description": "The request's id (null when none was given)."},
        "field": {"type": ["string", "null"], "enum": ["title", "content", "images", None],
                  "description": "Which text the offsets point into (`images`: text recognised in an image "
                                 "a record lists)."},
        "image": {"type": "object", "required": ["box"],
                  "description": "Only on findings in text recognised in an image (README \"Text in images\").",
                  "properties": {"path": {"type": "string"}, "field": {"type": "string"},
                                 "index": {"type": "integer", "minimum": 0}, "media": {"type": "string"},
                                 "page": {"type": "integer", "minimum": 1},
                                 "box": {"type": "array", "items": {"type": "integer"}, "minItems": 4, "maxItems": 4,
                                         "description": "x0, y0, x1, y1 in the image's pixels."},
                                 "confidence": {"type": "number"}}},
    },
}

CHECK_RESPONSE = {
    "type": "object",
    "required": ["version", "files", "summary"],
    "properties": {
        "version": {"const": 1},
        "files": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["path", "findings"],
                "properties": {
                    "path": {"type": "string"},
                    "findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}},
                },
            },
        },
        "summary": {
            "type": "object",
            "required": ["files", "findings", "by_category", "by_severity"],
            "properties": {
                "files": {"type": "integer"},
                "findings": {"type": "integer"},
                "by_category": {"type": "object", "additionalProperties": {"type": "integer"}},
                "by_severity": {"type": "object", "additionalProperties": {"type": "integer"}},
            },
        },
        "fix_safe": {"type": "array", "items": {"type": "boolean"},
                     "description": "check with ?fix_safe=true only."},
        "errors": {"type": "array", "items": {"type": "string"},
                   "description": "check-file only: records that could not be read."},
        "image": {"type": "object", "required": ["width", "height", "text"],
                  "description": "check-file of an image (with zwlint[ocr]) only: its size and the text "
                                 "recognised in it, which the findings' offsets point into.",
                  "properties": {"width": {"type": "integer"}, "height": {"type": "integer"},
                                 "text": {"type": "string"}}},
    },
}

CHECK_REQUEST = {
    "type": "object",
    "required": ["content"],
    "properties": {
        "content": {"type": "string", "description": "The post's body text."},
        "title": {"type": ["string", "null"], "description": "The post's title (checked separately)."},
        "published": {"type": ["string", "null"], "format": "date",
                      "description": "Publication date YYYY-MM-DD; dated rules judge the post on it."},
        "id": {"type": ["string", "integer", "null"],
               "description": "Your CMS's id for the post; echoed as `record` in every finding."},
    },
}

RULE = {
    "type": "object",
    "required": ["code", "name", "category", "category_label", "severity", "summary", "doc", "fix_safe"],
    "properties": {
        "code": {"type": "string"},
        "name": {"type": "string"},
        "category": {"type": "string", "enum": list(CATEGORIES)},
        "category_label": {"type": "string"},
        "severity": {"type": "string", "enum": list(SEVERITIES)},
        "summary": {"type": "string"},
        "doc": {"type": "string"},
        "fix_safe": {"type": "boolean"},
    },
}

RULES_RESPONSE = {
    "type": "object",
    "required": ["version", "categories", "rules"],
    "properties": {
        "version": {"const": 1},
        "categories": {"type": "object", "additionalProperties": {"type": "string"}},
        "rules": {"type": "array", "items": {"$ref": "#/components/schemas/Rule"}},
    },
}

ERROR = {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}}

UPLOAD = {
    "type": "object",
    "required": ["file"],
    "properties": {
        "file": {"type": "string", "format": "binary"},
        "published": {"type": "string", "format": "date"},
    },
}


ANNOTATE_UPLOAD = {
    "type": "object",
    "required": ["file"],
    "properties": {
        "file": {"type": "string", "format": "binary", "description": "The .docx."},
        "published": {"type": "string", "format": "date"},
        "accepted": {"type": "string", "description": "JSON array of {start, end, text, replacement}: fixes the "
                     "editor accepted, in code-point offsets of the document's text (as /api/v1/extract and "
                     "`zwlint check --format json` give it); each becomes a tracked change."},
        "ignored": {"type": "string", "description": "JSON array of {rule, start, end}: findings dismissed, left "
                    "without a comment."},
        "fixes": {"type": "string", "enum": ["none", "safe", "all"], "default": "none",
                  "description": "Other fixes to track besides the accepted ones."},
    },
}


def _json(ref: str) -> dict:
    return {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}


SHOW_PERSONAL_DATA = {
    "name": "show_personal_data", "in": "query", "required": False, "schema": {"type": "boolean"},
    "description": "true: identity card and phone numbers in full; by default they are masked "
                   "(4403**********2136) in every finding text and message.",
}


def openapi_document(version: str, max_bytes: int) -> dict:
    too_large = {"description": f"Request body larger than {max_bytes} bytes.", "content": _json("Error")}
    bad = {"description": "Malformed request (message in `error`).", "content": _json("Error")}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "zwlint API",
            "version": version,
            "description": "政务新媒体内容检查 (zwlint) for CMS integration. Same engine and same "
                           "findings as `zwlint check --format json`.",
        },
        "paths": {
            "/api/v1/check": {
                "post": {
                    "summary": "Check one post (title and content).",
                    "operationId": "check",
                    "parameters": [{
                        "name": "fix_safe", "in": "query", "required": False, "schema": {"type": "boolean"},
                        "description": "true: add a top-level `fix_safe` array (one boolean per finding of "
                                       "files[0].findings: would `zwlint check --fix` apply it). Off by default, "
                                       "so the answer is exactly the CLI contract.",
                    }, SHOW_PERSONAL_DATA],
                    "requestBody": {"required": True, "content": _json("CheckRequest")},
                    "responses": {
                        "200": {"description": "Findings in the CLI's JSON contract (version 1); "
                                               "files[0].path is \"-\".", "content": _json("CheckResponse")},
                        "400": bad,
                        "413": too_large,
                        "415": {"description": "The body is not Content-Type: application/json.",
                                "content": _json("Error")},
                        "422": {"description": "A lone surrogate escape (\"\\ud800\"): not Unicode text.",
                                "content": _json("Error")},
                    },
                }
            },
            "/api/v1/check-file": {
                "post": {
                    "summary": "Check an uploaded file exactly as `zwlint check FILE --format json` would "
                               "(images too, with zwlint[ocr]: findings carry `image` with the pixel box).",
                    "operationId": "checkFile",
                    "parameters": [SHOW_PERSONAL_DATA],
                    "requestBody": {"required": True,
                                    "content": {"multipart/form-data": {"schema": {"$ref": "#/components/schemas/Upload"}}}},
                    "responses": {
                        "200": {"description": "Findings (offsets into the decoded file; HTML: the page source).",
                                "content": _json("CheckResponse")},
                        "400": bad, "413": too_large,
                        "415": {"description": "Unsupported file type.", "content": _json("Error")},
                        "422": {"description": "The file could not be read, or a .docx has more than 100,000 "
                                               "paragraphs or 1,000 files or took over 10 s to read "
                                               "(413: it unpacks to more than 50 MB).", "content": _json("Error")},
                    },
                }
            },
            "/api/v1/extract": {
                "post": {
                    "summary": "Plain text of an uploaded .docx/.html/.txt/.md (used by the page).",
                    "operationId": "extract",
                    "requestBody": {"required": True,
                                    "content": {"multipart/form-data": {"schema": {"$ref": "#/components/schemas/Upload"}}}},
                    "responses": {
                        "200": {"description": "The text.", "content": {"application/json": {"schema": {
                            "type": "object", "required": ["filename", "kind", "content"],
                            "properties": {"filename": {"type": "string"},
                                           "kind": {"type": "string", "enum": ["text", "html", "docx"]},
                                           "content": {"type": "string"}}}}}},
                        "400": bad, "413": too_large,
                        "415": {"description": "Unsupported file type.", "content": _json("Error")},
                        "422": {"description": "The file could not be read, or a .docx has more than 100,000 "
                                               "paragraphs or 1,000 files or took over 10 s to read "
                                               "(413: it unpacks to more than 50 MB).", "content": _json("Error")},
                    },
                }
            },
            "/api/v1/annotate": {
                "post": {
                    "summary": "The uploaded .docx with every finding as a Word comment (批注) and the accepted "
                               "fixes as tracked changes (修订, author zwlint).",
                    "operationId": "annotate",
                    "requestBody": {"required": True,
                                    "content": {"multipart/form-data": {"schema": {"$ref": "#/components/schemas/AnnotateUpload"}}}},
                    "responses": {
                        "200": {"description": "The annotated .docx (attachment NAME.zwlint.docx); headers "
                                               "X-Zwlint-Comments and X-Zwlint-Revisions give the counts.",
                                "content": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document":
                                            {"schema": {"type": "string", "format": "binary"}}}},
                        "400": bad, "413": too_large,
                        "415": {"description": "Not a .docx.", "content": _json("Error")},
                        "422": {"description": "The file could not be read, or an accepted fix does not match its text.",
                                "content": _json("Error")},
                    },
                }
            },
            "/api/v1/rules": {
                "get": {
                    "summary": "The rules this server runs, with their documentation.",
                    "operationId": "rules",
                    "responses": {"200": {"description": "Rules and category labels.", "content": _json("RulesResponse")}},
                }
            },
            "/api/v1/health": {
                "get": {"summary": "Liveness check.", "operationId": "health",
                        "responses": {"200": {"description": "{\"status\": \"ok\", \"version\": ...}"}}}
            },
        },
        "components": {
            "schemas": {
                "CheckRequest": CHECK_REQUEST,
                "CheckResponse": CHECK_RESPONSE,
                "Finding": FINDING,
                "Rule": RULE,
                "RulesResponse": RULES_RESPONSE,
                "Upload": UPLOAD,
                "AnnotateUpload": ANNOTATE_UPLOAD,
                "Error": ERROR,
            }
        },
    }
