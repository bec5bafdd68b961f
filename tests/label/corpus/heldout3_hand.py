"""Hand-built flows of the third held-out set (`heldout3.jsonl`, issue 15), written after the
labeller was changed for heldout2, from public format documentation: a Sentry release-health
session envelope, a Datadog metrics series with tags, a Zoom Meeting SDK join with its JWT
signature, a 1DS correlation-vector header, Snowplow structured and self-describing events with
contexts, a Glean ping, a 1DS device-inventory event and a JWT in a query string.

Expectations were written from these payloads and committed before the labeller ran on them.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from tests.label.corpus.generate import JSON, hand


def _b64url(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def _jwt(claims: dict[str, Any]) -> str:
    return f"{_b64url({'alg': 'HS256', 'typ': 'JWT'})}.{_b64url(claims)}.aGVsZG91dDMtc2ln"


def _ue(schema: str, data: dict[str, Any]) -> dict[str, Any]:
    return {
        "schema": "iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0",
        "data": {"schema": schema, "data": data},
    }


DUID = "6e1c2b3a-4d5f-4a6b-9c8d-7e6f5a4b3c2d"


def heldout3_hand_flows() -> list[dict[str, Any]]:
    n = iter(range(800, 1000))
    f: list[dict[str, Any]] = []
    envelope = "\n".join(
        [
            json.dumps(
                {
                    "sent_at": "2026-11-23T08:00:00.000Z",
                    "sdk": {"name": "sentry.javascript.browser", "version": "8.40.0"},
                }
            ),
            json.dumps({"type": "session"}),
            json.dumps(
                {
                    "sid": "a1b2c3d4e5f64a7b8c9d0e1f2a3b4c5d",
                    "did": "u-30417",
                    "init": True,
                    "started": "2026-11-23T07:58:12.000Z",
                    "timestamp": "2026-11-23T08:00:00.000Z",
                    "status": "ok",
                    "errors": 0,
                    "attrs": {
                        "release": "meeting-web@5.19.0",
                        "environment": "production",
                        "user_agent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 "
                        "(KHTML, like Gecko) Version/17.6 Safari/605.1.15",
                    },
                }
            ),
        ]
    )
    f.append(
        hand(
            next(n),
            "https://o447951.ingest.de.sentry.io/api/4507123/envelope/?sentry_key=0123456789abcdef0123456789abcdef&sentry_version=7",
            [
                "service_generated.telemetry",
                "identifiers.session_id",
                "identifiers.user_id",
                "device_info.os",
                "credentials",
            ],
            "Sentry",
            "release-health session item: sid, did (the user), status, user agent; key in URL",
            headers=[("Content-Type", "text/plain;charset=UTF-8")],
            body=envelope,
        )
    )
    f.append(
        hand(
            next(n),
            "https://api.datadoghq.eu/api/v2/series",
            [
                "service_generated.performance",
                "credentials",
                "device_info.os",
                "identifiers.device_id",
                "identifiers.network_id",
                "meeting_metadata",
            ],
            "Datadog",
            "metrics series: audio jitter points; tags os/device_id/meeting_id; host resource",
            app="rooms",
            headers=[JSON, ("DD-API-KEY", "1f2e3d4c5b6a79881f2e3d4c5b6a7988")],
            body={
                "series": [
                    {
                        "metric": "meeting.audio.jitter_ms",
                        "type": 3,
                        "points": [{"timestamp": 1763884800, "value": 12.5}],
                        "resources": [{"name": "ROOM-PC-7", "type": "host"}],
                        "tags": ["os:windows", "device_id:MTR-44A1", "meeting_id:85512345678"],
                    }
                ]
            },
        )
    )
    f.append(
        hand(
            next(n),
            "https://zoom.us/wc/api/sdk/join",
            [
                "credentials",
                "meeting_metadata",
                "identifiers.user_id",
                "contact_info.name",
                "contact_info.email",
            ],
            "Zoom",
            "Meeting SDK join: JWT signature (sdkKey, mn, role), userName, userEmail, passWord",
            app="zoom",
            headers=[JSON],
            body={
                "signature": _jwt(
                    {
                        "sdkKey": "abcDEF123ghiJKL456",
                        "mn": "85512345678",
                        "role": 0,
                        "iat": 1763884800,
                        "exp": 1763892000,
                    }
                ),
                "userName": "Noor Haddad",
                "userEmail": "noor.haddad@example.com",
                "passWord": "Xy12ab",
                "lang": "en-US",
            },
        )
    )
    f.append(
        hand(
            next(n),
            "https://teams.microsoft.com/api/mt/emea/beta/users/tenants",
            ["credentials", "identifiers.session_id"],
            "Microsoft",
            "tenant list request: MS-CV correlation vector, Bearer token",
            app="teams",
            method="GET",
            headers=[
                ("MS-CV", "Kq5n2Z3o1kWqLz8r.1.2"),
                (
                    "Authorization",
                    "Bearer 0.AXkAv4j5cvGGr0GRqy180BHbR1.AgABAAEAAADnfolhJpSnRYB1SVj",
                ),
            ],
        )
    )
    cx = _b64url(
        {
            "schema": "iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-1",
            "data": [
                {
                    "schema": "iglu:us.zoom/client_environment/jsonschema/1-0-0",
                    "data": {
                        "os_name": "macOS",
                        "os_version": "14.6",
                        "cpu_model": "Apple M2",
                        "network_type": "ethernet",
                    },
                }
            ],
        }
    )
    f.append(
        hand(
            next(n),
            "https://us04.telemetry.zoom.us/i?e=se&se_ca=meeting&se_ac=toggle_mute&se_la=toolbar"
            f"&tv=js-3.24.2&p=web&aid=zoom-wc&duid={DUID}&cx={cx}",
            [
                "service_generated.product_usage",
                "identifiers.device_id",
                "device_info.os",
                "device_info.hardware",
                "device_info.network",
            ],
            "Zoom",
            "Snowplow GET structured event (mute toggled) with a client_environment context",
            app="zoom",
        )
    )
    f.append(
        hand(
            next(n),
            "https://us04.telemetry.zoom.us/com.snowplowanalytics.snowplow/tp2",
            [
                "service_generated.diagnostics",
                "service_generated.performance",
                "service_generated.product_usage",
                "meeting_metadata",
                "identifiers.device_id",
            ],
            "Zoom",
            "Snowplow tp2 batch: js_error (diagnostics), network_stats (performance), "
            "meeting_end with meeting id and duration (product usage)",
            app="zoom",
            headers=[("Content-Type", "application/json; charset=UTF-8")],
            body={
                "schema": "iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4",
                "data": [
                    {
                        "e": "ue",
                        "tv": "js-3.24.2",
                        "duid": DUID,
                        "ue_pr": json.dumps(
                            _ue(
                                "iglu:us.zoom.web/js_error/jsonschema/1-0-1",
                                {"message": "Cannot read properties of null", "file": "wc.js"},
                            )
                        ),
                    },
                    {
                        "e": "ue",
                        "tv": "js-3.24.2",
                        "duid": DUID,
                        "ue_px": _b64url(
                            _ue(
                                "iglu:us.zoom.web/network_stats/jsonschema/1-0-0",
                                {"up_kbps": 1830, "down_kbps": 2410, "loss": 0.4},
                            )
                        ),
                    },
                    {
                        "e": "ue",
                        "tv": "js-3.24.2",
                        "duid": DUID,
                        "ue_pr": json.dumps(
                            _ue(
                                "iglu:us.zoom.web/meeting_end/jsonschema/1-0-0",
                                {"meeting_id": "85512345678", "duration_s": 2710},
                            )
                        ),
                    },
                ],
            },
        )
    )
    f.append(
        hand(
            next(n),
            "https://incoming.telemetry.mozilla.org/submit/firefox-desktop/first-startup/1/"
            "b7d5a6f8-9e02-43b4-8f1d-4b5c6d7e8f90",
            [
                "service_generated.telemetry",
                "identifiers.device_id",
                "device_info.os",
                "device_info.locale",
            ],
            "Mozilla",
            "Glean first-startup ping: client_info, first-run timing",
            app="firefox",
            headers=[("Content-Type", "application/json; charset=utf-8")],
            body={
                "ping_info": {"seq": 0, "start_time": "2026-11-23T09:00+01:00"},
                "client_info": {
                    "client_id": "0d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a",
                    "os": "Windows",
                    "os_version": "10.0",
                    "locale": "sv-SE",
                    "architecture": "x86_64",
                },
                "metrics": {"quantity": {"first_startup.elapsed": 1422}},
            },
        )
    )
    f.append(
        hand(
            next(n),
            "https://mobile.events.data.microsoft.com/OneCollector/1.0/",
            [
                "service_generated.telemetry",
                "device_info.hardware",
                "identifiers.session_id",
                "credentials",
            ],
            "Microsoft",
            "1DS event Microsoft.Teams.Calling.MediaDeviceInventory: microphone and camera names",
            app="teams",
            headers=[
                ("Content-Type", "application/x-json-stream"),
                (
                    "apikey",
                    "5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f-2b3c4d5e-6f7a-8b9c-0d1e-2f3a4b5c6d7e-7000",
                ),
            ],
            body=json.dumps(
                {
                    "name": "Microsoft.Teams.Calling.MediaDeviceInventory",
                    "time": "2026-11-23T09:05:00.000Z",
                    "ver": "4.0",
                    "iKey": "o:5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f",
                    "ext": {"app": {"sesId": "bc23de45-f678-4a90-9b1c-2d3e4f5a6b7c"}},
                    "data": {
                        "microphones": ["Jabra Evolve2 65", "MacBook Pro Microphone"],
                        "cameras": ["Logitech BRIO"],
                        "count": 3,
                    },
                }
            ),
        )
    )
    f.append(
        hand(
            next(n),
            "https://us05web.zoom.us/wc/ws/presence?zak="
            + _jwt({"uid": "zx_u_8Hk2LmPq", "email": "noor.haddad@example.com", "exp": 1763892000}),
            ["credentials", "identifiers.user_id", "contact_info.email"],
            "Zoom",
            "presence request with a ZAK JWT in the query (uid, email claims)",
            app="zoom",
            method="GET",
        )
    )
    return f
