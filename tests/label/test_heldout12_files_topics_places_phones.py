"""Classes of misses from the heldout12 dev set (issue 15i), each with cases that must match and
cases that must not: text files inside multipart uploads read as text, a user's meeting topic
found in prose in any case, a picture sent as an untyped body read as a file (tracking pixels
not), a "City, Country" value as a coarse location, and phone numbers in a lookup path and in
the ranges kept for fiction."""

from __future__ import annotations

import base64
import struct
import zlib
from typing import Any

import pytest

from auditor.decode import decode_body
from auditor.decode.media import image_kind, image_size
from auditor.label import KnownValues, Labeller
from auditor.label.prose import phones_in_text, place_value
from auditor.label.rules import flow_from_fixture
from auditor.vocabulary import path_item_key, valid_international_number

NAME = "contact_info.name"
PHONE = "contact_info.phone"
MEETING = "meeting_metadata"
FILES = "customer_content.files"
VIDEO = "customer_content.video"
COARSE = "location.coarse"
TOPIC = "Vendor onboarding sync"
BOUNDARY = "b0und4ry12"


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller(known_values=KnownValues.from_mapping({"meeting_topic": TOPIC}))


def label(
    labeller: Labeller,
    url: str,
    body: bytes,
    content_type: str,
    method: str = "POST",
) -> set[str]:
    fixture: dict[str, Any] = {
        "rule": "x",
        "url": url,
        "method": method,
        "headers": [["Content-Type", content_type]],
        "body_b64": base64.b64encode(body).decode("ascii"),
    }
    result = labeller.label(flow_from_fixture(fixture))
    for lab in result.labels:
        assert lab.evidence, lab.category
    return set(result.categories())


def multipart(filename: str, content: bytes, part_type: str | None) -> tuple[bytes, str]:
    head = f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
    if part_type:
        head += f"Content-Type: {part_type}\r\n"
    body = head.encode() + b"\r\n" + content + f"\r\n--{BOUNDARY}--\r\n".encode()
    return body, f"multipart/form-data; boundary={BOUNDARY}"


def png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    rows = b"".join(b"\x00" + b"\x7f" * (3 * width) for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


GIF_1X1 = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)
MINUTES = (
    f"{TOPIC} - minutes\nPresent: Lukas Brandt, Priya Raman\nDecision: go-live after the DPA."
).encode()


# --- 1. text files inside multipart uploads ---------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "part_type"),
    [("minutes.txt", "text/plain"), ("minutes.md", None), ("notes", "application/octet-stream")],
)
def test_a_text_file_part_is_read_as_text(
    labeller: Labeller, filename: str, part_type: str | None
) -> None:
    body, content_type = multipart(filename, MINUTES, part_type)
    fields, errors = decode_body(body, content_type, None, ("body",))
    assert not errors
    texts = [f for f in fields if f.path == ("body", "file", "file", "utf-8")]
    assert len(texts) == 1 and "Priya Raman" in str(texts[0].value)
    got = label(labeller, "https://api.worktool.test/1/cards/c42/attachments", body, content_type)
    assert {NAME, MEETING, FILES} <= got


@pytest.mark.parametrize(
    "content",
    [
        bytes(range(256)) * 4,  # binary
        b"\x00\x01PK not text \xff\xfe",
        b"c2VjcmV0LWJsb2ItYmFzZTY0LW9ubHk=",  # one token, no words
        "Präsentation".encode("utf-16"),
    ],
)
def test_a_binary_or_single_token_part_is_not_read_as_text(content: bytes) -> None:
    body, content_type = multipart("blob.bin", content, "application/octet-stream")
    fields, _ = decode_body(body, content_type, None, ("body",))
    assert not [f for f in fields if f.path[-1] == "utf-8"]


def test_a_long_text_file_is_cut_at_the_field_cap() -> None:
    body, content_type = multipart("notes.txt", b"word " * 10_000, "text/plain")
    fields, _ = decode_body(body, content_type, None, ("body",))
    (text,) = [f.value for f in fields if f.path[-1] == "utf-8"]
    assert isinstance(text, str) and len(text) <= 4097


def test_a_text_file_without_a_name_or_topic_is_files_only(labeller: Labeller) -> None:
    body, content_type = multipart("todo.txt", b"- buy milk\n- call the bank", "text/plain")
    got = label(labeller, "https://api.worktool.test/uploads", body, content_type)
    assert FILES in got and NAME not in got and MEETING not in got


# --- 2. the user's meeting topic in prose, in any case ------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Voice note: summary of the vendor onboarding sync",
        "Great VENDOR ONBOARDING SYNC today, go-live in January.",
        "Vendor onboarding sync",
    ],
)
def test_the_topic_in_prose_in_any_case(labeller: Labeller, text: str) -> None:
    got = label(
        labeller,
        "https://social.test/api/v1/statuses",
        f'{{"status": "{text}"}}'.encode(),
        "application/json",
    )
    assert MEETING in got


@pytest.mark.parametrize(
    "text",
    [
        "the vendor onboarding synchronisation job failed",  # inside a longer word
        "prevendor onboarding sync",
        "vendor onboarding is in sync",
    ],
)
def test_the_topic_only_on_word_boundaries(labeller: Labeller, text: str) -> None:
    got = label(
        labeller,
        "https://social.test/api/v1/statuses",
        f'{{"status": "{text}"}}'.encode(),
        "application/json",
    )
    assert MEETING not in got


def test_a_one_word_topic_matches_only_a_whole_value() -> None:
    known = KnownValues.from_mapping({"meeting_topic": "Standup"})
    assert [v.kind for v, _ in known.search_text("standup")] == ["meeting_topic"]
    assert known.search_text("Skipped the standup again, see you tomorrow") == []
    assert known.search_text("standups") == []


# --- 3. a picture sent as an untyped body -------------------------------------------------------


@pytest.mark.parametrize("content_type", ["*/*", "application/octet-stream", ""])
def test_an_untyped_image_body_is_a_file(labeller: Labeller, content_type: str) -> None:
    got = label(labeller, "https://social.test/xrpc/upload", png(8, 8), content_type)
    assert FILES in got and VIDEO not in got


def test_image_formats_and_sizes() -> None:
    assert image_kind(png(8, 8)) == "image/png" and image_size(png(8, 8), "image/png") == (8, 8)
    assert image_kind(GIF_1X1) == "image/gif" and image_size(GIF_1X1, "image/gif") == (1, 1)
    jpeg = (
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"
        + bytes(9)
        + b"\xff\xc0\x00\x11\x08\x01\xe0\x02\x80"
        + bytes(12)
    )
    assert image_kind(jpeg) == "image/jpeg" and image_size(jpeg, "image/jpeg") == (640, 480)
    assert image_kind(b"RIFF\x00\x00\x00\x00WEBPVP8X" + bytes(20)) == "image/webp"
    assert image_kind(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic") == "image/heic"
    assert image_kind(b"\x00\x00\x00\x18ftypavif\x00\x00\x00\x00mif1avif") == "image/avif"
    assert image_kind(b"\x00\x00\x00\x18ftypisom\x00\x00\x00\x00") is None  # a video
    assert image_kind(b"GIF is a format name, not a GIF") is None


@pytest.mark.parametrize("pixel", [GIF_1X1, png(1, 1), png(2, 2)])
def test_a_tracking_pixel_is_not_a_file(labeller: Labeller, pixel: bytes) -> None:
    fields, _ = decode_body(pixel, "*/*", None, ("body",))
    assert not [f for f in fields if f.path[-1] == "media"]
    got = label(labeller, "https://beacon.test/collect", pixel, "application/octet-stream")
    assert FILES not in got


def test_a_declared_image_keeps_its_reading(labeller: Labeller) -> None:
    # a thumbnail or a background sent as `image/png` stays the meeting client's image (video)
    got = label(labeller, "https://media.test/thumbnails/1.png", png(8, 8), "image/png", "PUT")
    assert VIDEO in got and FILES not in got
    body, content_type = multipart("background.png", png(8, 8), "image/png")
    got = label(labeller, "https://api.test/v1/backgrounds", body, content_type)
    assert VIDEO in got and FILES not in got


def test_an_untyped_image_part_is_a_file(labeller: Labeller) -> None:
    body, content_type = multipart("photo", png(16, 16), "application/octet-stream")
    assert FILES in label(labeller, "https://social.test/api/v2/media", body, content_type)


def test_a_picture_in_a_response_is_not_read() -> None:
    fields, _ = decode_body(png(8, 8), "*/*", None, ("response",), source="response")
    assert not [f for f in fields if f.path[-1] == "media"]


# --- 4. "City, Country" values --------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "place"),
    [
        ("Berlin, Germany", "Berlin, Germany"),
        ("Milan, Lombardy, Italy", "Milan, Lombardy, Italy"),
        ("São Paulo, Brazil", "São Paulo, Brazil"),
        ("Berlin", None),  # a city alone: only under a key that says place
        ("Priya Raman, Alice Example", None),
        ("Berlin, Germany, Europe, Earth", None),
        ("Paris, Texas", None),
        ("Berlin, Germany. See you there", None),
        ("Turkey, Germany", None),
    ],
)
def test_place_value(value: str, place: str | None) -> None:
    assert place_value(value) == place


def test_a_city_country_cell_is_coarse_location(labeller: Labeller) -> None:
    cells = {"cells": [{"columnId": 7397923160909700, "value": "Berlin, Germany"}]}
    got = label(
        labeller,
        "https://api.sheet.test/2.0/sheets/4583/rows",
        str(cells).replace("'", '"').encode(),
        "application/json",
    )
    assert COARSE in got


@pytest.mark.parametrize(
    ("url", "body"),
    [
        ("https://api.sheet.test/2.0/sheets/4583/rows", b'{"cells": [{"value": "Berlin"}]}'),
        ("https://api.sheet.test/2.0/sheets/4583/rows", b'{"cells": [{"id": "Berlin, Germany"}]}'),
        ("https://api.test/v1/Berlin,%20Germany/items", b"{}"),
    ],
)
def test_not_a_city_country_value(labeller: Labeller, url: str, body: bytes) -> None:
    assert COARSE not in label(labeller, url, body, "application/json")


def test_no_place_value_in_a_header(labeller: Labeller) -> None:
    fixture: dict[str, Any] = {
        "rule": "x",
        "url": "https://api.test/v1/items",
        "method": "GET",
        "headers": [["X-Region-Label", "Berlin, Germany"]],
    }
    assert COARSE not in set(labeller.label(flow_from_fixture(fixture)).categories())


# --- 5. phones in a lookup path and in the ranges kept for fiction ------------------------------


@pytest.mark.parametrize(
    ("collection", "segment", "key"),
    [
        ("number_lookup", "+447700900312", "phone_number"),
        ("phone_numbers", "%2B16505550142", "phone_number"),
        ("lookups", "+4915155501847", "phone_number"),
        ("number_lookup", "447700900312", None),  # no `+`: an id as often as a number
        ("number_lookup", "+1700000000", None),  # a timestamp with a sign
        ("number_lookup", "+1.2.3", None),  # a version
        ("releases", "+447700900312", None),  # not a lookup word
        ("number_lookup", "+999123456789", None),  # no such country
    ],
)
def test_a_phone_in_a_lookup_path(collection: str, segment: str, key: str | None) -> None:
    assert path_item_key(collection, segment) == key


def test_a_lookup_path_is_a_phone(labeller: Labeller) -> None:
    got = label(labeller, "https://api.tel.test/v2/number_lookup/+447700900312", b"", "", "GET")
    assert PHONE in got
    got = label(labeller, "https://api.tel.test/v2/builds/+447700900312", b"", "", "GET")
    assert PHONE not in got


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("+44 7700 900312", True),  # Ofcom's drama range (mobile)
        ("+44 20 7946 0123", True),  # Ofcom's drama range (London)
        ("+44 113 496 0999", True),
        ("+44 1632 970123", False),  # beside the drama range, not allocated
        ("+44 7700 901312", False),
        ("+44 20 7946 1123", True),  # a real London number, valid by libphonenumber
        ("+1 650 555 0142", True),
        ("+1700000000", False),
    ],
)
def test_numbers_kept_for_fiction_are_phones(number: str, valid: bool) -> None:
    assert valid_international_number(number, fiction=True) is valid
    if "7700" in number and valid:
        # a bare value in a fiction range: nothing says it is a phone
        assert not valid_international_number(number)


def test_a_fiction_range_phone_in_prose(labeller: Labeller) -> None:
    text = "Priya Raman <priya@example.com>, +44 7700 900312, is waiting for it."
    assert phones_in_text(text) == ["+44 7700 900312"]
    assert phones_in_text("build 2026.12+447700900312 shipped") == []
    assert phones_in_text("+447700900312") == []  # a bare value: a test number, not prose
    got = label(
        labeller,
        "https://api.worktool.test/1/cards",
        f'{{"desc": "{text}"}}'.encode(),
        "application/json",
    )
    assert PHONE in got
