"""The lint phase of an audit: stream the posts, lint each one once (in parallel, one Linter
per worker process), write the results to the store as they come. Memory stays flat: the
input is read record by record and at most a few chunks per worker are in flight."""
from __future__ import annotations

import hashlib
import os
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from lint.audit.images import OCR, image_stamp, images_mode, lint_images
from lint.audit.inputs import iter_posts, platform_family, scan_inputs
from lint.audit.store import Store
from lint.config import Config
from lint.model import Post
from lint.text.readers import DEFAULT_MAX_BYTES, InputError
from lint.windows import check_post as check_in_windows, check_posts as check_many_in_windows

CONTEXT = 30  # characters of context kept on each side of a finding
CHUNK = 16  # posts per task sent to a worker


def post_hash(post: Post, images: str = OCR) -> str:
    """What a resumed run compares: the post's fields and, for a post that lists images, the
    images mode and the images' sizes and times (lint.audit.images.image_stamp)."""
    h = hashlib.sha1()
    for part in (post.title or "", post.content or "", str(post.published or ""), post.account or "",
                 post.platform or ""):
        h.update(part.encode("utf-8"))
        h.update(b"\x00")
    stamp = image_stamp(post, images)
    if stamp:
        h.update(stamp.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


# A post with an image that could not be read is stored under a hash no post has, so that the
# next attempt reads it again (and reports the image again) instead of resuming it.
RETRY_HASH = "retry:"


def ruleset_fingerprint(linter, images: str = OCR) -> str:
    """Changes when the enabled rules, their code, the word lists, the config or the images
    mode change, so that a resumed run relints posts a different linter would judge
    differently."""
    from lint import __version__
    from lint.terms.lists import default_list_dirs, fingerprint, list_files

    h = hashlib.sha256()
    h.update(__version__.encode())
    h.update(f"images:{images}".encode())
    h.update(",".join(sorted(r.code for r in linter.rules)).encode())
    cfg = linter.config
    h.update(fingerprint(list_files(default_list_dirs() + list(cfg.extra_lists))).encode())
    h.update(repr((sorted(cfg.severity.items()), sorted(cfg.allow), repr(sorted(cfg.options.items())))).encode())
    rules_dir = Path(__file__).resolve().parent.parent / "rules"
    for f in sorted(rules_dir.glob("*.py")):
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:24]


# ---------------------------------------------------------------- worker side

_linter = None
_images = OCR


def _end_with_parent() -> None:
    """A worker whose audit is killed ends quietly: writing a result to the dead main process
    ends it by SIGPIPE instead of a BrokenPipeError traceback, and on Linux it is sent SIGTERM
    as soon as the main process dies (it would otherwise finish its chunk for nobody)."""
    import signal

    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: SIGPIPE alone keeps it quiet
        pass


def _init_worker(config: Config, images: str) -> None:
    global _linter, _images
    import signal

    from lint.engine import Linter

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    _end_with_parent()

    _linter = Linter(config)
    _images = images


def _finding_row(f, post: Post) -> dict:
    if f.field == "title":
        target = post.title or ""
    elif post.content_source is not None:
        target = post.content_source[0]
    else:
        target = post.content or ""
    before = target[max(0, f.start - CONTEXT):f.start]
    after = target[f.end:f.end + CONTEXT]
    return {
        "rule": f.rule, "name": f.name, "category": f.category, "severity": f.severity,
        "message": f.message, "field": f.field, "start": f.start, "end": f.end, "line": f.line,
        "col": f.column, "text": f.text, "before": before, "after": after,
        "suggestions": list(f.suggestions), "image": None, "crop": None,
    }


@dataclass
class Linted:
    """One post linted: its finding rows (those on its images with `image` and `crop`), the
    images that could not be read, and the counts of images read and not read."""

    rows: list[dict]
    image_errors: list[str]
    images_read: int = 0
    images_unread: int = 0


def lint_post(linter, post: Post, images: str, findings: list | None = None) -> Linted:
    """A post's text (its `findings` when already found) and the images it lists (in `images`
    mode), linted."""
    if findings is None:
        findings = check_in_windows(linter, post)
    rows = [_finding_row(f, post) for f in findings]
    found = lint_images(linter, post, images, _finding_row)
    return Linted(rows + found.rows, found.errors, found.read, found.unread)


def lint_many(linter, posts: list[Post], images: str) -> list[Linted | str]:
    """lint_post of each post, or the error message of the exception it raised. The texts are
    linted in one Linter.check_posts call; when that raises, post by post, so that the error
    is the one post's."""
    try:
        found: list = check_many_in_windows(linter, posts)
    except Exception:  # noqa: BLE001 - each post again alone: its own error or result
        found = [None] * len(posts)
    out: list[Linted | str] = []
    for post, findings in zip(posts, found):
        try:
            out.append(lint_post(linter, post, images, findings))
        except Exception as exc:  # noqa: BLE001 - reported, never swallowed
            out.append(f"internal error while linting: {type(exc).__name__}: {exc}")
    return out


def lint_chunk(chunk: list[tuple[str, Post]]) -> list[tuple[str, Linted | None, str | None]]:
    """(key, Linted, error) for each post; an exception in a rule becomes an error."""
    linted = lint_many(_linter, [post for _key, post in chunk], _images)
    return [(key, None, done) if isinstance(done, str) else (key, done, None)
            for (key, _post), done in zip(chunk, linted)]


# ---------------------------------------------------------------- main side

@dataclass
class LintStats:
    seen: int = 0  # input posts read
    linted: int = 0  # linted in this attempt
    resumed: int = 0  # skipped: done in an earlier attempt with the same content and rules
    errors: int = 0  # records in the errors list
    seconds: float = 0.0
    startup: float = 0.0  # of `seconds`, before the first post could be linted: linter, data, workers
    images: str = OCR  # the images mode (lint.audit.images)
    images_read: int = 0  # images of the posts linted in this attempt, recognised
    images_unread: int = 0  # not recognised (the mode, or unreadable: then in the errors list)

    @property
    def rate(self) -> float:
        return self.linted / self.seconds if self.seconds > 0 else 0.0

    @property
    def steady_rate(self) -> float:
        """Posts/s once the workers are ready (start-up left out): what a running cluster gives."""
        busy = self.seconds - self.startup
        return self.linted / busy if busy > 0 else 0.0


def _meta(post: Post, h: str, ruleset: str, linted: Linted | None = None) -> dict:
    return {
        "hash": h, "ruleset": ruleset, "account": post.account, "platform": post.platform,
        "family": platform_family(post.platform) if post.account else None,
        "published": post.published.isoformat() if post.published else None,
        "title": (post.title or "")[:200] or (post.content or "")[:40],
        "path": post.path, "record": post.id,
        "images_read": linted.images_read if linted else 0,
        "images_unread": linted.images_unread if linted else 0,
    }


def lint_posts(paths: list[str], store: Store, run: str, attempt: int, config: Config,
               jobs: int = 1, progress: Callable[[int, int | None, int], None] | None = None,
               max_bytes: int = DEFAULT_MAX_BYTES, limit_in_flight: int | None = None,
               linter=None, images: bool = True) -> LintStats:
    """Lint every input post not already done, and the images of the posts (`images`: when the
    OCR extra is installed); write posts, findings and errors to the store.
    `linter`: a ready Linter to use in this process (then jobs is ignored)."""
    from lint.engine import Linter

    mode = images_mode(images)

    t0 = time.perf_counter()
    scans, missing, total = scan_inputs(paths)
    main_linter = linter or Linter(config)
    pool = None
    if jobs > 1 and linter is None:
        import multiprocessing as mp

        main_linter.preload()  # forked workers inherit the typo model instead of each loading it
        pool = mp.get_context().Pool(jobs, initializer=_init_worker, initargs=(config, mode))
    else:
        global _linter, _images
        _linter, _images = main_linter, mode
    lint_run = _LintRun(store, run, attempt, ruleset_fingerprint(main_linter, mode), pool,
                        limit_in_flight or max(2, jobs * 4), total, progress, mode)
    for err in missing:
        lint_run.error(err.path, err.record, err.reason, count_done=False)
    lint_run.stats.startup = time.perf_counter() - t0
    try:
        for item in iter_posts(scans, max_bytes=max_bytes):
            lint_run.take(item)
        lint_run.finish()
    finally:
        store.commit()
        if pool is not None:
            pool.terminate()
            pool.join()
    lint_run.stats.seconds = time.perf_counter() - t0
    return lint_run.stats


class _LintRun:
    """One pass of lint_posts over the inputs: decides for each post whether to lint it, skip
    it (done in an earlier attempt with the same rules) or refuse it (duplicate id), sends the
    ones to lint in chunks (to this process or the pool, at most `window` chunks pending) and
    writes what comes back to the store."""

    def __init__(self, store: Store, run: str, attempt: int, ruleset: str, pool, window: int,
                 total: int | None, progress, images: str = OCR):
        self.store, self.run, self.attempt, self.ruleset = store, run, attempt, ruleset
        self.pool, self.window, self.total, self.progress = pool, window, total, progress
        self.images = images
        self.stats = LintStats(images=images)
        self.in_flight: dict[str, tuple[Post, str]] = {}  # key -> (post, hash) sent, result not written
        self.pending: deque = deque()
        self.batch: list[tuple[str, Post]] = []
        self.last_commit = time.monotonic()
        self.done = 0

    def error(self, path: str, record, reason: str, count_done: bool = True) -> None:
        self.store.add_error(self.run, self.attempt, path, record, reason)
        self.stats.errors += 1
        if count_done:
            self.done += 1

    def take(self, item) -> None:
        if isinstance(item, InputError):
            self.error(item.path, item.record, item.reason)
            return
        self.stats.seen += 1
        key, post = item.key, item.post
        try:
            h = post_hash(post, self.images)
        except UnicodeEncodeError:
            self.error(post.path or "", key, "text is not valid Unicode (lone surrogate)")
            return
        prev = self.store.lookup(self.run, key)
        if key in self.in_flight or (prev is not None and prev["seen"] == self.attempt):
            where = f"{prev['path']} record {prev['record']}" if prev is not None else "an earlier record"
            self.error(post.path or "", key, f"duplicate post id {key!r} (already read from {where}); ids must be unique")
            return
        if prev is not None and prev["hash"] == h and prev["ruleset"] == self.ruleset:
            self.store.mark_seen(self.run, key, self.attempt)
            self.stats.resumed += 1
            self.done += 1
            if self.progress:
                self.progress(self.done, self.total, self.stats.errors)
            return
        self.in_flight[key] = (post, h)
        self.batch.append((key, post))
        if len(self.batch) >= CHUNK:
            self.submit()

    def submit(self) -> None:
        if not self.batch:
            return
        if self.pool is None:
            self.write(lint_chunk(self.batch))
        else:
            self.pending.append(self.pool.apply_async(lint_chunk, (self.batch,)))
            while len(self.pending) >= self.window:
                self.write(self.pending.popleft().get())
        self.batch = []

    def write(self, results) -> None:
        for key, linted, error in results:
            post, h = self.in_flight.pop(key)
            if error is not None:
                self.store.add_error(self.run, self.attempt, post.path or "", key, error)
                self.stats.errors += 1
            else:
                save_linted(self.store, self.run, self.attempt, key, post, h, self.ruleset, linted, self.stats)
            self.done += 1
        if time.monotonic() - self.last_commit > 2.0:
            self.store.commit()
            self.last_commit = time.monotonic()
        if self.progress:
            self.progress(self.done, self.total, self.stats.errors)

    def finish(self) -> None:
        self.submit()
        while self.pending:
            self.write(self.pending.popleft().get())
        if self.progress:
            self.progress(self.done, self.done, self.stats.errors)


def save_linted(store: Store, run: str, attempt: int, key: str, post: Post, h: str, ruleset: str,
                linted: Linted, stats: LintStats) -> list[tuple[str, str, str]]:
    """Write a linted post to the store, and its unreadable images to the errors list (the
    post is then stored to be read again next attempt); those errors as (path, key, reason)."""
    errors = [(post.path or "", key, reason) for reason in linted.image_errors]
    for path, record, reason in errors:
        store.add_error(run, attempt, path, record, reason)
    stats.errors += len(errors)
    meta = _meta(post, (RETRY_HASH + h) if errors else h, ruleset, linted)
    store.save_post(run, key, attempt, meta, linted.rows)
    stats.linted += 1
    stats.images_read += linted.images_read
    stats.images_unread += linted.images_unread
    return errors


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)
