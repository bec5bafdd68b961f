"""Issue 15x: event semantics read from public wire conventions by the record's structure, on
paths and hosts no rule names (OTLP/JSON bodies, Prometheus text and InfluxDB line protocol,
W3C Reporting API / NEL reports, web-vitals records, CloudEvents envelopes, timing fields in an
event, heartbeat and health records, exception records), with the cases each must not match.
Tests named `…regression_guard` passed before issue 15x, as did the must-not cases and a few
parametrised ones (`duration_ms`, `latency`, `elapsed_ms` in an event; a heartbeat under `event`;
Prometheus text on a push path; OTLP logs with a level on an events path): those are regression
guards too; the rest failed on its base."""

from __future__ import annotations

import json
from typing import Any

import pytest

from auditor.label import Labeller
from auditor.label.rules import flow_from_fixture

_PERF = "service_generated.performance"
_DIAG = "service_generated.diagnostics"
_TELE = "service_generated.telemetry"
_USAGE = "service_generated.product_usage"
_KINDS = {_PERF, _DIAG, _TELE, _USAGE}

_LABELLER = Labeller()


def _labels(
    url: str,
    body: Any,
    content_type: str = "application/json",
    headers: list[list[str]] | None = None,
) -> set[str]:
    fixture: dict[str, Any] = {
        "rule": "x",
        "url": url,
        "method": "POST",
        "headers": [["Content-Type", content_type], *(headers or [])],
        "body": body if isinstance(body, str) else json.dumps(body),
    }
    return set(_LABELLER.label(flow_from_fixture(fixture)).categories())


def _kinds(*args: Any, **kwargs: Any) -> set[str]:
    return _labels(*args, **kwargs) & _KINDS


_INGEST = "https://ingest.example.org/api/otlp"

# --- OpenTelemetry OTLP/JSON by its body, whatever the path --------------------------------


def test_otlp_json_spans_on_any_path_are_performance_with_trace_ids() -> None:
    body = {
        "resourceSpans": [
            {
                "scopeSpans": [
                    {
                        "spans": [
                            {
                                "traceId": "5b8efff798038103d269b633813fc60c",
                                "spanId": "eee19b7ec3c1b174",
                                "name": "GET /rooms",
                                "startTimeUnixNano": "1763816400000000000",
                                "endTimeUnixNano": "1763816401000000000",
                            }
                        ]
                    }
                ]
            }
        ]
    }
    got = _labels(_INGEST, body)
    assert _PERF in got and "identifiers.session_id" in got
    assert got & _KINDS == {_PERF}


def test_otlp_json_metrics_on_any_path_are_performance() -> None:
    body = {
        "resourceMetrics": [
            {
                "scopeMetrics": [
                    {
                        "metrics": [
                            {
                                "name": "http.server.duration",
                                "histogram": {"dataPoints": [{"count": "3", "sum": 12.5}]},
                            }
                        ]
                    }
                ]
            }
        ]
    }
    assert _kinds(_INGEST, body) == {_PERF}


def test_otlp_json_logs_on_any_path_are_diagnostics_by_severity_number_alone() -> None:
    body = {
        "resourceLogs": [
            {
                "scopeLogs": [
                    {
                        "logRecords": [
                            {
                                "timeUnixNano": "1763816400000000000",
                                "severityNumber": 17,
                                "body": {"stringValue": "join failed"},
                            }
                        ]
                    }
                ]
            }
        ]
    }
    assert _kinds(_INGEST, body) == {_DIAG}


def test_otlp_json_logs_on_an_events_path_are_no_product_usage() -> None:
    body = {
        "resourceLogs": [
            {
                "scopeLogs": [
                    {
                        "logRecords": [
                            {"severityText": "INFO", "body": {"stringValue": "room opened"}}
                        ]
                    }
                ]
            }
        ]
    }
    assert _kinds("https://ingest.example.org/v2/events", body) == {_DIAG}


def test_a_key_named_spans_outside_otlp_nesting_is_no_trace_export() -> None:
    # a text editor's rich-text `spans` and a calendar's `resource` are not OTLP
    body = {"resource": {"id": "room-1"}, "spans": [{"text": "hello", "bold": True}]}
    assert _PERF not in _labels("https://docs.example.org/api/blocks", body)


# --- Prometheus text exposition and InfluxDB line protocol -----------------------------------


def test_prometheus_exposition_text_on_a_push_path_is_performance() -> None:
    text = (
        "# HELP http_requests_total The total number of HTTP requests.\n"
        "# TYPE http_requests_total counter\n"
        'http_requests_total{method="post",code="200"} 1027 1395066363000\n'
        "process_cpu_seconds_total 12.47\n"
    )
    assert _kinds("https://push.example.org/api/push", text, "text/plain; version=0.0.4") == {_PERF}


def test_prometheus_import_endpoint_is_performance_regression_guard() -> None:
    text = "# TYPE up gauge\nup 1\n"
    assert _PERF in _labels("https://vm.example.org/api/v1/import/prometheus", text, "text/plain")


def test_influx_line_protocol_is_performance_regression_guard() -> None:
    text = "call_quality,room=r1 jitter_ms=12.5,loss=0.01 1434055562000000000\n"
    url = "https://influx.example.org/api/v2/write?org=acme&bucket=app&precision=ns"
    assert _kinds(url, text, "text/plain") == {_PERF}


def test_prose_with_hash_lines_is_no_prometheus_text() -> None:
    text = "# Minutes\nAlice opened the meeting.\n# Decisions\nShip on Friday 12\n"
    assert _PERF not in _labels("https://notes.example.org/api/push", text, "text/plain")


# --- W3C Reporting API and NEL ---------------------------------------------------------------


def test_reporting_api_content_type_is_diagnostics_regression_guard() -> None:
    reports = [
        {
            "type": "csp-violation",
            "age": 10,
            "url": "https://app.example.org/",
            "body": {"blockedURL": "https://cdn.example/x.js", "disposition": "enforce"},
        }
    ]
    assert _kinds("https://r.example.org/api/reports", reports, "application/reports+json") == {
        _DIAG
    }


def test_reporting_api_reports_sent_as_plain_json_are_diagnostics() -> None:
    reports = [
        {
            "type": "deprecation",
            "age": 1,
            "url": "https://app.example.org/",
            "user_agent": "Mozilla/5.0",
            "body": {"id": "UnloadHandler", "message": "Unload event listeners are deprecated"},
        },
        {
            "type": "network-error",
            "age": 29,
            "url": "https://app.example.org/",
            "body": {"phase": "connection", "type": "tcp.timed_out", "elapsed_time": 143},
        },
    ]
    assert _kinds("https://r.example.org/collect", reports) == {_DIAG}


def test_legacy_csp_report_as_json_is_diagnostics() -> None:
    body = {
        "csp-report": {
            "document-uri": "https://app.example.org/",
            "violated-directive": "script-src",
            "blocked-uri": "https://cdn.example/x.js",
        }
    }
    assert _kinds("https://r.example.org/csp", body) == {_DIAG}


def test_a_typed_list_without_report_members_is_no_report() -> None:
    items = [{"type": "deprecation", "name": "old plan", "price": 12}]
    assert _DIAG not in _labels("https://shop.example.org/api/plans", items)


# --- web-vitals records ----------------------------------------------------------------------


def test_web_vitals_record_is_performance_regression_guard() -> None:
    body = [
        {"name": "CLS", "value": 0.02, "rating": "good", "delta": 0.02, "id": "v4-1-124"},
        {"name": "INP", "value": 88, "rating": "good", "delta": 88, "id": "v4-1-125"},
    ]
    assert _kinds("https://app.example.org/api/collect", body) == {_PERF}


# --- CloudEvents -----------------------------------------------------------------------------


def _cloud_event(event_type: str, data: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "specversion": "1.0",
        "type": event_type,
        "source": "/clients/desktop",
        "id": "a1b2",
        "time": "2026-12-07T10:00:00Z",
        "data": data or {},
    }


@pytest.mark.parametrize(
    ("event_type", "kind"),
    [
        ("org.example.meeting.joined", _USAGE),
        ("org.example.client.error", _DIAG),
        ("org.example.app.crashed", _DIAG),
        ("org.example.agent.heartbeat", _TELE),
        ("org.example.call.metrics", _PERF),
        ("org.example.call.quality", _PERF),
    ],
)
def test_cloudevent_structured_mode_reads_its_type(event_type: str, kind: str) -> None:
    got = _kinds(
        "https://hooks.example.org/in", _cloud_event(event_type), "application/cloudevents+json"
    )
    assert got == {kind}


def test_cloudevent_structured_mode_as_plain_json_on_an_events_path() -> None:
    got = _kinds("https://hooks.example.org/v1/events", _cloud_event("org.example.agent.heartbeat"))
    assert got == {_TELE}


def test_cloudevents_batch_reads_each_type() -> None:
    batch = [_cloud_event("org.example.meeting.left"), _cloud_event("org.example.client.error")]
    got = _kinds("https://hooks.example.org/in", batch, "application/cloudevents-batch+json")
    assert got == {_USAGE, _DIAG}


def test_cloudevent_binary_mode_reads_the_ce_type_header() -> None:
    headers = [
        ["ce-specversion", "1.0"],
        ["ce-type", "org.example.client.exception"],
        ["ce-source", "/clients/desktop"],
        ["ce-id", "9"],
    ]
    got = _kinds("https://hooks.example.org/in", {"message": "ICE failed"}, headers=headers)
    assert got == {_DIAG}


def test_a_type_and_an_id_without_specversion_is_no_cloudevent() -> None:
    body = {"type": "org.example.agent.heartbeat", "source": "import", "id": "7"}
    assert _TELE not in _labels("https://api.example.org/v1/objects", body)


# --- timing fields inside an event -----------------------------------------------------------


@pytest.mark.parametrize(
    "timing",
    [{"duration_ms": 1830}, {"latency": 120}, {"elapsed_ms": 4200}, {"ttfb": 180}, {"ttfb_ms": 95}],
)
def test_a_timing_field_in_a_tracked_event_adds_performance(timing: dict[str, int]) -> None:
    body = {"event": "page_viewed", **timing}
    assert _kinds("https://t.example.org/api/events", body) == {_USAGE, _PERF}


def test_a_bare_duration_in_a_product_event_is_no_timing() -> None:
    # how long the recording ran is what the user did, not how fast the app was
    body = {"event": "recording_stopped", "duration": 3600}
    assert _kinds("https://t.example.org/api/events", body) == {_USAGE}


def test_a_timing_field_outside_any_event_is_no_performance() -> None:
    body = {"name": "Weekly sync", "elapsed": 12, "ttfb": 3}
    assert _PERF not in _labels("https://api.example.org/v1/rooms", body)


# --- heartbeat, ping and health records ------------------------------------------------------


@pytest.mark.parametrize("key", ["type", "event", "kind"])
@pytest.mark.parametrize("beat", ["heartbeat", "ping", "keepalive", "health_check"])
def test_a_heartbeat_record_on_any_path_is_telemetry(key: str, beat: str) -> None:
    body = {key: beat, "agent_id": "ag-1", "sdk_version": "3.1.0"}
    assert _kinds("https://api.example.org/v2/agent", body) == {_TELE}


def test_a_ping_event_in_a_batch_is_telemetry_beside_the_tracked_ones() -> None:
    body = {"events": [{"event": "ping"}, {"event": "meeting_joined"}]}
    assert _kinds("https://t.example.org/v1/track", body) == {_TELE, _USAGE}


def test_a_page_ping_is_still_product_usage() -> None:
    body = {"event": "page_ping", "page": "/rooms"}
    assert _kinds("https://t.example.org/v1/track", body) == {_USAGE}


def test_a_health_record_with_uptime_is_telemetry() -> None:
    body = {"status": "healthy", "uptime_seconds": 3600, "version": "1.2.0"}
    assert _kinds("https://api.example.org/v2/agent", body) == {_TELE}


def test_a_status_without_uptime_is_no_health_record() -> None:
    body = {"status": "healthy", "version": "1.2.0", "name": "Weekly sync"}
    assert _TELE not in _labels("https://api.example.org/v2/rooms", body)


# --- exception and stack records -------------------------------------------------------------


def test_an_error_object_with_a_stack_is_diagnostics_regression_guard() -> None:
    body = {
        "error": {
            "name": "TypeError",
            "message": "x is undefined",
            "stack": "TypeError: x is undefined\n    at join (app.js:10:5)",
        }
    }
    assert _kinds("https://api.example.org/v2/agent", body) == {_DIAG}


def test_a_traceback_record_is_diagnostics() -> None:
    body = {
        "exception_type": "ValueError",
        "exception_message": "bad value",
        "traceback": 'Traceback (most recent call last):\n  File "app.py", line 3\nValueError: bad',
    }
    assert _kinds("https://api.example.org/v2/items", body) == {_DIAG}


def test_an_exception_type_alone_is_diagnostics() -> None:
    body = {"exceptionType": "java.net.SocketTimeoutException", "exceptionMessage": "timeout"}
    assert _kinds("https://api.example.org/v2/items", body) == {_DIAG}


def test_an_empty_traceback_says_no_error() -> None:
    body = {"job": "export", "traceback": None, "exception_type": ""}
    assert _DIAG not in _labels("https://api.example.org/v2/jobs", body)


# --- precision: a REST call is not product usage ---------------------------------------------


def test_a_meeting_created_through_a_rest_api_is_no_event_regression_guard() -> None:
    body = {"topic": "Weekly", "type": 2, "start_time": "2026-12-08T10:00:00Z", "duration": 60}
    assert not _kinds("https://api.example.org/v2/users/me/meetings", body)


def test_a_task_created_through_a_rest_api_is_no_event_regression_guard() -> None:
    body = {"name": "x", "type": "task", "priority": 2}
    assert not _kinds("https://api.example.org/v1/tasks", body)


# --- heldout11 h11-013: a language by a key's short `_lang` suffix ---------------------------


def test_a_language_code_under_a_lang_suffix_is_locale() -> None:
    body = {"content": "Prepare slides", "due_string": "tomorrow at 9:30", "due_lang": "en"}
    assert "device_info.locale" in _labels("https://tasks.example.org/api/v1/tasks", body)


@pytest.mark.parametrize(
    "body",
    [
        {"sdk_lang": "go", "event": "x"},
        {"golang": "1.22"},
        {"code_lang": "py"},
        {"due_lang": "tomorrow"},
    ],
)
def test_a_programming_language_or_a_non_code_under_lang_is_no_locale(body: dict[str, str]) -> None:
    assert "device_info.locale" not in _labels("https://tasks.example.org/api/v1/tasks", body)


# --- heldout11 h11-008: a minutes document's title names its meeting -------------------------


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        (
            "Quarterly roadmap review - minutes\nPresent: A, B\n1. Ship it.\n",
            "Quarterly roadmap review",
        ),
        ("Minutes: Vendor pricing sync\n- decided\n", "Vendor pricing sync"),
        ("Minutes of the budget planning review\nAttendees: 4\n", "budget planning review"),
    ],
)
def test_the_title_of_minutes_names_the_meeting(text: str, topic: str) -> None:
    from auditor.label.detectors import minutes_titles

    assert minutes_titles(text) == [topic]
    assert "meeting_metadata" in _labels("https://docs.example.org/api/pages", {"text": text})


@pytest.mark.parametrize(
    "text",
    [
        "Read time - 5 minutes\nA short guide.\n",
        "Standup - minutes\n",
        "Please send the minutes by Friday, thanks a lot.\n",
        "The call lasted 40 minutes\n",
    ],
)
def test_minutes_in_other_words_name_no_meeting(text: str) -> None:
    from auditor.label.detectors import minutes_titles

    assert minutes_titles(text) == []


# --- precision: a quality key holding a setting's word measures nothing ----------------------


@pytest.mark.parametrize(
    "setting", [{"latency": "low"}, {"bitrate": "auto"}, {"framerate": "high"}]
)
def test_a_quality_key_with_a_settings_word_is_no_performance(setting: dict[str, str]) -> None:
    assert _PERF not in _labels("https://api.example.org/v1/settings", {"name": "x", **setting})


@pytest.mark.parametrize("measure", [{"rtt": 41}, {"jitter": "12.5"}, {"latency": "40 ms"}])
def test_a_quality_key_with_a_measure_is_performance(measure: dict[str, object]) -> None:
    assert _PERF in _labels("https://api.example.org/v1/settings", {"name": "x", **measure})


# --- W3C performance timeline entries and ECS kinds ------------------------------------------


def test_performance_timeline_entries_on_a_track_path_are_performance() -> None:
    body = {
        "entryType": "navigation",
        "name": "https://app.example.org/",
        "startTime": 0,
        "duration": 1520.4,
        "domInteractive": 800.1,
    }
    assert _kinds("https://app.example.org/api/track", body) == {_PERF}


def test_an_entry_type_without_a_time_is_no_timing() -> None:
    body = {"entryType": "event", "amount": 12, "memo": "tickets"}
    assert _PERF not in _labels("https://books.example.org/api/entries", body)


def test_an_ecs_metric_document_is_performance() -> None:
    body = {"event": {"kind": "metric", "dataset": "system.cpu"}, "system": {"cpu": {"pct": 0.2}}}
    assert _kinds("https://es.example.org/api/push", body) == {_PERF}


def test_an_sdk_platform_headers_lang_is_no_locale() -> None:
    headers = [["X-Example-Lang", "js"], ["X-Example-Package-Version", "4.2.0"]]
    got = _labels("https://api.example.org/v1/chat", {"model": "m"}, headers=headers)
    assert "device_info.locale" not in got


def test_a_web_vital_by_its_long_name_is_performance() -> None:
    body = {"metric": "largest-contentful-paint", "value": 2512.3, "rating": "poor"}
    assert _kinds("https://app.example.org/api/collect", body) == {_PERF}


_MINIDUMP = (
    '--b1\r\nContent-Disposition: form-data; name="upload_file_minidump"; filename="crash.dmp"\r\n'
    "Content-Type: application/octet-stream\r\n\r\nMDMP\x93\xa7\x00\x00rest\r\n"
    '--b1\r\nContent-Disposition: form-data; name="ver"\r\n\r\n1.2.3\r\n--b1--\r\n'
)


def test_a_minidump_part_on_any_path_is_diagnostics_not_a_file() -> None:
    got = _labels("https://up.example.org/upload", _MINIDUMP, "multipart/form-data; boundary=b1")
    assert _DIAG in got and "customer_content.files" not in got


def test_an_attached_document_stays_a_file() -> None:
    body = (
        '--b1\r\nContent-Disposition: form-data; name="file"; filename="crash-course.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n%PDF-1.4 notes\r\n--b1--\r\n"
    )
    got = _labels("https://up.example.org/upload", body, "multipart/form-data; boundary=b1")
    assert "customer_content.files" in got and _DIAG not in got


# --- spans of the open tracing formats, typed metric records, SDK start ----------------------


def test_zipkin_spans_on_any_path_are_performance() -> None:
    spans = [
        {
            "traceId": "5b8efff798038103",
            "id": "eee19b7ec3c1b174",
            "name": "get /rooms",
            "timestamp": 1700000000000000,
            "duration": 20000,
            "localEndpoint": {"serviceName": "web"},
        }
    ]
    assert _kinds("https://t.example.org/api/in", spans) == {_PERF}


def test_jaeger_spans_on_any_path_are_performance() -> None:
    body = {
        "data": [
            {
                "traceID": "5b8efff798038103",
                "spans": [{"spanID": "a1", "operationName": "x", "startTime": 1, "duration": 2}],
            }
        ]
    }
    assert _kinds("https://t.example.org/api/in", body) == {_PERF}


def test_a_trace_id_beside_an_api_calls_fields_is_no_span() -> None:
    body = {"name": "Weekly", "trace_id": "5b8efff798038103d269b633813fc60c", "capacity": 12}
    assert _PERF not in _labels("https://api.example.org/v1/rooms", body)


@pytest.mark.parametrize(
    "record",
    [
        {"type": "metric", "name": "join_time", "value": 1.2},
        {"type": "timing", "name": "join", "duration": 1200},
    ],
)
def test_a_record_typed_metric_or_timing_is_performance(record: dict[str, object]) -> None:
    assert _kinds("https://t.example.org/v1/in", record) == {_PERF}


def test_a_record_typed_metric_without_a_value_is_no_performance() -> None:
    assert _PERF not in _labels("https://t.example.org/v1/in", {"type": "metric", "name": "x"})


def test_an_sdk_initialized_event_is_telemetry() -> None:
    body = {"event": "sdk_initialized", "sdk_version": "1.0"}
    assert _kinds("https://t.example.org/v1/track", body) == {_TELE}


# --- precision: REST calls on analytics-looking paths ----------------------------------------


def test_a_payment_capture_on_one_item_is_no_product_usage() -> None:
    got = _labels(
        "https://api.example.com/v1/payment_intents/pi_3Mtw8sLkdIwH/capture",
        "amount_to_capture=2000",
        "application/x-www-form-urlencoded",
    )
    assert _USAGE not in got


def test_an_analytics_capture_endpoint_stays_product_usage() -> None:
    for url in ("https://t.example.org/capture/", "https://t.example.org/api/v1/capture"):
        assert _USAGE in _labels(url, {"event": "meeting_joined", "distinct_id": "u-1"})


def test_a_multipart_batch_of_http_requests_is_no_product_usage() -> None:
    body = "--batch_x\r\nContent-Type: application/http\r\n\r\nGET /drive/v3/files/1\r\n--batch_x--"
    got = _labels(
        "https://www.example.com/batch/drive/v3", body, "multipart/mixed; boundary=batch_x"
    )
    assert _USAGE not in got
