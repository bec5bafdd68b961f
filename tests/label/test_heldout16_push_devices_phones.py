"""Shapes of data from the heldout16 dev set (issue 15w, tests/label/corpus/heldout16.jsonl), by
class, each with the cases it must not match: a push service's persistent device id
(`device_iden`, `target_device_iden`, `source_device_iden`) is a device id, a bare `iden` is
not; a phone given as an object of its parts (`{countryCode, number}` under a phone key) is a
phone and its dialling code no country; a device's own record (`model` and `manufacturer`) names
the device by its `nickname`, not a user."""

from __future__ import annotations

from typing import Any

import pytest

from auditor.label import Labeller
from auditor.label.rules import flow_from_fixture

DID = "identifiers.device_id"
UID = "identifiers.user_id"
PHONE = "contact_info.phone"
COARSE = "location.coarse"
HW = "device_info.hardware"
API = "https://api.example.test/v2/items"


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


def categories(labeller: Labeller, body: Any) -> set[str]:
    fixture: dict[str, Any] = {"rule": "x", "url": API, "headers": [], "body": body}
    result = labeller.label(flow_from_fixture(fixture))
    for lab in result.labels:
        assert lab.evidence, lab.category
    return set(result.categories())


@pytest.mark.parametrize("key", ["device_iden", "target_device_iden", "source_device_iden"])
def test_a_push_services_device_iden_is_a_device_id(labeller: Labeller, key: str) -> None:
    body = {"type": "note", key: "ujz9c0r14sjAiVsKnSTs"}
    assert DID in categories(labeller, body)


def test_the_iden_of_a_push_or_a_chat_is_no_device_id(labeller: Labeller) -> None:
    assert DID not in categories(labeller, {"iden": "ujz9c0r14sjAiVsKnSTs", "type": "note"})
    assert DID not in categories(labeller, {"chat": {"iden": "ujz9c0r14sjAiVsKnSTs"}})


@pytest.mark.parametrize("key", ["phoneNumber", "mobileNumber", "phone"])
def test_a_phone_object_of_country_code_and_number_is_a_phone(labeller: Labeller, key: str) -> None:
    body = {"signers": {"name": "Signer", key: {"countryCode": "+234", "number": "803 555 0147"}}}
    got = categories(labeller, body)
    assert PHONE in got
    assert COARSE not in got


def test_an_addresss_country_code_and_house_number_is_no_phone(labeller: Labeller) -> None:
    body = {"address": {"countryCode": "NG", "number": "14", "street": "Marina Road"}}
    got = categories(labeller, body)
    assert PHONE not in got
    assert COARSE in got


def test_a_device_records_nickname_names_the_device_not_a_user(labeller: Labeller) -> None:
    body = {"nickname": "Meeting room Apapa-2", "model": "Studio X50", "manufacturer": "Poly"}
    got = categories(labeller, body)
    assert UID not in got
    assert HW in got


def test_a_nickname_beside_no_device_record_is_still_a_user_id(labeller: Labeller) -> None:
    assert UID in categories(labeller, {"nickname": "fola_a", "model": "Studio X50"})
    assert UID in categories(
        labeller, {"profile": {"nickname": "fola_a"}, "model": "X50", "manufacturer": "Poly"}
    )


CHAT = "customer_content.chat"
TEXT = "Folasade, we are 5 minutes late for our review. Sorry! Alice"


def test_an_sms_sent_through_the_users_phone_is_chat(labeller: Labeller) -> None:
    body = {
        "data": {
            "target_device_iden": "ujz9c0r14sj",
            "addresses": ["+234 803 555 0147"],
            "message": TEXT,
        }
    }
    assert CHAT in categories(labeller, body)


def test_a_backends_sms_or_push_notification_is_no_chat(labeller: Labeller) -> None:
    # an SMS a backend sends to a phone number, naming no device of the user's
    assert CHAT not in categories(labeller, {"to": "+234 803 555 0147", "message": TEXT})
    # a push notification (its `sound`) to a device: a notification, even with a device id
    push = {
        "target_device_iden": "ujz9c0r14sj",
        "title": "Reminder",
        "message": TEXT,
        "sound": "pushover",
    }
    assert CHAT not in categories(labeller, push)


LOCALE = "device_info.locale"


def test_a_created_resources_own_language_setting_is_no_locale(labeller: Labeller) -> None:
    form = {"title": "How was the review?", "fields": [], "settings": {"language": "en"}}
    assert LOCALE not in categories(labeller, form)


def test_a_users_language_setting_is_a_locale(labeller: Labeller) -> None:
    assert LOCALE in categories(labeller, {"settings": {"language": "en"}})
    assert LOCALE in categories(labeller, {"user": {"settings": {"language": "en"}}})
    assert LOCALE in categories(labeller, {"title": "Review", "language": "en"})
