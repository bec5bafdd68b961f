"""The selected flow: its details (from the `aux` worker) and its policy findings (from the
`policy` worker, under the version the switch asks for), each answer a typed value.

A selection that changes again before its answers arrive makes them stale: every answer carries
the number of the request it answers (`job`), and only the latest is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ui.flowmodel import CredentialBook, FlowTableModel, SummaryRole
from ui.qt import QModelIndex, QObject, QTableView, QTimer, Signal
from ui.workers import WorkerState, with_state

if TYPE_CHECKING:
    from auditor.decode import DecodedFlow
    from auditor.export.redact import StoredCredentials
    from auditor.policy import PolicyEngine
    from auditor.records import FlowRecord, PolicyFinding
    from auditor.store import Store
    from ui.detail import DetailPane
    from ui.policypane import PolicyPane, PolicyVersions
    from ui.stores import StoreConnections

# Full clause texts of findings, by (document, version, section).
ClauseTexts = dict[tuple[str, str, str], str]


@dataclass(frozen=True, slots=True)
class FlowDetail:
    """A stored flow and its decoded view (None, None: it is gone), with every credential of its
    session's stored flows read so far (the pane masks them before it shows the flow)."""

    job: int
    record: FlowRecord | None
    decoded: DecodedFlow | None
    session: str
    credentials: StoredCredentials


@dataclass(frozen=True, slots=True)
class PolicyAnswer:
    """The findings of one flow under one policy version, with what the pane shows beside them."""

    job: int
    record: FlowRecord
    findings: list[PolicyFinding]
    texts: ClauseTexts
    versions: PolicyVersions | None


class FlowDetailController(QObject):
    flowShown = Signal(str)  # flow id, after the detail and policy panes filled

    def __init__(
        self,
        stores: StoreConnections,
        table: QTableView,
        detail: DetailPane,
        policy: PolicyPane,
        data_dir: Path,
        default_version: Callable[[], str],
        parent: QObject | None = None,
    ) -> None:
        """`default_version()`: the settings' policy version ("" for what was stored)."""
        super().__init__(parent)
        self._stores = stores
        self._table = table
        self.detail = detail
        self.policy = policy
        self._data_dir = data_dir
        self._default_version = default_version
        self.current_flow: FlowRecord | None = None
        self.policy_versions: list[str] = []
        self._job = 0
        # Arrow keys held down move the selection fast: load only where it rests.
        self.select_timer = QTimer(self)
        self.select_timer.setSingleShot(True)
        self.select_timer.setInterval(60)
        self.select_timer.timeout.connect(self.load_current)
        table.selectionModel().currentRowChanged.connect(self._on_current_row)
        policy.versionRequested.connect(self._evaluate_version)
        # The flow list masks hosts and paths as this pane does, by the same switch and with
        # the credentials read here (one truth about a field: every view obeys).
        model = table.model()
        self._list = model if isinstance(model, FlowTableModel) else None
        # The session's credentials, read once for the pane and the list: a credential found
        # in one flow is masked in every other flow of the capture.
        self._credentials = self._list.credentials if self._list is not None else CredentialBook()
        if self._list is not None:
            self._list.set_reveal(detail.reveal.isChecked())
            detail.reveal.toggled.connect(self._list.set_reveal)

    def _on_current_row(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self.select_timer.start()

    def clear(self) -> None:
        """A new capture is a new session: the last session's flow must not stay on screen as if
        it belonged to it."""
        self._job += 1  # a detail still loading for the old flow is dropped
        self.current_flow = None
        # Sessions may have been replaced or added to (rowids of deleted flows are used again):
        # the next flow shown reads its session's credentials anew.
        self.reread_credentials()
        self._table.clearSelection()
        self._table.setCurrentIndex(QModelIndex())
        self.detail.set_flow(None, None)
        self.policy.clear()

    def load_current(self) -> None:
        index = self._table.currentIndex()
        summary = index.data(SummaryRole) if index.isValid() else None
        if summary is None:
            return
        flow_id, session = summary.id, summary.session
        self._job += 1
        job = self._job
        self.detail.set_loading()
        book = self._credentials

        def load(store: Store) -> FlowDetail:
            from auditor.decode import decode_flow

            # The session's credentials first: the flow is shown with all of them masked.
            credentials = book.read(store, session)
            record = store.get_flow(flow_id)
            decoded = decode_flow(record) if record is not None else None
            return FlowDetail(job, record, decoded, session, credentials)

        self._stores.aux.submit(load, self._show_flow, self.detail.set_error)

    def refresh_credentials(self) -> None:
        """New flows were stored: the pane learns their credentials (on the aux worker), and
        the flow on screen is masked again if one of them is in it."""
        record = self.current_flow
        if record is None:
            return
        session = record.session
        book = self._credentials

        def read(store: Store) -> tuple[str, StoredCredentials]:
            return session, book.read(store, session)

        self._stores.aux.submit(read, lambda answer: self._learn(*answer), lambda _m: None)

    def reread_credentials(self) -> None:
        """Stored flows were labelled again (their rowids stay): read every session's anew."""
        if self._list is not None:
            self._list.reread_credentials()  # forgets the shared book too
        else:
            self._credentials.forget()

    def _learn(self, session: str, credentials: StoredCredentials, *, refresh: bool = True) -> None:
        self.detail.learn_credentials(credentials.values, refresh=refresh)
        if self._list is not None:
            self._list.learn_credentials(session, credentials)

    def _show_flow(self, answer: FlowDetail) -> None:
        current = answer.job == self._job
        # A stale answer's credentials are the capture's all the same; a current one's flow is
        # shown next (the one on screen need not be masked again first).
        self._learn(answer.session, answer.credentials, refresh=not current)
        if not current:
            return
        record = answer.record
        self.current_flow = record
        self.detail.set_flow(record, answer.decoded)
        if record is None:
            self.policy.set_findings(None, [])
            return
        version = self.policy.selected_version() or self._default_version() or None
        self._evaluate(record, version, answer.job, self._show_policy)

    def _show_policy(self, answer: PolicyAnswer) -> None:
        if answer.job != self._job:
            return
        self.policy.set_versions(answer.versions)
        self.policy.set_findings(answer.record, answer.findings, answer.texts)
        self.flowShown.emit(answer.record.id)

    def _evaluate_version(self, version: str | None) -> None:
        record = self.current_flow
        if record is None:
            return

        def done(answer: PolicyAnswer) -> None:
            if self.current_flow is answer.record:
                self.policy.set_findings(answer.record, answer.findings, answer.texts)
                self.flowShown.emit(answer.record.id)

        self._evaluate(record, version, self._job, done)

    def _evaluate(
        self,
        record: FlowRecord,
        version: str | None,
        job: int,
        done: Callable[[PolicyAnswer], None],
    ) -> None:
        data_dir = self._data_dir

        @with_state
        def evaluate(_store: Store | None, state: WorkerState) -> PolicyAnswer:
            engine = worker_engine(state, data_dir)
            findings = findings_under(engine, record, version)
            texts, versions = policy_context(engine, record, findings)
            return PolicyAnswer(job, record, findings, texts, versions)

        self._stores.policy.submit(evaluate, done)

    def load_catalogue(self) -> None:
        """The policy versions the settings offer (loads the packs once, off the GUI thread)."""
        data_dir = self._data_dir

        @with_state
        def versions(_store: Store | None, state: WorkerState) -> list[str]:
            engine = worker_engine(state, data_dir)
            return sorted({d.version for d in engine.documents()}, reverse=True)

        def done(result: list[str]) -> None:
            self.policy_versions = result

        self._stores.policy.submit(versions, done, lambda _m: None)


def worker_engine(state: WorkerState, data_dir: Path) -> PolicyEngine:
    """The engine capture and import use: the shipped packs plus the user's own (data dir),
    parsed once per worker thread."""
    from auditor.policy import PolicyEngine

    engine = state.get("policy_engine")
    if not isinstance(engine, PolicyEngine):
        engine = PolicyEngine.for_data_dir(data_dir)
        state["policy_engine"] = engine
    return engine


def findings_under(
    engine: PolicyEngine, record: FlowRecord, version: str | None
) -> list[PolicyFinding]:
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
        found = engine.evaluate(record, app=app, version=version)
        return [f for f in found if f.document == document]
    return list(engine.evaluate(record, app=app, version=version))


def policy_context(
    engine: PolicyEngine, record: FlowRecord, findings: list[PolicyFinding]
) -> tuple[ClauseTexts, PolicyVersions | None]:
    """Full clause texts of the findings, and the versions of the documents that govern the app."""
    from auditor.enrich import judged_app
    from ui.policypane import PolicyVersions

    texts: ClauseTexts = {}
    docs = list(engine.documents())
    by_id = {(d.document, d.version): d for d in docs}
    for f in findings:
        doc = by_id.get((f.document, f.version))
        clause = doc.clause(f.section) if doc is not None else None
        if clause is not None:
            texts[(f.document, f.version, f.section)] = clause.text
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
