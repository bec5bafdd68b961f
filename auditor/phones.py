"""Whether a number written in international form (`+44 7700 900312`) is a telephone number:
valid by libphonenumber's metadata (`phonenumbers`), or, when its context says it is a phone (a
sentence around it, a lookup path), in a range a regulator keeps for fiction and documentation,
which libphonenumber calls invalid although a reader takes it for a phone: Ofcom's drama numbers (UK mobile 07700 900000–900999, London 020 7946
0000–0999, 01632 960000–960999 and the city ranges 0113…0161 496 0000–0999, 0191 498
0000–0999). Ids, timestamps and version numbers fail both tests.
"""

from __future__ import annotations

import re
from functools import cache

# National significant numbers (after +44) of Ofcom's ranges for drama.
_UK_FICTION_RE = re.compile(
    r"^(?:7700900\d{3}|2079460\d{3}|1632960\d{3}|1(?:1[3-8]|[2-6]1)4960\d{3}|1914980\d{3})$"
)
_NOT_DIGITS_RE = re.compile(r"[^\d]")


@cache
def valid_international_number(number: str, *, fiction: bool = False) -> bool:
    """`number` (starting with `+`, separators allowed) is a telephone number; with `fiction`,
    a number of the ranges kept for fiction is one too (a bare value in such a range stays a
    test value: nothing says it is a phone)."""
    import phonenumbers  # only a text with a `+` and digits pays for the import

    try:
        parsed = phonenumbers.parse(number, None)
    except phonenumbers.NumberParseException:
        return False
    if phonenumbers.is_valid_number(parsed):
        return True
    return (
        fiction
        and parsed.country_code == 44
        and bool(_UK_FICTION_RE.match(_NOT_DIGITS_RE.sub("", str(parsed.national_number))))
    )


__all__ = ["valid_international_number"]
