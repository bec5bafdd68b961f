"""Shapes of data from the sdk10 dev set (issue 15, tests/label/corpus/sdk10.jsonl), by class,
each with the cases it must not match: a recording known by its magic bytes whatever the
declared type; speaker-attributed minutes as a transcript (and a speech job's settings as
none); the language of a request and bracketed form keys as locale and place; a mailbox's name
as no place."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from auditor.label import Labeller
from auditor.label.rules import flow_from_fixture
from auditor.records import FlowRecord
from tests.decode import media_bytes as mb
from tests.tflow import treq

AUDIO = "customer_content.audio"
VIDEO = "customer_content.video"
FILES = "customer_content.files"
TRANSCRIPT = "customer_content.transcript"
LOCALE = "device_info.locale"
COARSE = "location.coarse"
NAME = "contact_info.name"
API = "https://api.example-speech.test/v2/upload"


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


def labels_of(labeller: Labeller, record: FlowRecord) -> set[str]:
    result = labeller.label(record)
    for lab in result.labels:
        assert lab.evidence, lab.category
    return set(result.categories())


def raw(
    labeller: Labeller, body: bytes, content_type: str | None = None, url: str = API
) -> set[str]:
    headers = [("Content-Type", content_type)] if content_type else []
    fixture: dict[str, Any] = {"url": url, "headers": headers, "method": "POST"}
    record = flow_from_fixture(fixture)
    assert record.request is not None
    request = record.request
    record.request = treq(
        request.url,
        method=request.method,
        host=request.host,
        port=request.port,
        path=request.path,
        headers=request.headers,
        body=body,
    )
    return labels_of(labeller, record)


def json_body(labeller: Labeller, body: Any, url: str = API) -> set[str]:
    fixture: dict[str, Any] = {
        "url": url,
        "headers": [["Content-Type", "application/json"]],
        "body": body,
    }
    return labels_of(labeller, flow_from_fixture(fixture))


@pytest.mark.parametrize(
    ("data", "ctype", "category"),
    [
        (mb.wav(), None, AUDIO),
        (mb.wav(), "application/octet-stream", AUDIO),
        (mb.ogg_opus(), "application/octet-stream", AUDIO),
        (mb.matroska([2]), None, AUDIO),
        (mb.mp4(b"M4A ", [b"soun"]), "binary/octet-stream", AUDIO),
        (mb.mpeg_frames(), None, AUDIO),
        (b"ID3\x04\x00\x00\x00\x00\x01\x00" + mb.mpeg_frames(1), "text/plain", AUDIO),
        (b"fLaC\x00\x00\x00\x22" + bytes(40), None, AUDIO),
        (mb.matroska([1, 2]), None, VIDEO),
        (mb.mp4(b"isom", [b"vide", b"soun"]), "application/octet-stream", VIDEO),
    ],
)
def test_a_recording_is_known_by_its_bytes_whatever_its_type(
    labeller: Labeller, data: bytes, ctype: str | None, category: str
) -> None:
    got = raw(labeller, data, ctype)
    assert category in got
    assert ({AUDIO, VIDEO} - {category}).isdisjoint(got)
    assert FILES not in got


@pytest.mark.parametrize(
    "data",
    [
        b"RIFF\x00\x10\x00\x00WEBPVP8 " + bytes(40),
        b"\xff\xfb\x90\x00" + bytes(40),
        bytes(range(256)),
        b"OggS" + bytes(40),
    ],
)
def test_other_binary_bodies_are_no_recording(labeller: Labeller, data: bytes) -> None:
    assert {AUDIO, VIDEO}.isdisjoint(raw(labeller, data))


def multipart(parts: list[tuple[str, str | None, str | None, bytes]]) -> tuple[bytes, str]:
    boundary = "s10b0undary"
    out = b""
    for name, filename, ctype, data in parts:
        disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
        out += f"--{boundary}\r\nContent-Disposition: {disposition}\r\n".encode()
        if ctype:
            out += f"Content-Type: {ctype}\r\n".encode()
        out += b"\r\n" + data + b"\r\n"
    out += f"--{boundary}--\r\n".encode()
    return out, f"multipart/form-data; boundary={boundary}"


def test_an_untyped_file_part_holding_audio_is_audio_not_a_file(labeller: Labeller) -> None:
    body, ctype = multipart([("file", "blob", "application/octet-stream", mb.wav())])
    got = raw(labeller, body, ctype)
    assert AUDIO in got and FILES not in got
    body, ctype = multipart([("audio", None, None, mb.ogg_opus())])
    assert AUDIO in raw(labeller, body, ctype)
    # a file part that is not a recording stays a file
    body, ctype = multipart([("file", "blob", "application/octet-stream", bytes(range(200)))])
    got = raw(labeller, body, ctype)
    assert FILES in got and AUDIO not in got


MINUTES = (
    "Minutes of Q3 vendor review (meeting 812)\n\n"
    "Chiara Rossi: Thanks for joining. Tomasz, can you start with the contract?\n"
    "Tomasz Nowak: Sure. Legal signed off on Friday; onboarding starts on the 14th.\n"
    "Chiara Rossi: Great. I will send the minutes to everyone after the call.\n"
)
MAIL_API = "https://api.example-mail.test/api/v1/transmissions"


@pytest.mark.parametrize(
    "html",
    [
        "<p>Meeting 812, 4 participants.</p><p>Chiara Rossi: legal signed off; we start on "
        "the 14th.</p><p>Tomasz Nowak: send the revised price sheet by Wednesday.</p>",
        MINUTES,
    ],
)
def test_minutes_in_an_email_are_a_transcript(labeller: Labeller, html: str) -> None:
    body = {
        "recipients": [{"address": {"email": "tomasz@example-co.test"}}],
        "content": {"subject": "Minutes", "html": html},
    }
    got = json_body(labeller, body, MAIL_API)
    assert TRANSCRIPT in got
    assert NAME in got  # the speakers' full names


def test_minutes_uploaded_as_a_text_file_are_a_transcript_not_a_file(labeller: Labeller) -> None:
    body, ctype = multipart(
        [
            ("query", None, None, b"mutation ($file: File!) { add_file(file: $file) { id } }"),
            ("file", "minutes-812.txt", "text/plain", MINUTES.encode()),
        ]
    )
    got = raw(labeller, body, ctype, "https://api.example-board.test/v2/file")
    assert TRANSCRIPT in got and FILES not in got
    assert TRANSCRIPT in raw(labeller, MINUTES.encode(), "text/plain")


@pytest.mark.parametrize(
    "text",
    [
        "Organizer: Chiara Rossi\nLocation: Room 4 at the Zurich office\n"
        "Agenda: review the vendor contract terms together",
        "From: Chiara Rossi <chiara@example.com>\nTo: Tomasz Nowak <tomasz@example.com>\n"
        "Subject: the revised price sheet for review",
        "2026-12-07 10:00:01 INFO Worker: started the job queue now\n"
        "2026-12-07 10:00:02 ERROR Uploader: failed to reach the bucket twice",
    ],
)
def test_labelled_lines_in_a_mail_or_a_file_are_no_transcript(
    labeller: Labeller, text: str
) -> None:
    assert TRANSCRIPT not in json_body(labeller, {"content": {"text": text}}, MAIL_API)
    body, ctype = multipart([("file", "notes.txt", "text/plain", text.encode())])
    got = raw(labeller, body, ctype)
    assert TRANSCRIPT not in got and FILES in got


def test_a_speech_jobs_settings_are_no_transcript(labeller: Labeller) -> None:
    config = {
        "type": "transcription",
        "transcription_config": {
            "language": "en",
            "diarization": "speaker",
            "additional_vocab": [{"content": "Chiara Rossi"}, {"content": "Northwind"}],
        },
    }
    body, ctype = multipart([("config", None, None, json.dumps(config).encode())])
    assert TRANSCRIPT not in raw(labeller, body, ctype, "https://api.example-speech.test/v2/jobs")
    got = json_body(
        labeller,
        {"custom_vocabulary": [{"text": "Northwind onboarding"}], "language_code": "en"},
        "https://api.example-speech.test/v2/transcripts",
    )
    assert TRANSCRIPT not in got
    # the transcript itself, on the same kind of endpoint, still is one
    got = json_body(
        labeller,
        {"transcript": {"text": "we start onboarding on the 14th"}},
        "https://api.example-speech.test/v2/transcripts",
    )
    assert TRANSCRIPT in got


@pytest.mark.parametrize(
    "body",
    [
        {"language_code": "en", "audio_url": "https://files.example.test/a.mp3"},
        {"config": {"languageCode": "de-CH"}},
        {"lang_code": "fr"},
    ],
)
def test_the_language_of_a_request_is_locale(labeller: Labeller, body: Any) -> None:
    assert LOCALE in json_body(labeller, body)


@pytest.mark.parametrize(
    "body",
    [
        {"sdk_language_code": "go"},
        {"programming_language_code": "py"},
        {"language_code": "Python 3"},
    ],
)
def test_a_programming_language_is_no_locale(labeller: Labeller, body: Any) -> None:
    assert LOCALE not in json_body(labeller, body)


FORM = "application/x-www-form-urlencoded"


def test_bracketed_form_keys_are_read_by_their_inner_key(labeller: Labeller) -> None:
    got = raw(
        labeller,
        b"name=Chiara+Rossi&address[city]=Zurich&address[country]=CH&preferred_locales[0]=de-CH",
        FORM,
        "https://api.example-pay.test/v1/customers",
    )
    assert {COARSE, LOCALE} <= got
    got = raw(
        labeller,
        b"amount=100&currency=chf&address[line1]=Bahnhofstrasse+1&metadata[order]=A-17",
        FORM,
        "https://api.example-pay.test/v1/invoiceitems",
    )
    assert COARSE not in got and LOCALE not in got


def test_a_mailbox_name_is_no_place(labeller: Labeller) -> None:
    got = json_body(
        labeller,
        {
            "recipients": [
                {"address": {"email": "tomasz@example-co.test", "name": "Tomasz Nowak"}},
                {"address": {"email": "chiara@example-co.test", "name": "Chiara Rossi"}},
            ]
        },
        MAIL_API,
    )
    assert COARSE not in got
    # a place's name, and a city beside an e-mail in one record, are still places
    assert COARSE in json_body(labeller, {"location": {"name": "Milan office"}})
    assert COARSE in json_body(labeller, {"email": "chiara@example-co.test", "city": "Zurich"})


def test_a_recording_sent_as_base64_in_json_is_audio(labeller: Labeller) -> None:
    speech = "https://speech.example-cloud.test/v1/speech:recognize"
    content = base64.b64encode(mb.ogg_opus()).decode()
    body = {"config": {"languageCode": "en-US"}, "audio": {"content": content}}
    got = json_body(labeller, body, speech)
    # the audio's language on a speech endpoint is the content's, no locale (issue 15aq)
    assert AUDIO in got and LOCALE not in got
    # base64 of other binary is no recording
    other = {"audio": {"content": base64.b64encode(bytes(range(256))).decode()}}
    assert AUDIO not in json_body(labeller, other, speech)


def test_minutes_attached_as_base64_text_are_a_transcript_not_a_file(labeller: Labeller) -> None:
    attachment = {"filename": "minutes-812.txt", "content": base64.b64encode(MINUTES.encode())}
    body = {"attachments": [{**attachment, "content": attachment["content"].decode()}]}
    got = json_body(labeller, body, "https://api.example-mail.test/v3/mail/send")
    assert TRANSCRIPT in got and FILES not in got
    notes = "Organizer: Chiara Rossi\nLocation: Room 4 at the Zurich office\nAgenda: review it"
    body = {
        "attachments": [
            {"filename": "notes.txt", "content": base64.b64encode(notes.encode()).decode()}
        ]
    }
    got = json_body(labeller, body, "https://api.example-mail.test/v3/mail/send")
    assert TRANSCRIPT not in got and FILES in got
