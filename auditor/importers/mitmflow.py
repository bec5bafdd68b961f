"""mitmproxy flow files (`.mitm`, `.flow`, as written by `mitmdump -w` or mitmweb) → FlowRecords.

mitmproxy objects stay inside this module: everything leaves as plain FlowRecords. The reader
streams flow by flow, and a file object wrapper refuses length prefixes that point past the end
of the file, so a corrupt or hostile file costs bounded memory and ends in an InputFormatError.
Files written by `auditor export mitm` carry `metadata["auditor"]` with what mitmproxy has no
field for (process, flow kind, flow id).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from auditor.errors import InputFormatError
from auditor.importers.common import (
    apply_extension,
    as_str,
    check_size,
    max_bytes_from_env,
    normalize_record,
)
from auditor.records import (
    DnsRecord,
    FlowRecord,
    RequestRecord,
    ResponseRecord,
    WebSocketMessage,
    new_flow_id,
)

METADATA_KEY = "auditor"


class _BoundedReader(io.RawIOBase):
    """Clamps reads to the bytes really left in the file.

    mitmproxy's tnetstring reader trusts a length prefix and calls `read(length)`; a corrupt prefix
    of many gigabytes would otherwise be allocated before anything notices the file is short.
    """

    def __init__(self, fh: IO[bytes], size: int) -> None:
        super().__init__()
        self._fh = fh
        self._left = size

    def readable(self) -> bool:
        return True

    def read(self, n: int | None = -1) -> bytes:
        if n is None or n < 0:
            n = self._left
        if self._left == 0:
            return b""  # the reader's own end-of-file detection needs an empty read
        if n > self._left:
            raise InputFormatError("truncated flow file (a record runs past the end of the file)")
        data = self._fh.read(n)
        self._left -= len(data)
        return data

    def readinto(self, buffer: Any) -> int:
        data = self.read(min(len(buffer), self._left))
        buffer[: len(data)] = data
        return len(data)

    def peek(self, n: int = 1) -> bytes:
        # FlowReader.peek is only used for format sniffing; emulate it on a seekable file.
        pos = self._fh.tell()
        data = self._fh.read(min(n, self._left))
        self._fh.seek(pos)
        return data


def _headers(headers: Any) -> list[tuple[str, str]]:
    return [(str(k), str(v)) for k, v in headers.items(multi=True)]


def _addr(value: Any) -> tuple[str, int] | None:
    if not value or len(value) < 2:
        return None
    return (str(value[0]), int(value[1]))


def _http_record(flow: Any, session: str) -> FlowRecord:
    req = flow.request
    body = req.raw_content
    request = RequestRecord(
        method=req.method,
        url=req.url,
        host=req.host,
        port=int(req.port),
        path=req.path,
        http_version=req.http_version,
        headers=_headers(req.headers),
        body=body,
        size=len(body or b""),
    )
    response = None
    resp = flow.response
    if resp is not None:
        rbody = resp.raw_content
        response = ResponseRecord(
            status=int(resp.status_code),
            reason=resp.reason or "",
            http_version=resp.http_version,
            headers=_headers(resp.headers),
            body=rbody,
            size=len(rbody or b""),
        )
    messages: list[WebSocketMessage] = []
    if flow.websocket is not None:
        for msg in flow.websocket.messages:
            messages.append(
                WebSocketMessage(
                    from_client=bool(msg.from_client),
                    ts=float(msg.timestamp),
                    is_text=bool(msg.is_text),
                    content=bytes(msg.content),
                    size=len(msg.content),
                )
            )
    ts_end = None
    if resp is not None and resp.timestamp_end:
        ts_end = float(resp.timestamp_end)
    elif req.timestamp_end:
        ts_end = float(req.timestamp_end)
    sent = len(body or b"") + sum(m.size for m in messages if m.from_client)
    received = (len(resp.raw_content or b"") if resp is not None else 0) + sum(
        m.size for m in messages if not m.from_client
    )
    return FlowRecord(
        id=new_flow_id(),
        session=session,
        ts=float(req.timestamp_start),
        kind="websocket" if flow.websocket is not None else "http",
        request=request,
        response=response,
        ts_end=ts_end,
        websocket=messages,
        bytes_sent=sent,
        bytes_received=received,
    )


def _stream_record(flow: Any, session: str, kind: str) -> FlowRecord:
    messages = list(getattr(flow, "messages", []) or [])
    start = flow.client_conn.timestamp_start or flow.timestamp_created
    end = flow.client_conn.timestamp_end
    return FlowRecord(
        id=new_flow_id(),
        session=session,
        ts=float(start or 0.0),
        kind=kind,
        ts_end=float(end) if end else None,
        bytes_sent=sum(len(m.content) for m in messages if m.from_client),
        bytes_received=sum(len(m.content) for m in messages if not m.from_client),
    )


def _dns_record(flow: Any, session: str) -> FlowRecord:
    from mitmproxy import dns

    record = _stream_record(flow, session, "dns")
    req = flow.request
    if req is not None and req.questions:
        question = req.questions[0]
        answers: list[str] = []
        if flow.response is not None:
            answers = [str(rr.to_json().get("data", "")) for rr in flow.response.answers]
        record.dns = DnsRecord(
            question=str(question.name), qtype=dns.types.to_str(question.type), answers=answers
        )
        if req.timestamp:
            record.ts = float(req.timestamp)
    return record


def flow_to_record(flow: Any, *, session: str | None, fallback_session: str) -> FlowRecord | None:
    """One mitmproxy flow → FlowRecord (None for flow types we do not model).

    `session` None keeps the session our own exporter recorded, else `fallback_session`."""
    ext = (flow.metadata or {}).get(METADATA_KEY)
    ext = ext if isinstance(ext, dict) else None
    session = session or (as_str(ext.get("session")) if ext else "") or fallback_session
    ftype = getattr(flow, "type", "")
    if ftype == "http":
        if flow.request is None:
            return None
        record = _http_record(flow, session)
    elif ftype in ("tcp", "udp"):
        record = _stream_record(flow, session, ftype)
    elif ftype == "dns":
        record = _dns_record(flow, session)
    else:
        return None
    client = flow.client_conn
    server = flow.server_conn
    record.client_addr = _addr(client.peername) if client is not None else None
    if server is not None:
        record.server_addr = _addr(server.peername) or _addr(server.address)
        record.tls_version = server.tls_version or None
    if client is not None:
        record.sni = client.sni or None
        if client.alpn:
            record.alpn = client.alpn.decode("ascii", "replace")
        record.tls_version = client.tls_version or record.tls_version
    if flow.error is not None:
        record.error = as_str(flow.error.msg) or None
    record.source = "import:mitm"
    if ext is not None:
        apply_extension(record, ext)
    return normalize_record(record)


def iter_mitm_records(
    path: Path, *, session: str | None, fallback_session: str, max_bytes: int | None = None
) -> Iterator[FlowRecord]:
    """Streams flow by flow; the caller keeps what it reads (one transaction per file), so the
    same size limit as for HAR and JSONL applies."""
    from mitmproxy import io as mitm_io
    from mitmproxy.exceptions import FlowReadException

    size = check_size(path, max_bytes if max_bytes is not None else max_bytes_from_env())
    try:
        fh = path.open("rb")
    except OSError as err:
        raise InputFormatError(f"{path}: cannot read: {err.strerror or err}") from None
    with fh:
        reader = mitm_io.FlowReader(_BoundedReader(fh, size))  # type: ignore[arg-type]
        count = 0
        try:
            for flow in reader.stream():
                count += 1
                record = flow_to_record(flow, session=session, fallback_session=fallback_session)
                if record is not None:
                    yield record
        except InputFormatError as err:
            raise InputFormatError(f"{path}: {err} after {count} flows") from None
        except FlowReadException as err:
            raise InputFormatError(f"{path}: not a readable mitmproxy flow file: {err}") from None
        except Exception as err:
            # mitmproxy's deserialisers fail in many ways on a damaged file (ValueError, KeyError,
            # AssertionError from set_state, ...): whatever it is, the file is corrupt.
            raise InputFormatError(
                f"{path}: corrupt mitmproxy flow file after {count} flows ({type(err).__name__})"
            ) from None
