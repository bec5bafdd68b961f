"""Text files recognised by their content, whatever the declared type or container (issue 15):
an iCalendar invitation (`BEGIN:VCALENDAR`), a WebVTT or SRT transcript. Each becomes (key,
value) fields under a layer named for its format (`… › icalendar › vevent › summary`,
`… › webvtt › cue 2 › speaker`), and the format is recorded as a body kind, which the labeller
reads as the kind of content sent (a file, a transcript).

Also the containers such files travel in: a JSON array of byte values (`"content": [66, 69,
…]`, Node's `Buffer` and Resend's attachments) decodes to its text. Every parser here is total
and linear in its input; the caller's caps bound the text and the field count bounds the rest.
"""

from __future__ import annotations

import re
from typing import Any

from auditor.decode._core import DecodeContext

ICALENDAR = "icalendar"
WEBVTT = "webvtt"
SRT = "srt"
# The layer a decoded byte array's text is kept under.
BYTES_LAYER = "bytes"
# Shortest byte array read as text: shorter ones are numbers (a colour, a version, a vector).
MIN_BYTE_ARRAY = 16

_SRT_START_RE = re.compile(
    r"\A\ufeff?\s*\d+\r?\n\d{2}:\d{2}:\d{2},\d{3} --> \d{2}:\d{2}:\d{2},\d{3}"
)
_CUE_TIMING_RE = re.compile(r"^(?:\d{2}:)?\d{2}:\d{2}[.,]\d{3} --> ")
_VOICE_RE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]{1,200})>\s*(.*)")
_ICAL_NAME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9-]{0,63}$")


def text_file_format(text: str) -> str | None:
    """The text file format `text` starts with, or None (only its first bytes are looked at)."""
    head = text[:64].lstrip("\ufeff \t\r\n")
    if head.startswith("BEGIN:VCALENDAR"):
        return ICALENDAR
    if head.startswith("WEBVTT") and (len(head) == 6 or head[6] in " \t\r\n"):
        return WEBVTT
    if head[:1].isdigit() and _SRT_START_RE.match(text[:128]):
        return SRT
    return None


def byte_array_text(items: list[Any], max_bytes: int) -> str | None:
    """The UTF-8 text a JSON array of byte values holds, or None when it is not one (too short or
    too long, an item not an int in 0..255, bytes that are not readable text)."""
    if not MIN_BYTE_ARRAY <= len(items) <= max_bytes:
        return None
    for item in items:
        if type(item) is not int or not 0 <= item <= 255:
            return None
    try:
        text = bytes(items).decode("utf-8")
    except UnicodeDecodeError:
        return None
    if not all(c.isprintable() or c in "\r\n\t" for c in text):
        return None
    return text


def decode_text_file(
    ctx: DecodeContext, text: str, path: tuple[str, ...], in_frame: bool = False
) -> bool:
    """Fields of a recognised text file (the text itself is the caller's field); False when
    `text` is none of the formats."""
    fmt = text_file_format(text)
    if fmt is None:
        return False
    ctx.kind(fmt)
    if fmt == ICALENDAR:
        _icalendar(ctx, text, (*path, ICALENDAR), in_frame)
    else:
        _cues(ctx, text, (*path, fmt), in_frame)
    return True


def _unfolded_lines(text: str) -> list[str]:
    """RFC 5545 3.1: a line starting with a space or tab continues the one before (parts are
    joined once per logical line: appending to a string per part would be quadratic)."""
    logical: list[list[str]] = []
    for line in text.splitlines():
        if line[:1] in (" ", "\t") and logical:
            logical[-1].append(line[1:])
        else:
            logical.append([line])
    return ["".join(parts) for parts in logical]


def _split_property(line: str) -> tuple[str, list[tuple[str, str]], str] | None:
    """`ATTENDEE;CN="Chiara Rossi";ROLE=REQ-PARTICIPANT:mailto:c@x` → (name, params, value);
    a quoted parameter value may hold `:` and `;`."""
    params: list[tuple[str, str]] = []
    i = 0
    size = len(line)
    while i < size and line[i] not in ";:":
        i += 1
    name = line[:i]
    while i < size and line[i] == ";":
        start = i + 1
        j = start
        while j < size and line[j] not in "=;:":
            j += 1
        pname = line[start:j]
        pvalue = ""
        if j < size and line[j] == "=":
            j += 1
            if j < size and line[j] == '"':
                end = line.find('"', j + 1)
                if end < 0:
                    return None
                pvalue = line[j + 1 : end]
                j = end + 1
            else:
                start_value = j
                while j < size and line[j] not in ";:":
                    j += 1
                pvalue = line[start_value:j]
        params.append((pname, pvalue))
        i = j
    if i >= size or line[i] != ":" or not _ICAL_NAME_RE.match(name):
        return None
    return name, params, line[i + 1 :]


def _icalendar(ctx: DecodeContext, text: str, path: tuple[str, ...], in_frame: bool) -> None:
    components: list[str] = []
    for line in _unfolded_lines(text):
        if ctx.full:
            ctx.add(path, None)
            return
        parsed = _split_property(line)
        if parsed is None:
            continue
        name, params, value = parsed
        upper = name.upper()
        if upper == "BEGIN":
            components.append(value.strip().lower() or "component")
            continue
        if upper == "END":
            if components:
                components.pop()
            continue
        prop_path = (*path, *components[-4:], name.lower())
        ctx.add(prop_path, value, in_stack_frame=in_frame)
        for pname, pvalue in params:
            ctx.add((*prop_path, pname.lower()), pvalue, in_stack_frame=in_frame)
        if value[:7].lower() == "mailto:":
            # ORGANIZER/ATTENDEE: the person's address, by its own key
            ctx.add((*prop_path, "email"), value[7:], in_stack_frame=in_frame)


def _cues(ctx: DecodeContext, text: str, path: tuple[str, ...], in_frame: bool) -> None:
    """WebVTT and SRT cues: each cue's text, and its speaker from a `<v Name>` voice tag."""
    number = 0
    for line in text.splitlines():
        if ctx.full:
            ctx.add(path, None)
            return
        stripped = line.strip()
        if _CUE_TIMING_RE.match(stripped):
            number += 1
            continue
        if not number or not stripped or stripped.isdigit():
            continue
        cue = (*path, f"cue {number}")
        voice = _VOICE_RE.match(stripped)
        if voice is not None:
            ctx.add((*cue, "speaker"), voice.group(1).strip(), in_stack_frame=in_frame)
            stripped = voice.group(2)
        ctx.add((*cue, "text"), re.sub(r"</?[^>]{0,200}>", "", stripped), in_stack_frame=in_frame)


__all__ = ["byte_array_text", "decode_text_file", "text_file_format"]
