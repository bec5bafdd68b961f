"""The store's connection and its one transaction helper.

Concurrency: the database runs in WAL mode. Any number of readers (GUI, CLI, `readonly=True`)
read a consistent snapshot and never block the writer; writers serialise on SQLite's write lock
(`BEGIN IMMEDIATE`, waiting up to `BUSY_TIMEOUT_MS`), so a capture and an `auditor import` may run
side by side. `synchronous=NORMAL` in WAL mode keeps the database consistent (integrity_check
passes) after any crash.

A `Database` may be shared between threads: `writing()` and `guarded()` hold its lock.
Every SQLite error leaving them becomes a one-line `AuditorError`.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from threading import RLock
from typing import Any

import sqlcipher3

from auditor.errors import AuditorError, StoreKeyError

BUSY_TIMEOUT_MS = 15000
# Rows per `IN (?, ?, …)` list: well under SQLite's bound-parameter limit.
PARAM_CHUNK = 500


def one_line(err: BaseException) -> str:
    return " ".join(str(err).split()) or type(err).__name__


def chunks[T](items: Sequence[T]) -> Iterator[tuple[list[T], str]]:
    """`items` in slices of at most PARAM_CHUNK, each with its "?,?,…" placeholders."""
    for start in range(0, len(items), PARAM_CHUNK):
        chunk = list(items[start : start + PARAM_CHUNK])
        yield chunk, ",".join("?" * len(chunk))


def connect(path: Path, key: bytes, *, readonly: bool) -> Any:
    """An open, keyed connection; a wrong key becomes a one-line StoreKeyError."""
    try:
        if readonly:
            conn = sqlcipher3.connect(
                path.resolve().as_uri() + "?mode=ro",
                uri=True,
                isolation_level=None,
                check_same_thread=False,
            )
        else:
            conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    except sqlcipher3.Error as err:
        raise AuditorError(f"cannot open the store at {path}: {one_line(err)}") from None
    try:
        # SQLCipher logs decryption failures to stderr itself (a damaged store: one line per
        # page read); what went wrong reaches the user as our one line instead.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # Sorts and temporary indexes stay in memory: nothing decrypted ever spills to disk.
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as err:
        conn.close()
        text = str(err)
        if "not a database" in text or "encrypted" in text:
            raise StoreKeyError(
                f"wrong passphrase or key for store at {path} (or the file is not a store)"
            ) from None
        raise AuditorError(f"cannot open the store at {path}: {one_line(err)}") from None
    try:
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA journal_size_limit = 67108864")
        else:
            conn.execute("PRAGMA query_only = 1")
        conn.execute("PRAGMA cache_size = -65536")
        conn.execute("PRAGMA foreign_keys = OFF")
    except sqlcipher3.Error as err:
        conn.close()
        raise AuditorError(f"cannot open the store at {path}: {one_line(err)}") from None
    return conn


def owner_only(path: Path) -> None:
    """The database and its WAL are encrypted, but still nobody else's business."""
    for suffix in ("", "-wal", "-shm"):
        p = Path(f"{path}{suffix}")
        try:
            if p.exists() and p.stat().st_mode & 0o077:
                p.chmod(0o600)
        except OSError:
            pass


class Database:
    """One connection to the store, its lock, and the row ids of names it has looked up."""

    def __init__(self, path: Path, key: bytes, *, readonly: bool) -> None:
        self.path = path
        self.readonly = readonly
        self.lock = RLock()
        self._conn: Any = connect(path, key, readonly=readonly)
        # Name -> row id of sessions and hosts, valid within what this connection committed.
        self._session_ids: dict[str, int] = {}
        self._host_ids: dict[str, int] = {}

    @property
    def conn(self) -> Any:
        if self._conn is None:
            raise AuditorError("the store is closed")
        return self._conn

    def interrupt(self) -> None:
        """Aborts the statement running on the connection, from any thread; the interrupted
        call raises. A no-op when nothing runs."""
        conn = self._conn
        if conn is not None:
            conn.interrupt()

    def close(self) -> None:
        with self.lock:
            if self._conn is None:
                return
            try:
                if not self.readonly:
                    # Keep planner statistics current, cheaply (sampled).
                    self._conn.execute("PRAGMA analysis_limit = 1000")
                    self._conn.execute("PRAGMA optimize")
            except sqlcipher3.Error:
                pass
            self._conn.close()
            self._conn = None

    # ----------------------------------------------------------------------------------------
    # The transaction helper

    def error(self, err: BaseException) -> AuditorError:
        """The one line a user sees for a SQLite error."""
        text = str(err)
        low = text.lower()
        if "full" in low and ("disk" in low or "database" in low):
            return AuditorError(
                f"disk full: could not write to the store at {self.path}; the last change was not "
                "saved, everything saved before is intact and readable; free some space and retry"
            )
        if "locked" in low or "busy" in low:
            return AuditorError(
                f"the store at {self.path} is busy: another program kept its write lock for more "
                f"than {BUSY_TIMEOUT_MS // 1000} s"
            )
        if "readonly" in low or "read-only" in low:
            return AuditorError(f"the store at {self.path} is open read-only")
        if "not a database" in low or "malformed" in low:
            return AuditorError(f"the store at {self.path} is damaged: {one_line(err)}")
        return AuditorError(f"store error ({self.path}): {one_line(err)}")

    def check_writable(self) -> None:
        if self.readonly:
            raise AuditorError(f"the store at {self.path} is open read-only")

    @contextmanager
    def guarded(self) -> Iterator[Any]:
        """The connection under the lock, outside any transaction (reads, pragmas)."""
        with self.lock:
            try:
                yield self.conn
            except sqlcipher3.Error as err:
                raise self.error(err) from None

    @contextmanager
    def writing(self) -> Iterator[Any]:
        """The connection inside one write transaction (BEGIN IMMEDIATE … COMMIT): all or none."""
        self.check_writable()
        with self.lock:
            conn = self.conn
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        try:
                            conn.execute("ROLLBACK")
                        except sqlcipher3.Error:
                            pass
                    # The id caches may now name rows that were rolled back.
                    self.forget_ids()
                    raise
            except sqlcipher3.Error as err:
                raise self.error(err) from None

    # ----------------------------------------------------------------------------------------
    # Small shared tables

    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def forget_ids(self) -> None:
        self._session_ids.clear()
        self._host_ids.clear()

    def forget_session(self, name: str) -> None:
        self._session_ids.pop(name, None)

    def session_id(self, name: str, *, create: bool) -> int | None:
        cached = self._session_ids.get(name)
        if cached is not None:
            return cached
        conn = self.conn
        row = conn.execute("SELECT id FROM sessions WHERE name = ?", (name,)).fetchone()
        if row is None:
            if not create:
                return None
            cur = conn.execute(
                "INSERT INTO sessions(name, created) VALUES (?, ?)", (name, time.time())
            )
            sid = int(cur.lastrowid)
        else:
            sid = int(row[0])
        self._session_ids[name] = sid
        return sid

    def host_id(self, host: str | None) -> int | None:
        if not host:
            return None
        cached = self._host_ids.get(host)
        if cached is not None:
            return cached
        conn = self.conn
        conn.execute("INSERT OR IGNORE INTO hosts(name) VALUES (?)", (host,))
        hid = int(conn.execute("SELECT id FROM hosts WHERE name = ?", (host,)).fetchone()[0])
        self._host_ids[host] = hid
        return hid
