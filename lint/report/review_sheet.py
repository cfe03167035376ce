"""The 审校意见单: one printable page summarising an article's findings by category, with
the sign-off lines of the 三审三校 trail. HTML (print it from a browser), or PDF through
LibreOffice when `soffice` is installed (nothing is downloaded)."""
from __future__ import annotations

import html
import os
import shutil
import subprocess
import tempfile
from datetime import datetime
from pathlib import Path

from lint import __version__
from lint.model import CATEGORIES, SEVERITY_RANK, Finding

SEVERITY_LABEL = {"error": "错误", "warning": "警告", "info": "提示"}
# What fits on one A4 page under the summary: about this many printed lines of the listing,
# a line holding about LINE_CHARS characters of quote and message. Findings that do not fit
# are counted, not listed (the annotated .docx has them all).
LINE_BUDGET = 26
LINE_CHARS = 16

CSS = """
@page { size: A4; margin: 16mm 15mm; }
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", SimSun, "Songti SC", serif; font-size: 10.5pt; color: #111; margin: 0; }
h1 { text-align: center; font-size: 18pt; letter-spacing: .3em; margin: 0 0 4mm; }
table { border-collapse: collapse; width: 100%; margin-bottom: 3mm; }
th, td { border: 1px solid #444; padding: 1.2mm 2mm; vertical-align: top; text-align: left; }
th { background: #eee; font-weight: bold; }
td.n, th.n { text-align: center; white-space: nowrap; }
.meta td { border: none; padding: .6mm 0; }
.quote { font-weight: bold; }
.sev-error { color: #b00; }
.more { color: #555; font-size: 9pt; }
.sign td { height: 12mm; }
.foot { color: #555; font-size: 8.5pt; margin-top: 2mm; }
"""


def _e(value) -> str:
    return html.escape(str(value), quote=True)


def review_sheet_html(name: str, findings: list[Finding], *, now: datetime | None = None,
                      annotated: str | None = None) -> str:
    """The sheet of one file (or post) `name`."""
    now = now or datetime.now()
    by_cat: dict[str, dict[str, int]] = {}
    for f in findings:
        counts = by_cat.setdefault(f.category, {"error": 0, "warning": 0, "info": 0})
        counts[f.severity] = counts.get(f.severity, 0) + 1
    order = [c for c in CATEGORIES if c in by_cat] + sorted(c for c in by_cat if c not in CATEGORIES)
    rows = []
    for c in order:
        n = by_cat[c]
        rows.append(f"<tr><td>{_e(CATEGORIES.get(c, c))}</td><td class=n>{n['error']}</td><td class=n>{n['warning']}</td>"
                    f"<td class=n>{n['info']}</td><td class=n>{sum(n.values())}</td></tr>")
    totals = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    rows.append(f"<tr><th>合计</th><th class=n>{totals['error']}</th><th class=n>{totals['warning']}</th>"
                f"<th class=n>{totals['info']}</th><th class=n>{len(findings)}</th></tr>")
    ranked = sorted(findings, key=lambda f: (-SEVERITY_RANK.get(f.severity, 0),
                                            list(CATEGORIES).index(f.category) if f.category in CATEGORIES else 99, f.start))
    items = []
    lines = 0
    for f in ranked:
        lines += -(-(len(f.text) + len(f.message) + 2) // LINE_CHARS)
        if lines > LINE_BUDGET:
            break
        fix = "／".join(s or "（删除）" for s in f.suggestions) or "人工核实"
        items.append(f"<tr><td class=n>{len(items) + 1}</td><td class=n>{f.line}:{f.column}</td>"
                     f"<td class=n>{_e(CATEGORIES.get(f.category, f.category))}·"
                     f"<span class='sev-{f.severity}'>{SEVERITY_LABEL.get(f.severity, f.severity)}</span></td>"
                     f"<td><span class=quote>“{_e(f.text)}”</span> {_e(f.message)}</td><td>{_e(fix)}</td>"
                     f"<td class=n>{_e(f.rule)}</td></tr>")
    more = len(ranked) - len(items)
    more_line = (f"<p class=more>另有 {more} 处问题未列出" + (f"，全部见批注版 {_e(annotated)}" if annotated else "")
                 + "。</p>") if more > 0 else ""
    listing = ("<table border=1 cellspacing=0 width='100%'><tr><th class=n width='6%'>序号</th><th class=n width='7%'>位置</th>"
               "<th class=n width='19%'>类别</th><th width='44%'>原文与问题</th><th width='15%'>修改建议</th>"
               "<th class=n width='9%'>规则</th></tr>" + "".join(items) + "</table>" + more_line) if items \
        else "<p>未发现问题。</p>"
    verdict = ("存在严重表述错误，须修改后重新送审。" if any(f.category == "serious" for f in findings)
               else "有错误级问题，修改后可发布。" if totals["error"] else
               "无错误级问题，请核实警告和提示。" if findings else "未发现问题。")
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>审校意见单 · {_e(name)}</title><style>{CSS}</style></head>
<body>
<h1>审校意见单</h1>
<table class=meta width='100%'>
<tr><td>稿件：{_e(name)}</td><td>检查时间：{now:%Y-%m-%d %H:%M}</td></tr>
<tr><td>检查工具：zwlint {_e(__version__)}</td><td>{('批注版：' + _e(annotated)) if annotated else ''}</td></tr>
</table>
<table border=1 cellspacing=0 width='100%'><tr><th>问题类别</th><th class=n>错误</th><th class=n>警告</th><th class=n>提示</th><th class=n>合计</th></tr>
{''.join(rows)}</table>
<p><b>初步意见：</b>{verdict}</p>
{listing}
<table class=sign border=1 cellspacing=0 width='100%'><tr><th class=n width='10%'>环节</th><th width='60%'>意见</th><th class=n>签字</th><th class=n>日期</th></tr>
<tr><td class=n>初审</td><td></td><td></td><td></td></tr>
<tr><td class=n>复审</td><td></td><td></td><td></td></tr>
<tr><td class=n>终审</td><td></td><td></td><td></td></tr></table>
<p class=foot>本单由 zwlint 自动生成，问题均为机器检查结果，须由审校人员逐条核实。</p>
</body></html>
"""


def soffice() -> str | None:
    """The LibreOffice binary, if installed (ZWLINT_SOFFICE overrides)."""
    return os.environ.get("ZWLINT_SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")


def html_to_pdf(html_text: str, out: Path, timeout: float = 120) -> None:
    """Render the sheet to PDF with LibreOffice headless; RuntimeError with the reason if it cannot."""
    binary = soffice()
    if binary is None:
        raise RuntimeError("PDF needs LibreOffice (soffice), which is not installed; write .html and print it instead")
    with tempfile.TemporaryDirectory(prefix="zwlint-sheet-") as tmp:
        src = Path(tmp) / "sheet.html"
        src.write_text(html_text, encoding="utf-8")
        env = dict(os.environ, HOME=tmp)  # a private LibreOffice profile: no clash with a running office
        try:
            proc = subprocess.run([binary, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/profile",
                                   "--infilter=HTML (StarWriter)", "--convert-to", "pdf:writer_pdf_Export", "--outdir", tmp, str(src)],
                                  capture_output=True, text=True, timeout=timeout, env=env)
        except subprocess.TimeoutExpired:
            raise RuntimeError(f"LibreOffice did not finish in {timeout:.0f} s") from None
        except OSError as exc:
            raise RuntimeError(f"cannot run LibreOffice {binary} ({exc.strerror or exc})") from None
        pdf = Path(tmp) / "sheet.pdf"
        if proc.returncode != 0 or not pdf.is_file():
            raise RuntimeError(f"LibreOffice could not convert the sheet ({(proc.stderr or proc.stdout).strip()[:200]})")
        shutil.copyfile(pdf, out)
