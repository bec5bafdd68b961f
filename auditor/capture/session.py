"""A running capture: the store-writing sink plus the proxy engine, as the commands use them."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

from auditor.capture.ca import CaFiles, ensure_ca
from auditor.capture.options import DEFAULT_BODY_CAP, format_addr
from auditor.capture.proxy import CaptureConfig, CaptureEngine
from auditor.capture.sink import FlowSink, FlowWriter, JsonlTee, SinkStats, default_enricher
from auditor.capture.worker import (
    HANDOVER_INTERVAL,
    StoreProcess,
    new_store_process,
    sink_mode_from_env,
)
from auditor.errors import AuditorError
from auditor.paths import DataDir

logger = logging.getLogger(__name__)


class CaptureRun:
    """Sink + engine for one session. `start()` returns the listen addresses; `stop()` flushes.

    With `sink_mode="process"` (the default) labelling and storing run in a child process
    (`worker.StoreProcess`), so they never compete with the proxy for its GIL; `"thread"` keeps
    them on a thread of this process (`open_store` is then called on that thread).
    """

    def __init__(
        self,
        data_dir: DataDir,
        *,
        session: str,
        passphrase_file: str | None = None,
        open_store: Callable[[], FlowWriter] | None = None,
        listen_host: str = "127.0.0.1",
        listen_port: int = 0,
        modes: Sequence[str] = ("regular",),
        sinkholes: Sequence[str] = (),
        sinkhole_status: int = 204,
        body_cap: int = DEFAULT_BODY_CAP,
        mitm_options: Sequence[str] = (),
        session_meta: dict[str, Any] | None = None,
        jsonl: Path | None = None,
        label: bool = True,
        sink_mode: str | None = None,
        store_process: StoreProcess | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.session = session
        self.ca: CaFiles = ensure_ca(data_dir)
        self._session_meta = dict(session_meta or {})
        if store_process is not None:
            sink_mode = "process"
        self.sink_mode = sink_mode or sink_mode_from_env()
        if self.sink_mode not in ("process", "thread"):
            raise AuditorError(f"unknown capture sink mode {self.sink_mode!r} (process or thread)")
        self._tee: JsonlTee | None = None
        self.store_process: StoreProcess | None = store_process
        if self.sink_mode == "process":
            if self.store_process is None:
                self.store_process = new_store_process(
                    data_dir,
                    session=session,
                    passphrase_file=passphrase_file,
                    session_meta=self._session_meta,
                    label=label,
                    jsonl=jsonl,
                )
            process = self.store_process
            # Batches go to the worker often: it commits each one promptly (crash safety),
            # and a pipe write costs little.
            self.sink = FlowSink(
                lambda: process, make_enricher=None, flush_interval=HANDOVER_INTERVAL
            )
        else:
            if open_store is None:
                from auditor.store import open_store as _open

                def open_store() -> FlowWriter:
                    return _open(data_dir, passphrase_file=passphrase_file)

            self._open_store = open_store
            self._tee = JsonlTee(jsonl) if jsonl else None
            self.sink = FlowSink(
                self._open_writer,
                make_enricher=(lambda: default_enricher(data_dir, passphrase_file))
                if label
                else None,
                close_writer=_close_store,
                on_stored=self._tee,
            )
        self.engine = CaptureEngine(
            CaptureConfig(
                session=session,
                confdir=self.ca.confdir,
                listen_host=listen_host,
                listen_port=listen_port,
                modes=list(modes),
                sinkholes=list(sinkholes),
                sinkhole_status=sinkhole_status,
                body_cap=body_cap,
                mitm_options=list(mitm_options),
            ),
            self.sink.put,
        )
        self.stats = SinkStats()
        self._stopped = False

    def _open_writer(self) -> FlowWriter:
        store = self._open_store()
        ensure = getattr(store, "ensure_session", None)
        if ensure is not None:
            ensure(self.session, **self._session_meta)
        writer: FlowWriter = store
        return writer

    def start(self) -> list[tuple[str, int]]:
        if self.store_process is not None:
            # The worker (a fresh interpreter) and the proxy start side by side.
            self.store_process.start()
            try:
                addrs = self.engine.start()
            except BaseException:
                self.store_process.abort()
                self.stop()
                raise
            try:
                self.store_process.wait_ready()
            except BaseException:
                self.stop()
                raise
            self.sink.start()
            return addrs
        try:
            self.sink.start()
        except AuditorError:
            self._close_worker()
            raise
        except Exception as err:
            self._close_worker()
            raise AuditorError(f"could not open the flow store: {err}") from err
        try:
            return self.engine.start()
        except BaseException:
            self.stop()
            raise

    def _close_worker(self) -> SinkStats | None:
        if self.store_process is None:
            return None
        return self.store_process.close()

    def mark_launched(self, pid: int, tag: str) -> None:
        """A program started for this capture: its process tree's flows carry `tag`."""
        if self.engine.resolver is not None:
            self.engine.resolver.register_launch(pid, tag)

    @property
    def proxy_url(self) -> str:
        host, port = self.engine.listen_addrs[0]
        return f"http://{format_addr(host, port)}"

    def stop(self) -> SinkStats:
        """Stop the proxy and store everything it handed on; the combined counters.

        Safe to call more than once, and after a failed `start()`."""
        if self._stopped:
            return self.stats
        self._stopped = True
        self.engine.stop()
        self.sink.close()
        if self._tee is not None:
            self._tee.close()
        local = self.sink.stats
        worker = self._close_worker()
        if worker is None:
            self.stats = local
        else:
            self.stats = SinkStats(
                queued=local.queued,
                dropped=local.dropped,
                stored=worker.stored,
                enrich_failures=worker.enrich_failures,
                write_failures=local.write_failures + worker.write_failures,
                enricher_error=worker.enricher_error,
                late_processes=local.late_processes,
            )
        return self.stats

    @property
    def failed(self) -> str | None:
        """Why the capture cannot go on (its storing process died for good), or None."""
        return self.sink.fatal

    def report(self, stream: IO[str] = sys.stderr) -> None:
        print(f"auditor: session {self.session!r}: {self.stats.summary()}", file=stream, flush=True)


def _close_store(store: FlowWriter) -> None:
    close = getattr(store, "close", None)
    if close is not None:
        close()
