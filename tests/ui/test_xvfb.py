"""A real window on a real X server (Xvfb, started by scripts/with-session-bus.sh)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ui.qt import QImage

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from ui.qt import QApplication
    from ui.mainwindow import MainWindow
    from ui.settings import AppSettings

    data_dir, out = Path(sys.argv[1]), Path(sys.argv[2])
    app = QApplication(["auditor-gui"])
    assert app.platformName() == "xcb", app.platformName()
    win = MainWindow(data_dir, settings=AppSettings(first_run_done=True))
    win.resize(1366, 768)
    win.show()
    win.select_session("demo")
    end = time.monotonic() + 30
    while not (win.session == "demo" and win.model.total > 10 and win.current_flow is not None):
        if time.monotonic() > end:
            sys.exit("the window did not load the demo")
        app.processEvents()
        time.sleep(0.01)
    for _ in range(50):
        app.processEvents()
        time.sleep(0.01)
    screen = win.screen().grabWindow(win.winId())
    screen.save(str(out.with_name("screen.png")))
    win.grab().save(str(out))
    win.close()
    print("ok", win.width(), win.height())
    """
)


@pytest.mark.xvfb
def test_real_window_under_xvfb(demo_dir: Path, tmp_path: Path) -> None:
    if not os.environ.get("DISPLAY"):
        pytest.fail(
            "no X display: run the tests through scripts/with-session-bus.sh (it starts Xvfb)"
        )
    data = tmp_path / "data"
    shutil.copytree(demo_dir, data)
    out = tmp_path / "window.png"
    env = dict(os.environ, QT_QPA_PLATFORM="xcb")
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(data), str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.startswith("ok 1366 768")
    for path in (out, out.with_name("screen.png")):
        image = QImage(str(path))
        assert not image.isNull() and image.width() >= 1000 and image.height() >= 600
        colours = {
            image.pixel(x, y)
            for x in range(0, image.width(), 7)
            for y in range(0, image.height(), 7)
        }
        assert len(colours) > 50, f"{path.name} looks blank ({len(colours)} colours)"
