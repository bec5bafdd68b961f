"""Instructions per labelled flow, for callgrind: the steady measure of a labeller speed change.

CPU time on a shared machine swings by ±20% between minutes; the instruction count of the same
work repeats within 0.2%. Run under valgrind, instrumentation off until the measured part:

    PYTHONHASHSEED=0 valgrind --tool=callgrind --instr-atstart=no \\
        .venv/bin/python -m bench.label_callgrind

It labels the bench's varied corpus flows (`bench.bench_label.build_flows`), 300 as warm-up
(caches, plans), then switches instrumentation on around the labelling of the next 1,000 and
off again; valgrind's "Collected" line is the count (`callgrind_annotate` the output file for
where it goes). For another tree, run it from that checkout with `PYTHONPATH=<checkout>`: the
flows are the same wherever the bench's corpus is. The switch is callgrind's client request,
compiled on first use into a small shared library (needs a C compiler and valgrind's headers).

`python -m bench.label_callgrind WARM_UP MEASURED` measures another window: with 3000 1000 the
corpus's flows have all been seen before (the steady state of the bench's 10,000 flows, where
work remembered per path or value pays; the default window is half first-seen flows).
"""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from auditor.label import KnownValues, Labeller
from bench.bench_label import KNOWN_VALUES, build_flows

WARM_UP = 300
MEASURED = 1000
_SOURCE = """#include <valgrind/callgrind.h>
void cg_start(void) { CALLGRIND_ZERO_STATS; CALLGRIND_START_INSTRUMENTATION; }
void cg_stop(void) { CALLGRIND_STOP_INSTRUMENTATION; CALLGRIND_DUMP_STATS; }
"""


def _switch() -> ctypes.CDLL:
    folder = Path(tempfile.gettempdir()) / f"label-callgrind-{os.getuid()}"
    folder.mkdir(exist_ok=True)
    library = folder / "cgswitch.so"
    if not library.exists():
        source = folder / "cgswitch.c"
        source.write_text(_SOURCE, encoding="utf-8")
        subprocess.run(
            ["cc", "-O2", "-shared", "-fPIC", "-o", str(library), str(source)], check=True
        )
    return ctypes.CDLL(str(library))


def main() -> int:
    try:
        switch = _switch()
    except (OSError, subprocess.CalledProcessError) as exc:
        print(f"label_callgrind: cannot build the callgrind switch: {exc}", file=sys.stderr)
        return 2
    warm_up, measured = (
        (int(sys.argv[1]), int(sys.argv[2]))
        if len(sys.argv) == 3
        else (
            WARM_UP,
            MEASURED,
        )
    )
    flows = build_flows(warm_up + measured)
    labeller = Labeller(known_values=KnownValues.from_mapping(KNOWN_VALUES))
    for record in flows[:warm_up]:
        labeller.label(record)
    switch.cg_start()
    for record in flows[warm_up:]:
        labeller.label(record)
    switch.cg_stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
