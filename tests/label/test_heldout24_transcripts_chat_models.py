"""Shapes of data from the heldout24 dev set (issue 15ar, tests/label/corpus/heldout24.jsonl), by
class, each with the cases it must not match: speaker-attributed transcript lines sent one per
list element (an embedding request's `texts`/`input`, a rerank request's `documents`) are a
transcript, a list of notes, log lines or config lines is not; a meeting's summary sent to a
translation endpoint is a transcript, a participant's question sent there is not; a chat
request to a model on a versioned `/v2/chat` endpoint is no chat, a chat API's message to
people is; a text-to-speech request's `transcript` opening as a meeting's recap names its
topic, a greeting names none; a model slug versioned with a `v` (`embed-v4.0`) is no hardware,
a device model is."""

from __future__ import annotations

from typing import Any

import pytest

from auditor.label import Labeller
from tests.label.fixture_labels import categories

CHAT = "customer_content.chat"
TRANSCRIPT = "customer_content.transcript"
MEETING = "meeting_metadata"
HARDWARE = "device_info.hardware"


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


# --- transcript lines one per list element ---------------------------------------------------

LINES = [
    "[00:00] Marta Kowalczyk: Thanks for joining, Tomas. Let's go through the bearings.",
    "[00:41] Tomas Lindqvist: The east crane's slewing ring shows wear on two segments.",
    "[02:15] Marta Kowalczyk: Can you send the inspection photos to me by Thursday?",
]


@pytest.mark.parametrize(
    ("url", "body"),
    [
        ("https://api.example.com/v2/embed", {"texts": LINES, "model": "embed-x"}),
        (
            "https://api.example.com/v1/embeddings",
            {"input": [line.split("] ", 1)[1] for line in LINES[1:]], "model": "m"},
        ),
        (
            "https://api.example.com/v2/rerank",
            {"query": "When are the photos due?", "documents": LINES, "model": "r"},
        ),
    ],
)
def test_speaker_lines_in_a_list_are_a_transcript(
    labeller: Labeller, url: str, body: dict[str, Any]
) -> None:
    assert TRANSCRIPT in categories(labeller, url, body)


@pytest.mark.parametrize(
    "texts",
    [
        ["Note: the crane is booked for Thursday.", "The east crane needs new bearings soon."],
        ["ERROR: connection refused by upstream", "ERROR: retry budget exhausted after 3"],
        ["timeout: 30 seconds per request", "retries: three with backoff enabled"],
        ["Marta, could you send the photos before Thursday?", "Sure, I will do that today."],
    ],
)
def test_other_lists_of_lines_are_no_transcript(labeller: Labeller, texts: list[str]) -> None:
    got = categories(labeller, "https://api.example.com/v2/embed", {"texts": texts})
    assert TRANSCRIPT not in got


# --- a meeting's summary sent for translation ------------------------------------------------


def test_a_meetings_summary_sent_for_translation_is_a_transcript(labeller: Labeller) -> None:
    body = {
        "text": [
            "Summary of meeting 81234567890 (Crane bearing review), hosted by Marta Kowalczyk.",
            "Action: Tomas Lindqvist sends the inspection photos by Thursday.",
        ],
        "target_lang": "de",
    }
    assert TRANSCRIPT in categories(labeller, "https://api.example.com/v2/translate", body)


@pytest.mark.parametrize(
    ("url", "text"),
    [
        ("https://api.example.com/v2/translate", "Please find the inspection photos attached."),
        # a summary sent elsewhere is no translation of one
        ("https://api.example.com/v2/items", "Summary of the crane bearing review."),
    ],
)
def test_other_text_sent_for_translation_is_no_transcript(
    labeller: Labeller, url: str, text: str
) -> None:
    assert TRANSCRIPT not in categories(labeller, url, {"text": text})


# --- a chat request to a model on a versioned chat endpoint ----------------------------------


def test_a_chat_request_to_a_model_on_v2_chat_is_no_chat(labeller: Labeller) -> None:
    body = {
        "model": "command-x",
        "messages": [
            {"role": "system", "content": "Summarise the meeting."},
            {"role": "user", "content": "The crane needs new bearings before winter."},
        ],
    }
    assert CHAT not in categories(labeller, "https://api.example.com/v2/chat", body)


def test_a_chat_message_to_people_on_a_chat_path_stays_chat(labeller: Labeller) -> None:
    body = {"channel": "C0451", "text": "Can someone check the crane bearings before winter?"}
    assert CHAT in categories(labeller, "https://api.example.com/v2/chat", body)


# --- a text-to-speech request's transcript ---------------------------------------------------


def test_a_recap_under_a_tts_transcript_names_its_topic(labeller: Labeller) -> None:
    body = {
        "model_id": "voice-2",
        "transcript": "Summary of Crane bearing review. Tomas will send the photos by Thursday.",
    }
    got = categories(labeller, "https://api.example.com/tts/bytes", body)
    assert {TRANSCRIPT, MEETING} <= got


def test_a_greeting_under_a_tts_transcript_names_no_meeting(labeller: Labeller) -> None:
    body = {"model_id": "voice-2", "transcript": "Welcome aboard. Please hold the line."}
    assert MEETING not in categories(labeller, "https://api.example.com/tts/bytes", body)


# --- a model slug versioned with a `v` -------------------------------------------------------


@pytest.mark.parametrize("model", ["embed-v4.0", "rerank-v3.5", "command-v2"])
def test_a_model_slug_with_a_v_version_is_no_hardware(labeller: Labeller, model: str) -> None:
    got = categories(labeller, "https://api.example.com/v2/embed", {"model": model})
    assert HARDWARE not in got


@pytest.mark.parametrize("model", ["Pixel 8", "SM-G991B", "iPhone15,2"])
def test_a_device_model_stays_hardware(labeller: Labeller, model: str) -> None:
    got = categories(labeller, "https://api.example.com/v1/devices", {"model": model})
    assert HARDWARE in got
