"""The capture's parts on their own: option parsing, app grouping, launch set-up, the addon's
copying (on mitmproxy's own test flows), sinkhole patterns, the sink's batching and dropping."""

from __future__ import annotations

import base64
import hashlib
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Sequence

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from mitmproxy import flow as mitmflow
from mitmproxy.test import tflow

from auditor.capture.addon import CaptureAddon, Pending, SinkholeAddon, SinkholeRule, cap_body
from auditor.capture.apps import ProcessFacts, classify_chain, classify_one
from auditor.capture.attribution import ProcessResolver
from auditor.capture.launch import is_chromium_like, launch_argv, launch_env
from auditor.capture.options import parse_listen, parse_size
from auditor.capture.proxy import one_line
from auditor.capture.sink import FlowSink
from auditor.errors import UsageError
from auditor.records import FlowRecord, ProcessInfo
from tests.tflow import tflow as trecord
from tests.tflow import tfullflow


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("127.0.0.1:8080", ("127.0.0.1", 8080)),
        ("0", ("127.0.0.1", 0)),
        ("localhost:0", ("localhost", 0)),
        ("[::1]:9000", ("::1", 9000)),
        ("127.0.0.2:1", ("127.0.0.2", 1)),
    ],
)
def test_listen_accepts_loopback(value: str, expected: tuple[str, int]) -> None:
    assert parse_listen(value) == expected


@pytest.mark.parametrize(
    "value", ["0.0.0.0:8080", "[::]:8080", "192.168.1.10:0", "example.com:80", ":8080x"]
)
def test_listen_refuses_anything_else(value: str) -> None:
    with pytest.raises(UsageError):
        parse_listen(value)


def test_sizes() -> None:
    assert parse_size("1048576") == 1 << 20
    assert parse_size("512k") == 512 * 1024 and parse_size("2MiB") == 2 << 20
    with pytest.raises(UsageError):
        parse_size("lots")


def test_one_line_of_a_rust_error() -> None:
    msg = "Failed to run sudo.\n\nCaused by:\n    No such file or directory (os error 2)\n\nStack backtrace:\n 0: x"
    assert one_line(msg) == "Failed to run sudo. (No such file or directory (os error 2))"


# -- app grouping ------------------------------------------------------------------------------


def test_known_clients_and_their_helpers() -> None:
    assert classify_one("zoom", "/opt/zoom/zoom") == "zoom"
    assert classify_one("ZoomWebviewHost", "/opt/zoom/ZoomWebviewHost") == "zoom"
    assert classify_one("CptHost", "/opt/zoom/cef/CptHost") == "zoom"
    assert classify_one("aomhost", None) == "zoom"
    assert classify_one("ms-teams", None) == "teams"
    assert classify_one("CiscoCollabHost", None) == "webex"
    assert classify_one("Discord", "/usr/share/discord/Discord") == "discord"
    assert classify_one("chrome", "/opt/google/chrome/chrome") == "chrome"
    assert classify_one("python3", "/usr/bin/python3") is None


def test_helpers_take_their_parents_app() -> None:
    webview = ProcessFacts("msedgewebview2", "/x/msedgewebview2.exe")
    assert classify_chain([webview, ProcessFacts("ms-teams", "/x/ms-teams.exe")]) == "teams"
    assert classify_chain([webview, ProcessFacts("explorer", "/x/explorer.exe")]) is None
    # An Electron helper of an app not in the table: named after the top process of its folder.
    helper = ProcessFacts(
        "AppHelper", "/opt/Acme Meet/acme-meet", ("/opt/Acme Meet/acme-meet", "--type=renderer")
    )
    main = ProcessFacts("acme-meet", "/opt/Acme Meet/acme-meet", ("/opt/Acme Meet/acme-meet",))
    assert classify_chain([helper, main, ProcessFacts("bash", "/usr/bin/bash")]) == "acme-meet"


def test_attribution_finds_the_process_of_a_socket_and_caches_by_create_time() -> None:
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import socket,sys; s=socket.create_connection(('127.0.0.1',{port})); sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
    )
    try:
        conn, peer = server.accept()
        resolver = ProcessResolver()
        info = resolver.lookup(peer[1], port)
        assert info.pid == child.pid
        assert info.cmdline is not None and info.cmdline[0] == sys.executable
        assert info.ppid == os.getpid() and info.create_time is not None
        again = resolver.lookup(peer[1], port)
        assert again == info and again is not info  # a copy from the (pid, create_time) cache
        assert resolver.lookup(1, port) == ProcessInfo()  # nobody: an empty ProcessInfo
        conn.close()
    finally:
        child.communicate(b"", timeout=10)
        server.close()


# -- launch ------------------------------------------------------------------------------------


def test_launch_environment(tmp_path) -> None:  # type: ignore[no-untyped-def]
    ca = tmp_path / "ca.pem"
    base = {"PATH": "/usr/bin", "NO_PROXY": "", "no_proxy": "  ", "HOME": "/home/x"}
    env = launch_env(base, proxy_url="http://127.0.0.1:5555", ca_cert=ca, launch_tag="s:1")
    for name in ("HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy"):
        assert env[name] == "http://127.0.0.1:5555"
    assert "NO_PROXY" not in env and "no_proxy" not in env
    assert (
        env["SSL_CERT_FILE"] == env["REQUESTS_CA_BUNDLE"] == env["NODE_EXTRA_CA_CERTS"] == str(ca)
    )
    assert env["NODE_USE_ENV_PROXY"] == "1" and env["AUDITOR_LAUNCH_TAG"] == "s:1"
    assert env["HOME"] == "/home/x"
    kept = launch_env({"NO_PROXY": "intranet.local"}, proxy_url="x", ca_cert=ca, launch_tag="t")
    assert kept["NO_PROXY"] == "intranet.local"


def test_chromium_switches_pin_our_ca_key(proxy_ca) -> None:  # type: ignore[no-untyped-def]
    spki = proxy_ca.spki_sha256_b64()
    cert = x509.load_pem_x509_certificate(proxy_ca.cert_pem.read_bytes())
    der = cert.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    assert spki == base64.b64encode(hashlib.sha256(der).digest()).decode()
    argv = launch_argv("slack", ["--foo"], proxy_url="http://127.0.0.1:1", ca_spki_sha256_b64=spki)
    assert argv[0] == "slack" and argv[-1] == "--foo"
    assert "--proxy-server=http://127.0.0.1:1" in argv
    assert f"--ignore-certificate-errors-spki-list={spki}" in argv
    assert launch_argv("curl", ["-v"], proxy_url="p", ca_spki_sha256_b64=spki) == ["curl", "-v"]
    assert is_chromium_like("/usr/bin/google-chrome") and not is_chromium_like(sys.executable)


# -- the addon on mitmproxy's own test flows ---------------------------------------------------


def _addon(body_cap: int = 10) -> tuple[CaptureAddon, list[Pending]]:
    out: list[Pending] = []
    return CaptureAddon(session="s", emit=out.append, resolver=None, body_cap=body_cap), out


def test_cap_body() -> None:
    assert cap_body(None, 5) == (None, 0, False)
    assert cap_body(b"abc", 5) == (b"abc", 3, False)
    assert cap_body(b"abcdefgh", 5) == (b"abcde", 8, True)


def test_http_flow_is_copied_with_capped_bodies() -> None:
    addon, out = _addon(body_cap=10)
    flow = tflow.tflow(resp=True)
    flow.request.content = b"0123456789ABCDEF"
    flow.request.headers["X-Api-Key"] = "secret"
    addon.requestheaders(flow)
    addon.response(flow)
    addon.response(flow)  # a flow is handed on once
    (pending,) = out
    rec = pending.record
    assert rec.kind == "http" and rec.session == "s"
    assert rec.request is not None and rec.response is not None
    assert (
        rec.request.body == b"0123456789" and rec.request.size == 16 and rec.request.body_truncated
    )
    assert ("X-Api-Key", "secret") in rec.request.headers  # redaction happens on export, not here
    assert rec.response.status == 200 and rec.response.body == flow.response.raw_content[:10]
    assert rec.dropped_bodies


def test_errored_request_whose_body_never_reached_the_flow_is_marked_not_empty() -> None:
    # No stream to read the arrived body from (as when mitmproxy's internals change): the record
    # must say the body was not captured rather than look like a request without one.
    addon, out = _addon()
    flow = tflow.tflow()
    flow.request.data.content = None
    flow.request.headers["content-length"] = "42"
    flow.error = mitmflow.Error("Client disconnected.")
    addon.requestheaders(flow)
    addon.error(flow)
    rec = out.pop().record
    assert rec.request is not None and rec.request.body is None and rec.request.size == 42
    assert rec.error == "Client disconnected. (request body not captured)"
    # A request without a body that errors stays as it was.
    bodiless = tflow.tflow()
    bodiless.request.data.content = None
    bodiless.request.headers.pop("content-length", None)
    bodiless.error = mitmflow.Error("Client disconnected.")
    addon.error(bodiless)
    assert out.pop().record.error == "Client disconnected."


def test_websocket_tcp_and_dns_flows() -> None:
    addon, out = _addon(body_cap=4)
    ws = tflow.twebsocketflow()
    addon.response(ws)  # the 101: waits for the end of the WebSocket
    assert not out
    addon.websocket_end(ws)
    rec = out.pop().record
    assert rec.kind == "websocket" and len(rec.websocket) == len(ws.websocket.messages)
    assert all(
        len(m.content) <= 4 and m.size == len(src.content)
        for m, src in zip(rec.websocket, ws.websocket.messages, strict=True)
    )

    tcp = tflow.ttcpflow()
    addon.tcp_end(tcp)
    rec = out.pop().record
    assert rec.kind == "tcp"
    assert rec.bytes_sent == sum(len(m.content) for m in tcp.messages if m.from_client)
    assert rec.bytes_received == sum(len(m.content) for m in tcp.messages if not m.from_client)

    dns = tflow.tdnsflow(resp=True)
    addon.dns_response(dns)
    rec = out.pop().record
    assert (
        rec.kind == "dns"
        and rec.dns is not None
        and rec.dns.question == dns.request.questions[0].name
    )
    assert rec.dns.answers


def test_open_flows_are_handed_on_when_the_capture_stops() -> None:
    addon, out = _addon()
    waiting = tflow.tflow()
    addon.requestheaders(waiting)
    stream = tflow.ttcpflow()
    addon.tcp_start(stream)
    addon.done()
    kinds = sorted(p.record.kind for p in out)
    assert kinds == ["http", "tcp"]
    assert all(p.record.error and "capture stopped" in p.record.error for p in out)


@pytest.mark.parametrize(
    ("pattern", "host", "url", "hit"),
    [
        ("sentry.io", "o1.ingest.sentry.io", "https://o1.ingest.sentry.io/api/1/envelope/", True),
        ("sentry.io", "notsentry.io", "https://notsentry.io/", False),
        ("*.posthog.com", "us.i.posthog.com", "https://us.i.posthog.com/batch/", True),
        ("*.posthog.com", "posthog.com.evil.net", "https://posthog.com.evil.net/", False),
        ("https://*/v1/traces", "otel.example.net", "https://otel.example.net/v1/traces", True),
        ("re:/v1/(track|batch)", "api.mixpanel.com", "https://api.mixpanel.com/v1/track?x=1", True),
        ("re:/v1/(track|batch)", "api.mixpanel.com", "https://api.mixpanel.com/engage", False),
    ],
)
def test_sinkhole_patterns(pattern: str, host: str, url: str, hit: bool) -> None:
    assert SinkholeRule.parse(pattern).matches(host, url) is hit


def test_sinkhole_answers_inside_the_proxy() -> None:
    addon = SinkholeAddon(["example.com"], status=204)
    flow = tflow.tflow()
    flow.request.host = "api.example.com"
    flow.request.headers["host"] = "api.example.com"
    addon.request(flow)
    assert flow.response is not None and flow.response.status_code == 204
    capture, out = _addon()
    capture.response(flow)
    assert out[0].record.sinkholed
    with pytest.raises(ValueError):
        SinkholeRule.parse("re:(")


# -- the sink ----------------------------------------------------------------------------------


class _SlowWriter:
    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.batches: list[int] = []
        self.release = threading.Event()

    def add_flows(self, records: Sequence[FlowRecord]) -> None:
        self.release.wait(10)
        time.sleep(self.delay)
        self.batches.append(len(records))


def _pending(i: int) -> Pending:
    return Pending(trecord(req=False, id=str(i), ts=float(i)), ProcessInfo(pid=7))


def test_sink_drops_visibly_when_full_and_stores_the_rest_on_close() -> None:
    writer = _SlowWriter(0.0)
    sink = FlowSink(
        lambda: writer, make_enricher=None, queue_size=10, batch_size=4, flush_interval=0.01
    )
    sink.start()
    for i in range(40):
        sink.put(_pending(i))  # never blocks, even with the consumer stuck
    writer.release.set()
    sink.close(timeout=10)
    assert sink.stats.dropped > 0
    assert sink.stats.stored + sink.stats.dropped == 40 == sum(writer.batches) + sink.stats.dropped
    assert max(writer.batches) <= 4
    assert "DROPPED" in sink.stats.summary()


class _FlakyEnricher:
    def enrich(self, record: FlowRecord) -> FlowRecord:
        if record.id == "1":
            raise RuntimeError("labeller bug")
        record.labels = []
        return record


def test_enrichment_failure_stores_the_record_unlabelled() -> None:
    writer = _SlowWriter(0.0)
    writer.release.set()
    sink = FlowSink(lambda: writer, make_enricher=_FlakyEnricher, flush_interval=0.01)
    sink.start()
    for i in range(3):
        sink.put(_pending(i))
    sink.close(timeout=10)
    assert sink.stats.stored == 3 and sink.stats.enrich_failures == 1


def test_a_store_that_cannot_open_fails_start() -> None:
    def broken() -> _SlowWriter:
        raise UsageError("no key")

    sink = FlowSink(broken, make_enricher=None)
    with pytest.raises(UsageError):
        sink.start()


def test_long_connections_are_snapshotted_under_their_final_id() -> None:
    addon, out = _addon(body_cap=100)
    addon.snapshot_interval = 0.0
    ws = tflow.twebsocketflow()
    addon.websocket_message(ws)  # the first message starts the clock
    assert not out
    addon.websocket_message(ws)
    (snapshot,) = [p.record for p in out]
    assert snapshot.kind == "websocket" and snapshot.ts_end is None
    addon.websocket_end(ws)
    final = out[-1].record
    assert final.id == snapshot.id and final.ts_end is not None
    addon.websocket_message(ws)  # nothing after the end
    assert len(out) == 2

    tcp = tflow.ttcpflow()
    addon.tcp_message(tcp)
    addon.tcp_message(tcp)
    addon.tcp_end(tcp)
    assert out[-2].record.id == out[-1].record.id and out[-2].record.ts_end is None


def test_records_cross_the_pipe_unchanged() -> None:
    import marshal

    from auditor.capture.worker import pack_record, unpack_record

    record = tfullflow()
    assert unpack_record(marshal.loads(marshal.dumps(pack_record(record)))) == record
    plain = trecord(req=False, id="x", ts=0.0, kind="tcp")
    assert unpack_record(marshal.loads(marshal.dumps(pack_record(plain)))) == plain


# -- attribution by netlink, late processes, the supervised storing process ---------------------


def _connected_child() -> tuple[socket.socket, subprocess.Popen[bytes], socket.socket, int]:
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import socket,sys; s=socket.create_connection(('127.0.0.1',{port})); sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
    )
    conn, _peer = server.accept()
    return server, child, conn, port


def test_netlink_and_proc_net_attribution_agree_and_the_fallback_is_said_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from auditor.capture import attribution
    from auditor.capture.sockdiag import SockDiag, SockDiagUnavailable

    server, child, conn, port = _connected_child()
    try:
        peer, local = conn.getpeername(), conn.getsockname()
        # The kernel answers for the one socket: its inode is the one /proc/net/tcp lists.
        found = SockDiag().find(peer, local)
        assert found is not None
        assert attribution.socket_inodes(peer[1], port) == [found.inode]
        assert SockDiag().by_ports(peer[1], port)[0].inode == found.inode
        by_netlink = ProcessResolver().submit(peer[1], port, "tcp", peer, local).result(10)
        by_proc = ProcessResolver(use_netlink=False).lookup(peer[1], port, "tcp", peer, local)
        assert by_netlink.pid == by_proc.pid == child.pid

        def refused() -> SockDiag:
            raise SockDiagUnavailable("no netlink here")

        original = attribution.SockDiag
        attribution.SockDiag = refused  # type: ignore[assignment,misc]
        try:
            resolver = ProcessResolver()
            with caplog.at_level("WARNING", logger="auditor.capture.attribution"):
                first = resolver.lookup(peer[1], port, "tcp", peer, local)
                again = resolver.lookup(peer[1], port, "tcp", peer, local)
        finally:
            attribution.SockDiag = original  # type: ignore[misc]
        assert first.pid == again.pid == child.pid
        said = [r for r in caplog.records if "sock_diag unavailable" in r.getMessage()]
        assert len(said) == 1
    finally:
        conn.close()
        child.communicate(b"", timeout=10)
        server.close()


class _UpdatingWriter:
    def __init__(self) -> None:
        self.added: list[FlowRecord] = []
        self.updated: list[FlowRecord] = []
        self.added_at: list[float] = []

    def add_flows(self, records: Sequence[FlowRecord], awaiting: Sequence[str] = ()) -> None:
        self.added.extend(records)
        self.added_at.extend(time.monotonic() for _ in records)
        self.awaiting = list(awaiting)

    def update_flows(self, records: Sequence[FlowRecord]) -> None:
        self.updated.extend(records)


def test_a_flow_is_stored_before_its_lookup_ends_and_its_process_follows() -> None:
    import concurrent.futures

    writer = _UpdatingWriter()
    sink = FlowSink(lambda: writer, make_enricher=None, flush_interval=0.02)
    sink.start()
    lookup: concurrent.futures.Future[ProcessInfo] = concurrent.futures.Future()
    put_at = time.monotonic()
    sink.put(Pending(trecord(req=False, id="slow", ts=1.0), lookup))
    deadline = time.monotonic() + 5
    while not writer.added and time.monotonic() < deadline:
        time.sleep(0.01)
    (stored,) = writer.added
    assert stored.process == ProcessInfo() and writer.added_at[0] - put_at < 0.25
    assert writer.awaiting == ["slow"]  # its process follows
    lookup.set_result(ProcessInfo(pid=42, name="zoom", app="zoom"))
    sink.close(timeout=10)
    (updated,) = writer.updated
    assert updated.id == "slow" and updated.process.pid == 42
    assert sink.stats.stored == 1 and sink.stats.late_processes == 1


def test_a_storing_process_that_cannot_be_restarted_stops_the_capture(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import dataclasses

    from auditor.capture.sink import WriterFailed
    from auditor.capture.worker import new_store_process
    from auditor.paths import DataDir
    from tests.helpers.capture import TEST_PASSPHRASE, environment

    with environment({"AUDITOR_PASSPHRASE": TEST_PASSPHRASE}):
        worker = new_store_process(DataDir(tmp_path / "data"), session="s", label=False)
        worker.start()
        worker.wait_ready()
        worker.add_flows([trecord(req=False, id="a", ts=1.0)])
        deadline = time.monotonic() + 10
        while worker.stored < 1 and time.monotonic() < deadline:
            worker.maintain()
            time.sleep(0.02)
        assert worker.stored == 1
        # The next worker would open a store that is not there (its data dir is a file).
        (tmp_path / "not-a-dir").write_text("x")
        worker.spec = dataclasses.replace(worker.spec, data_dir=tmp_path / "not-a-dir")
        worker._proc.kill()
        worker._proc.join(5)
        with pytest.raises(WriterFailed, match="could not be restarted"):
            worker.add_flows([trecord(req=False, id="b", ts=2.0)])
        stats = worker.close()
    assert stats.stored == 1 and stats.write_failures == 1
