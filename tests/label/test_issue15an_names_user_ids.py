"""Names and user ids on unseen traffic (issue 15an; heldout21-23, tests/label/corpus/), by class,
each with the cases it must not match: a full name under a key naming a person (`guest_name`,
`participant`, `sdr_u.name`) is a name though no list knows its words, a room's, team's,
product's or company's name under such keys is not; a full name an address of the same flow
spells in its local part (`mahlet.gebremedhin@…`) is a name anywhere in the flow's text, a
mailbox's role words (`support.team@`) and words standing inside other words are not; a log
record's top-level `user` address and a form's `<prefix>_u` user key are the account's id."""

from __future__ import annotations

from typing import Any

import pytest

from auditor.label import Labeller
from tests.label.fixture_labels import categories

NAME = "contact_info.name"
UID = "identifiers.user_id"


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


FORM = [("Content-Type", "application/x-www-form-urlencoded")]

# --- a full name under a key naming a person ----------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        {"template": "nudge", "properties": {"guest_name": "Mahlet Gebremedhin"}},
        {"data": [{"key": "participant", "value": "Bolormaa Tserendorj"}]},
        {"attendeeName": "Tevita Fifita", "status": "accepted"},
        {"contact_name": "Ngozi Adeyemi-Okafor"},
    ],
)
def test_full_name_under_a_person_key_is_a_name(labeller: Labeller, body: Any) -> None:
    assert NAME in categories(labeller, "https://api.example.org/v1/messages", body)


def test_dotted_user_name_of_a_form_is_a_name(labeller: Labeller) -> None:
    body = "sdr_s=SP-1&sdr_u.name=Mahlet+Gebremedhin&sdr_u.Role=guest"
    assert NAME in categories(
        labeller, "https://tracker.example.org/pixel.gif/", body, headers=FORM
    )


@pytest.mark.parametrize(
    "body",
    [
        {"properties": {"guest_name": "Design Review"}},
        {"data": [{"key": "participant", "value": "Conference Room"}]},
        {"room_name": "Harbour View", "team_name": "Blue Falcons"},
        {"app": {"name": "Acme Meet"}},
        {"participant": "ROOM FOUR"},
        {"participant": "Jabra Evolve2 65"},
        {"guest_name": "Andes Hidro SpA"},
        {"contact_name": "Support Team"},
        {"participant": "Tevita"},
    ],
)
def test_thing_under_a_person_key_is_no_name(labeller: Labeller, body: Any) -> None:
    assert NAME not in categories(labeller, "https://api.example.org/v1/messages", body)


# --- a full name an address of the same flow spells --------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        {
            "title": "Camera preview failed for Mahlet Gebremedhin (see ticket)",
            "reporter": "mahlet.gebremedhin@simien-logistics-example.com",
        },
        {
            "note": "Tevita Fifita will send the timetable by Friday",
            "cc": ["tevita_fifita@vavau-example.com"],
        },
    ],
)
def test_name_spelled_by_an_address_is_a_name(labeller: Labeller, body: Any) -> None:
    assert NAME in categories(labeller, "https://api.example.org/v1/issues", body)


@pytest.mark.parametrize(
    "body",
    [
        # a mailbox's role words
        {"title": "Ask Support Team about the quota", "cc": ["support.team@example.com"]},
        # not capitalised, or inside other words
        {"title": "escalate to mahlet gebremedhin", "cc": ["mahlet.gebremedhin@example.com"]},
        {"path": "/MahletGebremedhin/x", "cc": ["mahlet.gebremedhin@example.com"]},
        # no address in the flow spells it
        {"title": "Camera preview failed for Mahlet Gebremedhin (see ticket)"},
    ],
)
def test_no_address_spelling_no_name(labeller: Labeller, body: Any) -> None:
    assert NAME not in categories(labeller, "https://api.example.org/v1/issues", body)


# --- user ids: addresses naming an account -----------------------------------------------------


def test_id_typed_as_email_is_the_accounts_id(labeller: Labeller) -> None:
    body = {"receive_id": "alice.example@example.com", "msg_type": "text", "content": "{}"}
    url = "https://chat.example.org/open-apis/im/v1/messages?receive_id_type=email"
    assert UID in categories(labeller, url, body)


def test_id_typed_as_chat_is_no_user_id(labeller: Labeller) -> None:
    body = {"receive_id": "oc_5a2f0142c9e3b7d8group", "msg_type": "text", "content": "{}"}
    url = "https://chat.example.org/open-apis/im/v1/messages?receive_id_type=chat_id"
    assert UID not in categories(labeller, url, body)


def test_log_record_user_address_is_a_user_id(labeller: Labeller) -> None:
    body = [{"message": "joined meeting", "level": "info", "user": "alice@example.com"}]
    assert UID in categories(labeller, "https://logs.example.org/v1/logs", body)


def test_log_record_nested_user_address_is_no_user_id(labeller: Labeller) -> None:
    body = [{"message": "joined meeting", "props": {"user": "alice@example.com"}}]
    assert UID not in categories(labeller, "https://logs.example.org/v1/logs", body)


@pytest.mark.parametrize(
    "body",
    [
        "sdr_s=SP-1&sdr_u=alice%40example.com&sdr_m=Meetings",
        "sdr_s=SP-1&sdr_o=ws_1&sdr_u.Invited+by=alice%40example.com",
    ],
)
def test_form_user_key_address_is_a_user_id(labeller: Labeller, body: str) -> None:
    assert UID in categories(labeller, "https://tracker.example.org/pixel.gif/", body, headers=FORM)


@pytest.mark.parametrize(
    "body",
    [
        "sdr_s=SP-1&sdr_o=ws_1&sdr_odn=support%40example.com",
        "sdr_s=SP-1&sdr_o=ws_1&invited_by_count=3",
    ],
)
def test_form_other_key_address_is_no_user_id(labeller: Labeller, body: str) -> None:
    assert UID not in categories(
        labeller, "https://tracker.example.org/pixel.gif/", body, headers=FORM
    )


# --- a sender's display name: a person's account, not a service mailbox's brand ----------------


def _mail(sender: dict[str, str]) -> dict[str, Any]:
    return {
        "from": sender,
        "to": [{"email": "tevita.fifita@vavau-example.com", "name": "Tevita Fifita"}],
        "subject": "Invitation",
        "text": "You are invited.",
    }


@pytest.mark.parametrize(
    "sender",
    [
        {"email": "meetings@acme-meet.example", "name": "Acme Meet"},
        {"email": "no-reply@acme-meet.example", "name": "Acme Meet Calendar"},
    ],
)
def test_service_mailbox_sender_is_no_user_id(labeller: Labeller, sender: dict[str, str]) -> None:
    assert UID not in categories(labeller, "https://api.mailer.example/v1/email", _mail(sender))


def test_person_sender_is_a_user_id(labeller: Labeller) -> None:
    sender = {"email": "alice.example@example.com", "name": "Alice Example"}
    assert UID in categories(labeller, "https://api.mailer.example/v1/email", _mail(sender))
