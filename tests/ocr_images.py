"""Rendered test images for OCR: posters and long images of known Chinese text with the Noto
CJK fonts (Debian fonts-noto-cjk) and PIL, some with planted errors. Used by tests/test_ocr.py
and benchmarks/eval_ocr.py; the texts below were written for this set."""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

FONT_DIR = Path("/usr/share/fonts/opentype/noto")
FONT_FILES = {"sans": "NotoSansCJK-Regular.ttc", "sans-bold": "NotoSansCJK-Bold.ttc",
              "serif": "NotoSerifCJK-Regular.ttc", "serif-bold": "NotoSerifCJK-Bold.ttc"}
SC = 2  # the Simplified Chinese face in the .ttc collections

# (background, title colour, body colour) in RGB
PALETTES = [((196, 18, 20), (255, 222, 0), (255, 255, 255)),
            ((255, 255, 255), (180, 0, 0), (30, 30, 30)),
            ((14, 48, 110), (255, 255, 255), (225, 235, 255)),
            ((250, 240, 220), (120, 40, 20), (60, 40, 30)),
            ((232, 244, 236), (0, 100, 60), (20, 50, 30))]

TITLES = ["深入学习贯彻党的二十大精神", "优化营商环境 服务企业发展", "垃圾分类 从我做起", "防范电信网络诈骗",
          "全民健身 健康同行", "安全生产月宣传", "乡村振兴 共建美好家园", "依法纳税 共享发展"]

CLEAN_LINES = [
    "全面贯彻落实党中央、国务院决策部署，扎实推进各项工作。",
    "坚持以人民为中心的发展思想，不断增进民生福祉。",
    "各地区各部门要提高政治站位，压实工作责任。",
    "进一步优化政务服务流程，推动更多事项网上办、掌上办。",
    "加强安全生产监督检查，坚决遏制重特大事故发生。",
    "持续改善农村人居环境，建设宜居宜业和美乡村。",
    "广大群众可通过政务服务热线反映诉求、提出建议。",
    "请市民朋友们提高防范意识，不轻信陌生来电。",
    "本次活动由市文化和旅游局主办，欢迎踊跃参加。",
    "落实减税降费政策，切实减轻市场主体负担。",
    "推进生活垃圾分类，倡导简约适度、绿色低碳的生活方式。",
    "加快构建新发展格局，着力推动高质量发展。",
    "健全基层治理体系，提升社区服务能力和水平。",
    "做好重要农产品稳产保供工作，守住粮食安全底线。",
    "统筹发展和安全，有效防范化解各类风险隐患。",
    "弘扬社会主义核心价值观，培育文明乡风、良好家风。",
    "办理时间为工作日上午九时至下午五时。",
    "市场监管部门将加大执法力度，依法查处违法行为。",
]

# (kind, line with the error, the rule expected, the erroneous text)
PLANTED = [
    ("leader", "习近乎总书记强调，要坚持以人民为中心的发展思想。", "ZW101", "习近乎"),
    ("typo", "全体干部职工要再接再励，奋力完成全年目标任务。", "ZW201", "再接再励"),
    ("phone", "报名咨询电话：13912345678，联系人王先生。", "ZW502", "13912345678"),
    ("date", "活动时间：2024年2月30日上午九时。", "ZW701", "2月30日"),
    ("leader", "我们要深入学习贯彻习近平新时代中国特色社会主义思相。", "ZW104", "思相"),
    ("typo", "各部门要按步就班推进各项工作，确保取得实效。", "ZW201", "按步就班"),
    ("phone", "如有疑问请拨打18687654321咨询。", "ZW502", "18687654321"),
    ("date", "申报截止日期为2025年4月31日。", "ZW701", "4月31日"),
]


@dataclass
class Rendered:
    image: object  # PIL.Image
    lines: list[str]  # the text rendered, line by line, in reading order
    boxes: list[tuple[int, int, int, int]]  # pixel box of each line
    planted: list[tuple] = field(default_factory=list)  # PLANTED items in the image
    paragraphs: list[str] = field(default_factory=list)  # the text before wrapping: title, body lines

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def fonts_available() -> bool:
    return all((FONT_DIR / f).is_file() for f in FONT_FILES.values())


def _font(name: str, size: int):
    from PIL import ImageFont

    return ImageFont.truetype(str(FONT_DIR / FONT_FILES[name]), size, index=SC)


def _background(width: int, height: int, colour, style: str, rng: random.Random):
    import numpy as np
    from PIL import Image

    base = np.zeros((height, width, 3), dtype=np.float32) + np.array(colour, dtype=np.float32)
    if style == "gradient":
        shade = np.linspace(1.0, 0.75, height, dtype=np.float32)[:, None, None]
        base *= shade
    elif style == "noise":
        base += np.random.default_rng(rng.randrange(1 << 30)).normal(0, 10, base.shape).astype(np.float32)
    return Image.fromarray(np.clip(base, 0, 255).astype("uint8"))


def _wrap(text: str, font, width: int) -> list[str]:
    out, cur = [], ""
    for ch in text:
        if font.getlength(cur + ch) > width and cur:
            out.append(cur)
            cur = ch
        else:
            cur += ch
    if cur:
        out.append(cur)
    return out


def render(title: str, body: list[str], width: int = 750, palette: int = 0, font: str = "sans",
           title_size: int = 56, body_size: int = 30, style: str = "plain", seed: int = 0,
           min_height: int = 0, planted: list | None = None) -> Rendered:
    """A poster (or, with a large min_height, a long image): the title, then each body
    paragraph wrapped to the width; on a long image the paragraphs are spread out."""
    from PIL import ImageDraw

    rng = random.Random(seed)
    bg, title_colour, body_colour = PALETTES[palette % len(PALETTES)]
    margin = width // 12
    tfont = _font(font + "-bold" if not font.endswith("bold") else font, title_size)
    bfont = _font(font, body_size)
    title_lines = _wrap(title, tfont, width - 2 * margin)
    paragraphs = [_wrap(line, bfont, width - 2 * margin) for line in body]
    gap = int(body_size * 0.9)
    content_h = (len(title_lines) * int(title_size * 1.5) + title_size
                 + sum(len(p) for p in paragraphs) * (body_size + gap))
    height = max(min_height, int(width * 1.33), content_h + 2 * margin)
    extra = max(0, (height - 2 * margin - content_h) // max(1, len(paragraphs))) if min_height else 0
    image = _background(width, height, bg, style, rng)
    draw = ImageDraw.Draw(image)
    lines, boxes = [], []
    y = margin
    for line in title_lines:
        draw.text((margin, y), line, font=tfont, fill=title_colour)
        boxes.append(tuple(int(v) for v in draw.textbbox((margin, y), line, font=tfont)))
        lines.append(line)
        y += int(title_size * 1.5)
    y += title_size
    for paragraph in paragraphs:
        for line in paragraph:
            draw.text((margin, y), line, font=bfont, fill=body_colour)
            boxes.append(tuple(int(v) for v in draw.textbbox((margin, y), line, font=bfont)))
            lines.append(line)
            y += body_size + gap
        y += extra
    return Rendered(image, lines, boxes, list(planted or []), [title] + list(body))


def banner(lines: list[tuple[str, int]], width: int = 3600, height: int = 260, palette: int = 0) -> Rendered:
    """A wide banner (横幅): each (text, font size) on one line, the first in bold, none wrapped."""
    from PIL import ImageDraw

    bg, title_colour, body_colour = PALETTES[palette % len(PALETTES)]
    image = _background(width, height, bg, "plain", random.Random(0))
    draw = ImageDraw.Draw(image)
    boxes, y = [], height // 8
    for k, (text, size) in enumerate(lines):
        font = _font("sans-bold" if k == 0 else "sans", size)
        draw.text((width // 60, y), text, font=font, fill=title_colour if k == 0 else body_colour)
        boxes.append(tuple(int(v) for v in draw.textbbox((width // 60, y), text, font=font)))
        y += int(size * 1.6)
    return Rendered(image, [t for t, _ in lines], boxes, [], [t for t, _ in lines])


def docx_with_picture(picture: Path, path: Path) -> Path:
    """A .docx at `path`: one paragraph, then the image file `picture`."""
    import docx

    document = docx.Document()
    document.add_paragraph("各部门要认真落实，确保取得实效。")
    document.add_picture(str(picture))
    document.save(path)
    return path


def test_set(clean_lines: list[str] | None = None, posters: int = 16, seed: int = 7) -> list[Rendered]:
    """Posters in varied sizes, fonts, colours and backgrounds, half with one or two planted
    errors, and two long images (one clean, one with every kind of error) over 5,000 px."""
    rng = random.Random(seed)
    pool = list(clean_lines or CLEAN_LINES)
    out = []
    for i in range(posters):
        body = rng.sample(pool, k=min(len(pool), rng.randint(3, 6)))
        planted = rng.sample(PLANTED, k=rng.randint(1, 2)) if i % 2 else []
        for item in planted:
            body.insert(rng.randrange(len(body) + 1), item[1])
        width = rng.choice([640, 750, 1080])
        out.append(render(rng.choice(TITLES), body, width=width, palette=i, font=rng.choice(["sans", "serif"]),
                          title_size=int(width * rng.uniform(0.06, 0.08)), body_size=int(width * rng.uniform(0.036, 0.05)),
                          style=rng.choice(["plain", "gradient", "noise"]), seed=i, planted=planted))
    for planted in ([], list(PLANTED)):
        body = rng.sample(pool, k=min(len(pool), 14))
        for item in planted:
            body.insert(rng.randrange(len(body) + 1), item[1])
        out.append(render("一图读懂政府工作报告", body, width=750, palette=len(out), body_size=30,
                          style="gradient", seed=len(out), min_height=5600, planted=planted))
    return out
