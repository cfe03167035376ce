"""The images of audited posts: the paths a record lists in its `images` field (relative to the
records file, read by lint.ocr.inputs as `zwlint check` reads them), recognised on the worker
that lints the post, each finding on an image kept with its location and a small cropped PNG
of the region for the HTML report.

Whether images are read is the run's images mode: "ocr" (the default when the OCR extra is
installed), "off" (--no-images), "missing" (the extra is not installed). Images not read are
counted per post in the store, so the report says how many were not read and why."""
from __future__ import annotations

import io
import os
from dataclasses import dataclass, field

from lint.model import Post

OCR, OFF, MISSING = "ocr", "off", "missing"
# The crop: the finding's box and this much around it (pixels of the image, at least; a
# line's height when that is more), scaled down to at most CROP_MAX_SIDE pixels and
# re-encoded smaller until it is at most CROP_MAX_BYTES.
CROP_MARGIN = 24
CROP_MAX_SIDE = 480
CROP_MAX_BYTES = 48_000


def images_mode(wanted: bool) -> str:
    from lint.ocr import available

    if not wanted:
        return OFF
    return OCR if available() else MISSING


def unread_reason(mode: str) -> str:
    """Why images of a run were not recognised, for the report and the command's summary."""
    from lint.ocr import INSTALL_HINT

    if mode == OFF:
        return "按 --no-images 未识别"
    if mode == MISSING:
        return f"未安装文字识别：{INSTALL_HINT}"
    return "图片无法读取，原因见错误列表"


def image_refs(post: Post) -> list[str]:
    from lint.ocr.inputs import record_image_refs

    return record_image_refs(post.extra)[0] if post.extra else []


def image_stamp(post: Post, mode: str) -> str:
    """What of a post's images its hash covers: the images mode and each image's size and
    modification time (an image replaced under the same name is read again on resume);
    "" for a post that lists no image, so that its hash is as before."""
    refs = image_refs(post)
    if not refs:
        return ""
    parts = [mode]
    if mode == OCR and post.path and "://" not in post.path:
        base = os.path.dirname(post.path)
        for ref in refs:
            try:
                st = os.stat(os.path.join(base, ref))
                parts.append(f"{ref}:{st.st_size}:{st.st_mtime_ns}")
            except OSError:
                parts.append(f"{ref}:?")
    else:
        parts.extend(refs)
    return "\n".join(parts)


@dataclass
class ImageResult:
    """A post's images linted: finding rows (with `image` and `crop`), the images that could
    not be read (reasons), and how many were read and not read."""

    rows: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    read: int = 0
    unread: int = 0


def lint_images(linter, post: Post, mode: str, finding_row) -> ImageResult:
    """Recognise and lint the images a record lists; `finding_row(finding, image_post)` makes
    the store's row of a finding."""
    from lint.windows import check_post

    out = ImageResult()
    refs = image_refs(post)
    if not refs and "images" not in (post.extra or {}):
        return out
    if mode != OCR:
        out.unread = len(refs)
        return out
    from lint.ocr.inputs import ImageError, image_post, record_image_ref, record_images

    try:
        for index, ref, image in record_images(post.extra, post.path or ""):
            if isinstance(image, ImageError):
                out.errors.append(f"images[{index}]: {image}")
                out.unread += 1
                continue
            found = image_post(image, record_image_ref(index, ref), post.path or "", record_id=post.id, base=post)
            for f in check_post(linter, found):
                row = finding_row(f, found)
                row["image"] = f.image
                row["crop"] = crop_png(image, f.image["box"], hide=f.category == "privacy")
                out.rows.append(row)
            out.read += 1
    except ImageError as exc:  # the field is not a list of paths
        out.errors.append(str(exc))
    return out


def crop_png(image, box, hide: bool = False) -> bytes:
    """A small PNG of `box` (x0, y0, x1, y1) in `image` with a margin around it and the box
    outlined in red and yellow; `hide`: the box's content pixelated (personal data: the report shows it
    masked in the text)."""
    from PIL import Image, ImageDraw

    x0, y0, x1, y1 = (int(v) for v in box)
    margin = max(CROP_MARGIN, y1 - y0)
    left, top = max(0, x0 - margin), max(0, y0 - margin)
    right, bottom = min(image.width, x1 + margin), min(image.height, y1 + margin)
    crop = image.crop((left, top, max(right, left + 1), max(bottom, top + 1))).convert("RGB")
    inner = (x0 - left, y0 - top, x1 - left, y1 - top)
    if hide and inner[2] > inner[0] and inner[3] > inner[1]:
        region = crop.crop(inner)
        cells = (max(1, region.width // 12), max(1, region.height // 12))
        crop.paste(region.resize(cells, Image.Resampling.BILINEAR).resize(region.size, Image.Resampling.NEAREST),
                   inner[:2])
    # a red and a yellow outline: one of them stands out on any background (red posters too)
    width = max(2, (y1 - y0) // 14)
    draw = ImageDraw.Draw(crop)
    draw.rectangle((inner[0] - width, inner[1] - width, inner[2] + width, inner[3] + width),
                   outline=(255, 214, 0), width=width)
    draw.rectangle(inner, outline=(220, 0, 0), width=width)
    side = CROP_MAX_SIDE
    while True:
        scale = min(1.0, side / max(crop.width, crop.height))
        small = crop.resize((max(1, round(crop.width * scale)), max(1, round(crop.height * scale))),
                            Image.Resampling.LANCZOS) if scale < 1 else crop
        buf = io.BytesIO()
        small.save(buf, format="PNG", optimize=True)
        if buf.tell() <= CROP_MAX_BYTES or side <= 120:
            return buf.getvalue()
        side = int(side * 0.75)
