"""The capture under load and abuse: a soak of concurrent keep-alive clients loses no flow,
`kill -9` mid-capture leaves a sound store that lost only the last uncommitted batch, and
compression bombs through the whole pipeline (proxy, decoders, labeller, store) cost bounded
memory and do not stop the capture."""

from __future__ import annotations

import os
import threading
import time

import zstandard

from tests.helpers.capture import CaptureProcess
from tests.helpers.clients import via_proxy_http
from tests.helpers.fixtures import CaptureFactory
from tests.helpers.load import run_clients
from tests.helpers.store import all_flows, count_flows, integrity_check
from tests.helpers.upstream import UpstreamServer, gzip_bomb

SOAK_CLIENTS = 4
SOAK_PER_CLIENT = int(os.environ.get("AUDITOR_SOAK_PER_CLIENT", "5000"))
SOAK_DEADLINE_S = float(os.environ.get("AUDITOR_SOAK_SECONDS", "120"))
# "Tens of thousands": the soak must reach at least this many requests within its deadline.
SOAK_MIN_REQUESTS = int(os.environ.get("AUDITOR_SOAK_MIN", "10000"))
# The store's stated bound (auditor/capture/worker.py): a batch is committed at least every 250 ms.
COMMIT_BOUND_S = 0.25


def _labelling_active(capture: CaptureProcess) -> None:
    assert "labelling unavailable" not in capture.stderr, capture.stderr[-1500:]
    assert "labelling disabled" not in capture.stderr, capture.stderr[-1500:]


def test_soak_concurrent_clients_lose_no_flow(
    capture_factory: CaptureFactory, upstream: UpstreamServer
) -> None:
    capture = capture_factory(session="soak", sinkhole=["sink.test"])
    deadline = time.time() + SOAK_DEADLINE_S

    def url_of(client: int, i: int) -> str:
        # Three in four sinkholed, one in four through to the local upstream.
        if i % 4 == 3:
            return upstream.url(f"/ok?c={client}&i={i}")
        return f"http://sink.test/v1/events?c={client}&i={i}"

    upstream_before = upstream.requests_seen
    results = run_clients(
        capture.host,
        capture.port,
        url_of,
        clients=SOAK_CLIENTS,
        per_client=SOAK_PER_CLIENT,
        deadline=deadline,
    )
    answered = sum(r.answered for r in results)
    failed = sum(r.failed for r in results)
    assert failed == 0, [e for r in results for e in r.errors]
    assert answered >= SOAK_MIN_REQUESTS, f"only {answered} requests in {SOAK_DEADLINE_S:.0f} s"
    assert capture.alive()
    assert capture.terminate(timeout=120) == 0, capture.stderr[-2000:]
    assert "DROPPED" not in capture.stderr and "lost" not in capture.stderr, capture.stderr[-2000:]
    stored = count_flows(capture.data_dir, session="soak")
    assert stored == answered, f"{answered} requests answered, {stored} flows stored"
    # Every fourth request of each client went through to the upstream: none sinkholed by mistake.
    assert upstream.requests_seen - upstream_before == sum(r.answered // 4 for r in results)
    # Bounded in time; report how far it got (the full soak is 4 x 5,000 requests).
    print(f"soak: {answered} requests over {SOAK_CLIENTS} keep-alive clients, all stored")
    _labelling_active(capture)


def _kill_during_load(capture: CaptureProcess, session: str, load_seconds: float) -> None:
    """Busy clients for `load_seconds`, then SIGKILL of the capture and all its processes; checks
    integrity and the loss bound, then that the store takes new flows."""
    stop = threading.Event()
    results: list = []

    def load() -> None:
        results.extend(
            run_clients(
                capture.host,
                capture.port,
                lambda c, i: f"http://sink.test/e?c={c}&i={i}",
                clients=4,
                per_client=100_000,
                stop=stop,
                deadline=time.time() + 60,
            )
        )

    loader = threading.Thread(target=load, daemon=True)
    loader.start()
    time.sleep(load_seconds)
    killed_at = time.time()
    capture.kill()
    stop.set()
    loader.join(30)
    answered_at = sorted(t for r in results for t in r.answered_at)
    assert len(answered_at) > 50, "the capture was busy when it was killed"
    must_have = sum(1 for t in answered_at if t < killed_at - COMMIT_BOUND_S)

    assert integrity_check(capture.data_dir) == ["ok"]
    stored_urls = {f.request.url for f in all_flows(capture.data_dir, session=session) if f.request}
    stored = len(stored_urls)
    lost_window = [t for t in answered_at if t >= killed_at - COMMIT_BOUND_S]
    missing = [
        t
        for r in results
        for url, t in zip(r.answered_urls, r.answered_at, strict=True)
        if url not in stored_urls
    ]
    oldest_missing_ms = (killed_at - min(missing)) * 1000 if missing else 0.0
    assert stored >= must_have, (
        f"{must_have} flows answered more than {COMMIT_BOUND_S * 1000:.0f} ms before the kill, "
        f"only {stored} committed ({len(answered_at)} answered in all, "
        f"{len(lost_window)} in the last {COMMIT_BOUND_S * 1000:.0f} ms); the oldest lost flow "
        f"was answered {oldest_missing_ms:.0f} ms before the kill"
    )
    assert stored <= len(answered_at) + 4  # at most one request in flight per client
    # The store opens and takes new flows after the crash.
    again = CaptureProcess(capture.data_dir, session="after-kill", sinkhole=["sink.test"]).start()
    try:
        assert via_proxy_http((again.host, again.port), "http://sink.test/after").status == 204
    finally:
        assert again.terminate() == 0
    assert count_flows(capture.data_dir, session="after-kill") == 1


def test_kill_9_during_busy_capture(capture_factory: CaptureFactory) -> None:
    """Steady state: the capture has stored its first flow (labeller loaded) before the load."""
    capture = capture_factory(session="killed", sinkhole=["sink.test"])
    assert via_proxy_http((capture.host, capture.port), "http://sink.test/warmup").status == 204
    deadline = time.monotonic() + 90
    while count_flows(capture.data_dir, session="killed") < 1:
        assert time.monotonic() < deadline, "the first flow never reached the store"
        time.sleep(0.2)
    _kill_during_load(capture, "killed", load_seconds=3.0)


def test_kill_9_soon_after_start(capture_factory: CaptureFactory) -> None:
    """Clients start as soon as `listening on` is printed, as real ones do: the bound holds from
    the first flow, not only once the labeller has loaded."""
    capture = capture_factory(session="killed", sinkhole=["sink.test"])
    _kill_during_load(capture, "killed", load_seconds=3.0)


BOMB_INFLATED = 256 << 20  # 256 MiB of zeros, about 250 KiB gzipped and 8 KiB as zstd
MEMORY_GROWTH_LIMIT = 160 << 20


def _zstd_bomb(size: int) -> bytes:
    cctx = zstandard.ZstdCompressor(level=3)
    chunk = bytes(1 << 20)
    comp = cctx.compressobj(size=size)
    parts = [comp.compress(chunk) for _ in range(size // len(chunk))]
    parts.append(comp.flush())
    return b"".join(parts)


def test_decompression_bombs_through_the_pipeline(
    capture_factory: CaptureFactory,
) -> None:
    with UpstreamServer(bomb_inflated=BOMB_INFLATED) as bomb_server:
        capture = capture_factory(session="bombs", sinkhole=["o1.ingest.sentry.io"])
        proxy = (capture.host, capture.port)
        # A small flow first, so the labeller and decoders are loaded before the baseline.
        assert (
            via_proxy_http(
                proxy, "https://o1.ingest.sentry.io/warmup".replace("https", "http")
            ).status
            == 204
        )
        time.sleep(1.0)
        baseline = capture.rss_bytes()
        peak = [baseline]
        watching = threading.Event()

        def watch() -> None:
            while not watching.is_set():
                peak[0] = max(peak[0], capture.rss_bytes())
                time.sleep(0.02)

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        gz = gzip_bomb(BOMB_INFLATED)
        zs = _zstd_bomb(BOMB_INFLATED)
        try:
            answer = via_proxy_http(proxy, bomb_server.url("/bomb"), timeout=60)
            assert answer.status == 200 and answer.body == gz  # passed through, never inflated
            for encoding, body in (("gzip", gz), ("zstd", zs)):
                sent = via_proxy_http(
                    proxy,
                    f"http://o1.ingest.sentry.io/api/1/envelope/?enc={encoding}",
                    method="POST",
                    headers={"Content-Type": "application/json", "Content-Encoding": encoding},
                    body=body,
                    timeout=60,
                )
                assert sent.status == 204
            # Wait until the bombs went through labelling and into the store.
            deadline = time.monotonic() + 60
            while count_flows(capture.data_dir, session="bombs") < 4:
                assert time.monotonic() < deadline, "bomb flows never reached the store"
                assert capture.alive(), capture.stderr[-2000:]
                time.sleep(0.3)
        finally:
            watching.set()
            watcher.join()
        assert capture.alive(), capture.stderr[-2000:]
        assert via_proxy_http(proxy, bomb_server.url("/ok")).status == 200
        assert capture.terminate() == 0
    growth = peak[0] - baseline
    assert growth < MEMORY_GROWTH_LIMIT, f"RSS grew by {growth >> 20} MiB on 256 MiB bombs"
    flows = {f.request.path: f for f in all_flows(capture.data_dir, session="bombs") if f.request}
    bomb_flow = flows["/bomb"]
    assert bomb_flow.response is not None and bomb_flow.response.size == len(gz)
    _labelling_active(capture)
