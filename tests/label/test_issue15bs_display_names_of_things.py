"""A display name that names a thing is no person's (issue 15bs, heldout38): a key qualified
by a thing (`room_display_name`, `channelDisplayName`, `app_display_name`) or a display name
in a record that is a room or a call (beside `max_members`, `record_on_start`, a dial-out's
`answerUrl`): the room's title (the meeting's topic) or a caller id's brand ("Acme Meet"): no
user id, no name. Must not: a participant's `display_name` in a join body, a profile's
`displayName`, a chat message's sender, an organiser's display name keep their user id (and
name)."""

from __future__ import annotations

import pytest

from auditor.label import Labeller
from tests.label.fixture_labels import categories

UID = "identifiers.user_id"
NAME = "contact_info.name"
JSON = [("Content-Type", "application/json")]


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


@pytest.mark.parametrize(
    ("url", "body"),
    [
        ("https://video.cpaas-example.com/api/video/room_tokens",
         {"room_name": "meeting-123", "room_display_name": "Quarterly kiln review",
          "permissions": ["room.self.audio_mute"]}),
        ("https://chat.example.org/api/channels",
         {"channelDisplayName": "Kiln Review Team", "private": True}),
        ("https://api.example.org/v1/installs", {"app_display_name": "Kiln Notes", "scopes": "read"}),
        ("https://video.cpaas-example.com/api/video/rooms",
         {"name": "meeting-123", "display_name": "Quarterly kiln review (85500001111)",
          "max_members": 8, "record_on_start": True}),
        ("https://voice.cpaas-example.com/api/v2/accounts/991/calls",
         {"to": "+4741500000", "from": "+15125550100", "displayName": "Kiln Meet",
          "answerUrl": "https://meet.example.org/pstn/answer?meeting=855"}),
    ],
)  # fmt: skip
def test_a_display_name_of_a_thing_is_no_user_id(
    labeller: Labeller, url: str, body: dict[str, object]
) -> None:
    labels = categories(labeller, url, body, headers=JSON)
    assert UID not in labels
    assert NAME not in labels


@pytest.mark.parametrize(
    ("url", "body"),
    [
        ("https://video.cpaas-example.com/api/rooms/meeting-123/join",
         {"room_name": "meeting-123", "display_name": "Mahlet Gebremedhin"}),
        ("https://api.example.org/v1/me", {"displayName": "Mahlet Gebremedhin", "locale": "en"}),
        ("https://chat.example.org/api/messages",
         {"text": "see you at ten", "sender": {"displayName": "Mahlet Gebremedhin"}}),
        ("https://api.example.org/v1/events",
         {"subject": "Kiln review", "organizerDisplayName": "Mahlet Gebremedhin"}),
        ("https://video.cpaas-example.com/api/video/rooms/meeting-123/members",
         {"participants": [{"display_name": "Mahlet Gebremedhin", "role": "guest"}],
          "max_members": 8}),
    ],
)  # fmt: skip
def test_a_persons_display_name_stays_a_user_id(
    labeller: Labeller, url: str, body: dict[str, object]
) -> None:
    assert UID in categories(labeller, url, body, headers=JSON)
