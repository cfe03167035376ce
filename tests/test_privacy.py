from lint import check_text
from _content_data import clean_findings, seed_docs  # noqa: F401  (fixtures)
from lint.rules.privacy import id_checksum_ok, luhn_ok, mask

ID_OK = "110101199003071233"  # checksum valid (GB 11643)
ID_X = "44030419851231002X"
CARD_OK = "6222021234567890128"  # Luhn valid, UnionPay prefix


def found(text, code, **kw):
    return [f for f in check_text(text, **kw) if f.rule == code]


def test_checksums():
    assert id_checksum_ok(ID_OK) and id_checksum_ok(ID_X.lower())
    assert not id_checksum_ok("110101199003071234")
    assert luhn_ok(CARD_OK) and not luhn_ok("6222021234567890123")


def test_mask_keeps_length_and_ends():
    assert mask(ID_X, 4, 4) == "4403**********002X"
    assert len(mask("6222 0212 3456 7890 128", 4, 4)) == len("6222 0212 3456 7890 128")


def test_id_number_reported_with_masked_suggestion_not_safe():
    [f] = found(f"申请人身份证号{ID_X}，住址略。", "ZW501")
    assert f.text == ID_X and f.severity == "error" and f.category == "privacy"
    assert f.suggestions == ["4403**********002X"]
    assert not f.fix_safe


def test_id_full_width_digits():
    wide = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in ID_OK)
    [f] = found(f"号码{wide}。", "ZW501")
    assert f.text == wide and len(f.suggestions[0]) == 18


def test_id_bad_checksum_only_with_label():
    bad = "110101199003071234"
    assert found(f"编号{bad}。", "ZW501") == []
    assert len(found(f"身份证号码：{bad}。", "ZW501")) == 1


def test_id_impossible_birth_date_or_longer_number_not_reported():
    assert found("订单号110101199002301233。", "ZW501") == []  # 2月30日
    assert found(f"流水号9{ID_OK}1。", "ZW501") == []


def test_mobile_number_and_its_formats():
    [f] = found("请联系张先生13812345678。", "ZW502")
    assert f.suggestions == ["138****5678"] and f.severity == "error"
    [g] = found("电话 +86 139-1234-5678 找我", "ZW502")
    assert g.text.startswith("+86") and len(g.suggestions[0]) == len(g.text)


def test_mobile_in_contact_line_is_only_a_warning():
    [f] = found("联系人：王科长，联系电话：13912345678", "ZW502")
    assert f.severity == "warning"


def test_service_numbers_and_landlines_are_not_personal_data():
    text = "市民可拨打12345热线或110报警，联系电话：0371-12345678，传真010-88888888。"
    assert [f for f in check_text(text) if f.category == "privacy"] == []
    assert found("合同编号12012345678901", "ZW502") == []  # too long, invalid prefix
    assert found("号码12012345678", "ZW502") == []  # 120 is not a mobile prefix


def test_bank_card_needs_luhn_and_prefix():
    [f] = found(f"卡号{CARD_OK}", "ZW503")
    assert f.suggestions == ["6222***********0128"] and f.severity == "error"
    assert found("卡号6222021234567890123", "ZW503") == []
    assert found(f"对公账户户名：某某县财政局，账号{CARD_OK}", "ZW503") == []


def test_email_personal_vs_public():
    [f] = found("他的邮箱是zhangsan1990@qq.com。", "ZW504")
    assert f.suggestions == ["z***********@qq.com"]
    assert found("投稿邮箱：xxzx@163.com", "ZW504") == []
    assert found("请发送至bgs@henan.gov.cn。", "ZW504") == []


def test_licence_plate():
    [f] = found("车牌号为京A12345的小型汽车", "ZW505")
    assert f.suggestions == ["京A***45"]
    assert len(found("新能源车粤B·D12345", "ZW505")) == 1
    assert found("京AB项目", "ZW505") == []
    assert found("苏ABCDE", "ZW505") == []


def test_passport():
    [f] = found("护照号码E12345678", "ZW506")
    assert f.suggestions == ["E*****678"]
    assert found("型号G12345678", "ZW506") == []
    assert len(found("护照号G12345678", "ZW506")) == 1


def test_no_privacy_findings_on_seeds(seed_docs):
    for name, text in seed_docs.items():
        hits = [f for f in check_text(text) if f.category == "privacy"]
        assert hits == [], (name, [(f.rule, f.text) for f in hits])


def test_no_privacy_findings_on_clean_sentences(clean_findings):
    hits = [f.text for s, fs in clean_findings for f in fs if f.category == "privacy"]
    assert hits == []


def test_office_mailbox_in_a_reporting_instruction_is_not_reported():
    text = "于4月26日前将整改情况(电子版)报州政府办公室(联系人及电话:陆某,3725557;邮箱:hhzzwgkk@163.com)。"
    assert found(text, "ZW504") == []
