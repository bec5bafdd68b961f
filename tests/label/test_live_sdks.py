"""Real SDKs run through the real proxy, and the labels the product stores for what they sent.

`auditor capture --sinkhole '*'` runs on a throwaway data dir; PyPI SDKs (sdk_runs.py) and npm
SDKs (corpus/npm/*.js, installed by `make setup`) are started with `auditor launch`'s environment
and send to the vendors' real ingest hosts, answered inside the proxy. The flows are taken out
with `auditor export jsonl --no-redact` and must carry the corpus labels and entity: the corpus
test scores stored recordings, this one proves that what today's installed SDKs send still goes
through capture, decode and label the same way. Nothing leaves the machine.

A missing Node.js or `npm ci` fails these tests: run `make setup` (scripts/setup-system.sh
installs Node.js).
"""

from __future__ import annotations

import shutil
from typing import Any

import pytest

from tests.label.corpus import generate, heldout2, heldout3, heldout4

# The browser SDKs of the issue-15 held-out sets (dev data since they were scored); posthog-js is
# left out here: the sinkhole's 204 makes it retry for half a minute.
ISSUE_15_BROWSER = [
    (name, expectations)
    for name, expectations in heldout2.BROWSER2_SCENARIOS + heldout3.SCENARIOS + heldout4.SCENARIOS
    if name != "posthog-browser"
]
PYTHON = [name for name, _ in generate.SDK_SCENARIOS]
NPM = [name for name, _ in generate.NPM_SCENARIOS]
BROWSER = [
    name
    for name, _ in generate.DEV_BROWSER_SCENARIOS + generate.BROWSER_SCENARIOS + ISSUE_15_BROWSER
]
EXPECTATIONS = dict(
    generate.SDK_SCENARIOS
    + generate.NPM_SCENARIOS
    + generate.DEV_BROWSER_SCENARIOS
    + generate.BROWSER_SCENARIOS
    + ISSUE_15_BROWSER
)


@pytest.fixture(scope="module")
def stored() -> dict[str, list[dict[str, Any]]]:
    if shutil.which("node") is None:
        pytest.fail("node is not installed: run scripts/setup-system.sh (make setup)")
    return generate.record_sdk_runs(
        [(name, EXPECTATIONS[name]) for name in PYTHON],
        [(name, EXPECTATIONS[name]) for name in NPM],
        [(name, EXPECTATIONS[name]) for name in BROWSER],
    )


@pytest.mark.parametrize("scenario", PYTHON + NPM + BROWSER)
def test_stored_sdk_flows_get_the_corpus_labels(
    stored: dict[str, list[dict[str, Any]]], scenario: str
) -> None:
    pairs = generate.match_flows(scenario, stored.get(scenario, []), EXPECTATIONS[scenario])
    for flow, expectation in pairs:
        note, expected = expectation.note, set(expectation.expected)
        assert flow["sinkholed"], "answered inside the proxy, never sent"
        # Chromium overwrites its environment block, so only `auditor launch` (which registers
        # the program it starts) can tag its flows; the recorder starts Chromium itself.
        if scenario not in BROWSER:
            assert flow["process"]["launch_tag"] == f"corpus:{scenario}"
        got = {label["category"] for label in flow["labels"]}
        if expectation.followups:
            assert got <= expected, f"{note}: extra {got - expected}"
        else:
            assert got == expected, f"{note}: missing {expected - got}, extra {got - expected}"
        assert all(label["evidence"] for label in flow["labels"])
        assert (flow["entity"]["name"] or "") == expectation.entity, note
