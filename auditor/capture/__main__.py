"""`python -m auditor.capture capture|launch|ca …`: the capture commands alone, with the global
options of `auditor`, usable while the full command line is being assembled."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from auditor.commands import ca, capture, launch
from auditor.errors import AuditorError


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m auditor.capture")
    parser.add_argument("--data-dir", metavar="DIR")
    parser.add_argument("--passphrase-file", metavar="FILE")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for module in (capture, launch, ca):
        module.add_parser(sub)
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except AuditorError as err:
        print(f"auditor: error: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
