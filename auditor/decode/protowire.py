"""A schema-less protobuf wire reader that gives exactly what `blackboxprotobuf.decode_message`
gives without a typedef: the same message dict (field keys, `N-1` alt keys for a field whose
elements decode differently, lists for repeated fields) and the same typedef dict.

bbpb builds typedef objects, copies them and raises exceptions through several layers for every
length-delimited value it tries as a message; on the labeller's protobuf bodies that was 13% of
decode + label. This reader follows bbpb's algorithm step by step (group a message's fields by
number; try length-delimited values as a message with each typedef seen so far for that field,
then as a new one, then as UTF-8 text, then bytes) on plain dicts. Where bbpb's behaviour is
odd or costly to reproduce (a length with bit 63 set, very deep nesting) it gives up with
`Undecidable` and the caller asks bbpb itself, so the output stays bbpb's in every case.
tests/decode/test_protowire.py checks it against bbpb over generated and mutated messages.
"""

from __future__ import annotations

import struct
from typing import Any

# Nesting beyond this is left to bbpb (which may answer RecursionError, as the caller expects).
MAX_NESTING = 40
_MAX_UVARINT = (1 << 64) - 1
_FIXED32 = struct.Struct("<I").unpack_from
_FIXED64 = struct.Struct("<Q").unpack_from
# bbpb's default type per wire type for a field it has no type for (length-delimited: none).
_DEFAULT_TYPES = {0: "int", 1: "fixed64", 5: "fixed32"}
_WIRE_OF_TYPE = {"int": 0, "fixed64": 1, "fixed32": 5, "string": 2, "bytes": 2}


class NotMessage(Exception):
    """The bytes do not decode (where bbpb raises its DecoderException)."""


class Undecidable(Exception):
    """A case this reader does not reproduce: ask bbpb."""


class _Field:
    """bbpb's FieldDef without names: alt type id -> type name or nested typedef."""

    __slots__ = ("order", "repeated", "types")

    def __init__(
        self,
        types: dict[str, str | dict[str, _Field]],
        repeated: bool = False,
        order: list[str] | None = None,
    ) -> None:
        self.types = types
        self.repeated = repeated
        self.order = order


_TypeDef = dict[str, _Field]


def decode_message(data: bytes) -> tuple[dict[str, Any], dict[str, Any]]:
    """`blackboxprotobuf.decode_message(data)`'s (message, typedef); raises NotMessage where
    bbpb raises, Undecidable where this reader does not know bbpb's answer."""
    message, typedef, _order = _message(data, 0, len(data), {}, 0)
    return message, _typedef_dict(typedef)


def _uvarint(buf: bytes, pos: int, end: int) -> tuple[int, int]:
    # bbpb reads past `end` to the end of the buffer, as here; it rejects non-canonical forms
    # (a last byte of 0 after the first) and values beyond 64 bits.
    start = pos
    value = 0
    shift = 0
    size = len(buf)
    while True:
        if pos >= size:
            raise NotMessage
        byte = buf[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            break
        shift += 7
    if (byte == 0 and pos - start > 1) or value > _MAX_UVARINT:
        raise NotMessage
    return value, pos


# Field numbers as the keys bbpb gives them, for the common small ones.
_FIELD_IDS = tuple(str(number) for number in range(2048))


def _group(buf: bytes, pos: int, end: int) -> tuple[dict[str, tuple[int, list[bytes]]], list[str]]:
    grouped: dict[str, tuple[int, list[bytes]]] = {}
    order: list[str] = []
    size = len(buf)
    while pos < end:
        # One-byte varints (nearly every tag and length) read inline: `_uvarint`'s answer.
        tag = buf[pos]
        if tag < 0x80:
            pos += 1
        else:
            tag, pos = _uvarint(buf, pos, end)
        wire = tag & 7
        number = tag >> 3
        field_id = _FIELD_IDS[number] if number < 2048 else str(number)
        if wire == 0:
            if pos < size and buf[pos] < 0x80:
                length = 1
            else:
                _value, after = _uvarint(buf, pos, end)
                length = after - pos
        elif wire == 2:
            if pos < size and buf[pos] < 0x80:
                length = buf[pos] + 1
            else:
                value_size, after = _uvarint(buf, pos, end)
                if value_size >> 63:
                    raise Undecidable  # bbpb reads it as a negative length
                length = value_size + (after - pos)
        elif wire == 5:
            length = 4
        elif wire == 1:
            length = 8
        else:
            raise NotMessage  # groups and wire types 6, 7
        if pos + length > end:
            raise NotMessage
        entry = grouped.get(field_id)
        if entry is None:
            grouped[field_id] = (wire, [buf[pos : pos + length]])
        elif entry[0] != wire:
            raise NotMessage
        else:
            entry[1].append(buf[pos : pos + length])
        order.append(field_id)
        pos += length
    return grouped, order


def _message(
    buf: bytes, pos: int, end: int, typedef: _TypeDef, depth: int
) -> tuple[dict[str, Any], _TypeDef, list[str]]:
    if depth > MAX_NESTING:
        raise Undecidable
    grouped, order = _group(buf, pos, end)
    output: dict[str, list[Any]] = {}
    repeated: dict[str, bool] = {}
    new_typedef = dict(typedef)
    for field_id, (wire, buffers) in grouped.items():
        field = typedef.get(field_id)
        first_type = field.types.get("0") if field is not None else None
        if wire == 2 and not isinstance(first_type, str):
            field_output, new_field = _length_delimited(buffers, field, field_id, depth)
            for key, values in field_output.items():
                output.setdefault(key, []).extend(values)
        elif field is None:
            # `_standard`'s answer for a field not seen before: its wire type's default type
            type_name = _DEFAULT_TYPES.get(wire)
            if type_name is None:
                raise NotMessage
            values = [_decode_scalar(type_name, buf) for buf in buffers]
            new_field = _Field({"0": type_name}, len(values) > 1, None)
            output.setdefault(field_id, []).extend(values)
        else:
            values, new_field, alt = _standard(wire, buffers, field)
            key = field_id if alt == "0" else f"{field_id}-{alt}"
            output.setdefault(key, []).extend(values)
        repeated[field_id] = new_field.repeated
        new_typedef[field_id] = new_field
    message: dict[str, Any] = {}
    for key, values in output.items():
        if len(values) == 1 and not (
            repeated[key] if key in repeated else repeated[key.split("-", 1)[0]]
        ):
            message[key] = values[0]
        else:
            message[key] = values
    return message, new_typedef, order


def _next_alt(types: dict[str, Any]) -> str:
    return str(max(int(alt) for alt in types) + 1) if types else "0"


def _decode_scalar(type_name: str, buf: bytes) -> Any:
    if type_name == "int":
        value = buf[0]
        if value >= 0x80:
            value, _ = _uvarint(buf, 0, len(buf))
        return value - (1 << 64) if value >> 63 else value
    if type_name == "fixed32":
        return _FIXED32(buf)[0]
    if type_name == "fixed64":
        return _FIXED64(buf)[0]
    size = buf[0]
    if size < 0x80:
        start = 1
    else:
        size, start = _uvarint(buf, 0, len(buf))
    raw = buf[start : start + size]
    if type_name == "bytes":
        return raw
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise NotMessage from None


def _standard(
    wire: int, buffers: list[bytes], field: _Field | None
) -> tuple[list[Any], _Field, str]:
    """bbpb's `_decode_standard_field`: varint, fixed and known text/bytes fields."""
    types: dict[str, str | _TypeDef] = field.types if field is not None else {}
    values: list[Any] | None = None
    alt: str | None = None
    type_name: str | None = None
    for alt_id, known in types.items():
        if not isinstance(known, str):
            continue
        type_name = known
        if _WIRE_OF_TYPE.get(known) != wire:
            raise Undecidable if known not in _WIRE_OF_TYPE else NotMessage
        try:
            values = [_decode_scalar(known, buf) for buf in buffers]
        except NotMessage:
            continue
        alt = alt_id
        break
    if values is None:
        type_name = _DEFAULT_TYPES.get(wire)
        if type_name is None:
            raise NotMessage
        values = [_decode_scalar(type_name, buf) for buf in buffers]
    assert type_name is not None
    new_types = dict(types)
    if alt is None:
        alt = _next_alt(types)
    new_types[alt] = type_name
    new_field = _Field(
        new_types,
        (field.repeated if field is not None else False) or len(values) > 1,
        field.order if field is not None else None,
    )
    return values, new_field, alt


def _alt_number(item: tuple[str, Any]) -> int:
    return int(item[0])


def _length_delimited(
    buffers: list[bytes], field: _Field | None, field_id: str, depth: int
) -> tuple[dict[str, list[Any]], _Field]:
    """bbpb's `_try_decode_lendelim_fields`: every element as a message (with a typedef seen
    before for this field, else a new one), else all as text, else all as bytes."""
    old_types: dict[str, str | _TypeDef] = field.types if field is not None else {}
    was_repeated = field.repeated if field is not None else False
    try:
        next_alt = int(_next_alt(old_types))
        types = dict(old_types)
        outputs: dict[str, list[Any]] = {}
        field_order: list[str] = []
        for buf in buffers:
            size = buf[0]
            if size < 0x80:
                start = 1
            else:
                size, start = _uvarint(buf, 0, len(buf))
            found: tuple[dict[str, Any], _TypeDef, list[str]] | None = None
            found_alt = ""
            known_types = (
                sorted(types.items(), key=_alt_number) if len(types) > 1 else types.items()
            )
            for alt_id, known in known_types:
                if isinstance(known, str):
                    continue
                try:
                    found = _message(buf, start, start + size, known, depth + 1)
                except NotMessage:
                    continue
                found_alt = alt_id
                break
            if found is None:
                found = _message(buf, start, start + size, {}, depth + 1)
                found_alt = str(next_alt)
                next_alt += 1
            output, output_typedef, order = found
            types[found_alt] = output_typedef
            outputs.setdefault(found_alt, []).append(output)
            if len(order) > len(field_order):
                field_order = order
        repeated = was_repeated
        result: dict[str, list[Any]] = {}
        for alt_id, values in outputs.items():
            result[field_id if alt_id == "0" else f"{field_id}-{alt_id}"] = values
            if len(values) > 1:
                repeated = True
        return result, _Field(types, repeated, field_order)
    except NotMessage:
        pass
    for target in ("string", "bytes"):
        try:
            values = [_decode_scalar(target, buf) for buf in buffers]
        except NotMessage:
            continue
        alt: str | None = next((a for a, known in old_types.items() if known == target), None)
        new_types = dict(old_types)
        if alt is None:
            alt = _next_alt(old_types)
            new_types[alt] = target
        key = field_id if alt == "0" else f"{field_id}-{alt}"
        return {key: values}, _Field(new_types, was_repeated, field.order if field else None)
    raise Undecidable  # bytes always decode in bbpb


def _typedef_dict(typedef: _TypeDef) -> dict[str, Any]:
    return {field_id: _field_dict(field) for field_id, field in typedef.items()}


def _field_dict(field: _Field) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if field.repeated:
        out["seen_repeated"] = True
    if field.order:
        out["field_order"] = field.order
    first = field.types.get("0")
    if isinstance(first, dict):
        out["message_typedef"] = _typedef_dict(first)
        out["type"] = "message"
    elif first is not None:
        out["type"] = first
    if first is not None and len(field.types) > 1:
        out["alt_typedefs"] = {
            alt: (_typedef_dict(known) if isinstance(known, dict) else known)
            for alt, known in field.types.items()
            if alt != "0"
        }
    return out
