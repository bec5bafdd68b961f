"""Build the twenty-third held-out set `heldout23.jsonl.frozen` (issue 15): real programs absent
from the development set (everything in this directory: flows.jsonl, heldout*.jsonl, sdk*.jsonl,
npm/, heldout5_npm/ … heldout23_npm/, sdk*_npm/, *_runs.py, generate.py, and auditor/vendors/),
recorded through the real proxy offline, from the telemetry SDKs a desktop meeting client and its
backend embed and what they send home: experiments and feature flags with product analytics
(Hackle), error logging from the client's renderer (elmah.io), logs of its main process (Baselime),
behaviour-based in-app / e-mail messaging (Userlist), and two customer-success platforms its usage
is reported to (Totango, ChurnZero).

Run: `.venv/bin/python tests/label/corpus/heldout23.py` (offline; `make setup`, then
`npm ci` in `heldout23_npm/` and `pip install -r heldout23-requirements.txt`).
`--raw SCENARIO…` records and prints only the requests (method, URL, headers, decoded body):
what the expectations were written from. The capture labels what it stores; those labels are
dropped before anything is printed or written.

Sources: npm SDKs in `heldout23_npm/` (Node, through `npm/proxy-preload.js` as the npm corpus
scenarios, and one page in headless Chromium) and PyPI SDKs in `heldout23_runs.py`, each sending
to its vendor's real host, answered inside the proxy by `auditor capture --sinkhole '*'`.

Expectations were written from the payloads and committed before the labeller ran on them.
The set is written as `heldout23.jsonl.frozen` so that nothing globbing `*.jsonl` (the label
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
    TELEMETRY,
    UID,
    USAGE,
    HeldoutSet,
    at,
)

OUT = HERE / "heldout23.jsonl.frozen"

HACKLE_SDK = "sdk-api.hackle.io"
HACKLE_EVENT = "event-api.hackle.io"
HACKLE_MONITORING = "monitoring.hackle.io"
USERLIST = "push.userlist.com"
BASELIME = "events.baselime.io"
ELMAH = "api.elmah.io"
TOTANGO = "sdr.totango.com"
CHURNZERO = "analytics.churnzero.net"

CHURNZERO_KEY = "h23cz1a2b3c4d5e6f7a8b9c0d1e2f3a4b5"

SCENARIO_HOSTS: dict[str, set[str]] = {
    "hackle-node": {HACKLE_SDK, HACKLE_EVENT, HACKLE_MONITORING},
    "userlist-node": {USERLIST},
    "baselime-node": {BASELIME},
    "elmah-browser": {ELMAH},
    "totango-py": {TOTANGO},
    "churnzero-py": {CHURNZERO},
}

# Expectations written from the payloads (`--raw`: requests only), before the labeller ran on
# them. Reading conventions as heldout5.py … heldout21.py (the README's "How the expectations were
# written" for each, generate.py's docstring) and docs/taxonomy.md's "Conventions"; the judgement
# calls new to this set are in the README's "Sources of heldout23".
HACKLE_HEADERS = (
    "X-HACKLE-SDK-KEY (credential); X-HACKLE-SDK-NAME javascript-sdk_node and -VERSION name the "
    "SDK, -TIME a clock (nothing)"
)
HACKLE_USER = (
    "identifiers $userId alice.corpus (user id) and $deviceId (the app's device id: device id), "
    "userProperties email (e-mail), os 'Windows 11 23H2' (os), locale en-GB (locale), "
    "app_version and plan (nothing)"
)
USERLIST_KEY = "Authorization Push <key> (credential)"
BASELIME_HEADERS = (
    "x-api-key (credential); x-service meeting-desktop and x-namespace call name the app "
    "(nothing); User-Agent axios earns nothing"
)
ELMAH_CONTEXT = (
    "api_key in the query (credential), the log id in the path (nothing); data Browser-/Screen-"
    "Width/Height and Color-Depth (screen: hardware), serverVariables User-Language en-US "
    "(locale) and the browser's User-Agent copied into the body, naming Linux x86_64 (os); url "
    "the page's file path (nothing); top-level user <corpus e-mail> (the person acting: user "
    "id and e-mail); data meeting_id (meeting metadata); the request's User-Agent and Client "
    "Hints headers earn nothing"
)
SCENARIOS: list[tuple[str, list[Expectation]]] = [
    (
        "hackle-node",
        [
            Expectation(
                at(HACKLE_SDK, "/api/v2/workspaces/", method="GET"),
                [CRED],
                "Hackle",
                "workspace configuration download (experiments and flags) with the SDK key in "
                "the path and header (credential only, as heldout18's Featureflow download); "
                + HACKLE_HEADERS,
            ),
            Expectation(
                at(HACKLE_EVENT, "/api/v2/events", b'"$properties"'),
                [CRED, UID, DID, EMAIL, OS, LOCALE],
                "Hackle",
                "event batch with one $properties event: $set meetings_hosted 41 and $increment "
                "recordings 1 on the user's profile (a profile update, no event the user caused: "
                "no product usage; a count names no meeting); "
                + HACKLE_USER
                + "; "
                + HACKLE_HEADERS,
            ),
            Expectation(
                at(HACKLE_EVENT, "/api/v2/events", b"meeting_ended"),
                [CRED, UID, DID, EMAIL, OS, LOCALE, MEETING, USAGE, PERF],
                "Hackle",
                "event batch with the track event meeting_ended value 52 (what the user did: "
                "product usage), properties meeting_id and topic (meeting metadata), "
                "participants, noise_suppression, avg_jitter_ms 18 (a call-quality statistic "
                "in a tracked event: performance); " + HACKLE_USER + "; " + HACKLE_HEADERS,
            ),
            Expectation(
                at(HACKLE_MONITORING, "/metrics"),
                [CRED, TELEMETRY, USAGE],
                "Hackle",
                "the SDK's own metrics: log counters by level and timers of its API calls (SDK "
                "self-statistics: telemetry; the SDK's own call times are its health, no "
                "performance, as heldout6's Split telemetry), experiment.decision key 42 "
                "variation A and feature.flag.decision key 7 counts (flag and experiment "
                "evaluations counted per key: product usage, as heldout5's Unleash metrics); no "
                "user or device; " + HACKLE_HEADERS,
            ),
        ],
    ),
    (
        "userlist-node",
        [
            Expectation(
                at(USERLIST, "/users", b'"identifier":"alice.corpus"', method="POST"),
                [CRED, UID, EMAIL, NAME, OS],
                "Userlist",
                "user push of the host: identifier alice.corpus (user id), email (e-mail), "
                "first_name Alice and last_name Example (her real name: name), client 'desktop "
                "5.19.2 on Windows 11 23H2' (an OS with its version: os), plan and "
                "meetings_hosted (nothing; a profile update: no product usage); " + USERLIST_KEY,
            ),
            Expectation(
                at(USERLIST, "/companies"),
                [CRED],
                "Userlist",
                "company push: the workspace's identifier ws_acme_0142 and name, plan, seats, "
                "industry (a workspace: no user id); " + USERLIST_KEY,
            ),
            Expectation(
                at(USERLIST, "/relationships"),
                [CRED, UID],
                "Userlist",
                "relationship push: user alice.corpus (user id), company ws_acme_0142 (no user "
                "id), role admin; " + USERLIST_KEY,
            ),
            Expectation(
                at(USERLIST, "/users", b"usr_7Hq2Vn0xK4", method="POST"),
                [CRED, UID, EMAIL, NAME, PHONE],
                "Userlist",
                "user push of the guest who signed up from the invite: identifier usr_… (user "
                "id), email (e-mail), first_name and last_name (name), phone (phone), "
                "invited_by alice.corpus (a username under a key for the person inviting: user "
                "id), signup_source meeting_invite (names no meeting); a profile update: no "
                "product usage; " + USERLIST_KEY,
            ),
            Expectation(
                at(USERLIST, "/events"),
                [CRED, UID, MEETING, USAGE],
                "Userlist",
                "event meeting_ended of user alice.corpus (user id): meeting_id, topic, "
                "duration_minutes 52 and participants (meeting metadata), recording; an event "
                "the user caused (product usage); " + USERLIST_KEY,
            ),
            Expectation(
                at(USERLIST, "/messages"),
                [CRED, UID, NAME, EMAIL, MEETING],
                "Userlist",
                "message push: template share_recording_nudge to user alice.corpus (user id) "
                "with guest_name (name), guest_email (e-mail) and meeting_topic (meeting "
                "metadata): a message the backend has the vendor send (no product usage, no "
                "chat, as heldout19's Loops transactional e-mail); " + USERLIST_KEY,
            ),
        ],
    ),
    (
        "baselime-node",
        [
            Expectation(
                at(BASELIME, "/v1/winston-logs", b"joined meeting"),
                [CRED, DIAG, MEETING, UID, EMAIL, HW, OS, PERF, NETWORK, NET_ID],
                "Cloudflare Baselime",
                "winston log batch of two records (log records: diagnostics): 'joined meeting' "
                "with meeting_id and topic (meeting metadata), user <corpus e-mail> (the person "
                "acting: user id and e-mail), role host, audio_device 'Jabra Evolve2 65' "
                "(hardware); 'network degraded' with packet_loss_pct, jitter_ms, rtt_ms (call "
                "quality: performance), connection wifi (network) and local_ip 192.168.1.23 "
                "(network id, as heldout6's Loggly record); each with platform win32 and "
                "os_release 10.0.22631 (os), app_version; " + BASELIME_HEADERS,
            ),
            Expectation(
                at(BASELIME, "/v1/winston-logs", b"recording upload failed"),
                [CRED, DIAG, MEETING, OS, UID],
                "Cloudflare Baselime",
                "winston error record: message and stack of the failed recording upload "
                "(diagnostics), meeting_id and the file path with the meeting number (meeting "
                "metadata), the path C:\\Users\\alice.corpus\\… (the user's account name "
                "on the machine: user id), size_bytes; platform win32 and os_release (os); the "
                "stack's frame names the scenario's own path (nothing); " + BASELIME_HEADERS,
            ),
        ],
    ),
    (
        "elmah-browser",
        [
            Expectation(
                at(ELMAH, "/v3/messages/", b"Screen share started"),
                [CRED, DIAG, MEETING, UID, EMAIL, HW, LOCALE, OS],
                "elmah.io",
                "log message, severity Information (a log record: diagnostics): title 'Screen "
                'share started in meeting <number> "<topic>"\' (meeting metadata); '
                + ELMAH_CONTEXT,
            ),
            Expectation(
                at(ELMAH, "/v3/messages/", b"Camera preview failed"),
                [CRED, DIAG, MEETING, UID, EMAIL, NAME, HW, LOCALE, OS],
                "elmah.io",
                "error message: type TypeError, detail its stack trace, source the page "
                "(diagnostics), title naming the guest in full with her address (name, "
                "e-mail); " + ELMAH_CONTEXT,
            ),
            Expectation(
                at(ELMAH, "/v3/messages/", b"Dial-in participant dropped"),
                [CRED, DIAG, MEETING, UID, EMAIL, NAME, PHONE],
                "elmah.io",
                "log message built by hand, severity Warning, type ParticipantDropped, source "
                "pstn-bridge (a log record: diagnostics); user <corpus e-mail> (user id and "
                "e-mail), data participant the guest's full name (name), dial_in_number her "
                "phone (phone), topic and meeting_id (meeting metadata); no browser context "
                "(no screen, language or user agent in this body); api_key in the query "
                "(credential)",
            ),
        ],
    ),
    (
        "totango-py",
        [
            Expectation(
                at(TOTANGO, "/pixel.gif/", b"Started+cloud+recording"),
                [UID, EMAIL, NAME, MEETING, USAGE],
                "Totango",
                "form-encoded activity: sdr_u <corpus e-mail> (the user's id in Totango: user "
                "id and e-mail), sdr_u.name Alice Example (name), sdr_o/sdr_odn the workspace "
                "(no user id), sdr_u.Meeting '<number> <topic>' (meeting metadata), sdr_u.Client "
                "desktop 5.19.2 (an app version, no os), sdr_m Meetings / sdr_a 'Started cloud "
                "recording' (what the user did: product usage), sdr_o.Plan/Seats; sdr_s the "
                "service id (a public tracking id, no credential, as heldout6's site ids); "
                "User-Agent python-totango earns nothing",
            ),
            Expectation(
                at(TOTANGO, "/pixel.gif/", b"Shared+screen"),
                [UID, EMAIL, NAME, MEETING, USAGE],
                "Totango",
                "form-encoded activity: sdr_u <corpus e-mail> (user id and e-mail), sdr_u.name "
                "(name), sdr_a 'Shared screen' in module Meetings (product usage), sdr_u."
                "'Minutes in meeting' 52 (the meeting's length: meeting metadata, the call I am "
                "least sure of here: no meeting is named); sdr_s (no credential)",
            ),
            Expectation(
                at(TOTANGO, "/pixel.gif/", b"sdr_u.Phone"),
                [UID, EMAIL, NAME, PHONE],
                "Totango",
                "form-encoded user update of the guest (no module or action: a profile "
                "update, no product usage): sdr_u her address (user id and e-mail), sdr_u.name "
                "(name), sdr_u.Phone (phone), sdr_u.'Invited by' <corpus e-mail> (the person "
                "inviting: user id and e-mail), Role guest (an account's role, no meeting); "
                "sdr_s (no credential)",
            ),
        ],
    ),
    (
        "churnzero-py",
        [
            Expectation(
                at(CHURNZERO, f"/i?appKey={CHURNZERO_KEY}&entity=account"),
                [CRED],
                "ChurnZero",
                "GET account setAttribute: externalAccountId ws_acme_0142, attr_Name, _Plan, "
                "_Seats (a workspace: nothing); appKey in the query (credential); User-Agent "
                "churnzero-python-api-wrapper earns nothing",
            ),
            Expectation(
                at(CHURNZERO, f"/i?appKey={CHURNZERO_KEY}&entity=contact"),
                [CRED, UID, EMAIL, NAME, OS],
                "ChurnZero",
                "GET contact setAttribute: contactExternalId alice.corpus (the client's "
                "reference to the user: user id), attr_Email (e-mail), attr_FirstName and "
                "_LastName (name), 'attr_Last client' 'desktop 5.19.2 (Windows 11 23H2)' (os); a "
                "profile update (no product usage); appKey (credential)",
            ),
            Expectation(
                at(CHURNZERO, f"/i?appKey={CHURNZERO_KEY}&action=trackEvent"),
                [CRED, UID, MEETING, NAME, USAGE],
                "ChurnZero",
                "GET trackEvent 'Meeting held' of contact alice.corpus (user id), description "
                "'<topic> (<number>) with <guest full name>' (meeting metadata, name), quantity "
                "52, eventDate (an event the user caused: product usage); appKey (credential)",
            ),
        ],
    ),
]

FORMAT_CLASSES: dict[str, str] = {
    "hackle-node": "JSON event batches + SDK headers (flags/experiments SDK)",
    "userlist-node": "JSON REST API calls",
    "baselime-node": "JSON log-record arrays",
    "elmah-browser": "browser SDK JSON (XHR), key in the query",
    "totango-py": "form-encoded tracking POST",
    "churnzero-py": "GET query-string API calls",
}


def format_class(scenario: str, flow: dict[str, Any]) -> str:
    return FORMAT_CLASSES.get(scenario, "JSON REST API calls")


HELDOUT = HeldoutSet(
    name="heldout23",
    here=HERE,
    out=OUT,
    scenarios=SCENARIOS,
    scenario_hosts=SCENARIO_HOSTS,
    format_class=format_class,
)


if __name__ == "__main__":
    raise SystemExit(HELDOUT.main((__doc__ or "").splitlines()[0]))
