"""Text a person writes to others, and the meeting's topic inside it (issue 15bi, from heldout31's
chat and meeting_metadata misses and heldout28's and heldout29's topics left; tests/label/corpus/
README.md, heldout31's "Fixed since (issue 15bi)"). By class, none by vendor, host or topic; the
topics, people and hosts below are invented, none is a corpus set's.

- chat: a comment's, reply's, post's or message's text under a compound key (`comment[text_
  comment]`, `message_text`) where its plain `text` would be chat; a message a person sends into
  a conversation (an inbox's `POST /conversations` with recipients and a subject: no delivery
  service's send); an entry, post or reply in a discussion or forum; feedback a person leaves on
  another's graded work (a submission, an assignment, a grade). Not: feedback to a product (an
  NPS comment), a form's submission, a transactional e-mail, a discussion's title.
- meeting_metadata: the topic inside such text (and a note on a record), named after a
  preposition as a title of three or more words whose last word names a kind of meeting ("Graded
  after <topic> live lab:", "the recording of <topic> review is …"), or as the heading a note
  opens with ("<sentence-case topic>: <notes>"); a booking's or request's title ("Consultation
  request: <topic> consultation"). Not a medium ("the Google Meet call"), a place, a customer's
  name or a one-word heading, an error line, "Feature request: …".
"""

from __future__ import annotations

from typing import Any

import pytest

from auditor.label import Labeller
from auditor.label.meeting_text import cue_title_topic, topics_in_written_text
from tests.label.fixture_labels import categories

CHAT = "customer_content.chat"
MEETING = "meeting_metadata"
FORM = [("Content-Type", "application/x-www-form-urlencoded")]


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


def _labels(labeller: Labeller, url: str, body: Any, method: str = "POST") -> set[str]:
    headers = FORM if isinstance(body, str) else None
    return categories(labeller, url, body, method=method, headers=headers)


# -- chat: person-written text by its key, its record and its path -----------------------------


@pytest.mark.parametrize(
    ("url", "body", "method"),
    [
        # a teacher's comment on a graded submission under a compound key
        (
            "https://lms.example.org/api/v1/courses/81/assignments/12/submissions/4410",
            "submission%5Bposted_grade%5D=91&comment%5Btext_comment%5D=Clear+derivation+of+the+"
            "settlement+curve%3B+check+units+in+part+b.",
            "PUT",
        ),
        (
            "https://crm.example.org/api/records/77",
            {"comment": {"comment_text": "Spoke with Noor, she will send the signed form today."}},
            "PATCH",
        ),
        (
            "https://support.example.org/api/v2/tickets/19",
            {"comment": {"reply_body": "Hi Noor, the export keeps your notes; ping me if not."}},
            "PUT",
        ),
        # an inbox message into a conversation, with recipients and a subject
        (
            "https://lms.example.org/api/v1/conversations",
            "recipients%5B%5D=4410&subject=Slides+for+Thursday&body=Hi+Noor%2C+the+slides+are+"
            "up%3B+bring+your+questions+on+Thursday.",
            "POST",
        ),
        (
            "https://support.example.org/api/conversations",
            {
                "recipients": ["u_4410"],
                "subject": "Your question",
                "body": "Hi Noor, yes: the export keeps your notes. Ping me if it does not.",
            },
            "POST",
        ),
        # a discussion's entry and a forum's post
        (
            "https://lms.example.org/api/v1/courses/81/discussion_topics/6/entries",
            "message=Thanks+all+for+the+worked+examples+today%2C+see+you+next+week.",
            "POST",
        ),
        (
            "https://community.example.org/forums/general/topics",
            {"title": "Export question", "content": "Has anyone exported notes to PDF yet?"},
            "POST",
        ),
        # feedback on a person's graded work
        (
            "https://lms.example.org/d2l/api/le/1.7/900/dropbox/folders/41/feedback/user/4410",
            {
                "Score": 8,
                "Feedback": {"Text": "Good structure; cite the second source.", "Type": "Text"},
            },
            "POST",
        ),
        (
            "https://school.example.org/api/grades/31/values/4410",
            {"feedback": {"content": "Well argued, but the conclusion is rushed."}},
            "PUT",
        ),
    ],
)
def test_text_a_person_writes_to_others_is_chat(
    labeller: Labeller, url: str, body: Any, method: str
) -> None:
    assert CHAT in _labels(labeller, url, body, method)


@pytest.mark.parametrize(
    ("url", "body"),
    [
        # feedback to the product: an NPS comment, a form's submission, a trace's feedback
        (
            "https://app.example.org/v1/feedback",
            {"score": 9, "feedback": {"text": "Great app, the exports are really useful."}},
        ),
        (
            "https://forms.example.org/api/forms/f_81/submissions",
            {"feedback": {"text": "The room was too warm, otherwise fine."}},
        ),
        (
            "https://llm.example.org/api/traces/t_81/feedback",
            {"value": 1, "feedback": {"text": "The summary missed the action items."}},
        ),
        # a delivery service's transactional e-mail (recipients, subject, text)
        (
            "https://mail.example.org/v3/mail/send",
            {
                "to": ["noor@example.org"],
                "subject": "Your receipt",
                "text": "Thanks for your order.",
            },
        ),
        # a discussion's title alone, a grade alone, a submission's comment count
        (
            "https://lms.example.org/api/v1/courses/81/discussion_topics",
            {"title": "Week 3 readings", "published": True},
        ),
        (
            "https://lms.example.org/api/v1/courses/81/assignments/12/submissions/4410",
            "submission%5Bposted_grade%5D=91",
        ),
        # a product's description and an error's message on a graded-work path
        (
            "https://lms.example.org/api/v1/assignments/12",
            {"description": "Write a two-page essay on soil consolidation."},
        ),
    ],
)
def test_product_form_and_service_text_is_no_chat(labeller: Labeller, url: str, body: Any) -> None:
    assert CHAT not in _labels(labeller, url, body)


# -- the meeting's topic inside person-written text --------------------------------------------


@pytest.mark.parametrize(
    ("url", "body"),
    [
        (
            "https://lms.example.org/api/v1/courses/81/assignments/12/submissions/4410",
            "comment%5Btext_comment%5D=Graded+after+Soil+Mechanics+310%3A+Consolidation+live+lab%3A"
            "+clear+derivation%3B+check+units+in+part+b.",
        ),
        (
            "https://chat.example.org/api/v1/conversations/c_19/messages",
            {"text": "Hi Noor, the recording of Marine robotics design review is now on the page."},
        ),
        (
            "https://lms.example.org/d2l/api/le/1.7/900/dropbox/folders/41/feedback/user/4410",
            {
                "Feedback": {
                    "Text": "Report for Tidal Energy 204: Turbine Siting seminar: good maps."
                }
            },
        ),
        # a note on a record opening with the meeting's topic as its heading
        (
            "https://crm.example.org/notes.create",
            {
                "subject": {"type": "contact", "id": "c_19"},
                "content": "Harbour crane telemetry rollout: Ines wants the sensors priced per "
                "crane; send the quote by Friday.",
            },
        ),
        # a customer's note and a contact form's subject
        (
            "https://pay.example.org/v2/customers",
            {
                "given_name": "Noor",
                "note": "Applicant for Tidal barrage environmental consultation",
            },
        ),
        (
            "https://forms.example.org/f/k81",
            {
                "email": "noor@example.org",
                "subject": "Consultation request: Tidal barrage environmental consultation",
            },
        ),
    ],
)
def test_a_topic_inside_written_text_is_meeting_metadata(
    labeller: Labeller, url: str, body: Any
) -> None:
    assert MEETING in _labels(labeller, url, body)


@pytest.mark.parametrize(
    ("url", "body"),
    [
        (
            "https://chat.example.org/api/v1/conversations/c_19/messages",
            {"text": "Looks good, merged after the code review."},
        ),
        (
            "https://chat.example.org/api/v1/conversations/c_19/messages",
            {"text": "Thanks for the call on Google Meet call today."},
        ),
        (
            "https://crm.example.org/notes.create",
            {
                "subject": {"type": "contact", "id": "c_19"},
                "content": "Pricing: they want 10% off.",
            },
        ),
        (
            "https://crm.example.org/notes.create",
            {
                "subject": {"type": "contact", "id": "c_19"},
                "content": "Atlantic Docks Ltd: renewal due next month.",
            },
        ),
        (
            "https://pay.example.org/v2/customers",
            {"given_name": "Noor", "note": "Applicant for Senior backend engineer role"},
        ),
        (
            "https://forms.example.org/f/k81",
            {
                "email": "noor@example.org",
                "subject": "Feature request: Dark mode for the review page",
            },
        ),
    ],
)
def test_text_without_a_meeting_topic_earns_no_meeting_metadata(
    labeller: Labeller, url: str, body: Any
) -> None:
    assert MEETING not in _labels(labeller, url, body)


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        (
            "Graded after Soil Mechanics 310: Consolidation live lab: well done.",
            "Soil Mechanics 310: Consolidation live lab",
        ),
        (
            "Notes for Harbour Logistics quarterly planning review: see below.",
            "Harbour Logistics quarterly planning review",
        ),
        (
            "Harbour crane telemetry rollout: Ines wants the sensors priced.",
            "Harbour crane telemetry rollout",
        ),
        ("See you in the Weekly Product Roadmap sync tomorrow.", "Weekly Product Roadmap sync"),
    ],
)
def test_topics_in_written_text(text: str, topic: str) -> None:
    assert topics_in_written_text(text) == [topic]


@pytest.mark.parametrize(
    "text",
    [
        "Pricing: they want 10% off.",
        "Acme Corp: renewal next month.",
        "Customer wants discount: he said so.",
        "Screen share failed: retry later.",
        "Next steps for the rollout: ship it.",
        "We met at Web Summit Lisbon conference.",
        "I joined the Zoom call from Berlin.",
        "see you after the Monday review",
        "Thanks for the call on Google Meet call today.",
        "Applicant for Senior backend engineer role",
    ],
)
def test_no_topic_in_written_text(text: str) -> None:
    assert topics_in_written_text(text) == []


def test_a_request_title_names_a_meeting_only_by_its_kind() -> None:
    assert cue_title_topic("Booking confirmed: Harbour crane design review") == (
        "Harbour crane design review",
        True,
    )
    assert cue_title_topic("Feature request: Dark mode for the review page") is None
    assert cue_title_topic("Refund request: Order 4410 for the blue kettle") is None


# -- a calendar's event written through a web-service call (heldout31's product_usage fp) -------

USAGE = "service_generated.product_usage"


@pytest.mark.parametrize(
    ("url", "body"),
    [
        (
            "https://lms.example.org/webservice/rest/server.php",
            "events%5B0%5D%5Bname%5D=Week+3+lab&events%5B0%5D%5Beventtype%5D=course&events%5B0%5D"
            "%5Btimestart%5D=1796914800&wsfunction=core_calendar_create_calendar_events",
        ),
        (
            "https://rpc.example.org/api",
            {"method": "calendar.event.add", "event_type": "meeting", "name": "Week 3 lab"},
        ),
    ],
)
def test_a_calendar_write_through_an_rpc_call_is_no_product_usage(
    labeller: Labeller, url: str, body: Any
) -> None:
    assert USAGE not in _labels(labeller, url, body)


@pytest.mark.parametrize(
    ("url", "body"),
    [
        (
            "https://stats.example.org/v1/capture",
            {"event": "calendar_event_created", "method": "track", "properties": {"view": "week"}},
        ),
        (
            "https://rpc.example.org/api",
            {"method": "calendar.event.list", "event_type": "meeting_joined"},
        ),
    ],
)
def test_a_tracked_calendar_action_stays_product_usage(
    labeller: Labeller, url: str, body: Any
) -> None:
    assert USAGE in _labels(labeller, url, body)
