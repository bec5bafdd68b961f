"""`decode_body`: undo content-encodings, then decode by content type (or by sniffing).

Order: declared Content-Encoding (applied in order, so undone last-first), then gzip/zstd magic
(SDKs that compress without saying so), then the format by media type, then by content sniffing,
and as a last resort the printable strings of unknown binary.
"""

from __future__ import annotations

from auditor.decode import (
    archive,
    bond,
    form,
    grpc,
    jsonish,
    media,
    metrics_text,
    msgpackish,
    protobuf,
    sentry,
    snowplow,
    text,
    textfile,
    xmlfields,
    xmlrpc,
)
from auditor.decode._core import (
    DecodeContext,
    DecodeLimits,
    Source,
    looks_like_json,
    parse_json,
    pipe_pairs,
    preview,
    text_of,
)
from auditor.decode.compression import DECODERS, inflate, parse_encodings, sniff_encoding
from auditor.records import Field

JSON_LINES_TYPES = frozenset(
    {
        "application/x-json-stream",
        "application/x-ndjson",
        "application/ndjson",
        "application/jsonl",
        "application/x-jsonlines",
        "application/jsonlines",
        "application/json-seq",
    }
)
FORM_TYPE = "application/x-www-form-urlencoded"
MAX_SNIFF_LAYERS = 4
# Declared types under which metrics and log text (line protocol, exposition text, logfmt) is
# sniffed by shape.
_TEXT_FORMAT_TYPES = frozenset({"", "text/plain", "application/octet-stream"})


# Declared types that name no format (a client's `Content-Type: */*`).
_UNDECLARED_TYPES = frozenset({"*/*", "application/*", "text/*"})


def media_type(content_type: str | None) -> str:
    if not content_type:
        return ""
    return content_type.split(";", 1)[0].strip().lower()


def _decompress(
    ctx: DecodeContext, data: bytes, encoding: str, path: tuple[str, ...]
) -> tuple[bytes, tuple[str, ...], bool]:
    """(data, path, ok); on failure with no output the original data is kept (and ok False)."""
    decoder = DECODERS.get(encoding)
    if decoder is None:
        ctx.error(f"unknown content-encoding {encoding!r}", path)
        return data, path, False
    result = decoder(data, ctx.decode_cap())
    new_path = (*path, encoding)
    ctx.decoded_bytes += len(result.data)
    if result.error and not result.data:
        ctx.error(result.error, new_path)
        return data, path, False
    if result.error:
        ctx.error(result.error, new_path)
    ctx.kind(encoding)
    return result.data, new_path, True


def decode_into(
    ctx: DecodeContext,
    data: bytes,
    content_type: str | None,
    content_encoding: str | None,
    path: tuple[str, ...],
    depth: int = 0,
    *,
    message_encoding: str | None = None,
) -> None:
    """Decode one body (or body part) into `ctx`. Never raises on malformed input.

    `message_encoding` is the `grpc-encoding` header: the codec of compressed gRPC messages."""
    if depth > ctx.limits.max_depth:
        ctx.error(f"nesting deeper than {ctx.limits.max_depth}", path)
        return
    if ctx.full:
        ctx.add(path, None)
        return
    try:
        _decode(ctx, data, content_type, content_encoding, path, depth, message_encoding)
    except RecursionError:
        ctx.error("nesting too deep", path)
    except MemoryError:
        ctx.error("out of memory while decoding", path)
    except Exception as exc:  # a decoder bug must not lose the whole flow
        ctx.error(f"decoder error ({type(exc).__name__}: {preview(str(exc), 200)})", path)


def _decode(
    ctx: DecodeContext,
    data: bytes,
    content_type: str | None,
    content_encoding: str | None,
    path: tuple[str, ...],
    depth: int,
    message_encoding: str | None = None,
) -> None:
    failed: set[str] = set()  # encodings already tried on the current data without success
    for encoding in reversed(parse_encodings(content_encoding)):
        data, path, ok = _decompress(ctx, data, encoding, path)
        failed = set() if ok else failed | {encoding}
    for _ in range(MAX_SNIFF_LAYERS):
        sniffed = sniff_encoding(data)
        if sniffed is None or sniffed in failed:
            break
        data, path, ok = _decompress(ctx, data, sniffed, path)
        if not ok:
            break
    if not data:
        return
    mtype = media_type(content_type)
    if mtype in _UNDECLARED_TYPES:
        mtype = ""  # `*/*` says nothing about the body: sniff it as undeclared
    if not mtype.startswith("multipart/") and media.sniff(ctx, data, path):
        return  # a recording is one whatever its declared type says (an untyped WAV upload)
    if not mtype.startswith(("multipart/", "image/")) and media.sniff_image(ctx, data, path):
        # a picture sent as an untyped body (`*/*`, octet-stream): a file the user attaches;
        # a declared `image/*` body keeps the labeller's reading of its type
        return

    if _decode_container(ctx, data, content_type, mtype, path, depth, message_encoding):
        return
    body_text = text_of(data)
    if mtype in JSON_LINES_TYPES and jsonish.decode_json_lines(ctx, body_text, path, depth):
        return
    if looks_like_json(body_text) or "json" in mtype:
        if _decode_json_text(ctx, body_text, path, depth):
            return
        if "\n" in body_text.strip() and jsonish.decode_json_lines(ctx, body_text, path, depth):
            return
        if jsonish.decode_json_stream(ctx, body_text, path, depth):
            return
    if (
        mtype in ("", "text/plain", "application/octet-stream") or "json" in mtype
    ) and jsonish.decode_base64_json(ctx, body_text, path, depth):
        return
    if "json" in mtype:
        ctx.error("invalid JSON", path)
    if mtype == FORM_TYPE or (
        mtype in ("", "text/plain", "application/octet-stream") and form.looks_like_form(body_text)
    ):
        form.decode_form(ctx, body_text, path, depth)
        _snowplow_form_kind(ctx, body_text)
        return
    if mtype in ("", "text/plain", "application/octet-stream") and _decode_form_lines(
        ctx, body_text, path, depth
    ):
        return
    if (
        mtype in _TEXT_FORMAT_TYPES or mtype in metrics_text.OPENMETRICS_TYPES
    ) and metrics_text.decode_text_formats(ctx, body_text, path, depth):
        return
    if _is_text(data, mtype):
        ctx.kind("text")
        ctx.add(path, body_text)
        if "|" in body_text and "=" in body_text and pipe_pairs(ctx, body_text, path, False):
            return  # `k=v|k=v` pairs in a form part or a text body (issue 15o)
        textfile.decode_text_file(ctx, body_text, path)
        return
    if msgpackish.decode_msgpack(ctx, data, path, depth, sniffed=True):
        return
    if data[:1] == b"\x78" and len(data) > 2 and (data[0] * 256 + data[1]) % 31 == 0:
        # A zlib stream (Sentry replay recordings, some native SDKs) sent without a header.
        result = inflate(data, ctx.decode_cap())
        ctx.decoded_bytes += len(result.data)
        if result.data and not result.error:
            ctx.kind("zlib")
            decode_into(ctx, result.data, None, None, (*path, "zlib"), depth + 1)
            return
    text.decode_strings(ctx, data, path)


def _decode_container(
    ctx: DecodeContext,
    data: bytes,
    content_type: str | None,
    mtype: str,
    path: tuple[str, ...],
    depth: int,
    message_encoding: str | None = None,
) -> bool:
    """Formats recognised by content type (multipart, protobuf, gRPC, Bond) or by their first
    line (Sentry envelopes); False when none applies or decoding failed."""
    if mtype.startswith("multipart/") and content_type is not None:
        return form.decode_multipart(ctx, data, content_type, path, depth, decode_into)
    if mtype in protobuf.PROTOBUF_TYPES:
        return protobuf.decode_protobuf(ctx, data, path, depth)
    if grpc.is_grpc_type(mtype):
        return grpc.decode_grpc(
            ctx, data, path, depth, mtype=mtype, message_encoding=message_encoding
        )
    if mtype in bond.BOND_TYPES:
        return bond.decode_bond(ctx, data, path, depth)
    if mtype in sentry.ENVELOPE_TYPES or sentry.looks_like_envelope(data):
        return sentry.decode_envelope(ctx, data, path, depth, decode_into)
    if data.startswith(archive.ZIP_MAGIC):
        return archive.decode_zip(ctx, data, path)
    if mtype in msgpackish.MSGPACK_TYPES:
        return msgpackish.decode_msgpack(ctx, data, path, depth, sniffed=False)
    xml_or_undeclared = mtype in xmlrpc.XML_TYPES or mtype in _TEXT_FORMAT_TYPES
    if xml_or_undeclared and xmlrpc.looks_like_xmlrpc(data):
        return xmlrpc.decode_xmlrpc(ctx, data, path, depth, ctx.url_path)
    # `<field id="firstName">…</field>…`: keyed as JSON members are (issue 15bg)
    return xml_or_undeclared and xmlfields.decode_field_list(ctx, data, path)


def _decode_json_text(
    ctx: DecodeContext, body_text: str, path: tuple[str, ...], depth: int
) -> bool:
    ok, value = parse_json(body_text)
    if not ok:
        return False
    if snowplow.is_snowplow_payload(value):
        ctx.kind("snowplow")
    jsonish.decode_json_value(ctx, value, path, depth)
    return True


def _decode_form_lines(
    ctx: DecodeContext, body_text: str, path: tuple[str, ...], depth: int
) -> bool:
    """GA4 and Measurement-Protocol batches: one query string per line."""
    head = body_text[:16384].splitlines()[:50]
    if len(body_text) > 16384 or len(head) == 50:
        head = head[:-1]  # the last line seen may be cut short
    if len(head) < 2 or not all(form.looks_like_form(line) for line in head if line):
        return False
    lines = body_text.splitlines()
    ctx.kind("form")
    for number, line in enumerate(lines, start=1):
        if ctx.full:
            ctx.add(path, None)
            break
        if line:
            form.decode_pairs(
                ctx, form.parse_pairs(line, ctx.limits.max_fields), (*path, f"line {number}"), depth
            )
    return True


def _snowplow_form_kind(ctx: DecodeContext, body_text: str) -> None:
    keys = {pair.split("=", 1)[0] for pair in body_text[:8192].split("&")}
    if snowplow.is_snowplow_query(keys):
        ctx.kind("snowplow")


def _is_text(data: bytes, mtype: str) -> bool:
    if (
        mtype.startswith("text/")
        or mtype
        in (
            "application/xml",
            "application/javascript",
            "application/x-javascript",
        )
        or mtype.endswith("+xml")
    ):
        return True
    sample = data[:4096]
    try:
        decoded = sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the sample's end is still text.
        if exc.start < len(sample) - 3:
            return False
        decoded = sample[: exc.start].decode("utf-8")
    return all(c.isprintable() or c in "\r\n\t" for c in decoded)


def decode_body(
    data: bytes,
    content_type: str | None,
    content_encoding: str | None,
    path: tuple[str, ...],
    limits: DecodeLimits | None = None,
    *,
    source: Source = "body",
    message_encoding: str | None = None,
) -> tuple[list[Field], list[str]]:
    """Fields and errors of one body. Never raises on malformed input; caps from `limits`.

    `path` is the chain so far, e.g. ("body",); fields extend it with every decoding layer.
    """
    ctx = DecodeContext(limits or DecodeLimits(), source=source)
    decode_into(
        ctx, bytes(data), content_type, content_encoding, path, message_encoding=message_encoding
    )
    return ctx.fields, ctx.errors


__all__ = ["decode_body", "decode_into", "media_type"]
