"""The Overview's purpose panel over real stores (offscreen): it shows the same figures as
`auditor policy purposes`, and switching between the dated versions of Zoom's 2023 terms changes
the answer as the texts demand."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from auditor.policy.purposes import Bucket, ClauseRef
from auditor.report.purposes_text import status_label
from tests.helpers.cli import main_in_process
from tests.policy.zoom_capture import write_zoom_capture
from ui.mainwindow import MainWindow
from ui.settings import AppSettings
from ui.theme import human_bytes as gui_bytes
from ui.theme import label_short


def _open(qtbot: QtBot, root: Path, session: str) -> MainWindow:
    win = MainWindow(root, settings=AppSettings(first_run_done=True))
    qtbot.addWidget(win)
    win.show()
    win.select_session(session)
    qtbot.waitUntil(lambda: win.session == session and win.model.total > 10, timeout=15000)
    with qtbot.waitSignal(win.purposesShown, timeout=30000):
        win.tabs.setCurrentIndex(1)
    return win


@pytest.fixture
def demo_copy(demo_dir: Path, tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(demo_dir, root)
    return root


@pytest.fixture
def demo_window(qtbot: QtBot, demo_copy: Path) -> Iterator[MainWindow]:
    win = _open(qtbot, demo_copy, "demo")
    yield win
    win.close()


def _cli_answer(root: Path, session: str) -> dict[str, Any]:
    code, out, err = main_in_process(
        ["--data-dir", str(root), "policy", "purposes", "--session", session, "--format", "json"]
    )
    assert code == 0, err
    return dict(json.loads(out))


def _expected_rows(version: dict[str, Any]) -> list[tuple[str, str, str, str, str]]:
    """The CLI's JSON as the panel must show it (words from the shared report vocabulary)."""
    text = {"ai_training": "AI training", "any_purpose": "Any purpose", "marketing": "Marketing",
            "third_party_sharing": "Sharing with third parties"}  # fmt: skip
    rows = []
    for p in version["purposes"]:
        for b in p["buckets"]:
            bucket = Bucket(b["status"], clauses=[ClauseRef(c["document"], c["version"],
                            c["section"], c["quote"], tuple(c["conditions"])) for c in b["clauses"]])  # fmt: skip
            said = status_label(b["status"], bucket)
            if b["status"] == "consent" and b["sent_without_consent"]:
                said += f" — {len(b['sent_without_consent'])} sent without consent"
            rows.append((text[p["purpose"]], said, str(b["flows"]), gui_bytes(b["bytes"]),
                         ", ".join(label_short(c) for c in b["categories"])))  # fmt: skip
    return rows


def _shown(win: MainWindow) -> list[tuple[str, ...]]:
    return [r[:5] for r in win.overview.purposes.rows()]


def test_panel_agrees_with_the_cli_for_every_version(
    qtbot: QtBot, demo_window: MainWindow, demo_copy: Path
) -> None:
    panel = demo_window.overview.purposes
    answer = _cli_answer(demo_copy, "demo")
    for app in answer["sessions"][0]["apps"]:
        assert panel.select_app(app["app"]) or panel.current_app().app == app["app"]  # type: ignore[union-attr]
        # The terms in force today are what the panel opens with.
        assert panel.current_version().in_force  # type: ignore[union-attr]
        for version in app["versions"]:
            assert panel.select_version(version["date"])
            assert _shown(demo_window) == _expected_rows(version), (app["app"], version["date"])
            assert f"{app['flows']} flows of {app['app']}" in panel.documents.text()


def test_switching_through_zoom_2023(qtbot: QtBot, demo_window: MainWindow) -> None:
    panel = demo_window.overview.purposes
    assert panel.select_app("zoom")

    def ai_training() -> dict[str, tuple[str, ...]]:
        return {r[1]: r for r in panel.rows() if r[0] == "AI training"}

    assert panel.select_version("2023-07-28")
    rows = ai_training()
    # No "Not mentioned" row: that was `credentials`, raised only by the demo's `:authority`
    # pseudo-headers, which are not credentials (issue 13).
    assert set(rows) == {"Allowed"} and "audio" in rows["Allowed"][4]
    panel.table.setCurrentItem(panel.table.topLevelItem(0))
    assert "for any purpose" in panel.detail.toPlainText()

    assert panel.select_version("2023-08-07")
    rows = ai_training()
    assert rows["Only with consent"][2:5] == ("5", rows["Only with consent"][3], "audio")
    assert "audio" not in rows["Allowed"][4]
    assert "Changed on 2023-08-07" in panel.change.text()
    consent_row = next(
        i for i in range(panel.table.topLevelItemCount())
        if panel.table.topLevelItem(i).text(1) == "Only with consent"  # type: ignore[union-attr]
    )  # fmt: skip
    panel.table.setCurrentItem(panel.table.topLevelItem(consent_row))
    assert "Notwithstanding the above" in panel.detail.toPlainText()

    assert panel.select_version("2023-08-11")
    rows = ai_training()
    assert set(rows) == {"Ruled out", "Vendor owns it (no limit stated)", "Not mentioned"}
    marketing = {r[1] for r in panel.rows() if r[0] == "Marketing"}
    assert marketing == {"Allowed", "Ruled out"}, marketing  # §2.3 sets no condition yet
    assert rows["Ruled out"][4] == "audio"
    owned = next(
        i for i in range(panel.table.topLevelItemCount())
        if panel.table.topLevelItem(i).text(1).startswith("Vendor owns")  # type: ignore[union-attr]
    )  # fmt: skip
    panel.table.setCurrentItem(panel.table.topLevelItem(owned))
    text = panel.detail.toPlainText()
    assert "§10.5" in text and "owns all rights" in text
    # Today's privacy statement (2024-08-05) puts marketing behind the account's settings too.
    assert panel.select_version("2026-08-06")
    marketing = {r[1] for r in panel.rows() if r[0] == "Marketing"}
    assert "Allowed (if the account's settings allow / unless you opt out)" in marketing


def test_imported_zoom_capture_marks_data_sent_without_consent(
    qtbot: QtBot, tmp_path: Path
) -> None:
    root = tmp_path / "data"
    root.mkdir(mode=0o700)
    har = write_zoom_capture(tmp_path / "zoom.har")
    code, _out, err = main_in_process(
        ["--data-dir", str(root), "import", str(har), "--session", "zoom-import"]
    )
    assert code == 0, err
    win = _open(qtbot, root, "zoom-import")
    try:
        panel = win.overview.purposes
        answer = _cli_answer(root, "zoom-import")
        (app,) = answer["sessions"][0]["apps"]
        version = next(v for v in app["versions"] if v["date"] == "2023-08-07")
        assert panel.select_version("2023-08-07")
        assert _shown(win) == _expected_rows(version)
        assert any(r[1] == "Only with consent — 5 sent without consent" for r in panel.rows())
        assert "dataCollectionFlag=0" in panel.consent.text()
        # 15: a flow whose only "data" was its `:authority` pseudo-header (once mislabelled a
        # credential, issue 13) sends nothing.
        assert "15 flow(s)" in panel.consent.text() and "NO consent" in panel.consent.text()
    finally:
        win.close()


def test_filter_term_finds_the_panels_flows(qtbot: QtBot, demo_window: MainWindow) -> None:
    """`~u vendor_owned` in the filter bar lists the flows the panel counts as the vendor's own
    under the terms in force (the stored findings' version); `!~u` goes through the residual scan."""
    from ui.flowmodel import SummaryRole

    panel = demo_window.overview.purposes
    assert panel.select_app("zoom")
    version = panel.current_version()
    assert version is not None and version.in_force
    owned = version.row("any_purpose").bucket("owned")
    assert owned is not None
    demo_window.tabs.setCurrentIndex(0)
    model = demo_window.model
    # `counted` only fires for the filter shown now (older answers are dropped by generation).
    with qtbot.waitSignal(model.counted, timeout=15000):
        demo_window.filter_bar.set_text("~a zoom ~u vendor_owned")
    qtbot.waitUntil(lambda: not model.scanning, timeout=15000)
    assert model.compiled.query.purposes == ["vendor_owned"]
    ids = {model.index(r, 0).data(SummaryRole).id for r in range(model.total)}
    assert ids == set(owned.flow_ids)
    with qtbot.waitSignal(model.counted, timeout=15000):
        demo_window.filter_bar.set_text("~a zoom !~u vendor_owned")
    qtbot.waitUntil(lambda: not model.scanning, timeout=15000)
    rest = {model.index(r, 0).data(SummaryRole).id for r in range(model.total)}
    assert rest and not rest & ids
