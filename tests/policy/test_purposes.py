"""The purpose answer over the demo meeting: Zoom's 2023 sequence version by version, every figure
checked against findings the engine makes independently, consent as the client reported it."""

from __future__ import annotations

import dataclasses

import pytest

from auditor.demo import DEMO_HAR
from auditor.enrich import Enricher
from auditor.importers import iter_records
from auditor.label import KnownValues, Labeller
from auditor.policy import PolicyEngine
from auditor.policy.purposes import (
    AppAnswer,
    answer_purposes,
    consent_value,
    finding_purposes,
    sent_bytes,
)
from auditor.records import Evidence, FlowRecord, Label

TODAY = "2026-12-07"
AUDIO = "customer_content.audio"


@pytest.fixture(scope="module")
def demo_records(engine: PolicyEngine) -> list[FlowRecord]:
    enricher = Enricher(labeller=Labeller(known_values=KnownValues()), policy_engine=engine)
    return [enricher.enrich(r) for r in iter_records(DEMO_HAR, session="demo", fmt="har")]


@pytest.fixture(scope="module")
def zoom(demo_records: list[FlowRecord], engine: PolicyEngine) -> AppAnswer:
    return answer_purposes(demo_records, engine, today=TODAY).session("demo").app("zoom")


def _bucket_ids(app: AppAnswer, date: str, purpose: str, status: str) -> set[str]:
    bucket = app.version(date).row(purpose).bucket(status)
    return set(bucket.flow_ids) if bucket else set()


def test_figures_agree_with_the_engines_findings(
    demo_records: list[FlowRecord], engine: PolicyEngine, zoom: AppAnswer
) -> None:
    """For every dated version: the flows the answer says may be used for a purpose (freely or
    with consent) are exactly those with a finding that permits it, and the bytes add up."""
    flows = [r for r in demo_records if r.process.app == "zoom" and r.policy]
    # 14: a flow whose only finding came from its `:authority` pseudo-header, once mislabelled a
    # credential, has none (issue 13).
    assert zoom.flows == len(flows) == 14
    for version in zoom.versions:
        for purpose in ("ai_training", "marketing", "any_purpose"):
            expected = set()
            for record in flows:
                findings = engine.evaluate(record, app="zoom", version=version.date)
                if purpose in finding_purposes(findings):
                    expected.add(record.id)
            row = version.row(purpose)
            got = _bucket_ids(zoom, version.date, purpose, "allowed") | _bucket_ids(
                zoom, version.date, purpose, "consent"
            )
            assert got == expected, (version.date, purpose)
            for bucket in row.buckets:
                by_id = {r.id: r for r in flows}
                assert bucket.bytes == sum(sent_bytes(by_id[i]) for i in bucket.flow_ids)
                assert bucket.flows == len(bucket.flow_ids)


def test_2023_07_28_allowed_ai_training_for_any_purpose(zoom: AppAnswer) -> None:
    v = zoom.version("2023-07-28")
    assert [d.document + "@" + d.version for d in v.documents] == [
        "zoom/privacy-statement@2023-06-30",
        "zoom/terms-of-service@2023-07-28",
    ]
    ai = v.row("ai_training")
    allowed = ai.bucket("allowed")
    assert allowed is not None and ai.bucket("consent") is None and ai.bucket("denied") is None
    assert {AUDIO, "service_generated.product_usage", "service_generated.performance"} <= set(
        allowed.categories
    )
    refs = {(c.document, c.version, c.section) for c in allowed.clauses}
    assert ("zoom/terms-of-service", "2023-07-28", "10.2") in refs
    sgd = next(c for c in allowed.clauses if c.section == "10.2")
    assert "Service Generated Data for any purpose" in sgd.quote
    assert "artificial intelligence" in sgd.quote
    assert "may be used for AI training" in ai.summary


def test_2023_08_07_put_audio_behind_consent(zoom: AppAnswer) -> None:
    v = zoom.version("2023-08-07")
    consent = v.row("ai_training").bucket("consent")
    assert consent is not None and consent.categories == [AUDIO]
    assert consent.flows == 5
    (ref,) = consent.clauses
    assert (ref.document, ref.version, ref.section) == (
        "zoom/terms-of-service",
        "2023-08-07",
        "10.4",
    )
    assert ref.quote.startswith("Notwithstanding the above, Zoom will not use audio, video or chat")
    # Service Generated Data stays usable for AI training: the consent sentence does not cover it.
    allowed = v.row("ai_training").bucket("allowed")
    assert allowed is not None and AUDIO not in allowed.categories
    assert "service_generated.product_usage" in allowed.categories
    assert any("only with consent" in c and "audio" in c for c in v.changes)
    # The audio flows left "allowed" for "only with consent".
    assert _bucket_ids(zoom, "2023-08-07", "ai_training", "consent") <= _bucket_ids(
        zoom, "2023-07-28", "ai_training", "allowed"
    )


def test_2023_08_11_rules_audio_out_and_moves_sgd_to_ownership(zoom: AppAnswer) -> None:
    v = zoom.version("2023-08-11")
    ai = v.row("ai_training")
    denied = ai.bucket("denied")
    assert denied is not None and denied.categories == [AUDIO]
    refs = {(c.document, c.section) for c in denied.clauses}
    assert ("zoom/terms-of-service", "10.2") in refs
    assert all("does not use" in c.quote for c in denied.clauses)
    assert ai.bucket("allowed") is None and ai.bucket("consent") is None
    owned = ai.bucket("owned")
    assert owned is not None and "service_generated.product_usage" in owned.categories
    (ref,) = owned.clauses
    assert (ref.version, ref.section) == ("2023-08-11", "10.5")  # moved from 10.2
    assert "owns all rights" in ref.quote


def test_the_terms_in_force_today(zoom: AppAnswer) -> None:
    today = zoom.version()
    assert today.in_force and today.date == "2026-08-06" and today.stored
    assert [v.date for v in zoom.versions if v.in_force] == ["2026-08-06"]
    assert _bucket_ids(zoom, "2026-08-06", "ai_training", "denied") == _bucket_ids(
        zoom, "2023-08-11", "ai_training", "denied"
    )
    # An older date answers under the versions in force then.
    assert zoom.version("2023-08-09").date == "2023-08-07"


def test_consent_reported_by_the_client(
    demo_records: list[FlowRecord], engine: PolicyEngine
) -> None:
    teams = answer_purposes(demo_records, engine, today=TODAY).session("demo").app("teams")
    assert teams.consent and {c.value for c in teams.consent} == {"granted"}
    assert teams.without_consent == []
    # The same Zoom flows, with the client's data-collection flag off before they were sent.
    zoom_flows = [dataclasses.replace(r) for r in demo_records if r.process.app == "zoom"]
    first = min(zoom_flows, key=lambda r: r.ts)
    first.labels = [
        *first.labels,
        Label("consent_signal", [Evidence("detector.consent_key", "body › dataCollectionFlag", "dataCollectionFlag=0")]),
    ]  # fmt: skip
    zoom = answer_purposes(zoom_flows, engine, today=TODAY).session("demo").app("zoom")
    assert [c.value for c in zoom.consent] == ["refused"]
    assert len(zoom.without_consent) == zoom.flows
    consent = zoom.version("2023-08-07").row("ai_training").bucket("consent")
    assert consent is not None and sorted(consent.without_consent) == sorted(consent.flow_ids)


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("userConsent=True", "granted"),
        ("dataCollectionFlag=1", "granted"),
        ("dataCollectionFlag=0", "refused"),
        ("userConsent=false", "refused"),
        ("consent=***", "unknown"),
        ("", "unknown"),
    ],
)
def test_consent_values(raw: str, value: str) -> None:
    assert consent_value(raw) == value


def test_json_carries_flow_ids_and_clauses(zoom: AppAnswer) -> None:
    data = zoom.to_json()
    v = next(x for x in data["versions"] if x["date"] == "2023-08-07")
    ai = next(p for p in v["purposes"] if p["purpose"] == "ai_training")
    consent = next(b for b in ai["buckets"] if b["status"] == "consent")
    assert len(consent["flow_ids"]) == 5
    assert consent["clauses"][0]["section"] == "10.4"
