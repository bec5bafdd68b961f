"""heldout23's event classes (issue 15ao): a call-quality statistic summed up over a call
(`avg_jitter_ms`, `packet_loss_pct`) is performance; a batch's `$properties` profile update is
no product usage while an event the user caused is."""

from __future__ import annotations

from typing import Any

import pytest

from auditor.label import Labeller
from auditor.label.rules import flow_from_fixture

LABELLER = Labeller()


def _categories(body: dict[str, Any]) -> set[str]:
    fixture: dict[str, Any] = {
        "rule": "x",
        "url": "https://events.example.org/api/v2/events",
        "method": "POST",
        "body": body,
    }
    return set(LABELLER.label(flow_from_fixture(fixture)).categories())


@pytest.mark.parametrize("key", ["avg_jitter_ms", "packet_loss_pct", "max_rtt_ms", "avg_mos"])
def test_a_call_quality_statistic_in_a_tracked_event_is_performance(key: str) -> None:
    got = _categories({"trackEvents": [{"eventTypeKey": "meeting_ended", "properties": {key: 18}}]})
    assert {"service_generated.performance", "service_generated.product_usage"} <= got


@pytest.mark.parametrize("key", ["avg_price", "max_seats", "avg_rating"])
def test_other_averages_are_no_performance(key: str) -> None:
    got = _categories({"trackEvents": [{"eventTypeKey": "meeting_ended", "properties": {key: 18}}]})
    assert "service_generated.performance" not in got


def test_a_properties_profile_update_in_a_batch_is_no_product_usage() -> None:
    got = _categories(
        {
            "trackEvents": [
                {
                    "eventTypeKey": "$properties",
                    "properties": {"$set": {"meetings_hosted": 41}, "$increment": {"n": 1}},
                }
            ]
        }
    )
    assert "service_generated.product_usage" not in got


def test_a_batch_event_the_user_caused_beside_a_profile_set_stays_product_usage() -> None:
    got = _categories(
        {
            "trackEvents": [
                {"eventTypeKey": "$properties", "properties": {"$set": {"plan": "pro"}}},
                {"eventTypeKey": "shared_screen", "properties": {}},
            ]
        }
    )
    assert "service_generated.product_usage" in got
