"""Text formats of metrics and logs that carry structure in plain text (issue 15):

- InfluxDB line protocol (`measurement,tag=v field=1.2,f2="s" 1700000000000000000`): each line
  becomes `… › line N › measurement`, `… › line N › tags › KEY`, `… › line N › fields › KEY` and
  `… › line N › timestamp`;
- Prometheus / OpenMetrics exposition text (`# TYPE m gauge`, `m{label="v"} 1.0 [ts]`): each
  sample becomes `… › line N › metric`, `… › line N › labels › KEY`, `… › line N › value`;
- logfmt lines (`level=error meeting=123 user=usr_x rtt_ms=412`): `… › line N › pairs › KEY`.

Each is sniffed by shape, whatever the declared type, behind a cheap first-character test; a
body is taken for a format only when every line of its head parses as that format, so prose,
CSV and ordinary log lines stay text. All decoders are pure and never raise.
"""

from __future__ import annotations

import re

from auditor.decode._core import (
    DecodeContext,
    logfmt_pairs,
    may_hide_structure,
    nested_string,
    parse_logfmt,
)
from auditor.decode.metric_lines import decode_metric_lines, looks_like_metric_lines

# First characters of a Wavefront line that no other format here starts with.
_METRIC_LINE_STARTS = frozenset('"!')

# Lines looked at to decide the format (the rest are decoded, and skipped when they do not parse).
_HEAD_LINES = 50
_HEAD_CHARS = 16384

# -- InfluxDB line protocol -------------------------------------------------------------------

# A measurement or key: starts like an identifier (escaped commas, spaces and equals allowed).
_LP_NAME_START = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
_LP_NUMBER_RE = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")
_LP_INT_RE = re.compile(r"^[+-]?\d+[iu]$")
_LP_BOOLS = {
    "t": True,
    "T": True,
    "true": True,
    "True": True,
    "TRUE": True,
    "f": False,
    "F": False,
    "false": False,
    "False": False,
    "FALSE": False,
}
_LP_TIMESTAMP_RE = re.compile(r"^-?\d{1,19}$")
_LP_KEY_RE = re.compile(r"^[A-Za-z_][^\s]{0,127}$")

LineProtocolPoint = tuple[str, list[tuple[str, str]], list[tuple[str, object]], int | None]


def _split_unescaped(text: str, separators: str) -> list[str] | None:
    """`text` split at unescaped separators outside double quotes (backslash escapes kept for
    `_unescape`); None when a quote is left open."""
    parts: list[str] = []
    start = 0
    index = 0
    quoted = False
    size = len(text)
    while index < size:
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == '"':
            quoted = not quoted
        elif not quoted and char in separators:
            parts.append(text[start:index])
            start = index + 1
        index += 1
    if quoted:
        return None
    parts.append(text[start:])
    return parts


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    out: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            out.append(text[index + 1])
            index += 2
            continue
        out.append(char)
        index += 1
    return "".join(out)


def _lp_field_value(raw: str) -> tuple[bool, object]:
    if len(raw) >= 2 and raw[0] == '"' and raw[-1] == '"':
        return True, _unescape(raw[1:-1])
    if raw in _LP_BOOLS:
        return True, _LP_BOOLS[raw]
    if _LP_INT_RE.match(raw):
        return True, int(raw[:-1])
    if _LP_NUMBER_RE.match(raw):
        try:
            return True, float(raw)
        except (ValueError, OverflowError):
            return False, None
    return False, None


def parse_line_protocol_line(line: str) -> LineProtocolPoint | None:
    """(measurement, tags, fields, timestamp) of one line, or None when it is not line protocol."""
    if not line or line[0] not in _LP_NAME_START:
        return None
    sections = _split_unescaped(line, " ")
    if sections is None:
        return None
    sections = [s for s in sections if s]
    if len(sections) not in (2, 3):
        return None
    timestamp: int | None = None
    if len(sections) == 3:
        if not _LP_TIMESTAMP_RE.match(sections[2]):
            return None
        timestamp = int(sections[2])
    series = _split_unescaped(sections[0], ",")
    if series is None or any(c in sections[0] for c in '"'):
        return None
    measurement = _unescape(series[0])
    if not measurement or "=" in series[0].replace("\\=", ""):
        return None
    tags: list[tuple[str, str]] = []
    for tag in series[1:]:
        key, sep, value = _split_pair(tag)
        if not sep or not value or not _LP_KEY_RE.match(key):
            return None
        tags.append((_unescape(key), _unescape(value)))
    pairs = _split_unescaped(sections[1], ",")
    if not pairs:
        return None
    fields: list[tuple[str, object]] = []
    for pair in pairs:
        key, sep, raw = _split_pair(pair)
        if not sep or not _LP_KEY_RE.match(key):
            return None
        ok, field_value = _lp_field_value(raw)
        if not ok:
            return None
        fields.append((_unescape(key), field_value))
    return measurement, tags, fields, timestamp


def _split_pair(text: str) -> tuple[str, str, str]:
    """`key=value` at the first unescaped `=`."""
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == "=":
            return text[:index], "=", text[index + 1 :]
        index += 1
    return text, "", ""


def _head(text: str) -> list[str]:
    """The first lines of `text`, without a last one that may be cut short."""
    head = text[:_HEAD_CHARS].splitlines()[:_HEAD_LINES]
    if len(text) > _HEAD_CHARS or len(head) == _HEAD_LINES:
        head = head[:-1] or head
    return [line.strip() for line in head if line.strip()]


def looks_like_line_protocol(text: str) -> bool:
    """Every line of the head (comments aside) is a line-protocol point, and there is one."""
    if not text or text[0] not in _LP_NAME_START or " " not in text or "=" not in text:
        return False
    lines = [line for line in _head(text) if not line.startswith("#")]
    return bool(lines) and all(parse_line_protocol_line(line) is not None for line in lines)


def decode_line_protocol(ctx: DecodeContext, text: str, path: tuple[str, ...], depth: int) -> None:
    ctx.kind("line-protocol")
    for number, line in enumerate(text.splitlines(), start=1):
        if ctx.full:
            ctx.add(path, None)
            return
        point = parse_line_protocol_line(line.strip())
        if point is None:
            continue
        measurement, tags, fields, timestamp = point
        line_path = (*path, f"line {number}")
        ctx.add((*line_path, "measurement"), measurement)
        for key, value in tags:
            _add_text(ctx, (*line_path, "tags", key), value, depth)
        for key, field_value in fields:
            if isinstance(field_value, str):
                _add_text(ctx, (*line_path, "fields", key), field_value, depth)
            else:
                ctx.add((*line_path, "fields", key), field_value)
        if timestamp is not None:
            ctx.add((*line_path, "timestamp"), timestamp)


def _add_text(ctx: DecodeContext, path: tuple[str, ...], value: str, depth: int) -> None:
    if ctx.add(path, value) and may_hide_structure(value):
        nested_string(ctx, value, path, depth + 1, False)


# -- Prometheus / OpenMetrics exposition text ---------------------------------------------------

_PROM_SAMPLE_RE = re.compile(
    r"^([a-zA-Z_:][a-zA-Z0-9_:]{0,199})"
    r"(?:\{((?:[^\"}]|\"(?:[^\"\\]|\\.)*\")*)\})?"
    r"[ \t]+([^ \t]+)(?:[ \t]+(-?\d+(?:\.\d+)?))?(?:[ \t]+#.*)?$"
)
_PROM_LABEL_RE = re.compile(r'\s*([a-zA-Z_][a-zA-Z0-9_]{0,199})\s*=\s*"((?:[^"\\]|\\.)*)"\s*,?')
_PROM_VALUE_RE = re.compile(
    r"^(?:[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[+-]?Inf|NaN)$", re.IGNORECASE
)
_PROM_COMMENT_RE = re.compile(r"^#\s*(HELP|TYPE|UNIT|EOF)\b")
_PROM_ESCAPES = {"n": "\n", "\\": "\\", '"': '"'}
OPENMETRICS_TYPES = frozenset({"application/openmetrics-text"})

ExpositionSample = tuple[str, list[tuple[str, str]], float, int | float | None]


def _prom_unescape(text: str) -> str:
    if "\\" not in text:
        return text
    return re.sub(r"\\(.)", lambda m: _PROM_ESCAPES.get(m.group(1), "\\" + m.group(1)), text)


def parse_exposition_line(line: str) -> ExpositionSample | None:
    """(metric, labels, value, timestamp) of one sample line, or None."""
    match = _PROM_SAMPLE_RE.match(line)
    if match is None or not _PROM_VALUE_RE.match(match.group(3)):
        return None
    labels: list[tuple[str, str]] = []
    label_text = match.group(2)
    if label_text:
        position = 0
        while position < len(label_text):
            label = _PROM_LABEL_RE.match(label_text, position)
            if label is None or label.end() == position:
                if label_text[position:].strip():
                    return None
                break
            labels.append((label.group(1), _prom_unescape(label.group(2))))
            position = label.end()
    try:
        value = float(match.group(3))
    except ValueError:
        return None
    timestamp: int | float | None = None
    if match.group(4):
        stamp = match.group(4)
        timestamp = float(stamp) if "." in stamp else int(stamp)
    return match.group(1), labels, value, timestamp


def looks_like_exposition(text: str) -> bool:
    """Every line of the head is a HELP/TYPE comment or a sample, and at least one sample has
    labels or a TYPE comment says what the samples are."""
    if not text or not (text[0] == "#" or text[0] in _LP_NAME_START):
        return False
    typed = False
    samples = 0
    for line in _head(text):
        if line[0] == "#":
            if not _PROM_COMMENT_RE.match(line):
                return False
            typed = True
            continue
        sample = parse_exposition_line(line)
        if sample is None:
            return False
        samples += 1
        typed = typed or bool(sample[1])
    return samples > 0 and typed


def decode_exposition(ctx: DecodeContext, text: str, path: tuple[str, ...], depth: int) -> None:
    ctx.kind("prometheus-text")
    for number, line in enumerate(text.splitlines(), start=1):
        if ctx.full:
            ctx.add(path, None)
            return
        line = line.strip()
        if not line or line[0] == "#":
            continue
        sample = parse_exposition_line(line)
        if sample is None:
            continue
        metric, labels, value, timestamp = sample
        line_path = (*path, f"line {number}")
        ctx.add((*line_path, "metric"), metric)
        for key, label_value in labels:
            _add_text(ctx, (*line_path, "labels", key), label_value, depth)
        ctx.add((*line_path, "value"), value)
        if timestamp is not None:
            ctx.add((*line_path, "timestamp"), timestamp)


# -- logfmt lines -------------------------------------------------------------------------------


def looks_like_logfmt_lines(text: str) -> bool:
    """Every line of the head holds at least two `key=value` pairs separated by white space."""
    if "=" not in text or " " not in text:
        return False
    lines = _head(text)
    return bool(lines) and all(parse_logfmt(line) is not None for line in lines)


def decode_logfmt_lines(ctx: DecodeContext, text: str, path: tuple[str, ...], depth: int) -> None:
    for number, line in enumerate(text.splitlines(), start=1):
        if ctx.full:
            ctx.add(path, None)
            return
        if line.strip():
            logfmt_pairs(ctx, line, (*path, f"line {number}"), depth, False)


def decode_text_formats(ctx: DecodeContext, text: str, path: tuple[str, ...], depth: int) -> bool:
    """Line protocol, exposition text or logfmt lines in a text body; False when none fits.
    The first character decides which tests run at all (most text bodies fail at once)."""
    first = text[:1]
    if first == "#":
        if looks_like_exposition(text):
            decode_exposition(ctx, text, path, depth)
            return True
        return False
    if first in _METRIC_LINE_STARTS:
        # a quoted Wavefront metric or span name, a Wavefront histogram
        if looks_like_metric_lines(text):
            decode_metric_lines(ctx, text, path, depth)
            return True
        return False
    if first not in _LP_NAME_START:
        return False
    if " " not in text[:_HEAD_CHARS]:
        if "|" in text[:_HEAD_CHARS] and looks_like_metric_lines(text):  # StatsD
            decode_metric_lines(ctx, text, path, depth)
            return True
        return False
    if looks_like_line_protocol(text):
        decode_line_protocol(ctx, text, path, depth)
        return True
    if looks_like_exposition(text):
        decode_exposition(ctx, text, path, depth)
        return True
    if looks_like_metric_lines(text):
        decode_metric_lines(ctx, text, path, depth)
        return True
    if looks_like_logfmt_lines(text):
        decode_logfmt_lines(ctx, text, path, depth)
        return True
    return False
