"""Comments on work items as chat, and people's names and phone numbers in free text (issue 15,
from the heldout11 dev set, tests/label/corpus/heldout11.jsonl).

- A comment, reply, story or note posted to a page, issue, task, file or ticket (a REST comment
  endpoint, or a GraphQL mutation that posts a comment) is text a person writes to other people:
  `customer_content.chat`, also when its text nodes sit in rich-text arrays (Notion `rich_text`,
  Atlassian Document Format). Titles and bodies of the items themselves are not chat.
- A full name (a given name and a family name from the shipped lists) and an international phone
  number (valid by libphonenumber) inside prose are contact data; a first name alone, title-cased
  headings, places, ids, timestamps and versions are not.
Each class with the cases it must not match."""

from __future__ import annotations

from typing import Any

import pytest

from auditor.label import Labeller
from auditor.label.findings import FieldFinder
from auditor.label.prose import names_in_text, phones_in_text
from auditor.label.rules import flow_from_fixture

CHAT = "customer_content.chat"
NAME = "contact_info.name"
PHONE = "contact_info.phone"
OS = "device_info.os"
HW = "device_info.hardware"
NET = "device_info.network"
API = "https://api.worktool.test"


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


def _adf(text: str) -> dict[str, Any]:
    """Atlassian Document Format: the text in a paragraph node inside a doc node."""
    return {
        "type": "doc",
        "version": 1,
        "content": [{"type": "paragraph", "content": [{"type": "text", "text": text}]}],
    }


COMMENT = "Please check the timestamps around the pricing part."
GRAPHQL_COMMENT = (
    "mutation createComment($input: CommentCreateInput!) {\n"
    "  commentCreate(input: $input) { success comment { id } }\n}"
)


@pytest.mark.parametrize(
    ("path", "body"),
    [
        (
            "/v1/comments",
            {"parent": {"page_id": "p1"}, "rich_text": [{"text": {"content": COMMENT}}]},
        ),
        ("/rest/api/3/issue/MEET-142/comment", {"body": _adf(COMMENT)}),
        ("/rest/api/2/issue/MEET-142/comment", {"body": COMMENT}),
        ("/api/1.0/tasks/1205000000000142/stories", {"data": {"text": COMMENT}}),
        ("/api/v1/comments", {"content": COMMENT, "task_id": "8123"}),
        ("/2.0/comments", {"message": COMMENT, "item": {"id": "1408", "type": "file"}}),
        ("/api/v4/projects/12/issues/7/notes", {"body": COMMENT}),
        ("/api/v2/posts/42/replies", {"text": COMMENT}),
        ("/v1/comments/c-123", {"content": COMMENT}),  # an edited comment
        (
            "/graphql",
            {"query": GRAPHQL_COMMENT, "variables": {"input": {"issueId": "i1", "body": COMMENT}}},
        ),
        (
            "/graphql",
            [{"query": GRAPHQL_COMMENT, "variables": {"input": {"body": COMMENT}}}],
        ),
        (
            "/graphql",
            {
                "operationName": "AddComment",
                "variables": {"text": COMMENT},
                "extensions": {"persistedQuery": {"sha256Hash": "ab" * 32}},
            },
        ),
    ],
)
def test_a_comment_on_a_work_item_is_chat(labeller: Labeller, path: str, body: Any) -> None:
    assert CHAT in categories(labeller, API + path, body)


@pytest.mark.parametrize(
    ("path", "body"),
    [
        # pages, issues and tasks themselves: their titles and bodies are not chat
        (
            "/v1/pages",
            {"children": [{"paragraph": {"rich_text": [{"text": {"content": COMMENT}}]}}]},
        ),
        (
            "/v1/blocks/7d8e/children",
            {"children": [{"to_do": {"rich_text": [{"text": {"content": COMMENT}}]}}]},
        ),
        ("/rest/api/2/issue", {"fields": {"summary": "Revise pricing", "description": COMMENT}}),
        ("/rest/api/3/issue", {"fields": {"description": _adf(COMMENT)}}),
        ("/api/1.0/tasks", {"data": {"name": "Send roadmap", "notes": COMMENT}}),
        ("/api/v1/tasks", {"content": "Prepare slides", "description": COMMENT}),
        # a notes app's or a CMS's own documents, not notes or stories on an item
        ("/v1/notes", {"content": COMMENT}),
        ("/v2/stories", {"content": COMMENT}),
        # what a comment is about, not its text
        ("/v1/comments/c-123/reactions", {"content": "heart"}),
        # a worklog's comment is its description of the work logged
        ("/rest/api/2/issue/MEET-142/worklog", {"timeSpent": "45m", "comment": COMMENT}),
        # GraphQL: an issue's description, a query of comments
        (
            "/graphql",
            {
                "query": "mutation createIssue($input: IssueCreateInput!) "
                "{ issueCreate(input: $input) { success } }",
                "variables": {"input": {"title": "Follow-up", "description": COMMENT}},
            },
        ),
        (
            "/graphql",
            {
                "query": "query comments($filter: CommentFilter) { comments(filter: $filter) "
                "{ nodes { body } } }",
                "variables": {"filter": {"body": {"contains": "pricing part"}}},
            },
        ),
        (
            "/graphql",
            {"operationName": "CommentsQuery", "variables": {"text": "pricing part"}},
        ),
    ],
)
def test_items_and_other_text_are_not_chat(labeller: Labeller, path: str, body: Any) -> None:
    assert CHAT not in categories(labeller, API + path, body)


def test_a_comment_naming_the_device_system_and_network() -> None:
    found = categories(
        Labeller(),
        API + "/rest/api/2/issue/MEET-142/comment",
        {"body": "The audio froze for him at 10:24; he was on Android 14, Pixel 8, mobile data."},
    )
    assert {CHAT, OS, HW, NET} <= found
    # the same words in an issue's description are not read as the writer's device
    found = categories(
        Labeller(),
        API + "/rest/api/2/issue",
        {"fields": {"description": "Support Android 14 and Pixel 8 on mobile data."}},
    )
    assert not {CHAT, HW} & found


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Raised by Chiara Rossi in the review with Lukas Brandt (lukas@…).",
            ["Chiara Rossi", "Lukas Brandt"],
        ),
        ("Lukas Brandt: revise the pricing page", ["Lukas Brandt"]),
        ("Meeting 85512345678 with Lukas Brandt; dial-in pin 604417", ["Lukas Brandt"]),
        (
            "Present: Priya Patel, Mei Tanaka, Jonas Schmidt\n1. Offline mode ships.",
            ["Priya Patel", "Mei Tanaka", "Jonas Schmidt"],
        ),
        ("Anne-Marie Kowalski will send the deck.", ["Anne-Marie Kowalski"]),
        ("Hi Chiara Rossi, thanks for the notes", ["Chiara Rossi"]),  # after a greeting
    ],
)
def test_full_names_in_free_text(text: str, names: list[str]) -> None:
    assert names_in_text(text) == names


@pytest.mark.parametrize(
    "text",
    [
        "Lukas: I missed the last ten minutes, any changes?",  # a first name alone
        "Lukas asked to move the demo before the pricing section.",
        "Hi Chiara, thanks for the notes",  # a greeting and a first name
        "Send Revised Roadmap To Lukas Brandt",  # a title-cased heading
        "Meet me at Victoria Station after the call",  # a place
        "Max Price reached for this plan",  # a given name that is a word
        "Grant Access to the shared folder",
        "Failed to connect to Chrome Remote Desktop",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120",
        "user.Lukas Brandt.id",  # a dotted id
        "/Users/Lukas Brandt/Documents",  # a path
        "Quarterly Roadmap Review (85512345678)",
    ],
)
def test_not_names_in_free_text(text: str) -> None:
    assert names_in_text(text) == []


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("Call him on +49 151 5550 1847 if anything slips.", ["+49 151 5550 1847"]),
        ("(lukas@example.com, +49 151 5550 1847).", ["+49 151 5550 1847"]),
        (
            "US office: +1 202-555-0143, UK: +44 20 7946 0958",
            ["+1 202-555-0143", "+44 20 7946 0958"],
        ),
        ("reach me at +358401234567", ["+358401234567"]),
        # a code shared by several regions: Canada's numbers under +1, Jersey's under +44
        ("Toronto +1 416 555 0199, Jersey +44 1534 555555", ["+1 416 555 0199", "+44 1534 555555"]),
    ],
)
def test_phone_numbers_in_free_text(text: str, numbers: list[str]) -> None:
    assert phones_in_text(text) == numbers


@pytest.mark.parametrize(
    "text",
    [
        "joined at 2026-12-10T10:00:00+01:00 from the lobby",  # a time zone offset
        "version 5.17.2+4915155501847 installed",  # build metadata of a version
        "token abc+4915155501847 expired",  # inside an id
        "session=+4915155501847x",
        "ratio +0.4915155501847 of the samples",
        "order +1 000 000 0000 failed",  # not a valid number
        "tz offset +0100 applied",
        "Call him on 0151 55501847",  # national form: no country to check it against
    ],
)
def test_not_phone_numbers_in_free_text(text: str) -> None:
    assert phones_in_text(text) == []


def test_names_and_phones_in_a_task_description(labeller: Labeller) -> None:
    found = categories(
        labeller,
        API + "/api/1.0/tasks",
        {
            "data": {
                "name": "Send revised roadmap",
                "notes": "Lukas Brandt asked for the Q1 dates. Call him on +49 151 5550 1847.",
            }
        },
    )
    assert {NAME, PHONE} <= found
    assert CHAT not in found
    found = categories(
        labeller,
        API + "/api/1.0/tasks",
        {
            "data": {
                "name": "Send revised roadmap",
                "notes": "Lukas asked for build 5.17.2+20261210.",
            }
        },
    )
    assert not {NAME, PHONE} & found


def test_redaction_replaces_the_name_and_number_not_the_comment() -> None:
    """The findings redaction reads name the name and the number found in prose, not the
    whole text around them."""
    text = "Lukas Brandt, please call +49 151 5550 1847 about the pricing part."
    record = flow_from_fixture(
        {
            "rule": "x",
            "url": API + "/2.0/comments",
            "method": "POST",
            "headers": [],
            "body": {"message": text},
        }
    )
    findings = FieldFinder().find(record)
    assert {"Lukas Brandt", "+49 151 5550 1847"} <= findings.identifiers
    assert text not in findings.identifiers
    assert ("body", "message") not in findings.identifier_paths
