"""App settings (kept in the data dir's settings.json) and the settings dialog.

`load_settings` / `save_settings` are plain file functions: the window calls them in a worker
(or before the event loop starts). Keys other programs keep in the same file are preserved.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

import platformdirs

from auditor.paths import APP_NAME
from ui.knownvalues import KnownValuesEditor
from ui.qt import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

SECTION = "gui"


@dataclass(slots=True)
class AppSettings:
    body_cap_kib: int = 1024  # bodies above this are not kept (their size is)
    retention_days: int = 0  # 0: keep sessions forever
    default_policy_version: str = ""  # "": the version in force at the flow's time
    capture_port: int = 8080
    capture_mode: str = "regular"
    first_run_done: bool = False
    follow_new_flows: bool = True


def load_settings(path: Path) -> AppSettings:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return AppSettings()
    section = raw.get(SECTION) if isinstance(raw, dict) else None
    if not isinstance(section, dict):
        return AppSettings()
    defaults = AppSettings()
    values: dict[str, Any] = {}
    for f in fields(AppSettings):
        value = section.get(f.name, getattr(defaults, f.name))
        kind = type(getattr(defaults, f.name))
        try:
            values[f.name] = kind(value)
        except (TypeError, ValueError):
            values[f.name] = getattr(defaults, f.name)
    return AppSettings(**values)


def save_settings(path: Path, settings: AppSettings) -> None:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(raw, dict):
            raw = {}
    except (OSError, ValueError):
        raw = {}
    raw[SECTION] = asdict(settings)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(raw, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def pointer_file() -> Path:
    """Where the app remembers which data dir the user chose (outside every data dir)."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "gui.json"


def remembered_data_dir() -> str | None:
    try:
        raw = json.loads(pointer_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    value = raw.get("data_dir") if isinstance(raw, dict) else None
    return value if isinstance(value, str) and value else None


def remember_data_dir(path: str | None) -> None:
    target = pointer_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps({"data_dir": path or ""}) + "\n", encoding="utf-8")


class SettingsDialog(QDialog):
    def __init__(
        self,
        settings: AppSettings,
        data_dir: Path,
        policy_versions: list[str],
        parent: QWidget | None = None,
        *,
        known_values: dict[str, list[str]] | None = None,
    ) -> None:
        """`known_values` None: the store is not open, so they can be neither shown nor kept."""
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.setObjectName("settingsDialog")
        self._initial_dir = str(data_dir)
        self.data_dir = QLineEdit(str(data_dir), self)
        self.data_dir.setAccessibleName("Data folder")
        browse = QPushButton("Browse…", self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.data_dir, 1)
        row.addWidget(browse)
        self.body_cap = QSpinBox(self)
        self.body_cap.setRange(0, 1024 * 1024)
        self.body_cap.setSuffix(" KiB")
        self.body_cap.setValue(settings.body_cap_kib)
        self.body_cap.setToolTip(
            "Bodies larger than this are not kept (their size still is). 0: keep none."
        )
        self.retention = QSpinBox(self)
        self.retention.setRange(0, 3650)
        self.retention.setSpecialValueText("keep forever")
        self.retention.setSuffix(" days")
        self.retention.setValue(settings.retention_days)
        self.retention.setToolTip(
            "Sessions whose last flow is older than this are deleted at start"
        )
        self.policy_version = QComboBox(self)
        self.policy_version.addItem("The version in force when the flow was sent", "")
        for v in policy_versions:
            self.policy_version.addItem(v, v)
        i = self.policy_version.findData(settings.default_policy_version)
        self.policy_version.setCurrentIndex(max(0, i))
        self.port = QSpinBox(self)
        self.port.setRange(0, 65535)
        self.port.setSpecialValueText("any free port")
        self.port.setValue(settings.capture_port)
        self.follow = QCheckBox("Scroll to new flows while capturing", self)
        self.follow.setChecked(settings.follow_new_flows)
        self.restart_note = QLabel("", self)
        self.restart_note.setWordWrap(True)
        self.data_dir.textChanged.connect(self._changed_dir)
        form = QFormLayout()
        # Every label names its field as buddy: a label without one shows "&" literally.
        form.addRow(self._label("&Data folder:", self.data_dir), row)
        form.addRow("", self.restart_note)
        form.addRow(self._label("&Body size cap:", self.body_cap), self.body_cap)
        form.addRow(self._label("&Retention:", self.retention), self.retention)
        form.addRow(
            self._label("Default &policy version:", self.policy_version), self.policy_version
        )
        form.addRow(self._label("Capture &port:", self.port), self.port)
        form.addRow("", self.follow)
        self.known_box = QGroupBox("Who you are: values to find in flows", self)
        self.known_editor = KnownValuesEditor(self.known_box)
        self._known_loaded = known_values
        known_note = QLabel(
            "Your e-mail, name, meeting ids … are found in clear, hashed or encoded. They are "
            "kept in the encrypted store; stored flows are labelled again when they change."
            if known_values is not None
            else "The encrypted store is not open, so your values cannot be shown or kept now.",
            self.known_box,
        )
        known_note.setWordWrap(True)
        kl = QVBoxLayout(self.known_box)
        kl.addWidget(known_note)
        kl.addWidget(self.known_editor)
        self.known_editor.setEnabled(known_values is not None)
        if known_values is not None:
            self.known_editor.set_values(known_values)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.known_box, 1)
        layout.addWidget(buttons)
        self._base = settings

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def edited_known_values(self) -> dict[str, list[str]] | None:
        """The known values when the user changed them, else None."""
        if self._known_loaded is None:
            return None
        values = self.known_editor.values()
        return values if values != self._known_loaded else None

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Data folder", self.data_dir.text())
        if chosen:
            self.data_dir.setText(chosen)

    def _changed_dir(self, text: str) -> None:
        self.restart_note.setText(
            "The app opens the new data folder when you restart it."
            if text != self._initial_dir
            else ""
        )

    def result_settings(self) -> AppSettings:
        s = AppSettings(**asdict(self._base))
        s.body_cap_kib = self.body_cap.value()
        s.retention_days = self.retention.value()
        s.default_policy_version = str(self.policy_version.currentData() or "")
        s.capture_port = self.port.value()
        s.follow_new_flows = self.follow.isChecked()
        return s

    def chosen_data_dir(self) -> str:
        return self.data_dir.text().strip()
