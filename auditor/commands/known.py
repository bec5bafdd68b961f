"""`auditor known add|list|remove KIND VALUE`: tell the labeller who you are.

Your e-mail, name, phone, meeting ids … are looked for in every flow, raw and in the forms apps
send them in (hashed, base64, percent-encoded). They are personal data, so they are kept in the
encrypted store, never in a file of the data dir. After a change, every stored flow is labelled
again, so past sessions show where your values went too.
"""

from __future__ import annotations

import argparse
import json
import sys

from auditor.commands._common import data_dir, open_store
from auditor.errors import AuditorError
from auditor.label.known_values import MIN_LENGTH, USER_KINDS


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    kinds = ", ".join(USER_KINDS)
    p = subparsers.add_parser(
        "known",
        help="your own values (e-mail, name, meeting ids …) to find in flows",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = p.add_subparsers(dest="known_command", metavar="ACTION")
    sub.required = True
    for action, text in (("add", "add a value"), ("remove", "remove a value")):
        one = sub.add_parser(action, help=text, description=f"KIND is one of: {kinds}.")
        one.add_argument("kind", metavar="KIND", choices=list(USER_KINDS), help=kinds)
        one.add_argument("value", metavar="VALUE")
        one.add_argument(
            "--no-relabel",
            action="store_true",
            help="do not label the stored flows again (they are, by the next change)",
        )
        one.set_defaults(func=run)
    lst = sub.add_parser("list", help="list your values")
    lst.add_argument("--format", choices=("table", "json"), default="table")
    lst.set_defaults(func=run)


def relabel(args: argparse.Namespace) -> int:
    from auditor.enrich import Enricher, relabel_store

    with open_store(args) as store:
        enricher = Enricher(data_dir=data_dir(args), user_values=store.known_values())
        return relabel_store(store, enricher)


def run(args: argparse.Namespace) -> int:
    action = args.known_command
    if action == "list":
        with open_store(args, readonly=True) as store:
            values = store.known_values()
        if args.format == "json":
            json.dump(values, sys.stdout, ensure_ascii=False, indent=2)
            print()
            return 0
        for kind, items in values.items():
            for item in items:
                print(f"{kind}\t{item}")
        if not values:
            print("no known values yet: `auditor known add email you@example.com`", file=sys.stderr)
        return 0
    value = args.value.strip()
    if action == "add" and len(value) < MIN_LENGTH:
        raise AuditorError(
            f"{value!r} is too short to look for: known values need {MIN_LENGTH} characters or more"
        )
    with open_store(args) as store:
        if action == "add":
            changed = store.add_known_value(args.kind, value)
        else:
            changed = store.remove_known_value(args.kind, value)
    if not changed:
        if action == "add":
            print(f"{args.kind} {value!r} is known already", file=sys.stderr)
            return 0
        raise AuditorError(f"no known {args.kind} {value!r} (see `auditor known list`)")
    print(f"{'added' if action == 'add' else 'removed'} {args.kind} {value!r}", file=sys.stderr)
    if not args.no_relabel:
        count = relabel(args)
        print(f"labelled {count} stored flows again", file=sys.stderr)
    return 0
