"""The known-value search's automaton is a DFA for a few hundred forms (issue 15bn): it must
find what the library's own choice (a contiguous NFA above 100 patterns) finds."""

from __future__ import annotations

import ahocorasick_rs

from auditor.label.known_values import MAX_DFA_FORMS, KnownValues
from tests.label.test_detector_plans import _corpus_flows

_VALUES = {
    "hostname": "corpus-host-01",
    "username": "alice.corpus",
    "email": "alice.example@example.com",
    "name": "Alice Example",
    "meeting_id": "85512345678",
    "mac": "3c:22:fb:12:34:56",
    "local_ip": "192.168.1.23",
}


def test_the_dfa_finds_what_the_librarys_automaton_finds_in_every_corpus_string() -> None:
    known = KnownValues.from_mapping(_VALUES)
    assert 100 < len(known._sensitive) <= MAX_DFA_FORMS  # the library would pick an NFA
    texts = [
        fld.value
        for fields, *_ in _corpus_flows()
        for fld in fields
        if isinstance(fld.value, str) and fld.value
    ]
    # and the forms themselves inside text, so that every pattern is found somewhere
    texts.extend(f"x {form} y{form}" for form in [*known._insensitive, *known._sensitive])
    for forms, haystack_of in (
        (known._insensitive, str.lower),
        (known._sensitive, str),
    ):
        automaton, _ = known._ac_insensitive if forms is known._insensitive else known._ac_sensitive
        library = ahocorasick_rs.AhoCorasick(
            list(forms), matchkind=ahocorasick_rs.MatchKind.Standard
        )
        found = 0
        for text in texts:
            haystack = haystack_of(text)
            ours = sorted(automaton.find_matches_as_indexes(haystack, overlapping=True))
            theirs = sorted(library.find_matches_as_indexes(haystack, overlapping=True))
            assert ours == theirs, text[:80]
            found += len(ours)
        assert found > len(forms)


def test_many_forms_keep_the_librarys_automaton_and_are_still_found() -> None:
    many = {"name": [f"Person Number{index:04d} Example" for index in range(60)]}
    known = KnownValues.from_mapping(many)
    assert len(known._insensitive) + len(known._sensitive) > MAX_DFA_FORMS
    found = known.search_text("sent by person number0042 example today")
    assert [(variant.original, matched) for variant, matched in found] == [
        ("Person Number0042 Example", "person number0042 example")
    ]
