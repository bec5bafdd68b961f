"""Identifier, name and diagnostics classes of heldout32 and heldout33 (issue 15bm), by format
and convention, for any API written the same way:

- FHIR as a format: a Reference (`{"reference": "Patient/<id>"}`) to a Patient, Practitioner,
  RelatedPerson or Person names a person, whatever field holds it (`participant.actor`,
  `subject`, `sender`, `recipient`, `author`, `performer`) and however deep (a transaction
  Bundle's `entry[].resource`): a user id, as an HR employee's id (issue 15bf). References to an
  Organization, Location, Encounter or Appointment, contained (`#ep1`) and `urn:uuid:` ones do
  not;
- a FHIR HumanName (`name: [{family, given: [...]}]`) and a search's `given` are a name, as
  `lastName`/`firstName` (issue 15bb); a font's `family` is not;
- role-named person ids: a member's id under a role (`attendee_member_id`), a clinician's or
  patient's id (`dietitian_id`, `practitioner_id`), the `Api-Username` a call is made as; not
  an event's, a ticket's, an organisation's or a provider's id;
- an alert raised for a failure with an error code word in its data (`metadata.error_code:
  ICE_FAILED`): diagnostics, as an error text there is; not a numeric or empty code.

The redactor pseudonymises what the labeller reads (one vocabulary): see
tests/security/test_export_redaction.py."""

from __future__ import annotations

from typing import Any

import pytest

from auditor.label import Labeller
from tests.label.fixture_labels import categories

UID = "identifiers.user_id"
NAME = "contact_info.name"
DIAG = "service_generated.diagnostics"
FHIR = "https://ehr.example.org/fhir/r4"


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


def _fhir(labeller: Labeller, resource: str, body: Any) -> set[str]:
    return categories(labeller, f"{FHIR}/{resource}", body)


# --- FHIR references to people ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("resource", "body"),
    [
        (
            "Appointment",
            {
                "resourceType": "Appointment",
                "status": "booked",
                "participant": [{"actor": {"reference": "Patient/erXuFYUfucBZaryVksYEc"}}],
            },
        ),
        (
            "Communication",
            {
                "resourceType": "Communication",
                "status": "completed",
                "sender": {"reference": "Practitioner/eM5CWtq15N0WJeu"},
            },
        ),
        (
            "Communication",
            {"resourceType": "Communication", "recipient": [{"reference": "RelatedPerson/rp-77"}]},
        ),
        (
            "DocumentReference",
            {
                "resourceType": "DocumentReference",
                "author": [{"reference": "Practitioner/4122630"}],
            },
        ),
        (
            "Observation",
            {"resourceType": "Observation", "performer": [{"reference": "Person/8812"}]},
        ),
        (
            "Observation",
            {
                "resourceType": "Observation",
                "subject": {"reference": "https://ehr.example.org/fhir/r4/Patient/12724066"},
            },
        ),
        (
            "",
            {
                "resourceType": "Bundle",
                "type": "transaction",
                "entry": [
                    {
                        "resource": {
                            "resourceType": "Encounter",
                            "status": "finished",
                            "participant": [{"individual": {"reference": "Practitioner/41226"}}],
                        },
                        "request": {"method": "POST", "url": "Encounter"},
                    }
                ],
            },
        ),
    ],
)
def test_a_fhir_reference_to_a_person_is_a_user_id(
    labeller: Labeller, resource: str, body: Any
) -> None:
    assert UID in _fhir(labeller, resource, body)


@pytest.mark.parametrize(
    "reference",
    [
        "Organization/77120",
        "Location/clinic-3",
        "Encounter/4817523",
        "Appointment/4817523",
        "#ep1",
        "urn:uuid:6f1d2c3b-8e3e-4a5b-9c8d-7e6f5a4b3c2d",
        "Patient",
        "see the patient's chart",
    ],
)
def test_references_to_records_and_things_are_no_user_id(
    labeller: Labeller, reference: str
) -> None:
    body = {
        "resourceType": "Appointment",
        "status": "booked",
        "participant": [{"actor": {"reference": reference}}],
        "serviceProvider": {"reference": reference},
    }
    assert UID not in _fhir(labeller, "Appointment", body)


# --- FHIR HumanName and search ------------------------------------------------------------------


def test_a_fhir_human_name_is_a_name(labeller: Labeller) -> None:
    body = {
        "resourceType": "Patient",
        "name": [{"use": "official", "family": "Nwachukwu", "given": ["Ifeoma"]}],
        "gender": "female",
    }
    assert NAME in _fhir(labeller, "Patient", body)


def test_a_fhir_searchs_given_name_is_a_name(labeller: Labeller) -> None:
    url = f"{FHIR}/Patient?family=Nwachukwu&given=Ifeoma&birthdate=1984-09-23"
    assert NAME in categories(labeller, url, method="GET")


@pytest.mark.parametrize(
    ("url", "body"),
    [
        # a web font's family, in the query and in a body
        ("https://fonts.example.org/css2?family=Roboto&display=swap", None),
        ("https://api.example.org/v1/themes", {"font": {"family": "Roboto", "size": 14}}),
        # a product's name object and a given flag are no person's
        ("https://api.example.org/v1/items", {"name": {"given": True, "text": "inventory"}}),
    ],
)
def test_font_families_and_flags_are_no_name(labeller: Labeller, url: str, body: Any) -> None:
    assert NAME not in categories(labeller, url, body, method="GET" if body is None else "POST")


# --- role-named person ids -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "body", "headers"),
    [
        (
            "https://api.example.org/2/checkin?event_id=304118&attendee_member_id=287440913",
            None,
            [],
        ),
        ("https://api.example.org/v1/groups/8/members", {"group_member_id": "gm_77Kq2"}, []),
        (
            "https://api.example.org/graphql",
            {
                "query": "mutation ($v: CreateClientInput) { createClient(input: $v) { id } }",
                "variables": {"v": {"dietitian_id": "338104", "first_name": "Ifeoma"}},
            },
            [],
        ),
        ("https://api.example.org/v1/visits", {"practitioner_id": 4122630}, []),
        ("https://api.example.org/v1/visits", {"patient_id": "pt_8812"}, []),
        (
            "https://forum.example.org/posts",
            {"raw": "Thanks!", "topic_id": 12},
            [("Api-Key", "f3a1c9e2b7d44e0a9c1b"), ("Api-Username", "lesieli.havili")],
        ),
    ],
)
def test_role_named_person_ids_are_user_ids(
    labeller: Labeller, url: str, body: Any, headers: list[tuple[str, str]]
) -> None:
    method = "GET" if body is None else "POST"
    assert UID in categories(labeller, url, body, method=method, headers=headers)


@pytest.mark.parametrize(
    ("url", "body"),
    [
        ("https://api.example.org/2/rsvp?event_id=304118552&ticket_id=6773a91d", None),
        ("https://api.example.org/v1/orders", {"org_id": "o_4418", "event_id": "ev_77"}),
        ("https://api.example.org/v1/sso", {"provider_id": "google.com", "tenant_id": "t-1"}),
        ("https://api.example.org/v1/plans", {"membership_id": "mb_7712", "ticket_id": "tk_1"}),
    ],
)
def test_record_ids_beside_roles_are_no_user_ids(labeller: Labeller, url: str, body: Any) -> None:
    assert UID not in categories(labeller, url, body, method="GET" if body is None else "POST")


# --- an alert raised for an error -----------------------------------------------------------------


def test_an_alert_with_an_error_code_word_is_diagnostics(labeller: Labeller) -> None:
    body = {
        "status": "firing",
        "title": "Video visit failed to connect",
        "description": "ICE negotiation failed: no TURN relay answered after 3 attempts.",
        "metadata": {"error_code": "ICE_FAILED", "sfu_region": "eu-west-2"},
    }
    url = "https://api.alerts.example.org/v2/alert_events/http/01JH33SRC"
    assert DIAG in categories(labeller, url, body)


@pytest.mark.parametrize("code", [0, 502, "", "none", None])
def test_an_alert_without_an_error_code_word_is_no_diagnostics(
    labeller: Labeller, code: object
) -> None:
    body = {"status": "resolved", "title": "Video visits", "metadata": {"error_code": code}}
    url = "https://api.alerts.example.org/v2/alert_events/http/01JH33SRC"
    assert DIAG not in categories(labeller, url, body)
