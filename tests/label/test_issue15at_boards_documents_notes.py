"""Content classes of the heldout25 dev set (issue 15at, tests/label/corpus/heldout25.jsonl), by
class, each with the cases it must not match: a whiteboard's sticky notes or shapes (a list of
items with text, LiveList/LiveObject `data` layers between) and a document drafted as HTML on a
template or document create are files, an HTML e-mail body, a page's markup sent to be crawled
and a config's `notes` string are not; a personal note under `message` (a share's note to the
person, a signature request's `message.body`) is chat, a subject, a notification template and
an API status are not; a document's or page's title naming it a meeting's notes ("Notes: <topic>
(<date>)", "Minutes: <topic>") is meeting metadata, "Notes: release 2.3" and "Notes on API
design" are not; a message handed to a webhook-delivery service (`eventType` + `payload`) is no
product usage, an analytics event is."""

from __future__ import annotations

from typing import Any

import pytest

from auditor.label import Labeller
from tests.label.fixture_labels import categories

CHAT = "customer_content.chat"
FILES = "customer_content.files"
MEETING = "meeting_metadata"
USAGE = "service_generated.product_usage"


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


# --- a whiteboard's content and a drafted HTML document: files ---------------------------------


def _live(data: Any) -> dict[str, Any]:
    return {"liveblocksType": "LiveObject", "data": data}


@pytest.mark.parametrize(
    ("url", "body"),
    [
        (
            "https://api.example.com/v2/rooms/board-7/storage",
            _live(
                {
                    "title": "Bridge deck inspection",
                    "stickies": {
                        "liveblocksType": "LiveList",
                        "data": [
                            _live({"text": "Cracks near pier 4 need a second look", "x": 1}),
                            _live({"text": "Order the drone survey before May", "x": 2}),
                        ],
                    },
                }
            ),
        ),
        (
            "https://api.example.com/boards/91/items",
            {"shapes": [{"type": "rect", "text": "Move the kickoff to the week of the 12th"}]},
        ),
        (
            "https://api.example.com/v1/templates/html",
            {
                "name": "Supply terms",
                "html": "<h1>Supply terms</h1><p>The grower delivers two pallets a week from"
                " June; the buyer pays within thirty days of each delivery.</p>",
            },
        ),
        (
            "https://api.example.com/v1/documents",
            {
                "documents": [
                    {
                        "html": "<p>Both parties agree that the pilot runs for six weeks"
                        " and ends with a joint review.</p>"
                    }
                ]
            },
        ),
    ],
)
def test_board_items_and_drafted_html_documents_are_files(
    labeller: Labeller, url: str, body: Any
) -> None:
    assert FILES in categories(labeller, url, body)


@pytest.mark.parametrize(
    ("url", "body"),
    [
        (
            "https://api.example.com/v3/mail/send",
            {
                "subject": "Your receipt",
                "html": "<p>Thanks for your order. Your receipt for"
                " the annual plan is attached to this message.</p>",
            },
        ),
        (
            "https://api.example.com/v1/crawl",
            {
                "url": "https://example.org",
                "html": "<html><body><p>Welcome to our store, the"
                " best place for garden tools and seeds.</p></body></html>",
            },
        ),
        (
            "https://api.example.com/v1/templates",
            {"name": "Greeting", "html": "<p>Hi</p>"},
        ),
        (
            "https://api.example.com/v1/settings",
            {"config": {"notes": "Keep retries at three for the staging cluster", "retries": 3}},
        ),
    ],
)
def test_mail_bodies_crawled_pages_and_config_notes_are_no_files(
    labeller: Labeller, url: str, body: Any
) -> None:
    assert FILES not in categories(labeller, url, body)


# --- a personal note to a person: chat ----------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "body", "method"),
    [
        (
            "https://api.example.com/sharefolder?folderid=5&mail=ana%40example.org"
            "&message=Hi%20Ana%2C%20here%20are%20the%20slides%20from%20today.",
            None,
            "GET",
        ),
        (
            "https://api.example.com/submissions",
            {
                "template_id": 4,
                "message": {
                    "subject": "Please sign",
                    "body": "Here is what we agreed on the call. Thanks, Jonas Weber",
                },
                "submitters": [{"email": "ana@example.org"}],
            },
            "POST",
        ),
    ],
)
def test_a_personal_note_under_message_is_chat(
    labeller: Labeller, url: str, body: Any, method: str
) -> None:
    assert CHAT in categories(labeller, url, body, method)


@pytest.mark.parametrize(
    "body",
    [
        {"message": {"subject": "Hi Ana, please sign the plan", "body": None}},
        {"message": {"body": "Hi {{first_name}}, your document {{name}} is ready to sign."}},
        {"message": "Upload complete", "status": "ok"},
    ],
)
def test_subjects_templates_and_statuses_are_no_chat(labeller: Labeller, body: Any) -> None:
    assert CHAT not in categories(labeller, "https://api.example.com/submissions", body)


# --- a meeting's notes by their title: meeting metadata -----------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        {"subject": "Notes: Harbour crane maintenance planning (2026-11-04)"},
        {"title": "Notes: Harbour crane maintenance planning, 4 November 2026"},
        {"title": "Minutes: Harbour crane maintenance planning"},
        {"title": "Recap: Harbour crane maintenance planning"},
    ],
)
def test_meeting_notes_titles_name_the_meeting(labeller: Labeller, body: Any) -> None:
    assert MEETING in categories(labeller, "https://api.example.com/v1/spaces/s1/pages", body)


@pytest.mark.parametrize(
    "body",
    [
        {"subject": "Notes: release 2.3"},
        {"title": "Notes on API design"},
        {"title": "Release notes 2026-11-04"},
    ],
)
def test_other_notes_titles_name_no_meeting(labeller: Labeller, body: Any) -> None:
    assert MEETING not in categories(labeller, "https://api.example.com/v1/spaces/s1/pages", body)


# --- a message to a webhook-delivery service: no product usage ----------------------------------


def test_a_webhook_delivery_message_is_no_product_usage(labeller: Labeller) -> None:
    body = {
        "eventId": "evt_1",
        "eventType": "invoice.paid",
        "payload": {"type": "invoice.paid", "invoice": {"id": "in_1", "amount": 1200}},
    }
    assert USAGE not in categories(labeller, "https://api.example.com/api/v1/app/app_1/msg", body)


def test_an_analytics_event_stays_product_usage(labeller: Labeller) -> None:
    body = {"eventType": "button_clicked", "properties": {"screen": "settings"}}
    assert USAGE in categories(labeller, "https://api.example.com/v1/track", body)
