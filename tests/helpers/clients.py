"""One-off requests through the proxy: plain HTTP in absolute form, HTTPS through CONNECT with the
auditor's CA trusted (what a configured client does)."""

from __future__ import annotations

import http.client
import ssl
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes


def via_proxy_http(
    proxy: tuple[str, int],
    url: str,
    *,
    method: str = "GET",
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
    timeout: float = 15,
) -> Answer:
    conn = http.client.HTTPConnection(proxy[0], proxy[1], timeout=timeout)
    try:
        conn.request(method, url, body=body, headers=headers or {})
        resp = conn.getresponse()
        return Answer(resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read())
    finally:
        conn.close()


def via_proxy_https(
    proxy: tuple[str, int],
    host: str,
    port: int,
    path: str,
    *,
    ca_file: Path,
    method: str = "GET",
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
    timeout: float = 15,
) -> Answer:
    """CONNECT host:port through the proxy, then TLS verified against `ca_file` (the auditor CA)."""
    ctx = ssl.create_default_context(cafile=str(ca_file))
    conn = http.client.HTTPSConnection(proxy[0], proxy[1], timeout=timeout, context=ctx)
    conn.set_tunnel(host, port)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        return Answer(resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read())
    finally:
        conn.close()
