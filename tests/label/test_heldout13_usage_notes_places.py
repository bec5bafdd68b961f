"""Classes of misses from the heldout13 dev set (issue 15m), each with cases that must match and
cases that must not: platform calls and identifies read as product usage (a profile update, a
backend's event that a reminder is due, an event written into a calendar), a note a person adds
to an alert or incident (chat, its writer by e-mail a user id), a full name after a sentence's
first word, an IP address inside a log line, a city inside an event's location object, and a
meeting number with its topic in a log or ping text."""

from __future__ import annotations

import json
from typing import Any

import pytest

from auditor.label import Labeller
from auditor.label.rules import flow_from_fixture

USAGE = "service_generated.product_usage"
CHAT = "customer_content.chat"
UID = "identifiers.user_id"
EMAIL = "contact_info.email"
NAME = "contact_info.name"
NID = "identifiers.network_id"
COARSE = "location.coarse"
MEETING = "meeting_metadata"


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


def label(
    labeller: Labeller,
    url: str,
    body: Any = None,
    method: str = "POST",
) -> set[str]:
    fixture: dict[str, Any] = {"rule": "x", "url": url, "method": method}
    if body is not None:
        fixture["headers"] = [["Content-Type", "application/json"]]
        fixture["body"] = json.dumps(body)
    result = labeller.label(flow_from_fixture(fixture))
    for lab in result.labels:
        assert lab.evidence, lab.category
    return set(result.categories())


# -- 1. platform calls and identifies are no product usage ------------------------------------


@pytest.mark.parametrize(
    ("url", "body"),
    [
        # a profile update sent as an event call: an identify
        (
            "https://hub.example.org/event/",
            {
                "distinct_id": "tomasz.k",
                "$user_operations": [
                    {"$append": {"$email": "tk@example.org"}},
                    {"$set": {"$preferred_language": "pl"}},
                ],
            },
        ),
        ("https://stats.example.org/track", {"$distinct_id": "u-1", "$set": {"$name": "Bob"}}),
        # the backend's event that a reminder is due: a notification workflow's trigger
        (
            "https://hub.example.org/v2/event/",
            {"event": "MEETING_REMINDER_DUE", "distinct_id": "tomasz.k", "properties": {}},
        ),
        ("https://stats.example.org/v1/events", {"event": "meeting_reminder", "user_id": "u-1"}),
        # an event upserted into a calendar on a calendar API
        (
            "https://api.example.org/v1/calendars/cal_01/events",
            {"event_id": "e1", "summary": "Review", "start": "2026-12-09T13:00:00Z"},
        ),
    ],
)
def test_platform_calls_and_identifies_are_no_product_usage(
    labeller: Labeller, url: str, body: Any
) -> None:
    assert USAGE not in label(labeller, url, body)


@pytest.mark.parametrize(
    ("url", "body"),
    [
        # a tracked user action, Segment-style and Mixpanel-style
        (
            "https://api.example.org/v1/track",
            {"type": "track", "event": "Button Clicked", "userId": "u-1", "properties": {}},
        ),
        (
            "https://api.example.org/track",
            {"event": "Button Clicked", "properties": {"distinct_id": "u-1", "$os": "Linux"}},
        ),
        # an action beside a property set, and actions on reminders and notifications
        (
            "https://stats.example.org/capture",
            {"event": "Button Clicked", "distinct_id": "u-1", "$set": {"plan": "pro"}},
        ),
        ("https://stats.example.org/v1/events", {"event": "Reminder Set", "user_id": "u-1"}),
        ("https://stats.example.org/v1/events", {"event": "Notification Clicked"}),
        # a due event inside a batch of actions does not silence the batch
        (
            "https://stats.example.org/v1/batch",
            {"batch": [{"event": "Button Clicked"}, {"event": "payment_due"}]},
        ),
    ],
)
def test_tracked_user_actions_stay_product_usage(labeller: Labeller, url: str, body: Any) -> None:
    assert USAGE in label(labeller, url, body)
