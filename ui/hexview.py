"""Hex dump text for binary bodies (pure; the detail pane shows it in a monospace view)."""

from __future__ import annotations

HEX_LIMIT = 64 * 1024


def hexdump(data: bytes, *, limit: int = HEX_LIMIT, width: int = 16) -> str:
    """Offset, hex bytes in two groups, printable ASCII; a note when `data` is cut at `limit`."""
    lines = []
    shown = data[:limit]
    for offset in range(0, len(shown), width):
        chunk = shown[offset : offset + width]
        half = width // 2
        hex_left = " ".join(f"{b:02x}" for b in chunk[:half])
        hex_right = " ".join(f"{b:02x}" for b in chunk[half:])
        hex_part = f"{hex_left:<{half * 3 - 1}}  {hex_right:<{half * 3 - 1}}"
        text = "".join(chr(b) if 32 <= b < 127 else "." for b in chunk)
        lines.append(f"{offset:08x}  {hex_part}  |{text}|")
    if len(data) > limit:
        lines.append(f"… {len(data) - limit} more bytes not shown")
    return "\n".join(lines)


def looks_binary(data: bytes | None) -> bool:
    """True when a body is not mostly text (NULs, control bytes, invalid UTF-8)."""
    if not data:
        return False
    sample = data[:4096]
    if b"\x00" in sample:
        return True
    try:
        text = sample.decode("utf-8")
    except UnicodeDecodeError as err:
        # A multi-byte character cut at the sample's end is still text.
        if err.start < len(sample) - 4:
            return True
        text = sample[: err.start].decode("utf-8", "replace")
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\r\n\t")
    return controls > max(2, len(text) // 50)
