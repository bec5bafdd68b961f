"""Who and what meeting (issue 15, from the heldout10 dev set, tests/label/corpus/heldout10.jsonl):
a meeting's topic in calendar events, e-mails, event searches and meeting folders; names beside
addresses and in senders; user ids that are e-mails by their role; push tokens of other shapes.
Each class with the cases it must not match (generic titles, one-word app senders, add-on ids,
random visitor ids, API routes)."""

from __future__ import annotations

from typing import Any

import pytest

from auditor.label import Labeller
from auditor.label.known_values import KnownValues
from auditor.label.rules import flow_from_fixture

MEETING = "meeting_metadata"
NAME = "contact_info.name"
EMAIL = "contact_info.email"
UID = "identifiers.user_id"
DID = "identifiers.device_id"
SID = "identifiers.session_id"
COARSE = "location.coarse"
LOCALE = "device_info.locale"
USAGE = "service_generated.product_usage"
API = "https://api.example-app.test"


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


def categories(
    labeller: Labeller,
    url: str,
    body: Any = None,
    headers: list[list[str]] | None = None,
    method: str | None = None,
) -> set[str]:
    fixture: dict[str, Any] = {"rule": "x", "url": url, "headers": headers or []}
    if body is not None:
        fixture["body"] = body
    if method:
        fixture["method"] = method
    result = labeller.label(flow_from_fixture(fixture))
    for lab in result.labels:
        assert lab.evidence, lab.category
    return set(result.categories())


EVENT_TIMES = {
    "start": {"dateTime": "2026-12-09T15:00:00", "timeZone": "Europe/Rome"},
    "end": {"dateTime": "2026-12-09T15:45:00", "timeZone": "Europe/Rome"},
}


@pytest.mark.parametrize(
    "body",
    [
        {"subject": "Budget review", **EVENT_TIMES},
        {"summary": "Budget review", "attendees": [{"email": "a.b@example.org"}]},
        {
            "subject": "Budget review",
            "startDateTime": "2026-12-09T14:00:00Z",
            "lobbyBypassSettings": {"scope": "org"},
        },
        {"title": "Budget review", "isOnlineMeeting": True},
        {
            "message": {
                "subject": "Invitation: Budget review",
                "toRecipients": [{"emailAddress": {"address": "chiara@example.org"}}],
            }
        },
        {"subject": "Updated: Budget review", "to": ["chiara@example.org"]},
        {"subject": "Notes: Budget review", "to": ["chiara@example.org"]},
    ],
)
def test_a_topic_in_a_calendar_event_or_meeting_mail_is_meeting_metadata(
    labeller: Labeller, body: dict[str, Any]
) -> None:
    assert MEETING in categories(labeller, f"{API}/v1/items", body)


@pytest.mark.parametrize(
    "body",
    [
        {"title": "Pricing – MeetCorp", "url": "https://meetcorp.example/pricing"},  # a page
        {"subject": "Budget review", "status": "open"},  # a ticket's subject, no meeting
        {"subject": "Your receipt", "to": ["chiara@example.org"]},  # mail not about a meeting
        {"title": "Budget review", "startTime": 12.5, "duration": 3},  # a timing, no end
    ],
)
def test_a_title_without_meeting_structure_is_not_meeting_metadata(
    labeller: Labeller, body: dict[str, Any]
) -> None:
    assert MEETING not in categories(labeller, f"{API}/v1/items", body)


def test_a_search_over_events_names_the_meeting(labeller: Labeller) -> None:
    assert MEETING in categories(labeller, f"{API}/calendar/v3/calendars/primary/events?q=Budget")
    assert MEETING not in categories(labeller, f"{API}/v1/articles?q=Budget")


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/Meetings/2026-12-09 Budget review/notes.md", True),
        ("/Team/Webinars/Launch AMA/recording.mp4", True),
        ("/api/v2/meetings/join", False),  # an API route, no file
        ("/Meetings/notes.md", False),  # no folder per meeting
        ("/Photos/2026/Holiday/img.jpg", False),
    ],
)
def test_a_file_under_a_meetings_folder_names_the_meeting(
    labeller: Labeller, path: str, expected: bool
) -> None:
    got = categories(labeller, f"{API}/2/sharing/add_file_member", {"file": path})
    assert (MEETING in got) is expected


def test_a_request_id_built_from_the_meeting_number_is_not_a_session() -> None:
    labeller = Labeller(known_values=KnownValues.from_mapping({"meeting_id": "85512345678"}))
    got = categories(labeller, f"{API}/v1/conf", {"requestId": "meetcorp-85512345678"})
    assert MEETING in got and SID not in got
    other = categories(labeller, f"{API}/v1/conf", {"requestId": "req-4f1a9c2e77"})
    assert SID in other


def test_an_id_built_from_the_meeting_number_carries_it() -> None:
    labeller = Labeller(known_values=KnownValues.from_mapping({"meeting_id": "85512345678"}))
    assert MEETING in categories(labeller, f"{API}/calendars/primary/events/evt85512345678")
    # a longer number that contains it is another number
    assert MEETING not in categories(labeller, f"{API}/v1/orders/9855123456781")


@pytest.mark.parametrize(
    ("sender", "expected"),
    [
        ("Alice Example <alice.example@example.com>", {UID, NAME, EMAIL}),
        ('"Alice Example" <alice.example@example.com>', {UID, NAME, EMAIL}),
        ("MeetCorp <calendar@meetcorp.example>", {EMAIL}),  # the app's one-word name
        ("alice.example@example.com", {EMAIL}),
    ],
)
def test_a_sender_with_a_persons_name_is_a_user_id_and_a_name(
    labeller: Labeller, sender: str, expected: set[str]
) -> None:
    got = categories(labeller, f"{API}/emails", {"from": sender})
    assert got & {UID, NAME, EMAIL} == expected


def test_the_http_from_header_is_the_acting_users_account(labeller: Labeller) -> None:
    got = categories(
        labeller, f"{API}/incidents", {"x": 1}, headers=[["From", "alice@example.com"]]
    )
    assert {UID, EMAIL} <= got
    assert UID not in categories(labeller, f"{API}/incidents", {"x": 1}, [["From", "robot"]])


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"emailAddress": {"address": "chiara@example.org", "name": "Chiara Rossi"}}, True),
        ({"merge_fields": {"FNAME": "Chiara", "LNAME": "Rossi"}}, True),
        ({"emailAddress": {"address": "chiara@example.org", "name": "billing"}}, False),
        ({"repo": {"url": "https://x.example/a@b.example", "name": "Build Tools"}}, False),
    ],
)
def test_a_name_beside_an_address(labeller: Labeller, body: dict[str, Any], expected: bool) -> None:
    assert (NAME in categories(labeller, f"{API}/v1/items", body)) is expected


def test_a_user_principal_name_is_a_user_id_and_an_address(labeller: Labeller) -> None:
    got = categories(labeller, f"{API}/v1/items", {"attendees": [{"upn": "chiara@contoso.com"}]})
    assert {UID, EMAIL} <= got


def test_calendar_ids_that_are_addresses_are_accounts(labeller: Labeller) -> None:
    body = {"timeMin": "2026-12-09T14:00:00Z", "items": [{"id": "chiara@example.org"}]}
    assert {UID, EMAIL} <= categories(labeller, f"{API}/calendar/v3/freeBusy", body)
    # e-mail-shaped add-on ids elsewhere stay names of things
    addons = {"addons": [{"id": "uBlock0@raymondhill.net"}]}
    assert not {UID, EMAIL} & categories(labeller, f"{API}/v1/telemetry", addons)


@pytest.mark.parametrize(
    ("visitor", "category"),
    [("usr_9Tm4Qe72", UID), ("user-1234", UID), ("5f0c2a9e1b3d4e5f", DID)],
)
def test_a_visitor_id_the_app_set_to_its_user_id(
    labeller: Labeller, visitor: str, category: str
) -> None:
    got = categories(labeller, f"{API}/v1/items", {"visitorCode": visitor})
    assert category in got and ({UID, DID} - {category}).isdisjoint(got)


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("ExponentPushToken[c0rpus10xKq8Wm3Rt5Yv]", True),
        ("ExpoPushToken[xxxxxxxxxxxxxxxxxxxxxx]", True),
        ("ExponentPushToken[]", False),
        ("PushToken for alice", False),
    ],
)
def test_expo_push_tokens_are_device_ids(labeller: Labeller, token: str, expected: bool) -> None:
    got = categories(labeller, f"{API}/--/api/v2/push/send", [{"to": token, "sound": "default"}])
    assert (DID in got) is expected


def test_an_event_place_is_coarse_location_not_a_display_name(labeller: Labeller) -> None:
    body = {"subject": "Budget review", **EVENT_TIMES, "location": {"displayName": "Milan office"}}
    got = categories(labeller, f"{API}/v1.0/me/events", body)
    assert COARSE in got and UID not in got
    # a calendar event written to an events path is not the analytics heuristic's tracking
    assert USAGE not in got
    assert USAGE in categories(labeller, f"{API}/v1/events", {"page": "/pricing"})


def test_icalendar_text_names_people_topic_and_zone(labeller: Labeller) -> None:
    ics = (
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:85512345678@meetcorp.example\r\n"
        "SUMMARY:Budget review\r\nDTSTART;TZID=Europe/Rome:20261209T150000\r\n"
        "ORGANIZER;CN=Alice Example:mailto:alice@example.com\r\n"
        "ATTENDEE;CN=MeetCorp Rooms:mailto:rooms@example.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    got = categories(labeller, f"{API}/v1/items", {"ics": ics})
    assert {MEETING, NAME, LOCALE} <= got
    # a CN= in a certificate's distinguished name is no iCalendar property
    assert NAME not in categories(labeller, f"{API}/v1/items", {"dn": "CN=Alice Example,O=Acme"})


def test_a_recipient_written_name_and_address_is_a_name_not_an_account(
    labeller: Labeller,
) -> None:
    got = categories(labeller, f"{API}/email", {"To": "Chiara Rossi <chiara@example.org>"})
    assert {NAME, EMAIL} <= got and UID not in got
    assert NAME not in categories(labeller, f"{API}/email", {"To": "Billing <b@example.org>"})


def test_a_mail_subject_beside_sender_records_names_the_meeting(labeller: Labeller) -> None:
    body = {
        "personalizations": [{"to": [{"email": "chiara@example.org"}]}],
        "from": {"email": "alice@example.com"},
        "subject": "Invitation: Budget review",
    }
    assert MEETING in categories(labeller, f"{API}/v3/mail/send", body)


@pytest.mark.parametrize(
    ("endpoint", "expected"),
    [
        ("https://fcm.googleapis.com/fcm/send/dGVzdC10b2tlbjpBUEE5MWJ4eHh4eHh4", True),
        ("https://updates.push.services.mozilla.com/wpush/v2/gAAAAABkZ0x1c2VyLXRva2Vu", True),
        ("https://fcm.googleapis.com/v1/projects/meetcorp/messages:send", False),
        ("https://meetcorp.example/push/subscribe", False),
    ],
)
def test_a_web_push_endpoint_names_the_browser_install(
    labeller: Labeller, endpoint: str, expected: bool
) -> None:
    got = categories(labeller, f"{API}/v1/subscriptions", {"endpoint": endpoint})
    assert (DID in got) is expected


def test_a_sender_record_with_a_persons_name_is_its_author(labeller: Labeller) -> None:
    body = {"from": {"email": "alice@example.com", "name": "Alice Example"}, "subject": "Hi"}
    assert {UID, NAME, EMAIL} <= categories(labeller, f"{API}/v3/mail/send", body)
    app = {"from": {"email": "noreply@example.com", "name": "MeetCorp"}, "subject": "Hi"}
    assert UID not in categories(labeller, f"{API}/v3/mail/send", app)


def test_bare_numbers_under_start_and_end_are_timings_not_an_event(labeller: Labeller) -> None:
    timing = {"title": "Pricing", "start": 1, "end": 2}
    assert MEETING not in categories(labeller, f"{API}/v1/collect", timing)
    event = {"title": "Budget review", "start": "2026-12-09T14:00:00Z", "end": "2026-12-09"}
    assert MEETING in categories(labeller, f"{API}/v1/items", event)


def test_a_calendar_event_with_participants_is_not_tracking(labeller: Labeller) -> None:
    body = {
        "title": "Budget review",
        "when": {"start_time": 1765000000, "end_time": 1765002700},
        "participants": [{"name": "Chiara Rossi", "email": "chiara@example.org"}],
    }
    got = categories(labeller, f"{API}/v3/grants/g1/events", body)
    assert {MEETING, NAME} <= got and USAGE not in got


def test_schedules_on_a_calendar_api_are_accounts(labeller: Labeller) -> None:
    body = {"schedules": ["chiara@example.org"], "availabilityViewInterval": 30}
    assert UID in categories(labeller, f"{API}/v1.0/me/calendar/getSchedule", body)
    assert UID not in categories(labeller, f"{API}/v1/newsletters", body)


def test_an_apns_device_token_in_the_path_is_a_device_id(labeller: Labeller) -> None:
    token = "a1b2c3d4" * 8
    assert DID in categories(labeller, f"{API}/3/device/{token}", {"aps": {"badge": 1}})
    assert DID not in categories(labeller, f"{API}/3/device/settings", {"aps": {"badge": 1}})


@pytest.mark.parametrize("place", ["Microsoft Teams Meeting", "Online", "Zoom"])
def test_an_online_meetings_stand_in_place_is_no_location(labeller: Labeller, place: str) -> None:
    body = {"subject": "Budget review", **EVENT_TIMES, "location": {"displayName": place}}
    got = categories(labeller, f"{API}/v1.0/me/events", body)
    assert COARSE not in got and UID not in got


def test_an_add_on_id_shaped_like_an_address_names_no_person(labeller: Labeller) -> None:
    body = {"addons": [{"id": "formautofill@mozilla.org", "name": "Form Autofill"}]}
    assert NAME not in categories(labeller, f"{API}/v1/telemetry", body)


def test_attendees_listed_by_name_are_names(labeller: Labeller) -> None:
    body = {"attendees": ["Alice Example", "Chiara Rossi"], "topic": "Budget review"}
    assert NAME in categories(labeller, f"{API}/v1/notes", body)
    assert NAME not in categories(labeller, f"{API}/v1/notes", {"attendees": ["room-7", "4"]})
