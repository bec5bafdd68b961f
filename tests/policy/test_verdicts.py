"""Verdict tables: flows of every category against every Zoom version, third parties everywhere."""

from __future__ import annotations

import pytest

from auditor.policy import PolicyEngine
from auditor.records import VERDICTS, FlowRecord
from auditor.taxonomy import CATEGORIES as TAXONOMY

from .conftest import FlowFactory, make_flow

C, V, OM, R, X = "clear", "vague", "omitted", "consent_required", "contradicted"
TOS_VERSIONS = ("2023-04-01", "2023-07-28", "2023-08-07", "2023-08-11", "2026-08-06")

# The vendor itself receiving each category, under each Zoom Terms of Service version:
# (verdict, section) per version.
ZOOM_TOS_FIRST_PARTY: dict[str, tuple[tuple[str, str], ...]] = {
    "service_generated.product_usage": ((C, "10.2"),) * 3 + ((C, "10.5"),) * 2,
    "service_generated.telemetry": ((C, "10.2"),) * 3 + ((C, "10.5"),) * 2,
    "service_generated.diagnostics": ((C, "10.2"),) * 3 + ((C, "10.5"),) * 2,
    "service_generated.performance": ((V, "10.2"),) * 3 + ((V, "10.5"),) * 2,
    "customer_content.chat": ((V, "10.4"), (V, "10.4"), (R, "10.4"), (C, "10.1"), (C, "10.1")),
    "customer_content.audio": ((V, "10.4"), (V, "10.4"), (R, "10.4"), (C, "10.2"), (C, "10.2")),
    "customer_content.video": ((V, "10.4"), (V, "10.4"), (R, "10.4"), (C, "10.2"), (C, "10.2")),
    "customer_content.files": ((C, "10.1"),) * 3 + ((C, "10.1"),) * 2,
    "customer_content.transcript": ((C, "10.1"),) * 5,
    "meeting_metadata": ((V, "10.2"),) * 3 + ((V, "10.5"),) * 2,
    "identifiers.user_id": ((C, "1.1"),) * 5,
    "identifiers.device_id": ((V, "10.2"),) * 3 + ((V, "10.5"),) * 2,
    "identifiers.session_id": ((V, "10.2"),) * 3 + ((V, "10.5"),) * 2,
    "identifiers.network_id": ((V, "10.2"),) * 3 + ((V, "10.5"),) * 2,
    "identifiers.advertising_id": ((OM, ""),) * 5,
    "contact_info.email": ((V, "1.1"),) * 5,
    "contact_info.name": ((V, "1.1"),) * 5,
    "contact_info.phone": ((V, "1.1"),) * 5,
    "device_info.os": ((V, "10.2"),) * 3 + ((V, "10.5"),) * 2,
    "device_info.hardware": ((V, "10.2"),) * 3 + ((V, "10.5"),) * 2,
    "device_info.locale": ((V, "10.2"),) * 3 + ((V, "10.5"),) * 2,
    "device_info.network": ((V, "10.2"),) * 3 + ((V, "10.5"),) * 2,
    "location.precise": ((OM, ""),) * 5,
    "location.coarse": ((V, "10.2"),) * 3 + ((V, "10.5"),) * 2,
    "credentials": ((C, "1.1"),) * 5,
    "consent_signal": ((V, "10.2"),) * 3 + ((V, "10.5"),) * 2,
}


def _one(engine: PolicyEngine, record: FlowRecord, ref: str) -> tuple[str, str, list[str], str]:
    findings = engine.evaluate_document(record, engine.get(ref), app=record.process.app)
    assert len(findings) == 1
    f = findings[0]
    return f.verdict, f.section, f.permits, f.quote


def test_table_covers_every_category() -> None:
    assert set(ZOOM_TOS_FIRST_PARTY) == set(TAXONOMY) - {"other"}


@pytest.mark.parametrize("category", sorted(ZOOM_TOS_FIRST_PARTY))
def test_zoom_terms_first_party_table(engine: PolicyEngine, category: str) -> None:
    record = make_flow([category])
    got = []
    for version in TOS_VERSIONS:
        verdict, section, _permits, quote = _one(engine, record, f"zoom/terms-of-service@{version}")
        got.append((verdict, section))
        doc = engine.get(f"zoom/terms-of-service@{version}")
        if verdict != OM:
            clause = doc.clause(section)
            assert clause is not None and quote in clause.text
        else:
            assert quote == "" and section == ""
    assert tuple(got) == ZOOM_TOS_FIRST_PARTY[category]


def test_ai_training_story_for_service_generated_data(engine: PolicyEngine) -> None:
    record = make_flow(["service_generated.telemetry"])
    early = [_one(engine, record, f"zoom/terms-of-service@{v}") for v in TOS_VERSIONS[:3]]
    for verdict, section, permits, quote in early:
        assert (verdict, section) == (C, "10.2")
        assert {"any_purpose", "ai_training", "marketing", "analytics"} <= set(permits)
        assert quote.startswith("You consent to Zoom’s access, use, collection")
        assert "machine learning or artificial intelligence" in quote
    for version in TOS_VERSIONS[3:]:
        verdict, section, permits, quote = _one(engine, record, f"zoom/terms-of-service@{version}")
        assert (verdict, section, permits) == (C, "10.5", ["vendor_owned"])
        assert "any_purpose" not in permits and "ai_training" not in permits


@pytest.mark.parametrize(
    "category", ["customer_content.audio", "customer_content.video", "customer_content.chat"]
)
def test_ai_training_story_for_audio_video_chat(engine: PolicyEngine, category: str) -> None:
    record = make_flow([category])
    v0401 = _one(engine, record, "zoom/terms-of-service@2023-04-01")
    assert v0401[0] == V and "ai_training" in v0401[2]  # licence grant 10.4, AI included
    v0807 = _one(engine, record, "zoom/terms-of-service@2023-08-07")
    assert v0807[:2] == (R, "10.4")
    assert v0807[3] == (
        "Notwithstanding the above, Zoom will not use audio, video or chat Customer Content to "
        "train our artificial intelligence models without your consent."
    )
    assert "ai_training" in v0807[2]
    for version in ("2023-08-11", "2026-08-06"):
        doc = engine.get(f"zoom/terms-of-service@{version}")
        (f,) = engine.evaluate_document(record, doc)
        assert f.verdict == C
        if category == "customer_content.chat":
            # "messages" are named in the Customer Content definition itself.
            assert (f.section, f.quote[:33]) == ("10.1", "Data, content, communications, me")
        else:
            assert f.section == "10.2"
            assert f.quote.startswith("Zoom does not use any of your audio, video, chat")
        assert "Not for: ai_training" in f.explanation
        assert "ai_training" not in f.permits
        assert "provide_service" in f.permits


def test_files_lost_ai_training_only_with_the_rewrite(engine: PolicyEngine) -> None:
    record = make_flow(["customer_content.files"])
    assert "ai_training" in _one(engine, record, "zoom/terms-of-service@2023-08-07")[2]
    assert "ai_training" not in _one(engine, record, "zoom/terms-of-service@2023-08-11")[2]


# Third-party recipients: what each pack says about them.
THIRD_PARTY_TABLE: dict[tuple[str, str, str], str] = {
    # (document@version, entity, category) -> verdict
    ("zoom/terms-of-service@2023-04-01", "Sentry", "service_generated.diagnostics"): V,
    ("zoom/terms-of-service@2023-07-28", "Sentry", "service_generated.diagnostics"): V,
    ("zoom/terms-of-service@2023-08-07", "Sentry", "service_generated.diagnostics"): V,
    ("zoom/terms-of-service@2023-08-11", "Sentry", "service_generated.diagnostics"): OM,
    ("zoom/terms-of-service@2026-08-06", "Sentry", "service_generated.diagnostics"): OM,
    ("zoom/terms-of-service@2023-04-01", "Segment", "contact_info.email"): OM,
    ("zoom/terms-of-service@2026-08-06", "Segment", "service_generated.product_usage"): OM,
    ("zoom/privacy-statement@2023-06-30", "Sentry", "service_generated.diagnostics"): V,
    ("zoom/privacy-statement@2023-08-11", "Segment", "service_generated.product_usage"): V,
    ("zoom/privacy-statement@2024-08-05", "Segment", "identifiers.device_id"): V,
    ("microsoft/privacy-statement@2024-06-25", "Sentry", "service_generated.diagnostics"): V,
    ("microsoft/services-agreement@2026-08-04", "Sentry", "service_generated.diagnostics"): OM,
    ("google/privacy-policy@2026-06-24", "Segment", "service_generated.product_usage"): V,
    ("discord/privacy-policy@2026-04-08", "Sentry", "service_generated.diagnostics"): V,
    ("discord/privacy-policy@2026-04-08", "Google", "customer_content.chat"): V,
    ("discord/privacy-policy@2026-04-08", "Stripe", "contact_info.name"): V,
    ("discord/terms-of-service@2026-04-08", "Segment", "service_generated.product_usage"): OM,
    ("discord/terms-of-service@2026-04-08", "Sentry", "customer_content.chat"): V,
    ("jitsi/privacy-policy@2025-09-23", "Sentry", "service_generated.diagnostics"): OM,
    ("jitsi/privacy-policy@2025-09-23", "Google", "device_info.os"): V,
    ("jitsi/privacy-policy@2025-09-23", "Google", "location.precise"): OM,
    ("jitsi/terms-of-service@2025-09-23", "Segment", "contact_info.name"): OM,
}


@pytest.mark.parametrize(("key", "expected"), sorted(THIRD_PARTY_TABLE.items()))
def test_third_party_recipients(
    engine: PolicyEngine, key: tuple[str, str, str], expected: str
) -> None:
    ref, entity, category = key
    doc = engine.get(ref)
    record = make_flow(
        [category], app=doc.apps[0], entity=entity, party="third", host=f"{entity.lower()}.example"
    )
    verdict, _section, _permits, _quote = _one(engine, record, ref)
    assert verdict == expected
    explanation = engine.evaluate_document(record, doc)[0].explanation
    assert entity in explanation or verdict == OM


def test_every_pack_meets_a_third_party(engine: PolicyEngine) -> None:
    covered = {key[0].split("@")[0] for key in THIRD_PARTY_TABLE}
    assert covered == {d.document for d in engine.documents()}


def test_named_recipient_is_clear_when_the_data_is_named(engine: PolicyEngine) -> None:
    # Discord names Google as a cloud provider; the data is only "information" though: vague.
    # A statement that names both is clear: Jitsi names Google/YouTube for device data broadly,
    # so we build the stricter case from Discord's vendor sentence.
    record = make_flow(
        ["service_generated.diagnostics"], app="discord", entity="Google", party="third"
    )
    f = engine.evaluate(record)[0]
    assert f.document == "discord/privacy-policy"
    assert f.verdict == V
    assert "cloud providers like Google" in f.quote


def test_microsoft_diagnostic_data_with_email_is_contradicted(engine: PolicyEngine) -> None:
    record = make_flow(
        ["service_generated.diagnostics", "contact_info.email"], app="teams", entity="Microsoft"
    )
    findings = {(f.document, f.category): f for f in engine.evaluate(record)}
    email = findings[("microsoft/privacy-statement", "contact_info.email")]
    assert email.verdict == X
    assert email.quote.startswith("This data does not include a user’s name or email address")
    diag = findings[("microsoft/privacy-statement", "service_generated.diagnostics")]
    assert diag.verdict == C
    # Without diagnostic data in the flow, an e-mail address to Microsoft is simply named.
    sign_in = make_flow(["contact_info.email"], app="teams", entity="Microsoft")
    by_doc = {f.document: f for f in engine.evaluate(sign_in)}
    assert by_doc["microsoft/privacy-statement"].verdict == C
    # The Office/Microsoft 365 sentence does not govern Skype.
    skype = make_flow(
        ["service_generated.diagnostics", "contact_info.email"], app="skype", entity="Microsoft"
    )
    assert X not in {f.verdict for f in engine.evaluate(skype)}


def test_microsoft_traffic_data_needs_consent(engine: PolicyEngine) -> None:
    record = make_flow(["meeting_metadata"], app="skype", entity="Microsoft")
    f = {f.document: f for f in engine.evaluate(record)}["microsoft/privacy-statement"]
    assert f.verdict == R
    assert f.quote.endswith("we do so with your consent.")


def test_one_finding_per_category_and_document(engine: PolicyEngine, flow: FlowFactory) -> None:
    record = flow(["service_generated.telemetry", "device_info.os", "device_info.os", "other"])
    findings = engine.evaluate(record)
    keys = [(f.document, f.category) for f in findings]
    assert sorted(keys) == sorted(
        (d, c)
        for d in ("zoom/terms-of-service", "zoom/privacy-statement")
        for c in ("service_generated.telemetry", "device_info.os")
    )
    assert {f.version for f in findings if f.document == "zoom/terms-of-service"} == {"2026-08-06"}
    assert all(f.verdict in VERDICTS for f in findings)


def test_no_labels_or_only_other_gives_no_findings(engine: PolicyEngine, flow: FlowFactory) -> None:
    assert engine.evaluate(flow([])) == []
    assert engine.evaluate(flow(["other"])) == []


def test_app_without_pack_gives_no_findings(engine: PolicyEngine, flow: FlowFactory) -> None:
    # Neither the app (Webex ships no pack) nor the recipient (Webex) has documents.
    assert engine.evaluate(flow(["device_info.os"], app="webex", entity="Cisco Webex")) == []
    assert engine.evaluate(flow(["device_info.os"], app=None, entity=None, party="unknown")) == []
    # The app argument wins over the record's process.
    assert engine.evaluate(flow(["device_info.os"], app=None, entity=None), app="meet")


def test_recipient_vendor_documents_judge_what_it_receives(
    engine: PolicyEngine, flow: FlowFactory
) -> None:
    # An imported flow with no process: Zoom receives it, so Zoom's documents govern it.
    imported = flow(["service_generated.telemetry"], app=None, entity="Zoom", party="unknown")
    by_doc = {f.document: f for f in engine.evaluate(imported, version="2023-04-01")}
    assert set(by_doc) == {"zoom/terms-of-service", "zoom/privacy-statement"}
    tos = by_doc["zoom/terms-of-service"]
    assert (tos.verdict, tos.section, tos.chosen_by) == (C, "10.2", "recipient")
    assert "unknown" not in tos.explanation  # the recipient is the document's own vendor
    # A Webex client sending to Zoom: Zoom's documents by recipient, none by app.
    webex = flow(["service_generated.telemetry"], app="webex", entity="Zoom", party="third")
    assert {f.chosen_by for f in engine.evaluate(webex)} == {"recipient"}
    webex_tos = {f.document: f for f in engine.evaluate(webex, version="2023-04-01")}
    assert (
        webex_tos["zoom/terms-of-service"].verdict,
        webex_tos["zoom/terms-of-service"].section,
    ) == (C, "10.2")
    # The Zoom client sending to Zoom: both rules chose the same documents.
    own = flow(["service_generated.telemetry"])
    assert {f.chosen_by for f in engine.evaluate(own)} == {"app+recipient"}
    # The Zoom client sending to Sentry: Zoom's documents by app; Sentry ships none.
    sentry = flow(["service_generated.diagnostics"], entity="Sentry", party="third")
    assert {(f.document, f.chosen_by) for f in engine.evaluate(sentry)} == {
        ("zoom/terms-of-service", "app"),
        ("zoom/privacy-statement", "app"),
    }
    # The Zoom client sending to Microsoft: Zoom's by app, Microsoft's by recipient, each
    # judging its own way (Microsoft is first party to its own statement).
    graph = flow(["contact_info.email"], entity="Microsoft", party="third")
    chosen = {f.document: f.chosen_by for f in engine.evaluate(graph)}
    assert chosen["zoom/terms-of-service"] == "app"
    assert chosen["microsoft/privacy-statement"] == "recipient"
    ms = next(f for f in engine.evaluate(graph) if f.document == "microsoft/privacy-statement")
    assert "third party" not in ms.explanation


def test_version_selection(engine: PolicyEngine, flow: FlowFactory) -> None:
    record = flow(["customer_content.audio"])

    def tos(version: str | None) -> str:
        return next(
            f.version
            for f in engine.evaluate(record, version=version)
            if f.document == "zoom/terms-of-service"
        )

    assert tos(None) == "2026-08-06"
    assert tos("2023-08-07") == "2023-08-07"
    assert tos("2023-08-09") == "2023-08-07"  # the version in force on that date
    assert tos("2023-05-15") == "2023-04-01"
    assert tos("2020-01-01") == "2023-04-01"  # before the first: the earliest we have
    assert tos("zoom/terms-of-service@2023-07-28") == "2023-07-28"


def test_unknown_party_is_evaluated_as_the_vendor(engine: PolicyEngine, flow: FlowFactory) -> None:
    record = flow(["service_generated.diagnostics"], entity=None, party="unknown")
    f = {f.document: f for f in engine.evaluate(record, version="2023-04-01")}[
        "zoom/terms-of-service"
    ]
    assert (f.verdict, f.section) == (C, "10.2")
    assert "unknown" in f.explanation


def test_timeline_shows_how_2023_moved_each_flow(engine: PolicyEngine) -> None:
    records = [
        make_flow(["customer_content.audio"], flow_id="a"),
        make_flow(["customer_content.audio", "service_generated.telemetry"], flow_id="b"),
        make_flow(
            ["service_generated.diagnostics"],
            entity="Sentry",
            party="third",
            host="o1.ingest.sentry.io",
            flow_id="c",
        ),
        make_flow(["other"], flow_id="d"),
        make_flow(["customer_content.audio"], app="teams", entity="Microsoft", flow_id="e"),
    ]
    rows = engine.timeline(records, "zoom/terms-of-service")
    by_key = {(r.category, r.entity): r for r in rows}
    assert set(by_key) == {
        ("customer_content.audio", "Zoom"),
        ("service_generated.telemetry", "Zoom"),
        ("service_generated.diagnostics", "Sentry"),
    }
    audio = by_key[("customer_content.audio", "Zoom")]
    assert audio.flows == 2
    assert audio.verdicts == dict(zip(TOS_VERSIONS, (V, V, R, C, C), strict=True))
    sentry = by_key[("service_generated.diagnostics", "Sentry")]
    assert sentry.verdicts == dict(zip(TOS_VERSIONS, (V, V, V, OM, OM), strict=True))
    assert "any_purpose" in by_key[("service_generated.telemetry", "Zoom")].permits["2023-04-01"]
    # A Teams flow is not judged by Zoom's terms, unless the caller says it is a Zoom flow.
    assert ("customer_content.audio", "Microsoft") in {
        (r.category, r.entity)
        for r in engine.timeline(records, "zoom/terms-of-service", app="zoom")
    }


@pytest.mark.parametrize("category", ["contact_info.name", "contact_info.email", "credentials"])
def test_what_a_person_types_to_join_is_customer_content(
    engine: PolicyEngine, category: str
) -> None:
    """A display name, e-mail or passcode sent with the meeting number (a join form) stands
    beside the Customer Content definition under every version; alone (account sign-up, a token)
    it stays with registration (§1.1, the table above)."""
    join = make_flow(["meeting_metadata", category])
    for version in TOS_VERSIONS:
        doc = engine.get(f"zoom/terms-of-service@{version}")
        by_cat = {f.category: f for f in engine.evaluate_document(join, doc, app="zoom")}
        f = by_cat[category]
        assert (f.verdict, f.section) == (C, "10.1"), version
        clause = doc.clause("10.1")
        assert clause is not None and f.quote in clause.text
        assert "Customer Content" in f.quote
        assert "(Customer Content)" in f.explanation
        alone = engine.evaluate_document(make_flow([category]), doc, app="zoom")[0]
        assert alone.section == "1.1"


def test_explanations_name_the_concept_of_their_clause(engine: PolicyEngine) -> None:
    telemetry = make_flow(["service_generated.telemetry"])
    early = engine.evaluate_document(telemetry, engine.get("zoom/terms-of-service@2023-04-01"))[0]
    assert early.explanation.startswith("§10.2 (Service Generated Data; Consent to Use) names")
    late = engine.evaluate_document(telemetry, engine.get("zoom/terms-of-service@2026-08-06"))[0]
    assert "Service Generated Data" in late.explanation
    chat = make_flow(["customer_content.chat"])
    consent = engine.evaluate_document(chat, engine.get("zoom/terms-of-service@2023-08-07"))[0]
    assert consent.verdict == R and "Customer" in consent.explanation
