"""The report's banners, facts and tables, built once from `ReportData`; `text.py` (Markdown),
`html.py` and `pdf.py` only format them.

A `Table` says what its columns are and what each cell holds; a cell's `kind` tells a renderer how
to show it (plain text, a code span, a verdict chip, a data → receiver pair), the trailing
`numeric` columns are right-aligned. What a format adds of its own (charts, colours, column widths
on the page) stays in that format's module.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from auditor.report.fmt import (
    PARTY_TEXT,
    human_bytes,
    plural,
    section_ref,
    utc,
    verdict_counts_text,
    verdict_text,
)
from auditor.report.model import CountRow, ReportData

CellKind = Literal[
    "text", "code", "tags", "party", "verdict", "judgement", "clause", "quote", "receiver"
]


@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell. `value` is what plain formats print (flow counts stay numbers);
    `tags`: detail holds the items; `party`: detail is (first | third | unknown);
    `verdict`: value is the verdict ("" when the version has none), detail the clause;
    `judgement`: value is the worst verdict, detail how the clause judged each flow ("Vague 3 ·
    Clear 12"); `clause`: value "document §section", detail (document, §section, version);
    `quote`: value the clipped quote, detail the categories, `note` the explanation;
    `receiver`: value is "category → entity (party)", detail (category, entity, party, flows)."""

    value: str | int
    kind: CellKind = "text"
    detail: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class Table:
    key: str  # names the table for a format's own layout (PDF column widths)
    head: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    numeric: int = 0  # trailing right-aligned columns
    empty: str = "None."  # said instead of an empty table
    note: str = ""  # said under a table that has rows


@dataclass(frozen=True, slots=True)
class Banner:
    """Whether the report is safe to share, said first in every format."""

    redacted: bool
    lead: str
    text: str


def banner(report: ReportData) -> Banner:
    if report.redacted:
        return Banner(
            True,
            "Redacted",
            "credentials removed; identifiers, e-mail addresses and this machine's values "
            "replaced by keyed pseudonyms (HMAC-SHA256, stable on this install, not reversible "
            "without its key).",
        )
    return Banner(
        False,
        "NOT REDACTED",
        "made with --no-redact. This report may contain credentials and personal identifiers "
        "in clear. Do not share it.",
    )


def facts(report: ReportData) -> tuple[tuple[str, str], ...]:
    """The headline numbers as (what, value): "12 flows", "3.4 KiB sent" …"""
    t = report.totals
    return (
        ("flows", str(t.get("flows", 0))),
        ("sent", human_bytes(t.get("bytes_sent", 0))),
        ("received", human_bytes(t.get("bytes_received", 0))),
        ("hosts", str(t.get("hosts", 0))),
        ("organisations", str(t.get("entities", 0))),
        ("third-party flows", str(t.get("third_party_flows", 0))),
    )


def _counts(rows: list[CountRow]) -> tuple[tuple[Cell, ...], ...]:
    return tuple((Cell(r.key), Cell(r.flows), Cell(human_bytes(r.bytes))) for r in rows)


def _tags(items: list[str] | None) -> Cell:
    return Cell(", ".join(items or []), "tags", tuple(items or []))


def _party(party: str | None) -> Cell:
    key = party or "unknown"
    return Cell(PARTY_TEXT.get(key, key), "party", (key,))


def entity_table(report: ReportData) -> Table:
    return Table(
        "entities",
        ("Organisation", "Party", "Domain", "Categories", "Flows", "Bytes"),
        tuple(
            (
                Cell(r.key),
                _party(r.extra.get("party")),
                Cell(r.extra.get("domain") or ""),
                _tags(r.extra.get("labels")),
                Cell(r.flows),
                Cell(human_bytes(r.bytes)),
            )
            for r in report.by_entity
        ),
        2,
    )


def endpoint_table(report: ReportData) -> Table:
    return Table(
        "endpoints",
        ("Endpoint", "Organisation", "Party", "Categories", "Flows", "Bytes"),
        tuple(
            (
                Cell(r.key, "code"),
                Cell(r.extra.get("entity") or ""),
                _party(r.extra.get("party")),
                _tags(r.extra.get("labels")),
                Cell(r.flows),
                Cell(human_bytes(r.bytes)),
            )
            for r in report.top_endpoints
        ),
        2,
    )


IDENTIFIER_ROWS = 60  # the rest is in the JSON report


def identifier_table(report: ReportData) -> Table:
    found = report.identifiers
    more = len(found) - IDENTIFIER_ROWS
    return Table(
        "identifiers",
        ("Category", "Where", "Value (masked)", "Sent to", "Flows"),
        tuple(
            (
                _tags([i["category"]]),
                Cell(i["where"], "code"),
                Cell(i["excerpt"], "code"),
                Cell(", ".join(i["hosts"][:3])),
                Cell(i["flows"]),
            )
            for i in found[:IDENTIFIER_ROWS]
        ),
        1,
        empty="No identifiers, contact data or locations were found.",
        note=f"… and {more} more (see the JSON report)." if more > 0 else "",
    )


QUOTE_CHARS = 240


def clip_quote(text: str, limit: int = QUOTE_CHARS) -> str:
    # Policy packs keep the documents' Markdown emphasis; a quote reads better without it.
    text = " ".join((text or "").replace("**", "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def verdict_table(report: ReportData) -> Table:
    """Per clause: how it judged the flows, which data, and what it says."""
    rows = []
    for v in report.verdicts:
        section = section_ref(v["section"])
        rows.append(
            (
                Cell(
                    v["verdict"],
                    "judgement",
                    (verdict_counts_text(v.get("verdict_counts")) or verdict_text(v["verdict"]),),
                ),
                Cell(
                    f"{v['document']} {section}", "clause", (v["document"], section, v["version"])
                ),
                Cell(
                    clip_quote(v["quote"]),
                    "quote",
                    tuple(v["categories"]),
                    note=v.get("explanation") or "",
                ),
                Cell(v["flows"]),
            )
        )
    return Table(
        "verdicts",
        ("Verdict", "Clause", "Data and clause text", "Flows"),
        tuple(rows),
        1,
        empty="No policy findings for these flows.",
    )


def quote_text(cell: Cell) -> str:
    """A quote cell as one line of plain text: categories — “quote” explanation."""
    text = ", ".join(cell.detail)
    if cell.value:
        text += f" — “{cell.value}”"
    return f"{text} {cell.note}" if cell.note else text


def category_table(report: ReportData) -> Table:
    return Table("categories", ("Category", "Flows", "Bytes"), _counts(report.by_label), 2)


def process_table(report: ReportData) -> Table:
    return Table("processes", ("Process (app)", "Flows", "Bytes"), _counts(report.by_process), 2)


def marker_table(report: ReportData) -> Table:
    markers = report.timeline.get("markers") or []
    return Table(
        "markers",
        ("Time", "Marker", "Note"),
        tuple((Cell(utc(m["ts"])), Cell(m["kind"]), Cell(m["note"])) for m in markers),
        empty="No markers were set.",
    )


def client_version_table(report: ReportData) -> Table:
    seen = report.method.get("client_versions") or []
    return Table(
        "client_versions",
        ("User-Agent", "Flows"),
        tuple((Cell(u["user_agent"], "code"), Cell(u["flows"])) for u in seen),
        1,
        empty="No User-Agent headers seen.",
    )


def tls_failed_table(report: ReportData) -> Table:
    failed = report.method.get("tls_failed") or []
    return Table(
        "tls_failed",
        ("Host (SNI)", "Organisation", "Process", "Flows"),
        tuple(
            (
                Cell(x["host"]),
                Cell(x.get("entity") or ""),
                Cell(", ".join(x["processes"])),
                Cell(x["flows"]),
            )
            for x in failed
        ),
        1,
        empty="Every TLS connection was decrypted.",
        note="What these carried is unknown: labels and verdicts above do not cover them.",
    )


def _receiver(row: dict[str, Any]) -> Cell:
    party = str(row.get("party", ""))
    return Cell(
        f"{row['category']} → {row['entity']} ({party})",
        "receiver",
        (str(row["category"]), str(row["entity"]), party, plural(row.get("flows", 0), "flow")),
    )


def version_tables(report: ReportData) -> tuple[tuple[str, Table], ...]:
    """Per document: the verdict each of its versions gives the same data flows."""
    docs: dict[str, list[dict[str, Any]]] = {}
    for row in report.verdict_versions:
        docs.setdefault(str(row["document"]), []).append(row)
    tables = []
    for doc, rows in docs.items():
        versions = sorted({str(v) for r in rows for v in r["verdicts"]})
        tables.append(
            (
                doc,
                Table(
                    "versions",
                    ("Data → receiver", *versions),
                    tuple(
                        (
                            _receiver(r),
                            *(
                                Cell(
                                    r["verdicts"].get(v) or "",
                                    "verdict",
                                    (section_ref(r.get("sections", {}).get(v)),),
                                )
                                for v in versions
                            ),
                        )
                        for r in rows
                    ),
                ),
            )
        )
    return tuple(tables)


NO_VERSIONS = "No policy versions to compare."
