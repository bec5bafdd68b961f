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


def _os_labelled(body: dict[str, Any]) -> bool:
    fixture: dict[str, Any] = {
        "rule": "x",
        "url": "https://push.example.org/users",
        "method": "POST",
        "body": body,
    }
    return "device_info.os" in LABELLER.label(flow_from_fixture(fixture)).categories()


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("client", "desktop 5.19.2 on Windows 11 23H2"),
        ("platform", "Electron 31 running on macOS 14.5"),
        ("environment", "CI runner, Ubuntu 22.04"),
        ("device_info", "ThinkPad on Windows 10 22H2"),
    ],
)
def test_an_os_with_its_version_in_free_text_under_a_platform_key_is_os(
    key: str, value: str
) -> None:
    assert _os_labelled({"identifier": "usr_7Zq41b", "properties": {key: value}})


@pytest.mark.parametrize(
    ("key", "value"),
    [
        # "windows" in prose, the product name without a version, a window size, an app version
        ("client", "closes all windows on exit"),
        ("client", "Microsoft Windows app store"),
        ("device", "window 1280 x 720 at 2x"),
        ("client", "desktop 5.19.2"),
        # an OS with its version under a key that says nothing about the client
        ("title", "Upgrade guide for Windows 11 users"),
    ],
)
def test_os_words_elsewhere_or_without_a_version_are_no_os(key: str, value: str) -> None:
    assert not _os_labelled({"identifier": "usr_7Zq41b", "properties": {key: value}})
