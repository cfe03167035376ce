"""The JSON API and page routes of `zwlint serve`, driven with Starlette's ASGI test client.

The app gets a linter whose only rules are the planted test rules of serve_planted.py,
so the findings do not depend on the rule families."""
from __future__ import annotations

import asyncio
import io
import json

import httpx
import pytest
from jsonschema import Draft202012Validator
from starlette.testclient import TestClient
from typer.testing import CliRunner

from lint.cli import app as cli_app
from lint.model import Post
from lint.report import FileResult
from lint.report.json_report import as_dict
from lint.report.mask import mask_results
from lint.server.app import create_app
from lint.server.command import _is_loopback
from lint.text.readers import read_file
from serve_planted import planted_linter

POST = {
    "title": "关于按装新系统的通知",
    "content": "😀请各单位尽快按装新系统。\n咨询请联系13812345678，帐号由中华民国政府统一分配。",
}


@pytest.fixture(scope="module")
def linter():
    return planted_linter()


@pytest.fixture(scope="module")
def client(linter):
    return TestClient(create_app(linter=linter, max_bytes=64 * 1024))


def schema_validator(client, name: str) -> Draft202012Validator:
    doc = client.get("/api/v1/openapi.json").json()
    schema = dict(doc["components"]["schemas"][name])
    schema["components"] = doc["components"]  # so "#/components/schemas/..." refs resolve
    return Draft202012Validator(schema)


# ---------------------------------------------------------------- /api/v1/check

def test_check_returns_the_cli_json_contract_for_title_and_content(client, linter):
    r = client.post("/api/v1/check", json=POST)
    assert r.status_code == 200
    body = r.json()
    expected = as_dict(mask_results([FileResult(path="-", findings=linter.check_post(Post(content=POST["content"], title=POST["title"])))]))
    assert body == expected
    assert body["version"] == 1 and body["files"][0]["path"] == "-"
    found = {(f["field"], f["rule"], f["text"]) for f in body["files"][0]["findings"]}
    assert found == {
        ("title", "ZW298", "按装"),
        ("content", "ZW298", "按装"),
        ("content", "ZW598", "138****5678"),  # masked by default
        ("content", "ZW298", "帐号"),
        ("content", "ZW198", "中华民国政府"),
    }
    assert body["summary"]["by_category"] == {"privacy": 1, "serious": 1, "typo": 3}
    schema_validator(client, "CheckResponse").validate(body)


def test_check_offsets_are_code_points_of_the_field_text(client):
    body = client.post("/api/v1/check?show_personal_data=1", json=POST).json()
    for f in body["files"][0]["findings"]:
        text = POST[f["field"]]
        assert text[f["start"]:f["end"]] == f["text"]
    typo = next(f for f in body["files"][0]["findings"] if f["field"] == "content" and f["text"] == "按装")
    assert typo["start"] == 7  # the emoji counts as one code point (two UTF-16 units)
    assert typo["suggestions"] == ["安装"]


def test_check_without_title_still_names_the_content_field(client):
    body = client.post("/api/v1/check", json={"content": "帐号"}).json()
    (f,) = body["files"][0]["findings"]
    assert f["field"] == "content" and f["record"] is None


def test_check_echoes_the_id_as_record(client):
    body = client.post("/api/v1/check", json={"content": "帐号", "id": 42}).json()
    assert body["files"][0]["findings"][0]["record"] == "42"


def test_check_passes_the_publication_date_to_the_rules(client):
    without = client.post("/api/v1/check", json={"content": "今年的工作"}).json()
    assert without["files"][0]["findings"] == []
    dated = client.post("/api/v1/check", json={"content": "今年的工作", "published": "2024-05-01"}).json()
    assert dated["files"][0]["findings"][0]["message"] == "“今年”即2024年"


def test_check_clean_text_has_no_findings(client):
    body = client.post("/api/v1/check", json={"content": "各单位要认真落实安全生产责任制。"}).json()
    assert body["files"][0]["findings"] == [] and body["summary"]["findings"] == 0


@pytest.mark.parametrize("payload, needle", [
    (b"not json", "invalid JSON"),
    (b"[1, 2]", "JSON object"),
    (json.dumps({"title": "x"}).encode(), "content"),
    (json.dumps({"content": 5}).encode(), "content"),
    (json.dumps({"content": "x", "title": 3}).encode(), "title"),
    (json.dumps({"content": "x", "published": "2024-13-45"}).encode(), "published"),
    (json.dumps({"content": "x", "id": [1]}).encode(), "id"),
    ("{\"content\": \"帐号\"}".encode("gb18030"), "UTF-8"),
])
def test_check_rejects_malformed_requests_with_a_clear_400(client, payload, needle):
    r = client.post("/api/v1/check", content=payload, headers={"content-type": "application/json"})
    assert r.status_code == 400
    assert needle in r.json()["error"]


def test_request_over_the_size_limit_gets_413(client):
    r = client.post("/api/v1/check", json={"content": "帐号" * 20000})
    assert r.status_code == 413
    assert "过大" in r.json()["error"] and r.json()["limit"] == 64 * 1024


def test_streamed_request_without_length_over_the_limit_gets_413(client):
    def chunks():
        yield b'{"content": "'
        for _ in range(100):
            yield b"x" * 1024
        yield b'"}'

    r = client.post("/api/v1/check", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_request_just_under_the_limit_is_checked(client):
    r = client.post("/api/v1/check", json={"content": "帐" * 1000})
    assert r.status_code == 200


def test_concurrent_requests_do_not_interfere(linter):
    app = create_app(linter=linter)
    posts = [{"content": f"第{i}条：" + "帐号" * (i % 5 + 1) + ("中华民国政府" if i % 3 == 0 else "") + "今年" * (i % 2),
              "published": f"20{10 + i % 15}-01-01", "id": str(i)} for i in range(40)]

    async def run():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
            return await asyncio.gather(*(c.post("/api/v1/check", json=p) for p in posts))

    answers = asyncio.run(run())
    with TestClient(app) as c:
        for post, answer in zip(posts, answers):
            assert answer.status_code == 200
            assert answer.json() == c.post("/api/v1/check", json=post).json()
            assert {f["record"] for f in answer.json()["files"][0]["findings"]} == {post["id"]}


def test_api_and_cli_give_the_same_findings_with_the_default_rules(tmp_path, monkeypatch):
    post = {"id": "p1", "title": "关于按装新系统的通知", "content": POST["content"], "published": "2024-05-01"}
    monkeypatch.chdir(tmp_path)
    (tmp_path / "post.jsonl").write_text(json.dumps(post, ensure_ascii=False) + "\n", encoding="utf-8")
    cli = CliRunner().invoke(cli_app, ["check", "post.jsonl", "--format", "json", "--fail-on", "never"])
    assert cli.exit_code == 0, cli.output
    with TestClient(create_app()) as c:
        api = c.post("/api/v1/check", json=post).json()
    assert api["files"][0]["findings"] == json.loads(cli.stdout)["files"][0]["findings"]


# ---------------------------------------------------------------- uploads

def test_extract_reads_a_docx_upload_in_memory(client):
    import docx

    d = docx.Document()
    d.add_paragraph("关于按装新系统的通知")
    d.add_paragraph("帐号统一分配。")
    buf = io.BytesIO()
    d.save(buf)
    r = client.post("/api/v1/extract", files={"file": ("通知.docx", buf.getvalue())})
    assert r.status_code == 200
    assert r.json() == {"filename": "通知.docx", "kind": "docx", "content": "关于按装新系统的通知\n帐号统一分配。"}


def test_extract_gives_the_visible_text_of_html_without_scripts(client):
    page = "<html><head><script>alert(1)</script></head><body><p>帐号&amp;密码</p></body></html>"
    r = client.post("/api/v1/extract", files={"file": ("post.html", page.encode())})
    assert r.json()["kind"] == "html"
    assert r.json()["content"] == "帐号&密码"


def test_extract_decodes_gb18030_text(client):
    r = client.post("/api/v1/extract", files={"file": ("post.txt", "请按装新系统".encode("gb18030"))})
    assert r.json()["content"] == "请按装新系统"


def test_upload_file_name_is_only_used_for_its_extension(client):
    r = client.post("/api/v1/extract", files={"file": ("../../../etc/passwd.txt", "帐号".encode())})
    assert r.status_code == 200
    assert r.json() == {"filename": "passwd.txt", "kind": "text", "content": "帐号"}


@pytest.mark.parametrize("name, data, status", [
    ("virus.exe", b"MZ\x00\x00", 415),
    ("noext", b"abc", 415),
    ("empty.txt", b"  \n", 400),
    ("bad.docx", b"this is not a zip", 422),
    ("binary.txt", b"\x00\x01\x02" * 100, 422),
])
def test_bad_uploads_are_refused_with_a_reason(client, name, data, status):
    r = client.post("/api/v1/extract", files={"file": (name, data)})
    assert r.status_code == status
    assert r.json()["error"]


def test_upload_requires_multipart(client):
    r = client.post("/api/v1/extract", json={"file": "x"})
    assert r.status_code == 415


def test_upload_over_the_size_limit_gets_413(client):
    r = client.post("/api/v1/extract", files={"file": ("big.txt", "帐号".encode() * 20000)})
    assert r.status_code == 413


def test_check_file_matches_the_cli_reading_of_the_same_html_file(client, linter, tmp_path):
    page = "<html><body><h1>关于按装新系统</h1><p>联系13812345678 &nbsp;帐号</p></body></html>"
    path = tmp_path / "post.html"
    path.write_text(page, encoding="utf-8")
    src, errors = read_file(path)
    assert not errors
    expected = as_dict([FileResult(path="post.html", findings=[f for p in src.posts for f in linter.check_post(p)])])
    r = client.post("/api/v1/check-file?show_personal_data=1", files={"file": ("post.html", page.encode())})
    assert r.status_code == 200
    assert r.json() == expected
    for f in r.json()["files"][0]["findings"]:  # offsets point into the page source, as in the CLI
        assert page[f["start"]:f["end"]] == f["text"]


def test_check_file_checks_every_record_of_a_jsonl_upload(client):
    data = "\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"id": "a", "content": "帐号"}, {"id": "b", "title": "按装", "content": "正常"}, {"id": "c"},
    ])
    r = client.post("/api/v1/check-file", files={"file": ("posts.jsonl", data.encode())})
    body = r.json()
    assert [(f["record"], f["field"]) for f in body["files"][0]["findings"]] == [("a", "content"), ("b", "title")]
    assert body["errors"] == ["posts.jsonl (record c): line 3: missing field 'content'"]


def test_check_file_uses_the_published_form_field(client):
    r = client.post("/api/v1/check-file", files={"file": ("a.txt", "今年".encode())}, data={"published": "2023-02-01"})
    assert r.json()["files"][0]["findings"][0]["message"] == "“今年”即2023年"


# ---------------------------------------------------------------- rules, OpenAPI, page

def test_rules_lists_the_rules_this_server_runs_with_their_docs(client):
    body = client.get("/api/v1/rules").json()
    assert [r["code"] for r in body["rules"]] == ["ZW198", "ZW298", "ZW598", "ZW798"]
    typo = body["rules"][1]
    assert typo["fix_safe"] is True and typo["category_label"] == "疑似错别字" and "账号" in typo["doc"]
    assert body["categories"]["serious"] == "严重表述错误"
    schema_validator(client, "RulesResponse").validate(body)


def test_openapi_document_describes_the_api(client):
    doc = client.get("/api/v1/openapi.json").json()
    assert doc["openapi"].startswith("3.1")
    assert {"/api/v1/check", "/api/v1/rules", "/api/v1/check-file", "/api/v1/extract"} <= set(doc["paths"])
    assert "413" in doc["paths"]["/api/v1/check"]["post"]["responses"]
    Draft202012Validator.check_schema(doc["components"]["schemas"]["Finding"])


def test_page_and_its_assets_are_served_with_a_strict_content_security_policy(client):
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert 'src="/static/app.js"' in page.text
    assert client.get("/static/app.js").headers["content-type"].startswith("text/javascript")
    assert client.get("/static/app.css").status_code == 200


@pytest.mark.parametrize("path", ["/static/../../pyproject.toml", "/static/%2e%2e/app.py", "/etc/passwd",
                                  "/static/index.html/../../app.py", "/lint/server/app.py"])
def test_requests_cannot_reach_the_file_system(client, path):
    assert client.get(path).status_code == 404


def test_foreign_host_header_is_refused_when_hosts_are_restricted(linter):
    c = TestClient(create_app(linter=linter, allowed_hosts=["127.0.0.1", "localhost"]), base_url="http://127.0.0.1")
    assert c.get("/api/v1/health").status_code == 200
    assert c.get("/api/v1/health", headers={"host": "evil.example"}).status_code == 400


# ---------------------------------------------------------------- the command

def test_serve_command_is_registered_with_a_localhost_default():
    r = CliRunner().invoke(cli_app, ["serve", "--help"])
    assert r.exit_code == 0 and "127.0.0.1" in r.output and "--port" in r.output


def test_serve_refuses_a_missing_config_file(tmp_path):
    r = CliRunner().invoke(cli_app, ["serve", "--config", str(tmp_path / "nope.toml")])
    assert r.exit_code == 2


@pytest.mark.parametrize("host, loopback", [("127.0.0.1", True), ("localhost", True), ("::1", True),
                                            ("0.0.0.0", False), ("192.168.1.5", False)])
def test_loopback_detection(host, loopback):
    assert _is_loopback(host) is loopback


def test_fix_safe_annotation_is_only_added_on_request(client):
    plain = client.post("/api/v1/check", json=POST).json()
    assert "fix_safe" not in plain
    annotated = client.post("/api/v1/check?fix_safe=true", json=POST).json()
    flags = {(f["field"], f["text"]): safe for f, safe in zip(annotated["files"][0]["findings"], annotated["fix_safe"])}
    assert flags == {("title", "按装"): True, ("content", "按装"): True, ("content", "帐号"): True,
                     ("content", "中华民国政府"): False, ("content", "138****5678"): False}
    annotated.pop("fix_safe")
    assert annotated == plain


def test_zwlint_serve_starts_a_server_on_localhost_that_refuses_foreign_hosts(tmp_path):
    import os
    import socket
    import subprocess
    import sys
    import time
    from pathlib import Path

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    root = Path(__file__).resolve().parent.parent
    env = dict(os.environ, PYTHONPATH=str(root) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.Popen([sys.executable, "-m", "lint.cli", "serve", "--port", str(port)], cwd=tmp_path, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                r = httpx.get(url + "/api/v1/health", timeout=2)
                break
            except httpx.TransportError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"zwlint serve did not start: {proc.stderr.read().decode()}")
                time.sleep(0.2)
        assert r.json()["status"] == "ok"
        assert httpx.get(url + "/", timeout=5).status_code == 200
        assert httpx.get(url + "/api/v1/health", headers={"host": "evil.example"}, timeout=5).status_code == 400
        ok = httpx.post(url + "/api/v1/check", json={"content": "正常的内容。"}, timeout=30)
        assert ok.status_code == 200 and ok.json()["version"] == 1
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_large_upload_is_parsed_in_memory_without_a_temporary_file(linter, monkeypatch):
    import tempfile

    import starlette.formparsers

    class NoDisk(tempfile.SpooledTemporaryFile):
        def rollover(self):
            raise AssertionError("upload spilled to a temporary file")

    monkeypatch.setattr(starlette.formparsers, "SpooledTemporaryFile", NoDisk)
    big = ("请尽快按装。" * 150000).encode()  # 2.7 MB, over Starlette's 1 MB spool default
    c = TestClient(create_app(linter=linter, max_bytes=4 * 1024 * 1024), raise_server_exceptions=True)
    r = c.post("/api/v1/extract", files={"file": ("big.txt", big)})
    assert r.status_code == 200 and len(r.json()["content"]) == 6 * 150000


def test_malformed_multipart_body_gets_400(client):
    r = client.post("/api/v1/extract", content=b"--xyz\r\nnonsense", headers={"content-type": "multipart/form-data; boundary=xyz"})
    assert r.status_code == 400 and r.json()["error"]
