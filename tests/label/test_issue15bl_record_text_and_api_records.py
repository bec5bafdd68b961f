"""Text a person writes under its record's own key, the topic inside it, and records written
through a platform's API that are no product usage (issue 15bl, from heldout32's and
heldout33's misses; tests/label/corpus/README.md, their "Fixed since (issue 15bl)"). By class,
none by vendor, host or topic; the topics, people and hosts below are invented, none is a
corpus set's.

- chat (extending issue 15bi's person-written text): a forum post's `raw` on a posts or topics
  endpoint; a `comment` on an item's comment endpoint (`/<item>_comment`); a host's note to an
  invitee (`invitationMessage` anywhere, `custom_message` on an invitation endpoint); a FHIR
  Communication's `payload[].contentString`; an entry logged on an incident's timeline
  (`/incidents/<id>/events {event}`, issue 15m's incident notes). Not: `raw` elsewhere, a
  `custom_message` of a notification template, an analytics `event`, `contentString` outside a
  payload.
- meeting_metadata: the session an invitee is registered for or invited to, named in such a
  note; an event's title marked "(live online)" or "(webinar)". Not a plan, a product or a
  place after "registered for", no bare "(online)" or "(live)".
- product_usage, not: an event created on an event platform (its start under `event`, its
  description among a bodyless POST's query fields), one event's tickets or check-ins, an
  incident's timeline. Still: a tracked event posted to an events collector.
"""

from __future__ import annotations

from typing import Any

import pytest

from auditor.label import Labeller
from auditor.label.meeting_text import cue_title_topic, topics_in_written_text
from tests.label.fixture_labels import categories

CHAT = "customer_content.chat"
MEETING = "meeting_metadata"
USAGE = "service_generated.product_usage"
FORM = [("Content-Type", "application/x-www-form-urlencoded")]


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


def _labels(labeller: Labeller, url: str, body: Any, method: str = "POST") -> set[str]:
    headers = FORM if isinstance(body, str) else None
    return categories(labeller, url, body, method=method, headers=headers)


# -- chat: text under its record's own key ------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "body"),
    [
        # a forum reply and a new topic, their markdown under `raw`
        (
            "https://forum.example.org/posts.json",
            "topic_id=512&raw=Thanks+for+the+write-up%21+Does+the+export+keep+the+tags+too%3F",
        ),
        (
            "https://forum.example.org/posts",
            {"title": "Welcome thread", "raw": "Say hello below and tell us what you grow."},
        ),
        # a comment on one event, every field in the query of a bodyless POST
        (
            "https://api.example.org/2/event_comment?event_id=81&comment=Is+there+parking+near+"
            "the+hall%3F+I+am+bringing+two+friends.",
            None,
        ),
        # the inviter's own words to the invitee
        (
            "https://api.example.org/graphql",
            {
                "query": "mutation Invite($input: InviteInput!) { invite(input: $input) { id } }",
                "variables": {
                    "input": {
                        "invitationMessage": "Hi Noor, come and join our reading circle, "
                        "we start the new book next week."
                    }
                },
            },
        ),
        (
            "https://forum.example.org/invites",
            "email=noor%40example.org&custom_message=Hi+Noor%2C+glad+you+can+join+us%3B+say+hi+"
            "in+the+welcome+thread.",
        ),
        # a message between clinician and patient (FHIR Communication)
        (
            "https://fhir.example.org/R4/Communication",
            {
                "resourceType": "Communication",
                "payload": [
                    {"contentString": "Your results are back and look fine, see you then."}
                ],
            },
        ),
        # an engineer's note on an incident's timeline
        (
            "https://api.example.org/v1/incidents/7f3a-22/events",
            {"data": {"attributes": {"event": "Rolled back the config; watching the queue now."}}},
        ),
    ],
)
def test_text_under_its_records_own_key_is_chat(labeller: Labeller, url: str, body: Any) -> None:
    assert CHAT in _labels(labeller, url, body)


@pytest.mark.parametrize(
    ("url", "body"),
    [
        # `raw` that is no post (a raw payload, a raw config)
        ("https://api.example.org/v1/imports", {"raw": "Rows were imported in two batches today."}),
        # a notification template's message, no invitation
        (
            "https://api.example.org/v1/notification_templates",
            {"custom_message": "Your order has shipped and will arrive in two days."},
        ),
        # an analytics event, not an incident's timeline
        (
            "https://collect.example.org/v1/events",
            {"event": "Checkout Completed", "properties": {"plan": "pro"}},
        ),
        # a `comment` beside a product's rating, no comment endpoint
        (
            "https://api.example.org/v1/ratings",
            {"score": 4, "comment": "The export is slow with large files today."},
        ),
        # a `contentString` outside a payload (an attachment's title)
        (
            "https://fhir.example.org/R4/DocumentReference",
            {"description": {"contentString": "Scanned referral letter from the clinic."}},
        ),
    ],
)
def test_such_keys_elsewhere_are_no_chat(labeller: Labeller, url: str, body: Any) -> None:
    assert CHAT not in _labels(labeller, url, body)


# -- meeting_metadata: the session registered for, a live online title --------------------------


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        (
            'Hi Noor, you are registered for the live session "Coastal dune planting basics". '
            "See you there.",
            "Coastal dune planting basics",
        ),
        (
            "Kia ora Noor, you are registered for Coastal dune planting basics: slides for the "
            "session follow.",
            "Coastal dune planting basics",
        ),
        ("You were invited to the webinar Urban beehive care basics.", "Urban beehive care basics"),
    ],
)
def test_the_session_an_invitee_is_registered_for_is_its_topic(text: str, topic: str) -> None:
    assert topic in topics_in_written_text(text)


@pytest.mark.parametrize(
    "text",
    [
        "You are registered for the newsletter.",
        "You are registered for Pro plan billing updates.",  # no session spoken of
        "You were invited to Acme Corp by Noor for the live call.",
        "I booked for Berlin next week, see you at the session.",
    ],
)
def test_no_topic_without_a_session_title(text: str) -> None:
    assert topics_in_written_text(text) == []


def test_an_invitation_note_naming_its_session_gives_chat_and_the_topic(
    labeller: Labeller,
) -> None:
    labels = _labels(
        labeller,
        "https://community.example.org/invites",
        "email=noor%40example.org&custom_message=Hi+Noor%2C+you+are+registered+for+Coastal+"
        "dune+planting+basics%3A+questions+for+the+session+go+in+the+forum.",
    )
    assert {CHAT, MEETING} <= labels


@pytest.mark.parametrize(
    ("title", "topic"),
    [
        ("Coastal dune planting basics (live online)", "Coastal dune planting basics"),
        ("Urban beehive care basics (webinar)", "Urban beehive care basics"),
    ],
)
def test_a_title_marked_as_a_live_online_session_names_its_topic(title: str, topic: str) -> None:
    assert cue_title_topic(title) == (topic, True)


@pytest.mark.parametrize(
    "title",
    ["Bank transfer payment (online)", "Payments service status (live)", "Acme Cloud Suite (live)"],
)
def test_no_topic_from_a_bare_online_or_live_suffix(title: str) -> None:
    assert cue_title_topic(title) is None


def test_a_renamed_event_title_is_meeting_metadata(labeller: Labeller) -> None:
    labels = _labels(
        labeller,
        "https://api.example.org/v3/acme/dune-planting",
        {"event": {"title": "Coastal dune planting basics (live online)"}},
        method="PATCH",
    )
    assert MEETING in labels


# -- product usage: records written through a platform's API -----------------------------------


@pytest.mark.parametrize(
    ("url", "body"),
    [
        # an event created on an event platform, its start under `event`
        (
            "https://api.example.org/v3/organizations/5521/events/",
            {
                "event": {
                    "name": {"html": "Dune planting"},
                    "start": {"utc": "2027-02-01T05:00:00Z"},
                }
            },
        ),
        # ... or its fields in a bodyless POST's query
        (
            "https://api.example.org/dune-volunteers/events?name=Dune+planting&description=An+"
            "evening+of+planting+on+the+north+beach.&time=1799902800000",
            None,
        ),
        # a ticket's check-in under one event
        ("https://api.example.org/v1/events/66a1f0c2/tickets/66a3b9e0/check-in", None),
        # an entry on an incident's timeline
        (
            "https://api.example.org/v1/incidents/7f3a-22/events",
            {"data": {"attributes": {"event": "Rolled back the config; watching the queue."}}},
        ),
    ],
)
def test_records_written_through_an_api_are_no_product_usage(
    labeller: Labeller, url: str, body: Any
) -> None:
    assert USAGE not in _labels(labeller, url, body)


@pytest.mark.parametrize(
    ("url", "body"),
    [
        ("https://collect.example.org/v1/events", {"event": "Meeting Joined", "userId": "u1"}),
        ("https://collect.example.org/api/track", {"event": "Recording Started"}),
        ("https://collect.example.org/v2/events/batch", {"events": [{"event": "Chat Opened"}]}),
    ],
)
def test_tracked_events_stay_product_usage(labeller: Labeller, url: str, body: Any) -> None:
    assert USAGE in _labels(labeller, url, body)
