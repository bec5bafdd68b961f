"""Shapes of data from the heldout18 dev set (issue 15ae, tests/label/corpus/heldout18.jsonl), by
class, each with the cases it must not match: a room peer's `name` beside metadata naming the
person (`{name, metadata: {email, userId}}`, the metadata a JSON string or an object) is the
person's name (a speech job's vocabulary listing a full name whose family name no licensed list
holds is left: a listed given name before any capitalised word would read "Victoria Station" as
a name, which tests/label/test_places_and_vocabulary_in_prose.py guards against); a peer's `role` in a meeting's room is meeting metadata,
a workspace member's role is not; a cloud region's code (`region: "eu"`) in an object naming no
other place is no location, while beside a city or a country it stays one."""

from __future__ import annotations

import json
from typing import Any

import pytest

from auditor.label import Labeller
from auditor.label.rules import flow_from_fixture

NAME = "contact_info.name"
MEETING = "meeting_metadata"
COARSE = "location.coarse"
JSON = "application/json"
PEER_URL = "https://api.example.test/v2/active-rooms/6571r18/peers/peer-7c2e"
GUEST = {"email": "thandiwe.mokoena@karoo-water-example.co.za", "userId": "thandiwe.mokoena"}


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


def categories(labeller: Labeller, body: Any, *, url: str = PEER_URL) -> set[str]:
    fixture: dict[str, Any] = {
        "rule": "x",
        "url": url,
        "headers": [("Content-Type", JSON)],
        "body": body,
    }
    result = labeller.label(flow_from_fixture(fixture))
    for lab in result.labels:
        assert lab.evidence, lab.category
    return set(result.categories())


# --- a room peer's name ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "metadata",
    [json.dumps(GUEST), GUEST, {"email": GUEST["email"]}],
)
def test_a_peers_name_beside_metadata_naming_the_person_is_a_name(
    labeller: Labeller, metadata: object
) -> None:
    assert NAME in categories(labeller, {"name": "Thandiwe Mokoena", "metadata": metadata})


@pytest.mark.parametrize(
    "body",
    [
        # the metadata names no person (a room's settings), or the name is a room's
        {"name": "Thandiwe Mokoena", "metadata": json.dumps({"layout": "grid"})},
        {"name": "desalination-review", "metadata": json.dumps(GUEST)},
        {"name": "Board Room", "metadata": {"owner": "facilities", "floor": 3}},
    ],
)
def test_a_name_beside_metadata_naming_no_person_is_none(
    labeller: Labeller, body: dict[str, Any]
) -> None:
    assert NAME not in categories(labeller, body)


# --- a peer's role in a meeting's room ----------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "body"),
    [
        (PEER_URL, {"name": "T M", "metadata": json.dumps({**GUEST, "role": "guest"})}),
        (
            "https://api.example.test/v1/rooms/r-81/participants",
            {"email": GUEST["email"], "role": "presenter"},
        ),
    ],
)
def test_a_peers_role_in_a_room_is_meeting_metadata(
    labeller: Labeller, url: str, body: dict[str, Any]
) -> None:
    assert MEETING in categories(labeller, body, url=url)


@pytest.mark.parametrize(
    ("url", "body"),
    [
        # a workspace's member or invitation, an admin's role, a role with no person beside it
        ("https://api.example.test/v1/workspaces/w-3/members", {**GUEST, "role": "guest"}),
        ("https://api.example.test/v1/rooms/r-81/participants", {**GUEST, "role": "admin"}),
        ("https://api.example.test/v1/rooms/r-81/participants", {"role": "guest"}),
        ("https://api.example.test/v1/chat/completions", {"role": "user", "content": "hi"}),
    ],
)
def test_a_role_outside_a_meeting_room_is_no_meeting_metadata(
    labeller: Labeller, url: str, body: dict[str, Any]
) -> None:
    assert MEETING not in categories(labeller, body, url=url)


# --- a cloud region ----------------------------------------------------------------------------


ROOM_URL = "https://api.example.test/v2/rooms"


@pytest.mark.parametrize(
    "body",
    [
        {"name": "standup", "template_id": "6571tmpl0a4c", "region": "eu"},
        {"tenant": {"slug": "acme", "region": "us"}},
    ],
)
def test_a_cloud_regions_code_is_no_location(labeller: Labeller, body: dict[str, Any]) -> None:
    assert COARSE not in categories(labeller, body, url=ROOM_URL)


@pytest.mark.parametrize(
    "body",
    [
        # a profile's address: the region beside a city or a country stays a place
        {"address": {"city": "Berlin", "region": "eu"}},
        {"profile": {"country": "DE", "region": "eu"}},
        # a region's name is a place
        {"name": "standup", "region": "Bavaria"},
    ],
)
def test_a_region_in_an_address_or_by_name_stays_a_place(
    labeller: Labeller, body: dict[str, Any]
) -> None:
    assert COARSE in categories(labeller, body, url="https://api.example.test/v1/profile")
