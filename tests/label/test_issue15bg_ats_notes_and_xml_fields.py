"""What an interview tool's backend writes into recruiting and HR systems (issue 15bg, from
heldout30's misses; tests/label/corpus/README.md, heldout30's "Fixed since (issue 15bg)"). By
class, none by vendor, host or topic; the topics and people below are invented, none is a
corpus set's.

- chat: an interviewer's scorecard or feedback logged as a note on a candidate or an
  application: an activity typed NOTE naming its record by a key (`candidate`, `contact_id`),
  (new: `conventions.note_typed_activity`), or a note posted to a record's notes resource
  (`/applications/<id>/notes`, already chat before; kept as a guard); issue 15p's note on a
  record. A call activity's description, a task's, a candidate's own summary and a job's
  description are not.
- meeting_metadata: a meeting's topic heading an assessment of it ("Feedback: <topic>",
  "Scorecard, <topic>: …"), the topic's last word a kind of meeting (15az's list, "interview"
  among them); not feedback on a page, a feature or an order.
- contact_info.name: a first and a last name in an XML field list (`<field id="firstName">`),
  which the decoder now keys as JSON members (tests/decode/test_xml_field_lists.py).
"""

from __future__ import annotations

from typing import Any

import pytest

from auditor.label import Labeller
from auditor.label.meeting_text import MEETING_KIND_NOUNS, feedback_topics_in_text
from tests.label.fixture_labels import categories

MEETING = "meeting_metadata"
CHAT = "customer_content.chat"
NAME = "contact_info.name"

TOPIC = "Tidal barrage engineer panel interview"
SCORECARD = "Clear on sediment transport, weaker on the budget questions. Recommendation: advance."


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


# -- an interviewer's scorecard as a note on a candidate or an application ---------------------


@pytest.mark.parametrize(
    ("url", "body"),
    [
        (
            "https://ats.example.org/api/ats/v1/activities",
            {
                "model": {
                    "user": "u_77aa",
                    "activity_type": "NOTE",
                    "subject": "Panel notes",
                    "body": SCORECARD,
                    "candidate": "cand_41",
                }
            },
        ),
        (
            "https://recruit.example.org/v2/activities",
            {"type": "note", "text": SCORECARD, "candidate_id": "cand_41"},
        ),
        (
            "https://ats.example.org/v1/ats/applications/app_93/notes",
            {"content": SCORECARD, "content_type": "PLAIN_TEXT"},
        ),
        ("https://ats.example.org/v1/candidates/cand_41/notes", {"body": SCORECARD}),
    ],
)
def test_a_scorecard_logged_on_a_candidate_or_application_is_chat(
    labeller: Labeller, url: str, body: Any
) -> None:
    assert CHAT in categories(labeller, url, body)


@pytest.mark.parametrize(
    ("url", "body"),
    [
        # a call activity's description (part of that record, issue 15p)
        (
            "https://ats.example.org/api/ats/v1/activities",
            {"model": {"activity_type": "CALL", "body": SCORECARD, "candidate": "cand_41"}},
        ),
        # an e-mail activity
        (
            "https://ats.example.org/api/ats/v1/activities",
            {"model": {"activity_type": "EMAIL", "body": SCORECARD, "candidate": "cand_41"}},
        ),
        # a task's description
        (
            "https://ats.example.org/api/ats/v1/tasks",
            {"type": "note", "description": SCORECARD, "candidate": "cand_41"},
        ),
        # a candidate's own summary
        (
            "https://ats.example.org/api/ats/v1/candidates",
            {"first_name": "Tamsin", "summary": SCORECARD, "content": SCORECARD},
        ),
        # a job's description
        ("https://ats.example.org/v1/jobs", {"title": "Engineer", "description": SCORECARD}),
        # a note activity naming no record
        ("https://ats.example.org/api/ats/v1/activities", {"type": "note", "body": SCORECARD}),
    ],
)
def test_other_records_text_is_no_note(labeller: Labeller, url: str, body: Any) -> None:
    assert CHAT not in categories(labeller, url, body)


# -- the meeting's topic heading the feedback -----------------------------------------------------


def test_interview_is_a_kind_of_meeting() -> None:
    assert "interview" in MEETING_KIND_NOUNS


@pytest.mark.parametrize(
    "text",
    [
        f"Feedback: {TOPIC}",
        f"Scorecard, {TOPIC}: {SCORECARD}",
        f"Interview feedback on {TOPIC}: {SCORECARD}",
        f"Debrief notes - {TOPIC}\n{SCORECARD}",
    ],
)
def test_a_meeting_heading_its_feedback_is_its_topic(text: str) -> None:
    assert feedback_topics_in_text(text) == [TOPIC]


@pytest.mark.parametrize(
    "text",
    [
        "Feedback: the pricing page is confusing",
        "Feedback: Checkout page redesign",  # no kind of meeting
        "Feedback: Great call, thanks",
        "Feedback: Good call",  # two words: no title
        "Scorecard: 4/5",
        f"Notes: {TOPIC}",  # no feedback cue (a bare "Notes:" is 15at's)
        f"Our feedback on {TOPIC} follows",  # not a heading
    ],
)
def test_feedback_on_anything_else_names_no_meeting(text: str) -> None:
    assert feedback_topics_in_text(text) == []


@pytest.mark.parametrize(
    ("url", "body"),
    [
        (
            "https://ats.example.org/api/ats/v1/activities",
            {
                "model": {
                    "activity_type": "NOTE",
                    "subject": f"Feedback: {TOPIC}",
                    "body": SCORECARD,
                    "candidate": "cand_41",
                }
            },
        ),
        (
            "https://ats.example.org/v1/ats/applications/app_93/notes",
            {"content": f"Scorecard, {TOPIC}: {SCORECARD}"},
        ),
    ],
)
def test_feedback_headed_by_an_interview_is_meeting_metadata(
    labeller: Labeller, url: str, body: Any
) -> None:
    assert MEETING in categories(labeller, url, body)


def test_feedback_on_a_page_is_no_meeting(labeller: Labeller) -> None:
    body = {"subject": "Feedback: Checkout page redesign", "body": "The button is hard to find."}
    assert MEETING not in categories(labeller, "https://app.example.org/v1/feedback", body)


# -- a name in an XML field list ------------------------------------------------------------------


def xml_categories(labeller: Labeller, fields: dict[str, str]) -> set[str]:
    body = "<employee>" + "".join(f'<field id="{k}">{v}</field>' for k, v in fields.items())
    return categories(labeller, "https://hr.example.org/v1/employees/", body + "</employee>")


def test_first_and_last_name_fields_of_an_xml_list_are_a_name(labeller: Labeller) -> None:
    got = xml_categories(
        labeller, {"firstName": "Tamsin", "lastName": "Oduya", "hireDate": "2027-02-01"}
    )
    assert NAME in got


def test_other_fields_of_an_xml_list_are_no_name(labeller: Labeller) -> None:
    got = xml_categories(
        labeller,
        {"jobTitle": "Senior Engineer", "department": "Water Resources", "hireDate": "2027-02-01"},
    )
    assert NAME not in got
