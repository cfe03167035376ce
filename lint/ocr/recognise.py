"""Image -> recognised lines, with rapidocr-onnxruntime's PP-OCRv4 detection and recognition
models (they ship inside its wheel: nothing is downloaded). We drive the two models ourselves
rather than through `RapidOCR.__call__` to get what it does not give: per-character
probabilities and positions, detection on a reduced copy with recognition on full-resolution
crops, and tiles for long images."""
from __future__ import annotations

import math
import os
import threading

from lint.ocr.text import OcrLine
from lint.ocr.tiles import owns, plan_tiles

# Detection runs on a copy whose longer side is at most this (a 1,080 x 1,920 poster is
# detected at 720 x 1,280); recognition reads crops of the full-resolution image.
DET_MAX_SIDE = 1280
# A banner (at least WIDE_RATIO times as wide as tall) is detected at its own resolution, its
# longer side at most WIDE_MAX_SIDE: rapidocr's detector scales every image up until its
# shorter side is 736 px, which makes a 3,600 x 260 banner shrunk to 1,280 px wide a
# 10,000 x 736 image (20 s of detection for one line of text).
WIDE_RATIO = 2.0
WIDE_MAX_SIDE = 4096
# Lines whose mean character probability is below this are not text (rapidocr's default).
MIN_LINE_SCORE = 0.5
REC_BATCH = 6

_lock = threading.Lock()
_models = None


def _load_models():
    global _models
    with _lock:
        if _models is None:
            from rapidocr_onnxruntime.ch_ppocr_det import TextDetector
            from rapidocr_onnxruntime.ch_ppocr_rec import TextRecognizer
            from rapidocr_onnxruntime.main import DEFAULT_CFG_PATH
            from rapidocr_onnxruntime.utils import read_yaml
            from rapidocr_onnxruntime.utils.parse_parameters import update_model_path

            config = update_model_path(read_yaml(DEFAULT_CFG_PATH))
            threads = int(os.environ.get("ZWLINT_OCR_THREADS", "-1"))
            for part in ("Det", "Rec"):
                config[part]["intra_op_num_threads"] = threads
                config[part]["inter_op_num_threads"] = 1 if threads > 0 else -1
            _models = (TextDetector(config["Det"]), TextRecognizer(config["Rec"]))
    return _models


def recognise(image) -> list[OcrLine]:
    """The text lines of a PIL image, in reading order, with boxes in its pixels."""
    import numpy as np

    rgb = np.asarray(image.convert("RGB"))
    bgr = np.ascontiguousarray(rgb[:, :, ::-1])
    height, width = bgr.shape[:2]
    lines: list[OcrLine] = []
    for tile in plan_tiles(width, height):
        for line in _recognise_tile(bgr[tile.top : tile.bottom], tile.top):
            if owns(tile, line.box[1], line.box[3]):
                lines.append(line)
    return reading_order(lines)


def reading_order(lines: list[OcrLine]) -> list[OcrLine]:
    """Rows top to bottom (lines whose vertical centre falls inside a row's first line join
    it), each row left to right."""
    rows: list[list[OcrLine]] = []
    for line in sorted(lines, key=lambda ln: (ln.box[1], ln.box[0])):
        centre = (line.box[1] + line.box[3]) / 2
        if rows and rows[-1][0].box[1] <= centre <= rows[-1][0].box[3]:
            rows[-1].append(line)
        else:
            rows.append([line])
    return [line for row in rows for line in sorted(row, key=lambda ln: ln.box[0])]


def _recognise_tile(bgr, y_offset: int) -> list[OcrLine]:
    import cv2
    import numpy as np

    detector, recogniser = _load_models()
    h, w = bgr.shape[:2]
    wide = w >= WIDE_RATIO * h
    scale = min(1.0, (WIDE_MAX_SIDE if wide else DET_MAX_SIDE) / max(h, w))
    small = cv2.resize(bgr, (max(1, round(w * scale)), max(1, round(h * scale))),
                       interpolation=cv2.INTER_AREA) if scale < 1 else bgr
    quads = _detect_as_is(detector, small) if wide else detector(small)[0]
    if quads is None or len(quads) == 0:
        return []
    quads = np.asarray(quads, dtype=np.float32) / scale
    crops = [_crop(bgr, q) for q in quads]
    results = _read(recogniser, [c for c, _ in crops])
    lines = []
    for quad, (crop, vertical), (text, confs, centres) in zip(quads, crops, results):
        if not text or sum(confs) / len(confs) < MIN_LINE_SCORE:
            continue
        x0, y0 = quad.min(axis=0)
        x1, y1 = quad.max(axis=0)
        if vertical:
            char_x = [(float(x0), float(x1))] * len(text)
        else:
            crop_w = crop.shape[1]
            left, right = quad[0], quad[1]
            per_px = (right[0] - left[0]) / crop_w
            char_x = [(float(left[0] + a * per_px), float(left[0] + b * per_px))
                      for a, b in _extents(centres, crop_w, crop.shape[0])]
        lines.append(OcrLine(text=text, box=(int(x0), int(y0) + y_offset, int(math.ceil(x1)),
                                             int(math.ceil(y1)) + y_offset),
                             confidence=float(sum(confs) / len(confs)), char_conf=confs, char_x=char_x))
    return lines


def _detect_as_is(detector, bgr):
    """The detector's text boxes at the image's own size (rounded to multiples of 32), not
    scaled up to its usual minimum."""
    from rapidocr_onnxruntime.ch_ppocr_det.utils import DetPreProcess

    prepared = DetPreProcess(max(bgr.shape[:2]), "max", detector.mean, detector.std)(bgr)
    if prepared is None:
        return None
    boxes, _scores = detector.postprocess_op(detector.infer(prepared)[0], bgr.shape[:2])
    return detector.filter_tag_det_res(boxes, bgr.shape[:2])


def _crop(bgr, quad):
    """The straightened crop of one detected quadrilateral (as rapidocr cuts it); vertical
    text is turned to read left to right."""
    import cv2
    import numpy as np

    width = int(max(np.linalg.norm(quad[0] - quad[1]), np.linalg.norm(quad[2] - quad[3])))
    height = int(max(np.linalg.norm(quad[0] - quad[3]), np.linalg.norm(quad[1] - quad[2])))
    width, height = max(width, 1), max(height, 1)
    target = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(quad.astype(np.float32), target)
    crop = cv2.warpPerspective(bgr, matrix, (width, height), borderMode=cv2.BORDER_REPLICATE,
                               flags=cv2.INTER_CUBIC)
    if height / width >= 1.5:
        return np.rot90(crop), True
    return crop, False


def _read(recogniser, crops) -> list[tuple[str, list[float], list[float]]]:
    """(text, per-character probability, per-character centre x in crop pixels) per crop:
    CTC greedy decoding as PaddleOCR's, keeping what it averages away."""
    import numpy as np

    chars = recogniser.postprocess_op.character
    _, img_h, img_w = recogniser.rec_image_shape
    order = sorted(range(len(crops)), key=lambda i: crops[i].shape[1] / crops[i].shape[0])
    out: list = [("", [], [])] * len(crops)
    for b in range(0, len(order), REC_BATCH):
        batch = order[b : b + REC_BATCH]
        ratios = [crops[i].shape[1] / crops[i].shape[0] for i in batch]
        max_ratio = max(img_w / img_h, *ratios)
        tensor = np.concatenate([recogniser.resize_norm_img(crops[i], max_ratio)[np.newaxis]
                                 for i in batch]).astype(np.float32)
        preds = recogniser.session(tensor)[0]
        idx, prob = preds.argmax(axis=2), preds.max(axis=2)
        steps = preds.shape[1]
        for k, i in enumerate(batch):
            keep = idx[k] != 0
            keep[1:] &= idx[k][1:] != idx[k][:-1]
            cols = np.nonzero(keep)[0]
            # columns that cover the crop (the rest of the batch tensor is padding)
            used = steps * ratios[k] / max_ratio
            crop_w = crops[i].shape[1]
            text = "".join(chars[j] for j in idx[k][cols])
            out[i] = (text, [float(p) for p in prob[k][cols]],
                      [float((c + 0.5) / used * crop_w) for c in cols])
    return out


def _extents(centres: list[float], crop_w: int, crop_h: int) -> list[tuple[float, float]]:
    """Each character's horizontal extent: halfway to its neighbours' centres, half a
    character (about the line height) at the ends."""
    if not centres:
        return []
    half = crop_h / 2
    bounds = [max(0.0, centres[0] - half)]
    bounds += [(a + b) / 2 for a, b in zip(centres, centres[1:])]
    bounds.append(min(float(crop_w), centres[-1] + half))
    return list(zip(bounds, bounds[1:]))
