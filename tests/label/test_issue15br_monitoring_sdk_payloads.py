"""What monitoring SDKs send home (issue 15br, from heldout37's misses; tests/label/corpus/README.md,
its "Fixed since (issue 15br)"). By class, none by vendor, host or fixture: the hosts, keys and
values below are invented, none is a corpus set's.

- An API-monitoring SDK's record of one API call (`{request: {url, method}, response: {code,
  load_time}}`): product usage (the call the user made) and performance (its measured time);
  answered 5xx with the `errors` the SDK caught: diagnostics too. Not: a client's report of its
  own last response (no copied request, no measured time), a 2xx or an empty `errors` list for
  diagnostics.
- An APM agent's payloads (`agent: {name, version}` beside `hwinfo` or `environment.host`): the
  host info at start is telemetry, transactions' durations performance, none product usage on
  a `/track/…` path; `hostId` beside the machine's `hostname` and a `bootId` are device ids.
  Not: a meeting's `hostId` (the person hosting: user id), an analytics `/track` event.
- OTLP log records: the trace id of a record is a session id, an SDK's startup record
  (`event_name` `….app.startup`) telemetry. Not: a record without a trace id, an event named
  for what the user did.
- A batch of tracked events under an SDK's `<prefix>_events` list, each named by its `type`:
  product usage. Not: a batch of the SDK's own error records, typed records without a time.
"""

from __future__ import annotations

import base64
from typing import Any

import pytest

from auditor.label import Labeller
from auditor.label.rules import flow_from_fixture
from tests.label.fixture_labels import categories

USAGE = "service_generated.product_usage"
PERF = "service_generated.performance"
DIAG = "service_generated.diagnostics"
TELEMETRY = "service_generated.telemetry"
UID = "identifiers.user_id"
DID = "identifiers.device_id"
SID = "identifiers.session_id"
JSON = [("Content-Type", "application/json")]


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


def _record(code: int, errors: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "api_key": "k_Zq81vLm2Xw",
        "data": {
            "request": {
                "url": "http://10.0.0.5:8080/api/rooms/r-41/members",
                "method": "POST",
                "body": {"role": "viewer"},
            },
            "response": {"code": code, "load_time": 1520.4, "body": {"ok": code < 400}},
            "errors": errors or [],
        },
    }


# -- API-monitoring records ------------------------------------------------------------------


def test_recorded_api_call_is_product_usage_and_performance(labeller: Labeller) -> None:
    got = categories(labeller, "https://ingest.apimon.example.org/", _record(201))
    assert {USAGE, PERF} <= got
    assert DIAG not in got


def test_recorded_api_call_answered_5xx_with_errors_is_diagnostics(labeller: Labeller) -> None:
    errors = [{"type": "UNHANDLED", "message": "room store unreachable", "line": 12}]
    got = categories(labeller, "https://ingest.apimon.example.org/", _record(503, errors))
    assert {USAGE, PERF, DIAG} <= got


def test_recorded_5xx_without_errors_is_no_diagnostics(labeller: Labeller) -> None:
    got = categories(labeller, "https://ingest.apimon.example.org/", _record(500))
    assert DIAG not in got


def test_client_report_of_its_own_response_is_no_api_record(labeller: Labeller) -> None:
    body = {"response": {"code": 200, "load_time": 88}, "client": "desk/2.1"}
    got = categories(labeller, "https://api.example.org/v1/report", body)
    assert USAGE not in got and PERF not in got


# -- APM agent payloads -----------------------------------------------------------------------

_AGENT = {
    "agent": {"name": "Python", "version": "4.1.0"},
    "hostname": "build-7",
    "hostId": "5c1e0a44-93f2-4b7e-a0d1-6f2e9b8c7d10",
    "metadata": {"hwinfo": {"cpu": [{"cores": 4, "model": "Xeon"}], "bootid": "5c1e0a44-93f2"}},
}


def test_apm_host_info_is_telemetry_with_a_device_id(labeller: Labeller) -> None:
    body = {
        **_AGENT,
        "environment": {
            "host": {"hostname": "build-7", "os": "Linux", "kernel": "6.1.0", "ram": 8 << 30}
        },
    }
    got = categories(labeller, "https://apm.monitor.example.net/track/apm/hostinfo", body)
    assert TELEMETRY in got and DID in got
    assert USAGE not in got and UID not in got


def test_apm_transactions_are_performance(labeller: Labeller) -> None:
    body = {**_AGENT, "transactions": [{"name": "GET /rooms/<id>", "durations": [3, 4.5, 4.5]}]}
    got = categories(labeller, "https://apm.monitor.example.net/track/apm/txn", body)
    assert PERF in got and DID in got
    assert USAGE not in got and UID not in got and TELEMETRY not in got


def test_a_meetings_host_id_stays_a_user_id(labeller: Labeller) -> None:
    body = {"topic": "Budget sync", "hostId": "usr_7Qm2ZkP4", "duration": 30}
    got = categories(labeller, "https://api.example.org/v2/meetings", body)
    assert UID in got and DID not in got


def test_an_analytics_track_event_without_an_agent_stays_product_usage(
    labeller: Labeller,
) -> None:
    body = {"event": "room_joined", "properties": {"room": "r-41"}}
    got = categories(labeller, "https://collect.example.net/track/event", body)
    assert USAGE in got and TELEMETRY not in got


# -- OTLP log records -------------------------------------------------------------------------


def _otlp_logs(record: dict[str, Any]) -> dict[str, Any]:
    return {"resourceLogs": [{"scopeLogs": [{"logRecords": [record]}]}]}


def test_otlp_log_record_trace_id_is_a_session_id(labeller: Labeller) -> None:
    record = {
        "severityText": "INFO",
        "body": {"stringValue": "room r-41 opened"},
        "traceId": "4bf92f3577b34da6a3ce929d0e0e4736",
        "spanId": "00f067aa0ba902b7",
    }
    got = categories(labeller, "https://otlp.example.org/v1/logs", _otlp_logs(record), headers=JSON)
    assert SID in got and DIAG in got


def test_otlp_log_record_without_trace_id_has_no_session_id(labeller: Labeller) -> None:
    record = {"severityText": "INFO", "body": {"stringValue": "room r-41 opened"}}
    got = categories(labeller, "https://otlp.example.org/v1/logs", _otlp_logs(record), headers=JSON)
    assert SID not in got


def test_otlp_sdk_startup_record_is_telemetry(labeller: Labeller) -> None:
    record = {"eventName": "acme_sdk.app.startup", "body": {"stringValue": '{"framework": "x"}'}}
    got = categories(labeller, "https://otlp.example.org/v1/logs", _otlp_logs(record), headers=JSON)
    assert TELEMETRY in got


def _varint(number: int) -> bytes:
    out = bytearray()
    while True:
        byte = number & 0x7F
        number >>= 7
        out.append(byte | (0x80 if number else 0))
        if not number:
            return bytes(out)


def _len_field(number: int, payload: bytes) -> bytes:
    return _varint(number << 3 | 2) + _varint(len(payload)) + payload


def test_otlp_protobuf_log_record_ids_and_startup(labeller: Labeller) -> None:
    startup = _len_field(12, b"meter_sdk.app.startup")
    traced = _len_field(5, _len_field(1, b"room opened")) + _len_field(
        9, bytes.fromhex("4bf92f3577b34da6a3ce929d0e0e4736")
    )
    scope_logs = _len_field(2, startup) + _len_field(2, traced)
    body = _len_field(1, _len_field(2, scope_logs))
    fixture_body = base64.b64encode(body).decode()
    flow = flow_from_fixture(
        {
            "url": "https://otlp.example.org/v1/logs",
            "method": "POST",
            "headers": [["Content-Type", "application/x-protobuf"]],
            "body_b64": fixture_body,
        }
    )
    got = set(labeller.label(flow).categories())
    assert {SID, TELEMETRY, DIAG} <= got


def test_otlp_log_event_of_a_user_action_is_no_telemetry(labeller: Labeller) -> None:
    record = {"eventName": "room.joined", "body": {"stringValue": "joined"}}
    got = categories(labeller, "https://otlp.example.org/v1/logs", _otlp_logs(record), headers=JSON)
    assert TELEMETRY not in got


# -- tracked event batches under an SDK's own list ----------------------------------------------


def test_prefixed_event_batch_is_product_usage(labeller: Labeller) -> None:
    body = {
        "flagkit_events": [
            {
                "uuid": "e1",
                "type": "room_created",
                "timestamp": 1760000000000,
                "payload": {"room": "r-41", "plan": "team"},
            },
        ]
    }
    got = categories(labeller, "https://events.flags.example.org/v0/i", body)
    assert USAGE in got


def test_prefixed_batch_of_sdk_errors_is_no_product_usage(labeller: Labeller) -> None:
    body = {
        "flagkit_events": [
            {
                "uuid": "e1",
                "type": "sdk_error",
                "timestamp": 1760000000000,
                "payload": {"reason": "config timeout"},
            },
        ]
    }
    got = categories(labeller, "https://events.flags.example.org/v0/i", body)
    assert USAGE not in got


def test_typed_records_without_a_time_are_no_event_batch(labeller: Labeller) -> None:
    body = {"room_events": [{"type": "seat_map", "payload": {"rows": 4}}]}
    got = categories(labeller, "https://api.example.org/v1/layout", body)
    assert USAGE not in got
