"""The audit as an XLSX workbook (openpyxl, write-only: rows are streamed), with the tables
of the bulletins' attachments: 单位汇总, 账号检查情况, 问题明细, 整改情况, 错误列表."""
from __future__ import annotations

from pathlib import Path

from lint.model import CATEGORIES

SEV = {"error": "错误", "warning": "警告", "info": "提示"}
FIELD = {"title": "标题", "content": "正文", None: "正文"}


def _sheet(wb, title: str, header: list[str], widths: list[int]):
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "A2"
    cells = []
    for h in header:
        c = WriteOnlyCell(ws, value=h)
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="DDE6F0")
        c.alignment = Alignment(vertical="center", wrap_text=True)
        cells.append(c)
    ws.append(cells)
    return ws


def _clean(value):
    """openpyxl refuses control characters in cells."""
    if isinstance(value, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def _image_cells(image: dict | None) -> tuple[str, str]:
    """图片 (which image: images[0] a.png of a record, word/media/image1.png of a .docx, the path
    a page references) and 像素框 (x0,y0,x1,y1)."""
    if image is None:
        return "", ""
    if "field" in image:
        which = f"{image['field']}[{image.get('index', 0)}] {image.get('path', '')}".rstrip()
    else:
        which = image.get("media") or image.get("path") or ""
    return which, ",".join(str(v) for v in image["box"])


def write_xlsx(report, path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    s = report.summary
    ws = _sheet(wb, "单位汇总", ["序号", "单位", "检查数量", "不合格数量", "合格率"], [6, 30, 10, 12, 10])
    for i, u in enumerate(report.units, 1):
        ws.append([i, u["unit"], u["checked"], u["unqualified"], u["pass_rate"]])
    ws.append(["", "合计", s["accounts"], s["unqualified"], s["pass_rate"]])
    ws.append([])
    ws.append(["", f"检查批次 {report.run}，检查期 {report.since.isoformat()} 至 {report.as_of.isoformat()}；"
                   f"检查帖子 {s['posts']} 篇，发现问题 {s['findings']} 处，无法读取的记录 {s['errors']} 条。"])
    for note in report.notes:
        ws.append(["", note])

    ws = _sheet(wb, "账号检查情况", ["序号", "政务新媒体名称", "主办单位", "主管单位", "类型", "检查结果",
                                     "存在问题", "单位", "帖子数", "最近更新"], [6, 28, 26, 22, 14, 10, 60, 16, 8, 12])
    for i, a in enumerate(report.accounts, 1):
        ws.append([i, a.name, a.owner, a.supervisor, a.platform or a.family, a.verdict,
                   "；".join(a.problems) or "无", a.group, a.posts, a.last_post.isoformat() if a.last_post else ""])

    ws = _sheet(wb, "问题明细", ["账号", "平台", "帖子", "标题", "发布日期", "规则", "类别", "级别", "否决项",
                               "位置", "问题原文", "上下文", "说明", "建议", "图片", "像素框"],
                [20, 10, 14, 30, 11, 8, 14, 6, 7, 10, 16, 50, 40, 16, 24, 18])
    for a in report.accounts:
        for f in a.findings:
            ws.append([a.name, a.platform or a.family, "", "", "", f.rule, CATEGORIES["account"], SEV[f.severity],
                       "是" if f.veto else "", "", "", "", f.message, ""])
    for f in report.iter_findings():
        ws.append([_clean(v) for v in (
            f["account"] or "", f["platform"] or "", f["post"], f["title"], f["published"] or "", f["rule"],
            CATEGORIES.get(f["category"], f["category"]), SEV.get(f["severity"], f["severity"]),
            "是" if f["veto"] else "", f"{FIELD.get(f['field'], f['field'])} {f['line']}:{f['column']}",
            f["text"], f"{f['before']}【{f['text']}】{f['after']}", f["message"], "、".join(f["suggestions"]),
            *_image_cells(f.get("image")))])

    ws = _sheet(wb, "整改情况", ["账号", "平台", "规则", "问题", "帖子", "问题原文", "整改情况"],
                [20, 10, 8, 50, 14, 16, 22])
    for r in report.recheck:
        ws.append([_clean(v) for v in (r["account"], r["platform"], "上期不合格",
                                       "；".join(r["previous_problems"]), "", f"本期{r['verdict'] or '未检查'}",
                                       r["status"])])
    for r in report.rectification:
        ws.append([_clean(v) for v in (r["account"], r["family"], r["rule"], r["problem"], r["post"] or "",
                                       r["text"] or "", r["status"])])
    if not report.rectification:
        ws.append(["", "", "", f"无可对比的上期检查（{report.previous_run or '存储中没有更早的运行'}）" if not report.previous_run
                   else "上期无问题"])

    ws = _sheet(wb, "错误列表", ["文件", "记录", "原因"], [40, 16, 70])
    for e in report.errors:
        ws.append([_clean(e["path"]), _clean(e["record"] or ""), _clean(e["reason"])])
    wb.save(str(path))
