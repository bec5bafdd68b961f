"""The flow list: filter bar, table, count and the placeholder shown when there is nothing to show.

The model (`ui.flowmodel`) pages rows in from the `table` worker and tails a running capture; this
controller turns the filter bar's answers into model filters, keeps the sort indicator honest,
says how many flows match, and fills the filter's completions (apps, receivers, processes) from
the `stats` worker.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from auditor.filterexpr import CompiledFilter
from ui.delegates import LabelChipDelegate, VerdictDelegate
from ui.filterbar import FilterBar
from ui.flowmodel import COLUMN_INDEX, COLUMNS, FlowTableModel, SummaryRole
from ui.qt import (
    QAbstractItemView,
    QFontMetrics,
    QHeaderView,
    QLabel,
    QMenu,
    QObject,
    QPoint,
    Qt,
    QTableView,
    QTimer,
    QWidget,
    Signal,
)
from ui.stores import problem_html

if TYPE_CHECKING:
    from auditor.store import Store
    from ui.sessionctl import SessionController
    from ui.stores import StoreConnections

VOCABULARY_REFRESH_MS = 30000


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

    def _header_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        for i, col in enumerate(COLUMNS):
            action = menu.addAction(col.title)
            action.setCheckable(True)
            action.setChecked(not self.isColumnHidden(i))
            action.toggled.connect(lambda on, i=i: self.setColumnHidden(i, not on))
        menu.exec(self.horizontalHeader().mapToGlobal(pos))


class FlowListController(QObject):
    filterChanged = Signal()  # the user changed the filter (the model reloads)
    firstLoaded = Signal()  # the first answer is on screen: time to warm what waits for it
    message = Signal(str, int)  # for the status bar: text, milliseconds
    emptyLinkActivated = Signal(str)  # a link in the placeholder: "demo", "passphrase", "recheck"

    def __init__(
        self,
        stores: StoreConnections,
        sessions: SessionController,
        following: Callable[[], bool],
        parent: QWidget,
    ) -> None:
        """`following()`: whether new rows of a running capture should scroll into view."""
        super().__init__(parent)
        self._stores = stores
        self._sessions = sessions
        self._following = following
        # Completions and the policy catalogue are loaded once the first rows are on screen.
        self.warmed = False
        self.filter_bar = FilterBar(parent)
        # Credentials are read on the `stats` worker: never in the way of pages or details.
        self.model = FlowTableModel(
            stores.table, parent, count_client=stores.counter, credentials_client=stores.stats
        )
        self.table = FlowTable(parent)
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(COLUMN_INDEX["labels"], LabelChipDelegate(self.table))
        self.table.setItemDelegateForColumn(COLUMN_INDEX["verdict"], VerdictDelegate(self.table))
        self.table.apply_default_widths()
        self.table.setColumnHidden(COLUMN_INDEX["status"], True)
        self.empty = QLabel(parent)
        self.empty.setObjectName("emptyHint")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setTextFormat(Qt.TextFormat.RichText)
        self.empty.hide()
        self.empty.linkActivated.connect(self.emptyLinkActivated)
        stores.migrating.connect(lambda _text: self.update_empty_hint())
        self.count_label = QLabel(parent)
        # New apps, receivers and labels only appear while capturing: the window connects this
        # timer to `refresh_vocabulary` when a capture runs.
        self.vocabulary_timer = QTimer(self)
        self.vocabulary_timer.setInterval(VOCABULARY_REFRESH_MS)
        self.vocabulary_timer.start()

        self.filter_bar.changed.connect(self._on_filter)
        self.model.countChanged.connect(self._on_count)
        self.model.loaded.connect(self._on_loaded)
        self.model.rowsAppended.connect(self._on_rows_appended)
        self.model.scanningChanged.connect(lambda _s: self._on_count(self.model.total))
        self.model.loaded.connect(lambda: self._on_count(self.model.total))
        self.model.counted.connect(lambda: self._on_count(self.model.total))
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._on_sort)

    def reload(self) -> None:
        """Asks the store again with the filter bar's filter (the store just became usable)."""
        self.model.set_filter(self.filter_bar.compiled())

    def show_session(self, session: str | None) -> None:
        from auditor.store import FlowQuery

        self.filter_bar.set_base(FlowQuery(session=session) if session else None)
        self.refresh_vocabulary()

    def refresh_vocabulary(self) -> None:
        from auditor.store import FlowQuery

        query = FlowQuery(session=self._sessions.session)

        def vocabulary(store: Store) -> dict[str, list[str]]:
            from auditor.taxonomy import CATEGORIES as TAXONOMY
            from auditor.taxonomy import GROUPS as TAXONOMY_GROUPS

            words = {
                dim: [k for k, _, _ in store.counts_by(dim, query) if k]
                for dim in ("app", "entity", "process")
            }
            words["label"] = [*TAXONOMY_GROUPS, *TAXONOMY]
            return words

        self._stores.stats.submit(vocabulary, self.filter_bar.set_vocabulary)

    def focus_filter(self) -> None:
        self.filter_bar.edit.setFocus()
        self.filter_bar.edit.selectAll()

    def focus_table(self) -> None:
        self.table.setFocus()
        if not self.table.currentIndex().isValid() and self.model.total:
            self.table.selectRow(0)

    def _on_filter(self, compiled: CompiledFilter) -> None:
        self.model.set_filter(compiled)
        self.filterChanged.emit()

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
        self.update_empty_hint()

    def _on_loaded(self) -> None:
        if not self.warmed:
            self.warmed = True
            self.refresh_vocabulary()
            self.firstLoaded.emit()
        self.update_empty_hint()
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
        if self._following():
            self.table.scrollToBottom()
        self.message.emit(f"{count} new flows", 2000)

    def update_empty_hint(self) -> None:
        problem = self._stores.problem
        if problem is not None:
            self.empty.setText(problem_html(problem))
            self.empty.show()
            return
        if self.model.total or self.model.scanning:
            self.empty.hide()
            return
        if not self.warmed and self._stores.migration:
            self.empty.setText(f"<p>{html.escape(self._stores.migration)}…</p>")
        elif not self.warmed:
            self.empty.setText(
                "<p>Opening the encrypted store… (a store made by an older version is upgraded "
                "first, which can take a while for a large one)</p>"
            )
        elif not self._sessions.sessions:
            self.empty.setText(
                "<h3>No flows yet</h3><p>Press <b>Start capture</b> (Ctrl+R), then <b>Launch a "
                "client</b> — or open the <a href='demo'>demo meeting</a> to look around.</p>"
            )
        else:
            self.empty.setText("<p>No flows match this filter.</p>")
        self.empty.show()
