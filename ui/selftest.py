"""`auditor-gui --self-test`: the whole path once, headless — capture child, proxy, labeller,
store — driven by the same CaptureController and store worker the window uses."""

from __future__ import annotations

import http.client
import http.server
import json
import os
import secrets
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

SESSION = "self-test"


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        self.rfile.read(length)
        body = b'{"ok": true}'
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


def _send_through_proxy(proxy: tuple[str, int], server_port: int) -> int:
    """A plain-HTTP request in absolute form through the proxy; returns the status."""
    payload = json.dumps(
        {
            "event": "self_test",
            "email": "self-test@example.org",
            "device_id": "5f2b8a1e-77c3-4c1e-9d7f-2a1b3c4d5e6f",
        }
    ).encode()
    conn = http.client.HTTPConnection(proxy[0], proxy[1], timeout=20)
    try:
        conn.request(
            "POST",
            f"http://127.0.0.1:{server_port}/v1/track",
            body=payload,
            headers={"Content-Type": "application/json", "Authorization": "Bearer self-test-token"},
        )
        resp = conn.getresponse()
        resp.read()
        return int(resp.status)
    finally:
        conn.close()


def run_self_test(data_dir: str | None, passphrase_file: str | None, *, timeout_s: float) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from auditor.paths import DataDir
    from auditor.store import FlowQuery, Store, open_store
    from ui.capture import CaptureController, CaptureOptions
    from ui.qt import QCoreApplication, QTimer
    from ui.workers import StoreClient, run_in_pool

    tmp: tempfile.TemporaryDirectory[str] | None = None
    if data_dir is None:
        # A throwaway data dir with a throwaway passphrase: the test must not touch the user's.
        tmp = tempfile.TemporaryDirectory(prefix="auditor-self-test-")
        data_dir = tmp.name
        if passphrase_file is None and not os.environ.get("AUDITOR_PASSPHRASE"):
            os.environ["AUDITOR_PASSPHRASE"] = secrets.token_hex(16)
    root = Path(data_dir)
    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    outcome: dict[str, Any] = {"code": 1, "why": "timed out"}
    started = time.monotonic()
    capture = CaptureController(root, passphrase_file=passphrase_file)
    client = StoreClient(
        lambda: open_store(DataDir(root), passphrase_file=passphrase_file, readonly=True),
        "self-test",
    )

    def finish(code: int, why: str = "") -> None:
        outcome.update(code=code, why=why)
        if capture.running:
            capture.stop()
        else:
            app.quit()

    def poll() -> None:
        if time.monotonic() - started > timeout_s:
            finish(1, f"no labelled flow in the store after {timeout_s:.0f} s")
            return

        def look(store: Store) -> list[Any]:
            return store.query_flows(FlowQuery(session=SESSION), limit=5)

        def seen(rows: list[Any]) -> None:
            labelled = [r for r in rows if r.labels]
            if labelled:
                r = labelled[0]
                print(
                    f"self-test: stored {r.method} {r.host}{r.path} labelled {', '.join(r.labels)}"
                )
                finish(0)
            else:
                QTimer.singleShot(300, poll)

        client.submit(look, seen, lambda why: QTimer.singleShot(500, poll))

    def on_started(host: str, port: int) -> None:
        print(f"self-test: capture listening on {host}:{port}")
        server_port = server.server_address[1]

        def sent(status: int) -> None:
            if status != 200:
                finish(1, f"the request through the proxy got status {status}")
            else:
                poll()

        run_in_pool(
            lambda: _send_through_proxy((host, port), server_port),
            sent,
            lambda why: finish(1, f"request failed: {why}"),
        )

    capture.started.connect(on_started)
    capture.died.connect(
        lambda why: (outcome.update(code=1, why=f"capture died: {why}"), app.quit())
    )
    capture.stopped.connect(lambda _code: app.quit())
    QTimer.singleShot(int((timeout_s + 15) * 1000), app.quit)
    capture.start(CaptureOptions(session=SESSION, port=0))
    app.exec()
    capture.stop_and_wait()
    client.shutdown()
    server.shutdown()
    if tmp is not None:
        tmp.cleanup()
    if outcome["code"] == 0:
        print("self-test: ok")
        return 0
    print(f"auditor-gui: self-test failed: {outcome['why']}", file=sys.stderr)
    return 1
