"""Fast paths of auditor/vocabulary.py that must answer as the long way does (issue 15ac):
`is_redacted`'s first-character test before its regex, the suffix-key look-up by length."""

from __future__ import annotations

import sys

from auditor.vocabulary import _REDACTED_FIRST, _REDACTED_RE, is_redacted

# One spelling of each of the regex's alternatives.
_PLACEHOLDERS = (
    "[redacted]",
    "redacted",
    "[filtered]",
    "removed",
    "masked",
    "hidden",
    "scrubbed",
    "deleted",
    "<redacted>",
    "<masked>",
    "*",
    "******",
    "xxxx",
    "...",
    "…",
    "{{auto}}",
    "%s",
    "null",
    "undefined",
    "none",
    "n/a",
)


def test_every_placeholder_is_redacted_whatever_its_case() -> None:
    for text in _PLACEHOLDERS:
        for spelling in (text, text.upper(), text.title(), f"  {text} "):
            assert is_redacted(spelling), spelling


def test_the_first_characters_cover_every_character_the_regex_starts_a_match_with() -> None:
    # Characters without case match only themselves; those with case (and all of Latin-1)
    # are tried in front of each placeholder's remaining characters.
    cased = (
        chr(point)
        for point in range(sys.maxunicode + 1)
        if point < 0x100 or chr(point).lower() != chr(point).upper()
    )
    tails = {text[1:] for text in _PLACEHOLDERS}
    starts = {char for char in cased for tail in tails if _REDACTED_RE.match(char + tail)}
    assert "ſ" in starts and "X" in starts  # (the case folding is seen)
    assert starts <= _REDACTED_FIRST, sorted(starts - _REDACTED_FIRST)


def test_values_that_only_look_like_placeholders_are_data() -> None:
    for text in ("alice@example.com", "redactedness", "xxx", "nonexistent", "0", "Bearer abc"):
        assert not is_redacted(text), text
    assert is_redacted(None) and is_redacted("   ")
    assert not is_redacted(0) and not is_redacted(False)


def test_the_suffix_tables_find_the_first_suffix_key_as_the_list_does() -> None:
    """`first_suffix_key` (a look-up per suffix length) answers as a walk over SUFFIX_KEYS in
    order would, for every known key, every suffix with and without a prefix, and others."""
    from auditor.vocabulary import EXACT_KEYS, SUFFIX_KEYS, first_suffix_key

    def walked(nk: str) -> tuple[str, object] | None:
        return next(((s, rule) for s, rule in SUFFIX_KEYS if nk.endswith(s)), None)

    keys = set(EXACT_KEYS) | {"", "id", "x", "somethingelse", "userids", "golang"}
    for suffix, _ in SUFFIX_KEYS:
        keys |= {suffix, f"app{suffix}", f"x{suffix}", suffix[1:], suffix[:-1], f"{suffix}s"}
    found = 0
    for nk in sorted(keys):
        assert first_suffix_key(nk) == walked(nk), nk
        found += first_suffix_key(nk) is not None
    assert found > len(SUFFIX_KEYS)


def test_normalise_key_keeps_exactly_the_letters_and_digits_of_the_lower_case_key() -> None:
    """The character test of `normalise_key` (a regex) is `str.isalnum`, character by
    character, over every code point of the Basic Multilingual Plane and mixed keys."""
    from auditor import vocabulary

    def by_characters(key: str) -> str:
        return "".join(c for c in key.lower() if c.isalnum())

    keys = [chr(point) for point in range(0x10000) if not 0xD800 <= point < 0xE000]
    keys += ["user_id", "User-ID", "İstanbul_Code", "ǅemal Ⅻ", "x.y z", "", "__", "a²b³", "ΣΑΣ"]
    for key in keys:
        vocabulary._NORM_CACHE.pop(key, None)
        assert vocabulary.normalise_key(key) == by_characters(key), repr(key)
