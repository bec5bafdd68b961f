"""FlowRecords → HAR 1.2 (what browser devtools, HTTP Toolkit and HAR viewers open).

`make_har` is pure (records in, dict out); `write_har` streams the same structure entry by entry,
so a large session never sits in memory as one document. Bodies follow the HAR spec: response
`content.text` is the decoded body (content-encodings undone), binary bodies are base64 with
`encoding: "base64"`; the same convention is used for `postData` (a common extension).

Each entry carries `_auditor` (flow id, process, labels, verdicts, connection facts) and the log
carries `_auditor.other_flows`: DNS, TCP, UDP and failed-TLS flows that HAR has no form for, as
JSONL flow records. Custom fields start with `_`, as HAR 1.2 allows.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from auditor import __version__
from auditor.export.common import ProgressCallback, atomic_output, counted, extension_for
from auditor.records import FlowRecord, RequestRecord, ResponseRecord, to_spec_dict

HAR_VERSION = "1.2"
NOT_REDACTED_NOTE = (
    "NOT REDACTED: exported with --no-redact; contains credentials and identifiers in clear."
)
REDACTED_NOTE = (
    "Redacted by Meeting Privacy Auditor: credentials removed, identifiers replaced by "
    "HMAC-SHA256 pseudonyms (stable per install)."
)


def _iso(ts: float) -> str:
    return (
        datetime.fromtimestamp(ts, tz=UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    )


def _name_values(pairs: Iterable[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"name": k, "value": v} for k, v in pairs]


def _mime(headers: list[tuple[str, str]]) -> str:
    for k, v in headers:
        if k.lower() == "content-type":
            return v
    return ""


def _decoded(body: bytes, headers: list[tuple[str, str]]) -> bytes:
    from auditor.decode.compression import DECODERS, parse_encodings

    encoding = next((v for k, v in headers if k.lower() == "content-encoding"), None)
    data = body
    for name in reversed(parse_encodings(encoding)):
        decoder = DECODERS.get(name)
        if decoder is None:
            return body
        result = decoder(data, 64 * 1024 * 1024)
        if result.error:
            return body  # keep what was sent; better raw than invented
        data = result.data
    return data


def _text_fields(body: bytes) -> dict[str, Any]:
    try:
        return {"text": body.decode("utf-8")}
    except UnicodeDecodeError:
        return {"text": base64.b64encode(body).decode("ascii"), "encoding": "base64"}


def _request(req: RequestRecord) -> dict[str, Any]:
    try:
        query = urlsplit(req.url).query
    except ValueError:
        query = ""
    out: dict[str, Any] = {
        "method": req.method,
        "url": req.url,
        "httpVersion": req.http_version,
        "cookies": [],
        "headers": _name_values(req.headers),
        "queryString": _name_values(parse_qsl(query, keep_blank_values=True)),
        "headersSize": -1,
        "bodySize": req.size if req.body is not None or req.size else 0,
    }
    if req.body is not None and (req.body or req.method not in ("GET", "HEAD")):
        post: dict[str, Any] = {"mimeType": _mime(req.headers), "params": []}
        post.update(_text_fields(req.body))
        out["postData"] = post
    return out


def _response(resp: ResponseRecord | None, error: str | None) -> dict[str, Any]:
    if resp is None:
        out: dict[str, Any] = {
            "status": 0,
            "statusText": "",
            "httpVersion": "",
            "cookies": [],
            "headers": [],
            "content": {"size": 0, "mimeType": "x-unknown"},
            "redirectURL": "",
            "headersSize": -1,
            "bodySize": -1,
        }
        if error:
            out["_error"] = error
        return out
    content: dict[str, Any] = {"size": resp.size, "mimeType": _mime(resp.headers) or "x-unknown"}
    if resp.body is not None:
        decoded = _decoded(resp.body, resp.headers)
        content["size"] = len(decoded) if not resp.body_truncated else max(resp.size, len(decoded))
        if len(decoded) != len(resp.body):
            content["compression"] = len(decoded) - len(resp.body)
        content.update(_text_fields(decoded))
    location = resp.header("location") or ""
    return {
        "status": resp.status,
        "statusText": resp.reason,
        "httpVersion": resp.http_version,
        "cookies": [],
        "headers": _name_values(resp.headers),
        "content": content,
        "redirectURL": location,
        "headersSize": -1,
        "bodySize": len(resp.body) if resp.body is not None else resp.size,
    }


def make_entry(record: FlowRecord, *, redacted: bool) -> dict[str, Any]:
    assert record.request is not None
    duration_ms = max(0.0, (record.duration or 0.0) * 1000.0)
    entry: dict[str, Any] = {
        "startedDateTime": _iso(record.ts),
        "time": round(duration_ms, 3),
        "request": _request(record.request),
        "response": _response(record.response, record.error),
        "cache": {},
        "timings": {"send": 0, "wait": round(duration_ms, 3), "receive": 0},
    }
    if record.server_addr:
        entry["serverIPAddress"] = record.server_addr[0]
    if record.websocket:
        entry["_resourceType"] = "websocket"
        entry["_webSocketMessages"] = [
            {
                "type": "send" if m.from_client else "receive",
                "time": m.ts,
                "opcode": 1 if m.is_text else 2,
                "data": m.content.decode("utf-8", "replace")
                if m.is_text
                else base64.b64encode(m.content).decode("ascii"),
            }
            for m in record.websocket
        ]
    labels = record.label_categories()
    if labels:
        entry["comment"] = "labels: " + ", ".join(labels)
    entry["_auditor"] = extension_for(record, redacted=redacted)
    return entry


def _log_head(*, redacted: bool, session: str | None) -> dict[str, Any]:
    return {
        "version": HAR_VERSION,
        "creator": {"name": "Meeting Privacy Auditor", "version": __version__},
        "pages": [],
        "comment": REDACTED_NOTE if redacted else NOT_REDACTED_NOTE,
    }


def _log_tail(
    other: list[dict[str, Any]], *, redacted: bool, session: str | None
) -> dict[str, Any]:
    return {"redacted": redacted, "session": session, "other_flows": other}


def _other_flow(record: FlowRecord, *, redacted: bool) -> dict[str, Any]:
    spec = to_spec_dict(record, redact_credentials=redacted, include_bodies=True)
    spec["redacted"] = redacted
    return spec


def is_har_flow(record: FlowRecord) -> bool:
    return record.request is not None and record.kind in ("http", "websocket")


def make_har(
    records: Iterable[FlowRecord], *, redacted: bool = True, session: str | None = None
) -> dict[str, Any]:
    """A HAR 1.2 document. `redacted` only labels the output: redact the records beforehand."""
    log = _log_head(redacted=redacted, session=session)
    entries: list[dict[str, Any]] = []
    other: list[dict[str, Any]] = []
    for record in records:
        if is_har_flow(record):
            entries.append(make_entry(record, redacted=redacted))
        else:
            other.append(_other_flow(record, redacted=redacted))
    log["entries"] = entries
    log["_auditor"] = _log_tail(other, redacted=redacted, session=session)
    return {"log": log}


def write_har(
    records: Iterable[FlowRecord],
    path: Path,
    *,
    redacted: bool = True,
    session: str | None = None,
    progress: ProgressCallback | None = None,
) -> int:
    """Stream a HAR file; returns the number of flows written. Same document as `make_har`."""
    head = json.dumps(_log_head(redacted=redacted, session=session), ensure_ascii=False)
    other: list[dict[str, Any]] = []
    count = 0
    with atomic_output(path, "w", private=not redacted) as fh:
        fh.write('{"log": ' + head[:-1] + ', "entries": [\n')
        first = True
        for record in counted(records, progress):
            count += 1
            if not is_har_flow(record):
                other.append(_other_flow(record, redacted=redacted))
                continue
            if not first:
                fh.write(",\n")
            first = False
            fh.write(json.dumps(make_entry(record, redacted=redacted), ensure_ascii=False))
        tail = json.dumps(_log_tail(other, redacted=redacted, session=session), ensure_ascii=False)
        fh.write('\n], "_auditor": ' + tail + "}}\n")
    return count
