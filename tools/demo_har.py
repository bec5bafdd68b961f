"""Regenerates `auditor/demo/meeting-demo.har`, the bundled demo capture (run: python -m tools.demo_har).

The HAR reproduces what a 30-minute meeting looks like through the proxy on a typical desktop:
Zoom's Snowplow telemetry and QoS statistics (including audio-level samples sent while muted), a
Teams 1DS batch, a Sentry error envelope with a stack trace, Discord's `/science` analytics with
`X-Super-Properties`, a Teams chat message, feature-flag downloads and a protobuf config answer.
Account names and ids are invented; the shapes follow the real SDKs' wire formats.
"""

from __future__ import annotations

import argparse
import base64
import gzip
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HAR_PATH = Path(__file__).resolve().parents[1] / "auditor" / "demo" / "meeting-demo.har"

# Monday 16 November 2026, 14:00 UTC: the meeting starts half a minute in.
START = datetime(2026, 11, 16, 14, 0, 0, tzinfo=UTC).timestamp()

USER_EMAIL = "alex.morgan@example.org"
USER_NAME = "Alex Morgan"
DEVICE_ID = "7c9e6679-7425-40de-944b-e07fc1f90ae7"
ZOOM_UID = "u6Xb0Qk2TgWl3dC0eYp9aA"
MEETING_ID = "84512093377"
HOSTNAME = "ALEX-THINKPAD-T14"


def _iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _headers(pairs: list[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"name": k, "value": v} for k, v in pairs]


def _entry(
    offset: float,
    method: str,
    url: str,
    *,
    req_headers: list[tuple[str, str]],
    body: str | None = None,
    mime: str = "application/json",
    status: int = 200,
    resp_headers: list[tuple[str, str]] | None = None,
    resp_text: str = "",
    resp_mime: str = "application/json",
    resp_b64: bytes | None = None,
    server_ip: str = "",
    time_ms: float = 84.0,
    comment: str = "",
) -> dict[str, Any]:
    host = url.split("/")[2]
    req: dict[str, Any] = {
        "method": method,
        "url": url,
        "httpVersion": "HTTP/2.0" if url.startswith("https") else "HTTP/1.1",
        "cookies": [],
        "headers": _headers([(":authority", host), *req_headers]),
        "queryString": [],
        "headersSize": -1,
        "bodySize": len(body.encode()) if body is not None else 0,
    }
    if "?" in url:
        query = url.split("?", 1)[1]
        req["queryString"] = [
            {"name": part.split("=", 1)[0], "value": part.split("=", 1)[1] if "=" in part else ""}
            for part in query.split("&")
        ]
    if body is not None:
        req["postData"] = {"mimeType": mime, "text": body}
    content: dict[str, Any] = {"size": len(resp_text.encode()), "mimeType": resp_mime}
    if resp_b64 is not None:
        content = {
            "size": len(resp_b64),
            "mimeType": resp_mime,
            "text": base64.b64encode(resp_b64).decode(),
            "encoding": "base64",
        }
    elif resp_text:
        content["text"] = resp_text
    entry: dict[str, Any] = {
        "startedDateTime": _iso(START + offset),
        "time": time_ms,
        "request": req,
        "response": {
            "status": status,
            "statusText": {200: "OK", 204: "No Content", 201: "Created"}.get(status, ""),
            "httpVersion": req["httpVersion"],
            "cookies": [],
            "headers": _headers(
                resp_headers
                or [("content-type", resp_mime), ("content-length", str(content["size"]))]
            ),
            "content": content,
            "redirectURL": "",
            "headersSize": -1,
            "bodySize": content["size"],
        },
        "cache": {},
        "timings": {"send": 1, "wait": time_ms - 3, "receive": 2},
        "serverIPAddress": server_ip,
    }
    if comment:
        entry["comment"] = comment
    return entry


# ---------------------------------------------------------------------------------------------
# Zoom

ZOOM_UA = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "ZoomWebviewHost/6.2.5 Chrome/124.0.6367.243 Safari/537.36"
)


def _snowplow(offset: float, event: str, extra: dict[str, Any], sid: str) -> dict[str, Any]:
    inner = {
        "schema": "iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0",
        "data": {
            "schema": f"iglu:us.zoom/{event}/jsonschema/1-0-2",
            "data": {"meeting_id": MEETING_ID, "user_id": ZOOM_UID, **extra},
        },
    }
    payload = {
        "schema": "iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4",
        "data": [
            {
                "e": "ue",
                "ue_px": base64.urlsafe_b64encode(json.dumps(inner).encode()).decode().rstrip("="),
                "tv": "js-3.15.0",
                "tna": "zoom-desktop",
                "aid": "zoom_client_linux",
                "p": "pc",
                "tz": "Europe/Berlin",
                "lang": "en-GB",
                "res": "1920x1080",
                "cd": "24",
                "duid": DEVICE_ID,
                "sid": sid,
                "uid": ZOOM_UID,
                "dtm": str(int((START + offset) * 1000)),
                "stm": str(int((START + offset) * 1000) + 12),
                "eid": f"0f1c2d3e-4b5a-4c6d-8e9f-{int(offset):012d}",
            }
        ],
    }
    return _entry(
        offset,
        "POST",
        "https://us-east-1.telemetry.zoom.us/com.snowplowanalytics.snowplow/tp2",
        req_headers=[
            ("content-type", "application/json; charset=UTF-8"),
            ("user-agent", ZOOM_UA),
            ("origin", "https://zoom.us"),
        ],
        body=json.dumps(payload),
        resp_text="ok",
        resp_mime="text/plain",
        server_ip="170.114.52.2",
    )


def _zoom_qos(offset: float, muted: bool, levels: list[float]) -> dict[str, Any]:
    body = {
        "meeting_id": MEETING_ID,
        "conf_id": "hKc0T2xhS1yJ9m4k2ZQXUg==",
        "node_id": 16778240,
        "device": {
            "os": "Ubuntu 24.04.1 LTS",
            "os_arch": "x86_64",
            "cpu": "11th Gen Intel(R) Core(TM) i7-1165G7 @ 2.80GHz",
            "cpu_cores": 8,
            "mem_total_mb": 15694,
            "microphone": "Jabra Evolve2 65 Mono",
            "camera": "Integrated Camera: Integrated C",
            "network": "wifi",
            "hostname": HOSTNAME,
        },
        "audio": {
            "muted": muted,
            "audio_levels": levels,
            "voice_activity": round(sum(1 for v in levels if v > 0.2) / len(levels), 2),
            "jitter_ms": 6,
            "loss_pct": 0.1,
            "bitrate_kbps": 38,
        },
        "video": {"send_resolution": "1280x720", "send_fps": 24, "bitrate_kbps": 1420},
    }
    return _entry(
        offset,
        "POST",
        "https://us05-qos.zoom.us/qos/v2/report",
        req_headers=[
            ("content-type", "application/json"),
            ("user-agent", ZOOM_UA),
            ("x-zm-aid", "YzA4ZTk3ZjUtZDQ3YS00NTFk"),
        ],
        body=json.dumps(body),
        status=204,
        resp_headers=[("content-length", "0")],
        server_ip="170.114.10.83",
    )


def _zoom_entries() -> list[dict[str, Any]]:
    sid = "2c5b8a34-11de-4c77-9d1a-5f0e6b7c8d90"
    out = [
        _entry(
            2,
            "GET",
            "https://zoom.us/client/latest/config?os=linux&ver=6.2.5.2831&arch=x64",
            req_headers=[("user-agent", ZOOM_UA), ("accept", "application/x-protobuf")],
            resp_mime="application/x-protobuf",
            resp_b64=bytes.fromhex(
                "0a0a362e322e352e32383331120b6c696e75782d7836345f36341a1c68747470733a2f2f7a6f6f6d2e75"
                "732f636c69656e742f6c61746573742220d41d8cd98f00b204e9800998ecf8427e5f0d3b7f91e2a08f3c"
                "7d11c6e0b2a5f92a0308011001300138a0c21e4205656e2d4742"
            ),
            server_ip="170.114.52.2",
        ),
        _snowplow(
            30, "meeting_joined", {"participants": 6, "join_type": "link", "video_on": True}, sid
        ),
        _zoom_qos(95, False, [0.42, 0.55, 0.31, 0.61, 0.48, 0.52]),
        _snowplow(300, "audio_muted", {"source": "toolbar", "shortcut": "alt+a"}, sid),
        _zoom_qos(360, True, [0.38, 0.44, 0.51, 0.29, 0.47, 0.35]),
        _zoom_qos(540, True, [0.12, 0.41, 0.39, 0.45, 0.22, 0.36]),
        _snowplow(720, "audio_unmuted", {"source": "toolbar"}, sid),
        _zoom_qos(780, False, [0.58, 0.49, 0.61, 0.44, 0.53, 0.57]),
        _snowplow(900, "video_stopped", {"source": "toolbar"}, sid),
        _snowplow(1080, "share_started", {"share_type": "screen", "monitors": 2}, sid),
        _zoom_qos(1140, False, [0.33, 0.41, 0.47, 0.28, 0.5, 0.44]),
        _snowplow(1500, "share_stopped", {"duration_s": 420}, sid),
        _snowplow(1740, "meeting_left", {"duration_s": 1710, "reason": "user_leave"}, sid),
    ]
    return out


# ---------------------------------------------------------------------------------------------
# Microsoft Teams (1DS / OneCollector and chat service)

TEAMS_UA = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/128.0.0.0 Safari/537.36 Teams/24295.605.3225.8804"
)


def _one_ds(offset: float, events: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    lines = []
    for i, (name, data) in enumerate(events):
        lines.append(
            json.dumps(
                {
                    "name": name,
                    "time": _iso(START + offset + i * 0.2),
                    "ver": "4.0",
                    "iKey": "o:2a4f3e1b7c9d4e5f8a6b0c1d2e3f4a5b",
                    "ext": {
                        "app": {"ver": "24295.605.3225.8804", "locale": "en-GB", "name": "Teams"},
                        "device": {"localId": f"u:{DEVICE_ID}", "deviceClass": "Desktop"},
                        "os": {"name": "Linux", "ver": "6.8.0-49-generic"},
                        "user": {
                            "localId": "t:AAD:8f14e45f-ceea-467f-a0e6-1c9a7d0b2e31",
                            "locale": "en-GB",
                        },
                        "loc": {"tz": "+01:00"},
                        "utc": {"popSample": 100, "eventFlags": 514},
                        "metadata": {"f": {"UserInfo_TimeZone": 0}},
                    },
                    "data": {
                        "baseType": "EventData",
                        "UserInfo.Id": "8f14e45f-ceea-467f-a0e6-1c9a7d0b2e31",
                        "UserInfo.TenantId": "72f988bf-86f1-41af-91ab-2d7cd011db47",
                        "Session.Id": "b3e2f1d0-c9b8-4a7f-9e6d-5c4b3a2f1e0d",
                        "userConsent": True,
                        **data,
                    },
                },
                separators=(",", ":"),
            )
        )
    body = "\n".join(lines)
    return _entry(
        offset,
        "POST",
        "https://mobile.events.data.microsoft.com/OneCollector/1.0/?cors=true&content-type=application/x-json-stream",
        req_headers=[
            ("content-type", "application/x-json-stream"),
            ("client-id", "NO_AUTH"),
            ("sdk-version", "1DS-Web-JS-4.3.3"),
            (
                "apikey",
                "2a4f3e1b7c9d4e5f8a6b0c1d2e3f4a5b-0b6c91a4-7d3e-4f2a-9b8c-1d0e2f3a4b5c-7405",
            ),
            ("upload-time", str(int((START + offset) * 1000))),
            ("user-agent", TEAMS_UA),
        ],
        body=body,
        resp_text=json.dumps({"acc": len(events)}),
        server_ip="13.69.239.72",
    )


def _teams_entries() -> list[dict[str, Any]]:
    return [
        _one_ds(
            45,
            [
                ("Teams.AppLaunch", {"Launch.Type": "warm", "Launch.DurationMs": 2310}),
                (
                    "Teams.PerfCounter",
                    {
                        "Memory.WorkingSetMb": 612,
                        "Cpu.Cores": 8,
                        "Gpu": "Mesa Intel(R) Xe Graphics",
                    },
                ),
            ],
        ),
        _one_ds(
            610,
            [
                (
                    "Teams.Chat.MessageSent",
                    {"Chat.Type": "meeting", "Message.Length": 34, "Message.HasMention": False},
                ),
                (
                    "Teams.Calling.DeviceState",
                    {"Device.Microphone": "Jabra Evolve2 65 Mono", "Device.Muted": True},
                ),
            ],
        ),
        _entry(
            600,
            "POST",
            "https://emea.ng.msg.teams.microsoft.com/v1/users/ME/conversations/"
            "19%3Ameeting_NjRhYzU4ZTYtOWI0Yi00N2Q4@thread.v2/messages",
            req_headers=[
                ("content-type", "application/json"),
                (
                    "authentication",
                    "skypetoken=eyJhbGciOiJSUzI1NiIsImtpZCI6IjEwMiIsIng1dCI6IjNNSnZRYzhrWVNnY3dYZ2g2In0.demo",
                ),
                (
                    "clientinfo",
                    "os=linux; osVer=6.8.0; proc=x86; lcid=en-gb; deviceType=1; country=gb; clientName=skypeteams; clientVer=24295.605.3225.8804",
                ),
                ("user-agent", TEAMS_UA),
            ],
            body=json.dumps(
                {
                    "content": "<p>Can everyone see my screen now? Slides are in the channel.</p>",
                    "messagetype": "RichText/Html",
                    "contenttype": "text",
                    "imdisplayname": USER_NAME,
                    "clientmessageid": "8351029384756102938",
                    "properties": {"importance": "", "subject": ""},
                }
            ),
            status=201,
            resp_text=json.dumps({"OriginalArrivalTime": 1794837000000}),
            server_ip="52.113.194.132",
        ),
        _entry(
            1200,
            "GET",
            "https://config.teams.microsoft.com/config/v1/MicrosoftTeams/24295.605.3225.8804?environment=prod&osPlatform=linux&agents=TeamsBuilds,Segmentation",
            req_headers=[("user-agent", TEAMS_UA), ("accept", "application/json")],
            resp_text=json.dumps(
                {
                    "ECS": {"EnableNewMeetingStage": True, "CallingRatingPercent": 10},
                    "ETag": '"qL1V9x=="',
                }
            ),
            server_ip="52.114.128.44",
        ),
    ]


# ---------------------------------------------------------------------------------------------
# Sentry (an error in the Zoom web app's embedded browser)


def _sentry_entry() -> dict[str, Any]:
    event_id = "fc6d8c0c43fc4630ad850ee518f1b9d0"
    header = {
        "event_id": event_id,
        "sent_at": _iso(START + 1322),
        "sdk": {"name": "sentry.javascript.electron", "version": "5.4.0"},
    }
    event = {
        "event_id": event_id,
        "timestamp": START + 1321.8,
        "platform": "javascript",
        "level": "error",
        "release": "zoom-webview@6.2.5",
        "environment": "production",
        "user": {"id": ZOOM_UID, "email": USER_EMAIL, "ip_address": "{{auto}}"},
        "contexts": {
            "os": {"name": "Linux", "version": "6.8.0-49-generic"},
            "device": {
                "arch": "x64",
                "memory_size": 16456298496,
                "cpu_description": "11th Gen Intel(R) Core(TM) i7-1165G7",
            },
            "app": {"app_name": "Zoom Workplace", "app_version": "6.2.5"},
            "culture": {"locale": "en-GB", "timezone": "Europe/Berlin"},
        },
        "tags": {"meeting_id": MEETING_ID},
        "exception": {
            "values": [
                {
                    "type": "TypeError",
                    "value": "Cannot read properties of undefined (reading 'participantId')",
                    "stacktrace": {
                        "frames": [
                            {
                                "filename": "app:///dist/renderer/meeting.js",
                                "function": "ShareController.onRemoteShare",
                                "lineno": 4412,
                                "colno": 31,
                                "context_line": "    const sharer = this.roster[evt.nodeId].participantId;",
                                "pre_context": [
                                    "  onRemoteShare(evt) {",
                                    "    // evt.email is only set for guests",
                                ],
                            }
                        ]
                    },
                }
            ]
        },
        "breadcrumbs": [
            {"timestamp": START + 1300, "category": "ui.click", "message": "button#share-screen"},
            {
                "timestamp": START + 1320,
                "category": "navigation",
                "data": {"to": "/wc/84512093377/share"},
            },
        ],
    }
    envelope = "\n".join(
        [
            json.dumps(header),
            json.dumps({"type": "event", "content_type": "application/json"}),
            json.dumps(event),
        ]
    )
    return _entry(
        1322,
        "POST",
        "https://o447951.ingest.sentry.io/api/5296541/envelope/?sentry_key=2b0b3f5ac0c14d1e8f6a7b9c0d1e2f3a&sentry_version=7",
        req_headers=[
            ("content-type", "application/x-sentry-envelope"),
            (
                "x-sentry-auth",
                "Sentry sentry_version=7, sentry_client=sentry.javascript.electron/5.4.0, sentry_key=2b0b3f5ac0c14d1e8f6a7b9c0d1e2f3a",
            ),
            ("user-agent", ZOOM_UA),
        ],
        body=envelope,
        resp_text=json.dumps({"id": event_id}),
        server_ip="34.120.195.249",
    )


# ---------------------------------------------------------------------------------------------
# Discord (open in the background during the meeting)

DISCORD_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) discord/0.0.71 Chrome/128.0.6613.186 Electron/32.2.7 Safari/537.36"


def _discord_entries() -> list[dict[str, Any]]:
    props = {
        "os": "Linux",
        "browser": "Discord Client",
        "release_channel": "stable",
        "client_version": "0.0.71",
        "os_version": "6.8.0-49-generic",
        "os_arch": "x64",
        "app_arch": "x64",
        "system_locale": "en-GB",
        "window_manager": "GNOME,ubuntu:GNOME",
        "distro": "Ubuntu 24.04.1 LTS",
        "client_build_number": 348981,
        "native_build_number": None,
        "client_event_source": None,
    }
    super_props = base64.b64encode(json.dumps(props, separators=(",", ":")).encode()).decode()
    headers = [
        ("content-type", "application/json"),
        ("authorization", "MTI3NzQ1OTA4MTIzNDU2Nzg5MA.GhJkLm.demo_token_not_real_0123456789abcdef"),
        ("x-super-properties", super_props),
        ("x-discord-locale", "en-GB"),
        ("x-discord-timezone", "Europe/Berlin"),
        ("user-agent", DISCORD_UA),
    ]
    science = {
        "token": "MTI3NzQ1OTA4MTIzNDU2Nzg5MA",
        "events": [
            {
                "type": "app_ui_viewed",
                "properties": {
                    "client_track_timestamp": int((START + 240) * 1000),
                    "client_heartbeat_session_id": "6d8b2f70-3c1a-4e5b-9f8d-7a6c5b4e3d2c",
                    "screen_name": "guild_channel",
                    "total_compressed_byte_size": 6188,
                    "client_uuid": "AABgc1T4kQAL0nPq6eFhVJ3gVmqyUWB3",
                    "client_send_timestamp": int((START + 241) * 1000),
                },
            },
            {
                "type": "notification_viewed",
                "properties": {
                    "client_track_timestamp": int((START + 241) * 1000),
                    "notif_type": "MESSAGE_CREATE",
                    "notif_user_id": "412345678901234567",
                    "channel_type": 1,
                    "client_send_timestamp": int((START + 241) * 1000),
                },
            },
        ],
    }
    return [
        _entry(
            240,
            "POST",
            "https://discord.com/api/v9/science",
            req_headers=headers,
            body=json.dumps(science),
            status=204,
            resp_headers=[("content-length", "0")],
            server_ip="162.159.135.232",
        ),
        _entry(
            1400,
            "GET",
            "https://discord.com/api/v9/experiments?with_guild_experiments=true",
            req_headers=headers[1:],
            resp_text=json.dumps(
                {
                    "fingerprint": "1277459081234567890.dzC8y6",
                    "assignments": [[4130837190, 0, 1, -1, 0]],
                }
            ),
            server_ip="162.159.135.232",
        ),
    ]


# ---------------------------------------------------------------------------------------------


EXTENSION_KEY = "_auditor"  # what HAR has no field for; read back by auditor.importers.har

PROCESSES: dict[str, dict[str, Any]] = {
    "zoom": {"pid": 48211, "name": "zoom", "exe": "/opt/zoom/zoom", "app": "zoom", "ppid": 2231},
    "zoom-webview": {
        "pid": 48377,
        "name": "ZoomWebviewHost",
        "exe": "/opt/zoom/ZoomWebviewHost",
        "app": "zoom",
        "ppid": 48211,
    },
    "teams": {
        "pid": 39102,
        "name": "teams-for-linux",
        "exe": "/opt/teams-for-linux/teams-for-linux",
        "app": "teams",
        "ppid": 2231,
    },
    "discord": {
        "pid": 30544,
        "name": "Discord",
        "exe": "/usr/share/discord/Discord",
        "app": "discord",
        "ppid": 2231,
    },
}


def _process_for(url: str) -> dict[str, Any]:
    host = url.split("/")[2]
    if "sentry" in host or "telemetry" in host:
        key = "zoom-webview"
    elif "zoom" in host:
        key = "zoom"
    elif "microsoft" in host:
        key = "teams"
    else:
        key = "discord"
    proc = dict(PROCESSES[key])
    proc["cmdline"] = [proc["exe"]]
    return proc


def _other_flows() -> list[dict[str, Any]]:
    """Flows HAR cannot hold: Zoom's certificate-pinned update check refusing our CA, and its DNS."""
    proc = dict(PROCESSES["zoom"], cmdline=["/opt/zoom/zoom"])
    common = {"session": "demo", "process": proc, "labels": [], "policy": [], "entity": {}}
    return [
        {
            **common,
            "id": "d3m0000000000000000000000000dns1",
            "ts": START + 1.2,
            "kind": "dns",
            "dns": {"question": "xmpp.zoom.us", "qtype": "A", "answers": ["170.114.52.66"]},
            "server_addr": ["127.0.0.53", 53],
            "bytes_sent": 30,
            "bytes_received": 46,
            "source": "import:har",
        },
        {
            **common,
            "id": "d3m0000000000000000000000000tls1",
            "ts": START + 1.5,
            "ts_end": START + 1.62,
            "kind": "tls_failed",
            "sni": "xmpp.zoom.us",
            "server_addr": ["170.114.52.66", 443],
            "client_addr": ["127.0.0.1", 51834],
            "error": "client rejected the proxy's certificate (TLS alert 48: unknown_ca): "
            "the app pins its own certificates",
            "bytes_sent": 517,
            "bytes_received": 0,
            "source": "import:har",
        },
    ]


def build_har() -> dict[str, Any]:
    entries = _zoom_entries() + _teams_entries() + [_sentry_entry()] + _discord_entries()
    # A gzipped feature-flag poll: exercises the decoding chain (body › gzip › json).
    flags = gzip.compress(
        json.dumps({"flags": {"new_whiteboard": True, "ai_companion_summary": "opt_in"}}).encode(),
        mtime=0,
    )
    entries.append(
        _entry(
            1620,
            "POST",
            "https://zoom.us/wc/featureflag/query",
            req_headers=[
                ("content-type", "application/json"),
                ("content-encoding", "gzip"),
                ("user-agent", ZOOM_UA),
            ],
            body=None,
            resp_text=json.dumps({"result": True}),
            server_ip="170.114.52.2",
        )
        | {}
    )
    entries[-1]["request"]["postData"] = {
        "mimeType": "application/json",
        "text": base64.b64encode(flags).decode(),
        "encoding": "base64",
    }
    entries[-1]["request"]["bodySize"] = len(flags)
    for entry in entries:
        entry[EXTENSION_KEY] = {"process": _process_for(entry["request"]["url"])}
    entries.sort(key=lambda e: e["startedDateTime"])
    return {
        "log": {
            "version": "1.2",
            "creator": {"name": "Meeting Privacy Auditor demo", "version": "1"},
            "pages": [],
            "entries": entries,
            EXTENSION_KEY: {"session": "demo", "other_flows": _other_flows()},
            "comment": "Synthetic meeting; shapes follow the real SDKs' wire formats. Ids and tokens are invented.",
        }
    }


def har_text() -> str:
    """The file's exact bytes: tests/test_build_tools.py checks the shipped HAR is this."""
    return json.dumps(build_har(), indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.demo_har", description=__doc__)
    parser.add_argument("--out", type=Path, default=HAR_PATH)
    args = parser.parse_args(argv)
    args.out.write_text(har_text(), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
