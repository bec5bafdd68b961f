"""`auditor report [--session NAME] --format html|json|csv|md|pdf -o PATH` — the traffic summary."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from auditor.commands._common import data_dir, open_store
from auditor.errors import UsageError
from auditor.export.common import Progress
from auditor.usecases import REPORT_FORMATS, ReportRequest, make_report

NAME = "report"
FORMATS = REPORT_FORMATS
_EXTENSIONS = {
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".csv": "csv",
    ".md": "md",
    ".markdown": "md",
    ".pdf": "pdf",
}


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        NAME,
        help="write the traffic summary (HTML, JSON, CSV, Markdown or PDF)",
        description="First, what the vendor's terms allow it to do with what was sent (AI "
        "training, any purpose, marketing, sharing with third parties; only with consent; ruled "
        "out) under each dated version of the terms; then what left the machine per data "
        "category, organisation and process; top endpoints; identifiers found; policy verdicts per clause and across policy versions; "
        "a timeline with markers; and method notes. Redacted unless --no-redact.",
    )
    p.add_argument(
        "--session", action="append", metavar="NAME", help="session (repeatable; default: all)"
    )
    p.add_argument("--format", choices=FORMATS, help="default: from the -o extension")
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="PATH",
        help="file to write ('-' for stdout, text formats)",
    )
    p.add_argument("--title", help="report title")
    p.add_argument(
        "--no-redact", action="store_true", help="show values in clear (marked NOT REDACTED)"
    )
    p.add_argument(
        "--progress", action="store_true", help="show progress on stderr even when not a TTY"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    fmt = args.format or _EXTENSIONS.get(Path(args.output).suffix.lower())
    if fmt is None:
        raise UsageError("give --format html|json|csv|md|pdf (the -o extension does not say)")
    if args.output == "-" and fmt == "pdf":
        raise UsageError("a PDF report needs a file name (-o PATH)")
    request = ReportRequest(
        fmt=fmt,
        output=None if args.output == "-" else Path(args.output),
        sessions=tuple(args.session or ()),
        redacted=not args.no_redact,
        title=args.title,
    )
    show = Progress.wanted(args.progress)
    with open_store(args, readonly=True) as store:
        result = make_report(
            store,
            data_dir(args),
            request,
            passphrase_file=getattr(args, "passphrase_file", None),
            progress=lambda total: Progress(total, enabled=show, what="reading"),
        )
    if result.text is not None:
        sys.stdout.write(result.text)
        return 0
    print(result.summary())
    return 0
