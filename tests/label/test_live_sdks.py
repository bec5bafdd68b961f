"""Real SDKs, recorded live on a loopback server, labelled as captured traffic would be.

The corpus test scores stored recordings; this one proves that what today's installed SDKs send
still decodes and labels the same way.
"""

from __future__ import annotations

import pytest

from auditor.label import KnownValues, Labeller
from tests.label.corpus import generate, sdk_runs
from tests.label.corpus.recorder import RecordingServer


@pytest.mark.parametrize(
    "scenario", ["run_sentry_message_with_user", "run_posthog", "run_segment", "run_otel_traces"]
)
def test_live_sdk_flows_get_the_corpus_labels(scenario: str) -> None:
    _name, host, app, expectations = next(s for s in generate.SDK_SCENARIOS if s[0] == scenario)
    labeller = Labeller(known_values=KnownValues.from_mapping(sdk_runs.CORPUS_VALUES))
    with RecordingServer() as server:
        getattr(sdk_runs, scenario)(server.url)
        recorded = server.take()
    assert len(recorded) == len(expectations)
    for number, request in enumerate(recorded):
        _predicate, expected, entity, _note = next(e for e in expectations if e[0](request))
        record = generate._record_from_sdk(request, host, app, number)
        result = labeller.label(record)
        assert set(result.categories()) == set(expected), request.path
        assert (result.entity.name or "") == entity
