"""Decoder benchmarks: flows decoded per second on a mixed corpus, and what a decompression
bomb costs (time and peak memory) beside decoding the same number of plain bytes.

Corpus: the raw requests captured from real SDKs (tests/decode/fixtures/*.json: Sentry br
envelope, OTLP gzip protobuf, Mixpanel form, Snowplow POST/GET, PostHog, Segment, Amplitude,
Rollbar, Bugsnag) plus encoder-built 1DS JSON-stream, 1DS Bond and play.google.com/log JSPB
bodies, repeated to the corpus size. Rates are per CPU second of this process (the machine is
shared); the wall-clock rate is in the notes.
"""

from __future__ import annotations

import base64
import gzip
import json
import time
import tracemalloc
from pathlib import Path

from auditor.decode import DecodeLimits, decode_body, decode_flow
from auditor.records import FlowRecord
from bench.common import BenchResult, stopwatch
from tests.tflow import tflow, treq

AREA = "decode"
ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "decode" / "fixtures"


def _record(method: str, url: str, headers: list[tuple[str, str]], body: bytes) -> FlowRecord:
    request = treq(
        url,
        method=method,
        host=url.split("/")[2],
        port=443,
        path="/" + url.split("/", 3)[3] if url.count("/") >= 3 else "/",
        headers=headers,
        body=body,
    )
    return tflow(id="b", session="bench", ts=0.0, req=request)


def corpus_templates() -> list[FlowRecord]:
    records: list[FlowRecord] = []
    for path in sorted(FIXTURES.glob("*.json")):
        for item in json.loads(path.read_text()):
            records.append(
                _record(
                    item["method"],
                    f"https://{item['sdk']}.example{item['path']}",
                    [(str(k), str(v)) for k, v in item["headers"]],
                    base64.b64decode(item["body_b64"]),
                )
            )
    events = [
        {
            "name": "Teams.Meeting.Join",
            "ver": "4.0",
            "iKey": "o:0123",
            "ext": {"user": {"localId": f"u:{i}"}, "device": {"localId": "d:1"}},
            "data": {"meetingId": str(8_000_000 + i)},
        }
        for i in range(20)
    ]
    records.append(
        _record(
            "POST",
            "https://mobile.events.data.microsoft.com/OneCollector/1.0/",
            [("Content-Type", "application/x-json-stream"), ("Content-Encoding", "gzip")],
            gzip.compress("\n".join(json.dumps(e) for e in events).encode()),
        )
    )
    from tests.decode.bond_writer import cs_record

    bond = b"".join(
        cs_record("Teams.Join", 1_700_000_000_000 + i, "o:k", f"u:{i}", "d:1", {"k": "v"})
        for i in range(10)
    )
    records.append(
        _record(
            "POST",
            "https://self.events.data.microsoft.com/OneCollector/1.0/",
            [("Content-Type", "application/bond-compact-binary")],
            bond,
        )
    )
    jspb = [[1, None, [None, "en-US"]], 4, [["1700000000000", None, json.dumps([None, "Pixel"])]]]
    records.append(
        _record(
            "POST",
            "https://play.google.com/log?format=json",
            [("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")],
            json.dumps(jspb).encode(),
        )
    )
    return records


def bench_throughput(count: int) -> BenchResult:
    templates = corpus_templates()
    flows = [templates[i % len(templates)] for i in range(count)]
    fields = 0
    # CPU time of this process: the machine is shared, and decoding is single-threaded.
    cpu_start = time.process_time()
    with stopwatch() as elapsed:
        for record in flows:
            fields += len(decode_flow(record).fields)
    cpu = time.process_time() - cpu_start
    rate = count / cpu
    return BenchResult(
        area=AREA,
        name=f"decode_flow, {count:,} mixed SDK flows (per CPU second)",
        value=rate,
        unit="flows/s",
        target=">= 3000 flows/s (the labeller's whole budget on one core)",
        passed=rate >= 3000,
        notes=(
            f"{fields / count:.0f} fields per flow, {len(templates)} distinct payloads; "
            f"wall {count / elapsed():,.0f} flows/s"
        ),
    )


def bench_bomb(expanded_mib: int) -> list[BenchResult]:
    """A bomb's cost must not grow with what it expands to: compare it with a small bomb that
    just passes the cap (both stop at the cap), and its peak memory with the cap."""
    cap = DecodeLimits().max_decoded_bytes
    big = gzip.compress(bytes(expanded_mib * 1024 * 1024), compresslevel=1)
    small = gzip.compress(bytes(2 * cap), compresslevel=1)

    def cpu_of(data: bytes) -> tuple[float, list[str]]:
        best = float("inf")
        errors: list[str] = []
        for _ in range(3):
            cpu_start = time.process_time()
            _, errors = decode_body(data, None, "gzip", ("body",), None)
            best = min(best, time.process_time() - cpu_start)
        return best, errors

    big_s, big_errors = cpu_of(big)
    small_s, _ = cpu_of(small)
    # Memory in a separate run: tracemalloc slows allocation-heavy code.
    tracemalloc.start()
    decode_body(big, None, "gzip", ("body",), None)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    capped = any("decoded size exceeds cap" in e for e in big_errors)
    return [
        BenchResult(
            area=AREA,
            name=f"gzip bomb {len(big) // 1024} KiB -> {expanded_mib} MiB, CPU vs a 16 MiB bomb",
            value=big_s / small_s,
            unit="ratio",
            target="<= 1.5 (cost set by the 8 MiB cap, not the bomb)",
            passed=capped and big_s / small_s <= 1.5,
            notes=f"{big_s * 1000:.0f} ms vs {small_s * 1000:.0f} ms CPU, cap hit: {capped}",
        ),
        BenchResult(
            area=AREA,
            name="gzip bomb peak traced memory / 8 MiB cap",
            value=peak / cap,
            unit="ratio",
            target="<= 4",
            passed=peak / cap <= 4,
            notes=f"peak {peak / 2**20:.1f} MiB",
        ),
    ]


def run(quick: bool) -> list[BenchResult]:
    return [bench_throughput(2_000 if quick else 10_000), *bench_bomb(256 if quick else 1024)]


if __name__ == "__main__":
    for result in run(quick=True):
        print(result)
