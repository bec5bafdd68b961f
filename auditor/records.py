"""Plain records handed between the capture layer, decoders, labeller, policy engine and store.

Nothing here knows about mitmproxy or Qt: the capture layer copies what it needs out of live
mitmproxy objects into these dataclasses, and every other part of the program works on them.
`to_spec_dict` produces the JSONL flow record promised in the interfaces spec; `from_spec_dict`
reads it back (used by the store's JSON column, `auditor import` of JSONL and round-trip tests).
"""

from __future__ import annotations

import base64
import re
import uuid
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urlsplit, urlunsplit

from auditor.vocabulary import (
    is_credential_header,
    is_secret_key,
)

FlowKind = Literal["http", "websocket", "tcp", "udp", "dns", "tls_failed"]
FLOW_KINDS: tuple[str, ...] = ("http", "websocket", "tcp", "udp", "dns", "tls_failed")

Party = Literal["first", "third", "unknown"]

Verdict = Literal["clear", "vague", "omitted", "consent_required", "contradicted"]
# Ordered from least to most concerning; the store keeps the worst verdict of a flow for filtering.
VERDICTS: tuple[str, ...] = ("clear", "vague", "consent_required", "omitted", "contradicted")

REDACTED = "[redacted]"
# What replaces `user:password@` in a URL: "[redacted]" percent-encoded, so the URL stays valid
# (brackets are not allowed in the userinfo; HAR viewers and mitmproxy refuse such URLs).
REDACTED_USERINFO = "%5Bredacted%5D"


def redact_userinfo(netloc: str) -> str:
    """`user:password@host:port` -> `%5Bredacted%5D@host:port`; other netlocs unchanged."""
    if "@" not in netloc:
        return netloc
    return f"{REDACTED_USERINFO}@{netloc.rsplit('@', 1)[1]}"


def new_flow_id() -> str:
    return uuid.uuid4().hex


@dataclass(slots=True)
class ProcessInfo:
    """The local process that opened the connection (attributed at connect time)."""

    pid: int | None = None
    name: str | None = None
    exe: str | None = None
    cmdline: list[str] | None = None
    app: str | None = None  # groups helper processes of one client: "zoom", "teams", ...
    ppid: int | None = None
    create_time: float | None = None
    launch_tag: str | None = None  # set when the process tree was started by `auditor launch`

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ProcessInfo:
        """From the `process` object of the JSONL record (missing keys are unknown)."""
        return cls(
            pid=data.get("pid"),
            name=data.get("name"),
            exe=data.get("exe"),
            cmdline=data.get("cmdline"),
            app=data.get("app"),
            ppid=data.get("ppid"),
            create_time=data.get("create_time"),
            launch_tag=data.get("launch_tag"),
        )


@dataclass(slots=True)
class RequestRecord:
    method: str
    url: str
    host: str
    port: int
    path: str
    http_version: str = "HTTP/1.1"
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes | None = None  # None: not captured; at most the body cap when truncated
    size: int = 0  # size of the whole body as sent, even when `body` is truncated
    body_truncated: bool = False

    @property
    def scheme(self) -> str:
        return urlsplit(self.url).scheme or "http"

    @property
    def sent_size(self) -> int:
        """Data this request sends: its body and its query string (a GET carries its payload in
        the URL: `?uid=…&email=…` is data sent as much as a POST body is)."""
        query = urlsplit(self.url).query
        return self.size + len(query.encode("utf-8", "surrogateescape"))

    def header(self, name: str) -> str | None:
        lname = name.lower()
        for key, value in self.headers:
            if key.lower() == lname:
                return value
        return None


@dataclass(slots=True)
class ResponseRecord:
    status: int
    reason: str = ""
    http_version: str = "HTTP/1.1"
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes | None = None
    size: int = 0
    body_truncated: bool = False

    def header(self, name: str) -> str | None:
        lname = name.lower()
        for key, value in self.headers:
            if key.lower() == lname:
                return value
        return None


@dataclass(slots=True)
class WebSocketMessage:
    from_client: bool
    ts: float
    is_text: bool
    content: bytes  # at most the body cap
    size: int
    truncated: bool = False


@dataclass(slots=True)
class DnsRecord:
    question: str
    qtype: str = "A"
    answers: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Evidence:
    rule: str  # rule id or detector name that fired
    where: str  # "body › gzip › envelope item 2 › user › email"
    excerpt: str  # already redacted: never a credential in clear


@dataclass(slots=True)
class Label:
    category: str  # from shared/spec/taxonomy.md, e.g. "identifiers.device_id"
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 1.0


@dataclass(slots=True)
class Entity:
    name: str | None = None  # the receiving organisation ("Zoom", "Sentry", "Microsoft")
    party: Party = "unknown"  # relative to the audited app
    domain: str | None = None  # registrable domain (public suffix list)


@dataclass(slots=True)
class PolicyFinding:
    document: str  # "zoom/terms-of-service"
    version: str  # "2023-08-11"
    section: str  # "10.5"
    verdict: str  # one of VERDICTS
    quote: str  # verbatim clause text (or the relevant sentence of it)
    permits: list[str] = field(
        default_factory=list
    )  # purposes the clause allows: "ai_training", ...
    category: str | None = None  # the label this finding is about
    explanation: str = ""
    # Which rule chose the document: "app" (the audited app's vendor), "recipient" (the vendor
    # that receives the flow) or "app+recipient"; None in records made before it was recorded.
    chosen_by: str | None = None


@dataclass(slots=True)
class Field:
    """One decoded value of a flow, with the decoding chain that led to it.

    `path` is the chain from the flow's outer layer inwards, e.g.
    ("body", "gzip", "envelope item 2", "user", "email"). `where` joins it for evidence.
    """

    path: tuple[str, ...]
    value: str | int | float | bool | None
    source: Literal["url", "header", "body", "response", "websocket"] = "body"
    in_stack_frame: bool = False  # inside source-code context embedded in an error report

    @property
    def key(self) -> str:
        return self.path[-1] if self.path else ""

    @property
    def where(self) -> str:
        return " › ".join(self.path)


@dataclass(slots=True)
class FlowRecord:
    id: str
    session: str
    ts: float  # epoch seconds of the request (or connection) start
    kind: str  # one of FLOW_KINDS
    process: ProcessInfo = field(default_factory=ProcessInfo)
    request: RequestRecord | None = None
    response: ResponseRecord | None = None
    entity: Entity = field(default_factory=Entity)
    labels: list[Label] = field(default_factory=list)
    policy: list[PolicyFinding] = field(default_factory=list)
    # Connection-level facts.
    client_addr: tuple[str, int] | None = None
    server_addr: tuple[str, int] | None = None
    sni: str | None = None
    alpn: str | None = None
    tls_version: str | None = None
    error: str | None = None  # e.g. the client's TLS alert for `tls_failed`
    ts_end: float | None = None
    bytes_sent: int = 0  # client -> server, on the wire as seen by the proxy
    bytes_received: int = 0
    websocket: list[WebSocketMessage] = field(default_factory=list)
    dns: DnsRecord | None = None
    sinkholed: bool = False
    dropped_bodies: bool = False  # bodies not kept because of the body cap
    source: str = "capture"  # "capture" | "import:har" | "import:mitm" | "import:jsonl"

    @property
    def host(self) -> str | None:
        if self.request is not None:
            return self.request.host
        if self.sni:
            return self.sni
        if self.dns is not None:
            return self.dns.question
        if self.server_addr is not None:
            return self.server_addr[0]
        return None

    @property
    def duration(self) -> float | None:
        return None if self.ts_end is None else max(0.0, self.ts_end - self.ts)

    def label_categories(self) -> list[str]:
        return [label.category for label in self.labels]

    def worst_verdict(self) -> str | None:
        ranks = [VERDICTS.index(f.verdict) for f in self.policy if f.verdict in VERDICTS]
        return VERDICTS[max(ranks)] if ranks else None


# --------------------------------------------------------------------------------------------
# The JSONL record of the interfaces spec.


def _redact_headers(headers: list[tuple[str, str]], redact: bool) -> list[list[str]]:
    if not redact:
        return [[k, v] for k, v in headers]
    return [[k, REDACTED if is_credential_header(k) else v] for k, v in headers]


_SAFE_ARG = re.compile(r"^--?[A-Za-z0-9][A-Za-z0-9_.-]*(=[A-Za-z0-9_.:/-]{0,64})?$")
_SECRET_WORDS = re.compile(r"(?i)pass|pwd|token|secret|auth|cookie|key|bearer|session|sig")


def redact_cmdline(cmdline: list[str] | None) -> list[str] | None:
    """A process's command line with anything that may be a secret masked.

    Command lines carry tokens (`curl -H "Authorization: …"`, `--password=…`, join URLs with a
    meeting passcode). We keep the program and plain option flags (`--type=renderer` tells helper
    processes apart) and mask every other argument.
    """
    if not cmdline:
        return cmdline
    kept = [cmdline[0]]
    for arg in cmdline[1:]:
        if _SAFE_ARG.match(arg) and not _SECRET_WORDS.search(arg):
            kept.append(arg)
        else:
            kept.append(REDACTED)
    return kept


def redact_url_credentials(url: str) -> str:
    """`url` with credentials masked: user:password@ and query values under secret-looking keys
    (`api_key`, `token`, `pwd`, `sentry_key` …). Everything else stays as sent."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    netloc = redact_userinfo(parts.netloc)
    query = parts.query
    if query:
        pairs = []
        for pair in query.split("&"):
            key, sep, _value = pair.partition("=")
            pairs.append(
                f"{key}{sep}{REDACTED}" if sep and is_secret_key(key, in_query=True) else pair
            )
        query = "&".join(pairs)
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def _redact_path(path: str) -> str:
    if "?" not in path:
        return path
    return redact_url_credentials("http://h" + path)[len("http://h") :]


def _b64(data: bytes | None) -> str | None:
    return None if data is None else base64.b64encode(data).decode("ascii")


def _unb64(data: str | None) -> bytes | None:
    return None if data is None else base64.b64decode(data)


def to_spec_dict(
    record: FlowRecord, *, redact_credentials: bool = True, include_bodies: bool = False
) -> dict[str, Any]:
    """The flow record as the interfaces spec promises it (plus documented extra keys).

    Credential headers are redacted unless `redact_credentials` is False. Bodies are only included
    (base64, under `request.body_b64`) when asked: they may carry anything.
    """
    req = record.request
    resp = record.response
    request: dict[str, Any] | None = None
    if req is not None:
        request = {
            "method": req.method,
            "url": redact_url_credentials(req.url) if redact_credentials else req.url,
            "host": req.host,
            "port": req.port,
            "path": _redact_path(req.path) if redact_credentials else req.path,
            "http_version": req.http_version,
            "headers": _redact_headers(req.headers, redact_credentials),
            "size": req.size,
            "body_truncated": req.body_truncated,
        }
        if include_bodies:
            request["body_b64"] = _b64(req.body)
    response: dict[str, Any] | None = None
    if resp is not None:
        response = {
            "status": resp.status,
            "reason": resp.reason,
            "http_version": resp.http_version,
            "headers": _redact_headers(resp.headers, redact_credentials),
            "size": resp.size,
            "body_truncated": resp.body_truncated,
        }
        if include_bodies:
            response["body_b64"] = _b64(resp.body)
    proc = record.process
    out: dict[str, Any] = {
        "id": record.id,
        "session": record.session,
        "ts": record.ts,
        "kind": record.kind,
        "process": {
            "pid": proc.pid,
            "name": proc.name,
            "exe": proc.exe,
            "app": proc.app,
            "cmdline": redact_cmdline(proc.cmdline) if redact_credentials else proc.cmdline,
            "ppid": proc.ppid,
            "create_time": proc.create_time,
            "launch_tag": proc.launch_tag,
        },
        "request": request,
        "response": response,
        "entity": {
            "name": record.entity.name,
            "party": record.entity.party,
            "domain": record.entity.domain,
        },
        "labels": [
            {
                "category": lab.category,
                "confidence": lab.confidence,
                "evidence": [
                    {"rule": ev.rule, "where": ev.where, "excerpt": ev.excerpt}
                    for ev in lab.evidence
                ],
            }
            for lab in record.labels
        ],
        "policy": [
            {
                "document": f.document,
                "version": f.version,
                "section": f.section,
                "verdict": f.verdict,
                "quote": f.quote,
                "permits": list(f.permits),
                "category": f.category,
                "explanation": f.explanation,
                "chosen_by": f.chosen_by,
            }
            for f in record.policy
        ],
        "client_addr": list(record.client_addr) if record.client_addr else None,
        "server_addr": list(record.server_addr) if record.server_addr else None,
        "sni": record.sni,
        "alpn": record.alpn,
        "tls_version": record.tls_version,
        "error": record.error,
        "ts_end": record.ts_end,
        "bytes_sent": record.bytes_sent,
        "bytes_received": record.bytes_received,
        "websocket": [
            {
                "from_client": m.from_client,
                "ts": m.ts,
                "is_text": m.is_text,
                "size": m.size,
                "truncated": m.truncated,
                **({"content_b64": _b64(m.content)} if include_bodies else {}),
            }
            for m in record.websocket
        ],
        "dns": (
            {
                "question": record.dns.question,
                "qtype": record.dns.qtype,
                "answers": list(record.dns.answers),
            }
            if record.dns
            else None
        ),
        "sinkholed": record.sinkholed,
        "source": record.source,
    }
    return out


def _addr(value: Any) -> tuple[str, int] | None:
    if not value:
        return None
    return (str(value[0]), int(value[1]))


def from_spec_dict(data: dict[str, Any]) -> FlowRecord:
    """Inverse of `to_spec_dict` (bodies come back when they were included)."""
    req_d = data.get("request")
    resp_d = data.get("response")
    request = None
    if req_d:
        request = RequestRecord(
            method=req_d["method"],
            url=req_d["url"],
            host=req_d["host"],
            port=int(req_d["port"]),
            path=req_d["path"],
            http_version=req_d.get("http_version", "HTTP/1.1"),
            headers=[(str(k), str(v)) for k, v in req_d.get("headers", [])],
            body=_unb64(req_d.get("body_b64")),
            size=int(req_d.get("size", 0)),
            body_truncated=bool(req_d.get("body_truncated", False)),
        )
    response = None
    if resp_d:
        response = ResponseRecord(
            status=int(resp_d["status"]),
            reason=resp_d.get("reason", ""),
            http_version=resp_d.get("http_version", "HTTP/1.1"),
            headers=[(str(k), str(v)) for k, v in resp_d.get("headers", [])],
            body=_unb64(resp_d.get("body_b64")),
            size=int(resp_d.get("size", 0)),
            body_truncated=bool(resp_d.get("body_truncated", False)),
        )
    proc_d = data.get("process") or {}
    ent_d = data.get("entity") or {}
    dns_d = data.get("dns")
    return FlowRecord(
        id=data["id"],
        session=data["session"],
        ts=float(data["ts"]),
        kind=data["kind"],
        process=ProcessInfo.from_dict(proc_d),
        request=request,
        response=response,
        entity=Entity(
            name=ent_d.get("name"), party=ent_d.get("party", "unknown"), domain=ent_d.get("domain")
        ),
        labels=[
            Label(
                category=lab["category"],
                confidence=float(lab.get("confidence", 1.0)),
                evidence=[
                    Evidence(rule=e["rule"], where=e["where"], excerpt=e["excerpt"])
                    for e in lab.get("evidence", [])
                ],
            )
            for lab in data.get("labels", [])
        ],
        policy=[
            PolicyFinding(
                document=p["document"],
                version=p["version"],
                section=p["section"],
                verdict=p["verdict"],
                quote=p["quote"],
                permits=list(p.get("permits", [])),
                category=p.get("category"),
                explanation=p.get("explanation", ""),
                chosen_by=p.get("chosen_by"),
            )
            for p in data.get("policy", [])
        ],
        client_addr=_addr(data.get("client_addr")),
        server_addr=_addr(data.get("server_addr")),
        sni=data.get("sni"),
        alpn=data.get("alpn"),
        tls_version=data.get("tls_version"),
        error=data.get("error"),
        ts_end=data.get("ts_end"),
        bytes_sent=int(data.get("bytes_sent", 0)),
        bytes_received=int(data.get("bytes_received", 0)),
        websocket=[
            WebSocketMessage(
                from_client=bool(m["from_client"]),
                ts=float(m["ts"]),
                is_text=bool(m["is_text"]),
                content=_unb64(m.get("content_b64")) or b"",
                size=int(m["size"]),
                truncated=bool(m.get("truncated", False)),
            )
            for m in data.get("websocket", [])
        ],
        dns=(
            DnsRecord(
                question=dns_d["question"],
                qtype=dns_d.get("qtype", "A"),
                answers=list(dns_d.get("answers", [])),
            )
            if dns_d
            else None
        ),
        sinkholed=bool(data.get("sinkholed", False)),
        source=data.get("source", "capture"),
    )
