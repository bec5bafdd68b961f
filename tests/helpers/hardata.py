"""Hypothesis strategies and builders for HAR documents and mitmproxy flow files, valid or not."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=12,
)

URLS = st.one_of(
    st.builds(
        lambda scheme, host, port, path: f"{scheme}://{host}{port}{path}",
        st.sampled_from(["http", "https", "ws", "wss", "ftp", "", "HTTP", "data"]),
        st.sampled_from(
            ["example.com", "127.0.0.1", "[::1]", "[::1", "", "xn--nxasmq6b.com", "a..b", "é.fr"]
        ),
        st.sampled_from(["", ":0", ":443", ":65535", ":65536", ":-1", ":abc", ":99999999999"]),
        st.text(max_size=15),
    ),
    st.text(max_size=30),
)
TIMES = st.one_of(
    st.sampled_from(
        [
            "2024-05-01T10:00:00.000Z",
            "2024-05-01T10:00:00+02:00",
            "9999-12-31T23:59:59-23:59",
            "0001-01-01T00:00:00+23:59",
            "not a date",
            "",
        ]
    ),
    st.text(max_size=25),
)


def _field(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Mostly the right type, sometimes any JSON value at all."""
    return st.one_of(strategy, strategy, strategy, JSON_VALUES)


HEADERS = st.lists(
    st.fixed_dictionaries(
        {},
        optional={"name": _field(st.text(max_size=12)), "value": _field(st.text(max_size=20))},
    ),
    max_size=4,
)
POST_DATA = st.fixed_dictionaries(
    {},
    optional={
        "mimeType": _field(st.text(max_size=10)),
        "text": _field(st.text(max_size=40)),
        "encoding": _field(st.sampled_from(["base64", "", "utf-8"])),
        "params": _field(
            st.lists(
                st.fixed_dictionaries({}, optional={"name": JSON_VALUES, "value": JSON_VALUES}),
                max_size=3,
            )
        ),
    },
)
NUMBERS = st.one_of(
    st.integers(), st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=8)
)
REQUEST = st.fixed_dictionaries(
    {},
    optional={
        "method": _field(st.sampled_from(["GET", "POST", "", "get", "CONNECT"])),
        "url": _field(URLS),
        "httpVersion": _field(st.sampled_from(["HTTP/1.1", "h2", "http/2.0", "h3-29", "unknown"])),
        "headers": _field(HEADERS),
        "queryString": JSON_VALUES,
        "cookies": JSON_VALUES,
        "postData": _field(POST_DATA),
        "headersSize": _field(NUMBERS),
        "bodySize": _field(NUMBERS),
    },
)
CONTENT = st.fixed_dictionaries(
    {},
    optional={
        "size": _field(NUMBERS),
        "mimeType": _field(st.text(max_size=10)),
        "text": _field(st.text(max_size=40)),
        "encoding": _field(st.sampled_from(["base64", ""])),
    },
)
RESPONSE = st.fixed_dictionaries(
    {},
    optional={
        "status": _field(NUMBERS),
        "statusText": _field(st.text(max_size=10)),
        "httpVersion": _field(st.text(max_size=8)),
        "headers": _field(HEADERS),
        "content": _field(CONTENT),
        "headersSize": _field(NUMBERS),
        "bodySize": _field(NUMBERS),
        "_error": _field(st.text(max_size=10)),
    },
)
WS_MESSAGES = st.lists(
    st.fixed_dictionaries(
        {},
        optional={
            "type": _field(st.sampled_from(["send", "receive"])),
            "time": _field(NUMBERS),
            "opcode": _field(st.sampled_from([1, 2, 8, 9, 10])),
            "data": _field(st.text(max_size=20)),
        },
    ),
    max_size=3,
)
EXTENSION = st.fixed_dictionaries(
    {},
    optional={
        "id": JSON_VALUES,
        "kind": JSON_VALUES,
        "process": _field(
            st.fixed_dictionaries({}, optional={"pid": JSON_VALUES, "name": JSON_VALUES})
        ),
        "client_addr": _field(st.lists(JSON_VALUES, min_size=2, max_size=2)),
        "ts": _field(NUMBERS),
        "ts_end": _field(NUMBERS),
        "bytes_sent": _field(NUMBERS),
        "request": _field(st.fixed_dictionaries({}, optional={"size": NUMBERS})),
        "dns": _field(
            st.fixed_dictionaries({}, optional={"question": JSON_VALUES, "answers": JSON_VALUES})
        ),
    },
)
ENTRY = st.fixed_dictionaries(
    {},
    optional={
        "startedDateTime": _field(TIMES),
        "time": _field(NUMBERS),
        "request": _field(REQUEST),
        "response": _field(RESPONSE),
        "serverIPAddress": _field(st.sampled_from(["127.0.0.1", "[::1]", "[", ""])),
        "_webSocketMessages": _field(WS_MESSAGES),
        "_auditor": _field(EXTENSION),
    },
)
HAR_DOCS = st.one_of(
    st.fixed_dictionaries(
        {
            "log": _field(
                st.fixed_dictionaries(
                    {},
                    optional={
                        "version": JSON_VALUES,
                        "creator": JSON_VALUES,
                        "entries": _field(st.lists(_field(ENTRY), max_size=4)),
                        "_auditor": _field(
                            st.fixed_dictionaries(
                                {},
                                optional={
                                    "session": JSON_VALUES,
                                    "other_flows": _field(st.lists(JSON_VALUES, max_size=2)),
                                },
                            )
                        ),
                    },
                )
            )
        }
    ),
    JSON_VALUES,
)


def har_entry(
    url: str, *, marker: str = "", headers: list[tuple[str, str]] | None = None
) -> dict[str, Any]:
    """A well-formed HAR 1.2 entry (a POST with a JSON body)."""
    body = json.dumps({"event": "meeting_joined", "marker": marker})
    return {
        "startedDateTime": "2024-05-01T10:00:00.000Z",
        "time": 12.5,
        "request": {
            "method": "POST",
            "url": url,
            "httpVersion": "HTTP/1.1",
            "headers": [
                {"name": k, "value": v}
                for k, v in (headers or [("Content-Type", "application/json")])
            ],
            "queryString": [],
            "cookies": [],
            "headersSize": -1,
            "bodySize": len(body),
            "postData": {"mimeType": "application/json", "text": body},
        },
        "response": {
            "status": 200,
            "statusText": "OK",
            "httpVersion": "HTTP/1.1",
            "headers": [{"name": "Content-Type", "value": "application/json"}],
            "cookies": [],
            "content": {"size": 11, "mimeType": "application/json", "text": '{"ok":true}'},
            "redirectURL": "",
            "headersSize": -1,
            "bodySize": 11,
        },
        "cache": {},
        "timings": {"send": 0, "wait": 10, "receive": 2.5},
    }


def har_document(entries: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "log": {
            "version": "1.2",
            "creator": {"name": "reliability-suite", "version": "1"},
            "entries": entries,
        }
    }


def write_har(path: Path, count: int, *, host: str = "telemetry.example.com") -> Path:
    entries = [har_entry(f"https://{host}/v1/events?n={i}", marker=f"m{i}") for i in range(count)]
    path.write_text(json.dumps(har_document(entries)), encoding="utf-8")
    return path


def mitm_flow_bytes(count: int) -> bytes:
    """A real mitmproxy flow file (as `mitmdump -w` writes it) with `count` HTTP flows."""
    from mitmproxy import io as mitm_io
    from mitmproxy.test import tflow

    buf = io.BytesIO()
    writer = mitm_io.FlowWriter(buf)
    for i in range(count):
        flow = tflow.tflow(resp=True)
        flow.request.url = f"https://telemetry.example.com/v1/events?n={i}"
        flow.request.method = "POST"
        flow.request.content = json.dumps({"event": "meeting_joined", "n": i}).encode()
        writer.add(flow)
    return buf.getvalue()


def spec_record_dict() -> dict[str, Any]:
    """A valid JSONL flow record (the interfaces spec), bodies included."""
    from auditor.records import to_spec_dict
    from tests.tflow import tflow, treq, tresp

    record = tflow(
        id="0" * 32,
        ts=1714557600.0,
        req=treq(
            "https://t.example.com/e",
            headers=[("content-type", "application/json")],
            body=b'{"a":1}',
        ),
        resp=tresp(200, reason="", body=b"{}"),
    )
    return to_spec_dict(record, include_bodies=True)
