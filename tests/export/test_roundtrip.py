"""Export then import gives the same flows and labels (HAR, mitmproxy flow file, JSONL); the HAR
passes the reference HAR 1.2 schema and the flow file is read by mitmproxy's own reader."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT6

from auditor.decode.compression import DECODERS, parse_encodings
from auditor.export.har import make_har
from auditor.export.redact import Pseudonymizer, Redactor
from auditor.paths import DataDir
from auditor.records import FlowRecord
from auditor.store import FlowQuery
from tests.export.samples import (
    data_dir_args,
    make_records,
    opened,
    other_data_dir,
    run_command,
)

HAR_SCHEMA_DIR = Path(__file__).parent / "har_schema"
MITMDUMP = Path(sys.executable).parent / "mitmdump"


def har_validator() -> jsonschema.protocols.Validator:
    """The npm package har-schema's HAR 1.2 schema, its files linked by their `$id`s."""
    resources = []
    for path in HAR_SCHEMA_DIR.glob("*.json"):
        schema = json.loads(path.read_text())
        resources.append(
            (schema["$id"], Resource.from_contents(schema, default_specification=DRAFT6))
        )
    registry = Registry().with_resources(resources)
    root = json.loads((HAR_SCHEMA_DIR / "har.json").read_text())
    return jsonschema.Draft6Validator(
        root, registry=registry, format_checker=jsonschema.Draft6Validator.FORMAT_CHECKER
    )


def _decoded(body: bytes | None, headers: list[tuple[str, str]]) -> bytes | None:
    if body is None:
        return None
    for encoding in reversed(
        parse_encodings(dict((k.lower(), v) for k, v in headers).get("content-encoding"))
    ):
        body = DECODERS[encoding](body, 1 << 24).data
    return body


def signature(record: FlowRecord) -> dict[str, Any]:
    """What must survive a round trip. Bodies compare decoded and Content-Encoding is left out:
    HAR carries decoded bodies by definition."""

    def headers(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
        return [(k.lower(), v) for k, v in pairs if k.lower() != "content-encoding"]

    req, resp = record.request, record.response
    return {
        "id": record.id,
        "session": record.session,
        "kind": record.kind,
        "ts": round(record.ts, 3),
        "ts_end": None if record.ts_end is None else round(record.ts_end, 3),
        "process": (record.process.pid, record.process.name, record.process.app, record.process.exe),
        "request": None
        if req is None
        else (req.method, req.url, req.host, req.port, req.path, req.http_version,
              headers(req.headers), _decoded(req.body, req.headers)),
        "response": None
        if resp is None
        else (resp.status, resp.reason, resp.http_version, headers(resp.headers),
              _decoded(resp.body, resp.headers)),
        "websocket": [(m.from_client, round(m.ts, 3), m.is_text, m.content) for m in record.websocket],
        "dns": None if record.dns is None else (record.dns.question, record.dns.qtype, record.dns.answers),
        "conn": (record.client_addr, record.server_addr, record.sni, record.tls_version, record.error),
        "entity": (record.entity.name, record.entity.party, record.entity.domain),
        "labels": sorted((lab.category, sorted(e.rule for e in lab.evidence)) for lab in record.labels),
        "policy": sorted((f.document, f.version, f.section, f.verdict, f.category or "") for f in record.policy),
    }  # fmt: skip


def stored(data_dir: DataDir, session: str | None = None) -> list[FlowRecord]:
    with opened(data_dir) as store:
        return list(store.iter_flows(FlowQuery(session=session)))  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("fmt", "suffix"), [("har", ".har"), ("mitm", ".mitm"), ("jsonl", ".jsonl")]
)
def test_export_then_import_gives_the_same_flows_and_labels(
    filled_store: DataDir, tmp_path: Path, fmt: str, suffix: str
) -> None:
    out = tmp_path / f"export{suffix}"
    result = run_command(
        [
            *data_dir_args(filled_store),
            "export",
            fmt,
            "--session",
            "s1",
            "-o",
            str(out),
            "--no-redact",
        ]
    )
    assert result.code == 0, result.err
    assert "NOT REDACTED" in result.out
    target = other_data_dir(tmp_path)
    result = run_command([*data_dir_args(target), "import", str(out)])
    assert result.code == 0, result.err
    assert "imported 6 flows" in result.out and "'s1'" in result.out
    before = sorted((signature(r) for r in stored(filled_store)), key=lambda s: s["id"])
    after = sorted((signature(r) for r in stored(target)), key=lambda s: s["id"])
    assert len(after) == 6
    for a, b in zip(before, after, strict=True):
        assert a == b
    assert all(r.source == f"import:{fmt}" for r in stored(target))


def test_reimport_into_the_same_store_keeps_the_original(
    filled_store: DataDir, tmp_path: Path
) -> None:
    out = tmp_path / "e.jsonl"
    assert run_command([*data_dir_args(filled_store), "export", "jsonl", "-o", str(out)]).code == 0
    # Into another session of the same store: the original flows stay, copies get new ids.
    result = run_command([*data_dir_args(filled_store), "import", str(out), "--session", "copy"])
    assert result.code == 0, result.err
    assert len(stored(filled_store, "s1")) == 6 and len(stored(filled_store, "copy")) == 6
    # Importing the same file again into the same session replaces instead of doubling.
    assert (
        run_command([*data_dir_args(filled_store), "import", str(out), "--session", "copy"]).code
        == 0
    )
    assert len(stored(filled_store, "copy")) == 6


def test_har_passes_the_har_1_2_schema(records: list[FlowRecord]) -> None:
    validator = har_validator()
    for redacted in (True, False):
        recs = records
        if redacted:
            redactor = Redactor(Pseudonymizer(b"k" * 32))
            recs = [redactor.redact_record(r) for r in records]
        har = make_har(recs, redacted=redacted, session="s1")
        errors = sorted(validator.iter_errors(har), key=lambda e: list(e.path))
        assert errors == [], [f"{list(e.path)}: {e.message}" for e in errors[:5]]
        assert har["log"]["version"] == "1.2"
    # The check can fail: a HAR without the required request fields is refused.
    broken = make_har(records)
    del broken["log"]["entries"][0]["request"]["headers"]
    broken["log"]["entries"][1]["serverIPAddress"] = "not an address"
    assert len(list(validator.iter_errors(broken))) == 2


def test_streamed_har_equals_make_har(records: list[FlowRecord], tmp_path: Path) -> None:
    from auditor.export.har import write_har

    path = tmp_path / "s.har"
    assert write_har(records, path, redacted=True, session="s1") == 6
    assert json.loads(path.read_text()) == make_har(records, redacted=True, session="s1")


def test_flow_file_is_read_by_mitmproxy(records: list[FlowRecord], tmp_path: Path) -> None:
    from mitmproxy import io as mitm_io

    from auditor.export.mitm import write_mitm

    path = tmp_path / "flows.mitm"
    assert write_mitm(records, path, redacted=True) == 6
    with path.open("rb") as fh:
        flows = list(mitm_io.FlowReader(fh).stream())
    assert [f.type for f in flows] == ["http", "http", "http", "dns", "tcp", "tcp"]
    assert flows[0].request.pretty_url.startswith("https://telemetry.zoom.us/v1/events")
    assert flows[0].response.status_code == 200
    assert gzip.decompress(flows[0].response.raw_content) == b'{"ok":true}'
    assert flows[2].websocket is not None and len(flows[2].websocket.messages) == 2
    assert flows[4].error is not None and "pinned" in flows[4].error.msg
    assert "labels:" in flows[0].comment
    proc = subprocess.run(
        [str(MITMDUMP), "-n", "-r", str(path), "--set", "flow_detail=1"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "telemetry.zoom.us" in proc.stdout and "DNS" in proc.stdout
    assert "Traceback" not in proc.stderr + proc.stdout


def test_redacted_round_trip_keeps_flows(filled_store: DataDir, tmp_path: Path) -> None:
    """Redaction changes values, not which flows there are."""
    out = tmp_path / "r.har"
    assert run_command([*data_dir_args(filled_store), "export", "har", "-o", str(out)]).code == 0
    target = other_data_dir(tmp_path)
    assert run_command([*data_dir_args(target), "import", str(out)]).code == 0
    before = {r.id: r for r in stored(filled_store)}
    after = {r.id: r for r in stored(target)}
    assert before.keys() == after.keys()
    for fid, rec in after.items():
        assert rec.kind == before[fid].kind and rec.host == before[fid].host
    # Categories that come from structure survive pseudonymisation.
    labels = set(after["a" * 32].label_categories())
    assert {
        "identifiers.device_id",
        "contact_info.email",
        "service_generated.product_usage",
    } <= labels


def test_sample_records_cover_every_flow_kind() -> None:
    assert {r.kind for r in make_records()} == {"http", "websocket", "dns", "tls_failed", "tcp"}
