"""User ids on heldout25's identifier classes (issue 15au), by class, each with the cases it
must not match: the keys of an access map keyed by users (`usersAccesses: {"alice.corpus":
[...]}`) are user ids, a map keyed by groups, roles, features or locales is not; a note's or
comment's `author` named by a real name is a display name (user id and name, as a message's
sender), a bot's or app's name or a published work's author credit is no user id; an
`external_id` beside a document's body names the document, on a person's record it stays the
person's id."""

from __future__ import annotations

from typing import Any

import pytest

from auditor.label import Labeller
from tests.label.test_issue15an_names_user_ids import categories

UID = "identifiers.user_id"
NAME = "contact_info.name"
URL = "https://api.collab-board.example.com/v2/rooms"


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


# --- user ids as the keys of an access map ------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        {"id": "board-1", "usersAccesses": {"alice.corpus": ["room:write"], "rangi.parata": []}},
        {"doc": "d-9", "userAccess": {"u_48213": "editor"}},
        {"permissionsByUser": {"rangi.parata": ["read", "comment"]}},
    ],
)
def test_an_access_maps_user_keys_are_user_ids(labeller: Labeller, body: Any) -> None:
    assert UID in categories(labeller, URL, body)


@pytest.mark.parametrize(
    "body",
    [
        {"id": "board-1", "groupsAccesses": {"engineering": ["room:write"]}},
        {"id": "board-1", "rolesAccesses": {"admin": ["room:write"], "viewer": ["room:read"]}},
        {"features": {"dark-mode": True}, "locales": {"en-NZ": {"title": "Board"}}},
        {"id": "board-1", "usersAccesses": {}},
    ],
)
def test_maps_keyed_by_groups_roles_features_or_locales_carry_no_user_id(
    labeller: Labeller, body: Any
) -> None:
    assert UID not in categories(labeller, URL, body)


# --- a note's author named by a real name -------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        {"stickies": [{"text": "Pallet logs missing", "author": "Rangi Parata", "x": 120}]},
        {"comment": {"body": "Agreed, ship it", "author": "Mahlet Gebremedhin"}},
    ],
)
def test_a_notes_author_named_by_full_name_is_user_id_and_name(
    labeller: Labeller, body: Any
) -> None:
    found = categories(labeller, URL, body)
    assert {UID, NAME} <= found


@pytest.mark.parametrize(
    "body",
    [
        {"comment": {"body": "Build passed", "author": "Zapier Bot"}},
        {"comment": {"body": "Deploy finished", "author": "Deploy Assistant"}},
        {"name": "left-pad", "version": "1.3.0", "author": "Azer Koculu", "license": "MIT"},
        {"title": "The Pragmatic Programmer", "isbn": "9780135957059", "author": "Dave Thomas"},
    ],
)
def test_a_bots_or_a_published_works_author_is_no_user_id(labeller: Labeller, body: Any) -> None:
    assert UID not in categories(labeller, URL, body)


# --- external_id of a document ------------------------------------------------------------------


def test_a_documents_external_id_is_no_user_id(labeller: Labeller) -> None:
    body = {
        "name": "Action plan: export review",
        "html": "<h1>Export review</h1><p>Agreed today.</p>",
        "external_id": "mtg-85512345678-action-plan",
    }
    assert UID not in categories(labeller, "https://api.sign.example.com/templates/html", body)


@pytest.mark.parametrize(
    "body",
    [
        {"name": "Rangi Parata", "email": "rangi@kaimai.example.com", "external_id": "cust-4821"},
        {"external_id": "rangi.parata", "plan": "pro"},
        {"contact": {"external_id": "crm-55102", "first_name": "Rangi"}},
    ],
)
def test_a_persons_external_id_stays_a_user_id(labeller: Labeller, body: Any) -> None:
    assert UID in categories(labeller, "https://api.crm.example.com/v1/contacts", body)
