"""An imported Zoom capture (a HAR: no process, no app) judged against Zoom's terms, every flow.

Whoever receives the data decides whose terms apply: what Zoom receives is governed by Zoom's
documents whichever client sent it. Service Generated Data (Snowplow telemetry, a log upload) stands
beside the Service Generated Data clause (10.2, from 2023-08-11 10.5); what a person types or
uploads (chat, a cloud recording) beside the Customer Content clauses (10.1/10.4, the 2023-08-07
consent sentence). Then `--app` and `auditor policy rejudge` on the stored session.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest

from auditor.paths import DataDir
from auditor.policy import PolicyEngine
from auditor.records import from_spec_dict
from tests.helpers.cli import main_in_process

TOS = "zoom/terms-of-service"
TOS_VERSIONS = ("2023-04-01", "2023-07-28", "2023-08-07", "2023-08-11", "2026-08-06")

SNOWPLOW = {
    "schema": "iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4",
    "data": [
        {
            "e": "ue",
            "tv": "js-3.5.0",
            "aid": "zoom-web",
            "p": "web",
            "duid": "5f0d5a0e-6a3b-4e4c-9a4e-2d8f3b1c0a9e",
            "sid": "8c2e6a3f-1b4d-4f9a-a0b3-6e5c7d8f9a0b",
            "ue_px": base64.urlsafe_b64encode(
                json.dumps(
                    {
                        "schema": "iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0",
                        "data": {"schema": "iglu:us.zoom/click/jsonschema/1-0-0", "data": {}},
                    }
                ).encode()
            ).decode(),
        }
    ],
}


def _entry(
    url: str, *, method: str = "POST", mime: str = "application/json", text: str = ""
) -> dict[str, Any]:
    return {
        "startedDateTime": "2026-11-22T10:00:00.000Z",
        "time": 10,
        "request": {
            "method": method,
            "url": url,
            "httpVersion": "HTTP/1.1",
            "headers": [{"name": "Content-Type", "value": mime}],
            "queryString": [],
            "cookies": [],
            "headersSize": -1,
            "bodySize": len(text),
            "postData": {"mimeType": mime, "text": text},
        },
        "response": {
            "status": 200,
            "statusText": "OK",
            "httpVersion": "HTTP/1.1",
            "headers": [],
            "cookies": [],
            "content": {"size": 0, "mimeType": "application/json", "text": ""},
            "redirectURL": "",
            "headersSize": -1,
            "bodySize": 0,
        },
        "cache": {},
        "timings": {"send": 1, "wait": 8, "receive": 1},
    }


# url -> the Zoom ToS sections expected under each version (one per data category the flow
# carries that names the concept: Service Generated Data or Customer Content).
ZOOM_CAPTURE = [
    (
        _entry(
            "https://us01.telemetry.zoom.us/com.snowplowanalytics.snowplow/tp2",
            text=json.dumps(SNOWPLOW),
        ),
        "service_generated.product_usage",
        ("10.2", "10.2", "10.2", "10.5", "10.5"),
    ),
    (
        _entry(
            "https://log-gateway.zoom.us/uploadlog?type=client",
            mime="multipart/form-data; boundary=zz",
            text='--zz\r\nContent-Disposition: form-data; name="file"; filename="zoom_logs.zip"'
            "\r\nContent-Type: application/zip\r\n\r\nPK\x03\x04\r\n--zz--\r\n",
        ),
        "service_generated.diagnostics",
        ("10.2", "10.2", "10.2", "10.5", "10.5"),
    ),
    (
        _entry(
            "https://api.zoom.us/v2/chat/users/me/messages",
            text=json.dumps(
                {"message": "Can everyone see my screen? The launch slides are in the folder."}
            ),
        ),
        "customer_content.chat",
        ("10.4", "10.4", "10.4", "10.1", "10.1"),
    ),
    (
        _entry(
            "https://ssrweb.zoom.us/recording/upload?meeting_id=85512345678",
            method="PUT",
            mime="video/mp4",
            text="\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom",
        ),
        "customer_content.video",
        ("10.4", "10.4", "10.4", "10.2", "10.2"),
    ),
]


@pytest.fixture
def imported(data_dir: DataDir, tmp_path: Path) -> list[Any]:
    har = {
        "log": {
            "version": "1.2",
            "creator": {"name": "test", "version": "1"},
            "entries": [entry for entry, _, _ in ZOOM_CAPTURE],
        }
    }
    path = tmp_path / "zoom-web.har"
    path.write_text(json.dumps(har), "utf-8")
    code, _out, err = main_in_process(["import", str(path), "--session", "zoomhar"])
    assert code == 0, err
    return _stored(tmp_path)


def _stored(tmp_path: Path) -> list[Any]:
    out = tmp_path / "out.jsonl"
    code, _o, err = main_in_process(
        ["export", "jsonl", "--session", "zoomhar", "--no-redact", "-o", str(out)]
    )
    assert code == 0, err
    return [from_spec_dict(json.loads(line)) for line in out.read_text("utf-8").splitlines()]


def test_every_imported_zoom_flow_is_judged_by_zoom_terms(imported: list[Any]) -> None:
    engine = PolicyEngine()
    by_url = {r.request.url.split("?")[0]: r for r in imported}
    assert len(by_url) == len(ZOOM_CAPTURE)
    for entry, category, sections in ZOOM_CAPTURE:
        record = by_url[entry["request"]["url"].split("?")[0]]
        assert record.process.app is None  # a HAR says nothing about the client
        assert record.entity.name == "Zoom"
        assert category in record.label_categories(), record.request.url
        stored = [f for f in record.policy if f.document == TOS]
        assert stored, f"no Zoom Terms of Service finding on {record.request.url}"
        assert {f.chosen_by for f in stored} == {"recipient"}
        for version, section in zip(TOS_VERSIONS, sections, strict=True):
            doc = engine.get(f"{TOS}@{version}")
            (finding,) = [
                f
                for f in engine.evaluate(record, version=version)
                if f.document == TOS and f.category == category
            ]
            assert finding.version == version
            assert finding.section == section, (record.request.url, version)
            clause = doc.clause(section)
            assert clause is not None and finding.quote and finding.quote in clause.text
            concept = (
                "Customer Content" if category.startswith("customer_") else "Service Generated"
            )
            assert concept in clause.text, (category, version, section)


def test_timeline_of_the_imported_session_shows_the_2023_changes(imported: list[Any]) -> None:
    code, out, err = main_in_process(
        ["policy", "timeline", "--session", "zoomhar", "--document", TOS, "--format", "json"]
    )
    assert code == 0, err
    (doc,) = json.loads(out)
    rows = {(r["category"], r["entity"]): r for r in doc["rows"]}
    chat = rows[("customer_content.chat", "Zoom")]
    assert [chat["verdicts"][v] for v in TOS_VERSIONS] == [
        "vague",
        "vague",
        "consent_required",  # 2023-08-07: "without your consent"
        "clear",
        "clear",
    ]
    telemetry = rows[("service_generated.product_usage", "Zoom")]
    assert "ai_training" in telemetry["permits"]["2023-04-01"]
    assert telemetry["permits"]["2023-08-11"] == ["vendor_owned"]
    # Without --document the documents come from the recipients: Zoom's two.
    code, out, err = main_in_process(
        ["policy", "timeline", "--session", "zoomhar", "--format", "json"]
    )
    assert code == 0, err
    assert {d["document"] for d in json.loads(out)} == {TOS, "zoom/privacy-statement"}


def test_rejudge_with_the_app_the_user_names(imported: list[Any], tmp_path: Path) -> None:
    assert all(f.chosen_by == "recipient" for r in imported for f in r.policy)
    assert {r.entity.party for r in imported} == {"unknown"}
    code, out, err = main_in_process(["policy", "rejudge", "--session", "zoomhar", "--app", "zoom"])
    assert code == 0, err
    assert "judged 4 flows" in out
    again = _stored(tmp_path)
    assert {r.entity.party for r in again} == {"first"}
    assert {f.chosen_by for r in again for f in r.policy} == {"app+recipient"}
    code, out, _err = main_in_process(["sessions", "--format", "json"])
    assert code == 0
    code, _out, err = main_in_process(
        ["policy", "rejudge", "--session", "zoomhar", "--app", "no-such-client"]
    )
    assert code != 0 and "not a known app" in err
    code, _out, err = main_in_process(["policy", "rejudge", "--session", "nope"])
    assert code != 0 and "no session" in err


def test_rejudge_picks_up_a_pack_the_user_adds(
    imported: list[Any], data_dir: DataDir, tmp_path: Path
) -> None:
    """A pack for the recipient's vendor added after the import judges the stored flows."""
    engine = PolicyEngine()
    pack = engine.get(f"{TOS}@2026-08-06")
    from auditor.policy.packs import dump_yaml

    pack.document = "zoom/user-added-terms"
    (data_dir.root / "policies").mkdir()
    (data_dir.root / "policies" / "mine.yaml").write_text(dump_yaml(pack), "utf-8")
    assert not any(f.document == "zoom/user-added-terms" for r in imported for f in r.policy)
    code, _out, err = main_in_process(["policy", "rejudge", "--session", "zoomhar"])
    assert code == 0, err
    again = _stored(tmp_path)
    assert all(any(f.document == "zoom/user-added-terms" for f in r.policy) for r in again)


def test_timeline_judges_a_session_with_the_app_named_at_import(
    data_dir: DataDir, tmp_path: Path
) -> None:
    """A third-party flow (Sentry) of a capture imported with --app zoom is judged against Zoom's
    terms by `policy timeline` without repeating --app: the session remembers its client."""
    sentry = _entry(
        "https://o1.ingest.sentry.io/api/2/envelope/",
        mime="application/x-sentry-envelope",
        text='{"event_id":"0123456789abcdef0123456789abcdef"}\n{"type":"event"}\n'
        '{"exception":{"values":[{"type":"ValueError","value":"boom"}]},"platform":"native"}\n',
    )
    har = {"log": {"version": "1.2", "creator": {"name": "t", "version": "1"}, "entries": [sentry]}}
    path = tmp_path / "sentry.har"
    path.write_text(json.dumps(har), "utf-8")
    code, _out, err = main_in_process(["import", str(path), "--session", "s", "--app", "zoom"])
    assert code == 0, err
    code, out, err = main_in_process(["policy", "timeline", "--session", "s", "--format", "json"])
    assert code == 0, err
    assert TOS in {d["document"] for d in json.loads(out)}
