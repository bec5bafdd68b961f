"""The client a person runs named by its OS and version in a body, from the heldout19 dev set
(issue 15af, tests/label/corpus/heldout19.jsonl), with the cases it must not match: a user
agent's platform copied into data is device_info.os (taxonomy); a client named without an OS,
and the standard User-Agent header alone, earn nothing."""

from __future__ import annotations

from typing import Any

import pytest

from auditor.label import Labeller
from auditor.label.rules import flow_from_fixture

OS = "device_info.os"
URL = "https://mail.example.test/api/v1/contacts/create"


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


def categories(labeller: Labeller, body: Any, headers: list[list[str]] | None = None) -> set[str]:
    fixture: dict[str, Any] = {
        "rule": "x",
        "url": URL,
        "method": "POST",
        "headers": headers or [],
        "body": body,
    }
    result = labeller.label(flow_from_fixture(fixture))
    for lab in result.labels:
        assert lab.evidence, lab.category
    return set(result.categories())


@pytest.mark.parametrize(
    "member",
    [
        {"desktopClient": "macOS 5.17.3"},
        {"mobile_client": "Android 14 / app 3.2.1"},
        {"clientPlatform": "Windows 11"},
    ],
    ids=["desktop_client", "mobile_client", "client_platform"],
)
def test_a_client_named_by_its_os_in_a_body_is_os(
    labeller: Labeller, member: dict[str, str]
) -> None:
    assert OS in categories(labeller, {"userId": "u-4471", "plan": "Business", **member})


@pytest.mark.parametrize(
    "member",
    [{"desktopClient": "acme-meet 5.17.3"}, {"clientPlatform": "web"}, {"mobileClient": True}],
    ids=["no_os_word", "web", "flag"],
)
def test_a_client_named_without_an_os_is_no_os(labeller: Labeller, member: dict[str, Any]) -> None:
    assert OS not in categories(labeller, {"userId": "u-4471", **member})


def test_the_user_agent_header_alone_is_no_os(labeller: Labeller) -> None:
    headers = [["User-Agent", "AcmeMeet/5.17.3 (Macintosh; Intel Mac OS X 14_5)"]]
    assert OS not in categories(labeller, {"userId": "u-4471"}, headers)
