"""Run real telemetry SDKs against a loopback HTTP server and keep the raw requests they sent.

Used by the SDK tests (live) and by `make_fixtures.py` (which saves a few captures as small JSON
files under `fixtures/` for fast tests). Everything talks to 127.0.0.1 on a port chosen by the OS.
"""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from auditor.records import FlowRecord
from tests.tflow import tflow, treq

FIXTURES = Path(__file__).parent / "fixtures"

# Planted values the tests look for in what the SDKs sent.
EMAIL = "alice.example@example.org"
USER_ID = "user-4242"
SECRET_IN_CODE = "hardcoded.dev@example.net"


@dataclass
class CapturedRequest:
    method: str
    path: str
    headers: list[tuple[str, str]]
    body: bytes
    host: str = "127.0.0.1"
    port: int = 0

    def to_json(self, sdk: str) -> dict[str, Any]:
        return {
            "sdk": sdk,
            "method": self.method,
            "path": self.path,
            "headers": [list(h) for h in self.headers],
            "body_b64": base64.b64encode(self.body).decode("ascii"),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CapturedRequest:
        return cls(
            method=data["method"],
            path=data["path"],
            headers=[(str(k), str(v)) for k, v in data["headers"]],
            body=base64.b64decode(data["body_b64"]),
        )

    def flow(self, host: str = "127.0.0.1") -> FlowRecord:
        url = f"http://{host}{self.path}"
        request = treq(
            url,
            method=self.method,
            host=host,
            port=80,
            path=urlsplit(url).path,
            headers=self.headers,
            body=self.body,
        )
        return tflow(id="f", session="test", ts=0.0, req=request)


@dataclass
class Recorder:
    requests: list[CapturedRequest] = field(default_factory=list)
    response_body: bytes = b"{}"
    lock: threading.Lock = field(default_factory=threading.Lock)

    def wait_for(
        self, predicate: Callable[[CapturedRequest], bool], timeout: float = 10.0
    ) -> list[CapturedRequest]:
        import time

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                hits = [r for r in self.requests if predicate(r)]
            if hits:
                return hits
            time.sleep(0.02)
        return []


@contextmanager
def recording_server(response_body: bytes = b"{}") -> Iterator[tuple[Recorder, int]]:
    recorder = Recorder(response_body=response_body)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _record(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                body = self.rfile.read(length)
            elif "chunked" in (self.headers.get("Transfer-Encoding") or ""):
                body = self._read_chunked()
            else:
                body = b""
            with recorder.lock:
                recorder.requests.append(
                    CapturedRequest(
                        method=self.command,
                        path=self.path,
                        headers=list(self.headers.items()),
                        body=body,
                    )
                )
            payload = recorder.response_body
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def _read_chunked(self) -> bytes:
            out = bytearray()
            while True:
                size = int(self.rfile.readline().strip().split(b";")[0], 16)
                if size == 0:
                    self.rfile.readline()
                    return bytes(out)
                out += self.rfile.read(size)
                self.rfile.readline()

        do_POST = do_GET = do_PUT = _record

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield recorder, server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def load_fixture(name: str) -> list[CapturedRequest]:
    data = json.loads((FIXTURES / name).read_text())
    return [CapturedRequest.from_json(item) for item in data]


# ------------------------------------------------------------------------------------------
# SDK drivers: each runs in a child process (SDKs keep global state) and sends to 127.0.0.1:PORT.


def _lookup_profile(email: str) -> None:
    # The local variable and this line's literal become stack-frame context in error reports.
    fallback = "hardcoded.dev@example.net"
    raise ValueError(f"no profile for {email or fallback}")


def drive_sentry(port: int) -> None:
    import sentry_sdk

    sentry_sdk.init(
        dsn=f"http://publickey@127.0.0.1:{port}/42",
        default_integrations=False,
        traces_sample_rate=0,
        include_local_variables=True,
        send_default_pii=True,
    )
    sentry_sdk.set_user({"id": USER_ID, "email": EMAIL})
    try:
        _lookup_profile(EMAIL)
    except ValueError:
        sentry_sdk.capture_exception()
    sentry_sdk.flush(timeout=5)


def drive_rollbar(port: int) -> None:
    import rollbar

    rollbar.init(
        "0123456789abcdef0123456789abcdef",
        environment="test",
        endpoint=f"http://127.0.0.1:{port}/api/1/",
        handler="blocking",
        locals={"enabled": True},
    )
    try:
        _lookup_profile(EMAIL)
    except ValueError:
        rollbar.report_exc_info(extra_data={"user_email": EMAIL})


def drive_bugsnag(port: int) -> None:
    import bugsnag

    client = bugsnag.Client(
        api_key="0123456789abcdef0123456789abcdef",
        endpoint=f"http://127.0.0.1:{port}/",
        session_endpoint=f"http://127.0.0.1:{port}/sessions",
        asynchronous=False,
        auto_capture_sessions=False,
        send_code=True,
    )
    try:
        _lookup_profile(EMAIL)
    except ValueError as exc:
        client.notify(exc, user={"id": USER_ID, "email": EMAIL})


def drive_posthog(port: int) -> None:
    from posthog import Posthog

    client = Posthog("phc_testkey", host=f"http://127.0.0.1:{port}", sync_mode=True)
    client.capture(
        distinct_id=USER_ID, event="meeting_joined", properties={"email": EMAIL, "$os": "Linux"}
    )
    client.shutdown()


def drive_mixpanel(port: int) -> None:
    from mixpanel import Consumer, Mixpanel

    consumer = Consumer(
        events_url=f"http://127.0.0.1:{port}/track",
        people_url=f"http://127.0.0.1:{port}/engage",
        request_timeout=5,
    )
    mp = Mixpanel("mp_token", consumer=consumer)
    mp.track(USER_ID, "meeting_joined", {"$email": EMAIL, "$os": "Linux"})
    mp.people_set(USER_ID, {"$email": EMAIL, "$name": "Alice Example"})


def drive_segment(port: int) -> None:
    import segment.analytics as analytics

    analytics.write_key = "seg_write_key"
    analytics.host = f"http://127.0.0.1:{port}"
    analytics.sync_mode = True
    analytics.identify(USER_ID, {"email": EMAIL, "name": "Alice Example"})
    analytics.track(USER_ID, "Meeting Joined", {"meeting_id": "81234567890"})
    analytics.flush()


def drive_amplitude(port: int) -> None:
    from amplitude import Amplitude, BaseEvent, Config

    client = Amplitude(
        "amp_api_key",
        Config(
            server_url=f"http://127.0.0.1:{port}/2/httpapi",
            flush_queue_size=1,
            flush_interval_millis=50,
        ),
    )
    client.track(
        BaseEvent(
            event_type="meeting_joined",
            user_id=USER_ID,
            device_id="device-1234",
            event_properties={"email": EMAIL},
            os_name="Linux",
        )
    )
    client.flush()
    client.shutdown()


def drive_otlp(port: int) -> None:
    from opentelemetry.exporter.otlp.proto.http import Compression
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor

    exporter = OTLPSpanExporter(
        endpoint=f"http://127.0.0.1:{port}/v1/traces", compression=Compression.Gzip
    )
    provider = TracerProvider(
        resource=Resource.create({"service.name": "meeting-client", "host.name": "alice-laptop"})
    )
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    tracer = provider.get_tracer("test")
    with tracer.start_as_current_span("join_meeting") as span:
        span.set_attribute("enduser.id", EMAIL)
    provider.shutdown()


def drive_snowplow(port: int) -> None:
    from snowplow_tracker import Emitter, SelfDescribingJson, Subject, Tracker
    from snowplow_tracker.events import PageView, SelfDescribing

    for method in ("post", "get"):
        emitter = Emitter(f"127.0.0.1:{port}", protocol="http", method=method, batch_size=1)
        subject = Subject().set_user_id(EMAIL).set_platform("pc")
        tracker = Tracker(
            namespace="zoom-web",
            emitters=emitter,
            subject=subject,
            app_id="zoom",
            encode_base64=True,
        )
        tracker.track(
            SelfDescribing(
                SelfDescribingJson(
                    "iglu:us.zoom/meeting_join/jsonschema/1-0-0",
                    {"meeting_id": "81234567890", "email": EMAIL},
                ),
                context=[
                    SelfDescribingJson("iglu:us.zoom/device/jsonschema/1-0-0", {"os": "Linux"})
                ],
            )
        )
        tracker.track(PageView(page_url="https://zoom.us/wc/join"))
        tracker.flush()


DRIVERS: dict[str, Callable[[int], None]] = {
    "sentry": drive_sentry,
    "rollbar": drive_rollbar,
    "bugsnag": drive_bugsnag,
    "posthog": drive_posthog,
    "mixpanel": drive_mixpanel,
    "segment": drive_segment,
    "amplitude": drive_amplitude,
    "otlp": drive_otlp,
    "snowplow": drive_snowplow,
}
RESPONSES: dict[str, bytes] = {
    "mixpanel": b'{"status": 1, "error": null}',
    "rollbar": b'{"err": 0, "result": {"id": null, "uuid": "x"}}',
    "amplitude": b'{"code": 200, "events_ingested": 1}',
    "snowplow": b"",
}


def capture(sdk: str, timeout: float = 30.0) -> list[CapturedRequest]:
    """Run one SDK in a child process against a fresh recording server; its raw requests."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    with recording_server(RESPONSES.get(sdk, b"{}")) as (recorder, port):
        env = {**os.environ, "PYTHONPATH": str(root)}
        for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY"):
            env.pop(name, None)
        subprocess.run(
            [sys.executable, "-m", "tests.decode.sdk_capture", sdk, str(port)],
            check=True,
            timeout=timeout,
            env=env,
            cwd=root,
            capture_output=True,
        )
        with recorder.lock:
            return list(recorder.requests)


if __name__ == "__main__":
    import sys

    DRIVERS[sys.argv[1]](int(sys.argv[2]))
