"""Path conditions that only ask whether one part of the path is one of a few words
(`(^|› )(stack|exception|…)( ›|$)`) are answered from the path's parts (issue 15al): the
answer must be the regex's on the joined path, whatever the parts hold."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.label.rules import _has_path_word, path_words
from auditor.records import Field

_STACK_WHERE = (
    r"(^|› )(stacktrace|stack_trace|stack|exception|exceptions|errorClass|error_class"
    r"|exception_class|exceptionClass|backtrace)( ›|$)"
)
_REGEX = re.compile(_STACK_WHERE, re.IGNORECASE)
_WORDS = path_words(_STACK_WHERE)
# words, their neighbours, case variants, characters that fold to ASCII letters under
# IGNORECASE (`ſ` → s, the Kelvin sign → k) and the separators' own characters
_PIECES = st.sampled_from(
    [
        "stack", "Stack", "STACKTRACE", "ſtack", "stac\u212a", "exception", "exceptions",
        "errorClass", "error_class", "backtrace", "stacks", "x", "body", "0", "frames",
        " ", "›", " › ", "\n", "", "_", "trace",
    ]
)  # fmt: skip
_PARTS = st.lists(_PIECES, min_size=1, max_size=3).map("".join)


def _by_regex(path: tuple[str, ...]) -> bool:
    return _REGEX.search(Field(path, None).where) is not None


def _by_parts(path: tuple[str, ...]) -> bool:
    assert _WORDS is not None
    hit = _has_path_word(_WORDS, {}, path)
    return _by_regex(path) if hit is None else hit


def test_the_stack_condition_is_read_as_path_words() -> None:
    assert _WORDS is not None


@given(st.lists(_PARTS, min_size=0, max_size=6).map(tuple))
@settings(max_examples=3000, deadline=None)
def test_parts_answer_as_the_regex_on_the_joined_path(path: tuple[str, ...]) -> None:
    assert _by_parts(path) == _by_regex(path), path


def test_cases_that_match_and_cases_that_must_not() -> None:
    matching = [
        ("body", "exception", "values", "0", "type"),
        ("body", "payload", "backtrace", "7", "file"),
        ("body", "Stack"),
        ("body", "err", "stack\n"),
        ("body", "ſtack"),
    ]
    not_matching = [
        ("body", "stacks"),
        ("body", "stack\n", "x"),
        ("body", "my_exception"),
        ("body", "stack "),
        ("body", " stack"),
        (),
    ]
    for path in matching:
        assert _by_regex(path) and _by_parts(path), path
    for path in not_matching:
        assert not _by_regex(path) and not _by_parts(path), path


def test_other_path_regexes_are_left_to_the_regex() -> None:
    assert path_words(r"(^|› )log_?events › \d+ › message$") is None
    assert path_words(r"^body( › (gzip|deflate))*$") is None
    assert path_words(r"(^|› )(a.b|c)( ›|$)") is None
