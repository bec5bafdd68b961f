"""`stored_credentials`: the credential values of a session's stored flows, for a redactor that
shows one flow at a time (the GUI's masking) to know them all first. It takes the findings kept
with each flow, reads a flow whole only when none were kept, and reads on from a rowid."""

from __future__ import annotations

import json
from pathlib import Path

from auditor.enrich import Enricher
from auditor.export.redact import stored_credentials
from auditor.label import KnownValues, Labeller
from auditor.paths import DataDir
from auditor.records import FlowRecord
from auditor.store import open_store
from tests.tflow import tflow, treq

TOKEN = "TokStoredA9f8e7d6c5b4a3f2e1d0"
LATER = "TokStoredB1a2b3c4d5e6f7a8b9c0"
IN_BODY = "TokStoredC0f1e2d3c4b5a6f7e8d9"
OTHER = "TokStoredD5e4d3c2b1a0f9e8d7c6"


def _bearer(token: str, session: str, ts: float) -> FlowRecord:
    request = treq(
        "https://api.meet-example.test/v1/me",
        method="GET",
        headers=[("Authorization", f"Bearer {token}")],
    )
    return tflow(req=request, session=session, ts=ts)


def _labelled(*records: FlowRecord) -> list[FlowRecord]:
    enricher = Enricher(labeller=Labeller(known_values=KnownValues()))
    for record in records:
        enricher.enrich(record)
    return list(records)


def test_reads_the_sessions_kept_findings_and_then_only_what_came_after(
    tmp_path: Path,
) -> None:
    plain = tflow(req=treq("https://api.meet-example.test/v1/ping?ref=x"), session="s", ts=2.0)
    with open_store(DataDir(tmp_path)) as store:
        store.add_flows(_labelled(_bearer(TOKEN, "s", 1.0), plain, _bearer(OTHER, "t", 1.0)))
        first = stored_credentials(store, "s")
        assert TOKEN in first.values and OTHER not in first.values
        assert first.max_rowid == store.max_rowid()
        # Nothing new: nothing read.
        assert stored_credentials(store, "s", first.max_rowid).values == frozenset()
        store.add_flows(_labelled(_bearer(LATER, "s", 0.5)))  # stored later, sent earlier
        later = stored_credentials(store, "s", first.max_rowid)
        assert LATER in later.values and TOKEN not in later.values
        assert later.max_rowid > first.max_rowid
        # Every session at once.
        assert {TOKEN, LATER, OTHER} <= stored_credentials(store, None).values
        # Flows deleted since the last look (their rowids may be used again): all read anew.
        store.delete_session("t")
        assert TOKEN in stored_credentials(store, "s", store.max_rowid() + 5).values


def test_a_flow_stored_without_kept_findings_is_read_whole(tmp_path: Path) -> None:
    """Flows labelled before the findings were kept with them: their bodies are read (the
    records are read without them) and searched again."""
    body = json.dumps({"client_secret": IN_BODY, "event": "join"}).encode()
    record = tflow(
        req=treq(
            "https://api.meet-example.test/v1/events",
            headers=[("Content-Type", "application/json")],
            body=body,
        ),
        session="s",
        ts=1.0,
    )
    [record] = _labelled(record)
    assert record.sensitive is not None and IN_BODY in record.sensitive.secrets
    record.sensitive = None  # as stored by an older version
    with open_store(DataDir(tmp_path)) as store:
        store.add_flows([record])
        assert IN_BODY in stored_credentials(store, "s").values
