"""What real telemetry SDKs send, decoded.

`test_live_sdk_*` runs each SDK against a loopback recording server right now; the other tests
read the captures saved under fixtures/ by `python -m tests.decode.make_fixtures`.
"""

from __future__ import annotations

import pytest

from auditor.decode import decode_flow
from auditor.records import Field
from tests.decode.sdk_capture import DRIVERS, EMAIL, SECRET_IN_CODE, USER_ID, capture, load_fixture


def decode_fixture(name: str) -> list[tuple[list[Field], list[str], list[str]]]:
    out = []
    for request in load_fixture(f"{name}.json"):
        decoded = decode_flow(request.flow())
        out.append((decoded.fields, decoded.errors, decoded.body_kinds))
    return out


def where_value(fields: list[Field]) -> dict[str, object]:
    return {f.where: f.value for f in fields}


@pytest.mark.parametrize("sdk", sorted(DRIVERS))
def test_live_sdk_payload_decodes_and_shows_the_planted_email(sdk: str) -> None:
    requests = capture(sdk)
    assert requests, f"{sdk} sent nothing"
    found = []
    for request in requests:
        decoded = decode_flow(request.flow())
        assert decoded.errors == []
        found += [f for f in decoded.fields if f.value == EMAIL and not f.in_stack_frame]
    assert found, f"{sdk}: planted e-mail not decoded"


def test_sentry_brotli_envelope_event_user_and_frames() -> None:
    [(fields, errors, kinds)] = decode_fixture("sentry")
    assert errors == []
    assert kinds == ["br", "sentry-envelope"]
    got = where_value(fields)
    event = "body › br › envelope item 1 › event"
    assert got[f"{event} › user › email"] == EMAIL
    assert got[f"{event} › user › id"] == USER_ID
    assert got["body › br › envelope item 1 › item header › type"] == "event"
    # The literal in the source line and the local variables are stack-frame context.
    in_frames = [f for f in fields if f.in_stack_frame]
    assert any(SECRET_IN_CODE in str(f.value) and "context" in f.where for f in in_frames)
    assert any(f.where.endswith("vars › email") for f in in_frames)
    assert not any(f.in_stack_frame for f in fields if f.where.endswith(("abs_path", "function")))
    headers = {f.where: f.value for f in fields if f.source == "header"}
    assert headers["header › Content-Encoding"] == "br"


def test_rollbar_item_frames_code_and_locals_are_marked() -> None:
    [(fields, errors, kinds)] = decode_fixture("rollbar")
    assert errors == [] and kinds == ["json"]
    marked = {f.where for f in fields if f.in_stack_frame}
    assert any(w.endswith("› code") for w in marked)
    assert any(w.endswith("locals › email") for w in marked)
    got = where_value(fields)
    assert got["body › data › custom › user_email"] == EMAIL


def test_bugsnag_stacktrace_code_is_marked() -> None:
    [(fields, errors, _)] = decode_fixture("bugsnag")
    assert errors == []
    code = [f for f in fields if "stacktrace" in f.path and "code" in f.path]
    assert code and all(f.in_stack_frame for f in code)
    assert any(SECRET_IN_CODE in str(f.value) for f in code)
    assert where_value(fields)["body › events › 0 › user › email"] == EMAIL


def test_otlp_gzip_protobuf_attributes() -> None:
    [(fields, errors, kinds)] = decode_fixture("otlp")
    assert errors == []
    assert kinds == ["gzip", "protobuf"]
    got = where_value(fields)
    # ExportTraceServiceRequest.resource_spans[0].resource.attributes[i] = KeyValue{key, value}.
    attributes = "body › gzip › protobuf › 1 › 1 › 1"
    keys = {v for w, v in got.items() if w.startswith(attributes) and w.endswith("› 1")}
    assert {"host.name", "service.name"} <= keys
    assert "alice-laptop" in got.values()
    span_attr = "body › gzip › protobuf › 1 › 2 › 2 › 9"
    assert got[f"{span_attr} › 1"] == "enduser.id"
    assert got[f"{span_attr} › 2 › 1"] == EMAIL


def test_mixpanel_form_data_json() -> None:
    (track, engage) = decode_fixture("mixpanel")
    got = where_value(track[0])
    assert track[2] == ["form", "json"]
    assert got["body › data › json › properties › $email"] == EMAIL
    assert got["body › data › json › properties › distinct_id"] == USER_ID
    assert where_value(engage[0])["body › data › json › $set › $name"] == "Alice Example"


def test_snowplow_post_and_get_base64_payloads() -> None:
    results = decode_fixture("snowplow")
    post_ue = where_value(results[0][0])
    assert "snowplow" in results[0][2] and "base64-json" in results[0][2]
    assert post_ue["body › data › 0 › ue_px › base64 › json › data › data › email"] == EMAIL
    assert post_ue["body › data › 0 › cx › base64 › json › data › 0 › data › os"] == "Linux"
    get_ue = {f.where: (f.source, f.value) for f in results[2][0]}
    assert get_ue["url › query › ue_px › base64 › json › data › data › meeting_id"] == (
        "url",
        "81234567890",
    )
    assert get_ue["url › query › uid"] == ("url", EMAIL)
    assert "snowplow" in results[2][2]


@pytest.mark.parametrize(
    ("sdk", "where"),
    [
        ("posthog", "body › batch › 0 › properties › email"),
        ("segment", "body › batch › 0 › traits › email"),
        ("amplitude", "body › events › 0 › event_properties › email"),
    ],
)
def test_json_batch_sdks(sdk: str, where: str) -> None:
    results = decode_fixture(sdk)
    assert all(errors == [] for _, errors, _ in results)
    assert where_value(results[0][0])[where] == EMAIL
