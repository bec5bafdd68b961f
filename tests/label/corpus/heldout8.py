"""Build the eighth held-out set `heldout8.jsonl.frozen` (issue 15): real programs absent from
the development set (everything in this directory: flows.jsonl, heldout*.jsonl, sdk7.jsonl, npm/,
heldout5_npm/, heldout6_npm/, heldout7_npm/, sdk7_npm/, *_runs.py, generate.py), recorded through
the real proxy offline.

Run: `.venv/bin/python tests/label/corpus/heldout8.py` (offline; `make setup`, then
`npm ci` in `heldout8_npm/` and `pip install -r heldout8-requirements.txt`).
`--raw SCENARIO…` records and prints only the requests (method, URL, headers, decoded body):
what the expectations were written from. The capture labels what it stores; those labels are
dropped before anything is printed or written.

Sources: npm SDKs in `heldout8_npm/` (Node, through `npm/proxy-preload.js` as the npm corpus
scenarios) and PyPI SDKs in `heldout8_runs.py`, each sending to its vendor's real host,
answered inside the proxy by `auditor capture --sinkhole '*'`.

Expectations were written from the payloads and committed before the labeller ran on them.
The set is written as `heldout8.jsonl.frozen` so that nothing globbing `*.jsonl` (the label
snapshot test) runs the labeller on it before its one scoring run.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.label.corpus.generate import Expectation  # noqa: E402
from tests.label.corpus.heldout_recording import (  # noqa: E402
    CHAT,
    CRED,
    DIAG,
    DID,
    EMAIL,
    HW,
    LOCALE,
    MEETING,
    NAME,
    NET_ID,
    NETWORK,
    OS,
    PERF,
    SID,
    UID,
    USAGE,
    HeldoutSet,
    at,
)

OUT = HERE / "heldout8.jsonl.frozen"

SCENARIO_HOSTS: dict[str, set[str]] = {
    "knock-node": {"api.knock.app"},
    "courier-node": {"api.courier.com"},
    "novu-node": {"api.novu.co"},
    "streamchat-node": {"chat.stream-io-api.com"},
    "pubnub-py": {"ps.pndsn.com"},
    "postmark-py": {"api.postmarkapp.com"},
    "mailjet-py": {"api.mailjet.com"},
    "zulip-py": {"meetcorp.zulipchat.com"},
    "matrix-py": {"matrix.meetcorp-example.com"},
    "uptrace-py": {"api.uptrace.dev"},
    "usermaven-browser": {"events.usermaven.com"},
}


# Expectations written from the payloads (`--raw`: requests only; Uptrace's gRPC frames decoded
# by hand with opentelemetry-proto), before the labeller ran on them. Reading conventions as
# heldout5.py, heldout6.py and heldout7.py (the README's "How the expectations were written" for
# each, and generate.py's docstring); the judgement calls new to this set are in the README's
# "Sources of heldout8".
SCENARIOS: list[tuple[str, list[Expectation]]] = [
    (
        "knock-node",
        [
            Expectation(
                at("api.knock.app", "/v1/users/", method="PUT"),
                [CRED, UID, NAME, EMAIL, LOCALE, OS, HW],
                "Knock",
                "identify: the user id in the path, body name, email, locale de-CH, timezone "
                "Europe/Zurich; secret key as Bearer; X-Stainless-OS Linux, -Arch x64, "
                "-Runtime-Version v20.20.2",
            ),
            Expectation(
                at("api.knock.app", "/v1/workflows/meeting-started/trigger"),
                [CRED, UID, MEETING, OS, HW],
                "Knock",
                "workflow trigger meeting-started: recipients and actor the user id, data "
                "meeting_id, topic, participants; Bearer key; the X-Stainless platform headers",
            ),
            Expectation(
                at("api.knock.app", "/v1/workflows/recording-failed/trigger"),
                [CRED, UID, NAME, EMAIL, MEETING, OS, HW, NETWORK, DIAG],
                "Knock",
                "workflow trigger recording-failed: inline recipient id, name, email; data "
                "meeting_id, error 'media connection failed … ICE timeout', os Linux, network "
                "wifi; Bearer key; the X-Stainless platform headers",
            ),
        ],
    ),
    (
        "courier-node",
        [
            Expectation(
                at("api.courier.com", "/profiles/"),
                [CRED, UID, EMAIL, NAME, LOCALE, OS, HW],
                "Courier",
                "create profile: the user id in the path, profile email, name, locale de-CH; "
                "key as Bearer; X-Stainless-OS Linux, -Arch x64, -Runtime-Version",
            ),
            Expectation(
                at("api.courier.com", "/send"),
                [CRED, UID, EMAIL, NAME, MEETING, OS, HW],
                "Courier",
                "send: to user_id, email, data.name; content title 'Invitation: Hiring committee "
                "sync', body with the meeting id and participants; data name, meeting_id, topic; "
                "routing email; Bearer key; the X-Stainless platform headers",
            ),
        ],
    ),
    (
        "novu-node",
        [
            Expectation(
                at("api.novu.co", "/v1/events/trigger", b"participant-joined"),
                [CRED, UID, NAME, EMAIL, LOCALE, MEETING],
                "Novu",
                "trigger participant-joined: to subscriberId (the user id), email, firstName, "
                "lastName, locale de_CH; payload meeting_id, topic, participants; ApiKey header",
            ),
            Expectation(
                at("api.novu.co", "/v1/events/trigger", b"join-failed"),
                [CRED, UID, NAME, EMAIL, LOCALE, MEETING, NETWORK, DIAG],
                "Novu",
                "trigger join-failed: the same subscriber; payload meeting_id, error 'media "
                "connection failed for meeting … ICE timeout', network wifi; ApiKey header",
            ),
        ],
    ),
    (
        "streamchat-node",
        [
            Expectation(
                at("chat.stream-io-api.com", "/users"),
                [CRED, UID, NAME, EMAIL, LOCALE],
                "Stream",
                "upsert users: id, name, email, language de; api_key in the query, server JWT "
                "(claim server: true) in Authorization",
            ),
            Expectation(
                at("chat.stream-io-api.com", "/channels/messaging/", b"created_by_id"),
                [CRED, UID, MEETING],
                "Stream",
                "create channel meeting-85512345678 (the meeting id in the path): name the "
                "meeting topic, created_by_id and members the user id; api_key, JWT",
            ),
            Expectation(
                at("chat.stream-io-api.com", "/channels/messaging/", b'"text"'),
                [CRED, UID, MEETING, CHAT],
                "Stream",
                "send message to the meeting's channel (meeting id in the path): text 'Can "
                "everyone see my screen? …', user_id; api_key, JWT",
            ),
        ],
    ),
    (
        "pubnub-py",
        [
            Expectation(
                at("ps.pndsn.com", "/publish/"),
                [CRED, UID, NAME, EMAIL, MEETING],
                "PubNub",
                "publish: publish and subscribe keys in the path, channel meeting.85512345678, "
                "the message as URL-encoded JSON in the path (participant_joined, user_id, "
                "name, email, topic, participants); uuid (the user id) in the query",
            ),
            Expectation(
                at("ps.pndsn.com", "/signal/"),
                [CRED, UID, MEETING],
                "PubNub",
                "signal: keys in the path, channel with the meeting id, message {typing: the "
                "user id}; uuid in the query",
            ),
            Expectation(
                at("ps.pndsn.com", "/v2/presence/"),
                [CRED, UID, NAME, MEETING, NETWORK, OS],
                "PubNub",
                "presence set state: subscribe key, channel with the meeting id and the user id "
                "in the path; state as URL-encoded JSON in the query: name, mic muted, network "
                "wifi, os Linux",
            ),
        ],
    ),
    (
        "postmark-py",
        [
            Expectation(
                at("api.postmarkapp.com", "/email/withTemplate"),
                [CRED, EMAIL, NAME, MEETING],
                "ActiveCampaign Postmark",
                "send with template recording-ready: To the e-mail address, TemplateModel name, "
                "meeting_topic, meeting_id, duration_minutes; X-Postmark-Server-Token",
            ),
            Expectation(
                at("api.postmarkapp.com", "/email"),
                [CRED, UID, EMAIL, NAME, MEETING],
                "ActiveCampaign Postmark",
                "send: To 'Alice Example <alice.example@…>', Subject with the meeting topic, "
                "HtmlBody with the meeting id, Metadata meeting_id and user_id; server token "
                "header",
            ),
        ],
    ),
    (
        "mailjet-py",
        [
            Expectation(
                at("api.mailjet.com", "/v3.1/send"),
                [CRED, UID, EMAIL, NAME, MEETING],
                "Sinch Mailjet",
                "Send API v3.1: To Email and Name, Subject with the meeting topic, TextPart with "
                "the meeting id, CustomID, EventPayload the user id; Basic auth (key:secret)",
            ),
            Expectation(
                at("api.mailjet.com", "/v3/REST/contact"),
                [CRED, EMAIL, NAME],
                "Sinch Mailjet",
                "create contact: Email, Name; Basic auth",
            ),
        ],
    ),
    (
        "zulip-py",
        [
            Expectation(
                at("meetcorp.zulipchat.com", "/api/v1/server_settings", method="GET"),
                [CRED],
                "Zulip",
                "server settings: Basic auth (bot e-mail:API key); User-agent 'ZulipPython/0.9.1 "
                "(Debian GNU/Linux; 12)'; no body; no device_info.os (corrected after scoring: a "
                "User-Agent header alone earns none, taxonomy)",
            ),
            Expectation(
                at("meetcorp.zulipchat.com", "/api/v1/messages", b"type=stream"),
                [CRED, NAME, MEETING, CHAT],
                "Zulip",
                "stream message (form body) to 'meetings', topic the meeting topic, content "
                "mentioning @**Alice Example** with the meeting id and join URL; Basic auth; UA "
                "with the OS, no device_info.os (corrected after scoring: a User-Agent header "
                "alone earns none, taxonomy)",
            ),
            Expectation(
                at("meetcorp.zulipchat.com", "/api/v1/messages", b"type=private"),
                [CRED, EMAIL, MEETING, CHAT],
                "Zulip",
                "private message (form body) to the user's e-mail address: the meeting's "
                "recording could not start; Basic auth; UA with the OS, no device_info.os "
                "(corrected after scoring: a User-Agent header alone earns none, taxonomy)",
            ),
            Expectation(
                at("meetcorp.zulipchat.com", "/api/v1/users/me/presence"),
                [CRED],
                "Zulip",
                "presence (form body): status active, ping_only, new_user_input; Basic auth; UA "
                "with the OS, no device_info.os (corrected after scoring: a User-Agent header "
                "alone earns none, taxonomy)",
            ),
        ],
    ),
    (
        "matrix-py",
        [
            Expectation(
                at("matrix.meetcorp-example.com", "/_matrix/client/v3/rooms/", b"m.notice"),
                [CRED, NAME, MEETING, CHAT],
                "",
                "self-hosted homeserver: m.room.message m.notice 'Alice Example joined meeting "
                "… (Hiring committee sync, 5 participants)', meeting_id; room id and txn id in "
                "the path; access token as Bearer; User-Agent Python/3.12 aiohttp, no "
                "device_info.os (corrected after scoring: a User-Agent header alone earns none, "
                "taxonomy)",
            ),
            Expectation(
                at("matrix.meetcorp-example.com", "/_matrix/client/v3/rooms/", b"m.text"),
                [CRED, CHAT],
                "",
                "m.room.message m.text 'Sorry, my audio dropped: I am on a bad hotel wifi.'; "
                "Bearer token; no device_info.os (corrected after scoring: a User-Agent header "
                "alone earns none, taxonomy)",
            ),
            Expectation(
                at("matrix.meetcorp-example.com", "/_matrix/client/v3/presence/"),
                [CRED, UID],
                "",
                "presence: the Matrix user id @alice.corpus:meetcorp-example.com in the path, "
                "presence unavailable, status_msg 'In a meeting'; Bearer token; no device_info.os "
                "(corrected after scoring: a User-Agent header alone earns none, taxonomy)",
            ),
        ],
    ),
    (
        "uptrace-py",
        [
            Expectation(
                at("api.uptrace.dev", "/opentelemetry.proto.collector.trace.v1.TraceService/"),
                [CRED, NET_ID, UID, EMAIL, MEETING, NETWORK, SID, PERF, DIAG],
                "Uptrace",
                "OTLP/gRPC (gzip-compressed frame) traces: resource host.name vm, "
                "service.instance.id, service name/version; span join-meeting (trace/span "
                "ids, start/end) with enduser.id, enduser.email, meeting.id/topic/participants, "
                "network.connection.type wifi and an exception event (type, message, stack); "
                "the DSN with its token in the uptrace-dsn header; user-agent '… (linux; chttp2)', "
                "no device_info.os (corrected after scoring: a User-Agent header alone earns "
                "none, taxonomy)",
            ),
            Expectation(
                at("api.uptrace.dev", "/opentelemetry.proto.collector.logs.v1.LogsService/"),
                [CRED, NET_ID, EMAIL, MEETING, DIAG],
                "Uptrace",
                "OTLP/gRPC logs: ERROR record 'join failed for alice.example@… in meeting …' "
                "(code path attributes) and, from the root logger, the exporter's own error "
                "after the sinkhole's 204 (with its stack); the same resource and DSN header; no "
                "device_info.os (corrected after scoring: a User-Agent header alone earns none, "
                "taxonomy)",
            ),
            Expectation(
                at("api.uptrace.dev", "/opentelemetry.proto.collector.logs.v1.LogsService/"),
                [CRED, NET_ID, DIAG],
                "Uptrace",
                "a later logs export of the exporter's own errors (the sinkhole's 204), when "
                "the timing splits them off; no device_info.os (corrected after scoring: a "
                "User-Agent header alone earns none, taxonomy)",
                followups=True,
            ),
        ],
    ),
    (
        "usermaven-browser",
        [
            Expectation(
                at("events.usermaven.com", "/api/v1/event", b"user_identify"),
                [CRED, UID, EMAIL, NAME, DID, HW, LOCALE, OS, MEETING, NETWORK, USAGE],
                "Usermaven",
                "batch of user_identify and meeting_joined (meeting_id, topic, participants, "
                "network_type wifi): user id, email, name, anonymous_id, company MeetCorp; "
                "api_key in the body and token in the query; screen_resolution, vp_size, "
                "user_language en-US, local_tz_offset, the user agent copied into the body; page "
                "title with the meeting topic",
            ),
            Expectation(
                at("events.usermaven.com", "/api/v1/event", b'"pageview"'),
                [CRED, UID, EMAIL, NAME, DID, HW, LOCALE, OS, MEETING, USAGE],
                "Usermaven",
                "pageview: the same user, anonymous_id and context; title 'MeetCorp – Hiring "
                "committee sync'; the file:// page URL and path (not data about the user)",
            ),
            Expectation(
                at("events.usermaven.com", "/api/v1/event", b"meeting_join_failed"),
                [CRED, UID, EMAIL, NAME, DID, HW, LOCALE, OS, MEETING, USAGE, DIAG],
                "Usermaven",
                "tracked event meeting_join_failed: meeting_id and the error text; the same user "
                "and context",
            ),
        ],
    ),
]

# The format class of each flow (what the decoder must see as structure), for scores per class.
FORMAT_CLASSES: dict[str, str] = {
    "knock-node": "JSON API calls + SDK platform headers",
    "courier-node": "JSON API calls + SDK platform headers",
    "novu-node": "JSON API calls",
    "streamchat-node": "JSON API calls",
    "pubnub-py": "URL-encoded JSON in path and query",
    "postmark-py": "JSON API calls",
    "mailjet-py": "JSON API calls",
    "zulip-py": "form-encoded body",
    "matrix-py": "JSON API calls",
    "uptrace-py": "OTLP/gRPC protobuf (gzip frames)",
    "usermaven-browser": "JSON analytics events (browser batch)",
}


def format_class(scenario: str, flow: dict[str, Any]) -> str:
    request = flow["request"]
    if request["method"] == "GET" and not request.get("body_b64") and scenario != "pubnub-py":
        return "headers and path only"
    return FORMAT_CLASSES[scenario]


HELDOUT = HeldoutSet(
    name="heldout8",
    here=HERE,
    out=OUT,
    scenarios=SCENARIOS,
    scenario_hosts=SCENARIO_HOSTS,
    format_class=format_class,
)


if __name__ == "__main__":
    raise SystemExit(HELDOUT.main((__doc__ or "").splitlines()[0]))
