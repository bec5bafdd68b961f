"""Build the thirty-third held-out set `heldout33.jsonl.frozen` (issue 15): real programs absent
from the development set (everything in this directory: flows.jsonl, heldout*.jsonl, the frozen
sets, sdk*.jsonl, npm/, heldout5_npm/ …, sdk*_npm/, *_runs.py, generate.py, and auditor/vendors/),
recorded through the real proxy offline, as what a telehealth video-visit product's backend sends
to the clinical scheduling and records APIs it books and documents a visit through (Epic's and
Oracle Health's FHIR APIs, Canvas Medical's FHIR API, Healthie's GraphQL API) and to the incident
and status tools it reports a failed visit to (incident.io, Rootly, Atlassian Statuspage).

Run: `.venv/bin/python tests/label/corpus/heldout33.py` (offline; `make setup`, then
`pip install -r heldout33-requirements.txt` and `npm ci` in `heldout33_npm/`).
`--raw SCENARIO…` records and prints only the requests (method, URL, headers, decoded body):
what the expectations were written from. The capture labels what it stores; those labels are
dropped before anything is printed or written.

Sources: PyPI SDKs in `heldout33_runs.py` and npm SDKs in `heldout33_npm/`, each sending to its
vendor's real host, answered inside the proxy by `auditor capture --sinkhole '*'`.

Expectations were written from the payloads and committed before the labeller ran on them.
The set is written as `heldout33.jsonl.frozen` so that nothing globbing `*.jsonl` (the label
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
    MEETING,
    NAME,
    OS,
    PHONE,
    UID,
    HeldoutSet,
    at,
)

OUT = HERE / "heldout33.jsonl.frozen"

EPIC = "fhir.epic.com"
CANVAS = "fumage-acmetelehealth.canvasmedical.com"
ORACLE = "fhir-ehr-code.cerner.com"
HEALTHIE = "api.gethealthie.com"
INCIDENT_IO = "api.incident.io"
ROOTLY = "api.rootly.com"
STATUSPAGE = "api.statuspage.io"

SCENARIO_HOSTS: dict[str, set[str]] = {
    "epic-py": {EPIC},
    "canvas-medical-py": {CANVAS},
    "oracle-health-node": {ORACLE},
    "healthie-node": {HEALTHIE},
    "incident-io-py": {INCIDENT_IO},
    "rootly-py": {ROOTLY},
    "statuspage-py": {STATUSPAGE},
}

EPIC_R4 = "/interconnect-fhir-oauth/api/FHIR/R4"
ORACLE_R4 = "/r4/ec2458f2-1e24-41c8-b71b-0e701af7583d"

# Expectations written from the payloads (`--raw`: requests only), before the labeller ran on
# them. Reading conventions as heldout5.py … heldout31.py (the README's "How the expectations were
# written" for each, generate.py's docstring) and docs/taxonomy.md's "Conventions"; the judgement
# calls new to this set are in the README's "Sources of heldout33". Health data has no category
# of its own: a visit's reason is the meeting's topic (meeting metadata), a birth date, a gender,
# a pain score, codes (LOINC, SNOMED) and an encounter's class or period earn nothing; the
# patient's and the clinician's FHIR ids in a reference (`Patient/<id>`, `Practitioner/<id>`:
# the person a clinical record is for, the clinician acting) and their user ids in Healthie are
# user ids; a record id of an appointment, encounter, conversation or incident earns nothing;
# every User-Agent (`python-requests/2.29.0`, `python-httpx/0.28.1`, `node`,
# `Swagger-Codegen/v1.0.0/python`) earns nothing.
SCENARIOS: list[tuple[str, list[Expectation]]] = [
    (
        "epic-py",
        [
            Expectation(
                at(EPIC, "/interconnect-fhir-oauth/oauth2/token"),
                [CRED],
                "Epic Systems",
                "SMART on FHIR token refresh (form body): grant_type refresh_token, "
                "refresh_token (credential), client_id the app's id (nothing)",
            ),
            Expectation(
                at(EPIC, f"{EPIC_R4}/Patient?"),
                [CRED, NAME, PHONE],
                "Epic Systems",
                "FHIR Patient search (GET query): family and given the patient's name "
                "(name), birthdate (a date: nothing), telecom her mobile number (phone); "
                "Authorization Bearer (credential)",
            ),
            Expectation(
                at(EPIC, f"{EPIC_R4}/Appointment"),
                [CRED, UID, NAME, MEETING],
                "Epic Systems",
                "FHIR Appointment (JSON resource): reasonCode.text and description the visit's "
                "reason (the topic) with the meeting number, comment the join link (meeting "
                "metadata); participant actors Patient/<id> and Practitioner/<id> (user ids) "
                "with display the patient's and the clinician's full names (name); start/end, "
                "status, serviceCategory (nothing); Bearer (credential)",
            ),
            Expectation(
                at(EPIC, f"{EPIC_R4}/Communication"),
                [CRED, UID, NAME, CHAT, MEETING],
                "Epic Systems",
                "FHIR Communication: payload contentString the clinician's message to the "
                "patient (chat) naming the topic and the join link (meeting metadata), greeting "
                "her by first name and signed 'Dr. Alice Example' (name); sender, recipient and "
                "subject Practitioner/<id> and Patient/<id> (user ids); Bearer (credential)",
            ),
        ],
    ),
    (
        "canvas-medical-py",
        [
            Expectation(
                at(CANVAS, "/Patient", method="POST"),
                [CRED, NAME, PHONE, EMAIL, COARSE],
                "Canvas Medical",
                "FHIR Patient create: name family/given (name), telecom phone (phone) and "
                "email (e-mail), address city Enugu and country NG (coarse location; the "
                "street line and postal code add nothing else), birthDate and gender "
                "(nothing); Authorization Bearer (credential)",
            ),
            Expectation(
                at(CANVAS, "/Patient?", method="GET"),
                [CRED, EMAIL],
                "Canvas Medical",
                "FHIR Patient search by email (GET query): the patient's address (a directory "
                "searched by address: e-mail); Bearer (credential)",
            ),
            Expectation(
                at(CANVAS, "/Appointment"),
                [CRED, UID, MEETING],
                "Canvas Medical",
                "FHIR Appointment: contained Endpoint address the join link (meeting metadata), "
                "reasonCode.text and description the topic (meeting metadata), participant "
                "Practitioner/<id> and Patient/<id> (user ids), the SNOMED telemedicine code, "
                "Location/1 and times (nothing); Bearer (credential)",
            ),
        ],
    ),
    (
        "oracle-health-node",
        [
            Expectation(
                at(ORACLE, f"{ORACLE_R4}/Patient?"),
                [CRED, EMAIL],
                "Oracle Health",
                "FHIR Patient search by email (GET query): the patient's address (e-mail); "
                "the tenant id in the path (nothing); Bearer (credential)",
            ),
            Expectation(
                at(ORACLE, f"{ORACLE_R4}/", b'"transaction"'),
                [CRED, UID, MEETING],
                "Oracle Health",
                "FHIR transaction Bundle: an Encounter of class VR (virtual) with reasonCode "
                "the topic (meeting metadata), subject Patient/12724066 and participant "
                "Practitioner/4122630 (user ids), period (nothing); an Observation of the "
                "patient's pain score 3 (health data, no category: nothing); Bearer (credential)",
            ),
            Expectation(
                at(ORACLE, f"{ORACLE_R4}/DocumentReference"),
                [CRED, UID, NAME, MEETING],
                "Oracle Health",
                "FHIR DocumentReference: the clinician's progress note as a base64 text/plain "
                "attachment ('Video visit <number>: <topic>. <patient full name> reports … "
                "Alice Example, PT': meeting metadata, name; a record of the visit, not a "
                "message: no chat), subject Patient/<id> and author Practitioner/<id> (user "
                "ids), LOINC type, dates (nothing); Bearer (credential)",
            ),
            Expectation(
                at(ORACLE, f"{ORACLE_R4}/Appointment/4817523"),
                [CRED],
                "Oracle Health",
                "JSON Patch (application/json-patch+json) replacing the appointment's status "
                "with noshow; the appointment's id in the path (a record id: nothing); Bearer "
                "(credential)",
            ),
        ],
    ),
    (
        "healthie-node",
        [
            Expectation(
                at(HEALTHIE, "/graphql", b"createClient("),
                [CRED, UID, NAME, EMAIL, PHONE],
                "Healthie",
                "GraphQL mutation createClient (variables): first_name/last_name (name), email "
                "(e-mail), phone_number (phone), dob (nothing), dietitian_id the clinician's "
                "Healthie user id (the provider the client belongs to: user id); Authorization "
                "'Basic <API key>' (credential), AuthorizationSource API (nothing)",
            ),
            Expectation(
                at(HEALTHIE, "/graphql", b"users(keywords"),
                [CRED, EMAIL],
                "Healthie",
                "GraphQL query users(keywords): the patient's address as the search term (a "
                "directory searched by address: e-mail); Basic (credential)",
            ),
            Expectation(
                at(HEALTHIE, "/graphql", b"createAppointment("),
                [CRED, UID, MEETING],
                "Healthie",
                "GraphQL mutation createAppointment: user_id the patient's Healthie user id and "
                "providers the clinician's (user ids), external_videochat_url the join link and "
                "notes the topic (meeting metadata), contact_type, datetime, appointment type "
                "(nothing); Basic (credential)",
            ),
            Expectation(
                at(HEALTHIE, "/graphql", b"createNote("),
                [CRED, UID, NAME, CHAT, MEETING],
                "Healthie",
                "GraphQL mutation createNote: content the clinician's message to the patient in "
                "their conversation (chat) naming the topic (meeting metadata) and signed with "
                "her full name (name; the patient greeted by first name only), user_id the "
                "clinician sending (user id), conversation_id (nothing); Basic (credential)",
            ),
        ],
    ),
    (
        "incident-io-py",
        [
            Expectation(
                at(INCIDENT_IO, "/v2/alert_events/http/"),
                [CRED, MEETING, DIAG, OS],
                "incident.io",
                "HTTP alert event: title and deduplication key with the meeting number, "
                "metadata.meeting_id, source_url with the number (meeting metadata), "
                "description the failure's error ('ICE negotiation failed: no TURN relay "
                "answered …') and metadata.error_code ICE_FAILED (an alert raised for an error: "
                "diagnostics), metadata.patient_client 'iOS 17.5.1, TeleVisit app 3.8.0' (os), "
                "sfu_region eu-west-2 (a cloud region: nothing), the alert source id in the "
                "path (nothing); Authorization Bearer (credential)",
            ),
            Expectation(
                at(INCIDENT_IO, "/v2/incidents"),
                [CRED, NAME, PHONE, MEETING],
                "incident.io",
                "incident create: name and idempotency_key with the meeting number, summary "
                "naming the topic (meeting metadata), the patient and the clinician in full "
                "(name) and the patient's phone (phone); no error detail (no diagnostics, as "
                "heldout10's PagerDuty REST incident); severity id, visibility, mode (nothing); "
                "Bearer (credential)",
            ),
        ],
    ),
    (
        "rootly-py",
        [
            Expectation(
                at(ROOTLY, "/v1/incidents", method="POST", contains=b'"type":"incidents"'),
                [CRED, NAME, MEETING],
                "Rootly",
                "JSON:API incident create: title with the meeting number, labels.meeting the "
                "number and summary naming the topic (meeting metadata) and the clinician in "
                "full (name); 'lost media … did not reconnect' describes the failure without "
                "error fields (no diagnostics); kind, private (nothing); Bearer (credential)",
            ),
            Expectation(
                at(ROOTLY, "/v1/incidents/", contains=b"incident_events"),
                [CRED, CHAT, NAME, PHONE],
                "Rootly",
                "JSON:API incident event: event an engineer's internal note on the incident for "
                "colleagues ('Called <patient full name> on <phone>: …', a note under an "
                "incident: chat, issue 15m), naming the patient (name) and her phone (phone); "
                "'Alice' alone adds nothing; no topic or number (no meeting metadata); the "
                "incident's id in the path (nothing); Bearer (credential)",
            ),
        ],
    ),
    (
        "statuspage-py",
        [
            Expectation(
                at(STATUSPAGE, "/v1/pages/kctbh9vrtdwd/incidents", contains=b'"incident"'),
                [CRED],
                "Atlassian Statuspage",
                "public incident create: name, status, impact, body a notice to all users "
                "naming no person, meeting or topic, component ids (nothing); Authorization "
                "'OAuth <API key>' (credential)",
            ),
            Expectation(
                at(STATUSPAGE, "/v1/pages/kctbh9vrtdwd/incidents/p31zjtct2jer/subscribers"),
                [CRED, EMAIL],
                "Atlassian Statuspage",
                "incident subscriber: subscriber.email the patient's address (e-mail); page "
                "and incident ids in the path (nothing); OAuth key (credential)",
            ),
            Expectation(
                at(STATUSPAGE, "/v1/pages/kctbh9vrtdwd/components/"),
                [CRED],
                "Atlassian Statuspage",
                "component PATCH: status degraded_performance (nothing); OAuth key (credential)",
            ),
        ],
    ),
]


def format_class(scenario: str, flow: dict[str, Any]) -> str:
    request = flow["request"]
    method = request["method"]
    path = request["path"]
    if scenario == "epic-py" and path.endswith("/oauth2/token"):
        return "OAuth token request (form body)"
    if scenario in ("epic-py", "canvas-medical-py", "oracle-health-node"):
        if method == "GET":
            return "FHIR search (GET with query parameters)"
        if method == "PATCH":
            return "JSON Patch"
        if path.rstrip("/").endswith(ORACLE_R4):
            return "FHIR transaction Bundle"
        return "FHIR JSON resource"
    if scenario == "healthie-node":
        return "GraphQL (JSON variables)"
    if scenario == "rootly-py":
        return "JSON:API REST calls"
    return "JSON REST API calls"


HELDOUT = HeldoutSet(
    name="heldout33",
    here=HERE,
    out=OUT,
    scenarios=SCENARIOS,
    scenario_hosts=SCENARIO_HOSTS,
    format_class=format_class,
)


if __name__ == "__main__":
    raise SystemExit(HELDOUT.main((__doc__ or "").splitlines()[0]))
