"""Account checks (ZW001-ZW007) and verdicts, the way the inspection bulletins judge:
不合格 when a veto item is present, otherwise 合格 with the deductible problems listed."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Iterable

from lint.audit.inputs import Interaction, RegistryEntry, norm_name, platform_family
from lint.audit.settings import AuditSettings
from lint.audit.workdays import add_workdays, workdays_between
from lint.model import CATEGORIES, SEVERITY_RANK
from lint.rules.account import (
    NeverUpdated, NoUpdateTwoWeeks, RegistryNameMismatch, SeveralAccountsOnePlatform, SlowReply,
    Unregistered, WeekGapTwice,
)
from lint.text.readers import InputError

PASS, FAIL = "合格", "不合格"
UNREGISTERED_UNIT = "（未备案账号）"


@dataclass
class AccountFinding:
    rule: str
    label: str
    message: str  # the 存在问题 wording, with its detail
    severity: str
    veto: bool = False

    def to_dict(self) -> dict:
        return {"rule": self.rule, "label": self.label, "message": self.message,
                "severity": self.severity, "veto": self.veto}


@dataclass
class PostProblem:
    """Post findings of one rule on one account, counted."""

    rule: str
    name: str
    category: str
    severity: str
    count: int
    veto: bool


@dataclass
class Account:
    name: str
    family: str
    platform: str = ""
    owner: str = ""
    supervisor: str = ""
    group: str = ""
    type: str = ""
    registered: bool = False
    registered_name: str = ""
    opened: date | None = None
    dates: list[date] = field(default_factory=list)  # post dates up to --as-of, sorted
    posts: int = 0
    undated: int = 0  # posts without a publication date
    last_post: date | None = None  # including earlier runs in the store
    findings: list[AccountFinding] = field(default_factory=list)
    post_problems: list[PostProblem] = field(default_factory=list)
    verdict: str = PASS
    aliases: set[str] = field(default_factory=set)  # other names its posts carry (its 备案名称)

    @property
    def key(self) -> tuple[str, str]:
        return norm_name(self.name), self.family

    @property
    def problems(self) -> list[str]:
        """The bulletin's 存在问题 column: veto items first."""
        items: list[tuple[int, str]] = [(0 if f.veto else 1, f.message) for f in self.findings]
        by_cat: dict[str, list[PostProblem]] = {}
        for p in self.post_problems:
            by_cat.setdefault(p.category, []).append(p)
        for cat, probs in by_cat.items():
            n = sum(p.count for p in probs)
            veto = any(p.veto for p in probs)
            items.append((0 if veto else 1, f"{CATEGORIES.get(cat, cat)}{n}处"))
        items.sort(key=lambda x: x[0])
        return [m for _, m in items]

    def to_dict(self) -> dict:
        return {
            "name": self.name, "platform": self.platform, "family": self.family, "owner": self.owner,
            "supervisor": self.supervisor, "group": self.group, "unit": self.group, "type": self.type,
            "registered": self.registered, "registered_name": self.registered_name,
            "posts": self.posts, "last_post": self.last_post.isoformat() if self.last_post else None,
            "verdict": self.verdict, "problems": self.problems,
            "account_findings": [f.to_dict() for f in self.findings],
            "post_problems": [p.__dict__ for p in self.post_problems],
        }


def is_publishing(acc: Account, settings: AuditSettings) -> bool:
    return not acc.type or any(t in acc.type for t in settings.publishing_types)


# ---------------------------------------------------------------- building the account list

def build_accounts(post_dates: Iterable, registry: list[RegistryEntry] | None, settings: AuditSettings,
                   as_of: date) -> tuple[dict[tuple[str, str], Account], list[InputError]]:
    """Accounts from the posts (rows with family, account, platform, published) and the registry."""
    accounts: dict[tuple[str, str], Account] = {}
    by_registered: dict[tuple[str, str], tuple[str, str]] = {}
    errors: list[InputError] = []
    for e in registry or []:
        k = (norm_name(e.name), e.family)
        if k in accounts:
            errors.append(InputError("registry", f"account {e.name} ({e.family}) listed twice", record=f"row {e.row}"))
            continue
        acc = Account(name=e.name, family=e.family, platform=e.platform, owner=e.owner,
                      supervisor=e.supervisor, type=e.type, registered=True,
                      registered_name=e.registered_name, opened=e.opened)
        acc.group = e.group or (e.supervisor if settings.group_by == "supervisor" else e.owner) or e.owner or e.supervisor
        accounts[k] = acc
        if e.registered_name and norm_name(e.registered_name) != k[0]:
            by_registered.setdefault((norm_name(e.registered_name), e.family), k)

    for row in post_dates:
        family, name, platform, published = row["family"], row["account"], row["platform"], row["published"]
        if not name:
            continue
        k = (norm_name(name), family)
        if k not in accounts and k in by_registered:
            k = by_registered[k]
            acc = accounts[k]
            acc.aliases.add(norm_name(name))
            if not any(f.rule == RegistryNameMismatch.code for f in acc.findings):
                # known in the registry only under its 备案名称: the registry must be corrected
                acc.findings.append(AccountFinding(
                    RegistryNameMismatch.code, RegistryNameMismatch.label,
                    f"{RegistryNameMismatch.label}（发布账号名称“{name}”，登记的账号名称“{acc.name}”）",
                    RegistryNameMismatch.severity))
        acc = accounts.get(k)
        if acc is None:
            acc = Account(name=name, family=family, platform=platform or "", registered=False,
                          group=UNREGISTERED_UNIT if registry is not None else "")
            accounts[k] = acc
        if not acc.platform and platform:
            acc.platform = platform
        acc.posts += 1
        if not published:
            acc.undated += 1
        else:
            d = date.fromisoformat(published)
            if d <= as_of:
                acc.dates.append(d)
    for acc in accounts.values():
        acc.dates.sort()
        acc.last_post = acc.dates[-1] if acc.dates else None
        if not acc.group:
            acc.group = acc.owner or acc.supervisor or "（未知单位）"
    return accounts, errors


# ---------------------------------------------------------------- the checks

def check_updates(acc: Account, settings: AuditSettings, as_of: date, since: date,
                  history_last: date | None = None) -> list[AccountFinding]:
    """ZW001 / ZW002 / ZW003 for one account. `history_last`: its latest post in earlier runs."""
    if not is_publishing(acc, settings):
        return []
    out: list[AccountFinding] = []
    last = acc.dates[-1] if acc.dates else None
    if history_last and history_last <= as_of and (last is None or history_last > last):
        last = history_last
    acc.last_post = last
    window_start = as_of - timedelta(days=settings.update_days - 1)  # the update window, inclusive
    new_account = acc.opened is not None and acc.opened > as_of - timedelta(days=settings.update_days)
    if last is None:
        if acc.posts:  # it posts, but no post is dated on or before --as-of: nothing to judge
            return out
        if not new_account:
            opened = f"（开通日期{acc.opened.isoformat()}）" if acc.opened else ""
            out.append(AccountFinding(NeverUpdated.code, NeverUpdated.label,
                                      f"{NeverUpdated.label}{opened}", NeverUpdated.severity))
        return out
    if last < window_start and not new_account:
        days = settings.update_days
        label = "内容2周内无更新" if days == 14 else f"内容{days}天内无更新"
        out.append(AccountFinding(NoUpdateTwoWeeks.code, label,
                                  f"{label}（最近更新时间{last.isoformat()}）", NoUpdateTwoWeeks.severity))
        return out
    # ZW003: windows of week_days counted back from as_of, inside the period and after opening
    empty: list[tuple[date, date]] = []
    posted = set(acc.dates)
    end = as_of
    start_limit = max(since, acc.opened) if acc.opened else since
    while True:
        start = end - timedelta(days=settings.week_days - 1)
        if start < start_limit:
            break
        if not any(start + timedelta(days=i) in posted for i in range(settings.week_days)):
            empty.append((start, end))
        end = start - timedelta(days=1)
    if len(empty) >= settings.week_gap_times:
        spans = "、".join(f"{s.strftime('%m-%d')}至{e.strftime('%m-%d')}" for s, e in sorted(empty)[:3])
        if len(empty) > 3:
            spans += "等"

        out.append(AccountFinding(WeekGapTwice.code, WeekGapTwice.label,
                                  f"一周未更新{len(empty)}次（{spans}）", WeekGapTwice.severity))
    return out


def check_registry(accounts: dict[tuple[str, str], Account], registry_given: bool,
                   settings: AuditSettings) -> None:
    """ZW004, ZW005, ZW006."""
    if not registry_given:
        return
    per_unit: dict[tuple[str, str], list[Account]] = {}
    for acc in accounts.values():
        if not acc.registered:
            acc.findings.append(AccountFinding(Unregistered.code, Unregistered.label, Unregistered.label,
                                               Unregistered.severity))
            continue
        if (acc.registered_name and norm_name(acc.registered_name) != norm_name(acc.name)
                and not any(f.rule == RegistryNameMismatch.code for f in acc.findings)):
            acc.findings.append(AccountFinding(
                RegistryNameMismatch.code, RegistryNameMismatch.label,
                f"{RegistryNameMismatch.label}（备案名称“{acc.registered_name}”）", RegistryNameMismatch.severity))
        if acc.owner:
            per_unit.setdefault((norm_name(acc.owner), acc.family), []).append(acc)
    for (_, family), accs in per_unit.items():
        if len(accs) > settings.max_accounts_per_platform:
            for acc in accs:
                others = "、".join(a.name for a in accs if a is not acc)
                acc.findings.append(AccountFinding(
                    SeveralAccountsOnePlatform.code, SeveralAccountsOnePlatform.label,
                    f"同一单位在{family}开设{len(accs)}个账号（另有{others}）", SeveralAccountsOnePlatform.severity))


def check_replies(accounts: dict[tuple[str, str], Account], interactions: list[Interaction],
                  settings: AuditSettings, as_of: date) -> list[InputError]:
    """ZW007: messages answered later than reply_days working days, or not at all by then."""
    by_name: dict[str, list[Account]] = {}
    for acc in accounts.values():
        by_name.setdefault(norm_name(acc.name), []).append(acc)
    late: dict[tuple[str, str], list[tuple[Interaction, int, bool]]] = {}
    errors: list[InputError] = []
    for it in interactions:
        name = norm_name(it.account)
        if it.platform:
            acc = accounts.get((name, platform_family(it.platform)))
        else:
            cands = by_name.get(name, [])
            acc = cands[0] if len(cands) == 1 else None
        if acc is None:
            errors.append(InputError("interactions", f"message for an account not in the audit: {it.account} {it.platform}".strip(),
                                     record=it.id))
            continue
        received = it.received.date()
        if received > as_of:
            continue
        deadline = add_workdays(received, settings.reply_days)
        if it.replied is not None:
            replied = it.replied.date()
            if replied > deadline:
                late.setdefault(acc.key, []).append((it, workdays_between(received, replied), False))
        elif as_of > deadline:
            late.setdefault(acc.key, []).append((it, workdays_between(received, as_of), True))
    for key, items in late.items():
        acc = accounts[key]
        unanswered = sum(1 for _, _, u in items if u)
        worst = max(n for _, n, _ in items)
        detail = f"{len(items)}条留言未在{settings.reply_days}个工作日内答复"
        if unanswered:
            detail += f"，其中{unanswered}条至检查日仍未答复"
        detail += f"（最长{worst}个工作日）"
        acc.findings.append(AccountFinding(SlowReply.code, SlowReply.label, detail, SlowReply.severity))
    return errors


def judge(acc: Account, settings: AuditSettings) -> None:
    for f in acc.findings:
        f.veto = settings.is_veto(f.rule, "account", f.severity)
    for p in acc.post_problems:
        p.veto = settings.is_veto(p.rule, p.category, p.severity)
    veto = any(f.veto for f in acc.findings) or any(p.veto for p in acc.post_problems)
    acc.verdict = FAIL if veto else PASS


def index_accounts(accounts: Iterable[Account]) -> dict[tuple[str, str], Account]:
    """(normalised name, platform family) -> account, for every name its posts carry."""
    index: dict[tuple[str, str], Account] = {}
    for acc in accounts:
        index[acc.key] = acc
        for alias in acc.aliases:
            index.setdefault((alias, acc.family), acc)
    return index


def attach_post_problems(accounts: dict[tuple[str, str], Account], rows: Iterable) -> None:
    """rows: (family, account, rule, name, category, severity, n) of post findings."""
    index = index_accounts(accounts.values())
    for r in rows:
        acc = index.get((norm_name(r["account"]), r["family"]))
        if acc is None:
            continue
        acc.post_problems.append(PostProblem(r["rule"], r["name"], r["category"], r["severity"], r["n"], False))
    for acc in accounts.values():
        acc.post_problems.sort(key=lambda p: (-SEVERITY_RANK.get(p.severity, 0), p.rule))


def unit_table(accounts: Iterable[Account]) -> list[dict]:
    units: dict[str, list[int]] = {}
    for acc in accounts:
        u = units.setdefault(acc.group, [0, 0])
        u[0] += 1
        u[1] += acc.verdict == FAIL
    rows = []
    for unit, (n, bad) in sorted(units.items(), key=lambda kv: kv[0] == UNREGISTERED_UNIT):
        rows.append({"unit": unit, "checked": n, "unqualified": bad, "pass_rate": pass_rate(n, bad)})
    return rows


def pass_rate(n: int, bad: int) -> str:
    if n == 0:
        return "—"
    rate = (n - bad) * 100 / n
    return f"{rate:.1f}%".replace(".0%", "%")
