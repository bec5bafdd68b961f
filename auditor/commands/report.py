"""`auditor report [--session NAME] --format html|json|csv|md|pdf -o PATH` — the traffic summary."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from auditor.commands._common import data_dir, open_store
from auditor.errors import UsageError
from auditor.export.common import Progress, counted
from auditor.export.sessions import iter_session_flows, make_redactor_for, selected_sessions
from auditor.records import FlowRecord

NAME = "report"
FORMATS = ("html", "json", "csv", "md", "pdf")
_EXTENSIONS = {
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".csv": "csv",
    ".md": "md",
    ".markdown": "md",
    ".pdf": "pdf",
}


def add_parser(subparsers: Any) -> None:
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


def _policy_timeline(documents: list[str], root: Path) -> Any:
    from auditor.policy import PolicyEngine
    from auditor.report.model import timeline_rows

    engine = PolicyEngine.for_data_dir(root)  # the shipped packs and the user's own

    def run(records: list[FlowRecord]) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = []
        seen = {f.document for r in records for f in r.policy}
        for app in {r.process.app for r in records if r.process.app}:
            seen.update(engine.documents_for_app(app))
        for document in sorted(seen | set(documents)):
            if engine.versions(document):
                rows.extend(timeline_rows(document, engine.timeline(records, document)))
        return rows

    return run


def _purposes(root: Path) -> Any:
    from auditor.policy import PolicyEngine
    from auditor.policy.purposes import PurposeAnswer, answer_purposes

    engine = PolicyEngine.for_data_dir(root)

    def run(records: list[FlowRecord]) -> PurposeAnswer:
        return answer_purposes(records, engine)

    return run


def run(args: argparse.Namespace) -> int:
    from auditor.report import MarkerInfo, SessionFacts, build_report, write_report
    from auditor.report.html import render_html
    from auditor.report.text import render_csv, render_json, render_markdown

    fmt = args.format or _EXTENSIONS.get(Path(args.output).suffix.lower())
    if fmt is None:
        raise UsageError("give --format html|json|csv|md|pdf (the -o extension does not say)")
    if args.output == "-" and fmt == "pdf":
        raise UsageError("a PDF report needs a file name (-o PATH)")
    redacted = not args.no_redact
    with open_store(args, readonly=True) as store:
        sessions = selected_sessions(store, args.session)
        facts = [
            SessionFacts(s.name, s.first_ts, s.last_ts, s.flow_count, list(s.apps), dict(s.meta))
            for s in sessions
        ]
        markers = [
            MarkerInfo(m.ts, m.kind, m.note, m.session)
            for s in sessions
            for m in store.markers(s.name)
        ]
        meter = Progress(
            sum(s.flow_count for s in sessions),
            enabled=Progress.wanted(args.progress),
            what="reading",
        )
        redactor = make_redactor_for(args) if redacted else None
        if redactor is not None:
            # What the labeller finds in whole flows (bodies too), before anything is shown.
            redactor.prime(iter_session_flows(store, sessions))
        report = build_report(
            counted(iter_session_flows(store, sessions, with_bodies=False), meter),
            sessions=facts,
            markers=markers,
            redactor=redactor,
            policy_timeline=_policy_timeline([], data_dir(args).root),
            purposes=_purposes(data_dir(args).root),
            title=args.title,
        )
        meter.done()
    if args.output == "-":
        renderers = {
            "html": render_html,
            "json": render_json,
            "csv": render_csv,
            "md": render_markdown,
        }
        sys.stdout.write(renderers[fmt](report))
        return 0
    write_report(report, fmt, Path(args.output))
    note = "redacted" if redacted else "NOT REDACTED"
    print(f"wrote {fmt} report of {report.totals['flows']} flows to {args.output} ({note})")
    return 0
