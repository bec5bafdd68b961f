"""What every benchmark returns, so `python -m bench` can write docs/benchmarks.md in one place."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass
class BenchResult:
    area: str  # "capture", "store", "labeller", "gui", ...
    name: str  # what was measured, e.g. "ingest 1M flows"
    value: float
    unit: str  # "flows/s", "ms", "MiB", "ratio"
    target: str = ""  # e.g. ">= 5000 flows/s", "<= 50 ms", ">= 0.90"
    passed: bool | None = None  # None when there is no target
    notes: str = ""


@contextmanager
def stopwatch() -> Iterator[Callable[[], float]]:
    """`with stopwatch() as elapsed: ...; elapsed()` in seconds (monotonic, high resolution)."""
    start = time.perf_counter()
    end: list[float] = []
    yield lambda: (end[0] if end else time.perf_counter()) - start
    end.append(time.perf_counter())
