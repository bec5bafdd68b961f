"""`auditor markers add|list|delete`: meeting events (muted, camera_off, screen_share, ...) on a
session's timeline, so flows can be read against what the user was doing."""

from __future__ import annotations

import argparse
import json
import sys
import time

from auditor.commands._common import open_store
from auditor.commands.flows import check_session, parse_time
from auditor.commands.sessions import format_ts, iso_ts, print_table
from auditor.errors import AuditorError
from auditor.store import MARKER_KINDS, Store


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "markers", help="add or list meeting markers (muted, camera_off, ...)"
    )
    sub = p.add_subparsers(dest="markers_command", metavar="ACTION")
    sub.required = True
    add = sub.add_parser(
        "add",
        help="add a marker to a session",
        description="Known kinds: " + ", ".join(MARKER_KINDS) + " (others: lower_case words).",
    )
    add.add_argument("kind", metavar="KIND", help="e.g. " + ", ".join(MARKER_KINDS[:6]) + ", ...")
    add.add_argument(
        "--session",
        metavar="NAME",
        help="the session (default: the one with the latest activity, i.e. the capture running "
        "now; bind `auditor markers add muted` to a desktop shortcut to mark from inside a meeting)",
    )
    add.add_argument(
        "--at", type=parse_time, metavar="TIME", help="when (epoch or ISO 8601; default: now)"
    )
    add.add_argument("--note", default="", help="free text shown with the marker")
    add.set_defaults(func=run)
    lst = sub.add_parser("list", help="list markers")
    lst.add_argument("--session", metavar="NAME", help="only this session")
    lst.add_argument("--format", choices=("table", "json"), default="table")
    lst.set_defaults(func=run)
    rm = sub.add_parser("delete", help="delete a marker by its id")
    rm.add_argument("id", type=int, metavar="ID")
    rm.set_defaults(func=run)


def latest_session(store: Store) -> str:
    """The session with the latest activity (its last flow, or its creation when it has none)."""
    sessions = store.sessions()
    if not sessions:
        raise AuditorError("no session yet: start a capture first, or name one with --session")
    return max(sessions, key=lambda s: max(s.last_ts or 0.0, s.created)).name


def run(args: argparse.Namespace) -> int:
    action = args.markers_command
    if action == "add":
        with open_store(args) as store:
            session = args.session or latest_session(store)
            marker = store.add_marker(
                session, args.at if args.at is not None else time.time(), args.kind, args.note
            )
        print(f"marker {marker.id}: {marker.kind} at {format_ts(marker.ts)} in {marker.session}")
        return 0
    if action == "delete":
        with open_store(args) as store:
            if not store.delete_marker(args.id):
                raise AuditorError(f"no marker with id {args.id}")
        return 0
    with open_store(args, readonly=True) as store:
        check_session(store, args.session)
        markers = store.markers(args.session)
    if args.format == "json":
        json.dump(
            [
                {
                    "id": m.id,
                    "session": m.session,
                    "ts": m.ts,
                    "time": iso_ts(m.ts),
                    "kind": m.kind,
                    "note": m.note,
                }
                for m in markers
            ],
            sys.stdout,
            indent=2,
        )
        print()
        return 0
    if not markers:
        print("no markers", file=sys.stderr)
        return 0
    print_table(
        ["ID", "TIME", "SESSION", "KIND", "NOTE"],
        [[str(m.id), format_ts(m.ts), m.session, m.kind, m.note] for m in markers],
        right={0},
    )
    return 0
