"""The people issue 15bm's labels name are pseudonymised in exports, by the one vocabulary the
labeller reads: a FHIR reference to a patient or a clinician, a FHIR HumanName's parts, a
member's id under a role (`attendee_member_id`) and the `Api-Username` a call is made as."""

from __future__ import annotations

import json

from auditor.export.redact import Pseudonymizer, Redactor

KEY = b"k" * 32


def _redactor() -> Redactor:
    return Redactor(Pseudonymizer(KEY))


def test_fhir_references_to_people_and_human_names_are_pseudonymised() -> None:
    body = {
        "resourceType": "Bundle",
        "entry": [
            {
                "resource": {
                    "resourceType": "Encounter",
                    "subject": {"reference": "Patient/12724066"},
                    "participant": [{"individual": {"reference": "Practitioner/4122630"}}],
                }
            },
            {
                "resource": {
                    "resourceType": "Patient",
                    "name": [{"family": "Nwachukwu", "given": ["Ifeoma"]}],
                }
            },
        ],
    }
    redacted = json.dumps(_redactor().redact_json(json.dumps(body)))
    for clear in ("Patient/12724066", "Practitioner/4122630", "Nwachukwu", "Ifeoma"):
        assert clear not in redacted, clear
    assert "Encounter" in redacted


def test_role_named_member_ids_and_the_acting_username_are_pseudonymised() -> None:
    url = "https://api.example.org/2/checkin?event_id=304118552&attendee_member_id=287440913"
    redacted = _redactor().redact_url(url)
    assert "287440913" not in redacted
    assert "event_id=304118552" in redacted
    pairs = _redactor().redact_pairs([("Api-Username", "lesieli.havili"), ("Accept", "*/*")])
    assert pairs[0][1] != "lesieli.havili"
    assert pairs[1] == ("Accept", "*/*")
