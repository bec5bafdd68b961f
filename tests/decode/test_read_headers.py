"""The headers the decoder reads by name in its pass over the headers (issue 15bn) are what
`RequestRecord.header` gives, and when the pass stops early the record is asked again; a
header remembered as giving only its own field decodes as a fresh pass decodes it."""

from __future__ import annotations

import base64
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.decode import DecodeLimits, decode_flow
from auditor.decode import flow as flow_module
from auditor.decode.flow import READ_HEADERS
from auditor.records import from_spec_dict
from tests.decode.helpers import flow
from tests.label.test_detector_plans import CORPUS_DIR

_NAMES = st.sampled_from(
    [
        "Content-Type",
        "content-type",
        "CONTENT-TYPE",
        "Content-Encoding",
        "grpc-encoding",
        "Content-Disposition",
        "Content-Typ",
        "X-Content-Type",
        "Accept",
        "Cookie",
    ]
)
_VALUES = st.sampled_from(
    ["application/json", "gzip", "", "identity", "attachment; filename=a.txt", "a=1; b=2"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_NAMES, _VALUES), max_size=8))
def test_read_headers_are_the_records_first_header_of_each_name(
    headers: list[tuple[str, str]],
) -> None:
    record = flow(b'{"a": 1}', headers=headers)
    decoded = decode_flow(record)
    assert decoded.read_headers is not None
    assert record.request is not None
    for name in READ_HEADERS:
        assert decoded.request_header(record.request, name) == record.request.header(name)
        assert decoded.read_headers.get(name) == record.request.header(name)


def test_read_headers_of_every_corpus_flow_are_the_records() -> None:
    checked = 0
    for corpus in sorted(CORPUS_DIR.glob("*.jsonl")):
        for line in corpus.read_text(encoding="utf-8").splitlines():
            if not line:
                continue
            record = from_spec_dict(json.loads(line))
            if record.request is None:
                continue
            decoded = decode_flow(record)
            for name in READ_HEADERS:
                assert decoded.request_header(record.request, name) == record.request.header(name)
            checked += 1
    assert checked > 500


def test_a_pass_stopped_by_the_fields_cap_asks_the_record() -> None:
    headers = [(f"X-Filler-{index}", "v") for index in range(6)]
    headers.append(("Content-Type", "application/json"))
    record = flow(b'{"a": 1}', headers=headers)
    decoded = decode_flow(record, limits=DecodeLimits(max_fields=3))
    assert decoded.read_headers is None  # the pass stopped before Content-Type
    assert record.request is not None
    assert decoded.request_header(record.request, "content-type") == "application/json"


def _decoded(record: object) -> tuple[object, ...]:
    decoded = decode_flow(record)  # type: ignore[arg-type]
    return (
        [(f.path, f.value, f.source, f.in_stack_frame) for f in decoded.fields],
        decoded.errors,
        decoded.body_kinds,
        decoded.decoded_bytes,
    )


def test_headers_remembered_as_giving_only_their_field_decode_as_a_fresh_pass_on_the_corpus() -> (
    None
):
    records = []
    for corpus in sorted(CORPUS_DIR.glob("*.jsonl")):
        for line in corpus.read_text(encoding="utf-8").splitlines():
            if line:
                records.append(from_spec_dict(json.loads(line)))
    fresh = []
    for record in records:  # each flow decoded with nothing remembered
        flow_module._INERT_HEADER_PAIRS.clear()
        flow_module._INERT_DEFAULT_HEADER_VALUES.clear()
        fresh.append(_decoded(record))
    for record in records:  # (fills what is remembered)
        _decoded(record)
    assert len(flow_module._INERT_HEADER_PAIRS) > 100
    assert [_decoded(record) for record in records] == fresh


def test_a_header_with_data_is_not_remembered_as_inert() -> None:
    encoded = base64.b64encode(json.dumps({"os": "Linux", "browser": "Firefox"}).encode())
    headers = [("X-Super-Properties", encoded.decode()), ("Accept", "*/*")]
    flow_module._INERT_HEADER_PAIRS.clear()
    for _ in range(2):
        fields = decode_flow(flow(b"{}", headers=headers)).fields
        assert ("header", "X-Super-Properties", "base64", "json", "os") in [f.path for f in fields]
    assert ("Accept", "*/*") in flow_module._INERT_HEADER_PAIRS
    assert not any(name == "X-Super-Properties" for name, _ in flow_module._INERT_HEADER_PAIRS)
