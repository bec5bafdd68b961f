"""Content recognised whatever the declared type (issue 15, from the sdk10 dev set): recordings
by their magic bytes (decode/media.py), speaker-attributed text as turns (decode/textfile.py),
and bracketed form keys as nested paths (decode/form.py). Each with the cases it must not
match; the decoders stay total (tests/decode/test_properties.py)."""

from __future__ import annotations

import base64
import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.decode import decode_body
from auditor.decode.form import bracket_path
from auditor.decode.media import media_kind
from auditor.decode.textfile import dialogue_turns
from tests.decode import media_bytes as mb

SETTINGS = settings(
    max_examples=int(os.environ.get("DECODE_HYPOTHESIS_EXAMPLES", "120")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=os.environ.get("DECODE_HYPOTHESIS_RANDOM") != "1",
)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (mb.wav(), "audio/wav"),
        (mb.ogg_opus(), "audio/ogg"),
        (b"fLaC\x00\x00\x00\x22" + bytes(40), "audio/flac"),
        (b"ID3\x04\x00\x00\x00\x00\x01\x00" + mb.mpeg_frames(1), "audio/mpeg"),
        (mb.mpeg_frames(), "audio/mpeg"),
        (mb.adts_frames(), "audio/aac"),
        (mb.matroska([2]), "audio/webm"),
        (mb.matroska([2], doctype=b"matroska"), "audio/x-matroska"),
        (mb.mp4(b"M4A ", [b"soun"]), "audio/mp4"),
        (mb.mp4(b"isom", [b"soun"], moov_last=True), "audio/mp4"),
        (mb.mp4(b"M4A ", []), "audio/mp4"),
        # video containers with a video track stay video
        (mb.matroska([1, 2]), "video/webm"),
        (mb.mp4(b"isom", [b"vide", b"soun"]), "video/mp4"),
        (mb.mp4(b"qt  ", [b"soun", b"vide"], moov_last=True), "video/quicktime"),
        (mb.ogg_theora(), "video/ogg"),
        (b"RIFF\x00\x10\x00\x00AVI LIST" + bytes(40), "video/avi"),
        # tracks that cannot be read: what the container's name promises
        (mb.matroska([]), "video/webm"),
        (mb.mp4(b"isom", []), "video/mp4"),
    ],
)
def test_recordings_are_known_by_their_magic_bytes(data: bytes, kind: str) -> None:
    assert media_kind(data) == kind


@pytest.mark.parametrize(
    "data",
    [
        b"RIFF\x00\x10\x00\x00WEBPVP8 " + bytes(40),  # an image in RIFF
        b"OggS" + bytes(40),  # a page with no codec header
        mb.ogg(b"unknown-codec" + bytes(10)),
        b"\x1a\x45\xdf\xa3" + bytes(40),  # EBML that is neither Matroska nor WebM
        b"\x00\x00\x00\x18ftypabcd" + bytes(40),  # an unknown brand
        b"\xff\xfb\x90\x00" + bytes(40),  # one MPEG header and nothing after it
        b"\xff\xfb\x90\x00" + bytes(413) + b"\x12\x34\x56\x78" + bytes(40),
        b'{"riff": "RIFF....WAVE"}',
        b"ID3",
        b"",
        os.urandom(0) + bytes(range(256)),
    ],
)
def test_other_bytes_are_no_recording(data: bytes) -> None:
    assert media_kind(data) is None


@pytest.mark.parametrize(
    "ctype", [None, "application/octet-stream", "text/plain", "application/json"]
)
def test_an_untyped_recording_is_one_field_and_a_body_kind_not_its_samples(
    ctype: str | None,
) -> None:
    data = mb.wav()
    fields, errors = decode_body(data, ctype, None, ("body",))
    assert [(f.path, f.value) for f in fields] == [(("body", "media"), "audio/wav")]
    assert not errors


def test_a_multipart_file_part_with_no_type_is_sniffed() -> None:
    boundary = "b0undary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="upload"; filename="blob"\r\n'
            f"\r\n"
        ).encode()
        + mb.matroska([2])
        + f"\r\n--{boundary}--\r\n".encode()
    )
    fields, _ = decode_body(body, f"multipart/form-data; boundary={boundary}", None, ("body",))
    got = {f.where: f.value for f in fields}
    assert got["body › upload › content_type"] == "application/octet-stream"  # as declared
    assert got["body › upload › file › media"] == "audio/webm"


@SETTINGS
@given(st.binary(max_size=2048), st.sampled_from([b"RIFF", b"OggS", b"\x1a\x45\xdf\xa3", b""]))
def test_sniffing_never_raises(noise: bytes, prefix: bytes) -> None:
    for data in (prefix + noise, noise[:4] + b"ftyp" + noise[4:], b"\xff\xfb" + noise):
        kind = media_kind(data)
        assert kind is None or "/" in kind
        decode_body(data, None, None, ("body",))


MINUTES = (
    "Minutes of Q3 vendor review (meeting 812)\n\n"
    "Chiara Rossi: Thanks for joining. Tomasz, can you start with the contract?\n"
    "Tomasz Nowak: Sure. Legal signed off on Friday; onboarding starts on the 14th.\n"
    "Chiara Rossi: Great. I will send the minutes to everyone after the call.\n"
)


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        (MINUTES, ["Chiara Rossi", "Tomasz Nowak", "Chiara Rossi"]),
        (
            "<p>Meeting 812, 4 participants.</p><p>Chiara Rossi: legal signed off; we start "
            "on the 14th.</p><p>Tomasz Nowak: send the revised price sheet by Wednesday.</p>",
            ["Chiara Rossi", "Tomasz Nowak"],
        ),
        (
            "[00:00:05] Chiara: can everyone hear me now?\n[00:00:09] Tomasz: yes, loud and "
            "clear here.\n[00:00:12] Chiara: good, then let us begin.",
            ["Chiara", "Tomasz", "Chiara"],
        ),
        (
            "Chiara Rossi (host): welcome to the weekly sync everyone\n"
            "Tomasz O'Neill-Nowak: thanks, happy to be here today",
            ["Chiara Rossi", "Tomasz O'Neill-Nowak"],
        ),
    ],
)
def test_speaker_attributed_text_is_read_as_turns(text: str, speakers: list[str]) -> None:
    turns = dialogue_turns(text)
    assert turns is not None
    assert [speaker for speaker, _ in turns] == speakers


@pytest.mark.parametrize(
    "text",
    [
        # mail headers
        "From: Chiara Rossi <chiara@example.com>\nTo: Tomasz Nowak <tomasz@example.com>\n"
        "Subject: the revised price sheet for review\nDate: Mon, 7 Dec 2026 10:00:00 +0000",
        # a config dump
        "language: en\ndiarization: speaker\noperating_point: enhanced model here\n"
        "punctuation: on for all the words",
        # log lines
        "2026-12-07 10:00:01 INFO Worker: started the job queue now\n"
        "2026-12-07 10:00:02 ERROR Uploader: failed to reach the bucket twice",
        "INFO: started the job queue now\nWARNING: the bucket is almost full today",
        # an invitation's labelled lines
        "Organizer: Chiara Rossi\nLocation: Room 4 at the Zurich office\n"
        "Agenda: review the vendor contract terms together",
        "Action Items: send the price sheet by Wednesday\nNext Steps: legal signs off "
        "on the contract",
        # HTTP headers
        "User-Agent: Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/128.0\n"
        "Accept-Language: en-US,en;q=0.5 and some more",
        # an error report
        "TypeError: cannot read properties of undefined\n    at run (app.js:1:2)\n"
        "RangeError: invalid array length in the buffer",
        # one speaker, or two first names that never answer each other
        "Chiara Rossi: legal signed off on the contract\nChiara Rossi: onboarding starts soon",
        "Chiara: send the price sheet by Wednesday\nTomasz: review the contract terms today",
        # prose with one labelled line among many
        "Hi all,\nthanks for the call today.\nNote: the next one moves to Thursday.\n"
        "We agreed on the plan.\nTomasz Nowak: will send the deck later today.\nBest,\nChiara",
        # a Q&A list
        "Q: how do I reset my password for the app?\nA: open the settings and click reset.",
    ],
)
def test_labelled_lines_logs_and_configs_are_no_dialogue(text: str) -> None:
    assert dialogue_turns(text) is None


def test_turns_in_a_json_string_and_in_a_text_body_become_fields() -> None:
    body = json.dumps({"content": {"html": MINUTES}}).encode()
    fields, _ = decode_body(body, "application/json", None, ("body",))
    got = {f.where: f.value for f in fields}
    assert got["body › content › html › dialogue › turn 2 › speaker"] == "Tomasz Nowak"
    fields, _ = decode_body(MINUTES.encode(), "text/plain", None, ("body",))
    got = {f.where: f.value for f in fields}
    assert got["body › dialogue › turn 1 › speaker"] == "Chiara Rossi"


@SETTINGS
@given(st.lists(st.text(max_size=60), max_size=12))
def test_dialogue_reading_never_raises(lines: list[str]) -> None:
    text = "\n".join(f"{line}: {line} {line} {line}" for line in lines)
    turns = dialogue_turns(text)
    assert turns is None or len(turns) >= 2


@pytest.mark.parametrize(
    ("key", "path"),
    [
        ("address[city]", ("address", "city")),
        ("preferred_locales[0]", ("preferred_locales", "0")),
        ("metadata[user_id]", ("metadata", "user_id")),
        ("card[billing][country]", ("card", "billing", "country")),
        ("tags[]", ("tags",)),
        # not bracketed keys: one part, as sent
        ("a[b", ("a[b",)),
        ("[x]", ("[x]",)),
        ("a[b]c", ("a[b]c",)),
        ("plain", ("plain",)),
    ],
)
def test_bracketed_form_keys_name_nested_paths(key: str, path: tuple[str, ...]) -> None:
    assert bracket_path(key) == path


def test_a_form_body_with_bracketed_keys_decodes_to_nested_fields() -> None:
    body = b"email=a%40example.com&address[city]=Zurich&preferred_locales[0]=de-CH"
    fields, _ = decode_body(body, "application/x-www-form-urlencoded", None, ("body",))
    got = {f.where: f.value for f in fields}
    assert got["body › address › city"] == "Zurich"
    assert got["body › preferred_locales › 0"] == "de-CH"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (mb.wav(), "audio/wav"),
        (mb.matroska([2]), "audio/webm"),
        (b"fLaC\x00\x00\x00\x22" + bytes(40), "audio/flac"),
        (mb.mpeg_frames(), "audio/mpeg"),
        (mb.matroska([1, 2]), "video/webm"),
    ],
)
def test_a_recording_in_a_base64_field_is_known_by_its_bytes(data: bytes, kind: str) -> None:
    body = json.dumps({"audio": {"content": base64.b64encode(data).decode()}}).encode()
    fields, errors = decode_body(body, "application/json", None, ("body",))
    assert {f.where: f.value for f in fields}["body › audio › content › base64 › media"] == kind
    assert not errors


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)),  # binary starting "AA…" that is no container
        b"RIFF" + bytes(100),
        b"Report of the quarterly review, with more words than that",
    ],
)
def test_other_base64_fields_are_no_recording(data: bytes) -> None:
    body = json.dumps({"content": base64.b64encode(data).decode()}).encode()
    fields, _ = decode_body(body, "application/json", None, ("body",))
    assert not any(f.path[-1] == "media" for f in fields)
