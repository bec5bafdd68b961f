"""Labeller: data categories of a flow (docs/taxonomy.md), each with evidence.

`Labeller(rules_dir=None, known_values=None).label(record) -> LabelResult` decodes the flow, runs
the signature rules of `auditor/rules/`, the field detectors and the known-value search, and
names the receiving organisation (`entity_for`).
"""

from auditor.label.engine import CATEGORIES, Labeller, LabelResult
from auditor.label.entities import entity_for
from auditor.label.known_values import KnownValue, KnownValues

__all__ = ["CATEGORIES", "KnownValue", "KnownValues", "LabelResult", "Labeller", "entity_for"]
