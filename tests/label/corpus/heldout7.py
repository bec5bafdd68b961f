"""Build the seventh held-out set `heldout7.jsonl.frozen` (issue 15): real programs absent from
the development set (everything in this directory: flows.jsonl, heldout*.jsonl, npm/,
heldout5_npm/, heldout6_npm/, sdk_runs.py, heldout5_runs.py, heldout6_runs.py, generate.py),
recorded through the real proxy offline.

Run: `.venv/bin/python tests/label/corpus/heldout7.py` (offline; `make setup`, then
`npm ci` in `heldout7_npm/` and `pip install -r heldout7-requirements.txt`).
`--raw SCENARIO…` records and prints only the requests (method, URL, headers, decoded body):
what the expectations were written from. The capture labels what it stores; those labels are
dropped before anything is printed or written.

Sources: npm SDKs in `heldout7_npm/` (Node, through `npm/proxy-preload.js` as the npm corpus
scenarios; one page in headless Chromium) and PyPI SDKs in `heldout7_runs.py`, each sending to
its vendor's real ingest host (self-hosted products: a host under `meetcorp-example.com`),
answered inside the proxy by `auditor capture --sinkhole '*'`.

Expectations were written from the payloads and committed before the labeller ran on them.
The set is written as `heldout7.jsonl.frozen` so that nothing globbing `*.jsonl` (the label
snapshot test) runs the labeller on it before its one scoring run.
"""

from __future__ import annotations

import base64
import sys
import zlib
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.label.corpus.generate import Expectation  # noqa: E402
from tests.label.corpus.heldout_recording import (  # noqa: E402
    CHAT,
    COARSE,
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
    TELEMETRY,
    UID,
    USAGE,
    HeldoutSet,
    at,
)

OUT = HERE / "heldout7.jsonl.frozen"

MUX_HOST = "c0rpusmuxenvkey7k2q9w4e1r.litix.io"

SCENARIO_HOSTS: dict[str, set[str]] = {
    "bucket-node": {"front.bucket.co"},
    "highlight-node": {"otel.highlight.io"},
    "featbit-node": {"app-eval.featbit.co"},
    "onesignal-node": {"api.onesignal.com"},
    "ably-node": {"main.realtime.ably.net"},
    "hubspot-node": {"api.hubapi.com"},
    "heap-node": {"heapanalytics.com"},
    "mux-browser": {MUX_HOST},
    "logfire-py": {"logfire-eu.pydantic.dev"},
    "watchtower-py": {"logs.eu-central-1.amazonaws.com"},
    "pygelf-py": {"graylog.meetcorp-example.com"},
    "influxdb-py": {"eu-central-1-1.aws.cloud2.influxdata.com"},
    "prometheus-py": {"pushgateway.meetcorp-example.com"},
    "humio-py": {"cloud.humio.com"},
    "harness-py": {"config.ff.harness.io", "events.ff.harness.io"},
    "pusher-py": {"api-eu.pusher.com"},
    "appsignal-py": {"push.appsignal.com"},
}


def amz_target(action: str) -> Any:
    """An AWS JSON API call to CloudWatch Logs: the action is in the X-Amz-Target header."""

    def check(flow: dict[str, Any]) -> bool:
        request = flow["request"]
        headers = {k.lower(): v for k, v in request["headers"]}
        return bool(
            request["host"] == "logs.eu-central-1.amazonaws.com"
            and headers.get("x-amz-target") == f"Logs_20140328.{action}"
        )

    return check


def gelf_record(contains: bytes) -> Any:
    """A GELF record (zlib, declared `gzip,deflate`) to the Graylog input holding `contains`."""

    def check(flow: dict[str, Any]) -> bool:
        request = flow["request"]
        if request["host"] != "graylog.meetcorp-example.com":
            return False
        try:
            body = zlib.decompress(base64.b64decode(request.get("body_b64") or ""))
        except zlib.error:
            return False
        return contains in body

    return check


def appsignal_push(contains: bytes | None = None) -> Any:
    """A push of the AppSignal agent (deflate protobuf) holding `contains`."""

    def check(flow: dict[str, Any]) -> bool:
        request = flow["request"]
        if request["host"] != "push.appsignal.com":
            return False
        if contains is None:
            return True
        try:
            body = zlib.decompress(base64.b64decode(request.get("body_b64") or ""))
        except zlib.error:
            return False
        return contains in body

    return check


# Expectations written from the payloads (`--raw`: requests only; protobuf, msgpack and zlib
# bodies decoded by hand), before the labeller ran on them. Reading conventions as heldout5.py
# and heldout6.py (the README's "How the expectations were written" for each, and generate.py's
# docstring); the judgement calls new to this set are in the README's "Sources of heldout7".
SCENARIOS: list[tuple[str, list[Expectation]]] = [
    (
        "bucket-node",
        [
            Expectation(
                at("front.bucket.co", "/features", method="GET"),
                [CRED],
                "Bucket",
                "feature definitions download: secret key as Bearer; no user data",
            ),
            Expectation(
                at("front.bucket.co", "/bulk"),
                [CRED, UID, NAME, EMAIL, MEETING, OS, USAGE],
                "Bucket",
                "bulk: company (org id, name MeetCorp), user (id, name, e-mail), a "
                "feature-flag-event check of noise_suppression with the evaluation context "
                "(user, company, other meetingId and platform linux-desktop) and event "
                "meeting_joined with meeting id/topic/participants; Bearer key",
            ),
            Expectation(
                at("front.bucket.co", "/features", method="GET"),
                [CRED],
                "Bucket",
                "the features download retried (the sinkhole's 204 carries no JSON)",
                followups=True,
            ),
        ],
    ),
    (
        "highlight-node",
        [
            Expectation(
                at("otel.highlight.io", "/v1/traces"),
                [OS, MEETING, NETWORK, SID, DIAG],
                "Highlight",
                "OTLP/HTTP JSON (gzip) traces: resource process.runtime.version 20.20.2, "
                "command line and pid, process.owner root, highlight.project_id; one "
                "highlight.error span (traceId) with meeting.id, network.type wifi, "
                "highlight.session_id and the exception event with its stack",
            ),
            Expectation(
                at("otel.highlight.io", "/v1/logs"),
                [UID, EMAIL, MEETING, SID, DIAG],
                "Highlight",
                "OTLP/HTTP JSON (gzip) logs: record 'joined meeting' with user.id, user.email, "
                "meeting.id/topic/participants, highlight.session_id and the call site's stack "
                "(paths only)",
            ),
            Expectation(
                at("otel.highlight.io", "/v1/metrics"),
                [OS, MEETING, PERF],
                "Highlight",
                "OTLP/HTTP JSON (gzip) metrics: gauge audio.jitter_ms with meeting_id; resource "
                "with the runtime version",
            ),
            Expectation(
                at("otel.highlight.io", "/v1/metrics"),
                [OS, MEETING, PERF],
                "Highlight",
                "the same gauge exported again on the reader's interval",
                followups=True,
            ),
        ],
    ),
    (
        "featbit-node",
        [
            Expectation(
                at("app-eval.featbit.co", "/api/public/sdk/server/latest-all", method="GET"),
                [CRED],
                "FeatBit",
                "flag data poll: environment secret in Authorization; no user data",
            ),
            Expectation(
                at("app-eval.featbit.co", "/api/public/insight/track"),
                [CRED, UID, NAME, EMAIL, COARSE, MEETING, USAGE],
                "FeatBit",
                "insight: user keyId, name and customizedProperties {name, value} records "
                "email, country CH, last_meeting_id; a CustomEvent meeting-joined with "
                "numericValue 5; secret in Authorization",
            ),
        ],
    ),
    (
        "onesignal-node",
        [
            Expectation(
                at("api.onesignal.com", "/apps/", b'"subscriptions"', method="POST"),
                [CRED, UID, EMAIL, LOCALE, COARSE, MEETING],
                "OneSignal",
                "create user: identity external_id, an Email subscription with the address, "
                "properties language de, timezone_id Europe/Zurich, country CH, tags plan and "
                "last_meeting_id; REST API key",
            ),
            Expectation(
                at("api.onesignal.com", "/apps/", method="PATCH"),
                [CRED, UID, LOCALE, MEETING],
                "OneSignal",
                "update user by external_id in the path (the user id): tags last_meeting_id, "
                "meetings_this_week, language de; REST API key",
            ),
            Expectation(
                at("api.onesignal.com", "/notifications"),
                [CRED, UID, MEETING],
                "OneSignal",
                "push notification to the user's external_id: the meeting topic in the text, "
                "data meeting_id and join_url; REST API key",
            ),
        ],
    ),
    (
        "ably-node",
        [
            Expectation(
                at("main.realtime.ably.net", "/channels/", b"participant-joined"),
                [CRED, UID, NAME, EMAIL, MEETING, OS, NETWORK],
                "Ably",
                "REST publish (msgpack) to channel meeting:<meeting number>: message "
                "participant-joined whose data is a JSON string (user_id, name, email, topic, "
                "participants, device os 'Linux 6.1', network wifi); x-ably-clientid is the "
                "user id in base64; Basic auth with the API key",
            ),
            Expectation(
                at("main.realtime.ably.net", "/channels/", b"chat-message"),
                [CRED, UID, NAME, CHAT, MEETING, OS],
                "Ably",
                "REST publish (msgpack) chat-message to the meeting's channel: data JSON "
                "string with from (the sender's real name) and the message text; base64 "
                "client id header; Basic auth; the custom Ably-Agent header names the "
                "runtime (nodejs/20.20.2): os, corrected after scoring to the settled "
                "convention of docs/taxonomy.md",
            ),
        ],
    ),
    (
        "hubspot-node",
        [
            Expectation(
                at("api.hubapi.com", "/crm/v3/objects/contacts"),
                [CRED, EMAIL, NAME, UID, LOCALE, COARSE],
                "HubSpot",
                "create contact: email, firstname, lastname, app_user_id, hs_language de, "
                "country Switzerland; private app token as Bearer",
            ),
            Expectation(
                at("api.hubapi.com", "/events/v3/send"),
                [CRED, EMAIL, MEETING, OS, USAGE],
                "HubSpot",
                "custom behavioural event meeting_joined for the e-mail: meeting id/topic/"
                "participants, client_os Linux; Bearer token",
            ),
            Expectation(
                at("api.hubapi.com", "/crm/v3/objects/meetings"),
                [CRED, MEETING],
                "HubSpot",
                "CRM meeting engagement: title (the topic), body with the meeting number and "
                "participant count, external URL (the join link), location, outcome; Bearer",
            ),
        ],
    ),
    (
        "heap-node",
        [
            Expectation(
                at("heapanalytics.com", "/api/add_user_properties"),
                [EMAIL, NAME, UID, LOCALE],
                "Heap",
                "user properties: identity (the e-mail), name, user_id, plan, language de-CH; "
                "app_id (the environment id, no secret)",
            ),
            Expectation(
                at("heapanalytics.com", "/api/track", b"Joined Meeting"),
                [EMAIL, MEETING, NETWORK, USAGE],
                "Heap",
                "server-side event Joined Meeting for the identity (e-mail): meeting id/topic/"
                "participants, network wifi",
            ),
            Expectation(
                at("heapanalytics.com", "/api/track", b"Left Meeting"),
                [EMAIL, MEETING, USAGE],
                "Heap",
                "event Left Meeting: meeting_id, duration_s, reason ended_by_host",
            ),
        ],
    ),
    (
        "mux-browser",
        [
            Expectation(
                at(MUX_HOST, "/", b'"playerready"'),
                [CRED, UID, EMAIL, NAME, MEETING, DID, SID, USAGE, PERF, DIAG],
                "Mux",
                "Mux Data beacon (abbreviated keys, text/plain JSON) from the recording player "
                "page: env key in host and ake; uusid viewer user id, c1 e-mail, c2 real name, "
                "vid/vtt/vsr the recording of a meeting (title = topic), mvrid the persistent "
                "viewer id, sid session id, xid view id; events networkchange, playerready "
                "(startup timings), error (code and message)",
            ),
            Expectation(
                at(MUX_HOST, "/"),
                [CRED, UID, EMAIL, NAME, MEETING, DID, SID, USAGE, PERF, DIAG],
                "Mux",
                "later beacons of the same view (timing-dependent)",
                followups=True,
            ),
        ],
    ),
    (
        "logfire-py",
        [
            Expectation(
                at("logfire-eu.pydantic.dev", "/v1/info", method="GET"),
                [CRED],
                "Pydantic",
                "the SDK's project-info request: write token in Authorization; no data",
            ),
            Expectation(
                at("logfire-eu.pydantic.dev", "/v1/traces", b"joined"),
                [
                    *(CRED, NET_ID, HW, DID, OS, UID, EMAIL, NAME, MEETING, NETWORK, LOCALE),
                    *(SID, PERF, DIAG),
                ],
                "Pydantic",
                "OTLP/HTTP protobuf (gzip) spans: resource host.name, host.arch, host.id (machine "
                "id), os.type/os.version, process.runtime.version; an info log-span 'user "
                "{user_email} joined' with user_email, user_id, user_name, participants, "
                "network_type wifi, locale de_CH; the span 'join meeting' (meeting_id, topic, "
                "start/end); trace ids; token in Authorization",
            ),
            Expectation(
                at("logfire-eu.pydantic.dev", "/v1/traces", b"ConnectionError"),
                [CRED, NET_ID, HW, DID, OS, MEETING, SID, DIAG],
                "Pydantic",
                "OTLP/HTTP protobuf (gzip) spans: the error log-span 'media failed in meeting' "
                "with meeting_id and the exception (type, message, stack); the same resource",
            ),
            Expectation(
                at("logfire-eu.pydantic.dev", "/v1/metrics"),
                [CRED, NET_ID, HW, DID, OS, MEETING, NETWORK, PERF],
                "Pydantic",
                "OTLP/HTTP protobuf (gzip) metrics: histogram audio_jitter (ms) with meeting_id "
                "and network_type wifi; the same resource",
            ),
            Expectation(
                at("logfire-eu.pydantic.dev", "/v1/traces"),
                [CRED, NET_ID, HW, DID, OS, MEETING, SID, PERF],
                "Pydantic",
                "a pending-span export of the join span on the processor's own schedule",
                followups=True,
            ),
        ],
    ),
    (
        "watchtower-py",
        [
            Expectation(
                amz_target("DescribeLogGroups"),
                [CRED],
                "Amazon",
                "CloudWatch Logs DescribeLogGroups (x-amz-json-1.1): logGroupNamePrefix "
                "meeting-desktop; SigV4 Authorization with the access key id",
            ),
            Expectation(
                amz_target("CreateLogGroup"),
                [CRED],
                "Amazon",
                "CreateLogGroup meeting-desktop; SigV4 Authorization",
            ),
            Expectation(
                amz_target("PutLogEvents"),
                [CRED, NET_ID, UID, EMAIL, MEETING, DIAG],
                "Amazon",
                "PutLogEvents: logStreamName holds the host name; two events whose message "
                "is a JSON string (event meeting_joined, user_id, user_email, meeting id/"
                "topic/participants) and an error with its Python traceback; SigV4",
            ),
            Expectation(
                lambda flow: flow["request"]["host"] == "logs.eu-central-1.amazonaws.com",
                [CRED, NET_ID],
                "Amazon",
                "CreateLogStream or a retry (timing-dependent)",
                followups=True,
            ),
        ],
    ),
    (
        "pygelf-py",
        [
            Expectation(
                gelf_record(b"user joined meeting"),
                [NET_ID, UID, EMAIL, MEETING, DIAG],
                "",
                "Graylog (self-hosted) GELF over HTTPS, zlib body declared 'gzip,deflate': "
                "short_message, host (the host name), level, _user_id, _user_email, "
                "_meeting_id, _participants, _app",
            ),
            Expectation(
                gelf_record(b"audio device changed"),
                [NET_ID, HW, MEETING, OS, DIAG],
                "",
                "GELF warning record: host, _meeting_id, _device 'Jabra Evolve2 65', "
                "_previous_device 'Built-in Audio Analog Stereo', _os 'Debian GNU/Linux 12'",
            ),
            Expectation(
                gelf_record(b"media connection failed"),
                [NET_ID, MEETING, NETWORK, PERF, DIAG],
                "",
                "GELF error record: full_message with the traceback, host, _meeting_id, "
                "_network_type wifi, _rtt_ms 412",
            ),
        ],
    ),
    (
        "influxdb-py",
        [
            Expectation(
                at("eu-central-1-1.aws.cloud2.influxdata.com", "/api/v2/write", b"call_quality"),
                [CRED, NET_ID, UID, MEETING, NETWORK, PERF, USAGE, OS],
                "InfluxData",
                "line protocol: call_quality with tags host (the host name), meeting_id, "
                "network_type wifi, user_id and fields jitter/loss/rtt/participants; "
                "client_event screen_share_started with os 'Debian GNU/Linux 12'; Token header",
            ),
            Expectation(
                at("eu-central-1-1.aws.cloud2.influxdata.com", "/api/v2/write", b"client_error"),
                [CRED, NET_ID, UID, MEETING, DIAG],
                "InfluxData",
                "line protocol: client_error with host, meeting_id, user_id tags, local_ip and "
                "the error message as fields; Token header",
            ),
        ],
    ),
    (
        "prometheus-py",
        [
            Expectation(
                at("pushgateway.meetcorp-example.com", "/metrics/job/", method="PUT"),
                [NET_ID, MEETING, NETWORK, UID, PERF, USAGE],
                "",
                "Pushgateway (self-hosted) exposition text: instance label in the path is the "
                "host name; gauges jitter (meeting_id, network_type wifi) and packet loss, "
                "counter meeting_joins_total{user_id}",
            ),
            Expectation(
                at("pushgateway.meetcorp-example.com", "/metrics/job/", method="DELETE"),
                [NET_ID],
                "",
                "delete of the group when the meeting ends: job and instance (the host name) "
                "in the path only",
            ),
        ],
    ),
    (
        "humio-py",
        [
            Expectation(
                at("cloud.humio.com", "/api/v1/ingest/humio-structured"),
                [CRED, NET_ID, UID, EMAIL, MEETING, DIAG],
                "CrowdStrike",
                "LogScale structured ingest: tags host (the host name), an event with "
                "attributes event meeting_joined, user_id, user_email, meeting id/topic/"
                "participants; ingest token as Bearer",
            ),
            Expectation(
                at("cloud.humio.com", "/api/v1/ingest/humio-unstructured"),
                [CRED, UID, MEETING, NETWORK, PERF, DIAG],
                "CrowdStrike",
                "LogScale unstructured ingest: one ERROR log line with key=value pairs "
                "meeting=…, user=…, network=wifi, rtt_ms=412; Bearer",
            ),
        ],
    ),
    (
        "harness-py",
        [
            Expectation(
                at("config.ff.harness.io", "/api/1.0/client/auth"),
                [CRED],
                "Harness",
                "SDK authentication: the server SDK key as apiKey in a JSON body; the target "
                "is not sent before authentication succeeds",
            ),
            Expectation(
                at("config.ff.harness.io", "/api/1.0/client/auth"),
                [CRED],
                "Harness",
                "authentication retried (the sinkhole's 204 carries no token)",
                followups=True,
            ),
        ],
    ),
    (
        "pusher-py",
        [
            Expectation(
                at("api-eu.pusher.com", "/apps/", b"participant-joined"),
                [CRED, UID, NAME, EMAIL, MEETING],
                "Pusher",
                "Channels trigger to presence-meeting-<meeting number>: data is a JSON string "
                "(user_id, name, email, topic, participants); auth_key and auth_signature in "
                "the query",
            ),
            Expectation(
                at("api-eu.pusher.com", "/apps/", b"chat-message"),
                [CRED, UID, NAME, CHAT, MEETING],
                "Pusher",
                "trigger chat-message to private-meeting-<meeting number>: data JSON string "
                "with from (a real name as display name) and the message text; auth in query",
            ),
            Expectation(
                at("api-eu.pusher.com", "/apps/", b"lobby-waiting"),
                [CRED, UID, NAME, EMAIL, MEETING],
                "Pusher",
                "server-to-user event to #server-to-user-<host's user id>: data JSON string "
                "with meeting_id, the waiting person's name and e-mail; auth in query",
            ),
        ],
    ),
    (
        "appsignal-py",
        [
            Expectation(
                appsignal_push(b"system_kernel"),
                [CRED, NET_ID, OS, HW, PERF, TELEMETRY],
                "AppSignal",
                "the agent's push (protobuf, deflate): api_key and hostname in the query; "
                "host metrics (cpu, load, memory total/used, swap, disk and inode usage per "
                "mount, disk io, network bytes per interface); system_kernel, system_distro "
                "Debian GNU/Linux 12, architecture x86_64; agent and integration versions, "
                "its own payload-size and transmission counters",
            ),
            Expectation(
                appsignal_push(),
                [CRED, NET_ID, OS, HW, PERF, TELEMETRY],
                "AppSignal",
                "further agent pushes on its own schedule (host metrics, internal counters)",
                followups=True,
            ),
            Expectation(
                at("localhost", "/v1/traces"),
                [CRED, NET_ID, OS, UID, EMAIL, MEETING, SID, DIAG],
                "",
                "the Python integration's OTLP export to its own agent on loopback "
                "(localhost:8099): not sent home, left out",
                followups=True,
            ),
        ],
    ),
]

# The format class of each flow (what the decoder must see as structure), for scores per class.
FORMAT_CLASSES: dict[str, str] = {
    "bucket-node": "JSON analytics events",
    "highlight-node": "OTLP/HTTP JSON (gzip, dotted keys)",
    "featbit-node": "key/value attribute records (JSON)",
    "onesignal-node": "JSON analytics events",
    "ably-node": "msgpack with JSON in string fields (+ base64 header)",
    "hubspot-node": "JSON analytics events",
    "heap-node": "JSON analytics events",
    "mux-browser": "compact-key JSON (abbreviated keys)",
    "logfire-py": "OTLP/HTTP protobuf (gzip)",
    "watchtower-py": "JSON inside string fields (log text)",
    "pygelf-py": "zlib JSON declared gzip,deflate (GELF)",
    "influxdb-py": "line protocol (text/plain)",
    "prometheus-py": "Prometheus exposition text",
    "humio-py": "structured log events (JSON attributes)",
    "harness-py": "JSON (key in body)",
    "pusher-py": "JSON inside string fields (event data)",
    "appsignal-py": "protobuf (deflate, no public schema)",
}


def format_class(scenario: str, flow: dict[str, Any]) -> str:
    request = flow["request"]
    if request["method"] in ("GET", "DELETE") and not request.get("body_b64"):
        return "headers and path only"
    headers = {k.lower(): v for k, v in request["headers"]}
    target = headers.get("x-amz-target", "")
    if target and not target.endswith("PutLogEvents"):
        return "AWS JSON API calls (SigV4)"
    if request["path"].startswith("/api/v1/ingest/humio-unstructured"):
        return "key=value log line in JSON"
    return FORMAT_CLASSES[scenario]


HELDOUT = HeldoutSet(
    name="heldout7",
    here=HERE,
    out=OUT,
    scenarios=SCENARIOS,
    scenario_hosts=SCENARIO_HOSTS,
    format_class=format_class,
)


if __name__ == "__main__":
    raise SystemExit(HELDOUT.main((__doc__ or "").splitlines()[0]))
