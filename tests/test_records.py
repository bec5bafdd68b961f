"""Every form a FlowRecord takes gives the same record back: the JSONL record, the capture-to-worker
pipe, the store codec, redaction's copy and the importers' extension.

The records are drawn from the dataclass declarations themselves (`records.forms`), so a field
added to a record is covered here without a line of this file changing.
"""

from __future__ import annotations

import dataclasses
import json
import marshal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.capture.worker import pack_record, unpack_record
from auditor.export.common import extension_for
from auditor.importers.common import apply_extension
from auditor.records import (
    FLOW_KINDS,
    DnsRecord,
    Entity,
    Evidence,
    FlowRecord,
    Label,
    PolicyFinding,
    ProcessInfo,
    RequestRecord,
    ResponseRecord,
    SensitiveFields,
    WebSocketMessage,
    copy_record,
    forms,
    from_spec_dict,
    to_spec_dict,
)
from auditor.store import codec
from auditor.store.bounds import TS_MAX

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)  # the store keeps valid text
BIG_INTS = st.integers(min_value=-(2**80), max_value=2**80)
TIMES = st.floats(min_value=0.0, max_value=TS_MAX)  # the store brings times into this range
PORTS = st.integers(min_value=0, max_value=65535)

# Values a field of the record must hold for the importers to take it back from the extension
# (they check what a file says): a kind they know, a non-empty id, a DNS question and type.
OVERRIDES: dict[tuple[type, str], st.SearchStrategy[Any]] = {
    (FlowRecord, "kind"): st.sampled_from(FLOW_KINDS),
    (FlowRecord, "id"): TEXT.filter(bool),
    (DnsRecord, "question"): TEXT.filter(bool),
    (DnsRecord, "qtype"): TEXT.filter(bool),
}


def _strategy(shape: tuple[str, Any, bool]) -> st.SearchStrategy[Any]:
    kind, arg, optional = shape
    strategy: st.SearchStrategy[Any]
    if kind == "scalar":
        strategy = {str: TEXT, int: BIG_INTS, float: TIMES, bool: st.booleans()}[arg]
    elif kind == "bytes":
        strategy = st.binary(max_size=40)
    elif kind == "record":
        strategy = records_of(arg)
    elif kind == "records":
        strategy = st.lists(records_of(arg), max_size=2)
    elif kind == "pairs":
        strategy = st.lists(st.tuples(TEXT, TEXT), max_size=3)
    elif kind == "list":
        strategy = st.lists(TEXT, max_size=3)
    elif kind == "tuple":
        assert arg == (str, int)
        strategy = st.tuples(TEXT, PORTS)
    elif kind == "frozenset":
        item = st.lists(TEXT, max_size=3).map(tuple) if arg is not str else TEXT
        strategy = st.frozensets(item, max_size=3)
    else:
        raise AssertionError(f"no strategy for {shape}")
    return st.none() | strategy if optional else strategy


def records_of(cls: type) -> st.SearchStrategy[Any]:
    """Any instance of a record dataclass, field by field from its declaration."""
    return st.fixed_dictionaries(
        {
            f.name: OVERRIDES[(cls, f.name)] if (cls, f.name) in OVERRIDES else _strategy(shape)
            for f, shape in forms(cls).fields
        }
    ).map(lambda values: cls(**values))


RECORDS = records_of(FlowRecord)


@SETTINGS
@given(record=RECORDS)
def test_spec_json_round_trip(record: FlowRecord) -> None:
    spec = to_spec_dict(record, redact_credentials=False, include_bodies=True)
    assert "sensitive" not in spec  # the labeller's findings stay out of every export
    assert spec["dropped_bodies"] is record.dropped_bodies
    again = from_spec_dict(json.loads(json.dumps(spec)))
    assert again == dataclasses.replace(record, sensitive=None)


@SETTINGS
@given(record=RECORDS)
def test_pipe_round_trip(record: FlowRecord) -> None:
    assert unpack_record(marshal.loads(marshal.dumps(pack_record(record)))) == record


@SETTINGS
@given(record=RECORDS)
def test_store_codec_round_trip(record: FlowRecord) -> None:
    original = copy_record(record)
    encoded = codec.encode(record, body_cap=None)
    decoded, _spec = codec.decode_record(encoded.record_blob)
    codec.attach_bodies(decoded, encoded.bodies)
    assert decoded == original


def _mutable_parts(value: Any) -> list[Any]:
    if isinstance(value, list):
        return [value, *(part for item in value for part in _mutable_parts(item))]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        return [value, *(p for f in fields for p in _mutable_parts(getattr(value, f.name)))]
    return []


@SETTINGS
@given(record=RECORDS)
def test_copy_is_equal_and_shares_nothing_mutable(record: FlowRecord) -> None:
    copied = copy_record(record)
    assert copied == record
    assert not {id(p) for p in _mutable_parts(copied)} & {id(p) for p in _mutable_parts(record)}


@SETTINGS
@given(record=RECORDS)
def test_extension_gives_back_what_har_and_flow_files_cannot_hold(record: FlowRecord) -> None:
    ext = json.loads(json.dumps(extension_for(record, redacted=False)))
    # What an importer makes of the same flow from HAR alone: the messages and their bodies, no
    # sizes, times or connection facts; what the labeller finds again is not the extension's.
    target = FlowRecord(
        id="from-the-file",
        session=record.session,
        ts=0.0,
        kind="http",
        request=None
        if record.request is None
        else dataclasses.replace(record.request, size=0, body_truncated=False),
        response=None
        if record.response is None
        else dataclasses.replace(record.response, size=0, body_truncated=False),
        websocket=[
            dataclasses.replace(m, ts=0.0, size=0, truncated=False) for m in record.websocket
        ],
        entity=record.entity,
        labels=record.labels,
        policy=record.policy,
        source=record.source,
        sensitive=record.sensitive,
    )
    apply_extension(target, ext)
    assert target == record


# The record JSON exactly as the store wrote it before the record forms were made from the field
# declarations (`records.to_spec_dict` plus `dropped_bodies` and the labeller's findings), and
# as versions before `chosen_by`, `launch_tag` and the findings wrote it.
OLD_BLOB = (
    '{"id":"f1","session":"s1","ts":1700000000.5,"kind":"http","process":{"pid":42,"name":"zoom",'
    '"exe":"/opt/zoom/zoom","app":"zoom","cmdline":["zoom","--url=x"],"ppid":1,'
    '"create_time":1699999999.0,"launch_tag":"L1"},"request":{"method":"POST",'
    '"url":"https://u:p@api.zoom.us/v1?token=abc","host":"api.zoom.us","port":443,'
    '"path":"/v1?token=abc","http_version":"HTTP/2.0","headers":[["authorization","Bearer t"],'
    '["x","é"]],"size":4,"body_truncated":false},"response":{"status":200,"reason":"OK",'
    '"http_version":"HTTP/2.0","headers":[["set-cookie","a=b"]],"size":10,"body_truncated":true},'
    '"entity":{"name":"Zoom","party":"first","domain":"zoom.us"},"labels":[{"category":'
    '"identifiers.device_id","confidence":0.75,"evidence":[{"rule":"r1","where":"body › id",'
    '"excerpt":"ab…"}]}],"policy":[{"document":"zoom/privacy","version":"2024-01-01",'
    '"section":"3.1","verdict":"vague","quote":"We may…","permits":["ai_training"],'
    '"category":"identifiers.device_id","explanation":"why","chosen_by":"app"}],'
    '"client_addr":["127.0.0.1",50000],"server_addr":["10.0.0.1",443],"sni":"api.zoom.us",'
    '"alpn":"h2","tls_version":"TLSv1.3","error":null,"ts_end":1700000001.25,"bytes_sent":100,'
    '"bytes_received":200,"websocket":[{"from_client":true,"ts":1700000000.75,"is_text":true,'
    '"size":2,"truncated":false}],"dns":{"question":"api.zoom.us","qtype":"A",'
    '"answers":["10.0.0.1"]},"sinkholed":true,"source":"capture","dropped_bodies":true,'
    '"sensitive_fields":{"secret_paths":[["body","id"]],"identifier_paths":[],"secrets":["tok"],'
    '"identifiers":["ab12"]}}'
)
OLDER_BLOB = (
    '{"id":"f0","session":"s0","ts":1600000000.0,"kind":"tcp","process":{"pid":7,"name":"teams",'
    '"exe":null,"app":"teams","cmdline":null,"ppid":null,"create_time":null},"request":null,'
    '"response":null,"entity":{"name":null,"party":"unknown","domain":null},"labels":[],'
    '"policy":[{"document":"d","version":"v","section":"1","verdict":"clear","quote":"q",'
    '"permits":[],"category":null,"explanation":""}],"client_addr":null,'
    '"server_addr":["10.0.0.2",3478],"sni":null,"alpn":null,"tls_version":null,"error":null,'
    '"ts_end":null,"bytes_sent":5,"bytes_received":6,"websocket":[],"dns":null,'
    '"sinkholed":false,"source":"capture"}'
)


def test_blobs_stored_before_decode() -> None:
    record, _spec = codec.decode_record(codec.compress(OLD_BLOB.encode("utf-8")))
    assert record == FlowRecord(
        id="f1",
        session="s1",
        ts=1700000000.5,
        kind="http",
        process=ProcessInfo(
            42, "zoom", "/opt/zoom/zoom", ["zoom", "--url=x"], "zoom", 1, 1699999999.0, "L1"
        ),
        request=RequestRecord(
            "POST",
            "https://u:p@api.zoom.us/v1?token=abc",
            "api.zoom.us",
            443,
            "/v1?token=abc",
            "HTTP/2.0",
            [("authorization", "Bearer t"), ("x", "é")],
            None,
            4,
            False,
        ),
        response=ResponseRecord(200, "OK", "HTTP/2.0", [("set-cookie", "a=b")], None, 10, True),
        entity=Entity("Zoom", "first", "zoom.us"),
        labels=[Label("identifiers.device_id", [Evidence("r1", "body › id", "ab…")], 0.75)],
        policy=[
            PolicyFinding(
                "zoom/privacy",
                "2024-01-01",
                "3.1",
                "vague",
                "We may…",
                ["ai_training"],
                "identifiers.device_id",
                "why",
                "app",
            )
        ],
        client_addr=("127.0.0.1", 50000),
        server_addr=("10.0.0.1", 443),
        sni="api.zoom.us",
        alpn="h2",
        tls_version="TLSv1.3",
        ts_end=1700000001.25,
        bytes_sent=100,
        bytes_received=200,
        websocket=[WebSocketMessage(True, 1700000000.75, True, b"", 2, False)],
        dns=DnsRecord("api.zoom.us", "A", ["10.0.0.1"]),
        sinkholed=True,
        dropped_bodies=True,
        source="capture",
        sensitive=SensitiveFields(
            frozenset({("body", "id")}), frozenset(), frozenset({"tok"}), frozenset({"ab12"})
        ),
    )
    older, _spec = codec.decode_record(codec.compress(OLDER_BLOB.encode("utf-8")))
    assert older == FlowRecord(
        id="f0",
        session="s0",
        ts=1600000000.0,
        kind="tcp",
        process=ProcessInfo(pid=7, name="teams", app="teams"),
        policy=[PolicyFinding("d", "v", "1", "clear", "q")],
        server_addr=("10.0.0.2", 3478),
        bytes_sent=5,
        bytes_received=6,
    )


def test_big_numbers_survive_the_store() -> None:
    # orjson reads integers beyond 64 bits as rounded floats; the codec must not.
    record = FlowRecord(id="b", session="s", ts=1.0, kind="tcp", bytes_sent=2**70 + 1)
    record.process.pid = -(2**64) - 3
    decoded, _spec = codec.decode_record(codec.encode(record, body_cap=None).record_blob)
    assert decoded.bytes_sent == 2**70 + 1
    assert decoded.process.pid == -(2**64) - 3
