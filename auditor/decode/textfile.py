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

import html
import re
from typing import Any

from auditor.decode._core import DecodeContext

ICALENDAR = "icalendar"
WEBVTT = "webvtt"
SRT = "srt"
DIALOGUE = "dialogue"
# The layer a decoded byte array's text is kept under.
BYTES_LAYER = "bytes"
# The layer the text of a plain-text file part is kept under (`… › file › utf-8`): named for the
# decoding step, so no key table reads the file's text as a `text` or `content` key's value.
UTF8_LAYER = "utf-8"
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


def plain_text(data: bytes, max_chars: int) -> str | None:
    """The text of a plain-text file (minutes as `.txt`, notes as `.md`), or None: its first
    `max_chars` characters must be valid UTF-8 (a character cut at the sample's end aside),
    printable but for line breaks and tabs, and hold a space (words, not one token)."""
    sample = data[: 4 * max_chars]
    try:
        text = sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(sample) - 3:
            return None
        text = sample[: exc.start].decode("utf-8")
    text = text[:max_chars]
    if " " not in text or not all(c.isprintable() or c in "\r\n\t" for c in text):
        return None
    return text


def decode_file_part(ctx: DecodeContext, data: bytes, path: tuple[str, ...]) -> bool:
    """A file part's content read as text (issue 15): an invitation's or a transcript's fields
    when it is one, else the text of a plain-text file under `… › utf-8`, as a text field of a
    JSON body is read (cut at the field cap); False when it is not text."""
    head = data[:4096].decode("utf-8", errors="replace")
    if (text_file_format(head[:160]) or may_be_dialogue(head)) and decode_text_file(
        ctx, data.decode("utf-8", errors="replace"), path
    ):
        return True
    text = plain_text(data, ctx.limits.max_value_chars)
    if text is None:
        return False
    ctx.add((*path, UTF8_LAYER), text)
    return True


def decode_text_file(
    ctx: DecodeContext, text: str, path: tuple[str, ...], in_frame: bool = False
) -> bool:
    """Fields of a recognised text file (the text itself is the caller's field); False when
    `text` is none of the formats."""
    fmt = text_file_format(text)
    if fmt is None:
        return may_be_dialogue(text) and decode_dialogue(ctx, text, path, in_frame)
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


# Speaker-attributed text (minutes, a transcript pasted into an e-mail or a `.txt` file):
# `Alice Example: …` lines, the speaker optionally after a timestamp (`[00:01:02] Priya: …`)
# or with a role in parentheses. A speaker is one to four capitalised words (not all capitals:
# `INFO:`), the utterance three words or more.
_SPEAKER_LINE_RE = re.compile(
    r"^[ \t]*(?:[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?[\])]?[ \t]*[-\u2013]?[ \t]*)?"
    r"((?:[A-Z]\.|[A-Z](?=[\w'\u2019.-]*[a-z])[\w'\u2019.-]*+)"
    r"(?:[ \t]+(?:[A-Z]\.|[A-Z](?=[\w'\u2019.-]*[a-z])[\w'\u2019.-]*+|van|von|de|der|da|di|du|del|la|le)){0,3})"
    r"[ \t]*(?:\([^()\n]{1,40}\))?[ \t]*:[ \t]+(\S[^\n]*)$"
)
# Words that make `Word: text` a labelled line, not a person speaking: mail and HTTP headers,
# log levels and sources, form and invitation labels, notes (`Note:`, `Action Items:`).
_LABEL_TEXT = (
    "from to cc bcc subject date sent re fwd fw reply message body content text type "
    "note notes nb ps tip hint warning warn error errors info debug trace fatal critical "
    "exception caused update updated reminder agenda location where when time timezone "
    "topic title summary description details attendees participants organizer organiser "
    "host meeting meetings call action actions item items next step steps decision "
    "decisions owner owners status priority question questions answer result results "
    "total price cost amount address phone email mail name password "
    "user username id link url join dial passcode important attention deadline due goal "
    "goals outcome outcomes follow followup background context problem issue issues "
    "solution expected actual version platform device browser source reason comment "
    "comments feedback response request category tags tag level severity environment "
    "service server client worker thread main process system task job agent accept "
    "cache control set cookie origin referer referrer encoding length language "
    "authorization connection key value field fields output input returns return "
    "usage options option default required parameters parameter args arguments "
    "minutes recording transcript transcription dear hi hello thanks regards "
    "monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday"
)
_LABEL_WORDS = frozenset(_LABEL_TEXT.split())
_HTML_BREAK_RE = re.compile(r"<(?:br|/?p|/?div|/?li|/?tr|/?h[1-6])\b[^>]{0,200}>", re.I)
_HTML_TAG_RE = re.compile(r"<[^>]{0,200}>")
# Text looked at for speakers: the first lines of a long text.
_DIALOGUE_SCAN_CHARS = 16384
MAX_DIALOGUE_TURNS = 200


def may_be_dialogue(text: str) -> bool:
    """A cheap test before `dialogue_turns`: two `: ` and a line break (or an HTML tag)."""
    return (
        len(text) >= 40
        and text.count(": ", 0, _DIALOGUE_SCAN_CHARS) >= 2
        and ("\n" in text or "<" in text)
    )


def _speaker(name: str) -> bool:
    words = re.split(r"[\s-]+", name.lower())
    return not any(
        word.strip(".'\u2019") in _LABEL_WORDS or word.endswith(("error", "exception"))
        for word in words
    )


def dialogue_turns(text: str) -> list[tuple[str, str]] | None:
    """The (speaker, utterance) turns of speaker-attributed text, or None when `text` is not
    one: at least two turns by at least two speakers, the turns at least half of the text's
    lines, and the speakers all named by full names or one speaking again after another (a
    labelled list, `Location: …` / `Agenda: …`, does neither; a config dump, a log or mail
    headers have no capitalised speakers)."""
    head = text[:_DIALOGUE_SCAN_CHARS]
    if "<" in head:
        head = html.unescape(_HTML_TAG_RE.sub("", _HTML_BREAK_RE.sub("\n", head)))
    turns: list[tuple[str, str]] = []
    lines = 0
    for line in head.splitlines():
        if not line.strip():
            continue
        lines += 1
        match = _SPEAKER_LINE_RE.match(line) if len(line) <= 4000 else None
        if match is None:
            continue
        speaker, utterance = match.group(1), match.group(2).strip()
        if utterance.count(" ") < 2 or utterance.startswith(("http:", "https:")):
            continue
        if not _speaker(speaker):
            continue
        turns.append((speaker, utterance))
        if len(turns) >= MAX_DIALOGUE_TURNS:
            break
    speakers = {speaker for speaker, _ in turns}
    if len(turns) < 2 or len(speakers) < 2 or 2 * len(turns) < lines:
        return None
    full_names = all(" " in speaker for speaker in speakers)
    seen: set[str] = set()
    again = False
    previous = ""
    for speaker, _ in turns:
        if speaker in seen and speaker != previous:
            again = True
            break
        seen.add(speaker)
        previous = speaker
    return turns if full_names or again else None


def _cue_line(text: str) -> tuple[str, str] | None:
    """(speaker, utterance) of one caption cue `Full Name: utterance`: a speaker named by two
    words or more (no label word), an utterance of three words or more."""
    match = _SPEAKER_LINE_RE.match(text) if len(text) <= 4000 and "\n" not in text else None
    if match is None:
        return None
    speaker, utterance = match.group(1), match.group(2).strip()
    if " " not in speaker or utterance.count(" ") < 2 or not _speaker(speaker):
        return None
    return speaker, utterance


def translated_cue(source: str, translation: str) -> str | None:
    """The speaker of a caption cue and its translation (a translation memory's
    `sentence`/`translation`, a catalogue's `msgid`/`msgstr`): both open with the same
    capitalised words of two or more and differ in what is said; None otherwise. One
    speaker-attributed line alone is no dialogue (a `Note: …` line); the caller checks that
    the speaker is a person's name (a labelled UI string, `Pro Plan: …`, is none)."""
    first = _cue_line(source)
    if first is None:
        return None
    second = _cue_line(translation)
    if second is None or first[0] != second[0] or first[1] == second[1]:
        return None
    return first[0]


# A gettext catalogue's entry: `msgid "…"` then `msgstr "…"` (single-line strings).
_GETTEXT_ENTRY_RE = re.compile(
    r'^msgid "((?:[^"\\\n]|\\.)*)"\r?\nmsgstr "((?:[^"\\\n]|\\.)*)"', re.M
)


def gettext_cues(text: str) -> list[str]:
    """The speakers of a gettext catalogue's (`.po`) entries that are a caption cue and its
    translation (`translated_cue`)."""
    if "msgstr" not in text:
        return []
    speakers: list[str] = []
    for source, translation in _GETTEXT_ENTRY_RE.findall(text[:_DIALOGUE_SCAN_CHARS]):
        speaker = translated_cue(source, translation)
        if speaker is not None:
            speakers.append(speaker)
    return speakers


def decode_dialogue(
    ctx: DecodeContext, text: str, path: tuple[str, ...], in_frame: bool = False
) -> bool:
    """Speaker-attributed text as turns (`… › dialogue › turn 2 › speaker`, `… › text`);
    False when `text` is not one."""
    turns = dialogue_turns(text)
    if turns is None:
        return False
    ctx.kind(DIALOGUE)
    for number, (speaker, utterance) in enumerate(turns, start=1):
        if ctx.full:
            ctx.add(path, None)
            break
        turn = (*path, DIALOGUE, f"turn {number}")
        ctx.add((*turn, "speaker"), speaker, in_stack_frame=in_frame)
        ctx.add((*turn, "text"), utterance, in_stack_frame=in_frame)
    return True


__all__ = [
    "UTF8_LAYER",
    "byte_array_text",
    "decode_dialogue",
    "decode_file_part",
    "decode_text_file",
    "dialogue_turns",
    "may_be_dialogue",
    "plain_text",
    "text_file_format",
]
