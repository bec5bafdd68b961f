"""Build the fifteenth held-out set `heldout15.jsonl.frozen` (issue 15): real programs absent
from the development set (everything in this directory: flows.jsonl, heldout*.jsonl, sdk*.jsonl,
npm/, heldout5_npm/ … heldout14_npm/, sdk*_npm/, *_runs.py, generate.py, and auditor/vendors/),
recorded through the real proxy offline: telemetry and analytics SDKs a meeting backend or client
reports AI-feature usage, flag evaluations and LLM traces through (Trubrics, Prefab, Comet Opik),
and the platform APIs around a meeting: e-signature (DocuSign), file storage (Uploadcare) and
push notifications (Pushover).

Run: `.venv/bin/python tests/label/corpus/heldout15.py` (offline; `make setup`, then
`npm ci` in `heldout15_npm/` and `pip install -r heldout15-requirements.txt`).
`--raw SCENARIO…` records and prints only the requests (method, URL, headers, decoded body):
what the expectations were written from. The capture labels what it stores; those labels are
dropped before anything is printed or written.

Sources: npm SDKs in `heldout15_npm/` (Node, through `npm/proxy-preload.js` as the npm corpus
scenarios) and PyPI SDKs in `heldout15_runs.py`, each sending to its vendor's real host, answered
inside the proxy by `auditor capture --sinkhole '*'`.

Expectations were written from the payloads and committed before the labeller ran on them.
The set is written as `heldout15.jsonl.frozen` so that nothing globbing `*.jsonl` (the label
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
    COARSE,
    CRED,
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

OUT = HERE / "heldout15.jsonl.frozen"

# Content labels heldout_recording does not name.
TRANSCRIPT = "customer_content.transcript"
VIDEO = "customer_content.video"
FILES = "customer_content.files"

SCENARIO_HOSTS: dict[str, set[str]] = {
    "trubrics-py": {"app.trubrics.com"},
    "prefab-py": {
        "belt.prefab.cloud",
        "suspenders.prefab.cloud",
        "stream.prefab.cloud",
        "telemetry.prefab.cloud",
    },
    "docusign-py": {"demo.docusign.net"},
    "uploadcare-py": {"upload.uploadcare.com", "api.uploadcare.com"},
    "chartmogul-py": {"api.chartmogul.com"},
    "opik-node": {"www.comet.com"},
    "pushover-node": {"api.pushover.net"},
}

# Expectations written from the payloads (`--raw`: requests only), before the labeller ran on
# them. Reading conventions as heldout5.py … heldout14.py (the README's "How the expectations were
# written" for each, generate.py's docstring) and docs/taxonomy.md's "Conventions" (the settled
# user-agent convention, which ids name a person, what is chat, pictures, JWT claims, what is no
# product usage); the judgement calls new to this set are in the README's "Sources of heldout15".
SCENARIOS: list[tuple[str, list[Expectation]]] = [
    (
        "trubrics-py",
        [
            Expectation(
                at("app.trubrics.com", "/api/ingestion/publish_events", b'"summary_opened"'),
                [CRED, UID, USAGE, MEETING, NET_ID, LOCALE, OS],
                "Trubrics",
                "JSON array of one event summary_opened (the user opened a meeting's AI summary: "
                "product usage) by user_id alice.corpus (user id), properties meeting_id, topic "
                "and participants 2 (meeting metadata), $device corpus-host-01 (a host name: "
                "network id), locale es-CL (locale), os 'Windows 11 23H2' (os), app_version not "
                "labelled; x-api-key header (credential)",
            ),
            Expectation(
                at("app.trubrics.com", "/api/ingestion/publish_llm_events", b'"prompt"'),
                [CRED, UID, USAGE, PERF, MEETING, NAME, EMAIL, TRANSCRIPT, SID],
                "Trubrics",
                "JSON array of one LLM event: the user's prompt to the meeting assistant ('What "
                "did <guest full name> commit to in the <topic>?': name, meeting metadata) and "
                "the assistant's generation, an answer derived from the meeting's content naming "
                "the guest and his e-mail (transcript: an AI output derived from content; name, "
                "e-mail), user_id (user id), properties meeting_id and model, latency 1.84 s (a "
                "timing: performance), thread_id thread-<meeting id>-01 (links the messages of "
                "one conversation: session id); a prompt the user sent to the product is product "
                "usage, not chat (written to the assistant, not to people); x-api-key",
            ),
            Expectation(
                at("app.trubrics.com", "/api/ingestion/publish_events", b'"summary_shared"'),
                [CRED, UID, USAGE, MEETING, EMAIL, PERF],
                "Trubrics",
                "JSON array of one event summary_shared (the user shared the summary: product "
                "usage), user_id, properties meeting_id (meeting metadata), channel email, "
                "recipient <guest e-mail> (an address the summary went to, as `to`: e-mail only), "
                "duration_ms 412 (a timing: performance); x-api-key",
            ),
            Expectation(
                at("app.trubrics.com", "/api/ingestion/publish_llm_events"),
                [CRED],
                "Trubrics",
                "the second flush's LLM batch, empty (`[]`: the SDK posts both batches whenever "
                "one has events); x-api-key only",
            ),
        ],
    ),
    (
        "prefab-py",
        [
            Expectation(
                at("belt.prefab.cloud", "/api/v1/configs/", method="GET"),
                [CRED],
                "Reforge Prefab",
                "config download GET /api/v1/configs/0: Basic auth whose password is the SDK "
                "key (credential); X-PrefabCloud-Client-Version names the SDK; nothing else",
            ),
            Expectation(
                at("stream.prefab.cloud", "/api/v1/sse/config", method="GET"),
                [CRED],
                "Reforge Prefab",
                "config event stream GET (text/event-stream, x-prefab-start-at-id 0): Basic auth "
                "with the SDK key; nothing else",
            ),
            Expectation(
                at("stream.prefab.cloud", "/api/v1/sse/config", method="GET"),
                [CRED],
                "Reforge Prefab",
                "the stream reopened after the sinkhole's empty answer (how often depends on "
                "timing)",
                followups=True,
            ),
            Expectation(
                at("telemetry.prefab.cloud", "/api/v1/telemetry/"),
                [CRED, TELEMETRY, UID, EMAIL, NAME, LOCALE, COARSE, MEETING, NET_ID],
                "Reforge Prefab",
                "protobuf telemetry (application/x-protobuf, read field by field): the SDK's "
                "example contexts: application {name meet-backend, host corpus-host-01 (a host "
                "name: network id)}, user {key alice.corpus (the user's key: user id), email "
                "(e-mail), name Alice Example (name), language es-CL (locale), country CL "
                "(coarse)}, meeting {key <meeting id>, topic, participants 2} (meeting metadata), "
                "and context shapes (field names with type numbers); the SDK reporting what "
                "contexts it saw is its own telemetry (no flag evaluation summary was sent: no "
                "config loaded, so no exposure and no product usage); Basic auth",
            ),
        ],
    ),
    (
        "docusign-py",
        [
            Expectation(
                at("demo.docusign.net", "/restapi/v2.1/accounts/", b'"documentBase64"'),
                [CRED, FILES, MEETING, NAME, EMAIL, UID],
                "DocuSign",
                "create envelope: documents[0].documentBase64, a text document 'Action items of "
                "meeting <id> (<topic>): 1. <guest full name> re-surveys …' sent for signature "
                "(a document attached to the envelope: files; its meeting id, topic and name "
                "read as data), emailSubject with the topic (meeting metadata), signers [{email, "
                "name <guest>, clientUserId mv-1001}] and carbonCopies [{email, name <corpus "
                "user>}] (e-mails and names under keys that describe them; clientUserId is the "
                "sender's own reference to the signer: user id); the account id in the path "
                "(an API account's id) is not labelled; Bearer token",
            ),
            Expectation(
                at("demo.docusign.net", "/restapi/v2.1/accounts/", b'"phoneAuthentication"'),
                [CRED, UID, EMAIL, NAME, PHONE],
                "DocuSign",
                "PUT envelope recipients: the signer again with phoneAuthentication "
                "senderProvidedNumbers [<guest phone>] (phone), email, name, clientUserId (user "
                "id), idCheckConfigurationName 'Phone Auth $'; envelope id in the path not "
                "labelled; Bearer token",
            ),
            Expectation(
                at("demo.docusign.net", "/restapi/v2.1/accounts/", b'"returnUrl"'),
                [CRED, UID, EMAIL, NAME, MEETING],
                "DocuSign",
                "recipient view request: clientUserId (user id), email, userName <guest full "
                "name> (the signer's name as the view's user: user id and name), returnUrl "
                "https://meet.acme-meet.example/m/<meeting id>/signed (the meeting number in a "
                "URL: meeting metadata), authenticationMethod none; Bearer token",
            ),
        ],
    ),
    (
        "uploadcare-py",
        [
            Expectation(
                at("upload.uploadcare.com", "/base/", b"image/png"),
                [CRED, MEETING, UID, EMAIL, VIDEO],
                "Uploadcare",
                "multipart direct upload: the meeting's thumbnail, a 32x18 PNG part declared "
                "image/png named meeting-<id>-thumb.png (video, the pictures rule), "
                "metadata[meeting] <meeting id> (meeting metadata), metadata[host] <corpus "
                "e-mail> (an e-mail under a role key: user id and e-mail), UPLOADCARE_PUB_KEY, "
                "expire and signature of a signed upload (credential), UPLOADCARE_STORE 1; the "
                "User-Agent PyUploadcare/6.2.0/<public key> (CPython/3.12.1) earns no os",
            ),
            Expectation(
                at("upload.uploadcare.com", "/base/", b"WEBVTT"),
                [CRED, MEETING, LOCALE, NAME, TRANSCRIPT],
                "Uploadcare",
                "multipart direct upload of the meeting's captions (text/vtt part: cues with "
                "voice tags <v Alice Example>, <v <guest full name>>: transcript, names), "
                "metadata[meeting] (meeting metadata), metadata[language] es-CL (locale), "
                "public key and signature (credential)",
            ),
            Expectation(
                at("api.uploadcare.com", "/files/", method="PUT"),
                [CRED, NAME],
                "Uploadcare",
                "metadata key guest on a stored file: JSON string body '<guest full name>' "
                "(a name, not an account reference: name only), Authorization 'Uploadcare "
                "<public key>:<signature>' (credential); the file's uuid in the path not "
                "labelled",
            ),
        ],
    ),
    (
        "chartmogul-py",
        [
            Expectation(
                at("api.chartmogul.com", "/v1/customers"),
                [CRED, EMAIL, UID, COARSE],
                "ChartMogul",
                "create customer: the guest's organisation (name and company Andes Hidro SpA: "
                "a company, not a person), email <guest e-mail> (e-mail under a key that "
                "describes), external_id org-andes-hidro (the organisation's reference, not a "
                "person's: not labelled), country CL and city Puerto Montt (coarse), custom "
                "attribute owner <corpus e-mail> (an e-mail under a role key: user id and "
                "e-mail), meetings_held 3 and tags not labelled; Basic auth with the API key "
                "(credential)",
            ),
            Expectation(
                at("api.chartmogul.com", "/v1/contacts"),
                [CRED, NAME, EMAIL, PHONE, UID, MEETING],
                "ChartMogul",
                "create contact: first_name and last_name of the guest (name), email, phone "
                "(phone), title, linked_in https://www.linkedin.com/in/mateo-villanueva-hidro "
                "(the person's profile handle on another service: user id), notes 'Met in "
                "<topic>.' (meeting metadata; a contact's description, not a message: not "
                "chat); Basic auth",
            ),
            Expectation(
                at("api.chartmogul.com", "/v1/tasks"),
                [CRED, UID, EMAIL, MEETING],
                "ChartMogul",
                "create task: task_details 'Send Mateo the re-survey checklist from meeting "
                "<meeting id>' (a record of work, not a message: not chat; a first name alone is "
                "no name; the meeting number in text: meeting metadata), assignee <corpus "
                "e-mail> (the person assigned: user id and e-mail), due_date; Basic auth",
            ),
            Expectation(
                at("api.chartmogul.com", "/v1/opportunities"),
                [CRED, UID, EMAIL, MEETING],
                "ChartMogul",
                "create opportunity: owner <corpus e-mail> (user id and e-mail), pipeline, "
                "stage, amount, win likelihood (business data, not labelled), custom "
                "source_meeting <meeting id> (a `{key, value}` pair naming the meeting: meeting "
                "metadata); Basic auth",
            ),
            Expectation(
                at("api.chartmogul.com", "/v1/customer_notes"),
                [CRED, UID, EMAIL, CHAT, MEETING],
                "ChartMogul",
                "create customer note: text 'Meeting <id>: Mateo wants the pilot extended …' "
                "(a note the user adds on a CRM customer for colleagues: chat, as heldout14's "
                "Close note; the meeting number in it: meeting metadata; a first name alone is no "
                "name), author_email <corpus e-mail> (the author: user id and e-mail), type "
                "note; Basic auth",
            ),
        ],
    ),
    (
        "opik-node",
        [
            Expectation(
                at("www.comet.com", "/opik/api/v1/private/traces/batch"),
                [CRED, OS, PERF, SID, MEETING, UID, EMAIL, LOCALE],
                "Comet",
                "trace batch: trace meeting-summary with start_time (a trace: performance), "
                "thread_id meeting-<meeting id> (links the traces of one conversation: session "
                "id; built with the meeting number: meeting metadata) and its id, input "
                "meetingId, topic (meeting metadata), requestedBy <corpus e-mail> (the person "
                "asking: user id and e-mail), metadata userId alice.corpus (user id), language "
                "es-CL (locale), tags; authorization header with the API key (credential), "
                "comet-workspace (a workspace's name: not labelled), x-fern-runtime-version "
                "20.20.2 (the Node version in an SDK platform header: os)",
            ),
            Expectation(
                at("www.comet.com", "/opik/api/v1/private/traces/", method="PATCH"),
                [CRED, OS, PERF, SID],
                "Comet",
                "trace update PATCH /traces/<trace id>: end_time of the timed trace "
                "(performance), the trace id in the path (session id), project_name; API key, "
                "x-fern-runtime-version",
            ),
            Expectation(
                at("www.comet.com", "/opik/api/v1/private/spans/batch"),
                [CRED, OS, PERF, NAME, TRANSCRIPT, SID, MEETING],
                "Comet",
                "span batch: load-transcript (start and end time, input recording "
                "rec-<meeting id>-1: meeting metadata, output speakers [Alice Example, <guest "
                "full name>]: names) and summarise-transcript, an llm span (model, provider, "
                "prompt with the transcript lines '[00:02:05] Alice Example: …', output summary, "
                "usage tokens, start and end time): the transcript and its AI summary "
                "(transcript), timed spans with usage (performance), trace_id (session id); API "
                "key, x-fern-runtime-version",
            ),
            Expectation(
                at("www.comet.com", "/opik/api/v1/private/traces/feedback-scores"),
                [CRED, OS, USAGE, SID],
                "Comet",
                "feedback scores PUT: user-rating 0.25 on the trace with reason 'Missed the "
                "evacuation drill date.' (the user's rating of the summary: product usage; "
                "feedback to the product, not to people: not chat), id the trace id (session "
                "id); API key, x-fern-runtime-version",
            ),
        ],
    ),
    (
        "pushover-node",
        [
            Expectation(
                at("api.pushover.net", "/1/sounds.json", method="GET"),
                [CRED],
                "Pushover",
                "sound list download GET /1/sounds.json?token=<app token> (a token in the query: "
                "credential); no headers beyond Host",
            ),
            Expectation(
                at("api.pushover.net", "/1/messages.json", b"Starting in 10 min"),
                [CRED, UID, MEETING, NAME, PHONE, NET_ID],
                "Pushover",
                "multipart form message: token (the app token: credential), user (the "
                "recipient's Pushover user key: user id), title 'Starting in 10 min: <topic>' "
                "and url https://meet.acme-meet.example/j/<meeting id>?pwd=Rv8kQz2N (meeting "
                "metadata; a meeting passcode: credential), message '<corpus name>, your meeting "
                "with <guest full name> (<guest phone>) starts at 15:00.' (names, phone; a "
                "notification the backend sends: not chat), device corpus-host-01 (the user's "
                "device named by its host name: network id), priority, sound",
            ),
            Expectation(
                at("api.pushover.net", "/1/messages.json", b"waiting room"),
                [CRED, UID, NAME, EMAIL, MEETING, VIDEO],
                "Pushover",
                "multipart message with an attachment: token, user key (user id), title 'Guest "
                "is waiting', message '<guest full name> <<guest e-mail>> is in the waiting room "
                "of meeting <id>.' (name, e-mail, meeting metadata), attachment "
                "waiting-room.png, a 48x27 PNG declared image/png (a waiting-room snapshot: "
                "video, the pictures rule)",
            ),
        ],
    ),
]

FORMAT_CLASSES: dict[str, str] = {
    "trubrics-py": "JSON analytics and LLM event arrays",
    "opik-node": "JSON LLM-trace batches and updates",
}


def format_class(scenario: str, flow: dict[str, Any]) -> str:
    request = flow["request"]
    headers = dict((k.lower(), v) for k, v in request["headers"])
    content_type = headers.get("content-type", "")
    if request["method"] == "GET":
        return "GET with the credential only (config, stream, list downloads)"
    if "protobuf" in content_type:
        return "protobuf SDK telemetry (example contexts, context shapes)"
    if content_type.startswith("multipart/"):
        if b"filename=" in base64.b64decode(request.get("body_b64") or ""):
            return "multipart file upload"
        return "multipart form fields"
    return FORMAT_CLASSES.get(scenario, "JSON REST API calls")


HELDOUT = HeldoutSet(
    name="heldout15",
    here=HERE,
    out=OUT,
    scenarios=SCENARIOS,
    scenario_hosts=SCENARIO_HOSTS,
    format_class=format_class,
)


if __name__ == "__main__":
    raise SystemExit(HELDOUT.main((__doc__ or "").splitlines()[0]))
