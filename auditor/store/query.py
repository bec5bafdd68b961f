"""Query objects the GUI and CLI filter flows with, and the SQL they become."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlcipher3

from auditor.records import VERDICTS
from auditor.store.database import Connection


@dataclass
class FlowQuery:
    """A flow filter; every field is optional and the fields combine with AND.

    - `session`: session name. `since` (inclusive) / `until` (exclusive): epoch seconds on `ts`.
    - `labels`: any of these categories; a category also matches its sub-categories
      ("identifiers" matches "identifiers.device_id").
    - `app`, `process` (process name), `entity`, `party`, `kind`: exact match.
    - `host`: case-insensitive substring of the host name.
    - `text`: free text (host, URL, header values, names, labels, evidence, textual bodies);
      every word must occur, the last token of each word may be a prefix.
    - `verdict`: the flow's worst policy verdict equals this one.
    - `purposes`: any of these purposes is not ruled out by the flow's findings (permitted by
      name, as "any purpose", or only with consent; see `auditor.policy.purposes`).
    - `after_rowid`: only flows stored after this rowid (live tails with `Store.max_rowid()`).
    - `pid`, `sinkholed`: extras for exact process id / sinkholed flows.
    """

    session: str | None = None
    since: float | None = None
    until: float | None = None
    labels: Sequence[str] | None = None
    app: str | None = None
    process: str | None = None
    entity: str | None = None
    party: str | None = None
    host: str | None = None
    text: str | None = None
    verdict: str | None = None
    kind: str | None = None
    purposes: Sequence[str] | None = None
    after_rowid: int | None = None
    pid: int | None = None
    sinkholed: bool | None = None

    def only_session(self) -> bool:
        """True when nothing but (at most) the session narrows the query."""
        return all(
            getattr(self, name) in (None, [], ())
            for name in (
                "since", "until", "labels", "app", "process", "entity", "party", "host", "text",
                "verdict", "kind", "purposes", "after_rowid", "pid", "sinkholed",
            )
        )  # fmt: skip


@dataclass
class FlowSummary:
    """One row of a flow list: the indexed columns, without record JSON or bodies."""

    rowid: int
    id: str
    session: str
    ts: float
    kind: str
    pid: int | None
    process_name: str | None
    app: str | None
    host: str | None
    method: str | None
    path: str | None
    status: int | None
    req_size: int
    resp_size: int
    entity: str | None
    party: str | None
    labels: list[str] = field(default_factory=list)
    verdict: str | None = None  # the worst verdict of the flow's policy findings
    sinkholed: bool = False
    purposes: list[str] = field(default_factory=list)  # not ruled out by its findings


@dataclass
class SessionInfo:
    name: str
    created: float
    flow_count: int
    bytes: int  # request + response payload bytes of its flows
    first_ts: float | None
    last_ts: float | None
    apps: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    markers: int = 0


@dataclass
class Marker:
    id: int
    session: str
    ts: float
    kind: str
    note: str = ""


# Marker kinds the GUI and CLI offer; others ([a-z][a-z0-9_]*) are accepted too.
MARKER_KINDS: tuple[str, ...] = (
    "meeting_start",
    "meeting_end",
    "joined",
    "left",
    "muted",
    "unmuted",
    "camera_on",
    "camera_off",
    "screen_share",
    "screen_share_end",
    "recording_start",
    "recording_end",
    "chat_sent",
    "note",
)

ORDER_COLUMNS: dict[str, str] = {
    "ts": "f.ts",
    "rowid": "f.rowid",
    "session": "f.session_id",
    "kind": "f.kind",
    "pid": "f.pid",
    "process": "f.process_name",
    "process_name": "f.process_name",
    "app": "f.app",
    "host": "(SELECT name FROM hosts WHERE id = f.host_id)",
    "method": "f.method",
    "path": "f.path",
    "status": "f.status",
    "req_size": "f.req_size",
    "resp_size": "f.resp_size",
    "size": "(f.req_size + f.resp_size)",
    "entity": "f.entity",
    "party": "f.party",
    "verdict": "f.verdict_rank",
    "sinkholed": "f.sinkholed",
}

# Above this many matches, a label or text filter is checked row by row while walking the sort
# index (the first page fills quickly); below it, the few matching rows are looked up directly.
SELECTIVE_LIMIT = 4000
# A type-ahead prefix with more indexed terms than this stays an FTS5 prefix query.
MAX_PREFIX_TERMS = 64

_WORD = re.compile(r"[^\W_]+")


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def fts_query(
    text: str, prefix_terms: Callable[[str], list[str] | None] | None = None
) -> str | None:
    """User text to an FTS5 query: every token must occur; the last may be the start of a word
    (type-ahead). Earlier tokens match whole words only: a prefix over a common word costs
    ten times a whole-word match.

    `prefix_terms(token)` may list the indexed terms the last token starts: the prefix then
    becomes an OR of those whole terms, which FTS5 seeks lazily (a `tok*` prefix query
    materialises every match first, ~20 ms per 300k flows for a common word).

    The index keeps no positions (detail=none, a third of the size), so "api.zoom.us" means
    api AND zoom AND us rather than the exact sequence.
    """
    tokens = _WORD.findall(text)
    if not tokens:
        return None
    terms = [_quoted(t) for t in tokens]
    if not text[-1:].isspace():
        expanded = prefix_terms(tokens[-1]) if prefix_terms is not None else None
        if expanded is None:
            terms[-1] += "*"
        elif not expanded:
            terms[-1] = _quoted(tokens[-1])  # no indexed term starts so: matches nothing
        else:
            terms[-1] = "(" + " OR ".join(_quoted(t) for t in expanded) + ")"
    return " AND ".join(terms)


def label_condition(labels: Sequence[str], column: str) -> tuple[str, list[Any]]:
    conds: list[str] = []
    params: list[Any] = []
    for lab in labels:
        conds.append(f"({column} = ? OR ({column} > ? AND {column} < ?))")
        params.extend([lab, lab + ".", lab + "/"])  # "/" sorts right after "."
    return "(" + " OR ".join(conds) + ")", params


def like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def verdict_rank_of(verdict: str) -> int:
    try:
        return VERDICTS.index(verdict)
    except ValueError:
        raise ValueError(f"unknown verdict {verdict!r} (one of {', '.join(VERDICTS)})") from None


class WhereBuilder:
    """Collects the WHERE clause of a FlowQuery over `flows f`."""

    def __init__(self, conn: Connection, q: FlowQuery, *, defer_common_text: bool = False) -> None:
        self.conn = conn
        self.q = q
        self.conds: list[str] = []
        self.params: list[Any] = []
        self.empty = False  # the query cannot match anything (unknown session, ...)
        # With `defer_common_text`, a free-text filter matching many flows is left out of
        # `conds` and kept here (an FTS5 MATCH expression) for the caller to apply per window.
        self.deferred_match: str | None = None
        self._defer_common_text = defer_common_text
        self._build()

    def _add(self, cond: str, *params: Any) -> None:
        self.conds.append(cond)
        self.params.extend(params)

    def _selective(self, sql: str, params: Sequence[Any]) -> bool:
        row = self.conn.execute(
            f"SELECT count(*) FROM ({sql} LIMIT {SELECTIVE_LIMIT})", tuple(params)
        ).fetchone()
        return int(row[0]) < SELECTIVE_LIMIT

    def _build(self) -> None:
        q = self.q
        if q.session is not None:
            row = self.conn.execute(
                "SELECT id FROM sessions WHERE name = ?", (q.session,)
            ).fetchone()
            if row is None:
                self.empty = True
                return
            self._add("f.session_id = ?", row[0])
        if q.since is not None:
            self._add("f.ts >= ?", float(q.since))
        if q.until is not None:
            self._add("f.ts < ?", float(q.until))
        if q.after_rowid is not None:
            self._add("f.rowid > ?", int(q.after_rowid))
        for column, value in (
            ("f.app", q.app),
            ("f.process_name", q.process),
            ("f.entity", q.entity),
            ("f.party", q.party),
            ("f.kind", q.kind),
        ):
            if value is not None:
                self._add(f"{column} = ?", value)
        if q.pid is not None:
            self._add("f.pid = ?", int(q.pid))
        if q.sinkholed is not None:
            self._add("f.sinkholed = ?", 1 if q.sinkholed else 0)
        if q.verdict is not None:
            self._add("f.verdict_rank = ?", verdict_rank_of(q.verdict))
        if q.purposes:
            from auditor.policy.purposes import purpose_bit

            bits = 0
            for purpose in q.purposes:
                try:
                    bits |= purpose_bit(purpose)
                except ValueError:
                    raise ValueError(f"unknown purpose {purpose!r}") from None
            # The masks in use that carry one of the purposes: an indexed IN lookup (as hosts).
            masks = [
                int(r[0])
                for r in self.conn.execute("SELECT mask FROM purpose_masks")
                if int(r[0]) & bits
            ]
            if not masks:
                self.empty = True
                return
            marks = ",".join("?" * len(masks))
            busy = not self._selective(
                f"SELECT 1 FROM flows WHERE purposes != 0 AND purposes IN ({marks})", masks
            )
            # Many matches: walk the sort index and test each row (the unary + keeps the planner
            # off the purposes index); few: look them up through it.
            column = "+f.purposes" if busy else "f.purposes"
            self._add(f"{column} != 0 AND {column} IN ({marks})", *masks)
        if q.host:
            ids = [
                r[0]
                for r in self.conn.execute(
                    "SELECT id FROM hosts WHERE name LIKE ? ESCAPE '\\'",
                    (f"%{like_escape(q.host)}%",),
                )
            ]
            if not ids:
                self.empty = True
                return
            marks = ",".join("?" * len(ids))
            # One host: its (host_id, ts) index lists the flows in time order. Several busy hosts:
            # walking the time index and testing the host is faster than sorting their flows.
            busy = len(ids) > 1 and not self._selective(
                f"SELECT 1 FROM flows WHERE host_id IN ({marks})", ids
            )
            self._add(f"{'+' if busy else ''}f.host_id IN ({marks})", *ids)
        labels = [lab for lab in (q.labels or []) if lab]
        if labels:
            cond, params = label_condition(labels, "l.category")
            inner = f"SELECT l.flow_rowid FROM flow_labels l WHERE {cond}"
            if self._selective(inner, params):
                self._add(f"f.rowid IN ({inner})", *params)
            else:
                self._add(
                    f"EXISTS (SELECT 1 FROM flow_labels l WHERE l.flow_rowid = f.rowid AND {cond})",
                    *params,
                )
        if q.text:
            match = fts_query(q.text, self._prefix_terms)
            if match is None:
                return
            # FTS5 evaluates a MATCH per call: look the matching rowids up once, as a set. When
            # they are many, the unary + keeps the planner walking the sort index and testing
            # each row against that set, instead of fetching and sorting all of them.
            inner = "SELECT rowid FROM flows_fts WHERE flows_fts MATCH ?"
            selective = self._selective(inner, [match])
            if not selective and self._defer_common_text:
                self.deferred_match = match
                return
            self._add(f"{'' if selective else '+'}f.rowid IN ({inner})", match)

    def _prefix_terms(self, prefix: str) -> list[str] | None:
        """The indexed terms starting with `prefix` (ASCII only: the tokenizer folds other
        text in ways not worth copying), or None when there are too many to list."""
        if not prefix.isascii():
            return None
        low = prefix.lower()
        upper = low[:-1] + chr(ord(low[-1]) + 1)
        try:
            rows = self.conn.execute(
                "SELECT term FROM flows_fts_vocab WHERE term >= ? AND term < ? LIMIT ?",
                (low, upper, MAX_PREFIX_TERMS + 1),
            ).fetchall()
        except sqlcipher3.OperationalError as err:
            if "no such table" in str(err):  # an older schema: a plain prefix query
                return None
            raise
        if len(rows) > MAX_PREFIX_TERMS:
            return None
        return [str(r[0]) for r in rows]

    @property
    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.conds)) if self.conds else ""
