"""Exports and reports: redacted flows per second for each export format, the cost of redaction
side by side with unredacted export in the same run, and the time to build and render a report.

Corpus: the export tests' sample session (every flow kind, planted secrets), repeated with fresh
ids to 20,000 flows (quick: 2,000). Records are built in memory, so the store's read speed is not
part of these numbers (bench_store measures that).
"""

from __future__ import annotations

import copy
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from bench.common import BenchResult, stopwatch

ROOT = Path(__file__).resolve().parent.parent


def _corpus(n: int) -> list:
    sys.path.insert(0, str(ROOT))
    from tests.export.samples import make_records

    base = make_records("bench")
    out = []
    for i in range(n):
        rec = copy.deepcopy(base[i % len(base)])
        rec.id = f"{i:032x}"
        rec.ts += i * 0.05
        out.append(rec)
    return out


def run(quick: bool) -> list[BenchResult]:
    from auditor.export.har import write_har
    from auditor.export.jsonl import write_jsonl
    from auditor.export.mitm import write_mitm
    from auditor.export.parquet import write_parquet
    from auditor.export.redact import Pseudonymizer, Redactor
    from auditor.report import build_report, write_report

    n = 2_000 if quick else 20_000
    records = _corpus(n)
    results: list[BenchResult] = []
    writers: dict[str, Callable[..., int]] = {
        "har": write_har,
        "mitm": write_mitm,
        "jsonl": write_jsonl,
        "parquet": write_parquet,
    }
    # Warm-up outside the timings: the labeller's rules load once per process.
    Redactor(Pseudonymizer(b"bench-key-0123456789abcdef012345")).prime(records[:50])
    with tempfile.TemporaryDirectory() as tmp:
        for fmt, writer in writers.items():
            path = Path(tmp) / f"out.{fmt}"
            with stopwatch() as plain:
                writer(records, path, redacted=False)
            redactor = Redactor(
                Pseudonymizer(b"bench-key-0123456789abcdef012345"), {"h": "DESKTOP-X1"}
            )
            with stopwatch() as red:
                # As `auditor export` does: what the labeller finds in every flow first, then
                # the redacted flows written.
                redactor.prime(records)
                writer((redactor.redact_record(r) for r in records), path, redacted=True)
            rate = n / red()
            results.append(
                BenchResult(
                    "export",
                    f"{fmt} export, redacted ({n} flows)",
                    round(rate),
                    "flows/s",
                    ">= 1000 flows/s",
                    rate >= 1000,
                    f"unredacted {n / plain():.0f} flows/s in the same run",
                )
            )
            results.append(
                BenchResult(
                    "export",
                    f"{fmt}: redacted / unredacted time",
                    round(red() / plain(), 2),
                    "ratio",
                    notes="the cost of redaction, measured side by side",
                )
            )
        redactor = Redactor(Pseudonymizer(b"bench-key-0123456789abcdef012345"))
        with stopwatch() as model:
            report = build_report(records, redactor=redactor)
        results.append(
            BenchResult("export", f"build report model ({n} flows)", round(model() * 1000), "ms")
        )
        for fmt in ("html", "pdf"):
            with stopwatch() as render:
                write_report(report, fmt, Path(tmp) / f"r.{fmt}")
            results.append(BenchResult("export", f"render {fmt} report", round(render() * 1000), "ms",
                                       "<= 5000 ms", render() <= 5.0))  # fmt: skip
    return results


if __name__ == "__main__":
    for r in run(quick="--quick" in sys.argv):
        print(r)
