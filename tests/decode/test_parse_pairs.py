"""`form.parse_pairs` splits a query with nothing to unquote itself (issue 15bn): it must give
what `parse_qsl` gives for every text, with and without escapes, and keep the field cap."""

from __future__ import annotations

from urllib.parse import parse_qsl

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.decode.form import parse_pairs

_QUERY_TEXT = st.text(alphabet="ab=&+%2Ä ;?é\x00", max_size=40)


@settings(max_examples=2000, deadline=None)
@given(_QUERY_TEXT)
def test_parse_pairs_is_parse_qsl(text: str) -> None:
    expected = parse_qsl(text, keep_blank_values=True, errors="replace")
    assert parse_pairs(text, 10_000) == expected


def test_parse_pairs_keeps_blank_values_and_the_first_equals_sign() -> None:
    assert parse_pairs("a=1&&flag&b=x=y&=v&c=", 100) == [
        ("a", "1"),
        ("flag", ""),
        ("b", "x=y"),
        ("", "v"),
        ("c", ""),
    ]
    assert parse_pairs("a=1&b=2&c=3", 2) == [("a", "1"), ("b", "2")]
    assert parse_pairs("q=a+b%21", 10) == [("q", "a b!")]
