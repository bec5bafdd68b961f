"""Shapes of data from the heldout15 dev set (issue 15t, tests/label/corpus/heldout15.jsonl), by
class, each with the cases it must not match: a push notification's text (`sound`/`badge`, a
`title` over its `message`) is a notification, not chat; a note posted to a CRM record's notes
resource is chat; a role named by its e-mail key (`author_email`) is a user id; bracketed
multipart part names nest as form keys do; a profile URL on a professional or social network is
a user id; a name with a company's legal form is no person's; a device named by the machine's
known host name is a network id, not hardware."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from auditor.label import Labeller
from auditor.label.known_values import KnownValues
from auditor.label.rules import flow_from_fixture
from auditor.vocabulary import v_name

CHAT = "customer_content.chat"
UID = "identifiers.user_id"
EMAIL = "contact_info.email"
NAME = "contact_info.name"
HW = "device_info.hardware"
NID = "identifiers.network_id"
API = "https://api.example.test/v1/items"


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


def categories(
    labeller: Labeller,
    body: Any = None,
    url: str = API,
    headers: list[list[str]] | None = None,
    body_b64: str | None = None,
) -> set[str]:
    fixture: dict[str, Any] = {"rule": "x", "url": url, "headers": headers or []}
    if body is not None:
        fixture["body"] = body
    if body_b64 is not None:
        fixture["body_b64"] = body_b64
        fixture["method"] = "POST"
    result = labeller.label(flow_from_fixture(fixture))
    for lab in result.labels:
        assert lab.evidence, lab.category
    return set(result.categories())


def multipart(parts: dict[str, str]) -> tuple[str, list[list[str]]]:
    boundary = "b0undary15t"
    lines = []
    for name, value in parts.items():
        lines += [f"--{boundary}", f'Content-Disposition: form-data; name="{name}"', "", value]
    lines += [f"--{boundary}--", ""]
    body = "\r\n".join(lines).encode()
    headers = [["Content-Type", f"multipart/form-data; boundary={boundary}"]]
    return base64.b64encode(body).decode(), headers


MESSAGES = "https://push.example.test/1/messages.json"
TEXT = "Alice Example, your meeting with the guest starts at 15:00 today."


# --- a push notification's text is a notification, not chat -------------------------------------


@pytest.mark.parametrize(
    "parts",
    [
        {"token": "azGDORePK8gMaC0QOYAMyE", "title": "Reminder", "message": TEXT, "sound": "magic"},
        {"token": "azGDORePK8gMaC0QOYAMyE", "title": "Guest is waiting", "message": TEXT},
    ],
)
def test_a_push_message_is_no_chat(labeller: Labeller, parts: dict[str, str]) -> None:
    body_b64, headers = multipart(parts)
    assert CHAT not in categories(labeller, url=MESSAGES, headers=headers, body_b64=body_b64)


def test_a_json_push_with_a_sound_is_no_chat(labeller: Labeller) -> None:
    body = {"to": "user_1", "body": TEXT, "sound": "default"}
    assert CHAT not in categories(labeller, body, url=MESSAGES)


@pytest.mark.parametrize(
    "body",
    [
        {"channel": "C024BE91L", "text": TEXT},  # a chat message to a channel
        {"channel": "C024BE91L", "title": "Standup", "text": TEXT},  # a title over a `text`
    ],
)
def test_a_chat_message_stays_chat(labeller: Labeller, body: dict[str, Any]) -> None:
    assert CHAT in categories(labeller, body, url="https://chat.example.test/api/messages")


# --- a note on a CRM record is chat; its author by e-mail is a user id ---------------------------


def test_a_note_on_a_customer_record(labeller: Labeller) -> None:
    body = {
        "customer_uuid": "cus_7Zq41b",
        "type": "note",
        "author_email": "alice@example.com",
        "text": "She wants the pilot extended to the second reservoir.",
    }
    got = categories(labeller, body, url="https://crm.example.test/v1/customer_notes")
    assert {CHAT, UID, EMAIL} <= got


def test_a_notes_app_and_a_describing_key_are_not(labeller: Labeller) -> None:
    body = {"folder_id": "f_2", "text": "Buy milk and call the plumber before noon."}
    assert CHAT not in categories(labeller, body, url="https://notes.example.test/v1/notes")
    got = categories(labeller, {"email": "alice@example.com"}, url=API)
    assert UID not in got and EMAIL in got


# --- bracketed multipart part names nest -----------------------------------------------------------


def test_a_bracketed_multipart_role_is_a_user_id(labeller: Labeller) -> None:
    body_b64, headers = multipart({"metadata[host]": "alice@example.com", "store": "1"})
    got = categories(
        labeller, url="https://upload.example.test/base/", headers=headers, body_b64=body_b64
    )
    assert {UID, EMAIL} <= got


def test_an_unbracketed_part_with_an_address_is_an_address(labeller: Labeller) -> None:
    body_b64, headers = multipart({"contact": "alice@example.com", "store": "1"})
    got = categories(
        labeller, url="https://upload.example.test/base/", headers=headers, body_b64=body_b64
    )
    assert EMAIL in got and UID not in got


# --- a profile URL is a user id ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://www.linkedin.com/in/mateo-villanueva-7b2",
        "https://github.com/mvillanueva",
        "https://x.com/mvillanueva",
    ],
)
def test_a_profile_url_is_a_user_id(labeller: Labeller, url: str) -> None:
    assert UID in categories(labeller, {"linked_in": url, "kind": "contact"})


@pytest.mark.parametrize(
    "url",
    [
        "https://www.linkedin.com/company/andes-hidro",  # a company page
        "https://x.com/mvillanueva/status/1866012345678901234",  # a post
        "https://github.com/acme/reservoir-tools",  # a repository
        "https://github.com/features",  # the site's own page
        "https://docs.example.test/in/guide",
    ],
)
def test_urls_that_are_no_profile(labeller: Labeller, url: str) -> None:
    assert UID not in categories(labeller, {"link": url, "kind": "contact"})


# --- an organisation's name is no person's ---------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["Andes Hidro SpA", "Acme GmbH", "Fjord Data AS", "Foo S.A.", "Bar Inc."]
)
def test_a_legal_form_names_an_organisation(name: str) -> None:
    assert not v_name(name)


@pytest.mark.parametrize("name", ["Mateo Villanueva", "Kim Se", "Jean-Luc As", "Lee Co"])
def test_surnames_like_a_legal_form_stay_names(name: str) -> None:
    assert v_name(name)


def test_an_organisation_record_has_no_person_name(labeller: Labeller) -> None:
    body = {"name": "Andes Hidro SpA", "email": "mateo@andes.example.com", "country": "CL"}
    assert NAME not in categories(labeller, body)
    assert NAME in categories(labeller, {**body, "name": "Mateo Villanueva"})


# --- a device named by the machine's host name ------------------------------------------------------


def test_a_device_named_by_the_known_host_name() -> None:
    labeller = Labeller(known_values=KnownValues.from_mapping({"hostname": "desk-host-07"}))
    got = set(
        labeller.label(
            flow_from_fixture(
                {"rule": "x", "url": API, "body": {"device": "desk-host-07", "event": "opened"}}
            )
        ).categories()
    )
    assert NID in got and HW not in got
    other = set(
        labeller.label(
            flow_from_fixture(
                {"rule": "x", "url": API, "body": {"device": "iPhone14,2", "event": "opened"}}
            )
        ).categories()
    )
    assert HW in other


# --- a text document sent as base64 under a document key ------------------------------------------

FILES = "customer_content.files"
DOCUMENT = (
    "Action items of meeting review (reservoir audit):\n"
    "1. Mateo Villanueva re-surveys the dam toe.\n2. Reservoir lowered by September.\n"
)
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def test_a_base64_text_document_is_a_file_read_as_text(labeller: Labeller) -> None:
    body = {"documents": [{"documentBase64": _b64(DOCUMENT.encode()), "name": "Sign-off"}]}
    got = categories(labeller, body, url="https://sign.example.test/v2/envelopes")
    assert {FILES, NAME} <= got


@pytest.mark.parametrize(
    "body",
    [
        {"avatar": _b64(PNG)},  # a picture: the pictures rule, no document
        {"fileSignature": _b64(bytes(range(200, 248)))},  # a signature's bytes
        {"documentNonce": "q7Wm2TokenSig9XzAbCdEfGhIjKl"},  # a nonce, no text
        {"note": _b64(DOCUMENT.encode())},  # base64 text under no document key
    ],
)
def test_base64_that_is_no_text_document(labeller: Labeller, body: dict[str, Any]) -> None:
    assert FILES not in categories(labeller, body, url="https://sign.example.test/v2/envelopes")
