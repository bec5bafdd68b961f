"""GraphQL documents with their arguments written inline (`{"query": "mutation { create_item(
item_name: \"…\", column_values: \"{…}\") { id } }"}`; issue 15, sdk10): each literal argument
becomes a field under the field it is passed to; variables, types and selections add none; any
text under `query` decodes without raising."""

from __future__ import annotations

import json

import hypothesis.strategies as st
from hypothesis import given

from auditor.decode import decode_body
from tests.decode.helpers import by_where
from tests.decode.test_properties import SETTINGS, SMALL, check

G = "body › query › graphql"


def fields_of(query: str) -> dict[str, object]:
    fields, errors = decode_body(
        json.dumps({"query": query}).encode(), "application/json", None, ("body",)
    )
    assert not errors
    return by_where(fields)


def test_inline_arguments_become_fields_and_json_in_them_is_decoded() -> None:
    values = json.dumps({"phone": {"phone": "+447700900123", "countryShortName": "GB"}})
    query = (
        'mutation {\n  create_item (board_id: 5012345678, group_id: "topics",\n'
        f"    column_values: {json.dumps(values)}, create_labels_if_missing: false) {{ id }}\n}}"
    )
    got = fields_of(query)
    assert got[f"{G} › create_item › board_id"] == 5012345678
    assert got[f"{G} › create_item › group_id"] == "topics"
    assert got[f"{G} › create_item › create_labels_if_missing"] is False
    assert got[f"{G} › create_item › column_values › json › phone › phone"] == "+447700900123"


def test_objects_lists_block_strings_aliases_and_comments() -> None:
    query = (
        '# a comment with key: "not an argument"\n'
        "query Board {\n  first: items(limit: 5, ids: [11, 12], status: DONE,\n"
        '    query_params: {rules: [{column_id: "status", compare_value: ["Done"]}]}) { name }\n'
        '  create_update(body: """Priya, \\"""the\\""" minutes""") { id }\n}'
    )
    got = fields_of(query)
    assert got[f"{G} › items › limit"] == 5
    assert got[f"{G} › items › ids › 1"] == 12
    assert got[f"{G} › items › status"] == "DONE"
    assert got[f"{G} › items › query_params › rules › 0 › column_id"] == "status"
    assert got[f"{G} › items › query_params › rules › 0 › compare_value › 0"] == "Done"
    assert got[f"{G} › create_update › body"] == 'Priya, """the""" minutes'
    assert not any("comment" in where or v == "not an argument" for where, v in got.items())


def test_variables_and_their_definitions_add_no_fields() -> None:
    for query in (
        'mutation ($board: ID!, $name: String = "x") { create_item(board_id: $board, '
        "item_name: $name) { id } }",
        'mutation CreateItem($board: ID!, $n: [String!] = ["a"]) { create_item(board_id: $board) '
        "{ id } }",
        "query { users(emails: $emails) { id name email } }",
    ):
        got = fields_of(query)
        assert not any(where.startswith(G) for where in got), got


def test_text_that_is_no_document_is_left_alone() -> None:
    for query in ('status: "open" and owner: "me"', 'select * from t where a = "b"', ""):
        got = fields_of(query)
        assert not any(where.startswith(G) for where in got), got


@SETTINGS
@given(st.text(max_size=300), st.sampled_from(["query ", "mutation ", "{ ", "query Q("]))
def test_any_text_under_query_decodes_without_raising(text: str, start: str) -> None:
    body = json.dumps({"query": start + text + '"'}).encode()
    fields, errors = decode_body(body, "application/json", None, ("body",), SMALL)
    check(fields, errors, SMALL)
