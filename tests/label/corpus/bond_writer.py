"""A tiny writer of Microsoft Bond CompactBinary v1, for building 1DS native (CsProtocol::Record)
corpus flows. There is no maintained Python Bond library on PyPI; this writes only what the
corpus needs: structs, strings, integers, doubles, booleans, lists and maps.

Values are typed explicitly: `(BT_STRING, "x")`, `(BT_STRUCT, [(field_id, type, value), …])`,
`(BT_LIST, (element_type, [values]))`, `(BT_MAP, (key_type, value_type, [(k, v), …]))`.
"""

from __future__ import annotations

import struct
from typing import Any

BT_BOOL = 2
BT_UINT64 = 6
BT_DOUBLE = 8
BT_STRING = 9
BT_STRUCT = 10
BT_LIST = 11
BT_MAP = 13
BT_INT32 = 16
BT_INT64 = 17


def _varint(number: int) -> bytes:
    out = bytearray()
    while True:
        byte = number & 0x7F
        number >>= 7
        if number:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _zigzag(number: int) -> int:
    return (number << 1) ^ (number >> 63)


def encode(bond_type: int, value: Any) -> bytes:
    if bond_type == BT_BOOL:
        return b"\x01" if value else b"\x00"
    if bond_type == BT_UINT64:
        return _varint(value)
    if bond_type in (BT_INT32, BT_INT64):
        return _varint(_zigzag(value) & ((1 << 64) - 1))
    if bond_type == BT_DOUBLE:
        return struct.pack("<d", value)
    if bond_type == BT_STRING:
        raw = value.encode("utf-8")
        return _varint(len(raw)) + raw
    if bond_type == BT_STRUCT:
        return encode_struct(value)
    if bond_type == BT_LIST:
        element_type, items = value
        return (
            bytes([element_type])
            + _varint(len(items))
            + b"".join(encode(element_type, item) for item in items)
        )
    if bond_type == BT_MAP:
        key_type, value_type, pairs = value
        return (
            bytes([key_type, value_type])
            + _varint(len(pairs))
            + b"".join(encode(key_type, k) + encode(value_type, v) for k, v in pairs)
        )
    raise ValueError(f"unsupported Bond type {bond_type}")


def encode_struct(fields: list[tuple[int, int, Any]]) -> bytes:
    out = bytearray()
    for field_id, bond_type, value in fields:
        if field_id <= 5:
            out.append((field_id << 5) | bond_type)
        elif field_id <= 0xFF:
            out.append((6 << 5) | bond_type)
            out.append(field_id)
        else:
            out.append((7 << 5) | bond_type)
            out += field_id.to_bytes(2, "little")
        out += encode(bond_type, value)
    out.append(0)  # BT_STOP
    return bytes(out)


def string_value(text: str) -> tuple[int, list[tuple[int, int, Any]]]:
    """CsProtocol::Value holding a string (type 0 = string, field 3 = stringValue)."""
    return (BT_STRUCT, [(1, BT_INT32, 0), (3, BT_STRING, text)])


def cs_record(
    name: str,
    *,
    ikey: str,
    time_ms: int,
    user: dict[int, str] | None = None,
    device: dict[int, str] | None = None,
    os: dict[int, str] | None = None,
    app: dict[int, str] | None = None,
    net: dict[int, str] | None = None,
    sdk: dict[int, str] | None = None,
    loc: dict[int, str] | None = None,
    properties: dict[str, str] | None = None,
) -> bytes:
    """One CsProtocol::Record (1DS C++ SDK field ids: 1 ver, 2 name, 3 time, 5 iKey, 22 extUser,
    23 extDevice, 24 extOs, 25 extApp, 31 extNet, 32 extSdk, 33 extLoc, 70 data)."""

    def ext(fields: dict[int, str] | None) -> tuple[int, int, Any] | None:
        return (
            None
            if not fields
            else (
                BT_LIST,
                (BT_STRUCT, [[(fid, BT_STRING, v) for fid, v in sorted(fields.items())]]),
            )
        )  # type: ignore[return-value]

    record: list[tuple[int, int, Any]] = [
        (1, BT_STRING, "4.0"),
        (2, BT_STRING, name),
        (3, BT_INT64, time_ms),
        (5, BT_STRING, ikey),
    ]
    for field_id, part in (
        (22, user),
        (23, device),
        (24, os),
        (25, app),
        (31, net),
        (32, sdk),
        (33, loc),
    ):
        encoded = ext(part)
        if encoded is not None:
            record.append((field_id, encoded[0], encoded[1]))
    if properties:
        data = [
            (
                1,
                BT_MAP,
                (BT_STRING, BT_STRUCT, [(k, string_value(v)[1]) for k, v in properties.items()]),
            )
        ]
        record.append((70, BT_LIST, (BT_STRUCT, [data])))
    return encode_struct(record)
