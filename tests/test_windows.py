"""Long texts are checked in windows: the same findings as in one piece, memory bounded."""
from __future__ import annotations

import pytest

from lint.config import load_config_file
from lint.engine import Linter
from lint.model import Post
from lint.windows import check_post, cut_points


def key(findings):
    return [(f.rule, f.field, f.start, f.end, f.line, f.column, f.text) for f in findings]


@pytest.fixture
def linter(project):
    cfg = load_config_file(project / "zwlint.toml").merged(select=["ZW990", "privacy", "format"], ignore=[])
    return Linter(cfg)


def test_cut_points_prefer_line_ends_and_cover_the_text():
    text = ("一二三四五六七八九。\n" * 40) + "十" * 300
    cuts = cut_points(text, window=100)
    assert cuts[0] == 0 and cuts[-1] == len(text)
    assert all(0 < b - a <= 100 for a, b in zip(cuts, cuts[1:]))
    assert all(text[c - 1] == "\n" for c in cuts[1:-1] if c <= 440)


def test_windows_find_what_one_piece_finds(linter, seeds):
    text = "\n".join(seeds.values())
    # plant findings at and across the cuts
    cuts = cut_points(text, window=3000)
    for c in reversed(cuts[1:-1]):
        text = text[:c - 2] + "测试错词" + text[c - 2:]
    text += "\n<!-- zwlint-disable ZW990 -->" + "测试错词。" * 800 + "<!-- zwlint-enable -->测试错词"
    post = Post(content=text, title="测试错词", id="r1")
    whole = linter.check_post(post)
    windowed = check_post(linter, post, window=3000, overlap=200)
    assert len(cut_points(text, 3000)) > 10
    assert sum(f.rule == "ZW990" for f in whole) >= 10
    assert key(windowed) == key(whole)


def test_short_texts_are_checked_in_one_piece(linter):
    calls = []

    class Spy:
        def check_post(self, post):
            calls.append(post)
            return []

    check_post(Spy(), Post(content="短文。" * 100))
    assert len(calls) == 1
