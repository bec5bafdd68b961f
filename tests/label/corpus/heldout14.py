"""Build the fourteenth held-out set `heldout14.jsonl.frozen` (issue 15): real programs absent
from the development set (everything in this directory: flows.jsonl, heldout*.jsonl, sdk*.jsonl,
npm/, heldout5_npm/ … heldout13_npm/, sdk*_npm/, *_runs.py, generate.py, and auditor/vendors/),
recorded through the real proxy offline: telemetry, analytics and error SDKs a meeting backend or
client reports API calls, flags and events, errors and LLM traces through (Moesif, Spotify
Confidence, Hawk, Langfuse), and the platform APIs around a meeting: SMS and voice messaging
(ClickSend), media storage (Cloudinary), a video platform (api.video) and a CRM (Close).

Run: `.venv/bin/python tests/label/corpus/heldout14.py` (offline; `make setup`, then
`npm ci` in `heldout14_npm/` and `pip install -r heldout14-requirements.txt`).
`--raw SCENARIO…` records and prints only the requests (method, URL, headers, decoded body):
what the expectations were written from. The capture labels what it stores; those labels are
dropped before anything is printed or written.

Sources: npm SDKs in `heldout14_npm/` (Node, through `npm/proxy-preload.js` as the npm corpus
scenarios) and PyPI SDKs in `heldout14_runs.py`, each sending to its vendor's real host, answered
inside the proxy by `auditor capture --sinkhole '*'`.

Expectations were written from the payloads and committed before the labeller ran on them.
The set is written as `heldout14.jsonl.frozen` so that nothing globbing `*.jsonl` (the label
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
    DID,
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

OUT = HERE / "heldout14.jsonl.frozen"

# Content labels heldout_recording does not name.
TRANSCRIPT = "customer_content.transcript"
VIDEO = "customer_content.video"

HAWK_HOST = "c0a14e2d-5b7f-4c1e-9d3a-h14hawk00001.k1.hawk.so"

SCENARIO_HOSTS: dict[str, set[str]] = {
    "moesif-py": {"api.moesif.net"},
    "confidence-py": {"resolver.eu.confidence.dev", "events.confidence.dev"},
    "clicksend-py": {"rest.clicksend.com"},
    "cloudinary-py": {"api.cloudinary.com"},
    "apivideo-py": {"ws.api.video"},
    "close-py": {"api.close.com"},
    "hawk-node": {HAWK_HOST},
    "langfuse-node": {"cloud.langfuse.com"},
}


# Expectations written from the payloads (`--raw`: requests only), before the labeller ran on
# them. Reading conventions as heldout5.py … heldout13.py (the README's "How the expectations were
# written" for each, generate.py's docstring) and docs/taxonomy.md's "Conventions" (the settled
# user-agent convention, which ids name a person, what is chat, pictures, JWT claims); the
# judgement calls new to this set are in the README's "Sources of heldout14".
SCENARIOS: list[tuple[str, list[Expectation]]] = [
    (
        "moesif-py",
        [
            Expectation(
                at("api.moesif.net", "/v1/events", b'/participants"'),
                [CRED, USAGE, UID, EMAIL, NAME, MEETING, NET_ID, OS, SID],
                "Moesif",
                "gzip JSON API call event: request POST /v1/meetings/<meeting id>/participants "
                "with body {email, name} of the guest (keys that describe her: e-mail and name), "
                "ip_address 84.208.41.77 (network id), the browser's User-Agent copied into the "
                "event's request headers (names macOS 14_6: os), response 201 with the meeting "
                "id; user_id alice.corpus (the user who made the call: user id), session_token "
                "(session id), metadata meeting_id and topic, company_id and transaction_id not "
                "labelled (an organisation's and a request's id); the API call a user made "
                "(adding a participant) is product usage; X-Moesif-Application-Id (the write "
                "key: credential)",
            ),
            Expectation(
                at("api.moesif.net", "/v1/events/batch"),
                [CRED, USAGE, DIAG, UID, PHONE, MEETING, NET_ID, OS, SID],
                "Moesif",
                "gzip JSON batch of two API call events: recording start (200) and a dial-out "
                "with phone_number <guest phone> answered 502 {error upstream_timeout, message "
                "'SIP trunk did not answer within 30 s'} (an error response recorded: "
                "diagnostics); user_id, session_token, ip_address, copied browser User-Agent "
                "(os), meeting id and topic; application id header",
            ),
            Expectation(
                at("api.moesif.net", "/v1/users"),
                [CRED, UID, EMAIL, NAME, PHONE, NET_ID, OS],
                "Moesif",
                "JSON user profile: user_id ingrid.solheim (a username: user id), metadata "
                "email, first_name, last_name, phone, title, ip_address (network id), "
                "user_agent_string (a browser user agent in the body naming macOS: os), "
                "company_id not labelled (an identify: no product usage); application id "
                "header",
            ),
        ],
    ),
    (
        "confidence-py",
        [
            Expectation(
                at("resolver.eu.confidence.dev", "/v1/flags:resolve", b"flags/noise-suppression"),
                [CRED, UID, DID, EMAIL, COARSE, OS, LOCALE],
                "Spotify",
                "flag resolve (a flag download with the evaluation context, apply true: no "
                "product usage): clientSecret in the body (credential), targeting_key "
                "alice.corpus (the user: user id), visitor_id (a persistent anonymous visitor "
                "id: device id), user.email (e-mail), user.country NO (coarse), app.platform "
                "macos and os_version 14.6 (os), locale nb-NO (locale); X-CONFIDENCE-TELEMETRY "
                "base64 protobuf {library CONFIDENCE, version 3.0.3, platform PYTHON} with no "
                "trace yet (names the SDK, no statistic: no telemetry)",
            ),
            Expectation(
                at("resolver.eu.confidence.dev", "/v1/flags:resolve", b"flags/gallery-layout"),
                [CRED, UID, DID, EMAIL, COARSE, OS, LOCALE, TELEMETRY, PERF],
                "Spotify",
                "second flag resolve, same context; its X-CONFIDENCE-TELEMETRY header (base64 "
                "protobuf) now carries a library trace RESOLVE_LATENCY {millisecond_duration, "
                "status ERROR} of the first resolve (the SDK's own statistics: telemetry; a "
                "request latency: performance); clientSecret",
            ),
            Expectation(
                at("events.confidence.dev", "/v1/events:publish"),
                [CRED, USAGE, MEETING, PERF, UID, DID, EMAIL, COARSE, OS, LOCALE],
                "Spotify",
                "event publish: eventDefinitions/meeting-joined (a user's action: product usage) "
                "with meeting_id, topic, participants 2, camera_on, join_ms 1420 (a join time: "
                "performance) and the evaluation context (targeting_key, visitor_id, e-mail, "
                "country, platform and OS version, locale); clientSecret in the body",
            ),
        ],
    ),
    (
        "clicksend-py",
        [
            Expectation(
                at("rest.clicksend.com", "/v3/sms/send"),
                [CRED, PHONE, NAME, MEETING],
                "ClickSend",
                "send SMS: to <guest phone>, from Meetcorp, body 'Alice Example invited you to "
                "<topic> on Thu 10:00 CET. Meeting ID <id>, passcode 730419.' (a notification "
                "the backend sends, not chat; the passcode: credential), custom_string "
                "invite-<meeting id>; Basic auth",
            ),
            Expectation(
                at("rest.clicksend.com", "/v3/voice/send"),
                [CRED, PHONE, NAME, MEETING, LOCALE],
                "ClickSend",
                "text-to-speech call: to <guest phone>, body 'Hello Ingrid Solheim. Your "
                "meeting <topic> starts in 15 minutes…' (not chat), voice, lang en-gb (a "
                "language sent as a parameter: locale), machine_detection; Basic auth",
            ),
            Expectation(
                at("rest.clicksend.com", "/v3/lists/2718281/contacts"),
                [CRED, PHONE, NAME, EMAIL, COARSE, MEETING],
                "ClickSend",
                "create contact in a list: phone_number, first_name, last_name, email, "
                "organization_name, address_city Bergen and address_country NO (coarse), "
                "custom_1 'meeting <id>'; list id not labelled; Basic auth",
            ),
        ],
    ),
    (
        "cloudinary-py",
        [
            Expectation(
                at("api.cloudinary.com", "/v1_1/meetcorp/image/upload"),
                [CRED, VIDEO, MEETING, UID, EMAIL, NAME],
                "Cloudinary",
                "multipart upload: file part thumbnail.png declared image/png, 32x18 (a "
                "meeting thumbnail declared image/*: video, the taxonomy's pictures rule), "
                "public_id meetings/<meeting id>/thumbnail, tags, context 'caption=<topic>|"
                "host=<corpus e-mail>|guest=Ingrid Solheim' (the host's e-mail under a role key: "
                "user id and e-mail; the guest's name: name), timestamp, signature and api_key "
                "(credentials)",
            ),
            Expectation(
                at("api.cloudinary.com", "/v1_1/meetcorp/raw/upload"),
                [CRED, TRANSCRIPT, NAME, MEETING],
                "Cloudinary",
                "multipart raw upload: file part captions.vtt (text/vtt: WebVTT cues with "
                "speaker voice tags <v Alice Example>, <v Ingrid Solheim>: transcript), "
                "public_id meetings/<meeting id>/captions.vtt, tags, signature, api_key",
            ),
            Expectation(
                at("api.cloudinary.com", "/v1_1/meetcorp/image/tags"),
                [CRED, MEETING],
                "Cloudinary",
                "multipart form (no file): add tag shared-with-guest to public_ids[] "
                "meetings/<meeting id>/thumbnail (a name built with the meeting number: meeting "
                "metadata, heldout13's alias), command add, signature, api_key",
            ),
        ],
    ),
    (
        "apivideo-py",
        [
            Expectation(
                at("ws.api.video", "/auth/api-key"),
                [CRED],
                "api.video",
                "token request: {apiKey} (credential); nothing else",
            ),
            Expectation(
                at("ws.api.video", "/videos", b'"title"'),
                [CRED, MEETING, NAME, UID, EMAIL, LOCALE],
                "api.video",
                "create video: title '<topic> (<meeting id>)', description 'Recording of the "
                "meeting between Alice Example and Ingrid Solheim.', tags, metadata pairs "
                "[{key meeting_id}, {key host, value <corpus e-mail>}] (the host's e-mail under "
                "a role key: user id and e-mail), language en (locale), transcript true; Bearer",
            ),
            Expectation(
                at("ws.api.video", "/videos/vi4blUQJFrYWbaG44NChkH27/source"),
                [CRED, VIDEO],
                "api.video",
                "multipart upload of recording.mp4 (video/mp4, an MP4 stub: video), "
                "Content-Range part 1/1; video id not labelled; Bearer",
            ),
            Expectation(
                at("ws.api.video", "/videos/vi4blUQJFrYWbaG44NChkH27/captions/en"),
                [CRED, TRANSCRIPT, NAME, LOCALE],
                "api.video",
                "multipart caption upload: captions.vtt (text/vtt, speaker-attributed cues: "
                "transcript), language en in the path (a language sent as a parameter: "
                "locale); Bearer",
            ),
            Expectation(
                at("ws.api.video", "/summaries/"),
                [CRED, TRANSCRIPT, NAME],
                "api.video",
                "PATCH summary source: abstract and takeaways of the recording ('Ingrid Solheim "
                "to send the revised cable pull plan'): an AI summary of the meeting's content "
                "(transcript, the taxonomy's row); summary id not labelled; Bearer",
            ),
        ],
    ),
    (
        "close-py",
        [
            Expectation(
                at("api.close.com", "/api/v1/lead/"),
                [CRED, LOCALE, NAME, EMAIL, PHONE, COARSE, MEETING],
                "Close",
                "create lead: name Nordlys Energi, url, description 'Met in <topic> (meeting "
                "<id>).', contacts [{name Ingrid Solheim, title, emails, phones}] (keys that "
                "describe her: name, e-mail, phone), addresses [{street, city Bergen, zipcode, "
                "country NO}] (coarse); X-TZ-Offset -0.0 (the client's UTC offset in a custom "
                "data header: locale); Basic auth with the API key",
            ),
            Expectation(
                at("api.close.com", "/api/v1/activity/note/"),
                [CRED, LOCALE, CHAT, MEETING, NAME],
                "Close",
                "note activity on the lead: 'Ingrid wants the revised cable pull plan before "
                "the next review. Agreed in <topic> (meeting <id>); Alice Example follows up.' "
                "(a note a person adds for colleagues: chat, as heldout13's Opsgenie note and "
                "the comments of the settled rule; a full name in it; a first name alone is "
                "not labelled); lead id not labelled; X-TZ-Offset; Basic auth",
            ),
            Expectation(
                at("api.close.com", "/api/v1/activity/call/"),
                [CRED, LOCALE, PHONE, NAME, MEETING],
                "Close",
                "call activity: direction, status, duration 1860, phone <guest phone>, note "
                "'Meeting <id> dial-out to Ingrid Solheim.' (a call record's note: not chat); "
                "lead and contact record ids not labelled; X-TZ-Offset; Basic auth",
            ),
        ],
    ),
    (
        "hawk-node",
        [
            Expectation(
                at(HAWK_HOST, "/", b'"title":"Error: Recording upload'),
                [CRED, DIAG, UID, NAME, EMAIL, MEETING, NET_ID],
                "Hawk",
                "error event errors/nodejs: title 'Error: Recording upload failed for "
                '"<topic>": storage quota exceeded\', backtrace with source lines '
                "(diagnostics), user {id alice.corpus, name Alice Example} (the user: user id; "
                "a display name that is a real name: name), context service, node <corpus host "
                "name> (network id), meetingId, topic, hostEmail <corpus e-mail> (e-mail under a "
                "role key: user id and e-mail), breadcrumbs (recording started for the meeting, "
                "participants 2, a storage 507); token (base64 JSON with the integration "
                "secret: credential)",
            ),
            Expectation(
                at(HAWK_HOST, "/", b'"title":"TypeError'),
                [CRED, DIAG, UID, NAME, EMAIL, MEETING, NET_ID],
                "Hawk",
                "error event TypeError 'Cannot read properties of undefined (reading "
                "audioTrack)' with backtrace (diagnostics), user {id ingrid.solheim, name "
                "Ingrid Solheim} (user id and name), context node <host name> and clientIp "
                "84.208.41.77 (network id), meetingId, participantEmail <guest e-mail> (the "
                "participant named by e-mail: user id and e-mail); token",
            ),
        ],
    ),
    (
        "langfuse-node",
        [
            Expectation(
                at("cloud.langfuse.com", "/api/public/ingestion", b'"trace-create"'),
                [CRED, PERF, UID, SID, MEETING, NAME, LOCALE],
                "Langfuse",
                "ingestion batch: trace-create meeting-summary with userId alice.corpus (user "
                "id), sessionId and the traceId (session ids), metadata meetingId, topic, "
                "language en (locale); span-create load-transcript with startTime and output "
                "speakers [Alice Example, Ingrid Solheim] (names) and its span-update endTime "
                "(a timed span: performance); Basic auth with the public and secret key, "
                "X-Langfuse-Public-Key",
            ),
            Expectation(
                at("cloud.langfuse.com", "/api/public/ingestion", b'"generation-create"'),
                [CRED, PERF, TRANSCRIPT, NAME, SID],
                "Langfuse",
                "ingestion batch: generation-create summarise-transcript (model, parameters, "
                "prompt with transcript lines '[00:01:12] Alice Example: …', '[00:01:40] Ingrid "
                "Solheim: …') and generation-update with the summary output and token usage, "
                "start and end time (the transcript and its AI summary: transcript; a timed "
                "generation with usage: performance), traceId (session id); Basic auth",
            ),
            Expectation(
                at("cloud.langfuse.com", "/api/public/ingestion", b'"score-create"'),
                [CRED, USAGE, EMAIL, SID],
                "Langfuse",
                "ingestion batch: score-create user-feedback value 0 with comment 'The summary "
                "left out the grid fee question.' (the user's rating of the summary, written to "
                "the product, not to people: not chat) and event-create summary-shared with "
                "recipients [<guest e-mail>] (an address shared to: e-mail only), channel email "
                "(the user's feedback and sharing: product usage), traceId (session id); Basic "
                "auth",
            ),
        ],
    ),
]

FORMAT_CLASSES: dict[str, str] = {
    "confidence-py": "JSON flag resolves and events + base64 protobuf telemetry header",
    "hawk-node": "JSON error events with stack frames and source lines",
    "langfuse-node": "JSON LLM-trace ingestion batches",
}


def format_class(scenario: str, flow: dict[str, Any]) -> str:
    request = flow["request"]
    headers = dict((k.lower(), v) for k, v in request["headers"])
    content_type = headers.get("content-type", "")
    if scenario == "moesif-py" and "gzip" in headers.get("content-encoding", ""):
        return "JSON API call event records (gzip)"
    if content_type.startswith("multipart/"):
        path = request["path"]
        if path.endswith("/tags"):
            return "multipart form fields (signed, no file)"
        return "multipart file upload"
    return FORMAT_CLASSES.get(scenario, "JSON REST API calls")


HELDOUT = HeldoutSet(
    name="heldout14",
    here=HERE,
    out=OUT,
    scenarios=SCENARIOS,
    scenario_hosts=SCENARIO_HOSTS,
    format_class=format_class,
)


if __name__ == "__main__":
    raise SystemExit(HELDOUT.main((__doc__ or "").splitlines()[0]))
