"""FlowRecords → Parquet for DuckDB, Spark or pandas (needs the optional `research` extra).

One row per flow: flat columns for what researchers filter and group on, lists for labels and
headers, bodies as binary, and `record_json` with the whole JSONL record for anything else.
Written in row groups of `BATCH` flows so memory stays bounded.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from auditor.errors import AuditorError
from auditor.export.common import ProgressCallback, atomic_output, counted
from auditor.export.jsonl import record_line
from auditor.records import FlowRecord

BATCH = 2000
MISSING_EXTRA = (
    "Parquet export needs pyarrow, from the optional 'research' extra: "
    "pip install 'meeting-privacy-auditor[research]'"
)


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise AuditorError(MISSING_EXTRA) from None
    return pyarrow


def schema() -> Any:
    pa = _pyarrow()
    header = pa.list_(pa.struct([("name", pa.string()), ("value", pa.string())]))
    return pa.schema(
        [
            ("id", pa.string()),
            ("session", pa.string()),
            ("ts", pa.timestamp("us", tz="UTC")),
            ("ts_end", pa.timestamp("us", tz="UTC")),
            ("kind", pa.string()),
            ("pid", pa.int64()),
            ("process_name", pa.string()),
            ("app", pa.string()),
            ("method", pa.string()),
            ("url", pa.string()),
            ("host", pa.string()),
            ("port", pa.int32()),
            ("path", pa.string()),
            ("status", pa.int32()),
            ("request_size", pa.int64()),
            ("response_size", pa.int64()),
            ("bytes_sent", pa.int64()),
            ("bytes_received", pa.int64()),
            ("entity", pa.string()),
            ("party", pa.string()),
            ("domain", pa.string()),
            ("labels", pa.list_(pa.string())),
            ("worst_verdict", pa.string()),
            ("request_headers", header),
            ("response_headers", header),
            ("request_body", pa.binary()),
            ("response_body", pa.binary()),
            ("sni", pa.string()),
            ("tls_version", pa.string()),
            ("error", pa.string()),
            ("sinkholed", pa.bool_()),
            ("redacted", pa.bool_()),
            ("record_json", pa.string()),
        ]
    )


def _row(record: FlowRecord, *, redacted: bool) -> dict[str, Any]:
    from datetime import UTC, datetime

    req = record.request
    resp = record.response
    return {
        "id": record.id,
        "session": record.session,
        "ts": datetime.fromtimestamp(record.ts, tz=UTC),
        "ts_end": datetime.fromtimestamp(record.ts_end, tz=UTC) if record.ts_end else None,
        "kind": record.kind,
        "pid": record.process.pid,
        "process_name": record.process.name,
        "app": record.process.app,
        "method": req.method if req else None,
        "url": req.url if req else None,
        "host": record.host,
        "port": req.port if req else (record.server_addr[1] if record.server_addr else None),
        "path": req.path if req else None,
        "status": resp.status if resp else None,
        "request_size": req.size if req else None,
        "response_size": resp.size if resp else None,
        "bytes_sent": record.bytes_sent,
        "bytes_received": record.bytes_received,
        "entity": record.entity.name,
        "party": record.entity.party,
        "domain": record.entity.domain,
        "labels": record.label_categories(),
        "worst_verdict": record.worst_verdict(),
        "request_headers": [{"name": k, "value": v} for k, v in req.headers] if req else None,
        "response_headers": [{"name": k, "value": v} for k, v in resp.headers] if resp else None,
        "request_body": req.body if req else None,
        "response_body": resp.body if resp else None,
        "sni": record.sni,
        "tls_version": record.tls_version,
        "error": record.error,
        "sinkholed": record.sinkholed,
        "redacted": redacted,
        "record_json": json.dumps(
            record_line(record, redacted=redacted, include_bodies=False), ensure_ascii=False
        ),
    }


def write_parquet(
    records: Iterable[FlowRecord],
    path: Path,
    *,
    redacted: bool = True,
    progress: ProgressCallback | None = None,
) -> int:
    pa = _pyarrow()
    import pyarrow.parquet as pq

    table_schema = schema()
    meta = {b"meeting-privacy-auditor.redacted": b"true" if redacted else b"false"}
    table_schema = table_schema.with_metadata(meta)
    count = 0
    with atomic_output(path, "wb", private=not redacted) as fh:
        writer = pq.ParquetWriter(fh, table_schema, compression="zstd")
        try:
            batch: list[dict[str, Any]] = []
            for record in counted(records, progress):
                batch.append(_row(record, redacted=redacted))
                count += 1
                if len(batch) >= BATCH:
                    writer.write_table(pa.Table.from_pylist(batch, schema=table_schema))
                    batch = []
            if batch or count == 0:
                writer.write_table(pa.Table.from_pylist(batch, schema=table_schema))
        finally:
            writer.close()
    return count
