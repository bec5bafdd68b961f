"""What every importer shares: the size guard, strict text decoding and small coercions.

Importers turn untrusted files into FlowRecords. Anything unexpected becomes a one-line
InputFormatError naming the file, never a traceback.
"""

from __future__ import annotations

import math
import os
import uuid
from pathlib import Path
from typing import Any

from auditor.errors import InputFormatError
from auditor.records import (
    FLOW_KINDS,
    DnsRecord,
    Entity,
    Evidence,
    FlowRecord,
    Label,
    PolicyFinding,
    ProcessInfo,
    new_flow_id,
    spec_fields,
)
from auditor.store.bounds import clean_text, opt_ts

# A HAR or JSONL file is parsed as a whole (JSON needs it), which costs several times its size in
# memory; refuse absurd inputs before reading them. `--max-size` or AUDITOR_IMPORT_MAX_MIB raise it.
DEFAULT_MAX_MIB = 512


def max_bytes_from_env(explicit_mib: float | None = None) -> int:
    if explicit_mib is not None:
        return int(explicit_mib * 1024 * 1024)
    env = os.environ.get("AUDITOR_IMPORT_MAX_MIB")
    if env:
        try:
            return int(float(env) * 1024 * 1024)
        except ValueError:
            raise InputFormatError(f"AUDITOR_IMPORT_MAX_MIB is not a number: {env!r}") from None
    return DEFAULT_MAX_MIB * 1024 * 1024


def check_size(path: Path, max_bytes: int) -> int:
    try:
        size = path.stat().st_size
    except OSError as err:
        raise InputFormatError(f"{path}: cannot read: {err.strerror or err}") from None
    if size > max_bytes:
        raise InputFormatError(
            f"{path}: {size / 1048576:.1f} MiB is larger than the import limit of "
            f"{max_bytes / 1048576:.0f} MiB (raise it with --max-size MIB)"
        )
    return size


def read_bytes(path: Path, max_bytes: int) -> bytes:
    check_size(path, max_bytes)
    try:
        with path.open("rb") as fh:
            # Read one byte past the limit: the file may have grown since stat().
            data = fh.read(max_bytes + 1)
    except OSError as err:
        raise InputFormatError(f"{path}: cannot read: {err.strerror or err}") from None
    if len(data) > max_bytes:
        raise InputFormatError(f"{path}: larger than the import limit of {max_bytes} bytes")
    return data


def decode_utf8(path: Path | str, data: bytes) -> str:
    try:
        # utf-8-sig: Charles and some Windows tools write a byte-order mark.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputFormatError(f"{path}: not valid UTF-8 at byte {err.start}") from None


def as_str(value: Any, default: str = "") -> str:
    """Text from a JSON value, always valid Unicode (a `\\ud800` escape or an undecodable header
    byte becomes U+FFFD): whatever an importer keeps must encode as UTF-8 later."""
    if value is None:
        return default
    return clean_text(value if isinstance(value, str) else str(value))


# Flow ids are looked up, shown and written to every export: an id from a file that is not a short
# printable string is replaced by one derived from it (the same value gives the same id).
MAX_ID_CHARS = 128


def as_flow_id(value: Any) -> str:
    text = as_str(value)
    if not text:
        return new_flow_id()
    if len(text) > MAX_ID_CHARS or not text.isprintable():
        return uuid.uuid5(uuid.NAMESPACE_URL, f"auditor-flow-id:{text}").hex
    return text


def as_int(value: Any, default: int = 0) -> int:
    """An integer from a JSON value; `default` for anything else, including NaN and infinities
    (Python's json reads `NaN`, `Infinity` and `1e400`)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            return default
    if isinstance(value, float):
        return int(value) if math.isfinite(value) else default
    return default


def as_float(value: Any) -> float | None:
    """A finite float from a JSON value, else None (NaN, infinities, integers past a double)."""
    if isinstance(value, bool):
        return None
    try:
        if isinstance(value, int | float | str):
            number = float(value)
        else:
            return None
    except (ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


# Ceiling for one imported byte count. The store's INTEGER columns are signed 64-bit, and it
# adds a whole import's sizes up in Python before binding them (session and tally totals), so
# 2**63-1 per field would still overflow; 1 TiB per body or stream is beyond any real capture
# and leaves room for millions of flows in one import.
MAX_SIZE = 2**40
MAX_INT = 2**63 - 1  # pids and the like: bound as they are
MAX_STATUS = 999
MAX_PORT = 65535


def clamp_int(value: Any, low: int, high: int, default: int = 0) -> int:
    return min(max(as_int(value, default), low), high)


def as_size(value: Any, default: int = 0) -> int:
    """A byte count: 0 .. MAX_SIZE (bigger values would overflow the store's INTEGER columns)."""
    return clamp_int(value, 0, MAX_SIZE, default)


def as_status(value: Any) -> int:
    """An HTTP status 0..999; anything else (out of range, not a number) is 0, "no answer"."""
    status = as_int(value, 0)
    return status if 0 <= status <= MAX_STATUS else 0


def _opt_str(value: Any) -> str | None:
    return None if value is None else as_str(value)


def _opt_int(value: Any, low: int = -MAX_INT - 1, high: int = MAX_INT) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    number = as_int(value, low - 1)
    return number if low <= number <= high else None


def _addr(value: Any) -> tuple[str, int] | None:
    if not isinstance(value, list | tuple) or len(value) != 2:
        return None
    return (as_str(value[0]), clamp_int(value[1], 0, MAX_PORT))


def _headers(items: Any) -> list[tuple[str, str]]:
    if not isinstance(items, list):
        return []
    return [
        (as_str(item[0]), as_str(item[1]))
        for item in items
        if isinstance(item, list | tuple) and len(item) == 2
    ]


def _body(value: Any) -> bytes | None:
    if value is None or isinstance(value, bytes):
        return value
    if isinstance(value, bytearray | memoryview):
        return bytes(value)
    return as_str(value).encode("utf-8", "surrogatepass")


def _confidence(value: Any) -> float:
    number = as_float(value)
    return 1.0 if number is None else min(max(number, 0.0), 1.0)


def normalize_record(record: FlowRecord, *, fallback_ts: float = 0.0) -> FlowRecord:
    """Coerce every field of an imported record to the type and range the records promise, in
    place: what came from a file may hold any JSON value anywhere, and the store (SQLite INTEGER
    columns, NOT NULL kind, JSON column read back as a record), the labeller and the exporters
    all rely on those types. Numbers out of range are clamped or dropped, never an error."""
    record.id = as_flow_id(record.id)
    record.session = as_str(record.session)
    ts = as_float(record.ts)
    record.ts = ts if ts is not None else fallback_ts
    record.kind = record.kind if record.kind in FLOW_KINDS else "http"
    proc = record.process if isinstance(record.process, ProcessInfo) else ProcessInfo()
    cmdline = proc.cmdline
    record.process = ProcessInfo(
        pid=_opt_int(proc.pid, 0),
        name=_opt_str(proc.name),
        exe=_opt_str(proc.exe),
        cmdline=[as_str(a) for a in cmdline] if isinstance(cmdline, list) else None,
        app=_opt_str(proc.app),
        ppid=_opt_int(proc.ppid, 0),
        create_time=opt_ts(as_float(proc.create_time)),
        launch_tag=_opt_str(proc.launch_tag),
    )
    req = record.request
    if req is not None:
        req.method = as_str(req.method, "GET") or "GET"
        req.url = as_str(req.url)
        req.host = as_str(req.host)
        req.port = clamp_int(req.port, 0, MAX_PORT)
        req.path = as_str(req.path, "/")
        req.http_version = as_str(req.http_version, "HTTP/1.1")
        req.headers = _headers(req.headers)
        req.body = _body(req.body)
        req.size = as_size(req.size)
        req.body_truncated = bool(req.body_truncated)
    resp = record.response
    if resp is not None:
        resp.status = as_status(resp.status)
        resp.reason = as_str(resp.reason)
        resp.http_version = as_str(resp.http_version, "HTTP/1.1")
        resp.headers = _headers(resp.headers)
        resp.body = _body(resp.body)
        resp.size = as_size(resp.size)
        resp.body_truncated = bool(resp.body_truncated)
    ent = record.entity if isinstance(record.entity, Entity) else Entity()
    record.entity = Entity(
        name=_opt_str(ent.name),
        party=ent.party if ent.party in ("first", "third", "unknown") else "unknown",
        domain=_opt_str(ent.domain),
    )
    record.labels = [
        Label(
            category=as_str(lab.category),
            evidence=[
                Evidence(rule=as_str(ev.rule), where=as_str(ev.where), excerpt=as_str(ev.excerpt))
                for ev in lab.evidence
            ],
            confidence=_confidence(lab.confidence),
        )
        for lab in record.labels
    ]
    record.policy = [
        PolicyFinding(
            document=as_str(f.document),
            version=as_str(f.version),
            section=as_str(f.section),
            verdict=as_str(f.verdict),
            quote=as_str(f.quote),
            permits=[as_str(p) for p in f.permits] if isinstance(f.permits, list) else [],
            category=_opt_str(f.category),
            explanation=as_str(f.explanation),
            chosen_by=_opt_str(f.chosen_by),
        )
        for f in record.policy
    ]
    record.client_addr = _addr(record.client_addr)
    record.server_addr = _addr(record.server_addr)
    record.sni = _opt_str(record.sni)
    record.alpn = _opt_str(record.alpn)
    record.tls_version = _opt_str(record.tls_version)
    record.error = _opt_str(record.error)
    record.ts_end = opt_ts(as_float(record.ts_end))
    record.bytes_sent = as_size(record.bytes_sent)
    record.bytes_received = as_size(record.bytes_received)
    for msg in record.websocket:
        msg.from_client = bool(msg.from_client)
        msg_ts = opt_ts(as_float(msg.ts))
        msg.ts = msg_ts if msg_ts is not None else record.ts
        msg.is_text = bool(msg.is_text)
        msg.content = _body(msg.content) or b""
        msg.size = as_size(msg.size)
        msg.truncated = bool(msg.truncated)
    dns = record.dns
    if dns is not None:
        answers = dns.answers
        record.dns = DnsRecord(
            question=as_str(dns.question),
            qtype=as_str(dns.qtype, "A") or "A",
            answers=[as_str(a) for a in answers] if isinstance(answers, list) else [],
        )
    record.sinkholed = bool(record.sinkholed)
    record.dropped_bodies = bool(record.dropped_bodies)
    record.source = as_str(record.source)
    return record


def default_port(scheme: str) -> int:
    return {"https": 443, "wss": 443, "http": 80, "ws": 80}.get(scheme.lower(), 80)


def normalize_http_version(value: Any) -> str:
    text = as_str(value).strip()
    low = text.lower()
    if low in ("", "unknown"):
        return "HTTP/1.1"
    if low in ("h2", "http/2", "http/2.0", "h2c"):
        return "HTTP/2.0"
    if low in ("h3", "http/3", "http/3.0") or low.startswith("h3-"):
        return "HTTP/3"
    if low in ("http/1.1", "http/1.0", "http/0.9"):
        return text.upper()
    return text


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


# Fields of the extension that are not taken from it field by field: the importer decides
# `session` and `source`; the labeller finds `entity`, `labels` and `policy` again; the parts
# are read below.
_EXTENSION_PARTS = frozenset(
    {"session", "source", "entity", "labels", "policy", "kind", "process"}
    | {"request", "response", "websocket", "dns"}
)


def _from_extension(shape: tuple[str, Any, bool], value: Any, current: Any) -> Any:
    """One scalar field of the record from any JSON value, by its declared type."""
    kind, arg, optional = shape
    if kind == "tuple":
        return _addr(value)
    if kind != "scalar":
        raise TypeError(f"the extension has no reader for a {kind} field")
    if arg is bool:
        return bool(value)
    if arg is str:
        return _opt_str(value) if optional else as_str(value) or current
    if arg is float:
        number = as_float(value)
        return number if optional or number else current
    return _opt_int(value) if optional else as_int(value, current)


def apply_extension(record: FlowRecord, ext: dict[str, Any]) -> None:
    """Give back what HAR or a flow file cannot hold, from our exporters' `_auditor`/metadata.

    The extension (`export.common.extension_for`) is the record's JSONL object without the
    parts HAR or the flow file hold: every field it names is read back by its declared type,
    nulls included. It comes from the file like everything else: any part of it may be any JSON
    value.
    """
    for name, shape in spec_fields(FlowRecord):
        if name in ext and name not in _EXTENSION_PARTS:
            setattr(record, name, _from_extension(shape, ext[name], getattr(record, name)))
    kind = ext.get("kind")
    if kind in FLOW_KINDS:
        record.kind = kind
    proc = ext.get("process")
    if isinstance(proc, dict):
        try:
            record.process = ProcessInfo.from_dict(proc)
        except (TypeError, ValueError, AttributeError, OverflowError):
            pass  # what is usable is kept by normalize_record; a broken object is ignored
    for part, msg in (("request", record.request), ("response", record.response)):
        if msg is None:
            continue
        part_ext = _dict(ext.get(part))
        if "size" in part_ext:
            msg.size = as_int(part_ext["size"])
        msg.body_truncated = bool(part_ext.get("body_truncated", False))
        if part_ext.get("body_absent"):
            msg.body = None
        elif part_ext.get("body_absent") is False and msg.body is None:
            msg.body = b""  # an empty body, which HAR leaves out
    ws_ext = ext.get("websocket")
    if isinstance(ws_ext, list) and len(ws_ext) == len(record.websocket):
        for ws_msg, m_ext in zip(record.websocket, ws_ext, strict=True):
            if isinstance(m_ext, dict):
                ws_msg.size = as_int(m_ext.get("size"), ws_msg.size)
                ws_msg.truncated = bool(m_ext.get("truncated", False))
                if m_ext.get("ts") is not None:
                    ws_msg.ts = as_float(m_ext["ts"]) or ws_msg.ts
    dns = ext.get("dns")
    if isinstance(dns, dict) and dns.get("question"):
        answers = dns.get("answers")
        record.dns = DnsRecord(
            question=as_str(dns["question"]),
            qtype=as_str(dns.get("qtype"), "A") or "A",
            answers=[as_str(a) for a in answers] if isinstance(answers, list) else [],
        )
