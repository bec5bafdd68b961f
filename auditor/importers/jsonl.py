"""JSONL flow records (`auditor flows --format jsonl`, `auditor export jsonl`) → FlowRecords."""

from __future__ import annotations

import binascii
import json
from collections.abc import Iterator
from pathlib import Path

from auditor.errors import InputFormatError
from auditor.importers.common import as_float, check_size, normalize_record
from auditor.records import FLOW_KINDS, FlowRecord, from_spec_dict


def iter_jsonl_records(path: Path, *, session: str | None, max_bytes: int) -> Iterator[FlowRecord]:
    """Reads line by line (memory stays at one record). `session` overrides the records' own."""
    check_size(path, max_bytes)
    try:
        fh = path.open("rb")
    except OSError as err:
        raise InputFormatError(f"{path}: cannot read: {err.strerror or err}") from None
    with fh:
        for lineno, raw in enumerate(fh, start=1):
            try:
                line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8").strip()
            except UnicodeDecodeError as err:
                raise InputFormatError(
                    f"{path}: line {lineno}: not valid UTF-8 at byte {err.start}"
                ) from None
            if not line:
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as err:
                raise InputFormatError(f"{path}: line {lineno}: not JSON ({err.msg})") from None
            except ValueError:
                # An integer past Python's 4,300-digit conversion limit.
                raise InputFormatError(
                    f"{path}: line {lineno}: not JSON (a number too long to read)"
                ) from None
            except RecursionError:
                raise InputFormatError(f"{path}: line {lineno}: nested too deeply") from None
            if not isinstance(data, dict):
                raise InputFormatError(f"{path}: line {lineno}: not a flow record object")
            try:
                record = from_spec_dict(data)
            except KeyError as err:
                raise InputFormatError(
                    f"{path}: line {lineno}: flow record lacks {err.args[0]!r}"
                ) from None
            except (
                TypeError,
                ValueError,
                AttributeError,
                OverflowError,
                binascii.Error,
                IndexError,
            ) as err:
                raise InputFormatError(
                    f"{path}: line {lineno}: malformed flow record ({type(err).__name__})"
                ) from None
            problem = _record_problem(record)
            if problem:
                raise InputFormatError(f"{path}: line {lineno}: {problem}")
            if session is not None:
                record.session = session
            record.source = "import:jsonl"
            # Everything else is coerced: out-of-range sizes clamped, stray types made text.
            yield normalize_record(record)


def _record_problem(record: FlowRecord) -> str | None:
    """What makes a record unusable (the store needs its id, kind and time), or None."""
    if not isinstance(record.id, str) or not record.id:
        return "flow record id is not a non-empty string"
    if record.kind not in FLOW_KINDS:
        return f"flow record kind is not one of {', '.join(FLOW_KINDS)}"
    if isinstance(record.ts, bool) or as_float(record.ts) is None:
        return "flow record ts is not a finite number"
    return None
