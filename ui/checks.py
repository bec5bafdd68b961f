"""First-run checks (keyring, store, CA), each with the fix for the problem it finds.

Plain functions with no Qt: the wizard runs them in a worker thread.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from auditor.paths import DataDir


@dataclass(frozen=True, slots=True)
class CheckResult:
    name: str
    ok: bool
    message: str
    fix: str = ""  # what to do about it (HTML allowed), empty when ok


def check_keyring() -> CheckResult:
    from auditor.store.keys import PASSPHRASE_ENV, usable_keyring

    backend, why = usable_keyring()
    if backend is not None:
        name = type(backend).__name__
        return CheckResult(
            "keyring", True, f"The OS keyring works ({name}): the store key is kept there."
        )
    passphrase = bool(os.environ.get(PASSPHRASE_ENV))
    if passphrase:
        return CheckResult(
            "keyring",
            True,
            f"No OS keyring{why}; the store key comes from the passphrase in {PASSPHRASE_ENV}.",
        )
    if sys.platform.startswith("linux"):
        fix = (
            "Install and unlock a Secret Service: <code>sudo apt install gnome-keyring</code> "
            "(or KWallet on KDE), then log out and in. Or start the app with "
            f"<code>{PASSPHRASE_ENV}=…</code> set, or with <code>--passphrase-file FILE</code>, "
            "to derive the key from a passphrase."
        )
    else:
        fix = (
            f"Sign in to your user session so its keychain is unlocked, or set {PASSPHRASE_ENV} "
            "(or pass --passphrase-file FILE) to derive the key from a passphrase."
        )
    return CheckResult("keyring", False, f"No usable OS keyring{why}.", fix)


def check_store(data_dir: Path, passphrase_file: str | None = None) -> CheckResult:
    from auditor.errors import AuditorError
    from auditor.store import open_store

    try:
        store = open_store(DataDir(data_dir), passphrase_file=passphrase_file, readonly=True)
    except AuditorError as err:
        return CheckResult(
            "store",
            False,
            f"The encrypted store cannot be opened: {err}",
            "Fix the keyring problem above, or choose another data folder in Settings.",
        )
    try:
        sessions = store.sessions()
    finally:
        store.close()
    flows = sum(s.flow_count for s in sessions)
    return CheckResult(
        "store", True, f"The encrypted store opens: {len(sessions)} sessions, {flows} flows."
    )


def check_ca(data_dir: Path) -> CheckResult:
    from ui.capture import ca_cert_path, trust_instructions

    cert = ca_cert_path(data_dir)
    if not cert.exists():
        return CheckResult(
            "ca",
            False,
            "There is no capture CA yet.",
            "Press <b>Create CA</b> (or start a capture once): it is made in your data folder and "
            "never leaves it.",
        )
    return CheckResult(
        "ca",
        True,
        f"The capture CA is at {cert}.",
        "To capture HTTPS from a client you start yourself, trust it:<br>"
        + trust_instructions(cert),
    )


def create_ca(data_dir: Path) -> CheckResult:
    from auditor.capture.ca import ensure_ca

    ensure_ca(DataDir(data_dir))
    return check_ca(data_dir)


def check_data_dir(data_dir: Path) -> CheckResult:
    try:
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        probe = data_dir / ".write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as err:
        return CheckResult(
            "data_dir",
            False,
            f"The data folder {data_dir} is not writable: {err.strerror or err}",
            "Choose another data folder in Settings, or fix its permissions.",
        )
    return CheckResult("data_dir", True, f"Data folder: {data_dir}")


def run_all(data_dir: Path, passphrase_file: str | None = None) -> list[CheckResult]:
    results = [check_data_dir(data_dir), check_keyring()]
    results.append(check_store(data_dir, passphrase_file))
    results.append(check_ca(data_dir))
    return results
