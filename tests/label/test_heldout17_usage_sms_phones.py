"""Shapes of data from the heldout17 dev set (issue 15aa, tests/label/corpus/heldout17.jsonl), by
class, each with the cases it must not match: an in-app survey's display and response, the
user's question to an assistant as a text chat turn, and a track call wrapped in a batch item's
`body` are product usage; an SMS a cloud phone sends on behalf of the user (`user_id` beside the
numbers it goes to) is chat, a backend's SMS in a list of messages with their destinations is
not; a recipient's phone number in international digits without its `+` is a phone in a
messaging or one-time-PIN request; a device class in a user agent object is no hardware."""

from __future__ import annotations

from typing import Any

import pytest

from auditor.label import Labeller
from auditor.label.rules import flow_from_fixture

USAGE = "service_generated.product_usage"
PERF = "service_generated.performance"
SESSION = "identifiers.session_id"
CHAT = "customer_content.chat"
PHONE = "contact_info.phone"
HW = "device_info.hardware"
OS = "device_info.os"


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


def categories(labeller: Labeller, url: str, body: Any, method: str = "POST") -> set[str]:
    fixture: dict[str, Any] = {
        "rule": "x",
        "url": url,
        "method": method,
        "headers": [],
        "body": body,
    }
    result = labeller.label(flow_from_fixture(fixture))
    for lab in result.labels:
        assert lab.evidence, lab.category
    return set(result.categories())


SURVEY_API = "https://surveys.example.test/api/v1/client/env_4kd9"


def test_a_survey_shown_to_the_user_is_product_usage(labeller: Labeller) -> None:
    got = categories(labeller, f"{SURVEY_API}/displays", {"surveyId": "srv_1", "userId": "u-7"})
    assert USAGE in got


def test_a_display_without_a_survey_is_no_impression(labeller: Labeller) -> None:
    body = {"name": "Meeting room screen", "resolution": "1920x1080"}
    assert USAGE not in categories(labeller, "https://api.example.test/v1/displays", body)


def test_a_survey_response_and_its_completion_are_product_usage_not_chat(
    labeller: Labeller,
) -> None:
    rating = {"surveyId": "srv_1", "finished": False, "data": {"q": 4}, "ttc": {"q": 3120}}
    got = categories(labeller, f"{SURVEY_API}/responses", rating)
    assert USAGE in got
    assert PERF not in got  # the user's answering time is no timing of the software
    answer = {
        "finished": True,
        "data": {"what_went_wrong": "The audio dropped twice while I presented the slides."},
    }
    got = categories(labeller, f"{SURVEY_API}/responses/rsp_2ty7", answer, "PUT")
    assert USAGE in got
    assert CHAT not in got


def test_a_canned_response_created_by_a_rest_call_is_no_product_usage(labeller: Labeller) -> None:
    body = {"data": {"title": "Greeting", "content": "Hi, thanks for reaching out to us."}}
    assert USAGE not in categories(labeller, "https://helpdesk.example.test/api/v2/responses", body)


def test_a_question_to_an_assistant_is_product_usage_its_session_a_session_id(
    labeller: Labeller,
) -> None:
    body = {
        "assistantId": "asst-notes",
        "sessionId": "sess-4f1c9a",
        "input": "Which supplier promised the delivery by Friday?",
    }
    got = categories(labeller, "https://assistant.example.test/chat", body)
    assert {USAGE, SESSION} <= got
    assert CHAT not in got


def test_an_object_created_with_an_input_that_is_no_question_is_no_product_usage(
    labeller: Labeller,
) -> None:
    job = {"input": "s3://bucket/rec-7.mp4", "session_id": "job-7", "preset": "720p"}
    assert USAGE not in categories(labeller, "https://media.example.test/v1/jobs", job)
    message = {"conversation_id": "c1", "text": "see you at 3, the deck is ready"}
    assert USAGE not in categories(labeller, "https://chat.example.test/api/v1/send", message)


def test_a_track_call_in_a_batch_items_body_is_product_usage(labeller: Labeller) -> None:
    body = {
        "events": [
            {"type": "identify", "body": {"keys": {"user_id": "u_1"}}},
            {"type": "track", "body": {"event": "meeting-hosted", "quantity": 1}},
        ]
    }
    assert USAGE in categories(labeller, "https://c.flags.example.test/batch", body)


def test_an_identify_alone_in_a_batch_items_body_is_no_product_usage(labeller: Labeller) -> None:
    body = {"events": [{"type": "identify", "body": {"keys": {"user_id": "u_1"}, "name": "x"}}]}
    assert USAGE not in categories(labeller, "https://c.flags.example.test/batch", body)


SMS_API = "https://phone.example.test/api/v2/sms"
USERS_TEXT = "Folasade, we started without you. Dial in when you can. Alice"
REMINDER = "Meeting 85512345678 starts at 14:00."


def test_an_sms_sent_on_behalf_of_the_user_from_her_line_is_chat(labeller: Labeller) -> None:
    body = {"user_id": 5829301746, "to_numbers": ["+2348035550147"], "text": USERS_TEXT}
    got = categories(labeller, SMS_API, body)
    assert CHAT in got
    assert PHONE in got


def test_a_backends_sms_is_no_chat(labeller: Labeller) -> None:
    # a brand's sender id, a list of messages with their destinations
    batch = {
        "messages": [
            {"destinations": [{"to": "2348035550147"}], "from": "AcmeMeet", "text": REMINDER}
        ]
    }
    got = categories(labeller, "https://api.example.test/sms/2/text/advanced", batch)
    assert CHAT not in got
    assert PHONE in got
    # an SMS to the user (her id, no number it goes to) is a notification to her
    assert CHAT not in categories(labeller, SMS_API, {"user_id": 5829301746, "text": REMINDER})
    # an API account's name is no user sending
    account = {"username": "acmemeet", "to_numbers": ["+2348035550147"], "text": USERS_TEXT}
    assert CHAT not in categories(labeller, SMS_API, account)


@pytest.mark.parametrize(
    "url",
    ["https://api.example.test/2fa/2/pin", "https://api.example.test/v1/verify"],
)
def test_a_pins_recipient_in_international_digits_is_a_phone(labeller: Labeller, url: str) -> None:
    body = {"applicationId": "0933F3BC", "from": "AcmeMeet", "to": "77015550183"}
    assert PHONE in categories(labeller, url, body)


def test_digits_that_are_no_phone_or_no_recipient_are_no_phone(labeller: Labeller) -> None:
    pin = "https://api.example.test/2fa/2/pin"
    # a time range's bounds (no valid number), a long id under an id key
    assert PHONE not in categories(labeller, pin, {"from": "1700000000", "to": "1700086400"})
    assert PHONE not in categories(labeller, pin, {"messageId": "77015550183", "to": "AcmeMeet"})
    # a valid-looking number as a `to` of a request that sends no message
    assert PHONE not in categories(
        labeller, "https://api.example.test/v1/transfers", {"to": "77015550183", "amount": 5}
    )


def test_a_device_class_in_a_user_agent_object_is_no_hardware(labeller: Labeller) -> None:
    body = {"meta": {"userAgent": {"browser": "Chrome", "os": "macOS", "device": "desktop"}}}
    got = categories(labeller, "https://api.example.test/v1/items", body)
    assert OS in got
    assert HW not in got


def test_a_device_named_in_a_user_agent_object_is_hardware(labeller: Labeller) -> None:
    body = {"userAgent": {"browser": "Safari", "os": "iOS", "device": "iPhone"}}
    assert HW in categories(labeller, "https://api.example.test/v1/items", body)
    # a device class outside a user agent keeps its reading (taxonomy's device type)
    assert HW in categories(labeller, "https://api.example.test/v1/items", {"device": "desktop"})
