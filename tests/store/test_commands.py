"""`auditor sessions`, `flows`, `markers` and `store` through the real command line."""

from __future__ import annotations

import json
import time

import pytest

from auditor.cli import main
from auditor.paths import DataDir
from auditor.records import REDACTED, from_spec_dict
from auditor.store import FlowQuery, open_store
from auditor.store.migrations import LATEST_VERSION
from tests.store.conftest import make_flow

T0 = 1_700_000_000.0


def _run(data_dir: DataDir, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir.root), *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def filled(data_dir: DataDir, passphrase_env: str) -> list:
    flows = [
        make_flow("call-1", ts=T0, labels=("identifiers.email",), verdicts=("vague",)),
        make_flow("call-1", ts=T0 + 1, host="o1.ingest.sentry.io", entity="Sentry",
                  party="third", labels=("diagnostics.crash_report",)),
        make_flow("call-2", ts=T0 + 2, host="teams.microsoft.com", app="teams", process="teams"),
    ]  # fmt: skip
    with open_store(data_dir) as store:
        store.add_flows(flows)
    return flows


def test_sessions_table_and_json(
    data_dir: DataDir, filled: list, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(data_dir, capsys, "sessions")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["SESSION", "FLOWS", "BYTES", "FIRST", "LAST", "MARKERS", "APPS"]
    assert lines[1].split()[:2] == ["call-1", "2"] and lines[1].endswith("zoom")
    code, out, _ = _run(data_dir, capsys, "sessions", "--format", "json")
    data = json.loads(out)
    assert [(s["name"], s["flows"], s["apps"]) for s in data] == [
        ("call-1", 2, ["zoom"]),
        ("call-2", 1, ["teams"]),
    ]
    assert data[0]["first_ts"] == T0 and data[0]["last_ts"] == T0 + 1


def test_flows_jsonl_is_the_spec_record_redacted(
    data_dir: DataDir, filled: list, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(data_dir, capsys, "flows", "--session", "call-1", "--format", "jsonl")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in records] == [filled[0].id, filled[1].id]
    first = records[0]
    for key in ("id", "session", "ts", "kind", "process", "request", "response", "entity",
                "labels", "policy"):  # fmt: skip
        assert key in first
    assert dict(first["request"]["headers"])["authorization"] == REDACTED
    assert "Bearer abc" not in out
    assert first["policy"][0]["verdict"] == "vague"
    assert first["labels"][0]["category"] == "identifiers.email"
    # --no-redact and --include-bodies give back the whole record.
    code, out, _ = _run(
        data_dir, capsys, "flows", "--format", "jsonl", "--no-redact", "--include-bodies",
        "--host", "sentry",
    )  # fmt: skip
    (line,) = out.splitlines()
    assert from_spec_dict(json.loads(line)) == filled[1]


def test_flows_filters_limit_and_table(
    data_dir: DataDir, filled: list, capsys: pytest.CaptureFixture[str]
) -> None:
    def ids(*argv: str) -> list[str]:
        code, out, _ = _run(data_dir, capsys, "flows", "--format", "jsonl", *argv)
        assert code == 0
        return [json.loads(line)["id"] for line in out.splitlines()]

    a, b, c = (f.id for f in filled)
    assert ids() == [a, b, c]
    assert ids("--label", "identifiers") == [a]
    assert ids("--label", "identifiers", "--label", "diagnostics") == [a, b]
    assert ids("--app", "teams") == [c]
    assert ids("--host", "microsoft") == [c]
    assert ids("--party", "third") == [b]
    assert ids("--limit", "2") == [a, b]
    assert ids("--since", str(T0 + 1)) == [b, c]
    assert ids("--text", "sentry") == [b]
    code, out, _ = _run(data_dir, capsys, "flows", "--limit", "2")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 3 and lines[0].startswith("TIME")
    assert "api.zoom.us" in lines[1] and "identifiers.email" in lines[1]
    code, _, err = _run(data_dir, capsys, "flows", "--session", "nope")
    assert code == 1 and "no session named 'nope'" in err and "call-1" in err


def test_flows_entity_filter_takes_the_names_a_recipient_is_known_by(
    data_dir: DataDir, passphrase_env: str, capsys: pytest.CaptureFixture[str]
) -> None:
    flows = [
        make_flow("s", ts=T0, host="logs-01.loggly.com", entity="SolarWinds Loggly", party="third"),
        make_flow("s", ts=T0 + 1, host="events.split.io", entity="Harness Split", party="third"),
    ]
    with open_store(data_dir) as store:
        store.add_flows(flows)
    for name, flow in (("Loggly", flows[0]), ("solarwinds loggly", flows[0]), ("Split", flows[1])):
        code, out, _ = _run(data_dir, capsys, "flows", "--format", "jsonl", "--entity", name)
        assert code == 0 and [json.loads(x)["id"] for x in out.splitlines()] == [flow.id], name
    code, out, _ = _run(data_dir, capsys, "flows", "--format", "jsonl", "--entity", "Nobody")
    assert code == 0 and out == ""


def test_flows_table_pages_through_many_flows(
    data_dir: DataDir, passphrase_env: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_store(data_dir) as store:
        store.add_flows([make_flow("big", ts=T0 + i % 10) for i in range(2500)])
    code, out, _ = _run(data_dir, capsys, "flows")
    assert code == 0 and len(out.splitlines()) == 2501


def test_markers_commands(
    data_dir: DataDir, filled: list, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(
        data_dir, capsys, "markers", "add", "muted", "--session", "call-1", "--at", str(T0 + 5),
        "--note", "mic off",
    )  # fmt: skip
    assert code == 0 and "muted" in out
    _run(data_dir, capsys, "markers", "add", "camera_off", "--session", "call-1", "--at",
         "2023-11-14T22:13:21+00:00")  # fmt: skip
    code, out, _ = _run(data_dir, capsys, "markers", "list", "--format", "json")
    data = json.loads(out)
    assert [(m["kind"], m["ts"], m["note"]) for m in data] == [
        ("camera_off", T0 + 1, ""),
        ("muted", T0 + 5, "mic off"),
    ]
    code, out, _ = _run(data_dir, capsys, "markers", "list", "--session", "call-1")
    assert code == 0 and "camera_off" in out
    code, _, err = _run(data_dir, capsys, "markers", "add", "Not A Kind", "--session", "call-1")
    assert code == 1 and "marker kind" in err
    code, _, _ = _run(data_dir, capsys, "markers", "delete", str(data[0]["id"]))
    assert code == 0
    code, _, err = _run(data_dir, capsys, "markers", "delete", str(data[0]["id"]))
    assert code == 1 and "no marker" in err


def test_store_commands(
    data_dir: DataDir, filled: list, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(data_dir, capsys, "store", "info", "--format", "json", "--check")
    info = json.loads(out)
    assert code == 0 and info["flows"] == 3 and info["key_source"] == "passphrase"
    assert info["integrity_check"] == ["ok"] and info["schema_version"] == LATEST_VERSION == 7
    code, out, _ = _run(data_dir, capsys, "store", "body-cap", "1K")
    assert code == 0 and "1024 bytes" in out
    code, out, _ = _run(data_dir, capsys, "store", "body-cap")
    assert "1024 bytes" in out
    code, out, _ = _run(data_dir, capsys, "store", "delete-session", "call-1")
    assert code == 0 and "2 flows" in out
    code, _, err = _run(data_dir, capsys, "store", "delete-session", "call-1")
    assert code == 2 and "no session named" in err
    code, out, _ = _run(data_dir, capsys, "store", "compact")
    assert code == 0 and out.startswith("compacted")
    with open_store(data_dir, readonly=True) as store:
        assert [s.name for s in store.sessions()] == ["call-2"]
        assert store.count_flows(FlowQuery()) == 1
    code, out, _ = _run(data_dir, capsys, "store", "info")
    assert f"schema version: {LATEST_VERSION}" in out and "body cap: 1.0 KiB" in out


def test_marker_without_session_goes_to_the_latest_session(
    data_dir: DataDir, passphrase_env: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # A desktop shortcut bound to `auditor markers add muted` names no session.
    code, _, err = _run(data_dir, capsys, "markers", "add", "muted")
    assert code == 1 and "no session yet" in err
    with open_store(data_dir) as store:
        store.add_flows([make_flow("imported-last-week", ts=T0)])
        store.ensure_session("live-capture")
        store.add_flows([make_flow("live-capture", ts=time.time())])
    code, out, _ = _run(data_dir, capsys, "markers", "add", "muted")
    assert code == 0 and "in live-capture" in out
    with open_store(data_dir, readonly=True) as store:
        assert [m.kind for m in store.markers("live-capture")] == ["muted"]
        assert store.markers("imported-last-week") == []
