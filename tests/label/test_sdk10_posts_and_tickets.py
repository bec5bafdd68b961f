"""Updates and posts on work items, and help-desk tickets, as chat (issue 15f, from the sdk10 dev
set, tests/label/corpus/sdk10.jsonl; builds on 15b's comments in
test_heldout11_comments_and_prose.py).

- An update, post or message created on an item (a GraphQL mutation whose name creates one:
  `create_update`, `createPost`, `messageSend`, `projectUpdateCreate`; a REST `/<items>/<id>/
  updates` or `/posts` under one item) is text a person writes to the item's other people:
  `customer_content.chat`. A mutation that changes an item's fields (`update_item`,
  `updateIssue`, `issueUpdate`, `create_or_update_item`), an item's name or title, a query, and
  a software update's notes are not.
- A help-desk ticket (docs/taxonomy.md, Conventions): its description, in the requester's own
  words to the support staff, is chat, and the OS, headset and network it names are the
  writer's; its subject is not chat, nor a ticket with no requester (an event's ticket class),
  nor an issue's or task's body.
Each class with the cases it must not match."""

from __future__ import annotations

from typing import Any

import pytest

from auditor.label import Labeller
from auditor.label.rules import flow_from_fixture

CHAT = "customer_content.chat"
OS = "device_info.os"
HW = "device_info.hardware"
NET = "device_info.network"
API = "https://api.worktool.test"
UPDATE = "Lukas, legal signed off on Friday. Can you confirm the date with your team?"


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


def categories(labeller: Labeller, url: str, body: Any, method: str = "POST") -> set[str]:
    fixture: dict[str, Any] = {"rule": "x", "url": url, "headers": [], "body": body}
    fixture["method"] = method
    result = labeller.label(flow_from_fixture(fixture))
    for lab in result.labels:
        assert lab.evidence, lab.category
    return set(result.categories())


@pytest.mark.parametrize(
    ("query", "variables"),
    [
        (
            "mutation ($item: ID!, $body: String!) "
            "{ create_update(item_id: $item, body: $body) { id } }",
            {"item": 9012, "body": UPDATE},
        ),
        (
            "mutation CreateUpdate($itemId: ID!, $body: String!) "
            "{ createUpdate(itemId: $itemId, body: $body) { id } }",
            {"itemId": "9012", "body": UPDATE},
        ),
        (
            "mutation projectUpdateCreate($input: ProjectUpdateCreateInput!) "
            "{ projectUpdateCreate(input: $input) { success } }",
            {"input": {"projectId": "p1", "body": UPDATE}},
        ),
        (
            "mutation messageSend($item: ID!, $text: String!) "
            "{ messageSend(itemId: $item, text: $text) { id } }",
            {"item": "9012", "text": UPDATE},
        ),
        (
            "mutation { createPost(input: $input) { id } }",
            {"input": {"topicId": 41, "content": UPDATE}},
        ),
    ],
)
def test_a_created_update_or_post_is_chat(
    labeller: Labeller, query: str, variables: dict[str, Any]
) -> None:
    assert CHAT in categories(labeller, API + "/v2", {"query": query, "variables": variables})


@pytest.mark.parametrize(
    ("query", "variables"),
    [
        # mutations that change an item's fields, or create the item itself
        (
            "mutation ($item: ID!, $text: String!) "
            "{ update_item(item_id: $item, text: $text) { id } }",
            {"item": 9012, "text": UPDATE},
        ),
        (
            "mutation updateIssue($id: String!, $input: IssueUpdateInput!) "
            "{ issueUpdate(id: $id, input: $input) { success } }",
            {"id": "i1", "input": {"description": UPDATE, "body": UPDATE}},
        ),
        (
            "mutation ($board: ID!, $name: String!) "
            "{ create_item(board_id: $board, item_name: $name, text: $name) { id } }",
            {"board": 5012, "name": "Send minutes of the vendor onboarding review"},
        ),
        (
            "mutation { create_or_update_item(input: $input) { id } }",
            {"input": {"body": UPDATE}},
        ),
        (
            "mutation { createBulkUpdate(input: $input) { id } }",
            {"input": {"body": UPDATE}},
        ),
        # reading updates is no post
        (
            "query ($ids: [ID!]) { updates(ids: $ids) { body } }",
            {"ids": [1], "body": UPDATE},
        ),
    ],
)
def test_field_changes_items_and_queries_are_not_chat(
    labeller: Labeller, query: str, variables: dict[str, Any]
) -> None:
    assert CHAT not in categories(labeller, API + "/v2", {"query": query, "variables": variables})


INLINE_UPDATE = (
    "mutation\n  {\n    create_update(\n      item_id: 9012345678,\n"
    '      body: "Lukas, legal signed off on Friday. Can you confirm the date?"\n'
    "    ) {\n      id\n    }\n  }"
)


@pytest.mark.parametrize(
    ("query", "chat"),
    [
        (INLINE_UPDATE, True),
        # the same argument written inline in a mutation that changes an item's fields
        (INLINE_UPDATE.replace("create_update", "update_item"), False),
        (
            'mutation { create_item(board_id: 5, item_name: "Follow-up: the vendor review") { id } }',
            False,
        ),
    ],
)
def test_an_update_written_inline_in_the_document(
    labeller: Labeller, query: str, chat: bool
) -> None:
    assert (CHAT in categories(labeller, API + "/v2", {"query": query})) is chat


@pytest.mark.parametrize(
    "path",
    ["/v1/projects/4821/updates", "/api/items/9012345678/updates", "/t/topics/41/posts"],
)
def test_an_update_or_post_under_one_item_is_chat(labeller: Labeller, path: str) -> None:
    assert CHAT in categories(labeller, API + path, {"body": UPDATE})


@pytest.mark.parametrize(
    ("path", "body", "method"),
    [
        # a software update's notes, and a top-level feed
        ("/v1/apps/4821/updates", {"body": "Bug fixes and performance improvements."}, "POST"),
        ("/v1/devices/77a1/updates", {"body": "Firmware 2.1 is ready to install."}, "POST"),
        ("/v1/updates", {"body": UPDATE}, "POST"),
        # an edit of the item itself
        ("/api/items/9012345678", {"name": "Follow-up", "body": UPDATE}, "PATCH"),
    ],
)
def test_other_updates_are_not_chat(
    labeller: Labeller, path: str, body: dict[str, Any], method: str
) -> None:
    assert CHAT not in categories(labeller, API + path, body, method)


DESCRIPTION = (
    "I joined the vendor review from the desktop app on Windows 11 with a Jabra Evolve2 65 "
    "headset over hotel Wi-Fi and nobody could hear me."
)


@pytest.mark.parametrize(
    ("path", "body"),
    [
        (
            "/api/v2/tickets",
            {
                "subject": "No audio in my meeting",
                "email": "lukas@example.com",
                "description": DESCRIPTION,
                "status": 2,
            },
        ),
        (
            "/api/v1/tickets",
            {"title": "No audio", "customer_id": 412, "article": {"body": DESCRIPTION}},
        ),
        (
            "/api/v2/tickets.json",
            {"ticket": {"subject": "No audio", "requester_id": 77, "description": DESCRIPTION}},
        ),
    ],
)
def test_a_help_desk_ticket_in_the_requesters_words_is_chat(
    labeller: Labeller, path: str, body: dict[str, Any]
) -> None:
    assert {CHAT, OS, HW, NET} <= categories(labeller, API + path, body)


@pytest.mark.parametrize(
    ("path", "body"),
    [
        # the subject alone
        ("/api/v2/tickets", {"subject": DESCRIPTION, "email": "lukas@example.com"}),
        # a ticket class of an event: no requester
        (
            "/v3/events/88/ticket_classes",
            {"name": "VIP", "description": "Includes the lunch and the evening reception."},
        ),
        ("/api/v2/tickets", {"name": "VIP", "description": "Includes the lunch and reception."}),
        # an issue's or task's body is a record of the work
        (
            "/rest/api/2/issue",
            {"fields": {"summary": "No audio", "description": DESCRIPTION, "reporter": "lukas"}},
        ),
        ("/api/v1/tasks", {"content": "No audio", "description": DESCRIPTION, "email": "a@b.c"}),
        # a contact record's description
        (
            "/api/v2/contacts",
            {"name": "Lukas Brandt", "email": "lukas@example.com", "description": "Contact"},
        ),
    ],
)
def test_ticket_subjects_and_other_bodies_are_not_chat(
    labeller: Labeller, path: str, body: dict[str, Any]
) -> None:
    found = categories(labeller, API + path, body)
    assert CHAT not in found
    assert NET not in found


def test_a_tickets_custom_fields_are_not_its_text(labeller: Labeller) -> None:
    found = categories(
        labeller,
        API + "/api/v2/tickets",
        {
            "subject": "Plan question",
            "email": "lukas@example.com",
            "custom_fields": {"plan": {"details": {"text": "Enterprise plan, billed yearly"}}},
        },
    )
    assert CHAT not in found
