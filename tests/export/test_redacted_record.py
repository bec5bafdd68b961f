"""The redactor's output says what it is (`RedactedFlowRecord`), so the JSONL record of a redacted
flow does not mask its credential headers, URL credentials and command line a second time. That
is only sound while the masking changes nothing in what the redactor gives back: checked here
over the export samples, the labelled corpus and URLs whose secret keys are spelled oddly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor.export.redact import Pseudonymizer, Redactor
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
