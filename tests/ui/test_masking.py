"""The detail pane shows no credential while "Show credential values" is off (title URL, request
line, headers, body, decoded-field tree, hex view, tooltips), and shows captured text as text:
a reason phrase or header value in HTML never becomes markup."""

from __future__ import annotations

import re

from pytestqt.qtbot import QtBot

from auditor.decode import decode_flow
from auditor.records import ResponseRecord
from tests.security.outputs import _inflate, leaks
from tests.security.planted import SECRETS, planted_records
from ui import theme
from ui.detail import DetailPane
from ui.qt import QLabel, Qt, QTreeWidget, QTreeWidgetItem


def _items(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    out = []
    stack = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    while stack:
        item = stack.pop()
        out.append(item)
        stack += [item.child(i) for i in range(item.childCount())]
    return out


def _hex_bytes(dump: str) -> bytes:
    """The bytes a hex dump shows (offset, two groups of hex, ASCII column)."""
    data = bytearray()
    for line in dump.splitlines():
        match = re.match(r"^[0-9a-f]{8}  (.{47})  \|", line)
        if match:
            data += bytes.fromhex(match.group(1).replace(" ", ""))
    return bytes(data)


def pane_text(pane: DetailPane) -> str:
    """Everything the pane shows or offers as a tooltip, every hex body included."""
    parts = [pane.title.text(), pane.title.toolTip(), pane.subtitle.text(), pane.errors.text()]
    for panel in (pane.request, pane.response):
        parts += [panel.first_line.text(), panel.body.toPlainText()]
        for item in _items(panel.headers):
            parts += [item.text(1), item.toolTip(1)]
    for tree in (pane.fields_tree, pane.labels_tree, pane.connection):
        for item in _items(tree):
            parts += [item.text(c) for c in range(tree.columnCount())]
            parts += [item.toolTip(c) for c in range(tree.columnCount())]
    for index in range(pane.hex_source.count()):
        pane.hex_source.setCurrentIndex(index)
        raw = _hex_bytes(pane.hex.toPlainText())
        parts.append(raw.decode("latin-1"))
        inflated = _inflate(raw) if raw else None
        if inflated:
            parts.append(inflated.decode("latin-1"))
    return "\n".join(parts)


def test_detail_pane_masks_every_planted_credential(qtbot: QtBot) -> None:
    pane = DetailPane()
    qtbot.addWidget(pane)
    assert not pane.reveal.isChecked()
    shown: dict[str, str] = {}
    for record in planted_records():
        pane.set_flow(record, decode_flow(record))
        shown[record.request.url if record.request else record.id] = pane_text(pane)
    assert leaks(shown, SECRETS.values()) == set()
    # The control: asked to, the pane shows them (so the check above can see them).
    pane.reveal.setChecked(True)
    revealed: dict[str, str] = {}
    for record in planted_records():
        pane.set_flow(record, decode_flow(record))
        revealed[record.id] = pane_text(pane)
    assert {s for _, s in leaks(revealed, SECRETS.values())} >= {
        SECRETS["header_bearer"],
        SECRETS["url_zak"],
        SECRETS["gzip_sdk_key"],
        SECRETS["form_password"],
    }


def test_authority_pseudo_header_is_not_a_credential(qtbot: QtBot) -> None:
    pane = DetailPane()
    qtbot.addWidget(pane)
    record = next(r for r in planted_records() if r.request and r.request.header(":authority"))
    pane.set_flow(record, decode_flow(record))
    values = {item.text(0): item.text(1) for item in _items(pane.request.headers)}
    assert values[":authority"] == "teams.microsoft.com"
    assert values["Authorization"] == "[redacted]"
    assert all(lab.category != "credentials" or all(
        ":authority" not in ev.where for ev in lab.evidence) for lab in record.labels)  # fmt: skip


def test_captured_text_is_never_markup(qtbot: QtBot) -> None:
    """A reason phrase `<img src=…>`, a process name in HTML: shown as written, loading nothing."""
    pane = DetailPane()
    qtbot.addWidget(pane)
    record = planted_records()[6]
    evil = '<img src="file:///etc/passwd"><b style="color:red">pwned</b>'
    record.response = ResponseRecord(200, evil, headers=[("X-Note", evil)], body=b"{}", size=2)
    record.process.name = evil
    record.request.url += "&q=<b>bold</b>"
    pane.set_flow(record, decode_flow(record))
    labels = [pane.title, pane.subtitle, pane.request.first_line, pane.response.first_line]
    labels += [pane.chain, pane.errors]
    for label in labels:
        assert isinstance(label, QLabel)
        assert label.textFormat() == Qt.TextFormat.PlainText
    assert evil in pane.response.first_line.text()
    assert evil.split(">")[0] in pane.subtitle.text()
    # Tooltips are rich text whenever they look like markup: captured ones are escaped.
    note = next(i for i in _items(pane.response.headers) if i.text(0) == "X-Note")
    assert "<img" not in note.toolTip(1) and "&lt;img" in note.toolTip(1)
    assert "<b>" not in pane.title.toolTip()
    assert theme.plain_tip("plain") == "plain"
