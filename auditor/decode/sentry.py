"""Sentry envelopes: a header line, then items of (item header line, payload).

https://develop.sentry.dev/sdk/envelopes/ — a payload is `length` bytes when the item header
says so, else it runs to the next newline. Items are numbered from 1 in paths:
`body › envelope item 1 › event › user › email`; item headers under `… › item header › type`.
"""

from __future__ import annotations

from auditor.decode._core import DecodeContext, parse_json, walk
from auditor.decode.form import BodyDecoder

ENVELOPE_TYPES = frozenset({"application/x-sentry-envelope"})
_JSON_ITEM_TYPES = frozenset(
    {
        "event",
        "transaction",
        "session",
        "sessions",
        "client_report",
        "check_in",
        "profile",
        "profile_chunk",
        "replay_event",
        "user_report",
        "feedback",
        "span",
        "log",
        "otel_log",
        "metric_meta",
        "statsd",
    }
)


_HEADER_KEYS = frozenset({"event_id", "dsn", "sent_at", "sdk", "trace"})
_ITEM_TYPES = _JSON_ITEM_TYPES | {"attachment", "replay_recording", "replay_video"}


def looks_like_envelope(data: bytes) -> bool:
    """An envelope sent without its content type (Sentry's browser SDK posts text/plain).

    NDJSON event streams (Datadog, 1DS) also start with JSON lines, so this needs both an
    envelope header (Sentry's keys, or none) and a first item header of a known item type.
    """
    first, sep, rest = data[:65536].partition(b"\n")
    if not sep or not first.lstrip().startswith(b"{"):
        return False
    ok, header = parse_json(first)
    if not ok or not isinstance(header, dict) or not (not header or _HEADER_KEYS & set(header)):
        return False
    ok, item_header = parse_json(rest.partition(b"\n")[0])
    return ok and isinstance(item_header, dict) and item_header.get("type") in _ITEM_TYPES


def decode_envelope(
    ctx: DecodeContext,
    data: bytes,
    path: tuple[str, ...],
    depth: int,
    decode_part: BodyDecoder,
) -> bool:
    first, sep, _ = data.partition(b"\n")
    ok, header = parse_json(first)
    if not ok or not isinstance(header, dict):
        return False
    ctx.kind("sentry-envelope")
    walk(ctx, header, (*path, "envelope header"), depth + 1)
    pos = len(first) + len(sep)
    number = 0
    while pos < len(data):
        if ctx.full:
            ctx.add(path, None)
            break
        line_end = data.find(b"\n", pos)
        header_line = data[pos:] if line_end < 0 else data[pos:line_end]
        pos = len(data) if line_end < 0 else line_end + 1
        if not header_line.strip():
            continue
        number += 1
        item_path = (*path, f"envelope item {number}")
        ok, item_header = parse_json(header_line)
        if not ok or not isinstance(item_header, dict):
            ctx.error("invalid envelope item header", item_path)
            return True
        walk(ctx, item_header, (*item_path, "item header"), depth + 2)
        length = item_header.get("length")
        if isinstance(length, int) and not isinstance(length, bool) and length >= 0:
            payload = data[pos : pos + length]
            if len(payload) < length:
                ctx.error("envelope item payload truncated", item_path)
            pos += length
            if data[pos : pos + 1] == b"\n":
                pos += 1
        else:
            line_end = data.find(b"\n", pos)
            payload = data[pos:] if line_end < 0 else data[pos:line_end]
            pos = len(data) if line_end < 0 else line_end + 1
        item_type = str(item_header.get("type") or "item")
        payload_path = (*item_path, item_type)
        content_type = item_header.get("content_type")
        ctype = content_type if isinstance(content_type, str) else None
        if item_type == "attachment" or item_header.get("filename"):
            filename = item_header.get("filename")
            if filename is not None:
                ctx.add((*payload_path, "filename"), str(filename))
            ctx.add((*payload_path, "size"), len(payload))
            ctx.add((*payload_path, "content_type"), ctype or "application/octet-stream")
            if ctype and "json" in ctype:
                decode_part(ctx, payload, ctype, None, (*payload_path, "file"), depth + 2)
            continue
        if item_type == "replay_recording":
            # A small JSON header line, then the rrweb recording (often zlib-compressed).
            head, nl, body = payload.partition(b"\n")
            ok, value = parse_json(head)
            if ok:
                walk(ctx, value, payload_path, depth + 2)
                payload = body if nl else b""
            decode_part(ctx, payload, None, None, (*payload_path, "recording"), depth + 2)
            continue
        if item_type in _JSON_ITEM_TYPES or (ctype and "json" in ctype):
            ok, value = parse_json(payload)
            if ok:
                walk(ctx, value, payload_path, depth + 2)
                continue
        decode_part(ctx, payload, ctype, None, payload_path, depth + 2)
    return True
