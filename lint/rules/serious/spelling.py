"""Misspellings of political key terms, generated when the lists are compiled.

For every correct form (an entry with `canonical = true`) the forms people mistype:
- one character replaced by a homophone (same toneless pinyin: input methods ignore tones),
  a near homophone (the sounds input methods and dialects confuse: z/zh, c/ch, s/sh, n/l,
  r/l, f/h, an/ang, en/eng, in/ing, ian/iang, uan/uang) or a character of similar shape
  (pycorrector's same_stroke.txt, rare characters included: 发屐, 强囯; and glyph similarity,
  dictionaries/shape_similar.txt: 共同休, 全面从严治觉);
- for terms of five characters or more, one character but the first doubled (中国特色色社会主义,
  中华民族伟大复兴兴), and for terms of six or more one inner character left out (中国特色社会义;
  not a grammatical character unless a word of the term holds it: 坚持党领导 is correct text,
  中华人民共国 is not; not the second: 中国粮食安全 is not 国家粮食安全).

A form is dropped when it could be correct text:
- it is a word of jieba's dictionary or a person's name, or it equals another correct form;
- it reads as ordinary words: it splits entirely into dictionary words of two characters or
  more (frequency >= PLAUSIBLE_FREQ) and grammatical characters (中国是现代化 = 中国/是/现代化,
  党中央统一领导 = 党中央/统一/领导), so that text which says something else is not reported;
- for four-character terms, the change makes a dictionary word the term does not contain
  (the stricter test of lint.rules.serious.variants);
- it occurs in the public corpora of official text the terms were checked against (the
  congress reports, the government work reports, the provincial reports of 2026): the forms
  found there are listed, as a derived list, in sensitive_terms/corpus_forms.txt
  (tools/propose_keyterms.py corpus-forms writes it).

The variants of one correct form become ONE entry whose `terms` are the variants and whose
`variant_kinds` map each variant to how it was made, both one Misspellings object (two
strings): the compiled matcher loads fast although it holds several hundred thousand forms.

Generating them for the shipped lists takes ~20 s (jieba's dictionary, pypinyin), so they
ship ready-made in sensitive_terms/misspellings.tsv.xz, written by
`python tools/build_misspellings.py` (a test checks that it equals a fresh generation). A
correct form the table does not hold (an office's extra-lists, a list edited since) is
generated when the lists are compiled.
"""
from __future__ import annotations

import functools
import os
from pathlib import Path

from lint.rules.serious.variants import FUNCTION_CHARS, ConfusionData, _spans_new_word, confusion_data

PLAUSIBLE_FREQ = 3
FOCUS_FREQ = 50
DOUBLE_MIN_LEN = 5
DROP_MIN_LEN = 6
# A numeral dropped or swapped for another numeral is another number (第十九次 -> 第九次,
# 第十次 -> 第四次), not a slip: such forms are never generated.
NUMERALS = frozenset("〇零一二两三四五六七八九十百千万")
SHORT_TERM = 4  # terms this long or shorter get the stricter new-word test
# Names written in quotation marks before the rest of a term (“十四五”规划): the quoted form is
# generated too, so that its misspellings are found as people write it.
QUOTED_PREFIXES = ("十三五", "十四五", "十五五", "两个一百年", "三个代表", "一带一路", "五位一体", "四个全面",
                   "两学一做", "三严三实", "两不愁三保障", "放管服", "三农", "四风", "两个确立", "两个维护")
CORPUS_FORMS_FILE = "corpus_forms.txt"
TABLE_FILE = "misspellings.tsv.xz"
SHAPE_FILE = "shape_similar.txt"
KINDS = ("同音", "近音", "形近", "重字", "漏字")
# A substitution that reads as ordinary words (文化自性, 以人民为中兴, 中央纪律检察委员会) is kept as a
# context form: reported only where the correct form's neighbours stand (in_term_context).
CONTEXT = "·需语境"
SUBSTITUTIONS = ("同音", "近音", "形近")
CONTEXT_MIN_LEN = 4
_KIND_CODE = {k: k[0] for k in KINDS} | {k + CONTEXT: c for k, c in zip(SUBSTITUTIONS, "HNS")}
_KIND_OF_CODE = {c: k for k, c in _KIND_CODE.items()}
CONTEXTS_FILE = "term_contexts.txt"

_HAN = ("\u4e00", "\u9fff")


def _is_han(ch: str) -> bool:
    return _HAN[0] <= ch <= _HAN[1]


def fuzzy_sound(syllable: str) -> str:
    """The toneless pinyin syllable with the distinctions people confuse merged."""
    s = syllable
    for a, b in (("zh", "z"), ("ch", "c"), ("sh", "s")):
        if s.startswith(a):
            s = b + s[2:]
            break
    if s.startswith("n") and len(s) > 1 and s != "ng":
        s = "l" + s[1:]
    elif s.startswith("r"):  # r/l and f/h: the other fuzzy pairs of pinyin input methods (session 7)
        s = "l" + s[1:]
    elif s.startswith("h"):
        s = "f" + s[1:]
    for a, b in (("iang", "ian"), ("uang", "uan"), ("ang", "an"), ("eng", "en"), ("ing", "in")):
        if s.endswith(a):
            s = s[: -len(a)] + b
            break
    return s


@functools.cache
def _sound_index() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """Common characters by toneless syllable of their usual reading and of the readings they
    take in pypinyin's phrase list (长 chang in 长城, 都 du in 首都), and by fuzzy syllable of the
    usual reading (fuzzy_sound). pypinyin's other readings are left out: many are rare (台 yi,
    敌 hua)."""
    from pypinyin import Style, pinyin

    common = confusion_data().common
    exact: dict[str, set[str]] = {}
    fuzzy: dict[str, set[str]] = {}
    for ch in common:
        r = pinyin(ch, style=Style.NORMAL)[0][0]  # the usual reading: 币 (bi) is not typed for 银 (yin)
        exact.setdefault(r, set()).add(ch)
        fuzzy.setdefault(fuzzy_sound(r), set()).add(ch)
    for ch, r in _phrase_readings():
        if ch in common:
            exact.setdefault(r, set()).add(ch)
    return ({k: frozenset(v) for k, v in exact.items()}, {k: frozenset(v) for k, v in fuzzy.items()})


def _phrase_readings() -> set[tuple[str, str]]:
    """(character, toneless reading) for every character of pypinyin's phrase list."""
    import unicodedata

    from pypinyin.constants import PHRASES_DICT

    out: set[tuple[str, str]] = set()
    for phrase, readings in PHRASES_DICT.items():
        if len(phrase) != len(readings):
            continue
        for ch, r in zip(phrase, readings):
            plain = "".join(c for c in unicodedata.normalize("NFD", r[0].replace("ü", "v"))
                            if not unicodedata.combining(c))
            out.add((ch, plain))
    return out


@functools.lru_cache(maxsize=None)
def sound_alikes(ch: str) -> tuple[frozenset[str], frozenset[str]]:
    """(homophones, near homophones) of any character among the common characters, by the
    usual reading of each: same toneless syllable; same syllable after the merges of
    fuzzy_sound only."""
    from pypinyin import Style, pinyin

    exact, fuzzy = _sound_index()
    same: set[str] = set()
    near: set[str] = set()
    r = pinyin(ch, style=Style.NORMAL)[0][0]
    same |= exact.get(r, frozenset())
    near |= fuzzy.get(fuzzy_sound(r), frozenset())
    same.discard(ch)
    return frozenset(same), frozenset(near - same - {ch})


@functools.cache
def shape_neighbours() -> dict[str, frozenset[str]]:
    """Characters of similar shape by rendered glyphs (dictionaries/shape_similar.txt, written by
    tools/derive_shape_similar.py): 体/休, 育/肓, 社/杜, 党/觉, 度/庋, which same_stroke.txt lacks."""
    from lint.terms.lists import default_list_dirs

    out: dict[str, frozenset[str]] = {}
    for d in default_list_dirs():
        p = d / SHAPE_FILE
        if p.is_file():
            for line in p.read_text(encoding="utf-8").splitlines():
                if line and not line.startswith("#"):
                    ch, similar = line.split("\t")
                    out[ch] = frozenset(similar)
    return out


def substitutes(ch: str, data: ConfusionData) -> dict[str, str]:
    """Characters people type for `ch`, each with how (同音 / 近音 / 形近). Grammatical
    characters are candidates too: reads_as_words drops the forms they make readable.
    Homophones by the usual readings only: the merged same_pinyin groups of ConfusionData
    also join characters through rare readings (体 -> 催, 育 -> 周, 义 -> 台), 40% of the
    generated forms, which nobody types and which made the automaton slow to load."""
    same, near = sound_alikes(ch)
    out: dict[str, str] = {c: "近音" for c in near}
    for c in data.shapes.get(ch, frozenset()) | shape_neighbours().get(ch, frozenset()):
        if _is_han(c):
            out[c] = "形近"  # rare characters too: 屐 for 展
    for c in same:
        out[c] = "同音"
    out.pop(ch, None)
    return {c: why for c, why in out.items() if _folded(c) != ch}  # 規 is 规 once the text is normalised


@functools.lru_cache(maxsize=None)
def _folded(ch: str) -> str:
    from lint.text.normalize import fold_term

    return fold_term(ch)


def reads_as_words(text: str, data: ConfusionData, focus: int | None = None, min_freq: int = PLAUSIBLE_FREQ) -> bool:
    """True when `text` splits entirely into dictionary words of two or more characters and
    grammatical characters: it could be correct text that says something else. The word
    covering position `focus` (the changed character) must be a common one
    (>= FOCUS_FREQ): 文化自性 (自性, a rare word) is still a misspelling of 文化自信."""
    n = len(text)
    ok = [False] * (n + 1)
    ok[0] = True
    for i in range(n):
        if not ok[i]:
            continue
        if text[i] in FUNCTION_CHARS:
            ok[i + 1] = True
        for j in range(i + 2, min(n, i + 8) + 1):
            need = FOCUS_FREQ if focus is not None and i <= focus < j else min_freq
            if data.words.get(text[i:j], 0) >= need:
                ok[j] = True
    return ok[n]


@functools.cache
def corpus_forms(directory: str | None = None) -> frozenset[str]:
    """Generated forms that occur in the corpora of official text (a derived list)."""
    from lint.terms.lists import default_list_dirs

    dirs = [Path(directory)] if directory else default_list_dirs()
    found: set[str] = set()
    for d in dirs:
        p = d / CORPUS_FORMS_FILE
        if p.is_file():
            found.update(line.strip() for line in p.read_text(encoding="utf-8").splitlines()
                         if line.strip() and not line.startswith("#"))
    return frozenset(found)


def term_forms(term: str) -> list[str]:
    """The term as written, and with its leading name in quotation marks (“十四五”规划)."""
    forms = [term]
    for p in QUOTED_PREFIXES:
        if term.startswith(p) and len(term) > len(p):
            forms.append(f"“{p}”{term[len(p):]}")
            break
    return forms


def _inside_word(term: str, i: int, data: ConfusionData) -> bool:
    """True when a common dictionary word of the term covers position i: the 和 of 共和国 may be
    left out by mistake (中华人民共国), the 的 of 党的领导 is left out in correct text."""
    return any(data.words.get(term[a:b], 0) >= FOCUS_FREQ
               for a in range(max(0, i - 3), i + 1) for b in range(i + 1, min(len(term), a + 4) + 1) if b - a >= 2)


def misspellings(term: str, *, protected: frozenset[str] = frozenset(), data: ConfusionData | None = None,
                 attested: frozenset[str] | None = None) -> dict[str, str]:
    """The misspelt forms of one correct form: {form: how} (同音, 近音, 形近, 重字, 漏字)."""
    data = data or confusion_data()
    attested = corpus_forms() if attested is None else attested
    han = sum(1 for c in term if _is_han(c))
    candidates: dict[str, tuple[str, int, int]] = {}
    for i, ch in enumerate(term):
        if not _is_han(ch):
            continue
        for sub, why in sorted(substitutes(ch, data).items()):
            if ch in NUMERALS and sub in NUMERALS:
                continue
            candidates.setdefault(term[:i] + sub + term[i + 1:], (why, i, 1))
        # a doubled first character joins the word before (复兴兴 is caught: reads_across drops
        # the doubled last character where it makes a word with the next one, 大会会议)
        if han >= DOUBLE_MIN_LEN and 0 < i:
            candidates.setdefault(term[: i + 1] + ch + term[i + 1:], ("重字", i, 1))
        if (han >= DROP_MIN_LEN and 1 < i < len(term) - 1
                and (ch not in FUNCTION_CHARS or _inside_word(term, i, data)) and ch not in NUMERALS):
            candidates.setdefault(term[:i] + term[i + 1:], ("漏字", i, 1))
    # a word of the term replaced by a common word of the same pinyin, or of the same pinyin
    # once the sounds of fuzzy_sound are merged, as an input method offers it (社会主义 -> 社会注意,
    # 治理 -> 自理; 发展 -> 发战 is one character and above)
    if han >= CONTEXT_MIN_LEN:
        for i in range(len(term) - 1):
            same, near = homophone_words(term[i:i + 2], data)
            for words, why in ((same, "同音"), (near, "近音")):
                for w in words:
                    if w[0] != term[i] and w[1] != term[i + 1]:
                        candidates.setdefault(term[:i] + w + term[i + 2:], (why, i, 2))
    # a word of the term written twice, as an edit leaves it (中国特色社会社会主义)
    if han >= DOUBLE_MIN_LEN:
        for i in range(1, len(term) - 1):
            w = term[i:i + 2]
            if data.words.get(w, 0) >= FOCUS_FREQ and all(_is_han(c) for c in w) and not data.is_word(w + w):
                candidates.setdefault(term[:i + 2] + w + term[i + 2:], ("重字", i, 2))
    out: dict[str, str] = {}
    for v, (why, i, width) in candidates.items():
        if v == term or v in protected or v in attested or v in term or v in data.names:
            continue
        # a word for a word makes phrases the test misses (新发展力量): always a context form
        if (why in SUBSTITUTIONS and width == 2) or (
                not (why == "重字" and width == 2) and _readable(v, term, why, i, han, data, width)):
            # (a word written twice reads as the word twice: 社会社会 is no correct text)
            # substituted characters that are not grammatical ones (中国是现代化 is correct text
            # next to any neighbour) in a term of four characters or more: a context form
            if why in SUBSTITUTIONS and han >= CONTEXT_MIN_LEN and not any(c in FUNCTION_CHARS for c in v[i:i + width]):
                out[v] = why + CONTEXT
            continue
        out[v] = why
    return out


@functools.cache
def _words_by_sound() -> dict[tuple[str, ...], tuple[str, ...]]:
    """The common two-character words of jieba's dictionary (>= FOCUS_FREQ) by their toneless
    pinyin as a phrase (长城 chang cheng), and by that pinyin after fuzzy_sound (key "~", …)."""
    from pypinyin import Style, lazy_pinyin

    data = confusion_data()
    out: dict[tuple[str, ...], list[str]] = {}
    for w, f in data.words.items():
        if len(w) == 2 and f >= FOCUS_FREQ and _is_han(w[0]) and _is_han(w[1]):
            sound = lazy_pinyin(w, style=Style.NORMAL)
            out.setdefault(tuple(sound), []).append(w)
            out.setdefault(("~", *map(fuzzy_sound, sound)), []).append(w)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def homophone_words(word: str, data: ConfusionData) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The common words written with the same toneless pinyin as the common word `word`
    (主义: 注意, 逐一), and those with the same pinyin once fuzzy_sound merges sounds (治理: 自理),
    or none when `word` is not a common word."""
    from pypinyin import Style, lazy_pinyin

    if data.words.get(word, 0) < FOCUS_FREQ or not all(_is_han(c) for c in word):
        return (), ()
    sound = lazy_pinyin(word, style=Style.NORMAL)
    index = _words_by_sound()
    same = tuple(w for w in index.get(tuple(sound), ())
                 if w != word and _folded(w[0]) != word[0] and _folded(w[1]) != word[1])
    near = tuple(w for w in index.get(("~", *map(fuzzy_sound, sound)), ())
                 if w != word and w not in same and _folded(w[0]) != word[0] and _folded(w[1]) != word[1])
    return same, near


def _readable(v: str, term: str, why: str, i: int, han: int, data: ConfusionData, width: int = 1) -> bool:
    """True when the form `v` (made from `term` at position i, `width` characters changed) could
    be correct text."""
    if data.is_word(v):
        return True
    core = "".join(c for c in v if _is_han(c))
    focus = sum(1 for c in v[:i] if _is_han(c)) if why in SUBSTITUTIONS else None
    if reads_as_words(core, data, focus):
        return True
    if why in SUBSTITUTIONS:
        rest = term[width:] if i == 0 else term[:-width] if i + width == len(term) else ""
        if rest and len(rest) >= 2 and data.is_word(rest, 50):
            return True  # 宗书记 = 宗 + 书记: the changed character may belong to the next word
        if han <= SHORT_TERM and _spans_new_word(data, v, term, i, width):
            return True
    return False


def is_context_kind(kind: str | None) -> bool:
    return bool(kind) and kind.endswith(CONTEXT)


@functools.cache
def term_contexts() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """{correct form: (the two characters written before it, after it)} as the corpora of
    official text attest them, and under "*" those written next to many correct forms (推进, 建设) (sensitive_terms/term_contexts.txt, a derived list written by
    `python tools/propose_keyterms.py term-contexts`)."""
    from lint.terms.lists import default_list_dirs

    out: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
    for d in default_list_dirs():
        p = d / CONTEXTS_FILE
        if p.is_file():
            for line in p.read_text(encoding="utf-8").splitlines():
                if line and not line.startswith("#"):
                    form, left, right = line.split("\t")
                    out[form] = (frozenset(left.split()), frozenset(right.split()))
    return out


@functools.cache
def _sibling_members() -> dict[str, frozenset[str]]:
    """{member of a numbered formulation: the other members} (文化自信: 道路自信, 理论自信, 制度自信)."""
    from lint.rules.serious.numbered import numbered_formulations

    out: dict[str, set[str]] = {}
    for e in numbered_formulations():
        members = list(e.extra["members"])
        for mb in members:
            out.setdefault(mb, set()).update(o for o in members if o != mb)
    return {k: frozenset(v) for k, v in out.items()}


QUOTE_CHARS = "“”\"‘’'「」"
SIBLING_WINDOW = 40


def in_term_context(norm: str, start: int, end: int, canonical: str) -> bool:
    """True when a context form at norm[start:end] stands where `canonical` stands: the two
    characters before or after it (quotation marks skipped) are ones the corpora write next
    to the correct form (坚定 + 文化自性, 以人民为中兴 + 的发), or another member of a numbered
    formulation the correct form belongs to stands nearby (制度自信、文化自性)."""
    a = start
    while a > 0 and norm[a - 1] in QUOTE_CHARS:
        a -= 1
    b = end
    while b < len(norm) and norm[b] in QUOTE_CHARS:
        b += 1
    contexts = term_contexts()
    left, right = contexts.get(canonical, (frozenset(), frozenset()))
    slot_left, slot_right = contexts.get("*", (frozenset(), frozenset()))
    before, after = norm[a - 2:a] if a >= 2 else "", norm[b:b + 2]
    if before in left or before in slot_left or after in right or after in slot_right:
        return True
    siblings = _sibling_members().get(canonical)
    if siblings:
        near = norm[max(0, start - SIBLING_WINDOW):end + SIBLING_WINDOW]
        return any(s in near for s in siblings)
    return False


class Misspellings:
    """The misspelt forms of one correct form and how each was made, packed in two strings
    (the forms joined by newlines, one kind code a form). Used as the generated entry's
    `terms` (iterates like the tuple of forms) and `variant_kinds` (.get(form) gives the kind):
    the cached matcher then holds a few thousand objects instead of a million."""

    __slots__ = ("forms", "codes", "_kinds")

    def __init__(self, forms: str, codes: str):
        self.forms, self.codes = forms, codes
        self._kinds: dict[str, str] | None = None

    @classmethod
    def of(cls, kinds: dict[str, str]) -> "Misspellings":
        return cls("\n".join(kinds), "".join(_KIND_CODE[k] for k in kinds.values()))

    def _map(self) -> dict[str, str]:
        if self._kinds is None:
            self._kinds = dict(zip(self.forms.split("\n"), (_KIND_OF_CODE[c] for c in self.codes))) if self.codes else {}
        return self._kinds

    def __iter__(self):
        return iter(self._map())

    def __len__(self) -> int:
        return len(self.codes)

    def __getitem__(self, i: int) -> str:
        return list(self._map())[i]

    def __contains__(self, form: object) -> bool:
        return form in self._map()

    def get(self, form: str, default: str | None = None) -> str | None:
        return self._map().get(form, default)

    def items(self):
        return self._map().items()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Misspellings) and (self.forms, self.codes) == (other.forms, other.codes)

    def __hash__(self) -> int:
        return hash((self.forms, self.codes))

    def __reduce__(self):
        return (Misspellings, (self.forms, self.codes))


# Set to False to generate every form afresh (tools/build_misspellings.py, the test of the table).
USE_TABLE = True


@functools.cache
def shipped_table() -> dict[tuple[str, str], Misspellings]:
    """{(rule, correct form): its misspellings} from sensitive_terms/misspellings.tsv.xz."""
    import lzma

    from lint.terms.lists import default_list_dirs

    table: dict[tuple[str, str], Misspellings] = {}
    for d in default_list_dirs():
        p = d / TABLE_FILE
        if p.is_file():
            for line in lzma.decompress(p.read_bytes()).decode("utf-8").splitlines():
                if line and not line.startswith("#"):
                    rule, form, forms, codes = line.split("\t")
                    table[(rule, form)] = Misspellings(forms.replace(" ", "\n"), codes)
    return table


def write_table(entries: list, path: Path) -> int:
    """Write misspelling_forms() of every correct entry (generated with USE_TABLE off) as the
    shipped table; every correct form is written, also those without misspellings. Returns the
    number of forms."""
    import lzma

    lines = ["# Generated misspellings of the correct forms in sensitive_terms/ (lint/rules/serious/spelling.py):",
             "# rule<TAB>correct form<TAB>misspelt forms (space-separated)<TAB>one kind code a form "
             f"({', '.join(f'{c}={k}' for k, c in _KIND_CODE.items())}).",
             "# Written by `python tools/build_misspellings.py`; do not edit."]
    n = 0
    for rule, _, form, kinds in entries:
        bad = [v for v in kinds.forms.split("\n") if " " in v or "\t" in v]
        if " " in form or "\t" in form or bad:
            raise ValueError(f"{form!r}: a form with a space or tab cannot be stored in {path.name}")
        lines.append(f"{rule}\t{form}\t{kinds.forms.replace(chr(10), ' ')}\t{kinds.codes}")
        n += len(kinds)
    path.write_bytes(lzma.compress(("\n".join(lines) + "\n").encode("utf-8"), preset=9 | lzma.PRESET_EXTREME))
    return n


def _is_shipped(file: str) -> bool:
    from lint.terms.lists import default_list_dirs

    return Path(file).parent in {Path(d) for d in default_list_dirs()}


def misspelling_forms(entry, protected: frozenset[str]) -> list[tuple[str, str, str, Misspellings]]:
    """(rule, term, written form, its misspellings) for every written form of each term of a
    correct entry: from the shipped table for the shipped lists, else generated now."""
    table = shipped_table() if USE_TABLE and _is_shipped(entry.file) else {}
    out = []
    for term in entry.terms:
        for form in term_forms(term):
            found = table.get((entry.rule, form))
            out.append((entry.rule, term, form, found if found is not None
                        else Misspellings.of(misspellings(form, protected=protected))))
    return out


def misspelling_entries(entry, protected: frozenset[str]) -> list:
    """One generated entry per written form of each term of a correct entry: its
    misspellings as `terms`, how each was made in `variant_kinds` (one Misspellings)."""
    from lint.terms.lists import Entry

    out = []
    name = entry.file.rsplit("/", 1)[-1]
    for _, term, form, kinds in misspelling_forms(entry, protected):
        if kinds:
            out.append(Entry(rule=entry.rule, terms=kinds, pattern=None, fixes=(form,), reason="",
                             source=f"由 {name} 中的“{term}”生成；{entry.source}", file=f"generated:{entry.rule}",
                             severity=entry.severity, category=entry.category,
                             extra={"canonical_of": form, "variant_kinds": kinds}))
    return out


def reads_across(norm: str, start: int, end: int, canonical: str) -> bool:
    """True when the characters next to a matched misspelling make it read as other words:
    学 + 习近乎 = 学习 + 近乎 (lint.rules.serious.variants.neighbour_guard), 人 + 民币经济 = 人民币 + 经济
    (the form with the character before or after it splits into common words)."""
    before, after = _guard(norm[start:end], canonical)
    prev = norm[start - 1] if start > 0 else ""
    nxt = norm[end] if end < len(norm) else ""
    if (prev and prev in before) or (nxt and nxt in after):
        return True
    data = confusion_data()
    form = norm[start:end]
    return bool((prev and _is_han(prev) and _reads_as_common_words(prev + form, data))
                or (nxt and _is_han(nxt) and _reads_as_common_words(form + nxt, data)))


def _reads_as_common_words(text: str, data: ConfusionData) -> bool:
    core = "".join(c for c in text if _is_han(c))
    return reads_as_words(core, data, focus=None, min_freq=FOCUS_FREQ)


@functools.lru_cache(maxsize=4096)
def _guard(form: str, canonical: str) -> tuple[str, str]:
    from lint.rules.serious.variants import neighbour_guard

    return neighbour_guard(form, canonical)


def generator_fingerprint() -> str:
    """Changes when this module, numbered.py or the derived corpus list changes: part of the compiled
    matcher's cache key (SeriousTermRule.generator_version)."""
    import hashlib

    from lint.terms.lists import default_list_dirs

    h = hashlib.sha256(Path(__file__).read_bytes())
    h.update((Path(__file__).parent / "numbered.py").read_bytes())
    for d in default_list_dirs():
        for name in (CORPUS_FORMS_FILE, TABLE_FILE, SHAPE_FILE, CONTEXTS_FILE):
            p = d / name
            if p.is_file():
                h.update(p.read_bytes())
    return h.hexdigest()[:10]
