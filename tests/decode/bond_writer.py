"""A minimal Bond CompactBinary v1 writer, to build 1DS native-client fixtures.

No Bond library or 1DS native SDK exists on PyPI, so tests encode `CsProtocol::Record`-shaped
structs with this writer (field ids from the 1DS C++ SDK's CsProtocol schema: 1 ver, 2 name,
3 time, 5 iKey, 22 extUser, 23 extDevice, 24 extOs, 70 data). Values are typed explicitly.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Any

from auditor.decode import bond as bt


@dataclass(frozen=True)
class Typed:
    bond_type: int
    value: Any
    element_type: int = 0  # lists/sets
    key_type: int = 0  # maps
    value_type: int = 0


def varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def zigzag(value: int) -> int:
    return (value << 1) ^ (value >> 63)


def field_header(field_id: int, bond_type: int) -> bytes:
    if field_id <= 5:
        return bytes([(field_id << 5) | bond_type])
    if field_id <= 0xFF:
        return bytes([(6 << 5) | bond_type, field_id])
    return bytes([(7 << 5) | bond_type]) + field_id.to_bytes(2, "little")


def encode_value(bond_type: int, value: Any, typed: Typed | None = None) -> bytes:
    if bond_type == bt.BT_BOOL:
        return b"\x01" if value else b"\x00"
    if bond_type in (bt.BT_UINT8, bt.BT_INT8):
        return struct.pack("<B" if bond_type == bt.BT_UINT8 else "<b", value)
    if bond_type in (bt.BT_UINT16, bt.BT_UINT32, bt.BT_UINT64):
        return varint(value)
    if bond_type in (bt.BT_INT16, bt.BT_INT32, bt.BT_INT64):
        return varint(zigzag(value) & ((1 << 64) - 1))
    if bond_type == bt.BT_FLOAT:
        return struct.pack("<f", value)
    if bond_type == bt.BT_DOUBLE:
        return struct.pack("<d", value)
    if bond_type == bt.BT_STRING:
        raw = value.encode("utf-8")
        return varint(len(raw)) + raw
    if bond_type == bt.BT_WSTRING:
        raw = value.encode("utf-16-le")
        return varint(len(raw) // 2) + raw
    if bond_type == bt.BT_STRUCT:
        return encode_struct(value)
    if bond_type in (bt.BT_LIST, bt.BT_SET):
        assert typed is not None
        items = [encode_element(typed.element_type, v) for v in value]
        return bytes([typed.element_type]) + varint(len(items)) + b"".join(items)
    if bond_type == bt.BT_MAP:
        assert typed is not None
        out = bytes([typed.key_type, typed.value_type]) + varint(len(value))
        for key, item in value.items():
            out += encode_element(typed.key_type, key) + encode_element(typed.value_type, item)
        return out
    raise ValueError(bond_type)


def encode_element(bond_type: int, value: Any) -> bytes:
    if isinstance(value, Typed):
        return encode_value(value.bond_type, value.value, value)
    return encode_value(bond_type, value)


def encode_struct(fields: dict[int, Typed]) -> bytes:
    out = bytearray()
    for field_id in sorted(fields):
        typed = fields[field_id]
        out += field_header(field_id, typed.bond_type)
        out += encode_value(typed.bond_type, typed.value, typed)
    out.append(bt.BT_STOP)
    return bytes(out)


def cs_record(
    name: str, time_ms: int, ikey: str, user_id: str, device_id: str, properties: dict[str, str]
) -> bytes:
    """A 1DS Common Schema record as the native SDK frames it (schema-less field ids)."""
    s = bt.BT_STRING

    def one_struct(fields: dict[int, Typed]) -> Typed:
        return Typed(bt.BT_LIST, [Typed(bt.BT_STRUCT, fields)], element_type=bt.BT_STRUCT)

    return encode_struct(
        {
            1: Typed(s, "4.0"),
            2: Typed(s, name),
            3: Typed(bt.BT_INT64, time_ms),
            4: Typed(bt.BT_DOUBLE, 100.0),
            5: Typed(s, ikey),
            22: one_struct({1: Typed(s, user_id)}),
            23: one_struct({1: Typed(s, device_id)}),
            24: one_struct({1: Typed(s, "Linux"), 2: Typed(bt.BT_WSTRING, "6.8.0")}),
            70: one_struct({1: Typed(bt.BT_MAP, properties, key_type=s, value_type=s)}),
        }
    )
