"""Enrichment: one place that turns a captured or imported record into a labelled one.

Capture, import and the demo all call `Enricher.enrich`, so a flow gets the same labels, entity and
policy verdicts whichever way it arrived.
"""

from __future__ import annotations

from auditor.label import KnownValues, Labeller
from auditor.paths import DataDir
from auditor.policy import PolicyEngine
from auditor.records import FlowRecord


class Enricher:
    def __init__(
        self,
        *,
        labeller: Labeller | None = None,
        policy_engine: PolicyEngine | None = None,
        known_values: KnownValues | None = None,
        policy_version: str | None = None,
        data_dir: DataDir | None = None,
    ) -> None:
        """With a `data_dir`, the user's own policy packs and known values are used too."""
        if known_values is None and labeller is None:
            # The machine's own values (host name, MACs, machine id …) are always looked for.
            known_values = KnownValues.for_this_machine(data_dir=data_dir)
        self.labeller = labeller or Labeller(known_values=known_values)
        if policy_engine is None:
            policy_engine = (
                PolicyEngine.for_data_dir(data_dir.root) if data_dir is not None else PolicyEngine()
            )
        self.policy_engine = policy_engine
        self.policy_version = policy_version

    def enrich(self, record: FlowRecord) -> FlowRecord:
        result = self.labeller.label(record)
        record.labels = result.labels
        record.entity = result.entity
        record.policy = self.policy_engine.evaluate(
            record, app=record.process.app, version=self.policy_version
        )
        return record
