"""The decoder normalises structure before labelling (issue 15): tag strings, pair lists, NDJSON
inside string fields, base64 text and JWT claims become (key, value) fields with their decoding
chain, whatever the declared content type. One test group per format class; the labelled
fixtures of each class are in tests/label/corpus/heldout2.jsonl and the rule files."""

from __future__ import annotations

import base64
import gzip
import json
from urllib.parse import quote

import hypothesis.strategies as st
import msgpack
from hypothesis import given

from auditor.decode import DecodeLimits, decode_body, decode_flow
from auditor.label import Labeller
from tests.decode.helpers import by_where, flow
from tests.decode.test_properties import SETTINGS, SMALL, check, json_values


def fields_of(body: object, content_type: str = "application/json") -> dict[str, object]:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    fields, errors = decode_body(raw, content_type, None, ("body",))
    assert not errors
    return by_where(fields)


# -- query strings in strings ---------------------------------------------------------------


def test_query_string_in_a_string_becomes_one_field_per_pair() -> None:
    # Matomo's bulk tracking: `{"requests": ["?_id=…&uid=…&e_c=…", …]}`
    got = fields_of(
        {"requests": ["?_id=9f3a6c2e1b7d4058&uid=alice%40example.com&_cvar=%7B%22a%22%3A1%7D"]}
    )
    assert got["body › requests › 0 › querystring › _id"] == "9f3a6c2e1b7d4058"
    assert got["body › requests › 0 › querystring › uid"] == "alice@example.com"
    assert got["body › requests › 0 › querystring › _cvar › json › a"] == 1


def test_questions_and_urls_are_not_query_strings() -> None:
    got = fields_of({"q": "?what now = maybe", "u": "?", "v": "?a=1 b=2", "w": "?&=x"})
    assert not any("querystring" in where for where in got)


# -- tag strings ------------------------------------------------------------------------------


def test_comma_joined_tag_string_becomes_one_field_per_pair() -> None:
    got = fields_of({"ddtags": "env:prod,os:windows-11,device_id:RC-7F3A,network_type=wifi"})
    assert got["body › ddtags"] == "env:prod,os:windows-11,device_id:RC-7F3A,network_type=wifi"
    assert got["body › ddtags › tags › os"] == "windows-11"
    assert got["body › ddtags › tags › device_id"] == "RC-7F3A"
    assert got["body › ddtags › tags › network_type"] == "wifi"


def test_single_tags_are_read_only_in_a_list_under_a_tags_key() -> None:
    got = fields_of({"tags": ["os:linux", "device_id:abc123"], "note": "ratio:1"})
    assert got["body › tags › tags › os"] == "linux"
    assert got["body › tags › tags › device_id"] == "abc123"
    assert not any(where.startswith("body › note › ") for where in got)


def test_tag_items_starting_like_encoded_text_are_read_too() -> None:
    # "env:…", "Browser:…", "Host:…", "Wifi:…" start with the letters of JWTs, gzip and base64
    # JSON; they were handed to the nested-content decoder only and never split.
    got = fields_of({"tags": ["env:prod", "Browser:chrome", "Host:ROOM-PC-7", "Wifi:on"]})
    assert got["body › tags › tags › env"] == "prod"
    assert got["body › tags › tags › Browser"] == "chrome"
    assert got["body › tags › tags › Host"] == "ROOM-PC-7"
    assert got["body › tags › tags › Wifi"] == "on"


def test_prose_and_media_type_lists_are_not_tag_strings() -> None:
    got = fields_of(
        {
            "msg": "Hello, world: it failed",
            "accept": "text/html,application/xml;q=0.9",
            "time": "13:00:01",
        }
    )
    assert set(got) == {"body › msg", "body › accept", "body › time"}


# -- pair and positional arrays ---------------------------------------------------------------


def test_list_of_name_value_pairs_becomes_named_fields() -> None:
    got = fields_of(
        {"env": [["network_effective_type", "4g"], ["hardware_concurrency", 8], ["mobile", False]]}
    )
    assert got["body › env › pairs › network_effective_type"] == "4g"
    assert got["body › env › pairs › hardware_concurrency"] == 8
    assert got["body › env › pairs › mobile"] is False


def test_positional_arrays_that_are_not_pairs_keep_index_paths() -> None:
    got = fields_of({"a": [["x", 1], ["x", 2]], "b": [["1700000000", None]], "c": [[1, 2]]})
    assert got["body › a › 0 › 0"] == "x"  # names repeat: a table, not pairs
    assert got["body › b › 0 › 0"] == "1700000000"  # not an identifier-like name
    assert got["body › c › 0 › 1"] == 2


def test_list_of_key_value_objects_becomes_named_fields_too() -> None:
    got = fields_of(
        {
            "traits": [
                {"trait_key": "email", "trait_value": "a@example.org"},
                {"trait_key": "os", "trait_value": "Linux 6.1"},
            ],
            "dims": [{"name": "plan", "value": "business"}],
        }
    )
    assert got["body › traits › pairs › email"] == "a@example.org"
    assert got["body › traits › pairs › os"] == "Linux 6.1"
    assert got["body › traits › 1 › trait_value"] == "Linux 6.1"  # the objects' fields stay
    assert got["body › dims › pairs › plan"] == "business"


def test_objects_that_are_not_name_value_pairs_keep_index_paths() -> None:
    got = fields_of(
        {
            "a": [{"key": "x", "value": 1}, {"key": "x", "value": 2}],  # names repeat
            "b": [{"name": "Alice Example", "value": 3}],  # not an identifier-like name
            "c": [{"key": "k", "value": {"nested": 1}}],  # not a scalar value
            "d": [{"name": "n", "id": 4}],  # not a pair kind
        }
    )
    assert not any("pairs" in where for where in got)
    assert got["body › b › 0 › name"] == "Alice Example"


# -- concatenated JSON and MessagePack --------------------------------------------------------


def test_concatenated_json_objects_are_read_one_by_one() -> None:
    body = (
        b'{"host":"pc-01","event":{"user":{"email":"a@example.org"}}}'
        b'{"event":{"local_ip":"192.168.1.20"}}\n'
    )
    fields, errors = decode_body(body, "application/x-www-form-urlencoded", None, ("body",))
    got = by_where(fields)
    assert not errors
    assert got["body › object 1 › event › user › email"] == "a@example.org"
    assert got["body › object 2 › event › local_ip"] == "192.168.1.20"


def test_one_json_document_or_broken_json_is_not_a_stream() -> None:
    assert "body › object 1 › a" not in fields_of({"a": 1})
    fields, _ = decode_body(b'{"a": 1}{"b": ', "application/json", None, ("body",))
    assert not any("object 1" in f.path for f in fields)


def test_msgpack_declared_or_sniffed_is_decoded() -> None:
    records = [{"level": "error", "user": {"id": "usr_1", "email": "a@example.org"}, "rtt_ms": 42}]
    raw = msgpack.packb(records)
    for ctype in ("application/msgpack", None, "application/octet-stream"):
        fields, errors = decode_body(gzip.compress(raw), ctype, None, ("body",))
        got = by_where(fields)
        assert not errors
        assert got["body › gzip › msgpack › 0 › user › email"] == "a@example.org"
        assert got["body › gzip › msgpack › 0 › rtt_ms"] == 42


def test_binary_that_only_starts_like_msgpack_is_not_msgpack() -> None:
    for raw in (
        b"\x92\x01\x02",  # a complete array of numbers: no records
        b"\x81\xa1k\x01\xff\xfe",  # a map followed by trailing bytes
        b"\x93\xa1a",  # cut short
        msgpack.packb([{"a": 1}]) + b"\x00",
    ):
        fields, _ = decode_body(raw, None, None, ("body",))
        assert not any("msgpack" in f.path for f in fields), raw


def test_base64_json_body_forward_or_reversed_is_decoded() -> None:
    doc = json.dumps({"user": {"userID": "usr_1", "email": "a@example.org"}}).encode()
    encoded = base64.b64encode(doc).decode()
    for body, layer in ((encoded, "base64"), (encoded[::-1], "reversed-base64")):
        fields, errors = decode_body(body.encode(), "application/json", None, ("body",))
        got = by_where(fields)
        assert not errors
        assert got[f"body › {layer} › json › user › email"] == "a@example.org"


def test_text_that_only_looks_base64_is_not_decoded_as_json() -> None:
    for body in (b"goodbye", b"eyeballs-and-more", base64.b64encode(b"plain words")[::-1]):
        fields, _ = decode_body(body, "text/plain", None, ("body",))
        assert all("json" not in f.path for f in fields), body


# -- ids in REST item paths -------------------------------------------------------------------


def test_item_id_after_a_people_collection_in_the_path_is_a_field() -> None:
    decoded = decode_flow(flow(url="https://track.example.io/api/v1/customers/usr_7Qe2Lk91/events"))
    got = by_where(decoded.fields)
    assert got["url › path › customer_id"] == "usr_7Qe2Lk91"
    labels = Labeller().label(
        flow(b"{}", url="https://track.example.io/api/v1/customers/usr_7Qe2Lk91/events")
    )
    assert "identifiers.user_id" in labels.categories()


def test_words_and_file_names_after_a_collection_are_not_ids() -> None:
    for url in (
        "https://api.example.io/users/me",
        "https://api.example.io/users/search",
        "https://api.example.io/devices/list.json",
        "https://api.example.io/v1/users",
    ):
        fields = decode_flow(flow(url=url)).fields
        assert not any(f.path[:2] == ("url", "path") for f in fields), url


# -- JSON / NDJSON inside strings, content sniffed whatever the declared type -----------------


def test_ndjson_in_a_json_string_in_gzip_declared_text_plain() -> None:
    lines = [{"lv": "E", "msg": "getUserMedia failed", "email": "a@example.org"}, {"lv": "I"}]
    body = gzip.compress(
        json.dumps({"logs": "\n".join(json.dumps(line) for line in lines)}).encode()
    )
    fields, errors = decode_body(body, "text/plain;charset=UTF-8", None, ("body",))
    got = by_where(fields)
    assert not errors
    assert got["body › gzip › logs › json › line 1 › email"] == "a@example.org"
    assert got["body › gzip › logs › json › line 2 › lv"] == "I"


def test_text_that_only_starts_like_json_stays_text() -> None:
    got = fields_of({"note": "{not json}\nsecond line"})
    assert set(got) == {"body › note"}


# -- base64 text, JWT claims ------------------------------------------------------------------


def test_base64_of_readable_text_is_decoded_under_its_key() -> None:
    topic = base64.b64encode(b"Salary review with Dana Schultz").decode()
    got = fields_of({"topic": topic})
    assert got["body › topic › base64"] == "Salary review with Dana Schultz"


def test_ids_and_tokens_are_not_taken_for_base64_text() -> None:
    got = fields_of(
        {
            "id": "5a9f3b1c-7d2e-4f60-9a8b-1c2d3e4f5a6b",
            "hex": "0123456789abcdef0123456789abcdef",
            "token": "AbCdEf0123456789XyZwVuTs",  # decodes to binary, not text
        }
    )
    assert set(got) == {"body › id", "body › hex", "body › token"}


def _jwt(claims: dict[str, object]) -> str:
    def part(data: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")

    return f"{part({'alg': 'RS256'})}.{part(claims)}.c2lnbmF0dXJl"


def test_jwt_claims_in_a_bearer_header_are_fields_and_label_the_user() -> None:
    token = _jwt({"sub": "zx_u_4Jf8KqLmN2pQ", "name": "Bruno Keller"})
    record = flow(
        b"{}",
        url="https://api.example.com/v1/me",
        headers=[("Authorization", f"Bearer {token}"), ("Content-Type", "application/json")],
    )
    got = by_where(decode_flow(record).fields)
    assert got["header › Authorization › jwt › payload › sub"] == "zx_u_4Jf8KqLmN2pQ"
    categories = set(Labeller().label(record).categories())
    assert {"credentials", "identifiers.user_id", "contact_info.name"} <= categories


# -- dotted keys: kept verbatim by the decoder, read as parent.key by the labeller -------------


def test_dotted_keys_are_read_as_parent_and_key() -> None:
    record = flow(
        json.dumps(
            {"metrics": {"quantity": {"hw.physmemory": 32768}}, "usr.name": "Chloé Martin"}
        ).encode(),
        url="https://collector.example.com/v1/submit",
        headers=[("Content-Type", "application/json")],
    )
    got = by_where(decode_flow(record).fields)
    assert got["body › metrics › quantity › hw.physmemory"] == 32768
    categories = set(Labeller().label(record).categories())
    assert {"device_info.hardware", "contact_info.name"} <= categories


def test_email_shaped_add_on_ids_and_engine_display_names_are_not_personal() -> None:
    record = flow(
        json.dumps(
            {
                "addons": [{"id": "uBlock0@raymondhill.net"}],
                "search.engine.default.display_name": "DuckDuckGo",
            }
        ).encode(),
        url="https://collector.example.com/v1/submit",
        headers=[("Content-Type", "application/json")],
    )
    categories = set(Labeller().label(record).categories())
    assert "contact_info.email" not in categories
    assert "identifiers.user_id" not in categories


# -- totality ---------------------------------------------------------------------------------

structured_strings = st.one_of(
    st.text(alphabet="abc:=,. _-{}[]\n\"'", max_size=60),
    st.lists(st.tuples(st.text("abc_", min_size=1, max_size=6), st.text(max_size=6))).map(
        lambda pairs: ",".join(f"{k}:{v}" for k, v in pairs)
    ),
    st.binary(max_size=40).map(lambda b: base64.b64encode(b).decode()),
    # query strings kept in strings (`?a=1&b=%7B…`), well-formed or not
    st.lists(
        st.tuples(st.text("ab_%", min_size=1, max_size=5), st.text("x=&%7B?", max_size=6))
    ).map(lambda pairs: "?" + "&".join(f"{k}={v}" for k, v in pairs)),
)
pair_lists = st.lists(
    st.lists(st.one_of(st.text(max_size=8), st.integers(), st.none()), min_size=2, max_size=2),
    max_size=8,
)
pair_objects = st.lists(
    st.dictionaries(
        st.sampled_from(["trait_key", "trait_value", "key", "name", "value"]),
        st.one_of(st.text(max_size=8), st.integers(), st.none(), st.lists(st.none(), max_size=1)),
        min_size=1,
        max_size=2,
    ),
    max_size=6,
)


@SETTINGS
@given(
    st.recursive(
        st.one_of(structured_strings, st.integers(), st.none()),
        lambda inner: st.one_of(
            pair_lists,
            pair_objects,
            st.lists(inner, max_size=4),
            st.dictionaries(st.sampled_from(["tags", "ddtags", "logs", "topic", "x"]), inner),
        ),
        max_leaves=20,
    ),
    st.sampled_from(["application/json", "text/plain", None]),
    st.booleans(),
)
def test_structure_decoders_are_total(value: object, ctype: str | None, zipped: bool) -> None:
    raw = json.dumps(value).encode()
    if zipped:
        raw = gzip.compress(raw)
    fields, errors = decode_body(raw, ctype, None, ("body",), SMALL)
    check(fields, errors, SMALL)
    # With the defaults every scalar of the document is kept too (normalising adds fields,
    # it never replaces the ones the document has).
    full, _ = decode_body(raw, ctype, None, ("body",), DecodeLimits())
    assert len(full) >= len(fields)


@SETTINGS
@given(
    st.recursive(
        st.one_of(
            st.text(max_size=10),
            st.integers(-(2**63), 2**64 - 1),  # what msgpack can encode
            st.none(),
            st.binary(max_size=10),
        ),
        lambda inner: st.one_of(
            st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=6), inner, max_size=4)
        ),
        max_leaves=20,
    ),
    st.binary(max_size=8),
    st.sampled_from(["application/msgpack", "application/octet-stream", None]),
)
def test_msgpack_and_json_stream_decoders_are_total(
    value: object, tail: bytes, ctype: str | None
) -> None:
    raw = msgpack.packb(value) + tail
    fields, errors = decode_body(raw, ctype, None, ("body",), SMALL)
    check(fields, errors, SMALL)
    doc = json.dumps(value, default=repr)
    stream = (doc + "[" + doc + "]").encode() + tail
    fields, errors = decode_body(stream, "application/json", None, ("body",), SMALL)
    check(fields, errors, SMALL)


# -- content percent-encoded in URL path segments and query values ----------------------------


def test_json_percent_encoded_in_a_path_segment_becomes_fields() -> None:
    # Publish/subscribe REST APIs send the message itself as a path segment
    # (`/publish/<pub key>/<sub key>/0/<channel>/0/<url-encoded JSON>`).
    message = {"type": "participant_joined", "user_id": "u-2291", "email": "a@example.org"}
    url = (
        "https://pubsub.example.net/publish/pk/sk/0/room-7/0/"
        + quote(json.dumps(message), safe="")
        + "?seqn=1"
    )
    got = by_where(decode_flow(flow(url=url, method="GET")).fields)
    assert got["url › path › segment 7 › json › user_id"] == "u-2291"
    assert got["url › path › segment 7 › json › email"] == "a@example.org"
    assert got["url › query › seqn"] == "1"
    labels = Labeller().label(flow(url=url, method="GET")).categories()
    assert {"identifiers.user_id", "contact_info.email"} <= set(labels)


def test_arrays_gzip_and_query_pairs_in_path_segments_are_sniffed() -> None:
    batch = quote(json.dumps([{"anonymous_id": "d-77"}]), safe="")
    zipped = base64.b64encode(gzip.compress(b'{"device_id": "d-88"}')).decode()
    pairs = quote("uid=u-31&os=Linux", safe="")
    for segment, where, value in (
        (batch, "url › path › segment 2 › json › 0 › anonymous_id", "d-77"),
        (
            quote(zipped, safe=""),
            "url › path › segment 2 › base64 › gzip › json › device_id",
            "d-88",
        ),
        (pairs, "url › path › segment 2 › querystring › uid", "u-31"),
    ):
        fields = decode_flow(flow(url=f"https://c.example.net/v1/{segment}/x", method="GET"))
        got = by_where(fields.fields)
        assert got.get(where) == value, (segment, got)


def test_json_percent_encoded_in_a_query_value_becomes_fields() -> None:
    # Presence state and metadata sent as query values (`state=`, `meta=`).
    state = quote(json.dumps({"name": "Alice Example", "os": "Linux", "network": "wifi"}))
    url = f"https://pubsub.example.net/v2/presence/channel/room-7/data?state={state}&meta=%5B1%5D"
    got = by_where(decode_flow(flow(url=url, method="GET")).fields)
    assert got["url › query › state › json › os"] == "Linux"
    assert got["url › query › meta › json › 0"] == 1
    labels = set(Labeller().label(flow(url=url, method="GET")).categories())
    assert {"device_info.os", "device_info.network"} <= labels


def test_ids_words_and_braced_guids_in_paths_are_not_sniffed_as_content() -> None:
    for url in (
        "https://api.example.io/v1/devices/%7B0f8fad5b-d9cb-469f-a165-70867728950e%7D",
        "https://api.example.io/v1/meetings/85512345678/%5Bdraft%5D",
        "https://api.example.io/v1/search/%7Bnot%20json",
        "https://api.example.io/v1/items/eyes-on-the-road",
        "https://api.example.io/v1/a=b/c",
    ):
        fields = decode_flow(flow(url=url, method="GET")).fields
        assert not any("json" in f.path or "querystring" in f.path for f in fields), url
    # a braced GUID after a device collection is still that device's id
    fields = decode_flow(
        flow(url="https://api.example.io/v1/devices/%7B0f8fad5b-d9cb-469f-a165-70867728950e%7D")
    )
    assert by_where(fields.fields).get("url › path › device_id")


@SETTINGS
@given(
    st.lists(st.one_of(json_values, st.text(max_size=40)), min_size=1, max_size=4), st.booleans()
)
def test_path_segment_sniffing_is_total(parts: list[object], encode_all: bool) -> None:
    segments = [
        quote(
            part if isinstance(part, str) else json.dumps(part), safe="" if encode_all else "{}[]:,"
        )
        for part in parts
    ]
    url = "https://c.example.net/" + "/".join(segments) + "?state=" + quote(json.dumps(parts))
    decoded = decode_flow(flow(url=url, method="GET"), limits=SMALL)
    check([f for f in decoded.fields if f.source == "url"], decoded.errors, SMALL, root="url")
