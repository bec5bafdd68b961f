"""The window's store connections, and whether the store's key can be had at all.

Five workers (`ui.workers.StoreClient`), each with its own connection on its own thread: `table`
(read-only: flow pages and the live tail), `counter` (the flow count), `stats` (charts, filter
completions: seconds at a million flows, so they never delay a flow's details), `aux` (the writer:
details, markers, imports, relabelling) and `policy` (no store: the policy engine, parsed once).

While the key cannot be had (no usable keyring, passphrase not given) `problem` says why: the
connections then fail at once instead of asking a locked keyring, and the window shows one
explanation of what to do until the user solves it (`make_available`).
"""

from __future__ import annotations

import html
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from auditor.paths import DataDir
from ui.qt import QDialog, QObject, QWidget, Signal
from ui.workers import StoreClient, run_in_pool

if TYPE_CHECKING:
    from auditor.store import Store
    from auditor.store.migrations import MigrationStep
    from ui.checks import StoreAccess

# How long the other connections wait for the table's to open (key derivation, schema check)
# before they open their own; an upgrade running in it is waited out.
TABLE_WAIT_S = 30.0


class StoreConnections(QObject):
    opened = Signal()  # the table's store opened (key derived, schema checked)
    problemChanged = Signal()  # `problem` was set or cleared
    available = Signal()  # the key can be had again: whatever the window shows should reload
    error = Signal(str)  # a job without an error callback of its own failed: one line
    # How the upgrade of a store an older version made comes on; "" when it is over. Emitted
    # from the table's thread (queued to the window's).
    migrating = Signal(str)

    def __init__(
        self,
        data_dir: Path,
        passphrase_file: str | None,
        problem: StoreAccess | None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.passphrase_file = passphrase_file
        self.problem = problem
        # The message of a problem the user solved: a job queued before, failing late, is not news.
        self.solved_message = ""
        self._generation = 0
        # The text of the upgrade running now ("" when none): read by the flow list's placeholder.
        self.migration = ""
        self._migration_shown = 0.0
        self._upgrading = threading.Event()
        dd = DataDir(data_dir)
        # The flow table opens first; the other connections wait for it, then reuse the derived
        # key instead of running the (deliberately slow) key derivation three times at once.
        table_opened = threading.Event()

        def table_reader() -> Store:
            from auditor.store import open_store

            try:
                self._raise_if_no_store()
                return open_store(
                    dd, passphrase_file=passphrase_file, readonly=True, progress=self._upgrade
                )
            finally:
                table_opened.set()
                self._upgrade_over()

        def wait_for_table() -> None:
            # An upgrade of a large store takes minutes (seconds per 100,000 flows): the others
            # wait it out rather than queue for its write lock and time out.
            while not table_opened.wait(TABLE_WAIT_S) and self._upgrading.is_set():
                pass

        def reader() -> Store:
            from auditor.store import open_store

            wait_for_table()
            self._raise_if_no_store()
            return open_store(dd, passphrase_file=passphrase_file, readonly=True)

        def writer() -> Store:
            from auditor.store import open_store

            wait_for_table()
            self._raise_if_no_store()
            return open_store(dd, passphrase_file=passphrase_file)

        self.table = StoreClient(table_reader, "flow-table", self)
        # Open the table's store (key derivation, schema check) while the widgets are built.
        self.open()
        self.aux = StoreClient(writer, "store-aux", self)
        self.stats = StoreClient(reader, "store-stats", self)
        self.counter = StoreClient(reader, "flow-count", self)
        self.policy = StoreClient(None, "policy", self)
        for client in self.clients():
            client.error.connect(self.error)

    def _upgrade(self, step: MigrationStep) -> None:
        """In the table's thread: one step of an upgrade, shown at most five times a second."""
        self._upgrading.set()
        now = time.monotonic()
        if 0.0 < step.done < 1.0 and now - self._migration_shown < 0.2:
            return
        self._migration_shown = now
        self.migration = (
            f"Upgrading the store an older version made: schema {step.version} "
            f"({step.purpose}), {int(100 * step.done)}%"
        )
        self.migrating.emit(self.migration)

    def _upgrade_over(self) -> None:
        self._upgrading.clear()
        if self.migration:
            self.migration = ""
            self.migrating.emit("")

    def clients(self) -> tuple[StoreClient, ...]:
        return (self.table, self.aux, self.stats, self.counter, self.policy)

    def _raise_if_no_store(self) -> None:
        """In the store threads: fail at once while the key cannot be had."""
        problem = self.problem
        if problem is not None:
            from auditor.errors import StoreKeyError

            raise StoreKeyError(problem.message)

    def open(self) -> None:
        """Opens the table's store in its thread. A failure of an earlier attempt arriving after
        a later one began is stale: the generation tells."""
        self._generation += 1
        generation = self._generation

        def failed(message: str) -> None:
            if generation == self._generation:
                self._unavailable(message)

        self.table.submit(lambda store: None, lambda _none: self.opened.emit(), failed)

    def is_news(self, message: str) -> bool:
        """Whether a failed job's message should be shown: not while the problem explains it,
        nor the late failure of a job queued before the problem was solved."""
        return self.problem is None and message != self.solved_message

    def _unavailable(self, message: str) -> None:
        if self.problem is None:
            from ui.checks import StoreAccess

            self.problem = StoreAccess("blocked", message)
        self.problemChanged.emit()

    def ask_passphrase(self, parent: QWidget) -> QDialog | None:
        from ui.passphrase import PassphraseDialog

        problem = self.problem
        if problem is None or problem.state not in ("unlock", "create"):
            return None
        dialog = PassphraseDialog(self.data_dir, problem.state, problem.message, parent)
        dialog.accepted.connect(self.make_available)
        dialog.open()
        return dialog

    def recheck(self) -> None:
        from ui.checks import store_access

        data_dir, pf = self.data_dir, self.passphrase_file

        def done(access: StoreAccess) -> None:
            if access.state == "ready":
                self.make_available()
            else:
                self.problem = access
                self.problemChanged.emit()

        run_in_pool(lambda: store_access(data_dir, pf), done, lambda _m: None)

    def make_available(self) -> None:
        """The key can be had now (passphrase entered, keyring unlocked): open and load."""
        if self.problem is None:
            return
        self.solved_message = self.problem.message
        self.problem = None
        self.problemChanged.emit()
        self.open()
        self.available.emit()

    def shutdown(self) -> None:
        for client in self.clients():
            client.shutdown()


def problem_html(problem: StoreAccess) -> str:
    """The flow list's placeholder while the store is not open: why, the fix, the links."""
    parts = [
        "<h3>The encrypted store is not open</h3>",
        f"<p>{html.escape(problem.message)}</p>",
    ]
    if problem.fix:
        parts.append(f"<p><b>Fix:</b> {problem.fix}</p>")
    links = []
    if problem.state == "unlock":
        links.append("<a href='passphrase'>Enter the passphrase…</a>")
    elif problem.state == "create":
        links.append("<a href='passphrase'>Use a passphrase instead…</a>")
    links.append("<a href='recheck'>Check again</a>")
    parts.append("<p>" + " &nbsp;·&nbsp; ".join(links) + "</p>")
    parts.append(
        "<p>Captures, the demo and imports need the store; nothing is recorded until then.</p>"
    )
    return "".join(parts)
