"""MessagePack bodies (Better Stack/Logtail, some native SDKs): declared or sniffed by content."""

from __future__ import annotations

from typing import Any

import msgpack

from auditor.decode._core import DecodeContext, walk

MSGPACK_TYPES = frozenset(
    {"application/msgpack", "application/x-msgpack", "application/vnd.msgpack"}
)


def _first_byte_is_container(data: bytes) -> bool:
    """A fixmap/fixarray (0x80–0x9f) or array/map 16/32 (0xdc–0xdf) header: what a batch of
    records starts with. Anything else is not worth a sniffing attempt."""
    first = data[0]
    return 0x81 <= first <= 0x9F or 0xDC <= first <= 0xDF


def _has_text_keys(value: Any) -> bool:
    """Sniffed data must look like records: a map with a text key, at the top or in the first
    item of an array (random bytes rarely unpack this way to the last byte)."""
    if isinstance(value, list) and value:
        value = value[0]
    return isinstance(value, dict) and bool(value) and all(isinstance(k, str) for k in value)


def decode_msgpack(
    ctx: DecodeContext, data: bytes, path: tuple[str, ...], depth: int, *, sniffed: bool
) -> bool:
    """One MessagePack document (the whole body); False, with nothing emitted, when `data` is
    not one. Ext types (timestamps) become their repr; unpackb bounds every length by the
    body's own size."""
    if not data or (sniffed and not _first_byte_is_container(data)):
        return False
    try:
        value = msgpack.unpackb(
            data,
            raw=False,
            strict_map_key=False,
            unicode_errors="replace",
        )
    except Exception:  # any malformed input (ExtraData, ValueError, …): not msgpack
        return False
    if not isinstance(value, dict | list) or (sniffed and not _has_text_keys(value)):
        return False
    ctx.kind("msgpack")
    walk(ctx, value, (*path, "msgpack"), depth + 1)
    return True
