"""The content families' word lists: every entry explains itself and names a source."""
from pathlib import Path

from lint.terms.lists import parse_list_file

ROOT = Path(__file__).resolve().parent.parent
FILES = [ROOT / "dictionaries" / n for n in ("entertainment_slang.toml", "clickbait.toml", "offtopic.toml")] + [
    ROOT / "sensitive_terms" / "injected_spam.toml"
]


def test_every_entry_has_reason_source_and_weight_or_strength():
    for f in FILES:
        for e in parse_list_file(f):
            assert e.reason and e.source, (f.name, e.terms or e.pattern)
            assert e.rule[:3] in ("ZW3", "ZW4", "ZW9"), e.rule
            if e.rule != "ZW901":
                assert float(e.extra.get("weight", 0)) > 0, (f.name, e.terms)
            else:
                assert e.extra.get("strength") in ("strong", "weak"), e.terms


def test_entries_that_report_alone_never_match_inside_ordinary_words():
    from lint import check_text

    ordinary = ("必须转变观念，调整活动时间，母亲们和宝宝们一起参加，召开运动会，征集满意度，"
                "老铁路沿线，其余生产任务，导致自己受伤，厦门市集美区，种草养畜，拒绝了邀请。")
    assert [f.text for f in check_text(ordinary) if f.category in ("entertainment", "offtopic", "sensitive")] == []
