"""Bundle entry point: the desktop app, or the command line when the first argument says so."""

import multiprocessing
import sys

from auditor.selfexec import BUNDLE_CLI_FLAG

# The capture stores flows from a spawned child process: a frozen bundle must hand such children
# to multiprocessing before doing anything else.
multiprocessing.freeze_support()

if len(sys.argv) > 1 and sys.argv[1] == BUNDLE_CLI_FLAG:
    from auditor.cli import main as cli_main

    sys.exit(cli_main(sys.argv[2:]))

from ui.app import main as gui_main  # noqa: E402

sys.exit(gui_main())
