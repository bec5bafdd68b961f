"""The language of the content a request processes is no locale (issue 15aq, from the
held-out builders of heldout21, heldout22 and heldout24): on a speech-to-text, text-to-speech,
translation or text-analysis request (or inside a speech or translation job's settings), its
`language_code`, `language`, `lang`, `source_lang`/`target_lang` say how to process the
content, not what the user's device is set to. The guards: a user's, profile's or device's own
language, `locale`, `ui_language`, `preferred_language`, `timezone` and a caption track's
declared language stay `device_info.locale`, on such endpoints and elsewhere."""

from __future__ import annotations

from typing import Any

import pytest

from auditor.label import Labeller
from auditor.label.rules import flow_from_fixture

LOCALE = "device_info.locale"


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


def categories(
    labeller: Labeller,
    url: str,
    body: Any = None,
    headers: list[tuple[str, str]] | None = None,
) -> set[str]:
    fixture: dict[str, Any] = {"rule": "x", "url": url, "method": "POST", "body": body}
    if headers:
        fixture["headers"] = headers
    return set(labeller.label(flow_from_fixture(fixture)).categories())


@pytest.mark.parametrize(
    ("url", "body"),
    [
        # speech to text: the audio's spoken language
        (
            "https://stt.example.com/v2/transcript",
            {"audio_url": "https://files.example.org/r.wav", "language_code": "en"},
        ),
        ("https://stt.example.com/v1/speech-to-text", {"model_id": "m1", "language_code": "en"}),
        ("https://stt.example.com/v1/listen?language=en-US&diarize=true", None),
        # a batch job's transcription settings, on a generic `/jobs` endpoint
        (
            "https://asr.example.com/v2/jobs",
            {"transcription_config": {"language": "de", "diarization": "speaker"}},
        ),
        # translation: the text's source and target languages, its glossary's pair
        (
            "https://mt.example.com/v2/translate",
            {"text": ["Guten Morgen"], "source_lang": "DE", "target_lang": "NL"},
        ),
        (
            "https://mt.example.com/v2/glossaries",
            {"name": "terms", "source_lang": "en", "target_lang": "nl", "entries": "a\tb"},
        ),
        # text to speech: the language the voice speaks
        ("https://voice.example.com/tts/bytes", {"transcript": "Hello", "language": "en"}),
        (
            "https://sms.example.com/v3/voice/send",
            {"messages": [{"to": "+4790000000", "body": "Hello", "lang": "en-gb"}]},
        ),
    ],
)
def test_the_language_of_processed_content_is_no_locale(
    labeller: Labeller, url: str, body: Any
) -> None:
    assert LOCALE not in categories(labeller, url, body)


@pytest.mark.parametrize(
    ("url", "body", "headers"),
    [
        # the user's own record on a speech endpoint: her language is hers
        (
            "https://stt.example.com/v2/transcript",
            {"language_code": "en", "user": {"id": "u1", "language": "de-CH"}},
            None,
        ),
        # the app's UI locale, a preferred language, a time zone beside a translation
        ("https://mt.example.com/v2/translate", {"text": ["x"], "locale": "nb-NO"}, None),
        (
            "https://mt.example.com/v2/translate",
            {"text": ["x"], "target_lang": "NL", "preferred_language": "pl"},
            None,
        ),
        ("https://mt.example.com/v2/translate", {"text": ["x"], "timezone": "Europe/Oslo"}, None),
        # the app's UI language sent beside a speech request's own language
        (
            "https://voice.example.com/tts/bytes",
            {"transcript": "Hello", "language": "en", "ui_language": "de-CH"},
            None,
        ),
        # a language outside any content-processing request (a profile update, a settings call)
        ("https://api.example.com/v1/users/u1", {"name": "x", "language": "de"}, None),
        (
            "https://api.example.com/v1/contacts",
            {"email": "a@example.org", "language_code": "en"},
            None,
        ),
        # a job settings object on a non-processing endpoint that is the user's settings
        ("https://api.example.com/v1/me", {"settings": {"language": "fr"}}, None),
    ],
)
def test_a_persons_or_devices_language_stays_locale(
    labeller: Labeller, url: str, body: Any, headers: list[tuple[str, str]] | None
) -> None:
    assert LOCALE in categories(labeller, url, body, headers)


def test_a_caption_tracks_declared_language_stays_locale(labeller: Labeller) -> None:
    # the taxonomy's settled event-semantics convention (heldout12/14/25)
    assert LOCALE in categories(
        labeller,
        "https://video.example.com/videos/v1/texttracks",
        {"type": "captions", "language": "en"},
    )
