"""The result store (SQLite): every linted post of every run, keyed by (run, post key) with
the content hash, so that an interrupted run resumes without redoing finished posts and the
next quarter's audit can tell which earlier problems are fixed (整改情况).

A run is one audit (by default named after the quarter of --as-of, e.g. 2026Q3). Each time
the command runs for a run is an attempt; a post counts for the report when it was seen in
the current attempt's input, so posts dropped from the input do not linger."""
from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path
from typing import Iterable, Iterator

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    name TEXT PRIMARY KEY, as_of TEXT, since TEXT, attempt INTEGER, created REAL,
    finished REAL, ruleset TEXT, settings TEXT, inputs TEXT
);
CREATE TABLE IF NOT EXISTS posts (
    run TEXT, key TEXT, hash TEXT, ruleset TEXT, linted INTEGER, seen INTEGER,
    account TEXT, platform TEXT, family TEXT, published TEXT, title TEXT, path TEXT, record TEXT,
    nfindings INTEGER, images_read INTEGER DEFAULT 0, images_unread INTEGER DEFAULT 0,
    PRIMARY KEY (run, key)
);
CREATE INDEX IF NOT EXISTS posts_account ON posts (run, family, account);
CREATE TABLE IF NOT EXISTS findings (
    run TEXT, key TEXT, rule TEXT, name TEXT, category TEXT, severity TEXT, message TEXT,
    field TEXT, start INTEGER, "end" INTEGER, line INTEGER, col INTEGER, text TEXT,
    before TEXT, after TEXT, suggestions TEXT, image TEXT, crop BLOB
);
CREATE INDEX IF NOT EXISTS findings_key ON findings (run, key);
CREATE TABLE IF NOT EXISTS errors (run TEXT, attempt INTEGER, path TEXT, record TEXT, reason TEXT);
CREATE TABLE IF NOT EXISTS accounts (
    run TEXT, account TEXT, family TEXT, platform TEXT, owner TEXT, supervisor TEXT, grp TEXT,
    type TEXT, registered INTEGER, verdict TEXT, problems TEXT, posts INTEGER, last_post TEXT
);
CREATE TABLE IF NOT EXISTS account_problems (
    run TEXT, account TEXT, family TEXT, rule TEXT, label TEXT, message TEXT, veto INTEGER
);
"""

def _lock(path: Path):
    """One audit at a time per store: a second one would mix its attempts with ours."""
    fh = open(f"{path}.lock", "w")
    try:
        import fcntl

        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except ImportError:  # pragma: no cover - not POSIX: no lock
        pass
    except OSError:
        fh.close()
        raise StoreBusy(f"{path} is in use by another zwlint audit; wait for it or use another --store")
    return fh


FINDING_COLS = ("rule", "name", "category", "severity", "message", "field", "start", "end",
                "line", "col", "text", "before", "after", "suggestions", "image", "crop")
POST_COLS = ("run", "key", "hash", "ruleset", "linted", "seen", "account", "platform", "family",
             "published", "title", "path", "record", "nfindings", "images_read", "images_unread")
# Columns added since the first stores: a store written before them gets them (empty) when it
# is opened, and resumes as before.
ADDED_COLUMNS = {"posts": (("images_read", "INTEGER DEFAULT 0"), ("images_unread", "INTEGER DEFAULT 0")),
                 "findings": (("image", "TEXT"), ("crop", "BLOB"))}


def _add_columns(db) -> None:
    for table, columns in ADDED_COLUMNS.items():
        have = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
        for name, decl in columns:
            if name not in have:
                db.execute(f"ALTER TABLE {table} ADD COLUMN {name} {decl}")


def _column_value(column: str, value):
    if column == "suggestions":
        return json.dumps(value, ensure_ascii=False)
    if column == "image":
        return None if value is None else json.dumps(value, ensure_ascii=False)
    return value


class StoreBusy(RuntimeError):
    pass


class StoreDamaged(RuntimeError):
    """The store file is not a sound SQLite database (truncated, overwritten, emptied)."""


SQLITE_HEADER = b"SQLite format 3\x00"


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def _damaged(path: Path, what: str) -> StoreDamaged:
    bak = backup_path(path)
    restore = (f"restore the copy kept before the last audit (cp '{bak}' '{path}')" if bak.is_file()
               else "restore it from your own backup")
    return StoreDamaged(f"the audit store {path} is damaged ({what}): {restore}, or move it away and run again "
                        f"to start a fresh store (整改情况 and the update history of earlier runs come only from the old store)")


def _check_file(path: Path) -> None:
    """Refuse a store file that exists but is not a SQLite database (0 bytes, cut short,
    overwritten): SQLite would either fail later or silently start an empty store."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StoreDamaged(f"cannot read the audit store {path} ({exc.strerror or exc})") from None
    if not head:
        raise _damaged(path, "the file is empty: 0 bytes")
    if head != SQLITE_HEADER:
        raise _damaged(path, "not an SQLite database")


class Store:
    def __init__(self, path: Path | str):
        """Open (or create) the store; StoreDamaged if it exists and is not sound, StoreBusy
        if another audit has it. Before a run changes a sound store, a copy is kept as
        STORE.bak."""
        self.path = Path(path)
        self._lock = None
        self.db = None
        existed = False
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._lock = _lock(self.path)
            existed = self.path.exists()
        try:
            if existed:
                _check_file(self.path)
            self.db = sqlite3.connect(str(path))
            self.db.row_factory = sqlite3.Row
            if existed:
                verdict = self.db.execute("PRAGMA quick_check").fetchone()[0]
                if verdict != "ok":
                    raise _damaged(self.path, verdict.splitlines()[0])
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(SCHEMA)
            _add_columns(self.db)
            self.db.commit()
            if existed:
                self._backup()
        except sqlite3.DatabaseError as exc:
            self._unlock()
            raise _damaged(self.path, str(exc)) from None
        except BaseException:
            self._unlock()
            raise

    def _backup(self) -> None:
        """A consistent copy of the sound store (STORE.bak), made before this run changes it."""
        target = backup_path(self.path)
        tmp = target.with_name(target.name + ".tmp")
        copy = sqlite3.connect(str(tmp))
        try:
            self.db.backup(copy)
        finally:
            copy.close()
        tmp.replace(target)

    def _unlock(self) -> None:
        if getattr(self, "db", None) is not None:
            self.db.close()
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def close(self) -> None:
        self.db.commit()
        self.db.close()
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def commit(self) -> None:
        self.db.commit()

    # ------------------------------------------------------------ runs

    def begin_run(self, name: str, as_of: str, since: str, ruleset: str, settings: dict,
                  inputs: list[str], fresh: bool = False) -> tuple[int, bool]:
        """Start an attempt of run `name`; (attempt number, whether earlier work exists)."""
        if fresh:
            self.drop_run(name)
        row = self.db.execute("SELECT attempt FROM runs WHERE name=?", (name,)).fetchone()
        attempt = (row["attempt"] + 1) if row else 1
        if row:
            self.db.execute(
                "UPDATE runs SET attempt=?, as_of=?, since=?, ruleset=?, settings=?, inputs=?, finished=NULL WHERE name=?",
                (attempt, as_of, since, ruleset, json.dumps(settings, ensure_ascii=False),
                 json.dumps(inputs, ensure_ascii=False), name))
        else:
            self.db.execute("INSERT INTO runs VALUES (?,?,?,?,?,?,?,?,?)",
                            (name, as_of, since, attempt, time.time(), None, ruleset,
                             json.dumps(settings, ensure_ascii=False), json.dumps(inputs, ensure_ascii=False)))
        self.db.execute("DELETE FROM errors WHERE run=?", (name,))
        self.db.commit()
        return attempt, row is not None

    def drop_run(self, name: str) -> None:
        for table in ("posts", "findings", "errors", "accounts", "account_problems"):
            self.db.execute(f"DELETE FROM {table} WHERE run=?", (name,))
        self.db.execute("DELETE FROM runs WHERE name=?", (name,))
        self.db.commit()

    def finish_run(self, name: str) -> None:
        self.db.execute("UPDATE runs SET finished=? WHERE name=?", (time.time(), name))
        self.db.commit()

    def runs(self) -> list[sqlite3.Row]:
        return self.db.execute("SELECT * FROM runs ORDER BY as_of, name").fetchall()

    def previous_run(self, name: str, as_of: str) -> str | None:
        """The latest finished run before `as_of` other than `name`."""
        row = self.db.execute(
            "SELECT name FROM runs WHERE name<>? AND finished IS NOT NULL AND as_of<? ORDER BY as_of DESC LIMIT 1",
            (name, as_of)).fetchone()
        return row["name"] if row else None

    def has_run(self, name: str) -> bool:
        return self.db.execute("SELECT 1 FROM runs WHERE name=?", (name,)).fetchone() is not None

    # ------------------------------------------------------------ posts

    def lookup(self, run: str, key: str) -> sqlite3.Row | None:
        return self.db.execute("SELECT hash, ruleset, seen, path, record FROM posts WHERE run=? AND key=?",
                               (run, key)).fetchone()

    def mark_seen(self, run: str, key: str, attempt: int) -> None:
        self.db.execute("UPDATE posts SET seen=? WHERE run=? AND key=?", (attempt, run, key))

    def save_post(self, run: str, key: str, attempt: int, meta: dict, findings: list[dict]) -> None:
        self.db.execute("DELETE FROM findings WHERE run=? AND key=?", (run, key))
        self.db.execute(
            f"INSERT OR REPLACE INTO posts ({','.join(POST_COLS)}) VALUES ({','.join('?' * len(POST_COLS))})",
            (run, key, meta["hash"], meta["ruleset"], attempt, attempt, meta["account"], meta["platform"],
             meta["family"], meta["published"], meta["title"], meta["path"], meta["record"], len(findings),
             meta.get("images_read", 0), meta.get("images_unread", 0)))
        if findings:
            cols = ",".join(f'"{c}"' for c in ("run", "key", *FINDING_COLS))
            self.db.executemany(
                f"INSERT INTO findings ({cols}) VALUES (?,?,{','.join('?' * len(FINDING_COLS))})",
                [(run, key, *[_column_value(c, f.get(c)) for c in FINDING_COLS]) for f in findings])

    def image_counts(self, run: str, attempt: int) -> tuple[int, int]:
        """(images recognised, images not recognised) of the posts of this attempt."""
        row = self.db.execute("SELECT SUM(images_read), SUM(images_unread) FROM posts WHERE run=? AND seen=?",
                              (run, attempt)).fetchone()
        return row[0] or 0, row[1] or 0

    def add_error(self, run: str, attempt: int, path: str, record: str | None, reason: str) -> None:
        self.db.execute("INSERT INTO errors VALUES (?,?,?,?,?)", (run, attempt, path, record, reason))

    def errors(self, run: str) -> list[dict]:
        return [dict(r) for r in self.db.execute(
            "SELECT path, record, reason FROM errors WHERE run=? ORDER BY rowid", (run,))]

    def count_posts(self, run: str, attempt: int) -> tuple[int, int]:
        """(posts seen in this attempt, of which linted in an earlier attempt)."""
        row = self.db.execute(
            "SELECT COUNT(*) AS n, SUM(linted<>?) AS old FROM posts WHERE run=? AND seen=?",
            (attempt, run, attempt)).fetchone()
        return row["n"] or 0, row["old"] or 0

    def account_dates(self, run: str, attempt: int) -> Iterator[sqlite3.Row]:
        """(family, account, platform, published, n) for the posts of this attempt, ordered."""
        return self.db.execute(
            "SELECT family, account, platform, published FROM posts WHERE run=? AND seen=? "
            "ORDER BY family, account, published", (run, attempt))

    def last_post_before(self, family: str, account: str, run: str) -> str | None:
        """The latest post date of an account in any other run (its update history)."""
        row = self.db.execute(
            "SELECT MAX(published) AS d FROM posts WHERE family=? AND account=? AND run<>? AND published IS NOT NULL",
            (family, account, run)).fetchone()
        return row["d"] if row else None

    def findings(self, run: str, attempt: int | None = None) -> Iterator[sqlite3.Row]:
        """Findings joined with their post, ordered by account and post."""
        sql = ("SELECT p.key, p.account, p.platform, p.family, p.published, p.title, p.path, p.record, f.* "
               "FROM findings f JOIN posts p ON p.run=f.run AND p.key=f.key WHERE f.run=?")
        args: list = [run]
        if attempt is not None:
            sql += " AND p.seen=?"
            args.append(attempt)
        sql += " ORDER BY p.family, p.account, p.published, p.key, f.field, f.start"
        return self.db.execute(sql, args)

    def problem_counts(self, run: str, attempt: int) -> list[sqlite3.Row]:
        """(family, account, rule, name, category, severity, n) over the posts of this attempt."""
        return self.db.execute(
            "SELECT p.family, p.account, f.rule, f.name, f.category, f.severity, COUNT(*) AS n "
            "FROM findings f JOIN posts p ON p.run=f.run AND p.key=f.key "
            "WHERE f.run=? AND p.seen=? AND p.account IS NOT NULL "
            "GROUP BY p.family, p.account, f.rule, f.severity", (run, attempt)).fetchall()

    def category_counts(self, run: str, attempt: int) -> list[sqlite3.Row]:
        return self.db.execute(
            "SELECT p.family, p.account, f.category, COUNT(*) AS n FROM findings f JOIN posts p "
            "ON p.run=f.run AND p.key=f.key WHERE f.run=? AND p.seen=? GROUP BY p.family, p.account, f.category",
            (run, attempt)).fetchall()

    def unattributed_posts(self, run: str, attempt: int) -> int:
        return self.db.execute("SELECT COUNT(*) FROM posts WHERE run=? AND seen=? AND account IS NULL",
                               (run, attempt)).fetchone()[0]

    def finding_keys(self, run: str, attempt: int | None = None) -> set[tuple[str, str, str]]:
        """(post key, rule, text) of every finding of a run."""
        sql = "SELECT f.key, f.rule, f.text FROM findings f JOIN posts p ON p.run=f.run AND p.key=f.key WHERE f.run=?"
        args: list = [run]
        if attempt is not None:
            sql += " AND p.seen=?"
            args.append(attempt)
        return {(r[0], r[1], r[2]) for r in self.db.execute(sql, args)}

    def run_attempt(self, run: str) -> int | None:
        row = self.db.execute("SELECT attempt FROM runs WHERE name=?", (run,)).fetchone()
        return row[0] if row else None

    def post_keys_present(self, run: str, attempt: int, keys: Iterable[str]) -> set[str]:
        out = set()
        for k in keys:
            if self.db.execute("SELECT 1 FROM posts WHERE run=? AND key=? AND seen=?", (run, k, attempt)).fetchone():
                out.add(k)
        return out

    # ------------------------------------------------------------ accounts

    def save_accounts(self, run: str, accounts: list[dict]) -> None:
        self.db.execute("DELETE FROM accounts WHERE run=?", (run,))
        self.db.execute("DELETE FROM account_problems WHERE run=?", (run,))
        for a in accounts:
            self.db.execute("INSERT INTO accounts VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", (
                run, a["name"], a["family"], a["platform"], a["owner"], a["supervisor"], a["group"],
                a["type"], int(a["registered"]), a["verdict"], json.dumps(a["problems"], ensure_ascii=False),
                a["posts"], a["last_post"]))
            for p in a["account_findings"]:
                self.db.execute("INSERT INTO account_problems VALUES (?,?,?,?,?,?,?)", (
                    run, a["name"], a["family"], p["rule"], p["label"], p["message"], int(p["veto"])))
        self.db.commit()

    def accounts(self, run: str) -> list[sqlite3.Row]:
        return self.db.execute("SELECT * FROM accounts WHERE run=?", (run,)).fetchall()

    def account_problems(self, run: str) -> list[sqlite3.Row]:
        return self.db.execute("SELECT * FROM account_problems WHERE run=? ORDER BY rowid", (run,)).fetchall()
