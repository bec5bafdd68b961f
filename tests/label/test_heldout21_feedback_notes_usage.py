"""Shapes of data from the heldout21 dev set (issue 15aj, tests/label/corpus/heldout21.jsonl), by
class, each with the cases it must not match: a post, a vote and a comment on a product-feedback
board are product usage, a blog post, a chat post, a poll's vote and a document's comment are
not; a help desk's customer-timeline event is product usage and the OS its text names with a
version is os, a bare "windows" in prose is not; an agent's note on a support thread is chat and
its thread id no meeting metadata, a reply in a chat thread keeps its thread; a comment's text
under `comment_text` on a comment endpoint is chat; a meter's usage measurements are product
usage and a language among their dimensions no locale."""

from __future__ import annotations

from typing import Any

import pytest

from auditor.label import Labeller
from tests.label.fixture_labels import categories

CHAT = "customer_content.chat"
MEETING = "meeting_metadata"
USAGE = "service_generated.product_usage"
OS = "device_info.os"
LOCALE = "device_info.locale"


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


# --- feedback boards -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "body"),
    [
        (
            "https://feedback.example.org/api/v1/posts/create",
            {
                "boardID": "64f0a2c1b7d3e90142a5c8d1",
                "title": "Let guests download the recording for 7 days",
                "details": "Guest links expire after 24 hours. External auditors need a week.",
            },
        ),
        (
            "https://ideas.example.net/api/v2/posts",
            {
                "board": "feature-requests",
                "title": "Export the minutes as PDF",
                "content": "Our legal team archives every meeting's minutes as a PDF file.",
            },
        ),
        (
            "https://feedback.example.org/api/v1/suggestions",
            {
                "forum_id": 48120,
                "title": "Raise hands in webinars",
                "text": "Attendees cannot signal the host without unmuting.",
            },
        ),
    ],
)
def test_a_post_on_a_feedback_board_is_product_usage(
    labeller: Labeller, url: str, body: dict[str, Any]
) -> None:
    got = categories(labeller, url, body)
    assert USAGE in got and CHAT not in got


@pytest.mark.parametrize(
    ("url", "body"),
    [
        (
            "https://blog.example.org/wp-json/wp/v2/posts",
            {"title": "Spring release notes", "content": "Three new features for calendar sync."},
        ),
        (
            "https://chat.example.org/api/v4/posts",
            {"channel_id": "ch_81", "message": "Are we still on for Friday, Jonas?"},
        ),
    ],
)
def test_a_blog_post_or_a_chat_post_is_no_feedback(
    labeller: Labeller, url: str, body: dict[str, Any]
) -> None:
    assert USAGE not in categories(labeller, url, body)


def test_a_vote_on_a_feedback_post_is_product_usage(labeller: Labeller) -> None:
    body = {"postID": "6751c3a4d2b80142e7f1a0c9", "voterID": "6751c2f0a8e41b0142d3e9f7"}
    assert USAGE in categories(labeller, "https://feedback.example.org/api/v1/votes/create", body)


def test_a_polls_vote_is_no_feedback(labeller: Labeller) -> None:
    body = {"option_id": "o2", "user_id": "u-88", "post_id": "m-81"}
    assert USAGE not in categories(labeller, "https://chat.example.org/api/polls/p1/votes", body)


def test_a_comment_on_a_feedback_post_is_product_usage_not_chat(labeller: Labeller) -> None:
    body = {
        "authorID": "6751c2f0a8e41b0142d3e9f7",
        "postID": "6751c3a4d2b80142e7f1a0c9",
        "value": "Same again today: the guest had to ask me to re-share the file by e-mail.",
        "internal": False,
        "shouldNotifyVoters": False,
    }
    got = categories(labeller, "https://feedback.example.org/api/v1/comments/create", body)
    assert USAGE in got and CHAT not in got


def test_a_comment_on_a_document_is_no_feedback(labeller: Labeller) -> None:
    body = {"document_id": "d-81", "text": "Please check the second table again."}
    assert USAGE not in categories(labeller, "https://docs.example.org/api/v1/comments", body)


# --- a help desk's customer timeline ---------------------------------------------------------

EVENT_QUERY = (
    "mutation createCustomerEvent($input: CreateCustomerEventInput!) {\n"
    "  createCustomerEvent(input: $input) { customerEvent { id } }\n}"
)


def customer_event(text: str) -> dict[str, Any]:
    return {
        "query": EVENT_QUERY,
        "variables": {
            "input": {
                "customerIdentifier": {"emailAddress": "guest@example.net"},
                "title": "Joined a meeting as guest",
                "components": [{"componentText": {"text": text}}],
            }
        },
    }


@pytest.mark.parametrize(
    "text",
    [
        "Client: desktop 5.19.2 on macOS 14.6, 47 min, audio only",
        "Client: desktop on Windows 11, 12 min",
        "mobile 3.2 on Android 14",
        "web client on Ubuntu 22.04",
        "iOS 17.2 app, 30 min",
    ],
)
def test_a_customer_timeline_event_is_usage_and_its_os_with_a_version_is_os(
    labeller: Labeller, text: str
) -> None:
    got = categories(labeller, "https://helpdesk.example.org/graphql/v1", customer_event(text))
    assert USAGE in got and OS in got


@pytest.mark.parametrize(
    "text",
    [
        "Opened two windows of the settings panel",
        "Asked about the android app and the mac client",
        "Windows were shared twice during the call",
    ],
)
def test_prose_naming_no_os_version_earns_no_os(labeller: Labeller, text: str) -> None:
    got = categories(labeller, "https://helpdesk.example.org/graphql/v1", customer_event(text))
    assert USAGE in got and OS not in got


def test_a_support_thread_created_is_no_timeline_event(labeller: Labeller) -> None:
    body = customer_event("Hi, the recording link expired.")
    body["query"] = body["query"].replace("CustomerEvent", "Thread")
    assert USAGE not in categories(labeller, "https://helpdesk.example.org/graphql/v1", body)


# --- notes and comments ----------------------------------------------------------------------

NOTE_TEXT = "Checked with Mei Tanaka: the recording was deleted by the retention policy after 24 h."


def test_a_note_on_a_support_thread_is_chat_without_its_thread_as_meeting(
    labeller: Labeller,
) -> None:
    body = {
        "query": "mutation createNote($input: CreateNoteInput!) { createNote(input: $input) { note { id } } }",
        "variables": {"input": {"threadId": "th_01JF8Q3A2C5VYE7G1K4M8S0TQR", "text": NOTE_TEXT}},
    }
    got = categories(labeller, "https://helpdesk.example.org/graphql/v1", body)
    assert CHAT in got and MEETING not in got


def test_a_note_posted_to_a_threads_notes_path_names_no_conversation(labeller: Labeller) -> None:
    body = {"thread_id": "th_8812", "text": NOTE_TEXT}
    got = categories(labeller, "https://helpdesk.example.org/api/threads/th_8812/notes", body)
    assert MEETING not in got


def test_a_reply_in_a_chat_thread_keeps_its_thread_as_meeting(labeller: Labeller) -> None:
    body = {
        "query": "mutation replyToThread($input: ReplyInput!) { replyToThread(input: $input) { id } }",
        "variables": {"input": {"threadId": "th_01JF8Q3A2C5VYE7G1K4M8S0TQR", "text": NOTE_TEXT}},
    }
    got = categories(labeller, "https://helpdesk.example.org/graphql/v1", body)
    assert CHAT in got and MEETING in got


def test_a_comment_text_on_a_task_comment_endpoint_is_chat(labeller: Labeller) -> None:
    body = {"comment_text": "Notes from the call: the audit covers the spring combing only."}
    assert CHAT in categories(
        labeller, "https://tasks.example.org/api/v2/task/86c2x7qmh/comment", body
    )


def test_a_comment_text_off_a_comment_endpoint_is_no_chat(labeller: Labeller) -> None:
    body = {"comment_text": "Notes from the call: the audit covers the spring combing only."}
    assert CHAT not in categories(labeller, "https://tasks.example.org/api/v2/task/86c2x7qmh", body)


# --- usage measurements ----------------------------------------------------------------------


def measurements(what: dict[str, Any]) -> dict[str, Any]:
    return {
        "measurements": [
            {
                "account": "ws_acme_0142",
                "meter": "transcription_minutes",
                "ts": "2026-12-10T12:47:00+00:00",
                "measure": {"minutes": 47},
                "what": what,
            }
        ]
    }


def test_meter_measurements_are_usage_and_their_language_no_locale(labeller: Labeller) -> None:
    got = categories(
        labeller,
        "https://ingest.metering.example.org/organizations/o-1/measurements",
        measurements({"language": "en"}),
    )
    assert USAGE in got and LOCALE not in got


def test_an_events_language_beside_no_meter_stays_a_locale(labeller: Labeller) -> None:
    body = {"events": [{"event": "meeting_joined", "ts": 1796327100, "data": {"language": "en"}}]}
    got = categories(labeller, "https://analytics.example.org/v1/events", body)
    assert LOCALE in got


def test_a_usage_query_with_an_aggregation_is_no_measurement(labeller: Labeller) -> None:
    body = {"aggregation": "SUM", **measurements({"region": "eu"})}
    got = categories(labeller, "https://metering.example.org/v1/measurements/search", body)
    assert USAGE not in got


def support_thread(operation: str) -> dict[str, Any]:
    return {
        "query": f"mutation {operation}($input: Input!) {{ {operation}(input: $input) {{ id }} }}",
        "variables": {
            "input": {
                "customerIdentifier": {"emailAddress": "guest@example.net"},
                "title": "Recording missing",
                "components": [
                    {"componentText": {"text": "Hi, the recording link I was sent has expired."}}
                ],
            }
        },
    }


@pytest.mark.parametrize("operation", ["createThread", "createTicket", "create_conversation"])
def test_a_support_thread_opened_with_the_customers_message_is_chat(
    labeller: Labeller, operation: str
) -> None:
    got = categories(labeller, "https://helpdesk.example.org/graphql/v1", support_thread(operation))
    assert CHAT in got


@pytest.mark.parametrize("operation", ["createThreadField", "createTicketForm", "updateThread"])
def test_a_mutation_that_changes_a_threads_fields_is_no_chat(
    labeller: Labeller, operation: str
) -> None:
    got = categories(labeller, "https://helpdesk.example.org/graphql/v1", support_thread(operation))
    assert CHAT not in got
