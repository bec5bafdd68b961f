"""Importers: HAR 1.2, mitmproxy flow files and JSONL flow records → FlowRecords.

`detect_format` sniffs the first bytes (the extension only breaks ties), `iter_records` reads a
file into records for one session. Labelling and storing are the caller's job (`auditor import`).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from auditor.errors import InputFormatError
from auditor.importers.common import DEFAULT_MAX_MIB, max_bytes_from_env
from auditor.importers.har import read_har
from auditor.importers.jsonl import iter_jsonl_records
from auditor.importers.mitmflow import iter_mitm_records
from auditor.records import FlowRecord

ImportFormat = Literal["har", "mitm", "jsonl"]

__all__ = [
    "DEFAULT_MAX_MIB",
    "ImportFormat",
    "default_session",
    "detect_format",
    "iter_records",
    "max_bytes_from_env",
]


def detect_format(path: Path) -> ImportFormat:
    try:
        with path.open("rb") as fh:
            head = fh.read(64 * 1024)
    except OSError as err:
        raise InputFormatError(f"{path}: cannot read: {err.strerror or err}") from None
    stripped = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if not stripped:
        raise InputFormatError(f"{path}: empty file")
    suffix = path.suffix.lower()
    if stripped[:1].isdigit():
        return "mitm"  # tnetstring: a length prefix, then ':'
    if stripped[:1] == b"{":
        if suffix in (".jsonl", ".ndjson"):
            return "jsonl"
        if suffix == ".har":
            return "har"
        first_line = stripped.split(b"\n", 1)[0]
        try:
            obj = json.loads(first_line)
        except (ValueError, RecursionError):
            # JSONDecodeError and UnicodeDecodeError are ValueErrors, as is an integer past
            # Python's digit limit; the chosen reader reports what is wrong.
            return "har"  # a pretty-printed HAR spans lines
        return "jsonl" if isinstance(obj, dict) and "kind" in obj and "log" not in obj else "har"
    raise InputFormatError(
        f"{path}: not a HAR, mitmproxy flow or JSONL file (starts with {stripped[:8]!r})"
    )


def default_session(path: Path) -> str:
    return path.stem or "import"


def iter_records(
    path: Path,
    *,
    session: str | None = None,
    max_bytes: int | None = None,
    fmt: ImportFormat | None = None,
    skipped: Counter[str] | None = None,
) -> Iterator[FlowRecord]:
    """Records of one file. With `session` None, a session recorded in the file (our own exports)
    wins, else the file name without extension. Entries that hold no usable flow are counted in
    `skipped` (reason -> count)."""
    limit = max_bytes if max_bytes is not None else max_bytes_from_env()
    kind = fmt or detect_format(path)
    if kind == "har":
        fallback = session or default_session(path)
        result = read_har(path, session=fallback, max_bytes=limit)
        if result.skipped and skipped is not None:
            skipped["without a usable request"] += result.skipped
        chosen = session or result.session or fallback
        for record in result.records:
            record.session = chosen
            yield record
    elif kind == "mitm":
        yield from iter_mitm_records(
            path, session=session, fallback_session=default_session(path), max_bytes=limit
        )
    else:
        yield from iter_jsonl_records(path, session=session, max_bytes=limit)
