"""Precision and recall per label over the project's labelled corpus (tests/label/corpus/).

The corpus is made by tests/label/corpus/generate.py: real PyPI and npm SDKs recorded through our
own proxy (sinkholed, offline) plus hand-built flows where no SDK makes the traffic. Each flow
carries the labels a careful reader gives it (`expected`), written from the payload.
`flows.jsonl` is the development set (the detectors were improved on it); `heldout.jsonl` (hand-
built flows written afterwards, and the npm SDK flows) was scored before the labeller saw it, so
its score is the fairer estimate.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from auditor.label import Labeller
from auditor.label.engine import CATEGORIES
from auditor.label.known_values import KnownValues
from auditor.records import from_spec_dict
from tests.label.corpus.sdk_runs import CORPUS_VALUES

HERE = Path(__file__).resolve().parent / "corpus"
CORPUS = HERE / "flows.jsonl"
HELDOUT = HERE / "heldout.jsonl"
HELDOUT2 = HERE / "heldout2.jsonl"
HELDOUT3 = HERE / "heldout3.jsonl"
HELDOUT4 = HERE / "heldout4.jsonl"
HELDOUT5 = HERE / "heldout5.jsonl"
HELDOUT6 = HERE / "heldout6.jsonl"
SDK7 = HERE / "sdk7.jsonl"
HELDOUT7 = HERE / "heldout7.jsonl"
HELDOUT8 = HERE / "heldout8.jsonl"
SDK9 = HERE / "sdk9.jsonl"
HELDOUT9 = HERE / "heldout9.jsonl"
HELDOUT10 = HERE / "heldout10.jsonl"
HELDOUT11 = HERE / "heldout11.jsonl"
SDK10 = HERE / "sdk10.jsonl"
HELDOUT12 = HERE / "heldout12.jsonl"
HELDOUT13 = HERE / "heldout13.jsonl"
HELDOUT14 = HERE / "heldout14.jsonl"
HELDOUT15 = HERE / "heldout15.jsonl"
HELDOUT16 = HERE / "heldout16.jsonl"
HELDOUT17 = HERE / "heldout17.jsonl"
HELDOUT18 = HERE / "heldout18.jsonl"
HELDOUT19 = HERE / "heldout19.jsonl"
HELDOUT20 = HERE / "heldout20.jsonl"
HELDOUT21 = HERE / "heldout21.jsonl"
HELDOUT22 = HERE / "heldout22.jsonl"
HELDOUT23 = HERE / "heldout23.jsonl"
HELDOUT24 = HERE / "heldout24.jsonl"
HELDOUT25 = HERE / "heldout25.jsonl"
HELDOUT26 = HERE / "heldout26.jsonl"
HELDOUT27 = HERE / "heldout27.jsonl"
HELDOUT28 = HERE / "heldout28.jsonl"
HELDOUT29 = HERE / "heldout29.jsonl"
HELDOUT30 = HERE / "heldout30.jsonl"
HELDOUT31 = HERE / "heldout31.jsonl"
HELDOUT32 = HERE / "heldout32.jsonl"
HELDOUT33 = HERE / "heldout33.jsonl"
HELDOUT34 = HERE / "heldout34.jsonl"
HELDOUT35 = HERE / "heldout35.jsonl"
HELDOUT36 = HERE / "heldout36.jsonl"
HELDOUT37 = HERE / "heldout37.jsonl"
HELDOUT38 = HERE / "heldout38.jsonl"
HELDOUT39 = HERE / "heldout39.jsonl"
MIN_SUPPORT = 5
# Micro precision and recall a dev set built as a held-out one must keep after the fixes made on
# it (its first, untuned score is in the corpus README).
FLOORS = {
    HELDOUT5: (0.99, 0.99),
    HELDOUT6: (0.99, 0.98),
    SDK7: (0.99, 0.97),
    HELDOUT7: (0.99, 0.99),
    HELDOUT8: (0.98, 0.97),
    SDK9: (0.99, 0.98),
    HELDOUT9: (0.99, 0.99),
    HELDOUT10: (0.99, 0.99),
    HELDOUT11: (0.99, 0.95),
    SDK10: (0.99, 0.99),
    HELDOUT12: (0.99, 0.99),
    HELDOUT13: (0.99, 0.99),
    HELDOUT14: (0.99, 0.98),
    HELDOUT15: (0.99, 0.99),
    HELDOUT16: (0.99, 0.95),
    HELDOUT17: (0.99, 0.99),
    HELDOUT18: (0.99, 0.98),
    HELDOUT19: (0.99, 0.99),
    HELDOUT20: (0.99, 0.97),
    HELDOUT21: (0.98, 0.98),
    HELDOUT22: (0.98, 0.98),
    HELDOUT23: (0.99, 0.98),
    HELDOUT24: (0.99, 0.97),
    HELDOUT25: (0.99, 0.99),
    HELDOUT26: (0.99, 0.98),
    HELDOUT27: (0.99, 0.96),
    HELDOUT28: (0.99, 0.98),
    HELDOUT29: (0.99, 0.99),
    HELDOUT30: (0.99, 0.99),
    HELDOUT31: (0.99, 0.99),
    HELDOUT32: (0.99, 0.99),
    HELDOUT33: (0.99, 0.98),
    HELDOUT34: (0.99, 0.99),
    HELDOUT35: (0.98, 0.99),
    HELDOUT36: (0.98, 0.95),
    HELDOUT37: (0.99, 0.98),
    HELDOUT38: (0.96, 0.96),
}
TARGET = 0.95


@dataclass
class Score:
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    mistakes: list[str] = field(default_factory=list)
    entity_errors: int = 0

    def precision(self, category: str) -> float:
        predicted = self.tp[category] + self.fp[category]
        return self.tp[category] / predicted if predicted else 1.0

    def recall(self, category: str) -> float:
        support = self.tp[category] + self.fn[category]
        return self.tp[category] / support if support else 1.0

    def table(self, title: str) -> str:
        rows = [
            f"\n{title}",
            "label                              support   tp   fp   fn precision  recall",
        ]
        for category in CATEGORIES:
            support = self.tp[category] + self.fn[category]
            if not support and not self.fp[category]:
                continue
            rows.append(
                f"{category:34} {support:7d} {self.tp[category]:4d} "
                f"{self.fp[category]:4d} {self.fn[category]:4d} "
                f"{self.precision(category):9.3f} {self.recall(category):7.3f}"
            )
        tp, fp, fn = sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values())
        rows.append(
            f"{'micro average':34} {tp + fn:7d} {tp:4d} {fp:4d} {fn:4d} "
            f"{tp / (tp + fp):9.3f} {tp / (tp + fn):7.3f}"
        )
        if self.mistakes:
            rows.append("flows the labeller got wrong:\n  " + "\n  ".join(self.mistakes))
        return "\n".join(rows)

    def micro(self) -> tuple[float, float]:
        tp, fp, fn = sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values())
        return tp / (tp + fp), tp / (tp + fn)


def load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def score(path: Path, by_class: dict[str, Score] | None = None) -> Score:
    """Scores every flow of `path`; with `by_class`, also per `format_class` of the lines."""
    labeller = Labeller(known_values=KnownValues.from_mapping(CORPUS_VALUES))
    result_score = Score()
    for line in load(path):
        result = labeller.label(from_spec_dict(line))
        got = set(result.categories())
        expected = set(line["expected"])
        scores = [result_score]
        if by_class is not None:
            scores.append(by_class.setdefault(line.get("format_class", "?"), Score()))
        for one in scores:
            for category in got & expected:
                one.tp[category] += 1
            for category in got - expected:
                one.fp[category] += 1
            for category in expected - got:
                one.fn[category] += 1
        if got != expected:
            result_score.mistakes.append(
                f"{line['id']} {line['note']}: missing {sorted(expected - got)}, "
                f"extra {sorted(got - expected)}"
            )
        if result.entity.name != line.get("expected_entity"):
            result_score.entity_errors += 1
            result_score.mistakes.append(
                f"{line['id']} entity {result.entity.name!r} != {line.get('expected_entity')!r}"
            )
        for label in result.labels:
            assert label.evidence, f"{line['id']}: {label.category} without evidence"
    return result_score


@pytest.fixture(scope="module")
def corpus_score() -> Score:
    return score(CORPUS)


def test_corpus_is_large_and_covers_the_taxonomy() -> None:
    lines = load(CORPUS)
    assert len(lines) >= 100
    sources = Counter(line["source"] for line in lines)
    assert sources["corpus:sdk"] >= 20, sources
    support = Counter(c for line in lines for c in line["expected"])
    assert set(support) == set(CATEGORIES)
    thin = {c: n for c, n in support.items() if n < MIN_SUPPORT}
    assert not thin, f"labels with too little support to score: {thin}"


def test_precision_and_recall_per_label(
    corpus_score: Score, capsys: pytest.CaptureFixture[str]
) -> None:
    with capsys.disabled():
        print(corpus_score.table(f"corpus {CORPUS.name}"))
    failing = [
        c
        for c in CATEGORIES
        if corpus_score.tp[c] + corpus_score.fn[c] >= MIN_SUPPORT
        and (corpus_score.precision(c) < TARGET or corpus_score.recall(c) < TARGET)
    ]
    assert not failing, f"below {TARGET}: {failing}"


def test_entities_match(corpus_score: Score) -> None:
    assert corpus_score.entity_errors == 0


def test_heldout_set(capsys: pytest.CaptureFixture[str]) -> None:
    heldout = score(HELDOUT)
    with capsys.disabled():
        print(heldout.table(f"held-out {HELDOUT.name} (not used to tune the labeller)"))
    precision, recall = heldout.micro()
    assert len(load(HELDOUT)) >= 20
    assert precision >= 0.9 and recall >= 0.9


@pytest.mark.parametrize(
    "path",
    [
        HELDOUT2,
        HELDOUT3,
        HELDOUT4,
        HELDOUT5,
        HELDOUT6,
        SDK7,
        HELDOUT7,
        HELDOUT8,
        SDK9,
        HELDOUT9,
        HELDOUT10,
        HELDOUT11,
        SDK10,
        HELDOUT12,
        HELDOUT13,
        HELDOUT14,
        HELDOUT15,
        HELDOUT16,
        HELDOUT17,
        HELDOUT18,
        HELDOUT19,
        HELDOUT20,
        HELDOUT21,
        HELDOUT22,
        HELDOUT23,
        HELDOUT24,
        HELDOUT25,
        HELDOUT26,
        HELDOUT27,
        HELDOUT28,
        HELDOUT29,
        HELDOUT30,
        HELDOUT31,
        HELDOUT32,
        HELDOUT33,
        HELDOUT34,
        HELDOUT35,
        HELDOUT36,
        HELDOUT37,
        HELDOUT38,
        HELDOUT39,
    ],
    ids=lambda p: p.stem,
)
def test_heldout_sets_of_issue_15(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The second and third held-out sets (issue 15): scored per label and per format class."""
    by_class: dict[str, Score] = {}
    heldout = score(path, by_class)
    with capsys.disabled():
        print(heldout.table(f"held-out {path.name}"))
        print(
            "\nformat class                                   flows-tp   fp   fn precision  recall"
        )
        for name, one in sorted(by_class.items()):
            tp, fp, fn = sum(one.tp.values()), sum(one.fp.values()), sum(one.fn.values())
            print(
                f"{name:46} {tp:8d} {fp:4d} {fn:4d} "
                f"{tp / (tp + fp) if tp + fp else 1.0:9.3f} {tp / (tp + fn) if tp + fn else 1.0:7.3f}"
            )
    assert len(load(path)) >= 4
    if path in FLOORS:
        precision, recall = heldout.micro()
        floor_p, floor_r = FLOORS[path]
        assert precision >= floor_p and recall >= floor_r, (precision, recall)
