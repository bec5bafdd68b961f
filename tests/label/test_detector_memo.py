"""What the per-field pass remembers across flows (issue 15bk): the prose reading of a value
(`_prose_hits`, replayed by `_prose`) and each path's entry (`_PathEntry`). A remembered answer
must be the answer the pass would give: the same hits, in the same order, under each field's
own place."""

from __future__ import annotations

import pytest

from auditor.label import detectors
from auditor.label.detectors import (
    _KV_SKIPPED_HEADER,
    _KV_URL_QUERY,
    _PLANS,
    _PROSE_HITS,
    FieldDetectors,
    _PathEntry,
    flow_context,
)
from auditor.records import Field
from tests.label.test_detector_plans import _all_hits, _corpus_flows


def _hits(fields: list[Field], url_path: str = "/v1/notes") -> list[tuple[object, ...]]:
    ctx = flow_context(url_path, "application/json", "api.example.com")
    return [
        (hit.category, hit.detector, hit.where, hit.excerpt)
        for hit in FieldDetectors().detect(fields, ctx)
    ]


def test_remembered_prose_gives_what_reading_it_again_gives_on_every_corpus_flow(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every corpus flow's hits with the prose memo filled by an earlier pass over the corpus
    equal its hits with nothing remembered; and the corpus has prose the memo answers."""
    flows = _corpus_flows()
    _PROSE_HITS.clear()
    _all_hits(flows)  # fills the memo
    assert any(found for found in _PROSE_HITS.values())
    remembered = _all_hits(flows)
    monkeypatch.setattr(detectors, "_PROSE_MEMO_MAX_CHARS", -1)  # nothing kept: read each time
    _PROSE_HITS.clear()
    try:
        read_again = _all_hits(flows)
        assert not _PROSE_HITS
    finally:
        _PROSE_HITS.clear()
    assert remembered == read_again


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # a place as a value is read in a body, not in a URL's query (`_place_value`)
        (("body", "note"), ("url", "query", "note")),
        (("url", "query", "note"), ("body", "note")),
        # places people name are read outside headers only
        (("body", "note"), ("header", "X-Note")),
        (("header", "X-Note"), ("body", "note")),
    ],
)
def test_remembered_prose_is_kept_apart_by_the_layer_it_was_read_in(
    first: tuple[str, ...], second: tuple[str, ...]
) -> None:
    """The same text under another layer gets that layer's hits, not the first one's."""
    texts = ["Berlin, Germany", "dialling in from Berlin with Alice Example"]
    _PROSE_HITS.clear()
    fresh = {}
    for path in (first, second):
        _PROSE_HITS.clear()
        fresh[path] = [_hits([Field(path, text)]) for text in texts]
    _PROSE_HITS.clear()
    for path in (first, second):
        got = [_hits([Field(path, text)]) for text in texts]
        assert got == fresh[path], path
    assert fresh[first] != fresh[second]
    _PROSE_HITS.clear()


def test_remembered_prose_replays_under_each_fields_own_place() -> None:
    _PROSE_HITS.clear()
    text = "notes from the call with Alice Example and Bob Martin"
    one = _hits([Field(("body", "comment"), text)])
    other = _hits([Field(("body", "items", "0", "comment"), text)])
    assert one and {where for _c, _d, where, _e in one} == {"body › comment"}
    assert {where for _c, _d, where, _e in other} == {"body › items › 0 › comment"}
    assert [(c, d, e) for c, d, _w, e in one] == [(c, d, e) for c, d, _w, e in other]
    _PROSE_HITS.clear()


@pytest.mark.parametrize(
    ("path", "skip", "api_key"),
    [
        (("url", "query", "email"), _KV_URL_QUERY, False),
        (("url", "path", "users"), 0, False),
        (("url", "query", "email", "json"), 0, False),
        (("header", "Accept-Language"), _KV_SKIPPED_HEADER, False),
        (("header", "X-API-Key"), 0, True),
        (("header", "apiKey"), 0, True),
        (("header", "X-Api-Token"), 0, True),
        (("header", "Authorization"), 0, False),
        (("header", "x-api-key", "json"), 0, False),
        (("body", "apiKey"), 0, False),
        ((), 0, False),
    ],
)
def test_a_paths_entry_says_what_the_known_value_search_skips_and_api_key_headers(
    path: tuple[str, ...], skip: int, api_key: bool
) -> None:
    entry = _PathEntry(path)
    assert entry.gather_skip == skip
    assert entry.api_key_header is api_key
    assert entry.string_plan is None and entry.other_plan is None


def test_a_paths_entry_names_the_user_keyed_map_member() -> None:
    _PLANS.clear()
    assert _PathEntry(("body", "usersAccesses", "alice.corpus", "0")).user_map_key == 2
    assert _PathEntry(("body", "settings", "alice.corpus", "0")).user_map_key is None
