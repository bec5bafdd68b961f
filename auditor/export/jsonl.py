"""FlowRecords → JSONL flow records (the interfaces spec's record, one a line).

The file is pure records, no header line: each record carries `redacted` (true unless
`--no-redact`) so a line copied out of the file still says what it is. Bodies are included as
`body_b64` unless asked not to, so `auditor import` gives the same flows back.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from auditor.export.common import ProgressCallback, atomic_output, counted
from auditor.records import FlowRecord, to_spec_dict


def record_line(
    record: FlowRecord, *, redacted: bool, include_bodies: bool = True
) -> dict[str, Any]:
    data = to_spec_dict(record, redact_credentials=redacted, include_bodies=include_bodies)
    data["redacted"] = redacted
    return data


def write_jsonl(
    records: Iterable[FlowRecord],
    path: Path,
    *,
    redacted: bool = True,
    include_bodies: bool = True,
    progress: ProgressCallback | None = None,
) -> int:
    count = 0
    with atomic_output(path, "w", private=not redacted) as fh:
        for record in counted(records, progress):
            line = record_line(record, redacted=redacted, include_bodies=include_bodies)
            fh.write(json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n")
            count += 1
    return count
