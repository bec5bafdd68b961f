"""Survey responses in a form builder's shape and calendar entries written over CalDAV (issue
15ba; heldout29, tests/label/corpus/), by class, each with the cases it must not match.

A form builder's submission posted or imported on a form's submissions, responses or entries
path, whose answers (keyed by question id, or `{id, value}` items) hold a rating and a free-text
answer, is a survey response: product usage by the survey/NPS convention, the free text feedback
and no chat. An intake or contact form's answers (no rating), a booking's custom `fields`, a
form asking for a count beside a note, a ticked box and a rating with no free text are not.

An iCalendar object that is the whole body written into a calendar store (a CalDAV PUT under
`/calendars/`, `/caldav/`) is the calendar's entry, no file: its names, addresses, topic and
time zone are labelled as before. An `.ics` attached to a message, one stored off a calendar
path, or an upload that names its file (`Content-Disposition`) stays a file."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from auditor.label import Labeller
from tests.label.fixture_labels import categories

USAGE = "service_generated.product_usage"
CHAT = "customer_content.chat"
FILES = "customer_content.files"
FORM = [("Content-Type", "application/x-www-form-urlencoded")]
JSON = [("Content-Type", "application/json")]


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


# --- a form builder's survey response -----------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "body"),
    [
        # responses imported as a JSON array, answers keyed by question id
        (
            "https://api.forms.example.org/form/771204/submissions?apiKey=k",
            [
                {"2": {"text": "7"}, "3": {"text": "The breakout rooms closed before we finished"}},
                {"2": {"text": "9"}, "3": {"text": "Recording was ready within the hour"}},
            ],
        ),
        # one submission with its questions as `{id, value}` items
        (
            "https://api.forms.example.org/v1/forms/fm_81QkX/submissions",
            {
                "submissions": [
                    {
                        "questions": [
                            {"id": "aX3k", "value": 3},
                            {"id": "b7Qe", "value": "Audio dropped twice during the demo"},
                        ]
                    }
                ]
            },
        ),
        # a responses path with answers under question ids that name the rating and the comment
        (
            "https://forms.example.net/api/forms/post-call/responses",
            {
                "answers": {
                    "overall_rating": 0,
                    "comments": "Nobody could hear the presenter at all",
                }
            },
        ),
        # an entries path, Wufoo-style `.json`
        (
            "https://acct.forms.example.com/api/v3/forms/feedback-1/entries.json",
            {"Field1": "x", "q5": "8", "q6": "Shorter agenda and a clear summary next time"},
        ),
    ],
)
def test_rating_and_free_text_answer_to_a_form_is_product_usage(
    labeller: Labeller, url: str, body: Any
) -> None:
    got = categories(labeller, url, body, method="POST", headers=JSON)
    assert USAGE in got
    assert CHAT not in got


def test_form_encoded_survey_submission_is_product_usage(labeller: Labeller) -> None:
    body = (
        "submission%5B4%5D=9&submission%5B5%5D=The+shared+notes+arrived+too+late"
        "&submission%5B6%5D=Mostly"
    )
    got = categories(
        labeller, "https://api.forms.example.org/form/5512/submissions?apiKey=k", body, headers=FORM
    )
    assert USAGE in got and CHAT not in got


@pytest.mark.parametrize(
    ("url", "body", "headers"),
    [
        # a pre-meeting intake form: name, address, phone, company, the items to cover
        (
            "https://api.forms.example.org/form/5512/submissions?apiKey=k",
            "submission%5B3_first%5D=Tamsin&submission%5B3_last%5D=Okonjo"
            "&submission%5B4%5D=tamsin%40harbour-example.org&submission%5B5%5D=%2B447700900123"
            "&submission%5B6%5D=Harbour+Works&submission%5B8%5D=Berth+dredging+schedule+and+permits",
            FORM,
        ),
        # a booking's custom fields (numbers as ids, text answers): no form path, no rating
        (
            "https://booking.example.org/api/v1/appointments",
            {
                "firstName": "Tamsin",
                "fields": [{"id": 4471, "value": 5}, {"id": 4472, "value": "Permits and dates"}],
                "notes": "Bring the dredging survey results please",
            },
            JSON,
        ),
        # a contact form: no rating, on a form's submissions path too
        (
            "https://api.forms.example.org/forms/contact/submissions",
            {"name": "Tamsin Okonjo", "email": "t@example.org", "message": "Please call me back"},
            JSON,
        ),
        # a count of guests beside a note: the number is no rating
        (
            "https://api.forms.example.org/v1/forms/rsvp/submissions",
            {
                "questions": [
                    {"id": "guests", "value": 3},
                    {"id": "note", "value": "One of us needs step free access"},
                ]
            },
            JSON,
        ),
        (
            "https://api.forms.example.org/form/9/submissions",
            {"submission": {"number_of_attendees": "4", "7": "We will arrive by the side gate"}},
            JSON,
        ),
        # a ticked box (1) under an opaque id beside a message
        (
            "https://api.forms.example.org/form/9/submissions",
            {"submission": {"10": "1", "11": "Please send the agenda beforehand thanks"}},
            JSON,
        ),
        # a rating with no free-text answer
        (
            "https://api.forms.example.org/form/9/submissions",
            [{"2": {"text": "4"}, "3": {"text": "Yes"}}],
            JSON,
        ),
        # a rating and a free text off a form's submission path
        (
            "https://api.example.org/v1/tickets",
            {"fields": [{"id": 1, "value": 4}, {"id": 2, "value": "Printer on floor two jams"}]},
            JSON,
        ),
    ],
)
def test_form_answers_without_a_survey_response_are_no_product_usage(
    labeller: Labeller, url: str, body: Any, headers: list[tuple[str, str]]
) -> None:
    assert USAGE not in categories(labeller, url, body, method="POST", headers=headers)


# --- an iCalendar entry written into a calendar store -------------------------------------------

_EVENT = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//Cal//EN\r\nBEGIN:VEVENT\r\n"
    "UID:evt-20417@cal.example.org\r\nDTSTAMP:20261207T090000Z\r\n"
    "DTSTART;TZID=Pacific/Auckland:20261210T140000\r\n"
    "DTEND;TZID=Pacific/Auckland:20261210T150000\r\n"
    "SUMMARY:Harbour berth dredging permit review\r\n"
    "ORGANIZER;CN=Tamsin Okonjo:mailto:tamsin.okonjo@harbour-example.org\r\n"
    "ATTENDEE;CN=Rangi Parata;PARTSTAT=NEEDS-ACTION:mailto:rangi.parata@example.net\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)
_TODO = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VTODO\r\nUID:todo-88@cal.example.org\r\n"
    "SUMMARY:Send the dredging permit draft\r\nEND:VTODO\r\nEND:VCALENDAR\r\n"
)
CALENDAR = [("Content-Type", "text/calendar; charset=utf-8"), ("If-None-Match", "*")]


@pytest.mark.parametrize(
    ("url", "text"),
    [
        ("https://dav.example.org/dav/calendars/user/tamsin/Default/evt-20417.ics", _EVENT),
        (
            "https://cloud.example.org/remote.php/dav/calendars/tamsin/personal/evt-20417.ics",
            _EVENT,
        ),
        ("https://apidata.example.com/caldav/v2/primary/events/evt-20417.ics", _EVENT),
        ("https://mail.example.org/dav/tamsin/Calendar/todo-88.ics", _TODO),
    ],
)
def test_icalendar_entry_written_into_a_calendar_is_no_file(
    labeller: Labeller, url: str, text: str
) -> None:
    got = categories(labeller, url, text, method="PUT", headers=CALENDAR)
    assert FILES not in got
    assert USAGE not in got
    if text is _EVENT:
        # what the entry holds is labelled as before
        assert {"contact_info.name", "contact_info.email", "meeting_metadata"} <= got


@pytest.mark.parametrize(
    ("url", "body", "headers"),
    [
        # an `.ics` attached to an e-mail
        (
            "https://api.mail.example.org/v1/email",
            {
                "to": [{"email": "rangi.parata@example.net"}],
                "attachments": [
                    {
                        "filename": "invite.ics",
                        "content": base64.b64encode(_EVENT.encode()).decode(),
                    }
                ],
            },
            JSON,
        ),
        # an `.ics` attached to an event on a calendar API: a part of the body, not the body
        (
            "https://api.example.org/v1/calendars/primary/events",
            {
                "summary": "Permit review",
                "attachments": [
                    {
                        "filename": "agenda.ics",
                        "content": base64.b64encode(_EVENT.encode()).decode(),
                    }
                ],
            },
            JSON,
        ),
        # the same text stored as a file off any calendar path
        ("https://files.example.org/uploads/tamsin/invite.ics", _EVENT, CALENDAR),
        # an upload on a calendar path that names its file
        (
            "https://dav.example.org/dav/calendars/user/tamsin/Default/evt-20417.ics",
            _EVENT,
            [*CALENDAR, ("Content-Disposition", 'attachment; filename="invite.ics"')],
        ),
    ],
)
def test_icalendar_file_sent_or_stored_as_one_is_still_a_file(
    labeller: Labeller, url: str, body: Any, headers: list[tuple[str, str]]
) -> None:
    assert FILES in categories(labeller, url, body, method="PUT", headers=headers)
