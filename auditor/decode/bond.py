"""Schema-less reader for Microsoft Bond CompactBinary (v1, with v2 list headers accepted).

1DS native clients (Teams, Office, Windows) post `application/bond-compact-binary` bodies: one
or more `CsProtocol::Record` structs back to back. There is no maintained Python Bond library, so
this is a small reader of the wire format
(https://microsoft.github.io/bond/reference/cpp/compact__binary_8h_source.html): field headers
(type in the low 5 bits, id in the high 3 bits or the next 1-2 bytes), varints, zigzag integers,
strings, wstrings, lists/sets, maps and nested structs. Without the schema, field ids are the
path parts: `body › bond › record 1 › 70 › 0 › 1 › user_email`; map keys become path parts.

Every length and count is checked against the bytes left before anything is allocated, and
nesting depth is capped, so hostile input costs time linear in its size.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from typing import Any

from auditor.decode._core import DecodeContext, walk

BOND_TYPES = frozenset({"application/bond-compact-binary", "application/x-bond-compact-binary"})

BT_STOP = 0
BT_STOP_BASE = 1
BT_BOOL = 2
BT_UINT8 = 3
BT_UINT16 = 4
BT_UINT32 = 5
BT_UINT64 = 6
BT_FLOAT = 7
BT_DOUBLE = 8
BT_STRING = 9
BT_STRUCT = 10
BT_LIST = 11
BT_SET = 12
BT_MAP = 13
BT_INT8 = 14
BT_INT16 = 15
BT_INT32 = 16
BT_INT64 = 17
BT_WSTRING = 18

_VARINT_BITS = {
    BT_UINT16: 16,
    BT_UINT32: 32,
    BT_UINT64: 64,
    BT_INT16: 16,
    BT_INT32: 32,
    BT_INT64: 64,
}
_ZIGZAG = frozenset({BT_INT16, BT_INT32, BT_INT64})
_KEY_TYPES = frozenset(
    {
        BT_BOOL,
        BT_UINT8,
        BT_UINT16,
        BT_UINT32,
        BT_UINT64,
        BT_FLOAT,
        BT_DOUBLE,
        BT_STRING,
        BT_INT8,
        BT_INT16,
        BT_INT32,
        BT_INT64,
        BT_WSTRING,
    }
)


class BondError(ValueError):
    pass


class CompactBinaryReader:
    def __init__(self, data: bytes, max_depth: int, max_string: int) -> None:
        self.data = data
        self.pos = 0
        self.max_depth = max_depth
        self.max_string = max_string

    @property
    def remaining(self) -> int:
        return len(self.data) - self.pos

    def byte(self) -> int:
        if self.pos >= len(self.data):
            raise BondError("unexpected end of data")
        value = self.data[self.pos]
        self.pos += 1
        return value

    def take(self, count: int) -> bytes:
        if count < 0 or count > self.remaining:
            raise BondError("length goes past the end of data")
        chunk = self.data[self.pos : self.pos + count]
        self.pos += count
        return chunk

    def varint(self, bits: int = 64) -> int:
        result = 0
        shift = 0
        while True:
            value = self.byte()
            result |= (value & 0x7F) << shift
            if not value & 0x80:
                break
            shift += 7
            if shift >= bits + 7:
                raise BondError("varint too long")
        return result & ((1 << bits) - 1)

    def count(self) -> int:
        n = self.varint(32)
        # Every element takes at least one byte, so a larger count is corrupt.
        if n > self.remaining:
            raise BondError("element count exceeds the data left")
        return n

    def value(self, bond_type: int, depth: int) -> Any:
        if bond_type == BT_BOOL:
            return self.byte() != 0
        if bond_type == BT_UINT8:
            return self.byte()
        if bond_type == BT_INT8:
            octet = self.byte()
            return octet - 256 if octet > 127 else octet
        if bond_type in _VARINT_BITS:
            number = self.varint(_VARINT_BITS[bond_type])
            return (number >> 1) ^ -(number & 1) if bond_type in _ZIGZAG else number
        if bond_type == BT_FLOAT:
            return struct.unpack("<f", self.take(4))[0]
        if bond_type == BT_DOUBLE:
            return struct.unpack("<d", self.take(8))[0]
        if bond_type == BT_STRING:
            length = self.varint(32)
            raw = self.take(length)
            return raw[: self.max_string].decode("utf-8", errors="replace")
        if bond_type == BT_WSTRING:
            length = self.varint(32)
            raw = self.take(length * 2)
            return raw[: self.max_string * 2].decode("utf-16-le", errors="replace")
        if bond_type == BT_STRUCT:
            return self.struct(depth + 1)
        if bond_type in (BT_LIST, BT_SET):
            return self.list(depth + 1)
        if bond_type == BT_MAP:
            return self.map(depth + 1)
        raise BondError(f"unknown Bond type {bond_type}")

    def list(self, depth: int) -> list[Any]:
        self._check_depth(depth)
        header = self.byte()
        element_type = header & 0x1F
        inline = header >> 5
        # v2 packs counts under 7 into the high bits; v1 always follows with a varint count.
        n = inline - 1 if inline else self.count()
        return [self.value(element_type, depth) for _ in range(n)]

    def map(self, depth: int) -> dict[str, Any]:
        self._check_depth(depth)
        key_type = self.byte() & 0x1F
        value_type = self.byte() & 0x1F
        if key_type not in _KEY_TYPES:
            raise BondError(f"invalid map key type {key_type}")
        n = self.count()
        out: dict[str, Any] = {}
        for _ in range(n):
            key = self.value(key_type, depth)
            out[str(key)] = self.value(value_type, depth)
        return out

    def struct(self, depth: int) -> dict[str, Any]:
        """Fields by id; a base struct's fields (before BT_STOP_BASE) are merged under "base"."""
        self._check_depth(depth)
        out: dict[str, Any] = {}
        while True:
            header = self.byte()
            field_type = header & 0x1F
            field_id = header >> 5
            if field_type == BT_STOP:
                return out
            if field_type == BT_STOP_BASE:
                out = {"base": out}
                continue
            if field_id == 6:
                field_id = self.byte()
            elif field_id == 7:
                field_id = int.from_bytes(self.take(2), "little")
            out[str(field_id)] = self.value(field_type, depth)

    def _check_depth(self, depth: int) -> None:
        if depth > self.max_depth:
            raise BondError(f"nesting deeper than {self.max_depth}")


def iter_records(
    data: bytes, max_depth: int, max_string: int, errors: list[str]
) -> Iterator[dict[str, Any]]:
    """Back-to-back top-level structs, read lazily (so a field cap stops the reading too);
    stops at the first corrupt byte and appends an error message to `errors`."""
    reader = CompactBinaryReader(data, max_depth, max_string)
    while reader.remaining > 0:
        try:
            record = reader.struct(0)
        except BondError as exc:
            errors.append(f"invalid Bond data at byte {reader.pos} ({exc})")
            return
        except RecursionError:
            errors.append("invalid Bond data (nesting too deep)")
            return
        yield record


def decode_bond(ctx: DecodeContext, data: bytes, path: tuple[str, ...], depth: int) -> bool:
    errors: list[str] = []
    records = iter_records(
        data, max(1, ctx.limits.max_depth - depth), ctx.limits.max_value_chars, errors
    )
    decoded = 0
    for number, record in enumerate(records, start=1):
        if decoded == 0:
            ctx.kind("bond")
        decoded += 1
        walk(ctx, record, (*path, "bond", f"record {number}"), depth + 2)
        if ctx.full:
            ctx.add(path, None)
            break
    for error in errors:
        ctx.error(error, (*path, "bond"))
    return decoded > 0
