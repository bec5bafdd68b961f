"""`auditor export har|mitm|jsonl|parquet [--session NAME] -o PATH [--no-redact] [--tls-keylog]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from auditor.commands._common import data_dir, open_store
from auditor.errors import UsageError
from auditor.export.common import Progress
from auditor.export.sessions import iter_session_flows, make_redactor_for, selected_sessions

NAME = "export"
FORMATS = ("har", "mitm", "jsonl", "parquet")


def add_parser(subparsers: Any) -> None:
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
    if out.is_dir():
        raise UsageError(f"-o {out} is a folder; give a file name")
    if args.format == "parquet":
        from auditor.export.parquet import _pyarrow

        _pyarrow()  # fail before any work when the research extra is missing
    redacted = not args.no_redact
    with open_store(args, readonly=True) as store:
        sessions = selected_sessions(store, args.session)
        if args.tls_keylog is not None and len(sessions) != 1:
            raise UsageError("--tls-keylog needs exactly one --session")
        total = sum(s.flow_count for s in sessions)
        redactor = make_redactor_for(args) if redacted else None
        if redactor is not None:
            # Everything the labeller finds, before the first flow is written: a token found
            # in a later flow must not stay in an earlier one.
            redactor.prime(iter_session_flows(store, sessions))
        flows = iter_session_flows(store, sessions)
        if redactor is not None:
            flows = (redactor.redact_record(r) for r in flows)
        meter = Progress(total, enabled=Progress.wanted(args.progress))
        session_name = sessions[0].name if len(sessions) == 1 else None
        if args.format == "har":
            from auditor.export.har import write_har

            count = write_har(flows, out, redacted=redacted, session=session_name, progress=meter)
        elif args.format == "mitm":
            from auditor.export.mitm import write_mitm

            count = write_mitm(flows, out, redacted=redacted, progress=meter)
        elif args.format == "jsonl":
            from auditor.export.jsonl import write_jsonl

            count = write_jsonl(
                flows, out, redacted=redacted, include_bodies=not args.no_bodies, progress=meter
            )
        else:
            from auditor.export.parquet import write_parquet

            if args.no_bodies:
                flows = (_without_bodies(r) for r in flows)
            count = write_parquet(flows, out, redacted=redacted, progress=meter)
        meter.done()
    note = "redacted" if redacted else "NOT REDACTED: credentials and identifiers in clear"
    print(f"exported {count} flows to {out} ({note})")
    if args.tls_keylog is not None:
        from auditor.export.tlskeys import copy_keylog

        dest = Path(args.tls_keylog) if args.tls_keylog else out.with_name(out.name + ".keylog")
        copy_keylog(data_dir(args), sessions[0].name, dest)
        print(f"TLS key log for session {sessions[0].name!r} copied to {dest}", file=sys.stdout)
    return 0


def _without_bodies(record: Any) -> Any:
    if record.request is not None:
        record.request.body = None
    if record.response is not None:
        record.response.body = None
    for msg in record.websocket:
        msg.content = b""
    return record
