"""Protobuf without a schema, through the maintained `bbpb` library (import `blackboxprotobuf`).

Field numbers become path parts: `body › gzip › protobuf › 1 › 0 › 2`. Repeated fields are lists
(index parts); length-delimited values are whatever bbpb guessed: nested message, text or bytes.
"""

from __future__ import annotations

from typing import Any

import blackboxprotobuf

from auditor.decode._core import DecodeContext, walk

PROTOBUF_TYPES = frozenset(
    {
        "application/x-protobuf",
        "application/protobuf",
        "application/vnd.google.protobuf",
        "application/x-protobuffer",
        "application/octet-stream+protobuf",
    }
)
# Protobuf parsing without a schema tries every length-delimited value as a nested message;
# this bounds the cost on large binary input.
MAX_PROTOBUF_BYTES = 2 * 1024 * 1024


def decode_protobuf(ctx: DecodeContext, data: bytes, path: tuple[str, ...], depth: int) -> bool:
    if not data:
        return False
    if len(data) > MAX_PROTOBUF_BYTES:
        ctx.error(f"protobuf body larger than {MAX_PROTOBUF_BYTES} bytes not decoded", path)
        return False
    try:
        message, _typedef = blackboxprotobuf.decode_message(data)
    except RecursionError:
        ctx.error("protobuf nesting too deep", path)
        return False
    except Exception as exc:  # bbpb raises its own and assorted builtin errors on garbage
        ctx.error(f"invalid protobuf ({type(exc).__name__})", path)
        return False
    ctx.kind("protobuf")
    try:
        plain = _prefer_text(message, _typedef, ctx.limits.max_depth)
    except RecursionError:
        plain = message
    walk(ctx, plain, (*path, "protobuf"), depth + 1)
    return True


def _textual(raw: bytes) -> str | None:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return text if text and text.isprintable() else None


def _prefer_text(value: Any, typedef: Any, depth: int) -> Any:
    """Undo bbpb's guess of "nested message" for length-delimited values that are plain text.

    Without a schema, text such as OTLP's attribute key "enduser.id" also parses as a valid
    message (field 12, fixed32 ...). bbpb guesses message first; we re-encode each guessed
    message and keep it as text when its bytes are printable UTF-8.
    """
    if depth <= 0 or not isinstance(value, dict) or not isinstance(typedef, dict):
        return value
    out: dict[str, Any] = {}
    for key, item in value.items():
        # bbpb names a field whose type it guessed otherwise in another element of a repeated
        # message `1-1` (an OTLP attribute whose key it read as text here, as a message there):
        # the path keeps the field number, so that the element reads as its siblings do
        name = key.split("-", 1)[0] if "-" in key and key.split("-", 1)[0] not in value else key
        entry = typedef.get(key)
        if not isinstance(entry, dict) or entry.get("type") != "message":
            out[name] = item
            continue
        sub_typedef = entry.get("message_typedef")
        items = item if isinstance(item, list) else [item]
        converted = [_message_or_text(element, sub_typedef, depth - 1) for element in items]
        out[name] = converted if isinstance(item, list) else converted[0]
    return out


def _could_be_text(value: dict[str, Any]) -> bool:
    """A printable ASCII byte read as a tag gives a field number from 4 to 15: real messages
    almost always start at field 1-3, so this skips re-encoding nearly all of them."""
    for key in value:
        number = key.split("-", 1)[0]
        if not number.isdigit() or not 4 <= int(number) <= 15:
            return False
    return bool(value)


def _message_or_text(value: Any, typedef: Any, depth: int) -> Any:
    if not isinstance(value, dict) or not isinstance(typedef, dict):
        return value
    if not _could_be_text(value):
        return _prefer_text(value, typedef, depth)
    try:
        raw = blackboxprotobuf.encode_message(value, typedef)
    except Exception:  # re-encoding is only a heuristic; keep bbpb's reading
        raw = b""
    text = _textual(raw)
    if text is not None:
        return text
    return _prefer_text(value, typedef, depth)
