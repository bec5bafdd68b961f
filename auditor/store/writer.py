"""Writing flows: one transaction per batch (capture), per imported file, or per re-enrichment,
each keeping the sessions' running totals (`sessions` counters and `flow_counts`) exact.

`add_flows` is one transaction: the capture commits a batch at least every 250 ms, so a `kill -9`
loses at most the flows of the batch not yet committed.
"""

from __future__ import annotations

import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from auditor.policy.purposes import purpose_mask
from auditor.records import (
    Entity,
    FlowRecord,
    Label,
    PolicyFinding,
    SensitiveFields,
    to_spec_dict,
)
from auditor.store import codec
from auditor.store.codec import sql_text
from auditor.store.database import Connection, Database, chunks
from auditor.store.dimensions import COUNTED_PER_FLOW, dimension_key
from auditor.store.sessions import check_session_name, save_meta, stored_meta

SKIP_STORED = "already stored in the session (same flow id)"
_TallyKey = tuple[int, str, str]  # (session id, dimension, key)

# Each counted dimension's key of stored flows, by rowid.
_COUNTED_SQL = (
    "SELECT f.rowid, f.session_id, f.req_size + f.resp_size, "
    + ", ".join(d.column for d in COUNTED_PER_FLOW)
    + " FROM flows f"
    + "".join(dict.fromkeys(d.join for d in COUNTED_PER_FLOW))
    + " WHERE f.rowid IN ({marks})"
)

# Where each counted dimension's key sits in the values `_store_encoded` has for a new flow:
# (entity, party, app, process name, host name, verdict, kind). A new counted dimension in the
# table fails here until the writer has its value.
_COUNTED_SLOTS: tuple[tuple[str, int], ...] = tuple(
    (d.name, ("f.entity", "f.party", "f.app", "f.process_name", "h.name", "f.verdict_rank",
              "f.kind").index(d.column))
    for d in COUNTED_PER_FLOW
)  # fmt: skip


@dataclass
class ImportedFlows:
    """What `Store.import_flows` did with one file's records."""

    stored: int = 0
    sessions: list[str] = field(default_factory=list)  # sessions that received flows
    renamed: int = 0  # records given a new id (theirs is taken in another session)
    skipped: Counter[str] = field(default_factory=Counter)  # reason -> records not stored
    already_in: str | None = None  # a session that already records this file: nothing stored


class Tally:
    """What one transaction adds to and takes from the running totals in `flow_counts`."""

    def __init__(self) -> None:
        self._entries: dict[_TallyKey, list[int]] = {}  # key -> [flows, bytes]

    def add(self, keys: Iterable[_TallyKey], sign: int, nbytes: int) -> None:
        """Count one flow of `nbytes` (sign=1) or take it away (sign=-1) under each key."""
        entries = self._entries
        for key in keys:  # runs once per stored flow and key: kept inline
            entry = entries.get(key)
            if entry is None:
                entries[key] = [sign, sign * nbytes]
            else:
                entry[0] += sign
                entry[1] += sign * nbytes

    def add_stored(self, conn: Connection, rowids: Sequence[int], sign: int) -> None:
        """Count (sign=1) or take away (sign=-1) flows already stored."""
        for chunk, marks in chunks(rowids):
            sizes: dict[int, tuple[int, int]] = {}
            for rowid, sid, nbytes, *values in conn.execute(
                _COUNTED_SQL.format(marks=marks), chunk
            ):
                sizes[rowid] = (sid, nbytes)
                self.add(
                    (
                        (sid, d.name, dimension_key(d.name, value))
                        for d, value in zip(COUNTED_PER_FLOW, values, strict=True)
                    ),
                    sign,
                    nbytes,
                )
            for rowid, category in conn.execute(
                f"SELECT flow_rowid, category FROM flow_labels WHERE flow_rowid IN ({marks})",
                chunk,
            ):
                if rowid in sizes:
                    sid, nbytes = sizes[rowid]
                    self.add([(sid, "label", category)], sign, nbytes)

    def save(self, conn: Connection) -> None:
        rows = [(*k, n, b) for k, (n, b) in self._entries.items() if n or b]
        if not rows:
            return
        conn.executemany(
            "INSERT INTO flow_counts(session_id, dimension, key, flows, bytes) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT(session_id, dimension, key) DO UPDATE SET "
            "flows = flows + excluded.flows, bytes = bytes + excluded.bytes",
            rows,
        )
        if any(n < 0 for *_k, n, _b in rows):
            conn.execute("DELETE FROM flow_counts WHERE flows <= 0")


class CredentialRows:
    """The credential values of flows being stored (`session_credentials`), and the flows stored
    without their findings (`credentials_unread`): written in the flows' transaction."""

    def __init__(self, *, with_findings: bool = True) -> None:
        self._values: dict[tuple[int, str], int] = {}  # (session id, value) -> largest rowid
        self._unread: list[tuple[int]] = []
        # `flow_findings` to write (not by migration 6: the table is version 7's).
        self._with_findings = with_findings
        self._findings: list[tuple[int, bytes]] = []

    def add(
        self, sid: int, rowid: int, record: FlowRecord, encoded: codec.EncodedFlow | None = None
    ) -> None:
        from auditor.label.findings import kept_secrets

        if self._with_findings:
            kept = encoded.findings_blob if encoded is not None else codec.findings_blob(record)
            if kept is not None:
                self._findings.append((rowid, kept))
        secrets = kept_secrets(record)
        if secrets is None:
            self._unread.append((rowid,))
            return
        values = self._values
        for value in secrets:
            key = (sid, value)
            if values.get(key, 0) < rowid:
                values[key] = rowid

    def insert(self, conn: Connection) -> None:
        if self._values:
            conn.executemany(
                "INSERT INTO session_credentials(session_id, value, last_rowid) VALUES (?, ?, ?) "
                "ON CONFLICT(session_id, value) DO UPDATE SET "
                "last_rowid = max(last_rowid, excluded.last_rowid)",
                [(sid, value, rowid) for (sid, value), rowid in self._values.items()],
            )
        if self._unread:
            conn.executemany(
                "INSERT OR IGNORE INTO credentials_unread(flow_rowid) VALUES (?)", self._unread
            )
        self.insert_findings(conn, self._findings)

    @staticmethod
    def insert_findings(conn: Connection, rows: Sequence[tuple[int, bytes]]) -> None:
        """`flow_findings` rows (rowid, `codec.findings_blob`): the findings a redactor takes
        from each flow as they are; a flow without such findings has no row."""
        if rows:
            conn.executemany(
                "INSERT OR REPLACE INTO flow_findings(flow_rowid, findings) VALUES (?, ?)", rows
            )


def _delete_flow_rows(conn: Connection, rowids: Sequence[int]) -> None:
    # `session_credentials` keeps the flows' values: another flow of the session may hold them.
    for chunk, marks in chunks(rowids):
        conn.execute(f"DELETE FROM credentials_unread WHERE flow_rowid IN ({marks})", chunk)
        conn.execute(f"DELETE FROM flow_findings WHERE flow_rowid IN ({marks})", chunk)
        conn.execute(f"DELETE FROM flows_fts WHERE rowid IN ({marks})", chunk)
        conn.execute(f"DELETE FROM bodies WHERE flow_rowid IN ({marks})", chunk)
        conn.execute(f"DELETE FROM flow_labels WHERE flow_rowid IN ({marks})", chunk)
        conn.execute(f"DELETE FROM records WHERE flow_rowid IN ({marks})", chunk)
        conn.execute(f"DELETE FROM flows WHERE rowid IN ({marks})", chunk)


def id_owners(conn: Connection, ids: Sequence[str]) -> dict[str, str]:
    """Flow id -> the name of the session that holds it, for the `ids` that are stored."""
    owners: dict[str, str] = {}
    for chunk, marks in chunks([sql_text(i) for i in ids]):
        owners.update(
            conn.execute(
                "SELECT f.id, s.name FROM flows f JOIN sessions s ON s.id = f.session_id "
                f"WHERE f.id IN ({marks})",
                chunk,
            ).fetchall()
        )
    return owners


class Writer:
    def __init__(self, db: Database, body_cap: Callable[[], int | None]) -> None:
        self._db = db
        self._body_cap = body_cap

    def add_flows(self, records: Sequence[FlowRecord]) -> None:
        """Store `records` in one transaction (all or none).

        A record whose id is already stored replaces the stored flow and gets a new rowid, so
        live tails (`FlowQuery.after_rowid`) see the update. Sessions are created as needed.
        """
        if not records:
            return
        # Last one wins when a batch holds the same id twice.
        unique = list({r.id: r for r in records}.values())
        for r in unique:
            check_session_name(r.session)
        cap = self._body_cap()
        encoded = [(r, codec.encode(r, cap)) for r in unique]
        with self._db.writing() as conn:
            self._store_encoded(conn, encoded)

    def import_flows(
        self, records: Sequence[FlowRecord], *, digest: str, source: dict[str, Any]
    ) -> ImportedFlows:
        """Store the records of one imported file in one transaction (all or none), idempotently.

        Nothing is stored when a session the file fills already records `digest` (the file was
        imported before). A record whose id is stored in another session gets a new id derived
        from (session, id); one whose id is already stored in its own session, or repeated in
        the file, is skipped and counted: an import never overwrites a stored flow. Each session
        that receives flows records the import in its metadata (`source` plus the digest and
        the count); a session is created only when flows go into it.
        """
        for r in records:
            check_session_name(r.session)
        cap = self._body_cap()
        names = sorted({r.session for r in records})
        result = ImportedFlows()
        # Ids first (a read), then encode outside the write transaction: a long import holds
        # the write lock no longer than the inserts take (a capture may be writing meanwhile).
        with self._db.guarded() as conn:
            owners = id_owners(conn, [r.id for r in records])
        seen: set[str] = set()
        candidates: list[FlowRecord] = []
        for r in records:
            owner = owners.get(r.id)
            if owner is not None and owner != r.session:
                r.id = uuid.uuid5(uuid.NAMESPACE_URL, f"auditor-import:{r.session}:{r.id}").hex
                result.renamed += 1
            elif owner is not None:
                result.skipped[SKIP_STORED] += 1
                continue
            if r.id in seen:
                result.skipped["repeated in the file (same flow id)"] += 1
                continue
            seen.add(r.id)
            candidates.append(r)
        encoded = [(r, codec.encode(r, cap)) for r in candidates]

        with self._db.writing() as conn:
            self._db.forget_ids()
            metas: dict[str, dict[str, Any]] = {}
            for name in names:
                meta = stored_meta(conn, name)
                if meta is None:
                    continue
                imports = meta.get("imports")
                if isinstance(imports, list) and any(
                    isinstance(i, dict) and i.get("sha256") == digest for i in imports
                ):
                    return ImportedFlows(already_in=name)
                metas[name] = meta
            # Stored since the read above (another import, a capture): never overwritten.
            taken = id_owners(conn, [r.id for r, _enc in encoded])
            keep = [(r, enc) for r, enc in encoded if r.id not in taken]
            if len(keep) < len(encoded):
                result.skipped[SKIP_STORED] += len(encoded) - len(keep)
            counts = Counter(r.session for r, _enc in keep)
            now = time.time()
            for name in names:
                if not counts[name] and name not in metas:
                    continue  # no flows for a new session: leave no trace
                self._db.session_id(name, create=True)
                meta = metas.get(name, {})
                meta.update(source)
                imports = meta.get("imports")
                imports = imports if isinstance(imports, list) else []
                imports.append({**source, "sha256": digest, "flows": counts[name], "at": now})
                meta["imports"] = imports
                save_meta(conn, name, meta)
            self._store_encoded(conn, keep)
            result.stored = len(keep)
            result.sessions = [n for n in names if counts[n]]
            return result

    def keep_sensitive(self, found: Mapping[str, SensitiveFields]) -> int:
        """Keep the labeller's field findings with flows stored without them (found again when
        they were first exported); returns how many flows were updated. Only the record's
        blob changes: labels, verdicts and the search index stay as they are."""
        with self._db.writing() as conn:
            updated = 0
            for flow_id, kept in found.items():
                row = conn.execute(
                    "SELECT r.flow_rowid, f.session_id, r.record FROM flows f JOIN records r "
                    "ON r.flow_rowid = f.rowid WHERE f.id = ?",
                    (flow_id,),
                ).fetchone()
                if row is None:
                    continue
                record, spec = codec.decode_record(row[2])
                spec[codec.SENSITIVE_KEY] = kept.to_dict()
                conn.execute(
                    "UPDATE records SET record = ? WHERE flow_rowid = ?",
                    (codec.compress(codec.dump_json(spec)), int(row[0])),
                )
                record.sensitive = kept
                _credentials_again(conn, int(row[1]), int(row[0]), record)
                updated += 1
            return updated

    def update_enrichments(
        self,
        items: Sequence[tuple[str, Sequence[Label], Entity, Sequence[PolicyFinding]]],
        *,
        sensitive: Mapping[str, SensitiveFields | None] | None = None,
    ) -> int:
        """Replace stored flows' labels, entity and policy findings (each keeps its rowid), in
        one transaction. Items are (flow id, labels, entity, findings); returns how many of the
        flow ids were stored. The labeller's field findings kept with a flow
        (`FlowRecord.sensitive`) stay as stored, or become `sensitive[flow_id]` where given
        (the flow was labelled again)."""
        with self._db.writing() as conn:
            found = 0
            tally = Tally()
            for flow_id, labels, entity, policy in items:
                row = conn.execute(
                    "SELECT f.rowid, r.record, f.session_id FROM flows f JOIN records r "
                    "ON r.flow_rowid = f.rowid WHERE f.id = ?",
                    (flow_id,),
                ).fetchone()
                if row is None:
                    continue
                found += 1
                rowid, blob, sid = int(row[0]), row[1], int(row[2])
                tally.add_stored(conn, [rowid], -1)
                record, _spec = codec.decode_record(blob)
                record.labels = list(labels)
                record.entity = entity
                record.policy = list(policy)
                if sensitive is not None and flow_id in sensitive:
                    record.sensitive = sensitive[flow_id]
                _credentials_again(conn, sid, rowid, record)
                mask = purpose_mask(record.policy)
                new_spec = to_spec_dict(record, redact_credentials=False)
                if record.sensitive is not None:
                    new_spec[codec.SENSITIVE_KEY] = record.sensitive.to_dict()
                new_blob = codec.compress(codec.dump_json(new_spec))
                conn.execute(
                    "UPDATE flows SET entity = ?, party = ?, verdict_rank = ?, purposes = ? "
                    "WHERE rowid = ?",
                    (
                        entity.name,
                        entity.party,
                        codec.verdict_rank(record.worst_verdict()),
                        mask,
                        rowid,
                    ),
                )
                if mask:
                    conn.execute("INSERT OR IGNORE INTO purpose_masks(mask) VALUES (?)", (mask,))
                conn.execute(
                    "UPDATE records SET record = ? WHERE flow_rowid = ?", (new_blob, rowid)
                )
                conn.execute("DELETE FROM flow_labels WHERE flow_rowid = ?", (rowid,))
                conn.executemany(
                    "INSERT OR IGNORE INTO flow_labels(category, flow_rowid) VALUES (?, ?)",
                    [(cat, rowid) for cat in {lab.category for lab in labels}],
                )
                conn.execute("DELETE FROM flows_fts WHERE rowid = ?", (rowid,))
                conn.execute(
                    "INSERT INTO flows_fts(rowid, text) VALUES (?, ?)",
                    (rowid, codec.search_text_for_row(conn, rowid, new_blob)),
                )
                tally.add_stored(conn, [rowid], 1)
            tally.save(conn)
            return found

    def _store_encoded(
        self, conn: Connection, encoded: Sequence[tuple[FlowRecord, codec.EncodedFlow]]
    ) -> None:
        """Insert encoded flows (replacing stored flows of the same id), inside a write
        transaction, and move the running totals with them."""
        db = self._db
        # Another process may have deleted a session or compacted hosts since the last
        # batch: look names up afresh in each transaction (a few queries per batch).
        db.forget_ids()
        totals = _SessionTotals()
        tally = Tally()
        _take_out_replaced(conn, [sql_text(r.id) for r, _enc in encoded], totals, tally)
        row = conn.execute(
            "SELECT max(coalesce((SELECT max(rowid) FROM flows), 0), "
            "coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'last_rowid'), 0))"
        ).fetchone()
        # Rowids are never reused, not even those of deleted flows: live tails follow them.
        next_rowid = int(row[0]) + 1
        rows = _NewRows()
        credentials = CredentialRows()
        session_id = db.session_id
        host_id = db.host_id
        for record, enc in encoded:
            rowid = next_rowid
            next_rowid += 1
            sid = session_id(record.session, create=True)
            assert sid is not None
            req = record.request
            resp = record.response
            proc = record.process
            kind = sql_text(record.kind)
            process_name = sql_text(proc.name)
            app = sql_text(proc.app)
            host = sql_text(record.host)
            entity = sql_text(record.entity.name)
            party = sql_text(record.entity.party)
            rank = enc.verdict_rank
            mask = purpose_mask(record.policy)
            rows.flows.append(
                (
                    rowid,
                    sql_text(record.id),
                    sid,
                    float(record.ts),
                    kind,
                    proc.pid,
                    process_name,
                    app,
                    host_id(host),
                    sql_text(req.method) if req is not None else None,
                    sql_text(req.path) if req is not None else None,
                    resp.status if resp is not None else None,
                    enc.req_size,
                    enc.resp_size,
                    entity,
                    party,
                    rank,
                    1 if record.sinkholed else 0,
                    mask,
                )
            )
            if mask:
                rows.masks.add(mask)
            rows.records.append((rowid, enc.record_blob))
            for part, seq, body_codec, data in enc.bodies:
                rows.bodies.append((rowid, part, seq, body_codec, data))
            categories = {sql_text(lab.category) or "" for lab in record.labels}
            for category in categories:
                rows.labels.append((category, rowid))
            rows.fts.append((rowid, enc.search_text))
            credentials.add(sid, rowid, record, enc)
            if app:
                rows.apps.add((sid, app))
            nbytes = enc.req_size + enc.resp_size
            values = (entity, party, app, process_name, host, dimension_key("verdict", rank), kind)
            tally.add(
                [
                    *[(sid, name, values[slot] or "") for name, slot in _COUNTED_SLOTS],
                    *[(sid, "label", category) for category in categories],
                ],
                1,
                nbytes,
            )
            totals.add(sid, nbytes, record.ts)
        rows.insert(conn)
        credentials.insert(conn)
        totals.save(conn)
        tally.save(conn)
        db.set_meta("last_rowid", str(next_rowid - 1))


def _credentials_again(conn: Connection, sid: int, rowid: int, record: FlowRecord) -> None:
    """A stored flow's labels or findings changed: its values join its session's (the old ones
    stay, see `_delete_flow_rows`) and it is unread again only if stored without findings. The
    flow keeps its rowid: a reader that has read past it reads from the start again (the GUI's
    `CredentialBook.forget` after labelling again)."""
    conn.execute("DELETE FROM credentials_unread WHERE flow_rowid = ?", (rowid,))
    conn.execute("DELETE FROM flow_findings WHERE flow_rowid = ?", (rowid,))
    rows = CredentialRows()
    rows.add(sid, rowid, record)
    rows.insert(conn)


def _take_out_replaced(
    conn: Connection, flow_ids: Sequence[str | None], totals: _SessionTotals, tally: Tally
) -> None:
    """Flows stored under one of `flow_ids` (about to be replaced): out of the totals, deleted."""
    old: list[tuple[int, int, int]] = []
    for chunk, marks in chunks(flow_ids):
        old.extend(
            conn.execute(
                f"SELECT rowid, session_id, req_size + resp_size FROM flows WHERE id IN ({marks})",
                chunk,
            ).fetchall()
        )
    if not old:
        return
    for _rowid, sid, nbytes in old:
        totals.take_away(sid, nbytes)
    rowids = [o[0] for o in old]
    tally.add_stored(conn, rowids, -1)
    _delete_flow_rows(conn, rowids)


class _SessionTotals:
    """What one transaction changes in each session's flow count, bytes and time span."""

    def __init__(self) -> None:
        self._deltas: dict[int, list[Any]] = {}  # session id -> [count, bytes, first, last]

    def take_away(self, sid: int, nbytes: int) -> None:
        d = self._deltas.setdefault(sid, [0, 0, None, None])
        d[0] -= 1
        d[1] -= nbytes

    def add(self, sid: int, nbytes: int, ts: float) -> None:
        d = self._deltas.get(sid)
        if d is None:
            self._deltas[sid] = [1, nbytes, ts, ts]
        else:
            d[0] += 1
            d[1] += nbytes
            d[2] = ts if d[2] is None else min(d[2], ts)
            d[3] = ts if d[3] is None else max(d[3], ts)

    def save(self, conn: Connection) -> None:
        conn.executemany(
            "UPDATE sessions SET flow_count = flow_count + ?, bytes = bytes + ?, "
            "first_ts = min(coalesce(first_ts, ?), coalesce(?, first_ts)), "
            "last_ts = max(coalesce(last_ts, ?), coalesce(?, last_ts)) WHERE id = ?",
            [(c, b, f, f, la, la, sid) for sid, (c, b, f, la) in self._deltas.items()],
        )


@dataclass
class _NewRows:
    """The rows of a batch of new flows, inserted table by table."""

    flows: list[tuple[Any, ...]] = field(default_factory=list)
    records: list[tuple[int, bytes]] = field(default_factory=list)
    bodies: list[tuple[Any, ...]] = field(default_factory=list)
    labels: list[tuple[str, int]] = field(default_factory=list)
    fts: list[tuple[int, str]] = field(default_factory=list)
    apps: set[tuple[int, str]] = field(default_factory=set)
    masks: set[int] = field(default_factory=set)

    def insert(self, conn: Connection) -> None:
        conn.executemany(
            "INSERT INTO flows(rowid, id, session_id, ts, kind, pid, process_name, app, "
            "host_id, method, path, status, req_size, resp_size, entity, party, "
            "verdict_rank, sinkholed, purposes) VALUES "
            "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            self.flows,
        )
        conn.executemany("INSERT INTO records(flow_rowid, record) VALUES (?, ?)", self.records)
        if self.bodies:
            conn.executemany(
                "INSERT INTO bodies(flow_rowid, part, seq, codec, data) VALUES (?,?,?,?,?)",
                self.bodies,
            )
        if self.labels:
            conn.executemany(
                "INSERT OR IGNORE INTO flow_labels(category, flow_rowid) VALUES (?, ?)",
                self.labels,
            )
        conn.executemany("INSERT INTO flows_fts(rowid, text) VALUES (?, ?)", self.fts)
        if self.apps:
            conn.executemany(
                "INSERT OR IGNORE INTO session_apps(session_id, app) VALUES (?, ?)",
                sorted(self.apps),
            )
        if self.masks:
            conn.executemany(
                "INSERT OR IGNORE INTO purpose_masks(mask) VALUES (?)", [(m,) for m in self.masks]
            )
