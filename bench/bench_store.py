"""Store benchmarks: ingest rate, filtered-page latency at 100k and 1M flows, RSS while ingesting.

Synthetic but realistic flows: meeting-client hosts and telemetry SDK endpoints, helper
processes grouped by app, JSON bodies with identifiers, labels from the taxonomy, policy
verdicts. The store uses the passphrase key path (no keyring needed to run the bench).
"""

from __future__ import annotations

import json
import os
import random
import resource
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from bench.common import BenchResult, stopwatch

AREA = "store"
BATCH = 1000  # what a capture at the 5,000 flows/s target commits every 200 ms

HOSTS: list[tuple[str, str, str, str]] = [
    # host, app, entity, party
    ("zoom.us", "zoom", "Zoom", "first"),
    ("us05web.zoom.us", "zoom", "Zoom", "first"),
    ("log.zoom.us", "zoom", "Zoom", "first"),
    ("api.zoom.us", "zoom", "Zoom", "first"),
    ("teams.microsoft.com", "teams", "Microsoft", "first"),
    ("presence.teams.microsoft.com", "teams", "Microsoft", "first"),
    ("mobile.events.data.microsoft.com", "teams", "Microsoft", "first"),
    ("browser.pipe.aria.microsoft.com", "teams", "Microsoft", "first"),
    ("meet.google.com", "meet", "Google", "first"),
    ("play.google.com", "meet", "Google", "first"),
    ("o123456.ingest.sentry.io", "zoom", "Sentry", "third"),
    ("app.posthog.com", "teams", "PostHog", "third"),
    ("api.mixpanel.com", "zoom", "Mixpanel", "third"),
    ("api2.amplitude.com", "meet", "Amplitude", "third"),
    ("api.segment.io", "zoom", "Segment", "third"),
    ("collector.snowplow.io", "teams", "Snowplow", "third"),
    ("api.rollbar.com", "meet", "Rollbar", "third"),
    ("otlp.example-telemetry.net", "teams", "Unknown telemetry", "unknown"),
    ("cdn.jsdelivr.net", "meet", "jsDelivr", "third"),
    ("fonts.gstatic.com", "meet", "Google", "first"),
]
PROCESSES = {
    "zoom": ["zoom", "ZoomWebviewHost", "zoom_crashpad"],
    "teams": ["teams", "msedgewebview2", "ms-teams"],
    "meet": ["chrome", "chrome_crashpad"],
}
# Category and how often it shows up (some labels are everywhere, credentials are rare).
LABELS: dict[str, float] = {
    "identifiers.device_id": 0.30,
    "identifiers.email": 0.12,
    "identifiers.user_id": 0.25,
    "identifiers.ip_address": 0.05,
    "content.chat_text": 0.02,
    "content.meeting_title": 0.03,
    "device.os_version": 0.35,
    "device.hardware": 0.10,
    "usage.feature_events": 0.40,
    "usage.meeting_metadata": 0.15,
    "diagnostics.crash_report": 0.01,
    "diagnostics.performance": 0.08,
    "location.timezone": 0.10,
    "credentials.token": 0.003,
}
PATHS = [
    "/api/v1/events",
    "/batch",
    "/track",
    "/e/",
    "/v1/traces",
    "/api/2/envelope/",
    "/OneCollector/1.0/",
    "/log",
    "/wc/join",
    "/presence/v1/me",
    "/telemetry/metrics",
    "/2/httpapi",
]
VERDICTS = ["clear", "vague", "consent_required", "omitted", "contradicted"]


def synthetic_flows(count: int, session: str, *, seed: int = 7, start: float = 1.7e9) -> Iterator:
    """`count` FlowRecords, deterministic for a seed."""
    from auditor.records import Entity, Evidence, Label, PolicyFinding, ProcessInfo
    from tests.tflow import tflow, treq, tresp

    rng = random.Random(seed)
    ts = start
    for i in range(count):
        ts += rng.expovariate(20.0)  # ~20 flows/s of wall time
        host, app, entity, party = rng.choice(HOSTS)
        proc_name = rng.choice(PROCESSES[app])
        path = rng.choice(PATHS)
        device = f"{rng.getrandbits(64):016x}"
        body = json.dumps(
            {
                "event": rng.choice(["join", "leave", "mute", "unmute", "heartbeat", "share"]),
                "device_id": device,
                "user": {
                    "id": rng.randrange(10**6),
                    "email": f"user{rng.randrange(999)}@corp.test",
                },
                "os": "Linux 6.8",
                "seq": i,
                "props": {f"k{j}": rng.random() for j in range(rng.randrange(2, 12))},
            }
        ).encode()
        labels = [
            Label(cat, [Evidence("rule." + cat, "body › " + cat.split(".")[-1], "…")])
            for cat, share in LABELS.items()
            if rng.random() < share
        ]
        policy = (
            [
                PolicyFinding(
                    f"{app}/privacy",
                    "2024-01-01",
                    f"{rng.randrange(1, 12)}.1",
                    rng.choice(VERDICTS),
                    "…",
                )
            ]
            if labels
            else []
        )
        yield tflow(
            id=f"{seed:04x}{i:028x}",
            session=session,
            ts=ts,
            process=ProcessInfo(pid=1000 + hash(proc_name) % 5000, name=proc_name, app=app),
            # Keywords in this order: the random draws must stay the same for a seed.
            req=treq(
                method=rng.choice(["POST", "POST", "GET"]),
                url=f"https://{host}{path}?v={rng.randrange(100)}",
                host=host,
                port=443,
                path=f"{path}?v={rng.randrange(100)}",
                http_version="HTTP/2.0",
                headers=[
                    ("user-agent", f"{app}/5.17 (Linux)"),
                    ("content-type", "application/json"),
                    ("authorization", f"Bearer {rng.getrandbits(128):032x}"),
                    ("x-device-id", device),
                ],
                body=body,
            ),
            resp=tresp(
                status=rng.choice([200, 200, 200, 204, 202, 400, 500]),
                reason="",
                headers=[("content-type", "application/json"), ("server", "nginx")],
                body=b'{"ok":true}',
            ),
            entity=Entity(name=entity, party=party, domain=host.split(".", 1)[-1]),  # type: ignore[arg-type]
            labels=labels,
            policy=policy,
            bytes_sent=len(body) + 200,
            bytes_received=300,
        )


def _rss_mib() -> float:
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def _latency_ms(fn: Callable[[], object], repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        with stopwatch() as elapsed:
            fn()
        times.append(elapsed() * 1000)
    return statistics.median(times)


def _ingest(store: object, total: int, session: str, seed: int) -> tuple[float, float, list[float]]:
    """Ingest `total` flows in batches; returns (flows/s wall, flows per CPU second, RSS MiB)."""
    gen = synthetic_flows(total, session, seed=seed)
    rss: list[float] = []
    busy = 0.0
    cpu = 0.0
    done = 0
    while done < total:
        batch = [next(gen) for _ in range(min(BATCH, total - done))]
        cpu_start = time.process_time()
        with stopwatch() as elapsed:
            store.add_flows(batch)  # type: ignore[attr-defined]
        cpu += time.process_time() - cpu_start
        busy += elapsed()
        done += len(batch)
        if (done // BATCH) % 10 == 0:
            rss.append(_rss_mib())
    return done / busy, done / max(cpu, 1e-9), rss


def run(quick: bool) -> list[BenchResult]:
    from auditor.paths import DataDir
    from auditor.store import FlowQuery, open_store

    sizes = [100_000] if quick else [100_000, 1_000_000]
    results: list[BenchResult] = []
    with tempfile.TemporaryDirectory(prefix="bench-store-") as tmp:
        data_dir = DataDir(Path(tmp) / "data")
        data_dir.root.mkdir()
        # The passphrase path: no keyring needed, and nothing leaks into the environment.
        pw = Path(tmp) / "passphrase"
        pw.write_text("bench-passphrase")
        store = open_store(data_dir, passphrase_file=pw)
        have = 0
        all_rss: list[float] = []
        rates: list[float] = []
        for size in sizes:
            load_before = os.getloadavg()[0]
            rate, cpu_rate, rss = _ingest(store, size - have, f"bench-{size}", seed=size)
            rates.append(rate)
            all_rss.extend(rss)
            have = size
            results.append(
                BenchResult(
                    AREA,
                    f"ingest rate up to {size:,} flows (batches of {BATCH})",
                    round(rate),
                    "flows/s",
                    ">= 5000 flows/s",
                    rate >= 5000,
                    f"add_flows wall time only; {cpu_rate:.0f} flows per CPU-second of the "
                    f"writer; load average {load_before:.1f}-{os.getloadavg()[0]:.1f} on "
                    f"{os.cpu_count()} CPUs; synthetic HTTP flows ~1 KiB with bodies, labels, "
                    "verdicts",
                )
            )
            # Planner statistics as a long-running capture keeps them (PRAGMA optimize on close).
            store.close()
            store = open_store(data_dir, passphrase_file=pw)
            reader = open_store(data_dir, passphrase_file=pw, readonly=True)
            session = f"bench-{size}"
            queries: dict[str, tuple[FlowQuery, dict[str, object]]] = {
                "session, first page": (FlowQuery(session=session), {}),
                "session + label, newest first": (
                    FlowQuery(session=session, labels=["identifiers.email"]),
                    {"descending": True},
                ),
                "host substring + app": (FlowQuery(host="sentry", app="zoom"), {}),
                "third parties + verdict": (
                    FlowQuery(party="third", verdict="contradicted"),
                    {"descending": True},
                ),
                "free text": (FlowQuery(text="posthog"), {}),
                "rare label (credentials) + text": (
                    FlowQuery(labels=["credentials"], text="mixpanel"),
                    {},
                ),
                "common label + common text": (
                    FlowQuery(labels=["usage"], text="zoom"),
                    {"descending": True},
                ),
                "deep page (keyset cursor at 90%)": (FlowQuery(session=session), {"deep": True}),
            }
            worst = 0.0
            details = []
            for name, (q, kw) in queries.items():
                if kw.pop("deep", False):
                    n = reader.count_flows(q)
                    page = reader.query_flows(q, offset=int(n * 0.9), limit=1)
                    cursor = (page[0].ts, page[0].rowid)
                    ms = _latency_ms(
                        lambda q=q, c=cursor, r=reader: r.query_flows(q, limit=100, cursor=c)
                    )
                else:
                    ms = _latency_ms(lambda q=q, kw=kw, r=reader: r.query_flows(q, limit=100, **kw))
                worst = max(worst, ms)
                details.append(f"{name}: {ms:.1f}")
            results.append(
                BenchResult(
                    AREA,
                    f"filtered page of 100 at {size:,} flows (worst of {len(queries)} filters)",
                    round(worst, 1),
                    "ms",
                    "<= 50 ms",
                    worst <= 50,
                    "median of 7, reader connection; " + "; ".join(details),
                )
            )
            cnt_ms = _latency_ms(lambda s=session, r=reader: r.count_flows(FlowQuery(session=s)), 3)
            lab_ms = _latency_ms(lambda r=reader: r.counts_by("label", FlowQuery()), 1)
            results.append(
                BenchResult(
                    AREA,
                    f"count_flows(session) / counts_by(label) at {size:,} flows",
                    round(cnt_ms, 2),
                    "ms",
                    notes=f"counts_by('label') over all flows: {lab_ms:.0f} ms",
                )
            )
            reader.close()
        store.close()
        growth = (max(all_rss[len(all_rss) // 4 :]) - all_rss[len(all_rss) // 4]) if all_rss else 0
        results.append(
            BenchResult(
                AREA,
                "RSS growth while ingesting (after the first quarter)",
                round(growth, 1),
                "MiB",
                "flat (<= 64 MiB, the page cache)",
                growth <= 64,
                f"RSS from {min(all_rss):.0f} to {max(all_rss):.0f} MiB over {have:,} flows; "
                f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB",
            )
        )
        db_files = sum(p.stat().st_size for p in data_dir.root.iterdir() if p.is_file())
        results.append(
            BenchResult(AREA, f"store size at {have:,} flows", round(db_files / 2**20), "MiB")
        )
    return results


if __name__ == "__main__":
    import sys

    for r in run(quick="--full" not in sys.argv):
        print(f"{r.name}: {r.value} {r.unit} target={r.target} passed={r.passed} {r.notes}")
