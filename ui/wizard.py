"""First-run wizard: checks the keyring, the store and the capture CA, and shows the fix for each
problem it finds (a passphrase can stand in for a missing keyring); then asks who you are (the
known values the labeller looks for). The checks run in a worker thread (`ui.checks`)."""

from __future__ import annotations

import html
from pathlib import Path

from ui import checks
from ui.checks import CheckResult
from ui.knownvalues import KnownValuesEditor
from ui.qt import (
    QCheckBox,
    QDialog,
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


# A problem on these rows stops everything: no capture, demo or import without the store.
BLOCKING = ("data_dir", "store")


class ChecksPage(QWizardPage):
    checked = Signal()
    passphraseSet = Signal()  # the store opens now with a passphrase the user entered

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
        self.use_passphrase = QPushButton("Use a &passphrase…", self)
        self.use_passphrase.setObjectName("usePassphrase")
        self.use_passphrase.hide()
        self.use_passphrase.clicked.connect(self.ask_passphrase)
        self.access_state = ""
        layout = QVBoxLayout(self)
        for row in self.rows.values():
            layout.addWidget(row)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.use_passphrase)
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

        def run() -> tuple[list[CheckResult], str]:
            return checks.run_all(data_dir, pf), checks.store_access(data_dir, pf).state

        run_in_pool(run, self._show, self._failed)

    def _show(self, answer: tuple[list[CheckResult], str]) -> None:
        results, self.access_state = answer
        self.running = False
        self.results = results
        self.use_passphrase.setVisible(self.access_state in ("unlock", "create"))
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

    def blocking(self) -> list[CheckResult]:
        return [r for r in self.problems() if r.name in BLOCKING]

    def ask_passphrase(self) -> QDialog | None:
        from ui.passphrase import PassphraseDialog

        if self.access_state not in ("unlock", "create"):
            return None
        store = next((r for r in self.results if r.name == "store"), None)
        dialog = PassphraseDialog(
            self.data_dir, self.access_state, store.message if store else "", self
        )
        dialog.accepted.connect(self._passphrase_accepted)
        dialog.open()
        return dialog

    def _passphrase_accepted(self) -> None:
        self.passphraseSet.emit()
        self.run_checks()


class KnownValuesPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Tell the app who you are (optional)")
        self.setSubTitle(
            "Your e-mail, name, phone, meeting ids … are looked for in every flow, in clear and "
            "in the forms apps send them in (hashed, base64, …), so you see where they go. They "
            "stay in the encrypted store on this machine; change them later in Settings."
        )
        self.editor = KnownValuesEditor(self)
        self.note = QLabel("", self)
        self.note.setWordWrap(True)
        self.note.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.note)
        self.loaded: dict[str, list[str]] | None = None
        self.set_values(None)

    def set_values(self, values: dict[str, list[str]] | None) -> None:
        """None: the store is not open, so the values cannot be read or kept yet."""
        self.loaded = values
        self.editor.setEnabled(values is not None)
        self.note.setVisible(values is None)
        self.note.setText(
            "The encrypted store is not open yet (see the previous page): your values can be "
            "entered once it is, here or in Settings."
        )
        if values is not None:
            self.editor.set_values(values)

    def edited(self) -> dict[str, list[str]] | None:
        """The values when the user changed them, else None."""
        if self.loaded is None:
            return None
        values = self.editor.values()
        return values if values != self.loaded else None


class FinishPage(QWizardPage):
    """Says "Ready" only when nothing blocks; otherwise what still stands in the way."""

    def __init__(self, checks_page: ChecksPage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.checks_page = checks_page
        self.text = QLabel("", self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.open_demo = QCheckBox("Open the demo meeting to look around first", self)
        self.open_demo.setChecked(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.open_demo)
        layout.addStretch(1)

    def initializePage(self) -> None:
        blocking = self.checks_page.blocking()
        if blocking:
            self.setTitle("Not ready yet")
            items = "".join(f"<li>{html.escape(r.message)}</li>" for r in blocking)
            self.text.setText(
                f"<p>This still stands in the way:</p><ul>{items}</ul><p>Until it is fixed "
                "nothing can be captured, imported or shown. Go <b>Back</b> to see the fix, or "
                "fix it later: the main window explains it too.</p>"
            )
            self.open_demo.setChecked(False)
            self.open_demo.setEnabled(False)
            return
        self.setTitle("Ready")
        self.text.setText(
            "Start a capture from the toolbar, then use <b>Launch a client</b> to start Zoom, "
            "Teams or another client already set up to go through it. Mark moments of the meeting "
            "(muted, camera off, screen share) with the Markers toolbar or Ctrl+Alt+M, C, S…."
        )
        self.open_demo.setEnabled(True)


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
        self.known_page = KnownValuesPage(self)
        self.finish_page = FinishPage(self.checks_page, self)
        self.open_demo = self.finish_page.open_demo
        self.addPage(welcome)
        self.addPage(self.checks_page)
        self.addPage(self.known_page)
        self.addPage(self.finish_page)
