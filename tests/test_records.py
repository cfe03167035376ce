"""The one records reader: check and audit read the same records at the same positions."""
from __future__ import annotations

import csv
import io

from hypothesis import given, settings, strategies as st

from lint.audit.inputs import iter_posts, scan_inputs
from lint.text.readers import InputError, read_file
from lint.text.records import iter_csv, iter_jsonl


def test_jsonl_is_split_on_newline_only():
    text = '{"content": "a\u2028b\u0085c",\r"n": 1}\r\n\n{"content": "第二"}\n{bad\n'
    recs = list(iter_jsonl([text[:7], text[7:20], text[20:]]))  # pieces cut anywhere
    assert [(r.index, r.line) for r in recs] == [(1, 1), (3, 3), (4, 4)]
    assert recs[0].value == {"content": "a\u2028b\u0085c", "n": 1}  # a lone \r is whitespace
    assert recs[2].error.startswith("line 4: invalid JSON")


def test_check_and_audit_read_the_same_records(tmp_path):
    f = tmp_path / "p.jsonl"
    f.write_text('{"id": "a", "content": "甲\u2028乙"}\n'
                 '{"content": "无id\u0085"}\r\n'
                 '{"id": "c"}\n'
                 'not json\n'
                 '{"id": "e", "content": "\\ud800"}\n'
                 '{"id": "f", "content": "末"}', encoding="utf-8")
    src, errors = read_file(f)
    scans, missing, _ = scan_inputs([str(f)])
    items = list(iter_posts(scans))
    audit_posts = [i.post for i in items if not isinstance(i, InputError)]
    audit_errors = [i for i in items if isinstance(i, InputError)]
    assert [(p.id, p.record_index, p.content) for p in src.posts] == \
           [(p.id, p.record_index, p.content) for p in audit_posts] == \
           [("a", 1, "甲\u2028乙"), ("#2", 2, "无id\u0085"), ("f", 6, "末")]
    assert [str(e) for e in errors] == [str(e) for e in audit_errors]
    assert [(e.record, e.reason.split(":")[0]) for e in errors] == [("c", "line 3"), ("#4", "line 4"), ("e", "line 5")]


_cell = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="\x00"), max_size=8)


@settings(max_examples=200, deadline=None)
@given(rows=st.lists(st.lists(_cell, min_size=3, max_size=3), max_size=6),
       terminator=st.sampled_from(["\n", "\r\n"]), quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
def test_csv_reads_like_the_csv_module(rows, terminator, quoting):
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator=terminator, quoting=quoting)
    writer.writerow(["id", "content", "title"])
    writer.writerows(rows)
    text = buf.getvalue()
    expected = list(csv.DictReader(io.StringIO(text, newline="")))
    got = [r.value for r in iter_csv([text])]
    assert got == expected
