"""Posts from text in images: image files, images inside .docx, images a .html/.md page
references by local path, a record's `images` field, and PDF pages without a text layer.

Every image becomes one Post whose content is the recognised text and whose `image` says
where it came from; an image that cannot be read is an InputError, as a bad file is."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlparse

from lint.model import Post
from lint.ocr import IMAGE_EXTS, INSTALL_HINT, available
from lint.ocr.text import ImageText

# Longest side accepted, in pixels (a 1,080 x 30,000 long image is fine; a decompression bomb
# is refused before it is decoded).
MAX_PIXELS = 80_000_000
# PDF pages without a text layer are rendered at this resolution (dots per inch).
PDF_DPI = 150
# A page with fewer visible characters than this in its text layer counts as a scan.
PDF_MIN_TEXT = 10


class ImageError(Exception):
    """An image that cannot be read; the message is the one-line reason."""


def open_image(data: bytes):
    """A PIL image in RGB from encoded bytes (first frame of an animated GIF)."""
    if not available():
        raise ImageError(INSTALL_HINT)
    from PIL import Image, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        image = Image.open(io.BytesIO(data))
        image.seek(0)
        return image.convert("RGB")
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError, SyntaxError) as exc:
        reason = "image too large" if isinstance(exc, Image.DecompressionBombError) else "not a readable image"
        raise ImageError(reason) from exc


def image_text(image, ref: dict) -> ImageText:
    from lint.ocr.recognise import recognise

    return ImageText(ref=ref, lines=recognise(image), width=image.width, height=image.height)


def image_post(image, ref: dict, path: str, published=None, record_id: str | None = None,
               base: Post | None = None) -> Post:
    """A Post of the text recognised in `image`; `base` (a record's post) lends its date,
    account and platform."""
    found = image_text(image, ref)
    post = Post(content=found.text, path=path, published=published, id=record_id, image=found)
    if base is not None:
        post.published, post.account, post.platform = base.published, base.account, base.platform
    return post


def posts_from_image_bytes(data: bytes, path: str, published=None) -> list[Post]:
    return [image_post(open_image(data), {"path": path}, path, published)]


# ---------------------------------------------------------------- .docx

def docx_media(source) -> list[tuple[str, bytes]]:
    """(name, bytes) of the raster images in a .docx's word/media, in name order
    (image1, image2, ... image10)."""
    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, (bytes, bytearray)) else source) as zf:
            names = [n for n in zf.namelist()
                     if n.startswith("word/media/") and Path(n).suffix.lower() in IMAGE_EXTS]
            key = lambda n: [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", n)]  # noqa: E731
            return [(n, zf.read(n)) for n in sorted(names, key=key)]
    except zipfile.BadZipFile:
        return []


def docx_image_posts(source, path: str, published=None) -> tuple[list[Post], list[tuple[str, str]]]:
    """Posts of the images embedded in a .docx, and (image, reason) for those unreadable."""
    posts, errors = [], []
    for index, (name, data) in enumerate(docx_media(source)):
        try:
            posts.append(image_post(open_image(data), {"media": name, "index": index}, path, published))
        except ImageError as exc:
            errors.append((name, str(exc)))
    return posts, errors


# ---------------------------------------------------------------- .html / .md

_IMG_TAG = re.compile(r"""<img\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^)]*[\"'])?\s*\)")


def referenced_images(text: str) -> list[str]:
    """Local image paths a page references (<img src> and Markdown ![](...)), in order;
    URLs with a scheme (http:, data:) are not local files and are left out."""
    refs = [next(g for g in m.groups() if g is not None) for m in _IMG_TAG.finditer(text)]
    refs += [m.group(1) for m in _MD_IMAGE.finditer(text)]
    out = []
    for ref in refs:
        parsed = urlparse(ref)
        if parsed.scheme or parsed.netloc or not parsed.path:
            continue
        local = unquote(parsed.path)
        if Path(local).suffix.lower() in IMAGE_EXTS and local not in out:
            out.append(local)
    return out


def _load_local(ref: str, base_dir: Path) -> bytes:
    target = (base_dir / ref) if not Path(ref).is_absolute() else Path(ref)
    try:
        return target.read_bytes()
    except OSError as exc:
        raise ImageError(f"image {ref} not found" if isinstance(exc, FileNotFoundError)
                         else f"cannot read image {ref} ({exc.strerror or exc})") from exc


def load_image(ref: str, records_path: str) -> bytes:
    """The bytes of an image a file names: a local path relative to that file's folder, or,
    for a file read from an fsspec URL (s3://bucket/posts.jsonl), relative to that URL."""
    if "://" in records_path and not Path(ref).is_absolute():
        import posixpath

        import fsspec

        url = posixpath.join(posixpath.dirname(records_path), ref)
        try:
            with fsspec.open(url, "rb") as fh:
                return fh.read()
        except FileNotFoundError as exc:
            raise ImageError(f"image {ref} not found") from exc
        except (OSError, ValueError, ImportError) as exc:
            raise ImageError(f"cannot read image {ref} ({exc})") from exc
    return _load_local(ref, Path(records_path).parent)


def linked_image_posts(text: str, path: str, published=None) -> tuple[list[Post], list[tuple[str, str]]]:
    """Posts of the local images a .html/.md file references (relative to its folder)."""
    if path == "-":
        return [], []
    posts, errors = [], []
    for ref in referenced_images(text):
        try:
            image = open_image(_load_local(ref, Path(path).parent))
            posts.append(image_post(image, {"path": ref}, path, published))
        except ImageError as exc:
            errors.append((ref, str(exc)))
    return posts, errors


# ---------------------------------------------------------------- records

def record_image_refs(rec: dict) -> tuple[list[str], str | None]:
    """The image paths a record lists in `images` (a list of paths, or in CSV one string of
    paths separated by `;` or `|`), and why the field cannot be used, if it cannot."""
    value = rec.get("images")
    if value in (None, "", []):
        return [], None
    if isinstance(value, str):
        value = [v.strip() for v in re.split(r"[;|\n]", value) if v.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return [], "field 'images' is not a list of paths"
    return value, None


def record_images(rec: dict, path: str):
    """(index, path, PIL image or the ImageError) for each image a record lists, relative to
    the records file's folder; an ImageError first if the field is not a list of paths."""
    refs, problem = record_image_refs(rec)
    if problem:
        raise ImageError(problem)
    for index, ref in enumerate(refs):
        try:
            yield index, ref, open_image(load_image(ref, path))
        except ImageError as exc:
            yield index, ref, exc


def record_image_ref(index: int, ref: str) -> dict:
    return {"field": "images", "index": index, "path": ref}


def record_image_posts(rec: dict, post: Post, path: str) -> tuple[list[Post], list[str]]:
    """Posts of the images a record lists in `images`, relative to the records file's folder."""
    posts, errors = [], []
    try:
        for index, ref, image in record_images(rec, path):
            if isinstance(image, ImageError):
                errors.append(f"images[{index}]: {image}")
                continue
            posts.append(image_post(image, record_image_ref(index, ref), path, record_id=post.id, base=post))
    except ImageError as exc:
        errors.append(str(exc))
    return posts, errors


# ---------------------------------------------------------------- PDF

def read_pdf(data: bytes, path: str, published=None) -> tuple[str, list[Post]]:
    """The text layer of a PDF's pages (one text, pages separated by a blank line), and a
    Post for each page without one, its text recognised from the page rendered at PDF_DPI."""
    if not available():
        raise ImageError(INSTALL_HINT)
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise ImageError("not a readable PDF") from exc
    texts, scans = [], []
    try:
        for number in range(len(pdf)):
            page = pdf[number]
            text = page.get_textpage().get_text_range().replace("\r\n", "\n").replace("\r", "\n")
            if len(re.sub(r"\s", "", text)) >= PDF_MIN_TEXT:
                texts.append(text.strip("\n"))
                continue
            image = page.render(scale=PDF_DPI / 72).to_pil()
            scans.append(image_post(image, {"page": number + 1}, path, published))
    finally:
        pdf.close()
    return "\n\n".join(texts), scans


# ---------------------------------------------------------------- hooks for the readers

def read_image_file(path: Path, published=None):
    """(Source, errors) of an image or PDF file named as an input."""
    from lint.text.readers import InputError, Source

    spath = str(path)
    try:
        data = path.read_bytes()
        if path.suffix.lower() in IMAGE_EXTS:
            posts = posts_from_image_bytes(data, spath, published)
            return Source(spath, "image", posts[0].content, posts), []
        text, scans = read_pdf(data, spath, published)
    except ImageError as exc:
        return None, [InputError(spath, str(exc))]
    except OSError as exc:
        return None, [InputError(spath, f"cannot read ({exc.strerror or exc})")]
    posts = ([Post(content=text, path=spath, published=published)] if text.strip() else []) + scans
    if not posts:
        return None, [InputError(spath, "empty PDF (no pages)")]
    return Source(spath, "pdf", text, posts), []


def add_image_posts(src, docx_bytes: bytes | None = None) -> list:
    """Add to a Source read from a .docx, .html/.md or records file the posts of the images
    it embeds, references or lists; the InputErrors of those that cannot be read. Nothing
    happens without the OCR extra (then images inside other files are not checked)."""
    from lint.text.readers import InputError

    if not available():
        return []
    published = src.posts[0].published if src.posts else None
    errors: list = []
    if src.kind == "docx":
        posts, bad = docx_image_posts(docx_bytes if docx_bytes is not None else src.path, src.path, published)
        src.posts.extend(posts)
        errors += [InputError(src.path, f"{name}: {reason}") for name, reason in bad]
    elif src.kind == "html" or (src.kind == "text" and Path(src.path).suffix.lower() in (".md", ".markdown")):
        posts, bad = linked_image_posts(src.text or "", src.path, published)
        src.posts.extend(posts)
        errors += [InputError(src.path, reason) for _, reason in bad]
    elif src.kind == "records":
        merged: list[Post] = []
        for post in src.posts:
            merged.append(post)
            posts, bad = record_image_posts(post.extra, post, src.path)
            merged.extend(posts)
            errors += [InputError(src.path, reason, record=post.id) for reason in bad]
        src.posts[:] = merged
    return errors
