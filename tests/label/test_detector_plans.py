"""The per-field pass's fast plan kinds (issue 15al): a field whose plan says no key test can
concern it (`_PLAIN`, `_INERT`, `_SKIP`, `_HEADER`) skips the key tests' blocks, so those
kinds must only be given where the blocks could not have fired."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from auditor.decode import decode_flow
from auditor.label import detectors
from auditor.label.detectors import (
    _F_CUE_TITLE,
    _FAST,
    _HEADER,
    _INERT,
    _KEYS_READ_BY_NAME,
    _NON_STRING_FLAGS,
    _NORMAL,
    _PLAIN,
    _PLANS,
    _SKIP,
    FieldDetectors,
    Plan,
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
            # (a title's cue bit alone: the cue is read on the plain path, issue 15az)
            assert is_str and rule is None and flags & ~_F_CUE_TITLE == 0, fld.path
            assert nk not in _KEYS_READ_BY_NAME, fld.path
            assert _plan_of(fld.path, is_str)[0] == _NORMAL, fld.path
        elif kind == _INERT:
            assert not is_str and rule is None and not flags & _NON_STRING_FLAGS, fld.path
        else:
            # standard headers and other headers: no key, so no key bit either
            assert kind in (_SKIP, _HEADER) and nk == "" and flags == 0, fld.path
    assert {_PLAIN, _INERT, _SKIP, _HEADER} <= kinds
    assert seen > 1000


def test_a_plain_title_key_keeps_its_cue_bit() -> None:
    # a status text no rule reads is plain, and its cue is still read (issue 15az)
    kind, _key, _nk, _rule, flags = _plan(("body", "profile", "status_text"), True)
    assert kind == _PLAIN and flags == _F_CUE_TITLE
    assert not _plan(("body", "profile", "colour"), True)[4] & _F_CUE_TITLE


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


# Main's per-field checks that ask no key bit (issues 15an, 15ao, 15as): they must still run
# for `_PLAIN` strings, which skip the key tests' blocks.


def test_a_name_an_address_spells_is_found_in_plain_text() -> None:
    assert _plan(("body", "details"), True)[0] == _PLAIN
    found = _categories(
        [
            Field(("body", "email"), "mahlet.gebremedhin@example.org"),
            Field(("body", "details"), "Call with Mahlet Gebremedhin about the renewal"),
        ]
    )
    assert ("contact_info.name", "detector.name_address") in found


def test_plain_text_naming_nobody_the_addresses_spell_gives_no_name() -> None:
    # precision guard: the address spells another person, the text names none of its words
    found = _categories(
        [
            Field(("body", "email"), "mahlet.gebremedhin@example.org"),
            Field(("body", "details"), "Call about the renewal of the Berlin office lease"),
        ]
    )
    assert not any(detector == "detector.name_address" for _, detector in found)


def test_a_full_name_under_a_plain_key_naming_a_person_is_a_name() -> None:
    assert _plan(("body", "guest_name"), True)[0] == _PLAIN
    found = _categories([Field(("body", "guest_name"), "Mahlet Gebremedhin")])
    assert ("contact_info.name", "detector.name_key") in found


def test_a_full_name_under_a_plain_key_naming_no_person_is_no_name() -> None:
    # precision guard: `colour` names no person, whatever its value's shape
    found = _categories([Field(("body", "colour"), "Mahlet Gebremedhin")])
    assert not any(category == "contact_info.name" for category, _ in found)


def test_an_address_under_a_plain_id_key_typed_email_is_a_user_id() -> None:
    assert _plan(("body", "receive_id"), True)[0] == _PLAIN
    typed = _categories(
        [
            Field(("body", "receive_id"), "mahlet.gebremedhin@example.org"),
            Field(("body", "receive_id_type"), "email"),
        ]
    )
    assert ("identifiers.user_id", "detector.user_id_key") in typed
    # precision guard: without the sibling `_type=email` the id key says nothing of an account
    untyped = _categories(
        [
            Field(("body", "receive_id"), "mahlet.gebremedhin@example.org"),
            Field(("body", "receive_id_type"), "open_id"),
        ]
    )
    assert ("identifiers.user_id", "detector.user_id_key") not in untyped


def test_an_os_with_its_version_under_a_plain_client_key_is_the_os() -> None:
    assert _plan(("body", "client"), True)[0] == _PLAIN
    found = _categories([Field(("body", "client"), "desktop 5.19.2 on Windows 11 23H2")])
    assert ("device_info.os", "detector.os_text") in found
    # precision guard: the OS's name without a version is no fact
    bare = _categories([Field(("body", "client"), "the desktop app on Windows")])
    assert ("device_info.os", "detector.os_text") not in bare


def test_a_gateway_token_in_a_plain_list_on_a_push_endpoint_is_a_device_id() -> None:
    path = ("body", "tokens", "0")
    assert _plan(path, True)[0] == _PLAIN
    token = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4"
    on_push = FieldDetectors().detect([Field(path, token)], flow_context("/push", None))
    assert any(hit.detector == "detector.device_id_value" for hit in on_push)
    # precision guard: the same value on an endpoint that is no push gateway's
    elsewhere = FieldDetectors().detect([Field(path, token)], flow_context("/files", None))
    assert not any(hit.detector == "detector.device_id_value" for hit in elsewhere)


def _corpus_flows() -> list[tuple[list[Field], str, str, str]]:
    flows: list[tuple[list[Field], str, str, str]] = []
    for corpus in sorted(CORPUS_DIR.glob("*.jsonl")):
        for line in corpus.read_text(encoding="utf-8").splitlines():
            if not line:
                continue
            record = from_spec_dict(json.loads(line))
            request = record.request
            if request is None:
                continue
            url_path = urlsplit(request.url).path or request.path.split("?", 1)[0]
            content_type = request.header("content-type") or ""
            fields = decode_flow(record).fields
            flows.append((fields, url_path, content_type, request.host))
    return flows


def _all_hits(flows: list[tuple[list[Field], str, str, str]]) -> list[list[tuple[object, ...]]]:
    detectors = FieldDetectors()
    return [
        [
            (hit.category, hit.detector, hit.where, hit.excerpt, hit.confidence)
            for hit in detectors.detect(fields, flow_context(url_path, content_type, host))
        ]
        for fields, url_path, content_type, host in flows
    ]


def test_plain_fields_give_what_the_full_pass_gives_on_every_corpus_flow(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The fast kind against the pass it shortcuts: the same fields with every `_PLAIN` plan
    turned back into `_NORMAL` (all key tests walked, as before issue 15al) give the same hits,
    in the same order, on every corpus flow; and the corpus has plain strings that the tests
    of the flow's names and addresses (issue 15an) find something in."""
    flows = _corpus_flows()
    _PLANS.clear()
    fast = _all_hits(flows)

    def walked_plan(path: tuple[str, ...], is_str: bool) -> Plan:
        plan = _plan(path, is_str)
        return (_NORMAL, *plan[1:]) if plan[0] == _PLAIN else plan

    monkeypatch.setattr(detectors, "_plan", walked_plan)
    _PLANS.clear()
    try:
        walked = _all_hits(flows)
    finally:
        _PLANS.clear()
    assert fast == walked
    plain_named = [
        hit
        for flow_hits, (fields, *_rest) in zip(fast, flows, strict=True)
        for hit in flow_hits
        if hit[1] in ("detector.name_address", "detector.name_key")
        for fld in fields
        if fld.where == hit[2] and fld.path and _plan(fld.path, True)[0] == _PLAIN
    ]
    assert plain_named


def test_speakers_turns_in_a_plain_list_are_transcript_lines() -> None:
    # issue 15ar: a list's strings are gathered from every string kind, `_PLAIN` too
    path = ("body", "texts")
    assert _plan((*path, "0"), True)[0] == _PLAIN
    turns = [
        "Mahlet: Shall we move the launch to Thursday?",
        "Jonas: Thursday works if legal signs off by Wednesday.",
        "Mahlet: I will ask them today.",
    ]
    found = _categories([Field((*path, str(n)), text) for n, text in enumerate(turns)])
    assert ("customer_content.transcript", "detector.transcript_lines") in found
    # precision guard: a list of plain sentences has no speakers' turns
    sentences = ["Move the launch to Thursday.", "Legal signs off by Wednesday.", "Ask today."]
    plain = _categories([Field((*path, str(n)), text) for n, text in enumerate(sentences)])
    assert not any(detector == "detector.transcript_lines" for _, detector in plain)


def test_an_author_by_real_name_under_a_plain_key_is_a_user_id() -> None:
    # issue 15au: the author test is one of the flow-named tests every string meets
    assert _plan(("body", "author_name"), True)[0] == _PLAIN
    found = _categories([Field(("body", "author_name"), "Mahlet Gebremedhin")])
    assert ("identifiers.user_id", "detector.display_name_key") in found
    # precision guard: a program credited as author is no person's account
    bot = _categories([Field(("body", "author_name"), "Deploy Bot")])
    assert ("identifiers.user_id", "detector.display_name_key") not in bot


def test_a_user_keyed_access_map_gives_its_keys_under_a_plain_value() -> None:
    # issue 15au: the map's key is read from the path whatever the value's plan
    path = ("body", "usersAccesses", "alice.corpus", "0")
    assert _plan(path, True)[0] == _PLAIN
    found = FieldDetectors().detect([Field(path, "read")], flow_context("/", None))
    assert any(
        hit.detector == "detector.user_id_key" and hit.excerpt.startswith("usersAccesses=")
        for hit in found
    )
    # precision guard: a map keyed by groups names no user
    groups = ("body", "groupsAccesses", "alice.corpus", "0")
    other = FieldDetectors().detect([Field(groups, "read")], flow_context("/", None))
    assert not any(hit.detector == "detector.user_id_key" for hit in other)
