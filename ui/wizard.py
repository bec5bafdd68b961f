"""First-run wizard: checks the keyring, the store and the capture CA, and shows the fix for each
problem it finds. The checks run in a worker thread (`ui.checks`)."""

from __future__ import annotations

import html
from pathlib import Path

from ui import checks
from ui.checks import CheckResult
from ui.qt import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    Qt,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
    Signal,
)
from ui.workers import run_in_pool


class CheckRow(QWidget):
    """Icon, message and (when it failed) the fix, for one CheckResult."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result: CheckResult | None = None
        self.icon = QLabel(self)
        self.icon.setFixedWidth(22)
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.title = QLabel(f"<b>{html.escape(title)}</b>", self)
        self.message = QLabel("Checking…", self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fix = QLabel("", self)
        self.fix.setWordWrap(True)
        self.fix.setTextFormat(Qt.TextFormat.RichText)
        self.fix.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.fix.hide()
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.title)
        text.addWidget(self.message)
        text.addWidget(self.fix)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 4, 0, 4)
        row.addWidget(self.icon)
        row.addLayout(text, 1)

    def set_result(self, result: CheckResult) -> None:
        self.result = result
        pixmap = (
            QStyle.StandardPixmap.SP_DialogApplyButton
            if result.ok
            else QStyle.StandardPixmap.SP_MessageBoxWarning
        )
        self.icon.setPixmap(self.style().standardIcon(pixmap).pixmap(18, 18))
        self.message.setText(result.message)
        prefix = "" if result.ok else "<b>Fix:</b> "
        self.fix.setText(prefix + result.fix if result.fix else "")
        self.fix.setVisible(bool(result.fix))


class ChecksPage(QWizardPage):
    checked = Signal()

    def __init__(
        self, data_dir: Path, passphrase_file: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setTitle("Check your setup")
        self.setSubTitle(
            "Captured flows are kept in an encrypted store whose key lives in your OS keyring; the "
            "capture needs its own certificate authority (CA) to read HTTPS."
        )
        self.data_dir = data_dir
        self.passphrase_file = passphrase_file
        self.rows = {
            "data_dir": CheckRow("Data folder", self),
            "keyring": CheckRow("Keyring", self),
            "store": CheckRow("Encrypted store", self),
            "ca": CheckRow("Capture CA", self),
        }
        self.recheck = QPushButton("Check &again", self)
        self.recheck.clicked.connect(self.run_checks)
        self.create_ca = QPushButton("&Create CA", self)
        self.create_ca.setEnabled(False)
        self.create_ca.clicked.connect(self._create_ca)
        layout = QVBoxLayout(self)
        for row in self.rows.values():
            layout.addWidget(row)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.create_ca)
        buttons.addWidget(self.recheck)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.results: list[CheckResult] = []
        self.running = False

    def initializePage(self) -> None:
        self.run_checks()

    def run_checks(self) -> None:
        if self.running:
            return
        self.running = True
        for row in self.rows.values():
            row.message.setText("Checking…")
        data_dir, pf = self.data_dir, self.passphrase_file
        run_in_pool(lambda: checks.run_all(data_dir, pf), self._show, self._failed)

    def _show(self, results: list[CheckResult]) -> None:
        self.running = False
        self.results = results
        for result in results:
            row = self.rows.get(result.name)
            if row is not None:
                row.set_result(result)
        ca = next((r for r in results if r.name == "ca"), None)
        self.create_ca.setEnabled(ca is not None and not ca.ok)
        self.checked.emit()

    def _failed(self, message: str) -> None:
        self.running = False
        for row in self.rows.values():
            if row.result is None:
                row.set_result(CheckResult("?", False, f"The check failed: {message}"))
        self.checked.emit()

    def _create_ca(self) -> None:
        self.create_ca.setEnabled(False)
        self.rows["ca"].message.setText("Creating the CA…")
        data_dir = self.data_dir
        run_in_pool(lambda: checks.create_ca(data_dir), self._ca_done, self._failed)

    def _ca_done(self, result: CheckResult) -> None:
        self.rows["ca"].set_result(result)
        self.results = [r for r in self.results if r.name != "ca"] + [result]
        self.create_ca.setEnabled(not result.ok)
        self.checked.emit()

    def problems(self) -> list[CheckResult]:
        return [r for r in self.results if not r.ok]


class FirstRunWizard(QWizard):
    def __init__(
        self, data_dir: Path, passphrase_file: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunWizard")
        self.setWindowTitle("Welcome to Meeting Privacy Auditor")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setMinimumSize(640, 480)
        welcome = QWizardPage(self)
        welcome.setTitle("See what your meeting client sends")
        intro = QLabel(
            "This app runs a local proxy that your meeting client talks through. It shows every "
            "request the client makes, the kinds of data in it (identifiers, chat, audio levels, "
            "device details…), who receives it, and what the vendor's own terms say about it.<br><br>"
            "Nothing leaves your machine: captures are stored encrypted in your data folder.",
            welcome,
        )
        intro.setWordWrap(True)
        QVBoxLayout(welcome).addWidget(intro)
        self.checks_page = ChecksPage(data_dir, passphrase_file, self)
        finish = QWizardPage(self)
        finish.setTitle("Ready")
        self.open_demo = QCheckBox("Open the demo meeting to look around first", finish)
        self.open_demo.setChecked(True)
        done_text = QLabel(
            "Start a capture from the toolbar, then use <b>Launch a client</b> to start Zoom, "
            "Teams or another client already set up to go through it. Mark moments of the meeting "
            "(muted, camera off, screen share) with the Markers toolbar or Ctrl+Alt+M, C, S….",
            finish,
        )
        done_text.setWordWrap(True)
        fl = QVBoxLayout(finish)
        fl.addWidget(done_text)
        fl.addWidget(self.open_demo)
        fl.addStretch(1)
        self.addPage(welcome)
        self.addPage(self.checks_page)
        self.addPage(finish)
