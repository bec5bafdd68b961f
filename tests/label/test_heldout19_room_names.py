"""A room created under a name prefix that spells the meeting's topic, from the heldout19 dev set
(issue 15af, tests/label/corpus/heldout19.jsonl), with the cases it must not match: the name
names the meeting (meeting_metadata); an opaque prefix, like a room's opaque id, does not."""

from __future__ import annotations

from typing import Any

import pytest

from auditor.label import Labeller
from auditor.label.rules import flow_from_fixture

MEETING = "meeting_metadata"
URL = "https://rooms.example.test/v1/meetings"
SCHEDULE = {"startDate": "2026-12-07T15:00:00Z", "endDate": "2026-12-07T16:00:00Z"}


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


def categories(labeller: Labeller, body: Any) -> set[str]:
    fixture: dict[str, Any] = {
        "rule": "x",
        "url": URL,
        "method": "POST",
        "headers": [],
        "body": body,
    }
    result = labeller.label(flow_from_fixture(fixture))
    for lab in result.labels:
        assert lab.evidence, lab.category
    return set(result.categories())


@pytest.mark.parametrize(
    "prefix", ["cross-laminated-timber-fire-rating", "supplier_review", "Quarterly planning"]
)
def test_a_room_name_prefix_spelling_a_topic_is_meeting_metadata(
    labeller: Labeller, prefix: str
) -> None:
    body = {**SCHEDULE, "roomNamePrefix": prefix, "roomMode": "group", "isLocked": True}
    assert MEETING in categories(labeller, body)


@pytest.mark.parametrize("prefix", ["r-7f3a9c", "room8Kq2x", "ab-cd", "team"])
def test_an_opaque_or_one_word_room_prefix_is_no_meeting_metadata(
    labeller: Labeller, prefix: str
) -> None:
    body = {**SCHEDULE, "roomNamePrefix": prefix, "roomMode": "group", "isLocked": True}
    assert MEETING not in categories(labeller, body)
