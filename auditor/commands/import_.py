"""`auditor import FILE… [--session NAME]` — HAR 1.2, mitmproxy flow files and JSONL into the store.

Each file is read completely and labelled before anything is stored, then stored in one
transaction: a malformed file stops the command with a one-line error and leaves the store as it
was (files before it stay imported). Importing the same file into the same session again adds
nothing; a flow id already stored in its session is skipped and counted, one stored in another
session gets a new id (`auditor.usecases`, which the desktop app's import uses too).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from auditor.commands._common import data_dir, open_store
from auditor.export.common import Progress
from auditor.usecases import FileImport, check_files, import_files

NAME = "import"


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        NAME,
        help="read HAR 1.2 files, mitmproxy flow files (.mitm, .flow) or JSONL flow records "
        "into the store and label them",
        description="Read HAR 1.2 (Chrome, Firefox, Charles, Insomnia, mitmproxy, HTTP Toolkit), "
        "mitmproxy flow files and JSONL flow records into the store, labelled like live capture. "
        "The format is recognised from the content. A file already imported into the session "
        "adds nothing.",
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
        help="refuse files larger than this (default 512, or $AUDITOR_IMPORT_MAX_MIB)",
    )
    p.add_argument("--progress", action="store_true", help="show progress on stderr")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from auditor.importers import max_bytes_from_env

    paths = [Path(f) for f in args.files]
    check_files(paths)
    max_bytes = max_bytes_from_env(args.max_size)
    show = Progress.wanted(args.progress)
    meters: list[Progress] = []

    def progress(path: Path) -> Progress:
        meter = Progress(None, enabled=show, what=f"reading {path.name}:")
        meters.append(meter)
        return meter

    def report(result: FileImport) -> None:
        if meters:
            meters[-1].done()
        print(result.summary(), file=sys.stdout)

    with open_store(args) as store:
        import_files(
            store,
            paths,
            data_dir=data_dir(args),
            session=args.session,
            app=args.app,
            max_bytes=max_bytes,
            progress=progress,
            on_file=report,
        )
    return 0
