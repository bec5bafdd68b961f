"""HAR 1.2 files → FlowRecords.

Tolerates what real tools write: Chrome and Edge (`_webSocketMessages`, `_resourceType`, bracketed
IPv6 `serverIPAddress`), Firefox (`HTTP/2` versions, bodies left out), Charles (byte-order mark,
`comment`s), Insomnia (sparse entries) and mitmproxy (`content.encoding: base64`). Missing fields
get neutral defaults; an entry without a request URL is skipped and counted, not fatal.

HAR bodies are already decoded (the spec says `content.text` is the decoded text), so the importer
drops `Content-Encoding` from the record's headers: otherwise the decoders would try to gunzip
plain text. Files written by `auditor export har` carry an `_auditor` object per entry that gives
back what HAR has no field for (flow id, process, connection facts, flow kind).
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from auditor.errors import InputFormatError
from auditor.importers.common import (
    apply_extension,
    as_float,
    as_int,
    as_size,
    as_status,
    as_str,
    decode_utf8,
    default_port,
    normalize_http_version,
    normalize_record,
    read_bytes,
)
from auditor.records import (
    FLOW_KINDS,
    FlowRecord,
    RequestRecord,
    ResponseRecord,
    WebSocketMessage,
    from_spec_dict,
    new_flow_id,
)

EXTENSION_KEY = "_auditor"  # per-entry and per-log extension written by our own exporter


@dataclass
class HarImport:
    records: list[FlowRecord] = field(default_factory=list)
    skipped: int = 0  # entries without a usable request
    creator: str = ""
    session: str | None = None  # the session recorded by `auditor export har`, if any


def parse_iso_time(value: Any) -> float | None:
    text = as_str(value).strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None


def _headers(items: Any) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if not isinstance(items, list):
        return out
    for item in items:
        if isinstance(item, dict) and "name" in item:
            out.append((as_str(item.get("name")), as_str(item.get("value"))))
    return out


def _text_bytes(text: Any, encoding: Any) -> bytes | None:
    if text is None:
        return None
    if not isinstance(text, str):
        text = json.dumps(text) if isinstance(text, dict | list) else str(text)
    if as_str(encoding).lower() == "base64":
        try:
            return base64.b64decode(text, validate=False)
        except (binascii.Error, ValueError):
            return text.encode("utf-8", "surrogatepass")
    return text.encode("utf-8", "surrogatepass")


def _request_body(post: Any) -> bytes | None:
    if not isinstance(post, dict):
        return None
    text = post.get("text")
    if text is not None and text != "":
        return _text_bytes(text, post.get("encoding"))
    params = post.get("params")
    if isinstance(params, list) and params:
        # Only the parameters were kept (Firefox for forms, some Charles exports): rebuild the form.
        pairs = [
            (as_str(p.get("name")), as_str(p.get("value"))) for p in params if isinstance(p, dict)
        ]
        return urlencode(pairs).encode("ascii")
    return b"" if text == "" else None


def _without_content_encoding(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(k, v) for k, v in headers if k.lower() != "content-encoding"]


def _server_addr(value: Any, port: int) -> tuple[str, int] | None:
    text = as_str(value).strip()
    if not text:
        return None
    if text.startswith("[") and "]" in text:
        text = text[1 : text.index("]")]
    return (text, port)


def _websocket_messages(items: Any, start: float) -> list[WebSocketMessage]:
    out: list[WebSocketMessage] = []
    if not isinstance(items, list):
        return out
    for item in items:
        if not isinstance(item, dict):
            continue
        opcode = as_int(item.get("opcode"), 1)
        if opcode not in (1, 2):
            continue  # control frames (ping/pong/close) carry no data worth labelling
        data = item.get("data")
        is_text = opcode == 1
        if is_text:
            content = as_str(data).encode("utf-8", "surrogatepass")
        else:
            try:
                content = base64.b64decode(as_str(data), validate=False)
            except (binascii.Error, ValueError):
                content = as_str(data).encode("utf-8", "surrogatepass")
        ts = as_float(item.get("time"))
        out.append(
            WebSocketMessage(
                from_client=as_str(item.get("type")).lower() == "send",
                ts=ts if ts is not None else start,
                is_text=is_text,
                content=content,
                size=len(content),
            )
        )
    return out


def entry_to_record(
    entry: dict[str, Any], *, session: str, fallback_ts: float
) -> FlowRecord | None:
    req = entry.get("request")
    if not isinstance(req, dict):
        return None
    url = as_str(req.get("url")).strip()
    if not url:
        return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme or "http"
    host = parts.hostname or ""
    if not host:
        return None
    port = port or default_port(scheme)
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    ts = parse_iso_time(entry.get("startedDateTime"))
    if ts is None:
        ts = fallback_ts
    req_headers = _headers(req.get("headers"))
    req_body = _request_body(req.get("postData"))
    body_size = as_int(req.get("bodySize"), -1)  # clamped with the rest by normalize_record
    request = RequestRecord(
        method=as_str(req.get("method"), "GET").upper() or "GET",
        url=url,
        host=host,
        port=port,
        path=path,
        http_version=normalize_http_version(req.get("httpVersion")),
        headers=req_headers,
        body=req_body,
        size=body_size if body_size >= 0 else len(req_body or b""),
    )
    response: ResponseRecord | None = None
    resp = entry.get("response")
    status = as_status(resp.get("status")) if isinstance(resp, dict) else 0
    # Chrome writes status 0 (and "_error") for requests that never got an answer.
    if isinstance(resp, dict) and status > 0:
        raw_content = resp.get("content")
        content: dict[str, Any] = raw_content if isinstance(raw_content, dict) else {}
        body = _text_bytes(content.get("text"), content.get("encoding"))
        resp_headers = _headers(resp.get("headers"))
        if body is not None:
            resp_headers = _without_content_encoding(resp_headers)
        size = as_int(content.get("size"), -1)
        response = ResponseRecord(
            status=status,
            reason=as_str(resp.get("statusText")),
            http_version=normalize_http_version(resp.get("httpVersion")),
            headers=resp_headers,
            body=body,
            size=size if size >= 0 else len(body or b""),
        )
    duration_ms = as_float(entry.get("time"))
    ws = _websocket_messages(entry.get("_webSocketMessages"), ts)
    upgrade = (request.header("upgrade") or "").lower() == "websocket"
    kind = "websocket" if ws or upgrade or scheme in ("ws", "wss") else "http"
    record = FlowRecord(
        id=new_flow_id(),
        session=session,
        ts=ts,
        kind=kind,
        request=request,
        response=response,
        server_addr=_server_addr(entry.get("serverIPAddress"), port),
        ts_end=ts + duration_ms / 1000.0 if duration_ms is not None and duration_ms >= 0 else None,
        bytes_sent=as_size(as_size(req.get("headersSize")) + as_size(request.size)),
        bytes_received=(
            as_size(as_size(resp.get("headersSize")) + as_size(resp.get("bodySize")))
            if isinstance(resp, dict)
            else 0
        ),
        websocket=ws,
        error=as_str(resp.get("_error")) or None if isinstance(resp, dict) else None,
        source="import:har",
    )
    ext = entry.get(EXTENSION_KEY)
    if isinstance(ext, dict):
        apply_extension(record, ext)
        record.session = session
        record.source = "import:har"
    return normalize_record(record, fallback_ts=fallback_ts)


def parse_har(data: Any, *, session: str, name: str = "HAR") -> HarImport:
    """Turn a parsed HAR document into records. Raises InputFormatError if it is not a HAR."""
    if not isinstance(data, dict) or not isinstance(data.get("log"), dict):
        raise InputFormatError(f'{name}: not a HAR file (no top-level "log" object)')
    log = data["log"]
    entries = log.get("entries")
    if entries is None:
        entries = []
    if not isinstance(entries, list):
        raise InputFormatError(f'{name}: not a HAR file ("log.entries" is not a list)')
    result = HarImport()
    creator = log.get("creator")
    if isinstance(creator, dict):
        result.creator = f"{as_str(creator.get('name'))} {as_str(creator.get('version'))}".strip()
    log_ext = log.get(EXTENSION_KEY)
    if isinstance(log_ext, dict) and isinstance(log_ext.get("session"), str):
        result.session = as_str(log_ext["session"]).strip() or None
    last_ts = 0.0
    for entry in entries:
        record = (
            entry_to_record(entry, session=session, fallback_ts=last_ts)
            if isinstance(entry, dict)
            else None
        )
        if record is None:
            result.skipped += 1
            continue
        last_ts = record.ts
        result.records.append(record)
    # Flows that HAR cannot express (DNS, raw TCP/UDP, failed TLS handshakes), kept by our exporter.
    if isinstance(log_ext, dict) and isinstance(log_ext.get("other_flows"), list):
        for item in log_ext["other_flows"]:
            record = _other_flow(item)
            if record is None:
                result.skipped += 1
                continue
            record.session = session
            record.source = "import:har"
            result.records.append(normalize_record(record, fallback_ts=last_ts))
    return result


def _other_flow(item: Any) -> FlowRecord | None:
    """A flow record kept whole in the log extension, or None when it is not a usable one."""
    if not isinstance(item, dict):
        return None
    try:
        record = from_spec_dict(item)
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError, binascii.Error):
        return None
    if record.kind not in FLOW_KINDS or not isinstance(record.id, str) or not record.id:
        return None
    return record


def load_har(path: Path, *, max_bytes: int) -> Any:
    text = decode_utf8(path, read_bytes(path, max_bytes))
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        # A string left open runs to the end of the file: that is truncation, wherever it began.
        ends_early = err.pos >= len(text.rstrip()) or err.msg.startswith("Unterminated string")
        what = "truncated" if ends_early else "malformed"
        raise InputFormatError(
            f"{path}: {what} HAR (JSON error at line {err.lineno} column {err.colno}: {err.msg})"
        ) from None
    except RecursionError:
        raise InputFormatError(f"{path}: HAR nested too deeply") from None
    except ValueError:
        # Not a JSONDecodeError: an integer past Python's 4,300-digit conversion limit.
        raise InputFormatError(f"{path}: malformed HAR (a number too long to read)") from None


def read_har(path: Path, *, session: str, max_bytes: int) -> HarImport:
    return parse_har(load_har(path, max_bytes=max_bytes), session=session, name=str(path))
