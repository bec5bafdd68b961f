"""The editor of the user's known values (e-mail, name, meeting ids …), used by the first-run
wizard and the Settings dialog. A plain view: the window loads the values from the encrypted store
and saves them back (then labels the stored flows again); nothing here touches a file."""

from __future__ import annotations

from auditor.label.known_values import MIN_LENGTH, USER_KINDS
from ui.qt import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)

KindRole = Qt.ItemDataRole.UserRole


class KnownValuesEditor(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("knownValuesEditor")
        self.table = QTableWidget(0, 2, self)
        self.table.setObjectName("knownValuesTable")
        self.table.setAccessibleName("Your known values")
        self.table.setHorizontalHeaderLabels(["Kind", "Value"])
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.kind = QComboBox(self)
        self.kind.setAccessibleName("Kind of value")
        for kind, title in USER_KINDS.items():
            self.kind.addItem(title, kind)
        self.value = QLineEdit(self)
        self.value.setAccessibleName("Value")
        self.value.setPlaceholderText("e.g. alice@example.com")
        self.value.returnPressed.connect(self.add_current)
        self.add_button = QPushButton("Add", self)
        self.add_button.clicked.connect(self.add_current)
        self.remove_button = QPushButton("Remove", self)
        self.remove_button.clicked.connect(self.remove_selected)
        self.error = QLabel("", self)
        self.error.setWordWrap(True)
        self.error.hide()
        row = QHBoxLayout()
        row.addWidget(self.kind)
        row.addWidget(self.value, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.error)

    def set_values(self, values: dict[str, list[str]]) -> None:
        self.table.setRowCount(0)
        for kind, items in values.items():
            for item in items:
                self._append(kind, item)

    def values(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for row in range(self.table.rowCount()):
            kind_item, value_item = self.table.item(row, 0), self.table.item(row, 1)
            if kind_item is None or value_item is None:
                continue
            out.setdefault(str(kind_item.data(KindRole)), []).append(value_item.text())
        return out

    def _append(self, kind: str, value: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        kind_item = QTableWidgetItem(USER_KINDS.get(kind, kind))
        kind_item.setData(KindRole, kind)
        self.table.setItem(row, 0, kind_item)
        self.table.setItem(row, 1, QTableWidgetItem(value))

    def add(self, kind: str, value: str) -> bool:
        value = value.strip()
        if len(value) < MIN_LENGTH:
            self._say(f"Too short to look for: use {MIN_LENGTH} characters or more.")
            return False
        if value in self.values().get(kind, []):
            self._say("That value is in the list already.")
            return False
        self._append(kind, value)
        self.error.hide()
        self.changed.emit()
        return True

    def add_current(self) -> None:
        if self.add(str(self.kind.currentData()), self.value.text()):
            self.value.clear()

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.table.removeRow(row)
        if rows:
            self.changed.emit()

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
