"""Fixtures of the desktop-app tests: real encrypted stores (demo and synthetic) in temp dirs.

The stores use a passphrase (AUDITOR_PASSPHRASE, set for the whole run) rather than the keyring,
so session-scoped stores outlive any one test's keyring state; the wizard test covers the keyring.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from auditor.paths import DataDir

# Before pytest-qt makes the QApplication (session scope, ahead of function fixtures).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PASSPHRASE = "ui-tests-passphrase"
SYNTHETIC_FLOWS = 2500


@pytest.fixture(scope="session", autouse=True)
def _passphrase() -> Iterator[None]:
    old = os.environ.get("AUDITOR_PASSPHRASE")
    os.environ["AUDITOR_PASSPHRASE"] = PASSPHRASE
    yield
    if old is None:
        os.environ.pop("AUDITOR_PASSPHRASE", None)
    else:
        os.environ["AUDITOR_PASSPHRASE"] = old


@pytest.fixture(scope="session")
def demo_dir(tmp_path_factory: pytest.TempPathFactory, _passphrase: None) -> Path:
    """A data dir holding the demo session, built by the real importer, labeller and policy engine."""
    from auditor.demo import build_demo
    from auditor.store import open_store

    root = tmp_path_factory.mktemp("demo-data")
    with open_store(DataDir(root)) as store:
        build_demo(store)
    return root


@pytest.fixture(scope="session")
def synthetic_dir(tmp_path_factory: pytest.TempPathFactory, _passphrase: None) -> Path:
    from auditor.demo.synthetic import synthetic_flows
    from auditor.store import open_store

    root = tmp_path_factory.mktemp("synthetic-data")
    records = list(synthetic_flows(SYNTHETIC_FLOWS, session="synthetic"))
    with open_store(DataDir(root)) as store:
        store.add_flows(records)
    return root


@pytest.fixture
def fresh_dir(tmp_path: Path) -> Path:
    root = tmp_path / "fresh-data"
    root.mkdir(mode=0o700)
    return root


def reader_for(root: Path) -> Callable[[], object]:
    def open_reader() -> object:
        from auditor.store import open_store

        return open_store(DataDir(root), readonly=True)

    return open_reader


def capture_command() -> list[str]:
    """How the tests start `auditor capture`: the app's own way."""
    from auditor.selfexec import auditor_command

    return auditor_command()
