"""Build the fifth held-out set `heldout5.jsonl` (issue 15): real programs absent from the
development set and from every earlier held-out set, recorded through the real proxy offline.

Run: `.venv/bin/python tests/label/corpus/heldout5.py` (offline; `make setup`, then
`npm ci` in `heldout5_npm/` and `pip install -r heldout5-requirements.txt`).
`--raw SCENARIO…` records and prints only the requests (method, URL, headers, decoded body):
what the expectations were written from. The capture labels what it stores; those labels are
dropped before anything is printed or written.

Sources: npm SDKs in `heldout5_npm/` (Node, through `npm/proxy-preload.js` as the npm corpus
scenarios) and PyPI SDKs in `heldout5_runs.py`, each sending to its vendor's real ingest host,
answered inside the proxy by `auditor capture --sinkhole '*'`.

Expectations were written from the payloads and committed before the labeller ran on them.
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

OUT = HERE / "heldout5.jsonl"


SCENARIO_HOSTS: dict[str, set[str]] = {
    "rudderstack-node": {"meetcorpkx.dataplane.rudderstack.com"},
    "customerio-node": {"track-eu.customer.io"},
    "logtail-node": {"in.logs.betterstack.com"},
    "airbrake-node": {"api.airbrake.io"},
    "raygun-node": {"api.raygun.io"},
    "newrelic-telemetry-node": {"metric-api.newrelic.com", "trace-api.newrelic.com"},
    "libhoney-node": {"api.honeycomb.io"},
    "countly-node": {"meetcorp.count.ly"},
    "splunk-node": {"http-inputs-meetcorp.splunkcloud.com"},
    "logsnag-node": {"api.logsnag.com"},
    "openpanel-node": {"api.openpanel.dev"},
    "axiom-node": {"api.axiom.co"},
    "jitsu-node": {"meetcorp.d.jitsu.com"},
    "june-node": {"api.june.so"},
    "flagsmith-node": {"edge.api.flagsmith.com"},
    "unleash-node": {"eu.app.unleash-hosted.com"},
}


# Expectations written from the payloads (`--raw`: requests only), before the labeller ran on
# them. Reading conventions as generate.py's docstring (trace ids are session ids, a runtime
# version is device_info.os, a project/API key is a credential, a real name is contact_info.name;
# file paths in stack frames and logger records are not data about the user).
SCENARIOS: list[tuple[str, list[Expectation]]] = [
    (
        "logdna-py",
        [
            Expectation(
                at("logs.mezmo.com", "/logs/ingest"),
                [CRED, NET_ID, OS, HW, UID, MEETING, DIAG],
                "Mezmo",
                "LogDNA handler: hostname, IP and MAC in the ingest URL's query, tags incl. "
                "'linux'; two log lines (info, error) whose meta has user_id, meeting_id and "
                "participants, a headset name and 'Debian 12'; apikey header",
            ),
        ],
    ),
    (
        "logzio-py",
        [
            Expectation(
                at("listener-eu.logz.io"),
                [CRED, DIAG, PERF, MEETING, NETWORK, EMAIL, UID],
                "Logz.io",
                "NDJSON declared text/plain: a quality-sample log line (meeting_id, jitter, "
                "loss, round trip, connection_type wifi) and an error line with a traceback, "
                "user_email and user_id; token in the query",
            ),
        ],
    ),
    (
        "loki-py",
        [
            Expectation(
                at("loki.meetcorp-example.com", "/loki/api/v1/push", b"joined meeting"),
                [CRED, NET_ID, EMAIL, MEETING, DIAG],
                "",
                "Loki push to a self-hosted Loki (JSON streams): stream labels app/host (the host name), a log line "
                "naming the user's e-mail and the meeting number; Basic auth",
            ),
            Expectation(
                at("loki.meetcorp-example.com", "/loki/api/v1/push", b"screen share"),
                [CRED, NET_ID, MEETING, DIAG],
                "",
                "Loki push: an error line, stream labels host and meeting (the meeting number); "
                "Basic auth",
            ),
        ],
    ),
    (
        "keen-py",
        [
            Expectation(
                at("api.keen.io", "/3.0/projects/", b'"topic"'),
                [CRED, UID, EMAIL, NAME, MEETING, OS, LOCALE, USAGE],
                "Keen",
                "event collection meeting_joined (name in the path): user id/e-mail/name, "
                "meeting id/topic/role, device os/os_version/locale; write key in Authorization",
            ),
            Expectation(
                at("api.keen.io", "/3.0/projects/", b'"mos"'),
                [CRED, UID, MEETING, PERF, NETWORK, NET_ID],
                "Keen",
                "event collection call_quality: meeting_id, user_id, MOS/jitter/loss, network "
                "type ethernet and the local IP; write key in Authorization",
            ),
        ],
    ),
    (
        "mparticle-py",
        [
            Expectation(
                at("s2s.mparticle.com", "/v2/events"),
                [CRED, UID, EMAIL, NAME, HW, OS, LOCALE, MEETING, USAGE],
                "mParticle",
                "server-to-server batch: user_identities customerid/email, user_attributes "
                "$FirstName/$LastName, device_info manufacturer/model/os_version/locale "
                "language+country, custom event Meeting Joined with meeting_id/participants; "
                "Basic auth",
            ),
        ],
    ),
    (
        "statsig-py",
        [
            Expectation(
                at("api.statsigcdn.com", "/v1/download_config_specs/", method="GET"),
                [CRED, SID],
                "Statsig",
                "config download: the server key in the path and STATSIG-API-KEY, the SDK's "
                "STATSIG-SERVER-SESSION-ID header",
            ),
            Expectation(
                at("api.statsigcdn.com", "/v1/get_id_lists/", method="GET"),
                [CRED, SID],
                "Statsig",
                "ID-list download: the server key in the path and header, session id header",
            ),
            Expectation(
                at("statsigapi.net", "/v1/log_event"),
                [CRED, SID, UID, EMAIL, COARSE, LOCALE, OS, MEETING, USAGE, TELEMETRY],
                "Statsig",
                "gzip event batch: statsig::diagnostics (the SDK's own init timings), a gate "
                "exposure and meeting_joined (value = meeting number) for a user with userID, "
                "email, country CH, locale; statsigMetadata languageVersion and sessionID",
            ),
            Expectation(
                at("statsigapi.net", "/v1/sdk_exception", b"IncompleteJSONError"),
                [CRED, SID, OS, DIAG],
                "Statsig",
                "the SDK's own exception report (config parse error): statsigMetadata with "
                "languageVersion and sessionID; key header",
            ),
            Expectation(
                at("statsigapi.net", "/v1/sdk_exception", b"log_event_failed"),
                [CRED, SID, OS, DIAG],
                "Statsig",
                "the SDK's own exception report (event upload failed): languageVersion, "
                "sessionID; key header",
            ),
            Expectation(
                lambda flow: flow["request"]["host"] in ("api.statsigcdn.com", "statsigapi.net"),
                [CRED, SID, OS, DIAG],
                "Statsig",
                "background config re-downloads and further SDK exception reports",
                followups=True,
            ),
        ],
    ),
    (
        "rudderstack-node",
        [
            Expectation(
                at("meetcorpkx.dataplane.rudderstack.com", "/v1/batch", b'"type":"identify"'),
                [CRED, UID, DID, EMAIL, NAME, OS, LOCALE, NETWORK, HW],
                "RudderStack",
                "gzip JSON batch declared form-urlencoded: identify with traits (e-mail, name), "
                "anonymousId, context os/locale/timezone/network wifi/screen/device id, "
                "manufacturer and model; _metadata.nodeVersion; write key as Basic auth",
            ),
            Expectation(
                at("meetcorpkx.dataplane.rudderstack.com", "/v1/batch", b'"type":"track"'),
                [CRED, UID, DID, MEETING, USAGE, OS, LOCALE, NETWORK, HW],
                "RudderStack",
                "gzip JSON batch: track Meeting Joined with meeting_id/topic/participants/role, "
                "the same device context; write key as Basic auth",
            ),
        ],
    ),
    (
        "customerio-node",
        [
            Expectation(
                at("track-eu.customer.io", "/api/v1/customers/", method="PUT"),
                [CRED, UID, EMAIL, NAME],
                "Customer.io",
                "identify: customer id in the path, e-mail, first and last name; site id and "
                "key as Basic auth",
            ),
            Expectation(
                at("track-eu.customer.io", "/api/v1/events"),
                [CRED, DID, MEETING, EMAIL, USAGE],
                "Customer.io",
                "anonymous event invite_link_opened: anonymous_id, meeting_id and the inviter's "
                "e-mail",
            ),
            Expectation(
                at("track-eu.customer.io", "/api/v1/customers/", method="POST"),
                [CRED, UID, MEETING, USAGE],
                "Customer.io",
                "event meeting_ended for the customer id in the path: meeting id, topic, "
                "participants, duration, recording flag",
            ),
        ],
    ),
    (
        "logtail-node",
        [
            Expectation(
                at("in.logs.betterstack.com"),
                [CRED, UID, EMAIL, MEETING, NETWORK, PERF, DIAG],
                "Better Stack",
                "msgpack, gzip: an info line with user id/e-mail, meeting id/topic/participants, "
                "network type wifi and RTT, and an error with its stack; Bearer source token",
            ),
        ],
    ),
    (
        "airbrake-node",
        [
            Expectation(
                at("api.airbrake.io", "/api/v3/projects/"),
                [CRED, DIAG, UID, EMAIL, NAME, OS, NET_ID, HW, MEETING],
                "Airbrake",
                "error notice declared text/plain: backtrace, context user id/name/e-mail, "
                "os and architecture, hostname, params meeting_id/participants, total and free "
                "memory, load average; project key in the query",
            ),
        ],
    ),
    (
        "raygun-node",
        [
            Expectation(
                at("api.raygun.io", "/entries"),
                [CRED, DIAG, UID, EMAIL, NAME, OS, HW, NET_ID, LOCALE, MEETING],
                "Raygun",
                "crash report: stack trace, machineName, osVersion, architecture, physical "
                "memory, processor count and CPU model, utcOffset, user identifier/e-mail/full "
                "name, custom meeting_id/participants; X-ApiKey",
            ),
        ],
    ),
    (
        "newrelic-telemetry-node",
        [
            Expectation(
                at("metric-api.newrelic.com", "/metric/v1"),
                [CRED, NET_ID, UID, MEETING, PERF, NETWORK],
                "New Relic",
                "gzip metric batch: common host.name, user.id, meeting.id; gauges jitter, fps, "
                "RTT with network.type wifi; Api-Key",
            ),
            Expectation(
                at("trace-api.newrelic.com", "/trace/v1"),
                [CRED, NET_ID, UID, MEETING, PERF, SID],
                "New Relic",
                "gzip span batch: join-meeting trace (trace.id, span ids, durations), common "
                "host.name, user.id, meeting.id; Api-Key",
            ),
            Expectation(
                at("log-api.newrelic.com", "/log/v1"),
                [CRED, NET_ID, UID, MEETING, EMAIL, DIAG],
                "New Relic",
                "gzip log batch: an error line naming the meeting number, user.email, "
                "local.ip; common host.name, user.id, meeting.id; Api-Key",
            ),
            Expectation(
                at("insights-collector.newrelic.com", "/v1/accounts/events"),
                [CRED, NET_ID, UID, MEETING, NAME, USAGE],
                "New Relic",
                "gzip custom event MeetingEnded: meetingId, duration, participants, userName "
                "(a real name), host.name, user.id; Api-Key",
            ),
        ],
    ),
    (
        "libhoney-node",
        [
            Expectation(
                at("api.honeycomb.io", "/1/batch/"),
                [CRED, UID, EMAIL, MEETING, OS, PERF, NETWORK],
                "Honeycomb",
                "batch of two wide events: meeting.join with user.id/user.email/meeting.id, "
                "os.type and duration; media.quality with jitter/loss/RTT and connection type "
                "wifi; X-Honeycomb-Team write key",
            ),
        ],
    ),
    (
        "countly-node",
        [
            Expectation(
                at("meetcorp.count.ly", "/i", b"", method="GET"),
                [CRED, DID, OS, LOCALE, HW, TELEMETRY],
                "Countly",
                "GET begin_session with metrics JSON in the query (_os, _os_version, _locale, "
                "_resolution), device_id (the machine id), app_key",
            ),
            Expectation(
                at("meetcorp.count.ly", "/i"),
                [CRED, DID, OS, LOCALE, HW, TELEMETRY],
                "Countly",
                "retries of the queue's first request",
                followups=True,
            ),
        ],
    ),
    (
        "splunk-node",
        [
            Expectation(
                at("http-inputs-meetcorp.splunkcloud.com", "/services/collector/event"),
                [CRED, NET_ID, UID, EMAIL, MEETING, DIAG],
                "Splunk",
                "HTTP Event Collector, concatenated JSON declared form-urlencoded: host (the "
                "host name), a meeting_join record with user id/e-mail and meeting "
                "id/topic/participants, a media_error record with meeting_id and local_ip; "
                "Authorization: Splunk token",
            ),
        ],
    ),
    (
        "logsnag-node",
        [
            Expectation(
                at("api.logsnag.com", "/v1/identify"),
                [CRED, UID, EMAIL, NAME],
                "LogSnag",
                "identify: user_id, properties e-mail and name; Bearer token",
            ),
            Expectation(
                at("api.logsnag.com", "/v1/log"),
                [CRED, UID, NAME, MEETING, USAGE],
                "LogSnag",
                "event Recording Started in channel meetings: description with the user's name "
                "and the meeting number, tags meeting-id/participants, user_id; Bearer token",
            ),
        ],
    ),
    (
        "openpanel-node",
        [
            Expectation(
                at("api.openpanel.dev", "/track", b'"type":"identify"'),
                [CRED, UID, EMAIL, NAME, LOCALE],
                "OpenPanel",
                "identify: profileId, firstName/lastName, e-mail, properties locale; client id "
                "and secret headers",
            ),
            Expectation(
                at("api.openpanel.dev", "/track", b'"type":"track"'),
                [CRED, UID, MEETING, USAGE],
                "OpenPanel",
                "track meeting_joined with profileId and meeting id/topic/participants/role",
            ),
            Expectation(
                at("api.openpanel.dev", "/track", b'"type":"identify"'),
                [CRED, UID, EMAIL, NAME, LOCALE],
                "OpenPanel",
                "retries (the sinkhole's 204 is not the answer it waits for)",
                followups=True,
            ),
            Expectation(
                at("api.openpanel.dev", "/track", b'"type":"track"'),
                [CRED, UID, MEETING, USAGE],
                "OpenPanel",
                "retries",
                followups=True,
            ),
        ],
    ),
    (
        "axiom-node",
        [
            Expectation(
                at("api.axiom.co", "/v1/datasets/"),
                [CRED, UID, EMAIL, MEETING, PERF, NETWORK, DIAG],
                "Axiom",
                "gzip NDJSON ingest: log events with user_id, user_email, meeting_id, codec and "
                "transport, a bandwidth warning with bitrate/loss and network_type cellular; "
                "Bearer token",
            ),
        ],
    ),
    (
        "jitsu-node",
        [
            Expectation(
                at("meetcorp.d.jitsu.com", "/api/s/identify"),
                [CRED, UID, DID, EMAIL, NAME],
                "Jitsu",
                "identify: userId, traits e-mail/name/company, anonymousId; X-Write-Key (the "
                "body's copy is masked)",
            ),
            Expectation(
                at("meetcorp.d.jitsu.com", "/api/s/track"),
                [CRED, UID, DID, EMAIL, NAME, MEETING, USAGE],
                "Jitsu",
                "track meeting_left with meeting id/topic/participants/duration; userId, "
                "anonymousId, context.traits e-mail/name; X-Write-Key",
            ),
        ],
    ),
    (
        "june-node",
        [
            Expectation(
                at("api.june.so", "/sdk/batch", b'"type":"identify"'),
                [CRED, UID, EMAIL, NAME, OS],
                "June",
                "batch with identify: userId, traits e-mail/name/avatar URL; "
                "_metadata.nodeVersion; write key as Basic auth",
            ),
            Expectation(
                at("api.june.so", "/sdk/batch", b'"type":"track"'),
                [CRED, UID, MEETING, USAGE, LOCALE, OS],
                "June",
                "batch with track Meeting Recorded: meeting id/topic/participants/role, "
                "context groupId and timezone; _metadata.nodeVersion; Basic auth",
            ),
        ],
    ),
    (
        "flagsmith-node",
        [
            Expectation(
                at("edge.api.flagsmith.com", "/api/v1/identities/"),
                [CRED, UID, EMAIL, NAME, OS, MEETING],
                "Flagsmith",
                "identity flags: identifier and traits as trait_key/trait_value pairs (e-mail, "
                "full name, plan, os, last meeting id); X-Environment-Key",
            ),
        ],
    ),
    (
        "unleash-node",
        [
            Expectation(
                at("eu.app.unleash-hosted.com", "/eubb1043/api/client/features", method="GET"),
                [CRED, DID, SID],
                "Unleash",
                "feature download: UNLEASH-INSTANCEID header (OS user and host name, "
                "'root-vm'), connection id header, token in Authorization",
            ),
            Expectation(
                at("eu.app.unleash-hosted.com", "/eubb1043/api/client/register"),
                [CRED, DID, SID, OS, TELEMETRY],
                "Unleash",
                "client registration: instanceId, connectionId, SDK version, strategies, start "
                "time, platformName/platformVersion (the Node runtime)",
            ),
            Expectation(
                at("eu.app.unleash-hosted.com", "/eubb1043/api/client/metrics"),
                [CRED, DID, SID, OS, USAGE],
                "Unleash",
                "usage metrics: yes/no counts of a toggle's evaluations in a time bucket "
                "(flag exposures), instanceId, connectionId, platformVersion",
            ),
            Expectation(
                at("eu.app.unleash-hosted.com", "/eubb1043/api/client/"),
                [CRED, DID, SID, OS, USAGE],
                "Unleash",
                "later metrics buckets and feature refreshes (timing-dependent)",
                followups=True,
            ),
        ],
    ),
    (
        "countly-browser",
        [
            Expectation(
                at("meetcorp.count.ly", "/i", b"hc="),
                [CRED, OS, LOCALE, TELEMETRY],
                "Countly",
                "countly-sdk-web's health check (form-encoded): hc counters, metrics with the "
                "user agent (_ua), tz offset, app_key; device_id is the string 'undefined'",
            ),
            Expectation(
                at("meetcorp.count.ly", "/i"),
                [CRED, OS, LOCALE, TELEMETRY, UID, EMAIL, NAME, MEETING, USAGE, DID, DIAG],
                "Countly",
                "queued requests sent after the health check (timing-dependent)",
                followups=True,
            ),
        ],
    ),
    (
        "statsig-browser",
        [
            Expectation(
                at("featureassets.org", "/v1/initialize"),
                [CRED, UID, EMAIL, LOCALE, DID],
                "Statsig",
                "initialize, body base64 reversed (statsig-encoded: 1): user userID, e-mail, "
                "locale, custom plan; statsigMetadata stableID; statsig-api-key header",
            ),
            Expectation(
                at("prodregistryv2.org", "/v1/rgstr", b"meeting_joined"),
                [CRED, UID, EMAIL, LOCALE, DID, SID, TELEMETRY, USAGE, MEETING],
                "Statsig",
                "event batch: statsig::diagnostics (init timings), gate exposure, meeting_joined "
                "(value = meeting number, participants) for the user; stableID, sessionID",
            ),
            Expectation(
                at("prodregistryv2.org", "/v1/rgstr", b"page_load_time"),
                [CRED, UID, EMAIL, LOCALE, DID, SID, PERF],
                "Statsig",
                "event batch: statsig::app_metrics page_load_time and dom_interactive_time for "
                "the user; stableID, sessionID",
            ),
            Expectation(
                at("prodregistryv2.org", "/v1/rgstr"),
                [CRED, UID, EMAIL, LOCALE, DID, SID, USAGE],
                "Statsig",
                "time_on_page_ms when the page closes (sent or not, as timing goes)",
                followups=True,
            ),
        ],
    ),
]

# The format class of each flow (what the decoder must see as structure), for scores per class.
FORMAT_CLASSES: dict[str, str] = {
    "logdna-py": "query-string identifiers + JSON log lines",
    "logzio-py": "NDJSON (declared text/plain or gzip)",
    "loki-py": "JSON log streams / wide events (dotted keys)",
    "keen-py": "JSON analytics events",
    "mparticle-py": "JSON analytics events",
    "rudderstack-node": "gzip JSON declared form-urlencoded",
    "customerio-node": "JSON analytics events",
    "logtail-node": "msgpack (gzip)",
    "airbrake-node": "error reports (JSON)",
    "raygun-node": "error reports (JSON)",
    "newrelic-telemetry-node": "gzip JSON (declared)",
    "libhoney-node": "JSON log streams / wide events (dotted keys)",
    "countly-node": "query string / form with JSON values",
    "splunk-node": "concatenated JSON declared form-urlencoded",
    "logsnag-node": "JSON analytics events",
    "openpanel-node": "JSON analytics events",
    "axiom-node": "NDJSON (declared text/plain or gzip)",
    "jitsu-node": "JSON analytics events",
    "june-node": "JSON analytics events",
    "countly-browser": "query string / form with JSON values",
    "statsig-browser": "JSON analytics events",
    "statsig-py": "JSON analytics events",
    "flagsmith-node": "pair arrays (trait_key/trait_value)",
    "unleash-node": "JSON analytics events",
}


def format_class(scenario: str, flow: dict[str, Any]) -> str:
    request = flow["request"]
    if request["host"] == "featureassets.org":
        return "reversed base64 JSON (statsig-encoded)"
    if scenario in ("statsig-py", "unleash-node") and request["method"] == "GET":
        return "headers and path only"
    if request["host"] == "statsigapi.net" and request["path"].startswith("/v1/log_event"):
        return "gzip JSON (declared)"
    return FORMAT_CLASSES[scenario]


HELDOUT = HeldoutSet(
    name="heldout5",
    here=HERE,
    out=OUT,
    scenarios=SCENARIOS,
    scenario_hosts=SCENARIO_HOSTS,
    format_class=format_class,
)


if __name__ == "__main__":
    raise SystemExit(HELDOUT.main((__doc__ or "").splitlines()[0]))
