"""Places people name in what they write, and full names in short list items (issue 15g, from
the heldout11 and sdk10 dev sets: `dialling in from Berlin` in a comment, a speech job's custom
vocabulary `word_boost: ['Priya Raman', …]`)."""

from __future__ import annotations

from typing import Any

import pytest

from auditor.label import Labeller
from auditor.label.findings import FieldFinder
from auditor.label.prose import places_in_text
from auditor.label.rules import flow_from_fixture

COARSE = "location.coarse"
NAME = "contact_info.name"
API = "https://api.worktool.test"


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


def categories(labeller: Labeller, url: str, body: Any) -> set[str]:
    fixture: dict[str, Any] = {"rule": "x", "url": url, "method": "POST", "headers": []}
    fixture["body"] = body
    result = labeller.label(flow_from_fixture(fixture))
    for lab in result.labels:
        assert lab.evidence, lab.category
    return set(result.categories())


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("Lukas Brandt: I'll take this, dialling in from Berlin tomorrow.", ["Berlin"]),
        ("I'm based in Zürich, so mornings work best.", ["Zürich"]),
        ("Joining from Zurich today", ["Zurich"]),
        ("We met near Frankfurt am Main last week.", ["Frankfurt am Main"]),
        ("Sent from São Paulo.", ["São Paulo"]),
        ("In Berlin an hour later than planned", ["Berlin"]),
        ("the team in Germany and the one in Tokyo", ["Germany", "Tokyo"]),
    ],
)
def test_a_place_named_after_a_preposition(text: str, places: list[str]) -> None:
    assert places_in_text(text) == places


@pytest.mark.parametrize(
    "text",
    [
        # cities that are also words or given names
        "I live in Reading and commute.",
        "Works fine in Mobile, not on desktop.",
        "The weather in Nice is great",
        "A note from Florence about the slides",
        "Thanks, a note from Sydney: see the deck",
        # software and longer capitalised names
        "error in Ajax request handler",
        "talk at Jakarta EE conference",
        "drinks in Paris Hilton lobby",
        "rebuilt in Phoenix with LiveView",
        # domains, paths, ids, time zones, no preposition
        "mail me at berlin.example.com",
        "open /in Berlin/x",
        "time_zone Europe/Berlin",
        "Berlin office notes",
        "a London-based team",
        "works in Chrome on Windows",
    ],
)
def test_not_a_place(text: str) -> None:
    assert places_in_text(text) == []


def test_a_comment_naming_a_city_is_coarse_location(labeller: Labeller) -> None:
    body = {"body": "Lukas Brandt: I'll take this, dialling in from Berlin tomorrow."}
    assert COARSE in categories(labeller, API + "/api/comments", body)
    body = {"body": "Lukas Brandt: I'll take this, dialling in from home tomorrow."}
    assert COARSE not in categories(labeller, API + "/api/comments", body)
    # a place in a header's text is not what a person wrote
    record = flow_from_fixture(
        {
            "rule": "x",
            "url": API + "/api/ping",
            "method": "GET",
            "headers": [["X-Note", "dialling in from Berlin today"]],
        }
    )
    assert COARSE not in set(labeller.label(record).categories())


def test_redaction_keeps_a_place_in_prose() -> None:
    """A coarse place is not an identifier: redaction leaves the comment as it is."""
    text = "dialling in from Berlin tomorrow, agenda attached."
    record = flow_from_fixture(
        {
            "rule": "x",
            "url": API + "/api/comments",
            "method": "POST",
            "headers": [],
            "body": {"body": text},
        }
    )
    findings = FieldFinder().find(record)
    assert "Berlin" not in findings.identifiers


@pytest.mark.parametrize(
    "body",
    [
        {"word_boost": ["Priya Raman", "Northwind", "roadmap"]},
        {"additional_vocab": [{"content": "Priya Raman"}, {"content": "Northwind"}]},
        {"custom_vocabulary": ["Lukas Brandt"]},
    ],
)
def test_a_full_name_in_a_short_list_item(labeller: Labeller, body: Any) -> None:
    assert NAME in categories(labeller, API + "/v2/transcript", body)


@pytest.mark.parametrize(
    "body",
    [
        {"word_boost": ["Northwind", "Quarterly Roadmap", "Victoria Station"]},
        {"additional_vocab": [{"content": "Chase Bank"}, {"content": "Will Retry"}]},
        {"keywords": ["Grant Access", "Max Price", "Lukas"]},
    ],
)
def test_not_a_full_name_in_a_short_list_item(labeller: Labeller, body: Any) -> None:
    assert NAME not in categories(labeller, API + "/v2/transcript", body)


@pytest.mark.parametrize(
    "body",
    [
        {"location": {"name": "Berlin", "country": "DE"}},
        {"address": {"name": "Berlin", "type": "office"}},
    ],
)
def test_a_name_under_a_place_key_is_a_place(labeller: Labeller, body: Any) -> None:
    assert COARSE in categories(labeller, API + "/api/events", body)


@pytest.mark.parametrize(
    "body",
    [
        # an e-mail address object (a mail recipient): its name is the address's owner
        {"recipients": [{"address": {"email": "priya@example.com", "name": "Priya Raman"}}]},
        {"recipients": [{"address": {"name": "Priya Raman", "email": "priya@example.com"}}]},
        {"from": {"address": {"name": "Alice Example", "email": "alice@example.com"}}},
    ],
)
def test_the_name_of_an_email_address_is_no_place(labeller: Labeller, body: Any) -> None:
    found = categories(labeller, API + "/api/v1/transmissions", body)
    assert COARSE not in found
    assert "contact_info.email" in found
