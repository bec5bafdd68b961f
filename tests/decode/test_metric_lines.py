"""Metric line protocols of whitespace-separated tokens become structure (issue 15l, heldout13):
the Wavefront data format (metric, histogram and span lines, also inside a JSON string),
Graphite plaintext and StatsD, sniffed by content whatever the declared type. Must-parse and
must-not-parse cases and a totality property; heldout13's h13-001..004 are the recorded cases."""

from __future__ import annotations

import gzip
import json

import hypothesis.strategies as st
from hypothesis import given

from auditor.decode import decode_body, decode_flow
from auditor.decode.metric_lines import looks_like_metric_lines, parse_metric_line, tokenize
from auditor.decode.metrics_text import looks_like_line_protocol
from tests.decode.helpers import by_where, flow
from tests.decode.test_properties import SETTINGS, SMALL, check


def body_fields(
    data: bytes, content_type: str | None = "application/octet-stream", encoding: str | None = None
) -> dict[str, object]:
    fields, errors = decode_body(data, content_type, encoding, ("body",))
    assert not errors
    return by_where(fields)


METRIC_LINES = (
    '"meet.audio.jitter_ms" 38.5 1796647425 source="desk-07" "meeting_id"="85512345678" '
    '"participant"="guest@example.org" "os"="Windows 11 23H2"\n'
    "\n"
    "meet.video.fps 14.0 source=desk-07 client=desktop\n"
)


def test_wavefront_metric_lines_in_a_gzip_octet_stream_become_points() -> None:
    got = body_fields(gzip.compress(METRIC_LINES.encode()), encoding="gzip")
    assert got["body › gzip › line 1 › metric"] == "meet.audio.jitter_ms"
    assert got["body › gzip › line 1 › value"] == 38.5
    assert got["body › gzip › line 1 › timestamp"] == 1796647425
    assert got["body › gzip › line 1 › source"] == "desk-07"
    assert got["body › gzip › line 1 › tags › participant"] == "guest@example.org"
    assert got["body › gzip › line 1 › tags › os"] == "Windows 11 23H2"
    assert got["body › gzip › line 3 › metric"] == "meet.video.fps"
    assert got["body › gzip › line 3 › tags › client"] == "desktop"
    assert "body › gzip" not in got  # structure now, not one text field


def test_wavefront_histogram_line_becomes_centroids() -> None:
    got = body_fields(
        b'!M 1796647425 #3 220.0 #1 480.0 "meet.join.latency_ms" source="desk-07" "client"="desktop"\n'
    )
    assert got["body › line 1 › metric"] == "meet.join.latency_ms"
    assert got["body › line 1 › granularity"] == "minute"
    assert got["body › line 1 › timestamp"] == 1796647425
    assert got["body › line 1 › centroid 0 › count"] == 3
    assert got["body › line 1 › centroid 1 › value"] == 480.0
    assert got["body › line 1 › source"] == "desk-07"
    assert got["body › line 1 › tags › client"] == "desktop"


SPAN = (
    '"joinMeeting" source="desk-07" traceId=7b3bf470-9456-11e8-9eb6-529269fb1459 '
    "spanId=0313bafe-9457-11e8-9eb6-529269fb1459 parent=0313bafe-9457-11e8-9eb6-000000000001 "
    '"user_email"="guest@example.org" "http.status_code"="200" 1796647425000 1350\n'
)


def test_wavefront_span_line_becomes_operation_ids_tags_and_duration() -> None:
    got = body_fields(SPAN.encode(), None)
    assert got["body › line 1 › operation"] == "joinMeeting"
    assert got["body › line 1 › traceId"] == "7b3bf470-9456-11e8-9eb6-529269fb1459"
    assert got["body › line 1 › spanId"] == "0313bafe-9457-11e8-9eb6-529269fb1459"
    assert got["body › line 1 › parent"] == "0313bafe-9457-11e8-9eb6-000000000001"
    assert got["body › line 1 › tags › user_email"] == "guest@example.org"
    assert got["body › line 1 › start"] == 1796647425000
    assert got["body › line 1 › duration"] == 1350


def test_span_line_kept_in_a_json_string_is_decoded_in_place() -> None:
    body = json.dumps({"traceId": "t1", "logs": [], "span": SPAN}).encode()
    decoded = decode_flow(
        flow(
            body,
            url="https://tracing.example.org/report",
            headers=[("Content-Type", "application/json")],
        )
    )
    got = by_where(decoded.fields)
    assert got["body › span › line 1 › operation"] == "joinMeeting"
    assert got["body › span › line 1 › duration"] == 1350
    assert "wavefront" in decoded.body_kinds


def test_graphite_plaintext_and_statsd_lines_become_points() -> None:
    got = body_fields(
        b"meet.rooms.active 42 1700000000\nmeet.rooms.idle 3.5 1700000000\n", "text/plain"
    )
    assert got["body › line 1 › metric"] == "meet.rooms.active"
    assert got["body › line 2 › value"] == 3.5
    got = body_fields(b"meet.join_ms:412|ms|@0.5|#os:linux,region:eu\nmeet.joins:1|c\n", None)
    assert got["body › line 1 › metric"] == "meet.join_ms"
    assert got["body › line 1 › type"] == "ms"
    assert got["body › line 1 › rate"] == 0.5
    assert got["body › line 1 › tags › os"] == "linux"
    assert got["body › line 2 › value"] == 1


def test_tokens_keep_quoted_spaces_and_escapes() -> None:
    assert tokenize(r'"a b" k="v \"q\" w" x=1') == [("a b", None), ("k", 'v "q" w'), ("x", "1")]
    assert tokenize('"open quote') is None


def test_prose_logs_logfmt_and_line_protocol_are_not_metric_lines() -> None:
    for text in (
        "hello world, how are you",
        "retry 3 host=db1",  # a word and a number beside a host: a log message
        "level=info msg=hello host=web-1",  # logfmt
        "version 1.2 3",  # no dotted path, no source
        "2026-12-07T05:30:04Z ERROR join failed meeting=1 user=u",
        "name,email,city\nalice,alice@example.com,Paris\n",
        "meet.video.fps 14.0 source=desk-07\nthis line is prose",  # every line must parse
        "joinMeeting source=h traceId=a spanId=b 1700000000000",  # a span needs start and duration
        "!M #3 220.0",  # a histogram needs its metric name
        "a:b|c d",  # not StatsD
    ):
        assert not looks_like_metric_lines(text), text
        got = body_fields(text.encode(), "text/plain")
        assert not any(where.endswith(("› metric", "› operation")) for where in got), text
    # InfluxDB line protocol stays line protocol
    text = "cpu,host=a value=1 1700000000"
    assert looks_like_line_protocol(text) and parse_metric_line(text) is None
    assert "body › line 1 › measurement" in body_fields(text.encode(), "text/plain")


def test_a_log_message_with_a_host_pair_is_not_a_metric_point() -> None:
    body = json.dumps({"message": "retry 3 host=db1 after timeout"}).encode()
    fields = decode_flow(flow(body, headers=[("Content-Type", "application/json")])).fields
    assert not any(f.where.endswith("› metric") for f in fields)


# -- totality --------------------------------------------------------------------------------------

_bits = st.sampled_from(
    ['"', "\\", "=", " ", "\n", "!M", "!H", "#", "#3", "1.5", "1700000000", "source", "source=h",
     "traceId=t", "spanId=s", "a.b", "x", ":", "|", "|c", "|@0.5", "|#k:v", ",", "é", "\t", "~"]
)  # fmt: skip
metric_line_bodies = st.lists(_bits, max_size=40).map("".join)


@SETTINGS
@given(metric_line_bodies, st.sampled_from(["application/octet-stream", "text/plain", None]))
def test_metric_line_decoders_are_total(text: str, ctype: str | None) -> None:
    fields, errors = decode_body(text.encode(), ctype, None, ("body",), SMALL)
    check(fields, errors, SMALL)
    wrapped = json.dumps({"span": text, "messages": [text]}).encode()
    fields, errors = decode_body(wrapped, "application/json", None, ("body",), SMALL)
    check(fields, errors, SMALL)
    for line in text.splitlines():
        parse_metric_line(line)
        tokenize(line)
