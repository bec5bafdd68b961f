"""The store's API as the capture, GUI and CLI use it."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from auditor.errors import AuditorError
from auditor.paths import DataDir
from auditor.records import Entity, Label, PolicyFinding, WebSocketMessage
from auditor.store import FlowQuery, Store, open_store
from tests.store.conftest import make_dns_flow, make_flow

T0 = 1_700_000_000.0


def _store_bytes(store: Store) -> int:
    return sum(
        p.stat().st_size for p in (Path(f"{store.path}{s}") for s in ("", "-wal")) if p.exists()
    )


def _ids(rows: list) -> list[str]:
    return [r.id for r in rows]


def test_full_record_round_trip_with_bodies_and_websocket(store: Store) -> None:
    ws = [
        WebSocketMessage(True, T0 + 1, True, b'{"chat":"hello"}', 16),
        WebSocketMessage(False, T0 + 2, False, bytes(range(256)), 256),
    ]
    flow = make_flow(
        labels=("identifiers.email", "content.chat_text"),
        verdicts=("clear", "contradicted"),
        websocket=ws,
        kind="websocket",
    )
    dns = make_dns_flow()
    store.add_flows([flow, dns])
    assert store.get_flow(flow.id) == flow
    assert store.get_flow(dns.id) == dns
    assert store.get_flow("no-such-id") is None
    assert list(store.iter_flows(FlowQuery())) == [flow, dns] or list(
        store.iter_flows(FlowQuery())
    ) == [dns, flow]
    (summary,) = store.query_flows(FlowQuery(kind="websocket"))
    assert summary.verdict == "contradicted"
    assert sorted(summary.labels) == ["content.chat_text", "identifiers.email"]
    assert summary.req_size == flow.request.size + 16  # type: ignore[union-attr]
    assert summary.resp_size == flow.response.size + 256  # type: ignore[union-attr]
    assert summary.host == "api.zoom.us" and summary.app == "zoom" and summary.pid == 4242


def test_filters(store: Store) -> None:
    a = make_flow("s1", ts=T0 + 1, labels=("identifiers.email",), verdicts=("vague",))
    b = make_flow(
        "s1",
        ts=T0 + 2,
        host="o1.ingest.sentry.io",
        app="zoom",
        process="zoom_crashpad",
        entity="Sentry",
        party="third",
        labels=("diagnostics.crash_report",),
        verdicts=("contradicted",),
        req_body=b"stack trace with needleword inside",
        sinkholed=True,
    )
    c = make_flow(
        "s2", ts=T0 + 3, host="teams.microsoft.com", app="teams", process="teams", pid=7,
        entity="Microsoft", labels=("identifiers.device_id", "identifiers.email"),
    )  # fmt: skip
    d = make_dns_flow("s2", ts=T0 + 4)
    store.add_flows([a, b, c, d])

    def ids(**kw: object) -> set[str]:
        return set(_ids(store.query_flows(FlowQuery(**kw))))  # type: ignore[arg-type]

    assert ids() == {a.id, b.id, c.id, d.id}
    assert ids(session="s1") == {a.id, b.id}
    assert ids(session="nope") == set()
    assert ids(since=T0 + 2, until=T0 + 4) == {b.id, c.id}
    assert ids(labels=["identifiers.email"]) == {a.id, c.id}
    assert ids(labels=["identifiers"]) == {a.id, c.id}  # a group matches its categories
    assert ids(labels=["identifiers.e"]) == set()  # but not a mere prefix of a name
    assert ids(labels=["diagnostics", "identifiers.device_id"]) == {b.id, c.id}
    assert ids(app="teams") == {c.id}
    assert ids(process="zoom_crashpad") == {b.id}
    assert ids(pid=7) == {c.id}
    assert ids(entity="Sentry") == {b.id}
    assert ids(party="third") == {b.id}
    assert ids(host="SENTRY") == {b.id}
    assert ids(host="microsoft.com") == {c.id}
    assert ids(host="telemetry.example") == {d.id}
    assert ids(host="no-such-host") == set()
    assert ids(host="%") == set()  # LIKE wildcards are literal
    assert ids(verdict="contradicted") == {b.id}
    assert ids(kind="dns") == {d.id}
    assert ids(sinkholed=True) == {b.id}
    assert ids(text="needleword") == {b.id}  # request body text
    assert ids(text="needle") == {b.id}  # word prefix
    assert ids(text="teams.microsoft") == {c.id}
    assert ids(text="crash_report") == {b.id}  # labels are searchable
    assert ids(text="198.51.100.7") == {d.id}  # DNS answers
    assert ids(text="zoom/5.17") == {a.id, b.id, c.id}  # header values
    assert ids(text="...") == {a.id, b.id, c.id, d.id}  # no words: no text filter
    assert ids(session="s2", labels=["identifiers"], app="teams", text="device") == {c.id}
    with pytest.raises(ValueError):
        store.query_flows(FlowQuery(verdict="terrible"))


def test_label_and_text_filters_on_common_and_rare_terms(store: Store) -> None:
    # Enough flows that the common label takes the row-by-row path and the rare one the lookup.
    common = [make_flow(ts=T0 + i, labels=("usage.feature_events",)) for i in range(4500)]
    rare = [make_flow(ts=T0 + 10_000 + i, labels=("credentials.token",)) for i in range(3)]
    store.add_flows(common + rare)
    assert store.count_flows(FlowQuery(labels=["usage"])) == 4500
    assert store.count_flows(FlowQuery(labels=["credentials"])) == 3
    page = store.query_flows(FlowQuery(labels=["usage"]), limit=10, descending=True)
    assert _ids(page) == [f.id for f in reversed(common[-10:])]
    assert _ids(store.query_flows(FlowQuery(labels=["credentials"]))) == [f.id for f in rare]


def test_ordering_offset_and_keyset_paging(store: Store) -> None:
    flows = [
        make_flow(ts=T0 + (i % 7), status=200 + (i % 3), flow_id=f"f{i:03d}") for i in range(50)
    ]
    flows.append(make_dns_flow(ts=T0 + 3))  # no status: NULL in the sort column
    store.add_flows(flows)
    for order_by in ("ts", "status", "host", "size", "rowid"):
        for descending in (False, True):
            everything = store.query_flows(
                FlowQuery(), limit=1000, order_by=order_by, descending=descending
            )
            assert len(everything) == 51
            by_offset = []
            for offset in range(0, 51, 10):
                by_offset += store.query_flows(
                    FlowQuery(), offset=offset, limit=10, order_by=order_by, descending=descending
                )
            assert _ids(by_offset) == _ids(everything)
            by_cursor = []
            cursor = None
            while True:
                page = store.query_flows(
                    FlowQuery(), limit=8, order_by=order_by, descending=descending, cursor=cursor
                )
                by_cursor += page
                if len(page) < 8:
                    break
                last = page[-1]
                key = {"ts": last.ts, "status": last.status, "host": last.host,
                       "size": last.req_size + last.resp_size, "rowid": last.rowid}[order_by]  # fmt: skip
                cursor = (key, last.rowid)
            assert _ids(by_cursor) == _ids(everything), (order_by, descending)
    ts_sorted = store.query_flows(FlowQuery(), limit=1000)
    assert [r.ts for r in ts_sorted] == sorted(r.ts for r in ts_sorted)
    with pytest.raises(AuditorError, match="cannot sort"):
        store.query_flows(FlowQuery(), order_by="ts; DROP TABLE flows")


def test_counts_time_buckets_and_cached_counts(store: Store) -> None:
    store.add_flows(
        [
            make_flow("s1", ts=T0, labels=("identifiers.email",), verdicts=("vague",)),
            make_flow("s1", ts=T0 + 30, labels=("identifiers.email", "usage.feature_events")),
            make_flow("s1", ts=T0 + 70, host="api.mixpanel.com", entity="Mixpanel", party="third"),
            make_dns_flow("s2", ts=T0 + 200),
        ]
    )
    size = len(b'{"event":"join"}') + len(b'{"ok":true}')
    assert store.counts_by("label", FlowQuery()) == [
        ("identifiers.email", 2, 2 * size),
        ("usage.feature_events", 1, size),
    ]
    assert store.counts_by("entity", FlowQuery(session="s1")) == [
        ("Zoom", 2, 2 * size),
        ("Mixpanel", 1, size),
    ]
    assert dict((k, n) for k, n, _ in store.counts_by("party", FlowQuery())) == {
        "first": 2, "third": 1, "unknown": 1,
    }  # fmt: skip
    assert store.counts_by("host", FlowQuery(session="s2")) == [("telemetry.example.net", 1, 0)]
    assert store.counts_by("verdict", FlowQuery(session="s1"))[0] == ("", 2, 2 * size)
    assert ("vague", 1, size) in store.counts_by("verdict", FlowQuery())
    assert {k for k, _, _ in store.counts_by("kind", FlowQuery())} == {"http", "dns"}
    assert {k for k, _, _ in store.counts_by("app", FlowQuery())} == {"zoom", ""}
    assert {k for k, _, _ in store.counts_by("process", FlowQuery())} == {
        "zoom", "systemd-resolved",
    }  # fmt: skip
    with pytest.raises(AuditorError):
        store.counts_by("colour", FlowQuery())
    start = T0 - T0 % 60  # T0 is 20 s into its minute: T0 and T0+30 share a bucket
    assert store.time_buckets(FlowQuery(session="s1"), 60) == [
        (start, 2, 2 * size),
        (start + 60, 1, size),
    ]
    assert store.count_flows(FlowQuery()) == 4
    assert store.count_flows(FlowQuery(session="s1")) == 3
    assert store.count_flows(FlowQuery(session="none")) == 0
    assert store.count_flows(FlowQuery(session="s1", labels=["identifiers"])) == 2
    (s1, s2) = store.sessions()
    assert (s1.name, s1.flow_count, s1.first_ts, s1.last_ts, s1.apps) == (
        "s1", 3, T0, T0 + 70, ["zoom"],
    )  # fmt: skip
    assert s1.bytes == 3 * size and s2.flow_count == 1 and s2.apps == []


def test_replacing_a_flow_keeps_counts_and_moves_it_to_the_tail(store: Store) -> None:
    flow = make_flow(ts=T0)
    store.add_flows([flow, make_flow(ts=T0 + 1)])
    before = store.max_rowid()
    flow.response.status = 500  # type: ignore[union-attr]
    store.add_flows([flow])
    assert store.count_flows(FlowQuery()) == 2
    assert store.sessions()[0].flow_count == 2
    tail = store.query_flows(FlowQuery(after_rowid=before))
    assert _ids(tail) == [flow.id] and tail[0].status == 500
    assert store.get_flow(flow.id) == flow


def test_update_enrichment(store: Store) -> None:
    flow = make_flow(labels=("identifiers.email",))
    store.add_flows([flow])
    rowid = store.query_flows(FlowQuery())[0].rowid
    finding = PolicyFinding("zoom/tos", "2023-08-11", "10.5", "contradicted", "quote", ["ai"])
    label = Label("content.chat_text")
    entity = Entity("Zoom Video", "first", "zoom.us")
    assert store.update_enrichments([(flow.id, [label], entity, [finding])]) == 1
    assert store.update_enrichments([("missing", [], entity, [])]) == 0
    (row,) = store.query_flows(FlowQuery(labels=["content"]))
    assert (row.rowid, row.entity, row.verdict, row.labels) == (
        rowid, "Zoom Video", "contradicted", ["content.chat_text"],
    )  # fmt: skip
    assert store.query_flows(FlowQuery(labels=["identifiers"])) == []
    assert _ids(store.query_flows(FlowQuery(text="chat_text"))) == [flow.id]
    got = store.get_flow(flow.id)
    assert got is not None
    assert got.labels == [label] and got.policy == [finding] and got.entity == entity
    assert got.request.body == flow.request.body  # type: ignore[union-attr]


def test_markers(store: Store) -> None:
    store.ensure_session("meet", client="zoom 5.17")
    m1 = store.add_marker("meet", T0 + 5, "muted", "muted myself")
    store.add_marker("meet", T0 + 1, "meeting_start")
    store.add_marker("other", T0 + 2, "camera_off")
    assert [(m.kind, m.ts) for m in store.markers("meet")] == [
        ("meeting_start", T0 + 1),
        ("muted", T0 + 5),
    ]
    assert len(store.markers(None)) == 3
    assert m1.note == "muted myself"
    with pytest.raises(AuditorError):
        store.add_marker("meet", T0, "Bad Kind!")
    assert store.delete_marker(m1.id) and not store.delete_marker(m1.id)
    info = {s.name: s for s in store.sessions()}
    assert info["meet"].meta == {"client": "zoom 5.17"} and info["meet"].markers == 1


def test_ensure_session(store: Store) -> None:
    assert store.ensure_session("a", mode="regular") == "a"
    assert store.ensure_session("a", listen="127.0.0.1:0") == "a"
    (info,) = store.sessions()
    assert info.meta == {"mode": "regular", "listen": "127.0.0.1:0"}
    with pytest.raises(AuditorError):
        store.ensure_session("  ")


def test_delete_session_removes_everything_and_compact_shrinks(store: Store) -> None:
    big = os.urandom(100_000)  # incompressible
    keep = make_flow("keep", labels=("identifiers.email",))
    store.add_flows([keep])
    store.add_flows(
        [make_flow("gone", ts=T0 + i, req_body=big, labels=("usage.x",)) for i in range(40)]
    )
    store.add_marker("gone", T0, "muted")
    size_before = _store_bytes(store)
    assert store.delete_session("gone") == 40
    with pytest.raises(AuditorError, match="no session named"):
        store.delete_session("gone")
    conn = store.conn
    for table in ("flows", "records", "flow_labels", "markers"):
        assert conn.execute(f"SELECT count(*) FROM {table} f WHERE 1").fetchone()[0] <= 1, table
    assert conn.execute("SELECT count(*) FROM bodies").fetchone()[0] == 2  # keep's two bodies
    assert store.count_flows(FlowQuery(text="usage")) == 0
    assert [s.name for s in store.sessions()] == ["keep"]
    store.compact()
    assert _store_bytes(store) < size_before / 4
    assert store.get_flow(keep.id) == keep
    assert store.integrity_check() == ["ok"]


def test_body_cap_keeps_size_not_body(store: Store, data_dir: DataDir) -> None:
    assert store.body_cap == 16 * 1024 * 1024
    store.set_body_cap(100)
    small = make_flow(req_body=b"x" * 100)
    big = make_flow(req_body=b"y" * 101, resp_body=b"ok")
    store.add_flows([small, big])
    got = store.get_flow(big.id)
    assert got is not None and got.request is not None and got.response is not None
    assert got.request.body is None and got.request.size == 101 and got.dropped_bodies
    assert got.response.body == b"ok"
    assert store.get_flow(small.id) == small
    store.close()
    with open_store(data_dir) as again:  # the setting is kept in the store
        assert again.body_cap == 100
        again.set_body_cap(None)
        assert again.body_cap is None


def test_readonly_store_refuses_writes(store: Store, data_dir: DataDir) -> None:
    store.add_flows([make_flow()])
    with open_store(data_dir, readonly=True) as reader:
        assert reader.count_flows(FlowQuery()) == 1
        with pytest.raises(AuditorError, match="read-only"):
            reader.add_flows([make_flow()])
        with pytest.raises(AuditorError, match="read-only"):
            reader.delete_session("s1")


def test_reader_of_a_new_data_dir_sees_an_empty_store(
    data_dir: DataDir, passphrase_env: str
) -> None:
    with open_store(data_dir, readonly=True) as reader:
        assert reader.sessions() == [] and reader.query_flows(FlowQuery()) == []


def test_readers_never_block_the_writer(store: Store, data_dir: DataDir) -> None:
    store.add_flows([make_flow(ts=T0 + i) for i in range(1200)])
    reader = open_store(data_dir, readonly=True)
    try:
        # Hold a read transaction open mid-iteration (a slow GUI or `auditor flows | less`).
        it = reader.iter_flows(FlowQuery(), chunk=100)
        next(it)
        reader.conn.execute("BEGIN")
        reader.conn.execute("SELECT count(*) FROM flows").fetchone()
        done = threading.Event()

        def write() -> None:
            for i in range(5):
                store.add_flows([make_flow(ts=T0 + 5000 + i)])
            done.set()

        started = time.monotonic()
        thread = threading.Thread(target=write)
        thread.start()
        assert done.wait(10), "the writer was blocked by a reader"
        thread.join()
        assert time.monotonic() - started < 5
        # The reader's snapshot does not move until it ends its transaction.
        assert reader.conn.execute("SELECT count(*) FROM flows").fetchone()[0] == 1200
        reader.conn.execute("COMMIT")
        assert reader.count_flows(FlowQuery()) == 1205
        assert sum(1 for _ in it) >= 1199
    finally:
        reader.close()


def test_live_tail_with_max_rowid(store: Store) -> None:
    store.add_flows([make_flow(ts=T0)])
    mark = store.max_rowid()
    assert store.query_flows(FlowQuery(after_rowid=mark)) == []
    new = [make_flow(ts=T0 - 10), make_flow(ts=T0 + 10)]
    store.add_flows(new)
    assert set(_ids(store.query_flows(FlowQuery(after_rowid=mark)))) == {f.id for f in new}
    # Rowids never go back, even after the newest flows are deleted.
    store.add_flows([make_flow("tmp", ts=T0)])
    top = store.max_rowid()
    store.delete_session("tmp")
    store.add_flows([make_flow(ts=T0)])
    assert store.max_rowid() > top


def test_store_can_be_shared_between_threads(store: Store) -> None:
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(20):
                store.add_flows([make_flow(f"t{n}", ts=T0 + i)])
                store.query_flows(FlowQuery(session=f"t{n}"))
        except BaseException as err:  # pragma: no cover - reported below
            errors.append(err)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert store.count_flows(FlowQuery()) == 80


def test_undecodable_header_bytes_are_stored(store: Store) -> None:
    # Header values decoded with surrogateescape carry lone surrogates. The store keeps valid
    # text only (every reader, terminal and exporter can take it): the byte becomes U+FFFD.
    odd = "caf\udce9"
    flow = make_flow(host="h\udcff.example", headers=[("x-odd", odd)], path="/\udc80")
    store.add_flows([flow])
    got = store.get_flow(flow.id)
    assert got is not None and got.request is not None
    assert got.request.headers == [("x-odd", "caf\ufffd")]
    assert got.request.path == "/\ufffd" and got.host == "h\ufffd.example"


def test_writer_survives_its_session_being_deleted_elsewhere(
    store: Store, data_dir: DataDir
) -> None:
    store.add_flows([make_flow("live", ts=T0)])
    with open_store(data_dir) as other:  # e.g. `auditor store delete-session live` meanwhile
        other.delete_session("live")
        other.compact()
    store.add_flows([make_flow("live", ts=T0 + 1, host="new.example")])
    (row,) = store.query_flows(FlowQuery(session="live"))
    assert row.session == "live" and row.host == "new.example"
    assert store.sessions()[0].flow_count == 1


def test_running_totals_match_a_scan_through_every_change(store: Store) -> None:
    import random

    rng = random.Random(5)
    hosts = ["a.zoom.us", "o1.ingest.sentry.io", "api.mixpanel.com", "teams.microsoft.com"]
    cats = ["identifiers.email", "usage.feature_events", "content.chat_text", "device.os"]
    verdict_names = ["clear", "vague", "contradicted"]

    def random_flow(session: str, flow_id: str | None = None):  # type: ignore[no-untyped-def]
        return make_flow(
            session,
            ts=T0 + rng.randrange(1000),
            host=rng.choice(hosts),
            app=rng.choice(["zoom", "teams", None]),
            process=rng.choice(["zoom", "teams", "chrome"]),
            entity=rng.choice(["Zoom", "Sentry", None]),
            party=rng.choice(["first", "third", "unknown"]),
            labels=tuple(rng.sample(cats, rng.randrange(3))),
            verdicts=tuple(rng.sample(verdict_names, rng.randrange(2))),
            req_body=b"x" * rng.randrange(500),
            flow_id=flow_id,
        )

    flows = [random_flow(rng.choice(["a", "b", "c"])) for _ in range(300)]
    store.add_flows(flows)
    # Replace some (one moving to another session), enrich some, delete a session.
    store.add_flows([random_flow("a", flow_id=f.id) for f in flows[:40]])
    for f in flows[50:80]:
        store.update_enrichments(
            [
                (
                    f.id,
                    [Label(rng.choice(cats))],
                    Entity(rng.choice(["Zoom", "Other"]), "third"),
                    [PolicyFinding("d", "v", "1", rng.choice(verdict_names), "q")],
                )
            ]
        )
    store.delete_session("c")
    store.add_flows([random_flow("c") for _ in range(20)])
    for dim in ("label", "entity", "party", "app", "process", "host", "verdict", "kind"):
        for session in (None, "a", "b", "c"):
            cached = store.counts_by(dim, FlowQuery(session=session))
            scanned = store.counts_by(dim, FlowQuery(session=session, since=0))
            assert cached == scanned, (dim, session)
    assert store.count_flows(FlowQuery()) == store.count_flows(FlowQuery(since=0))


def test_interrupt_stops_a_running_query_and_the_store_stays_usable(store: Store) -> None:
    store.add_flows([make_flow(flow_id="kept")])
    # A statement that only ends when interrupted, standing in for a slow count at 1M flows.
    endless = (
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"
    )
    timer = threading.Timer(0.2, store.interrupt)
    timer.start()
    started = time.monotonic()
    with pytest.raises(Exception, match="interrupt"):
        store.conn.execute(endless).fetchone()
    assert time.monotonic() - started < 10
    assert store.count_flows(FlowQuery()) == 1
    store.interrupt()  # nothing running: a no-op
    assert store.get_flow("kept") is not None
