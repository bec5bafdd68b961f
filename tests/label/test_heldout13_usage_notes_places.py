"""Classes of misses from the heldout13 dev set (issue 15m), each with cases that must match and
cases that must not: platform calls and identifies read as product usage (a profile update, a
backend's event that a reminder is due, an event written into a calendar), a note a person adds
to an alert or incident (chat, its writer by e-mail a user id), a full name after a sentence's
first word, an IP address inside a log line, a city inside an event's location object, and a
meeting number with its topic in a log or ping text."""

from __future__ import annotations

import json
from typing import Any

import pytest

from auditor.label import KnownValues, Labeller
from auditor.label.prose import ip_addresses_in_text, meetings_in_text, names_in_text
from auditor.label.rules import flow_from_fixture

USAGE = "service_generated.product_usage"
CHAT = "customer_content.chat"
UID = "identifiers.user_id"
EMAIL = "contact_info.email"
NAME = "contact_info.name"
NID = "identifiers.network_id"
COARSE = "location.coarse"
MEETING = "meeting_metadata"


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


def label(
    labeller: Labeller,
    url: str,
    body: Any = None,
    method: str = "POST",
) -> set[str]:
    fixture: dict[str, Any] = {"rule": "x", "url": url, "method": method}
    if body is not None:
        fixture["headers"] = [["Content-Type", "application/json"]]
        fixture["body"] = json.dumps(body)
    result = labeller.label(flow_from_fixture(fixture))
    for lab in result.labels:
        assert lab.evidence, lab.category
    return set(result.categories())


# -- 1. platform calls and identifies are no product usage ------------------------------------


@pytest.mark.parametrize(
    ("url", "body"),
    [
        # a profile update sent as an event call: an identify
        (
            "https://hub.example.org/event/",
            {
                "distinct_id": "tomasz.k",
                "$user_operations": [
                    {"$append": {"$email": "tk@example.org"}},
                    {"$set": {"$preferred_language": "pl"}},
                ],
            },
        ),
        ("https://stats.example.org/track", {"$distinct_id": "u-1", "$set": {"$name": "Bob"}}),
        # the backend's event that a reminder is due: a notification workflow's trigger
        (
            "https://hub.example.org/v2/event/",
            {"event": "MEETING_REMINDER_DUE", "distinct_id": "tomasz.k", "properties": {}},
        ),
        ("https://stats.example.org/v1/events", {"event": "meeting_reminder", "user_id": "u-1"}),
        # an event upserted into a calendar on a calendar API
        (
            "https://api.example.org/v1/calendars/cal_01/events",
            {"event_id": "e1", "summary": "Review", "start": "2026-12-09T13:00:00Z"},
        ),
    ],
)
def test_platform_calls_and_identifies_are_no_product_usage(
    labeller: Labeller, url: str, body: Any
) -> None:
    assert USAGE not in label(labeller, url, body)


@pytest.mark.parametrize(
    ("url", "body"),
    [
        # a tracked user action, Segment-style and Mixpanel-style
        (
            "https://api.example.org/v1/track",
            {"type": "track", "event": "Button Clicked", "userId": "u-1", "properties": {}},
        ),
        (
            "https://api.example.org/track",
            {"event": "Button Clicked", "properties": {"distinct_id": "u-1", "$os": "Linux"}},
        ),
        # an action beside a property set, and actions on reminders and notifications
        (
            "https://stats.example.org/capture",
            {"event": "Button Clicked", "distinct_id": "u-1", "$set": {"plan": "pro"}},
        ),
        ("https://stats.example.org/v1/events", {"event": "Reminder Set", "user_id": "u-1"}),
        ("https://stats.example.org/v1/events", {"event": "Notification Clicked"}),
        # a due event inside a batch of actions does not silence the batch
        (
            "https://stats.example.org/v1/batch",
            {"batch": [{"event": "Button Clicked"}, {"event": "payment_due"}]},
        ),
    ],
)
def test_tracked_user_actions_stay_product_usage(labeller: Labeller, url: str, body: Any) -> None:
    assert USAGE in label(labeller, url, body)


# -- 2. a note a person adds to an alert or incident ------------------------------------------

NOTE = "Called Tomasz Kowalczyk (+48 601 555 218); they have a local copy and will upload it."


@pytest.mark.parametrize(
    "url",
    [
        "https://api.example.org/v2/alerts/recording-85512345678/notes?identifierType=alias",
        "https://api.example.org/v1/incidents/PX4Q7ZA/notes",
    ],
)
def test_a_note_on_an_alert_or_incident_is_chat_and_its_writer_a_user(
    labeller: Labeller, url: str
) -> None:
    found = label(labeller, url, {"user": "alice@example.org", "note": NOTE, "source": "backend"})
    assert {CHAT, UID, EMAIL, NAME} <= found


@pytest.mark.parametrize(
    ("url", "body"),
    [
        # a notes app's top-level note is a document, not a message to colleagues
        ("https://api.example.org/v1/notes", {"note": NOTE}),
        # an alert a monitor raises: its message and description are the monitor's
        (
            "https://api.example.org/v2/alerts",
            {"message": "Recording upload failed", "description": NOTE, "source": "monitor"},
        ),
        # a `note` on an item that is no comment endpoint
        ("https://api.example.org/v1/alerts/rec-1/close", {"note": NOTE}),
    ],
)
def test_notes_that_are_no_message_to_colleagues_are_not_chat(
    labeller: Labeller, url: str, body: Any
) -> None:
    assert CHAT not in label(labeller, url, body)


@pytest.mark.parametrize(
    ("body", "labels", "not_labels"),
    [
        ({"user": "alice@example.org"}, {UID, EMAIL}, set()),
        ({"user": "usr_7Zq41b"}, {UID}, {EMAIL}),
        # an address under a key that only describes it is no user id
        ({"email": "alice@example.org"}, {EMAIL}, {UID}),
        ({"user": "[redacted]"}, set(), {UID, EMAIL}),
    ],
)
def test_a_scalar_user_holding_an_address_is_the_acting_persons_account(
    labeller: Labeller, body: dict[str, str], labels: set[str], not_labels: set[str]
) -> None:
    found = label(labeller, "https://api.example.org/v1/records", body)
    assert labels <= found
    assert not (not_labels & found)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Called Tomasz Kowalczyk (+48 601 555 218).", ["Tomasz Kowalczyk"]),
        ("Upload failed. Asked Lukas Brandt to retry.", ["Lukas Brandt"]),
        ("Note: Pinged Chiara Rossi about the slides", ["Chiara Rossi"]),
    ],
)
def test_a_name_after_a_sentences_first_word(text: str, names: list[str]) -> None:
    assert names_in_text(text) == names


@pytest.mark.parametrize(
    "text",
    [
        "Send Revised Roadmap To Lukas Brandt",  # a title-cased heading
        "We Called Tomasz Kowalczyk",  # title case inside a sentence
        "Review Quarterly Roadmap (85512345678)",
        "Open Victoria Station map",  # a place after the first word
        "Called Tomasz about the pricing",  # a first name alone
    ],
)
def test_no_name_after_a_sentences_first_word(text: str) -> None:
    assert names_in_text(text) == []


def test_a_user_property_of_a_tracked_event_holding_an_address_is_an_address_only(
    labeller: Labeller,
) -> None:
    found = label(
        labeller,
        "https://stats.example.org/api/event",
        {"n": "Meeting Joined", "p": {"user": "alice@example.org"}},
    )
    assert EMAIL in found
    assert UID not in found


# -- 3. an IP address inside a log line's text ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "addresses"),
    [
        ("participant joined meeting 85512345678 from 83.24.117.9", ["83.24.117.9"]),
        ("peer=192.168.1.23:443 reset; retry from 192.168.1.23.", ["192.168.1.23"]),
        ("client 10.0.0.12 behind NAT", ["10.0.0.12"]),  # private: still a machine's address
    ],
)
def test_ip_addresses_in_text(text: str, addresses: list[str]) -> None:
    assert ip_addresses_in_text(text) == addresses


@pytest.mark.parametrize(
    "text",
    [
        "agent version 1.2.3.4 started",
        "upgraded to 4.1.2.7 overnight",
        "build 10.0.1.2-beta failed",
        "subject OID 2.5.4.3 missing",
        "snmp walk of 1.3.6.1.4.1.311 done",  # a longer dotted number
        "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0.0.0 Safari/537.36",
        "listening on 127.0.0.1 and 0.0.0.0",  # loopback, unspecified
        "route to 10.20.0.0 via gateway",  # a network, not a machine
    ],
)
def test_no_ip_addresses_in_text(text: str) -> None:
    assert ip_addresses_in_text(text) == []


def test_an_ip_address_in_a_log_records_message_is_a_network_id(labeller: Labeller) -> None:
    record = {"message": "participant joined meeting 4 from 83.24.117.9", "level": "info"}
    assert NID in label(labeller, "https://logs.example.org/logs", record)
    record = {"message": "agent version 1.2.3.4 started", "level": "info"}
    assert NID not in label(labeller, "https://logs.example.org/logs", record)


# -- 4. a city inside an event's location object ----------------------------------------------

EVENTS = "https://api.example.org/v1/calendars/cal_01/events"


@pytest.mark.parametrize(
    "location",
    [
        {"description": "Meetcorp Berlin, Room Spree"},
        {"description": "Frankfurt am Main office, 3rd floor"},
        {"text": "Office 3.14, Zürich"},
    ],
)
def test_a_city_in_a_location_objects_text_is_a_coarse_location(
    labeller: Labeller, location: dict[str, str]
) -> None:
    assert COARSE in label(labeller, EVENTS, {"summary": "Review", "location": location})


@pytest.mark.parametrize(
    "body",
    [
        {"location": {"description": "https://meet.example.com/j/85512345678"}},
        {"location": {"description": "Room 4"}},
        {"location": {"description": "Microsoft Teams Meeting"}},
        {"location": {"description": "berlin.example.com"}},
        # a city in the text of something that is no location
        {"summary": "Review", "details": {"description": "Meetcorp Berlin offsite"}},
    ],
)
def test_no_coarse_location_from_a_link_a_room_or_another_objects_text(
    labeller: Labeller, body: dict[str, Any]
) -> None:
    assert COARSE not in label(labeller, EVENTS, body)


# -- 5. a meeting by its number, with its topic, in a log or ping line ------------------------


@pytest.mark.parametrize(
    ("text", "meetings"),
    [
        (
            "meeting 85512345678 (Q3 freight capacity review): speaker audio track missing",
            [("85512345678", "Q3 freight capacity review")],
        ),
        ("Meeting ID: 855 1234 5678, passcode 552917", [("855 1234 5678", None)]),
        ("joined meeting 85512345678 from 83.24.117.9", [("85512345678", None)]),
        ("meeting 85512345678 (2 participants) ended", [("85512345678", None)]),
    ],
)
def test_meetings_by_number_in_text(text: str, meetings: list[tuple[str, str | None]]) -> None:
    assert meetings_in_text(text) == meetings


@pytest.mark.parametrize(
    "text",
    [
        "meeting room 4 (2nd floor)",
        "meeting 3 (of 5) skipped",
        "meetings 2026 (archive)",
        "meeting at 10:30 (CET)",
        "meeting 2026-12-09 (Q3 review)",
        "premeeting 123456789 queued",
    ],
)
def test_no_meeting_number_in_text(text: str) -> None:
    assert meetings_in_text(text) == []


def test_a_meeting_and_its_topic_in_a_pings_failure_message(labeller: Labeller) -> None:
    url = (
        "https://monitor.example.org/ping/k3y/transcribe?state=fail&message=meeting%20"
        "85512345678%20(Q3%20freight%20capacity%20review)%3A%20audio%20track%20missing"
    )
    result = labeller.label(flow_from_fixture({"rule": "x", "url": url, "method": "GET"}))
    evidence = {e.rule for lab in result.labels if lab.category == MEETING for e in lab.evidence}
    assert {"detector.meeting_number_text", "detector.meeting_topic_text"} <= evidence
    quiet = "https://monitor.example.org/ping/k3y/transcribe?state=fail&message=meeting%20room%204"
    assert MEETING not in label(labeller, quiet, method="GET")


@pytest.mark.parametrize(
    ("url", "found"),
    [
        ("https://x.example.org/p?m=meeting%2085512345678%20(review)", {"meeting_id"}),
        ("https://x.example.org/p?m=speaker%20Alice%20Example%3A%20late", {"name"}),
        ("https://x.example.org/p?m=user%3Aalice.corpus", {"username"}),
        # the escape is a boundary, not a digit of a longer number or a letter of a word
        ("https://x.example.org/p?m=%20185512345678", set()),
        ("https://x.example.org/p?m=%20malice.corpus", set()),
    ],
)
def test_a_known_value_after_a_percent_encoded_separator(url: str, found: set[str]) -> None:
    known = KnownValues.from_mapping(
        {"meeting_id": "85512345678", "name": "Alice Example", "username": "alice.corpus"}
    )
    assert {variant.kind for variant, _ in known.search_text(url)} == found
