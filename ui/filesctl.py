"""What comes into the store and what goes out of it: the demo meeting, importing captures (on the
writer's thread, the same use case as `auditor import`) and exports and reports (the same as
`auditor export|report`, each in a pool thread with its own read-only connection)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from auditor.paths import DataDir
from ui.exporting import EXPORTS, ExportEntry, run_entry
from ui.qt import QAction, QFileDialog, QKeySequence, QMenu, QObject, QWidget, Signal
from ui.workers import run_in_pool

if TYPE_CHECKING:
    from auditor.store import Store
    from auditor.usecases import FileImport
    from ui.stores import StoreConnections


class FileController(QObject):
    sessionReady = Signal(str)  # a session was built or imported: show it
    demoReady = Signal(str)  # the demo session is stored and shown
    message = Signal(str, int)  # for the status bar: text, milliseconds (0: until replaced)
    failed = Signal(str)  # an import or export failed: one line

    def __init__(
        self,
        data_dir: Path,
        passphrase_file: str | None,
        stores: StoreConnections,
        session: Callable[[], str | None],
        parent: QWidget,
    ) -> None:
        """`session()`: the session the window shows (what an export writes; None: all)."""
        super().__init__(parent)
        self._data_dir = data_dir
        self._passphrase_file = passphrase_file
        self._stores = stores
        self._session = session
        self._parent = parent
        self.act_demo = QAction("Open &demo meeting", parent)
        self.act_demo.triggered.connect(self.open_demo)
        self.act_import = QAction("&Import capture…", parent)
        self.act_import.setShortcut(QKeySequence("Ctrl+O"))
        self.act_import.triggered.connect(self._import_dialog)
        self.export_actions: list[QAction] = []

    def fill_export_menu(self, menu: QMenu) -> None:
        menu.setObjectName("exportMenu")
        for entry in EXPORTS:
            action = menu.addAction(entry.title)
            action.triggered.connect(lambda _=False, e=entry: self.export(e))
            self.export_actions.append(action)
            if entry.fmt == "pdf":
                menu.addSeparator()

    def set_usable(self, usable: bool) -> None:
        for action in (self.act_demo, self.act_import, *self.export_actions):
            action.setEnabled(usable)

    def open_demo(self) -> None:
        if self._stores.problem is not None:
            return
        self.message.emit("Building the demo meeting (real labeller and policy engine)…", 0)

        def build(store: Store) -> str:
            from auditor.demo import build_demo

            return build_demo(store)

        def done(name: str) -> None:
            self.message.emit("Demo meeting ready", 4000)
            self.sessionReady.emit(name)
            self.demoReady.emit(name)

        self._stores.aux.submit(build, done)

    def _import_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self._parent,
            "Import captures",
            "",
            "Captures (*.har *.mitm *.flow *.jsonl);;All files (*)",
        )
        if paths:
            self.import_files([Path(p) for p in paths])

    def import_files(self, paths: list[Path]) -> None:
        """The same use case as `auditor import` (one transaction per file, a file imported
        before adds nothing), on the writer's thread."""
        data_dir = DataDir(self._data_dir)

        def run(store: Store) -> list[FileImport]:
            from auditor.usecases import import_files

            return import_files(store, paths, data_dir=data_dir)

        def done(results: list[FileImport]) -> None:
            if not results:
                return
            self.message.emit("; ".join(r.summary() for r in results), 10000)
            self.sessionReady.emit(results[-1].session)

        self.message.emit("Importing…", 0)
        self._stores.aux.submit(
            run, done, lambda message: self.failed.emit(f"import failed: {message}")
        )

    def export(self, entry: ExportEntry, output: Path | None = None) -> None:
        session = self._session()
        if output is None:
            suggested = f"{session or 'all-sessions'}{entry.suffix}"
            chosen, _ = QFileDialog.getSaveFileName(
                self._parent, entry.title.rstrip("…"), suggested, entry.file_filter
            )
            if not chosen:
                return
            output = Path(chosen)
        target = output
        data_dir, passphrase_file = self._data_dir, self._passphrase_file
        self.message.emit(f"Writing {target.name}…", 0)
        run_in_pool(
            lambda: run_entry(
                entry, target, data_dir=data_dir, session=session, passphrase_file=passphrase_file
            ),
            lambda _summary: self.message.emit(f"Wrote {target}", 8000),
            lambda message: self.failed.emit(f"export failed: {message}"),
        )
