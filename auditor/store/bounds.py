"""What a stored value may be: the ranges every writer brings its values into and every reader can
rely on, whatever version of the program wrote the store.

Times: a flow's time must be a date in every time zone (`datetime.fromtimestamp(ts).astimezone()`
works), from 1970 to 9999. Text: valid Unicode that encodes as UTF-8 (no lone surrogates, which
JSON escapes like `\\ud800` and undecodable header bytes produce), so any terminal, file or
exporter can take it.
"""

from __future__ import annotations

import math
from typing import Any

from auditor.records import FlowRecord

TS_MIN = 0.0  # 1970-01-01T00:00:00Z
# 9999-12-01T00:00:00Z: datetime's local-time conversions probe a day either side, and year 10000
# does not exist for them.
TS_MAX = 253399622400.0


def ts_in_range(value: Any) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and TS_MIN <= value <= TS_MAX
    )


def clamp_ts(value: Any, default: float = TS_MIN) -> float:
    """A time in range: out-of-range numbers are clamped, anything else is `default`."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return default
    if math.isnan(value):
        return default
    return float(min(max(value, TS_MIN), TS_MAX))


def opt_ts(value: Any) -> float | None:
    """An optional time: kept when in range, else None (unknown)."""
    return float(value) if ts_in_range(value) else None


def clean_text(text: str) -> str:
    """`text` as valid Unicode: lone surrogates become U+FFFD (bytes smuggled in by Python's
    surrogateescape become the replacement character of their undecodable byte)."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        try:
            raw = text.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            raw = text.encode("utf-8", "surrogatepass")
        return raw.decode("utf-8", "replace")
    return text


def clean_strings(value: Any) -> Any:
    """`value` (parsed JSON) with every string, keys included, made valid Unicode."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean_strings(v) for v in value]
    if isinstance(value, dict):
        return {clean_text(str(k)): clean_strings(v) for k, v in value.items()}
    return value


def bound_times(record: FlowRecord) -> FlowRecord:
    """The record's times brought into range, in place: its own time clamped, optional times
    outside the range dropped, message times outside it replaced by the flow's."""
    record.ts = clamp_ts(record.ts)
    ts_end = record.ts_end
    if ts_end is not None and not ts_in_range(ts_end):
        record.ts_end = None
    for msg in record.websocket:
        if not ts_in_range(msg.ts):
            msg.ts = record.ts
    proc = record.process
    if proc.create_time is not None and not ts_in_range(proc.create_time):
        proc.create_time = None
    return record
