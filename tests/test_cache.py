"""lint.cache: derived data kept between runs, and old versions of it cleaned up."""
from __future__ import annotations

import os
import time

from lint.cache import STALE_AFTER_DAYS, cached_pickle


def _age(path, days: float) -> None:
    t = time.time() - days * 86400
    os.utime(path, (t, t))


def test_second_call_loads_what_the_first_built(tmp_path):
    path = str(tmp_path / "thing-aaa.pickle")
    assert cached_pickle(path, lambda: {"built": 1}) == {"built": 1}
    assert cached_pickle(path, lambda: {"built": 2}) == {"built": 1}


def test_writing_a_new_version_deletes_old_versions_unused_for_a_month(tmp_path):
    stale = tmp_path / "thing-old.pickle"
    recent = tmp_path / "thing-recent.pickle"
    other_kind = tmp_path / "other-old.pickle"
    for f in (stale, recent, other_kind):
        f.write_bytes(b"x")
    _age(stale, STALE_AFTER_DAYS + 1)
    _age(recent, STALE_AFTER_DAYS - 1)
    _age(other_kind, STALE_AFTER_DAYS + 1)
    cached_pickle(str(tmp_path / "thing-new.pickle"), lambda: 1)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other-old.pickle", "thing-new.pickle", "thing-recent.pickle"]


def test_reading_a_cached_file_marks_it_used(tmp_path):
    path = tmp_path / "thing-aaa.pickle"
    cached_pickle(str(path), lambda: 1)
    _age(path, STALE_AFTER_DAYS + 1)
    cached_pickle(str(path), lambda: 2)
    assert time.time() - path.stat().st_mtime < 3600
