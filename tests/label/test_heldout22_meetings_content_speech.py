"""Shapes of data from the heldout22 dev set (issue 15am, tests/label/corpus/heldout22.jsonl), by
class, each with the cases it must not match: a topic under a meeting's settings is meeting
metadata, under another object's settings it is not; a post on a messaging endpoint titled as a
meeting's report ("Outcome: <topic>") names the meeting, another title does not; a meeting's
recap read out by a text-to-speech endpoint is a transcript naming the topic, a greeting read
out is not; a speech job's `context` (the background it is given) is no transcript, its
transcript text is; an article added to a help-desk ticket (an agent's internal note) is chat, a
knowledge-base article is not; an omnichannel send whose messages fall back to SMS is a
notification, a chat message beside an SMS elsewhere is not; people added to a calendar
event's attendees are meeting metadata and no product usage; a speech model's task-named slug
is no hardware, a device model is."""

from __future__ import annotations

import json
from typing import Any

import pytest

from auditor.label import Labeller
from tests.label.fixture_labels import categories

CHAT = "customer_content.chat"
TRANSCRIPT = "customer_content.transcript"
MEETING = "meeting_metadata"
USAGE = "service_generated.product_usage"
HARDWARE = "device_info.hardware"


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


# --- a topic under a meeting's settings ------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        {"meeting_settings": {"topic": "Ferry timetable and berth planning", "auto_record": True}},
        {"meeting": {"title": "Quarterly budget review"}, "owner_id": "ou_7d2f"},
        {"webinar_info": {"topic": "Onboarding for new dispatchers"}},
    ],
)
def test_a_topic_under_a_meetings_settings_is_meeting_metadata(
    labeller: Labeller, body: dict[str, Any]
) -> None:
    assert MEETING in categories(
        labeller, "https://api.example.com/open-apis/vc/v1/reserves/apply", body
    )


@pytest.mark.parametrize(
    "body",
    [
        {"channel_settings": {"topic": "Ferry timetable and berth planning"}},
        {"project": {"title": "Quarterly budget review"}},
        {"topic": "Onboarding for new dispatchers"},
    ],
)
def test_a_topic_under_another_objects_settings_is_not(
    labeller: Labeller, body: dict[str, Any]
) -> None:
    assert MEETING not in categories(labeller, "https://api.example.com/v1/reserves/apply", body)


# --- a meeting's report posted as a titled message -------------------------------------------


def _rich_post(title: str) -> dict[str, Any]:
    post = {
        "en_us": {"title": title, "content": [[{"tag": "text", "text": "Agreed: both slots go."}]]}
    }
    return {"receive_id": "oc_5a2f", "msg_type": "post", "content": json.dumps(post)}


@pytest.mark.parametrize(
    "title",
    [
        "Outcome: Ferry timetable and berth planning",
        "Minutes: budget review",
        "Action items: launch sync",
    ],
)
def test_a_posts_title_reporting_on_a_meeting_is_meeting_metadata(
    labeller: Labeller, title: str
) -> None:
    assert MEETING in categories(
        labeller, "https://open.example.com/open-apis/im/v1/messages", _rich_post(title)
    )


@pytest.mark.parametrize("title", ["Release notes", "Lunch on Friday?", "Outcome of the vote"])
def test_another_posts_title_names_no_meeting(labeller: Labeller, title: str) -> None:
    assert MEETING not in categories(
        labeller, "https://open.example.com/open-apis/im/v1/messages", _rich_post(title)
    )


# --- text to speech ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Recap of Ferry timetable and berth planning. Alice will book both slots.",
        "Summary of the quarterly budget review. Costs are flat.",
        "Meeting recap: the launch moves to May.",
    ],
)
def test_a_meeting_recap_read_out_is_a_transcript(labeller: Labeller, text: str) -> None:
    got = categories(
        labeller,
        "https://api.example.io/v1/text-to-speech/JBFqnCBsd6RMkjVDRZzb",
        {"text": text, "model_id": "multilingual_v2"},
    )
    assert TRANSCRIPT in got
    assert CHAT not in got


def test_a_recap_names_its_meetings_topic(labeller: Labeller) -> None:
    got = categories(
        labeller,
        "https://api.example.io/v1/text-to-speech/voice1",
        {"text": "Recap of Ferry timetable and berth planning. Alice will book both slots."},
    )
    assert MEETING in got


@pytest.mark.parametrize(
    ("url", "text"),
    [
        ("https://api.example.io/v1/text-to-speech/voice1", "Welcome to Acme Meet. Please wait."),
        ("https://api.example.io/v1/tts", "Your call is being connected."),
        # a recap posted as a message is no speech request
        ("https://api.example.io/v1/notes", "Recap of the budget review. Costs are flat."),
    ],
)
def test_other_text_read_out_is_no_transcript(labeller: Labeller, url: str, text: str) -> None:
    got = categories(labeller, url, {"text": text})
    assert TRANSCRIPT not in got
    assert MEETING not in got


# --- a speech job's context ------------------------------------------------------------------


def test_a_speech_jobs_context_is_no_transcript(labeller: Labeller) -> None:
    got = categories(
        labeller,
        "https://api.example.com/v1/transcriptions",
        {
            "model": "stt-async-preview",
            "context": {
                "text": "Call between two dispatchers about ferry sailings.",
                "terms": ["berth"],
            },
        },
    )
    assert TRANSCRIPT not in got


def test_a_transcript_text_on_a_transcription_endpoint_stays_a_transcript(
    labeller: Labeller,
) -> None:
    got = categories(
        labeller,
        "https://api.example.com/v1/transcriptions",
        {"transcript": {"text": "We agreed to move both vehicle-deck slots to Saturday."}},
    )
    assert TRANSCRIPT in got


# --- a help-desk ticket's articles -----------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://acme.helpdesk.example/api/v1/ticket_articles",
        "https://acme.helpdesk.example/api/v1/tickets/4412/articles",
    ],
)
def test_an_article_added_to_a_ticket_is_chat(labeller: Labeller, url: str) -> None:
    body = {
        "ticket_id": 4412,
        "body": "Checked with the host: guest links expire after 24 h. Re-shared a 7-day link.",
        "type": "note",
        "internal": True,
    }
    assert CHAT in categories(labeller, url, body)


@pytest.mark.parametrize(
    "url",
    [
        "https://acme.helpdesk.example/api/v1/knowledge_base/articles",
        "https://cms.example.com/api/articles",
    ],
)
def test_a_knowledge_base_article_is_not_chat(labeller: Labeller, url: str) -> None:
    body = {
        "title": "Guest links",
        "body": "Guest links expire after 24 hours on the Business plan.",
    }
    assert CHAT not in categories(labeller, url, body)


# --- an omnichannel send with an SMS fallback ------------------------------------------------


def test_an_omnichannel_send_falling_back_to_sms_is_no_chat(labeller: Labeller) -> None:
    body = {
        "to": "+6767714022",
        "messages": [
            {
                "sender": "AcmeMeet",
                "text": "Reminder: your meeting starts in 1 hour.",
                "channel": "viber",
            },
            {"sender": "AcmeMeet", "text": "Reminder: meeting in 1 hour.", "channel": "sms"},
        ],
    }
    assert CHAT not in categories(labeller, "https://api.example.com/v1/omnimessage", body)


def test_chat_messages_in_a_list_without_sms_stay_chat(labeller: Labeller) -> None:
    body = {
        "messages": [
            {"text": "Can we move the hand-over to Thursday?", "channel": "general"},
            {"text": "Yes, Thursday works for the crew.", "channel": "general"},
        ],
    }
    assert CHAT in categories(labeller, "https://chat.example.com/api/messages", body)


# --- a calendar event's attendees ------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://open.example.com/open-apis/calendar/v4/calendars/cal_1/events/ev_1/attendees",
        "https://api.example.com/v1/calendars/primary/events/abc123/attendees",
    ],
)
def test_people_added_to_a_calendar_events_attendees_are_meeting_metadata(
    labeller: Labeller, url: str
) -> None:
    body = {"attendees": [{"type": "third_party", "third_party_email": "guest@shipping.example"}]}
    got = categories(labeller, url, body)
    assert MEETING in got
    assert USAGE not in got


@pytest.mark.parametrize(
    "url",
    [
        # a project's members, a mailing list's subscribers: no event's attendees
        "https://api.example.com/v1/projects/p1/members",
        "https://api.example.com/v1/lists/l1/subscribers",
    ],
)
def test_people_added_elsewhere_are_no_meeting_metadata(labeller: Labeller, url: str) -> None:
    body = {"members": [{"email": "guest@shipping.example"}]}
    assert MEETING not in categories(labeller, url, body)


def test_an_analytics_events_path_off_a_calendar_api_stays_product_usage(
    labeller: Labeller,
) -> None:
    body = {"event": "recording_shared", "properties": {"plan": "business"}}
    assert USAGE in categories(labeller, "https://collect.example.com/v1/events", body)


# --- a speech model's name -------------------------------------------------------------------


@pytest.mark.parametrize(
    "model", ["stt-async-preview", "tts-1-hd", "asr-en-general", "nova-latest"]
)
def test_a_speech_models_name_is_no_hardware(labeller: Labeller, model: str) -> None:
    got = categories(labeller, "https://api.example.com/v1/transcriptions", {"model": model})
    assert HARDWARE not in got


@pytest.mark.parametrize("model", ["Pixel 8", "SM-G991B", "MacBookPro18,3"])
def test_a_device_model_is_hardware(labeller: Labeller, model: str) -> None:
    got = categories(labeller, "https://api.example.com/v1/devices", {"model": model})
    assert HARDWARE in got
