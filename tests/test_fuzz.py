"""Fuzzing: random bytes and random records through the readers, --fix and the API never give
a traceback: every problem is a ReadError / an InputError / a 4xx JSON answer."""
from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from starlette.testclient import TestClient

from lint.fix import FixError, plan_fix
from lint.server.app import create_app
from lint.text.readers import KNOWN_EXTS, ReadError, read_docx, read_file
from serve_planted import planted_linter

FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
EXTS = sorted(KNOWN_EXTS)

# bytes that look like the inputs: UTF-8/GBK/UTF-16 text, BOMs, JSON and CSV punctuation
_chunks = st.sampled_from([b"{", b"}", b"[", b"]", b'"', b",", b":", b"\n", b"\r\n", b"\r", b"\\u", b"\\ud800",
                           b"d800", b"content", b"\xef\xbb\xbf", b"\xff\xfe", b"\x00", b"\xe2\x80\xa8", b"\xc2\x85",
                           "测试".encode(), "测试".encode("gbk"), "測試".encode("big5"), b"PK\x03\x04", b"<p>", b"id"])
fuzz_bytes = st.one_of(st.binary(max_size=300), st.lists(st.one_of(_chunks, st.binary(max_size=4)), max_size=60).map(b"".join))

_json_scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
                         st.text(max_size=20))
_json_value = st.recursive(_json_scalar, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                                 st.dictionaries(st.text(max_size=5), inner, max_size=3)),
                           max_leaves=8)
_record = st.dictionaries(st.sampled_from(["id", "title", "content", "published", "account", "platform", "x"]),
                          _json_value, max_size=6)


def records_file(records, ext: str) -> bytes:
    if ext == ".json":
        return json.dumps(records, ensure_ascii=False).encode("utf-8", "surrogatepass")
    if ext == ".csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(["id", "content", "title"])
        for r in records:
            writer.writerow([str(r.get(k, "")) for k in ("id", "content", "title")])
        return buf.getvalue().encode("utf-8", "surrogatepass")
    return "\n".join(json.dumps(r, ensure_ascii=bool(i % 2)) for i, r in enumerate(records)).encode("utf-8", "surrogatepass")


def _read(tmp_path, data: bytes, ext: str):
    path = tmp_path / f"f{ext}"
    path.write_bytes(data)
    src, errors = read_file(path)  # must not raise
    assert all(str(e).startswith(str(path)) for e in errors)
    return path, src


@FUZZ
@given(data=fuzz_bytes, ext=st.sampled_from(EXTS))
def test_random_bytes_through_the_readers(tmp_path, data, ext):
    _read(tmp_path, data, ext)


@FUZZ
@given(records=st.lists(_record, max_size=5), ext=st.sampled_from([".jsonl", ".json", ".csv"]))
def test_random_records_through_the_readers_and_fix(tmp_path, records, ext):
    path, src = _read(tmp_path, records_file(records, ext), ext)
    if src is None:
        return
    from lint.model import Finding

    pairs = []
    for p in src.posts:
        n = len(p.content)
        pairs.append((p, [Finding("ZW990", "t", "typo", "error", "m", n // 2, n, 1, 1, p.content[n // 2:],
                                  ["改"], record=p.id, field="content", fix_safe=True)]))
    try:
        plan_fix(str(path), pairs)
    except FixError:
        pass


@FUZZ
@given(data=fuzz_bytes)
def test_random_bytes_as_docx(data):
    try:
        read_docx(data)
    except ReadError:
        pass


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app(linter=planted_linter(), max_bytes=64 * 1024), raise_server_exceptions=False)


@FUZZ
@given(body=st.one_of(fuzz_bytes, _record.map(lambda r: json.dumps(r).encode())))
def test_random_bodies_to_check_are_never_a_500(client, body):
    r = client.post("/api/v1/check", content=body, headers={"content-type": "application/json"})
    assert r.status_code in (200, 400, 413, 415, 422), r.text
    r.json()


@FUZZ
@given(data=fuzz_bytes, ext=st.sampled_from(EXTS + [".exe", ""]))
def test_random_uploads_are_never_a_500(client, data, ext):
    for route in ("/api/v1/check-file", "/api/v1/extract"):
        r = client.post(route, files={"file": (f"up{ext}", data)})
        assert r.status_code in (200, 400, 413, 415, 422), r.text
        r.json()
