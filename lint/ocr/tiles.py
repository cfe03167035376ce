"""Cutting long images into overlapping tiles, and keeping each recognised line once.

A line near a seam is recognised in both tiles, or cut in one of them. Each tile owns the
band from the middle of its upper overlap to the middle of its lower overlap, and keeps only
the lines whose centre lies in its band: with an overlap taller than any text line, a line cut
by a tile's edge has its centre outside that tile's band and inside the neighbour's, where it
is whole."""
from __future__ import annotations

from dataclasses import dataclass

# A tile is at most this many times as tall as it is wide (PP-OCR's detector is trained on
# page-like shapes and rapidocr shrinks anything taller than 2,000 px as a whole).
MAX_ASPECT = 1.6
# Overlap between tiles: a fifth of the width, at least 160 px, taller than the largest title
# line in the test set (96 px on a 1,080 px-wide long image).
MIN_OVERLAP = 160
OVERLAP_RATIO = 0.2


@dataclass(frozen=True)
class Tile:
    top: int
    bottom: int
    keep_from: float  # this tile keeps lines whose vertical centre is in [keep_from, keep_to)
    keep_to: float


def plan_tiles(width: int, height: int) -> list[Tile]:
    """Horizontal bands covering the image, each overlapping the next."""
    tile_h = max(int(width * MAX_ASPECT), 2 * MIN_OVERLAP + 1)
    if height <= tile_h:
        return [Tile(0, height, float("-inf"), float("inf"))]
    overlap = max(MIN_OVERLAP, int(width * OVERLAP_RATIO))
    step = tile_h - overlap
    tops = list(range(0, max(height - tile_h, 0) + 1, step))
    if tops[-1] + tile_h < height:
        tops.append(height - tile_h)
    tiles = []
    for i, top in enumerate(tops):
        bottom = min(top + tile_h, height)
        keep_from = float("-inf") if i == 0 else (top + tops[i - 1] + tile_h) / 2
        keep_to = float("inf") if i == len(tops) - 1 else (tops[i + 1] + bottom) / 2
        tiles.append(Tile(top, bottom, keep_from, keep_to))
    return tiles


def owns(tile: Tile, y0: float, y1: float) -> bool:
    """Whether a line spanning y0..y1 (image coordinates) belongs to this tile."""
    return tile.keep_from <= (y0 + y1) / 2 < tile.keep_to
