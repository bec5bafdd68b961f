"""A recipient's number written in international digits without its `+` (`destination`, `to`)
in an object whose own keys name an SMS (`sms_body`, `smsText`), on a command API whose URL
names no messaging (`/platform_api` with `cmd=SendSmsMessage`; issue 15bq, heldout38): the
recipient's phone. Must not: the same digits beside no SMS key (an order's `destination`, a
report's `to`), a number that is no valid international number, or a date."""

from __future__ import annotations

import pytest

from auditor.label import Labeller
from tests.label.fixture_labels import categories

PHONE = "contact_info.phone"
URL = "https://api.cpaas-example.com/platform_api"


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


@pytest.mark.parametrize(
    "body",
    [
        {"cmd": "SendSmsMessage", "source": "15125550148", "destination": "4741556203",
         "sms_body": "Recording is ready"},
        {"cmd": "send", "to": "447911123456", "smsText": "Your meeting starts soon"},
        {"message": {"destination": "4915112345678", "sms_text": "See you at 10"}},
    ],
)  # fmt: skip
def test_a_recipient_in_digits_beside_an_sms_key_is_a_phone(
    labeller: Labeller, body: dict[str, object]
) -> None:
    assert PHONE in categories(labeller, URL, body, headers=[("Content-Type", "application/json")])


@pytest.mark.parametrize(
    "body",
    [
        # digits as a recipient with no SMS key in the object
        {"cmd": "ShipOrder", "destination": "4741556203", "note": "Ring the bell"},
        {"report": "usage", "to": "20261207", "sms_count": 4, "other": {"to": "4741556203"}},
        # an SMS key, but no valid international number (too short; a date)
        {"destination": "12345", "sms_body": "Hi"},
        {"to": "2026-12-07", "sms_body": "Hi"},
    ],
)  # fmt: skip
def test_no_phone_without_an_sms_key_or_a_valid_number(
    labeller: Labeller, body: dict[str, object]
) -> None:
    assert PHONE not in categories(
        labeller, URL, body, headers=[("Content-Type", "application/json")]
    )
