"""Query strings, `application/x-www-form-urlencoded` and `multipart/form-data` bodies.

Values may hide JSON or base64 of JSON (Mixpanel `data=`, Snowplow GET `ue_px`/`cx`): the walker
decodes those too, under `… › data › base64 › json › …`.
"""

from __future__ import annotations

import email.parser
import email.policy
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from email.message import Message
from typing import Any
from urllib.parse import parse_qsl

from auditor.decode import media, textfile
from auditor.decode._core import DecodeContext, may_hide_structure, nested_string, walk

# decode_body's signature, passed in to avoid an import cycle.
BodyDecoder = Callable[[DecodeContext, bytes, str | None, str | None, tuple[str, ...], int], None]


def parse_pairs(text: str, max_fields: int) -> list[tuple[str, str]]:
    """`parse_qsl(text, keep_blank_values=True, errors="replace")`, at most `max_fields` pairs."""
    if type(text) is str and "%" not in text and "+" not in text:
        # Nothing to unquote (the usual query: `parse_qsl` would call `replace` and `unquote`
        # twice per pair for nothing): split as it splits, on `&` and the first `=`.
        pairs: list[tuple[str, str]] = []
        for item in text.split("&"):
            if item:
                name, _, value = item.partition("=")
                pairs.append((name, value))
        return pairs[:max_fields]
    try:
        return parse_qsl(
            text,
            keep_blank_values=True,
            errors="replace",
            max_num_fields=None,
        )[:max_fields]
    except ValueError:
        return []


def looks_like_form(text: str) -> bool:
    """`a=1&b=2` with no spaces or newlines: a form body sent without its content type."""
    head = text[:4096]
    if "=" not in head or any(c in head for c in ' \n\r\t{}<>"') or not head.isprintable():
        return False
    first_key = head.split("&", 1)[0].split("=", 1)[0]
    return bool(first_key) and len(first_key) <= 128


# A bracketed form key (`address[city]`, `preferred_locales[0]`, `metadata[user_id]`: the
# nesting of Rack, PHP and Stripe-style forms): the name and its bracketed parts.
_BRACKET_KEY_RE = re.compile(r"^([^\[\]]+)((?:\[[^\[\]]*\]){1,8})$")
_BRACKET_PART_RE = re.compile(r"\[([^\[\]]*)\]")


def bracket_path(key: str) -> tuple[str, ...]:
    """The path a form key names: `address[city]` → (address, city), `tags[]` → (tags,);
    any other key (`a[b`, `[x]`, `a[b]c`) is one part, as sent."""
    match = _BRACKET_KEY_RE.match(key)
    if match is None:
        return (key,)
    parts = [part for part in _BRACKET_PART_RE.findall(match.group(2)) if part]
    return (match.group(1), *parts)


def decode_pairs(
    ctx: DecodeContext, pairs: list[tuple[str, str]], path: tuple[str, ...], depth: int
) -> None:
    max_depth = ctx.limits.max_depth
    for key, value in pairs:
        if ctx.full:
            ctx.add(path, None)
            return
        child = (*path, *bracket_path(key)) if "[" in key else (*path, key)
        if type(value) is str and depth + 1 <= max_depth:
            # walk's work for one string, without its two calls (query strings are all strings)
            if ctx.add(child, value) and may_hide_structure(value):
                nested_string(ctx, value, child, depth + 1, False)
        else:
            walk(ctx, value, child, depth + 1)


def decode_form(ctx: DecodeContext, text: str, path: tuple[str, ...], depth: int) -> None:
    ctx.kind("form")
    decode_pairs(ctx, parse_pairs(text, ctx.limits.max_fields), path, depth)


# One part of a multipart body: its form name, file name (None when it is no file), declared
# content type (None when it declares none) and bytes.
_Part = tuple[str | None, str | None, str | None, bytes]


def decode_multipart(
    ctx: DecodeContext,
    data: bytes,
    content_type: str,
    path: tuple[str, ...],
    depth: int,
    decode_part: BodyDecoder,
) -> bool:
    """Parts by name; file parts as name, file name, size and content type, never their bytes
    (unless the part's content type says it is a format we decode, such as JSON)."""
    parts: Iterable[_Part | None] | None = form_data_parts(data, content_type)
    if parts is None:
        parser = email.parser.BytesParser(policy=email.policy.compat32)
        try:
            message = parser.parsebytes(
                b"Content-Type: " + content_type.encode("latin-1", "replace") + b"\r\n\r\n" + data
            )
        except Exception as exc:  # the email package raises many kinds on garbage
            ctx.error(f"invalid multipart body ({type(exc).__name__})", path)
            return False
        if not message.is_multipart():
            return False
        payload = message.get_payload()
        if not isinstance(payload, list):
            return False
        parts = _email_parts(payload)
    ctx.kind("multipart")
    for index, part in enumerate(parts, start=1):
        if ctx.full:
            ctx.add(path, None)
            break
        if part is None:
            continue
        name, filename, part_type, body = part
        part_name = name if name else f"part {index}"
        # a bracketed part name nests as a form key does (`metadata[host]`; issue 15t)
        part_path = (*path, *bracket_path(part_name)) if "[" in part_name else (*path, part_name)
        if filename is not None:
            ctx.kind("multipart-file")
            ctx.add((*part_path, "filename"), filename)
            ctx.add((*part_path, "size"), len(body))
            ctx.add((*part_path, "content_type"), part_type or "application/octet-stream")
            if (part_type and _structured(part_type)) or body.startswith(b"PK\x03\x04"):
                decode_part(ctx, body, part_type, None, (*part_path, "file"), depth + 1)
            elif media.sniff(ctx, body, (*part_path, "file")):
                pass  # a recording, whatever the part's declared type and name
            elif not (part_type or "").startswith("image/") and media.sniff_image(
                ctx, body, (*part_path, "file")
            ):
                pass  # a picture sent untyped; a declared `image/*` part keeps its type's reading
            else:
                # a transcript or invitation whatever the part's declared type (an SRT file
                # sent as `application/octet-stream` with no file name, minutes as `.txt`):
                # its cues or turns, as a body's; any other text file (agenda, notes,
                # Markdown) as its text
                textfile.decode_file_part(ctx, body, (*part_path, "file"))
            continue
        decode_part(ctx, body, part_type or "text/plain", None, part_path, depth + 1)
    return True


def _email_parts(payload: list[Any]) -> Iterator[_Part | None]:
    """The parts of a message the email package parsed (compat32), read one by one as the
    loop above takes them; None for an item that is no message."""
    for part in payload:
        if not isinstance(part, Message):
            yield None
            continue
        name = part.get_param("name", header="content-disposition")
        filename = part.get_filename()
        part_type = part.get_content_type() if part.get("content-type") else None
        raw = part.get_payload(decode=True)
        yield (
            str(name) if name else None,
            str(filename) if filename is not None else None,
            part_type,
            raw if isinstance(raw, bytes) else b"",
        )


# The plain `multipart/form-data` that SDKs send, read directly (the email package reads a
# body line by line in Python: ~1 ms for a 30 KB audio upload). Anything else (a preamble,
# folded, encoded or non-ASCII headers, transfer encodings, RFC 2231 parameters, nested
# multiparts, a bare CR or LF before a boundary, a missing close) goes to the email package:
# what is read here is what it reads (tests/decode/test_multipart.py compares the two).
_FORM_DATA_TYPE_RE = re.compile(
    r"multipart/form-data; *boundary=(\"?)([A-Za-z0-9'()+_,./:=?-]{1,200})\1 *", re.IGNORECASE
)
_PART_HEADER_RE = re.compile(rb"(content-disposition|content-type): *([\x20-\x7e]*)", re.IGNORECASE)
# `form-data; name="…"; filename="…"`: parameters with a token or a quoted value holding none
# of the characters the email package unquotes or splits on.
_DISPOSITION_RE = re.compile(
    r"([A-Za-z0-9!#$%&'*+.^_`|~-]+)((?: *; *[A-Za-z0-9_-]+ *= *"
    r"(?:[A-Za-z0-9!#$%&'+.^_`|~-]+|\"[^\"\\;<>]*\"))*) *"
)
_PARAM_NAMES = frozenset({"name", "filename"})
_PARAM_RE = re.compile(r"([A-Za-z0-9_-]+) *= *(\"[^\"]*\"|[^ ;]+)")


def form_data_parts(data: bytes, content_type: str) -> list[_Part] | None:
    """The parts of a plain `multipart/form-data` body, as the email package reads them; None
    when the body is not of the plain kind read here."""
    found = _FORM_DATA_TYPE_RE.fullmatch(content_type)
    if found is None:
        return None
    separator = b"--" + found.group(2).encode("ascii")
    if not data.startswith(separator):
        return None
    # every boundary at the start of a line that ends in CRLF; the last one closes
    starts = [0]
    at = data.find(separator, 1)
    while at != -1:
        if data[at - 2 : at] != b"\r\n":
            return None
        starts.append(at)
        at = data.find(separator, at + 1)
    size = len(separator)
    close = starts[-1]
    if len(starts) < 2 or data[close + size : close + size + 2] != b"--":
        return None
    tail = data[close + size + 2 : close + size + 4]
    if tail and tail != b"\r\n":
        return None
    parts: list[_Part] = []
    for begin, end in itertools.pairwise(starts):
        if data[begin + size : begin + size + 2] != b"\r\n":
            return None
        part = _form_data_part(data[begin + size + 2 : end - 2])
        if part is None:
            return None
        parts.append(part)
    return parts


def _form_data_part(part: bytes) -> _Part | None:
    if part.startswith(b"\r\n"):
        head, body = b"", part[2:]
    else:
        split = part.find(b"\r\n\r\n")
        if split == -1:
            return None
        head, body = part[:split], part[split + 4 :]
    disposition: str | None = None
    declared: str | None = None
    for line in head.split(b"\r\n") if head else ():
        found = _PART_HEADER_RE.fullmatch(line)
        if found is None:
            return None
        value = found.group(2).decode("ascii")
        if found.group(1).lower() == b"content-type":
            if declared is not None:
                return None
            declared = value
        else:
            if disposition is not None:
                return None
            disposition = value
    params: dict[str, str] = {}
    if disposition is not None:
        shape = _DISPOSITION_RE.fullmatch(disposition)
        if shape is None or shape.group(1).lower() in _PARAM_NAMES:
            return None  # (the email package reads a bare first word as a parameter too)
        for param, value in _PARAM_RE.findall(shape.group(2)):
            params.setdefault(param.lower(), value[1:-1] if value[:1] == '"' else value)
    part_type: str | None = None
    if declared:
        part_type = declared.partition(";")[0].strip().lower()
        if part_type.count("/") != 1:
            part_type = "text/plain"
        if part_type.startswith(("multipart/", "message/")):
            return None
    filename = params.get("filename")
    if filename is None and declared is not None and "name" in declared.lower():
        return None  # (the email package takes a file name from the content type too)
    return (
        params.get("name") or None,
        filename.strip() if filename is not None else None,
        part_type,
        body,
    )


def _structured(content_type: str) -> bool:
    return "json" in content_type or content_type in (
        "application/x-sentry-envelope",
        "application/x-www-form-urlencoded",
    )
