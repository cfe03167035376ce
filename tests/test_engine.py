from datetime import date

from lint.config import Config
from lint.engine import Linter
from lint.model import Post


def only_test_rule(cfg: Config) -> Config:
    return cfg.merged(select=["ZW990"])


def test_list_entry_is_reported_with_fix_and_original_offsets(test_config):
    linter = Linter(only_test_rule(test_config))
    text = "今天学习测试 错 词的用法。"
    [f] = linter.check_post(Post(content=text))
    assert f.rule == "ZW990"
    assert f.text == text[f.start : f.end] == "测试 错 词"
    assert f.suggestions == ["测试正词"]
    assert (f.line, f.column) == (1, 5)
    assert f.record is None and f.field is None


def test_traditional_characters_match_simplified_terms(test_config):
    linter = Linter(only_test_rule(test_config))
    [f] = linter.check_post(Post(content="學習習近乎講話"))
    assert f.text == "習近乎"


def test_pattern_entries_and_entry_severity(test_config):
    linter = Linter(only_test_rule(test_config))
    [f] = linter.check_post(Post(content="请拨打号码123咨询"))
    assert f.text == "号码123"
    assert f.severity == "warning"


def test_dated_entries_follow_the_publication_date(test_config):
    linter = Linter(only_test_rule(test_config))
    assert linter.check_post(Post(content="一个过期词", published=date(2019, 5, 1)))
    assert not linter.check_post(Post(content="一个过期词", published=date(2021, 5, 1)))
    assert linter.check_post(Post(content="一个过期词"))  # unknown date: reported


def test_allow_list_wins_over_every_list(project):
    from lint.config import load_config_file

    (project / "zwlint.toml").write_text('extra-lists = ["terms.toml"]\nallow = ["张习近乎"]\n', encoding="utf-8")
    linter = Linter(only_test_rule(load_config_file(project / "zwlint.toml")))
    assert not linter.check_post(Post(content="村民张习近乎来信"))
    assert linter.check_post(Post(content="习近乎来信"))


def test_title_and_content_findings_carry_record_and_field(test_config):
    linter = Linter(only_test_rule(test_config))
    post = Post(id="p1", title="测试错词标题", content="正文\n测试错词")
    findings = linter.check_post(post)
    assert [(f.field, f.record, f.line) for f in findings] == [("title", "p1", 1), ("content", "p1", 2)]


def test_ignore_and_severity_override(test_config):
    cfg = only_test_rule(test_config)
    cfg.severity["ZW990"] = "info"
    [f] = Linter(cfg).check_post(Post(content="测试错词"))
    assert f.severity == "info"
    assert not Linter(test_config.merged(ignore=["ZW990"])).check_post(Post(content="测试错词"))
    assert not Linter(test_config.merged(ignore=["sensitive"])).check_post(Post(content="测试错词"))


def test_config_select_by_prefix_and_category():
    cfg = Config(select=["ZW1", "typo"])
    assert cfg.enabled("ZW101", "serious")
    assert cfg.enabled("ZW201", "typo")
    assert not cfg.enabled("ZW301", "entertainment")


def test_inline_suppression_forms(test_config):
    linter = Linter(only_test_rule(test_config))
    text = (
        "测试错词 <!-- zwlint-disable-line ZW990 -->\n"
        "<!-- zwlint-disable-next-line -->\n"
        "测试错词\n"
        "<!-- zwlint-disable ZW990 -->\n测试错词\n<!-- zwlint-enable -->\n"
        "测试错词 # zwlint-disable-line ZW101\n"
        "测试错词\n"
    )
    findings = linter.check_post(Post(content=text))
    assert [f.line for f in findings] == [7, 8]


def test_findings_are_deduplicated_and_sorted(test_config):
    linter = Linter(only_test_rule(test_config))
    findings = linter.check_post(Post(content="测试错词，测试错词"))
    assert [f.start for f in findings] == [0, 5]


def test_check_text_api_accepts_iso_date(test_config):
    from lint import check_text

    findings = check_text("一个过期词", published="2021-01-01", config=only_test_rule(test_config))
    assert findings == []


def test_spacy_component_puts_findings_in_spans(project, monkeypatch):
    import spacy

    import lint.engine as engine
    from lint.config import load_config_file

    monkeypatch.setattr(engine, "_default_linter",
                        Linter(only_test_rule(load_config_file(project / "zwlint.toml"))))
    nlp = spacy.blank("zh")
    import lint.spacy_component  # noqa: F401  registers the factory

    nlp.add_pipe("zwlint")
    doc = nlp("学习测试错词")
    spans = doc.spans["zwlint"]
    assert [s.label_ for s in spans] == ["ZW990"]
    assert "测试错词" in spans[0].text


def test_malformed_list_names_file_and_entry(tmp_path):
    import pytest

    from lint.terms.lists import ListError, parse_list_file

    bad = tmp_path / "bad.toml"
    bad.write_text('[list]\nrule = "ZW990"\n\n[[entry]]\nterm = "x"\n', encoding="utf-8")
    with pytest.raises(ListError, match="bad.toml entry 1: no source"):
        parse_list_file(bad)


def test_every_shipped_list_entry_is_sourced_and_has_a_known_rule():
    from lint.rules import all_rules
    from lint.terms.lists import load_lists

    rules = all_rules()
    for e in load_lists().entries:
        assert e.source.strip(), e
        assert e.rule in rules or e.rule == "ALLOW", f"{e.file}: unknown rule {e.rule}"


from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

FRAGMENTS = ["习近乎", "習 近 平", "测试错词", "测*试 错·词", "2023年2月30日", "（星期四）", "13912345678",
             "110105198503120020", "北韩", "震惊！", "家人们", "，", "。", " ", "\n", "ＡＢＣ", "abc", "2024年",
             "国办秘函[2019]19号", "《", "”", "再接再励", "😀", "𠀀", "&amp;", "<p>", "</p>"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=25), st.sampled_from([None, date(2024, 5, 1)]))
def test_every_finding_text_is_its_span_of_the_source(test_config, parts, published):
    linter = Linter(test_config)  # every rule, plus the test list
    text = "".join(parts)
    for f in linter.check_post(Post(content=text, title=text[:20] or None, id="r", published=published)):
        source = text[:20] if f.field == "title" else text
        assert f.text == source[f.start : f.end]
        assert 0 <= f.start <= f.end <= len(source)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=25))
def test_every_html_finding_text_is_its_span_of_the_page(test_config, parts):
    from lint.text.readers import read_text

    page = "<html><body><p>" + "".join(parts) + "</p></body></html>"
    src, errors = read_text("p.html", page, ".html")
    linter = Linter(test_config)
    for f in linter.check_post(src.posts[0]):
        assert f.text == page[f.start : f.end]


def test_a_shared_analysis_is_computed_once_per_text_and_kept_per_text():
    from lint.document import Analysis

    calls = []
    words = Analysis("words", lambda doc: calls.append(doc.text) or doc.text.split())
    linter = Linter(Config(select=["ZW101"]))
    first = linter.make_doc("甲 乙", Post(content="甲 乙"), None)
    second = linter.make_doc("丙", Post(content="丙"), None)
    assert first.analysis(words) == ["甲", "乙"] and first.analysis(words) == ["甲", "乙"]
    assert second.analysis(words) == ["丙"]
    assert calls == ["甲 乙", "丙"]


def test_the_matcher_compiles_the_entries_the_engine_hands_it():
    from lint.terms.lists import Entry, TermLists
    from lint.terms.matcher import compile_matcher
    from lint.text.normalize import normalize

    class Generator:
        code = "ZW990"
        generator_version = "1"

        def generate_entries(self, lists):
            return [Entry(rule="ZW990", terms=("生成词",), pattern=None, fixes=(), reason="", source="s", file="f")]

    matcher = compile_matcher(TermLists(entries=[], files=[]), generators=[Generator()])
    assert [m.entry.terms for m in matcher.find_raw(normalize("这是生成词。")).all()] == [("生成词",)]


def test_typo_guesses_inside_a_serious_finding_are_dropped():
    from lint.engine import check_text

    text = "习近平新时代中国特色社会注义思想指引我们前进。"
    findings = check_text(text, published="2024-08-01")
    serious = [f for f in findings if f.category == "serious"]
    assert [f.text for f in serious] == ["中国特色社会注义"]
    inside = [f for f in findings if f.category == "typo" and f.start < serious[0].end and serious[0].start < f.end]
    assert inside == []


def test_typo_findings_outside_serious_spans_are_kept():
    from lint.engine import without_typos_inside_serious
    from lint.model import Finding

    def finding(rule, category, start, end, field=None):
        return Finding(rule=rule, name="n", category=category, severity="warning", message="m", start=start,
                       end=end, line=1, column=start + 1, text="x" * (end - start), suggestions=[], record=None,
                       field=field, fix_safe=False)

    serious = finding("ZW104", "serious", 5, 12)
    overlapping = finding("ZW203", "typo", 10, 14)
    elsewhere = finding("ZW203", "typo", 20, 22)
    other_field = finding("ZW203", "typo", 6, 8, field="title")
    privacy = finding("ZW502", "privacy", 6, 9)
    kept = without_typos_inside_serious([serious, overlapping, elsewhere, other_field, privacy])
    assert kept == [serious, elsewhere, other_field, privacy]


BATCH_TEXTS = [
    "学习贯彻习近乎同志讲话精神，增强“四个意识”：政治意识、大局意识、核心意识、服从意识。",
    "學習習近乎講話", "测*试 错·词出现在这里", "", "😀表情在前的测试错词", "2023年2月30日（星期四）召开会议",
    "震惊！家人们，13912345678", "坚持创新、协调、绿色、共享、开放的新发展理念",
]


def test_check_posts_finds_what_check_post_finds_post_by_post(test_config):
    linter = Linter(test_config)  # every rule, plus the test list
    pairs = [(text, title) for text in BATCH_TEXTS for title in (None, "测试错词标题", "")]
    posts = [Post(content=text, title=title, id=str(i) if i % 3 else None, published=date(2024, 5, 1) if i % 2 else None)
             for i, (text, title) in enumerate(pairs)]
    one_by_one = [[f.to_dict() for f in linter.check_post(p)] for p in posts]
    assert sum(map(len, one_by_one)) > 20  # the texts have findings of many rules
    assert [[f.to_dict() for f in fs] for fs in linter.check_posts(posts)] == one_by_one
    assert linter.check_posts([]) == []


def test_one_scan_for_many_texts_gives_each_text_its_own_matches(test_config):
    from lint.text.normalize import normalize

    matcher = Linter(only_test_rule(test_config)).matcher
    norms = [normalize(t) for t in BATCH_TEXTS + ["测试错", "词测试错词"]]  # a match never spans two texts
    alone = [matcher.find_raw(n).all() for n in norms]
    assert any(alone) and matcher.find_raw_many(norms) and [m.all() for m in matcher.find_raw_many(norms)] == alone


def test_check_posts_computes_a_batched_analysis_once_for_all_texts():
    from lint.document import Analysis
    from lint.rules import Rule

    batches = []
    length = Analysis("length", lambda doc: len(doc.text), batch=lambda docs: batches.append(len(docs)) or
                      [len(d.text) for d in docs])

    class Reads(Rule):
        code, name, category, analyses = "ZW991", "reads", "format", (length,)

        def check(self, doc):
            assert doc.analysis(length) == len(doc.text)
            return ()

    linter = Linter(Config(select=["ZW101"]))
    linter.rules = [Reads()]
    linter.check_posts([Post(content="甲乙", title="丙"), Post(content="丁")])
    assert batches == [3]


def test_a_list_driven_rule_is_not_called_on_a_text_without_its_matches(test_config, monkeypatch):
    from lint.rules._terms import TermRule

    linter = Linter(only_test_rule(test_config))
    [rule] = linter.rules
    assert isinstance(rule, TermRule)
    seen = []
    original = type(rule).check
    monkeypatch.setattr(type(rule), "check", lambda self, doc: seen.append(doc.text) or original(self, doc))
    monkeypatch.setattr(type(rule).check, "only_with_matches", True, raising=False)
    linter._hooks = ([], [])
    assert linter.check_post(Post(content="没有词", title="测试错词"))
    assert seen == ["测试错词"]
