"""Which meeting client a process belongs to.

Meeting clients run as a family of processes: Zoom's `zoom` with `ZoomWebviewHost` and `CptHost`,
Teams' `ms-teams` with WebView2 helpers, Electron apps with `--type=renderer` children. A flow's
`app` names the family so the user can look at "zoom" as one client. We classify a process by its
own name and executable first, then by its ancestors (a helper inherits its parent's app), and
last, for Electron/Chromium helpers that match nothing, by the top ancestor that shares their
install folder.

Process names and install folders of each app come from the vendor files (auditor/vendors).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

from auditor.vendors import process_base, registry

# Helpers that take the app of whichever parent started them (a WebView2 under Teams is Teams).
HELPER_NAMES: frozenset[str] = frozenset(
    {"msedgewebview2", "webview2", "electron", "chrome-sandbox", "zygote", "crashpad_handler"}
)


def _base(value: str | None) -> str:
    return process_base(value)


def classify_one(
    name: str | None, exe: str | None, cmdline: Sequence[str] | None = None
) -> str | None:
    """The app of one process from its own name/executable, or None when it is not a known one."""
    bases = [_base(name), _base(exe), _base(cmdline[0]) if cmdline else ""]
    candidates = list(dict.fromkeys(b for b in bases if b))
    if HELPER_NAMES.intersection(candidates):
        return None
    app = registry().app_for_process(candidates, exe)
    return app.name if app is not None else None


@dataclass(frozen=True, slots=True)
class ProcessFacts:
    """What `classify_chain` needs of one process (the process itself first, then its ancestors)."""

    name: str | None
    exe: str | None
    cmdline: tuple[str, ...] = ()


def classify_chain(chain: Sequence[ProcessFacts]) -> str | None:
    """The app of chain[0], looking up its ancestors (chain[1:]) when it is a helper or unknown."""
    for facts in chain:
        app = classify_one(facts.name, facts.exe, facts.cmdline)
        if app is not None:
            return app
    if not chain:
        return None
    # Electron/Chromium helper (`--type=renderer|utility|gpu-process`) of an app we do not know:
    # name the family after the top ancestor installed in the same folder.
    first = chain[0]
    if first.exe and any(arg.startswith("--type=") for arg in first.cmdline):
        folder = os.path.dirname(first.exe)
        top = first
        for facts in chain[1:]:
            if facts.exe and os.path.dirname(facts.exe) == folder:
                top = facts
        return _base(top.exe) or None
    return None
