"""The one factory for the records tests and benchmarks build (in the manner of mitmproxy's
`mitmproxy.test.tflow`): small functions with sensible defaults and keyword overrides.

    tflow()                                   an HTTP flow: a POST to collector.example.com
    tflow(resp=True)                          ... with a 200 OK response
    tflow(req=treq("https://a.example/x?q=1", method="GET", headers=[("Cookie", "c=1")]))
    tflow(ws=[tws(b'{"op": 2}')])             a websocket flow with one message from the client
    tflow(req=False, kind="tcp", server_addr=("192.0.2.1", 8801))   a flow without a request
    tdnsflow(dns=tdns("zoom.us", answers=["203.0.113.1"]))
    tfullflow()                               every field set away from its default

A request's host, port and path come from its URL unless given (give them when a test needs
them to disagree with the URL); a body's size is its length unless given. Modules that need a
domain preset (the export samples, the planted secrets, the store's `make_flow`) are thin
wrappers over these functions. Imported by `bench` too (run from the repository root).
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any
from urllib.parse import urlsplit

from auditor.records import (
    DnsRecord,
    Entity,
    Evidence,
    FlowRecord,
    Label,
    Party,
    PolicyFinding,
    ProcessInfo,
    RequestRecord,
    ResponseRecord,
    WebSocketMessage,
    new_flow_id,
)

DEFAULT_URL = "https://collector.example.com/api"
DEFAULT_TS = 1_700_000_000.0  # 2023-11-14


def treq(
    url: str = DEFAULT_URL,
    *,
    method: str = "POST",
    headers: list[tuple[str, str]] | None = None,
    body: bytes | None = None,
    size: int | None = None,
    host: str | None = None,
    port: int | None = None,
    path: str | None = None,
    http_version: str = "HTTP/1.1",
    body_truncated: bool = False,
) -> RequestRecord:
    """A request to `url`; host, port (443 for https/wss, else 80) and path (with the query)
    from the URL unless given; `size` the body's length unless given."""
    if host is None or port is None or path is None:
        parts = urlsplit(url)
        if host is None:
            host = parts.hostname or ""
        if port is None:
            port = parts.port or (443 if parts.scheme in ("https", "wss") else 80)
        if path is None:
            path = parts.path + (f"?{parts.query}" if parts.query else "")
    return RequestRecord(
        method=method,
        url=url,
        host=host,
        port=port,
        path=path,
        http_version=http_version,
        headers=list(headers or []),
        body=body,
        size=len(body or b"") if size is None else size,
        body_truncated=body_truncated,
    )


def tresp(
    status: int = 200,
    *,
    reason: str | None = None,
    headers: list[tuple[str, str]] | None = None,
    body: bytes | None = None,
    size: int | None = None,
    http_version: str = "HTTP/1.1",
    body_truncated: bool = False,
) -> ResponseRecord:
    """A response; `reason` the status's standard phrase unless given ("" for an unknown one)."""
    if reason is None:
        try:
            reason = HTTPStatus(status).phrase
        except ValueError:
            reason = ""
    return ResponseRecord(
        status=status,
        reason=reason,
        http_version=http_version,
        headers=list(headers or []),
        body=body,
        size=len(body or b"") if size is None else size,
        body_truncated=body_truncated,
    )


def tws(
    content: bytes = b'{"type":"ping"}',
    *,
    from_client: bool = True,
    ts: float = DEFAULT_TS,
    is_text: bool = True,
    size: int | None = None,
    truncated: bool = False,
) -> WebSocketMessage:
    """A websocket message (from the client, text, unless told); `size` its length unless given."""
    return WebSocketMessage(
        from_client=from_client,
        ts=ts,
        is_text=is_text,
        content=content,
        size=len(content) if size is None else size,
        truncated=truncated,
    )


def tprocess(**overrides: Any) -> ProcessInfo:
    """The Zoom client's process unless overridden (`ProcessInfo()` is the unknown process)."""
    fields: dict[str, Any] = {"pid": 4242, "name": "zoom", "exe": "/opt/zoom/zoom", "app": "zoom"}
    fields.update(overrides)
    return ProcessInfo(**fields)


def tentity(
    name: str | None = "Zoom", party: Party = "first", domain: str | None = "zoom.us"
) -> Entity:
    return Entity(name=name, party=party, domain=domain)


def tlabel(
    category: str, *evidence: Evidence | tuple[str, str, str], confidence: float = 1.0
) -> Label:
    """A label; each evidence an `Evidence` or a (rule, where, excerpt) tuple."""
    return Label(
        category,
        [e if isinstance(e, Evidence) else Evidence(*e) for e in evidence],
        confidence,
    )


def tfinding(
    verdict: str = "clear",
    *,
    document: str = "zoom/privacy",
    version: str = "2024-01-01",
    section: str = "1.1",
    quote: str = "a quote",
    permits: list[str] | None = None,
    category: str | None = None,
    explanation: str = "",
    chosen_by: str | None = None,
) -> PolicyFinding:
    return PolicyFinding(
        document=document,
        version=version,
        section=section,
        verdict=verdict,
        quote=quote,
        permits=list(permits or []),
        category=category,
        explanation=explanation,
        chosen_by=chosen_by,
    )


def tdns(
    question: str = "telemetry.example.net", *, qtype: str = "A", answers: list[str] | None = None
) -> DnsRecord:
    return DnsRecord(question=question, qtype=qtype, answers=list(answers or []))


def tflow(
    *,
    req: RequestRecord | bool = True,
    resp: ResponseRecord | bool = False,
    ws: list[WebSocketMessage] | bool = False,
    **fields: Any,
) -> FlowRecord:
    """A flow record: an HTTP request (`treq()`) unless `req` is given or False; `resp=True` adds
    `tresp()`, `ws=True` one client message (and kind "websocket"). Every other `FlowRecord`
    field is a keyword; `id` is fresh unless given, `session` "s", `ts` `DEFAULT_TS`."""
    if req is True:
        req = treq()
    if resp is True:
        resp = tresp()
    if ws is True:
        ws = [tws()]
    messages = ws or []
    if "id" not in fields:
        fields["id"] = new_flow_id()
    fields.setdefault("session", "s")
    fields.setdefault("ts", DEFAULT_TS)
    fields.setdefault("kind", "websocket" if messages else "http")
    return FlowRecord(
        request=req or None,
        response=resp or None,
        websocket=list(messages),
        **fields,
    )


def tdnsflow(*, dns: DnsRecord | None = None, **fields: Any) -> FlowRecord:
    """A DNS flow (no request): `tdns()` unless `dns` is given."""
    return tflow(req=False, kind="dns", dns=tdns() if dns is None else dns, **fields)


def tfullflow() -> FlowRecord:
    """A websocket flow with nearly every field set, most away from their defaults (the
    round-trip record of the capture-to-worker pipe)."""
    return tflow(
        id="abc",
        session="s",
        ts=1.5,
        kind="websocket",
        process=ProcessInfo(7, "zoom", "/opt/zoom/zoom", ["zoom", "-x"], "zoom", 1, 2.5, "s:1"),
        req=treq(
            "https://h/p",
            method="GET",
            http_version="HTTP/2.0",
            headers=[("a", "b")],
            body=b"q",
            size=9,
            body_truncated=True,
        ),
        resp=tresp(101, reason="Switching", headers=[("c", "d")]),
        entity=Entity("Zoom", "first", "zoom.us"),
        labels=[tlabel("identifiers.device_id", ("r", "w", "e"), confidence=0.5)],
        policy=[PolicyFinding("zoom/privacy", "2024", "1", "clear", "q", ["x"], "c", "why")],
        client_addr=("127.0.0.1", 5),
        server_addr=("10.0.0.1", 443),
        sni="h",
        alpn="h2",
        tls_version="TLSv1.3",
        error="e",
        ts_end=3.0,
        bytes_sent=10,
        bytes_received=20,
        ws=[tws(b"hi", ts=2.0)],
        dns=DnsRecord("h", "A", ["1.2.3.4"]),
        sinkholed=True,
        dropped_bodies=True,
        source="capture",
    )
