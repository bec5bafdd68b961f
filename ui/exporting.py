"""Export and report menu entries: each runs the `auditor export|report` command's own code in a
worker thread, with arguments parsed by that command's parser (so defaults and checks match the
CLI exactly)."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import io
from collections.abc import Sequence
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


def command_argv(
    entry: ExportEntry,
    output: Path,
    *,
    data_dir: Path,
    session: str | None,
    passphrase_file: str | None = None,
) -> list[str]:
    argv = ["--data-dir", str(data_dir)]
    if passphrase_file:
        argv += ["--passphrase-file", passphrase_file]
    if entry.command == "report":
        argv += ["report", "--format", entry.fmt, "-o", str(output)]
    else:
        argv += ["export", entry.fmt, "-o", str(output)]
    if session:
        argv += ["--session", session]
    return argv


def run_command(argv: Sequence[str]) -> str:
    """Runs one `auditor` command in this process (call it from a worker); returns its stdout.

    Raises AuditorError with the command's one-line message when it fails.
    """
    from auditor.errors import AuditorError

    parser = argparse.ArgumentParser(prog="auditor")
    parser.add_argument("--data-dir")
    parser.add_argument("--passphrase-file")
    sub = parser.add_subparsers(dest="command")
    name = next(a for a in argv if not a.startswith("-") and a in ("report", "export"))
    module = importlib.import_module(f"auditor.commands.{name}")
    module.add_parser(sub)
    out = io.StringIO()
    err = io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            args = parser.parse_args(list(argv))
            code = int(args.func(args) or 0)
    except SystemExit as exc:  # argparse usage error
        raise AuditorError(
            err.getvalue().strip().splitlines()[-1] if err.getvalue() else str(exc)
        ) from None
    if code != 0:
        raise AuditorError(err.getvalue().strip() or f"{name} failed (exit code {code})")
    return out.getvalue()
