"""Credentials of 29 kinds (URL, headers, cookies, forms, nested JSON, gzip/deflate/br/zstd bodies,
a base64 Snowplow context, JWTs and a JWT claim, AWS keys, Zoom zak/tk/sdkKey/secretKey, a
Segment writeKey, a 1DS iKey, an XML-RPC call's positional password, multipart, WebSocket,
Set-Cookie, a key that is also a label of the host name, an incoming webhook's key in the URL
path, a room's access key and a guest's token as the path item of calls nothing else authorises)
stored, then every default output
of the command line checked: the four exports, the five report formats, `flows` as a table and as
JSONL with and without bodies. `--no-redact` (the control) holds them, says so, and is 0600."""

from __future__ import annotations

import json
import os
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from mitmproxy import io as mitm_io

from auditor.paths import DataDir
from tests.helpers.capture import TEST_PASSPHRASE, environment
from tests.helpers.cli import main_in_process
from tests.security.outputs import leaks, mitm_text, parquet_text
from tests.security.planted import LEARNER_EMAIL, SECRETS, USER_EMAIL, planted_records


@pytest.fixture(scope="module")
def planted_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    from auditor.store import open_store

    root = tmp_path_factory.mktemp("planted-data")
    with environment({"AUDITOR_DATA_DIR": str(root), "AUDITOR_PASSPHRASE": TEST_PASSPHRASE}):
        store = open_store(DataDir(root))
        try:
            store.ensure_session("planted", source="capture", modes=["regular"])
            store.add_flows(planted_records())
        finally:
            store.close()
        yield root


def _cli(root: Path, *argv: str) -> str:
    with environment({"AUDITOR_DATA_DIR": str(root), "AUDITOR_PASSPHRASE": TEST_PASSPHRASE}):
        code, out, err = main_in_process(list(argv))
    assert code == 0, err
    return out


def _read(path: Path, fmt: str) -> str:
    if fmt == "mitm":
        return mitm_text(path)
    if fmt == "parquet":
        return parquet_text(path)
    if fmt == "pdf":
        return subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
    return path.read_text(encoding="utf-8")


def test_no_planted_credential_in_any_default_output(planted_dir: Path, tmp_path: Path) -> None:
    assert len(SECRETS) >= 15
    outputs: dict[str, str] = {}
    for fmt in ("har", "mitm", "jsonl", "parquet"):
        path = tmp_path / f"out.{fmt}"
        assert "(redacted)" in _cli(planted_dir, "export", fmt, "-o", str(path))
        outputs[f"export {fmt}"] = _read(path, fmt)
    for fmt in ("html", "json", "csv", "md", "pdf"):
        path = tmp_path / f"report.{fmt}"
        _cli(planted_dir, "report", "--format", fmt, "-o", str(path))
        outputs[f"report {fmt}"] = _read(path, fmt)
    outputs["flows table"] = _cli(planted_dir, "flows")
    outputs["flows jsonl"] = _cli(planted_dir, "flows", "--format", "jsonl")
    outputs["flows jsonl bodies"] = _cli(
        planted_dir, "flows", "--format", "jsonl", "--include-bodies"
    )
    assert leaks(outputs, SECRETS.values()) == set()
    assert leaks(outputs, [USER_EMAIL]) == set()
    assert leaks(outputs, [LEARNER_EMAIL]) == set()
    # Still useful: every flow is there, credentials marked as removed.
    for name in ("export har", "flows jsonl bodies"):
        assert "marketplace.zoom.us" in outputs[name]
    records = [json.loads(line) for line in outputs["flows jsonl"].splitlines()]
    assert len(records) == 22 and all(r["redacted"] is True for r in records)


def test_exports_stay_valid(planted_dir: Path, tmp_path: Path) -> None:
    """`user:password@` is replaced by a valid userinfo: mitmproxy reads the file back (it used to
    crash the export with ValueError), and compressed bodies are compressed again."""
    path = tmp_path / "out.mitm"
    _cli(planted_dir, "export", "mitm", "-o", str(path))
    with path.open("rb") as fh:
        flows = list(mitm_io.FlowReader(fh).stream())
    urls = [f.request.pretty_url for f in flows if f.type == "http"]
    assert any(u.startswith("https://zoom.us/wc/join/81234567890?zak=") for u in urls), urls
    har = tmp_path / "out.har"
    _cli(planted_dir, "export", "har", "-o", str(har))
    entries = json.loads(har.read_text())["log"]["entries"]
    assert any(
        e["request"]["url"].startswith("https://%5Bredacted%5D@zoom.us/wc/join/") for e in entries
    )
    gzipped = [f for f in flows if f.type == "http" and f.request.headers.get("content-encoding")]
    assert {f.request.headers["content-encoding"] for f in gzipped} == {
        "gzip",
        "deflate",
        "br",
        "zstd",
    }
    for flow in gzipped:
        assert json.loads(flow.request.get_content() or b"")  # decodes, and is JSON


def test_no_redact_output_is_marked_and_private(planted_dir: Path, tmp_path: Path) -> None:
    outputs = {}
    for fmt in ("har", "jsonl", "mitm"):
        path = tmp_path / f"clear.{fmt}"
        assert "NOT REDACTED" in _cli(planted_dir, "export", fmt, "-o", str(path), "--no-redact")
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        outputs[fmt] = _read(path, fmt)
    report = tmp_path / "clear.html"
    _cli(planted_dir, "report", "--format", "html", "-o", str(report), "--no-redact")
    assert stat.S_IMODE(os.stat(report).st_mode) == 0o600
    # The control: the planted values are really there without redaction.
    assert {s for _, s in leaks(outputs, SECRETS.values())} >= {
        SECRETS["header_bearer"],
        SECRETS["url_zak"],
        SECRETS["gzip_sdk_key"],
    }
    lines = _cli(planted_dir, "flows", "--format", "jsonl", "--no-redact").splitlines()
    assert lines and all(json.loads(line)["redacted"] is False for line in lines)


def test_a_shared_data_dir_is_made_private(tmp_path: Path) -> None:
    root = tmp_path / "wide"
    root.mkdir(mode=0o755)
    os.chmod(root, 0o755)
    _cli(root, "sessions")
    assert stat.S_IMODE(os.stat(root).st_mode) == 0o700
