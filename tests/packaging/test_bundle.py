"""`make bundle` builds a one-folder PyInstaller bundle whose self-test passes (slow: ~1-2 minutes)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_bundle_builds_and_proves_itself(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(tmp_path / "build"),
            str(ROOT / "packaging" / "auditor.spec"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert build.returncode == 0, build.stderr[-4000:]
    exe = dist / "meeting-privacy-auditor" / "meeting-privacy-auditor"
    assert exe.is_file()
    env = {
        **os.environ,
        "AUDITOR_DATA_DIR": str(tmp_path / "data"),
        "AUDITOR_PASSPHRASE": "bundle-test-passphrase",
        "QT_QPA_PLATFORM": "offscreen",
    }
    cli = subprocess.run(
        [str(exe), "--auditor-cli", "policy", "list"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert cli.returncode == 0, cli.stderr
    assert "zoom/terms-of-service" in cli.stdout
    selftest = subprocess.run(
        [str(exe), "--self-test"], env=env, capture_output=True, text=True, timeout=240, check=False
    )
    assert selftest.returncode == 0, selftest.stdout + selftest.stderr
