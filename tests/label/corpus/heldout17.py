"""Build the seventeenth held-out set `heldout17.jsonl.frozen` (issue 15): real programs absent
from the development set (everything in this directory: flows.jsonl, heldout*.jsonl, sdk*.jsonl,
npm/, heldout5_npm/ … heldout17_npm/, sdk*_npm/, *_runs.py, generate.py, and auditor/vendors/),
recorded through the real proxy offline: what a meeting / real-time communication backend and its
embedded telemetry send: a real-time video platform's rooms, peers and recordings (Fishjam), a
cloud phone and meetings platform (Dialpad), voice AI agents (Retell AI, Vapi), voice, SMS and
e-mail communications APIs (Africa's Talking, Infobip), and the flag/usage-event and in-app
survey SDKs a meeting product embeds (Schematic, Formbricks).

Run: `.venv/bin/python tests/label/corpus/heldout17.py` (offline; `make setup`, then
`npm ci` in `heldout17_npm/` and `pip install -r heldout17-requirements.txt`).
`--raw SCENARIO…` records and prints only the requests (method, URL, headers, decoded body):
what the expectations were written from. The capture labels what it stores; those labels are
dropped before anything is printed or written.

Sources: npm SDKs in `heldout17_npm/` (Node, through `npm/proxy-preload.js` as the npm corpus
scenarios) and PyPI SDKs in `heldout17_runs.py`, each sending to its vendor's real host, answered
inside the proxy by `auditor capture --sinkhole '*'`.

Expectations were written from the payloads and committed before the labeller ran on them.
The set is written as `heldout17.jsonl.frozen` so that nothing globbing `*.jsonl` (the label
snapshot test) runs the labeller on it before its one scoring run.
"""

from __future__ import annotations

import base64
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
    EMAIL,
    HW,
    LOCALE,
    MEETING,
    NAME,
    OS,
    PHONE,
    SID,
    UID,
    USAGE,
    HeldoutSet,
    at,
)

OUT = HERE / "heldout17.jsonl.frozen"

# Content labels heldout_recording does not name.
TRANSCRIPT = "customer_content.transcript"
FILES = "customer_content.files"

FISHJAM = "fishjam.io"
FISHJAM_API = "/api/v1/connect/f7c2a9e14b3d4e5f"
FORMBRICKS = "app.formbricks.com"
FORMBRICKS_API = "/api/v1/client/cm1h17c0r17env8qx3lv5tn2"
INFOBIP = "k8m3qx.api.infobip.com"

SCENARIO_HOSTS: dict[str, set[str]] = {
    "fishjam-py": {FISHJAM},
    "dialpad-py": {"dialpad.com"},
    "retell-py": {"api.retellai.com"},
    "africastalking-py": {
        "voice.africastalking.com",
        "api.africastalking.com",
        "insights.africastalking.com",
    },
    "schematic-py": {"api.schematichq.com", "c.schematichq.com"},
    "vapi-node": {"api.vapi.ai"},
    "infobip-node": {INFOBIP},
    "formbricks-node": {FORMBRICKS},
}

# Expectations written from the payloads (`--raw`: requests only), before the labeller ran on
# them. Reading conventions as heldout5.py … heldout16.py (the README's "How the expectations were
# written" for each, generate.py's docstring) and docs/taxonomy.md's "Conventions"; the judgement
# calls new to this set are in the README's "Sources of heldout17".
SCENARIOS: list[tuple[str, list[Expectation]]] = [
    (
        "fishjam-py",
        [
            Expectation(
                at(FISHJAM, f"{FISHJAM_API}/room", b'"roomType"'),
                [CRED, MEETING],
                "Software Mansion",
                "create room: webhookUrl https://meet.acme-meet.example/hooks/fishjam/<meeting id> "
                "(meeting metadata), maxPeers, roomType conference, videoCodec (no label); Bearer "
                "management token (credential); x-fishjam-api-client python-server/0.31.1 (an SDK "
                "version, no runtime) and User-Agent python-httpx earn no os",
            ),
            Expectation(
                at(FISHJAM, f"{FISHJAM_API}/room/", b'"webrtc"'),
                [CRED, UID, NAME, EMAIL, MEETING],
                "Software Mansion",
                "add a WebRTC peer to the room: metadata displayName <guest full name> (a display "
                "name that is a real name: user id and name), email (e-mail), userId "
                "aigerim.bekova (user id), meetingId and role guest (a participant put into the "
                "meeting's room: meeting metadata); room id in the path not labelled; Bearer",
            ),
            Expectation(
                at(FISHJAM, f"{FISHJAM_API}/room/", b'"vapi"'),
                [CRED],
                "Software Mansion",
                "add a Vapi voice agent peer: options apiKey vapi_… (another vendor's API key: "
                "credential), callId (a call's id: not labelled), autoClose; a bot, not a person, "
                "joins a room named by an opaque id: no meeting metadata; Bearer",
            ),
            Expectation(
                at(FISHJAM, f"{FISHJAM_API}/recordings", method="POST"),
                [CRED, MEETING, UID, EMAIL],
                "Software Mansion",
                "start a recording of the room's composition: source compositionURL and outputId "
                "(no label), metadata meeting_id and topic (meeting metadata), host <corpus "
                "e-mail> (an e-mail under a key for the person hosting: user id and e-mail, as "
                "Deepgram's host:<e-mail>); Bearer",
            ),
            Expectation(
                at(FISHJAM, f"{FISHJAM_API}/recordings", method="GET"),
                [CRED, MEETING],
                "Software Mansion",
                "list recordings GET ?metadata[meeting_id]=<meeting id> (meeting metadata); Bearer",
            ),
        ],
    ),
    (
        "dialpad-py",
        [
            Expectation(
                at("dialpad.com", "/api/v2/contacts"),
                [CRED, NAME, EMAIL, PHONE, UID],
                "Dialpad",
                "create contact: first_name and last_name (name), emails (e-mail), phones (phone), "
                "company_name and job_title (no label), owner_id 5829301746 (the owning user: "
                "user id); Bearer API key (credential); User-Agent python-requests earns no os",
            ),
            Expectation(
                at("dialpad.com", "/api/v2/call"),
                [CRED, PHONE, UID, MEETING],
                "Dialpad",
                "ring call: phone_number <guest phone> and outbound_caller_id (the user's line) "
                "(phone), user_id (user id), custom_data meeting:<meeting id> (meeting "
                "metadata); Bearer",
            ),
            Expectation(
                at("dialpad.com", "/api/v2/sms"),
                [CRED, UID, PHONE, CHAT, MEETING],
                "Dialpad",
                "SMS on behalf of the user: user_id (user id: the sender's line), to_numbers "
                "<guest phone> (phone), text 'Aigerim, we started the <topic> without you. Dial "
                "in: <bridge number>, meeting <id>. Alice' (a text the user writes to another "
                "person from her own phone line, signed with her first name: chat; meeting "
                "metadata; the dial-in number a phone; first names alone are no name); Bearer",
            ),
            Expectation(
                at("dialpad.com", "/api/v2/conference/meetings"),
                [CRED],
                "Dialpad",
                "list a meeting room's meeting summaries GET ?room_id=<number> (a room's id: not "
                "labelled, heldout8); Bearer",
            ),
        ],
    ),
    (
        "retell-py",
        [
            Expectation(
                at("api.retellai.com", "/v2/create-phone-call"),
                [CRED, OS, HW, PHONE, MEETING, UID, EMAIL, NAME],
                "Retell AI",
                "voice agent phone call: from_number (the user's line) and to_number <guest "
                "phone> (phone), metadata meeting_id (meeting metadata) and host_email <corpus "
                "e-mail> (an e-mail under a key for the person hosting: user id and e-mail), "
                "retell_llm_dynamic_variables guest_name and host_name (names), meeting_topic "
                "(meeting metadata), override_agent_id (no label); X-Stainless-OS Linux and "
                "X-Stainless-Runtime CPython 3.12.1 (SDK platform headers: os), X-Stainless-Arch "
                "x64 (hardware); Bearer API key (credential); User-Agent Retell/Python earns nothing",
            ),
            Expectation(
                at("api.retellai.com", "/v3/create-web-call"),
                [CRED, OS, HW, UID, NAME, MEETING],
                "Retell AI",
                "web call: metadata user_id alice.corpus (user id), dynamic variables user_name "
                "Alice Example (name) and meeting_id (meeting metadata), agent_id (no label); "
                "X-Stainless-* (os, hardware); Bearer",
            ),
            Expectation(
                at("api.retellai.com", "/v2/update-call/"),
                [CRED, OS, HW, MEETING],
                "Retell AI",
                "PATCH update-call/<call id> (a call's id: not labelled): custom_attributes "
                "meeting_id (meeting metadata) and guest_confirmed, data_storage_setting "
                "everything_except_pii (the backend's storage setting for the call, not a flag "
                "the user set: no consent signal), metadata outcome 'guest will send the sensor "
                "calibration sheet' (the backend's tag of the call: no content label); "
                "X-Stainless-* (os, hardware); Bearer",
            ),
        ],
    ),
    (
        "africastalking-py",
        [
            Expectation(
                at("voice.africastalking.com", "/call"),
                [CRED, PHONE],
                "Africa's Talking",
                "form-urlencoded voice call: username acmemeet (the API account's name, not a "
                "person's: no label), from <the backend's voice number> and to <guest phone> "
                "(phone); apiKey header (credential); User-Agent africastalking-python earns no os",
            ),
            Expectation(
                at("api.africastalking.com", "/version1/messaging"),
                [CRED, PHONE, MEETING],
                "Africa's Talking",
                "form-urlencoded SMS: to <guest phone> (phone), message 'Your meeting <id> "
                "(<topic>) starts in 10 minutes.' (a reminder the backend sends: notification, "
                "not chat; meeting metadata), from AcmeMeet sender id, username, bulkSMSMode (no "
                "label); apiKey header",
            ),
            Expectation(
                at("insights.africastalking.com", "/v1/sim-swap"),
                [CRED, PHONE],
                "Africa's Talking",
                "SIM-swap check: JSON phoneNumbers [<guest phone>] (phone), username (no label); "
                "apiKey header",
            ),
        ],
    ),
    (
        "schematic-py",
        [
            Expectation(
                at("api.schematichq.com", "/flags/cloud-recording/check"),
                [CRED, OS, UID, EMAIL],
                "Schematic",
                "remote flag check cloud-recording: user {user_id alice.corpus (user id), email "
                "(e-mail under a key that describes it: e-mail only)}, company {company_id} (an "
                "organisation's id: no label); a flag evaluation carrying the user is no product "
                "usage (heldout6); X-Fern-Runtime python/3.12.1 and X-Fern-Platform "
                "linux/<release> (SDK platform headers: os); X-Schematic-Api-Key (credential)",
            ),
            Expectation(
                at("c.schematichq.com", "/batch"),
                [CRED, OS, UID, EMAIL, NAME, USAGE, MEETING],
                "Schematic",
                "event batch: each event's api_key (credential), an identify with keys user_id "
                "(user id) and email (e-mail), name Alice Example (name), company keys and name "
                "and traits plan and seats (no label), and a track meeting-hosted (the user "
                "hosted a meeting: product usage) with traits meeting_id and participants 2 "
                "(meeting metadata), recorded, quantity; X-Fern-Runtime / X-Fern-Platform (os); "
                "X-Schematic-Api-Key",
            ),
        ],
    ),
    (
        "vapi-node",
        [
            Expectation(
                at("api.vapi.ai", "/call"),
                [CRED, OS, PHONE, NAME, EMAIL, UID, MEETING],
                "Vapi",
                "outbound assistant call: customer {number (phone), name <guest full name> "
                "(name), email (e-mail), externalId aigerim.bekova (the client's reference to the "
                "person: user id)}, assistantOverrides firstMessage 'Hello Aigerim, Alice Example "
                "asked me to bring you into the <topic>.' (the assistant's configured opening "
                "line, not a person's message: not chat; name, meeting metadata), variableValues "
                "meetingId (meeting metadata) and hostName Alice Example (name), metadata "
                "meeting_id; x-fern-runtime-version 20.20.2 (a runtime version in an SDK platform "
                "header: os); Bearer private key (credential); accept-language * earns nothing",
            ),
            Expectation(
                at("api.vapi.ai", "/chat"),
                [CRED, OS, USAGE, NAME, SID, MEETING],
                "Vapi",
                "text chat with the assistant: input 'Which silos did <guest full name> say need "
                "new moisture probes?' (the user's question to the product: product usage, not "
                "chat; name), sessionId sess-<meeting id>-alice (links the conversation with the "
                "assistant: session id; meeting metadata), name 'Questions on meeting <id>' "
                "(meeting metadata); x-fern-runtime-version (os); Bearer",
            ),
            Expectation(
                at("api.vapi.ai", "/file"),
                [CRED, OS, TRANSCRIPT, NAME, MEETING],
                "Vapi",
                "multipart upload of meeting-<id>-transcript.txt (application/octet-stream): a "
                "heading naming meeting <id> and the topic and two timed turns by Alice Example "
                "and <guest full name> (a transcript upload: transcript, not files as well, "
                "heldout10; names; meeting metadata); x-fern-runtime-version (os); Bearer",
            ),
        ],
    ),
    (
        "infobip-node",
        [
            Expectation(
                at(INFOBIP, "/sms/2/text/advanced"),
                [CRED, PHONE, MEETING],
                "Infobip",
                "SMS: destinations to 77015550183 (the guest's number without '+': phone), "
                "text 'Meeting <id> (<topic>) starts at 14:00.' (a reminder the backend sends: "
                "notification, not chat; meeting metadata), from AcmeMeet (sender id: no "
                "label); Authorization App <key> (credential); User-Agent axios earns no os",
            ),
            Expectation(
                at(INFOBIP, "/email/3/send"),
                [CRED, UID, NAME, EMAIL, MEETING, FILES],
                "Infobip",
                "multipart e-mail: from 'Alice Example <corpus e-mail>' (the sender's name and "
                "address: user id, name, e-mail, heldout7), to['0'] <guest e-mail> (e-mail), "
                "subject 'Notes: <topic>' (meeting metadata), text 'Hello <guest full name>, the "
                "notes of today's meeting are attached. Alice Example' (an e-mail body: not "
                "chat, heldout8; names), attachment meeting-<id>-notes.txt text/plain with the "
                "meeting's action items naming both people (a notes file: files; names, meeting "
                "metadata); Authorization App <key>",
            ),
            Expectation(
                at(INFOBIP, "/2fa/2/pin/"),
                [CRED, PHONE, NAME],
                "Infobip",
                "send a one-time PIN by SMS: to 77015550183 (phone), placeholders firstName "
                "Aigerim (a name under a key that describes it: name), applicationId, messageId "
                "and from (no label), query ncNeeded=undefined; Authorization App <key>",
            ),
        ],
    ),
    (
        "formbricks-node",
        [
            Expectation(
                at(FORMBRICKS, f"{FORMBRICKS_API}/contacts/"),
                [UID, EMAIL, NAME, LOCALE],
                "Formbricks",
                "PUT contacts/alice.corpus/attributes (the user's id after /contacts/: user id): "
                "attributes email (e-mail), name (name), language en-GB (locale), plan and "
                "meetings_hosted (a profile update: no product usage); the environment id in the "
                "path is a public client id, as a site id (heldout6): no credential; User-Agent "
                "node earns no os",
            ),
            Expectation(
                at(FORMBRICKS, f"{FORMBRICKS_API}/displays"),
                [UID, USAGE],
                "Formbricks",
                "survey display: surveyId, userId alice.corpus (user id); the survey was shown "
                "to the user (an impression: product usage)",
            ),
            Expectation(
                at(FORMBRICKS, f"{FORMBRICKS_API}/responses", method="POST"),
                [UID, USAGE, MEETING, OS, LOCALE],
                "Formbricks",
                "survey response: userId (user id), data meeting_quality 4 (the user's rating: "
                "product usage), ttc (the user's answering time in ms: not a timing of the "
                "software, no performance), meta url https://meet.acme-meet.example/j/<id>/ended, "
                "variables meeting_id and hiddenFields meeting_topic (meeting metadata), "
                "meta.userAgent {browser Chrome, os macOS, device desktop} (a user agent copied "
                "into the body naming the OS: os; a device class is no hardware), language en "
                "(the language the user answered in: locale)",
            ),
            Expectation(
                at(FORMBRICKS, f"{FORMBRICKS_API}/responses/", method="PUT"),
                [USAGE, NAME, LOCALE],
                "Formbricks",
                "complete the response: data what_went_wrong '<guest full name>'s audio dropped "
                "twice while she presented the silo probe readings.' (the user's answer to the "
                "product's survey: product usage, not chat, as heldout15's feedback; name), "
                "meeting_quality, ttc (no performance), language en (locale); response id in the "
                "path not labelled",
            ),
        ],
    ),
]

FORMAT_CLASSES: dict[str, str] = {
    "retell-py": "JSON REST API calls + SDK platform headers",
    "vapi-node": "JSON REST API calls + SDK platform headers",
    "schematic-py": "JSON flag check and event batch",
    "formbricks-node": "JSON in-app survey client API",
}


def format_class(scenario: str, flow: dict[str, Any]) -> str:
    request = flow["request"]
    headers = dict((k.lower(), v) for k, v in request["headers"])
    content_type = headers.get("content-type", "")
    if request["method"] == "GET":
        return "GET with query parameters"
    if content_type.startswith("multipart/"):
        if b"filename=" in base64.b64decode(request.get("body_b64") or ""):
            return "multipart file upload"
        return "multipart form fields"
    if content_type.startswith("application/x-www-form-urlencoded"):
        return "form-urlencoded API calls"
    return FORMAT_CLASSES.get(scenario, "JSON REST API calls")


HELDOUT = HeldoutSet(
    name="heldout17",
    here=HERE,
    out=OUT,
    scenarios=SCENARIOS,
    scenario_hosts=SCENARIO_HOSTS,
    format_class=format_class,
)


if __name__ == "__main__":
    raise SystemExit(HELDOUT.main((__doc__ or "").splitlines()[0]))
