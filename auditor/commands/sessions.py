"""`auditor sessions [--format table|json]`: the sessions in the store, with counts."""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import datetime
from typing import Any

from auditor.commands._common import open_store


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("sessions", help="list capture sessions with their counts")
    p.add_argument("--format", choices=("table", "json"), default="table", help="output format")
    p.set_defaults(func=run)


def format_ts(ts: float | None) -> str:
    """Local time, to the second; '-' when unknown."""
    if ts is None:
        return "-"
    return datetime.fromtimestamp(ts).astimezone().strftime("%Y-%m-%d %H:%M:%S")


def iso_ts(ts: float | None) -> str | None:
    return None if ts is None else datetime.fromtimestamp(ts).astimezone().isoformat()


def format_bytes(n: int) -> str:
    size = float(n)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"


_ANSI_RE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")


def terminal_safe(text: str) -> str:
    """Captured text made safe for a terminal table: ANSI escape sequences removed, and control
    characters (newlines included, so a record stays one row) and bidi overrides shown as
    escapes instead of acting on the terminal."""
    text = _ANSI_RE.sub("", text)
    if text.isprintable():
        return text
    return "".join(
        c if c.isprintable() else (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")
        for c in text
    )


def print_table(
    headers: list[str], rows: list[list[str]], *, right: set[int] | None = None
) -> None:
    """Columns padded to width; every cell passes `terminal_safe` (cells hold captured text)."""
    right = right or set()
    rows = [[terminal_safe(cell) for cell in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]

    def line(cells: list[str]) -> str:
        out = [
            cell.rjust(w) if i in right else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(out).rstrip()

    print(line(headers))
    for row in rows:
        print(line(row))


def run(args: argparse.Namespace) -> int:
    with open_store(args, readonly=True) as store:
        sessions = store.sessions()
    if args.format == "json":
        out: list[dict[str, Any]] = [
            {
                "name": s.name,
                "flows": s.flow_count,
                "bytes": s.bytes,
                "first_ts": s.first_ts,
                "last_ts": s.last_ts,
                "first": iso_ts(s.first_ts),
                "last": iso_ts(s.last_ts),
                "created": s.created,
                "apps": s.apps,
                "markers": s.markers,
                "meta": s.meta,
            }
            for s in sessions
        ]
        json.dump(out, sys.stdout, indent=2, default=str)
        print()
        return 0
    if not sessions:
        print("no sessions yet (start one with `auditor capture` or `auditor import`)")
        return 0
    print_table(
        ["SESSION", "FLOWS", "BYTES", "FIRST", "LAST", "MARKERS", "APPS"],
        [
            [
                s.name,
                str(s.flow_count),
                format_bytes(s.bytes),
                format_ts(s.first_ts),
                format_ts(s.last_ts),
                str(s.markers),
                ",".join(s.apps) or "-",
            ]
            for s in sessions
        ],
        right={1, 2, 5},
    )
    return 0
