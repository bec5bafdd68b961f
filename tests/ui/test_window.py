"""The main window over a real store (offscreen): sessions, filter bar, selection into the detail
and policy panes, policy version switch, markers from the toolbar and the app-wide shortcut,
overview charts."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from auditor.paths import DataDir
from auditor.store import open_store
from ui.flowmodel import SummaryRole
from ui.mainwindow import MainWindow
from ui.qt import QApplication, Qt, QTest
from ui.settings import AppSettings


@pytest.fixture
def window(qtbot: QtBot, demo_dir: Path, tmp_path: Path) -> Iterator[MainWindow]:
    # A private copy: these tests add markers.
    root = tmp_path / "data"
    shutil.copytree(demo_dir, root)
    win = MainWindow(root, settings=AppSettings(first_run_done=True))
    qtbot.addWidget(win)
    win.show()
    win.select_session("demo")
    qtbot.waitUntil(lambda: win.session == "demo" and win.model.total > 10, timeout=15000)
    yield win
    win.close()


def select_host(qtbot: QtBot, win: MainWindow, host_part: str) -> None:
    for row in range(win.model.total):
        s = win.model.index(row, 0).data(SummaryRole)
        if s is not None and host_part in (s.host or "") and s.kind == "http":
            win.table.selectRow(row)
            qtbot.waitUntil(
                lambda s=s: (
                    win.current_flow is not None
                    and win.current_flow.id == s.id
                    and win.policy.record is win.current_flow
                ),
                timeout=15000,
            )
            return
    raise LookupError(host_part)


def test_filter_bar_narrows_the_table(qtbot: QtBot, window: MainWindow) -> None:
    total = window.model.total
    QTest.keyClicks(window.filter_bar.edit, "~e Sentry")
    qtbot.waitUntil(
        lambda: window.model.compiled.query.entity == "Sentry" and window.model.total == 1,
        timeout=10000,
    )
    assert window.model.index(0, 0).data(SummaryRole).entity == "Sentry"
    assert "1 flows" in window.count_label.text()
    # A syntax error keeps the last good filter and says what is wrong.
    window.filter_bar.set_text("~e Sentry ~v awful")
    assert window.model.total == 1
    assert "unknown verdict" in window.filter_bar.message.text()
    # Negation goes through the residual scan.
    with qtbot.waitSignal(window.model.counted, timeout=10000):
        window.filter_bar.set_text("~a zoom !~l customer_content.audio")
    qtbot.waitUntil(lambda: not window.model.scanning, timeout=10000)
    rows = [window.model.index(r, 0).data(SummaryRole) for r in range(window.model.total)]
    assert rows and all(s.app == "zoom" and "customer_content.audio" not in s.labels for s in rows)
    with qtbot.waitSignal(window.model.counted, timeout=10000):
        window.filter_bar.set_text("")
    assert window.model.total == total


def test_selecting_a_flow_fills_detail_and_policy(qtbot: QtBot, window: MainWindow) -> None:
    select_host(qtbot, window, "sentry")
    assert window.current_flow is not None and "sentry" in (window.current_flow.host or "")
    assert window.detail.highlighted_fields()
    assert window.policy.list.count() >= 1
    assert window.policy.version.count() > 1  # the versions of Zoom's terms to switch between
    # Keyboard: Down moves to the next flow and the panes follow.
    window.table.setFocus()
    before = window.current_flow.id
    QTest.keyClick(window.table, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: window.current_flow.id != before, timeout=10000)
    assert "sentry" not in (window.current_flow.host or "")


def test_policy_version_switch_re_evaluates(qtbot: QtBot, window: MainWindow) -> None:
    select_host(qtbot, window, "telemetry.zoom.us")
    versions = [window.policy.version.itemData(i) for i in range(1, window.policy.version.count())]
    # The switch names one document and one version per entry: the governing documents' own.
    assert "zoom/terms-of-service@2023-04-01" in versions
    assert "zoom/privacy-statement@2023-06-30" in versions
    assert not any(v.startswith("microsoft/") for v in versions)
    with qtbot.waitSignal(window.flowShown, timeout=15000):
        window.policy.select_version("zoom/terms-of-service@2023-04-01")
    # The pane shows exactly the version the switch names.
    shown = {(g.document, g.version) for g in window.policy.groups}
    assert shown == {("zoom/terms-of-service", "2023-04-01")}
    text = window.policy.clause.toPlainText()
    assert "(2023-04-01)" in text and "**" not in text


def test_markers_from_toolbar_and_shortcut(qtbot: QtBot, window: MainWindow) -> None:
    root = window.data_dir
    action = window.marker_bar.actions_by_kind["muted"]
    assert action.isEnabled()
    action.trigger()
    # The app-wide shortcut works wherever the focus is.
    window.filter_bar.edit.setFocus()
    QTest.keyClick(
        window.filter_bar.edit,
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
    )

    def stored() -> list[str]:
        with open_store(DataDir(root), readonly=True) as store:
            return [m.kind for m in store.markers("demo")]

    qtbot.waitUntil(
        lambda: stored().count("muted") == 2 and "camera_off" in stored()[-3:], timeout=10000
    )
    assert stored().count("camera_off") == 2  # one from the demo, one from the shortcut


def test_overview_draws_charts_with_markers(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.overviewShown, timeout=15000):
        window.tabs.setCurrentIndex(1)
    data = window.overview.data
    assert data.total_flows == window.model.total
    assert {k for k, _, _ in data.by_entity} >= {"Zoom", "Sentry", "Microsoft"}
    assert len(window.overview.timeline.marker_series) == 7
    assert window.overview.labels.rows and window.overview.labels.rows[0][1] > 0
    window.overview.metric_box.setCurrentIndex(1)  # flows
    assert window.overview.entities.rows[0] == ("Zoom", float(max(n for _, n, _ in data.by_entity)))


def test_window_fits_1366x768_and_follows_the_palette(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(1366, 768)
    QApplication.processEvents()
    assert window.minimumSizeHint().width() <= 1366
    assert window.minimumSizeHint().height() <= 768
    assert window.width() <= 1366 and window.height() <= 768
    # No hard-coded style sheet colours: the widgets draw with the palette.
    assert window.styleSheet() == "" and QApplication.instance().styleSheet() == ""  # type: ignore[union-attr]


def test_export_menu_writes_a_redacted_file(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    import json

    from ui.exporting import EXPORTS

    entry = next(e for e in EXPORTS if e.command == "export" and e.fmt == "jsonl")
    out = tmp_path / "demo.jsonl"
    window.export(entry, out)
    qtbot.waitUntil(lambda: "Wrote" in window.statusBar().currentMessage(), timeout=60000)
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(lines) == window.model.total
    sentry = next(r for r in lines if "sentry" in (r["request"] or {}).get("host", ""))
    headers = dict(sentry["request"]["headers"])
    assert "sentry_key=2b0b3f5a" not in headers.get("x-sentry-auth", "")


def test_retention_deletes_old_sessions(qtbot: QtBot, demo_dir: Path, tmp_path: Path) -> None:
    from auditor.demo.synthetic import synthetic_flows

    root = tmp_path / "data"
    shutil.copytree(demo_dir, root)
    with open_store(DataDir(root)) as store:
        store.add_flows(list(synthetic_flows(5, session="ancient", start_ts=1_000_000_000.0)))
    win = MainWindow(root, settings=AppSettings(first_run_done=True, retention_days=30))
    qtbot.addWidget(win)

    def names() -> set[str]:
        return {s.name for s in win.sessions}

    qtbot.waitUntil(lambda: "demo" in names() and "ancient" not in names(), timeout=15000)
    win.close()


def test_keyboard_paths_between_filter_table_and_panes(qtbot: QtBot, window: MainWindow) -> None:
    window.act_focus_filter.trigger()
    assert window.filter_bar.edit.hasFocus() or QApplication.focusWidget() is window.filter_bar.edit
    QTest.keyClick(window.filter_bar.edit, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is window.table
    window.act_focus_policy.trigger()
    assert QApplication.focusWidget() is window.policy.list
    window.act_overview.trigger()
    assert window.tabs.currentIndex() == 1
    window.act_focus_table.trigger()
    assert window.tabs.currentIndex() == 0 and QApplication.focusWidget() is window.table


def test_palette_switch_recolours(qtbot: QtBot, window: MainWindow) -> None:
    from ui import theme
    from ui.qt import QColor, QPalette

    select_host(qtbot, window, "qos")
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    light = app.palette()
    dark = QPalette(light)
    for role, colour in (
        (QPalette.ColorRole.Window, "#2b2d31"),
        (QPalette.ColorRole.Base, "#1f2023"),
        (QPalette.ColorRole.Text, "#e6e6e6"),
        (QPalette.ColorRole.WindowText, "#e6e6e6"),
    ):
        dark.setColor(role, QColor(colour))
    try:
        light_chip = theme.tinted(theme.label_hue("customer_content.audio"), light)
        app.setPalette(dark)
        qtbot.waitUntil(lambda: theme.is_dark(window.palette()), timeout=5000)
        dark_chip = theme.tinted(theme.label_hue("customer_content.audio"), window.palette())
        assert not theme.is_dark(light)
        assert dark_chip.lightness() < light_chip.lightness()

        # The evidence highlight in the detail pane is redrawn with the dark tint.
        def evidence_lightness() -> int:
            item = next(i for i in window.detail._field_items if i.text(2))
            return item.background(0).color().lightness()

        qtbot.waitUntil(lambda: evidence_lightness() < 128, timeout=5000)

    finally:
        app.setPalette(light)


def test_session_app_setting_judges_the_session_again(qtbot: QtBot, window: MainWindow) -> None:
    from auditor.store import FlowQuery

    root = Path(window.data_dir)

    def zoom_flow() -> object:
        with open_store(DataDir(root), readonly=True) as store:
            flows = [
                f for f in store.iter_flows(FlowQuery(session="demo", entity="Zoom")) if f.policy
            ]
            meta = store.session("demo")
        assert flows and meta is not None
        return flows[0], meta.meta

    with qtbot.waitSignal(window.sessionJudged, timeout=30000) as blocker:
        window.set_session_app("demo", "teams")
    assert blocker.args[0] == "demo" and blocker.args[1] > 0
    flow, meta = zoom_flow()
    assert meta["app"] == "teams"
    assert flow.entity.party == "third"  # Zoom is a third party to a Teams client
    chosen = {f.document: f.chosen_by for f in flow.policy}
    assert chosen["microsoft/privacy-statement"] == "app"
    assert chosen["zoom/terms-of-service"] == "recipient"
    # Forgetting it judges the flows as captured again.
    with qtbot.waitSignal(window.sessionJudged, timeout=30000):
        window.set_session_app("demo", "")
    flow, meta = zoom_flow()
    assert not meta.get("app")
    assert flow.entity.party == "first"
    assert "microsoft/privacy-statement" not in {f.document for f in flow.policy}
