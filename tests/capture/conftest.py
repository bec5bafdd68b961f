"""Fixtures for the capture tests: a local TLS lab (test CA + HTTPS, WSS and raw TCP upstreams),
an in-process capture engine whose sink collects records, and helpers to wait for flows.

Everything listens on 127.0.0.1, port 0. The engine verifies the upstreams with the lab CA
(`ssl_verify_upstream_trusted_ca`), like a user pointing the capture at a lab server.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from auditor.capture.ca import CaFiles, ensure_ca
from auditor.capture.proxy import CaptureConfig, CaptureEngine
from auditor.capture.sink import FlowSink
from auditor.paths import DataDir
from auditor.records import FlowRecord
from tests.helpers.tls import LabPki, make_lab_pki
from tests.helpers.upstream import UpstreamServer


class CollectingWriter:
    """The sink's writer for engine tests: keeps the stored batches in memory to look at."""

    def __init__(self) -> None:
        self.records: list[FlowRecord] = []
        self.batches = 0
        self._cond = threading.Condition()

    def add_flows(self, records: Sequence[FlowRecord]) -> None:
        with self._cond:
            self.records.extend(records)
            self.batches += 1
            self._cond.notify_all()

    def wait_for(
        self, predicate: Callable[[FlowRecord], bool], count: int = 1, timeout: float = 10.0
    ) -> list[FlowRecord]:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = [r for r in self.records if predicate(r)]
                if len(found) >= count:
                    return found
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    kinds = [(r.kind, r.host, r.request and r.request.path) for r in self.records]
                    raise AssertionError(
                        f"expected {count} matching flows, got {len(found)}: {kinds}"
                    )
                self._cond.wait(remaining)


class RunningCapture:
    def __init__(
        self, engine: CaptureEngine, sink: FlowSink, writer: CollectingWriter, ca: CaFiles
    ) -> None:
        self.engine = engine
        self.sink = sink
        self.writer = writer
        self.ca = ca

    @property
    def port(self) -> int:
        return self.engine.listen_addrs[0][1]

    @property
    def proxy_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.engine.stop()
        self.sink.close()


@pytest.fixture(scope="session")
def lab_pki(tmp_path_factory: pytest.TempPathFactory) -> LabPki:
    return make_lab_pki(tmp_path_factory.mktemp("lab-pki"))


@pytest.fixture(scope="session")
def proxy_ca(tmp_path_factory: pytest.TempPathFactory) -> CaFiles:
    root = tmp_path_factory.mktemp("capture-data")
    return ensure_ca(DataDir(root))


@pytest.fixture(scope="session")
def https_upstream(lab_pki: LabPki) -> Iterator[UpstreamServer]:
    with UpstreamServer(lab_pki, bomb_inflated=1 << 20) as server:
        yield server


@pytest.fixture
def start_capture(proxy_ca: CaFiles, lab_pki: LabPki) -> Iterator[Callable[..., RunningCapture]]:
    """Starts an in-process engine (config overrides as keyword arguments); stopped after the test."""
    running: list[RunningCapture] = []

    def _start(**overrides: Any) -> RunningCapture:
        writer = CollectingWriter()
        sink = FlowSink(lambda: writer, make_enricher=None, flush_interval=0.05)
        sink.start()
        options = [f"ssl_verify_upstream_trusted_ca={lab_pki.ca_cert}"]
        options += overrides.pop("mitm_options", [])
        config = CaptureConfig(
            session="test", confdir=proxy_ca.confdir, mitm_options=options, **overrides
        )
        engine = CaptureEngine(config, sink.put)
        try:
            engine.start()
        except BaseException:
            sink.close()
            raise
        cap = RunningCapture(engine, sink, writer, proxy_ca)
        running.append(cap)
        return cap

    yield _start
    for cap in running:
        cap.stop()


# ---------------------------------------------------------------------------------------------
# A WebSocket (wss) echo upstream and a raw TCP echo upstream.


class WssUpstream:
    def __init__(self, pki: LabPki) -> None:
        self.pki = pki
        self.port = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._ready = threading.Event()
        self._thread = threading.Thread(target=lambda: asyncio.run(self._main()), daemon=True)

    async def _main(self) -> None:
        from websockets.asyncio.server import ServerConnection, serve

        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(str(self.pki.server_cert), str(self.pki.server_key))

        async def echo(conn: ServerConnection) -> None:
            async for message in conn:
                await conn.send(message)

        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        async with serve(echo, "127.0.0.1", 0, ssl=ctx) as server:
            self.port = next(iter(server.sockets)).getsockname()[1]
            self._ready.set()
            await self._stop.wait()

    def __enter__(self) -> WssUpstream:
        self._thread.start()
        assert self._ready.wait(10)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(5)


@pytest.fixture(scope="session")
def wss_upstream(lab_pki: LabPki) -> Iterator[WssUpstream]:
    with WssUpstream(lab_pki) as server:
        yield server


class TcpEchoUpstream:
    """Uppercases what it receives: a non-HTTP protocol where the client speaks first."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    @staticmethod
    def _handle(conn: socket.socket) -> None:
        with conn:
            while data := conn.recv(65536):
                conn.sendall(data.upper())

    def __enter__(self) -> TcpEchoUpstream:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.sock.close()


@pytest.fixture(scope="session")
def tcp_upstream() -> Iterator[TcpEchoUpstream]:
    with TcpEchoUpstream() as server:
        yield server


@contextmanager
def client_ssl_context(ca: Path) -> Iterator[ssl.SSLContext]:
    yield ssl.create_default_context(cafile=str(ca))
