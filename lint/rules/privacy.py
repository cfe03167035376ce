"""Personal data (个人信息): identity card numbers, mobile numbers, bank card numbers,
e-mail addresses, licence plates and passport numbers published in a post.

Every finding suggests a masked form of the same length (1101**********002X); the
masking is never applied blindly (`fix_safe` False): an editor decides whether the
number is personal data or a published work contact.

Numbers are read from `doc.folded` (full-width digits folded, same offsets as the text).
Public service numbers (12345, 110, office landlines after 联系电话) are never matched:
only mobile numbers with a valid prefix are.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Iterable

from lint.document import Doc
from lint.rules import Issue, Rule, register

# GB 11643-1999 公民身份号码: 6-digit address code, 8-digit birth date, 3-digit order
# code, 1 check character (ISO 7064 MOD 11-2).
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
# Province-level address codes (GB/T 2260): the first two digits.
_PROVINCES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 "
    "61 62 63 64 65 71 81 82 83 91".split()
)
_ID_RE = re.compile(r"(?<![0-9A-Za-z])([1-9]\d{16}[0-9Xx])(?![0-9A-Za-z])")
_ID_LABEL = re.compile(r"身份证|证件号|公民身份号码|身份号码")

# Mobile numbers: 11 digits, prefixes allocated by MIIT (工业和信息化部 电信网码号资源):
# 13x, 145-149, 150-153/155-159, 162/165-167, 170-178, 18x, 190-193/195-199.
_MOBILE_RE = re.compile(
    r"(?<![0-9A-Za-z])(?:\+?86[-\s]?)?"
    r"(1(?:3\d|4[5-9]|5[0-35-9]|6[25-7]|7[0-8]|8\d|9[0-35-9]))[-\s]?(\d{4})[-\s]?(\d{4})"
    r"(?![0-9A-Za-z])"
)
# Bank cards: 16-19 digits (spaces or dashes in groups of four allowed), issuer prefix
# 62 (UnionPay), 4 (Visa), 51-55 (Mastercard), 35 (JCB), checked with Luhn (ISO/IEC 7812).
_CARD_RE = re.compile(r"(?<![0-9A-Za-z])((?:62|4\d|5[1-5]|35)\d{2}(?:[ -]?\d{4}){2,3}(?:[ -]?\d{1,3})?)(?![0-9A-Za-z])")
_CARD_LABEL = re.compile(r"银行卡|卡号|账号|帐号|账户|帐户|开户")
_EMAIL_RE = re.compile(r"(?<![A-Za-z0-9._%+-])([A-Za-z0-9][A-Za-z0-9._%+-]{0,63})@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})")
# Office addresses published for the public: government, party, organisation domains.
_PUBLIC_MAIL_DOMAIN = re.compile(r"(?:^|\.)(?:gov\.cn|org\.cn|edu\.cn|people\.cn|xinhuanet\.com|news\.cn)$", re.I)
_PUBLIC_MAIL_LABEL = re.compile(r"投稿|举报|监督|信箱|咨询|联系|来信|反映|征集|报名|公开")
# Cues anywhere on the line that the address is an office's (a notice asking units to
# send reports to it).
_OFFICE_MAIL_LINE = re.compile(r"联系人|办公室|报送|发送至|发送到|报至|报州|报市|报县|报区|报省|电子版|征集|投稿|举报")
# Licence plates (GA 36-2018): province abbreviation, issuing-office letter (no I/O),
# five characters (six for new-energy vehicles), optional separator dot.
_PLATE_RE = re.compile(
    r"(?<![A-Za-z0-9])([京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼])"
    r"([A-HJ-NP-Z])[·•.\s]?([A-HJ-NP-Z0-9]{5,6}|[A-HJ-NP-Z0-9]{4}[挂学警])(?![A-Za-z0-9])",
    re.I,  # the text is read folded (lower case)
)
# Chinese passports: E + 8 digits, or E + letter + 7 digits (2012 e-passport); older
# G/P/S/D series and 港澳通行证 only with a 护照/通行证 label nearby.
_PASSPORT_E = re.compile(r"(?<![A-Za-z0-9])(E(?:\d{8}|[A-HJ-NP-Z]\d{7}))(?![A-Za-z0-9])", re.I)
_PASSPORT_OTHER = re.compile(r"(?<![A-Za-z0-9])([GPSDCHM]\d{8}|[CHM]\d{10})(?![A-Za-z0-9])", re.I)
_PASSPORT_LABEL = re.compile(r"护照|通行证")


def mask(value: str, keep_start: int, keep_end: int, keep: str = " -·") -> str:
    """Replace the characters between the first `keep_start` and last `keep_end`
    significant characters by *, keeping separators and the length."""
    positions = [i for i, ch in enumerate(value) if ch not in keep]
    hide = set(positions[keep_start : len(positions) - keep_end])
    return "".join("*" if i in hide else ch for i, ch in enumerate(value))


def id_checksum_ok(number: str) -> bool:
    number = number.upper()
    if len(number) != 18 or not number[:17].isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS))
    return _ID_CHECK[total % 11] == number[17]


def id_birth_date(number: str) -> date | None:
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None
    if born.year < 1900 or born > date.today():
        return None
    return born


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


_CLAUSE_END = re.compile(r"[，。；！？,;!?\n]")


def _line_before(text: str, start: int, width: int = 24) -> str:
    """The text of the clause before `start` (back to the last ，。；\n), at most `width`."""
    begin = max(0, start - width)
    window = text[begin:start]
    last = None
    for last in _CLAUSE_END.finditer(window):
        pass
    return window[last.end():] if last else window


def _line_of(text: str, start: int, end: int) -> str:
    begin = text.rfind("\n", 0, start) + 1
    stop = text.find("\n", end)
    return text[begin : stop if stop >= 0 else len(text)]


class _PrivacyRule(Rule):
    category = "privacy"
    severity = "error"
    fix_safe = False


@register
class IdentityCardNumber(_PrivacyRule):
    code = "ZW501"
    name = "id-card-number"
    summary = "公开了居民身份证号码"
    doc = (
        "找出18位居民身份证号码：地址码首两位为有效省级代码，出生日期真实存在，校验码符合"
        "GB 11643-1999《公民身份号码》（ISO 7064 MOD 11-2）。紧跟“身份证”“证件号”等字样时，"
        "校验码不符也报告（可能是录入错误的真实号码）。身份证号码属于《个人信息保护法》"
        "规定的敏感个人信息，政务公开时应当去标识化。\n"
        "例：身份证号110101199003071234 → 110101********1234（遮蔽出生日期与顺序码）。\n"
        "建议的遮蔽形式长度不变，不自动应用：是否公开由编辑判断。"
    )

    def check(self, doc: Doc) -> Iterable[Issue]:
        text = doc.folded
        for m in _ID_RE.finditer(text):
            number = m.group(1)
            if number[:2] not in _PROVINCES or id_birth_date(number) is None:
                continue
            labelled = bool(_ID_LABEL.search(_line_before(text, m.start())))
            if not id_checksum_ok(number) and not labelled:
                continue
            masked = mask(doc.text[m.start() : m.end()], 4, 4)
            note = "" if id_checksum_ok(number) else "（校验码不符，可能有录入错误）"
            yield Issue(
                m.start(), m.end(),
                f"疑似公开了居民身份证号码{note}，属于敏感个人信息，发布前应遮蔽（如{masked}）",
                [masked],
            )


@register
class MobileNumber(_PrivacyRule):
    code = "ZW502"
    name = "mobile-number"
    summary = "公开了个人手机号码"
    doc = (
        "找出号段有效的11位手机号码（13x、145-149、15x、162/165-167、170-178、18x、19x，"
        "可带+86与空格或短横线分隔）。12345、110等政务服务号码和固定电话不报告。"
        "号码所在行有“联系电话”“咨询电话”“热线”“联系人”等字样时，它多半是对外公布的工作号码，"
        "降为warning提醒核实。\n"
        "例：请联系张先生13812345678 → 138****5678。\n"
        "建议的遮蔽形式长度不变，不自动应用。"
    )
    _WORK = re.compile(r"联系电话|咨询电话|服务电话|值班电话|举报电话|热线|联系方式|联系人|电话[:：]|手机[:：]|报名电话|办公电话")

    def check(self, doc: Doc) -> Iterable[Issue]:
        text = doc.folded
        for m in _MOBILE_RE.finditer(text):
            s = m.start(1)
            if text[m.start() : s].strip(" -"):  # +86 prefix belongs to the span
                s = m.start()
            e = m.end()
            original = doc.text[s:e]
            digits = [i for i, ch in enumerate(original) if ch.isdigit()]
            # keep the country code, the 3-digit prefix and the last 4 digits
            prefix_digits = len(digits) - 8
            masked = mask(original, prefix_digits, 4, keep=" -+·")
            work = bool(self._WORK.search(_line_of(text, s, e)))
            if work:
                msg = f"公开了手机号码，请确认是对外公布的工作号码而非个人号码（否则遮蔽为{masked}）"
            else:
                msg = f"疑似公开了个人手机号码，发布前应遮蔽（如{masked}）"
            yield Issue(s, e, msg, [masked], severity="warning" if work else None)


@register
class BankCardNumber(_PrivacyRule):
    code = "ZW503"
    name = "bank-card-number"
    summary = "公开了银行卡号"
    doc = (
        "找出16-19位、发卡行标识为62（银联）、4（Visa）、51-55（Mastercard）、35（JCB）并通过"
        "Luhn校验（ISO/IEC 7812）的银行卡号。单位对公账户（所在行有“对公”“户名”“单位”等）不报告。"
        "不带“卡号”“账号”等字样的号码降为warning。\n"
        "例：卡号6222021234567890128 → 6222***********0128。\n"
        "建议的遮蔽形式长度不变，不自动应用。"
    )
    _CORPORATE = re.compile(r"对公|户名|单位|收款单位|开户单位|财政|捐赠|捐款")

    def check(self, doc: Doc) -> Iterable[Issue]:
        text = doc.folded
        for m in _CARD_RE.finditer(text):
            raw = m.group(1)
            digits = re.sub(r"[ -]", "", raw)
            if not 16 <= len(digits) <= 19 or not luhn_ok(digits):
                continue
            if len(digits) == 18 and digits[:2] in _PROVINCES and id_checksum_ok(digits):
                continue  # an identity card number (ZW501)
            line = _line_of(text, m.start(), m.end())
            if self._CORPORATE.search(line):
                continue
            labelled = bool(_CARD_LABEL.search(_line_before(text, m.start())))
            masked = mask(doc.text[m.start() : m.end()], 4, 4)
            yield Issue(
                m.start(), m.end(),
                f"疑似公开了银行卡号（通过Luhn校验），发布前应遮蔽（如{masked}）",
                [masked], severity=None if labelled else "warning",
            )


@register
class EmailAddress(_PrivacyRule):
    code = "ZW504"
    name = "email-address"
    severity = "warning"
    summary = "公开了个人电子邮箱"
    doc = (
        "找出电子邮件地址。政府、组织、学校域名（gov.cn、org.cn、edu.cn等）的地址，以及所在行写明"
        "“投稿”“举报”“信箱”“咨询”“联系”等对外用途、或所在行是“报送……（联系人……邮箱）”这类工作安排的地址不报告：它们是公开的工作邮箱。\n"
        "例：张三的邮箱zhangsan1990@qq.com → z***********@qq.com。\n"
        "建议的遮蔽形式长度不变，不自动应用。"
    )

    def check(self, doc: Doc) -> Iterable[Issue]:
        text = doc.folded
        for m in _EMAIL_RE.finditer(text):
            if _PUBLIC_MAIL_DOMAIN.search(m.group(2)):
                continue
            if _PUBLIC_MAIL_LABEL.search(_line_before(text, m.start(), 30)):
                continue
            if _OFFICE_MAIL_LINE.search(_line_of(text, m.start(), m.end())):
                continue
            local = m.group(1)
            masked = local[0] + "*" * (len(local) - 1) + doc.text[m.end(1) : m.end()]
            yield Issue(m.start(), m.end(),
                        f"疑似公开了个人电子邮箱，请确认是否必须公开（如需遮蔽：{masked}）", [masked])


@register
class LicencePlate(_PrivacyRule):
    code = "ZW505"
    name = "licence-plate"
    severity = "warning"
    summary = "公开了完整机动车号牌"
    doc = (
        "找出完整的机动车号牌（GA 36-2018：省份简称+发牌机关字母+5位序号，新能源车6位；"
        "可带“·”）。号牌与车主、行踪相关联，曝光违法车辆等场合通常部分遮蔽。\n"
        "例：京A12345 → 京A***45。\n"
        "建议的遮蔽形式长度不变，不自动应用。"
    )

    def check(self, doc: Doc) -> Iterable[Issue]:
        text = doc.folded
        for m in _PLATE_RE.finditer(text):
            serial = m.group(3)
            if not any(ch.isdigit() for ch in serial):
                continue  # a word in capitals, not a plate
            s, e = m.start(), m.end()
            original = doc.text[s:e]
            masked = original[: e - s - len(serial)] + "*" * (len(serial) - 2) + serial[-2:]
            yield Issue(s, e, f"公开了完整机动车号牌，建议部分遮蔽（如{masked}）", [masked])


@register
class PassportNumber(_PrivacyRule):
    code = "ZW506"
    name = "passport-number"
    summary = "公开了护照或通行证号码"
    doc = (
        "找出中国护照号码（E+8位数字，或E+字母+7位数字）；G、P、S、D字头的旧式护照和港澳"
        "通行证号码（C、H、M字头）只在所在行前文有“护照”“通行证”字样时报告。\n"
        "例：护照号E12345678 → E*****678。\n"
        "建议的遮蔽形式长度不变，不自动应用。"
    )

    def check(self, doc: Doc) -> Iterable[Issue]:
        text = doc.folded
        found = [(m.start(), m.end()) for m in _PASSPORT_E.finditer(text)]
        for m in _PASSPORT_OTHER.finditer(text):
            if _PASSPORT_LABEL.search(_line_before(text, m.start(), 30)):
                found.append((m.start(), m.end()))
        for s, e in sorted(set(found)):
            masked = mask(doc.text[s:e], 1, 3)
            yield Issue(s, e, f"疑似公开了护照或通行证号码，发布前应遮蔽（如{masked}）", [masked])
