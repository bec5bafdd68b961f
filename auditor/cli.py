"""The `auditor` command line. Each command lives in `auditor/commands/<name>.py` and exposes
`add_parser(subparsers)`, which registers its parser with `func=run`; `run(args) -> int`."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from auditor import __version__
from auditor.errors import AuditorError

# Order is the order of `auditor --help`.
COMMAND_MODULES: tuple[str, ...] = (
    "capture",
    "launch",
    "import_",
    "sessions",
    "flows",
    "markers",
    "known",
    "report",
    "export",
    "diff",
    "policy",
    "ca",
    "store",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="auditor",
        description="Meeting Privacy Auditor: capture, label and audit what meeting clients send.",
    )
    parser.add_argument("--version", action="version", version=f"auditor {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="folder for the store, CA and settings (default: $AUDITOR_DATA_DIR or the user data dir)",
    )
    parser.add_argument(
        "--passphrase-file",
        metavar="FILE",
        help="derive the store key from the passphrase in FILE when no keyring backend works",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"auditor.commands.{name}")
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except AuditorError as err:
        print(f"auditor: error: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `auditor flows | head` closes the pipe early: not an error.
        return 0
    except OSError as err:
        # The machine said no (disk full writing to stdout, a file that vanished): one line.
        where = f": {err.filename}" if err.filename else ""
        print(f"auditor: error: {err.strerror or err}{where}", file=sys.stderr)
        return 1
