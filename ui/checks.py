"""First-run checks (keyring, store, CA), each with the fix for the problem it finds.

Plain functions with no Qt: the wizard runs them in a worker thread.
"""

from __future__ import annotations

import os
import shutil
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


def keyring_problem() -> tuple[str, str] | None:
    """Why the OS keyring cannot keep the store key, named by its real cause, with the fix; None
    when it can. On Linux the Secret Service is asked directly (is it on the bus? is its
    collection locked?) without reading a secret, so a locked keyring never pops a prompt here."""
    from auditor.store.keys import usable_keyring

    backend, why = usable_keyring()
    on_linux = sys.platform.startswith("linux")
    if backend is None and not on_linux:
        return (
            f"No usable OS keyring{why}.",
            "Sign in to your user session so its keychain is unlocked.",
        )
    if backend is not None and "SecretService" not in type(backend).__module__:
        return None  # KWallet, macOS Keychain, Windows: nothing more to ask
    if backend is None and why:
        return f"No usable OS keyring{why}.", _secret_service_fix()
    try:
        import secretstorage
        from secretstorage.exceptions import SecretServiceNotAvailableException
    except ImportError:
        return f"No usable OS keyring{why}.", _secret_service_fix()
    try:
        conn = secretstorage.dbus_init()
    except SecretServiceNotAvailableException as err:
        return (
            f"There is no D-Bus session bus, so no Secret Service can be reached ({err}).",
            "Start the app from a desktop session (it has a session bus and a keyring).",
        )
    try:
        if not secretstorage.check_service_availability(conn):
            return (
                "No Secret Service is running on the session bus (gnome-keyring, KWallet or "
                "KeePassXC would provide one).",
                _secret_service_fix(),
            )
        try:
            collection = secretstorage.get_default_collection(conn)
        except Exception as err:  # no default collection, or the service refused
            return (
                f"The Secret Service has no usable default collection ({err}).",
                "Open <i>Passwords and Keys</i> (seahorse) and create a <i>Login</i> keyring "
                "set as default.",
            )
        if collection.is_locked():
            return (
                f"The keyring collection “{collection.get_label() or 'login'}” is locked.",
                "Unlock it (log out and in, or open <i>Passwords and Keys</i> and unlock "
                "<i>Login</i>), then press <b>Check again</b>.",
            )
    finally:
        conn.close()
    if backend is None:
        return f"No usable OS keyring{why}.", _secret_service_fix()
    return None


def _secret_service_fix() -> str:
    if shutil.which("gnome-keyring-daemon"):
        return (
            "gnome-keyring is installed but not running in this session: log in to a desktop "
            "session, or start it with "
            "<code>gnome-keyring-daemon --start --components=secrets</code>."
        )
    return (
        "Install a Secret Service (<code>sudo apt install gnome-keyring</code>, or KWallet on "
        "KDE), then log out and in."
    )


def check_keyring(data_dir: Path | None = None) -> CheckResult:
    """With `data_dir`: a store there that keeps its key in the keyring cannot switch to a
    passphrase by itself, so the passphrase is not offered as the way out."""
    from auditor.store.keys import PASSPHRASE_ENV

    problem = keyring_problem()
    if problem is None:
        from auditor.store.keys import usable_keyring

        backend, _ = usable_keyring()
        name = type(backend).__name__
        return CheckResult(
            "keyring", True, f"The OS keyring works ({name}): the store key is kept there."
        )
    message, fix = problem
    if os.environ.get(PASSPHRASE_ENV):
        return CheckResult(
            "keyring", True, f"{message} The store key comes from your passphrase instead."
        )
    if data_dir is not None and _keyring_store(data_dir):
        fix += (
            " This store keeps its key in the keyring: only the keyring opens it (then "
            "<code>auditor store rotate-key --to passphrase</code> can move it to a passphrase)."
        )
        return CheckResult("keyring", False, message, fix)
    fix += (
        " Or press <b>Use a passphrase…</b> to derive the key from a passphrase (the same as "
        f"starting the app with <code>--passphrase-file FILE</code> or <code>{PASSPHRASE_ENV}</code>)."
    )
    return CheckResult("keyring", False, message, fix)


@dataclass(frozen=True, slots=True)
class StoreAccess:
    """How the store's key can be had here, before anything tries (and maybe hangs on a locked
    keyring's unlock prompt): ``ready``; ``unlock`` (a passphrase store, no passphrase given);
    ``create`` (no store yet and no usable keyring: a passphrase can make one); ``blocked``
    (nothing the app can do about it: `message` says why, `fix` what to do)."""

    state: str
    message: str = ""
    fix: str = ""


def store_access(data_dir: Path, passphrase_file: str | None = None) -> StoreAccess:
    from auditor.errors import StoreKeyError
    from auditor.store.keys import PASSPHRASE_ENV, read_header

    if passphrase_file or os.environ.get(PASSPHRASE_ENV):
        return StoreAccess("ready")
    dd = DataDir(data_dir)
    try:
        header = read_header(dd)
    except StoreKeyError as err:
        return StoreAccess("blocked", f"The encrypted store cannot be opened: {err}.")
    if header is None:
        if dd.store.exists():
            return StoreAccess(
                "blocked",
                f"The store {dd.store} has lost its header, so its key cannot be found.",
                "Restore <code>store.header.json</code> from a backup of the data folder, or "
                "choose another data folder in Settings.",
            )
        problem = keyring_problem()
        if problem is None:
            return StoreAccess("ready")
        return StoreAccess(
            "create",
            f"{problem[0]} Without it, the store can be encrypted with a key derived from a "
            "passphrase you choose.",
            problem[1],
        )
    if header.key_source == "passphrase":
        return StoreAccess(
            "unlock", f"The encrypted store in {data_dir} is locked with a passphrase."
        )
    problem = keyring_problem()
    if problem is None:
        return StoreAccess("ready")
    return StoreAccess(
        "blocked",
        f"The encrypted store keeps its key in the OS keyring, which cannot be used: {problem[0]}",
        problem[1],
    )


def check_store(data_dir: Path, passphrase_file: str | None = None) -> CheckResult:
    from auditor.errors import AuditorError
    from auditor.store import open_store

    access = store_access(data_dir, passphrase_file)
    if access.state in ("unlock", "create"):
        verb = "Enter it" if access.state == "unlock" else "Choose one"
        return CheckResult(
            "store",
            False,
            access.message,
            f"{verb} with <b>Use a passphrase…</b>; it is asked for once each time the app starts.",
        )
    if access.state == "blocked":
        return CheckResult(
            "store",
            False,
            access.message,
            access.fix
            or "Fix the keyring problem above, or choose another data folder in Settings.",
        )
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


def use_passphrase(data_dir: Path, passphrase: str, *, create: bool) -> str | None:
    """Opens (or, with `create`, makes) the store with `passphrase`; on success the passphrase
    becomes this process's AUDITOR_PASSPHRASE, which the window's store connections and the
    capture and export child processes inherit (never written to disk). Returns the error, or
    None."""
    from auditor.errors import AuditorError
    from auditor.store import open_store
    from auditor.store.keys import PASSPHRASE_ENV

    if not passphrase:
        return "The passphrase must not be empty."
    previous = os.environ.get(PASSPHRASE_ENV)
    os.environ[PASSPHRASE_ENV] = passphrase
    try:
        open_store(DataDir(data_dir), readonly=not create).close()
    except AuditorError as err:
        if previous is None:
            os.environ.pop(PASSPHRASE_ENV, None)
        else:
            os.environ[PASSPHRASE_ENV] = previous
        text = str(err)
        if "wrong passphrase" in text:
            return "Wrong passphrase: the store did not open with it."
        return text
    return None


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


def _keyring_store(data_dir: Path) -> bool:
    from auditor.errors import StoreKeyError
    from auditor.store.keys import read_header

    try:
        header = read_header(DataDir(data_dir))
    except StoreKeyError:
        return False
    return header is not None and header.key_source == "keyring"


def run_all(data_dir: Path, passphrase_file: str | None = None) -> list[CheckResult]:
    results = [check_data_dir(data_dir), check_keyring(data_dir)]
    results.append(check_store(data_dir, passphrase_file))
    results.append(check_ca(data_dir))
    return results
