"""A one-line progress bar on stderr (only on a terminal): done/total, posts/s, ETA."""
from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, stream=None, enabled: bool | None = None, min_interval: float = 0.2):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.t0 = time.monotonic()
        self.last = 0.0
        self.min_interval = min_interval
        self.width = 0

    def __call__(self, done: int, total: int | None, errors: int = 0) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.last < self.min_interval and (total is None or done < total):
            return
        self.last = now
        elapsed = max(now - self.t0, 1e-9)
        rate = done / elapsed
        if total:
            total = max(total, done)
            frac = done / total
            filled = int(frac * 30)
            bar = "█" * filled + "░" * (30 - filled)
            eta = (total - done) / rate if rate > 0 else 0
            line = f"\r{bar} {done}/{total} {rate:,.0f} 篇/s  剩余 {_fmt(eta)}"
        else:
            line = f"\r{done} {rate:,.0f} 篇/s  已用 {_fmt(elapsed)}"
        if errors:
            line += f"  错误 {errors}"
        self.width = max(self.width, len(line))
        self.stream.write(line.ljust(self.width))
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()


def _fmt(seconds: float) -> str:
    s = int(seconds + 0.5)
    if s >= 3600:
        return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"
    return f"{s // 60}:{s % 60:02d}"
