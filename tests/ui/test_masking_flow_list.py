"""The flow list masks what the detail pane masks (issue 13): with "Show credential values" off,
no cell, tooltip or accessible text of the table shows a credential the labeller found in the
capture, whether it sits in the host name, a path segment or the query. Over a real encrypted
store, labelled by the real labeller, through the window's own table."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from auditor.records import FlowRecord
from tests.tflow import tflow, treq
from tests.ui.test_masking_across_flows import _bearer, _open, _stored
from ui.flowmodel import COLUMNS, WITHHELD, FlowTableModel
from ui.mainwindow import MainWindow
from ui.qt import Qt
from ui.settings import AppSettings

SESSION = "two-flows"  # `_bearer`'s session
# Credentials issued by the test (not real), each sent as a bearer token by a flow of its own.
HOST_KEY = "envkey7k2q9w4e1r"  # also the subdomain the beacons go to (Mux's `<env key>.litix.io`)
PATH_KEY = "PrjKey5d1c8e2b7a9f0c4e6d"  # also a segment of another flow's path
QUERY_KEY = "QryKey3e9a1c7b5d2f8e0a4c"  # also sent as `?api_key=` by another flow
ZAK = "ZakTok8f2e6d4c1b9a7e5d3c"  # only ever sent as `?zak=`: the vocabulary names it
SECRETS = (HOST_KEY, PATH_KEY, QUERY_KEY, ZAK)
ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.AccessibleTextRole,
)


def _flows() -> list[FlowRecord]:
    ts = 1_700_000_000.0
    beacon = _bearer(f"https://{HOST_KEY}.beacons.example/v1/beacon?seq=7", HOST_KEY, ts)
    events = tflow(
        req=treq(f"https://api.meet-example.test/v1/projects/{PATH_KEY}/events", method="POST"),
        ts=ts + 1,
        session=SESSION,
    )
    join = tflow(
        req=treq(
            f"https://api.meet-example.test/v1/join?api_key={QUERY_KEY}&zak={ZAK}&page=2",
            method="GET",
        ),
        ts=ts + 2,
        session=SESSION,
    )
    path_owner = _bearer("https://api.meet-example.test/v1/me", PATH_KEY, ts + 3)
    query_owner = _bearer("https://api.meet-example.test/v1/you", QUERY_KEY, ts + 4)
    return [beacon, events, join, path_owner, query_owner]


def _cells(model: FlowTableModel) -> list[str]:
    out = []
    for row in range(model.rowCount()):
        for column in range(len(COLUMNS)):
            index = model.index(row, column)
            out += [str(index.data(role)) for role in ROLES if index.data(role) is not None]
    return out


def _leaked(texts: list[str]) -> set[str]:
    return {secret for secret in SECRETS for text in texts if secret.lower() in text.lower()}


def test_flow_list_masks_credentials_in_host_path_and_query(qtbot: QtBot, tmp_path: Path) -> None:
    root = tmp_path / "data"
    root.mkdir(mode=0o700)
    _stored(root, *_flows())
    win = MainWindow(root, settings=AppSettings(first_run_done=True))
    qtbot.addWidget(win)
    model = win.model
    seen: list[str] = []

    def loaded() -> bool:
        # Every text the table could show while it loads: none may hold a credential.
        seen.extend(_cells(model))
        return model.total == 5 and WITHHELD not in _cells(model)

    win.show()
    win.select_session(SESSION)
    qtbot.waitUntil(lambda: win.session == SESSION and loaded(), timeout=15000)
    assert _leaked(seen) == set()
    shown = _cells(model)
    assert _leaked(shown) == set()
    # Masked as the detail pane masks: the rest of the host, path and query stays readable.
    assert "redacted.beacons.example" in shown
    assert "POST /v1/projects/[redacted]/events" in shown
    joins = [t for t in shown if t.startswith("GET /v1/join?")]
    assert joins and all("page=2" in t and "api_key=" in t and "zak=" in t for t in joins)
    assert any("seq=7" in t for t in shown)
    # The request's tooltip and accessible text: method, host and path, masked the same way.
    assert any(t.startswith("POST api.meet-example.test/v1/projects/") for t in shown)
    assert any(t.startswith("GET redacted.beacons.example/v1/beacon") for t in shown)

    # Asked to, the list shows the values as captured (the control the check sees), and masks
    # them again when asked to no more.
    win.detail.reveal.setChecked(True)
    assert _leaked(_cells(model)) == set(SECRETS)
    win.detail.reveal.setChecked(False)
    assert _leaked(_cells(model)) == set()
    win.close()


def test_a_credential_stored_later_is_masked_in_rows_already_shown(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A running capture: a flow stored later sends as a credential what an earlier row shows in
    its path. The row is masked once the new flow reaches the table, without being selected."""
    root = tmp_path / "data"
    root.mkdir(mode=0o700)
    late = "LateKey2b4d6f8a0c1e3a5c7e"
    # The early request carries its own key, so nothing in it marks the path's token as one (a
    # random token in a path on a request with no other credential is one from the start,
    # issue 15bq).
    early = tflow(
        req=treq(
            f"https://api.meet-example.test/v1/rooms/{late}/state",
            headers=[("Authorization", "Bearer EarlyApp7Tok3n9x8c7v6b5n4m")],
        ),
        ts=1_700_000_000.0,
        session=SESSION,
    )
    _stored(root, early)
    win = _open(qtbot, root, SESSION, 1)
    model = win.model
    qtbot.waitUntil(lambda: WITHHELD not in _cells(model), timeout=15000)
    assert any(late in t for t in _cells(model))  # nothing names it a credential yet
    _stored(root, _bearer("https://api.meet-example.test/v1/me", late, 1_700_000_100.0))
    qtbot.waitUntil(lambda: model.total == 2, timeout=15000)
    qtbot.waitUntil(
        lambda: WITHHELD not in _cells(model) and not any(late in t for t in _cells(model)),
        timeout=15000,
    )
    assert "POST /v1/rooms/[redacted]/state" in _cells(model)
    win.close()


def test_flows_stored_without_findings_are_searched_once_then_kept(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A store from before findings were kept: the list masks what the search finds, and keeps
    the findings (through a short-lived writer: the window reads a read-only store) once the rows
    are shown, so the next read takes the values from the store's list."""
    from auditor.export.redact import stored_credentials
    from auditor.paths import DataDir
    from auditor.store import open_store

    root = tmp_path / "data"
    root.mkdir(mode=0o700)
    flows = _flows()
    enricher_stored = _stored_unkept(root, flows)
    win = MainWindow(root, settings=AppSettings(first_run_done=True))
    qtbot.addWidget(win)
    model = win.model
    qtbot.waitUntil(lambda: model.total == 5 and WITHHELD not in _cells(model), timeout=30000)
    assert _leaked(_cells(model)) == set()

    def kept() -> bool:
        with open_store(DataDir(root), readonly=True) as store:
            return all(
                (r := store.get_flow(f.id)) is not None and r.sensitive is not None
                for f in enricher_stored
            )

    qtbot.waitUntil(kept, timeout=30000)
    with open_store(DataDir(root), readonly=True) as store:
        assert store.stored_credentials(SESSION)[1] == []  # nothing left to search
        assert set(SECRETS) - {ZAK} <= stored_credentials(store, SESSION).values


def _stored_unkept(root: Path, flows: list[FlowRecord]) -> list[FlowRecord]:
    """`flows` labelled, stored as a version that kept no findings stored them; the ones that
    had findings to keep."""
    from auditor.enrich import Enricher
    from auditor.paths import DataDir
    from auditor.store import open_store

    enricher = Enricher()
    for record in flows:
        enricher.enrich(record)
    had = [r for r in flows if r.sensitive is not None]
    for record in flows:
        record.sensitive = None
    with open_store(DataDir(root)) as store:
        store.add_flows(flows)
    return had
