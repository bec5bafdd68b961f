"""The report's banners and tables are built once (auditor/report/sections.py): Markdown, HTML and
PDF show the same columns, the same rows and the same words."""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pytest

from auditor.records import Evidence, Label
from auditor.report import MarkerInfo, build_report, render_html, render_markdown
from auditor.report.model import ReportData
from auditor.report.pdf import render_pdf
from auditor.report.sections import (
    IDENTIFIER_ROWS,
    Table,
    banner,
    client_version_table,
    endpoint_table,
    entity_table,
    identifier_table,
    marker_table,
    process_table,
    tls_failed_table,
    verdict_table,
)
from tests.export.samples import T0, make_records


def _report(redacted: bool) -> ReportData:
    records = make_records()
    # More identifiers than a table shows: the rest is counted under it, in every format.
    for i in range(IDENTIFIER_ROWS + 5):
        evidence = [Evidence("test", f"body › ids › {i}", f"d{i}…")]
        records[0].labels.append(Label("identifiers.device_id", evidence))
    report = build_report(records, markers=[MarkerInfo(T0 + 1, "muted", "mic off", "s1")])
    report.redacted = redacted
    return report


def _words(text: str) -> str:
    return " ".join(text.split())


def _formats(report: ReportData, tmp_path: Path) -> dict[str, str]:
    pdf = tmp_path / "r.pdf"
    render_pdf(report, pdf)
    pdf_text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    page = re.sub(r"<[^>]+>", " ", render_html(report))
    return {
        "md": _words(render_markdown(report).replace("\\", "").replace("**", "")),
        "html": _words(html.unescape(page)),
        "pdf": _words(pdf_text),
    }


TABLES = (
    entity_table,
    endpoint_table,
    identifier_table,
    process_table,
    marker_table,
    client_version_table,
    tls_failed_table,
    verdict_table,
)


@pytest.mark.parametrize("redacted", [True, False])
def test_banner_says_the_same_in_every_format(redacted: bool, tmp_path: Path) -> None:
    report = _report(redacted)
    said = banner(report)
    assert said.redacted is redacted
    assert said.lead == ("Redacted" if redacted else "NOT REDACTED")
    for fmt, text in _formats(report, tmp_path).items():
        assert f"{said.lead}: {_words(said.text)}" in text, fmt


def test_tables_have_the_same_columns_and_rows_in_every_format(tmp_path: Path) -> None:
    report = _report(True)
    formats = _formats(report, tmp_path)
    tables: list[Table] = [build(report) for build in TABLES]
    assert all(t.rows for t in tables), [t.key for t in tables if not t.rows]
    assert len(identifier_table(report).rows) == IDENTIFIER_ROWS
    for table in tables:
        for fmt, text in formats.items():
            if fmt == "md":
                assert "| " + " | ".join(table.head) + " |" in text, (table.key, fmt)
            else:
                # PDF table cells wrap; each column title is there.
                for title in table.head:
                    assert title.split()[0] in text, (table.key, fmt, title)
            if table.note:
                assert _words(table.note) in text, (table.key, fmt)
            for row in table.rows:
                # What every format prints of the row's first cell (a verdict: its words).
                first = row[0].detail[0] if row[0].kind == "judgement" else str(row[0].value)
                assert first.split()[0] in text, (table.key, fmt, first)


def test_an_empty_table_says_so(tmp_path: Path) -> None:
    report = build_report([])
    formats = _formats(report, tmp_path)
    identifiers = identifier_table(report)
    assert not identifiers.rows
    assert identifiers.empty in formats["html"] and identifiers.empty in formats["pdf"]
    assert "_None._" in formats["md"]
