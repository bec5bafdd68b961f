"""The consumer side of the capture: a thread that takes captured flows off the proxy's loop.

The proxy's hooks put `Pending` items into a bounded queue without ever blocking. This thread
takes them out and hands a batch to its writer every FLUSH_INTERVAL or BATCH_SIZE records. A flow
whose process lookup has not finished is handed on without it (the crash bound counts from the
flow's end, not from the lookup's); when the lookup finishes, the record goes again with its
process, replacing the stored one (`update_flows`, not counted twice). The writer is either the store itself, with the Enricher (labels, entity,
policy verdicts) run here ("thread" mode), or `worker.StoreProcess`, which labels and stores in
a child process (the default). A consumer that falls behind never slows the proxy: when the
queue is full (by count or by bytes) the flow is dropped, counted and reported. Enrichment
failing on one record stores it unlabelled rather than losing it.
"""

from __future__ import annotations

import concurrent.futures
import json
import logging
import queue
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Protocol

from auditor.capture.pending import Pending
from auditor.paths import DataDir
from auditor.records import FlowRecord, ProcessInfo, to_spec_dict

logger = logging.getLogger(__name__)

# The backlog a busy machine may build up before flows are dropped: by count, and by the bytes
# of the bodies they hold (bodies are capped per flow, but a burst of large ones adds up).
QUEUE_SIZE = 100_000
QUEUE_BYTES = 512 * 1024 * 1024
BATCH_SIZE = 500
FLUSH_INTERVAL = 0.25
POLL_INTERVAL = 0.02
# While idle the thread still wakes this often: to send the processes of lookups that finished
# late, and to let the writer look after itself (`maintain`: the storing process's health).
IDLE_WAKE = 0.25
# A lookup not finished this long after its flow was handed on is given up (the flow is stored).
LATE_LOOKUP_GIVE_UP = 30.0
# On close, lookups still running get this long to finish.
LATE_LOOKUP_CLOSE_WAIT = 2.0
_STOP = object()


class FlowWriter(Protocol):
    """Stores batches. A writer that also has `update_flows(records)` takes the later process
    of a record handed on early there, and `add_flows(records, awaiting=ids)` tells it which
    records of a batch will get one; a plain writer gets the record again via `add_flows`."""

    def add_flows(self, records: Sequence[FlowRecord]) -> None: ...


class WriterFailed(Exception):
    """The writer cannot store anything any more (the storing process died and could not be
    restarted): the capture must stop."""


class RecordEnricher(Protocol):
    def enrich(self, record: FlowRecord) -> FlowRecord: ...


@dataclass(slots=True)
class SinkStats:
    queued: int = 0
    dropped: int = 0
    stored: int = 0
    enrich_failures: int = 0
    write_failures: int = 0  # records lost because the store refused a batch
    enricher_error: str | None = None
    late_processes: int = 0  # records whose process followed them (lookup slower than the flow)

    def summary(self) -> str:
        parts = [f"{self.stored} flows stored"]
        if self.dropped:
            parts.append(f"{self.dropped} DROPPED (consumer too slow)")
        if self.write_failures:
            parts.append(f"{self.write_failures} lost to store errors")
        if self.enrich_failures:
            parts.append(f"{self.enrich_failures} stored unlabelled after enrichment errors")
        if self.enricher_error:
            parts.append(f"labelling unavailable: {self.enricher_error}")
        return ", ".join(parts)


class JsonlTee:
    """Appends each stored flow to a JSONL file (credentials redacted), for research pipelines."""

    def __init__(self, path: Path) -> None:
        self._fh: IO[str] = open(path, "a", encoding="utf-8")  # noqa: SIM115 - closed in close()

    def __call__(self, records: Sequence[FlowRecord]) -> None:
        for record in records:
            self._fh.write(json.dumps(to_spec_dict(record), ensure_ascii=False) + "\n")
        self._fh.flush()

    def close(self) -> None:
        self._fh.close()


def default_enricher(
    data_dir: DataDir | None = None, passphrase_file: str | None = None
) -> RecordEnricher:
    from auditor.enrich import Enricher

    return Enricher(data_dir=data_dir, passphrase_file=passphrase_file)


class FlowSink:
    """Bounded queue -> enrichment -> `writer.add_flows(batch)`, on its own thread.

    `open_writer` is called on the sink's thread (SQLite connections belong to one thread);
    `start()` waits for it and re-raises its error, so a store that cannot open fails the
    capture before it starts listening.
    """

    def __init__(
        self,
        open_writer: Callable[[], FlowWriter],
        *,
        make_enricher: Callable[[], RecordEnricher] | None = default_enricher,
        close_writer: Callable[[FlowWriter], None] | None = None,
        queue_size: int = QUEUE_SIZE,
        queue_bytes: int = QUEUE_BYTES,
        batch_size: int = BATCH_SIZE,
        flush_interval: float = FLUSH_INTERVAL,
        on_stored: Callable[[Sequence[FlowRecord]], None] | None = None,
    ) -> None:
        self._open_writer = open_writer
        self._close_writer = close_writer
        self._make_enricher = make_enricher
        self._queue: queue.Queue[object] = queue.Queue(maxsize=queue_size)
        self._queue_bytes_max = queue_bytes
        self._queued_bytes = 0
        self._bytes_lock = threading.Lock()
        self.batch_size = batch_size
        self.flush_interval = flush_interval
        self.on_stored = on_stored
        self.stats = SinkStats()
        self._thread: threading.Thread | None = None
        self._started = threading.Event()
        self._start_error: BaseException | None = None
        self._last_drop_log = 0.0
        # Records handed on before their process was known: (record, lookup, give up at).
        self._late: list[tuple[FlowRecord, concurrent.futures.Future[ProcessInfo], float]] = []
        self._enricher: RecordEnricher | None = None
        # Set when the writer can no longer store (see WriterFailed): the capture must stop.
        self.fatal: str | None = None
        self.failed = threading.Event()

    # -- producer side (proxy loop): never blocks ---------------------------------------------

    def put(self, item: Pending) -> None:
        size = approx_size(item.record)
        try:
            with self._bytes_lock:
                if self._queued_bytes + size > self._queue_bytes_max:
                    raise queue.Full
                item.queued_at = time.monotonic()
                self._queue.put_nowait(item)
                self._queued_bytes += size
            self.stats.queued += 1
        except queue.Full:
            self.stats.dropped += 1
            now = time.monotonic()
            if now - self._last_drop_log > 1.0:
                self._last_drop_log = now
                logger.warning(
                    "capture queue full: %d flows dropped so far (labelling/storing too slow)",
                    self.stats.dropped,
                )

    # -- lifecycle ----------------------------------------------------------------------------

    def start(self, timeout: float = 60.0) -> None:
        self._thread = threading.Thread(target=self._run, name="auditor-capture-sink", daemon=True)
        self._thread.start()
        if not self._started.wait(timeout):
            raise TimeoutError("the flow store did not open in time")
        if self._start_error is not None:
            raise self._start_error

    def close(self, timeout: float | None = None) -> None:
        """Store everything queued so far, then stop the thread."""
        if self._thread is None:
            return
        self._queue.put(_STOP)  # blocking put: the stop marker must get in after the last flow
        self._thread.join(timeout)
        self._thread = None

    # -- consumer thread ----------------------------------------------------------------------

    def _run(self) -> None:
        try:
            writer = self._open_writer()
        except BaseException as err:
            self._start_error = err
            self._started.set()
            return
        # Started once the store is open: the labeller loads while the first flows queue up.
        self._started.set()
        enricher: RecordEnricher | None = None
        if self._make_enricher is not None:
            try:
                enricher = self._make_enricher()
            except Exception as err:
                # Flows are still stored, unlabelled; the error is reported at exit.
                self.stats.enricher_error = f"{type(err).__name__}: {err}"
                logger.error("labelling disabled, could not load the labeller: %s", err)
        try:
            self._consume(writer, enricher)
        finally:
            if self._close_writer is not None:
                try:
                    self._close_writer(writer)
                except Exception:
                    logger.exception("closing the flow store failed")

    def _consume(self, writer: FlowWriter, enricher: RecordEnricher | None) -> None:
        self._enricher = enricher
        while True:
            try:
                # Idle: sleep until a flow (or the stop marker) comes, waking now and then.
                item = self._queue.get(timeout=IDLE_WAKE)
            except queue.Empty:
                self._after_write(writer)
                continue
            if item is _STOP:
                self._finish_late(writer)
                return
            if not isinstance(item, Pending):
                continue
            # The batch's deadline counts from the queueing, not the dequeueing: a backlog must
            # not stretch how long a flow waits to be handed on (the crash bound counts from
            # the flow's end).
            due = (item.queued_at or time.monotonic()) + self.flush_interval
            batch = [self._take(item, enricher)]
            stop = self._fill(batch, due, enricher)
            self._write(writer, batch)
            self._after_write(writer)
            if stop:
                self._finish_late(writer)
                return

    def _fill(self, batch: list[FlowRecord], due: float, enricher: RecordEnricher | None) -> bool:
        """Add queued flows to `batch` until it is full or due; True if the stop marker came.

        While the queue is empty this polls every POLL_INTERVAL instead of blocking on it, so a
        busy proxy's `put` never wakes this thread: one wake-up per flow would cost the proxy's
        thread a GIL hand-off per flow.
        """
        while len(batch) < self.batch_size:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                now = time.monotonic()
                if now >= due:
                    return False
                time.sleep(min(due - now, POLL_INTERVAL))
                continue
            if item is _STOP:
                return True
            if isinstance(item, Pending):
                batch.append(self._take(item, enricher))
        return False

    def _take(self, item: Pending, enricher: RecordEnricher | None) -> FlowRecord:
        with self._bytes_lock:
            self._queued_bytes -= approx_size(item.record)
        return self._prepare(item, enricher)

    def _prepare(self, item: Pending, enricher: RecordEnricher | None) -> FlowRecord:
        lookup = item.attach_process()
        record = item.record
        if lookup is not None:
            self._late.append((record, lookup, time.monotonic() + LATE_LOOKUP_GIVE_UP))
        if enricher is not None:
            record = enrich_records([record], enricher, self.stats)[0]
        return record

    def _write(self, writer: FlowWriter, batch: list[FlowRecord]) -> None:
        if self.fatal is not None:
            self.stats.write_failures += len(batch)
            return
        awaiting: list[str] = []
        if self._late and hasattr(writer, "update_flows"):
            in_batch = {r.id for r in batch}
            awaiting = [r.id for r, _, _ in self._late if r.id in in_batch]
        try:
            write_records(writer, batch, self.stats, self.on_stored, awaiting)
        except WriterFailed as err:
            # The writer still holds the batch it failed on and counts it as lost.
            self._fail(writer, err, 0)

    def _fail(self, writer: FlowWriter, err: WriterFailed, unsent: int) -> None:
        self.fatal = str(err)
        self.stats.write_failures += unsent
        logger.error("%s", err)
        self.failed.set()

    def _after_write(self, writer: FlowWriter) -> None:
        """Send the processes of lookups that have finished; let the writer look after itself."""
        if self.fatal is not None:
            return
        if self._late:
            self._send_late(writer, final=False)
        maintain = getattr(writer, "maintain", None)
        if maintain is not None:
            try:
                maintain()
            except WriterFailed as err:
                self._fail(writer, err, 0)

    def _send_late(self, writer: FlowWriter, *, final: bool) -> None:
        now = time.monotonic()
        ready: list[FlowRecord] = []
        waiting: list[tuple[FlowRecord, concurrent.futures.Future[ProcessInfo], float]] = []
        for record, lookup, give_up_at in self._late:
            if lookup.done():
                try:
                    record.process = lookup.result()
                except Exception:
                    record.process = ProcessInfo()
            elif not final and now < give_up_at:
                waiting.append((record, lookup, give_up_at))
                continue
            # Sent even when nothing was found: the storing side then stops waiting for it.
            ready.append(record)
        self._late = waiting
        if not ready:
            return
        self.stats.late_processes += sum(1 for r in ready if r.process != ProcessInfo())
        if self._enricher is not None:
            ready = enrich_records(ready, self._enricher, self.stats)
        update = getattr(writer, "update_flows", None)
        try:
            if update is not None:
                update(ready)
            else:
                # The store replaces a record stored under the same id; the JSONL tee keeps the
                # line it wrote (one line per flow).
                writer.add_flows(ready)
        except WriterFailed as err:
            self._fail(writer, err, 0)
        except Exception as err:
            # The records are stored; only their process is missing.
            logger.error("storing the processes of %d flows failed: %s", len(ready), err)

    def _finish_late(self, writer: FlowWriter) -> None:
        """Closing: give lookups still running a moment, then send what they found."""
        deadline = time.monotonic() + LATE_LOOKUP_CLOSE_WAIT
        for _record, lookup, _ in self._late:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            concurrent.futures.wait([lookup], timeout=remaining)
        if self._late and self.fatal is None:
            self._send_late(writer, final=True)


def approx_size(record: FlowRecord) -> int:
    size = 1024  # the record itself, headers and all
    if record.request is not None and record.request.body:
        size += len(record.request.body)
    if record.response is not None and record.response.body:
        size += len(record.response.body)
    for message in record.websocket:
        size += len(message.content)
    return size


def enrich_records(
    records: Sequence[FlowRecord], enricher: RecordEnricher | None, stats: SinkStats
) -> list[FlowRecord]:
    """Label each record; one that fails is kept unlabelled (and counted), never lost."""
    if enricher is None:
        return list(records)
    out: list[FlowRecord] = []
    for record in records:
        try:
            out.append(enricher.enrich(record))
        except Exception:
            stats.enrich_failures += 1
            logger.exception(
                "labelling failed for flow %s (%s); stored unlabelled", record.id, record.host
            )
            out.append(record)
    return out


def write_records(
    writer: FlowWriter,
    records: list[FlowRecord],
    stats: SinkStats,
    on_stored: Callable[[Sequence[FlowRecord]], None] | None = None,
    awaiting: Sequence[str] = (),
) -> None:
    try:
        if awaiting:
            # A writer with `update_flows`: these records' processes follow as updates.
            writer.add_flows(records, awaiting=awaiting)  # type: ignore[call-arg]
        else:
            writer.add_flows(records)
    except WriterFailed:
        raise
    except Exception as err:
        stats.write_failures += len(records)
        # One line, never a traceback: the store's own message says why (e.g. the disk is full).
        reason = " ".join(str(err).split()) or type(err).__name__
        logger.error("storing %d flows failed, they are lost: %s", len(records), reason)
        return
    stats.stored += len(records)
    if on_stored is not None:
        try:
            on_stored(records)
        except Exception:
            logger.exception("on_stored callback failed")
