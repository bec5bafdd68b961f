"""The encrypted capture store (SQLCipher). `db.Store` composes its units (see `db`);
`database` has concurrency and crash safety, `keys` where the key lives."""

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
