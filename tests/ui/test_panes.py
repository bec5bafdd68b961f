"""Detail and policy panes, fed by the real decoders and policy engine (demo flows)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from auditor.decode import decode_flow
from auditor.paths import DataDir
from auditor.records import VERDICTS, FlowRecord
from auditor.store import FlowQuery, open_store
from ui.detail import DetailPane, FieldRole, marks_for_field
from ui.hexview import hexdump, looks_binary
from ui.policypane import PolicyPane, PolicyVersions, clause_html, highlight_spans
from ui.qt import QPalette


def demo_flow(root: Path, host_part: str, nth: int = 0) -> FlowRecord:
    with open_store(DataDir(root), readonly=True) as store:
        rows = [
            s
            for s in store.query_flows(FlowQuery(session="demo"), limit=100)
            if s.kind == "http" and host_part in (s.host or "")
        ]
        record = store.get_flow(rows[nth].id)
    assert record is not None
    return record


def test_detail_shows_headers_fields_and_highlights_evidence(qtbot: QtBot, demo_dir: Path) -> None:
    record = demo_flow(demo_dir, "sentry")
    pane = DetailPane()
    qtbot.addWidget(pane)
    pane.set_flow(record, decode_flow(record))
    assert "sentry.io" in pane.title.toolTip()
    assert "Sentry (third party)" in pane.subtitle.text()
    # Every label is listed with its evidence.
    top = [
        pane.labels_tree.topLevelItem(i).text(0)
        for i in range(pane.labels_tree.topLevelItemCount())
    ]
    assert "contact info › email" in top
    # The decoded field that carries the email is highlighted as evidence for it.
    highlighted = pane.highlighted_fields()
    assert any(w.endswith("user › email") for w in highlighted), highlighted
    email_item = next(i for i in pane._field_items if i.data(0, FieldRole).endswith("user › email"))
    assert "email" in email_item.text(2)
    assert email_item.background(1).color() != pane.palette().color(QPalette.ColorRole.Base)
    # Choosing the field shows its decoding chain.
    pane.fields_tree.setCurrentItem(email_item)
    assert pane.chain.text().startswith("Decoding chain: body › ")
    # Credential headers are hidden until asked for.
    headers = {
        pane.request.headers.topLevelItem(i).text(0): pane.request.headers.topLevelItem(i).text(1)
        for i in range(pane.request.headers.topLevelItemCount())
    }
    assert headers["x-sentry-auth"] == "[redacted]"
    pane.reveal.setChecked(True)
    revealed = [
        pane.request.headers.topLevelItem(i).text(1)
        for i in range(pane.request.headers.topLevelItemCount())
        if pane.request.headers.topLevelItem(i).text(0) == "x-sentry-auth"
    ]
    assert revealed[0].startswith("Sentry sentry_version=7")
    pane.set_flow(None, None)
    assert pane.fields_tree.topLevelItemCount() == 0


def test_detail_opens_binary_bodies_in_hex(qtbot: QtBot, demo_dir: Path) -> None:
    record = demo_flow(demo_dir, "zoom.us")  # the protobuf config answer is the first request
    assert record.response is not None and looks_binary(record.response.body)
    pane = DetailPane()
    qtbot.addWidget(pane)
    pane.set_flow(record, decode_flow(record))
    assert pane.hex_source.currentText().startswith("Response body")
    assert pane.hex.toPlainText().splitlines()[0].startswith("00000000  0a 0a 36 2e")


def test_detail_of_a_failed_tls_connection(qtbot: QtBot, demo_dir: Path) -> None:
    with open_store(DataDir(demo_dir), readonly=True) as store:
        summary = store.query_flows(FlowQuery(session="demo", kind="tls_failed"))[0]
        record = store.get_flow(summary.id)
    assert record is not None
    pane = DetailPane()
    qtbot.addWidget(pane)
    pane.set_flow(record, decode_flow(record))
    assert pane.title.text() == "TLS handshake refused: xmpp.zoom.us"
    facts = {pane.connection.topLevelItem(i).text(0): pane.connection.topLevelItem(i).text(1)
             for i in range(pane.connection.topLevelItemCount())}  # fmt: skip
    assert "unknown_ca" in facts["Error"]
    assert pane.hex.toPlainText() == "This flow has no body."


def test_hexdump_layout() -> None:
    dump = hexdump(bytes(range(20)) + b"AB")
    lines = dump.splitlines()
    assert (
        lines[0] == "00000000  00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f  |................|"
    )
    assert lines[1].startswith("00000010  10 11 12 13 41 42") and lines[1].endswith("|....AB|")
    assert "more bytes not shown" in hexdump(b"x" * 100, limit=32)
    assert not looks_binary(b'{"a": "caf\xc3\xa9"}')


def test_evidence_locations_match_fields() -> None:
    from ui.detail import EvidenceMark

    marks = [
        EvidenceMark(
            "contact_info.email", "r", "body › envelope item 1 › event › user › email", "x"
        )
    ]
    assert marks_for_field("body › envelope item 1 › event › user › email", marks)
    assert not marks_for_field("body › envelope item 1 › event › user › id", marks)


def test_policy_pane_highlights_the_clause_and_switches_versions(
    qtbot: QtBot, demo_dir: Path
) -> None:
    from auditor.policy import PolicyEngine

    record = demo_flow(demo_dir, "telemetry.zoom.us")
    engine = PolicyEngine()
    findings = engine.evaluate(record, app="zoom")
    assert findings
    docs = {(d.document, d.version): d for d in engine.documents()}
    texts = {}
    for f in findings:
        clause = docs[(f.document, f.version)].clause(f.section) if f.section else None
        if clause is not None:
            texts[(f.document, f.version, f.section)] = clause.text
    pane = PolicyPane()
    qtbot.addWidget(pane)
    versions = sorted(
        {d.version for d in engine.documents() if d.document == "zoom/terms-of-service"},
        reverse=True,
    )
    pane.set_versions(
        PolicyVersions({"zoom/terms-of-service": "Terms"}, {"zoom/terms-of-service": versions})
    )
    # Each entry names one document and one version.
    assert [pane.version.itemText(i) for i in range(1, pane.version.count())] == [
        f"Terms · {v}" for v in versions
    ]
    pane.set_findings(record, findings, texts)
    assert pane.list.count() == len(pane.groups) >= 1
    worst = max(VERDICTS.index(f.verdict) for f in findings)
    assert pane.groups[0].verdict == VERDICTS[worst]
    html = pane.clause.toHtml()
    highlight = pane.palette().color(QPalette.ColorRole.Highlight).name()
    assert highlight in html  # the relevant words are marked in the palette's highlight colour
    assert "Permits:" in pane.clause.toPlainText()
    ref = f"zoom/terms-of-service@{versions[-1]}"
    with qtbot.waitSignal(pane.versionRequested) as blocker:
        pane.version.setCurrentIndex(pane.version.findData(ref))
    assert blocker.args == [ref]
    from ui.flowdetail import findings_under as _findings_under

    older = _findings_under(engine, record, ref)
    assert older
    pane.set_findings(record, older, texts)
    # The pane shows the version the switch names, of the document it names, nothing else.
    assert {(g.document, g.version) for g in pane.groups} == {
        ("zoom/terms-of-service", versions[-1])
    }
    # A bare date (the settings' default) is the version in force on that date, per document.
    dated = _findings_under(engine, record, "2023-08-09")
    assert {(f.document, f.version) for f in dated} == {
        ("zoom/terms-of-service", "2023-08-07"),
        ("zoom/privacy-statement", "2023-06-30"),
    }


def test_clause_text_renders_its_markdown(qtbot: QtBot) -> None:
    from auditor.policy import PolicyEngine

    doc = PolicyEngine().get("zoom/terms-of-service@2023-04-01")
    clause = doc.clause("10.1")
    assert clause is not None and "**Customer Content**" in clause.text
    quote = clause.statements[0].quote
    assert "**" in quote  # quotes stay verbatim, markup included
    html = clause_html(clause.text, [quote], ["customer content"], QPalette())
    assert "**" not in html
    assert "<b>Customer Input</b>" in html
    assert "text-decoration: underline" in html  # the quote is still found and underlined
    pane = PolicyPane()
    qtbot.addWidget(pane)
    browser = pane.clause
    browser.setHtml(html)
    plain = browser.toPlainText()
    assert "**" not in plain and "“Customer Content”" in plain
    md = "## Heading\n- first [link text](https://example.com/x) item\n- **second**"
    rendered = clause_html(md, "", [], QPalette())
    assert "##" not in rendered and "](" not in rendered and "https://example.com" not in rendered
    assert "• first link text item" in rendered and "<b>Heading</b>" in rendered


def test_clause_highlighting_is_exact() -> None:
    text = "Telemetry data, product usage data, diagnostic data are Service Generated Data."
    spans = highlight_spans(text, "product usage data", ["telemetry", "service generated data"])
    kinds = [(text[s.start : s.end], s.kind) for s in spans]
    assert ("Telemetry", "word") in kinds
    assert ("product usage data", "quote") in kinds
    assert ("Service Generated Data", "word") in kinds
    html = clause_html("a < b & telemetry", "", ["telemetry"], QPalette())
    assert "a &lt; b &amp; " in html and ">telemetry</span>" in html


@pytest.mark.parametrize("empty", [True, False])
def test_policy_pane_without_findings_says_why(qtbot: QtBot, demo_dir: Path, empty: bool) -> None:
    pane = PolicyPane()
    qtbot.addWidget(pane)
    with open_store(DataDir(demo_dir), readonly=True) as store:
        dns = store.query_flows(FlowQuery(session="demo", kind="dns"))[0]
        record = store.get_flow(dns.id) if not empty else None
    pane.set_findings(record, [])
    text = pane.clause.toPlainText()
    assert ("Select a flow" in text) if empty else ("no labelled data" in text)
