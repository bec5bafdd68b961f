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
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


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
