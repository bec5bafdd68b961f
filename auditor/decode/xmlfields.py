"""XML field lists: elements whose `id`, `name` or `key` attribute names the field they carry.

`<employee><field id="firstName">Kwabena</field><field id="lastName">Mensah</field></employee>`
is the XML spelling of `{"firstName": "Kwabena", "lastName": "Mensah"}` (HR, payroll and ERP
APIs write records this way). Read as such, each value gets its key, as a JSON member would:
`… › xml › employee › firstName`, so the labeller joins a first and a last name, reads an e-mail
key, and so on (issue 15bg, heldout30).

Only that shape counts: a root element whose children are leaf elements, at least two, each
naming its field by one of those attributes (a list of records, `<employees><employee
id="…">…`, nests one level: each record's fields under its own id). Any other XML stays the
text it was. Parsed with the standard library's expat-based ElementTree, as XML-RPC is (the
expat here limits entity expansion, and no external entity is fetched).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from auditor.decode._core import DecodeContext

FIELD_NAME_ATTRIBUTES = ("id", "name", "key")

_ROOT_RE = re.compile(rb"^\s*(?:<\?xml[^>]*\?>\s*)?<[A-Za-z_][\w.-]*[\s>]")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def _field_name(element: ET.Element) -> str | None:
    for attribute in FIELD_NAME_ATTRIBUTES:
        value = element.get(attribute)
        if value and value.strip():
            return value.strip()
    return None


def _fields(element: ET.Element) -> list[tuple[str, str]] | None:
    """(name, text) of each child when every child is a named leaf; None otherwise."""
    children = list(element)
    if len(children) < 2:
        return None
    fields: list[tuple[str, str]] = []
    for child in children:
        name = _field_name(child)
        if name is None or len(child):
            return None
        fields.append((name, (child.text or "").strip()))
    return fields


def decode_field_list(ctx: DecodeContext, data: bytes, path: tuple[str, ...]) -> bool:
    """Fields of an XML field list; False when `data` is not one (nothing added)."""
    if _ROOT_RE.match(data[:512]) is None:
        return False
    try:
        root = ET.fromstring(data)
    except (ET.ParseError, ValueError):
        return False
    base = (*path, "xml", _local(root.tag))
    records: list[tuple[tuple[str, ...], list[tuple[str, str]]]] = []
    fields = _fields(root)
    if fields is not None:
        records.append((base, fields))
    else:
        children = list(root)
        if not children:
            return False
        for child in children:
            name = _field_name(child)
            inner = _fields(child)
            if name is None or inner is None:
                return False
            records.append(((*base, _local(child.tag), name), inner))
    ctx.kind("xml")
    for record_path, record_fields in records:
        for name, value in record_fields:
            if ctx.full:
                ctx.add(record_path, None)
                return True
            ctx.add((*record_path, name), value)
    return True
