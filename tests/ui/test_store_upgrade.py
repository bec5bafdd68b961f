"""The window's connections while a store an older version made is upgraded: the upgrade is
shown, and the other connections wait it out instead of queueing for its write lock."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

import ui.stores
from auditor.paths import DataDir
from auditor.store import database, migrations
from tests.store.test_migration import _write_v1_store
from ui.stores import StoreConnections


def test_an_upgrade_is_shown_and_the_writer_waits_it_out(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "data"
    root.mkdir(mode=0o700)
    _write_v1_store(DataDir(root))  # derives (and caches) the store key too
    # A large store's upgrade in the time a test has: the last step takes two seconds, the wait
    # for the table's connection and the write lock's busy timeout a fraction of that.
    backfill = migrations.MIGRATIONS[7]

    def slow_backfill(conn: Any, progress: migrations.Fraction) -> None:
        backfill(conn, progress)
        for quarter in range(1, 4):
            time.sleep(0.5)
            progress(quarter / 4)

    monkeypatch.setitem(migrations.MIGRATIONS, 7, slow_backfill)
    monkeypatch.setattr(ui.stores, "TABLE_WAIT_S", 0.3)
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 100)
    stores = StoreConnections(root, None, None)
    shown: list[str] = []
    stores.migrating.connect(shown.append)
    versions: list[int] = []
    errors: list[str] = []
    stores.error.connect(errors.append)
    try:
        # the writer's connection opens after the table's; a job on it runs once it has
        stores.aux.submit(
            lambda store: store.info()["schema_version"], versions.append, errors.append
        )
        qtbot.waitUntil(lambda: bool(versions or errors), timeout=20000)
        assert errors == [] and versions == [7]
        assert "Upgrading the store an older version made: schema 7 (redaction findings), 50%" in (
            shown
        )
        qtbot.waitUntil(lambda: shown[-1:] == [""], timeout=5000)
        assert stores.migration == ""
    finally:
        stores.shutdown()
