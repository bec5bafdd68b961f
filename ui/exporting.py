"""Export and report menu entries. Each runs the same use case as `auditor export|report`
(`auditor.usecases`) with typed parameters, in a worker thread with its own read-only store."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class ExportEntry:
    title: str
    command: str  # "report" | "export"
    fmt: str
    suffix: str
    file_filter: str


EXPORTS: tuple[ExportEntry, ...] = (
    ExportEntry("Report (HTML)…", "report", "html", ".html", "HTML report (*.html)"),
    ExportEntry("Report (Markdown)…", "report", "md", ".md", "Markdown (*.md)"),
    ExportEntry("Report (CSV)…", "report", "csv", ".csv", "CSV (*.csv)"),
    ExportEntry("Report (JSON)…", "report", "json", ".json", "JSON (*.json)"),
    ExportEntry("Report (PDF)…", "report", "pdf", ".pdf", "PDF (*.pdf)"),
    ExportEntry("Flows as HAR…", "export", "har", ".har", "HAR 1.2 (*.har)"),
    ExportEntry("Flows as mitmproxy file…", "export", "mitm", ".mitm", "mitmproxy flows (*.mitm)"),
    ExportEntry("Flows as JSONL…", "export", "jsonl", ".jsonl", "JSON Lines (*.jsonl)"),
    ExportEntry("Flows as Parquet…", "export", "parquet", ".parquet", "Parquet (*.parquet)"),
)


def run_entry(
    entry: ExportEntry,
    output: Path,
    *,
    data_dir: Path,
    session: str | None,
    passphrase_file: str | None = None,
) -> str:
    """Writes one export or report (call it from a worker); returns the one-line summary the
    command line prints. Raises AuditorError with a one-line message when it fails."""
    from auditor.paths import DataDir
    from auditor.store import open_store
    from auditor.usecases import ExportRequest, ReportRequest, export_flows, make_report

    dd = DataDir(data_dir)
    sessions = (session,) if session else ()
    with open_store(dd, passphrase_file=passphrase_file, readonly=True) as store:
        if entry.command == "report":
            report = ReportRequest(fmt=entry.fmt, output=output, sessions=sessions)
            return make_report(store, dd, report, passphrase_file=passphrase_file).summary()
        export = ExportRequest(fmt=entry.fmt, output=output, sessions=sessions)
        return export_flows(store, dd, export, passphrase_file=passphrase_file).summary()
