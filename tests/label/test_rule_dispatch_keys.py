"""The rule dispatch's answers remembered per flow shape (issue 15bn) equal the long way:
the rules whose key needs a flow meets, per (path, key bits), and the key bits per shape."""

from __future__ import annotations

from auditor.label.rules import FieldIndex, RuleIndex, load_rules
from auditor.records import Field
from tests.label.test_detector_plans import _corpus_flows


def _index() -> RuleIndex:
    return RuleIndex(load_rules())


def test_rules_left_by_the_key_bits_are_those_whose_needs_the_flow_meets_on_every_corpus_flow() -> (
    None
):
    rule_index = _index()
    checked = 0
    for fields, url_path, _content_type, host in _corpus_flows():
        index = FieldIndex(fields)
        for method in ("GET", "POST"):
            dispatch = rule_index.dispatch(host.lower(), method)
            bits = rule_index.key_bits(index) if dispatch.needs_keys else -1
            missing = ~bits
            rules, fallbacks = dispatch.on_path(url_path)
            expected = (
                tuple(rule for rule in rules if not rule[1] & missing),
                tuple(rule for rule in fallbacks if not rule[1] & missing),
            )
            # asked twice: the remembered answer is the first one
            assert dispatch.on_path_with_keys(url_path, bits) == expected
            assert dispatch.on_path_with_keys(url_path, bits) == expected
            checked += 1
    assert checked > 1000


def test_a_rule_needing_a_key_is_left_out_until_the_flow_has_it() -> None:
    rule_index = _index()
    dispatch = rule_index.dispatch("collector.example.org", "POST")
    needing = {rule.id for rule, need, _, _ in dispatch.on_path("/v1/logs")[1] if need}
    assert needing  # fallbacks such as the event-name rules need their keys
    without = FieldIndex([Field(("body", "colour"), "blue")])
    with_event = FieldIndex([Field(("body", "colour"), "blue"), Field(("body", "event"), "x")])
    left_without = {
        rule.id
        for rule, *_ in dispatch.on_path_with_keys("/v1/logs", rule_index.key_bits(without))[1]
    }
    left_with = {
        rule.id
        for rule, *_ in dispatch.on_path_with_keys("/v1/logs", rule_index.key_bits(with_event))[1]
    }
    assert not needing & left_without - {
        rule.id for rule, need, _, _ in dispatch.on_path("/v1/logs")[1] if not need
    }
    assert left_with > left_without


def test_key_bits_remembered_per_shape_equal_the_bits_read_again() -> None:
    rule_index = _index()
    fresh = _index()
    for fields, _url_path, _content_type, _host in _corpus_flows():
        first = rule_index.key_bits(FieldIndex(fields))
        assert rule_index.key_bits(FieldIndex(fields)) == first
        assert fresh._key_bits_of(FieldIndex(fields)) == first
    # a key spelled in upper case is read by its lower-case form, as before
    upper = FieldIndex([Field(("body", "EVENT"), "x")])
    lower = FieldIndex([Field(("body", "event"), "x")])
    assert rule_index.key_bits(upper) == rule_index.key_bits(lower) != 0
