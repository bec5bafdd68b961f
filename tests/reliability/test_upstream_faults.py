"""Upstream servers that refuse, reset or never answer: the client gets an error, the flow is
recorded with `error`, and the capture stays up and keeps answering."""

from __future__ import annotations

import http.client
import time
from collections.abc import Iterator

import pytest

from auditor.records import FlowRecord
from tests.helpers.capture import CaptureProcess
from tests.helpers.fixtures import CaptureFactory
from tests.helpers.store import all_flows
from tests.helpers.upstream import UpstreamServer, closed_port

# mitmproxy has no upstream read timeout of its own; `tcp_timeout` closes idle connections.
IDLE_TIMEOUT = 2


@pytest.fixture(scope="module")
def capture(module_capture_factory: CaptureFactory) -> Iterator[CaptureProcess]:
    yield module_capture_factory(session="faults", sets=[f"tcp_timeout={IDLE_TIMEOUT}"])


def _get(capture: CaptureProcess, url: str, timeout: float = 15) -> tuple[int | None, str]:
    conn = http.client.HTTPConnection(capture.host, capture.port, timeout=timeout)
    try:
        conn.request("GET", url)
        resp = conn.getresponse()
        body = resp.read()
        return resp.status, body[:200].decode("utf-8", "replace")
    except (OSError, http.client.HTTPException) as err:
        return None, f"{type(err).__name__}: {err}"
    finally:
        conn.close()


def _flow_for(capture: CaptureProcess, path: str, timeout: float = 10) -> FlowRecord:
    deadline = time.monotonic() + timeout
    while True:
        for flow in all_flows(capture.data_dir, session="faults"):
            if flow.request is not None and flow.request.path == path:
                return flow
        if time.monotonic() > deadline:
            raise AssertionError(f"no flow for {path} in the store after {timeout}s")
        time.sleep(0.3)


def _still_serving(capture: CaptureProcess, upstream: UpstreamServer) -> None:
    assert capture.alive(), capture.stderr[-2000:]
    status, body = _get(capture, upstream.url("/ok"))
    assert status == 200 and '"ok"' in body


def test_upstream_refusing(capture: CaptureProcess, upstream: UpstreamServer) -> None:
    url = f"http://127.0.0.1:{closed_port()}/refused"
    status, _ = _get(capture, url)
    assert status is None or status >= 500  # mitmproxy answers 502 Bad Gateway
    flow = _flow_for(capture, "/refused")
    assert flow.error, "a refused connection must be recorded with its error"
    assert flow.response is None or flow.response.status >= 500
    _still_serving(capture, upstream)


def test_upstream_resetting_mid_response(capture: CaptureProcess, upstream: UpstreamServer) -> None:
    status, _ = _get(capture, upstream.url("/reset"))
    assert status is None or status >= 500
    flow = _flow_for(capture, "/reset")
    assert flow.error, "a reset mid-response must be recorded with its error"
    _still_serving(capture, upstream)


def test_upstream_closing_without_answer(capture: CaptureProcess, upstream: UpstreamServer) -> None:
    status, _ = _get(capture, upstream.url("/close"))
    assert status is None or status >= 500
    assert _flow_for(capture, "/close").error
    _still_serving(capture, upstream)


def test_upstream_never_answering(capture: CaptureProcess, upstream: UpstreamServer) -> None:
    started = time.monotonic()
    status, detail = _get(capture, upstream.url("/hang"), timeout=IDLE_TIMEOUT + 10)
    waited = time.monotonic() - started
    # The proxy gives up after its idle timeout: the client sees an error, not a hang.
    assert status is None or status >= 500, detail
    assert waited < IDLE_TIMEOUT + 8
    assert _flow_for(capture, "/hang").error
    _still_serving(capture, upstream)


def test_clean_exit_after_faults(capture: CaptureProcess) -> None:
    """SIGTERM after all of the above: exit 0, and no traceback on stderr (one-line errors only)."""
    assert capture.terminate(timeout=30) == 0
    assert "Traceback" not in capture.stderr, capture.stderr[-3000:]
