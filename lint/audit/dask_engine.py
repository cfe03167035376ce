"""The lint phase of an audit on a Dask cluster (`zwlint audit --engine dask`).

The driver lists the inputs and cuts them into partitions (a JSON Lines file into byte ranges
that end at a line end, a Parquet file into groups of row groups, any other file whole); the
workers read their partitions themselves (local paths, or fsspec URLs such as s3:// where the
filesystem is installed), lint every post with the linter a worker plugin built once per worker
process, and send back each post's finding rows. The driver writes them to the store in input
order (so duplicate ids are judged as the process pool judges them), with at most a few
partitions in flight: its memory stays flat. What happens after (account checks, verdicts,
reports) is the same as with the process pool.

Resume: a partition whose file has not changed, linted with the same rules, is recorded in the
store's dask_partitions table; a later attempt marks its posts seen and re-reports its errors
without reading it. Nothing is lost: a task on a worker that dies is run again by Dask; a
partition that still fails (or a file that cannot be read) is a row of the errors list.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import time
from collections import deque
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Callable, Iterator

from lint.audit.inputs import FileScan, InputPost, iter_posts, post_of_record, scan_inputs
from lint.audit.images import images_mode
from lint.audit.runner import RETRY_HASH, LintStats, _meta, lint_many, post_hash, ruleset_fingerprint
from lint.audit.store import Store
from lint.config import Config
from lint.text.readers import DEFAULT_MAX_BYTES, InputError
from lint.text.records import record_problem

# Bytes of a JSON Lines file per partition, rows of a Parquet file per partition (whole row
# groups): a few hundred to a few thousand posts, about a second of work, so that the workers
# stay busy to the end, a lost worker costs little, and the driver holds little in flight.
PARTITION_BYTES = 256 << 10
PARTITION_ROWS = 2_000
RETRIES = 2  # a task that raised is tried this many more times (a dead worker's are rerun anyway)
BATCH = 64  # posts of a partition linted in one Linter.check_posts call

PARTITIONS_SCHEMA = """
CREATE TABLE IF NOT EXISTS dask_partitions (
    run TEXT, created REAL, id TEXT, ruleset TEXT, attempt INTEGER, keys TEXT, errors TEXT,
    PRIMARY KEY (run, id)
);
"""


class DaskUnavailable(RuntimeError):
    pass


def _require_dask():
    try:
        import distributed  # noqa: F401
    except ImportError as exc:
        raise DaskUnavailable("--engine dask needs the dask extra: pip install 'zwlint[dask]'") from exc


# ---------------------------------------------------------------- partitions

@dataclass(frozen=True)
class Partition:
    url: str  # local path or fsspec URL
    kind: str  # "file": read whole with the audit's readers; "lines": JSONL byte range; "parquet": row groups
    version: str  # the file's size and modification time (or etag): changes when the file does
    start: int = 0  # byte offset ("lines") or first row group ("parquet")
    end: int = 0  # byte offset past the range, or row group past the last
    first: int = 1  # 1-based number of the first line / row
    encoding: str = "utf-8"

    @property
    def id(self) -> str:
        return f"{self.url}|{self.version}|{self.kind}:{self.start}-{self.end}"


def _is_url(path: str) -> bool:
    return "://" in path


def _has_glob(path: str) -> bool:
    return any(c in path for c in "*?[")


def _fs(url: str):
    import fsspec

    return fsspec.core.url_to_fs(url)


def _version(fs, path: str) -> str:
    info = fs.info(path)
    stamp = info.get("mtime") or info.get("LastModified") or info.get("ETag") or info.get("etag") or ""
    if isinstance(stamp, datetime):
        stamp = stamp.timestamp()
    return f"{info.get('size')}@{stamp}"


def _line_ranges(fs, path: str, size: int, part_bytes: int) -> tuple[str, list[tuple[int, int, int]]]:
    """(encoding, [(start, end, first line number)]) cutting a JSON Lines file after a newline
    every part_bytes or so; one streaming pass (the driver's memory stays flat)."""
    import codecs

    dec = codecs.getincrementaldecoder("utf-8")()
    ok, pos, lines, start, first = True, 0, 0, 0, 1
    ranges = []
    with fs.open(path, "rb") as fh:
        head = fh.read(4)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            return "utf-16", [(0, size, 1)]
        fh.seek(0)
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            if ok:
                try:
                    dec.decode(chunk)
                except UnicodeDecodeError:
                    ok = False
            cut = start + part_bytes - pos  # where in this chunk the current range is full
            offset = 0
            while 0 <= cut < len(chunk):
                nl = chunk.find(b"\n", max(cut, offset))
                if nl < 0:
                    break
                lines += chunk.count(b"\n", offset, nl + 1)
                ranges.append((start, pos + nl + 1, first))
                start, first, offset = pos + nl + 1, lines + 1, nl + 1
                cut = start + part_bytes - pos
            lines += chunk.count(b"\n", offset)
            pos += len(chunk)
    if ok:
        try:
            dec.decode(b"", final=True)
        except UnicodeDecodeError:
            ok = False
    if start < pos or not ranges:
        ranges.append((start, pos, first))
    return ("utf-8-sig" if ok else "gb18030"), ranges


def plan_partitions(paths: list[str], part_bytes: int = PARTITION_BYTES,
                    part_rows: int = PARTITION_ROWS) -> tuple[list[Partition], list[InputError], int | None]:
    """The partitions of the inputs (files, folders, globs, fsspec URLs), the inputs that do not
    exist or cannot be listed, and an estimate of the number of records."""
    parts: list[Partition] = []
    errors: list[InputError] = []
    total: int | None = 0
    local: list[str] = []
    for p in paths:
        if not _is_url(p) and not _has_glob(p):
            local.append(p)
            continue
        try:
            fs, root = _fs(p)
            found = sorted(fs.glob(root)) if _has_glob(root) else ([root] if fs.exists(root) else [])
        except (ImportError, ValueError, OSError) as exc:
            errors.append(InputError(p, f"cannot list ({type(exc).__name__}: {exc})"))
            continue
        if not found:
            errors.append(InputError(p, "no such file or directory"))
            continue
        for f in found:
            if fs.isdir(f):
                errors.append(InputError(p, f"{f} is a folder: name its files or a glob (folder/*.jsonl)"))
                continue
            url = fs.unstrip_protocol(f) if _is_url(p) else f
            try:
                n = _plan_file(fs, f, url, parts, part_bytes, part_rows)
            except Exception as exc:  # noqa: BLE001 - a broken file is reported, the others go on
                errors.append(InputError(url, f"cannot read ({type(exc).__name__}: {exc})"))
                continue
            total = None if n is None or total is None else total + n
    if local:
        import fsspec

        scans, missing, _ = scan_inputs(local)
        errors.extend(missing)
        fs = fsspec.filesystem("file")
        for scan in scans:
            try:
                n = _plan_file(fs, str(scan.path), str(scan.path), parts, part_bytes, part_rows, scan)
            except Exception as exc:  # noqa: BLE001 - a broken file is reported, the others go on
                errors.append(InputError(str(scan.path), f"cannot read ({type(exc).__name__}: {exc})"))
                continue
            total = None if n is None or total is None else total + n
    return parts, errors, total


def _plan_file(fs, path: str, url: str, parts: list[Partition], part_bytes: int, part_rows: int,
               scan: FileScan | None = None) -> int | None:
    """Append the partitions of one file; return its estimated records (None: unknown)."""
    version = _version(fs, path)
    ext = Path(path).suffix.lower()
    if ext == ".parquet":
        import pyarrow.parquet as pq

        with fs.open(path, "rb") as fh:
            meta = pq.ParquetFile(fh).metadata
        group, rows, first = 0, 0, 1
        for g in range(meta.num_row_groups):
            rows += meta.row_group(g).num_rows
            if rows >= part_rows or g == meta.num_row_groups - 1:
                parts.append(Partition(url, "parquet", version, group, g + 1, first))
                group, first, rows = g + 1, first + rows, 0
        if meta.num_row_groups == 0:
            parts.append(Partition(url, "parquet", version, 0, 0, 1))
        return meta.num_rows
    size = fs.info(path).get("size") or 0
    if ext in (".jsonl", ".ndjson") and (_is_url(url) or size > part_bytes):
        encoding, ranges = _line_ranges(fs, path, size, part_bytes)
        if encoding == "utf-16" and _is_url(url):
            raise ValueError("UTF-16 JSON Lines: convert to UTF-8 to read it from a URL")
        if encoding != "utf-16":
            parts.extend(Partition(url, "lines", version, s, e, first, encoding) for s, e, first in ranges)
            return None
    if _is_url(url):
        raise ValueError(f"{ext or 'this kind of'} file from a URL: only .jsonl and .parquet are read from URLs")
    parts.append(Partition(url, "file", version))
    return scan.records if scan is not None else None


# ---------------------------------------------------------------- worker side

def _plain(value):
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def read_partition(part: Partition, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[InputPost | InputError]:
    """The posts and input errors of one partition, in input order; keys and error messages
    are those of the process pool's reader (lint.audit.inputs)."""
    if part.kind == "file":
        scans, missing, _ = scan_inputs([part.url])
        yield from missing
        yield from iter_posts(scans, max_bytes=max_bytes)
        return
    fs, path = _fs(part.url)
    if part.kind == "parquet":
        import pyarrow.parquet as pq

        with fs.open(path, "rb") as fh:
            table = pq.ParquetFile(fh).read_row_groups(list(range(part.start, part.end))) if part.end > part.start else None
        rows = table.to_pylist() if table is not None else []
        for i, rec in enumerate(rows, part.first):
            yield from post_of_record({k: _plain(v) for k, v in rec.items()}, part.url, i)
        return
    with fs.open(path, "rb") as fh:
        fh.seek(part.start)
        data = fh.read(part.end - part.start)
    encoding = part.encoding if part.start == 0 else part.encoding.replace("-sig", "")
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    for i, raw in enumerate(lines, part.first):
        line = raw.decode(encoding)
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(part.url, f"line {i}: invalid JSON ({exc.msg})", record=f"#{i}")
            continue
        problem = record_problem(rec, line)
        if problem:
            yield InputError(part.url, f"line {i}: {problem}", record=f"#{i}")
            continue
        yield from post_of_record(rec, part.url, i)


try:
    from distributed import WorkerPlugin as _PluginBase
except ImportError:  # the dask extra is not installed; connect() says so
    _PluginBase = object


class LinterPlugin(_PluginBase):
    """A Dask worker plugin: builds the Linter for a config once per worker process and loads
    its data (word lists, automaton, typo model) before any task runs. `images`: whether the
    run recognises the images of the posts; the worker's images mode says whether it can."""

    def __init__(self, config: Config, name: str, images: bool = True):
        self.config = config
        self.name = name
        self.images = images
        self.mode = None
        self.linter = None
        self.ruleset = None

    def setup(self, worker=None):
        from lint.engine import Linter

        self.linter = Linter(self.config)
        self.linter.preload()
        self.mode = images_mode(self.images)
        self.ruleset = ruleset_fingerprint(self.linter, self.mode)

    def teardown(self, worker=None):
        self.linter = None


def _worker_plugin(name: str) -> LinterPlugin:
    from distributed import get_worker

    return get_worker().plugins[name]


def lint_partition(part: Partition, plugin_name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> dict:
    """Read and lint one partition on a worker. Returns {"ruleset", "items"}: items in input
    order, ("post", key, meta without ruleset, hash, rows, unreadable images) /
    ("error", path, record, reason)."""
    plugin = _worker_plugin(plugin_name)
    items: list[tuple | None] = []
    pending: list[tuple[int, str, object, str]] = []  # (place in items, key, post, hash)

    def lint_pending() -> None:
        linted = lint_many(plugin.linter, [post for _at, _key, post, _h in pending], plugin.mode)
        for (at, key, post, h), done in zip(pending, linted):
            items[at] = (("error", post.path or "", key, done) if isinstance(done, str)
                         else ("post", key, _meta(post, h, "", done), h, done.rows, done.image_errors))
        pending.clear()

    for item in read_partition(part, max_bytes):
        if isinstance(item, InputError):
            items.append(("error", item.path, item.record, item.reason))
            continue
        key, post = item.key, item.post
        try:
            h = post_hash(post, plugin.mode)
        except UnicodeEncodeError:
            items.append(("error", post.path or "", key, "text is not valid Unicode (lone surrogate)"))
            continue
        pending.append((len(items), key, post, h))
        items.append(None)
        if len(pending) >= BATCH:
            lint_pending()
    lint_pending()
    return {"ruleset": plugin.ruleset, "items": items}


# ---------------------------------------------------------------- driver side

def connect(scheduler: str | None, workers: int):
    """A distributed.Client: to the scheduler at `scheduler`, or to a new LocalCluster of
    `workers` single-threaded worker processes. Returns (client, cluster or None)."""
    _require_dask()
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler, timeout="30s"), None
    import dask

    # The workers' statistical profiler (a stack sample every 10 ms, for the dashboard this
    # cluster does not have) cost ~6% of a worker's CPU on top of the tasks.
    with dask.config.set({"distributed.worker.profile.enabled": False}):
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    return Client(cluster), cluster


def _register(client, plugin: LinterPlugin) -> None:
    if hasattr(client, "register_plugin"):
        client.register_plugin(plugin, name=plugin.name)
    else:  # pragma: no cover - distributed < 2023.9
        client.register_worker_plugin(plugin, name=plugin.name)


def lint_posts_dask(paths: list[str], store: Store, run: str, attempt: int, config: Config,
                    client=None, scheduler: str | None = None, workers: int = 2,
                    progress: Callable[[int, int | None, int], None] | None = None,
                    max_bytes: int = DEFAULT_MAX_BYTES, part_bytes: int = PARTITION_BYTES,
                    part_rows: int = PARTITION_ROWS, images: bool = True) -> LintStats:
    """The lint phase on Dask; the store ends as lint_posts (the process pool) leaves it.
    `client`: an open distributed.Client to use; otherwise one is made (and closed) from
    `scheduler` or a LocalCluster of `workers` processes."""
    from lint.engine import Linter

    _require_dask()
    mode = images_mode(images)
    stats = LintStats(images=mode)
    t0 = time.perf_counter()
    store.db.executescript(PARTITIONS_SCHEMA)
    parts, missing, total = plan_partitions(paths, part_bytes, part_rows)
    for err in missing:
        store.add_error(run, attempt, err.path, err.record, err.reason)
        stats.errors += 1
    ruleset = ruleset_fingerprint(Linter(config), mode)
    # a partition row counts only for the run it was written in (--fresh starts a new one)
    created = store.db.execute("SELECT created FROM runs WHERE name=?", (run,)).fetchone()
    created = created["created"] if created is not None else None
    own = client is None
    cluster = None
    if own:
        client, cluster = connect(scheduler, workers)
    done = 0
    try:
        name = "zwlint-linter-" + hashlib.sha1((ruleset + repr(config)).encode()).hexdigest()[:12]
        _register(client, LinterPlugin(config, name, images))
        window = max(2, 2 * len(client.scheduler_info().get("workers", {})) + 2)
        stats.startup = time.perf_counter() - t0
        pending: deque = deque()
        queue = deque(parts)
        last_commit = time.monotonic()

        def refill():
            while queue and len(pending) < window:
                part = queue.popleft()
                prev = store.db.execute("SELECT created, ruleset, keys, errors FROM dask_partitions "
                                        "WHERE run=? AND id=?", (run, part.id)).fetchone()
                if prev is not None and prev["ruleset"] == ruleset and prev["created"] == created:
                    pending.append((part, None, prev))
                else:
                    future = client.submit(lint_partition, part, name, max_bytes, pure=False, retries=RETRIES)
                    pending.append((part, future, None))

        refill()
        while pending:
            part, future, prev = pending.popleft()
            if prev is not None:
                done += _replay(store, run, attempt, prev, stats)
            else:
                try:
                    result = future.result()
                except Exception as exc:  # noqa: BLE001 - a partition that failed on the cluster
                    store.add_error(run, attempt, part.url, None,
                                    f"partition {part.kind} {part.start}-{part.end} failed on the cluster "
                                    f"({type(exc).__name__}: {exc}); its records were not checked")
                    stats.errors += 1
                    done += 1
                else:
                    if result["ruleset"] != ruleset:
                        raise RuntimeError("the Dask workers run another version of zwlint, word lists or "
                                           "config than this machine; install the same on every worker")
                    done += _write(store, run, attempt, ruleset, created, part, result["items"], stats)
                future.release()
            refill()
            if time.monotonic() - last_commit > 2.0:
                store.commit()
                last_commit = time.monotonic()
            if progress:
                progress(done, total, stats.errors)
        if progress:
            progress(done, done, stats.errors)
    finally:
        store.commit()
        if own:
            client.close()
            if cluster is not None:
                cluster.close()
    stats.seconds = time.perf_counter() - t0
    return stats


def _write(store: Store, run: str, attempt: int, ruleset: str, created, part: Partition, items: list,
           stats: LintStats) -> int:
    """Write one partition's results as lint_posts writes posts; record the partition as done
    (unless an image could not be read: then the next attempt reads the partition again)."""
    keys, errors = [], []
    retry = False
    for item in items:
        if item[0] == "error":
            _, path, record, reason = item
            store.add_error(run, attempt, path, record, reason)
            errors.append([path, record, reason])
            stats.errors += 1
            continue
        stats.seen += 1
        _, key, meta, h, rows, image_errors = item
        prev = store.lookup(run, key)
        if prev is not None and prev["seen"] == attempt:
            reason = (f"duplicate post id {key!r} (already read from {prev['path']} record {prev['record']}); "
                      "ids must be unique")
            store.add_error(run, attempt, meta["path"] or "", key, reason)
            errors.append([meta["path"] or "", key, reason])
            stats.errors += 1
            continue
        keys.append(key)
        if prev is not None and prev["hash"] == h and prev["ruleset"] == ruleset:
            store.mark_seen(run, key, attempt)
            stats.resumed += 1
            continue
        meta["ruleset"] = ruleset
        for reason in image_errors:
            store.add_error(run, attempt, meta["path"] or "", key, reason)
            stats.errors += 1
        if image_errors:
            meta["hash"] = RETRY_HASH + h
            retry = True
        store.save_post(run, key, attempt, meta, rows)
        stats.linted += 1
        stats.images_read += meta["images_read"]
        stats.images_unread += meta["images_unread"]
    if retry:
        return len(items)
    store.db.execute("INSERT OR REPLACE INTO dask_partitions VALUES (?,?,?,?,?,?,?)",
                     (run, created, part.id, ruleset, attempt, json.dumps(keys, ensure_ascii=False),
                      json.dumps(errors, ensure_ascii=False)))
    return len(items)


def _replay(store: Store, run: str, attempt: int, prev, stats: LintStats) -> int:
    """A partition done in an earlier attempt: its posts are seen again, its errors reported again."""
    keys = json.loads(prev["keys"])
    errors = json.loads(prev["errors"])
    for key in keys:
        row = store.lookup(run, key)
        if row is not None and row["seen"] == attempt:  # a duplicate id in another partition
            reason = (f"duplicate post id {key!r} (already read from {row['path']} record {row['record']}); "
                      "ids must be unique")
            store.add_error(run, attempt, row["path"] or "", key, reason)
            stats.errors += 1
            continue
        store.mark_seen(run, key, attempt)
        stats.seen += 1
        stats.resumed += 1
    for path, record, reason in errors:
        store.add_error(run, attempt, path, record, reason)
        stats.errors += 1
    return len(keys) + len(errors)
