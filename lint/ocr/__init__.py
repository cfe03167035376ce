"""Text in images (posters, long images, scans): recognised offline with the PP-OCRv4 models
that ship inside the `rapidocr-onnxruntime` wheel (the optional extra `zwlint[ocr]`), then
checked by every rule like any other text.

- `lint.ocr.recognise`: image -> recognised lines with boxes and per-character confidences
  (long images in overlapping tiles, duplicates at the seams merged);
- `lint.ocr.text`: those lines as one text, and findings placed back on the image;
- `lint.ocr.inputs`: image files, images in .docx / .html / .md / records, scanned PDF pages.
"""
from __future__ import annotations

import importlib.util

IMAGE_EXTS = frozenset({".png", ".jpg", ".jpeg", ".webp", ".bmp", ".gif"})
PDF_EXTS = frozenset({".pdf"})
INSTALL_HINT = "OCR is not installed: pip install 'zwlint[ocr]'"


def available() -> bool:
    """Whether the OCR extra is installed (checked without importing it)."""
    return all(importlib.util.find_spec(m) is not None
               for m in ("rapidocr_onnxruntime", "PIL", "pypdfium2"))


def input_exts() -> frozenset[str]:
    """File kinds a folder walk picks up because of OCR (none without the extra)."""
    return IMAGE_EXTS | PDF_EXTS if available() else frozenset()
