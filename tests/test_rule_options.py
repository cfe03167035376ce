"""Rule options are declared by the rules (lint.rules.Option) and checked against the config."""
from __future__ import annotations

import subprocess
import sys

import pytest

from lint.config import Config, ConfigError
from lint.engine import Linter
from lint.rules import all_rules, resolve_options


def test_every_declared_option_has_its_default_when_nothing_is_configured():
    resolved = resolve_options({})
    assert resolved["ZW207"] == {"min-score": 10.5, "warn-score": 13.5, "covered-min-score": 10.5,
                                 "agreed-min-score": 9.5, "real-word-min-score": 11.5, "real-word-all": False,
                                 "covered-warn-score": 24.0}
    assert resolved["ZW703"] == {"years-before": 10, "years-after": 10, "period-years": 2}
    declared = {code for code, rule in all_rules().items() if rule.options}
    assert set(resolved) == declared


def test_configured_values_are_typed_and_underscores_name_the_same_option():
    resolved = resolve_options({"ZW207": {"min-score": 8}, "ZW703": {"years_before": 5}})
    assert resolved["ZW207"]["min-score"] == 8.0 and isinstance(resolved["ZW207"]["min-score"], float)
    assert resolved["ZW703"]["years-before"] == 5


@pytest.mark.parametrize("options,words", [
    ({"ZW207": {"min-scor": 8}}, ["[rules.ZW207]", "context-confusion", "'min-scor'", "min-score"]),
    ({"ZW207": {"min-score": "8"}}, ["[rules.ZW207]", "min-score must be a number", "'8'"]),
    ({"ZW703": {"years-before": 2.5}}, ["[rules.ZW703]", "years-before must be an integer"]),
    ({"ZW806": {"min-count": True}}, ["[rules.ZW806]", "min-count must be an integer"]),
    ({"ZW101": {"threshold": 1}}, ["[rules.ZW101]", "has no option 'threshold' (options: none)"]),
    ({"ZW999": {"threshold": 1}}, ["[rules.ZW999]", "no rule ZW999"]),
])
def test_unknown_options_and_wrong_types_are_one_line_errors_naming_the_rule(options, words):
    with pytest.raises(ConfigError) as err:
        Linter(Config(options=options))
    message = str(err.value)
    assert "\n" not in message
    for word in words:
        assert word in message


def test_a_configured_option_changes_what_the_rule_reports():
    text = "各中小学：春季学期定于2014年3月1日开学。"
    default = [f.rule for f in Linter(Config(select=["ZW703"])).check_post(_post(text))]
    strict = [f.rule for f in Linter(Config(select=["ZW703"], options={"ZW703": {"years-before": 5}})).check_post(_post(text))]
    assert default == [] and strict == ["ZW703"]


def _post(text):
    from datetime import date

    from lint.model import Post

    return Post(content=text, published=date(2024, 5, 20))


def test_check_exits_2_with_the_error_on_a_misspelt_option(tmp_path):
    (tmp_path / "zwlint.toml").write_text('[rules.ZW207]\nmin-scor = 8\n', encoding="utf-8")
    post = tmp_path / "post.txt"
    post.write_text("各单位：请于5月20日前报送。", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "lint.cli", "check", str(post)], capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        f"zwlint: {tmp_path / 'zwlint.toml'}: [rules.ZW207]: ZW207 (context-confusion) has no option 'min-scor' "
        "(options: min-score, warn-score, covered-min-score, agreed-min-score, real-word-min-score, real-word-all, covered-warn-score)"]
