"""A meeting's topic inside the title, status or text of another record (issue 15az; the
`meeting_metadata` misses of the dev sets, tests/label/corpus/README.md, heldout16's "Fixed
since (issue 15az)"). The topics are unknown to the labeller, so what names the meeting is the
phrase around the title, a meeting's endpoint, or a record of attendance; each class has
cases that must match and cases that must not (ordinary notifications, marketing, page
titles, generic notes)."""

from __future__ import annotations

from typing import Any

import pytest

from auditor.label import Labeller
from auditor.label.meeting_text import cue_title_topic, meeting_topics_in_text
from tests.label.fixture_labels import categories

MEETING = "meeting_metadata"


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


def _form(**fields: str) -> str:
    from urllib.parse import urlencode

    return urlencode(fields)


FORM = [("Content-Type", "application/x-www-form-urlencoded")]

# -- a title or status a meeting cue opens ---------------------------------------------------


@pytest.mark.parametrize(
    ("url", "body"),
    [
        (
            "https://chat.example.org/api/users.profile.set",
            {"profile": {"status_text": "In a meeting: Budget planning sync", "status_emoji": ""}},
        ),
        (
            "https://chat.example.org/api/users.profile.set",
            {"profile": {"status_text": "In a meeting \u2013 Harbour dredging permit rollout"}},
        ),
        ("https://tasks.example.org/v1/tasks", {"title": "Agenda: Vendor contract renewal"}),
        ("https://docs.example.org/v1/pages", {"title": "Agenda for the harbour dredging rollout"}),
    ],
)
def test_a_meeting_cue_names_the_title_a_meeting(labeller: Labeller, url: str, body: Any) -> None:
    assert MEETING in categories(labeller, url, body)


@pytest.mark.parametrize(
    ("url", "body"),
    [
        # presence without a meeting named
        (
            "https://chat.example.org/api/users.profile.set",
            {"profile": {"status_text": "In a meeting"}},
        ),
        (
            "https://chat.example.org/api/users.profile.set",
            {"profile": {"status_text": "Out sick: back Monday"}},
        ),
        # a page of a site titled "<page> – <site>"
        (
            "https://analytics.example.org/e",
            {"event": "pageview", "properties": {"title": "Meeting \u2013 Acme web app"}},
        ),
        ("https://tasks.example.org/v1/tasks", {"title": "Agenda"}),
        ("https://tasks.example.org/v1/tasks", {"title": "Agenda: 12:00"}),
        # a meeting app's tracked event, named by its screen
        (
            "https://analytics.example.org/v1/track",
            {"name": "Meeting: Screen share started", "properties": {"plan": "pro"}},
        ),
    ],
)
def test_no_meeting_cue_or_no_topic_names_none(labeller: Labeller, url: str, body: Any) -> None:
    assert MEETING not in categories(labeller, url, body)


# -- a follow-up cue around a topic that names a kind of meeting ------------------------------


@pytest.mark.parametrize(
    ("url", "body"),
    [
        (
            "https://mail.example.org/v3/messages/send",
            {
                "to": [{"name": "Tomasz Kowalczyk", "email": "tomasz@example.com"}],
                "subject": "Follow-up: Q4 hiring plan review",
                "body": "Thanks for today.",
            },
        ),
        (
            "https://tasks.example.org/api/v1/projects",
            {"name": "Quarterly roadmap review follow-ups"},
        ),
        (
            "https://push.example.org/v2/pushes",
            {
                "type": "note",
                "title": "Action items: Supplier onboarding sync",
                "body": "1. Send logs.",
            },
        ),
        ("https://tasks.example.org/api/v1/projects", {"name": "Next steps: Design team standup"}),
    ],
)
def test_a_follow_up_of_a_kind_of_meeting_is_its_topic(
    labeller: Labeller, url: str, body: Any
) -> None:
    assert MEETING in categories(labeller, url, body)


@pytest.mark.parametrize(
    ("url", "body"),
    [
        (
            "https://mail.example.org/v3/messages/send",
            {
                "to": [{"name": "Tomasz Kowalczyk", "email": "tomasz@example.com"}],
                "subject": "Follow-up: Order #48213",
                "body": "Your parcel ships today.",
            },
        ),
        (
            "https://mail.example.org/v3/messages/send",
            {
                "to": [{"email": "customer@example.com"}],
                "subject": "Follow-up: your invoice INV-2041",
                "body": "Please find the invoice attached.",
            },
        ),
        ("https://tasks.example.org/api/v1/projects", {"name": "Invoice follow-ups"}),
        ("https://tasks.example.org/api/v1/projects", {"name": "Customer escalation follow-ups"}),
        (
            "https://push.example.org/v2/pushes",
            {"type": "note", "title": "Action items: Q3 budget", "body": "1. Send the sheet."},
        ),
        (
            # (an e-mail's "Reminder:" subject is a calendar reminder's, the mail rule's)
            "https://push.example.org/v2/pushes",
            {
                "type": "note",
                "title": "Reminder: Your subscription renews tomorrow",
                "body": "Manage your plan in settings.",
            },
        ),
        ("https://docs.example.org/v1/pages", {"title": "Notes: release 2.3 rollout"}),
    ],
)
def test_a_follow_up_of_anything_else_is_no_meeting(
    labeller: Labeller, url: str, body: Any
) -> None:
    assert MEETING not in categories(labeller, url, body)


# -- a follow-up cue whose record speaks of a meeting beside it --------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        {
            "title": "Starting in 10 min: Harbour dredging permit audit",
            "message": "Your meeting starts at 15:00.",
            "priority": "1",
        },
        {
            "title": "Starting in 10 min: Harbour dredging permit audit",
            "url_title": "Join meeting",
            "priority": "1",
        },
    ],
)
def test_a_reminder_beside_a_meeting_names_its_topic(
    labeller: Labeller, fields: dict[str, str]
) -> None:
    assert MEETING in categories(
        labeller, "https://api.push.example.org/1/messages.json", _form(**fields), headers=FORM
    )


@pytest.mark.parametrize(
    "fields",
    [
        {
            "title": "Starting in 10 min: Harbour dredging permit audit",
            "message": "Your order ships today.",
            "priority": "1",
        },
        {
            "title": "Starting in 10 min: Flash sale on headphones",
            "message": "Don't miss out, 40% off.",
            "url": "https://shop.example.org/sale",
        },
        {"title": "Reminder: Dentist appointment tomorrow", "message": "Bring your card."},
    ],
)
def test_a_reminder_of_anything_else_names_no_meeting(
    labeller: Labeller, fields: dict[str, str]
) -> None:
    assert MEETING not in categories(
        labeller, "https://api.push.example.org/1/messages.json", _form(**fields), headers=FORM
    )


# -- a sentence naming the meeting by its topic -----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Hello. Your host is waiting for you in the meeting Harbour dredging permit rollout. "
        "Press 1 to be connected.",
        "Please join the meeting Supplier onboarding sync.",
        "Thank you for joining us on Harbour dredging permit review.",
    ],
)
def test_a_sentence_naming_the_meeting_names_its_topic(labeller: Labeller, text: str) -> None:
    assert meeting_topics_in_text(text)
    assert MEETING in categories(
        labeller, "https://voice.example.org/v1/voice", _form(message=text), headers=FORM
    )


@pytest.mark.parametrize(
    "text",
    [
        "I missed the meeting Alice organised.",
        "See you in the meeting tomorrow.",
        "See you in the meeting Tomorrow.",
        "Thank you for joining us on Acme Premium.",
        "Thanks for joining Acme Cloud in Berlin.",
        "The meeting room is booked.",
    ],
)
def test_other_sentences_name_no_meeting(labeller: Labeller, text: str) -> None:
    assert not meeting_topics_in_text(text)
    assert MEETING not in categories(
        labeller, "https://voice.example.org/v1/voice", _form(message=text), headers=FORM
    )


# -- a meeting's label on its own endpoint ----------------------------------------------------


def test_a_meetings_label_is_its_topic(labeller: Labeller) -> None:
    body = {"label": "Fleet telemetry review \u2014 with Rosalind Achterberg", "tags": ["fleet"]}
    url = "https://asr.example.org/v1/asr/meeting/0a4f7e2b-9c31-4d58-b6e0-3c1d"
    assert MEETING in categories(labeller, url, body, method="PUT")


def test_a_label_elsewhere_names_no_meeting(labeller: Labeller) -> None:
    body = {"label": "Fleet telemetry review", "tags": ["fleet"]}
    url = "https://tasks.example.org/v1/projects/0a4f7e2b-9c31-4d58-b6e0-3c1d"
    assert MEETING not in categories(labeller, url, body, method="PUT")


# -- a participant's time in a meeting and an attendance record --------------------------------


@pytest.mark.parametrize(
    "body",
    [
        _form(**{"sdr_u": "u-1", "sdr_u.Minutes in meeting": "52"}),
        _form(minutes_in_meeting="52"),
        _form(time_in_meeting="3120"),
    ],
)
def test_a_time_in_a_meeting_is_meeting_metadata(labeller: Labeller, body: str) -> None:
    assert MEETING in categories(
        labeller, "https://track.example.org/pixel.gif/", body, headers=FORM
    )


@pytest.mark.parametrize(
    "body",
    [_form(minutes="52"), _form(read_time_minutes="5"), _form(minutes_in_queue="12")],
)
def test_other_minutes_are_no_meeting(labeller: Labeller, body: str) -> None:
    assert MEETING not in categories(
        labeller, "https://track.example.org/pixel.gif/", body, headers=FORM
    )


def test_an_attendance_record_is_meeting_metadata(labeller: Labeller) -> None:
    body = {"fields": {"Minutes": 52, "Left": "2026-12-10T09:53:40Z"}, "typecast": False}
    url = "https://tables.example.org/v0/appBase01/Attendance/rec01"
    assert MEETING in categories(labeller, url, body, method="PATCH")


@pytest.mark.parametrize(
    ("url", "body"),
    [
        # minutes alone: hours worked, a student's presence
        ("https://tables.example.org/v0/appBase01/Attendance/rec01", {"fields": {"Minutes": 52}}),
        # join and leave times in another table
        (
            "https://tables.example.org/v0/appBase01/Timesheet/rec01",
            {"fields": {"Minutes": 52, "Left": "2026-12-10T09:53:40Z"}},
        ),
    ],
)
def test_other_records_of_minutes_are_no_meeting(labeller: Labeller, url: str, body: Any) -> None:
    assert MEETING not in categories(labeller, url, body, method="PATCH")


# -- the cue parser itself --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("In a meeting: Hiring committee sync", ("Hiring committee sync", True)),
        ("Follow-up: Q3 freight capacity review", ("Q3 freight capacity review", True)),
        ("Quarterly roadmap review follow-ups", ("Quarterly roadmap review", True)),
        ("Starting in 10 min: Glacier runoff safety audit", ("Glacier runoff safety audit", False)),
        ("Follow-up: Weekly sync (2026-12-10)", ("Weekly sync (2026-12-10)", True)),
        ("Meeting \u2013 PostHog browser", None),
        ("Invoice follow-ups", None),
        ("Hiring committee sync", None),
        ("Release notes: 2.3", None),
    ],
)
def test_cue_title_topic(value: str, expected: tuple[str, bool] | None) -> None:
    assert cue_title_topic(value) == expected
