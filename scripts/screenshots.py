#!/usr/bin/env python3
"""Regenerates docs/screenshots/*.png from the bundled demo meeting.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--dark]

Runs on a real X server: $DISPLAY when set, else a private Xvfb it starts and stops. The demo is
built in a throwaway data dir (throwaway passphrase), so the user's own data is never touched.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZE = (1366, 768)


def start_xvfb() -> subprocess.Popen[bytes] | None:
    if os.environ.get("DISPLAY") or not shutil.which("Xvfb"):
        return None
    for display in range(180, 240):
        if Path(f"/tmp/.X11-unix/X{display}").exists():
            continue
        proc = subprocess.Popen(
            ["Xvfb", f":{display}", "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(50):
            if Path(f"/tmp/.X11-unix/X{display}").exists():
                os.environ["DISPLAY"] = f":{display}"
                return proc
            time.sleep(0.1)
        proc.kill()
    return None


def wait_until(app: object, done: Callable[[], bool], timeout: float = 30.0) -> None:
    from ui.qt import QApplication

    end = time.monotonic() + timeout
    while not done():
        if time.monotonic() > end:
            raise TimeoutError("the window did not get there in time")
        QApplication.processEvents()
        time.sleep(0.01)


def settle(app: object, seconds: float = 0.4) -> None:
    from ui.qt import QApplication

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--dark", action="store_true", help="also render the dark palette")
    args = parser.parse_args()
    xvfb = start_xvfb()
    if os.environ.get("DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "xcb"
    else:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    tmp = tempfile.TemporaryDirectory(prefix="auditor-screens-")
    os.environ["AUDITOR_PASSPHRASE"] = secrets.token_hex(12)
    os.environ["AUDITOR_DATA_DIR"] = tmp.name
    # Fixed local time so the timeline reads like the meeting it shows.
    os.environ["TZ"] = "Europe/Berlin"
    time.tzset()
    try:
        return shoot(args.out, dark=args.dark, data_dir=Path(tmp.name))
    finally:
        tmp.cleanup()
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait(5)


def _palette(dark: bool) -> object:
    from ui.qt import QColor, QPalette

    pal = QPalette()
    if not dark:
        return None
    roles = {
        QPalette.ColorRole.Window: "#2b2d31",
        QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1f2023",
        QPalette.ColorRole.AlternateBase: "#26282c",
        QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#33363b",
        QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.Highlight: "#3d6fb4",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Mid: "#55585e",
        QPalette.ColorRole.Midlight: "#3a3d42",
        QPalette.ColorRole.PlaceholderText: "#9a9ca1",
        QPalette.ColorRole.ToolTipBase: "#33363b",
        QPalette.ColorRole.ToolTipText: "#e6e6e6",
    }
    for role, colour in roles.items():
        pal.setColor(role, QColor(colour))
    return pal


def show_category(window: object, category: str, *, fields: bool = True) -> None:
    """Select the evidence for `category` in the detail pane and the clause about it."""
    detail = window.detail  # type: ignore[attr-defined]
    policy = window.policy  # type: ignore[attr-defined]
    tree = detail.labels_tree
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        if fields and top.toolTip(0).startswith(category) and top.childCount():
            tree.setCurrentItem(top.child(0))
            tree.scrollToItem(top.child(0))
    rows = [i for i, g in enumerate(policy.groups) if category in g.categories]
    if rows:
        policy.list.setCurrentRow(rows[0])


def shoot(out: Path, *, dark: bool, data_dir: Path) -> int:
    from ui.qt import QApplication

    app = QApplication.instance() or QApplication(["auditor-gui"])
    app.setStyle("Fusion")
    out.mkdir(parents=True, exist_ok=True)
    variants = [("", False)] + ([("-dark", True)] if dark else [])
    for suffix, is_dark in variants:
        pal = _palette(is_dark)
        app.setPalette(pal if pal is not None else app.style().standardPalette())
        shoot_variant(app, out, suffix, data_dir)
    for path in sorted(out.glob("*.png")):
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


def shoot_variant(app: object, out: Path, suffix: str, data_dir: Path) -> None:
    from ui.detail import FieldRole
    from ui.flowmodel import SummaryRole
    from ui.mainwindow import MainWindow
    from ui.settings import AppSettings

    window = MainWindow(data_dir, settings=AppSettings(first_run_done=True))
    window.resize(*SIZE)
    window.show()
    ready: list[str] = []
    window.demoReady.connect(ready.append)
    window.open_demo()
    wait_until(app, lambda: bool(ready), 60)
    wait_until(app, lambda: window.session == "demo" and window.model.total > 10)
    settle(app)
    window.statusBar().clearMessage()

    def pick(host_part: str, nth: int = 0) -> None:
        seen = 0
        for row in range(window.model.total):
            s = window.model.index(row, 0).data(SummaryRole)
            if s is None or host_part not in (s.host or ""):
                continue
            if seen == nth:
                window.table.selectRow(row)
                wait_until(
                    app,
                    lambda s=s: (
                        window.current_flow is not None
                        and window.current_flow.id == s.id
                        and window.policy.record is window.current_flow
                    ),
                )
                return
            seen += 1
        raise LookupError(host_part)

    pick("qos", 1)  # a QoS report sent while muted: microphone levels
    show_category(window, "customer_content.audio")
    settle(app, 0.6)
    window.grab().save(str(out / f"main-window{suffix}.png"))
    pick("sentry")
    window.detail.tabs.setCurrentIndex(0)
    window.split.setSizes([200, 500])
    # The e-mail address found in the error report, and what the terms say about it.
    for item in window.detail._field_items:
        if str(item.data(0, FieldRole)).endswith("user › email"):
            window.detail.fields_tree.setCurrentItem(item)
            window.detail.fields_tree.scrollToItem(item)
            break
    show_category(window, "contact_info.email", fields=False)
    settle(app, 0.6)
    window.grab().save(str(out / f"detail-policy{suffix}.png"))
    window.split.setSizes([330, 360])
    shown: list[bool] = []
    answered: list[bool] = []
    window.overviewShown.connect(lambda: shown.append(True))
    window.purposesShown.connect(lambda: answered.append(True))
    window.tabs.setCurrentIndex(1)
    wait_until(app, lambda: bool(shown) and bool(answered))
    panel = window.overview.purposes
    panel.select_app("zoom")
    settle(app, 0.8)
    window.grab().save(str(out / f"overview{suffix}.png"))
    # Zoom's terms of 2023-08-07: the consent sentence, and the flows it covers.
    panel.select_version("2023-08-07")
    for i in range(panel.table.topLevelItemCount()):
        item = panel.table.topLevelItem(i)
        if item is not None and item.text(1).startswith("Only with consent"):
            panel.table.setCurrentItem(item)
    settle(app, 0.6)
    window.grab().save(str(out / f"purposes-2023-08-07{suffix}.png"))
    window.close()
    window.deleteLater()
    settle(app, 0.2)


if __name__ == "__main__":
    sys.exit(main())
