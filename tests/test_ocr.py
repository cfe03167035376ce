"""Text in images (lint/ocr): tiles, placing findings on images, and end to end through
`zwlint check` on posters, long images, .docx, .md, records and scanned PDFs rendered with the
Noto CJK fonts. The end-to-end tests need the extra zwlint[ocr] and fonts-noto-cjk."""
from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lint.cli import app
from lint.engine import Linter
from lint.model import Post
from lint.ocr import available
from lint.ocr.text import LOW_CONFIDENCE, ImageText, OcrLine, describe
from lint.ocr.tiles import MIN_OVERLAP, owns, plan_tiles
from ocr_images import docx_with_picture, fonts_available, render
from test_serve_page import base_url, browser, marks, page  # noqa: F401 (the browser fixtures)

runner = CliRunner()
needs_ocr = pytest.mark.skipif(not (available() and fonts_available()),
                               reason="needs zwlint[ocr] and fonts-noto-cjk")
FIELDS = {"rule", "name", "category", "severity", "message", "start", "end", "line", "column", "text",
          "suggestions", "record", "field"}


# ---------------------------------------------------------------- without the OCR models

def test_a_poster_is_one_tile_and_a_long_image_overlapping_tiles_that_each_line_belongs_to_once():
    assert len(plan_tiles(1080, 1500)) == 1
    tiles = plan_tiles(750, 5600)
    assert tiles[0].top == 0 and tiles[-1].bottom == 5600
    for a, b in zip(tiles, tiles[1:]):
        assert a.bottom - b.top >= MIN_OVERLAP  # overlap
        assert a.keep_to == b.keep_from and b.top < a.keep_to < a.bottom  # bands meet inside the overlap
    for y in range(0, 5600 - 60, 7):  # any 60 px line is kept by exactly one tile
        assert sum(owns(t, y, y + 60) for t in tiles) == 1


def _line(text, box, confs=None):
    x0, y0, x1, y1 = box
    step = (x1 - x0) / len(text)
    return OcrLine(text, box, 0.99, confs or [0.99] * len(text),
                   [(x0 + i * step, x0 + (i + 1) * step) for i in range(len(text))])


def test_a_span_of_recognised_text_maps_to_the_pixel_box_of_its_characters():
    found = ImageText({"path": "p.png"}, [_line("标题", (10, 10, 110, 60)), _line("习近乎总书记", (20, 100, 320, 130))],
                      400, 600)
    assert found.text == "标题\n习近乎总书记"
    start = found.text.index("习近乎")
    assert found.box(start, start + 3) == [20, 100, 170, 130]
    assert found.box(0, len(found.text)) == [10, 10, 320, 130]  # across lines: the union


def test_typos_on_low_confidence_characters_are_not_reported_but_other_findings_are():
    confs = [0.99, LOW_CONFIDENCE - 0.1, 0.99, 0.99]
    found = ImageText({"field": "images", "index": 0, "path": "a.png"},
                      [_line("再接再励", (0, 0, 200, 50), confs)], 200, 50)
    sure = ImageText({"field": "images", "index": 0, "path": "a.png"}, [_line("再接再励", (0, 0, 200, 50))], 200, 50)
    linter = Linter()
    assert not [f for f in linter.check_post(Post(content=found.text, id="1", image=found)) if f.category == "typo"]
    placed = [f for f in linter.check_post(Post(content=sure.text, id="1", image=sure)) if f.rule == "ZW201"]
    assert placed and placed[0].field == "images" and placed[0].image["index"] == 0
    assert placed[0].image["box"] == [0, 0, 200, 50] and not placed[0].fix_safe


def test_punctuation_findings_are_not_made_on_recognised_text():
    text = "他指出：“要坚持以人民为中心。"
    found = ImageText({"path": "p.png"}, [_line(text, (0, 0, 600, 40))], 600, 40)
    linter = Linter()
    assert "ZW802" in {f.rule for f in linter.check_post(Post(content=text))}
    assert "ZW802" not in {f.rule for f in linter.check_post(Post(content=found.text, image=found))}


def test_the_text_report_names_the_image_and_the_box():
    assert describe({"field": "images", "index": 1, "path": "b.png", "box": [1, 2, 3, 4]}, "x.jsonl") \
        == "图片 images[1] b.png 像素框 1,2,3,4"
    assert describe({"page": 3, "box": [1, 2, 3, 4]}, "scan.pdf") == "第3页 像素框 1,2,3,4"


def test_without_the_extra_an_image_named_as_input_is_a_one_line_error(tmp_path, monkeypatch):
    import lint.ocr
    import lint.ocr.inputs

    monkeypatch.setattr(lint.ocr.inputs, "available", lambda: False)
    monkeypatch.setattr(lint.ocr, "available", lambda: False)
    (tmp_path / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    result = runner.invoke(app, ["check", str(tmp_path / "a.png")])
    assert result.exit_code == 2
    assert "zwlint[ocr]" in result.output


# ---------------------------------------------------------------- end to end

POSTER_LINES = ["习近乎总书记强调，要坚持以人民为中心的发展思想。", "报名咨询电话：13912345678，联系人王先生。",
                "活动时间：2024年2月30日上午九时。", "各部门要认真落实，确保取得实效。"]


@pytest.fixture(scope="module")
def poster():
    return render("深入学习贯彻党的二十大精神", POSTER_LINES, width=750, palette=0, style="gradient")


def _check(*args):
    result = runner.invoke(app, ["check", "--format", "json", "--published", "2024-05-01", *map(str, args)])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def _overlaps(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@needs_ocr
def test_a_poster_is_checked_like_text_and_findings_carry_the_image_and_box(tmp_path, poster):
    path = tmp_path / "poster.png"
    poster.image.save(path)
    out = _check(path)
    findings = out["files"][0]["findings"]
    by_rule = {f["rule"]: f for f in findings}
    assert {"ZW101", "ZW502", "ZW701"} <= set(by_rule)
    leader = by_rule["ZW101"]
    assert set(leader) == FIELDS | {"image"} and leader["text"] == "习近乎"
    assert leader["image"]["path"] == str(path)
    drawn = next(box for line, box in zip(poster.lines, poster.boxes) if line.startswith("习近乎"))
    x0, y0, x1, y1 = leader["image"]["box"]
    assert _overlaps((x0, y0, x1, y1), drawn) and x1 - x0 < (drawn[2] - drawn[0]) / 3  # the name, not the line


@needs_ocr
@pytest.mark.parametrize("fmt", ["jpeg", "webp", "bmp", "gif"])
def test_other_image_formats_are_read(tmp_path, poster, fmt):
    path = tmp_path / f"poster.{'jpg' if fmt == 'jpeg' else fmt}"
    poster.image.save(path, format=fmt.upper(), **({"quality": 85} if fmt in ("jpeg", "webp") else {}))
    assert "ZW101" in {f["rule"] for f in _check(path)["files"][0]["findings"]}


@needs_ocr
def test_a_line_cut_by_a_tile_edge_is_read_once_and_whole(tmp_path):
    body = [f"第{i}段：各部门要认真落实，确保取得实效。" for i in range(1, 21)]
    body[8] = "报名咨询电话：13912345678，联系人王先生。"
    long_image = render("一图读懂", body, width=750, body_size=26, min_height=3400)
    edge = plan_tiles(750, 2000)[0].bottom
    i = long_image.lines.index(body[8])
    box = long_image.boxes[i]
    shift = (box[1] + box[3]) // 2 - edge  # crop the top so that this line is cut in half by the edge
    assert shift >= 0
    image = long_image.image.crop((0, shift, 750, shift + 2000))
    assert plan_tiles(750, 2000)[0].bottom == edge and len(plan_tiles(750, 2000)) == 2
    from lint.ocr.inputs import image_text

    got = image_text(image, {"path": "long.png"})
    lines = got.text.split("\n")
    assert lines.count(body[8]) == 1, lines
    assert len(lines) == len(set(lines)), lines  # lines inside the overlap were read twice: kept once
    assert sum(1 for line in lines if "13912345678" in line) == 1
    assert all(line.startswith("第") or line in ("一图读懂", body[8]) for line in lines[1:]), lines


@needs_ocr
def test_a_wide_banner_is_read_line_by_line_and_whole():
    from lint.ocr.inputs import image_text
    from ocr_images import banner

    lines = [("深入学习贯彻党的二十大精神，习近乎总书记强调要坚持以人民为中心的发展思想，咨询电话13912345678", 64),
             ("主办单位：市委宣传部、市文明办；承办单位：市融媒体中心；活动时间：2024年5月20日至6月30日", 30)]
    wide = banner(lines, width=3600, height=260)
    got = image_text(wide.image, {"path": "banner.png"})
    assert got.text.split("\n") == [text for text, _ in lines]
    findings = Linter().check_post(Post(content=got.text, path="banner.png", image=got))
    leader = next(f for f in findings if f.rule == "ZW101")
    x0, y0, x1, y1 = leader.image["box"]
    assert _overlaps((x0, y0, x1, y1), wide.boxes[0]) and x1 - x0 < 400  # the name, not the whole line


@needs_ocr
def test_images_inside_docx_md_records_and_scanned_pdf_pages_are_checked(tmp_path, poster):
    png = tmp_path / "poster.png"
    poster.image.save(png)
    docx_with_picture(png, tmp_path / "post.docx")
    (tmp_path / "post.md").write_text("正文。\n\n![海报](poster.png)\n\n![远程](https://example.org/a.png)\n",
                                      encoding="utf-8")
    (tmp_path / "posts.jsonl").write_text(json.dumps({"id": "7", "content": "正文。", "images": ["poster.png"]},
                                                     ensure_ascii=False) + "\n", encoding="utf-8")
    (tmp_path / "page.html").write_text('<p>正文。</p><img alt="海报" src="poster.png">', encoding="utf-8")
    (tmp_path / "posts.csv").write_text("id,content,images\n9,正文。,poster.png\n", encoding="utf-8")
    poster.image.save(tmp_path / "scan.pdf")  # a page that is only a picture: no text layer
    out = _check(tmp_path / "post.docx", tmp_path / "post.md", tmp_path / "posts.jsonl", tmp_path / "scan.pdf",
                 tmp_path / "page.html", tmp_path / "posts.csv")
    images = {Path(f["path"]).name: [x["image"] for x in f["findings"] if x["rule"] == "ZW101"] for f in out["files"]}
    assert images["post.docx"][0]["media"].startswith("word/media/image1")
    assert images["post.md"][0]["path"] == "poster.png"
    assert images["posts.jsonl"][0] == {**images["posts.jsonl"][0], "field": "images", "index": 0, "path": "poster.png"}
    record = [f for f in out["files"][2]["findings"] if f["rule"] == "ZW101"][0]
    assert record["record"] == "7" and record["field"] == "images"
    assert images["scan.pdf"][0]["page"] == 1
    assert images["page.html"][0]["path"] == "poster.png"
    assert images["posts.csv"][0]["field"] == "images" and images["posts.csv"][0]["path"] == "poster.png"


@needs_ocr
def test_a_missing_referenced_image_is_a_one_line_error_and_the_page_is_still_checked(tmp_path):
    (tmp_path / "post.md").write_text("习近乎总书记。\n\n![海报](gone.png)\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(tmp_path / "post.md")])
    assert result.exit_code == 2
    assert "gone.png not found" in result.output and "ZW101" in result.output


@needs_ocr
def test_sarif_and_text_reports_say_where_in_the_image(tmp_path, poster):
    path = tmp_path / "poster.png"
    poster.image.save(path)
    sarif = json.loads(runner.invoke(app, ["check", "--format", "sarif", str(path)]).stdout)
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in sarif["runs"][0]["results"]]
    assert all(len(r["properties"]["image"]["box"]) == 4 for r in regions)
    text = runner.invoke(app, ["check", "--no-color", str(path)]).stdout
    assert "（图片 像素框 " in text and "习近乎总书记强调" in text


@needs_ocr
def test_the_web_api_checks_an_uploaded_image_and_answers_with_boxes_and_the_recognised_text(poster):
    from jsonschema import Draft202012Validator
    from starlette.testclient import TestClient

    from lint.server.app import create_app

    client = TestClient(create_app(max_bytes=5 * 1024 * 1024))
    buf = io.BytesIO()
    poster.image.save(buf, format="PNG")
    r = client.post("/api/v1/check-file", files={"file": ("poster.png", buf.getvalue())}, data={"published": "2024-05-01"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["image"]["width"] == poster.image.width and "习近乎" in body["image"]["text"]
    leader = next(f for f in body["files"][0]["findings"] if f["rule"] == "ZW101")
    assert body["image"]["text"][leader["start"]:leader["end"]] == "习近乎" and len(leader["image"]["box"]) == 4
    doc = client.get("/api/v1/openapi.json").json()
    schema = dict(doc["components"]["schemas"]["CheckResponse"], components=doc["components"])
    Draft202012Validator(schema).validate(body)
    bad = client.post("/api/v1/check-file", files={"file": ("broken.png", b"not an image")})
    assert bad.status_code == 422 and "无法读取图片" in bad.json()["error"]


@needs_ocr
def test_the_page_shows_an_uploaded_image_with_the_finding_boxes_drawn_over_the_words(page, tmp_path):
    poster_image = render("通知", ["请各单位尽快按装新系统，管理员联系13812345678。"], width=750, palette=1)
    path = tmp_path / "poster.png"
    poster_image.image.save(path)
    page.set_input_files("#file", str(path))
    page.wait_for_selector(".image-box", timeout=60_000)
    assert [m for m in marks(page, "#out-content mark.hl")] == [("ZW298", "按装"), ("ZW598", "13812345678")]
    img = page.locator(".image-wrap img").bounding_box()
    box = page.locator(".image-box[aria-label^='按装']").bounding_box()
    scale = img["width"] / poster_image.image.width
    drawn = poster_image.boxes[1]  # the body line (its first part)
    assert img["x"] + drawn[0] * scale <= box["x"] + 2 and box["x"] + box["width"] <= img["x"] + drawn[2] * scale + 2
    assert abs((box["y"] - img["y"]) / scale - drawn[1]) < 15
    page.locator(".image-box[aria-label^='按装']").click()
    assert "按装" in page.inner_text("#detail")
