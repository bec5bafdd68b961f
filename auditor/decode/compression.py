"""Content-encodings (gzip, deflate, br, zstd), decoded incrementally under a size cap.

Each decoder produces output in bounded steps and stops as soon as the cap is passed, so a
decompression bomb costs at most about `cap` bytes of memory and the time to produce them.
"""

from __future__ import annotations

import io
import zlib
from dataclasses import dataclass

import brotli
import zstandard

GZIP_MAGIC = b"\x1f\x8b\x08"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
_CHUNK = 64 * 1024
ZSTD_MAX_WINDOW = 16 * 1024 * 1024


@dataclass(slots=True)
class Decompressed:
    data: bytes
    error: str | None = None  # "decoded size exceeds cap …", "truncated …", "invalid …"


def _cap_error(cap: int) -> str:
    return f"decoded size exceeds cap ({cap} bytes)"


def _zlib(data: bytes, wbits: int, cap: int, *, multi_member: bool) -> Decompressed:
    """Input is fed in chunks and output taken in chunks, so neither the unconsumed input nor
    the output is ever copied whole per step (a naive loop is quadratic on large bodies)."""
    out = bytearray()
    view = memoryview(data)
    pos = 0
    while True:
        decomp = zlib.decompressobj(wbits)
        while pos < len(view) and not decomp.eof:
            pending: bytes | memoryview = view[pos : pos + _CHUNK]
            pos += len(pending)
            while pending and not decomp.eof:
                out += decomp.decompress(pending, _CHUNK)
                if len(out) > cap:
                    return Decompressed(bytes(out[:cap]), _cap_error(cap))
                pending = decomp.unconsumed_tail
        if not decomp.eof:
            # Input used up: drain what the decompressor still holds, then report truncation.
            while True:
                chunk = decomp.decompress(b"", _CHUNK)
                if not chunk:
                    break
                out += chunk
                if len(out) > cap:
                    return Decompressed(bytes(out[:cap]), _cap_error(cap))
            return Decompressed(bytes(out), "compressed data truncated")
        # Bytes after the end of this stream: unused_data holds those of the last chunk fed.
        pos -= len(decomp.unused_data)
        # Concatenated gzip members (allowed by RFC 1952; some SDKs append batches).
        if not (multi_member and bytes(view[pos : pos + 3]) == GZIP_MAGIC):
            return Decompressed(bytes(out))


def gunzip(data: bytes, cap: int) -> Decompressed:
    try:
        return _zlib(data, 16 + zlib.MAX_WBITS, cap, multi_member=True)
    except zlib.error as exc:
        return Decompressed(b"", f"invalid gzip data ({exc})")


def inflate(data: bytes, cap: int) -> Decompressed:
    """HTTP "deflate" is meant to be zlib-wrapped, but many servers and SDKs send raw deflate."""
    try:
        return _zlib(data, zlib.MAX_WBITS, cap, multi_member=False)
    except zlib.error:
        pass
    try:
        return _zlib(data, -zlib.MAX_WBITS, cap, multi_member=False)
    except zlib.error as exc:
        return Decompressed(b"", f"invalid deflate data ({exc})")


def unbrotli(data: bytes, cap: int) -> Decompressed:
    decomp = brotli.Decompressor()
    out = bytearray()
    view = memoryview(data)
    pos = 0
    try:
        while not decomp.is_finished():
            if decomp.can_accept_more_data() and pos < len(view):
                piece = bytes(view[pos : pos + _CHUNK])
                pos += len(piece)
                chunk = decomp.process(piece, output_buffer_limit=_CHUNK)
            else:
                # Output still held back by the buffer limit (or input used up): drain it.
                chunk = decomp.process(b"", output_buffer_limit=_CHUNK)
                if not chunk:
                    break
            out += chunk
            if len(out) > cap:
                return Decompressed(bytes(out[:cap]), _cap_error(cap))
    except brotli.error as exc:
        return Decompressed(bytes(out), f"invalid brotli data ({exc})")
    if not decomp.is_finished():
        return Decompressed(bytes(out), "compressed data truncated")
    return Decompressed(bytes(out))


def unzstd(data: bytes, cap: int) -> Decompressed:
    out = bytearray()
    try:
        # A frame may ask for a window of up to 2 GiB; HTTP zstd (RFC 9659) uses at most 8 MiB.
        dctx = zstandard.ZstdDecompressor(max_window_size=ZSTD_MAX_WINDOW)
        with dctx.stream_reader(io.BytesIO(data), read_across_frames=True) as reader:
            while True:
                chunk = reader.read(_CHUNK)
                if not chunk:
                    break
                out += chunk
                if len(out) > cap:
                    return Decompressed(bytes(out[:cap]), _cap_error(cap))
    except zstandard.ZstdError as exc:
        return Decompressed(bytes(out), f"invalid zstd data ({exc})")
    return Decompressed(bytes(out))


DECODERS = {
    "gzip": gunzip,
    "x-gzip": gunzip,
    "deflate": inflate,
    "br": unbrotli,
    "zstd": unzstd,
}


def parse_encodings(header: str | None) -> list[str]:
    """Content-Encoding values in the order they were applied (`identity` dropped)."""
    if not header:
        return []
    return [
        token.strip().lower()
        for token in header.split(",")
        if token.strip() and token.strip().lower() != "identity"
    ]


def sniff_encoding(data: bytes) -> str | None:
    if data.startswith(GZIP_MAGIC):
        return "gzip"
    if data.startswith(ZSTD_MAGIC):
        return "zstd"
    return None
