"""Identities, posts and false positives by class (issue 15j, from the heldout12 dev set,
tests/label/corpus/heldout12.jsonl), each class with the cases it must not match:
- a fediverse handle (`@user@instance` in a post, the `user@instance` of an account search or
  an `acct`) is a user id, not an e-mail address;
- AT Protocol identities: a sign-in's `identifier` beside its `password`, an account's DID under
  `repo`/`did`; a service's DID (`…#bsky_chat`) names no person;
- numbers in a list of people's ids under a role (`assignee_ids: [10442871]`);
- a query parameter repeated with a `key:value` tag as each value (`extra=host:<e-mail>`);
- posts: a status update (`status` posted to `/statuses`) and a record typed as a post
  (`$type: app.bsky.feed.post`) are chat; the post's `langs` is a locale;
- the claims of a JWT: a subject naming a person is a user id wherever the token is, one naming
  the client (a client assertion, a machine-to-machine token) is part of the credential;
- an AI or speech model's name under `model` is no hardware; a connection configured in an
  account (`connection_id: <number>`) is no session."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from auditor.label import Labeller
from auditor.label.rules import flow_from_fixture

UID = "identifiers.user_id"
SID = "identifiers.session_id"
EMAIL = "contact_info.email"
CHAT = "customer_content.chat"
LOCALE = "device_info.locale"
HW = "device_info.hardware"
OS = "device_info.os"
MEETING = "meeting_metadata"
API = "https://api.example-social.test"
ADDRESS = "priya.raman@example-co.test"


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


def labels(
    labeller: Labeller,
    body: Any = None,
    url: str = f"{API}/v1/records",
    method: str = "POST",
    headers: list[list[str]] | None = None,
) -> dict[str, list[str]]:
    """Category → the `where` of its evidence."""
    if headers is None:
        headers = (
            [["Content-Type", "application/x-www-form-urlencoded"]]
            if isinstance(body, str)
            else [["Content-Type", "application/json"]]
        )
    fixture: dict[str, Any] = {
        "rule": "x",
        "url": url,
        "headers": headers,
        "method": method,
        "body": body,
    }
    result = labeller.label(flow_from_fixture(fixture))
    for lab in result.labels:
        assert lab.evidence, lab.category
    return {lab.category: [ev.where for ev in lab.evidence] for lab in result.labels}


# -- fediverse handles -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "url", "method"),
    [
        (  # a mention in a direct status
            "status=%40priya%40fosstodon.org+the+draft+is+in+your+inbox&visibility=direct",
            f"{API}/api/v1/statuses",
            "POST",
        ),
        (None, f"{API}/api/v1/accounts/search?q=priya%40fosstodon.org&limit=5", "GET"),
        (None, f"{API}/api/v1/accounts/lookup?acct=priya%40fosstodon.org", "GET"),
        ({"note": "cc @priya@fosstodon.org on the follow-up"}, f"{API}/v1/records", "POST"),
    ],
)
def test_a_fediverse_handle_is_a_user_id_not_an_email(
    labeller: Labeller, body: Any, url: str, method: str
) -> None:
    found = labels(labeller, body, url, method)
    assert UID in found
    assert EMAIL not in found


@pytest.mark.parametrize(
    ("body", "url", "method"),
    [
        ({"note": f"please write to {ADDRESS} about the deck"}, f"{API}/v1/records", "POST"),
        ({"email": ADDRESS}, f"{API}/v1/records", "POST"),
        # a user directory searched by address: an e-mail, not a handle
        (None, f"{API}/api/v4/users?search={ADDRESS}", "GET"),
        (None, f"{API}/api/v1/users/search?q={ADDRESS}", "GET"),
    ],
)
def test_an_ordinary_email_stays_an_email(
    labeller: Labeller, body: Any, url: str, method: str
) -> None:
    found = labels(labeller, body, url, method)
    assert EMAIL in found
    assert UID not in found


def test_a_mention_after_an_address_is_read_as_well(labeller: Labeller) -> None:
    found = labels(labeller, {"note": f"mail {ADDRESS} or ping @priya@fosstodon.org"})
    assert EMAIL in found and UID in found


# -- AT Protocol identities ------------------------------------------------------------------

XRPC = "https://pds.example-social.test/xrpc"
DID = "did:plc:ewvi7nxzyoun6zhxrhs64oiz"


@pytest.mark.parametrize(
    "body",
    [
        {"identifier": "alice-example.bsky.social", "password": "c0r1-2app-pass-w8rd"},
        {"identifier": ADDRESS, "password": "c0r1-2app-pass-w8rd"},  # an address: id and e-mail
        {"repo": DID, "collection": "app.bsky.feed.like", "record": {"createdAt": "2026-12-07"}},
        {"repo": "did:web:alice.example-social.test", "collection": "app.bsky.graph.block"},
        {"did": DID},
    ],
)
def test_an_at_protocol_account_is_a_user_id(labeller: Labeller, body: Any) -> None:
    assert UID in labels(labeller, body, f"{XRPC}/com.atproto.repo.createRecord")


@pytest.mark.parametrize(
    ("body", "headers"),
    [
        # the chat service a request is proxied to, by its DID and service fragment
        (
            {"convoId": "3kc0r12convo2x"},
            [["atproto-proxy", "did:web:api.bsky.chat#bsky_chat"]],
        ),
        ({"did": "did:web:api.bsky.chat#bsky_chat"}, None),
        ({"repo": "octo-org/meeting-notes", "ref": "main"}, None),  # a git repository
        ({"identifier": "com.example.meetings", "version": "5.17.2"}, None),  # no sign-in
    ],
)
def test_a_service_or_a_thing_is_no_user_id(
    labeller: Labeller, body: Any, headers: list[list[str]] | None
) -> None:
    assert UID not in labels(labeller, body, f"{XRPC}/chat.bsky.convo.getLog", headers=headers)


# -- numeric ids in a role's list ------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        {"title": "Wire the SSO", "assignee_ids": [10442871]},
        {"reviewer_ids": [10442871, 10442872]},
        {"user_ids": [10442871]},
        {"member_ids": [10442871]},
        {"assignee_id": 10442871},
    ],
)
def test_numbers_in_a_persons_role_id_list_are_user_ids(labeller: Labeller, body: Any) -> None:
    assert UID in labels(labeller, body)


@pytest.mark.parametrize(
    "body",
    [
        {"label_ids": [10442871]},
        {"project_ids": [10442871]},
        {"group_ids": [10442871]},
        {"members": 12, "followers": 5},  # counts
        {"assignee_ids": [True]},
    ],
)
def test_numbers_in_other_id_lists_are_no_user_ids(labeller: Labeller, body: Any) -> None:
    assert UID not in labels(labeller, body)


# -- repeated tag parameters -----------------------------------------------------------------

LISTEN = "https://api.speech.example.test/v1/listen"


def test_a_repeated_tag_parameter_is_read_as_tags(labeller: Labeller) -> None:
    found = labels(
        labeller,
        {"url": "https://files.example.test/a.wav"},
        f"{LISTEN}?extra=meeting_id%3A85512345678&extra=host%3A{ADDRESS}&diarize=true",
    )
    assert UID in found and EMAIL in found and MEETING in found
    assert "url › query › extra › tags › host" in found[UID]


@pytest.mark.parametrize(
    "query",
    [
        f"extra=host%3A{ADDRESS}",  # given once: a plain value
        "t=10:30&t=11:45",  # times
        "callback=https://hooks.example.test/a&callback=https://hooks.example.test/b",
        "host=db1:5432&host=db2:5432",  # host and port, no tag names
    ],
)
def test_a_repeated_parameter_without_tags_stays_plain(labeller: Labeller, query: str) -> None:
    found = labels(labeller, None, f"{LISTEN}?{query}", "GET")
    assert UID not in found and MEETING not in found


# -- posts as chat ---------------------------------------------------------------------------

POST = {
    "collection": "app.bsky.feed.post",
    "repo": DID,
    "record": {
        "$type": "app.bsky.feed.post",
        "text": "Great sync today, go-live is set for January.",
        "langs": ["en"],
        "createdAt": "2026-12-07T11:18:39.441078+00:00",
    },
}


@pytest.mark.parametrize(
    ("body", "url"),
    [
        ("status=Great+sync+today%2C+go-live+in+January&visibility=public", "/api/v1/statuses"),
        ("status=the+draft+is+in+your+inbox&visibility=direct", "/api/v1/statuses/"),
        ("status=Shipping+today&trim_user=1", "/1.1/statuses/update.json"),
        (POST, "/xrpc/com.atproto.repo.createRecord"),
    ],
)
def test_a_post_a_person_publishes_is_chat(labeller: Labeller, body: Any, url: str) -> None:
    assert CHAT in labels(labeller, body, f"{API}{url}")


def test_a_posts_text_is_the_chat_and_its_languages_a_locale(labeller: Labeller) -> None:
    found = labels(labeller, POST, f"{XRPC}/com.atproto.repo.createRecord")
    assert found[CHAT] == ["body › record › text"]
    assert found[LOCALE] == ["body › record › langs › 0"]


@pytest.mark.parametrize(
    ("body", "url"),
    [
        (  # a profile: its description is a bio, not a message
            {
                "collection": "app.bsky.actor.profile",
                "repo": DID,
                "record": {
                    "$type": "app.bsky.actor.profile",
                    "description": "Product lead, runner, coffee.",
                    "displayName": "Ana",
                },
            },
            "/xrpc/com.atproto.repo.putRecord",
        ),
        (  # a like of a post
            {
                "collection": "app.bsky.feed.like",
                "repo": DID,
                "record": {"$type": "app.bsky.feed.like", "createdAt": "2026-12-07T11:18:39Z"},
            },
            "/xrpc/com.atproto.repo.createRecord",
        ),
        ({"type": "post", "title": "Release notes", "text": "New in 5.17"}, "/v1/records"),
        ({"status": "shipped", "note": "left the warehouse"}, "/api/orders/5"),
        (  # a commit's status
            {"state": "success", "description": "Build passed on all runners"},
            "/repos/o/r/statuses/6dcb09b5b57875f334f61aebed695e2e4193db5e",
        ),
    ],
)
def test_a_profile_a_reaction_or_a_status_field_is_no_chat(
    labeller: Labeller, body: Any, url: str
) -> None:
    assert CHAT not in labels(labeller, body, f"{API}{url}")


# -- claims of a JWT -------------------------------------------------------------------------


def _b64url(obj: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(obj).encode()).rstrip(b"=").decode()


def jwt(claims: dict[str, Any]) -> str:
    return f"{_b64url({'alg': 'ES256K', 'typ': 'JWT'})}.{_b64url(claims)}.c2lnbmF0dXJl"


@pytest.mark.parametrize(
    "claims",
    [
        {"scope": "com.atproto.appPass", "sub": DID, "aud": "did:web:pds.example-social.test"},
        {"iss": "https://login.example.test/", "sub": "usr_3Hf8Wq20", "aud": "api"},
    ],
)
def test_a_bearer_tokens_subject_naming_a_person_is_a_user_id(
    labeller: Labeller, claims: dict[str, Any]
) -> None:
    found = labels(
        labeller, None, f"{API}/v1/me", "GET", [["Authorization", f"Bearer {jwt(claims)}"]]
    )
    assert UID in found and "credentials" in found


def test_an_assertions_subject_naming_a_person_is_a_user_id(labeller: Labeller) -> None:
    claims = {"aud": f"{API}/oauth/token", "sub": "63720c0r12", "iss": "C0rpus12ClientIdQw8"}
    body = (
        f"grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion={jwt(claims)}"
    )
    found = labels(labeller, body, f"{API}/restapi/oauth/token")
    assert UID in found and "credentials" in found


@pytest.mark.parametrize(
    "claims",
    [
        # a client assertion (RFC 7523 §3): the client is both issuer and subject
        {"iss": "client-8812", "sub": "client-8812", "aud": f"{API}/oauth/token"},
        # a machine-to-machine token names its client
        {"iss": "https://login.example.test/", "sub": "Qm9vdGhDbGllbnQ@clients", "aud": "api"},
        # a service account signs the assertion: its address is part of the credential
        {"iss": "sender@meetcorp.iam.example.test", "aud": f"{API}/token", "scope": "push"},
    ],
)
def test_a_tokens_claims_naming_its_client_are_part_of_the_credential(
    labeller: Labeller, claims: dict[str, Any]
) -> None:
    found = labels(
        labeller, None, f"{API}/v1/me", "GET", [["Authorization", f"Bearer {jwt(claims)}"]]
    )
    assert UID not in found and EMAIL not in found
    assert "credentials" in found


# -- false positives: model names, configured connections ------------------------------------


@pytest.mark.parametrize("model", ["nova-3", "nova-2-general", "whisper-1", "llama-3.1-8b"])
def test_an_ai_models_name_is_no_hardware(labeller: Labeller, model: str) -> None:
    headers = [["Content-Type", "application/json"], ["X-Fern-Platform", "linux/6.1.0-18-amd64"]]
    found = labels(
        labeller,
        {"url": "https://f.example.test/a.wav"},
        f"{LISTEN}?model={model}",
        headers=headers,
    )
    assert HW not in found
    assert OS in found  # the platform header names the OS and its kernel release


@pytest.mark.parametrize(
    ("body", "headers"),
    [
        ({"model": "Pixel 8", "os": "Android 14"}, None),
        ({"model": "SM-G991B"}, None),
        ({"device": {"model": "21HD003AGE"}}, None),
        ({"a": 1}, [["Content-Type", "application/json"], ["X-Stainless-Arch", "x64"]]),
    ],
)
def test_a_device_model_or_an_architecture_header_is_hardware(
    labeller: Labeller, body: Any, headers: list[list[str]] | None
) -> None:
    assert HW in labels(labeller, body, headers=headers)


def test_a_connection_configured_in_the_account_is_no_session(labeller: Labeller) -> None:
    body = {"connection_id": "1684641123236054244", "from": "+16505550142", "timeout_secs": 30}
    assert SID not in labels(labeller, body, f"{API}/v2/calls")


@pytest.mark.parametrize(
    ("body", "headers"),
    [
        ({"connectionId": "bd1d9a29-c19d-4d25-96c1-7e7ee15ec24c"}, None),
        (
            {"a": 1},
            [
                ["Content-Type", "application/json"],
                ["unleash-connection-id", "bd1d9a29-c19d-4d25-96c1-7e7ee15ec24c"],
            ],
        ),
    ],
)
def test_a_clients_own_connection_id_is_a_session_id(
    labeller: Labeller, body: Any, headers: list[list[str]] | None
) -> None:
    assert SID in labels(labeller, body, headers=headers)
