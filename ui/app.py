"""`auditor-gui`: the desktop app's entry point.

    auditor-gui [--data-dir DIR] [--passphrase-file FILE] [--demo] [--self-test]

Without a usable OS keyring it asks for the store's passphrase once, before the window opens (to
choose one for a new store, or to unlock one); without a display it says so in one line and exits 1.
`--demo` opens the bundled demo meeting. `--self-test` (used by packaging; works offscreen) starts
a real capture child process, sends one request through it to a local server, waits until the flow
is labelled and stored, and exits 0 — or 1 with the reason on stderr.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ui.checks import StoreAccess
    from ui.qt import QWidget

SELF_TEST_TIMEOUT_S = 90


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="auditor-gui", description="Meeting Privacy Auditor (desktop app)"
    )
    p.add_argument(
        "--data-dir",
        metavar="DIR",
        help="data folder (default: $AUDITOR_DATA_DIR, the last one chosen, or the user data folder)",
    )
    p.add_argument(
        "--passphrase-file",
        metavar="FILE",
        help="derive the store key from this passphrase file when no keyring works",
    )
    p.add_argument("--demo", action="store_true", help="open the bundled demo meeting")
    p.add_argument(
        "--self-test",
        action="store_true",
        help="capture one request end to end, then exit (0: it works)",
    )
    p.add_argument("--no-wizard", action="store_true", help="do not show the first-run wizard")
    return p.parse_args(argv)


def resolve_gui_data_dir(explicit: str | None) -> Path:
    from auditor.paths import resolve_data_dir
    from ui.settings import remembered_data_dir

    if explicit:
        return resolve_data_dir(explicit)
    if os.environ.get("AUDITOR_DATA_DIR"):
        return resolve_data_dir(None)
    return resolve_data_dir(remembered_data_dir())


def _close_on_signals(window: QWidget) -> None:
    """SIGINT/SIGTERM close the window the normal way, so the capture child is stopped too."""
    import signal

    from ui.qt import QTimer

    def close(_signum: int, _frame: object) -> None:
        window.close()

    signal.signal(signal.SIGINT, close)
    signal.signal(signal.SIGTERM, close)
    # Python runs signal handlers between bytecodes: give it a moment now and then.
    timer = QTimer(window)
    timer.setInterval(250)
    timer.timeout.connect(lambda: None)
    timer.start()


def missing_display(env: Mapping[str, str], platform: str = sys.platform) -> str | None:
    """Why no window can open here, or None. Without it Qt's xcb plugin fails to load and blames
    a missing library (xcb-cursor0), which sends people reinstalling the wrong thing."""
    if not platform.startswith("linux"):
        return None
    qpa = env.get("QT_QPA_PLATFORM", "").split(":", 1)[0].strip().lower()
    if qpa and qpa not in ("xcb", "wayland", "wayland-egl"):
        return None  # offscreen, vnc, eglfs …: the user chose a platform that needs no display
    if qpa == "xcb" and env.get("DISPLAY"):
        return None
    if qpa.startswith("wayland") and env.get("WAYLAND_DISPLAY"):
        return None
    if not qpa and (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        return None
    return (
        "no display: neither DISPLAY nor WAYLAND_DISPLAY is set, so no window can open; "
        "start it from a desktop session (or use the `auditor` command line)"
    )


def ask_for_store_key(data_dir: Path, passphrase_file: str | None) -> StoreAccess | None:
    """Before the window: when the store's key cannot come from the OS keyring, ask for the
    passphrase once. Returns what still stands in the way (shown by the window), or None."""
    from ui.checks import store_access
    from ui.passphrase import PassphraseDialog
    from ui.qt import QDialog

    access = store_access(data_dir, passphrase_file)
    if access.state == "ready":
        return None
    if access.state in ("unlock", "create"):
        dialog = PassphraseDialog(data_dir, access.state, access.message)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return None
    return access


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.self_test:
        from ui.selftest import run_self_test

        return run_self_test(args.data_dir, args.passphrase_file, timeout_s=SELF_TEST_TIMEOUT_S)
    no_display = missing_display(os.environ)
    if no_display:
        print(f"auditor-gui: error: {no_display}", file=sys.stderr)
        return 1

    from auditor.errors import AuditorError
    from auditor.paths import DataDir
    from ui.qt import QApplication, QIcon
    from ui.settings import load_settings

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Meeting Privacy Auditor")
    app.setOrganizationName("meeting-privacy-auditor")
    app.setDesktopFileName("meeting-privacy-auditor")
    app.setWindowIcon(QIcon.fromTheme("security-high"))
    try:
        # Before the event loop: the window needs these to lay itself out (a few hundred bytes).
        data_dir = resolve_gui_data_dir(args.data_dir)
        settings = load_settings(DataDir(data_dir).settings)
    except (AuditorError, OSError) as err:
        print(f"auditor-gui: error: {err}", file=sys.stderr)
        return 1

    from ui.mainwindow import MainWindow

    store_problem = ask_for_store_key(data_dir, args.passphrase_file)
    window = MainWindow(
        data_dir,
        settings=settings,
        passphrase_file=args.passphrase_file,
        store_problem=store_problem,
    )
    _close_on_signals(window)
    window.show()
    if args.demo:
        window.open_demo()
    elif not settings.first_run_done and not args.no_wizard:
        window.open_wizard()
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
