"""Working days with the official holiday calendar (国务院办公厅 holiday notices, via the
chinesecalendar package): statutory holidays are off, 调休 weekend days are working days.
Years the package does not cover yet fall back to Monday-Friday, and say so."""
from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

try:  # the package is a core dependency; the fallback keeps a broken install usable
    import chinese_calendar as _cc
except ImportError:  # pragma: no cover
    _cc = None

uncovered_years: set[int] = set()


@lru_cache(maxsize=4096)
def is_workday(day: date) -> bool:
    if _cc is not None:
        try:
            return bool(_cc.is_workday(day))
        except NotImplementedError:
            pass
    uncovered_years.add(day.year)
    return day.weekday() < 5


def add_workdays(day: date, n: int) -> date:
    """The n-th working day after `day` (`day` itself never counts)."""
    d = day
    left = n
    while left > 0:
        d += timedelta(days=1)
        if is_workday(d):
            left -= 1
    return d


def workdays_between(start: date, end: date) -> int:
    """Working days in (start, end]."""
    n = 0
    d = start
    while d < end:
        d += timedelta(days=1)
        n += is_workday(d)
    return n
