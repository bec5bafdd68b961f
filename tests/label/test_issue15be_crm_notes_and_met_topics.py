"""What a meeting backend writes into a CRM about the person it met (issue 15be, from heldout28's
misses; tests/label/corpus/README.md, heldout28's "Fixed since (issue 15be)"). By class, none by
vendor, host or topic; the topics and guests below are invented, none is a corpus set's.

- meeting_metadata: a contact's description "Met in <topic>" ("<company>; met in <topic>
  (<number>)") and a message's "thanks for today's call on <topic>." "Met in" precedes a city or
  a trade fair as often, so the topic counts with the meeting's number beside it, a kind of
  meeting as its last word, or as a sentence-case phrase of three or more content words whose
  first word is no place.
- chat: a note or comment added to a CRM record through an RPC-style method path
  (`/notes.create`, `/crm.timeline.comment.add.json`), the record named by its type beside its
  id (issue 15p's note on a record); a task's description, a call activity's description and a
  contact's remarks are not.
- contact_info.name: a full name as the person a task's instruction reaches ("Send X Y the
  revised quote", "Call X Y about …"); with a listed given name first, or a second cue.
"""

from __future__ import annotations

from typing import Any

import pytest

from auditor.label import Labeller
from auditor.label.meeting_text import met_topics_in_text
from auditor.label.prose import _name_lists, names_in_text
from tests.label.fixture_labels import categories

MEETING = "meeting_metadata"
CHAT = "customer_content.chat"
NAME = "contact_info.name"


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


# -- "met in <topic>", "today's call on <topic>" ----------------------------------------------


@pytest.mark.parametrize(
    ("url", "body"),
    [
        (
            "https://crm.example.org/api/v1/contacts",
            {"name": "Ines Carvalho", "description": "Met in Harbour crane telemetry rollout"},
        ),
        (
            "https://crm.example.org/api/v1/contacts",
            {"remarks": "Atlantic Docks Ltd; met in Harbour crane telemetry rollout"},
        ),
        (
            "https://crm.example.org/rest/contact.add.json",
            {"fields": {"SOURCE_DESCRIPTION": "Met in Crane lease (85512345678)"}},
        ),
        ("https://crm.example.org/api/v1/contacts", {"notes": "Met in Q3 berth planning review."}),
        (
            "https://chat.example.org/v1/agent/send_event",
            {
                "chat_id": "C1",
                "event": {
                    "type": "message",
                    "text": "Hi Ines, thanks for today's call on Harbour crane telemetry "
                    "rollout. I will send the figures.",
                },
            },
        ),
    ],
)
def test_a_topic_where_a_person_was_met_is_meeting_metadata(
    labeller: Labeller, url: str, body: Any
) -> None:
    assert MEETING in categories(labeller, url, body)


@pytest.mark.parametrize(
    "text",
    [
        "Met in Berlin.",
        "Met in Munich head office",  # a city first
        "Met in Berlin last year",
        "Met in Hannover at the trade fair",
        "Met in Web Summit Lisbon",  # a fair's name, title case
        "Met in New York City",
        "met in person at the expo",
        "Acme; met in Paris during VivaTech",
        "He met in secret with the board members",
        "Thanks for our call on Monday morning.",
        "Thanks for the call on Google Meet.",
        "Thanks for the call on pricing.",  # one word: no title
    ],
)
def test_a_place_a_fair_or_a_time_after_met_in_is_no_topic(text: str) -> None:
    assert met_topics_in_text(text) == []


@pytest.mark.parametrize(
    "body",
    [
        {"name": "Ines Carvalho", "description": "Met in Hannover at the trade fair"},
        {"name": "Ines Carvalho", "description": "Atlantic Docks Ltd; met in Munich head office"},
    ],
)
def test_a_contact_met_in_a_place_has_no_meeting(labeller: Labeller, body: Any) -> None:
    assert MEETING not in categories(labeller, "https://crm.example.org/api/v1/contacts", body)


# -- a note added to a CRM record through a method path -----------------------------------------

NOTE = "Crane lease: the harbour wants the pilot priced per crane; we send the quote Friday."


@pytest.mark.parametrize(
    ("url", "body"),
    [
        (
            "https://crm.example.org/rest/3/k3y/crm.timeline.comment.add.json",
            {"fields": {"ENTITY_ID": 901, "ENTITY_TYPE": "contact", "COMMENT": NOTE}},
        ),
        (
            "https://api.crm.example.eu/notes.create",
            {"subject": {"type": "contact", "id": "a1b2"}, "content": NOTE},
        ),
        (
            "https://api.crm.example.eu/notes.add",
            {"subject": {"type": "deal", "id": "a1b2"}, "text": NOTE},
        ),
    ],
)
def test_a_note_added_to_a_crm_record_by_method_is_chat(
    labeller: Labeller, url: str, body: Any
) -> None:
    assert CHAT in categories(labeller, url, body)


@pytest.mark.parametrize(
    ("url", "body"),
    [
        # a task's description
        (
            "https://api.crm.example.eu/tasks.create",
            {"title": "Quote", "description": NOTE, "customer": {"type": "contact", "id": "a1"}},
        ),
        # a call activity's description (part of that record, issue 15p)
        (
            "https://crm.example.org/rest/3/k3y/crm.activity.add.json",
            {"fields": {"OWNER_TYPE_ID": 3, "OWNER_ID": 901, "TYPE_ID": 2, "DESCRIPTION": NOTE}},
        ),
        # a contact's remarks
        ("https://api.crm.example.eu/contacts.add", {"first_name": "Ines", "remarks": NOTE}),
        # a comment on no CRM record (an invoice)
        (
            "https://api.crm.example.eu/comments.create",
            {"subject": {"type": "invoice", "id": "a1b2"}, "content": NOTE},
        ),
    ],
)
def test_other_records_text_is_no_note(labeller: Labeller, url: str, body: Any) -> None:
    assert CHAT not in categories(labeller, url, body)


# -- a full name an instruction reaches ----------------------------------------------------------


def test_the_invented_family_names_are_in_no_list() -> None:
    given, family = _name_lists()
    assert "ines" in given or "aigerim" in given
    for word in ("Oskenbayeva", "Tserendorj", "Bolormaa"):
        assert word.casefold() not in given and word.casefold() not in family


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Send Aigerim Oskenbayeva the revised quote", "Aigerim Oskenbayeva"),
        ("Call Aigerim Oskenbayeva about the crane lease", "Aigerim Oskenbayeva"),
        ("Send the signed lease to Aigerim Oskenbayeva", "Aigerim Oskenbayeva"),
        ("Send Bolormaa Tserendorj her lot records", "Bolormaa Tserendorj"),  # with a pronoun
    ],
)
def test_a_full_name_an_instruction_reaches_is_a_name(text: str, name: str) -> None:
    assert name in names_in_text(text)


@pytest.mark.parametrize(
    "text",
    [
        "Send Acme Corp the invoice",
        "Send the invoice to Acme Corp",
        "Call Deutsche Bahn about the refund",
        "Send Jordan Airlines the invoice",
        "Send the deck to Gobi Herders",
        "Send Google Meet link",
        "Send Windows Update logs",
        "Invite Alice Springs Council",
    ],
)
def test_a_company_or_product_an_instruction_reaches_is_no_name(text: str) -> None:
    assert names_in_text(text) == []


def test_a_task_title_naming_its_person_is_labelled(labeller: Labeller) -> None:
    body = {"title": "Send Aigerim Oskenbayeva the revised quote", "due_on": "2026-12-11"}
    assert NAME in categories(labeller, "https://api.crm.example.eu/tasks.create", body)
    company = {"title": "Send Acme Corp the revised quote", "due_on": "2026-12-11"}
    assert NAME not in categories(labeller, "https://api.crm.example.eu/tasks.create", company)
