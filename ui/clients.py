"""Meeting clients installed or running on this machine, for the "Launch a client" menu.

Pure Python (psutil and the file system); where each client installs comes from the vendor
files (auditor/vendors): the window calls `find_clients` in a worker.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from auditor.vendors import registry


@dataclass(frozen=True, slots=True)
class ClientCandidate:
    app: str  # "zoom", "teams", ...
    title: str
    command: tuple[str, ...]  # what `auditor launch -- ...` runs
    running: bool = False
    where: str = ""  # "running (pid 1234)" or the install path


def title(app: str) -> str:
    known = registry().app(app)
    return known.title if known is not None else app


def _expand(path: str) -> str:
    """`%APPDATA%\\Zoom\\bin\\Zoom.exe` with the environment's values; "" when one is unset."""
    missing = False

    def value(match: re.Match[str]) -> str:
        nonlocal missing
        found = os.environ.get(match.group(1))
        if found is None and match.group(1) == "PROGRAMFILES":
            found = r"C:\Program Files"
        if found is None:
            missing = True
            return ""
        return found

    expanded = re.sub(r"%([A-Z_]+)%", value, path)
    return "" if missing else expanded


def _platform() -> str:
    if sys.platform == "darwin":
        return "macos"
    if sys.platform.startswith("win"):
        return "windows"
    return "linux"


def _install_table(platform: str) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """(app, executable names on PATH, absolute install paths) from the vendor files."""
    table = []
    for app in registry().apps():
        spec = app.install.get(platform)
        if spec:
            files = tuple(_expand(f) for f in spec.get("files", ()))
            table.append((app.name, spec.get("commands", ()), files))
    return table


def _flatpaks() -> list[ClientCandidate]:
    out: list[ClientCandidate] = []
    roots = [Path("/var/lib/flatpak/app"), Path.home() / ".local/share/flatpak/app"]
    ids = {
        app_id: app
        for app in registry().apps()
        for app_id in app.install.get("linux", {}).get("flatpak", ())
    }
    flatpak = shutil.which("flatpak")
    if not flatpak:
        return out
    for root in roots:
        for app_id, app in ids.items():
            if (root / app_id).is_dir():
                out.append(
                    ClientCandidate(
                        app.name,
                        app.title + " (Flatpak)",
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
        if app is None or app in seen or registry().is_browser(app):
            continue
        exe = info.get("exe") or (info.get("cmdline") or [None])[0]
        if not exe:
            continue
        seen[app] = ClientCandidate(
            app, title(app), (exe,), running=True, where=f"running (pid {info['pid']})"
        )
    return list(seen.values())


def installed_clients() -> list[ClientCandidate]:
    table = _install_table(_platform())
    out: list[ClientCandidate] = []
    for app, names, paths in table:
        found = next((p for p in paths if p and os.path.isfile(p) and os.access(p, os.X_OK)), None)
        if found is None:
            found = next((w for n in names if (w := shutil.which(n))), None)
        if found:
            out.append(ClientCandidate(app, title(app), (found,), where=found))
    if sys.platform.startswith("linux"):
        out += _flatpaks()
    return out


def find_clients() -> list[ClientCandidate]:
    """Running clients first, then installed ones not already listed."""
    running = running_clients()
    have = {c.app for c in running}
    return running + [c for c in installed_clients() if c.app not in have]
