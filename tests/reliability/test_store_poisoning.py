"""No accepted input may poison the store: an import that succeeds keeps `sessions`, `flows`, every
export and every report working; what is refused is refused in one line; the earlier session is
never touched. Imports are idempotent by content."""

from __future__ import annotations

import copy
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from auditor.paths import DataDir
from tests.helpers.capture import TEST_PASSPHRASE, environment
from tests.helpers.cli import child_env, main_in_process, run_auditor
from tests.helpers.hardata import har_document, har_entry, spec_record_dict, write_har
from tests.helpers.readers import assert_readers_work
from tests.helpers.store import all_flows, opened_store

SEED_FLOWS = 4
# The range a stored flow time must lie in: every time zone can show it as a date.
MIN_TS = 0.0
MAX_TS = 253402214400.0  # 9999-12-31T00:00:00Z


@pytest.fixture(scope="module")
def seed_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("seed") / "data"
    files = tmp_path_factory.mktemp("seed-files")
    with environment({"AUDITOR_DATA_DIR": str(root), "AUDITOR_PASSPHRASE": TEST_PASSPHRASE}):
        code, _, err = main_in_process(
            ["import", str(write_har(files / "seed.har", SEED_FLOWS)), "--session", "seed"]
        )
        assert code == 0, err
    return root


@pytest.fixture
def seeded(seed_template: Path, tmp_path: Path) -> Path:
    """A private copy of a data dir holding session 'seed' (the store is closed: files copy)."""
    root = tmp_path / "data"
    shutil.copytree(seed_template, root)
    return root


def _import(root: Path, *args: str) -> tuple[int, str, str]:
    with environment({"AUDITOR_DATA_DIR": str(root), "AUDITOR_PASSPHRASE": TEST_PASSPHRASE}):
        return main_in_process(["import", *args])


def _one_line(code: int, err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == 1, (code, err)
    assert len(lines) == 1 and lines[0].startswith("auditor: error:"), err
    return lines[0]


def _seed_snapshot(root: Path) -> list[tuple[Any, ...]]:
    return sorted(
        (r.id, r.ts, r.request.url if r.request else None, r.request.body if r.request else None)
        for r in all_flows(root, session="seed")
    )


def _har(path: Path, entries: list[dict[str, Any]]) -> Path:
    path.write_text(json.dumps(har_document(entries)), encoding="utf-8")
    return path


def _entry(**changes: Any) -> dict[str, Any]:
    entry = har_entry("https://poison.example.com/v1/e")
    entry.update(changes)
    return entry


def _mitm(path: Path, change: Callable[[Any], None]) -> Path:
    from mitmproxy import io as mitm_io
    from mitmproxy.test import tflow

    buf = io.BytesIO()
    writer = mitm_io.FlowWriter(buf)
    flow = tflow.tflow(resp=True)
    flow.request.url = "https://poison.example.com/v1/e"
    change(flow)
    writer.add(flow)
    path.write_bytes(buf.getvalue())
    return path


def _jsonl(path: Path, *records: dict[str, Any]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _record(**changes: Any) -> dict[str, Any]:
    record = spec_record_dict()
    record.update(changes)
    return record


def _header_entry(value: str) -> dict[str, Any]:
    entry = _entry()
    entry["request"]["headers"].append({"name": "X-Odd", "value": value})
    return entry


def _late_ts(flow: Any) -> None:
    flow.request.timestamp_start = 1e15


def _raw_header(flow: Any) -> None:
    flow.request.headers["X-Odd"] = "caf\udce9"  # what mitmproxy makes of a latin-1 byte


POISON: dict[str, Callable[[Path], Path]] = {
    "har-year-1": lambda d: _har(d / "y1.har", [_entry(startedDateTime="0001-01-01T00:00:00Z")]),
    "har-year-9999": lambda d: _har(
        d / "y9999.har", [_entry(startedDateTime="9999-12-31T23:59:59-23:59")]
    ),
    "har-time-1e15": lambda d: _har(d / "t.har", [_entry(time=1e15)]),
    "har-lone-surrogate-header": lambda d: _har(d / "s.har", [_header_entry("\ud800")]),
    "har-lone-surrogate-url": lambda d: _har(
        d / "u.har", [{**_entry(), "request": {**_entry()["request"], "url": "https://a.b/\udfff"}}]
    ),
    "har-extension-wrong-types": lambda d: _har(
        d / "ext.har",
        [
            _entry(
                _auditor={
                    "process": "zoom",
                    "request": 5,
                    "response": [1],
                    "websocket": [1, 2],
                    "ts": 1e15,
                    "ts_end": -1e15,
                    "client_addr": ["h", "x"],
                    "dns": {"question": "a.example", "answers": 5},
                }
            )
        ],
    ),
    "har-dns-answers-number": lambda d: _har(
        d / "dns.har",
        [_entry(_auditor={"kind": "dns", "dns": {"question": "a.example", "answers": 7}})],
    ),
    "har-ws-message-time": lambda d: _har(
        d / "ws.har",
        [_entry(_webSocketMessages=[{"type": "send", "time": 1e300, "opcode": 1, "data": "x"}])],
    ),
    "jsonl-ts-1e15": lambda d: _jsonl(d / "ts.jsonl", _record(id="j-late", ts=1e15)),
    "jsonl-ts-negative": lambda d: _jsonl(d / "neg.jsonl", _record(id="j-early", ts=-1e12)),
    "jsonl-ts-end-1e300": lambda d: _jsonl(d / "end.jsonl", _record(id="j-end", ts_end=1e300)),
    "jsonl-lone-surrogate": lambda d: _jsonl(
        d / "sur.jsonl", _record(id="j-sur", sni="\ud800", error="\udc00x")
    ),
    "jsonl-process-create-time": lambda d: _jsonl(
        d / "proc.jsonl", _record(id="j-proc", process={"pid": 1, "create_time": 1e300})
    ),
    "jsonl-session-control-chars": lambda d: _jsonl(
        d / "ctl.jsonl", _record(id="j-ctl", session="a\x00b\n\u202e")
    ),
    "mitm-ts-1e15": lambda d: _mitm(d / "late.mitm", _late_ts),
    "mitm-raw-header-byte": lambda d: _mitm(d / "raw.mitm", _raw_header),
}


@pytest.mark.parametrize("name", sorted(POISON))
def test_accepted_import_never_breaks_a_reader(seeded: Path, tmp_path: Path, name: str) -> None:
    before = _seed_snapshot(seeded)
    path = POISON[name](tmp_path)
    code, _out, err = _import(
        seeded, str(path), *(() if "session" in name else ("--session", "poison"))
    )
    assert code == 0 or _one_line(code, err), (code, err)
    if "session" in name:  # a session name from the file is made printable, not refused
        assert code == 0, err
    assert "Traceback" not in err
    assert_readers_work(seeded, tmp_path / "out")
    for record in all_flows(seeded):
        assert MIN_TS <= record.ts <= MAX_TS, record.ts
        assert record.ts_end is None or MIN_TS <= record.ts_end <= MAX_TS, record.ts_end
        json.dumps(record.request.headers if record.request else []).encode("utf-8")
    assert _seed_snapshot(seeded) == before


def test_time_out_of_range_is_refused_per_flow_and_counted(seeded: Path, tmp_path: Path) -> None:
    entries = [har_entry(f"https://ok.example.com/{i}") for i in range(3)]
    entries.insert(1, _entry(startedDateTime="0001-01-01T00:00:00Z"))
    code, out, err = _import(seeded, str(_har(tmp_path / "mixed.har", entries)), "--session", "m")
    assert code == 0, err
    assert "imported 3 flows" in out, out
    assert "1 skipped" in out and "time" in out, out
    assert len(all_flows(seeded, session="m")) == 3


def test_store_from_an_older_version_with_bad_values_stays_readable(
    seeded: Path, tmp_path: Path
) -> None:
    """Readers are total over what the store holds, whatever wrote it."""
    from auditor.store import codec

    with opened_store(seeded, readonly=False) as store:
        conn = store.conn
        rowid, blob = conn.execute("SELECT flow_rowid, record FROM records LIMIT 1").fetchone()
        spec = json.loads(codec.decompress(blob))
        spec["ts"] = 1e15
        spec["ts_end"] = -1e300
        spec["sni"] = "\ud800"
        spec["request"]["headers"].append(["X-Odd", "\udcff"])
        spec["process"] = {"pid": 3, "name": "\ud800", "create_time": 1e300}
        bad = codec.compress(json.dumps(spec).encode("ascii"))
        conn.execute("UPDATE records SET record = ? WHERE flow_rowid = ?", (bad, rowid))
        conn.execute("UPDATE flows SET ts = 1e15 WHERE rowid = ?", (rowid,))
        conn.execute("UPDATE sessions SET first_ts = -1e15, last_ts = 1e300, meta = '{bad'")
        conn.execute(
            "INSERT INTO markers(session_id, ts, kind, note) "
            "SELECT id, 1e15, 'muted', 'late' FROM sessions LIMIT 1"
        )
    assert_readers_work(seeded, tmp_path / "out")


@pytest.mark.parametrize("fmt", ["har", "mitm", "jsonl"])
def test_reimporting_the_same_file_adds_nothing(seeded: Path, tmp_path: Path, fmt: str) -> None:
    from tests.helpers.hardata import mitm_flow_bytes

    path = tmp_path / f"again.{fmt}"
    if fmt == "har":
        write_har(path, 5, host="again.example.com")
    elif fmt == "mitm":
        path.write_bytes(mitm_flow_bytes(5))
    else:
        _jsonl(path, *[_record(id=f"again-{i}", session="x") for i in range(5)])
    code, out, err = _import(seeded, str(path), "--session", "again")
    assert code == 0 and "imported 5 flows" in out, (out, err)
    first = sorted((r.id, r.ts) for r in all_flows(seeded, session="again"))
    code, out, err = _import(seeded, str(path), "--session", "again")
    assert code == 0, err
    assert "already imported" in out, out
    assert "imported 5 flows" not in out, out
    assert sorted((r.id, r.ts) for r in all_flows(seeded, session="again")) == first
    # Without --session the file lands in the same session again: still nothing added.
    code, out, err = _import(seeded, str(path))
    assert code == 0, err
    total = sum(1 for _ in all_flows(seeded))
    code, out, err = _import(seeded, str(path))
    assert code == 0 and "already imported" in out, out
    assert sum(1 for _ in all_flows(seeded)) == total


def test_record_id_colliding_in_its_session_is_reported_not_overwritten(
    seeded: Path, tmp_path: Path
) -> None:
    first = _record(id="same-id", session="j")
    first["request"]["url"] = "https://t.example.com/first"
    code, out, err = _import(seeded, str(_jsonl(tmp_path / "a.jsonl", first)))
    assert code == 0, err
    second = copy.deepcopy(first)
    second["request"]["url"] = "https://t.example.com/second"
    other = _record(id="other-id", session="j")
    code, out, err = _import(seeded, str(_jsonl(tmp_path / "b.jsonl", second, other)))
    assert code == 0, err
    assert "imported 1 flows" in out, out
    assert "1 skipped" in out and "already stored" in out, out
    stored = {r.id: r for r in all_flows(seeded, session="j")}
    assert set(stored) == {"same-id", "other-id"}
    assert stored["same-id"].request is not None
    assert stored["same-id"].request.url == "https://t.example.com/first"


def test_record_id_from_another_session_gets_a_new_id(seeded: Path, tmp_path: Path) -> None:
    seed_ids = {r.id for r in all_flows(seeded, session="seed")}
    taken = next(iter(seed_ids))
    record = _record(id=taken, session="elsewhere")
    code, out, err = _import(seeded, str(_jsonl(tmp_path / "c.jsonl", record)))
    assert code == 0 and "imported 1 flows" in out, (out, err)
    moved = all_flows(seeded, session="elsewhere")
    assert len(moved) == 1 and moved[0].id != taken
    assert {r.id for r in all_flows(seeded, session="seed")} == seed_ids


def test_size_cap_covers_flow_files(seeded: Path, tmp_path: Path) -> None:
    from tests.helpers.hardata import mitm_flow_bytes

    path = tmp_path / "big.mitm"
    path.write_bytes(mitm_flow_bytes(40))
    assert path.stat().st_size > 2048
    code, _, err = _import(seeded, str(path), "--max-size", str(2048 / 1048576))
    line = _one_line(code, err)
    assert "import limit" in line and "big.mitm" in line, line
    with environment({"AUDITOR_IMPORT_MAX_MIB": str(2048 / 1048576)}):
        code, _, err = _import(seeded, str(path))
    assert "import limit" in _one_line(code, err)


@pytest.mark.parametrize(
    "params",
    [
        {"time_cost": 3, "memory_cost": "x", "parallelism": 1},
        {"time_cost": 3, "memory_cost": 2**40, "parallelism": 1},
        {"time_cost": -1, "memory_cost": 65536, "parallelism": 1},
        [1, 2, 3],
        "argon",
    ],
)
def test_tampered_store_header_is_one_line(seeded: Path, tmp_path: Path, params: Any) -> None:
    header = DataDir(seeded).root / "store.header.json"
    data = json.loads(header.read_text())
    data["kdf_params"] = params
    header.write_text(json.dumps(data))
    with environment({"AUDITOR_DATA_DIR": str(seeded), "AUDITOR_PASSPHRASE": TEST_PASSPHRASE}):
        code, _, err = main_in_process(["sessions"])
    line = _one_line(code, err)
    assert "store.header.json" in line, line


def test_wrong_passphrase_is_one_line_without_sqlcipher_noise(seeded: Path) -> None:
    result = run_auditor(["sessions"], env=child_env(seeded, passphrase="not the passphrase"))
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode == 1, result.stderr
    assert len(lines) == 1 and "wrong passphrase" in lines[0], result.stderr


def test_damaged_store_is_one_line_without_sqlcipher_noise(seeded: Path) -> None:
    store = DataDir(seeded).store
    with environment({"AUDITOR_DATA_DIR": str(seeded), "AUDITOR_PASSPHRASE": TEST_PASSPHRASE}):
        code, _, err = main_in_process(["store", "info"])  # checkpoint the WAL into the file
    assert code == 0, err
    for suffix in ("-wal", "-shm"):
        Path(f"{store}{suffix}").unlink(missing_ok=True)
    data = bytearray(store.read_bytes())
    for offset in range(4096 + 100, len(data), 997):
        data[offset] ^= 0x5A
    store.write_bytes(bytes(data))
    result = run_auditor(
        ["flows", "--format", "jsonl"], env=child_env(seeded, passphrase=TEST_PASSPHRASE)
    )
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert "ERROR CORE" not in result.stderr, result.stderr[:2000]
    assert result.returncode == 1 and len(lines) == 1, result.stderr[:2000]


def test_gui_style_import_without_session_metadata_is_gone(seeded: Path) -> None:
    """Sessions made by `auditor import` say where they came from (file, format, digest)."""
    with opened_store(seeded) as store:
        meta = store.session("seed").meta
    assert meta.get("import_format") == "har"
    assert meta.get("imported_from") == "seed.har"
    imports = meta.get("imports")
    assert isinstance(imports, list) and len(imports) == 1
    assert len(imports[0]["sha256"]) == 64
