"""Build the nineteenth held-out set `heldout19.jsonl.frozen` (issue 15): real programs absent
from the development set (everything in this directory: flows.jsonl, heldout*.jsonl, sdk*.jsonl,
npm/, heldout5_npm/ … heldout19_npm/, sdk*_npm/, *_runs.py, generate.py, and auditor/vendors/),
recorded through the real proxy offline, from what a meeting / collaboration client and its
backend send home: LLM observability of its AI summaries (Humanloop), product events and
lifecycle e-mail (Loops) and usage metering (Metronome); plus two platform APIs around a meeting:
embedded video rooms (Whereby) and a notetaker bot that records and transcribes it (Fireflies).

Run: `.venv/bin/python tests/label/corpus/heldout19.py` (offline; `make setup`, then
`npm ci` in `heldout19_npm/` and `pip install -r heldout19-requirements.txt`).
`--raw SCENARIO…` records and prints only the requests (method, URL, headers, decoded body):
what the expectations were written from. The capture labels what it stores; those labels are
dropped before anything is printed or written.

Sources: npm SDKs in `heldout19_npm/` (Node, through `npm/proxy-preload.js` as the npm corpus
scenarios) and PyPI SDKs in `heldout19_runs.py`, each sending to its vendor's real host, answered
inside the proxy by `auditor capture --sinkhole '*'`.

Expectations were written from the payloads and committed before the labeller ran on them.
The set is written as `heldout19.jsonl.frozen` so that nothing globbing `*.jsonl` (the label
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
    CRED,
    EMAIL,
    HW,
    LOCALE,
    MEETING,
    NAME,
    OS,
    PERF,
    UID,
    USAGE,
    HeldoutSet,
    at,
)

OUT = HERE / "heldout19.jsonl.frozen"

# Labels heldout_recording does not name.
TRANSCRIPT = "customer_content.transcript"

LOOPS = "app.loops.so"
METRONOME = "api.metronome.com"
HUMANLOOP = "api.humanloop.com"
WHEREBY = "api.whereby.dev"
FIREFLIES = "api.fireflies.ai"
CALENDLY = "calendly.com"
PLANHAT = "api-eu.planhat.com"

SCENARIO_HOSTS: dict[str, set[str]] = {
    "loops-node": {LOOPS},
    "metronome-node": {METRONOME},
    "humanloop-py": {HUMANLOOP},
    "whereby-py": {WHEREBY},
    "fireflies-py": {FIREFLIES},
    "calendly-py": {CALENDLY},
    "planhat-py": {PLANHAT},
}

# Expectations written from the payloads (`--raw`: requests only), before the labeller ran on
# them. Reading conventions as heldout5.py … heldout18.py (the README's "How the expectations were
# written" for each, generate.py's docstring) and docs/taxonomy.md's "Conventions"; the judgement
# calls new to this set are in the README's "Sources of heldout19".
SCENARIOS: list[tuple[str, list[Expectation]]] = [
    (
        "loops-node",
        [
            Expectation(
                at(LOOPS, "/api/v1/contacts/create"),
                [CRED, NAME, UID, EMAIL, OS],
                "Loops",
                "contact create: firstName/lastName (name), userId alice.corpus (user id), email "
                "(an address under a key that describes it: e-mail), desktopClient 'macOS "
                "5.17.3' (the client's OS in a body field: os), plan, meetingsHosted (a count, "
                "no meeting named), a mailing list id; a profile update, no product usage; "
                "Bearer key (credential); User-Agent node earns nothing",
            ),
            Expectation(
                at(LOOPS, "/api/v1/events/send"),
                [CRED, EMAIL, MEETING, LOCALE, USAGE],
                "Loops",
                "event meetingRecorded for email (e-mail): meetingId, meetingTopic, "
                "durationMinutes, participantCount (meeting metadata), transcriptLanguage en "
                "(the meeting's language: locale); the user recorded a meeting (product usage); "
                "Bearer (credential)",
            ),
            Expectation(
                at(LOOPS, "/api/v1/transactional"),
                [CRED, EMAIL, NAME, MEETING],
                "Loops",
                "transactional e-mail to the guest's address under email (e-mail only): "
                "guestFirstName (a first name alone: no name), hostName 'Alice Example' (a full "
                "name: name; a name in a template, no account reference), meetingTopic and a "
                "recording link with the meeting number (meeting metadata) and its k= share key "
                "(credential); a message the backend sends: no chat, no product usage; Bearer "
                "(credential)",
            ),
        ],
    ),
    (
        "metronome-node",
        [
            Expectation(
                at(METRONOME, "/v1/customers"),
                [CRED, OS, HW, NAME, EMAIL, UID],
                "Metronome",
                "billed customer create: name 'Alice Example (Acme Meet workspace)' (a full name: "
                "name), ingest_aliases [e-mail] (e-mail; an alias of the workspace's customer), "
                "custom_fields owner alice.corpus (a username under an owner key: user id), "
                "external_id (the workspace's id, no user id), plan; X-Stainless-OS Linux and "
                "-Runtime-Version v20.20.2 (os), X-Stainless-Arch x64 (hardware); Bearer "
                "(credential); User-Agent Metronome/JS earns nothing",
            ),
            Expectation(
                at(METRONOME, "/v1/ingest"),
                [CRED, OS, HW, EMAIL, UID, MEETING, LOCALE, USAGE],
                "Metronome",
                "JSON array of usage events: customer_id <corpus e-mail> (an e-mail used as the "
                "customer's id: e-mail and user id), properties meeting_id and minutes (meeting "
                "metadata), host alice.corpus (user id), language en (locale), input/output "
                "tokens; the usage the user's meeting consumed (product usage, as heldout18's "
                "Amberflo records); X-Stainless-* (os, hardware); Bearer (credential)",
            ),
            Expectation(
                at(METRONOME, "/v1/usage"),
                [CRED, OS, HW],
                "Metronome",
                "usage query: a date window and the organisation's customer id (no user id); "
                "X-Stainless-* (os, hardware); Bearer (credential)",
            ),
        ],
    ),
    (
        "humanloop-py",
        [
            Expectation(
                at(HUMANLOOP, "/v5/prompts/log", b"Meeting summary"),
                [CRED, TRANSCRIPT, NAME, MEETING, LOCALE, UID, EMAIL, PERF],
                "Humanloop",
                "prompt log: messages with the meeting's transcript lines, speakers named in "
                "full (transcript, name), output the AI summary (transcript; 'Alice Example' "
                "again), inputs topic and meeting_id, metadata meeting_id (meeting metadata), "
                "metadata locale en-GB (locale), top-level user <corpus e-mail> (the person "
                "acting: user id and e-mail), start_time/end_time, provider_latency and token "
                "counts (a timed generation: performance); no telemetry, no product usage; "
                "X-API-KEY (credential); X-Fern-Language/SDK-Name/SDK-Version name the SDK, "
                "User-Agent humanloop/0.8.38: nothing",
            ),
            Expectation(
                at(HUMANLOOP, "/v5/evaluators/log"),
                [CRED, USAGE, UID, EMAIL],
                "Humanloop",
                "evaluator log: the user's judgment bad on the summary with her comment "
                "(feedback to the product: product usage; not chat; 'Aino' a first name "
                "alone: no name), parent_id a log's id, top-level user <corpus e-mail> (user "
                "id and e-mail); X-API-KEY (credential)",
            ),
            Expectation(
                at(HUMANLOOP, "/v5/prompts/log", b"Follow-up"),
                [CRED, NAME, EMAIL, MEETING, TRANSCRIPT, UID],
                "Humanloop",
                "prompt log: the message names the guest in full with her address (name, "
                "e-mail) and the meeting's topic (meeting metadata), output the AI-drafted "
                "follow-up e-mail (an output derived from the meeting: transcript; a draft "
                "no person sent: no chat), metadata meeting_id (meeting metadata), token counts "
                "without times (no performance), top-level user (user id and e-mail); X-API-KEY "
                "(credential)",
            ),
        ],
    ),
    (
        "whereby-py",
        [
            Expectation(
                at(WHEREBY, "/v1/meetings", method="POST"),
                [CRED, MEETING],
                "Whereby",
                "room create: startDate/endDate (the meeting's schedule) and roomNamePrefix "
                "spelling the meeting's topic (meeting metadata), isLocked, roomMode, fields; "
                "Bearer (credential); User-Agent python-requests earns nothing",
            ),
            Expectation(
                at(WHEREBY, "/v1/meetings/", method="GET"),
                [CRED],
                "Whereby",
                "GET of a room by its opaque meetingId in the path and nothing else (a room's id "
                "alone: no meeting metadata, heldout8/heldout17); Bearer (credential)",
            ),
            Expectation(
                at(WHEREBY, "/v1/meetings/", method="DELETE"),
                [CRED],
                "Whereby",
                "DELETE of the room by its opaque id (no meeting metadata); Bearer (credential)",
            ),
        ],
    ),
    (
        "fireflies-py",
        [
            Expectation(
                at(FIREFLIES, "/graphql", b"AddToLiveMeeting"),
                [CRED, MEETING],
                "Fireflies.ai",
                "GraphQL mutation addToLiveMeeting: meetingLink, the meeting's join link with its "
                "number (meeting metadata) and pwd= passcode (credential); Bearer (credential)",
            ),
            Expectation(
                at(FIREFLIES, "/graphql", b"GetTranscript"),
                [CRED],
                "Fireflies.ai",
                "GraphQL query for a transcript by its id (the query text names fields, no "
                "data); Bearer (credential)",
            ),
            Expectation(
                at(FIREFLIES, "/graphql", b"DeleteTranscript"),
                [CRED],
                "Fireflies.ai",
                "GraphQL mutation deleteTranscript by its id; Bearer (credential)",
            ),
        ],
    ),
    (
        "calendly-py",
        [
            Expectation(
                at(CALENDLY, "/api/v1/users/me", method="GET"),
                [CRED],
                "Calendly",
                "GET /users/me: X-TOKEN (credential); no data sent",
            ),
            Expectation(
                at(CALENDLY, "/api/v1/users/me/event_types"),
                [CRED],
                "Calendly",
                "GET of the account's event types: X-TOKEN (credential)",
            ),
            Expectation(
                at(CALENDLY, "/api/v1/hooks", method="POST"),
                [CRED, UID],
                "Calendly",
                "webhook subscription: callback url ending in the user's username alice.corpus "
                "(user id), events invitee.created/canceled; X-TOKEN (credential)",
            ),
            Expectation(
                at(CALENDLY, "/api/v1/hooks/", method="DELETE"),
                [CRED],
                "Calendly",
                "DELETE of a webhook by its number: X-TOKEN (credential)",
            ),
        ],
    ),
    (
        "planhat-py",
        [
            Expectation(
                at(PLANHAT, "/conversations"),
                [CRED, MEETING, NAME, UID, EMAIL],
                "Planhat",
                "conversation of type Meeting on a customer's timeline: description with the "
                "topic, the meeting number (meeting metadata) and the guest's full name (name); "
                "users[].id and comments[].by, the Planhat user who logs it (user id); the "
                "comment is the meeting activity's note (part of the record, issue 15p: no "
                "chat), naming the guest in full and her address (name, e-mail); companyId (a "
                "company's id, no user id), activityTags; Bearer (credential)",
            ),
            Expectation(
                at(PLANHAT, "/endusers"),
                [CRED],
                "Planhat",
                "GET of a company's contacts by its id (c=): Bearer (credential)",
            ),
            Expectation(
                at(PLANHAT, "/companies"),
                [CRED],
                "Planhat",
                "GET of the companies of a segment (s=renewals-q1): Bearer (credential)",
            ),
        ],
    ),
]

FORMAT_CLASSES: dict[str, str] = {
    "humanloop-py": "JSON LLM prompt and evaluator logs",
    "fireflies-py": "GraphQL over JSON",
}


def format_class(scenario: str, flow: dict[str, Any]) -> str:
    request = flow["request"]
    body = base64.b64decode(request.get("body_b64") or "")
    if not body:
        return "requests without a body (GET, DELETE)"
    if body.lstrip().startswith(b"["):
        return "JSON arrays of usage events"
    if request["path"].startswith("/api/v1/events/"):
        return "JSON product events"
    return FORMAT_CLASSES.get(scenario, "JSON REST API calls")


HELDOUT = HeldoutSet(
    name="heldout19",
    here=HERE,
    out=OUT,
    scenarios=SCENARIOS,
    scenario_hosts=SCENARIO_HOSTS,
    format_class=format_class,
)


if __name__ == "__main__":
    raise SystemExit(HELDOUT.main((__doc__ or "").splitlines()[0]))
