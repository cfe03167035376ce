"""The audit as one self-contained HTML page (no scripts or styles fetched from anywhere):
summary, a chart of problems by unit and category, the bulletin tables, every problem with
its passage highlighted, 整改情况 and the errors list. Written as a stream."""
from __future__ import annotations

from html import escape
from typing import IO

from lint.model import CATEGORIES

MAX_PER_ACCOUNT = 300  # post findings shown per account (the XLSX and JSON have them all)
# Cropped image regions embedded in the page (a few kB each, at most 48 kB): past this many the
# page says where the region is (image, box) without the picture, so it stays openable.
MAX_CROPS = 1000
SEV = {"error": "错误", "warning": "警告", "info": "提示"}
FIELD = {"title": "标题", "content": "正文", None: "正文"}
COLORS = {
    "serious": "#c0392b", "secrecy": "#8e44ad", "sensitive": "#6d214f", "privacy": "#d35400",
    "typo": "#e67e22", "entertainment": "#f1c40f", "offtopic": "#16a085", "date": "#2980b9",
    "format": "#7f8c8d", "account": "#34495e",
}

CSS = """
body{font-family:-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:0;color:#222;background:#f6f7f9}
main{max-width:1200px;margin:0 auto;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 10px;border-left:4px solid #2c5d8f;padding-left:8px}
.meta{color:#666;font-size:13px}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin:16px 0}
.card{background:#fff;border:1px solid #dde;border-radius:6px;padding:10px 16px;min-width:120px}
.card b{display:block;font-size:22px}.card span{font-size:12px;color:#666}
table{border-collapse:collapse;background:#fff;width:100%;font-size:14px}
th,td{border:1px solid #d5d9e0;padding:5px 8px;text-align:left;vertical-align:top}
th{background:#e8eef5}td.n{text-align:right}
tr.fail td.v{color:#b00;font-weight:bold}tr.unit td{background:#f0f3f7;font-weight:bold}tr.pass td.v{color:#1a7f37}
.acc{background:#fff;border:1px solid #dde;border-radius:6px;margin:10px 0;padding:4px 12px}
.acc summary{cursor:pointer;font-weight:bold;padding:6px 0}
.f{border-top:1px solid #eee;padding:6px 0;font-size:14px}
.f .code{font-family:monospace;background:#eef;padding:0 4px;border-radius:3px}
.f .veto{color:#fff;background:#b00;padding:0 4px;border-radius:3px;font-size:12px}
.ctx{background:#fafafa;border-left:3px solid #ccc;padding:4px 8px;margin:4px 0;white-space:pre-wrap;word-break:break-all}
mark{background:#ffd54f;padding:0 1px;border-bottom:2px solid #c0392b}
.legend span{display:inline-block;margin-right:12px;font-size:13px}
.legend i{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-1px}
.status-open{color:#b00;font-weight:bold}.status-fixed{color:#1a7f37}.status-na{color:#888}
.note{color:#555;font-size:13px}
.f img.crop{display:block;max-width:100%;max-height:200px;margin:4px 0;border:1px solid #ccc}
summary .fail{color:#b00}summary .pass{color:#1a7f37}
"""


def _e(v) -> str:
    return escape("" if v is None else str(v))


def chart_svg(chart: dict[str, dict[str, int]]) -> str:
    """Horizontal stacked bars: one per unit, one colour per category."""
    if not chart:
        return '<p class="note">没有发现问题。</p>'
    cats = [c for c in CATEGORIES if any(c in v for v in chart.values())]
    units = sorted(chart, key=lambda u: -sum(chart[u].values()))
    top = max(sum(v.values()) for v in chart.values()) or 1
    label_w, bar_w, row_h = 230, 720, 24
    h = row_h * len(units) + 30
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0 0 {label_w + bar_w + 60} {h}" '
             f'role="img" aria-label="按单位和类别统计的问题数">']
    for i, u in enumerate(units):
        y = 10 + i * row_h
        parts.append(f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end" font-size="13">{_e(u)}</text>')
        x = float(label_w)
        for c in cats:
            n = chart[u].get(c, 0)
            if not n:
                continue
            w = bar_w * n / top
            parts.append(f'<rect x="{x:.1f}" y="{y + 2}" width="{max(w, 1):.1f}" height="{row_h - 6}" '
                         f'fill="{COLORS.get(c, "#999")}"><title>{_e(u)} · {_e(CATEGORIES[c])}: {n}</title></rect>')
            x += w
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 15}" font-size="12" fill="#444">{sum(chart[u].values())}</text>')
    parts.append("</svg>")
    legend = "".join(f'<span><i style="background:{COLORS.get(c, "#999")}"></i>{_e(CATEGORIES[c])}</span>' for c in cats)
    return "".join(parts) + f'<div class="legend">{legend}</div>'


def _table(header: list[str], rows, row_class=None) -> str:
    out = ["<table><thead><tr>", *(f"<th>{_e(h)}</th>" for h in header), "</tr></thead><tbody>"]
    for row in rows:
        cls = f' class="{row_class(row)}"' if row_class else ""
        out.append(f"<tr{cls}>" + "".join(row_cells(row)) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def row_cells(row) -> list[str]:
    cells = []
    for v in row:
        if isinstance(v, tuple):  # (value, css class) or pre-escaped html
            value, cls = v
            cells.append(f'<td class="{cls}">{value if cls == "html" else _e(value)}</td>')
        elif isinstance(v, int):
            cells.append(f'<td class="n">{v}</td>')
        else:
            cells.append(f"<td>{_e(v)}</td>")
    return cells


def _anchor(name: str, family: str) -> str:
    import hashlib

    return "acc-" + hashlib.md5(f"{name}\0{family}".encode()).hexdigest()[:10]


def write_html(report, fh: IO[str]) -> None:
    w = fh.write
    _write_summary(report, w)
    _write_bulletin_tables(report, w)
    _write_details(report, w)
    _write_rectification(report, w)
    _write_errors_and_basis(report, w)


def _write_summary(report, w) -> None:
    """The head of the page, the summary cards, the notes and the chart."""
    s = report.summary
    w(f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
      f'<meta name="viewport" content="width=device-width,initial-scale=1">'
      f'<title>政务新媒体检查报告 {_e(report.run)}</title><style>{CSS}</style></head><body><main>')
    w(f"<h1>政务新媒体检查情况 · {_e(report.run)}</h1>")
    w(f'<div class="meta">检查期 {_e(report.since)} 至 {_e(report.as_of)}（监测时间点 {_e(report.as_of)}）'
      f' · 生成于 {_e(report.generated)} · zwlint audit</div>')
    cards = [(s["accounts"], "检查账号"), (s["unqualified"], "不合格"), (s["pass_rate"], "合格率"),
             (s["posts"], "检查帖子"), (s["findings"], "帖子问题"), (s["errors"], "无法读取的记录")]
    w('<div class="cards">' + "".join(f"<div class=card><b>{_e(v)}</b><span>{_e(k)}</span></div>" for v, k in cards) + "</div>")
    for note in report.notes:
        w(f'<p class="note">{_e(note)}</p>')

    w("<h2>问题分布（按单位、类别）</h2>")
    w(chart_svg(report.chart))


def _write_bulletin_tables(report, w) -> None:
    """附件1 (per unit) and 附件2 (per account), the tables of the bulletins."""
    s = report.summary
    w("<h2>附件1 各单位检查情况</h2>")
    rows = [(i, u["unit"], u["checked"], u["unqualified"], u["pass_rate"]) for i, u in enumerate(report.units, 1)]
    rows.append(("", "合计", s["accounts"], s["unqualified"], s["pass_rate"]))
    w(_table(["序号", "单位", "检查数量", "不合格数量", "合格率"], rows))

    w("<h2>附件2 政务新媒体检查情况</h2>")
    w('<table><thead><tr><th>序号</th><th>政务新媒体名称</th><th>主办单位</th><th>类型</th><th>检查结果</th>'
      '<th>存在问题</th></tr></thead><tbody>')
    unit = None
    counts = {u["unit"]: u for u in report.units}
    for i, a in enumerate(report.accounts, 1):
        if a.group != unit:
            unit = a.group
            u = counts.get(unit, {})
            w(f'<tr class="unit"><td colspan="6">{_e(unit)}（检查{u.get("checked", "")}个，不合格{u.get("unqualified", "")}个）</td></tr>')
        link = f'<a href="#{_anchor(a.name, a.family)}">{_e(a.name)}</a>' if a.findings or a.post_problems else _e(a.name)
        cls = "fail" if a.verdict == "不合格" else "pass"
        w(f'<tr class="{cls}"><td class="n">{i}</td><td>{link}</td><td>{_e(a.owner)}</td>'
          f'<td>{_e(a.platform or a.family)}</td><td class="v">{_e(a.verdict)}</td>'
          f'<td>{_e("；".join(a.problems) or "无")}</td></tr>')
    w("</tbody></table>")


def _write_details(report, w) -> None:
    """问题明细: each account's account-level findings and its posts' findings with the
    passage highlighted (at most MAX_PER_ACCOUNT per account)."""
    w("<h2>问题明细</h2>")
    w('<p class="note">每个账号的问题和依据：账号层面的检查结果，以及帖子中被标出的原文（<mark>高亮</mark>）。</p>')
    from lint.audit.accounts import index_accounts
    from lint.audit.inputs import norm_name

    index = index_accounts(report.accounts)
    shown: set = set()
    crops = [0]  # embedded so far
    current = None
    count = 0
    hidden = 0

    def close():
        nonlocal hidden
        if current is not None:
            if hidden:
                w(f'<p class="note">另有{hidden}处问题未在此页列出，见 XLSX 或 JSON 报告。</p>')
            w("</details>")
        hidden = 0

    def open_account(acc, name, family):
        verdict = acc.verdict if acc else ""
        cls = "fail" if verdict == "不合格" else "pass"
        w(f'<details class="acc" id="{_anchor(name, family)}" open><summary>{_e(name)} · {_e(family)}'
          f' <span class="{cls}">{_e(verdict)}</span></summary>')
        if acc:
            for f in acc.findings:
                veto = ' <span class="veto">否决项</span>' if f.veto else ""
                w(f'<div class="f"><span class="code">{_e(f.rule)}</span> 账号层面{veto}：{_e(f.message)}</div>')

    for f in report.iter_findings():
        key = (f["account"] or "（未标注账号）", f.pop("_family") or "")
        if key != current:
            close()
            current = key
            count = 0
            acc = index.get((norm_name(key[0]), key[1]))
            shown.add(id(acc))
            open_account(acc, *key)
        count += 1
        if count > MAX_PER_ACCOUNT:
            hidden += 1
            continue
        veto = ' <span class="veto">否决项</span>' if f["veto"] else ""
        sugg = f'　建议：{_e("、".join(f["suggestions"]))}' if f["suggestions"] else ""
        w(f'<div class="f"><span class="code">{_e(f["rule"])}</span> {_e(CATEGORIES.get(f["category"], f["category"]))}'
          f' · {_e(SEV.get(f["severity"], f["severity"]))}{veto}：{_e(f["message"])}{sugg}<br>'
          f'<span class="note">帖子 {_e(f["post"])} · {_e(f["published"] or "")} · 《{_e(f["title"])}》'
          f' · {_where(f)}</span>{_crop_img(f, crops)}'
          f'<div class="ctx">…{_e(f["before"])}<mark>{_e(f["text"])}</mark>{_e(f["after"])}…</div></div>')
    close()
    for a in report.accounts:
        if a.findings and id(a) not in shown:
            current = (a.name, a.family)
            open_account(a, a.name, a.family)
            close()


def _where(f: dict) -> str:
    """Where in the post: the field, line and column; for text recognised in an image the
    image and the box (the context below is the recognised text)."""
    if f.get("image"):
        from lint.ocr.text import describe

        return f'{_e(describe(f["image"], f["path"] or ""))}（识别文字第{_e(f["line"])}行第{_e(f["column"])}列）'
    return f'{_e(FIELD.get(f["field"], f["field"]))} 第{_e(f["line"])}行第{_e(f["column"])}列'


def _crop_img(f: dict, embedded: list[int]) -> str:
    """The cropped region of the image around the finding (a PNG kept in the store), inline;
    `embedded` counts them, at most MAX_CROPS in a page."""
    crop = f.get("_crop")
    if not crop:
        return ""
    embedded[0] += 1
    if embedded[0] > MAX_CROPS:
        return f'<p class="note">（本页已嵌入{MAX_CROPS}张截图，此处按上面的图片和像素框查看原图）</p>'
    import base64

    return (f'<img class="crop" alt="{_e(f["text"])}（图片截取）" '
            f'src="data:image/png;base64,{base64.b64encode(crop).decode("ascii")}">')


def _write_rectification(report, w) -> None:
    """整改情况: the accounts and problems of the previous run, rechecked."""
    if not report.previous_run:
        return
    w(f"<h2>整改情况（对比 {_e(report.previous_run)}）</h2>")
    css = {"仍未整改": "status-open", "已整改": "status-fixed"}
    if report.recheck:
        still = [r for r in report.recheck if r["status"] == "仍未整改"]
        sentence = f"上期通报不合格账号{len(report.recheck)}个，经复查，"
        sentence += (f"{len(still)}个仍未按要求完成整改：" + "、".join(f"“{r['account']}”{r['platform']}" for r in still)
                     if still else "均已整改或未复核")
        w(f"<p>{_e(sentence)}。</p>")
        w(_table(["账号", "平台", "单位", "上期存在问题", "本期检查结果", "本期存在问题", "整改情况"],
                 [(r["account"], r["platform"], r["unit"], "；".join(r["previous_problems"]), r["verdict"] or "",
                   "；".join(r["problems"]), (r["status"], css.get(r["status"], "status-na")))
                  for r in report.recheck]))
        w('<p class="note">上期全部问题逐项复查：</p>')
    rows = [(r["account"], r["family"], r["rule"], r["problem"], r["post"] or "", r["text"] or "",
             (r["status"], css.get(r["status"], "status-na"))) for r in report.rectification]
    w(_table(["账号", "平台", "规则", "上期问题", "帖子", "原文", "整改情况"], rows) if rows
      else '<p class="note">上期没有问题。</p>')


def _write_errors_and_basis(report, w) -> None:
    """The records that could not be checked, the thresholds used and the end of the page."""
    w("<h2>错误列表（未能检查的记录）</h2>")
    if report.errors:
        w(_table(["文件", "记录", "原因"], [(e["path"], e["record"] or "", e["reason"]) for e in report.errors]))
    else:
        w('<p class="note">无：每条输入记录都已检查。</p>')
    st = report.settings
    w(f'<h2>检查口径</h2><p class="note">发布类账号{st.update_days}天内无更新、开通至今未更新为否决项；'
      f'以{st.week_days}天为一周，一周未更新累计{st.week_gap_times}次列为问题；留言须在{st.reply_days}个工作日内答复'
      f'（按国务院办公厅节假日安排计算）；同一单位同一平台账号超过{st.max_accounts_per_platform}个列为问题。'
      f'否决项：{_e("、".join(CATEGORIES.get(v.lower(), v) for v in st.veto))}'
      f'（帖子问题为{_e(SEV[st.veto_severity])}级及以上时）。</p>')
    w("</main></body></html>\n")
