"""Real clients through the real (in-process) proxy to local HTTPS/WSS/TCP upstreams."""

from __future__ import annotations

import asyncio
import os
import socket
import ssl
import struct
import subprocess
import sys
import time

import httpx
import pytest

from auditor.errors import AuditorError
from auditor.records import FlowRecord
from tests.capture.conftest import RunningCapture, TcpEchoUpstream, WssUpstream
from tests.helpers.upstream import UpstreamServer


def _path_is(path: str):  # type: ignore[no-untyped-def]
    return lambda r: r.request is not None and r.request.path == path


def _curl(
    cap: RunningCapture, url: str, *extra: str, trust: bool = True
) -> subprocess.Popen[bytes]:
    argv = [
        "curl",
        "-sS",
        "--max-time",
        "10",
        "-x",
        cap.proxy_url,
        "-o",
        "/dev/null",
        "-w",
        "%{http_code}",
    ]
    if trust:
        argv += ["--cacert", str(cap.ca.cert_pem)]
    return subprocess.Popen([*argv, *extra, url], stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_curl_http1_post_is_recorded_with_bodies_and_process(
    start_capture, https_upstream: UpstreamServer
) -> None:
    cap = start_capture()
    proc = _curl(cap, https_upstream.url("/echo?x=1", host="localhost"), "-d", "hello=world")
    out, err = proc.communicate(timeout=20)
    assert out == b"200", err
    (record,) = cap.writer.wait_for(_path_is("/echo?x=1"))
    assert record.kind == "http"
    assert record.request is not None and record.response is not None
    assert record.request.method == "POST"
    assert record.request.url == f"https://localhost:{https_upstream.port}/echo?x=1"
    assert record.request.host == "localhost"
    assert record.request.http_version == "HTTP/1.1"
    assert record.request.body == b"hello=world" and record.request.size == 11
    assert record.response.status == 200 and record.response.body == b"hello=world"
    assert record.request.header(
        "user-agent",
    ).startswith("curl/")  # type: ignore[union-attr]
    assert record.sni == "localhost"
    assert record.client_addr is not None and record.client_addr[0] == "127.0.0.1"
    assert record.server_addr == ("127.0.0.1", https_upstream.port)
    assert record.ts_end is not None and record.ts_end >= record.ts
    # curl has exited by now: it was attributed when it connected.
    assert record.process.pid == proc.pid
    assert record.process.name == "curl"
    assert record.process.cmdline is not None and record.process.cmdline[0] == "curl"
    assert record.process.ppid == os.getpid()
    assert not record.sinkholed


def test_http2_requests_are_recorded(start_capture, https_upstream: UpstreamServer) -> None:
    # The lab upstream speaks HTTP/1.1 only; connecting lazily lets the proxy offer h2 to the
    # client (and translate), as it would with a real h2 server.
    cap = start_capture(mitm_options=["connection_strategy=lazy"])
    get = _curl(cap, https_upstream.url("/ok?client=curl", host="localhost"), "--http2")
    post = _curl(
        cap, https_upstream.url("/echo", host="localhost"), "--http2", "--data-binary", '{"a":1}'
    )
    assert get.communicate(timeout=20)[0] == b"200"
    assert post.communicate(timeout=20)[0] == b"200"
    (get_rec,) = cap.writer.wait_for(_path_is("/ok?client=curl"))
    (post_rec,) = cap.writer.wait_for(_path_is("/echo"))
    for record in (get_rec, post_rec):
        assert record.request is not None and record.request.http_version == "HTTP/2.0"
        assert record.alpn == "h2"
    assert get_rec.process.pid == get.pid and post_rec.process.pid == post.pid
    assert post_rec.request is not None and post_rec.request.body == b'{"a":1}'
    assert post_rec.response is not None and post_rec.response.body == b'{"a":1}'


def test_bodies_beyond_the_cap_keep_size_not_bytes(start_capture, https_upstream, proxy_ca) -> None:
    cap = start_capture(body_cap=1000)
    ctx = ssl.create_default_context(cafile=str(proxy_ca.cert_pem))
    payload = bytes(range(256)) * 20  # 5120 bytes
    with httpx.Client(proxy=cap.proxy_url, verify=ctx, trust_env=False) as client:
        assert (
            client.post(https_upstream.url("/echo", host="localhost"), content=payload).content
            == payload
        )
        client.post(https_upstream.url("/echo?small", host="localhost"), content=b"tiny")
    (big,) = cap.writer.wait_for(_path_is("/echo"))
    assert big.request is not None and big.response is not None
    assert (
        big.request.body == payload[:1000]
        and big.request.size == 5120
        and big.request.body_truncated
    )
    assert (
        big.response.body == payload[:1000]
        and big.response.size == 5120
        and big.response.body_truncated
    )
    assert big.dropped_bodies
    (small,) = cap.writer.wait_for(_path_is("/echo?small"))
    assert (
        small.request is not None
        and small.request.body == b"tiny"
        and not small.request.body_truncated
    )


def test_websocket_messages_are_recorded(
    start_capture, wss_upstream: WssUpstream, proxy_ca
) -> None:
    from websockets.asyncio.client import connect

    cap = start_capture()
    ctx = ssl.create_default_context(cafile=str(proxy_ca.cert_pem))

    async def talk() -> list[str | bytes]:
        got: list[str | bytes] = []
        uri = f"wss://localhost:{wss_upstream.port}/live?meeting=42"
        async with connect(uri, proxy=cap.proxy_url, ssl=ctx) as ws:
            await ws.send('{"type":"join","user":"ada@example.com"}')
            got.append(await ws.recv())
            await ws.send(b"\x08\x96\x01")
            got.append(await ws.recv())
        return got

    # The upstream echoes: text comes back as text, binary as binary.
    assert asyncio.run(talk()) == ['{"type":"join","user":"ada@example.com"}', b"\x08\x96\x01"]
    (record,) = cap.writer.wait_for(lambda r: r.kind == "websocket")
    assert record.request is not None and record.request.path == "/live?meeting=42"
    assert record.response is not None and record.response.status == 101
    msgs = record.websocket
    assert [(m.from_client, m.is_text) for m in msgs] == [
        (True, True),
        (False, True),
        (True, False),
        (False, False),
    ]
    assert msgs[0].content == b'{"type":"join","user":"ada@example.com"}' and msgs[0].size == len(
        msgs[0].content
    )
    assert msgs[2].content == b"\x08\x96\x01"
    assert record.bytes_sent > 0 and record.bytes_received > 0
    assert record.process.pid == os.getpid()


def test_client_that_rejects_our_ca_is_recorded_as_tls_failed(
    start_capture, https_upstream
) -> None:
    cap = start_capture()
    proc = _curl(cap, https_upstream.url("/ok?pinned", host="localhost"), trust=False)
    _out, err = proc.communicate(timeout=20)
    assert proc.returncode == 60, err  # curl: peer certificate cannot be authenticated
    (record,) = cap.writer.wait_for(lambda r: r.kind == "tls_failed")
    assert record.sni == "localhost"
    assert record.request is None
    assert record.error is not None and "trust" in record.error
    assert record.server_addr is not None and record.server_addr[1] == https_upstream.port
    assert record.process.pid == proc.pid and record.process.name == "curl"


def test_sinkholed_requests_never_reach_the_server(start_capture, https_upstream, proxy_ca) -> None:
    cap = start_capture(sinkholes=["re:/telemetry/", "*.sentry.invalid"], sinkhole_status=202)
    ctx = ssl.create_default_context(cafile=str(proxy_ca.cert_pem))
    before = https_upstream.requests_seen
    with httpx.Client(proxy=cap.proxy_url, verify=ctx, trust_env=False) as client:
        resp = client.post(
            https_upstream.url("/telemetry/v1/batch", host="localhost"), json={"event": "join"}
        )
        assert resp.status_code == 202 and resp.content == b""
        # A host that does not even resolve: answered inside the proxy all the same.
        resp2 = client.post("https://o1.ingest.sentry.invalid/api/1/envelope/", content=b"{}")
        assert resp2.status_code == 202
    assert https_upstream.requests_seen == before
    records = cap.writer.wait_for(lambda r: r.sinkholed, count=2)
    by_path = {r.request.path: r for r in records if r.request}
    rec = by_path["/telemetry/v1/batch"]
    assert rec.request is not None and rec.request.body == b'{"event":"join"}'
    assert rec.response is not None and rec.response.status == 202
    with httpx.Client(proxy=cap.proxy_url, verify=ctx, trust_env=False) as client:
        assert client.get(https_upstream.url("/ok?allowed", host="localhost")).status_code == 200
    (passed,) = cap.writer.wait_for(_path_is("/ok?allowed"))
    assert not passed.sinkholed and https_upstream.requests_seen == before + 1


def test_non_http_tcp_is_recorded_with_bytes_each_way(
    start_capture, tcp_upstream: TcpEchoUpstream
) -> None:
    cap = start_capture()
    with socket.create_connection(("127.0.0.1", cap.port), timeout=10) as sock:
        target = f"127.0.0.1:{tcp_upstream.port}"
        sock.sendall(f"CONNECT {target} HTTP/1.1\r\nHost: {target}\r\n\r\n".encode())
        head = b""
        while b"\r\n\r\n" not in head:
            head += sock.recv(4096)
        assert head.startswith(b"HTTP/1.1 200")
        sock.sendall(b"\x00\x01proprietary-hello")
        reply = b""
        while len(reply) < 19:
            reply += sock.recv(4096)
        assert reply == b"\x00\x01PROPRIETARY-HELLO"
        sock.sendall(b"\x02bye")
        reply = b""
        while len(reply) < 4:
            reply += sock.recv(4096)
        sock.shutdown(socket.SHUT_WR)
        time.sleep(0.1)
    (record,) = cap.writer.wait_for(lambda r: r.kind == "tcp")
    assert record.bytes_sent == 23 and record.bytes_received == 23
    assert record.server_addr == ("127.0.0.1", tcp_upstream.port)
    assert record.duration is not None and record.duration >= 0
    assert record.process.pid == os.getpid()


def _dns_query(name: str, qid: int = 0x4242) -> bytes:
    qname = b"".join(bytes([len(part)]) + part.encode() for part in name.split(".")) + b"\x00"
    return struct.pack("!HHHHHH", qid, 0x0100, 1, 0, 0, 0) + qname + struct.pack("!HH", 1, 1)


def test_dns_is_recorded_in_dns_mode(start_capture) -> None:
    # A free port is probed, released and bound again by the engine: another process may take it
    # in between on a busy machine (a clean-clone CI run did), so a taken port is probed again.
    for attempt in range(5):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.bind(("127.0.0.1", 0))
            dns_port = probe.getsockname()[1]
        try:
            cap = start_capture(modes=["regular", f"dns@{dns_port}"])
            break
        except AuditorError as err:
            if "address already in use" not in str(err) or attempt == 4:
                raise
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.settimeout(10)
        sock.sendto(_dns_query("localhost"), ("127.0.0.1", dns_port))
        answer, _ = sock.recvfrom(4096)
    assert answer[:2] == b"\x42\x42"
    (record,) = cap.writer.wait_for(lambda r: r.kind == "dns")
    assert record.dns is not None and record.dns.question == "localhost" and record.dns.qtype == "A"
    assert any("127.0.0.1" in a for a in record.dns.answers)
    assert record.process.pid == os.getpid()


def test_short_lived_process_is_attributed_after_it_exited(start_capture, https_upstream) -> None:
    cap = start_capture()
    script = (
        "import urllib.request, ssl, sys\n"
        "ctx = ssl.create_default_context(cafile=sys.argv[2])\n"
        "opener = urllib.request.build_opener(urllib.request.ProxyHandler({'https': sys.argv[1]}),"
        " urllib.request.HTTPSHandler(context=ctx))\n"
        "print(opener.open(sys.argv[3], timeout=10).status)\n"
    )
    url = https_upstream.url("/ok?short-lived", host="localhost")
    proc = subprocess.run(
        [sys.executable, "-c", script, cap.proxy_url, str(cap.ca.cert_pem), url],
        capture_output=True,
        text=True,
        timeout=30,
        env={"PATH": os.environ["PATH"]},
    )
    assert proc.stdout.strip() == "200", proc.stderr
    (record,) = cap.writer.wait_for(_path_is("/ok?short-lived"))
    assert record.process.pid is not None and record.process.pid != os.getpid()
    assert record.process.cmdline is not None and record.process.cmdline[:2] == [
        sys.executable,
        "-c",
    ]
    assert record.process.create_time is not None


def test_port_in_use_is_a_one_line_error(start_capture) -> None:
    from auditor.errors import AuditorError

    with socket.create_server(("127.0.0.1", 0)) as busy:
        port = busy.getsockname()[1]
        with pytest.raises(AuditorError) as info:
            start_capture(listen_port=port)
    message = str(info.value)
    assert "\n" not in message and str(port) in message and "in use" in message


def test_unknown_mitmproxy_option_is_a_one_line_error(start_capture) -> None:
    from auditor.errors import AuditorError

    with pytest.raises(AuditorError, match="no_such_option") as info:
        start_capture(mitm_options=["no_such_option=1"])
    assert "\n" not in str(info.value)


def test_records_are_plain(start_capture, https_upstream, proxy_ca) -> None:
    """No live mitmproxy object leaves the capture layer: every value is a plain Python type."""
    cap = start_capture()
    ctx = ssl.create_default_context(cafile=str(proxy_ca.cert_pem))
    with httpx.Client(proxy=cap.proxy_url, verify=ctx, trust_env=False) as client:
        client.get(https_upstream.url("/ok?plain", host="localhost"))
    (record,) = cap.writer.wait_for(_path_is("/ok?plain"))

    def walk(value: object) -> None:
        assert not type(value).__module__.startswith(("mitmproxy", "wsproto", "h2")), type(value)
        if isinstance(value, (list, tuple)):
            for item in value:
                walk(item)
        elif hasattr(value, "__slots__") and not isinstance(value, (str, bytes)):
            for slot in value.__slots__:  # type: ignore[attr-defined]
                walk(getattr(value, slot))

    assert isinstance(record, FlowRecord)
    walk(record)


def test_mitmproxy_options_beyond_the_capture_chain_still_work(
    start_capture, https_upstream, proxy_ca
) -> None:
    # The default chain holds only the addons a capture needs; an option declared by another
    # of mitmproxy's defaults (modify_headers here) brings them in, as `mitmdump --set` would.
    lean = start_capture()
    lean_names = {type(a).__name__ for a in lean.engine._master.addons.chain}  # type: ignore[attr-defined]
    assert {"Proxyserver", "TlsConfig", "NextLayer", "CaptureAddon"} <= lean_names
    assert "ModifyHeaders" not in lean_names and "SaveHar" not in lean_names
    lean.stop()

    cap = start_capture(mitm_options=["modify_headers=/~q/X-Audit-Lab/yes"])
    ctx = ssl.create_default_context(cafile=str(proxy_ca.cert_pem))
    with httpx.Client(proxy=cap.proxy_url, verify=ctx, trust_env=False) as client:
        assert client.get(https_upstream.url("/ok?modified", host="localhost")).status_code == 200
    (record,) = cap.writer.wait_for(_path_is("/ok?modified"))
    assert record.request is not None and record.request.header("x-audit-lab") == "yes"
