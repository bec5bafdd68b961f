"""The encrypted capture store: one SQLCipher database per data dir.

`Store` is the facade callers use; it composes small units sharing one `Database` (the
connection, its lock and its one transaction helper, see `database` for concurrency and crash
safety): `Settings` (body cap, known values), `Sessions` (sessions and markers), `Writer`
(flows in, running totals kept), `Reader` (pages, search, counts, records) and `Maintenance`
(compaction, integrity, key rotation). `keys` says where the key lives.

A `Store` may be shared between threads: every call takes the store's lock.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from types import TracebackType
from typing import Any

import sqlcipher3

from auditor.errors import AuditorError
from auditor.paths import DataDir, ensure_private_dir
from auditor.records import Entity, FlowRecord, Label, PolicyFinding, SensitiveFields
from auditor.store.database import Connection, Database, connect, one_line, owner_only
from auditor.store.dimensions import DIMENSIONS
from auditor.store.keys import StoreKey, obtain_key
from auditor.store.maintenance import Maintenance, settle_rotation
from auditor.store.migrations import LATEST_VERSION, MigrationProgress, migrate, schema_version
from auditor.store.query import FlowQuery, FlowSummary, Marker, SessionInfo
from auditor.store.reader import Reader
from auditor.store.sessions import Sessions
from auditor.store.settings import DEFAULT_BODY_CAP, Settings
from auditor.store.writer import ImportedFlows, Writer

__all__ = ["DEFAULT_BODY_CAP", "DIMENSIONS", "ImportedFlows", "Store", "open_store"]


def open_store(
    data_dir: DataDir,
    *,
    passphrase_file: str | os.PathLike[str] | None = None,
    readonly: bool = False,
    progress: MigrationProgress | None = None,
) -> Store:
    """Open (creating on first use) the encrypted store of `data_dir`.

    The key comes from the OS keyring or a passphrase (see `auditor.store.keys`). A reader
    (`readonly=True`) of a data dir without a store yet creates the empty store first, so lists
    show nothing rather than fail. `progress` hears how an upgrade of an existing store's schema
    comes on (`auditor.store.migrations.migrate`): seconds per 100,000 flows.
    """
    try:
        ensure_private_dir(data_dir.root)
    except OSError as err:
        raise AuditorError(f"cannot create the data dir {data_dir.root}: {one_line(err)}") from None
    key = obtain_key(data_dir, passphrase_file=passphrase_file)
    if key.pending is not None:
        key = settle_rotation(data_dir, key)
    path = data_dir.store
    if readonly:
        # Make or migrate the schema with a short-lived writer: readers cannot.
        needs_writer = not path.exists()
        if not needs_writer:
            probe = connect(path, key.key, readonly=True)
            try:
                needs_writer = schema_version(probe) < LATEST_VERSION
            finally:
                probe.close()
        # A plaintext known-values file left by an older version moves into the store now.
        needs_writer = needs_writer or data_dir.known_values.exists()
        if needs_writer:
            Store(data_dir, key, readonly=False, progress=progress).close()
    return Store(data_dir, key, readonly=readonly, progress=progress)


class Store:
    """The capture store of one data dir. Use `open_store` to get one."""

    def __init__(
        self,
        data_dir: DataDir,
        key: StoreKey,
        *,
        readonly: bool = False,
        progress: MigrationProgress | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.path = data_dir.store
        self.readonly = readonly
        self._key = key
        self._db = db = Database(self.path, key.key, readonly=readonly)
        try:
            with db.guarded() as conn:
                if readonly:
                    version = schema_version(conn)
                    if version > LATEST_VERSION:
                        raise AuditorError(
                            f"the store at {self.path} has schema version {version}, newer than "
                            f"this program knows ({LATEST_VERSION}); upgrade "
                            "meeting-privacy-auditor"
                        )
                else:
                    migrate(conn, where=f"the store at {self.path}", progress=progress)
            if not readonly:
                owner_only(self.path)
            self._settings = Settings(db)
            if not readonly:
                self._settings.import_known_values_file(data_dir.known_values)
        except BaseException:
            db.close()
            raise
        self._sessions = Sessions(db)
        self._writer = Writer(db, lambda: self._settings.body_cap)
        self._reader = Reader(db)
        self._maintenance = Maintenance(db, data_dir, key.source, lambda: self._settings.body_cap)

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

    def close(self) -> None:
        self._db.close()

    def interrupt(self) -> None:
        """Aborts the statement running on this store's connection, from any thread (a reader
        whose query became stale, e.g. a count for a filter the user has already changed). The
        interrupted call raises; a no-op when nothing runs."""
        self._db.interrupt()

    @property
    def conn(self) -> Connection:
        return self._db.conn

    @property
    def key_source(self) -> str:
        return self._maintenance.key_source

    # ----------------------------------------------------------------------------------------
    # Settings

    @property
    def body_cap(self) -> int | None:
        """Bodies larger than this many bytes are not stored (their size is). None: no cap."""
        return self._settings.body_cap

    def set_body_cap(self, cap: int | None) -> None:
        self._settings.set_body_cap(cap)

    def known_values(self) -> dict[str, list[str]]:
        return self._settings.known_values()

    def set_known_values(self, values: dict[str, list[str]]) -> None:
        self._settings.set_known_values(values)

    def add_known_value(self, kind: str, value: str) -> bool:
        return self._settings.add_known_value(kind, value)

    def remove_known_value(self, kind: str, value: str) -> bool:
        return self._settings.remove_known_value(kind, value)

    # ----------------------------------------------------------------------------------------
    # Sessions and markers

    def ensure_session(self, name: str, **meta: Any) -> str:
        return self._sessions.ensure_session(name, **meta)

    def sessions(self) -> list[SessionInfo]:
        return self._sessions.sessions()

    def session(self, name: str) -> SessionInfo | None:
        return self._sessions.session(name)

    def delete_session(self, name: str) -> int:
        return self._sessions.delete_session(name)

    def add_marker(self, session: str, ts: float, kind: str, note: str = "") -> Marker:
        return self._sessions.add_marker(session, ts, kind, note)

    def markers(self, session: str | None) -> list[Marker]:
        return self._sessions.markers(session)

    def delete_marker(self, marker_id: int) -> bool:
        return self._sessions.delete_marker(marker_id)

    # ----------------------------------------------------------------------------------------
    # Writing flows

    def add_flows(self, records: Sequence[FlowRecord]) -> None:
        self._writer.add_flows(records)

    def import_flows(
        self, records: Sequence[FlowRecord], *, digest: str, source: dict[str, Any]
    ) -> ImportedFlows:
        return self._writer.import_flows(records, digest=digest, source=source)

    def update_enrichments(
        self,
        items: Sequence[tuple[str, Sequence[Label], Entity, Sequence[PolicyFinding]]],
        *,
        sensitive: Mapping[str, SensitiveFields | None] | None = None,
    ) -> int:
        return self._writer.update_enrichments(items, sensitive=sensitive)

    def keep_sensitive(self, found: Mapping[str, SensitiveFields]) -> int:
        return self._writer.keep_sensitive(found)

    def keep_found_again(self, found: Mapping[str, SensitiveFields]) -> int:
        """`keep_sensitive`, on a read-only store too (the GUI's) through a short-lived writer,
        as opening migrates. Best effort: a store that cannot be written now (read-only files,
        locked too long) keeps 0 and its flows are searched again next time."""
        if not found:
            return 0
        # In transactions of a few thousand flows: a capture writing meanwhile waits briefly.
        items = list(found.items())
        batches = [dict(items[i : i + 2000]) for i in range(0, len(items), 2000)]
        try:
            if not self.readonly:
                return sum(self.keep_sensitive(batch) for batch in batches)
            with Store(self.data_dir, self._key) as writer:
                return sum(writer.keep_sensitive(batch) for batch in batches)
        except (AuditorError, OSError, sqlcipher3.Error):
            return 0

    # ----------------------------------------------------------------------------------------
    # Reading flows

    def max_rowid(self) -> int:
        return self._reader.max_rowid()

    def stored_credentials(
        self, session: str | None, after_rowid: int = 0
    ) -> tuple[set[str], list[str]]:
        return self._reader.stored_credentials(session, after_rowid)

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
        return self._reader.query_flows(
            q, offset=offset, limit=limit, order_by=order_by, descending=descending, cursor=cursor
        )

    def count_flows(self, q: FlowQuery) -> int:
        return self._reader.count_flows(q)

    def get_flow(self, flow_id: str) -> FlowRecord | None:
        return self._reader.get_flow(flow_id)

    def iter_flows(
        self, q: FlowQuery, *, with_bodies: bool = True, chunk: int = 500
    ) -> Iterator[FlowRecord]:
        return self._reader.iter_flows(q, with_bodies=with_bodies, chunk=chunk)

    def iter_kept_findings(
        self, q: FlowQuery, *, chunk: int = 2000
    ) -> Iterator[tuple[str, SensitiveFields | None, bool]]:
        return self._reader.iter_kept_findings(q, chunk=chunk)

    def counts_by(self, dimension: str, q: FlowQuery) -> list[tuple[str, int, int]]:
        return self._reader.counts_by(dimension, q)

    def time_buckets(self, q: FlowQuery, bucket_seconds: float) -> list[tuple[float, int, int]]:
        return self._reader.time_buckets(q, bucket_seconds)

    # ----------------------------------------------------------------------------------------
    # Maintenance

    def compact(self) -> None:
        self._maintenance.compact()

    def info(self) -> dict[str, Any]:
        return self._maintenance.info()

    def integrity_check(self) -> list[str]:
        return self._maintenance.integrity_check()

    def rotate_key(self, *, to: str | None = None, new_passphrase: str | None = None) -> str:
        return self._maintenance.rotate_key(to=to, new_passphrase=new_passphrase)
