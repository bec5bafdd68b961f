"""Every corpus flow's labels, evidence, matched rules and decoded fields, pinned.

The labeller's speed work (issue 15: prefilters, caches, fewer passes) must not change a single
label: this test compares what the labeller says about every flow of every corpus file with the
snapshot committed in `corpus/labels_snapshot.json`. A deliberate change of labels (a new rule,
a vocabulary row) rewrites the snapshot in the same commit, so the diff shows what changed:
`.venv/bin/python -m tests.label.test_label_snapshot --write`.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from auditor.decode import decode_flow
from auditor.label import Labeller
from auditor.label.known_values import KnownValues
from auditor.records import from_spec_dict
from tests.label.corpus.sdk_runs import CORPUS_VALUES

HERE = Path(__file__).resolve().parent / "corpus"
SNAPSHOT = HERE / "labels_snapshot.json"


def _fields_digest(record: Any) -> str:
    decoded = decode_flow(record)
    text = json.dumps(
        [[list(f.path), repr(f.value), f.source, f.in_stack_frame] for f in decoded.fields],
        ensure_ascii=False,
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def current() -> dict[str, Any]:
    labeller = Labeller(known_values=KnownValues.from_mapping(CORPUS_VALUES))
    out: dict[str, Any] = {}
    for path in sorted(HERE.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            spec = json.loads(line)
            record = from_spec_dict(spec)
            result = labeller.label(record)
            out[f"{path.stem}/{spec['id']}"] = {
                "labels": [
                    [
                        label.category,
                        label.confidence,
                        [[e.rule, e.where, e.excerpt] for e in label.evidence],
                    ]
                    for label in result.labels
                ],
                "entity": result.entity.name,
                "rules": result.matched_rules,
                "kinds": result.body_kinds,
                "errors": result.decode_errors,
                "fields": _fields_digest(record),
            }
    return out


def test_every_corpus_flow_labelled_as_in_the_snapshot() -> None:
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    got = current()
    assert sorted(got) == sorted(expected)
    changed = [flow for flow in expected if got[flow] != expected[flow]]
    if changed:
        first = changed[0]
        pytest.fail(
            f"{len(changed)} flows labelled differently from the snapshot, e.g. {first}:\n"
            f"snapshot {json.dumps(expected[first], ensure_ascii=False)[:1500]}\n"
            f"now      {json.dumps(got[first], ensure_ascii=False)[:1500]}"
        )


if __name__ == "__main__":
    if "--write" in sys.argv:
        SNAPSHOT.write_text(
            json.dumps(current(), ensure_ascii=False, indent=0, sort_keys=True) + "\n",
            encoding="utf-8",
        )
        print(f"wrote {SNAPSHOT}")
