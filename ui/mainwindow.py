"""The main window: lays out the panes and composes the controllers that do the work.

Each controller owns one responsibility and its widgets; the window places the widgets, wires
the controllers' signals to each other, and keeps a small public surface (the session shown,
the flow selected, opening the demo …) for `ui.app` and the tests.

- `ui.stores.StoreConnections`: the store workers and whether the store's key can be had
- `ui.sessionctl.SessionController`: the session box, the list of sessions, retention
- `ui.flowlist.FlowListController`: filter bar, flow table, count, placeholder
- `ui.flowdetail.FlowDetailController`: the selected flow's details and policy findings
- `ui.overviewctl.OverviewController`: the Overview tab's charts and purpose answer
- `ui.capturectl.CaptureControls`: the capture process, its CA, launching a client
- `ui.filesctl.FileController`: demo, import, export
- `ui.markers.MarkerController`: markers into the current session
- `ui.settingsctl.SettingsController`: settings, first-run wizard, known values
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ui.banner import Banner
from ui.capturectl import CaptureControls
from ui.detail import DetailPane
from ui.filesctl import FileController
from ui.flowdetail import FlowDetailController
from ui.flowlist import FlowListController
from ui.flowmodel import COLUMNS
from ui.markers import MARKER_BUTTONS, MarkerBar, MarkerController
from ui.overview import OverviewPane
from ui.overviewctl import OverviewController
from ui.policypane import PolicyPane
from ui.qt import (
    QAction,
    QCloseEvent,
    QDialog,
    QKeySequence,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    Qt,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.sessionctl import SessionController
from ui.settings import AppSettings
from ui.settingsctl import KnownValues, SettingsController
from ui.stores import StoreConnections

if TYPE_CHECKING:
    from auditor.records import FlowRecord
    from auditor.store import SessionInfo
    from ui.checks import StoreAccess
    from ui.exporting import ExportEntry
    from ui.wizard import FirstRunWizard


class MainWindow(QMainWindow):
    demoReady = Signal(str)
    sessionJudged = Signal(str, int)  # session, flows whose findings changed
    flowShown = Signal(str)  # flow id, after the detail and policy panes filled
    overviewShown = Signal()
    knownValuesSaved = Signal(int)  # flows labelled again
    purposesShown = Signal()

    def __init__(
        self,
        data_dir: Path,
        *,
        settings: AppSettings | None = None,
        passphrase_file: str | None = None,
        capture_command: list[str] | None = None,
        store_problem: StoreAccess | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle("Meeting Privacy Auditor")
        self.data_dir = data_dir
        self.passphrase_file = passphrase_file
        self._closing = False
        self._banner_kind = ""  # "capture": the banner's action restarts the capture
        # Opens the table's store (key derivation, schema check) while the widgets are built.
        self.stores = StoreConnections(data_dir, passphrase_file, store_problem, self)
        self.sessions_ctl = SessionController(self.stores, data_dir, self)
        self.settings_ctl = SettingsController(
            data_dir,
            passphrase_file,
            settings or AppSettings(),
            self.stores,
            lambda: self.details.policy_versions,
            self,
        )
        self.captures = CaptureControls(
            data_dir,
            passphrase_file,
            capture_command,
            self.stores,
            self.sessions_ctl,
            lambda: self.settings_ctl.settings,
            self,
        )
        self.act_follow = QAction("Follow new flows", self)
        self.act_follow.setCheckable(True)
        self.act_follow.setChecked(self.settings.follow_new_flows)
        self.flows = FlowListController(
            self.stores,
            self.sessions_ctl,
            lambda: self.act_follow.isChecked() and self.captures.running,
            self,
        )
        self.files = FileController(
            data_dir, passphrase_file, self.stores, lambda: self.sessions_ctl.session, self
        )
        self._build_widgets()
        self.details = FlowDetailController(
            self.stores,
            self.table,
            self.detail,
            self.policy,
            data_dir,
            lambda: self.settings.default_policy_version,
            self,
        )
        self.overview_ctl = OverviewController(
            self.stores,
            self.overview,
            self.tabs,
            self.model,
            self.filter_bar,
            self.sessions_ctl,
            self,
        )
        self.markers = MarkerController(self.stores, self.marker_bar)
        self._build_actions()
        self._build_toolbars()
        self._build_menus()
        self._connect()
        self.resize(1366, 768)

        self.flows.reload()
        self.sessions_ctl.apply_retention(self.settings.retention_days)
        self.sessions_ctl.refresh()
        self.flows.update_empty_hint()
        self.captures.check_ca()
        self.captures.find_clients()
        if self.store_problem is not None:
            self._show_store_problem()

    # ================================================================ building

    def _build_widgets(self) -> None:
        self.banner = Banner(self)
        self.filter_bar = self.flows.filter_bar
        self.model = self.flows.model
        self.table = self.flows.table
        self.empty = self.flows.empty
        self.count_label = self.flows.count_label
        self.capture = self.captures.capture
        self.capture_label = self.captures.label
        self.act_capture = self.captures.act_capture
        self.act_demo = self.files.act_demo
        self.act_import = self.files.act_import
        self.detail = DetailPane(self)
        self.policy = PolicyPane(self)

        bottom = QSplitter(Qt.Orientation.Horizontal, self)
        bottom.addWidget(self.detail)
        bottom.addWidget(self.policy)
        bottom.setStretchFactor(0, 3)
        bottom.setStretchFactor(1, 2)
        bottom.setChildrenCollapsible(False)
        table_box = QWidget(self)
        tl = QVBoxLayout(table_box)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self.table, 1)
        tl.addWidget(self.empty)
        self.split = QSplitter(Qt.Orientation.Vertical, self)
        self.split.addWidget(table_box)
        self.split.addWidget(bottom)
        self.split.setStretchFactor(0, 1)
        self.split.setStretchFactor(1, 1)
        # The panes below get the larger share: at 1366x768 the table keeps ~8 rows and the
        # evidence stays readable.
        self.split.setSizes([260, 440])
        self.split.setChildrenCollapsible(False)
        self.bottom_split = bottom

        flows_tab = QWidget(self)
        fl = QVBoxLayout(flows_tab)
        fl.setContentsMargins(0, 0, 0, 0)
        fl.setSpacing(0)
        fl.addWidget(self.filter_bar)
        fl.addWidget(self.split, 1)
        self.overview = OverviewPane(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(flows_tab, "&Flows")
        self.tabs.addTab(self.overview, "&Overview")
        central = QWidget(self)
        cl = QVBoxLayout(central)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.setSpacing(0)
        cl.addWidget(self.banner)
        cl.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.statusBar().addPermanentWidget(self.capture_label)
        self.statusBar().addPermanentWidget(self.count_label)
        self.marker_bar = MarkerBar(self)
        self.marker_bar.install_shortcuts(self)

    def _build_actions(self) -> None:
        self.act_session_app = QAction("Session's &app…", self)
        self.act_session_app.setToolTip(
            "Name the client this session's flows come from (an imported capture, a browser) "
            "and judge them again"
        )
        self.act_session_app.triggered.connect(self.sessions_ctl.choose_app)
        self.act_settings = QAction("&Settings…", self)
        self.act_settings.setShortcut(QKeySequence("Ctrl+,"))
        self.act_settings.triggered.connect(self.settings_ctl.open_settings)
        self.act_wizard = QAction("Setup &checks…", self)
        self.act_wizard.triggered.connect(self.open_wizard)
        self.act_quit = QAction("&Quit", self)
        self.act_quit.setShortcut(QKeySequence.StandardKey.Quit)
        self.act_quit.triggered.connect(self.close)
        self.act_focus_filter = QAction("Filter flows", self)
        self.act_focus_filter.setShortcuts([QKeySequence("Ctrl+F"), QKeySequence("Ctrl+L")])
        self.act_focus_filter.triggered.connect(self._focus_filter)
        self.act_focus_table = QAction("Go to flow list", self)
        self.act_focus_table.setShortcut(QKeySequence("Ctrl+1"))
        self.act_focus_table.triggered.connect(self._focus_table)
        self.act_focus_detail = QAction("Go to flow details", self)
        self.act_focus_detail.setShortcut(QKeySequence("Ctrl+2"))
        self.act_focus_detail.triggered.connect(lambda: self.detail.tabs.currentWidget().setFocus())
        self.act_focus_policy = QAction("Go to policy", self)
        self.act_focus_policy.setShortcut(QKeySequence("Ctrl+3"))
        self.act_focus_policy.triggered.connect(lambda: self.policy.list.setFocus())
        self.act_overview = QAction("Show overview", self)
        self.act_overview.setShortcut(QKeySequence("Ctrl+G"))
        self.act_overview.triggered.connect(
            lambda: self.tabs.setCurrentIndex(1 if self.tabs.currentIndex() == 0 else 0)
        )
        for action in (self.act_focus_filter, self.act_focus_table, self.act_focus_detail,
                       self.act_focus_policy, self.act_overview):  # fmt: skip
            self.addAction(action)

    def _build_toolbars(self) -> None:
        captures = self.captures
        bar = QToolBar("Capture", self)
        bar.setObjectName("captureBar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.addAction(self.act_capture)
        bar.addSeparator()
        bar.addWidget(QLabel(" Session ", self))
        bar.addWidget(self.sessions_ctl.box)
        bar.addWidget(QLabel(" Port ", self))
        bar.addWidget(captures.port)
        bar.addWidget(QLabel(" Mode ", self))
        bar.addWidget(captures.mode)
        bar.addSeparator()
        bar.addWidget(captures.launch_button)
        bar.addWidget(captures.ca_button)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self.capture_bar = bar
        self.addToolBarBreak()
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.marker_bar)

    def _build_menus(self) -> None:
        mb = self.menuBar()
        file_menu = mb.addMenu("&File")
        file_menu.addAction(self.act_demo)
        file_menu.addAction(self.act_import)
        file_menu.addAction(self.act_session_app)
        self.files.fill_export_menu(file_menu.addMenu("&Export"))
        file_menu.addSeparator()
        file_menu.addAction(self.act_settings)
        file_menu.addAction(self.act_wizard)
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        view = mb.addMenu("&View")
        view.addAction(self.act_focus_filter)
        view.addAction(self.act_focus_table)
        view.addAction(self.act_focus_detail)
        view.addAction(self.act_focus_policy)
        view.addAction(self.act_overview)
        view.addSeparator()
        view.addAction(self.act_follow)
        columns = view.addMenu("&Columns")
        for i, col in enumerate(COLUMNS):
            action = columns.addAction(col.title)
            action.setCheckable(True)
            action.setChecked(not self.table.isColumnHidden(i))
            action.toggled.connect(lambda on, i=i: self.table.setColumnHidden(i, not on))
        capture = mb.addMenu("&Capture")
        capture.addAction(self.act_capture)
        capture.addMenu(self.captures.launch_menu).setText("&Launch a client")
        capture.addAction(self.captures.act_ca)
        markers = mb.addMenu("&Markers")
        for mk in MARKER_BUTTONS:
            markers.addAction(self.marker_bar.actions_by_kind[mk.kind])
        help_menu = mb.addMenu("&Help")
        syntax = help_menu.addAction("Filter syntax")
        syntax.triggered.connect(
            lambda: QMessageBox.information(self, "Filter syntax", self.filter_bar.edit.toolTip())
        )
        about = help_menu.addAction("About")
        about.triggered.connect(self._about)

    def _connect(self) -> None:
        status = self.statusBar()
        for source in (self.sessions_ctl, self.flows, self.captures, self.files,
                       self.settings_ctl, self.markers):  # fmt: skip
            source.message.connect(status.showMessage)
        for failing in (self.stores.error, self.model.failed, self.captures.failed,
                        self.files.failed, self.settings_ctl.failed):  # fmt: skip
            failing.connect(self._store_error)
        self.stores.problemChanged.connect(self._show_store_problem)
        self.stores.migrating.connect(self._show_upgrade)
        self.stores.available.connect(self._reload_all)
        self.sessions_ctl.sessionChanged.connect(self._on_session)
        self.sessions_ctl.listed.connect(self.flows.update_empty_hint)
        self.sessions_ctl.judged.connect(self.sessionJudged)
        self.flows.filterChanged.connect(self.overview_ctl.refresh_soon)
        self.flows.firstLoaded.connect(self.details.load_catalogue)
        self.flows.emptyLinkActivated.connect(self._empty_link)
        self.flows.vocabulary_timer.timeout.connect(
            lambda: self.flows.refresh_vocabulary() if self.captures.running else None
        )
        self.filter_bar.escaped.connect(self._focus_table)
        self.details.flowShown.connect(self.flowShown)
        # Credentials in flows captured now mask the flow on screen (and every later one).
        self.model.rowsAppended.connect(lambda _count: self.details.refresh_credentials())
        self.overview_ctl.shown.connect(self.overviewShown)
        self.overview_ctl.purposesShown.connect(self.purposesShown)
        self.markers.added.connect(self.overview_ctl.refresh_soon)
        self.captures.starting.connect(self._on_capture_starting)
        self.captures.stateChanged.connect(self._update_marker_session)
        self.captures.sessionStarted.connect(self.select_session)
        self.captures.died.connect(self._on_capture_died)
        self.captures.launcherDied.connect(
            lambda why: self.banner.show_message(f"The launched client stopped: {why}")
        )
        self.files.sessionReady.connect(self._show_new_session)
        self.files.demoReady.connect(self.demoReady)
        self.settings_ctl.settingsChanged.connect(self._apply_settings)
        # Relabelled flows show again before anyone hears of it.
        self.settings_ctl.knownValuesSaved.connect(self._relabelled)
        self.settings_ctl.knownValuesSaved.connect(self.knownValuesSaved)
        self.settings_ctl.wizardDone.connect(self._wizard_done)
        self.banner.actionRequested.connect(self._banner_action)

    # ================================================================ what the tests and the app use

    @property
    def settings(self) -> AppSettings:
        return self.settings_ctl.settings

    @property
    def store_problem(self) -> StoreAccess | None:
        return self.stores.problem

    @property
    def session(self) -> str | None:
        return self.sessions_ctl.session

    @property
    def sessions(self) -> list[SessionInfo]:
        return self.sessions_ctl.sessions

    @property
    def current_flow(self) -> FlowRecord | None:
        return self.details.current_flow

    @property
    def known_values(self) -> KnownValues | None:
        return self.settings_ctl.known_values

    def select_session(self, name: str | None) -> None:
        self.sessions_ctl.select(name)

    def refresh_sessions(self) -> None:
        self.sessions_ctl.refresh()

    def set_session_app(self, session: str, app: str) -> None:
        self.sessions_ctl.set_app(session, app)

    def refresh_overview(self) -> None:
        self.overview_ctl.refresh()

    def start_capture(self, session: str | None = None) -> None:
        self.captures.start(session)

    def clear_flow_panes(self) -> None:
        self.details.clear()

    def open_demo(self) -> None:
        self.files.open_demo()

    def import_files(self, paths: list[Path]) -> None:
        self.files.import_files(paths)

    def export(self, entry: ExportEntry, output: Path | None = None) -> None:
        self.files.export(entry, output)

    def save_known_values(self, values: KnownValues) -> None:
        self.settings_ctl.save_known_values(values)

    def open_wizard(self) -> FirstRunWizard:
        return self.settings_ctl.open_wizard()

    # ================================================================ wiring

    def _on_session(self, session: str | None) -> None:
        self._update_marker_session()
        self.flows.show_session(session)

    def _update_marker_session(self) -> None:
        self.markers.set_sessions(self.sessions_ctl.session, self.captures.session())

    def _show_new_session(self, name: str) -> None:
        self.sessions_ctl.select(name)
        self.sessions_ctl.refresh()

    def _on_capture_starting(self) -> None:
        self.banner.hide()
        self.details.clear()

    def _on_capture_died(self, message: str, restartable: bool) -> None:
        self._banner_kind = "capture"
        self.banner.show_message(message, "Restart capture" if restartable else "")

    def _banner_action(self) -> None:
        if self._banner_kind == "capture":
            self.captures.restart()

    def _apply_settings(self, settings: AppSettings) -> None:
        self.captures.apply_settings(settings)
        self.act_follow.setChecked(settings.follow_new_flows)
        if self.current_flow is not None and settings.default_policy_version:
            self.policy.select_version(settings.default_policy_version)

    def _relabelled(self, _count: int) -> None:
        self.details.reread_credentials()
        self.model.reload()
        self.details.select_timer.start()

    def _wizard_done(self, open_demo: bool) -> None:
        self.captures.check_ca()
        if open_demo:
            self.open_demo()

    def _focus_filter(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.flows.focus_filter()

    def _focus_table(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.flows.focus_table()

    def _store_error(self, message: str) -> None:
        # A job failed: whatever "…ing" the status bar said is over.
        self.statusBar().clearMessage()
        if not self.stores.is_news(message):
            return  # the placeholder says what is wrong, or the problem is solved already
        self._banner_kind = "store"
        self.banner.show_message(message)

    # ================================================================ no store key

    def _show_upgrade(self, text: str) -> None:
        status = self.statusBar()
        if text:
            status.showMessage(text)
        elif status.currentMessage().startswith("Upgrading the store"):
            status.clearMessage()

    def _show_store_problem(self) -> None:
        usable = self.store_problem is None
        self.captures.set_usable(usable)
        self.files.set_usable(usable)
        if not usable:
            self.statusBar().clearMessage()
            self.banner.hide()
        self.flows.update_empty_hint()

    def _empty_link(self, link: str) -> None:
        if link == "passphrase":
            self.ask_passphrase()
        elif link == "recheck":
            self.stores.recheck()
        else:
            self.open_demo()

    def ask_passphrase(self) -> QDialog | None:
        return self.stores.ask_passphrase(self)

    def _reload_all(self) -> None:
        """The store became usable: load what the window shows."""
        self.flows.reload()
        self.sessions_ctl.refresh()
        self.flows.refresh_vocabulary()

    def _about(self) -> None:
        from auditor import __version__

        QMessageBox.about(
            self,
            "About Meeting Privacy Auditor",
            f"<b>Meeting Privacy Auditor</b> {__version__}<br>See what your meeting client sends, "
            "beside what the vendor's terms say about it.<br><br>Policy texts: Open Terms Archive "
            "contributors (ODC-BY 1.0).",
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closing:
            self._closing = True
            self.sessions_ctl.stop()
            self.flows.vocabulary_timer.stop()
            self.model.shutdown()
            self.captures.stop_and_wait()
            self.stores.shutdown()
        super().closeEvent(event)


__all__ = ["MainWindow"]
