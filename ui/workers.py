"""Background work for the window: every database, file and network call runs off the GUI thread.

`StoreClient` owns one worker QThread with its own store connection (SQLite connections belong to
the thread that opened them), and runs jobs `fn(store) -> result` one after another in it, handing
results back to the GUI thread through queued signals. The window keeps five (`ui.stores`), so a
long chart query never holds up scrolling or a flow's details.

`run_in_pool` runs a plain function in QThreadPool for work that needs no store (exports, checks).

Both are generic: mypy checks that `on_done` takes what `fn` returns, so results travel as typed
values (dataclasses), never as positional tuples.
"""

from __future__ import annotations

import itertools
import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ui.qt import QObject, QRunnable, QThread, QThreadPool, Signal, Slot

if TYPE_CHECKING:
    from auditor.store import Store

log = logging.getLogger(__name__)

StoreOpener = Callable[[], "Store"]
Failed = Callable[[str], None]
# Per-thread caches for jobs (the policy engine, parsed once; the last purpose answer).
WorkerState = dict[str, Any]


@dataclass(frozen=True, slots=True)
class StatefulJob[T]:
    """A job that also gets its worker's private cache (lives as long as the thread). The store
    is None on a worker made without an opener (the policy engine's)."""

    fn: Callable[[Store | None, WorkerState], T]


def with_state[T](fn: Callable[[Store | None, WorkerState], T]) -> StatefulJob[T]:
    """Marks a job that also wants the worker's private cache dict."""
    return StatefulJob(fn)


def error_line(err: BaseException) -> str:
    """One line for the status bar: the AuditorError message, or the exception type and text."""
    from auditor.errors import AuditorError

    if isinstance(err, AuditorError):
        return str(err)
    text = " ".join(str(err).split())
    return f"{type(err).__name__}: {text}" if text else type(err).__name__


class _StoreWorker(QObject):
    finished = Signal(int, object)
    failed = Signal(int, str)
    closed = Signal()

    def __init__(self, opener: StoreOpener | None) -> None:
        super().__init__()
        self._opener = opener
        self._store: Store | None = None
        self.state: WorkerState = {}

    @Slot(int, object)
    def run(self, job_id: int, job: Callable[[Store], object] | StatefulJob[object]) -> None:
        try:
            if self._store is None and self._opener is not None:
                self._store = self._opener()
            result = (
                job.fn(self._store, self.state)
                if isinstance(job, StatefulJob)
                # A worker without an opener hands its plain jobs None (they need no store).
                else job(self._store)  # type: ignore[arg-type]
            )
        except Exception as err:
            log.debug("store job failed:\n%s", traceback.format_exc())
            self.failed.emit(job_id, error_line(err))
        else:
            self.finished.emit(job_id, result)

    def interrupt(self) -> None:
        """Aborts the statement running on this worker's connection (called from another
        thread; SQLite's interrupt is thread-safe and a no-op when nothing runs)."""
        if self._store is not None:
            self._store.interrupt()

    @Slot()
    def close(self) -> None:
        if self._store is not None:
            try:
                self._store.close()
            finally:
                self._store = None
        self.closed.emit()


class StoreClient(QObject):
    """Runs `fn(store)` jobs in order on a private thread; callbacks run on the GUI thread."""

    _submit = Signal(int, object)
    _close = Signal()
    error = Signal(str)  # a job failed and had no error callback of its own

    def __init__(
        self, opener: StoreOpener | None, name: str, parent: QObject | None = None
    ) -> None:
        """`opener` None: a worker thread for jobs that need no store (they get None)."""
        super().__init__(parent)
        self._ids = itertools.count(1)
        self._callbacks: dict[int, tuple[Callable[[Any], None] | None, Failed | None]] = {}
        self._thread = QThread()
        self._thread.setObjectName(name)
        self._worker = _StoreWorker(opener)
        self._worker.moveToThread(self._thread)
        self._submit.connect(self._worker.run)
        self._close.connect(self._worker.close)
        self._worker.finished.connect(self._on_finished)
        self._worker.failed.connect(self._on_failed)
        self._thread.start()
        self._shut = False

    def submit[T](
        self,
        fn: Callable[[Store], T] | StatefulJob[T],
        on_done: Callable[[T], None] | None = None,
        on_error: Failed | None = None,
    ) -> int:
        if self._shut:
            return -1
        job_id = next(self._ids)
        self._callbacks[job_id] = (on_done, on_error)
        self._submit.emit(job_id, fn)
        return job_id

    def pending(self) -> int:
        return len(self._callbacks)

    def interrupt(self) -> None:
        """Stops the query running now (its job fails with an 'interrupted' store error)."""
        self._worker.interrupt()

    @Slot(int, object)
    def _on_finished(self, job_id: int, result: object) -> None:
        on_done, _ = self._callbacks.pop(job_id, (None, None))
        if on_done is not None:
            on_done(result)

    @Slot(int, str)
    def _on_failed(self, job_id: int, message: str) -> None:
        _, on_error = self._callbacks.pop(job_id, (None, None))
        if on_error is not None:
            on_error(message)
        else:
            self.error.emit(message)

    def shutdown(self, timeout_ms: int = 5000) -> None:
        """Closes the store in its thread after the queued jobs, then stops the thread."""
        if self._shut:
            return
        self._shut = True
        self._callbacks.clear()
        self._close.emit()
        self._thread.quit()
        self._thread.wait(timeout_ms)


class _Relay(QObject):
    """Lives on the GUI thread, so signals emitted from a pool thread reach it queued."""

    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, on_done: Callable[[Any], None] | None, on_error: Failed | None) -> None:
        super().__init__()
        self.on_done = on_done
        self.on_error = on_error
        self.finished.connect(self._finished)
        self.failed.connect(self._failed)

    @Slot(object)
    def _finished(self, result: object) -> None:
        _live_relays.discard(self)
        if self.on_done is not None:
            self.on_done(result)

    @Slot(str)
    def _failed(self, message: str) -> None:
        _live_relays.discard(self)
        if self.on_error is not None:
            self.on_error(message)
        else:
            log.warning("background job failed: %s", message)


class _PoolJob(QRunnable):
    def __init__(self, fn: Callable[[], object], relay: _Relay) -> None:
        super().__init__()
        self.fn = fn
        self.relay = relay
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as err:
            log.debug("pool job failed:\n%s", traceback.format_exc())
            self.relay.failed.emit(error_line(err))
        else:
            self.relay.finished.emit(result)


_live_relays: set[_Relay] = set()


def run_in_pool[T](
    fn: Callable[[], T],
    on_done: Callable[[T], None] | None = None,
    on_error: Failed | None = None,
) -> None:
    """Runs `fn()` on QThreadPool; the callbacks run on the GUI thread."""
    relay = _Relay(on_done, on_error)
    _live_relays.add(relay)
    QThreadPool.globalInstance().start(_PoolJob(fn, relay))
