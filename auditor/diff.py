"""Session diff: endpoints, receiving organisations and data categories that are new, gone or
changed between two sessions (before/after a client update, muted/unmuted, before/after consent).

Endpoints are compared by method, host and a normalised path (GUIDs, long hex, long tokens and numbers of six or
more digits in path segments become `{id}`), so per-request ids do not make every endpoint look new. "Changed"
means present in both sessions with different data categories, a different receiver, or (for a
category) a different set of receiving organisations; flow counts are reported beside.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from auditor.records import FlowRecord

_ID_SEGMENT = re.compile(
    r"^(?:\d{6,}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
    r"|[0-9a-fA-F]{16,}|[A-Za-z0-9_-]{24,}"
    # Long segments mixing letters and digits: meeting and thread ids, tokens.
    r"|(?=[^/]*\d)(?=[^/]*[A-Za-z])[^/]{20,})$"
)


def normalise_path(path: str) -> str:
    segments = path.split("/")
    return "/".join("{id}" if seg and _ID_SEGMENT.match(seg) else seg for seg in segments)


@dataclass
class Side:
    flows: int = 0
    bytes: int = 0
    labels: set[str] = field(default_factory=set)
    entities: set[str] = field(default_factory=set)
    party: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "flows": self.flows,
            "bytes": self.bytes,
            "labels": sorted(self.labels),
            "entities": sorted(self.entities),
            "party": self.party,
        }


@dataclass
class DiffItem:
    key: str
    status: str  # "new" | "gone" | "changed" | "same"
    a: Side | None
    b: Side | None
    changes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "status": self.status,
            "a": self.a.to_json() if self.a else None,
            "b": self.b.to_json() if self.b else None,
            "changes": list(self.changes),
        }


@dataclass
class SessionDiff:
    a: str
    b: str
    endpoints: list[DiffItem]
    entities: list[DiffItem]
    labels: list[DiffItem]

    def to_json(self) -> dict[str, Any]:
        def part(items: list[DiffItem]) -> dict[str, list[dict[str, Any]]]:
            return {
                status: [i.to_json() for i in items if i.status == status]
                for status in ("new", "gone", "changed")
            }

        return {
            "a": self.a,
            "b": self.b,
            "endpoints": part(self.endpoints),
            "entities": part(self.entities),
            "labels": part(self.labels),
        }

    def has_changes(self) -> bool:
        return any(i.status != "same" for i in (*self.endpoints, *self.entities, *self.labels))


def _size(record: FlowRecord) -> int:
    req = record.request.size if record.request is not None else 0
    resp = record.response.size if record.response is not None else 0
    return max(record.bytes_sent + record.bytes_received, req + resp)


def _collect(
    records: Iterable[FlowRecord],
) -> tuple[dict[str, Side], dict[str, Side], dict[str, Side]]:
    endpoints: dict[str, Side] = {}
    entities: dict[str, Side] = {}
    labels: dict[str, Side] = {}
    for rec in records:
        nbytes = _size(rec)
        cats = set(rec.label_categories())
        entity = rec.entity.name or rec.entity.domain or rec.host or "(unknown)"
        if rec.request is not None:
            try:
                path = urlsplit(rec.request.url).path or "/"
            except ValueError:
                path = rec.request.path.split("?", 1)[0]
            key = f"{rec.request.method} {rec.request.host}{normalise_path(path)}"
        else:
            key = f"{rec.kind.upper()} {rec.host or '(unknown)'}"
        for table, k in ((endpoints, key), (entities, entity)):
            side = table.setdefault(k, Side())
            side.flows += 1
            side.bytes += nbytes
            side.labels |= cats
            side.entities.add(entity)
            side.party = rec.entity.party
        for cat in cats:
            side = labels.setdefault(cat, Side())
            side.flows += 1
            side.bytes += nbytes
            side.entities.add(entity)
    return endpoints, entities, labels


def _compare(a: dict[str, Side], b: dict[str, Side], *, by_entities: bool) -> list[DiffItem]:
    items: list[DiffItem] = []
    for key in sorted(set(a) | set(b)):
        sa, sb = a.get(key), b.get(key)
        if sa is None:
            items.append(DiffItem(key, "new", None, sb))
            continue
        if sb is None:
            items.append(DiffItem(key, "gone", sa, None))
            continue
        changes: list[str] = []
        if by_entities:
            added, removed = sb.entities - sa.entities, sa.entities - sb.entities
            if added:
                changes.append("now also sent to " + ", ".join(sorted(added)))
            if removed:
                changes.append("no longer sent to " + ", ".join(sorted(removed)))
        else:
            added, removed = sb.labels - sa.labels, sa.labels - sb.labels
            if added:
                changes.append("new data: " + ", ".join(sorted(added)))
            if removed:
                changes.append("no longer: " + ", ".join(sorted(removed)))
            if sa.party != sb.party:
                changes.append(f"party {sa.party} → {sb.party}")
        items.append(DiffItem(key, "changed" if changes else "same", sa, sb, changes))
    return items


def diff_sessions(
    a_records: Iterable[FlowRecord], b_records: Iterable[FlowRecord], *, a: str = "A", b: str = "B"
) -> SessionDiff:
    ea, na, la = _collect(a_records)
    eb, nb, lb = _collect(b_records)
    return SessionDiff(
        a=a,
        b=b,
        endpoints=_compare(ea, eb, by_entities=False),
        entities=_compare(na, nb, by_entities=False),
        labels=_compare(la, lb, by_entities=True),
    )


def _counts(item: DiffItem) -> str:
    fa = item.a.flows if item.a else 0
    fb = item.b.flows if item.b else 0
    return f"{fa} → {fb} flows"


def render_text(diff: SessionDiff, *, markdown: bool = False) -> str:
    lines: list[str] = []
    head = "# " if markdown else ""
    lines.append(f"{head}Differences from {diff.a} to {diff.b}")
    if not diff.has_changes():
        lines.append("")
        lines.append("No endpoints, organisations or data categories are new, gone or changed.")
        return "\n".join(lines) + "\n"
    for title, items in (
        ("Data categories", diff.labels),
        ("Organisations", diff.entities),
        ("Endpoints", diff.endpoints),
    ):
        shown = [i for i in items if i.status != "same"]
        lines.append("")
        lines.append(f"## {title}" if markdown else f"{title}:")
        if not shown:
            lines.append("- no change" if markdown else "  no change")
            continue
        for status, sign in (("new", "+"), ("gone", "-"), ("changed", "~")):
            for item in (i for i in shown if i.status == status):
                side = item.b or item.a
                extra = ""
                if (
                    status != "changed"
                    and side is not None
                    and side.labels
                    and title != "Data categories"
                ):
                    extra = " [" + ", ".join(sorted(side.labels)) + "]"
                elif status != "changed" and side is not None and title == "Data categories":
                    extra = " [" + ", ".join(sorted(side.entities)) + "]"
                detail = ("; ".join(item.changes) + "; ") if item.changes else ""
                key = f"`{item.key}`" if markdown else item.key
                prefix = f"- {sign} " if markdown else f"  {sign} "
                lines.append(f"{prefix}{status}: {key}{extra} ({detail}{_counts(item)})")
    return "\n".join(lines) + "\n"
