"""XML field lists (`<employee><field id="firstName">…</field>…`): each element's `id`, `name`
or `key` attribute names the field it carries, read as a JSON member's key is (issue 15bg, from
heldout30). Any other XML stays text. Invented people and values."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

import hypothesis.strategies as st
from hypothesis import given

from auditor.decode import decode_body, decode_flow
from tests.decode.helpers import by_where, flow
from tests.decode.test_properties import SETTINGS, SMALL, check

EMPLOYEE = (
    b'<employee>\n\t<field id="firstName">Oyelaran</field>\n\t<field id="lastName">Adebisi'
    b'</field>\n\t<field id="homeEmail">oyelaran@lagoon-example.org</field>\n</employee>'
)


def decoded(body: bytes, ctype: str | None = None) -> dict[str, object]:
    headers = [("Content-Type", ctype)] if ctype else []
    result = decode_flow(flow(body, url="https://hr.example.org/v1/employees/", headers=headers))
    assert not result.errors
    return {k: v for k, v in by_where(result.fields).items() if k.startswith("body")}


def test_a_field_list_sent_without_a_type_is_keyed_by_its_id_attribute() -> None:
    got = decoded(EMPLOYEE)
    assert got["body › xml › employee › firstName"] == "Oyelaran"
    assert got["body › xml › employee › lastName"] == "Adebisi"
    assert got["body › xml › employee › homeEmail"] == "oyelaran@lagoon-example.org"


def test_name_and_key_attributes_and_a_declared_type_and_prolog() -> None:
    body = (
        b'<?xml version="1.0"?><row><col name="given_name">Oyelaran</col>'
        b'<col key="family_name">Adebisi</col></row>'
    )
    got = decoded(body, "application/xml")
    assert got["body › xml › row › given_name"] == "Oyelaran"
    assert got["body › xml › row › family_name"] == "Adebisi"


def test_a_list_of_records_keys_each_record_by_its_id() -> None:
    body = (
        b'<employees><employee id="412"><field id="firstName">Oyelaran</field>'
        b'<field id="lastName">Adebisi</field></employee></employees>'
    )
    got = decoded(body, "text/xml")
    assert got["body › xml › employees › employee › 412 › firstName"] == "Oyelaran"


def test_other_xml_is_no_field_list() -> None:
    for body in (
        b"<note><to>Oyelaran</to><body>Call me</body></note>",  # keyed by tag, no attribute
        b'<employee><field id="firstName">Oyelaran</field></employee>',  # one field only
        b'<a><b id="x">1</b><b>2</b></a>',  # a child names no field
        b'<a><b id="x"><c>1</c></b><b id="y">2</b></a>',  # a child is no leaf
        b'<a><b id="x">1</b><b id="y">2</b>',  # malformed
    ):
        assert not any(" › xml › " in where for where in decoded(body, "text/xml")), body


def test_a_field_list_in_a_json_type_is_not_read_as_xml() -> None:
    fields, _ = decode_body(EMPLOYEE, "application/json", None, ("body",))
    assert not any(field.path[1:2] == ("xml",) for field in fields)


@given(
    fields=st.lists(st.tuples(st.text(max_size=12), st.text(max_size=20)), max_size=8),
    tag=st.sampled_from(["field", "col", "x:f"]),
    attribute=st.sampled_from(["id", "name", "key", "other"]),
    cut=st.integers(min_value=0, max_value=400),
)
@SETTINGS
def test_field_lists_whole_or_cut_never_raise(
    fields: list[tuple[str, str]], tag: str, attribute: str, cut: int
) -> None:
    body = "<r>" + "".join(
        f"<{tag} {attribute}={quoteattr(name)}>{escape(value)}</{tag}>" for name, value in fields
    )
    data = (body + "</r>").encode("utf-8", "surrogatepass")
    for sample in (data, data[:cut]):
        check(*decode_body(sample, None, None, ("body",), SMALL), SMALL)
        check(*decode_body(sample, "text/xml", None, ("body",), SMALL), SMALL)
