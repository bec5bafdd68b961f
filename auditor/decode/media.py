"""Audio and video recognised by their magic bytes, whatever the declared type (issue 15).

An upload sent with no content type and no file name (`POST /v2/upload` with WAV bytes), or as
`application/octet-stream`, is still a recording: its container says so. `media_kind` names
the container and what it carries; the decoder records it as a body kind (`audio/wav`,
`video/mp4`), which the labeller reads as the kind of content sent.

Audio or video: WAV, FLAC, MP3 (ID3 or two MPEG frames in a row), ADTS AAC, AMR, AIFF and CAF
are audio; Ogg by its first stream's codec (Opus, Vorbis, Speex, FLAC audio; Theora, VP8
video); Matroska/WebM and MP4/QuickTime by their tracks (a video track makes it video, sound
tracks alone audio: `MediaRecorder`'s `audio/webm`, an `.m4a`), and by the MP4 brand when the
tracks cannot be read (`M4A `); a container whose tracks cannot be told is video (what its
name promises). Every parser here is total and reads a bounded number of elements.
"""

from __future__ import annotations

from auditor.decode._core import DecodeContext, b64decode_loose

# Body kinds of sniffed media: the content type each container is recognised as.
AUDIO_KINDS = frozenset(
    {
        *("audio/wav", "audio/ogg", "audio/flac", "audio/mpeg", "audio/aac", "audio/amr"),
        *("audio/aiff", "audio/x-caf", "audio/webm", "audio/x-matroska", "audio/mp4"),
    }
)
VIDEO_KINDS = frozenset(
    {"video/ogg", "video/webm", "video/x-matroska", "video/mp4", "video/quicktime", "video/avi"}
)
MEDIA_KINDS = AUDIO_KINDS | VIDEO_KINDS
# Bounds on the container walks (elements and boxes looked at).
_MAX_ELEMENTS = 512
_MP4_AUDIO_BRANDS = frozenset({b"M4A ", b"M4B ", b"M4P ", b"F4A ", b"F4B "})
_MP4_BRANDS = frozenset(
    {
        *(b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"dash"),
        *(b"qt  ", b"3gp4", b"3gp5", b"3gp6", b"3g2a", b"MSNV", b"M4V ", b"f4v "),
    }
    | _MP4_AUDIO_BRANDS
)
# MPEG audio: kbit/s by [version is MPEG-1][layer], sample rates by version.
_MPEG1_BITRATES = {
    3: (0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448),
    2: (0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384),
    1: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
}
_MPEG2_BITRATES = {
    3: (0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256),
    2: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
    1: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
_MPEG_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}


# The first bytes of the containers `media_kind` knows: a one-byte test before the call.
FIRST_BYTES = frozenset(
    bytes([first]) for first in (*b"RfOI\x1a#cF", *[byte for byte in range(0x20)], 0xFF)
)
# The field a recognised recording is shown as: `… › media = audio/wav`.
MEDIA_FIELD = "media"


def record(ctx: DecodeContext, kind: str, path: tuple[str, ...]) -> None:
    """A recognised recording: its kind as a body kind and a field; never its bytes (samples
    read as text are noise)."""
    ctx.kind(kind)
    ctx.add((*path, MEDIA_FIELD), kind)


def sniff(ctx: DecodeContext, data: bytes, path: tuple[str, ...]) -> bool:
    """Record `data` as a recording when its magic bytes say it is one."""
    if data[:1] not in FIRST_BYTES:
        return False
    kind = media_kind(data)
    if kind is None:
        return False
    record(ctx, kind, path)
    return True


# base64 text of the containers above starts with one of these (`UklGR` is "RIFF", `AAAA` a
# box size before `ftyp`, `//` an MPEG frame's sync bits).
BASE64_STARTS = frozenset({"Uk", "T2", "Zk", "SU", "Gk", "AA", "//", "Iy", "Rk", "Y2"})
# How much of a base64 recording is decoded to read its container (its tracks come first).
_BASE64_SNIFF_CHARS = 256 * 1024


def _may_be_media(head: bytes) -> bool:
    return (
        head[:4] in (b"RIFF", b"RF64", b"fLaC", b"OggS", b"\x1a\x45\xdf\xa3", b"FORM", b"caff")
        or head[4:8] == b"ftyp"
        or head[:3] == b"ID3"
        or head[:5] == b"#!AMR"
        or (head[:1] == b"\xff" and len(head) > 1 and head[1] & 0xE0 == 0xE0)
    )


def sniff_base64(ctx: DecodeContext, text: str, path: tuple[str, ...]) -> bool:
    """A recording sent as base64 text in a field (a speech API's `audio.content`): its kind
    under `… › base64 › media`. Only the start is decoded, first 12 bytes, then at most
    `_BASE64_SNIFF_CHARS` characters when those name a container."""
    head = b64decode_loose(text[:16], 16)
    if head is None or not _may_be_media(head):
        return False
    cut = min(len(text), _BASE64_SNIFF_CHARS)
    data = b64decode_loose(text[: cut - cut % 4], _BASE64_SNIFF_CHARS)
    kind = media_kind(data) if data is not None else None
    if kind is None:
        return False
    ctx.decoded_bytes += len(data or b"")
    record(ctx, kind, (*path, "base64"))
    return True


def media_kind(data: bytes) -> str | None:
    """The content type `data`'s container and tracks say it is, or None."""
    if len(data) < 12:
        return None
    head = data[:4]
    if head in (b"RIFF", b"RF64"):
        form = data[8:12]
        if form == b"WAVE":
            return "audio/wav"
        if form == b"AVI ":
            return "video/avi"
        return None
    if head == b"fLaC":
        return "audio/flac"
    if head == b"OggS":
        return _ogg(data)
    if head == b"\x1a\x45\xdf\xa3":
        return _matroska(data)
    if data[4:8] == b"ftyp":
        return _mp4(data)
    if head[:3] == b"ID3" and data[3] < 0xFF:
        return "audio/mpeg"
    if head == b"FORM" and data[8:12] in (b"AIFF", b"AIFC"):
        return "audio/aiff"
    if data.startswith(b"#!AMR"):
        return "audio/amr"
    if head == b"caff":
        return "audio/x-caf"
    if data[0] == 0xFF and data[1] & 0xE0 == 0xE0:
        return _mpeg_frames(data)
    return None


def _ogg(data: bytes) -> str | None:
    """The codec of the first logical stream: its identification header opens page one's
    payload (after the 27-byte header and the segment table)."""
    if len(data) < 28:
        return None
    start = 27 + data[26]
    packet = data[start : start + 8]
    if packet.startswith((b"OpusHead", b"\x01vorbis", b"Speex   ", b"\x7fFLAC")):
        return "audio/ogg"
    if packet.startswith((b"\x80theora", b"OVP80")):
        return "video/ogg"
    return None


def _vint(data: bytes, pos: int, keep_marker: bool) -> tuple[int, int] | None:
    """An EBML variable-length integer at `pos`: (value, next position); the marker bit kept
    for element ids, dropped for sizes (all ones is an unknown size: -1)."""
    if pos >= len(data):
        return None
    first = data[pos]
    length = 1
    mask = 0x80
    while length <= 8 and not first & mask:
        length += 1
        mask >>= 1
    if length > 8 or pos + length > len(data):
        return None
    value = first if keep_marker else first & (mask - 1)
    for byte in data[pos + 1 : pos + length]:
        value = (value << 8) | byte
    if not keep_marker and value == (1 << (7 * length)) - 1:
        value = -1
    return value, pos + length


def _ebml_children(data: bytes, start: int, end: int) -> list[tuple[int, int, int]]:
    """(id, payload start, payload end) of the elements between `start` and `end`; an element
    of unknown size (a live recording's Segment or Cluster) runs to `end`."""
    out: list[tuple[int, int, int]] = []
    pos = start
    while pos < end and len(out) < _MAX_ELEMENTS:
        element = _vint(data, pos, keep_marker=True)
        if element is None:
            break
        element_id, pos = element
        size = _vint(data, pos, keep_marker=False)
        if size is None:
            break
        length, pos = size
        stop = end if length < 0 else min(end, pos + length)
        out.append((element_id, pos, stop))
        pos = stop
    return out


_EBML_DOCTYPE = 0x4282
_SEGMENT = 0x18538067
_TRACKS = 0x1654AE6B
_TRACK_ENTRY = 0xAE
_TRACK_TYPE = 0x83
_CLUSTER = 0x1F43B675


def _matroska(data: bytes) -> str | None:
    """Matroska/WebM by its DocType; video when a track is video (TrackType 1), audio when the
    tracks are all audio (TrackType 2), video when they cannot be read."""
    top = _ebml_children(data, 0, len(data))
    if not top:
        return None
    doctype = b""
    for element_id, start, stop in _ebml_children(data, top[0][1], top[0][2]):
        if element_id == _EBML_DOCTYPE:
            doctype = data[start:stop]
    if doctype not in (b"webm", b"matroska"):
        return None
    name = "webm" if doctype == b"webm" else "x-matroska"
    types: set[int] = set()
    for element_id, start, stop in top[1:]:
        if element_id != _SEGMENT:
            continue
        for child_id, child_start, child_stop in _ebml_children(data, start, stop):
            if child_id == _CLUSTER:
                break  # the tracks come before the first cluster
            if child_id != _TRACKS:
                continue
            for entry_id, entry_start, entry_stop in _ebml_children(data, child_start, child_stop):
                if entry_id != _TRACK_ENTRY:
                    continue
                for field_id, field_start, field_stop in _ebml_children(
                    data, entry_start, entry_stop
                ):
                    if field_id == _TRACK_TYPE and field_stop - field_start == 1:
                        types.add(data[field_start])
        break
    if types and types <= {2}:
        return f"audio/{name}"
    return f"video/{name}"


def _mp4_boxes(data: bytes, start: int, end: int) -> list[tuple[bytes, int, int]]:
    """(type, payload start, payload end) of the ISO BMFF boxes between `start` and `end`."""
    out: list[tuple[bytes, int, int]] = []
    pos = start
    while pos + 8 <= end and len(out) < _MAX_ELEMENTS:
        size = int.from_bytes(data[pos : pos + 4], "big")
        box_type = data[pos + 4 : pos + 8]
        header = 8
        if size == 1 and pos + 16 <= end:
            size = int.from_bytes(data[pos + 8 : pos + 16], "big")
            header = 16
        elif size == 0:
            size = end - pos
        if size < header:
            break
        stop = min(end, pos + size)
        out.append((box_type, pos + header, stop))
        pos = stop
    return out


def _mp4(data: bytes) -> str | None:
    """MP4/QuickTime by its tracks' handlers (`moov › trak › mdia › hdlr`: `vide`, `soun`),
    else by its major brand."""
    brand = data[8:12]
    if brand not in _MP4_BRANDS:
        return None
    handlers: set[bytes] = set()
    for box_type, start, stop in _mp4_boxes(data, 0, len(data)):
        if box_type != b"moov":
            continue
        for trak_type, trak_start, trak_stop in _mp4_boxes(data, start, stop):
            if trak_type != b"trak":
                continue
            for mdia_type, mdia_start, mdia_stop in _mp4_boxes(data, trak_start, trak_stop):
                if mdia_type != b"mdia":
                    continue
                for hdlr_type, hdlr_start, hdlr_stop in _mp4_boxes(data, mdia_start, mdia_stop):
                    if hdlr_type == b"hdlr" and hdlr_stop - hdlr_start >= 12:
                        handlers.add(data[hdlr_start + 8 : hdlr_start + 12])
        break
    if b"vide" in handlers:
        return "video/quicktime" if brand == b"qt  " else "video/mp4"
    if b"soun" in handlers or (not handlers and brand in _MP4_AUDIO_BRANDS):
        return "audio/mp4"
    return "video/quicktime" if brand == b"qt  " else "video/mp4"


def _mpeg_frame_length(data: bytes, pos: int) -> int:
    """The length of the MPEG audio frame (MP3) or ADTS frame (AAC) at `pos`, 0 when none."""
    if pos + 7 > len(data) or data[pos] != 0xFF or data[pos + 1] & 0xE0 != 0xE0:
        return 0
    second = data[pos + 1]
    version = (second >> 3) & 3
    layer = (second >> 1) & 3
    if second & 0xF6 == 0xF0:
        # ADTS (AAC): 13-bit frame length across bytes 3..5
        if (data[pos + 2] >> 2) & 0xF > 12:
            return 0
        length = ((data[pos + 3] & 3) << 11) | (data[pos + 4] << 3) | (data[pos + 5] >> 5)
        return length if length >= 7 else 0
    if version == 1 or layer == 0:
        return 0
    third = data[pos + 2]
    bitrate_index = third >> 4
    rate_index = (third >> 2) & 3
    if bitrate_index in (0, 15) or rate_index == 3:
        return 0
    padding = (third >> 1) & 1
    table = _MPEG1_BITRATES if version == 3 else _MPEG2_BITRATES
    bitrate = table[layer][bitrate_index] * 1000
    rate = _MPEG_RATES[version][rate_index]
    if layer == 3:  # Layer I
        return (12 * bitrate // rate + padding) * 4
    factor = 72 if version != 3 and layer == 1 else 144
    return factor * bitrate // rate + padding


def _mpeg_frames(data: bytes) -> str | None:
    """MP3 or ADTS AAC with no tag: two valid frame headers in a row (one alone is too easily
    met in binary data)."""
    first = _mpeg_frame_length(data, 0)
    if not first or _mpeg_frame_length(data, first) == 0:
        return None
    layer = (data[1] >> 1) & 3
    return "audio/aac" if layer == 0 else "audio/mpeg"


# Images (issue 15i): a photo or a picture a user sends (an upload's raw body, a file part) is a
# file. PNG, GIF, JPEG, WebP, BMP and TIFF by their signatures, HEIC/HEIF and AVIF by their
# ISO BMFF brand (still images: an image sequence brand is left to `_mp4`).
IMAGE_KINDS = frozenset(
    {"image/png", "image/gif", "image/jpeg", "image/webp", "image/heic", "image/avif"}
    | {"image/bmp", "image/tiff"}
)
_HEIF_BRANDS = {b"heic": "image/heic", b"heix": "image/heic", b"mif1": "image/heic"}
_AVIF_BRANDS = {b"avif": "image/avif"}
# An image this small is a tracking pixel or a spacer (a 1×1 GIF beacon), not a picture.
TRACKING_PIXEL_MAX_SIDE = 2
_IMAGE_FIRST_BYTES = frozenset(bytes([first]) for first in b"\x89G\xffRBIM\x00")


def image_kind(data: bytes) -> str | None:
    """The image format `data` starts with, or None."""
    if len(data) < 12:
        return None
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if data[:3] == b"\xff\xd8\xff":
        return "image/jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data[:2] == b"BM" and int.from_bytes(data[2:6], "little") in (0, len(data)):
        return "image/bmp"
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return "image/tiff"
    if data[4:8] == b"ftyp":
        brand = data[8:12]
        return _HEIF_BRANDS.get(brand) or _AVIF_BRANDS.get(brand)
    return None


def image_size(data: bytes, kind: str) -> tuple[int, int] | None:
    """(width, height) of a PNG, GIF, JPEG or WebP image when its header gives it, else None."""
    if kind == "image/png" and data[12:16] == b"IHDR" and len(data) >= 24:
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    if kind == "image/gif":
        return int.from_bytes(data[6:8], "little"), int.from_bytes(data[8:10], "little")
    if kind == "image/jpeg":
        return _jpeg_size(data)
    if kind == "image/webp" and len(data) >= 30:
        chunk = data[12:16]
        if chunk == b"VP8X":
            return 1 + int.from_bytes(data[24:27], "little"), 1 + int.from_bytes(
                data[27:30], "little"
            )
        if chunk == b"VP8L" and data[20] == 0x2F:
            bits = int.from_bytes(data[21:25], "little")
            return 1 + (bits & 0x3FFF), 1 + ((bits >> 14) & 0x3FFF)
        if chunk == b"VP8 ":
            return int.from_bytes(data[26:28], "little") & 0x3FFF, int.from_bytes(
                data[28:30], "little"
            ) & 0x3FFF
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """The size in a JPEG's start-of-frame segment (the segments before it are skipped by
    their lengths; at most `_MAX_ELEMENTS` of them)."""
    pos = 2
    for _ in range(_MAX_ELEMENTS):
        if pos + 9 > len(data) or data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            return int.from_bytes(data[pos + 7 : pos + 9], "big"), int.from_bytes(
                data[pos + 5 : pos + 7], "big"
            )
        pos += 2 + int.from_bytes(data[pos + 2 : pos + 4], "big")
    return None


def sniff_image(ctx: DecodeContext, data: bytes, path: tuple[str, ...]) -> bool:
    """Record `data` as an image a user sends (`… › media = image/png`) when its signature says
    it is one. Not in a response (a picture received is not one sent); a tracking pixel (at most
    `TRACKING_PIXEL_MAX_SIDE` pixels a side) is consumed, as an image, but not recorded."""
    if data[:1] not in _IMAGE_FIRST_BYTES or ctx.source == "response":
        return False
    kind = image_kind(data)
    if kind is None:
        return False
    size = image_size(data, kind)
    if size is not None and max(size) <= TRACKING_PIXEL_MAX_SIDE:
        return True
    record(ctx, kind, path)
    return True


__all__ = [
    "AUDIO_KINDS",
    "IMAGE_KINDS",
    "MEDIA_KINDS",
    "VIDEO_KINDS",
    "image_kind",
    "image_size",
    "media_kind",
    "sniff",
    "sniff_base64",
    "sniff_image",
]
