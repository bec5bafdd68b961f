"""The labeller's field findings kept with a stored flow (`FlowRecord.sensitive`): set when a flow
is labelled, stored inside the encrypted record and never exported, and what redaction then uses
instead of decoding and detecting the flow again."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from auditor.enrich import Enricher
from auditor.export.redact import REDACTED, Pseudonymizer, Redactor
from auditor.label import KnownValues, Labeller
from auditor.label.findings import FieldFinder, kept_fields
from auditor.paths import DataDir
from auditor.records import FlowRecord, SensitiveFields, to_spec_dict
from auditor.store import codec
from tests.export.samples import (
    API_KEY,
    BEARER,
    PASSWORD,
    data_dir_args,
    make_records,
    opened,
    run_command,
)
from tests.tflow import tflow, treq, tresp

KEY = b"kept-findings-key-0123456789abcd"


def _http(body: dict[str, object]) -> FlowRecord:
    return tflow(
        ts=1.0,
        req=treq(
            "https://telemetry.example.net/v1/events",
            headers=[("content-type", "application/json")],
            body=json.dumps(body).encode(),
        ),
    )


def test_labelling_keeps_the_fields_and_the_store_keeps_them_unexported() -> None:
    record = make_records("kept")[0]
    record.labels = []
    Enricher(labeller=Labeller(known_values=KnownValues())).enrich(record)
    kept = record.sensitive
    assert kept is not None
    assert {BEARER, API_KEY, PASSWORD} <= kept.secrets
    assert ("url", "query", "api_key") in kept.secret_paths

    stored, spec = codec.decode_record(codec.encode(record, None).record_blob)
    assert stored.sensitive == kept
    assert codec.SENSITIVE_KEY not in spec
    # Never part of the JSONL record (exports, `flows --format jsonl --no-redact`).
    assert "sensitive" not in json.dumps(to_spec_dict(stored, redact_credentials=False))
    assert PASSWORD not in json.dumps(to_spec_dict(stored, redact_credentials=False))


def test_flows_without_sensitive_labels_keep_nothing() -> None:
    record = _http({"event": "app_start", "os": "Linux"})
    Enricher(labeller=Labeller(known_values=KnownValues())).enrich(record)
    assert record.sensitive is None
    stored, _ = codec.decode_record(codec.encode(record, None).record_blob)
    assert stored.sensitive is None


def test_malformed_kept_fields_are_found_again() -> None:
    assert SensitiveFields.from_dict(["not", "a", "dict"]) is None
    assert SensitiveFields.from_dict({"secrets": 5}) is None


def test_redaction_uses_the_kept_fields() -> None:
    # A value no detector would call a credential: only the kept findings say it is one.
    opaque = "opaque-value-8c1f27d0"
    record = _http({"note": opaque, "event": "app_start"})
    assert opaque in Redactor(Pseudonymizer(KEY)).redact_record(record).request.body.decode()
    record.labels = []
    record.sensitive = SensitiveFields(
        secret_paths=frozenset({("body", "note")}), secrets=frozenset({opaque})
    )
    redacted = Redactor(Pseudonymizer(KEY)).redact_record(record)
    assert opaque not in redacted.request.body.decode()
    assert json.loads(redacted.request.body)["note"] == REDACTED


def test_kept_fields_redact_exactly_as_finding_them_again() -> None:
    finder = FieldFinder()
    fresh = make_records("same")
    kept = make_records("same")
    for record in kept:
        record.sensitive = kept_fields(record, finder)
    assert any(record.sensitive for record in kept)
    plain, primed = Redactor(Pseudonymizer(KEY)), Redactor(Pseudonymizer(KEY))
    plain.prime(fresh)
    primed.prime(kept)
    for a, b in zip(fresh, kept, strict=True):
        assert to_spec_dict(
            plain.redact_record(a), redact_credentials=False, include_bodies=True
        ) == to_spec_dict(primed.redact_record(b), redact_credentials=False, include_bodies=True)


def _corpus_records() -> list[FlowRecord]:
    from auditor.records import from_spec_dict

    corpus = Path(__file__).resolve().parent.parent / "label" / "corpus"
    records = make_records("corpus")
    for name in ("flows.jsonl", "heldout.jsonl", "heldout2.jsonl"):
        for line in (corpus / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                records.append(from_spec_dict(json.loads(line)))
    return records


def test_findings_from_the_labellers_pass_are_those_found_again() -> None:
    """Labelling hands its decoding and detector hits to the finder: over every labelled corpus
    flow the findings are exactly those of decoding and detecting the flow again."""
    labeller = Labeller(known_values=KnownValues())
    finder = FieldFinder()
    compared = 0
    for record in _corpus_records():
        result = labeller.label(record, keep_decoded=True)
        if record.request is None or record.kind not in ("http", "websocket"):
            assert result.decoded is None
            continue
        assert result.decoded is not None
        assert finder.find_labelled(record, result.decoded).kept() == finder.find(record).kept()
        compared += 1
    assert compared > 150


def test_findings_from_the_labellers_pass_go_past_its_cap_on_hits() -> None:
    # Labels keep five hits per category; redaction needs every e-mail of the batch.
    emails = [f"member{i}.kept@corp-example.org" for i in range(9)]
    record = _http({"members": [{"email": e} for e in emails]})
    result = Labeller(known_values=KnownValues()).label(record, keep_decoded=True)
    assert result.decoded is not None
    # The labeller stopped at its cap: the finder must look again.
    assert sum(h.category == "contact_info.email" for h in result.decoded.hits) == 5
    record.labels = result.labels
    found = FieldFinder().find_labelled(record, result.decoded)
    assert set(emails) <= found.identifiers


def test_findings_from_the_labellers_pass_include_the_response() -> None:
    record = _http({"event": "login"})
    record.response = tresp(
        200,
        headers=[("content-type", "application/json")],
        body=json.dumps({"access_token": BEARER, "email": "resp.kept@corp-example.org"}).encode(),
    )
    result = Labeller(known_values=KnownValues()).label(record, keep_decoded=True)
    assert result.decoded is not None
    found = FieldFinder().find_labelled(record, result.decoded)
    assert found.kept() == FieldFinder().find(record).kept()
    assert BEARER in found.secrets
    assert ("response", "access_token") in found.secret_paths


class _CountingFinder:
    """Counts the flows redaction decodes and detects again (the slow path)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = 0
        real = FieldFinder.find

        def find(finder: FieldFinder, record: FlowRecord) -> object:
            self.calls += 1
            return real(finder, record)

        monkeypatch.setattr(FieldFinder, "find", find)


def _export(data_dir: DataDir, out: Path) -> str:
    result = run_command([*data_dir_args(data_dir), "export", "jsonl", "-o", str(out)])
    assert result.code == 0, result.err
    return out.read_text(encoding="utf-8")


def _stored(data_dir: DataDir) -> dict[str, FlowRecord]:
    from auditor.store import FlowQuery

    with opened(data_dir) as store:
        return {r.id: r for r in store.iter_flows(FlowQuery(session="s1"))}  # type: ignore[attr-defined]


def _forget_findings(data_dir: DataDir) -> None:
    """As stored by a version that did not keep the labeller's field findings."""
    with opened(data_dir) as store:
        records = list(_stored(data_dir).values())
        store.update_enrichments(  # type: ignore[attr-defined]
            [(r.id, r.labels, r.entity, r.policy) for r in records],
            sensitive={r.id: None for r in records},
        )
    assert all(r.sensitive is None for r in _stored(data_dir).values())


def test_flows_stored_without_findings_get_them_on_first_export(
    filled_store: DataDir, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = {i: r.sensitive for i, r in _stored(filled_store).items()}
    assert any(kept.values())
    reference = _export(filled_store, tmp_path / "a.jsonl")

    _forget_findings(filled_store)
    counter = _CountingFinder(monkeypatch)
    assert _export(filled_store, tmp_path / "b.jsonl") == reference
    assert counter.calls > 0  # found again, once
    assert {i: r.sensitive for i, r in _stored(filled_store).items()} == kept

    counter.calls = 0
    assert _export(filled_store, tmp_path / "c.jsonl") == reference
    assert counter.calls == 0  # as stored: the fast path


def test_relabelled_and_rejudged_flows_keep_their_findings(
    filled_store: DataDir, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from auditor.enrich import Enricher, rejudge_session, relabel_store
    from auditor.policy import PolicyEngine

    kept = {i: r.sensitive for i, r in _stored(filled_store).items()}
    reference = _export(filled_store, tmp_path / "a.jsonl")
    counter = _CountingFinder(monkeypatch)

    # Judged again as another app: entity and verdicts are rewritten, the findings stay.
    with opened(filled_store) as store:
        _judged, changed = rejudge_session(store, "s1", PolicyEngine(), app="teams")
    assert changed > 0
    assert {i: r.sensitive for i, r in _stored(filled_store).items()} == kept
    rejudged = _export(filled_store, tmp_path / "b.jsonl")
    assert counter.calls == 0
    with opened(filled_store) as store:
        rejudge_session(store, "s1", PolicyEngine(), app="")

    # Labelled again: flows stored without findings get them, the others keep theirs.
    _forget_findings(filled_store)
    with opened(filled_store) as store:
        relabel_store(store, Enricher(labeller=Labeller(known_values=KnownValues())))  # type: ignore[arg-type]
    assert {i: r.sensitive for i, r in _stored(filled_store).items()} == kept
    counter.calls = 0
    assert _export(filled_store, tmp_path / "c.jsonl") == reference
    assert counter.calls == 0
    assert rejudged != reference  # the rejudged export did say something else


def test_a_session_of_distinct_flows_does_not_rebuild_the_literals_flow_after_flow(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every flow with a new address, event GUID or identifier used to rebuild the automaton of
    all literals (thousands) and empty the caches: 430x the unredacted export on distinct flows."""
    import ahocorasick

    builds = 0

    real = ahocorasick.Automaton

    class Counting:
        """The automaton, counting the literals added to it."""

        def __init__(self) -> None:
            self.automaton = real()

        def add_word(self, key: str, value: object) -> bool:
            nonlocal builds
            builds += 1
            return bool(self.automaton.add_word(key, value))

        def make_automaton(self) -> None:
            self.automaton.make_automaton()

        def iter(self, text: str) -> object:
            return self.automaton.iter(text)

        def __len__(self) -> int:
            return len(self.automaton)

    monkeypatch.setattr(ahocorasick, "Automaton", Counting)
    records = []
    for i in range(300):
        record = _http(
            {
                "event_id": str(uuid.UUID(int=i + 1)),
                "contact": f"user{i}.distinct@corp-example.org",
                "device_id": f"dev-{i:08d}-x",  # an identifier by its key alone
                "note": f"sent by user{i}.distinct@corp-example.org",
            }
        )
        record.labels = []  # found again: the redactor learns every flow's values
        records.append(record)
    redactor = Redactor(Pseudonymizer(KEY))
    redactor.prime(records)
    out = [redactor.redact_record(r).request.body.decode() for r in records]
    assert not any("distinct@corp-example.org" in body for body in out)
    assert not any(f"dev-{i:08d}-x" in body for i, body in enumerate(out))
    learned = len(redactor._secrets | redactor._replacements.keys())
    # Literals added to an automaton over the whole export: a few times all of them, not once
    # per flow (300 flows x ~1,000 literals).
    assert builds < 4 * learned + 2_000
