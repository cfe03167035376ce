"""--fix changes only the bytes of the fixed spans; records are found by position."""
import json
import os
import stat
import tempfile

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from typer.testing import CliRunner

from lint.cli import app
from lint.fix import FixError, plan_fix, write_atomically
from lint.model import Finding
from lint.text.readers import decode_file_bytes, read_file

runner = CliRunner()


def fix_finding(field, start, end, new, text="x", record=None):
    return Finding(rule="ZW990", name="t", category="typo", severity="error", message="m", start=start,
                   end=end, line=1, column=start + 1, text=text, suggestions=[new], record=record, field=field,
                   fix_safe=True)


def fix_file(path, fixes):
    """Apply `fixes` {record position: [(field, start, end, new)]} through plan_fix, as check does."""
    src, errors = read_file(path)
    assert not errors, errors
    pairs = [(p, [fix_finding(*fx, record=p.id) for fx in fixes.get(p.record_index, [])]) for p in src.posts]
    planned = plan_fix(str(path), pairs)
    if planned is not None:
        write_atomically(str(path), planned.data)
    return planned


def test_records_with_the_same_id_are_fixed_by_position(tmp_path):
    f = tmp_path / "p.jsonl"
    f.write_text('{"id": "1", "content": "甲测试错词"}\n{"id": "1", "content": "测试错词乙"}\n', encoding="utf-8")
    fix_file(f, {2: [("content", 0, 4, "测试正词")]})
    assert f.read_text(encoding="utf-8") == '{"id": "1", "content": "甲测试错词"}\n{"id": "1", "content": "测试正词乙"}\n'


def test_jsonl_fix_keeps_numbers_escapes_duplicate_keys_and_crlf(tmp_path):
    f = tmp_path / "p.jsonl"
    raw = ('{"n": 2e5, "p": 1.50, "content": "x", "content": "\\u6d4b\\u8bd5\\u9519\\u8bcd\\u2028end"}\r\n'
           '{"id": 7, "content": "\\u2028测试错词", "t": [1.0, 2E-3]}\r\n')
    f.write_bytes(raw.encode("utf-8"))
    fix_file(f, {1: [("content", 2, 4, "正词")], 2: [("content", 1, 5, "测试正词")]})
    expected = ('{"n": 2e5, "p": 1.50, "content": "x", "content": "\\u6d4b\\u8bd5\\u6b63\\u8bcd\\u2028end"}\r\n'
                '{"id": 7, "content": "\\u2028测试正词", "t": [1.0, 2E-3]}\r\n')
    assert f.read_bytes() == expected.encode("utf-8")


def test_jsonl_u2028_and_u0085_inside_a_record_are_content(tmp_path):
    f = tmp_path / "p.jsonl"
    f.write_text('{"content": "前\u2028测试错词\u0085后"}\n{"content": "第二行"}\n', encoding="utf-8")
    src, errors = read_file(f)
    assert not errors and [p.record_index for p in src.posts] == [1, 2]
    fix_file(f, {1: [("content", 2, 6, "测试正词")]})
    assert f.read_text(encoding="utf-8") == '{"content": "前\u2028测试正词\u0085后"}\n{"content": "第二行"}\n'


def test_json_file_keeps_its_indentation_and_other_records(tmp_path):
    f = tmp_path / "p.json"
    raw = '{\n    "posts": [\n\t{"id":"a","content":"测试错词"},\n\t{"id":"a", "content" : "好\\/的"}\n    ],\n "n": 1e2\n}\n'
    f.write_text(raw, encoding="utf-8")
    fix_file(f, {1: [("content", 0, 4, "测试正词")]})
    assert f.read_text(encoding="utf-8") == raw.replace("测试错词", "测试正词")


@pytest.mark.parametrize("encoding, bom", [("gbk", b""), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
                                           ("utf-8", b"\xef\xbb\xbf")])
def test_csv_fix_keeps_encoding_bom_and_crlf_inside_quoted_cells(tmp_path, encoding, bom):
    f = tmp_path / "p.csv"
    text = 'id,content,note\r\n1,"第一行\r\n测试错词,""引""",x\r\n2,测试错词,"多\r\n行"\r\n'
    f.write_bytes(bom + text.encode(encoding))
    fix_file(f, {1: [("content", 5, 9, "测试正词")], 2: [("content", 0, 4, "测试正词")]})
    assert f.read_bytes() == bom + text.replace("测试错词", "测试正词").encode(encoding)


def test_csv_bare_cell_gets_quoted_only_when_the_fix_needs_it(tmp_path):
    f = tmp_path / "p.csv"
    f.write_text("id,content\n1,甲乙\n", encoding="utf-8")
    fix_file(f, {1: [("content", 0, 1, '"甲",')]})
    assert f.read_text(encoding="utf-8") == 'id,content\n1,"""甲"",乙"\n'


def test_csv_row_with_extra_cells_is_an_error_not_a_crash(project):
    f = project / "p.csv"
    f.write_text("id,content\n1,测试错词,多余\n2,测试错词\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(f), "--select", "ZW990", "--fix"])
    assert result.exit_code == 2
    assert "more cells than columns" in result.stderr
    assert f.read_text(encoding="utf-8") == "id,content\n1,测试错词,多余\n2,测试正词\n"


def test_fix_of_text_file_keeps_gbk_and_crlf(project):
    f = project / "a.txt"
    f.write_bytes("第一行\r\n测试错词\r\n".encode("gbk"))
    runner.invoke(app, ["check", str(f), "--select", "ZW990", "--fix"])
    assert f.read_bytes() == "第一行\r\n测试正词\r\n".encode("gbk")


def test_unwritable_file_is_one_line_error_and_the_run_goes_on(project, monkeypatch):
    locked = project / "locked"
    locked.mkdir()
    ro = locked / "ro.txt"
    ro.write_text("测试错词\n", encoding="utf-8")
    ok = project / "ok.txt"
    ok.write_text("测试错词\n", encoding="utf-8")
    real_mkstemp = tempfile.mkstemp

    def mkstemp(*args, dir=None, **kw):  # a folder the user may not write in (root may write anywhere)
        if dir is not None and os.path.samefile(dir, locked):
            raise PermissionError(13, "Permission denied")
        return real_mkstemp(*args, dir=dir, **kw)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    result = runner.invoke(app, ["check", str(ro), str(ok), "--select", "ZW990", "--fix"])
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    assert result.exit_code == 2
    [line] = [ln for ln in result.stderr.splitlines() if str(ro) in ln]
    assert "Permission denied" in line and "Traceback" not in result.output
    assert ok.read_text(encoding="utf-8") == "测试正词\n"
    assert ro.read_text(encoding="utf-8") == "测试错词\n"


def test_read_only_file_is_not_written(tmp_path):
    f = tmp_path / "ro.txt"
    f.write_text("测试错词\n", encoding="utf-8")
    f.chmod(stat.S_IRUSR)
    if os.access(f, os.W_OK):
        pytest.skip("running as a user who can write read-only files")
    with pytest.raises(FixError, match="read-only"):
        write_atomically(str(f), b"x")


def test_failed_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    f = tmp_path / "a.txt"
    f.write_text("测试错词\n" * 3000, encoding="utf-8")

    def disk_full(fd, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", lambda fd: disk_full(fd, None))
    with pytest.raises(FixError, match="No space left"):
        write_atomically(str(f), b"short")
    assert f.read_text(encoding="utf-8") == "测试错词\n" * 3000
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


# ---------------------------------------------------------------- property

_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
_record = st.fixed_dictionaries({"content": _text}, optional={
    "id": st.one_of(st.integers(), st.text(max_size=3)), "title": _text,
    "n": st.one_of(st.integers(), st.floats(allow_nan=False, allow_infinity=False)),
})


@st.composite
def files_and_fixes(draw):
    records = draw(st.lists(_record, min_size=1, max_size=6))
    ensure_ascii = draw(st.booleans())
    sep = draw(st.sampled_from(["\n", "\r\n"]))
    lines = [json.dumps(r, ensure_ascii=ensure_ascii, separators=draw(st.sampled_from([(",", ":"), (", ", ": ")])))
             for r in records]
    fixes = {}
    for i, r in enumerate(records, 1):
        if r["content"] and draw(st.booleans()):
            a = draw(st.integers(0, len(r["content"])))
            b = draw(st.integers(a, len(r["content"])))
            fixes[i] = [("content", a, b, draw(_text))]
    return records, sep.join(lines) + sep, fixes


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=files_and_fixes(), encoding=st.sampled_from(["utf-8", "gb18030", "utf-16-le"]))
def test_property_every_untouched_byte_is_unchanged(tmp_path, case, encoding):
    from lint.text.records import iter_jsonl, string_spans

    records, text, fixes = case
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return
    data = (b"\xff\xfe" if encoding == "utf-16-le" else b"") + data
    f = tmp_path / "p.jsonl"
    f.write_bytes(data)
    fix_file(f, fixes)
    new = f.read_bytes()
    # the records read back are the old ones with the fixes applied
    after, errors = read_file(f)
    assert not errors
    for post, rec in zip(after.posts, records):
        want = rec["content"]
        for _, a, b, repl in fixes.get(post.record_index, []):
            want = want[:a] + repl + want[b:]
        assert post.content == want
    # every byte outside the fixed records' content literals is unchanged
    def outside(raw_text):
        pieces, last = [], 0
        for rec in iter_jsonl([raw_text]):
            if rec.index in fixes:
                s, e = string_spans(raw_text, rec)["content"]
                pieces.append(raw_text[last:s])
                last = e
        pieces.append(raw_text[last:])
        return pieces

    # the file is written back in the encoding it was read in (an ASCII file reads as UTF-8)
    read_as = decode_file_bytes(data)
    bom, enc = len(read_as.bom), read_as.encoding
    old_text, new_text = read_as.text, new[bom:].decode(enc)
    assert outside(old_text) == outside(new_text)
    assert new[:bom] == data[:bom]
    for old_piece, new_piece in zip(outside(old_text), outside(new_text)):
        assert old_piece.encode(enc) == new_piece.encode(enc)
