"""Build the thirty-first held-out set `heldout31.jsonl.frozen` (issue 15): real programs absent
from the development set (everything in this directory: flows.jsonl, heldout*.jsonl, the frozen
sets, sdk*.jsonl, npm/, heldout5_npm/ …, sdk*_npm/, *_runs.py, generate.py, and auditor/vendors/),
recorded through the real proxy offline, as what a virtual-classroom tool's backend sends to the
learning platforms it syncs a live class session into: the learner created, looked up and
enrolled, the class session as a calendar event or announcement with its join link, his grade
with the teacher's comment, a message and a discussion post to him, his completion (Canvas LMS,
TalentLMS, Thinkific, Moodle on MoodleCloud, D2L Brightspace).

Run: `.venv/bin/python tests/label/corpus/heldout31.py` (offline; `make setup`, then
`pip install -r heldout31-requirements.txt` and `npm ci` in `heldout31_npm/`).
`--raw SCENARIO…` records and prints only the requests (method, URL, headers, decoded body):
what the expectations were written from. The capture labels what it stores; those labels are
dropped before anything is printed or written.

Sources: PyPI SDKs in `heldout31_runs.py` and npm SDKs in `heldout31_npm/`, each sending to its
vendor's real host, answered inside the proxy by `auditor capture --sinkhole '*'`.

Expectations were written from the payloads and committed before the labeller ran on them.
The set is written as `heldout31.jsonl.frozen` so that nothing globbing `*.jsonl` (the label
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
    LOCALE,
    MEETING,
    NAME,
    PHONE,
    UID,
    HeldoutSet,
    at,
)

OUT = HERE / "heldout31.jsonl.frozen"

CANVAS = "acmeuni.instructure.com"
TALENT = "acmeacademy.talentlms.com"
THINKIFIC = "api.thinkific.com"
MOODLE = "acmeuni.moodlecloud.com"
BRIGHTSPACE = "acmeuni.brightspace.com"

SCENARIO_HOSTS: dict[str, set[str]] = {
    "canvas-py": {CANVAS},
    "talentlms-py": {TALENT},
    "thinkific-py": {THINKIFIC},
    "moodle-node": {MOODLE},
    "brightspace-py": {BRIGHTSPACE},
}

MOODLE_WS = "//webservice/rest/server.php"

# Expectations written from the payloads (`--raw`: requests only), before the labeller ran on
# them. Reading conventions as heldout5.py … heldout30.py (the README's "How the expectations were
# written" for each, generate.py's docstring) and docs/taxonomy.md's "Conventions"; the judgement
# calls new to this set are in the README's "Sources of heldout31". Every User-Agent
# (`python-canvasapi/3.6.0`, `python-requests/2.34.2`) earns nothing; a course's,
# assignment's, calendar's, discussion topic's, enrolment's, or group's record
# id earns nothing (as heldout28's and heldout30's record ids); the learner's id in the learning
# platform (under a key naming the user: `user_id`, `userid`, `touserid`, `recipients[]`,
# `UserId`, or after `/submissions/`, `/values/` or `/feedback/user/`, where Canvas and
# Brightspace address a learner's submission, grade or feedback by his user id) names the person:
# user id; the learner's login name is a username: user id; a grade, a completion date and class
# times earn nothing; the class session's title (the topic) and its join link are meeting
# metadata; a teacher's comment, feedback, message or discussion post to learners is chat.
SCENARIOS: list[tuple[str, list[Expectation]]] = [
    (
        "canvas-py",
        [
            Expectation(
                at(CANVAS, "/api/v1/accounts/1/users"),
                [CRED, NAME, EMAIL, PHONE, LOCALE],
                "Instructure",
                "Canvas create user (form body, bracketed keys): user[name] the learner's full "
                "name (name), user[short_name] his first name (no extra label), user[time_zone] "
                "Warsaw (a structured time zone: locale), communication_channel[address] his "
                "mobile number with type sms (phone), pseudonym[unique_id] his e-mail as login "
                "(e-mail); Authorization Bearer (credential)",
            ),
            Expectation(
                at(CANVAS, "/api/v1/courses/4417/enrollments"),
                [CRED, UID],
                "Instructure",
                "enrol the learner: enrollment[user_id] 90312 (the learner's user id), type "
                "StudentEnrollment, state active; the course id (nothing); Bearer (credential)",
            ),
            Expectation(
                at(CANVAS, "/api/v1/calendar_events"),
                [CRED, MEETING],
                "Instructure",
                "course calendar event for the live class: title the topic, description and "
                "location_name the join link /j/<meeting number> (meeting metadata), "
                "context_code course_4417, start/end (nothing); Bearer (credential)",
            ),
            Expectation(
                at(CANVAS, "/api/v1/courses/4417/assignments/5820/submissions/90312"),
                [CRED, UID, CHAT, NAME, MEETING],
                "Instructure",
                "grade the learner's submission: the learner's user id after /submissions/ "
                "(user id), submission[posted_grade] 88 (nothing), comment[text_comment] the "
                "teacher's comment naming the topic, the learner and the teacher in full (a "
                "message a person writes to a learner: chat; meeting metadata; name); Bearer "
                "(credential)",
            ),
            Expectation(
                at(CANVAS, "/api/v1/conversations"),
                [CRED, UID, CHAT, MEETING],
                "Instructure",
                "Canvas Inbox message: recipients[] 90312 (the learner's user id), subject "
                "'Recording of <topic>' (meeting metadata), body the teacher's message greeting "
                "him by first name only (chat; a first name alone is no name), force_new "
                "(nothing); Bearer (credential)",
            ),
            Expectation(
                at(CANVAS, "/api/v1/courses/4417/discussion_topics/3305/entries"),
                [CRED, CHAT, NAME, MEETING],
                "Instructure",
                "discussion entry: message the class recap naming the topic, thanking the "
                "learner in full and giving the join link (a post: chat; meeting metadata; "
                "name); Bearer (credential)",
            ),
        ],
    ),
    (
        "talentlms-py",
        [
            Expectation(
                at(TALENT, "/api/v1/usersignup"),
                [CRED, UID, NAME, EMAIL],
                "Epignosis",
                "TalentLMS user signup (form body): first_name/last_name (name), email "
                "(e-mail), login wwierzbicki (a username: user id), password (credential); "
                "Authorization Basic '<API key>:' (credential)",
            ),
            Expectation(
                at(TALENT, "/api/v1/users/email:"),
                [CRED, EMAIL],
                "Epignosis",
                "user lookup GET with the parameters in the path (email:<address>): the "
                "learner's e-mail (e-mail); Basic (credential)",
            ),
            Expectation(
                at(TALENT, "/api/v1/addusertocourse"),
                [CRED, UID],
                "Epignosis",
                "add user to course (form body): user_id 2231 (the learner's user id), "
                "course_id, role learner (nothing); Basic (credential)",
            ),
            Expectation(
                at(TALENT, "/api/v1/getuserstatusincourse/"),
                [CRED, UID],
                "Epignosis",
                "the learner's completion status in the course, parameters in the path "
                "(course_id:118,user_id:2231): user_id the learner's user id (user id), the "
                "course id (nothing); Basic (credential)",
            ),
        ],
    ),
    (
        "thinkific-py",
        [
            Expectation(
                at(THINKIFIC, "/api/public/v1/users"),
                [CRED, NAME, EMAIL],
                "Thinkific",
                "create user: first_name/last_name (name), email (e-mail), send_welcome_email "
                "(nothing); X-Auth-API-Key (credential), X-Auth-Subdomain acme-chem-school "
                "(the school's tenant: nothing)",
            ),
            Expectation(
                at(THINKIFIC, "/api/public/v1/enrollments", method="POST"),
                [CRED, UID],
                "Thinkific",
                "create enrolment: user_id 5512907 (the learner's user id), course_id, "
                "activated_at (nothing); X-Auth-API-Key (credential)",
            ),
            Expectation(
                at(THINKIFIC, "/api/public/v1/enrollments?", method="GET"),
                [CRED, EMAIL],
                "Thinkific",
                "enrolments GET with bracketed query keys: query[email] the learner's address "
                "(a list searched by address: e-mail), query[course_id] (nothing); "
                "X-Auth-API-Key (credential)",
            ),
            Expectation(
                at(THINKIFIC, "/api/public/v1/enrollments/88120451", method="PUT"),
                [CRED],
                "Thinkific",
                "update enrolment: completed_at (a date: nothing), the enrolment's id in the "
                "path (a record id: nothing); X-Auth-API-Key (credential)",
            ),
        ],
    ),
    (
        "moodle-node",
        [
            Expectation(
                at(MOODLE, f"{MOODLE_WS}?field=email"),
                [CRED, EMAIL],
                "Moodle",
                "Moodle web service GET core_user_get_users_by_field: field email, values[0] "
                "the learner's address (e-mail); wstoken in the query (credential), "
                "wsfunction, moodlewsrestformat (nothing)",
            ),
            Expectation(
                at(MOODLE, MOODLE_WS, b"core_user_create_users"),
                [CRED, UID, NAME, EMAIL, PHONE, COARSE],
                "Moodle",
                "core_user_create_users (form body, bracketed keys users[0][…]): username "
                "wwierzbicki (user id), firstname/lastname (name), email (e-mail), phone2 "
                "(phone), city Toruń and country PL (coarse location), createpassword 1 "
                "(nothing); wstoken in the body (credential)",
            ),
            Expectation(
                at(MOODLE, MOODLE_WS, b"enrol_manual_enrol_users"),
                [CRED, UID],
                "Moodle",
                "enrol_manual_enrol_users: enrolments[0][userid] 3318 (the learner's user id), "
                "roleid, courseid (nothing); wstoken (credential)",
            ),
            Expectation(
                at(MOODLE, MOODLE_WS, b"core_calendar_create_calendar_events"),
                [CRED, NAME, MEETING],
                "Moodle",
                "core_calendar_create_calendar_events: events[0][name] the topic and "
                "description naming the corpus user in full with the join link (meeting "
                "metadata; name), courseid, eventtype, timestart, timeduration (nothing); "
                "wstoken (credential)",
            ),
            Expectation(
                at(MOODLE, MOODLE_WS, b"core_message_send_instant_messages"),
                [CRED, UID, CHAT, MEETING],
                "Moodle",
                "core_message_send_instant_messages: messages[0][touserid] 3318 (user id), "
                "text the teacher's message naming the topic and greeting the learner by first "
                "name only (chat; meeting metadata), textformat (nothing); wstoken (credential)",
            ),
        ],
    ),
    (
        "brightspace-py",
        [
            Expectation(
                at(BRIGHTSPACE, "/d2l/api/lp/1.47/enrollments/orgUnits/120455/users/"),
                [CRED],
                "D2L",
                "Brightspace class list GET: isActive, roleId and the org unit (course) id in "
                "the path (nothing); Authorization Bearer (credential)",
            ),
            Expectation(
                at(BRIGHTSPACE, "/d2l/api/lp/1.47/120455/groupcategories/"),
                [CRED, UID],
                "D2L",
                "enrol the learner in the live class's breakout group: UserId 6731 (the "
                "learner's user id), group category and group ids in the path (nothing); Bearer "
                "(credential)",
            ),
            Expectation(
                at(BRIGHTSPACE, "/d2l/api/le/1.79/120455/grades/33512/values/6731"),
                [CRED, UID, CHAT, NAME, MEETING],
                "D2L",
                "PUT the learner's grade value: his user id after /values/ (Valence addresses a "
                "grade value by the user's id: user id), PointsNumerator 88 and GradeObjectType "
                "(nothing), Comments.Content the teacher's comment naming the topic, the learner "
                "and the teacher in full and PrivateComments.Content a note (chat; meeting "
                "metadata; name); Bearer (credential)",
            ),
            Expectation(
                at(BRIGHTSPACE, "/d2l/api/le/1.79/120455/dropbox/folders/4410/feedback/user/"),
                [CRED, UID, CHAT, NAME, MEETING],
                "D2L",
                "assignment (dropbox) feedback for the learner: his user id after /user/ (user "
                "id), Score 17.5, IsGraded, RubricAssessments (nothing), Feedback.Text the "
                "teacher's feedback naming the topic and signed with her full name (chat; "
                "meeting metadata; name); Bearer (credential)",
            ),
        ],
    ),
]


def format_class(scenario: str, flow: dict[str, Any]) -> str:
    request = flow["request"]
    method = request["method"]
    if scenario == "canvas-py":
        return "form body with bracketed keys, Bearer"
    if scenario == "talentlms-py" and method == "GET":
        return "GET with parameters in the path, Basic auth"
    if scenario == "talentlms-py":
        return "form body, Basic auth"
    if scenario == "moodle-node" and method == "GET":
        return "GET with bracketed query keys and a token in the query"
    if scenario == "moodle-node":
        return "form body with bracketed keys and a token in the body"
    if scenario == "thinkific-py" and method == "GET":
        return "GET with bracketed query keys"
    if method == "GET":
        return "GET with query parameters"
    return "JSON REST API calls"


HELDOUT = HeldoutSet(
    name="heldout31",
    here=HERE,
    out=OUT,
    scenarios=SCENARIOS,
    scenario_hosts=SCENARIO_HOSTS,
    format_class=format_class,
)


if __name__ == "__main__":
    raise SystemExit(HELDOUT.main((__doc__ or "").splitlines()[0]))
