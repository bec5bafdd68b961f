"""`auditor export har|mitm|jsonl|parquet [--session NAME] -o PATH [--no-redact] [--tls-keylog]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from auditor.commands._common import data_dir, open_store
from auditor.export.common import Progress
from auditor.usecases import EXPORT_FORMATS, ExportRequest, export_flows

NAME = "export"
FORMATS = EXPORT_FORMATS


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        NAME,
        help="export flows as HAR 1.2, mitmproxy flow file, JSONL or Parquet (redacted by default)",
        description="Export flows for packet review. By default credentials are removed and "
        "identifiers replaced by keyed pseudonyms (stable on this install); --no-redact writes "
        "them in clear and says so in the output. HAR opens in browser devtools and HTTP "
        "Toolkit, mitm files in mitmweb/mitmproxy, Parquet in DuckDB, Spark or pandas "
        "(needs the 'research' extra).",
    )
    p.add_argument("format", choices=FORMATS)
    p.add_argument(
        "--session",
        action="append",
        metavar="NAME",
        help="session to export (repeatable; default: all)",
    )
    p.add_argument("-o", "--output", required=True, metavar="PATH")
    p.add_argument(
        "--no-redact",
        action="store_true",
        help="export credentials and identifiers in clear (the output is marked NOT REDACTED)",
    )
    p.add_argument(
        "--tls-keylog",
        nargs="?",
        const="",
        metavar="PATH",
        help="also copy the session's TLS key log (NSS format, for Wireshark) to PATH "
        "(default: OUTPUT.keylog); needs exactly one session captured with key logging",
    )
    p.add_argument("--no-bodies", action="store_true", help="jsonl/parquet: leave bodies out")
    p.add_argument(
        "--progress", action="store_true", help="show progress on stderr even when not a TTY"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    out = Path(args.output)
    keylog: Path | None = None
    if args.tls_keylog is not None:
        keylog = Path(args.tls_keylog) if args.tls_keylog else out.with_name(out.name + ".keylog")
    request = ExportRequest(
        fmt=args.format,
        output=out,
        sessions=tuple(args.session or ()),
        redacted=not args.no_redact,
        include_bodies=not args.no_bodies,
        tls_keylog=keylog,
    )
    show = Progress.wanted(args.progress)
    with open_store(args, readonly=True) as store:
        result = export_flows(
            store,
            data_dir(args),
            request,
            passphrase_file=getattr(args, "passphrase_file", None),
            progress=lambda total: Progress(total, enabled=show),
        )
    print(result.summary())
    if result.keylog is not None:
        session, dest = result.keylog
        print(f"TLS key log for session {session!r} copied to {dest}", file=sys.stdout)
    return 0
