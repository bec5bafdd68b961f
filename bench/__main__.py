"""Runs every benchmark and writes docs/benchmarks.md.

    python -m bench            # full run (1M-flow store, 200k-flow capture: tens of minutes)
    python -m bench --quick    # smaller loads, same comparisons (a few minutes)
    python -m bench --only store,labeller

Figures that have a peer (mitmdump) are ratios measured side by side in the same run, because the
machines we run on are shared and noisy; absolute figures are given with the machine they came from.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import json
import os
import platform
import sys
import time
import traceback
from pathlib import Path

from bench.common import BenchResult

AREAS = ("capture", "memory", "store", "decode", "label", "export", "gui")
ROOT = Path(__file__).resolve().parent.parent


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def _table(results: list[BenchResult]) -> str:
    lines = ["| area | measurement | value | target | met |", "|---|---|---|---|---|"]
    for r in results:
        met = "—" if r.passed is None else ("yes" if r.passed else "**no**")
        value = f"{r.value:,.3g} {r.unit}" if abs(r.value) < 100 else f"{r.value:,.0f} {r.unit}"
        lines.append(f"| {r.area} | {r.name} | {value} | {r.target} | {met} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller loads")
    parser.add_argument("--only", help="comma-separated areas: " + ",".join(AREAS))
    parser.add_argument(
        "--quick-areas", default="", help="comma-separated areas to run with smaller loads"
    )
    parser.add_argument("-o", "--output", default=str(ROOT / "docs" / "benchmarks.md"))
    parser.add_argument("--save-json", metavar="PATH", help="also write the results as JSON")
    parser.add_argument(
        "--include-json",
        metavar="PATH",
        action="append",
        default=[],
        help="add results saved by an earlier --save-json run (e.g. a long area run alone)",
    )
    args = parser.parse_args(argv)
    areas = args.only.split(",") if args.only else list(AREAS)
    results: list[BenchResult] = []
    for path in args.include_json:
        results.extend(BenchResult(**r) for r in json.loads(Path(path).read_text("utf-8")))
    failures: list[str] = []
    started = time.time()
    for area in areas:
        print(f"== {area}", file=sys.stderr, flush=True)
        try:
            module = importlib.import_module(f"bench.bench_{area}")
            quick = args.quick or area in args.quick_areas.split(",")
            area_results = module.run(quick=quick)
            for r in area_results:
                if quick and "quick" not in r.notes:
                    r.notes = (r.notes + " " if r.notes else "") + "(quick run: smaller load)"
        except Exception:  # a broken benchmark must not hide the others' figures
            failures.append(f"{area}: {traceback.format_exc(limit=3)}")
            print(failures[-1], file=sys.stderr)
            continue
        for r in area_results:
            print(f"   {r.name}: {r.value:.4g} {r.unit} {r.target}", file=sys.stderr, flush=True)
        results.extend(area_results)
    doc = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`python -m bench`"
        + (" --quick" if args.quick else "")
        + f") on {time.strftime('%Y-%m-%d', time.gmtime(started))}.",
        f"Machine: {_machine()}.",
        "",
        "Ratios compare our capture with bare `mitmdump` on the same load, alternating runs in one",
        "process tree, so a shared or noisy machine affects both sides alike.",
        "",
        _table(results),
        "",
    ]
    notes = [f"- **{r.area} / {r.name}**: {r.notes}" for r in results if r.notes]
    if notes:
        doc += ["## Notes", "", *notes, ""]
    if failures:
        doc += ["## Benchmarks that failed to run", "", "```", *failures, "```", ""]
    Path(args.output).write_text("\n".join(doc), encoding="utf-8")
    if args.save_json:
        Path(args.save_json).write_text(json.dumps([dataclasses.asdict(r) for r in results]))
    print(f"wrote {args.output}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
