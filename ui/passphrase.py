"""The passphrase prompt: asked once at start when the store's key cannot come from the OS keyring.

``unlock`` opens a store encrypted with a passphrase; ``create`` chooses the passphrase of a new
store (twice, to catch a typo). Either way the key is Argon2id of the passphrase with the store's
salt, exactly as with ``--passphrase-file`` (`auditor.store.keys`), so the CLI opens the same store
with the same passphrase. A wrong passphrase keeps the dialog open with the reason.
"""

from __future__ import annotations

import html
from pathlib import Path

from ui.checks import use_passphrase
from ui.qt import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    Qt,
    QVBoxLayout,
    QWidget,
)

MIN_NEW_LENGTH = 8


class PassphraseDialog(QDialog):
    def __init__(
        self, data_dir: Path, mode: str, reason: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("passphraseDialog")
        self.data_dir = data_dir
        self.mode = mode
        creating = mode == "create"
        self.setWindowTitle("Choose a passphrase" if creating else "Unlock the encrypted store")
        intro = QLabel(self)
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        what = (
            "Choose a passphrase for the encrypted store. Its key is derived from it (Argon2id); "
            "you will be asked for it each time the app starts, and the command line takes it "
            "with <code>--passphrase-file FILE</code> or <code>AUDITOR_PASSPHRASE</code>. "
            "There is no way to recover captures without it."
            if creating
            else "Enter the passphrase of the encrypted store."
        )
        intro.setText((f"<p>{html.escape(reason)}</p>" if reason else "") + f"<p>{what}</p>")
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName("Passphrase")
        self.repeat = QLineEdit(self)
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.setAccessibleName("Passphrase again")
        self.error = QLabel("", self)
        self.error.setWordWrap(True)
        self.error.setObjectName("passphraseError")
        self.error.hide()
        form = QFormLayout()
        label = QLabel("&Passphrase:", self)
        label.setBuddy(self.passphrase)
        form.addRow(label, self.passphrase)
        if creating:
            again = QLabel("&Again:", self)
            again.setBuddy(self.repeat)
            form.addRow(again, self.repeat)
        else:
            self.repeat.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.passphrase.selectAll()
        self.passphrase.setFocus()

    def try_accept(self) -> None:
        text = self.passphrase.text()
        if self.mode == "create":
            if len(text) < MIN_NEW_LENGTH:
                self._show_error(f"Use at least {MIN_NEW_LENGTH} characters.")
                return
            if text != self.repeat.text():
                self._show_error("The two passphrases differ.")
                return
        # Argon2id takes a fraction of a second by design: say so with the cursor.
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            problem = use_passphrase(self.data_dir, text, create=self.mode == "create")
        finally:
            QApplication.restoreOverrideCursor()
        if problem:
            self._show_error(problem)
            return
        self.accept()
