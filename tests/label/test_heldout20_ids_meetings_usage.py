"""Shapes of data from the heldout20 dev set (issue 15ai, tests/label/corpus/heldout20.jsonl), by
class, each with the cases it must not match: an e-mail as the client's id of its end user
(`customer_user_id`) is a user id and an e-mail; an account's e-mail in a role's object
(`assignees: [{workspace_member_email_address}]`) names the assigned person's account, a bare
`email` there only describes her; a meeting's opaque
uuid alone (`meeting_uuid=<uuid>`) is no meeting metadata, a meeting number or topic is; a
metered usage record (a quantity used at a date) is product usage, a read of usages is not."""

from __future__ import annotations

from typing import Any

import pytest

from auditor.label import Labeller
from auditor.label.rules import flow_from_fixture

UID = "identifiers.user_id"
EMAIL = "contact_info.email"
MEETING = "meeting_metadata"
USAGE = "service_generated.product_usage"
ADDRESS = "alice.example@example.com"
MEETING_UUID = "3c9e1f7a-4b2d-4e8a-9f60-a20d5b7c1e34"
FORM = [["Content-Type", "application/x-www-form-urlencoded"]]


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


def categories(
    labeller: Labeller,
    url: str,
    body: Any = None,
    method: str = "POST",
    headers: list[list[str]] | None = None,
) -> set[str]:
    fixture: dict[str, Any] = {
        "rule": "x",
        "url": url,
        "method": method,
        "headers": headers or [],
        "body": body,
    }
    result = labeller.label(flow_from_fixture(fixture))
    for lab in result.labels:
        assert lab.evidence, lab.category
    return set(result.categories())


INFERENCE_LOG = "https://llm-logs.example.test/api/v1/log/inference"


@pytest.mark.parametrize("key", ["customer_user_id", "end_user_id"])
def test_an_email_as_the_end_users_id_is_a_user_id_and_an_email(
    labeller: Labeller, key: str
) -> None:
    got = categories(labeller, INFERENCE_LOG, {"prompt_slug": "summary", key: ADDRESS})
    assert UID in got and EMAIL in got


def test_an_opaque_end_user_id_stays_a_user_id(labeller: Labeller) -> None:
    got = categories(
        labeller, INFERENCE_LOG, {"prompt_slug": "summary", "customer_user_id": "u-8812"}
    )
    assert UID in got and EMAIL not in got


def test_a_customers_id_beside_it_is_no_user_id(labeller: Labeller) -> None:
    got = categories(
        labeller, INFERENCE_LOG, {"prompt_slug": "summary", "customer_id": "ws_acme_0142"}
    )
    assert UID not in got


TASKS = "https://crm.example.test/v2/tasks"


@pytest.mark.parametrize("key", ["workspace_member_email_address", "member_email", "account_email"])
def test_an_assignees_email_in_a_role_object_is_a_user_id(labeller: Labeller, key: str) -> None:
    body = {"data": {"content": "Send the county the data", "assignees": [{key: ADDRESS}]}}
    got = categories(labeller, TASKS, body)
    assert UID in got and EMAIL in got


def test_a_reviewers_email_as_an_object_is_a_user_id(labeller: Labeller) -> None:
    got = categories(labeller, TASKS, {"title": "Fix", "reviewer": {"user_email_address": ADDRESS}})
    assert UID in got


@pytest.mark.parametrize("key", ["team_email", "email", "email_address"])
def test_an_email_that_only_describes_the_role_is_no_user_id(labeller: Labeller, key: str) -> None:
    # a team's mailbox, or a bare address describing the person (heldout11's convention)
    body = {"data": {"content": "Triage", "assignees": [{key: ADDRESS}]}}
    got = categories(labeller, TASKS, body)
    assert EMAIL in got and UID not in got


@pytest.mark.parametrize("parent", ["participants", "attendees", "user"])
def test_an_email_describing_a_participant_or_user_is_an_email_only(
    labeller: Labeller, parent: str
) -> None:
    got = categories(labeller, TASKS, {parent: [{"email_address": ADDRESS}]})
    assert EMAIL in got and UID not in got


TRANSCRIPTIONS = "https://notes.example.test/v1/transcriptions/"


def test_a_meetings_opaque_uuid_alone_is_no_meeting_metadata(labeller: Labeller) -> None:
    got = categories(labeller, f"{TRANSCRIPTIONS}?meeting_uuid={MEETING_UUID}", method="GET")
    assert MEETING not in got


def test_a_meeting_number_under_the_uuid_key_is_meeting_metadata(labeller: Labeller) -> None:
    got = categories(labeller, f"{TRANSCRIPTIONS}?meeting_uuid=85512345678", method="GET")
    assert MEETING in got


def test_a_meetings_uuid_beside_its_topic_is_meeting_metadata(labeller: Labeller) -> None:
    url = f"{TRANSCRIPTIONS}?meeting_uuid={MEETING_UUID}&meeting_topic=Quarterly+budget+review"
    assert MEETING in categories(labeller, url, method="GET")


def test_a_meetings_uuid_beside_a_person_in_it_is_meeting_metadata(labeller: Labeller) -> None:
    body = {"meeting_uuid": MEETING_UUID, "participant_email": ADDRESS}
    assert MEETING in categories(labeller, "https://notes.example.test/v1/shares", body)


USAGES = "https://billing.example.test/api/v2/subscriptions/sub_4471/usages"


def test_a_form_encoded_metered_usage_record_is_product_usage(labeller: Labeller) -> None:
    body = "item_price_id=minutes-USD-monthly&quantity=45&usage_date=1796327100&note=meeting+transcribed"
    assert USAGE in categories(labeller, USAGES, body, headers=FORM)


def test_a_json_usage_record_is_product_usage(labeller: Labeller) -> None:
    body = {"quantity": 12, "timestamp": 1796327100, "action": "increment"}
    got = categories(
        labeller, "https://billing.example.test/v1/subscription_items/si_8/usage_records", body
    )
    assert USAGE in got


def test_a_get_of_usages_is_no_product_usage(labeller: Labeller) -> None:
    url = "https://billing.example.test/api/v2/usages?subscription_id%5Bis%5D=sub_4471&limit=10"
    assert USAGE not in categories(labeller, url, method="GET")


def test_a_usage_query_over_a_window_is_no_product_usage(labeller: Labeller) -> None:
    body = {
        "quantity": 1,
        "usage_date": 1796327100,
        "from_date": "2026-12-01",
        "to_date": "2026-12-08",
    }
    assert USAGE not in categories(labeller, "https://billing.example.test/api/v2/usages", body)


def test_a_quantity_without_a_usage_date_is_no_usage_record(labeller: Labeller) -> None:
    assert USAGE not in categories(labeller, USAGES, "quantity=45", headers=FORM)
