"""The labelling-and-storing process of a capture.

Labelling (~0.5 ms a flow) and the encrypted store (~0.4 ms) cost more CPU than our mitmproxy
hooks; on a thread they would share the proxy's GIL and slow the client's traffic. So the capture
process's sink thread only resolves each flow's process and ships small batches through a pipe
(marshal, every 50 ms), and this child process labels and stores them.

Crash safety comes first. Bound: a flow is committed to the store within 250 ms of its end (its
answer, or its error) under normal load, so `kill -9` of the capture loses at most the flows that
ended in the last 250 ms. The path: the proxy queues the flow when it ends; the sink thread hands
a batch over at the latest HANDOVER_INTERVAL (50 ms) after its oldest flow was queued; this worker
labels the batch until LABEL_WITHIN (100 ms) after the hand-over and then commits it, the rest
unlabelled (a burst, or the seconds the labeller takes to load at start); the commit itself takes
a few ms. Unlabelled flows are labelled when the pipe is idle, the labelled version replacing them
under the same id, and relabelling yields to every new batch. Under a CPU starved machine or a
burst beyond a batch (500 flows) the bound stretches by that delay; a store that refuses a batch
(disk full) keeps it in memory and retries with backoff, so those flows wait longer.

Stopping is an explicit "close" message (or the pipe closing): the worker ignores SIGINT/SIGTERM
so that Ctrl-C on the terminal, which reaches the whole process group, cannot kill it before the
parent has handed over its last flows. The final summary counts a flow as stored once it is in
the store and as lost only if it was still unstored when the capture ended.
"""

from __future__ import annotations

import dataclasses
import logging
import marshal
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from auditor.capture.sink import (
    RecordEnricher,
    SinkStats,
    WriterFailed,
    approx_size,
    enrich_records,
)
from auditor.errors import AuditorError
from auditor.paths import DataDir
from auditor.records import FlowRecord, forms

logger = logging.getLogger(__name__)


# Labelling of a batch stops this long after the parent handed it over (its send time, on the
# system-wide monotonic clock both processes share); the batch is committed right then, the
# rest unlabelled. With HANDOVER_INTERVAL this keeps the commit within CRASH_BOUND_S.
LABEL_WITHIN = 0.1
# The sink thread hands a batch over this long after its oldest flow was queued at the latest.
HANDOVER_INTERVAL = 0.05
CRASH_BOUND_S = 0.25
RELABEL_CHUNK = 50
# A batch the store refuses (disk full) is retried after RETRY_FIRST, backing off to RETRY_MAX;
# past UNSTORED_MAX_BYTES of waiting flows the oldest are given up (counted as lost).
RETRY_FIRST = 0.25
RETRY_MAX = 2.0
UNSTORED_MAX_BYTES = 256 * 1024 * 1024
# A worker that dies is restarted, unless it has died this often within RESTART_WINDOW seconds.
MAX_RESTARTS = 3
RESTART_WINDOW = 60.0


@dataclasses.dataclass(frozen=True, slots=True)
class WorkerSpec:
    data_dir: Path
    passphrase_file: str | None
    session: str
    session_meta: dict[str, Any]
    label: bool = True
    jsonl: Path | None = None


# -- records across the pipe -------------------------------------------------------------------
# Pickling slotted dataclasses runs Python code per object (~100 µs a flow), on the proxy's GIL.
# Flattened to tuples of str/bytes/numbers (the record's state, made from its field
# declarations), marshal does it in C at a fraction of that.


_to_state = forms(FlowRecord).to_state
_from_state = forms(FlowRecord).from_state


def pack_record(record: FlowRecord) -> tuple[Any, ...]:
    return _to_state(record)


def unpack_record(state: Sequence[Any]) -> FlowRecord:
    record: FlowRecord = _from_state(state)
    return record


def _load_enricher(
    stats: SinkStats, data_dir: Path, passphrase_file: str | None = None
) -> RecordEnricher | None:
    try:
        from auditor.enrich import Enricher
        from auditor.paths import DataDir

        return Enricher(data_dir=DataDir(data_dir), passphrase_file=passphrase_file)
    except Exception as err:
        stats.enricher_error = f"{type(err).__name__}: {err}"
        logger.error("labelling disabled, could not load the labeller: %s", err)
        return None


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
    conn.send(("ready", None))
    stats = SinkStats()
    tee = None
    if spec.jsonl is not None:
        from auditor.capture.sink import JsonlTee

        tee = JsonlTee(spec.jsonl)
    try:
        _serve(conn, store, spec, stats, tee)
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


class _Acks:
    """Tells the parent how far its batches got: "stored" (committed, counted once), "final"
    (committed and labelled: the parent may forget it) or "lost" (given up). The parent resends
    what is not final to a restarted worker."""

    def __init__(self, conn: multiprocessing.connection.Connection) -> None:
        self._conn = conn
        # Batch -> its records stored unlabelled and still waiting to be labelled.
        self.unlabelled: dict[int, int] = {}

    def stored(self, seq: int, unlabelled: int) -> None:
        if unlabelled:
            self.unlabelled[seq] = unlabelled
            self._send("stored", seq)
        else:
            self._send("final", seq)

    def labelled(self, seqs: Sequence[int]) -> None:
        for seq in seqs:
            left = self.unlabelled.get(seq)
            if left is None:
                continue
            if left <= 1:
                del self.unlabelled[seq]
                self._send("final", seq)
            else:
                self.unlabelled[seq] = left - 1

    def lost(self, seq: int) -> None:
        self._send("lost", seq)

    def _send(self, kind: str, seq: int) -> None:
        if seq < 0:
            return  # a batch from a parent that does not track them
        try:
            self._conn.send((kind, seq))
        except (OSError, ValueError):
            pass


class _HeldTee:
    """The JSONL tee, one line per flow: a record handed on before its process lookup ended is
    held back until its update (with the process) comes, so the line written is the final one."""

    def __init__(self, tee: Callable[[Sequence[FlowRecord]], None]) -> None:
        self._tee = tee
        self.awaiting: set[str] = set()
        self._held: dict[str, FlowRecord] = {}

    def __call__(self, records: Sequence[FlowRecord]) -> None:
        out: list[FlowRecord] = []
        for record in records:
            if record.id in self.awaiting:
                self._held[record.id] = record
            else:
                out.append(record)
        if out:
            self._tee(out)

    def updated(self, ids: Sequence[str]) -> None:
        """Updates came for these: their held lines are dropped, the updates are written."""
        for rid in ids:
            self.awaiting.discard(rid)
            self._held.pop(rid, None)

    def flush(self) -> None:
        if self._held:
            self._tee(list(self._held.values()))
        self._held.clear()
        self.awaiting.clear()


@dataclasses.dataclass(slots=True)
class _Batch:
    seq: int
    records: list[FlowRecord]
    unlabelled: list[FlowRecord]
    update: bool  # records already stored, sent again with their process


def _serve(
    conn: multiprocessing.connection.Connection,
    store: Any,
    spec: WorkerSpec,
    stats: SinkStats,
    tee: Callable[[Sequence[FlowRecord]], None] | None,
) -> None:
    """Commit every batch within LABEL_WITHIN of its hand-over, labelled as far as time allowed.

    Records not labelled by then are stored as they are (safe against a crash) and queued for
    labelling when the pipe is idle; the labelled version then replaces them (same id). A batch
    the store refuses (disk full) is kept and retried with backoff; only what is still unstored
    when the capture ends counts as lost, so stored + lost is every flow handed over.
    """
    # The labeller takes seconds to load: it loads on a thread while flows are stored unlabelled
    # (and queued for labelling), so the first flows are as safe as the later ones. It starts
    # once the parent says "go" (its proxy is listening) or hands over flows: this process
    # starts early, and loading sooner would only take CPU from the proxy's own start-up.
    loader: _EnricherLoader | None = None
    held_tee = _HeldTee(tee) if tee is not None else None
    tee = held_tee
    relabel: deque[tuple[int, FlowRecord]] = deque()
    # The records waiting in `relabel`, by id: a late process is put on them before labelling.
    waiting_labels: dict[str, FlowRecord] = {}
    acks = _Acks(conn)
    unstored = _Unstored(stats, acks)

    def store_batch(batch: _Batch) -> None:
        """Store the batch (its tail `unlabelled` not labelled yet) or keep it to retry."""
        if unstored.batches:
            # Older flows wait for the store: this batch waits behind them, in order.
            unstored.add(batch, None)
            return
        try:
            store.add_flows(batch.records)
        except Exception as err:
            unstored.add(batch, err)
            return
        _stored(batch)

    def _stored(batch: _Batch) -> None:
        if not batch.update:
            stats.stored += len(batch.records)
        for record in batch.unlabelled:
            relabel.append((batch.seq, record))
            waiting_labels[record.id] = record
        acks.stored(batch.seq, len(batch.unlabelled))
        if tee is not None:
            tee(batch.records[: len(batch.records) - len(batch.unlabelled)])

    def relabelled(chunk: list[tuple[int, FlowRecord]]) -> None:
        for _seq, record in chunk:
            if waiting_labels.get(record.id) is record:
                del waiting_labels[record.id]
        acks.labelled([seq for seq, _ in chunk])

    while True:
        enricher = loader.enricher if loader is not None else None
        ready = not spec.label or (loader is not None and loader.done.is_set())
        if unstored.due() and not conn.poll(0):
            unstored.retry(store, _stored)
            continue
        if relabel and ready and not conn.poll(0):
            relabelled(_relabel_some(conn, store, relabel, enricher, stats, tee))
            continue
        # Wake up now and then while the labeller loads (to label what waits) or a retry is due.
        timeout = unstored.wait_time()
        if relabel and not ready:
            timeout = 0.05 if timeout is None else min(timeout, 0.05)
        if timeout is not None and not conn.poll(timeout):
            continue
        try:
            data = conn.recv_bytes()
        except (EOFError, OSError):
            break
        if data == b"close":
            break
        if spec.label and loader is None:
            loader = _EnricherLoader(stats, spec.data_dir, spec.passphrase_file)
        if data == b"go":
            continue
        sent_at, seq, update, packed, awaiting = marshal.loads(data)
        deadline = sent_at + LABEL_WITHIN
        records = [unpack_record(t) for t in packed]
        if held_tee is not None:
            held_tee.awaiting.update(awaiting)
        if update:
            # Processes that were still being looked up when their flows were stored: a record
            # still waiting to be labelled takes its process now, so its labelled version (stored
            # and written to the JSONL tee once) has it; the others are stored again.
            if held_tee is not None:
                held_tee.updated([r.id for r in records])
            fresh: list[FlowRecord] = []
            for record in records:
                waiting = waiting_labels.get(record.id)
                if waiting is not None:
                    waiting.process = record.process
                else:
                    fresh.append(record)
            records = fresh
        labelled: list[FlowRecord] = []
        if ready:
            for record in records:
                if time.monotonic() > deadline:
                    break
                labelled.extend(enrich_records([record], enricher, stats))
        store_batch(
            _Batch(seq, labelled + records[len(labelled) :], records[len(labelled) :], update)
        )
    # Stopping: one last try for what the store refused, then label what is still waiting.
    while unstored.batches and unstored.retry(store, _stored):
        pass
    if relabel and spec.label:
        if loader is None:
            loader = _EnricherLoader(stats, spec.data_dir, spec.passphrase_file)
        loader.done.wait()
    enricher = loader.enricher if loader is not None else None
    while relabel:
        chunk = [relabel.popleft() for _ in range(min(RELABEL_CHUNK, len(relabel)))]
        _replace(store, enrich_records([r for _, r in chunk], enricher, stats), stats, tee)
        relabelled(chunk)
    unstored.give_up()
    if held_tee is not None:
        held_tee.flush()


def _relabel_some(
    conn: multiprocessing.connection.Connection,
    store: Any,
    relabel: deque[tuple[int, FlowRecord]],
    enricher: RecordEnricher | None,
    stats: SinkStats,
    tee: Callable[[Sequence[FlowRecord]], None] | None,
) -> list[tuple[int, FlowRecord]]:
    """Label up to RELABEL_CHUNK waiting records, stopping as soon as a new batch comes in (a new
    batch must not wait for relabelling: its commit deadline runs from its hand-over)."""
    chunk: list[tuple[int, FlowRecord]] = []
    labelled: list[FlowRecord] = []
    while relabel and len(chunk) < RELABEL_CHUNK:
        item = relabel.popleft()
        chunk.append(item)
        labelled.extend(enrich_records([item[1]], enricher, stats))
        if conn.poll(0):
            break
    _replace(store, labelled, stats, tee)
    return chunk


class _Unstored:
    """Batches the store refused (a full disk), retried with backoff in arrival order."""

    def __init__(self, stats: SinkStats, acks: _Acks) -> None:
        self.batches: deque[_Batch] = deque()
        self._stats = stats
        self._acks = acks
        self._bytes = 0
        self._backoff = RETRY_FIRST
        self._next_try = 0.0

    def add(self, batch: _Batch, err: Exception | None) -> None:
        if err is not None:
            if not self.batches:
                # One line when trouble starts (never a traceback); the retries stay quiet.
                logger.error(
                    "storing %d flows failed, keeping them to retry: %s",
                    len(batch.records),
                    _reason(err),
                )
            self._schedule()
        self.batches.append(batch)
        self._bytes += sum(approx_size(r) for r in batch.records)
        while self._bytes > UNSTORED_MAX_BYTES and len(self.batches) > 1:
            lost = self.batches.popleft()
            self._bytes -= sum(approx_size(r) for r in lost.records)
            self._lose(lost)
            logger.error(
                "the store has refused flows for too long: %d flows lost", len(lost.records)
            )

    def _lose(self, batch: _Batch) -> None:
        if not batch.update:
            self._stats.write_failures += len(batch.records)
        self._acks.lost(batch.seq)

    def _schedule(self) -> None:
        self._next_try = time.monotonic() + self._backoff
        self._backoff = min(self._backoff * 2, RETRY_MAX)

    def due(self) -> bool:
        return bool(self.batches) and time.monotonic() >= self._next_try

    def wait_time(self) -> float | None:
        if not self.batches:
            return None
        return max(0.0, self._next_try - time.monotonic())

    def retry(self, store: Any, on_stored: Callable[[_Batch], None]) -> bool:
        """Store the oldest waiting batch (True if it was); the next one is due straight away."""
        batch = self.batches[0]
        try:
            store.add_flows(batch.records)
        except Exception:
            self._schedule()
            return False
        self.batches.popleft()
        self._bytes -= sum(approx_size(r) for r in batch.records)
        on_stored(batch)
        if not self.batches:
            self._backoff = RETRY_FIRST
            logger.warning("the store accepts flows again; the flows that waited are stored")
        return True

    def give_up(self) -> None:
        lost = sum(len(b.records) for b in self.batches if not b.update)
        for batch in self.batches:
            self._lose(batch)
        if lost:
            logger.error("%d flows could not be stored before the capture ended: lost", lost)
        self.batches.clear()


def _reason(err: Exception) -> str:
    return " ".join(str(err).split()) or type(err).__name__


class _EnricherLoader:
    def __init__(
        self, stats: SinkStats, data_dir: Path, passphrase_file: str | None = None
    ) -> None:
        self.enricher: RecordEnricher | None = None
        self.done = threading.Event()
        self._stats = stats
        self._data_dir = data_dir
        self._passphrase_file = passphrase_file
        threading.Thread(target=self._load, name="auditor-labeller-load", daemon=True).start()

    def _load(self) -> None:
        try:
            self.enricher = _load_enricher(self._stats, self._data_dir, self._passphrase_file)
        finally:
            self.done.set()


def _replace(
    store: Any,
    records: list[FlowRecord],
    stats: SinkStats,
    tee: Callable[[Sequence[FlowRecord]], None] | None,
) -> None:
    """Store the labelled version of records already stored unlabelled (counted once)."""
    try:
        store.add_flows(records)
    except Exception as err:
        # The unlabelled version is still stored: nothing lost, labels missing.
        logger.error("storing the labels of %d flows failed: %s", len(records), _reason(err))
        return
    if tee is not None:
        tee(records)


def sink_mode_from_env() -> str:
    """Where capture labels and stores: "process" (default) or "thread" (AUDITOR_CAPTURE_SINK)."""
    return os.environ.get("AUDITOR_CAPTURE_SINK", "process")


def new_store_process(
    data_dir: DataDir,
    *,
    session: str,
    passphrase_file: str | None = None,
    session_meta: dict[str, Any] | None = None,
    label: bool = True,
    jsonl: Path | None = None,
) -> StoreProcess:
    """A StoreProcess for one capture session (not started yet)."""
    return StoreProcess(
        WorkerSpec(
            data_dir=data_dir.root,
            passphrase_file=passphrase_file,
            session=session,
            session_meta=dict(session_meta or {}),
            label=label,
            jsonl=jsonl,
        )
    )


@dataclasses.dataclass(slots=True)
class _Handed:
    """A batch handed to the worker and not final yet: kept to hand to a restarted worker."""

    packed: list[tuple[Any, ...]]
    update: bool
    awaiting: list[str]  # ids of records whose process will follow as an update
    counted: bool = False  # acknowledged as stored (counted in `stored`) by some worker


class StoreProcess:
    """The parent's handle on the worker; `writer()` is the FlowWriter the sink thread uses.

    Supervised: every batch is kept until the worker says it is committed and labelled. If the
    worker dies (killed, crashed), a new one is started and handed every batch it had not
    finished, in order; the flows it had committed are counted once. If no new worker can be
    started (MAX_RESTARTS within RESTART_WINDOW, or a start failing), `WriterFailed` tells the
    sink, and the capture stops with that one line.
    """

    def __init__(self, spec: WorkerSpec) -> None:
        self.spec = spec
        self._ctx = multiprocessing.get_context("spawn")
        self._conn, self._proc, self._child_conn = self._new_worker()
        self.stats: SinkStats | None = None
        self._closed = False
        self._started = False
        self._seq = 0
        self._handed: dict[int, _Handed] = {}
        # Records handed on before their process was known: id -> (batch, index in it).
        self._awaiting_at: dict[str, tuple[int, int]] = {}
        self.stored = 0  # flows acknowledged as committed, each counted once
        self.lost = 0  # flows the worker gave up on (a store refusing them until the end)
        self.restarts: list[float] = []

    def _new_worker(
        self,
    ) -> tuple[
        multiprocessing.connection.Connection,
        Any,
        multiprocessing.connection.Connection,
    ]:
        conn, child_conn = self._ctx.Pipe(duplex=True)
        proc = self._ctx.Process(
            target=_worker_main, args=(child_conn, self.spec), name="auditor-store", daemon=True
        )
        return conn, proc, child_conn

    @property
    def pid(self) -> int | None:
        return self._proc.pid

    def start(self) -> None:
        """Spawn the worker (once); `wait_ready` then waits until its store is open.

        Started early, its interpreter start, imports and store opening (~0.7 s) overlap with
        the parent importing mitmproxy and starting the proxy."""
        if self._started:
            return
        self._started = True
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
            self._closed = True  # it has ended: nothing to close or report
            self._conn.close()
            raise AuditorError(str(payload))
        # The proxy is up: the worker may now load the labeller.
        self._conn.send_bytes(b"go")

    def abort(self, timeout: float = 60.0) -> None:
        """Stop a worker that has been handed nothing yet (a capture that failed to start).

        Asked to close rather than killed: it may be creating a new store (keyring entry,
        database), which must not be cut off halfway."""
        if not self._started:
            self._closed = True
            self._conn.close()
            return
        self.close(timeout)

    # -- the sink's side ------------------------------------------------------------------------

    def add_flows(self, records: Sequence[FlowRecord], awaiting: Sequence[str] = ()) -> None:
        """Hand records on; `awaiting`: ids among them whose process follows (`update_flows`)."""
        # Blocks while the worker is busy: the sink thread waits, its bounded queue absorbs the
        # burst, and only a queue that is full drops (counted).
        self._hand(records, update=False, awaiting=awaiting)

    def update_flows(self, records: Sequence[FlowRecord]) -> None:
        """Records already handed on, again with their process (found after the flow ended)."""
        self._hand(records, update=True)

    def maintain(self) -> None:
        """Read the worker's acknowledgements; restart it if it has died."""
        self._read_acks()
        if not self._closed and not self._proc.is_alive():
            self._recover()

    def _hand(
        self, records: Sequence[FlowRecord], *, update: bool, awaiting: Sequence[str] = ()
    ) -> None:
        if self._closed:
            raise WriterFailed("the labelling/storing process has stopped")
        self._seq += 1
        handed = _Handed([pack_record(r) for r in records], update, list(awaiting))
        if awaiting:
            wanted = set(awaiting)
            for index, record in enumerate(records):
                if record.id in wanted:
                    self._awaiting_at[record.id] = (self._seq, index)
        if update:
            # A batch not final yet is resent as it is to a restarted worker: it must carry the
            # process too, or the resent original would undo this update.
            for packed in handed.packed:
                at = self._awaiting_at.pop(packed[0], None)  # a state starts with the id
                original = self._handed.get(at[0]) if at is not None else None
                if at is not None and original is not None:
                    original.packed[at[1]] = packed
        self._handed[self._seq] = handed
        self._read_acks()
        try:
            self._send(self._seq, handed)
        except (OSError, ValueError):
            self._recover()

    def _send(self, seq: int, handed: _Handed) -> None:
        # The send time starts the worker's labelling deadline (time.monotonic is system-wide).
        self._conn.send_bytes(
            marshal.dumps((time.monotonic(), seq, handed.update, handed.packed, handed.awaiting))
        )

    def _read_acks(self) -> None:
        try:
            while self._conn.poll(0):
                self._on_message(self._conn.recv())
        except (EOFError, OSError):
            pass  # the worker has gone: `maintain` or the next send restarts it

    def _on_message(self, message: tuple[str, Any]) -> SinkStats | None:
        kind, payload = message
        if kind == "stats":
            return SinkStats(**payload)
        handed = self._handed.get(payload) if isinstance(payload, int) else None
        if handed is None:
            return None
        if kind in ("stored", "final") and not handed.counted:
            handed.counted = True
            if not handed.update:
                self.stored += len(handed.packed)
        if kind == "final":
            del self._handed[payload]
        elif kind == "lost":
            del self._handed[payload]
            if not handed.update and not handed.counted:
                self.lost += len(handed.packed)
        return None

    def _recover(self) -> None:
        """The worker died: start another and hand it everything not final, in order."""
        self._read_acks()
        self._proc.join(1)
        code = self._proc.exitcode
        now = time.monotonic()
        self.restarts = [t for t in self.restarts if now - t < RESTART_WINDOW] + [now]
        waiting = sum(len(h.packed) for h in self._handed.values() if not h.update)
        if len(self.restarts) > MAX_RESTARTS:
            self._closed = True
            raise WriterFailed(
                f"the labelling/storing process died (exit code {code}) "
                f"{len(self.restarts)} times in {RESTART_WINDOW:.0f} s; capture stopped"
            )
        logger.error(
            "the labelling/storing process died (exit code %s); starting a new one and handing "
            "it the %d flows not yet committed and labelled",
            code,
            waiting,
        )
        try:
            self._conn.close()
        except OSError:
            pass
        self._conn, self._proc, self._child_conn = self._new_worker()
        self._started = False
        try:
            self.start()
            self.wait_ready()
            for seq in sorted(self._handed):
                self._send(seq, self._handed[seq])
        except (AuditorError, OSError, ValueError) as err:
            self._closed = True
            raise WriterFailed(
                f"the labelling/storing process died and could not be restarted: {err}; "
                "capture stopped"
            ) from err
        logger.warning("the labelling/storing process was restarted (pid %s)", self._proc.pid)

    # -- stopping -------------------------------------------------------------------------------

    def close(self, timeout: float = 300.0) -> SinkStats:
        if self._closed:
            if self.stats is None:
                self.stats = self._final_stats(SinkStats())
            return self.stats
        deadline = time.monotonic() + timeout
        stats: SinkStats | None = None
        for _attempt in range(2):
            self._read_acks()
            if not self._proc.is_alive() and self._handed:
                try:
                    self._recover()
                except Exception as err:
                    logger.error("%s", err)
                    break
            try:
                self._conn.send_bytes(b"close")
            except (OSError, ValueError):
                pass
            stats = self._collect(deadline)
            if stats is not None or not self._handed or time.monotonic() >= deadline:
                break
        self._closed = True
        self._proc.join(10)
        if self._proc.is_alive():
            self._proc.kill()
        self._conn.close()
        self.stats = self._final_stats(stats or SinkStats())
        return self.stats

    def _collect(self, deadline: float) -> SinkStats | None:
        """Read acknowledgements until the worker's final stats (None if it ended without)."""
        try:
            # Skips a "ready" (or start "error") not read yet: a capture that failed to start.
            while self._conn.poll(max(0.0, deadline - time.monotonic())):
                message = self._conn.recv()
                if message[0] == "error":
                    return None
                stats = self._on_message(message)
                if stats is not None:
                    return stats
        except (EOFError, OSError):
            logger.error("the labelling/storing process ended without reporting")
        return None

    def _final_stats(self, worker: SinkStats) -> SinkStats:
        """The worker's labelling counters; stored and lost as this side counted them (a
        restarted worker's own counts would miss or repeat flows)."""
        unfinished = sum(
            len(h.packed) for h in self._handed.values() if not h.update and not h.counted
        )
        return SinkStats(
            stored=self.stored,
            enrich_failures=worker.enrich_failures,
            write_failures=self.lost + unfinished,
            enricher_error=worker.enricher_error,
        )
