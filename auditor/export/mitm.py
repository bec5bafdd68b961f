"""FlowRecords → mitmproxy flow files that mitmweb, mitmproxy and `mitmdump -nr` open.

Flows are built from plain records here and serialised with mitmproxy's own `FlowWriter`, so the
file format is whatever this mitmproxy version writes and reads. HTTP and WebSocket flows keep
their messages; TCP, UDP, DNS and failed-TLS flows become the matching mitmproxy flow type
(failed TLS as a TCP flow with its error). `metadata["auditor"]` carries process, labels,
verdicts and the flow kind; the flow comment lists the labels so they show in mitmweb.
"""

from __future__ import annotations

import ipaddress
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor.export.common import ProgressCallback, atomic_output, counted, extension_for
from auditor.records import FlowRecord

if TYPE_CHECKING:
    from mitmproxy import connection, dns, http
    from mitmproxy import flow as mflow

METADATA_KEY = "auditor"


def _b(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


def _headers(pairs: list[tuple[str, str]]) -> http.Headers:
    from mitmproxy import http

    return http.Headers([(_b(k), _b(v)) for k, v in pairs])


def _connections(record: FlowRecord) -> tuple[connection.Client, connection.Server]:
    from mitmproxy import connection
    from mitmproxy.proxy.mode_specs import ProxyMode

    host = record.host or "unknown"
    port = (
        record.request.port
        if record.request is not None
        else (record.server_addr[1] if record.server_addr else 0)
    )
    client = connection.Client(
        peername=record.client_addr or ("127.0.0.1", 0),
        sockname=("127.0.0.1", 0),
        timestamp_start=record.ts,
        proxy_mode=ProxyMode.parse("regular"),
    )
    client.timestamp_end = record.ts_end
    client.sni = record.sni
    client.tls_version = record.tls_version  # type: ignore[assignment]
    if record.alpn:
        client.alpn = record.alpn.encode("ascii", "replace")
    client.tls = record.tls_version is not None or record.sni is not None
    server = connection.Server(address=(host, int(port)))
    server.peername = record.server_addr
    server.sni = record.sni
    server.tls_version = record.tls_version  # type: ignore[assignment]
    server.timestamp_start = record.ts
    server.timestamp_end = record.ts_end
    server.tls = client.tls
    return client, server


def _flow_id(record: FlowRecord) -> str:
    try:
        return str(uuid.UUID(record.id))
    except ValueError:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, record.id))


def _http_flow(
    record: FlowRecord, client: connection.Client, server: connection.Server
) -> http.HTTPFlow:
    from mitmproxy import http, websocket
    from wsproto.frame_protocol import Opcode

    req = record.request
    assert req is not None
    flow = http.HTTPFlow(client, server)
    scheme = req.scheme
    if scheme in ("ws", "wss"):
        scheme = "https" if scheme == "wss" else "http"
    authority = ""
    if req.http_version.upper().startswith(("HTTP/2", "HTTP/3")):
        default = (scheme == "https" and req.port == 443) or (scheme == "http" and req.port == 80)
        authority = req.host if default else f"{req.host}:{req.port}"
    flow.request = http.Request(
        host=req.host,
        port=req.port,
        method=_b(req.method),
        scheme=_b(scheme),
        authority=_b(authority),
        path=_b(req.path),
        http_version=_b(req.http_version),
        headers=_headers(req.headers),
        content=req.body,
        trailers=None,
        timestamp_start=record.ts,
        timestamp_end=record.ts_end or record.ts,
    )
    if record.response is not None:
        resp = record.response
        flow.response = http.Response(
            http_version=_b(resp.http_version),
            status_code=resp.status,
            reason=_b(resp.reason),
            headers=_headers(resp.headers),
            content=resp.body,
            trailers=None,
            timestamp_start=record.ts_end or record.ts,
            timestamp_end=record.ts_end or record.ts,
        )
    if record.kind == "websocket" or record.websocket:
        flow.websocket = websocket.WebSocketData()
        flow.websocket.messages = [
            websocket.WebSocketMessage(
                Opcode.TEXT if m.is_text else Opcode.BINARY, m.from_client, m.content, m.ts
            )
            for m in record.websocket
        ]
        flow.websocket.timestamp_end = record.ts_end
        flow.websocket.close_code = 1000  # normal closure; we do not record how it ended
    return flow


def _dns_flow(
    record: FlowRecord, client: connection.Client, server: connection.Server
) -> dns.DNSFlow:
    from mitmproxy import dns

    flow = dns.DNSFlow(client, server)
    question = record.dns.question if record.dns else (record.host or "unknown")
    qtype_name = record.dns.qtype if record.dns else "A"
    try:
        qtype = dns.types.from_str(qtype_name)
    except ValueError:
        qtype = dns.types.A
    common: dict[str, Any] = dict(
        id=0,
        op_code=dns.op_codes.QUERY,
        authoritative_answer=False,
        truncation=False,
        recursion_desired=True,
        reserved=0,
        response_code=dns.response_codes.NOERROR,
        questions=[dns.Question(question, qtype, dns.classes.IN)],
        authorities=[],
        additionals=[],
    )
    flow.request = dns.DNSMessage(
        timestamp=record.ts, query=True, recursion_available=False, answers=[], **common
    )
    answers = []
    for text in record.dns.answers if record.dns else []:
        try:
            ip = ipaddress.ip_address(text)
        except ValueError:
            continue
        if ip.version == 4:
            answers.append(dns.ResourceRecord.A(question, ip))
        else:
            answers.append(dns.ResourceRecord.AAAA(question, ip))
    if record.dns is not None:
        flow.response = dns.DNSMessage(
            timestamp=record.ts_end or record.ts,
            query=False,
            recursion_available=True,
            answers=answers,
            **common,
        )
    return flow


def record_to_flow(record: FlowRecord, *, redacted: bool) -> mflow.Flow:
    """A mitmproxy flow object for one record (used only inside this module and its tests)."""
    from mitmproxy import flow as mflow
    from mitmproxy import tcp, udp

    client, server = _connections(record)
    if record.request is not None and record.kind in ("http", "websocket"):
        flow: Any = _http_flow(record, client, server)
    elif record.kind == "dns":
        flow = _dns_flow(record, client, server)
    elif record.kind == "udp":
        flow = udp.UDPFlow(client, server)
    else:  # tcp, tls_failed, and anything newer: a connection without messages
        flow = tcp.TCPFlow(client, server)
    flow.id = _flow_id(record)
    flow.timestamp_created = record.ts
    flow.live = False
    if record.error:
        flow.error = mflow.Error(record.error, timestamp=record.ts_end or record.ts)
    flow.metadata[METADATA_KEY] = extension_for(record, redacted=redacted)
    labels = record.label_categories()
    notes = []
    if labels:
        notes.append("labels: " + ", ".join(labels))
    if record.kind == "tls_failed":
        notes.append("TLS interception failed (client refused the certificate: pinned?)")
    if not redacted:
        notes.append("NOT REDACTED export")
    flow.comment = "; ".join(notes)
    return flow


def write_mitm(
    records: Iterable[FlowRecord],
    path: Path,
    *,
    redacted: bool = True,
    progress: ProgressCallback | None = None,
) -> int:
    from mitmproxy import io as mitm_io

    count = 0
    with atomic_output(path, "wb", private=not redacted) as fh:
        writer = mitm_io.FlowWriter(fh)
        for record in counted(records, progress):
            writer.add(record_to_flow(record, redacted=redacted))
            count += 1
    return count
