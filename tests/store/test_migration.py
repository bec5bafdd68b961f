"""A store of the first schema version, with data, opens and migrates to the current one."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import sqlcipher3

from auditor.commands._common import MigrationMeter
from auditor.errors import AuditorError
from auditor.paths import DataDir
from auditor.store import FlowQuery, codec, open_store
from auditor.store.keys import obtain_key
from auditor.store.migrations import LATEST_VERSION, V1_DDL, MigrationStep
from tests.helpers.cli import child_env, run_auditor
from tests.store.conftest import make_flow


def _raw_connection(data_dir: DataDir) -> sqlcipher3.Connection:
    key = obtain_key(data_dir).key
    conn = sqlcipher3.connect(str(data_dir.store), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return conn


def _write_v1_store(data_dir: DataDir) -> list:
    """What the version-1 code wrote: tables of V1_DDL, rows laid out as it laid them out."""
    flows = [
        make_flow("old", ts=1.7e9, labels=("identifiers.email",), verdicts=("vague",)),
        make_flow(
            "old", ts=1.7e9 + 1, host="api.mixpanel.com", app="teams", req_body=b"legacy words"
        ),
    ]
    flows[0].policy[0].permits = ["ai_training"]
    conn = _raw_connection(data_dir)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("BEGIN")
    for statement in V1_DDL.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO sessions(id, name, created, flow_count, bytes, first_ts, last_ts) "
                 "VALUES (1, 'old', 1.7e9, 2, 0, 1.7e9, 1.7e9 + 1)")  # fmt: skip
    for rowid, flow in enumerate(flows, start=1):
        enc = codec.encode(flow, None)
        conn.execute("INSERT OR IGNORE INTO hosts(name) VALUES (?)", (flow.host,))
        host_id = conn.execute("SELECT id FROM hosts WHERE name = ?", (flow.host,)).fetchone()[0]
        conn.execute(
            "INSERT INTO flows(rowid, id, session_id, ts, kind, pid, process_name, app, host_id, "
            "method, path, status, req_size, resp_size, entity, party, verdict_rank, sinkholed) "
            "VALUES (?,?,1,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0)",
            (rowid, flow.id, flow.ts, flow.kind, flow.process.pid, flow.process.name,
             flow.process.app, host_id, flow.request.method, flow.request.path,
             flow.response.status, enc.req_size, enc.resp_size, flow.entity.name,
             flow.entity.party, enc.verdict_rank),
        )  # fmt: skip
        conn.execute(
            "INSERT INTO records(flow_rowid, record) VALUES (?, ?)", (rowid, enc.record_blob)
        )
        for part, seq, cdc, data in enc.bodies:
            conn.execute(
                "INSERT INTO bodies(flow_rowid, part, seq, codec, data) VALUES (?,?,?,?,?)",
                (rowid, part, seq, cdc, data),
            )
        for label in flow.labels:
            conn.execute("INSERT INTO flow_labels VALUES (?, ?)", (label.category, rowid))
    conn.execute("INSERT INTO markers(session_id, ts, kind) VALUES (1, 1.7e9, 'muted')")
    conn.execute("COMMIT")
    conn.close()
    return flows


def test_v1_store_with_data_migrates_to_latest(data_dir: DataDir, passphrase_env: str) -> None:
    flows = _write_v1_store(data_dir)
    with open_store(data_dir, readonly=True) as store:  # a reader triggers the migration too
        assert store.info()["schema_version"] == LATEST_VERSION == 7
        assert [f.id for f in store.iter_flows(FlowQuery(session="old"))] == [f.id for f in flows]
        assert store.get_flow(flows[1].id) == flows[1]
        # Version 2's search index was filled from the version-1 records and bodies.
        assert [r.id for r in store.query_flows(FlowQuery(text="legacy"))] == [flows[1].id]
        assert [r.id for r in store.query_flows(FlowQuery(text="mixpanel"))] == [flows[1].id]
        # ... and its per-session app list from the flows.
        (info,) = store.sessions()
        assert info.apps == ["teams", "zoom"] and info.markers == 1
        # ... and version 3's running totals (instant counts) agree with a scan of the flows.
        for dim in ("label", "entity", "app", "host", "verdict", "kind", "party", "process"):
            cached = store.counts_by(dim, FlowQuery(session="old"))
            scanned = store.counts_by(dim, FlowQuery(session="old", since=0))
            assert cached == scanned, dim
        # ... and version 5's purposes (the `~u` filter) from the stored findings.
        assert [r.id for r in store.query_flows(FlowQuery(purposes=["ai_training"]))] == [
            flows[0].id
        ]
        assert store.query_flows(FlowQuery(purposes=["marketing"])) == []
        assert store.integrity_check() == ["ok"]
    with open_store(data_dir) as store:
        store.add_flows([make_flow("old", ts=1.7e9 + 2)])
        assert store.count_flows(FlowQuery(session="old")) == 3


def test_store_from_a_newer_program_is_refused(data_dir: DataDir, passphrase_env: str) -> None:
    open_store(data_dir).close()
    conn = _raw_connection(data_dir)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.close()
    for readonly in (False, True):
        with pytest.raises(AuditorError, match="newer than this program knows"):
            open_store(data_dir, readonly=readonly)


def test_an_upgrade_reports_each_schema_step_and_a_new_store_none(
    data_dir: DataDir, passphrase_env: str, tmp_path: Path
) -> None:
    _write_v1_store(data_dir)
    steps: list[MigrationStep] = []
    open_store(data_dir, readonly=True, progress=steps.append).close()
    assert [s.version for s in steps if s.done == 0.0] == [2, 3, 4, 5, 6, 7]
    assert [s.version for s in steps if s.done == 1.0][-1] == 7
    for version in range(2, 8):
        done = [s.done for s in steps if s.version == version]
        assert done[0] == 0.0 and done[-1] == 1.0 and done == sorted(done), version
    assert {s.purpose for s in steps if s.version == 6} == {"credential index"}
    assert {s.purpose for s in steps if s.version == 7} == {"redaction findings"}
    # Opened again, nothing to upgrade: nothing said.
    steps.clear()
    open_store(data_dir, progress=steps.append).close()
    assert steps == []
    # A new store's tables are made, not an upgrade: nothing said either.
    open_store(DataDir(tmp_path / "new"), progress=steps.append).close()
    assert steps == []


def test_a_command_says_it_upgrades_an_old_store_once(
    data_dir: DataDir, passphrase_env: str
) -> None:
    _write_v1_store(data_dir)
    env = child_env(data_dir.root, passphrase=passphrase_env)
    first = run_auditor(["sessions"], env=env, timeout=120)
    assert first.returncode == 0, first.stderr
    said = [line for line in first.stderr.splitlines() if line.startswith("upgrading the store")]
    assert said == [
        "upgrading the store: schema 2 (search index)",
        "upgrading the store: schema 3 (summary counts)",
        "upgrading the store: schema 4 (search terms)",
        "upgrading the store: schema 5 (purpose filter)",
        "upgrading the store: schema 6 (credential index)",
        "upgrading the store: schema 7 (redaction findings)",
    ]
    assert "old" in first.stdout  # the output is the command's own
    again = run_auditor(["sessions"], env=env, timeout=120)
    assert again.returncode == 0 and "upgrading" not in again.stderr


def test_the_meter_redraws_one_line_on_a_terminal() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    meter = MigrationMeter(stream)
    for done in (0.0, 0.5, 1.0):
        meter(MigrationStep(6, "credential index", done))
    meter.close()
    text = stream.getvalue()
    assert text.count("\n") == 1 and text.endswith("\n")
    assert "\rupgrading the store: schema 6 (credential index) 0%" in text
    assert "\rupgrading the store: schema 6 (credential index) 100%" in text
