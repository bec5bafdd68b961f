"""Classes of misses from the heldout14 dev set (issue 15p), each with cases that must match and
cases that must not: an event named by its definition's resource name with the time the action
took, flattened address keys (`address_city`), a meeting reminder that names its meeting before
when it starts, and (through the rule fixtures of conventions.yaml and monitoring.yaml) trace
ingestion batches, recorded error responses, note activities, summaries and caption paths, shown
here end to end on the labeller as well."""

from __future__ import annotations

import json
from typing import Any

import pytest

from auditor.label import Labeller
from auditor.label.prose import meeting_notice_topics
from auditor.label.rules import flow_from_fixture

USAGE = "service_generated.product_usage"
PERF = "service_generated.performance"
DIAG = "service_generated.diagnostics"
CHAT = "customer_content.chat"
TRANSCRIPT = "customer_content.transcript"
LOCALE = "device_info.locale"
COARSE = "location.coarse"
MEETING = "meeting_metadata"


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


def label(labeller: Labeller, url: str, body: Any = None, method: str = "POST") -> set[str]:
    fixture: dict[str, Any] = {"rule": "x", "url": url, "method": method}
    if body is not None:
        fixture["headers"] = [["Content-Type", "application/json"]]
        fixture["body"] = json.dumps(body)
    result = labeller.label(flow_from_fixture(fixture))
    for lab in result.labels:
        assert lab.evidence
    return set(result.categories())


def test_an_event_named_by_its_definition_is_usage_and_its_join_time_performance(
    labeller: Labeller,
) -> None:
    body = {
        "events": [
            {
                "eventDefinition": "eventDefinitions/meeting-joined",
                "payload": {"participants": 2, "join_ms": 1420},
            }
        ]
    }
    got = label(labeller, "https://events.example.org/v1/events:publish", body)
    assert {USAGE, PERF} <= got


def test_a_definition_reference_or_a_timing_outside_an_event_is_neither(
    labeller: Labeller,
) -> None:
    # a definition's resource path with nothing after the collection names no event
    got = label(
        labeller, "https://api.example.org/v1/rules", {"eventDefinition": "eventDefinitions/"}
    )
    assert USAGE not in got
    # a join time in a settings save names no event: no tracked action, no timing label here
    got = label(labeller, "https://api.example.org/v1/settings", {"join_ms": 1420})
    assert PERF not in got


@pytest.mark.parametrize(
    "key", ["address_city", "billing_city", "shipping_country", "address_country"]
)
def test_flattened_address_keys_are_coarse_location(labeller: Labeller, key: str) -> None:
    body = {"first_name": "Ingrid", key: "Bergen" if "city" in key else "NO"}
    assert COARSE in label(labeller, "https://api.example.org/v3/lists/1/contacts", body)


def test_an_address_line_or_a_city_id_is_no_coarse_location(labeller: Labeller) -> None:
    body = {"address_line_1": "Strandkaien 2", "address_type": "billing"}
    assert COARSE not in label(labeller, "https://api.example.org/v3/lists/1/contacts", body)


def test_a_reminder_names_its_meeting_before_when_it_starts(labeller: Labeller) -> None:
    text = "Hello Ingrid. Your meeting Offshore wind grid connection review starts in 15 minutes."
    assert meeting_notice_topics(text) == ["Offshore wind grid connection review"]
    assert meeting_notice_topics('The meeting "Q3 Budget" begins at 10:00') == ["Q3 Budget"]
    # the meeting's number in parentheses after the topic is no part of it
    numbered = "Your meeting Hiring committee sync (85512345678) starts in 5 minutes."
    assert meeting_notice_topics(numbered) == ["Hiring committee sync"]
    body = {"messages": [{"to": "+4791255318", "body": text, "lang": "en-gb"}]}
    assert MEETING in label(labeller, "https://notify.example.org/v3/voice/send", body)


@pytest.mark.parametrize(
    "text",
    [
        "Your meeting starts in 15 minutes.",
        "your meeting with Bob starts in 5 minutes",
        "The meeting today begins at 10",
        "A premeeting Check for audio starts in 5 minutes",
        "Your meeting 85512345678 starts in 5 minutes",
        "Your meeting Standup starts in 5 minutes",
    ],
)
def test_a_reminder_without_a_topic_names_none(text: str) -> None:
    assert meeting_notice_topics(text) == []


def test_trace_batches_end_to_end(labeller: Labeller) -> None:
    url = "https://traces.example.org/api/public/ingestion"
    spans = {
        "batch": [
            {"type": "span-create", "body": {"id": "s1", "traceId": "t1", "startTime": "x1"}},
            {"type": "span-update", "body": {"id": "s1", "traceId": "t1", "endTime": "2026-1"}},
        ]
    }
    got = label(labeller, url, spans)
    assert PERF in got and USAGE not in got
    crud = {"items": [{"type": "create", "body": {"name": "user-feedback", "endTime": "2026-1"}}]}
    assert PERF not in label(labeller, "https://api.example.org/v1/bulk", crud)


def test_content_classes_end_to_end(labeller: Labeller) -> None:
    note = {"lead_id": "lead_1", "note": "She wants the revised plan before the review."}
    assert CHAT in label(labeller, "https://crm.example.org/api/v1/activity/note/", note)
    assert CHAT not in label(labeller, "https://crm.example.org/api/v1/activity/call/", note)
    summary = {"abstract": "The date moved to Q2.", "takeaways": ["Date moved to Q2 2028"]}
    got = label(labeller, "https://video.example.org/summaries/s1/source", summary, "PATCH")
    assert TRANSCRIPT in got
    product = {"title": "Cable drum", "abstract": "A steel drum for subsea cable."}
    assert TRANSCRIPT not in label(labeller, "https://shop.example.org/api/products", product)
    vtt_path = "https://video.example.org/videos/vi1/captions/en"
    assert LOCALE in label(labeller, vtt_path, {"x": 1})
    assert LOCALE not in label(labeller, "https://www.example.org/en/docs/captions", None, "GET")


def test_a_recorded_error_response_is_diagnostics_and_a_2xx_one_is_not(
    labeller: Labeller,
) -> None:
    def event(status: int) -> list[dict[str, Any]]:
        return [
            {
                "request": {"uri": "https://api.example.org/v1/dialout", "verb": "POST"},
                "response": {"status": status, "body": {"error": "upstream_timeout"}},
            }
        ]

    url = "https://analytics.example.org/v1/events/batch"
    assert DIAG in label(labeller, url, event(502))
    assert DIAG not in label(labeller, url, event(200))
