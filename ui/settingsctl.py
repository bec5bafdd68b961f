"""The user's settings and known values: the settings dialog, the first-run wizard, and keeping
known values (e-mail, name …) in the store, which labels every stored flow again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from auditor.paths import DataDir
from ui.qt import QDialog, QObject, QWidget, Signal
from ui.settings import AppSettings, SettingsDialog, remember_data_dir, save_settings
from ui.workers import run_in_pool

if TYPE_CHECKING:
    from auditor.store import Store
    from ui.stores import StoreConnections
    from ui.wizard import FirstRunWizard

KnownValues = dict[str, list[str]]


class SettingsController(QObject):
    settingsChanged = Signal(object)  # AppSettings the user accepted in the dialog
    knownValuesSaved = Signal(int)  # flows labelled again
    wizardDone = Signal(bool)  # the wizard closed; whether it asked for the demo
    message = Signal(str, int)  # for the status bar: text, milliseconds (0: until replaced)
    failed = Signal(str)  # saving failed: one line

    def __init__(
        self,
        data_dir: Path,
        passphrase_file: str | None,
        settings: AppSettings,
        stores: StoreConnections,
        policy_versions: Callable[[], list[str]],
        parent: QWidget,
    ) -> None:
        """`policy_versions()`: the versions the dialog offers as the default (once loaded)."""
        super().__init__(parent)
        self._data_dir = data_dir
        self._passphrase_file = passphrase_file
        self._stores = stores
        self._policy_versions = policy_versions
        self._parent = parent
        self.settings = settings
        # The user's known values, read from the store once it opens (None until then).
        self.known_values: KnownValues | None = None
        self._wizard: FirstRunWizard | None = None
        stores.opened.connect(self._load_known_values)

    def _load_known_values(self) -> None:
        self._stores.aux.submit(lambda store: store.known_values(), self._on_known_values)

    def _on_known_values(self, values: KnownValues) -> None:
        self.known_values = values
        if self._wizard is not None:
            self._wizard.known_page.set_values(values)

    def save_known_values(self, values: KnownValues) -> None:
        """Keeps the user's known values in the store, then labels every stored flow again so
        past sessions show where the values went too."""
        data_dir = DataDir(self._data_dir)

        def save(store: Store) -> int:
            from auditor.enrich import Enricher, relabel_store

            store.set_known_values(values)
            enricher = Enricher(data_dir=data_dir, user_values=store.known_values())
            return relabel_store(store, enricher)

        def done(count: int) -> None:
            self.message.emit(f"Known values saved; {count:,} stored flows labelled again", 8000)
            self.knownValuesSaved.emit(count)

        self.known_values = {k: list(v) for k, v in values.items() if v}
        self.message.emit("Saving your known values and labelling stored flows again…", 0)
        self._stores.aux.submit(save, done)

    def open_settings(self) -> None:
        dialog = SettingsDialog(
            self.settings,
            self._data_dir,
            self._policy_versions(),
            self._parent,
            known_values=self.known_values,
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        edited = dialog.edited_known_values()
        if edited is not None:
            self.save_known_values(edited)
        self.settings = settings = dialog.result_settings()
        self.settingsChanged.emit(settings)
        path = DataDir(self._data_dir).settings
        chosen = dialog.chosen_data_dir()
        changed_dir = chosen and chosen != str(self._data_dir)

        def save() -> None:
            save_settings(path, settings)
            if changed_dir:
                remember_data_dir(chosen)

        run_in_pool(save, lambda _r: self.message.emit("Settings saved", 3000), self.failed.emit)

    def open_wizard(self) -> FirstRunWizard:
        from ui.wizard import FirstRunWizard

        wizard = FirstRunWizard(self._data_dir, self._passphrase_file, self._parent)
        wizard.checks_page.passphraseSet.connect(self._stores.make_available)
        wizard.known_page.set_values(self.known_values)
        self._wizard = wizard
        wizard.finished.connect(lambda code: self._wizard_done(wizard, code))
        wizard.open()
        return wizard

    def _wizard_done(self, wizard: FirstRunWizard, code: int) -> None:
        self._wizard = None
        accepted = code == QDialog.DialogCode.Accepted
        edited = wizard.known_page.edited()
        if accepted and edited is not None:
            self.save_known_values(edited)
        self.settings.first_run_done = True
        path = DataDir(self._data_dir).settings
        settings = self.settings
        run_in_pool(lambda: save_settings(path, settings), None, self.failed.emit)
        self.wizardDone.emit(accepted and wizard.open_demo.isChecked())
