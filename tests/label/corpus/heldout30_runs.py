"""PyPI SDKs of the thirtieth held-out set (heldout30.py): what a video-interview tool's backend
sends to the recruiting and HR systems it syncs an interview call into: Merge's unified ATS API
(the candidate, the interview with its interviewer and conferencing link, the interviewer's
feedback as a note, the stage change after the interview), Kombo's unified ATS and HRIS API (the
candidate and his application, the scorecard as a note, the stage change, the interviewer looked
up in the employee directory), Finch's HRIS API (the directory and the interviewer's individual
and employment records in batches) and BambooHR (the directory, who is out during the interview
week, the interviewer's time-off requests, and the hired candidate added as an employee with his
job), each to its vendor's real host.
Run one as a program: `python heldout30_runs.py SCENARIO`; heldout30.py starts it through the
auditor's proxy (`auditor capture --sinkhole '*'`) with the environment `auditor launch` gives a
program, so nothing leaves the machine.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tests.label.corpus.sdk_runs import CORPUS_VALUES

MEETING_ID = CORPUS_VALUES["meeting_id"]
HOST_NAME = CORPUS_VALUES["name"]
HOST_EMAIL = CORPUS_VALUES["email"]
# The outside participant: the candidate the corpus user interviews.
CANDIDATE_NAME = "Kwabena Mensah"
CANDIDATE_FIRST, CANDIDATE_LAST = CANDIDATE_NAME.split()
CANDIDATE_EMAIL = "kwabena.mensah@akosombo-hydro-example.com"
CANDIDATE_PHONE = "+233245550143"
TOPIC = "Senior Hydrologist final-round interview"
ROLE = "Senior Hydrologist (flood forecasting)"
JOIN_URL = f"https://meet.acme-meetings.example/j/{MEETING_ID}"
FEEDBACK = (
    f"Scorecard, {TOPIC}: {CANDIDATE_NAME} walked through his ensemble flood-forecast model "
    f"for the lower Volta clearly; strong on hydraulic modelling, weaker on stakeholder "
    f"reporting. Recommendation: hire. Interviewer: {HOST_NAME}."
)
START = dt.datetime(2026, 12, 9, 14, 0, tzinfo=dt.UTC)
END = dt.datetime(2026, 12, 9, 15, 0, tzinfo=dt.UTC)


def _quietly(what: str, call: Callable[[], object]) -> None:
    """The sinkhole answers 204 with no body: SDKs that expect JSON raise after sending."""
    try:
        call()
    except Exception as err:
        print(f"{what}: {type(err).__name__}: {err}", file=sys.stderr)


def run_merge() -> None:
    """mergepythonclient (Merge's official Python SDK), ATS category: the interview tool adds the
    candidate, schedules the interview with its interviewer and conferencing link, logs the
    interviewer's feedback as a note activity and moves the application to the next stage
    (README: Merge(api_key, account_token), client.ats.candidates.create,
    ats.interviews.create, ats.activities.create, ats.applications.change_stage_create)."""
    from merge import Merge
    from merge.resources.ats import (
        ActivityRequest,
        CandidateRequest,
        EmailAddressRequest,
        PhoneNumberRequest,
        ScheduledInterviewRequest,
    )

    client = Merge(api_key="h30MergeProdKey4f8a2c6e1b9d3f7a", account_token="h30AcctTok7c1e5a9b")
    once = {"max_retries": 0}
    recruiter_user = "3f6b1c2a-h30u-4e8d-9a7f-0b2c4d6e8f10"
    application = "92e4d1f7-h30a-4c3b-8e5a-7d9f1b3c5e21"
    _quietly(
        "candidate",
        lambda: client.ats.candidates.create(
            model=CandidateRequest(
                first_name=CANDIDATE_FIRST,
                last_name=CANDIDATE_LAST,
                title=ROLE,
                can_email=True,
                email_addresses=[
                    EmailAddressRequest(value=CANDIDATE_EMAIL, email_address_type="PERSONAL")
                ],
                phone_numbers=[
                    PhoneNumberRequest(value=CANDIDATE_PHONE, phone_number_type="MOBILE")
                ],
                tags=["video-interview"],
            ),
            remote_user_id="rec-1042",
            request_options=once,
        ),
    )
    _quietly(
        "interview",
        lambda: client.ats.interviews.create(
            model=ScheduledInterviewRequest(
                application=application,
                organizer=recruiter_user,
                interviewers=[recruiter_user],
                location=JOIN_URL,
                start_at=START,
                end_at=END,
                status="SCHEDULED",
            ),
            remote_user_id="rec-1042",
            request_options=once,
        ),
    )
    _quietly(
        "feedback note",
        lambda: client.ats.activities.create(
            model=ActivityRequest(
                user=recruiter_user,
                activity_type="NOTE",
                subject=f"Feedback: {TOPIC}",
                body=FEEDBACK,
                visibility="PRIVATE",
                candidate="c7a2e9d4-h30c-4b1f-8d6e-2a4c6e8a0b13",
            ),
            remote_user_id="rec-1042",
            request_options=once,
        ),
    )
    _quietly(
        "stage",
        lambda: client.ats.applications.change_stage_create(
            id=application,
            job_interview_stage="5d8f2b6a-h30s-4a9c-8b1e-4f6a8c0e2d35",
            remote_user_id="rec-1042",
            request_options=once,
        ),
    )


def run_kombo() -> None:
    """kombo (Kombo's official Python SDK): the interview tool adds the candidate with her
    application to the job, adds the interviewer's scorecard as a note on the application, moves
    the application to the offer stage and looks the interviewer up in the connected HRIS by
    work e-mail (README: Kombo(api_key, integration_id), kombo.ats.create_candidate,
    ats.add_application_note, ats.move_application_to_stage, hris.get_employees)."""
    from kombo import Kombo

    kombo = Kombo(api_key="h30KomboApiKey2e9b5d1f7a3c", integration_id="greenhouse:H30xQ7mZ2pLk9v")
    application_id = "8Jx2h30aQp4TnV"
    _quietly(
        "candidate",
        lambda: kombo.ats.create_candidate(
            candidate={
                "first_name": CANDIDATE_FIRST,
                "last_name": CANDIDATE_LAST,
                "email_address": CANDIDATE_EMAIL,
                "phone_number": CANDIDATE_PHONE,
                "title": "Hydrologist",
                "location": {"country": "GH", "city": "Accra"},
            },
            application={"job_id": "H30jobHydro7", "stage_id": "H30stageScreen"},
            source={"name": "Acme Meetings video interview"},
        ),
    )
    _quietly(
        "note",
        lambda: kombo.ats.add_application_note(
            application_id=application_id, content=FEEDBACK, content_type="PLAIN_TEXT"
        ),
    )
    _quietly(
        "stage",
        lambda: kombo.ats.move_application_to_stage(
            application_id=application_id, stage_id="H30stageOffer"
        ),
    )
    _quietly(
        "interviewer",
        lambda: next(iter(kombo.hris.get_employees(work_emails=[HOST_EMAIL], page_size=1)), None),
    )


def run_finch() -> None:
    """finch-api (Finch's official Python SDK), HRIS: the interview tool lists the company
    directory to find the interviewer, then reads her individual and employment records in
    batches (README: Finch(access_token), client.hris.directory.list,
    hris.individuals.retrieve_many, hris.employments.retrieve_many)."""
    from finch import Finch

    client = Finch(access_token="h30FinchAccessTok3b7d1f5a9c", max_retries=0)
    interviewer = "0a1b2c3d-h30i-4e5f-8a7b-9c0d1e2f3a4b"
    _quietly("directory", lambda: client.hris.directory.list(limit=50, offset=0))
    _quietly(
        "individual",
        lambda: client.hris.individuals.retrieve_many(
            requests=[{"individual_id": interviewer}],
            options={"include": ["emails", "phone_numbers"]},
        ),
    )
    _quietly(
        "employment",
        lambda: client.hris.employments.retrieve_many(requests=[{"individual_id": interviewer}]),
    )


def run_bamboohr() -> None:
    """PyBambooHR (the widely used Python wrapper of BambooHR's API): the interview tool checks
    who is out in the interview week and the interviewer's time-off requests, and after the
    offer adds the hired candidate as an employee and sets his job (README:
    PyBambooHR(subdomain, api_key), get_whos_out, get_time_off_requests, add_employee,
    update_employee)."""
    from PyBambooHR.PyBambooHR import PyBambooHR

    bamboo = PyBambooHR(
        subdomain="acmemeetings", api_key="h30bamboo9e3a7c1f5b2d8e4a6c0f", timeout=10
    )
    _quietly("directory", bamboo.get_employee_directory)
    _quietly(
        "whos out", lambda: bamboo.get_whos_out(start_date="2026-12-07", end_date="2026-12-11")
    )
    _quietly(
        "time off",
        lambda: bamboo.get_time_off_requests(
            start_date="2026-12-01", end_date="2026-12-31", status="approved", employee_id="117"
        ),
    )
    _quietly(
        "employee",
        lambda: bamboo.add_employee(
            {
                "firstName": CANDIDATE_FIRST,
                "lastName": CANDIDATE_LAST,
                "homeEmail": CANDIDATE_EMAIL,
                "mobilePhone": CANDIDATE_PHONE,
                "hireDate": "2027-01-11",
            }
        ),
    )
    _quietly(
        "job",
        lambda: bamboo.update_employee(
            "412",
            {
                "jobTitle": ROLE,
                "department": "Water Resources",
                "supervisor": HOST_NAME,
                "workEmail": "kwabena.mensah@acme-meetings.example",
            },
        ),
    )


SCENARIOS: dict[str, Callable[[], None]] = {
    "merge-py": run_merge,
    "kombo-py": run_kombo,
    "finch-py": run_finch,
    "bamboohr-py": run_bamboohr,
}


if __name__ == "__main__":
    SCENARIOS[sys.argv[1]]()
