"""Disk full under a running capture: the proxy keeps answering, the loss is reported in one line
(never a traceback), flows are stored again once space is back, and the store stays sound."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.cli import ROOT, child_env


def _can_mount_tmpfs() -> bool:
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-m", "--propagation", "private", "mount", "-t", "tmpfs", "tmpfs", "/mnt"],
        capture_output=True,
    )
    return probe.returncode == 0


def test_disk_full_during_capture(tmp_path: Path) -> None:
    if not _can_mount_tmpfs():
        pytest.fail(
            "needs root and unshare(1) to mount a private tmpfs (CI and `make test` run as root)"
        )
    out = tmp_path / "probe.json"
    subprocess.run(
        [
            "unshare",
            "-m",
            "--propagation",
            "private",
            "--",
            sys.executable,
            "-m",
            "tests.helpers.diskfull_probe",
            "--mount",
            str(tmp_path / "small"),
            "--out",
            str(out),
        ],
        env=child_env(None),
        cwd=ROOT,
        check=True,
        timeout=180,
    )
    result = json.loads(out.read_text())
    assert "error" not in result, result
    assert result["warmup_stored"], result
    # The disk really filled while the capture ran, and the capture said so.
    assert "full" in result["stderr_while_full"].lower(), result
    # The proxy never stopped answering: a full disk costs flows, not the user's traffic.
    assert result["statuses"] == [204] * len(result["statuses"])
    assert result["alive_while_full"] and result["alive_after"]
    stderr = result["stderr"]
    assert "Traceback" not in stderr, stderr
    assert "full" in stderr.lower() or "space" in stderr.lower(), stderr
    # What the capture reports as stored and lost matches the store: every answered request is
    # either in the store or counted as lost, never both.
    summary = re.search(r"(\d+) flows stored(?:, (\d+) lost)?", stderr)
    assert summary, stderr
    reported_stored, reported_lost = int(summary[1]), int(summary[2] or 0)
    assert reported_stored == result["stored_total"], (summary[0], result["stored_total"])
    assert reported_stored + reported_lost == len(result["statuses"]), summary[0]
    # Once space is back, new flows are stored again.
    assert result["stored_after"] == 3, result
    assert result["integrity"] == ["ok"]
