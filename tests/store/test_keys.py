"""Where the store key lives: the real Secret Service, a passphrase, and the refusals."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
import sqlcipher3
from keyring.errors import KeyringLocked

from auditor.errors import StoreKeyError
from auditor.paths import DataDir
from auditor.store import FlowQuery, open_store
from auditor.store.keys import HEADER_NAME, KEYRING_SERVICE, is_plaintext_backend
from tests.store.conftest import PASSPHRASE, MemoryKeyring, make_flow

ROOT = Path(__file__).resolve().parents[2]


def _header(data_dir: DataDir) -> dict[str, object]:
    return json.loads((data_dir.root / HEADER_NAME).read_text())


def _assert_one_line(err: pytest.ExceptionInfo[StoreKeyError]) -> str:
    text = str(err.value)
    assert "\n" not in text
    assert "file is not a database" not in text
    return text


# ---------------------------------------------------------------------------------------------
# The OS keyring (real gnome-keyring Secret Service)


def test_new_store_keeps_a_random_key_in_the_secret_service(
    data_dir: DataDir, secret_service: str
) -> None:
    flow = make_flow()
    with open_store(data_dir) as store:
        assert store.key_source == "keyring"
        store.add_flows([flow])
    header = _header(data_dir)
    assert header["key_source"] == "keyring"
    assert header["keyring_service"] == KEYRING_SERVICE
    username = str(header["keyring_username"])
    assert username.startswith("store-")
    stored = keyring.get_password(KEYRING_SERVICE, username)
    assert stored is not None and len(bytes.fromhex(stored)) == 32
    assert not data_dir.salt.exists()
    # Nothing secret in the plaintext header.
    assert stored not in (data_dir.root / HEADER_NAME).read_text()
    with open_store(data_dir, readonly=True) as reader:
        got = reader.get_flow(flow.id)
    assert got == flow


def test_two_data_dirs_get_two_keys(tmp_path: Path, secret_service: str) -> None:
    a, b = DataDir(tmp_path / "a"), DataDir(tmp_path / "b")
    open_store(a).close()
    open_store(b).close()
    ua, ub = _header(a)["keyring_username"], _header(b)["keyring_username"]
    assert ua != ub
    assert keyring.get_password(KEYRING_SERVICE, str(ua)) != keyring.get_password(
        KEYRING_SERVICE, str(ub)
    )


def test_wrong_key_in_keyring_is_a_one_line_error(data_dir: DataDir, secret_service: str) -> None:
    with open_store(data_dir) as store:
        store.add_flows([make_flow()])
    username = str(_header(data_dir)["keyring_username"])
    keyring.set_password(KEYRING_SERVICE, username, secrets.token_hex(32))
    with pytest.raises(StoreKeyError) as err:
        open_store(data_dir)
    assert "wrong passphrase or key for store at" in _assert_one_line(err)
    assert str(data_dir.store) in str(err.value)


def test_missing_keyring_entry_is_reported(data_dir: DataDir, secret_service: str) -> None:
    open_store(data_dir).close()
    keyring.delete_password(KEYRING_SERVICE, str(_header(data_dir)["keyring_username"]))
    with pytest.raises(StoreKeyError) as err:
        open_store(data_dir)
    assert "missing from the OS keyring" in _assert_one_line(err)


def test_existing_keyring_store_ignores_a_passphrase(
    data_dir: DataDir, secret_service: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    flow = make_flow()
    with open_store(data_dir) as store:
        store.add_flows([flow])
    monkeypatch.setenv("AUDITOR_PASSPHRASE", "something else")
    with open_store(data_dir) as store:
        assert store.key_source == "keyring"
        assert store.get_flow(flow.id) == flow


def test_moved_data_dir_still_finds_its_key(tmp_path: Path, secret_service: str) -> None:
    first = DataDir(tmp_path / "before")
    flow = make_flow()
    with open_store(first) as store:
        store.add_flows([flow])
    moved = tmp_path / "after"
    first.root.rename(moved)
    with open_store(DataDir(moved), readonly=True) as store:
        assert store.get_flow(flow.id) == flow


def test_erroring_keyring_is_a_one_line_error(
    data_dir: DataDir, secret_service: str, restore_keyring: None
) -> None:
    open_store(data_dir).close()

    class LockedKeyring(MemoryKeyring):
        def get_password(self, service: str, username: str) -> str | None:
            raise KeyringLocked("Failed to unlock the collection!")

    keyring.set_keyring(LockedKeyring())
    with pytest.raises(StoreKeyError) as err:
        open_store(data_dir)
    text = _assert_one_line(err)
    assert "could not be read" in text and "unlock" in text


# ---------------------------------------------------------------------------------------------
# Passphrase


def test_passphrase_store_round_trip(data_dir: DataDir, passphrase_env: str) -> None:
    flow = make_flow()
    with open_store(data_dir) as store:
        assert store.key_source == "passphrase"
        store.add_flows([flow])
    header = _header(data_dir)
    assert header["key_source"] == "passphrase"
    assert header["kdf"] == "argon2id"
    assert len(data_dir.salt.read_bytes()) == 16
    assert PASSPHRASE not in (data_dir.root / HEADER_NAME).read_text()
    with open_store(data_dir, readonly=True) as store:
        assert store.get_flow(flow.id) == flow


def test_wrong_passphrase_is_a_one_line_error(
    data_dir: DataDir, passphrase_env: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store(data_dir) as store:
        store.add_flows([make_flow()])
    monkeypatch.setenv("AUDITOR_PASSPHRASE", "not the passphrase")
    with pytest.raises(StoreKeyError) as err:
        open_store(data_dir)
    assert "wrong passphrase or key for store at" in _assert_one_line(err)
    with pytest.raises(StoreKeyError):
        open_store(data_dir, readonly=True)


def test_passphrase_store_without_passphrase_names_the_ways(
    data_dir: DataDir, passphrase_env: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_store(data_dir).close()
    monkeypatch.delenv("AUDITOR_PASSPHRASE")
    with pytest.raises(StoreKeyError) as err:
        open_store(data_dir)
    text = _assert_one_line(err)
    assert "AUDITOR_PASSPHRASE" in text and "--passphrase-file" in text


def test_passphrase_file_takes_precedence_and_newline_is_ignored(
    data_dir: DataDir, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AUDITOR_PASSPHRASE", "the env one")
    pw_file = tmp_path / "pw.txt"
    pw_file.write_text("from the file\n")
    flow = make_flow()
    with open_store(data_dir, passphrase_file=pw_file) as store:
        store.add_flows([flow])
    # Same passphrase through the environment, without the newline.
    monkeypatch.setenv("AUDITOR_PASSPHRASE", "from the file")
    with open_store(data_dir) as store:
        assert store.get_flow(flow.id) == flow
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    with pytest.raises(StoreKeyError, match="is empty"):
        open_store(data_dir, passphrase_file=empty)
    with pytest.raises(StoreKeyError, match="cannot read the passphrase file"):
        open_store(data_dir, passphrase_file=tmp_path / "missing.txt")


def test_explicit_passphrase_wins_over_keyring_for_a_new_store(
    data_dir: DataDir, secret_service: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AUDITOR_PASSPHRASE", PASSPHRASE)
    with open_store(data_dir) as store:
        assert store.key_source == "passphrase"


# ---------------------------------------------------------------------------------------------
# Refusals


def test_no_backend_and_no_passphrase_refuses(
    data_dir: DataDir, monkeypatch: pytest.MonkeyPatch, restore_keyring: None
) -> None:
    monkeypatch.delenv("AUDITOR_PASSPHRASE", raising=False)
    keyring.set_keyring(keyring.backends.fail.Keyring())
    with pytest.raises(StoreKeyError) as err:
        open_store(data_dir)
    text = _assert_one_line(err)
    assert "OS keyring" in text
    assert "AUDITOR_PASSPHRASE" in text and "--passphrase-file" in text
    # It never falls back to an unencrypted (or any) store.
    assert not data_dir.store.exists()
    assert not (data_dir.root / HEADER_NAME).exists()


def test_cli_without_keyring_or_passphrase_exits_1_with_both_ways_out(tmp_path: Path) -> None:
    root = tmp_path / "nokey"
    env = {k: v for k, v in os.environ.items() if k != "AUDITOR_PASSPHRASE"}
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    result = subprocess.run(
        [sys.executable, "-m", "auditor", "--data-dir", str(root), "sessions"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "AUDITOR_PASSPHRASE" in lines[0] and "--passphrase-file" in lines[0]
    assert "OS keyring" in lines[0]
    assert not (root / "store.db").exists()
    # The same with a passphrase works.
    env["AUDITOR_PASSPHRASE"] = PASSPHRASE
    ok = subprocess.run(
        [sys.executable, "-m", "auditor", "--data-dir", str(root), "sessions", "--format", "json"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout) == []


def _plaintext_backend() -> MemoryKeyring:
    """A backend that presents itself as keyrings.alt's plaintext file keyring."""

    class PlaintextKeyring(MemoryKeyring):
        pass

    PlaintextKeyring.__module__ = "keyrings.alt.file"
    return PlaintextKeyring()


def test_plaintext_backend_is_recognised() -> None:
    assert is_plaintext_backend(_plaintext_backend())
    assert not is_plaintext_backend(MemoryKeyring())

    class UnencryptedVault(MemoryKeyring):
        pass

    assert is_plaintext_backend(UnencryptedVault())


def test_plaintext_backend_is_refused_for_the_key(
    data_dir: DataDir, monkeypatch: pytest.MonkeyPatch, restore_keyring: None
) -> None:
    monkeypatch.delenv("AUDITOR_PASSPHRASE", raising=False)
    backend = _plaintext_backend()
    keyring.set_keyring(backend)
    with pytest.raises(StoreKeyError) as err:
        open_store(data_dir)
    text = _assert_one_line(err)
    assert "refused the plaintext keyring backend keyrings.alt.file" in text
    assert "AUDITOR_PASSPHRASE" in text
    assert backend.secrets == {}
    assert not data_dir.store.exists()
    # A passphrase still works, and the plaintext backend is left untouched.
    monkeypatch.setenv("AUDITOR_PASSPHRASE", PASSPHRASE)
    with open_store(data_dir) as store:
        store.add_flows([make_flow()])
        assert store.count_flows(FlowQuery()) == 1
    assert backend.secrets == {}


def test_chainer_uses_the_secure_backend_and_skips_plaintext(
    data_dir: DataDir, monkeypatch: pytest.MonkeyPatch, restore_keyring: None
) -> None:
    from keyring.backends.chainer import ChainerBackend

    monkeypatch.delenv("AUDITOR_PASSPHRASE", raising=False)
    plain, secure = _plaintext_backend(), MemoryKeyring()
    chainer = ChainerBackend()
    monkeypatch.setattr(ChainerBackend, "backends", property(lambda self: [plain, secure]))
    keyring.set_keyring(chainer)
    with open_store(data_dir) as store:
        assert store.key_source == "keyring"
    assert plain.secrets == {}
    assert len(secure.secrets) == 1


def test_keyring_store_without_keyring_is_a_clear_error(
    data_dir: DataDir, monkeypatch: pytest.MonkeyPatch, restore_keyring: None
) -> None:
    monkeypatch.delenv("AUDITOR_PASSPHRASE", raising=False)
    keyring.set_keyring(MemoryKeyring())
    open_store(data_dir).close()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    monkeypatch.setenv("AUDITOR_PASSPHRASE", PASSPHRASE)  # does not switch methods silently
    with pytest.raises(StoreKeyError) as err:
        open_store(data_dir)
    assert "keeps its key in the OS keyring" in _assert_one_line(err)


# ---------------------------------------------------------------------------------------------
# Key rotation


def test_rotate_keyring_key(data_dir: DataDir, secret_service: str) -> None:
    flow = make_flow()
    with open_store(data_dir) as store:
        store.add_flows([flow])
    old_user = str(_header(data_dir)["keyring_username"])
    old_key = keyring.get_password(KEYRING_SERVICE, old_user)
    with open_store(data_dir) as store:
        assert store.rotate_key() == "keyring"
        assert store.get_flow(flow.id) == flow  # the open store keeps working
    header = _header(data_dir)
    assert "pending" not in header and header["keyring_username"] != old_user
    assert keyring.get_password(KEYRING_SERVICE, old_user) is None
    new_key = keyring.get_password(KEYRING_SERVICE, str(header["keyring_username"]))
    assert new_key is not None and new_key != old_key
    with open_store(data_dir, readonly=True) as store:
        assert store.get_flow(flow.id) == flow
        assert store.integrity_check() == ["ok"]
    # The old key no longer opens the database.
    keyring.set_password(KEYRING_SERVICE, str(header["keyring_username"]), str(old_key))
    with pytest.raises(StoreKeyError, match="wrong passphrase or key"):
        open_store(data_dir)


def test_rotate_passphrase_to_keyring_and_back(
    data_dir: DataDir, secret_service: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AUDITOR_PASSPHRASE", PASSPHRASE)
    flow = make_flow()
    with open_store(data_dir) as store:
        store.add_flows([flow])
        assert store.rotate_key(to="keyring") == "keyring"
    assert not data_dir.salt.exists()
    monkeypatch.delenv("AUDITOR_PASSPHRASE")
    with open_store(data_dir) as store:
        assert store.key_source == "keyring" and store.get_flow(flow.id) == flow
        store.rotate_key(to="passphrase", new_passphrase="second passphrase")
    assert _header(data_dir)["key_source"] == "passphrase"
    with pytest.raises(StoreKeyError):
        open_store(data_dir)
    monkeypatch.setenv("AUDITOR_PASSPHRASE", "second passphrase")
    with open_store(data_dir, readonly=True) as store:
        assert store.get_flow(flow.id) == flow


def test_interrupted_rotation_opens_with_either_key(
    data_dir: DataDir, passphrase_env: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from auditor.store.keys import prepare_rotation, read_header

    flow = make_flow()
    with open_store(data_dir) as store:
        store.add_flows([flow])
    header = read_header(data_dir)
    assert header is not None
    # Crash after re-encrypting, before the final header: the pending key opens the store.
    from auditor.store.keys import derive_key

    old_key = derive_key(PASSPHRASE, data_dir.salt.read_bytes(), dict(header.kdf_params or {}))
    new = prepare_rotation(data_dir, header, to="passphrase", new_passphrase="next one")
    conn = sqlcipher3.connect(str(data_dir.store), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{old_key.hex()}'\"")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute(f"PRAGMA rekey = \"x'{new.key.hex()}'\"")
    conn.close()
    assert "pending" in _header(data_dir)
    monkeypatch.setenv("AUDITOR_PASSPHRASE", "next one")
    with open_store(data_dir) as store:
        assert store.get_flow(flow.id) == flow
    assert "pending" not in _header(data_dir)
    assert _header(data_dir)["salt_file"] == new.header.salt_file
    # Crash before re-encrypting: the current key still opens it and the pending one is dropped.
    header = read_header(data_dir)
    assert header is not None
    dropped = prepare_rotation(data_dir, header, to="passphrase", new_passphrase="never used")
    with open_store(data_dir) as store:
        assert store.get_flow(flow.id) == flow
    assert "pending" not in _header(data_dir)
    assert not (data_dir.root / dropped.header.salt_file).exists()
