"""A running capture: the store-writing sink plus the proxy engine, as the commands use them."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

from auditor.capture.ca import CaFiles, ensure_ca
from auditor.capture.options import DEFAULT_BODY_CAP, format_addr
from auditor.capture.proxy import CaptureConfig, CaptureEngine
from auditor.capture.sink import FlowSink, FlowWriter, RecordEnricher, default_enricher
from auditor.errors import AuditorError
from auditor.paths import DataDir
from auditor.records import FlowRecord, to_spec_dict

logger = logging.getLogger(__name__)


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


class CaptureRun:
    """Sink + engine for one session. `start()` returns the listen addresses; `stop()` flushes."""

    def __init__(
        self,
        data_dir: DataDir,
        *,
        session: str,
        open_store: Callable[[], Any],
        listen_host: str = "127.0.0.1",
        listen_port: int = 0,
        modes: Sequence[str] = ("regular",),
        sinkholes: Sequence[str] = (),
        sinkhole_status: int = 204,
        body_cap: int = DEFAULT_BODY_CAP,
        mitm_options: Sequence[str] = (),
        session_meta: dict[str, Any] | None = None,
        jsonl: Path | None = None,
        make_enricher: Callable[[], RecordEnricher] | None = default_enricher,
    ) -> None:
        self.data_dir = data_dir
        self.session = session
        self.ca: CaFiles = ensure_ca(data_dir)
        self._open_store = open_store
        self._session_meta = dict(session_meta or {})
        self._tee = JsonlTee(jsonl) if jsonl else None
        self.sink = FlowSink(
            self._open_writer,
            make_enricher=make_enricher,
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
        self._started = False

    def _open_writer(self) -> FlowWriter:
        store = self._open_store()
        ensure = getattr(store, "ensure_session", None)
        if ensure is not None:
            ensure(self.session, **self._session_meta)
        writer: FlowWriter = store
        return writer

    def start(self) -> list[tuple[str, int]]:
        try:
            self.sink.start()
        except AuditorError:
            raise
        except Exception as err:
            raise AuditorError(f"could not open the flow store: {err}") from err
        try:
            addrs = self.engine.start()
        except BaseException:
            self.sink.close()
            raise
        self._started = True
        return addrs

    @property
    def proxy_url(self) -> str:
        host, port = self.engine.listen_addrs[0]
        return f"http://{format_addr(host, port)}"

    def stop(self) -> str:
        """Stop the proxy, store everything it handed on, and return the one-line summary."""
        self.engine.stop()
        self.sink.close()
        if self._tee is not None:
            self._tee.close()
        return self.sink.stats.summary()

    def report(self, stream: IO[str] = sys.stderr) -> None:
        stats = self.sink.stats
        print(f"auditor: session {self.session!r}: {stats.summary()}", file=stream, flush=True)


def _close_store(store: FlowWriter) -> None:
    close = getattr(store, "close", None)
    if close is not None:
        close()
