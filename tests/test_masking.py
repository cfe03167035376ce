"""Reports never repeat the personal data they flag, unless asked to (--show-personal-data)."""
from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from lint.cli import app
from lint.report.mask import mask_text

ID = "440304199003072136"  # a made-up number with a valid GB 11643 check digit
PHONE = "13907554321"
POST = f"经核实，当事人身份证号{ID}，联系电话{PHONE}，已依法处理。"


def test_mask_text_keeps_length_and_the_ends():
    masked = mask_text(f"号码{ID}和{PHONE}")
    assert masked == "号码4403**********2136和139****4321"
    assert len(masked) == len(f"号码{ID}和{PHONE}")


@pytest.mark.parametrize("fmt, quotes_text", [("text", True), ("json", True), ("sarif", True), ("github", False)])
def test_check_masks_personal_data_in_every_format(tmp_path, fmt, quotes_text):
    f = tmp_path / "p.txt"
    f.write_text(POST + "\n", encoding="utf-8")
    masked = CliRunner().invoke(app, ["check", str(f), "--select", "privacy", "--format", fmt])
    assert "ZW501" in masked.stdout and "ZW502" in masked.stdout
    assert ID not in masked.stdout and PHONE not in masked.stdout
    shown = CliRunner().invoke(app, ["check", str(f), "--select", "privacy", "--format", fmt, "--show-personal-data"])
    if quotes_text:  # github annotations carry only the message, which gives the masked form
        assert "4403**********2136" in masked.stdout
        assert ID in shown.stdout


def test_check_masks_records_and_their_quoted_lines(tmp_path):
    f = tmp_path / "p.jsonl"
    f.write_text(json.dumps({"id": "r1", "title": f"电话{PHONE}", "content": POST}, ensure_ascii=False) + "\n",
                 encoding="utf-8")
    out = CliRunner().invoke(app, ["check", str(f), "--select", "privacy"]).stdout
    assert "ZW502" in out and PHONE not in out and ID not in out


def test_audit_reports_mask_personal_data(tmp_path):
    src = tmp_path / "posts.jsonl"
    src.write_text(json.dumps({"id": "p1", "account": "甲发布", "platform": "微信", "published": "2026-09-01",
                               "title": f"联系{PHONE}", "content": POST}, ensure_ascii=False) + "\n",
                   encoding="utf-8")

    def run(out, *extra):
        result = CliRunner().invoke(app, ["audit", str(src), "--as-of", "2026-09-30", "--out", str(out),
                                          "--jobs", "1", "--select", "privacy", *extra])
        assert result.exit_code in (0, 1), result.output
        xlsx = load_workbook(out / "report.xlsx", read_only=True)
        cells = " ".join(str(c) for ws in xlsx.worksheets for row in ws.iter_rows(values_only=True) for c in row)
        return {"html": (out / "report.html").read_text(encoding="utf-8"),
                "json": (out / "report.json").read_text(encoding="utf-8"), "xlsx": cells}

    masked = run(tmp_path / "masked")
    for fmt, body in masked.items():
        assert "4403**********2136" in body, fmt  # the finding is there
        assert ID not in body and PHONE not in body, fmt
    shown = run(tmp_path / "shown", "--show-personal-data")
    for fmt, body in shown.items():
        assert ID in body, fmt
