"""Labelled flows per second: decode + label together (the real cost per flow), one core.

The 10k-flow corpus repeats the labelled corpus (tests/label/corpus/flows.jsonl, heldout.jsonl and
heldout2.jsonl: development and held-out sets together) with variations
— new flow ids, hosts varied among each vendor's real subdomains, ids and numbers in bodies and
URLs changed — so host caches and per-value work are exercised as with real traffic.
"""

from __future__ import annotations

import json
import random
import re
import time
from pathlib import Path

from auditor.decode import decode_flow
from auditor.label import KnownValues, Labeller
from auditor.records import FlowRecord, from_spec_dict
from bench.common import BenchResult, stopwatch

CORPUS_DIR = Path(__file__).resolve().parent.parent / "tests" / "label" / "corpus"
CORPORA = (
    CORPUS_DIR / "flows.jsonl",
    CORPUS_DIR / "heldout.jsonl",
    CORPUS_DIR / "heldout2.jsonl",
)
TARGET_FLOWS_PER_S = 3000.0
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


def run(quick: bool) -> list[BenchResult]:
    count = 2000 if quick else 10_000
    flows = build_flows(count)
    labeller = Labeller(
        known_values=KnownValues.from_mapping(
            {
                "hostname": "corpus-host-01",
                "username": "alice.corpus",
                "email": "alice.example@example.com",
                "name": "Alice Example",
                "meeting_id": "85512345678",
                "mac": "3c:22:fb:12:34:56",
                "local_ip": "192.168.1.23",
            }
        )
    )
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
    wall = elapsed()
    rate = len(flows) / label_cpu
    return [
        BenchResult(
            area="labeller",
            name=f"decode + label {len(flows)} flows (corpus with variations, one core)",
            value=round(rate, 1),
            unit="flows/s",
            target=f">= {TARGET_FLOWS_PER_S:.0f} flows/s",
            passed=rate >= TARGET_FLOWS_PER_S,
            notes=(
                f"CPU time {label_cpu:.2f} s; wall clock {wall:.2f} s "
                f"({len(flows) / wall:.0f} flows/s); {labels / len(flows):.1f} labels per flow"
            ),
        ),
        BenchResult(
            area="labeller",
            name=f"decode only, same {len(flows)} flows",
            value=round(len(flows) / decode_cpu, 1),
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


if __name__ == "__main__":
    import sys

    for result in run(quick="--quick" in sys.argv):
        print(result)
