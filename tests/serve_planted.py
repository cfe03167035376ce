"""Test-only rules for the server tests (never registered, so no other test sees them):
a linter that finds planted problems deterministically, whatever the rule families say."""
from __future__ import annotations

import re

from lint.config import Config
from lint.engine import Linter
from lint.rules import Issue, Rule


class PlantedTypo(Rule):
    code = "ZW298"
    name = "planted-typo"
    category = "typo"
    severity = "warning"
    summary = "测试用：错别字"
    doc = "测试用规则：把“帐号”改为“账号”，把“按装”改为“安装”。"
    fix_safe = True
    PAIRS = {"帐号": "账号", "按装": "安装"}

    def check(self, doc):
        for wrong, right in self.PAIRS.items():
            for m in re.finditer(wrong, doc.text):
                yield Issue(m.start(), m.end(), f"“{wrong}”应为“{right}”", [right])


class PlantedSerious(Rule):
    code = "ZW198"
    name = "planted-serious"
    category = "serious"
    severity = "error"
    summary = "测试用：严重表述错误"
    doc = "测试用规则：“中华民国政府”不得用于指称现政府。"

    def check(self, doc):
        for m in re.finditer("中华民国政府", doc.text):
            yield Issue(m.start(), m.end(), "严重表述错误：请核实政权称谓", ["中国政府", "我国政府"])


class PlantedPhone(Rule):
    code = "ZW598"
    name = "planted-phone"
    category = "privacy"
    severity = "error"
    summary = "测试用：手机号"
    doc = "测试用规则：个人手机号码不得公开。"

    def check(self, doc):
        for m in re.finditer(r"(?<!\d)1[3-9]\d{9}(?!\d)", doc.text):
            n = m.group(0)
            yield Issue(m.start(), m.end(), "公开了个人手机号码", [n[:3] + "****" + n[7:]])


class PlantedDate(Rule):
    code = "ZW798"
    name = "planted-date"
    category = "date"
    severity = "info"
    summary = "测试用：今年"
    doc = "测试用规则：有发布日期时提示“今年”指哪一年。"

    def check(self, doc):
        if doc.published is None:
            return
        for m in re.finditer("今年", doc.text):
            yield Issue(m.start(), m.end(), f"“今年”即{doc.published.year}年")


def planted_linter() -> Linter:
    linter = Linter(Config(select=["ZW000"]))  # no registered rule; only the planted ones
    linter.rules = [PlantedSerious(), PlantedTypo(), PlantedPhone(), PlantedDate()]
    return linter
