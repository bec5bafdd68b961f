"""Build the thirteenth held-out set `heldout13.jsonl.frozen` (issue 15): real programs absent
from the development set (everything in this directory: flows.jsonl, heldout*.jsonl, sdk*.jsonl,
npm/, heldout5_npm/ … heldout12_npm/, sdk*_npm/, *_runs.py, generate.py, and auditor/vendors/),
recorded through the real proxy offline: telemetry and monitoring SDKs a meeting backend reports
metrics, spans, logs, events, alerts and job pings through (Wavefront, Logdash, Opsgenie,
Cronitor), a notification platform it tracks events and triggers invitations through (SuprSend),
calendar and scheduling APIs it books the meeting through (Nylas, Cronofy) and a video platform it
publishes the recording on (Vimeo).

Run: `.venv/bin/python tests/label/corpus/heldout13.py` (offline; `make setup`, then
`npm ci` in `heldout13_npm/` and `pip install -r heldout13-requirements.txt`).
`--raw SCENARIO…` records and prints only the requests (method, URL, headers, decoded body):
what the expectations were written from. The capture labels what it stores; those labels are
dropped before anything is printed or written.

Sources: npm SDKs in `heldout13_npm/` (Node, through `npm/proxy-preload.js` as the npm corpus
scenarios) and PyPI SDKs in `heldout13_runs.py`, each sending to its vendor's real host, answered
inside the proxy by `auditor capture --sinkhole '*'`.

Expectations were written from the payloads and committed before the labeller ran on them.
The set is written as `heldout13.jsonl.frozen` so that nothing globbing `*.jsonl` (the label
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
    COARSE,
    CRED,
    DIAG,
    EMAIL,
    LOCALE,
    MEETING,
    NAME,
    NET_ID,
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

OUT = HERE / "heldout13.jsonl.frozen"

SCENARIO_HOSTS: dict[str, set[str]] = {
    "wavefront-py": {"meetcorp.wavefront.com"},
    "logdash-py": {"api.logdash.io"},
    "opsgenie-py": {"api.opsgenie.com"},
    "cronitor-node": {"cronitor.link", "cronitor.io"},
    "suprsend-py": {"hub.suprsend.com"},
    "nylas-py": {"api.us.nylas.com"},
    "cronofy-py": {"api.cronofy.com"},
    "vimeo-py": {"api.vimeo.com"},
}


def url_has(host: str, prefix: str, needle: str) -> Any:
    """A request to `host` whose path starts with `prefix` and whose URL holds `needle` (the
    telemetry pings that differ only in their query)."""
    in_path = at(host, prefix)

    def check(flow: dict[str, Any]) -> bool:
        return bool(in_path(flow) and needle in flow["request"]["url"])

    return check


# Expectations written from the payloads (`--raw`: requests only), before the labeller ran on
# them. Reading conventions as heldout5.py … heldout12.py (the README's "How the expectations were
# written" for each, generate.py's docstring) and docs/taxonomy.md's "Conventions" (the settled
# user-agent convention and which ids name a person); the judgement calls new to this set are in
# the README's "Sources of heldout13".
SCENARIOS: list[tuple[str, list[Expectation]]] = [
    (
        "wavefront-py",
        [
            Expectation(
                url_has("meetcorp.wavefront.com", "/report", "f=wavefront"),
                [CRED, PERF, MEETING, UID, EMAIL, NET_ID, OS],
                "Broadcom",
                "gzip body (octet-stream) of three Wavefront metric lines: call quality metrics "
                "(jitter, packet loss, fps) with source=<corpus host name> (a bare host name: "
                "network id) and point tags meeting_id, participant=<guest e-mail> (the person "
                "taking part, named by e-mail: user id and e-mail), client desktop, os 'Windows "
                "11 23H2', region (a cloud region: not a place); Bearer token",
            ),
            Expectation(
                url_has("meetcorp.wavefront.com", "/report", "f=histogram"),
                [CRED, PERF, MEETING, NET_ID],
                "Broadcom",
                "gzip Wavefront histogram line '!M <ts> #3 220.0 #1 480.0 …' of join latency "
                "(a timing distribution) with source=<host name>, tags meeting_id and client; "
                "Bearer",
            ),
            Expectation(
                url_has("meetcorp.wavefront.com", "/report", "f=trace"),
                [CRED, PERF, MEETING, EMAIL, UID, NET_ID, SID],
                "Broadcom",
                "gzip Wavefront span line 'joinMeeting' with start and duration 1350 ms (a "
                "span with a timing), source=<host name>, traceId/spanId (a trace id: session "
                "id), tags meeting_id, user_email=<guest e-mail> (the user's e-mail under a key "
                "for the user: user id and e-mail), application, service, http.status_code; "
                "Bearer",
            ),
            Expectation(
                url_has("meetcorp.wavefront.com", "/report", "f=spanLogs"),
                [CRED, DIAG, NAME, SID, PERF, MEETING, EMAIL, UID, NET_ID],
                "Broadcom",
                "gzip JSON span log (declared octet-stream): traceId, spanId, a log record "
                "{event: error, error.kind: IceConnectionFailed, message 'ICE failed for Tomasz "
                "Kowalczyk after 3 candidates'} (an error log record: diagnostics; a full name) "
                "and the span line it belongs to as a string (duration, meeting_id, user_email, "
                "source host name); Bearer",
            ),
            Expectation(
                at("meetcorp.wavefront.com", "/api/v2/event"),
                [CRED, PERF, NAME, MEETING, NET_ID],
                "Broadcom",
                "gzip JSON event 'Call quality degraded' with start/end time, annotations "
                "details 'Packet loss above 4% for Tomasz Kowalczyk in <topic> (<meeting id>)' "
                "(a call quality event: performance), hosts [<host name>], tags; Bearer",
            ),
        ],
    ),
    (
        "logdash-py",
        [
            Expectation(
                at("api.logdash.io", "/logs", b'"level": "error"'),
                [CRED, DIAG, MEETING, EMAIL],
                "Logdash",
                "JSON log record level error: 'recording upload failed for meeting <id> "
                "(<topic>): 413 from storage, host <corpus e-mail>' (an e-mail in a log "
                "message's prose: e-mail only), createdAt, sequenceNumber, app; "
                "project-api-key header",
            ),
            Expectation(
                at("api.logdash.io", "/logs", b'"level": "info"'),
                [CRED, DIAG, NAME, EMAIL, MEETING, NET_ID],
                "Logdash",
                "JSON log record level info: 'participant Tomasz Kowalczyk <his e-mail> joined "
                "meeting <id> from 83.24.117.9' (a log record: diagnostics, not a tracked "
                "product event; names and an IP address in its text); project-api-key",
            ),
            Expectation(
                at("api.logdash.io", "/events"),
                [CRED, USAGE, UID, MEETING],
                "Logdash",
                "tracked event 'recording_started' with props meeting_duration_min 45, "
                "participants 2 (duration and participant count: meeting metadata), plan, and "
                "userId usr_8841c0r13 (the signed-in user's id); event id not labelled; "
                "project-api-key",
            ),
            Expectation(
                at("api.logdash.io", "/metrics", method="PUT"),
                [CRED, PERF],
                "Logdash",
                "metric {name: active_meetings, value 42, operation set, app} (a service "
                "gauge: performance; no single meeting in it); project-api-key",
            ),
        ],
    ),
    (
        "opsgenie-py",
        [
            Expectation(
                at("api.opsgenie.com", "/v2/alerts", b'"message"'),
                [CRED, MEETING, NAME, UID, EMAIL, NET_ID, DIAG],
                "Atlassian Opsgenie",
                "create alert: message and alias with the meeting id (an alias named with the "
                "meeting number: meeting metadata), description 'The cloud recording of "
                "<topic> hosted by Alice Example stopped … encoder crashed on <host name> "
                "(SIGSEGV in libvpx)', details meeting_id, host_email=<corpus e-mail> (the "
                "host's e-mail under a role key: user id and e-mail), worker=<host name> "
                "(network id), stack 'Traceback: encoder.py line 88 in push_frame' (a "
                "structured error field: diagnostics, heldout10's PagerDuty rule), tags, "
                "responders team, priority; Authorization 'GenieKey <key>'",
            ),
            Expectation(
                at("api.opsgenie.com", "/v2/alerts/recording-85512345678/notes"),
                [CRED, MEETING, UID, EMAIL, NAME, PHONE, CHAT],
                "Atlassian Opsgenie",
                "note on the alert (alias with the meeting id in the path): user <corpus "
                "e-mail> (the person acting, by e-mail: user id and e-mail), note 'Called "
                "Tomasz Kowalczyk (+48 601 555 218); they have a local copy …' (a note a person "
                "adds for colleagues: chat, as comments on a ticket); GenieKey",
            ),
            Expectation(
                at("api.opsgenie.com", "/v2/heartbeats/", method="GET"),
                [CRED, TELEMETRY],
                "Atlassian Opsgenie",
                "heartbeat ping of the recording watchdog (name in the path, no body): a "
                "health beat of the backend (telemetry); GenieKey",
            ),
        ],
    ),
    (
        "cronitor-node",
        [
            Expectation(
                at("cronitor.io", "/api/monitors", method="PUT"),
                [CRED, NAME, EMAIL],
                "Cronitor",
                "create/update job monitor: key, name 'Transcribe meeting recordings', "
                "schedule, notify list, note 'Owner: Alice Example <corpus e-mail>. …' (a name "
                "and an e-mail in prose: name and e-mail only), assertions (configuring the "
                "service: no telemetry yet); Basic auth with the API key",
            ),
            Expectation(
                url_has("cronitor.link", "/ping/", "state=run"),
                [CRED, TELEMETRY, SID, NET_ID],
                "Cronitor",
                "telemetry ping (GET, query only): state=run of the job, series=<uuid> (links "
                "the run and fail pings of one run: session id), host=<corpus host name> "
                "(network id), stamp, env; the API key in the path and in Basic auth",
            ),
            Expectation(
                url_has("cronitor.link", "/ping/", "state=fail"),
                [CRED, TELEMETRY, DIAG, PERF, SID, NET_ID, MEETING, NAME],
                "Cronitor",
                "telemetry ping state=fail with message 'meeting <id> (<topic>): speaker "
                "\"Tomasz Kowalczyk\" audio track missing, transcript incomplete' (a job's "
                "failure report: diagnostics), metric=duration:412, count, error_count "
                "(a run's timing: performance), series, host, stamp, env; API key",
            ),
            Expectation(
                url_has("cronitor.link", "/ping/", "meeting-webhook-consumer"),
                [CRED, TELEMETRY, PERF],
                "Cronitor",
                "telemetry ping of a long-running consumer: metric=error_count:1, count:17, "
                "duration:30 (a liveness beat with throughput counters: telemetry and "
                "performance), stamp, env; API key",
            ),
        ],
    ),
    (
        "suprsend-py",
        [
            Expectation(
                at("hub.suprsend.com", "/event/"),
                [CRED, OS, UID, EMAIL, PHONE, LOCALE, NAME],
                "SuprSend",
                "user edit as an event: distinct_id tomasz.kowalczyk (a username: user id), "
                "$user_operations append $email, $sms (his phone), set $preferred_language pl, "
                "$timezone Europe/Warsaw, name 'Tomasz Kowalczyk' (an identify: no product "
                "usage); properties $ss_sdk_version 'suprsend-py-sdk/0.20.0 (python/3.12.1; "
                "linux)' (a user agent copied into the body: os); X-Suprsend-Client-User-Agent "
                "JSON header with lang_version, os linux, os_version (an SDK platform header: "
                "os); Authorization '<workspace key>:<HMAC signature>'",
            ),
            Expectation(
                at("hub.suprsend.com", "/v2/event/"),
                [CRED, OS, UID, MEETING, NAME],
                "SuprSend",
                "event MEETING_REMINDER_DUE for distinct_id tomasz.kowalczyk (user id) with "
                "meeting_id, topic, starts_at, host_name 'Alice Example' (a name under a key "
                "that describes the host: name only), join_url with pwd= (a passcode: "
                "credential); the backend's trigger for a reminder workflow, not a user's "
                "action (no product usage); $ss_sdk_version and the platform header (os); HMAC "
                "Authorization",
            ),
            Expectation(
                at("hub.suprsend.com", "/trigger/"),
                [CRED, OS, UID, EMAIL, PHONE, NAME, MEETING],
                "SuprSend",
                "workflow trigger meeting-invitation: recipients [{distinct_id tomasz.kowalczyk "
                "(user id), $email, $sms, name}], actor {distinct_id alice.corpus (the person "
                "acting: user id), name Alice Example}, data meeting_id, topic, agenda (a "
                "notification to send: meeting metadata, not chat); platform header (os); "
                "HMAC Authorization",
            ),
        ],
    ),
    (
        "nylas-py",
        [
            Expectation(
                at("api.us.nylas.com", "/v3/grants/", b'"participants"'),
                [CRED, MEETING, NAME, EMAIL, PHONE, LOCALE, COARSE],
                "Nylas",
                "create calendar event (notify_participants): title '<topic> (<meeting id>)', "
                "description with join link and 'Passcode: 552917' (credential), when with "
                "start/end_timezone Europe/Berlin (locale), participants [{name, email, "
                "phone_number}] of the guest (keys that describe him: name, e-mail, phone, no "
                "user id), location 'Meetcorp Berlin, Room Spree' (a city: coarse); the grant "
                "id in the path (an OAuth grant, not a person's id) not labelled; Bearer",
            ),
            Expectation(
                at("api.us.nylas.com", "/v3/grants/", b'"subject"'),
                [CRED, NAME, EMAIL, MEETING],
                "Nylas",
                "send e-mail: to [{name, email}] of the guest (an address to deliver to: "
                "e-mail, name), subject 'Follow-up: <topic>', HTML body 'Hi Tomasz, … Best, "
                "Alice Example' (an e-mail body: not chat, heldout8's rule; a full name in "
                "it); Bearer",
            ),
            Expectation(
                at("api.us.nylas.com", "/v3/grants/", b'"given_name"'),
                [CRED, NAME, EMAIL, PHONE, COARSE],
                "Nylas",
                "create contact: given_name Tomasz, surname Kowalczyk, company, job title, work "
                "e-mail, mobile phone, physical address (street, Gdansk, postal code, Poland: "
                "coarse); Bearer",
            ),
        ],
    ),
    (
        "cronofy-py",
        [
            Expectation(
                at("api.cronofy.com", "/v1/calendars/"),
                [CRED, MEETING, UID, NAME, EMAIL, LOCALE, COARSE],
                "Cronofy",
                "upsert event into the host's calendar: event_id meet-<meeting id>, summary "
                "<topic>, description 'Meeting ID <id>, passcode 552917' (credential), start, "
                "end, tzid Europe/Berlin (locale), location 'Meetcorp Berlin, Room Spree' "
                "(coarse), attendees invite [{email, display_name 'Tomasz Kowalczyk'}] (a "
                "display name that is a real name: user id and name; the e-mail under a key "
                "that describes it: e-mail); calendar id not labelled; Bearer",
            ),
            Expectation(
                at("api.cronofy.com", "/v1/smart_invites"),
                [CRED, EMAIL, MEETING, LOCALE, NAME],
                "Cronofy",
                "Smart Invite: smart_invite_id invite-<meeting id>, recipient {email} (an "
                "address to deliver to: e-mail only), event summary/description/start/end/tzid, "
                "callback_url …/<meeting id>, organizer {name: Alice Example} (a name under a "
                "key that describes: name only); Bearer with the client secret",
            ),
            Expectation(
                at("api.cronofy.com", "/v1/availability"),
                [CRED, UID],
                "Cronofy",
                "availability query: participants members [{sub: acc_c0r13alice01}, {sub: "
                "acc_c0r13tomasz02}] (the account ids of the two people: user ids), required "
                "duration, available periods; Bearer",
            ),
        ],
    ),
    (
        "vimeo-py",
        [
            Expectation(
                at("api.vimeo.com", "/me/videos"),
                [CRED, MEETING, NAME],
                "Vimeo",
                "create upload (tus): name '<topic> - recording <meeting id>', description "
                "'Recorded meeting with Tomasz Kowalczyk (Vistula Freight).', privacy, upload "
                "{approach tus, size} (no video bytes sent: not video); Bearer",
            ),
            Expectation(
                at("api.vimeo.com", "/videos/1043c0r13", method="PATCH"),
                [CRED, MEETING, NAME],
                "Vimeo",
                "edit video: name '<topic> (<meeting id>)', description 'Host: Alice Example. "
                "Guest: Tomasz Kowalczyk.', password Fr8Cap26 (a video password: credential), "
                "privacy password; Bearer",
            ),
            Expectation(
                at("api.vimeo.com", "/videos/1043c0r13/comments"),
                [CRED, CHAT],
                "Vimeo",
                "comment: 'Tomasz, the pricing discussion starts at 23:40 - please check the "
                "numbers.' (a person's message to another: chat; a first name alone is not "
                "labelled); video id not labelled; Bearer",
            ),
            Expectation(
                at("api.vimeo.com", "/videos/1043c0r13/texttracks"),
                [CRED, LOCALE],
                "Vimeo",
                "create a text track: type captions, language en (a language sent as a "
                "parameter: locale, heldout12), name captions.vtt (the captions themselves go "
                "to the upload link the empty answer did not give: no transcript sent); Bearer",
            ),
        ],
    ),
]

FORMAT_CLASSES: dict[str, str] = {
    "suprsend-py": "JSON events + SDK platform header (JSON)",
    "logdash-py": "JSON log records, events and metrics",
}


def format_class(scenario: str, flow: dict[str, Any]) -> str:
    request = flow["request"]
    if not request.get("body_b64"):
        return "telemetry pings (path and query only)"
    path = request["path"]
    if path.startswith("/report"):
        if "f=spanLogs" in path:
            return "JSON span logs (gzip, declared octet-stream)"
        return "Wavefront data format lines (gzip, declared octet-stream)"
    if path.startswith("/api/v2/event"):
        return "JSON log records, events and metrics"
    return FORMAT_CLASSES.get(scenario, "JSON REST API calls")


HELDOUT = HeldoutSet(
    name="heldout13",
    here=HERE,
    out=OUT,
    scenarios=SCENARIOS,
    scenario_hosts=SCENARIO_HOSTS,
    format_class=format_class,
)


if __name__ == "__main__":
    raise SystemExit(HELDOUT.main((__doc__ or "").splitlines()[0]))
