"""Shapes of data from the heldout17 dev set (issue 15ab, tests/label/corpus/heldout17.jsonl), by
class, each with the cases it must not match: a request-level `username` sent beside an API key
names the developer's or tenant's account of a messaging API, not a person (no user id), while a
person's `username` in a login or a profile stays one; an e-mail under a role's key (`host_email`)
is the account's id and an e-mail under any parent; a room's or a call's opaque id alone is no
meeting metadata (heldout8), with someone or something in the room it is; Uzbek Latin names
written with a modifier apostrophe are in the name lists."""

from __future__ import annotations

from typing import Any

import pytest

from auditor.label import Labeller
from auditor.label.prose import names_in_text
from auditor.label.rules import flow_from_fixture

UID = "identifiers.user_id"
EMAIL = "contact_info.email"
MEETING = "meeting_metadata"
CRED = "credentials"
FORM = "application/x-www-form-urlencoded"
JSON = "application/json"


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


def categories(
    labeller: Labeller,
    body: Any,
    *,
    url: str = "https://api.example.test/version1/messaging",
    headers: list[tuple[str, str]] | None = None,
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


API_KEY_HEADER = [("apiKey", "atsk_c0r17b9e2f7a4c1d8e6"), ("Content-Type", FORM)]


# --- an API account's username ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "headers"),
    [
        # a form-encoded SMS and call, the account name beside the API key header
        ("username=meetcorpsms&to=%2B447700900123&message=Your+code+is+481516", API_KEY_HEADER),
        ("username=meetcorpsms&from=%2B254711082300&to=%2B447700900123", API_KEY_HEADER),
        # JSON, with the key as an `X-API-Key` header or as a member beside the account
        (
            {"username": "meetcorpsms", "phoneNumbers": ["+447700900123"]},
            [("X-API-Key", "k_c0r17b9e2f7a4c1d8e6"), ("Content-Type", JSON)],
        ),
        (
            {"username": "meetcorpsms", "api_key": "k_c0r17b9e2f7a4c1d8e6", "to": "+447700900123"},
            [("Content-Type", JSON)],
        ),
    ],
)
def test_an_api_accounts_username_beside_its_api_key_is_no_user_id(
    labeller: Labeller, body: Any, headers: list[tuple[str, str]]
) -> None:
    got = categories(labeller, body, headers=headers)
    assert UID not in got
    assert CRED in got


def test_a_persons_username_in_a_login_or_profile_stays_a_user_id(labeller: Labeller) -> None:
    # a login: the username beside a password
    assert UID in categories(
        labeller,
        "username=fola.adeyemi&password=correct-horse",
        headers=API_KEY_HEADER,
    )
    # a profile: the username beside the person's e-mail or name
    assert UID in categories(
        labeller,
        {"username": "fola.adeyemi", "email": "fola@meetcorp-example.com"},
        headers=[("X-API-Key", "k_c0r17b9e2f7a4c1d8e6"), ("Content-Type", JSON)],
    )
    # on a users path (an admin API creating a person's account)
    assert UID in categories(
        labeller,
        {"username": "fola.adeyemi", "role": "member"},
        url="https://api.example.test/v1/users",
        headers=[("X-API-Key", "k_c0r17b9e2f7a4c1d8e6"), ("Content-Type", JSON)],
    )
    # nested in an object (a message's author), not a request-level account
    assert UID in categories(
        labeller,
        {"message": {"username": "fola.adeyemi", "text": "on my way"}},
        headers=[("X-API-Key", "k_c0r17b9e2f7a4c1d8e6"), ("Content-Type", JSON)],
    )
    # without an API key (a bearer token names a user session as well as an app)
    assert UID in categories(
        labeller,
        {"username": "fola.adeyemi", "to": "+447700900123"},
        headers=[("Authorization", "Bearer eyJabc.def.ghi"), ("Content-Type", JSON)],
    )


# --- an e-mail under a role's key is the account's id ----------------------------------------

ALICE = "alice.example@example.com"


@pytest.mark.parametrize("key", ["host_email", "hostEmail", "cohost_email", "moderatorEmail"])
def test_an_email_under_a_roles_key_in_metadata_is_a_user_id_and_an_email(
    labeller: Labeller, key: str
) -> None:
    got = categories(
        labeller,
        {"metadata": {"meeting_id": "85512345678", key: ALICE}},
        url="https://api.example.test/v2/create-phone-call",
    )
    assert {UID, EMAIL} <= got


def test_an_email_under_a_describing_key_or_a_cards_words_is_an_email_only(
    labeller: Labeller,
) -> None:
    url = "https://api.example.test/v2/create-phone-call"
    for key in ("email", "guest_email", "contact_email", "inviter_email"):
        got = categories(labeller, {"metadata": {key: ALICE}}, url=url)
        assert EMAIL in got, key
        assert UID not in got, key
    # a role's key holding no address is no account's id
    assert UID not in categories(labeller, {"metadata": {"host_email": "pending"}}, url=url)
    # a chat card's fact labelled in words shows readers an address (heldout9)
    card = {"fields": [{"name": "Host e-mail", "value": ALICE}]}
    got = categories(labeller, card, url=url)
    assert EMAIL in got
    assert UID not in got


# --- a room's or a call's id alone -----------------------------------------------------------

BEARER = [("Authorization", "Bearer c0r17Lm5Qx8Vr2Tn7Kw4Bz9Hc3Js6"), ("Content-Type", JSON)]


def test_a_rooms_or_calls_id_alone_is_no_meeting_metadata(labeller: Labeller) -> None:
    # a GET of a room's meetings by the room's id
    assert MEETING not in categories(
        labeller,
        None,
        url="https://api.example.test/api/v2/conference/meetings?room_id=6120457793859584",
        headers=BEARER,
        method="GET",
    )
    # a bot peer added to a room: its call id beside its API key, nothing about people
    body = {"options": {"apiKey": "k_c0r17-2b8e-4c1d", "callId": "call-c0r17-bot"}, "type": "bot"}
    got = categories(
        labeller, body, url="https://api.example.test/room/room-c0r17-7d41/peer", headers=BEARER
    )
    assert MEETING not in got
    assert CRED in got


def test_a_room_or_call_id_with_someone_or_something_in_it_is_meeting_metadata(
    labeller: Labeller,
) -> None:
    url = "https://api.example.test/v1/memberships"
    # a membership: a person put into the room (heldout9)
    assert MEETING in categories(
        labeller, {"roomId": "rm-204", "personEmail": ALICE}, url=url, headers=BEARER
    )
    # a call's quality report (heldout2)
    assert MEETING in categories(
        labeller,
        {"data": {"callId": "8f7e6d5c-4b3a-4291-8e7f-6d5c4b3a2918", "jitterMs": 22, "mos": 3.9}},
        url=url,
        headers=BEARER,
    )
    # a meeting's own id in a GET's query, and a room's id beside a participant's name
    assert MEETING in categories(
        labeller,
        None,
        url="https://api.example.test/recordings?meeting_id=85512345678",
        headers=BEARER,
        method="GET",
    )
    assert MEETING in categories(
        labeller,
        {"callId": "call-c0r17-7d41", "displayName": "Fola Adeyemi"},
        url=url,
        headers=BEARER,
    )


# --- Uzbek Latin names written with a modifier apostrophe ------------------------------------
# Faker's uz_UZ lists write oʻ, gʻ and the glottal stop with ‘ and ’ ("Ulug‘bekov", "Ja’farov");
# the build script (scripts/build_faker_names.py) read them as no Latin name before issue 15ab.


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Rustam Ulugbekov will bring the sensor logs.", ["Rustam Ulugbekov"]),
        ("Notes from Rustam Ja'farov on the silo probes.", ["Rustam Ja'farov"]),
        ("Madina Ezozova asked for the minutes.", ["Madina Ezozova"]),
    ],
)
def test_uzbek_latin_family_names_with_apostrophes_are_read(text: str, names: list[str]) -> None:
    assert names_in_text(text) == names


@pytest.mark.parametrize(
    "text", ["the Ulugbekov report is late", "rustam ulugbekov", "Ulugbekov Street 4"]
)
def test_a_family_name_alone_or_in_lower_case_is_no_full_name(text: str) -> None:
    assert names_in_text(text) == []
