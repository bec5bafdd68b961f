"""The language in the parameters of a command envelope whose command names content processing
(`{command: "calling.live_transcribe", params: {…, lang: "en-US"}}` on `/api/calling/calls`;
issue 15bq, heldout38) is the content's language, a parameter of the processing: no locale
(issue 15aq's convention). Must not: a command that processes no content (`calling.dial`,
`settings.update`) keeps its language as locale, and so does a person's own record inside a
processing command (`user: {lang}`)."""

from __future__ import annotations

import pytest

from auditor.label import Labeller
from tests.label.fixture_labels import categories

LOCALE = "device_info.locale"
URL = "https://space.cpaas-example.com/api/calling/calls"
JSON = [("Content-Type", "application/json")]


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


@pytest.mark.parametrize(
    "body",
    [
        {"command": "calling.live_transcribe",
         "params": {"action": {"start": {"lang": "en-US", "direction": ["local-caller"]}}}},
        {"method": "translateText", "params": {"text": "Hallo", "language": "de"}},
        {"command": "speech.synthesize", "params": {"voice": "v1", "lang": "nb-NO"}},
    ],
)  # fmt: skip
def test_the_language_of_a_processing_command_is_no_locale(
    labeller: Labeller, body: dict[str, object]
) -> None:
    assert LOCALE not in categories(labeller, URL, body, headers=JSON)


@pytest.mark.parametrize(
    "body",
    [
        {"command": "calling.dial", "params": {"lang": "en-US", "to": "sip:room@example.org"}},
        {"method": "settings.update", "params": {"language": "de-DE"}},
        {"command": "calling.live_transcribe", "params": {"user": {"lang": "en-US"}}},
    ],
)  # fmt: skip
def test_a_language_beside_no_processing_command_stays_locale(
    labeller: Labeller, body: dict[str, object]
) -> None:
    assert LOCALE in categories(labeller, URL, body, headers=JSON)
