"""Where a data dir's files live. Two data dirs never share anything."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "meeting-privacy-auditor"


def default_data_dir() -> Path:
    env = os.environ.get("AUDITOR_DATA_DIR")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    path = Path(explicit).expanduser() if explicit else default_data_dir()
    ensure_private_dir(path)
    return path


def ensure_private_dir(path: Path) -> None:
    """Make `path` (0700), or tighten an existing one that others may read or enter: a data dir
    holds captures, key logs and settings. Refused with one line when it cannot be tightened."""
    from auditor.errors import AuditorError

    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        mode = path.stat().st_mode & 0o777
        if mode & 0o077:
            path.chmod(mode & 0o700 | 0o700)
    except OSError as err:
        raise AuditorError(
            f"the data dir {path} is open to other users and could not be made private "
            f"({err.strerror or err}); run: chmod 700 {path}"
        ) from None


class DataDir:
    """Named locations inside one data dir."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @property
    def store(self) -> Path:
        return self.root / "store.db"

    @property
    def ca_dir(self) -> Path:
        return self.root / "ca"

    @property
    def settings(self) -> Path:
        return self.root / "settings.json"

    @property
    def salt(self) -> Path:
        return self.root / "store.salt"

    @property
    def known_values(self) -> Path:
        return self.root / "known-values.json"
