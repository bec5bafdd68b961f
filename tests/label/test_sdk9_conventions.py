"""Conventions the sdk9 dev set (tests/label/corpus/sdk9.jsonl) showed the labeller missing, by
class, with the cases each must not match (issue 15): secrets in bot and webhook URL paths, a
webhook's message text, phone numbers by recipient context, id keys, consent flags for a channel
of contact, and metric series named for a quality measure."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

from auditor.label import Labeller
from auditor.label.rules import flow_from_fixture
from auditor.vocabulary import path_secret, quality_metric_name, webhook_url

CRED = "credentials"
CHAT = "customer_content.chat"
UID = "identifiers.user_id"
PHONE = "contact_info.phone"
EMAIL = "contact_info.email"
CONSENT = "consent_signal"
PERF = "service_generated.performance"


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


def categories(labeller: Labeller, url: str, body: Any = None) -> set[str]:
    fixture: dict[str, Any] = {"rule": "x", "url": url, "headers": []}
    if body is not None:
        fixture["body"] = body
    result = labeller.label(flow_from_fixture(fixture))
    for lab in result.labels:
        assert lab.evidence, lab.category
    return set(result.categories())


def webhook_secret(url: str) -> bool:
    """Whether the URL's last path segment is read as its webhook's secret."""
    parts = urlsplit(url)
    segments = parts.path.split("/")
    return webhook_url(parts.hostname or "", segments) and path_secret(
        segments[-2], segments[-1], webhook_token=True
    )


@pytest.mark.parametrize(
    "segment",
    [
        "bot7123456789:AAHk3v9QxW2mZ7pL0sT4uYbN8cR1eD6fGqJ",
        "5123456789:AAEw9Lr2Tq8Zp4Xc7Vb1Nm3Kd6Hs0Jf5Gy2",
    ],
)
def test_a_bot_token_in_a_path_is_a_key(segment: str) -> None:
    assert path_secret("", segment)


@pytest.mark.parametrize(
    "segment",
    [
        "85512345678:join",  # a custom method after an id
        "12345:batchGet",
        "bot7123456789",
        "7123456789:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",  # no mix of classes: not random
        "2026-12-07T08:42:29:000000000000000000000000000000",
    ],
)
def test_ids_and_methods_with_a_colon_are_not_keys(segment: str) -> None:
    assert not path_secret("", segment)


@pytest.mark.parametrize(
    "url",
    [
        "https://hooks.chat.example/services/T0A1B2C3D/B0E4F5G6H/q8Rk2vLw9XzT4mNp7YsB3cFd",
        "https://chat.example/api/webhooks/112233445566778899/a1B2c3D4e5F6g7H8i9J0kLmNoPqRsTuV",
        "https://ops.example/hooks/catch/123456/f9kQ2xLm8Rt4Vz7W",
    ],
)
def test_the_last_segment_of_an_incoming_webhook_is_its_secret(url: str) -> None:
    assert webhook_secret(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://api.example.io/api/v1/users/12345/orders/abc123def456ghi789",
        "https://api.example.io/v1/meetings/0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9/participants",
        "https://api.example.io/v1/webhooks/wh_9f8e7d6c5b4a3f2e1d0c",  # one to manage
        "https://api.example.io/v1/webhooks/123/deliveries/abc123def456ghi789jkl",
        "https://api.github.example/repos/o/r/hooks/123456789",
        "https://hooks.example/services/T0A1B2C3D/B0E4F5G6H/settings",
    ],
)
def test_rest_ids_and_webhook_management_paths_are_not_secrets(url: str) -> None:
    assert not webhook_secret(url)


def test_webhook_and_bot_urls_are_credentials_and_their_text_chat(labeller: Labeller) -> None:
    hook = "https://hooks.chat.example/services/T0A1B2C3D/B0E4F5G6H/q8Rk2vLw9XzT4mNp7YsB3cFd"
    got = categories(labeller, hook, {"text": "Recording of the budget sync is ready"})
    assert {CRED, CHAT} <= got
    # the same body to an ordinary API is not chat, and no path segment is a secret
    assert categories(labeller, "https://api.example.io/v1/notes", {"text": "Budget"}) == {"other"}
    bot = "https://bots.example/bot7123456789:AAHk3v9QxW2mZ7pL0sT4uYbN8cR1eD6fGqJ/sendLocation"
    assert CRED in categories(labeller, bot, "chat_id=412345678&latitude=47.37&longitude=8.54")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("chat_id=412345678&text=hello", True),  # a private chat: the user's id
        ("chat_id=-1001234567890&text=hello", False),  # a group or channel
        ("chat_id=%40meetcorp_channel&text=hello", False),  # a channel's @name
    ],
)
def test_a_private_chat_id_names_the_user(labeller: Labeller, body: str, expected: bool) -> None:
    got = categories(labeller, "https://bots.example/v1/sendMessage", body)
    assert (UID in got) is expected


@pytest.mark.parametrize(
    ("url", "body", "expected"),
    [
        ("https://api.mail.example/v3/transactionalSMS/sms", {"recipient": "41791234567"}, True),
        ("https://api.sms.example/v1/send", {"to": "41791234567"}, False),  # `sms` in the host only
        ("https://api.example.io/v1/notify", {"recipient": "41791234567"}, False),  # an id
        ("https://api.example.io/v1/notify", {"to": "+41 79 123 45 67"}, True),
        ("https://api.example.io/v1/contacts", {"attributes": {"SMS": "+41791234567"}}, True),
        ("https://api.example.io/v1/contacts", {"attributes": {"SMS": True}}, False),
        ("https://api.example.io/v1/sms/send", {"recipient_id": 41791234567}, False),
        ("https://api.example.io/v1/sms/send", {"to": "12"}, False),
        ("https://api.example.io/v1/sms/send", {"to": "2026-12-07"}, False),  # a date
        ("https://api.example.io/v1/sms/send", {"to": 41791234567}, True),
    ],
)
def test_phone_numbers_by_recipient_context(
    labeller: Labeller, url: str, body: Any, expected: bool
) -> None:
    assert (PHONE in categories(labeller, url, body)) is expected


def test_external_ids_are_user_ids(labeller: Labeller) -> None:
    url = "https://api.example.io/v3/contacts"
    assert UID in categories(labeller, url, {"ext_id": "usr_3Hf8Wq20"})
    assert UID not in categories(labeller, url, {"ext_id": True})


@pytest.mark.parametrize(
    ("body", "consent", "email"),
    [
        ({"profile": {"MSG-email": True}}, True, False),
        ({"email_opt_in": False}, True, False),
        ({"smsSubscribed": "true"}, True, False),
        ({"dnd_phone": 1}, True, False),
        ({"email": True}, False, False),  # a setting, not an address
        ({"marketing_email": "alice@example.com"}, False, True),  # an address, not a flag
        ({"email_opt_in": "alice@example.com"}, False, True),
    ],
)
def test_channel_permission_flags_are_consent(
    labeller: Labeller, body: Any, consent: bool, email: bool
) -> None:
    got = categories(labeller, "https://api.example.io/v1/profile", body)
    assert (CONSENT in got) is consent
    assert (EMAIL in got) is email


def test_permission_to_use_the_ip_is_consent(labeller: Labeller) -> None:
    assert CONSENT in categories(labeller, "https://c.example/a?useIP=false&t=96")
    assert CONSENT not in categories(labeller, "https://c.example/a?ip=false&t=96")


@pytest.mark.parametrize(
    "name", ["meeting.rtt_ms", "jitter_ms", "meeting.packets_lost", "webrtc/jitter", "rtt"]
)
def test_metric_series_named_for_a_quality_measure(name: str) -> None:
    assert quality_metric_name(name)


@pytest.mark.parametrize(
    "name",
    ["meeting.topic", "rtt is high today", "https://x.example/rtt", "meeting.rtt_ms.", "jitters"],
)
def test_other_names_are_not_quality_metrics(name: str) -> None:
    assert not quality_metric_name(name)


def test_a_metric_point_named_for_a_quality_measure_is_performance(labeller: Labeller) -> None:
    url = "https://ingest.example.io/v2/datapoint"
    assert PERF in categories(labeller, url, {"metric": "meeting.jitter_ms", "value": 23})
    assert PERF not in categories(labeller, url, {"metric": "meeting.joined", "value": 1})
