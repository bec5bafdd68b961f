"""Build the dev set `sdk7.jsonl` (issue 15): real SDKs absent from every earlier set, recorded
through the real proxy offline, to widen the conventions the labeller has seen. Built exactly as a
held-out set (expectations from the payloads, committed before the labeller ran on them, the first
score reported as is), but dev data from its first score on.

Run: `.venv/bin/python tests/label/corpus/sdk7.py` (offline; `make setup`, then `npm ci` in
`sdk7_npm/` and `pip install -r sdk7-requirements.txt`).
`--raw SCENARIO…` records and prints only the requests (method, URL, headers, decoded body):
what the expectations were written from. The capture labels what it stores; those labels are
dropped before anything is printed or written.

Sources: npm SDKs in `sdk7_npm/` (Node, through `npm/proxy-preload.js` as the npm corpus
scenarios; browser SDKs in headless Chromium) and PyPI SDKs in `sdk7_runs.py`, each sending to
its vendor's real ingest host (self-hosted products to a host under `meetcorp-example.com`),
answered inside the proxy by `auditor capture --sinkhole '*'`.
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
    CRED,
    DIAG,
    EMAIL,
    HW,
    LOCALE,
    MEETING,
    NAME,
    NET_ID,
    NETWORK,
    OS,
    OTHER,
    PERF,
    SID,
    TELEMETRY,
    UID,
    USAGE,
    HeldoutSet,
    at,
)

OUT = HERE / "sdk7.jsonl"


SCENARIO_HOSTS: dict[str, set[str]] = {
    "aptabase-node": {"eu.aptabase.com"},
    "vercel-node": {"meetcorp-web.vercel.app"},
    "appsignal-node": {"appsignal-endpoint.net"},
    "winston-node": {"logs.meetcorp-example.com"},
    "pirsch-node": {"api.pirsch.io"},
    "dynatrace-node": {"bf12345abc.bf.dynatrace.com"},
    "stackify-node": {"api.stackify.com"},
    "opensearch-py": {"search.meetcorp-example.com"},
    "logstash-py": {"logstash.meetcorp-example.com"},
    "scout-py": {"errors.scoutapm.com", "checkin.scoutapp.com"},
    "gofeatureflag-py": {"flags.meetcorp-example.com"},
    "plausible-browser": {"plausible.io"},
    "openreplay-browser": {"api.openreplay.com"},
}


# Expectations written from the payloads (`--raw`: requests only), before the labeller ran on
# them, with heldout5/heldout6's conventions (their comments and the README) and generate.py's
# docstring: a key or token in a header, path or query, a project key in a body, Basic auth, a
# session cookie and a meeting passcode (`pwd=`) are credentials, a public app/site id is not;
# a runtime version is device_info.os, and so is a user agent or platform copied into a body
# (the standard User-Agent header alone is not); screen or window size, memory, CPU cores and
# device model are hardware; a host name or IP is a network id; a time zone or language is a
# locale; connection type is device_info.network; rtt/jitter/loss are performance; log records
# and error reports are diagnostics; tracked events, page views and flag evaluations are product
# usage; a launch ping, an SDK's registration or session start is telemetry; a config download
# with nothing else is `other`; a display name that is a real name is user_id and name; file
# paths in stack frames and logger records are not data about the user.
SCENARIOS: list[tuple[str, list[Expectation]]] = [
    (
        "aptabase-node",
        [
            Expectation(
                at("eu.aptabase.com", "/api/v0/event", b"app_started"),
                [CRED, SID, UID, OS, LOCALE, TELEMETRY],
                "Aptabase",
                "launch event app_started: App-Key header, sessionId, props user_id, os "
                "'Debian GNU/Linux 12', locale de-CH",
            ),
            Expectation(
                at("eu.aptabase.com", "/api/v0/event", b"meeting_joined"),
                [CRED, SID, MEETING, NETWORK, USAGE],
                "Aptabase",
                "event meeting_joined: props meeting_id/topic/participants/role, network_type "
                "wifi; sessionId; App-Key",
            ),
            Expectation(
                at("eu.aptabase.com", "/api/v0/event", b'"error"'),
                [CRED, SID, MEETING, EMAIL, DIAG],
                "Aptabase",
                "event error: props message (ICE timeout for the meeting number) and email",
            ),
        ],
    ),
    (
        "vercel-node",
        [
            Expectation(
                at("meetcorp-web.vercel.app", "/_vercel/insights/event", b"Meeting Joined"),
                [CRED, UID, NET_ID, MEETING, EMAIL, USAGE],
                "Vercel",
                "server-side custom event (one-letter keys): o the join link with the meeting "
                "number, en Meeting Joined, ed meeting_id/topic/participants/user_email; the "
                "visitor's headers passed on: x-vercel-ip (client IP), cookie with a session "
                "cookie and meet_user (the user id)",
            ),
            Expectation(
                at("meetcorp-web.vercel.app", "/_vercel/insights/event", b"Recording Failed"),
                [CRED, UID, NET_ID, MEETING, USAGE, DIAG],
                "Vercel",
                "server-side custom event Recording Failed: meeting_id and an error text; the "
                "same visitor headers",
            ),
        ],
    ),
    (
        "appsignal-node",
        [
            Expectation(
                at("appsignal-endpoint.net", "/collect", b"ICE timeout"),
                [CRED, DIAG, MEETING, UID, EMAIL, LOCALE, NET_ID, NETWORK, PERF],
                "AppSignal",
                "error report (push key in the query): message and backtrace, tags user_id/"
                "user_email/locale, params meeting_id/hostname, breadcrumbs with meeting "
                "topic/participants and connection type wifi / rtt_ms",
            ),
            Expectation(
                at("appsignal-endpoint.net", "/collect", b"screen share"),
                [CRED, DIAG, UID, OS, HW, NETWORK],
                "AppSignal",
                "error report: tags user_id, os 'Linux x86_64', screen 2560x1440, connection "
                "ethernet",
            ),
        ],
    ),
    (
        "winston-node",
        [
            Expectation(
                at("logs.meetcorp-example.com", "/ingest/winston", b'"info"'),
                [CRED, NET_ID, LOCALE, MEETING, EMAIL, UID, NAME, DIAG],
                "",
                "winston Http transport (self-hosted receiver), info record: hostname, locale, "
                "meeting id/topic/participants, user_email, user_id, user_name; Bearer",
            ),
            Expectation(
                at("logs.meetcorp-example.com", "/ingest/winston", b'"warn"'),
                [CRED, NET_ID, MEETING, NETWORK, PERF, LOCALE, DIAG],
                "",
                "warn record network quality degraded: connection_type cellular, "
                "effective_type 4g, downlink_mbps, rtt_ms, timezone Europe/Zurich, hostname",
            ),
            Expectation(
                at("logs.meetcorp-example.com", "/ingest/winston", b'"error"'),
                [CRED, NET_ID, MEETING, NETWORK, PERF, DIAG],
                "",
                "error record: stack, local_ip, network_type wifi, jitter_ms, packet_loss_pct, "
                "hostname, meeting_id",
            ),
        ],
    ),
    (
        "pirsch-node",
        [
            Expectation(
                at("api.pirsch.io", "/api/v1/hit"),
                [CRED, MEETING, NET_ID, OS, LOCALE, HW, USAGE],
                "Pirsch",
                "server-side page hit: url /j/<meeting number>, title the meeting topic, the "
                "visitor's ip, user_agent (Linux x86_64), accept_language, sec_ch_ua_platform, "
                "sec_ch_width 2560; access key as Bearer",
            ),
            Expectation(
                at("api.pirsch.io", "/api/v1/event"),
                [CRED, MEETING, NET_ID, OS, LOCALE, HW, USAGE],
                "Pirsch",
                "event meeting_joined with event_meta meeting_id/participants/role and the same "
                "visitor fields",
            ),
        ],
    ),
    (
        "dynatrace-node",
        [
            Expectation(
                at("bf12345abc.bf.dynatrace.com", "/mbeacon", method="GET"),
                [OTHER],
                "Dynatrace",
                "OpenKit's status request for its beacon configuration: public application "
                "id, agent version and platform in the query; no user data (the sinkhole's "
                "empty answer is no configuration, so no beacon follows)",
            ),
            Expectation(
                at("bf12345abc.bf.dynatrace.com", "/mbeacon", method="GET"),
                [OTHER],
                "Dynatrace",
                "the status request retried",
                followups=True,
            ),
        ],
    ),
    (
        "stackify-node",
        [
            Expectation(
                at("api.stackify.com", "/Metrics/IdentifyApp"),
                [CRED, NET_ID, TELEMETRY],
                "Stackify",
                "app registration: X-Stackify-Key, DeviceName (the machine's host name), app "
                "name, location and environment (its logs wait for the answer, which the "
                "sinkhole does not give)",
            ),
        ],
    ),
    (
        "plausible-browser",
        [
            Expectation(
                at("plausible.io", "/api/event", b'"pageview"'),
                [CRED, MEETING, HW, USAGE],
                "Plausible Analytics",
                "page view (one-letter keys, text/plain): u the join link with meeting number "
                "and pwd passcode, w window width",
            ),
            Expectation(
                at("plausible.io", "/api/event", b"Meeting Joined"),
                [CRED, MEETING, HW, EMAIL, NETWORK, USAGE],
                "Plausible Analytics",
                "custom event Meeting Joined: p a JSON string with meeting_id/topic/"
                "participants, user e-mail, connection 4g; the join link with passcode",
            ),
            Expectation(
                at("plausible.io", "/api/event", b'"Error"'),
                [CRED, MEETING, HW, DIAG],
                "Plausible Analytics",
                "custom event Error: p message getUserMedia NotAllowedError and meeting_id; the "
                "join link with passcode",
            ),
        ],
    ),
    (
        "openreplay-browser",
        [
            Expectation(
                at("api.openreplay.com", "/ingest/v1/web/start"),
                [CRED, EMAIL, HW, LOCALE, TELEMETRY],
                "OpenReplay",
                "session start: projectKey, userID (an e-mail), deviceMemory, jsHeapSizeLimit, "
                "window width/height, timezone UTC+00:00 (the sinkhole's answer is no session, "
                "so no recording follows)",
            ),
        ],
    ),
    (
        "opensearch-py",
        [
            Expectation(
                at("search.meetcorp-example.com", "/_bulk"),
                [CRED, UID, EMAIL, NAME, MEETING, OS, LOCALE, NET_ID, USAGE, NETWORK, PERF],
                "",
                "bulk NDJSON (action and source lines): meeting_joined with user id/e-mail/name, "
                "meeting id/topic/participants, client os/locale/hostname; media_quality with "
                "network_type wifi, rtt/jitter/loss; Basic auth",
            ),
            Expectation(
                at("search.meetcorp-example.com", "/meeting-participants/_doc/", method="PUT"),
                [CRED, MEETING, UID, NAME, NET_ID, HW],
                "",
                "participant document, meeting number and user id in the path: display_name, "
                "client_ip, device model, cpu_cores, memory_gb",
            ),
            Expectation(
                at("search.meetcorp-example.com", "/meeting-events/_search"),
                [CRED, EMAIL],
                "",
                "search: a term query on the user's e-mail",
            ),
        ],
    ),
    (
        "logstash-py",
        [
            Expectation(
                at("logstash.meetcorp-example.com", "/"),
                [CRED, NET_ID, UID, EMAIL, MEETING, LOCALE, OS, NETWORK, PERF, DIAG],
                "",
                "Logstash HTTP input (self-hosted): JSON array of two events with host/"
                "logsource (the machine's host name), extra user_id/user_email/meeting id/"
                "topic/locale, interpreter_version, an error with stack_trace, network_type, "
                "rtt_ms; Basic auth",
            ),
        ],
    ),
    (
        "scout-py",
        [
            Expectation(
                at("errors.scoutapm.com", "/apps/error.scout"),
                [CRED, NET_ID, MEETING, UID, EMAIL, LOCALE, NETWORK, PERF, DIAG, SID],
                "Scout APM",
                "error report (gzip, key in the query, Agent-Hostname header): request_uri with "
                "the meeting number, params meeting id/topic, session user_id/e-mail/locale, "
                "custom params network_type/rtt_ms, request and transaction ids, host",
            ),
        ],
    ),
    (
        "gofeatureflag-py",
        [
            Expectation(
                at("flags.meetcorp-example.com", "/v1/flag/configuration"),
                [CRED],
                "",
                "flag configuration fetch from a self-hosted relay proxy: X-API-Key, body "
                "{flags: []}",
            ),
            Expectation(
                at("flags.meetcorp-example.com", "/v1/data/collector"),
                [CRED, OS, UID, USAGE],
                "",
                "data collector: feature events (flag evaluations) with userKey (the user id); "
                "meta app and os 'Debian GNU/Linux 12'; X-API-Key",
            ),
            Expectation(
                at("flags.meetcorp-example.com", "/v1/data/collector"),
                [CRED, OS, UID, USAGE],
                "",
                "the same events resent (the sinkhole's 204 is not the 200 it waits for)",
                followups=True,
            ),
        ],
    ),
]

# The format class of each flow (what the decoder must see as structure), for scores per class.
FORMAT_CLASSES: dict[str, str] = {
    "aptabase-node": "JSON analytics events",
    "vercel-node": "compact-key JSON + identifier headers (cookie, client IP)",
    "appsignal-node": "error reports (JSON)",
    "winston-node": "JSON log record (flat)",
    "pirsch-node": "JSON page hits (visitor request fields)",
    "dynatrace-node": "headers and path only",
    "stackify-node": "JSON registration (PascalCase keys)",
    "plausible-browser": "compact-key JSON in text/plain (JSON string props)",
    "openreplay-browser": "JSON analytics events",
    "opensearch-py": "JSON documents (ids in the URL path)",
    "logstash-py": "JSON array of log events (nested extra)",
    "scout-py": "error reports (JSON)",
    "gofeatureflag-py": "flag evaluation events (JSON)",
}


def format_class(scenario: str, flow: dict[str, Any]) -> str:
    request = flow["request"]
    if scenario == "opensearch-py" and request["path"].startswith("/_bulk"):
        return "NDJSON bulk (action and source lines)"
    if request["path"].startswith("/v1/flag/configuration"):
        return "headers and path only"
    return FORMAT_CLASSES[scenario]


SDK7 = HeldoutSet(
    name="sdk7",
    here=HERE,
    out=OUT,
    scenarios=SCENARIOS,
    scenario_hosts=SCENARIO_HOSTS,
    format_class=format_class,
    id_prefix="s7",
)


if __name__ == "__main__":
    raise SystemExit(SDK7.main((__doc__ or "").splitlines()[0]))
