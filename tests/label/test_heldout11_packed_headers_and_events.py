"""Shapes of data from the heldout11 dev set (issue 15, tests/label/corpus/heldout11.jsonl), by
class, each with the cases it must not match: pairs packed into one custom data header (a query
string, a `;` list) read as fields; a runtime token as a value of its own; a device described in
words that name its OS."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from auditor.decode import decode_flow
from auditor.label import Labeller
from auditor.label.rules import flow_from_fixture
from tests.decode.helpers import by_where, flow

OS = "device_info.os"
HW = "device_info.hardware"
API = "https://api.example-tasks.test/v1/items"


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


def categories(
    labeller: Labeller, body: Any = None, headers: list[list[str]] | None = None
) -> set[str]:
    fixture: dict[str, Any] = {"rule": "x", "url": API, "headers": headers or []}
    if body is not None:
        fixture["body"] = body
    result = labeller.label(flow_from_fixture(fixture))
    for lab in result.labels:
        assert lab.evidence, lab.category
    return set(result.categories())


# --- pairs packed into one custom data header -------------------------------------------------


def test_a_query_string_in_a_custom_header_becomes_fields() -> None:
    headers = [("X-Tasks-Client-Lib", "language=Python&version=5.4.0&os=Linux&os_version=6.1")]
    fields = by_where(decode_flow(flow(b"{}", headers=headers)).fields)
    assert fields["header › X-Tasks-Client-Lib › querystring › os"] == "Linux"
    assert fields["header › X-Tasks-Client-Lib › querystring › os_version"] == "6.1"


def test_a_semicolon_pair_list_in_a_custom_header_becomes_fields() -> None:
    headers = [("X-Files-UA", "agent=files-sdk/1.17.0; env=node/v20.11.1"), ("X-Tag", "os:mac")]
    fields = by_where(decode_flow(flow(b"{}", headers=headers)).fields)
    assert fields["header › X-Files-UA › pairs › agent"] == "files-sdk/1.17.0"
    assert fields["header › X-Files-UA › pairs › env"] == "node/v20.11.1"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        # standard headers keep their parameters to themselves
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Accept", "text/html;q=0.9;level=1"),
        ("Cache-Control", "max-age=0; must-revalidate=1"),
        # a bare token first: parameters, not a pair list
        ("X-Upload", "inline; filename=notes.txt"),
        # one pair alone is no list
        ("X-Env", "env=python/3.12.1"),
        # a URL with path parameters is a URL
        ("X-Return-To", "https://app.example.test/a;jsessionid=0F3A;lang=en"),
    ],
)
def test_values_that_are_no_pair_list_are_not_split(name: str, value: str) -> None:
    fields = decode_flow(flow(b"{}", headers=[(name, value)])).fields
    assert not [f for f in fields if f.path[0] == "header" and len(f.path) > 2]


@pytest.mark.parametrize(
    "header",
    [
        ["X-Tasks-Client-Lib", "language=Python&version=5.4.0&language_version=3.12.1&os=Linux"],
        ["X-Files-UA", "agent=files-python-sdk/1.17.0; env=python/3.12.1"],
        ["X-Client-Platform", "sdk=acme-js/2.0; runtime=node/v20.11.1"],
        ["X-Client-Meta", "lib=acme; os_name=Windows; os_version=11"],
    ],
)
def test_os_or_runtime_in_a_pair_header_is_device_info_os(
    labeller: Labeller, header: list[str]
) -> None:
    assert OS in categories(labeller, {"name": "Weekly sync"}, [header])


@pytest.mark.parametrize(
    "header",
    [
        # the SDK's own name and version, and its language, name no OS and no runtime version
        ["X-Files-UA", "agent=files-python-generated-sdk/1.17.0; lang=python"],
        ["X-Tasks-Client-Lib", "language=Python&version=5.4.0"],
        # the standard User-Agent and Client Hints earn nothing (taxonomy, settled)
        ["User-Agent", "acme-sdk/1.0; env=python/3.12.1; os=Linux"],
        ["Sec-CH-UA-Platform", '"Linux"; v=6; os=Linux'],
        ["Accept", "application/json; os=Linux; env=python/3.12.1"],
    ],
)
def test_sdk_names_and_standard_headers_earn_no_os(labeller: Labeller, header: list[str]) -> None:
    assert OS not in categories(labeller, {"name": "Weekly sync"}, [header])


@pytest.mark.parametrize("value", ["python/3.12.1", "node/v20.11.1", "Node.js/20.1", "go/1.22.3"])
def test_a_runtime_token_value_is_device_info_os(labeller: Labeller, value: str) -> None:
    assert OS in categories(labeller, {"env": value})


@pytest.mark.parametrize(
    "value",
    [
        "grpc-python/1.60.0",  # an SDK named after its language
        "box-python-generated-sdk/1.17.0",
        "python",  # a language without a version
        "python/3.12.1 is required",  # prose
        "go/to/page",
        "/node/12",
    ],
)
def test_no_runtime_token_no_os(labeller: Labeller, value: str) -> None:
    assert OS not in categories(labeller, {"env": value})


# --- a runtime named by its key in an SDK's environment ---------------------------------------


def _b64(data: dict[str, Any]) -> str:
    return base64.b64encode(json.dumps(data).encode()).decode()


@pytest.mark.parametrize(
    ("body", "headers"),
    [
        (None, [["Acme-Client", _b64({"name": "acme-python", "env": {"python": "3.12.1"}})]]),
        ({"versions": {"node": "v20.11.1", "v8": "11.3.244.8"}}, None),
        ({"environment": {"java": "17.0.2"}}, None),
    ],
)
def test_a_runtime_version_under_an_environment_is_os(
    labeller: Labeller, body: Any, headers: list[list[str]] | None
) -> None:
    assert OS in categories(labeller, body if body is not None else {"a": 1}, headers)


@pytest.mark.parametrize(
    "body",
    [
        {"env": {"node": "production"}},  # a deployment name
        {"engines": {"node": ">=18"}},  # a requirement, not the running runtime
        {"env": {"python": ">=3.9"}},
        {"env": {"name": "staging", "version": "4.2.0"}},  # the app's own version
    ],
)
def test_no_runtime_version_no_os(labeller: Labeller, body: Any) -> None:
    assert OS not in categories(labeller, body)


# --- a device described in words --------------------------------------------------------------


@pytest.mark.parametrize(
    "device", ["Android 14 / Pixel 8", "iPhone 15, iOS 17.4", "ThinkPad X1 (Windows 11)"]
)
def test_a_device_naming_its_os_is_os_and_hardware(labeller: Labeller, device: str) -> None:
    got = categories(labeller, {"fields": {"Name": "Weekly sync", "Device": device}})
    assert {OS, HW} <= got


@pytest.mark.parametrize("device", ["Pixel 8", "MacBookPro18,3", "desktop", "Jabra Evolve2 65"])
def test_a_device_naming_no_os_is_hardware_only(labeller: Labeller, device: str) -> None:
    got = categories(labeller, {"fields": {"Name": "Weekly sync", "Device": device}})
    assert OS not in got


# --- a transcript part of a multipart upload --------------------------------------------------

TRANSCRIPT = "customer_content.transcript"
FILES = "customer_content.files"
SRT = "1\n00:00:01,000 --> 00:00:04,000\nAlice Example: Welcome everyone.\n\n"
VTT = "WEBVTT\n\n00:00.000 --> 00:04.000\n<v Alice Example>Welcome everyone.\n\n"


def upload(
    labeller: Labeller, attributes: str | None, content: str, filename: str = ""
) -> set[str]:
    parts = []
    if attributes is not None:
        parts.append(
            f'--b1\r\nContent-Disposition: form-data; name="attributes"\r\n\r\n{attributes}\r\n'
        )
    parts.append(
        f'--b1\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        f"Content-Type: application/octet-stream\r\n\r\n{content}\r\n"
    )
    fixture = {
        "rule": "x",
        "url": "https://upload.example-files.test/api/2.0/files/content",
        "headers": [["Content-Type", "multipart/form-data; boundary=b1"]],
        "body": "".join(parts) + "--b1--\r\n",
    }
    return set(labeller.label(flow_from_fixture(fixture)).categories())


@pytest.mark.parametrize(
    ("attributes", "content"),
    [
        ('{"name": "call.srt", "parent": {"id": "0"}}', "see the attached cues"),  # named
        ('{"name": "call.vtt"}', "captions"),
        (None, SRT),  # sniffed as SRT
        ('{"parent": {"id": "0"}}', VTT),  # sniffed as WebVTT
    ],
)
def test_a_transcript_part_is_a_transcript_not_a_file(
    labeller: Labeller, attributes: str | None, content: str
) -> None:
    got = upload(labeller, attributes, content)
    assert TRANSCRIPT in got
    assert FILES not in got


@pytest.mark.parametrize(
    ("attributes", "content", "filename"),
    [
        ('{"name": "minutes.txt"}', "Present: Alice, Lukas", ""),
        (None, "1 apple\n2 pears\n", ""),  # digits first, no cue timing
        ('{"name": "call.srt"}', "Decisions: ship it", "minutes.txt"),  # the part's own name wins
    ],
)
def test_other_parts_stay_files(
    labeller: Labeller, attributes: str | None, content: str, filename: str
) -> None:
    got = upload(labeller, attributes, content, filename)
    assert FILES in got
    assert TRANSCRIPT not in got
