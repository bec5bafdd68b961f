"""Capture throughput, added latency and the crash bound: `auditor capture` against bare
`mitmdump`, same load, same run.

    python -m bench.bench_capture [--quick]

Besides the proxy: local upstreams (asyncio, a fixed small JSON answer; plain HTTP, and HTTPS with
a certificate made for the run) and a load generator (asyncio) sending telemetry-like POSTs over
HTTPS through the proxy (CONNECT, the proxy's CA trusted), in two shapes: keep-alive connections,
and a new TLS connection per request (as browsers' and meeting clients' short connections are).
Both proxies verify nothing upstream (`ssl_insecure`), alike. Our capture runs as the real command (`python -m auditor capture`: proxy,
attribution, labelling and the encrypted store); mitmdump runs with `-q` (no flow printing).
Runs alternate (ours, mitmdump, ours, mitmdump, …) and the ratio is of the medians, because the
machines we run on are shared and noisy. Latency is measured with one client sending sequential
requests, through each proxy and directly; "added" is the difference of the percentiles.

The crash bound: a burst of 32 clients each opening a connection per request through our
capture, `kill -9` of the capture and its children after a number of answers, then the store is
read: every flow answered more than 250 ms before the kill must be in it.
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


def _make_upstream_cert(directory: Path) -> tuple[Path, Path]:
    """A self-signed certificate for localhost (subjectAltName, or clients get a 502)."""
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=7))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "upstream-cert.pem", directory / "upstream-key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


async def _tls_upstream_main(cert: str, key: str) -> None:
    import ssl

    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
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
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError, OSError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0, backlog=1024, ssl=ctx)
    print(server.sockets[0].getsockname()[1], flush=True)
    await server.serve_forever()


def _tls_request(upstream_port: int, i: int) -> bytes:
    return (
        f"POST /v1/track?n={i} HTTP/1.1\r\nHost: localhost:{upstream_port}\r\n"
        f"Content-Type: application/json\r\nUser-Agent: bench/1\r\nContent-Length: {len(BODY)}\r\n\r\n"
    ).encode() + BODY


async def _tls_connect(
    port: int, upstream_port: int, ctx: object
) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """CONNECT through the proxy, then TLS with the proxy's CA trusted."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(
        f"CONNECT localhost:{upstream_port} HTTP/1.1\r\nHost: localhost:{upstream_port}\r\n\r\n".encode()
    )
    head = await reader.readuntil(b"\r\n\r\n")
    if not head.startswith(b"HTTP/1.1 200"):
        raise ConnectionError(head[:60].decode("latin-1"))
    await writer.start_tls(ctx, server_hostname="localhost")  # type: ignore[arg-type]
    return reader, writer


async def _tls_load_main(
    port: int, upstream_port: int, total: int, connections: int, new_each: bool, cafile: str
) -> dict[str, float]:
    import ssl

    ctx = ssl.create_default_context(cafile=cafile)
    counter = iter(range(total))
    done = 0
    errors = 0

    async def worker() -> None:
        nonlocal done, errors
        conn: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
        for i in counter:
            try:
                if conn is None:
                    conn = await _tls_connect(port, upstream_port, ctx)
                await _one_request(conn[0], conn[1], _tls_request(upstream_port, i))
                done += 1
            except (asyncio.IncompleteReadError, ConnectionError, OSError):
                errors += 1
                if conn is not None:
                    conn[1].close()
                conn = None
                continue
            if new_each:
                conn[1].close()
                conn = None
        if conn is not None:
            conn[1].close()

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(connections)))
    elapsed = time.perf_counter() - start
    return {"done": done, "errors": errors, "seconds": elapsed, "rps": done / elapsed}


def _child_main(argv: Sequence[str]) -> None:
    mode = argv[0]
    if mode == "--upstream":
        asyncio.run(_upstream_main())
    elif mode == "--tls-upstream":
        asyncio.run(_tls_upstream_main(argv[1], argv[2]))
    elif mode == "--tls-load":
        port, up, total, conns, new_each = (int(x) for x in argv[1:6])
        print(
            json.dumps(asyncio.run(_tls_load_main(port, up, total, conns, bool(new_each), argv[6])))
        )
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
        self.stop_seconds = 0.0

    @property
    def ca_cert(self) -> Path:
        """The CA certificate clients of this proxy trust."""
        if self.kind == "mitmdump":
            return self.data_dir / "mitmdump-conf" / "mitmproxy-ca-cert.pem"
        from auditor.capture.ca import ensure_ca
        from auditor.paths import DataDir

        return ensure_ca(DataDir(self.data_dir)).cert_pem

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
                    "--set",
                    "ssl_insecure=true",
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
                "--set",
                "ssl_insecure=true",
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
        started = time.monotonic()
        self.proc.send_signal(signal.SIGTERM if self.kind == "auditor" else signal.SIGINT)
        try:
            _out, err = self.proc.communicate(timeout=300)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            _out, err = self.proc.communicate()
        self.stop_seconds = time.monotonic() - started
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


def _run_tls_load(
    port: int, upstream_port: int, total: int, connections: int, new_each: bool, cafile: Path
) -> dict[str, float]:
    out = subprocess.run(
        _bench_child("--tls-load", port, upstream_port, total, connections, int(new_each), cafile),
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


# (name in the table, clients, a new TLS connection per request)
TLS_LOADS = (("keep-alive", 8, False), ("new connection per request", 16, True))


def _throughput(quick: bool, data_dir: Path, tls_port: int, results: list[BenchResult]) -> None:
    """Both HTTPS loads through each proxy, alternating proxies round by round."""
    totals = {False: 1_000 if quick else 6_000, True: 300 if quick else 2_000}
    rounds = 2 if quick else 3
    rps: dict[tuple[str, str], list[float]] = {}
    cpu_ms: dict[tuple[str, str], list[float]] = {}
    cpu_all_ms: dict[tuple[str, str], list[float]] = {}
    summaries: list[str] = []
    stop_s: list[float] = []
    for r in range(rounds):
        for kind in ("auditor", "mitmdump"):
            proxy = Proxy(kind, data_dir)
            proxy.start(f"bench-{r}")
            try:
                for load_name, clients, new_each in TLS_LOADS:
                    key = (kind, load_name)
                    total = totals[new_each]
                    _run_tls_load(
                        proxy.port, tls_port, 100, clients, new_each, proxy.ca_cert
                    )  # warm-up
                    proxy.settle()
                    own0, all0 = proxy.cpu_seconds()
                    load = _run_tls_load(
                        proxy.port, tls_port, total, clients, new_each, proxy.ca_cert
                    )
                    own1, _ = proxy.cpu_seconds()
                    proxy.settle()  # the whole pipeline's CPU includes draining the backlog
                    _, all1 = proxy.cpu_seconds()
                    rps.setdefault(key, []).append(load["rps"])
                    cpu_ms.setdefault(key, []).append((own1 - own0) / load["done"] * 1000)
                    cpu_all_ms.setdefault(key, []).append((all1 - all0) / load["done"] * 1000)
                    print(
                        f"  {kind:8s} round {r} {load_name}: {load['rps']:.0f} req/s "
                        f"({load['errors']:.0f} errors), {cpu_ms[key][-1]:.2f} ms CPU/flow in "
                        f"the proxy process, {cpu_all_ms[key][-1]:.2f} ms with its children",
                        file=sys.stderr,
                        flush=True,
                    )
            finally:
                proxy.stop()
            if kind == "auditor":
                summaries.append(proxy.summary)
                stop_s.append(proxy.stop_seconds)
    for load_name, clients, new_each in TLS_LOADS:
        ours_all = rps[("auditor", load_name)]
        theirs_all = rps[("mitmdump", load_name)]
        ours, theirs = statistics.median(ours_all), statistics.median(theirs_all)
        ratio = ours / theirs
        shape = f"HTTPS, {clients} clients, {load_name}"
        results.append(
            BenchResult(
                "capture",
                f"throughput, auditor capture ({totals[new_each]} POSTs; {shape})",
                ours,
                "req/s",
            )
        )
        results.append(
            BenchResult("capture", f"throughput, bare mitmdump -q ({load_name})", theirs, "req/s")
        )
        results.append(
            BenchResult(
                "capture",
                f"throughput ratio auditor / mitmdump ({load_name})",
                ratio,
                "ratio",
                ">= 0.90",
                ratio >= 0.90,
                notes=f"{shape}; medians of {rounds} alternating runs: "
                f"{[round(x) for x in ours_all]} vs {[round(x) for x in theirs_all]}",
            )
        )
        our_cpu = statistics.median(cpu_ms[("auditor", load_name)])
        our_all = statistics.median(cpu_all_ms[("auditor", load_name)])
        their_cpu = statistics.median(cpu_ms[("mitmdump", load_name)])
        results.append(
            BenchResult(
                "capture",
                f"CPU per flow in the proxy process, mitmdump / auditor ({load_name})",
                their_cpu / our_cpu,
                "ratio",
                notes=f"{our_cpu:.2f} ms vs {their_cpu:.2f} ms per flow, all threads, medians; "
                "labelling and storing run in a child process",
            )
        )
        results.append(
            BenchResult(
                "capture",
                f"CPU per flow incl. labelling + encrypted store, mitmdump / auditor ({load_name})",
                their_cpu / our_all,
                "ratio",
                notes=f"{our_all:.2f} ms vs {their_cpu:.2f} ms per flow: the whole pipeline's "
                "cost on a CPU-bound host",
            )
        )
    results.append(
        BenchResult(
            "capture",
            "SIGTERM to exit after both loads (backlog stored)",
            max(stop_s),
            "s",
            notes="worst of the rounds; " + "; ".join(summaries),
        )
    )


def _store_urls(data_dir: Path, session: str) -> set[str]:
    from auditor.paths import DataDir
    from auditor.store import FlowQuery, open_store

    os.environ["AUDITOR_PASSPHRASE"] = PASSPHRASE
    # Read-write: the WAL a kill -9 left is recovered first.
    store = open_store(DataDir(data_dir))
    try:
        return {f.request.url for f in store.iter_flows(FlowQuery(session=session)) if f.request}
    finally:
        store.close()


async def _burst_until_killed(
    proxy: Proxy, upstream_port: int, clients: int, kill_after: int
) -> tuple[float, list[tuple[str, float]]]:
    """`clients` clients each opening a connection per request (plain HTTP, absolute form) until
    `kill_after` answers, then SIGKILL of the capture and its children; (kill time, answers)."""
    assert proxy.proc is not None
    answers: list[tuple[str, float]] = []
    killed = asyncio.Event()
    killed_at = 0.0
    counter = iter(range(10**9))

    def kill_all() -> None:
        nonlocal killed_at
        root = psutil.Process(proxy.proc.pid)  # type: ignore[union-attr]
        children = root.children(recursive=True)
        killed_at = time.time()
        root.kill()
        for child in children:
            try:
                child.kill()
            except psutil.Error:
                pass
        killed.set()

    async def client() -> None:
        while not killed.is_set():
            i = next(counter)
            url = f"http://127.0.0.1:{upstream_port}/v1/track?n={i}"
            try:
                reader, writer = await asyncio.open_connection("127.0.0.1", proxy.port)
                await _one_request(reader, writer, _request(upstream_port, i, True))
                writer.close()
            except (asyncio.IncompleteReadError, ConnectionError, OSError):
                continue
            answers.append((url, time.time()))
            if len(answers) >= kill_after and not killed.is_set():
                kill_all()

    await asyncio.wait_for(asyncio.gather(*(client() for _ in range(clients))), 300)
    return killed_at, answers


def _crash_bound(
    quick: bool, data_dir: Path, upstream_port: int, results: list[BenchResult]
) -> None:
    clients = 32
    kill_after = 800 if quick else 3_000
    runs = 1 if quick else 3
    worst_lost = 0
    worst_age = 0.0
    notes: list[str] = []
    for n in range(runs):
        session = f"burst-{n}"
        proxy = Proxy("auditor", data_dir)
        proxy.start(session)
        try:
            killed_at, answers = asyncio.run(
                _burst_until_killed(proxy, upstream_port, clients, kill_after)
            )
        finally:
            if proxy.proc is not None and proxy.proc.poll() is None:
                proxy.proc.kill()
            if proxy.proc is not None:
                proxy.proc.communicate()
        stored = _store_urls(data_dir, session)
        missing = [killed_at - t for url, t in answers if url not in stored]
        lost_old = [age for age in missing if age > 0.25]
        worst_lost = max(worst_lost, len(lost_old))
        worst_age = max([worst_age, *missing])
        notes.append(
            f"{len(answers)} answered, {len(stored)} stored, {len(missing)} missing "
            f"(oldest {max(missing, default=0) * 1000:.0f} ms before the kill)"
        )
    results.append(
        BenchResult(
            "capture",
            f"kill -9 during a burst ({clients} clients, a connection per request): flows lost "
            "that ended > 250 ms before the kill",
            worst_lost,
            "flows",
            "0",
            worst_lost == 0,
            notes=f"worst of {runs} runs, killed after {kill_after} answers: " + "; ".join(notes),
        )
    )
    results.append(
        BenchResult(
            "capture",
            "kill -9 during that burst: oldest lost flow, ended before the kill",
            worst_age * 1000,
            "ms",
            "<= 250 ms",
            worst_age <= 0.25,
        )
    )


def run(quick: bool) -> list[BenchResult]:
    latency_count = 300 if quick else 2_000
    results: list[BenchResult] = []
    upstream = _child(_bench_child("--upstream"), stdout=subprocess.PIPE)
    assert upstream.stdout is not None
    upstream_port = int(upstream.stdout.readline())
    tls_upstream: subprocess.Popen[str] | None = None
    try:
        with tempfile.TemporaryDirectory(prefix="bench-capture-") as tmp:
            data_dir = Path(tmp) / "data"
            data_dir.mkdir(mode=0o700)
            cert, key = _make_upstream_cert(Path(tmp))
            tls_upstream = _child(_bench_child("--tls-upstream", cert, key), stdout=subprocess.PIPE)
            assert tls_upstream.stdout is not None
            tls_port = int(tls_upstream.stdout.readline())
            _throughput(quick, data_dir, tls_port, results)
            _crash_bound(quick, data_dir, upstream_port, results)

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
        for proc in (upstream, tls_upstream):
            if proc is not None:
                proc.kill()
                proc.wait()
    return results


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1].startswith("--") and sys.argv[1] != "--quick":
        _child_main(sys.argv[1:])
    else:
        for result in run(quick="--quick" in sys.argv):
            print(f"{result.name}: {result.value:.3f} {result.unit} {result.target} {result.notes}")
