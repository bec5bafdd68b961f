"""Reading a data dir's encrypted store from a test, with the same key the capture used."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from auditor.paths import DataDir
from auditor.records import FlowRecord
from tests.helpers.capture import TEST_PASSPHRASE, environment


@contextmanager
def opened_store(
    root: Path, *, passphrase: str | None = TEST_PASSPHRASE, readonly: bool = True
) -> Iterator[Any]:
    from auditor.store import open_store

    with environment({"AUDITOR_PASSPHRASE": passphrase}):
        store = open_store(DataDir(root), readonly=readonly)
    try:
        yield store
    finally:
        store.close()


def count_flows(
    root: Path, *, session: str | None = None, passphrase: str | None = TEST_PASSPHRASE
) -> int:
    from auditor.store import FlowQuery

    with opened_store(root, passphrase=passphrase) as store:
        return int(store.count_flows(FlowQuery(session=session)))


def all_flows(
    root: Path, *, session: str | None = None, passphrase: str | None = TEST_PASSPHRASE
) -> list[FlowRecord]:
    from auditor.store import FlowQuery

    with opened_store(root, passphrase=passphrase) as store:
        return list(store.iter_flows(FlowQuery(session=session)))


def store_key_hex(root: Path, *, passphrase: str | None = TEST_PASSPHRASE) -> str:
    """The raw SQLCipher key of the store (from the keyring or derived from the passphrase)."""
    from auditor.store.keys import obtain_key

    with environment({"AUDITOR_PASSPHRASE": passphrase}):
        return obtain_key(DataDir(root), create=False).key.hex()


def integrity_check(root: Path, *, passphrase: str | None = TEST_PASSPHRASE) -> list[str]:
    """SQLite's `PRAGMA integrity_check` and SQLCipher's `cipher_integrity_check` on the store file,
    opened with the store's key (read-write: a WAL left by a crash is recovered first); `["ok"]` when the database is sound."""
    import sqlcipher3

    key = store_key_hex(root, passphrase=passphrase)
    path = DataDir(root).store
    conn = sqlcipher3.connect(str(path))
    try:
        conn.execute(f"PRAGMA key = \"x'{key}'\"")
        problems = [str(row[0]) for row in conn.execute("PRAGMA cipher_integrity_check")]
        result = [str(row[0]) for row in conn.execute("PRAGMA integrity_check")]
        return problems + result
    finally:
        conn.close()
