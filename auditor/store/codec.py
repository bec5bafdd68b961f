"""How a FlowRecord is laid out in the store: filter columns, a compressed JSON record, bodies.

The JSON record is `records.to_spec_dict(record, redact_credentials=False)` (the store is
encrypted, and exports redact on the way out) plus the labeller's field findings, zstd-compressed.
Bodies and WebSocket contents live in the `bodies` table (zstd when it helps), so lists never read
them. This layout is the only one the store has ever written: every stored blob decodes with it.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from typing import Any

import zstandard

try:  # orjson encodes the record JSON about 3x faster; the standard library is the fallback.
    import orjson
except ImportError:  # pragma: no cover - orjson is a declared dependency
    orjson = None  # type: ignore[assignment]

from auditor.records import (
    FLOW_KINDS,
    VERDICTS,
    FlowRecord,
    SensitiveFields,
    from_spec_dict,
    to_spec_dict,
)
from auditor.store.bounds import bound_times, clamp_ts, clean_strings, clean_text
from auditor.store.database import Connection

CODEC_RAW = 0
CODEC_ZSTD = 1
# Bodies smaller than this are stored as they are: compression would not pay for itself.
_COMPRESS_MIN = 512
# How much of a textual body goes into the free-text index.
SEARCH_BODY_CHARS = 2048
# Response headers worth finding a flow by (the others are mostly server boilerplate).
_RESP_HEADERS = frozenset({"location", "set-cookie", "content-disposition", "x-request-id"})

# The labeller's field findings inside the record JSON (records.SensitiveFields); absent in
# records stored before they were kept, and dropped when a flow's labels are replaced.
SENSITIVE_KEY = "sensitive_fields"

PART_REQUEST = "request"
PART_RESPONSE = "response"
PART_WEBSOCKET = "ws"

_local = threading.local()


def _compressor() -> zstandard.ZstdCompressor:
    comp = getattr(_local, "comp", None)
    if comp is None:
        # Level 1: records are small and the store is CPU-bound while ingesting.
        comp = _local.comp = zstandard.ZstdCompressor(level=1)
    return comp


def _decompressor() -> zstandard.ZstdDecompressor:
    dec = getattr(_local, "dec", None)
    if dec is None:
        dec = _local.dec = zstandard.ZstdDecompressor()
    return dec


def compress(data: bytes) -> bytes:
    return _compressor().compress(data)


def decompress(data: bytes) -> bytes:
    return _decompressor().decompress(data)


def pack_body(data: bytes) -> tuple[int, bytes]:
    if len(data) >= _COMPRESS_MIN:
        packed = compress(data)
        if len(packed) < len(data) * 0.9:
            return CODEC_ZSTD, packed
    return CODEC_RAW, data


def unpack_body(codec: int, data: bytes) -> bytes:
    return decompress(data) if codec == CODEC_ZSTD else bytes(data)


@dataclass
class EncodedFlow:
    record_blob: bytes
    bodies: list[tuple[str, int, int, bytes]]  # (part, seq, codec, data)
    search_text: str
    req_size: int
    resp_size: int
    verdict_rank: int | None
    findings_blob: bytes | None = None  # `flow_findings`' row (`findings_blob`)


def sql_text(text: str | None) -> str | None:
    """Text SQLite can take: lone surrogates (undecodable header bytes) become U+FFFD."""
    return None if text is None else clean_text(text)


def verdict_rank(verdict: str | None) -> int | None:
    return VERDICTS.index(verdict) if verdict in VERDICTS else None


def flow_sizes(record: FlowRecord) -> tuple[int, int]:
    """Bytes the client sent and received in this flow's payload (body, messages or stream)."""
    sent = record.request.sent_size if record.request is not None else record.bytes_sent
    received = record.response.size if record.response is not None else record.bytes_received
    for msg in record.websocket:
        if msg.from_client:
            sent += msg.size
        else:
            received += msg.size
    return sent, received


def encode(record: FlowRecord, body_cap: int | None) -> EncodedFlow:
    """The stored form of `record` (whose times are brought into range first, in place)."""
    bound_times(record)
    bodies: list[tuple[str, int, int, bytes]] = []
    dropped = record.dropped_bodies

    def keep(part: str, seq: int, data: bytes | None) -> bool:
        nonlocal dropped
        if data is None:
            return False
        if body_cap is not None and len(data) > body_cap:
            dropped = True
            return False
        codec, packed = pack_body(data)
        bodies.append((part, seq, codec, packed))
        return True

    texts: list[str] = []
    if record.request is not None and keep(PART_REQUEST, 0, record.request.body):
        texts.append(_text_of(record.request.body))
    if record.response is not None and keep(PART_RESPONSE, 0, record.response.body):
        texts.append(_text_of(record.response.body))
    for seq, msg in enumerate(record.websocket):
        if keep(PART_WEBSOCKET, seq, msg.content) and msg.is_text:
            texts.append(_text_of(msg.content))

    spec = to_spec_dict(record, redact_credentials=False)
    if dropped:  # a body over the cap, left out just now
        spec["dropped_bodies"] = True
    kept: dict[str, Any] | None = None
    if record.sensitive is not None:
        # What the labeller found field by field, for redaction on export (not a spec key).
        kept = spec[SENSITIVE_KEY] = record.sensitive.to_dict()
    findings = findings_blob(record, kept)
    blob = compress(dump_json(spec))
    sent, received = flow_sizes(record)
    return EncodedFlow(
        record_blob=blob,
        bodies=bodies,
        search_text=sql_text(search_text(spec, texts)) or "",
        req_size=sent,
        resp_size=received,
        verdict_rank=verdict_rank(record.worst_verdict()),
        findings_blob=findings,
    )


def findings_blob(record: FlowRecord, kept: dict[str, Any] | None = None) -> bytes | None:
    """The `flow_findings` row of `record`: the findings a redactor takes from it as they are
    (`kept_findings`), as JSON (`kept`: their `to_dict()`, when made already), or None when it
    takes none. Not compressed: ~280 bytes, where zstd cost half of the row's time."""
    from auditor.label.findings import kept_findings

    found = kept_findings(record)
    if found is None:
        return None
    return dump_json(kept if kept is not None else found.to_dict())


def load_findings(blob: bytes) -> SensitiveFields | None:
    """A `flow_findings` row read back (`findings_blob`); None when it cannot be read."""
    return SensitiveFields.from_dict(load_json(blob))


def _text_of(data: bytes | None) -> str:
    if not data:
        return ""
    chunk = data[: SEARCH_BODY_CHARS * 2]
    try:
        text = chunk.decode("utf-8")
    except UnicodeDecodeError as err:
        # A textual body cut mid-character still counts; binary ones stop at the first bad byte.
        if err.start < len(chunk) - 4:
            return ""
        text = chunk[: err.start].decode("utf-8")
    return text[:SEARCH_BODY_CHARS]


def search_text(spec: dict[str, Any], body_texts: list[str]) -> str:
    """What free-text search finds a flow by: URL, request header values, names, labels,
    evidence, textual bodies. (Kept lean: the index is a good part of the ingest cost.)"""
    parts: list[str] = []
    req = spec.get("request")
    if req:
        parts.append(str(req.get("url") or ""))
        parts.extend(str(v) for _k, v in req.get("headers", []))
    resp = spec.get("response")
    if resp:
        parts.extend(str(v) for k, v in resp.get("headers", []) if k.lower() in _RESP_HEADERS)
    for key in ("sni", "error"):
        if spec.get(key):
            parts.append(str(spec[key]))
    dns = spec.get("dns")
    if dns:
        parts.append(str(dns.get("question") or ""))
        parts.extend(str(a) for a in dns.get("answers", []))
    proc = spec.get("process") or {}
    parts.extend(str(proc[k]) for k in ("name", "app") if proc.get(k))
    ent = spec.get("entity") or {}
    if ent.get("name"):
        parts.append(str(ent["name"]))
    for lab in spec.get("labels", []):
        parts.append(str(lab.get("category", "")))
        parts.extend(str(ev.get("excerpt", "")) for ev in lab.get("evidence", []))
    parts.extend(body_texts)
    return "\n".join(p for p in parts if p)


def dump_json(spec: dict[str, Any]) -> bytes:
    if orjson is not None:
        try:
            return orjson.dumps(spec)
        except TypeError:
            # Lone surrogates (undecodable header bytes, `\ud800` escapes in an imported file):
            # the store holds valid text only, so readers never meet them.
            spec = clean_strings(spec)
            try:
                return orjson.dumps(spec)
            except TypeError:
                pass
    return json.dumps(
        clean_strings(spec), separators=(",", ":"), ensure_ascii=True, default=str
    ).encode("ascii")


# An integer of 19 digits or more may lie outside 64 bits, which orjson reads as a float, silently
# rounded: a record with a run of 19 digits anywhere is read by the standard library. (Digits made
# alike and one `find`: several times faster than a regular expression, ~3 µs a record.)
_DIGITS_ALIKE = bytes.maketrans(b"0123456789", b"0000000000")
_LONG_RUN = b"0" * 19


def load_json(data: bytes) -> Any:
    if orjson is None or _LONG_RUN in data.translate(_DIGITS_ALIKE):
        return clean_strings(json.loads(data))  # lone surrogates made valid text, as below
    return orjson.loads(data)


def decode_record(blob: bytes) -> tuple[FlowRecord, dict[str, Any]]:
    """A stored record, total over what any version may have stored: text made valid,
    times brought into range, a record that no longer parses kept as a bare flow."""
    raw = decompress(blob)
    try:
        spec = load_json(raw)
    except ValueError:
        # orjson refuses lone surrogates, which older versions stored as escapes.
        spec = clean_strings(json.loads(raw))
    if not isinstance(spec, dict):
        spec = {}
    try:
        record = from_spec_dict(spec)
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError, IndexError):
        record = _bare_record(spec)
    if SENSITIVE_KEY in spec:
        record.sensitive = SensitiveFields.from_dict(spec.pop(SENSITIVE_KEY))
    return bound_times(record), spec


def _bare_record(spec: dict[str, Any]) -> FlowRecord:
    kind = spec.get("kind")
    return FlowRecord(
        id=str(spec.get("id") or ""),
        session=str(spec.get("session") or ""),
        ts=clamp_ts(spec.get("ts")),
        kind=kind if kind in FLOW_KINDS else "tcp",
        error="the stored record of this flow could not be read",
        dropped_bodies=bool(spec.get("dropped_bodies", False)),
    )


def attach_bodies(record: FlowRecord, rows: list[tuple[str, int, int, bytes]]) -> None:
    for part, seq, codec, data in rows:
        body = unpack_body(codec, data)
        if part == PART_REQUEST and record.request is not None:
            record.request.body = body
        elif part == PART_RESPONSE and record.response is not None:
            record.response.body = body
        elif part == PART_WEBSOCKET and 0 <= seq < len(record.websocket):
            record.websocket[seq].content = body


def search_text_for_row(conn: Connection, rowid: int, blob: bytes) -> str:
    """The search text of a stored flow (migration backfill, re-enrichment)."""
    _record, spec = decode_record(blob)
    texts: list[str] = []
    ws = spec.get("websocket", [])
    for part, seq, codec, data in conn.execute(
        "SELECT part, seq, codec, data FROM bodies WHERE flow_rowid = ? ORDER BY part, seq",
        (rowid,),
    ):
        if part == PART_WEBSOCKET and not (0 <= seq < len(ws) and ws[seq].get("is_text")):
            continue
        texts.append(_text_of(unpack_body(codec, data)))
    return search_text(spec, texts)
