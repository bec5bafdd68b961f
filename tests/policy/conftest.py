"""Shared helpers for the policy tests: a flow factory and the reference policy texts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from auditor.policy import PolicyEngine
from auditor.records import FlowRecord, ProcessInfo
from tests.tflow import tentity, tflow, tlabel, treq

REPO_ROOT = Path(__file__).resolve().parents[2]
# The verbatim reference texts ship inside the package (auditor/policies/reference).
REFERENCE_DIR = REPO_ROOT / "auditor" / "policies" / "reference"

FlowFactory = Callable[..., FlowRecord]


def make_flow(
    labels: list[str] | tuple[str, ...] = (),
    *,
    app: str | None = "zoom",
    entity: str | None = "Zoom",
    party: str = "first",
    domain: str | None = None,
    host: str = "zoom.us",
    session: str = "s1",
    flow_id: str = "f1",
) -> FlowRecord:
    return tflow(
        id=flow_id,
        session=session,
        ts=1_700_000_000.0,
        process=ProcessInfo(pid=1, name=app, app=app),
        req=treq(f"https://{host}/x", host=host, port=443, path="/x"),
        entity=tentity(entity, party, domain),  # type: ignore[arg-type]
        labels=[tlabel(c) for c in labels],
    )


@pytest.fixture
def flow() -> FlowFactory:
    return make_flow


@pytest.fixture(scope="session")
def engine() -> PolicyEngine:
    return PolicyEngine()


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    assert REFERENCE_DIR.is_dir(), f"reference policy texts missing at {REFERENCE_DIR}"
    return REFERENCE_DIR
