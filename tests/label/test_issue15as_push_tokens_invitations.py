"""Push tokens and invitation identities on unseen traffic (issue 15as; heldout24,
tests/label/corpus/), by class, each with the cases it must not match: a gateway's own opaque
device token (hex or base64url, no vendor prefix) under a push endpoint's recipient keys (`to`,
`token`, `tokens`, `registration_ids`, `device_tokens`) is a device id, an OAuth token, a form's
CSRF token, a page's cursor and the addresses or numbers an e-mail or SMS goes `to` are not; an
address under a nested key naming the person inviting or invited (`public_metadata.invited_by`,
`data.invitee`) is that person's user id as well as an e-mail, the invitation's own
`email_address`, a `reply_to`, a list of `invitees` are e-mail only."""

from __future__ import annotations

from typing import Any

import pytest

from auditor.label import Labeller
from tests.label.fixture_labels import categories

DID = "identifiers.device_id"
UID = "identifiers.user_id"
EMAIL = "contact_info.email"


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


FORM = [("Content-Type", "application/x-www-form-urlencoded")]

# --- a push gateway's opaque device tokens ------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "body"),
    [
        (
            "https://gw.example.org/push",
            {"to": ["b71e04c9a2d53f8e61c0aa", "0c9d2e8f41a7b35d62e1f4"], "data": {"m": "hi"}},
        ),
        ("https://gw.example.org/topics/subscribe/", {"token": "b71e04c9a2d53f8e61c0aa"}),
        ("https://gw.example.org/devices/presence", {"tokens": ["b71e04c9a2d53f8e61c0aa"]}),
        (
            "https://notify.example.org/v1/notifications/send",
            {"device_tokens": ["Qm9vX2xl-Zm9v_YmFyLWJhei1xdXV4"], "title": "Meeting starting"},
        ),
        (
            "https://notify.example.org/api/push/send",
            {"registration_ids": ["9f4c1e2ab7d83e6f50a1c2d4e8b7f6a3"], "priority": "high"},
        ),
    ],
)
def test_push_endpoint_token_is_device_id(labeller: Labeller, url: str, body: Any) -> None:
    assert DID in categories(labeller, url, body)


@pytest.mark.parametrize(
    ("url", "body", "headers"),
    [
        # an OAuth token revoked or introspected: a credential, no device
        (
            "https://auth.example.org/oauth/revoke",
            {"token": "b71e04c9a2d53f8e61c0aab71e04c9a2d5"},
            None,
        ),
        # the API's own token on a push path under an access-token key: a credential
        (
            "https://gw.example.org/push",
            {"access_token": "b71e04c9a2d53f8e61c0aab71e04c9", "message": "hi"},
            None,
        ),
        # a form's CSRF token on a notifications settings page
        (
            "https://app.example.org/settings/notifications",
            "_token=Jq8vX2lcYk3N0Zm9vYmFyYmF6cXV1eDEy&email_digest=1",
            FORM,
        ),
        (
            "https://app.example.org/settings/notifications",
            {"csrf_token": "Jq8vX2lcYk3N0Zm9vYmFyYmF6cXV1eDEy", "digest": True},
            None,
        ),
        # a page's cursor listing notifications
        (
            "https://gw.example.org/v1/notifications",
            {"next_token": "eyJvZmZzZXQiOjEwMH0", "limit": 50},
            None,
        ),
        # an e-mail's and an SMS's recipients under `to`
        (
            "https://mail.example.org/v1/notifications/send",
            {"to": ["bob@example.org"], "subject": "Meeting starting"},
            None,
        ),
        (
            "https://sms.example.org/v1/notify",
            {"to": ["32475218603"], "body": "Meeting starting"},
            None,
        ),
        # a topic, not a device, under a push's `to`
        ("https://gw.example.org/push", {"to": "/topics/meeting-updates"}, None),
        # a token-shaped value under `token` off any push endpoint
        ("https://api.example.org/v1/files/share", {"token": "b71e04c9a2d53f8e61c0aa"}, None),
    ],
)
def test_non_push_tokens_are_no_device_id(
    labeller: Labeller, url: str, body: Any, headers: list[tuple[str, str]] | None
) -> None:
    assert DID not in categories(labeller, url, body, headers=headers)


# --- the person inviting or invited, under a nested key ------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        {
            "email_address": "ilse@dredge.example",
            "public_metadata": {"invited_by": "bob@example.org"},
        },
        {"metadata": {"invitedBy": "bob@example.org"}, "role": "member"},
        {"metadata": {"inviter": "bob@example.org"}},
        {"to": ["b71e04c9a2d53f8e61c0aa"], "data": {"invitee": "bob@example.org"}},
    ],
)
def test_invitation_person_address_is_user_id(labeller: Labeller, body: Any) -> None:
    found = categories(labeller, "https://id.example.org/v1/invitations", body)
    assert {UID, EMAIL} <= found


@pytest.mark.parametrize(
    "body",
    [
        {"email_address": "ilse@dredge.example", "redirect_url": "https://app.example.org/"},
        {"email_address": "ilse@dredge.example", "settings": {"reply_to": "bob@example.org"}},
        {"data": {"invitees": ["bob@example.org", "ilse@dredge.example"]}},
        {"metadata": {"inviter_email": "bob@example.org"}},
    ],
)
def test_invited_address_and_reply_to_are_email_only(labeller: Labeller, body: Any) -> None:
    found = categories(labeller, "https://id.example.org/v1/invitations", body)
    assert EMAIL in found
    assert UID not in found
