"""Event semantics of a monitoring family (issue 15l, from heldout13's first score): metric,
histogram and span lines are performance; span logs are diagnostics for their error record, not
product usage; a call-quality degradation event is performance unless it carries an error
record; health beats and job-monitor pings are telemetry, their run id a session id, a failed
run's message diagnostics and a run's metrics performance. Each class has cases that must match
and cases that must not."""

from __future__ import annotations

import gzip
import json

from auditor.label import Labeller
from tests.decode.helpers import flow

LABELLER = Labeller()
OCTET = [("Content-Type", "application/octet-stream"), ("Content-Encoding", "gzip")]
JSON = [("Content-Type", "application/json")]


def categories(
    url: str,
    body: bytes | None = None,
    headers: list[tuple[str, str]] | None = None,
    method: str = "POST",
) -> set[str]:
    return set(LABELLER.label(flow(body, url=url, headers=headers, method=method)).categories())


# -- metric, histogram and span lines --------------------------------------------------------------


def test_metric_points_read_their_tags_and_are_performance() -> None:
    body = gzip.compress(
        b'"meet.audio.packet_loss_pct" 4.2 1796647425 source="desk-07" '
        b'"participant"="guest@example.org" "os"="Windows 11 23H2" "region"="eu-central-1"\n'
    )
    got = categories("https://metrics.example.org/report?f=wavefront", body, OCTET)
    assert {
        "service_generated.performance",
        "identifiers.user_id",
        "contact_info.email",
        "device_info.os",
    } <= got
    assert "location.coarse" not in got and "service_generated.product_usage" not in got


def test_histogram_of_timings_is_performance() -> None:
    body = b'!M 1796647425 #3 220.0 #1 480.0 "meet.join.latency_ms" source="desk-07"\n'
    got = categories("https://metrics.example.org/report?f=histogram", body, OCTET[:1])
    assert "service_generated.performance" in got


def test_span_line_is_performance_with_its_trace_id_and_user() -> None:
    body = (
        b'"joinMeeting" source="desk-07" traceId=7b3bf470-9456-11e8-9eb6-529269fb1459 '
        b'spanId=0313bafe-9457-11e8-9eb6-529269fb1459 "user_email"="guest@example.org" 1796647425000 1350\n'
    )
    got = categories("https://tracing.example.org/report?f=trace", body, OCTET[:1])
    assert {"service_generated.performance", "identifiers.session_id", "identifiers.user_id"} <= got


def test_plain_text_that_is_no_metric_line_gets_no_event_label() -> None:
    got = categories(
        "https://files.example.org/upload",
        b"retry 3 host=db1\nstill failing\n",
        [("Content-Type", "text/plain")],
    )
    assert not {"service_generated.performance", "service_generated.product_usage"} & got


def test_a_search_for_a_user_email_is_no_user_id() -> None:
    body = json.dumps({"query": {"term": {"user_email": "guest@example.org"}}}).encode()
    got = categories("https://search.example.org/events/_search", body, JSON)
    assert "contact_info.email" in got and "identifiers.user_id" not in got
    body = json.dumps(
        {"user_email": "guest@example.org", "level": "info", "msg": "joined"}
    ).encode()
    assert "identifiers.user_id" in categories("https://logs.example.org/v1/logs", body, JSON)


# -- span logs -------------------------------------------------------------------------------------

SPAN_LINE = (
    '"joinMeeting" source="desk-07" traceId=7b3bf470-9456-11e8-9eb6-529269fb1459 '
    "spanId=0313bafe-9457-11e8-9eb6-529269fb1459 1796647425000 1350\n"
)


def span_log(fields: dict[str, str]) -> bytes:
    record = {
        "traceId": "7b3bf470-9456-11e8-9eb6-529269fb1459",
        "spanId": "0313bafe-9457-11e8-9eb6-529269fb1459",
        "logs": [{"timestamp": 1796647425900000, "fields": fields}],
        "span": SPAN_LINE,
    }
    return gzip.compress(json.dumps(record).encode())


def test_span_log_error_record_is_diagnostics_and_its_span_performance() -> None:
    body = span_log(
        {"event": "error", "error.kind": "IceConnectionFailed", "message": "ICE failed"}
    )
    got = categories("https://tracing.example.org/report?f=spanLogs", body, OCTET)
    assert {"service_generated.diagnostics", "service_generated.performance"} <= got
    assert "service_generated.product_usage" not in got


def test_span_log_without_an_error_is_no_diagnostics_and_no_product_usage() -> None:
    body = span_log({"event": "cache_miss", "message": "fetched from origin"})
    got = categories("https://tracing.example.org/report?f=spanLogs", body, OCTET)
    assert "service_generated.performance" in got
    assert not {"service_generated.diagnostics", "service_generated.product_usage"} & got


# -- quality events --------------------------------------------------------------------------------


def test_call_quality_degradation_event_is_performance_not_a_log() -> None:
    body = json.dumps(
        {
            "name": "Call quality degraded",
            "annotations": {
                "severity": "warn",
                "details": "Packet loss above 4%",
                "type": "quality-alert",
            },
            "startTime": 1796647425000,
            "endTime": 1796647485000,
        }
    ).encode()
    got = categories("https://alerts.example.org/api/v2/event", body, JSON)
    assert "service_generated.performance" in got
    assert "service_generated.diagnostics" not in got


def test_quality_event_with_an_error_record_stays_diagnostics() -> None:
    body = json.dumps(
        {"name": "Call quality degraded", "severity": "error", "exception": "ValueError: bad SDP"}
    ).encode()
    got = categories("https://alerts.example.org/api/v2/event", body, JSON)
    assert "service_generated.diagnostics" in got


def test_a_log_record_that_is_no_quality_event_stays_diagnostics() -> None:
    body = json.dumps({"name": "recorder", "level": "warn", "message": "disk almost full"}).encode()
    got = categories("https://alerts.example.org/api/v2/event", body, JSON)
    assert "service_generated.diagnostics" in got and "service_generated.performance" not in got


# -- health beats and job-monitor pings ------------------------------------------------------------


def test_heartbeat_ping_is_telemetry() -> None:
    got = categories("https://api.example.org/v2/heartbeats/recording-watchdog/ping", method="GET")
    assert "service_generated.telemetry" in got


def test_job_pings_are_telemetry_with_run_id_failure_and_metrics() -> None:
    base = "https://pings.example.org/ping/k3yK3yK3y/transcribe"
    series = "series=5f0c13a2-8d1e-4b7a-9c3f-000000000001"
    got = categories(f"{base}?state=run&{series}&host=desk-07", method="GET")
    assert {"service_generated.telemetry", "identifiers.session_id"} <= got
    assert "service_generated.diagnostics" not in got and "service_generated.performance" not in got
    got = categories(
        f"{base}?state=fail&message=audio%20track%20missing&metric=duration:412&{series}",
        method="GET",
    )
    assert {
        "service_generated.telemetry",
        "service_generated.diagnostics",
        "service_generated.performance",
        "identifiers.session_id",
    } <= got
    got = categories(f"{base}?metric=count:17&metric=duration:30", method="GET")
    assert {"service_generated.telemetry", "service_generated.performance"} <= got
    # the same query on a path that is no ping: known by its run state beside its run id
    got = categories(
        f"https://jobs.example.org/api/monitors/transcribe?state=complete&{series}", method="GET"
    )
    assert {"service_generated.telemetry", "identifiers.session_id"} <= got


def test_oauth_state_page_status_and_item_counts_are_no_pings() -> None:
    for url in (
        "https://auth.example.org/oauth/authorize?response_type=code&client_id=abc&state=run",
        "https://auth.example.org/oauth/callback?code=xyz&state=af0ifjsldkj",
        "https://api.example.org/v1/orders?status=complete&count=20",
        "https://api.example.org/v1/jobs?state=fail&count=17",
        "https://app.example.org/login?state=failed&message=Wrong%20password",
        "https://api.example.org/ping",
    ):
        got = categories(url, method="GET")
        assert (
            not {
                "service_generated.telemetry",
                "service_generated.diagnostics",
                "service_generated.performance",
                "identifiers.session_id",
            }
            & got
        ), url
