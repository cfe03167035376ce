"""Account-level rules (ZW0xx, category `account`), judged by `zwlint audit`.

They describe an account, not a text: whether it is updated, registered (备案) under its
own name, alone on its platform for its unit, and answers messages in time. They have no
check() of their own: the engine never calls them on a text. `lint.audit.accounts`
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


@register
class NoUpdateTwoWeeks(AccountRule):
    code = "ZW001"
    name = "no-update-2-weeks"
    severity = "error"
    veto = True
    label = "内容2周内无更新"
    summary = "发布类账号监测时间点前2周内无更新（单项否决）"
    doc = """\
找出：发布类账号在检查日期（--as-of）之前 `update-days` 天（默认 14 天）内没有发布任何内容。
结果中写明查到的最近更新时间（来自本次检查的帖子，或结果库中更早的检查）。

为什么：国办秘函〔2019〕19号把“监测时间点前2周内无更新”列为单项否决：不论其他方面如何，账号都判为不合格。
有的县要求10天一更新：在 `[tool.zwlint.audit]` 中设置 `update-days = 10`。

例：商丘大数据（微信公众号），最近一次发布 2020-11-30，检查日期 2020-12-31 → 不合格，
内容2周内无更新（最近更新时间2020-11-30）。处理：恢复发布，或关停账号。无自动修改。
"""


@register
class NeverUpdated(AccountRule):
    code = "ZW002"
    name = "never-updated"
    severity = "error"
    veto = True
    label = "开通至今未更新"
    summary = "账号开通以来从未更新（单项否决）"
    doc = """\
找出：已备案但一篇内容都没有的账号：本次检查的输入中没有，结果库中保存的以往检查里也没有。

为什么：开通后从未使用的账号属于“僵尸”“空壳”账号，通报中列为“开通至今未更新”并判为不合格
（应当使用或注销）。

例：温泉公安（微信订阅号），已备案，开通以来没有发布 → 不合格，开通至今未更新。无自动修改。
"""


@register
class WeekGapTwice(AccountRule):
    code = "ZW003"
    name = "week-gap-twice"
    severity = "warning"
    label = "一周未更新"
    summary = "检查期内多次出现一周未更新（扣分项）"
    doc = """\
找出：从检查日期往前、在检查期内按 `week-days` 天（默认 7 天）一段划分，发布类账号没有任何发布的段数
达到 `week-gap-times`（默认 2）次。同一段空白已由 ZW001/ZW002 判为不合格的，不再报告。

为什么：通报把“一周未更新两次”列为问题（扣分项，不是否决项）：账号还在用，但没有坚持更新。

例：通许教育，07-06 和 08-17 所在的两周没有发布 → 合格，存在问题：一周未更新2次。无自动修改。
"""


@register
class Unregistered(AccountRule):
    code = "ZW004"
    name = "unregistered"
    severity = "warning"
    label = "未备案"
    summary = "账号未在政务新媒体信息报送系统备案"
    doc = """\
找出：在输入中有发布（说明在运营）、但不在 `--registry` 给出的备案表（全国政务新媒体信息报送系统导出）
里的账号。按名称和平台匹配（微信订阅号、服务号、公众号算同一平台，新浪微博、微博算同一平台，依此类推）。
没有给出备案表时不检查。

为什么：国办发〔2018〕123号要求“先备案、后开设”；通报会列出瞒报漏报、未备案的账号。有的省份据此判为
不合格：在 `[tool.zwlint.audit]` 的 `veto` 中加入 "ZW004"。

例：嘉鱼旅游（今日头条）有发布但未备案 → 存在问题：未备案。无自动修改。
"""


@register
class RegistryNameMismatch(AccountRule):
    code = "ZW005"
    name = "registry-name-mismatch"
    severity = "warning"
    label = "备案名称不一致"
    summary = "账号名称与备案名称不一致"
    doc = """\
找出：备案表中账号所在行的备案名称与账号在平台上的名称不同（或账号只能按备案名称在备案表中找到）。

为什么：通报会列出“备案名称不一致”“账号名称备案有误”：备案信息必须与公众看到的账号一致，否则监管会
失去对它的掌握。

例：账号“咸宁住建”，备案名称为“咸宁市住房和城乡建设局” → 存在问题：备案名称不一致。
处理：更正备案信息；无自动修改。
"""


@register
class SeveralAccountsOnePlatform(AccountRule):
    code = "ZW006"
    name = "several-accounts-one-platform"
    severity = "warning"
    label = "同一平台开设多个账号"
    summary = "同一单位在同一平台开设多个政务新媒体账号"
    doc = """\
找出：备案表中同一主办单位在同一平台（按平台大类）开设的账号超过 `max-accounts-per-platform`
（默认 1）个。

为什么：国办发〔2018〕123号规定，原则上一个单位在同一平台只开设一个政务新媒体账号；通报会列出
“违背一个单位在同一平台只开设一个政务新媒体账号的原则要求”。

例：商丘市数字化城管中心开设了两个微信公众号 → 两个账号都列出该问题。
处理：合并或关停多余账号；无自动修改。
"""


@register
class SlowReply(AccountRule):
    code = "ZW007"
    name = "slow-reply"
    severity = "warning"
    label = "留言未按时答复"
    summary = "网民留言未在规定工作日内答复"
    doc = """\
找出：互动记录（收到的留言及答复时间）中，答复晚于收到后 `reply-days` 个工作日（默认 3 个），或到检查日期
已过期限仍未答复的留言。工作日按国务院办公厅公布的节假日安排计算（chinesecalendar：法定节假日休息，
调休的周末上班）。

为什么：“对简单咨询、留言，3个工作日内答复”；通报会批评未及时答复公众咨询、留言。有的地方允许
5个工作日：`reply-days = 5`。

例：2026-09-30 收到、2026-10-09 答复的留言：10-01 至 10-07 是国庆假期，10-09 只是收到后的第2个工作日，
在3个工作日内，不报告。2026-10-12 才答复（第4个工作日：周六 10-10 调休上班）→ 报告。无自动修改。
"""


ACCOUNT_RULES: tuple[type[AccountRule], ...] = (
    NoUpdateTwoWeeks, NeverUpdated, WeekGapTwice, Unregistered, RegistryNameMismatch,
    SeveralAccountsOnePlatform, SlowReply,
)
