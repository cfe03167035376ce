"""End to end: the real editors' page in headless Chromium against a real uvicorn server.

An editor pastes a post with planted problems (and a <script> that must not run), sees
the highlights by category, accepts fixes, ignores a finding and gets the corrected
text back. Skips only where Playwright for Python or a Chromium binary is missing."""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time

import pytest

from lint.server.app import create_app
from serve_planted import planted_linter

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

TITLE = "关于按装新系统的通知"
CONTENT = (
    "请各单位于今年6月底前尽快按装新系统。\n"
    "系统由中华民国政府统一部署。\n"
    "管理员帐号请联系张科长，手机13812345678。\n"
    "测试：<script>window.__zwlint_pwned = 1</script><img src=x onerror=\"window.__zwlint_pwned = 2\">原样显示。"
)


def _chromium() -> str | None:
    for cand in (os.environ.get("ZWLINT_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                 shutil.which("chromium-browser"), shutil.which("google-chrome")):
        if cand and os.path.isfile(cand) and os.access(cand, os.X_OK):
            return cand
    return None


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="Playwright for Python is not installed (pip install -e '.[dev]')")
    exe = _chromium()
    if exe is None:
        pytest.skip("no Chromium binary found (apt-get install chromium, or set ZWLINT_CHROMIUM)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def base_url():
    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    server = uvicorn.Server(uvicorn.Config(create_app(linter=planted_linter()), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(base_url + "/")
    pg.wait_for_selector("#version:has-text('条规则')")
    yield pg
    context.close()
    assert errors == []


def marks(pg, selector: str = "mark.hl") -> list[tuple[str, str]]:
    """(rule, text) of every highlight on the page, in order."""
    return [(m.get_attribute("data-rule"), m.inner_text()) for m in pg.query_selector_all(selector)]


def paste_and_check(pg, published: str | None = "2024-05-01"):
    pg.fill("#title", TITLE)
    if published:
        pg.fill("#published", published)
    pg.fill("#content", CONTENT)
    pg.click("#check")
    pg.wait_for_selector("mark.hl")


def test_pasted_post_gets_every_finding_highlighted_by_category(page):
    paste_and_check(page)
    assert marks(page, "#out-title mark.hl") == [("ZW298", "按装")]
    assert marks(page, "#out-content mark.hl") == [
        ("ZW798", "今年"), ("ZW298", "按装"), ("ZW198", "中华民国政府"), ("ZW298", "帐号"), ("ZW598", "13812345678"),
    ]
    colours = {page.eval_on_selector(f"mark[data-rule='{code}']", "m => getComputedStyle(m).borderBottomColor")
               for code in ("ZW198", "ZW298", "ZW598", "ZW798")}
    assert len(colours) == 4  # one colour per category
    assert page.inner_text("#total") == "6"
    rows = {r.get_attribute("data-category"): r.inner_text().split()[-1]
            for r in page.query_selector_all("#by-category li")}
    assert rows == {"serious": "1", "privacy": "1", "typo": "3", "date": "1"}


def test_html_in_the_post_is_shown_as_text_and_never_run(page):
    paste_and_check(page)
    assert page.evaluate("window.__zwlint_pwned") is None
    assert page.query_selector_all("#out-content script, #out-content img") == []
    assert "<script>window.__zwlint_pwned = 1</script>" in page.inner_text("#out-content")


def test_clicking_a_highlight_explains_it_and_accepting_fixes_the_text(page):
    paste_and_check(page)
    page.click("#out-content mark[data-rule='ZW198']")
    detail = page.inner_text("#detail")
    assert "严重表述错误：请核实政权称谓" in detail and "ZW198" in detail
    # a fix of a different length: every later highlight must still cover its own text
    page.click("#detail button.accept[data-suggestion='我国政府']")
    assert marks(page, "#out-content mark.hl") == [
        ("ZW798", "今年"), ("ZW298", "按装"), ("ZW298", "帐号"), ("ZW598", "13812345678"),
    ]
    assert "系统由我国政府统一部署" in page.inner_text("#out-content")
    assert page.inner_text("#total") == "5"

    page.click("#out-content mark[data-rule='ZW298']:has-text('帐号')")
    assert "“帐号”应为“账号”" in page.inner_text("#detail")
    page.click("#detail button.accept")
    page.click("#out-content mark[data-rule='ZW598']")
    page.click("#detail button.ignore")
    assert marks(page, "#out-content mark.hl") == [("ZW798", "今年"), ("ZW298", "按装")]
    assert "已采纳 2 处修改，已忽略 1 处" in page.inner_text("#changes")

    page.click("#back")
    corrected = page.input_value("#content")
    assert corrected == (CONTENT.replace("中华民国政府", "我国政府").replace("帐号", "账号"))


def test_accepting_all_safe_fixes_and_rechecking(page):
    paste_and_check(page)
    page.click("#accept-safe")
    assert [r for r, _ in marks(page)] == ["ZW798", "ZW198", "ZW598"]
    assert page.inner_text("#out-title") == "关于安装新系统的通知"
    page.click("#recheck")
    page.wait_for_selector("#changes:empty", state="attached")
    assert [r for r, _ in marks(page)] == ["ZW798", "ZW198", "ZW598"]


def test_uploaded_file_is_read_and_checked(page):
    page.set_input_files("#file", files=[{"name": "通知.txt", "mimeType": "text/plain",
                                          "buffer": "请尽快按装。".encode("gb18030")}])
    page.wait_for_selector("mark.hl")
    assert marks(page) == [("ZW298", "按装")]
    assert "通知.txt" in page.inner_text("#out-meta")


def test_oversized_or_unsupported_upload_shows_a_clear_message(page):
    page.set_input_files("#file", files=[{"name": "a.exe", "mimeType": "application/octet-stream", "buffer": b"MZ"}])
    page.wait_for_selector("#alert:not([hidden])")
    assert "不支持的文件类型" in page.inner_text("#alert")


def test_corrected_text_can_be_downloaded_and_copied(browser, base_url):
    context = browser.new_context(locale="zh-CN", accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    pg = context.new_page()
    try:
        pg.goto(base_url + "/")
        pg.wait_for_selector("#version:has-text('条规则')")
        paste_and_check(pg)
        pg.click("#out-title mark.hl")
        pg.click("#detail button.accept")
        expected = "关于安装新系统的通知\n\n" + CONTENT
        with pg.expect_download() as info:
            pg.click("#download")
        download = info.value
        assert download.suggested_filename == "文章-修改稿.txt"
        with open(download.path(), encoding="utf-8") as fh:
            assert fh.read() == expected
        pg.click("#copy")
        pg.wait_for_selector("#copy:has-text('已复制')")
        assert pg.evaluate("navigator.clipboard.readText()") == expected
    finally:
        context.close()


def test_next_and_previous_walk_through_the_findings(page):
    paste_and_check(page)
    page.click("#out-content mark[data-rule='ZW198']")
    assert page.inner_text("#detail .position") == "4 / 6"
    page.click("#detail button.next")
    assert "“帐号”应为“账号”" in page.inner_text("#detail")
    page.click("#detail button.prev")
    page.click("#detail button.prev")
    assert page.inner_text("#detail .position") == "3 / 6"
    assert page.get_attribute("mark.hl.selected", "data-rule") == "ZW298"
