"""The redactor's output says what it is (`RedactedFlowRecord`), so the JSONL record of a redacted
flow does not mask its credential headers, URL credentials and command line a second time. That
is only sound while the masking changes nothing in what the redactor gives back: checked here
over the export samples, the labelled corpus and URLs whose secret keys are spelled oddly."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.export.redact import _GUID_RE, Pseudonymizer, Redactor, _LiteralIndex, _Shapes
from auditor.label import Labeller
from auditor.records import (
    REDACTED,
    FlowRecord,
    RedactedFlowRecord,
    copy_record,
    from_spec_dict,
    to_spec_dict,
)
from tests.export.samples import make_records
from tests.tflow import tflow, tprocess, treq

CORPUS = Path(__file__).resolve().parents[1] / "label" / "corpus"
KEY = b"redacted-record-test-key-0123456"
SECRET = "Zx81kQ0pLmN3vB7t"


def _odd_spellings() -> list[FlowRecord]:
    """Secret keys as the masker reads them (raw) and as the redactor does (decoded)."""
    queries = [
        f"api%5Fkey={SECRET}",
        f"access+token={SECRET}",
        f"pass%77ord={SECRET}",
        f"Token={SECRET}&x=1",
        f"token={SECRET};sid=2",
        f"sentry_key={SECRET}&sentry_key={SECRET}",
        f"a=1&&token={SECRET}&",
        f"token&password={SECRET}",
        f"client_secret={SECRET}#access_token={SECRET}",
    ]
    records = []
    for n, query in enumerate(queries):
        url = f"https://user:{SECRET}@api.example.net/v1/x?{query}"
        request = treq(
            url,
            headers=[
                ("Authorization", f"Bearer {SECRET}"),
                ("X-Api-Key", SECRET),
                ("Cookie", f"sid={SECRET}"),
                (":path", f"/v1/x?{query}"),
            ],
        )
        request.path = f"/v1/x?{query}"
        process = tprocess(cmdline=["/opt/zoom/zoom", f"--token={SECRET}", "--type=renderer"])
        records.append(tflow(id=f"{n:032x}", req=request, process=process))
    return records


@pytest.fixture(scope="module")
def records() -> list[FlowRecord]:
    labeller = Labeller()
    out = make_records("fixed") + _odd_spellings()
    for name in ("flows.jsonl", "heldout.jsonl", "heldout2.jsonl"):
        for line in (CORPUS / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = from_spec_dict(json.loads(line))
                result = labeller.label(record)
                record.labels, record.entity = result.labels, result.entity
                out.append(record)
    return out


def test_masking_changes_nothing_in_the_redactors_output(records: list[FlowRecord]) -> None:
    redactor = Redactor(Pseudonymizer(KEY))
    redactor.prime(records)
    for record in records:
        redacted = redactor.redact_record(record)
        assert isinstance(redacted, RedactedFlowRecord)
        as_plain = copy_record(redacted)  # a plain FlowRecord: masked as before
        assert type(as_plain) is FlowRecord
        masked = to_spec_dict(as_plain, redact_credentials=True, include_bodies=True)
        written = to_spec_dict(redacted, redact_credentials=True, include_bodies=True)
        assert written == masked, record.id
        assert SECRET not in json.dumps(written)


def test_a_flow_not_from_the_redactor_is_still_masked() -> None:
    record = _odd_spellings()[3]
    spec = to_spec_dict(record, redact_credentials=True)
    assert spec["request"]["headers"][0] == ["Authorization", REDACTED]
    assert SECRET not in spec["request"]["url"]
    assert spec["process"]["cmdline"][1] == REDACTED


# The searches redaction makes in every text, against the plain regex they stand for.
_GUIDISH = st.text(alphabet="0123456789abcdefABCDEFxyz-é€ \x00", max_size=120)


@settings(max_examples=400, deadline=None)
@given(text=_GUIDISH, guid=st.uuids(), pos=st.integers(0, 130), where=st.integers(0, 120))
def test_guid_search_is_the_regex_search(text: str, guid: object, pos: int, where: int) -> None:
    text = text[:where] + str(guid) + text[where:]
    for probe in (text, text + "é"):  # ASCII and not
        found = _Shapes(probe)._guid(pos)
        match = _GUID_RE.search(probe, pos)
        assert found == ((match.start(), match.end()) if match is not None else None)


@settings(max_examples=300, deadline=None)
@given(literal=st.text(alphabet="ab1Z-_.%=é ", min_size=1, max_size=24))
def test_a_literal_is_indexed_by_its_first_longest_run(literal: str) -> None:
    index = _LiteralIndex()
    index.add(literal)
    runs = list(re.finditer(r"[A-Za-z0-9]+", literal))
    if not runs:
        assert index.without_run == {literal}
        return
    run = max(runs, key=lambda m: len(m.group(0)))
    ((word, shapes),) = index.by_run.values()
    assert word == run.group(0)
    assert shapes == {(run.start(), len(literal)): {literal}}
    assert list(index.find(f" {literal} ")) == [(1, literal)]
