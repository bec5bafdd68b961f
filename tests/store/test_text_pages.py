"""Free-text pages of common words: the windowed walk gives exactly what a plain filter gives."""

from __future__ import annotations

import pytest

from auditor.store import FlowQuery, Store, query, reader
from tests.store.conftest import make_flow

T0 = 1_700_000_000.0
HOSTS = ("api.zoom.us", "zoomwebviewhost.example", "teams.microsoft.com")
# Only the host names these flows by: no app, process, entity or header saying "zoom".
PLAIN = {"app": None, "process": "client", "entity": None, "headers": [("accept", "*/*")]}


def _stored(store: Store) -> list[tuple[float, int, str, str, bool]]:
    """(ts, rowid, id, host, has the usage label) of every stored flow."""
    return [
        (r.ts, r.rowid, r.id, r.host or "", any(lab.startswith("usage") for lab in r.labels))
        for r in store.query_flows(FlowQuery(), limit=10_000, order_by="rowid")
    ]


@pytest.mark.parametrize(
    "window, spread, slack",
    [
        (256, 16, 4096),  # as shipped: windows over rows stored in time order
        (16, 0, 0),  # every window "wide": the plain filter with the whole match set
        (16, 1, 0),  # narrow windows first, then a wide one: the match set fetched midway
    ],
)
def test_common_word_pages_match_a_plain_scan(
    store: Store, monkeypatch: pytest.MonkeyPatch, window: int, spread: int, slack: int
) -> None:
    monkeypatch.setattr(query, "SELECTIVE_LIMIT", 5)  # every word here counts as common
    monkeypatch.setattr(reader, "_TEXT_WINDOW", window)
    monkeypatch.setattr(reader, "_TEXT_SPREAD", spread)
    monkeypatch.setattr(reader, "_TEXT_SLACK", slack)
    in_order = [
        make_flow(
            ts=T0 + 2 * i, host=HOSTS[i % 3], labels=("usage.feature_events",) * (i % 2), **PLAIN
        )
        for i in range(400)
    ]
    # Imported later but older: their rowids are scattered through the time order.
    late = [
        make_flow(
            ts=T0 + 4 * i + 1, host=HOSTS[(i + 1) % 3], labels=("usage.x",) * (i % 3 == 0), **PLAIN
        )
        for i in range(200)
    ]
    store.add_flows(in_order)
    store.add_flows(late)
    stored = _stored(store)
    cases = {
        "zoom": lambda host, usage: "zoom" in host,  # type-ahead: zoom, zoomwebviewhost
        "zoom ": lambda host, usage: ".zoom." in host,  # a whole word only
        "zoomweb": lambda host, usage: host.startswith("zoomweb"),
        "teams microsoft": lambda host, usage: host.startswith("teams"),
    }
    for text, matches in cases.items():
        for labels in (None, ["usage"]):
            for descending in (False, True):
                expected = sorted(
                    (s for s in stored if matches(s[3], s[4]) and (labels is None or s[4])),
                    key=lambda s: (s[0], s[1]),
                    reverse=descending,
                )
                q = FlowQuery(text=text, labels=labels)
                where = (text, labels, descending)
                for order_by in ("ts", "rowid"):
                    want = (
                        expected
                        if order_by == "ts"
                        else sorted(expected, key=lambda s: s[1], reverse=descending)
                    )
                    for offset, limit in ((0, 10), (0, 1000), (37, 25), (len(want) - 3, 10)):
                        page = store.query_flows(
                            q, offset=offset, limit=limit, order_by=order_by,
                            descending=descending,
                        )  # fmt: skip
                        assert [r.id for r in page] == [
                            s[2] for s in want[offset : offset + limit]
                        ], (where, order_by, offset, limit)
                # Keyset paging walks the same rows.
                walked: list[str] = []
                cursor = None
                while True:
                    page = store.query_flows(q, limit=30, descending=descending, cursor=cursor)
                    walked += [r.id for r in page]
                    if len(page) < 30:
                        break
                    cursor = (page[-1].ts, page[-1].rowid)
                assert walked == [s[2] for s in expected], where
                assert store.count_flows(q) == len(expected), where
    # A prefix no indexed word starts: nothing, whichever path.
    assert store.query_flows(FlowQuery(text="zzzqx")) == []
    assert store.count_flows(FlowQuery(text="zoomx")) == 0


def test_prefix_of_many_terms_stays_a_prefix_query(store: Store) -> None:
    flows = [
        make_flow(ts=T0 + i, req_body=f'{{"code":"tok{i:03d}"}}'.encode())
        for i in range(query.MAX_PREFIX_TERMS + 10)
    ]
    store.add_flows(flows)
    assert store.count_flows(FlowQuery(text="tok")) == len(flows)
    assert [r.id for r in store.query_flows(FlowQuery(text="tok0"), limit=500)] == [
        f.id for f in flows[:100]
    ]
    assert [r.id for r in store.query_flows(FlowQuery(text="tok012"))] == [flows[12].id]
