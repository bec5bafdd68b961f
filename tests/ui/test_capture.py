"""The capture child process: started, watched, stopped with SIGTERM, and reported when it dies."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import psutil
from pytestqt.qtbot import QtBot

from auditor.paths import DataDir
from auditor.store import FlowQuery, open_store
from tests.ui.conftest import capture_command
from ui.capture import CaptureController, CaptureOptions, capture_arguments
from ui.mainwindow import MainWindow
from ui.selftest import _Handler, _send_through_proxy
from ui.settings import AppSettings

ROOT = Path(__file__).resolve().parents[2]


def test_capture_arguments() -> None:
    args = capture_arguments(
        CaptureOptions(
            session="s1", port=0, mode="local:zoom", sinkholes=("*.sentry.io",), body_cap=4096
        ),
        Path("/d"),
    )
    assert args == [
        "--data-dir", "/d", "capture", "--listen", "127.0.0.1:0", "--session", "s1",
        "--mode", "local:zoom", "--sinkhole", "*.sentry.io", "--body-cap", "4096",
    ]  # fmt: skip


def test_capture_records_a_flow_and_stops_on_sigterm(qtbot: QtBot, fresh_dir: Path) -> None:
    import http.server
    import threading

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    capture = CaptureController(fresh_dir, command_prefix=capture_command())
    try:
        with qtbot.waitSignal(capture.started, timeout=60000) as started:
            capture.start(CaptureOptions(session="ctl", port=0))
        host, port = started.args
        assert host == "127.0.0.1" and port > 0 and capture.state == "running"
        assert _send_through_proxy((host, port), server.server_address[1]) == 200

        def stored() -> int:
            with open_store(DataDir(fresh_dir), readonly=True) as store:
                return store.count_flows(FlowQuery(session="ctl"))

        qtbot.waitUntil(lambda: stored() == 1, timeout=20000)
        pid = capture.pid()
        with qtbot.waitSignal(capture.stopped, timeout=20000) as stopped:
            capture.stop()
        assert stopped.args == [0]  # SIGTERM: flushed and exited 0
        assert capture.state == "idle" and not psutil.pid_exists(pid or -1)
    finally:
        capture.stop_and_wait()
        server.shutdown()


def test_a_capture_that_cannot_start_is_reported(qtbot: QtBot, fresh_dir: Path) -> None:
    capture = CaptureController(fresh_dir, command_prefix=capture_command())
    with qtbot.waitSignal(capture.died, timeout=60000) as died:
        capture.start(CaptureOptions(session="bad", port=0, host="256.1.1.1"))
    assert died.args[0]


def test_window_shows_a_dead_capture_and_stops_a_live_one_on_close(
    qtbot: QtBot, fresh_dir: Path
) -> None:
    win = MainWindow(
        fresh_dir,
        settings=AppSettings(first_run_done=True, capture_port=0),
        capture_command=capture_command(),
    )
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.capture.started, timeout=60000):
        win.start_capture("first")
    assert win.marker_bar.session == "first"  # markers go to the capture's session
    os.kill(win.capture.pid() or 0, signal.SIGKILL)
    qtbot.waitUntil(win.banner.isVisible, timeout=20000)
    assert "stopped unexpectedly" in win.banner.text.text()
    assert win.capture_label.text() == "Capture died"
    # Restart from the banner, then close the window: the child gets SIGTERM and is waited for.
    with qtbot.waitSignal(win.capture.started, timeout=60000):
        win.banner.button.click()
    pid = win.capture.pid()
    assert pid and psutil.pid_exists(pid)
    win.close()
    assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE


def test_gui_self_test_exits_zero() -> None:
    """`auditor-gui --self-test` as packaging runs it: offscreen, its own temp data dir."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("AUDITOR_DATA_DIR", None)
    proc = subprocess.run(
        [sys.executable, "-m", "ui.app", "--self-test"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=150,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "self-test: ok" in proc.stdout
