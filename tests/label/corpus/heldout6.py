"""Build the sixth held-out set `heldout6.jsonl` (issue 15): real programs absent from the
development set and from every earlier held-out set, recorded through the real proxy offline.

Run: `.venv/bin/python tests/label/corpus/heldout6.py` (offline; `make setup`, then
`npm ci` in `heldout6_npm/` and `pip install -r heldout6-requirements.txt`).
`--raw SCENARIO…` records and prints only the requests (method, URL, headers, decoded body):
what the expectations were written from. The capture labels what it stores; those labels are
dropped before anything is printed or written.

Sources: npm SDKs in `heldout6_npm/` (Node, through `npm/proxy-preload.js` as the npm corpus
scenarios) and PyPI SDKs in `heldout6_runs.py`, each sending to its vendor's real ingest host,
answered inside the proxy by `auditor capture --sinkhole '*'`.

Expectations were written from the payloads and committed before the labeller ran on them.
It was frozen as `heldout6.jsonl.frozen` so that nothing globbing `*.jsonl` (the label
snapshot test) ran the labeller on it before its one scoring run, then renamed when scored.
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

OUT = HERE / "heldout6.jsonl"


SCENARIO_HOSTS: dict[str, set[str]] = {
    "splitio-node": {"sdk.split.io", "events.split.io", "telemetry.split.io", "auth.split.io"},
    "optimizely-node": {"logx.optimizely.com"},
    "seq-node": {"seq.meetcorp-example.com"},
    "coralogix-node": {"ingress.coralogix.com", "test.coralogix.com"},
    "sumo-node": {"endpoint4.collection.eu.sumologic.com"},
    "intercom-node": {"api.intercom.io"},
    "umami-node": {"analytics.meetcorp-example.com"},
    "configcat-node": {"cdn-global.configcat.com", "cdn-eu.configcat.com"},
    "growthbook-node": {"growthbook-proxy.meetcorp-example.com"},
    "hyperdx-node": {"in.hyperdx.io", "in-otel.hyperdx.io"},
    "loggly-py": {"logs-01.loggly.com"},
    "matomo-node": {"stats.meetcorp-example.com"},
    "woopra-node": {"www.woopra.com"},
    "exceptionless-node": {"collector.exceptionless.io", "config.exceptionless.io"},
    "devcycle-node": {"bucketing-api.devcycle.com", "events.devcycle.com"},
    "klaviyo-node": {"a.klaviyo.com"},
    "trackjs-node": {"capture.trackjs.com", "usage.trackjs.com"},
    "logflare-node": {"api.logflare.app"},
}


# Expectations written from the payloads (`--raw`: requests only), before the labeller ran on
# them. Reading conventions as heldout5.py (its comment and the README's "How the expectations
# were written"): a key or token in a header, path or query is a credential; a runtime version
# is device_info.os; architecture, memory, processor count and screen size are hardware; a host
# name, IP or MAC is a network id; a machine/visitor id is a device id; a time zone is a locale;
# a country or city is location.coarse; log records are diagnostics (and performance when they
# carry quality metrics); flag exposures and tracked events are product usage, an SDK's own
# usage ping or latency counters are telemetry; file paths in stack frames, the process's own
# command line and the OS account `root` are not data about the user.
SCENARIOS: list[tuple[str, list[Expectation]]] = [
    (
        "splitio-node",
        [
            Expectation(
                at("sdk.split.io", "/api/splitChanges", method="GET"),
                [CRED, NET_ID],
                "Split",
                "flag definitions download: SDK key as Bearer, SplitSDKMachineIP and "
                "SplitSDKMachineName headers (the machine's IP and host name)",
            ),
            Expectation(
                at("events.split.io", "/api/testImpressions/bulk"),
                [CRED, NET_ID, UID, USAGE],
                "Split",
                "impressions: flag new_meeting_toolbar evaluated for key (the user id), "
                "treatment and label in one-letter keys; machine IP/name headers",
            ),
            Expectation(
                at("events.split.io", "/api/events/bulk"),
                [CRED, NET_ID, UID, MEETING, NETWORK, USAGE],
                "Split",
                "tracked event meeting_joined for the user's key, properties meeting_id/topic/"
                "participants/role and network_type wifi; machine IP/name headers",
            ),
            Expectation(
                at("telemetry.split.io", "/api/v1/metrics/usage"),
                [CRED, NET_ID, TELEMETRY],
                "Split",
                "the SDK's own usage telemetry: last sync times, latency histograms of its "
                "calls, queue and drop counters (compact keys); machine IP/name headers",
            ),
            Expectation(
                lambda flow: flow["request"]["host"].endswith(".split.io"),
                [CRED, NET_ID, TELEMETRY, OS, HW, UID, USAGE],
                "Split",
                "further config telemetry, segment downloads or retries (timing-dependent)",
                followups=True,
            ),
        ],
    ),
    (
        "optimizely-node",
        [
            Expectation(
                at("logx.optimizely.com", "/v1/events"),
                [UID, EMAIL, COARSE, MEETING, USAGE],
                "Optimizely",
                "event batch: two visitors with visitor_id (the user id) and attributes as "
                "{key, value} records (email, country CH); a decision (flag "
                "noise_suppression, variation) with campaign_activated, and meeting_joined "
                "with tags meeting_id/topic/participants",
            ),
        ],
    ),
    (
        "coralogix-node",
        [
            Expectation(
                at("ingress.coralogix.com", "/api/v1/logs"),
                [CRED, NET_ID, UID, NAME, MEETING, DIAG],
                "Coralogix",
                "log bulk: computerName and IPAddress of the machine; entries whose text is a "
                "JSON string (user_id, user_name, meeting id/topic/participants) and an error "
                "stack; private key as Bearer",
            ),
        ],
    ),
    (
        "seq-node",
        [
            Expectation(
                at("seq.meetcorp-example.com", "/api/events/raw"),
                [CRED, UID, EMAIL, MEETING, NET_ID, PERF, DIAG],
                "",
                "Seq (self-hosted) events: message templates with PascalCase properties "
                "UserEmail, UserId, MeetingId, Hostname; an Error with Exception text and "
                "JitterMs/LossPct; X-Seq-ApiKey",
            ),
        ],
    ),
    (
        "sumo-node",
        [
            Expectation(
                at("endpoint4.collection.eu.sumologic.com", "/receiver/v1/http/"),
                [CRED, NET_ID, SID, UID, EMAIL, MEETING, NETWORK, PERF, DIAG],
                "Sumo Logic",
                "HTTP source (collector code in the path): X-Sumo-Host the host name; a log "
                "record with sessionId, url (the join link), user_id/e-mail, meeting id/topic, "
                "network_type ethernet, rtt_ms",
            ),
        ],
    ),
    (
        "intercom-node",
        [
            Expectation(
                at("api.intercom.io", "/contacts"),
                [CRED, UID, EMAIL, NAME, LOCALE, OS],
                "Intercom",
                "create contact: external_id, email, name, custom_attributes language de-CH; "
                "Bearer token; x-fern-runtime-version (the Node version)",
            ),
            Expectation(
                at("api.intercom.io", "/events"),
                [CRED, UID, MEETING, USAGE, OS],
                "Intercom",
                "event joined-meeting for user_id, metadata meeting_id/topic/participants; "
                "Bearer token; runtime version header",
            ),
        ],
    ),
    (
        "umami-node",
        [
            Expectation(
                at("analytics.meetcorp-example.com", "/api/send", b'"screen"'),
                [NET_ID, LOCALE, HW, MEETING, USAGE],
                "",
                "Umami (self-hosted) page view: hostname (the host name), language, screen "
                "size, url /j/<meeting number>; the website id is a public site id",
            ),
            Expectation(
                at("analytics.meetcorp-example.com", "/api/send", b"meeting-joined"),
                [EMAIL, MEETING, USAGE],
                "",
                "Umami custom event meeting-joined: data meeting id/topic/participants/role "
                "and the user's e-mail",
            ),
        ],
    ),
    (
        "configcat-node",
        [
            Expectation(
                at("cdn-global.configcat.com", "/configuration-files/", method="GET"),
                [CRED],
                "ConfigCat",
                "config download: the SDK key in the path; SDK user agent; no user data",
            ),
        ],
    ),
    (
        "growthbook-node",
        [
            Expectation(
                at("growthbook-proxy.meetcorp-example.com", "/api/eval/"),
                [CRED, UID, EMAIL, NAME, COARSE, OS, HW, MEETING],
                "",
                "remote evaluation on a self-hosted GrowthBook Proxy: client key in the path; attributes id, email, name, "
                "country CH, os 'Debian 12', deviceType desktop, last_meeting_id",
            ),
        ],
    ),
    (
        "hyperdx-node",
        [
            Expectation(
                at("in-otel.hyperdx.io", "/v1/logs"),
                [CRED, NET_ID, HW, OS, DID, UID, EMAIL, MEETING, NETWORK, DIAG],
                "HyperDX",
                "OTLP/HTTP JSON logs: resource host.name, host.arch, os.type/os.version, "
                "host.id (machine id), process.runtime.version; records with user.id, "
                "user.email, meeting.id, net.type wifi and an error stack; key in Authorization",
            ),
        ],
    ),
    (
        "loggly-py",
        [
            Expectation(
                at("logs-01.loggly.com", "/inputs/", b'"INFO"'),
                [CRED, NET_ID, UID, EMAIL, MEETING, OS, LOCALE, DIAG],
                "Loggly",
                "JSON log record (token in the path): host name, message object with user_id, "
                "user_email, meeting_id, os 'Debian GNU/Linux 12', locale de_CH.UTF-8",
            ),
            Expectation(
                at("logs-01.loggly.com", "/inputs/", b'"ERROR"'),
                [CRED, NET_ID, MEETING, NETWORK, PERF, DIAG],
                "Loggly",
                "JSON error record: host name, meeting_id, error text, local_ip, network_type "
                "wifi, rtt_ms and packet_loss_pct",
            ),
        ],
    ),
    (
        "matomo-node",
        [
            Expectation(
                at("stats.meetcorp-example.com", "/matomo.php", method="GET"),
                [EMAIL, DID, HW, LOCALE, OS, MEETING, USAGE],
                "",
                "Matomo (self-hosted) tracking GET: url with the meeting number, uid (the "
                "e-mail), _id visitor id, res, lang, ua (Linux x86_64), _cvar JSON with "
                "meeting_id",
            ),
            Expectation(
                at("stats.meetcorp-example.com", "/matomo.php", method="POST"),
                [EMAIL, DID, MEETING, USAGE],
                "",
                "Matomo bulk: query strings inside a JSON array; _id, uid (e-mail), events "
                "screen_share_started (meeting number) and left (topic)",
            ),
        ],
    ),
    (
        "woopra-node",
        [
            Expectation(
                at("www.woopra.com", "/track/identify"),
                [DID, LOCALE, HW, UID, NAME, EMAIL],
                "Woopra",
                "identify GET: cookie (visitor id), language, screen, cv_user_id, cv_name, "
                "cv_email, cv_company",
            ),
            Expectation(
                at("www.woopra.com", "/track/ce"),
                [DID, LOCALE, HW, UID, NAME, EMAIL, MEETING, NETWORK, USAGE],
                "Woopra",
                "custom event meeting_joined GET: the visitor fields again plus ce_meeting_id, "
                "ce_topic, ce_participants, ce_network wifi",
            ),
        ],
    ),
    (
        "exceptionless-node",
        [
            Expectation(
                at("collector.exceptionless.io", "/api/v2/events"),
                [CRED, MEETING, USAGE, EMAIL, UID, NAME, HW, OS, NET_ID, DIAG],
                "Exceptionless",
                "event batch: a usage event (meeting_id, participants, @user_description "
                "e-mail) and an error (@error with stack); @user identity/name; @environment "
                "processor count, architecture, memory, OS name/version, runtime version, "
                "machine_name, ip_address; Bearer key",
            ),
            Expectation(
                at("collector.exceptionless.io"),
                [CRED, MEETING, USAGE, EMAIL, UID, NAME, HW, OS, NET_ID, DIAG],
                "Exceptionless",
                "the same batch resent (the sinkhole's 204 is not the 202 it waits for)",
                followups=True,
            ),
        ],
    ),
    (
        "devcycle-node",
        [
            Expectation(
                at("bucketing-api.devcycle.com", "/v1/variables/"),
                [CRED, UID, EMAIL, NAME, LOCALE, COARSE, MEETING, OS, NET_ID],
                "DevCycle",
                "cloud bucketing of one variable: the user object (user_id, email, name, "
                "language, country, customData last_meeting_id, platformVersion, hostname); "
                "server key in Authorization",
            ),
            Expectation(
                at("bucketing-api.devcycle.com", "/v1/track"),
                [CRED, UID, EMAIL, NAME, LOCALE, COARSE, MEETING, OS, NET_ID, USAGE],
                "DevCycle",
                "track: the same user object and event meeting_joined with the meeting number "
                "as target",
            ),
            Expectation(
                lambda flow: flow["request"]["host"].endswith(".devcycle.com"),
                [CRED, UID, EMAIL, NAME, LOCALE, COARSE, MEETING, OS, NET_ID, USAGE],
                "DevCycle",
                "retries or event flushes (timing-dependent)",
                followups=True,
            ),
        ],
    ),
    (
        "trackjs-node",
        [
            Expectation(
                at("usage.trackjs.com", "/usage.gif", method="GET"),
                [CRED, TELEMETRY],
                "TrackJS",
                "the agent's usage ping: token and application in the query",
            ),
            Expectation(
                at("capture.trackjs.com", "/capture/node"),
                [CRED, OS, HW, EMAIL, SID, NETWORK, PERF, NET_ID, MEETING, UID, DIAG],
                "TrackJS",
                "error capture: user agent with Node/OS/arch, customer userId (the e-mail), "
                "sessionId, console telemetry (rtt, network_type wifi in a JSON string), "
                "metadata {key, value} records hostname/meeting_id/user_id, the stack; token",
            ),
        ],
    ),
    (
        "logflare-node",
        [
            Expectation(
                at("api.logflare.app", "/logs", b"joined meeting"),
                [CRED, UID, EMAIL, MEETING, NET_ID, DIAG],
                "Logflare",
                "pino record batch: metadata user_id, user_email, meeting id/topic, context "
                "host (the host name); X-API-Key and the source token in the query",
            ),
            Expectation(
                at("api.logflare.app", "/logs", b"media connection failed"),
                [CRED, MEETING, PERF, NET_ID, DIAG],
                "Logflare",
                "pino error record: err with stack, meeting_id, jitter_ms, context host",
            ),
        ],
    ),
    (
        "klaviyo-node",
        [
            Expectation(
                at("a.klaviyo.com", "/api/profile-import"),
                [CRED, EMAIL, UID, NAME, COARSE, LOCALE],
                "Klaviyo",
                "JSON:API profile upsert: email, external_id, first/last name, location city "
                "and country, timezone; Klaviyo-API-Key",
            ),
            Expectation(
                at("a.klaviyo.com", "/api/events"),
                [CRED, MEETING, USAGE, EMAIL, UID],
                "Klaviyo",
                "JSON:API event Joined Meeting: properties meeting id/topic/participants/"
                "duration; profile email and external_id",
            ),
        ],
    ),
]

# The format class of each flow (what the decoder must see as structure), for scores per class.
FORMAT_CLASSES: dict[str, str] = {
    "splitio-node": "compact-key JSON (one-letter keys)",
    "optimizely-node": "key/value attribute records (JSON)",
    "coralogix-node": "JSON inside string fields (log text)",
    "seq-node": "structured log events (message templates, PascalCase keys)",
    "sumo-node": "identifier headers + JSON log record",
    "intercom-node": "JSON analytics events",
    "umami-node": "JSON analytics events",
    "configcat-node": "headers and path only",
    "growthbook-node": "JSON analytics events",
    "hyperdx-node": "OTLP/HTTP JSON logs (dotted keys)",
    "loggly-py": "JSON log record (nested message)",
    "matomo-node": "query string (tracking GET)",
    "woopra-node": "query string (tracking GET)",
    "exceptionless-node": "error reports (JSON)",
    "devcycle-node": "JSON analytics events",
    "trackjs-node": "error reports (JSON)",
    "logflare-node": "JSON log record (nested message)",
    "klaviyo-node": "JSON:API documents",
}


def format_class(scenario: str, flow: dict[str, Any]) -> str:
    request = flow["request"]
    if request["host"] == "sdk.split.io" or request["host"] == "usage.trackjs.com":
        return "headers and path only"
    if request["host"] == "events.split.io" and request["path"].startswith("/api/events"):
        return "JSON analytics events"
    if scenario == "matomo-node" and request["method"] == "POST":
        return "query strings inside a JSON array"
    return FORMAT_CLASSES[scenario]


HELDOUT = HeldoutSet(
    name="heldout6",
    here=HERE,
    out=OUT,
    scenarios=SCENARIOS,
    scenario_hosts=SCENARIO_HOSTS,
    format_class=format_class,
)


if __name__ == "__main__":
    raise SystemExit(HELDOUT.main((__doc__ or "").splitlines()[0]))
