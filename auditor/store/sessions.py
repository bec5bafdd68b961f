"""Sessions (named captures or imports, with metadata and running totals) and the markers of
meeting events in them."""

from __future__ import annotations

import json
import re
from typing import Any

from auditor.errors import AuditorError
from auditor.store.bounds import clamp_ts, clean_strings, ts_in_range
from auditor.store.codec import sql_text
from auditor.store.database import Connection, Database
from auditor.store.query import Marker, SessionInfo

_MARKER_KIND = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


def check_session_name(name: str) -> str:
    if not isinstance(name, str) or not name.strip():
        raise AuditorError("a session name must not be empty")
    if any(ord(c) < 32 for c in name) or sql_text(name) != name:
        raise AuditorError("a session name must be printable text")
    return name


def session_meta(text: Any) -> dict[str, Any]:
    """A session's metadata, {} when what is stored is not a JSON object (readers are total)."""
    try:
        value = json.loads(text or "{}")
    except (ValueError, TypeError, RecursionError):
        return {}
    return clean_strings(value) if isinstance(value, dict) else {}


def stored_meta(conn: Connection, name: str) -> dict[str, Any] | None:
    """The metadata of session `name`; None when there is no such session."""
    row = conn.execute("SELECT meta FROM sessions WHERE name = ?", (name,)).fetchone()
    return None if row is None else session_meta(row[0])


def save_meta(conn: Connection, name: str, meta: dict[str, Any]) -> None:
    conn.execute(
        "UPDATE sessions SET meta = ? WHERE name = ?", (json.dumps(meta, default=str), name)
    )


class Sessions:
    def __init__(self, db: Database) -> None:
        self._db = db

    def ensure_session(self, name: str, **meta: Any) -> str:
        """Create the session `name` if needed (merging `meta` into its metadata); returns name."""
        check_session_name(name)
        with self._db.writing() as conn:
            self._db.session_id(name, create=True)
            if meta:
                current = stored_meta(conn, name) or {}
                current.update(meta)
                save_meta(conn, name, current)
        return name

    def sessions(self) -> list[SessionInfo]:
        with self._db.guarded() as conn:
            rows = conn.execute(
                "SELECT s.id, s.name, s.created, s.meta, s.flow_count, s.bytes, s.first_ts, "
                "s.last_ts, (SELECT count(*) FROM markers m WHERE m.session_id = s.id) "
                "FROM sessions s ORDER BY s.created, s.id"
            ).fetchall()
            apps: dict[int, list[str]] = {}
            for sid, app in conn.execute(
                "SELECT session_id, app FROM session_apps ORDER BY session_id, app"
            ):
                apps.setdefault(sid, []).append(app)
        return [
            SessionInfo(
                name=name,
                created=clamp_ts(created),
                flow_count=count,
                bytes=nbytes,
                first_ts=None if first is None else clamp_ts(first),
                last_ts=None if last is None else clamp_ts(last),
                apps=apps.get(sid, []),
                meta=session_meta(meta),
                markers=markers,
            )
            for sid, name, created, meta, count, nbytes, first, last, markers in rows
        ]

    def session(self, name: str) -> SessionInfo | None:
        for info in self.sessions():
            if info.name == name:
                return info
        return None

    def delete_session(self, name: str) -> int:
        """Delete a session with its flows, bodies, labels, findings and markers.

        Returns the number of flows deleted. The freed pages are reused by later writes;
        `compact()` returns them to the file system.
        """
        with self._db.lock:
            self._db.forget_session(name)
            with self._db.writing() as conn:
                found = conn.execute("SELECT id FROM sessions WHERE name = ?", (name,)).fetchone()
                if found is None:
                    raise AuditorError(f"no session named {name!r}")
                sid = int(found[0])
                flows = "SELECT rowid FROM flows WHERE session_id = ?"
                conn.execute(f"DELETE FROM flows_fts WHERE rowid IN ({flows})", (sid,))
                conn.execute(
                    f"DELETE FROM credentials_unread WHERE flow_rowid IN ({flows})", (sid,)
                )
                conn.execute(f"DELETE FROM flow_findings WHERE flow_rowid IN ({flows})", (sid,))
                conn.execute("DELETE FROM session_credentials WHERE session_id = ?", (sid,))
                conn.execute(f"DELETE FROM bodies WHERE flow_rowid IN ({flows})", (sid,))
                conn.execute(f"DELETE FROM flow_labels WHERE flow_rowid IN ({flows})", (sid,))
                conn.execute(f"DELETE FROM records WHERE flow_rowid IN ({flows})", (sid,))
                deleted = conn.execute("DELETE FROM flows WHERE session_id = ?", (sid,)).rowcount
                conn.execute("DELETE FROM markers WHERE session_id = ?", (sid,))
                conn.execute("DELETE FROM session_apps WHERE session_id = ?", (sid,))
                conn.execute("DELETE FROM flow_counts WHERE session_id = ?", (sid,))
                conn.execute("DELETE FROM sessions WHERE id = ?", (sid,))
                return int(deleted)

    # ----------------------------------------------------------------------------------------
    # Markers

    def add_marker(self, session: str, ts: float, kind: str, note: str = "") -> Marker:
        """Record a meeting event (muted, camera_off, screen_share, ...) at `ts` in `session`."""
        if not _MARKER_KIND.match(kind):
            raise AuditorError(
                f"marker kind {kind!r} must be lower-case letters, digits and underscores"
            )
        check_session_name(session)
        if not ts_in_range(ts):
            raise AuditorError("a marker's time must lie between 1970 and 9999")
        note = sql_text(note) or ""
        with self._db.writing() as conn:
            sid = self._db.session_id(session, create=True)
            cur = conn.execute(
                "INSERT INTO markers(session_id, ts, kind, note) VALUES (?, ?, ?, ?)",
                (sid, float(ts), kind, note),
            )
            return Marker(
                id=int(cur.lastrowid), session=session, ts=float(ts), kind=kind, note=note
            )

    def markers(self, session: str | None) -> list[Marker]:
        """The markers of `session` (all sessions when None), in time order."""
        sql = (
            "SELECT m.id, s.name, m.ts, m.kind, m.note FROM markers m "
            "JOIN sessions s ON s.id = m.session_id"
        )
        params: list[Any] = []
        if session is not None:
            sql += " WHERE s.name = ?"
            params.append(session)
        sql += " ORDER BY m.ts, m.id"
        with self._db.guarded() as conn:
            return [
                Marker(mid, name, clamp_ts(ts), kind, note)
                for mid, name, ts, kind, note in conn.execute(sql, params)
            ]

    def delete_marker(self, marker_id: int) -> bool:
        with self._db.writing() as conn:
            n = conn.execute("DELETE FROM markers WHERE id = ?", (marker_id,)).rowcount
        return int(n) > 0
