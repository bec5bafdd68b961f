"""Scheduling and form classes (issue 15bb; heldout29, tests/label/corpus/), each with the cases
it must match and the cases it must not:
- a person record's reference key (`reference_id`, `externalReference`) holding a handle (a
  username spelt `first.last`, an app's user reference, the local part of the record's own
  address) is the client's id of that person: a user id; an order's, meeting's or link's
  reference, a single word, or a reference in a record describing no person is none;
- the ids a filter or search body narrows to under a person id's key (`team_member_id_filter:
  {any: [...]}`, `userId: {in: [...]}`, `member_ids_filter`) are user ids, as the key's own
  values are; a status, location, team or service filter's values are not; a team member's id
  (`team_member_id`: a staff member's account) is a user id, a team's id is not;
- a full name given as the first and last sub-fields of one field (a form builder's
  `submission[3_first]`/`submission[3_last]`, `name_first`/`name_last`, `name: {first, last}`,
  `3: {first, last}`) is a name; a range's `first`/`last`, sort words, numbers and the sub-fields
  of two different questions are not."""

from __future__ import annotations

from typing import Any

import pytest

from auditor.label import Labeller
from tests.label.fixture_labels import categories

UID = "identifiers.user_id"
NAME = "contact_info.name"
FORM = [("Content-Type", "application/x-www-form-urlencoded")]


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


# --- a person record's reference key holding a handle ----------------------------------------

CUSTOMERS = "https://connect.example-pay.test/v2/customers"


@pytest.mark.parametrize(
    "body",
    [
        {
            "given_name": "Eamon",
            "family_name": "Gallagher",
            "email_address": "eamon.gallagher@burren-example.ie",
            "reference_id": "eamon.gallagher",
        },
        {
            "customer": {
                "given_name": "Mahlet",
                "phone_number": "+251911234567",
                "referenceId": "m_gebremedhin",
            }
        },
        {"customer": {"email": "egallagher@burren-example.ie", "reference_id": "egallagher"}},
        {"contact": {"name": "Tevita Fifita", "externalReference": "usr_7Kq2Lm9Rb4"}},
    ],
)
def test_a_person_records_reference_holding_a_handle_is_a_user_id(
    labeller: Labeller, body: dict[str, Any]
) -> None:
    assert UID in categories(labeller, CUSTOMERS, body)


@pytest.mark.parametrize(
    "body",
    [
        {"given_name": "Eamon", "reference_id": "order-8812"},
        {"given_name": "Eamon", "reference_id": "mtg-85512345678"},
        {"given_name": "Eamon", "reference_id": "INV-2024-001"},
        {"given_name": "Eamon", "reference_id": "website"},
        {"order": {"reference_id": "eamon.gallagher", "amount": 1200}},
        {"link": {"url": "https://x.example.org/a", "reference_id": "spring.sale"}},
        {"payment": {"client_reference_id": "booking.deposit", "amount_money": {"amount": 500}}},
    ],
)
def test_a_reference_of_no_person_or_holding_no_handle_is_no_user_id(
    labeller: Labeller, body: dict[str, Any]
) -> None:
    assert UID not in categories(labeller, CUSTOMERS, body)


# --- person ids in a filter or search body ---------------------------------------------------

SEARCH = "https://connect.example-pay.test/v2/bookings/availability/search"


@pytest.mark.parametrize(
    "body",
    [
        {
            "query": {
                "filter": {
                    "segment_filters": [
                        {
                            "service_variation_id": "GXQ2H29CONSULT45MIN",
                            "team_member_id_filter": {"any": ["TMh29AliceEx0142"]},
                        }
                    ]
                }
            }
        },
        {"filter": {"userId": {"in": ["usr_7Kq2Lm9Rb4"]}}},
        {"filter": {"member_ids_filter": ["usr_7Kq2Lm9Rb4"]}},
        {"filter": {"assignee_id": {"eq": "usr_7Kq2Lm9Rb4"}}},
        {"booking": {"team_member_id": "TMh29AliceEx0142", "start_at": "2026-12-14T10:30:00Z"}},
    ],
)
def test_a_persons_id_a_filter_narrows_to_is_a_user_id(
    labeller: Labeller, body: dict[str, Any]
) -> None:
    assert UID in categories(labeller, SEARCH, body)


@pytest.mark.parametrize(
    "body",
    [
        {"query": {"filter": {"status_filter": {"any": ["ACCEPTED", "PENDING"]}}}},
        {"query": {"filter": {"location_id_filter": {"any": ["L8Z2H29QUARRY01"]}}}},
        {"query": {"filter": {"team_id_filter": {"any": ["TEAM8Z2H29"]}}}},
        {"query": {"filter": {"service_variation_id": {"any": ["GXQ2H29CONSULT45MIN"]}}}},
        {"filter": {"any": ["TMh29AliceEx0142"]}},
        {"filter": {"customer_filter": {"any": ["VIP"]}}},
        {"filter": {"user_filter": "active"}},
        {"filter": {"assignee_id": {"in": ["me"]}}},
        {"filter": {"user_id_filter": {"any": ["all"]}}},
        {"team": {"team_id": "TEAM8Z2H29", "member_count": 4}},
    ],
)
def test_a_filter_on_no_persons_id_is_no_user_id(labeller: Labeller, body: dict[str, Any]) -> None:
    assert UID not in categories(labeller, SEARCH, body)


# --- a full name as the first and last sub-fields of one field -------------------------------

SUBMISSIONS = "https://api.example-forms.test/form/253407716245052/submissions"


@pytest.mark.parametrize(
    ("body", "headers"),
    [
        ("submission%5B3_first%5D=Eamon&submission%5B3_last%5D=Gallagher", FORM),
        ("submission[7_first]=Tevita&submission[7_last]=Fifita&submission[8]=yes", FORM),
        ({"submission": {"3": {"first": "Eamon", "last": "Gallagher"}}}, None),
        ({"answers": {"q3_first": "Mahlet", "q3_last": "Gebremedhin"}}, None),
        ({"fields": {"name_first": "Eamon", "name_last": "Gallagher"}}, None),
        ({"name": {"first": "Chiara", "last": "Rossi"}}, None),
        ({"guest": {"first": "Eamon", "last": "Gallagher", "email": "e@burren-example.ie"}}, None),
    ],
)
def test_first_and_last_sub_fields_of_one_field_are_a_name(
    labeller: Labeller, body: Any, headers: list[tuple[str, str]] | None
) -> None:
    assert NAME in categories(labeller, SUBMISSIONS, body, headers=headers)


@pytest.mark.parametrize(
    ("body", "headers"),
    [
        ("submission%5B3_first%5D=Eamon&submission%5B4_last%5D=Gallagher", FORM),
        ({"range": {"first": "Monday", "last": "Friday"}}, None),
        ({"ranges": [{"first": "Monday", "last": "Friday"}]}, None),
        ({"name": {"first": "asc", "last": "desc"}}, None),
        ({"3": {"first": "10", "last": "20"}}, None),
        ({"page": {"first": "Start", "last": "End"}}, None),
    ],
)
def test_first_and_last_of_no_name_field_are_no_name(
    labeller: Labeller, body: Any, headers: list[tuple[str, str]] | None
) -> None:
    assert NAME not in categories(labeller, SUBMISSIONS, body, headers=headers)
