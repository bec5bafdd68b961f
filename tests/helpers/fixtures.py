"""pytest fixtures for the reliability and security areas (imported by their conftest.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.capture import CaptureProcess
from tests.helpers.tls import LabPki, make_lab_pki
from tests.helpers.upstream import UpstreamServer

CaptureFactory = Callable[..., CaptureProcess]


@pytest.fixture(scope="session")
def lab_pki(tmp_path_factory: pytest.TempPathFactory) -> LabPki:
    return make_lab_pki(tmp_path_factory.mktemp("lab-pki"))


@pytest.fixture(scope="module")
def upstream() -> Iterator[UpstreamServer]:
    with UpstreamServer() as server:
        yield server


@pytest.fixture(scope="module")
def https_upstream(lab_pki: LabPki) -> Iterator[UpstreamServer]:
    with UpstreamServer(lab_pki) as server:
        yield server


def _factory(base: Path) -> tuple[CaptureFactory, list[CaptureProcess]]:
    started: list[CaptureProcess] = []

    def make(*, start: bool = True, data_dir: Path | None = None, **kwargs: Any) -> CaptureProcess:
        root = data_dir or base / f"data{len(started)}"
        root.mkdir(mode=0o700, exist_ok=True)
        capture = CaptureProcess(root, **kwargs)
        started.append(capture)
        return capture.start() if start else capture

    return make, started


@pytest.fixture
def capture_factory(tmp_path: Path) -> Iterator[CaptureFactory]:
    """`capture_factory(sinkhole=[...], sets=[...])` starts `auditor capture` on 127.0.0.1:0 with a
    private data dir and the test passphrase; every capture is stopped after the test."""
    make, started = _factory(tmp_path)
    yield make
    for capture in started:
        capture.kill()


@pytest.fixture(scope="module")
def module_capture_factory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CaptureFactory]:
    make, started = _factory(tmp_path_factory.mktemp("captures"))
    yield make
    for capture in started:
        capture.kill()
