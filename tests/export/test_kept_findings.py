"""The labeller's field findings kept with a stored flow (`FlowRecord.sensitive`): set when a flow
is labelled, stored inside the encrypted record and never exported, and what redaction then uses
instead of decoding and detecting the flow again."""

from __future__ import annotations

import json

from auditor.enrich import Enricher
from auditor.export.redact import REDACTED, Pseudonymizer, Redactor
from auditor.label import KnownValues, Labeller
from auditor.label.findings import FieldFinder, kept_fields
from auditor.records import FlowRecord, SensitiveFields, to_spec_dict
from auditor.store import codec
from tests.export.samples import API_KEY, BEARER, PASSWORD, make_records
from tests.tflow import tflow, treq

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
