"""Propose political key terms from the public corpora, and find where a term is attested.

The corpora (../shared/data/corpora: the CPC congress reports, the government work reports
1954-2022, the provincial work reports 2026) are read by path; nothing of their text is
written into the repository, only candidates with counts, or source lines for entries.

    python tools/propose_keyterms.py candidates [--min-docs 3] [--since 2012] > /tmp/cands.tsv
        phrases in quotation marks (“五位一体”), phrases ending in a key suffix (…战略, …工程,
        …理念) and frequent 4-12 character n-grams, with total count, number of documents and
        the latest document; one candidate a line, to be reviewed by hand.
    python tools/propose_keyterms.py corpus-forms > sensitive_terms/corpus_forms.txt
        the generated misspellings (lint/rules/serious/spelling.py) of every correct form in
        sensitive_terms/ that occur in the corpora: official text uses them (全国人代会,
        和美湘村), so they are not reported. Run it after changing a list of correct forms.
    python tools/propose_keyterms.py term-contexts > sensitive_terms/term_contexts.txt
        the two characters written before and after each correct form that has context forms
        (misspellings that read as words: 文化自性), with a minimum count: where such a form is
        reported. Run it after changing a list of correct forms or the generation.
    python tools/propose_keyterms.py locate 新发展理念 共同富裕 ...   (or - to read terms from stdin)
        for each term: the number of documents holding it and the preferred source document
        (the 20th, then the 19th congress report, then the latest work report, then the other
        congress reports, then the provincial reports of 2026), as a TOML source line.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CONGRESS_TITLES = {
    12: ("全面开创社会主义现代化建设的新局面——在中国共产党第十二次全国代表大会上的报告", "1982-09-01"),
    13: ("沿着有中国特色的社会主义道路前进——在中国共产党第十三次全国代表大会上的报告", "1987-10-25"),
    14: ("加快改革开放和现代化建设步伐，夺取有中国特色社会主义事业的更大胜利——在中国共产党第十四次全国代表大会上的报告", "1992-10-12"),
    15: ("高举邓小平理论伟大旗帜，把建设有中国特色社会主义事业全面推向二十一世纪——在中国共产党第十五次全国代表大会上的报告", "1997-09-12"),
    16: ("全面建设小康社会，开创中国特色社会主义事业新局面——在中国共产党第十六次全国代表大会上的报告", "2002-11-08"),
    17: ("高举中国特色社会主义伟大旗帜 为夺取全面建设小康社会新胜利而奋斗——在中国共产党第十七次全国代表大会上的报告", "2007-10-15"),
    18: ("坚定不移沿着中国特色社会主义道路前进 为全面建成小康社会而奋斗——在中国共产党第十八次全国代表大会上的报告", "2012-11-08"),
    19: ("决胜全面建成小康社会 夺取新时代中国特色社会主义伟大胜利——在中国共产党第十九次全国代表大会上的报告", "2017-10-18"),
    20: ("高举中国特色社会主义伟大旗帜 为全面建设社会主义现代化国家而团结奋斗——在中国共产党第二十次全国代表大会上的报告", "2022-10-16"),
}
_DELIVERED = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日\s*在(第[一二三四五六七八九十]+届[^\n，,]{2,30}?会议)上")
_PROVINCIAL_DAY = re.compile(r"(2026)年(\d{1,2})月(\d{1,2})日\s*在")
_QUOTED = re.compile(r"“([\u4e00-\u9fff、]{2,16})”")
_SUFFIXED = re.compile(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{2,12}?(?:战略|工程|行动|理念|思想|精神|体系|制度|机制|布局|方针|目标|原则|道路|理论|教育|斗争|改革|共同体|观))(?=[，。、；：！？）\s“”]|$)")


def shared_dir() -> Path:
    if os.environ.get("ZWLINT_SHARED"):
        return Path(os.environ["ZWLINT_SHARED"])
    for base in ROOT.parents:
        if (base / "shared" / "data" / "corpora").is_dir():
            return base / "shared"
    return ROOT.parent / "shared"


@dataclass
class Document:
    kind: str  # congress / work / provincial
    rank: int  # lower is preferred as a source
    source: str  # the title and date as written in an entry's source
    year: int
    text: str


def _work_report_source(rec: dict) -> tuple[str, int]:
    year = int(rec["year"])
    m = _DELIVERED.search(rec["content"][:600])
    if m:
        y, mo, d, session = m.groups()
        return f"《政府工作报告——{y}年{int(mo)}月{int(d)}日在{session}上》{y}-{int(mo):02d}-{int(d):02d}", year
    if 1998 <= year <= 2022:  # the first sessions of the 9th to the 13th NPC, one session a year
        session = f"第{_cn(9 + (year - 1998) // 5)}届全国人民代表大会第{_cn(1 + (year - 1998) % 5)}次会议"
        mo, d = (5, 22) if year == 2020 else (3, 5)
        return f"《政府工作报告——{year}年{mo}月{d}日在{session}上》{year}-{mo:02d}-{d:02d}", year
    return f"《{year}年国务院政府工作报告》{year}", year


def _cn(n: int) -> str:
    digits = "零一二三四五六七八九"
    tens, ones = divmod(n, 10)
    return (digits[ones] if tens == 0 else ("" if tens == 1 else digits[tens]) + "十" + ("" if ones == 0 else digits[ones]))


def documents() -> list[Document]:
    base = shared_dir() / "data" / "corpora"
    docs: list[Document] = []
    for line in (base / "cpc_congress_reports.jsonl").read_text("utf-8").splitlines():
        rec = json.loads(line)
        n = int(rec["congress"])
        if n not in CONGRESS_TITLES:
            continue  # early reports (several in traditional characters): not a source for today's terms
        title, day = CONGRESS_TITLES[n]
        rank = {20: 0, 19: 1}.get(n, 200 - n)
        docs.append(Document("congress", rank, f"《{title}》{day}", int(day[:4]), rec["content"]))
    for line in (base / "gov_work_reports_1954-2022.jsonl").read_text("utf-8").splitlines():
        rec = json.loads(line)
        if not rec.get("year") or "决议" in rec["title"]:
            continue
        source, year = _work_report_source(rec)
        docs.append(Document("work", 10 + (2022 - year), source, year, rec["content"]))
    for line in (base / "provincial_gov_work_reports_2026.jsonl").read_text("utf-8").splitlines():
        rec = json.loads(line)
        m = _PROVINCIAL_DAY.search(rec["content"][:3000])
        day = f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m else "2026"
        title = rec["title"] if rec["province"] in rec["title"] else f"{rec['province']}{rec['title']}"
        docs.append(Document("provincial", 300, f"《{title}》{day}", 2026, rec["content"]))
    return docs


def locate(term: str, docs: list[Document]) -> tuple[int, Document | None]:
    holding = [d for d in docs if term in d.text]
    if not holding:
        return 0, None
    return len(holding), min(holding, key=lambda d: (d.rank, -d.year))


def candidates(docs: list[Document], min_docs: int, since: int) -> list[tuple[str, int, int, str, str]]:
    total: Counter[str] = Counter()
    in_docs: dict[str, set[int]] = defaultdict(set)
    how: dict[str, str] = {}
    for i, d in enumerate(docs):
        if d.year < since:
            continue
        text = d.text
        for rx, label in ((_QUOTED, "quoted"), (_SUFFIXED, "suffix")):
            for m in rx.finditer(text):
                t = m.group(1)
                total[t] += 1
                in_docs[t].add(i)
                how.setdefault(t, label)
        for n in range(4, 13):
            for k in range(len(text) - n + 1):
                g = text[k:k + n]
                if g[0] in "的和与及在是了" or not all("\u4e00" <= c <= "\u9fff" for c in g):
                    continue
                total[g] += 1
                in_docs[g].add(i)
    out = []
    for t, c in total.items():
        nd = len(in_docs[t])
        if t not in how and (nd < min_docs or c < 2 * min_docs):
            continue
        latest = min((docs[i] for i in in_docs[t]), key=lambda d: (d.rank, -d.year))
        out.append((t, c, nd, how.get(t, "ngram"), latest.source))
    # an n-gram inside a longer candidate with the same count is the same phrase
    keep = []
    counts = {t: c for t, c, *_ in out}
    for row in out:
        t, c = row[0], row[1]
        if row[3] == "ngram" and any(counts.get(t + x) == c or counts.get(x + t) == c for x in "，。的和"):
            continue
        keep.append(row)
    keep.sort(key=lambda r: (-r[2], -r[1]))
    return keep


def corpus_forms(docs: list[Document]) -> list[str]:
    """The generated misspellings of the shipped correct forms that occur in the corpora."""
    import daachorse

    sys.path.insert(0, str(ROOT))
    from lint.rules.serious.spelling import misspellings, term_forms
    from lint.terms.lists import load_lists

    lists = load_lists()
    forms: set[str] = set()
    for e in lists.entries:
        if e.extra.get("canonical"):
            protected = frozenset(t for o in lists.entries if o.rule == e.rule for t in o.terms)
            for term in e.terms:
                for form in term_forms(term):
                    forms.update(misspellings(form, protected=protected, attested=frozenset()))
    keys = sorted(forms)
    automaton = daachorse.CharwiseDoubleArrayAhoCorasick(keys)
    found: set[str] = set()
    for d in docs:
        for _, _, k in automaton.find_overlapping(d.text):
            found.add(keys[k])
    header = ["# Generated misspellings of the correct forms in sensitive_terms/ that occur in the public",
              "# corpora of official text (../shared/data/corpora): these forms are used correctly there",
              "# (全国人代会, “和美湘村”), so they are not reported. A derived list, written by",
              "# `python tools/propose_keyterms.py corpus-forms`; no corpus text is kept."]
    return header + sorted(found)


CONTEXT_MIN_COUNT = 2
CONTEXT_TOP = 30
GENERIC_MIN_TERMS = 50


def _next_to_many(side: dict[str, Counter], n: int) -> list[str]:
    terms_of: dict[str, int] = Counter()
    for counts in side.values():
        for w in counts:
            terms_of[w] += 1
    return sorted(w for w, k in terms_of.items() if k >= n)


def term_contexts(docs: list[Document]) -> list[str]:
    """For every correct form of the serious lists that has context forms (misspellings that
    read as words, lint/rules/serious/spelling.py), the two Han characters the corpora write
    right before it and right after it (quotation marks skipped), at least CONTEXT_MIN_COUNT
    times, the CONTEXT_TOP most frequent of each side."""
    import daachorse

    sys.path.insert(0, str(ROOT))
    from lint.rules.serious.spelling import QUOTE_CHARS, is_context_kind, misspellings, term_forms
    from lint.terms.lists import load_lists

    lists = load_lists()
    forms: set[str] = set()
    for e in lists.entries:
        if e.extra.get("canonical") and e.rule in ("ZW104", "ZW106"):
            protected = frozenset(t for o in lists.entries if o.rule == e.rule for t in o.terms)
            for term in e.terms:
                for form in term_forms(term):
                    if any(is_context_kind(k) for k in misspellings(form, protected=protected,
                                                                    attested=frozenset()).values()):
                        forms.add(form)
    every = {form for e in lists.entries if e.extra.get("canonical") and e.rule in ("ZW104", "ZW106")
             for term in e.terms for form in term_forms(term)}
    keys = sorted(every)
    automaton = daachorse.CharwiseDoubleArrayAhoCorasick(keys)
    left: dict[str, Counter] = defaultdict(Counter)
    right: dict[str, Counter] = defaultdict(Counter)
    han = re.compile(r"[\u4e00-\u9fff]{2}")
    for d in docs:
        text = d.text
        for start, end, k in automaton.find_overlapping(text):
            a, b = start, end
            while a > 0 and text[a - 1] in QUOTE_CHARS:
                a -= 1
            while b < len(text) and text[b] in QUOTE_CHARS:
                b += 1
            if a >= 2 and han.fullmatch(text[a - 2:a]):
                left[keys[k]][text[a - 2:a]] += 1
            if han.fullmatch(text[b:b + 2]):
                right[keys[k]][text[b:b + 2]] += 1
    lines = ["# The two characters written right before and right after a correct form in the public corpora",
             "# of official text (../shared/data/corpora), at least 2 times, the 30 most frequent of each side:",
             "# a misspelling that reads as ordinary words (文化自性) is reported where one of them stands",
             "# next to it (坚定文化自性). A derived list (counts of the corpora), written by",
             "# `python tools/propose_keyterms.py term-contexts`; no corpus text is kept.",
             "# <correct form><TAB><before, space-separated><TAB><after>"]
    # the key-term slot: what the corpora write next to GENERIC_MIN_TERMS different correct forms
    # or more (推进, 实施, 坚持 … before; 建设, 发展, 取得 … after)
    for side in (left, right):
        side["*"] = Counter({w: GENERIC_MIN_TERMS for w in _next_to_many(side, GENERIC_MIN_TERMS)})
    lines.insert(5, f"# The line * holds what is written next to {GENERIC_MIN_TERMS} different correct forms or more.")
    for form in ["*", *sorted(forms)]:
        lw = [w for w, c in left[form].most_common(CONTEXT_TOP) if c >= CONTEXT_MIN_COUNT]
        rw = [w for w, c in right[form].most_common(CONTEXT_TOP) if c >= CONTEXT_MIN_COUNT]
        if lw or rw:
            lines.append(f"{form}\t{' '.join(sorted(lw))}\t{' '.join(sorted(rw))}")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("candidates", help="candidate key terms with counts (TSV)")
    c.add_argument("--min-docs", type=int, default=3)
    c.add_argument("--since", type=int, default=2012, help="only documents of this year or later")
    sub.add_parser("corpus-forms", help="generated misspellings that occur in the corpora (a derived list)")
    sub.add_parser("term-contexts", help="the characters the corpora write next to correct forms (a derived list)")
    lo = sub.add_parser("locate", help="where terms are attested, as TOML source lines")
    lo.add_argument("terms", nargs="+", help="terms, or - to read them from stdin (one a line)")
    args = ap.parse_args(argv)
    docs = documents()
    if args.cmd == "candidates":
        print("candidate\tcount\tdocuments\thow\tpreferred_source")
        for t, cnt, nd, how, src in candidates(docs, args.min_docs, args.since):
            print(f"{t}\t{cnt}\t{nd}\t{how}\t{src}")
        return 0
    if args.cmd == "corpus-forms":
        for form in corpus_forms(docs):
            print(form)
        return 0
    if args.cmd == "term-contexts":
        for line in term_contexts(docs):
            print(line)
        return 0
    terms = sys.stdin.read().split() if args.terms == ["-"] else args.terms
    missing = 0
    for t in terms:
        n, d = locate(t, docs)
        if d is None:
            missing += 1
            print(f"{t}\t0\tNOT IN CORPORA")
        else:
            print(f"{t}\t{n}\t{d.source}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
