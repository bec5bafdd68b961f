"""Startup failures end in one line on stderr and exit 1: a port in use, no store key (keyring
missing, keyring locked), and never an unencrypted store."""

from __future__ import annotations

import socket
import subprocess
from pathlib import Path

import pytest

from tests.helpers.capture import TEST_PASSPHRASE
from tests.helpers.cli import child_env, run_auditor
from tests.helpers.keyring_lock import locked_login_keyring

FAIL_KEYRING = "keyring.backends.fail.Keyring"


def _one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def test_port_in_use(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = run_auditor(
            ["capture", "--listen", f"127.0.0.1:{port}", "--session", "busy"],
            env=child_env(tmp_path / "data", passphrase=TEST_PASSPHRASE),
            timeout=60,
        )
    line = _one_line_error(result)
    assert "listening on" not in result.stdout
    assert str(port) in line or "in use" in line.lower(), line


def test_keyring_missing_and_no_passphrase(tmp_path: Path) -> None:
    env = child_env(
        tmp_path / "data",
        extra={"PYTHON_KEYRING_BACKEND": FAIL_KEYRING},
        drop=["AUDITOR_PASSPHRASE"],
    )
    result = run_auditor(["capture", "--listen", "127.0.0.1:0"], env=env, timeout=60)
    line = _one_line_error(result)
    # The spec: a message that says exactly the two ways out.
    assert "keyring" in line.lower()
    assert "AUDITOR_PASSPHRASE" in line and "--passphrase-file" in line
    assert "listening on" not in result.stdout
    # Never an unencrypted store on its own.
    assert not (tmp_path / "data" / "store.db").exists()


def test_keyring_missing_other_commands(tmp_path: Path) -> None:
    env = child_env(
        tmp_path / "data",
        extra={"PYTHON_KEYRING_BACKEND": FAIL_KEYRING},
        drop=["AUDITOR_PASSPHRASE"],
    )
    har = tmp_path / "one.har"
    har.write_text('{"log": {"version": "1.2", "entries": []}}')
    result = run_auditor(["import", str(har)], env=env, timeout=60)
    line = _one_line_error(result)
    assert "AUDITOR_PASSPHRASE" in line and "--passphrase-file" in line


LOCKED_KEYRING_MODULE = '''
"""A keyring backend whose store is locked: every access raises KeyringLocked."""
from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked


class LockedKeyring(KeyringBackend):
    priority = 10

    def get_password(self, service, username):
        raise KeyringLocked("Failed to unlock the collection!")

    def set_password(self, service, username, password):
        raise KeyringLocked("Failed to unlock the collection!")

    def delete_password(self, service, username):
        raise KeyringLocked("Failed to unlock the collection!")
'''


def _locked_backend_env(tmp_path: Path) -> dict[str, str]:
    plugin_dir = tmp_path / "plugins"
    plugin_dir.mkdir()
    (plugin_dir / "locked_keyring.py").write_text(LOCKED_KEYRING_MODULE)
    env = child_env(
        tmp_path / "data",
        extra={"PYTHON_KEYRING_BACKEND": "locked_keyring.LockedKeyring"},
        drop=["AUDITOR_PASSPHRASE"],
    )
    env["PYTHONPATH"] = str(plugin_dir) + ":" + env["PYTHONPATH"]
    return env


def test_keyring_locked_on_new_store(tmp_path: Path) -> None:
    result = run_auditor(
        ["capture", "--listen", "127.0.0.1:0"], env=_locked_backend_env(tmp_path), timeout=60
    )
    line = _one_line_error(result)
    assert "keyring" in line.lower()
    assert not (tmp_path / "data" / "store.db").exists()


def test_keyring_locked_on_existing_store(tmp_path: Path) -> None:
    """A store made with the real keyring, reopened while the keyring is locked."""
    env = child_env(tmp_path / "data", drop=["AUDITOR_PASSPHRASE"])
    har = tmp_path / "empty.har"
    har.write_text('{"log": {"version": "1.2", "entries": []}}')
    made = run_auditor(["import", str(har)], env=env, timeout=60)
    if made.returncode != 0 and "keyring" in made.stderr.lower():
        pytest.fail(
            "no Secret Service on this bus: run the tests with `make test` (scripts/with-session-bus.sh)"
        )
    assert made.returncode == 0, made.stderr
    with locked_login_keyring():
        result = run_auditor(["import", str(har)], env=env, timeout=60)
    line = _one_line_error(result)
    assert "keyring" in line.lower() and "unlock" in line.lower(), line
