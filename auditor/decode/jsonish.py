"""JSON bodies, NDJSON / `application/x-json-stream` (Microsoft 1DS: one event per line), JSPB."""

from __future__ import annotations

import json
from typing import Any

from auditor.decode._core import DecodeContext, b64decode_loose, parse_json, walk


def is_jspb(value: Any) -> bool:
    """Google's JSPB: protobuf messages as positional JSON arrays, usually `[[...], ...]`."""
    return isinstance(value, list) and bool(value) and isinstance(value[0], list | type(None))


def decode_json_value(ctx: DecodeContext, value: Any, path: tuple[str, ...], depth: int) -> None:
    if is_jspb(value):
        # Index paths (`jspb › 0 › 2 › 1`) are all a schema-less reader can say about JSPB.
        ctx.kind("jspb")
        walk(ctx, value, (*path, "jspb"), depth + 1)
        return
    ctx.kind("json")
    walk(ctx, value, path, depth)


def decode_json(ctx: DecodeContext, text: str, path: tuple[str, ...], depth: int) -> bool:
    ok, value = parse_json(text)
    if not ok:
        return False
    decode_json_value(ctx, value, path, depth)
    return True


def decode_json_lines(ctx: DecodeContext, text: str, path: tuple[str, ...], depth: int) -> bool:
    """One JSON document per line. False, with nothing emitted, when the first non-empty line is
    not JSON (so the caller can fall back); later bad lines are kept as text with an error."""
    any_ok = False
    for number, line in enumerate(text.splitlines(), start=1):
        if ctx.full:
            ctx.add(path, None)
            break
        if not line.strip():
            continue
        ok, value = parse_json(line)
        line_path = (*path, f"line {number}")
        if ok:
            if not any_ok:
                ctx.kind("ndjson")
            any_ok = True
            walk(ctx, value, line_path, depth + 1)
        elif not any_ok:
            return False
        else:
            ctx.error("invalid JSON line", line_path)
            ctx.add(line_path, line)
    return any_ok


_DECODER = json.JSONDecoder()


def decode_json_stream(ctx: DecodeContext, text: str, path: tuple[str, ...], depth: int) -> bool:
    """Concatenated JSON documents, `{…}{…}` with or without white space between (Splunk HEC
    batches): `… › object 2 › event`. False, with nothing emitted, unless the whole text is two
    or more documents."""
    values: list[Any] = []
    end = len(text)
    index = 0
    try:
        while index < end:
            while index < end and text[index] in " \t\r\n":
                index += 1
            if index == end:
                break
            if text[index] not in "{[":
                return False
            value, index = _DECODER.raw_decode(text, index)
            values.append(value)
    except (ValueError, RecursionError):
        return False
    if len(values) < 2:
        return False
    ctx.kind("json-stream")
    for number, value in enumerate(values, start=1):
        if ctx.full:
            ctx.add(path, None)
            break
        walk(ctx, value, (*path, f"object {number}"), depth + 1)
    return True


def decode_base64_json(ctx: DecodeContext, text: str, path: tuple[str, ...], depth: int) -> bool:
    """A body that is base64 of JSON (`eyJ…`), or that base64 reversed (Statsig's
    `statsig-encoded: 1`, ending `…ye`); False, with nothing emitted, otherwise."""
    text = text.strip()
    if len(text) < 8:
        return False
    if text.startswith("ey"):
        candidate, layer = text, "base64"
    elif text.endswith("ye"):
        candidate, layer = text[::-1], "reversed-base64"
    else:
        return False
    raw = b64decode_loose(candidate, ctx.limits.max_decoded_bytes)
    if raw is None:
        return False
    ok, value = parse_json(raw)
    if not ok or not isinstance(value, dict | list):
        return False
    ctx.kind(f"{layer}-json")
    ctx.decoded_bytes += len(raw)
    walk(ctx, value, (*path, layer, "json"), depth + 1)
    return True
