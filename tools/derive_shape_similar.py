"""Write dictionaries/shape_similar.txt: for each common character, the characters of similar
shape (形近字) that people type or misread for it, derived from rendered glyphs.

    python tools/derive_shape_similar.py [--font PATH] [--min-sim 0.80] [--top 4]

Every common character (ConfusionData.common, 3,500) and every GB2312 character (6,763, what
input methods of the 五笔 / handwriting kind produce) is drawn with a CJK font (Noto Sans CJK
SC by default) in a 40x40 box, blurred (so that a stroke moved by a pixel still overlaps),
centred and scaled to unit length; two characters are similar when the cosine of their
images is at least --min-sim, and each common character keeps its --top most similar ones.
Of the other characters of the basic CJK block (variant and Japanese forms typed or recognised
for the standard one: 囯 for 国, 値 for 值, 乂 for 义, 覌 for 观) it keeps the --variants most
similar ones at --min-variant-sim or more.
This finds what pycorrector's same_stroke.txt lacks: 体/休, 育/肓, 社/杜, 党/觉, 治/冶, 设/没.
Needs Pillow and the font only here; the linter reads the written file.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OUT = ROOT / "dictionaries" / "shape_similar.txt"
FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
FONT_INDEX = 2  # the SC face of the collection
SIZE = 40


def gb2312_chars() -> list[str]:
    out = []
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                out.append(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return out


def images(chars: list[str], font_path: str):
    import numpy as np
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    font = ImageFont.truetype(font_path, 34, index=FONT_INDEX)
    rows = []
    for c in chars:
        im = Image.new("L", (SIZE, SIZE), 0)
        ImageDraw.Draw(im).text((3, -4), c, fill=255, font=font)
        rows.append(np.asarray(im.filter(ImageFilter.GaussianBlur(1.2)), dtype=np.float32).ravel())
    x = np.stack(rows)
    x -= x.mean(axis=1, keepdims=True)
    x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-6)
    return x


def main(argv: list[str] | None = None) -> int:
    import numpy as np

    from lint.rules.serious.variants import confusion_data

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--font", default=FONT)
    ap.add_argument("--min-sim", type=float, default=0.80)
    ap.add_argument("--top", type=int, default=4)
    ap.add_argument("--min-variant-sim", type=float, default=0.86)
    ap.add_argument("--variants", type=int, default=2)
    args = ap.parse_args(argv)
    targets = sorted(confusion_data().common)
    pool = sorted(set(gb2312_chars()) | set(targets))
    others = sorted(set(map(chr, range(0x4E00, 0x9FA6))) - set(pool))
    t, p, o = images(targets, args.font), images(pool, args.font), images(others, args.font)
    sim, sim_o = t @ p.T, t @ o.T
    lines = ["# Characters of similar shape (形近字), derived by tools/derive_shape_similar.py from glyphs of",
             f"# Noto Sans CJK SC: blurred 40x40 images; for each common character the {args.top} closest GB2312",
             f"# characters with cosine >= {args.min_sim} and the {args.variants} closest other characters of the",
             f"# basic CJK block with cosine >= {args.min_variant_sim}. <character><TAB><similar characters>. Do not edit."]
    for i, c in enumerate(targets):
        order = np.argsort(-sim[i])
        near = [pool[j] for j in order[: args.top + 1] if pool[j] != c and sim[i, j] >= args.min_sim][: args.top]
        order = np.argsort(-sim_o[i])[: args.variants]
        near += [others[j] for j in order if sim_o[i, j] >= args.min_variant_sim]
        if near:
            lines.append(f"{c}\t{''.join(near)}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(lines) - 4:,} characters)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
