"""Meeting clients installed or running on this machine, for the "Launch a client" menu.

Pure Python (psutil and the file system): the window calls `find_clients` in a worker.
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class ClientCandidate:
    app: str  # "zoom", "teams", ...
    title: str
    command: tuple[str, ...]  # what `auditor launch -- ...` runs
    running: bool = False
    where: str = ""  # "running (pid 1234)" or the install path


TITLES = {
    "zoom": "Zoom",
    "teams": "Microsoft Teams",
    "slack": "Slack",
    "discord": "Discord",
    "webex": "Webex",
    "skype": "Skype",
    "chrome": "Google Chrome",
    "firefox": "Firefox",
    "edge": "Microsoft Edge",
}

# (app, executable names on PATH, absolute install paths) per platform family.
_LINUX: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("zoom", ("zoom",), ("/opt/zoom/zoom", "/usr/bin/zoom", "/snap/bin/zoom-client")),
    (
        "teams",
        ("teams-for-linux", "teams"),
        ("/opt/teams-for-linux/teams-for-linux", "/snap/bin/teams-for-linux"),
    ),
    ("slack", ("slack",), ("/usr/bin/slack", "/snap/bin/slack")),
    (
        "discord",
        ("discord", "Discord"),
        ("/usr/share/discord/Discord", "/usr/bin/discord", "/snap/bin/discord"),
    ),
    ("webex", ("webex",), ("/opt/Webex/bin/CiscoCollabHost",)),
    ("skype", ("skypeforlinux",), ("/usr/bin/skypeforlinux",)),
    ("chrome", ("google-chrome", "chromium", "chromium-browser"), ()),
    ("firefox", ("firefox",), ()),
)
_MAC: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("zoom", (), ("/Applications/zoom.us.app/Contents/MacOS/zoom.us",)),
    ("teams", (), ("/Applications/Microsoft Teams.app/Contents/MacOS/MSTeams",)),
    ("slack", (), ("/Applications/Slack.app/Contents/MacOS/Slack",)),
    ("discord", (), ("/Applications/Discord.app/Contents/MacOS/Discord",)),
    ("webex", (), ("/Applications/Webex.app/Contents/MacOS/Webex",)),
    ("chrome", (), ("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",)),
)


def _windows_paths() -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    appdata = os.environ.get("APPDATA", "")
    local = os.environ.get("LOCALAPPDATA", "")
    pf = os.environ.get("PROGRAMFILES", r"C:\Program Files")
    return (
        ("zoom", (), (rf"{appdata}\Zoom\bin\Zoom.exe", rf"{pf}\Zoom\bin\Zoom.exe")),
        ("teams", (), (rf"{local}\Microsoft\WindowsApps\ms-teams.exe",)),
        ("slack", (), (rf"{local}\slack\slack.exe",)),
        ("discord", (), (rf"{local}\Discord\Update.exe",)),
        ("chrome", (), (rf"{pf}\Google\Chrome\Application\chrome.exe",)),
    )


def _flatpaks() -> list[ClientCandidate]:
    out: list[ClientCandidate] = []
    roots = [Path("/var/lib/flatpak/app"), Path.home() / ".local/share/flatpak/app"]
    ids = {
        "us.zoom.Zoom": "zoom",
        "com.github.IsmaelMartinez.teams_for_linux": "teams",
        "com.slack.Slack": "slack",
        "com.discordapp.Discord": "discord",
    }
    flatpak = shutil.which("flatpak")
    if not flatpak:
        return out
    for root in roots:
        for app_id, app in ids.items():
            if (root / app_id).is_dir():
                out.append(
                    ClientCandidate(
                        app,
                        TITLES[app] + " (Flatpak)",
                        (flatpak, "run", app_id),
                        where=str(root / app_id),
                    )
                )
    return out


def running_clients() -> list[ClientCandidate]:
    """Meeting clients running now (one per app), by the capture's own process classifier."""
    import psutil

    from auditor.capture.apps import classify_one

    seen: dict[str, ClientCandidate] = {}
    for proc in psutil.process_iter(["pid", "name", "exe", "cmdline"]):
        try:
            info = proc.info
            app = classify_one(info.get("name"), info.get("exe"), info.get("cmdline"))
        except (psutil.Error, OSError):
            continue
        if app is None or app in seen or app in ("chrome", "firefox", "edge"):
            continue
        exe = info.get("exe") or (info.get("cmdline") or [None])[0]
        if not exe:
            continue
        seen[app] = ClientCandidate(
            app, TITLES.get(app, app), (exe,), running=True, where=f"running (pid {info['pid']})"
        )
    return list(seen.values())


def installed_clients() -> list[ClientCandidate]:
    if sys.platform == "darwin":
        table = _MAC
    elif sys.platform.startswith("win"):
        table = _windows_paths()
    else:
        table = _LINUX
    out: list[ClientCandidate] = []
    for app, names, paths in table:
        found = next((p for p in paths if p and os.path.isfile(p) and os.access(p, os.X_OK)), None)
        if found is None:
            found = next((w for n in names if (w := shutil.which(n))), None)
        if found:
            out.append(ClientCandidate(app, TITLES.get(app, app), (found,), where=found))
    if sys.platform.startswith("linux"):
        out += _flatpaks()
    return out


def find_clients() -> list[ClientCandidate]:
    """Running clients first, then installed ones not already listed."""
    running = running_clients()
    have = {c.app for c in running}
    return running + [c for c in installed_clients() if c.app not in have]
