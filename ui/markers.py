"""The markers toolbar: one click (or an app-wide shortcut) records what just happened in the
meeting — muted, camera off, screen share — so the timeline shows what was sent at that moment."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ui import theme
from ui.qt import QAction, QKeySequence, QObject, QShortcut, Qt, QToolBar, QWidget, Signal

if TYPE_CHECKING:
    from auditor.store import Marker, Store
    from ui.stores import StoreConnections


@dataclass(frozen=True, slots=True)
class MarkerKind:
    kind: str  # as stored (auditor.store.MARKER_KINDS)
    text: str
    shortcut: str
    tip: str


MARKER_BUTTONS: tuple[MarkerKind, ...] = (
    MarkerKind("meeting_start", "Meeting start", "Ctrl+Alt+B", "The meeting begins"),
    MarkerKind("muted", "Muted", "Ctrl+Alt+M", "I muted my microphone"),
    MarkerKind("unmuted", "Unmuted", "Ctrl+Alt+U", "I unmuted my microphone"),
    MarkerKind("camera_off", "Camera off", "Ctrl+Alt+C", "I turned my camera off"),
    MarkerKind("camera_on", "Camera on", "Ctrl+Alt+V", "I turned my camera on"),
    MarkerKind("screen_share", "Share screen", "Ctrl+Alt+S", "I started sharing my screen"),
    MarkerKind("screen_share_end", "Stop share", "Ctrl+Alt+D", "I stopped sharing my screen"),
    MarkerKind("meeting_end", "Meeting end", "Ctrl+Alt+E", "The meeting ended"),
)


class MarkerBar(QToolBar):
    """Emits `markerRequested(kind, ts)`; the window stores it in the current session."""

    markerRequested = Signal(str, float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Markers", parent)
        self.setObjectName("markerBar")
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.actions_by_kind: dict[str, QAction] = {}
        self.shortcuts: list[QShortcut] = []
        self._clock = time.time
        title = QAction("Mark:", self)
        title.setEnabled(False)
        self.addAction(title)
        for mk in MARKER_BUTTONS:
            action = QAction(mk.text, self)
            action.setObjectName(f"marker_{mk.kind}")
            action.setToolTip(f"{mk.tip} ({mk.shortcut})")
            action.setStatusTip(
                f"Add a '{mk.text}' marker now ({mk.shortcut}, works anywhere in the app)"
            )
            action.triggered.connect(lambda _=False, k=mk.kind: self.request(k))
            self.addAction(action)
            self.actions_by_kind[mk.kind] = action
        self.set_session(None)

    def install_shortcuts(self, window: QObject) -> None:
        """Application-wide shortcuts: they work from any window or dialog of the app."""
        for mk in MARKER_BUTTONS:
            shortcut = QShortcut(QKeySequence(mk.shortcut), window)
            shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
            shortcut.activated.connect(lambda k=mk.kind: self.request(k))
            self.shortcuts.append(shortcut)

    def set_session(self, session: str | None) -> None:
        self.session = session
        for action in self.actions_by_kind.values():
            action.setEnabled(session is not None)
        self.setToolTip(
            f"Markers go into session '{session}'"
            if session
            else "Choose or start a session to add markers"
        )

    def request(self, kind: str) -> None:
        if self.session is None:
            return
        self.markerRequested.emit(kind, self._clock())


class MarkerController(QObject):
    """Stores the bar's markers in the session it names: the one shown, else the one a running
    capture records into."""

    added = Signal()  # a marker is stored
    message = Signal(str, int)  # for the status bar: text, milliseconds

    def __init__(self, stores: StoreConnections, bar: MarkerBar) -> None:
        super().__init__(bar)
        self._stores = stores
        self.bar = bar
        bar.markerRequested.connect(self.add)

    def set_sessions(self, shown: str | None, capturing: str | None) -> None:
        self.bar.set_session(shown or capturing)

    def add(self, kind: str, ts: float) -> None:
        session = self.bar.session
        if session is None:
            return

        def add(store: Store) -> Marker:
            return store.add_marker(session, ts, kind)

        def done(_marker: Marker) -> None:
            self.message.emit(
                f"Marked “{kind.replace('_', ' ')}” at {theme.clock(ts)} in {session}", 4000
            )
            self.added.emit()

        self._stores.aux.submit(add, done)
