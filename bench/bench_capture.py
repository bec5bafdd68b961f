"""Capture throughput and added latency: `auditor capture` against bare `mitmdump`, same load, same run.

    python -m bench.bench_capture [--quick]

Three processes besides the proxy: a local upstream (asyncio, fixed small JSON answer), and a
load generator (asyncio, keep-alive connections sending telemetry-like POSTs in absolute form
through the proxy). Our capture runs as the real command (`python -m auditor capture`: proxy,
attribution, labelling and the encrypted store); mitmdump runs with `-q` (no flow printing).
Runs alternate (ours, mitmdump, ours, mitmdump, …) and the ratio is of the medians, because the
machines we run on are shared and noisy. Latency is measured with one client sending sequential
requests, through each proxy and directly; "added" is the difference of the percentiles.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import psutil

from bench.common import BenchResult

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
PASSPHRASE = "bench passphrase, not a secret"

BODY = json.dumps(
    {
        "event": "meeting_joined",
        "user": {"email": "ada@example.com", "id": "user-42"},
        "device_id": "5b2f7c1e-9a43-4c1d-8d0e-2f6a9b1c3d4e",
        "meeting_id": "123-456-789",
        "os": "Linux 6.1",
        "ts": 1700000000,
    }
).encode()
ANSWER = b'{"ok":true,"config":{"sample_rate":1.0}}'


# ---------------------------------------------------------------------------------------------
# Upstream and load generator (run in their own processes: `python -m bench.bench_capture --upstream`)


async def _upstream_main() -> None:
    response = (
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
        + str(len(ANSWER)).encode()
        + b"\r\n\r\n"
        + ANSWER
    )

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                match = re.search(rb"(?i)content-length:\s*(\d+)", head)
                if match:
                    await reader.readexactly(int(match.group(1)))
                writer.write(response)
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0, backlog=512)
    print(server.sockets[0].getsockname()[1], flush=True)
    await server.serve_forever()


async def _one_request(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes
) -> None:
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    match = re.search(rb"(?i)content-length:\s*(\d+)", head)
    if match:
        await reader.readexactly(int(match.group(1)))


def _request(upstream_port: int, i: int, proxied: bool) -> bytes:
    target = f"http://127.0.0.1:{upstream_port}/v1/track?n={i}" if proxied else f"/v1/track?n={i}"
    return (
        f"POST {target} HTTP/1.1\r\nHost: 127.0.0.1:{upstream_port}\r\n"
        f"Content-Type: application/json\r\nUser-Agent: bench/1\r\nContent-Length: {len(BODY)}\r\n\r\n"
    ).encode() + BODY


async def _load_main(
    port: int, upstream_port: int, total: int, connections: int
) -> dict[str, float]:
    counter = iter(range(total))
    done = 0
    errors = 0

    async def worker() -> None:
        nonlocal done, errors
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            for i in counter:
                try:
                    await _one_request(reader, writer, _request(upstream_port, i, True))
                    done += 1
                except (asyncio.IncompleteReadError, ConnectionError):
                    errors += 1
                    writer.close()
                    reader, writer = await asyncio.open_connection("127.0.0.1", port)
        finally:
            writer.close()

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(connections)))
    elapsed = time.perf_counter() - start
    return {"done": done, "errors": errors, "seconds": elapsed, "rps": done / elapsed}


async def _latency_main(port: int, upstream_port: int, count: int, proxied: bool) -> list[float]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    times: list[float] = []
    for i in range(count + 20):
        t0 = time.perf_counter()
        await _one_request(reader, writer, _request(upstream_port, i, proxied))
        if i >= 20:  # warm-up
            times.append(time.perf_counter() - t0)
    writer.close()
    return times


def _child_main(argv: Sequence[str]) -> None:
    mode = argv[0]
    if mode == "--upstream":
        asyncio.run(_upstream_main())
    elif mode == "--load":
        port, up, total, conns = (int(x) for x in argv[1:5])
        print(json.dumps(asyncio.run(_load_main(port, up, total, conns))))
    elif mode == "--latency":
        port, up, count, proxied = (int(x) for x in argv[1:5])
        print(json.dumps(asyncio.run(_latency_main(port, up, count, bool(proxied)))))


# ---------------------------------------------------------------------------------------------
# Driving the proxies


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_port(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listening on {port}")


def _child(args: Sequence[str], **kw: object) -> subprocess.Popen[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    for name in (
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "http_proxy",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
    ):
        env.pop(name, None)
    env.update(kw.pop("env", {}))  # type: ignore[arg-type]
    return subprocess.Popen(list(args), env=env, cwd=ROOT, text=True, **kw)  # type: ignore[call-overload]


def _bench_child(*args: object) -> list[str]:
    return [sys.executable, "-m", "bench.bench_capture", *(str(a) for a in args)]


def _auditor_command() -> list[str]:
    return [sys.executable, "-m", "auditor"]


class Proxy:
    def __init__(self, kind: str, data_dir: Path) -> None:
        self.kind = kind
        self.data_dir = data_dir
        self.port = 0
        self.proc: subprocess.Popen[str] | None = None
        self.summary = ""

    def start(self, session: str) -> None:
        if self.kind == "mitmdump":
            self.port = _free_port()
            self.proc = _child(
                [
                    str(VENV_BIN / "mitmdump"),
                    "-q",
                    "--listen-host",
                    "127.0.0.1",
                    "--listen-port",
                    str(self.port),
                    "--set",
                    f"confdir={self.data_dir / 'mitmdump-conf'}",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            _wait_port(self.port)
            return
        self.proc = _child(
            [
                *_auditor_command(),
                "--data-dir",
                str(self.data_dir),
                "capture",
                "--listen",
                "127.0.0.1:0",
                "--session",
                session,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={"AUDITOR_PASSPHRASE": PASSPHRASE},
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        match = re.match(r"listening on 127\.0\.0\.1:(\d+)", line)
        if not match:
            _out, err = self.proc.communicate(timeout=10)
            raise RuntimeError(f"auditor capture did not start: {line!r} {err[-500:]}")
        self.port = int(match.group(1))

    def cpu_seconds(self) -> tuple[float, float]:
        """CPU time (user + system, all threads) so far: (proxy process, with its children)."""
        assert self.proc is not None
        root = psutil.Process(self.proc.pid)
        own = root.cpu_times().user + root.cpu_times().system
        total = own
        for proc in root.children(recursive=True):
            times = proc.cpu_times()
            total += times.user + times.system
        return own, total

    def settle(self, timeout: float = 300.0) -> None:
        """Wait until the proxy and its labelling/storing child are idle (the backlog drained)."""
        _own, last = self.cpu_seconds()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            time.sleep(0.5)
            _own, now = self.cpu_seconds()
            if now - last < 0.02:
                return
            last = now

    def stop(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGTERM if self.kind == "auditor" else signal.SIGINT)
        try:
            _out, err = self.proc.communicate(timeout=300)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            _out, err = self.proc.communicate()
        self.summary = (err or "").strip().splitlines()[-1] if err else ""


def _run_load(port: int, upstream_port: int, total: int, connections: int) -> dict[str, float]:
    out = subprocess.run(
        _bench_child("--load", port, upstream_port, total, connections),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=True,
    )
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def _run_latency(port: int, upstream_port: int, count: int, proxied: bool) -> list[float]:
    out = subprocess.run(
        _bench_child("--latency", port, upstream_port, count, int(proxied)),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def run(quick: bool) -> list[BenchResult]:
    total = 3_000 if quick else 50_000
    rounds = 2 if quick else 3
    connections = 8
    latency_count = 300 if quick else 2_000
    results: list[BenchResult] = []
    upstream = _child(_bench_child("--upstream"), stdout=subprocess.PIPE)
    assert upstream.stdout is not None
    upstream_port = int(upstream.stdout.readline())
    try:
        with tempfile.TemporaryDirectory(prefix="bench-capture-") as tmp:
            data_dir = Path(tmp) / "data"
            data_dir.mkdir(mode=0o700)
            rps: dict[str, list[float]] = {"auditor": [], "mitmdump": []}
            cpu_ms: dict[str, list[float]] = {"auditor": [], "mitmdump": []}
            cpu_all_ms: dict[str, list[float]] = {"auditor": [], "mitmdump": []}
            summaries: list[str] = []
            for r in range(rounds):
                for kind in ("auditor", "mitmdump"):
                    proxy = Proxy(kind, data_dir)
                    proxy.start(f"bench-{r}")
                    try:
                        _run_load(proxy.port, upstream_port, 200, connections)  # warm-up
                        own0, all0 = proxy.cpu_seconds()
                        load = _run_load(proxy.port, upstream_port, total, connections)
                        own1, _ = proxy.cpu_seconds()
                        proxy.settle()  # the whole pipeline's CPU includes draining the backlog
                        _, all1 = proxy.cpu_seconds()
                        cpu_ms[kind].append((own1 - own0) / load["done"] * 1000)
                        cpu_all_ms[kind].append((all1 - all0) / load["done"] * 1000)
                    finally:
                        proxy.stop()
                    rps[kind].append(load["rps"])
                    if kind == "auditor":
                        summaries.append(proxy.summary)
                    print(
                        f"  {kind:8s} round {r}: {load['rps']:.0f} req/s ({load['errors']:.0f} errors), "
                        f"{cpu_ms[kind][-1]:.2f} ms CPU/flow in the proxy process, "
                        f"{cpu_all_ms[kind][-1]:.2f} ms with its children",
                        file=sys.stderr,
                        flush=True,
                    )
            ours = statistics.median(rps["auditor"])
            theirs = statistics.median(rps["mitmdump"])
            ratio = ours / theirs
            results.append(
                BenchResult(
                    "capture",
                    f"throughput, auditor capture ({total} POSTs, {connections} keep-alive conns)",
                    ours,
                    "req/s",
                    notes="; ".join(summaries),
                )
            )
            results.append(
                BenchResult("capture", "throughput, bare mitmdump -q (same load)", theirs, "req/s")
            )
            results.append(
                BenchResult(
                    "capture",
                    "throughput ratio auditor / mitmdump",
                    ratio,
                    "ratio",
                    ">= 0.90",
                    ratio >= 0.90,
                    notes=f"medians of {rounds} alternating runs: {[round(x) for x in rps['auditor']]} vs {[round(x) for x in rps['mitmdump']]}",
                )
            )
            our_cpu = statistics.median(cpu_ms["auditor"])
            our_all = statistics.median(cpu_all_ms["auditor"])
            their_cpu = statistics.median(cpu_ms["mitmdump"])
            results.append(
                BenchResult(
                    "capture",
                    "CPU per flow in the proxy process, mitmdump / auditor",
                    their_cpu / our_cpu,
                    "ratio",
                    notes=f"{our_cpu:.2f} ms vs {their_cpu:.2f} ms per flow, all threads, medians; "
                    "labelling and storing run in a child process",
                )
            )
            results.append(
                BenchResult(
                    "capture",
                    "CPU per flow including labelling + encrypted store, mitmdump / auditor",
                    their_cpu / our_all,
                    "ratio",
                    notes=f"{our_all:.2f} ms vs {their_cpu:.2f} ms per flow: the whole pipeline's "
                    "cost on a CPU-bound host",
                )
            )

            direct = _run_latency(upstream_port, upstream_port, latency_count, False)
            lat: dict[str, list[float]] = {}
            for kind in ("auditor", "mitmdump"):
                proxy = Proxy(kind, data_dir)
                proxy.start("bench-latency")
                try:
                    lat[kind] = _run_latency(proxy.port, upstream_port, latency_count, True)
                finally:
                    proxy.stop()
            for q, label in ((0.5, "p50"), (0.99, "p99")):
                base = _pct(direct, q)
                for kind in ("auditor", "mitmdump"):
                    added = (_pct(lat[kind], q) - base) * 1000
                    results.append(
                        BenchResult(
                            "capture",
                            f"added latency {label}, {kind}",
                            added,
                            "ms",
                            notes=f"{latency_count} sequential requests; direct {label} {base * 1000:.2f} ms",
                        )
                    )
    finally:
        upstream.kill()
        upstream.wait()
    return results


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1].startswith("--") and sys.argv[1] != "--quick":
        _child_main(sys.argv[1:])
    else:
        for result in run(quick="--quick" in sys.argv):
            print(f"{result.name}: {result.value:.3f} {result.unit} {result.target} {result.notes}")
