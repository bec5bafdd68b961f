"""Build the twenty-sixth held-out set `heldout26.jsonl.frozen` (issue 15): real programs absent
from the development set (everything in this directory: flows.jsonl, heldout*.jsonl,
heldout24.jsonl.frozen, heldout25.jsonl.frozen, sdk*.jsonl, npm/, heldout5_npm/ …
heldout26_npm/, sdk*_npm/, *_runs.py, generate.py, and auditor/vendors/), recorded through the
real proxy offline, as one meeting product's outbound traffic: from what its desktop client
embeds, product analytics and people tracking (GoSquared) and link attribution with conversion
tracking (Dub); from its backend, billing (Paddle), SMS and voice reminders (TeleSign), image
moderation (Sightengine) and a customer data platform (Bloomreach Engagement, formerly Exponea).

Run: `.venv/bin/python tests/label/corpus/heldout26.py` (offline; `make setup`, then
`npm ci` in `heldout26_npm/` and `pip install -r heldout26-requirements.txt`).
`--raw SCENARIO…` records and prints only the requests (method, URL, headers, decoded body):
what the expectations were written from. The capture labels what it stores; those labels are
dropped before anything is printed or written.

Sources: npm SDKs in `heldout26_npm/` (Node, through `npm/proxy-preload.js` as the npm corpus
scenarios) and PyPI SDKs in `heldout26_runs.py`, each sending to its vendor's real host, answered
inside the proxy by `auditor capture --sinkhole '*'`.

Expectations were written from the payloads and committed before the labeller ran on them.
The set is written as `heldout26.jsonl.frozen` so that nothing globbing `*.jsonl` (the label
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
    EMAIL,
    LOCALE,
    MEETING,
    NAME,
    OS,
    PHONE,
    UID,
    USAGE,
    HeldoutSet,
    at,
)

OUT = HERE / "heldout26.jsonl.frozen"

GOSQUARED = "api.gosquared.com"
DUB = "api.dub.co"
PADDLE = "sandbox-api.paddle.com"
TELESIGN = "rest-api.telesign.com"
SIGHTENGINE = "api.sightengine.com"
EXPONEA = "api.exponea.com"

SCENARIO_HOSTS: dict[str, set[str]] = {
    "gosquared-node": {GOSQUARED},
    "dub-node": {DUB},
    "paddle-node": {PADDLE},
    "telesign-py": {TELESIGN},
    "sightengine-py": {SIGHTENGINE},
    "exponea-py": {EXPONEA},
}

FILES = "customer_content.files"
ADV_ID = "identifiers.advertising_id"

PROJECT = "/track/v2/projects/h26e7b1c-4a2d-4f9e-8c31-0d5e6f7a8b9c"
PADDLE_CUSTOMER = "/customers/ctm_01h26k3ycp8v4w2xqz7r5t9m1n"

# Expectations written from the payloads (`--raw`: requests only), before the labeller ran on
# them. Reading conventions as heldout5.py … heldout25.py (the README's "How the expectations were
# written" for each, generate.py's docstring) and docs/taxonomy.md's "Conventions"; the judgement
# calls new to this set are in the README's "Sources of heldout26". Every User-Agent
# (`node-gosquared/3.1.0`, `PaddleSDK/node 3.10.0`, Dub's `speakeasy-sdk/typescript …`,
# `TeleSignSDK/python Python/3.12.1 …`, `SE-SDK-Python 1.2.2`, `python-requests/…`) earns
# nothing; per-request ids and nonces (Paddle's `X-Transaction-ID`, TeleSign's `x-ts-nonce`) are
# no session ids; an empty `cookie` header carries nothing.
SCENARIOS: list[tuple[str, list[Expectation]]] = [
    (
        "gosquared-node",
        [
            Expectation(
                at(GOSQUARED, "/tracking/v1/identify"),
                [CRED, UID, EMAIL, NAME, OS],
                "GoSquared",
                "identify: person_id and properties.id alice.corpus (user id), email (e-mail), "
                "name 'Alice Example' (name), custom os darwin (the client's OS as data: os), "
                "plan and app_version (nothing; an identify is a profile, no product usage); "
                "api_key in the query (credential), site_token (the site's public token)",
            ),
            Expectation(
                at(GOSQUARED, "/tracking/v1/event", b"meeting_ended"),
                [CRED, UID, MEETING, USAGE],
                "GoSquared",
                "event meeting_ended (product usage) with meeting_id, topic, duration_s and "
                "participants (meeting metadata; a bare duration is no performance), person_id "
                "alice.corpus (user id); api_key in the query (credential)",
            ),
            Expectation(
                at(GOSQUARED, "/tracking/v1/event", b"invite_sent"),
                [CRED, UID, MEETING, USAGE, EMAIL],
                "GoSquared",
                "event invite_sent (product usage): meeting_id (meeting metadata), "
                "invitee_email the guest's address (a key that describes it: e-mail only), "
                "channel; person_id alice.corpus (user id); api_key (credential)",
            ),
            Expectation(
                at(GOSQUARED, "/tracking/v1/event", b"feedback_submitted"),
                [CRED, UID, MEETING, USAGE],
                "GoSquared",
                "event feedback_submitted: rating 3 and a free-text comment on the call "
                "(in-app feedback to the product: product usage, not chat; the guest's first "
                "name alone in it: no name), meeting_id (meeting metadata), person_id "
                "alice.corpus (user id); api_key (credential)",
            ),
        ],
    ),
    (
        "dub-node",
        [
            Expectation(
                at(DUB, "/links"),
                [CRED, MEETING],
                "Dub",
                "link create: url the meeting's join link /j/<number> and externalId "
                "invite-<number>-tomasz (the link's own reference, no user id; the meeting's "
                "number: meeting metadata), title the topic (meeting metadata), tagNames; "
                "Authorization Bearer (credential)",
            ),
            Expectation(
                at(DUB, "/track/lead"),
                [CRED, ADV_ID, UID, NAME, EMAIL, USAGE],
                "Dub",
                "lead conversion 'Guest signed up' (a conversion event: product usage, as "
                "Kameleoon's goal conversion): clickId (the click the conversion is attributed "
                "to: advertising id), customerExternalId usr_tw_40917 (the client's reference "
                "to the user: user id), customerName (name), customerEmail (e-mail), "
                "customerAvatar null; Bearer (credential)",
            ),
            Expectation(
                at(DUB, "/track/sale"),
                [CRED, UID, USAGE],
                "Dub",
                "sale conversion 'Upgraded to Business' (product usage): customerExternalId "
                "alice.corpus (user id), amount, currency, paymentProcessor, invoiceId "
                "(nothing), customer fields null (nothing); Bearer (credential)",
            ),
        ],
    ),
    (
        "paddle-node",
        [
            Expectation(
                at(PADDLE, "/customers", b"custom_data"),
                [CRED, EMAIL, NAME, UID, LOCALE],
                "Paddle",
                "customer create: email (e-mail), name 'Alice Example' (a key that describes "
                "her: name only), locale en (locale), custom_data username alice.corpus (user "
                "id) and workspace (nothing); Authorization bearer (credential)",
            ),
            Expectation(
                at(PADDLE, f"{PADDLE_CUSTOMER}/businesses"),
                [CRED, UID, NAME, EMAIL],
                "Paddle",
                "business create under the host's customer record (ctm_… in the path: the "
                "id of a person's billing account, user id): company name and number "
                "(nothing), contacts with the guest's name (name) and address (e-mail); "
                "bearer (credential)",
            ),
            Expectation(
                at(PADDLE, "/transactions"),
                [CRED, UID, MEETING],
                "Paddle",
                "transaction create: items price_id and quantity 12 (nothing), customer_id "
                "ctm_… (the host's billing account: user id), currency_code, custom_data "
                "meeting_id (meeting metadata) and upgraded_from; bearer (credential)",
            ),
        ],
    ),
    (
        "telesign-py",
        [
            Expectation(
                at(TELESIGN, "/v1/phoneid/"),
                [CRED, PHONE],
                "TeleSign",
                "PhoneID lookup: the guest's number 48601238904 in the path (phone), empty "
                "form body; Authorization TSA customer id and HMAC signature (credential)",
            ),
            Expectation(
                at(TELESIGN, "/v1/messaging", method="POST"),
                [CRED, PHONE, MEETING, NAME],
                "TeleSign",
                "SMS (form body): phone_number the guest's (phone), message the reminder "
                "naming the topic before when it starts and the join link with the meeting's "
                "number (meeting metadata) and the host in full (name); a backend's SMS is a "
                "notification, no chat; message_type ARN; TSA signature (credential)",
            ),
            Expectation(
                at(TELESIGN, "/v1/voice"),
                [CRED, PHONE, NAME, MEETING],
                "TeleSign",
                "voice call (form body): phone_number (phone), message the text spoken to the "
                "guest naming him and the host in full (name) and the topic (meeting "
                "metadata); a notification, no chat; TSA signature (credential)",
            ),
            Expectation(
                at(TELESIGN, "/v1/messaging/", method="GET"),
                [CRED],
                "TeleSign",
                "SMS status: the message's reference id in the path (nothing); TSA signature "
                "(credential)",
            ),
        ],
    ),
    (
        "sightengine-py",
        [
            Expectation(
                at(SIGHTENGINE, "/1.0/check.json", method="POST"),
                [CRED, FILES],
                "Sightengine",
                "image check (multipart): models, api_user and api_secret as form fields "
                "(credential), media a 48×48 PNG file part without a Content-Type of its own "
                "(the guest's profile photo as an untyped file part: files, the pictures "
                "rule)",
            ),
            Expectation(
                at(SIGHTENGINE, "/1.0/check.json", method="GET"),
                [CRED, MEETING],
                "Sightengine",
                "image check by URL (query): url of an image shared in the meeting's chat "
                "/chat/<number>/img_0417.jpg (the meeting's number in a URL: meeting "
                "metadata; a link, not the image), models, api_user and api_secret "
                "(credential)",
            ),
        ],
    ),
    (
        "exponea-py",
        [
            Expectation(
                at(EXPONEA, f"{PROJECT}/system/time"),
                [CRED],
                "Bloomreach",
                "server time read: the project token in the path (a project's id: nothing); "
                "Basic auth (credential)",
            ),
            Expectation(
                at(EXPONEA, f"{PROJECT}/customers", b'"plan"'),
                [CRED, UID, EMAIL, NAME],
                "Bloomreach",
                "customer update: customer_ids registered alice.corpus (user id), properties "
                "email (e-mail), first_name and last_name (name), plan; Basic auth "
                "(credential)",
            ),
            Expectation(
                at(EXPONEA, f"{PROJECT}/customers/events"),
                [CRED, UID, MEETING, USAGE],
                "Bloomreach",
                "event meeting_hosted (what the host did with the product: product usage) "
                "with meeting_id, topic, duration_minutes and participants (meeting metadata), "
                "customer_ids registered alice.corpus (user id), timestamp; Basic auth "
                "(credential)",
            ),
            Expectation(
                at(EXPONEA, f"{PROJECT}/batch"),
                [CRED, UID, EMAIL, NAME, PHONE, MEETING, USAGE],
                "Bloomreach",
                "batch of two commands: the guest's customer record, registered "
                "tomasz.wieczorek (user id), email (e-mail), full_name (name), phone (phone); "
                "his event invited_to_meeting (product usage) with meeting_id (meeting "
                "metadata) and invited_by the host's address (a key for the person acting: "
                "user id and e-mail); Basic auth (credential)",
            ),
        ],
    ),
]

FORMAT_CLASSES: dict[str, str] = {
    "telesign-py": "form-urlencoded API calls, HMAC-signed",
}


def format_class(scenario: str, flow: dict[str, Any]) -> str:
    request = flow["request"]
    if scenario == "sightengine-py":
        if request["method"] == "POST":
            return "multipart/form-data file upload"
        return "query-string API calls, secret in the query"
    if scenario == "gosquared-node":
        return "JSON REST API calls, key in the query"
    if scenario == "exponea-py" and request["path"].endswith("/batch"):
        return "JSON batch of commands"
    return FORMAT_CLASSES.get(scenario, "JSON REST API calls")


HELDOUT = HeldoutSet(
    name="heldout26",
    here=HERE,
    out=OUT,
    scenarios=SCENARIOS,
    scenario_hosts=SCENARIO_HOSTS,
    format_class=format_class,
)


if __name__ == "__main__":
    raise SystemExit(HELDOUT.main((__doc__ or "").splitlines()[0]))
