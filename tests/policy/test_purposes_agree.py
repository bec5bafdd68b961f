"""Done-when of the purpose answer: on the demo meeting and on an imported Zoom capture, the
report's first section and `auditor policy purposes` agree, their figures match the stored
findings, and the `~u PURPOSE` filter finds the same flows."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from auditor.filterexpr import compile_filter
from auditor.paths import DataDir
from auditor.policy.purposes import finding_purposes, sent_bytes
from auditor.records import from_spec_dict
from auditor.store import FlowQuery, open_store
from tests.helpers.cli import main_in_process

from .zoom_capture import write_zoom_capture

PASSPHRASE = "purpose answer tests"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from auditor.demo import DEMO_HAR

    root = tmp_path_factory.mktemp("purposes") / "data"
    root.mkdir(mode=0o700)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("AUDITOR_PASSPHRASE", PASSPHRASE)
        har = write_zoom_capture(root.parent / "zoom-capture.har")
        for file, session in ((DEMO_HAR, "demo"), (har, "zoom-import")):
            code, _out, err = main_in_process(
                ["--data-dir", str(root), "import", str(file), "--session", session]
            )
            assert code == 0, err
    return root


def _cli(root: Path, *argv: str) -> str:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("AUDITOR_PASSPHRASE", PASSPHRASE)
        code, out, err = main_in_process(["--data-dir", str(root), *argv])
    assert code == 0, err
    return out


def _ids(answer: dict[str, Any], app: str, purpose: str, statuses: set[str]) -> set[str]:
    (session,) = answer["sessions"]
    (version,) = [
        v for a in session["apps"] if a["app"] == app for v in a["versions"] if v["in_force"]
    ]
    row = next(p for p in version["purposes"] if p["purpose"] == purpose)
    return {i for b in row["buckets"] if b["status"] in statuses for i in b["flow_ids"]}


@pytest.mark.parametrize("session", ["demo", "zoom-import"])
def test_report_cli_and_findings_agree(store_dir: Path, session: str) -> None:
    cli = json.loads(
        _cli(store_dir, "policy", "purposes", "--session", session, "--format", "json")
    )
    report = json.loads(
        _cli(store_dir, "report", "--session", session, "--format", "json", "-o", "-")
    )
    # The report's first section is the same answer (its consent excerpts are redacted).
    first_key = next(k for k in report if k not in ("$schema", "schema_version", "generator",
                                                       "title", "generated_at", "redacted"))  # fmt: skip
    assert first_key == "purposes"
    for data in (cli, report["purposes"]):
        for s in data["sessions"]:
            for a in s["apps"]:
                for c in a["consent_reports"]:
                    c.pop("raw")
    assert report["purposes"] == cli
    # Every figure against the stored findings (made under the terms in force today).
    flows = [
        from_spec_dict(json.loads(line))
        for line in _cli(store_dir, "flows", "--session", session, "--format", "jsonl").splitlines()
    ]
    zoom = [f for f in flows if f.process.app == "zoom" and any(p.category for p in f.policy)]
    (zoom_answer,) = [a for a in cli["sessions"][0]["apps"] if a["app"] == "zoom"]
    # The imported capture adds the client's tracking report (its data-collection flag).
    # (`:authority` pseudo-headers are not credentials, issue 13: one flow fewer with a finding.)
    assert zoom_answer["flows"] == len(zoom) == (14 if session == "demo" else 15)
    assert zoom_answer["bytes"] == sum(sent_bytes(f) for f in zoom)
    for purpose in ("ai_training", "any_purpose", "marketing", "vendor_owned"):
        stored = {f.id for f in zoom if purpose in finding_purposes(f.policy)}
        if purpose == "vendor_owned":
            assert stored == _ids(cli, "zoom", "any_purpose", {"owned"}) and stored
            continue
        assert stored == _ids(cli, "zoom", purpose, {"allowed", "consent"}), purpose
    # Under today's Zoom terms: audio is ruled out for AI training, telemetry is Zoom's own.
    audio = {f.id for f in zoom if "customer_content.audio" in f.label_categories()}
    assert audio and _ids(cli, "zoom", "ai_training", {"denied"}) == audio
    # The filter language finds the same flows (`~u`), straight from the store's index.
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("AUDITOR_PASSPHRASE", PASSPHRASE)
        with open_store(DataDir(store_dir), readonly=True) as store:
            for text, purpose, statuses in (
                ("~a zoom ~u marketing", "marketing", {"allowed", "consent"}),
                ("~a zoom ~u vendor_owned", "any_purpose", {"owned"}),
                ("~a zoom ~u ai_training", "ai_training", {"allowed", "consent"}),
            ):
                compiled = compile_filter(text, FlowQuery(session=session))
                assert compiled.exact
                got = {s.id for s in store.query_flows(compiled.query, limit=1000)}
                assert got == _ids(cli, "zoom", purpose, statuses), text
            # A negation is answered row by row from the summaries' purposes.
            compiled = compile_filter("~a zoom !~u marketing", FlowQuery(session=session))
            predicate = compiled.predicate()
            assert predicate is not None
            rest = {s.id for s in store.query_flows(compiled.query, limit=1000) if predicate(s)}
            assert rest == {f.id for f in zoom} - _ids(
                cli, "zoom", "marketing", {"allowed", "consent"}
            ) | {
                f.id
                for f in flows
                if f.process.app == "zoom" and not any(p.category for p in f.policy)
            }


def test_imported_capture_with_the_flag_off(store_dir: Path) -> None:
    cli = json.loads(
        _cli(store_dir, "policy", "purposes", "--session", "zoom-import", "--format", "json")
    )
    (zoom,) = cli["sessions"][0]["apps"]
    assert [c["value"] for c in zoom["consent_reports"]] == ["refused"]
    assert zoom["sent_without_consent"]["flows"] == zoom["flows"] == 15
    v0807 = next(v for v in zoom["versions"] if v["date"] == "2023-08-07")
    ai = next(p for p in v0807["purposes"] if p["purpose"] == "ai_training")
    consent = next(b for b in ai["buckets"] if b["status"] == "consent")
    assert consent["flows"] == 5 and sorted(consent["sent_without_consent"]) == sorted(
        consent["flow_ids"]
    )
    table = _cli(store_dir, "policy", "purposes", "--session", "zoom-import", "--version",
                 "2023-08-07")  # fmt: skip
    assert "only with consent" in table and "Notwithstanding the above" in table
    assert "were sent while the client reported no consent" in table
    assert "2023-08-11: AI training: 5 flows now ruled out" in table


def test_version_must_be_a_date(store_dir: Path) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("AUDITOR_PASSPHRASE", PASSPHRASE)
        code, _out, err = main_in_process(
            ["--data-dir", str(store_dir), "policy", "purposes", "--session", "demo",
             "--version", "August"]
        )  # fmt: skip
    assert code == 2 and "--version must be a date" in err
