"""A local HTTP(S) upstream server for tests, with paths that misbehave on purpose.

    /ok            200, small body (keep-alive)
    /echo          200, echoes the request body
    /bomb          200, a gzip body that inflates to `bomb_inflated` bytes (Content-Encoding: gzip)
    /reset         sends the head and part of the body, then resets the TCP connection (RST)
    /hang          reads the request and never answers (until the server stops)
    /close         closes the connection without any answer

It listens on 127.0.0.1 port 0 in a background thread; `with UpstreamServer() as up: up.url("/ok")`.
"""

from __future__ import annotations

import functools
import socket
import ssl
import struct
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

from tests.helpers.tls import LabPki

GIB = 1 << 30


@functools.lru_cache(maxsize=4)
def gzip_bomb(inflated_size: int = GIB) -> bytes:
    """One gzip member that inflates to `inflated_size` zero bytes (about 1/1000 of it on the wire)."""
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = bytes(1 << 20)
    parts: list[bytes] = []
    remaining = inflated_size
    while remaining > 0:
        n = min(remaining, len(chunk))
        parts.append(comp.compress(chunk[:n]))
        remaining -= n
    parts.append(comp.flush())
    return b"".join(parts)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _LabHTTPServer

    def log_message(self, format: str, *args: object) -> None:
        return  # quiet: thousands of requests in the soak

    def _read_body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _route(self) -> None:
        body = self._read_body()
        with self.server.count_lock:
            self.server.requests_seen += 1
        path = self.path.split("?", 1)[0]
        # Proxied plain-HTTP requests may arrive in absolute form.
        if "://" in path:
            path = "/" + path.split("://", 1)[1].split("/", 1)[-1]
        if path == "/echo":
            self._send(200, body, {"Content-Type": "application/octet-stream"})
        elif path == "/bomb":
            bomb = gzip_bomb(self.server.bomb_inflated)
            self._send(200, bomb, {"Content-Type": "application/json", "Content-Encoding": "gzip"})
        elif path == "/reset":
            self.send_response(200)
            self.send_header("Content-Length", "100000")
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"x" * 1000)
            self.wfile.flush()
            # SO_LINGER 0: close() sends RST instead of FIN.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            self.connection.close()
        elif path == "/hang":
            self.server.stopping.wait()
            self.close_connection = True
        elif path == "/close":
            self.close_connection = True
        else:
            self._send(200, b'{"ok":true}', {"Content-Type": "application/json"})

    do_GET = _route
    do_POST = _route
    do_PUT = _route
    do_HEAD = _route


class _LabHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, bomb_inflated: int) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.bomb_inflated = bomb_inflated
        self.stopping = threading.Event()
        self.count_lock = threading.Lock()
        self.requests_seen = 0


class UpstreamServer:
    """The lab server. With `pki`, it speaks HTTPS with the lab's server certificate."""

    def __init__(self, pki: LabPki | None = None, *, bomb_inflated: int = GIB) -> None:
        self.pki = pki
        self._server = _LabHTTPServer(bomb_inflated)
        if pki is not None:
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(str(pki.server_cert), str(pki.server_key))
            self._server.socket = ctx.wrap_socket(self._server.socket, server_side=True)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True
        )

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def requests_seen(self) -> int:
        return self._server.requests_seen

    def url(self, path: str = "/ok", host: str = "127.0.0.1") -> str:
        scheme = "https" if self.pki is not None else "http"
        return f"{scheme}://{host}:{self.port}{path}"

    def start(self) -> UpstreamServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> UpstreamServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def closed_port() -> int:
    """A loopback port with nothing listening (bound then released: refused on connect)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
