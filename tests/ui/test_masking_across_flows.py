"""The detail pane masks a credential the labeller found in ANOTHER flow of the capture (issue 13):
the window reads the credentials kept with every stored flow of the session (on the aux worker)
before it shows a flow, and again as flows arrive, as exports prime their redactor with every
flow. Over a real encrypted store, through the window's own selection path."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from auditor.enrich import Enricher
from auditor.label.findings import FieldFinder
from auditor.paths import DataDir
from auditor.records import FlowRecord
from auditor.store import FlowQuery, open_store
from auditor.usecases import import_files
from tests.security.outputs import leaks
from tests.tflow import tflow, treq
from tests.ui.test_masking import pane_text
from ui.detail import DetailPane
from ui.flowdetail import FlowDetailController
from ui.flowmodel import FlowTableModel, SummaryRole
from ui.mainwindow import MainWindow
from ui.policypane import PolicyPane
from ui.qt import QTableView, QTreeWidget, QTreeWidgetItem
from ui.settings import AppSettings
from ui.stores import StoreConnections

CORPUS = Path(__file__).resolve().parents[1] / "label" / "corpus"
SESSION = "two-flows"
# Credentials (issued by the test, not real) sent as bearer tokens in one flow each.
TOKEN_A = "TokAlpha7c1e9f04d2b8a6e35f10"
TOKEN_C = "TokCharlie3b5d7f9a1c2e4f6a8b0"
TOKEN_D = "TokDelta9e8d7c6b5a4f3e2d1c0b"


def _bearer(url: str, token: str, ts: float) -> FlowRecord:
    request = treq(url, method="GET", headers=[("Authorization", f"Bearer {token}")])
    return tflow(req=request, ts=ts, session=SESSION)


def _stored(root: Path, *records: FlowRecord) -> None:
    """`records` labelled by the real labeller (their findings kept with them), then stored."""
    enricher = Enricher()
    for record in records:
        enricher.enrich(record)
    with open_store(DataDir(root)) as store:
        store.add_flows(list(records))


def _open(qtbot: QtBot, root: Path, session: str, flows: int) -> MainWindow:
    win = MainWindow(root, settings=AppSettings(first_run_done=True))
    qtbot.addWidget(win)
    win.show()
    win.select_session(session)
    qtbot.waitUntil(lambda: win.session == session and win.model.total == flows, timeout=15000)
    # The window selects the first labelled flow once its rows are in: after that, a row the
    # test selects stays selected.
    qtbot.waitUntil(lambda: win.detail.record is not None, timeout=15000)
    return win


def _show(qtbot: QtBot, win: MainWindow, flow_id: str) -> None:
    """Selects the flow's row as the user does, and waits until the pane shows it. A flow
    stored just before may still be reaching the list (its rows are read again then), so the
    row is waited for, not looked up once."""

    def row_of_flow() -> int | None:
        for row in range(win.model.total):
            summary = win.model.index(row, 0).data(SummaryRole)
            if summary is not None and summary.id == flow_id:
                return row
        return None

    qtbot.waitUntil(lambda: row_of_flow() is not None, timeout=15000)
    row = row_of_flow()
    if row is None:  # gone again between the two reads
        raise LookupError(flow_id)
    win.table.selectRow(row)
    qtbot.waitUntil(
        lambda: (
            win.current_flow is not None
            and win.current_flow.id == flow_id
            and win.detail.record is win.current_flow
            and not win.detail.subtitle.text().startswith("Loading")
        ),
        timeout=15000,
    )


@pytest.fixture
def two_flows(qtbot: QtBot, tmp_path: Path) -> Iterator[tuple[MainWindow, FlowRecord, FlowRecord]]:
    """Flow A sends TOKEN_A as a bearer token (the labeller finds it there); flow B, earlier,
    carries the same value where nothing names it a credential: a query parameter, a header of
    its own, a JSON field. B also carries TOKEN_C and TOKEN_D, credentials of flows stored later."""
    root = tmp_path / "data"
    root.mkdir(mode=0o700)
    body = {"trace": TOKEN_A, "later": TOKEN_C, "after": TOKEN_D, "email": "someone@example.org"}
    flow_b = tflow(
        req=treq(
            f"https://api.meet-example.test/v1/events?ref={TOKEN_A}",
            headers=[("X-Request-Ref", TOKEN_A), ("Content-Type", "application/json")],
            body=json.dumps(body).encode(),
        ),
        ts=1_700_000_000.0,
        session=SESSION,
    )
    flow_a = _bearer("https://api.meet-example.test/v1/me", TOKEN_A, 1_700_000_100.0)
    _stored(root, flow_b, flow_a)
    assert flow_a.sensitive is not None and TOKEN_A in flow_a.sensitive.secrets
    assert flow_b.sensitive is None or not flow_b.sensitive.secrets  # B alone: nothing to mask
    win = _open(qtbot, root, SESSION, 2)
    yield win, flow_a, flow_b
    win.close()


def test_credential_of_another_flow_is_masked_everywhere(
    qtbot: QtBot, two_flows: tuple[MainWindow, FlowRecord, FlowRecord]
) -> None:
    win, flow_a, flow_b = two_flows
    shown: list[str] = []
    win.details.flowShown.connect(shown.append)
    _show(qtbot, win, flow_b.id)
    assert flow_a.id not in shown and win.detail.record is not None
    pane = win.detail
    assert leaks({"pane": pane_text(pane)}, [TOKEN_A]) == set()
    # Each place the value sits, by name: title, request line, header, field tree, hex view.
    assert "ref=[redacted]" in pane.title.text()
    assert "ref=[redacted]" in pane.request.first_line.text()
    assert TOKEN_A not in pane.request.body.toPlainText()
    assert TOKEN_A not in pane.hex.toPlainText().replace("\n", "")
    # The credentials of flows not stored yet are not known: the control that the check sees.
    assert TOKEN_C in pane_text(pane)

    # Asked to, the pane shows the values (in the title, the field tree, the hex view).
    pane.reveal.setChecked(True)
    assert TOKEN_A in pane.title.text() and TOKEN_A in pane.request.first_line.text()
    assert {s for _, s in leaks({"pane": pane_text(pane)}, [TOKEN_A])} == {TOKEN_A}
    pane.reveal.setChecked(False)
    assert leaks({"pane": pane_text(pane)}, [TOKEN_A]) == set()

    # A flow captured later sends TOKEN_C as a credential: B, shown again, masks it.
    _stored(win.data_dir, _bearer("https://api.meet-example.test/v1/c", TOKEN_C, 1_700_000_200.0))
    _show(qtbot, win, flow_a.id)
    _show(qtbot, win, flow_b.id)
    assert leaks({"pane": pane_text(pane)}, [TOKEN_A, TOKEN_C]) == set()

    # New flows of a running capture reach the table through its live tail: the flow on screen
    # is masked again without being selected again.
    assert TOKEN_D in pane_text(pane)
    _stored(win.data_dir, _bearer("https://api.meet-example.test/v1/d", TOKEN_D, 1_700_000_300.0))
    qtbot.waitUntil(lambda: win.model.total == 4, timeout=15000)
    qtbot.waitUntil(lambda: TOKEN_D not in pane_text(pane), timeout=15000)
    assert win.detail.record is not None and win.detail.record.id == flow_b.id
    assert leaks({"pane": pane_text(pane)}, [TOKEN_A, TOKEN_C, TOKEN_D]) == set()


@pytest.mark.parametrize(
    ("corpus_set", "flow_id"),
    [
        # `zoom-web`, the appKey inside hand-200's bearer JWT, is sent in clear by these flows.
        ("flows.jsonl", "hand-007"),
        ("flows.jsonl", "sdk-019"),
        ("flows.jsonl", "sdk-020"),
        # hand-800's `sentry_key` is the last part of web3-001's URL path.
        ("heldout3.jsonl", "web3-001"),
    ],
)
def test_corpus_flow_shows_no_credential_of_its_capture(
    qtbot: QtBot, tmp_path: Path, corpus_set: str, flow_id: str
) -> None:
    """As the sweep did: a corpus set imported as the user imports it, and one flow shown first
    (the window's own controller, without the window's choice of a first flow to show); no
    credential the labeller finds in any flow of the set is in the pane."""
    root = tmp_path / "data"
    root.mkdir(mode=0o700)
    with open_store(DataDir(root)) as store:
        [result] = import_files(store, [CORPUS / corpus_set], data_dir=DataDir(root))
        finder = FieldFinder()
        secrets = {
            value
            for record in store.iter_flows(FlowQuery(session=result.target))
            for value in finder.find(record).secrets
            if len(value.strip()) >= 6
        }
    stores = StoreConnections(root, None, None)
    model = FlowTableModel(stores.table, count_client=stores.counter)
    table = QTableView()
    table.setModel(model)
    detail, policy = DetailPane(), PolicyPane()
    for widget in (table, detail, policy):
        qtbot.addWidget(widget)
    details = FlowDetailController(stores, table, detail, policy, root, lambda: "")
    shown: list[str] = []
    details.flowShown.connect(shown.append)
    try:
        model.set_query(FlowQuery(session=result.target))
        qtbot.waitUntil(lambda: model.total == result.stored, timeout=15000)
        row = next(
            r for r in range(model.total) if model.index(r, 0).data(SummaryRole).id == flow_id
        )
        table.selectRow(row)
        qtbot.waitUntil(
            lambda: details.current_flow is not None and detail.record is details.current_flow,
            timeout=15000,
        )
        qtbot.waitUntil(lambda: shown == [flow_id], timeout=15000)
        assert leaks({flow_id: pane_text(detail)}, secrets) == set()
        # The control: revealed, the capture's credential is there to see.
        detail.reveal.setChecked(True)
        assert leaks({flow_id: pane_text(detail)}, secrets)
    finally:
        model.shutdown()
        stores.shutdown()


def test_a_credential_sent_as_a_json_key_is_masked_in_the_field_tree(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A credential the labeller found in one flow (a bearer token) is the KEY of a JSON object
    in another flow's body (`{"<token>": {...}}`): the decoded-field tree names the field by
    its key, and the decoding chain shown for a selected field spells its path."""
    root = tmp_path / "data"
    root.mkdir(mode=0o700)
    token = "TokKeyed4a6c8e0b2d4f6a8c0e2"
    body = {token: {"seats": 3}, "room": "standup"}
    keyed = tflow(
        req=treq(
            "https://api.meet-example.test/v1/grants",
            headers=[("Content-Type", "application/json")],
            body=json.dumps(body).encode(),
        ),
        ts=1_700_000_000.0,
        session=SESSION,
    )
    owner = _bearer("https://api.meet-example.test/v1/me", token, 1_700_000_100.0)
    _stored(root, keyed, owner)
    win = _open(qtbot, root, SESSION, 2)
    _show(qtbot, win, keyed.id)
    pane = win.detail
    names = [item.text(0) for item in _tree_items(pane.fields_tree)]
    assert any(name == "seats" for name in names) and any(name == "room" for name in names)
    assert leaks({"pane": pane_text(pane)}, [token]) == set()
    chains = []
    for item in _tree_items(pane.fields_tree):
        pane.fields_tree.setCurrentItem(item)
        chains.append(pane.chain.text())
    assert any("seats" in chain for chain in chains)
    assert not any(token in chain for chain in chains)
    # The control: revealed, the key is there to see.
    pane.reveal.setChecked(True)
    assert token in "\n".join(item.text(0) for item in _tree_items(pane.fields_tree))
    win.close()


def _tree_items(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    out: list[QTreeWidgetItem] = []
    stack = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    while stack:
        item = stack.pop()
        out.append(item)
        stack += [item.child(i) for i in range(item.childCount())]
    return out
