"""The dimensions flows are counted by: the one table `counts_by`, the running totals kept in
`flow_counts` and the migration that first filled them all read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from auditor.records import VERDICTS


@dataclass(frozen=True)
class Dimension:
    name: str
    column: str  # SQL giving a flow's key, over `flows f` and `join`
    join: str = ""
    # The schema version whose migration filled this dimension's running totals in
    # `flow_counts` (every write keeps them since); None: counted by scanning flows.
    counted_since: int | None = None


DIMENSIONS: dict[str, Dimension] = {
    d.name: d
    for d in (
        Dimension("label", "l.category", " JOIN flow_labels l ON l.flow_rowid = f.rowid", 3),
        Dimension("entity", "f.entity", counted_since=3),
        Dimension("party", "f.party", counted_since=3),
        Dimension("app", "f.app", counted_since=3),
        Dimension("process", "f.process_name", counted_since=3),
        Dimension("host", "h.name", " LEFT JOIN hosts h ON h.id = f.host_id", 3),
        Dimension("verdict", "f.verdict_rank", counted_since=3),
        Dimension("kind", "f.kind", counted_since=3),
        Dimension("session", "s.name", " JOIN sessions s ON s.id = f.session_id"),
        Dimension("method", "f.method"),
        Dimension("status", "f.status"),
    )
}

# Counted dimensions with one key per flow (a flow has a key under each of its labels instead).
COUNTED_PER_FLOW: tuple[Dimension, ...] = tuple(
    d for d in DIMENSIONS.values() if d.counted_since is not None and d.name != "label"
)
COUNTED: frozenset[str] = frozenset(
    d.name for d in DIMENSIONS.values() if d.counted_since is not None
)


def dimension_key(dimension: str, value: Any) -> str:
    """The key a flow's column value is counted under ("" for none)."""
    if value is None:
        return ""
    if dimension == "verdict":
        return VERDICTS[value] if 0 <= value < len(VERDICTS) else ""
    return str(value)
