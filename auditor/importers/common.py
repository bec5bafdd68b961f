"""What every importer shares: the size guard, strict text decoding and small coercions.

Importers turn untrusted files into FlowRecords. Anything unexpected becomes a one-line
InputFormatError naming the file, never a traceback.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from auditor.errors import InputFormatError
from auditor.records import DnsRecord, FlowRecord, ProcessInfo

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
    if value is None:
        return default
    return value if isinstance(value, str) else str(value)


def as_int(value: Any, default: int = 0) -> int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value)
    if isinstance(value, str):
        try:
            return int(float(value))
        except ValueError:
            return default
    return default


def as_float(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None


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


def apply_extension(record: FlowRecord, ext: dict[str, Any]) -> None:
    """Give back what HAR or a flow file cannot hold, from our exporters' `_auditor`/metadata."""
    record.id = as_str(ext.get("id")) or record.id
    record.kind = as_str(ext.get("kind")) or record.kind
    proc = ext.get("process")
    if isinstance(proc, dict):
        record.process = ProcessInfo(
            pid=proc.get("pid"),
            name=proc.get("name"),
            exe=proc.get("exe"),
            cmdline=proc.get("cmdline"),
            app=proc.get("app"),
            ppid=proc.get("ppid"),
            create_time=proc.get("create_time"),
            launch_tag=proc.get("launch_tag"),
        )
    # The extension is authoritative for what it names, nulls included.
    for key in ("sni", "alpn", "tls_version", "error"):
        if key in ext:
            setattr(record, key, None if ext[key] is None else as_str(ext[key]))
    for key in ("client_addr", "server_addr"):
        if key in ext:
            value = ext[key]
            ok = isinstance(value, list) and len(value) == 2
            setattr(record, key, (as_str(value[0]), as_int(value[1])) if ok else None)
    if ext.get("ts") is not None:
        record.ts = as_float(ext["ts"]) or record.ts
    if "ts_end" in ext:
        record.ts_end = as_float(ext["ts_end"])
    record.bytes_sent = as_int(ext.get("bytes_sent"), record.bytes_sent)
    record.bytes_received = as_int(ext.get("bytes_received"), record.bytes_received)
    record.sinkholed = bool(ext.get("sinkholed", record.sinkholed))
    record.dropped_bodies = bool(ext.get("dropped_bodies", record.dropped_bodies))
    if record.request is not None:
        req_ext = ext.get("request") or {}
        if "size" in req_ext:
            record.request.size = as_int(req_ext["size"])
        record.request.body_truncated = bool(req_ext.get("body_truncated", False))
        if req_ext.get("body_absent"):
            record.request.body = None
        elif req_ext.get("body_absent") is False and record.request.body is None:
            record.request.body = b""  # an empty body, which HAR leaves out
    if record.response is not None:
        resp_ext = ext.get("response") or {}
        if "size" in resp_ext:
            record.response.size = as_int(resp_ext["size"])
        record.response.body_truncated = bool(resp_ext.get("body_truncated", False))
        if resp_ext.get("body_absent"):
            record.response.body = None
        elif resp_ext.get("body_absent") is False and record.response.body is None:
            record.response.body = b""  # an empty body, which HAR leaves out
    ws_ext = ext.get("websocket")
    if isinstance(ws_ext, list) and len(ws_ext) == len(record.websocket):
        for msg, m_ext in zip(record.websocket, ws_ext, strict=True):
            if isinstance(m_ext, dict):
                msg.size = as_int(m_ext.get("size"), msg.size)
                msg.truncated = bool(m_ext.get("truncated", False))
                if m_ext.get("ts") is not None:
                    msg.ts = as_float(m_ext["ts"]) or msg.ts
    dns = ext.get("dns")
    if isinstance(dns, dict) and dns.get("question"):
        record.dns = DnsRecord(
            question=as_str(dns["question"]),
            qtype=as_str(dns.get("qtype"), "A"),
            answers=[as_str(a) for a in dns.get("answers") or []],
        )
