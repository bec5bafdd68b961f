"""A signing algorithm's name is no credential (issue 15av; heldout26, tests/label/corpus/): a
whole value naming how a request is signed (`HMAC-SHA256` in an `x-…-auth-method` header,
`AWS4-HMAC-SHA256`, `RSA-SHA256`, `HMAC-SHA1`, a JWS `alg`) under a credential-like header or key
is not a secret, so it is neither labelled nor redacted as one; a key, a token, a signature or a
scheme followed by its secret under the same names still is."""

from __future__ import annotations

from typing import Any

import pytest

from auditor.label import Labeller
from auditor.label.rules import flow_from_fixture
from auditor.vocabulary import v_cred

CRED = "credentials"


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


def categories(labeller: Labeller, headers: list[tuple[str, str]], url: str) -> set[str]:
    fixture: dict[str, Any] = {
        "rule": "x",
        "url": url,
        "method": "POST",
        "body": None,
        "headers": headers,
    }
    result = labeller.label(flow_from_fixture(fixture))
    for lab in result.labels:
        assert lab.evidence, lab.category
    return set(result.categories())


@pytest.mark.parametrize(
    "value",
    [
        "HMAC-SHA256",
        "HMAC-SHA1",
        "hmac-sha512",
        "RSA-SHA256",
        "AWS4-HMAC-SHA256",
        "HS256",
        "SHA256",
    ],
)
def test_an_algorithm_name_is_no_credential_value(labeller: Labeller, value: str) -> None:
    assert not v_cred(value)
    headers = [("x-ts-auth-method", value), ("Content-Type", "application/json")]
    assert CRED not in categories(labeller, headers, "https://api.example.org/v1/status/1")


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("x-ts-auth-method", "HMAC-SHA256 1w7/WEIeXu2nbNepuPzFRn2b/mAGVKQLU6oTxmBWXuk="),
        ("x-auth-token", "HMAC-SHA256-9f2c4e7a1b3d5f60"),
        ("Authorization", "TSA H26C0DE4-7A1B:1w7/WEIeXu2nbNepuPzFRn2b/mAGVKQLU6oTxmBWXuk="),
        ("x-api-key", "sk_live_51HMACSHA256xyz"),
        ("x-auth-token", "s3cr3t-hmac"),
    ],
)
def test_a_secret_beside_or_after_an_algorithm_name_still_is_one(
    labeller: Labeller, name: str, value: str
) -> None:
    assert v_cred(value)
    headers = [(name, value), ("Content-Type", "application/json")]
    assert CRED in categories(labeller, headers, "https://api.example.org/v1/status/1")


# --- a per-request transaction id header ---------------------------------------------------------

SID = "identifiers.session_id"
_PER_REQUEST = "78d1c0a4-5b2e-4f63-9a17-3c8e2b6d40f9"


@pytest.mark.parametrize("name", ["X-Transaction-ID", "X-Client-Transaction-Id", "X-Request-ID"])
def test_a_per_request_transaction_id_header_is_no_session_id(
    labeller: Labeller, name: str
) -> None:
    headers = [(name, _PER_REQUEST), ("Content-Type", "application/json")]
    assert SID not in categories(labeller, headers, "https://api.example.org/customers")


@pytest.mark.parametrize("name", ["X-Session-ID", "X-Correlation-ID", "X-Trace-ID"])
def test_a_session_or_correlation_header_still_is_one(labeller: Labeller, name: str) -> None:
    headers = [(name, _PER_REQUEST), ("Content-Type", "application/json")]
    assert SID in categories(labeller, headers, "https://api.example.org/customers")


def test_a_body_transaction_id_of_a_trace_still_is_a_session_id(labeller: Labeller) -> None:
    fixture: dict[str, Any] = {
        "rule": "x",
        "url": "https://apm.example.org/intake/v2/events",
        "method": "POST",
        "body": {"error": {"transaction_id": "945254c567a5417e", "culprit": "handler"}},
        "headers": [("Content-Type", "application/json")],
    }
    assert SID in set(Labeller().label(flow_from_fixture(fixture)).categories())


# --- a number in a phone-lookup path, its `+` left out ----------------------------------------

PHONE = "contact_info.phone"


@pytest.mark.parametrize(
    "url",
    [
        "https://rest-api.example.org/v1/phoneid/48601238904",
        "https://api.example.org/v2/msisdn/447700900312",
        "https://api.example.org/callerid/14155552671",
    ],
)
def test_bare_international_digits_after_a_phone_lookup_word_are_a_phone(
    labeller: Labeller, url: str
) -> None:
    assert PHONE in categories(labeller, [], url)


@pytest.mark.parametrize(
    "url",
    [
        "https://api.example.org/v1/numbers/48601238904",
        "https://api.example.org/v1/lookup/48601238904",
        "https://api.example.org/v1/number_lookup/447700900312",
        "https://api.example.org/v1/phone_numbers/48601238904",
        "https://api.example.org/v1/orders/48601238904",
        "https://rest-api.example.org/v1/phoneid/12345",
        "https://rest-api.example.org/v1/phoneid/1733596280000",
        "https://rest-api.example.org/v1/phoneid/00000000000",
    ],
)
def test_bare_digits_elsewhere_or_no_valid_number_are_no_phone(
    labeller: Labeller, url: str
) -> None:
    assert PHONE not in categories(labeller, [], url)


# --- a voice call's or an SMS's text to a bare-digit phone_number ----------------------------

CHAT = "customer_content.chat"
FORM = [("Content-Type", "application/x-www-form-urlencoded")]
_SPOKEN = (
    "Hello Tomasz Wieczorek. Alice Example is waiting for you in the meeting Quarterly "
    "roadmap review. Press 1 to be connected."
)


def body_categories(labeller: Labeller, url: str, body: dict[str, str]) -> set[str]:
    fixture: dict[str, Any] = {
        "rule": "x",
        "url": url,
        "method": "POST",
        "body": body,
        "headers": FORM,
    }
    return set(labeller.label(flow_from_fixture(fixture)).categories())


@pytest.mark.parametrize(
    "url", ["https://rest-api.example.org/v1/voice", "https://api.example.org/v1/messaging"]
)
def test_a_message_to_a_bare_phone_number_on_a_voice_or_messaging_path_is_no_chat(
    labeller: Labeller, url: str
) -> None:
    body = {"phone_number": "48601238904", "message": _SPOKEN, "message_type": "ARN"}
    got = body_categories(labeller, url, body)
    assert CHAT not in got
    assert PHONE in got


@pytest.mark.parametrize(
    ("url", "number"),
    [
        # not a messaging or call path: the person's note beside her own number
        ("https://api.example.org/v1/profile", "48601238904"),
        # no valid number in international digits
        ("https://rest-api.example.org/v1/voice", "1234567"),
    ],
)
def test_a_personal_message_beside_other_numbers_still_is_chat(
    labeller: Labeller, url: str, number: str
) -> None:
    body = {"phone_number": number, "message": _SPOKEN}
    assert CHAT in body_categories(labeller, url, body)


# --- a customer update on a tracking API's profile collection -----------------------------------

USAGE = "service_generated.product_usage"
_PROFILE = {"customer_ids": {"registered": "u-40917"}, "properties": {"plan": "business"}}


def json_categories(labeller: Labeller, url: str, body: dict[str, Any]) -> set[str]:
    fixture: dict[str, Any] = {
        "rule": "x",
        "url": url,
        "method": "POST",
        "body": body,
        "headers": [("Content-Type", "application/json")],
    }
    return set(labeller.label(flow_from_fixture(fixture)).categories())


@pytest.mark.parametrize(
    "url",
    [
        "https://cdp.example.org/track/v2/projects/p-7b1c/customers",
        "https://cdp.example.org/v1/track/profiles",
        "https://cdp.example.org/collect/people/",
    ],
)
def test_a_profile_update_on_a_tracking_path_is_no_product_usage(
    labeller: Labeller, url: str
) -> None:
    assert USAGE not in json_categories(labeller, url, _PROFILE)


@pytest.mark.parametrize(
    ("url", "body"),
    [
        (
            "https://cdp.example.org/track/v2/projects/p-7b1c/customers/events",
            {**_PROFILE, "event_type": "meeting_hosted"},
        ),
        ("https://cdp.example.org/track/v2/projects/p-7b1c/batch", _PROFILE),
        ("https://cdp.example.org/v1/track", {"event": "meeting_hosted", "userId": "u-40917"}),
    ],
)
def test_events_on_tracking_paths_still_are_product_usage(
    labeller: Labeller, url: str, body: dict[str, Any]
) -> None:
    assert USAGE in json_categories(labeller, url, body)


# --- a link's own external id ------------------------------------------------------------------

UID = "identifiers.user_id"


@pytest.mark.parametrize(
    "body",
    [
        {"url": "https://example.org/pricing", "externalId": "campaign-2026-q4", "title": "Q4"},
        {"destinationUrl": "https://example.org/docs", "external_id": "doc-link-40917"},
    ],
)
def test_a_link_records_own_external_id_is_no_user_id(
    labeller: Labeller, body: dict[str, Any]
) -> None:
    assert UID not in json_categories(labeller, "https://api.example.org/links", body)


@pytest.mark.parametrize(
    "body",
    [
        # a person's record with a profile url: her external id is her account's
        {"url": "https://example.org/u/t", "externalId": "usr_40917", "email": "t@example.org"},
        {"externalId": "usr_40917", "plan": "business"},
    ],
)
def test_a_persons_external_id_still_is_a_user_id(labeller: Labeller, body: dict[str, Any]) -> None:
    assert UID in json_categories(labeller, "https://api.example.org/customers", body)


# --- a conversion's customer and the ad click it is attributed to -----------------------------

AID = "identifiers.advertising_id"


@pytest.mark.parametrize(
    ("body", "category"),
    [
        ({"clickId": "cLk7h26QwErTy9", "eventName": "Signed up"}, AID),
        ({"gclid": "EAIaIQobChMI8p2x", "conversion": "lead"}, AID),
        ({"customerExternalId": "usr_tw_40917", "eventName": "Signed up"}, UID),
        ({"external_customer_id": "cus-40917", "amount": 14400}, UID),
    ],
)
def test_a_conversions_click_and_customer_ids(
    labeller: Labeller, body: dict[str, Any], category: str
) -> None:
    assert category in json_categories(labeller, "https://api.example.org/track/lead", body)


@pytest.mark.parametrize(
    ("body", "category"),
    [
        ({"clickCount": 12, "clickUrl": "https://example.org/p", "eventName": "x"}, AID),
        ({"clickId": None, "eventName": "Signed up"}, AID),
        ({"customerExternalId": None, "customerName": None, "eventName": "x"}, UID),
    ],
)
def test_click_counts_urls_and_empty_ids_are_no_ids(
    labeller: Labeller, body: dict[str, Any], category: str
) -> None:
    assert category not in json_categories(labeller, "https://api.example.org/track/sale", body)
