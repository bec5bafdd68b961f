"""Shared machinery of the decoders: limits, the per-flow decoding context and the value walker.

Every decoder appends to one `DecodeContext` per flow, so the caps (number of fields, decoded
bytes, nesting depth) hold for the flow as a whole, not per body part.

Values kept in a `Field` are scalars only (str, int, float, bool, None). Strings longer than
`DecodeLimits.max_value_chars` (4 KiB by default) are cut to that length and end with "…"; bytes
that are not valid UTF-8 text are kept as a hex preview "hex:0a1b…" of their first bytes, so
invalid input never raises and never puts huge binary blobs into the store or the labeller.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import parse_qsl

import orjson

from auditor.decode import graphql, lzstring
from auditor.records import Field

Source = Literal["url", "header", "body", "response", "websocket"]

# Keys of an error report's stack frame that hold the application's own source code or local
# variables: values found there are weak evidence (a literal e-mail in code is not user data).
STACK_CONTEXT_KEYS: frozenset[str] = frozenset(
    {
        "pre_context",
        "context_line",
        "post_context",
        "vars",  # Sentry
        "code",  # Bugsnag, Rollbar
        "locals",
        "context",
        "argspec",
        "varargspec",
        "keywordspec",  # Rollbar
    }
)
# Keys whose list items are stack frames (Sentry `stacktrace.frames`, Rollbar `trace.frames`,
# Bugsnag `exceptions[].stacktrace`).
FRAME_LIST_KEYS: frozenset[str] = frozenset({"frames", "stacktrace", "stack_trace"})

_B64_RE = re.compile(r"^[A-Za-z0-9+/_-]+={0,2}$")
_JWT_RE = re.compile(r"^(?:Bearer\s+)?(eyJ[A-Za-z0-9_-]+)\.(eyJ[A-Za-z0-9_-]+)\.[A-Za-z0-9_-]*$")
# A two-segment signed token, `<base64url JSON claims>.<signature>` (issue 15o): its claims are
# read as a JWT's payload.
_SIGNED_CLAIMS_RE = re.compile(r"^(eyJ[A-Za-z0-9_-]{8,})\.[A-Za-z0-9_-]{8,}$")


@dataclass(frozen=True, slots=True)
class DecodeLimits:
    """Caps that make decoding cost bounded memory and time whatever the input.

    max_decoded_bytes: most bytes any one decompression (or base64 layer) may produce; beyond it
        decoding stops with the error "decoded size exceeds cap …".
    max_total_decoded_bytes: most decompressed bytes for the whole flow (all bodies and messages).
    max_fields: most fields per flow; further values are dropped with one error.
    max_depth: deepest nesting followed (JSON/protobuf/Bond nesting plus decoding layers).
    max_value_chars: longest string kept in a field; longer ones are cut (preview).
    max_websocket_messages: most client messages of a websocket flow that are decoded.
    include_response: also decode the response body (source "response").
    """

    max_decoded_bytes: int = 8 * 1024 * 1024
    max_total_decoded_bytes: int = 32 * 1024 * 1024
    max_fields: int = 5000
    max_depth: int = 32
    max_value_chars: int = 4096
    max_websocket_messages: int = 200
    include_response: bool = False


@dataclass(slots=True)
class DecodeContext:
    limits: DecodeLimits
    source: Source = "body"
    fields: list[Field] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    body_kinds: list[str] = field(default_factory=list)
    decoded_bytes: int = 0
    fields_capped: bool = False
    # The request's URL path: some formats name positional values by the endpoint they are
    # sent to (XML-RPC object services, decode/xmlrpc.py).
    url_path: str = ""

    @property
    def full(self) -> bool:
        return len(self.fields) >= self.limits.max_fields

    def decode_cap(self) -> int:
        """Most bytes the next decompression may produce: the per-layer cap, within what is
        left of the flow's total."""
        left = self.limits.max_total_decoded_bytes - self.decoded_bytes
        return max(0, min(self.limits.max_decoded_bytes, left))

    def kind(self, name: str) -> None:
        if name not in self.body_kinds:
            self.body_kinds.append(name)

    def error(self, message: str, path: tuple[str, ...]) -> None:
        if len(self.errors) < 100:
            where = " › ".join(path) if path else "flow"
            self.errors.append(f"{message} at {where}")

    def add(self, path: tuple[str, ...], value: object, *, in_stack_frame: bool = False) -> bool:
        """Append one field; False once the field cap is reached."""
        if len(self.fields) >= self.limits.max_fields:
            if not self.fields_capped:
                self.fields_capped = True
                self.error(f"field count exceeds cap ({self.limits.max_fields})", path)
            return False
        self.fields.append(
            Field(
                path=path,
                value=scalar(value, self.limits.max_value_chars),
                source=self.source,
                in_stack_frame=in_stack_frame,
            )
        )
        return True


def preview(text: str, max_chars: int) -> str:
    return text if len(text) <= max_chars else text[:max_chars] + "…"


def bytes_value(data: bytes, max_chars: int) -> str:
    """Text when `data` is printable UTF-8, else a hex preview of its first bytes."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = ""
    else:
        if text.isprintable() or all(c.isprintable() or c in "\r\n\t" for c in text[:4096]):
            return preview(text, max_chars)
    hex_len = max(1, max_chars // 2 - 4)
    suffix = "…" if len(data) > hex_len else ""
    return "hex:" + data[:hex_len].hex() + suffix


def scalar(value: object, max_chars: int) -> str | int | float | bool | None:
    if value is None or isinstance(value, bool | int | float):
        # Huge ints would make str() slow for the labeller; keep them as text previews.
        if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 256:
            return preview(hex(value), max_chars)
        return value
    if isinstance(value, str):
        return preview(value, max_chars)
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes_value(bytes(value), max_chars)
    return preview(repr(value), max_chars)


def text_of(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def looks_like_json(text: str) -> bool:
    first = text[:1]
    if first == "{" or first == "[":
        return True
    # (strip a copy of a long text only when it starts with white space)
    return first.isspace() and text.lstrip()[:1] in ("{", "[")


_DIGITS_TO_ZERO = bytes.maketrans(b"123456789", b"000000000")
_LONG_NUMBER = b"0" * 19


def parse_json(text: str | bytes) -> tuple[bool, Any]:
    """(ok, value); deep nesting, NaN games and invalid text return (False, None).

    orjson first (twice as fast here), then `json.loads` for what orjson refuses and the
    standard library reads: NaN and Infinity, numbers beyond a float's range, lone surrogates,
    UTF-16 and UTF-32 bytes, a UTF-8 BOM, nesting deeper than orjson's limit. Where both read
    a text they read the same value, except integers beyond 64 bits (orjson makes them floats):
    text with a run of 19 digits goes to the standard library alone (one `translate` and `find`
    in C find it)."""
    try:
        data = text.encode("utf-8") if isinstance(text, str) else text
        if data.translate(_DIGITS_TO_ZERO).find(_LONG_NUMBER) < 0:
            return True, orjson.loads(data)
    except (ValueError, TypeError):  # orjson.JSONDecodeError, UnicodeEncodeError (surrogates)
        pass
    try:
        return True, json.loads(text)
    except (ValueError, RecursionError, UnicodeDecodeError, TypeError):
        return False, None


def b64decode_loose(text: str, max_bytes: int) -> bytes | None:
    """Standard or URL-safe base64 with or without padding; None when it is not base64."""
    text = text.strip()
    if len(text) < 4 or len(text) > max_bytes * 4 // 3 + 4 or not _B64_RE.match(text):
        return None
    body = text.rstrip("=")
    if len(body) % 4 == 1:
        return None
    padded = body + "=" * (-len(body) % 4)
    altchars = b"-_" if ("-" in body or "_" in body) else None
    try:
        return base64.b64decode(padded, altchars=altchars, validate=True)
    except (binascii.Error, ValueError):
        return None


def nested_string(
    ctx: DecodeContext, text: str, path: tuple[str, ...], depth: int, in_frame: bool
) -> None:
    """Decode what a string value may hide: JSON text, or base64 of JSON (Mixpanel, Snowplow).

    The string itself has already been emitted by the caller; this only adds the inner fields.
    """
    if depth >= ctx.limits.max_depth or len(text) < 2:
        return
    if "=" in text and " " in text and text[0] != "{" and _metric_lines(ctx, text, path, depth):
        return
    if text.startswith(("BEGIN:VCALENDAR", "WEBVTT")):
        from auditor.decode import textfile  # textfile builds on this module

        if textfile.decode_text_file(ctx, text, path, in_frame):
            return
    jwt = _JWT_RE.match(text) if text.startswith(("ey", "Bearer")) else None
    signed = _SIGNED_CLAIMS_RE.match(text) if jwt is None and text.startswith("eyJ") else None
    if jwt or signed:
        # A JWT's header and claims are base64url JSON (user ids, e-mail, tenant); the
        # signature is what grants access and is not decoded.
        parts = (
            ((jwt.group(1), "header"), (jwt.group(2), "payload"))
            if jwt
            else ((signed.group(1), "payload"),)  # type: ignore[union-attr]
        )
        for part, name in parts:
            raw = b64decode_loose(part, ctx.limits.max_decoded_bytes)
            ok, value = parse_json(raw) if raw is not None else (False, None)
            if ok and isinstance(value, dict):
                ctx.kind("jwt")
                walk(ctx, value, (*path, "jwt", name), depth + 1, in_frame)
        return
    if text[0] == "?":
        if _QUERY_TEXT_RE.match(text):
            query_text(ctx, text, path, depth, in_frame)
        return
    if looks_like_json(text):
        ok, value = parse_json(text)
        if ok and isinstance(value, dict | list):
            ctx.kind("json")
            walk(ctx, value, (*path, "json"), depth + 1, in_frame)
        elif not ok and "\n" in text:
            # NDJSON log lines kept in one string field (web-client log uploads).
            _nested_json_lines(ctx, text, path, depth, in_frame)
        elif not ok and "=" in text and ctx.source != "header":
            logfmt_pairs(ctx, text, path, depth, in_frame)  # `[WARN] reconnecting rtt_ms=900`
        return
    if len(text) >= 16 and text.startswith("H4sI"):
        _nested_gzip(ctx, text, path, depth, in_frame)
        return
    # base64 of a JSON object or array starts with "ey" ('{"') or "W" ('[').
    if len(text) >= 8 and (text.startswith(("ey", "W"))):
        raw = b64decode_loose(text, ctx.limits.max_decoded_bytes)
        if raw is None:
            return
        ok, value = parse_json(raw.decode("utf-8", errors="replace"))
        if ok and isinstance(value, dict | list):
            ctx.kind("base64-json")
            walk(ctx, value, (*path, "base64", "json"), depth + 1, in_frame)
            return
    if lzstring.starts_json(text) and lz_json(ctx, text, path, depth, in_frame):
        return
    if "&" in text and "=" in text and _QUERY_PAIRS_RE.match(text):
        query_text(ctx, "?" + text, path, depth, in_frame)
        return
    if "?" in text and text.startswith(("https://", "http://")):
        url_query(ctx, text, path, depth, in_frame)
        return
    if "?" in text and command_query(ctx, text, path, depth, in_frame):
        return
    if (
        "|" in text
        and "=" in text
        and ctx.source != "header"
        and pipe_pairs(ctx, text, path, in_frame)
    ):
        return
    if "," in text and (":" in text or "=" in text) and _TAG_PAIR_RE.match(text):
        tag_pairs(ctx, text, path, in_frame)
        return
    # (a header's `; charset=utf-8` parameters are no log record)
    if "=" in text and ctx.source != "header" and logfmt_pairs(ctx, text, path, depth, in_frame):
        return
    if (
        len(text) >= 12
        and not len(text) % 4
        and not text.islower()
        and " " not in text
        and _B64_TEXT_RE.match(text)
    ):
        base64_text(ctx, text, path, in_frame)


def lz_json(
    ctx: DecodeContext, text: str, path: tuple[str, ...], depth: int, in_frame: bool
) -> bool:
    """lz-string base64 of JSON (CleverTap's `d=`, PostHog's `compression=lz64` `data=`):
    `… › d › lzstring › json › profile › Email`. Only strings whose first characters are those
    of a compressed `{` or `[` get here; True when they held JSON."""
    cap = ctx.decode_cap()
    try:
        decoded = lzstring.decompress_base64(text.strip(), cap)
    except lzstring.OutputCapExceeded:
        ctx.error(f"decoded size exceeds cap ({cap} bytes)", (*path, "lzstring"))
        return False
    if not decoded:
        return False
    ctx.decoded_bytes += len(decoded)
    ok, value = parse_json(decoded)
    if not ok or not isinstance(value, dict | list):
        return False
    ctx.kind("lzstring-json")
    walk(ctx, value, (*path, "lzstring", "json"), depth + 1, in_frame)
    return True


# A query string kept in a string field (`"?_id=…&uid=…"`: Matomo's bulk requests, logged
# request URLs' queries): `?` then `name=value` pairs joined by `&`, no white space.
_QUERY_TEXT_RE = re.compile(r"^\?[^\s=&]+=[^\s&]*(?:&[^\s=&]+=[^\s&]*)*$")


def query_text(
    ctx: DecodeContext, text: str, path: tuple[str, ...], depth: int, in_frame: bool
) -> None:
    """`?a=1&b=2` in a string: one field per pair under `… › querystring › NAME`."""
    try:
        pairs = parse_qsl(text[1:], keep_blank_values=True, errors="replace")
    except ValueError:
        return
    ctx.kind("querystring")
    for name, value in pairs[: ctx.limits.max_fields]:
        child = (*path, "querystring", name)
        if ctx.add(child, value, in_stack_frame=in_frame) and may_hide_structure(value):
            nested_string(ctx, value, child, depth + 1, in_frame)


# `key:value` / `key=value` tag strings (Datadog `ddtags`, StatsD tags, label lists): at least two
# pairs joined by commas; a single `key:value` is taken only under a key that names tags.
_TAG_PAIR_RE = re.compile(
    r"^[A-Za-z_][\w.-]{0,63}[:=][^,\s]*(?:,\s?[A-Za-z_][\w.-]{0,63}[:=][^,]*)+$"
)
_TAG_ONE_RE = re.compile(r"^[A-Za-z_][\w.-]{0,63}[:=][^,\s]+$")


# A command string (a batch API's `crm.deal.add?fields[TITLE]=…&fields[COMMENTS]=…`): a
# path-like method name, `?`, then `name=value` pairs joined by `&`, no white space.
_COMMAND_RE = re.compile(
    r"^[A-Za-z_][\w.-]{0,127}(?:/[\w.-]{1,127}){0,8}\?[^\s=&?]+=[^\s&]*(?:&[^\s=&]+=[^\s&]*)*$"
)


def command_query(
    ctx: DecodeContext, text: str, path: tuple[str, ...], depth: int, in_frame: bool
) -> bool:
    """A command string's query as a form: `… › deal › querystring › fields › TITLE`
    (bracketed keys nested, as in form bodies); False when `text` is no command string."""
    if "?" not in text or _COMMAND_RE.match(text) is None:
        return False
    try:
        pairs = parse_qsl(text.partition("?")[2], keep_blank_values=True, errors="replace")
    except ValueError:
        return False
    from auditor.decode.form import bracket_path  # form builds on this module

    ctx.kind("command-query")
    for name, value in pairs[: ctx.limits.max_fields]:
        child = (*path, "querystring", *bracket_path(name))
        if ctx.add(child, value, in_stack_frame=in_frame) and may_hide_structure(value):
            nested_string(ctx, value, child, depth + 1, in_frame)
    return True


def url_query(
    ctx: DecodeContext, text: str, path: tuple[str, ...], depth: int, in_frame: bool
) -> None:
    """The query of a URL kept in a value (a page URL in an analytics event, a join link with
    its `pwd`): `… › url › querystring › pwd`; the URL itself stays one field."""
    query = text.partition("?")[2].partition("#")[0]
    if "=" in query and _QUERY_TEXT_RE.match("?" + query):
        query_text(ctx, "?" + query, path, depth, in_frame)


# A query string without its `?` in a string value (a beacon's query kept in a field): at least
# two `k=v` pairs with identifier-like names joined by `&`, no white space.
_QUERY_PAIRS_RE = re.compile(
    r"^[A-Za-z_$][\w.\[\]$-]{0,63}=[^&\s]*(?:&[A-Za-z_$][\w.\[\]$-]{0,63}=[^&\s]*)+$"
)
TAG_KEYS = frozenset({"tags", "ddtags", "tag", "labels", "dd_tags", "Tags", "ddTags"})
# base64 (standard alphabet, padded or a multiple of 4) with both letter cases: the shape of
# base64 text, and not that of hex or UUID ids.
# base64 text that may be a recording (media.BASE64_STARTS, kept here for the hot path).
_MEDIA_BASE64_STARTS = frozenset({"Uk", "T2", "Zk", "SU", "Gk", "AA", "//", "Iy", "Rk", "Y2"})
_B64_TEXT_RE = re.compile(r"^(?=[^a-z]*[a-z])(?=[^A-Z]*[A-Z])[A-Za-z0-9+/]{12,}={0,2}$")


def tag_pairs(ctx: DecodeContext, text: str, path: tuple[str, ...], in_frame: bool) -> bool:
    """A tag string becomes one field per pair: `… › ddtags › tags › os = windows-11`."""
    pairs = [p.strip() for p in text.split(",")]
    emitted = False
    for pair in pairs[:200]:
        key, sep, value = pair.partition(":") if ":" in pair else pair.partition("=")
        if not sep or not key:
            continue
        if not emitted:
            ctx.kind("tags")
            emitted = True
        if not ctx.add((*path, "tags", key), value, in_stack_frame=in_frame):
            break
    return emitted


# A custom header's own data as a list of `key=value` (or `key:value`) items joined by `;`
# (`agent=box-sdk/1.17.0; env=python/3.12.1`, `Root=1-…;Parent=…;Sampled=1`): at least two
# items, every item a pair. A standard header's parameters (`text/html; charset=utf-8`) start
# with a bare token and do not match, nor does a URL (`https://host/a;jsessionid=…`).
_SEMICOLON_PAIRS_RE = re.compile(
    r"^(?![A-Za-z][\w+.-]*://)[A-Za-z_][\w.-]{0,63}[:=][^;]*(?:;\s?[A-Za-z_][\w.-]{0,63}[:=][^;]*)+;?$"
)


def header_pairs(ctx: DecodeContext, text: str, path: tuple[str, ...]) -> bool:
    """A custom data header whose value is a list of pairs becomes one field per pair, read
    like any body field: a query string (`os=Linux&language_version=3.12.1`) under
    `header › NAME › querystring › os`, a `;` list under `header › NAME › pairs › env`. False
    (nothing added) for any other value; the caller then decodes it as before."""
    if "&" in text and "=" in text and _QUERY_PAIRS_RE.match(text):
        query_text(ctx, "?" + text, path, 0, False)
        return True
    if ";" not in text or not _SEMICOLON_PAIRS_RE.match(text):
        return False
    ctx.kind("pairs")
    for item in text.split(";")[: ctx.limits.max_fields]:
        item = item.strip()
        if not item:
            continue
        equals, colon = item.find("="), item.find(":")
        cut = equals if colon < 0 or 0 <= equals < colon else colon
        key, value = item[:cut].strip(), item[cut + 1 :].strip()
        if not ctx.add((*path, "pairs", key), value):
            break
    return True


# `k=v|k=v` pairs packed into one body or form field (a media API's `context=caption=…|host=…`;
# issue 15o): at least two items, each an identifier-shaped key, `=`, a value without `|` (`\|`
# escapes one). A list of plain values (`a|b|c`), a regex (`^(a|b)=x`) and a Markdown table row
# (`| a=1 | b=2 |`) do not match.
_PIPE_PAIRS_RE = re.compile(
    r"^[A-Za-z_][\w.-]{0,63}=(?:[^|\\]|\\.)*(?:\|[A-Za-z_][\w.-]{0,63}=(?:[^|\\]|\\.)*)+$"
)
_PIPE_SPLIT_RE = re.compile(r"(?<!\\)\|")


def pipe_pairs(ctx: DecodeContext, text: str, path: tuple[str, ...], in_frame: bool) -> bool:
    """`caption=Review|host=a@b.org` in a field: one field per pair under `… › pairs › host`,
    read like any body field. False (nothing added) for any other value."""
    if len(text) > 8192 or not _PIPE_PAIRS_RE.match(text):
        return False
    ctx.kind("pairs")
    for item in _PIPE_SPLIT_RE.split(text)[: ctx.limits.max_fields]:
        key, _, value = item.partition("=")
        value = value.replace("\\|", "|").replace("\\=", "=").strip()
        if not ctx.add((*path, "pairs", key), value, in_stack_frame=in_frame):
            break
    return True


def tag_item(ctx: DecodeContext, text: str, path: tuple[str, ...], in_frame: bool) -> None:
    """One `key:value` item of a list under a tags key (`"tags": ["os:linux", …]`)."""
    if _TAG_ONE_RE.match(text):
        tag_pairs(ctx, text, path, in_frame)


# logfmt `key=value` pairs in log text (`ERROR join failed meeting=123 user=usr_x rtt_ms=412`):
# a pair starts the text or follows white space, its value is a quoted string or runs to the next
# white space. Query strings and URLs are read before this (they have no white space).
_LOGFMT_PAIR_RE = re.compile(
    r'(?:^|(?<=\s))([A-Za-z_][\w.\-/]{0,63})=("(?:[^"\\]|\\.)*"|[^\s"=]*)(?=\s|$)'
)
_LOGFMT_MAX_CHARS = 8192


def parse_logfmt(text: str) -> list[tuple[str, str]] | None:
    """The `key=value` pairs of a logfmt text, or None unless it holds at least two distinct
    keys with values and white space between them (a lone `a=b` in prose is no record)."""
    if " " not in text and "\t" not in text:
        return None
    pairs: list[tuple[str, str]] = []
    names: set[str] = set()
    for match in _LOGFMT_PAIR_RE.finditer(text, 0, _LOGFMT_MAX_CHARS):
        name, raw = match.group(1), match.group(2)
        if raw[:1] == '"':
            raw = re.sub(r"\\(.)", r"\1", raw[1:-1])
        if name in names:
            continue
        names.add(name)
        pairs.append((name, raw))
        if len(pairs) >= 200:
            break
    if len(pairs) < 2 or sum(1 for _, value in pairs if value) < 2:
        return None
    return pairs


# The level word of a log line's prefix (`2026-12-07T05:30:04Z ERROR …`, `[WARN] …`: the
# default layouts of log4j/logback, Python logging, Go's log/slog text handler).
_LOG_LEVEL_WORDS = frozenset(
    [
        "TRACE",
        "DEBUG",
        "INFO",
        "NOTICE",
        "WARN",
        "WARNING",
        "ERROR",
        "ERR",
        "FATAL",
        "CRITICAL",
        "CRIT",
        "ALERT",
        "EMERG",
    ]
)


def log_line_level(text: str) -> str | None:
    """The level word among the first three tokens of a log line, before any `key=value`
    pair; upper case only (an `error` in prose is no level)."""
    for token in text[:200].split(None, 3)[:3]:
        if "=" in token:
            return None
        word = token.strip("[]():")
        if word in _LOG_LEVEL_WORDS:
            return word
    return None


def logfmt_pairs(
    ctx: DecodeContext, text: str, path: tuple[str, ...], depth: int, in_frame: bool
) -> bool:
    """Each pair of a logfmt text becomes a field: `… › message › pairs › user = usr_x`; the
    level word of the line's prefix (`… ERROR join failed user=…`) becomes `… › pairs › level`
    unless a `level=` pair says it."""
    if text.startswith(("http://", "https://")):
        return False
    pairs = parse_logfmt(text)
    if pairs is None:
        return False
    ctx.kind("logfmt")
    names = {name for name, _ in pairs}
    level = None if "level" in names else log_line_level(text)
    if level is not None:
        ctx.add((*path, "pairs", "level"), level, in_stack_frame=in_frame)
    for name, value in pairs:
        child = (*path, "pairs", name)
        if not ctx.add(child, value, in_stack_frame=in_frame):
            break
        if depth + 1 < ctx.limits.max_depth and may_hide_structure(value):
            nested_string(ctx, value, child, depth + 1, in_frame)
    return True


def base64_text(ctx: DecodeContext, text: str, path: tuple[str, ...], in_frame: bool) -> None:
    """base64 of readable text (a meeting topic sent encoded): `… › topic › base64 = text`."""
    raw = b64decode_loose(text, ctx.limits.max_decoded_bytes)
    if raw is None or len(raw) < 8:
        return
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError:
        return
    from auditor.decode import textfile  # textfile builds on this module

    if textfile.text_file_format(decoded) is not None or (
        textfile.may_be_dialogue(decoded) and textfile.dialogue_turns(decoded) is not None
    ):
        # an attachment sent as base64 (an invitation, a transcript, minutes as text)
        ctx.kind("base64-text")
        ctx.add((*path, "base64"), decoded, in_stack_frame=in_frame)
        textfile.decode_text_file(ctx, decoded, (*path, "base64"), in_frame)
        return
    if (
        " " in decoded
        and decoded.isprintable()
        and sum(c.isalpha() or c == " " for c in decoded) >= 0.85 * len(decoded)
    ):
        ctx.kind("base64-text")
        ctx.add((*path, "base64"), decoded, in_stack_frame=in_frame)
        return
    if _names_document(path) and _is_prose(decoded):
        # a text document sent as base64 under a document, file or attachment key (an
        # envelope's `documents[0].documentBase64`; issue 15t): a file, its text read as data
        ctx.kind(BASE64_DOCUMENT_KIND)
        ctx.add((*path, "base64"), decoded, in_stack_frame=in_frame)


# The body kind of a text document sent as base64 under a document/file/attachment key.
BASE64_DOCUMENT_KIND = "base64-document"
_DOCUMENT_KEY_WORDS = ("document", "file", "attachment")


def _names_document(path: tuple[str, ...]) -> bool:
    """A key among the value's last three naming a document, a file or an attachment."""
    return any(word in part.lower() for part in path[-3:] for word in _DOCUMENT_KEY_WORDS)


def _is_prose(text: str) -> bool:
    """Lines of readable text (letters and spaces mostly, no control characters)."""
    if " " not in text:
        return False
    if not all(c.isprintable() or c in "\n\r\t" for c in text):
        return False
    return sum(c.isalpha() or c.isspace() for c in text) >= 0.7 * len(text)


def _nested_json_lines(
    ctx: DecodeContext, text: str, path: tuple[str, ...], depth: int, in_frame: bool
) -> None:
    """One JSON document per line; nothing is emitted unless the first line parses."""
    first = True
    for number, line in enumerate(text.split("\n"), start=1):
        if ctx.full:
            ctx.add(path, None)
            return
        if not line.strip():
            continue
        ok, value = parse_json(line)
        if not ok:
            if first:
                return
            continue
        if first:
            ctx.kind("ndjson")
            first = False
        walk(ctx, value, (*path, "json", f"line {number}"), depth + 1, in_frame)


_INDEX_NAMES = tuple(str(i) for i in range(4096))
# First characters of strings that may hide JSON, base64 JSON or a JWT ("Bearer eyJ…").
_NESTED_STARTS = frozenset("{[eWBH?\t\r\n ")


def _may_nest(text: str) -> bool:
    """True when `nested_string` may find JSON, base64 JSON, gzip or a JWT in `text` (its first
    characters say so); other strings only go through the cheaper `_plain_string` tests, which
    also split tag items that start with one of these letters (`env:prod`)."""
    first = text[0]
    if first == "e":
        return text[1] == "y"
    if first == "B":
        return text.startswith(("Bearer", "BEGIN:VCALENDAR"))
    if first == "H":
        return text.startswith("H4sI")
    if first == "W":  # base64 of a JSON array, or a WebVTT file
        return text.startswith("WEBVTT") or (
            len(text) >= 8 and _B64_RE.match(text.strip()) is not None
        )
    return True  # "{", "[" or leading white space


def _nested_gzip(
    ctx: DecodeContext, text: str, path: tuple[str, ...], depth: int, in_frame: bool
) -> None:
    """base64 of gzip ("H4sI…") holding JSON, as some SDKs put compressed batches in fields."""
    from auditor.decode.compression import gunzip

    raw = b64decode_loose(text, ctx.limits.max_decoded_bytes)
    if raw is None:
        return
    result = gunzip(raw, ctx.decode_cap())
    ctx.decoded_bytes += len(result.data)
    if result.error:
        ctx.error(result.error, (*path, "base64", "gzip"))
    ok, value = parse_json(result.data.decode("utf-8", errors="replace"))
    if ok and isinstance(value, dict | list):
        ctx.kind("base64-gzip-json")
        walk(ctx, value, (*path, "base64", "gzip", "json"), depth + 1, in_frame)


def _index_name(index: int) -> str:
    return _INDEX_NAMES[index] if index < 4096 else str(index)


def walk(
    ctx: DecodeContext,
    value: Any,
    path: tuple[str, ...],
    depth: int = 0,
    in_frame: bool = False,
    *,
    frame_item: bool = False,
) -> None:
    """Emit one field per scalar of a JSON-like value (dicts by key, lists by index).

    `frame_item` is True for the items of a list of stack frames; their source-code context keys
    mark everything below them `in_stack_frame`. Scalars are handled in the loop (not by a
    recursive call each): this is the decoders' hot path.
    """
    limits = ctx.limits
    fields = ctx.fields
    if len(fields) >= limits.max_fields:
        ctx.add(path, None)  # records the cap error once
        return
    if depth > limits.max_depth:
        ctx.error(f"nesting deeper than {limits.max_depth}", path)
        return
    is_dict = isinstance(value, dict)
    if is_dict:
        items: Any = value.items()
    elif isinstance(value, list | tuple):
        items = enumerate(value)
    else:
        _leaf(ctx, value, path, depth, in_frame)
        return
    max_fields = limits.max_fields
    max_chars = limits.max_value_chars
    source = ctx.source
    in_tags = not is_dict and bool(path) and path[-1] in TAG_KEYS
    for key, item in items:
        if len(fields) >= max_fields:
            ctx.add(path, None)
            return
        if is_dict:
            skey = key if isinstance(key, str) else str(key)
            child_frame = in_frame or (frame_item and skey in STACK_CONTEXT_KEYS)
        else:
            skey = _INDEX_NAMES[key] if key < 4096 else str(key)
            child_frame = in_frame
        child_path = (*path, skey)
        kind = type(item)
        if kind is str:
            # Positional arguments: measurably faster on this hot path than keywords.
            fields.append(
                Field(
                    child_path,
                    item if len(item) <= max_chars else preview(item, max_chars),
                    source,
                    child_frame,
                )
            )
            size = len(item)
            if (
                is_dict
                and skey == "query"
                and '"' in item
                and graphql.decode_arguments(ctx, item, child_path, depth + 1, child_frame)
            ):
                pass  # a GraphQL document's inline arguments (sdk10)
            elif size >= 2 and item[0] in _NESTED_STARTS and _may_nest(item):
                nested_string(ctx, item, child_path, depth + 1, child_frame)
            elif (
                size >= 3
                and depth + 1 < limits.max_depth
                and (
                    "," in item
                    or "&" in item
                    or "?" in item
                    or ("=" in item and (" " in item or "|" in item))
                    or in_tags
                    or (size >= 12 and not size % 4 and not item.islower() and " " not in item)
                    or (is_dict and skey in TAG_KEYS)
                    or (item[0] == "N" and lzstring.starts_json(item))
                )
            ):
                # Cheap tests first: most strings are neither tag strings nor base64 text.
                _plain_string(ctx, item, child_path, skey, path, child_frame)
            if size >= 40 and ": " in item and ("\n" in item or "<" in item):
                _dialogue(ctx, item, child_path, child_frame)
        elif (
            item is None
            or kind is bool
            or kind is float
            or (kind is int and item.bit_length() <= 256)
        ):
            fields.append(Field(child_path, item, source, child_frame))
        elif is_dict and skey in FRAME_LIST_KEYS and isinstance(item, list):
            for index, frame in enumerate(item):
                if len(fields) >= max_fields:
                    ctx.add(path, None)
                    return
                walk(
                    ctx,
                    frame,
                    (*child_path, _index_name(index)),
                    depth + 2,
                    child_frame,
                    frame_item=isinstance(frame, dict),
                )
        elif kind is list and len(item) >= 2 and type(item[0]) is list and _is_pair_list(item):
            _pairs(ctx, item, child_path, depth + 1, child_frame)
        elif kind is list and item and type(item[0]) is dict and len(item[0]) == 2:
            walk(ctx, item, child_path, depth + 1, child_frame)
            pair_keys = _pair_object_keys(item)
            if pair_keys is not None:
                # The objects' own fields stay; the pairs add `… › traits › pairs › email`.
                name_key, value_key = pair_keys
                pairs = [(pair[name_key], pair[value_key]) for pair in item]
                _pairs(ctx, pairs, child_path, depth + 1, child_frame)
        elif (
            kind is list
            and len(item) >= 16
            and type(item[0]) is int
            and _byte_array(ctx, item, child_path, child_frame)
        ):
            pass
        else:
            walk(ctx, item, child_path, depth + 1, child_frame)


def _byte_array(
    ctx: DecodeContext, items: list[Any], path: tuple[str, ...], in_frame: bool
) -> bool:
    """A JSON array of byte values holding text (an attachment's `content: [66, 69, …]`): its
    text as one field, a text file's fields beside it; False when it is not text."""
    from auditor.decode import textfile  # textfile builds on this module

    text = textfile.byte_array_text(items, ctx.decode_cap())
    if text is None:
        return False
    ctx.kind("byte-array")
    ctx.decoded_bytes += len(items)
    bytes_path = (*path, textfile.BYTES_LAYER)
    ctx.add(bytes_path, text, in_stack_frame=in_frame)
    textfile.decode_text_file(ctx, text, bytes_path, in_frame)
    return True


def _dialogue(ctx: DecodeContext, item: str, path: tuple[str, ...], in_frame: bool) -> None:
    """Speaker-attributed text in a string (minutes in an e-mail's html): its turns."""
    from auditor.decode import textfile  # textfile builds on this module

    if textfile.text_file_format(item) is None and textfile.may_be_dialogue(item):
        textfile.decode_dialogue(ctx, item, path, in_frame)


def _metric_lines(ctx: DecodeContext, text: str, path: tuple[str, ...], depth: int) -> bool:
    """A Wavefront point or span line kept in a string (a span log's `span`): its fields."""
    if "source=" not in text and "traceId=" not in text and "host=" not in text:
        return False
    from auditor.decode import metric_lines  # metric_lines builds on this module

    if metric_lines.looks_like_metric_lines(text):
        metric_lines.decode_metric_lines(ctx, text, path, depth)
        return True
    return False


def _plain_string(
    ctx: DecodeContext,
    item: str,
    child_path: tuple[str, ...],
    skey: str,
    path: tuple[str, ...],
    in_frame: bool,
) -> None:
    """Structure in a string that is not JSON-shaped: query strings, tag strings, base64 text,
    lz-string base64 JSON."""
    if (
        item[0] == "N"
        and lzstring.starts_json(item)
        and lz_json(ctx, item, child_path, len(child_path), in_frame)
    ):
        return
    if item[0].isdigit() and " --> " in item[:80]:
        from auditor.decode import textfile  # textfile builds on this module

        if textfile.decode_text_file(ctx, item, child_path, in_frame):
            return
    if "=" in item and " " in item and _metric_lines(ctx, item, child_path, len(child_path)):
        return
    if "&" in item and "=" in item and _QUERY_PAIRS_RE.match(item):
        # the path is at least as long as the nesting is deep: a safe depth for the cap
        query_text(ctx, "?" + item, child_path, len(child_path), in_frame)
    elif "?" in item and item.startswith(("https://", "http://")):
        url_query(ctx, item, child_path, len(child_path), in_frame)
    elif ("?" in item and command_query(ctx, item, child_path, len(child_path), in_frame)) or (
        "|" in item and "=" in item and pipe_pairs(ctx, item, child_path, in_frame)
    ):
        return
    elif "," in item and (":" in item or "=" in item) and _TAG_PAIR_RE.match(item):
        tag_pairs(ctx, item, child_path, in_frame)
    elif (skey.isdigit() and path and path[-1] in TAG_KEYS) or skey in TAG_KEYS:
        tag_item(ctx, item, path if skey.isdigit() else child_path, in_frame)
    elif "=" in item and " " in item:
        logfmt_pairs(ctx, item, child_path, len(child_path), in_frame)
    elif len(item) >= 12 and not len(item) % 4 and not item.islower() and _B64_TEXT_RE.match(item):
        if len(item) >= 24 and item[:2] in _MEDIA_BASE64_STARTS:
            from auditor.decode import media  # media builds on this module

            if media.sniff_base64(ctx, item, child_path):
                return  # a recording sent as base64 (a speech API's `audio.content`)
        base64_text(ctx, item, child_path, in_frame)


_PAIR_NAME_RE = re.compile(r"^[A-Za-z_$][\w.$-]{0,63}$")


def _is_pair_list(items: list[Any]) -> bool:
    """`[["network_effective_type", "4g"], ["hardware_concurrency", 8], …]`: every item a
    [name, scalar] pair with an identifier-like name, the names distinct."""
    names = set()
    for pair in items[:256]:
        if (
            type(pair) is not list
            or len(pair) != 2
            or type(pair[0]) is not str
            or isinstance(pair[1], dict | list)
            or not _PAIR_NAME_RE.match(pair[0])
        ):
            return False
        names.add(pair[0])
    return len(names) == min(len(items), 256)


# `{name, value}` objects whose first member names the second (Flagsmith traits, HAR-style
# header lists, custom-dimension arrays): (name key, value key) by the object's keys.
_PAIR_OBJECT_KEYS: dict[frozenset[str], tuple[str, str]] = {
    frozenset(names): names
    for names in (
        ("trait_key", "trait_value"),
        ("key", "value"),
        ("name", "value"),
        ("Key", "Value"),
        ("Name", "Value"),
        ("attribute", "value"),
        ("field", "value"),
    )
}


def _pair_object_keys(items: list[Any]) -> tuple[str, str] | None:
    """The (name key, value key) when every item is a two-member pair object of one kind with
    an identifier-like, distinct name and a scalar value; else None."""
    first = items[0]
    pair_keys = _PAIR_OBJECT_KEYS.get(frozenset(first))
    if pair_keys is None:
        return None
    name_key, value_key = pair_keys
    names = set()
    for pair in items[:256]:
        if type(pair) is not dict or len(pair) != 2:
            return None
        name = pair.get(name_key)
        value = pair.get(value_key, pair)
        if type(name) is not str or isinstance(value, dict | list) or not _PAIR_NAME_RE.match(name):
            return None
        names.add(name)
    if len(items) > 256 or len(names) != len(items):
        return None
    return pair_keys


def _pairs(
    ctx: DecodeContext, items: list[Any], path: tuple[str, ...], depth: int, in_frame: bool
) -> None:
    """A pair list becomes one field per pair under its name: `… › env › pairs › platform`."""
    ctx.kind("pairs")
    for name, value in items[:256]:
        if ctx.full:
            ctx.add(path, None)
            return
        _leaf(ctx, value, (*path, "pairs", name), depth + 1, in_frame)


def may_hide_structure(text: str) -> bool:
    """False when `nested_string` can find nothing in `text`: it starts like no nested format,
    has no comma (tag strings) and is not base64-text shaped. A cheap test before the call."""
    size = len(text)
    return size >= 2 and (
        text[0] in _NESTED_STARTS
        or "," in text
        or "&" in text
        or "?" in text
        or ("=" in text and (" " in text or "|" in text))
        or (size >= 12 and not size % 4)
        or (text[0] == "N" and lzstring.starts_json(text))
    )


def _leaf(
    ctx: DecodeContext, value: Any, path: tuple[str, ...], depth: int, in_frame: bool
) -> None:
    if isinstance(value, str):
        if ctx.add(path, value, in_stack_frame=in_frame) and may_hide_structure(value):
            nested_string(ctx, value, path, depth, in_frame)
    elif isinstance(value, bytes | bytearray):
        ctx.add(path, bytes(value), in_stack_frame=in_frame)
    else:
        ctx.add(path, value, in_stack_frame=in_frame)
