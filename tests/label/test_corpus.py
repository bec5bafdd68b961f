"""Precision and recall per label over the project's labelled corpus (tests/label/corpus/).

The corpus is made by tests/label/corpus/generate.py: real SDKs recorded offline plus hand-built
flows for vendors without a Python SDK. Each flow carries the labels a careful reader gives it
(`expected`), written from the payload independently of the labeller.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from auditor.label import Labeller
from auditor.label.engine import CATEGORIES
from auditor.label.known_values import KnownValues
from auditor.records import from_spec_dict
from tests.label.corpus.sdk_runs import CORPUS_VALUES

CORPUS = Path(__file__).resolve().parent / "corpus" / "flows.jsonl"
MIN_SUPPORT = 5
TARGET = 0.95


def load_corpus() -> list[dict[str, Any]]:
    with CORPUS.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def corpus_known_values() -> KnownValues:
    return KnownValues.from_mapping(CORPUS_VALUES)


@pytest.fixture(scope="module")
def scored() -> tuple[Counter[str], Counter[str], Counter[str], list[str], int]:
    labeller = Labeller(known_values=corpus_known_values())
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    mistakes: list[str] = []
    entity_errors = 0
    for line in load_corpus():
        record = from_spec_dict(line)
        result = labeller.label(record)
        got = set(result.categories())
        expected = set(line["expected"])
        for category in got & expected:
            tp[category] += 1
        for category in got - expected:
            fp[category] += 1
        for category in expected - got:
            fn[category] += 1
        if got != expected:
            mistakes.append(
                f"{line['id']} {line['note']}: missing {sorted(expected - got)}, "
                f"extra {sorted(got - expected)}"
            )
        if result.entity.name != line.get("expected_entity"):
            entity_errors += 1
            mistakes.append(f"{line['id']} entity {result.entity.name!r} != {line.get('expected_entity')!r}")
        for label in result.labels:
            assert label.evidence, f"{line['id']}: {label.category} without evidence"
    return tp, fp, fn, mistakes, entity_errors


def test_corpus_is_large_and_covers_the_taxonomy() -> None:
    lines = load_corpus()
    assert len(lines) >= 60
    sources = Counter(line["source"] for line in lines)
    assert sources["corpus:sdk"] >= 20, sources
    covered = {c for line in lines for c in line["expected"]}
    assert set(CATEGORIES) - covered <= {"identifiers.advertising_id"} - covered
    assert set(covered) <= set(CATEGORIES)


def test_precision_and_recall_per_label(
    scored: tuple[Counter[str], Counter[str], Counter[str], list[str], int],
    capsys: pytest.CaptureFixture[str],
) -> None:
    tp, fp, fn, mistakes, _ = scored
    rows = []
    failing = []
    for category in CATEGORIES:
        support = tp[category] + fn[category]
        predicted = tp[category] + fp[category]
        if not support and not predicted:
            continue
        precision = tp[category] / predicted if predicted else 1.0
        recall = tp[category] / support if support else 1.0
        rows.append(f"{category:34} {support:7d} {tp[category]:4d} {fp[category]:4d} "
                    f"{fn[category]:4d} {precision:9.3f} {recall:7.3f}")
        if support >= MIN_SUPPORT and (precision < TARGET or recall < TARGET):
            failing.append(category)
    total_tp, total_fp, total_fn = sum(tp.values()), sum(fp.values()), sum(fn.values())
    with capsys.disabled():
        print("\nlabel                              support   tp   fp   fn precision  recall")
        print("\n".join(rows))
        print(f"{'micro average':34} {total_tp + total_fn:7d} {total_tp:4d} {total_fp:4d} "
              f"{total_fn:4d} {total_tp / (total_tp + total_fp):9.3f} "
              f"{total_tp / (total_tp + total_fn):7.3f}")
        if mistakes:
            print("flows the labeller got wrong:\n  " + "\n  ".join(mistakes))
    assert not failing, f"below {TARGET}: {failing}"


def test_entities_match(
    scored: tuple[Counter[str], Counter[str], Counter[str], list[str], int],
) -> None:
    assert scored[4] == 0
