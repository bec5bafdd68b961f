"""Painting of the flow table's label chips and verdict badges, in palette-aware colours."""

from __future__ import annotations

from ui import theme
from ui.flowmodel import LabelsRole, VerdictRole
from ui.qt import (
    QFontMetrics,
    QModelIndex,
    QPainter,
    QPalette,
    QPersistentModelIndex,
    QRectF,
    QSize,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    Qt,
)

CHIP_PAD_X = 6
CHIP_GAP = 4
CHIP_RADIUS = 7.0


def _paint_background(painter: QPainter, option: QStyleOptionViewItem) -> QPalette.ColorRole:
    """Selection/hover background as the style draws it; returns the text role to use on it."""
    style = option.widget.style() if option.widget is not None else None
    if style is not None:
        style.drawPrimitive(
            QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget
        )
    if option.state & QStyle.StateFlag.State_Selected:
        return QPalette.ColorRole.HighlightedText
    return QPalette.ColorRole.Text


def draw_chip(
    painter: QPainter,
    rect: QRectF,
    text: str,
    hue: int,
    pal: QPalette,
    *,
    strong: bool = False,
) -> None:
    painter.setPen(theme.chip_border(hue, pal))
    painter.setBrush(theme.tinted(hue, pal, strong=strong))
    painter.drawRoundedRect(rect, CHIP_RADIUS, CHIP_RADIUS)
    painter.setPen(pal.color(QPalette.ColorRole.Text))
    painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), text)


class LabelChipDelegate(QStyledItemDelegate):
    """Draws each data category as a rounded chip, coloured by its group; '+N' when they overflow."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        labels = index.data(LabelsRole)
        if not labels:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        _paint_background(painter, option)
        pal = option.palette
        fm = QFontMetrics(option.font)
        rect = option.rect.adjusted(3, 0, -3, 0)
        height = min(rect.height() - 6, fm.height() + 4)
        top = rect.top() + (rect.height() - height) / 2
        x = float(rect.left())
        right = float(rect.right())
        ordered = sorted(labels, key=lambda c: (c == "other", c))
        for i, category in enumerate(ordered):
            text = theme.label_short(category)
            width = fm.horizontalAdvance(text) + 2 * CHIP_PAD_X
            remaining = len(ordered) - i
            more = f"+{remaining - 1}" if remaining > 1 else ""
            reserve = fm.horizontalAdvance(more) + 2 * CHIP_PAD_X + CHIP_GAP if more else 0
            if x + width + reserve > right and i > 0:
                more = f"+{remaining}"
                w = fm.horizontalAdvance(more) + 2 * CHIP_PAD_X
                draw_chip(painter, QRectF(x, top, w, height), more, -1, pal)
                break
            draw_chip(painter, QRectF(x, top, width, height), text, theme.label_hue(category), pal)
            x += width + CHIP_GAP
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        base = super().sizeHint(option, index)
        labels = index.data(LabelsRole) or []
        fm = QFontMetrics(option.font)
        width = sum(
            fm.horizontalAdvance(theme.label_short(c)) + 2 * CHIP_PAD_X + CHIP_GAP for c in labels
        )
        return QSize(max(base.width(), width + 6), max(base.height(), fm.height() + 10))


class VerdictDelegate(QStyledItemDelegate):
    """The worst verdict as a badge; nothing for flows without findings."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        verdict = index.data(VerdictRole)
        if not verdict:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        _paint_background(painter, option)
        fm = QFontMetrics(option.font)
        text = theme.VERDICT_TEXT.get(verdict, verdict)
        rect = option.rect.adjusted(3, 0, -3, 0)
        height = min(rect.height() - 6, fm.height() + 4)
        width = min(float(rect.width()), fm.horizontalAdvance(text) + 2.0 * CHIP_PAD_X)
        chip = QRectF(rect.left(), rect.top() + (rect.height() - height) / 2, width, height)
        draw_chip(
            painter, chip, text, theme.VERDICT_HUES.get(verdict, -1), option.palette, strong=True
        )
        painter.restore()
