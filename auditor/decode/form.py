"""Query strings, `application/x-www-form-urlencoded` and `multipart/form-data` bodies.

Values may hide JSON or base64 of JSON (Mixpanel `data=`, Snowplow GET `ue_px`/`cx`): the walker
decodes those too, under `… › data › base64 › json › …`.
"""

from __future__ import annotations

import email.parser
import email.policy
import re
from collections.abc import Callable
from email.message import Message
from urllib.parse import parse_qsl

from auditor.decode import media, textfile
from auditor.decode._core import DecodeContext, may_hide_structure, nested_string, walk

# decode_body's signature, passed in to avoid an import cycle.
BodyDecoder = Callable[[DecodeContext, bytes, str | None, str | None, tuple[str, ...], int], None]


def parse_pairs(text: str, max_fields: int) -> list[tuple[str, str]]:
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
    ctx.kind("multipart")
    for index, part in enumerate(payload, start=1):
        if ctx.full:
            ctx.add(path, None)
            break
        if not isinstance(part, Message):
            continue
        name = part.get_param("name", header="content-disposition")
        filename = part.get_filename()
        part_name = str(name) if name else f"part {index}"
        # a bracketed part name nests as a form key does (`metadata[host]`; issue 15t)
        part_path = (*path, *bracket_path(part_name)) if "[" in part_name else (*path, part_name)
        part_type = part.get_content_type() if part.get("content-type") else None
        raw = part.get_payload(decode=True)
        body = raw if isinstance(raw, bytes) else b""
        if filename is not None:
            ctx.kind("multipart-file")
            ctx.add((*part_path, "filename"), str(filename))
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


def _structured(content_type: str) -> bool:
    return "json" in content_type or content_type in (
        "application/x-sentry-envelope",
        "application/x-www-form-urlencoded",
    )
