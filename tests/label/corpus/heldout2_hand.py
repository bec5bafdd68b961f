"""Hand-built flows of the second held-out set (`heldout2.jsonl`, issue 15), written from the
public format documentation of each protocol, for traffic no SDK here makes:

- Snowplow tracker protocol 2 (docs.snowplow.io: "Snowplow Tracker Protocol", self-describing
  events wrapped in `unstruct_event`, `ue_pr` JSON text or `ue_px` base64url) with Zoom-style
  schemas: a log trace, a media-quality report, a heartbeat;
- a web-client log upload: NDJSON log lines inside a JSON string, gzip'd, declared text/plain;
- JWT-bearing requests (RFC 7519 claims `sub`, `name`, `email`), a base64 meeting topic;
- Datadog log intake (docs.datadoghq.com "Send logs" API: `ddtags` as `key:value,…`);
- Mozilla Glean pings (mozilla.github.io/glean/book: `/submit/<app>/<ping>/<version>/<uuid>`,
  `client_info`, `ping_info`, `metrics` by type with dotted metric names) and the legacy
  Telemetry "main" ping environment (firefox-source-docs: `environment.addons.activeAddons`);
- 1DS Common Schema events by name, a Webex `TrackingID` header, pair arrays of Client Hints.

Expectations were written from these payloads before the labeller ran on them; this file is
frozen with them (README.md, "Evaluation discipline").
"""

from __future__ import annotations

import base64
import gzip
import json
from typing import Any

from tests.label.corpus.generate import JSON, UA, hand


def _b64url(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def _jwt(claims: dict[str, Any]) -> str:
    header = _b64url({"alg": "RS256", "typ": "JWT"})
    return f"{header}.{_b64url(claims)}.c2lnbmF0dXJlLW5vdC1jaGVja2Vk"


def _snowplow(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "schema": "iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4",
        "data": events,
    }


def _ue(schema: str, data: dict[str, Any]) -> dict[str, Any]:
    return {
        "schema": "iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0",
        "data": {"schema": schema, "data": data},
    }


SP_JSON = ("Content-Type", "application/json; charset=UTF-8")
ZOOM_DUID = "9b2d7e41-3c5a-4f18-b6d0-7a1e2c3f4b5d"
ZOOM_SID = "e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b"


def heldout2_hand_flows() -> list[dict[str, Any]]:
    n = iter(range(700, 1000))
    f: list[dict[str, Any]] = []

    # ---- Snowplow tp2 with Zoom-style self-describing schemas ---------------------------------
    f.append(
        hand(
            next(n),
            "https://us02.telemetry.zoom.us/com.snowplowanalytics.snowplow/tp2",
            [
                "service_generated.diagnostics",
                "identifiers.device_id",
                "identifiers.session_id",
                "identifiers.user_id",
                "device_info.locale",
            ],
            "Zoom",
            "Snowplow tp2 self-describing log_trace event (ue_pr JSON text): an error log line "
            "of the web client; duid, sid, uid, tz",
            app="zoom",
            headers=[SP_JSON],
            body=_snowplow(
                [
                    {
                        "e": "ue",
                        "tv": "js-3.24.2",
                        "p": "web",
                        "aid": "zoom-wc",
                        "eid": "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0",
                        "dtm": "1763816401234",
                        "stm": "1763816401240",
                        "duid": ZOOM_DUID,
                        "sid": ZOOM_SID,
                        "vid": "4",
                        "uid": "zx_u_4Jf8KqLmN2pQ",
                        "tz": "Europe/Zurich",
                        "ue_pr": json.dumps(
                            _ue(
                                "iglu:us.zoom.web/log_trace/jsonschema/1-0-3",
                                {
                                    "level": "ERROR",
                                    "module": "audio_bridge",
                                    "message": "ICE connection state changed to failed "
                                    "after 3 retries",
                                    "errorCode": 3113,
                                },
                            )
                        ),
                    }
                ]
            ),
        )
    )
    f.append(
        hand(
            next(n),
            "https://us02.telemetry.zoom.us/com.snowplowanalytics.snowplow/tp2",
            [
                "service_generated.performance",
                "meeting_metadata",
                "identifiers.device_id",
                "identifiers.session_id",
                "device_info.network",
            ],
            "Zoom",
            "Snowplow tp2 self-describing media_quality event (ue_px base64url): jitter, loss, "
            "RTT, fps per stream; meeting number, connection type",
            app="zoom",
            headers=[SP_JSON],
            body=_snowplow(
                [
                    {
                        "e": "ue",
                        "tv": "js-3.24.2",
                        "p": "web",
                        "aid": "zoom-wc",
                        "eid": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
                        "dtm": "1763816460000",
                        "duid": ZOOM_DUID,
                        "sid": ZOOM_SID,
                        "ue_px": _b64url(
                            _ue(
                                "iglu:us.zoom.web/media_quality/jsonschema/2-1-0",
                                {
                                    "mn": "85512345678",
                                    "conn_type": "wifi",
                                    "audio": {"jitter_ms": 14, "loss_pct": 0.8, "rtt_ms": 62},
                                    "video": {"fps": 24, "width": 1280, "height": 720},
                                },
                            )
                        ),
                    }
                ]
            ),
        )
    )
    f.append(
        hand(
            next(n),
            "https://us02.telemetry.zoom.us/i?e=ue&tv=js-3.24.2&p=web&aid=zoom-wc"
            f"&duid={ZOOM_DUID}&stm=1763816520000&ue_px="
            + _b64url(
                _ue(
                    "iglu:us.zoom.web/heartbeat/jsonschema/1-0-0",
                    {"interval_s": 60, "state": "in_meeting_background", "seq": 17},
                )
            ),
            ["service_generated.telemetry", "identifiers.device_id"],
            "Zoom",
            "Snowplow GET /i heartbeat (ue_px): interval, sequence number; duid",
            app="zoom",
        )
    )

    # ---- Zoom web-client log upload: NDJSON inside a JSON string, gzip, declared text/plain --
    log_lines = [
        {
            "t": "2026-11-22T13:00:01.120Z",
            "lv": "I",
            "tag": "JoinFlow",
            "msg": "join start",
            "meetingNumber": "85512345678",
            "userName": "Bruno Keller",
        },
        {
            "t": "2026-11-22T13:00:02.480Z",
            "lv": "I",
            "tag": "Env",
            "msg": "env",
            "os": "Windows 11",
            "browser": "Chrome 131.0.6778.86",
            "cpuCores": 12,
        },
        {
            "t": "2026-11-22T13:00:09.003Z",
            "lv": "E",
            "tag": "Media",
            "msg": "getUserMedia NotReadableError: Could not start video source",
            "email": "bruno.keller@example.org",
        },
    ]
    upload = {
        "v": 2,
        "clientType": "web",
        "logs": "\n".join(json.dumps(line) for line in log_lines),
    }
    f.append(
        hand(
            next(n),
            "https://us05web.zoom.us/wc/api/weblog/upload",
            [
                "service_generated.diagnostics",
                "meeting_metadata",
                "identifiers.user_id",
                "contact_info.name",
                "contact_info.email",
                "device_info.os",
                "device_info.hardware",
            ],
            "Zoom",
            "web-client log upload: gzip body declared text/plain, a JSON object whose `logs` "
            "string holds NDJSON lines (meeting number, display name, OS, CPU cores, e-mail)",
            app="zoom",
            headers=[("Content-Type", "text/plain;charset=UTF-8")],
            body=gzip.compress(json.dumps(upload).encode(), mtime=0),
        )
    )

    # ---- JWTs and a base64 meeting topic ------------------------------------------------------
    zak = _jwt(
        {
            "iss": "web",
            "sub": "zx_u_4Jf8KqLmN2pQ",
            "name": "Bruno Keller",
            "email": "bruno.keller@example.org",
            "aud": "clientsm",
            "exp": 1763823600,
        }
    )
    f.append(
        hand(
            next(n),
            "https://us05web.zoom.us/wc/api/meeting/schedule",
            [
                "credentials",
                "identifiers.user_id",
                "contact_info.name",
                "contact_info.email",
                "meeting_metadata",
            ],
            "Zoom",
            "schedule request: Bearer JWT whose claims carry sub, name, email; the topic is "
            "base64 text; start time and duration",
            app="zoom",
            headers=[JSON, ("Authorization", f"Bearer {zak}")],
            body={
                "topic": base64.b64encode(b"Salary review with Dana Schultz").decode(),
                "topicEncoding": "base64",
                "startTime": "2026-11-23T09:00:00Z",
                "duration": 45,
                "waitingRoom": True,
            },
        )
    )
    f.append(
        hand(
            next(n),
            "https://teams.microsoft.com/api/chatsvc/emea/v1/users/ME/properties?name=lastActive",
            ["credentials", "identifiers.user_id", "contact_info.name", "contact_info.email"],
            "Microsoft",
            "Teams property write: an id_token JWT in a header (oid, name, preferred_username "
            "e-mail); the body is a timestamp",
            app="teams",
            method="PUT",
            headers=[
                JSON,
                (
                    "X-Ms-Id-Token",
                    _jwt(
                        {
                            "aud": "5e3ce6c0-2b1f-4285-8d4b-75ee78787346",
                            "iss": "https://login.microsoftonline.com/72f988bf/v2.0",
                            "oid": "3f2504e0-4f89-41d3-9a0c-0305e82c3301",
                            "name": "Dana Schultz",
                            "preferred_username": "dana.schultz@contoso.example",
                            "tid": "72f988bf-86f1-41af-91ab-2d7cd011db47",
                        }
                    ),
                ),
            ],
            body={"lastActive": 1763816400000},
        )
    )

    # ---- Datadog log intake with ddtags (key:value tag strings) ------------------------------
    f.append(
        hand(
            next(n),
            "https://http-intake.logs.datadoghq.com/api/v2/logs",
            [
                "service_generated.diagnostics",
                "credentials",
                "device_info.os",
                "device_info.network",
                "identifiers.device_id",
                "identifiers.network_id",
            ],
            "Datadog",
            "log intake batch: ddtags `os:…,device_id:…,network_type:…`, hostname, DD-API-KEY",
            app="rooms",
            headers=[JSON, ("DD-API-KEY", "0f1e2d3c4b5a69788796a5b4c3d2e1f0")],
            body=[
                {
                    "ddsource": "room-controller",
                    "ddtags": "env:prod,os:windows-11-23h2,device_id:RC-7F3A9C21D4E8,"
                    "network_type:ethernet,version:6.2.1",
                    "hostname": "MTR-ZRH-4OG-02",
                    "service": "room-controller",
                    "message": "camera pipeline restarted after USB reset",
                    "status": "warn",
                }
            ],
        )
    )

    # ---- Mozilla Glean pings ----------------------------------------------------------------
    glean_client = {
        "client_id": "5a9f3b1c-7d2e-4f60-9a8b-1c2d3e4f5a6b",
        "first_run_date": "2026-10-02+02:00",
        "os": "Linux",
        "os_version": "6.1.0-28-amd64",
        "architecture": "x86_64",
        "locale": "de-CH",
        "app_build": "20241118101530",
        "app_display_version": "128.5.0esr",
        "app_channel": "esr",
        "telemetry_sdk_build": "61.2.0",
    }
    glean_headers = [
        ("Content-Type", "application/json; charset=utf-8"),
        ("X-Telemetry-Agent", "Glean/61.2.0 (Rust on Linux)"),
        ("Date", "Sat, 22 Nov 2026 13:05:00 GMT"),
    ]
    f.append(
        hand(
            next(n),
            "https://incoming.telemetry.mozilla.org/submit/firefox-desktop/baseline/1/"
            "d3f1c2b4-5a6e-4f70-8b9c-0d1e2f3a4b5c",
            [
                "service_generated.telemetry",
                "identifiers.device_id",
                "device_info.os",
                "device_info.locale",
            ],
            "Mozilla",
            "Glean baseline ping: client_info (client_id, os, locale), active duration",
            app="firefox",
            headers=glean_headers,
            body={
                "ping_info": {
                    "seq": 41,
                    "start_time": "2026-11-22T13:00+01:00",
                    "end_time": "2026-11-22T14:05+01:00",
                    "reason": "inactive",
                },
                "client_info": glean_client,
                "metrics": {
                    "timespan": {"glean.baseline.duration": {"value": 3870, "time_unit": "second"}},
                    "string": {"glean.baseline.locale": "de-CH"},
                },
            },
        )
    )
    f.append(
        hand(
            next(n),
            "https://incoming.telemetry.mozilla.org/submit/firefox-desktop/metrics/1/"
            "e4a2d3c5-6b7f-4081-9cad-1e2f3a4b5c6d",
            [
                "service_generated.telemetry",
                "identifiers.device_id",
                "device_info.os",
                "device_info.locale",
                "device_info.hardware",
            ],
            "Mozilla",
            "Glean metrics ping: default search engine display_name (not a person), active "
            "add-on ids shaped like e-mail addresses (not e-mail), hw.* memory and CPU counts",
            app="firefox",
            headers=glean_headers,
            body={
                "ping_info": {
                    "seq": 12,
                    "start_time": "2026-11-21T04:00+01:00",
                    "end_time": "2026-11-22T04:00+01:00",
                    "reason": "today",
                },
                "client_info": glean_client,
                "metrics": {
                    "string": {
                        "search.engine.default.display_name": "DuckDuckGo",
                        "search.engine.default.engine_id": "ddg",
                    },
                    "quantity": {"hw.physmemory": 32768, "hw.cpu_count": 16},
                    "object": {
                        "addons.active_addons": [
                            {"id": "uBlock0@raymondhill.net", "version": "1.61.0"},
                            {"id": "jid1-MnnxcxisBPnSXQ@jetpack", "version": "2024.11.1"},
                            {
                                "id": "{446900e4-71c2-419f-a6a7-df9c091e268b}",
                                "version": "2024.11.0",
                            },
                        ]
                    },
                },
            },
        )
    )
    f.append(
        hand(
            next(n),
            "https://incoming.telemetry.mozilla.org/submit/firefox-desktop/events/1/"
            "f5b3e4d6-7c80-4192-8dbe-2f3a4b5c6d7e",
            [
                "service_generated.product_usage",
                "identifiers.device_id",
                "device_info.os",
                "device_info.locale",
            ],
            "Mozilla",
            "Glean events ping: UI events (toolbar button, tab opened)",
            app="firefox",
            headers=glean_headers,
            body={
                "ping_info": {
                    "seq": 88,
                    "start_time": "2026-11-22T13:00+01:00",
                    "end_time": "2026-11-22T13:10+01:00",
                    "reason": "max_capacity",
                },
                "client_info": glean_client,
                "events": [
                    {
                        "timestamp": 0,
                        "category": "browser.ui",
                        "name": "interaction",
                        "extra": {"source": "toolbar", "widget": "pip-button"},
                    },
                    {"timestamp": 5120, "category": "tabs", "name": "opened", "extra": {}},
                ],
            },
        )
    )
    f.append(
        hand(
            next(n),
            "https://incoming.telemetry.mozilla.org/submit/firefox-desktop/health/1/"
            "a6c4f5e7-8d91-42a3-9ecf-3a4b5c6d7e8f",
            [
                "service_generated.telemetry",
                "identifiers.device_id",
                "device_info.os",
                "device_info.locale",
            ],
            "Mozilla",
            "Glean health ping: pending ping counts at start-up",
            app="firefox",
            headers=glean_headers,
            body={
                "ping_info": {
                    "seq": 3,
                    "start_time": "2026-11-22T12:59+01:00",
                    "end_time": "2026-11-22T12:59+01:00",
                    "reason": "pre_init",
                },
                "client_info": glean_client,
                "metrics": {"counter": {"glean.upload.pending_pings": 2}},
            },
        )
    )
    # Legacy Telemetry "main" ping environment: profile and client ids, add-ons, system.
    f.append(
        hand(
            next(n),
            "https://incoming.telemetry.mozilla.org/submit/telemetry/7b1c2d3e-4f50-4617-a8b9-"
            "cadbecf00112/main/Firefox/128.5.0esr/esr/20241118101530?v=4",
            [
                "service_generated.telemetry",
                "service_generated.performance",
                "identifiers.device_id",
                "device_info.os",
                "device_info.locale",
                "device_info.hardware",
            ],
            "Mozilla",
            "legacy Telemetry main ping: clientId, profileGroupId, add-on ids shaped like "
            "e-mail, system memory/CPU/OS, locale, a startup timing histogram",
            app="firefox",
            headers=[
                ("Content-Type", "application/json; charset=UTF-8"),
                ("Content-Encoding", "gzip"),
            ],
            body=gzip.compress(
                json.dumps(
                    {
                        "type": "main",
                        "id": "7b1c2d3e-4f50-4617-a8b9-cadbecf00112",
                        "creationDate": "2026-11-22T12:05:00.000Z",
                        "version": 4,
                        "application": {"name": "Firefox", "version": "128.5.0", "channel": "esr"},
                        "clientId": "5a9f3b1c-7d2e-4f60-9a8b-1c2d3e4f5a6b",
                        "profileGroupId": "0e9d8c7b-6a59-4483-b2a1-f0e9d8c7b6a5",
                        "environment": {
                            "settings": {"locale": "de-CH", "intl": {"systemLocales": ["de-CH"]}},
                            "system": {
                                "memoryMB": 32768,
                                "cpu": {"count": 16, "cores": 8, "vendor": "AuthenticAMD"},
                                "os": {"name": "Linux", "version": "6.1", "locale": "de-CH"},
                            },
                            "addons": {
                                "activeAddons": {
                                    "uBlock0@raymondhill.net": {
                                        "version": "1.61.0",
                                        "name": "uBlock Origin",
                                    },
                                    "formautofill@mozilla.org": {
                                        "version": "1.0.1",
                                        "name": "Form Autofill",
                                    },
                                }
                            },
                        },
                        "payload": {
                            "info": {"reason": "daily", "sessionLength": 3870},
                            "histograms": {
                                "FX_PAGE_LOAD_MS_2": {"sum": 10422, "values": {"800": 7, "1200": 3}}
                            },
                        },
                    }
                ).encode(),
                mtime=0,
            ),
        )
    )

    # ---- 1DS events: the event name says what kind of data it is -----------------------------
    def oneds(name: str, data: dict[str, Any]) -> str:
        return json.dumps(
            {
                "name": name,
                "time": "2026-11-22T13:07:00.000Z",
                "ver": "4.0",
                "iKey": "o:4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e",
                "ext": {"app": {"sesId": "ab12cd34-ef56-4a78-9b0c-d1e2f3a4b5c6"}},
                "data": data,
            }
        )

    f.append(
        hand(
            next(n),
            "https://mobile.events.data.microsoft.com/OneCollector/1.0/",
            [
                "service_generated.performance",
                "identifiers.session_id",
                "meeting_metadata",
                "credentials",
            ],
            "Microsoft",
            "1DS event Microsoft.Teams.Calling.CallQualityReport: jitter, loss, MOS for a call id",
            app="teams",
            headers=[
                ("Content-Type", "application/x-json-stream"),
                (
                    "apikey",
                    "4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d-7000",
                ),
            ],
            body=oneds(
                "Microsoft.Teams.Calling.CallQualityReport",
                {
                    "callId": "8f7e6d5c-4b3a-4291-8e7f-6d5c4b3a2918",
                    "jitterMs": 22,
                    "packetLossPct": 1.4,
                    "mos": 3.9,
                },
            ),
        )
    )
    f.append(
        hand(
            next(n),
            "https://mobile.events.data.microsoft.com/OneCollector/1.0/",
            ["service_generated.telemetry", "identifiers.session_id", "credentials"],
            "Microsoft",
            "1DS event Microsoft.Teams.Heartbeat: uptime and memory of the client process",
            app="teams",
            headers=[
                ("Content-Type", "application/x-json-stream"),
                (
                    "apikey",
                    "4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d-7000",
                ),
            ],
            body=oneds("Microsoft.Teams.Heartbeat", {"uptimeS": 7320, "seq": 122}),
        )
    )

    # ---- Webex TrackingID correlation header ------------------------------------------------
    f.append(
        hand(
            next(n),
            "https://locus-a.wbx2.com/locus/api/v1/loci/0f1e2d3c/participant/4b5a6978/media",
            ["meeting_metadata", "identifiers.session_id", "credentials"],
            "Cisco Webex",
            "Webex locus media update: TrackingID correlation header, Bearer token, locus "
            "(meeting) and participant ids in the path, audio/video muted states",
            app="webex",
            method="PUT",
            headers=[
                JSON,
                ("TrackingID", "WEBCLIENT_6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b_17"),
                ("Authorization", "Bearer NzE4ZjNkYjAtNDg3ZS00YjU3LWE1ZjMtOWUwNWM1ZWM3YTg0"),
            ],
            body={"localMedias": [{"localSdp": "", "audioMuted": True, "videoMuted": False}]},
        )
    )

    # ---- Pair arrays: Client Hints and connection data as [name, value] -----------------------
    f.append(
        hand(
            next(n),
            "https://www.google.com/log?format=json&hasfast=true&authuser=0",
            [
                "service_generated.performance",
                "device_info.os",
                "device_info.hardware",
                "device_info.network",
            ],
            "Google",
            "clearcut batch from Meet: a page-load timing record whose environment is a list "
            "of [name, value] pairs (platform, platformVersion, hardware_concurrency, "
            "device_memory, network_effective_type, downlink)",
            app="meet",
            headers=[
                ("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8"),
                ("User-Agent", UA),
            ],
            body=json.dumps(
                [
                    [
                        1,
                        None,
                        None,
                        None,
                        None,
                        None,
                        None,
                        None,
                        None,
                        None,
                        [None, None, None, None, "de"],
                    ],
                    1952,
                    [
                        [
                            "1763816400999",
                            None,
                            None,
                            None,
                            None,
                            None,
                            None,
                            json.dumps(
                                {
                                    "metric": "first_contentful_paint_ms",
                                    "value": 812,
                                    "env": [
                                        ["platform", "Windows"],
                                        ["platformVersion", "15.0.0"],
                                        ["hardware_concurrency", 12],
                                        ["device_memory", 8],
                                        ["network_effective_type", "4g"],
                                        ["downlink", 9.6],
                                    ],
                                }
                            ),
                        ]
                    ],
                    "1763816401000",
                ]
            ),
        )
    )
    return f
