"""The store keeps the labeller's field findings of each flow beside its record (`flow_findings`,
schema version 7), so a redacted export primes its redactor from those small rows
(`Redactor.prime_stored`) instead of decoding every flow's record a second time: written with
the flow, changed when it is labelled again or its findings are kept later, gone with it,
backfilled by migration 7; and the redactor primed from them redacts exactly as one primed
from every stored flow."""

from __future__ import annotations

import json
from pathlib import Path

import sqlcipher3

from auditor.enrich import Enricher
from auditor.export.redact import Pseudonymizer, Redactor
from auditor.label import Labeller
from auditor.paths import DataDir
from auditor.records import FlowRecord, Label, to_spec_dict
from auditor.store import FlowQuery, Store, open_store
from auditor.store.keys import obtain_key
from auditor.store.migrations import LATEST_VERSION
from tests.export.samples import make_records
from tests.export.test_stored_credentials import OTHER, TOKEN, _bearer, _labelled

KEY = b"flow-findings-key-0123456789abcd"
SECOND = "TokSessionE7f6a5b4c3d2e1f0a9b8"


def _raw(data_dir: DataDir) -> sqlcipher3.Connection:
    conn = sqlcipher3.connect(str(data_dir.store), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{obtain_key(data_dir).key.hex()}'\"")
    return conn


def _rows(data_dir: DataDir) -> set[str]:
    """Ids of the flows that have a `flow_findings` row."""
    conn = _raw(data_dir)
    try:
        rows = conn.execute(
            "SELECT f.id FROM flow_findings k JOIN flows f ON f.rowid = k.flow_rowid"
        ).fetchall()
    finally:
        conn.close()
    return {str(r[0]) for r in rows}


def _redacted(redactor: Redactor, records: list[FlowRecord]) -> list[str]:
    return [
        json.dumps(
            to_spec_dict(redactor.redact_record(r), redact_credentials=False, include_bodies=True),
            sort_keys=True,
        )
        for r in records
    ]


def _mixed_session() -> list[FlowRecord]:
    """Every kind of flow of the export samples (planted secrets and identifiers), labelled,
    a third of them stored without their findings, and two bearer flows."""
    records = make_records("s")
    enricher = Enricher(labeller=Labeller())
    for record in records:
        if record.kind in ("http", "websocket"):
            enricher.enrich(record)
    for number, record in enumerate(records):
        record.session = "s"
        if number % 3 == 0:
            record.sensitive = None
    return [*records, *_labelled(_bearer(TOKEN, "s", 50.0), _bearer(SECOND, "s", 51.0))]


def _same_priming(store: Store, query: FlowQuery) -> None:
    """A redactor primed from the kept rows redacts every stored flow as one primed from every
    stored flow (the code before version 7), and finds the same flows again."""
    from_flows = Redactor(Pseudonymizer(KEY), {"h": "DESKTOP-X1"})
    from_rows = Redactor(Pseudonymizer(KEY), {"h": "DESKTOP-X1"})
    assert from_flows.prime(store.iter_flows(query)) == from_rows.prime_stored(store, [query])
    assert from_rows.found_again.keys() == from_flows.found_again.keys()
    stored = list(store.iter_flows(query))
    assert _redacted(from_rows, stored) == _redacted(from_flows, stored)


def test_a_redactor_primes_from_the_kept_rows_not_from_the_records(tmp_path: Path) -> None:
    data_dir = DataDir(tmp_path)
    with open_store(data_dir) as store:
        store.add_flows(_labelled(_bearer(TOKEN, "s", 1.0), _bearer(OTHER, "t", 1.0)))
    conn = _raw(data_dir)
    conn.execute("DELETE FROM records")  # only the kept rows can answer now
    conn.close()
    with open_store(data_dir, readonly=True) as store:
        redactor = Redactor(Pseudonymizer(KEY))
        assert redactor.prime_stored(store, [FlowQuery(session="s")]) == 1
    assert TOKEN not in redactor.redact_text(f"seen {TOKEN} here")
    # Precision: the other session's flow was not read, nor is a redactor primed with nothing.
    assert OTHER in redactor.redact_text(f"seen {OTHER} here")
    assert TOKEN in Redactor(Pseudonymizer(KEY)).redact_text(f"seen {TOKEN} here")


def test_primed_from_the_rows_the_export_is_the_same(tmp_path: Path) -> None:
    data_dir = DataDir(tmp_path)
    records = _mixed_session()
    unkept = {r.id for r in records if r.sensitive is None}
    with open_store(data_dir) as store:
        store.add_flows(records)
        rows = _rows(data_dir)
        assert rows and not rows & unkept
        _same_priming(store, FlowQuery(session="s"))


def test_the_rows_follow_relabelling_kept_findings_and_deletion(tmp_path: Path) -> None:
    data_dir = DataDir(tmp_path)
    first, second = _labelled(_bearer(TOKEN, "s", 1.0), _bearer(SECOND, "s", 2.0))
    second.sensitive = None  # searched again when read
    with open_store(data_dir) as store:
        store.add_flows([first, second])
        assert _rows(data_dir) == {first.id}
        # Found again by an export and kept: the next export takes it from its row.
        primed = Redactor(Pseudonymizer(KEY))
        primed.prime_stored(store, [FlowQuery(session="s")])
        assert set(primed.found_again) == {second.id}
        store.keep_found_again(primed.found_again)
        assert _rows(data_dir) == {first.id, second.id}
        again = Redactor(Pseudonymizer(KEY))
        again.prime_stored(store, [FlowQuery(session="s")])
        assert not again.found_again
        assert SECOND not in again.redact_text(f"x {SECOND} y")
        # Labelled again with nothing sensitive: a redactor takes nothing from it any more.
        store.update_enrichments(
            [(first.id, [Label(category="network.endpoint")], first.entity, [])]
        )
        assert _rows(data_dir) == {second.id}
        _same_priming(store, FlowQuery(session="s"))
        relabelled = Redactor(Pseudonymizer(KEY))
        relabelled.prime_stored(store, [FlowQuery(session="s")])
        assert TOKEN in relabelled.redact_text(f"x {TOKEN} y")
        # A replaced flow's row is the new flow's; a deleted session's rows go with it.
        [replacing] = _labelled(_bearer(OTHER, "s", 3.0))
        replacing.id = second.id
        store.add_flows([replacing])
        assert _rows(data_dir) == {second.id}
        replaced = Redactor(Pseudonymizer(KEY))
        replaced.prime_stored(store, [FlowQuery(session="s")])
        assert OTHER not in replaced.redact_text(f"x {OTHER} y")
        assert SECOND in replaced.redact_text(f"x {SECOND} y")
        store.delete_session("s")
        assert _rows(data_dir) == set()


def test_a_version_6_store_migrates_with_its_kept_findings(tmp_path: Path) -> None:
    """A real encrypted store at the previous version (version 7 only adds the table): the
    findings kept with its flows get their rows, and a redactor primed from them redacts as one
    primed from every flow."""
    data_dir = DataDir(tmp_path)
    records = _mixed_session()
    with open_store(data_dir) as store:
        store.add_flows(records)
        expected = _rows(data_dir)
    conn = _raw(data_dir)
    conn.execute("DROP TABLE flow_findings")
    conn.execute("PRAGMA user_version = 6")
    conn.close()
    with open_store(data_dir, readonly=True) as store:  # a reader migrates too
        assert store.info()["schema_version"] == LATEST_VERSION == 7
        assert store.integrity_check() == ["ok"]
        assert _rows(data_dir) == expected
        _same_priming(store, FlowQuery(session="s"))


def test_a_row_that_cannot_be_read_has_its_flow_read_whole(tmp_path: Path) -> None:
    data_dir = DataDir(tmp_path)
    with open_store(data_dir) as store:
        store.add_flows(_labelled(_bearer(TOKEN, "s", 1.0), _bearer(SECOND, "s", 2.0)))
    conn = _raw(data_dir)
    conn.execute("UPDATE flow_findings SET findings = x'00ff'")
    conn.close()
    with open_store(data_dir) as store:
        redactor = Redactor(Pseudonymizer(KEY))
        assert redactor.prime_stored(store, [FlowQuery(session="s")]) == 2
        assert TOKEN not in redactor.redact_text(f"x {TOKEN} {SECOND} y")
        assert SECOND not in redactor.redact_text(f"x {TOKEN} {SECOND} y")
        _same_priming(store, FlowQuery(session="s"))
