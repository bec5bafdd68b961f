"""The record factory (`tests/tflow.py`): what its defaults derive, and that tests and benchmarks
build their records with it instead of growing builders of their own again."""

from __future__ import annotations

import ast
from pathlib import Path

from auditor.records import FlowRecord, ProcessInfo
from tests.tflow import tdnsflow, tflow, tfullflow, treq, tresp, tws

ROOT = Path(__file__).resolve().parent.parent
FACTORY = ROOT / "tests" / "tflow.py"
# The record types' own tests exercise their constructors directly.
RECORDS_TESTS = ROOT / "tests" / "test_records.py"
# Built from real runs, not test records (see tests/label/corpus).
CORPUS = ROOT / "tests" / "label" / "corpus"
BUILT_ONLY_BY_THE_FACTORY = {"FlowRecord", "RequestRecord"}


def test_a_request_takes_host_port_and_path_from_its_url_unless_given() -> None:
    req = treq("https://Collector.Example.com:8443/v1/e?x=1&y=2", body=b"abc")
    assert (req.host, req.port, req.path, req.size) == (
        "collector.example.com",
        8443,
        "/v1/e?x=1&y=2",
        3,
    )
    assert (treq("http://a.example/").port, treq("wss://a.example/s").port) == (80, 443)
    given = treq("https://a.example/x?v=1", host="b", port=1, path="/y", body=b"ab", size=9)
    assert (given.host, given.port, given.path, given.size) == ("b", 1, "/y", 9)
    assert treq(body=None).size == 0


def test_a_response_has_its_status_phrase_and_a_message_its_length() -> None:
    assert [tresp(s).reason for s in (200, 101, 204, 799)] == [
        "OK",
        "Switching Protocols",
        "No Content",
        "",
    ]
    assert tresp(200, body=b"{}").size == 2 and tws(b"hello").size == 5


def test_flows_default_to_http_with_fresh_ids_and_take_any_field() -> None:
    a, b = tflow(), tflow()
    assert a.id != b.id and a.kind == "http" and a.request is not None and a.response is None
    assert tflow(resp=True).response is not None
    assert tflow(ws=True).kind == "websocket" and len(tflow(ws=True).websocket) == 1
    bare = tflow(req=False, id="x", kind="tcp", bytes_sent=5)
    assert (bare.id, bare.request, bare.bytes_sent) == ("x", None, 5)
    dns = tdnsflow()
    assert dns.kind == "dns" and dns.dns is not None and dns.request is None
    assert tflow(process=ProcessInfo(pid=3)).process.pid == 3


def test_the_full_flow_leaves_no_part_empty() -> None:
    full = tfullflow()
    empty = [
        name for name in FlowRecord.__dataclass_fields__ if getattr(full, name) in (None, [], False)
    ]
    assert empty == ["sensitive"]  # kept by the labeller only, never on the pipe


def test_records_are_built_only_by_the_factory() -> None:
    """A second builder of records in tests or bench is how fixtures drift apart: add a keyword
    or a preset on top of `tests/tflow.py` instead."""
    found = []
    for path in sorted([*(ROOT / "tests").rglob("*.py"), *(ROOT / "bench").rglob("*.py")]):
        if path in (FACTORY, RECORDS_TESTS) or path.is_relative_to(CORPUS):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name in BUILT_ONLY_BY_THE_FACTORY:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}(")
    assert found == []
