"""Stopping the capture lets requests already on their way in finish.

A request sent just before the stop is still held by the attribution wait (or not parsed yet);
before the fix the stop cancelled it: nothing was stored and its client was left hanging with an
open connection and no answer. Plain-HTTP proxy requests answered by the sinkhole, each sent and
followed at once by the stop, in a fresh capture.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable

from tests.capture.conftest import RunningCapture

BODY = b'{"event":"meeting_left","meeting":"812-55","user":"ada"}'


def _read_answer(sock: socket.socket) -> bytes:
    answer = b""
    try:
        while b"\r\n\r\n" not in answer:
            chunk = sock.recv(4096)
            if not chunk:
                break
            answer += chunk
    except OSError:
        pass
    return answer


def test_a_request_sent_just_before_the_stop_is_answered_and_stored(
    start_capture: Callable[..., RunningCapture],
) -> None:
    for n in range(3):
        cap = start_capture(sinkholes=["*"])
        sock = socket.create_connection(("127.0.0.1", cap.port), timeout=5)
        head = (
            f"POST http://collector.test/leave{n} HTTP/1.1\r\nHost: collector.test\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(BODY)}\r\n\r\n"
        )
        sock.sendall(head.encode() + BODY)
        started = time.monotonic()
        cap.stop()
        stopped_after = time.monotonic() - started
        answer = _read_answer(sock)
        sock.close()
        assert answer.startswith(b"HTTP/1.1 204"), (n, answer)
        stored = [r for r in cap.writer.records if r.request and r.request.path == f"/leave{n}"]
        assert len(stored) == 1, (n, [r.request and r.request.path for r in cap.writer.records])
        assert stored[0].request is not None and stored[0].request.body == BODY
        assert stored[0].error is None and stored[0].sinkholed
        assert stopped_after < 5.0


def test_an_idle_connection_delays_the_stop_by_at_most_the_drain(
    start_capture: Callable[..., RunningCapture],
) -> None:
    cap = start_capture(sinkholes=["*"])
    idle = socket.create_connection(("127.0.0.1", cap.port), timeout=5)  # sends nothing
    time.sleep(0.2)
    started = time.monotonic()
    cap.stop()
    assert time.monotonic() - started < 3.0
    idle.close()
