"""PyPI SDKs of the thirty-first held-out set (heldout31.py): what a virtual-classroom tool's
backend sends to the learning platforms it syncs a live class session into: Canvas LMS (the
learner added and enrolled, the class session as a course calendar event with its join link, the
learner's grade with a comment, a message to the learner, a discussion post after the class),
TalentLMS (the learner signed up, looked up by e-mail, added to the course, his completion status
read) Thinkific (the learner created, enrolled, his
enrolment looked up by e-mail and marked complete) and D2L Brightspace (the class list read, the
learner put in the live class's breakout group, his grade with a comment, feedback on his lab
report), each to its vendor's real host; Moodle's client is in heldout31_npm/.
Run one as a program: `python heldout31_runs.py SCENARIO`; heldout31.py starts it through the
auditor's proxy (`auditor capture --sinkhole '*'`) with the environment `auditor launch` gives a
program, so nothing leaves the machine.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tests.label.corpus.sdk_runs import CORPUS_VALUES

MEETING_ID = CORPUS_VALUES["meeting_id"]
HOST_NAME = CORPUS_VALUES["name"]
# The outside participant: the learner in the corpus user's live class.
LEARNER_NAME = "Wojciech Wierzbicki"
LEARNER_FIRST, LEARNER_LAST = LEARNER_NAME.split()
LEARNER_EMAIL = "wojciech.wierzbicki@torun-learning-example.org"
LEARNER_PHONE = "+48601555274"
TOPIC = "Organic Chemistry 201: Reaction Mechanisms live lab"
JOIN_URL = f"https://meet.acme-meetings.example/j/{MEETING_ID}"
COMMENT = (
    f"Graded after {TOPIC}: {LEARNER_NAME} explained the SN1/SN2 trade-off well during the "
    f"breakout; revise carbocation stability before the quiz. {HOST_NAME}"
)


def _quietly(what: str, call: Callable[[], object]) -> None:
    """The sinkhole answers 204 with no body: SDKs that expect JSON raise after sending."""
    try:
        call()
    except Exception as err:
        print(f"{what}: {type(err).__name__}: {err}", file=sys.stderr)


def run_canvas() -> None:
    """canvasapi (the widely used Canvas LMS Python SDK, by UCF's Center for Distributed
    Learning): the classroom tool adds the learner to the school's account, enrols him in the
    course, puts the live class on the course calendar with its join link, posts his grade with
    a comment, messages him and posts the class recap to the course discussion
    (README: Canvas(base_url, key), Account.create_user, Course.enroll_user,
    Canvas.create_calendar_event, Submission.edit, Canvas.create_conversation,
    DiscussionTopic.post_entry)."""
    from canvasapi import Canvas
    from canvasapi.account import Account
    from canvasapi.course import Course
    from canvasapi.discussion_topic import DiscussionTopic
    from canvasapi.submission import Submission

    canvas = Canvas("https://acmeuni.instructure.com", "7~h31CanvasTok9q2Xv6Lm3Rb8Tz4Kw1Yp")
    requester = canvas._Canvas__requester  # objects built from known ids, no GET first
    learner_id = 90312
    account = Account(requester, {"id": 1})
    course = Course(requester, {"id": 4417})
    _quietly(
        "user",
        lambda: account.create_user(
            pseudonym={"unique_id": LEARNER_EMAIL, "send_confirmation": True},
            user={"name": LEARNER_NAME, "short_name": LEARNER_FIRST, "time_zone": "Warsaw"},
            communication_channel={"type": "sms", "address": LEARNER_PHONE},
        ),
    )
    _quietly(
        "enrol",
        lambda: course.enroll_user(
            learner_id, "StudentEnrollment", enrollment={"enrollment_state": "active"}
        ),
    )
    _quietly(
        "calendar event",
        lambda: canvas.create_calendar_event(
            {
                "context_code": "course_4417",
                "title": TOPIC,
                "description": f"Join the live class: {JOIN_URL}",
                "location_name": JOIN_URL,
                "start_at": "2026-12-10T15:00:00Z",
                "end_at": "2026-12-10T16:30:00Z",
            }
        ),
    )
    submission = Submission(
        requester, {"id": 771, "course_id": 4417, "assignment_id": 5820, "user_id": learner_id}
    )
    _quietly(
        "grade",
        lambda: submission.edit(
            submission={"posted_grade": "88"}, comment={"text_comment": COMMENT}
        ),
    )
    _quietly(
        "message",
        lambda: canvas.create_conversation(
            recipients=[str(learner_id)],
            subject=f"Recording of {TOPIC}",
            body=(
                f"Hi {LEARNER_FIRST}, the recording of today's live lab is on the course page; "
                f"bring your mechanism sketches to office hours on Friday."
            ),
            force_new=True,
        ),
    )
    topic = DiscussionTopic(requester, {"id": 3305, "course_id": 4417})
    _quietly(
        "discussion",
        lambda: topic.post_entry(
            message=(
                f"Recap of {TOPIC}: thanks to {LEARNER_NAME} for the worked example on "
                f"E1 elimination. Slides and the join link for next week: {JOIN_URL}"
            )
        ),
    )


def run_talentlms() -> None:
    """talentlms (TalentLMS's Python library): the classroom tool signs the learner up, looks
    him up by e-mail, adds him to the course and reads his status in the course after the class
    (README: talentlms.api(domain, api_key), user_signup, users, add_user_to_course,
    get_user_status_in_course)."""
    import talentlms

    lms = talentlms.api("acmeacademy.talentlms.com", "h31TalentKeyR7pW2mX9vQ4s")
    _quietly(
        "signup",
        lambda: lms.user_signup(
            {
                "first_name": LEARNER_FIRST,
                "last_name": LEARNER_LAST,
                "email": LEARNER_EMAIL,
                "login": "wwierzbicki",
                "password": "Lab-h31-Reactions9",
            }
        ),
    )
    _quietly("lookup", lambda: lms.users(LEARNER_EMAIL))
    _quietly("course", lambda: lms.add_user_to_course(2231, 118))
    _quietly("status", lambda: lms.get_user_status_in_course(2231, 118))


def run_thinkific() -> None:
    """thinkific (a Python client for Thinkific's Admin API): the classroom tool creates the
    learner, enrols him in the course, looks his enrolment up by e-mail and marks it complete
    after the final live class (README: Thinkific(api_key, subdomain), users.create_user,
    enrollments.create_enrollment, enrollments.list, enrollments.update_enrollment)."""
    from thinkific import Thinkific

    school = Thinkific("h31ThinkificKey5b8e2d7f1a4c", "acme-chem-school")
    _quietly(
        "user",
        lambda: school.users.create_user(
            {
                "first_name": LEARNER_FIRST,
                "last_name": LEARNER_LAST,
                "email": LEARNER_EMAIL,
                "send_welcome_email": True,
            }
        ),
    )
    _quietly(
        "enrol",
        lambda: school.enrollments.create_enrollment(
            {"user_id": 5512907, "course_id": 30418, "activated_at": "2026-12-10T15:00:00Z"}
        ),
    )
    _quietly("lookup", lambda: school.enrollments.list(email=LEARNER_EMAIL, course_id=30418))
    _quietly(
        "complete",
        lambda: school.enrollments.update_enrollment(
            88120451, {"completed_at": "2026-12-10T16:30:00Z"}
        ),
    )


def run_brightspace() -> None:
    """brightspace-api (a Python wrapper of D2L Brightspace's Valence REST API): the classroom
    tool reads the course's class list, puts the learner in the live class's breakout group,
    sets his grade with a comment after the class and leaves feedback on his lab-report
    submission (README: BSAPI(access_token, host), get_users, enroll_user_in_group,
    set_grade_value_numeric, set_dropbox_folder_submission_feedback)."""
    from bsapi import BSAPI

    d2l = BSAPI("h31D2LAccessTok8s4Fq1Wz6Nc3Hv", "acmeuni.brightspace.com")
    org_unit = 120455
    learner_id = 6731
    _quietly("class list", lambda: d2l.get_users(org_unit, is_active=True, role_id="110"))
    _quietly("breakout group", lambda: d2l.enroll_user_in_group(org_unit, 2204, 9871, learner_id))
    _quietly(
        "grade",
        lambda: d2l.set_grade_value_numeric(
            org_unit, 33512, learner_id, 88.0, COMMENT, private_comment="Check lab safety quiz."
        ),
    )
    _quietly(
        "feedback",
        lambda: d2l.set_dropbox_folder_submission_feedback(
            org_unit,
            4410,
            "user",
            learner_id,
            score=17.5,
            feedback=(
                f"Lab report for {TOPIC}: clear mechanism arrows; label the intermediates. "
                f"{HOST_NAME}"
            ),
        ),
    )


SCENARIOS: dict[str, Callable[[], None]] = {
    "canvas-py": run_canvas,
    "talentlms-py": run_talentlms,
    "thinkific-py": run_thinkific,
    "brightspace-py": run_brightspace,
}


if __name__ == "__main__":
    SCENARIOS[sys.argv[1]]()
