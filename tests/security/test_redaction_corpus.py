"""Property over the whole labelled corpus (tests/label/corpus: real SDK runs recorded through the
proxy and hand-built flows): for every value the labeller flags `credentials`, no default output
of any kind holds it raw, base64 (standard or URL-safe) or percent-encoded; identifier and
contact values appear only as pseudonyms."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from mitmproxy import io as mitm_io

from auditor.export.redact import Pseudonymizer, Redactor
from auditor.label import Labeller
from auditor.label.findings import FieldFinder
from auditor.records import FlowRecord, from_spec_dict
from auditor.vocabulary import CRED
from tests.security.outputs import default_outputs, expose, leaks

CORPUS = Path(__file__).resolve().parents[1] / "label" / "corpus"
KEY = b"corpus-redaction-test-key-012345"
# Shorter values are removed where they sit but not searched for in whole files: three letters
# occur by chance in any output.
MIN_LEN = 6


def _labelled(*names: str) -> list[FlowRecord]:
    labeller = Labeller()
    records = []
    for name in names:
        for line in (CORPUS / name).read_text(encoding="utf-8").splitlines():
            record = from_spec_dict(json.loads(line))
            result = labeller.label(record)
            record.labels, record.entity = result.labels, result.entity
            records.append(record)
    return records


@pytest.fixture(scope="module")
def corpus() -> list[FlowRecord]:
    return _labelled("flows.jsonl", "heldout.jsonl")


def _values(records: list[FlowRecord]) -> tuple[set[str], set[str]]:
    finder = FieldFinder()
    secrets: set[str] = set()
    identifiers: set[str] = set()
    for record in records:
        found = finder.find(record)
        secrets |= found.secrets
        identifiers |= found.identifiers
    return secrets, identifiers


def test_finder_sees_every_credential_the_labeller_labels(corpus: list[FlowRecord]) -> None:
    """The findings redaction uses are the labeller's: each credential it gives as evidence is
    among them (evidence keeps a few per label; the finder keeps every one)."""
    finder = FieldFinder()
    checked = 0
    for record in corpus:
        found = finder.find(record)
        where = {" › ".join(p) for p in found.secret_paths}
        for label in record.labels:
            if label.category != CRED:
                continue
            for ev in label.evidence:
                if ev.rule.startswith("detector."):
                    assert ev.where in where, (record.id, ev)
                    checked += 1
    assert checked >= 30


def test_no_default_output_holds_a_credential_or_a_raw_identifier(
    corpus: list[FlowRecord], tmp_path: Path
) -> None:
    secrets, identifiers = _values(corpus)
    secrets = {s for s in secrets if len(s.strip()) >= MIN_LEN}
    assert len(secrets) >= 40, "the corpus should hold many kinds of credentials"
    outputs = default_outputs(corpus, Redactor(Pseudonymizer(KEY)), tmp_path)
    assert leaks(outputs, secrets) == set()

    # Identifiers: only pseudonyms. Server names are what an export is about and stay, so values
    # that are part of a host name, and numbers (which match timestamps and sizes), are not
    # searched for.
    hosts = " ".join(r.host or "" for r in corpus).lower()
    searched = {
        i
        for i in identifiers
        if len(i) >= MIN_LEN and re.search(r"[A-Za-z]", i) and i.lower() not in hosts
    }
    assert len(searched) >= 40
    assert leaks(outputs, searched) == set()
    # Still a useful export: flows, hosts and pseudonyms are there.
    assert "telemetry.zoom.us" in outputs["har"]
    assert "@pseudonym.invalid" in expose(outputs["jsonl"])


CORPUS_SETS = sorted(path.name for path in CORPUS.glob("*.jsonl"))


@pytest.mark.parametrize("name", CORPUS_SETS)
def test_each_corpus_set_exported_alone_leaks_nothing(name: str, tmp_path: Path) -> None:
    """Both halves of the property over every set in tests/label/corpus (each exported on its
    own, as a capture of its own): no credential in any form, no identifier in clear. Causes
    fixed (issue 13t): a first name inside an id built from it (`cont_…Ingrid0001`), ids in
    protobuf followed by a tag byte that is a letter or digit, names in base64 text fields."""
    records = _labelled(name)
    secrets, identifiers = _values(records)
    hosts = " ".join(r.host or "" for r in records).lower()
    # Credentials that are a label of a server name (Mux's env key as the subdomain of
    # litix.io, heldout7) are searched for too: the host names are redacted (issue 13u).
    secrets = {s for s in secrets if len(s.strip()) >= MIN_LEN}
    searched = {
        i
        for i in identifiers
        if len(i) >= MIN_LEN and re.search(r"[A-Za-z]", i) and i.lower() not in hosts
    }
    assert secrets or searched, "each set holds something to redact"
    outputs = default_outputs(records, Redactor(Pseudonymizer(KEY)), tmp_path)
    assert leaks(outputs, secrets) == set()
    assert leaks(outputs, searched) == set()


def test_a_credential_in_a_host_name_is_removed_from_the_host(tmp_path: Path) -> None:
    """heldout7's Mux beacons go to `<env key>.litix.io` and the labeller finds the env key
    (`ake`) in their bodies: the key was kept in every output's host name (issue 13t). Now the
    label is `redacted` wherever the host is named (URL, request host, TLS server name, server
    address) and the host stays a valid name; the entity is the labeller's, from the original."""
    records = _labelled("heldout7.jsonl")
    secrets, _ = _values(records)
    hosts = {(r.host or "").lower() for r in records}
    in_host = {
        s for s in secrets if len(s.strip()) >= MIN_LEN and any(s.lower() in h for h in hosts)
    }
    assert in_host
    outputs = default_outputs(records, Redactor(Pseudonymizer(KEY)), tmp_path)
    assert leaks(outputs, in_host) == set()
    for name in ("har", "mitm", "jsonl", "parquet", "flows-jsonl-bodies-False", "report-html"):
        assert "redacted.litix.io" in outputs[name], name
    # Every other host name stays as it was (precision): no other label is a credential.
    others = {h for h in hosts if not any(s.lower() in h for s in in_host)}
    assert others and all(h in outputs["har"] for h in others)
    har = json.loads(outputs["har"])
    mux = [e for e in har["log"]["entries"] if "litix.io" in e["request"]["url"]]
    assert mux and all(e["_auditor"]["entity"]["name"] == "Mux" for e in mux)
    for entry in mux:
        assert entry["request"]["url"].startswith("https://redacted.litix.io/")
        assert entry["_auditor"]["sni"] == "redacted.litix.io"
        assert entry["_auditor"]["server_addr"][0] == "redacted.litix.io"
    with (tmp_path / "o.mitm").open("rb") as fh:
        flows = [f for f in mitm_io.FlowReader(fh).stream() if f.type == "http"]
    mux_flows = [f for f in flows if f.request.host.endswith("litix.io")]
    assert mux_flows
    for flow in mux_flows:
        assert flow.request.host == "redacted.litix.io"
        assert flow.request.pretty_url.startswith("https://redacted.litix.io/")
        assert flow.server_conn.address[0] == "redacted.litix.io"
        assert flow.server_conn.sni == "redacted.litix.io"


def test_no_default_output_holds_a_credential_of_a_later_set(tmp_path: Path) -> None:
    """The credentials property over heldout14 (issue 15o): its API-analytics write key is a
    two-segment signed token in a custom `…-Application-Id` header, kept in clear before."""
    records = _labelled("heldout14.jsonl")
    secrets, _ = _values(records)
    secrets = {s for s in secrets if len(s.strip()) >= MIN_LEN}
    assert any(s.startswith("eyJ") and s.count(".") == 1 for s in secrets)
    outputs = default_outputs(records, Redactor(Pseudonymizer(KEY)), tmp_path)
    assert leaks(outputs, secrets) == set()
