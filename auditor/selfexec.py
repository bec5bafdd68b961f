"""How to start `auditor` itself as a child process, from a source tree, a wheel or a bundle.

The desktop app runs the capture as a child process. In a PyInstaller bundle there is no Python
interpreter to run `-m auditor`, so the bundle's one executable also serves as the command line
when its first argument is `--auditor-cli`.
"""

from __future__ import annotations

import sys

BUNDLE_CLI_FLAG = "--auditor-cli"


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def auditor_command() -> list[str]:
    """argv prefix that runs the `auditor` command line in a child process."""
    if is_frozen():
        return [sys.executable, BUNDLE_CLI_FLAG]
    return [sys.executable, "-m", "auditor"]
