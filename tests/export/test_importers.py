"""Importers: HAR variants of real tools, mitmproxy flow files, JSONL, and bad input of every kind."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import pytest
from mitmproxy import http
from mitmproxy import io as mitm_io
from mitmproxy.addons.savehar import SaveHar
from mitmproxy.test import tflow

from auditor.errors import InputFormatError
from auditor.importers import detect_format, iter_records
from auditor.importers.har import parse_har
from auditor.importers.mitmflow import iter_mitm_records

MIB = 1024 * 1024


def _write(tmp_path: Path, name: str, data: object | bytes | str) -> Path:
    path = tmp_path / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    elif isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_text(json.dumps(data), encoding="utf-8")
    return path


def chrome_har() -> dict[str, object]:
    """The shape Chrome DevTools writes: `_webSocketMessages`, `_resourceType`, base64 binary
    content, bracketed IPv6 addresses, status 0 with `_error` for failed requests."""
    return {
        "log": {
            "version": "1.2",
            "creator": {"name": "WebInspector", "version": "537.36"},
            "pages": [{"startedDateTime": "2025-01-02T10:00:00.000Z", "id": "page_1",
                       "title": "https://app.zoom.us/", "pageTimings": {"onLoad": 500}}],
            "entries": [
                {
                    "_initiator": {"type": "script"},
                    "_priority": "High",
                    "_resourceType": "fetch",
                    "cache": {},
                    "connection": "443",
                    "pageref": "page_1",
                    "request": {
                        "method": "POST",
                        "url": "https://api.segment.io/v1/t?x=1",
                        "httpVersion": "http/2.0",
                        "headers": [{"name": ":authority", "value": "api.segment.io"},
                                    {"name": "content-type", "value": "application/json"}],
                        "queryString": [{"name": "x", "value": "1"}],
                        "cookies": [],
                        "headersSize": -1,
                        "bodySize": 27,
                        "postData": {"mimeType": "application/json",
                                     "text": '{"event":"Meeting Joined"}'},
                    },
                    "response": {
                        "status": 200,
                        "statusText": "",
                        "httpVersion": "http/2.0",
                        "headers": [{"name": "content-encoding", "value": "gzip"}],
                        "cookies": [],
                        "content": {"size": 4, "mimeType": "application/octet-stream",
                                    "text": base64.b64encode(b"\x00\x01\x02\xff").decode(),
                                    "encoding": "base64"},
                        "redirectURL": "",
                        "headersSize": -1,
                        "bodySize": -1,
                        "_transferSize": 120,
                        "_error": None,
                    },
                    "serverIPAddress": "[2606:4700::6810:84e5]",
                    "startedDateTime": "2025-01-02T10:00:01.250Z",
                    "time": 120.5,
                    "timings": {"blocked": 1, "dns": -1, "ssl": -1, "connect": -1, "send": 0,
                                "wait": 100, "receive": 19.5, "_blocked_queueing": 0.5},
                },
                {
                    "_resourceType": "websocket",
                    "_webSocketMessages": [
                        {"type": "send", "time": 1735812002.5, "opcode": 1,
                         "data": '{"type":"chat","text":"hi"}'},
                        {"type": "receive", "time": 1735812002.7, "opcode": 2,
                         "data": base64.b64encode(b"\x08\x01").decode()},
                        {"type": "receive", "time": 1735812002.8, "opcode": 9, "data": ""},
                    ],
                    "cache": {},
                    "request": {"method": "GET", "url": "wss://rwcff.zoom.us/wc/api", "httpVersion": "HTTP/1.1",
                                "headers": [{"name": "Upgrade", "value": "websocket"}],
                                "queryString": [], "cookies": [], "headersSize": -1, "bodySize": 0},
                    "response": {"status": 101, "statusText": "Switching Protocols",
                                 "httpVersion": "HTTP/1.1", "headers": [], "cookies": [],
                                 "content": {"size": 0, "mimeType": "x-unknown"},
                                 "redirectURL": "", "headersSize": -1, "bodySize": 0},
                    "startedDateTime": "2025-01-02T10:00:02.000Z",
                    "time": 3000,
                    "timings": {"send": 0, "wait": 0, "receive": 0},
                },
                {
                    "cache": {},
                    "request": {"method": "GET", "url": "https://blocked.example/track",
                                "httpVersion": "", "headers": [], "queryString": [],
                                "cookies": [], "headersSize": -1, "bodySize": 0},
                    "response": {"status": 0, "statusText": "", "httpVersion": "", "headers": [],
                                 "cookies": [], "content": {"size": 0, "mimeType": "x-unknown"},
                                 "redirectURL": "", "headersSize": -1, "bodySize": -1,
                                 "_error": "net::ERR_BLOCKED_BY_CLIENT"},
                    "startedDateTime": "2025-01-02T10:00:03.000Z",
                    "time": 0,
                    "timings": {"send": 0, "wait": 0, "receive": 0},
                },
            ],
        }
    }  # fmt: skip


def test_chrome_har(tmp_path: Path) -> None:
    path = _write(tmp_path, "chrome.har", chrome_har())
    records = list(iter_records(path, session="web"))
    assert [r.kind for r in records] == ["http", "websocket", "http"]
    post, ws, failed = records
    assert post.session == "web" and post.source == "import:har"
    assert post.request is not None and post.request.method == "POST"
    assert post.request.host == "api.segment.io" and post.request.port == 443
    assert post.request.path == "/v1/t?x=1"
    assert post.request.http_version == "HTTP/2.0"
    assert post.request.body == b'{"event":"Meeting Joined"}'
    assert post.response is not None and post.response.body == b"\x00\x01\x02\xff"
    # HAR bodies are decoded: Content-Encoding must not make the decoders gunzip them.
    assert post.response.header("content-encoding") is None
    assert post.server_addr == ("2606:4700::6810:84e5", 443)
    assert post.ts == pytest.approx(1735812001.25)
    assert post.duration == pytest.approx(0.1205)
    assert [(m.from_client, m.is_text, m.content) for m in ws.websocket] == [
        (True, True, b'{"type":"chat","text":"hi"}'),
        (False, False, b"\x08\x01"),
    ]
    assert ws.request is not None and ws.request.port == 443
    assert failed.response is None and failed.error == "net::ERR_BLOCKED_BY_CLIENT"


def test_firefox_har_params_and_missing_bodies(tmp_path: Path) -> None:
    har = {
        "log": {
            "version": "1.2",
            "creator": {"name": "Firefox", "version": "133.0"},
            "browser": {"name": "Firefox", "version": "133.0"},
            "entries": [
                {
                    "startedDateTime": "2025-01-02T11:00:00.123+01:00",
                    "time": 42,
                    "request": {
                        "bodySize": 31,
                        "method": "POST",
                        "url": "http://example.org:8080/login",
                        "httpVersion": "HTTP/2",
                        "headers": [{"name": "Content-Type",
                                     "value": "application/x-www-form-urlencoded"}],
                        "cookies": [],
                        "queryString": [],
                        "headersSize": 410,
                        "postData": {"mimeType": "application/x-www-form-urlencoded",
                                     "params": [{"name": "user", "value": "a b"},
                                                {"name": "pwd", "value": "x&y"}]},
                    },
                    "response": {
                        "status": 302,
                        "statusText": "Found",
                        "httpVersion": "HTTP/2",
                        "headers": [{"name": "Location", "value": "/home"}],
                        "cookies": [],
                        "content": {"mimeType": "text/html", "size": 0},
                        "redirectURL": "/home",
                        "headersSize": 200,
                        "bodySize": 0,
                    },
                    "cache": {},
                    "timings": {"blocked": 0, "dns": 0, "connect": 0, "ssl": 0, "send": 0,
                                "wait": 42, "receive": 0},
                    "serverIPAddress": "93.184.216.34",
                    "connection": "8080",
                }
            ],
        }
    }  # fmt: skip
    [record] = iter_records(_write(tmp_path, "ff.har", har), session="ff")
    assert record.request is not None and record.request.port == 8080
    assert record.request.body == b"user=a+b&pwd=x%26y"
    assert record.request.http_version == "HTTP/2.0"
    assert record.response is not None and record.response.body is None
    assert record.ts == pytest.approx(1735812000.123)


def test_charles_har_with_bom_and_insomnia_sparse_entries(tmp_path: Path) -> None:
    charles = {
        "log": {
            "version": "1.2",
            "creator": {"name": "Charles Proxy", "version": "4.6.4"},
            "entries": [
                {
                    "startedDateTime": "2025-01-02T10:00:00.000+00:00",
                    "time": 10,
                    "request": {"method": "GET", "url": "https://zoom.us/x", "httpVersion": "HTTP/1.1",
                                "cookies": [], "headers": [], "queryString": [], "headersSize": 100,
                                "bodySize": 0, "comment": ""},
                    "response": {"_charlesStatus": "COMPLETE", "status": 200, "statusText": "OK",
                                 "httpVersion": "HTTP/1.1", "cookies": [], "headers": [],
                                 "content": {"size": 5, "mimeType": "text/plain", "text": "hello"},
                                 "redirectURL": None, "headersSize": 90, "bodySize": 5},
                    "serverIPAddress": "170.114.52.2",
                    "cache": {},
                    "timings": {"dns": -1, "connect": -1, "ssl": -1, "send": 0, "wait": 9,
                                "receive": 1},
                }
            ],
        }
    }  # fmt: skip
    path = tmp_path / "charles.har"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(charles).encode())
    [record] = iter_records(path, session="c")
    assert record.response is not None and record.response.body == b"hello"
    assert record.bytes_sent == 100 and record.bytes_received == 95

    insomnia = {"log": {"version": "1.2", "creator": {"name": "Insomnia"}, "entries": [
        {"startedDateTime": "2025-01-02T10:00:00.000Z",
         "request": {"method": "put", "url": "https://api.example.com/items/1",
                     "postData": {"mimeType": "application/json", "text": "{\"a\":1}"}},
         "response": {"status": 204}},
        {"request": {"method": "GET"}},  # no URL: skipped, not fatal
        "not an entry",
    ]}}  # fmt: skip
    result = parse_har(insomnia, session="i")
    assert result.skipped == 2
    [rec] = result.records
    assert (
        rec.request is not None and rec.request.method == "PUT" and rec.request.body == b'{"a":1}'
    )
    assert rec.response is not None and rec.response.status == 204 and rec.response.headers == []


def test_mitmproxy_savehar_output(tmp_path: Path) -> None:
    """mitmproxy's own HAR writer (real tool output): binary response bodies as base64."""
    flow = tflow.tflow(resp=True)
    flow.request.method = "POST"
    flow.request.headers["content-type"] = "application/json"
    flow.request.content = '{"name":"grüße"}'.encode()
    flow.response.headers["content-type"] = "image/png"
    flow.response.content = b"\x89PNG\r\n\x00\xff"
    ws = tflow.twebsocketflow()
    har = SaveHar().make_har([flow, ws])
    path = _write(tmp_path, "mitm.har", har)
    records = list(iter_records(path, session="m"))
    assert len(records) == 2
    first = records[0]
    assert first.request is not None and first.request.body == '{"name":"grüße"}'.encode()
    assert first.response is not None and first.response.body == b"\x89PNG\r\n\x00\xff"
    assert records[1].kind == "websocket"


def test_mitm_flow_file_is_read_without_leaking_mitmproxy_objects(tmp_path: Path) -> None:
    flows = [
        tflow.tflow(resp=True),
        tflow.twebsocketflow(),
        tflow.ttcpflow(),
        tflow.tdnsflow(resp=True),
        tflow.tudpflow(),
    ]
    flows[0].request.headers["Content-Encoding"] = "gzip"
    flows[0].request.raw_content = b"\x1f\x8b raw bytes kept as sent"
    path = tmp_path / "dump.mitm"
    with path.open("wb") as fh:
        writer = mitm_io.FlowWriter(fh)
        for f in flows:
            writer.add(f)
    records = list(iter_mitm_records(path, session=None, fallback_session="dump"))
    assert [r.kind for r in records] == ["http", "websocket", "tcp", "dns", "udp"]
    assert all(r.session == "dump" and r.source == "import:mitm" for r in records)
    http_rec = records[0]
    assert (
        http_rec.request is not None and http_rec.request.body == b"\x1f\x8b raw bytes kept as sent"
    )
    assert http_rec.request.header("content-encoding") == "gzip"
    first_ws = records[1].websocket[0]
    assert (first_ws.from_client, first_ws.is_text, first_ws.content) == (
        True,
        False,
        b"hello binary",
    )
    assert records[2].bytes_sent == 5 and records[2].bytes_received == 7
    assert records[3].dns is not None and records[3].dns.question == "dns.google"
    assert records[3].dns.answers == ["8.8.8.8", "8.8.4.4"]
    # Only plain records leave the importer: nothing in them comes from mitmproxy.
    for r in records:
        assert type(r).__module__ == "auditor.records"
        for name in r.__slots__:
            assert not type(getattr(r, name)).__module__.startswith("mitmproxy")


def test_detect_format(tmp_path: Path) -> None:
    assert detect_format(_write(tmp_path, "x.json", chrome_har())) == "har"
    assert detect_format(_write(tmp_path, "x.txt", '{"id": "1", "kind": "http"}\n')) == "jsonl"
    flow_file = tmp_path / "x.bin"
    with flow_file.open("wb") as fh:
        mitm_io.FlowWriter(fh).add(tflow.tflow())
    assert detect_format(flow_file) == "mitm"


# --------------------------------------------------------------------------------------------
# Bad input: one-line InputFormatError, never a traceback


def _one_line_error(path: Path, **kwargs: object) -> str:
    with pytest.raises(InputFormatError) as info:
        list(iter_records(path, **kwargs))  # type: ignore[arg-type]
    message = str(info.value)
    assert "\n" not in message and str(path) in message
    return message


def test_truncated_malformed_and_non_har_json(tmp_path: Path) -> None:
    text = json.dumps(chrome_har())
    assert "truncated" in _one_line_error(_write(tmp_path, "t.har", text[: len(text) // 2]))
    assert "malformed" in _one_line_error(_write(tmp_path, "m.har", text.replace(":", ";", 3)))
    assert "not a HAR" in _one_line_error(_write(tmp_path, "n.har", {"entries": []}))
    assert "not a HAR" in _one_line_error(_write(tmp_path, "l.har", {"log": {"entries": 5}}))
    assert "empty" in _one_line_error(_write(tmp_path, "e.har", b"  \n"))
    assert "not a HAR, mitmproxy" in _one_line_error(_write(tmp_path, "x.har", b"<html></html>"))


def test_invalid_utf8(tmp_path: Path) -> None:
    data = json.dumps(chrome_har()).encode().replace(b"Meeting", b"Me\xff\xfeting")
    assert "not valid UTF-8" in _one_line_error(_write(tmp_path, "u.har", data))
    jsonl = b'{"id": "1", "session": "s", "ts": 1, "kind": "dns"}\n{"id": "\xc3\x28"}\n'
    assert "line 2: not valid UTF-8" in _one_line_error(_write(tmp_path, "u.jsonl", jsonl))


def test_size_guard_refuses_before_reading(tmp_path: Path) -> None:
    har = chrome_har()
    entries = har["log"]["entries"]  # type: ignore[index]
    big = {"log": {"version": "1.2", "creator": {"name": "x"}, "entries": entries * 500}}
    path = _write(tmp_path, "big.har", big)
    assert path.stat().st_size > 1 * MIB
    message = _one_line_error(path, max_bytes=1 * MIB)
    assert "larger than the import limit of 1 MiB" in message and "--max-size" in message
    assert len(list(iter_records(path, max_bytes=64 * MIB))) == 1500


def test_corrupt_flow_files(tmp_path: Path) -> None:
    good = io.BytesIO()
    writer = mitm_io.FlowWriter(good)
    for _ in range(3):
        writer.add(tflow.tflow(resp=True))
    data = good.getvalue()
    truncated = _write(tmp_path, "t.mitm", data[: len(data) - 40])
    assert "truncated" in _one_line_error(truncated) or "corrupt" in _one_line_error(truncated)
    # A length prefix far past the end must not be allocated.
    huge = _write(tmp_path, "h.mitm", b"9999999999:" + b"x" * 10)
    assert "truncated" in _one_line_error(huge)
    garbage = _write(tmp_path, "g.mitm", b"12:abcdefghijkl!" + bytes(range(256)))
    _one_line_error(garbage)
    not_a_dict = _write(tmp_path, "n.mitm", b"5:hello,")
    _one_line_error(not_a_dict)


def test_bad_jsonl_lines(tmp_path: Path) -> None:
    assert "line 2: not JSON" in _one_line_error(
        _write(tmp_path, "a.jsonl", '{"id":"1","session":"s","ts":1,"kind":"dns"}\n{oops\n')
    )
    assert "lacks 'session'" in _one_line_error(
        _write(tmp_path, "b.jsonl", '{"id": "1", "kind": "http", "ts": 1}\n')
    )
    bad_b64 = {"id": "1", "session": "s", "ts": 1, "kind": "http",
               "request": {"method": "GET", "url": "http://a/", "host": "a", "port": 80,
                           "path": "/", "body_b64": "abc"}}  # fmt: skip
    assert "malformed flow record" in _one_line_error(
        _write(tmp_path, "c.jsonl", json.dumps(bad_b64) + "\n")
    )


def test_http_request_without_response_and_odd_versions() -> None:
    req = http.Request.make("GET", "https://example.com/a")
    assert req.host == "example.com"  # the mitmproxy helper still works as the tests assume
    result = parse_har(
        {"log": {"entries": [{"request": {"url": "https://x.example/p", "httpVersion": "h3"},
                              "response": None}]}},
        session="s",
    )  # fmt: skip
    [record] = result.records
    assert record.request is not None and record.request.http_version == "HTTP/3"
    assert record.response is None and record.ts == 0.0
