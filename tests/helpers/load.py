"""Keep-alive HTTP clients that send requests through the proxy (absolute-form, plain HTTP), and
remember when each answer arrived, for the soak and kill tests."""

from __future__ import annotations

import http.client
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class ClientResult:
    sent: int = 0
    answered: int = 0
    failed: int = 0
    answered_at: list[float] = field(default_factory=list)  # time.time() of each answer
    answered_urls: list[str] = field(default_factory=list)  # the URL of each answer, same order
    errors: list[str] = field(default_factory=list)


def proxied_client(
    proxy_host: str,
    proxy_port: int,
    url_of: Callable[[int], str],
    count: int,
    *,
    stop: threading.Event | None = None,
    deadline: float | None = None,
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
    timeout: float = 10.0,
    new_connection_each: bool = False,
    on_answer: Callable[[], None] | None = None,
) -> ClientResult:
    """Sends up to `count` requests over one keep-alive connection (reconnects after errors), or
    with `new_connection_each` over a new connection per request, closed by the client after its
    answer (as browsers' short connections are). `url_of(i)` gives the absolute URL of request i."""
    result = ClientResult()
    conn: http.client.HTTPConnection | None = None
    for i in range(count):
        if (stop is not None and stop.is_set()) or (
            deadline is not None and time.time() > deadline
        ):
            break
        if conn is None:
            conn = http.client.HTTPConnection(proxy_host, proxy_port, timeout=timeout)
        url = url_of(i)
        result.sent += 1
        try:
            conn.request(
                "POST" if body is not None else "GET", url, body=body, headers=headers or {}
            )
            resp = conn.getresponse()
            resp.read()
            result.answered += 1
            result.answered_at.append(time.time())
            result.answered_urls.append(url)
            if on_answer is not None:
                on_answer()
            if new_connection_each or resp.getheader("connection", "").lower() == "close":
                conn.close()
                conn = None
        except (OSError, http.client.HTTPException) as err:
            result.failed += 1
            if len(result.errors) < 5:
                result.errors.append(f"{type(err).__name__}: {err}")
            if conn is not None:
                conn.close()
            conn = None
    if conn is not None:
        conn.close()
    return result


def run_clients(
    proxy_host: str,
    proxy_port: int,
    url_of: Callable[[int, int], str],
    *,
    clients: int,
    per_client: int,
    stop: threading.Event | None = None,
    deadline: float | None = None,
    headers: dict[str, str] | None = None,
    new_connection_each: bool = False,
    on_answer: Callable[[], None] | None = None,
) -> list[ClientResult]:
    """`clients` threads, each with its own keep-alive connection (or a new connection per
    request, with `new_connection_each`); `on_answer` is called after each answer."""
    results: list[ClientResult] = [ClientResult() for _ in range(clients)]

    def work(index: int) -> None:
        results[index] = proxied_client(
            proxy_host,
            proxy_port,
            lambda i: url_of(index, i),
            per_client,
            stop=stop,
            deadline=deadline,
            headers=headers,
            new_connection_each=new_connection_each,
            on_answer=on_answer,
        )

    threads = [threading.Thread(target=work, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
