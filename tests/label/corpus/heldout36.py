"""Build the thirty-sixth held-out set `heldout36.jsonl.frozen` (issue 15): real programs absent
from the development set (everything in this directory: flows.jsonl, heldout*.jsonl,
heldout*.jsonl.frozen, sdk*.jsonl, npm/, heldout*_npm/, sdk*_npm/, *_runs.py, generate.py, and
auditor/vendors/), recorded through the real proxy offline, from a meeting product's
sales-intelligence side: what happens to a sales call's outside participant after the call.
His person and company records enriched (People Data Labs, Apollo.io), his profile searched
and looked up (RocketReach), his address found and verified one by one, in batches and as an
uploaded list (Hunter, ZeroBounce, NeverBounce, Emailable), his record created as a lead or contact with the call's notes, and the follow-up
sequence or e-mail task he is enrolled in (Hunter, Apollo.io).

Run: `.venv/bin/python tests/label/corpus/heldout36.py` (offline; `make setup`, then
`npm ci` in `heldout36_npm/` and `pip install -r heldout36-requirements.txt`).
`--raw SCENARIO…` records and prints only the requests (method, URL, headers, decoded body):
what the expectations were written from. The capture labels what it stores; those labels are
dropped before anything is printed or written.

Sources: npm SDKs in `heldout36_npm/` (Node, through `npm/proxy-preload.js` as the npm corpus
scenarios) and PyPI SDKs in `heldout36_runs.py`, each sending to its vendor's real host,
answered inside the proxy by `auditor capture --sinkhole '*'`.

Expectations were written from the payloads and committed before the labeller ran on them.
The set is written as `heldout36.jsonl.frozen` so that nothing globbing `*.jsonl` (the label
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
    EMAIL,
    MEETING,
    NAME,
    NET_ID,
    PHONE,
    UID,
    HeldoutSet,
    at,
)

OUT = HERE / "heldout36.jsonl.frozen"

PDL = "api.peopledatalabs.com"
HUNTER = "api.hunter.io"
ZEROBOUNCE = "api.zerobounce.net"
ZEROBOUNCE_BULK = "bulkapi.zerobounce.net"
NEVERBOUNCE = "api.neverbounce.com"
APOLLO = "api.apollo.io"
EMAILABLE = "api.emailable.com"
ROCKETREACH = "api.rocketreach.co"

SCENARIO_HOSTS: dict[str, set[str]] = {
    "pdl-py": {PDL},
    "hunter-py": {HUNTER},
    "zerobounce-py": {ZEROBOUNCE, ZEROBOUNCE_BULK},
    "neverbounce-py": {NEVERBOUNCE},
    "apollo-py": {APOLLO},
    "emailable-node": {EMAILABLE},
    "rocketreach-py": {ROCKETREACH},
}

FILES = "customer_content.files"

# Expectations written from the payloads (`--raw`: requests only), before the labeller ran on
# them. Reading conventions as heldout5.py … heldout34.py (the README's "How the expectations
# were written" for each, generate.py's docstring) and docs/taxonomy.md's "Conventions"; the
# judgement calls new to this set are in the README's "Sources of heldout36".
PDL_UA = "User-Agent PDL-PYTHON-SDK and SDK-Version 6.4.13 name the SDK (nothing)"
HUNTER_KEY = "api_key in the query (credential); User-Agent python-requests earns nothing"
ZB_UA = "User-Agent python-requests earns nothing"
NB_KEY = (
    "key secret_… in the query (credential); User-Agent NeverBounceAPI-Python/4.3.0 earns nothing"
)
APOLLO_HEADERS = "x-api-key (credential); User-Agent python-httpx earns nothing"
EMAILABLE_HEADERS = "Authorization Bearer live_… (credential); User-Agent axios earns nothing"
SCENARIOS: list[tuple[str, list[Expectation]]] = [
    (
        "pdl-py",
        [
            Expectation(
                at(PDL, "/v5/person/enrich", method="GET"),
                [CRED, EMAIL, NAME, UID],
                "People Data Labs",
                "person enrichment in the query: email <guest e-mail> (an address looked up: "
                "e-mail only), name 'Rafael Quintanilla Ortega' (name), company 'Brisamar Solar "
                "S.L.' (a company: nothing), profile https://www.linkedin.com/in/rafael-"
                "quintanilla-ortega (a LinkedIn profile URL with the person's handle: user id, "
                "heldout15's linked_in), min_likelihood, pretty; api_key in the query "
                "(credential); " + PDL_UA,
            ),
            Expectation(
                at(PDL, "/v5/person/bulk", method="POST"),
                [CRED, EMAIL, PHONE, NAME, MEETING],
                "People Data Labs",
                "bulk person enrichment (JSON): requests [{metadata {meeting_id 85512345678, "
                "role guest} (the meeting's number: meeting metadata), params {email [<guest "
                "e-mail>], phone [+34 611 555 274]}}, {metadata {meeting_id, role host}, params "
                "{email [<corpus e-mail>], name [Alice Example]}}] (addresses and a number "
                "looked up: e-mail and phone only; a full name: name; `role` describes the "
                "request, the e-mail sits under `email`: no user id), required 'emails AND "
                "job_title' (nothing); X-api-key (credential); " + PDL_UA,
            ),
            Expectation(
                at(PDL, "/v5/company/enrich", method="GET"),
                [CRED],
                "People Data Labs",
                "company enrichment: name 'Brisamar Solar S.L.' and website "
                "brisamar-solar-example.es in the query (the participant's company and its "
                "domain: no category names a company); api_key in the query (credential); "
                + PDL_UA,
            ),
        ],
    ),
    (
        "hunter-py",
        [
            Expectation(
                at(HUNTER, "/v2/email-finder", method="GET"),
                [CRED, NAME],
                "Hunter",
                "e-mail finder in the query: domain brisamar-solar-example.es (the company's "
                "domain: nothing), first_name Rafael and last_name 'Quintanilla Ortega' (his "
                "full name in two keys: name); " + HUNTER_KEY,
            ),
            Expectation(
                at(HUNTER, "/v2/email-verifier", method="GET"),
                [CRED, EMAIL],
                "Hunter",
                "e-mail verifier: email <guest e-mail> in the query (an address checked: "
                "e-mail only); " + HUNTER_KEY,
            ),
            Expectation(
                at(HUNTER, "/v2/leads", method="POST"),
                [CRED, NAME, EMAIL, PHONE, UID, MEETING, COARSE],
                "Hunter",
                "lead created (JSON): first_name/last_name (name), email (e-mail), position "
                "'Head of Procurement' (a job title: nothing), company and website (nothing), "
                "country_code ES (a country under a country key: coarse), source 'Sales call "
                "85512345678' (meeting metadata), linkedin_url (a profile URL with his handle: "
                "user id), phone_number (phone), notes 'Sales call 85512345678 (<topic>): "
                "Rafael Quintanilla Ortega runs 340 rooftop inverters … Alice Example to send "
                "pricing …' (a lead's notes field, part of the record, not a note logged for "
                "colleagues: no chat, as heldout15's contact `notes`; the number and topic: "
                "meeting metadata; full names: name; Valencia and Alicante are cities in prose, "
                "not under a place key: nothing), leads_list_id (nothing); " + HUNTER_KEY,
            ),
            Expectation(
                at(HUNTER, "/v2/campaigns/771204/recipients", method="POST"),
                [CRED, EMAIL],
                "Hunter",
                "the participant enrolled in the follow-up e-mail sequence: emails [<guest "
                "e-mail>] (an address delivered to: e-mail only); the campaign's id in the path "
                "(nothing); no product usage (the service's function, not a report of use); "
                + HUNTER_KEY,
            ),
        ],
    ),
    (
        "zerobounce-py",
        [
            Expectation(
                at(ZEROBOUNCE, "/v2/validate", method="GET"),
                [CRED, EMAIL, NET_ID],
                "ZeroBounce",
                "validation in the query: email <guest e-mail> (e-mail), ip_address "
                "88.12.64.217 (the address his client joined from: network id), api_key "
                "(credential); " + ZB_UA,
            ),
            Expectation(
                at(ZEROBOUNCE, "/v2/scoring", method="POST"),
                [CRED, EMAIL],
                "ZeroBounce",
                "AI scoring as a form body: email <guest e-mail> (e-mail), api_key (form "
                "field: credential); " + ZB_UA,
            ),
            Expectation(
                at(ZEROBOUNCE, "/v2/validatebatch", method="POST"),
                [CRED, EMAIL, NET_ID],
                "ZeroBounce",
                "batch validation (JSON): api_key in the body (credential), email_batch "
                "[{email_address <guest e-mail>, ip_address 88.12.64.217}, {email_address "
                "<corpus e-mail>}] (e-mail; his IP address: network id); " + ZB_UA,
            ),
            Expectation(
                at(ZEROBOUNCE_BULK, "/v2/sendfile", method="POST"),
                [CRED, EMAIL, NAME, NET_ID, MEETING, FILES],
                "ZeroBounce",
                "bulk validation file upload (multipart): column-number fields, has_header_row, "
                "remove_duplicate (nothing), api_key (form field: credential), and the file "
                "part call-85512345678-attendees.csv (text/csv; a file named with the meeting's "
                "number: meeting metadata, as heldout15's meeting-<id>-thumb.png) holding the "
                "call's attendees 'email,first_name,last_name,ip_address' with the guest's and "
                "the corpus user's addresses (e-mail), first and last names in columns (Rafael, "
                "Quintanilla Ortega; Alice, Example: full names, name) and his IP address "
                "88.12.64.217 (network id); an uploaded file naming itself "
                "(Content-Disposition filename): customer_content.files (the call I am least "
                "sure of: a list the backend wrote, not a user's attachment); " + ZB_UA,
            ),
        ],
    ),
    (
        "neverbounce-py",
        [
            Expectation(
                at(NEVERBOUNCE, "/v4.2/single/check", method="GET"),
                [CRED, EMAIL],
                "NeverBounce",
                "single check in the query: email <guest e-mail> (e-mail), address_info, "
                "credits_info, timeout, request_meta_data[leverage_historical_data] (nothing); "
                + NB_KEY,
            ),
            Expectation(
                at(NEVERBOUNCE, "/v4.2/jobs/create", method="POST"),
                [CRED, EMAIL, NAME, MEETING],
                "NeverBounce",
                "bulk verification job (JSON): input [[<guest e-mail>, 'Rafael Quintanilla "
                "Ortega', 'Brisamar Solar S.L.'], [<corpus e-mail>, 'Alice Example', 'Acme "
                "Meet']] (rows of a supplied list: e-mail and full names; companies nothing), "
                "filename sales-call-85512345678-attendees.csv (a name built with the meeting's "
                "number: meeting metadata; a JSON array, no file part: no files), auto_start, "
                "input_location supplied; " + NB_KEY,
            ),
        ],
    ),
    (
        "apollo-py",
        [
            Expectation(
                at(APOLLO, "/api/v1/people/match", method="POST"),
                [CRED, EMAIL],
                "Apollo.io",
                "person enrichment (JSON): email <guest e-mail> (an address matched on: e-mail "
                "only); " + APOLLO_HEADERS,
            ),
            Expectation(
                at(APOLLO, "/api/v1/contacts", method="POST"),
                [CRED, NAME, EMAIL, PHONE, UID, MEETING],
                "Apollo.io",
                "contact created (JSON): first_name/last_name (name), email (e-mail), title "
                "'Head of Procurement' (a job title: nothing), organization_name and "
                "website_url (nothing), linkedin_url (his profile URL with his handle: user "
                "id), direct_phone (phone), label_names ['Sales call 85512345678'] (the "
                "meeting's number: meeting metadata); " + APOLLO_HEADERS,
            ),
            Expectation(
                at(APOLLO, "/api/v1/notes", method="POST"),
                [CRED, CHAT, MEETING, NAME],
                "Apollo.io",
                "note logged on the contact (JSON; content a ProseMirror document as a JSON "
                "string): noteTitle 'Call notes: <topic>' and the paragraph 'Sales call "
                "85512345678 (<topic>): Rafael Quintanilla Ortega runs 340 rooftop inverters … "
                "Alice Example to send pricing …' (a note logged on a CRM record for "
                "colleagues: chat, issue 15p; the number and topic: meeting metadata; full "
                "names: name; people's notes, no AI summary: no transcript), contact_ids "
                "(a record id: nothing); " + APOLLO_HEADERS,
            ),
            Expectation(
                at(APOLLO, "/api/v1/tasks", method="POST"),
                [CRED, MEETING, UID],
                "Apollo.io",
                "follow-up e-mail task (JSON): note 'Send Rafael the pricing promised on the "
                "call (<topic>)' (a task's text, the body of a record: no chat; the topic: "
                "meeting metadata; a first name alone: no name), type outreach_manual_email, "
                "priority, status (nothing), user_id 60b8e3f2a1c4d7002e9f1a36 (the user the "
                "task is assigned to: user id), contact_ids (nothing); " + APOLLO_HEADERS,
            ),
        ],
    ),
    (
        "rocketreach-py",
        [
            Expectation(
                at(ROCKETREACH, "/api/v2/search", method="POST"),
                [CRED, NAME],
                "RocketReach",
                "people search (JSON): query {name ['Rafael Quintanilla Ortega'] (a full name "
                "searched for: name), current_employer ['Brisamar Solar S.L.'] (a company: "
                "nothing), current_title ['Head of Procurement'] (a job title: nothing)}, "
                "start, page_size; Api-Key header (credential); User-Agent python-urllib3 "
                "earns nothing",
            ),
            Expectation(
                at(ROCKETREACH, "/api/v2/person/lookup", method="GET"),
                [CRED, UID],
                "RocketReach",
                "person look-up: linkedin_url https://www.linkedin.com/in/rafael-quintanilla-"
                "ortega in the query (a profile URL with his handle: user id, as in the bodies "
                "above); Api-Key header (credential)",
            ),
        ],
    ),
    (
        "emailable-node",
        [
            Expectation(
                at(EMAILABLE, "/v1/verify", method="POST"),
                [CRED, EMAIL],
                "Emailable",
                "verification (JSON): email <guest e-mail> (e-mail), smtp, timeout (nothing); "
                + EMAILABLE_HEADERS,
            ),
            Expectation(
                at(EMAILABLE, "/v1/batch", method="POST"),
                [CRED, EMAIL, MEETING],
                "Emailable",
                "batch verification (JSON): emails '<guest e-mail>,<corpus e-mail>' (one "
                "comma-joined string: e-mail), url "
                "https://hooks.acme-meet.example/emailable/sales-call-85512345678 (the backend's "
                "callback with the meeting's number in its path: meeting metadata, as "
                "heldout15's return URL); " + EMAILABLE_HEADERS,
            ),
        ],
    ),
]


def format_class(scenario: str, flow: dict[str, Any]) -> str:
    request = flow["request"]
    method = request["method"]
    content_type = next(
        (v for k, v in request.get("headers", []) if k.lower() == "content-type"), ""
    )
    if content_type.startswith("multipart/"):
        return "multipart upload (form fields and a CSV file part)"
    if content_type.startswith("application/x-www-form-urlencoded"):
        return "form body, key in the body"
    if method == "GET":
        return "GET look-up with the person or company in query parameters, key in the query"
    path = request.get("path", "")
    if any(word in path for word in ("/bulk", "/batch", "validatebatch", "/jobs/create")):
        return "bulk / batch request (JSON)"
    return "JSON REST API calls"


HELDOUT = HeldoutSet(
    name="heldout36",
    here=HERE,
    out=OUT,
    scenarios=SCENARIOS,
    scenario_hosts=SCENARIO_HOSTS,
    format_class=format_class,
)


if __name__ == "__main__":
    raise SystemExit(HELDOUT.main((__doc__ or "").splitlines()[0]))
