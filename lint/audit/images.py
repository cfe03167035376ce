"""The images of audited posts: the paths a record lists in its `images` field (relative to the
records file), the images embedded in a .docx and the local images a .html/.md page references,
read by lint.ocr.inputs as `zwlint check` reads them, recognised on the worker that lints the
post, each finding on an image kept with its location and a small cropped PNG
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


DOCX_EXTS = (".docx",)
PAGE_EXTS = (".html", ".htm", ".md", ".markdown")


def _kind(post: Post) -> str | None:
    """Where a post's images are: "record" (its `images` field), "docx" (word/media), "page"
    (the local images a .html/.md page references), None (no images)."""
    if post.record_index is not None:
        return "record" if post.extra and "images" in post.extra else None
    ext = os.path.splitext(post.path or "")[1].lower()
    if ext in DOCX_EXTS:
        return "docx"
    if ext in PAGE_EXTS:
        return "page"
    return None


def _page_refs(post: Post) -> list[str]:
    from lint.ocr.inputs import referenced_images

    raw = post.content_source[0] if post.content_source is not None else post.content
    return referenced_images(raw or "")


def image_count(post: Post) -> int:
    """How many images a post has (those not read are counted in the store)."""
    kind = _kind(post)
    if kind == "record":
        from lint.ocr.inputs import record_image_refs

        return len(record_image_refs(post.extra)[0])
    if kind == "docx":
        import zipfile

        from lint.ocr import IMAGE_EXTS

        try:
            with zipfile.ZipFile(post.path) as zf:
                return sum(1 for n in zf.namelist()
                           if n.startswith("word/media/") and os.path.splitext(n)[1].lower() in IMAGE_EXTS)
        except (OSError, zipfile.BadZipFile):
            return 0
    if kind == "page":
        return len(_page_refs(post))
    return 0


def image_stamp(post: Post, mode: str) -> str:
    """What of a post's images its hash covers: the images mode and each image file's size and
    modification time (an image replaced under the same name is read again on resume; for a
    .docx, the file's); "" for a post without images, so that its hash is as before."""
    kind = _kind(post)
    if kind is None:
        return ""
    if kind == "docx":
        names = [post.path]
    elif kind == "page":
        names = _page_refs(post)
    else:
        from lint.ocr.inputs import record_image_refs

        names = record_image_refs(post.extra)[0]
    if not names:
        return ""
    parts = [mode]
    if mode == OCR and post.path and "://" not in post.path:
        base = os.path.dirname(post.path)
        for name in names:
            try:
                st = os.stat(name if kind == "docx" else os.path.join(base, name))
                parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
            except OSError:
                parts.append(f"{name}:?")
    else:
        parts.extend(names)
    return "\n".join(parts)


@dataclass
class ImageResult:
    """A post's images linted: finding rows (with `image` and `crop`), the images that could
    not be read (reasons), and how many were read and not read."""

    rows: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    read: int = 0
    unread: int = 0


def _images(post: Post):
    """(ref, PIL image or the ImageError) for each image of a post, in order; the reasons of
    images are worded as `zwlint check` words them."""
    from lint.ocr.inputs import (
        ImageError, docx_media, load_image, open_image, record_image_ref, record_images,
    )

    kind = _kind(post)
    path = post.path or ""
    if kind == "record":
        for index, ref, image in record_images(post.extra, path):
            if isinstance(image, ImageError):
                image = ImageError(f"images[{index}]: {image}")
            yield record_image_ref(index, ref), image
    elif kind == "docx":
        for index, (name, data) in enumerate(docx_media(path)):
            ref = {"media": name, "index": index}
            try:
                yield ref, open_image(data)
            except ImageError as exc:
                yield ref, ImageError(f"{name}: {exc}")
    elif kind == "page":
        for ref in _page_refs(post):
            try:
                yield {"path": ref}, open_image(load_image(ref, path))
            except ImageError as exc:
                yield {"path": ref}, exc


def lint_images(linter, post: Post, mode: str, finding_row) -> ImageResult:
    """Recognise and lint the images of a post (a record's `images`, a .docx's embedded
    images, the local images a .html/.md page references); `finding_row(finding, image_post)`
    makes the store's row of a finding."""
    from lint.windows import check_post

    out = ImageResult()
    if _kind(post) is None:
        return out
    if mode != OCR:
        out.unread = image_count(post)
        return out
    from lint.ocr.inputs import ImageError, image_post

    try:
        for ref, image in _images(post):
            if isinstance(image, ImageError):
                out.errors.append(str(image))
                out.unread += 1
                continue
            found = image_post(image, ref, post.path or "", record_id=post.id, base=post)
            for f in check_post(linter, found):
                row = finding_row(f, found)
                row["image"] = f.image
                row["crop"] = crop_png(image, f.image["box"], hide=f.category == "privacy")
                out.rows.append(row)
            out.read += 1
    except ImageError as exc:  # a record's field that is not a list of paths
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
