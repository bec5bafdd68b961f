"""The redactor's fast paths (issue 13ac) against what they stand for: each test fails if the
shortcut let through a value the plain way catches."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from auditor.export.redact import Pseudonymizer, Redactor, _LiteralIndex
from auditor.label.findings import Findings
from auditor.records import REDACTED
from tests.tflow import tflow, treq


def _names_by_regex(names: set[str], text: str) -> set[tuple[int, str]]:
    """What `_LiteralIndex` found for names before the Aho-Corasick scan: each name searched
    by its own regex, kept where a digit or `_` touches it."""
    out = set()
    for name in names:
        for match in re.finditer(rf"(?<![A-Za-z]){re.escape(name)}(?![A-Za-z])", text):
            first, last = match.span()
            before = text[first - 1] if first else " "
            after = text[last] if last < len(text) else " "
            if re.match(r"[0-9_]", before) or re.match(r"[0-9_]", after):
                out.add((first, name))
    return out


_NAMES = ["Ingrid", "Ingrid Solheim", "ab ab", "Jo", "Solheim"]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from([*_NAMES, "ab", " ", "_", "9", "x", "0_", "-", "Ingrids", "é"]), max_size=14
    ).map("".join)
)
# A name that overlaps itself: the regex does not look inside an occurrence it took.
@example("ab ab ab_")
@example("xab ab ab_")
def test_names_found_by_one_scan_are_those_each_names_regex_finds(text: str) -> None:
    index = _LiteralIndex()
    for name in _NAMES:
        index.add(name)
    assert set(index._names_touched(text)) == _names_by_regex(set(_NAMES), text)


def test_a_name_learned_after_a_search_is_found_by_the_next() -> None:
    """The names' automaton is made again when a name is added: one learned between two
    records is replaced in the second."""
    redactor = Redactor(Pseudonymizer(b"k" * 32), use_labeller=False)
    redactor.learn(Findings(identifiers={"Mateo"}))
    assert "Mateo" not in redactor.redact_text("cont_c0r14Mateo0001")
    redactor.learn(Findings(identifiers={"Ingrid"}))
    out = redactor.redact_text("cont_c0r14Ingrid0001 and Mateo_2")
    assert "Ingrid" not in out and "Mateo" not in out, out
    # Precision: inside a longer word it is another word.
    assert redactor.redact_text("Ingrids_1 xIngrid_2") == "Ingrids_1 xIngrid_2"


def test_a_url_path_is_not_answered_from_before_a_secret_was_learned() -> None:
    """A record's URL and its path share one redaction of the path; a secret learned between
    two redactions of the same path is removed from the second."""
    redactor = Redactor(Pseudonymizer(b"k" * 32), use_labeller=False)
    path = "/v1/hooks/sk9Q2xLmP4vR7tZ0/events"
    assert redactor.redact_path(path) == path
    redactor.add_secret("sk9Q2xLmP4vR7tZ0")
    assert "sk9Q2xLmP4vR7tZ0" not in redactor.redact_path(path)
    assert "sk9Q2xLmP4vR7tZ0" not in redactor.redact_url(f"https://api.example.com{path}")
    # an identifier learned in between too (non-ASCII segments are searched where they sit)
    other = "/v1/users/Zoë-4471-Hansen/ping"
    assert redactor.redact_path(other) == other
    redactor.learn(Findings(identifiers={"Zoë-4471-Hansen"}))
    assert "Zoë-4471-Hansen" not in redactor.redact_path(other)


def test_a_record_with_a_secret_in_its_url_path_loses_it_in_url_and_path() -> None:
    secret = "tok_8HqZ3mVw2Lx9Rk4P"
    record = tflow(req=treq(f"https://hooks.example.com/inputs/{secret}/send?x=1"))
    redactor = Redactor(Pseudonymizer(b"k" * 32), use_labeller=False)
    redactor.add_secret(secret)
    out = redactor.redact_record(record)
    assert out.request is not None
    assert secret not in out.request.url and secret not in out.request.path
    assert "redacted" in out.request.path and out.request.url.endswith(out.request.path)


def test_a_number_that_is_a_learned_secret_is_removed_under_any_key_every_time() -> None:
    """Numbers, true, false and null under keys the vocabulary says nothing of are kept without
    a call each once the key is known plain; a number that is a credential learned as text
    (a numeric PIN, an account key) is still removed, the first time and the next."""
    redactor = Redactor(Pseudonymizer(b"k" * 32), use_labeller=False)
    redactor.add_secret("98765432")
    body = {"event": {"n": 98765432, "m": 12345678, "flag": True, "none": None, "f": 1.5}}
    for _ in range(3):
        out = redactor.redact_json(body)
        assert out == {
            "event": {"n": REDACTED, "m": 12345678, "flag": True, "none": None, "f": 1.5}
        }
