"""Instructions of an unredacted and a redacted export, for callgrind: the steady measure of the
cost of redaction (CPU time on a shared machine swings by ±20% between minutes).

    PYTHONHASHSEED=0 valgrind --tool=callgrind --instr-atstart=no \\
        .venv/bin/python -m bench.export_callgrind [FLOWS] [FORMAT ...]

The export bench's varied corpus (`bench.bench_export._corpus`, labelled outside the count) is
written once per format unredacted and once redacted (a new redactor, `prime`, then the redacted
flows written, as `auditor export` does), after a warm-up export of each kind. Each measured
export is one callgrind dump (`callgrind.out.<pid>.<n>`, in the order the lines on stderr name
them); the ratio of a format's two dumps' totals is the instruction form of the bench's
redacted / unredacted row. For an older tree (which may not have this file), run this file
from that checkout with it first on the path: `cd <checkout> && PYTHONHASHSEED=0
PYTHONPATH=<checkout>:<this tree> valgrind ... <this tree>/.venv/bin/python <this
tree>/bench/export_callgrind.py 2000 jsonl`; the corpus is then built by that tree's bench.
A format `store:FMT` counts `auditor export` from a real store instead (`usecases.export_flows`:
store read, `prime` and writer; the store is filled outside the count), this tree's bench
driving the other tree's `auditor`.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from bench.label_callgrind import _switch

KEY = b"bench-key-0123456789abcdef012345"


def main() -> int:
    from auditor.export.har import write_har
    from auditor.export.jsonl import write_jsonl
    from auditor.export.mitm import write_mitm
    from auditor.export.parquet import write_parquet
    from auditor.export.redact import Pseudonymizer, Redactor
    from bench.bench_export import _corpus, _StoredCorpus

    writers: dict[str, Callable[..., int]] = {
        "har": write_har,
        "jsonl": write_jsonl,
        "parquet": write_parquet,
        "mitm": write_mitm,
    }
    args = sys.argv[1:]
    count = int(args.pop(0)) if args and args[0].isdigit() else 2_000
    formats = args or ["har", "jsonl", "parquet"]
    switch = _switch()
    records = _corpus(count)
    dump = 0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "out"
        stored: _StoredCorpus | None = None
        for fmt in formats:
            if fmt.startswith("store:"):
                # `auditor export` from a real store (`bench_export._StoredCorpus`): the store
                # read, `prime` and the writer counted on both sides.
                if stored is None:
                    stored = _StoredCorpus(records, tmp)
                for measured in (False, True):
                    for redacted in (False, True):
                        if measured:
                            switch.cg_start()
                        stored.export(fmt.removeprefix("store:"), path, redacted)
                        if measured:
                            switch.cg_stop()
                            dump += 1
                            kind = "redacted" if redacted else "unredacted"
                            print(f"dump {dump}: {fmt} {kind}", file=sys.stderr)
                continue
            writer = writers[fmt]
            for measured in (False, True):
                if measured:
                    switch.cg_start()
                writer(records, path, redacted=False)
                if measured:
                    switch.cg_stop()
                    dump += 1
                    print(f"dump {dump}: {fmt} unredacted", file=sys.stderr)
                redactor = Redactor(Pseudonymizer(KEY), {"h": "DESKTOP-X1"})
                if measured:
                    switch.cg_start()
                redactor.prime(records)
                writer((redactor.redact_record(r) for r in records), path, redacted=True)
                if measured:
                    switch.cg_stop()
                    dump += 1
                    print(f"dump {dump}: {fmt} redacted", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
