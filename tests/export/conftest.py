"""Fixtures of the export, import and report tests."""

from __future__ import annotations

import pytest

from auditor.paths import DataDir
from auditor.records import FlowRecord
from tests.export.samples import fill_store, make_records


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
    fill_store(passphrase_env, enricher)
    return passphrase_env
