"""Fixtures shared by every test area. Area-specific fixtures live in tests/<area>/conftest.py."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor.paths import DataDir

ROOT = Path(__file__).resolve().parent.parent

# Before pytest-qt creates its session-wide QApplication: unit tests run offscreen. Tests that need
# a real window start their own subprocess on the X server (DISPLAY) with QT_QPA_PLATFORM=xcb.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[DataDir]:
    """A fresh, private data dir; also exported as AUDITOR_DATA_DIR for child processes."""
    root = tmp_path / "data"
    root.mkdir(mode=0o700)
    monkeypatch.setenv("AUDITOR_DATA_DIR", str(root))
    yield DataDir(root)


@pytest.fixture(autouse=True)
def _no_proxy_leaks(monkeypatch: pytest.MonkeyPatch) -> None:
    # A developer's own proxy settings must not redirect the tests' local traffic.
    for name in (
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ):
        monkeypatch.delenv(name, raising=False)
