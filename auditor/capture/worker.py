"""The labelling-and-storing process of a capture.

Labelling (~0.5 ms a flow) and the encrypted store (~0.4 ms) cost more CPU than our mitmproxy
hooks; on a thread they would share the proxy's GIL and slow the client's traffic. So the capture
process's sink thread only resolves each flow's process and ships small batches through a pipe
(marshal, every 50 ms), and this child process labels and stores them.

Crash safety comes first: every batch is committed within COMMIT_WITHIN of reaching the worker,
labelled as far as time allowed; what was not labelled yet (a burst, or the seconds the labeller
takes to load at start) is stored as it is and labelled when the pipe is idle, the labelled
version replacing it under the same id. Stopping is an explicit "close" message (or the pipe
closing): the worker ignores SIGINT/SIGTERM so that Ctrl-C on the terminal, which reaches the
whole process group, cannot kill it before the parent has handed over its last flows.
"""

from __future__ import annotations

import dataclasses
import logging
import marshal
import multiprocessing
import multiprocessing.connection
import pickle
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from auditor.capture.sink import RecordEnricher, SinkStats, enrich_records, write_records
from auditor.errors import AuditorError
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


# A batch is committed this long after it reached the worker at the latest (labelled or not),
# so a crash loses at most the flows of the last moment.
COMMIT_WITHIN = 0.1
RELABEL_CHUNK = 50


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


def _load_enricher(stats: SinkStats, data_dir: Path) -> RecordEnricher | None:
    try:
        from auditor.enrich import Enricher
        from auditor.paths import DataDir

        return Enricher(data_dir=DataDir(data_dir))
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
    """Store every batch within COMMIT_WITHIN of its arrival, labelled as far as time allowed.

    Records not labelled by then are stored as they are (safe against a crash) and queued for
    labelling when the pipe is idle; the labelled version then replaces them (same id).
    """
    # The labeller takes seconds to load: it loads on a thread while flows are stored unlabelled
    # (and queued for labelling), so the first flows are as safe as the later ones.
    loader = _EnricherLoader(stats, spec.data_dir) if spec.label else None
    relabel: deque[FlowRecord] = deque()
    while True:
        enricher = loader.enricher if loader is not None else None
        ready = loader is None or loader.done.is_set()
        if relabel and ready and not conn.poll(0):
            chunk = [relabel.popleft() for _ in range(min(RELABEL_CHUNK, len(relabel)))]
            _replace(store, enrich_records(chunk, enricher, stats), stats, tee)
            continue
        # While the labeller loads, wake up now and then to see whether it is ready.
        if relabel and not ready and not conn.poll(0.05):
            continue
        try:
            data = conn.recv_bytes()
        except (EOFError, OSError):
            break
        if data == b"close":
            break
        arrived = time.monotonic()
        batch = [unpack_record(t) for t in marshal.loads(data)]
        if not ready:
            write_records(store, batch, stats, None)
            relabel.extend(batch)
            continue
        labelled: list[FlowRecord] = []
        for record in batch:
            if time.monotonic() - arrived > COMMIT_WITHIN:
                break
            labelled.extend(enrich_records([record], enricher, stats))
        rest = batch[len(labelled) :]
        write_records(store, labelled + rest, stats, tee if not rest else None)
        if rest:
            if tee is not None:
                tee(labelled)
            relabel.extend(rest)
    # Stopping: label what is still waiting before the last word.
    if relabel and loader is not None:
        loader.done.wait()
    enricher = loader.enricher if loader is not None else None
    while relabel:
        chunk = [relabel.popleft() for _ in range(min(RELABEL_CHUNK, len(relabel)))]
        _replace(store, enrich_records(chunk, enricher, stats), stats, tee)


class _EnricherLoader:
    def __init__(self, stats: SinkStats, data_dir: Path) -> None:
        self.enricher: RecordEnricher | None = None
        self.done = threading.Event()
        self._stats = stats
        self._data_dir = data_dir
        threading.Thread(target=self._load, name="auditor-labeller-load", daemon=True).start()

    def _load(self) -> None:
        try:
            self.enricher = _load_enricher(self._stats, self._data_dir)
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
        reason = " ".join(str(err).split()) or type(err).__name__
        logger.error("storing the labels of %d flows failed: %s", len(records), reason)
        return
    if tee is not None:
        tee(records)


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
            self._closed = True  # it has ended: nothing to close or report
            self._conn.close()
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
        self._conn.send_bytes(marshal.dumps([pack_record(r) for r in records]))

    def close(self, timeout: float = 300.0) -> SinkStats:
        if self._closed:
            return self.stats or SinkStats()
        self._closed = True
        try:
            self._conn.send_bytes(b"close")
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
