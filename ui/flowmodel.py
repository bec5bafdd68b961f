"""The flow table: a virtual model over the store that never holds more than a few pages.

Rows are fetched a page at a time, on demand, by the table's own store worker thread; `data()`
answers from a small LRU page cache and asks for a missing page instead of blocking. A filter
change or sort runs count + first page in one job and swaps the model in one reset when the answer
arrives (stale answers are dropped by generation number), so the table never flashes empty.

New flows arrive in batches: a timer on the GUI thread asks the worker (never the GUI thread)
whether rows with a larger rowid exist (`FlowQuery.after_rowid`) and inserts them all at once.

When the filter has parts a FlowQuery cannot hold (negation, alternatives), the worker walks the
query's results in chunks, keeps the matching summaries (up to MAX_SCAN_ROWS) and the table grows
as chunks come in.

Host names and request paths are shown as the detail pane shows them (issue 13): unless
"Show credential values" is on (`set_reveal`), every credential the labeller found in the flow's
session is masked by the auditor's redactor (`Redactor.redact_host`, `redact_path`, which also
apply the shared vocabulary's keys and the credential shapes). A row's host and path are shown
only once its session's credentials are read up to the row (`CredentialBook`, on a worker of its
own, shared with the detail pane): until then the cells say "…".
"""

from __future__ import annotations

import dataclasses
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from auditor.errors import AuditorError
from auditor.export.redact import Pseudonymizer, Redactor
from auditor.filterexpr import CompiledFilter, compile_filter
from auditor.records import VERDICTS
from ui import theme
from ui.qt import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from ui.workers import StoreClient

if TYPE_CHECKING:
    from auditor.export.redact import StoredCredentials
    from auditor.store import FlowQuery, FlowSummary, Store

AnyIndex = QModelIndex | QPersistentModelIndex

SummaryRole = Qt.ItemDataRole.UserRole + 1
LabelsRole = Qt.ItemDataRole.UserRole + 2
VerdictRole = Qt.ItemDataRole.UserRole + 3
LoadedRole = Qt.ItemDataRole.UserRole + 4


class CredentialBook:
    """Per session, the credential values read from its stored flows so far
    (`stored_credentials`), shared by the views that mask them (the detail pane, the flow list):
    read once, by whichever worker asks first; a reader that comes while another reads waits for
    it, then reads only the flows stored since."""

    def __init__(self) -> None:
        self._reading = threading.Lock()  # held through a read: readers go one at a time
        self._state = threading.Lock()  # held briefly: the GUI thread may take it
        self._generation = 0
        self._read: dict[str, int] = {}
        self._values: dict[str, frozenset[str]] = {}

    def read(self, store: Store, session: str) -> StoredCredentials:
        """(On a worker) every credential of `session` known after reading its flows stored
        since the last read, and the rowid read up to (0: forgotten while it read)."""
        from auditor.export.redact import StoredCredentials, stored_credentials

        with self._reading:
            with self._state:
                generation = self._generation
                after = self._read.get(session, 0)
            found = stored_credentials(store, session, after)
            with self._state:
                if generation != self._generation:
                    return StoredCredentials(found.values, 0)
                values = self._values.get(session, frozenset()) | found.values
                self._values[session] = values
                self._read[session] = found.max_rowid
            return StoredCredentials(values, found.max_rowid)

    def forget(self) -> None:
        """Stored flows were labelled again, or sessions replaced (rowids of deleted flows are
        used again): every session is read anew."""
        with self._state:
            self._generation += 1
            self._read.clear()
            self._values.clear()


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    title: str
    order_by: str | None  # Store.query_flows order_by, None: not sortable
    width: int  # default width in average characters
    tip: str


COLUMNS: tuple[Column, ...] = (
    Column("time", "Time", "ts", 9, "When the request started (local time)"),
    Column("app", "App", "app", 11, "Client app and process that sent it"),
    Column(
        "entity", "Receiver", "entity", 13, "Organisation that receives the data, and its party"
    ),
    Column("host", "Host", "host", 21, "Server host name"),
    Column("request", "Request", "path", 24, "Method and path"),
    Column("status", "Status", "status", 6, "Response status"),
    Column("size", "Size ↑ / ↓", "size", 13, "Request body sent / response body received"),
    Column("labels", "Data sent", None, 30, "Data categories found in the flow"),
    Column("verdict", "Policy", "verdict", 15, "Worst verdict of the vendor's terms for this flow"),
)
COLUMN_INDEX = {c.key: i for i, c in enumerate(COLUMNS)}
_ROLES = frozenset(
    int(r)
    for r in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.AccessibleTextRole,
        SummaryRole,
        LabelsRole,
        VerdictRole,
        LoadedRole,
    )
)

PAGE_SIZE = 200
MAX_CACHED_PAGES = 60
SCAN_CHUNK = 4000
MAX_SCAN_ROWS = 50_000  # residual filters keep at most this many summaries (~30 MB)
TAIL_INTERVAL_MS = 700
WITHHELD = "…"  # a host or path whose session's credentials are not read yet


def sort_value(s: FlowSummary, order_by: str) -> Any:
    """The value `Store.query_flows` sorts `s` by, for keyset paging (`cursor=(value, rowid)`)."""
    if order_by == "size":
        return s.req_size + s.resp_size
    if order_by == "verdict":
        return VERDICTS.index(s.verdict) if s.verdict in VERDICTS else None
    if order_by == "process":
        return s.process_name
    return getattr(s, order_by)


# Keyset cursor: the sort value and rowid of the row before the next ones.
Cursor = tuple[Any, int]

# What the worker's jobs answer; each carries the filter generation it was asked for, so an answer
# to an older filter is dropped.


@dataclass(frozen=True, slots=True)
class _FirstPage:
    generation: int
    total: int
    rows: list[FlowSummary]
    max_rowid: int


@dataclass(frozen=True, slots=True)
class _Page:
    generation: int
    page: int
    rows: list[FlowSummary]


@dataclass(frozen=True, slots=True)
class _Count:
    generation: int
    total: int
    max_rowid: int  # rows stored after it reach the table through the tail


@dataclass(frozen=True, slots=True)
class _ScanStart:
    generation: int
    max_rowid: int


@dataclass(frozen=True, slots=True)
class _ScanChunk:
    generation: int
    more: bool  # a full chunk: there may be more rows to walk
    matched: list[FlowSummary]
    cursor: Cursor | None  # where the next chunk starts
    first: bool


@dataclass(frozen=True, slots=True)
class _Tail:
    generation: int
    max_rowid: int
    added: int  # rows appended under an exact filter (counted, fetched as pages)
    rows: list[FlowSummary]  # rows matched by a residual filter


class FlowTableModel(QAbstractTableModel):
    """Virtual, read-only table of FlowSummary rows for one CompiledFilter."""

    countChanged = Signal(int)  # rows matching the filter (grows during a scan)
    loaded = Signal()  # the answer to the current filter arrived (first page is in)
    counted = Signal()  # the number of matching rows is known (count done or scan finished)
    scanningChanged = Signal(bool)
    rowsAppended = Signal(int)  # live tail inserted this many rows
    failed = Signal(str)

    def __init__(
        self,
        client: StoreClient,
        parent: QObject | None = None,
        *,
        count_client: StoreClient | None = None,
        credentials_client: StoreClient | None = None,
        credentials: CredentialBook | None = None,
    ) -> None:
        """`credentials_client` reads the sessions' credentials (default: the table's own) into
        `credentials` (shared with the detail pane)."""
        super().__init__(parent)
        self._client = client
        self._credentials_client = credentials_client or client
        self.credentials = credentials or CredentialBook()
        # The masking the detail pane does, for the host and request columns.
        self._masker = Redactor(
            Pseudonymizer(secrets.token_bytes(32)), pseudonymize=False, use_labeller=False
        )
        self._reveal = False
        # Per session, the last rowid whose flows' credentials the masker has learned, and the
        # sessions whose read is under way.
        self._credentials_read: dict[str, int] = {}
        self._credentials_pending: set[str] = set()
        # Counting a million rows can take seconds: on its own connection, a count never holds
        # up the pages of the next filter (a stale count is skipped if it has not started).
        self._count_client = count_client or client
        self._filter: CompiledFilter = compile_filter(None)
        self._order_by = "ts"
        self._descending = False
        self._generation = 0
        self._total = 0
        self._pages: OrderedDict[int, list[FlowSummary]] = OrderedDict()
        self._pending_pages: set[int] = set()
        self._texts: dict[int, tuple[str, ...]] = {}  # display strings by rowid
        self._parts: dict[int, tuple[str, str]] = {}  # (host, path) as shown, by rowid
        self._masked: dict[tuple[str, str], tuple[str, str]] = {}  # (host, path) → as shown
        self._scan_rows: list[FlowSummary] | None = None  # residual mode: the matched rows
        self._scan_cursor: Cursor | None = None
        self.truncated = False  # a residual scan stopped at MAX_SCAN_ROWS matches
        self._scanning = False
        self._tail_rowid = 0
        self._tail_pending = False
        self._counting = False
        self._live = True
        self._tail_timer = QTimer(self)
        self._tail_timer.setInterval(TAIL_INTERVAL_MS)
        self._tail_timer.timeout.connect(self.poll_tail)

    # ---------------------------------------------------------------- public API

    @property
    def compiled(self) -> CompiledFilter:
        return self._filter

    @property
    def total(self) -> int:
        return self._total if self._scan_rows is None else len(self._scan_rows)

    @property
    def scanning(self) -> bool:
        return self._scanning

    @property
    def order_by(self) -> str:
        return self._order_by

    @property
    def descending(self) -> bool:
        return self._descending

    @property
    def counting(self) -> bool:
        return self._counting

    @property
    def generation(self) -> int:
        return self._generation

    def set_live(self, live: bool) -> None:
        """Poll for new flows (on by default once a filter is set)."""
        self._live = live
        if live and self._generation:
            self._tail_timer.start()
        else:
            self._tail_timer.stop()

    def set_filter(self, compiled: CompiledFilter) -> None:
        self._filter = compiled
        self.reload()

    def set_query(self, query: FlowQuery) -> None:
        self.set_filter(CompiledFilter(query=query, residual=None, expr=None))

    def reload(self) -> None:
        """Ask the store again for the current filter and order; swaps in when it answers."""
        self._generation += 1
        generation = self._generation
        compiled = self._filter
        order_by, descending = self._order_by, self._descending
        self._set_scanning(False)
        if self._counting and self._count_client is not self._client:
            # A count of the old filter may run for seconds on a large store: stop it.
            self._count_client.interrupt()
        self._counting = False
        if compiled.exact:
            # The first page first (an index walk that stops after PAGE_SIZE rows), the count
            # after it: rows are on screen before a large count finishes.
            def first_page(store: Store) -> _FirstPage:
                top = store.max_rowid()
                query = dataclasses.replace(compiled.query)
                rows = store.query_flows(
                    query, offset=0, limit=PAGE_SIZE, order_by=order_by, descending=descending
                )
                return _FirstPage(generation, len(rows), rows, top)

            self._client.submit(first_page, self._on_first_page, self._on_error)
        else:

            def scan_start(store: Store) -> _ScanStart:
                return _ScanStart(generation, store.max_rowid())

            self._client.submit(scan_start, self._on_scan_start, self._on_error)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        key = COLUMNS[column].order_by
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._order_by, self._descending):
            return
        self._order_by, self._descending = key, descending
        self.reload()

    def summary(self, row: int) -> FlowSummary | None:
        if self._scan_rows is not None:
            return self._scan_rows[row] if 0 <= row < len(self._scan_rows) else None
        page = self._pages.get(row // PAGE_SIZE)
        if page is None:
            return None
        offset = row % PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def shutdown(self) -> None:
        self._tail_timer.stop()
        self._generation += 1

    # ---------------------------------------------------------------- credentials

    def set_reveal(self, reveal: bool) -> None:
        """Show hosts and paths as captured ("Show credential values"), or masked."""
        if reveal != self._reveal:
            self._reveal = reveal
            self._restate()

    def learn_credentials(self, session: str, credentials: StoredCredentials) -> None:
        """Credentials of `session`'s flows up to `credentials.max_rowid` (read here, or by the
        detail pane): masked in every row from now on, and rows waiting for them are shown."""
        read = self._credentials_read.get(session, 0)
        self._credentials_read[session] = max(read, credentials.max_rowid)
        learned = False
        for value in credentials.values:
            learned = self._masker.add_secret(value) or learned
        if learned or credentials.max_rowid > read:
            self._restate()

    def reread_credentials(self) -> None:
        """Flows were labelled again or sessions replaced (rowids of deleted flows are used
        again): every session's credentials are read anew before its rows are shown."""
        self.credentials.forget()
        self._credentials_read.clear()
        self._credentials_pending.clear()
        self._restate()

    def _restate(self) -> None:
        """Every row's texts are made again (what is masked changed)."""
        self._texts.clear()
        self._parts.clear()
        self._masked.clear()
        if self.total:
            self.dataChanged.emit(self.index(0, 0), self.index(self.total - 1, len(COLUMNS) - 1))

    def _read_credentials(self, session: str) -> None:
        if session in self._credentials_pending:
            return
        self._credentials_pending.add(session)
        book = self.credentials

        def read(store: Store) -> StoredCredentials:
            return book.read(store, session)

        def done(credentials: StoredCredentials) -> None:
            self._credentials_pending.discard(session)
            self.learn_credentials(session, credentials)

        def failed(message: str) -> None:
            # Stays pending (no read again at every paint); `reread_credentials` tries again.
            self.failed.emit(message)

        self._credentials_client.submit(read, done, failed)

    def _shown_parts(self, s: FlowSummary) -> tuple[str, str] | None:
        """(host, path) of `s` as the list shows them; None while they must wait for the
        credentials of its session (read now)."""
        host, path = s.host or "", s.path or ""
        if self._reveal or not (host or path):
            return host, path
        if self._credentials_read.get(s.session, 0) < s.rowid:
            self._read_credentials(s.session)
            return None
        # The same endpoints are called again and again: their masked forms are remembered.
        shown = self._masked.get((host, path))
        if shown is None:
            masker = self._masker
            shown = masker.redact_host(host), masker.redact_path(path, host) if path else ""
            if len(self._masked) > PAGE_SIZE * MAX_CACHED_PAGES:
                self._masked.clear()
            self._masked[(host, path)] = shown
        return shown

    # ---------------------------------------------------------------- Qt model

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.total

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].title
        if role == Qt.ItemDataRole.ToolTipRole:
            return COLUMNS[section].tip
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Views ask a dozen roles per cell and paint often: answer the unused ones first.
        if int(role) not in _ROLES or not index.isValid() or not 0 <= index.row() < self.total:
            return None
        row = index.row()
        s = self.summary(row)
        if s is None:
            if self._scan_rows is None:
                self._request_page(row // PAGE_SIZE)
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                return "…"
            if role == LoadedRole:
                return False
            return None
        if role == LoadedRole:
            return True
        if role == SummaryRole:
            return s
        key = COLUMNS[index.column()].key
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts_of(s)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = self._tooltip(key, s)
            return theme.plain_tip(tip) if tip else tip
        if role == LabelsRole:
            return list(s.labels)
        if role == VerdictRole:
            return s.verdict
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("status", "size"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._tooltip(key, s) or self._texts_of(s)[index.column()]
        return None

    def _texts_of(self, s: FlowSummary) -> tuple[str, ...]:
        """The display strings of `s`'s row, remembered once its host and path may be shown."""
        texts = self._texts.get(s.rowid)
        if texts is None:
            parts = self._shown_parts(s)
            texts = tuple(self._display(c.key, s, parts) for c in COLUMNS)
            if parts is not None:
                if len(self._texts) > PAGE_SIZE * MAX_CACHED_PAGES:
                    self._texts.clear()
                    self._parts.clear()
                self._texts[s.rowid] = texts
                self._parts[s.rowid] = parts
        return texts

    @staticmethod
    def _display(key: str, s: FlowSummary, parts: tuple[str, str] | None) -> str:
        """`parts`: (host, path) as shown (`_shown_parts`), None: withheld."""
        if key == "time":
            return theme.clock(s.ts)
        if key == "app":
            return s.app or s.process_name or "—"
        if key == "entity":
            return s.entity or "unknown"
        if key == "host":
            return WITHHELD if parts is None else parts[0]
        if key == "request":
            if s.kind in ("http", "websocket"):
                prefix = "WS " if s.kind == "websocket" else ""
                path = WITHHELD if parts is None else parts[1]
                return f"{prefix}{s.method or ''} {path}".strip()
            return s.kind.replace("_", " ")
        if key == "status":
            return "" if s.status is None else str(s.status)
        if key == "size":
            return f"{theme.human_bytes(s.req_size)} / {theme.human_bytes(s.resp_size)}"
        if key == "labels":
            return ", ".join(theme.label_short(c) for c in s.labels)
        if key == "verdict":
            return theme.VERDICT_TEXT.get(s.verdict or "", "—")
        return ""

    def _tooltip(self, key: str, s: FlowSummary) -> str | None:
        if key == "time":
            return theme.clock(s.ts, with_date=True)
        if key == "app":
            pid = f" (pid {s.pid})" if s.pid is not None else ""
            return f"{s.app or 'unknown app'} — process {s.process_name or '?'}{pid}"
        if key == "entity":
            return f"{s.entity or 'unknown'} — {s.party or 'unknown'} party"
        if key == "request":
            parts = self._parts.get(s.rowid) or self._shown_parts(s)
            if parts is None:
                return None
            return f"{s.method or ''} {parts[0]}{parts[1]}".strip()
        if key == "labels":
            return "\n".join(theme.label_long(c) for c in s.labels) or "no data categories"
        if key == "verdict" and s.verdict:
            return theme.VERDICT_HELP.get(s.verdict)
        return None

    # ---------------------------------------------------------------- paging

    def _request_page(self, page: int) -> None:
        if page in self._pending_pages:
            return
        # Keep the pages around the one asked for: they are what the view shows.
        for near in (page - 1, page + 1):
            if near in self._pages:
                self._pages.move_to_end(near)
        self._pending_pages.add(page)
        generation = self._generation
        query = dataclasses.replace(self._filter.query)
        order_by, descending = self._order_by, self._descending
        current = self._current_generation

        # Keyset paging from the row before this page when it is at hand (constant time at any
        # depth); OFFSET otherwise (a jump with the scroll bar).
        before = self._pages.get(page - 1)
        cursor = None
        if before and len(before) == PAGE_SIZE:
            cursor = (sort_value(before[-1], order_by), before[-1].rowid)

        def fetch(store: Store) -> _Page | None:
            if current() != generation:
                return None  # the filter changed while this waited in the queue
            if cursor is not None:
                rows = store.query_flows(
                    query, limit=PAGE_SIZE, order_by=order_by, descending=descending, cursor=cursor
                )
            else:
                rows = store.query_flows(
                    query,
                    offset=page * PAGE_SIZE,
                    limit=PAGE_SIZE,
                    order_by=order_by,
                    descending=descending,
                )
            return _Page(generation, page, rows)

        self._client.submit(fetch, self._on_page, self._on_error)

    def _current_generation(self) -> int:
        return self._generation

    def _on_page(self, result: _Page | None) -> None:
        if result is None or result.generation != self._generation:
            return
        page, rows = result.page, result.rows
        self._pending_pages.discard(page)
        self._store_page(page, rows)
        first = page * PAGE_SIZE
        end = first + len(rows)
        if (
            len(rows) < PAGE_SIZE
            and first < self._total < first + PAGE_SIZE + 1
            and end < self._total
        ):
            # Fewer rows than counted (flows deleted, or counted twice around a live write).
            self.beginRemoveRows(QModelIndex(), end, self._total - 1)
            self._total = end
            self.endRemoveRows()
            self.countChanged.emit(self._total)
        last = min(self._total, first + PAGE_SIZE) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))

    def _store_page(self, page: int, rows: list[FlowSummary]) -> None:
        self._pages[page] = rows
        self._pages.move_to_end(page)
        while len(self._pages) > MAX_CACHED_PAGES:
            self._pages.popitem(last=False)

    def _on_first_page(self, result: _FirstPage) -> None:
        if result.generation != self._generation:
            return
        self.beginResetModel()
        self._scan_rows = None
        self.truncated = False
        self._pages.clear()
        self._pending_pages.clear()
        self._total = result.total
        self._tail_rowid = result.max_rowid
        if result.rows:
            self._store_page(0, result.rows)
        self.endResetModel()
        self.loaded.emit()
        if len(result.rows) < PAGE_SIZE:
            self.countChanged.emit(self._total)
            self.counted.emit()
        else:
            self._count(result.generation)
        if self._live:
            self._tail_timer.start()

    def _count(self, generation: int) -> None:
        self._counting = True
        query = dataclasses.replace(self._filter.query)
        current = self._current_generation

        def count(store: Store) -> _Count | None:
            if current() != generation:
                return None
            # Rows stored after `top` reach the table through the tail.
            top = store.max_rowid()
            try:
                total = store.count_flows(query)
            except AuditorError:
                if current() != generation:
                    return None  # interrupted: the filter changed
                raise
            return _Count(generation, total, top)

        self._count_client.submit(count, self._on_count, self._on_error)

    def _on_count(self, result: _Count | None) -> None:
        if result is None or result.generation != self._generation:
            return
        total = result.total
        self._counting = False
        self._tail_rowid = max(self._tail_rowid, result.max_rowid)
        if total > self._total:
            self.beginInsertRows(QModelIndex(), self._total, total - 1)
            self._total = total
            self.endInsertRows()
        self.countChanged.emit(self._total)
        self.counted.emit()

    def _on_error(self, message: str) -> None:
        self._set_scanning(False)
        self.failed.emit(message)

    # ---------------------------------------------------------------- residual scan

    def _set_scanning(self, scanning: bool) -> None:
        if scanning != self._scanning:
            self._scanning = scanning
            self.scanningChanged.emit(scanning)

    def _on_scan_start(self, result: _ScanStart) -> None:
        if result.generation != self._generation:
            return
        self.beginResetModel()
        self._scan_rows = []
        self._pages.clear()
        self._pending_pages.clear()
        self._total = 0
        self._tail_rowid = result.max_rowid
        self.endResetModel()
        self._scan_cursor = None
        self.truncated = False
        self._set_scanning(True)
        self.countChanged.emit(0)
        self._scan_next(first=True)

    def _scan_next(self, *, first: bool = False) -> None:
        generation = self._generation
        compiled = self._filter
        predicate = compiled.predicate()
        assert predicate is not None
        query = compiled.query
        cursor = self._scan_cursor
        order_by, descending = self._order_by, self._descending
        top = self._tail_rowid
        current = self._current_generation

        def chunk(store: Store) -> _ScanChunk | None:
            if current() != generation:
                return None
            rows = store.query_flows(
                query, limit=SCAN_CHUNK, order_by=order_by, descending=descending, cursor=cursor
            )
            # Rows stored after the scan began come in through the tail, not here.
            matched = [r for r in rows if r.rowid <= top and predicate(r)]
            last = (sort_value(rows[-1], order_by), rows[-1].rowid) if rows else None
            return _ScanChunk(generation, len(rows) == SCAN_CHUNK, matched, last, first)

        self._client.submit(chunk, self._on_scan_chunk, self._on_error)

    def _on_scan_chunk(self, result: _ScanChunk | None) -> None:
        if result is None or self._scan_rows is None or result.generation != self._generation:
            return
        more = result.more
        room = MAX_SCAN_ROWS - len(self._scan_rows)
        matched = result.matched[: max(0, room)]
        if matched:
            start = len(self._scan_rows)
            self.beginInsertRows(QModelIndex(), start, start + len(matched) - 1)
            self._scan_rows.extend(matched)
            self.endInsertRows()
            self.countChanged.emit(len(self._scan_rows))
        if result.first:
            self.loaded.emit()
            if self._live:
                self._tail_timer.start()
        self._scan_cursor = result.cursor
        if more and len(self._scan_rows) < MAX_SCAN_ROWS:
            self._scan_next()
        else:
            self.truncated = more
            self._set_scanning(False)
            self.counted.emit()

    # ---------------------------------------------------------------- live tail

    def poll_tail(self) -> None:
        """Ask the worker for flows stored since the last look; inserts them in one batch."""
        if self._tail_pending or self._scanning or self._counting or not self._generation:
            return
        self._tail_pending = True
        generation = self._generation
        after = self._tail_rowid
        compiled = self._filter
        predicate = compiled.predicate()
        current = self._current_generation

        def tail(store: Store) -> _Tail | None:
            if current() != generation:
                return None
            top = store.max_rowid()
            if top <= after:
                return _Tail(generation, top, 0, [])
            query = dataclasses.replace(compiled.query, after_rowid=after)
            if predicate is None:
                return _Tail(generation, top, store.count_flows(query), [])
            rows = store.query_flows(query, offset=0, limit=MAX_SCAN_ROWS, order_by="rowid")
            return _Tail(generation, top, 0, [r for r in rows if r.rowid <= top and predicate(r)])

        self._client.submit(tail, self._on_tail, self._on_tail_error)

    def _on_tail_error(self, message: str) -> None:
        self._tail_pending = False
        self.failed.emit(message)

    def _on_tail(self, result: _Tail | None) -> None:
        self._tail_pending = False
        if result is None or result.generation != self._generation:
            return
        added, rows = result.added, result.rows
        self._tail_rowid = max(self._tail_rowid, result.max_rowid)
        if self._scan_rows is not None:
            if rows:
                start = len(self._scan_rows)
                self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
                self._scan_rows.extend(rows)
                self.endInsertRows()
                self.countChanged.emit(len(self._scan_rows))
                self.rowsAppended.emit(len(rows))
            return
        if added <= 0:
            return
        old_total = self._total
        appending = self._order_by in ("ts", "rowid") and not self._descending
        if appending:
            self.beginInsertRows(QModelIndex(), old_total, old_total + added - 1)
            self._total += added
            # The last cached page may now hold more rows: fetch it again when asked.
            self._pages.pop((old_total - 1) // PAGE_SIZE if old_total else 0, None)
            self.endInsertRows()
        elif self._order_by in ("ts", "rowid"):
            self.beginInsertRows(QModelIndex(), 0, added - 1)
            self._total += added
            self._pages.clear()  # every offset moved
            self._pending_pages.clear()
            self.endInsertRows()
        else:
            # Sorted by another column: the new rows land anywhere; refetch what is shown.
            self.beginInsertRows(QModelIndex(), old_total, old_total + added - 1)
            self._total += added
            self._pages.clear()
            self._pending_pages.clear()
            self.endInsertRows()
            self.dataChanged.emit(self.index(0, 0), self.index(self._total - 1, len(COLUMNS) - 1))
        self.countChanged.emit(self._total)
        self.rowsAppended.emit(added)
