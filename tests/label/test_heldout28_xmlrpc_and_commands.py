"""XML-RPC calls and command strings inside JSON, labelled as structure (issue 15bc,
heldout28): an object-service call's positional password is a credential, its uid and login
user ids (the login also an e-mail), its record's struct members are labelled as JSON members
would be; a call of any other method keeps numbered params, whose values only value-shape
detectors read. A batch's `method?fields[KEY]=value&…` command strings are read as forms."""

from __future__ import annotations

import xmlrpc.client
from typing import Any

import pytest

from auditor.label import Labeller
from tests.label.fixture_labels import categories

KEY = "h28c0ffee7e1d4a9b8c2f6e0d5a3b1c7e9f4d2a6b"
OBJECT = "https://erp.example.com/xmlrpc/2/object"
COMMON = "https://erp.example.com/xmlrpc/2/common"
XML = [("Content-Type", "text/xml")]


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


def xml_call(method: str, *params: Any) -> str:
    return xmlrpc.client.dumps(params, methodname=method, allow_none=True)


def test_an_object_service_call_names_its_password_and_uid(labeller: Labeller) -> None:
    body = xml_call("execute_kw", "acme-db", 2, KEY, "res.partner", "search_count", [[]])
    got = categories(labeller, OBJECT, body, headers=XML)
    assert {"credentials", "identifiers.user_id"} <= got
    assert "device_info.hardware" not in got  # the model name is no device model


def test_a_sign_in_call_names_its_login_and_password(labeller: Labeller) -> None:
    body = xml_call("authenticate", "acme-db", "alice.example@example.com", KEY, {})
    got = categories(labeller, COMMON, body, headers=XML)
    assert {"credentials", "identifiers.user_id", "contact_info.email"} <= got


def test_struct_members_are_labelled_as_json_members(labeller: Labeller) -> None:
    record = {
        "name": "Matteo Zanardelli",
        "email": "mz@valpadana.example",
        "phone": "+393475550196",
    }
    body = xml_call("execute_kw", "acme-db", 2, KEY, "res.partner", "create", [record])
    got = categories(labeller, OBJECT, body, headers=XML)
    assert {"contact_info.name", "contact_info.email", "contact_info.phone"} <= got


def test_other_calls_have_no_named_password_or_uid(labeller: Labeller) -> None:
    # the same parameters to another method, or to a path of no object service
    for url, body in (
        (OBJECT, xml_call("version", "acme-db", 2, KEY, "res.partner")),
        ("https://blog.example.com/xmlrpc.php", xml_call("execute_kw", "db", 2, KEY, "m", "x")),
        (COMMON, xml_call("login", "acme-db", "reader", "en_US")),  # no key-shaped value
    ):
        got = categories(labeller, url, body, headers=XML)
        assert "credentials" not in got or url == COMMON
        assert "identifiers.user_id" not in got or url == COMMON


def test_a_sign_in_without_a_secret_shaped_password_still_names_the_login(
    labeller: Labeller,
) -> None:
    got = categories(labeller, COMMON, xml_call("login", "db", "alice", "pw"), headers=XML)
    assert "identifiers.user_id" in got


def test_a_generic_call_keeps_value_shape_detection(labeller: Labeller) -> None:
    body = xml_call("wp.newComment", 1, "alice.example@example.com", "+393475550196")
    got = categories(labeller, "https://blog.example.com/xmlrpc.php", body, headers=XML)
    assert "contact_info.email" in got
    assert "credentials" not in got


def test_command_strings_in_a_batch_are_read_as_forms(labeller: Labeller) -> None:
    body = {
        "halt": 0,
        "cmd": {
            "contact": "crm.contact.add?fields[NAME]=Matteo&fields[LAST_NAME]=Zanardelli"
            "&fields[EMAIL][0][VALUE]=mz%40valpadana.example",
        },
    }
    got = categories(labeller, "https://crm.example.com/rest/batch.json", body)
    assert {"contact_info.name", "contact_info.email"} <= got


def test_command_strings_of_record_ids_earn_nothing(labeller: Labeller) -> None:
    url = "https://crm.example.com/rest/batch.json"
    body = {"halt": 0, "cmd": {"a": "crm.deal.get?id=4711", "b": "crm.deal.list?start=50"}}
    bare = {"halt": 0, "cmd": {"a": "crm.deal.get", "b": "crm.deal.list"}}
    assert categories(labeller, url, body) == categories(labeller, url, bare)
