"""Bad and hostile inputs: one line naming the file (and record), exit 2, the other inputs go
on; uploads bounded; never a traceback."""
from __future__ import annotations

import io
import json
import os
import zipfile

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from lint.cli import app
from lint.server.app import create_app
from lint.text.readers import DocxLimits, LimitError, ReadError, decode_file_bytes, read_docx
from docx_samples import docx_bytes
from serve_planted import planted_linter

runner = CliRunner()


def check(*args):
    result = runner.invoke(app, ["check", *map(str, args)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def broken_xml_docx() -> bytes:
    good = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        for name in good.namelist():
            data = good.read(name)
            out.writestr(name, data[: len(data) // 2] if name == "word/document.xml" else data)
    return buf.getvalue()


def many_paragraphs_docx(n: int) -> bytes:
    good = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as out:
        for name in good.namelist():
            data = good.read(name)
            if name == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + b"<w:p/>" * n)
            out.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize("content", [b"not a zip at all", "broken xml"])
def test_bad_docx_is_one_line_and_the_other_inputs_go_on(project, content):
    bad = project / "bad.docx"
    bad.write_bytes(broken_xml_docx() if content == "broken xml" else content)
    good = project / "good.txt"
    good.write_text("测试错词\n", encoding="utf-8")
    result = check(bad, good, "--select", "ZW990", "--format", "json")
    assert result.exit_code == 2
    [line] = [ln for ln in result.stderr.splitlines() if "bad.docx" in ln]
    assert "not a valid .docx" in line or "broken XML in word/document.xml" in line
    assert json.loads(result.stdout)["summary"]["findings"] == 1


def test_lone_surrogate_in_a_jsonl_record_names_the_record(project):
    f = project / "p.jsonl"
    f.write_text('{"id": "s1", "content": "bad \\ud800 text"}\n{"id": "ok", "content": "测试错词"}\n', encoding="utf-8")
    result = check(f, "--select", "ZW990", "--format", "json")
    assert result.exit_code == 2
    [line] = [ln for ln in result.stderr.splitlines() if "p.jsonl" in ln]
    assert "(record s1)" in line and "line 1" in line and "surrogate" in line
    assert json.loads(result.stdout)["summary"]["findings"] == 1


def test_symlink_loop_as_input_path_is_one_line(project):
    loop = project / "loop"
    os.symlink(loop, loop)
    result = check(loop, "--select", "ZW990")
    assert result.exit_code == 2
    assert "loop: cannot read" in result.stderr


@pytest.fixture
def deep_folder(project):
    """project/d/d/.../d (1,000 levels) holding a.txt; removed bottom-up afterwards (shutil and
    pytest remove folders recursively and would fail on it)."""
    chain = [project / "d"]
    for _ in range(999):
        chain.append(chain[-1] / "d")
    for d in chain:
        d.mkdir()
    (chain[-1] / "a.txt").write_text("测试错词\n", encoding="utf-8")
    yield project
    (chain[-1] / "a.txt").unlink()
    for d in reversed(chain):
        d.rmdir()


def test_folder_a_thousand_levels_deep_is_read(deep_folder):
    result = check(deep_folder, "--select", "ZW990", "--format", "json")
    assert result.exit_code == 1
    assert [f["path"] for f in json.loads(result.stdout)["files"]][-1].endswith("a.txt")


def test_folder_symlink_loop_is_walked_once(project):
    (project / "sub").mkdir()
    (project / "sub" / "a.txt").write_text("测试错词\n", encoding="utf-8")
    os.symlink(project, project / "sub" / "up")
    result = check(project, "--select", "ZW990", "--format", "json")
    assert result.exit_code == 1
    assert len(json.loads(result.stdout)["files"]) == 1


def test_big5_text_is_detected_not_read_as_gb18030():
    text = "政府網站與政務新媒體檢查情況的通報：各縣區人民政府，市直各單位，現將檢查情況通報如下。"
    decoded = decode_file_bytes(text.encode("big5"))
    assert decoded.encoding == "cp950" and decoded.text == text
    simplified = "政府网站与政务新媒体检查情况的通报：各县区人民政府，市直各单位，现将检查情况通报如下。"
    assert decode_file_bytes(simplified.encode("gbk")).encoding == "gb18030"


# ---------------------------------------------------------------- .docx limits

def test_docx_limits_refuse_before_parsing():
    data = many_paragraphs_docx(5000)
    with pytest.raises(LimitError, match="more than 1,000 paragraphs") as exc:
        read_docx(data, DocxLimits(max_paragraphs=1000))
    assert exc.value.status == 422
    with pytest.raises(LimitError, match="unpacks to") as exc:
        read_docx(data, DocxLimits(max_uncompressed=10_000))
    assert exc.value.status == 413
    with pytest.raises(LimitError, match="files"):
        read_docx(data, DocxLimits(max_members=3))
    with pytest.raises(LimitError, match="longer than"):
        read_docx(data, DocxLimits(max_seconds=0))
    assert read_docx(data).strip() == "测试错词"


def test_docx_without_document_xml_is_a_read_error():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", "x")
    with pytest.raises(ReadError, match="no word/document.xml"):
        read_docx(buf.getvalue())


# ---------------------------------------------------------------- server

@pytest.fixture(scope="module")
def client():
    return TestClient(create_app(linter=planted_linter(), max_bytes=1024 * 1024,
                                 docx_limits=DocxLimits(max_paragraphs=1000, max_uncompressed=2 * 1024 * 1024)),
                      raise_server_exceptions=False)


@pytest.mark.parametrize("ctype, body", [
    ("text/plain", '{"content": "x"}'),
    ("application/x-www-form-urlencoded", "content=x"),
    ("multipart/form-data; boundary=b", '--b\r\nContent-Disposition: form-data; name="content"\r\n\r\nx\r\n--b--\r\n'),
    (None, '{"content": "x"}'),
])
def test_check_requires_application_json(client, ctype, body):
    headers = {"content-type": ctype} if ctype else {}
    r = client.post("/api/v1/check", content=body.encode(), headers=headers)
    assert r.status_code == 415 and "application/json" in r.json()["error"]
    ok = client.post("/api/v1/check", content=b'{"content": "x"}', headers={"content-type": "application/json; charset=utf-8"})
    assert ok.status_code == 200


def test_check_with_a_lone_surrogate_is_a_json_422(client):
    r = client.post("/api/v1/check", content=b'{"content": "bad \\ud800 text"}', headers={"content-type": "application/json"})
    assert r.status_code == 422 and "surrogate" in r.json()["error"]


@pytest.mark.parametrize("data, status, words", [
    (b"PK\x03\x04 not really", 422, "not a valid .docx"),
    ("broken xml", 422, "broken XML"),
    ("many paragraphs", 422, "paragraphs"),
    ("huge", 413, "unpacks to"),
])
def test_bad_docx_upload_is_a_json_4xx(client, data, status, words):
    if data == "broken xml":
        data = broken_xml_docx()
    elif data == "many paragraphs":
        data = many_paragraphs_docx(5000)
    elif data == "huge":
        data = many_paragraphs_docx(400_000)  # 2.4 MB of XML, about 10 KB zipped
        assert len(data) < 100_000
    routes = ["/api/v1/check-file", "/api/v1/extract"]
    if status == 413 or words == "paragraphs":
        routes.append("/api/v1/annotate")
    for route in routes:
        r = client.post(route, files={"file": ("a.docx", data)})
        assert r.status_code == status, (route, r.text)
        assert words in r.json()["error"]


def test_audit_reports_a_broken_docx_and_audits_the_rest(tmp_path):
    from lint.audit.report import run_audit
    from test_audit import AS_OF, fake_linter

    (tmp_path / "bad.docx").write_bytes(b"not a zip")
    (tmp_path / "posts.jsonl").write_text(json.dumps({"id": "p1", "account": "甲发布", "platform": "微信",
                                                      "published": "2026-09-01", "content": "正文"},
                                                     ensure_ascii=False) + "\n", encoding="utf-8")
    report = run_audit([str(tmp_path)], as_of=AS_OF, linter=fake_linter())
    assert [e["path"].endswith("bad.docx") for e in report.errors] == [True]
    assert "not a valid .docx" in report.errors[0]["reason"]
    assert report.posts == 1


def test_upload_that_takes_too_long_to_read_is_a_json_422():
    slow = TestClient(create_app(linter=planted_linter(), docx_limits=DocxLimits(max_seconds=0)),
                      raise_server_exceptions=False)
    r = slow.post("/api/v1/check-file", files={"file": ("a.docx", docx_bytes())})
    assert r.status_code == 422 and "longer than" in r.json()["error"]
