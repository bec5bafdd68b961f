"""A session key under a short auth key of an RPC body (issue 15aw, heldout27): a video
platform's `ks` beside the call's parameters is a credential when it holds an opaque token (20+
base64 characters mixing upper case, lower case and digits); a language code, a number or a
word under the same key is none. The export's redaction then removes it."""

from __future__ import annotations

from typing import Any

import pytest

from auditor.label import Labeller
from tests.label.test_issue15an_names_user_ids import categories

CRED = "credentials"
URL = "https://video.example.com/api_v3/service/media/action/add"


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


@pytest.mark.parametrize(
    "body",
    [
        {"format": "2", "entry": {"name": "Weekly sync"}, "ks": "djJ8MTIzNDU2N3xQa2V5U2Vzc2lvbjk"},
        {"apiVersion": "23.10.0", "ks": "Zm9vYmFyQmF6UXV4MTIzNDU2Nzg5MA=="},
        {"service": "user", "ks": "aB3dE5fG7hJ9kL1mN3pQ5rS7tV9"},
    ],
)
def test_an_opaque_session_key_under_ks_is_a_credential(labeller: Labeller, body: Any) -> None:
    assert CRED in categories(labeller, URL, body)


@pytest.mark.parametrize(
    "body",
    [
        {"format": "2", "ks": "en"},
        {"format": "2", "ks": 123456789012345678901},
        {"format": "2", "ks": "123456789012345678901234"},
        {"format": "2", "ks": "kaltura_session_management_key"},
        {"format": "2", "ks": "ALLUPPERCASEWORDSHERE12345"},
    ],
)
def test_a_language_number_or_word_under_ks_is_no_credential(labeller: Labeller, body: Any) -> None:
    assert CRED not in categories(labeller, URL, body)


# --- the person who created a resource, named by an address -------------------------------------

BOT_URL = "https://api.asr.example.com/v1/asr/meeting/join"


@pytest.mark.parametrize(
    "body",
    [
        {"meetingUrl": "https://meet.example.com/j/123", "creator": "rangi.parata@example.co.nz"},
        {"name": "Weekly sync", "creator": "alice@meetcorp-example.com"},
    ],
)
def test_a_creator_named_by_an_address_is_a_user_id(labeller: Labeller, body: Any) -> None:
    assert "identifiers.user_id" in categories(labeller, BOT_URL, body)


@pytest.mark.parametrize(
    "body",
    [
        {"name": "Weekly sync", "creator": "api"},
        {"name": "Weekly sync", "creator": "zapier-integration"},
        {"name": "Weekly sync", "creator": True},
    ],
)
def test_a_creator_that_is_no_address_is_no_user_id(labeller: Labeller, body: Any) -> None:
    assert "identifiers.user_id" not in categories(labeller, BOT_URL, body)


# --- a bot's display name is no person's name ---------------------------------------------------


@pytest.mark.parametrize(
    "name", ["Acme Notetaker", "Meeting Bot", "Harbourline AI Assistant", "Call Recorder"]
)
def test_a_bots_participant_name_is_no_persons_name(labeller: Labeller, name: str) -> None:
    body = {"meetingUrl": "https://meet.example.com/j/123", "participantName": name}
    assert "contact_info.name" not in categories(labeller, BOT_URL, body)


@pytest.mark.parametrize("name", ["Rosalind Achterberg", "Rangi Parata", "Bo Tanaka"])
def test_a_persons_participant_name_stays_a_name(labeller: Labeller, name: str) -> None:
    body = {"meetingUrl": "https://meet.example.com/j/123", "participantName": name}
    assert "contact_info.name" in categories(labeller, BOT_URL, body)


# --- a guest's full name at the end of a meeting's or recording's title ------------------------

MEETING_URL = "https://api.asr.example.com/v1/asr/meeting/0a4f7e2b"


@pytest.mark.parametrize(
    "body",
    [
        {"label": "Refrigerated container fleet telemetry review — with Rosalind Achterberg"},
        {
            "entry": {
                "description": "Recording of Quarterly pricing review with Rosalind Achterberg"
            }
        },
        {"description": "Weekly sync with Maria Oyelaran"},
    ],
)
def test_a_guests_name_ending_a_meeting_title_is_a_name(labeller: Labeller, body: Any) -> None:
    assert "contact_info.name" in categories(labeller, MEETING_URL, body)


@pytest.mark.parametrize(
    "body",
    [
        {"label": "Quarterly review — with Acme Corp"},
        {"description": "Recording of Kickoff with Customer Success"},
        {"description": "Planning with Jordan Airlines"},
    ],
)
def test_an_organisation_or_a_mid_text_name_after_with_is_no_guest(
    labeller: Labeller, body: Any
) -> None:
    assert "contact_info.name" not in categories(labeller, MEETING_URL, body)
