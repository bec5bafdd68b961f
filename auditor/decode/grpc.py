"""gRPC message framing (HTTP/2 gRPC and gRPC-Web): a body is a sequence of length-prefixed
messages, each 1 flag byte (bit 0: compressed; bit 7: gRPC-Web trailers), a 4-byte big-endian
length, then the message. Compressed messages use the codec named by the `grpc-encoding`
header, undone within the decoder's caps; each message is then decoded as protobuf without a
schema: `body › grpc message 1 › gzip › protobuf › 1 › …`.
"""

from __future__ import annotations

from auditor.decode import protobuf
from auditor.decode._core import DecodeContext, b64decode_loose
from auditor.decode.compression import DECODERS, sniff_encoding

GRPC_TEXT_TYPES = frozenset({"application/grpc-web-text", "application/grpc-web-text+proto"})
_HEADER = 5
_COMPRESSED = 0x01
_TRAILERS = 0x80


def is_grpc_type(mtype: str) -> bool:
    """`application/grpc`, `application/grpc+proto`, `application/grpc-web(+proto)`, …"""
    return mtype == "application/grpc" or mtype.startswith(
        ("application/grpc+", "application/grpc-")
    )


def decode_grpc(
    ctx: DecodeContext,
    data: bytes,
    path: tuple[str, ...],
    depth: int,
    *,
    mtype: str = "application/grpc",
    message_encoding: str | None = None,
) -> bool:
    """Decode every frame of a gRPC body; errors (truncated frames, lengths beyond the body,
    unknown codecs, bad compressed data) become decode error notes. True when any message
    was decoded."""
    if mtype in GRPC_TEXT_TYPES:
        raw = b64decode_loose(data.decode("ascii", errors="replace"), ctx.limits.max_decoded_bytes)
        if raw is None:
            ctx.error("invalid base64 in gRPC-Web text body", path)
            return False
        ctx.kind("base64")
        data = raw
    encoding = (message_encoding or "").strip().lower() or None
    pos = 0
    number = 0
    any_ok = False
    while pos < len(data) and not ctx.full:
        if pos + _HEADER > len(data):
            ctx.error(f"{len(data) - pos} trailing bytes after the last gRPC frame", path)
            break
        flag = data[pos]
        length = int.from_bytes(data[pos + 1 : pos + _HEADER], "big")
        pos += _HEADER
        number += 1
        msg_path = (*path, f"grpc message {number}")
        message = data[pos : pos + length]
        pos += length
        if len(message) < length:
            ctx.error(
                f"gRPC message truncated ({len(message)} of {length} declared bytes)", msg_path
            )
            if not message:
                break
        if flag & _TRAILERS:
            # gRPC-Web trailers: HTTP/1-style header lines (`grpc-status: 0`).
            ctx.kind("grpc")
            ctx.add((*path, "grpc trailers"), message.decode("utf-8", errors="replace"))
            any_ok = True
            continue
        if flag & _COMPRESSED:
            decompressed = _decompress(ctx, message, encoding, msg_path)
            if decompressed is None:
                continue
            message, msg_path = decompressed
        ctx.kind("grpc")
        if not message:
            continue  # an empty message is a valid (all-default) protobuf message
        any_ok = protobuf.decode_protobuf(ctx, message, msg_path, depth + 1) or any_ok
    return any_ok


def _decompress(
    ctx: DecodeContext, message: bytes, encoding: str | None, path: tuple[str, ...]
) -> tuple[bytes, tuple[str, ...]] | None:
    """(message, path) with the codec undone, or None (and an error note)."""
    codec = encoding if encoding not in (None, "identity") else sniff_encoding(message)
    decoder = DECODERS.get(codec) if codec else None
    if codec is None or decoder is None:
        ctx.error(f"compressed gRPC message with unsupported grpc-encoding {encoding!r}", path)
        return None
    result = decoder(message, ctx.decode_cap())
    ctx.decoded_bytes += len(result.data)
    new_path = (*path, codec)
    if result.error:
        ctx.error(result.error, new_path)
        if not result.data:
            return None
    ctx.kind(codec)
    return result.data, new_path
