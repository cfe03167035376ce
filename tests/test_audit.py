"""zwlint audit: account checks, verdicts, streaming and the errors list, resume, the store's
整改情况, the renderers and the command. Post rules of other families are never relied on:
a test-only rule (not registered) stands in for a serious finding."""
from __future__ import annotations

import io
import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from lint.audit import AuditSettings, quarter_of, run_audit
from lint.audit.accounts import (
    FAIL, PASS, Account, AccountFinding, PostProblem, build_accounts, check_registry, check_replies,
    check_updates, judge,
)
from lint.audit.inputs import Interaction, RegistryEntry, platform_family, read_registry
from lint.audit.progress import Progress
from lint.audit.settings import AuditConfigError, load_audit_settings, parse_audit_table
from lint.audit.workdays import add_workdays
from lint.config import Config
from lint.rules import Issue, Rule, all_rules

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2026, 9, 30)
SINCE = date(2026, 7, 1)


class FakeSerious(Rule):
    """Test-only stand-in for a serious-expression rule (never registered)."""

    code = "ZW199"
    name = "fake-serious"
    category = "serious"
    severity = "error"

    def check(self, doc):
        i = doc.text.find("习近乎")
        if i >= 0:
            yield Issue(i, i + 3, "领导人姓名错误", ["习近平"])


class FakeTypo(Rule):
    code = "ZW299"
    name = "fake-typo"
    category = "typo"
    severity = "warning"

    def check(self, doc):
        i = doc.text.find("警钟常鸣")
        if i >= 0:
            yield Issue(i, i + 4, "疑似错别字", ["警钟长鸣"])


def fake_linter():
    from lint.engine import Linter

    linter = Linter(Config(select=["account"]))  # no real post rule: other families may change
    linter.rules = [FakeSerious(), FakeTypo()]
    return linter


def acc(dates=(), **kw) -> Account:
    a = Account(name=kw.pop("name", "青禾发布"), family=kw.pop("family", "微信"), registered=True, **kw)
    a.dates = sorted(dates)
    return a


def days_back(*ns: int) -> list[date]:
    return [AS_OF - timedelta(days=n) for n in ns]


def every(start: date, end: date, step: int) -> list[date]:
    out, d = [], start
    while d <= end:
        out.append(d)
        d += timedelta(days=step)
    return out


# ---------------------------------------------------------------- rules registry

def test_account_rules_are_registered_with_docs_and_never_fire_on_text():
    from lint import check_text

    rules = all_rules()
    codes = ["ZW001", "ZW002", "ZW003", "ZW004", "ZW005", "ZW006", "ZW007"]
    for code in codes:
        r = rules[code]
        assert r.category == "account" and r.doc.strip() and r.summary and r.name
    findings = check_text("青禾发布两周没有更新，未备案，留言未答复。", config=Config(select=["account"]))
    assert findings == []


# ---------------------------------------------------------------- update checks

def test_no_post_in_the_last_two_weeks_fails_a_publishing_account():
    a = acc(days_back(14, 20, 30))
    found = check_updates(a, AuditSettings(), AS_OF, SINCE)
    assert [f.rule for f in found] == ["ZW001"]
    assert "最近更新时间2026-09-16" in found[0].message


def test_a_post_13_days_before_the_audit_date_is_an_update():
    a = acc(every(SINCE, AS_OF - timedelta(days=13), 3))
    a.dates.append(AS_OF - timedelta(days=13))
    assert "ZW001" not in [f.rule for f in check_updates(a, AuditSettings(), AS_OF, SINCE)]


def test_update_days_is_configurable_for_ten_day_counties():
    a = acc(every(SINCE, AS_OF - timedelta(days=11), 2))
    assert check_updates(a, AuditSettings(), AS_OF, SINCE) == []
    found = check_updates(acc(a.dates), AuditSettings(update_days=10), AS_OF, SINCE)
    assert [f.rule for f in found] == ["ZW001"] and "10天内无更新" in found[0].message


def test_service_accounts_are_not_judged_on_updates():
    assert check_updates(acc([], type="服务类"), AuditSettings(), AS_OF, SINCE) == []


def test_registered_account_without_any_post_is_never_updated():
    found = check_updates(acc([], opened=date(2023, 2, 20)), AuditSettings(), AS_OF, SINCE)
    assert [f.rule for f in found] == ["ZW002"] and "开通日期2023-02-20" in found[0].message


def test_account_with_posts_in_an_earlier_run_is_stale_not_never_updated():
    found = check_updates(acc([]), AuditSettings(), AS_OF, SINCE, history_last=date(2026, 5, 2))
    assert [f.rule for f in found] == ["ZW001"] and "2026-05-02" in found[0].message


def test_newly_opened_account_has_a_grace_period():
    assert check_updates(acc([], opened=AS_OF - timedelta(days=5)), AuditSettings(), AS_OF, SINCE) == []


def test_two_silent_weeks_in_the_period_are_a_deductible_problem():
    dates = [d for d in every(SINCE, AS_OF, 3) if not date(2026, 8, 13) <= d <= date(2026, 8, 26)]
    found = check_updates(acc(dates), AuditSettings(), AS_OF, SINCE)
    assert [f.rule for f in found] == ["ZW003"]
    assert "一周未更新2次" in found[0].message and "08-13至08-19" in found[0].message


def test_one_silent_week_is_not_reported():
    dates = [d for d in every(SINCE, AS_OF, 3) if not date(2026, 8, 20) <= d <= date(2026, 8, 26)]
    assert check_updates(acc(dates), AuditSettings(), AS_OF, SINCE) == []


# ---------------------------------------------------------------- registry checks

def _rows(*accounts):
    return [{"family": platform_family(p), "account": n, "platform": p, "published": d} for n, p, d in accounts]


def test_platform_families():
    assert platform_family("微信订阅号") == platform_family("微信服务号") == platform_family("微信公众号") == "微信"
    assert platform_family("新浪微博") == "微博"
    assert platform_family("抖音短视频") == "抖音"


def test_unregistered_account_is_reported_only_when_a_registry_is_given():
    reg = [RegistryEntry("青禾发布", "微信公众号", owner="市政府办")]
    rows = _rows(("青禾发布", "微信订阅号", "2026-09-29"), ("青禾市场监管", "新浪微博", "2026-09-29"))
    accounts, _ = build_accounts(rows, reg, AuditSettings(), AS_OF)
    check_registry(accounts, True, AuditSettings())
    by_name = {a.name: [f.rule for f in a.findings] for a in accounts.values()}
    assert by_name == {"青禾发布": [], "青禾市场监管": ["ZW004"]}
    accounts, _ = build_accounts(rows, None, AuditSettings(), AS_OF)
    check_registry(accounts, False, AuditSettings())
    assert all(not a.findings for a in accounts.values())


def test_registered_name_different_from_account_name():
    reg = [RegistryEntry("青禾住建", "微信公众号", registered_name="青禾市住房和城乡建设局"),
           RegistryEntry("青禾发布", "微信公众号", registered_name="青禾发布")]
    accounts, _ = build_accounts(_rows(("青禾住建", "微信公众号", "2026-09-29")), reg, AuditSettings(), AS_OF)
    check_registry(accounts, True, AuditSettings())
    rules = {a.name: [f.rule for f in a.findings] for a in accounts.values()}
    assert rules == {"青禾住建": ["ZW005"], "青禾发布": []}


def test_account_known_only_by_its_registered_name_is_matched_and_flagged():
    reg = [RegistryEntry("咸宁住建", "微信服务号", registered_name="咸宁市住建局")]
    accounts, _ = build_accounts(_rows(("咸宁市住建局", "微信服务号", "2026-09-29")), reg, AuditSettings(), AS_OF)
    check_registry(accounts, True, AuditSettings())
    assert len(accounts) == 1
    (a,) = accounts.values()
    assert a.posts == 1 and [f.rule for f in a.findings] == ["ZW005"]


def test_findings_of_posts_under_the_registered_name_count_for_the_account(tmp_path):
    reg = tmp_path / "reg.tsv"
    reg.write_text("账号名称\t平台\t主办单位\t备案名称\n咸宁住建\t微信服务号\t住建局\t咸宁市住建局\n", encoding="utf-8")
    src = _write_jsonl(tmp_path / "p.jsonl", [_post("x1", "咸宁市住建局", "2026-09-29", "学习习近乎讲话。", platform="微信服务号")])
    report = run_audit([str(src)], as_of=AS_OF, registry=reg, linter=fake_linter())
    (a,) = report.accounts
    assert a.name == "咸宁住建" and a.verdict == FAIL
    assert a.problems[0] == "严重表述错误1处"
    assert "备案名称不一致（发布账号名称“咸宁市住建局”，登记的账号名称“咸宁住建”）" in a.problems
    report.store.close()


def test_several_accounts_of_one_unit_on_one_platform():
    reg = [RegistryEntry("青禾交通", "微信订阅号", owner="青禾市交通运输局"),
           RegistryEntry("青禾交通服务", "微信服务号", owner="青禾市交通运输局"),
           RegistryEntry("青禾交通", "抖音", owner="青禾市交通运输局")]
    accounts, _ = build_accounts([], reg, AuditSettings(), AS_OF)
    check_registry(accounts, True, AuditSettings())
    rules = {(a.name, a.family): [f.rule for f in a.findings] for a in accounts.values()}
    assert rules[("青禾交通", "微信")] == ["ZW006"] and rules[("青禾交通服务", "微信")] == ["ZW006"]
    assert rules[("青禾交通", "抖音")] == []
    accounts, _ = build_accounts([], reg, AuditSettings(max_accounts_per_platform=2), AS_OF)
    check_registry(accounts, True, AuditSettings(max_accounts_per_platform=2))
    assert all(not a.findings for a in accounts.values())


def test_registry_reads_chinese_headers(tmp_path):
    p = tmp_path / "reg.csv"
    p.write_text("账号名称,平台,主办单位,主管单位,备案名称,账号类型,开通日期\n"
                 "青禾发布,微信公众号,市政府办,市政府办,青禾发布,发布类,2019/03/01\n,微博,,,,,\n", encoding="utf-8")
    entries, errors = read_registry(p)
    assert entries[0].name == "青禾发布" and entries[0].opened == date(2019, 3, 1) and entries[0].family == "微信"
    assert len(errors) == 1 and "without an account name" in errors[0].reason


# ---------------------------------------------------------------- replies and working days

def test_working_days_follow_the_holiday_calendar():
    assert add_workdays(date(2026, 9, 30), 1) == date(2026, 10, 8)  # National Day holiday
    assert add_workdays(date(2026, 9, 30), 3) == date(2026, 10, 10)  # Saturday 10-10 is a 调休 working day
    assert add_workdays(date(2026, 9, 24), 1) == date(2026, 9, 28)  # Mid-Autumn 09-25..27


def _reply_accounts():
    accounts, _ = build_accounts(_rows(("东湖发布", "新浪微博", "2026-09-29")), None, AuditSettings(), date(2026, 10, 31))
    return accounts


def _msg(received, replied=None):
    r = datetime.fromisoformat(received)
    return Interaction("东湖发布", "微博", r, datetime.fromisoformat(replied) if replied else None)


def test_reply_over_the_holiday_within_three_working_days_is_in_time():
    accounts = _reply_accounts()
    check_replies(accounts, [_msg("2026-09-30 18:00", "2026-10-09 09:00")], AuditSettings(), date(2026, 10, 31))
    assert all(not a.findings for a in accounts.values())


def test_reply_on_the_fourth_working_day_is_late_unless_five_are_allowed():
    accounts = _reply_accounts()
    check_replies(accounts, [_msg("2026-09-30 18:00", "2026-10-12 09:00")], AuditSettings(), date(2026, 10, 31))
    (a,) = accounts.values()
    assert [f.rule for f in a.findings] == ["ZW007"] and "最长4个工作日" in a.findings[0].message
    accounts = _reply_accounts()
    check_replies(accounts, [_msg("2026-09-30 18:00", "2026-10-12 09:00")], AuditSettings(reply_days=5), date(2026, 10, 31))
    assert all(not a.findings for a in accounts.values())


def test_unanswered_message_counts_only_after_its_deadline():
    accounts = _reply_accounts()
    check_replies(accounts, [_msg("2026-10-27 10:00")], AuditSettings(), date(2026, 10, 29))
    assert all(not a.findings for a in accounts.values())
    check_replies(accounts, [_msg("2026-10-20 10:00")], AuditSettings(), date(2026, 10, 29))
    (a,) = accounts.values()
    assert "仍未答复" in a.findings[0].message


def test_message_for_an_unknown_account_goes_to_the_errors_list():
    accounts = _reply_accounts()
    errors = check_replies(accounts, [Interaction("不存在", "微博", datetime(2026, 9, 1), None, "m1")],
                           AuditSettings(), AS_OF)
    assert len(errors) == 1 and errors[0].record == "m1"


# ---------------------------------------------------------------- verdicts

def test_a_serious_finding_fails_the_account():
    a = acc(days_back(1))
    a.post_problems = [PostProblem("ZW101", "leader-name", "serious", "error", 1, False)]
    judge(a, AuditSettings())
    assert a.verdict == FAIL and a.problems == ["严重表述错误1处"]


def test_deductible_problems_are_listed_on_a_passing_account():
    a = acc(days_back(1))
    a.findings = [AccountFinding("ZW004", "未备案", "未备案", "warning")]
    a.post_problems = [PostProblem("ZW201", "typo", "typo", "warning", 3, False),
                       PostProblem("ZW101", "leader-name", "serious", "warning", 1, False)]
    judge(a, AuditSettings())
    assert a.verdict == PASS
    assert a.problems == ["未备案", "疑似错别字3处", "严重表述错误1处"]


def test_veto_list_is_configurable():
    a = acc(days_back(1))
    a.findings = [AccountFinding("ZW004", "未备案", "未备案", "warning")]
    judge(a, parse_audit_table({"veto": ["serious", "ZW001", "ZW002", "ZW004"]}))
    assert a.verdict == FAIL and a.findings[0].veto


def test_no_update_fails_and_is_listed_first():
    a = acc(days_back(20))
    a.findings = check_updates(a, AuditSettings(), AS_OF, SINCE)
    a.post_problems = [PostProblem("ZW201", "typo", "typo", "warning", 1, False)]
    judge(a, AuditSettings())
    assert a.verdict == FAIL and a.problems[0].startswith("内容2周内无更新")


# ---------------------------------------------------------------- settings

def test_audit_settings_from_pyproject(tmp_path):
    p = tmp_path / "pyproject.toml"
    p.write_text('[tool.zwlint]\nselect = ["ZW1"]\n[tool.zwlint.audit]\nupdate-days = 10\nreply-days = 5\n'
                 'veto = ["serious", "ZW004"]\n', encoding="utf-8")
    s = load_audit_settings(p)
    assert (s.update_days, s.reply_days, s.veto) == (10, 5, ("serious", "ZW004"))
    with pytest.raises(AuditConfigError):
        parse_audit_table({"update-dayz": 3})
    with pytest.raises(AuditConfigError):
        parse_audit_table({"reply-days": 0})


def test_quarter_of():
    assert quarter_of(date(2026, 9, 30)) == ("2026Q3", date(2026, 7, 1))
    assert quarter_of(date(2026, 1, 1)) == ("2026Q1", date(2026, 1, 1))


# ---------------------------------------------------------------- end to end

def _post(pid, account, day, content="今天召开工作会议。", title="工作动态", platform="微信公众号"):
    return {"id": pid, "account": account, "platform": platform, "title": title, "content": content,
            "published": day}


def _write_jsonl(path: Path, records) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for r in records:
            fh.write((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n")
    return path


def _quarter_posts(account, start, end, step=2, prefix=None, **kw):
    prefix = prefix or account
    return [_post(f"{prefix}-{d.isoformat()}", account, d.isoformat(), **kw) for d in every(start, end, step)]


@pytest.fixture
def registry(tmp_path) -> Path:
    p = tmp_path / "registry.tsv"
    p.write_text("账号名称\t平台\t主办单位\t主管单位\t分组\t备案名称\t账号类型\t开通日期\n"
                 "甲发布\t微信公众号\t甲单位\t市政府办\t市直\t甲发布\t发布类\t2020-01-01\n"
                 "乙发布\t微信公众号\t乙单位\t市政府办\t市直\t乙发布\t发布类\t2020-01-01\n"
                 "丙发布\t微博\t丙单位\t丙县政府\t丙县\t丙发布\t发布类\t2020-01-01\n", encoding="utf-8")
    return p


def test_audit_judges_accounts_from_posts_and_registry(tmp_path, registry):
    posts = (_quarter_posts("甲发布", SINCE, AS_OF)
             + _quarter_posts("乙发布", SINCE, date(2026, 9, 1))
             + [_post("丙-1", "丙发布", "2026-09-29", "深入学习习近乎同志重要讲话精神。", platform="新浪微博")]
             + _quarter_posts("丙发布", SINCE, AS_OF, prefix="丙x", platform="新浪微博"))
    src = _write_jsonl(tmp_path / "posts.jsonl", posts)
    report = run_audit([str(src)], as_of=AS_OF, registry=registry, linter=fake_linter())
    verdicts = {a.name: (a.verdict, a.problems) for a in report.accounts}
    assert verdicts["甲发布"] == (PASS, [])
    assert verdicts["乙发布"][0] == FAIL and verdicts["乙发布"][1][0].startswith("内容2周内无更新")
    assert verdicts["丙发布"] == (FAIL, ["严重表述错误1处"])
    assert [(u["unit"], u["checked"], u["unqualified"], u["pass_rate"]) for u in report.units] == [
        ("市直", 2, 1, "50%"), ("丙县", 1, 1, "0%")]
    (f,) = list(report.iter_findings())
    assert (f["post"], f["text"], f["veto"], f["field"]) == ("丙-1", "习近乎", True, "content")
    assert f["before"].endswith("深入学习") and f["after"].startswith("同志")
    assert report.errors == []
    report.store.close()


def test_every_bad_record_is_in_the_errors_list(tmp_path):
    src = _write_jsonl(tmp_path / "posts.jsonl", [
        _post("a1", "甲发布", "2026-09-29"),
        "{not json",
        {"id": "a2", "account": "甲发布"},  # no content
        _post("a1", "甲发布", "2026-09-28", "另一篇"),  # duplicate id
        {"id": "a3", "account": "甲发布", "content": "x", "published": "昨天"},
        _post("a4", "甲发布", "2026-09-27"),
    ])
    csv_src = tmp_path / "more.csv"
    csv_src.write_text("id,account,platform,content,published\nc1,甲发布,微信,正文,2026-09-26\nc2,甲发布,微信,正文,2026-09-26,extra\n",
                       encoding="utf-8")
    report = run_audit([str(src), str(csv_src), str(tmp_path / "missing.jsonl")], as_of=AS_OF,
                       linter=fake_linter())
    reasons = [(e["record"], e["reason"]) for e in report.errors]
    assert report.posts == 3  # a1, a4, c1
    assert len(reasons) == 6
    text = json.dumps(reasons, ensure_ascii=False)
    for needle in ("invalid JSON", "missing field 'content'", "duplicate post id 'a1'", "not an ISO date",
                   "more cells than columns", "no such file"):
        assert needle in text
    report.store.close()


def test_interrupted_run_resumes_without_redoing_finished_posts(tmp_path):
    posts = _quarter_posts("甲发布", SINCE, AS_OF, step=1)  # 92 posts
    src = _write_jsonl(tmp_path / "posts.jsonl", posts)
    store = tmp_path / "audit.sqlite"

    def interrupt(done, total, errors):
        if done >= 40:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_audit([str(src)], as_of=AS_OF, store_path=store, linter=fake_linter(), progress=interrupt)
    report = run_audit([str(src)], as_of=AS_OF, store_path=store, linter=fake_linter())
    assert report.stats.resumed >= 32 and report.stats.resumed + report.stats.linted == len(posts)
    assert report.posts == len(posts)
    report.store.close()

    posts[5]["content"] = "改过的正文，习近乎。"
    _write_jsonl(src, posts)
    report = run_audit([str(src)], as_of=AS_OF, store_path=store, linter=fake_linter())
    assert (report.stats.linted, report.stats.resumed) == (1, len(posts) - 1)
    assert [f["post"] for f in report.iter_findings()] == [posts[5]["id"]]
    report.store.close()


def test_posts_dropped_from_the_input_do_not_linger_in_a_resumed_run(tmp_path):
    posts = _quarter_posts("甲发布", SINCE, AS_OF, step=3)
    src = _write_jsonl(tmp_path / "posts.jsonl", posts)
    store = tmp_path / "audit.sqlite"
    run_audit([str(src)], as_of=AS_OF, store_path=store, linter=fake_linter()).store.close()
    _write_jsonl(src, posts[:10])
    report = run_audit([str(src)], as_of=AS_OF, store_path=store, linter=fake_linter())
    assert report.posts == 10 and report.accounts[0].posts == 10
    report.store.close()


def test_next_quarter_reports_which_problems_are_still_unfixed(tmp_path, registry):
    store = tmp_path / "audit.sqlite"
    q2_end = date(2026, 6, 30)
    q2 = (_quarter_posts("甲发布", date(2026, 4, 1), date(2026, 6, 1))  # stale at 06-30
          + _quarter_posts("乙发布", date(2026, 4, 1), q2_end)
          + [_post("乙-bad", "乙发布", "2026-06-20", "学习习近乎同志讲话。"),
             _post("乙-typo", "乙发布", "2026-06-21", "要警钟常鸣。")])
    src2 = _write_jsonl(tmp_path / "q2.jsonl", q2)
    r2 = run_audit([str(src2)], as_of=q2_end, registry=registry, store_path=store, linter=fake_linter())
    assert {a.name: a.verdict for a in r2.accounts}["甲发布"] == FAIL
    r2.store.close()

    # Q3: 甲 updates again (fixed); 乙-bad is still online unchanged; 乙-typo was corrected
    q3 = (_quarter_posts("甲发布", SINCE, AS_OF) + _quarter_posts("乙发布", SINCE, AS_OF)
          + [_post("乙-bad", "乙发布", "2026-06-20", "学习习近乎同志讲话。"),
             _post("乙-typo", "乙发布", "2026-06-21", "要警钟长鸣。")])
    src3 = _write_jsonl(tmp_path / "q3.jsonl", q3)
    r3 = run_audit([str(src3)], as_of=AS_OF, registry=registry, store_path=store, linter=fake_linter())
    assert r3.previous_run == "2026Q2"
    status = {(r["account"], r["rule"], r["post"]): r["status"] for r in r3.rectification}
    assert status[("甲发布", "ZW001", None)] == "已整改"
    assert status[("乙发布", "ZW199", "乙-bad")] == "仍未整改"
    assert status[("乙发布", "ZW299", "乙-typo")] == "已整改"
    assert status[("丙发布", "ZW002", None)] == "仍未整改"  # 丙 never posted in either quarter
    recheck = {r["account"]: r["status"] for r in r3.recheck}
    assert recheck == {"甲发布": "已整改", "乙发布": "仍未整改", "丙发布": "仍未整改"}
    from lint.audit.render_html import write_html

    buf = io.StringIO()
    write_html(r3, buf)
    assert "上期通报不合格账号3个，经复查，2个仍未按要求完成整改" in buf.getvalue()
    r3.store.close()


# ---------------------------------------------------------------- renderers and command

@pytest.fixture
def sample_report(tmp_path, registry):
    posts = (_quarter_posts("甲发布", SINCE, AS_OF)
             + [_post("甲-bad", "甲发布", "2026-09-29", "深入学习<习近乎>同志讲话。", title="学习会")]
             + [_post("丁-1", "丁发布", "2026-09-29", "要警钟常鸣。", platform="抖音")])
    src = _write_jsonl(tmp_path / "posts.jsonl", posts + ["{broken"])
    report = run_audit([str(src)], as_of=AS_OF, registry=registry, linter=fake_linter())
    yield report
    report.store.close()


def test_xlsx_has_the_bulletin_tables(tmp_path, sample_report):
    from openpyxl import load_workbook

    from lint.audit.render_xlsx import write_xlsx

    path = tmp_path / "r.xlsx"
    write_xlsx(sample_report, path)
    wb = load_workbook(path, read_only=True)
    assert wb.sheetnames == ["单位汇总", "账号检查情况", "问题明细", "整改情况", "错误列表"]
    units = list(wb["单位汇总"].iter_rows(values_only=True))
    assert units[0] == ("序号", "单位", "检查数量", "不合格数量", "合格率")
    accounts = list(wb["账号检查情况"].iter_rows(values_only=True))
    assert accounts[0][:7] == ("序号", "政务新媒体名称", "主办单位", "主管单位", "类型", "检查结果", "存在问题")
    names = {r[1]: r[5] for r in accounts[1:]}
    assert names["甲发布"] == "不合格" and names["丁发布"] == "合格"
    details = list(wb["问题明细"].iter_rows(values_only=True))
    assert any(r[5] == "ZW199" and r[10] == "习近乎" for r in details)
    errors = list(wb["错误列表"].iter_rows(values_only=True))
    assert len(errors) == 2 and "invalid JSON" in errors[1][2]


def test_html_has_tables_chart_and_highlighted_passages(sample_report):
    from lint.audit.render_html import write_html

    buf = io.StringIO()
    write_html(sample_report, buf)
    page = buf.getvalue()
    for needle in ("检查数量", "不合格数量", "合格率", "政务新媒体名称", "存在问题", "<svg", "错误列表", "甲发布", "丁发布"):
        assert needle in page
    assert "<mark>习近乎</mark>" in page
    assert "&lt;" in page and "<习近乎>" not in page  # post text is escaped
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")  # self-contained


def test_json_report_shape(sample_report):
    from lint.audit.render_json import write_json

    buf = io.StringIO()
    write_json(sample_report, buf)
    data = json.loads(buf.getvalue())
    assert data["version"] == 1 and data["run"] == "2026Q3"
    assert set(data) >= {"summary", "units", "accounts", "findings", "rectification", "errors", "notes", "settings"}
    assert set(data["summary"]) >= {"accounts", "unqualified", "pass_rate", "posts", "errors", "findings"}
    acc = {a["name"]: a for a in data["accounts"]}
    assert acc["甲发布"]["verdict"] == "不合格"
    assert acc["丁发布"]["problems"] == ["一周未更新12次（07-02至07-08、07-09至07-15、07-16至07-22等）", "未备案", "疑似错别字1处"]
    f = next(f for f in data["findings"] if f["rule"] == "ZW199")
    assert f["text"] == "习近乎" and f["account"] == "甲发布" and f["veto"] is True
    assert len(data["errors"]) == 1


def test_progress_bar_only_on_a_terminal():
    class Tty(io.StringIO):
        def isatty(self):
            return True

    quiet = io.StringIO()
    Progress(stream=quiet)(5, 10)
    assert quiet.getvalue() == ""
    tty = Tty()
    p = Progress(stream=tty, min_interval=0)
    p(5, 10)
    assert "5/10" in tty.getvalue() and "篇/s" in tty.getvalue() and "剩余" in tty.getvalue()


def test_command_writes_reports_and_no_progress_when_piped(tmp_path, registry):
    from typer.testing import CliRunner

    from lint.cli import app

    src = _write_jsonl(tmp_path / "posts.jsonl", _quarter_posts("甲发布", SINCE, AS_OF, step=3))
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["audit", str(src), "--registry", str(registry), "--as-of", "2026-09-30",
                                      "--out", str(out), "--jobs", "1", "--select", "account"])
    assert result.exit_code == 0, result.output
    assert {p.name for p in out.iterdir()} >= {"report.html", "report.xlsx", "report.json", "audit.sqlite"}
    assert "\r" not in result.output
    assert "不合格" in result.output and "丙发布" in result.output
    bad = CliRunner().invoke(app, ["audit", str(src), "--as-of", "30/09/2026"])
    assert bad.exit_code == 2


def test_parallel_and_serial_runs_agree(tmp_path):
    posts = [_post(f"p{i}", "甲发布", (SINCE + timedelta(days=i % 90)).isoformat(), f"第{i}篇，要警钟常鸣。")
             for i in range(120)]
    src = _write_jsonl(tmp_path / "posts.jsonl", posts)
    cfg = Config(select=["account"])
    serial = run_audit([str(src)], as_of=AS_OF, config=cfg, jobs=1, store_path=tmp_path / "a.sqlite")
    parallel = run_audit([str(src)], as_of=AS_OF, config=cfg, jobs=2, store_path=tmp_path / "b.sqlite")
    assert serial.posts == parallel.posts == 120
    assert [(a.name, a.verdict, a.problems) for a in serial.accounts] == \
           [(a.name, a.verdict, a.problems) for a in parallel.accounts]
    serial.store.close()
    parallel.store.close()


def test_shipped_sample_runs_end_to_end(tmp_path):
    sample = ROOT / "samples" / "audit"
    report = run_audit([str(sample / "posts.jsonl")], as_of=AS_OF, registry=sample / "registry.tsv",
                       interactions=sample / "interactions.tsv", linter=fake_linter())
    verdicts = {a.name: a for a in report.accounts}
    assert report.errors == [] and 300 <= report.posts <= 600 and len(verdicts) == 14
    rules = {name: {f.rule for f in a.findings} for name, a in verdicts.items()}
    assert rules["青禾退役军人"] == {"ZW001"} and rules["南岭教育"] == {"ZW002"}
    assert rules["青禾交通服务"] == {"ZW003", "ZW006"} and rules["青禾市场监管"] == {"ZW004"}
    assert rules["青禾住建"] == {"ZW005"} and rules["东湖发布"] == {"ZW007"}
    assert verdicts["文化青禾"].verdict == FAIL  # the planted 习近乎 (test-only rule here)
    report.store.close()


def test_a_store_in_use_by_another_audit_is_refused(tmp_path):
    from lint.audit.store import Store, StoreBusy

    src = _write_jsonl(tmp_path / "posts.jsonl", [_post("a1", "甲发布", "2026-09-29")])
    busy = Store(tmp_path / "audit.sqlite")
    with pytest.raises(StoreBusy):
        run_audit([str(src)], as_of=AS_OF, store_path=tmp_path / "audit.sqlite", linter=fake_linter())
    busy.close()
    run_audit([str(src)], as_of=AS_OF, store_path=tmp_path / "audit.sqlite", linter=fake_linter()).store.close()


def test_undated_posts_are_not_taken_for_a_never_updated_account(tmp_path):
    src = _write_jsonl(tmp_path / "posts.jsonl", [
        {"id": "u1", "account": "甲发布", "platform": "微信", "content": "正文"},
        '{"id": "u2", "account": "甲发布", "content": "bad \\ud800 text"}',
    ])
    report = run_audit([str(src)], as_of=AS_OF, linter=fake_linter())
    (a,) = report.accounts
    assert a.findings == [] and a.verdict == PASS
    assert any("没有发布日期" in n for n in report.notes)
    assert [e["record"] for e in report.errors] == ["u2"] and "Unicode" in report.errors[0]["reason"]
    report.store.close()


def test_shipped_previous_quarter_shows_what_was_fixed(tmp_path):
    sample = ROOT / "samples" / "audit"
    store = tmp_path / "audit.sqlite"
    run_audit([str(sample / "posts-2026Q2.jsonl")], as_of=date(2026, 6, 30), registry=sample / "registry.tsv",
              store_path=store, linter=fake_linter()).store.close()
    report = run_audit([str(sample / "posts.jsonl")], as_of=AS_OF, registry=sample / "registry.tsv",
                       store_path=store, linter=fake_linter())
    assert {r["account"]: r["status"] for r in report.recheck} == {
        "青禾退役军人": "仍未整改", "青禾交通": "已整改", "南岭教育": "仍未整改"}
    report.store.close()


def test_registry_from_an_excel_export(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["账号名称", "平台", "主办单位", "开通日期"])
    ws.append(["青禾发布", "微信公众号", "市政府办", datetime(2019, 3, 1)])
    ws.append([None, None, None, None])
    wb.save(tmp_path / "reg.xlsx")
    entries, errors = read_registry(tmp_path / "reg.xlsx")
    assert errors == [] and [(e.name, e.family, e.opened) for e in entries] == [("青禾发布", "微信", date(2019, 3, 1))]
    (tmp_path / "bad.xlsx").write_bytes(b"not a zip")
    entries, errors = read_registry(tmp_path / "bad.xlsx")
    assert entries == [] and "xlsx" in errors[0].reason


def test_a_rule_raising_on_one_post_of_a_batch_is_that_posts_error_and_the_others_are_linted():
    from lint.audit.images import OCR
    from lint.audit.runner import Linted, lint_many
    from lint.engine import Linter
    from lint.model import Post

    class Fails(Rule):
        code, name, category = "ZW992", "fails", "format"

        def check(self, doc):
            if "坏" in doc.text:
                raise ValueError("bad text")
            yield Issue(0, 1, "first character")

    linter = Linter(Config(select=["ZW101"]))
    linter.rules = [Fails()]
    done = lint_many(linter, [Post(content="好的"), Post(content="坏的", id="b"), Post(content="也好")], OCR)
    assert done[1] == "internal error while linting: ValueError: bad text"
    assert [[r["text"] for r in d.rows] for d in (done[0], done[2])] == [["好"], ["也"]]
    assert isinstance(done[0], Linted)
