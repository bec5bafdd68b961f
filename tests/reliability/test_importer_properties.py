"""Property tests for the importers: whatever a HAR or flow file holds, the only exception that
may leave an importer is InputFormatError (a one-line message), and what it returns is usable."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.errors import InputFormatError
from auditor.importers import iter_records
from auditor.importers.har import load_har, parse_har
from auditor.records import FLOW_KINDS, from_spec_dict, to_spec_dict
from tests.helpers.hardata import (
    HAR_DOCS,
    JSON_VALUES,
    har_document,
    har_entry,
    mitm_flow_bytes,
    spec_record_dict,
)

PROPERTY_SETTINGS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def _check_records(records: list) -> None:
    for record in records:
        assert record.kind in FLOW_KINDS
        assert math.isfinite(record.ts)
        if record.request is not None:
            assert 0 <= record.request.port <= 65535
            assert isinstance(record.request.host, str)
            assert record.request.size >= 0
        # What the importers produce must survive the JSONL record and back (store column, export).
        again = from_spec_dict(json.loads(json.dumps(to_spec_dict(record, include_bodies=True))))
        assert again.id == record.id


@PROPERTY_SETTINGS
@given(doc=HAR_DOCS)
def test_har_documents_raise_only_input_format_error(doc: object) -> None:
    try:
        result = parse_har(doc, session="prop", name="prop.har")
    except InputFormatError as err:
        assert "\n" not in str(err)
        return
    _check_records(result.records)


@PROPERTY_SETTINGS
@given(data=st.binary(max_size=300))
def test_har_bytes_raise_only_input_format_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "random.har"
    path.write_bytes(data)
    try:
        doc = load_har(path, max_bytes=1 << 20)
        parse_har(doc, session="prop", name=str(path))
    except InputFormatError as err:
        assert "\n" not in str(err)


VALID_HAR = json.dumps(
    har_document([har_entry(f"https://t.example.com/e?n={i}") for i in range(3)])
).encode()


@PROPERTY_SETTINGS
@given(cut=st.integers(min_value=0, max_value=len(VALID_HAR) - 1))
def test_truncated_har_is_an_input_format_error(tmp_path: Path, cut: int) -> None:
    path = tmp_path / "cut.har"
    path.write_bytes(VALID_HAR[:cut])
    with pytest.raises(InputFormatError):
        parse_har(load_har(path, max_bytes=1 << 20), session="prop", name=str(path))


@pytest.mark.parametrize(
    "literal",
    [
        "1e400",  # a float that parses as infinity
        "-1e400",
        "NaN",  # Python's json accepts these literals
        "Infinity",
        "9" * 400,  # an integer too large for a float
    ],
)
@pytest.mark.parametrize("where", ["bodySize", "headersSize", "time", "status"])
def test_har_numbers_out_of_range(literal: str, where: str) -> None:
    entry = har_entry("https://t.example.com/e")
    if where == "time":
        entry["time"] = "__N__"
    elif where == "status":
        entry["response"]["status"] = "__N__"
    else:
        entry["request"][where] = "__N__"
    text = json.dumps(har_document([entry])).replace('"__N__"', literal)
    try:
        result = parse_har(json.loads(text), session="prop", name="numbers.har")
    except InputFormatError:
        return
    _check_records(result.records)


def test_har_integer_beyond_python_digit_limit(tmp_path: Path) -> None:
    """json.loads raises ValueError (not JSONDecodeError) for integers over 4300 digits."""
    path = tmp_path / "digits.har"
    path.write_text('{"log": {"entries": [], "x": ' + "1" * 5000 + "}}", encoding="utf-8")
    with pytest.raises(InputFormatError):
        load_har(path, max_bytes=1 << 20)


def test_har_deeply_nested(tmp_path: Path) -> None:
    path = tmp_path / "deep.har"
    path.write_text('{"log": {"entries": ' + "[" * 100_000 + "]" * 100_000 + "}}")
    with pytest.raises(InputFormatError):
        parse_har(load_har(path, max_bytes=1 << 20), session="prop", name=str(path))


VALID_FLOWS = mitm_flow_bytes(4)


@PROPERTY_SETTINGS
@given(cut=st.integers(min_value=1, max_value=len(VALID_FLOWS) - 1))
def test_truncated_flow_file_raises_only_input_format_error(tmp_path: Path, cut: int) -> None:
    path = tmp_path / "cut.mitm"
    path.write_bytes(VALID_FLOWS[:cut])
    try:
        records = list(iter_records(path, session="prop", fmt="mitm"))
    except InputFormatError as err:
        assert "\n" not in str(err)
        return
    _check_records(records)


@PROPERTY_SETTINGS
@given(
    edits=st.lists(
        st.tuples(st.integers(min_value=0, max_value=len(VALID_FLOWS) - 1), st.integers(0, 255)),
        min_size=1,
        max_size=6,
    )
)
def test_corrupted_flow_file_raises_only_input_format_error(
    tmp_path: Path, edits: list[tuple[int, int]]
) -> None:
    data = bytearray(VALID_FLOWS)
    for pos, value in edits:
        data[pos] = value
    path = tmp_path / "corrupt.mitm"
    path.write_bytes(bytes(data))
    try:
        records = list(iter_records(path, session="prop", fmt="mitm"))
    except InputFormatError as err:
        assert "\n" not in str(err)
        return
    _check_records(records)


@PROPERTY_SETTINGS
@given(data=st.binary(max_size=200))
def test_random_bytes_as_flow_file(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "random.flow"
    path.write_bytes(data)
    try:
        records = list(iter_records(path, session="prop", fmt="mitm"))
    except InputFormatError as err:
        assert "\n" not in str(err)
        return
    _check_records(records)


def test_flow_file_with_huge_length_prefix_is_bounded(tmp_path: Path) -> None:
    """A length prefix of ~1 TB must not be allocated: the reader refuses it at once."""
    path = tmp_path / "huge-prefix.mitm"
    path.write_bytes(b"999999999999:" + b"x" * 100)
    with pytest.raises(InputFormatError):
        list(iter_records(path, session="prop", fmt="mitm"))


SPEC_KEYS = (
    "id",
    "session",
    "ts",
    "kind",
    "process",
    "request",
    "response",
    "entity",
    "labels",
    "policy",
    "client_addr",
    "server_addr",
    "websocket",
    "dns",
    "bytes_sent",
    "ts_end",
)


@PROPERTY_SETTINGS
@given(
    replacements=st.lists(
        st.tuples(
            st.sampled_from(SPEC_KEYS),
            st.sampled_from(["", "method", "port", "headers", "status", "pid", "name", "size"]),
            JSON_VALUES,
        ),
        min_size=1,
        max_size=4,
    ),
    drop=st.lists(st.sampled_from(SPEC_KEYS), max_size=2),
)
def test_jsonl_records_raise_only_input_format_error(
    tmp_path: Path, replacements: list[tuple[str, str, object]], drop: list[str]
) -> None:
    record = spec_record_dict()
    for key, inner, value in replacements:
        if inner and isinstance(record.get(key), dict):
            record[key][inner] = value
        else:
            record[key] = value
    for key in drop:
        record.pop(key, None)
    path = tmp_path / "records.jsonl"
    path.write_text(json.dumps(spec_record_dict()) + "\n" + json.dumps(record) + "\n")
    try:
        records = list(iter_records(path, session="prop", fmt="jsonl"))
    except InputFormatError as err:
        assert "\n" not in str(err)
        return
    _check_records(records)


def test_jsonl_integer_beyond_python_digit_limit(tmp_path: Path) -> None:
    path = tmp_path / "digits.jsonl"
    line = json.dumps(spec_record_dict()).replace('"bytes_sent": 0', '"bytes_sent": ' + "7" * 5000)
    assert "7777" in line
    path.write_text(line + "\n")
    with pytest.raises(InputFormatError):
        list(iter_records(path, session="prop", fmt="jsonl"))
