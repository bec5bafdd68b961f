"""Issue 15v, from heldout16: LLM run batches and request logs by shape (the rules' own fixtures
live in auditor/rules/llm_observability.yaml); a bare `runtime` names the OS only when its value
does; a chat platform's thread message stays chat."""

from __future__ import annotations

import json
from typing import Any

from auditor.label import Labeller
from auditor.label.rules import flow_from_fixture


def _labels(url: str, body: Any) -> set[str]:
    fixture: dict[str, Any] = {
        "rule": "x",
        "url": url,
        "method": "POST",
        "headers": [["Content-Type", "application/json"]],
        "body": json.dumps(body),
    }
    return set(Labeller().label(flow_from_fixture(fixture)).categories())


def test_sdk_name_under_runtime_is_no_os() -> None:
    body = {"events": [{"event": "feedback", "runtime": "lunary-js", "runId": "r-1"}]}
    assert "device_info.os" not in _labels("https://llm.example.org/v1/runs/ingest", body)


def test_runtime_with_version_is_os() -> None:
    body = {"event": "app_start", "runtime": "python/3.12.1"}
    assert "device_info.os" in _labels("https://t.example.org/v1/collect", body)


def test_thread_chat_event_of_an_llm_run_is_no_chat() -> None:
    body = {
        "events": [
            {
                "event": "chat",
                "type": "thread",
                "runId": "b75056b0-e443-4260-d86e-755fcacb15b8",
                "message": {
                    "role": "user",
                    "content": "Summarise what the supplier said about the delivery dates, please.",
                },
            }
        ]
    }
    got = _labels("https://llm.example.org/v1/runs/ingest", body)
    assert "customer_content.chat" not in got
    assert {"service_generated.product_usage", "identifiers.session_id"} <= got


def test_chat_platform_thread_message_stays_chat() -> None:
    body = {
        "channel": "C01",
        "thread_ts": "1712345678.000100",
        "text": "Folasade, can you send the logger export before the customs inspection?",
    }
    assert "customer_content.chat" in _labels("https://chat.example.org/api/chat.postMessage", body)
