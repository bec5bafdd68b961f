"""`auditor import|export|diff` behaviour around the edges: bad input leaves the store as it was,
progress goes to stderr only when asked (or on a TTY), Parquet needs its extra, TLS key logs."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from auditor.diff import diff_sessions, normalise_path, render_text
from auditor.export.tlskeys import capture_environment, enable_keylog, keylog_path
from auditor.paths import DataDir
from auditor.records import Entity, Label
from auditor.store import FlowQuery
from tests.export.samples import data_dir_args, make_records, opened, run_command
from tests.export.test_importers import chrome_har


def _count(data_dir: DataDir) -> int:
    with opened(data_dir) as store:
        return int(store.count_flows(FlowQuery()))  # type: ignore[attr-defined]


def test_bad_file_exits_1_with_one_line_and_stores_nothing(
    filled_store: DataDir, tmp_path: Path
) -> None:
    good = tmp_path / "good.har"
    good.write_text(json.dumps(chrome_har()))
    text = json.dumps(chrome_har())
    bad = tmp_path / "bad.har"
    bad.write_text(text[: len(text) - 200])
    before = _count(filled_store)
    result = run_command([*data_dir_args(filled_store), "import", str(good), str(bad)])
    assert result.code == 1
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("auditor: error: ")
    assert "truncated HAR" in lines[0] and "1 earlier file(s) were imported" in lines[0]
    assert "Traceback" not in result.err
    # The good file went in, nothing of the bad one did, and nothing stored before was lost.
    assert _count(filled_store) == before + 3
    with opened(filled_store) as store:
        assert store.count_flows(FlowQuery(session="good")) == 3  # type: ignore[attr-defined]
        assert store.count_flows(FlowQuery(session="s1")) == 6  # type: ignore[attr-defined]
    for data in (b"\xff\xfe{not utf8", b"9999999999:xx", b""):
        path = tmp_path / "x.mitm"
        path.write_bytes(data)
        result = run_command([*data_dir_args(filled_store), "import", str(path)])
        assert result.code == 1 and len(result.err.strip().splitlines()) == 1, result.err
    missing = run_command([*data_dir_args(filled_store), "import", str(tmp_path / "nope.har")])
    assert missing.code == 1 and "no such file" in missing.err
    assert _count(filled_store) == before + 3


def test_import_app_option_sets_party(passphrase_env: DataDir, tmp_path: Path) -> None:
    path = tmp_path / "web.har"
    har = chrome_har()
    path.write_text(json.dumps(har))
    result = run_command(
        [*data_dir_args(passphrase_env), "import", str(path), "--app", "zoom", "--session", "web"]
    )
    assert result.code == 0, result.err
    with opened(passphrase_env) as store:
        records = list(store.iter_flows(FlowQuery(session="web")))  # type: ignore[attr-defined]
    assert {r.process.app for r in records} == {"zoom"}
    by_host = {r.host: r.entity for r in records}
    assert by_host["rwcff.zoom.us"].party == "first"
    assert by_host["api.segment.io"].party == "third"


def test_progress_only_when_asked(filled_store: DataDir, tmp_path: Path) -> None:
    out = tmp_path / "p.jsonl"
    quiet = run_command([*data_dir_args(filled_store), "export", "jsonl", "-o", str(out)])
    assert quiet.code == 0 and quiet.err == ""  # stderr is not a TTY here
    loud = run_command(
        [*data_dir_args(filled_store), "export", "jsonl", "-o", str(out), "--progress"]
    )
    assert loud.code == 0 and "exporting 6/6 flows (100%)" in loud.err


def test_parquet_export_and_missing_extra(
    filled_store: DataDir, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "flows.parquet"
    assert (
        run_command([*data_dir_args(filled_store), "export", "parquet", "-o", str(out)]).code == 0
    )
    table = pq.read_table(out)
    assert table.num_rows == 6
    assert table.schema.metadata[b"meeting-privacy-auditor.redacted"] == b"true"
    rows = {r["id"]: r for r in table.to_pylist()}
    assert "identifiers.device_id" in rows["a" * 32]["labels"]
    assert (
        rows["e" * 32]["kind"] == "tls_failed"
        and rows["e" * 32]["host"] == "pinned.teams.microsoft.com"
    )
    # Without pyarrow: a clear one-line error, before any work.
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    result = run_command(
        [*data_dir_args(filled_store), "export", "parquet", "-o", str(tmp_path / "x.parquet")]
    )
    assert result.code == 1 and "research" in result.err and "pyarrow" in result.err
    assert not (tmp_path / "x.parquet").exists()


def test_failed_export_leaves_no_partial_file(filled_store: DataDir, tmp_path: Path) -> None:
    result = run_command(
        [*data_dir_args(filled_store), "export", "har", "-o", str(tmp_path / "no" / "x.har")]
    )
    assert result.code == 1 and "does not exist" in result.err
    result = run_command(
        [
            *data_dir_args(filled_store),
            "export",
            "har",
            "--session",
            "zz",
            "-o",
            str(tmp_path / "x.har"),
        ]
    )
    assert result.code == 1 and "no session named 'zz'" in result.err
    assert list(tmp_path.glob("*.har")) == [] and list(tmp_path.glob(".*part")) == []


def test_tls_keylog_is_copied_when_capture_recorded_one(
    filled_store: DataDir, tmp_path: Path
) -> None:
    out = tmp_path / "s1.har"
    result = run_command(
        [
            *data_dir_args(filled_store),
            "export",
            "har",
            "--session",
            "s1",
            "-o",
            str(out),
            "--tls-keylog",
        ]
    )
    assert result.code == 1 and "no TLS key log was recorded for session 's1'" in result.err
    env = capture_environment(filled_store, "s1")
    from mitmproxy.net import tls

    saved = tls.log_master_secret
    try:
        path = enable_keylog(filled_store, "s2")
        assert tls.log_master_secret is not None and tls.log_master_secret.filename == path
        assert (path.stat().st_mode & 0o077) == 0
        tls.log_master_secret(None, b"CLIENT_RANDOM 00 11")  # what pyOpenSSL's callback passes
        assert path.read_bytes().endswith(b"CLIENT_RANDOM 00 11\n")
        tls.log_master_secret.close()
    finally:
        tls.log_master_secret = saved
    assert env["MITMPROXY_SSLKEYLOGFILE"] == str(keylog_path(filled_store, "s1"))
    line = "CLIENT_RANDOM " + "ab" * 32 + " " + "cd" * 48 + "\n"
    Path(env["MITMPROXY_SSLKEYLOGFILE"]).write_text(line)
    result = run_command(
        [
            *data_dir_args(filled_store),
            "export",
            "har",
            "--session",
            "s1",
            "-o",
            str(out),
            "--tls-keylog",
        ]
    )
    assert result.code == 0, result.err
    copied = tmp_path / "s1.har.keylog"
    assert copied.read_text() == line and (copied.stat().st_mode & 0o077) == 0
    assert keylog_path(filled_store, "a/b c") != keylog_path(filled_store, "a_b_c")
    no_session = run_command(
        [
            *data_dir_args(filled_store),
            "export",
            "har",
            "-o",
            str(out),
            "--tls-keylog",
            str(tmp_path / "k"),
        ]
    )
    assert no_session.code == 0  # one session in the store: that one


def test_session_diff() -> None:
    before = make_records("before")
    after = make_records("after")
    # After the update: the Sentry flow is gone, a new analytics endpoint appears, and the
    # telemetry endpoint now also carries a location.
    after = [r for r in after if r.entity.name != "Sentry"]
    new = make_records("after")[0]
    new.id = "n" * 32
    assert new.request is not None
    new.request.url = "https://api.amplitude.com/2/httpapi"
    new.request.host = "api.amplitude.com"
    new.entity = Entity("Amplitude", "third", "amplitude.com")
    after.append(new)
    after[0].labels.append(Label("location.coarse"))
    diff = diff_sessions(before, after, a="before", b="after")
    data = diff.to_json()
    assert [i["key"] for i in data["endpoints"]["new"]] == ["POST api.amplitude.com/2/httpapi"]
    assert [i["key"] for i in data["endpoints"]["gone"]] == [
        "POST o123.ingest.sentry.io/api/42/envelope/"
    ]
    changed = {i["key"]: i["changes"] for i in data["endpoints"]["changed"]}
    assert changed == {"POST telemetry.zoom.us/v1/events": ["new data: location.coarse"]}
    assert [i["key"] for i in data["entities"]["new"]] == ["Amplitude"]
    assert [i["key"] for i in data["entities"]["gone"]] == ["Sentry"]
    assert [i["key"] for i in data["labels"]["new"]] == ["location.coarse"]
    label_changes = {i["key"]: i["changes"] for i in data["labels"]["changed"]}
    assert label_changes["service_generated.product_usage"] == ["now also sent to Amplitude"]
    assert [i["key"] for i in data["labels"]["gone"]] == ["service_generated.diagnostics"]
    text = render_text(diff)
    assert "+ new: POST api.amplitude.com/2/httpapi" in text and "- gone: Sentry" in text
    same = diff_sessions(make_records("a"), make_records("b"))
    assert not same.has_changes() and "No endpoints" in render_text(same)
    assert (
        normalise_path("/api/42/users/7d3f5c2a-91b4-4e6f-8a0d-5b1c2e3f4a5b/x/17350001")
        == "/api/42/users/{id}/x/{id}"
    )


def test_diff_command(filled_store: DataDir, enricher: object) -> None:
    from tests.export.samples import enriched

    with opened(filled_store) as store:
        later = [r for r in enriched(enricher, "s2") if r.entity.name != "Sentry"]
        for r in later:
            r.id = "2" + r.id[1:]
        store.add_flows(later)  # type: ignore[attr-defined]
    result = run_command([*data_dir_args(filled_store), "diff", "s1", "s2", "--format", "json"])
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert [i["key"] for i in data["entities"]["gone"]] == ["Sentry"]
    md = run_command([*data_dir_args(filled_store), "diff", "s1", "s2", "--format", "md"])
    assert md.out.startswith("# Differences from s1 to s2") and "## Organisations" in md.out
    assert run_command([*data_dir_args(filled_store), "diff", "s1", "nope"]).code == 1


def test_real_entry_point_exit_codes(filled_store: DataDir, tmp_path: Path) -> None:
    """Through the installed `auditor` program: one-line error and exit 1 on bad input, 0 on
    success, 2 on a usage error."""
    import os
    import subprocess

    auditor = Path(sys.executable).parent / "auditor"
    env = {**os.environ, "AUDITOR_DATA_DIR": str(filled_store.root)}
    bad = tmp_path / "bad.har"
    bad.write_bytes(b'{"log": {"entries": [{"request": {"url": "https://x/\xff"')
    proc = subprocess.run([str(auditor), "import", str(bad)], capture_output=True, text=True,
                          env=env, timeout=120, check=False)  # fmt: skip
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1 and "not valid UTF-8" in proc.stderr, proc.stderr
    out = tmp_path / "x.jsonl"
    proc = subprocess.run([str(auditor), "export", "jsonl", "-o", str(out)], capture_output=True,
                          text=True, env=env, timeout=120, check=False)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert len(out.read_text().splitlines()) == 6
    proc = subprocess.run([str(auditor), "export", "pcap", "-o", str(out)], capture_output=True,
                          text=True, env=env, timeout=120, check=False)  # fmt: skip
    assert proc.returncode == 2
