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

    def attach_process(self) -> concurrent.futures.Future[ProcessInfo] | None:
        """Put the process on the record if it is known; the lookup's future if it is not yet
        (never waited for: the flow goes on to the store, its process follows)."""
        source = self.process
        self.process = None
        if isinstance(source, concurrent.futures.Future):
            if not source.done():
                return source
            try:
                self.record.process = source.result()
            except Exception:
                logger.warning("process lookup failed for flow %s", self.record.id)
        elif isinstance(source, ProcessInfo):
            self.record.process = source
        return None
