"""Fixtures of the export, import and report tests."""

from __future__ import annotations

import pytest

from auditor.paths import DataDir
from auditor.records import FlowRecord
from tests.export.samples import EMAIL, T0, enriched, make_records, opened


@pytest.fixture
def records() -> list[FlowRecord]:
    return make_records()


@pytest.fixture(scope="session")
def enricher() -> object:
    from auditor.enrich import Enricher

    return Enricher()


@pytest.fixture
def passphrase_env(data_dir: DataDir, monkeypatch: pytest.MonkeyPatch) -> DataDir:
    """A data dir whose store key comes from a passphrase (no keyring needed)."""
    monkeypatch.setenv("AUDITOR_PASSPHRASE", "test passphrase for exports")
    return data_dir


@pytest.fixture
def filled_store(passphrase_env: DataDir, enricher: object) -> DataDir:
    """Session s1 with the sample flows (enriched) and markers."""
    with opened(passphrase_env) as store:
        store.ensure_session("s1", mode="regular")  # type: ignore[attr-defined]
        store.add_flows(enriched(enricher))  # type: ignore[attr-defined]
        store.add_marker("s1", T0 + 10, "muted")  # type: ignore[attr-defined]
        store.add_marker("s1", T0 + 50, "unmuted")  # type: ignore[attr-defined]
        store.add_marker("s1", T0 + 70, "camera_off", f"note from {EMAIL}")  # type: ignore[attr-defined]
    return passphrase_env
