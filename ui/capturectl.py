"""The capture controls: start and stop (a child `auditor capture` process, `ui.capture`), its
port and mode, the capture CA's state, and launching a meeting client through the proxy.

The window places the widgets and acts on the signals: `starting` (clear the last session's
panes), `sessionStarted(name)` (show it), `died(reason, restartable)` (say so in the banner).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from auditor.paths import DataDir
from ui.capture import (
    CaptureController,
    CaptureOptions,
    ChildProcess,
    ca_cert_path,
    launch_arguments,
    trust_instructions,
)
from ui.clients import ClientCandidate, find_clients
from ui.qt import (
    QAction,
    QComboBox,
    QFileDialog,
    QKeySequence,
    QLabel,
    QMenu,
    QMessageBox,
    QObject,
    QSpinBox,
    QStyle,
    Qt,
    QToolButton,
    QWidget,
    Signal,
)
from ui.workers import run_in_pool

if TYPE_CHECKING:
    from ui.sessionctl import SessionController
    from ui.settings import AppSettings
    from ui.stores import StoreConnections

CAPTURE_STATE_TEXT = {
    "starting": "Capture starting…",
    "running": "Capturing",
    "stopping": "Stopping capture…",
    "idle": "Capture stopped",
}


@dataclass(frozen=True, slots=True)
class CaState:
    path: Path
    exists: bool


class CaptureControls(QObject):
    starting = Signal()  # a new capture is about to start: a new session
    stateChanged = Signal(str)  # idle | starting | running | stopping
    sessionStarted = Signal(str)  # the capture listens and records into this session
    died = Signal(str, bool)  # one-line reason, whether starting it again can help
    launcherDied = Signal(str)  # the launched client stopped: one-line reason
    message = Signal(str, int)  # for the status bar: text, milliseconds
    failed = Signal(str)  # creating the CA failed

    def __init__(
        self,
        data_dir: Path,
        passphrase_file: str | None,
        capture_command: list[str] | None,
        stores: StoreConnections,
        sessions: SessionController,
        settings: Callable[[], AppSettings],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self._passphrase_file = passphrase_file
        self._stores = stores
        self._sessions = sessions
        self._settings = settings
        self._parent = parent
        self._ran = False  # the capture reported its address: a death after that is news
        self.capture = CaptureController(
            data_dir, passphrase_file=passphrase_file, command_prefix=capture_command, parent=self
        )
        self.launcher = ChildProcess(capture_command, self)
        self.launcher.wait_for_listening = False
        self.clients: list[ClientCandidate] = []
        self.ca_path: Path = DataDir(data_dir).ca_dir
        self.ca_exists = False
        self._build_widgets(parent)
        self.capture.stateChanged.connect(self._on_state)
        self.capture.started.connect(self._on_started)
        self.capture.died.connect(self._on_died)
        self.capture.stopped.connect(
            lambda code: self.message.emit(f"Capture stopped (exit {code})", 5000)
        )
        self.launcher.died.connect(self.launcherDied)

    def _build_widgets(self, parent: QWidget) -> None:
        settings = self._settings()
        style = parent.style()
        self.act_capture = QAction("Start capture", parent)
        self.act_capture.setObjectName("actCapture")
        self.act_capture.setShortcut(QKeySequence("Ctrl+R"))
        self.act_capture.setToolTip("Start or stop the capture proxy (Ctrl+R)")
        self.act_capture.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay))
        self.act_capture.triggered.connect(self.toggle)
        self.act_ca = QAction("CA and trust…", parent)
        self.act_ca.triggered.connect(self.show_ca_dialog)
        self.port = QSpinBox(parent)
        self.port.setObjectName("portBox")
        self.port.setAccessibleName("Capture port")
        self.port.setRange(0, 65535)
        self.port.setSpecialValueText("auto")
        self.port.setValue(settings.capture_port)
        self.mode = QComboBox(parent)
        self.mode.setObjectName("modeBox")
        self.mode.setAccessibleName("Capture mode")
        self.mode.setEditable(True)
        self.mode.addItems(["regular", "local:zoom", "local:teams", "local:discord"])
        self.mode.setCurrentText(settings.capture_mode)
        self.mode.setToolTip(
            "regular: clients use the proxy (set by Launch a client); local:PROCESS: capture one "
            "program at the OS level where the platform supports it"
        )
        self.launch_button = QToolButton(parent)
        self.launch_button.setText("Launch a client")
        self.launch_button.setObjectName("launchButton")
        self.launch_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.launch_menu = QMenu(self.launch_button)
        self.launch_menu.aboutToShow.connect(self._fill_launch_menu)
        self.launch_button.setMenu(self.launch_menu)
        self.ca_button = QToolButton(parent)
        self.ca_button.setObjectName("caButton")
        self.ca_button.setText("CA: checking…")
        self.ca_button.clicked.connect(self.show_ca_dialog)
        self.label = QLabel("Capture stopped", parent)
        self.label.setTextFormat(Qt.TextFormat.PlainText)

    @property
    def running(self) -> bool:
        return self.capture.running

    def session(self) -> str | None:
        """The session a running capture records into."""
        return self.capture.options.session if self.running and self.capture.options else None

    def set_usable(self, usable: bool) -> None:
        """Without the store nothing can be recorded: the controls say so instead."""
        self.act_capture.setEnabled(usable)
        self.launch_button.setEnabled(usable)
        if usable:
            self.act_capture.setToolTip("Start or stop the capture proxy (Ctrl+R)")
            self.label.setText("Capture stopped")
        else:
            self.act_capture.setToolTip("Needs the encrypted store: see the message in the window")
            self.label.setText("No store: capture unavailable")

    def apply_settings(self, settings: AppSettings) -> None:
        self.port.setValue(settings.capture_port)

    # ------------------------------------------------------------------ capture

    def toggle(self) -> None:
        if self.capture.running:
            self.capture.stop()
        else:
            self.start()

    def start(self, session: str | None = None) -> None:
        name = session or time.strftime("capture-%Y%m%d-%H%M%S")
        options = CaptureOptions(
            session=name,
            port=self.port.value(),
            mode=self.mode.currentText().strip() or "regular",
            body_cap=self._settings().body_cap_kib * 1024,
        )
        if self._stores.problem is not None:
            return
        self._ran = False
        self.starting.emit()
        self.capture.start(options)

    def restart(self) -> None:
        """Starts the capture again into the session it recorded into."""
        self.start(self.capture.options.session if self.capture.options else None)

    def _on_state(self, state: str) -> None:
        running = state in ("starting", "running")
        self.act_capture.setText("Stop capture" if running else "Start capture")
        self.act_capture.setIcon(
            self._parent.style().standardIcon(
                QStyle.StandardPixmap.SP_MediaStop
                if running
                else QStyle.StandardPixmap.SP_MediaPlay
            )
        )
        self.port.setEnabled(not running)
        self.mode.setEnabled(not running)
        text = CAPTURE_STATE_TEXT.get(state, state)
        if state == "running" and self.capture.address:
            host, port = self.capture.address
            session = self.capture.options.session if self.capture.options else "?"
            text = f"Capturing on {host}:{port} → {session}"
        self.label.setText(text)
        self.stateChanged.emit(state)
        self.check_ca()

    def _on_started(self, _host: str, _port: int) -> None:
        self._ran = True
        self._on_state("running")
        if self.capture.options is not None:
            self.sessionStarted.emit(self.capture.options.session)

    def _on_died(self, reason: str) -> None:
        if self._ran:
            # It ran, then died: starting it again can help.
            self.label.setText("Capture died")
            self.died.emit(f"The capture stopped unexpectedly: {reason}", True)
        else:
            # It never started: the same start fails the same way until the cause is fixed.
            self.label.setText("Capture not started")
            self.died.emit(f"The capture could not start: {reason}", False)
        self._ran = False

    def stop_and_wait(self) -> None:
        # The capture stores what it has on SIGTERM; wait for it (bounded) so nothing is lost.
        self.capture.stop_and_wait()
        self.launcher.stop_and_wait()

    # ------------------------------------------------------------------ CA

    def check_ca(self) -> None:
        data_dir = self._data_dir

        # ca_cert_path imports the CA code (cryptography): keep that off the GUI thread too.
        def look() -> CaState:
            path = ca_cert_path(data_dir)
            return CaState(path, path.exists())

        run_in_pool(look, self._show_ca_state, lambda _m: None)

    def _show_ca_state(self, state: CaState) -> None:
        self.ca_path, self.ca_exists = state.path, state.exists
        self.ca_button.setText("CA ready" if state.exists else "CA: not created")
        icon = (
            QStyle.StandardPixmap.SP_DialogApplyButton
            if state.exists
            else QStyle.StandardPixmap.SP_MessageBoxWarning
        )
        self.ca_button.setIcon(self._parent.style().standardIcon(icon))
        self.ca_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.ca_button.setToolTip("The certificate authority clients must trust — click for how")

    def show_ca_dialog(self) -> None:
        cert = self.ca_path
        box = QMessageBox(self._parent)
        box.setWindowTitle("Capture CA")
        box.setTextFormat(Qt.TextFormat.RichText)
        if self.ca_exists:
            box.setText(f"The capture CA certificate is<br><code>{cert}</code>")
            box.setInformativeText(trust_instructions(cert))
        else:
            box.setText("There is no capture CA yet. It is made the first time a capture starts.")
            create = box.addButton("Create CA now", QMessageBox.ButtonRole.ActionRole)
            create.clicked.connect(self._create_ca)
        box.addButton(QMessageBox.StandardButton.Close)
        box.open()

    def _create_ca(self) -> None:
        from ui.checks import create_ca

        data_dir = self._data_dir
        run_in_pool(lambda: create_ca(data_dir), lambda _r: self.check_ca(), self.failed.emit)

    # ------------------------------------------------------------------ launching a client

    def find_clients(self) -> None:
        run_in_pool(find_clients, self._on_clients, lambda _m: None)

    def _on_clients(self, clients: list[ClientCandidate]) -> None:
        self.clients = clients

    def _fill_launch_menu(self) -> None:
        menu = self.launch_menu
        menu.clear()
        if not self.clients:
            none = menu.addAction("No meeting clients found on this machine")
            none.setEnabled(False)
        for client in self.clients:
            action = menu.addAction(f"{client.title} — {client.where}")
            action.triggered.connect(lambda _=False, c=client: self.launch_client(c))
        menu.addSeparator()
        other = menu.addAction("Other program…")
        other.triggered.connect(self._launch_other)
        menu.addAction("Look again").triggered.connect(self.find_clients)

    def _launch_other(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self._parent, "Program to launch through the capture")
        if path:
            self.launch_client(ClientCandidate(Path(path).stem, Path(path).name, (path,)))

    def launch_client(self, client: ClientCandidate) -> None:
        session = self._sessions.session or time.strftime(f"{client.app}-%Y%m%d-%H%M%S")
        args = launch_arguments(client.command, session, self._data_dir, self._passphrase_file)
        self.launcher.start_args(args)
        self.message.emit(f"Launched {client.title} into session {session}", 6000)
        self._sessions.select_when_listed(session)
