"""The flow filter language of the desktop app (in the spirit of mitmproxy's filter expressions).

    ~l credentials & ~e sentry          flows labelled `credentials` sent to Sentry
    ~a zoom !~v clear                   Zoom flows whose worst verdict is not "clear"
    ~l chat | ~l audio                  any chat or audio label
    error "user id"                     free text (plain words; quote to keep spaces)

Terms: `~l LABEL` (a category, or a group such as `identifiers`), `~h HOST` (substring), `~a APP`,
`~p PROCESS` (exact name), `~e ENTITY`, `~y PARTY` (first|third|unknown), `~v VERDICT`, `~k KIND`, `~s SESSION`,
`~u PURPOSE` (the terms do not rule this use out: `~u ai_training`, `~u any_purpose`), `~t TEXT`; long names work too (`~label`, `~host`, ...). Operators: `!` not, `&` and (also implied
between terms), `|` or, and parentheses. Plain words are free text.

`parse` is a pure function from text to a small syntax tree. `compile_filter` turns the tree into
a `FlowQuery` the store can answer with an index (every top-level AND term it can express) plus, when
the expression has negations, alternatives or repeated terms the query cannot hold, a residual
predicate over `FlowSummary` that the caller applies to the query's results.
"""

from __future__ import annotations

import dataclasses
import shlex
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from auditor.errors import UsageError
from auditor.records import VERDICTS

if TYPE_CHECKING:
    from auditor.store import FlowQuery, FlowSummary

# Short and long names of every term, to the FlowQuery field each one narrows.
TERM_FIELDS: dict[str, str] = {
    "l": "label",
    "label": "label",
    "h": "host",
    "host": "host",
    "a": "app",
    "app": "app",
    "p": "process",
    "process": "process",
    "e": "entity",
    "entity": "entity",
    "y": "party",
    "party": "party",
    "v": "verdict",
    "verdict": "verdict",
    "k": "kind",
    "kind": "kind",
    "s": "session",
    "session": "session",
    "t": "text",
    "text": "text",
    "u": "purpose",
    "purpose": "purpose",
}

PARTIES = ("first", "third", "unknown")


class FilterSyntaxError(UsageError):
    """The filter text is not a valid expression. The message says where and why, in one line."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        self.position = position


# --------------------------------------------------------------------------------------------
# Syntax tree


@dataclass(frozen=True, slots=True)
class Term:
    field: str  # a value of TERM_FIELDS ("label", "host", ..., "text")
    value: str


@dataclass(frozen=True, slots=True)
class Not:
    operand: Expr


@dataclass(frozen=True, slots=True)
class And:
    operands: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class Or:
    operands: tuple[Expr, ...]


Expr = Term | Not | And | Or


# --------------------------------------------------------------------------------------------
# Tokens


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # "op" for ! & | ( ) ; "key" for ~x ; "word" for a value or plain word
    text: str
    pos: int


_OPERATORS = "!&|()"


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch in _OPERATORS:
            tokens.append(_Token("op", ch, i))
            i += 1
        elif ch in "\"'":
            # A quoted value: shlex handles backslash escapes inside double quotes.
            end = i + 1
            while end < n and text[end] != ch:
                end += 2 if text[end] == "\\" and ch == '"' else 1
            if end >= n:
                raise FilterSyntaxError(f"unclosed quote starting at column {i + 1}", i)
            raw = text[i : end + 1]
            try:
                value = shlex.split(raw)[0] if raw not in ('""', "''") else ""
            except ValueError as err:
                raise FilterSyntaxError(f"bad quoted value at column {i + 1}: {err}", i) from err
            tokens.append(_Token("word", value, i))
            i = end + 1
        else:
            start = i
            while i < n and not text[i].isspace() and text[i] not in _OPERATORS + "\"'":
                i += 1
            word = text[start:i]
            if word.startswith("~"):
                tokens.append(_Token("key", word[1:], start))
            else:
                tokens.append(_Token("word", word, start))
    return tokens


# --------------------------------------------------------------------------------------------
# Parser (recursive descent): or := and ('|' and)* ; and := unary ('&'? unary)* ;
# unary := '!' unary | '(' or ')' | '~key' value | word


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokenize(text)
        self.i = 0

    def peek(self) -> _Token | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> _Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def parse(self) -> Expr | None:
        if not self.tokens:
            return None
        expr = self.parse_or()
        tok = self.peek()
        if tok is not None:
            raise FilterSyntaxError(f"unexpected {tok.text!r} at column {tok.pos + 1}", tok.pos)
        return expr

    def parse_or(self) -> Expr:
        operands = [self.parse_and()]
        while (tok := self.peek()) is not None and tok.kind == "op" and tok.text == "|":
            self.take()
            operands.append(self.parse_and())
        return operands[0] if len(operands) == 1 else Or(tuple(operands))

    def parse_and(self) -> Expr:
        operands = [self.parse_unary()]
        while (tok := self.peek()) is not None:
            if tok.kind == "op" and tok.text == "&":
                self.take()
                operands.append(self.parse_unary())
            elif tok.kind == "op" and tok.text in "|)":
                break
            else:  # juxtaposition means AND, as in mitmproxy
                operands.append(self.parse_unary())
        return operands[0] if len(operands) == 1 else And(tuple(operands))

    def parse_unary(self) -> Expr:
        tok = self.peek()
        if tok is None:
            pos = len(self.text)
            raise FilterSyntaxError(f"expression ends too early at column {pos + 1}", pos)
        if tok.kind == "op":
            if tok.text == "!":
                self.take()
                return Not(self.parse_unary())
            if tok.text == "(":
                self.take()
                inner = self.parse_or()
                close = self.peek()
                if close is None or close.kind != "op" or close.text != ")":
                    pos = close.pos if close else len(self.text)
                    raise FilterSyntaxError(f"missing ')' for '(' at column {tok.pos + 1}", pos)
                self.take()
                return inner
            raise FilterSyntaxError(f"unexpected {tok.text!r} at column {tok.pos + 1}", tok.pos)
        if tok.kind == "key":
            self.take()
            field = TERM_FIELDS.get(tok.text.lower())
            if field is None:
                known = " ".join(sorted(k for k in TERM_FIELDS if len(k) == 1))
                raise FilterSyntaxError(
                    f"unknown filter ~{tok.text} at column {tok.pos + 1} (known: ~{known.replace(' ', ' ~')})",
                    tok.pos,
                )
            value_tok = self.peek()
            if value_tok is None or value_tok.kind != "word":
                pos = value_tok.pos if value_tok else len(self.text)
                raise FilterSyntaxError(f"~{tok.text} needs a value (column {tok.pos + 1})", pos)
            self.take()
            return Term(field, _normalise(field, value_tok.text, value_tok.pos))
        self.take()
        return Term("text", tok.text)


def _normalise(field: str, value: str, pos: int) -> str:
    if field == "verdict":
        v = value.lower()
        if v not in VERDICTS:
            raise FilterSyntaxError(
                f"unknown verdict {value!r} at column {pos + 1} (one of: {', '.join(VERDICTS)})",
                pos,
            )
        return v
    if field == "purpose":
        from auditor.policy.packs import PURPOSES
        from auditor.policy.purposes import purpose_value

        v = purpose_value(value)
        if v not in PURPOSES:
            raise FilterSyntaxError(
                f"unknown purpose {value!r} at column {pos + 1} (one of: {', '.join(PURPOSES)})",
                pos,
            )
        return v
    if field == "party":
        v = value.lower()
        if v not in PARTIES:
            raise FilterSyntaxError(
                f"unknown party {value!r} at column {pos + 1} (one of: {', '.join(PARTIES)})", pos
            )
        return v
    return value


def parse(text: str) -> Expr | None:
    """The syntax tree of `text`, or None for an empty filter. Raises FilterSyntaxError."""
    return _Parser(text).parse()


def _quote(value: str) -> str:
    """Double-quoted, with `\\` and `"` escaped (what the tokenizer reads back)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def unparse(expr: Expr | None) -> str:
    """Canonical text for a tree (round-trips through `parse`)."""
    if expr is None:
        return ""
    if isinstance(expr, Term):
        value = expr.value
        needs_quotes = not value or any(c.isspace() or c in _OPERATORS + "\"'~\\" for c in value)
        quoted = _quote(value) if needs_quotes else value
        if expr.field == "text":
            return quoted
        short = next(k for k, v in TERM_FIELDS.items() if v == expr.field)
        return f"~{short} {quoted}"
    if isinstance(expr, Not):
        inner = unparse(expr.operand)
        return f"!{inner}" if isinstance(expr.operand, Term | Not) else f"!({inner})"
    if isinstance(expr, And):
        return " & ".join(
            f"({unparse(op)})" if isinstance(op, Or) else unparse(op) for op in expr.operands
        )
    return " | ".join(unparse(op) for op in expr.operands)


# --------------------------------------------------------------------------------------------
# Matching a summary (the residual part) and compiling to a FlowQuery


def label_matches(pattern: str, categories: list[str]) -> bool:
    """`identifiers` matches every `identifiers.*` label; a full category matches itself."""
    p = pattern.lower()
    return any(c.lower() == p or c.lower().startswith(p + ".") for c in categories)


def _contains(needle: str, hay: str | None) -> bool:
    return hay is not None and needle.lower() in hay.lower()


def _equals(value: str, other: str | None) -> bool:
    return other is not None and value.lower() == other.lower()


def term_matches(term: Term, s: FlowSummary) -> bool:
    f, v = term.field, term.value
    if f == "label":
        return label_matches(v, list(s.labels))
    if f == "host":
        return _contains(v, s.host)
    if f == "app":
        return _equals(v, s.app)
    if f == "process":
        return _equals(v, s.process_name)
    if f == "entity":
        return _equals(v, s.entity)
    if f == "party":
        return _equals(v, s.party)
    if f == "verdict":
        return _equals(v, s.verdict)
    if f == "kind":
        return _equals(v, s.kind)
    if f == "session":
        return _equals(v, s.session)
    if f == "purpose":
        return v in s.purposes
    # Free text over what a summary shows (the store's own text search also reads bodies).
    return any(
        _contains(v, part)
        for part in (
            s.host,
            s.path,
            s.method,
            s.app,
            s.process_name,
            s.entity,
            " ".join(s.labels),
            s.verdict,
        )
    )


def matches(expr: Expr | None, s: FlowSummary) -> bool:
    if expr is None:
        return True
    if isinstance(expr, Term):
        return term_matches(expr, s)
    if isinstance(expr, Not):
        return not matches(expr.operand, s)
    if isinstance(expr, And):
        return all(matches(op, s) for op in expr.operands)
    return any(matches(op, s) for op in expr.operands)


@dataclass(slots=True)
class CompiledFilter:
    """What the store can do with an index (`query`) plus what is left for the caller (`residual`)."""

    query: FlowQuery
    residual: Expr | None
    expr: Expr | None

    @property
    def exact(self) -> bool:
        """True when `query` alone gives exactly the matching flows."""
        return self.residual is None

    def predicate(self) -> Callable[[FlowSummary], bool] | None:
        residual = self.residual
        if residual is None:
            return None
        return lambda s: matches(residual, s)


# FlowQuery field for each term field that it can hold as a single value.
_QUERY_FIELD = {
    "host": "host",
    "app": "app",
    "process": "process",
    "entity": "entity",
    "party": "party",
    "verdict": "verdict",
    "kind": "kind",
    "session": "session",
    "text": "text",
}


def _label_alternatives(expr: Expr, field: str = "label") -> list[str] | None:
    """['a', 'b'] for `~l a | ~l b` (and a lone `~l a`): what FlowQuery.labels (any of) can hold;
    with `field="purpose"` the same for `~u` and FlowQuery.purposes."""
    if isinstance(expr, Term) and expr.field == field:
        return [expr.value]
    if isinstance(expr, Or):
        out: list[str] = []
        for op in expr.operands:
            sub = _label_alternatives(op, field)
            if sub is None:
                return None
            out.extend(sub)
        return out
    return None


# Fields the store matches exactly (case-sensitively): a value typed in another case is mapped to
# the spelling the store holds when the caller passes the known values.
_EXACT_FIELDS = ("app", "process", "entity")


def _canonical(term: Term, vocabulary: Mapping[str, Iterable[str]] | None) -> Term:
    if vocabulary is None or term.field not in _EXACT_FIELDS:
        return term
    wanted = term.value.lower()
    for known in vocabulary.get(term.field, ()):
        if known.lower() == wanted:
            return Term(term.field, known)
    return term


def _canonical_tree(expr: Expr, vocabulary: Mapping[str, Iterable[str]] | None) -> Expr:
    if isinstance(expr, Term):
        return _canonical(expr, vocabulary)
    if isinstance(expr, Not):
        return Not(_canonical_tree(expr.operand, vocabulary))
    if isinstance(expr, And):
        return And(tuple(_canonical_tree(op, vocabulary) for op in expr.operands))
    return Or(tuple(_canonical_tree(op, vocabulary) for op in expr.operands))


def compile_filter(
    expr_or_text: Expr | str | None,
    base: FlowQuery | None = None,
    *,
    vocabulary: Mapping[str, Iterable[str]] | None = None,
) -> CompiledFilter:
    """Push every top-level AND term the FlowQuery can express into it; keep the rest as residual.

    `base` carries what the window already narrows to (the session); a term that would overwrite a
    field `base` already sets stays residual, so both apply. Plain words ANDed at the top level
    become one free-text query (the store requires every word). `vocabulary` maps "app",
    "process" and "entity" to the values the store holds, so `~e sentry` finds "Sentry".
    """
    from auditor.store import FlowQuery

    expr = parse(expr_or_text) if isinstance(expr_or_text, str) else expr_or_text
    query = dataclasses.replace(base) if base is not None else FlowQuery()
    if expr is None:
        return CompiledFilter(query=query, residual=None, expr=None)
    expr = _canonical_tree(expr, vocabulary)
    conjuncts = list(expr.operands) if isinstance(expr, And) else [expr]
    words = [t.value for t in conjuncts if isinstance(t, Term) and t.field == "text" and t.value]
    if words and not query.text:
        query.text = " ".join(words)
        conjuncts = [t for t in conjuncts if not (isinstance(t, Term) and t.field == "text")]
    leftover: list[Expr] = []
    for item in conjuncts:
        labels = _label_alternatives(item)
        if labels is not None and not query.labels:
            query.labels = labels
            continue
        purposes = _label_alternatives(item, "purpose")
        if purposes is not None and not query.purposes:
            query.purposes = purposes
            continue
        if isinstance(item, Term) and item.field in _QUERY_FIELD:
            name = _QUERY_FIELD[item.field]
            if getattr(query, name) in (None, ""):
                setattr(query, name, item.value)
                continue
        leftover.append(item)
    residual: Expr | None
    if not leftover:
        residual = None
    elif len(leftover) == 1:
        residual = leftover[0]
    else:
        residual = And(tuple(leftover))
    return CompiledFilter(query=query, residual=residual, expr=expr)


def describe_terms() -> list[tuple[str, str]]:
    """(syntax, meaning) rows for the filter bar's help popup."""
    return [
        (
            "~l LABEL",
            "has a label (a category like contact_info.email, or a group like identifiers)",
        ),
        ("~h HOST", "host name contains HOST"),
        ("~a APP", "sent by this client app (zoom, teams, discord, ...)"),
        ("~p PROCESS", "sent by the process with this name"),
        ("~e ENTITY", "received by this organisation (Zoom, Sentry, Microsoft, ...)"),
        ("~y PARTY", "first, third or unknown party"),
        ("~v VERDICT", "worst policy verdict: " + ", ".join(VERDICTS)),
        ("~k KIND", "http, websocket, tcp, udp, dns, tls_failed"),
        ("~s SESSION", "in this session"),
        (
            "~u PURPOSE",
            "the vendor's terms do not rule this use out (ai_training, any_purpose, marketing, "
            "vendor_owned …): allowed, or only with consent",
        ),
        ("~t TEXT / word", "free text anywhere in the flow"),
        ("!  &  |  ( )", "not, and (also implied between terms), or, grouping"),
    ]
