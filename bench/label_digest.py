"""Everything the labeller says about the bench's varied flows, one JSON line per flow: to show
that a speed change leaves the labels byte for byte as they were.

Each of the bench's 4,000 varied flows (`bench.bench_label.build_flows`) is labelled with and
without known values, `keep_decoded=True`; a line holds the labels (category, confidence, every
evidence's rule, place and excerpt), the entity, the matched rules, the decode errors, the body
kinds, every decoded field (path, value, source, stack-frame flag) and every field detector hit.

Compare two trees (run each from its own checkout so that its `auditor` is the one imported;
the flows are the same wherever the bench's corpus is; an older checkout gets a copy of this
file in its `bench/`, which needs only `bench.bench_label` beside it):

    cp bench/label_digest.py <base checkout>/bench/
    cd <base checkout> && PYTHONHASHSEED=0 <this tree>/.venv/bin/python \\
        -c "import runpy;runpy.run_module('bench.label_digest',run_name='__main__')" > base.jsonl
    cd <this tree> && PYTHONHASHSEED=0 .venv/bin/python -m bench.label_digest > this.jsonl
    cmp base.jsonl this.jsonl
"""

from __future__ import annotations

import json
import sys

from auditor.label import KnownValues, Labeller
from auditor.label.engine import LabelResult
from bench.bench_label import KNOWN_VALUES, build_flows

FLOWS = 4000


def _line(number: int, known: bool, result: LabelResult) -> str:
    decoded = result.decoded
    return json.dumps(
        {
            "flow": number,
            "known": known,
            "labels": [
                [
                    label.category,
                    label.confidence,
                    [[e.rule, e.where, e.excerpt] for e in label.evidence],
                ]
                for label in result.labels
            ],
            "entity": [result.entity.name, result.entity.party, result.entity.domain],
            "rules": result.matched_rules,
            "errors": result.decode_errors,
            "kinds": result.body_kinds,
            "fields": (
                [[list(f.path), repr(f.value), f.source, f.in_stack_frame] for f in decoded.fields]
                if decoded is not None
                else None
            ),
            "hits": (
                [[h.category, h.detector, h.where, h.excerpt, h.confidence] for h in decoded.hits]
                if decoded is not None
                else None
            ),
        },
        ensure_ascii=False,
    )


def main() -> int:
    flows = build_flows(FLOWS)
    for known in (False, True):
        labeller = Labeller(known_values=KnownValues.from_mapping(KNOWN_VALUES) if known else None)
        for number, record in enumerate(flows):
            print(_line(number, known, labeller.label(record, keep_decoded=True)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
