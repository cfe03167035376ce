"""`zwlint audit` and the images records list in their `images` field: recognised (zwlint[ocr]),
findings kept with their image location through the store, the cropped region in report.html,
the location in report.json and .xlsx; without the extra or with --no-images the records are
still checked and the images not read are counted and said. Real OCR on a poster rendered with
the Noto CJK fonts (tests/ocr_images.py); a test-only rule stands in for the serious family."""
from __future__ import annotations

import base64
import io
import json
import re
import sqlite3
from datetime import date

import pytest
from typer.testing import CliRunner

from lint.audit import run_audit
from lint.audit.render_html import write_html
from lint.audit.render_json import write_json
from lint.audit.render_xlsx import write_xlsx
from lint.audit.store import Store
from lint.cli import app
from lint.ocr import available
from ocr_images import docx_with_picture, fonts_available, render
from test_audit import fake_linter

needs_ocr = pytest.mark.skipif(not (available() and fonts_available()),
                               reason="needs zwlint[ocr] and fonts-noto-cjk")
AS_OF = date(2024, 6, 30)
POSTER_LINES = ["习近乎总书记强调，要坚持以人民为中心的发展思想。", "报名咨询电话：13912345678，联系人王先生。",
                "各部门要认真落实，确保取得实效。"]


@pytest.fixture(scope="module")
def poster():
    if not (available() and fonts_available()):
        pytest.skip("needs zwlint[ocr] and fonts-noto-cjk")
    return render("深入学习贯彻党的二十大精神", POSTER_LINES, width=750, palette=0, style="gradient")


def write_posts(folder, records) -> str:
    (folder / "img").mkdir(exist_ok=True)
    path = folder / "posts.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return str(path)


RECORDS = [
    {"id": "p1", "account": "青禾发布", "platform": "微信", "published": "2024-06-20", "content": "各部门要认真落实。",
     "images": ["img/poster.png"]},
    {"id": "p2", "account": "青禾发布", "platform": "微信", "published": "2024-06-21", "content": "习近乎同志。",
     "images": ["img/gone.png"]},
    {"id": "p3", "account": "青禾发布", "platform": "微信", "published": "2024-06-22", "content": "正文。"},
]


def audit(paths, store, **kw):
    return run_audit([str(p) for p in paths], as_of=AS_OF, store_path=store, linter=fake_linter(), **kw)


def rendered(report) -> tuple[dict, str]:
    out = io.StringIO()
    write_json(report, out)
    html = io.StringIO()
    write_html(report, html)
    return json.loads(out.getvalue()), html.getvalue()


def _overlaps(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@needs_ocr
def test_audit_reads_the_images_a_record_lists_and_the_reports_show_where_with_a_cropped_region(tmp_path, poster):
    from PIL import Image

    posts = write_posts(tmp_path, RECORDS)
    poster.image.save(tmp_path / "img" / "poster.png")
    report = audit([posts], tmp_path / "a.sqlite")
    data, html = rendered(report)
    write_xlsx(report, tmp_path / "report.xlsx")
    report.store.close()

    found = [f for f in data["findings"] if f["rule"] == "ZW199"]
    on_image = [f for f in found if "image" in f]
    assert [f["post"] for f in on_image] == ["p1"] and on_image[0]["text"] == "习近乎"
    location = on_image[0]["image"]
    assert {k: location[k] for k in ("field", "index", "path")} == {"field": "images", "index": 0,
                                                                      "path": "img/poster.png"}
    drawn = next(box for line, box in zip(poster.lines, poster.boxes) if line.startswith("习近乎"))
    assert _overlaps(location["box"], drawn)
    assert [f["post"] for f in found if "image" not in f] == ["p2"]  # the text of the record whose image is gone
    assert data["summary"]["images_read"] == 1 and data["summary"]["images_unread"] == 1
    assert [(e["record"], e["reason"]) for e in data["errors"]] == [("p2", "images[0]: image img/gone.png not found")]

    crops = re.findall(r'<img class="crop" alt="习近乎[^"]*" src="data:image/png;base64,([A-Za-z0-9+/=]+)"', html)
    assert len(crops) == 1
    png = base64.b64decode(crops[0])
    crop = Image.open(io.BytesIO(png))
    x0, y0, x1, y1 = location["box"]
    assert len(png) <= 48_000 and max(crop.size) <= 480
    assert crop.width > x1 - x0 and crop.height > y1 - y0  # the box with a margin around it
    assert "图片 images[0] img/poster.png 像素框" in html

    from openpyxl import load_workbook

    rows = list(load_workbook(tmp_path / "report.xlsx").worksheets[2].iter_rows(values_only=True))
    header = rows[0]
    row = next(r for r in rows[1:] if r[header.index("规则")] == "ZW199" and r[header.index("帖子")] == "p1")
    assert row[header.index("图片")] == "images[0] img/poster.png"
    assert row[header.index("像素框")] == ",".join(map(str, location["box"]))


@needs_ocr
def test_the_crop_of_personal_data_is_pixelated(poster):
    from lint.audit.images import crop_png
    from PIL import Image

    box = next(box for line, box in zip(poster.lines, poster.boxes) if line.startswith("报名"))
    plain = Image.open(io.BytesIO(crop_png(poster.image, box)))
    hidden = Image.open(io.BytesIO(crop_png(poster.image, box, hide=True)))
    assert plain.size == hidden.size
    # pixelated: far fewer distinct colours inside the box than in the plain crop
    inner = (30, 30, plain.width - 30, plain.height - 30)
    colours = lambda im: len(im.crop(inner).getcolors(maxcolors=1 << 20))  # noqa: E731
    assert colours(hidden) < colours(plain) / 2


@needs_ocr
def test_a_resumed_audit_keeps_image_findings_and_reads_an_unreadable_image_again(tmp_path, poster):
    posts = write_posts(tmp_path, RECORDS)
    poster.image.save(tmp_path / "img" / "poster.png")
    store = tmp_path / "a.sqlite"
    first = audit([posts], store)
    first_data, _ = rendered(first)
    first.store.close()
    poster.image.save(tmp_path / "img" / "gone.png")  # the missing image is there now
    second = audit([posts], store)
    data, html = rendered(second)
    second.store.close()
    assert second.stats.resumed == 2 and second.stats.linted == 1  # p1 and p3 resumed, p2 read again
    assert data["errors"] == [] and data["summary"]["images_read"] == 2
    on_images = sorted(f["post"] for f in data["findings"] if "image" in f)
    assert on_images == ["p1", "p2"]
    assert html.count('<img class="crop"') == 2
    assert [f for f in first_data["findings"] if f["post"] == "p1"] == [f for f in data["findings"] if f["post"] == "p1"]


def test_without_the_ocr_extra_records_are_checked_and_the_images_not_read_are_counted_and_said(tmp_path, monkeypatch):
    import lint.ocr

    monkeypatch.setattr(lint.ocr, "available", lambda: False)
    posts = write_posts(tmp_path, RECORDS)
    report = audit([posts], tmp_path / "a.sqlite")
    data, _ = rendered(report)
    report.store.close()
    assert data["summary"]["posts"] == 3 and data["summary"]["images_unread"] == 2
    assert [f["post"] for f in data["findings"] if f["rule"] == "ZW199"] == ["p2"]
    assert any("2张未识别文字" in n and "zwlint[ocr]" in n for n in data["notes"])
    assert data["errors"] == []

    result = CliRunner().invoke(app, ["audit", posts, "--as-of", "2024-06-30", "--out", str(tmp_path / "out"),
                                      "--no-progress", "-j", "1", "--select", "ZW101"])
    assert result.exit_code in (0, 1), result.output
    assert "2 张图片未识别文字" in result.output and "zwlint[ocr]" in result.output


def test_no_images_leaves_the_images_unread_and_says_so(tmp_path):
    posts = write_posts(tmp_path, RECORDS)
    report = audit([posts], tmp_path / "a.sqlite", images=False)
    data, _ = rendered(report)
    report.store.close()
    assert data["summary"]["images_unread"] == 2 and data["summary"]["images_read"] == 0
    assert any("--no-images" in n for n in data["notes"])


def test_a_store_written_before_image_columns_opens_and_resumes(tmp_path):
    posts = write_posts(tmp_path, [r for r in RECORDS if "images" not in r])
    store = tmp_path / "old.sqlite"
    first = audit([posts], store)
    first.store.close()
    db = sqlite3.connect(store)  # make it a store of before: drop the added columns
    for table, cols in (("posts", ("images_read", "images_unread")), ("findings", ("image", "crop"))):
        for col in cols:
            db.execute(f"ALTER TABLE {table} DROP COLUMN {col}")
    db.commit()
    db.close()
    again = audit([posts], store)
    data, _ = rendered(again)
    again.store.close()
    assert again.stats.resumed == 1 and again.stats.linted == 0
    assert data["summary"]["posts"] == 1
    reopened = Store(store)
    have = {r[1] for r in reopened.db.execute("PRAGMA table_info(findings)")}
    reopened.close()
    assert {"image", "crop"} <= have


def test_past_the_page_limit_a_finding_names_its_region_without_embedding_the_crop(monkeypatch):
    import lint.audit.render_html as render_html

    monkeypatch.setattr(render_html, "MAX_CROPS", 1)
    count = [0]
    row = {"_crop": b"\x89PNG", "text": "习近乎"}
    assert render_html._crop_img(row, count).startswith('<img class="crop"')
    assert "<img" not in render_html._crop_img(row, count) and count == [2]
    assert render_html._crop_img({"_crop": None, "text": ""}, count) == ""


@needs_ocr
def test_images_in_a_docx_and_referenced_by_html_and_md_posts_are_read_too(tmp_path, poster):
    png = tmp_path / "poster.png"
    poster.image.save(png)
    docx_with_picture(png, tmp_path / "post.docx")
    (tmp_path / "post.md").write_text("正文。\n\n![海报](poster.png)\n", encoding="utf-8")
    (tmp_path / "page.html").write_text('<p>正文。</p><img src="poster.png"><img src="gone.png">', encoding="utf-8")
    report = audit([tmp_path / "post.docx", tmp_path / "post.md", tmp_path / "page.html"], tmp_path / "a.sqlite")
    data, html = rendered(report)
    write_xlsx(report, tmp_path / "report.xlsx")
    report.store.close()
    images = {f["post"].rsplit("/", 1)[-1]: f["image"] for f in data["findings"] if f["rule"] == "ZW199"}
    assert images["post.docx"]["media"].startswith("word/media/image1")
    assert images["post.md"]["path"] == images["page.html"]["path"] == "poster.png"
    assert data["summary"]["images_read"] == 3 and data["summary"]["images_unread"] == 1
    assert [e["reason"] for e in data["errors"]] == ["image gone.png not found"]
    assert html.count('<img class="crop"') == 3

    from openpyxl import load_workbook

    rows = list(load_workbook(tmp_path / "report.xlsx").worksheets[2].iter_rows(values_only=True))
    column = rows[0].index("图片")
    assert sorted(r[column] for r in rows[1:] if r[column]) == ["poster.png", "poster.png", "word/media/image1.png"]
