"""A random token as a collection's item in the URL path of a request that carries no other
credential (issue 15bq; heldout38, tests/label/corpus/): a video room's access key
(`/rooms/<key>/messages`) or a guest's token (`/guests/<token>`) is then what authorises the
call, a credential, which the redactor removes (with or without the labeller's findings:
`vocabulary.path_secret(bare_request=True)` answers both). Must not: the same token on a request
that carries a credential (`Authorization`, a key header, a cookie, `?access_token=`) is a
record's id; a readable name, a number, a UUID, a content hash or a composite id under a
collection is none either."""

from __future__ import annotations

from typing import Any

import pytest

from auditor.export.redact import Pseudonymizer, Redactor
from auditor.label import Labeller
from auditor.vocabulary import path_secret, request_has_credential
from tests.label.fixture_labels import categories
from tests.tflow import tflow, treq, tresp

CRED = "credentials"
ROOM_KEY = "Qm7Rt2Wx9Kp4Lz8Nv3"
GUEST_TOKEN = "Gv4Ht8Jm2Rq6Ws3Yb"


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


def _redacted_url(url: str, headers: list[tuple[str, str]], *, use_labeller: bool) -> str:
    redactor = Redactor(Pseudonymizer(b"k" * 32), use_labeller=use_labeller)
    record = tflow(id="0" * 32, req=treq(url, method="POST", headers=headers), resp=tresp(204))
    out = redactor.redact_record(record)
    assert out.request is not None
    return out.request.url + " " + out.request.path


BARE = [
    f"https://api.video-example.com/rooms/{ROOM_KEY}/messages?type=chat&content=Hi",
    f"https://api.video-example.com/rooms/{ROOM_KEY}/layers?insert%5Btitle%5D=Weekly",
    f"https://api.video-example.com/guests/{GUEST_TOKEN}?name=Ann%20Example",
    f"https://meet.example.org/v2/invitations/{GUEST_TOKEN}/accept",
]


@pytest.mark.parametrize("url", BARE)
@pytest.mark.parametrize("use_labeller", [True, False])
def test_a_token_item_on_a_request_with_no_other_credential_is_one(
    labeller: Labeller, url: str, use_labeller: bool
) -> None:
    assert CRED in categories(labeller, url, None)
    token = ROOM_KEY if ROOM_KEY in url else GUEST_TOKEN
    assert token not in _redacted_url(url, [], use_labeller=use_labeller)


@pytest.mark.parametrize(
    "headers",
    [
        [("Authorization", "h38ApiKeyZx9Cv7Bn3Mq")],
        [("Authorization", "Bearer abc.def.ghi")],
        [("X-Api-Key", "k-77aa11bb22cc")],
        [("Cookie", "sid=Zk3q9WmX2pL7vR4t")],
    ],
)
def test_the_same_token_on_a_request_with_a_credential_is_a_record_id(
    headers: list[tuple[str, str]],
) -> None:
    url = f"https://api.video-example.com/rooms/{ROOM_KEY}/messages?type=chat&content=Hi"
    # nothing in the path is a key: the header authorises the call
    assert request_has_credential([name for name, _ in headers], ["type", "content"])
    assert ROOM_KEY in _redacted_url(url, headers, use_labeller=False)


def test_a_secret_query_parameter_is_the_other_credential() -> None:
    url = f"https://api.video-example.com/rooms/{ROOM_KEY}/messages?access_token=tok"
    assert request_has_credential([], ["access_token"])
    assert ROOM_KEY in _redacted_url(url, [], use_labeller=False)
    assert not request_has_credential(["User-Agent", "Accept"], ["type", "content", "name"])


@pytest.mark.parametrize(
    "previous, segment",
    [
        ("rooms", "meeting-85512345678"),  # a room's readable name
        ("rooms", "SalmonPenHandover"),  # a name in camel case
        ("rooms", "WeeklyStandupRoom2024"),
        ("rooms", "85512345678"),  # a number
        ("rooms", "3f1c2a9e-8b7d-4c6e-9f0a-1b2c3d4e5f6a"),  # a record's UUID
        ("files", "9f86d081884c7d659a2feaa0c55ad015"),  # a content hash
        ("files", "9F86D081884C7D659A2FEAA0C55AD015"),
        ("rooms", "Room12345678Ab"),  # short, and a number inside
        ("meetings", "Ab85512345678Cd"),  # a composite id with a number inside
        ("videos", "dQw4w9WgXcQ"),  # an 11-character video id
        ("rooms", "quarterly-review-q3"),  # a slug
        ("v2", "Qm7Rt2Wx9Kp4Lz8Nv3"),  # no collection before it
    ],
)
def test_no_key_without_a_token_item(previous: str, segment: str) -> None:
    assert not path_secret(previous, segment, bare_request=True)


@pytest.mark.parametrize(
    "url, body",
    [
        # readable room names and record ids on requests with no credential
        ("https://api.video-example.com/rooms/meeting-85512345678/messages?type=chat", None),
        ("https://api.video-example.com/rooms/SalmonPenHandover/join", None),
        ("https://cdn.example.org/files/9f86d081884c7d659a2feaa0c55ad015", None),
        ("https://api.video-example.com/rooms/85512345678", {"status": "open"}),
    ],
)
def test_no_credential_label_for_names_and_ids(labeller: Labeller, url: str, body: Any) -> None:
    assert CRED not in categories(labeller, url, body)


def test_a_record_id_on_an_authorised_request_is_kept_with_the_labeller() -> None:
    # the labeller finds the Bearer token, not the room's id, as the secret of this call
    url = f"https://api.video-example.com/rooms/{ROOM_KEY}/messages?type=chat&content=Hi"
    headers = [("Authorization", "Bearer Zk3q9WmX2pL7vR4tQ8")]
    out = _redacted_url(url, headers, use_labeller=True)
    assert ROOM_KEY in out
