"""The filter bar: one line of the filter language (auditor.filterexpr), checked as you type."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from auditor.filterexpr import CompiledFilter, FilterSyntaxError, compile_filter, describe_terms
from ui.qt import (
    QCompleter,
    QEvent,
    QHBoxLayout,
    QKeyEvent,
    QLabel,
    QLineEdit,
    QObject,
    QStringListModel,
    QStyle,
    Qt,
    QTimer,
    QToolButton,
    QWidget,
    Signal,
)

if TYPE_CHECKING:
    from auditor.store import FlowQuery

DEBOUNCE_MS = 180

# Ready-made filters for the quick menu: (title, expression).
PRESETS: tuple[tuple[str, str], ...] = (
    ("Everything", ""),
    ("Customer content (chat, audio, video, files)", "~l customer_content"),
    ("Identifiers and contact details", "~l identifiers | ~l contact_info"),
    ("Credentials", "~l credentials"),
    ("Third parties", "~y third"),
    ("Omitted or contradicted by the terms", "~v omitted | ~v contradicted"),
    ("Errors and crash reports", "~l service_generated.diagnostics"),
    ("Failed TLS (pinned certificates)", "~k tls_failed"),
)


class FilterBar(QWidget):
    """Emits `changed(CompiledFilter)` once the text is valid and the typing pauses."""

    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._base: FlowQuery | None = None
        self._vocabulary: dict[str, list[str]] = {}
        self._last_text: str | None = None
        self.edit = QLineEdit(self)
        self.edit.setObjectName("filterEdit")
        self.edit.setClearButtonEnabled(True)
        self.edit.setPlaceholderText(
            "Filter: ~l identifiers  ~a zoom  ~e Sentry  ~v omitted  !~y first  words…  (Ctrl+F)"
        )
        self.edit.setAccessibleName("Flow filter")
        self.edit.setToolTip(self._help_html())
        self._completer_model = QStringListModel(self)
        completer = QCompleter(self._completer_model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.activated.connect(self._complete)
        self._completer = completer
        self.presets = QToolButton(self)
        self.presets.setText("Presets")
        self.presets.setToolTip("Ready-made filters")
        self.presets.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.presets.setAccessibleName("Filter presets")
        from ui.qt import QMenu

        menu = QMenu(self.presets)
        for title, expr in PRESETS:
            action = menu.addAction(title)
            action.setData(expr)
            action.triggered.connect(lambda _=False, e=expr: self.set_text(e, apply_now=True))
        self.presets.setMenu(menu)
        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # quotes what was typed
        self.message.setObjectName("filterMessage")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setMinimumWidth(120)
        self._error_icon = QLabel(self)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self._error_icon.setPixmap(icon.pixmap(16, 16))
        self._error_icon.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(6)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.presets)
        layout.addWidget(self._error_icon)
        layout.addWidget(self.message)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.apply)
        self.edit.textEdited.connect(self._on_edited)
        self.edit.returnPressed.connect(self.apply)
        self.edit.installEventFilter(self)
        self.edit.textChanged.connect(self._maybe_complete)
        self._update_completions()

    # ------------------------------------------------------------------ API

    def text(self) -> str:
        return self.edit.text()

    def set_text(self, text: str, *, apply_now: bool = True) -> None:
        self.edit.setText(text)
        if apply_now:
            self.apply()

    def set_base(self, base: FlowQuery | None) -> None:
        """What the window narrows to besides the filter text (the session)."""
        self._base = dataclasses.replace(base) if base is not None else None
        self._last_text = None
        self.apply()

    def set_vocabulary(self, vocabulary: Mapping[str, Iterable[str]]) -> None:
        self._vocabulary = {k: sorted(set(v)) for k, v in vocabulary.items()}
        self._update_completions()

    def compiled(self) -> CompiledFilter:
        return compile_filter(self.edit.text(), self._base, vocabulary=self._vocabulary)

    def show_count(self, text: str) -> None:
        if not self._error_icon.isVisible():
            self.message.setText(text)

    def apply(self) -> None:
        self._timer.stop()
        text = self.edit.text()
        try:
            compiled = self.compiled()
        except FilterSyntaxError as err:
            self._error_icon.show()
            self.message.setText(str(err))
            self.edit.setAccessibleDescription(str(err))
            self.edit.setCursorPosition(min(err.position, len(text)))
            return
        self._error_icon.hide()
        self.edit.setAccessibleDescription("")
        if text == self._last_text:
            return
        self._last_text = text
        self.changed.emit(compiled)

    # ------------------------------------------------------------------ internals

    escaped = Signal()  # Esc in the filter: the window moves the focus back to the flows

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and not (self._completer.popup() and self._completer.popup().isVisible())  # type: ignore[union-attr]
        ):
            self.apply()
            self.escaped.emit()
            return True
        return super().eventFilter(watched, event)

    def _on_edited(self, _text: str) -> None:
        self._timer.start()

    def _update_completions(self) -> None:
        words: list[str] = []
        key_of = {"label": "~l", "app": "~a", "entity": "~e", "process": "~p", "host": "~h"}
        for field, values in self._vocabulary.items():
            key = key_of.get(field)
            if key is None:
                continue
            for v in values:
                if v:
                    words.append(f"{key} {v}" if " " not in v else f'{key} "{v}"')
        words += [
            f"~v {v}" for v in ("clear", "vague", "consent_required", "omitted", "contradicted")
        ]
        words += ["~y first", "~y third", "~y unknown", "~k tls_failed", "~k websocket", "~k dns"]
        words += [f"~u {p}" for p in ("ai_training", "any_purpose", "marketing", "vendor_owned")]
        self._completer_model.setStringList(words)

    def _current_term(self) -> str:
        text = self.edit.text()[: self.edit.cursorPosition()]
        start = text.rfind("~")
        if start < 0:
            return ""
        tail = text[start:]
        if any(op in tail for op in "&|()!"):
            return ""
        return tail

    def _maybe_complete(self, _text: str) -> None:
        if not self.edit.hasFocus():
            return
        term = self._current_term()
        if len(term) >= 3 and " " in term and self._completer_model.rowCount():
            self._completer.setWidget(self.edit)
            self._completer.setCompletionPrefix(term)
            if self._completer.completionCount():
                self._completer.complete()
            elif (popup := self._completer.popup()) is not None:
                popup.hide()

    def _complete(self, chosen: str) -> None:
        text = self.edit.text()
        pos = self.edit.cursorPosition()
        head = text[:pos]
        start = head.rfind("~")
        if start < 0:
            return
        new = head[:start] + chosen + " " + text[pos:].lstrip()
        self.edit.setText(new)
        self.edit.setCursorPosition(start + len(chosen) + 1)
        self._timer.start()

    @staticmethod
    def _help_html() -> str:
        rows = "".join(
            f"<tr><td><code>{syntax}</code></td><td>{meaning}</td></tr>"
            for syntax, meaning in describe_terms()
        )
        return f"<b>Filter language</b><table cellspacing=4>{rows}</table>"
