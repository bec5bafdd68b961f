"""Settings kept in the store's `meta` table: the body-size cap, and the user's known values
(their own e-mail, name, meeting ids … that the labeller looks for). Known values are personal
data, so they live here (encrypted), never in a file of the data dir."""

from __future__ import annotations

import json
from pathlib import Path

from auditor.errors import AuditorError
from auditor.store.database import Database

DEFAULT_BODY_CAP = 16 * 1024 * 1024
BODY_CAP_KEY = "body_cap"
KNOWN_VALUES_KEY = "known_values"


def _parse_known_values(text: str | None) -> dict[str, list[str]]:
    try:
        raw = json.loads(text) if text else {}
    except ValueError:
        return {}
    if not isinstance(raw, dict):
        return {}
    return {
        str(kind): [str(v) for v in items if isinstance(v, str)]
        for kind, items in raw.items()
        if isinstance(items, list)
    }


class Settings:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._body_cap: int | None = None
        self._body_cap_loaded = False

    # ----------------------------------------------------------------------------------------
    # Body-size cap

    @property
    def body_cap(self) -> int | None:
        """Bodies larger than this many bytes are not stored (their size is). None: no cap."""
        with self._db.guarded():
            if not self._body_cap_loaded:
                value = self._db.meta(BODY_CAP_KEY)
                if value is None:
                    self._body_cap = DEFAULT_BODY_CAP
                else:
                    self._body_cap = None if value == "none" else int(value)
                self._body_cap_loaded = True
            return self._body_cap

    def set_body_cap(self, cap: int | None) -> None:
        if cap is not None and cap < 0:
            raise AuditorError("the body-size cap must be 0 or more bytes")
        with self._db.lock:
            with self._db.writing():
                self._db.set_meta(BODY_CAP_KEY, "none" if cap is None else str(int(cap)))
            self._body_cap = cap
            self._body_cap_loaded = True

    # ----------------------------------------------------------------------------------------
    # Known values

    def known_values(self) -> dict[str, list[str]]:
        """The user's known values by kind, each list in the order entered."""
        with self._db.guarded():
            return _parse_known_values(self._db.meta(KNOWN_VALUES_KEY))

    def _save_known_values(self, values: dict[str, list[str]]) -> None:
        text = json.dumps({k: v for k, v in values.items() if v}, ensure_ascii=False)
        self._db.set_meta(KNOWN_VALUES_KEY, text)

    def set_known_values(self, values: dict[str, list[str]]) -> None:
        """Replaces every known value."""
        clean: dict[str, list[str]] = {}
        for kind, items in values.items():
            for item in items:
                value = item.strip()
                if value and value not in clean.setdefault(kind, []):
                    clean[kind].append(value)
        with self._db.writing():
            self._save_known_values(clean)

    def add_known_value(self, kind: str, value: str) -> bool:
        """False when it was there already."""
        value = value.strip()
        with self._db.writing():
            current = _parse_known_values(self._db.meta(KNOWN_VALUES_KEY))
            items = current.setdefault(kind, [])
            if value in items:
                return False
            items.append(value)
            self._save_known_values(current)
            return True

    def remove_known_value(self, kind: str, value: str) -> bool:
        """False when there was no such value."""
        value = value.strip()
        with self._db.writing():
            current = _parse_known_values(self._db.meta(KNOWN_VALUES_KEY))
            if value not in current.get(kind, []):
                return False
            current[kind].remove(value)
            self._save_known_values(current)
            return True

    def import_known_values_file(self, path: Path) -> None:
        """Moves a plaintext `known-values.json` (written by hand for older versions) into the
        store, then deletes it: the values are kept, the clear copy is not."""
        if not path.exists():
            return
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raw = None
        if not isinstance(raw, dict):
            # Older versions ignored a malformed file too: keep it for the user to fix, unread.
            return
        with self._db.writing():
            current = _parse_known_values(self._db.meta(KNOWN_VALUES_KEY))
            for kind, items in raw.items():
                for item in [items] if isinstance(items, str | int) else items or []:
                    value = str(item).strip()
                    if isinstance(item, str | int) and value:
                        bucket = current.setdefault(str(kind), [])
                        if value not in bucket:
                            bucket.append(value)
            self._save_known_values(current)
        path.unlink()
