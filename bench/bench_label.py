"""Labelled flows per second: decode + label together (the real cost per flow), one core.

The 10k-flow corpus repeats every labelled corpus file (tests/label/corpus/*.jsonl: the
development set and every held-out set, which count as development data once scored) with
variations — new flow ids, hosts varied among each vendor's real subdomains, ids and numbers in
bodies and URLs changed — so host caches and per-value work are exercised as with real traffic.

Rates are flows per CPU-second of this process (`time.process_time`): on a shared machine wall
time includes waiting for the CPU. Even CPU time drifts with the load (caches, frequency), so a
speed change is measured as a ratio side by side in one run: with `BENCH_LABEL_BASE` set to a
checkout of an older commit (`git worktree add --detach /tmp/base main`), the same flows are
labelled by that tree's code and by this one in alternating child processes, and the median of
the per-round ratios is reported.
"""

from __future__ import annotations

import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

from auditor.decode import decode_flow
from auditor.label import KnownValues, Labeller
from auditor.records import FlowRecord, from_spec_dict
from bench.common import BenchResult, stopwatch

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = ROOT / "tests" / "label" / "corpus"
CORPORA = tuple(sorted(CORPUS_DIR.glob("*.jsonl")))
TARGET_FLOWS_PER_S = 3000.0
BASE_ENV = "BENCH_LABEL_BASE"
COMPARE_ROUNDS = 5
KNOWN_VALUES = {
    "hostname": "corpus-host-01",
    "username": "alice.corpus",
    "email": "alice.example@example.com",
    "name": "Alice Example",
    "meeting_id": "85512345678",
    "mac": "3c:22:fb:12:34:56",
    "local_ip": "192.168.1.23",
}
_DIGITS = re.compile(rb"\d{3,}")


def _vary_bytes(data: bytes | None, rng: random.Random) -> bytes | None:
    if not data or data[:1] not in (b"{", b"[", b"\n") or b"\x00" in data:
        return data  # binary or compressed: keep as sent
    return _DIGITS.sub(
        lambda m: str(rng.randrange(10 ** (len(m.group(0)) - 1), 10 ** len(m.group(0)))).encode(),
        data,
    )


def build_flows(count: int, seed: int = 7) -> list[FlowRecord]:
    lines = [
        json.loads(line)
        for corpus in CORPORA
        for line in corpus.read_text(encoding="utf-8").splitlines()
        if line
    ]
    rng = random.Random(seed)
    flows: list[FlowRecord] = []
    for number in range(count):
        base = lines[number % len(lines)]
        record = from_spec_dict(base)
        record.id = f"bench-{number}"
        request = record.request
        if request is not None:
            labels = request.host.split(".")
            if len(labels) > 2 and rng.random() < 0.5:
                # another real-looking subdomain of the same vendor (us01 → us07, …)
                labels[0] = re.sub(r"\d+", lambda m: str(rng.randrange(1, 99)), labels[0])
                request.host = ".".join(labels)
            request.body = _vary_bytes(request.body, rng)
        flows.append(record)
    return flows


def measure(count: int) -> dict[str, float]:
    """CPU seconds of decode + label and of decode alone over `count` varied flows."""
    flows = build_flows(count)
    labeller = Labeller(known_values=KnownValues.from_mapping(KNOWN_VALUES))
    for record in flows[:200]:  # warm caches (host → rules, key classification)
        labeller.label(record)
    # Decoding alone, side by side in the same run, shows how the cost splits. CPU time of this
    # process is the work of the one core it runs on; wall-clock time is also given because on
    # a shared machine it includes time spent waiting for the CPU.
    cpu = time.process_time()
    for record in flows:
        decode_flow(record)
    decode_cpu = time.process_time() - cpu
    labels = 0
    cpu = time.process_time()
    with stopwatch() as elapsed:
        for record in flows:
            labels += len(labeller.label(record).labels)
    label_cpu = time.process_time() - cpu
    return {
        "flows": len(flows),
        "label_cpu": label_cpu,
        "decode_cpu": decode_cpu,
        "wall": elapsed(),
        "labels": labels,
    }


def _measure_tree(tree: Path, count: int) -> dict[str, float]:
    """`measure` in a child process whose `auditor` package comes from `tree` (the flows are
    this tree's corpus, built by this file's code)."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tree), str(ROOT)]))
    env.pop(BASE_ENV, None)
    out = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", str(count)],
        env=env,
        cwd=tree,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


def compare(base: Path, count: int, rounds: int = COMPARE_ROUNDS) -> list[tuple[float, float]]:
    """(base, this tree) decode + label flows per CPU-second, per round, the two alternating
    (and which goes first alternating too) so that load on the machine falls on both alike."""
    pairs: list[tuple[float, float]] = []
    for number in range(rounds):
        order = (base, ROOT) if number % 2 == 0 else (ROOT, base)
        rates = {}
        for tree in order:
            measured = _measure_tree(tree, count)
            rates[tree] = measured["flows"] / measured["label_cpu"]
        pairs.append((rates[base], rates[ROOT]))
    return pairs


def run(quick: bool) -> list[BenchResult]:
    count = 2000 if quick else 10_000
    measured = measure(count)
    flows, label_cpu, decode_cpu = measured["flows"], measured["label_cpu"], measured["decode_cpu"]
    wall = measured["wall"]
    rate = flows / label_cpu
    results = [
        BenchResult(
            area="labeller",
            name=f"decode + label {flows:.0f} flows (corpus with variations, one core)",
            value=round(rate, 1),
            unit="flows/s",
            target=f">= {TARGET_FLOWS_PER_S:.0f} flows/s",
            passed=rate >= TARGET_FLOWS_PER_S,
            notes=(
                f"flows per CPU-second; CPU time {label_cpu:.2f} s; wall clock {wall:.2f} s "
                f"({flows / wall:.0f} flows/s); {measured['labels'] / flows:.1f} labels per flow; "
                f"{len(CORPORA)} corpus files"
            ),
        ),
        BenchResult(
            area="labeller",
            name=f"decode only, same {flows:.0f} flows",
            value=round(flows / decode_cpu, 1),
            unit="flows/s",
            notes="CPU time; the decoders' share of the cost above",
        ),
        BenchResult(
            area="labeller",
            name="labelling share of decode + label CPU time",
            value=round(1 - decode_cpu / label_cpu, 3),
            unit="ratio",
            notes="rules + detectors + known values + entity, excluding decoding",
        ),
    ]
    base = os.environ.get(BASE_ENV)
    if base:
        pairs = compare(Path(base), count)
        ratios = [mine / old for old, mine in pairs]
        results.append(
            BenchResult(
                area="labeller",
                name=(
                    f"decode + label, this tree / {BASE_ENV} (same run, alternating; "
                    f"median of {len(pairs)})"
                ),
                value=round(statistics.median(ratios), 3),
                unit="ratio",
                notes="flows per CPU-second, base / this tree per round: "
                + ", ".join(f"{old:,.0f} / {mine:,.0f}" for old, mine in pairs),
            )
        )
    return results


if __name__ == "__main__":
    if "--child" in sys.argv:
        print(json.dumps(measure(int(sys.argv[sys.argv.index("--child") + 1]))))
    else:
        for result in run(quick="--quick" in sys.argv):
            print(result)
