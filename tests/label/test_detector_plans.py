"""The per-field pass's fast plan kinds (issue 15al): a field whose plan says no key test can
concern it (`_PLAIN`, `_INERT`, `_SKIP`, `_HEADER`) skips the key tests' blocks, so those
kinds must only be given where the blocks could not have fired."""

from __future__ import annotations

import json
from pathlib import Path

from auditor.decode import decode_flow
from auditor.label.detectors import (
    _FAST,
    _HEADER,
    _INERT,
    _KEYS_READ_BY_NAME,
    _NON_STRING_FLAGS,
    _NORMAL,
    _PLAIN,
    _SKIP,
    FieldDetectors,
    _plan,
    _plan_of,
    flow_context,
)
from auditor.records import Field, from_spec_dict

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"


def _corpus_fields() -> list[Field]:
    fields: list[Field] = []
    for corpus in sorted(CORPUS_DIR.glob("*.jsonl")):
        for line in corpus.read_text(encoding="utf-8").splitlines():
            if line:
                fields.extend(decode_flow(from_spec_dict(json.loads(line))).fields)
    return fields


def test_fast_kinds_are_given_only_where_no_key_test_applies() -> None:
    seen = 0
    kinds: set[int] = set()
    for fld in _corpus_fields():
        if not fld.path:
            continue
        is_str = isinstance(fld.value, str)
        kind, _key, nk, rule, flags = _plan(fld.path, is_str)
        kinds.add(kind)
        if kind < _FAST:
            continue
        seen += 1
        if kind == _PLAIN:
            assert is_str and rule is None and flags == 0, fld.path
            assert nk not in _KEYS_READ_BY_NAME, fld.path
            assert _plan_of(fld.path, is_str)[0] == _NORMAL, fld.path
        elif kind == _INERT:
            assert not is_str and rule is None and not flags & _NON_STRING_FLAGS, fld.path
        else:
            # standard headers and other headers: no key, so no key bit either
            assert kind in (_SKIP, _HEADER) and nk == "" and flags == 0, fld.path
    assert {_PLAIN, _INERT, _SKIP, _HEADER} <= kinds
    assert seen > 1000


def test_keys_read_by_name_are_never_plain() -> None:
    for key in ("role", "region", "model", "sound", "title", "description"):
        assert _plan(("body", "peer", key), True)[0] != _PLAIN, key
    assert _plan(("body", "peer", "colour"), True)[0] == _PLAIN


def _categories(fields: list[Field]) -> list[tuple[str, str]]:
    hits = FieldDetectors().detect(fields, flow_context("/", None))
    return [(hit.category, hit.detector) for hit in hits]


def test_a_plain_list_item_naming_a_quality_metric_is_read_as_one() -> None:
    # a string in a list under a key nothing reads: the value's own tests still run on it
    assert _plan(("body", "points", "0"), True)[0] == _PLAIN
    found = _categories([Field(("body", "points", "0"), "meeting.rtt_ms")])
    assert any(detector == "detector.quality_metric_name" for _, detector in found)


def test_a_plain_key_naming_a_metric_is_not_read_as_one() -> None:
    # precision guard: under a plain key (not a list item, not a series key) it is no series
    found = _categories([Field(("body", "colour"), "meeting.rtt_ms")])
    assert not any(detector == "detector.quality_metric_name" for _, detector in found)


def test_plain_strings_keep_their_value_tests() -> None:
    found = _categories(
        [
            Field(("body", "colour"), "write to chiara.rossi@example.org"),
            Field(("body", "shade"), "10.20.30.40"),
        ]
    )
    assert ("contact_info.email", "detector.email_value") in found
    assert any(detector == "detector.address_value" for _, detector in found)
