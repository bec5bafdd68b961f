"""Sessions: the toolbar's session box, the list it shows (refreshed every few seconds, so a
capture's or an import's session appears), retention, and naming a session's app.

`sessionChanged(name or None)` says which session the window shows; everything that depends on
it (the filter's base, markers, the overview) listens to that one signal.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from ui import theme
from ui.qt import QComboBox, QInputDialog, QObject, Qt, QTimer, QWidget, Signal

if TYPE_CHECKING:
    from pathlib import Path

    from auditor.store import SessionInfo, Store
    from ui.stores import StoreConnections

ALL_SESSIONS = "All sessions"
SESSIONS_REFRESH_MS = 4000


class SessionController(QObject):
    sessionChanged = Signal(object)  # str | None (all sessions)
    listed = Signal()  # the list of sessions was read again
    judged = Signal(str, int)  # session, flows whose findings changed
    message = Signal(str, int)  # for the status bar: text, milliseconds (0: until replaced)

    def __init__(self, stores: StoreConnections, data_dir: Path, parent: QWidget) -> None:
        super().__init__(parent)
        self._stores = stores
        self._data_dir = data_dir
        self._parent = parent
        self.session: str | None = None
        self.sessions: list[SessionInfo] = []
        # A session asked for before it exists (a capture or a launch just began): shown once
        # it is listed.
        self._pending_select: str | None = None
        self.box = QComboBox(parent)
        self.box.setObjectName("sessionBox")
        self.box.setAccessibleName("Session")
        self.box.setMinimumContentsLength(16)
        self.box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.box.addItem(ALL_SESSIONS, None)
        self.box.currentIndexChanged.connect(self._on_box)
        self._timer = QTimer(self)
        self._timer.setInterval(SESSIONS_REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def apply_retention(self, days: int) -> None:
        """Deletes sessions whose last flow is older than `days` (0: keep all)."""
        if days <= 0:
            return
        cutoff = time.time() - days * 86400

        def prune(store: Store) -> list[str]:
            old = [
                s.name
                for s in store.sessions()
                if (s.last_ts or s.created) < cutoff and s.name != "demo"
            ]
            for name in old:
                store.delete_session(name)
            return old

        def done(names: list[str]) -> None:
            if names:
                self.message.emit(
                    f"Retention: deleted {len(names)} sessions older than {days} days", 8000
                )
                self.refresh()

        self._stores.aux.submit(prune, done)

    def refresh(self) -> None:
        self._stores.aux.submit(lambda store: store.sessions(), self._on_sessions)

    def _on_sessions(self, sessions: list[SessionInfo]) -> None:
        self.sessions = sessions
        names = [s.name for s in sessions]
        box = self.box
        current = box.currentData()
        existing = [box.itemData(i) for i in range(1, box.count())]
        if existing != names:
            box.blockSignals(True)
            box.clear()
            box.addItem(ALL_SESSIONS, None)
            for s in sessions:
                box.addItem(s.name, s.name)
                box.setItemData(
                    box.count() - 1,
                    f"{s.flow_count} flows, {theme.human_bytes(s.bytes)}"
                    + (f", from {theme.clock(s.first_ts, with_date=True)}" if s.first_ts else ""),
                    Qt.ItemDataRole.ToolTipRole,
                )
            i = box.findData(current) if current else 0
            box.setCurrentIndex(max(0, i))
            box.blockSignals(False)
        if self._pending_select and self._pending_select in names:
            name, self._pending_select = self._pending_select, None
            self.select(name)
        self.listed.emit()

    def select(self, name: str | None) -> None:
        i = self.box.findData(name) if name else 0
        if i < 0:
            self._pending_select = name
            self.refresh()
            return
        if self.box.currentIndex() != i:
            self.box.setCurrentIndex(i)
        else:
            self._on_box(i)

    def select_when_listed(self, name: str) -> None:
        """Shows `name` once it appears (a launched client's session has no flows yet)."""
        self._pending_select = name

    def _on_box(self, _index: int) -> None:
        name = self.box.currentData()
        self.session = str(name) if name else None
        self.sessionChanged.emit(self.session)

    def choose_app(self) -> None:
        """Asks which client the current session's flows come from, then judges them again."""
        session = self.session
        if not session:
            self.message.emit("Choose a session first", 4000)
            return
        from auditor.vendors import registry

        detected = "As captured (process or web page)"
        apps = [a for a in registry().apps() if not a.is_browser]
        labels = [detected] + [f"{a.title} ({a.name})" for a in apps]
        info = next((s for s in self.sessions if s.name == session), None)
        current = (info.meta.get("app") if info is not None else None) or ""
        index = next((i + 1 for i, a in enumerate(apps) if a.name == current), 0)
        choice, ok = QInputDialog.getItem(
            self._parent,
            "Session's app",
            f"The client the flows of {session!r} come from:",
            labels,
            index,
            False,
        )
        if ok:
            self.set_app(session, "" if choice == detected else apps[labels.index(choice) - 1].name)

    def set_app(self, session: str, app: str) -> None:
        """Remember `app` ("" forgets it) for the session and judge its flows again, off the GUI
        thread, with the same engine as capture and import (the user's packs included)."""
        data_dir = self._data_dir

        def run(store: Store) -> int:
            from auditor.enrich import rejudge_session
            from auditor.policy import PolicyEngine

            engine = PolicyEngine.for_data_dir(data_dir)
            _judged, changed = rejudge_session(store, session, engine, app=app)
            return changed

        def done(changed: int) -> None:
            what = f"as {app}" if app else "as captured"
            self.message.emit(f"Judged {session} again {what}: {changed} flows changed", 6000)
            self.refresh()
            if self.session == session:
                self.select(session)
            self.judged.emit(session, changed)

        self.message.emit(f"Judging {session} again…", 0)
        self._stores.aux.submit(run, done)
