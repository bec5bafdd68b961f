"""A local recording HTTP server for running real telemetry SDKs offline.

The server listens on 127.0.0.1 with an OS-chosen port, answers every request with a small
success response of the shape the SDK expects, and keeps each request (method, path, headers,
body) so the corpus generator can turn it into a flow record. SDK traffic therefore never leaves
the machine; the generator then rewrites the recorded host to the vendor's real ingest host so
host rules apply exactly as they would to captured traffic.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: list[tuple[str, str]]
    body: bytes
    ts: float = 0.0
    response_status: int = 200
    response_headers: list[tuple[str, str]] = field(default_factory=list)
    response_body: bytes = b""


def _response_for(path: str) -> tuple[str, bytes]:
    if path.startswith(("/flags", "/decide")):
        return "application/json", b'{"flags": {}, "featureFlags": {}, "errorsWhileComputingFlags": false}'
    if path.startswith(("/track", "/engage", "/import", "/groups")):
        return "application/json", b'{"status": 1, "error": null}'
    if path.startswith("/2/httpapi") or (path.startswith("/batch") and "amplitude" in path):
        return "application/json", b'{"code": 200, "events_ingested": 1}'
    if path.startswith("/v1/"):
        if path.startswith(("/v1/traces", "/v1/metrics", "/v1/logs")):
            return "application/x-protobuf", b""
        return "application/json", b'{"success": true}'
    if path.startswith("/api/1/"):
        return "application/json", b'{"err": 0, "result": {"id": null, "uuid": "0"}}'
    return "application/json", b"{}"


class _Handler(BaseHTTPRequestHandler):
    server: _RecordingServer
    protocol_version = "HTTP/1.1"
    responses_by_prefix: ClassVar[dict[str, tuple[str, bytes]]] = {}

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().strip() or b"0", 16)
                if size == 0:
                    self.rfile.readline()
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _handle(self) -> None:
        body = self._read_body()
        content_type, payload = _response_for(self.path)
        # Record before answering: the SDK may return (and the test read the recording) as soon
        # as it has the response.
        self.server.recorded.append(
            RecordedRequest(
                method=self.command,
                path=self.path,
                headers=[(k, v) for k, v in self.headers.items()],
                body=body,
                ts=time.time(),
                response_headers=[("Content-Type", content_type)],
                response_body=payload,
            )
        )
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = _handle
    do_POST = _handle
    do_PUT = _handle

    def log_message(self, format: str, *args: object) -> None:
        return


class _RecordingServer(ThreadingHTTPServer):
    daemon_threads = True
    recorded: list[RecordedRequest]


class RecordingServer:
    """`with RecordingServer() as srv: … srv.url … srv.take()`."""

    def __init__(self) -> None:
        self._server = _RecordingServer(("127.0.0.1", 0), _Handler)
        self._server.recorded = []
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def take(self) -> list[RecordedRequest]:
        items = list(self._server.recorded)
        self._server.recorded.clear()
        return items

    def __enter__(self) -> RecordingServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
