"""OCR on rendered images (tests/ocr_images.py): character accuracy, recall of the planted
findings from the image against the same text checked as text (the paragraphs before they were
wrapped into the image's lines), and false alarms on clean images. Run from the repository root (needs zwlint[ocr] and fonts-noto-cjk):

    python benchmarks/eval_ocr.py                    # the planted set (posters + long images)
    python benchmarks/eval_ocr.py --clean 60         # also 60 posters of clean 学习强国 sentences
    python benchmarks/eval_ocr.py --hard             # images shrunk to 55% and saved as JPEG quality 30
    python benchmarks/eval_ocr.py --hard --threshold-table  # how LOW_CONFIDENCE was chosen

Set --seed to render a different set: seed 7 (the default) was looked at while building;
report other seeds as held out.
"""
from __future__ import annotations

import argparse
import difflib
import json
import random
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
SHARED = ROOT.parent / "shared"
if not SHARED.is_dir():
    SHARED = ROOT.parent.parent / "shared"

from ocr_images import TITLES, render, test_set  # noqa: E402

from lint.engine import Linter  # noqa: E402
from lint.model import Post  # noqa: E402
from lint.ocr.inputs import image_text  # noqa: E402

PUBLISHED = date(2024, 6, 1)


def edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def squeeze(s: str) -> str:
    return "".join(s.split())


def clean_posters(n: int, seed: int) -> list:
    path = SHARED / "data" / "clean" / "xxqg_clean_sentences.json"
    sentences = [r["correct_text"] for r in json.loads(path.read_text(encoding="utf-8"))]
    rng = random.Random(seed)
    out = []
    for i in range(n):
        width = rng.choice([640, 750, 1080])
        out.append(render(rng.choice(TITLES), rng.sample(sentences, k=4), width=width, palette=i,
                          font=rng.choice(["sans", "serif"]), title_size=int(width * 0.07),
                          body_size=int(width * rng.uniform(0.036, 0.05)),
                          style=rng.choice(["plain", "gradient", "noise"]), seed=1000 + i))
    return out


def harden(image):
    """A reposted copy: shrunk to 55% (small body text, 14-22 px) and JPEG-compressed at quality 30."""
    import io

    from PIL import Image

    small = image.resize((int(image.width * 0.55), int(image.height * 0.55)), Image.LANCZOS)
    buf = io.BytesIO()
    small.save(buf, format="JPEG", quality=30)
    return Image.open(io.BytesIO(buf.getvalue())).convert("RGB")


def found(findings, rule: str, text: str) -> bool:
    return any(f.rule == rule and (text in f.text or f.text in text) for f in findings)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--clean", type=int, default=0, help="also N posters of clean sentences")
    ap.add_argument("--threshold-table", action="store_true")
    ap.add_argument("--hard", action="store_true", help="shrink and JPEG-compress every image")
    args = ap.parse_args()

    linter = Linter()
    images = test_set(seed=args.seed) + (clean_posters(args.clean, args.seed) if args.clean else [])
    chars = errors = 0
    planted = text_hits = image_hits = 0
    clean_images = clean_alarms = 0
    pairs: list[tuple[float, bool]] = []  # (confidence, recognised right) per character
    t0 = time.perf_counter()
    for n, r in enumerate(images):
        got = image_text(harden(r.image) if args.hard else r.image, {"path": f"#{n}"})
        truth, seen = squeeze(r.text), squeeze(got.text)
        chars += len(truth)
        errors += edit_distance(truth, seen)
        conf = [c for line in got.lines for ch, c in zip(line.text, line.char_conf) if not ch.isspace()]
        matcher = difflib.SequenceMatcher(None, seen, truth, autojunk=False)
        right = [False] * len(seen)
        for a, _, size in matcher.get_matching_blocks():
            right[a:a + size] = [True] * size
        pairs += list(zip(conf, right))

        as_text = linter.check_post(Post(content="\n".join(r.paragraphs), published=PUBLISHED))
        as_image = linter.check_post(Post(content=got.text, published=PUBLISHED, image=got))
        for _, _, rule, wrong in r.planted:
            planted += 1
            text_hits += found(as_text, rule, wrong)
            image_hits += found(as_image, rule, wrong)
            if not found(as_image, rule, wrong):
                print(f"missed in image #{n}: {rule} {wrong}", file=sys.stderr)
        text_keys = {(f.rule, f.text) for f in as_text}
        extra = [f for f in as_image if (f.rule, f.text) not in text_keys]
        if not r.planted:
            clean_images += 1
            clean_alarms += len(extra)
        for f in extra:
            print(f"image #{n} only: {f.rule} {f.text!r} {f.message}", file=sys.stderr)
    elapsed = time.perf_counter() - t0

    print(f"images: {len(images)} ({clean_images} clean), {chars} characters, seed {args.seed}"
          f"{', hard (55%, JPEG q30)' if args.hard else ''}")
    print(f"character accuracy (1 - edit distance / characters, whitespace ignored): {1 - errors / chars:.4f}")
    print(f"planted findings: {planted}; found in text {text_hits} ({text_hits / planted:.3f}), "
          f"in images {image_hits} ({image_hits / planted:.3f}); image/text rate {image_hits / max(1, text_hits):.3f}")
    print(f"false alarms on clean images (findings not made on the same text): {clean_alarms} in {clean_images} images")
    print(f"time: {elapsed:.1f} s")
    if args.threshold_table:
        wrong_total = sum(1 for _, ok in pairs if not ok)
        right_total = len(pairs) - wrong_total
        print(f"\nrecognised characters: {len(pairs)}, wrong {wrong_total}")
        print("threshold  wrong chars below  right chars below")
        for t in (0.3, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98):
            w = sum(1 for c, ok in pairs if not ok and c < t)
            g = sum(1 for c, ok in pairs if ok and c < t)
            print(f"{t:9.2f}  {w:6d} ({w / max(1, wrong_total):.2f})  {g:6d} ({g / max(1, right_total):.4f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
