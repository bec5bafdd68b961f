"""The store key: where it lives, how it is made, and the one-line errors when it cannot be had.

Every data dir holds one SQLCipher database (`DataDir.store`) encrypted with a 256-bit raw key.
Next to it, a small plaintext header file, `store.header.json` (no secrets in it), records which
of two ways the key is kept, so a later open knows where to look:

``keyring`` (the default)
    A random 256-bit key made on first use (`secrets.token_bytes(32)`) and kept, hex-encoded, in
    the OS keyring through `keyring`, under the service name ``meeting-privacy-auditor`` and the
    username ``store-<id>``, where ``<id>`` is the first 32 hex digits of the SHA-256 of the data
    dir's real path at the time the store was made. The username is written into the header, so
    moving the data dir afterwards keeps finding the same key. Plaintext keyring backends
    (anything from ``keyrings.alt``, or whose module or class name says plaintext/unencrypted)
    and the null/fail backends are never used for the key.

``passphrase``
    Used when no keyring backend works, or when the user asks for it on a new store by setting
    ``AUDITOR_PASSPHRASE`` or giving ``--passphrase-file``. The key is Argon2id
    (argon2-cffi ``hash_secret_raw``; parameters in the header) of the passphrase with a random
    16-byte salt kept in `DataDir.salt`.

Precedence: an existing store always uses the method its header records (a passphrase given for
a keyring store is ignored; a keyring store whose keyring is unavailable is an error, never a
silent switch). A new store uses the passphrase when one is given explicitly (``--passphrase-file``
first, then ``AUDITOR_PASSPHRASE``), else the OS keyring, else it stops with `StoreKeyError`
naming both ways out. The store never falls back to no encryption.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor.errors import StoreKeyError
from auditor.paths import DataDir

KEYRING_SERVICE = "meeting-privacy-auditor"
HEADER_NAME = "store.header.json"
LOCK_NAME = "store.lock"
HEADER_FORMAT = "meeting-privacy-auditor store header"
PASSPHRASE_ENV = "AUDITOR_PASSPHRASE"
KEY_BYTES = 32
SALT_BYTES = 16

# Argon2id cost: about a fifth of a second on a laptop core, 64 MiB (OWASP's second profile).
ARGON2_DEFAULTS: dict[str, int] = {"time_cost": 3, "memory_cost": 65536, "parallelism": 1}

NO_KEY_MESSAGE = (
    "no usable key for the encrypted store at {path}: no OS keyring backend is available{why}. "
    "Either make the OS keyring (Secret Service, macOS Keychain, Windows Credential Locker) "
    "available, or set AUDITOR_PASSPHRASE (or pass --passphrase-file FILE) to derive the key "
    "from a passphrase"
)


@dataclass(frozen=True)
class StoreHeader:
    store_id: str
    key_source: str  # "keyring" | "passphrase"
    keyring_service: str = KEYRING_SERVICE
    keyring_username: str = ""
    kdf: str = ""
    kdf_params: dict[str, int] | None = None
    salt_file: str = "store.salt"
    # During a key rotation: the key the database is being re-encrypted with. A crash between
    # re-encryption and the final header leaves the store openable with either key.
    pending: StoreHeader | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "format": HEADER_FORMAT,
            "version": 1,
            "store_id": self.store_id,
            "key_source": self.key_source,
        }
        if self.key_source == "keyring":
            out["keyring_service"] = self.keyring_service
            out["keyring_username"] = self.keyring_username
        else:
            out["kdf"] = self.kdf
            out["kdf_params"] = dict(self.kdf_params or {})
            out["salt_file"] = self.salt_file
        if self.pending is not None:
            pending = self.pending.to_json()
            for key in ("format", "version", "store_id"):
                pending.pop(key, None)
            out["pending"] = pending
        return out


def header_path(data_dir: DataDir) -> Path:
    return data_dir.root / HEADER_NAME


def read_header(data_dir: DataDir) -> StoreHeader | None:
    path = header_path(data_dir)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as err:
        raise StoreKeyError(f"cannot read the store header {path}: {err}") from None
    if not isinstance(raw, dict) or raw.get("format") != HEADER_FORMAT:
        raise StoreKeyError(f"{path} is not a store header of this program")
    return _header_from_json(raw, path)


# What a header may ask of Argon2: enough to open any store this program wrote, and never so much
# that a tampered header makes opening take hours or exhaust memory.
_KDF_BOUNDS: dict[str, tuple[int, int]] = {
    "time_cost": (1, 64),
    "memory_cost": (8, 4 * 1024 * 1024),  # KiB: 4 GiB
    "parallelism": (1, 64),
}


def _kdf_params(value: Any, path: Path) -> dict[str, int]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise StoreKeyError(f"the store header {path} is damaged (kdf_params is not an object)")
    params: dict[str, int] = {}
    for name, (low, high) in _KDF_BOUNDS.items():
        if name not in value:
            continue
        number = value[name]
        if isinstance(number, bool) or not isinstance(number, int) or not low <= number <= high:
            raise StoreKeyError(
                f"the store header {path} is damaged ({name} is {number!r}, not a whole number "
                f"from {low} to {high})"
            )
        params[name] = number
    return params


def _header_from_json(raw: dict[str, Any], path: Path) -> StoreHeader:
    source = raw.get("key_source")
    pending_raw = raw.get("pending")
    pending = _header_from_json(pending_raw, path) if isinstance(pending_raw, dict) else None
    if source == "keyring":
        return StoreHeader(
            store_id=str(raw.get("store_id", "")),
            key_source="keyring",
            keyring_service=str(raw.get("keyring_service", KEYRING_SERVICE)),
            keyring_username=str(raw.get("keyring_username", "")),
            pending=pending,
        )
    if source == "passphrase":
        params = _kdf_params(raw.get("kdf_params"), path)
        salt_file = str(raw.get("salt_file", "store.salt"))
        if "/" in salt_file or salt_file.startswith("."):
            raise StoreKeyError(f"{path} names an odd salt file {salt_file!r}")
        return StoreHeader(
            store_id=str(raw.get("store_id", "")),
            key_source="passphrase",
            kdf=str(raw.get("kdf", "argon2id")),
            kdf_params=params,
            salt_file=salt_file,
            pending=pending,
        )
    raise StoreKeyError(f"{path} names an unknown key source {source!r}")


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)


def write_header(data_dir: DataDir, header: StoreHeader) -> None:
    text = json.dumps(header.to_json(), indent=2) + "\n"
    _write_atomic(header_path(data_dir), text.encode("utf-8"))


@contextlib.contextmanager
def setup_lock(data_dir: DataDir) -> Iterator[None]:
    """Serialises key creation between processes opening a new data dir at the same time."""
    fd = os.open(data_dir.root / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def data_dir_id(data_dir: DataDir) -> str:
    real = os.path.realpath(data_dir.root)
    return hashlib.sha256(real.encode("utf-8", "surrogateescape")).hexdigest()[:32]


# --------------------------------------------------------------------------------------------
# Keyring backends


def is_plaintext_backend(backend: object) -> bool:
    """True for keyring backends that keep secrets readable on disk (refused for the key)."""
    cls = type(backend)
    module = cls.__module__ or ""
    words = f"{module}.{cls.__qualname__}".lower()
    return (
        module == "keyrings.alt"
        or module.startswith("keyrings.alt.")
        or "plaintext" in words
        or "unencrypted" in words
    )


def _is_null_backend(backend: object) -> bool:
    module = type(backend).__module__ or ""
    return module in ("keyring.backends.fail", "keyring.backends.null")


def usable_keyring() -> tuple[Any | None, str]:
    """The keyring backend to keep the key in, or None and a short reason why there is none."""
    import keyring
    from keyring.backends.chainer import ChainerBackend

    try:
        current = keyring.get_keyring()
    except Exception as err:  # a broken keyring configuration must not be a traceback
        return None, f" (the keyring could not be loaded: {_one_line(err)})"
    candidates = list(current.backends) if isinstance(current, ChainerBackend) else [current]
    refused: list[str] = []
    for backend in candidates:
        if _is_null_backend(backend) or isinstance(backend, ChainerBackend):
            continue
        if is_plaintext_backend(backend):
            refused.append(_backend_name(backend))
            continue
        return backend, ""
    if refused:
        return None, (
            f" (refused the plaintext keyring backend {', '.join(refused)}: it would keep the "
            "key readable on disk)"
        )
    return None, ""


def _backend_name(backend: object) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def _one_line(err: BaseException) -> str:
    text = " ".join(str(err).split())
    return text or type(err).__name__


def _keyring_get(backend: Any, service: str, username: str) -> str | None:
    try:
        value = backend.get_password(service, username)
    except Exception as err:
        raise StoreKeyError(
            f"the OS keyring ({_backend_name(backend)}) could not be read: {_one_line(err)}; "
            "unlock it and try again"
        ) from None
    return None if value is None else str(value)


def _keyring_set(backend: Any, service: str, username: str, value: str) -> None:
    try:
        backend.set_password(service, username, value)
    except Exception as err:
        raise StoreKeyError(
            f"the OS keyring ({_backend_name(backend)}) could not store the store key: "
            f"{_one_line(err)}; unlock it and try again"
        ) from None


# --------------------------------------------------------------------------------------------
# Passphrases


def read_passphrase(passphrase_file: str | os.PathLike[str] | None) -> str | None:
    """The passphrase given explicitly: `--passphrase-file` first, then AUDITOR_PASSPHRASE."""
    if passphrase_file is not None:
        path = Path(passphrase_file)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise StoreKeyError(
                f"cannot read the passphrase file {path}: {_one_line(err)}"
            ) from None
        # A trailing newline is an artefact of `echo` and editors, not part of the passphrase.
        text = text.removesuffix("\n").removesuffix("\r")
        if not text:
            raise StoreKeyError(f"the passphrase file {path} is empty")
        return text
    env = os.environ.get(PASSPHRASE_ENV)
    return env if env else None


_derived_cache: dict[tuple[bytes, bytes, tuple[tuple[str, int], ...]], bytes] = {}


def derive_key(passphrase: str, salt: bytes, params: dict[str, int]) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    # Reopening within one process (GUI reader + writer, tests) need not pay Argon2 again.
    cache_key = (
        hashlib.sha256(passphrase.encode("utf-8")).digest(),
        salt,
        tuple(sorted(params.items())),
    )
    cached = _derived_cache.get(cache_key)
    if cached is not None:
        return cached
    from argon2.exceptions import HashingError

    try:
        key = hash_secret_raw(
            secret=passphrase.encode("utf-8"),
            salt=salt,
            time_cost=params["time_cost"],
            memory_cost=params["memory_cost"],
            parallelism=params["parallelism"],
            hash_len=KEY_BYTES,
            type=Type.ID,
        )
    except (HashingError, MemoryError) as err:
        raise StoreKeyError(f"cannot derive the store key from the passphrase: {err}") from None
    _derived_cache[cache_key] = key
    return key


def _read_salt(data_dir: DataDir, name: str = "store.salt") -> bytes:
    path = data_dir.root / name
    try:
        salt = path.read_bytes()
    except OSError as err:
        raise StoreKeyError(
            f"the store salt {path} is missing or unreadable ({_one_line(err)}); "
            "without it the passphrase cannot give the key"
        ) from None
    if len(salt) < SALT_BYTES:
        raise StoreKeyError(f"the store salt {path} is damaged")
    return salt


# --------------------------------------------------------------------------------------------
# The key for a store


@dataclass(frozen=True)
class StoreKey:
    key: bytes
    source: str  # "keyring" | "passphrase"
    header: StoreHeader
    # The key of an interrupted rotation, tried when `key` does not open the database.
    pending: StoreKey | None = None


def obtain_key(
    data_dir: DataDir,
    *,
    passphrase_file: str | os.PathLike[str] | None = None,
    create: bool = True,
) -> StoreKey:
    """The key of the store in `data_dir`, made (with its header) when the store is new."""
    header = read_header(data_dir)
    if header is not None:
        return _existing_with_pending(data_dir, header, passphrase_file)
    if data_dir.store.exists():
        raise StoreKeyError(
            f"the store at {data_dir.store} has no header ({header_path(data_dir)}): "
            "cannot tell where its key is kept"
        )
    if not create:
        raise StoreKeyError(f"there is no store at {data_dir.store} yet")
    with setup_lock(data_dir):
        # Another process may have made the store while we waited for the lock.
        header = read_header(data_dir)
        if header is not None:
            return _existing_with_pending(data_dir, header, passphrase_file)
        return _new_key(data_dir, passphrase_file)


def _existing_with_pending(
    data_dir: DataDir, header: StoreHeader, passphrase_file: str | os.PathLike[str] | None
) -> StoreKey:
    if header.pending is None:
        return _existing_key(data_dir, header, passphrase_file)
    pending: StoreKey | None
    try:
        pending = _existing_key(data_dir, header.pending, passphrase_file)
    except StoreKeyError:
        pending = None
    try:
        current = _existing_key(data_dir, header, passphrase_file)
    except StoreKeyError:
        if pending is None:
            raise
        return pending
    return StoreKey(current.key, current.source, current.header, pending)


def _existing_key(
    data_dir: DataDir, header: StoreHeader, passphrase_file: str | os.PathLike[str] | None
) -> StoreKey:
    if header.key_source == "keyring":
        backend, why = usable_keyring()
        if backend is None:
            raise StoreKeyError(
                f"the store at {data_dir.store} keeps its key in the OS keyring, but no usable "
                f"keyring backend is available{why}; make the OS keyring available and try again"
            )
        value = _keyring_get(backend, header.keyring_service, header.keyring_username)
        if value is None:
            if data_dir.store.exists():
                raise StoreKeyError(
                    f"the key of the store at {data_dir.store} is missing from the OS keyring "
                    f"(service {header.keyring_service!r}, user {header.keyring_username!r})"
                )
            # Header left from a store whose database was deleted: start a fresh key.
            value = secrets.token_bytes(KEY_BYTES).hex()
            _keyring_set(backend, header.keyring_service, header.keyring_username, value)
        try:
            key = bytes.fromhex(value)
        except ValueError:
            key = b""
        if len(key) != KEY_BYTES:
            raise StoreKeyError(
                f"the OS keyring entry for the store at {data_dir.store} is not a store key"
            )
        return StoreKey(key=key, source="keyring", header=header)
    passphrase = read_passphrase(passphrase_file)
    if passphrase is None:
        raise StoreKeyError(
            f"the store at {data_dir.store} is encrypted with a passphrase: set "
            f"{PASSPHRASE_ENV} or pass --passphrase-file FILE"
        )
    params = dict(ARGON2_DEFAULTS)
    params.update(header.kdf_params or {})
    if header.kdf != "argon2id":
        raise StoreKeyError(f"the store header names an unknown key derivation {header.kdf!r}")
    key = derive_key(passphrase, _read_salt(data_dir, header.salt_file), params)
    return StoreKey(key=key, source="passphrase", header=header)


def _new_key(data_dir: DataDir, passphrase_file: str | os.PathLike[str] | None) -> StoreKey:
    store_id = secrets.token_hex(16)
    passphrase = read_passphrase(passphrase_file)
    if passphrase is None:
        backend, why = usable_keyring()
        if backend is None:
            raise StoreKeyError(NO_KEY_MESSAGE.format(path=data_dir.store, why=why))
        username = f"store-{data_dir_id(data_dir)}"
        key = secrets.token_bytes(KEY_BYTES)
        _keyring_set(backend, KEYRING_SERVICE, username, key.hex())
        # Read it back: some backends accept a write they cannot return (locked, wrong collection).
        if _keyring_get(backend, KEYRING_SERVICE, username) != key.hex():
            raise StoreKeyError(
                f"the OS keyring ({_backend_name(backend)}) did not keep the store key"
            )
        header = StoreHeader(
            store_id=store_id,
            key_source="keyring",
            keyring_service=KEYRING_SERVICE,
            keyring_username=username,
        )
        write_header(data_dir, header)
        return StoreKey(key=key, source="keyring", header=header)
    salt = secrets.token_bytes(SALT_BYTES)
    _write_atomic(data_dir.salt, salt)
    params = dict(ARGON2_DEFAULTS)
    header = StoreHeader(
        store_id=store_id, key_source="passphrase", kdf="argon2id", kdf_params=params
    )
    write_header(data_dir, header)
    return StoreKey(key=derive_key(passphrase, salt, params), source="passphrase", header=header)


def prepare_rotation(
    data_dir: DataDir,
    current: StoreHeader,
    *,
    to: str,
    new_passphrase: str | None = None,
) -> StoreKey:
    """Make the next key (`to`: "keyring" or "passphrase") and record it as pending in the header.

    The caller re-encrypts the database with it and then calls `finish_rotation`.
    """
    if to == "keyring":
        backend, why = usable_keyring()
        if backend is None:
            raise StoreKeyError(f"no usable OS keyring backend for the new key{why}")
        username = f"store-{data_dir_id(data_dir)}-{secrets.token_hex(4)}"
        key = secrets.token_bytes(KEY_BYTES)
        _keyring_set(backend, KEYRING_SERVICE, username, key.hex())
        if _keyring_get(backend, KEYRING_SERVICE, username) != key.hex():
            raise StoreKeyError(f"the OS keyring ({_backend_name(backend)}) did not keep the key")
        nxt = StoreHeader(
            store_id=current.store_id, key_source="keyring", keyring_username=username
        )
    elif to == "passphrase":
        if not new_passphrase:
            raise StoreKeyError("the new passphrase must not be empty")
        salt_file = f"store.salt.{secrets.token_hex(4)}"
        salt = secrets.token_bytes(SALT_BYTES)
        _write_atomic(data_dir.root / salt_file, salt)
        params = dict(ARGON2_DEFAULTS)
        nxt = StoreHeader(
            store_id=current.store_id,
            key_source="passphrase",
            kdf="argon2id",
            kdf_params=params,
            salt_file=salt_file,
        )
        key = derive_key(new_passphrase, salt, params)
    else:
        raise StoreKeyError(f"unknown key source {to!r} (keyring or passphrase)")
    write_header(data_dir, _replace_pending(current, nxt))
    return StoreKey(key=key, source=to, header=nxt)


def _replace_pending(header: StoreHeader, pending: StoreHeader | None) -> StoreHeader:
    from dataclasses import replace

    return replace(header, pending=pending)


def finish_rotation(data_dir: DataDir, old: StoreHeader, new: StoreHeader) -> None:
    """After re-encryption: the new key becomes the store's key; the old one is forgotten."""
    write_header(data_dir, _replace_pending(new, None))
    if old.key_source == "keyring" and old.keyring_username != new.keyring_username:
        backend, _why = usable_keyring()
        if backend is not None:
            try:
                backend.delete_password(old.keyring_service, old.keyring_username)
            except Exception:
                pass  # an orphaned entry is harmless: it no longer opens anything
    if old.key_source == "passphrase" and (
        new.key_source != "passphrase" or old.salt_file != new.salt_file
    ):
        try:
            (data_dir.root / old.salt_file).unlink()
        except OSError:
            pass


def forget_cached_keys() -> None:
    _derived_cache.clear()
