"""Small, valid container headers built by hand from the formats' specifications (RIFF/WAVE,
Ogg, EBML/Matroska, ISO BMFF, MPEG audio and ADTS frames), for the media-sniffing tests."""

from __future__ import annotations

import math
import struct


def wav(samples: int = 400) -> bytes:
    pcm = b"".join(struct.pack("<h", int(8000 * math.sin(i / 10))) for i in range(samples))
    fmt = struct.pack("<HHIIHH", 1, 1, 16000, 32000, 2, 16)
    chunks = b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"data" + struct.pack("<I", len(pcm))
    body = b"WAVE" + chunks + pcm
    return b"RIFF" + struct.pack("<I", len(body)) + body


def ogg(first_packet: bytes) -> bytes:
    header = b"OggS" + bytes([0, 2]) + bytes(8) + b"\x01\x00\x00\x00" + bytes(4) + bytes(4)
    return header + bytes([1, len(first_packet)]) + first_packet + bytes(64)


def ogg_opus() -> bytes:
    return ogg(b"OpusHead\x01\x01\x38\x01\x80\xbb\x00\x00\x00\x00\x00")


def ogg_theora() -> bytes:
    return ogg(b"\x80theora\x03\x02\x01" + bytes(30))


def _vint_size(n: int) -> bytes:
    return bytes([0x80 | n]) if n < 127 else struct.pack(">H", 0x4000 | n)


def ebml(element_id: int, payload: bytes) -> bytes:
    id_bytes = element_id.to_bytes((element_id.bit_length() + 7) // 8, "big")
    return id_bytes + _vint_size(len(payload)) + payload


UNKNOWN_SIZE = b"\x01\xff\xff\xff\xff\xff\xff\xff"


def matroska(track_types: list[int], doctype: bytes = b"webm") -> bytes:
    """An EBML header, then a live-recording Segment of unknown size (as `MediaRecorder`
    writes it): Tracks with one entry per type (1 video, 2 audio), then a Cluster."""
    header = ebml(0x1A45DFA3, ebml(0x4286, b"\x01") + ebml(0x4282, doctype))
    entries = b"".join(
        ebml(0xAE, ebml(0xD7, bytes([n + 1])) + ebml(0x83, bytes([kind])))
        for n, kind in enumerate(track_types)
    )
    info = ebml(0x1549A966, ebml(0x2AD7B1, b"\x0f\x42\x40"))
    cluster = b"\x1f\x43\xb6\x75" + UNKNOWN_SIZE + ebml(0xE7, b"\x00") + bytes(40)
    segment = b"\x18\x53\x80\x67" + UNKNOWN_SIZE + info + ebml(0x1654AE6B, entries) + cluster
    return header + segment


def box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def mp4(brand: bytes, handlers: list[bytes], moov_last: bool = False) -> bytes:
    ftyp = box(b"ftyp", brand + b"\x00\x00\x02\x00" + brand + b"isom")
    traks = b"".join(
        box(
            b"trak",
            box(b"tkhd", bytes(84))
            + box(b"mdia", box(b"mdhd", bytes(24)) + box(b"hdlr", bytes(8) + h + bytes(13))),
        )
        for h in handlers
    )
    moov = box(b"moov", box(b"mvhd", bytes(100)) + traks) if handlers else b""
    mdat = box(b"mdat", bytes(200))
    return ftyp + (mdat + moov if moov_last else moov + mdat)


def mpeg_frames(count: int = 3) -> bytes:
    """MPEG-1 Layer III frames, 128 kbit/s at 44.1 kHz (417 bytes each), with no ID3 tag."""
    frame = b"\xff\xfb\x90\x00" + bytes(413)
    return frame * count


def adts_frames(count: int = 3, length: int = 100) -> bytes:
    header = bytes(
        [
            0xFF,
            0xF1,
            0x50,
            0x80 | ((length >> 11) & 3),
            (length >> 3) & 0xFF,
            ((length & 7) << 5) | 0x1F,
            0xFC,
        ]
    )
    return (header + bytes(length - 7)) * count
