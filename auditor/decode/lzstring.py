"""lz-string's base64 forms (`compressToBase64`, `compressToEncodedURIComponent`), decoded.

Browser SDKs compress JSON with lz-string before putting it in a query value or a form field
(CleverTap's JSONP `d=`, PostHog's `compression=lz64`). The one Python port on PyPI (`lzstring`
1.0.4, 2018) needs the `future` shim and has no output cap; lz-string's output can grow with the
square of its input (each code may repeat the previous entry plus one character), so this
decoder follows the JavaScript original's `_decompress` with a cap on the characters it makes
and returns None, never raises, on anything that is not a complete stream.

The bit reading is the original's: each 6-bit character is read from its high bit down, and a
code of n bits is assembled from its low bit up. Here the characters' bits are laid out once in
reading order as a '0'/'1' string, so a code is one slice, reversed, given to `int(…, 2)`.
"""

from __future__ import annotations

_BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_URI_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$"
# Each alphabet character → its 6 bits in reading order; `=` padding and a `+` that a form or
# query decoder turned into a space are read as the original reads them.
_BITS: dict[str, str] = {}
for _index, _char in enumerate(_BASE64):
    _BITS[_char] = format(_index, "06b")
_BITS["-"] = _BITS["/"]  # the URI-safe alphabet's 63 ('-'), and '$' for 64 below
_BITS["$"] = "000000"
_BITS["="] = "000000"  # compressToBase64 pads to a multiple of 4; the stream ends before
_BITS[" "] = _BITS["+"]

# What a stream of a JSON object or array starts with: the 2-bit code 0 (an 8-bit character)
# then '{' or '[' give the first character 'N' and a second among these (see `starts_json`).
_JSON_SECOND = frozenset("4567opqr")


class OutputCapExceeded(Exception):
    """The stream would make more characters than the caller allows (a compression bomb)."""


def starts_json(text: str) -> bool:
    """True when `text` may be lz-string base64 of a JSON object or array: a cheap test on its
    first two characters, before any decoding."""
    return len(text) >= 4 and text[0] == "N" and text[1] in _JSON_SECOND


def decompress_base64(text: str, max_chars: int) -> str | None:
    """lz-string `decompressFromBase64` / `decompressFromEncodedURIComponent` of `text`; None
    when it is not a complete lz-string stream. Raises `OutputCapExceeded` past `max_chars`."""
    try:
        stream = "".join([_BITS[char] for char in text])
    except KeyError:
        return None
    return _decompress(stream, max_chars)


def _decompress(stream: str, max_chars: int) -> str | None:
    total = len(stream)
    # Reading past the end is an incomplete stream (the original gives ""): the end code is
    # always inside the characters a compressor writes.
    if total < 10:
        return "" if stream[:2] == "01" else None
    first = int(stream[1::-1], 2)
    if first == 2:
        return ""
    if first == 3:
        return None
    position = 10 if first == 0 else 18
    if position > total:
        return None
    w = chr(int(stream[2:position][::-1], 2))
    dictionary: list[str] = ["", "", "", w]
    result = [w]
    size = 1
    wide = first == 1
    enlarge_in = 4
    num_bits = 3
    while True:
        end = position + num_bits
        if end > total:
            return None
        code = int(stream[position:end][::-1], 2)
        position = end
        if code == 2:
            break
        if code < 2:
            end = position + (8 if code == 0 else 16)
            if end > total:
                return None
            dictionary.append(chr(int(stream[position:end][::-1], 2)))
            position = end
            wide = wide or code == 1
            code = len(dictionary) - 1
            enlarge_in -= 1
            if enlarge_in == 0:
                enlarge_in = 1 << num_bits
                num_bits += 1
        if code < len(dictionary):
            entry = dictionary[code]
        elif code == len(dictionary):
            entry = w + w[0]
        else:
            return None
        size += len(entry)
        if size > max_chars:
            raise OutputCapExceeded
        result.append(entry)
        dictionary.append(w + entry[0])
        enlarge_in -= 1
        w = entry
        if enlarge_in == 0:
            enlarge_in = 1 << num_bits
            num_bits += 1
    text = "".join(result)
    if wide:
        # 16-bit characters are UTF-16 code units: pairs of surrogates make one character.
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text
