"""Crash safety (kill -9 mid-ingest) and a full disk."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor.errors import AuditorError
from auditor.paths import DataDir
from auditor.store import FlowQuery, open_store
from tests.store.conftest import PASSPHRASE, make_flow

ROOT = Path(__file__).resolve().parents[2]
BATCH = 200

INGEST = textwrap.dedent(
    f"""
    import sys
    from pathlib import Path
    from auditor.paths import DataDir
    from auditor.store import open_store
    from tests.store.conftest import make_flow

    store = open_store(DataDir(Path(sys.argv[1])))
    committed = 0
    while True:
        batch = [
            make_flow("busy", ts=1.7e9 + committed + i, labels=("identifiers.email",),
                      req_body=b"x" * (i * 37 % 3000))
            for i in range({BATCH})
        ]
        store.add_flows(batch)
        committed += len(batch)
        print(committed, flush=True)
    """
)


def test_kill_9_during_busy_ingest_loses_only_uncommitted_batches(
    data_dir: DataDir, passphrase_env: str
) -> None:
    open_store(data_dir).close()  # key derivation and schema out of the timed part
    env = dict(os.environ, AUDITOR_PASSPHRASE=PASSPHRASE, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(
        [sys.executable, "-c", INGEST, str(data_dir.root)],
        stdout=subprocess.PIPE,
        env=env,
        cwd=ROOT,
        text=True,
    )
    reported = 0
    try:
        assert proc.stdout is not None
        deadline = time.monotonic() + 60
        while reported < 10 * BATCH and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            reported = int(line)
        assert reported >= 10 * BATCH, "the ingest loop did not get going"
        # Mid-transaction: the writer spends most of its time inside add_flows.
        time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(10)
    assert proc.returncode == -signal.SIGKILL
    with open_store(data_dir) as store:  # recovers the WAL
        assert store.integrity_check() == ["ok"]
        count = store.count_flows(FlowQuery())
        assert count >= reported
        assert count % BATCH == 0  # whole batches or nothing
        # The cached session count matches the rows.
        assert count == store.count_flows(FlowQuery(labels=["identifiers"]))
        assert store.sessions()[0].flow_count == count
        # And the store takes new writes.
        store.add_flows([make_flow("after")])
        assert store.count_flows(FlowQuery(session="after")) == 1
    conn_check = open_store(data_dir, readonly=True)
    try:
        assert conn_check.conn.execute("PRAGMA cipher_integrity_check").fetchall() == []
    finally:
        conn_check.close()


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[tuple[Path, bool]]:
    """A 3 MiB tmpfs when we may mount one (root); else a plain folder (the test then caps
    the database's page count, which fails writes the same way: SQLITE_FULL)."""
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    mounted = (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=3m,mode=0700", "tmpfs", str(mount_point)],
            capture_output=True,
        ).returncode
        == 0
    )
    try:
        yield mount_point, mounted
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(mount_point)], check=False)


def test_disk_full_is_a_clear_error_and_the_store_stays_readable(
    tiny_disk: tuple[Path, bool], passphrase_env: str
) -> None:
    root, mounted = tiny_disk
    data_dir = DataDir(root / "data")
    data_dir.root.mkdir()
    store = open_store(data_dir)
    kept = [make_flow("full", ts=1.7e9 + i) for i in range(20)]
    store.add_flows(kept)
    if not mounted:
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages + 200}")
    with pytest.raises(AuditorError) as err:
        for i in range(200):
            store.add_flows(
                [make_flow("full", ts=1.8e9 + i * 10 + j, req_body=os.urandom(60_000))
                 for j in range(5)]
            )  # fmt: skip
    message = str(err.value)
    assert message.startswith("disk full") and "\n" not in message
    assert "database or disk is full" not in message
    # Everything committed before is intact and readable, by this store and a new reader.
    count = store.count_flows(FlowQuery(session="full"))
    assert count >= 20 and count % 5 == 0
    assert store.get_flow(kept[0].id) == kept[0]
    with open_store(data_dir, readonly=True) as reader:
        assert reader.count_flows(FlowQuery(session="full")) == count
        assert reader.integrity_check() == ["ok"]
    store.close()
