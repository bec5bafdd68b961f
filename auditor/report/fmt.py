"""Formatting shared by the report renderers."""

from __future__ import annotations

from datetime import UTC, datetime

VERDICT_TEXT = {
    "clear": "Clear",
    "vague": "Vague",
    "consent_required": "Needs consent",
    "omitted": "Not mentioned",
    "contradicted": "Contradicted",
}
VERDICT_COLOUR = {
    "clear": "#1a7f37",
    "vague": "#9a6700",
    "consent_required": "#0969da",
    "omitted": "#bc4c00",
    "contradicted": "#cf222e",
}
PARTY_TEXT = {"first": "first party", "third": "third party", "unknown": "unknown"}


def human_bytes(n: int | float) -> str:
    value = float(n)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if abs(value) < 1024 or unit == "GiB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} TiB"


def utc(ts: float | None, *, seconds: bool = True) -> str:
    if ts is None:
        return "–"
    fmt = "%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M"
    return datetime.fromtimestamp(ts, tz=UTC).strftime(fmt) + " UTC"


def clock(ts: float) -> str:
    return datetime.fromtimestamp(ts, tz=UTC).strftime("%H:%M:%S")


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
