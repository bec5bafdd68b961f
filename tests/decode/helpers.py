"""Small helpers shared by the decoder tests."""

from __future__ import annotations

from auditor.records import Field, FlowRecord, RequestRecord, WebSocketMessage


def flow(
    body: bytes | None = None,
    *,
    url: str = "https://collector.example.com/api",
    headers: list[tuple[str, str]] | None = None,
    method: str = "POST",
    websocket: list[WebSocketMessage] | None = None,
    kind: str = "http",
) -> FlowRecord:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    request = RequestRecord(
        method=method,
        url=url,
        host=parts.hostname or "",
        port=parts.port or 443,
        path=parts.path + (f"?{parts.query}" if parts.query else ""),
        headers=list(headers or []),
        body=body,
        size=len(body or b""),
    )
    return FlowRecord(
        id="t", session="s", ts=0.0, kind=kind, request=request, websocket=list(websocket or [])
    )


def by_where(fields: list[Field]) -> dict[str, object]:
    return {f.where: f.value for f in fields}


def values(fields: list[Field]) -> list[object]:
    return [f.value for f in fields]
