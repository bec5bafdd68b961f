"""The detail pane names a flow's receiver as the user knows it: the organisation and, beside it,
the other names its vendor file gives (a product's former company, a former name)."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from auditor.decode import decode_flow
from auditor.records import Entity
from tests.tflow import tflow, treq
from ui.detail import DetailPane


def _receiver(pane: DetailPane) -> str:
    tree = pane.connection
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        if item.text(0) == "Receiver":
            return item.text(1)
    raise AssertionError("no Receiver row")


@pytest.mark.parametrize(
    ("entity", "shown"),
    [
        (
            Entity("Harness Split", "third", "split.io"),
            "Harness Split (Split Software) (third party)",
        ),
        (Entity("Mezmo", "third", "mezmo.com"), "Mezmo (LogDNA) (third party)"),
        (Entity("SolarWinds Loggly", "third", "loggly.com"), "SolarWinds Loggly (third party)"),
        (Entity("Zoom", "first", "zoom.us"), "Zoom (first party)"),
        (Entity(None, "unknown", "example.org"), "? (unknown party)"),
    ],
)
def test_receiver_row_names_the_other_names(qtbot: QtBot, entity: Entity, shown: str) -> None:
    pane = DetailPane()
    qtbot.addWidget(pane)
    record = tflow(req=treq("https://h.example/x"), entity=entity)
    pane.set_flow(record, decode_flow(record))
    assert _receiver(pane) == shown
