"""The labeller never raises, whatever a flow carries, and never emits a label without evidence."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.label import KnownValues, Labeller
from auditor.records import ProcessInfo
from tests.tflow import tflow, treq, tws

LABELLER = Labeller(
    known_values=KnownValues.from_mapping(
        {"email": "alice@example.com", "hostname": "corpus-host-01"}
    )
)
CONTENT_TYPES = [
    None,
    "application/json",
    "application/x-json-stream",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=b",
    "application/x-sentry-envelope",
    "application/x-protobuf",
    "application/bond-compact-binary",
    "text/plain",
    "audio/ogg",
    "image/png",
    "application/pdf",
]
HOSTS = [
    "o1.ingest.sentry.io",
    "api.segment.io",
    "browser.events.data.msn.com",
    "discord.com",
    "us01.telemetry.zoom.us",
    "play.google.com",
    "unknown.example.test",
    "192.0.2.1",
    "",
]
PATHS = [
    "/",
    "/api/1/envelope/",
    "/v1/batch",
    "/OneCollector/1.0/",
    "/api/v9/science",
    "/com.snowplowanalytics.snowplow/tp2",
    "/log?format=json",
    "/v1/traces",
    "/x?pwd=1&a=%ZZ",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    host=st.sampled_from(HOSTS),
    path=st.sampled_from(PATHS),
    method=st.sampled_from(["GET", "POST", "PUT", "PATCH"]),
    content_type=st.sampled_from(CONTENT_TYPES),
    encoding=st.sampled_from([None, "gzip", "br", "zstd", "deflate", "bogus"]),
    body=st.one_of(
        st.none(),
        st.binary(max_size=600),
        st.text(max_size=300).map(str.encode),
        st.sampled_from(
            [
                b'{"email": "alice@example.com", "lat": 1.2345}',
                b'[{"name": "x.y.PanelAction"}]',
                b'{}\n{"type":"event"}\n{',
            ]
        ),
    ),
    headers=st.lists(
        st.tuples(
            st.sampled_from(
                ["Authorization", "X-Super-Properties", "Cookie", "X-Device-Id", "User-Agent"]
            ),
            st.text(max_size=60),
        ),
        max_size=4,
    ),
    ws=st.lists(st.binary(max_size=100), max_size=3),
    app=st.sampled_from([None, "zoom", "teams", "weird"]),
)
def test_labeller_never_raises(
    host: str,
    path: str,
    method: str,
    content_type: str | None,
    encoding: str | None,
    body: bytes | None,
    headers: list[tuple[str, str]],
    ws: list[bytes],
    app: str | None,
) -> None:
    all_headers = list(headers)
    if content_type:
        all_headers.append(("Content-Type", content_type))
    if encoding:
        all_headers.append(("Content-Encoding", encoding))
    record = tflow(
        id="h",
        session="s",
        ts=0.0,
        process=ProcessInfo(app=app),
        req=treq(
            f"https://{host}{path}",
            method=method,
            host=host,
            port=443,
            path=path,
            headers=all_headers,
            body=body,
        ),
        ws=[tws(m, ts=0.0, is_text=False) for m in ws],
    )
    result = LABELLER.label(record)
    assert result.labels, "every HTTP flow gets at least `other`"
    for label in result.labels:
        assert label.evidence
        assert 0.0 < label.confidence <= 1.0
