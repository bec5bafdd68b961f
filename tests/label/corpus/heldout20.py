"""Build the twentieth held-out set `heldout20.jsonl.frozen` (issue 15): real programs absent
from the development set (everything in this directory: flows.jsonl, heldout*.jsonl, sdk*.jsonl,
npm/, heldout5_npm/ … heldout20_npm/, sdk*_npm/, *_runs.py, generate.py, and auditor/vendors/),
recorded through the real proxy offline, from what a meeting / collaboration client and its
backend send home: LLM observability of its AI summaries (Athina, Portkey) and usage-metered
billing (Chargebee); plus three platform APIs around a meeting: a recording bot sent into it
(Meeting BaaS), a meeting-intelligence service (Avoma) and a CRM the meeting is logged in (Attio).

Run: `.venv/bin/python tests/label/corpus/heldout20.py` (offline; `make setup`, then
`npm ci` in `heldout20_npm/`, `pip install -r heldout20-requirements.txt` and
`pip install --no-deps athina-logger==1.3.0`).
`--raw SCENARIO…` records and prints only the requests (method, URL, headers, decoded body):
what the expectations were written from. The capture labels what it stores; those labels are
dropped before anything is printed or written.

Sources: npm SDKs in `heldout20_npm/` (Node, through `npm/proxy-preload.js` as the npm corpus
scenarios) and PyPI SDKs in `heldout20_runs.py`, each sending to its vendor's real host, answered
inside the proxy by `auditor capture --sinkhole '*'`.

Expectations were written from the payloads and committed before the labeller ran on them.
The set is written as `heldout20.jsonl.frozen` so that nothing globbing `*.jsonl` (the label
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
    LOCALE,
    MEETING,
    NAME,
    OS,
    PERF,
    PHONE,
    SID,
    UID,
    USAGE,
    HeldoutSet,
    at,
)

OUT = HERE / "heldout20.jsonl.frozen"

# Labels heldout_recording does not name.
TRANSCRIPT = "customer_content.transcript"

PORTKEY = "api.portkey.ai"
MEETINGBAAS = "api.meetingbaas.com"
ATHINA = "log.athina.ai"
ATTIO = "api.attio.com"
AVOMA = "api.avoma.com"
CHARGEBEE = "acme-meet.chargebee.com"

SCENARIO_HOSTS: dict[str, set[str]] = {
    "portkey-node": {PORTKEY},
    "meetingbaas-node": {MEETINGBAAS},
    "athina-py": {ATHINA},
    "attio-py": {ATTIO},
    "avoma-py": {AVOMA},
    "chargebee-py": {CHARGEBEE},
}

BOT = "7b1e0c64-2f9a-4d35-9b7e-a20b0f5e1a9c"
AVOMA_MEETING = "3c9e1f7a-4b2d-4e8a-9f60-a20d5b7c1e34"

# Expectations written from the payloads (`--raw`: requests only), before the labeller ran on
# them. Reading conventions as heldout5.py … heldout19.py (the README's "How the expectations were
# written" for each, generate.py's docstring) and docs/taxonomy.md's "Conventions"; the judgement
# calls new to this set are in the README's "Sources of heldout20".
PORTKEY_HEADERS = (
    "x-portkey-api-key (credential), x-portkey-virtual-key (the name of a stored provider key: "
    "nothing beside the API key), x-portkey-runtime-version v20.20.2 (the Node version in an SDK "
    "platform header: os), x-portkey-trace-id mtg-<meeting id>-summary-20 (a trace id: session "
    "id; built with the meeting number: meeting metadata), x-portkey-metadata {_user "
    "alice.corpus (user id), meeting_id (meeting metadata)}; User-Agent node earns nothing"
)
SCENARIOS: list[tuple[str, list[Expectation]]] = [
    (
        "portkey-node",
        [
            Expectation(
                at(PORTKEY, "/v1/chat/completions"),
                [CRED, OS, SID, MEETING, UID, EMAIL, TRANSCRIPT, NAME],
                "Portkey",
                "chat completion through the gateway: system message naming the meeting's topic "
                "(meeting metadata), user message the meeting's transcript lines, speakers named "
                "in full (transcript, name), top-level user <corpus e-mail> (the person acting: "
                "user id and e-mail); no times or usage sent: no performance; " + PORTKEY_HEADERS,
            ),
            Expectation(
                at(PORTKEY, "/v1/logs"),
                [CRED, OS, SID, MEETING, UID, NAME, EMAIL, TRANSCRIPT, PERF],
                "Portkey",
                "custom log of a generation made elsewhere: request message names the guest in "
                "full with her address (name, e-mail) and the topic (meeting metadata); response "
                "the AI-drafted follow-up e-mail signed 'Alice Example' (an output derived from "
                "the meeting: transcript; a draft no person sent: no chat; name), token usage "
                "with response_time (a timed generation: performance); metadata _user (user id), "
                "traceId (session id, meeting metadata); " + PORTKEY_HEADERS,
            ),
            Expectation(
                at(PORTKEY, "/v1/feedback"),
                [CRED, OS, SID, MEETING, UID, USAGE],
                "Portkey",
                "feedback on the trace: value -1 with the user's comment (the user's judgment of "
                "the summary: feedback to the product, product usage; not chat), trace_id "
                "(session id, meeting metadata), metadata _user (user id); " + PORTKEY_HEADERS,
            ),
        ],
    ),
    (
        "meetingbaas-node",
        [
            Expectation(
                at(MEETINGBAAS, "/bots/", b"bot_name"),
                [CRED, NAME, MEETING, UID],
                "Meeting BaaS",
                "bot sent into the meeting: meeting_url, the Zoom join link with the meeting "
                "number (meeting metadata) and its pwd= passcode (credential); bot_name 'Alice "
                "Example's notetaker' (a bot's name spelling the user's full name: name; names "
                "a bot, no account: no user id); entry_message (a canned notice the bot posts, "
                "no person wrote it to others: no chat); extra meetingTopic (meeting metadata), "
                "hostUser alice.corpus (user id), workspace (a workspace's id: nothing); "
                "webhook_url, recording_mode, speech_to_text; x-meeting-baas-api-key "
                "(credential); User-Agent axios earns nothing",
            ),
            Expectation(
                at(MEETINGBAAS, f"/bots/{BOT}", method="DELETE"),
                [CRED],
                "Meeting BaaS",
                "leave: DELETE of the bot by its opaque id (a bot's id alone: no meeting "
                "metadata); API key (credential)",
            ),
            Expectation(
                at(MEETINGBAAS, "/bots/meeting_data"),
                [CRED],
                "Meeting BaaS",
                "GET of the meeting data by the bot's opaque id with include_transcripts=true "
                "(asks for a transcript, sends none); API key (credential)",
            ),
            Expectation(
                at(MEETINGBAAS, f"/bots/{BOT}/delete_data", method="POST"),
                [CRED],
                "Meeting BaaS",
                "POST without a body deleting the bot's data by its opaque id; API key "
                "(credential)",
            ),
        ],
    ),
    (
        "athina-py",
        [
            Expectation(
                at(ATHINA, "/api/v1/log/inference"),
                [CRED, TRANSCRIPT, NAME, MEETING, PERF, UID, EMAIL, SID, LOCALE],
                "Athina AI",
                "inference log: prompt with the topic (meeting metadata) and the meeting's "
                "transcript lines, speakers named in full (transcript, name), response the AI "
                "summary (transcript; 'Alice Example' again), token counts with response_time "
                "1620 (a timed generation: performance), customer_user_id <corpus e-mail> (an "
                "e-mail as the user's id: user id and e-mail), customer_id (the workspace's id: "
                "no user id), session_id <meeting id> (session id; the meeting number: meeting "
                "metadata), external_reference_id summary-<meeting id> (meeting metadata), "
                "custom_attributes meeting_topic (meeting metadata), client 'desktop 5.18.0' "
                "(an app version, no OS), locale en-US (locale); no telemetry, no product usage; "
                "athina-api-key (credential); User-Agent python-requests earns nothing",
            ),
            Expectation(
                at(ATHINA, "/api/v1/log/inference"),
                [CRED, TRANSCRIPT, NAME, MEETING, PERF, UID, EMAIL, SID, LOCALE],
                "Athina AI",
                "the same inference log again: the SDK's retry decorator resends it after the "
                "sinkhole's empty answer (kept out of the set)",
                followups=True,
            ),
            Expectation(
                at(ATHINA, "/api/v1/prompt_run/user-feedback"),
                [CRED, MEETING, USAGE],
                "Athina AI",
                "PATCH user feedback: user_feedback -1 with the user's comment on the summary "
                "(feedback to the product: product usage; not chat), external_reference_id "
                "summary-<meeting id> (meeting metadata); athina-api-key (credential)",
            ),
            Expectation(
                at(ATHINA, "/api/v1/prompt_run/user-feedback"),
                [CRED, MEETING, USAGE],
                "Athina AI",
                "the same feedback again: the SDK's retry (kept out of the set)",
                followups=True,
            ),
        ],
    ),
    (
        "attio-py",
        [
            Expectation(
                at(ATTIO, "/v2/objects/people/records"),
                [CRED, EMAIL, NAME, PHONE],
                "Attio",
                "person record upsert matched on email_addresses: the guest's address (e-mail), "
                "first/last/full name (name), original_phone_number (phone), job_title; a CRM "
                "contact, no product usage; Bearer (credential); User-Agent speakeasy-sdk earns "
                "nothing",
            ),
            Expectation(
                at(ATTIO, "/v2/meetings"),
                [CRED, MEETING, EMAIL, NAME, LOCALE],
                "Attio",
                "meeting logged on the CRM: title the topic, description with the meeting "
                "number, start/end (meeting metadata), participants with is_organizer, their "
                "e-mail addresses and full names (meeting metadata, e-mail, name; addresses under "
                "a key that describes them: no user id), timezone Pacific/Honolulu (locale), a "
                "company's record id (nothing); Bearer (credential)",
            ),
            Expectation(
                at(ATTIO, "/v2/notes"),
                [CRED, MEETING, NAME, CHAT],
                "Attio",
                "note on the guest's person record: title 'Notes: <topic>' (meeting metadata), "
                "content the notes a person wrote on the meeting naming both in full (name): a "
                "note logged on a CRM record is chat (issue 15p; not the note of a meeting "
                "activity); parent record id (nothing); Bearer (credential)",
            ),
            Expectation(
                at(ATTIO, "/v2/tasks"),
                [CRED, UID, EMAIL],
                "Attio",
                "follow-up task: content (the body of a task: a record of the work, not chat), "
                "deadline_at, linked person record, assignees "
                "workspace_member_email_address <corpus e-mail> (the person it is assigned to: "
                "user id and e-mail); Bearer (credential)",
            ),
        ],
    ),
    (
        "avoma-py",
        [
            Expectation(
                at(AVOMA, "/v1/meetings/?"),
                [CRED],
                "Avoma",
                "GET of the week's meetings: from_date/to_date and page_size (a date window); "
                "Bearer (credential); User-Agent aiohttp earns nothing",
            ),
            Expectation(
                at(AVOMA, "/v1/transcriptions/"),
                [CRED],
                "Avoma",
                "GET of transcriptions by meeting_uuid, an opaque id (a meeting's opaque id "
                "alone: no meeting metadata, heldout19's Whereby); Bearer (credential)",
            ),
            Expectation(
                at(AVOMA, f"/v1/meetings/{AVOMA_MEETING}/insights"),
                [CRED],
                "Avoma",
                "GET of the meeting's AI insights by its opaque id; Bearer (credential)",
            ),
            Expectation(
                at(AVOMA, f"/v1/meetings/{AVOMA_MEETING}"),
                [CRED],
                "Avoma",
                "GET of the meeting by its opaque id (the SDK's fallback when no transcript "
                "came back); Bearer (credential)",
            ),
        ],
    ),
    (
        "chargebee-py",
        [
            Expectation(
                at(CHARGEBEE, "/api/v2/customers"),
                [CRED, OS, NAME, EMAIL, LOCALE, UID],
                "Chargebee",
                "form-encoded customer create: first_name/last_name (name), email (e-mail), "
                "locale en-US (locale), meta_data (a Python dict's repr) owner alice.corpus (a "
                "username under an owner key: user id), id ws_acme_0142 and company (the "
                "workspace: no user id); a billing profile, no product usage; Authorization "
                "Basic with the API key (credential); Lang-Version 3.12 (the Python version) and "
                "OS-Version Linux-6.18.44-…-x86_64-with-glibc2.36 (SDK platform headers: os); "
                "User-Agent Chargebee-Python-Client earns nothing",
            ),
            Expectation(
                at(CHARGEBEE, "/api/v2/subscriptions/"),
                [CRED, OS, MEETING, USAGE],
                "Chargebee",
                "form-encoded usage record on the subscription's metered transcription-minutes "
                "price: quantity 45, usage_date, note 'meeting <meeting id> transcribed' (a "
                "meeting named by its number: meeting metadata); the usage the user's meeting "
                "consumed (product usage, as heldout19's Metronome events); Basic (credential), "
                "Lang-Version and OS-Version (os)",
            ),
            Expectation(
                at(CHARGEBEE, "/api/v2/usages"),
                [CRED, OS],
                "Chargebee",
                "GET of the subscription's usages (subscription_id[is], limit): a read-back, no "
                "product usage; Basic (credential), Lang-Version and OS-Version (os)",
            ),
        ],
    ),
]

FORMAT_CLASSES: dict[str, str] = {
    "portkey-node": "JSON LLM observability (gateway call, logs, feedback)",
    "athina-py": "JSON LLM observability (gateway call, logs, feedback)",
    "chargebee-py": "form-encoded REST API calls",
}


def format_class(scenario: str, flow: dict[str, Any]) -> str:
    request = flow["request"]
    body = base64.b64decode(request.get("body_b64") or "")
    if not body:
        return "requests without a body (GET, DELETE, POST)"
    return FORMAT_CLASSES.get(scenario, "JSON REST API calls")


HELDOUT = HeldoutSet(
    name="heldout20",
    here=HERE,
    out=OUT,
    scenarios=SCENARIOS,
    scenario_hosts=SCENARIO_HOSTS,
    format_class=format_class,
)


if __name__ == "__main__":
    raise SystemExit(HELDOUT.main((__doc__ or "").splitlines()[0]))
