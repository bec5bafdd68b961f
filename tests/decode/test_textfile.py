"""Text files recognised by content (issue 15, heldout10): iCalendar invitations, WebVTT and SRT
transcripts, in a body of any declared type, in base64 or in a JSON array of byte values; and
newline-separated query-string records declared `*/*`. Fixtures that must match and must not,
and property tests that keep the parsers total within the caps."""

from __future__ import annotations

import base64
import json
import time

import hypothesis.strategies as st
import pytest
from hypothesis import given

from auditor.decode import decode_body, decode_flow
from auditor.decode.textfile import byte_array_text, text_file_format
from auditor.label import Labeller
from tests.decode.helpers import by_where, flow
from tests.decode.test_properties import SETTINGS, SMALL, check

INVITE = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:42@example.org\r\n"
    "SUMMARY:Quarterly budget review\r\nDTSTART;TZID=Europe/Rome:20261209T150000\r\n"
    'ORGANIZER;CN="Example, Alice":mailto:alice@example.org\r\n'
    "ATTENDEE;CN=Chiara Rossi;ROLE=REQ-PARTICIPANT:mailto:chiara@exa\r\n mple.org\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)
VTT = (
    "WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n<v Alice Example>Thanks for joining.\n\n"
    "00:00:05.500 --> 00:00:09.000\n<v.loud Chiara Rossi>Sure, <b>three</b> percent.\n"
)
SRT = "1\n00:00:01,000 --> 00:00:04,000\nHello there.\n\n2\n00:00:04,500 --> 00:00:06,000\nBye.\n"
ICAL = "body › attachments › 0 › content › bytes › icalendar › vcalendar › vevent"


def _fields(body: bytes, ctype: str | None = "application/json") -> dict[str, object]:
    fields, errors = decode_body(body, ctype, None, ("body",))
    assert errors == []
    return by_where(fields)


def test_an_attachment_as_a_byte_array_decodes_to_its_icalendar_fields() -> None:
    body = json.dumps({"attachments": [{"filename": "x.ics", "content": list(INVITE.encode())}]})
    got = _fields(body.encode())
    assert got["body › attachments › 0 › content › bytes"] == INVITE
    assert got[f"{ICAL} › summary"] == "Quarterly budget review"
    assert got[f"{ICAL} › dtstart › tzid"] == "Europe/Rome"
    assert got[f"{ICAL} › organizer › cn"] == "Example, Alice"  # quoted: its comma and colon stay
    assert got[f"{ICAL} › organizer › email"] == "alice@example.org"
    assert got[f"{ICAL} › attendee › email"] == "chiara@example.org"  # a folded line unfolds
    assert got[f"{ICAL} › attendee › role"] == "REQ-PARTICIPANT"


def test_a_base64_attachment_decodes_to_its_icalendar_fields() -> None:
    encoded = base64.b64encode(INVITE.encode()).decode()
    got = _fields(json.dumps({"content": encoded}).encode())
    assert got["body › content › base64 › icalendar › vcalendar › vevent › summary"] == (
        "Quarterly budget review"
    )


@pytest.mark.parametrize(
    "items",
    [
        [1, 2, 3],  # too short: numbers, not bytes
        [300] * 20,  # not byte values
        [0, 159, 146, 150] * 5,  # not UTF-8 text
        [1, 2, 3, 4] * 5,  # control characters, not text
        [72, 105, 33, 1.5] * 5,  # a float among them
    ],
)
def test_arrays_that_are_not_text_stay_arrays(items: list[object]) -> None:
    assert byte_array_text(items, 1024) is None
    got = _fields(json.dumps({"v": items}).encode())
    assert "body › v › 0" in got and not any("bytes" in where for where in got)


def test_a_byte_array_longer_than_the_cap_is_not_decoded() -> None:
    assert byte_array_text(list(b"hello world, plain text"), 8) is None


def test_webvtt_cues_give_speaker_and_text_whatever_the_declared_type() -> None:
    for ctype in ("application/octet-stream", "text/vtt", None):
        got = _fields(VTT.encode(), ctype)
        assert got["body › webvtt › cue 1 › speaker"] == "Alice Example"
        assert got["body › webvtt › cue 2 › speaker"] == "Chiara Rossi"
        assert got["body › webvtt › cue 2 › text"] == "Sure, three percent."


def test_text_files_in_json_strings_are_read() -> None:
    got = _fields(json.dumps({"captions": VTT, "invite": INVITE, "subs": SRT}).encode())
    assert got["body › captions › webvtt › cue 1 › speaker"] == "Alice Example"
    assert got["body › invite › icalendar › vcalendar › vevent › summary"] == (
        "Quarterly budget review"
    )
    assert got["body › subs › srt › cue 2 › text"] == "Bye."
    # must not: prose that merely starts like one, a range of numbers
    got = _fields(json.dumps({"a": "WEBVTTish words", "b": "10 --> 20, then 30"}).encode())
    assert not any(("webvtt" in w or "srt" in w) for w in got)


def test_a_folded_line_bomb_is_linear() -> None:
    # 400,000 continuation lines: joined once, not copied per line (quadratic: minutes)
    body = ("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:a\r\n" + " b\r\n" * 400_000).encode()
    started = time.process_time()
    fields, _ = decode_body(body, "text/calendar", None, ("body",))
    assert time.process_time() - started < 5
    assert by_where(fields)["body › icalendar › vcalendar › vevent › summary"].startswith("ab")


def test_srt_cues_give_their_text() -> None:
    got = _fields(SRT.encode(), "application/octet-stream")
    assert got["body › srt › cue 1 › text"] == "Hello there."
    assert got["body › srt › cue 2 › text"] == "Bye."


@pytest.mark.parametrize(
    "text",
    [
        "WEBVTTX is not a header",
        "BEGIN:VCARD\nFN:Alice\nEND:VCARD",
        "1\nnot a timing line",
        "# Notes\nBEGIN:VCALENDAR later in the text is not a file start" + "x" * 80,
        "",
    ],
)
def test_text_that_is_no_text_file(text: str) -> None:
    assert text_file_format(text) is None


def test_query_string_lines_declared_any_type_are_records() -> None:
    body = b"eventType=staticData&os=LINUX&visitorCode=v1\neventType=page&title=Home&visitorCode=v1"
    got = _fields(body, "*/*")
    assert got["body › line 1 › os"] == "LINUX"
    assert got["body › line 2 › title"] == "Home"


def _multipart(filename: str, ctype: str, text: str) -> bytes:
    return (
        f'--XyZ\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        f"Content-Type: {ctype}\r\n\r\n{text}\r\n--XyZ--\r\n"
    ).encode()


def test_files_and_transcripts_are_labelled_by_content() -> None:
    labeller = Labeller()
    attachment = json.dumps(
        {"attachments": [{"filename": "x.ics", "content": list(INVITE.encode())}]}
    )
    cases = [
        (flow(attachment.encode(), headers=[("Content-Type", "application/json")]),
         {"customer_content.files", "meeting_metadata", "contact_info.name",
          "contact_info.email", "device_info.locale"}, set()),
        (flow(VTT.encode(), headers=[("Content-Type", "application/octet-stream")]),
         {"customer_content.transcript"}, {"customer_content.files"}),
        (flow(b"# notes\n- a decision\n", headers=[
            ("Content-Type", "application/octet-stream"),
            ("Files-API-Arg", json.dumps({"path": "/Team/2026 notes.md", "mode": "add"}))]),
         {"customer_content.files"}, set()),
        (flow(json.dumps({"attachments": [{"filename": "call.vtt", "content": VTT}]}).encode(),
              headers=[("Content-Type", "application/json")]),
         {"customer_content.transcript"}, {"customer_content.files"}),
        (flow(_multipart("call.vtt", "text/vtt", VTT),
              headers=[("Content-Type", "multipart/form-data; boundary=XyZ")]),
         {"customer_content.transcript"}, {"customer_content.files"}),
        (flow(_multipart("captions.srt", "application/octet-stream", SRT),
              headers=[("Content-Type", "multipart/form-data; boundary=XyZ")]),
         {"customer_content.transcript"}, {"customer_content.files"}),
        (flow(_multipart("notes.txt", "text/plain", "notes"),
              headers=[("Content-Type", "multipart/form-data; boundary=XyZ")]),
         {"customer_content.files"}, {"customer_content.transcript"}),
        (flow(b"# notes\n", headers=[
            ("Content-Type", "application/octet-stream"),
            ("Files-API-Arg", json.dumps({"path": "/Team/captions.srt"}))]),
         {"customer_content.transcript"}, {"customer_content.files"}),
        (flow(b"# notes", headers=[("Content-Type", "text/markdown"),
                                  ("Content-Disposition", 'attachment; filename="notes.md"')]),
         {"customer_content.files"}, set()),
        (flow(b"WEBVTT", headers=[("Content-Disposition", "attachment; filename*=UTF-8''call.vtt")]),
         {"customer_content.transcript"}, {"customer_content.files"}),
        # must not: a JSON header naming a path beside a JSON body; a folder; no body; a
        # disposition without a file extension, or on a JSON body
        (flow(b"xyz", headers=[("Content-Type", "application/octet-stream"),
                               ("Content-Disposition", 'attachment; filename="v1.2 notes"')]),
         set(), {"customer_content.files"}),
        (flow(b'{"a": 1}', headers=[("Content-Type", "application/json"),
                                    ("Content-Disposition", 'attachment; filename="a.json"')]),
         set(), {"customer_content.files"}),
        (flow(b'{"a": 1}', headers=[
            ("Content-Type", "application/json"),
            ("Files-API-Arg", json.dumps({"path": "/Team/notes.md"}))]),
         set(), {"customer_content.files"}),
        (flow(b"xyz", headers=[
            ("Content-Type", "application/octet-stream"),
            ("Files-API-Arg", json.dumps({"path": "/Team/2026 notes"}))]),
         set(), {"customer_content.files"}),
        (flow(json.dumps({"v": list(range(40, 80))}).encode(),
              headers=[("Content-Type", "application/json")]),
         set(), {"customer_content.files", "customer_content.transcript"}),
    ]  # fmt: skip
    for record, must, must_not in cases:
        got = {label.category for label in labeller.label(record).labels}
        assert must <= got, (must, got)
        assert not must_not & got, (must_not, got)


@SETTINGS
@given(
    st.text(max_size=400),
    st.sampled_from(["BEGIN:VCALENDAR\n", "WEBVTT\n\n", "1\n00:00:01,000 --> 00:00:02,000\n", ""]),
)
def test_text_file_parsers_are_total(text: str, head: str) -> None:
    data = (head + text).encode("utf-8", errors="surrogatepass")
    for ctype in ("application/octet-stream", "*/*", None):
        fields, errors = decode_body(data, ctype, None, ("body",), SMALL)
        check(fields, errors, SMALL)
    wrapped = json.dumps({"content": list(data[:2000])}).encode()
    fields, errors = decode_body(wrapped, "application/json", None, ("body",), SMALL)
    check(fields, errors, SMALL)


@SETTINGS
@given(st.lists(st.integers(min_value=-5, max_value=300), max_size=200))
def test_byte_arrays_never_raise(items: list[int]) -> None:
    fields, errors = decode_body(
        json.dumps({"c": items}).encode(), "application/json", None, ("body",), SMALL
    )
    check(fields, errors, SMALL)
    decode_flow(flow(json.dumps([items]).encode()))
