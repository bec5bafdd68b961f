"""What the proxy's hooks hand to the sink: a plain record and its process (maybe still being
looked up). Kept free of mitmproxy imports: the labelling/storing process imports the sink."""

from __future__ import annotations

import concurrent.futures
import logging
from dataclasses import dataclass

from auditor.records import FlowRecord, ProcessInfo

logger = logging.getLogger(__name__)

ProcessSource = concurrent.futures.Future[ProcessInfo] | ProcessInfo | None


@dataclass(slots=True)
class Pending:
    """A captured flow on its way to the sink: the record and its (maybe not yet known) process."""

    record: FlowRecord
    process: ProcessSource = None
    # time.monotonic() when the sink queued it: its flush deadline runs from there.
    queued_at: float = 0.0

    def resolve_process(self, timeout: float = 5.0) -> FlowRecord:
        source = self.process
        if isinstance(source, concurrent.futures.Future):
            try:
                self.record.process = source.result(timeout=timeout)
            except Exception:
                logger.warning("process lookup did not finish for flow %s", self.record.id)
        elif isinstance(source, ProcessInfo):
            self.record.process = source
        self.process = None
        return self.record
