"""The encrypted capture store (SQLCipher). See `db` for concurrency and crash safety and `keys`
for where the key lives."""

from auditor.store.db import DEFAULT_BODY_CAP, DIMENSIONS, ImportedFlows, Store, open_store
from auditor.store.query import MARKER_KINDS, FlowQuery, FlowSummary, Marker, SessionInfo

__all__ = [
    "DEFAULT_BODY_CAP",
    "DIMENSIONS",
    "MARKER_KINDS",
    "FlowQuery",
    "FlowSummary",
    "ImportedFlows",
    "Marker",
    "SessionInfo",
    "Store",
    "open_store",
]
