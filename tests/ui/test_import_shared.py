"""The window imports through the same use case as `auditor import`: the same session contents and
metadata from the same file, and a second import of it adds nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from auditor.paths import DataDir
from auditor.store import FlowQuery, open_store
from tests.helpers.cli import main_in_process
from tests.helpers.hardata import spec_record_dict, write_har
from ui.mainwindow import MainWindow
from ui.settings import AppSettings


@pytest.fixture
def gui(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    root = tmp_path / "gui-data"
    root.mkdir(mode=0o700)
    win = MainWindow(root, settings=AppSettings(first_run_done=True))
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()


def _files(folder: Path) -> list[Path]:
    har = write_har(folder / "meeting.har", 6, host="telemetry.example.com")
    jsonl = folder / "records.jsonl"
    lines = []
    for i in range(3):
        record = spec_record_dict()
        record["id"] = f"rec-{i}"
        record["session"] = "records"
        record["request"]["url"] = f"https://t.example.com/e?n={i}"
        lines.append(json.dumps(record))
    jsonl.write_text("\n".join(lines) + "\n")
    return [har, jsonl]


def _contents(root: Path) -> dict[str, Any]:
    """Per session: metadata (without the import times) and each flow as stored, ids included
    where the file gave them (HAR files without our extension get fresh ids)."""
    out: dict[str, Any] = {}
    with open_store(DataDir(root), readonly=True) as store:
        for info in store.sessions():
            meta = dict(info.meta)
            meta["imports"] = [{k: v for k, v in i.items() if k != "at"} for i in meta["imports"]]
            flows = []
            for r in store.iter_flows(FlowQuery(session=info.name)):
                flows.append(
                    (
                        r.id if r.source == "import:jsonl" else None,
                        r.ts,
                        r.request.url if r.request else None,
                        r.request.body if r.request else None,
                        sorted(lab.category for lab in r.labels),
                        r.entity.name,
                        sorted((f.document, f.section, f.verdict) for f in r.policy),
                    )
                )
            out[info.name] = {"meta": meta, "count": info.flow_count, "flows": sorted(flows)}
    return out


def test_gui_and_cli_imports_give_the_same_sessions(
    qtbot: QtBot, gui: MainWindow, tmp_path: Path
) -> None:
    files = _files(tmp_path)
    cli_root = tmp_path / "cli-data"
    for path in files:
        code, out, err = main_in_process(["--data-dir", str(cli_root), "import", str(path)])
        assert code == 0, err
    for _ in range(2):  # the second import of the same files adds nothing
        gui.import_files(files)
        qtbot.waitUntil(
            lambda: (
                "imported" in gui.statusBar().currentMessage()
                or "already imported" in gui.statusBar().currentMessage()
            ),
            timeout=60000,
        )
        message = gui.statusBar().currentMessage()
        gui.statusBar().clearMessage()
    assert message.count("already imported") == 2, message
    gui_contents = _contents(Path(gui.data_dir))
    assert set(gui_contents) == {"meeting", "records"}
    assert gui_contents == _contents(cli_root)
    # And the command line's second import of what the window imported adds nothing either.
    code, out, _ = main_in_process(["--data-dir", str(gui.data_dir), "import", str(files[0])])
    assert code == 0 and "already imported" in out, out
    assert _contents(Path(gui.data_dir)) == gui_contents
