"""The flow detail pane: what was sent, decoded, with the evidence for each label highlighted."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from auditor.export.redact import Pseudonymizer, Redactor
from auditor.records import REDACTED, FlowRecord
from auditor.vendors import registry
from auditor.vocabulary import is_credential_header, is_secret_key, is_structural
from ui import theme
from ui.hexview import hexdump, looks_binary
from ui.qt import (
    QCheckBox,
    QComboBox,
    QEvent,
    QFont,
    QFontDatabase,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPalette,
    QPlainTextEdit,
    QSplitter,
    Qt,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from auditor.decode import DecodedFlow
    from auditor.records import Field, Label

BODY_PREVIEW_LIMIT = 200_000
FieldRole = Qt.ItemDataRole.UserRole + 10


@dataclass(slots=True)
class EvidenceMark:
    category: str
    rule: str
    where: str
    excerpt: str


def evidence_marks(labels: list[Label]) -> list[EvidenceMark]:
    return [
        EvidenceMark(lab.category, ev.rule, ev.where, ev.excerpt)
        for lab in labels
        for ev in lab.evidence
    ]


def _norm_where(where: str) -> str:
    return " ".join(where.replace(">", "›").split()).lower()


def marks_for_field(field_where: str, marks: list[EvidenceMark]) -> list[EvidenceMark]:
    """Evidence whose location is this field (or this field sits inside it)."""
    here = _norm_where(field_where)
    out = []
    for mark in marks:
        there = _norm_where(mark.where)
        if there and (
            here == there or here.startswith(there + " ›") or there.endswith("› " + here)
        ):
            out.append(mark)
    return out


def plain_label(parent: QWidget, text: str = "") -> QLabel:
    """A label for captured text: always plain text, so a reason phrase `<img src=…>` or a
    process name in HTML is shown as written and never loads or styles anything."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def _format_value(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _mono() -> QFont:
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)


def _body_text(data: bytes | None) -> str:
    if data is None:
        return "(body not captured)"
    if not data:
        return "(empty body)"
    if looks_binary(data):
        return f"({len(data)} bytes of binary data: see the Hex tab)"
    text = data[:BODY_PREVIEW_LIMIT].decode("utf-8", "replace")
    try:
        return json.dumps(json.loads(text), indent=2, ensure_ascii=False)
    except ValueError:
        return text + ("\n…" if len(data) > BODY_PREVIEW_LIMIT else "")


class HeadersView(QTreeWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(2)
        self.setHeaderLabels(["Header", "Value"])
        self.setRootIsDecorated(False)
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(True)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.header().setStretchLastSection(True)
        self.setWordWrap(False)

    def set_headers(self, headers: list[tuple[str, str]], *, reveal: bool) -> None:
        self.clear()
        for name, value in headers:
            secret = is_credential_header(name)
            shown = value if (reveal or not secret) else REDACTED
            item = QTreeWidgetItem([name, shown])
            item.setToolTip(1, theme.plain_tip(shown))
            if secret:
                item.setToolTip(0, "credential header: its value grants access")
                font = item.font(0)
                font.setItalic(True)
                item.setFont(0, font)
            self.addTopLevelItem(item)


class MessagePanel(QWidget):
    """Headers above, body below (request or response)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first_line = plain_label(self)
        self.first_line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.first_line.setFont(_mono())
        self.first_line.setWordWrap(True)
        self.headers = HeadersView(self)
        self.body = QPlainTextEdit(self)
        self.body.setReadOnly(True)
        self.body.setFont(_mono())
        self.body.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.headers)
        split.addWidget(self.body)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.first_line)
        layout.addWidget(split, 1)


class DetailPane(QWidget):
    """Shows one FlowRecord and its DecodedFlow; `set_flow(None, None)` clears it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record: FlowRecord | None = None
        self.decoded: DecodedFlow | None = None
        self.title = plain_label(self, "Select a flow to see what it sent.")
        self.title.setObjectName("detailTitle")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.08)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = plain_label(self)
        self.subtitle.setWordWrap(True)
        self.subtitle.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.reveal = QCheckBox("Show credential values", self)
        self.reveal.setToolTip(
            "Credentials (tokens, keys, passwords, cookies) are hidden everywhere in this pane "
            "unless you ask for them"
        )
        self.reveal.toggled.connect(self._on_reveal)

        # Data tab: labels with evidence, and the decoded fields as a tree.
        self.labels_tree = QTreeWidget(self)
        self.labels_tree.setObjectName("labelsTree")
        self.labels_tree.setHeaderLabels(["Data category / evidence", "Where", "Excerpt"])
        self.labels_tree.setAlternatingRowColors(True)
        self.labels_tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.fields_tree = QTreeWidget(self)
        self.fields_tree.setObjectName("fieldsTree")
        self.fields_tree.setHeaderLabels(["Decoded field", "Value", "Evidence for"])
        self.fields_tree.setAlternatingRowColors(True)
        self.fields_tree.setUniformRowHeights(True)
        self.fields_tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.fields_tree.setColumnWidth(0, 220)
        self.fields_tree.setColumnWidth(1, 260)
        self.fields_tree.currentItemChanged.connect(self._on_field)
        self.labels_tree.currentItemChanged.connect(self._on_label_item)
        self.chain = plain_label(self)
        self.chain.setObjectName("decodingChain")
        self.chain.setWordWrap(True)
        self.chain.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.errors = plain_label(self)
        self.errors.setWordWrap(True)
        self.errors.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        data_tab = QWidget(self)
        data_split = QSplitter(Qt.Orientation.Vertical, data_tab)
        data_split.addWidget(self.labels_tree)
        data_split.addWidget(self.fields_tree)
        # The evidence is what a person reads first: it gets the larger share (at 1366x768 the
        # smaller one showed two rows of it).
        data_split.setStretchFactor(0, 3)
        data_split.setStretchFactor(1, 2)
        dl = QVBoxLayout(data_tab)
        dl.setContentsMargins(4, 4, 4, 4)
        dl.addWidget(data_split, 1)
        dl.addWidget(self.chain)
        dl.addWidget(self.errors)

        self.request = MessagePanel(self)
        self.response = MessagePanel(self)

        hex_tab = QWidget(self)
        self.hex_source = QComboBox(hex_tab)
        self.hex_source.setAccessibleName("Body to show in hex")
        self.hex_source.currentIndexChanged.connect(self._show_hex)
        self.hex = QPlainTextEdit(hex_tab)
        self.hex.setObjectName("hexView")
        self.hex.setReadOnly(True)
        self.hex.setFont(_mono())
        self.hex.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        hl = QVBoxLayout(hex_tab)
        hl.setContentsMargins(4, 4, 4, 4)
        top = QHBoxLayout()
        top.addWidget(QLabel("Body:", hex_tab))
        top.addWidget(self.hex_source, 1)
        hl.addLayout(top)
        hl.addWidget(self.hex, 1)

        self.connection = QTreeWidget(self)
        self.connection.setHeaderLabels(["Fact", "Value"])
        self.connection.setRootIsDecorated(False)
        self.connection.setAlternatingRowColors(True)
        self.connection.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)

        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(data_tab, "&Data sent")
        self.tabs.addTab(self.request, "Re&quest")
        self.tabs.addTab(self.response, "Respo&nse")
        self.tabs.addTab(hex_tab, "He&x")
        self.tabs.addTab(self.connection, "&Connection")

        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.reveal)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(header)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.tabs, 1)
        self._hex_bodies: list[bytes] = []
        self._masker: Redactor | None = None
        self._shown: FlowRecord | None = None  # the record as displayed (masked unless revealed)
        self._secret_paths: set[tuple[str, ...]] = set()
        self._marks: list[EvidenceMark] = []
        self._field_items: list[QTreeWidgetItem] = []

    def changeEvent(self, event: QEvent) -> None:
        # A light/dark switch: the evidence tints were made from the old palette.
        if event.type() == QEvent.Type.PaletteChange and self.record is not None:
            self.set_flow(self.record, self.decoded)
        super().changeEvent(event)

    # ------------------------------------------------------------------ API

    def set_loading(self) -> None:
        self.subtitle.setText("Loading…")

    def set_error(self, message: str) -> None:
        self.subtitle.setText(f"Could not load this flow: {message}")

    def set_flow(self, record: FlowRecord | None, decoded: DecodedFlow | None) -> None:
        self.record, self.decoded = record, decoded
        if record is None:
            self._shown = None
            self.title.setText("Select a flow to see what it sent.")
            self.subtitle.setText("")
            for tree in (self.labels_tree, self.fields_tree, self.connection):
                tree.clear()
            self.request.headers.clear()
            self.response.headers.clear()
            self.request.body.clear()
            self.response.body.clear()
            self.hex.clear()
            self.hex_source.clear()
            self.chain.setText("")
            self.errors.setText("")
            return
        shown = self._shown = self._masked(record)
        title = self._title(shown)
        self.title.setText(title if len(title) <= 96 else title[:95] + "…")
        self.title.setToolTip(theme.plain_tip(title))
        self.subtitle.setText(self._subtitle(shown))
        self._marks = evidence_marks(shown.labels)
        self._fill_labels(shown)
        self._fill_fields(decoded)
        self._refresh_headers()
        self._fill_connection(shown)
        self._fill_hex(shown)
        errors = decoded.errors if decoded is not None else []
        notes = "; ".join(self._mask_text(e) for e in errors)
        self.errors.setText(("Decoding notes: " + notes) if errors else "")

    def _on_reveal(self, _checked: bool) -> None:
        if self.record is not None:
            self.set_flow(self.record, self.decoded)

    def learn_credentials(self, values: Iterable[str], *, refresh: bool = True) -> None:
        """Credential values found in other flows of the capture (`stored_credentials`): masked
        wherever they show up in this pane from now on. With `refresh`, the flow on screen is
        shown again when one of them is in it (a token sent first in a flow captured later)."""
        masker = self._mask_with()
        learned = False
        for value in values:
            learned = masker.add_secret(value) or learned
        if not (learned and refresh) or self.record is None or self.reveal.isChecked():
            return
        if masker.redact_record(self.record) != self._shown:
            self.set_flow(self.record, self.decoded)

    def _mask_with(self) -> Redactor:
        if self._masker is None:
            self._masker = Redactor(Pseudonymizer(secrets.token_bytes(32)), pseudonymize=False)
        return self._masker

    def _masked(self, record: FlowRecord) -> FlowRecord:
        """`record` with every credential the labeller finds (and what the shared vocabulary
        names) removed, unless "Show credential values" is on. Identifiers stay: this pane is
        the user's own view of what was sent."""
        self._secret_paths = set()
        if self.reveal.isChecked():
            return record
        masker = self._mask_with()
        shown = masker.redact_record(record)
        found = masker.last_findings
        self._secret_paths = found.secret_paths if found is not None else set()
        return shown

    def _secret_field(self, path: tuple[str, ...]) -> bool:
        """A decoded field (or one inside it) the labeller or the shared vocabulary calls a
        credential, while values are masked."""
        if self.reveal.isChecked() or not path:
            return False
        if any(path[:i] in self._secret_paths for i in range(1, len(path) + 1)):
            return True
        if path[0] == "header" and len(path) >= 2 and is_credential_header(path[1]):
            return True
        in_query = path[0] == "url"
        return any(
            not is_structural(part) and is_secret_key(part, in_query=in_query) for part in path[1:]
        )

    def _mask_text(self, text: str) -> str:
        if self._masker is None or self.reveal.isChecked():
            return text
        return self._masker.redact_text(text)

    def highlighted_fields(self) -> list[str]:
        """`where` of every decoded field shown as evidence (for tests and accessibility)."""
        return [
            item.data(0, FieldRole)
            for item in self._field_items
            if item.data(2, Qt.ItemDataRole.DisplayRole)
        ]

    # ------------------------------------------------------------------ filling

    @staticmethod
    def _title(record: FlowRecord) -> str:
        req = record.request
        if req is not None:
            status = f" → {record.response.status}" if record.response is not None else ""
            return f"{req.method} {req.url}{status}"
        if record.kind == "tls_failed":
            return f"TLS handshake refused: {record.host or '?'}"
        if record.kind == "dns" and record.dns is not None:
            return f"DNS {record.dns.qtype} {record.dns.question}"
        return f"{record.kind.upper()} {record.host or ''}"

    @staticmethod
    def _subtitle(record: FlowRecord) -> str:
        proc = record.process
        who = proc.app or proc.name or "unknown process"
        if proc.name and proc.app and proc.name.lower() != proc.app.lower():
            who += f" ({proc.name})"
        if proc.pid is not None:
            who += f", pid {proc.pid}"
        ent = record.entity
        to = ent.name or record.host or "?"
        party = {"first": "first party", "third": "third party"}.get(ent.party, "party unknown")
        sent = theme.human_bytes(record.request.sent_size if record.request else record.bytes_sent)
        when = theme.clock(record.ts, with_date=True)
        return f"{when} · {who} → {to} ({party}) · {sent} sent"

    def _fill_labels(self, record: FlowRecord) -> None:
        tree = self.labels_tree
        tree.clear()
        pal = self.palette()
        for lab in record.labels:
            top = QTreeWidgetItem([theme.label_long(lab.category), "", ""])
            top.setData(0, FieldRole, lab.category)
            top.setBackground(0, theme.tinted(theme.label_hue(lab.category), pal))
            top.setForeground(0, pal.color(QPalette.ColorRole.Text))
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            top.setToolTip(0, f"{lab.category} (confidence {lab.confidence:.0%})")
            for ev in lab.evidence:
                child = QTreeWidgetItem([ev.rule, ev.where, ev.excerpt])
                child.setData(0, FieldRole, ev.where)
                child.setToolTip(1, theme.plain_tip(ev.where))
                child.setToolTip(2, theme.plain_tip(ev.excerpt))
                top.addChild(child)
            tree.addTopLevelItem(top)
            top.setExpanded(True)
        if not record.labels:
            tree.addTopLevelItem(QTreeWidgetItem(["No data categories found in this flow", "", ""]))
        tree.resizeColumnToContents(1)
        # A long decoding path must not push the excerpt out of sight (its tooltip has it whole).
        cap = max(160, tree.viewport().width() // 3)
        if tree.columnWidth(1) > cap:
            tree.setColumnWidth(1, cap)

    def _fill_fields(self, decoded: DecodedFlow | None) -> None:
        tree = self.fields_tree
        tree.clear()
        self._field_items = []
        if decoded is None:
            return
        pal = self.palette()
        nodes: dict[tuple[str, ...], QTreeWidgetItem] = {}

        def node_for(path: tuple[str, ...]) -> QTreeWidgetItem:
            existing = nodes.get(path)
            if existing is not None:
                return existing
            # A key may itself be a credential (`{"<api key>": {...}}`): names are masked too.
            item = QTreeWidgetItem([self._mask_text(path[-1]), "", ""])
            item.setData(0, FieldRole, " › ".join(self._mask_text(part) for part in path))
            if len(path) == 1:
                tree.addTopLevelItem(item)
            else:
                node_for(path[:-1]).addChild(item)
            nodes[path] = item
            return item

        for field in decoded.fields:
            self._add_field(field, node_for, pal)
        for item in nodes.values():
            if item.childCount() and (len(item.data(0, FieldRole).split(" › ")) <= 3):
                item.setExpanded(True)
        # Open the way to every piece of evidence.
        for item in self._field_items:
            if item.data(2, Qt.ItemDataRole.DisplayRole):
                parent = item.parent()
                while parent is not None:
                    parent.setExpanded(True)
                    parent = parent.parent()

    def _add_field(self, field: Field, node_for: object, pal: QPalette) -> None:
        path = tuple(field.path) or ("(value)",)
        item = node_for(path)  # type: ignore[operator]
        if self._secret_field(field.path):
            value = REDACTED
        elif self._masker is not None and not self.reveal.isChecked():
            value = self._masker.redact_value(_format_value(field.value))
        else:
            value = _format_value(field.value)
        item.setText(1, value if len(value) < 400 else value[:400] + "…")
        item.setToolTip(1, theme.plain_tip(value[:2000]))
        # Masked as the evidence's `where` is (`redact_record`), so the two still match.
        where = self._mask_text(field.where) if field.where else item.data(0, FieldRole)
        item.setData(0, FieldRole, where)
        marks = marks_for_field(where, self._marks)
        if marks:
            cats = sorted({m.category for m in marks})
            item.setText(2, ", ".join(theme.label_short(c) for c in cats))
            item.setToolTip(2, "\n".join(f"{m.category}: {m.rule}" for m in marks))
            hue = theme.label_hue(cats[0])
            for col in range(3):
                item.setBackground(col, theme.tinted(hue, pal))
                item.setForeground(col, pal.color(QPalette.ColorRole.Text))
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
        if field.in_stack_frame:
            item.setToolTip(0, "inside source code embedded in an error report (weak evidence)")
        self._field_items.append(item)

    def _refresh_headers(self) -> None:
        record = self._shown
        reveal = self.reveal.isChecked()
        if record is None:
            return
        req, resp = record.request, record.response
        if req is not None:
            self.request.first_line.setText(f"{req.method} {req.url} {req.http_version}")
            self.request.headers.set_headers(req.headers, reveal=reveal)
            self.request.body.setPlainText(_body_text(req.body))
        else:
            self.request.first_line.setText(f"{record.kind} connection — no HTTP request")
            self.request.headers.clear()
            self.request.body.setPlainText(record.error or "")
        if resp is not None:
            self.response.first_line.setText(f"{resp.http_version} {resp.status} {resp.reason}")
            self.response.headers.set_headers(resp.headers, reveal=reveal)
            self.response.body.setPlainText(_body_text(resp.body))
        else:
            self.response.first_line.setText("No response")
            self.response.headers.clear()
            self.response.body.clear()

    def _fill_connection(self, record: FlowRecord) -> None:
        tree = self.connection
        tree.clear()
        proc = record.process
        rows: list[tuple[str, str]] = [
            ("Kind", record.kind),
            ("Session", record.session),
            ("Started", theme.clock(record.ts, with_date=True)),
        ]
        if record.duration is not None:
            rows.append(("Duration", f"{record.duration * 1000:.0f} ms"))
        rows += [
            ("App", proc.app or "unknown"),
            ("Process", f"{proc.name or '?'} (pid {proc.pid})" if proc.pid else (proc.name or "?")),
            ("Executable", proc.exe or ""),
            ("Command line", " ".join(proc.cmdline or [])),
            (
                "Receiver",
                f"{registry().recipient_title(record.entity.name) or '?'} "
                f"({record.entity.party} party)",
            ),
            ("Registrable domain", record.entity.domain or ""),
            (
                "Client address",
                ":".join(map(str, record.client_addr)) if record.client_addr else "",
            ),
            (
                "Server address",
                ":".join(map(str, record.server_addr)) if record.server_addr else "",
            ),
            ("TLS server name", record.sni or ""),
            ("ALPN", record.alpn or ""),
            ("TLS version", record.tls_version or ""),
            ("Bytes sent / received", f"{record.bytes_sent} / {record.bytes_received}"),
            ("Error", record.error or ""),
            ("Answered by the proxy (sinkholed)", "yes" if record.sinkholed else ""),
            ("Source", record.source),
        ]
        for name, value in rows:
            if value:
                item = QTreeWidgetItem([name, value])
                item.setToolTip(1, theme.plain_tip(value))
                tree.addTopLevelItem(item)

    def _fill_hex(self, record: FlowRecord) -> None:
        self._hex_bodies = []
        self.hex_source.blockSignals(True)
        self.hex_source.clear()
        if record.request is not None and record.request.body:
            self.hex_source.addItem(f"Request body ({len(record.request.body)} bytes)")
            self._hex_bodies.append(record.request.body)
        if record.response is not None and record.response.body:
            self.hex_source.addItem(f"Response body ({len(record.response.body)} bytes)")
            self._hex_bodies.append(record.response.body)
        for i, msg in enumerate(record.websocket):
            if msg.content:
                arrow = "sent" if msg.from_client else "received"
                self.hex_source.addItem(f"WebSocket message {i + 1} ({arrow}, {msg.size} bytes)")
                self._hex_bodies.append(msg.content)
        self.hex_source.blockSignals(False)
        # Binary bodies are best read in hex: start there when the first one is binary.
        binary = [i for i, body in enumerate(self._hex_bodies) if looks_binary(body)]
        self.hex_source.setCurrentIndex(binary[0] if binary else 0)
        self._show_hex()

    def _show_hex(self, *_args: object) -> None:
        i = self.hex_source.currentIndex()
        if 0 <= i < len(self._hex_bodies):
            self.hex.setPlainText(hexdump(self._hex_bodies[i]))
        else:
            self.hex.setPlainText("This flow has no body.")

    def _on_field(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        if current is None:
            self.chain.setText("")
            return
        where = current.data(0, FieldRole) or ""
        self.chain.setText(f"Decoding chain: {where}")

    def _on_label_item(
        self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None
    ) -> None:
        """Selecting a piece of evidence selects the decoded field it points at."""
        if current is None or current.parent() is None:
            return
        where = _norm_where(current.data(0, FieldRole) or "")
        for item in self._field_items:
            if _norm_where(item.data(0, FieldRole) or "") == where:
                self.fields_tree.setCurrentItem(item)
                self.fields_tree.scrollToItem(item)
                return
