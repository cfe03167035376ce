"""下载批注版 .docx: POST /api/v1/annotate, and the page's button end to end in headless
Chromium (skips where Playwright or Chromium is missing, as tests/test_serve_page.py does)."""
from __future__ import annotations

import io
import json
import zipfile
from urllib.parse import unquote

import pytest
from lxml import etree
from starlette.testclient import TestClient

from docx_samples import accept_all, comment_texts, reject_all, sample_document, zip_parts, zwlint_comments, zwlint_only
from lint.model import Post
from lint.server.app import create_app
from lint.text.docx import read_docx_text
from serve_planted import planted_linter
from test_serve_page import base_url, browser, page  # noqa: F401  (fixtures)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app(linter=planted_linter(), max_bytes=1024 * 1024))


@pytest.fixture(scope="module")
def original():
    return sample_document()


def body_text_after(data, keep):
    parts = zip_parts(data)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, body in parts.items():
            if name in ("word/document.xml", "word/header1.xml", "word/footnotes.xml"):
                body = etree.tostring(zwlint_only(etree.fromstring(body), keep))
            zf.writestr(name, body)
    return read_docx_text(out.getvalue()).text


def test_annotate_returns_the_docx_with_the_accepted_fixes_tracked(client, original):
    text = read_docx_text(original).text
    findings = planted_linter().check_post(Post(content=text))
    phone = next(f for f in findings if f.rule == "ZW598")
    serious = next(f for f in findings if f.rule == "ZW198")
    accepted = [{"start": serious.start, "end": serious.end, "text": serious.text, "replacement": "我国政府"}]
    ignored = [{"rule": phone.rule, "start": phone.start, "end": phone.end}]
    r = client.post("/api/v1/annotate", files={"file": ("通知.docx", original, DOCX)},
                    data={"accepted": json.dumps(accepted), "ignored": json.dumps(ignored)})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == DOCX
    assert unquote(r.headers["content-disposition"].split("filename*=UTF-8''")[1]) == "通知.zwlint.docx"
    assert r.headers["x-zwlint-comments"] == str(len(findings) - 1)
    assert r.headers["x-zwlint-revisions"] == "1"
    assert len(zwlint_comments(r.content)) == len(findings) - 1
    anchored = comment_texts(zwlint_only(etree.fromstring(zip_parts(r.content)["word/document.xml"]), reject_all))
    assert "13812345678" not in anchored.values() and "中华民国政府" in anchored.values()
    assert body_text_after(r.content, accept_all) == text.replace("中华民国政府", "我国政府")
    assert body_text_after(r.content, reject_all) == text


def test_fixes_safe_adds_the_safe_fixes(client, original):
    r = client.post("/api/v1/annotate", files={"file": ("a.docx", original, DOCX)}, data={"fixes": "safe"})
    assert r.status_code == 200 and int(r.headers["x-zwlint-revisions"]) == 9


@pytest.mark.parametrize("data,status,message", [
    ({"accepted": "[{"}, 400, "accepted"),
    ({"accepted": json.dumps([{"start": 0}])}, 400, "accepted"),
    ({"ignored": json.dumps([{"rule": "ZW1", "start": "0", "end": 1}])}, 400, "ignored"),
    ({"fixes": "most"}, 400, "fixes"),
    ({"accepted": json.dumps([{"start": 0, "end": 2, "text": "不是", "replacement": "x"}])}, 422, "不符"),
])
def test_bad_decisions_get_a_clear_error(client, original, data, status, message):
    r = client.post("/api/v1/annotate", files={"file": ("a.docx", original, DOCX)}, data=data)
    assert r.status_code == status and message in r.json()["error"]


def test_only_a_docx_can_be_annotated(client):
    r = client.post("/api/v1/annotate", files={"file": ("a.txt", "按装".encode(), "text/plain")})
    assert r.status_code == 415
    r = client.post("/api/v1/annotate", files={"file": ("a.docx", b"PK\x03\x04broken", DOCX)})
    assert r.status_code == 422 and "not a valid .docx" in r.json()["error"]


def test_openapi_documents_the_endpoint(client):
    doc = client.get("/api/v1/openapi.json").json()
    op = doc["paths"]["/api/v1/annotate"]["post"]
    assert set(op["responses"]) == {"200", "400", "413", "415", "422"}
    assert set(doc["components"]["schemas"]["AnnotateUpload"]["properties"]) == {"file", "published", "accepted",
                                                                                  "ignored", "fixes"}


def test_page_downloads_the_annotated_docx_with_the_editors_decisions(page, original, tmp_path):  # noqa: F811
    page.set_input_files("#file", files=[{"name": "通知.docx", "mimeType": DOCX, "buffer": original}])
    page.wait_for_selector("mark.hl")
    button = page.locator("#download-docx")
    assert button.is_visible() and button.is_enabled()
    page.click("#out-content mark[data-rule='ZW198']")
    page.click("#detail button.accept[data-suggestion='我国政府']")
    page.click("#out-content mark[data-rule='ZW598']")
    page.click("#detail button.ignore")
    page.click("#accept-safe")
    page.click("#recheck")  # a re-check of the corrected text keeps the decisions
    page.wait_for_selector("#changes:empty", state="attached")
    assert button.is_enabled()
    corrected = page.evaluate("Array.from(document.querySelectorAll('#out-content')).map(e => e.innerText)[0]")
    with page.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename == "通知.zwlint.docx"
    data = open(download.path(), "rb").read()
    text = read_docx_text(original).text
    findings = planted_linter().check_post(Post(content=text))
    assert len(zwlint_comments(data)) == len(findings) - 1  # the ignored phone number has none
    fixed = body_text_after(data, accept_all)
    assert fixed.replace("\t", "") == corrected.replace("\t", "").rstrip("\n")
    assert "我国政府" in fixed and "按装" not in fixed and "13812345678" in fixed
    assert body_text_after(data, reject_all) == text

    page.click("#back")
    page.fill("#content", "另一篇文章，按装。")
    page.click("#check")
    page.wait_for_selector("mark.hl")
    assert button.is_disabled()  # the text is no longer the document's
