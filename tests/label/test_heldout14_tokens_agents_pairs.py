"""Shapes of data from the heldout14 dev set (issue 15o, tests/label/corpus/heldout14.jsonl), by
class, each with the cases it must not match: a signed token (JWT/JWS, or `<base64url
JSON>.<signature>`) as a credential wherever it is; a browser user agent copied into a body under
a `…_string` key; pipe-separated `k=v|k=v` pairs in a body or form field read as fields."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from auditor.label import Labeller
from auditor.label.rules import flow_from_fixture
from auditor.vocabulary import v_signed_token

CRED = "credentials"
API = "https://api.analytics-example.test/v1/events"


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


def categories(
    labeller: Labeller, body: Any = None, headers: list[list[str]] | None = None, url: str = API
) -> set[str]:
    fixture: dict[str, Any] = {"rule": "x", "url": url, "headers": headers or []}
    if body is not None:
        fixture["body"] = body
    result = labeller.label(flow_from_fixture(fixture))
    for lab in result.labels:
        assert lab.evidence, lab.category
    return set(result.categories())


def _b64url(obj: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")


TWO_SEGMENTS = f"{_b64url({'app': '771:42', 'org': '512:9'})}.q7Wm2TokenSig9Xz"
THREE_SEGMENTS = f"{_b64url({'alg': 'HS256'})}.{_b64url({'app': '771:42'})}.Zx81kQ0pLmN3vB7t"


# --- a signed token is a credential wherever it is --------------------------------------------


@pytest.mark.parametrize("token", [TWO_SEGMENTS, THREE_SEGMENTS])
def test_the_signed_token_shape(token: str) -> None:
    assert v_signed_token(token)


@pytest.mark.parametrize(
    "value",
    [
        _b64url({"app": "771:42"}),  # base64 JSON alone: a context, no signature
        f"{_b64url({'app': '771:42'})}.short",  # a signature too short to be one
        "eyJub3QganNvbiBhdCBhbGwgcmVhbGx5.q7Wm2TokenSig9Xz",  # first segment is no JSON
        f"{_b64url(['a', 'b'])}.q7Wm2TokenSig9Xz",  # a JSON array, not an object
        "report.2026-12-07.final",
    ],
)
def test_values_that_are_no_signed_token(value: str) -> None:
    assert not v_signed_token(value)


@pytest.mark.parametrize(
    "headers",
    [
        [["X-Analytics-Application-Id", TWO_SEGMENTS]],
        [["X-Analytics-Application-Id", THREE_SEGMENTS]],
        [["X-Context", TWO_SEGMENTS]],
    ],
)
def test_a_signed_token_in_a_custom_header_is_a_credential(
    labeller: Labeller, headers: list[list[str]]
) -> None:
    assert CRED in categories(labeller, {"event": "call"}, headers)


@pytest.mark.parametrize(
    "body",
    [
        {"meta": {"app": TWO_SEGMENTS}},
        {"items": [{"ref": THREE_SEGMENTS}]},
    ],
)
def test_a_signed_token_in_a_body_field_is_a_credential(labeller: Labeller, body: Any) -> None:
    assert CRED in categories(labeller, body)


def test_a_signed_token_in_a_query_is_a_credential(labeller: Labeller) -> None:
    assert CRED in categories(labeller, {"event": "call"}, url=f"{API}?ctx={TWO_SEGMENTS}")


@pytest.mark.parametrize(
    "value",
    [
        "1402",  # a public numeric application id (Parse/Algolia-style)
        "3f2a9c1e-8d47-4b6e-9a1f-2c3d4e5f6a7b",  # a UUID application id
        "LATENCYAPP01",
        _b64url({"app": "771:42"}),  # base64 JSON context without a signature
    ],
)
def test_a_public_application_id_header_is_no_credential(labeller: Labeller, value: str) -> None:
    headers = [["X-Search-Application-Id", value], ["X-Parse-Application-Id", value]]
    assert CRED not in categories(labeller, {"event": "call"}, headers)


@pytest.mark.parametrize("name", ["X-Search-App-Key", "X-Analytics-Api-Key", "X-Ingest-Write-Key"])
def test_key_headers_are_credentials_by_name(labeller: Labeller, name: str) -> None:
    assert CRED in categories(labeller, {"event": "call"}, [[name, "9f8e7d6c5b4a39281706"]])


def test_the_claims_of_a_two_segment_token_are_read_as_data(labeller: Labeller) -> None:
    # docs/taxonomy.md "Claims of a JWT": the token is a credential, its person claims data.
    token = f"{_b64url({'sub': 'ingrid.solheim', 'email': 'ingrid@nordlys.example'})}.q7Wm2Sig9X"
    got = categories(labeller, {"event": "call"}, [["X-Session-Assertion", token]])
    assert {CRED, "identifiers.user_id", "contact_info.email"} <= got


# --- a browser user agent copied into a body under a qualified key ----------------------------

MAC_UA = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
OS = "device_info.os"


@pytest.mark.parametrize(
    "key", ["user_agent_string", "userAgentString", "uaString", "browser_user_agent"]
)
def test_a_user_agent_copied_into_a_body_names_the_os(labeller: Labeller, key: str) -> None:
    assert OS in categories(labeller, {"user_id": "u-1", key: MAC_UA})


@pytest.mark.parametrize(
    ("body", "headers"),
    [
        ({"user_agent_string": "moesifapi-python/1.5.5"}, []),  # an SDK's agent: no OS named
        ({"user_agent_string": ""}, []),
        ({"event": "call"}, [["User-Agent", MAC_UA]]),  # the header itself earns nothing
        ({"agent_name": "Ingrid's laptop mac os"}, []),
    ],
)
def test_what_is_no_copied_user_agent_naming_an_os(
    labeller: Labeller, body: Any, headers: list[list[str]]
) -> None:
    assert OS not in categories(labeller, body, headers)


# --- `k=v|k=v` pairs packed into a body or form field ---------------------------------------


def _multipart(fields: dict[str, str]) -> tuple[bytes, list[list[str]]]:
    boundary = "b0undary15o"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in fields.items()
    ]
    body = ("".join(parts) + f"--{boundary}--\r\n").encode()
    return body, [["Content-Type", f"multipart/form-data; boundary={boundary}"]]


def _labelled(labeller: Labeller, body: bytes, headers: list[list[str]]) -> set[str]:
    from tests.tflow import tflow, treq

    record = tflow(req=treq(API, headers=[tuple(h) for h in headers], body=body))
    return set(labeller.label(record).categories())


PACKED = "caption=Quarterly grid review|host=alice.host@corp-example.org|guest=Ingrid Solheim"


def test_pipe_pairs_in_a_form_field_are_read_as_fields(labeller: Labeller) -> None:
    body, headers = _multipart({"context": PACKED, "tags": "meeting-thumbnail"})
    got = _labelled(labeller, body, headers)
    # the host's e-mail under a role key: user id and e-mail; the guest's full name: a name;
    # a caption packed among them is an attribute, not a transcript
    assert {"identifiers.user_id", "contact_info.email", "contact_info.name"} <= got
    assert "customer_content.transcript" not in got


def test_pipe_pairs_in_a_json_field_are_read_as_fields(labeller: Labeller) -> None:
    got = categories(labeller, {"context": "host=alice.host@corp-example.org|room=7"})
    assert {"identifiers.user_id", "contact_info.email"} <= got


@pytest.mark.parametrize(
    "value",
    [
        "alice.host@corp-example.org|Ingrid Solheim|Quarterly grid review",  # plain values
        "^(host|guest)=alice.host@corp-example.org$",  # a regex
        "| host | alice.host@corp-example.org |",  # a Markdown table row
        "host=alice.host@corp-example.org",  # one pair alone is no list
    ],
)
def test_what_is_no_pipe_pair_list_names_no_account(labeller: Labeller, value: str) -> None:
    got = categories(labeller, {"context": value})
    assert "identifiers.user_id" not in got
