"""Last resort for unknown binary: the printable runs (`strings`), ASCII and UTF-16LE, of the
first MiB (at most 500 of them)."""

from __future__ import annotations

import re

from auditor.decode._core import DecodeContext

MIN_RUN = 6
_ASCII_RUN = re.compile(rb"[\x20-\x7e]{%d,}" % MIN_RUN)
_UTF16_RUN = re.compile(rb"(?:[\x20-\x7e]\x00){%d,}" % MIN_RUN)
MAX_STRINGS = 500
# Only the start of an unknown binary is scanned: identifiers sit in headers of files and
# messages, and the scan must stay cheap for multi-megabyte media.
MAX_SCAN_BYTES = 1024 * 1024


def decode_strings(ctx: DecodeContext, data: bytes, path: tuple[str, ...]) -> bool:
    found = 0
    data = data[:MAX_SCAN_BYTES]
    for pattern, encoding in ((_ASCII_RUN, "ascii"), (_UTF16_RUN, "utf-16-le")):
        for match in pattern.finditer(data):
            if found >= MAX_STRINGS or ctx.full:
                return True
            if found == 0:
                ctx.kind("strings")
            text = match.group().decode(encoding, errors="replace")
            if not ctx.add((*path, "strings", str(found)), text):
                break
            found += 1
    return found > 0
