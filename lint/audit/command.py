"""`zwlint audit`: the inspection office's quarterly audit in one command."""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import List, Optional

import typer

from lint.commands import fail, parse_day, split_values


FORMATS = ("html", "xlsx", "json")


def _set_aside_reports(out: Path) -> list[Path]:
    """Rename the reports of an earlier audit to report.*.stale before this one starts, so
    that a run that fails or is killed never leaves old reports looking current."""
    moved = []
    for fmt in FORMATS:
        path = out / f"report.{fmt}"
        if path.exists():
            target = path.with_name(path.name + ".stale")
            path.replace(target)
            moved.append(target)
    return moved


def audit(
    paths: List[str] = typer.Argument(..., help="Post records (.jsonl .json .csv, or folders of them; other files are one post each)."),
    registry: Optional[Path] = typer.Option(None, "--registry", help="备案 registry (.xlsx/.csv/.tsv/.jsonl): 账号名称, 平台, 主办单位, 主管单位, 备案名称, 账号类型, 开通日期."),
    interactions: Optional[Path] = typer.Option(None, "--interactions", help="Messages (.xlsx/.csv/.tsv/.jsonl): account, platform, received, replied."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Monitoring date YYYY-MM-DD (default: today)."),
    since: Optional[str] = typer.Option(None, "--since", help="Start of the audit period (default: first day of the quarter of --as-of)."),
    out: Path = typer.Option(Path("out/audit"), "--out", "-o", help="Folder for report.html, report.xlsx, report.json."),
    formats: Optional[List[str]] = typer.Option(None, "--format", "-f", help="Reports to write: html, xlsx, json (comma-separated) (default: all)."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", help="Worker processes (default: all cores); with --engine dask and no --scheduler, the workers of the local cluster."),
    engine: str = typer.Option("pool", "--engine", help="pool: worker processes on this machine; dask: a Dask cluster (local unless --scheduler; needs the dask extra). See docs/audit.md."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="With --engine dask: address of a running Dask scheduler (tcp://host:8786)."),
    store: Optional[Path] = typer.Option(None, "--store", help="SQLite result store (default: OUT/audit.sqlite). Keep one store across quarters for 整改情况."),
    run: Optional[str] = typer.Option(None, "--run", help="Name of this audit in the store (default: the quarter of --as-of, e.g. 2026Q3)."),
    compare: Optional[str] = typer.Option(None, "--compare", help="Earlier run to compare with (default: the latest earlier run in the store)."),
    fresh: bool = typer.Option(False, "--fresh", help="Forget earlier work of this run instead of resuming it."),
    config: Optional[Path] = typer.Option(None, "--config", help="zwlint.toml or pyproject.toml to use instead of searching upwards."),
    select: Optional[List[str]] = typer.Option(None, "--select", help="Only these post rules: codes, prefixes or categories."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="Skip these post rules."),
    update_days: Optional[int] = typer.Option(None, "--update-days", min=1, help="ZW001: days without a post that fail a publishing account (config: 14)."),
    reply_days: Optional[int] = typer.Option(None, "--reply-days", min=1, help="ZW007: working days to answer a message (config: 3)."),
    images: bool = typer.Option(True, "--images/--no-images", help="Recognise the text in the posts' images: a record's 'images' field (paths relative to the records file), a .docx's embedded images, the local images a .html/.md references; needs zwlint[ocr] [default: on]."),
    progress: Optional[bool] = typer.Option(None, "--progress/--no-progress", help="Progress bar on stderr (default: on a terminal)."),
    fail_on_unqualified: bool = typer.Option(False, "--fail-on-unqualified", help="Exit 1 when an account is 不合格."),
    show_personal_data: bool = typer.Option(False, "--show-personal-data", help="Show identity card and phone numbers in full in the reports (default: masked, 1101**********002X)."),
):
    """Audit a quarter of posts: lint every post, judge every account (合格/不合格), write the bulletin tables."""
    from lint.audit.progress import Progress
    from lint.audit.report import run_audit
    from lint.audit.runner import default_jobs

    day = parse_day(as_of, "--as-of") or date.today()
    start = parse_day(since, "--since")
    if start is not None and start > day:
        fail("--since is after --as-of")
    wanted = split_values(formats) or list(FORMATS)
    for f in wanted:
        if f not in FORMATS:
            fail(f"unknown report format {f!r} (html, xlsx, json)")
    for p, flag in ((registry, "--registry"), (interactions, "--interactions")):
        if p is not None and not p.is_file():
            fail(f"{flag}: no such file: {p}")
    cfg, settings = _audit_config(config, paths, select, ignore)
    settings = settings.with_overrides(update_days=update_days, reply_days=reply_days)
    n_jobs = jobs if jobs and jobs > 0 else default_jobs()
    if engine not in ("pool", "dask"):
        fail(f"unknown engine {engine!r} (pool, dask)")
    if scheduler and engine != "dask":
        fail("--scheduler needs --engine dask")
    lint_phase = None
    if engine == "dask":
        from functools import partial

        from lint.audit.dask_engine import DaskUnavailable, lint_posts_dask, _require_dask

        try:
            _require_dask()
        except DaskUnavailable as exc:
            fail(str(exc))
        lint_phase = partial(lint_posts_dask, scheduler=scheduler, workers=n_jobs)

    out.mkdir(parents=True, exist_ok=True)
    stale = _set_aside_reports(out)
    bar = Progress(enabled=progress)
    try:
        report = run_audit(paths, as_of=day, since=start, config=cfg, settings=settings, registry=registry,
                           interactions=interactions, store_path=store or out / "audit.sqlite", run=run,
                           compare=compare, fresh=fresh, jobs=n_jobs, progress=bar, lint_phase=lint_phase,
                           show_personal_data=show_personal_data, images=images)
    except KeyboardInterrupt:
        bar.close()
        typer.echo("zwlint: interrupted; finished posts are saved, run the same command again to resume.", err=True)
        raise typer.Exit(130)
    except (ValueError, RuntimeError) as exc:  # a malformed word list, a store in use or damaged
        bar.close()
        if stale:
            typer.echo(f"zwlint: the earlier reports in {out} were renamed *.stale: they are not this audit's", err=True)
        fail(str(exc))
    bar.close()

    written = _write_reports(report, out, wanted)
    for path in stale:
        path.unlink(missing_ok=True)
    _print_summary(report, f"Dask 集群 {scheduler}" if scheduler else f"{n_jobs} 个进程", written)
    if report.posts == 0 and not report.accounts:
        raise typer.Exit(2)
    if fail_on_unqualified and report.summary["unqualified"]:
        raise typer.Exit(1)
    sys.stdout.flush()


def _audit_config(config: Optional[Path], paths: List[str], select, ignore):
    """The linter's Config (with --select/--ignore) and the audit settings, from --config or
    the nearest configuration above the first input."""
    from lint.audit.settings import AuditConfigError, load_audit_settings
    from lint.config import ConfigError, config_for

    try:
        cfg, cfg_path = config_for(config, Path(paths[0]))
        settings = load_audit_settings(cfg_path)
    except (ConfigError, AuditConfigError) as exc:
        fail(str(exc))
    return cfg.merged(select=split_values(select), ignore=split_values(ignore)), settings


def _write_reports(report, out: Path, wanted: list[str]) -> list[Path]:
    """report.html / report.xlsx / report.json in `out`, as asked; the store is closed after."""
    from lint.audit.render_html import write_html
    from lint.audit.render_json import write_json
    from lint.audit.render_xlsx import write_xlsx

    written = []
    try:
        if "html" in wanted:
            with open(out / "report.html", "w", encoding="utf-8") as fh:
                write_html(report, fh)
            written.append(out / "report.html")
        if "xlsx" in wanted:
            write_xlsx(report, out / "report.xlsx")
            written.append(out / "report.xlsx")
        if "json" in wanted:
            with open(out / "report.json", "w", encoding="utf-8") as fh:
                write_json(report, fh)
            written.append(out / "report.json")
    finally:
        report.store.close()
    return written


def _print_summary(report, where: str, written: list[Path]) -> None:
    """The verdicts, the recheck and rectification counts, the speed and the reports written
    (stdout), and the records that could not be checked (stderr)."""
    s = report.summary
    st = report.stats
    typer.echo(f"{report.run}（{report.since} 至 {report.as_of}）：检查账号 {s['accounts']} 个，"
               f"不合格 {s['unqualified']} 个，合格率 {s['pass_rate']}；帖子 {s['posts']} 篇"
               f"（本次检查 {st.linted}，续查跳过 {st.resumed}），帖子问题 {s['findings']} 处。")
    for a in report.accounts:
        if a.verdict == "不合格":
            typer.echo(f"  不合格  {a.name}（{a.platform or a.family}）：{'；'.join(a.problems)}")
    if report.recheck:
        still = [r for r in report.recheck if r["status"] == "仍未整改"]
        typer.echo(f"上期（{report.previous_run}）不合格账号 {len(report.recheck)} 个，经复查 {len(still)} 个仍未整改"
                   + ("：" + "、".join(f"{r['account']}（{r['platform']}）" for r in still) if still else "。"))
    if report.previous_run:
        still = sum(1 for r in report.rectification if r["status"] == "仍未整改")
        typer.echo(f"整改情况（对比 {report.previous_run}）：{still} 项仍未整改，"
                   f"{sum(1 for r in report.rectification if r['status'] == '已整改')} 项已整改。")
    if st.linted and st.seconds and not st.resumed:
        typer.echo(f"速度：{st.rate:,.0f} 篇/秒（{where}）", err=True)
    for path in written:
        typer.echo(f"报告：{path}")
    if report.images_read:
        typer.echo(f"图片：识别 {report.images_read} 张。")
    if report.images_unread:
        from lint.audit.images import unread_reason

        typer.echo(f"zwlint: {report.images_unread} 张图片未识别文字（{unread_reason(report.stats.images)}），"
                   "其中的文字未检查。", err=True)
    if report.errors:
        typer.echo(f"zwlint: {len(report.errors)} 条记录未能检查，原因见报告的错误列表，例如：", err=True)
        for e in report.errors[:5]:
            where = f"{e['path']} (record {e['record']})" if e["record"] else e["path"]
            typer.echo(f"zwlint: error: {where}: {e['reason']}", err=True)
