"""The user's known values: kept in the encrypted store (never in clear in the data dir), edited with
`auditor known`, migrated from the old plaintext known-values.json, and stored flows labelled again
when they change."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from auditor.paths import DataDir
from auditor.store import Store, open_store
from tests.helpers.cli import child_env, run_auditor
from tests.store.conftest import PASSPHRASE, make_flow

EMAIL = "Zelda.Quux@Example.org"
NAME = "Zelda Quuxington"


def clear_forms(value: str) -> list[bytes]:
    forms = {value, value.lower(), value.upper()}
    out = [f.encode("utf-8") for f in forms]
    out += [f.encode("utf-16-le") for f in forms]
    return out


def files_with(root: Path, needles: list[bytes]) -> list[str]:
    hits = []
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if any(n in data for n in needles):
                hits.append(path.name)
    return hits


@pytest.fixture(autouse=True)
def _passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDITOR_PASSPHRASE", PASSPHRASE)


def test_known_command_keeps_values_encrypted_and_relabels(tmp_path: Path) -> None:
    root = tmp_path / "data"
    env = child_env(root, passphrase=PASSPHRASE)
    # A stored GET that sends the SHA-256 of the upper-cased e-mail in its query string.
    digest = hashlib.sha256(EMAIL.upper().encode()).hexdigest()
    flow = make_flow(method="GET", path=f"/track?uid={digest}", req_body=None)
    with _store(root) as store:
        store.add_flows([flow])
    added = run_auditor(["known", "add", "email", f"  {EMAIL} "], env=env)
    assert added.returncode == 0, added.stderr
    assert "labelled 1 stored flows again" in added.stderr
    assert run_auditor(["known", "add", "name", NAME], env=env).returncode == 0
    listed = run_auditor(["known", "list"], env=env)
    assert listed.stdout.splitlines() == [f"email\t{EMAIL}", f"name\t{NAME}"]
    with _store(root) as store:
        record = store.get_flow(flow.id)
    assert record is not None
    hits = [
        lab for lab in record.labels if any(e.rule == "known_value.email" for e in lab.evidence)
    ]
    assert hits, record.labels  # the hashed upper-case form was found in the stored flow
    # Personal data never in clear at rest: not in any file of the data dir, in any case.
    assert files_with(root, clear_forms(EMAIL) + clear_forms(NAME)) == []
    removed = run_auditor(["known", "remove", "email", EMAIL], env=env)
    assert removed.returncode == 0, removed.stderr
    with _store(root) as store:
        record = store.get_flow(flow.id)
        assert store.known_values() == {"name": [NAME]}
    assert record is not None
    assert not any("known_value.email" in e.rule for lab in record.labels for e in lab.evidence)
    missing = run_auditor(["known", "remove", "email", EMAIL], env=env)
    assert missing.returncode == 1 and missing.stderr.count("\n") == 1
    short = run_auditor(["known", "add", "name", "Al"], env=env)
    assert short.returncode == 1 and "too short" in short.stderr
    bad_kind = run_auditor(["known", "add", "hostname", "example"], env=env)
    assert bad_kind.returncode == 2


def test_plaintext_known_values_file_moves_into_the_store(tmp_path: Path) -> None:
    root = tmp_path / "data"
    dd = DataDir(root)
    with _store(root):
        pass
    dd.known_values.write_text(json.dumps({"email": EMAIL, "meeting_id": ["8123456789"]}))
    with _store(root, readonly=True) as store:  # even a reader moves it
        assert store.known_values() == {"email": [EMAIL], "meeting_id": ["8123456789"]}
    assert not dd.known_values.exists()
    assert files_with(root, clear_forms(EMAIL)) == []
    # A malformed file is left alone (and unread), as before: nothing breaks.
    dd.known_values.write_text("{not json")
    with _store(root) as store:
        assert store.known_values() == {"email": [EMAIL], "meeting_id": ["8123456789"]}
    assert dd.known_values.exists()


def _store(root: Path, *, readonly: bool = False) -> Store:
    return open_store(DataDir(root), readonly=readonly)


def test_relabelling_keeps_the_app_the_user_named_for_a_session(tmp_path: Path) -> None:
    from auditor.enrich import SESSION_APP, Enricher, relabel_store

    root = tmp_path / "data"
    flow = make_flow("named", app=None, process="unknown-helper", host="api.zoom.us")
    with _store(root) as store:
        store.add_flows([flow])
        store.ensure_session("named", **{SESSION_APP: "zoom"})
        store.add_known_value("email", EMAIL)
        enricher = Enricher(data_dir=DataDir(root), user_values=store.known_values())
        assert relabel_store(store, enricher) == 1
        record = store.get_flow(flow.id)
    assert record is not None
    assert record.entity.party == "first"  # Zoom is first party for the session's app, zoom
    assert record.policy and all(f.document.startswith("zoom") for f in record.policy)
