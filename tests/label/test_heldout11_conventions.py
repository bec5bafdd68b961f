"""Whose account and which chain (issue 15, from the heldout11 dev set,
tests/label/corpus/heldout11.jsonl): people named by their role on a work item (assigned,
following, sharing, granted, mentioned), whatever the value's shape; per-request ids in headers
that link nothing. Each class with the cases it must not match (describing keys, addressees of a
message or an invitation, organisations, counts, item and correlation ids)."""

from __future__ import annotations

from typing import Any

import pytest

from auditor.label import Labeller
from auditor.label.rules import flow_from_fixture

EMAIL = "contact_info.email"
UID = "identifiers.user_id"
SID = "identifiers.session_id"
API = "https://api.example-work.test/v1/items"
ADDRESS = "mei.tanaka@example-co.test"


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


def categories(
    labeller: Labeller, body: Any = None, headers: list[list[str]] | None = None
) -> set[str]:
    fixture: dict[str, Any] = {"rule": "x", "url": API, "headers": headers or []}
    if body is not None:
        fixture["body"] = body
        fixture["method"] = "POST"
    result = labeller.label(flow_from_fixture(fixture))
    for lab in result.labels:
        assert lab.evidence, lab.category
    return set(result.categories())


@pytest.mark.parametrize(
    "body",
    [
        {"data": {"name": "Send the deck", "assignee": ADDRESS}},
        {"data": {"followers": [ADDRESS, "alice@example-co.test"]}},
        {"task": {"watchers": [ADDRESS]}},
        {"item": {"id": "f_1"}, "accessible_by": {"type": "user", "login": ADDRESS}},
        {"user": {"login": ADDRESS}},
        {"collaborators": [ADDRESS], "role": "editor"},
        {"shared_with": [ADDRESS]},
        {"grantee": ADDRESS, "permission": "read"},
        {"reviewers": [ADDRESS]},
        {"members": [ADDRESS]},
        {"owner": ADDRESS},
    ],
)
def test_an_email_naming_a_person_by_role_is_a_user_id_and_an_address(
    labeller: Labeller, body: Any
) -> None:
    got = categories(labeller, body)
    assert UID in got and EMAIL in got, got


@pytest.mark.parametrize(
    "body",
    [
        {"assignee": "u_8812"},
        {"followers": ["12050000000011", "12050000000012"]},
        {"mentions": ["usr_9Lb3Kt58"]},
        {"reviewers": ["mei-tanaka"]},
        {"login": "mtanaka"},
        {"collaborator_id": "u_8812"},
    ],
)
def test_ids_and_handles_naming_a_person_by_role_are_user_ids(
    labeller: Labeller, body: Any
) -> None:
    assert UID in categories(labeller, body)


@pytest.mark.parametrize(
    "body",
    [
        # a person's address under a key that only describes it
        {"properties": {"Host": {"email": ADDRESS}}},
        {"email": ADDRESS},
        # the addressees of a message or an invitation: addresses, not accounts
        {"recipients": [ADDRESS]},
        {"topic": "Design review", "invitees": [ADDRESS]},
        # a lookup by address is a search string
        {"filter": {"email": {"eq": ADDRESS}}},
    ],
)
def test_an_address_that_only_describes_or_addresses_a_person_is_no_user_id(
    labeller: Labeller, body: Any
) -> None:
    got = categories(labeller, body)
    assert EMAIL in got and UID not in got, got


@pytest.mark.parametrize(
    "body",
    [
        # organisations, teams, workspaces, projects and items are no person's account
        {"owner": "meetcorp", "repo": "roadmap"},
        {"workspace": "1205000000000011", "team_id": "5b2c0r11-team", "project": "MEET"},
        {"item": {"type": "folder", "id": "2391c0r11"}, "parent": {"id": "0"}},
        # counts and flags under the same role words
        {"followers": 120, "members": 5, "watchers": 3},
        {"followers": [{"count": 2}], "assignee": None, "mentions": []},
        # a phone number under a role key is no account id
        {"members": ["+49 151 5550 1847"]},
    ],
)
def test_organisations_items_and_counts_under_role_keys_are_no_user_ids(
    labeller: Labeller, body: Any
) -> None:
    assert UID not in categories(labeller, body)


@pytest.mark.parametrize(
    "name",
    ["X-Request-Id", "Request-Id", "X-Client-Request-Id", "x-ms-client-request-id"],
)
def test_a_per_request_id_header_is_no_session_id(labeller: Labeller, name: str) -> None:
    got = categories(
        labeller,
        body={"content": "Prepare slides"},
        headers=[[name, "d384d229-8b97-4163-9e04-6f252b18da93"]],
    )
    assert SID not in got, got


@pytest.mark.parametrize(
    ("headers", "body"),
    [
        # correlation ids link the requests of one chain
        ([["X-Correlation-Id", "d384d229-8b97-4163-9e04-6f252b18da93"]], {"n": 1}),
        ([["X-Session-Id", "c43c9842-2e6c-4783-a89d-b045f3c2ce49"]], {"n": 1}),
        # a request id in an error report ties the error to the traced request
        ([], {"problems": [{"message": "timeout", "request_id": "req_8812abcd9001"}]}),
        ([], {"session_id": "c43c9842-2e6c-4783-a89d-b045f3c2ce49"}),
    ],
)
def test_session_and_correlation_ids_stay_session_ids(
    labeller: Labeller, headers: list[list[str]], body: Any
) -> None:
    assert SID in categories(labeller, body=body, headers=headers)


@pytest.mark.parametrize(
    "body",
    [
        {"task_id": "8123c0r11", "content": "Move the demo"},
        {"issueId": "9f3c0r11-issu-4d8b-8a22-1b2c3d4e5f6a", "body": "ok"},
        {"parent": {"page_id": "7d8e9f0a-c0r1-4p11-8d7c-6b5a4f3e2d1c"}},
        {"item": {"id": "1408c0r11", "type": "file"}, "file_id": "1408c0r11"},
    ],
)
def test_item_ids_are_no_session_ids(labeller: Labeller, body: Any) -> None:
    assert SID not in categories(labeller, body)


@pytest.mark.parametrize(
    "body",
    [
        {"fields": {"assignee": {"id": "u_8812"}}},
        {"data": {"followers": [{"id": "12050000000011", "resource_type": "user"}]}},
        {"pull": {"reviewers": [{"login": "mtanaka"}]}},
        {"change": {"approvers": [{"id": "u_9001", "name": "security"}]}},
    ],
)
def test_a_person_by_role_as_an_object_names_the_account(labeller: Labeller, body: Any) -> None:
    assert UID in categories(labeller, body)


@pytest.mark.parametrize(
    "body",
    [
        # the address under a describing key inside the role object is contact data only
        {"assignee": {"email": ADDRESS}},
        # a grant to a group, and counts inside role objects
        {"accessible_by": {"type": "group", "id": "g_2391"}, "role": "viewer"},
        {"followers": {"count": 3}, "watchers": {"total": 12}},
    ],
)
def test_role_objects_without_a_person_id_name_no_account(labeller: Labeller, body: Any) -> None:
    assert UID not in categories(labeller, body)
