"""Shapes of data from the heldout18 dev set (issue 15ae, tests/label/corpus/heldout18.jsonl), by
class, each with the cases it must not match: a customer id spelling an organisation (a
metering or billing API's billed organisation, `acme-meet-org-…`) is no user id, while a
person's `customerId` in a shop's order or a CRM contact stays one; an e-mail naming the item
of a people collection in a URL path (`/people/<address>/…`, `%40`-encoded or not) is the
account's id and an e-mail; a vendor's id of a person (`person: "pers-…"` beside a score) is a
user id, not a name, a flag or a count under `person`."""

from __future__ import annotations

from typing import Any

import pytest

from auditor.label import Labeller
from auditor.label.rules import flow_from_fixture

UID = "identifiers.user_id"
EMAIL = "contact_info.email"
JSON = "application/json"


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


def categories(
    labeller: Labeller,
    body: Any,
    *,
    url: str = "https://api.example.test/v1/records",
    method: str | None = None,
) -> set[str]:
    fixture: dict[str, Any] = {"rule": "x", "url": url, "headers": [("Content-Type", JSON)]}
    if body is not None:
        fixture["body"] = body
    if method:
        fixture["method"] = method
    result = labeller.label(flow_from_fixture(fixture))
    for lab in result.labels:
        assert lab.evidence, lab.category
    return set(result.categories())


# --- an organisation's customer id -------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "body"),
    [
        # a metering API's customer: the billed organisation, by an id spelling `org`
        ("https://billing.example.test/customers/", {"customerId": "acme-meet-org-alice-example"}),
        # a usage query filtered by the organisation's customer id
        (
            "https://billing.example.test/usage/",
            {"groupBy": ["customerId"], "filter": {"customerId": ["acme-meet-org-alice-example"]}},
        ),
        ("https://billing.example.test/v1/meters", {"customer_id": "tenant_4471"}),
        ("https://billing.example.test/v1/invoices", {"customerId": "workspace-meetcorp-eu"}),
    ],
)
def test_an_organisations_customer_id_is_no_user_id(
    labeller: Labeller, url: str, body: dict[str, Any]
) -> None:
    assert UID not in categories(labeller, body, url=url)


@pytest.mark.parametrize(
    ("url", "body"),
    [
        # a person's customer id in a shop's order, a CRM contact, the client's reference
        ("https://shop.example.test/v1/orders", {"customer_id": "cus_7Qe2Lx", "total": 4200}),
        ("https://crm.example.test/v1/contacts", {"customerId": "alice.corpus", "plan": "pro"}),
        ("https://shop.example.test/v1/orders", {"customerId": 48213377}),
        # `organizer` is no organisation word: the id stays a person's
        ("https://shop.example.test/v1/orders", {"customer_id": "organizer-7731"}),
    ],
)
def test_a_persons_customer_id_stays_a_user_id(
    labeller: Labeller, url: str, body: dict[str, Any]
) -> None:
    assert UID in categories(labeller, body, url=url)


# --- an e-mail naming an account in a URL path -------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://api.example.test/v1/people/thandiwe.mokoena%40karoo-water-example.co.za"
        "/survey_requests/pending",
        "https://api.example.test/v1/people/thandiwe.mokoena@karoo-water-example.co.za",
        "https://api.example.test/v3/contacts/thandiwe.mokoena%40karoo-water-example.co.za",
        "https://api.example.test/v2/members/thandiwe.mokoena%40karoo-water-example.co.za/tags",
        "https://api.example.test/v1/users/thandiwe.mokoena%40karoo-water-example.co.za",
    ],
)
def test_an_email_naming_a_people_collections_item_is_the_account(
    labeller: Labeller, url: str
) -> None:
    assert {UID, EMAIL} <= categories(labeller, None, url=url, method="DELETE")


@pytest.mark.parametrize(
    "url",
    [
        # in a query, or after a word that names no people collection: no account
        "https://api.example.test/v1/lists/subscribers?email=thandiwe.mokoena%40karoo.co.za",
        "https://api.example.test/v1/people?email=thandiwe.mokoena%40karoo.co.za",
        "https://api.example.test/v1/bounces/thandiwe.mokoena%40karoo-water-example.co.za",
    ],
)
def test_an_email_elsewhere_in_a_url_names_no_account(labeller: Labeller, url: str) -> None:
    assert UID not in categories(labeller, None, url=url, method="DELETE")


# --- a vendor's id of a person ------------------------------------------------------------------


def test_a_vendors_person_id_beside_a_score_is_a_user_id(labeller: Labeller) -> None:
    body = {"person": "pers-h18c0r18-4412", "score": 6}
    assert UID in categories(labeller, body, url="https://api.example.test/v1/survey_responses")


@pytest.mark.parametrize(
    "person",
    ["Thandiwe", True, 3, "guest", "individual"],
)
def test_a_name_flag_count_or_kind_under_person_is_no_user_id(
    labeller: Labeller, person: object
) -> None:
    body = {"person": person, "score": 6}
    assert UID not in categories(labeller, body, url="https://api.example.test/v1/survey_responses")
