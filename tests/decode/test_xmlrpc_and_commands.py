"""Formats the decoder reads as structure (issue 15bc, heldout28): XML-RPC method calls and
responses, and command strings (`method?key=value&…`) inside JSON string values."""

from __future__ import annotations

import json
import xmlrpc.client
from typing import Any

import hypothesis.strategies as st
from hypothesis import given

from auditor.decode import decode_body, decode_flow
from tests.decode.helpers import by_where, flow
from tests.decode.test_properties import SETTINGS, SMALL, check

KEY = "h28c0ffee7e1d4a9b8c2f6e0d5a3b1c7e9f4d2a6b"


def call(method: str, *params: Any) -> bytes:
    return xmlrpc.client.dumps(params, methodname=method, allow_none=True).encode()


def decoded(body: bytes, url: str = "https://crm.example.com/RPC2", ctype: str = "text/xml"):
    record = flow(body, url=url, headers=[("Content-Type", ctype)])
    result = decode_flow(record)
    assert not result.errors
    return {k: v for k, v in by_where(result.fields).items() if k.startswith("body")}, result


# -- XML-RPC ------------------------------------------------------------------------------------


def test_a_generic_call_has_its_method_and_positional_params() -> None:
    body = call(
        "contacts.update",
        "acme",
        42,
        True,
        1.5,
        xmlrpc.client.Binary(b"guest note"),
        xmlrpc.client.DateTime("20261211T17:00:00"),
        None,
        {"name": "Matteo Zanardelli", "phones": ["+393475550196", "+390255501960"]},
    )
    got, result = decoded(body)
    assert "xml-rpc" in result.body_kinds
    assert got["body › xmlrpc › methodName"] == "contacts.update"
    assert got["body › xmlrpc › params › param 1"] == "acme"
    assert got["body › xmlrpc › params › param 2"] == 42
    assert got["body › xmlrpc › params › param 3"] is True
    assert got["body › xmlrpc › params › param 4"] == 1.5
    assert got["body › xmlrpc › params › param 5"] == "guest note"  # base64, decoded
    assert got["body › xmlrpc › params › param 6"] == "20261211T17:00:00"
    assert got["body › xmlrpc › params › param 7"] is None
    assert got["body › xmlrpc › params › param 8 › name"] == "Matteo Zanardelli"
    assert got["body › xmlrpc › params › param 8 › phones › 1"] == "+390255501960"


def test_object_service_calls_name_their_positions() -> None:
    body = call("execute_kw", "acme-db", 2, KEY, "res.partner", "create", [{"name": "M Z"}], {})
    for path in ("/xmlrpc/2/object", "/xmlrpc/object"):
        got, _ = decoded(body, url="https://erp.example.com" + path)
        assert got["body › xmlrpc › params › db"] == "acme-db"
        assert got["body › xmlrpc › params › uid"] == 2
        assert got["body › xmlrpc › params › password"] == KEY
        assert got["body › xmlrpc › params › model_name"] == "res.partner"
        assert got["body › xmlrpc › params › method"] == "create"
        assert got["body › xmlrpc › params › args › 0 › name"] == "M Z"
    got, _ = decoded(
        call("login", "acme-db", "alice@example.com", KEY),
        url="https://erp.example.com/xmlrpc/2/common",
    )
    assert got["body › xmlrpc › params › login"] == "alice@example.com"
    assert got["body › xmlrpc › params › password"] == KEY
    # `execute` takes its method's arguments after the five named ones
    got, _ = decoded(
        call("execute", "db", 2, KEY, "res.partner", "read", [7]),
        url="https://erp.example.com/xmlrpc/object",
    )
    assert got["body › xmlrpc › params › param 6 › 0"] == 7


def test_the_convention_needs_both_its_method_and_its_path() -> None:
    login = call("login", "acme-db", "alice@example.com", KEY)
    # the same method on another endpoint, or another method on the object endpoint
    for body, url in (
        (login, "https://blog.example.com/xmlrpc.php"),
        (login, "https://erp.example.com/xmlrpc/2/object"),  # login is a common-service call
        (call("search", "db", 2, KEY), "https://erp.example.com/xmlrpc/2/object"),
    ):
        got, _ = decoded(body, url=url)
        assert "body › xmlrpc › params › password" not in got
        assert "body › xmlrpc › params › param 3" in got


def test_a_response_and_a_fault_are_read_too() -> None:
    response = xmlrpc.client.dumps(({"uid": 2, "name": "Alice"},), methodresponse=True)
    got, _ = decoded(response.encode())
    assert got["body › xmlrpc › params › param 1 › name"] == "Alice"
    fault = xmlrpc.client.dumps(xmlrpc.client.Fault(3, "Access denied for alice@example.com"))
    got, _ = decoded(fault.encode())
    assert got["body › xmlrpc › fault › faultString"] == "Access denied for alice@example.com"


def test_untyped_and_malformed_scalars_stay_text() -> None:
    body = (
        b"<?xml version='1.0'?><methodCall><methodName>m</methodName><params>"
        b"<param><value>plain text</value></param>"
        b"<param><value><int>12x</int></value></param>"
        b"<param><value><base64>!!not base64</base64></value></param>"
        b"<param><value><ex:i8 xmlns:ex='http://ws.apache.org/xmlrpc/namespaces/extensions'>"
        b"9000000000</ex:i8></value></param>"
        b"</params></methodCall>"
    )
    got, _ = decoded(body, ctype="application/xml")
    assert got["body › xmlrpc › params › param 1"] == "plain text"
    assert got["body › xmlrpc › params › param 2"] == "12x"
    assert got["body › xmlrpc › params › param 3"] == "!!not base64"
    assert got["body › xmlrpc › params › param 4"] == 9000000000


def test_other_xml_and_broken_calls_are_not_xmlrpc() -> None:
    for body in (
        b"<?xml version='1.0'?><feed><title>methodCall</title></feed>",
        b"<methodCallX/>",
        b"<?xml version='1.0'?><methodCall><methodName>m</methodName><params><param>",
    ):
        fields, _errors = decode_body(body, "text/xml", None, ("body",))
        assert not any("xmlrpc" in f.path for f in fields)
        assert [f.value for f in fields] == [body.decode()]  # kept as text, as before


xmlrpc_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**31), max_value=2**31 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=30)
    | st.binary(max_size=20).map(xmlrpc.client.Binary),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(alphabet="abcdefgh_", min_size=1, max_size=6), inner, max_size=4)
    ),
    max_leaves=20,
)


@SETTINGS
@given(st.lists(xmlrpc_values, max_size=6), st.integers(min_value=0, max_value=4000))
def test_any_call_or_any_cut_of_it_decodes_without_raising(params: list[Any], cut: int) -> None:
    body = call("execute_kw", *params)
    for data in (body, body[:cut]):
        fields, errors = decode_body(data, "text/xml", None, ("body",), SMALL)
        check(fields, errors, SMALL)
    record = flow(body, url="https://erp.example.com/xmlrpc/2/object")
    result = decode_flow(record, limits=SMALL)
    check(result.fields, result.errors, SMALL)


@SETTINGS
@given(st.integers(min_value=1, max_value=3000))
def test_deeply_nested_arrays_are_bounded(depth: int) -> None:
    body = (
        b"<methodCall><methodName>m</methodName><params><param>"
        + b"<value><array><data>" * depth
        + b"</data></array></value>" * depth
        + b"</param></params></methodCall>"
    )
    fields, errors = decode_body(body, "text/xml", None, ("body",), SMALL)
    check(fields, errors, SMALL)


# -- command strings inside JSON --------------------------------------------------------------


def fields_of(body: object) -> dict[str, object]:
    fields, errors = decode_body(json.dumps(body).encode(), "application/json", None, ("body",))
    assert not errors
    return by_where(fields)


def test_a_command_string_decodes_as_a_form_query_under_its_member() -> None:
    got = fields_of(
        {
            "halt": 0,
            "cmd": {
                "a": "crm.deal.add?fields[TITLE]=Pilot+pricing&fields[COMMENTS]=From%20meeting",
                "b": "tasks.task.add?fields[RESPONSIBLE_ID]=7&fields[UF][0]=C_4711",
                "c": "user.get?ID=1",
                "d": "api/v2/contacts/find?email=alice%40example.com&limit=1",
            },
        }
    )
    assert got["body › cmd › a › querystring › fields › TITLE"] == "Pilot pricing"
    assert got["body › cmd › a › querystring › fields › COMMENTS"] == "From meeting"
    assert got["body › cmd › b › querystring › fields › RESPONSIBLE_ID"] == "7"
    assert got["body › cmd › b › querystring › fields › UF › 0"] == "C_4711"
    assert got["body › cmd › c › querystring › ID"] == "1"
    assert got["body › cmd › d › querystring › email"] == "alice@example.com"


def test_prose_and_questions_are_not_command_strings() -> None:
    got = fields_of(
        {
            "q": "Are you free tomorrow? x=1",
            "r": "what?",
            "s": "really?yes",
            "t": "a b?c=1",
            "u": "status?=1",
        }
    )
    assert not any("querystring" in where for where in got)
