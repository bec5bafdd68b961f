"""Build the twenty-first held-out set `heldout21.jsonl.frozen` (issue 15): real programs absent
from the development set (everything in this directory: flows.jsonl, heldout*.jsonl, sdk*.jsonl,
npm/, heldout5_npm/ … heldout21_npm/, sdk*_npm/, *_runs.py, generate.py, and auditor/vendors/),
recorded through the real proxy offline, from what a meeting / collaboration client and its
backend send home: the product-feedback board its users' requests go to (Canny) and usage-based
billing of its meetings (m3ter); plus two platform APIs around a meeting: a help desk a guest's
report lands in (Plain, GraphQL) and a task workspace the meeting's action item is filed in
(ClickUp).

Run: `.venv/bin/python tests/label/corpus/heldout21.py` (offline; `make setup`, then
`npm ci` in `heldout21_npm/` and `pip install -r heldout21-requirements.txt`).
`--raw SCENARIO…` records and prints only the requests (method, URL, headers, decoded body):
what the expectations were written from. The capture labels what it stores; those labels are
dropped before anything is printed or written.

Sources: npm SDKs in `heldout21_npm/` (Node, through `npm/proxy-preload.js` as the npm corpus
scenarios) and PyPI SDKs in `heldout21_runs.py`, each sending to its vendor's real host, answered
inside the proxy by `auditor capture --sinkhole '*'`.

Expectations were written from the payloads and committed before the labeller ran on them.
The set is written as `heldout21.jsonl.frozen` so that nothing globbing `*.jsonl` (the label
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
    EMAIL,
    HW,
    MEETING,
    NAME,
    OS,
    PHONE,
    UID,
    USAGE,
    HeldoutSet,
    at,
)

OUT = HERE / "heldout21.jsonl.frozen"

PLAIN = "core-api.uk.plain.com"
CLICKUP = "api.clickup.com"
CANNY = "canny.io"
M3TER = "api.m3ter.com"
M3TER_INGEST = "ingest.m3ter.com"

SCENARIO_HOSTS: dict[str, set[str]] = {
    "plain-node": {PLAIN},
    "clickup-node": {CLICKUP},
    "canny-py": {CANNY},
    "m3ter-py": {M3TER, M3TER_INGEST},
}

CLICKUP_TASK = "86c2x7qmh"
M3TER_ORG = "a3f1c9e2-0142-4d7b-9e61-2c5b8d0f4a17"

# Expectations written from the payloads (`--raw`: requests only), before the labeller ran on
# them. Reading conventions as heldout5.py … heldout20.py (the README's "How the expectations were
# written" for each, generate.py's docstring) and docs/taxonomy.md's "Conventions"; the judgement
# calls new to this set are in the README's "Sources of heldout21".
PLAIN_HEADERS = (
    "Authorization Bearer (credential); Plain-SDK typescript and Plain-SDK-Version 5.12.1 name "
    "the SDK (nothing); User-Agent node earns nothing"
)
M3TER_HEADERS = (
    "Authorization Bearer (credential); X-Stainless-OS Linux and -Runtime-Version 3.12.1 (SDK "
    "platform headers: os), X-Stainless-Arch x64 (hardware); User-Agent M3ter/Python earns nothing"
)
SCENARIOS: list[tuple[str, list[Expectation]]] = [
    (
        "plain-node",
        [
            Expectation(
                at(PLAIN, "/graphql/v1", b"upsertCustomer"),
                [CRED, EMAIL, NAME, UID],
                "Plain",
                "GraphQL upsertCustomer: identifier emailAddress and email the guest's address "
                "(e-mail; an address matched on, as heldout20's Attio upsert: no user id), "
                "fullName/shortName (name), externalId bolormaa.tserendorj (the app's username "
                "for the customer: user id); " + PLAIN_HEADERS,
            ),
            Expectation(
                at(PLAIN, "/graphql/v1", b"createThread("),
                [CRED, EMAIL, MEETING, CHAT, NAME, PHONE],
                "Plain",
                "GraphQL createThread: customerIdentifier the guest's address (e-mail), title "
                "naming the meeting's topic (meeting metadata), text the guest's own message to "
                "support (a person writing to others: chat) naming the host in full (name), the "
                "meeting number (meeting metadata) and her phone number (phone), signed with "
                "her first name; priority; " + PLAIN_HEADERS,
            ),
            Expectation(
                at(PLAIN, "/graphql/v1", b"createCustomerEvent"),
                [CRED, EMAIL, MEETING, OS, USAGE],
                "Plain",
                "GraphQL createCustomerEvent on the guest's timeline: customerIdentifier her "
                "address (e-mail), 'Joined a meeting as guest' with the meeting number, topic "
                "and host's e-mail (meeting metadata, e-mail), 'desktop 5.19.2 on macOS 14.6' "
                "(an OS with its version: os), '47 min, audio only' (what she did in the "
                "product: product usage); " + PLAIN_HEADERS,
            ),
            Expectation(
                at(PLAIN, "/graphql/v1", b"createNote"),
                [CRED, NAME, CHAT],
                "Plain",
                "GraphQL createNote: an internal note a support agent wrote on the thread for "
                "colleagues (chat, as heldout20's Attio note) naming the host in full (name); "
                "customer and thread ids (nothing); " + PLAIN_HEADERS,
            ),
        ],
    ),
    (
        "clickup-node",
        [
            Expectation(
                at(CLICKUP, "/api/v2/list/"),
                [CRED, NAME, MEETING, UID],
                "ClickUp",
                "task create: name naming the guest in full (name), description with the "
                "meeting's topic and number (meeting metadata; the body of a work item: no "
                "chat), assignees [a numeric member id] (the person assigned: user id), tags, "
                "priority, due_date; Authorization the personal token (credential); User-Agent "
                "node earns nothing",
            ),
            Expectation(
                at(CLICKUP, f"/api/v2/task/{CLICKUP_TASK}/comment"),
                [CRED, CHAT, NAME, EMAIL, UID],
                "ClickUp",
                "task comment: comment_text the user's notes from the call to her team (a "
                "comment a person wrote to others: chat) naming both in full (name) with the "
                "guest's address (e-mail); no topic or number (no meeting metadata); assignee "
                "(a member id: user id); Authorization (credential)",
            ),
            Expectation(
                at(CLICKUP, f"/api/v2/task/{CLICKUP_TASK}/time"),
                [CRED, MEETING],
                "ClickUp",
                "time entry on the task: description 'Meeting <number>: <topic>' with start, "
                "end and duration (the meeting's schedule: meeting metadata; time the user "
                "tracked for her work, not usage of the meeting product: no product usage); "
                "Authorization (credential)",
            ),
        ],
    ),
    (
        "canny-py",
        [
            Expectation(
                at(CANNY, "/api/v1/users/create_or_update"),
                [CRED, EMAIL, NAME, UID],
                "Canny",
                "user identify: apiKey in the body (credential), email (e-mail), name (name), "
                "userID alice.corpus (user id), companies id ws_acme_0142 (the workspace: no "
                "user id), customFields plan and client 'desktop 5.19.2' (an app version, no "
                "OS); User-Agent python-httpx earns nothing",
            ),
            Expectation(
                at(CANNY, "/api/v1/posts/create"),
                [CRED, UID, NAME, MEETING, USAGE],
                "Canny",
                "feature-request post: title and details the user's request (feedback to the "
                "product: product usage; not chat, as heldout20's feedback) naming the guest in "
                "full (name) and the meeting's topic, customFields meeting_id (meeting "
                "metadata), authorID (the posting user's account id: user id), boardID "
                "(nothing); apiKey (credential)",
            ),
            Expectation(
                at(CANNY, "/api/v1/votes/create"),
                [CRED, UID, USAGE],
                "Canny",
                "vote on the request: voterID (the user's account id: user id), postID "
                "(nothing); a vote on a feature request (feedback: product usage); apiKey "
                "(credential)",
            ),
            Expectation(
                at(CANNY, "/api/v1/comments/create"),
                [CRED, UID, USAGE],
                "Canny",
                "comment on the user's own request: value adds to her feedback (feedback to the "
                "product: product usage; not chat, the call I am least sure of), authorID "
                "(user id), internal/shouldNotifyVoters; apiKey (credential)",
            ),
        ],
    ),
    (
        "m3ter-py",
        [
            Expectation(
                at(M3TER, f"/organizations/{M3TER_ORG}/accounts"),
                [CRED, OS, HW, EMAIL, UID],
                "m3ter",
                "billing account create: code ws_acme_0142 and name (the workspace: no user "
                "id), emailAddress <corpus e-mail> (the billing contact: e-mail), customFields "
                "owner alice.corpus (a username under an owner key: user id, as heldout20's "
                "Chargebee), currency; org id in the path (nothing); " + M3TER_HEADERS,
            ),
            Expectation(
                at(M3TER_INGEST, f"/organizations/{M3TER_ORG}/measurements"),
                [CRED, OS, HW, USAGE, MEETING, EMAIL, UID],
                "m3ter",
                "usage measurements of the meeting: meeting_minutes and transcription_minutes "
                "with minutes and participants (the usage the user's meeting consumed: product "
                "usage), what meeting_id and uid mtg-<number>-minutes (meeting metadata), who "
                "host <corpus e-mail> (the person the usage is attributed to: user id and "
                "e-mail), where region ap-east-1 (a cloud region: no location), feature, "
                "language en (a transcription language, no locale); " + M3TER_HEADERS,
            ),
        ],
    ),
]

FORMAT_CLASSES: dict[str, str] = {
    "plain-node": "GraphQL mutations (JSON variables)",
    "canny-py": "JSON REST API calls, API key in the body",
    "m3ter-py": "JSON REST API calls + SDK platform headers",
}


def format_class(scenario: str, flow: dict[str, Any]) -> str:
    return FORMAT_CLASSES.get(scenario, "JSON REST API calls")


HELDOUT = HeldoutSet(
    name="heldout21",
    here=HERE,
    out=OUT,
    scenarios=SCENARIOS,
    scenario_hosts=SCENARIO_HOSTS,
    format_class=format_class,
)


if __name__ == "__main__":
    raise SystemExit(HELDOUT.main((__doc__ or "").splitlines()[0]))
