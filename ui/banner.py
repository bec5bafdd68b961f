"""The message strip above the window's content (the capture died, a store job failed), with at
most one action."""

from __future__ import annotations

from ui import theme
from ui.qt import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPalette,
    QPushButton,
    QStyle,
    Qt,
    QToolButton,
    QWidget,
    Signal,
)


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
