"""Audit inputs, read as streams: posts (jsonl/csv streamed record by record, other kinds
through lint.text.readers), the registry (备案) and the interaction records.

Every record either becomes a Post or an InputError with its reason: nothing is dropped."""
from __future__ import annotations

import codecs
import csv
import sys
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Iterator

from lint.model import Post
from lint.text.readers import (
    DEFAULT_MAX_BYTES, InputError, ReadError, decode_bytes, expand_paths, looks_like_big5, read_file,
    record_posts, record_to_post,
)
from lint.text.records import RecordsError, iter_file_records

STREAM_EXTS = {".jsonl", ".ndjson", ".csv"}
_CHUNK = 1 << 20

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


# ---------------------------------------------------------------- platforms

_PLATFORM_FAMILIES = (
    ("微信", ("微信", "wechat", "weixin", "公众号", "订阅号", "服务号", "视频号")),
    ("微博", ("微博", "weibo")),
    ("抖音", ("抖音", "douyin")),
    ("快手", ("快手", "kuaishou")),
    ("今日头条", ("头条", "toutiao")),
    ("人民号", ("人民号",)),
    ("百家号", ("百家号",)),
    ("移动客户端", ("客户端", "app")),
)


def platform_family(platform: str | None) -> str:
    """One name per platform: 微信订阅号/服务号/公众号 -> 微信, 新浪微博 -> 微博, ..."""
    p = (platform or "").strip()
    low = p.lower()
    for family, keys in _PLATFORM_FAMILIES:
        if any(k in low for k in keys):
            return family
    return p or "未标注平台"


def norm_name(name: str | None) -> str:
    return "".join((name or "").split())


# ---------------------------------------------------------------- posts

@dataclass
class FileScan:
    path: Path
    encoding: str | None  # for streamed files; None: read whole through readers
    records: int | None  # estimated number of records (lines), None if unknown


def _sniff_encoding(path: Path) -> tuple[str, int]:
    """(encoding, newline count) of a text file read in chunks; memory stays flat."""
    lines = 0
    with open(path, "rb") as fh:
        head = fh.read(4)
        fh.seek(0)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            return "utf-16", sum(chunk.count("\n".encode("utf-16-le")) for chunk in iter(lambda: fh.read(_CHUNK), b""))
        dec = codecs.getincrementaldecoder("utf-8")()
        ok = True
        for chunk in iter(lambda: fh.read(_CHUNK), b""):
            lines += chunk.count(b"\n")
            if ok:
                try:
                    dec.decode(chunk)
                except UnicodeDecodeError:
                    ok = False
        if ok:
            try:
                dec.decode(b"", final=True)
            except UnicodeDecodeError:
                ok = False
        if not ok:
            fh.seek(0)
            return ("cp950" if looks_like_big5(fh.read(_CHUNK)) else "gb18030"), lines
    return "utf-8-sig", lines


def scan_inputs(paths: list[str]) -> tuple[list[FileScan], list[InputError], int | None]:
    """The files to read, the paths that do not exist, and an estimate of the records."""
    files, errors = expand_paths(paths)
    scans: list[FileScan] = []
    total: int | None = 0
    for fp in files:
        ext = fp.suffix.lower()
        if ext in STREAM_EXTS:
            try:
                enc, lines = _sniff_encoding(fp)
            except OSError as exc:
                errors.append(InputError(str(fp), f"cannot read ({exc.strerror or exc})"))
                continue
            est = lines + 1 if ext != ".csv" else max(lines - 1, 0) + 1
            scans.append(FileScan(fp, enc, est))
            if total is not None:
                total += est
        elif ext == ".json":
            scans.append(FileScan(fp, None, None))
            total = None
        else:
            scans.append(FileScan(fp, None, 1))
            if total is not None:
                total += 1
    return scans, errors, total


@dataclass
class InputPost:
    key: str  # stable identity of the post in a run: its id, else path#index
    post: Post


def _stream_records(scan: FileScan) -> Iterator[InputPost | InputError]:
    """The records of a .jsonl/.csv file, decoded and read piece by piece (memory stays flat)
    by the one records reader that `check` and `--fix` use too."""
    spath = str(scan.path)
    try:
        fh = open(scan.path, encoding=scan.encoding, newline="")
    except OSError as exc:
        yield InputError(spath, f"cannot read ({exc.strerror or exc})")
        return
    seen_any = False
    try:
        with fh:
            records = iter_file_records(iter(lambda: fh.read(_CHUNK), ""), scan.path.suffix.lower())
            for item in record_posts(records, spath):
                seen_any = True
                if isinstance(item, InputError):
                    yield item
                else:
                    yield InputPost(_key(item, spath), item)
    except RecordsError as exc:
        yield InputError(spath, str(exc))
        return
    except (OSError, UnicodeDecodeError) as exc:
        yield InputError(spath, f"cannot read ({getattr(exc, 'strerror', None) or exc}); the rest of the file was not read")
        return
    if not seen_any:
        yield InputError(spath, "empty file")


def _key(post: Post, path: str) -> str:
    """A post's identity in a run: its id, else its position in its file."""
    if post.id and not post.id.startswith("#"):
        return post.id
    return f"{path}#{post.record_index}"


def post_of_record(rec: object, spath: str, index: int) -> Iterator[InputPost | InputError]:
    """One record parsed elsewhere (the Dask engine's partitions), `index` its position in the
    file: its InputPost, or the InputError the records reader would give for it."""
    try:
        post = record_to_post(rec, spath, index)
    except ReadError as exc:
        rid = rec.get("id") if isinstance(rec, dict) else None
        where = str(rid) if isinstance(rid, (str, int)) and rid != "" else f"#{index}"
        yield InputError(spath, f"line {index}: {exc}", record=where)
        return
    yield InputPost(_key(post, spath), post)


def iter_posts(scans: list[FileScan], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[InputPost | InputError]:
    """Every post of every file, in order, and an InputError for every record that is not one."""
    for scan in scans:
        spath = str(scan.path)
        if scan.encoding is not None:
            yield from _stream_records(scan)
            continue
        src, errs = read_file(scan.path, max_bytes=max_bytes)
        yield from errs
        if src is None:
            continue
        if src.kind == "records":
            for post in src.posts:
                yield InputPost(_key(post, spath), post)
        else:
            yield InputPost(spath, src.posts[0])


# ---------------------------------------------------------------- registry

_REG_COLUMNS = {
    "name": ("账号名称", "政务新媒体名称", "新媒体名称", "名称", "account", "name"),
    "platform": ("平台", "新媒体类型", "类别", "平台类型", "platform"),
    "owner": ("主办单位", "owner"),
    "supervisor": ("主管单位", "supervisor"),
    "registered_name": ("备案名称", "registered_name", "registered name"),
    "type": ("账号类型", "账号类别", "type", "account_type"),
    "opened": ("开通日期", "开通时间", "opened", "opening_date"),
    "group": ("分组", "地区", "市直/县市区", "group"),
}


@dataclass
class RegistryEntry:
    name: str
    platform: str
    owner: str = ""
    supervisor: str = ""
    registered_name: str = ""
    type: str = ""
    opened: date | None = None
    group: str = ""
    row: int = 0

    @property
    def family(self) -> str:
        return platform_family(self.platform)


def _parse_when(value, what: str) -> datetime | None:
    if value in (None, ""):
        return None
    s = str(value).strip().replace("/", "-").replace(".", "-")
    try:
        return datetime.fromisoformat(s)
    except ValueError:
        pass
    try:
        return datetime.combine(date.fromisoformat(s[:10]), datetime.min.time())
    except ValueError as exc:
        raise ReadError(f"{what} is not an ISO date: {value!r}") from exc


def _read_xlsx(path: Path) -> Iterator[tuple[int, dict]]:
    """Rows of the first sheet of a workbook (the 报送系统 exports are Excel files)."""
    import zipfile

    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ReadError(f"not a readable .xlsx workbook ({exc})") from exc
    try:
        rows = wb.worksheets[0].iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            return
        keys = ["" if h is None else str(h).strip() for h in header]
        for i, row in enumerate(rows, 1):
            if row is None or all(v in (None, "") for v in row):
                continue
            values = []
            for v in row:
                if isinstance(v, datetime):
                    v = v.isoformat(sep=" ") if (v.hour or v.minute or v.second) else v.date().isoformat()
                elif isinstance(v, date):
                    v = v.isoformat()
                values.append("" if v is None else str(v).strip())
            yield i, dict(zip(keys, values))
    finally:
        wb.close()


def _read_table(path: Path) -> Iterator[tuple[int, dict]]:
    """Rows of a CSV/TSV/XLSX (or JSONL) file as dicts with stripped keys."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        yield from _read_xlsx(path)
        return
    with open(path, "rb") as fh:
        text = decode_bytes(fh.read())
    ext = path.suffix.lower()
    if ext in (".jsonl", ".ndjson", ".json"):
        try:
            for rec in iter_file_records([text], ext):
                if rec.error:
                    raise ReadError(rec.error)
                if not isinstance(rec.value, dict):
                    raise ReadError(f"record {rec.index} is not an object")
                yield rec.index, rec.value
        except RecordsError as exc:
            raise ReadError(str(exc)) from exc
        return
    delimiter = "\t" if ext in (".tsv", ".tab") else ","
    if ext not in (".tsv", ".tab", ".csv"):
        first = text.split("\n", 1)[0]
        delimiter = "\t" if first.count("\t") > first.count(",") else ","
    import io

    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    for i, row in enumerate(reader, 1):
        yield i, {(k or "").strip(): (v or "").strip() if isinstance(v, str) else v for k, v in row.items()}


def _column(header: list[str], names: tuple[str, ...]) -> str | None:
    lowered = {h.strip().lower(): h for h in header}
    for n in names:
        if n.lower() in lowered:
            return lowered[n.lower()]
    return None


def read_registry(path: Path) -> tuple[list[RegistryEntry], list[InputError]]:
    entries: list[RegistryEntry] = []
    errors: list[InputError] = []
    spath = str(path)
    try:
        rows = list(_read_table(path))
    except (OSError, ReadError, csv.Error) as exc:
        return [], [InputError(spath, f"registry: {exc}")]
    if not rows:
        return [], [InputError(spath, "registry: no rows")]
    header = list(rows[0][1].keys())
    cols = {k: _column(header, names) for k, names in _REG_COLUMNS.items()}
    if cols["name"] is None or cols["platform"] is None:
        return [], [InputError(spath, "registry needs an account name column (账号名称/name) and a platform column (平台/platform)")]
    for i, row in rows:
        def get(k):
            c = cols[k]
            v = row.get(c) if c else None
            return str(v).strip() if v not in (None,) else ""

        name = get("name")
        if not name:
            errors.append(InputError(spath, "registry row without an account name", record=f"row {i}"))
            continue
        try:
            opened = _parse_when(get("opened"), "opening date")
        except ReadError as exc:
            errors.append(InputError(spath, f"registry: {exc}", record=f"row {i}"))
            opened = None
        entries.append(RegistryEntry(
            name=name, platform=get("platform"), owner=get("owner"), supervisor=get("supervisor"),
            registered_name=get("registered_name"), type=get("type"),
            opened=opened.date() if opened else None, group=get("group"), row=i,
        ))
    return entries, errors


# ---------------------------------------------------------------- interactions

_INT_COLUMNS = {
    "account": ("账号名称", "账号", "account", "name"),
    "platform": ("平台", "platform"),
    "received": ("留言时间", "收到时间", "received", "received_at"),
    "replied": ("答复时间", "回复时间", "replied", "replied_at"),
    "id": ("编号", "id"),
}


@dataclass
class Interaction:
    account: str
    platform: str
    received: datetime
    replied: datetime | None
    id: str = ""


def read_interactions(path: Path) -> tuple[list[Interaction], list[InputError]]:
    out: list[Interaction] = []
    errors: list[InputError] = []
    spath = str(path)
    try:
        rows = list(_read_table(path))
    except (OSError, ReadError, csv.Error) as exc:
        return [], [InputError(spath, f"interactions: {exc}")]
    if not rows:
        return [], []
    header = list(rows[0][1].keys())
    cols = {k: _column(header, names) for k, names in _INT_COLUMNS.items()}
    if cols["account"] is None or cols["received"] is None:
        return [], [InputError(spath, "interactions need account and received columns")]
    for i, row in rows:
        def get(k):
            c = cols[k]
            v = row.get(c) if c else None
            return "" if v is None else str(v).strip()

        rid = get("id") or f"row {i}"
        if not get("account"):
            errors.append(InputError(spath, "interaction without an account", record=rid))
            continue
        try:
            received = _parse_when(get("received"), "received")
            replied = _parse_when(get("replied"), "replied")
        except ReadError as exc:
            errors.append(InputError(spath, f"interactions: {exc}", record=rid))
            continue
        if received is None:
            errors.append(InputError(spath, "interaction without a received time", record=rid))
            continue
        out.append(Interaction(get("account"), get("platform"), received, replied, rid))
    return out, errors


@dataclass
class AuditInputs:
    registry: list[RegistryEntry] = field(default_factory=list)
    interactions: list[Interaction] = field(default_factory=list)
