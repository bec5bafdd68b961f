"""The virtual flow model over a real store: paging on demand, filters, sorting, live tail."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from auditor.filterexpr import compile_filter, matches, parse
from auditor.paths import DataDir
from auditor.store import FlowQuery, open_store
from tests.ui.conftest import SYNTHETIC_FLOWS, reader_for
from ui.flowmodel import COLUMN_INDEX, PAGE_SIZE, FlowTableModel, LabelsRole, SummaryRole
from ui.qt import QModelIndex, Qt
from ui.workers import StoreClient


def make_model(root: Path) -> tuple[FlowTableModel, StoreClient]:
    client = StoreClient(reader_for(root), "test-table")  # type: ignore[arg-type]
    model = FlowTableModel(client)
    model.set_live(False)
    return model, client


def load(qtbot: QtBot, model: FlowTableModel, action: Any) -> None:
    """Runs `action` and waits until the model knows how many rows match."""
    with qtbot.waitSignal(model.counted, timeout=15000):
        action()


def test_first_page_then_pages_on_demand(
    qtbot: QtBot, synthetic_dir: Path, qtmodeltester: Any
) -> None:
    model, client = make_model(synthetic_dir)
    try:
        load(qtbot, model, lambda: model.set_query(FlowQuery(session="synthetic")))
        assert model.rowCount() == SYNTHETIC_FLOWS
        assert model.columnCount() == len(COLUMN_INDEX)
        first = model.index(0, 0).data(SummaryRole)
        assert first is not None and first.id == "syn070000000000"
        deep = SYNTHETIC_FLOWS - 7
        assert model.index(deep, 0).data(SummaryRole) is None  # not fetched yet
        assert model.index(deep, 0).data() == "…"
        qtbot.waitUntil(lambda: model.index(deep, 0).data(SummaryRole) is not None, timeout=10000)
        assert model.index(deep, 0).data(SummaryRole).id == f"syn07{deep:010d}"
        # Only the pages that were asked for are held.
        assert len(model._pages) <= 3
        labels = model.index(deep, COLUMN_INDEX["labels"]).data(LabelsRole)
        from auditor.taxonomy import CATEGORIES as TAXONOMY

        assert labels and set(labels) <= set(TAXONOMY)
        qtmodeltester.check(model)
    finally:
        client.shutdown()


def test_exact_filter_counts_match_the_store(qtbot: QtBot, synthetic_dir: Path) -> None:
    model, client = make_model(synthetic_dir)
    try:
        load(qtbot, model, lambda: model.set_filter(compile_filter("~l customer_content ~y first")))
        with open_store(DataDir(synthetic_dir), readonly=True) as store:
            expected = store.count_flows(FlowQuery(labels=["customer_content"], party="first"))
        assert 0 < model.rowCount() == expected < SYNTHETIC_FLOWS
        for row in range(min(model.rowCount(), PAGE_SIZE)):
            s = model.index(row, 0).data(SummaryRole)
            assert s.party == "first" and any(c.startswith("customer_content.") for c in s.labels)
    finally:
        client.shutdown()


def test_residual_filter_scans_and_matches_brute_force(qtbot: QtBot, synthetic_dir: Path) -> None:
    text = "~a zoom !~l customer_content.audio | ~e Discord"
    model, client = make_model(synthetic_dir)
    try:
        compiled = compile_filter(text)
        assert not compiled.exact
        load(qtbot, model, lambda: model.set_filter(compiled))
        assert not model.scanning
        with open_store(DataDir(synthetic_dir), readonly=True) as store:
            every = store.query_flows(FlowQuery(), limit=SYNTHETIC_FLOWS + 10)
        expr = parse(text)
        expected = [s.id for s in every if matches(expr, s)]
        got = [model.index(r, 0).data(SummaryRole).id for r in range(model.rowCount())]
        assert got == expected and 0 < len(got) < SYNTHETIC_FLOWS
    finally:
        client.shutdown()


def test_sorting_asks_the_store_in_that_order(qtbot: QtBot, synthetic_dir: Path) -> None:
    model, client = make_model(synthetic_dir)
    try:
        load(qtbot, model, lambda: model.set_query(FlowQuery(session="synthetic")))
        column = COLUMN_INDEX["size"]
        load(qtbot, model, lambda: model.sort(column, Qt.SortOrder.DescendingOrder))
        # Page 1 comes by keyset paging from the end of page 0: the order runs on across it.
        last = PAGE_SIZE * 2 - 1
        model.index(last, 0).data()
        qtbot.waitUntil(lambda: model.index(last, 0).data(SummaryRole) is not None, timeout=10000)
        summaries = [model.index(r, 0).data(SummaryRole) for r in range(last + 1)]
        sizes = [s.req_size + s.resp_size for s in summaries]
        assert sizes == sorted(sizes, reverse=True)
        with open_store(DataDir(synthetic_dir), readonly=True) as store:
            expected = store.query_flows(
                FlowQuery(session="synthetic"), offset=PAGE_SIZE, limit=PAGE_SIZE,
                order_by="size", descending=True,
            )  # fmt: skip
        assert [s.id for s in summaries[PAGE_SIZE:]] == [s.id for s in expected]
        # Labels are not a sort key: the order stays.
        model.sort(COLUMN_INDEX["labels"], Qt.SortOrder.AscendingOrder)
        assert model._order_by == "size"
    finally:
        client.shutdown()


def test_live_tail_inserts_new_flows_in_one_batch(qtbot: QtBot, fresh_dir: Path) -> None:
    from auditor.demo.synthetic import synthetic_flows

    with open_store(DataDir(fresh_dir)) as writer:
        writer.add_flows(list(synthetic_flows(10, session="live")))
        model, client = make_model(fresh_dir)
        try:
            load(qtbot, model, lambda: model.set_query(FlowQuery(session="live")))
            assert model.rowCount() == 10
            inserted: list[tuple[int, int]] = []
            model.rowsInserted.connect(lambda _p, a, b: inserted.append((a, b)))
            writer.add_flows(
                list(synthetic_flows(25, session="live", seed=8, start_ts=1794900000.0))
            )
            writer.add_flows(list(synthetic_flows(5, session="other", seed=9)))
            with qtbot.waitSignal(model.rowsAppended, timeout=10000) as blocker:
                model.poll_tail()
            assert blocker.args == [25]
            assert inserted == [(10, 34)]  # one batch, at the end (time order)
            assert model.rowCount() == 35
            qtbot.waitUntil(lambda: model.index(34, 0).data(SummaryRole) is not None, timeout=5000)
            assert model.index(34, 0).data(SummaryRole).session == "live"
        finally:
            client.shutdown()


def test_stale_answers_are_dropped(qtbot: QtBot, synthetic_dir: Path) -> None:
    model, client = make_model(synthetic_dir)
    try:
        # Two filter changes in a row: only the last one's answer may land.
        model.set_filter(compile_filter("~e Sentry"))
        load(qtbot, model, lambda: model.set_filter(compile_filter("~e Discord")))
        qtbot.wait(200)
        entities = {
            model.index(r, 0).data(SummaryRole).entity for r in range(min(50, model.rowCount()))
        }
        assert entities == {"Discord"}
        assert not model.index(0, 0).parent().isValid()
        assert model.rowCount(model.index(0, 0)) == 0
        assert model.index(0, 0).flags() & Qt.ItemFlag.ItemIsSelectable
        assert model.data(QModelIndex()) is None
    finally:
        client.shutdown()


def test_quick_switches_between_scan_and_exact_filters(qtbot: QtBot, synthetic_dir: Path) -> None:
    model, client = make_model(synthetic_dir)
    try:
        model.set_filter(compile_filter("!~a zoom"))  # residual
        model.set_filter(compile_filter("~a zoom !~e Zoom"))  # residual
        load(qtbot, model, lambda: model.set_filter(compile_filter("~e Sentry")))  # exact
        qtbot.wait(300)
        assert not model.scanning and model.compiled.exact
        rows = [model.index(r, 0).data(SummaryRole) for r in range(model.rowCount())]
        assert rows and all(s is None or s.entity == "Sentry" for s in rows)
    finally:
        client.shutdown()
