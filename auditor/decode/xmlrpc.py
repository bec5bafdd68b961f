"""XML-RPC method calls and responses (`<methodCall><methodName>…<params><param><value>…`).

Fields: `… › xmlrpc › methodName`, each parameter `… › xmlrpc › params › param N` (from 1),
`<struct>` members by name, `<array>` items by index, every scalar type (`string`, `int`/`i4`/
`i8`, `boolean`, `double`, `dateTime.iso8601` as its text, `base64` decoded, `nil`); a
response's `… › xmlrpc › fault › faultString`.

Positional parameters carry no key. The object services of one well-known XML-RPC convention
(OpenERP/Odoo's `/xmlrpc/[2/]object` and `/xmlrpc/[2/]common` endpoints, which other servers
copy) have documented signatures: `execute_kw(db, uid, password, model, method, args,
kwargs)`, `execute(db, uid, password, model, method, *args)`, `login(db, login, password)`,
`authenticate(db, login, password, user_agent_env)`. When the call's method name and the
request's path say that convention, its parameters are named instead of numbered
(`… › params › password`), as a careful reader of the call would name them.

Parsed with the standard library's expat-based ElementTree (the expat here limits entity
expansion, and no external entity is fetched); malformed scalars stay text, never an error.
"""

from __future__ import annotations

import base64
import binascii
import re
import xml.etree.ElementTree as ET
from typing import Any

from auditor.decode._core import DecodeContext, walk

XML_TYPES = frozenset({"text/xml", "application/xml"})
# A call or response, after an optional XML declaration and white space.
_ROOT_RE = re.compile(rb"^\s*(?:<\?xml[^>]*\?>\s*)?<(methodCall|methodResponse)[\s>]")

# (path pattern, method names) → the names of the positional parameters, in order.
_OBJECT_PATH_RE = re.compile(r"/xmlrpc/(?:2/)?object/?$")
_COMMON_PATH_RE = re.compile(r"/xmlrpc/(?:2/)?common/?$")
_OBJECT_SIGNATURES: dict[str, tuple[str, ...]] = {
    "execute_kw": ("db", "uid", "password", "model_name", "method", "args", "kwargs"),
    "execute": ("db", "uid", "password", "model_name", "method"),
}
_COMMON_SIGNATURES: dict[str, tuple[str, ...]] = {
    "login": ("db", "login", "password"),
    "authenticate": ("db", "login", "password", "user_agent_env"),
}


def looks_like_xmlrpc(data: bytes) -> bool:
    return _ROOT_RE.match(data[:512]) is not None


def parameter_names(method: str, url_path: str) -> tuple[str, ...]:
    """The names of a call's positional parameters under the object-service convention;
    () when the method and path do not say it."""
    if _OBJECT_PATH_RE.search(url_path):
        return _OBJECT_SIGNATURES.get(method, ())
    if _COMMON_PATH_RE.search(url_path):
        return _COMMON_SIGNATURES.get(method, ())
    return ()


def _local(tag: str) -> str:
    """A tag without its namespace (`{ns}nil`, `ex:nil` → `nil`)."""
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def _value(element: ET.Element, depth: int, max_depth: int) -> Any:
    """The Python value of a `<value>` element: dicts, lists and scalars; text when a scalar
    does not parse as its type."""
    children = list(element)
    if not children:
        return element.text or ""  # `<value>text</value>` is a string
    typed = children[0]
    kind = _local(typed.tag)
    text = typed.text or ""
    if kind in ("struct", "array") and depth >= max_depth:
        return None
    if kind == "struct":
        members: dict[str, Any] = {}
        for member in typed:
            name = value = None
            for part in member:
                if _local(part.tag) == "name":
                    name = part.text or ""
                elif _local(part.tag) == "value":
                    value = part
            if name is not None:
                members[name] = _value(value, depth + 1, max_depth) if value is not None else None
        return members
    if kind == "array":
        data = next((part for part in typed if _local(part.tag) == "data"), None)
        if data is None:
            return []
        return [_value(item, depth + 1, max_depth) for item in data if _local(item.tag) == "value"]
    if kind in ("int", "i4", "i8", "i2", "i1"):
        try:
            return int(text.strip())
        except ValueError:
            return text
    if kind == "boolean":
        return {"1": True, "0": False}.get(text.strip(), text)
    if kind in ("double", "float"):
        try:
            return float(text.strip())
        except ValueError:
            return text
    if kind == "base64":
        try:
            return base64.b64decode("".join(text.split()), validate=True)
        except (binascii.Error, ValueError):
            return text
    if kind == "nil":
        return None
    return text  # string, dateTime.iso8601 and any extension type: as written


def decode_xmlrpc(
    ctx: DecodeContext, data: bytes, path: tuple[str, ...], depth: int, url_path: str = ""
) -> bool:
    """Fields of an XML-RPC call or response; False when `data` is not one."""
    if not looks_like_xmlrpc(data):
        return False
    try:
        root = ET.fromstring(data)
    except (ET.ParseError, ValueError):
        return False
    max_depth = ctx.limits.max_depth
    base = (*path, "xmlrpc")
    ctx.kind("xml-rpc")
    method = ""
    params: list[Any] = []
    for child in root:
        tag = _local(child.tag)
        if tag == "methodName":
            method = (child.text or "").strip()
            ctx.add((*base, "methodName"), method)
        elif tag == "params":
            params = [
                next((v for v in param if _local(v.tag) == "value"), None)
                for param in child
                if _local(param.tag) == "param"
            ]
        elif tag == "fault":
            value = next((v for v in child if _local(v.tag) == "value"), None)
            if value is not None:
                walk(ctx, _value(value, depth + 1, max_depth), (*base, "fault"), depth + 1)
    names = parameter_names(method, url_path) if root.tag == "methodCall" else ()
    for index, element in enumerate(params):
        name = names[index] if index < len(names) else f"param {index + 1}"
        value = _value(element, depth + 2, max_depth) if element is not None else None
        walk(ctx, value, (*base, "params", name), depth + 2)
    return True
