"""The Overview tab's data: charts over the filtered flows and the session's purpose answer, both
from the `stats` worker, loaded when the tab shows and again (debounced) when the filter or the
markers change while it is showing."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from ui.overview import OverviewData, OverviewPane, load_overview
from ui.purposes import PurposeAnswer, load_purposes
from ui.qt import QObject, QTabWidget, QTimer, Signal
from ui.workers import WorkerState, with_state

if TYPE_CHECKING:
    from auditor.store import Store
    from ui.filterbar import FilterBar
    from ui.flowmodel import FlowTableModel
    from ui.sessionctl import SessionController
    from ui.stores import StoreConnections


class OverviewController(QObject):
    shown = Signal()  # the charts show the latest data
    purposesShown = Signal()  # the purpose answer shows the selected session

    def __init__(
        self,
        stores: StoreConnections,
        pane: OverviewPane,
        tabs: QTabWidget,
        model: FlowTableModel,
        filter_bar: FilterBar,
        sessions: SessionController,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._stores = stores
        self.pane = pane
        self._tabs = tabs
        self._model = model
        self._filter_bar = filter_bar
        self._sessions = sessions
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.refresh)
        tabs.currentChanged.connect(self._on_tab)

    def _showing(self) -> bool:
        return self._tabs.currentWidget() is self.pane

    def _on_tab(self, _index: int) -> None:
        if self._showing():
            self.refresh()

    def refresh_soon(self) -> None:
        """Something it shows changed (the filter, a marker): load again if it is showing."""
        if self._showing():
            self._timer.start()

    def refresh(self) -> None:
        query = dataclasses.replace(self._model.compiled.query)
        session = self._sessions.session

        def load(store: Store) -> OverviewData:
            return load_overview(store, query, session)

        filter_text = self._filter_bar.edit.text().strip()

        def done(data: OverviewData) -> None:
            self.pane.set_filter_note(filter_text)
            self.pane.set_data(data)
            self.shown.emit()

        self._stores.stats.submit(load, done)
        self.refresh_purposes()

    def refresh_purposes(self) -> None:
        """The purpose answer of the selected session (all flows: the filter does not narrow
        it, so it agrees with `auditor policy purposes` and the report)."""
        session = self._sessions.session

        @with_state
        def load(store: Store | None, state: WorkerState) -> PurposeAnswer:
            assert store is not None  # the stats worker has a store
            return load_purposes(store, session, state)

        def done(answer: PurposeAnswer) -> None:
            if session == self._sessions.session:
                self.pane.purposes.set_answer(answer)
                self.purposesShown.emit()

        self._stores.stats.submit(load, done)
