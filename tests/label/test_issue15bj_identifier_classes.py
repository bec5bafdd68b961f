"""Identifier and contact classes of heldout31 (issue 15bj), by shape, for learning platforms and
any API written the same way:

- a person named by the path: the item of a people collection in the singular too
  (`/feedback/user/6731`) and of learners, students and attendees; a graded item's per-learner
  record addressed by the learner's id (`/assignments/<id>/submissions/<user id>`,
  `/grades/<id>/values/<user id>`); never a quiz's, a form's or a field's record, a course,
  assignment or grade object;
- `key:value` parameters in a path segment (`/users/email:<address>`,
  `/getuserstatusincourse/course_id:118,user_id:2231`) read under their keys, as a form's
  fields are, when a key is a person's; custom methods (`/v1/text:synthesize`) and times are not;
- an address under a sign-in id key (Canvas's `pseudonym[unique_id]`): the person's e-mail, and
  no user id (heldout31's expectation); other id keys' address-shaped values (message ids) stay
  names of things;
- a one-digit id spelled as text under a role's id key (a batch command's
  `fields[RESPONSIBLE_ID]=7`, heldout28), as the number 7 is; not `0`, nor a count or a flag
  under a role's plural or login key.

The redactor pseudonymises what the labeller reads in the path (`path_item_key_at`,
`path_parameters` answer both)."""

from __future__ import annotations

from typing import Any

import pytest

from auditor.export.redact import Pseudonymizer, Redactor
from auditor.label import Labeller
from auditor.label.entities import organisation_for_host
from tests.label.fixture_labels import categories

UID = "identifiers.user_id"
EMAIL = "contact_info.email"
LMS = "https://lms.example.org"
ADDRESS = "mira.kowalczyk@school-example.org"


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


def _labels(labeller: Labeller, url: str, body: Any = None) -> set[str]:
    return categories(labeller, url, body, method="GET" if body is None else "POST")


# --- a person named by the path -------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        f"{LMS}/d2l/api/le/1.79/120455/dropbox/folders/4410/feedback/user/6731",
        f"{LMS}/api/user/58213/preferences",
        f"{LMS}/api/member/58213",
        f"{LMS}/api/v2/students/st_40921/progress",
        f"{LMS}/api/v1/learners/58213",
        f"{LMS}/v3/events/77120/attendees/3318",
        f"{LMS}/api/v1/courses/4417/assignments/5820/submissions/90312",
        f"{LMS}/api/v1/sections/12/assignments/5820/submissions/90312/read",
        f"{LMS}/d2l/api/le/1.79/120455/grades/33512/values/6731",
        f"{LMS}/d2l/api/le/1.79/120455/grades/final/values/6731",
        f"{LMS}/d2l/api/le/1.79/120455/grades/values/6731/",
    ],
)
def test_a_person_named_by_the_path_is_a_user_id(labeller: Labeller, url: str) -> None:
    assert UID in _labels(labeller, url)


@pytest.mark.parametrize(
    "url",
    [
        # a quiz's, a form's and a custom field's own records
        f"{LMS}/api/v1/courses/4417/quizzes/5820/submissions/90312",
        f"{LMS}/api/v1/forms/4417/submissions/90312",
        f"{LMS}/api/v1/custom_fields/4417/values/90312",
        f"{LMS}/api/v1/submissions/90312",
        # a course, an assignment, a grade object, a file, an org unit, a job
        f"{LMS}/api/v1/courses/4417/assignments/5820",
        f"{LMS}/d2l/api/le/1.79/120455/grades/33512",
        f"{LMS}/api/v1/files/88120",
        f"{LMS}/api/v1/jobs/job_7712",
        # words and versions after a person's word
        f"{LMS}/api/v1/courses/4417/assignments/5820/submissions/update_grades",
        f"{LMS}/v1/user/v2/settings",
        f"{LMS}/api/v1/students/count",
    ],
)
def test_records_words_and_versions_in_the_path_are_no_user_id(
    labeller: Labeller, url: str
) -> None:
    assert UID not in _labels(labeller, url)


def test_a_meeting_participant_in_the_path_is_read_as_participant_id(labeller: Labeller) -> None:
    # as the vocabulary reads `participant_id`: the meeting's participant, meeting metadata
    labels = _labels(labeller, "https://video.example.org/v1/Rooms/RM5f2a/Participants/PA7731b2")
    assert "meeting_metadata" in labels
    assert UID not in labels
    redacted = Redactor(Pseudonymizer(b"k" * 32)).redact_url(
        "https://video.example.org/v1/Rooms/RM5f2a/Participants/PA7731b2"
    )
    assert "PA7731b2" not in redacted


# --- key:value parameters in a path segment -------------------------------------------------


@pytest.mark.parametrize(
    ("url", "category"),
    [
        (f"{LMS}/api/v1/getuserstatusincourse/course_id:118,user_id:2231", UID),
        (f"{LMS}/api/v1/users/email:{ADDRESS}", EMAIL),
        (f"{LMS}/api/v1/users/email:mira.kowalczyk%40school-example.org", EMAIL),
        (f"{LMS}/api/v1/gradebook/student_id:40921,term:2026", UID),
    ],
)
def test_a_persons_key_value_parameter_in_the_path(
    labeller: Labeller, url: str, category: str
) -> None:
    assert category in _labels(labeller, url)


def test_an_address_looked_up_by_a_path_parameter_is_no_user_id(labeller: Labeller) -> None:
    # a directory searched by address stays an e-mail (docs/taxonomy.md)
    assert UID not in _labels(labeller, f"{LMS}/api/v1/users/email:{ADDRESS}")


@pytest.mark.parametrize(
    "url",
    [
        f"{LMS}/api/v1/courses/course_id:118",
        f"{LMS}/api/v1/jobs/job_id:118,limit:20",
        f"{LMS}/api/v1/orgs/org_id:9912/version:3",
        "https://speech.example.org/v1/text:synthesize",
        "https://ai.example.org/v1beta/models/gemini-pro:generateContent",
        "https://id.example.org/v1/accounts:signInWithPassword",
        "https://id.example.org/v1/users:search",
        f"{LMS}/api/v1/slots/10:30",
    ],
)
def test_other_colon_segments_name_no_person(labeller: Labeller, url: str) -> None:
    assert not _labels(labeller, url) & {UID, EMAIL}


# --- an address under a sign-in id key ------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        f"pseudonym%5Bunique_id%5D={ADDRESS.replace('@', '%40')}&pseudonym%5Bsend_confirmation%5D=1",
        {"pseudonym": {"unique_id": ADDRESS}},
        {"login": {"sis_login_id": ADDRESS}},
        {"account": {"signInId": ADDRESS}},
    ],
)
def test_an_address_under_a_sign_in_id_key_is_an_email(labeller: Labeller, body: Any) -> None:
    labels = categories(labeller, f"{LMS}/api/v1/accounts/1/users", body)
    assert EMAIL in labels
    assert UID not in labels


@pytest.mark.parametrize(
    "body",
    [
        {"message_unique_id": "<a81f3c2e9b@mail.example.org>"},
        {"thread_id": "a81f3c2e9b@mail.example.org"},
        {"pseudonym": {"unique_id": "mkowalczyk"}},
        {"addon_id": "uBlock0@raymondhill.net"},
    ],
)
def test_other_values_under_id_keys_are_no_email(labeller: Labeller, body: Any) -> None:
    assert EMAIL not in categories(labeller, f"{LMS}/api/v1/accounts/1/users", body)


# --- a one-digit id spelled as text under a role's id key -----------------------------------

BATCH = "https://crm.example.org/rest/batch.json"


@pytest.mark.parametrize(
    "body",
    [
        {"cmd": {"task": "tasks.task.add?fields[RESPONSIBLE_ID]=7&fields[TITLE]=Send+the+quote"}},
        {"cmd": {"task": "tasks.task.update?taskId=88&fields[ASSIGNEE_ID]=3"}},
        {"fields": {"RESPONSIBLE_ID": "7"}},
        {"fields": {"RESPONSIBLE_ID": 7}},
    ],
)
def test_a_one_digit_id_under_a_roles_id_key_is_a_user_id(labeller: Labeller, body: Any) -> None:
    assert UID in categories(labeller, BATCH, body)


@pytest.mark.parametrize(
    "body",
    [
        {"fields": {"RESPONSIBLE_ID": "0"}},
        {"cmd": {"task": "tasks.task.add?fields[TITLE]=x&fields[PRIORITY]=2&fields[GROUP_ID]=4"}},
        {"members": "3", "followers": "2"},
        {"login": "1"},
    ],
)
def test_zero_counts_and_flags_under_role_keys_are_no_user_id(
    labeller: Labeller, body: Any
) -> None:
    assert UID not in categories(labeller, BATCH, body)


# --- learners' ids under their keys ---------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [{"student_id": "st_40921"}, {"learnerId": 58213}, {"attendee_id": "att_3318"}],
)
def test_a_learners_id_key_is_a_user_id(labeller: Labeller, body: Any) -> None:
    assert UID in categories(labeller, f"{LMS}/api/v1/progress", body)


@pytest.mark.parametrize(
    "body", [{"student_count": 31}, {"course_id": 4417, "assignment_id": 5820}, {"attendees": 12}]
)
def test_counts_and_course_records_are_no_user_id(labeller: Labeller, body: Any) -> None:
    assert UID not in categories(labeller, f"{LMS}/api/v1/progress", body)


# --- the redactor removes what the labeller reads in the path -------------------------------


@pytest.mark.parametrize(
    ("url", "secret"),
    [
        (f"{LMS}/api/v1/courses/4417/assignments/5820/submissions/90312", "90312"),
        (f"{LMS}/d2l/api/le/1.79/120455/grades/33512/values/6731", "6731"),
        (f"{LMS}/d2l/api/le/1.79/120455/dropbox/folders/4410/feedback/user/6731", "6731"),
        (f"{LMS}/api/v1/getuserstatusincourse/course_id:118,user_id:2231", "2231"),
        (f"{LMS}/api/v1/users/email:{ADDRESS}", "kowalczyk"),
        (f"{LMS}/api/v1/users/email:mira.kowalczyk%40school-example.org", "kowalczyk"),
    ],
)
def test_the_redactor_pseudonymises_a_person_in_the_path(url: str, secret: str) -> None:
    redacted = Redactor(Pseudonymizer(b"k" * 32)).redact_url(url)
    assert secret not in redacted
    assert redacted.startswith(LMS + "/")


@pytest.mark.parametrize(
    "url",
    [
        f"{LMS}/api/v1/courses/4417/quizzes/5820/submissions/90312",
        f"{LMS}/d2l/api/le/1.79/120455/grades/33512",
        "https://speech.example.org/v1/text:synthesize",
    ],
)
def test_the_redactor_keeps_record_ids_and_methods(url: str) -> None:
    assert Redactor(Pseudonymizer(b"k" * 32)).redact_url(url) == url


def test_the_redactor_keeps_a_course_parameter_beside_a_person() -> None:
    redacted = Redactor(Pseudonymizer(b"k" * 32)).redact_url(
        f"{LMS}/api/v1/getuserstatusincourse/course_id:118,user_id:2231"
    )
    assert "/getuserstatusincourse/course_id:" in redacted
    assert ",user_id:" in redacted


# --- the vendors of learning platforms ------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "organisation"),
    [
        ("acmeuni.instructure.com", "Instructure"),
        ("acmeacademy.talentlms.com", "Epignosis"),
        ("api.thinkific.com", "Thinkific"),
        ("acmeuni.moodlecloud.com", "Moodle"),
        ("acmeuni.brightspace.com", "D2L"),
    ],
)
def test_learning_platform_hosts_name_their_vendor(host: str, organisation: str) -> None:
    assert organisation_for_host(host) == organisation


@pytest.mark.parametrize(
    "host",
    ["instructure.com.example.org", "nottalentlms.com", "moodle.example.edu", "lms.example.org"],
)
def test_look_alike_and_self_hosted_lms_hosts_name_no_vendor(host: str) -> None:
    assert organisation_for_host(host) not in {
        "Instructure",
        "Epignosis",
        "Thinkific",
        "Moodle",
        "D2L",
    }
