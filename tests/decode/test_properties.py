"""Property tests: whatever the bytes, content type and encoding, decoding never raises and the
caps hold. Settings are bounded so the whole file runs in well under a minute on 2 cores.

Longer hunts: DECODE_HYPOTHESIS_EXAMPLES=1000 (examples per test) and DECODE_HYPOTHESIS_RANDOM=1
(fresh random examples instead of the fixed, reproducible sequence).
"""

from __future__ import annotations

import base64
import gzip
import json
import os
import zlib
from urllib.parse import urlsplit

import brotli
import zstandard
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.decode import DecodeLimits, decode_body, decode_flow
from auditor.decode._core import parse_json
from auditor.decode.flow import split_http_url
from auditor.records import Field
from tests.decode.bond_writer import cs_record
from tests.decode.helpers import flow
from tests.tflow import tws

SETTINGS = settings(
    max_examples=int(os.environ.get("DECODE_HYPOTHESIS_EXAMPLES", "120")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=os.environ.get("DECODE_HYPOTHESIS_RANDOM") != "1",
)
SMALL = DecodeLimits(max_decoded_bytes=64 * 1024, max_fields=200, max_depth=12, max_value_chars=256)

CONTENT_TYPES = [
    None,
    "",
    "application/json",
    "application/json; charset=utf-8",
    "application/x-json-stream",
    "application/x-ndjson",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=XyZ",
    "multipart/form-data",
    "application/x-sentry-envelope",
    "application/x-protobuf",
    "application/grpc",
    "application/grpc-web-text",
    "application/bond-compact-binary",
    "application/msgpack",
    "text/plain",
    "application/octet-stream",
    "image/png",
]
ENCODINGS = [None, "", "gzip", "deflate", "br", "zstd", "gzip, br", "zstd, gzip", "identity", "x-y"]

content_types = st.one_of(st.sampled_from(CONTENT_TYPES), st.text(max_size=40))
encodings = st.one_of(st.sampled_from(ENCODINGS), st.text(max_size=20))


def check(fields: list[Field], errors: list[str], limits: DecodeLimits, root: str = "body") -> None:
    assert len(fields) <= limits.max_fields
    assert all(isinstance(e, str) for e in errors)
    # decode_into turns a decoder bug into an error string rather than losing the flow; the
    # property tests must still see such bugs.
    assert not any(
        e.startswith(("decoder error", "nesting too deep", "out of memory")) for e in errors
    )
    for f in fields:
        assert f.path[0] == root
        assert all(isinstance(part, str) for part in f.path)
        assert f.value is None or isinstance(f.value, str | int | float | bool)
        if isinstance(f.value, str):
            assert len(f.value) <= limits.max_value_chars + 1


def compress(encoding: str, data: bytes) -> bytes:
    if encoding == "gzip":
        return gzip.compress(data)
    if encoding == "deflate":
        return zlib.compress(data)
    if encoding == "br":
        return brotli.compress(data)
    return zstandard.ZstdCompressor().compress(data)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=8), inner, max_size=5)
    ),
    max_leaves=30,
)


@SETTINGS
@given(st.binary(max_size=4096), content_types, encodings)
def test_arbitrary_bytes_never_raise(data: bytes, ctype: str | None, enc: str | None) -> None:
    fields, errors = decode_body(data, ctype, enc, ("body",), SMALL)
    check(fields, errors, SMALL)


@SETTINGS
@given(
    json_values,
    st.sampled_from(["gzip", "deflate", "br", "zstd"]),
    st.integers(min_value=0, max_value=400),
    st.binary(max_size=8),
)
def test_truncated_or_corrupted_compressed_json_never_raises(
    value: object, encoding: str, cut: int, noise: bytes
) -> None:
    packed = compress(encoding, json.dumps(value).encode())
    for variant in (packed[:cut], packed[:cut] + noise + packed[cut + len(noise) :]):
        fields, errors = decode_body(variant, "application/json", encoding, ("body",), SMALL)
        check(fields, errors, SMALL)


@SETTINGS
@given(json_values)
def test_valid_json_round_trips_every_scalar(value: object) -> None:
    limits = DecodeLimits(max_depth=64)
    fields, errors = decode_body(
        json.dumps(value).encode(), "application/json", None, ("body",), limits
    )
    check(fields, errors, limits)
    scalars: list[object] = []

    def collect(v: object) -> None:
        if isinstance(v, dict):
            for item in v.values():
                collect(item)
        elif isinstance(v, list):
            for item in v:
                collect(item)
        else:
            scalars.append(v)

    collect(value)
    # Strings holding JSON or base64 JSON add fields below their own path; skip those.
    string_paths = {f.path for f in fields if isinstance(f.value, str)}
    direct = [
        f for f in fields if not any(f.path[:n] in string_paths for n in range(1, len(f.path)))
    ]
    assert [f.value for f in direct] == scalars


@SETTINGS
@given(st.integers(min_value=1, max_value=5000), st.sampled_from(["[", '{"a":', '[{"b":']))
def test_deep_nesting_is_bounded(depth: int, opener: str) -> None:
    data = (opener * depth).encode()
    for suffix in (b"", b"1"):
        fields, errors = decode_body(data + suffix, "application/json", None, ("body",), SMALL)
        check(fields, errors, SMALL)


@SETTINGS
@given(st.lists(st.text(max_size=80), max_size=8), st.text(max_size=40))
def test_query_strings_inside_json_strings_never_raise(items: list[str], text: str) -> None:
    """Strings shaped like query strings (`?k=v&…`, `k=v&k=v`) are decoded as such, nested in
    one another, with any text in keys and values."""
    values = [f"?{t}={text}&b={t}" for t in items] + [f"a={t}&{text}=?{t}" for t in items]
    body = json.dumps({"requests": values, "q": "?" + "&".join(items)}).encode()
    fields, errors = decode_body(body, "application/json", None, ("body",), SMALL)
    check(fields, errors, SMALL)


@SETTINGS
@given(st.text(max_size=300), st.binary(max_size=64))
def test_bad_base64_and_json_in_form_fields(text: str, raw: bytes) -> None:
    b64 = base64.b64encode(raw).decode()
    body = f"data={b64[:-1]}&x={text}&y=eyJ{text}&z=W{b64}".encode("utf-8", "surrogatepass")
    fields, errors = decode_body(body, "application/x-www-form-urlencoded", None, ("body",), SMALL)
    check(fields, errors, SMALL)


@SETTINGS
@given(
    st.lists(
        st.tuples(
            st.dictionaries(
                st.sampled_from(["type", "length", "content_type", "filename"]),
                st.one_of(st.integers(-5, 500), st.text(max_size=10)),
                max_size=4,
            ),
            st.binary(max_size=80),
        ),
        max_size=5,
    ),
    st.integers(min_value=0, max_value=600),
)
def test_broken_envelopes_never_raise(
    items: list[tuple[dict[str, object], bytes]], cut: int
) -> None:
    lines = [b'{"event_id":"e","dsn":"https://k@h/1"}']
    for header, payload in items:
        lines += [json.dumps(header).encode(), payload]
    envelope = b"\n".join(lines)
    for variant in (envelope, envelope[:cut]):
        fields, errors = decode_body(
            variant, "application/x-sentry-envelope", None, ("body",), SMALL
        )
        check(fields, errors, SMALL)


@SETTINGS
@given(
    st.integers(min_value=0, max_value=400), st.binary(min_size=1, max_size=6), st.integers(0, 300)
)
def test_corrupted_bond_never_raises(cut: int, noise: bytes, at: int) -> None:
    record = cs_record("Teams.Join", 1_700_000_000_000, "o:k", "u:alice", "d:1", {"k": "v" * 40})
    for variant in (record[:cut], record[:at] + noise + record[at + len(noise) :]):
        fields, errors = decode_body(
            variant, "application/bond-compact-binary", None, ("body",), SMALL
        )
        check(fields, errors, SMALL)


@SETTINGS
@given(st.binary(max_size=2048))
def test_random_protobuf_and_bond_bodies_never_raise(data: bytes) -> None:
    for ctype in ("application/x-protobuf", "application/bond-compact-binary", "application/grpc"):
        fields, errors = decode_body(data, ctype, None, ("body",), SMALL)
        check(fields, errors, SMALL)


@SETTINGS
@given(
    st.lists(
        st.tuples(st.sampled_from([0, 1, 0x80, 0xFF]), st.binary(max_size=300), st.booleans()),
        max_size=4,
    ),
    st.one_of(st.none(), st.sampled_from(["gzip", "deflate", "zstd", "identity", "snappy"])),
    st.sampled_from(["application/grpc", "application/grpc-web+proto"]),
    st.integers(min_value=-8, max_value=8),
)
def test_grpc_frames_never_raise(
    frames: list[tuple[int, bytes, bool]], encoding: str | None, ctype: str, skew: int
) -> None:
    """Real and garbage messages, compressed or not, with lengths off by `skew` (truncated,
    beyond the body) and the last frame cut."""
    body = b""
    for flag, message, compress in frames:
        payload = gzip.compress(message) if compress else message
        body += bytes([flag]) + max(0, len(payload) + skew).to_bytes(4, "big") + payload
    for data in (body, body[:-3]):
        fields, errors = decode_body(data, ctype, None, ("body",), SMALL, message_encoding=encoding)
        check(fields, errors, SMALL)


@SETTINGS
@given(
    st.lists(st.tuples(st.text(max_size=20), st.text(max_size=120)), max_size=8),
    st.text(max_size=200),
    st.lists(st.tuples(st.booleans(), st.booleans(), st.binary(max_size=200)), max_size=4),
    st.binary(max_size=512),
    content_types,
    encodings,
)
def test_decode_flow_never_raises(
    headers: list[tuple[str, str]],
    query: str,
    messages: list[tuple[bool, bool, bytes]],
    body: bytes,
    ctype: str | None,
    enc: str | None,
) -> None:
    all_headers = [*headers]
    if ctype is not None:
        all_headers.append(("Content-Type", ctype))
    if enc is not None:
        all_headers.append(("Content-Encoding", enc))
    record = flow(
        body,
        url="https://play.google.com/log?" + query.replace("#", ""),
        headers=all_headers,
        websocket=[tws(m, from_client=c, ts=0.0, is_text=t) for c, t, m in messages],
    )
    decoded = decode_flow(record, limits=SMALL)
    assert len(decoded.fields) <= SMALL.max_fields
    assert not any(e.startswith("decoder error") for e in decoded.errors)
    assert {f.source for f in decoded.fields} <= {"url", "header", "body", "websocket"}


@SETTINGS
@given(st.text(max_size=120), st.text(max_size=60))
def test_arbitrary_urls_never_raise(url: str, path: str) -> None:
    record = flow(None, method="GET")
    assert record.request is not None
    record.request.url = url
    record.request.path = path
    decoded = decode_flow(record, limits=SMALL)
    assert not any(e.startswith("decoder error") for e in decoded.errors)
    assert {f.source for f in decoded.fields} <= {"url", "header"}


URL_PARTS = st.sampled_from(
    [
        "https://",
        "http://",
        "HTTPS://",
        "https:",
        "ftp://",
        " https://",
        "",
        "/",
        "?",
        "#",
        "[",
        "]",
        ":",
        "@",
        "\t",
        "\n",
        "é",
        "ä.example",
        "::1",
        "a.example.com",
        "/v1/x",
        "?a=1&b=2",
        "#f",
        "%20",
    ]
)


@SETTINGS
@given(st.lists(st.one_of(URL_PARTS, st.text(max_size=12)), max_size=8))
def test_the_fast_url_split_is_urlsplit(parts: list[str]) -> None:
    """`split_http_url` answers only where it gives exactly `urlsplit`'s result."""
    url = "".join(parts)
    fast = split_http_url(url)
    if fast is not None:
        assert fast == urlsplit(url)
        assert type(fast) is type(urlsplit(url))


JSON_EDGES = [
    "18446744073709551616",  # beyond 64 bits: orjson would read a float
    "-9223372036854775809",
    '{"id": 123456789012345678901234567890}',
    "18446744073709551615",
    "-0",
    "1e400",
    "NaN",
    "[Infinity]",
    '"\\ud800"',
    '"\\ud83d\\ude00"',
    '{"a": 1, "b": 2, "a": 3}',
    "\ufeff{}",
    "[1, 2",
    "[" * 2000 + "]" * 2000,
]


@SETTINGS
@given(
    json_values | st.text(max_size=40),
    st.sampled_from(["", " ", "x", "\ud800", "NaN", "12345678901234567890"]),
)
def test_parse_json_reads_what_the_standard_library_reads(value: object, noise: str) -> None:
    """orjson first, the standard library after: the same answer as `json.loads` alone."""
    dumped = json.dumps(value)
    texts: list[str | bytes] = [dumped, dumped + noise, noise + dumped, noise]
    texts += [json.dumps(value, ensure_ascii=False), dumped.encode("utf-16"), dumped.encode()]
    texts += [edge for edge in JSON_EDGES]
    texts += [edge.encode("utf-8", "surrogatepass") for edge in JSON_EDGES]
    for text in texts:
        try:
            expected: tuple[bool, object] = (True, json.loads(text))
        except (ValueError, RecursionError, TypeError):
            expected = (False, None)
        got = parse_json(text)
        assert got[0] == expected[0]
        assert repr(got[1]) == repr(expected[1])
        assert type(got[1]) is type(expected[1])


def test_a_url_that_does_not_parse_falls_back_to_the_request_path() -> None:
    record = flow(None, method="GET")
    assert record.request is not None
    record.request.url = "http://[::1/x?a=1"
    record.request.path = "/x?a=1"
    decoded = decode_flow(record)
    assert [(f.where, f.value) for f in decoded.fields] == [("url › query › a", "1")]


@SETTINGS
@given(
    st.lists(
        st.one_of(
            st.text(max_size=60),
            st.binary(max_size=60).map(lambda b: "eyJ" + base64.b64encode(b).decode()),
            st.binary(max_size=60).map(lambda b: "H4sI" + base64.b64encode(b).decode()),
            st.binary(max_size=60).map(
                lambda b: "Bearer eyJ" + base64.urlsafe_b64encode(b).decode() + ".eyJx.sig"
            ),
        ),
        max_size=6,
    )
)
def test_header_values_never_raise(header_values: list[str]) -> None:
    headers = [(f"X-H{i}", v) for i, v in enumerate(header_values)]
    headers.append(("Cookie", ";".join(header_values)))
    decoded = decode_flow(flow(None, headers=headers, method="GET"), limits=SMALL)
    assert not any(e.startswith("decoder error") for e in decoded.errors)
    assert len(decoded.fields) <= SMALL.max_fields


@SETTINGS
@given(
    st.lists(
        st.tuples(st.sampled_from(["gzip", "deflate", "br", "zstd"]), st.integers(1, 200_000)),
        min_size=1,
        max_size=4,
    )
)
def test_total_decoded_bytes_stay_under_the_flow_cap(parts: list[tuple[str, int]]) -> None:
    limits = DecodeLimits(max_decoded_bytes=100_000, max_total_decoded_bytes=150_000)
    (first_enc, first_size), *rest = parts
    record = flow(
        compress(first_enc, bytes(first_size)),
        headers=[("Content-Encoding", first_enc)],
        websocket=[
            tws(compress("gzip", b"a" * size), ts=0.0, is_text=False, size=size) for _, size in rest
        ],
    )
    decoded = decode_flow(record, limits=limits)
    assert decoded.decoded_bytes <= limits.max_total_decoded_bytes
    expanded = first_size + sum(size for _, size in rest)
    assert (decoded.decoded_bytes == expanded) == (
        not any("decoded size exceeds cap" in e for e in decoded.errors)
    )


@SETTINGS
@given(
    st.integers(min_value=0, max_value=2000),
    st.binary(min_size=1, max_size=8),
    st.integers(0, 2000),
)
def test_corrupted_multipart_never_raises(cut: int, noise: bytes, at: int) -> None:
    import urllib3

    body, ctype = urllib3.encode_multipart_formdata(
        [
            ("a", "1"),
            ("meta", ("m.json", b'{"email": "a@example.org"}', "application/json")),
            ("file", ("f.bin", bytes(range(256)) * 4, "application/octet-stream")),
        ]
    )
    for variant in (body[:cut], body[:at] + noise + body[at + len(noise) :]):
        fields, errors = decode_body(variant, ctype, None, ("body",), SMALL)
        check(fields, errors, SMALL)


@SETTINGS
@given(
    st.integers(min_value=0, max_value=400), st.binary(min_size=1, max_size=8), st.integers(0, 400)
)
def test_corrupted_zip_never_raises(cut: int, noise: bytes, at: int) -> None:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as bundle:
        bundle.writestr("a.log", "hello")
        bundle.writestr("dir/b.txt", "world")
    packed = buffer.getvalue()
    for variant in (packed[:cut], packed[:at] + noise + packed[at + len(noise) :]):
        fields, errors = decode_body(variant, "application/zip", None, ("body",), SMALL)
        check(fields, errors, SMALL)


def test_field_cap_holds_for_a_flow_with_many_parts() -> None:
    limits = DecodeLimits(max_fields=30)
    big = json.dumps({f"k{i}": i for i in range(100)}).encode()
    record = flow(
        big,
        url="https://x.example/?" + "&".join(f"q{i}=1" for i in range(20)),
        headers=[("Content-Type", "application/json")] + [(f"H{i}", "v") for i in range(20)],
        websocket=[tws(big, ts=0.0)],
    )
    decoded = decode_flow(record, limits=limits)
    assert len(decoded.fields) == 30
    assert decoded.errors == ["field count exceeds cap (30) at header › H9"]
