"""The JSON, CSV and Markdown reports."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence

from auditor.report.fmt import (
    duration,
    human_bytes,
    section_ref,
    utc,
    verdict_text,
)
from auditor.report.model import CountRow, ReportData
from auditor.report.purposes_text import purposes_csv_rows, purposes_markdown
from auditor.report.sections import (
    Cell,
    Table,
    banner,
    category_table,
    client_version_table,
    endpoint_table,
    entity_table,
    facts,
    identifier_table,
    marker_table,
    process_table,
    quote_text,
    tls_failed_table,
    verdict_table,
    version_tables,
)


def render_json(report: ReportData) -> str:
    return json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n"


CSV_COLUMNS = ("section", "key", "detail", "flows", "bytes", "value")


# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A cell as OWASP recommends for CSV: text that a spreadsheet would read as a formula gets a
    leading apostrophe, so captured text (`=HYPERLINK(…)`) stays text. Numbers are left as is."""
    if not isinstance(value, str):
        return value
    if "\r" in value:
        # Rows end in "\n", so the writer quotes "\n" but not a lone "\r", which readers take
        # for the end of the row.
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    if value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


class _SafeWriter:
    def __init__(self, buf: io.StringIO) -> None:
        self._writer = csv.writer(buf, lineterminator="\n")

    def writerow(self, row: Sequence[object]) -> None:
        self._writer.writerow([csv_cell(c) for c in row])


def render_csv(report: ReportData) -> str:
    """One table in long form: `section` says which part of the report a row belongs to."""
    buf = io.StringIO()
    writer = _SafeWriter(buf)
    writer.writerow(CSV_COLUMNS)
    writer.writerow(["meta", "redacted", "", "", "", str(report.redacted).lower()])
    writer.writerow(["meta", "generated_at", "", "", "", utc(report.generated_at)])
    # The purpose answer first, as in every format.
    for purpose_row in purposes_csv_rows(report.purposes):
        writer.writerow(purpose_row)
    for s in report.sessions:
        writer.writerow(
            ["session", s.name, f"{utc(s.first_ts)} – {utc(s.last_ts)}", s.flow_count, "", ""]
        )
    for key, value in report.totals.items():
        writer.writerow(["total", key, "", "", "", value])
    sections: Sequence[tuple[str, Sequence[CountRow], str]] = (
        ("label", report.by_label, ""),
        ("entity", report.by_entity, "party"),
        ("party", report.by_party, ""),
        ("process", report.by_process, "app"),
        ("kind", report.by_kind, ""),
        ("endpoint", report.top_endpoints, "entity"),
    )
    for name, rows, detail in sections:
        for r in rows:
            extra = r.extra.get(detail) if detail else ""
            labels = ";".join(r.extra.get("labels") or [])
            writer.writerow([name, r.key, extra or "", r.flows, r.bytes, labels])
    for i in report.identifiers:
        writer.writerow(["identifier", i["category"], i["where"], i["flows"], "", i["excerpt"]])
    for v in report.verdicts:
        writer.writerow(
            [
                "verdict",
                f"{v['document']} {section_ref(v['section'])}",
                v["version"],
                v["flows"],
                "",
                v["verdict"],
            ]
        )
    for row in report.verdict_versions:
        for version, verdict in row["verdicts"].items():
            section = row.get("sections", {}).get(version, "")
            writer.writerow(
                [
                    "verdict_version",
                    f"{row['document']}@{version} {section_ref(section)}",
                    f"{row['category']} → {row['entity']}",
                    row.get("flows", ""),
                    "",
                    verdict,
                ]
            )
    for b in report.timeline.get("buckets") or []:
        writer.writerow(["timeline", utc(b["ts"]), "", b["flows"], b["bytes"], ""])
    for m in report.timeline.get("markers") or []:
        writer.writerow(["marker", utc(m["ts"]), m["kind"], "", "", m["note"]])
    for t in report.method.get("tls_failed") or []:
        writer.writerow(["tls_failed", t["host"], ";".join(t["processes"]), t["flows"], "", ""])
    for u in report.method.get("client_versions") or []:
        writer.writerow(["client_version", u["user_agent"], "", u["flows"], "", ""])
    for note in report.method.get("notes") or []:
        writer.writerow(["note", "", "", "", "", note])
    return buf.getvalue()


class _Markdown(str):
    """Text already made safe for Markdown (a code span built by `_code`)."""


# Underscores stay: CommonMark does not emphasise inside words, and category names hold them.
_MD_ESCAPES = {c: "\\" + c for c in "\\`*[]()!|"}
_MD_ESCAPES.update({"<": "&lt;", ">": "&gt;", "&": "&amp;", "\n": " ", "\r": " "})
_MD_TABLE = str.maketrans(_MD_ESCAPES)


def _md(text: object) -> str:
    """Captured text as Markdown text: HTML, link and emphasis syntax escaped, one line."""
    if isinstance(text, _Markdown):
        return text
    return str(text if text is not None else "").translate(_MD_TABLE)


def _code(text: object) -> _Markdown:
    """Captured text as a code span (nothing inside is markup); backticks in it cannot end it."""
    body = " ".join(str(text if text is not None else "").split()).replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if body.startswith("`") or body.endswith("`") else ""
    return _Markdown(f"{fence}{pad}{body}{pad}{fence}")


def _md_table(head: Sequence[str], rows: Sequence[Sequence[object]], numeric: int = 0) -> str:
    if not rows:
        return "_None._\n"
    align = ["---"] * (len(head) - numeric) + ["---:"] * numeric
    lines = ["| " + " | ".join(head) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(_md(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _md_cell(cell: Cell) -> object:
    if cell.kind == "code":
        return _code(cell.value)
    if cell.kind == "verdict":
        return f"{verdict_text(str(cell.value))} {cell.detail[0]}" if cell.value else "–"
    if cell.kind == "judgement":
        return cell.detail[0]
    if cell.kind == "clause":
        return f"{cell.value} ({cell.detail[2]})"
    if cell.kind == "quote":
        return quote_text(cell)
    return cell.value


def _md_section(table: Table) -> str:
    rows = [[_md_cell(c) for c in row] for row in table.rows]
    text = _md_table(table.head, rows, table.numeric)
    return text + f"\n{_md(table.note)}\n" if rows and table.note else text


def render_markdown(report: ReportData) -> str:
    out = [f"# {_md(report.title)}\n"]
    for s in report.sessions:
        span = (s.last_ts - s.first_ts) if s.first_ts and s.last_ts else None
        out.append(
            f"- Session **{_md(s.name)}**: {utc(s.first_ts)} – {utc(s.last_ts)} ({duration(span)})"
        )
    out.append(f"- Generated {utc(report.generated_at)}\n")
    warning = banner(report)
    out.append(f"> **{warning.lead}:** {warning.text}\n")  # our own words, not captured text
    (first, first_value), *rest = facts(report)
    out.append(f"**{first_value} {first}**, " + ", ".join(f"{v} {k}" for k, v in rest) + ".\n")
    out.append(purposes_markdown(report.purposes))
    out.append("## What left the machine, by data category\n")
    out.append(_md_section(category_table(report)))
    out.append("## Who received it\n")
    out.append(_md_section(entity_table(report)))
    out.append("### Processes\n")
    out.append(_md_section(process_table(report)))
    out.append("## Top endpoints\n")
    out.append(_md_section(endpoint_table(report)))
    out.append("## Identifiers found\n")
    out.append(_md_section(identifier_table(report)))
    out.append("## Beside the vendor's terms\n### Verdicts per clause\n")
    out.append(_md_section(verdict_table(report)))
    out.append("### Across policy versions\n")
    versions = version_tables(report)
    if not versions:
        out.append("_None._\n")
    for doc, table in versions:
        out.append(f"**{_md(doc)}**\n")
        out.append(_md_section(table))
    out.append("## Timeline\n")
    out.append(
        _md_table(
            ["Bucket start", "Flows", "Bytes"],
            [
                (utc(b["ts"]), b["flows"], human_bytes(b["bytes"]))
                for b in report.timeline.get("buckets") or []
            ],
            2,
        )
    )
    out.append("### Markers\n")
    out.append(_md_section(marker_table(report)))
    method = report.method
    out.append("## Method notes\n")
    out.append(f"- Capture mode: {', '.join(method.get('capture_modes') or []) or 'not recorded'}")
    out.append(
        "- Flow sources: "
        + ", ".join(f"{k}: {v}" for k, v in sorted((method.get("sources") or {}).items()))
    )
    for note in method.get("notes") or []:
        out.append(f"- {_md(note)}")
    out.append("\n### Client versions seen (User-Agent)\n")
    out.append(_md_section(client_version_table(report)))
    out.append("### Connections that could not be decrypted\n")
    out.append(_md_section(tls_failed_table(report)))
    return "\n".join(out)
