"""Conventions the sdk7 dev set (tests/label/corpus/sdk7.jsonl) showed the labeller missing, by
class, with the cases each must not match (issue 15)."""

from __future__ import annotations

from typing import Any

import pytest

from auditor.label import Labeller
from auditor.label.rules import flow_from_fixture
from auditor.vocabulary import is_credential_header, v_connection_type

HW = "device_info.hardware"
NET = "device_info.network"
OS = "device_info.os"
CRED = "credentials"
NID = "identifiers.network_id"


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


def categories(
    labeller: Labeller, url: str, body: Any = None, headers: list[list[str]] | None = None
) -> set[str]:
    fixture: dict[str, Any] = {"rule": "x", "url": url, "headers": headers or []}
    if body is not None:
        fixture["body"] = body
    result = labeller.label(flow_from_fixture(fixture))
    for lab in result.labels:
        assert lab.evidence, lab.category
    return set(result.categories())


@pytest.mark.parametrize("value", ["wifi", "4g", "ethernet", "cellular", "Wi-Fi", "802.11x"])
def test_connection_types_are_network_data(value: str) -> None:
    assert v_connection_type(value)


@pytest.mark.parametrize("value", ["keep-alive", "close", "Upgrade", "", 4, None, "fast"])
def test_other_connection_values_are_not(value: object) -> None:
    assert not v_connection_type(value)


def test_a_connection_tag_naming_its_type_is_network_data(labeller: Labeller) -> None:
    url = "https://errors.example.com/v1/report"
    assert NET in categories(labeller, url, {"tags": {"connection": "ethernet"}})
    assert NET not in categories(labeller, url, {"tags": {"connection": "keep-alive"}})


@pytest.mark.parametrize(
    "name", ["X-Stackify-Key", "App-Key", "x-api-key", "Key", "uptrace-dsn", "DSN"]
)
def test_key_headers_are_credentials(name: str) -> None:
    assert is_credential_header(name)


@pytest.mark.parametrize(
    "name", ["Idempotency-Key", "Sec-WebSocket-Key", "X-Monkey", "Keyboard-Layout", "X-Dsnq"]
)
def test_other_key_like_headers_are_not(name: str) -> None:
    assert not is_credential_header(name)


def test_interpreter_version_is_the_runtime(labeller: Labeller) -> None:
    body = [{"message": "joined", "extra": {"interpreter_version": "3.12.1"}}]
    assert OS in categories(labeller, "https://logstash.example.com/", body)


def test_client_hint_width_is_hardware_a_viewport_is_not(labeller: Labeller) -> None:
    url = "https://api.example.com/api/v1/hit"
    assert HW in categories(labeller, url, {"url": "https://a.example/", "sec_ch_width": "2560"})
    assert HW not in categories(labeller, url, {"url": "https://a.example/", "viewportWidth": 780})


def test_a_project_key_in_a_body_is_a_credential(labeller: Labeller) -> None:
    url = "https://api.example.com/ingest/v1/web/start"
    assert CRED in categories(labeller, url, {"projectKey": "orProjKey5d6e7f8a9b"})
    assert CRED not in categories(labeller, url, {"projectName": "meetings"})


@pytest.mark.parametrize("host", ["vm", "DESKTOP-4J2", "build_agent7"])
def test_a_log_events_bare_host_name_is_a_network_id(labeller: Labeller, host: str) -> None:
    body = [{"host": host, "logsource": host, "level": "INFO", "message": "joined"}]
    assert NID in categories(labeller, "https://logstash.example.com/", body)


@pytest.mark.parametrize("host", ["api.example.com", "localhost", "8080", ""])
def test_a_service_domain_or_port_under_host_is_not(labeller: Labeller, host: str) -> None:
    body = [{"host": host, "level": "INFO", "message": "joined"}]
    assert NID not in categories(labeller, "https://logstash.example.com/", body)


def test_an_apm_request_id_links_the_error_to_its_request(labeller: Labeller) -> None:
    url = "https://errors.example.com/apps/error.scout"
    body = {"problems": [{"request_id": "req-a3482d15-acd1-4ca9-8f6c-bbac9ca79701"}]}
    assert "identifiers.session_id" in categories(labeller, url, body)
    body = {"problems": [{"request_id": True}]}
    assert "identifiers.session_id" not in categories(labeller, url, body)
