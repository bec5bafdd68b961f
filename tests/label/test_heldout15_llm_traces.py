"""LLM-trace and LLM-analytics payloads by class (issue 15r, from heldout15): trace and span
records with their times, trace updates by id, feedback scores on traces, prompt/generation
events, and a timing beside a named event; with the look-alikes that must not match."""

from __future__ import annotations

from typing import Any

import pytest

from auditor.label import Labeller
from tests.label.test_heldout14_event_semantics_and_content import label

PERF = "service_generated.performance"
USAGE = "service_generated.product_usage"
SESSION = "identifiers.session_id"
TRANSCRIPT = "customer_content.transcript"
CHAT = "customer_content.chat"
TRACE_ID = "01a250b6-d885-763e-955a-ccb1d1469305"


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


def test_a_trace_with_only_its_start_time_is_performance_not_usage(labeller: Labeller) -> None:
    body = {
        "traces": [
            {
                "id": TRACE_ID,
                "name": "answer",
                "start_time": "2026-12-07T13:34:49Z",
                "thread_id": "conv-42",
                "input": {"q": "hi"},
                "metadata": {"k": "v"},
            }
        ]
    }
    got = label(labeller, "https://llm.example.org/api/v1/traces/batch", body)
    assert {PERF, SESSION} <= got
    assert USAGE not in got


def test_an_otel_genai_like_span_list_and_a_runs_batch_are_timed_units(labeller: Labeller) -> None:
    spans = {
        "spans": [
            {
                "trace_id": TRACE_ID,
                "start_time": "2026-12-07T13:34:49Z",
                "end_time": "2026-12-07T13:34:50Z",
                "usage": {"input_tokens": 9},
            }
        ]
    }
    assert PERF in label(labeller, "https://llm.example.org/v1/spans", spans)
    runs = {
        "post": [
            {
                "id": "r1",
                "trace_id": "r1",
                "run_type": "chain",
                "start_time": "2026-12-07T13:34:49Z",
            }
        ]
    }
    assert {PERF, SESSION} <= label(labeller, "https://runs.example.org/runs/batch", runs)


def test_a_calendar_event_list_with_start_times_is_no_trace(labeller: Labeller) -> None:
    body = {"events": [{"id": "e1", "start_time": "2026-12-07T13:00:00Z", "thread_id": "t-1"}]}
    assert PERF not in label(labeller, "https://calendar.example.org/v1/sync", body)


def test_a_trace_update_by_id_is_timed_and_its_id_a_session(labeller: Labeller) -> None:
    got = label(
        labeller,
        f"https://llm.example.org/api/v1/traces/{TRACE_ID}",
        {"end_time": "2026-12-07T13:34:50Z"},
        method="PATCH",
    )
    assert {PERF, SESSION} <= got


def test_a_crud_item_patched_with_an_end_time_is_neither(labeller: Labeller) -> None:
    got = label(
        labeller,
        f"https://api.example.org/v1/items/{TRACE_ID}",
        {"end_time": "2026-12-07T14:00:00Z"},
        method="PATCH",
    )
    assert not {PERF, SESSION} & got


@pytest.mark.parametrize(
    "url, body",
    [
        (
            "https://llm.example.org/api/v1/traces/feedback-scores",
            {"scores": [{"id": TRACE_ID, "name": "user-rating", "value": 0.25, "reason": "late"}]},
        ),
        (
            "https://runs.example.org/feedback",
            {"run_id": TRACE_ID, "key": "user-score", "score": 1, "comment": "good"},
        ),
    ],
)
def test_a_users_score_on_a_trace_is_usage_not_performance(
    labeller: Labeller, url: str, body: Any
) -> None:
    got = label(labeller, url, body, method="PUT")
    assert {USAGE, SESSION} <= got
    assert PERF not in got


def test_a_product_reviews_rating_is_no_trace_score(labeller: Labeller) -> None:
    got = label(
        labeller,
        "https://shop.example.org/api/v1/reviews",
        {"product_id": "p-9", "rating": 4, "review": "Works well"},
    )
    assert SESSION not in got


def test_a_prompt_and_generation_event(labeller: Labeller) -> None:
    body = [
        {
            "user_id": "u-7",
            "prompt": "What is due?",
            "generation": "The report is due.",
            "thread_id": "thread-01",
            "latency": 1.2,
        }
    ]
    got = label(labeller, "https://llm-analytics.example.org/api/publish_llm_events", body)
    assert {USAGE, TRANSCRIPT, SESSION, PERF} <= got
    assert CHAT not in got


def test_a_chat_thread_id_is_no_llm_conversation(labeller: Labeller) -> None:
    got = label(
        labeller,
        "https://chat.example.org/api/chat.postMessage",
        {"channel": "C01", "thread_id": "1712345678.000100", "text": "see you at 3"},
    )
    assert TRANSCRIPT not in got


@pytest.mark.parametrize("key", ["duration_ms", "latency_ms", "join_ms"])
def test_a_timing_beside_a_named_event_is_performance(labeller: Labeller, key: str) -> None:
    body = [{"user_id": "u", "event": "summary_shared", "properties": {key: 412}}]
    assert {USAGE, PERF} <= label(labeller, "https://app.example.org/api/publish_events", body)


def test_a_meeting_length_beside_a_named_event_is_no_timing(labeller: Labeller) -> None:
    body = [{"event": "meeting_scheduled", "properties": {"duration": 30}}]
    assert PERF not in label(labeller, "https://app.example.org/api/publish_events", body)
