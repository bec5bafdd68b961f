"""Arguments written inline in a GraphQL document (`{"query": "mutation { create_item(
item_name: \"…\", column_values: \"{…}\") { id } }"}`): each literal argument becomes a field
under the field it is passed to, `… › query › graphql › create_item › column_values`, read like
any other value (JSON inside a string literal is decoded as JSON in any string).

Operations that pass their data as `variables` need none of this (the decoder reads the
variables as JSON); SDKs that build the document by string formatting put the data in the
document itself (sdk10: monday.com's Python SDK). Only literals are read: a left-to-right scan
of GraphQL's lexical tokens (the spec's StringValue, BlockString, Name, numbers and
punctuators) with a stack of argument lists, objects and lists; selections, variables and their
definitions, fragments and directives' names carry no data and are passed over. No GraphQL
library: a full parse costs some hundred microseconds a document and adds a dependency, for
what a token scan reads as well.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from auditor.decode._core import DecodeContext

LAYER = "graphql"
# A document: an operation keyword, or the query shorthand `{ … }`, after white space and
# comments.
DOCUMENT_RE = re.compile(
    r"(?:\s*#[^\n]*\n)*\s*(?:(?:query|mutation|subscription)\b|\{\s*[_A-Za-z])"
)
_TOKEN_RE = re.compile(
    r'(?P<block>"""(?:[^"\\]|\\.|"(?!""))*""")'
    r'|(?P<string>"(?:[^"\\\n]|\\.)*")'
    r"|(?P<comment>#[^\n]*)"
    r"|(?P<var>\$[_A-Za-z]\w*)"
    r"|(?P<name>[_A-Za-z]\w*)"
    r"|(?P<number>-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)"
    r"|(?P<punct>\.\.\.|[!():=@\[\]{|}])"
)
MAX_DOCUMENT_CHARS = 200_000
MAX_TOKENS = 50_000
_LITERAL_NAMES = {"true": True, "false": False}
_ROOT: list[Any] = ["select", ()]  # outside every brace: the document's top level


def _string_value(token: str, block: bool) -> str:
    if block:
        return token[3:-3].replace('\\"""', '"""').strip()
    try:
        text = json.loads(token)  # GraphQL's string escapes are JSON's
    except ValueError:
        return token[1:-1]
    return text if isinstance(text, str) else token[1:-1]


def decode_arguments(
    ctx: DecodeContext, text: str, path: tuple[str, ...], depth: int, in_frame: bool
) -> bool:
    """Each literal argument of `text` (a GraphQL document) as a field; True when the text is
    a document with at least one literal argument."""
    from auditor.decode._core import _leaf  # _core calls this module

    if len(text) > MAX_DOCUMENT_CHARS or DOCUMENT_RE.match(text) is None:
        return False
    base = (*path, LAYER)
    # Frames: ("args", path) inside `( … )`, ("object", path) inside an object value,
    # ("list", path, [next index]) inside a list value, ("select", ()) inside a selection set,
    # ("vars", ()) inside variable definitions; the path is where the frame's values go.
    stack: list[list[Any]] = []
    last_name = ""  # the field a `(` opens the arguments of
    key: str | None = None  # an argument's or object member's name, once its `:` is read
    pending: str | None = None  # a name read where an argument's name is expected
    found = 0
    for count, match in enumerate(_TOKEN_RE.finditer(text)):
        if count >= MAX_TOKENS or ctx.full:
            break
        kind = match.lastgroup
        token = match.group()
        if kind == "comment":
            continue
        top = stack[-1] if stack else _ROOT
        frame = top[0]
        if frame == "vars":
            # `($board: ID!, $name: String = "x")`: types and defaults, no data sent
            if token in ("(", "[", "{"):
                top[1] += 1
            elif token in (")", "]", "}"):
                if top[1] == 0:
                    stack.pop()
                else:
                    top[1] -= 1
            continue
        if frame == "select":
            if kind == "name":
                last_name = token
            elif token == "(":
                if last_name in ("query", "mutation", "subscription", ""):
                    stack.append(["vars", 0])
                else:
                    stack.append(["args", (*base, last_name)])
                    key = pending = None
            elif token == "{":
                stack.append(["select", ()])
            elif token == "}" and stack:
                stack.pop()
            continue
        # inside argument lists, object values and list values
        if frame in ("args", "object") and key is None:
            if kind == "name":
                pending = token
            elif token == ":" and pending is not None:
                key, pending = pending, None
            elif token in (")", "}"):
                stack.pop()
                if token == ")" and frame == "args":
                    last_name = ""
            elif kind == "var" and frame == "args" and pending is None:
                # a variable definition list whose operation has a name (`mutation Op($a: …)`)
                stack[-1] = ["vars", 0]
            continue
        if frame == "list" and token == "]":
            stack.pop()
            continue
        if frame == "list":
            where = (*top[1], str(top[2]))
            top[2] += 1
        else:
            where = (*top[1], key or "")
            key = None
        if kind in ("string", "block"):
            _leaf(ctx, _string_value(token, kind == "block"), where, depth, in_frame)
            found += 1
        elif kind == "number":
            number: int | float = (
                float(token) if "." in token or "e" in token.lower() else int(token)
            )
            _leaf(ctx, number, where, depth, in_frame)
            found += 1
        elif kind == "name":
            if token in _LITERAL_NAMES:
                _leaf(ctx, _LITERAL_NAMES[token], where, depth, in_frame)
            elif token != "null":
                _leaf(ctx, token, where, depth, in_frame)  # an enum value
            found += 1
        elif token == "{":
            stack.append(["object", where])
        elif token == "[":
            stack.append(["list", where, 0])
        # a variable (`$board`) is the variables' value, read there
    if found:
        ctx.kind(LAYER)
    return found > 0
