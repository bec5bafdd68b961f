"""The encrypted capture store: one SQLCipher database per data dir.

Concurrency: the database runs in WAL mode. Any number of readers (GUI, CLI, `readonly=True`)
read a consistent snapshot and never block the writer; writers serialise on SQLite's write lock
(`BEGIN IMMEDIATE`, waiting up to `BUSY_TIMEOUT_MS`), so a capture and an `auditor import` may run
side by side. `add_flows` is one transaction: the capture commits a batch at least every 250 ms,
so a `kill -9` loses at most the flows of the batch not yet committed, and `synchronous=NORMAL`
in WAL mode keeps the database consistent (integrity_check passes) after any crash.

A `Store` may be shared between threads: every call takes the store's lock.
"""

from __future__ import annotations

import json
import os
import re
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

import sqlcipher3

from auditor.errors import AuditorError, StoreKeyError
from auditor.paths import DataDir, ensure_private_dir
from auditor.policy.purposes import mask_purposes, purpose_mask
from auditor.records import (
    VERDICTS,
    Entity,
    FlowRecord,
    Label,
    PolicyFinding,
    SensitiveFields,
    to_spec_dict,
)
from auditor.store import codec
from auditor.store.bounds import clamp_ts, clean_strings, ts_in_range
from auditor.store.codec import sql_text
from auditor.store.keys import StoreKey, finish_rotation, obtain_key, prepare_rotation
from auditor.store.migrations import (
    COUNTED_DIMENSIONS,
    LATEST_VERSION,
    migrate,
    schema_version,
)
from auditor.store.query import (
    ORDER_COLUMNS,
    FlowQuery,
    FlowSummary,
    Marker,
    SessionInfo,
    WhereBuilder,
)

BUSY_TIMEOUT_MS = 15000
DEFAULT_BODY_CAP = 16 * 1024 * 1024
_PARAM_CHUNK = 500
# Free-text pages (`_page_with_text`): the first window of rows in sort order, and how widely
# a window's rowids may spread (times its length, plus a slack) before the full match set of
# the word is the cheaper test.
_TEXT_WINDOW = 256
_TEXT_SPREAD = 16
_TEXT_SLACK = 4096
_MARKER_KIND = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
DIMENSIONS: dict[str, str] = {
    "label": "l.category",
    "entity": "f.entity",
    "party": "f.party",
    "app": "f.app",
    "process": "f.process_name",
    "host": "h.name",
    "verdict": "f.verdict_rank",
    "kind": "f.kind",
    "session": "s.name",
    "method": "f.method",
    "status": "f.status",
}

# Session and host names come from scalar subqueries rather than joins, so the planner always
# walks `flows` in the order of the sort index (and stops after one page) instead of starting
# from the small tables and sorting everything.
_SUMMARY_COLUMNS = (
    "f.rowid, f.id, (SELECT name FROM sessions WHERE id = f.session_id), f.ts, f.kind, f.pid, "
    "f.process_name, f.app, (SELECT name FROM hosts WHERE id = f.host_id), f.method, "
    "f.path, f.status, f.req_size, f.resp_size, f.entity, f.party, "
    "(SELECT group_concat(category, char(31)) FROM flow_labels WHERE flow_rowid = f.rowid), "
    "f.verdict_rank, f.sinkholed, f.purposes"
)
_FROM = " FROM flows f"


COUNTED_DIMENSIONS_ALL = frozenset({"label", *COUNTED_DIMENSIONS})


def _dim_key(dimension: str, key: Any) -> str:
    if key is None:
        return ""
    if dimension == "verdict":
        return VERDICTS[key] if 0 <= key < len(VERDICTS) else ""
    return str(key)


def _bump(
    tally: dict[Any, list[int]], sid: int, dim: str, key: str, sign: int, nbytes: int
) -> None:
    entry = tally.get((sid, dim, key))
    if entry is None:
        tally[(sid, dim, key)] = [sign, sign * nbytes]
    else:
        entry[0] += sign
        entry[1] += sign * nbytes


SKIP_STORED = "already stored in the session (same flow id)"


@dataclass
class ImportedFlows:
    """What `Store.import_flows` did with one file's records."""

    stored: int = 0
    sessions: list[str] = field(default_factory=list)  # sessions that received flows
    renamed: int = 0  # records given a new id (theirs is taken in another session)
    skipped: Counter[str] = field(default_factory=Counter)  # reason -> records not stored
    already_in: str | None = None  # a session that already records this file: nothing stored


def _session_meta(text: Any) -> dict[str, Any]:
    """A session's metadata, {} when what is stored is not a JSON object (readers are total)."""
    try:
        value = json.loads(text or "{}")
    except (ValueError, TypeError, RecursionError):
        return {}
    return clean_strings(value) if isinstance(value, dict) else {}


def _one_line(err: BaseException) -> str:
    return " ".join(str(err).split()) or type(err).__name__


def _connect(path: Path, key: bytes, *, readonly: bool) -> Any:
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
        raise AuditorError(f"cannot open the store at {path}: {_one_line(err)}") from None
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
        raise AuditorError(f"cannot open the store at {path}: {_one_line(err)}") from None
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
        raise AuditorError(f"cannot open the store at {path}: {_one_line(err)}") from None
    return conn


_NOT_NULL_ORDER = frozenset(
    {"f.ts", "f.rowid", "f.session_id", "f.kind", "f.req_size", "f.resp_size", "f.sinkholed",
     "(f.req_size + f.resp_size)"}
)  # fmt: skip


def _after_cursor(expr: str, value: Any, rowid: int, descending: bool) -> tuple[str, list[Any]]:
    """Rows after (value, rowid) in ORDER BY expr, rowid — written so an index on expr is used
    as a range (keyset paging in constant time). NULLs sort first ascending, last descending."""
    if expr == "f.rowid":
        return f"f.rowid {'<' if descending else '>'} ?", [rowid]
    if value is None:
        if descending:
            return f"({expr} IS NULL AND f.rowid < ?)", [rowid]
        return f"({expr} IS NOT NULL OR f.rowid > ?)", [rowid]
    if descending:
        cond = f"({expr} <= ? AND ({expr} < ? OR f.rowid < ?))"
        if expr not in _NOT_NULL_ORDER:
            cond = f"({cond} OR {expr} IS NULL)"
    else:
        cond = f"({expr} >= ? AND ({expr} > ? OR f.rowid > ?))"
    return cond, [value, value, rowid]


def open_store(
    data_dir: DataDir,
    *,
    passphrase_file: str | os.PathLike[str] | None = None,
    readonly: bool = False,
) -> Store:
    """Open (creating on first use) the encrypted store of `data_dir`.

    The key comes from the OS keyring or a passphrase (see `auditor.store.keys`). A reader
    (`readonly=True`) of a data dir without a store yet creates the empty store first, so lists
    show nothing rather than fail.
    """
    try:
        ensure_private_dir(data_dir.root)
    except OSError as err:
        raise AuditorError(
            f"cannot create the data dir {data_dir.root}: {_one_line(err)}"
        ) from None
    key = obtain_key(data_dir, passphrase_file=passphrase_file)
    if key.pending is not None:
        key = _settle_rotation(data_dir, key)
    path = data_dir.store
    if readonly:
        # Make or migrate the schema with a short-lived writer: readers cannot.
        needs_writer = not path.exists()
        if not needs_writer:
            probe = _connect(path, key.key, readonly=True)
            try:
                needs_writer = schema_version(probe) < LATEST_VERSION
            finally:
                probe.close()
        # A plaintext known-values file left by an older version moves into the store now.
        needs_writer = needs_writer or data_dir.known_values.exists()
        if needs_writer:
            Store(data_dir, key, readonly=False).close()
    return Store(data_dir, key, readonly=readonly)


KNOWN_VALUES_KEY = "known_values"


def _parse_known_values(text: str | None) -> dict[str, list[str]]:
    try:
        raw = json.loads(text) if text else {}
    except ValueError:
        return {}
    if not isinstance(raw, dict):
        return {}
    return {
        str(kind): [str(v) for v in items if isinstance(v, str)]
        for kind, items in raw.items()
        if isinstance(items, list)
    }


def _owner_only(path: Path) -> None:
    """The database and its WAL are encrypted, but still nobody else's business."""
    for suffix in ("", "-wal", "-shm"):
        p = Path(f"{path}{suffix}")
        try:
            if p.exists() and p.stat().st_mode & 0o077:
                p.chmod(0o600)
        except OSError:
            pass


def _settle_rotation(data_dir: DataDir, key: StoreKey) -> StoreKey:
    """A rotation was interrupted: keep whichever key opens the database, and record it."""
    assert key.pending is not None
    for candidate in (key, key.pending):
        try:
            _connect(data_dir.store, candidate.key, readonly=False).close()
        except StoreKeyError:
            continue
        if candidate is key.pending:
            finish_rotation(data_dir, key.header, key.pending.header)
        else:
            finish_rotation(data_dir, key.pending.header, key.header)
        return StoreKey(candidate.key, candidate.source, candidate.header)
    raise StoreKeyError(f"wrong passphrase or key for store at {data_dir.store}")


class Store:
    """The capture store of one data dir. Use `open_store` to get one."""

    def __init__(self, data_dir: DataDir, key: StoreKey, *, readonly: bool = False) -> None:
        self.data_dir = data_dir
        self.path = data_dir.store
        self.readonly = readonly
        self.key_source = key.source
        self._lock = threading.RLock()
        self._conn: Any = _connect(self.path, key.key, readonly=readonly)
        self._host_ids: dict[str, int] = {}
        self._session_ids: dict[str, int] = {}
        self._body_cap: int | None = None
        self._body_cap_loaded = False
        try:
            if readonly:
                version = schema_version(self._conn)
                if version > LATEST_VERSION:
                    raise AuditorError(
                        f"the store at {self.path} has schema version {version}, newer than this "
                        f"program knows ({LATEST_VERSION}); upgrade meeting-privacy-auditor"
                    )
            else:
                self._guard(lambda: migrate(self._conn, where=f"the store at {self.path}"))
                _owner_only(self.path)
                self._import_known_values_file()
        except BaseException:
            self._conn.close()
            raise

    # ----------------------------------------------------------------------------------------
    # Plumbing

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def interrupt(self) -> None:
        """Aborts the statement running on this store's connection, from any thread (a reader
        whose query became stale, e.g. a count for a filter the user has already changed). The
        interrupted call raises; a no-op when nothing runs."""
        conn = self._conn
        if conn is not None:
            conn.interrupt()

    def close(self) -> None:
        with self._lock:
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

    @property
    def conn(self) -> Any:
        if self._conn is None:
            raise AuditorError("the store is closed")
        return self._conn

    def _error(self, err: BaseException) -> AuditorError:
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
            return AuditorError(f"the store at {self.path} is damaged: {_one_line(err)}")
        return AuditorError(f"store error ({self.path}): {_one_line(err)}")

    def _guard(self, fn: Any) -> Any:
        try:
            return fn()
        except sqlcipher3.Error as err:
            raise self._error(err) from None

    def _write(self, fn: Any) -> Any:
        """Run `fn()` in one write transaction (BEGIN IMMEDIATE ... COMMIT)."""
        if self.readonly:
            raise AuditorError(f"the store at {self.path} is open read-only")
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                result = fn()
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    try:
                        conn.execute("ROLLBACK")
                    except sqlcipher3.Error:
                        pass
                # Caches may now name rows that were rolled back.
                self._host_ids.clear()
                self._session_ids.clear()
                raise
        except sqlcipher3.Error as err:
            raise self._error(err) from None
        return result

    def _read(self, fn: Any) -> Any:
        with self._lock:
            return self._guard(fn)

    # ----------------------------------------------------------------------------------------
    # Settings

    def _meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    @property
    def body_cap(self) -> int | None:
        """Bodies larger than this many bytes are not stored (their size is). None: no cap."""
        with self._lock:
            if not self._body_cap_loaded:
                value = self._guard(lambda: self._meta("body_cap"))
                if value is None:
                    self._body_cap = DEFAULT_BODY_CAP
                else:
                    self._body_cap = None if value == "none" else int(value)
                self._body_cap_loaded = True
            return self._body_cap

    def set_body_cap(self, cap: int | None) -> None:
        if cap is not None and cap < 0:
            raise AuditorError("the body-size cap must be 0 or more bytes")
        value = "none" if cap is None else str(int(cap))
        with self._lock:
            self._write(
                lambda: self.conn.execute(
                    "INSERT INTO meta(key, value) VALUES ('body_cap', ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (value,),
                )
            )
            self._body_cap = cap
            self._body_cap_loaded = True

    # ----------------------------------------------------------------------------------------
    # Known values: the user's own e-mail, name, meeting ids … that the labeller looks for. They
    # are personal data, so they live here (encrypted), never in a file of the data dir.

    def known_values(self) -> dict[str, list[str]]:
        """The user's known values by kind, each list in the order entered."""

        def run() -> dict[str, list[str]]:
            return _parse_known_values(self._meta(KNOWN_VALUES_KEY))

        result: dict[str, list[str]] = self._read(run)
        return result

    def _save_known_values(self, values: dict[str, list[str]]) -> None:
        text = json.dumps({k: v for k, v in values.items() if v}, ensure_ascii=False)
        self.conn.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (KNOWN_VALUES_KEY, text),
        )

    def set_known_values(self, values: dict[str, list[str]]) -> None:
        """Replaces every known value."""
        clean: dict[str, list[str]] = {}
        for kind, items in values.items():
            for item in items:
                value = item.strip()
                if value and value not in clean.setdefault(kind, []):
                    clean[kind].append(value)
        with self._lock:
            self._write(lambda: self._save_known_values(clean))

    def add_known_value(self, kind: str, value: str) -> bool:
        """False when it was there already."""
        value = value.strip()

        def run() -> bool:
            current = _parse_known_values(self._meta(KNOWN_VALUES_KEY))
            items = current.setdefault(kind, [])
            if value in items:
                return False
            items.append(value)
            self._save_known_values(current)
            return True

        with self._lock:
            added: bool = self._write(run)
            return added

    def remove_known_value(self, kind: str, value: str) -> bool:
        """False when there was no such value."""
        value = value.strip()

        def run() -> bool:
            current = _parse_known_values(self._meta(KNOWN_VALUES_KEY))
            if value not in current.get(kind, []):
                return False
            current[kind].remove(value)
            self._save_known_values(current)
            return True

        with self._lock:
            removed: bool = self._write(run)
            return removed

    def _import_known_values_file(self) -> None:
        """Moves a plaintext `known-values.json` (written by hand for older versions) into the
        store, then deletes it: the values are kept, the clear copy is not."""
        path = self.data_dir.known_values
        if not path.exists():
            return
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raw = None
        if not isinstance(raw, dict):
            # Older versions ignored a malformed file too: keep it for the user to fix, unread.
            return

        def run() -> None:
            current = _parse_known_values(self._meta(KNOWN_VALUES_KEY))
            for kind, items in raw.items():
                for item in [items] if isinstance(items, str | int) else items or []:
                    value = str(item).strip()
                    if isinstance(item, str | int) and value:
                        bucket = current.setdefault(str(kind), [])
                        if value not in bucket:
                            bucket.append(value)
            self._save_known_values(current)

        with self._lock:
            self._write(run)
        path.unlink()

    # ----------------------------------------------------------------------------------------
    # Sessions

    def _session_id(self, name: str, *, create: bool) -> int | None:
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

    @staticmethod
    def _check_session_name(name: str) -> str:
        if not isinstance(name, str) or not name.strip():
            raise AuditorError("a session name must not be empty")
        if any(ord(c) < 32 for c in name) or sql_text(name) != name:
            raise AuditorError("a session name must be printable text")
        return name

    def ensure_session(self, name: str, **meta: Any) -> str:
        """Create the session `name` if needed (merging `meta` into its metadata); returns name."""
        self._check_session_name(name)

        def run() -> None:
            self._session_id(name, create=True)
            if meta:
                row = self.conn.execute("SELECT meta FROM sessions WHERE name = ?", (name,))
                current = _session_meta(row.fetchone()[0])
                current.update(meta)
                self.conn.execute(
                    "UPDATE sessions SET meta = ? WHERE name = ?",
                    (json.dumps(current, default=str), name),
                )

        with self._lock:
            self._write(run)
        return name

    def sessions(self) -> list[SessionInfo]:
        def run() -> list[SessionInfo]:
            rows = self.conn.execute(
                "SELECT s.id, s.name, s.created, s.meta, s.flow_count, s.bytes, s.first_ts, "
                "s.last_ts, (SELECT count(*) FROM markers m WHERE m.session_id = s.id) "
                "FROM sessions s ORDER BY s.created, s.id"
            ).fetchall()
            apps: dict[int, list[str]] = {}
            for sid, app in self.conn.execute(
                "SELECT session_id, app FROM session_apps ORDER BY session_id, app"
            ):
                apps.setdefault(sid, []).append(app)
            return [
                SessionInfo(
                    name=name,
                    created=clamp_ts(created),
                    flow_count=count,
                    bytes=nbytes,
                    first_ts=None if first is None else clamp_ts(first),
                    last_ts=None if last is None else clamp_ts(last),
                    apps=apps.get(sid, []),
                    meta=_session_meta(meta),
                    markers=markers,
                )
                for sid, name, created, meta, count, nbytes, first, last, markers in rows
            ]

        result: list[SessionInfo] = self._read(run)
        return result

    def session(self, name: str) -> SessionInfo | None:
        for info in self.sessions():
            if info.name == name:
                return info
        return None

    def delete_session(self, name: str) -> int:
        """Delete a session with its flows, bodies, labels, findings and markers.

        Returns the number of flows deleted. The freed pages are reused by later writes;
        `compact()` returns them to the file system.
        """

        def run() -> int:
            conn = self.conn
            row = conn.execute("SELECT id, flow_count FROM sessions WHERE name = ?", (name,))
            found = row.fetchone()
            if found is None:
                raise AuditorError(f"no session named {name!r}")
            sid = int(found[0])
            flows = "SELECT rowid FROM flows WHERE session_id = ?"
            conn.execute(f"DELETE FROM flows_fts WHERE rowid IN ({flows})", (sid,))
            conn.execute(f"DELETE FROM bodies WHERE flow_rowid IN ({flows})", (sid,))
            conn.execute(f"DELETE FROM flow_labels WHERE flow_rowid IN ({flows})", (sid,))
            conn.execute(f"DELETE FROM records WHERE flow_rowid IN ({flows})", (sid,))
            deleted = conn.execute("DELETE FROM flows WHERE session_id = ?", (sid,)).rowcount
            conn.execute("DELETE FROM markers WHERE session_id = ?", (sid,))
            conn.execute("DELETE FROM session_apps WHERE session_id = ?", (sid,))
            conn.execute("DELETE FROM flow_counts WHERE session_id = ?", (sid,))
            conn.execute("DELETE FROM sessions WHERE id = ?", (sid,))
            return int(deleted)

        with self._lock:
            self._session_ids.pop(name, None)
            deleted: int = self._write(run)
            return deleted

    # ----------------------------------------------------------------------------------------
    # Writing flows

    def _host_id(self, host: str | None) -> int | None:
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

    def _delete_flow_rows(self, rowids: Sequence[int]) -> None:
        conn = self.conn
        for start in range(0, len(rowids), _PARAM_CHUNK):
            chunk = list(rowids[start : start + _PARAM_CHUNK])
            marks = ",".join("?" * len(chunk))
            conn.execute(f"DELETE FROM flows_fts WHERE rowid IN ({marks})", chunk)
            conn.execute(f"DELETE FROM bodies WHERE flow_rowid IN ({marks})", chunk)
            conn.execute(f"DELETE FROM flow_labels WHERE flow_rowid IN ({marks})", chunk)
            conn.execute(f"DELETE FROM records WHERE flow_rowid IN ({marks})", chunk)
            conn.execute(f"DELETE FROM flows WHERE rowid IN ({marks})", chunk)

    def _tally_stored(self, rowids: Sequence[int], sign: int, tally: dict[Any, list[int]]) -> None:
        """Add (sign=1) or take away (sign=-1) stored flows from the running totals `tally`."""
        conn = self.conn
        for start in range(0, len(rowids), _PARAM_CHUNK):
            chunk = list(rowids[start : start + _PARAM_CHUNK])
            marks = ",".join("?" * len(chunk))
            sizes: dict[int, tuple[int, int]] = {}
            for row in conn.execute(
                "SELECT f.rowid, f.session_id, f.req_size + f.resp_size, "
                + ", ".join(COUNTED_DIMENSIONS.values())
                + " FROM flows f LEFT JOIN hosts h ON h.id = f.host_id "
                f"WHERE f.rowid IN ({marks})",
                chunk,
            ):
                rowid, sid, nbytes, *keys = row
                sizes[rowid] = (sid, nbytes)
                for dim, key in zip(COUNTED_DIMENSIONS, keys, strict=True):
                    _bump(tally, sid, dim, _dim_key(dim, key), sign, nbytes)
            for rowid, category in conn.execute(
                f"SELECT flow_rowid, category FROM flow_labels WHERE flow_rowid IN ({marks})",
                chunk,
            ):
                if rowid in sizes:
                    sid, nbytes = sizes[rowid]
                    _bump(tally, sid, "label", category, sign, nbytes)

    def _save_tally(self, tally: dict[Any, list[int]]) -> None:
        rows = [(*k, n, b) for k, (n, b) in tally.items() if n or b]
        if not rows:
            return
        conn = self.conn
        conn.executemany(
            "INSERT INTO flow_counts(session_id, dimension, key, flows, bytes) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT(session_id, dimension, key) DO UPDATE SET "
            "flows = flows + excluded.flows, bytes = bytes + excluded.bytes",
            rows,
        )
        if any(n < 0 for *_k, n, _b in rows):
            conn.execute("DELETE FROM flow_counts WHERE flows <= 0")

    def add_flows(self, records: Sequence[FlowRecord]) -> None:
        """Store `records` in one transaction (all or none).

        A record whose id is already stored replaces the stored flow and gets a new rowid, so
        live tails (`FlowQuery.after_rowid`) see the update. Sessions are created as needed.
        """
        if not records:
            return
        # Last one wins when a batch holds the same id twice.
        unique = list({r.id: r for r in records}.values())
        for r in unique:
            self._check_session_name(r.session)
        cap = self.body_cap
        encoded = [(r, codec.encode(r, cap)) for r in unique]

        with self._lock:
            self._write(lambda: self._store_encoded(encoded))

    def import_flows(
        self, records: Sequence[FlowRecord], *, digest: str, source: dict[str, Any]
    ) -> ImportedFlows:
        """Store the records of one imported file in one transaction (all or none), idempotently.

        Nothing is stored when a session the file fills already records `digest` (the file was
        imported before). A record whose id is stored in another session gets a new id derived
        from (session, id); one whose id is already stored in its own session, or repeated in
        the file, is skipped and counted: an import never overwrites a stored flow. Each session
        that receives flows records the import in its metadata (`source` plus the digest and
        the count); a session is created only when flows go into it.
        """
        for r in records:
            self._check_session_name(r.session)
        cap = self.body_cap
        names = sorted({r.session for r in records})
        result = ImportedFlows()
        # Ids first (a read), then encode outside the write transaction: a long import holds
        # the write lock no longer than the inserts take (a capture may be writing meanwhile).
        owners: dict[str, str] = self._read(lambda: self._id_owners([r.id for r in records]))
        seen: set[str] = set()
        candidates: list[FlowRecord] = []
        for r in records:
            owner = owners.get(r.id)
            if owner is not None and owner != r.session:
                r.id = uuid.uuid5(uuid.NAMESPACE_URL, f"auditor-import:{r.session}:{r.id}").hex
                result.renamed += 1
            elif owner is not None:
                result.skipped[SKIP_STORED] += 1
                continue
            if r.id in seen:
                result.skipped["repeated in the file (same flow id)"] += 1
                continue
            seen.add(r.id)
            candidates.append(r)
        encoded = [(r, codec.encode(r, cap)) for r in candidates]

        def run() -> ImportedFlows:
            conn = self.conn
            self._session_ids.clear()
            self._host_ids.clear()
            metas: dict[str, dict[str, Any]] = {}
            for name in names:
                row = conn.execute("SELECT meta FROM sessions WHERE name = ?", (name,)).fetchone()
                if row is None:
                    continue
                meta = _session_meta(row[0])
                imports = meta.get("imports")
                if isinstance(imports, list) and any(
                    isinstance(i, dict) and i.get("sha256") == digest for i in imports
                ):
                    return ImportedFlows(already_in=name)
                metas[name] = meta
            # Stored since the read above (another import, a capture): never overwritten.
            taken = self._id_owners([r.id for r, _enc in encoded])
            keep = [(r, enc) for r, enc in encoded if r.id not in taken]
            if len(keep) < len(encoded):
                result.skipped[SKIP_STORED] += len(encoded) - len(keep)
            counts = Counter(r.session for r, _enc in keep)
            now = time.time()
            for name in names:
                if not counts[name] and name not in metas:
                    continue  # no flows for a new session: leave no trace
                self._session_id(name, create=True)
                meta = metas.get(name, {})
                meta.update(source)
                imports = meta.get("imports")
                imports = imports if isinstance(imports, list) else []
                imports.append({**source, "sha256": digest, "flows": counts[name], "at": now})
                meta["imports"] = imports
                conn.execute(
                    "UPDATE sessions SET meta = ? WHERE name = ?",
                    (json.dumps(meta, default=str), name),
                )
            self._store_encoded(keep)
            result.stored = len(keep)
            result.sessions = [n for n in names if counts[n]]
            return result

        with self._lock:
            imported: ImportedFlows = self._write(run)
            return imported

    def _id_owners(self, ids: Sequence[str]) -> dict[str, str]:
        """Flow id -> the name of the session that holds it, for the `ids` that are stored."""
        owners: dict[str, str] = {}
        for start in range(0, len(ids), _PARAM_CHUNK):
            chunk = [sql_text(i) for i in ids[start : start + _PARAM_CHUNK]]
            marks = ",".join("?" * len(chunk))
            owners.update(
                self.conn.execute(
                    "SELECT f.id, s.name FROM flows f JOIN sessions s ON s.id = f.session_id "
                    f"WHERE f.id IN ({marks})",
                    chunk,
                ).fetchall()
            )
        return owners

    def _store_encoded(self, encoded: Sequence[tuple[FlowRecord, codec.EncodedFlow]]) -> None:
        """The body of `add_flows`, inside its write transaction."""
        conn = self.conn
        # Another process may have deleted a session or compacted hosts since the last
        # batch: look names up afresh in each transaction (a few queries per batch).
        self._session_ids.clear()
        self._host_ids.clear()
        # Replaced flows: take them out of the session totals, then delete them.
        old: list[tuple[int, int, int]] = []
        ids = [sql_text(r.id) for r, _enc in encoded]
        for start in range(0, len(ids), _PARAM_CHUNK):
            chunk = ids[start : start + _PARAM_CHUNK]
            old.extend(
                conn.execute(
                    "SELECT rowid, session_id, req_size + resp_size FROM flows "
                    f"WHERE id IN ({','.join('?' * len(chunk))})",
                    chunk,
                ).fetchall()
            )
        deltas: dict[int, list[Any]] = {}  # session id -> [count, bytes, first, last]
        tally: dict[Any, list[int]] = {}
        for _rowid, old_sid, nbytes in old:
            d = deltas.setdefault(old_sid, [0, 0, None, None])
            d[0] -= 1
            d[1] -= nbytes
        if old:
            self._tally_stored([o[0] for o in old], -1, tally)
            self._delete_flow_rows([o[0] for o in old])

        row = conn.execute(
            "SELECT max(coalesce((SELECT max(rowid) FROM flows), 0), "
            "coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'last_rowid'), 0))"
        ).fetchone()
        next_rowid = int(row[0]) + 1

        flow_rows: list[tuple[Any, ...]] = []
        record_rows: list[tuple[int, bytes]] = []
        body_rows: list[tuple[Any, ...]] = []
        label_rows: list[tuple[str, int]] = []
        fts_rows: list[tuple[int, str]] = []
        apps: set[tuple[int, str]] = set()
        masks: set[int] = set()
        session_id = self._session_id
        host_id = self._host_id
        for record, enc in encoded:
            rowid = next_rowid
            next_rowid += 1
            sid = session_id(record.session, create=True)
            assert sid is not None
            req = record.request
            resp = record.response
            proc = record.process
            kind = sql_text(record.kind)
            process_name = sql_text(proc.name)
            app = sql_text(proc.app)
            host = sql_text(record.host)
            entity = sql_text(record.entity.name)
            party = sql_text(record.entity.party)
            rank = enc.verdict_rank
            mask = purpose_mask(record.policy)
            flow_rows.append(
                (
                    rowid,
                    sql_text(record.id),
                    sid,
                    float(record.ts),
                    kind,
                    proc.pid,
                    process_name,
                    app,
                    host_id(host),
                    sql_text(req.method) if req is not None else None,
                    sql_text(req.path) if req is not None else None,
                    resp.status if resp is not None else None,
                    enc.req_size,
                    enc.resp_size,
                    entity,
                    party,
                    rank,
                    1 if record.sinkholed else 0,
                    mask,
                )
            )
            if mask:
                masks.add(mask)
            record_rows.append((rowid, enc.record_blob))
            for part, seq, body_codec, data in enc.bodies:
                body_rows.append((rowid, part, seq, body_codec, data))
            categories = {sql_text(lab.category) or "" for lab in record.labels}
            for category in categories:
                label_rows.append((category, rowid))
            fts_rows.append((rowid, enc.search_text))
            if app:
                apps.add((sid, app))
            nbytes = enc.req_size + enc.resp_size
            # The running totals (as _bump, inlined: this loop runs once per stored flow).
            for key in (
                (sid, "entity", entity or ""),
                (sid, "party", party or ""),
                (sid, "app", app or ""),
                (sid, "process", process_name or ""),
                (sid, "host", host or ""),
                (sid, "verdict", _dim_key("verdict", rank)),
                (sid, "kind", kind or ""),
                *[(sid, "label", category) for category in categories],
            ):
                entry = tally.get(key)
                if entry is None:
                    tally[key] = [1, nbytes]
                else:
                    entry[0] += 1
                    entry[1] += nbytes
            delta = deltas.get(sid)
            if delta is None:
                deltas[sid] = [1, nbytes, record.ts, record.ts]
            else:
                d = delta
                d[0] += 1
                d[1] += nbytes
                d[2] = record.ts if d[2] is None else min(d[2], record.ts)
                d[3] = record.ts if d[3] is None else max(d[3], record.ts)

        conn.executemany(
            "INSERT INTO flows(rowid, id, session_id, ts, kind, pid, process_name, app, "
            "host_id, method, path, status, req_size, resp_size, entity, party, "
            "verdict_rank, sinkholed, purposes) VALUES "
            "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            flow_rows,
        )
        conn.executemany("INSERT INTO records(flow_rowid, record) VALUES (?, ?)", record_rows)
        if body_rows:
            conn.executemany(
                "INSERT INTO bodies(flow_rowid, part, seq, codec, data) VALUES (?,?,?,?,?)",
                body_rows,
            )
        if label_rows:
            conn.executemany(
                "INSERT OR IGNORE INTO flow_labels(category, flow_rowid) VALUES (?, ?)",
                label_rows,
            )
        conn.executemany("INSERT INTO flows_fts(rowid, text) VALUES (?, ?)", fts_rows)
        if apps:
            conn.executemany(
                "INSERT OR IGNORE INTO session_apps(session_id, app) VALUES (?, ?)",
                sorted(apps),
            )
        if masks:
            conn.executemany(
                "INSERT OR IGNORE INTO purpose_masks(mask) VALUES (?)", [(m,) for m in masks]
            )
        conn.executemany(
            "UPDATE sessions SET flow_count = flow_count + ?, bytes = bytes + ?, "
            "first_ts = min(coalesce(first_ts, ?), coalesce(?, first_ts)), "
            "last_ts = max(coalesce(last_ts, ?), coalesce(?, last_ts)) WHERE id = ?",
            [(c, b, f, f, la, la, sid) for sid, (c, b, f, la) in deltas.items()],
        )
        self._save_tally(tally)
        conn.execute(
            "INSERT INTO meta(key, value) VALUES ('last_rowid', ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (str(next_rowid - 1),),
        )

    def keep_sensitive(self, found: Mapping[str, SensitiveFields]) -> int:
        """Keep the labeller's field findings with flows stored without them (found again when
        they were first exported); returns how many flows were updated. Only the record's
        blob changes: labels, verdicts and the search index stay as they are."""

        def run() -> int:
            conn = self.conn
            updated = 0
            for flow_id, kept in found.items():
                row = conn.execute(
                    "SELECT r.flow_rowid, r.record FROM flows f JOIN records r "
                    "ON r.flow_rowid = f.rowid WHERE f.id = ?",
                    (flow_id,),
                ).fetchone()
                if row is None:
                    continue
                _record, spec = codec.decode_record(row[1])
                spec[codec.SENSITIVE_KEY] = kept.to_dict()
                conn.execute(
                    "UPDATE records SET record = ? WHERE flow_rowid = ?",
                    (codec.compress(codec.dump_json(spec)), int(row[0])),
                )
                updated += 1
            return updated

        with self._lock:
            return int(self._write(run))

    def update_enrichment(
        self,
        flow_id: str,
        labels: Sequence[Label],
        entity: Entity,
        policy: Sequence[PolicyFinding],
    ) -> bool:
        """Replace a stored flow's labels, entity and policy findings (keeps its rowid).

        Returns False when no flow has this id.
        """
        return self.update_enrichments([(flow_id, labels, entity, policy)]) == 1

    def update_enrichments(
        self,
        items: Sequence[tuple[str, Sequence[Label], Entity, Sequence[PolicyFinding]]],
        *,
        sensitive: Mapping[str, SensitiveFields | None] | None = None,
    ) -> int:
        """`update_enrichment` for many flows in one transaction; returns how many were found.
        The labeller's field findings kept with a flow (`FlowRecord.sensitive`) stay as
        stored, or become `sensitive[flow_id]` where given (the flow was labelled again)."""

        def run() -> int:
            conn = self.conn
            found = 0
            tally: dict[Any, list[int]] = {}
            for flow_id, labels, entity, policy in items:
                row = conn.execute(
                    "SELECT f.rowid, r.record FROM flows f JOIN records r "
                    "ON r.flow_rowid = f.rowid WHERE f.id = ?",
                    (flow_id,),
                ).fetchone()
                if row is None:
                    continue
                found += 1
                rowid, blob = int(row[0]), row[1]
                self._tally_stored([rowid], -1, tally)
                record, _spec = codec.decode_record(blob)
                record.labels = list(labels)
                record.entity = entity
                record.policy = list(policy)
                if sensitive is not None and flow_id in sensitive:
                    record.sensitive = sensitive[flow_id]
                mask = purpose_mask(record.policy)
                new_spec = to_spec_dict(record, redact_credentials=False)
                if record.sensitive is not None:
                    new_spec[codec.SENSITIVE_KEY] = record.sensitive.to_dict()
                new_blob = codec.compress(codec.dump_json(new_spec))
                conn.execute(
                    "UPDATE flows SET entity = ?, party = ?, verdict_rank = ?, purposes = ? "
                    "WHERE rowid = ?",
                    (
                        entity.name,
                        entity.party,
                        codec.verdict_rank(record.worst_verdict()),
                        mask,
                        rowid,
                    ),
                )
                if mask:
                    conn.execute("INSERT OR IGNORE INTO purpose_masks(mask) VALUES (?)", (mask,))
                conn.execute(
                    "UPDATE records SET record = ? WHERE flow_rowid = ?", (new_blob, rowid)
                )
                conn.execute("DELETE FROM flow_labels WHERE flow_rowid = ?", (rowid,))
                conn.executemany(
                    "INSERT OR IGNORE INTO flow_labels(category, flow_rowid) VALUES (?, ?)",
                    [(cat, rowid) for cat in {lab.category for lab in labels}],
                )
                conn.execute("DELETE FROM flows_fts WHERE rowid = ?", (rowid,))
                conn.execute(
                    "INSERT INTO flows_fts(rowid, text) VALUES (?, ?)",
                    (rowid, codec.search_text_for_row(conn, rowid, new_blob)),
                )
                self._tally_stored([rowid], 1, tally)
            self._save_tally(tally)
            return found

        with self._lock:
            found: int = self._write(run)
            return found

    # ----------------------------------------------------------------------------------------
    # Reading flows

    def max_rowid(self) -> int:
        row = self._read(lambda: self.conn.execute("SELECT max(rowid) FROM flows").fetchone())
        return int(row[0] or 0)

    @staticmethod
    def _summary(row: Sequence[Any]) -> FlowSummary:
        labels = row[16]
        rank = row[17]
        return FlowSummary(
            rowid=row[0],
            id=row[1],
            session=row[2],
            ts=clamp_ts(row[3]),
            kind=row[4],
            pid=row[5],
            process_name=row[6],
            app=row[7],
            host=row[8],
            method=row[9],
            path=row[10],
            status=row[11],
            req_size=row[12],
            resp_size=row[13],
            entity=row[14],
            party=row[15],
            labels=labels.split("\x1f") if labels else [],
            verdict=VERDICTS[rank] if rank is not None and 0 <= rank < len(VERDICTS) else None,
            sinkholed=bool(row[18]),
            purposes=mask_purposes(row[19]) if row[19] else [],
        )

    @staticmethod
    def _order(order_by: str, descending: bool) -> tuple[str, str]:
        try:
            expr = ORDER_COLUMNS[order_by]
        except KeyError:
            raise AuditorError(
                f"cannot sort flows by {order_by!r} (one of {', '.join(ORDER_COLUMNS)})"
            ) from None
        direction = "DESC" if descending else "ASC"
        if expr == "f.rowid":
            return expr, f" ORDER BY f.rowid {direction}"
        return expr, f" ORDER BY {expr} {direction}, f.rowid {direction}"

    def query_flows(
        self,
        q: FlowQuery,
        *,
        offset: int = 0,
        limit: int = 100,
        order_by: str = "ts",
        descending: bool = False,
        cursor: tuple[Any, int] | None = None,
    ) -> list[FlowSummary]:
        """One page of flows matching `q`, sorted by `order_by` (then rowid).

        For deep paging pass `cursor=(sort value, rowid)` of the last row of the previous page
        (keyset paging, constant time) instead of a growing `offset`.
        """
        expr, order = self._order(order_by, descending)

        def run() -> list[FlowSummary]:
            # Orders an index walks (no sort of every match): a common word is then checked
            # window by window (see _page_with_text).
            windowed = expr in ("f.ts", "f.rowid")
            where = WhereBuilder(self.conn, q, defer_common_text=windowed)
            if where.empty:
                return []
            conds = list(where.conds)
            params = list(where.params)
            if cursor is not None:
                value, rowid = cursor
                cond, cparams = _after_cursor(expr, value, rowid, descending)
                conds.append(cond)
                params.extend(cparams)
            if where.deferred_match is not None:
                where_sql = " WHERE " + " AND ".join(conds) if conds else ""
                rowids = self._page_with_text(
                    f"SELECT f.rowid{_FROM}{where_sql}{order}",
                    params,
                    where.deferred_match,
                    int(offset),
                    int(limit),
                )
                if rowids is not None:
                    return self._summaries(rowids)
                # The rows in this order are scattered over the store: test them against
                # the whole match set, as for other orders.
                conds.append("+f.rowid IN (SELECT rowid FROM flows_fts WHERE flows_fts MATCH ?)")
                params.append(where.deferred_match)
            where_sql = " WHERE " + " AND ".join(conds) if conds else ""
            sql = f"SELECT {_SUMMARY_COLUMNS}{_FROM}{where_sql}{order} LIMIT ? OFFSET ?"
            params.extend([int(limit), int(offset)])
            return [self._summary(r) for r in self.conn.execute(sql, params)]

        result: list[FlowSummary] = self._read(run)
        return result

    def _page_with_text(
        self, ordered_sql: str, params: Sequence[Any], match: str, offset: int, limit: int
    ) -> list[int] | None:
        """Rowids `offset` .. `offset + limit` of `ordered_sql` (rowids in page order) that also
        match the common free-text `match`.

        Walks the ordered rows in windows and asks FTS5 only about each window's rowid range,
        so a page stops early instead of first collecting every match of a common word (the
        cost grows with the store: ~200 ms at a million flows). Rows in sort order usually
        sit close in rowid (they were stored in time order). None when the first window
        spans too wide a range (the caller then uses the full match set); a later wide window
        fetches the full match set once.
        """
        if limit <= 0:
            return []
        conn = self.conn
        rows = conn.execute(ordered_sql, tuple(params))
        window = min(max(_TEXT_WINDOW, 4 * (offset + limit)), 4096)
        everything: set[int] | None = None
        page: list[int] = []
        skip = offset
        window_no = 0
        try:
            while len(page) < limit:
                chunk = [r[0] for r in rows.fetchmany(window)]
                if not chunk:
                    break
                low, high = min(chunk), max(chunk)
                if everything is not None:
                    hits = everything
                elif high - low <= _TEXT_SPREAD * len(chunk) + _TEXT_SLACK:
                    hits = {
                        r[0]
                        for r in conn.execute(
                            "SELECT rowid FROM flows_fts WHERE flows_fts MATCH ? "
                            "AND rowid BETWEEN ? AND ?",
                            (match, low, high),
                        )
                    }
                elif window_no == 0:
                    return None
                else:
                    everything = hits = {
                        r[0]
                        for r in conn.execute(
                            "SELECT rowid FROM flows_fts WHERE flows_fts MATCH ?", (match,)
                        )
                    }
                for rowid in chunk:
                    if rowid in hits:
                        if skip:
                            skip -= 1
                        else:
                            page.append(rowid)
                            if len(page) == limit:
                                break
                window = min(window * 2, 8192)
                window_no += 1
        finally:
            rows.close()
        return page

    def _summaries(self, rowids: Sequence[int]) -> list[FlowSummary]:
        """FlowSummary rows for `rowids`, in that order."""
        if not rowids:
            return []
        found: dict[int, FlowSummary] = {}
        for start in range(0, len(rowids), _PARAM_CHUNK):
            chunk = list(rowids[start : start + _PARAM_CHUNK])
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                f"SELECT {_SUMMARY_COLUMNS}{_FROM} WHERE f.rowid IN ({marks})", chunk
            ):
                found[row[0]] = self._summary(row)
        return [found[r] for r in rowids if r in found]

    def count_flows(self, q: FlowQuery) -> int:
        def run() -> int:
            if q.only_session():
                # Kept up to date by every write: instant at any size.
                if q.session is None:
                    row = self.conn.execute("SELECT sum(flow_count) FROM sessions").fetchone()
                else:
                    row = self.conn.execute(
                        "SELECT flow_count FROM sessions WHERE name = ?", (q.session,)
                    ).fetchone()
                return int(row[0] or 0) if row else 0
            where = WhereBuilder(self.conn, q)
            if where.empty:
                return 0
            row = self.conn.execute(
                f"SELECT count(*) FROM flows f{where.sql}", where.params
            ).fetchone()
            return int(row[0])

        result: int = self._read(run)
        return result

    def _records(self, rowids: Sequence[int], with_bodies: bool) -> list[FlowRecord]:
        """Full records for `rowids`, in that order (rowids without a record are skipped)."""
        blobs: dict[int, bytes] = {}
        bodies: dict[int, list[tuple[str, int, int, bytes]]] = {}
        for start in range(0, len(rowids), _PARAM_CHUNK):
            chunk = list(rowids[start : start + _PARAM_CHUNK])
            marks = ",".join("?" * len(chunk))
            blobs.update(
                self.conn.execute(
                    f"SELECT flow_rowid, record FROM records WHERE flow_rowid IN ({marks})", chunk
                ).fetchall()
            )
            if with_bodies:
                for frow, part, seq, cdc, data in self.conn.execute(
                    "SELECT flow_rowid, part, seq, codec, data FROM bodies "
                    f"WHERE flow_rowid IN ({marks})",
                    chunk,
                ):
                    bodies.setdefault(frow, []).append((part, seq, cdc, data))
        records: list[FlowRecord] = []
        for rowid in rowids:
            blob = blobs.get(rowid)
            if blob is None:
                continue
            record, _spec = codec.decode_record(blob)
            if with_bodies:
                codec.attach_bodies(record, bodies.get(rowid, []))
            records.append(record)
        return records

    def get_flow(self, flow_id: str) -> FlowRecord | None:
        """The whole stored flow, bodies included (credentials not redacted)."""

        def run() -> FlowRecord | None:
            row = self.conn.execute("SELECT rowid FROM flows WHERE id = ?", (flow_id,)).fetchone()
            if row is None:
                return None
            found = self._records([int(row[0])], True)
            return found[0] if found else None

        result: FlowRecord | None = self._read(run)
        return result

    def iter_flows(
        self, q: FlowQuery, *, with_bodies: bool = True, chunk: int = 500
    ) -> Iterator[FlowRecord]:
        """Every flow matching `q` as a full record, in (ts, rowid) order.

        Reads in keyset-paged chunks, so memory stays flat and no read transaction is held
        between chunks (writers and checkpoints carry on meanwhile).
        """
        last: tuple[float, int] | None = None
        while True:

            def run(last: tuple[float, int] | None = last) -> tuple[list[Any], list[FlowRecord]]:
                where = WhereBuilder(self.conn, q)
                if where.empty:
                    return [], []
                conds = list(where.conds)
                params = list(where.params)
                if last is not None:
                    cond, cparams = _after_cursor("f.ts", last[0], last[1], False)
                    conds.append(cond)
                    params.extend(cparams)
                sql = (
                    "SELECT f.rowid, f.ts FROM flows f"
                    + (" WHERE " + " AND ".join(conds) if conds else "")
                    + " ORDER BY f.ts, f.rowid LIMIT ?"
                )
                params.append(chunk)
                keys = self.conn.execute(sql, params).fetchall()
                return keys, self._records([k[0] for k in keys], with_bodies)

            keys, records = self._read(run)
            yield from records
            if len(keys) < chunk:
                return
            last = (keys[-1][1], keys[-1][0])

    # ----------------------------------------------------------------------------------------
    # Aggregates

    def counts_by(self, dimension: str, q: FlowQuery) -> list[tuple[str, int, int]]:
        """(key, flows, bytes) per value of `dimension`, most flows first.

        Dimensions: label, entity, party, app, process, host, verdict, kind (and session,
        method, status). Flows without a value are counted under the key "".
        Bytes are request + response payload bytes. A flow counts once under each of its labels.
        """
        try:
            column = DIMENSIONS[dimension]
        except KeyError:
            raise AuditorError(
                f"cannot count flows by {dimension!r} (one of {', '.join(DIMENSIONS)})"
            ) from None

        def run() -> list[tuple[str, int, int]]:
            if q.only_session() and dimension in COUNTED_DIMENSIONS_ALL:
                return self._counted(dimension, q.session)
            where = WhereBuilder(self.conn, q)
            if where.empty:
                return []
            joins = ""
            if dimension == "label":
                joins += " JOIN flow_labels l ON l.flow_rowid = f.rowid"
            if dimension == "host":
                joins += " LEFT JOIN hosts h ON h.id = f.host_id"
            if dimension == "session":
                joins += " JOIN sessions s ON s.id = f.session_id"
            sql = (
                f"SELECT {column}, count(*), coalesce(sum(f.req_size + f.resp_size), 0) "
                f"FROM flows f{joins}{where.sql} GROUP BY {column} ORDER BY 2 DESC, 1"
            )
            out: list[tuple[str, int, int]] = []
            for key, flows, nbytes in self.conn.execute(sql, where.params):
                if dimension == "verdict" and key is not None:
                    key = VERDICTS[key]
                out.append(("" if key is None else str(key), int(flows), int(nbytes)))
            return out

        result: list[tuple[str, int, int]] = self._read(run)
        return result

    def _counted(self, dimension: str, session: str | None) -> list[tuple[str, int, int]]:
        """counts_by from the running totals (instant at any size)."""
        sql = "SELECT c.key, sum(c.flows), sum(c.bytes) FROM flow_counts c"
        params: list[Any] = [dimension]
        if session is not None:
            sql += " JOIN sessions s ON s.id = c.session_id AND s.name = ?"
            params.insert(0, session)
        sql += " WHERE c.dimension = ? GROUP BY c.key HAVING sum(c.flows) > 0 ORDER BY 2 DESC, 1"
        return [(str(k), int(n), int(b)) for k, n, b in self.conn.execute(sql, params)]

    def time_buckets(self, q: FlowQuery, bucket_seconds: float) -> list[tuple[float, int, int]]:
        """(bucket start ts, flows, bytes) for each non-empty bucket, in time order."""
        if bucket_seconds <= 0:
            raise AuditorError("the time bucket must be longer than 0 seconds")

        def run() -> list[tuple[float, int, int]]:
            where = WhereBuilder(self.conn, q)
            if where.empty:
                return []
            size = float(bucket_seconds)
            sql = (
                "SELECT CAST(f.ts / ? AS INTEGER) AS b, count(*), "
                f"coalesce(sum(f.req_size + f.resp_size), 0) FROM flows f{where.sql} "
                "GROUP BY b ORDER BY b"
            )
            return [
                (clamp_ts(b * size), int(n), int(nbytes))
                for b, n, nbytes in self.conn.execute(sql, [size, *where.params])
            ]

        result: list[tuple[float, int, int]] = self._read(run)
        return result

    # ----------------------------------------------------------------------------------------
    # Markers

    def add_marker(self, session: str, ts: float, kind: str, note: str = "") -> Marker:
        """Record a meeting event (muted, camera_off, screen_share, ...) at `ts` in `session`."""
        if not _MARKER_KIND.match(kind):
            raise AuditorError(
                f"marker kind {kind!r} must be lower-case letters, digits and underscores"
            )
        self._check_session_name(session)
        if not ts_in_range(ts):
            raise AuditorError("a marker's time must lie between 1970 and 9999")
        note = sql_text(note) or ""

        def run() -> Marker:
            sid = self._session_id(session, create=True)
            cur = self.conn.execute(
                "INSERT INTO markers(session_id, ts, kind, note) VALUES (?, ?, ?, ?)",
                (sid, float(ts), kind, note),
            )
            return Marker(
                id=int(cur.lastrowid), session=session, ts=float(ts), kind=kind, note=note
            )

        with self._lock:
            marker: Marker = self._write(run)
            return marker

    def markers(self, session: str | None) -> list[Marker]:
        """The markers of `session` (all sessions when None), in time order."""

        def run() -> list[Marker]:
            sql = (
                "SELECT m.id, s.name, m.ts, m.kind, m.note FROM markers m "
                "JOIN sessions s ON s.id = m.session_id"
            )
            params: list[Any] = []
            if session is not None:
                sql += " WHERE s.name = ?"
                params.append(session)
            sql += " ORDER BY m.ts, m.id"
            return [
                Marker(mid, name, clamp_ts(ts), kind, note)
                for mid, name, ts, kind, note in self.conn.execute(sql, params)
            ]

        result: list[Marker] = self._read(run)
        return result

    def delete_marker(self, marker_id: int) -> bool:
        with self._lock:
            n: int = self._write(
                lambda: self.conn.execute("DELETE FROM markers WHERE id = ?", (marker_id,)).rowcount
            )
            return n > 0

    # ----------------------------------------------------------------------------------------
    # Maintenance

    def compact(self) -> None:
        """Return free pages to the file system (VACUUM) and refresh planner statistics."""
        if self.readonly:
            raise AuditorError(f"the store at {self.path} is open read-only")
        with self._lock:

            def run() -> None:
                conn = self.conn
                conn.execute("BEGIN IMMEDIATE")
                try:
                    conn.execute(
                        "DELETE FROM hosts WHERE id NOT IN "
                        "(SELECT host_id FROM flows WHERE host_id IS NOT NULL)"
                    )
                    conn.execute("INSERT INTO flows_fts(flows_fts) VALUES ('optimize')")
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
                self._host_ids.clear()
                conn.execute("VACUUM")
                conn.execute("ANALYZE")
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

            self._guard(run)

    def info(self) -> dict[str, Any]:
        """Facts for `auditor store info`: sizes, counts, schema, key source."""

        def run() -> dict[str, Any]:
            conn = self.conn
            files = {}
            for suffix in ("", "-wal", "-shm"):
                p = Path(str(self.path) + suffix)
                if p.exists():
                    files[p.name] = p.stat().st_size
            page_size = conn.execute("PRAGMA page_size").fetchone()[0]
            free = conn.execute("PRAGMA freelist_count").fetchone()[0]
            return {
                "path": str(self.path),
                "schema_version": schema_version(conn),
                "key_source": self.key_source,
                "cipher_version": conn.execute("PRAGMA cipher_version").fetchone()[0],
                "sessions": conn.execute("SELECT count(*) FROM sessions").fetchone()[0],
                "flows": int(
                    conn.execute("SELECT coalesce(sum(flow_count), 0) FROM sessions").fetchone()[0]
                ),
                "bodies": conn.execute("SELECT count(*) FROM bodies").fetchone()[0],
                "markers": conn.execute("SELECT count(*) FROM markers").fetchone()[0],
                "files": files,
                "free_bytes": int(free) * int(page_size),
                "body_cap": self.body_cap,
            }

        result: dict[str, Any] = self._read(run)
        return result

    def integrity_check(self) -> list[str]:
        """`PRAGMA integrity_check` lines; ["ok"] when the database is sound."""
        rows = self._read(lambda: self.conn.execute("PRAGMA integrity_check").fetchall())
        return [str(r[0]) for r in rows]

    def rotate_key(self, *, to: str | None = None, new_passphrase: str | None = None) -> str:
        """Re-encrypt the database with a new key; returns the key source now in use.

        `to` is "keyring" (a new random key in the OS keyring) or "passphrase" (derived from
        `new_passphrase`); by default the store's current method. Other open connections to
        this store must be closed first (they would keep the old key).
        """
        if self.readonly:
            raise AuditorError(f"the store at {self.path} is open read-only")
        from auditor.store.keys import read_header

        target = to or self.key_source
        with self._lock:
            header = read_header(self.data_dir)
            if header is None:
                raise AuditorError(f"the store header of {self.path} is missing")
            new_key = prepare_rotation(
                self.data_dir, header, to=target, new_passphrase=new_passphrase
            )

            def run() -> None:
                conn = self.conn
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                # SQLCipher re-encrypts in rollback-journal mode only.
                mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
                if str(mode).lower() != "delete":
                    raise AuditorError(
                        "the store is in use by another program: close it (capture, GUI) and "
                        "retry the key rotation"
                    )
                conn.execute(f"PRAGMA rekey = \"x'{new_key.key.hex()}'\"")
                conn.execute("PRAGMA journal_mode = WAL")

            self._guard(run)
            finish_rotation(self.data_dir, header, new_key.header)
            self.key_source = new_key.source
            return self.key_source
