"""lz-string base64 JSON in query values and form fields (issue 15: CleverTap's JSONP `d=`,
PostHog's `compression=lz64`): the decoder against the JavaScript original's output, its caps,
its totality on garbage, and the fields it gives with their decoding chain."""

from __future__ import annotations

import json
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.decode import DecodeLimits, decode_flow
from auditor.decode.lzstring import OutputCapExceeded, decompress_base64, starts_json
from tests.decode.helpers import by_where, flow

# Made by lz-string 1.5.0 from npm (the JavaScript original), not by this code's author.
VECTORS = json.loads(
    (Path(__file__).parent / "fixtures" / "lzstring_vectors.json").read_text(encoding="utf-8")
)
# A CleverTap-style profile push, compressed by the original.
PROFILE_LZ64 = next(
    v["base64"]
    for v in VECTORS["vectors"]
    if v["text"].startswith('{"type":"profile"') and "Phone" in v["text"]
)


@pytest.mark.parametrize("form", ["base64", "uri"])
def test_decodes_what_the_javascript_original_compressed(form: str) -> None:
    for vector in VECTORS["vectors"]:
        assert decompress_base64(vector[form], 1 << 20) == vector["text"], vector["text"][:40]


def test_a_compression_bomb_stops_at_the_cap_quickly() -> None:
    bomb = VECTORS["bomb"]["base64"]
    started = time.perf_counter()
    with pytest.raises(OutputCapExceeded):
        decompress_base64(bomb, 1 << 20)
    assert time.perf_counter() - started < 0.5
    assert len(decompress_base64(bomb, 4 << 20) or "") == VECTORS["bomb"]["length"]


def test_the_sniff_is_the_first_characters_of_compressed_json() -> None:
    json_vectors = [v for v in VECTORS["vectors"] if v["text"][:1] in ("{", "[")]
    assert json_vectors and all(starts_json(v["base64"]) for v in json_vectors)
    # plain base64 of JSON, most words and ids do not even start like it (the few that do,
    # such as "Nothing", decode to nothing: see the lookalike test below)
    for text in ("eyJhIjoxfQ==", "WzEsMl0=", "Nancy", "N4", "usr_9Jd7Kq41", "MTIzNDU2Nzg="):
        assert not starts_json(text)


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-$ ",
        max_size=400,
    )
)
def test_garbage_in_the_alphabet_never_raises_past_the_cap(text: str) -> None:
    try:
        result = decompress_base64("N4" + text, 1 << 16)
    except OutputCapExceeded:
        return
    assert result is None or isinstance(result, str)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_never_raises(text: str) -> None:
    try:
        decompress_base64(text, 1 << 16)
    except OutputCapExceeded:
        pass
    fields = decode_flow(
        flow(None, url="https://t.example/a?d=" + quote("N4" + text), method="GET")
    ).fields
    assert fields


def test_query_value_gives_fields_with_their_decoding_chain() -> None:
    url = f"https://eu1.collector.example/a?t=96&d={quote(PROFILE_LZ64, safe='')}&useIP=false"
    decoded = decode_flow(flow(None, url=url, method="GET"))
    fields = by_where(decoded.fields)
    assert fields["url › query › d › lzstring › json › profile › Email"] == "j@example.ch"
    assert fields["url › query › d › lzstring › json › profile › Phone"] == 41791234567
    assert "lzstring-json" in decoded.body_kinds
    # PostHog's form body `data=<lz64>` (a `+` may arrive as a space)
    body = f"data={quote(PROFILE_LZ64, safe='')}&compression=lz64".encode()
    form = decode_flow(flow(body, headers=[("content-type", "application/x-www-form-urlencoded")]))
    assert "data › lzstring › json › profile › Name" in " ".join(f.where for f in form.fields)


def test_a_bomb_in_a_query_is_an_error_not_a_hang() -> None:
    url = "https://t.example/a?d=" + quote(VECTORS["bomb"]["base64"], safe="")
    decoded = decode_flow(
        flow(None, url=url, method="GET"), limits=DecodeLimits(max_decoded_bytes=1 << 20)
    )
    assert any("exceeds cap" in error for error in decoded.errors)
    assert not any("lzstring › json" in f.where for f in decoded.fields)


def test_a_lookalike_that_is_not_lzstring_gives_no_fields() -> None:
    for value in ("N4IgLgngDgpiBcIo", "N5notcompressedatall", "Nothing to see here"):
        decoded = decode_flow(flow(None, url=f"https://t.example/a?d={quote(value)}", method="GET"))
        assert [f.where for f in decoded.fields if f.source == "url"] == ["url › query › d"]
