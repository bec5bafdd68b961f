"""`auditor import FILE… [--session NAME]` — HAR 1.2, mitmproxy flow files and JSONL into the store.

Each file is read completely and labelled before anything is stored, then stored in one
transaction: a malformed file stops the command with a one-line error and leaves the store as it
was (files before it stay imported). Re-importing a file into the same session replaces its flows
instead of doubling them; a flow id already stored in another session gets a new id.
"""

from __future__ import annotations

import argparse
import sys
import uuid
from pathlib import Path
from typing import Any

from auditor.commands._common import data_dir, open_store
from auditor.errors import AuditorError, InputFormatError
from auditor.export.common import Progress
from auditor.importers import detect_format, iter_records, max_bytes_from_env
from auditor.records import FlowRecord

NAME = "import"


def add_parser(subparsers: Any) -> None:
    p = subparsers.add_parser(
        NAME,
        help="read HAR 1.2 files, mitmproxy flow files (.mitm, .flow) or JSONL flow records "
        "into the store and label them",
        description="Read HAR 1.2 (Chrome, Firefox, Charles, Insomnia, mitmproxy, HTTP Toolkit), "
        "mitmproxy flow files and JSONL flow records into the store, labelled like live capture. "
        "The format is recognised from the content.",
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument(
        "--session",
        metavar="NAME",
        help="session to import into (default: the session recorded in files this program "
        "exported, else the file name without extension)",
    )
    p.add_argument(
        "--app",
        metavar="APP",
        help="the client these flows belong to (e.g. zoom, teams): decides first/third party "
        "and which policy applies when the file has no process information",
    )
    p.add_argument(
        "--max-size",
        type=float,
        metavar="MIB",
        help="refuse HAR and JSONL files larger than this (default 512, or $AUDITOR_IMPORT_MAX_MIB)",
    )
    p.add_argument("--progress", action="store_true", help="show progress on stderr")
    p.set_defaults(func=run)


def _unique_ids(store: Any, records: list[FlowRecord]) -> None:
    """Keep ids that are new or already in the same session (re-import replaces). An id stored in
    another session gets an id derived from (session, id), so importing the same file into the
    same session again still replaces instead of doubling."""
    for record in records:
        existing = store.get_flow(record.id)
        if existing is not None and existing.session != record.session:
            record.id = uuid.uuid5(
                uuid.NAMESPACE_URL, f"auditor-import:{record.session}:{record.id}"
            ).hex


def import_file(
    store: Any,
    enricher: Any,
    path: Path,
    *,
    session: str | None,
    app: str | None,
    max_bytes: int,
    progress: bool,
) -> tuple[str, int]:
    fmt = detect_format(path)
    records: list[FlowRecord] = []
    meter = Progress(None, enabled=progress, what=f"reading {path.name}:")
    for record in iter_records(path, session=session, max_bytes=max_bytes, fmt=fmt):
        if app and not record.process.app:
            record.process.app = app
        enricher.enrich(record, app=app)
        records.append(record)
        meter(len(records))
    meter.done()
    if not records:
        return (session or path.stem), 0
    _unique_ids(store, records)
    for name in sorted({r.session for r in records}):
        # The app the user named is remembered: `auditor policy rejudge` judges with it again.
        meta = {"app": app} if app else {}
        store.ensure_session(name, imported_from=str(path.name), import_format=fmt, **meta)
    store.add_flows(records)
    return records[0].session, len(records)


def run(args: argparse.Namespace) -> int:
    paths = [Path(f) for f in args.files]
    for path in paths:
        if not path.is_file():
            raise AuditorError(f"{path}: no such file")
    max_bytes = max_bytes_from_env(args.max_size)
    from auditor.enrich import Enricher

    enricher = Enricher(data_dir=data_dir(args))
    progress = Progress.wanted(args.progress)
    done = 0
    with open_store(args) as store:
        for path in paths:
            try:
                session, count = import_file(
                    store,
                    enricher,
                    path,
                    session=args.session,
                    app=args.app,
                    max_bytes=max_bytes,
                    progress=progress,
                )
            except InputFormatError as err:
                if done:
                    raise InputFormatError(
                        f"{err} (nothing from this file was stored; {done} earlier file(s) were "
                        "imported)"
                    ) from None
                raise
            done += 1
            print(f"imported {count} flows from {path} into session {session!r}", file=sys.stdout)
    return 0
