"""`decode_flow`: every decodable part of a flow as `Field`s with their decoding chain.

Parts and their path roots: the URL query (`url › query › KEY`, source "url"), every request
header (`header › NAME`, plus JSON or base64-JSON inside it such as Discord's
`header › X-Super-Properties › base64 › json › os`), the request body (`body › …`), websocket
client messages (`websocket › message 3 › …`) and, when `DecodeLimits.include_response` is set,
the response body (`response › …`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import SplitResult, unquote, urlsplit

from auditor.decode import form, snowplow
from auditor.decode._core import (
    DecodeContext,
    DecodeLimits,
    b64decode_loose,
    header_pairs,
    nested_string,
    preview,
    tag_item,
    walk,
)
from auditor.decode.body import decode_into, media_type
from auditor.records import Field, FlowRecord, RequestRecord
from auditor.vocabulary import (
    PATH_SECRET_KEY,
    is_standard_header,
    path_item_key_at,
    path_location_key,
    path_location_value,
    path_parameters,
    path_secret,
    request_has_credential,
    webhook_host,
    webhook_url,
)

OTLP_PATHS = ("/v1/traces", "/v1/metrics", "/v1/logs")
# OTLP over gRPC: `/opentelemetry.proto.collector.<signal>.v1.<Signal>Service/Export`.
OTLP_GRPC_PREFIX = "/opentelemetry.proto.collector."
_UNTYPED = frozenset({"", "application/octet-stream", "binary/octet-stream"})
_DEFAULT_LIMITS = DecodeLimits()  # frozen: one instance serves every flow


@dataclass(slots=True)
class DecodedFlow:
    fields: list[Field] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    body_kinds: list[str] = field(default_factory=list)
    decoded_bytes: int = 0  # bytes produced by decompression for this flow (capped by limits)
    # The request URL split once (None when it does not parse), for the labeller to reuse.
    url_split: SplitResult | None = None
    # The first value of each of `READ_HEADERS` the request has, by lower-case name, read in
    # the decoder's one pass over the headers; None when that pass did not read them all.
    read_headers: dict[str, str] | None = None

    def request_header(self, request: RequestRecord, name: str) -> str | None:
        """`request.header(name)` for a name of `READ_HEADERS` (lower case), from the headers
        read while decoding `request` when they were all read."""
        if self.read_headers is None:
            return request.header(name)
        return self.read_headers.get(name)


def split_request_url(request: RequestRecord) -> SplitResult | None:
    """`urlsplit` of the request URL; None when it does not parse (e.g. "Invalid IPv6 URL")."""
    url = request.url
    split = split_http_url(url)
    if split is not None:
        return split
    try:
        return urlsplit(url)
    except ValueError:
        return None


def split_http_url(url: str) -> SplitResult | None:
    """`urlsplit(url)` for the common shape, a lower-case http(s) URL in ASCII without white
    space or IPv6 brackets, where urlsplit's clean-ups and checks have nothing to do (its
    cache holds only 128 URLs, and captured URLs rarely repeat); None for any other URL."""
    if url.startswith("https://"):
        scheme, start = "https", 8
    elif url.startswith("http://"):
        scheme, start = "http", 7
    else:
        return None
    if not url.isascii() or "\t" in url or "\r" in url or "\n" in url:
        return None
    end = len(url)
    for delimiter in "/?#":
        found = url.find(delimiter, start)
        if 0 <= found < end:
            end = found
    netloc = url[start:end]
    if "[" in netloc or "]" in netloc:
        return None
    rest = url[end:]
    fragment = query = ""
    if "#" in rest:
        rest, fragment = rest.split("#", 1)
    if "?" in rest:
        rest, query = rest.split("?", 1)
    return SplitResult(scheme, netloc, rest, query, fragment)


def _split_url(request: RequestRecord, parts: SplitResult | None = None) -> tuple[str, str]:
    """(path, query) of the request; from `request.path` when the URL does not parse."""
    if parts is None:
        parts = split_request_url(request)
    if parts is not None and (parts.path or parts.query):
        return parts.path, parts.query
    path, _, query = request.path.partition("?")
    return path, query


def request_content_type(
    request: RequestRecord, parts: SplitResult | None = None, declared: str | None = None
) -> str | None:
    """The declared content type, or the one implied by a well-known endpoint when it is missing
    or generic (OTLP/HTTP and `play.google.com/log` send protobuf). `parts` and `declared`
    (the Content-Type header) save the work when the caller has them."""
    if declared is None:
        declared = request.header("content-type")
    if media_type(declared) not in _UNTYPED:
        return declared
    path, _ = _split_url(request, parts)
    body = request.body or b""
    if path.endswith(OTLP_PATHS):
        return "application/x-protobuf"
    if path.startswith(OTLP_GRPC_PREFIX) and path.endswith("/Export"):
        return "application/grpc"
    if request.host.endswith("play.google.com") and path.startswith("/log"):
        return "application/json" if body.lstrip()[:1] == b"[" else "application/x-protobuf"
    return declared


def _decode_url(
    ctx: DecodeContext, request: RequestRecord, parts: SplitResult | None = None
) -> None:
    ctx.source = "url"
    url_path, query = _split_url(request, parts)
    segments = url_path.split("/")
    if url_path.startswith("/metrics/job/"):
        _pushgateway_labels(ctx, segments[2:])
        segments = segments[:2]
    # The plan reads of the host only whether it names a webhook receiver: a vendor's
    # subdomains (`us01.zoom.us`, `us07.zoom.us`) share the plans of their paths.
    plan_key = (webhook_host(request.host), url_path)
    plan = _PATH_PLANS.get(plan_key)
    if plan is None:
        plan = _path_plan(request.host, segments)
        if len(_PATH_PLANS) > 4096:
            _PATH_PLANS.clear()
        _PATH_PLANS[plan_key] = plan
    pairs = form.parse_pairs(query, ctx.limits.max_fields) if query else []
    bare: bool | None = None  # whether the request carries no other credential, when asked
    for kind, path, value in plan:
        if kind == _CONTENT:
            nested_string(ctx, value, path, 0, False)
        elif kind == _FIELD:
            ctx.add(path, value)
        else:
            # A token that is a key only when nothing else authorises the call (issue 15bq).
            if bare is None:
                bare = not request_has_credential(
                    (name for name, _ in request.headers), (key for key, _ in pairs)
                )
            if bare:
                ctx.add(path, value)
    if not query:
        return
    names = {key for key, _ in pairs}
    if snowplow.is_snowplow_query(names):
        ctx.kind("snowplow")
    form.decode_pairs(ctx, pairs, ("url", "query"), 0)
    if len(names) < len(pairs):
        _repeated_tags(ctx, pairs)


def _repeated_tags(ctx: DecodeContext, pairs: list[tuple[str, str]]) -> None:
    """A query parameter repeated with a `key:value` tag as each value (`extra=meeting_id:1&
    extra=host:<e-mail>`, `tag=env:prod&tag=team:a`): a tag list spelled as parameters, read
    as a tags key's list is (`url › query › extra › tags › host`; issue 15j). A parameter
    given once, or with one value that is no tag (a URL, a time), stays a plain value."""
    values: dict[str, list[str]] = {}
    for key, value in pairs:
        values.setdefault(key, []).append(value)
    for key, items in values.items():
        if len(items) >= 2 and all(_TAG_VALUE_RE.match(item) for item in items):
            for item in items:
                tag_item(ctx, item, ("url", "query", key), False)


# A tag's `key:value`: a name, a colon, a value with no white space or `/` (not a URL, a time
# such as `10:30` or a `host:port`, whose name would be a number or whose value a path).
_TAG_VALUE_RE = re.compile(r"^[A-Za-z_][\w.-]{0,63}:[^\s/,:]+$")


# What a path plan's entry is: content to sniff, a field, or a field only when the request
# carries no other credential (a bare item token: `path_secret(bare_request=True)`).
_CONTENT, _FIELD, _BARE_FIELD = 0, 1, 2
_PlanEntry = tuple[int, tuple[str, ...], str]
# (whether the host names a webhook receiver, URL path) → what `_path_plan` found in the
# path's segments: an SDK calls its few endpoints again and again.
_PATH_PLANS: dict[tuple[bool, str], tuple[_PlanEntry, ...]] = {}


def _path_plan(host: str, segments: list[str]) -> tuple[_PlanEntry, ...]:
    """The fields of a URL path's segments, as (kind, path, text): segments that may hold
    content (`nested_string` reads them), the item ids of people, device or session
    collections, and keys (some only when the request carries no other credential)."""
    found: list[_PlanEntry] = []
    last = len(segments) - 1 if webhook_url(host, segments) else -1
    for number, segment in enumerate(segments):
        content = path_segment_content(segment)
        if content is not None:
            found.append((_CONTENT, ("url", "path", f"segment {number}"), content))
        elif number and (key := path_item_key_at(segments, number)) is not None:
            # REST item paths name whose data it is: `/customers/usr_7Qe2/events`.
            found.append((_FIELD, ("url", "path", key), unquote(segment)))
        elif (
            number
            and (located := path_location_key(unquote(segment), segments[number - 1])) is not None
        ):
            # A look-up's input in the path: an IP address (`/geoip/v2.1/city/<ip>`),
            # coordinates (`/<lon,lat>.json`; issue 15bo).
            found.append((_FIELD, ("url", "path", located), path_location_value(unquote(segment))))
        elif ":" in segment and (parameters := path_parameters(unquote(segment))):
            # `key:value` parameters in the path (`/users/email:<address>`), read as a form's
            # fields under their keys (issue 15bj).
            for name, value in parameters:
                found.append((_FIELD, ("url", "path", name), value))
        elif number and path_secret(
            segments[number - 1],
            unquote(segment),
            webhook_token=number == last,
            root=segments[number - 2] if number >= 2 else "",
        ):
            # A source or SDK key in the path (`/inputs/<token>/…`, `/api/eval/sdk-…`).
            found.append((_FIELD, ("url", "path", PATH_SECRET_KEY), unquote(segment)))
        elif number and path_secret(segments[number - 1], unquote(segment), bare_request=True):
            # A room's access key, a guest's token (`/rooms/<key>/messages`): a key when
            # nothing else authorises the request (issue 15bq).
            found.append((_BARE_FIELD, ("url", "path", PATH_SECRET_KEY), unquote(segment)))
    return tuple(found)


# Starts of a percent-decoded path segment that may hold content: JSON (PubNub publishes the
# message itself in the path: `/publish/<pub>/<sub>/0/<channel>/0/%7B%22text%22…%7D`), base64
# JSON or a JWT (LaunchDarkly's user context), base64 gzip, a query string.
_PATH_CONTENT_STARTS = ("{", "[", "ey", "H4sI", "?")


def path_segment_content(segment: str) -> str | None:
    """The percent-decoded text of a URL path segment when it may hold content for
    `nested_string` to sniff (JSON, a JWT, base64 JSON or gzip, `a=1&b=2` pairs); None for
    the ids, words and keys a path is made of. The redactor asks the same question."""
    if len(segment) < 2:
        return None
    text = unquote(segment) if "%" in segment else segment
    if len(text) < 2:
        return None
    first = text[0]
    if first == "{":
        # a JSON object has quoted keys; a braced GUID (`{0f8fad5b-…}`) is an id
        return text if '"' in text else None
    if text.startswith(_PATH_CONTENT_STARTS):
        return text if first in "[?" or len(text) >= 8 else None
    if "&" in text and "=" in text:
        return text
    return None


def _pushgateway_labels(ctx: DecodeContext, segments: list[str]) -> None:
    """The Prometheus Pushgateway path convention `/metrics/job/<job>/<label>/<value>/…` names
    the pushed series' grouping labels: `url › path › labels › instance = host-01`. A label
    name ending `@base64` has a base64url value (how values with a `/` are sent)."""
    ctx.kind("pushgateway-path")
    for index in range(0, len(segments) - 1, 2):
        name, value = unquote(segments[index]), unquote(segments[index + 1])
        if name.endswith("@base64"):
            name = name[: -len("@base64")]
            raw = b64decode_loose(value, ctx.limits.max_value_chars) if value else b""
            value = raw.decode("utf-8", errors="replace") if raw is not None else value
        if name and not ctx.add(("url", "path", "labels", name), value):
            return


# First characters of header values that may hide JSON, base64 JSON, gzip or a JWT.
_NESTED_HEADER_STARTS = frozenset("eBHW{[")


# Request headers the decoder and the labeller read by name: remembered in the one pass over
# the headers instead of a `RequestRecord.header` walk of them each.
READ_HEADERS = frozenset(
    {"content-type", "content-encoding", "grpc-encoding", "content-disposition"}
)

# header name → (its field path, is it `Cookie`, is it a standard header, its lower-case name
# when it is one of `READ_HEADERS`): names repeat in every flow
_HEADER_NAMES: dict[str, tuple[tuple[str, str], bool, bool, str | None]] = {}


def _decode_headers(ctx: DecodeContext, request: RequestRecord) -> dict[str, str] | None:
    """The headers' fields; returns the first value of each of `READ_HEADERS` present, or
    None when the fields cap stopped the pass before the last header."""
    ctx.source = "header"
    read: dict[str, str] = {}
    fields = ctx.fields
    max_fields = ctx.limits.max_fields
    max_chars = ctx.limits.max_value_chars
    names = _HEADER_NAMES
    inert_values: dict[str, bool] | None = None  # (looked up when first needed)
    inert_pairs = _INERT_HEADER_PAIRS if ctx.limits is _DEFAULT_LIMITS else None
    for name, value in request.headers:
        known = names.get(name)
        if known is None:
            lower = name.lower()
            known = (
                ("header", name),
                lower == "cookie",
                is_standard_header(lower),
                lower if lower in READ_HEADERS else None,
            )
            if len(names) > 10_000:
                names.clear()
            names[name] = known
        path, is_cookie, standard, read_as = known
        if read_as is not None and read_as not in read:
            read[read_as] = value  # (the first of its name, as `RequestRecord.header` gives)
        if type(value) is str and len(fields) < max_fields:
            # ctx.add's work for the common case, without its call and conversions
            fields.append(
                Field(
                    path,
                    value if len(value) <= max_chars else preview(value, max_chars),
                    "header",
                    False,
                )
            )
            if (
                inert_pairs is not None
                and len(fields) < max_fields
                and not ctx.decoded_bytes
                and (name, value) in inert_pairs
            ):
                continue  # its field is all this header gives (a pass like this one found)
        elif not ctx.add(path, value):
            return None
        if is_cookie:
            # Analytics ids live in cookies (`_ga`, `ajs_user_id`, `mp_<token>_mixpanel`).
            for pair in value.split(";")[: ctx.limits.max_fields]:
                key, sep, cookie_value = pair.strip().partition("=")
                if sep and key:
                    walk(ctx, unquote(cookie_value), (*path, key), 1)
            continue
        text = value.strip()
        size = len(text)
        paired = ("&" in text or ";" in text) and ("=" in text or ":" in text) and not standard
        if paired and header_pairs(ctx, text, path):
            # An SDK platform or custom data header packing pairs into one value
            # (`X-Asana-Client-Lib: os=Linux&language_version=3.12.1`, `X-Box-UA: agent=…;
            # env=python/3.12.1`): its pairs are data, as a body's keys would be.
            continue
        inert = not paired
        # Only values that nested_string could decode are handed to it (most headers are
        # plain tokens: a content type, a user agent, a host).
        if size >= 2 and (
            text[0] in _NESTED_HEADER_STARTS or "," in text or (size >= 12 and not size % 4)
        ):
            if inert_values is None:
                inert_values = _inert_header_values(ctx.limits)
            inert = _header_nested_string(ctx, text, path, inert_values) and inert
        if (
            inert
            and inert_pairs is not None
            and type(value) is str
            and len(fields) < max_fields
            and not ctx.decoded_bytes
        ):
            if len(inert_pairs) > 20_000:
                inert_pairs.clear()
            inert_pairs.add((name, value))
    return read


# (header name, value) pairs that gave only their own field in a pass with the default limits,
# nothing decoded yet and room for more fields: an app sends the same headers with every flow,
# and such a pass gives them the same answer again (`_header_nested_string`'s conditions).
_INERT_HEADER_PAIRS: set[tuple[str, str]] = set()


# limits → {header value: True when `nested_string` finds nothing in it}: most values it is
# handed hold no data (an accept list, a user agent with a comma), and they come again with
# every flow of an app.
_INERT_HEADER_VALUES: dict[DecodeLimits, dict[str, bool]] = {}
_INERT_DEFAULT_HEADER_VALUES: dict[str, bool] = {}


def _inert_header_values(limits: DecodeLimits) -> dict[str, bool]:
    if limits is _DEFAULT_LIMITS:
        # (most flows: no look-up, whose key hashes every limit in a dataclass `__hash__`)
        return _INERT_DEFAULT_HEADER_VALUES
    known = _INERT_HEADER_VALUES.get(limits)
    if known is None:
        if len(_INERT_HEADER_VALUES) > 16:
            _INERT_HEADER_VALUES.clear()
        known = _INERT_HEADER_VALUES[limits] = {}
    return known


def _header_nested_string(
    ctx: DecodeContext, text: str, path: tuple[str, ...], known: dict[str, bool]
) -> bool:
    """`nested_string` on a header's value, skipped for a value it found nothing in before
    (`known`, for `ctx`'s limits). A value not seen before is tried on an empty context first:
    what adds no field, error, kind or decoded byte there adds none here either (nothing
    decoded yet, fields not full). True when `text` was known or found to give nothing."""
    limits = ctx.limits
    if ctx.decoded_bytes or len(ctx.fields) >= limits.max_fields:
        nested_string(ctx, text, path, 0, False)
        return False
    inert = known.get(text)
    if inert is None:
        scratch = DecodeContext(limits, source="header")
        nested_string(scratch, text, path, 0, False)
        inert = not (
            scratch.fields or scratch.errors or scratch.body_kinds or scratch.decoded_bytes
        )
        if len(known) > 20_000:
            known.clear()
        known[text] = inert
    if not inert:
        nested_string(ctx, text, path, 0, False)
    return inert


def decode_flow(record: FlowRecord, *, limits: DecodeLimits | None = None) -> DecodedFlow:
    """Decode a flow's URL, request headers, request body, websocket client messages and
    (with `limits.include_response`) the response body. Never raises on malformed input."""
    ctx = DecodeContext(limits or _DEFAULT_LIMITS)
    request = record.request
    parts: SplitResult | None = None
    read_headers: dict[str, str] | None = None
    if request is not None:
        parts = split_request_url(request)
        ctx.url_path = _split_url(request, parts)[0]
        for part in ("url", "header"):
            try:
                if part == "url":
                    _decode_url(ctx, request, parts)
                else:
                    read_headers = _decode_headers(ctx, request)
            except Exception as exc:  # a decoder bug must not lose the rest of the flow
                ctx.error(
                    f"decoder error ({type(exc).__name__}: {preview(str(exc), 200)})", (part,)
                )
        if request.body:
            ctx.source = "body"
            if request.body_truncated:
                # The cause (body cap, or a client that stopped sending) is the capture's
                # note; here only what is known for sure: how much of how much was kept.
                ctx.error(
                    f"request body truncated: {len(request.body)} of {request.size} bytes kept",
                    ("body",),
                )
            if read_headers is not None:
                content_type = read_headers.get("content-type")
                content_encoding = read_headers.get("content-encoding")
                message_encoding = read_headers.get("grpc-encoding")
            else:
                content_type = request.header("content-type")
                content_encoding = request.header("content-encoding")
                message_encoding = request.header("grpc-encoding")
            decode_into(
                ctx,
                request.body,
                request_content_type(request, parts, content_type),
                content_encoding,
                ("body",),
                message_encoding=message_encoding,
            )
    client_messages = [m for m in record.websocket if m.from_client]
    if len(client_messages) > ctx.limits.max_websocket_messages:
        ctx.error(
            f"only the first {ctx.limits.max_websocket_messages} of "
            f"{len(client_messages)} websocket messages decoded",
            ("websocket",),
        )
    ctx.source = "websocket"
    for number, message in enumerate(client_messages[: ctx.limits.max_websocket_messages], start=1):
        if ctx.full:
            break
        decode_into(
            ctx,
            message.content,
            "text/plain" if message.is_text else None,
            None,
            ("websocket", f"message {number}"),
        )
    response = record.response
    if ctx.limits.include_response and response is not None and response.body:
        ctx.source = "response"
        decode_into(
            ctx,
            response.body,
            response.header("content-type"),
            response.header("content-encoding"),
            ("response",),
            message_encoding=response.header("grpc-encoding"),
        )
    return DecodedFlow(
        fields=ctx.fields,
        errors=ctx.errors,
        body_kinds=ctx.body_kinds,
        decoded_bytes=ctx.decoded_bytes,
        url_split=parts,
        read_headers=read_headers,
    )
