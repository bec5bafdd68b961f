"""The store keeps each session's credential values (`session_credentials`) when a flow is
stored, so the GUI's masking reads O(credentials) rows instead of every flow: written with the
flow, backfilled by migration 6 from the findings kept with stored flows, kept through deletion
(over-masking, never under-masking), read on from a rowid for the live tail."""

from __future__ import annotations

from pathlib import Path

import sqlcipher3

from auditor.export.redact import stored_credentials
from auditor.paths import DataDir
from auditor.store import open_store
from auditor.store.keys import obtain_key
from auditor.store.migrations import LATEST_VERSION
from tests.export.test_stored_credentials import OTHER, TOKEN, _bearer, _labelled

SECOND = "TokSessionE7f6a5b4c3d2e1f0a9b8"


def _tokens(values: frozenset[str]) -> set[str]:
    """The bare tokens among the values (each comes with its `Bearer <token>` form too)."""
    return {v for v in values if v.startswith("Tok")}


def _raw(data_dir: DataDir) -> sqlcipher3.Connection:
    conn = sqlcipher3.connect(str(data_dir.store), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{obtain_key(data_dir).key.hex()}'\"")
    return conn


def test_values_are_read_from_the_list_not_from_the_flows(tmp_path: Path) -> None:
    data_dir = DataDir(tmp_path)
    with open_store(data_dir) as store:
        store.add_flows(_labelled(_bearer(TOKEN, "s", 1.0), _bearer(OTHER, "t", 1.0)))
    conn = _raw(data_dir)
    rows = conn.execute(
        "SELECT s.name, c.value FROM session_credentials c JOIN sessions s ON s.id = c.session_id"
    ).fetchall()
    assert ("s", TOKEN) in rows and ("t", OTHER) in rows
    # Without the records, only the list can answer.
    conn.execute("DELETE FROM records")
    conn.close()
    with open_store(data_dir, readonly=True) as store:
        found = stored_credentials(store, "s")
        assert TOKEN in found.values and OTHER not in found.values


def test_a_value_stays_while_a_flow_holds_it_and_goes_with_its_session(tmp_path: Path) -> None:
    with open_store(DataDir(tmp_path)) as store:
        first, second = _labelled(_bearer(TOKEN, "s", 1.0), _bearer(TOKEN, "s", 2.0))
        store.add_flows([first, second, *_labelled(_bearer(TOKEN, "t", 1.0))])
        # One of the two flows holding TOKEN is replaced by one without it.
        [replaced] = _labelled(_bearer(SECOND, "s", 3.0))
        replaced.id = first.id
        store.add_flows([replaced])
        assert {TOKEN, SECOND} <= stored_credentials(store, "s").values
        # Deleting a session takes its values, not those of another session holding them too.
        store.delete_session("s")
        assert TOKEN in stored_credentials(store, "t").values
        assert SECOND not in stored_credentials(store, None).values
        store.add_flows(_labelled(_bearer(OTHER, "s", 4.0)))
        assert _tokens(stored_credentials(store, "s").values) == {OTHER}


def test_live_tail_reads_only_values_of_flows_stored_after_the_rowid(tmp_path: Path) -> None:
    with open_store(DataDir(tmp_path)) as store:
        store.add_flows(_labelled(_bearer(TOKEN, "s", 1.0)))
        first = stored_credentials(store, "s")
        [unkept] = _labelled(_bearer(SECOND, "s", 2.0))
        unkept.sensitive = None  # stored without its findings: searched again
        store.add_flows([*_labelled(_bearer(OTHER, "s", 3.0)), unkept])
        later = stored_credentials(store, "s", first.max_rowid)
        assert _tokens(later.values) == {OTHER, SECOND}
        # A flow of the tail holding a value seen before brings it again (harmless).
        store.add_flows(_labelled(_bearer(TOKEN, "s", 4.0)))
        assert _tokens(stored_credentials(store, "s", later.max_rowid).values) == {TOKEN}


def test_a_flow_searched_again_is_kept_even_through_a_reader(tmp_path: Path) -> None:
    """A flow stored without its findings is searched on the first read (the GUI's, read-only)
    and its findings kept, so later reads take its values from the list."""
    data_dir = DataDir(tmp_path)
    [unkept] = _labelled(_bearer(SECOND, "s", 1.0))
    unkept.sensitive = None
    with open_store(data_dir) as store:
        store.add_flows([unkept])
    conn = _raw(data_dir)
    assert conn.execute("SELECT count(*) FROM credentials_unread").fetchone() == (1,)
    conn.close()
    with open_store(data_dir, readonly=True) as store:
        assert _tokens(stored_credentials(store, "s").values) == {SECOND}
        stored = store.get_flow(unkept.id)
        assert stored is not None and stored.sensitive is not None
    conn = _raw(data_dir)
    assert conn.execute("SELECT count(*) FROM credentials_unread").fetchone() == (0,)
    conn.execute("DELETE FROM records")  # the list alone answers now
    conn.close()
    with open_store(data_dir, readonly=True) as store:
        assert _tokens(stored_credentials(store, "s").values) == {SECOND}


def test_a_version_5_store_migrates_with_its_credentials(tmp_path: Path) -> None:
    """A real encrypted store at the previous version (version 6 only adds the two tables):
    the values of its kept findings are listed, flows without findings are marked unread, and
    the answer is the one the version-5 code gave by reading every flow."""
    data_dir = DataDir(tmp_path)
    kept_s, kept_t, plain = _labelled(
        _bearer(TOKEN, "s", 1.0), _bearer(OTHER, "t", 1.0), _bearer(SECOND, "s", 2.0)
    )
    plain.sensitive = None  # stored by a version that did not keep findings
    with open_store(data_dir) as store:
        store.add_flows([kept_s, kept_t, plain])
    conn = _raw(data_dir)
    conn.execute("DROP TABLE session_credentials")
    conn.execute("DROP TABLE credentials_unread")
    conn.execute("DROP TABLE flow_findings")  # version 7's
    conn.execute("PRAGMA user_version = 5")
    conn.close()
    with open_store(data_dir, readonly=True) as store:  # a reader migrates too
        assert store.info()["schema_version"] == LATEST_VERSION == 7
        assert store.integrity_check() == ["ok"]
    conn = _raw(data_dir)
    listed = conn.execute(
        "SELECT value FROM session_credentials WHERE value LIKE 'Tok%' ORDER BY value"
    ).fetchall()
    unread = conn.execute("SELECT count(*) FROM credentials_unread").fetchone()
    conn.close()
    assert listed == sorted([(TOKEN,), (OTHER,)]) and unread == (1,)
    with open_store(data_dir, readonly=True) as store:
        assert _tokens(stored_credentials(store, "s").values) == {TOKEN, SECOND}
        assert _tokens(stored_credentials(store, "t").values) == {OTHER}
