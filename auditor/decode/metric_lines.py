"""Metric line protocols whose points are whitespace-separated tokens (issue 15):

- the Wavefront data format (Wavefront/Aria/Tanzu direct ingestion and proxies):
  metric lines `name value [timestamp] source=host [tag="v" …]`, histogram lines
  `!M|!H|!D [timestamp] #count centroid … name source=host [tags]` and span lines
  `operation source=host traceId=… spanId=… [parent=…] [tags] start_ms duration_ms`;
  names, keys and values may be double-quoted;
- Graphite/Carbon plaintext (`a.b.c 12.5 1700000000`), a metric line without tags;
- StatsD (`name:value|type[|@rate][|#tag:v,…]`).

Each line becomes fields under `… › line N`: `metric`, `value`, `timestamp`, `source`,
`tags › KEY` for a point; `metric`, `granularity`, `centroid K › count|value` for a histogram;
`operation`, `source`, `traceId`, `spanId`, `parent`, `tags › KEY`, `start`, `duration` for a
span; `metric`, `value`, `type`, `rate`, `tags › KEY` for StatsD. A body (or a string value) is
taken for one of them only when every line of its head parses, so prose and logfmt stay what
they are. Pure functions that never raise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from auditor.decode._core import DecodeContext, may_hide_structure, nested_string

_HEAD_LINES = 50
_HEAD_CHARS = 16384
_MAX_TOKENS = 256

# One token: a double-quoted or bare name, optionally `=` and a quoted or bare value.
_TOKEN_RE = re.compile(
    r'(?:"((?:[^"\\]|\\.)*)"|([^\s="\\]+))(?:=(?:"((?:[^"\\]|\\.)*)"|([^\s"]+)))?(?=\s|$)'
)
_SPACE_RE = re.compile(r"\s+")
_NUMBER_RE = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")
_INT_RE = re.compile(r"^\d{1,19}$")
_COUNT_RE = re.compile(r"^#\d{1,19}$")
_GRANULARITIES = {"!M": "minute", "!H": "hour", "!D": "day"}
_SOURCE_KEYS = frozenset({"source", "host"})
_SPAN_KEYS = frozenset({"traceId", "spanId", "parent", "followsFrom"})
# Graphite paths are dotted names of word characters (and dashes).
_GRAPHITE_NAME_RE = re.compile(r"^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+$")
# A metric's name is a path (`meet.audio.jitter_ms`, `cpu_load`): one word alone followed by a
# number and a `host=` pair is as likely a log message ("retry 3 host=db1").
_METRIC_NAME_RE = re.compile(r"^~?[\w\-/,]*[._/][\w.\-/,]*$")
_STATSD_RE = re.compile(
    r"^([A-Za-z_][\w.\-/]{0,199}):([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)"
    r"\|(c|g|ms|h|s|d)(?:\|@(\d*\.?\d+))?(?:\|#([^|\s]*))?$"
)

Token = tuple[str, str | None]  # (name, value after `=` or None)


@dataclass
class MetricLine:
    """One parsed line: `kind` is "metric", "histogram", "span" or "statsd"."""

    kind: str
    name: str
    source: tuple[str, str] | None = None
    tags: list[tuple[str, str]] = field(default_factory=list)
    numbers: list[tuple[str, float | int | str]] = field(default_factory=list)
    centroids: list[tuple[int, float]] = field(default_factory=list)


def _unquote(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text) if "\\" in text else text


def tokenize(line: str) -> list[Token] | None:
    """The tokens of a line, or None when some part of it is no token (an open quote)."""
    tokens: list[Token] = []
    position = 0
    size = len(line)
    while position < size:
        match = _TOKEN_RE.match(line, position)
        if match is None or len(tokens) >= _MAX_TOKENS:
            return None
        quoted_name, bare_name, quoted_value, bare_value = match.groups()
        name = _unquote(quoted_name) if quoted_name is not None else bare_name or ""
        if quoted_value is not None:
            value: str | None = _unquote(quoted_value)
        else:
            value = bare_value
        tokens.append((name, value))
        position = match.end()
        space = _SPACE_RE.match(line, position)
        if space is not None:
            position = space.end()
    return tokens


def _is_word(token: Token) -> bool:
    return token[1] is None and bool(token[0])


def _number(text: str) -> float | int | None:
    if _INT_RE.match(text):
        return int(text)
    if _NUMBER_RE.match(text):
        try:
            return float(text)
        except (ValueError, OverflowError):
            return None
    return None


def _pairs(tokens: list[Token], line: MetricLine) -> bool:
    """Sorts `key=value` tokens into the line's source, span ids and tags; False on a word."""
    for name, value in tokens:
        if value is None or not name:
            return False
        if name in _SOURCE_KEYS and line.source is None:
            line.source = (name, value)
        elif line.kind == "span" and name in _SPAN_KEYS:
            line.numbers.append((name, value))
        else:
            line.tags.append((name, value))
    return True


def _histogram(tokens: list[Token]) -> MetricLine | None:
    rest = tokens[1:]
    line = MetricLine("histogram", "")
    line.numbers.append(("granularity", _GRANULARITIES[tokens[0][0]]))
    if rest and _is_word(rest[0]) and _INT_RE.match(rest[0][0]):
        line.numbers.append(("timestamp", int(rest[0][0])))
        rest = rest[1:]
    while len(rest) >= 2 and _is_word(rest[0]) and _COUNT_RE.match(rest[0][0]):
        value = _number(rest[1][0]) if _is_word(rest[1]) else None
        if value is None:
            return None
        line.centroids.append((int(rest[0][0][1:]), float(value)))
        rest = rest[2:]
    if not line.centroids or not rest or not _is_word(rest[0]):
        return None
    line.name = rest[0][0]
    if not _METRIC_NAME_RE.match(line.name):
        return None
    return line if _pairs(rest[1:], line) else None


def _span(tokens: list[Token]) -> MetricLine | None:
    if len(tokens) < 5 or not (_is_word(tokens[-1]) and _is_word(tokens[-2])):
        return None
    if not (_INT_RE.match(tokens[-2][0]) and _INT_RE.match(tokens[-1][0])):
        return None
    line = MetricLine("span", tokens[0][0])
    if not _pairs(tokens[1:-2], line):
        return None
    ids = {name for name, _ in line.numbers}
    if not {"traceId", "spanId"} <= ids:
        return None
    line.numbers.append(("start", int(tokens[-2][0])))
    line.numbers.append(("duration", int(tokens[-1][0])))
    return line


def _metric(tokens: list[Token]) -> MetricLine | None:
    if len(tokens) < 2 or not _is_word(tokens[1]):
        return None
    value = _number(tokens[1][0])
    if value is None:
        return None
    if not _METRIC_NAME_RE.match(tokens[0][0]):
        return None
    line = MetricLine("metric", tokens[0][0])
    line.numbers.append(("value", value))
    rest = tokens[2:]
    if rest and _is_word(rest[0]) and _INT_RE.match(rest[0][0]):
        line.numbers.append(("timestamp", int(rest[0][0])))
        rest = rest[1:]
    if not _pairs(rest, line):
        return None
    # No source: only a Graphite plaintext line (a dotted path, a value and a timestamp).
    if line.source is None and (
        line.tags or len(tokens) != 3 or not _GRAPHITE_NAME_RE.match(line.name)
    ):
        return None
    return line


def _statsd(text: str) -> MetricLine | None:
    match = _STATSD_RE.match(text)
    if match is None:
        return None
    name, raw_value, kind, rate, tag_text = match.groups()
    value = _number(raw_value.lstrip("+"))
    if value is None:
        return None
    line = MetricLine("statsd", name)
    line.numbers.append(("value", value))
    line.numbers.append(("type", kind))
    if rate:
        line.numbers.append(("rate", float(rate)))
    for tag in (tag_text or "").split(","):
        key, _, tag_value = tag.partition(":")
        if key:
            line.tags.append((key, tag_value))
    return line


def parse_metric_line(text: str) -> MetricLine | None:
    """One line of the Wavefront data format, Graphite plaintext or StatsD, or None."""
    text = text.strip()
    if not text:
        return None
    if "|" in text and ":" in text and " " not in text:
        return _statsd(text)
    tokens = tokenize(text)
    if not tokens or not _is_word(tokens[0]):
        return None
    if tokens[0][0] in _GRANULARITIES:
        return _histogram(tokens)
    if any(name == "traceId" and value is not None for name, value in tokens):
        return _span(tokens)
    return _metric(tokens)


def _head(text: str) -> list[str]:
    head = text[:_HEAD_CHARS].splitlines()[:_HEAD_LINES]
    if len(text) > _HEAD_CHARS or len(head) == _HEAD_LINES:
        head = head[:-1] or head
    return [line for line in (raw.strip() for raw in head) if line]


def looks_like_metric_lines(text: str) -> bool:
    """Every line of the head is a metric, histogram, span or StatsD line, and there is one.
    Cheap tests first: a line protocol needs a space or StatsD's `:`/`|`."""
    if len(text) < 5 or not (" " in text[:512] or "|" in text[:512]):
        return False
    lines = _head(text)
    if not lines:
        return False
    first = lines[0]
    # a Wavefront line has a `key=value` pair or is a histogram, a StatsD line its `|`, a
    # Graphite line three tokens: prose and most log text stop here
    if not ("=" in first or "|" in first or first[0] == "!" or first.count(" ") == 2):
        return False
    return all(parse_metric_line(line) is not None for line in lines)


_KINDS = {"metric": "wavefront", "histogram": "wavefront", "span": "wavefront", "statsd": "statsd"}


def decode_metric_lines(ctx: DecodeContext, text: str, path: tuple[str, ...], depth: int) -> None:
    """The fields of every line that parses (the head has been checked by the caller)."""
    kinds: set[str] = set()
    for number, raw in enumerate(text.splitlines(), start=1):
        if ctx.full:
            ctx.add(path, None)
            return
        line = parse_metric_line(raw)
        if line is None:
            continue
        if line.kind == "metric" and line.source is None:
            kinds.add("graphite")
        else:
            kinds.add(_KINDS[line.kind])
        line_path = (*path, f"line {number}")
        ctx.add((*line_path, "operation" if line.kind == "span" else "metric"), line.name)
        if line.source is not None:
            ctx.add((*line_path, line.source[0]), line.source[1])
        for key, item in line.numbers:
            ctx.add((*line_path, key), item)
        for index, (count, centroid) in enumerate(line.centroids):
            ctx.add((*line_path, f"centroid {index}", "count"), count)
            ctx.add((*line_path, f"centroid {index}", "value"), centroid)
        for key, tag_value in line.tags:
            tag_path = (*line_path, "tags", key)
            if ctx.add(tag_path, tag_value) and may_hide_structure(tag_value):
                nested_string(ctx, tag_value, tag_path, depth + 1, False)
    for kind in sorted(kinds):
        ctx.kind(kind)
