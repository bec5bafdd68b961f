"""A client that sends its request and closes without reading the answer (pygelf's GELF over
HTTPS does): what it sent is what the capture stores.

mitmproxy ends such a flow with "Client disconnected." when the close is read while the
`requestheaders` hook runs, before the queued body is assembled into the request; before the
fix the body was stored empty about three times in four. A body cut short is stored as far as
it arrived and marked. Real clients (raw TLS sockets through CONNECT, `http.client`) against the
real capture (in-process, and `auditor capture` as a process writing the encrypted store), with
and without the sinkhole; each request races, so several are sent.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import time
from dataclasses import dataclass
from typing import Protocol

import pytest

from auditor.capture.ca import CaFiles, ensure_ca
from auditor.paths import DataDir
from auditor.records import FlowRecord
from tests.capture.conftest import RunningCapture
from tests.helpers.capture import CaptureProcess
from tests.helpers.store import all_flows
from tests.helpers.tls import LabPki
from tests.helpers.upstream import UpstreamServer

# A GELF message like pygelf's (JSON), big enough to be read in its own chunk.
BODY = b'{"version":"1.1","host":"desk","short_message":"joined meeting 812-55","_user":"ada"}' * 8
# Each style closes right after sending. On the old code 3 in 4 requests lost their body, so 12
# requests all passing by chance was about 1 in 17 million.
STYLES = ("close", "connection-close", "half-close", "http.client") * 3


class _Proxy(Protocol):
    @property
    def port(self) -> int: ...


def _tunnel(cap: _Proxy, upstream: UpstreamServer, ca: CaFiles) -> ssl.SSLSocket:
    sock = socket.create_connection(("127.0.0.1", cap.port), timeout=10)
    target = f"localhost:{upstream.port}"
    sock.sendall(f"CONNECT {target} HTTP/1.1\r\nHost: {target}\r\n\r\n".encode())
    answer = b""
    while b"\r\n\r\n" not in answer:
        chunk = sock.recv(4096)
        assert chunk, "the proxy closed the tunnel"
        answer += chunk
    assert answer.startswith(b"HTTP/1.1 200"), answer
    ctx = ssl.create_default_context(cafile=str(ca.cert_pem))
    return ctx.wrap_socket(sock, server_hostname="localhost")


def _send_and_close(
    cap: _Proxy,
    upstream: UpstreamServer,
    ca: CaFiles,
    path: str,
    style: str,
    body: bytes = BODY,
    declared: int | None = None,
) -> None:
    """Send a POST of `body` (announcing `declared` bytes) and close without reading."""
    if style == "http.client":
        ctx = ssl.create_default_context(cafile=str(ca.cert_pem))
        conn = http.client.HTTPSConnection("127.0.0.1", cap.port, timeout=10, context=ctx)
        conn.set_tunnel("localhost", upstream.port)
        conn.request("POST", path, body=body, headers={"Content-Type": "application/json"})
        conn.close()
        return
    tls = _tunnel(cap, upstream, ca)
    head = (
        f"POST {path} HTTP/1.1\r\nHost: localhost:{upstream.port}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {declared or len(body)}\r\n"
    )
    if style == "connection-close":
        head += "Connection: close\r\n"
    tls.sendall(head.encode() + b"\r\n" + body)
    if style == "half-close":
        tls.shutdown(socket.SHUT_WR)
    tls.close()


def _stored(cap: RunningCapture, path: str) -> FlowRecord:
    # A record may come twice (again with its process when the lookup was slower): same id.
    found = cap.writer.wait_for(lambda r: r.request is not None and r.request.path == path)
    assert len({r.id for r in found}) == 1
    return found[-1]


@pytest.mark.parametrize("sinkhole", [True, False], ids=["sinkhole", "upstream"])
def test_request_sent_then_closed_is_stored_with_its_body(
    start_capture, https_upstream: UpstreamServer, proxy_ca: CaFiles, sinkhole: bool
) -> None:
    cap = start_capture(sinkholes=["*"] if sinkhole else [])
    paths = [f"/gelf?n={n}&style={style}" for n, style in enumerate(STYLES)]
    for path, style in zip(paths, STYLES, strict=True):
        _send_and_close(cap, https_upstream, proxy_ca, path, style)
    lost = []
    for path in paths:
        record = _stored(cap, path)
        assert record.request is not None
        if record.request.body != BODY:
            lost.append((path, len(record.request.body or b""), record.error))
            continue
        assert record.request.size == len(BODY) and not record.request.body_truncated
        assert record.error is None or "cut short" not in record.error
    assert not lost, f"{len(lost)} of {len(paths)} requests stored without their body: {lost}"


def test_request_body_cut_short_is_stored_as_far_as_it_arrived(
    start_capture, https_upstream: UpstreamServer, proxy_ca: CaFiles
) -> None:
    cap = start_capture(sinkholes=["*"])
    arrived = BODY[:300]
    paths = [f"/gelf?cut={n}" for n in range(4)]
    for path in paths:
        _send_and_close(
            cap, https_upstream, proxy_ca, path, "close", body=arrived, declared=len(BODY)
        )
    for path in paths:
        record = _stored(cap, path)
        assert record.request is not None
        assert record.request.body == arrived
        assert record.request.size == len(BODY) and record.request.body_truncated
        assert record.error is not None
        assert f"request body cut short: 300 of {len(BODY)} bytes arrived" in record.error
        assert not record.sinkholed  # never answered: the request did not end


def test_auditor_capture_stores_the_body_of_a_request_sent_then_closed(
    data_dir: DataDir, https_upstream: UpstreamServer, lab_pki: LabPki
) -> None:
    # The user's path: `auditor capture --sinkhole '*'` in its own process, the encrypted store.
    ca = ensure_ca(data_dir)
    paths = [f"/gelf?cli={n}&style={style}" for n, style in enumerate(STYLES[:8])]
    with CaptureProcess(
        data_dir.root,
        session="gelf",
        sinkhole=["*"],
        sets=[f"ssl_verify_upstream_trusted_ca={lab_pki.ca_cert}"],
    ) as proc:
        cap = _Listening(proc.port)
        for path, style in zip(paths, STYLES, strict=False):
            _send_and_close(cap, https_upstream, ca, path, style)
        # Stop once all are stored: this test is about bodies, not about stopping mid-request.
        deadline = time.monotonic() + 15
        while len(_stored_paths(data_dir)) < len(paths) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert proc.terminate(timeout=30) == 0, proc.stderr
    stored = {f.request.path: f for f in all_flows(data_dir.root, session="gelf") if f.request}
    assert sorted(stored) == sorted(paths)
    lost = [p for p, f in stored.items() if f.request is None or f.request.body != BODY]
    assert not lost, f"{len(lost)} of {len(paths)} stored without their body: {lost}"


def _stored_paths(data_dir: DataDir) -> set[str]:
    return {f.request.path for f in all_flows(data_dir.root, session="gelf") if f.request}


@dataclass(frozen=True)
class _Listening:
    """Where `_send_and_close` finds the proxy of an `auditor capture` process."""

    port: int
