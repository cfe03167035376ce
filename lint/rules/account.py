"""Account-level rules (ZW0xx, category `account`), judged by `zwlint audit`.

They describe an account, not a text: whether it is updated, registered (备案) under its
own name, alone on its platform for its unit, and answers messages in time. The engine
calls check() on every text like any rule; these yield nothing there. `lint.audit.accounts`
computes them over a whole period of posts, the registry and the interaction records.
Thresholds live in `[tool.zwlint.audit]` (see docs/audit.md) or on the command line.
"""
from __future__ import annotations

from lint.rules import Rule, register


class AccountRule(Rule):
    """A rule the audit computes over an account; never fires on a single text."""

    category = "account"
    needs_post = True
    veto = False  # an item that fails the account outright (单项否决) by default
    label = ""  # the wording of the bulletins' 存在问题 column

    def check(self, doc):
        return ()


@register
class NoUpdateTwoWeeks(AccountRule):
    code = "ZW001"
    name = "no-update-2-weeks"
    severity = "error"
    veto = True
    label = "内容2周内无更新"
    summary = "发布类账号监测时间点前2周内无更新（单项否决）"
    doc = """
What: a publishing (发布类) account with no post in the `update-days` days (default 14) up to
the audit date (`--as-of`). The finding names the last update found, from this audit's posts
or from an earlier audit in the store.

Why: 国办秘函〔2019〕19号 makes "监测时间点前2周内无更新" a veto item: the account fails the
inspection whatever else it does. Some counties require an update every 10 days: set
`update-days = 10` under `[tool.zwlint.audit]`.

Example: 商丘大数据 (微信公众号), last post 2020-11-30, audit date 2020-12-31 ->
不合格, 内容2周内无更新（最近更新时间2020-11-30）. Fix: publish, or close the account.
No automatic fix.
"""


@register
class NeverUpdated(AccountRule):
    code = "ZW002"
    name = "never-updated"
    severity = "error"
    veto = True
    label = "开通至今未更新"
    summary = "账号开通以来从未更新（单项否决）"
    doc = """
What: a registered account with no post at all: none in this audit's input and none in any
earlier audit kept in the store.

Why: an account that was opened and never used is a "僵尸"/"空壳" account; bulletins list it
as 开通至今未更新 and fail it (it should be used or deregistered).

Example: 温泉公安 (微信订阅号), registered, no post since opening -> 不合格, 开通至今未更新.
No automatic fix.
"""


@register
class WeekGapTwice(AccountRule):
    code = "ZW003"
    name = "week-gap-twice"
    severity = "warning"
    label = "一周未更新"
    summary = "检查期内多次出现一周未更新（扣分项）"
    doc = """
What: counting back from the audit date in windows of `week-days` days (default 7) over the
audit period, the number of windows without any post of a publishing account; reported when
it reaches `week-gap-times` (default 2). Not reported when ZW001/ZW002 already fail the
account for the same silence.

Why: bulletins list "一周未更新 两次" as a problem (a deduction, not a veto): the account is
alive but not kept up.

Example: 通许教育, no post in the weeks of 07-06 and 08-17 -> 合格, 存在问题: 一周未更新2次.
No automatic fix.
"""


@register
class Unregistered(AccountRule):
    code = "ZW004"
    name = "unregistered"
    severity = "warning"
    label = "未备案"
    summary = "账号未在政务新媒体信息报送系统备案"
    doc = """
What: an account that posts (it appears in the input) but is not in the registry given with
`--registry` (the 备案 export of 全国政务新媒体信息报送系统). Matched by name and platform
(微信订阅号/服务号/公众号 are one platform, 新浪微博/微博 one, and so on). Not checked when no
registry is given.

Why: 国办发〔2018〕123号 requires "先备案、后开设"; bulletins list 瞒报漏报 and 未备案 accounts.
Some provinces fail the account for it: add "ZW004" to `veto` in `[tool.zwlint.audit]`.

Example: 嘉鱼旅游 (今日头条) posts but is not registered -> 存在问题: 未备案.
No automatic fix.
"""


@register
class RegistryNameMismatch(AccountRule):
    code = "ZW005"
    name = "registry-name-mismatch"
    severity = "warning"
    label = "备案名称不一致"
    summary = "账号名称与备案名称不一致"
    doc = """
What: the registry row of an account gives a registered name (备案名称) different from the
account's name on the platform (or the account was found in the registry only under its
registered name).

Why: bulletins list "备案名称不一致" / "账号名称备案有误": the registry must describe the
account as the public sees it, or supervision loses track of it.

Example: account 咸宁住建, registered as 咸宁市住房和城乡建设局 -> 存在问题: 备案名称不一致.
Fix the registry record; no automatic fix.
"""


@register
class SeveralAccountsOnePlatform(AccountRule):
    code = "ZW006"
    name = "several-accounts-one-platform"
    severity = "warning"
    label = "同一平台开设多个账号"
    summary = "同一单位在同一平台开设多个政务新媒体账号"
    doc = """
What: more than `max-accounts-per-platform` (default 1) accounts of one owning unit (主办单位)
on one platform family in the registry.

Why: 国办发〔2018〕123号: one unit, in principle one account per platform; bulletins list
"违背一个单位在同一平台只开设一个政务新媒体账号的原则要求".

Example: 商丘市数字化城管中心 runs two WeChat accounts -> 存在问题 on both.
Merge or close the extra accounts; no automatic fix.
"""


@register
class SlowReply(AccountRule):
    code = "ZW007"
    name = "slow-reply"
    severity = "warning"
    label = "留言未按时答复"
    summary = "网民留言未在规定工作日内答复"
    doc = """
What: an interaction record (a message received, and when it was answered) answered later
than `reply-days` working days (default 3) after it arrived, or still unanswered after that
deadline at the audit date. Working days follow the official holiday calendar (chinesecalendar:
statutory holidays off, 调休 weekend days on).

Why: "对简单咨询、留言，3个工作日内答复"; bulletins criticise 未及时答复公众咨询、留言. Some places
allow 5 working days: `reply-days = 5`.

Example: message received 2026-09-30, answered 2026-10-09: 10-01..10-07 are the National Day
holiday, so 10-09 is only the 2nd working day after it arrived: within 3, not reported.
Answered 2026-10-12 (the 4th: Saturday 10-10 is a 调休 working day) -> reported.
No automatic fix.
"""


ACCOUNT_RULES: tuple[type[AccountRule], ...] = (
    NoUpdateTwoWeeks, NeverUpdated, WeekGapTwice, Unregistered, RegistryNameMismatch,
    SeveralAccountsOnePlatform, SlowReply,
)
