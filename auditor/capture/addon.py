"""mitmproxy addons: copy each finished flow into a plain FlowRecord and hand it on.

The hooks run on the proxy's event loop, so they only copy (bodies cut at the body cap) and
enqueue; labelling and storing happen on the sink's thread. No live mitmproxy object leaves this
package: a `Pending` carries the plain record and, for the process, a future of the
connect-time lookup, which the sink resolves off the loop.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import fnmatch
import logging
import re
import time
import uuid
import weakref
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from mitmproxy import connection, dns, http, tcp, tls, udp
from mitmproxy.net.dns import types as dns_types
from mitmproxy.proxy import layer as mitm_layer
from mitmproxy.proxy.layers.http import HttpLayer, HttpStream
from mitmproxy.proxy.layers.http._events import RequestData, RequestEndOfMessage
from mitmproxy.websocket import WebSocketMessage as MitmWebSocketMessage
from wsproto.frame_protocol import Opcode

from auditor.capture.attribution import ProcessResolver
from auditor.capture.options import DEFAULT_BODY_CAP
from auditor.capture.pending import Pending, ProcessSource
from auditor.records import (
    DnsRecord,
    FlowRecord,
    ProcessInfo,
    RequestRecord,
    ResponseRecord,
    WebSocketMessage,
    new_flow_id,
)

logger = logging.getLogger(__name__)

SINKHOLED = "auditor_sinkholed"
_EMITTED = "auditor_emitted"
_SNAPSHOT_AT = "auditor_snapshot_at"
SNAPSHOT_INTERVAL = 15.0
# How long a new connection may wait for its process lookup before we let it proceed anyway.
ATTRIBUTION_WAIT = 0.5
# Keep a closed connection's lookup this long: a flow's last hook may come after the disconnect.
_FORGET_AFTER = 30.0

Emit = Callable[[Pending], None]


def cap_body(data: bytes | None, cap: int) -> tuple[bytes | None, int, bool]:
    """(kept bytes, whole size, truncated)."""
    if data is None:
        return None, 0, False
    size = len(data)
    if size > cap:
        return bytes(data[:cap]), size, True
    return bytes(data), size, False


@dataclass(frozen=True, slots=True)
class ArrivedBody:
    """A request body the proxy received but had not handed to the flow when the flow ended."""

    data: bytes
    complete: bool  # its end arrived (Content-Length reached, last chunk): nothing is missing


def arrived_request_body(stream: HttpStream) -> ArrivedBody:
    """What of the request body reached `stream`, read from mitmproxy's HTTP stream layer.

    mitmproxy assembles `flow.request.content` only when the body's end is processed. If the
    client closes its side while a hook runs (a client that sends its request and closes without
    waiting for the answer), the stream sees the disconnect queued behind the body and ends the
    flow with "Client disconnected." without processing that body; a body cut short ends
    the same way. The bytes are still there: in the stream's buffer and its queue of events
    waiting for the hook to return.
    """
    buffered = getattr(stream, "request_body_buf", None)
    data = bytearray(bytes(buffered) if buffered is not None else b"")
    complete = False
    for event in getattr(stream, "_paused_event_queue", ()):
        if getattr(event, "stream_id", None) != stream.stream_id:
            continue
        if isinstance(event, RequestData):
            data += event.data
        elif isinstance(event, RequestEndOfMessage):
            complete = True
            break
    return ArrivedBody(bytes(data), complete)


def _declares_body(req: http.Request) -> bool:
    if "transfer-encoding" in req.headers:
        return True
    return _int(req.headers.get("content-length")) > 0


def _addr(value: Any) -> tuple[str, int] | None:
    if not value:
        return None
    try:
        return (str(value[0]), int(value[1]))
    except (TypeError, ValueError, IndexError):
        return None


def _headers(headers: http.Headers) -> tuple[list[tuple[str, str]], int]:
    """The header list as text (as mitmproxy decodes it) and its size on the wire."""
    out: list[tuple[str, str]] = []
    wire = 0
    for key, value in headers.fields:
        out.append(
            (key.decode("utf-8", "surrogateescape"), value.decode("utf-8", "surrogateescape"))
        )
        wire += len(key) + len(value) + 4
    return out, wire


def _tls_version(conn: connection.Connection) -> str | None:
    return str(conn.tls_version) if conn.tls_version else None


def _alpn(conn: connection.Connection) -> str | None:
    if not conn.alpn:
        return None
    return conn.alpn.decode("ascii", "replace")


class CaptureAddon:
    """Turns flows into records. `emit` must not block (the sink's put is non-blocking)."""

    def __init__(
        self,
        *,
        session: str,
        emit: Emit,
        resolver: ProcessResolver | None,
        body_cap: int = DEFAULT_BODY_CAP,
    ) -> None:
        self.session = session
        self.emit = emit
        self.resolver = resolver
        self.body_cap = body_cap
        self.snapshot_interval = SNAPSHOT_INTERVAL
        self._processes: dict[str, concurrent.futures.Future[ProcessInfo]] = {}
        # Flows that have started but not ended: emitted with an error if the capture stops first.
        self._open: dict[str, http.HTTPFlow | tcp.TCPFlow | udp.UDPFlow] = {}
        # The HTTP layers of each client connection, to find what of a request body had arrived
        # when its flow ended early (see `arrived_request_body`).
        self._http_layers: dict[str, weakref.WeakSet[HttpLayer]] = {}
        # Client connections that have not started a flow yet: a request may be on its way in
        # (held by the attribution wait, or not parsed yet), so stopping waits for them briefly.
        self._no_flow_yet: set[str] = set()
        self.emitted = 0

    def in_flight(self) -> bool:
        """Whether a flow is open or a new connection has not started one yet (event loop only)."""
        return bool(self._open) or bool(self._no_flow_yet)

    # -- attribution --------------------------------------------------------------------------

    async def client_connected(self, client: connection.Client) -> None:
        self._no_flow_yet.add(client.id)
        if self.resolver is None or not client.peername:
            return
        proxy_port = client.sockname[1] if client.sockname else None
        transport = "udp" if client.transport_protocol == "udp" else "tcp"
        future = self.resolver.submit(
            int(client.peername[1]),
            proxy_port,
            transport,
            _addr(client.peername),
            _addr(client.sockname),
        )
        self._processes[client.id] = future
        # Hold the connection briefly so the lookup sees the process while it is surely alive;
        # past the wait the lookup carries on and the flow picks its result up later.
        try:
            await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(future)), ATTRIBUTION_WAIT)
        except (TimeoutError, Exception):
            pass

    def client_disconnected(self, client: connection.Client) -> None:
        self._no_flow_yet.discard(client.id)
        loop = asyncio.get_running_loop()
        if client.id in self._processes:
            loop.call_later(_FORGET_AFTER, self._processes.pop, client.id, None)
        if client.id in self._http_layers:
            loop.call_later(_FORGET_AFTER, self._http_layers.pop, client.id, None)

    def next_layer(self, data: mitm_layer.NextLayer) -> None:
        # Runs after mitmproxy's own NextLayer addon (ours are added later), so the layer is set.
        if isinstance(data.layer, HttpLayer):
            client_id = data.context.client.id
            self._http_layers.setdefault(client_id, weakref.WeakSet()).add(data.layer)

    def _process_of(self, client: connection.Client | None) -> ProcessSource:
        if client is None:
            return None
        return self._processes.get(client.id)

    def _new_record(
        self,
        kind: str,
        ts: float | None,
        client: connection.Client | None,
        flow_id: str | None = None,
    ) -> FlowRecord:
        # The mitmproxy flow id, so snapshots of a long connection and its final record share it
        # (the store replaces a record stored under the same id).
        record_id = _stable_id(flow_id) if flow_id else new_flow_id()
        record = FlowRecord(id=record_id, session=self.session, ts=ts or time.time(), kind=kind)
        if client is not None:
            record.client_addr = _addr(client.peername)
            record.sni = client.sni
            record.alpn = _alpn(client)
            record.tls_version = _tls_version(client)
        return record

    def _hand_off(self, record: FlowRecord, client: connection.Client | None) -> None:
        self.emitted += 1
        self.emit(Pending(record, self._process_of(client)))

    # -- HTTP and WebSocket -------------------------------------------------------------------

    def requestheaders(self, flow: http.HTTPFlow) -> None:
        self._no_flow_yet.discard(flow.client_conn.id)
        self._open[flow.id] = flow

    def response(self, flow: http.HTTPFlow) -> None:
        if flow.websocket is not None:
            return  # recorded with its messages when the WebSocket ends
        self._finish_http(flow)

    def error(self, flow: http.HTTPFlow) -> None:
        if flow.websocket is not None and flow.response is not None:
            return  # websocket_end follows
        self._finish_http(flow, arrived=self._arrived_body(flow))

    def _arrived_body(self, flow: http.HTTPFlow) -> ArrivedBody | None:
        """The request body as far as it arrived, if the flow has not got it (None: it has it,
        there is none, or its stream is gone)."""
        if flow.request.raw_content is not None or not _declares_body(flow.request):
            return None
        try:
            for http_layer in list(self._http_layers.get(flow.client_conn.id, ())):
                for stream in list(http_layer.streams.values()):
                    if getattr(stream, "flow", None) is flow:
                        return arrived_request_body(stream)
        except Exception:  # mitmproxy's internals moved: still store the flow, marked
            logger.exception("could not read the arrived request body of %s", flow.request.url)
        return None

    def websocket_end(self, flow: http.HTTPFlow) -> None:
        self._finish_http(flow)

    def websocket_message(self, flow: http.HTTPFlow) -> None:
        if self._snapshot_due(flow):
            record = self.http_record(flow)
            record.ts_end = None  # still open
            self._hand_off(record, flow.client_conn)

    def _snapshot_due(self, flow: http.HTTPFlow | tcp.TCPFlow | udp.UDPFlow) -> bool:
        """Long-lived connections (a meeting's signalling WebSocket) are also stored while open,
        every SNAPSHOT_INTERVAL, so they show up live and survive a crash of the capture."""
        now = time.time()
        last = flow.metadata.get(_SNAPSHOT_AT)
        if last is None:
            flow.metadata[_SNAPSHOT_AT] = now
            return False
        if now - last < self.snapshot_interval or flow.metadata.get(_EMITTED):
            return False
        flow.metadata[_SNAPSHOT_AT] = now
        return True

    def _finish_http(
        self, flow: http.HTTPFlow, error: str | None = None, arrived: ArrivedBody | None = None
    ) -> None:
        if flow.metadata.get(_EMITTED):
            return
        flow.metadata[_EMITTED] = True
        self._open.pop(flow.id, None)
        record = self.http_record(flow, arrived)
        if error:
            record.error = f"{error} ({record.error})" if record.error else error
        self._hand_off(record, flow.client_conn)

    def http_record(self, flow: http.HTTPFlow, arrived: ArrivedBody | None = None) -> FlowRecord:
        """`arrived`: the request body as far as it arrived, when the flow ended before
        mitmproxy assembled it (None: take the flow's)."""
        req = flow.request
        kind = "websocket" if flow.websocket is not None else "http"
        record = self._new_record(kind, req.timestamp_start, flow.client_conn, flow.id)
        cut_short: str | None = None
        if arrived is not None and req.raw_content is None:
            body, size, truncated = cap_body(arrived.data, self.body_cap)
            if not arrived.complete:
                declared = _int(req.headers.get("content-length"))
                size = max(size, declared)
                truncated = True  # `body` holds less than was announced
                of = f" of {declared}" if declared else ""
                cut_short = f"request body cut short: {len(arrived.data)}{of} bytes arrived"
        else:
            body, size, truncated = cap_body(req.raw_content, self.body_cap)
            if req.raw_content is None and "content-length" in req.headers:
                size = _int(req.headers.get("content-length"))
            if req.raw_content is None and flow.error is not None and _declares_body(req):
                cut_short = "request body not captured"
        req_headers, req_header_bytes = _headers(req.headers)
        record.request = RequestRecord(
            method=req.method,
            url=req.pretty_url,
            host=req.pretty_host,
            port=req.port,
            path=req.path,
            http_version=req.http_version,
            headers=req_headers,
            body=body,
            size=size,
            body_truncated=truncated,
        )
        record.bytes_sent = len(req.method) + len(req.path) + 12 + req_header_bytes + size
        dropped = truncated
        resp = flow.response
        if resp is not None:
            rbody, rsize, rtrunc = cap_body(resp.raw_content, self.body_cap)
            if resp.raw_content is None and "content-length" in resp.headers:
                rsize = _int(resp.headers.get("content-length"))
            resp_headers, resp_header_bytes = _headers(resp.headers)
            record.response = ResponseRecord(
                status=resp.status_code,
                reason=resp.reason,
                http_version=resp.http_version,
                headers=resp_headers,
                body=rbody,
                size=rsize,
                body_truncated=rtrunc,
            )
            record.bytes_received = 16 + len(resp.reason) + resp_header_bytes + rsize
            record.ts_end = resp.timestamp_end
            dropped = dropped or rtrunc
        else:
            record.ts_end = req.timestamp_end
        record.dropped_bodies = dropped
        if flow.server_conn is not None:
            record.server_addr = _addr(flow.server_conn.peername) or _addr(flow.server_conn.address)
        if flow.error is not None:
            record.error = flow.error.msg
        if cut_short is not None:
            record.error = f"{record.error} ({cut_short})" if record.error else cut_short
        record.sinkholed = bool(flow.metadata.get(SINKHOLED))
        if flow.websocket is not None:
            record.websocket = self._ws_messages(flow.websocket.messages)
            ws_out = sum(m.size for m in record.websocket if m.from_client)
            ws_in = sum(m.size for m in record.websocket if not m.from_client)
            record.bytes_sent += ws_out
            record.bytes_received += ws_in
            if flow.websocket.timestamp_end:
                record.ts_end = flow.websocket.timestamp_end
            if (
                flow.websocket.close_reason
                and not record.error
                and (flow.websocket.close_code or 1000) != 1000
            ):
                record.error = f"closed {flow.websocket.close_code}: {flow.websocket.close_reason}"
        return record

    def _ws_messages(self, messages: Sequence[MitmWebSocketMessage]) -> list[WebSocketMessage]:
        out: list[WebSocketMessage] = []
        for msg in messages:
            content, size, truncated = cap_body(msg.content, self.body_cap)
            out.append(
                WebSocketMessage(
                    from_client=msg.from_client,
                    ts=msg.timestamp,
                    is_text=msg.type == Opcode.TEXT,
                    content=content or b"",
                    size=size,
                    truncated=truncated,
                )
            )
        return out

    # -- TLS the client refused ---------------------------------------------------------------

    def tls_failed_client(self, data: tls.TlsData) -> None:
        conn = data.conn
        if not isinstance(conn, connection.Client):
            return
        self._no_flow_yet.discard(conn.id)
        record = self._new_record("tls_failed", conn.timestamp_start, conn)
        server = data.context.server
        record.server_addr = _addr(server.peername) or _addr(server.address)
        record.sni = conn.sni or (server.sni if server else None)
        record.error = conn.error or "client TLS handshake failed"
        record.ts_end = time.time()
        self._hand_off(record, conn)

    # -- raw TCP / UDP ------------------------------------------------------------------------

    def tcp_start(self, flow: tcp.TCPFlow) -> None:
        self._no_flow_yet.discard(flow.client_conn.id)
        self._open[flow.id] = flow

    def tcp_message(self, flow: tcp.TCPFlow) -> None:
        if self._snapshot_due(flow):
            record = self.stream_record(flow, "tcp")
            record.ts_end = None
            self._hand_off(record, flow.client_conn)

    def udp_message(self, flow: udp.UDPFlow) -> None:
        if self._snapshot_due(flow):
            record = self.stream_record(flow, "udp")
            record.ts_end = None
            self._hand_off(record, flow.client_conn)

    def tcp_end(self, flow: tcp.TCPFlow) -> None:
        self._finish_stream(flow, "tcp")

    def tcp_error(self, flow: tcp.TCPFlow) -> None:
        self._finish_stream(flow, "tcp")

    def udp_start(self, flow: udp.UDPFlow) -> None:
        self._no_flow_yet.discard(flow.client_conn.id)
        self._open[flow.id] = flow

    def udp_end(self, flow: udp.UDPFlow) -> None:
        self._finish_stream(flow, "udp")

    def udp_error(self, flow: udp.UDPFlow) -> None:
        self._finish_stream(flow, "udp")

    def _finish_stream(
        self, flow: tcp.TCPFlow | udp.UDPFlow, kind: str, error: str | None = None
    ) -> None:
        if flow.metadata.get(_EMITTED):
            return
        flow.metadata[_EMITTED] = True
        self._open.pop(flow.id, None)
        record = self.stream_record(flow, kind)
        if record.error is None:
            record.error = error
        self._hand_off(record, flow.client_conn)

    def stream_record(self, flow: tcp.TCPFlow | udp.UDPFlow, kind: str) -> FlowRecord:
        client = flow.client_conn
        started = client.timestamp_start or flow.timestamp_created
        record = self._new_record(kind, started, client, flow.id)
        record.server_addr = _addr(flow.server_conn.peername) or _addr(flow.server_conn.address)
        if flow.server_conn.sni and not record.sni:
            record.sni = flow.server_conn.sni
        sent = received = 0
        last = None
        for msg in flow.messages:
            if msg.from_client:
                sent += len(msg.content)
            else:
                received += len(msg.content)
            last = msg.timestamp
        record.bytes_sent = sent
        record.bytes_received = received
        record.ts_end = client.timestamp_end or last or time.time()
        record.error = flow.error.msg if flow.error else None
        return record

    # -- DNS ----------------------------------------------------------------------------------

    def dns_response(self, flow: dns.DNSFlow) -> None:
        self._finish_dns(flow)

    def dns_error(self, flow: dns.DNSFlow) -> None:
        self._finish_dns(flow)

    def _finish_dns(self, flow: dns.DNSFlow) -> None:
        self._no_flow_yet.discard(flow.client_conn.id)
        if flow.metadata.get(_EMITTED):
            return
        flow.metadata[_EMITTED] = True
        record = self._new_record("dns", flow.request.timestamp, flow.client_conn, flow.id)
        question = flow.request.questions[0] if flow.request.questions else None
        answers: list[str] = []
        if flow.response is not None:
            answers = [str(rr) for rr in flow.response.answers]
            record.ts_end = flow.response.timestamp
        record.dns = DnsRecord(
            question=question.name if question else "",
            qtype=dns_types.to_str(question.type) if question else "",
            answers=answers,
        )
        record.server_addr = _addr(flow.server_conn.peername) or _addr(flow.server_conn.address)
        record.bytes_sent = len(flow.request.packed)
        record.bytes_received = len(flow.response.packed) if flow.response is not None else 0
        if flow.error is not None:
            record.error = flow.error.msg
        self._hand_off(record, flow.client_conn)

    # -- shutdown -----------------------------------------------------------------------------

    def done(self) -> None:
        """Hand on what is still open, so stopping the capture loses nothing already seen."""
        note = "capture stopped before the flow ended"
        for flow in list(self._open.values()):
            if isinstance(flow, http.HTTPFlow):
                self._finish_http(flow, error=note, arrived=self._arrived_body(flow))
            elif isinstance(flow, tcp.TCPFlow):
                self._finish_stream(flow, "tcp", error=note)
            else:
                self._finish_stream(flow, "udp", error=note)
        self._open.clear()


def _stable_id(flow_id: str) -> str:
    try:
        return uuid.UUID(flow_id).hex
    except ValueError:
        return new_flow_id()


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0


# ---------------------------------------------------------------------------------------------
# Sinkhole


@dataclass(frozen=True, slots=True)
class SinkholeRule:
    """One `--sinkhole PATTERN`.

    `re:REGEX` searches the full URL with a regular expression. Any other pattern is a
    case-insensitive shell glob (`*`, `?`, `[...]`): matched against the full URL when it contains
    a `/`, otherwise against the host, where a plain domain also covers its subdomains
    (`sentry.io` matches `o1.ingest.sentry.io`).
    """

    pattern: str
    regex: re.Pattern[str]
    on_url: bool

    @classmethod
    def parse(cls, pattern: str) -> SinkholeRule:
        if pattern.startswith("re:"):
            try:
                return cls(pattern, re.compile(pattern[3:], re.I), True)
            except re.error as err:
                raise ValueError(
                    f"invalid --sinkhole regular expression {pattern[3:]!r}: {err}"
                ) from err
        if not pattern.strip():
            raise ValueError("empty --sinkhole pattern")
        on_url = "/" in pattern
        glob = pattern.lower()
        if not on_url and not any(ch in glob for ch in "*?["):
            regex = re.compile(r"(?:.*\.)?" + re.escape(glob) + r"\Z", re.I)
        else:
            regex = re.compile(fnmatch.translate(glob), re.I)
        return cls(pattern, regex, on_url)

    def matches(self, host: str, url: str) -> bool:
        if self.on_url:
            return bool(
                self.regex.search(url) if self.pattern.startswith("re:") else self.regex.match(url)
            )
        return bool(self.regex.match(host))


class SinkholeAddon:
    """Answers matching requests inside the proxy; the server never sees them."""

    def __init__(self, patterns: Iterable[str], status: int = 204) -> None:
        self.rules = [SinkholeRule.parse(p) for p in patterns]
        self.status = status
        self.answered = 0

    def request(self, flow: http.HTTPFlow) -> None:
        if flow.response is not None or not self.rules:
            return
        host = flow.request.pretty_host.lower()
        url = flow.request.pretty_url
        if any(rule.matches(host, url) for rule in self.rules):
            flow.response = http.Response.make(
                self.status, b"", {"content-type": "text/plain", "x-auditor-sinkhole": "1"}
            )
            flow.metadata[SINKHOLED] = True
            self.answered += 1
