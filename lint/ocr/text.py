"""Recognised lines as one text for the rules, and findings placed back on the image.

Nothing here imports the OCR engine: reports and the engine use it whether or not the
extra is installed."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

# A character the recogniser gave less than this probability is not reported as a typo (an
# OCR slip is not the author's error). Chosen on the rendered test set
# (benchmarks/ocr_eval.py --threshold-table): see docs/ocr.md.
LOW_CONFIDENCE = 0.80
# Punctuation rules are not run on recognised text: the recogniser confuses full- and
# half-width marks (，/, 。/.) and the detector misses a lone closing quote or bracket at a
# line's end or alone on a line (2 false ZW802 on 39 clean posters of 学习强国 sentences,
# benchmarks/eval_ocr.py --clean 30 --seed 23).
PUNCTUATION_RULES = frozenset({"ZW802", "ZW803", "ZW804"})


@dataclass
class OcrLine:
    """One recognised line: its text, its box in image pixels (x0, y0, x1, y1), and for each
    character the recogniser's probability and horizontal extent (x0, x1) in image pixels."""

    text: str
    box: tuple[int, int, int, int]
    confidence: float
    char_conf: list[float] = field(default_factory=list)
    char_x: list[tuple[float, float]] = field(default_factory=list)


def _similar_height(a: OcrLine, b: OcrLine) -> bool:
    # detected boxes of one text size differ by up to a third (a short line's box is taller:
    # 39 against 28 px for a 30 px font); a title is 1.5 times the body or more
    ha, hb = a.box[3] - a.box[1], b.box[3] - b.box[1]
    return min(ha, hb) > 0 and max(ha, hb) / min(ha, hb) <= 1.45


def continues(prev: OcrLine, line: OcrLine, lines: list[OcrLine]) -> bool:
    """Whether `line` carries on the paragraph `prev` wrapped out of (joined without a line
    break, so that a word or a number cut by the wrap is whole again): the same text size, the
    same left edge, right below it, and `prev` running to the right margin of the lines of its
    size."""
    height = prev.box[3] - prev.box[1]
    if not _similar_height(prev, line):
        return False
    if abs(line.box[0] - prev.box[0]) > 0.6 * height or not 0 <= line.box[1] - prev.box[3] <= 1.5 * height:
        return False
    right = max(ln.box[2] for ln in lines if _similar_height(ln, prev))
    return prev.box[2] >= right - 1.5 * height


@dataclass
class ImageText:
    """The text recognised in one image and where it came from.

    `ref` says which image: {"path": ...} for an image file or a referenced image, plus
    {"field": "images", "index": i} for a record's images, {"media": "word/media/image1.png",
    "index": i} for a .docx, {"page": n} for a PDF page; `index` counts from 0."""

    ref: dict
    lines: list[OcrLine]
    width: int
    height: int
    text: str = ""
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        starts, pos, parts = [], 0, []
        for i, line in enumerate(self.lines):
            if i:
                sep = "" if continues(self.lines[i - 1], line, self.lines) else "\n"
                parts.append(sep)
                pos += len(sep)
            starts.append(pos)
            parts.append(line.text)
            pos += len(line.text)
        self._line_starts = starts
        self.text = "".join(parts)

    def _chars(self, start: int, end: int):
        """(line, index in line) for every character of text[start:end] (line breaks skipped)."""
        for i, line in enumerate(self.lines):
            lo = self._line_starts[i]
            hi = lo + len(line.text)
            if hi <= start or lo >= end:
                continue
            for j in range(max(start, lo) - lo, min(end, hi) - lo):
                yield line, j

    def box(self, start: int, end: int) -> list[int]:
        """The pixel box (x0, y0, x1, y1) around text[start:end]."""
        xs0, ys0, xs1, ys1 = [], [], [], []
        for line, j in self._chars(start, end):
            x0, x1 = line.char_x[j] if j < len(line.char_x) else (line.box[0], line.box[2])
            xs0.append(x0)
            xs1.append(x1)
            ys0.append(line.box[1])
            ys1.append(line.box[3])
        if not xs0:  # an empty span (an insertion point): the line it sits on
            for i, lo in enumerate(self._line_starts):
                if lo <= start <= lo + len(self.lines[i].text):
                    return list(self.lines[i].box)
            return [0, 0, self.width, self.height]
        return [int(min(xs0)), int(min(ys0)), int(round(max(xs1))), int(max(ys1))]

    def min_confidence(self, start: int, end: int) -> float:
        confs = [line.char_conf[j] for line, j in self._chars(start, end) if j < len(line.char_conf)]
        return min(confs) if confs else 1.0

    def location(self, start: int, end: int) -> dict:
        """The additive `image` object of a finding."""
        return {**self.ref, "box": self.box(start, end),
                "confidence": round(self.min_confidence(start, end), 3)}


def place_findings(image: ImageText, findings: list) -> list:
    """Findings on recognised text: punctuation findings and typos on low-confidence
    characters dropped, every other finding given its image location; none is fixable in
    place (the text is in pixels). A record's image findings name the record field that lists
    the image (`images`)."""
    placed = []
    for f in findings:
        if f.rule in PUNCTUATION_RULES:
            continue
        if f.category == "typo" and image.min_confidence(f.start, f.end) < LOW_CONFIDENCE:
            continue
        placed.append(replace(f, image=image.location(f.start, f.end), fix_safe=False,
                              field=image.ref.get("field", f.field)))
    return placed


REF_KEYS = ("path", "field", "index", "media", "page")


def ref_key(record: str | None, location: dict) -> tuple:
    """Which image a finding's `image` object (or an ImageText's ref) names, as a key."""
    return (record,) + tuple(location.get(k) for k in REF_KEYS)


def describe(location: dict, file_path: str) -> str:
    """A finding's image and box for people: `图片 images[0] a.png 像素框 53,209,138,240`."""
    if "page" in location:
        what = f"第{location['page']}页"
    elif "media" in location:
        what = f"图片 {location['media']}"
    elif "field" in location:
        what = f"图片 {location['field']}[{location['index']}] {location.get('path', '')}".rstrip()
    elif location.get("path") not in (None, file_path):
        what = f"图片 {location['path']}"
    else:
        what = "图片"
    return f"{what} 像素框 {','.join(str(v) for v in location['box'])}"
