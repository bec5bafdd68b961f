"""Exports and reports: redacted flows per second for each export format, the cost of redaction
side by side with unredacted export in the same run, and the time to build and render a report.

Corpus: the export tests' sample session (every flow kind, planted secrets), repeated with fresh
ids to 20,000 flows (quick: 2,000). Records are built in memory, so the store's read speed is not
part of these numbers (bench_store measures that); like stored records, they carry the fields the
labeller found when it labelled them (`FlowRecord.sensitive`). One more JSONL row times records
without them (stored before they were kept), which redaction must find again.
"""

from __future__ import annotations

import copy
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from bench.common import BenchResult, stopwatch

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 3


def _corpus(n: int) -> list:
    sys.path.insert(0, str(ROOT))
    from auditor.label.findings import FieldFinder, kept_fields
    from tests.export.samples import make_records

    base = make_records("bench")
    finder = FieldFinder()
    for rec in base:
        # As the store gives them back: labelled, with the fields the labeller found kept.
        rec.sensitive = kept_fields(rec, finder)
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

        def side_by_side(writer: Callable[..., int], flows: list) -> tuple[float, float]:
            """(unredacted, redacted) seconds: the fastest of ROUNDS alternating runs of each,
            so a burst of load from other processes on a shared machine does not decide the
            ratio (each redacted run starts with a new redactor, as each export does)."""
            path = Path(tmp) / "out"
            plain_times, red_times = [], []
            for _ in range(ROUNDS):
                with stopwatch() as plain:
                    writer(flows, path, redacted=False)
                plain_times.append(plain())
                redactor = Redactor(
                    Pseudonymizer(b"bench-key-0123456789abcdef012345"), {"h": "DESKTOP-X1"}
                )
                with stopwatch() as red:
                    # As `auditor export` does: what the labeller found in every flow first,
                    # then the redacted flows written.
                    redactor.prime(flows)
                    writer((redactor.redact_record(r) for r in flows), path, redacted=True)
                red_times.append(red())
            return min(plain_times), min(red_times)

        for fmt, writer in writers.items():
            plain_s, red_s = side_by_side(writer, records)
            rate = n / red_s
            results.append(
                BenchResult(
                    "export",
                    f"{fmt} export, redacted ({n} flows)",
                    round(rate),
                    "flows/s",
                    ">= 1000 flows/s",
                    rate >= 1000,
                    f"unredacted {n / plain_s:.0f} flows/s in the same run; fastest of "
                    f"{ROUNDS} alternating runs each",
                )
            )
            results.append(
                BenchResult(
                    "export",
                    f"{fmt}: redacted / unredacted time",
                    round(red_s / plain_s, 2),
                    "ratio",
                    "<= 3",
                    red_s / plain_s <= 3,
                    "the cost of redaction, measured side by side",
                )
            )
        # Records stored before the labeller's findings were kept: redaction finds them again.
        unkept = [copy.copy(r) for r in records]
        for rec in unkept:
            rec.sensitive = None
        plain_s, red_s = side_by_side(write_jsonl, unkept)
        results.append(
            BenchResult(
                "export",
                "jsonl, findings not kept: redacted / unredacted time",
                round(red_s / plain_s, 2),
                "ratio",
                notes="records stored before the labeller's findings were kept with them",
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
