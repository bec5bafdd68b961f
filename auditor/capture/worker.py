"""The labelling-and-storing process of a capture.

Labelling (~0.5 ms a flow) and the encrypted store (~0.4 ms) cost more CPU than mitmproxy's own
hooks; on a thread they would share the proxy's GIL and slow the client's traffic. So the capture
process's sink thread only resolves each flow's process and ships batches through a pipe, and this
child process labels and stores them. Stopping is an explicit "close" message (or the pipe closing):
the worker ignores SIGINT/SIGTERM so that Ctrl-C on the terminal, which reaches the whole process
group, cannot kill it before the parent has handed over its last flows.
"""

from __future__ import annotations

import dataclasses
import logging
import multiprocessing
import multiprocessing.connection
import signal
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from auditor.capture.sink import SinkStats, enrich_records, write_records
from auditor.errors import AuditorError
from auditor.records import FlowRecord

logger = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True, slots=True)
class WorkerSpec:
    data_dir: Path
    passphrase_file: str | None
    session: str
    session_meta: dict[str, Any]
    label: bool = True
    jsonl: Path | None = None


def _worker_main(conn: multiprocessing.connection.Connection, spec: WorkerSpec) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    logging.basicConfig(level=logging.WARNING, format="auditor: %(name)s: %(message)s")
    from auditor.paths import DataDir
    from auditor.store import open_store

    try:
        store = open_store(DataDir(spec.data_dir), passphrase_file=spec.passphrase_file)
        store.ensure_session(spec.session, **spec.session_meta)
    except AuditorError as err:
        conn.send(("error", str(err)))
        return
    except Exception as err:
        conn.send(("error", f"could not open the flow store: {err}"))
        return
    # Ready once the store is open: the labeller loads while the first flows wait in the pipe.
    conn.send(("ready", None))
    stats = SinkStats()
    enricher = None
    if spec.label:
        try:
            from auditor.enrich import Enricher

            enricher = Enricher()
        except Exception as err:
            stats.enricher_error = f"{type(err).__name__}: {err}"
            logger.error("labelling disabled, could not load the labeller: %s", err)
    tee = None
    if spec.jsonl is not None:
        from auditor.capture.session import JsonlTee

        tee = JsonlTee(spec.jsonl)
    try:
        while True:
            try:
                kind, payload = conn.recv()
            except (EOFError, OSError):
                break
            if kind == "close":
                break
            if kind == "flows":
                records = enrich_records(payload, enricher, stats)
                write_records(store, records, stats, tee)
    finally:
        try:
            store.close()
        except Exception:
            logger.exception("closing the flow store failed")
        if tee is not None:
            tee.close()
        try:
            conn.send(("stats", dataclasses.asdict(stats)))
        except (OSError, ValueError):
            pass


class StoreProcess:
    """The parent's handle on the worker; `writer()` is the FlowWriter the sink thread uses."""

    def __init__(self, spec: WorkerSpec) -> None:
        self.spec = spec
        ctx = multiprocessing.get_context("spawn")
        self._conn, child_conn = ctx.Pipe(duplex=True)
        self._proc = ctx.Process(
            target=_worker_main, args=(child_conn, spec), name="auditor-store", daemon=True
        )
        self._child_conn = child_conn
        self.stats: SinkStats | None = None
        self._closed = False

    def start(self) -> None:
        """Spawn the worker; `wait_ready` then waits until its store is open."""
        self._proc.start()
        self._child_conn.close()

    def wait_ready(self, timeout: float = 120.0) -> None:
        if not self._conn.poll(timeout):
            self._proc.kill()
            raise AuditorError("the labelling/storing process did not start in time")
        try:
            kind, payload = self._conn.recv()
        except EOFError:
            raise AuditorError("the labelling/storing process exited at start") from None
        if kind == "error":
            self._proc.join(10)
            raise AuditorError(str(payload))

    def abort(self) -> None:
        """Stop a worker that has been handed nothing yet (a capture that failed to start)."""
        if self._closed:
            return
        self._closed = True
        self._proc.kill()
        self._proc.join(10)
        self._conn.close()

    def add_flows(self, records: Sequence[FlowRecord]) -> None:
        # Blocks while the worker is busy: the sink thread waits, its bounded queue absorbs the
        # burst, and only a queue that is full drops (counted).
        self._conn.send(("flows", list(records)))

    def close(self, timeout: float = 300.0) -> SinkStats:
        if self._closed:
            return self.stats or SinkStats()
        self._closed = True
        try:
            self._conn.send(("close", None))
        except (OSError, ValueError):
            pass
        stats = SinkStats()
        try:
            if self._conn.poll(timeout):
                kind, payload = self._conn.recv()
                if kind == "stats":
                    stats = SinkStats(**payload)
        except (EOFError, OSError):
            logger.error("the labelling/storing process ended without reporting")
        self._proc.join(10)
        if self._proc.is_alive():
            self._proc.kill()
        self._conn.close()
        self.stats = stats
        return stats
