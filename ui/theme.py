"""Colours and small formatting helpers, all derived from the current palette.

Nothing here hardcodes a colour: a chip takes a hue per label group and its lightness from the
palette (dark chips on a dark window, light chips on a light one), and text uses palette roles, so
the app follows the system's light or dark theme.
"""

from __future__ import annotations

import html
import time

from auditor import words
from ui.qt import QApplication, QColor, QPalette

# Hue per label group (degrees on the colour wheel). -1: neutral, from the palette's mid tones.
GROUP_HUES: dict[str, int] = {
    "service_generated": 212,
    "customer_content": 356,
    "meeting_metadata": 276,
    "identifiers": 28,
    "contact_info": 320,
    "device_info": 186,
    "location": 104,
    "credentials": 48,
    "consent_signal": 150,
    "other": -1,
}

VERDICT_HUES: dict[str, int] = {
    "clear": 130,
    "vague": 44,
    "consent_required": 200,
    "omitted": 22,
    "contradicted": 356,
}

VERDICT_TEXT: dict[str, str] = words.VERDICT_TEXT

VERDICT_HELP: dict[str, str] = {
    "clear": "The terms say plainly that this data is collected for this purpose.",
    "vague": 'A clause covers it only in broad words ("similar data", "may collect").',
    "consent_required": "The terms allow it only with the user's consent.",
    "omitted": "No clause of this policy version mentions this kind of data.",
    "contradicted": "A clause says this data is not collected or not used this way.",
}


def palette() -> QPalette:
    app = QApplication.instance()
    return app.palette() if isinstance(app, QApplication) else QPalette()


def is_dark(pal: QPalette | None = None) -> bool:
    pal = pal or palette()
    return pal.color(QPalette.ColorRole.Window).lightness() < 128


_tint_cache: dict[tuple[int, bool, int, int, int], QColor] = {}


def tinted(hue: int, pal: QPalette | None = None, *, strong: bool = False) -> QColor:
    """A chip background of `hue` that sits well on the palette's base colour."""
    pal = pal or palette()
    # The colours the tint depends on (palette cache keys can repeat across palettes).
    key = (
        hue,
        strong,
        pal.color(QPalette.ColorRole.Window).rgba(),
        pal.color(QPalette.ColorRole.Mid).rgba(),
        pal.color(QPalette.ColorRole.Midlight).rgba(),
    )
    cached = _tint_cache.get(key)
    if cached is None:
        if len(_tint_cache) > 512:
            _tint_cache.clear()
        cached = _tint_cache[key] = _tinted(hue, pal, strong)
    return cached


def _tinted(hue: int, pal: QPalette, strong: bool) -> QColor:
    if hue < 0:
        return pal.color(QPalette.ColorRole.Mid if strong else QPalette.ColorRole.Midlight)
    if is_dark(pal):
        return QColor.fromHsl(hue, 140, 95 if strong else 70)
    return QColor.fromHsl(hue, 170 if strong else 150, 170 if strong else 222)


def chip_border(hue: int, pal: QPalette | None = None) -> QColor:
    pal = pal or palette()
    if hue < 0:
        return pal.color(QPalette.ColorRole.Mid)
    return QColor.fromHsl(hue, 120, 120 if is_dark(pal) else 150)


def label_hue(category: str) -> int:
    return GROUP_HUES.get(category.split(".", 1)[0], -1)


def label_short(category: str) -> str:
    """`identifiers.device_id` -> `device id`; `credentials` -> `credentials`."""
    return category.rsplit(".", 1)[-1].replace("_", " ")


def label_long(category: str) -> str:
    group, _, kind = category.partition(".")
    group_text = group.replace("_", " ")
    return f"{group_text} › {kind.replace('_', ' ')}" if kind else group_text


def human_bytes(n: int | None) -> str:
    """The reports' sizes (KiB, MiB …): one unit everywhere."""
    return "" if n is None else words.human_bytes(n)


def clock(ts: float | None, *, with_date: bool = False) -> str:
    if ts is None:
        return ""
    t = time.localtime(ts)
    millis = int((ts % 1) * 1000)
    if with_date:
        return time.strftime("%Y-%m-%d %H:%M:%S", t) + f".{millis:03d}"
    return time.strftime("%H:%M:%S", t)


def plain_tip(text: str) -> str:
    """A tooltip for captured text. Qt renders a tooltip as rich text when it looks like markup,
    so a captured `<img src=file:…>` would load a local file: such text is escaped and shown as
    written."""
    if "<" not in text and "&" not in text:
        return text
    return f"<span style='white-space: pre-wrap'>{html.escape(text)}</span>"
