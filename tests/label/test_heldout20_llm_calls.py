"""Shapes of data from the heldout20 dev set (issue 15ah, tests/label/corpus/heldout20.jsonl), by
class, each with the cases it must not match: the trace or session id of an LLM call (in an SDK's
`x-…-trace-id` header or the body) is a session id, a per-request `X-Request-Id` is not; a
generation log timed by its `response_time` is performance, token counts alone are not; feedback
(-1/1 with a comment) on a trace or log is product usage, not chat; a chat completion request and
a generation log's request/response are no chat, and the log's response is transcript, not
diagnostics (not even on a `/v1/logs` path)."""

from __future__ import annotations

from typing import Any

import pytest

from auditor.label import Labeller
from auditor.label.rules import flow_from_fixture

USAGE = "service_generated.product_usage"
PERF = "service_generated.performance"
DIAG = "service_generated.diagnostics"
CHAT = "customer_content.chat"
TRANSCRIPT = "customer_content.transcript"
SESSION = "identifiers.session_id"


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


def categories(
    labeller: Labeller,
    url: str,
    body: Any,
    method: str = "POST",
    headers: list[list[str]] | None = None,
) -> set[str]:
    fixture: dict[str, Any] = {
        "rule": "x",
        "url": url,
        "method": method,
        "headers": [["Content-Type", "application/json"], *(headers or [])],
        "body": body,
    }
    result = labeller.label(flow_from_fixture(fixture))
    for lab in result.labels:
        assert lab.evidence, lab.category
    return set(result.categories())


MESSAGES = [
    {"role": "system", "content": "Summarise the meeting in three bullets for the team."},
    {
        "role": "user",
        "content": "Jonas Berg: The supplier moved the delivery to Friday, so we keep the plan.\n"
        "Mia Lund: Then I will tell the warehouse and ask for the signed delivery note.",
    },
]
DRAFT = "Hi Jonas, thanks for today. I'll tell the warehouse and ask for the signed note. Best, Mia"
COMPLETIONS = "https://gateway.example.test/v1/chat/completions"


def test_a_gateway_chat_completion_with_a_trace_header_is_a_session_and_no_chat(
    labeller: Labeller,
) -> None:
    body = {"model": "m-1", "temperature": 0.2, "messages": MESSAGES}
    got = categories(labeller, COMPLETIONS, body, headers=[["x-acme-gw-trace-id", "tr-7f3a9c"]])
    assert SESSION in got
    assert CHAT not in got


def test_a_request_id_header_on_a_chat_completion_is_no_session(labeller: Labeller) -> None:
    body = {"model": "m-1", "messages": MESSAGES}
    got = categories(labeller, COMPLETIONS, body, headers=[["X-Request-Id", "req-0c4e1b"]])
    assert SESSION not in got
    assert CHAT not in got


def test_a_chat_apis_message_to_people_stays_chat(labeller: Labeller) -> None:
    body = {"conversation_id": "c1", "text": "see you at 3, the deck is ready for the review"}
    got = categories(labeller, "https://chat.example.test/api/v1/conversations/c1/messages", body)
    assert CHAT in got


def generation_log(timed: bool) -> dict[str, Any]:
    response: dict[str, Any] = {
        "status": 200,
        "body": {
            "choices": [{"message": {"role": "assistant", "content": DRAFT}}],
            "usage": {"prompt_tokens": 64, "completion_tokens": 41, "total_tokens": 105},
        },
    }
    if timed:
        response["response_time"] = 1375
    return {
        "request": {
            "url": "https://models.example.test/v1/chat/completions",
            "method": "POST",
            "body": {"model": "m-1", "messages": MESSAGES[1:]},
        },
        "response": response,
        "metadata": {"traceId": "tr-7f3a9c", "feature": "follow-up-draft"},
    }


def test_a_timed_custom_generation_log_is_transcript_performance_and_session(
    labeller: Labeller,
) -> None:
    got = categories(labeller, "https://gateway.example.test/v1/logs", generation_log(True))
    assert {TRANSCRIPT, PERF, SESSION} <= got
    assert CHAT not in got and DIAG not in got


def test_a_generation_log_with_token_counts_alone_is_no_performance(labeller: Labeller) -> None:
    got = categories(labeller, "https://gateway.example.test/v1/logs", generation_log(False))
    assert TRANSCRIPT in got
    assert PERF not in got and CHAT not in got and DIAG not in got


def test_an_inference_log_is_timed_transcript_with_its_session(labeller: Labeller) -> None:
    body = {
        "prompt": MESSAGES,
        "response": "- Delivery moved to Friday.\n- Mia asks for the signed delivery note.",
        "language_model_id": "m-1",
        "response_time": 1620,
        "session_id": "sess-4f1c9a",
        "prompt_tokens": 388,
        "completion_tokens": 57,
    }
    got = categories(labeller, "https://logs.example.test/api/v1/log/inference", body)
    assert {TRANSCRIPT, PERF, SESSION} <= got
    assert CHAT not in got


def test_an_otlp_log_export_on_v1_logs_stays_diagnostics(labeller: Labeller) -> None:
    body = {
        "resourceLogs": [
            {
                "scopeLogs": [
                    {
                        "logRecords": [
                            {"severityText": "ERROR", "body": {"stringValue": "upload failed"}}
                        ]
                    }
                ]
            }
        ]
    }
    got = categories(labeller, "https://collector.example.test/v1/logs", body)
    assert DIAG in got


def test_feedback_on_a_trace_is_product_usage_and_its_trace_a_session(labeller: Labeller) -> None:
    body = {
        "trace_id": "tr-7f3a9c",
        "value": -1,
        "weight": 1,
        "metadata": {"comment": "Missed that the county asked for the log."},
    }
    got = categories(labeller, "https://gateway.example.test/v1/feedback", body)
    assert {USAGE, SESSION} <= got
    assert CHAT not in got


def test_user_feedback_on_an_inference_log_is_product_usage(labeller: Labeller) -> None:
    body = {
        "external_reference_id": "summary-7",
        "user_feedback": -1,
        "user_feedback_comment": "It left out the signed delivery note.",
    }
    got = categories(
        labeller, "https://logs.example.test/api/v1/prompt_run/user-feedback", body, method="PATCH"
    )
    assert USAGE in got
    assert CHAT not in got


def test_a_counter_beside_a_trace_id_is_no_feedback(labeller: Labeller) -> None:
    body = {"trace_id": "5b8efff798038103", "name": "retries", "value": 1}
    got = categories(labeller, "https://metrics.example.test/v1/points", body)
    assert USAGE not in got
