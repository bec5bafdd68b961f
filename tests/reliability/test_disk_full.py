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


def _one_line_error(run: dict[str, object]) -> bool:
    err = str(run.get("err", ""))
    lines = [line for line in err.splitlines() if line.strip()]
    return (
        "traceback" not in run
        and run.get("code") == 1
        and len(lines) == 1
        and lines[0].startswith("auditor: error:")
    )


def test_disk_full_for_exports_reports_and_imports(tmp_path: Path) -> None:
    """Every export and report format onto a full disk: one line, exit 1, no file left. An import
    that fills the store's disk: one line, and no trace of it (no empty session) once space is
    back; the import then succeeds."""
    import base64

    from tests.helpers.capture import TEST_PASSPHRASE
    from tests.helpers.hardata import har_document, har_entry, write_har

    if not _can_mount_tmpfs():
        pytest.fail(
            "needs root and unshare(1) to mount a private tmpfs (CI and `make test` run as root)"
        )
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    env = child_env(data, passphrase=TEST_PASSPHRASE)
    seed = write_har(data / "seed.har", 3)
    setup = subprocess.run(
        [sys.executable, "-m", "auditor", "import", str(seed), "--session", "seed"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert setup.returncode == 0, setup.stderr
    entries = []
    for i in range(24):  # ~6 MiB of incompressible bodies: more than the store's disk holds
        entry = har_entry(f"https://big.example.com/upload?n={i}")
        entry["request"]["postData"] = {
            "mimeType": "application/octet-stream",
            "text": base64.b64encode(os.urandom(256 * 1024)).decode(),
            "encoding": "base64",
        }
        entries.append(entry)
    big = tmp_path / "big.har"
    big.write_text(json.dumps(har_document(entries)))
    out = tmp_path / "probe.json"
    subprocess.run(
        ["unshare", "-m", "--propagation", "private", "--", sys.executable, "-m",
         "tests.helpers.diskfull_commands", "--mount", str(tmp_path / "mnt"), "--data", str(data),
         "--big", str(big), "--out", str(out)],
        env=env,
        cwd=ROOT,
        check=True,
        timeout=300,
    )  # fmt: skip
    result = json.loads(out.read_text())
    assert "error" not in result, result["error"]
    for run in result["exports"]:
        assert _one_line_error(run), run
        assert "space" in run["err"].lower(), run["err"]
    assert result["left_in_outputs"] == [], result["left_in_outputs"]
    assert result["seed"].get("code") == 0, result["seed"]
    assert _one_line_error(result["import_full"]), result["import_full"]
    assert "full" in result["import_full"]["err"].lower(), result["import_full"]
    sessions = json.loads(result["sessions_after"]["out"])
    assert [s["name"] for s in sessions] == ["seed"], sessions
    assert sessions[0]["flows"] == 3
    assert result["integrity"] == ["ok"]
    assert result["import_after"].get("code") == 0, result["import_after"]
    assert "imported 24 flows" in result["import_after"]["out"], result["import_after"]
