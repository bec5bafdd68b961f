"""Regressions from the reliability suite: numbers Python's json reads but no field can hold
(NaN, Infinity, 1e400, 10**30, 5000-digit integers) and wrongly typed JSONL and HAR extension
values. Each is imported with a clamped or default value, or refused with one InputFormatError."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from auditor.errors import InputFormatError
from auditor.importers import detect_format, iter_records
from auditor.importers.common import MAX_SIZE, as_float, as_int, normalize_record
from auditor.importers.har import parse_har
from auditor.records import ProcessInfo, to_spec_dict
from tests.tflow import tflow, treq, tresp


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (math.inf, -1),
        (-math.inf, -1),
        (math.nan, -1),
        ("inf", -1),
        ("NaN", -1),
        ("1e400", -1),
        ("12.7", 12),
        (3.9, 3),
        (10**30, 10**30),  # exact, clamping is the caller's business
        (True, 1),
        (None, -1),
    ],
)
def test_as_int_never_raises(value: object, expected: int) -> None:
    assert as_int(value, -1) == expected


@pytest.mark.parametrize("value", [10**400, math.inf, math.nan, "1e400", "-inf", "nan", None, []])
def test_as_float_is_finite_or_none(value: object) -> None:
    assert as_float(value) is None


def _har(entry: dict[str, object], **log: object) -> dict[str, object]:
    return {"log": {"entries": [entry], **log}}


def _entry(**response: object) -> dict[str, object]:
    return {
        "startedDateTime": "2024-05-01T10:00:00.000Z",
        "request": {"method": "POST", "url": "https://t.example.com/a", "bodySize": 10**30,
                    "headersSize": 10**30},
        "response": {"status": 200, "content": {"size": 10**30}, "bodySize": 10**30, **response},
    }  # fmt: skip


def test_har_sizes_and_status_are_clamped_to_what_the_store_holds() -> None:
    [record] = parse_har(_har(_entry()), session="s").records
    assert record.request is not None and record.request.size == MAX_SIZE
    assert record.response is not None and record.response.size == MAX_SIZE
    assert 0 <= record.bytes_sent <= MAX_SIZE and 0 <= record.bytes_received <= MAX_SIZE
    [huge_status] = parse_har(_har(_entry(status=10**30)), session="s").records
    assert huge_status.response is None  # no usable status: treated as "no answer", like 0


def test_har_non_finite_time_and_extension_values() -> None:
    entry = _entry()
    entry["time"] = math.inf
    entry["_auditor"] = {"kind": None, "ts": math.nan, "process": {"pid": 10**30, "name": 5}}
    [record] = parse_har(_har(entry), session="s").records
    assert record.kind == "http"
    assert math.isfinite(record.ts) and record.ts_end is None
    assert record.process.pid is None and record.process.name == "5"


def test_har_other_flows_that_are_not_records_are_skipped() -> None:
    good = to_spec_dict(
        tflow(req=False, id="dns-1", session="x", ts=1.0, kind="dns"),
        redact_credentials=False,
    )
    log_ext = {"other_flows": [None, 5, "x", {"id": "a"}, {**good, "process": "x"}, good]}
    result = parse_har(_har(_entry(), _auditor=log_ext), session="s")
    assert [r.id for r in result.records if r.kind == "dns"] == ["dns-1"]
    assert result.skipped == 5


def _line(**changes: object) -> str:
    record = {"id": "f1", "session": "s", "ts": 1.0, "kind": "http",
              "request": {"method": "GET", "url": "http://a/", "host": "a", "port": 80,
                          "path": "/"}}  # fmt: skip
    record.update(changes)
    return json.dumps(record)


@pytest.mark.parametrize(
    ("changes", "expect"),
    [
        ({"process": "x"}, "malformed flow record"),
        ({"kind": None}, "kind is not one of"),
        ({"kind": "carrier-pigeon"}, "kind is not one of"),
        ({"id": 5}, "id is not"),
        ({"ts": math.inf}, "ts is not a finite number"),
        ({"ts": math.nan}, "ts is not a finite number"),
    ],
)
def test_jsonl_unusable_records_name_the_line(
    tmp_path: Path, changes: dict[str, object], expect: str
) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text(_line() + "\n" + _line(**changes) + "\n")
    with pytest.raises(InputFormatError) as err:
        list(iter_records(path, session="s", fmt="jsonl"))
    assert "line 2" in str(err.value) and expect in str(err.value), str(err.value)
    assert "\n" not in str(err.value)


def test_jsonl_port_beyond_float_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text(_line().replace('"port": 80', '"port": 1e400') + "\n")
    with pytest.raises(InputFormatError, match="line 1"):
        list(iter_records(path, session="s", fmt="jsonl"))


def test_jsonl_out_of_range_numbers_are_clamped(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    line = _line(
        bytes_sent=10**30,
        ts_end=math.inf,
        process={"pid": -4, "create_time": math.nan},
        response={"status": 10**30, "size": 10**30},
        client_addr=["1.2.3.4", 10**9],
    )
    path.write_text(line + "\n")
    [record] = iter_records(path, session="s", fmt="jsonl")
    assert record.bytes_sent == MAX_SIZE and record.ts_end is None
    assert record.process.pid is None and record.process.create_time is None
    assert record.response is not None and record.response.status == 0
    assert record.response.size == MAX_SIZE
    assert record.client_addr == ("1.2.3.4", 65535)


@pytest.mark.parametrize("suffix", [".har", ".jsonl", ".json"])
def test_integer_past_the_digit_limit_is_an_input_format_error(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"digits{suffix}"
    path.write_text('{"kind": "http", "log": {}, "x": ' + "1" * 5000 + "}\n")
    with pytest.raises(InputFormatError, match="number too long"):
        list(iter_records(path, session="s", fmt=detect_format(path)))


def test_normalize_keeps_valid_records_as_they_are() -> None:
    record = tflow(
        id="f",
        session="s",
        ts=1.5,
        process=ProcessInfo(pid=42, name="zoom", cmdline=["zoom", "--x"], create_time=3.0),
        req=treq("https://a/b", headers=[("k", "v")], body=b"x"),
        resp=tresp(204, reason=""),
        bytes_sent=10,
        ts_end=2.0,
    )  # fmt: skip
    before = to_spec_dict(record, redact_credentials=False, include_bodies=True)
    after = to_spec_dict(normalize_record(record), redact_credentials=False, include_bodies=True)
    assert after == before
