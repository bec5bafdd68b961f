"""Field detectors and the taxonomy's conventions, through the labeller and directly."""

from __future__ import annotations

import json
from typing import Any

import pytest

from auditor.label import Labeller
from auditor.label.detectors import FieldDetectors, Hit, flow_context, mask
from auditor.label.rules import flow_from_fixture
from auditor.records import Field


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


def label(
    labeller: Labeller,
    url: str,
    body: Any = None,
    headers: list[list[str]] | None = None,
    method: str | None = None,
) -> dict[str, list[tuple[str, str, str]]]:
    fixture: dict[str, Any] = {"rule": "x", "url": url, "headers": headers or []}
    if body is not None:
        fixture["body"] = body
    if method:
        fixture["method"] = method
    result = labeller.label(flow_from_fixture(fixture))
    out = {}
    for lab in result.labels:
        assert lab.evidence, lab.category
        out[lab.category] = [(e.rule, e.where, e.excerpt) for e in lab.evidence]
    return out


def detect(fields: list[Field], url_path: str = "/") -> list[Hit]:
    return FieldDetectors().detect(fields, flow_context(url_path, None))


def f(path: str, value: Any, *, frame: bool = False, source: str = "body") -> Field:
    return Field(
        path=tuple(path.split(" › ")),
        value=value,
        source=source,  # type: ignore[arg-type]
        in_stack_frame=frame,
    )


UNKNOWN = "https://api.example-app.test/v1/sync"
DID = "identifiers.device_id"
SID = "identifiers.session_id"
DIAG = "service_generated.diagnostics"
OS = "device_info.os"
HW = "device_info.hardware"


def test_user_agent_header_alone_is_not_device_info(labeller: Labeller) -> None:
    got = label(
        labeller,
        "https://cdn.example-app.test/app.js",
        headers=[
            ["User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0"],
            ["Accept-Language", "de-DE,de;q=0.9"],
        ],
    )
    assert set(got) == {"other"}


def test_data_carrying_custom_header_is_read(labeller: Labeller) -> None:
    props = "eyJvcyI6IldpbmRvd3MiLCJzeXN0ZW1fbG9jYWxlIjoiZGUtREUifQ=="  # {"os":"Windows",...}
    got = label(labeller, UNKNOWN, headers=[["X-Super-Properties", props]])
    assert {"device_info.os", "device_info.locale"} <= set(got)


@pytest.mark.parametrize("masked", ["[redacted]", "[Filtered]", "***", "<redacted>", "", None])
def test_redacted_values_earn_no_label(labeller: Labeller, masked: str | None) -> None:
    got = label(
        labeller,
        UNKNOWN,
        {
            "email": masked,
            "user_id": masked,
            "password": masked,
            "hostname": masked,
            "phone": masked,
        },
        method="PUT",
    )
    assert set(got) == {"other"}


def test_stack_frame_context_never_raises_a_label_alone() -> None:
    fields = [
        f("body › exception › frames › 0 › vars › email", "dev@example.com", frame=True),
        f("body › exception › frames › 0 › context_line", "ip = '10.1.2.3'", frame=True),
        f("body › exception › frames › 0 › vars › password", "hunter2", frame=True),
    ]
    assert detect(fields) == []
    # The same values outside a frame are data.
    assert {h.category for h in detect([f("body › user › email", "dev@example.com")])} == {
        "contact_info.email"
    }


def test_time_zone_alone_is_locale_not_location(labeller: Labeller) -> None:
    got = label(labeller, UNKNOWN, {"tz": "Europe/Berlin", "utcOffset": 60}, method="PUT")
    assert set(got) == {"device_info.locale"}


def test_bare_hostname_is_a_network_identifier(labeller: Labeller) -> None:
    got = label(labeller, UNKNOWN, {"hostname": "DESKTOP-4J2K9"}, method="PUT")
    assert set(got) == {"identifiers.network_id"}


def test_device_name_that_is_a_model_is_hardware() -> None:
    cats = {h.category for h in detect([f("body › device_name", "Pixel 8")])}
    assert cats == {"device_info.hardware"}


@pytest.mark.parametrize(
    ("url", "headers", "body"),
    [
        ("https://api.example-app.test/j/123456789?pwd=aBcD3fGh1jKl", [], None),
        (UNKNOWN, [["Authorization", "Bearer abcdefghijklmnop0123"]], None),
        (UNKNOWN, [["Cookie", "session=abcdef0123456789"]], None),
        (UNKNOWN, [["X-Sentry-Auth", "Sentry sentry_key=0123456789abcdef"]], None),
        (UNKNOWN, [["X-Custom-Api-Key", "k_0123456789abcdef"]], None),
        (UNKNOWN, [], {"password": "correct horse battery"}),
        (UNKNOWN, [], {"api_key": "sk_live_0123456789abcdef"}),
        (UNKNOWN, [], {"meeting": {"passcode": "913372"}}),
        (
            UNKNOWN,
            [],
            {"anything": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abcdefghijklmnop"},
        ),
    ],
)
def test_credentials_are_found_and_masked(
    labeller: Labeller, url: str, headers: list[list[str]], body: Any
) -> None:
    got = label(labeller, url, body, headers, method="POST" if body else "GET")
    assert "credentials" in got
    secrets = [v for _, v in headers] + [json.dumps(body)] + [url.split("pwd=")[-1]]
    for _rule, _where, excerpt in got["credentials"]:
        for secret in secrets:
            token = secret.split()[-1].strip('"{}')
            if len(token) > 8:
                assert token not in excerpt


def test_pagination_tokens_are_not_credentials(labeller: Labeller) -> None:
    got = label(
        labeller,
        UNKNOWN,
        {"nextPageToken": "CiAKGjBpNDd2Nmp2", "syncToken": "abc123def"},
        method="PUT",
    )
    assert "credentials" not in got


def test_identifier_evidence_is_masked(labeller: Labeller) -> None:
    device = "C8F9E604-F01A-4BD9-95C6-8E5357DF265D"
    got = label(labeller, UNKNOWN, {"device_id": device, "userId": "u-48213-alice"}, method="PUT")
    for category in ("identifiers.device_id", "identifiers.user_id"):
        (rule, where, excerpt), *_ = got[category]
        assert rule.startswith("detector.")
        assert where.startswith("body › ")
        assert device not in excerpt and "u-48213-alice" not in excerpt


def test_mask_keeps_first_and_last_two() -> None:
    assert mask("0123456789abcdef") == "01…ef (16 chars)"
    assert mask("abcdef") == "a…f"
    assert mask("abc") == "***"


def test_coordinates_need_both_and_precision_decides() -> None:
    assert detect([f("body › pos › lat", 52.52001)]) == []
    precise = detect([f("body › pos › lat", 52.52001), f("body › pos › lon", 13.40495)])
    assert [h.category for h in precise] == ["location.precise"]
    assert "52.52001" not in precise[0].excerpt
    coarse = detect([f("body › pos › latitude", 52.5), f("body › pos › longitude", 13.4)])
    assert [h.category for h in coarse] == ["location.coarse"]
    geojson = detect(
        [
            f("body › geometry › coordinates › 0", 13.40495),
            f("body › geometry › coordinates › 1", 52.52001),
        ]
    )
    assert [h.category for h in geojson] == ["location.precise"]


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        ("body › email", "alice@example.com", {"contact_info.email"}),
        ("body › note", "write to alice@example.com please", {"contact_info.email"}),
        ("body › dsn", "https://abc@o1.ingest.sentry.io/1", {"credentials"}),
        ("body › client › addr", "192.168.1.23", {"identifiers.network_id"}),
        ("body › client › addr", "fe80::1c2b:3aff:fe4d:5e6f", {"identifiers.network_id"}),
        ("body › client › addr", "127.0.0.1", set()),
        ("body › app › version", "10.0.19045.1", set()),
        ("body › nic", "3C:22:FB:12:34:56", {"identifiers.network_id"}),
        ("body › phone", "+49 30 1234567", {"contact_info.phone"}),
        ("body › phone", "12", set()),
        ("body › firstName", "Alice", {"contact_info.name"}),
        ("body › displayName", "Alice Example", {"identifiers.user_id", "contact_info.name"}),
        ("body › displayName", "alice_42", {"identifiers.user_id"}),
        ("body › os › name", "Windows", {"device_info.os"}),
        ("body › platform", "web", set()),
        ("body › platform", "linux", {"device_info.os"}),
        ("body › cpu_cores", 8, {"device_info.hardware"}),
        ("body › log", "audio route changed to Jabra Evolve2 65", {"device_info.hardware"}),
        ("body › log", "microphone permission denied", set()),
        ("body › locale", "de-DE", {"device_info.locale"}),
        ("body › network", "wifi", {"device_info.network"}),
        ("body › city", "Berlin", {"location.coarse"}),
        ("body › region", "us-east-1", set()),
        ("body › dataCollectionFlag", 0, {"consent_signal"}),
        ("body › userConsent", False, {"consent_signal"}),
        ("body › idfa", "6D92078A-8246-4BA4-AE5B-76104861E7DC", {"identifiers.advertising_id"}),
        ("body › sessionId", "8c2e6a3f-1b4d-4f9a-a0b3-6e5c7d8f9a0b", {"identifiers.session_id"}),
        ("body › ext › device › localId", "c:7F3A9B2C1D4E5F60", {"identifiers.device_id"}),
        ("body › ext › user › localId", "t:2F3A1B4C5D6E7F80", {"identifiers.user_id"}),
        ("body › meetingId", "85512345678", {"meeting_metadata"}),
        ("body › rttMs", 80, {"service_generated.performance"}),
        ("body › reaction", "clap", {"customer_content.files"}),
        (
            "body › audioLevel › 0",
            0.31,
            set(),
        ),  # a number in a list: named by its list key only for strings
        ("body › audioLevel", 0.31, {"customer_content.audio"}),
        ("body › message", "failed to open chat window", set()),
        ("body › model", "Pixel 8", {"device_info.hardware"}),
        ("body › model", "gpt-4o-mini", set()),
        ("body › location", "https://app.example.com/settings", set()),
        ("body › location", "Berlin, DE", {"location.coarse"}),
        ("body › sr", 48000, set()),
        ("body › sr", "2560x1440", {"device_info.hardware"}),
        # User-Agent Client Hints name the browser, not the device (analytics.js context).
        ("body › context › userAgentData › brands › 0 › brand", "Chromium", set()),
        ("body › context › userAgentData › platform", "Linux", {"device_info.os"}),
        ("body › device › brand", "Samsung", {"device_info.hardware"}),
        # Application Insights web: the device type names the kind of client.
        ("body › 0 › tags › ai.device.type", "Browser", set()),
        ("body › 0 › tags › ai.device.type", "Phone", {"device_info.hardware"}),
        ("body › ext › device › deviceClass", "Windows.Desktop", {"device_info.hardware"}),
        # Issue 15 (heldout5): install and connection ids, warning/error log records.
        ("body › statsigMetadata › stableID", "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9", {DID}),
        ("body › connectionId", "bd1d9a29-c19d-4d25-96c1-7e7ee15ec24c", {SID}),
        ("body › 1 › level", "error", {DIAG}),
        ("body › line 2 › log_level", "WARN", {DIAG}),
        ("body › records › 0 › severity", "critical", {DIAG}),
        ("body › 0 › level", "info", set()),
        ("body › battery › level", 0.8, set()),
        ("body › zoom › level", "high", set()),
        ("body › statsigMetadata › languageVersion", "3.12.1", {"device_info.os"}),
        ("body › details › user › identifier", "usr_7Qe2Lk91", {"identifiers.user_id"}),
        ("body › identifier", "usr_7Qe2Lk91", set()),  # whose id, only a user parent says
        ("body › environment › totalPhysicalMemory", 25276194816, {"device_info.hardware"}),
    ],
)
def test_field_detectors(path: str, value: Any, expected: set[str]) -> None:
    assert {h.category for h in detect([f(path, value)])} == expected


def test_chat_needs_a_chat_context() -> None:
    text = f("body › text", "Running 5 minutes late")
    assert detect([text]) == []
    assert {h.category for h in detect([text], url_path="/api/chat.postMessage")} == {
        "customer_content.chat"
    }
    sibling = detect([f("body › channel_id", "4xp9fdt8pjgt"), f("body › message", "Deploy done")])
    assert {h.category for h in sibling} == {"customer_content.chat", "meeting_metadata"}


def test_transcript_text_in_a_transcript_context() -> None:
    hits = detect([f("body › transcript › 0 › text", "Let's review the budget")])
    assert {h.category for h in hits} == {"customer_content.transcript"}


def test_otlp_attribute_lists_are_read_by_name() -> None:
    json_attrs = detect(
        [
            f("body › resource › attributes › 0 › key", "host.name"),
            f("body › resource › attributes › 0 › value › stringValue", "alice-desktop"),
        ]
    )
    proto_attrs = detect(
        [
            f("body › protobuf › 1 › 1 › 1 › 6 › 1", "os.type"),
            f("body › protobuf › 1 › 1 › 1 › 6 › 2 › 1", "linux"),
        ]
    )
    assert {h.category for h in json_attrs} == {"identifiers.network_id"}
    assert {h.category for h in proto_attrs} == {"device_info.os"}


def test_uploads_by_content_type(labeller: Labeller) -> None:
    def upload(ctype: str, data: bytes) -> set[str]:
        fixture = {
            "rule": "x",
            "url": "https://media.example-app.test/v1/upload",
            "method": "PUT",
            "headers": [["Content-Type", ctype]],
            "body_b64": __import__("base64").b64encode(data).decode(),
        }
        return set(labeller.label(flow_from_fixture(fixture)).categories())

    assert upload("audio/ogg", b"OggS\x00") == {"customer_content.audio"}
    assert upload("image/jpeg", b"\xff\xd8\xff") == {"customer_content.video"}
    assert upload("video/mp4", b"\x00\x00\x00\x18ftyp") == {"customer_content.video"}
    assert upload("application/pdf", b"%PDF-1.4") == {"customer_content.files"}
    multipart = (
        b'--b\r\nContent-Disposition: form-data; name="f"; filename="a.webm"\r\n'
        b"Content-Type: audio/webm\r\n\r\n\x1aE\xdf\xa3\r\n--b--\r\n"
    )
    assert upload("multipart/form-data; boundary=b", multipart) == {"customer_content.audio"}


def test_other_only_when_nothing_else(labeller: Labeller) -> None:
    assert set(label(labeller, "https://cdn.example-app.test/config.json")) == {"other"}
    got = label(
        labeller,
        "https://cdn.example-app.test/config.json",
        headers=[["Authorization", "Bearer abcdefghijklmnop0123"]],
    )
    assert set(got) == {"credentials"}


def test_non_http_flows_get_entity_but_no_labels(labeller: Labeller) -> None:
    from auditor.records import ProcessInfo
    from tests.tflow import tdns, tdnsflow

    record = tdnsflow(
        id="d", session="s", ts=0.0, process=ProcessInfo(app="zoom"), dns=tdns("us04web.zoom.us")
    )
    result = labeller.label(record)
    assert result.labels == []
    assert (result.entity.name, result.entity.party) == ("Zoom", "first")


def test_unknown_host_falls_back_to_heuristics_with_lower_confidence(labeller: Labeller) -> None:
    flow = flow_from_fixture(
        {
            "rule": "x",
            "url": "https://api.example-app.test/v1/events",
            "body": {"items": [{"n": "open"}]},
        }
    )
    result = labeller.label(flow)
    assert result.matched_rules == ["generic.analytics"]
    (usage,) = result.labels
    assert usage.category == "service_generated.product_usage" and usage.confidence < 0.6
    vendor = labeller.label(
        flow_from_fixture(
            {
                "rule": "x",
                "url": "https://api.segment.io/v1/t",
                "body": {"type": "track", "event": "x"},
            }
        )
    )
    assert max(lab.confidence for lab in vendor.labels) >= 0.9


def test_oauth_client_id_is_the_application_not_a_device() -> None:
    from auditor.label import Labeller
    from tests.decode.helpers import flow

    token = flow(
        b"grant_type=refresh_token&client_id=5e3ce6c0-2b1f-4285-8d4b-75ee78787346&scope=openid",
        url="https://login.microsoftonline.com/common/oauth2/v2.0/token",
        headers=[("Content-Type", "application/x-www-form-urlencoded")],
    )
    assert "identifiers.device_id" not in Labeller().label(token).categories()
    ping = flow(
        b'{"client_info": {"client_id": "5a9f3b1c-7d2e-4f60-9a8b-1c2d3e4f5a6b"}}',
        url="https://incoming.telemetry.mozilla.org/submit/firefox-desktop/baseline/1/x",
        headers=[("Content-Type", "application/json")],
    )
    assert "identifiers.device_id" in Labeller().label(ping).categories()


@pytest.mark.parametrize(
    "text",
    [
        "Jabra Evolve2 65",
        "LOGITECH BRIO",
        "Poly Voyager 4320",
        "Headset (USB Audio Device)",
        "usb webcam",
        "HD Camera",
        "Integrated Webcam",
        "Built-in Microphone",
        "FaceTime HD Camera (Built-in)",
        "Blue Yeti Nano",
        "Realtek(R) Audio",
        "ſhure MV7",  # a long s: case folding the lower-case stems do not cover
    ],
)
def test_device_name_prefilter_never_hides_a_match(text: str) -> None:
    from auditor.label.detectors import _DEVICE_NAME_RE, _may_name_device

    assert _DEVICE_NAME_RE.search(text) is not None
    assert _may_name_device(text)


@pytest.mark.parametrize(
    "text", ["550e8400-e29b-41d4-a716-446655440000", "page_view", "en-US", "https://x.test/a"]
)
def test_device_name_prefilter_rejects_plain_values(text: str) -> None:
    from auditor.label.detectors import _may_name_device

    assert not _may_name_device(text)


# Issue 15, generalisation by convention: OpenTelemetry / Elastic Common Schema dotted attribute
# names, Client Hints copied into bodies, analytics install ids. Must match:
@pytest.mark.parametrize(
    ("key", "value", "category"),
    [
        ("host.id", "fdbf79e8af94cb7f9e8df36789187052", "identifiers.device_id"),
        ("app.installation.id", "0f8fad5b-d9cb-469f-a165-70867728950e", "identifiers.device_id"),
        ("profile_group_id", "0f8fad5b-d9cb-469f-a165-70867728950e", "identifiers.device_id"),
        ("user_pseudo_id", "1234567890.1700000000", "identifiers.device_id"),
        ("visitorId", "123e4567-e89b-12d3", "identifiers.device_id"),
        ("host.arch", "amd64", "device_info.os"),
        ("os.full", "Windows 11 Pro", "device_info.os"),
        ("os.build_id", "22A3354", "device_info.os"),
        ("user_agent.original", "Mozilla/5.0 (Windows NT 10.0; Win64; x64)", "device_info.os"),
        ("sec-ch-ua-platform", '"Windows"', "device_info.os"),
        ("sec-ch-ua-model", '"Pixel 8"', "device_info.hardware"),
        ("device.model.identifier", "iPhone15,2", "device_info.hardware"),
        ("network.carrier.name", "Swisscom", "device_info.network"),
        ("network.carrier.mcc", "228", "device_info.network"),
        ("network.connection.subtype", "LTE", "device_info.network"),
        ("geo.country_iso_code", "CH", "location.coarse"),
        ("client.geo.region_name", "Zurich", "location.coarse"),
        ("process.owner", "jroe", "identifiers.user_id"),
    ],
)
def test_convention_keys_are_read(key: str, value: str, category: str) -> None:
    assert category in {h.category for h in detect([f(f"body › {key}", value)])}


# Must not match: an architecture is not a host name, an app screen's name is not a person's
# screen name, a meeting's nested `host` is the person hosting it, not a machine.
@pytest.mark.parametrize(
    ("path", "value", "category"),
    [
        ("body › host.arch", "amd64", "identifiers.network_id"),
        ("body › screen.name", "home", "identifiers.user_id"),
        ("body › screen › name", "Settings", "identifiers.user_id"),
        ("body › host › id", "u-77", "identifiers.device_id"),
        ("body › host › name", "Alice Example", "identifiers.network_id"),
    ],
)
def test_convention_keys_do_not_overreach(path: str, value: str, category: str) -> None:
    assert category not in {h.category for h in detect([f(path, value)])}


def test_screen_name_of_a_person_still_counts() -> None:
    hits = detect([f("body › user › screen_name", "jroe")])
    assert "identifiers.user_id" in {h.category for h in hits}


@pytest.mark.parametrize(
    "value",
    [
        "Bearer abcdefgh",
        "BASIC dXNlcjpwYXNz",
        "Token 123456789",
        "digest x=abcdef",
        "hmac 1a2b3c4d",
        "Sentry sentry_key=abcdef",
        "SSWS 00abcdefgh",
    ],
)
def test_auth_scheme_prefilter_keeps_every_scheme(value: str) -> None:
    hits = detect([f("body › note", value)])
    assert [h.detector for h in hits] == ["detector.token_value"]


def test_words_that_start_like_a_scheme_are_not_tokens() -> None:
    assert not detect([f("body › note", "settings"), f("body › state", "default view")])


def test_typed_entity_names_are_read_by_their_type() -> None:
    # Datadog v2 series: `resources: [{"type": "host", "name": "ROOM-PC-7"}]`
    hits = detect(
        [
            f("body › series › 0 › resources › 0 › name", "ROOM-PC-7"),
            f("body › series › 0 › resources › 0 › type", "host"),
            f("body › series › 0 › resources › 1 › type", "user"),
            f("body › series › 0 › resources › 1 › id", "u-5521"),
        ]
    )
    by_where = {(h.category, h.where) for h in hits}
    assert ("identifiers.network_id", "body › series › 0 › resources › 0 › name") in by_where
    assert ("identifiers.user_id", "body › series › 0 › resources › 1 › id") in by_where


@pytest.mark.parametrize(
    "fields",
    [
        # a session's kind is not the owner of its id (Datadog RUM)
        [("body › session › id", "25910ab5-3de7-4ef0"), ("body › session › type", "user")],
        # kinds outside the list say nothing about a person or machine
        [("body › target › name", "mute_toggled"), ("body › target › type", "button")],
        [("body › items › 0 › name", "home"), ("body › items › 0 › type", "screen")],
    ],
)
def test_typed_names_do_not_overreach(fields: list[tuple[str, str]]) -> None:
    hits = detect([f(path, value) for path, value in fields])
    assert not {h.category for h in hits} & {"identifiers.user_id", "identifiers.network_id"}


@pytest.mark.parametrize(
    "name", ["STATSIG-SERVER-SESSION-ID", "x-client-session-id", "unleash-connection-id"]
)
def test_session_and_connection_id_headers_are_ids_not_credentials(
    labeller: Labeller, name: str
) -> None:
    got = label(labeller, UNKNOWN, headers=[[name, "8c2e6a3f-1b4d-4f9a-a0b3-6e5c7d8f9a0b"]])
    assert set(got) == {SID}


@pytest.mark.parametrize("name", ["X-Session-Token", "session", "X-Api-Session"])
def test_session_headers_that_are_not_ids_stay_credentials(labeller: Labeller, name: str) -> None:
    got = label(labeller, UNKNOWN, headers=[[name, "8c2e6a3f1b4d4f9aa0b36e5c7d8f9a0b"]])
    assert "credentials" in got


def test_instance_ids_of_a_process_are_not_device_ids(labeller: Labeller) -> None:
    # LaunchDarkly's and OpenTelemetry's instance ids are new at every start.
    got = label(labeller, UNKNOWN, headers=[["X-LaunchDarkly-Instance-Id", "a9c3e5f7-1234"]])
    assert DID not in got


def test_an_api_key_in_the_query_is_a_credential(labeller: Labeller) -> None:
    got = label(labeller, "https://api.example-app.test/v3/notices?key=abk0c5d4c3b2a1f0e9d8c7b6")
    assert [rule for rule, _, _ in got["credentials"]] == ["detector.credential_key"]
    assert "abk0c5d4c3b2a1f0e9d8c7b6" not in str(got["credentials"])


# Issue 15 (15a), identifiers, credentials, network ids and device facts by convention.
@pytest.mark.parametrize(
    ("name", "value", "category"),
    [
        # a machine's address and name under a vendor prefix
        ("SplitSDKMachineIP", "192.0.2.2", "identifiers.network_id"),
        ("X-Client-IP", "198.51.100.7", "identifiers.network_id"),
        ("True-Client-IP", "2001:db8::7", "identifiers.network_id"),
        ("X-Real-IP", "203.0.113.9", "identifiers.network_id"),
        ("CF-Connecting-IP", "203.0.113.9", "identifiers.network_id"),
        ("X-Forwarded-For", "198.51.100.7, 10.0.0.1", "identifiers.network_id"),
        ("AcmeSDKMachineName", "ROOM-PC-7", "identifiers.network_id"),
        # runtime and kernel versions under a vendor prefix
        ("x-fern-runtime-version", "20.20.2", "device_info.os"),
        ("X-Acme-Node-Version", "v22.1.0", "device_info.os"),
        ("X-Agent-Kernel-Version", "6.1.0-18-amd64", "device_info.os"),
    ],
)
def test_prefixed_machine_headers_are_read(
    labeller: Labeller, name: str, value: str, category: str
) -> None:
    assert category in label(labeller, UNKNOWN, headers=[[name, value]])


@pytest.mark.parametrize(
    "name", ["X-Insert-Key", "X-Ingest-Key", "X-Source-Token", "Api-Token", "Ocp-Subscription-Key"]
)
def test_ingest_key_headers_are_credentials(labeller: Labeller, name: str) -> None:
    got = label(labeller, UNKNOWN, headers=[[name, "NRII-3f9a2b7c1d5e8f0a"]])
    assert "credentials" in got


@pytest.mark.parametrize("name", ["Idempotency-Key", "X-Idempotency-Key", "X-Key-Id"])
def test_other_key_headers_are_not_credentials(labeller: Labeller, name: str) -> None:
    got = label(labeller, UNKNOWN, headers=[[name, "a3f9b2c7-5d1e"]])
    assert "credentials" not in got


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("SplitSDKMachineIP", "0.0.0.0"),  # unspecified: no address
        ("X-Client-IP", "unknown"),
        ("X-Forwarded-For", "unknown, 10.0.0.1"),
        ("X-Membership", "gold"),  # `…ship` is not `…ip`
        ("X-Tooltip", "on"),
        ("X-Zip", "8004"),
        ("X-Client-Version", "6.2.4.1"),  # a version, not an address
        ("X-Build", "10.0.0.1"),
    ],
)
def test_ip_headers_do_not_overreach(labeller: Labeller, name: str, value: str) -> None:
    assert "identifiers.network_id" not in label(labeller, UNKNOWN, headers=[[name, value]])


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("X-Acme-Source-Addr", "192.0.2.2"),
        ("X-Peer", "2001:db8::7"),
        ("X-Nic", "3c:22:fb:12:34:56"),
    ],
)
def test_an_address_in_any_custom_header_is_a_network_id(
    labeller: Labeller, name: str, value: str
) -> None:
    got = label(labeller, UNKNOWN, headers=[[name, value]])
    assert [rule for rule, _, _ in got["identifiers.network_id"]] == ["detector.address_value"]


def test_otlp_dotted_attribute_names_are_read_as_parent_and_key() -> None:
    # OpenTelemetry `host.id` in an attribute list: the machine's id (a meeting's nested
    # `host.id` is someone's user id, which a `host` parent object keeps).
    hits = detect(
        [
            f("body › resource › attributes › 9 › key", "host.id"),
            f("body › resource › attributes › 9 › value › stringValue", "3d1219c7c4c5404a"),
            f("body › resource › attributes › 10 › key", "process.runtime.version"),
            f("body › resource › attributes › 10 › value › stringValue", "20.20.2"),
        ]
    )
    assert {h.category for h in hits} == {DID, "device_info.os"}


@pytest.mark.parametrize(
    ("path", "value", "category"),
    [
        # a visitor cookie's id in a tracking query or body is a device id
        ("url › query › cookie", "wp_8c1e4f7a2b9d", DID),
        ("body › visitor › cookie", "GA1.2.1234567.1700000000", DID),
        # a cookie jar or a long session token under `cookie` stays a credential
        ("url › query › cookie", "sid=8c1e4f7a2b9d; theme=dark", "credentials"),
        (
            "body › cookie",
            "s%3A" + "Qm9vIGJvbyBsb25nIHNlc3Npb24gc2VjcmV0IHZhbHVl" * 2,
            "credentials",
        ),
        # Matomo-protocol trackers' visitor id, only as a query parameter
        ("url › query › _id", "9f3a6c2e1b7d4058", DID),
        ("body › trackingId", "webex-js-sdk_0f8fad5b-d9cb-469f_15", SID),
        ("body › requests › 0 › querystring › _id", "9f3a6c2e1b7d4058", DID),
        # a device type naming an OS is the OS, else the kind of device
        ("body › attributes › deviceType", "desktop", "device_info.hardware"),
        ("body › attributes › deviceType", "Windows Desktop", "device_info.os"),
        # a user agent copied into a query under its short name
        ("url › query › ua", "MeetCorpDesktop/6.2.4 (X11; Linux x86_64)", "device_info.os"),
        # Exceptionless-style `@user.identity`
        ("body › data › @user › identity", "usr_3Hf8Wq20", "identifiers.user_id"),
        # `identity` names the person acting wherever it sits (docs/taxonomy.md "Conventions")
        ("body › data › identity", "usr_3Hf8Wq20", "identifiers.user_id"),
    ],
)
def test_value_decided_and_query_only_keys(path: str, value: str, category: str) -> None:
    hits = detect([f(path, value, source="url" if path.startswith("url") else "body")])
    assert category in {h.category for h in hits}


@pytest.mark.parametrize(
    ("path", "value", "category"),
    [
        ("url › query › cookie", "wp_8c1e4f7a2b9d", "credentials"),
        ("body › _id", "9f3a6c2e1b7d4058", DID),  # a document id in JSON
        ("url › query › _id", "65a1f0c2e4b0a1b2c3d4e5f6", DID),  # an ObjectId filter
        ("body › attributes › deviceType", "Browser", "device_info.hardware"),
        ("url › query › ua", "MeetCorpDesktop/6.2.4", "device_info.os"),  # names no OS
        # a site's public analytics property id is not a tracking/correlation id
        ("body › tracking_id", "UA-12345-1", SID),
        ("url › query › trackingId", "G-ABC123XYZ", SID),
        # an e-mail address used as the user id is contact data, not a second label
        ("url › query › uid", "alice.example@example.com", "identifiers.user_id"),
        ("body › customer › userId", "alice.example@example.com", "identifiers.user_id"),
    ],
)
def test_value_decided_and_query_only_keys_do_not_overreach(
    path: str, value: str, category: str
) -> None:
    hits = detect([f(path, value, source="url" if path.startswith("url") else "body")])
    assert category not in {h.category for h in hits}


def test_an_email_as_user_id_is_still_an_email() -> None:
    hits = detect([f("url › query › uid", "alice.example@example.com", source="url")])
    assert {h.category for h in hits} == {"contact_info.email"}


@pytest.mark.parametrize(
    "url",
    [
        "https://logs-01.loggly.example/inputs/c0ffee11-1b2c-4d3e-8f40-5a6b7c8d9e0f/tag/app",
        "https://endpoint9.collection.example/receiver/v1/http/ZaVnC4dhaV1q0Wm7Lx2aKqPdX0",
        "https://flags.example.io/api/eval/sdk-Zq3kLmN8pQ7rT2",
        "https://cdn.flags.example/configuration-files/acme-sdk-1/Xk9Pq2LmZ7rTb4Nc8Wd1Fh/a7B3c9Dk2mQ8pL4x6Zt1Ry/config_v6.json",
        "https://cdn.flags.example/datafiles/Xy7aBcD9eFgH1iJkLmN2o.json",
        "https://cdn.analytics.example/v1/projects/QwErTy1234AsDfGh5678ZxCvBn90/settings",
        "https://logs.example/api/tokens/9f3a6c2e1b7d4058aa/bulk",
        # publish/subscribe keys: a key word and a qualifier before a UUID-shaped tail, in any
        # path position, or any token after a `sub-key`/`pub-key` slot word
        "https://pubsub.example.net/signal/pub-c-7d2a9e41-3b5c-4f6d-8e7a-1b2c3d4e5f60/0/room/0/1",
        "https://pubsub.example.net/time/sub-c-c0ffee42-ab12-4cd3-9ef0-a1b2c3d4e5f6/0",
        "https://pubsub.example.net/v2/presence/sub-key/a7b3c9d2e8f14a6b/channel/room-7/leave",
        "https://pay.example.net/v1/keys/verify/sk_live_3f2a9b7c-1d4e-4a5b-9c8d-7e6f5a4b3c2d",
        "https://flags.example.io/relay/sdk-5b7e2c1a-9d3f-4e8b-a6c2-1f0e9d8c7b6a/all",
        "https://flags.example.io/msdk/mob-5b7e2c1a-9d3f-4e8b-a6c2-1f0e9d8c7b6a/eval",
        # an id and its secret in one segment (a bot token)
        "https://bots.example.net/bot7123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/sendMessage",
        # incoming webhooks: the token at the end of a webhook path or on a `hooks.` host
        "https://chat.example.net/api/webhooks/1234567890123/zX9-kq3aLm0PpQ7rs2tUv5wXy8bC1dE4",
        "https://hooks.chat.example/services/T0ABC1234/B0DEF5678/k3ysecretweb00kt0ken24ch",
        "https://corp.webhook.example/webhookb2/7d2a9e41@3b5c/IncomingWebhook/9f3a6c2e1b7d4058aa0b1c2d3e4f5a6b/c0ffee42-ab12-4cd3-9ef0-a1b2c3d4e5f6",
    ],
)
def test_keys_in_url_paths_are_credentials(labeller: Labeller, url: str) -> None:
    got = label(labeller, url, method="POST")
    assert [rule for rule, _, _ in got["credentials"]] == ["detector.credential_key"]


@pytest.mark.parametrize(
    "url",
    [
        # resource ids: numbers, UUIDs, hashes, versions, slugs, camelCase names, ids under a
        # resource collection, base64 of structured bytes
        "https://api.example.io/v1/meetings/85512345678/participants",
        "https://api.example.io/v1/recordings/0f8fad5b-d9cb-469f-a165-70867728950e",
        "https://git.example.io/api/commits/9fceb02d0ae598e95dc970b74767f19372d61af8",
        "https://api.example.io/releases/v1.2.3-beta.4+build5/assets",
        "https://api.example.io/api/getUserProfileById2024",
        "https://api.example.io/v1/MeetCorpDesktop2Win64Build7/manifest",
        "https://api.example.io/v1/messages/V1StGXR8_Z5jdHi6B-myT",
        "https://files.example.io/upload/v1/CwABAAAAW2h1ZGRsZS1jbGlwXQ",
        "https://flags.example.io/sdk/goals/5f3c0a1b2c3d4e5f6a7b8c9d",
        "https://logs.example/inputs/tag/meeting-desktop",
        "https://docs.example.com/azure/key-vault/secrets/quick-create-portal",
        "https://api.example.io/v2/2024-01-01-preview/items",
        # a composite document id (`<meeting number>-<user id>`)
        "https://search.example.io/meeting-participants/_doc/85512345678-usr_3Hf8Wq20",
        # a key word before a bare UUID is a resource's id (`sub-<uuid>` a subscription), and
        # other words before a qualified UUID are no key prefix
        "https://billing.example.io/v1/subscriptions/sub-0f8fad5b-d9cb-469f-a165-70867728950e",
        "https://api.example.io/v1/user-c-0f8fad5b-d9cb-469f-a165-70867728950e/events",
        "https://api.example.io/v1/api-user-0f8fad5b-d9cb-469f-a165-70867728950e",
        "https://docs.example.io/v1/pub-0f8fad5b-d9cb-469f-a165-70867728950e/sections",
        # a managed webhook's id right after the word, a hook's action, a custom method
        "https://api.example.io/v1/webhooks/wh_1Mr5jUL2eZvKYlo2C",
        "https://api.example.io/repos/acme/app/hooks/12345678/deliveries",
        "https://api.example.io/v1/documents/123456:batchUpdate",
        "https://api.example.io/v1/models/gemini-1.5-pro:streamGenerateContent2",
    ],
)
def test_ids_and_names_in_url_paths_are_not_credentials(labeller: Labeller, url: str) -> None:
    assert "credentials" not in label(labeller, url)


@pytest.mark.parametrize(
    ("path", "value", "category"),
    [
        ("body › context › ajs_anonymous_id", "5f1c2d3e-aaaa", DID),
        ("body › pendo_visitor_id", "v-77112", DID),
        ("body › browserId", "b-5521-aa", DID),
        ("body › env › num_cores", 8, "device_info.hardware"),
        ("body › env › logical_cpus", 16, "device_info.hardware"),
        ("body › env › totalMemoryMB", 16384, "device_info.hardware"),
        ("body › env › devicePixelRatio", 2, "device_info.hardware"),
        ("body › env › kernel_release", "6.1.0-18-amd64", "device_info.os"),
        ("body › env › distro", "Debian GNU/Linux 12", "device_info.os"),
        ("body › events › 0 › device › runtimeVersions › node", "20.1.0", "device_info.os"),
        ("body › properties › $raw_user_agent", "Mozilla/5.0 (Windows NT 10.0)", "device_info.os"),
        ("body › device_os", "iOS 17.1", "device_info.os"),
        ("body › metrics › _device", "iPhone12,1", "device_info.hardware"),
        ("body › device › carrierName", "Swisscom", "device_info.network"),
        ("body › contexts › app › device_app_hash", "b4f0f2a8e1c3", DID),
        ("body › device_unique_identifier", "abc123def456", DID),
        ("body › device_id_hash", "9f3a6c2e1b7d", DID),
        ("body › randomized_device_token", "96bd3e3b4f1a", DID),
        ("body › cpu_type", "arm64-v8a", "device_info.hardware"),
        ("body › display_width", 1080, "device_info.hardware"),
        # custom visitor/event property prefixes
        ("url › query › ce_network", "wifi", "device_info.network"),
        ("url › query › cv_email", "alice@example.com", "contact_info.email"),
        ("body › up_country", "CH", "location.coarse"),
    ],
)
def test_more_spellings_of_ids_and_device_facts(path: str, value: Any, category: str) -> None:
    hits = detect([f(path, value, source="url" if path.startswith("url") else "body")])
    assert category in {h.category for h in hits}


@pytest.mark.parametrize(
    ("path", "value", "category"),
    [
        ("url › query › ce_color", "blue", "device_info.network"),
        ("body › zz_network", "wifi", "device_info.network"),  # not a property prefix
        ("body › process_memory", 18771968, "device_info.hardware"),
        ("body › device", "Browser", "device_info.hardware"),  # the kind of client
        ("body › runtime › node", "20.1.0", "identifiers.network_id"),
    ],
)
def test_more_spellings_do_not_overreach(path: str, value: Any, category: str) -> None:
    hits = detect([f(path, value, source="url" if path.startswith("url") else "body")])
    assert category not in {h.category for h in hits}


def test_an_id_beside_an_email_is_the_persons() -> None:
    # flag SDKs' user attributes: `{"attributes": {"id": …, "email": …}}`
    hits = detect(
        [f("body › attributes › id", "usr_3Hf8Wq20"), f("body › attributes › email", "a@b.example")]
    )
    assert ("identifiers.user_id", "body › attributes › id") in {
        (h.category, h.where) for h in hits
    }
    # without an e-mail beside it, or in another object, an `id` says nothing
    alone = detect([f("body › item › id", "it-5521"), f("body › owner › email", "a@b.example")])
    assert "identifiers.user_id" not in {h.category for h in alone}


def test_key_value_records_with_more_members_are_read_by_name() -> None:
    # `{"entity_id": …, "key": "country", "type": "custom", "value": "CH"}` (attribute records)
    hits = detect(
        [
            f("body › visitors › 0 › attributes › 1 › entity_id", "6600002"),
            f("body › visitors › 0 › attributes › 1 › key", "country"),
            f("body › visitors › 0 › attributes › 1 › type", "custom"),
            f("body › visitors › 0 › attributes › 1 › value", "CH"),
            f("body › visitors › 0 › attributes › 2 › key", "plan"),
            f("body › visitors › 0 › attributes › 2 › value", "business"),
        ]
    )
    assert {(h.category, h.where) for h in hits} == {
        ("location.coarse", "body › visitors › 0 › attributes › 1 › value")
    }


def test_evaluation_context_kind_and_key_name_the_user() -> None:
    # LaunchDarkly/OpenFeature contexts: `{"kind": "user", "key": "u-48213"}`
    hits = detect(
        [f("body › 0 › context › kind", "user"), f("body › 0 › context › key", "u-48213")]
    )
    assert ("identifiers.user_id", "body › 0 › context › key") in {
        (h.category, h.where) for h in hits
    }
    # other kinds (an organisation, a custom attribute record) name no person
    other = detect([f("body › 0 › context › kind", "org"), f("body › 0 › context › key", "acme")])
    assert not other


def test_anonymous_distinct_id_is_a_device_id() -> None:
    hits = detect([f("body › properties › $anon_distinct_id", "$device:05d71240-6b88")])
    assert {h.category for h in hits} == {DID}


def _attribute(name: str, value: str) -> list[Field]:
    """An OTLP/JSON resource attribute `{"key": name, "value": {"stringValue": value}}`."""
    return [
        f("body › resource › attributes › 0 › key", name),
        f("body › resource › attributes › 0 › value › stringValue", value),
    ]


@pytest.mark.parametrize(
    ("name", "value", "category"),
    [
        ("host.cpu.model.name", "Intel(R) Core(TM) i7-1185G7", "device_info.hardware"),
        ("host.cpu.vendor.id", "GenuineIntel", "device_info.hardware"),
        ("host.cpu.family", "6", "device_info.hardware"),
        ("os.description", "Debian GNU/Linux 12 (bookworm)", "device_info.os"),
        ("host.id", "3d1219c7c4c5404aaa1f6d2a48adfda4", DID),
    ],
)
def test_otel_attribute_names_of_three_parts(name: str, value: str, category: str) -> None:
    assert {h.category for h in detect(_attribute(name, value))} == {category}


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("service.instance.id", "627cc493-f310-47de-96bd-71410b7dec09"),  # per process
        ("hyperdx.distro.version", "0.4.0"),  # an SDK distribution, not the OS's
        ("search.engine.default.display_name", "DuckDuckGo"),  # a thing's display name
        ("telemetry.distro.name", "opentelemetry-js"),
    ],
)
def test_otel_attribute_names_do_not_overreach(name: str, value: str) -> None:
    assert not detect(_attribute(name, value))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("host.arch", {"device_info.os", "device_info.hardware"}),  # the machine's CPU
        ("cpu_arch", {"device_info.os", "device_info.hardware"}),
        ("os_arch", {"device_info.os"}),  # the OS build's architecture
        ("os.arch", {"device_info.os"}),
    ],
)
def test_a_machines_cpu_architecture_is_hardware_too(name: str, expected: set[str]) -> None:
    assert {h.category for h in detect([f(f"body › {name}", "amd64")])} == expected


# Issue 15, heldout7 classes (identifiers, credentials and device facts by convention).
UID = "identifiers.user_id"


def _protobuf_pairs(*pairs: tuple[str, Any], any_value: bool = True) -> list[Field]:
    """Schema-less protobuf KeyValue records `{1: name, 2: AnyValue{1: value}}` (OTLP) or map
    entries `{1: name, 2: value}` (an agent's metadata)."""
    fields = []
    for number, (name, value) in enumerate(pairs):
        base = f"body › gzip › protobuf › 1 › 2 › 2 › 0 › 9 › {number}"
        fields.append(f(f"{base} › 1", name))
        fields.append(f(f"{base} › 2 › 1" if any_value else f"{base} › 2", value))
    return fields


@pytest.mark.parametrize(
    ("name", "value", "category"),
    [
        ("user_id", "usr_3Hf8Wq20", UID),
        ("network_type", "wifi", "device_info.network"),
        ("locale", "de_CH", "device_info.locale"),
        ("user_email", "alice@example.com", "contact_info.email"),
    ],
)
def test_protobuf_attributes_with_plain_names_are_read_by_name(
    name: str, value: str, category: str
) -> None:
    hits = detect(_protobuf_pairs((name, value)))
    assert category in {h.category for h in hits}
    # a map entry whose value is a string, not an AnyValue
    hits = detect(_protobuf_pairs((name, value), any_value=False))
    assert category in {h.category for h in hits}


def test_protobuf_plain_names_do_not_overreach() -> None:
    # an instrumentation scope `{1: "logfire", 2: "5.4.0"}`, a metric name and its unit
    hits = detect(
        [
            f("body › protobuf › 1 › 2 › 1 › 1", "logfire"),
            f("body › protobuf › 1 › 2 › 1 › 2", "5.4.0"),
            f("body › protobuf › 1 › 2 › 2 › 1", "audio_jitter"),
            f("body › protobuf › 1 › 2 › 2 › 3", "ms"),
        ]
    )
    assert not hits


@pytest.mark.parametrize(
    ("path", "value", "category"),
    [
        ("body › properties › hs_language", "de", "device_info.locale"),
        ("body › preferred_language", "fr-CH", "device_info.locale"),
        ("body › properties › client_os", "Linux", "device_info.os"),
        ("body › meta › system_distro", "Debian GNU/Linux", "device_info.os"),
        ("body › meta › system_kernel", "6.1.0-18-amd64", "device_info.os"),
        ("body › meta › system_architecture", "x86_64", "device_info.hardware"),
        ("body › 0 › user › keyId", "usr_3Hf8Wq20", UID),
        ("body › data › json › from", "Alice Example", UID),
        ("body › data › json › from", "Alice Example", "contact_info.name"),
        ("body › message › sender", "Bob Builder", UID),
        ("url › query › auth_key", "c0rpus7a1b2c3d4e5f60", "credentials"),
        ("url › query › auth_signature", "64627b19c4b7d2c2d6f6a0e0", "credentials"),
        ("url › query › X-Goog-Signature", "9a1b2c3d4e5f", "credentials"),
        ("body › channels › 0", "#server-to-user-usr_h0st9Kd2", UID),
        ("body › channel", "private-user-48213", UID),
        ("body › breadcrumbs › 0 › metadata › type", "wifi", "device_info.network"),
    ],
)
def test_heldout7_conventions(path: str, value: Any, category: str) -> None:
    hits = detect([f(path, value, source="url" if path.startswith("url") else "body")])
    assert category in {h.category for h in hits}


@pytest.mark.parametrize(
    ("path", "value", "category"),
    [
        ("body › resource › process_owner", "root", UID),  # a service account, not a person
        ("body › resource › process_owner", "SYSTEM", UID),
        ("body › sdk_language", "go", "device_info.locale"),  # a programming language
        ("body › telemetry_sdk_language", "js", "device_info.locale"),
        ("body › filter › from", "2024-01-01", UID),  # a date range, not an author
        ("body › mail › from", "alice@example.com", UID),  # an address is contact data
        ("body › route › from", "zurich", UID),  # lower case: no person's name
        ("body › channels › 0", "presence-meeting-85512345678", UID),
        ("body › channel", "user-settings", UID),  # no id in it
        ("body › breadcrumbs › 0 › metadata › type", "mobile", "device_info.network"),
        ("body › events › 0 › type", "click", "device_info.network"),
    ],
)
def test_heldout7_conventions_do_not_overreach(path: str, value: Any, category: str) -> None:
    hits = detect([f(path, value)])
    assert category not in {h.category for h in hits}


def test_a_process_owner_that_is_a_person_is_still_a_user_id() -> None:
    hits = detect([f("body › resource › process_owner", "alice")])
    assert UID in {h.category for h in hits}


def test_text_in_a_chat_message_events_data_is_chat() -> None:
    hits = detect(
        [
            f("body › name", "chat-message"),
            f("body › data › json › from", "Alice Example"),
            f("body › data › json › text", "Can everyone see my screen?"),
        ],
        "/apps/1873542/events",
    )
    assert "customer_content.chat" in {h.category for h in hits}
    # a UI event about the chat panel carries no message (flows.jsonl hand-238)
    ui = detect(
        [f("body › event", "chat_panel_opened"), f("body › message", "panel opened from toolbar")],
        "/v1/ui-state",
    )
    assert "customer_content.chat" not in {h.category for h in ui}


@pytest.mark.parametrize(
    ("url", "category"),
    [
        ("https://api.push.example/apps/5eb5/users/by/external_id/usr_3Hf8Wq20", UID),
        ("https://api.push.example/v1/user_id/u-48213/tags", UID),
    ],
)
def test_ids_named_by_the_path_segment_before_them(
    labeller: Labeller, url: str, category: str
) -> None:
    assert category in label(labeller, url, method="PATCH", body={"x": 1})


@pytest.mark.parametrize(
    "url",
    [
        "https://api.push.example/apps/5eb5/users/by/external_id/me",  # a word, no id
        "https://api.example/v1/paid/2024-plans",  # `paid` is no id key
    ],
)
def test_path_segments_before_words_do_not_overreach(labeller: Labeller, url: str) -> None:
    assert UID not in label(labeller, url, method="PATCH", body={"x": 1})


@pytest.mark.parametrize(
    "link",
    [
        "https://meet.example.org/j/73019284651?pwd=Qm9vdGhTZWNyZXQ",
        "https://us02web.zoom.us/wc/join/85512345678",
        "https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjA3%40thread.v2/0",
        "https://acme.webex.com/acme/j.php?MTID=m0123456789abcdef",
        "https://meet.google.com/abc-defg-hij",
        "https://app.example.org/meetings/85512345678",
    ],
)
def test_a_join_link_in_a_value_names_the_meeting(labeller: Labeller, link: str) -> None:
    got = label(labeller, "https://stats.example.org/api/v2/ingest", {"u": link, "n": "x"})
    assert ("detector.join_link", "body › u") in [
        (rule, where) for rule, where, _ in got.get("meeting_metadata", [])
    ]


@pytest.mark.parametrize(
    "url",
    [
        "https://shop.example.org/jobs/7301928465",
        "https://app.example.org/join",
        "https://app.example.org/j/settings",
        "https://app.example.org/meetings/new",
        "https://docs.example.org/guide/join-a-meeting",
    ],
)
def test_other_urls_name_no_meeting(labeller: Labeller, url: str) -> None:
    got = label(labeller, "https://stats.example.org/api/v2/ingest", {"u": url, "n": "x"})
    assert "meeting_metadata" not in got


@pytest.mark.parametrize(
    "body",
    [
        # notification triggers: the users a workflow runs for and the one who caused it
        {"recipients": ["user-123", "user-456"], "data": {"x": 1}},
        {"actor": "user-123", "data": {"x": 1}},
        {"recipients": [{"id": "user-123", "channel": "email"}]},
        # a chat channel's members and creator
        {"data": {"created_by_id": "u_8812", "members": ["u_8812", "u_9001"]}},
        # an e-mail tagged with its recipient's id for the delivery events
        {"Messages": [{"Subject": "Summary", "EventPayload": "u_8812"}]},
        {"invitees": ["u_8812"], "owner_id": "u_9001"},
        # plural id lists name their items as the singular key does
        {"user_ids": ["u_8812", "u_9001"]},
        {"include_external_user_ids": ["u_8812"]},
        {"subscriberIds": ["88120", "90010"]},
        {"receiver_id": "u_8812", "sender_id": "u_9001"},
    ],
)
def test_recipient_actor_and_member_ids_are_user_ids(labeller: Labeller, body: Any) -> None:
    assert UID in label(labeller, UNKNOWN, body=body, method="POST")


@pytest.mark.parametrize(
    "body",
    [
        {"members": 5, "recipients": 2},  # counts
        {"recipients": ["+41 79 123 45 67"]},  # an SMS recipient's number is no user id
        {"recipient": "alice.example@example.com"},  # an address: contact data
        {"actor": True},
        # plurals of keys that are no person's id
        {"messageIds": ["m_8812"], "eventIds": ["e_1"], "participantIds": ["p_1"]},
    ],
)
def test_counts_numbers_and_addresses_of_recipients_are_not_user_ids(
    labeller: Labeller, body: Any
) -> None:
    assert UID not in label(labeller, UNKNOWN, body=body, method="POST")


def test_an_address_as_recipient_is_an_email_not_a_user_id(labeller: Labeller) -> None:
    got = label(
        labeller, UNKNOWN, body={"recipients": ["alice.example@example.com"]}, method="POST"
    )
    assert "contact_info.email" in got and UID not in got


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("body › content › sender", "@alice:example.org"),
        ("body › invitee", "@bob.smith:matrix.example.com:8448"),
        ("body › state_key", "@carol=40x:chat.example.net"),
    ],
)
def test_matrix_user_ids_are_user_ids_under_any_key(path: str, value: str) -> None:
    assert UID in {h.category for h in detect([f(path, value)])}


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("body › room_id", "!c0rpusRoom8:example.org"),  # a room id
        ("body › alias", "#meetings:example.org"),  # a room alias
        ("body › event_id", "$143273582443PhrSn:example.org"),  # an event id
        ("body › note", "@media:print"),  # no server name
        ("body › note", "@alice: see you at 10.30"),
    ],
)
def test_matrix_room_event_ids_and_look_alikes_are_not_user_ids(path: str, value: str) -> None:
    assert UID not in {h.category for h in detect([f(path, value)])}


def test_matrix_user_id_in_a_path_is_a_user_id_and_room_and_txn_ids_are_not(
    labeller: Labeller,
) -> None:
    presence = "https://hs.example.org/_matrix/client/v3/presence/@alice.x:example.org/status"
    assert UID in label(labeller, presence, body={"presence": "online"}, method="PUT")
    encoded = "https://hs.example.org/_matrix/client/v3/profile/%40alice.x%3Aexample.org"
    assert UID in label(labeller, encoded, method="GET")
    send = (
        "https://hs.example.org/_matrix/client/v3/rooms/!c0rpusRoom8:example.org"
        "/send/m.room.message/cd05592a-af5c-494b-a1fa-a16dcbcace8d"
    )
    got = label(labeller, send, body={"msgtype": "m.text", "body": "hi"}, method="PUT")
    assert UID not in got


def test_publish_and_subscribe_keys_in_a_body_or_query_are_credentials(labeller: Labeller) -> None:
    body = {"publishKey": "pk9Qw2e4r6t8", "subscribe_key": "sk7Yx1c3v5b7", "channel": "room-7"}
    got = label(labeller, UNKNOWN, body=body, method="POST")
    assert {where for _, where, _ in got["credentials"]} == {
        "body › publishKey",
        "body › subscribe_key",
    }
    # a public key is no secret
    assert "credentials" not in label(labeller, UNKNOWN, body={"pub_key": "04a1b2c3d4"})


# Issue 15: the user-agent convention (docs/taxonomy.md, "Conventions that keep labels honest").
# SDK platform headers carry data: the field after the generator's or vendor's prefix says what.
@pytest.mark.parametrize(
    ("name", "value", "categories"),
    [
        # Stainless (OpenAI, Anthropic, Knock, Courier …)
        ("X-Stainless-OS", "Linux", {OS}),
        ("X-Stainless-OS", "Other:sunos", {OS}),
        ("X-Stainless-Runtime", "node", {OS}),
        ("X-Stainless-Runtime-Version", "v20.20.2", {OS}),
        ("X-Stainless-Arch", "x64", {OS, HW}),  # the machine's CPU architecture
        # Fern (Intercom, Cohere …)
        ("X-Fern-Runtime", "node", {OS}),
        ("X-Fern-Runtime-Version", "20.20.2", {OS}),
        # the same family under other prefixes
        ("X-Client-OS", "Windows", {OS}),
        ("X-SDK-Runtime", "deno", {OS}),
        ("X-App-Platform", "ios", {OS}),
        ("X-Acme-OS-Version", "14.4", {OS}),
        ("X-Acme-Device-Model", "Pixel 7", {HW}),
        # user agents copied into custom headers that name the OS or a runtime version
        ("X-Amz-User-Agent", "aws-sdk-js/3.600.0 ua/2.0 os/linux#6.1.0 md/nodejs#20.20.2", {OS}),
        ("X-MS-UserAgent", "azsdk-js-storage-blob/12.17.0 Node/v20.20.2 OS/(x64-Linux-6.1)", {OS}),
        ("X-Goog-Api-Client", "gl-python/3.12.1 grpc/1.60.0 gax/2.19.0 gapic/2.14.0", {OS}),
        ("Ably-Agent", "ably-js/2.28.0 nodejs/20.20.2", {OS}),
        ("X-Telemetry-Agent", "Glean/61.2.0 (Rust on Linux)", {OS}),
        ("X-User-Agent", "ZulipPython/0.9.1 (Debian GNU/Linux; 12)", {OS}),
        # a JSON client description in a header (Stripe): read field by field
        (
            "X-Stripe-Client-User-Agent",
            '{"bindings_version":"14.0.0","lang":"node","platform":"linux x64"}',
            {OS},
        ),
    ],
)
def test_sdk_platform_headers_are_device_info(
    labeller: Labeller, name: str, value: str, categories: set[str]
) -> None:
    got = set(label(labeller, UNKNOWN, headers=[[name, value]]))
    assert got == categories, (name, got)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        # about the SDK, not the machine
        ("X-Stainless-Lang", "js"),
        ("X-Stainless-Package-Version", "1.35.0"),
        ("X-Stainless-Retry-Count", "0"),
        ("X-Fern-Language", "JavaScript"),
        ("X-Fern-SDK-Name", "intercom-client"),
        ("X-Fern-SDK-Version", "7.0.3"),
        ("X-SDK-Platform", "server"),
        ("Statsig-SDK-Type", "py-server"),
        ("SplitSDKVersion", "nodejs-11.11.2"),
        ("Keen-SDK", "python-0.7.0"),
        # what an SDK sends when it could not tell
        ("X-Stainless-OS", "unknown"),
        ("X-Stainless-Arch", "unknown"),
        # agent strings naming only SDKs and libraries
        ("X-Speakeasy-User-Agent", "speakeasy-sdk/typescript 3.19.1 2.933.0 3.19.0 @novu/api"),
        ("X-Goog-Api-Client", "gccl/7.0.0"),
        ("X-User-Agent", "NodeJS-Server-SDK/1.3.0"),
        ("X-LaunchDarkly-User-Agent", "JSClient/3.9.5"),
        ("X-Stream-Client", "stream-chat-js-v9.53.0-node|client_bundle=node-cjs"),
        ("X-Acme-Agent", "grpc-python/1.60.0 grpc-c/37.0.0"),
    ],
)
def test_sdk_headers_about_the_sdk_are_not_device_info(
    labeller: Labeller, name: str, value: str
) -> None:
    assert set(label(labeller, UNKNOWN, headers=[[name, value]])) == {"other"}


@pytest.mark.parametrize(
    "agent",
    [
        # a browser's
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0",
        # a library's, naming the OS or a runtime version: no more than a browser's
        "python-requests/2.31.0",
        "ZulipPython/0.9.1 (Debian GNU/Linux; 12)",
        "Python/3.12 aiohttp/3.9.5",
        "OTel-OTLP-Exporter-Python/1.45.2 grpc-python/1.60.0 grpc-c/58.0.0 (linux; chttp2)",
        "node/v20.20.2 (linux x64 6.1.0-18-amd64)",
        "azsdk-js-core/1.16.0 Node/v20.20.2 OS/(x64-Linux-6.1.0)",
    ],
)
def test_no_user_agent_header_is_device_info(labeller: Labeller, agent: str) -> None:
    assert set(label(labeller, UNKNOWN, headers=[["User-Agent", agent]])) == {"other"}


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("Sec-CH-UA", '"Chromium";v="131", "Not_A Brand";v="24"'),
        ("Sec-CH-UA-Platform", '"Linux"'),
        ("Sec-CH-UA-Platform-Version", '"6.1.0"'),
        ("Sec-CH-UA-Arch", '"x86"'),
        ("Sec-CH-UA-Bitness", '"64"'),
        ("Sec-CH-UA-Model", '"Pixel 7"'),
        ("Sec-CH-UA-Full-Version-List", '"Chromium";v="131.0.6778.85"'),
        ("Device-Memory", "8"),
        ("Viewport-Width", "1280"),
    ],
)
def test_client_hints_headers_are_not_device_info(
    labeller: Labeller, name: str, value: str
) -> None:
    assert set(label(labeller, UNKNOWN, headers=[[name, value]])) == {"other"}


@pytest.mark.parametrize(
    ("body", "query"),
    [
        ({"user_agent": "Python/3.12 aiohttp/3.9.5"}, ""),
        ({"environment": {"userAgent": "node/v20.20.2 (linux x64 6.1.0)"}}, ""),
        ({"context": {"userAgent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64)"}}, ""),
        ({"x": 1}, "?ua=ZulipPython%2F0.9.1%20(Debian%20GNU%2FLinux%3B%2012)"),
    ],
)
def test_user_agent_copied_into_data_names_the_os(
    labeller: Labeller, body: dict[str, Any], query: str
) -> None:
    assert OS in label(labeller, UNKNOWN + query, body=body)


@pytest.mark.parametrize(
    "agent", ["axios/1.7.2", "grpc-python/1.60.0", "PubNub-Python/10.4.0", "unknown"]
)
def test_user_agent_copy_naming_no_platform_is_not_device_info(
    labeller: Labeller, agent: str
) -> None:
    assert OS not in label(labeller, UNKNOWN, body={"user_agent": agent})


UID = "identifiers.user_id"
CHAT = "customer_content.chat"


@pytest.mark.parametrize(
    ("url", "body", "category"),
    [
        # ids of the person a platform API call acts for (docs/taxonomy.md "Conventions")
        ("https://api.rtc-example.test/v1/participants", "Identity=u-58Kq2&Role=guest", UID),
        ("https://api.rtc-example.test/v1/posts", "Author=u-58Kq2&Body=Hello+all", UID),
        ("https://push.example.test/send", {"data": {"host_id": "u-58Kq2"}}, UID),
        ("https://sms.example.test/send", {"client_ref": "u-58Kq2", "to": "+41790000001"}, UID),
        # JSON inside a form value
        (
            "https://api.rtc-example.test/v1/members",
            "Attributes=%7B%22identity%22%3A+%22u-58Kq2%22%7D",
            UID,
        ),
        # an e-mail the URL addresses the account by
        ("https://api.meet-example.test/v2/users/bo.k%40example.org/meetings", None, UID),
        (
            "https://api.meet-example.test/v2/users/bo.k@example.org/meetings",
            None,
            "contact_info.email",
        ),
        # message text in markdown; a realtime packet or signal of type chat
        (
            "https://api.team-example.test/v1/messages",
            {"roomId": "r1", "markdown": "**Bo**: on my way"},
            CHAT,
        ),
        (
            "https://rtc.example.test/session/s1/signal",
            {"type": "chat", "data": "Can you all hear me?"},
            CHAT,
        ),
        (
            "https://rtc.example.test/room/send",
            {"type": "chat", "text": "Back in five minutes."},
            CHAT,
        ),
        # name/value facts (a label with a space among the names: not a pair list the decoder
        # reads as one) and a client's user agent copied into text
        (
            "https://hooks.example.test/card",
            {
                "facts": [
                    {"name": "App version", "value": "3.2"},
                    {"name": "OS", "value": "Debian 12"},
                ]
            },
            "device_info.os",
        ),
        (
            "https://hooks.example.test/card",
            {
                "facts": [
                    {"name": "App version", "value": "3.2"},
                    {"name": "Network", "value": "ethernet"},
                ]
            },
            "device_info.network",
        ),
        (
            "https://hooks.example.test/card",
            {"footer": {"text": "Acme Meet 3.2.1 (macOS 14.4)"}},
            "device_info.os",
        ),
        # a push registration token names an install on a device
        (
            "https://push.example.test/send",
            {"message": {"token": "dQw4w9WgXcQ:APA91bE1xampleTok3nValueQwErTy12345"}},
            DID,
        ),
        # push tokens under their keys; who organises a meeting
        ("https://api.app-example.test/v1/devices", {"fcmToken": "d9Xr8Kq2Lm7Pw4Zt"}, DID),
        ("https://api.meet-example.test/v1/events", {"organizerId": "u-58Kq2"}, UID),
        # the recipient of an SMS object in digits only
        (
            "https://msg.example.test/v1/messages",
            {"channel": "sms", "to": "41790000001", "text": "Hi"},
            "contact_info.phone",
        ),
        # a full name beside an e-mail in a record
        (
            "https://push.example.test/send",
            {"data": {"email": "bo.k@example.org", "name": "Bo Keller"}},
            "contact_info.name",
        ),
    ],
)
def test_platform_api_classes_match(labeller: Labeller, url: str, body: Any, category: str) -> None:
    headers = (
        [["Content-Type", "application/x-www-form-urlencoded"]] if isinstance(body, str) else []
    )
    assert category in label(labeller, url, body, headers=headers, method="POST" if body else "GET")


@pytest.mark.parametrize(
    ("url", "body", "category"),
    [
        # an OAuth token request's account id names the organisation's account
        (
            "https://auth.meet-example.test/oauth/token",
            "grant_type=account_credentials&account_id=Acct-58Kq2",
            UID,
        ),
        # a registrant record's `id` is the meeting the URL names, not the person's id
        (
            "https://api.meet-example.test/v2/meetings/81234567890/registrants",
            {"id": "81234567890", "email": "bo.k@example.org", "first_name": "Bo"},
            UID,
        ),
        # the name an incoming webhook posts under is the integration's
        (
            "https://chat.example.test/api/webhooks/123456789/Tok3nQwErTy12345678901234567890ab",
            {"content": "Build done", "username": "CI Bot"},
            UID,
        ),
        # a JWT's issuer (a service account) is part of the signed credential
        (
            "https://auth.example.test/token",
            {"assertion": "eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJib3RAcHJvai5leGFtcGxlLm9yZyJ9.c2ln"},
            "contact_info.email",
        ),
        # an IP address as a location hint is a network id, not a place
        (
            "https://rtc.example.test/session/create",
            "location=10.1.2.3&mode=routed",
            "location.coarse",
        ),
        # an SMS's text is a notification, not chat
        (
            "https://msg.example.test/Accounts/AC1/Messages.json",
            "To=%2B41790000001&Body=Your+meeting+starts+soon",
            CHAT,
        ),
        (
            "https://msg.example.test/v1/messages",
            {"channel": "sms", "to": "41790000001", "text": "Your code is ready"},
            CHAT,
        ),
        # OpenTelemetry `host.id` stays the machine's id
        ("https://otel.example.test/v1/logs", {"resource": {"host.id": "4f7c2a9e1b3d4e5f"}}, UID),
        # an e-mail under an analytics user id key is contact data only
        ("https://t.example.test/track", {"userId": "bo.k@example.org"}, UID),
        # a version in parentheses names no OS
        (
            "https://hooks.example.test/card",
            {"footer": {"text": "Release 3.2.1 (build 77)"}},
            "device_info.os",
        ),
        # a UI event about the chat panel is not chat
        (
            "https://t.example.test/track",
            {"event": "chat_opened", "text": "Opened the chat panel"},
            CHAT,
        ),
    ],
)
def test_platform_api_classes_do_not_overreach(
    labeller: Labeller, url: str, body: Any, category: str
) -> None:
    headers = (
        [["Content-Type", "application/x-www-form-urlencoded"]] if isinstance(body, str) else []
    )
    assert category not in label(labeller, url, body, headers=headers, method="POST")


# -- heldout10 classes (issue 15): support comments, calendar events ------------------------


@pytest.mark.parametrize(
    ("body", "chat"),
    [
        (
            {"ticket": {"subject": "Audio", "comment": {"body": "My audio cut out twice today."}}},
            True,
        ),
        ({"request": {"comments": [{"body": "Still broken after the update"}]}}, True),
        ({"comment": {"text": "Agent note: the same drop at 15:12."}}, True),
        # must not: a comment count, an e-mail's text, a notification's body
        ({"ticket": {"comment_count": 3, "subject": "Audio"}}, False),
        (
            {"to": ["a@example.org"], "subject": "Notes", "text": "Hi, the notes are attached."},
            False,
        ),
        (
            {"notification": {"title": "Starts soon", "body": "Your meeting starts in 5 minutes"}},
            False,
        ),
    ],
)
def test_a_support_comment_a_person_wrote_is_chat(
    labeller: Labeller, body: dict[str, Any], chat: bool
) -> None:
    got = label(labeller, "https://support.example.org/api/v2/tickets.json", body)
    assert ("customer_content.chat" in got) is chat, got


def test_a_device_named_in_a_support_comment_is_hardware(labeller: Labeller) -> None:
    body = {"ticket": {"comment": {"body": "Audio cut out on my Jabra Evolve2 65 headset."}}}
    got = label(labeller, "https://support.example.org/api/v2/tickets.json", body)
    assert "customer_content.chat" in got and "device_info.hardware" in got


@pytest.mark.parametrize(
    ("url", "body", "usage"),
    [
        # a calendar event created on an /events path: the service's function
        ("https://cal.example.org/v1.0/me/events",
         {"subject": "Budget review", "start": {"dateTime": "2026-12-09T15:00:00", "timeZone": "Europe/Rome"},
          "end": {"dateTime": "2026-12-09T15:45:00", "timeZone": "Europe/Rome"}}, False),
        ("https://cal.example.org/calendar/v3/calendars/primary/events",
         {"summary": "Offsite", "start": {"date": "2026-12-09"}, "end": {"date": "2026-12-10"}}, False),
        # must stay product usage: an analytics event on an /events path
        ("https://stats.example.org/v1/events",
         {"event": "meeting_joined", "properties": {"start": {"dateTime": "2026-12-09T15:00:00"}}}, True),
    ],
)  # fmt: skip
def test_a_calendar_event_is_no_product_usage(
    labeller: Labeller, url: str, body: dict[str, Any], usage: bool
) -> None:
    got = label(labeller, url, body)
    assert ("service_generated.product_usage" in got) is usage, got


@pytest.mark.parametrize(
    ("body", "os", "network"),
    [
        ({"ticket": {"comment": {"body": "Windows 11 23H2, on hotel Wi-Fi."}}}, True, True),
        ({"comment": {"body": "Since macOS 14.5 it drops on ethernet too"}}, True, True),
        # must not: a bare word, or the same text outside a comment
        ({"comment": {"body": "Open the windows, the network room is hot"}}, False, False),
        (
            {"to": ["a@example.org"], "subject": "Setup", "text": "Windows 11 on Wi-Fi"},
            False,
            False,
        ),
    ],
)
def test_a_support_comment_naming_its_system_and_network(
    labeller: Labeller, body: dict[str, Any], os: bool, network: bool
) -> None:
    got = label(labeller, "https://support.example.org/api/v2/tickets.json", body)
    assert ("device_info.os" in got) is os, got
    assert ("device_info.network" in got) is network, got


@pytest.mark.parametrize(
    ("body", "files"),
    [
        ({"attachments": [{"filename": "budget.pdf", "content": "JVBERi0xLjQKJcfsj6IKNSAwIG9iago="}]}, True),
        ({"message": {"attachments": [{"name": "notes.txt", "contentBytes": "bm90ZXMgb2YgdGhlIGNhbGw="}]}}, True),
        ({"path": "docs/2026-12-09 notes.md", "content": "IyBOb3RlcwotIGEgZGVjaXNpb24K"}, True),
        # must not: a name without a file's extension, a file name with no content beside it
        ({"attachments": [{"name": "Budget review", "content": "some text"}]}, False),
        ({"export": {"filename": "report.csv", "format": "csv"}}, False),
        ({"filename": "report.csv", "content": ""}, False),
    ],
)  # fmt: skip
def test_an_attachment_is_a_file_whatever_its_encoding(
    labeller: Labeller, body: dict[str, Any], files: bool
) -> None:
    got = label(labeller, "https://api.example.org/v1/send", body)
    assert ("customer_content.files" in got) is files, got
