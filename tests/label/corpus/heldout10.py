"""Build the tenth held-out set `heldout10.jsonl.frozen` (issue 15): real programs absent from
the development set (everything in this directory: flows.jsonl, heldout*.jsonl, sdk7/sdk9.jsonl,
npm/, heldout5_npm/ … heldout9_npm/, sdk7_npm/, sdk9_npm/, *_runs.py, generate.py), recorded
through the real proxy offline: collaboration APIs (Microsoft Graph calendar, online meetings and
chat; Dropbox; Zendesk; PagerDuty), transactional e-mail and marketing lists (Resend, Mailchimp),
push (Expo) and a self-hosted web analytics tracker in the browser (Ackee).

Run: `.venv/bin/python tests/label/corpus/heldout10.py` (offline; `make setup`, then
`npm ci` in `heldout10_npm/` and `pip install -r heldout10-requirements.txt`).
`--raw SCENARIO…` records and prints only the requests (method, URL, headers, decoded body):
what the expectations were written from. The capture labels what it stores; those labels are
dropped before anything is printed or written.

Sources: npm SDKs in `heldout10_npm/` (Node, through `npm/proxy-preload.js` as the npm corpus
scenarios; browser pages in headless Chromium) and PyPI SDKs in `heldout10_runs.py`, each sending
to its vendor's real host, answered inside the proxy by `auditor capture --sinkhole '*'`.

Expectations were written from the payloads and committed before the labeller ran on them.
The set is written as `heldout10.jsonl.frozen` so that nothing globbing `*.jsonl` (the label
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

from tests.label.corpus.generate import Expectation, plain_body  # noqa: E402
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
    OTHER,
    PHONE,
    UID,
    USAGE,
    HeldoutSet,
    at,
)

OUT = HERE / "heldout10.jsonl.frozen"

# Categories of the taxonomy that no earlier recorded set expected.
FILES = "customer_content.files"
TRANSCRIPT = "customer_content.transcript"

SCENARIO_HOSTS: dict[str, set[str]] = {
    "resend-py": {"api.resend.com"},
    "pdpyras-py": {"events.pagerduty.com", "api.pagerduty.com"},
    "zenpy-py": {"meetcorp.zendesk.com"},
    "mailchimp-py": {"us21.api.mailchimp.com"},
    "dropbox-py": {"content.dropboxapi.com", "api.dropboxapi.com"},
    "graph-node": {"graph.microsoft.com"},
    "expo-node": {"exp.host"},
    "ackee-browser": {"ackee.meetcorp-example.com"},
    "googleapis-node": {"www.googleapis.com"},
    "kameleoon-browser": {"sdk-config.kameleoon.eu", "kameleoon.io"},
}

GRAPH = "graph.microsoft.com"
GCAL = "/calendar/v3/calendars/primary/events"

# Expectations written from the payloads (`--raw`: requests only), before the labeller ran on
# them. Reading conventions as heldout5.py … heldout9.py (the README's "How the expectations were
# written" for each, generate.py's docstring) and docs/taxonomy.md's "Conventions" (the settled
# user-agent convention and which ids name a person); the judgement calls new to this set are in
# the README's "Sources of heldout10".
SCENARIOS: list[tuple[str, list[Expectation]]] = [
    (
        "resend-py",
        [
            Expectation(
                at("api.resend.com", "/emails", b'"Invitation: '),
                [CRED, UID, NAME, EMAIL, MEETING],
                "Resend",
                "send the meeting invitation: from 'Alice Example <e-mail>' (the sender), to the "
                "guest's e-mail, subject with the topic and meeting id, html 'Hi Chiara … invited "
                "you to <topic> … (Europe/Rome)' with a join link carrying pwd=771204, tag "
                "meeting_id; Bearer API key; an e-mail body is not chat",
            ),
            Expectation(
                at("api.resend.com", "/emails", b'"attachments"'),
                [CRED, EMAIL, MEETING, NAME, LOCALE, FILES],
                "Resend",
                "send the updated invitation from the app's address (MeetCorp "
                "<calendar@…>): subject 'Updated: <topic>', text, attachment invite.ics whose "
                "content is a JSON array of byte values: an iCalendar VEVENT with UID "
                "<meeting id>@…, SUMMARY the topic, DTSTART;TZID=Europe/Rome, ORGANIZER;CN=Alice "
                "Example:mailto:…, ATTENDEE;CN=Chiara Rossi:mailto:…, LOCATION the join link; "
                "Bearer API key",
            ),
            Expectation(
                at("api.resend.com", "/audiences/"),
                [CRED, EMAIL, NAME],
                "Resend",
                "create contact in an audience (audience id in path and body): email, "
                "first_name Chiara, last_name Rossi, unsubscribed; Bearer API key",
            ),
        ],
    ),
    (
        "pdpyras-py",
        [
            Expectation(
                at("events.pagerduty.com", "/v2/enqueue", b'"trigger"'),
                [CRED, MEETING, EMAIL, DIAG, NET_ID, UID],
                "PagerDuty",
                "Events API v2 trigger: routing_key, summary 'Cloud recording failed for meeting "
                "…', source rec-worker-07.meetcorp.internal (a host name), custom_details "
                "meeting_id, topic, host (an e-mail), error 'S3 PutObject AccessDenied after 3 "
                "retries', participants; dedup_key rec-<meeting id> (corrected after scoring, issue 15e: the host named by e-mail is the hosting person's "
                "account reference, identifiers.user_id as well as contact_info.email, "
                "docs/taxonomy.md)",
            ),
            Expectation(
                at("events.pagerduty.com", "/v2/enqueue", b'"resolve"'),
                [CRED, MEETING],
                "PagerDuty",
                "Events API v2 resolve: routing_key, dedup_key rec-85512345678 (named for the "
                "meeting)",
            ),
            Expectation(
                at("api.pagerduty.com", "/incidents"),
                [CRED, UID, EMAIL, MEETING, NAME],
                "PagerDuty",
                "REST create incident: Authorization 'Token token=…'; From header the acting "
                "user's login e-mail (the account PagerDuty acts as); title 'Recording lost: "
                "<topic> (<id>)', details naming Alice Example and Chiara Rossi; service id",
            ),
        ],
    ),
    (
        "zenpy-py",
        [
            Expectation(
                at("meetcorp.zendesk.com", "/api/v2/tickets.json"),
                [CRED, MEETING, EMAIL, NAME, CHAT, OS, HW, NETWORK],
                "Zendesk",
                "create ticket: subject 'Audio dropped in meeting <id>', comment body the "
                "user's own words ('During <topic> my audio cut out twice. Windows 11 23H2, "
                "Jabra Evolve2 65 headset, on hotel Wi-Fi.'), requester {email, name}, tags; "
                "Basic auth '<e-mail>/token:<token>'",
            ),
            Expectation(
                at("meetcorp.zendesk.com", "/api/v2/tickets/48213.json", method="PUT"),
                [CRED, NAME, CHAT],
                "Zendesk",
                "update ticket 48213 (id in path and body): status pending, private comment "
                "'Agent note: Chiara Rossi reports the same drop at 15:12.' (written to "
                "colleagues); Basic auth",
            ),
            Expectation(
                at("meetcorp.zendesk.com", "/api/v2/users.json"),
                [CRED, EMAIL, NAME, PHONE, LOCALE],
                "Zendesk",
                "create end user: email, name Chiara Rossi, phone +39 …, time_zone Rome; Basic "
                "auth",
            ),
        ],
    ),
    (
        "mailchimp-py",
        [
            Expectation(
                at("us21.api.mailchimp.com", "/3.0/lists/", b"email_address"),
                [CRED, EMAIL, NAME, PHONE, LOCALE, COARSE],
                "Intuit Mailchimp",
                "add list member: email_address, merge_fields FNAME/LNAME/PHONE, language it, "
                "location latitude 45.4642 longitude 9.19 (two decimals: coarse); Basic auth "
                "with the API key",
            ),
            Expectation(
                at("us21.api.mailchimp.com", "/3.0/lists/", b"webinar_attended"),
                [CRED, UID, MEETING, USAGE],
                "Intuit Mailchimp",
                "member event (subscriber hash = MD5 of the guest's e-mail after /members/ in the "
                "path): name webinar_attended, properties meeting_id, topic, minutes 42; Basic "
                "auth",
            ),
        ],
    ),
    (
        "dropbox-py",
        [
            Expectation(
                at("content.dropboxapi.com", "/2/files/upload", b"Attendees"),
                [CRED, MEETING, NAME, FILES],
                "Dropbox",
                "upload notes.md (octet-stream body): '# <topic> (<id>)', 'Attendees: Alice "
                "Example, Chiara Rossi + 2', a decision line; Dropbox-API-Arg JSON header with "
                "the path '/Meetings/2026-12-09 <topic>/notes.md' and content_hash; Bearer",
            ),
            Expectation(
                at("content.dropboxapi.com", "/2/files/upload", b"WEBVTT"),
                [CRED, MEETING, NAME, TRANSCRIPT],
                "Dropbox",
                "upload transcript.vtt: WebVTT cues with speaker tags <v Alice Example>, <v "
                "Chiara Rossi> and what each said; Dropbox-API-Arg path with the topic; Bearer",
            ),
            Expectation(
                at("api.dropboxapi.com", "/2/sharing/add_file_member"),
                [CRED, MEETING, EMAIL],
                "Dropbox",
                "share the notes file (path with the topic) with a member selected by e-mail, "
                "custom_message 'Notes from today's call' (a share invitation, not chat); "
                "Bearer",
            ),
        ],
    ),
    (
        "graph-node",
        [
            Expectation(
                at(GRAPH, "/v1.0/me/events"),
                [CRED, MEETING, EMAIL, NAME, LOCALE, COARSE],
                "Microsoft",
                "create calendar event with a Teams online meeting: subject the topic, agenda "
                "body, start/end timeZone Europe/Rome, location 'Milan office, room Brera', "
                "attendees emailAddress {address, name Chiara Rossi}; Bearer JWT; "
                "client-request-id and SdkVersion graph-js/3.0.7 (SDK, no runtime) not data",
            ),
            Expectation(
                at(GRAPH, "/v1.0/me/onlineMeetings"),
                [CRED, MEETING, UID, EMAIL],
                "Microsoft",
                "create online meeting: subject with the meeting id, start/end, participants "
                "attendees upn (the guest's user principal name: her account's sign-in id, an "
                "e-mail), lobbyBypassSettings; Bearer JWT",
            ),
            Expectation(
                at(GRAPH, "/v1.0/me/sendMail"),
                [CRED, MEETING, EMAIL, NAME],
                "Microsoft",
                "send mail: subject 'Notes: <topic>', text body addressed to Chiara, "
                "toRecipients emailAddress {address, name}; an e-mail body is not chat; Bearer",
            ),
            Expectation(
                at(GRAPH, "/v1.0/chats/"),
                [CRED, NAME, CHAT],
                "Microsoft",
                "post chat message into the meeting chat (opaque thread id in the path): body "
                "'Alice Example: Sharing the redlined contract now, please check clause 7.'; "
                "Bearer",
            ),
        ],
    ),
    (
        "expo-node",
        [
            Expectation(
                at("exp.host", "/--/api/v2/push/send"),
                [CRED, DID, MEETING, NAME, UID],
                "Expo",
                "push send: to ExponentPushToken[…] (one app install's push token), title "
                "'<topic> starts in 5 minutes', body 'Alice Example is waiting in meeting <id>', "
                "data meeting_id, host_id usr_3Hf8Wq20; Bearer access token; a push is a "
                "notification, not chat",
            ),
            Expectation(
                at("exp.host", "/--/api/v2/push/getReceipts"),
                [CRED],
                "Expo",
                "get push receipts: ids (receipt ids, not about a person); Bearer access token",
            ),
        ],
    ),
    (
        "googleapis-node",
        [
            Expectation(
                at("www.googleapis.com", GCAL, method="POST"),
                [CRED, OS, MEETING, LOCALE, EMAIL, NAME, UID],
                "Google",
                "Calendar events.insert with conferenceDataVersion=1: summary the topic, "
                "description with the meeting id, timeZone Europe/Rome, attendees {email, "
                "displayName} for Alice Example (organizer) and Chiara Rossi, conferenceData "
                "createRequest hangoutsMeet with requestId meetcorp-<id>; Bearer; "
                "x-goog-api-client 'gdcl/8.0.3 gl-node/20.20.2' (an SDK platform header naming "
                "the runtime version)",
            ),
            Expectation(
                at("www.googleapis.com", GCAL + "/c0rpus10evt85512345678", method="PATCH"),
                [CRED, OS, MEETING, EMAIL, NAME, UID],
                "Google",
                "Calendar events.patch of the event (its id, named with the meeting number, in "
                "the path): attendees {email, displayName} Alice Example (organizer), Chiara "
                "Rossi, Marco Bianchi (optional); sendUpdates=all; Bearer; x-goog-api-client "
                "with gl-node/20.20.2",
            ),
            Expectation(
                at("www.googleapis.com", "/calendar/v3/freeBusy", method="POST"),
                [CRED, OS, UID, EMAIL, LOCALE],
                "Google",
                "Calendar freebusy.query: timeMin/timeMax, timeZone Europe/Rome, items ids the "
                "two users' e-mails (a calendar's id is its owner's account e-mail); Bearer; "
                "x-goog-api-client with gl-node/20.20.2",
            ),
            Expectation(
                at("www.googleapis.com", GCAL, method="GET"),
                [CRED, OS, MEETING],
                "Google",
                "Calendar events.list: q the topic, timeMin, singleEvents, maxResults in the "
                "query; Bearer; x-goog-api-client with gl-node/20.20.2; no body",
            ),
        ],
    ),
    (
        "ackee-browser",
        [
            Expectation(
                at("ackee.meetcorp-example.com", "/api", b"createRecord"),
                [USAGE, OS, HW, LOCALE],
                "",
                "GraphQL createRecord (a page view, detailed): domainId (a site id), input "
                "siteLocation (the file:// page), siteLanguage en, screenWidth/Height/ColorDepth, "
                "browserWidth/Height, osName Linux, browserName Chrome, browserVersion; "
                "self-hosted Ackee",
            ),
            Expectation(
                at("ackee.meetcorp-example.com", "/api", b"createAction"),
                [USAGE],
                "",
                "GraphQL createAction: eventId (an event definition id), input key "
                "meeting_joined, value 1",
            ),
        ],
    ),
    (
        "kameleoon-browser",
        [
            Expectation(
                at("sdk-config.kameleoon.eu", "/v3/", method="GET"),
                [OTHER],
                "Kameleoon",
                "configuration fetch: site code in the path (a public site id), "
                "x-kameleoon-sdk-type/-version headers; only the browser's standard headers "
                "besides (User-Agent, Client Hints, Accept-Language), which earn no label",
            ),
            Expectation(
                at("sdk-config.kameleoon.eu", "/v3/", method="GET"),
                [OTHER],
                "Kameleoon",
                "the configuration fetched again (how often depends on timing)",
                followups=True,
            ),
            Expectation(
                at("kameleoon.io", "/visit/events", b"eventType=conversion"),
                [UID, OS, HW, MEETING, EMAIL, NAME, USAGE],
                "Kameleoon",
                "events batch (newline-separated query strings, declared */*): visitorCode the "
                "app's user id usr_9Tm4Qe72 on each line, staticData os LINUX, deviceType "
                "DESKTOP, browser CHROME 156, page event with the title holding the topic, "
                "customData the e-mail, 'Chiara Rossi' and the meeting id, a goal conversion; "
                "siteCode in the query",
            ),
            Expectation(
                at("kameleoon.io", "/visit/events"),
                [UID, OS, HW],
                "Kameleoon",
                "later staticData batches (visitorCode, os, deviceType, browser, visitNumber): "
                "sent when the SDK's timer fires",
                followups=True,
            ),
        ],
    ),
]

# The format class of each flow (what the decoder must see as structure), for scores per class.
FORMAT_CLASSES: dict[str, str] = {
    "resend-py": "JSON REST API calls",
    "pdpyras-py": "JSON REST API calls",
    "zenpy-py": "JSON REST API calls",
    "mailchimp-py": "JSON REST API calls",
    "dropbox-py": "JSON REST API calls",
    "graph-node": "JSON REST API calls",
    "expo-node": "JSON REST API calls",
    "googleapis-node": "JSON REST API calls + SDK platform header",
    "ackee-browser": "GraphQL mutations (JSON variables)",
    "kameleoon-browser": "newline-separated query-string events (declared */*)",
}


def format_class(scenario: str, flow: dict[str, Any]) -> str:
    request = flow["request"]
    if not request.get("body_b64"):
        return "headers, path and query only"
    content_type = dict((k.lower(), v) for k, v in request["headers"]).get("content-type", "")
    if "octet-stream" in content_type:
        return "file upload with a JSON argument header"
    if scenario == "resend-py" and b'"attachments"' in plain_body(flow):
        return "JSON with a file as an array of byte values"
    return FORMAT_CLASSES[scenario]


HELDOUT = HeldoutSet(
    name="heldout10",
    here=HERE,
    out=OUT,
    scenarios=SCENARIOS,
    scenario_hosts=SCENARIO_HOSTS,
    format_class=format_class,
)


if __name__ == "__main__":
    raise SystemExit(HELDOUT.main((__doc__ or "").splitlines()[0]))
