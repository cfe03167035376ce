from _content_data import clean_findings, seed_docs  # noqa: F401  (fixtures)
from lint import check_text


def found(text, code):
    return [f for f in check_text(text) if f.rule == code]


# ZW801 发文字号
def test_document_number_with_square_brackets():
    [f] = found("根据国办秘函[2019]19号文件要求", "ZW801")
    assert f.text == "[2019]19号" and f.suggestions == ["〔2019〕19号"] and f.fix_safe
    assert found("汴政办（2021）42号", "ZW801")[0].suggestions == ["〔2021〕42号"]


def test_document_number_serial_padding_and_di():
    assert found("汴政办〔2021〕042号", "ZW801")[0].suggestions == ["〔2021〕42号"]
    assert found("豫政〔2020〕第5号", "ZW801")[0].suggestions == ["〔2020〕5号"]


def test_correct_document_numbers_and_lookalikes_are_fine():
    assert found("（国办秘函〔2019〕19号）、豫政办明电〔2019〕28号", "ZW801") == []
    assert found("（2019）京01民初123号判决", "ZW801") == []  # court case number
    assert found("共有(2019)户", "ZW801") == []


# ZW802 pairs
def test_unbalanced_book_title_and_quotes():
    [f] = found("印发《关于推进政务新媒体健康有序发展的意见的通知。", "ZW802")
    assert f.text == "《"
    assert len(found("他说：“要抓好落实。", "ZW802")) == 1
    assert len(found("加强监管】。", "ZW802")) == 1


def test_interleaved_pairs():
    hits = found("学习《关于“两个维护》的意见”", "ZW802")
    assert hits


def test_balanced_pairs_enumerators_and_multiparagraph_quotes():
    assert found("印发《意见》（试行）的通知，强调“四个意识”。", "ZW802") == []
    assert found("1）加强领导；2）落实责任。\n(一)总体情况", "ZW802") == []
    assert found("“第一段引文。\n“第二段引文。”", "ZW802") == []
    assert found("各县(区)人民政府（含开发区)", "ZW802") == []  # widths pair up (ZW804's job)


def test_pairs_broken_over_short_lines_by_page_layout_are_balanced():
    assert found("下载\n打印\n【字号：\n加大\n还原\n减小\n】\n正文。", "ZW802") == []
    assert found("扫一扫在手机打开当前页\n【\n打印本页\n】\n【\n关闭窗口\n】", "ZW802") == []
    assert found("关于《\n国民经济和社会发展第十一个五年规划纲要（草案）\n》的说明", "ZW802") == []
    # a closer missing on its own line is still missing
    assert len(found("【字号：\n加大\n还原\n减小\n正文。", "ZW802")) == 1
    quoted = "马克思曾经这样说过：“\n" + "在我以前很久，资产阶级的历史学家就已叙述过阶级斗争的历史发展。" * 3 + "\n”马克思的学说。"
    assert found(quoted, "ZW802") == []  # a quotation set apart on its own line, any length
    assert len(found("马克思曾经这样说过：“\n在我以前很久。\n马克思的学说。", "ZW802")) == 1


def test_doubled_title_marks_are_page_arrows():
    assert found("幸福实景！\n》》点击图片进入专题《《\n收藏", "ZW802") == []


def test_truncated_preview_leaves_its_last_opener_alone():
    assert found("今天我们来到“美丽乡村建设示范点，这里的…展开全文", "ZW802") == []
    assert found("今天我们来到“美丽乡村建设示范点，这里的...全文", "ZW802") == []
    [f] = found("今天我们来到“美丽乡村建设示范点，这里的风景很好。", "ZW802")
    assert f.text == "“"


# ZW803 repeated punctuation
def test_repeated_punctuation():
    [f] = found("通知如下：：", "ZW803")
    assert f.suggestions == ["："] and f.fix_safe
    [g] = found("工作，。下一步", "ZW803")
    assert not g.fix_safe and g.suggestions == ["，", "。"]
    assert found("等等。。。", "ZW803")[0].suggestions == ["……"]


def test_ellipsis_and_single_marks_are_fine():
    assert found("等等……，还有：一是、二是。", "ZW803") == []


# ZW804 half-width punctuation
def test_half_width_punctuation_in_chinese_is_info():
    hits = found("各县(区)人民政府,市直各单位:", "ZW804")
    assert [f.text for f in hits] == ["(", ")", ",", ":"]
    assert all(f.severity == "info" and f.fix_safe for f in hits)
    assert [f.suggestions for f in hits] == [["（"], ["）"], ["，"], ["："]]


def test_half_width_not_in_numbers_urls_english_or_code():
    text = ("共投入1,000万元，增长3.5%。访问https://www.gov.cn/a?b=1,2。"
            "He said: yes, fine (ok)! 代码print(a, b)中")
    assert found(text, "ZW804") == []


# ZW805 / ZW806 garbled text
def test_garbled_text_marks():
    assert found("检查工作\ufffd\ufffd现将", "ZW805")[0].text == "\ufffd\ufffd"
    assert len(found("锟斤拷锟斤拷", "ZW805")) == 1
    [f] = found("ä¸\xadå\x9b½政府", "ZW805")
    assert f.suggestions == ["中国"]
    assert found("工作?,F(xiàn)將有關情況", "ZW805")[0].text == "?"
    assert [f.text for f in found("要求\n ?。ㄒ唬", "ZW805")] == ["?", "ㄒ"]


def test_question_marks_in_normal_text_are_not_garbled():
    assert found("这是为什么?我们要问?!依靠科技。Is it ok?", "ZW805") == []


def test_stray_pinyin_annotations_need_several():
    text = "發(fā)布機構(gòu)：市政府辦公室，瀏覽次數(shù)"
    hits = found(text, "ZW806")
    assert [f.text for f in hits] == ["(fā)", "(gòu)", "(shù)"]
    assert found("安徽亳(bó)州是中药之都", "ZW806") == []


def test_seed_004_is_garbled_and_other_seeds_only_info(seed_docs):
    for name, text in seed_docs.items():
        hits = [f for f in check_text(text) if f.category == "format"]
        if name.startswith("004"):
            assert {"ZW805", "ZW806"} <= {f.rule for f in hits}
        else:
            assert [f for f in hits if f.severity != "info"] == [], name


def test_no_format_warnings_on_clean_sentences(clean_findings):
    # ZW804 fires on this data by construction (its compilers made punctuation half-width)
    hits = [(f.rule, f.text) for s, fs in clean_findings for f in fs
            if f.category == "format" and f.rule != "ZW804"]
    assert hits == []


def test_pairs_across_a_hard_wrapped_line():
    assert found("本工具（所有名称\n均为虚构）检查。", "ZW802") == []
    assert len(found("本工具（所有名称。\n均为虚构）检查。", "ZW802")) == 2


def test_gbk_read_as_latin1_is_garbled():
    [f] = found("欢迎访问ÖÐ¹úÕþ¸®网站", "ZW805")
    assert f.suggestions == ["中国政府"]
    assert found("Café Àéèù résumé", "ZW805") == []
