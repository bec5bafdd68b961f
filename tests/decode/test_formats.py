"""One test per format family: what each decoder yields, its paths and its caps.

Payloads come from real encoders (zlib, brotli, zstandard, urllib3's multipart encoder, bbpb's
protobuf encoder) or, where no SDK exists on PyPI (1DS JSON stream and Bond, Google JSPB), from
encoders written in these tests following the published formats.
"""

from __future__ import annotations

import base64
import dataclasses
import gzip
import json
import tracemalloc
import zlib
from typing import Any

import blackboxprotobuf
import brotli
import pytest
import urllib3
import zstandard

from auditor.decode import DecodeLimits, decode_body, decode_flow
from tests.decode.bond_writer import cs_record
from tests.decode.helpers import by_where, flow
from tests.tflow import tflow, tresp, tws

DOC = {"user": {"email": "a@example.org", "id": 7}, "tags": ["x", "y"], "ok": True, "f": 1.5}
DOC_BYTES = json.dumps(DOC).encode()


def body_fields(
    data: bytes,
    ctype: str | None = "application/json",
    enc: str | None = None,
    limits: DecodeLimits | None = None,
) -> tuple[dict[str, object], list[str]]:
    fields, errors = decode_body(data, ctype, enc, ("body",), limits)
    return by_where(fields), errors


# -- content encodings ------------------------------------------------------------------------


def _raw_deflate(data: bytes) -> bytes:
    comp = zlib.compressobj(wbits=-15)
    return comp.compress(data) + comp.flush()


ENCODERS = {
    "gzip": gzip.compress,
    "deflate": zlib.compress,
    "br": brotli.compress,
    "zstd": zstandard.ZstdCompressor().compress,
}


@pytest.mark.parametrize("encoding", sorted(ENCODERS))
def test_each_content_encoding_is_undone_and_named_in_the_path(encoding: str) -> None:
    got, errors = body_fields(ENCODERS[encoding](DOC_BYTES), enc=encoding)
    assert errors == []
    assert got[f"body › {encoding} › user › email"] == "a@example.org"
    assert got[f"body › {encoding} › tags › 1"] == "y"
    assert got[f"body › {encoding} › ok"] is True


def test_raw_deflate_is_accepted_as_deflate() -> None:
    got, errors = body_fields(_raw_deflate(DOC_BYTES), enc="deflate")
    assert errors == []
    assert got["body › deflate › user › id"] == 7


def test_chained_encodings_are_undone_last_first() -> None:
    # "gzip, br": gzip applied first, then brotli; decoding undoes br, then gzip.
    data = brotli.compress(gzip.compress(DOC_BYTES))
    got, errors = body_fields(data, enc="gzip, br")
    assert errors == []
    assert got["body › br › gzip › user › email"] == "a@example.org"


@pytest.mark.parametrize("encoding", ["gzip", "zstd"])
def test_undeclared_gzip_and_zstd_are_sniffed(encoding: str) -> None:
    got, errors = body_fields(ENCODERS[encoding](DOC_BYTES), ctype=None)
    assert errors == []
    assert got[f"body › {encoding} › user › email"] == "a@example.org"


def test_declared_encoding_that_is_not_there_keeps_the_plain_body() -> None:
    got, errors = body_fields(DOC_BYTES, enc="gzip")
    assert got["body › user › email"] == "a@example.org"
    assert len(errors) == 1 and "invalid gzip data" in errors[0]


def test_unknown_encoding_is_reported() -> None:
    got, errors = body_fields(DOC_BYTES, enc="compress")
    assert got["body › user › email"] == "a@example.org"
    assert errors == ["unknown content-encoding 'compress' at body"]


def test_truncated_gzip_yields_partial_text_and_an_error() -> None:
    lines = b"".join(json.dumps({"n": i, "v": "x" * 50}).encode() + b"\n" for i in range(2000))
    data = gzip.compress(lines)[:-200]
    fields, errors = decode_body(data, "application/x-ndjson", "gzip", ("body",), None)
    assert any("truncated" in e for e in errors)
    assert any(f.where == "body › gzip › line 1 › n" and f.value == 0 for f in fields)


def test_concatenated_gzip_members_are_all_read() -> None:
    data = gzip.compress(b'{"a": 1}\n') + gzip.compress(b'{"b": 2}\n')
    got, errors = body_fields(data, ctype="application/x-ndjson", enc="gzip")
    assert errors == []
    assert got == {"body › gzip › line 1 › a": 1, "body › gzip › line 2 › b": 2}


BOMB_SIZE = 48 * 1024 * 1024
BOMB_CAP = 1024 * 1024


@pytest.fixture(scope="module")
def bombs() -> dict[str, bytes]:
    zeros = bytes(BOMB_SIZE)
    return {
        "gzip": gzip.compress(zeros, compresslevel=1),
        "deflate": zlib.compress(zeros, 1),
        "br": brotli.compress(zeros, quality=1),
        "zstd": zstandard.ZstdCompressor(level=1).compress(zeros),
    }


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "br", "zstd"])
def test_decompression_bomb_stops_at_the_cap_with_bounded_memory(
    bombs: dict[str, bytes], encoding: str
) -> None:
    limits = DecodeLimits(max_decoded_bytes=BOMB_CAP)
    tracemalloc.start()
    try:
        fields, errors = decode_body(bombs[encoding], None, encoding, ("body",), limits)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert errors == [f"decoded size exceeds cap ({BOMB_CAP} bytes) at body › {encoding}"]
    assert fields == []  # zeros hold no text
    # A few copies of the cap (output buffer, text view), never the 48 MiB the bomb expands to.
    assert peak < 8 * BOMB_CAP, peak


def test_total_decoded_bytes_are_capped_across_a_flow() -> None:
    part = gzip.compress(json.dumps({"pad": "x" * 600_000}).encode())
    limits = DecodeLimits(max_decoded_bytes=1_000_000, max_total_decoded_bytes=1_500_000)
    record = flow(
        part,
        headers=[("Content-Type", "application/json")],
        websocket=[tws(part, ts=0.0, is_text=False) for _ in range(3)],
    )
    decoded = decode_flow(record, limits=limits)
    assert any("decoded size exceeds cap" in e for e in decoded.errors)


# -- JSON family -------------------------------------------------------------------------------


def test_json_scalars_keep_their_types_and_index_paths() -> None:
    got, errors = body_fields(DOC_BYTES)
    assert errors == []
    assert got == {
        "body › user › email": "a@example.org",
        "body › user › id": 7,
        "body › tags › 0": "x",
        "body › tags › 1": "y",
        "body › ok": True,
        "body › f": 1.5,
    }


def test_invalid_utf8_never_raises_and_is_replaced() -> None:
    got, errors = body_fields(b'{"name": "caf\xe9 \xff"}')
    assert errors == []
    assert got["body › name"] == "caf\ufffd \ufffd"


def test_deep_json_nesting_is_cut_with_an_error() -> None:
    deep = "[" * 60 + "1" + "]" * 60
    fields, errors = decode_body(deep.encode(), "application/json", None, ("body",), None)
    assert fields == []
    assert errors == ["nesting deeper than 32 at body › jspb" + " › 0" * 32]


def test_pathological_json_nesting_is_reported_as_invalid_json() -> None:
    # json.loads raises RecursionError far below this depth; it must surface as an error.
    fields, errors = decode_body(b"[" * 200_000, "application/json", None, ("body",), None)
    assert errors == ["invalid JSON at body"]
    assert [f.where for f in fields] == ["body"]  # kept as a text preview
    assert isinstance(fields[0].value, str) and len(fields[0].value) == 4097


def test_long_strings_are_cut_to_the_preview_length() -> None:
    got, _ = body_fields(json.dumps({"blob": "z" * 10_000}).encode())
    value = got["body › blob"]
    assert isinstance(value, str) and len(value) == 4097 and value.endswith("…")


def test_field_count_is_capped() -> None:
    data = json.dumps({f"k{i}": i for i in range(500)}).encode()
    fields, errors = decode_body(
        data, "application/json", None, ("body",), DecodeLimits(max_fields=50)
    )
    assert len(fields) == 50
    assert errors == ["field count exceeds cap (50) at body"]


def one_ds_event(name: str, user: str, device: str) -> dict[str, object]:
    """A 1DS Common Schema 4.0 event as the 1DS JS SDK serialises it (one per line)."""
    return {
        "name": name,
        "time": "2026-11-22T10:00:00.000Z",
        "ver": "4.0",
        "iKey": "o:0123456789abcdef",
        "ext": {
            "user": {"localId": user},
            "device": {"localId": device},
            "os": {"name": "Linux"},
            "app": {"sesId": "3f2a"},
        },
        "data": {"baseType": "MeetingJoin", "baseData": {"meetingId": "123"}},
    }


def test_1ds_json_stream_yields_one_line_per_event() -> None:
    lines = [
        one_ds_event("Teams.Join", "u:alice", "d:1"),
        one_ds_event("Teams.Leave", "u:bob", "d:2"),
    ]
    data = "\n".join(json.dumps(e) for e in lines).encode()
    got, errors = body_fields(data, ctype="application/x-json-stream", enc=None)
    assert errors == []
    assert got["body › line 1 › ext › user › localId"] == "u:alice"
    assert got["body › line 2 › name"] == "Teams.Leave"


def test_ndjson_sent_as_json_falls_back_to_lines() -> None:
    data = b'{"a": 1}\n{"a": 2}\n'
    got, _ = body_fields(data, ctype="application/json")
    assert got == {"body › line 1 › a": 1, "body › line 2 › a": 2}


def test_jspb_arrays_yield_index_paths() -> None:
    # play.google.com/log?format=json: positional arrays; the inner event is itself JSPB text.
    inner = json.dumps([None, [["device_model", "Pixel"], ["account", "a@example.org"]]])
    payload = [[1, None, None, [None, "en-US"]], 4, [["1700000000000", None, inner]]]
    record = flow(
        json.dumps(payload).encode(),
        url="https://play.google.com/log?format=json&hasfast=true",
        headers=[("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")],
    )
    decoded = decode_flow(record)
    got = by_where(decoded.fields)
    assert got["body › jspb › 0 › 3 › 1"] == "en-US"
    # A list of [name, value] pairs is read as named fields (issue 15).
    assert got["body › jspb › 2 › 0 › 2 › json › 1 › pairs › account"] == "a@example.org"
    assert got["body › jspb › 2 › 0 › 2 › json › 1 › pairs › device_model"] == "Pixel"
    assert "jspb" in decoded.body_kinds


# -- forms, query strings, multipart -----------------------------------------------------------


def test_form_with_json_and_base64_json_fields() -> None:
    mixpanel_js = base64.b64encode(
        json.dumps([{"event": "join", "properties": {"$os": "Linux"}}]).encode()
    )
    body = (
        b"data=" + mixpanel_js.replace(b"=", b"%3D") + b"&ip=1&meta=%7B%22k%22%3A%22v%22%7D&sp=a+b"
    )
    got, errors = body_fields(body, ctype="application/x-www-form-urlencoded")
    assert errors == []
    assert got["body › data › base64 › json › 0 › properties › $os"] == "Linux"
    assert got["body › meta › json › k"] == "v"
    assert got["body › sp"] == "a b"
    assert got["body › ip"] == "1"


def test_untyped_form_body_is_sniffed() -> None:
    got, _ = body_fields(b"a=1&b=two", ctype=None)
    assert got == {"body › a": "1", "body › b": "two"}


def test_url_query_fields() -> None:
    cx = base64.urlsafe_b64encode(b'{"os": "Linux"}').rstrip(b"=").decode()
    decoded = decode_flow(
        flow(None, url=f"https://t.example/i?e=pv&cx={cx}&q=a%20b&empty=", method="GET")
    )
    got = {f.where: (f.source, f.value) for f in decoded.fields}
    assert got["url › query › e"] == ("url", "pv")
    assert got["url › query › cx › base64 › json › os"] == ("url", "Linux")
    assert got["url › query › q"] == ("url", "a b")
    assert got["url › query › empty"] == ("url", "")


def test_multipart_parts_files_and_nested_json() -> None:
    file_bytes = bytes(range(256)) * 4096  # 1 MiB of binary
    body, ctype = urllib3.encode_multipart_formdata(
        [
            ("meeting_id", "81234567890"),
            (
                "meta",
                ("meta.json", json.dumps({"email": "a@example.org"}).encode(), "application/json"),
            ),
            ("upload", ("recording.m4a", file_bytes, "audio/mp4")),
        ]
    )
    got, errors = body_fields(body, ctype=ctype)
    assert errors == []
    assert got["body › meeting_id"] == "81234567890"
    assert got["body › meta › file › email"] == "a@example.org"
    assert got["body › upload › filename"] == "recording.m4a"
    assert got["body › upload › size"] == len(file_bytes)
    assert got["body › upload › content_type"] == "audio/mp4"
    assert all(not (isinstance(v, str) and len(v) > 5000) for v in got.values())


# -- Sentry envelopes -----------------------------------------------------------------------


def test_envelope_items_with_and_without_length_and_attachments() -> None:
    event = json.dumps({"user": {"email": "a@example.org"}}).encode()
    attachment = b"\x00\x01log line with secret"
    envelope = b"\n".join(
        [
            json.dumps({"event_id": "abc", "dsn": "https://k@o1.ingest.sentry.io/1"}).encode(),
            json.dumps({"type": "session"}).encode(),
            json.dumps({"sid": "s-1", "did": "user-9"}).encode(),
            json.dumps({"type": "event", "length": len(event)}).encode(),
            event,
            json.dumps(
                {"type": "attachment", "length": len(attachment), "filename": "app.log"}
            ).encode(),
            attachment,
        ]
    )
    got, errors = body_fields(
        gzip.compress(envelope), ctype="application/x-sentry-envelope", enc="gzip"
    )
    assert errors == []
    assert got["body › gzip › envelope header › event_id"] == "abc"
    assert got["body › gzip › envelope item 1 › session › did"] == "user-9"
    assert got["body › gzip › envelope item 2 › item header › type"] == "event"
    assert got["body › gzip › envelope item 2 › event › user › email"] == "a@example.org"
    assert got["body › gzip › envelope item 3 › attachment › filename"] == "app.log"
    assert got["body › gzip › envelope item 3 › attachment › size"] == len(attachment)


def test_envelope_with_a_short_payload_reports_truncation() -> None:
    envelope = b'{"event_id":"a"}\n{"type":"event","length":500}\n{"user":{"id":1}}'
    got, errors = body_fields(envelope, ctype="application/x-sentry-envelope")
    assert errors == ["envelope item payload truncated at body › envelope item 1"]
    assert got["body › envelope item 1 › event › user › id"] == 1


def test_broken_envelope_item_header_stops_with_an_error() -> None:
    envelope = b'{"event_id":"a"}\n{not json\n{"user":1}\n'
    got, errors = body_fields(envelope, ctype="application/x-sentry-envelope")
    assert got == {"body › envelope header › event_id": "a"}
    assert errors == ["invalid envelope item header at body › envelope item 1"]


# -- protobuf, Bond, strings ------------------------------------------------------------------

PLAY_LOG_TYPEDEF: dict[str, Any] = {
    "1": {
        "type": "message",
        "message_typedef": {
            "1": {"type": "int"},
            "3": {
                "type": "message",
                "message_typedef": {"1": {"type": "string"}, "2": {"type": "string"}},
            },
        },
    },
    "2": {"type": "int"},
    "3": {"type": "message", "message_typedef": {"1": {"type": "int"}, "6": {"type": "bytes"}}},
}


def test_protobuf_by_endpoint_hint_for_play_log() -> None:
    # Native Google clients post protobuf LogRequest to play.google.com/log (no public SDK on
    # PyPI); the message is built with bbpb's encoder from a made-up typedef of its shape.
    message: dict[str | int, Any] = {
        "1": {"1": 4, "3": {"1": "Pixel 8", "2": "en-GB"}},
        "2": 1234,
        "3": [{"1": 1700000000000, "6": b"\x08\x01\x12\x0ealice-laptop01"}],
    }
    data = blackboxprotobuf.encode_message(message, PLAY_LOG_TYPEDEF)
    decoded = decode_flow(flow(data, url="https://play.google.com/log?format=raw&proto_v2=true"))
    got = by_where(decoded.fields)
    assert got["body › protobuf › 1 › 3 › 1"] == "Pixel 8"
    assert got["body › protobuf › 2"] == 1234
    assert got["body › protobuf › 3 › 6 › 2"] == "alice-laptop01"
    assert decoded.body_kinds == ["protobuf"]


def test_protobuf_repeated_records_keep_their_field_numbers_when_bbpb_guessed_two_types() -> None:
    # OTLP attribute records (KeyValue {1: key, 2: AnyValue {1: string}}) of one span: bbpb reads
    # the first key, "enduser.id", as a nested message and so names field 1 of the later
    # records "1-1"; every record reads as `› 1` (key) and `› 2 › 1` (value) all the same.
    def length_delimited(number: int, payload: bytes) -> bytes:
        return bytes([(number << 3) | 2, len(payload)]) + payload

    def key_value(key: str, value: str) -> bytes:
        return length_delimited(1, key.encode()) + length_delimited(
            2, length_delimited(1, value.encode())
        )

    data = b"".join(
        length_delimited(9, key_value(k, v))
        for k, v in [
            ("enduser.id", "usr_1"),
            ("enduser.email", "a@example.org"),
            ("network.connection.type", "wifi"),
        ]
    )
    got, errors = body_fields(data, ctype="application/x-protobuf")
    assert errors == []
    assert got == {
        "body › protobuf › 9 › 0 › 1": "enduser.id",
        "body › protobuf › 9 › 0 › 2 › 1": "usr_1",
        "body › protobuf › 9 › 1 › 1": "enduser.email",
        "body › protobuf › 9 › 1 › 2 › 1": "a@example.org",
        "body › protobuf › 9 › 2 › 1": "network.connection.type",
        "body › protobuf › 9 › 2 › 2 › 1": "wifi",
    }


def test_protobuf_garbage_falls_back_to_strings() -> None:
    data = b"\xff\xff\xff\xff junk with text-inside \xff"
    got, errors = body_fields(data, ctype="application/x-protobuf")
    assert errors == ["invalid protobuf (DecoderException) at body"]
    assert got == {"body › strings › 0": " junk with text-inside "}


def test_bond_compact_binary_records() -> None:
    data = cs_record(
        "Teams.Join", 1_700_000_000_000, "o:abc", "u:alice", "d:1", {"Email": "a@example.org"}
    )
    data += cs_record("Teams.Leave", 1_700_000_000_001, "o:abc", "u:alice", "d:1", {})
    got, errors = body_fields(data, ctype="application/bond-compact-binary")
    assert errors == []
    assert got["body › bond › record 1 › 2"] == "Teams.Join"
    assert got["body › bond › record 1 › 3"] == 1_700_000_000_000
    assert got["body › bond › record 1 › 22 › 0 › 1"] == "u:alice"
    assert got["body › bond › record 1 › 24 › 0 › 2"] == "6.8.0"  # wstring
    assert got["body › bond › record 1 › 70 › 0 › 1 › Email"] == "a@example.org"
    assert got["body › bond › record 2 › 2"] == "Teams.Leave"


def test_bond_truncated_keeps_whole_records_and_reports() -> None:
    one = cs_record("A", 1, "o:k", "u:1", "d:1", {"k": "v"})
    fields, errors = decode_body(
        one + one[:-7], "application/bond-compact-binary", None, ("body",), None
    )
    assert any(f.where == "body › bond › record 1 › 2" for f in fields)
    assert not any("record 2" in f.where for f in fields)
    assert len(errors) == 1 and errors[0].startswith("invalid Bond data at byte")


def test_bond_hostile_counts_are_rejected_without_allocation() -> None:
    # field 1, type list; element type string; count 2**31 with 3 bytes left.
    data = bytes([(1 << 5) | 11, 9]) + bytes([0xFF, 0xFF, 0xFF, 0xFF, 0x07]) + b"abc"
    fields, errors = decode_body(data, "application/bond-compact-binary", None, ("body",), None)
    assert fields == []
    assert errors == [
        "invalid Bond data at byte 7 (element count exceeds the data left) at body › bond"
    ]


def test_unknown_binary_yields_printable_runs() -> None:
    data = b"\x00\x01\x02hostname=alice-laptop\x00\x00" + "user@example.org".encode("utf-16-le")
    got, errors = body_fields(data, ctype="application/octet-stream")
    assert errors == []
    assert set(got.values()) == {"hostname=alice-laptop", "user@example.org"}


# -- flows: headers, websocket, response, stack frames -------------------------------------


def test_headers_every_one_plus_base64_json_and_json_inside() -> None:
    props = base64.b64encode(
        json.dumps({"os": "Linux", "client_build_number": 1}).encode()
    ).decode()
    client_info = base64.urlsafe_b64encode(b'{"uid":"u-1","utid":"t-1"}').rstrip(b"=").decode()
    record = flow(
        None,
        headers=[
            ("X-Super-Properties", props),
            ("ClientInfo", client_info),
            ("X-MS-Session-Info", '{"deviceId": "dev-7"}'),
            ("Authorization", "Bearer secret"),
        ],
        method="GET",
    )
    decoded = decode_flow(record)
    got = {f.where: (f.source, f.value) for f in decoded.fields}
    assert got["header › X-Super-Properties › base64 › json › os"] == ("header", "Linux")
    assert got["header › ClientInfo › base64 › json › uid"] == ("header", "u-1")
    assert got["header › X-MS-Session-Info › json › deviceId"] == ("header", "dev-7")
    assert got["header › Authorization"] == ("header", "Bearer secret")
    assert decoded.errors == []


def test_websocket_client_messages_only_and_response_behind_the_flag() -> None:
    record = flow(
        None,
        kind="websocket",
        websocket=[
            tws(b'{"op": 2, "d": {"token": "t"}}', ts=0.0),
            tws(b'{"server": "ignored"}', from_client=False, ts=0.1),
            tws(gzip.compress(b'{"x": 1}'), ts=0.2, is_text=False),
        ],
    )
    record.response = tresp(
        200, headers=[("Content-Type", "application/json")], body=b'{"resp": 1}'
    )
    decoded = decode_flow(record)
    got = {f.where: (f.source, f.value) for f in decoded.fields}
    assert got == {
        "websocket › message 1 › op": ("websocket", 2),
        "websocket › message 1 › d › token": ("websocket", "t"),
        "websocket › message 2 › gzip › x": ("websocket", 1),
    }
    with_response = decode_flow(record, limits=DecodeLimits(include_response=True))
    assert ("response", 1) in {(f.source, f.value) for f in with_response.fields}
    assert any(f.where == "response › resp" for f in with_response.fields)


def test_flows_without_a_request_decode_to_nothing() -> None:
    decoded = decode_flow(tflow(req=False, id="d", session="s", ts=0.0, kind="dns"))
    assert (decoded.fields, decoded.errors, decoded.body_kinds) == ([], [], [])


def test_stack_frame_context_is_marked_but_frame_metadata_is_not() -> None:
    event = {
        "exception": {
            "values": [
                {
                    "stacktrace": {
                        "frames": [
                            {
                                "filename": "app.py",
                                "context_line": "email = 'dev@example.net'",
                                "pre_context": ["x = 1"],
                                "vars": {"user": {"email": "a@example.org"}},
                            }
                        ]
                    }
                }
            ]
        },
        "user": {"email": "a@example.org"},
    }
    fields, _ = decode_body(json.dumps(event).encode(), "application/json", None, ("body",), None)
    marked = {f.where for f in fields if f.in_stack_frame}
    frame = "body › exception › values › 0 › stacktrace › frames › 0"
    assert marked == {
        f"{frame} › context_line",
        f"{frame} › pre_context › 0",
        f"{frame} › vars › user › email",
    }


def _b64url_json(value: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()


def test_launchdarkly_context_in_the_url_path() -> None:
    context = _b64url_json({"kind": "user", "key": "u-1", "email": "a@example.org"})
    record = flow(
        None,
        url=f"https://clientsdk.launchdarkly.com/sdk/evalx/env1/contexts/{context}",
        method="GET",
    )
    got = {f.where: (f.source, f.value) for f in decode_flow(record).fields}
    assert got["url › path › segment 5 › base64 › json › email"] == ("url", "a@example.org")


def test_jwt_claims_are_decoded_but_not_the_signature() -> None:
    token = f"{_b64url_json({'alg': 'RS256'})}.{_b64url_json({'upn': 'a@contoso.com'})}.c2ln"
    decoded = decode_flow(flow(None, headers=[("Authorization", f"Bearer {token}")], method="GET"))
    got = by_where(decoded.fields)
    assert got["header › Authorization › jwt › payload › upn"] == "a@contoso.com"
    assert got["header › Authorization › jwt › header › alg"] == "RS256"
    assert len(got) == 3
    assert decoded.body_kinds == ["jwt"]


def test_ga4_batch_one_query_string_per_line() -> None:
    body = b"v=2&tid=G-1&cid=123.456&en=page_view\nv=2&tid=G-1&en=scroll"
    got, errors = body_fields(body, ctype="text/plain;charset=UTF-8")
    assert errors == []
    assert got["body › line 1 › cid"] == "123.456"
    assert got["body › line 2 › en"] == "scroll"


def test_invalid_json_with_a_json_content_type_is_reported_and_kept_as_text() -> None:
    got, errors = body_fields(b'{"a": 1,', ctype="application/json")
    assert errors == ["invalid JSON at body"]
    assert got == {"body": '{"a": 1,'}


def test_json_lines_with_a_bad_line_keep_the_good_ones() -> None:
    got, errors = body_fields(b'{"a": 1}\nnot json\n{"b": 2}', ctype="application/x-json-stream")
    assert errors == ["invalid JSON line at body › line 2"]
    assert got == {"body › line 1 › a": 1, "body › line 2": "not json", "body › line 3 › b": 2}


def test_bond_reading_stops_at_the_field_cap() -> None:
    data = cs_record("A", 1, "o:k", "u:1", "d:1", {"k": "v"}) * 5000
    fields, errors = decode_body(
        data, "application/bond-compact-binary", None, ("body",), DecodeLimits(max_fields=100)
    )
    assert len(fields) == 100
    assert errors == ["field count exceeds cap (100) at body"]
    assert fields[-1].where == "body › bond › record 10 › 70 › 0 › 1 › k"


def test_gzip_members_larger_than_the_input_chunk() -> None:
    # Incompressible members of ~200 KiB each: member boundaries fall inside input chunks.
    import random

    rng = random.Random(7)
    docs = [{"n": i, "pad": rng.randbytes(100_000).hex()} for i in range(3)]
    data = b"".join(gzip.compress(json.dumps(d).encode() + b"\n") for d in docs)
    fields, errors = decode_body(data, "application/x-ndjson", "gzip", ("body",), None)
    assert errors == []
    assert [f.value for f in fields if f.key == "n"] == [0, 1, 2]


def test_cookie_pairs_are_fields_of_the_cookie_header() -> None:
    decoded = decode_flow(
        flow(
            None,
            headers=[("Cookie", "_ga=GA1.1.123.456; ajs_user_id=%22u-9%22; flag")],
            method="GET",
        )
    )
    got = by_where(decoded.fields)
    assert got["header › Cookie › _ga"] == "GA1.1.123.456"
    assert got["header › Cookie › ajs_user_id"] == '"u-9"'
    assert "header › Cookie › flag" not in got


def test_grpc_frames_are_decoded_as_protobuf() -> None:
    message = blackboxprotobuf.encode_message(
        {"1": "device-42", "2": 7}, {"1": {"type": "string"}, "2": {"type": "int"}}
    )
    frame = b"\x00" + len(message).to_bytes(4, "big") + message
    got, errors = body_fields(frame + frame, ctype="application/grpc")
    assert errors == []
    assert got["body › grpc message 2 › protobuf › 1"] == "device-42"
    assert got["body › grpc message 1 › protobuf › 2"] == 7


def _grpc_frame(message: bytes, flag: int = 0) -> bytes:
    return bytes([flag]) + len(message).to_bytes(4, "big") + message


GRPC_MESSAGE = blackboxprotobuf.encode_message(
    {"1": "alice@example.org", "2": 7}, {"1": {"type": "string"}, "2": {"type": "int"}}
)


@pytest.mark.parametrize(
    ("encoding", "compress"),
    [
        ("gzip", gzip.compress),
        ("deflate", zlib.compress),
        ("zstd", lambda data: zstandard.ZstdCompressor().compress(data)),
    ],
)
def test_compressed_grpc_messages_are_decoded_with_the_grpc_encoding_codec(
    encoding: str, compress: Any
) -> None:
    body = _grpc_frame(compress(GRPC_MESSAGE), flag=1) + _grpc_frame(GRPC_MESSAGE)
    fields, errors = decode_body(
        body, "application/grpc+proto", None, ("body",), message_encoding=encoding
    )
    got = by_where(fields)
    assert errors == []
    assert got[f"body › grpc message 1 › {encoding} › protobuf › 1"] == "alice@example.org"
    assert got["body › grpc message 2 › protobuf › 2"] == 7


def test_otlp_grpc_flow_uses_the_grpc_encoding_header_and_the_service_path() -> None:
    body = _grpc_frame(gzip.compress(GRPC_MESSAGE), flag=1)
    for headers in (
        [("content-type", "application/grpc"), ("grpc-encoding", "gzip")],
        [("grpc-encoding", "gzip")],  # undeclared: implied by the OTLP/gRPC service path
    ):
        decoded = decode_flow(
            flow(
                body,
                url="https://otel.example.com:4317"
                "/opentelemetry.proto.collector.trace.v1.TraceService/Export",
                headers=headers,
            )
        )
        got = by_where(decoded.fields)
        assert decoded.errors == []
        assert got["body › grpc message 1 › gzip › protobuf › 1"] == "alice@example.org"
        assert {"grpc", "gzip", "protobuf"} <= set(decoded.body_kinds)


def test_compressed_grpc_message_without_grpc_encoding_is_sniffed_by_magic() -> None:
    got, errors = body_fields(
        _grpc_frame(gzip.compress(GRPC_MESSAGE), flag=1), ctype="application/grpc"
    )
    assert errors == []
    assert got["body › grpc message 1 › gzip › protobuf › 1"] == "alice@example.org"


def test_grpc_web_text_body_is_base64_frames_with_trailers() -> None:
    raw = _grpc_frame(GRPC_MESSAGE) + _grpc_frame(b"grpc-status: 0\r\n", flag=0x80)
    got, errors = body_fields(base64.b64encode(raw), ctype="application/grpc-web-text")
    assert errors == []
    assert got["body › grpc message 1 › protobuf › 1"] == "alice@example.org"
    assert got["body › grpc trailers"] == "grpc-status: 0\r\n"


@pytest.mark.parametrize(
    ("body", "encoding", "error"),
    [
        (_grpc_frame(GRPC_MESSAGE)[:-3], None, "gRPC message truncated"),
        (b"\x00\xff\xff\xff\xff\x08\x01", None, "gRPC message truncated"),
        (_grpc_frame(GRPC_MESSAGE) + b"\x00\x00", None, "2 trailing bytes"),
        (_grpc_frame(b"not gzip at all", flag=1), "gzip", "invalid gzip data"),
        (_grpc_frame(b"\x08\x01", flag=1), "snappy", "unsupported grpc-encoding 'snappy'"),
        (_grpc_frame(gzip.compress(GRPC_MESSAGE)[:-12], flag=1), "gzip", "truncated"),
    ],
)
def test_bad_grpc_frames_become_error_notes(body: bytes, encoding: str | None, error: str) -> None:
    _fields, errors = decode_body(
        body, "application/grpc", None, ("body",), message_encoding=encoding
    )
    assert any(error in message for message in errors), errors


def test_grpc_bomb_stays_within_the_decode_cap() -> None:
    bomb = gzip.compress(b"\x00" * (4 * 1024 * 1024))
    limits = DecodeLimits(max_decoded_bytes=64 * 1024)
    fields, errors = decode_body(
        _grpc_frame(bomb, flag=1),
        "application/grpc",
        None,
        ("body",),
        limits,
        message_encoding="gzip",
    )
    assert any("exceeds cap" in message for message in errors)
    assert sum(len(str(f.value)) for f in fields) <= 64 * 1024


def test_plain_protobuf_body_is_not_read_as_grpc_frames() -> None:
    got, errors = body_fields(GRPC_MESSAGE, ctype="application/x-protobuf")
    assert errors == []
    assert got["body › protobuf › 1"] == "alice@example.org"
    assert not any("grpc" in where for where in got)


def test_envelope_sent_as_text_plain_is_recognised() -> None:
    # Sentry's browser SDK posts envelopes as text/plain to avoid CORS preflights.
    envelope = (
        b'{"sent_at":"2026-11-22T10:00:00Z","sdk":{"name":"sentry.javascript.browser"}}\n'
        b'{"type":"session"}\n{"sid":"s1","did":"user@example.org"}'
    )
    got, errors = body_fields(envelope, ctype="text/plain;charset=UTF-8")
    assert errors == []
    assert got["body › envelope item 1 › session › did"] == "user@example.org"


def test_ndjson_events_with_a_type_key_are_not_taken_for_envelopes() -> None:
    # Datadog RUM batches: NDJSON whose events carry "type".
    data = b'{"date":1,"type":"view","usr":{"id":"u1"}}\n{"date":2,"type":"action"}'
    fields, errors = decode_body(data, "text/plain;charset=UTF-8", None, ("body",), None)
    assert errors == []
    assert by_where(fields)["body › line 1 › usr › id"] == "u1"


def test_base64_gzip_json_inside_a_field() -> None:
    packed = base64.b64encode(gzip.compress(b'{"events": [{"uid": "u-5"}]}')).decode()
    got, errors = body_fields(json.dumps({"batch": packed}).encode())
    assert errors == []
    assert got["body › batch › base64 › gzip › json › events › 0 › uid"] == "u-5"


def test_decoded_bytes_are_reported_per_flow() -> None:
    body = gzip.compress(b'{"a": "' + b"x" * 1000 + b'"}')
    decoded = decode_flow(flow(body, headers=[("Content-Encoding", "gzip")]))
    assert decoded.decoded_bytes == len(b'{"a": ""}') + 1000


def test_zstd_frame_asking_for_a_huge_window_is_refused() -> None:
    params = zstandard.ZstdCompressionParameters.from_level(3, window_log=27)
    data = zstandard.ZstdCompressor(compression_params=params).compress(
        bytes(range(256)) * 1000 + bytes(40_000_000)
    )
    fields, errors = decode_body(data, None, "zstd", ("body",), None)
    assert errors == [
        "invalid zstd data (zstd decompress error: Frame requires too much memory for decoding)"
        " at body › zstd"
    ]
    assert not any("zstd" in f.path for f in fields)


@pytest.mark.parametrize("encoding", sorted(ENCODERS))
@pytest.mark.parametrize("size", [0, 1, 65_535, 65_536, 98_273, 300_001])
def test_decompression_is_exact_around_chunk_sizes(encoding: str, size: int) -> None:
    # Found by the property tests: brotli held back its last byte behind the output limit.
    from auditor.decode.compression import DECODERS

    payload = bytes(range(256)) * (size // 256) + bytes(size % 256)
    result = DECODERS[encoding](ENCODERS[encoding](payload), 1 << 24)
    assert result.error is None
    assert result.data == payload


def test_zip_log_bundle_upload_lists_entries_without_extracting() -> None:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("logs/zoom_stdout_alice.log", "x" * 10_000_000)  # compresses to ~10 KiB
        bundle.writestr("meeting_81234567890.txt", "joined")
    body, ctype = urllib3.encode_multipart_formdata(
        [("file", ("logs.zip", buffer.getvalue(), "application/zip"))]
    )
    got, errors = body_fields(body, ctype=ctype)
    assert errors == []
    assert got["body › file › filename"] == "logs.zip"
    assert got["body › file › file › zip › 0 › name"] == "logs/zoom_stdout_alice.log"
    assert got["body › file › file › zip › 0 › size"] == 10_000_000
    assert got["body › file › file › zip › 1 › name"] == "meeting_81234567890.txt"


def test_sentry_replay_recording_is_inflated() -> None:
    recording = zlib.compress(json.dumps([{"type": 3, "data": {"text": "hello"}}]).encode())
    payload = b'{"segment_id":0}\n' + recording
    envelope = (
        b'{"event_id":"e1","sent_at":"2026-11-22T10:00:00Z"}\n'
        + json.dumps({"type": "replay_recording", "length": len(payload)}).encode()
        + b"\n"
        + payload
    )
    got, errors = body_fields(envelope, ctype="application/x-sentry-envelope")
    assert errors == []
    item = "body › envelope item 1 › replay_recording"
    assert got[f"{item} › segment_id"] == 0
    assert got[f"{item} › recording › zlib › 0 › data › text"] == "hello"


def test_query_strings_inside_a_json_array_become_fields() -> None:
    # Batched tracking requests: each item of a JSON array is a tracking hit's query string.
    body = json.dumps(
        {
            "requests": [
                "?_id=9f3a6c2e&uid=a%40example.org&e_c=meeting&e_a=left&_cvar=%7B%221%22%3A1%7D",
                "idsite=3&rec=1&action_name=Settings",
            ]
        }
    ).encode()
    got, errors = body_fields(body)
    assert errors == []
    assert got["body › requests › 0 › querystring › uid"] == "a@example.org"
    assert got["body › requests › 0 › querystring › e_a"] == "left"
    assert got["body › requests › 0 › querystring › _cvar › json › 1"] == 1  # values decode further
    assert got["body › requests › 1 › querystring › action_name"] == "Settings"


@pytest.mark.parametrize(
    "text",
    [
        "a=1",  # one pair without `?`: a tag or an expression, not a query
        "https://example.org/p?a b=1",  # a URL whose query is no query string
        "x = 1 & y = 2",  # spaces: prose or code
        "a=1&&b=2",
        "&a=1",
    ],
)
def test_strings_that_are_no_query_string_stay_one_value(text: str) -> None:
    got, errors = body_fields(json.dumps({"v": text}).encode())
    assert errors == []
    assert got == {"body › v": text}


def test_the_query_of_a_url_in_a_value_becomes_fields() -> None:
    # A page URL in an analytics event carries a join link's passcode in its query.
    body = json.dumps(
        {
            "n": "pageview",
            "u": "https://meet.example.org/j/73019284651?pwd=Qm9vdGhTZWNyZXQ#success",
            "r": "https://example.org/landing",
        }
    ).encode()
    got, errors = body_fields(body)
    assert errors == []
    assert got["body › u"].startswith("https://meet.example.org/j/")  # the URL stays one field
    assert got["body › u › querystring › pwd"] == "Qm9vdGhTZWNyZXQ"  # the fragment is not in it
    assert not any(where.startswith("body › r ›") for where in got)  # no query, nothing added


def test_a_truncated_request_body_is_reported_with_what_was_kept_not_a_guessed_cause() -> None:
    # A body can be short because of the body cap or because the client cut it off mid-send
    # (the capture notes which); the decoder only knows how much was kept of how much.
    record = flow(b'{"user": "a', headers=[("Content-Type", "application/json")])
    record = dataclasses.replace(
        record, request=dataclasses.replace(record.request, size=400, body_truncated=True)
    )
    errors = decode_flow(record).errors
    assert "request body truncated: 11 of 400 bytes kept at body" in errors
    assert not any("body cap" in e for e in errors)
