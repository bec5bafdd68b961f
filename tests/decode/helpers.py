"""Small helpers shared by the decoder tests."""

from __future__ import annotations

from auditor.records import Field, FlowRecord, WebSocketMessage
from tests.tflow import tflow, treq


def flow(
    body: bytes | None = None,
    *,
    url: str = "https://collector.example.com/api",
    headers: list[tuple[str, str]] | None = None,
    method: str = "POST",
    websocket: list[WebSocketMessage] | None = None,
    kind: str = "http",
) -> FlowRecord:
    request = treq(url, method=method, headers=headers, body=body)
    return tflow(id="t", session="s", ts=0.0, kind=kind, req=request, ws=websocket or [])


def by_where(fields: list[Field]) -> dict[str, object]:
    return {f.where: f.value for f in fields}


def values(fields: list[Field]) -> list[object]:
    return [f.value for f in fields]
