"""The filter language as a pure function: parsing, errors, compiling to FlowQuery, matching."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditor.filterexpr import (
    And,
    FilterSyntaxError,
    Not,
    Or,
    Term,
    compile_filter,
    label_matches,
    matches,
    parse,
    unparse,
)
from auditor.store import FlowQuery, FlowSummary


def summary(**kw: object) -> FlowSummary:
    base: dict[str, object] = dict(
        rowid=1, id="f1", session="s", ts=0.0, kind="http", pid=1, process_name="zoom",
        app="zoom", host="us05-qos.zoom.us", method="POST", path="/qos/v2/report", status=204,
        req_size=10, resp_size=0, entity="Zoom", party="first", labels=["customer_content.audio"],
        verdict="vague",
    )  # fmt: skip
    base.update(kw)
    return FlowSummary(**base)  # type: ignore[arg-type]


def test_empty_filter_is_none() -> None:
    assert parse("") is None
    assert parse("   ") is None
    compiled = compile_filter("")
    assert compiled.exact and compiled.query == FlowQuery()


def test_terms_and_implicit_and() -> None:
    assert parse("~l credentials ~e Sentry") == And(
        (Term("label", "credentials"), Term("entity", "Sentry"))
    )
    assert parse("~label credentials & ~host zoom.us") == And(
        (Term("label", "credentials"), Term("host", "zoom.us"))
    )


def test_precedence_not_binds_tighter_than_and_than_or() -> None:
    assert parse("~a zoom | ~a teams ~v omitted") == Or(
        (Term("app", "zoom"), And((Term("app", "teams"), Term("verdict", "omitted"))))
    )
    assert parse("!~y first & (~l chat | ~l audio)") == And(
        (Not(Term("party", "first")), Or((Term("label", "chat"), Term("label", "audio"))))
    )


def test_plain_words_and_quotes_are_free_text() -> None:
    assert parse('error "user id"') == And((Term("text", "error"), Term("text", "user id")))
    assert parse("~h 'zoom us'") == Term("host", "zoom us")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("~q zoom", "unknown filter ~q"),
        ("~l", "~l needs a value"),
        ("~v terrible", "unknown verdict"),
        ("~y fourth", "unknown party"),
        ("(~a zoom", "missing ')'"),
        ("~a zoom )", "unexpected ')'"),
        ('~h "zoom', "unclosed quote"),
        ("~a zoom |", "ends too early"),
    ],
)
def test_errors_say_what_and_where(text: str, fragment: str) -> None:
    with pytest.raises(FilterSyntaxError) as info:
        parse(text)
    assert fragment in str(info.value)
    assert "\n" not in str(info.value)
    assert 0 <= info.value.position <= len(text)


def test_conjunction_compiles_to_an_exact_query() -> None:
    compiled = compile_filter("~l identifiers ~a zoom ~e Zoom ~h qos ~v vague ~k http ~y first")
    assert compiled.exact
    q = compiled.query
    assert (q.labels, q.app, q.entity, q.host, q.verdict, q.kind, q.party) == (
        ["identifiers"],
        "zoom",
        "Zoom",
        "qos",
        "vague",
        "http",
        "first",
    )


def test_label_alternatives_fill_the_any_of_list() -> None:
    compiled = compile_filter("~l customer_content.chat | ~l customer_content.audio")
    assert compiled.exact
    assert compiled.query.labels == ["customer_content.chat", "customer_content.audio"]


def test_plain_words_join_into_one_text_query() -> None:
    compiled = compile_filter("meeting id ~a zoom")
    assert compiled.exact
    assert compiled.query.text == "meeting id"
    assert compiled.query.app == "zoom"


def test_negation_and_mixed_or_stay_residual() -> None:
    compiled = compile_filter("~a zoom !~l credentials")
    assert not compiled.exact
    assert compiled.query.app == "zoom"
    assert compiled.residual == Not(Term("label", "credentials"))
    pred = compiled.predicate()
    assert pred is not None
    assert pred(summary(labels=["identifiers.device_id"]))
    assert not pred(summary(labels=["credentials"]))


def test_base_query_is_kept_and_not_overwritten() -> None:
    compiled = compile_filter("~s other ~a zoom", FlowQuery(session="demo"))
    assert compiled.query.session == "demo"
    assert compiled.query.app == "zoom"
    assert compiled.residual == Term("session", "other")


def test_vocabulary_fixes_the_case_of_exact_fields() -> None:
    compiled = compile_filter(
        "~e sentry ~a ZOOM", vocabulary={"entity": ["Sentry"], "app": ["zoom"]}
    )
    assert (compiled.query.entity, compiled.query.app) == ("Sentry", "zoom")


def test_matches_on_summaries() -> None:
    s = summary()
    assert matches(parse("~l customer_content"), s)  # a group matches its kinds
    assert not matches(parse("~l customer"), s)  # but not a bare prefix of a name
    assert matches(parse("~h QOS"), s)
    assert matches(parse("!~y third"), s)
    assert matches(parse("~v vague | ~v omitted"), s)
    assert not matches(parse("~e Sentry"), s)
    assert matches(parse("report"), s)  # free text over the path
    assert label_matches("identifiers", ["identifiers.device_id"])


_values = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=8)
_fields = st.sampled_from(["label", "host", "app", "process", "entity", "kind", "session", "text"])
_terms = st.builds(Term, _fields, _values.filter(lambda v: v.strip() == v and v != ""))
_exprs = st.recursive(
    _terms,
    lambda inner: st.one_of(
        st.builds(Not, inner),
        st.builds(lambda xs: And(tuple(xs)), st.lists(inner, min_size=2, max_size=3)),
        st.builds(lambda xs: Or(tuple(xs)), st.lists(inner, min_size=2, max_size=3)),
    ),
    max_leaves=6,
)


def _flatten(expr: object) -> object:
    """Nested ANDs (ORs) mean the same as one flat AND (OR); unparse may flatten them."""
    if isinstance(expr, And | Or):
        kind = type(expr)
        ops: list[object] = []
        for op in expr.operands:
            flat = _flatten(op)
            ops.extend(flat.operands if isinstance(flat, kind) else [flat])
        return kind(tuple(ops))  # type: ignore[arg-type]
    if isinstance(expr, Not):
        return Not(_flatten(expr.operand))  # type: ignore[arg-type]
    return expr


@given(_exprs)
def test_unparse_round_trips(expr: object) -> None:
    assert _flatten(parse(unparse(expr))) == _flatten(expr)  # type: ignore[arg-type]


def test_purpose_terms() -> None:
    assert parse("~u ai_training") == Term("purpose", "ai_training")
    # Spelled as people type it.
    assert parse("~purpose AI-Training") == Term("purpose", "ai_training")
    assert unparse(parse("~u any_purpose & !~u marketing")) == "~u any_purpose & !~u marketing"
    with pytest.raises(FilterSyntaxError, match="unknown purpose 'training' at column 4"):
        parse("~u training")
    compiled = compile_filter("~a zoom ~u ai_training | ~u any_purpose")
    assert not compiled.exact  # an OR of a conjunction stays residual
    compiled = compile_filter("~a zoom (~u ai_training | ~u any_purpose)")
    assert compiled.exact and compiled.query.purposes == ["ai_training", "any_purpose"]
    assert compiled.query.app == "zoom"
    s = summary(purposes=["ai_training", "any_purpose"])
    assert matches(parse("~u ai_training"), s)
    assert not matches(parse("~u vendor_owned"), s)
    assert matches(parse("!~u marketing"), s)
