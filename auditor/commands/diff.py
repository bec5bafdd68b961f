"""`auditor diff SESSION_A SESSION_B` — endpoints, organisations and data categories that are new,
gone or changed between two sessions."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from auditor.commands._common import open_store
from auditor.diff import diff_sessions, render_text
from auditor.export.common import atomic_output
from auditor.export.sessions import iter_session_flows, selected_sessions

NAME = "diff"


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        NAME,
        help="what is new, gone or changed between two sessions",
        description="Compare two sessions (before/after a client update, muted/unmuted, "
        "before/after consent): endpoints, receiving organisations and data categories that "
        "are new, gone or changed.",
    )
    p.add_argument("session_a", metavar="SESSION_A")
    p.add_argument("session_b", metavar="SESSION_B")
    p.add_argument("--format", choices=("text", "md", "json"), default="text")
    p.add_argument("-o", "--output", metavar="PATH", help="write here instead of stdout")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with open_store(args, readonly=True) as store:
        a, b = selected_sessions(store, [args.session_a, args.session_b])
        result = diff_sessions(
            iter_session_flows(store, [a], with_bodies=False),
            iter_session_flows(store, [b], with_bodies=False),
            a=a.name,
            b=b.name,
        )
    if args.format == "json":
        text = json.dumps(result.to_json(), indent=2, ensure_ascii=False) + "\n"
    else:
        text = render_text(result, markdown=args.format == "md")
    if args.output:
        with atomic_output(Path(args.output), "w") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)
    return 0
