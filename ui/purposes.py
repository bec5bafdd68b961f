"""The Overview's first panel: what the vendor may do with what left the machine.

It shows one `auditor.policy.purposes.PurposeAnswer` (computed in a worker by `load_purposes`):
for the chosen app and the chosen dated version of its terms, how many flows and bytes the terms
allow to be used for AI training, for any purpose, for marketing or to share with third parties,
which only with consent, which they rule out — with the clause behind each row, what changed on
that date, and the client's own consent flag. The version switch only re-renders: every version is
in the answer already.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from auditor.policy.purposes import (
    QUESTION_TEXT,
    AppAnswer,
    ClauseRef,
    PurposeAnswer,
    VersionAnswer,
)
from auditor.report.purposes_text import (
    STATUS_HELP,
    answer_rows,
    conditions_text,
    consent_line,
    quote_text,
    status_label,
)
from ui import theme
from ui.qt import (
    QAbstractItemView,
    QBrush,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    Qt,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)

if TYPE_CHECKING:
    from auditor.store import Store

# Hues of the statuses (theme.tinted): red for what the vendor may do, green for what is ruled out.
STATUS_HUE: dict[str, int] = {
    "allowed": 356,
    "owned": 28,
    "consent": 212,
    "denied": 130,
    "silent": 0,
}
COLUMNS = ("Purpose", "Terms say", "Flows", "Sent", "Data categories", "Clause")


def load_purposes(store: Store, session: str | None, state: dict[str, Any]) -> PurposeAnswer:
    """Runs in a worker: the session's flows (no bodies) and the policy packs, once per thread."""
    from auditor.policy import PolicyEngine
    from auditor.policy.purposes import answer_purposes
    from auditor.store import FlowQuery

    engine = state.get("policy_engine")
    if engine is None:
        engine = state["policy_engine"] = PolicyEngine.for_data_dir(store.data_dir.root)
    query = FlowQuery(session=session)
    # The Overview refreshes often (filters, markers): answer again only when flows changed.
    key = (session, store.max_rowid(), store.count_flows(query))
    cached = state.get("purpose_answer")
    if cached is not None and cached[0] == key:
        answer: PurposeAnswer = cached[1]
        return answer
    answer = answer_purposes(store.iter_flows(query, with_bodies=False), engine)
    state["purpose_answer"] = (key, answer)
    return answer


class PurposePanel(QWidget):
    """The answer for one app and one dated version, with an app and a version switch."""

    shown = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("purposePanel")
        self.answer: PurposeAnswer | None = None
        self.apps: list[tuple[str, AppAnswer]] = []  # (session, app)
        self.title = QLabel("<b>What the vendor may do with it</b>", self)
        self.app_box = QComboBox(self)
        self.app_box.setAccessibleName("Audited app")
        self.app_box.currentIndexChanged.connect(self._on_app)
        self.version_box = QComboBox(self)
        self.version_box.setObjectName("purposeVersion")
        self.version_box.setAccessibleName("Terms in force on")
        self.version_box.setToolTip(
            "The dated version of the terms to answer under: see what each change allowed"
        )
        self.version_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.version_box.currentIndexChanged.connect(self._redraw)
        self.documents = QLabel(self)
        self.documents.setWordWrap(True)
        self.documents.setForegroundRole(self.documents.foregroundRole())
        self.change = QLabel(self)
        self.change.setObjectName("purposeChange")
        self.change.setWordWrap(True)
        self.consent = QLabel(self)
        self.consent.setObjectName("purposeConsent")
        self.consent.setWordWrap(True)
        self.table = QTreeWidget(self)
        self.table.setObjectName("purposeTable")
        self.table.setColumnCount(len(COLUMNS))
        self.table.setHeaderLabels(list(COLUMNS))
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setAlternatingRowColors(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        for col in (0, 1, 2, 3, 5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.currentItemChanged.connect(self._show_clauses)
        self.detail = QTextBrowser(self)
        self.detail.setObjectName("purposeDetail")
        self.detail.setOpenLinks(False)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        self.split = split
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(QLabel("App:", self))
        top.addWidget(self.app_box)
        top.addWidget(QLabel("Terms in force on:", self))
        top.addWidget(self.version_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addLayout(top)
        layout.addWidget(self.documents)
        layout.addWidget(self.change)
        layout.addWidget(split, 1)
        layout.addWidget(self.consent)
        self.setMinimumHeight(200)

    # ------------------------------------------------------------------ data

    def set_answer(self, answer: PurposeAnswer) -> None:
        self.answer = answer
        current = self.app_box.currentData()
        self.apps = [(s.session, a) for s in answer.sessions for a in s.apps]
        self.app_box.blockSignals(True)
        self.app_box.clear()
        for session, app in self.apps:
            label = app.app if len(answer.sessions) == 1 else f"{app.app} ({session})"
            self.app_box.addItem(label, f"{session}\0{app.app}")
        i = self.app_box.findData(current) if current else 0
        self.app_box.setCurrentIndex(max(0, i))
        self.app_box.blockSignals(False)
        self._on_app()

    def current_app(self) -> AppAnswer | None:
        i = self.app_box.currentIndex()
        return self.apps[i][1] if 0 <= i < len(self.apps) else None

    def current_version(self) -> VersionAnswer | None:
        app = self.current_app()
        date = self.version_box.currentData()
        if app is None:
            return None
        return app.version(str(date) if date else None)

    def select_version(self, date: str) -> bool:
        i = self.version_box.findData(date)
        if i >= 0:
            self.version_box.setCurrentIndex(i)
        return i >= 0

    def select_app(self, app: str) -> bool:
        for i, (_session, answer) in enumerate(self.apps):
            if answer.app == app:
                self.app_box.setCurrentIndex(i)
                return True
        return False

    def _on_app(self, *_args: object) -> None:
        app = self.current_app()
        previous = self.version_box.currentData()
        self.version_box.blockSignals(True)
        self.version_box.clear()
        if app is not None:
            for v in reversed(app.versions):
                label = v.date + ("  (in force today)" if v.in_force else "")
                self.version_box.addItem(label, v.date)
            i = self.version_box.findData(previous) if previous else -1
            if i < 0:
                i = next((k for k, v in enumerate(reversed(app.versions)) if v.in_force), 0)
            self.version_box.setCurrentIndex(i)
        self.version_box.blockSignals(False)
        self._redraw()

    # ------------------------------------------------------------------ drawing

    def rows(self) -> list[tuple[str, ...]]:
        """The table as text, top to bottom (what a person reads; used by tests)."""
        out = []
        for i in range(self.table.topLevelItemCount()):
            item = self.table.topLevelItem(i)
            assert item is not None
            out.append(tuple(item.text(c) for c in range(len(COLUMNS))))
        return out

    def _redraw(self, *_args: object) -> None:
        self.table.clear()
        app = self.current_app()
        version = self.current_version()
        if app is None or version is None:
            self.documents.setText(
                "No flows with policy findings in this session (no labelled flows of an app "
                "with a policy pack)."
            )
            self.change.clear()
            self.consent.clear()
            self.detail.clear()
            self.shown.emit()
            return
        docs = ", ".join(f"{d.title} {d.version}" for d in version.documents)
        self.documents.setText(
            f"{app.flows} flows of {app.app} with findings, {theme.human_bytes(app.bytes)} sent "
            f"(the whole session: the filter does not narrow this answer) · {docs}"
        )
        if version.changes:
            self.change.setText(
                f"<b>Changed on {version.date}:</b> " + html.escape(" ".join(version.changes))
            )
        elif version is app.versions[0]:
            self.change.setText(f"<b>{version.date}</b>: the oldest version on record.")
        else:
            self.change.setText(f"<b>{version.date}</b>: new text, same answer for these flows.")
        self.refs: list[ClauseRef] = []
        pal = self.palette()
        for row in answer_rows(version):
            nums = []
            for ref in row.bucket.clauses:
                if ref not in self.refs:
                    self.refs.append(ref)
                nums.append(f"[{self.refs.index(ref) + 1}]")
            status = status_label(row.status, row.bucket)
            if row.status == "consent" and row.bucket.without_consent:
                status += f" — {len(row.bucket.without_consent)} sent without consent"
            item = QTreeWidgetItem(
                [
                    row.purpose_text,
                    status,
                    str(row.bucket.flows),
                    theme.human_bytes(row.bucket.bytes),
                    ", ".join(theme.label_short(c) for c in row.bucket.categories),
                    " ".join(nums),
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, (row.purpose, row.status))
            item.setToolTip(4, "\n".join(row.bucket.categories))
            item.setToolTip(1, STATUS_HELP[row.status])
            item.setToolTip(
                5, "\n".join(f"{ref.ref}: “{quote_text(ref, 160)}”" for ref in row.bucket.clauses)
            )
            if row.status != "silent":
                item.setBackground(1, QBrush(theme.tinted(STATUS_HUE[row.status], pal)))
            for col in (2, 3):
                item.setTextAlignment(
                    col, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                )
            self.table.addTopLevelItem(item)
        consent = consent_line(app)
        self.consent.setText(
            f"<b>Consent as observed:</b> {html.escape(consent)}"
            if consent
            else "Consent as observed: the client sent no consent or data-collection flag."
        )
        self._show_clauses()
        self.shown.emit()

    def _show_clauses(self, *_args: object) -> None:
        version = self.current_version()
        if version is None:
            return
        item = self.table.currentItem()
        chosen = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        parts: list[str] = []
        for row in version.rows:
            if chosen is not None and row.purpose != chosen[0]:
                continue
            what = QUESTION_TEXT[row.purpose]
            parts.append(
                f"<p><b>{html.escape(what[0].upper() + what[1:])}</b>: {html.escape(row.summary)}</p>"
            )
        refs = self.refs
        if chosen is not None:
            bucket = version.row(chosen[0]).bucket(chosen[1])
            refs = list(bucket.clauses) if bucket else []
        for ref in refs:
            cond = f" ({html.escape(conditions_text(ref))})" if ref.conditions else ""
            n = self.refs.index(ref) + 1 if ref in self.refs else 0
            parts.append(
                f"<p>[{n}] <b>{html.escape(ref.ref)}</b>{cond}<br><i>“{html.escape(quote_text(ref))}”</i></p>"
            )
        self.detail.setHtml("".join(parts))
