"""A meeting or call logged as an activity on a CRM record, from the heldout19 dev set (issue
15af, tests/label/corpus/heldout19.jsonl), with the cases it must not match: the comments and
notes logged with it are part of the record (issue 15p), no chat, even on a path that says
conversation; a note activity on a record and a chat message stay chat."""

from __future__ import annotations

from typing import Any

import pytest

from auditor.label import Labeller
from auditor.label.rules import flow_from_fixture

CHAT = "customer_content.chat"
NOTE = "Jonas Berg confirmed the delivery moves to Friday; the plan waits for the lab report."


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


def categories(labeller: Labeller, url: str, body: Any) -> set[str]:
    fixture: dict[str, Any] = {
        "rule": "x",
        "url": url,
        "method": "POST",
        "headers": [],
        "body": body,
    }
    result = labeller.label(flow_from_fixture(fixture))
    for lab in result.labels:
        assert lab.evidence, lab.category
    return set(result.categories())


@pytest.mark.parametrize(
    ("activity", "record"),
    [("Meeting", "companyId"), ("call", "contact_id"), ("MEETING", "dealId")],
)
def test_a_meeting_or_call_activitys_comment_is_part_of_the_record(
    labeller: Labeller, activity: str, record: str
) -> None:
    body = {
        "type": activity,
        record: "5f9a7e2b4c6d8e0f",
        "description": "Supplier review",
        "comments": [{"by": "60ab3d5f7a9c1e2", "text": NOTE}],
    }
    assert CHAT not in categories(labeller, "https://crm.example.test/conversations", body)


def test_a_note_activity_on_a_record_stays_chat(labeller: Labeller) -> None:
    body = {
        "type": "note",
        "companyId": "5f9a7e2b4c6d8e0f",
        "comments": [{"by": "60ab3d5f7a9c1e2", "text": NOTE}],
    }
    assert CHAT in categories(labeller, "https://crm.example.test/conversations", body)


def test_a_chat_message_typed_as_a_meeting_on_no_record_stays_chat(labeller: Labeller) -> None:
    body = {"type": "meeting", "text": "Are we still on for Friday, Jonas? The plan waits."}
    url = "https://chat.example.test/api/conversations/c1/messages"
    assert CHAT in categories(labeller, url, body)
