"""Metrics and log text formats become structure (issue 15, heldout7): InfluxDB line protocol,
Prometheus/OpenMetrics exposition text with the Pushgateway path convention, and logfmt
`key=value` pairs in log text. Each has must-parse and must-not-parse cases and a totality
property; the labelled fixtures are heldout7's h7-030/031 (line protocol), h7-032 (exposition
text) and h7-035 (a key=value log line in JSON)."""

from __future__ import annotations

import json

import hypothesis.strategies as st
from hypothesis import given

from auditor.decode import decode_body, decode_flow
from auditor.decode._core import parse_logfmt
from auditor.decode.metrics_text import (
    looks_like_exposition,
    looks_like_line_protocol,
    parse_line_protocol_line,
)
from auditor.label import Labeller
from tests.decode.helpers import by_where, flow
from tests.decode.test_properties import SETTINGS, SMALL, check


def body_fields(text: str, content_type: str | None = "text/plain") -> dict[str, object]:
    fields, errors = decode_body(text.encode(), content_type, None, ("body",))
    assert not errors
    return by_where(fields)


# -- InfluxDB line protocol -------------------------------------------------------------------


def test_line_protocol_points_become_measurement_tags_and_typed_fields() -> None:
    got = body_fields(
        "call_quality,host=desk-01,meeting_id=85512345678,network_type=wifi "
        'jitter_ms=23.5,participants=5i,muted=true,os="Debian GNU/Linux 12" 1700000000000000000\n'
        'client_event,user_id=usr_3Hf8 event="screen_share_started"\n'
    )
    assert got["body › line 1 › measurement"] == "call_quality"
    assert got["body › line 1 › tags › network_type"] == "wifi"
    assert got["body › line 1 › tags › meeting_id"] == "85512345678"
    assert got["body › line 1 › fields › jitter_ms"] == 23.5
    assert got["body › line 1 › fields › participants"] == 5
    assert got["body › line 1 › fields › muted"] is True
    assert got["body › line 1 › fields › os"] == "Debian GNU/Linux 12"
    assert got["body › line 1 › timestamp"] == 1700000000000000000
    assert got["body › line 2 › measurement"] == "client_event"
    assert got["body › line 2 › tags › user_id"] == "usr_3Hf8"
    assert got["body › line 2 › fields › event"] == "screen_share_started"
    assert "body" not in got  # the body is structure now, not one text field


def test_line_protocol_escapes_commas_spaces_equals_and_quotes() -> None:
    point = parse_line_protocol_line(
        r'cpu\ load,host=a\,b,k\=ey=v\ w msg="say \"hi\", ok",n=1 1700000000'
    )
    assert point == (
        "cpu load",
        [("host", "a,b"), ("k=ey", "v w")],
        [("msg", 'say "hi", ok'), ("n", 1.0)],
        1700000000,
    )


def test_line_protocol_with_no_declared_type_is_sniffed() -> None:
    got = body_fields("mem,host=h used_percent=23.4 1556892576842902000", None)
    assert got["body › line 1 › fields › used_percent"] == 23.4


def test_text_csv_and_log_lines_are_not_line_protocol() -> None:
    for text in (
        "hello world, how are you",
        "name,email,city\nalice,alice@example.com,Paris\n",
        "2026-12-07T05:30:04Z ERROR join failed meeting=1 user=u",
        "a=1 b=2",  # logfmt: the measurement would hold an unescaped '='
        "cpu value=abc",  # an unquoted word is no field value
        "cpu value=1 not-a-timestamp",
        'cpu msg="open quote',
        "cpu,host=a value=1\nthis line is prose",
    ):
        assert not looks_like_line_protocol(text), text
        got = body_fields(text)
        assert not any("measurement" in where for where in got), text


# -- Prometheus / OpenMetrics exposition text ----------------------------------------------------


EXPOSITION = (
    "# HELP meeting_audio_jitter_ms Audio jitter in the current meeting\n"
    "# TYPE meeting_audio_jitter_ms gauge\n"
    'meeting_audio_jitter_ms{meeting_id="85512345678",network_type="wifi"} 23.5\n'
    "# TYPE meeting_joins_total counter\n"
    'meeting_joins_total{user_id="usr_3Hf8",note="a \\"quoted\\" one, with comma"} 1.0 1700000000000\n'
    "process_up 1\n"
    "process_cpu_seconds_total +Inf\n"
)


def test_exposition_samples_become_metric_labels_and_value() -> None:
    got = body_fields(EXPOSITION, "text/plain; version=0.0.4; charset=utf-8")
    assert got["body › line 3 › metric"] == "meeting_audio_jitter_ms"
    assert got["body › line 3 › labels › meeting_id"] == "85512345678"
    assert got["body › line 3 › labels › network_type"] == "wifi"
    assert got["body › line 3 › value"] == 23.5
    assert got["body › line 5 › labels › user_id"] == "usr_3Hf8"
    assert got["body › line 5 › labels › note"] == 'a "quoted" one, with comma'
    assert got["body › line 5 › timestamp"] == 1700000000000
    assert got["body › line 6 › metric"] == "process_up"
    assert got["body › line 7 › value"] == float("inf")
    # HELP and TYPE lines are the developer's words, not data sent about anyone
    assert not any("line 1" in where for where in got)


def test_openmetrics_declared_type_is_decoded() -> None:
    got = body_fields(
        '# TYPE a counter\na_total{instance="h1"} 2\n# EOF\n',
        "application/openmetrics-text; version=1.0.0",
    )
    assert got["body › line 2 › labels › instance"] == "h1"


def test_text_that_is_not_exposition_stays_text() -> None:
    for text in (
        "# A markdown title\n\nSome words 1\n",
        "# TYPE x gauge\nx{a=unquoted} 1\n",
        "# HELP x y\nx one\n",
        "just 1",  # a sample-shaped line with no labels and no TYPE comment
    ):
        assert not looks_like_exposition(text), text
        got = body_fields(text)
        assert not any("metric" in where for where in got), text


def test_pushgateway_path_names_grouping_labels() -> None:
    record = flow(
        body=b"# TYPE up gauge\nup 1\n",
        url="https://pushgw.example.org/metrics/job/desktop/instance/host-01/user@base64/dXNyXzEy",
        method="PUT",
        headers=[("Content-Type", "text/plain; version=0.0.4")],
    )
    got = by_where(decode_flow(record).fields)
    assert got["url › path › labels › job"] == "desktop"
    assert got["url › path › labels › instance"] == "host-01"
    assert got["url › path › labels › user"] == "usr_12"
    other = flow(url="https://api.example.org/metrics/jobs/desktop/instance/h", method="PUT")
    assert not any("labels" in f.where for f in decode_flow(other).fields)


# -- logfmt key=value pairs in log text -------------------------------------------------------------


def test_key_value_pairs_in_a_json_log_line_become_fields() -> None:
    line = (
        "2026-12-07T05:30:04Z ERROR join failed meeting=85512345678 user=usr_3Hf8 network=wifi "
        'rtt_ms=412 msg="ICE timeout, retrying"'
    )
    got = body_fields(json.dumps([{"messages": [line]}]), "application/json")
    base = "body › 0 › messages › 0"
    assert got[base] == line
    assert got[f"{base} › pairs › meeting"] == "85512345678"
    assert got[f"{base} › pairs › user"] == "usr_3Hf8"
    assert got[f"{base} › pairs › network"] == "wifi"
    assert got[f"{base} › pairs › rtt_ms"] == "412"
    assert got[f"{base} › pairs › msg"] == "ICE timeout, retrying"


def test_logfmt_lines_in_a_text_body_become_fields_per_line() -> None:
    got = body_fields(
        'level=info msg="joined" meeting=85512345678 os=linux\n'
        "level=error msg=failed network=cellular rtt_ms=900\n",
        None,
    )
    assert got["body › line 1 › pairs › meeting"] == "85512345678"
    assert got["body › line 1 › pairs › os"] == "linux"
    assert got["body › line 2 › pairs › network"] == "cellular"


def test_prose_urls_query_strings_and_headers_are_not_logfmt() -> None:
    for text in (
        "set x = 5 and y = 6",
        "use a=b to enable it",  # one pair in prose
        "a==b c==d",
        "https://example.org/p?a=1 b=2",
        "a=1&b=2",  # a query string (read as one elsewhere)
        "x= y=",  # no values
    ):
        assert parse_logfmt(text) is None or text.startswith("http"), text
        got = body_fields(json.dumps({"m": text}), "application/json")
        assert not any("pairs" in where for where in got), text
    record = flow(
        body=b"{}", headers=[("Content-Type", "text/plain; version=0.0.4; charset=utf-8")]
    )
    assert not any("pairs" in f.where for f in decode_flow(record).fields)


def test_key_value_log_line_labels_user_and_network() -> None:
    record = flow(
        body=json.dumps(
            [{"messages": ["ERROR media failed meeting=85512345678 network_type=wifi user_id=u_1"]}]
        ).encode(),
        url="https://logs.example.org/api/v1/ingest/unstructured",
        headers=[("Content-Type", "application/json")],
    )
    categories = set(Labeller().label(record).categories())
    assert {"device_info.network", "identifiers.user_id"} <= categories


# -- totality --------------------------------------------------------------------------------------

_text_bits = st.sampled_from(
    ["m", "cpu", ",", " ", "=", '"', "\\", "{", "}", "#", "# TYPE ", "# HELP ", "1", "1.5",
     "i", "t", "\n", "a_b", "x=1", 'k="v"', "1700000000", "NaN", "+Inf", "\t", "é"]
)  # fmt: skip
text_format_bodies = st.lists(_text_bits, max_size=40).map("".join)


@SETTINGS
@given(text_format_bodies, st.sampled_from(["text/plain", None, "application/openmetrics-text"]))
def test_text_format_decoders_are_total(text: str, ctype: str | None) -> None:
    fields, errors = decode_body(text.encode(), ctype, None, ("body",), SMALL)
    check(fields, errors, SMALL)
    wrapped = json.dumps({"message": text, "messages": [text]}).encode()
    fields, errors = decode_body(wrapped, "application/json", None, ("body",), SMALL)
    check(fields, errors, SMALL)
    for line in text.splitlines():
        parse_line_protocol_line(line)
        parse_logfmt(line)


@SETTINGS
@given(st.lists(st.text(max_size=12), max_size=8))
def test_pushgateway_path_decoder_is_total(segments: list[str]) -> None:
    from urllib.parse import quote

    path = "/metrics/job/" + "/".join(quote(s, safe="@") for s in segments)
    decoded = decode_flow(flow(url="https://pg.example.org" + path, method="PUT"))
    assert all(f.value is None or isinstance(f.value, str | int | float) for f in decoded.fields)
    assert not any(e.startswith("decoder error") for e in decoded.errors)


def test_short_user_key_in_log_pairs_is_a_user_id_but_not_a_cpu_time() -> None:
    record = flow(
        body=json.dumps(
            [{"messages": ["ERROR media connection failed meeting=85512345678 user=usr_3Hf8Wq20"]}]
        ).encode(),
        url="https://logs.example.org/api/v1/ingest/unstructured",
        headers=[("Content-Type", "application/json")],
    )
    assert "identifiers.user_id" in set(Labeller().label(record).categories())
    cpu = flow(
        body=json.dumps({"process": {"cpuUsage": {"user": 201344, "system": 41234}}}).encode(),
        headers=[("Content-Type", "application/json")],
    )
    assert "identifiers.user_id" not in set(Labeller().label(cpu).categories())


def test_level_word_of_a_log_line_prefix_is_its_level() -> None:
    def level_of(line: str) -> object:
        got = body_fields(json.dumps({"m": line}), "application/json")
        return got.get("body › m › pairs › level")

    assert level_of("2026-12-07T05:30:04Z ERROR join failed meeting=1 user=u_1") == "ERROR"
    assert level_of("[WARN] reconnecting rtt_ms=900 network=wifi") == "WARN"
    assert level_of("level=info ERROR in text a=1 b=2") == "info"  # the pair says it
    assert level_of("an error happened while joining meeting=1 user=u_1") is None
    assert level_of("a=1 b=2 ERROR later") is None
