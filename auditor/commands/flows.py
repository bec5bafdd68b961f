"""`auditor flows`: print stored flows as a table or as the JSONL flow record of the spec."""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from auditor.commands._common import open_store
from auditor.commands.sessions import format_bytes, format_ts, print_table
from auditor.errors import AuditorError
from auditor.export.sessions import make_redactor_for
from auditor.records import FLOW_KINDS, VERDICTS, to_spec_dict
from auditor.store import FlowQuery, Store
from auditor.vendors import registry

if TYPE_CHECKING:
    from auditor.export.redact import Redactor

_PAGE = 1000


def parse_time(text: str) -> float:
    """Epoch seconds, or an ISO 8601 date/time (local time when it has no offset)."""
    try:
        return float(text)
    except ValueError:
        pass
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is neither epoch seconds nor an ISO 8601 time"
        ) from None
    if value.tzinfo is None:
        value = value.astimezone()
    return value.timestamp()


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def add_filter_arguments(p: argparse.ArgumentParser) -> None:
    """The flow filters shared by commands that select flows."""
    p.add_argument("--session", metavar="NAME", help="only this session")
    p.add_argument(
        "--label",
        action="append",
        metavar="CATEGORY",
        help="flows with this label or one below it (identifiers matches identifiers.email); "
        "repeat for any of several",
    )
    p.add_argument("--host", metavar="TEXT", help="host contains TEXT (case-insensitive)")
    p.add_argument("--app", metavar="APP", help="client app (zoom, teams, ...)")
    p.add_argument("--process", metavar="NAME", help="process name")
    p.add_argument(
        "--entity",
        metavar="NAME",
        help="receiving organisation, or a name it is known by (Loggly for SolarWinds Loggly)",
    )
    p.add_argument("--party", choices=("first", "third", "unknown"), help="first or third party")
    p.add_argument("--kind", choices=FLOW_KINDS, help="flow kind")
    p.add_argument("--verdict", choices=VERDICTS, help="worst policy verdict of the flow")
    p.add_argument("--text", metavar="WORDS", help="free text: URL, headers, bodies, labels")
    p.add_argument("--since", type=parse_time, metavar="TIME", help="from TIME (epoch or ISO)")
    p.add_argument("--until", type=parse_time, metavar="TIME", help="before TIME (epoch or ISO)")


def query_from_args(args: argparse.Namespace) -> FlowQuery:
    return FlowQuery(
        session=args.session,
        labels=args.label or None,
        host=args.host,
        app=args.app,
        process=args.process,
        # The stored name is the vendor file's organisation; a user may type its product or
        # former name, or another case.
        entity=registry().organisation_named(args.entity) or args.entity,
        party=args.party,
        kind=args.kind,
        verdict=args.verdict,
        text=args.text,
        since=args.since,
        until=args.until,
    )


def check_session(store: Store, name: str | None) -> None:
    if name is not None and store.session(name) is None:
        known = ", ".join(s.name for s in store.sessions()) or "none yet"
        raise AuditorError(f"no session named {name!r} (sessions: {known})")


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("flows", help="print stored flows (table or JSONL records)")
    add_filter_arguments(p)
    p.add_argument("--format", choices=("table", "jsonl"), default="table", help="output format")
    p.add_argument("--limit", type=positive_int, metavar="N", help="at most N flows")
    p.add_argument(
        "--no-redact",
        action="store_true",
        help="show credentials and identifiers in clear (each JSONL record says redacted: false)",
    )
    p.add_argument(
        "--include-bodies",
        action="store_true",
        help="jsonl: add bodies and WebSocket contents (base64, body_b64/content_b64)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    q = query_from_args(args)
    redacted = not args.no_redact
    with open_store(args, readonly=True) as store:
        check_session(store, args.session)
        # The labeller reads the whole flow (bodies too) to know what to redact.
        redactor = make_redactor_for(args) if redacted else None
        if args.format == "jsonl":
            if redactor is not None:
                primed = store.iter_flows(q, with_bodies=True)
                if args.limit is not None:
                    primed = itertools.islice(primed, args.limit)
                redactor.prime(primed)
            records = store.iter_flows(q, with_bodies=args.include_bodies)
            if args.limit is not None:
                records = itertools.islice(records, args.limit)
            out = sys.stdout
            for record in records:
                shown = redactor.redact_record(record) if redactor is not None else record
                spec = to_spec_dict(
                    shown,
                    redact_credentials=redacted,
                    include_bodies=args.include_bodies,
                )
                spec["redacted"] = redacted
                out.write(json.dumps(spec, ensure_ascii=False) + "\n")
            out.flush()
            return 0
        if redactor is not None:
            # Every flow read first, as for JSONL: a credential found in one flow's body may be
            # a label of the host name shown in another row (`Redactor.redact_host`).
            primed = store.iter_flows(q, with_bodies=True)
            if args.limit is not None:
                primed = itertools.islice(primed, args.limit)
            redactor.prime(primed)
        rows: list[list[str]] = []
        cursor = None
        remaining = args.limit
        while remaining is None or remaining > 0:
            size = _PAGE if remaining is None else min(_PAGE, remaining)
            page = store.query_flows(q, limit=size, cursor=cursor)
            for f in page:
                path = f.path or ""
                host = f.host or ""
                if redactor is not None and path:
                    path = _redacted_path(redactor, host, path)
                if redactor is not None:
                    host = redactor.redact_host(host)
                rows.append(
                    [
                        format_ts(f.ts),
                        f.session,
                        f.app or "-",
                        f.process_name or "-",
                        f.method or f.kind,
                        str(f.status) if f.status is not None else "-",
                        host or "-",
                        _short(path, 48),
                        format_bytes(f.req_size),
                        ",".join(f.labels) or "-",
                        f.verdict or "-",
                    ]
                )
            if remaining is not None:
                remaining -= len(page)
            if len(page) < size:
                break
            cursor = (page[-1].ts, page[-1].rowid)
    if not rows:
        print("no flows match", file=sys.stderr)
        return 0
    print_table(
        ["TIME", "SESSION", "APP", "PROCESS", "METHOD", "STATUS", "HOST", "PATH", "SENT",
         "LABELS", "VERDICT"],
        rows,
        right={5, 8},
    )  # fmt: skip
    return 0


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _redacted_path(redactor: Redactor, host: str, path: str) -> str:
    """The path and query as the labeller-driven redactor leaves them."""
    if not path.startswith("/"):
        return redactor.redact_path(path)
    url = redactor.redact_url_alone(f"https://{host or 'host.invalid'}{path}")
    split = urlsplit(url)
    return split.path + (f"?{split.query}" if split.query else "")
