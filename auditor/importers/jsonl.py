"""JSONL flow records (`auditor flows --format jsonl`, `auditor export jsonl`) → FlowRecords."""

from __future__ import annotations

import binascii
import json
from collections.abc import Iterator
from pathlib import Path

from auditor.errors import InputFormatError
from auditor.importers.common import check_size
from auditor.records import FlowRecord, from_spec_dict


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
            if not isinstance(data, dict):
                raise InputFormatError(f"{path}: line {lineno}: not a flow record object")
            try:
                record = from_spec_dict(data)
            except KeyError as err:
                raise InputFormatError(
                    f"{path}: line {lineno}: flow record lacks {err.args[0]!r}"
                ) from None
            except (TypeError, ValueError, binascii.Error, IndexError) as err:
                raise InputFormatError(
                    f"{path}: line {lineno}: malformed flow record ({type(err).__name__})"
                ) from None
            if session is not None:
                record.session = session
            record.source = "import:jsonl"
            yield record
