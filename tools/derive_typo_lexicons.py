"""Derive the two extra word lists of the typo model from the development data in ../shared.

    python tools/derive_typo_lexicons.py [--data ../shared/data]

Writes (both are read by lint/rules/typo/build.py):
- dictionaries/typos_gov_words.txt: the word counts of current government vocabulary the
  model lacks (提质, 扩优提质, 通识, 化债 …; raising the frequency of the words it holds as
  rare, such as 多重, made SIGHAN corrections worse: 间信 -> 坚信), derived from the TUNING part of
  ../shared/data/corpora (the split of benchmarks/false_alarms.py: even years of the
  government work reports, even-numbered CPC congresses, the provinces not held out). Only
  counts are shipped, never the text. An n-gram of 2-4 Han characters is kept when it holds
  a character no dictionary word of 2,000 or more covers (the characters the typo rules look at),
  occurs at least MIN_COUNT times in at least MIN_DOCS documents, neither starts nor ends
  with a function character (的 在 和 …); occurrences that cut a common dictionary word
  (要坚|持, 所|有制) do not count; and it is not a fragment: no string one character
  longer accounts for COVERED_BY of its occurrences (产总值 of 生产总值, 优提 of 扩优提质).
- dictionaries/thuocl/THUOCL_zwlint.txt: the THUOCL words (Tsinghua, MIT licence, LICENSE
  beside it) of the categories that reach government posts, kept from a document frequency
  per category on (THUOCL's rare entries include noise), simplified Han words of 2-8
  characters only.
"""
from __future__ import annotations

import argparse
import itertools
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

MIN_COUNT = 3
MIN_DOCS = 2
BOUNDARY_WORD_MIN = 100  # an occurrence that cuts a word this frequent (坚持 in 要坚|持) is not counted
COVERED_BY = 0.8
# function words, pronouns, frequent verbs and postpositions: a string that starts or ends with
# one is a phrase fragment (要坚持, 比上年, 取得新, 工作中), not a word
EDGE_FUNCTION = set("的了是在和与及对把被将于从向就也都还又并而之以其所由为地得着过等要有到比同很一不这那"
                    "我你他们使让给跟上中下来去个会能可更最再新各每该此已")
START_FUNCTION = EDGE_FUNCTION - set("新都")  # 新业态, 都市圈
# category -> minimum document frequency (THUOCL's own counts)
THUOCL_MIN_DF = {
    "chengyu": 100, "diming": 50, "lishimingren": 100, "IT": 300, "caijing": 100, "law": 100,
    "medical": 100, "food": 100, "car": 100,
}
NAME_CATEGORIES = {"diming", "lishimingren"}
NUMERALS = set("〇零一二三四五六七八九十百千万亿两")
_HAN = re.compile(r"[\u4e00-\u9fff]+")


def gov_words(texts: list[str]) -> list[tuple[str, int, int]]:
    from lint.rules.typo import detect
    from lint.rules.typo.build import build_model
    from lint.rules.typo.model import is_simplified_char

    model = build_model(coverage_words=False)  # what the typo rules know without these lists
    count: Counter = Counter()
    docs: Counter = Counter()
    for text in texts:
        _covered, _named, matches, firm, _weak = detect.coverage(model, text)
        # inside[p]: a common word runs across the boundary before character p
        marks = [0] * (len(text) + 2)
        for s, e, pid in matches:
            if e - s >= 2 and model.word_freq[pid] >= BOUNDARY_WORD_MIN:
                marks[s + 1] += 1
                marks[e] -= 1
        inside = list(itertools.accumulate(marks))
        windows = set()
        for m in _HAN.finditer(text):
            s, e = m.span()
            for i in range(s, e):
                if not firm[i]:
                    for n in (2, 3, 4, 5):
                        windows.update((a, n) for a in range(max(s, i - n + 1), min(i, e - n) + 1)
                                       if not inside[a] and not inside[a + n])
        grams = [text[a:a + n] for a, n in windows]
        count.update(grams)
        docs.update({g for g in grams if len(g) <= 4})
    kept = {g: c for g, c in count.items()
            if len(g) <= 4 and c >= MIN_COUNT and docs[g] >= MIN_DOCS and g[0] not in START_FUNCTION
            and g[-1] not in EDGE_FUNCTION and g not in model.freq and not set(g) <= NUMERALS
            and all(is_simplified_char(ch) for ch in g)}
    # a fragment of a longer string (产总值 of 生产总值, 提质增 of 提质增效): one character
    # added on the left or the right accounts for most of its occurrences
    extended: Counter = Counter()
    for g, c in count.items():
        if len(g) >= 3:
            extended[g[1:]] = max(extended[g[1:]], c)
            extended[g[:-1]] = max(extended[g[:-1]], c)
    out = [(g, c, docs[g]) for g, c in kept.items() if extended[g] < COVERED_BY * c]
    return sorted(out, key=lambda t: (-t[1], t[0]))


def thuocl_words(folder: Path) -> list[tuple[str, int, str]]:
    from lint.rules.typo.model import is_han, is_simplified_char

    out = []
    for cat, min_df in THUOCL_MIN_DF.items():
        raw = (folder / f"THUOCL_{cat}.txt").read_bytes().decode("utf-8-sig")
        for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
            parts = line.split("\t")
            if len(parts) < 2 or not parts[1].strip().isdigit():
                continue
            w, df = parts[0].strip(), int(parts[1])
            if df >= min_df and 2 <= len(w) <= 8 and all(is_han(c) and is_simplified_char(c) for c in w):
                out.append((w, df, cat))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = ap.parse_args()
    if not args.data.is_dir():
        args.data = ROOT.parent.parent / "shared" / "data"
    from false_alarms import HELD_OUT, load_sets

    sets = load_sets(args.data.parent)
    texts = [t for name in ("work-tune", "congress-tune", "prov-tune") for _id, t, _title, _pub in sets[name]]
    words = gov_words(texts)
    dest = ROOT / "dictionaries" / "typos_gov_words.txt"
    with open(dest, "w", encoding="utf-8") as fh:
        fh.write(
            "# 当代政务词语（错别字检查的补充词表，只覆盖、不作为改正目标）：词<TAB>出现次数<TAB>文件数。\n"
            "# 来源：由 tools/derive_typo_lexicons.py 从公开文件统计得出（只含统计，不含原文）：\n"
            "#   国务院政府工作报告 1954—2022 年中的偶数年份、中国共产党全国代表大会报告中的偶数届次\n"
            "#   （aldohemsn/chinese-political-corpora，取自 zh.wikisource），2026 年各省（区、市）政府\n"
            "#   工作报告（johncodes404/china-provincial-gov-reports-2026，取自各省政府网站）中除以下\n"
            f"#   省份外的 18 份：{HELD_OUT['prov']}（留作检验，不参与统计）。\n"
            f"# 选词：含词典未覆盖字的 2-4 字串，出现至少 {MIN_COUNT} 次、至少 {MIN_DOCS} 份文件，首尾不是虚字。\n"
        )
        for w, c, d in words:
            fh.write(f"{w}\t{c}\t{d}\n")
    print(f"{dest.relative_to(ROOT)}: {len(words)} words")
    src = args.data / "lexicons" / "thuocl"
    tdir = ROOT / "dictionaries" / "thuocl"
    tdir.mkdir(exist_ok=True)
    (tdir / "LICENSE").write_bytes((src / "LICENSE").read_bytes())
    rows = thuocl_words(src)
    with open(tdir / "THUOCL_zwlint.txt", "w", encoding="utf-8") as fh:
        fh.write(
            "# THUOCL（清华大学开放中文词库，thunlp/THUOCL，MIT 许可，见同目录 LICENSE）的节选：\n"
            "# 词<TAB>文档频率<TAB>类别。由 tools/derive_typo_lexicons.py 按类别的文档频率下限选出：\n"
            f"#   {', '.join(f'{k} >= {v}' for k, v in THUOCL_MIN_DF.items())}；只收 2-8 字的简体汉字词。\n"
            f"# {'、'.join(sorted(NAME_CATEGORIES))} 两类作为地名、人名（不作为改正目标，其中的字不当作疑似错字）。\n"
        )
        for w, df, cat in rows:
            fh.write(f"{w}\t{df}\t{cat}\n")
    print(f"dictionaries/thuocl/THUOCL_zwlint.txt: {len(rows)} words")


if __name__ == "__main__":
    main()
