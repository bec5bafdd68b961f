"""Whose account, whose phone, whose name (issue 15, from the sdk10 dev set,
tests/label/corpus/sdk10.jsonl), each class with the cases it must not match:
- a person named by role in a row of `{column, value}` cells (the column names the role);
- an entity object whose kind or type says it is a person (`{id, kind: "person"}`);
- a meeting's host (organizer, moderator) given as an e-mail address;
- a business's customer record referred to by its id (`customer: cus_…`);
- a phone number addressed as a call's or message's source or destination (`src`, `dst`);
- a multi-valued contact attribute (`phone: [{value, label}]`, SCIM `emails: [{value}]`) and
  the name of the record that holds it;
- arguments written inline in a GraphQL document (`create_item(column_values: "{…}")`), and the
  name beside an address in one column object (`{email, text}`)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from auditor.label import Labeller
from auditor.label.rules import flow_from_fixture

EMAIL = "contact_info.email"
NAME = "contact_info.name"
PHONE = "contact_info.phone"
UID = "identifiers.user_id"
NID = "identifiers.network_id"
COARSE = "location.coarse"
API = "https://api.example-work.test/v1/records"
ADDRESS = "mei.tanaka@example-co.test"


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


def categories(labeller: Labeller, body: Any, url: str = API) -> set[str]:
    headers = (
        [["Content-Type", "application/x-www-form-urlencoded"]] if isinstance(body, str) else []
    )
    fixture: dict[str, Any] = {"rule": "x", "url": url, "headers": headers, "method": "POST"}
    fixture["body"] = body
    result = labeller.label(flow_from_fixture(fixture))
    for lab in result.labels:
        assert lab.evidence, lab.category
    return set(result.categories())


def cells(*pairs: tuple[str, Any]) -> dict[str, Any]:
    return {"rows": [{"cells": [{"column": c, "value": v} for c, v in pairs]}]}


# -- {column, value} cells -------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        cells(("Task", "Send the deck"), ("Owner", ADDRESS), ("Due", "2026-12-16")),
        cells(("Assignee", ADDRESS)),
        {"fields": [{"column": "Reviewer", "value": "u_8812", "type": "person"}]},
        {"data": [{"field": "assignee", "value": ADDRESS}, {"field": "Task date", "value": "x"}]},
    ],
)
def test_a_cell_whose_column_names_a_persons_role_is_a_user_id(
    labeller: Labeller, body: Any
) -> None:
    assert UID in categories(labeller, body)


@pytest.mark.parametrize(
    "body",
    [
        cells(("Task", "Send the deck"), ("Contact", ADDRESS)),  # an address, no role
        cells(("Owner", "Finance team")),  # an owner named as a team
        cells(("Meeting", "Q3 review"), ("Due", "2026-12-16"), ("Notes", "u_8812")),
    ],
)
def test_a_cell_whose_column_names_no_role_is_no_user_id(labeller: Labeller, body: Any) -> None:
    assert UID not in categories(labeller, body)


def test_a_cell_is_read_under_its_column_like_a_key(labeller: Labeller) -> None:
    got = categories(labeller, cells(("Phone", "+44 7700 900123"), ("Task", "call back")))
    assert PHONE in got


# -- entity objects typed as a person --------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        {"person": {"personsAndTeams": [{"id": 48213907, "kind": "person"}]}},
        {"people": [{"id": "u_8812", "type": "person"}]},
        {"assigned": [{"id": 4821, "kind": "member"}]},
    ],
)
def test_an_entity_typed_as_a_person_has_a_user_id(labeller: Labeller, body: Any) -> None:
    assert UID in categories(labeller, body)


@pytest.mark.parametrize(
    "body",
    [
        {"person": {"personsAndTeams": [{"id": 480011, "kind": "team"}]}},
        {"items": [{"id": 48213907, "kind": "board"}]},
        {"resources": [{"id": "r_1", "type": "room"}]},
    ],
)
def test_an_entity_typed_as_a_team_or_thing_has_no_user_id(labeller: Labeller, body: Any) -> None:
    assert UID not in categories(labeller, body)


# -- a meeting's host by e-mail --------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        {"tracking": {"details": {"host": ADDRESS, "participants": 7}}},
        {"meeting": {"organizer": ADDRESS}},
        {"moderator": ADDRESS},
    ],
)
def test_a_host_given_as_an_email_is_a_user_id_and_an_address(
    labeller: Labeller, body: Any
) -> None:
    got = categories(labeller, body)
    assert UID in got and EMAIL in got and NID not in got, got


@pytest.mark.parametrize(
    ("body", "category"),
    [
        ({"host": "ROOM-PC-7", "level": "info"}, NID),  # a log event's machine
        ({"server": {"host": "db1.internal.example"}}, NID),  # a server's host name
    ],
)
def test_a_host_name_stays_a_network_id(labeller: Labeller, body: Any, category: str) -> None:
    got = categories(labeller, body)
    assert category in got and UID not in got, got


def test_an_address_under_a_host_object_stays_contact_data(labeller: Labeller) -> None:
    got = categories(labeller, {"Host": {"email": ADDRESS}})
    assert EMAIL in got and UID not in got, got


# -- a customer record's id ------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "customer=cus_NffrFeUfNV2Hib&amount=4900&currency=chf",
        "customer=cus_NffrFeUfNVxHib&amount=4900",
        {"customer": "C-20931", "total": 12},
    ],
)
def test_a_customer_record_id_is_a_user_id(labeller: Labeller, body: Any) -> None:
    assert UID in categories(labeller, body)


@pytest.mark.parametrize(
    "body",
    [
        "customer=enterprise&amount=4900",  # a kind of customer
        {"customer": True},
        {"customer": "Acme Corp"},
        {"customer": 3},
        {"customer": "[redacted]"},
    ],
)
def test_a_customer_kind_or_flag_is_no_user_id(labeller: Labeller, body: Any) -> None:
    assert UID not in categories(labeller, body)


# -- a call's or message's source and destination numbers ------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        {"src": "+41445551234", "dst": "+447700900123", "text": "Reminder", "type": "sms"},
        {"dst": "+447700900123", "text": "Reminder"},
        {"caller": "+41 44 555 12 34", "duration": 30},
    ],
)
def test_a_source_or_destination_number_is_a_phone(labeller: Labeller, body: Any) -> None:
    assert PHONE in categories(labeller, body)


@pytest.mark.parametrize(
    "body",
    [
        {"src": "https://cdn.example.test/img/2026-12-07.png"},
        {"src": "1207", "dst": "88120", "port": 443},  # ports, ids
        {"dst": "2026-12-07", "src": "2026-12-06"},
    ],
)
def test_a_source_or_destination_that_is_no_number_is_no_phone(
    labeller: Labeller, body: Any
) -> None:
    assert PHONE not in categories(labeller, body)


# -- multi-valued contact attributes ---------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        {"phone": [{"value": "+447700900123", "primary": True, "label": "mobile"}]},
        {"phoneNumbers": [{"value": "+44 7700 900123", "type": "work"}]},
        {"phones": [{"value": "07700 900123"}]},
        {"phones": [{"number": "+44 7700 900123", "type": "mobile"}]},
    ],
)
def test_a_phone_in_a_list_of_values_is_a_phone(labeller: Labeller, body: Any) -> None:
    assert PHONE in categories(labeller, body)


@pytest.mark.parametrize(
    "body",
    [
        {"phone": [{"value": True, "label": "verified"}]},
        {"settings": [{"value": "+447700900123", "label": "mobile"}]},  # no contact key
        {"phone": [{"value": "2026-12-07"}]},
        {"phones": [{"number": 3, "type": "mobile"}]},  # a count
        {"meeting": {"number": "85512345678"}},  # a meeting's number
    ],
)
def test_a_list_of_values_outside_a_contact_key_is_no_phone(labeller: Labeller, body: Any) -> None:
    assert PHONE not in categories(labeller, body)


@pytest.mark.parametrize(
    "body",
    [
        {"name": "Priya Raman", "email": [{"value": ADDRESS, "primary": True}], "org_id": 311},
        {"name": "Priya Raman", "emails": [{"value": ADDRESS, "type": "work"}]},
        {"name": "Priya Raman", "phone": [{"value": "+447700900123", "label": "mobile"}]},
        {"name": "Priya Raman", "phones": [{"number": "+447700900123", "type": "mobile"}]},
    ],
)
def test_the_name_of_a_record_holding_contact_values_is_a_persons_name(
    labeller: Labeller, body: Any
) -> None:
    assert NAME in categories(labeller, body)


@pytest.mark.parametrize(
    "body",
    [
        {"name": "Northwind Traders", "org_id": 311, "label": "vendor"},  # an org
        {"name": "Q3 Review Board", "items": [{"value": "x", "label": "y"}]},
        {"name": "Vendor Onboarding", "settings": [{"value": "on"}]},  # no contact data beside
        {"name": "Weekly Sync", "columns": [{"value": "Send Minutes"}]},
    ],
)
def test_a_name_beside_no_contact_values_is_no_persons_name(labeller: Labeller, body: Any) -> None:
    assert NAME not in categories(labeller, body)


# -- GraphQL arguments written inline --------------------------------------------------------

_COLUMN_VALUES = json.dumps(
    {
        "email": {"email": ADDRESS, "text": "Priya Raman"},
        "phone": {"phone": "+447700900123", "countryShortName": "GB"},
        "text": "meeting 85512345678",
    }
)
_INLINE = (
    "mutation\n    {\n        create_item (\n            board_id: 5012345678,\n"
    '            group_id: "topics",\n            item_name: "Follow-up: review",\n'
    f"            column_values: {json.dumps(_COLUMN_VALUES)},\n"
    "            create_labels_if_missing: false\n        ) {\n            id\n        }\n    }"
)


def test_inline_graphql_arguments_are_read_as_fields(labeller: Labeller) -> None:
    got = categories(labeller, {"query": _INLINE}, "https://api.example-work.test/v2")
    assert {EMAIL, NAME, PHONE} <= got, got
    assert COARSE not in got and UID not in got, got


@pytest.mark.parametrize(
    "query",
    [
        "query { boards(ids: 5012345678) { name columns { title } } }",
        'mutation { create_item(board_id: 1, item_name: "Northwind Board") { id } }',
        'query { items(limit: 5, query_params: {rules: [{column_id: "status", '
        'compare_value: ["Done"]}]}) { name } }',
    ],
)
def test_inline_graphql_without_personal_data_earns_no_contact_label(
    labeller: Labeller, query: str
) -> None:
    got = categories(labeller, {"query": query}, "https://api.example-work.test/v2")
    assert not got & {EMAIL, NAME, PHONE, UID, COARSE}, got


@pytest.mark.parametrize(
    "column",
    [
        {"email": ADDRESS, "text": "Priya Raman"},
        {"email": {"email": ADDRESS, "text": "Priya Raman"}},
    ],
)
def test_the_name_beside_an_address_in_a_column_object_is_a_name(
    labeller: Labeller, column: Any
) -> None:
    assert NAME in categories(labeller, {"column_values": column})


@pytest.mark.parametrize(
    "column",
    [
        {"email": ADDRESS, "text": "see the minutes"},
        {"status": {"text": "Working On It"}, "email": ADDRESS},
        {"text": "Vendor Onboarding"},  # no address beside: a title
    ],
)
def test_text_that_is_no_name_or_not_beside_an_address_is_no_name(
    labeller: Labeller, column: Any
) -> None:
    assert NAME not in categories(labeller, {"column_values": column})


def test_a_numeric_board_id_is_no_hardware_but_a_machines_board_id_is(
    labeller: Labeller,
) -> None:
    url = "https://api.example-work.test/v2"
    query = 'mutation { create_item(board_id: 5012345678, item_name: "Follow-up") { id } }'
    assert "device_info.hardware" not in categories(labeller, {"query": query}, url)
    assert "device_info.hardware" not in categories(labeller, {"board_id": "5012345678"})
    got = categories(labeller, {"system": {"board_id": "Mac-7BA5B2DFE22DDD8C"}})
    assert "device_info.hardware" in got


def test_a_comment_posted_by_a_mutation_with_inline_arguments_is_chat(
    labeller: Labeller,
) -> None:
    # 15b reads a comment-posting mutation's variables as chat; written inline, its arguments
    # are fields under `query › graphql` and read the same way.
    url = "https://api.example-work.test/graphql"
    posted = (
        'mutation { commentCreate(input: {issueId: "ISS-12", '
        'body: "Can you send me the signed contract before the review?"}) { success } }'
    )
    assert "customer_content.chat" in categories(labeller, {"query": posted}, url)
    other = (
        'mutation { issueUpdate(id: "ISS-12", '
        'input: {title: "Can you send me the signed contract before the review?"}) { id } }'
    )
    assert "customer_content.chat" not in categories(labeller, {"query": other}, url)
