"""The whole audit: lint phase, account checks, verdicts, 整改情况 against an earlier run,
and the AuditReport every renderer (html / xlsx / json) reads."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Callable, Iterator

from lint.audit import workdays
from lint.audit.accounts import (
    FAIL, Account, attach_post_problems, build_accounts, check_registry, check_replies,
    check_updates, judge, pass_rate, unit_table,
)
from lint.audit.inputs import read_interactions, read_registry
from lint.audit.runner import LintStats, lint_posts
from lint.audit.settings import AuditSettings
from lint.audit.store import Store
from lint.report.mask import mask_passage
from lint.config import Config
from lint.model import CATEGORIES

REPORT_VERSION = 1


def quarter_of(day: date) -> tuple[str, date]:
    """('2026Q3', 2026-07-01) for a day in the third quarter of 2026."""
    q = (day.month - 1) // 3 + 1
    return f"{day.year}Q{q}", date(day.year, 3 * (q - 1) + 1, 1)


@dataclass
class AuditReport:
    run: str
    as_of: date
    since: date
    settings: AuditSettings
    inputs: list[str]
    store: Store
    attempt: int
    stats: LintStats
    accounts: list[Account]
    errors: list[dict]
    previous_run: str | None = None
    rectification: list[dict] = field(default_factory=list)
    # the accounts the earlier run failed, re-checked: 已整改 / 仍未整改 / 未复核
    recheck: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    generated: str = field(default_factory=lambda: datetime.now().isoformat(timespec="seconds"))
    posts: int = 0
    posts_resumed: int = 0
    chart: dict[str, dict[str, int]] = field(default_factory=dict)
    findings_total: int = 0
    by_category: dict[str, int] = field(default_factory=dict)
    # False (the default): identity card and phone numbers are masked in every report
    # (lint/report/mask.py); --show-personal-data sets it.
    show_personal_data: bool = False
    images_read: int = 0  # images of the posts of this run recognised (lint.audit.images)
    images_unread: int = 0

    @property
    def units(self) -> list[dict]:
        return unit_table(self.accounts)

    @property
    def summary(self) -> dict:
        n = len(self.accounts)
        bad = sum(a.verdict == FAIL for a in self.accounts)
        return {
            "accounts": n, "unqualified": bad, "pass_rate": pass_rate(n, bad),
            "posts": self.posts, "posts_linted": self.stats.linted, "posts_resumed": self.posts_resumed,
            "errors": len(self.errors), "findings": self.findings_total,
            "by_category": dict(self.by_category),
            "images_read": self.images_read, "images_unread": self.images_unread,
        }

    def iter_findings(self) -> Iterator[dict]:
        """Every post finding of this run (streamed from the store), with its post."""
        veto_of = self.settings.is_veto
        for r in self.store.findings(self.run, self.attempt):
            row = {
                "account": r["account"], "platform": r["platform"], "post": r["key"],
                "record": r["record"], "title": r["title"], "published": r["published"],
                "path": r["path"], "rule": r["rule"], "name": r["name"], "category": r["category"],
                "severity": r["severity"], "message": r["message"], "field": r["field"],
                "start": r["start"], "end": r["end"], "line": r["line"], "column": r["col"],
                "text": r["text"], "before": r["before"], "after": r["after"],
                "suggestions": json.loads(r["suggestions"] or "[]"),
                "veto": veto_of(r["rule"], r["category"], r["severity"]),
                "_family": r["family"],
            }
            if r["image"] is not None:  # found in an image the post lists: where, and the cropped region
                row["image"] = json.loads(r["image"])
                row["_crop"] = r["crop"]
            yield row if self.show_personal_data else mask_passage(row)


def _rectification(store: Store, run: str, attempt: int, previous: str,
                   accounts: dict[tuple[str, str], Account]) -> list[dict]:
    """Each problem of the earlier run: 仍未整改 (still present), 已整改 (gone) or 未复核
    (the account or post is not in this audit's input)."""
    from lint.audit.inputs import norm_name

    items: list[dict] = []
    current_account = {(norm_name(a.name), a.family, f.rule) for a in accounts.values() for f in a.findings}
    for p in store.account_problems(previous):
        k = (norm_name(p["account"]), p["family"])
        if k not in accounts:
            status = "未复核（本期未检查该账号）"
        elif (*k, p["rule"]) in current_account:
            status = "仍未整改"
        else:
            status = "已整改"
        items.append({"account": p["account"], "family": p["family"], "rule": p["rule"], "problem": p["message"],
                      "post": None, "text": None, "status": status})
    prev_attempt = store.run_attempt(previous)
    current = store.finding_keys(run, attempt)
    present_posts = {k for k, _, _ in current}
    seen_keys: dict[str, bool] = {}
    for r in store.findings(previous, prev_attempt):
        key = r["key"]
        if key not in seen_keys:
            seen_keys[key] = key in present_posts or bool(store.post_keys_present(run, attempt, [key]))
        if not seen_keys[key]:
            status = "未复核（本期输入不含该帖）"
        elif (key, r["rule"], r["text"]) in current:
            status = "仍未整改"
        else:
            status = "已整改"
        items.append({"account": r["account"], "family": r["family"], "rule": r["rule"],
                      "problem": f"{CATEGORIES.get(r['category'], r['category'])}：{r['message']}",
                      "post": key, "text": r["text"], "status": status})
    return items


def _recheck(store: Store, previous: str, accounts: dict[tuple[str, str], Account]) -> list[dict]:
    """The accounts the earlier run found 不合格, and what became of them (seed 003: 经复查,
    “咸宁禁毒宣传”仍未按要求完成整改)."""
    from lint.audit.accounts import index_accounts
    from lint.audit.inputs import norm_name

    index = index_accounts(accounts.values())
    out = []
    for row in store.accounts(previous):
        if row["verdict"] != FAIL:
            continue
        now = index.get((norm_name(row["account"]), row["family"]))
        if now is None:
            status = "未复核（本期未检查该账号）"
        elif now.verdict == FAIL:
            status = "仍未整改"
        else:
            status = "已整改"
        out.append({"account": row["account"], "family": row["family"], "platform": row["platform"],
                    "unit": row["grp"], "previous_problems": json.loads(row["problems"] or "[]"),
                    "verdict": now.verdict if now else None, "problems": now.problems if now else [],
                    "status": status})
    return out


def run_audit(paths: list[str], *, as_of: date, since: date | None = None, config: Config | None = None,
              settings: AuditSettings | None = None, registry: Path | None = None,
              interactions: Path | None = None, store_path: Path | str = ":memory:",
              run: str | None = None, compare: str | None = None, fresh: bool = False, jobs: int = 1,
              progress: Callable | None = None, linter=None, lint_phase: Callable | None = None,
              show_personal_data: bool = False, images: bool = True) -> AuditReport:
    """`lint_phase(paths, store, run, attempt, config, progress=..., images=...)` replaces the
    process pool's lint phase (lint_posts), e.g. the Dask engine's. `images`: recognise the
    images of the posts (when the OCR extra is installed)."""
    config = config or Config()
    settings = settings or AuditSettings()
    label, q_start = quarter_of(as_of)
    since = since or q_start
    run = run or label
    store = Store(store_path)
    try:
        report = _audit(store, paths, as_of, since, run, config, settings, registry, interactions,
                        compare, fresh, jobs, progress, linter, lint_phase, images)
        report.show_personal_data = show_personal_data
        if not show_personal_data:
            report.rectification = [mask_passage(r) for r in report.rectification]
    except BaseException:
        store.close()
        raise
    return report


def _audit(store, paths, as_of, since, run, config, settings, registry, interactions, compare, fresh, jobs,
           progress, linter, lint_phase=None, images=True) -> AuditReport:
    attempt, _ = store.begin_run(run, as_of.isoformat(), since.isoformat(), "", settings.to_dict(),
                                 [str(p) for p in paths], fresh=fresh)
    if lint_phase is not None:
        stats = lint_phase(paths, store, run, attempt, config, progress=progress, images=images)
    else:
        stats = lint_posts(paths, store, run, attempt, config, jobs=jobs, progress=progress, linter=linter,
                           images=images)

    reg_entries = None
    if registry is not None:
        reg_entries, errs = read_registry(Path(registry))
        for e in errs:
            store.add_error(run, attempt, e.path, e.record, e.reason)
    msgs = []
    if interactions is not None:
        msgs, errs = read_interactions(Path(interactions))
        for e in errs:
            store.add_error(run, attempt, e.path, e.record, e.reason)

    accounts, errs = build_accounts(store.account_dates(run, attempt), reg_entries, settings, as_of)
    for e in errs:
        store.add_error(run, attempt, str(registry), e.record, e.reason)
    for acc in accounts.values():
        history = None
        if not acc.dates or acc.dates[-1] < as_of - timedelta(days=settings.update_days - 1):
            h = store.last_post_before(acc.family, acc.name, run)
            history = date.fromisoformat(h) if h else None
        acc.findings.extend(check_updates(acc, settings, as_of, since, history))
    check_registry(accounts, reg_entries is not None, settings)
    for e in check_replies(accounts, msgs, settings, as_of):
        store.add_error(run, attempt, str(interactions), e.record, e.reason)
    attach_post_problems(accounts, store.problem_counts(run, attempt))
    for acc in accounts.values():
        acc.findings.sort(key=lambda f: f.rule)
        judge(acc, settings)
    # bulletin order: units as they first appear in the registry, accounts in registry order
    first: dict[str, int] = {}
    for a in accounts.values():
        first.setdefault(a.group, len(first))
    ordered = sorted(accounts.values(), key=lambda a: first[a.group])
    store.save_accounts(run, [a.to_dict() | {"account_findings": [f.to_dict() for f in a.findings]}
                              for a in ordered])

    n_posts, _ = store.count_posts(run, attempt)
    report = AuditReport(run=run, as_of=as_of, since=since, settings=settings, inputs=[str(p) for p in paths],
                         store=store, attempt=attempt, stats=stats, accounts=ordered, errors=[],
                         posts=n_posts, posts_resumed=stats.resumed)
    # chart and totals: post findings by unit and category, plus account findings
    from lint.audit.accounts import index_accounts
    from lint.audit.inputs import norm_name

    group_of = {k: a.group for k, a in index_accounts(ordered).items()}

    for r in store.category_counts(run, attempt):
        n = r["n"]
        report.findings_total += n
        report.by_category[r["category"]] = report.by_category.get(r["category"], 0) + n
        unit = group_of.get((norm_name(r["account"] or ""), r["family"]), "（未标注账号）")
        report.chart.setdefault(unit, {}).setdefault(r["category"], 0)
        report.chart[unit][r["category"]] += n
    for a in ordered:
        if a.findings:
            report.chart.setdefault(a.group, {}).setdefault("account", 0)
            report.chart[a.group]["account"] += len(a.findings)
    undated = [f"{a.name}（{a.undated}篇）" for a in ordered if a.undated]
    if undated:
        report.notes.append("以下账号有帖子没有发布日期，更新情况只按有日期的帖子判断：" + "、".join(undated))
    report.images_read, report.images_unread = store.image_counts(run, attempt)
    if report.images_unread:
        from lint.audit.images import unread_reason

        report.notes.append(f"帖子的图片中有{report.images_unread}张未识别文字（{unread_reason(stats.images)}），"
                            "这些图片中的文字未检查，帖子的文字已检查。")
    unattributed = store.unattributed_posts(run, attempt)
    if unattributed:
        report.notes.append(f"{unattributed}篇帖子没有账号（account），已检查其内容，但不计入账号判定。")
    if stats.resumed:
        report.notes.append(f"续查：{stats.resumed}篇帖子已在本批次此前的运行中检查（内容和规则未变），未重复检查。")
    uncovered = sorted(workdays.uncovered_years)
    if uncovered:
        report.notes.append(f"节假日数据未覆盖{'、'.join(map(str, uncovered))}年，按周一至周五计算工作日。")

    previous = compare or store.previous_run(run, as_of.isoformat())
    if previous and previous != run and store.has_run(previous):
        report.previous_run = previous
        report.rectification = _rectification(store, run, attempt, previous, accounts)
        report.recheck = _recheck(store, previous, accounts)
    elif compare:
        report.notes.append(f"存储中没有运行“{compare}”，未做整改情况对比。")
    report.errors = store.errors(run)
    store.finish_run(run)
    return report
