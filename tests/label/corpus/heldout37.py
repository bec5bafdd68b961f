"""Build the thirty-seventh held-out set `heldout37.jsonl.frozen` (issue 15): real programs absent
from everything in this directory (flows.jsonl, heldout*.jsonl and *.jsonl.frozen, sdk*.jsonl,
npm/, the heldout*_npm/ and sdk*_npm/ dirs, *_runs.py, generate.py) and from auditor/vendors/,
recorded through the real proxy offline, from the telemetry a desktop meeting client and its
backend embed: API monitoring of the client's backend (Treblle, Apitally over OpenTelemetry),
an APM agent (Atatus), experiment assignment with tracked events (Eppo) and product
analytics (Hightouch Events).

Run: `.venv/bin/python tests/label/corpus/heldout37.py` (offline; `make setup`, then
`npm ci` in `heldout37_npm/` and `pip install -r heldout37-requirements.txt`).
`--raw SCENARIO…` records and prints only the requests (method, URL, headers, decoded body):
what the expectations were written from. The capture labels what it stores; those labels are
dropped before anything is printed or written.

Sources: npm SDKs in `heldout37_npm/` (Node, through `npm/proxy-preload.js` as the npm corpus
scenarios) and PyPI SDKs in `heldout37_runs.py`, each sending to its vendor's real default host,
answered inside the proxy by `auditor capture --sinkhole '*'`.

Expectations were written from the payloads and committed before the labeller ran on them.
The set is written as `heldout37.jsonl.frozen` so that nothing globbing `*.jsonl` (the label
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
    PHONE,
    SID,
    TELEMETRY,
    UID,
    USAGE,
    HeldoutSet,
    at,
)

OUT = HERE / "heldout37.jsonl.frozen"

TREBLLE = "rocknrolla.treblle.com"
EPPO_CONFIG = "fscdn.eppo.cloud"
EPPO_EVENTS = "7kq2vd.e.eppo.cloud"
APITALLY = "otlp.apitally.io"
ATATUS = "apm-rx.atatus.com"
HIGHTOUCH = "us-east-1.hightouch-events.com"

SCENARIO_HOSTS: dict[str, set[str]] = {
    "treblle-node": {TREBLLE},
    "eppo-node": {EPPO_CONFIG, EPPO_EVENTS},
    "apitally-py": {APITALLY},
    "atatus-py": {ATATUS},
    "hightouch-py": {HIGHTOUCH},
}

# Expectations written from the payloads (`--raw`: requests only), before the labeller ran on
# them. Reading conventions as heldout5.py … heldout35.py (the README's "How the expectations were
# written" for each, generate.py's docstring) and docs/taxonomy.md's "Conventions"; the judgement
# calls new to this set are in the README's "Sources of heldout37".
TREBLLE_RECORD = (
    "Treblle's JSON record of one API call to the client's backend: api_key in the body and "
    "x-api-key (credential), project_id (nothing); server timezone UTC (a time zone: locale), "
    "server os linux with its kernel release and language node v20.20.2 (os), the client's "
    "user agent 'AcmeMeet/3.8.1 (Electron 31.2.0; Windows NT 10.0)' copied into the record "
    "(os), its request headers copied with the client's Authorization Bearer session token "
    "(credential), ip 127.0.0.1 (loopback: nothing), load_time (the call's measured time: "
    "performance); the API call a user made (as heldout14's Moesif events): product usage; "
    "the path /api/meetings/<number>/… (meeting metadata); User-Agent node-fetch earns nothing"
)
ATATUS_COMMON = (
    "gzip JSON with licenseKey in the body and license_key in the query (credential), "
    "appName/version/environment (nothing), hostname vm and metadata.system hostnames (a bare "
    "hostname: network id), hostId/bootid d24a5f4e-… (the machine's id: device id), metadata "
    "python/CPython 3.12.1, platform linux, architecture x86_64 (os), hwinfo cpu model AMD EPYC, "
    "cores, mhz and mem_size (hardware), pid/ppid (nothing); User-Agent python-requests earns "
    "nothing"
)
APITALLY_COMMON = (
    "OTLP/HTTP protobuf (gzip); Authorization Bearer apt_… write token (credential), "
    "Apitally-Env prod (nothing); resource telemetry.sdk.*, service.instance.id (a process "
    "run's id: nothing), deployment.environment.name, telemetry.distro.* (nothing)"
)
HIGHTOUCH_CONTEXT = (
    "each message's context as the client passes it: app name/version/build (nothing), os "
    "Windows 10.0.22631 (os), device.id the machine id (device id), manufacturer LENOVO and "
    "model 20XW (hardware), network wifi/cellular (network), locale en-NZ and timezone "
    "Pacific/Auckland (locale), ip 192.168.1.23 (the local address as data: network id, as "
    "heldout23's local_ip); library name/version, messageIds, timestamps (nothing); writeKey in "
    "the body (credential); User-Agent events-sdk-python earns nothing"
)
EPPO_TOKEN = "the SDK key (credential); User-Agent node earns nothing"

SCENARIOS: list[tuple[str, list[Expectation]]] = [
    (
        "treblle-node",
        [
            Expectation(
                at(TREBLLE, "/", b"/join"),
                [CRED, USAGE, PERF, OS, LOCALE, UID, NAME, EMAIL, MEETING],
                "Treblle",
                "POST /api/meetings/<number>/join: request body display_name Alice Example (a "
                "display name of the person joining: user id and name) and email <corpus "
                "e-mail> (a describing key: e-mail only); response body meeting_id and topic "
                "(meeting metadata), participant_id p_5e21 (a participant record's id: nothing); "
                + TREBLLE_RECORD,
            ),
            Expectation(
                at(TREBLLE, "/", b"/invites"),
                [CRED, USAGE, PERF, OS, LOCALE, NAME, EMAIL, PHONE, MEETING, CHAT],
                "Treblle",
                "POST /api/meetings/<number>/invites: request body the guest's name, email, "
                "phone (describing keys: name, e-mail, phone) and message 'Kia ora, joining us "
                "for the <topic>?' (the host's own words to the guest in the invitation: chat, "
                "the chat call I am least sure of; the topic: meeting metadata); response "
                "status, invitee <guest e-mail> (the invitation's addressee, as heldout26's "
                "invitee_email: e-mail only) and name; " + TREBLLE_RECORD,
            ),
            Expectation(
                at(TREBLLE, "/", b"/chat"),
                [CRED, USAGE, PERF, OS, LOCALE, UID, NAME, CHAT, MEETING],
                "Treblle",
                "POST /api/meetings/<number>/chat: request body from Alice Example and to "
                "<guest full name> (sender and recipient by display name: user id and name) and "
                "text '<guest first name>, can you share the sighting log …?' (a chat message; a "
                "first name alone earns no name); response message_id, delivered (nothing); "
                + TREBLLE_RECORD,
            ),
            Expectation(
                at(TREBLLE, "/", b"/recording"),
                [CRED, USAGE, DIAG, PERF, OS, LOCALE, MEETING],
                "Treblle",
                "POST /api/meetings/<number>/recording answered 500: request body bytes and "
                "format (nothing), response code 500 with Express's error headers, errors "
                "[{type UNHANDLED_EXCEPTION, message 'recording upload for meeting <number> "
                "failed: …', file and line of the scenario}] (an API call answered with an "
                "error, recorded with it: diagnostics, issue 15p; the number in the message and "
                "path: meeting metadata); still an API call the user made (product usage, as "
                "the other records); " + TREBLLE_RECORD,
            ),
        ],
    ),
    (
        "eppo-node",
        [
            Expectation(
                at(EPPO_CONFIG, "/api/flag-config/v1/config", method="GET"),
                [CRED],
                "Eppo",
                "flag configuration download: apiKey in the query (credential), sdkName and "
                "sdkVersion (nothing), no body; " + EPPO_TOKEN,
            ),
            Expectation(
                at(EPPO_CONFIG, "/api/flag-config/v1/config", method="GET"),
                [CRED],
                "Eppo",
                "the same download retried by the SDK after the sinkhole's empty answer",
                followups=True,
            ),
            Expectation(
                at(EPPO_EVENTS, "/v0/i"),
                [CRED, USAGE, MEETING, UID, EMAIL, NAME, PHONE, OS, NETWORK],
                "Eppo",
                "JSON batch eppo_events of three tracked events: guest_admitted (meeting_id, "
                "meeting_topic: meeting metadata; host <corpus e-mail> (an address under a key "
                "for the person hosting: user id and e-mail); guest_name, guest_email (describing "
                "keys: name, e-mail); waiting_room_seconds), screen_share_started (user "
                "alice.corpus: user id; surface; noise_suppression the experiment's variant), "
                "call_quality_survey (rating 2 and a free-text comment naming the guest in full "
                "with her phone: in-app survey feedback, product usage, no chat; name, phone; os "
                "'Windows 11 23H2': os; network wifi: network); events the user caused: product "
                "usage; uuids, timestamps, context {} (nothing); x-eppo-token " + EPPO_TOKEN,
            ),
        ],
    ),
    (
        "apitally-py",
        [
            Expectation(
                at(APITALLY, "/v1/traces"),
                [CRED, PERF, SID, OS, UID, NAME, EMAIL, PHONE, MEETING, CHAT],
                "Apitally",
                "three server spans (OTLP spans: performance) of the client's calls to its "
                "backend, with trace and span ids (session id, as heldout7's OTLP traces), "
                "url.path /api/meetings/<number>/… (meeting metadata), user_agent.original and "
                "the copied User-Agent header 'Python-urllib/3.12' (a library user agent copied "
                "into the data naming Python's version: os, the os call I am least sure of), "
                "client.address 127.0.0.1 (loopback: nothing), the copied Authorization header "
                "'[REDACTED]' (redacted: nothing); apitally.request.body of the join "
                "(display_name Alice Example: user id and name; email: e-mail) and of the invite "
                "(the guest's name, email, phone and the message 'Joining us for the <topic>?': "
                "name, e-mail, phone, meeting metadata; the host's words to the guest: chat, as "
                "Treblle's), the quality report's mos, jitter_ms, packet_loss; "
                "apitally.response.body with the topic (meeting metadata); " + APITALLY_COMMON,
            ),
            Expectation(
                at(APITALLY, "/v1/logs"),
                [CRED, DIAG, TELEMETRY, OS, NAME, EMAIL, MEETING, SID],
                "Apitally",
                "log records: apitally.app.startup (framework flask, versions python 3.12.1: os; "
                "the app's paths and the SDK's capture settings: the SDK's startup report, "
                "telemetry), the app's records 'participant Alice Example joined meeting "
                "<number>' (name in prose, meeting metadata), 'invite sent to <guest e-mail> "
                "for meeting <number>' (e-mail), the warning 'poor network reported in meeting "
                "<number>: mos 2.9' (OTLP log records: diagnostics), code.file.path and line "
                "(nothing), traceId/spanId (session id); " + APITALLY_COMMON,
            ),
            Expectation(
                at(APITALLY, "/v1/metrics"),
                [CRED, PERF],
                "Apitally",
                "metrics: process.uptime, process.cpu.utilization, process.memory.usage and "
                "http.server.request.duration / request and response body size histograms per "
                "method, route template and status (performance); no meeting number (route "
                "templates only); " + APITALLY_COMMON,
            ),
        ],
    ),
    (
        "atatus-py",
        [
            Expectation(
                at(ATATUS, "/track/apm/hostinfo"),
                [CRED, TELEMETRY, OS, HW, NET_ID, DID],
                "Atatus",
                "the agent's host info at start (a launch report of the agent: telemetry): "
                "environment.host (hostname, cpu, ram, bootId/hostId, arch, os Linux, kernel), "
                "settings (python executable and application paths under /work, framework Flask "
                "3.1.3, the agent's options), python_packages (nothing personal); " + ATATUS_COMMON,
            ),
            Expectation(
                at(ATATUS, "/track/apm/txn"),
                [CRED, PERF, OS, HW, NET_ID, DID],
                "Atatus",
                "transactions: name 'POST /api/meetings/<meeting_id>/…' (a route template: no "
                "meeting), durations and traces (timings: performance); " + ATATUS_COMMON,
            ),
            Expectation(
                at(ATATUS, "/track/apm/error"),
                [CRED, DIAG, SID, UID, EMAIL, MEETING, OS, HW, NET_ID, DID],
                "Atatus",
                "error: ConnectionError 'recording upload for meeting <number> (<topic>) "
                "failed: …' with its stack (diagnostics; the number and topic: meeting "
                "metadata), request path /api/meetings/<number>/recording (meeting metadata), "
                "userAgent Werkzeug (nothing), txnId and traceId (session id), user id u_10f2 "
                "and username alice.corpus (user id), email <corpus e-mail> (e-mail), "
                "customData app (nothing); " + ATATUS_COMMON,
            ),
            Expectation(
                at(ATATUS, "/track/apm/metric"),
                [CRED, PERF, OS, HW, NET_ID, DID],
                "Atatus",
                "system and process CPU and memory metrics (performance); " + ATATUS_COMMON,
            ),
        ],
    ),
    (
        "hightouch-py",
        [
            Expectation(
                at(HIGHTOUCH, "/v1/batch", b'"identify"'),
                [
                    CRED,
                    USAGE,
                    PERF,
                    UID,
                    EMAIL,
                    NAME,
                    MEETING,
                    OS,
                    HW,
                    DID,
                    NETWORK,
                    LOCALE,
                    NET_ID,
                ],
                "Hightouch",
                "gzip JSON batch of an identify (userId alice.corpus: user id; traits email and "
                "name of the host: e-mail, name; plan) and a track 'Meeting Joined' (meeting_id "
                "and topic: meeting metadata; role; join_ms 1840, a client-measured time inside "
                "a tracked event: performance; the event the user caused: product usage); "
                + HIGHTOUCH_CONTEXT,
            ),
            Expectation(
                at(HIGHTOUCH, "/v1/batch", b"Guest Admitted"),
                [CRED, USAGE, UID, NAME, EMAIL, MEETING, OS, HW, DID, NETWORK, LOCALE, NET_ID],
                "Hightouch",
                "gzip JSON batch of tracks 'Guest Admitted' (meeting_id: meeting metadata; "
                "guest_name, guest_email: describing keys, name and e-mail), 'Screen Share "
                "Started' (surface, resolution), 'Meeting Left' (duration_s, a bare duration in "
                "a product event: no performance; reason) and a screen view 'Screen Share "
                "Picker' (product usage), userId alice.corpus on each (user id); "
                + HIGHTOUCH_CONTEXT,
            ),
        ],
    ),
]


def format_class(scenario: str, flow: dict[str, Any]) -> str:
    request = flow["request"]
    if scenario == "treblle-node":
        return "JSON API-call records (request and response copied)"
    if scenario == "eppo-node":
        if request.get("method") == "GET":
            return "GET configuration download, key in the query"
        return "JSON event batch"
    if scenario == "apitally-py":
        return "OTLP/HTTP protobuf (gzip)"
    if scenario == "hightouch-py":
        return "gzip JSON event batches (Segment-style), key in the body"
    return "gzip JSON APM payloads, key in the query"


HELDOUT = HeldoutSet(
    name="heldout37",
    here=HERE,
    out=OUT,
    scenarios=SCENARIOS,
    scenario_hosts=SCENARIO_HOSTS,
    format_class=format_class,
)


if __name__ == "__main__":
    raise SystemExit(HELDOUT.main((__doc__ or "").splitlines()[0]))
