"""Reading flows: pages of summaries (offset or keyset), free-text search, counts, aggregates
by dimension or time, and whole records with their bodies."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from auditor.errors import AuditorError
from auditor.policy.purposes import mask_purposes
from auditor.records import VERDICTS, FlowRecord, SensitiveFields
from auditor.store import codec
from auditor.store.bounds import clamp_ts
from auditor.store.database import Connection, Database, chunks
from auditor.store.dimensions import COUNTED, DIMENSIONS, dimension_key
from auditor.store.query import ORDER_COLUMNS, FlowQuery, FlowSummary, WhereBuilder

# Free-text pages (`_page_with_text`): the first window of rows in sort order, and how widely
# a window's rowids may spread (times its length, plus a slack) before the full match set of
# the word is the cheaper test.
_TEXT_WINDOW = 256
_TEXT_SPREAD = 16
_TEXT_SLACK = 4096

# Session and host names come from scalar subqueries rather than joins, so the planner always
# walks `flows` in the order of the sort index (and stops after one page) instead of starting
# from the small tables and sorting everything.
_SUMMARY_COLUMNS = (
    "f.rowid, f.id, (SELECT name FROM sessions WHERE id = f.session_id), f.ts, f.kind, f.pid, "
    "f.process_name, f.app, (SELECT name FROM hosts WHERE id = f.host_id), f.method, "
    "f.path, f.status, f.req_size, f.resp_size, f.entity, f.party, "
    "(SELECT group_concat(category, char(31)) FROM flow_labels WHERE flow_rowid = f.rowid), "
    "f.verdict_rank, f.sinkholed, f.purposes"
)
_FROM = " FROM flows f"

_NOT_NULL_ORDER = frozenset(
    {"f.ts", "f.rowid", "f.session_id", "f.kind", "f.req_size", "f.resp_size", "f.sinkholed",
     "(f.req_size + f.resp_size)"}
)  # fmt: skip


def _after_cursor(expr: str, value: Any, rowid: int, descending: bool) -> tuple[str, list[Any]]:
    """Rows after (value, rowid) in ORDER BY expr, rowid — written so an index on expr is used
    as a range (keyset paging in constant time). NULLs sort first ascending, last descending."""
    if expr == "f.rowid":
        return f"f.rowid {'<' if descending else '>'} ?", [rowid]
    if value is None:
        if descending:
            return f"({expr} IS NULL AND f.rowid < ?)", [rowid]
        return f"({expr} IS NOT NULL OR f.rowid > ?)", [rowid]
    if descending:
        cond = f"({expr} <= ? AND ({expr} < ? OR f.rowid < ?))"
        if expr not in _NOT_NULL_ORDER:
            cond = f"({cond} OR {expr} IS NULL)"
    else:
        cond = f"({expr} >= ? AND ({expr} > ? OR f.rowid > ?))"
    return cond, [value, value, rowid]


def _summary(row: Sequence[Any]) -> FlowSummary:
    labels = row[16]
    rank = row[17]
    return FlowSummary(
        rowid=row[0],
        id=row[1],
        session=row[2],
        ts=clamp_ts(row[3]),
        kind=row[4],
        pid=row[5],
        process_name=row[6],
        app=row[7],
        host=row[8],
        method=row[9],
        path=row[10],
        status=row[11],
        req_size=row[12],
        resp_size=row[13],
        entity=row[14],
        party=row[15],
        labels=labels.split("\x1f") if labels else [],
        verdict=VERDICTS[rank] if rank is not None and 0 <= rank < len(VERDICTS) else None,
        sinkholed=bool(row[18]),
        purposes=mask_purposes(row[19]) if row[19] else [],
    )


def _order(order_by: str, descending: bool) -> tuple[str, str]:
    try:
        expr = ORDER_COLUMNS[order_by]
    except KeyError:
        raise AuditorError(
            f"cannot sort flows by {order_by!r} (one of {', '.join(ORDER_COLUMNS)})"
        ) from None
    direction = "DESC" if descending else "ASC"
    if expr == "f.rowid":
        return expr, f" ORDER BY f.rowid {direction}"
    return expr, f" ORDER BY {expr} {direction}, f.rowid {direction}"


def _page_with_text(
    conn: Connection, ordered_sql: str, params: Sequence[Any], match: str, offset: int, limit: int
) -> list[int] | None:
    """Rowids `offset` .. `offset + limit` of `ordered_sql` (rowids in page order) that also
    match the common free-text `match`.

    Walks the ordered rows in windows and asks FTS5 only about each window's rowid range,
    so a page stops early instead of first collecting every match of a common word (the
    cost grows with the store: ~200 ms at a million flows). Rows in sort order usually
    sit close in rowid (they were stored in time order). None when the first window
    spans too wide a range (the caller then uses the full match set); a later wide window
    fetches the full match set once.
    """
    if limit <= 0:
        return []
    rows = conn.execute(ordered_sql, tuple(params))
    window = min(max(_TEXT_WINDOW, 4 * (offset + limit)), 4096)
    everything: set[int] | None = None
    page: list[int] = []
    skip = offset
    window_no = 0
    try:
        while len(page) < limit:
            chunk = [r[0] for r in rows.fetchmany(window)]
            if not chunk:
                break
            low, high = min(chunk), max(chunk)
            if everything is not None:
                hits = everything
            elif high - low <= _TEXT_SPREAD * len(chunk) + _TEXT_SLACK:
                hits = {
                    r[0]
                    for r in conn.execute(
                        "SELECT rowid FROM flows_fts WHERE flows_fts MATCH ? "
                        "AND rowid BETWEEN ? AND ?",
                        (match, low, high),
                    )
                }
            elif window_no == 0:
                return None
            else:
                everything = hits = {
                    r[0]
                    for r in conn.execute(
                        "SELECT rowid FROM flows_fts WHERE flows_fts MATCH ?", (match,)
                    )
                }
            for rowid in chunk:
                if rowid in hits:
                    if skip:
                        skip -= 1
                    else:
                        page.append(rowid)
                        if len(page) == limit:
                            break
            window = min(window * 2, 8192)
            window_no += 1
    finally:
        rows.close()
    return page


def _summaries(conn: Connection, rowids: Sequence[int]) -> list[FlowSummary]:
    """FlowSummary rows for `rowids`, in that order."""
    found: dict[int, FlowSummary] = {}
    for chunk, marks in chunks(rowids):
        for row in conn.execute(
            f"SELECT {_SUMMARY_COLUMNS}{_FROM} WHERE f.rowid IN ({marks})", chunk
        ):
            found[row[0]] = _summary(row)
    return [found[r] for r in rowids if r in found]


def _records(conn: Connection, rowids: Sequence[int], with_bodies: bool) -> list[FlowRecord]:
    """Full records for `rowids`, in that order (rowids without a record are skipped)."""
    blobs: dict[int, bytes] = {}
    bodies: dict[int, list[tuple[str, int, int, bytes]]] = {}
    for chunk, marks in chunks(rowids):
        blobs.update(
            conn.execute(
                f"SELECT flow_rowid, record FROM records WHERE flow_rowid IN ({marks})", chunk
            ).fetchall()
        )
        if with_bodies:
            for frow, part, seq, cdc, data in conn.execute(
                "SELECT flow_rowid, part, seq, codec, data FROM bodies "
                f"WHERE flow_rowid IN ({marks})",
                chunk,
            ):
                bodies.setdefault(frow, []).append((part, seq, cdc, data))
    records: list[FlowRecord] = []
    for rowid in rowids:
        blob = blobs.get(rowid)
        if blob is None:
            continue
        record, _spec = codec.decode_record(blob)
        if with_bodies:
            codec.attach_bodies(record, bodies.get(rowid, []))
        records.append(record)
    return records


class Reader:
    def __init__(self, db: Database) -> None:
        self._db = db

    def max_rowid(self) -> int:
        with self._db.guarded() as conn:
            row = conn.execute("SELECT max(rowid) FROM flows").fetchone()
        return int(row[0] or 0)

    def stored_credentials(
        self, session: str | None, after_rowid: int = 0
    ) -> tuple[set[str], list[str]]:
        """(credential values of `session`'s flows (None: every session) stored after
        `after_rowid` that were kept when they were stored, ids of its flows after it stored
        without their findings): `session_credentials` and `credentials_unread`. A value kept
        by a flow since deleted may be among them."""
        where = "" if session is None else " AND s.name = ?"
        args: tuple[Any, ...] = (after_rowid,) if session is None else (after_rowid, session)
        with self._db.guarded() as conn:
            values = {
                str(v)
                for (v,) in conn.execute(
                    "SELECT c.value FROM session_credentials c JOIN sessions s "
                    f"ON s.id = c.session_id WHERE c.last_rowid > ?{where}",
                    args,
                )
            }
            unread = [
                str(i)
                for (i,) in conn.execute(
                    "SELECT f.id FROM credentials_unread u JOIN flows f ON f.rowid = u.flow_rowid "
                    f"JOIN sessions s ON s.id = f.session_id WHERE u.flow_rowid > ?{where} "
                    "ORDER BY u.flow_rowid",
                    args,
                )
            ]
        return values, unread

    def query_flows(
        self,
        q: FlowQuery,
        *,
        offset: int = 0,
        limit: int = 100,
        order_by: str = "ts",
        descending: bool = False,
        cursor: tuple[Any, int] | None = None,
    ) -> list[FlowSummary]:
        """One page of flows matching `q`, sorted by `order_by` (then rowid).

        For deep paging pass `cursor=(sort value, rowid)` of the last row of the previous page
        (keyset paging, constant time) instead of a growing `offset`.
        """
        expr, order = _order(order_by, descending)
        with self._db.guarded() as conn:
            # Orders an index walks (no sort of every match): a common word is then checked
            # window by window (see _page_with_text).
            windowed = expr in ("f.ts", "f.rowid")
            where = WhereBuilder(conn, q, defer_common_text=windowed)
            if where.empty:
                return []
            conds = list(where.conds)
            params = list(where.params)
            if cursor is not None:
                value, rowid = cursor
                cond, cparams = _after_cursor(expr, value, rowid, descending)
                conds.append(cond)
                params.extend(cparams)
            if where.deferred_match is not None:
                where_sql = " WHERE " + " AND ".join(conds) if conds else ""
                rowids = _page_with_text(
                    conn,
                    f"SELECT f.rowid{_FROM}{where_sql}{order}",
                    params,
                    where.deferred_match,
                    int(offset),
                    int(limit),
                )
                if rowids is not None:
                    return _summaries(conn, rowids)
                # The rows in this order are scattered over the store: test them against
                # the whole match set, as for other orders.
                conds.append("+f.rowid IN (SELECT rowid FROM flows_fts WHERE flows_fts MATCH ?)")
                params.append(where.deferred_match)
            where_sql = " WHERE " + " AND ".join(conds) if conds else ""
            sql = f"SELECT {_SUMMARY_COLUMNS}{_FROM}{where_sql}{order} LIMIT ? OFFSET ?"
            params.extend([int(limit), int(offset)])
            return [_summary(r) for r in conn.execute(sql, params)]

    def count_flows(self, q: FlowQuery) -> int:
        with self._db.guarded() as conn:
            if q.only_session():
                # Kept up to date by every write: instant at any size.
                if q.session is None:
                    row = conn.execute("SELECT sum(flow_count) FROM sessions").fetchone()
                else:
                    row = conn.execute(
                        "SELECT flow_count FROM sessions WHERE name = ?", (q.session,)
                    ).fetchone()
                return int(row[0] or 0) if row else 0
            where = WhereBuilder(conn, q)
            if where.empty:
                return 0
            row = conn.execute(f"SELECT count(*) FROM flows f{where.sql}", where.params).fetchone()
            return int(row[0])

    def get_flow(self, flow_id: str) -> FlowRecord | None:
        """The whole stored flow, bodies included (credentials not redacted)."""
        with self._db.guarded() as conn:
            row = conn.execute("SELECT rowid FROM flows WHERE id = ?", (flow_id,)).fetchone()
            if row is None:
                return None
            found = _records(conn, [int(row[0])], True)
            return found[0] if found else None

    def iter_flows(
        self, q: FlowQuery, *, with_bodies: bool = True, chunk: int = 500
    ) -> Iterator[FlowRecord]:
        """Every flow matching `q` as a full record, in (ts, rowid) order.

        Reads in keyset-paged chunks, so memory stays flat and no read transaction is held
        between chunks (writers and checkpoints carry on meanwhile).
        """
        last: tuple[float, int] | None = None
        while True:
            with self._db.guarded() as conn:
                page = _page_where(conn, q, last)
                if page is None:
                    return
                conds, params = page
                sql = (
                    "SELECT f.rowid, f.ts FROM flows f"
                    + (" WHERE " + " AND ".join(conds) if conds else "")
                    + " ORDER BY f.ts, f.rowid LIMIT ?"
                )
                params.append(chunk)
                keys = conn.execute(sql, params).fetchall()
                records = _records(conn, [k[0] for k in keys], with_bodies)
            yield from records
            if len(keys) < chunk:
                return
            last = (keys[-1][1], keys[-1][0])

    def iter_kept_findings(
        self, q: FlowQuery, *, chunk: int = 2000
    ) -> Iterator[tuple[str, SensitiveFields | None, bool]]:
        """(flow id, the findings kept with it that a redactor takes as they are, whether it
        was stored without them) of every flow matching `q`, in `iter_flows`' order, from the
        small `flow_findings` and `credentials_unread` rows: a redactor's `prime` reads these
        instead of decoding every record. A flow stored without its findings, or whose row
        cannot be read, must be read whole (`get_flow`) and searched again."""
        last: tuple[float, int] | None = None
        while True:
            with self._db.guarded() as conn:
                page = _page_where(conn, q, last)
                if page is None:
                    return
                conds, params = page
                sql = (
                    "SELECT f.rowid, f.ts, f.id, k.findings, u.flow_rowid IS NOT NULL "
                    "FROM flows f LEFT JOIN flow_findings k ON k.flow_rowid = f.rowid "
                    "LEFT JOIN credentials_unread u ON u.flow_rowid = f.rowid"
                    + (" WHERE " + " AND ".join(conds) if conds else "")
                    + " ORDER BY f.ts, f.rowid LIMIT ?"
                )
                params.append(chunk)
                rows = conn.execute(sql, params).fetchall()
            for _rowid, _ts, flow_id, blob, unread in rows:
                kept = None
                if blob is not None and not unread:
                    try:
                        kept = codec.load_findings(blob)
                    except Exception:  # a row that cannot be read: the flow is read whole
                        kept = None
                    unread = kept is None
                yield str(flow_id), kept, bool(unread)
            if len(rows) < chunk:
                return
            last = (rows[-1][1], rows[-1][0])

    # ----------------------------------------------------------------------------------------
    # Aggregates

    def counts_by(self, dimension: str, q: FlowQuery) -> list[tuple[str, int, int]]:
        """(key, flows, bytes) per value of `dimension`, most flows first.

        Dimensions: label, entity, party, app, process, host, verdict, kind (and session,
        method, status). Flows without a value are counted under the key "".
        Bytes are request + response payload bytes. A flow counts once under each of its labels.
        """
        try:
            dim = DIMENSIONS[dimension]
        except KeyError:
            raise AuditorError(
                f"cannot count flows by {dimension!r} (one of {', '.join(DIMENSIONS)})"
            ) from None
        with self._db.guarded() as conn:
            if q.only_session() and dimension in COUNTED:
                return self._counted(conn, dimension, q.session)
            where = WhereBuilder(conn, q)
            if where.empty:
                return []
            sql = (
                f"SELECT {dim.column}, count(*), coalesce(sum(f.req_size + f.resp_size), 0) "
                f"FROM flows f{dim.join}{where.sql} GROUP BY {dim.column} ORDER BY 2 DESC, 1"
            )
            return [
                (dimension_key(dimension, key), int(flows), int(nbytes))
                for key, flows, nbytes in conn.execute(sql, where.params)
            ]

    @staticmethod
    def _counted(
        conn: Connection, dimension: str, session: str | None
    ) -> list[tuple[str, int, int]]:
        """counts_by from the running totals (instant at any size)."""
        sql = "SELECT c.key, sum(c.flows), sum(c.bytes) FROM flow_counts c"
        params: list[Any] = [dimension]
        if session is not None:
            sql += " JOIN sessions s ON s.id = c.session_id AND s.name = ?"
            params.insert(0, session)
        sql += " WHERE c.dimension = ? GROUP BY c.key HAVING sum(c.flows) > 0 ORDER BY 2 DESC, 1"
        return [(str(k), int(n), int(b)) for k, n, b in conn.execute(sql, params)]

    def time_buckets(self, q: FlowQuery, bucket_seconds: float) -> list[tuple[float, int, int]]:
        """(bucket start ts, flows, bytes) for each non-empty bucket, in time order."""
        if bucket_seconds <= 0:
            raise AuditorError("the time bucket must be longer than 0 seconds")
        size = float(bucket_seconds)
        with self._db.guarded() as conn:
            where = WhereBuilder(conn, q)
            if where.empty:
                return []
            sql = (
                "SELECT CAST(f.ts / ? AS INTEGER) AS b, count(*), "
                f"coalesce(sum(f.req_size + f.resp_size), 0) FROM flows f{where.sql} "
                "GROUP BY b ORDER BY b"
            )
            return [
                (clamp_ts(b * size), int(n), int(nbytes))
                for b, n, nbytes in conn.execute(sql, [size, *where.params])
            ]


def _page_where(
    conn: Connection, q: FlowQuery, last: tuple[float, int] | None
) -> tuple[list[str], list[Any]] | None:
    """The conditions and parameters of one keyset-paged read of the flows matching `q` after
    the (ts, rowid) cursor `last`; None when `q` can match nothing."""
    where = WhereBuilder(conn, q)
    if where.empty:
        return None
    conds = list(where.conds)
    params = list(where.params)
    if last is not None:
        cond, cparams = _after_cursor("f.ts", last[0], last[1], False)
        conds.append(cond)
        params.extend(cparams)
    return conds, params
