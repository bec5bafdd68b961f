"""Traffic summaries people can share: HTML, JSON, CSV, Markdown and PDF from one `ReportData`."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from auditor.export.common import atomic_output
from auditor.report.html import render_html
from auditor.report.model import (
    SCHEMA_VERSION,
    CountRow,
    MarkerInfo,
    ReportData,
    SessionFacts,
    build_report,
)
from auditor.report.text import render_csv, render_json, render_markdown

ReportFormat = Literal["html", "json", "csv", "md", "pdf"]
REPORT_FORMATS: tuple[str, ...] = ("html", "json", "csv", "md", "pdf")

__all__ = [
    "REPORT_FORMATS",
    "SCHEMA_VERSION",
    "CountRow",
    "MarkerInfo",
    "ReportData",
    "ReportFormat",
    "SessionFacts",
    "build_report",
    "render_csv",
    "render_html",
    "render_json",
    "render_markdown",
    "write_report",
]


def write_report(report: ReportData, fmt: str, path: Path) -> None:
    if fmt == "pdf":
        from auditor.report.pdf import render_pdf

        with atomic_output(path, "wb", private=not report.redacted) as fh:
            render_pdf(report, fh)
        return
    renderers = {"html": render_html, "json": render_json, "csv": render_csv, "md": render_markdown}
    text = renderers[fmt](report)
    with atomic_output(path, "w", private=not report.redacted) as fh:
        fh.write(text)
