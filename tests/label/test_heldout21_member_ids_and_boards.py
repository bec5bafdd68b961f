"""Work-tool member ids and record ids under a board key (issue 15, from the heldout21 dev set,
tests/label/corpus/heldout21.jsonl), each class with the cases it must not match:
- a person's account id given as a number under a role one person holds (`assignee: 84120142`)
  or in a list under a role people hold (`assignees: [84120142]`, `watchers`, `mentions`), and
  the id of a feedback board's voter or an issue's reporter (`voterID`, `reporter`); not a
  group's or team's assignees, a count, a flag or a list's id;
- a record's opaque id under a board key (a feedback or task board's `boardID`, 24 hex digits
  or a uuid) is no machine's board id (hardware); a machine's board id still is."""

from __future__ import annotations

from typing import Any

import pytest

from auditor.label import Labeller
from auditor.label.rules import flow_from_fixture

UID = "identifiers.user_id"
HARDWARE = "device_info.hardware"
API = "https://api.example-work.test/api/v2/list/901204417730/task"


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


def categories(labeller: Labeller, body: Any, url: str = API) -> set[str]:
    fixture: dict[str, Any] = {"rule": "x", "url": url, "headers": [], "method": "POST"}
    fixture["body"] = body
    result = labeller.label(flow_from_fixture(fixture))
    for lab in result.labels:
        assert lab.evidence, lab.category
    return set(result.categories())


@pytest.mark.parametrize(
    "body",
    [
        {"name": "Send the origin records", "assignees": [84120142], "priority": 2},
        {"name": "Send the origin records", "assignees": [84120142, 84120977]},
        {"comment_text": "Done.", "assignee": 84120142, "notify_all": False},
        {"issue": {"title": "Crash on join", "reporter": 5512034}},
        {"task": {"watchers": [5512034, 5512035]}},
        {"post": {"mentions": [5512034]}},
        {"postID": "6751c3a4d2b80142e7f1a0c9", "voterID": "6751c2f0a8e41b0142d3e9f7"},
        {"vote": {"voter_id": "usr_7Kq2Lm9Rb4"}},
        {"issue": {"reporter_id": "5b10a2844c20165700ede21g"}},
    ],
)
def test_a_persons_id_under_a_role_of_a_work_item_is_a_user_id(
    labeller: Labeller, body: dict[str, Any]
) -> None:
    assert UID in categories(labeller, body)


@pytest.mark.parametrize(
    "body",
    [
        # a group's or team's assignees, counts, flags and the ids of lists and tags
        {"name": "Send the origin records", "group_assignees": [7012], "priority": 2},
        {"name": "Send the origin records", "team_assignees": [7012]},
        {"name": "Send the origin records", "assignee_count": 3, "watcher_count": 12},
        {"task": {"followers": 12, "watchers": 4, "mentions": 2, "voters": 31}},
        {"task": {"assignee": True, "reporter": False}},
        {"task": {"assignee": 0}},
        {"task": {"list_id": 901204417730, "list_ids": [901204417730], "tags": [3, 4]}},
        {"post": {"voteCount": 31, "score": 31, "status": "open"}},
    ],
)
def test_counts_flags_groups_and_list_ids_are_no_user_ids(
    labeller: Labeller, body: dict[str, Any]
) -> None:
    assert UID not in categories(labeller, body)


@pytest.mark.parametrize(
    "board",
    ["64f0a2c1b7d3e90142a5c8d1", "3c9e1f7a-4b2d-4e8a-9f60-a20d5b7c1e34", "0x64f0a2c1b7d3e901"],
)
def test_a_records_opaque_id_under_a_board_key_is_no_hardware(
    labeller: Labeller, board: str
) -> None:
    body = {"boardID": board, "title": "Let guests download the recording for 7 days"}
    assert HARDWARE not in categories(labeller, body, "https://feedback.example-co.test/api")


@pytest.mark.parametrize("board", ["Mac-7BA5B2DFE22DDD8C", "0W7V82", "X570 AORUS ELITE"])
def test_a_machines_board_id_or_name_is_still_hardware(labeller: Labeller, board: str) -> None:
    assert HARDWARE in categories(labeller, {"system": {"board_id": board}})
