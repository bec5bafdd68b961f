"""Shapes of data from the heldout19 dev set (issue 15af, tests/label/corpus/heldout19.jsonl), by
class, each with the cases it must not match: a log record of one LLM call (messages, output,
model and token counts) is no chat, its output is transcript and its timing, when it has one,
performance; an evaluator's judgment on a logged call is product usage, not diagnostics."""

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
UID = "identifiers.user_id"


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


def categories(labeller: Labeller, url: str, body: Any, method: str = "POST") -> set[str]:
    fixture: dict[str, Any] = {
        "rule": "x",
        "url": url,
        "method": method,
        "headers": [],
        "body": body,
    }
    result = labeller.label(flow_from_fixture(fixture))
    for lab in result.labels:
        assert lab.evidence, lab.category
    return set(result.categories())


LOG_URL = "https://llm-logs.example.test/v5/prompts/log"
MESSAGES = [
    {"role": "system", "content": "Summarise the meeting in three bullets for the team."},
    {
        "role": "user",
        "content": "Jonas Berg: The supplier moved the delivery to Friday, so we keep the plan.",
    },
]
DRAFT = "Hi Jonas, thanks for the update. Could you confirm Friday's delivery in writing? Best, Mia"


def test_a_timed_llm_call_log_is_performance_and_transcript_not_chat(labeller: Labeller) -> None:
    body = {
        "messages": MESSAGES,
        "output": "- Delivery moved to Friday.\n- The plan stays.",
        "prompt": {"model": "gpt-4o-mini"},
        "prompt_tokens": 212,
        "output_tokens": 31,
        "start_time": "2026-12-07T15:53:02Z",
        "end_time": "2026-12-07T15:53:04Z",
        "provider_latency": 1.84,
    }
    got = categories(labeller, LOG_URL, body)
    assert {PERF, TRANSCRIPT} <= got
    assert CHAT not in got and DIAG not in got


def test_a_drafted_output_without_times_is_transcript_and_no_performance(
    labeller: Labeller,
) -> None:
    body = {"messages": MESSAGES[1:], "output": DRAFT, "prompt_tokens": 96, "output_tokens": 38}
    got = categories(labeller, LOG_URL, body)
    assert TRANSCRIPT in got
    assert CHAT not in got and PERF not in got


def test_a_chat_completion_request_without_output_is_no_call_log(labeller: Labeller) -> None:
    body = {"model": "gpt-4o-mini", "messages": MESSAGES}
    got = categories(labeller, "https://llm.example.test/v1/chat/completions", body)
    assert TRANSCRIPT not in got and PERF not in got


def test_a_chat_apis_message_list_is_no_call_log(labeller: Labeller) -> None:
    body = {
        "messages": [{"role": "member", "text": "Are we still on for Friday, Jonas?"}],
        "output": "json",
        "model": "thread",
    }
    got = categories(labeller, "https://chat.example.test/api/messages", body)
    assert TRANSCRIPT not in got


def test_an_evaluator_judgment_on_a_logged_call_is_product_usage(labeller: Labeller) -> None:
    body = {
        "path": "App/User feedback",
        "output": "The summary misses that Jonas owes us the lab report.",
        "parent_id": "log_7Yb5Tq2Wm8Kd",
        "judgment": "bad",
    }
    got = categories(labeller, "https://llm-logs.example.test/v5/evaluators/log", body)
    assert USAGE in got
    assert DIAG not in got and CHAT not in got


def test_a_log_record_without_judgment_stays_a_log(labeller: Labeller) -> None:
    body = {"level": "error", "message": "upload failed after 3 retries", "parent_id": "span-44"}
    got = categories(labeller, "https://logs.example.test/v1/log", body)
    assert USAGE not in got
    assert DIAG in got


def test_a_judgment_without_the_log_it_judges_is_no_evaluator_log(labeller: Labeller) -> None:
    body = {"case": "C-2291", "judgment": "dismissed"}
    got = categories(labeller, "https://courts.example.test/api/cases", body)
    assert USAGE not in got
