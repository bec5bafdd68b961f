"""CRM and customer-messaging classes (issue 15bd; heldout28, tests/label/corpus/), each with the
cases it must match and the cases it must not:
- an incoming webhook's user id and secret key as two path segments right under an API's root
  word (`/rest/<user id>/<key>/<method>.json`) make the key a credential, which the redactor
  removes from the URL; a record's id, a UUID, a content hash, a version, a word with a number
  or base64 of a document's readable name there, or a token under a resource collection, is none;
- a typed record named by `entityType`/`objectType` whose type is users (`{entityType: "Users",
  id: 12}`) holds a user id; a contact's, account's or deal's id is none;
- the user a CRM record is assigned to (`RESPONSIBLE_ID: 7`, `assigned_by_id`) is a user id;
  its count, a record's own id or a type id is none;
- a contact's handle written as a phone number is the contact's phone, not a user id; a handle
  that is a name or an account's bare number stays a user id."""

from __future__ import annotations

from typing import Any

import pytest

from auditor.export.redact import Pseudonymizer, Redactor
from auditor.label import Labeller
from tests.label.fixture_labels import categories

CRED = "credentials"
UID = "identifiers.user_id"
PHONE = "contact_info.phone"
KEY = "q4w8e2r6t0y3u5i9"


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


# --- an incoming webhook's key after its user id in the path ---------------------------------


@pytest.mark.parametrize(
    "url",
    [
        f"https://acme.crm-example.com/rest/7/{KEY}/crm.contact.add.json",
        f"https://acme.crm-example.com/rest/1/{KEY}/batch.json",
        "https://crm.example.org/api/42/Zk3q9WmX2pL7vR4t/tasks.task.add",
        "https://crm.example.org/rpc/1203/h28w3bh00kq9x4m2c/profile",
    ],
)
def test_a_token_after_a_user_id_under_an_api_root_is_a_credential(
    labeller: Labeller, url: str
) -> None:
    assert CRED in categories(labeller, url, {"fields": {"TITLE": "Pilot"}})
    key = url.split("/")[5]
    assert key not in Redactor(Pseudonymizer(b"k" * 32)).redact_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://acme.crm-example.com/rest/7/crm.contact.add.json",  # no key
        # a record's UUID, a content hash, a version, a word with a number, a date build
        "https://api.example.org/api/7/3f1c2a9e-8b7d-4c6e-9f0a-1b2c3d4e5f6a/items",
        "https://api.example.org/api/7/9f86d081884c7d659a2feaa0c55ad015/blob",
        "https://api.example.org/rest/2/v20240612build/info",
        "https://api.example.org/rest/2/report2024final/download",
        "https://api.example.org/rest/2/quarterlyreport/download",
        # base64 of a document's readable name (`Report2024`)
        "https://docs.example.org/api/3/UmVwb3J0MjAyNA/view",
        # under a resource collection or a version, not right under the API's root
        f"https://api.example.org/users/7/{KEY}/profile",
        f"https://api.example.org/api/v2/7/{KEY}/profile",
        f"https://api.example.org/rest/accounts/7/{KEY}/profile",
        # a number too short to be a key, and no number before it
        "https://api.example.org/rest/7/ab12cd34/x",
        f"https://api.example.org/rest/me/{KEY}/x",
    ],
)
def test_ids_hashes_versions_and_slugs_in_that_position_are_no_credential(
    labeller: Labeller, url: str
) -> None:
    assert CRED not in categories(labeller, url, {"fields": {"TITLE": "Pilot"}})


# --- a typed record whose type is users ------------------------------------------------------

RPC = "https://crm.example.org/api/v1/json"


def _activity(participants: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "jsonrpc": "2.0",
        "id": "a1",
        "method": "newActivity",
        "params": {"activity": {"name": "Call", "participants": participants}},
    }


@pytest.mark.parametrize(
    "participants",
    [
        [{"entityType": "Contacts", "id": 3187}, {"entityType": "Users", "id": 12}],
        [{"entityType": "User", "id": 12}],
        [{"objectType": "users", "id": "u_7Kq2Lm"}],
        [{"entity_type": "Members", "id": 901}],
    ],
)
def test_a_record_typed_as_users_holds_a_user_id(
    labeller: Labeller, participants: list[dict[str, Any]]
) -> None:
    assert UID in categories(labeller, RPC, _activity(participants))


@pytest.mark.parametrize(
    "participants",
    [
        [{"entityType": "Contacts", "id": 3187}],
        [{"entityType": "Accounts", "id": 55}, {"entityType": "Leads", "id": 7}],
        [{"objectType": "deals", "id": 4711}],
        [{"entityType": "Usersettings", "id": 3}],
    ],
)
def test_a_record_of_another_type_holds_no_user_id(
    labeller: Labeller, participants: list[dict[str, Any]]
) -> None:
    assert UID not in categories(labeller, RPC, _activity(participants))


# --- the user a CRM record is assigned to ----------------------------------------------------

CRM = "https://crm.example.org/v1/activities"


@pytest.mark.parametrize(
    "fields",
    [
        {"RESPONSIBLE_ID": 7, "SUBJECT": "Call"},
        {"responsible_id": 12},
        {"assigned_by_id": 3},
        {"responsibleUserId": 44},
    ],
)
def test_the_responsible_user_of_a_record_is_a_user_id(
    labeller: Labeller, fields: dict[str, Any]
) -> None:
    assert UID in categories(labeller, CRM, {"fields": fields})


@pytest.mark.parametrize(
    "fields",
    [
        {"TYPE_ID": 2, "DIRECTION": 2, "SUBJECT": "Call"},
        {"ENTITY_ID": 4711, "ENTITY_TYPE": "contact"},
        {"responsible_count": 3},
        {"RESPONSIBLE_ID": 0},
    ],
)
def test_record_ids_types_and_counts_are_no_user_id(
    labeller: Labeller, fields: dict[str, Any]
) -> None:
    assert UID not in categories(labeller, CRM, {"fields": fields})


# --- a contact's handle that is a phone number -----------------------------------------------

CONTACTS = "https://inbox.example.org/contacts"


@pytest.mark.parametrize("handle", ["+393475550196", "+1 (415) 555-0132", "415-555-0132"])
def test_a_contacts_handle_written_as_a_phone_is_a_phone_not_a_user_id(
    labeller: Labeller, handle: str
) -> None:
    found = categories(labeller, CONTACTS, {"handles": [{"handle": handle, "source": "phone"}]})
    assert PHONE in found and UID not in found


@pytest.mark.parametrize("handle", ["matteo_z", "@matteo", "84120142", "2026-12-07"])
def test_a_handle_that_is_no_written_phone_stays_a_user_id(labeller: Labeller, handle: str) -> None:
    found = categories(labeller, CONTACTS, {"handles": [{"handle": handle, "source": "custom"}]})
    assert UID in found and PHONE not in found
