"""The window's background workers: jobs run in order on their own thread, a stateful job keeps
its cache for the thread's life, answers and failures come back on the GUI thread."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from ui.qt import QApplication, QThread
from ui.workers import StoreClient, WorkerState, run_in_pool, with_state


def test_jobs_run_in_order_off_the_gui_thread_and_answer_on_it(qtbot: QtBot) -> None:
    client = StoreClient(None, "test-worker")
    gui = QApplication.instance().thread()  # type: ignore[union-attr]
    answers: list[tuple[object, bool]] = []
    failures: list[str] = []

    @with_state
    def remember(store: object, state: WorkerState) -> list[str]:
        seen: list[str] = state.setdefault("seen", [])
        seen.append(threading.current_thread().name)
        return list(seen)

    def given(store: object) -> object:
        return store  # a worker made without an opener hands its jobs None

    def broken(store: object) -> int:
        raise ValueError("bad\nvalue")

    def answered(result: object) -> None:
        answers.append((result, QThread.currentThread() is gui))

    try:
        client.submit(remember, answered)
        client.submit(given, answered)
        client.submit(broken, answered, failures.append)
        client.submit(remember, answered)
        qtbot.waitUntil(lambda: len(answers) == 3 and len(failures) == 1, timeout=5000)
    finally:
        client.shutdown()
    first, none, second = answers
    assert none == (None, True)
    assert first[1] and second[1]  # callbacks run on the GUI thread
    # The second stateful job saw the first one's cache: same thread, same dict.
    assert isinstance(second[0], list) and len(second[0]) == 2
    assert second[0][0] == second[0][1] != threading.current_thread().name
    assert failures == ["ValueError: bad value"]  # one line


def test_pool_answers_on_the_gui_thread(qtbot: QtBot) -> None:
    gui = QApplication.instance().thread()  # type: ignore[union-attr]
    results: list[tuple[int, bool]] = []
    errors: list[str] = []
    run_in_pool(lambda: 6 * 7, lambda r: results.append((r, QThread.currentThread() is gui)))

    def fails() -> int:
        raise OSError("disk full")

    run_in_pool(fails, None, errors.append)
    qtbot.waitUntil(lambda: bool(results) and bool(errors), timeout=5000)
    assert results == [(42, True)]
    assert errors == ["OSError: disk full"]
