"""Shapes of data from the heldout19 dev set (issue 15af, tests/label/corpus/heldout19.jsonl), by
class, each with the cases it must not match: a billing or metering API's usage query over a
date window for customer ids is neither product usage nor a user id (the customers are the
ones it bills); a shop's order, a query off a usage path or one naming a person keep the id."""

from __future__ import annotations

from typing import Any

import pytest

from auditor.label import Labeller
from auditor.label.rules import flow_from_fixture

USAGE = "service_generated.product_usage"
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


USAGE_QUERY = "https://billing.example.test/v1/usage"
WINDOW = {"starting_on": "2026-12-01T00:00:00Z", "ending_before": "2026-12-08T00:00:00Z"}


def test_a_usage_query_for_customer_ids_is_no_usage_and_no_user_id(labeller: Labeller) -> None:
    body = {
        **WINDOW,
        "window_size": "DAY",
        "customer_ids": ["5f0c2e7a-91c4-4e19-9b1d-6a3e8c4f2d07"],
    }
    got = categories(labeller, USAGE_QUERY, body)
    assert USAGE not in got and UID not in got


def test_a_usage_query_for_one_customer_id_is_no_user_id(labeller: Labeller) -> None:
    body = {"start_date": "2026-12-01", "end_date": "2026-12-08", "customer_id": "cus_8F3kQ2"}
    got = categories(labeller, "https://metering.example.test/api/invoices", body)
    assert USAGE not in got and UID not in got


def test_a_shops_order_customer_id_stays_a_user_id(labeller: Labeller) -> None:
    body = {
        "start_date": "2026-12-01",
        "end_date": "2026-12-08",
        "customer_id": "cus_8F3kQ2",
        "line_items": [{"sku": "A-1", "qty": 2}],
    }
    got = categories(labeller, "https://shop.example.test/api/billing/orders", body)
    assert UID in got


def test_a_customer_id_off_a_usage_path_stays_a_user_id(labeller: Labeller) -> None:
    body = {**WINDOW, "customer_id": "cus_8F3kQ2"}
    got = categories(labeller, "https://crm.example.test/api/contacts/search", body)
    assert UID in got


def test_a_usage_query_naming_a_person_keeps_her_id(labeller: Labeller) -> None:
    body = {**WINDOW, "customer_ids": ["cus_8F3kQ2"], "user_id": "u-88421"}
    got = categories(labeller, USAGE_QUERY, body)
    assert UID in got
