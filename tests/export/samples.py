"""Sample flows for the export, import and report tests (one of every kind, with planted secrets)
and helpers to run this area's commands in-process."""

from __future__ import annotations

import argparse
import contextlib
import gzip
import importlib
import io
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from auditor.errors import AuditorError
from auditor.paths import DataDir
from auditor.records import Entity, Evidence, FlowRecord, Label, PolicyFinding, ProcessInfo
from tests.tflow import tdns, tdnsflow, tflow, tprocess, treq, tresp, tws

# Secrets and identifiers planted in the sample flows; no default export may contain any of them.
BEARER = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTQyIn0.c2VjcmV0LXNpZ25hdHVyZS12YWx1ZQ"
COOKIE = "zm_sessionid=Q2hvY29sYXRlQ29va2llU2VjcmV0"
API_KEY = "AIzaSyPlantedApiKey0123456789abcdef"
PASSWORD = "correct-horse-battery-staple"
EMAIL = "alice.planted@corp-example.org"
DEVICE_ID = "7d3f5c2a-91b4-4e6f-8a0d-5b1c2e3f4a5b"
HOSTNAME = "DESKTOP-PLANT4J2"
MEETING_PASSCODE = "Pc9918273"
PLANTED = {
    "bearer": BEARER,
    "cookie": "Q2hvY29sYXRlQ29va2llU2VjcmV0",
    "api_key": API_KEY,
    "password": PASSWORD,
    "email": EMAIL,
    "device_id": DEVICE_ID,
    "hostname": HOSTNAME,
    "passcode": MEETING_PASSCODE,
}
KNOWN_VALUES = {"hostname": HOSTNAME}

T0 = 1_767_000_000.0  # 2025-12-29


def _telemetry_body() -> bytes:
    return json.dumps(
        {
            "event": "meeting_joined",
            "device_id": DEVICE_ID,
            "user": {"email": EMAIL, "hostname": HOSTNAME},
            "password": PASSWORD,
            "context": {"os": "Linux 6.1", "note": f"joined from {HOSTNAME} as {EMAIL}"},
        }
    ).encode()


def make_records(session: str = "s1") -> list[FlowRecord]:
    zoom = tprocess(cmdline=["/opt/zoom/zoom", f"--pwd={MEETING_PASSCODE}"])
    records = [
        tflow(
            id="a" * 32,
            session=session,
            ts=T0,
            ts_end=T0 + 0.25,
            process=zoom,
            req=treq(
                f"https://telemetry.zoom.us/v1/events?api_key={API_KEY}&v=2",
                http_version="HTTP/2.0",
                headers=[
                    ("content-type", "application/json"),
                    ("authorization", f"Bearer {BEARER}"),
                    ("cookie", COOKIE),
                    ("user-agent", "Mozilla/5.0 ZoomClient/6.2.11 (Linux)"),
                ],
                body=_telemetry_body(),
            ),
            resp=tresp(
                200,
                http_version="HTTP/2.0",
                headers=[("content-type", "application/json"), ("content-encoding", "gzip")],
                body=gzip.compress(b'{"ok":true}'),
            ),
            entity=Entity(name="Zoom", party="first", domain="zoom.us"),
            labels=[
                Label(
                    "service_generated.product_usage",
                    [Evidence("zoom.events", "body › event", "meeting_joined")],
                ),
                Label(
                    "identifiers.device_id",
                    [Evidence("key:device_id", "body › device_id", DEVICE_ID)],
                ),
                Label(
                    "contact_info.email", [Evidence("detector:email", "body › user › email", EMAIL)]
                ),
                Label(
                    "identifiers.network_id",
                    [Evidence("known:hostname", "body › user › hostname", HOSTNAME)],
                ),
                Label(
                    "credentials",
                    [
                        Evidence(
                            "header:authorization", "header › authorization", "Bearer [redacted]"
                        )
                    ],
                ),
            ],
            policy=[
                PolicyFinding(
                    "zoom/privacy-statement",
                    "2024-01-01",
                    "3.1",
                    "clear",
                    "Zoom collects product usage data.",
                    ["service_improvement"],
                    "service_generated.product_usage",
                ),
                PolicyFinding(
                    "zoom/privacy-statement",
                    "2024-01-01",
                    "4.2",
                    "vague",
                    "We may share data with service providers.",
                    [],
                    "identifiers.device_id",
                ),
            ],
            client_addr=("127.0.0.1", 50123),
            server_addr=("203.0.113.10", 443),
            sni="telemetry.zoom.us",
            alpn="h2",
            tls_version="TLSv1.3",
            bytes_sent=900,
            bytes_received=120,
        ),
        tflow(
            id="b" * 32,
            session=session,
            ts=T0 + 5,
            ts_end=T0 + 5.1,
            process=ProcessInfo(pid=4243, name="zoom-helper", app="zoom"),
            req=treq(
                "https://o123.ingest.sentry.io/api/42/envelope/",
                headers=[
                    ("content-type", "application/x-www-form-urlencoded"),
                    ("x-sentry-auth", "Sentry sentry_key=abcdef0123456789, sentry_version=7"),
                ],
                body=f"username={EMAIL}&password={PASSWORD}&os=linux".encode(),
                size=60,
            ),
            resp=tresp(204, body=b""),
            entity=Entity(name="Sentry", party="third", domain="sentry.io"),
            labels=[
                Label("service_generated.diagnostics", [Evidence("sentry", "body", "event")]),
                Label("credentials", [Evidence("form:password", "body › password", "[redacted]")]),
            ],
            policy=[
                PolicyFinding(
                    "zoom/privacy-statement",
                    "2024-01-01",
                    "4.2",
                    "omitted",
                    "We may share data with service providers.",
                    [],
                    "service_generated.diagnostics",
                )
            ],
            bytes_sent=300,
            bytes_received=50,
        ),
        tflow(
            id="c" * 32,
            session=session,
            ts=T0 + 20,
            ts_end=T0 + 40,
            process=zoom,
            req=treq(
                "https://ws.zoom.us/wc/ws",
                method="GET",
                headers=[("upgrade", "websocket"), ("connection", "Upgrade")],
                body=b"",
            ),
            resp=tresp(101, headers=[("upgrade", "websocket")], body=b""),
            ws=[
                tws(
                    json.dumps({"evt": "chat", "text": "hello team", "email": EMAIL}).encode(),
                    ts=T0 + 21,
                    size=60,
                ),
                tws(b"\x08\x01\x12\x04ping", from_client=False, ts=T0 + 22, is_text=False),
            ],
            entity=Entity(name="Zoom", party="first", domain="zoom.us"),
            labels=[
                Label(
                    "customer_content.chat",
                    [Evidence("ws:chat", "websocket › 1 › text", "hello team")],
                )
            ],
        ),
        tdnsflow(
            id="d" * 32,
            session=session,
            ts=T0 + 30,
            dns=tdns("telemetry.zoom.us", answers=["203.0.113.10"]),
            entity=Entity(name="Zoom", party="first", domain="zoom.us"),
        ),
        tflow(
            req=False,
            id="e" * 32,
            session=session,
            ts=T0 + 60,
            ts_end=T0 + 60.2,
            kind="tls_failed",
            process=ProcessInfo(pid=4244, name="Teams", app="teams"),
            sni="pinned.teams.microsoft.com",
            server_addr=("198.51.100.7", 443),
            error="client rejected the certificate (unknown_ca): pinned?",
            entity=Entity(name="Microsoft", party="third", domain="microsoft.com"),
        ),
        tflow(
            req=False,
            id="f" * 32,
            session=session,
            ts=T0 + 90,
            ts_end=T0 + 91,
            kind="tcp",
            server_addr=("192.0.2.55", 8801),
            bytes_sent=4000,
            bytes_received=9000,
            entity=Entity(name="Zoom", party="first", domain="zoom.us"),
        ),
    ]
    return records


# --------------------------------------------------------------------------------------------
# Store, enrichment and command helpers


MY_COMMANDS = ("import_", "report", "export", "diff")


def enriched(enricher: object, session: str = "s1") -> list[FlowRecord]:
    out = []
    for record in make_records(session):
        record.labels = []
        record.policy = []
        out.append(enricher.enrich(record))  # type: ignore[attr-defined]
    return out


@dataclass
class CommandResult:
    code: int
    out: str
    err: str


def build_parser() -> argparse.ArgumentParser:
    """The global options of `auditor` and this area's commands (the same wiring as cli.py)."""
    parser = argparse.ArgumentParser(prog="auditor")
    parser.add_argument("--data-dir")
    parser.add_argument("--passphrase-file")
    sub = parser.add_subparsers(dest="command")
    for name in MY_COMMANDS:
        importlib.import_module(f"auditor.commands.{name}").add_parser(sub)
    return parser


def run_command(argv: Sequence[str]) -> CommandResult:
    """Run one command in-process the way `auditor.cli.main` does (one-line errors, exit codes)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            args = build_parser().parse_args(list(argv))
            code = int(args.func(args) or 0)
        except AuditorError as exc:
            print(f"auditor: error: {exc}", file=err)
            code = exc.exit_code
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
    return CommandResult(code, out.getvalue(), err.getvalue())


@contextlib.contextmanager
def opened(data_dir: DataDir) -> Iterator[object]:
    from auditor.store import open_store

    store = open_store(data_dir)
    try:
        yield store
    finally:
        store.close()


def data_dir_args(data_dir: DataDir) -> list[str]:
    return ["--data-dir", str(data_dir.root)]


def other_data_dir(tmp_path: Path, name: str = "other") -> DataDir:
    root = tmp_path / name
    root.mkdir(mode=0o700)
    return DataDir(root)


def fill_store(data_dir: DataDir, enricher: object) -> None:
    """Session s1 with the sample flows (enriched) and markers."""
    with opened(data_dir) as store:
        store.ensure_session("s1", source="capture", modes=["regular"])  # type: ignore[attr-defined]
        store.add_flows(enriched(enricher))  # type: ignore[attr-defined]
        store.add_marker("s1", T0 + 10, "muted")  # type: ignore[attr-defined]
        store.add_marker("s1", T0 + 50, "unmuted")  # type: ignore[attr-defined]
        store.add_marker("s1", T0 + 70, "camera_off", f"note from {EMAIL}")  # type: ignore[attr-defined]
