"""Settings: the dialog's values, and the file round trip that keeps other programs' keys."""

from __future__ import annotations

import json
from pathlib import Path

from pytestqt.qtbot import QtBot

from ui.settings import AppSettings, SettingsDialog, load_settings, save_settings


def test_settings_round_trip_keeps_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"capture": {"body_cap": 5}, "gui": {"retention_days": "x"}}))
    loaded = load_settings(path)
    assert loaded == AppSettings()  # a bad value falls back to the default
    loaded.retention_days = 14
    loaded.default_policy_version = "2023-08-07"
    save_settings(path, loaded)
    raw = json.loads(path.read_text())
    assert raw["capture"] == {"body_cap": 5}
    assert load_settings(path) == loaded
    assert load_settings(tmp_path / "missing.json") == AppSettings()


def test_settings_dialog(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = SettingsDialog(AppSettings(), tmp_path, ["2023-08-11", "2023-04-01"])
    qtbot.addWidget(dialog)
    dialog.body_cap.setValue(256)
    dialog.retention.setValue(30)
    dialog.policy_version.setCurrentIndex(dialog.policy_version.findData("2023-04-01"))
    dialog.port.setValue(0)
    dialog.follow.setChecked(False)
    result = dialog.result_settings()
    assert (result.body_cap_kib, result.retention_days, result.default_policy_version) == (
        256,
        30,
        "2023-04-01",
    )
    assert result.capture_port == 0 and not result.follow_new_flows
    assert dialog.restart_note.text() == ""
    dialog.data_dir.setText(str(tmp_path / "elsewhere"))
    assert "restart" in dialog.restart_note.text()
    assert dialog.chosen_data_dir() == str(tmp_path / "elsewhere")
