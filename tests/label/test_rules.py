"""Every rule file under auditor/rules/: schema-valid, and each fixture matches (or must not match)
the rule it names, through the whole labeller (decoders included)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from auditor.errors import AuditorError
from auditor.label import Labeller
from auditor.label.findings import FieldFinder
from auditor.label.rules import flow_from_fixture, load_rule_file, rule_files

RULE_FILES = rule_files()


def _cases(kind: str) -> list[Any]:
    cases = []
    for path in RULE_FILES:
        rule_file = load_rule_file(path)
        fixtures = rule_file.fixtures_match if kind == "match" else rule_file.fixtures_no_match
        for number, fixture in enumerate(fixtures, start=1):
            name = fixture.get("name", str(number))
            cases.append(pytest.param(fixture, id=f"{path.stem}:{fixture['rule']}:{name}"))
    return cases


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


def test_rule_files_exist_for_every_required_vendor() -> None:
    stems = {p.stem for p in RULE_FILES}
    required = {
        "zoom",
        "microsoft_1ds",
        "teams",
        "webex",
        "google",
        "slack",
        "discord",
        "sentry",
        "segment",
        "amplitude",
        "mixpanel",
        "posthog",
        "datadog",
        "bugsnag",
        "rollbar",
        "ga4",
        "opentelemetry",
        "application_insights",
        "launchdarkly",
        "generic",
    }
    assert required <= stems, sorted(required - stems)


@pytest.mark.parametrize("fixture", _cases("match"))
def test_match_fixture(labeller: Labeller, fixture: dict[str, Any]) -> None:
    result = labeller.label(flow_from_fixture(fixture))
    assert fixture["rule"] in result.matched_rules, (result.matched_rules, result.categories())
    categories = set(result.categories())
    missing = set(fixture.get("labels", ())) - categories
    assert not missing, f"missing {sorted(missing)}; got {sorted(categories)}"
    for label in result.labels:
        assert label.evidence, label.category
    if "labels" in fixture:
        # A match fixture lists every label a careful reader gives the request.
        extra = categories - set(fixture["labels"])
        assert not extra, f"unexpected {sorted(extra)}"


@pytest.mark.parametrize("fixture", _cases("no_match"))
def test_no_match_fixture(labeller: Labeller, fixture: dict[str, Any]) -> None:
    result = labeller.label(flow_from_fixture(fixture))
    assert fixture["rule"] not in result.matched_rules


def test_every_rule_has_a_match_fixture() -> None:
    for path in RULE_FILES:
        rule_file = load_rule_file(path)
        covered = {f["rule"] for f in rule_file.fixtures_match}
        missing = {r.id for r in rule_file.rules} - covered
        assert not missing, f"{path.name}: no match fixture for {sorted(missing)}"


def test_invalid_rule_file_is_a_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        yaml.safe_dump(
            {
                "vendor": "X",
                "rules": [{"id": "x.y", "match": {}, "labels": [], "confidence": 2}],
                "fixtures": {"match": [], "no_match": []},
            }
        )
    )
    with pytest.raises(AuditorError) as info:
        load_rule_file(bad)
    assert "bad.yaml" in str(info.value)
    assert "\n" not in str(info.value)


def test_unknown_category_is_rejected(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        yaml.safe_dump(
            {
                "vendor": "X",
                "rules": [
                    {
                        "id": "x.y",
                        "match": {"hosts": ["x.example"]},
                        "labels": [{"category": "telemetry", "evidence": "xyz"}],
                        "confidence": 0.5,
                    }
                ],
                "fixtures": {
                    "match": [{"rule": "x.y", "url": "https://x.example/"}],
                    "no_match": [{"rule": "x.y", "url": "https://y.example/"}],
                },
            }
        )
    )
    with pytest.raises(AuditorError, match="category"):
        load_rule_file(bad)


def test_rules_dir_argument_loads_only_that_dir(tmp_path: Path) -> None:
    src = Path(__file__).resolve().parents[2] / "auditor" / "rules" / "sentry.yaml"
    (tmp_path / "sentry.yaml").write_text(src.read_text())
    labeller = Labeller(rules_dir=tmp_path)
    assert {r.vendor for r in labeller.rules} == {"Sentry"}


def test_a_rule_that_overrides_an_unknown_rule_is_a_one_line_error(tmp_path: Path) -> None:
    rule_file = {
        "vendor": "X",
        "rules": [
            {
                "id": "x.y",
                "overrides": ["x.missing"],
                "match": {"hosts": ["x.example"]},
                "labels": [{"category": "other", "evidence": "xyz"}],
                "confidence": 0.5,
            }
        ],
        "fixtures": {
            "match": [{"rule": "x.y", "url": "https://x.example/"}],
            "no_match": [{"rule": "x.y", "url": "https://y.example/"}],
        },
    }
    (tmp_path / "x.yaml").write_text(yaml.safe_dump(rule_file))
    with pytest.raises(AuditorError, match=r"overrides unknown rule 'x\.missing'") as info:
        Labeller(rules_dir=tmp_path)
    assert "\n" not in str(info.value)


def test_overrides_and_none_fields_decide_between_heuristics(labeller: Labeller) -> None:
    # An SDK's counters under /metrics/usage: the counters rule replaces the metrics and usage
    # path heuristics that match the same path.
    counters = {"url": "https://t.example.net/api/v1/metrics/usage", "body": {"iQ": 1, "eD": 0}}
    result = labeller.label(flow_from_fixture(counters))
    assert result.matched_rules == ["conventions.sdk_self_counters"]
    assert result.categories() == ["service_generated.telemetry"]
    # A log line with a level that names an event: no product usage from the event name.
    log_line = {
        "url": "https://l.example.net/inputs/x",
        "body": {"level": "warn", "message": {"event": "reconnect"}},
    }
    result = labeller.label(flow_from_fixture(log_line))
    assert "generic.event_fields" not in result.matched_rules
    assert result.categories() == ["service_generated.diagnostics"]


def test_a_rule_that_replaces_an_unknown_rule_is_a_one_line_error(tmp_path: Path) -> None:
    rule_file = {
        "vendor": "X",
        "rules": [
            {
                "id": "x.y",
                "replaces": ["x.missing"],
                "match": {"hosts": ["x.example"]},
                "labels": [],
                "confidence": 0.5,
            }
        ],
        "fixtures": {
            "match": [{"rule": "x.y", "url": "https://x.example/"}],
            "no_match": [{"rule": "x.y", "url": "https://y.example/"}],
        },
    }
    (tmp_path / "x.yaml").write_text(yaml.safe_dump(rule_file))
    with pytest.raises(AuditorError, match=r"replaces unknown rule 'x\.missing'") as info:
        Labeller(rules_dir=tmp_path)
    assert "\n" not in str(info.value)


def test_replaces_silences_named_events_where_overrides_keeps_them(labeller: Labeller) -> None:
    # A log-event batch whose message names an event: the event-field rule's `when` label and
    # named events would say product usage; the log batch replaces it entirely.
    batch = {
        "url": "https://l.example.net/v1/batch",
        "body": {"logEvents": [{"timestamp": 1, "message": '{"event": "screen_share_started"}'}]},
    }
    result = labeller.label(flow_from_fixture(batch))
    assert result.matched_rules == ["conventions.log_event_batch"]
    assert result.categories() == ["service_generated.diagnostics"]
    # The same event outside a log batch stays a tracked action.
    event = {"url": "https://l.example.net/v1/batch", "body": {"event": "screen_share_started"}}
    result = labeller.label(flow_from_fixture(event))
    assert result.categories() == ["service_generated.product_usage"]


def test_key_literals_match_exactly_the_keys_their_regex_matches() -> None:
    """A key regex that names a few keys is looked up by those keys: for every such condition of
    every rule file, the literal set and the regex agree on every key of the labelled corpus."""
    import json as json_module

    from auditor.decode import decode_flow
    from auditor.label.rules import FieldCondition, key_literals, load_rules
    from auditor.records import from_spec_dict

    corpus = Path(__file__).resolve().parent / "corpus"
    keys: set[str] = {"Event", "EVENT_NAME", "event\u212a", "kind", "n", "en", "ev t"}
    for path in sorted(corpus.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                decoded = decode_flow(from_spec_dict(json_module.loads(line)))
                keys.update(f.path[-1] for f in decoded.fields if f.path)
    conditions: list[FieldCondition] = []
    for rule in load_rules():
        conditions += [*rule.fields_all, *rule.fields_any, *rule.fields_none]
        conditions += [lab.when for lab in rule.labels if lab.when is not None]
        if rule.events is not None:
            conditions.append(rule.events.name)
    with_literals = [c for c in conditions if c.key_literals is not None]
    assert len(with_literals) >= 20
    for cond in with_literals:
        assert cond.key is not None
        for key in keys:
            assert (key.lower() in cond.key_literals) == bool(cond.key.search(key)), (
                cond.key.pattern,
                key,
            )
    assert key_literals(r"^(event|event_?name)$") == {"event", "eventname", "event_name"}
    assert key_literals(r"^ev.*$") is None  # unbounded
    assert key_literals(r"event") is None  # unanchored
    assert key_literals(r"^\d+$") is None


def test_a_passcode_in_a_join_link_inside_an_event_is_a_credential(labeller: Labeller) -> None:
    event = {
        "url": "https://stats.example.net/api/event",
        "headers": [["Content-Type", "text/plain"]],
        "body": {
            "n": "pageview",
            "u": "https://meet.example.org/j/73019284651?pwd=Qm9vdGhTZWNyZXQ",
        },
    }
    result = labeller.label(flow_from_fixture(event))
    assert "credentials" in result.categories()
    assert "service_generated.product_usage" in result.categories()


def _key_table_file(tmp_path: Path, keys: dict[str, Any]) -> Path:
    path = tmp_path / "short.yaml"
    path.write_text(
        yaml.safe_dump(
            {
                "vendor": "Short keys",
                "rules": [
                    {
                        "id": "short.beacon",
                        "match": {"hosts": ["*.beacons.example"]},
                        "labels": [],
                        "keys": keys,
                        "confidence": 0.9,
                    }
                ],
                "fixtures": {
                    "match": [{"rule": "short.beacon", "url": "https://a.beacons.example/"}],
                    "no_match": [{"rule": "short.beacon", "url": "https://b.example/"}],
                },
            }
        )
    )
    return path


def test_a_key_table_labels_exactly_its_keys_and_names_them_for_redaction(
    tmp_path: Path,
) -> None:
    _key_table_file(
        tmp_path,
        {
            "uusid": {"means": "viewer_user_id", "category": "identifiers.user_id"},
            "ake": {"means": "env_key", "category": "credentials"},
            "ucxty": {
                "means": "viewer_connection_type",
                "category": "device_info.network",
                "value": "^(?!unknown$)",
            },
        },
    )
    labeller = Labeller(rules_dir=tmp_path)
    flow = flow_from_fixture(
        {
            "rule": "short.beacon",
            "url": "https://a.beacons.example/",
            "body": {
                "events": [{"uusid": "acct_7Zq41b", "ake": "k0a1b2c3d4e5", "ucxty": "unknown"}]
            },
        }
    )
    result = labeller.label(flow)
    by_category = {label.category: label for label in result.labels}
    assert {"identifiers.user_id", "credentials"} <= by_category.keys()
    assert "device_info.network" not in by_category  # the value guard: `unknown` is no type
    evidence = by_category["identifiers.user_id"].evidence[0]
    assert evidence.rule == "short.beacon"
    assert evidence.where == "body › events › 0 › uusid"
    assert "viewer_user_id (abbreviated key uusid)" in evidence.excerpt
    # the same body key under another name, or on another host, is not the table's
    other = labeller.label(
        flow_from_fixture(
            {"rule": "short.beacon", "url": "https://a.beacons.example/", "body": {"xuusid": "u"}}
        )
    )
    assert "identifiers.user_id" not in other.categories()
    # redaction knows the same: the env key is a secret wherever it sits
    findings = FieldFinder(rules_dir=tmp_path).find(flow)
    assert ("body", "events", "0", "ake") in findings.secret_paths
    assert ("body", "events", "0", "uusid") in findings.identifier_paths


def test_a_key_table_entry_without_its_category_is_a_one_line_error(tmp_path: Path) -> None:
    bad = _key_table_file(tmp_path, {"uusid": {"means": "viewer_user_id"}})
    with pytest.raises(AuditorError, match="keys") as info:
        load_rule_file(bad)
    assert "\n" not in str(info.value)


def test_dispatch_skips_only_rules_that_cannot_match() -> None:
    """`RuleIndex.dispatch` and `key_bits` leave out rules by method and by the literal keys
    their field conditions name: over the labelled corpus and every rule fixture, each rule
    that meets the flow (tested the long way, one by one) is among those dispatched, and a
    rule is skipped at least once for each reason (so the test sees both filters work)."""
    import json as json_module

    from auditor.decode import decode_flow
    from auditor.label.rules import FieldIndex, RuleIndex, load_rules
    from auditor.records import FlowRecord, from_spec_dict

    flows: list[FlowRecord] = []
    for path in sorted((Path(__file__).resolve().parent / "corpus").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                flows.append(from_spec_dict(json_module.loads(line)))
    for rule_path in RULE_FILES:
        rule_file = load_rule_file(rule_path)
        flows += [
            flow_from_fixture(f) for f in (*rule_file.fixtures_match, *rule_file.fixtures_no_match)
        ]
    rule_index = RuleIndex(load_rules())
    skipped_by_method = skipped_by_keys = met = 0
    for record in flows:
        request = record.request
        if request is None:
            continue
        host = (record.host or "").lower()
        method = request.method.upper()
        split = request.url.split("?", 1)
        path = request.path.split("?", 1)[0]
        query = split[1] if len(split) > 1 else ""
        ctype = (request.header("content-type") or "").lower()
        headers = {k.lower(): v for k, v in request.headers}
        index = FieldIndex(decode_flow(record).fields)
        dispatch = rule_index.dispatch(host, method)
        missing = ~rule_index.key_bits(index)
        tried = {
            rule.id for rule, need in (*dispatch.rules, *dispatch.fallbacks) if not need & missing
        }
        for rule in rule_index.candidates(host):
            if rule.id in tried:
                continue
            if rule.methods and method not in rule.methods:
                skipped_by_method += 1
            else:
                skipped_by_keys += 1
            meets = rule.request_matches(method, path, query, ctype, headers) and (
                rule.fields_match(index)
            )
            assert not meets, (rule.id, record.id, request.url)
        met += len(tried)
    assert skipped_by_method and skipped_by_keys and met, (skipped_by_method, skipped_by_keys)
