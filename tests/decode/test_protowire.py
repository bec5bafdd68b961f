"""Our schema-less protobuf reader gives exactly what bbpb gives (message and typedef), on
generated messages (nested, repeated fields whose elements decode differently, text that also
parses as a message), on their mutations and truncations, on random bytes, and on every
protobuf body the labelled corpus holds. Where it answers Undecidable, bbpb is asked instead,
so only its decided answers need to match."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import blackboxprotobuf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.decode import decode_flow, protobuf, protowire
from auditor.records import from_spec_dict

SETTINGS = settings(
    max_examples=int(os.environ.get("DECODE_HYPOTHESIS_EXAMPLES", "400")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=os.environ.get("DECODE_HYPOTHESIS_RANDOM") != "1",
)
CORPUS = Path(__file__).resolve().parent.parent / "label" / "corpus"


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        low, value = value & 0x7F, value >> 7
        out.append(low | 0x80 if value else low)
        if not value:
            return bytes(out)


def _bbpb(data: bytes) -> Any:
    try:
        return blackboxprotobuf.decode_message(data)
    except Exception as exc:  # bbpb raises assorted errors on what is no message
        return type(exc).__name__


def _ours(data: bytes) -> Any:
    try:
        return protowire.decode_message(data)
    except protowire.NotMessage:
        return "NotMessage"
    except protowire.Undecidable:
        return "Undecidable"


def assert_as_bbpb(data: bytes) -> bool:
    """True when our reader decided (and agreed with bbpb)."""
    ours = _ours(data)
    if ours == "Undecidable":
        return False
    expected = _bbpb(data)
    if isinstance(expected, str):
        assert ours == "NotMessage", (data, expected, ours)
    else:
        # repr as well: 1 == 1.0 == True, and bytes/str or int/float must not be swapped
        assert repr(ours) == repr(expected), data
    return True


TEXTS = [b"", b"enduser.id", "h\u00e9llo".encode(), b"user@example.com", b"abc def", b"\xff\xfe"]


@st.composite
def messages(draw: st.DrawFn, depth: int = 0) -> bytes:
    out = b""
    for _ in range(draw(st.integers(0, 5))):
        # few field numbers, so that fields repeat with elements of different shapes
        number = draw(st.sampled_from([0, 1, 1, 2, 2, 3, 5, 15, 16, 100, 2**29 - 1]))
        wire = draw(st.sampled_from([0, 0, 1, 2, 2, 2, 5]))
        out += _varint(number << 3 | wire)
        if wire == 0:
            out += _varint(draw(st.sampled_from([0, 1, 150, 2**63, 2**64 - 1, 2**40 + 7])))
        elif wire in (1, 5):
            out += draw(st.binary(min_size=8 if wire == 1 else 4, max_size=8 if wire == 1 else 4))
        else:
            choice = draw(st.integers(0, 2))
            if choice == 0 and depth < 4:
                payload = draw(messages(depth + 1))
            elif choice == 1:
                payload = draw(st.sampled_from(TEXTS))
            else:
                payload = draw(st.binary(max_size=12))
            out += _varint(len(payload)) + payload
    return out


@SETTINGS
@given(messages(), st.integers(0, 1 << 30), st.integers(0, 255))
def test_generated_messages_and_their_mutations_read_as_bbpb(
    data: bytes, where: int, byte: int
) -> None:
    assert_as_bbpb(data)
    if data:
        mutated = bytearray(data)
        mutated[where % len(data)] = byte
        assert_as_bbpb(bytes(mutated))
        assert_as_bbpb(data[: where % len(data)])


@SETTINGS
@given(st.binary(max_size=40))
def test_random_bytes_read_as_bbpb(data: bytes) -> None:
    assert_as_bbpb(data)


def test_repeated_elements_of_different_shapes_get_bbpb_alt_keys() -> None:
    # field 1 twice: {2: {1: 150}}, then {2: "hello"}: the second element is read with the
    # first's typedef, where its field 2 is text, not a message: bbpb's alt key `2-1`
    inner = b"\x08\x96\x01"
    first = b"\x12" + _varint(len(inner)) + inner
    second = b"\x12\x05hello"
    data = b"\x0a" + _varint(len(first)) + first + b"\x0a" + _varint(len(second)) + second
    assert assert_as_bbpb(data)
    message, typedef = protowire.decode_message(data)
    assert message == {"1": [{"2": {"1": 150}}, {"2-1": "hello"}]}
    assert typedef["1"]["message_typedef"]["2"]["alt_typedefs"] == {"1": "string"}


def test_deep_nesting_is_left_to_bbpb() -> None:
    data = b"\x08\x01"
    for _ in range(protowire.MAX_NESTING + 5):
        data = b"\x0a" + _varint(len(data)) + data
    with pytest.raises(protowire.Undecidable):
        protowire.decode_message(data)
    assert protobuf._decode_message(data) == blackboxprotobuf.decode_message(data)


def test_every_corpus_protobuf_body_reads_as_bbpb(monkeypatch: pytest.MonkeyPatch) -> None:
    bodies: list[bytes] = []
    reader = protobuf._decode_message

    def spy(data: bytes) -> tuple[dict[Any, Any], dict[str, Any]]:
        bodies.append(data)
        return reader(data)

    monkeypatch.setattr(protobuf, "_decode_message", spy)
    for corpus in sorted(CORPUS.glob("*.jsonl")):
        for line in corpus.read_text(encoding="utf-8").splitlines():
            if line:
                decode_flow(from_spec_dict(json.loads(line)))
    decided = [data for data in set(bodies) if assert_as_bbpb(data)]
    assert len(set(bodies)) >= 15
    assert len(decided) == len(set(bodies))
