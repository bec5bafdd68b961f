"""Formatting shared by the report renderers."""

from __future__ import annotations

from datetime import UTC, datetime

from auditor.words import VERDICT_TEXT as VERDICT_TEXT
from auditor.words import human_bytes as human_bytes

VERDICT_COLOUR = {
    "clear": "#1a7f37",
    "vague": "#9a6700",
    "consent_required": "#0969da",
    "omitted": "#bc4c00",
    "contradicted": "#cf222e",
}
PARTY_TEXT = {"first": "first party", "third": "third party", "unknown": "unknown"}


# What datetime can show: axis ticks and bucket ends may lie a little past the stored range.
_FIRST_TS = datetime(1, 1, 2, tzinfo=UTC).timestamp()
_LAST_TS = datetime(9999, 12, 30, tzinfo=UTC).timestamp()


def _utc_datetime(ts: float) -> datetime:
    if ts != ts:  # NaN
        ts = 0.0
    return datetime.fromtimestamp(min(max(ts, _FIRST_TS), _LAST_TS), tz=UTC)


def utc(ts: float | None, *, seconds: bool = True) -> str:
    if ts is None:
        return "–"
    fmt = "%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M"
    return _utc_datetime(ts).strftime(fmt) + " UTC"


def clock(ts: float) -> str:
    return _utc_datetime(ts).strftime("%H:%M:%S")


def duration(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    s = round(seconds)
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min {s % 60} s"
    return f"{s // 3600} h {(s % 3600) // 60} min"


def verdict_text(verdict: str | None) -> str:
    return VERDICT_TEXT.get(verdict or "", verdict or "–")


def verdict_counts_text(counts: dict[str, int] | None) -> str:
    """`Vague 3 · Clear 12`: how a clause judged the flows, every verdict, worst first."""
    from auditor.records import VERDICTS

    if not counts:
        return ""
    order = sorted(counts, key=lambda v: -VERDICTS.index(v) if v in VERDICTS else 1)
    return " · ".join(f"{verdict_text(v)} {counts[v]}" for v in order)


def section_ref(section: str | None) -> str:
    """`§10.5`, or a plain phrase when the finding names no clause (data the terms omit)."""
    return f"§{section}" if section else "no clause"


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
