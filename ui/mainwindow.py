"""The main window: capture controls, live flow table, filter bar, detail and policy panes,
overview charts, sessions and markers.

Every store, file and network call goes to a worker (`ui.workers`): `table` (read-only, flow pages
and the live tail) and `aux` (details, charts, markers, demo import). The capture is a child
process (`ui.capture`); when it dies, a banner says so and offers to restart it.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor.filterexpr import CompiledFilter
from auditor.paths import DataDir
from ui import theme
from ui.capture import (
    CaptureController,
    CaptureOptions,
    ChildProcess,
    ca_cert_path,
    launch_arguments,
    trust_instructions,
)
from ui.clients import ClientCandidate, find_clients
from ui.delegates import LabelChipDelegate, VerdictDelegate
from ui.detail import DetailPane
from ui.exporting import EXPORTS, ExportEntry, run_entry
from ui.filterbar import FilterBar
from ui.flowmodel import COLUMN_INDEX, COLUMNS, FlowTableModel, SummaryRole
from ui.markers import MARKER_BUTTONS, MarkerBar
from ui.overview import OverviewData, OverviewPane, load_overview
from ui.policypane import PolicyPane, PolicyVersions
from ui.purposes import load_purposes
from ui.qt import (
    QAbstractItemView,
    QAction,
    QComboBox,
    QDialog,
    QFileDialog,
    QFontMetrics,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QKeySequence,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QModelIndex,
    QPalette,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStyle,
    Qt,
    QTableView,
    QTabWidget,
    QTimer,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.settings import AppSettings, SettingsDialog, remember_data_dir, save_settings
from ui.workers import StoreClient, run_in_pool, with_state

if TYPE_CHECKING:
    from auditor.records import FlowRecord, PolicyFinding
    from auditor.store import SessionInfo, Store
    from auditor.usecases import FileImport
    from ui.checks import StoreAccess

ALL_SESSIONS = "All sessions"
SESSIONS_REFRESH_MS = 4000
VOCABULARY_REFRESH_MS = 30000


class Banner(QFrame):
    """A message strip above the content (capture died, store problem), with one action."""

    actionRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.icon = QLabel(self)
        self.icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(20, 20)
        )
        self.text = QLabel(self)
        self.text.setTextFormat(Qt.TextFormat.PlainText)  # messages quote captured text
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QPushButton(self)
        self.button.clicked.connect(self.actionRequested)
        close = QToolButton(self)
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip("Dismiss")
        close.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.icon)
        row.addWidget(self.text, 1)
        row.addWidget(self.button)
        row.addWidget(close)
        self.hide()

    def show_message(self, text: str, action: str = "") -> None:
        pal = self.palette()
        pal.setColor(QPalette.ColorRole.Window, theme.tinted(40, pal))
        pal.setColor(QPalette.ColorRole.WindowText, pal.color(QPalette.ColorRole.Text))
        self.setPalette(pal)
        self.text.setText(text)
        self.button.setText(action)
        self.button.setVisible(bool(action))
        self.show()


class FlowTable(QTableView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("flowTable")
        self.setAccessibleName("Flows")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setSortingEnabled(True)
        self.setTabKeyNavigation(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().hide()
        fm = QFontMetrics(self.font())
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(fm.height() + 10)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsMovable(True)
        header.setStretchLastSection(False)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)

    def apply_default_widths(self) -> None:
        fm = QFontMetrics(self.font())
        avg = fm.averageCharWidth()
        for i, col in enumerate(COLUMNS):
            self.setColumnWidth(i, col.width * avg + 12)
        self.horizontalHeader().setSectionResizeMode(
            COLUMN_INDEX["labels"], QHeaderView.ResizeMode.Stretch
        )

    def _header_menu(self, pos: Any) -> None:
        menu = QMenu(self)
        for i, col in enumerate(COLUMNS):
            action = menu.addAction(col.title)
            action.setCheckable(True)
            action.setChecked(not self.isColumnHidden(i))
            action.toggled.connect(lambda on, i=i: self.setColumnHidden(i, not on))
        menu.exec(self.horizontalHeader().mapToGlobal(pos))


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
        # Set while the store's key cannot be had (no usable keyring, passphrase not given): the
        # store connections then fail at once instead of asking a locked keyring, and the one
        # explanation of what to do is the flow list's placeholder.
        self.store_problem = store_problem
        self._capture_ran = False
        # The user's known values (e-mail, name …), read from the store once it opens.
        self.known_values: dict[str, list[str]] | None = None
        self._wizard: Any = None
        self._solved_problem = ""
        self.setWindowTitle("Meeting Privacy Auditor")
        self.data_dir = data_dir
        self.passphrase_file = passphrase_file
        self.settings = settings or AppSettings()
        self.session: str | None = None
        self.sessions: list[SessionInfo] = []
        self.current_flow: FlowRecord | None = None
        self._detail_job = 0
        self._closing = False
        # Completions and the policy catalogue are loaded once the first rows are on screen.
        self._warmed = False
        self._pending_select: str | None = None
        dd = DataDir(data_dir)
        # The flow table opens first; the other connections wait for it, then reuse the derived
        # key instead of running the (deliberately slow) key derivation three times at once.
        table_opened = threading.Event()

        def table_reader() -> Store:
            from auditor.store import open_store

            try:
                self._raise_if_no_store()
                return open_store(dd, passphrase_file=passphrase_file, readonly=True)
            finally:
                table_opened.set()

        def reader() -> Store:
            from auditor.store import open_store

            table_opened.wait(30)
            self._raise_if_no_store()
            return open_store(dd, passphrase_file=passphrase_file, readonly=True)

        def writer() -> Store:
            from auditor.store import open_store

            table_opened.wait(30)
            self._raise_if_no_store()
            return open_store(dd, passphrase_file=passphrase_file)

        self.table_client = StoreClient(table_reader, "flow-table", self)
        # Open the table's store (key derivation, schema check) while the widgets are built.
        self._open_store()
        self.aux = StoreClient(writer, "store-aux", self)
        # Aggregates over the whole store (charts, filter completions) take seconds at a million
        # flows: their own connection, so they never delay a flow's details.
        self.stats = StoreClient(reader, "store-stats", self)
        self.counter = StoreClient(reader, "flow-count", self)
        # The policy engine (packs parsed and validated once) lives in its own thread.
        self.policy_worker = StoreClient(None, "policy", self)
        for client in (self.table_client, self.aux, self.stats, self.counter, self.policy_worker):
            client.error.connect(self._store_error)
        self.capture = CaptureController(
            data_dir, passphrase_file=passphrase_file, command_prefix=capture_command, parent=self
        )
        self.launcher = ChildProcess(capture_command, self)
        self.launcher.wait_for_listening = False
        self.clients: list[ClientCandidate] = []
        self.policy_versions: list[str] = []
        self.ca_path: Path = DataDir(data_dir).ca_dir
        self.ca_exists = False

        self._build_widgets()
        self._build_actions()
        self._build_toolbars()
        self._build_menus()
        self._connect()
        self.resize(1366, 768)

        self._sessions_timer = QTimer(self)
        self._sessions_timer.setInterval(SESSIONS_REFRESH_MS)
        self._sessions_timer.timeout.connect(self.refresh_sessions)
        self._sessions_timer.start()
        self._vocab_timer = QTimer(self)
        self._vocab_timer.setInterval(VOCABULARY_REFRESH_MS)
        # New apps, receivers and labels only appear while capturing.
        self._vocab_timer.timeout.connect(
            lambda: self.refresh_vocabulary() if self.capture.running else None
        )
        self._vocab_timer.start()
        self._select_timer = QTimer(self)
        self._select_timer.setSingleShot(True)
        self._select_timer.setInterval(60)
        self._select_timer.timeout.connect(self._load_current_flow)
        self._overview_timer = QTimer(self)
        self._overview_timer.setSingleShot(True)
        self._overview_timer.setInterval(250)
        self._overview_timer.timeout.connect(self.refresh_overview)

        self.model.set_filter(self.filter_bar.compiled())
        self.apply_retention()
        self.refresh_sessions()
        self._update_empty_hint()
        self._check_ca()
        self._find_clients()
        if self.store_problem is not None:
            self._show_store_problem()

    # ================================================================ building

    def _build_widgets(self) -> None:
        self.banner = Banner(self)
        self.filter_bar = FilterBar(self)
        self.model = FlowTableModel(self.table_client, self, count_client=self.counter)
        self.table = FlowTable(self)
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(COLUMN_INDEX["labels"], LabelChipDelegate(self.table))
        self.table.setItemDelegateForColumn(COLUMN_INDEX["verdict"], VerdictDelegate(self.table))
        self.table.apply_default_widths()
        self.table.setColumnHidden(COLUMN_INDEX["status"], True)
        self.detail = DetailPane(self)
        self.policy = PolicyPane(self)
        self.empty = QLabel(self)
        self.empty.setObjectName("emptyHint")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setTextFormat(Qt.TextFormat.RichText)
        self.empty.hide()
        self.empty.linkActivated.connect(self._empty_link)

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
        self.count_label = QLabel(self)
        self.capture_label = QLabel("Capture stopped", self)
        self.capture_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(self.capture_label)
        self.statusBar().addPermanentWidget(self.count_label)

    def _build_actions(self) -> None:
        self.act_capture = QAction("Start capture", self)
        self.act_capture.setObjectName("actCapture")
        self.act_capture.setShortcut(QKeySequence("Ctrl+R"))
        self.act_capture.setToolTip("Start or stop the capture proxy (Ctrl+R)")
        self.act_demo = QAction("Open &demo meeting", self)
        self.act_demo.triggered.connect(self.open_demo)
        self.act_import = QAction("&Import capture…", self)
        self.act_import.setShortcut(QKeySequence("Ctrl+O"))
        self.act_import.triggered.connect(self._import_dialog)
        self.act_session_app = QAction("Session's &app…", self)
        self.act_session_app.setToolTip(
            "Name the client this session's flows come from (an imported capture, a browser) "
            "and judge them again"
        )
        self.act_session_app.triggered.connect(self._session_app_dialog)
        self.act_settings = QAction("&Settings…", self)
        self.act_settings.setShortcut(QKeySequence("Ctrl+,"))
        self.act_settings.triggered.connect(self.open_settings)
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
        self.act_follow = QAction("Follow new flows", self)
        self.act_follow.setCheckable(True)
        self.act_follow.setChecked(self.settings.follow_new_flows)
        self.act_ca = QAction("CA and trust…", self)
        self.act_ca.triggered.connect(self.show_ca_dialog)
        for action in (self.act_focus_filter, self.act_focus_table, self.act_focus_detail,
                       self.act_focus_policy, self.act_overview):  # fmt: skip
            self.addAction(action)

    def _build_toolbars(self) -> None:
        bar = QToolBar("Capture", self)
        bar.setObjectName("captureBar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.act_capture.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MediaPlay))
        bar.addAction(self.act_capture)
        bar.addSeparator()
        bar.addWidget(QLabel(" Session ", self))
        self.session_box = QComboBox(self)
        self.session_box.setObjectName("sessionBox")
        self.session_box.setAccessibleName("Session")
        self.session_box.setMinimumContentsLength(16)
        self.session_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.session_box.addItem(ALL_SESSIONS, None)
        bar.addWidget(self.session_box)
        bar.addWidget(QLabel(" Port ", self))
        self.port = QSpinBox(self)
        self.port.setObjectName("portBox")
        self.port.setAccessibleName("Capture port")
        self.port.setRange(0, 65535)
        self.port.setSpecialValueText("auto")
        self.port.setValue(self.settings.capture_port)
        bar.addWidget(self.port)
        bar.addWidget(QLabel(" Mode ", self))
        self.mode = QComboBox(self)
        self.mode.setObjectName("modeBox")
        self.mode.setAccessibleName("Capture mode")
        self.mode.setEditable(True)
        self.mode.addItems(["regular", "local:zoom", "local:teams", "local:discord"])
        self.mode.setCurrentText(self.settings.capture_mode)
        self.mode.setToolTip(
            "regular: clients use the proxy (set by Launch a client); local:PROCESS: capture one "
            "program at the OS level where the platform supports it"
        )
        bar.addWidget(self.mode)
        bar.addSeparator()
        self.launch_button = QToolButton(self)
        self.launch_button.setText("Launch a client")
        self.launch_button.setObjectName("launchButton")
        self.launch_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.launch_menu = QMenu(self.launch_button)
        self.launch_menu.aboutToShow.connect(self._fill_launch_menu)
        self.launch_button.setMenu(self.launch_menu)
        bar.addWidget(self.launch_button)
        self.ca_button = QToolButton(self)
        self.ca_button.setObjectName("caButton")
        self.ca_button.setText("CA: checking…")
        self.ca_button.clicked.connect(self.show_ca_dialog)
        bar.addWidget(self.ca_button)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self.capture_bar = bar
        self.addToolBarBreak()
        self.marker_bar = MarkerBar(self)
        self.marker_bar.install_shortcuts(self)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.marker_bar)

    def _build_menus(self) -> None:
        mb = self.menuBar()
        file_menu = mb.addMenu("&File")
        file_menu.addAction(self.act_demo)
        file_menu.addAction(self.act_import)
        file_menu.addAction(self.act_session_app)
        export_menu = file_menu.addMenu("&Export")
        export_menu.setObjectName("exportMenu")
        self.export_actions: list[QAction] = []
        for entry in EXPORTS:
            action = export_menu.addAction(entry.title)
            action.triggered.connect(lambda _=False, e=entry: self.export(e))
            self.export_actions.append(action)
            if entry.fmt == "pdf":
                export_menu.addSeparator()
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
        capture.addMenu(self.launch_menu).setText("&Launch a client")
        capture.addAction(self.act_ca)
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
        self.act_capture.triggered.connect(self.toggle_capture)
        self.filter_bar.changed.connect(self._on_filter)
        self.filter_bar.escaped.connect(self._focus_table)
        self.model.countChanged.connect(self._on_count)
        self.model.loaded.connect(self._on_loaded)
        self.model.rowsAppended.connect(self._on_rows_appended)
        self.model.scanningChanged.connect(lambda _s: self._on_count(self.model.total))
        self.model.loaded.connect(lambda: self._on_count(self.model.total))
        self.model.counted.connect(lambda: self._on_count(self.model.total))
        self.model.failed.connect(self._store_error)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._on_sort)
        self.session_box.currentIndexChanged.connect(self._on_session_box)
        self.policy.versionRequested.connect(self._evaluate_version)
        self.marker_bar.markerRequested.connect(self.add_marker)
        self.capture.stateChanged.connect(self._on_capture_state)
        self.capture.started.connect(self._on_capture_started)
        self.capture.died.connect(self._on_capture_died)
        self.capture.stopped.connect(
            lambda code: self.statusBar().showMessage(f"Capture stopped (exit {code})", 5000)
        )
        self.launcher.died.connect(
            lambda why: self.banner.show_message(f"The launched client stopped: {why}")
        )
        self.banner.actionRequested.connect(self._banner_action)
        self.tabs.currentChanged.connect(self._on_tab)
        self._banner_kind = ""

    # ================================================================ sessions and filter

    def apply_retention(self) -> None:
        """Deletes sessions whose last flow is older than the retention setting (0: keep all)."""
        days = self.settings.retention_days
        if days <= 0:
            return
        cutoff = time.time() - days * 86400

        def prune(store: Store) -> list[str]:
            old = [
                s.name
                for s in store.sessions()
                if (s.last_ts or s.created) < cutoff and s.name != "demo"
            ]
            for name in old:
                store.delete_session(name)
            return old

        def done(names: list[str]) -> None:
            if names:
                self.statusBar().showMessage(
                    f"Retention: deleted {len(names)} sessions older than {days} days", 8000
                )
                self.refresh_sessions()

        self.aux.submit(prune, done, self._store_error)

    def refresh_sessions(self) -> None:
        self.aux.submit(lambda store: store.sessions(), self._on_sessions)

    def _on_sessions(self, sessions: list[SessionInfo]) -> None:
        self.sessions = sessions
        names = [s.name for s in sessions]
        current = self.session_box.currentData()
        existing = [self.session_box.itemData(i) for i in range(1, self.session_box.count())]
        if existing != names:
            self.session_box.blockSignals(True)
            self.session_box.clear()
            self.session_box.addItem(ALL_SESSIONS, None)
            for s in sessions:
                self.session_box.addItem(s.name, s.name)
                self.session_box.setItemData(
                    self.session_box.count() - 1,
                    f"{s.flow_count} flows, {theme.human_bytes(s.bytes)}"
                    + (f", from {theme.clock(s.first_ts, with_date=True)}" if s.first_ts else ""),
                    Qt.ItemDataRole.ToolTipRole,
                )
            i = self.session_box.findData(current) if current else 0
            self.session_box.setCurrentIndex(max(0, i))
            self.session_box.blockSignals(False)
        if self._pending_select and self._pending_select in names:
            name, self._pending_select = self._pending_select, None
            self.select_session(name)
        self._update_empty_hint()

    def select_session(self, name: str | None) -> None:
        i = self.session_box.findData(name) if name else 0
        if i < 0:
            self._pending_select = name
            self.refresh_sessions()
            return
        if self.session_box.currentIndex() != i:
            self.session_box.setCurrentIndex(i)
        else:
            self._on_session_box(i)

    def _on_session_box(self, _index: int) -> None:
        name = self.session_box.currentData()
        self.session = str(name) if name else None
        self._update_marker_session()
        from auditor.store import FlowQuery

        self.filter_bar.set_base(FlowQuery(session=self.session) if self.session else None)
        self.refresh_vocabulary()

    def _update_marker_session(self) -> None:
        capture_session = (
            self.capture.options.session if self.capture.running and self.capture.options else None
        )
        self.marker_bar.set_session(self.session or capture_session)

    def refresh_vocabulary(self) -> None:
        from auditor.store import FlowQuery

        query = FlowQuery(session=self.session)

        def vocabulary(store: Store) -> dict[str, list[str]]:
            from auditor.taxonomy import CATEGORIES as TAXONOMY
            from auditor.taxonomy import GROUPS as TAXONOMY_GROUPS

            words = {
                dim: [k for k, _, _ in store.counts_by(dim, query) if k]
                for dim in ("app", "entity", "process")
            }
            words["label"] = [*TAXONOMY_GROUPS, *TAXONOMY]
            return words

        self.stats.submit(vocabulary, self.filter_bar.set_vocabulary)

    def _on_filter(self, compiled: CompiledFilter) -> None:
        self._filter_started = time.perf_counter()
        self.model.set_filter(compiled)
        if self.tabs.currentIndex() == 1:
            self._overview_timer.start()

    def _on_sort(self, column: int, order: Qt.SortOrder) -> None:
        if COLUMNS[column].order_by is None:
            # Not a sort key (labels): put the indicator back where the order really is.
            header = self.table.horizontalHeader()
            key = self.model.order_by
            back = next((i for i, c in enumerate(COLUMNS) if c.order_by == key), 0)
            header.blockSignals(True)
            header.setSortIndicator(
                back,
                Qt.SortOrder.DescendingOrder
                if self.model.descending
                else Qt.SortOrder.AscendingOrder,
            )
            header.blockSignals(False)
            return
        self.model.sort(column, order)

    def _on_count(self, total: int) -> None:
        suffix = " (searching…)" if self.model.scanning else ""
        plus = "+" if self.model.counting or self.model.truncated else ""
        text = f"{total:,}{plus} flows{suffix}"
        if self.model.truncated:
            text += " (first matches only: narrow the filter)"
        self.count_label.setText(text)
        self.filter_bar.show_count(text)
        self._update_empty_hint()

    def _on_loaded(self) -> None:
        if not self._warmed:
            self._warmed = True
            self.refresh_vocabulary()
            self._load_policy_catalogue()
        self._update_empty_hint()
        if self.model.total and not self.table.currentIndex().isValid():
            self.table.selectRow(self._first_interesting_row())

    def _first_interesting_row(self) -> int:
        """The first loaded row with labels (a DNS lookup or a bare CONNECT shows nothing), else 0."""
        for row in range(min(self.model.rowCount(), 500)):
            summary = self.model.index(row, 0).data(SummaryRole)
            if summary is not None and summary.labels:
                return row
        return 0

    def _on_rows_appended(self, count: int) -> None:
        if self.act_follow.isChecked() and self.capture.running:
            self.table.scrollToBottom()
        self.statusBar().showMessage(f"{count} new flows", 2000)

    def _update_empty_hint(self) -> None:
        if self.store_problem is not None:
            self.empty.setText(self._store_problem_html())
            self.empty.show()
            return
        if self.model.total or self.model.scanning:
            self.empty.hide()
            return
        if not self._warmed:
            self.empty.setText(
                "<p>Opening the encrypted store… (a store made by an older version is upgraded "
                "first, which can take a while for a large one)</p>"
            )
        elif not self.sessions:
            self.empty.setText(
                "<h3>No flows yet</h3><p>Press <b>Start capture</b> (Ctrl+R), then <b>Launch a "
                "client</b> — or open the <a href='demo'>demo meeting</a> to look around.</p>"
            )
        else:
            self.empty.setText("<p>No flows match this filter.</p>")
        self.empty.show()

    # ================================================================ selection, detail, policy

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._select_timer.start()

    def _load_current_flow(self) -> None:
        index = self.table.currentIndex()
        summary = index.data(SummaryRole) if index.isValid() else None
        if summary is None:
            return
        flow_id = summary.id
        self._detail_job += 1
        job = self._detail_job
        self.detail.set_loading()

        def load(store: Store) -> tuple[Any, ...]:
            from auditor.decode import decode_flow

            record = store.get_flow(flow_id)
            return job, record, decode_flow(record) if record is not None else None

        self.aux.submit(load, self._show_flow, self.detail.set_error)

    def _show_flow(self, result: tuple[Any, ...]) -> None:
        job, record, decoded = result
        if job != self._detail_job:
            return
        self.current_flow = record
        self.detail.set_flow(record, decoded)
        if record is None:
            self.policy.set_findings(None, [])
            return
        version = self.policy.selected_version() or self.settings.default_policy_version or None
        data_dir = self.data_dir

        @with_state
        def evaluate(_store: None, state: dict[str, Any]) -> tuple[Any, ...]:
            engine = _engine(state, data_dir)
            findings = _findings_under(engine, record, version)
            texts, versions = _policy_context(engine, record, findings)
            return job, findings, texts, versions

        def done(answer: tuple[Any, ...]) -> None:
            done_job, findings, texts, versions = answer
            if done_job != self._detail_job:
                return
            self.policy.set_versions(versions)
            self.policy.set_findings(record, findings, texts)
            self.flowShown.emit(record.id)

        self.policy_worker.submit(evaluate, done, self._store_error)

    def _evaluate_version(self, version: str | None) -> None:
        current = self.current_flow
        if current is None:
            return
        record: FlowRecord = current
        data_dir = self.data_dir

        @with_state
        def evaluate(_store: None, state: dict[str, Any]) -> tuple[Any, ...]:
            engine = _engine(state, data_dir)
            findings = _findings_under(engine, record, version)
            texts, _ = _policy_context(engine, record, findings)
            return record, findings, texts

        def done(result: tuple[Any, ...]) -> None:
            _rec, findings, texts = result
            if self.current_flow is record:
                self.policy.set_findings(record, findings, texts)
                self.flowShown.emit(record.id)

        self.policy_worker.submit(evaluate, done, self._store_error)

    def _load_policy_catalogue(self) -> None:
        data_dir = self.data_dir

        @with_state
        def versions(_store: None, state: dict[str, Any]) -> list[str]:
            engine = _engine(state, data_dir)  # loads the packs once, off the GUI thread
            return sorted({d.version for d in engine.documents()}, reverse=True)

        def done(result: list[str]) -> None:
            self.policy_versions = result

        self.policy_worker.submit(versions, done, lambda _m: None)

    # ================================================================ overview

    def _on_tab(self, index: int) -> None:
        if index == 1:
            self.refresh_overview()

    def refresh_overview(self) -> None:
        query = dataclasses.replace(self.model.compiled.query)
        session = self.session

        def load(store: Store) -> OverviewData:
            return load_overview(store, query, session)

        filter_text = self.filter_bar.edit.text().strip()

        def done(data: OverviewData) -> None:
            self.overview.set_filter_note(filter_text)
            self.overview.set_data(data)
            self.overviewShown.emit()

        self.stats.submit(load, done, self._store_error)
        self.refresh_purposes()

    def refresh_purposes(self) -> None:
        """The purpose answer of the selected session (all flows: the filter does not narrow
        it, so it agrees with `auditor policy purposes` and the report)."""
        session = self.session

        @with_state
        def load(store: Store, state: dict[str, Any]) -> Any:
            return load_purposes(store, session, state)

        def done(answer: Any) -> None:
            if session == self.session:
                self.overview.purposes.set_answer(answer)
                self.purposesShown.emit()

        self.stats.submit(load, done, self._store_error)

    # ================================================================ markers

    def add_marker(self, kind: str, ts: float) -> None:
        session = self.marker_bar.session
        if session is None:
            return

        def add(store: Store) -> Any:
            return store.add_marker(session, ts, kind)

        def done(marker: Any) -> None:
            self.statusBar().showMessage(
                f"Marked “{kind.replace('_', ' ')}” at {theme.clock(ts)} in {session}", 4000
            )
            if self.tabs.currentIndex() == 1:
                self._overview_timer.start()

        self.aux.submit(add, done, self._store_error)

    # ================================================================ capture

    def toggle_capture(self) -> None:
        if self.capture.running:
            self.capture.stop()
        else:
            self.start_capture()

    def start_capture(self, session: str | None = None) -> None:
        name = session or time.strftime("capture-%Y%m%d-%H%M%S")
        options = CaptureOptions(
            session=name,
            port=self.port.value(),
            mode=self.mode.currentText().strip() or "regular",
            body_cap=self.settings.body_cap_kib * 1024,
        )
        if self.store_problem is not None:
            return
        self.banner.hide()
        self._capture_ran = False
        self.clear_flow_panes()
        self.capture.start(options)

    def clear_flow_panes(self) -> None:
        """A new capture is a new session: the last session's flow must not stay on screen as if
        it belonged to it."""
        self._detail_job += 1  # a detail still loading for the old flow is dropped
        self.current_flow = None
        self.table.clearSelection()
        self.table.setCurrentIndex(QModelIndex())
        self.detail.set_flow(None, None)
        self.policy.clear()

    def _on_capture_state(self, state: str) -> None:
        running = state in ("starting", "running")
        self.act_capture.setText("Stop capture" if running else "Start capture")
        self.act_capture.setIcon(
            self.style().standardIcon(
                QStyle.StandardPixmap.SP_MediaStop
                if running
                else QStyle.StandardPixmap.SP_MediaPlay
            )
        )
        self.port.setEnabled(not running)
        self.mode.setEnabled(not running)
        labels = {
            "starting": "Capture starting…",
            "running": "Capturing",
            "stopping": "Stopping capture…",
            "idle": "Capture stopped",
        }
        text = labels.get(state, state)
        if state == "running" and self.capture.address:
            host, port = self.capture.address
            session = self.capture.options.session if self.capture.options else "?"
            text = f"Capturing on {host}:{port} → {session}"
        self.capture_label.setText(text)
        self._update_marker_session()
        self._check_ca()

    def _on_capture_started(self, host: str, port: int) -> None:
        self._capture_ran = True
        self._on_capture_state("running")
        if self.capture.options is not None:
            self.select_session(self.capture.options.session)

    def _on_capture_died(self, reason: str) -> None:
        self._banner_kind = "capture"
        if self._capture_ran:
            # It ran, then died: starting it again can help.
            self.banner.show_message(
                f"The capture stopped unexpectedly: {reason}", "Restart capture"
            )
            self.capture_label.setText("Capture died")
        else:
            # It never started: the same start fails the same way until the cause is fixed.
            self.banner.show_message(f"The capture could not start: {reason}")
            self.capture_label.setText("Capture not started")
        self._capture_ran = False

    def _banner_action(self) -> None:
        if self._banner_kind == "capture":
            session = self.capture.options.session if self.capture.options else None
            self.start_capture(session)

    def _check_ca(self) -> None:
        data_dir = self.data_dir

        # ca_cert_path imports the CA code (cryptography): keep that off the GUI thread too.
        def look() -> tuple[Path, bool]:
            path = ca_cert_path(data_dir)
            return path, path.exists()

        run_in_pool(look, self._show_ca_state, lambda _m: None)

    def _show_ca_state(self, result: tuple[Path, bool]) -> None:
        self.ca_path, exists = result
        self.ca_exists = exists
        self.ca_button.setText("CA ready" if exists else "CA: not created")
        icon = (
            QStyle.StandardPixmap.SP_DialogApplyButton
            if exists
            else QStyle.StandardPixmap.SP_MessageBoxWarning
        )
        self.ca_button.setIcon(self.style().standardIcon(icon))
        self.ca_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.ca_button.setToolTip("The certificate authority clients must trust — click for how")

    def show_ca_dialog(self) -> None:
        cert = self.ca_path
        box = QMessageBox(self)
        box.setWindowTitle("Capture CA")
        box.setTextFormat(Qt.TextFormat.RichText)
        if getattr(self, "ca_exists", False):
            box.setText(f"The capture CA certificate is<br><code>{cert}</code>")
            box.setInformativeText(trust_instructions(cert))
        else:
            box.setText("There is no capture CA yet. It is made the first time a capture starts.")
            create = box.addButton("Create CA now", QMessageBox.ButtonRole.ActionRole)
            create.clicked.connect(self._create_ca)
        box.addButton(QMessageBox.StandardButton.Close)
        box.open()

    def _create_ca(self) -> None:
        from ui.checks import create_ca

        data_dir = self.data_dir
        run_in_pool(lambda: create_ca(data_dir), lambda _r: self._check_ca(), self._store_error)

    def _find_clients(self) -> None:
        run_in_pool(find_clients, self._on_clients, lambda _m: None)

    def _on_clients(self, clients: list[ClientCandidate]) -> None:
        self.clients = clients

    def _fill_launch_menu(self) -> None:
        menu = self.launch_menu
        menu.clear()
        if not self.clients:
            none = menu.addAction("No meeting clients found on this machine")
            none.setEnabled(False)
        for client in self.clients:
            action = menu.addAction(f"{client.title} — {client.where}")
            action.triggered.connect(lambda _=False, c=client: self.launch_client(c))
        menu.addSeparator()
        other = menu.addAction("Other program…")
        other.triggered.connect(self._launch_other)
        menu.addAction("Look again").triggered.connect(self._find_clients)

    def _launch_other(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Program to launch through the capture")
        if path:
            self.launch_client(ClientCandidate(Path(path).stem, Path(path).name, (path,)))

    def launch_client(self, client: ClientCandidate) -> None:
        session = self.session or time.strftime(f"{client.app}-%Y%m%d-%H%M%S")
        args = launch_arguments(client.command, session, self.data_dir, self.passphrase_file)
        self.launcher.start_args(args)
        self.statusBar().showMessage(f"Launched {client.title} into session {session}", 6000)
        self._pending_select = session

    # ================================================================ demo, import, export

    def open_demo(self) -> None:
        if self.store_problem is not None:
            return
        self.statusBar().showMessage("Building the demo meeting (real labeller and policy engine)…")

        def build(store: Store) -> str:
            from auditor.demo import build_demo

            return build_demo(store)

        def done(name: str) -> None:
            self.statusBar().showMessage("Demo meeting ready", 4000)
            self.select_session(name)
            self.refresh_sessions()
            self.demoReady.emit(name)

        self.aux.submit(build, done, self._store_error)

    def _import_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, "Import captures", "", "Captures (*.har *.mitm *.flow *.jsonl);;All files (*)"
        )
        if paths:
            self.import_files([Path(p) for p in paths])

    def import_files(self, paths: list[Path]) -> None:
        """The same use case as `auditor import` (one transaction per file, a file imported
        before adds nothing), on the writer's thread."""
        data_dir = DataDir(self.data_dir)

        def run(store: Store) -> list[FileImport]:
            from auditor.usecases import import_files

            return import_files(store, paths, data_dir=data_dir)

        def done(results: list[FileImport]) -> None:
            if not results:
                return
            self.statusBar().showMessage("; ".join(r.summary() for r in results), 10000)
            self.select_session(results[-1].session)
            self.refresh_sessions()

        self.statusBar().showMessage("Importing…")
        self.aux.submit(run, done, lambda message: self._store_error(f"import failed: {message}"))

    def _session_app_dialog(self) -> None:
        session = self.session
        if not session:
            self.statusBar().showMessage("Choose a session first", 4000)
            return
        from auditor.vendors import registry

        detected = "As captured (process or web page)"
        apps = [a for a in registry().apps() if not a.is_browser]
        labels = [detected] + [f"{a.title} ({a.name})" for a in apps]
        info = next((s for s in self.sessions if s.name == session), None)
        current = (info.meta.get("app") if info is not None else None) or ""
        index = next((i + 1 for i, a in enumerate(apps) if a.name == current), 0)
        choice, ok = QInputDialog.getItem(
            self,
            "Session's app",
            f"The client the flows of {session!r} come from:",
            labels,
            index,
            False,
        )
        if ok:
            self.set_session_app(
                session, "" if choice == detected else apps[labels.index(choice) - 1].name
            )

    def set_session_app(self, session: str, app: str) -> None:
        """Remember `app` ("" forgets it) for the session and judge its flows again, off the GUI
        thread, with the same engine as capture and import (the user's packs included)."""
        data_dir = self.data_dir

        def run(store: Store) -> int:
            from auditor.enrich import rejudge_session
            from auditor.policy import PolicyEngine

            engine = PolicyEngine.for_data_dir(data_dir)
            _judged, changed = rejudge_session(store, session, engine, app=app)
            return changed

        def done(changed: int) -> None:
            what = f"as {app}" if app else "as captured"
            self.statusBar().showMessage(
                f"Judged {session} again {what}: {changed} flows changed", 6000
            )
            self.refresh_sessions()
            if self.session == session:
                self.select_session(session)
            self.sessionJudged.emit(session, changed)

        self.statusBar().showMessage(f"Judging {session} again…")
        self.aux.submit(run, done, self._store_error)

    def export(self, entry: ExportEntry, output: Path | None = None) -> None:
        if output is None:
            suggested = f"{self.session or 'all-sessions'}{entry.suffix}"
            chosen, _ = QFileDialog.getSaveFileName(
                self, entry.title.rstrip("…"), suggested, entry.file_filter
            )
            if not chosen:
                return
            output = Path(chosen)
        target = output
        data_dir, session, passphrase_file = self.data_dir, self.session, self.passphrase_file
        self.statusBar().showMessage(f"Writing {target.name}…")
        run_in_pool(
            lambda: run_entry(
                entry, target, data_dir=data_dir, session=session, passphrase_file=passphrase_file
            ),
            lambda _summary: self.statusBar().showMessage(f"Wrote {target}", 8000),
            lambda message: self._store_error(f"export failed: {message}"),
        )

    # ================================================================ settings and wizard

    def open_settings(self) -> None:
        dialog = SettingsDialog(
            self.settings,
            self.data_dir,
            getattr(self, "policy_versions", []),
            self,
            known_values=self.known_values,
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        edited = dialog.edited_known_values()
        if edited is not None:
            self.save_known_values(edited)
        self.settings = dialog.result_settings()
        self.port.setValue(self.settings.capture_port)
        self.act_follow.setChecked(self.settings.follow_new_flows)
        path = DataDir(self.data_dir).settings
        settings = self.settings
        chosen = dialog.chosen_data_dir()
        changed_dir = chosen and chosen != str(self.data_dir)

        def save() -> None:
            save_settings(path, settings)
            if changed_dir:
                remember_data_dir(chosen)

        run_in_pool(
            save, lambda _r: self.statusBar().showMessage("Settings saved", 3000), self._store_error
        )
        if self.current_flow is not None and settings.default_policy_version:
            self.policy.select_version(settings.default_policy_version)

    def open_wizard(self) -> Any:
        from ui.wizard import FirstRunWizard

        wizard = FirstRunWizard(self.data_dir, self.passphrase_file, self)
        wizard.checks_page.passphraseSet.connect(self.store_available)
        wizard.known_page.set_values(self.known_values)
        self._wizard = wizard
        wizard.finished.connect(lambda code: self._wizard_done(wizard, code))
        wizard.open()
        return wizard

    def _wizard_done(self, wizard: Any, code: int) -> None:
        self._wizard = None
        edited = wizard.known_page.edited()
        if code == QDialog.DialogCode.Accepted and edited is not None:
            self.save_known_values(edited)
        self.settings.first_run_done = True
        path = DataDir(self.data_dir).settings
        settings = self.settings
        run_in_pool(lambda: save_settings(path, settings), None, self._store_error)
        self._check_ca()
        if code == QDialog.DialogCode.Accepted and wizard.open_demo.isChecked():
            self.open_demo()

    # ================================================================ misc

    def _focus_filter(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.filter_bar.edit.setFocus()
        self.filter_bar.edit.selectAll()

    def _focus_table(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.table.setFocus()
        if not self.table.currentIndex().isValid() and self.model.total:
            self.table.selectRow(0)

    def _store_error(self, message: str) -> None:
        # A job failed: whatever "…ing" the status bar said is over.
        self.statusBar().clearMessage()
        if self.store_problem is not None:
            return  # the flow list's placeholder already says what is wrong and what to do
        if message == self._solved_problem:
            return  # a job queued before the store opened, failing late: not news
        self._banner_kind = "store"
        self.banner.show_message(message)

    # ================================================================ no store key

    def _raise_if_no_store(self) -> None:
        """In the store threads: fail at once while the key cannot be had."""
        problem = self.store_problem
        if problem is not None:
            from auditor.errors import StoreKeyError

            raise StoreKeyError(problem.message)

    def _open_store(self) -> None:
        """Opens the table's store (key derivation, schema check) in its thread. A failure of an
        earlier attempt arriving after a later one began is stale: the generation tells."""
        self._store_generation = getattr(self, "_store_generation", 0) + 1
        generation = self._store_generation

        def failed(message: str) -> None:
            if generation == self._store_generation:
                self._store_unavailable(message)

        self.table_client.submit(lambda store: None, self._store_opened, failed)

    def _store_opened(self, _result: object = None) -> None:
        self.aux.submit(lambda store: store.known_values(), self._on_known_values)

    def _on_known_values(self, values: dict[str, list[str]]) -> None:
        self.known_values = values
        if self._wizard is not None:
            self._wizard.known_page.set_values(values)

    def save_known_values(self, values: dict[str, list[str]]) -> None:
        """Keeps the user's known values in the store, then labels every stored flow again so
        past sessions show where the values went too."""
        data_dir = DataDir(self.data_dir)

        def save(store: Store) -> int:
            from auditor.enrich import Enricher, relabel_store

            store.set_known_values(values)
            enricher = Enricher(data_dir=data_dir, user_values=store.known_values())
            return relabel_store(store, enricher)

        def done(count: int) -> None:
            self.statusBar().showMessage(
                f"Known values saved; {count:,} stored flows labelled again", 8000
            )
            self.model.reload()
            self._select_timer.start()
            self.knownValuesSaved.emit(count)

        self.known_values = {k: list(v) for k, v in values.items() if v}
        self.statusBar().showMessage("Saving your known values and labelling stored flows again…")
        self.aux.submit(save, done, self._store_error)

    def _store_unavailable(self, message: str) -> None:
        if self.store_problem is None:
            from ui.checks import StoreAccess

            self.store_problem = StoreAccess("blocked", message)
        self._show_store_problem()

    def _show_store_problem(self) -> None:
        problem = self.store_problem
        usable = problem is None
        for action in (self.act_capture, self.act_demo, self.act_import):
            action.setEnabled(usable)
        self.launch_button.setEnabled(usable)
        for action in self.export_actions:
            action.setEnabled(usable)
        if problem is not None:
            self.act_capture.setToolTip("Needs the encrypted store: see the message in the window")
            self.capture_label.setText("No store: capture unavailable")
            self.statusBar().clearMessage()
            self.banner.hide()
        else:
            self.act_capture.setToolTip("Start or stop the capture proxy (Ctrl+R)")
            self.capture_label.setText("Capture stopped")
        self._update_empty_hint()

    def _store_problem_html(self) -> str:
        import html

        problem = self.store_problem
        assert problem is not None
        parts = [
            "<h3>The encrypted store is not open</h3>",
            f"<p>{html.escape(problem.message)}</p>",
        ]
        if problem.fix:
            parts.append(f"<p><b>Fix:</b> {problem.fix}</p>")
        links = []
        if problem.state == "unlock":
            links.append("<a href='passphrase'>Enter the passphrase…</a>")
        elif problem.state == "create":
            links.append("<a href='passphrase'>Use a passphrase instead…</a>")
        links.append("<a href='recheck'>Check again</a>")
        parts.append("<p>" + " &nbsp;·&nbsp; ".join(links) + "</p>")
        parts.append(
            "<p>Captures, the demo and imports need the store; nothing is recorded until then.</p>"
        )
        return "".join(parts)

    def _empty_link(self, link: str) -> None:
        if link == "passphrase":
            self.ask_passphrase()
        elif link == "recheck":
            self.recheck_store()
        else:
            self.open_demo()

    def ask_passphrase(self) -> QDialog | None:
        from ui.passphrase import PassphraseDialog

        problem = self.store_problem
        if problem is None or problem.state not in ("unlock", "create"):
            return None
        dialog = PassphraseDialog(self.data_dir, problem.state, problem.message, self)
        dialog.accepted.connect(self.store_available)
        dialog.open()
        return dialog

    def recheck_store(self) -> None:
        from ui.checks import store_access

        data_dir, pf = self.data_dir, self.passphrase_file

        def done(access: StoreAccess) -> None:
            if access.state == "ready":
                self.store_available()
            else:
                self.store_problem = access
                self._show_store_problem()

        run_in_pool(lambda: store_access(data_dir, pf), done, lambda _m: None)

    def store_available(self) -> None:
        """The key can be had now (passphrase entered, keyring unlocked): open and load."""
        if self.store_problem is None:
            return
        self._solved_problem = self.store_problem.message
        self.store_problem = None
        self._show_store_problem()
        self._open_store()
        self.model.set_filter(self.filter_bar.compiled())
        self.refresh_sessions()
        self.refresh_vocabulary()

    def _about(self) -> None:
        from auditor import __version__

        QMessageBox.about(
            self,
            "About Meeting Privacy Auditor",
            f"<b>Meeting Privacy Auditor</b> {__version__}<br>See what your meeting client sends, "
            "beside what the vendor's terms say about it.<br><br>Policy texts: Open Terms Archive "
            "contributors (ODC-BY 1.0).",
        )

    def closeEvent(self, event: Any) -> None:
        if not self._closing:
            self._closing = True
            self._sessions_timer.stop()
            self._vocab_timer.stop()
            self.model.shutdown()
            # The capture stores what it has on SIGTERM; wait for it (bounded) so nothing is lost.
            self.capture.stop_and_wait()
            self.launcher.stop_and_wait()
            self.table_client.shutdown()
            self.aux.shutdown()
            self.stats.shutdown()
            self.counter.shutdown()
            self.policy_worker.shutdown()
        super().closeEvent(event)


def _engine(state: dict[str, Any], data_dir: Path) -> Any:
    """The engine capture and import use: the shipped packs plus the user's own (data dir)."""
    engine = state.get("policy_engine")
    if engine is None:
        from auditor.policy import PolicyEngine

        engine = PolicyEngine.for_data_dir(data_dir)
        state["policy_engine"] = engine
    return engine


def _findings_under(engine: Any, record: FlowRecord, version: str | None) -> list[PolicyFinding]:
    """The flow's findings under the switch's choice: `document@DATE` shows that version of that
    document (nothing else); a bare date (the settings' default) the versions in force on that
    date; None what was stored. A document that does not govern this flow: what was stored."""
    from auditor.enrich import judged_app

    if not version:
        return list(record.policy)
    app = judged_app(record, None, engine.vendors)
    document, sep, _date = version.partition("@")
    if sep:
        if document not in engine.governing_documents(record, app):
            return list(record.policy)
        found: list[PolicyFinding] = engine.evaluate(record, app=app, version=version)
        return [f for f in found if f.document == document]
    findings: list[PolicyFinding] = engine.evaluate(record, app=app, version=version)
    return findings


def _policy_context(
    engine: Any, record: FlowRecord, findings: list[PolicyFinding]
) -> tuple[dict[tuple[str, str, str], str], PolicyVersions | None]:
    """Full clause texts of the findings, and the versions of the documents that govern the app."""
    texts: dict[tuple[str, str, str], str] = {}
    docs = list(engine.documents())
    by_id = {(d.document, d.version): d for d in docs}
    for f in findings:
        doc = by_id.get((f.document, f.version))
        clause = doc.clause(f.section) if doc is not None else None
        if clause is not None:
            texts[(f.document, f.version, f.section)] = clause.text
    from auditor.enrich import judged_app

    app = judged_app(record, None, engine.vendors)
    relevant = {f.document for f in findings} | set(engine.governing_documents(record, app))
    governing = [d for d in docs if d.document in relevant]
    if not governing:
        return texts, None
    titles = {d.document: d.title for d in governing}
    versions: dict[str, list[str]] = {}
    for d in sorted(governing, key=lambda d: d.version, reverse=True):
        versions.setdefault(d.document, []).append(d.version)
    return texts, PolicyVersions(titles, versions)


__all__ = ["MainWindow"]
