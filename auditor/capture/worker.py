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
import pickle
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from auditor.capture.sink import RecordEnricher, SinkStats, approx_size, enrich_records
from auditor.errors import AuditorError
from auditor.paths import DataDir
from auditor.records import (
    DnsRecord,
    Entity,
    FlowRecord,
    ProcessInfo,
    RequestRecord,
    ResponseRecord,
    WebSocketMessage,
)

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
# Flattened to tuples of str/bytes/numbers, marshal does it in C at a fraction of that.


def pack_record(r: FlowRecord) -> tuple[Any, ...]:
    p, req, resp = r.process, r.request, r.response
    extra = None
    if r.labels or r.policy or r.entity != Entity():
        extra = pickle.dumps((r.entity, r.labels, r.policy))
    return (
        r.id,
        r.session,
        r.ts,
        r.kind,
        (p.pid, p.name, p.exe, p.cmdline, p.app, p.ppid, p.create_time, p.launch_tag),
        None
        if req is None
        else (
            req.method,
            req.url,
            req.host,
            req.port,
            req.path,
            req.http_version,
            req.headers,
            req.body,
            req.size,
            req.body_truncated,
        ),
        None
        if resp is None
        else (
            resp.status,
            resp.reason,
            resp.http_version,
            resp.headers,
            resp.body,
            resp.size,
            resp.body_truncated,
        ),
        r.client_addr,
        r.server_addr,
        r.sni,
        r.alpn,
        r.tls_version,
        r.error,
        r.ts_end,
        r.bytes_sent,
        r.bytes_received,
        [(m.from_client, m.ts, m.is_text, m.content, m.size, m.truncated) for m in r.websocket],
        None if r.dns is None else (r.dns.question, r.dns.qtype, r.dns.answers),
        r.sinkholed,
        r.dropped_bodies,
        r.source,
        extra,
    )


def _request(t: Sequence[Any]) -> RequestRecord:
    method, url, host, port, path, version, headers, body, size, truncated = t
    return RequestRecord(
        method=method,
        url=url,
        host=host,
        port=port,
        path=path,
        http_version=version,
        headers=[(k, v) for k, v in headers],
        body=body,
        size=size,
        body_truncated=truncated,
    )


def _response(t: Sequence[Any]) -> ResponseRecord:
    status, reason, version, headers, body, size, truncated = t
    return ResponseRecord(
        status=status,
        reason=reason,
        http_version=version,
        headers=[(k, v) for k, v in headers],
        body=body,
        size=size,
        body_truncated=truncated,
    )


def unpack_record(t: Sequence[Any]) -> FlowRecord:
    (rid, session, ts, kind, proc, req, resp, client_addr, server_addr, sni, alpn, tls_version,
     error, ts_end, sent, received, ws, dns, sinkholed, dropped, source, extra) = t  # fmt: skip
    record = FlowRecord(
        id=rid,
        session=session,
        ts=ts,
        kind=kind,
        process=ProcessInfo(*proc),
        request=None if req is None else _request(req),
        response=None if resp is None else _response(resp),
        client_addr=None if client_addr is None else tuple(client_addr),
        server_addr=None if server_addr is None else tuple(server_addr),
        sni=sni,
        alpn=alpn,
        tls_version=tls_version,
        error=error,
        ts_end=ts_end,
        bytes_sent=sent,
        bytes_received=received,
        websocket=[WebSocketMessage(*m) for m in ws],
        dns=None if dns is None else DnsRecord(dns[0], dns[1], list(dns[2])),
        sinkholed=sinkholed,
        dropped_bodies=dropped,
        source=source,
    )
    if extra is not None:
        record.entity, record.labels, record.policy = pickle.loads(extra)
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
    relabel: deque[FlowRecord] = deque()
    unstored = _Unstored(stats)

    def store_batch(records: list[FlowRecord], unlabelled: list[FlowRecord]) -> None:
        """Store `records` (the tail `unlabelled` of them not labelled yet) or keep them to retry."""
        if unstored.batches:
            # Older flows wait for the store: this batch waits behind them, in order.
            unstored.add(records, unlabelled, None)
            return
        try:
            store.add_flows(records)
        except Exception as err:
            unstored.add(records, unlabelled, err)
            return
        _stored(records, unlabelled)

    def _stored(records: list[FlowRecord], unlabelled: list[FlowRecord]) -> None:
        stats.stored += len(records)
        relabel.extend(unlabelled)
        if tee is not None:
            tee(records[: len(records) - len(unlabelled)])

    while True:
        enricher = loader.enricher if loader is not None else None
        ready = not spec.label or (loader is not None and loader.done.is_set())
        if unstored.due() and not conn.poll(0):
            unstored.retry(store, _stored)
            continue
        if relabel and ready and not conn.poll(0):
            _relabel_some(conn, store, relabel, enricher, stats, tee)
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
        sent_at, packed = marshal.loads(data)
        deadline = sent_at + LABEL_WITHIN
        batch = [unpack_record(t) for t in packed]
        labelled: list[FlowRecord] = []
        if ready:
            for record in batch:
                if time.monotonic() > deadline:
                    break
                labelled.extend(enrich_records([record], enricher, stats))
        store_batch(labelled + batch[len(labelled) :], batch[len(labelled) :])
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
        _replace(store, enrich_records(chunk, enricher, stats), stats, tee)
    unstored.give_up()


def _relabel_some(
    conn: multiprocessing.connection.Connection,
    store: Any,
    relabel: deque[FlowRecord],
    enricher: RecordEnricher | None,
    stats: SinkStats,
    tee: Callable[[Sequence[FlowRecord]], None] | None,
) -> None:
    """Label up to RELABEL_CHUNK waiting records, stopping as soon as a new batch comes in (a new
    batch must not wait for relabelling: its commit deadline runs from its hand-over)."""
    chunk: list[FlowRecord] = []
    while relabel and len(chunk) < RELABEL_CHUNK:
        chunk.extend(enrich_records([relabel.popleft()], enricher, stats))
        if conn.poll(0):
            break
    _replace(store, chunk, stats, tee)


class _Unstored:
    """Batches the store refused (a full disk), retried with backoff in arrival order."""

    def __init__(self, stats: SinkStats) -> None:
        self.batches: deque[tuple[list[FlowRecord], list[FlowRecord]]] = deque()
        self._stats = stats
        self._bytes = 0
        self._backoff = RETRY_FIRST
        self._next_try = 0.0

    def add(
        self, records: list[FlowRecord], unlabelled: list[FlowRecord], err: Exception | None
    ) -> None:
        if err is not None:
            if not self.batches:
                # One line when trouble starts (never a traceback); the retries stay quiet.
                logger.error(
                    "storing %d flows failed, keeping them to retry: %s", len(records), _reason(err)
                )
            self._schedule()
        self.batches.append((records, unlabelled))
        self._bytes += sum(approx_size(r) for r in records)
        while self._bytes > UNSTORED_MAX_BYTES and len(self.batches) > 1:
            lost, _ = self.batches.popleft()
            self._bytes -= sum(approx_size(r) for r in lost)
            self._stats.write_failures += len(lost)
            logger.error("the store has refused flows for too long: %d flows lost", len(lost))

    def _schedule(self) -> None:
        self._next_try = time.monotonic() + self._backoff
        self._backoff = min(self._backoff * 2, RETRY_MAX)

    def due(self) -> bool:
        return bool(self.batches) and time.monotonic() >= self._next_try

    def wait_time(self) -> float | None:
        if not self.batches:
            return None
        return max(0.0, self._next_try - time.monotonic())

    def retry(
        self, store: Any, on_stored: Callable[[list[FlowRecord], list[FlowRecord]], None]
    ) -> bool:
        """Store the oldest waiting batch (True if it was); the next one is due straight away."""
        records, unlabelled = self.batches[0]
        try:
            store.add_flows(records)
        except Exception:
            self._schedule()
            return False
        self.batches.popleft()
        self._bytes -= sum(approx_size(r) for r in records)
        on_stored(records, unlabelled)
        if not self.batches:
            self._backoff = RETRY_FIRST
            logger.warning("the store accepts flows again; the flows that waited are stored")
        return True

    def give_up(self) -> None:
        lost = sum(len(records) for records, _ in self.batches)
        if lost:
            self._stats.write_failures += lost
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
        self._started = False

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

    def add_flows(self, records: Sequence[FlowRecord]) -> None:
        # Blocks while the worker is busy: the sink thread waits, its bounded queue absorbs the
        # burst, and only a queue that is full drops (counted).
        # The send time starts the worker's labelling deadline (time.monotonic is system-wide).
        self._conn.send_bytes(marshal.dumps((time.monotonic(), [pack_record(r) for r in records])))

    def close(self, timeout: float = 300.0) -> SinkStats:
        if self._closed:
            return self.stats or SinkStats()
        self._closed = True
        try:
            self._conn.send_bytes(b"close")
        except (OSError, ValueError):
            pass
        stats = SinkStats()
        deadline = time.monotonic() + timeout
        try:
            # Skips a "ready" (or start "error") not read yet: a capture that failed to start.
            while self._conn.poll(max(0.0, deadline - time.monotonic())):
                kind, payload = self._conn.recv()
                if kind == "stats":
                    stats = SinkStats(**payload)
                    break
                if kind == "error":
                    break
        except (EOFError, OSError):
            logger.error("the labelling/storing process ended without reporting")
        self._proc.join(10)
        if self._proc.is_alive():
            self._proc.kill()
        self._conn.close()
        self.stats = stats
        return stats
