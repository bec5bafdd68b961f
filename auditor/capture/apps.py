"""Which meeting client a process belongs to.

Meeting clients run as a family of processes: Zoom's `zoom` with `ZoomWebviewHost` and `CptHost`,
Teams' `ms-teams` with WebView2 helpers, Electron apps with `--type=renderer` children. A flow's
`app` names the family so the user can look at "zoom" as one client. We classify a process by its
own name and executable first, then by its ancestors (a helper inherits its parent's app), and
last, for Electron/Chromium helpers that match nothing, by the top ancestor that shares their
install folder.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class AppRule:
    app: str
    # Matched case-insensitively against the process name and the executable's base name.
    names: tuple[str, ...]
    # Matched against the executable's full path (install folder), case-insensitively.
    path_pattern: str | None = None


APP_RULES: tuple[AppRule, ...] = (
    AppRule(
        "zoom",
        ("zoom", "zoom.us", "zoomwebviewhost", "cpthost", "aomhost", "zoomlauncher", "zopen"),
        r"/zoom(\.us)?(\.app)?/|/opt/zoom/",
    ),
    AppRule(
        "teams",
        ("ms-teams", "msteams", "teams", "teams-for-linux", "ms-teamsupdate"),
        r"/teams(-for-linux)?/|/microsoft/teams",
    ),
    AppRule("slack", ("slack",), r"/slack/"),
    AppRule("discord", ("discord", "discordcanary", "discordptb"), r"/discord"),
    AppRule(
        "webex",
        ("ciscocollabhost", "webex", "webexhost", "webexmta", "ciscowebexstart"),
        r"/webex/|/cisco",
    ),
    AppRule("skype", ("skype", "skypeforlinux"), r"/skypeforlinux/"),
    AppRule(
        "chrome",
        ("chrome", "chromium", "chromium-browser", "google-chrome", "chrome_crashpad_handler"),
    ),
    AppRule("firefox", ("firefox", "firefox-esr", "firefox-bin")),
    AppRule("edge", ("msedge", "microsoft-edge")),
)

# Helpers that take the app of whichever parent started them (a WebView2 under Teams is Teams).
HELPER_NAMES: frozenset[str] = frozenset(
    {"msedgewebview2", "webview2", "electron", "chrome-sandbox", "zygote", "crashpad_handler"}
)

_RULE_PATTERNS = [
    (rule, re.compile(rule.path_pattern, re.I) if rule.path_pattern else None) for rule in APP_RULES
]


def _base(value: str | None) -> str:
    if not value:
        return ""
    name = os.path.basename(value).lower()
    for suffix in (".exe", ".app", ".bin"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return name


def classify_one(
    name: str | None, exe: str | None, cmdline: Sequence[str] | None = None
) -> str | None:
    """The app of one process from its own name/executable, or None when it is not a known one."""
    candidates = {_base(name), _base(exe)}
    if cmdline:
        candidates.add(_base(cmdline[0]))
    candidates.discard("")
    if candidates & HELPER_NAMES:
        return None
    for rule, _pattern in _RULE_PATTERNS:
        if candidates & set(rule.names):
            return rule.app
    for rule, pattern in _RULE_PATTERNS:
        if pattern is not None and exe and pattern.search(exe):
            return rule.app
    return None


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
