"""Enrichment: one place that turns a captured or imported record into a labelled one.

Capture, import and the demo all call `Enricher.enrich`, so a flow gets the same labels, entity and
policy verdicts whichever way it arrived.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from auditor.label import KnownValues, Labeller
from auditor.paths import DataDir
from auditor.policy import PolicyEngine
from auditor.records import FlowRecord

if TYPE_CHECKING:
    from auditor.store import Store

RELABEL_CHUNK = 500


def user_known_values(
    data_dir: DataDir, passphrase_file: str | os.PathLike[str] | None = None
) -> dict[str, list[str]]:
    """The values the user entered (`auditor known`, the GUI), read from the encrypted store;
    empty when there is no store yet."""
    if not data_dir.store.exists() and not data_dir.known_values.exists():
        return {}
    from auditor.store import open_store

    with open_store(data_dir, passphrase_file=passphrase_file, readonly=True) as store:
        return store.known_values()


class Enricher:
    def __init__(
        self,
        *,
        labeller: Labeller | None = None,
        policy_engine: PolicyEngine | None = None,
        known_values: KnownValues | None = None,
        policy_version: str | None = None,
        data_dir: DataDir | None = None,
        passphrase_file: str | os.PathLike[str] | None = None,
        user_values: dict[str, list[str]] | None = None,
    ) -> None:
        """With a `data_dir`, the user's own policy packs and known values (from its store, or
        `user_values` when the caller has read them already) are used too."""
        if known_values is None and labeller is None:
            # The machine's own values (host name, MACs, machine id …) are always looked for.
            if user_values is None and data_dir is not None:
                user_values = user_known_values(data_dir, passphrase_file)
            known_values = KnownValues.for_this_machine(user_values or {})
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


def relabel_store(
    store: Store,
    enricher: Enricher,
    *,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Labels every stored flow again (after the known values changed); returns how many were
    labelled (those whose labels, entity or verdicts changed are written back).

    Reads and writes in chunks, so memory stays flat and a capture writing meanwhile is held up
    by one chunk at most."""
    from auditor.store import FlowQuery

    done = 0
    chunk: list[FlowRecord] = []

    def flush() -> None:
        nonlocal done
        items = []
        for record in chunk:
            before = (list(record.labels), record.entity, list(record.policy))
            enricher.enrich(record)
            # Most flows carry none of the changed values: rewriting them (record blob, search
            # index, counters) would cost more than labelling them.
            if (record.labels, record.entity, record.policy) != before:
                items.append((record.id, record.labels, record.entity, record.policy))
        if items:
            store.update_enrichments(items)
        done += len(chunk)
        chunk.clear()
        if progress is not None:
            progress(done)

    for record in store.iter_flows(FlowQuery(), with_bodies=True):
        chunk.append(record)
        if len(chunk) >= RELABEL_CHUNK:
            flush()
    if chunk:
        flush()
    return done
