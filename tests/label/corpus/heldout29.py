"""Build the twenty-ninth held-out set `heldout29.jsonl.frozen` (issue 15): real programs absent
from the development set (everything in this directory: flows.jsonl, heldout*.jsonl,
heldout*.jsonl.frozen, sdk*.jsonl, npm/, heldout5_npm/ …, sdk*_npm/, *_runs.py, generate.py, and
auditor/vendors/), recorded through the real proxy offline, as what a meeting product's
scheduling side sends around one meeting: availability queries, booking a slot with a guest,
a calendar event with its attendee, conferencing link and reminder, a pre-meeting intake form
and a post-meeting feedback survey with its responses (Acuity Scheduling, Timekit, Square
Appointments, Fastmail's CalDAV server through tsdav, Jotform, Fillout, Formspree).

Run: `.venv/bin/python tests/label/corpus/heldout29.py` (offline; `make setup`, then
`npm ci` in `heldout29_npm/` and `pip install -r heldout29-requirements.txt`).
`--raw SCENARIO…` records and prints only the requests (method, URL, headers, decoded body):
what the expectations were written from. The capture labels what it stores; those labels are
dropped before anything is printed or written.

Sources: npm SDKs in `heldout29_npm/` (Node, through `npm/proxy-preload.js` as the npm corpus
scenarios) and a PyPI SDK in `heldout29_runs.py`, each sending to its vendor's real host,
answered inside the proxy by `auditor capture --sinkhole '*'`.

Expectations were written from the payloads and committed before the labeller ran on them.
The set is written as `heldout29.jsonl.frozen` so that nothing globbing `*.jsonl` (the label
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

OUT = HERE / "heldout29.jsonl.frozen"

ACUITY = "acuityscheduling.com"
TIMEKIT = "api.timekit.io"
SQUARE = "connect.squareup.com"
FASTMAIL = "caldav.fastmail.com"
JOTFORM = "api.jotform.com"
FILLOUT = "api.fillout.com"
FORMSPREE = "formspree.io"

SCENARIO_HOSTS: dict[str, set[str]] = {
    "acuity-node": {ACUITY},
    "timekit-node": {TIMEKIT},
    "square-py": {SQUARE},
    "fastmail-caldav-node": {FASTMAIL},
    "jotform-node": {JOTFORM},
    "fillout-node": {FILLOUT},
    "formspree-node": {FORMSPREE},
}

ACUITY_APPOINTMENT = "/api/v1/appointments/1183427051/reschedule"
TIMEKIT_BOOKING = "/v2/bookings/58e61b2d-8c4f-4f0a-b7d3-h29booking001/confirm"
CALENDAR = "/dav/calendars/user/alice.example@example.com/Default/"
INTAKE_FORM = "/form/253407716245052/submissions"
FEEDBACK_FORM = "/form/253407716245069/submissions"
SURVEY = "/v1/api/forms/h29fdBk7Qm2x/submissions"

# Expectations written from the payloads (`--raw`: requests only), before the labeller ran on
# them. Reading conventions as heldout5.py … heldout27.py (the README's "How the expectations were
# written" for each, generate.py's docstring) and docs/taxonomy.md's "Conventions"; the judgement
# calls new to this set are in the README's "Sources of heldout29". Every User-Agent
# (`AcuityScheduling-js/0.1.9`, `axios/1.21.1`, `node`, `squareup/46.0.0.20260916`) earns
# nothing; ids of an appointment, booking, form, survey, location, service or project at the
# vendor earn nothing.
ACUITY_AUTH = "Basic user id and API key (credential)"
JOTFORM_AUTH = "apiKey in the query (credential)"
TIMEKIT_HEADERS = (
    "Basic with the app key (credential); Timekit-Timezone Europe/Dublin, a custom header the "
    "SDK adds from its configured time zone (a time zone: locale)"
)
SQUARE_HEADERS = (
    "Bearer access token (credential); X-Fern-Runtime python/3.12.1 and X-Fern-Platform "
    "linux/<release> (SDK platform headers: os); X-Fern-SDK-Name/-Version and Square-Version "
    "(the API's version date) earn nothing"
)
CALDAV_AUTH = (
    "the calendar's path names the host's account by her e-mail after /user/ (user id and "
    "e-mail); Basic with that address and an app password (credential)"
)
SCENARIOS: list[tuple[str, list[Expectation]]] = [
    (
        "acuity-node",
        [
            Expectation(
                at(ACUITY, "/api/v1/availability/times", method="GET"),
                [CRED, LOCALE],
                "Squarespace Acuity Scheduling",
                "availability query GET /availability/times: appointmentTypeID and date (no "
                "person), timezone Europe/Dublin (a time zone: locale); " + ACUITY_AUTH,
            ),
            Expectation(
                at(ACUITY, "/api/v1/appointments", method="POST"),
                [CRED, NAME, EMAIL, PHONE, LOCALE, MEETING],
                "Squarespace Acuity Scheduling",
                "appointment booked for the guest: firstName/lastName (name), email (e-mail), "
                "phone (phone), timezone (locale), notes with the topic, the meeting number and "
                "the join link (meeting metadata), fields: the guest's intake-form answers "
                "(company, a planning reference naming a site, documents to bring: form answers, "
                "no chat, no place from the lists); admin=true; " + ACUITY_AUTH,
            ),
            Expectation(
                at(ACUITY, ACUITY_APPOINTMENT, method="PUT"),
                [CRED, LOCALE],
                "Squarespace Acuity Scheduling",
                "reschedule of the appointment (its id in the path: nothing): datetime, timezone "
                "Europe/Dublin (locale); " + ACUITY_AUTH,
            ),
            Expectation(
                at(ACUITY, "/api/v1/appointments?email=", method="GET"),
                [CRED, EMAIL],
                "Squarespace Acuity Scheduling",
                "appointments looked up by the guest's address in the query (e-mail, as "
                "heldout16's Typeform responses search), minDate, max; " + ACUITY_AUTH,
            ),
        ],
    ),
    (
        "timekit-node",
        [
            Expectation(
                at(TIMEKIT, "/v2/availability", method="POST"),
                [CRED, LOCALE],
                "Timekit",
                "availability query: project id, mode roundrobin_random, resources [the host's "
                "resource id] (an id under a key that does not say it is a person's: nothing), "
                "length, from/to, buffer; " + TIMEKIT_HEADERS,
            ),
            Expectation(
                at(TIMEKIT, "/v2/bookings", method="POST"),
                [CRED, LOCALE, MEETING, NAME, EMAIL, PHONE],
                "Timekit",
                "booking of the guest's slot: what the topic, where 'Online meeting <number>: "
                "<join link>', meta meeting_id (meeting metadata), description 'Host: Alice "
                "Example <e-mail>' (name and e-mail in prose), customer {name, email, phone, "
                "timezone} (keys that describe: name, e-mail, phone; a time zone: locale), "
                "resource_id and graph (nothing); " + TIMEKIT_HEADERS,
            ),
            Expectation(
                at(TIMEKIT, TIMEKIT_BOOKING, method="PUT"),
                [CRED, LOCALE],
                "Timekit",
                "booking confirm PUT /bookings/<id>/confirm with an empty JSON object (the "
                "booking's id: nothing); " + TIMEKIT_HEADERS,
            ),
        ],
    ),
    (
        "square-py",
        [
            Expectation(
                at(SQUARE, "/v2/customers", method="POST"),
                [CRED, OS, NAME, EMAIL, PHONE, UID, MEETING],
                "Square",
                "customer create: given_name/family_name (name), email_address (e-mail), "
                "phone_number (phone), reference_id eamon.gallagher (the client's reference to "
                "the person, his username in the app: user id), company_name, note 'Applicant "
                "for <topic>' (meeting metadata), idempotency_key; " + SQUARE_HEADERS,
            ),
            Expectation(
                at(SQUARE, "/v2/bookings/availability/search", method="POST"),
                [CRED, OS, UID],
                "Square",
                "availability search: start_at_range, location_id and service_variation_id "
                "(nothing), team_member_id_filter any [the host's team member id] (a person's "
                "staff account: user id); " + SQUARE_HEADERS,
            ),
            Expectation(
                at(SQUARE, "/v2/bookings", method="POST"),
                [CRED, OS, UID, MEETING],
                "Square",
                "booking create: customer_id (the guest's customer record: user id, as "
                "heldout18's Delighted person id), appointment_segments team_member_id (the "
                "host's: user id), seller_note '<topic>, meeting <number>: <join link>' and "
                "idempotency_key h29-booking-<number> (meeting metadata), start_at, duration; "
                + SQUARE_HEADERS,
            ),
        ],
    ),
    (
        "fastmail-caldav-node",
        [
            Expectation(
                at(FASTMAIL, CALENDAR, method="REPORT"),
                [CRED, UID, EMAIL],
                "Fastmail",
                "CalDAV REPORT free-busy-query (XML) with a time range, Depth 0; " + CALDAV_AUTH,
            ),
            Expectation(
                at(FASTMAIL, CALENDAR, b"SEQUENCE:0", method="PUT"),
                [CRED, UID, EMAIL, NAME, MEETING, LOCALE],
                "Fastmail",
                "CalDAV PUT of mtg-<number>.ics (text/calendar, If-None-Match *): VEVENT with "
                "UID mtg-<number>@…, SUMMARY the topic, DESCRIPTION/URL/LOCATION the meeting "
                "number and join link (meeting metadata), DTSTART/DTEND;TZID=Europe/Dublin "
                "(locale), ORGANIZER;CN=Alice Example and ATTENDEE;CN=Eamon Gallagher with their "
                "mailto: addresses (iCalendar CN: name only; e-mail), a VALARM reminder naming "
                "the topic; the event written into a calendar (no product usage, no file); "
                + CALDAV_AUTH,
            ),
            Expectation(
                at(FASTMAIL, CALENDAR, b"SEQUENCE:1", method="PUT"),
                [CRED, UID, EMAIL, NAME, MEETING, LOCALE],
                "Fastmail",
                "CalDAV PUT of the same object moved a day (If-Match the etag, SEQUENCE 1): the "
                "same VEVENT fields as the create (meeting metadata, locale, names, e-mails); "
                + CALDAV_AUTH,
            ),
        ],
    ),
    (
        "jotform-node",
        [
            Expectation(
                at(JOTFORM, INTAKE_FORM, method="POST"),
                [CRED, NAME, EMAIL, PHONE, MEETING],
                "Jotform",
                "pre-meeting intake form submission, form-urlencoded submission[<question>] "
                "keys: 3_first/3_last (name), 4 the guest's e-mail, 5 his phone, 6 company, 7 "
                "the topic and 9 the meeting number (meeting metadata), 8 the items he wants "
                "to cover (a form answer: no chat); " + JOTFORM_AUTH,
            ),
            Expectation(
                at(JOTFORM, FEEDBACK_FORM, method="PUT"),
                [CRED, EMAIL, USAGE, MEETING],
                "Jotform",
                "post-meeting feedback survey, two responses imported as a JSON array: each "
                "with the respondent's e-mail (under a question id: e-mail only), a rating and "
                "a free-text answer (survey responses: product usage; the answers feedback, no "
                "chat) and the meeting number (meeting metadata); " + JOTFORM_AUTH,
            ),
            Expectation(
                at(JOTFORM, INTAKE_FORM, method="GET"),
                [CRED, NAME],
                "Jotform",
                "submissions search GET with filter[fullText]=Eamon Gallagher (a name in the "
                "query: name), limit, orderby; " + JOTFORM_AUTH,
            ),
        ],
    ),
    (
        "fillout-node",
        [
            Expectation(
                at(FILLOUT, SURVEY, method="POST"),
                [CRED, EMAIL, MEETING, USAGE],
                "Fillout",
                "post-meeting feedback survey submission: questions with a rating 4, 'Mostly' "
                "and a free-text suggestion (a survey response: product usage; feedback, no "
                "chat), q4Email the guest's address (e-mail), urlParameters meeting_id and topic "
                "(meeting metadata), submissionTime; Bearer (credential)",
            ),
            Expectation(
                at(FILLOUT, SURVEY, method="GET"),
                [CRED, NAME],
                "Fillout",
                "submissions search GET with search=Eamon Gallagher (a name in the query: name), "
                "afterDate, limit, includeEditLink; Bearer (credential)",
            ),
        ],
    ),
    (
        "formspree-node",
        [
            Expectation(
                at(FORMSPREE, "/p/", method="POST"),
                [NAME, EMAIL, PHONE, MEETING, CHAT],
                "Formspree",
                "public form submission POST /p/<project>/f/<form key> (the form's public "
                "endpoint embedded in a web page: no credential, as heldout17's Formbricks "
                "environment id): name (name), email and _replyto (e-mail), phone (phone), "
                "company, subject naming the topic (meeting metadata), message the guest wrote "
                "to the host, which Formspree forwards to her by e-mail ('Hello Alice, could we "
                "move the consultation …': text a person wrote to another: chat); "
                "Formspree-Client @formspree/core@4.0.0 names the SDK (nothing)",
            ),
        ],
    ),
]

FORMAT_CLASSES: dict[tuple[str, str], str] = {
    ("acuity-node", "POST"): "JSON REST API calls, Basic auth",
    ("acuity-node", "PUT"): "JSON REST API calls, Basic auth",
    ("timekit-node", "POST"): "JSON REST API calls + a data header (time zone)",
    ("timekit-node", "PUT"): "JSON REST API calls + a data header (time zone)",
    ("square-py", "POST"): "JSON REST API calls + SDK platform headers",
    ("fastmail-caldav-node", "REPORT"): "CalDAV XML REPORT, Basic auth",
    ("fastmail-caldav-node", "PUT"): "CalDAV iCalendar (text/calendar) PUT, Basic auth",
    ("jotform-node", "POST"): "form-urlencoded bracket keys, API key in the query",
    ("jotform-node", "PUT"): "JSON array batch, API key in the query",
    ("fillout-node", "POST"): "JSON REST API calls",
    ("formspree-node", "POST"): "JSON form submission, no credential",
}


def format_class(scenario: str, flow: dict[str, Any]) -> str:
    method = flow["request"]["method"]
    if method == "GET":
        return "GET with query parameters"
    return FORMAT_CLASSES[(scenario, method)]


HELDOUT = HeldoutSet(
    name="heldout29",
    here=HERE,
    out=OUT,
    scenarios=SCENARIOS,
    scenario_hosts=SCENARIO_HOSTS,
    format_class=format_class,
)


if __name__ == "__main__":
    raise SystemExit(HELDOUT.main((__doc__ or "").splitlines()[0]))
