"""A credential under any `…token` key (issue 15bh; heldout31's web-service `wstoken`, in the
query and in form bodies): the redactor's defence in depth already removed every `…token`
value; the labeller now says it is a credential too, so that what it knows and what redaction
removes agree. Cursors, counts and words under token keys are none."""

from __future__ import annotations

from typing import Any

import pytest

from auditor.label import Labeller
from tests.label.fixture_labels import categories

CRED = "credentials"
LMS = "https://lms.example.org/webservice/rest/server.php"
OPAQUE = "h9c2e7a4f1b8d3e6a5c0f9b2d7e4a1c8"


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


@pytest.mark.parametrize(
    ("url", "body"),
    [
        (f"{LMS}?wstoken={OPAQUE}&wsfunction=core_user_get_users", None),
        (LMS, f"wstoken={OPAQUE}&wsfunction=enrol_manual_enrol_users"),
        ("https://api.example.org/v1/items", {"gateway_token": "Gx7Qp2Lm9Vz4Rt8Kw3Hd"}),
    ],
)
def test_a_credential_under_a_token_key(labeller: Labeller, url: str, body: Any) -> None:
    assert CRED in categories(labeller, url, body, method="POST" if body else "GET")


@pytest.mark.parametrize(
    "body",
    [
        {"nextPageToken": "CAoQAA7Gx9Qp2Lm9Vz4Rt8Kw3Hd"},  # a cursor
        {"continuation_token": "eyJwYWdlIjoyfQ7Rt8Kw3Hd"},
        {"max_tokens": 1024},  # a count
        {"prompt_token": 17},
        {"token_type": "bearer"},  # a word
        {"auth_scheme_token": "none"},
    ],
)
def test_no_credential_under_a_token_key(labeller: Labeller, body: Any) -> None:
    assert CRED not in categories(labeller, "https://api.example.org/v1/items", body)
