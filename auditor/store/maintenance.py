"""Looking after the store file: compaction, facts and integrity for `auditor store`, and key
rotation (re-encrypting the database, finishing a rotation a crash interrupted)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from auditor.errors import AuditorError, StoreKeyError
from auditor.paths import DataDir
from auditor.store.database import Database, connect
from auditor.store.keys import StoreKey, finish_rotation, prepare_rotation, read_header
from auditor.store.migrations import schema_version


def settle_rotation(data_dir: DataDir, key: StoreKey) -> StoreKey:
    """A rotation was interrupted: keep whichever key opens the database, and record it."""
    assert key.pending is not None
    for candidate in (key, key.pending):
        try:
            connect(data_dir.store, candidate.key, readonly=False).close()
        except StoreKeyError:
            continue
        if candidate is key.pending:
            finish_rotation(data_dir, key.header, key.pending.header)
        else:
            finish_rotation(data_dir, key.pending.header, key.header)
        return StoreKey(candidate.key, candidate.source, candidate.header)
    raise StoreKeyError(f"wrong passphrase or key for store at {data_dir.store}")


class Maintenance:
    def __init__(
        self,
        db: Database,
        data_dir: DataDir,
        key_source: str,
        body_cap: Callable[[], int | None],
    ) -> None:
        self._db = db
        self._data_dir = data_dir
        self.key_source = key_source  # "keyring" or "passphrase"; changes with rotate_key
        self._body_cap = body_cap

    def compact(self) -> None:
        """Return free pages to the file system (VACUUM) and refresh planner statistics."""
        db = self._db
        db.check_writable()
        with db.lock:
            with db.writing() as conn:
                conn.execute(
                    "DELETE FROM hosts WHERE id NOT IN "
                    "(SELECT host_id FROM flows WHERE host_id IS NOT NULL)"
                )
                conn.execute("INSERT INTO flows_fts(flows_fts) VALUES ('optimize')")
            db.forget_ids()
            with db.guarded() as conn:
                conn.execute("VACUUM")
                conn.execute("ANALYZE")
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def info(self) -> dict[str, Any]:
        """Facts for `auditor store info`: sizes, counts, schema, key source."""
        path = self._db.path
        with self._db.guarded() as conn:
            files = {}
            for suffix in ("", "-wal", "-shm"):
                p = Path(str(path) + suffix)
                if p.exists():
                    files[p.name] = p.stat().st_size
            page_size = conn.execute("PRAGMA page_size").fetchone()[0]
            free = conn.execute("PRAGMA freelist_count").fetchone()[0]
            return {
                "path": str(path),
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
                "body_cap": self._body_cap(),
            }

    def integrity_check(self) -> list[str]:
        """`PRAGMA integrity_check` lines; ["ok"] when the database is sound."""
        with self._db.guarded() as conn:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        return [str(r[0]) for r in rows]

    def rotate_key(self, *, to: str | None = None, new_passphrase: str | None = None) -> str:
        """Re-encrypt the database with a new key; returns the key source now in use.

        `to` is "keyring" (a new random key in the OS keyring) or "passphrase" (derived from
        `new_passphrase`); by default the store's current method. Other open connections to
        this store must be closed first (they would keep the old key).
        """
        db = self._db
        db.check_writable()
        target = to or self.key_source
        with db.lock:
            header = read_header(self._data_dir)
            if header is None:
                raise AuditorError(f"the store header of {db.path} is missing")
            new_key = prepare_rotation(
                self._data_dir, header, to=target, new_passphrase=new_passphrase
            )
            with db.guarded() as conn:
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
            finish_rotation(self._data_dir, header, new_key.header)
            self.key_source = new_key.source
            return self.key_source
