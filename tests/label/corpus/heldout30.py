"""Build the thirtieth held-out set `heldout30.jsonl.frozen` (issue 15): real programs absent from
the development set (everything in this directory: flows.jsonl, heldout*.jsonl, the frozen sets,
sdk*.jsonl, npm/, heldout5_npm/ …, sdk*_npm/, *_runs.py, generate.py, and auditor/vendors/),
recorded through the real proxy offline, as what a video-interview tool's backend sends to the
recruiting and HR systems it syncs an interview call into: the candidate, the interview with its
interviewer and conferencing link, the interviewer's feedback, the stage change (Merge's and
Kombo's unified ATS APIs, Apideck's unified ATS API), the interviewer looked up in the employee
directory and her time off (Kombo, Finch, Apideck's HRIS API, BambooHR), and the hired candidate
created as an employee with his job (Gusto, BambooHR).

Run: `.venv/bin/python tests/label/corpus/heldout30.py` (offline; `make setup`, then
`pip install -r heldout30-requirements.txt` and `npm ci` in `heldout30_npm/`).
`--raw SCENARIO…` records and prints only the requests (method, URL, headers, decoded body):
what the expectations were written from. The capture labels what it stores; those labels are
dropped before anything is printed or written.

Sources: PyPI SDKs in `heldout30_runs.py` and npm SDKs in `heldout30_npm/`, each sending to its
vendor's real host, answered inside the proxy by `auditor capture --sinkhole '*'`.

Expectations were written from the payloads and committed before the labeller ran on them.
The set is written as `heldout30.jsonl.frozen` so that nothing globbing `*.jsonl` (the label
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
    HW,
    MEETING,
    NAME,
    OS,
    PHONE,
    UID,
    HeldoutSet,
    at,
)

OUT = HERE / "heldout30.jsonl.frozen"

MERGE = "api.merge.dev"
KOMBO = "api.kombo.dev"
FINCH = "api.tryfinch.com"
BAMBOO = "api.bamboohr.com"
APIDECK = "unify.apideck.com"
GUSTO = "api.gusto.com"

SCENARIO_HOSTS: dict[str, set[str]] = {
    "merge-py": {MERGE},
    "kombo-py": {KOMBO},
    "finch-py": {FINCH},
    "bamboohr-py": {BAMBOO},
    "apideck-node": {APIDECK},
    "gusto-node": {GUSTO},
}

BAMBOO_V1 = "/api/gateway.php/acmemeetings/v1"

# Expectations written from the payloads (`--raw`: requests only), before the labeller ran on
# them. Reading conventions as heldout5.py … heldout29.py (the README's "How the expectations were
# written" for each, generate.py's docstring) and docs/taxonomy.md's "Conventions"; the judgement
# calls new to this set are in the README's "Sources of heldout30". Every User-Agent
# (`MergePythonClient/4.2.1`, `speakeasy-sdk/python 1.4.0 …`, `Finch/Python 2.9.1`,
# `python-requests/2.34.2`, `speakeasy-sdk/typescript 0.52.2 …`, `node`) earns nothing; a
# candidate's, applicant's, application's, job's, stage's or company's record id earns nothing (as
# heldout14's and heldout28's CRM record ids); an employee's id in an HR system (under a key naming
# the employee or the person, or after `/employees/`) names the person: user id; a job title (the
# role "Senior Hydrologist (flood forecasting)") is no meeting metadata, the interview's topic
# ("Senior Hydrologist final-round interview") is; dates (hire date, date of birth, time-off
# windows) earn nothing.
SCENARIOS: list[tuple[str, list[Expectation]]] = [
    (
        "merge-py",
        [
            Expectation(
                at(MERGE, "/api/ats/v1/candidates"),
                [CRED, OS, UID, NAME, EMAIL, PHONE],
                "Merge",
                "ATS candidate create: model.first_name/last_name (name), email_addresses[].value "
                "(e-mail), phone_numbers[].value (phone), title the role applied for and tags "
                "(nothing); remote_user_id rec-1042 (the ATS user the write is made as: user id); "
                "Authorization Bearer API key and X-Account-Token (credential); X-Fern-Runtime "
                "python/3.12.1 and X-Fern-Platform linux/<release> (SDK platform headers: os)",
            ),
            Expectation(
                at(MERGE, "/api/ats/v1/interviews"),
                [CRED, OS, UID, MEETING],
                "Merge",
                "ATS scheduled interview create: location the join link /j/<number> (meeting "
                "metadata), organizer and interviewers[] the interviewer's user id (who hosts "
                "and takes part: user id), application (a record id: nothing), start_at/end_at, "
                "status; remote_user_id (user id); Bearer and X-Account-Token (credential); Fern "
                "platform headers (os)",
            ),
            Expectation(
                at(MERGE, "/api/ats/v1/activities"),
                [CRED, OS, UID, CHAT, NAME, MEETING],
                "Merge",
                "ATS activity of type NOTE on the candidate, visibility PRIVATE: subject "
                "'Feedback: <topic>' (meeting metadata), body the interviewer's scorecard naming "
                "the topic, the candidate and the interviewer in full (a note a person logs on a "
                "record for colleagues: chat, issue 15p; meeting metadata; name), user the "
                "interviewer's user id (the author: user id), candidate (a record id: nothing); "
                "remote_user_id (user id); Bearer and X-Account-Token (credential); Fern platform "
                "headers (os)",
            ),
            Expectation(
                at(MERGE, "/api/ats/v1/applications/"),
                [CRED, OS, UID],
                "Merge",
                "ATS application change-stage: job_interview_stage and the application id in the "
                "path (record ids: nothing), remote_user_id (user id); Bearer and X-Account-Token "
                "(credential); Fern platform headers (os)",
            ),
        ],
    ),
    (
        "kombo-py",
        [
            Expectation(
                at(KOMBO, "/v1/ats/candidates"),
                [CRED, NAME, EMAIL, PHONE, COARSE],
                "Kombo",
                "ATS candidate create: candidate.first_name/last_name (name), email_address "
                "(e-mail), phone_number (phone), location {country GH, city Accra} (a city and "
                "country under place keys: coarse location), title (nothing); application job_id "
                "and stage_id, source.name (nothing); Authorization Bearer (credential); "
                "X-Integration-Id greenhouse:<id> (the customer's connected integration: an "
                "account's id, nothing)",
            ),
            Expectation(
                at(KOMBO, "/v1/ats/applications/8Jx2h30aQp4TnV/notes"),
                [CRED, CHAT, NAME, MEETING],
                "Kombo",
                "note added to the application: content the interviewer's scorecard naming the "
                "topic, the candidate and the interviewer in full (a note logged on a record for "
                "colleagues: chat, issue 15p; meeting metadata; name), content_type; Bearer "
                "(credential); X-Integration-Id (nothing)",
            ),
            Expectation(
                at(KOMBO, "/v1/ats/applications/8Jx2h30aQp4TnV/stage"),
                [CRED],
                "Kombo",
                "PUT application stage: stage_id and the application id (record ids: nothing); "
                "Bearer (credential)",
            ),
            Expectation(
                at(KOMBO, "/v1/hris/employees"),
                [CRED, EMAIL],
                "Kombo",
                "HRIS employees GET with query: work_emails the interviewer's address (a "
                "directory searched by address: e-mail, the taxonomy's handle-or-e-mail rule), "
                "page_size, include_deleted, ignore_unsupported_filters (nothing); Bearer "
                "(credential)",
            ),
        ],
    ),
    (
        "finch-py",
        [
            Expectation(
                at(FINCH, "/employer/directory"),
                [CRED, OS, HW],
                "Finch",
                "HRIS directory GET: limit, offset (nothing); Authorization Bearer (credential); "
                "X-Stainless-OS Linux and X-Stainless-Runtime-Version 3.12.1 (os), "
                "X-Stainless-Arch x64 (hardware, the taxonomy's Stainless rule); "
                "Finch-API-Version and the retry-count/read-timeout headers (nothing)",
            ),
            Expectation(
                at(FINCH, "/employer/individual"),
                [CRED, OS, HW, UID],
                "Finch",
                "HRIS individuals batch: requests[].individual_id the interviewer's id in the "
                "employer's HR system (an employee's id: user id), options.include (nothing); "
                "Bearer (credential); Stainless headers (os, hardware)",
            ),
            Expectation(
                at(FINCH, "/employer/employment"),
                [CRED, OS, HW, UID],
                "Finch",
                "HRIS employments batch: requests[].individual_id (user id); Bearer "
                "(credential); Stainless headers (os, hardware)",
            ),
        ],
    ),
    (
        "bamboohr-py",
        [
            Expectation(
                at(BAMBOO, f"{BAMBOO_V1}/employees/directory"),
                [CRED],
                "BambooHR",
                "employee directory GET: no parameters; the company's subdomain acmemeetings in "
                "the path (a tenant: nothing); Authorization Basic '<API key>:' (credential)",
            ),
            Expectation(
                at(BAMBOO, f"{BAMBOO_V1}/time_off/whos_out"),
                [CRED],
                "BambooHR",
                "who's out GET: start and end dates in the query (nothing); Basic (credential)",
            ),
            Expectation(
                at(BAMBOO, f"{BAMBOO_V1}/time_off/requests"),
                [CRED, UID],
                "BambooHR",
                "time-off requests GET: employeeId 117 the interviewer's employee id (user id), "
                "start, end, status (nothing); Basic (credential)",
            ),
            Expectation(
                at(BAMBOO, f"{BAMBOO_V1}/employees/", b"firstName"),
                [CRED, NAME, EMAIL, PHONE],
                "BambooHR",
                "add employee, XML body of <field id=…> elements: firstName/lastName (name), "
                "homeEmail (e-mail), mobilePhone (phone), hireDate (nothing); Basic (credential)",
            ),
            Expectation(
                at(BAMBOO, f"{BAMBOO_V1}/employees/412"),
                [CRED, UID, NAME, EMAIL],
                "BambooHR",
                "update employee 412 (the hired candidate's employee id after /employees/: user "
                "id), XML fields: jobTitle the role and department (nothing), supervisor Alice "
                "Example (the interviewer named as his manager: name), workEmail his new work "
                "address (e-mail); Basic (credential)",
            ),
        ],
    ),
    (
        "apideck-node",
        [
            Expectation(
                at(APIDECK, "/ats/applicants"),
                [CRED, NAME, EMAIL, PHONE],
                "Apideck",
                "ATS applicant create (service greenhouse): name, first_name/last_name (name), "
                "emails[].email (e-mail), phone_numbers[].number (phone), headline the role and "
                "applications[] a record id (nothing); Authorization Bearer API key "
                "(credential); x-apideck-app-id, x-apideck-consumer-id (the app's and its "
                "customer's account ids: nothing), x-apideck-service-id (the connector: "
                "nothing); raw=false (nothing)",
            ),
            Expectation(
                at(APIDECK, "/ats/applications/app_h30_5521"),
                [CRED, MEETING],
                "Apideck",
                "ATS application PATCH: stage.name 'Final round: <topic> (<join link>)' (meeting "
                "metadata), applicant_id, job_id, stage.id (record ids: nothing), status; Bearer "
                "(credential); Apideck account headers (nothing)",
            ),
            Expectation(
                at(APIDECK, "/hris/employees"),
                [CRED, EMAIL],
                "Apideck",
                "HRIS employees GET (service bamboohr): filter[email] the interviewer's address "
                "(a directory searched by address: e-mail), filter[employment_status], fields, "
                "limit (nothing); Bearer (credential)",
            ),
            Expectation(
                at(APIDECK, "/hris/time-off-requests"),
                [CRED, UID],
                "Apideck",
                "HRIS time-off requests GET: filter[employee_id] the interviewer's employee id "
                "(user id), filter[start_date]/[end_date], limit (nothing); Bearer (credential)",
            ),
        ],
    ),
    (
        "gusto-node",
        [
            Expectation(
                at(GUSTO, "/v1/companies/"),
                [CRED, NAME, EMAIL],
                "Gusto",
                "create employee after the accepted offer: first_name/last_name (name), email "
                "(e-mail), date_of_birth (a date: no category), self_onboarding; the company's "
                "uuid in the path (nothing); Authorization Bearer (credential)",
            ),
            Expectation(
                at(GUSTO, "/v1/employees/"),
                [CRED, UID],
                "Gusto",
                "create the new employee's job: the employee's uuid after /employees/ (user id), "
                "title the role, hire_date, location_uuid (nothing); Bearer (credential)",
            ),
        ],
    ),
]


def format_class(scenario: str, flow: dict[str, Any]) -> str:
    request = flow["request"]
    method = request["method"]
    if scenario == "merge-py":
        return "JSON REST API calls + SDK platform headers"
    if scenario == "finch-py" and method == "GET":
        return "GET with query parameters + SDK platform headers"
    if scenario == "finch-py":
        return "JSON batch of requests + SDK platform headers"
    if scenario == "bamboohr-py" and method == "POST":
        return "XML field list, Basic auth"
    if scenario == "bamboohr-py" and "?" in request["url"]:
        return "GET with query parameters, Basic auth"
    if scenario == "bamboohr-py":
        return "GET without parameters, Basic auth"
    if scenario == "apideck-node" and method == "GET":
        return "GET with bracketed filter query keys + account headers"
    if scenario == "apideck-node":
        return "JSON REST API calls + account headers"
    if method == "GET":
        return "GET with query parameters"
    return "JSON REST API calls"


HELDOUT = HeldoutSet(
    name="heldout30",
    here=HERE,
    out=OUT,
    scenarios=SCENARIOS,
    scenario_hosts=SCENARIO_HOSTS,
    format_class=format_class,
)


if __name__ == "__main__":
    raise SystemExit(HELDOUT.main((__doc__ or "").splitlines()[0]))
