"""Numbered schema migrations, recorded in `PRAGMA user_version`.

Each migration runs in one transaction together with the bump of `user_version`, so a crash
mid-migration leaves the previous version intact. Never edit a migration that has shipped: add
the next one. `V1_DDL` is kept verbatim because tests build a first-version store from it.

Version 1: sessions, hosts, flows (small rows of filter columns, so scans and aggregates stay
fast), records (the compressed JSON record of each flow), bodies, labels, policy findings, markers,
settings.
Version 2: free-text search (FTS5, contentless, `flows_fts`) backfilled from the stored records,
and a per-session list of apps (`session_apps`) so `auditor sessions` need not scan flows.
Version 3: per-session running totals by dimension (`flow_counts`: label, entity, party, app,
process, host, verdict, kind), so summary counts are instant at a million flows.
Version 4: `flows_fts_vocab` (the search index's term list) so a type-ahead prefix becomes an OR
of whole terms, which FTS5 can seek by rowid range instead of materialising; and FTS5 automerge
16 (fewer segment rewrites while ingesting; `compact()` still merges everything). Drops
`flow_policy`: nothing read it (findings live in each flow's record, the worst verdict in
`flows.verdict_rank`) and filling it was ~5% of the ingest cost.
Version 5: `flows.purposes`, a bit mask of the purposes the flow's findings do not rule out
(`auditor.policy.purposes.purpose_mask`), backfilled from the stored records, for the `~u PURPOSE`
filter; `purpose_masks` lists the masks in use (a few dozen), so a purpose becomes an indexed
`purposes IN (…)` lookup instead of a bit test on every row.
Version 6: `session_credentials`, every credential value the labeller found (the secrets of the
findings kept with each flow, `auditor.label.findings.kept_secrets`) per session, with the
largest rowid of a flow that holds it, and `credentials_unread`, the flows stored without their
findings (searched again when read), so GUI masking reads O(credentials) rows instead of every
flow. Backfilled from the stored records. Values stay until their session is deleted: a
deleted flow may leave a value masked that no flow holds any more (never the other way).
Version 7: `flow_findings`, the labeller's field findings kept with each flow that a redactor
takes as they are (`auditor.label.findings.kept_findings`), JSON beside the record,
so a redacted export primes its redactor from these small rows instead of decoding every
flow's record a second time (that read cost as much as the whole unredacted export).
Backfilled from the stored records.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from auditor.errors import AuditorError
from auditor.store.database import Connection


@dataclass(frozen=True)
class MigrationStep:
    """How far the migration to `version` has come: `done` from 0.0 to 1.0."""

    version: int
    purpose: str
    done: float


MigrationProgress = Callable[[MigrationStep], None]
# A migration's own report: the fraction of its backfill done.
Fraction = Callable[[float], None]

V1_DDL = """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE sessions (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    created    REAL NOT NULL,
    meta       TEXT NOT NULL DEFAULT '{}',
    flow_count INTEGER NOT NULL DEFAULT 0,
    bytes      INTEGER NOT NULL DEFAULT 0,
    first_ts   REAL,
    last_ts    REAL
);
CREATE TABLE hosts (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
CREATE TABLE flows (
    rowid        INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    session_id   INTEGER NOT NULL REFERENCES sessions(id),
    ts           REAL NOT NULL,
    kind         TEXT NOT NULL,
    pid          INTEGER,
    process_name TEXT,
    app          TEXT,
    host_id      INTEGER REFERENCES hosts(id),
    method       TEXT,
    path         TEXT,
    status       INTEGER,
    req_size     INTEGER NOT NULL DEFAULT 0,
    resp_size    INTEGER NOT NULL DEFAULT 0,
    entity       TEXT,
    party        TEXT,
    verdict_rank INTEGER,
    sinkholed    INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE records (
    flow_rowid INTEGER PRIMARY KEY,
    record     BLOB NOT NULL
);
CREATE INDEX flows_session_ts ON flows(session_id, ts);
CREATE INDEX flows_ts ON flows(ts);
CREATE INDEX flows_host_ts ON flows(host_id, ts);
CREATE INDEX flows_app_ts ON flows(app, ts);
CREATE INDEX flows_entity_ts ON flows(entity, ts);
CREATE INDEX flows_verdict_ts ON flows(verdict_rank, ts) WHERE verdict_rank IS NOT NULL;
CREATE TABLE bodies (
    id        INTEGER PRIMARY KEY,
    flow_rowid INTEGER NOT NULL,
    part      TEXT NOT NULL,
    seq       INTEGER NOT NULL DEFAULT 0,
    codec     INTEGER NOT NULL DEFAULT 0,
    data      BLOB NOT NULL
);
CREATE INDEX bodies_flow ON bodies(flow_rowid, part, seq);
CREATE TABLE flow_labels (
    category   TEXT NOT NULL,
    flow_rowid INTEGER NOT NULL,
    PRIMARY KEY (category, flow_rowid)
) WITHOUT ROWID;
CREATE INDEX flow_labels_flow ON flow_labels(flow_rowid);
CREATE TABLE flow_policy (
    id         INTEGER PRIMARY KEY,
    flow_rowid INTEGER NOT NULL,
    document   TEXT NOT NULL,
    version    TEXT NOT NULL,
    section    TEXT NOT NULL,
    verdict    TEXT NOT NULL,
    category   TEXT
);
CREATE INDEX flow_policy_flow ON flow_policy(flow_rowid);
CREATE TABLE markers (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions(id),
    ts         REAL NOT NULL,
    kind       TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX markers_session_ts ON markers(session_id, ts);
"""

V2_DDL = """
CREATE VIRTUAL TABLE flows_fts USING fts5(
    text,
    content='',
    contentless_delete=1,
    detail=none,
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TABLE session_apps (
    session_id INTEGER NOT NULL,
    app        TEXT NOT NULL,
    PRIMARY KEY (session_id, app)
) WITHOUT ROWID;
INSERT OR IGNORE INTO session_apps(session_id, app)
    SELECT DISTINCT session_id, app FROM flows WHERE app IS NOT NULL;
"""


V3_DDL = """
CREATE TABLE flow_counts (
    session_id INTEGER NOT NULL,
    dimension  TEXT NOT NULL,
    key        TEXT NOT NULL,
    flows      INTEGER NOT NULL,
    bytes      INTEGER NOT NULL,
    PRIMARY KEY (session_id, dimension, key)
) WITHOUT ROWID
"""


V4_DDL = """
CREATE VIRTUAL TABLE flows_fts_vocab USING fts5vocab(flows_fts, row);
INSERT INTO flows_fts(flows_fts, rank) VALUES ('automerge', 16);
DROP TABLE flow_policy
"""


V6_DDL = """
CREATE TABLE session_credentials (
    session_id INTEGER NOT NULL,
    value      TEXT NOT NULL,
    last_rowid INTEGER NOT NULL,
    PRIMARY KEY (session_id, value)
) WITHOUT ROWID;
CREATE TABLE credentials_unread (
    flow_rowid INTEGER PRIMARY KEY
)
"""


V7_DDL = """
CREATE TABLE flow_findings (
    flow_rowid INTEGER PRIMARY KEY,
    findings   BLOB NOT NULL
)
"""


def _migration_1(conn: Connection, progress: Fraction) -> None:
    _run_script(conn, V1_DDL)


def _migration_2(conn: Connection, progress: Fraction) -> None:
    from auditor.store.codec import search_text_for_row

    _run_script(conn, V2_DDL)
    # Backfill the search index from what version 1 stored (records and bodies).
    last, end = 0, _last_record(conn)
    while True:
        rows = conn.execute(
            "SELECT flow_rowid, record FROM records WHERE flow_rowid > ? ORDER BY flow_rowid "
            "LIMIT 1000",
            (last,),
        ).fetchall()
        if not rows:
            break
        entries = [(rowid, search_text_for_row(conn, rowid, blob)) for rowid, blob in rows]
        conn.executemany("INSERT INTO flows_fts(rowid, text) VALUES (?, ?)", entries)
        last = rows[-1][0]
        progress(last / end)


def _migration_3(conn: Connection, progress: Fraction) -> None:
    from auditor.store.dimensions import COUNTED_PER_FLOW, dimension_key

    _run_script(conn, V3_DDL)
    for dimension in COUNTED_PER_FLOW:
        if dimension.counted_since != 3:
            continue  # a later migration fills it
        column = dimension.column
        rows = conn.execute(
            f"SELECT f.session_id, {column}, count(*), sum(f.req_size + f.resp_size) "
            f"FROM flows f{dimension.join} GROUP BY f.session_id, {column}"
        ).fetchall()
        conn.executemany(
            "INSERT INTO flow_counts VALUES (?, ?, ?, ?, ?)",
            [
                (sid, dimension.name, dimension_key(dimension.name, key), n, nbytes or 0)
                for sid, key, n, nbytes in rows
            ],
        )
    conn.execute(
        "INSERT INTO flow_counts SELECT f.session_id, 'label', l.category, count(*), "
        "sum(f.req_size + f.resp_size) FROM flows f JOIN flow_labels l ON l.flow_rowid = f.rowid "
        "GROUP BY f.session_id, l.category"
    )


def _migration_4(conn: Connection, progress: Fraction) -> None:
    _run_script(conn, V4_DDL)


def _migration_5(conn: Connection, progress: Fraction) -> None:
    from auditor.policy.purposes import purpose_mask
    from auditor.store.codec import decode_record

    conn.execute("ALTER TABLE flows ADD COLUMN purposes INTEGER NOT NULL DEFAULT 0")
    conn.execute("CREATE TABLE purpose_masks (mask INTEGER PRIMARY KEY) WITHOUT ROWID")
    last, end = 0, _last_record(conn)
    while True:
        # Only flows with findings can have purposes (their worst verdict is set).
        rows = conn.execute(
            "SELECT r.flow_rowid, r.record FROM records r JOIN flows f ON f.rowid = r.flow_rowid "
            "WHERE r.flow_rowid > ? AND f.verdict_rank IS NOT NULL ORDER BY r.flow_rowid "
            "LIMIT 1000",
            (last,),
        ).fetchall()
        if not rows:
            break
        updates = []
        for rowid, blob in rows:
            mask = purpose_mask(decode_record(blob)[0].policy)
            if mask:
                updates.append((mask, rowid))
        conn.executemany("UPDATE flows SET purposes = ? WHERE rowid = ?", updates)
        last = rows[-1][0]
        progress(last / end)
    conn.execute("CREATE INDEX flows_purposes_ts ON flows(purposes, ts) WHERE purposes != 0")
    conn.execute(
        "INSERT OR IGNORE INTO purpose_masks SELECT DISTINCT purposes FROM flows "
        "WHERE purposes != 0"
    )


def _migration_6(conn: Connection, progress: Fraction) -> None:
    from auditor.label.findings import HTTP_KINDS
    from auditor.store.codec import decode_record
    from auditor.store.writer import CredentialRows
    from auditor.vocabulary import CRED, is_pseudonym_category

    _run_script(conn, V6_DDL)
    # Only HTTP flows that are unlabelled or carry a sensitive label can hold values
    # (`kept_secrets`): the others' records need not be decoded.
    sensitive = [
        category
        for (category,) in conn.execute("SELECT DISTINCT category FROM flow_labels")
        if category == CRED or is_pseudonym_category(category)
    ]
    kinds = sorted(HTTP_KINDS)
    candidate = (
        f"f.kind IN ({', '.join('?' * len(kinds))}) AND (NOT EXISTS (SELECT 1 FROM flow_labels l "
        "WHERE l.flow_rowid = f.rowid) OR EXISTS (SELECT 1 FROM flow_labels l WHERE "
        f"l.flow_rowid = f.rowid AND l.category IN ({', '.join('?' * len(sensitive)) or 'NULL'})))"
    )
    last, end = 0, _last_record(conn)
    while True:
        rows = conn.execute(
            "SELECT r.flow_rowid, f.session_id, r.record FROM records r "
            f"JOIN flows f ON f.rowid = r.flow_rowid WHERE r.flow_rowid > ? AND {candidate} "
            "ORDER BY r.flow_rowid LIMIT 1000",
            (last, *kinds, *sensitive),
        ).fetchall()
        if not rows:
            break
        found = CredentialRows(with_findings=False)
        for rowid, sid, blob in rows:
            found.add(sid, rowid, decode_record(blob)[0])
        found.insert(conn)
        last = rows[-1][0]
        progress(last / end)


def _last_record(conn: Connection) -> int:
    """The largest rowid a backfill walks to: its progress is how far its rowid has come (a
    count of the rows to do would cost a scan of its own)."""
    return max(1, int(conn.execute("SELECT max(flow_rowid) FROM records").fetchone()[0] or 0))


def _migration_7(conn: Connection, progress: Fraction) -> None:
    from auditor.store.codec import decode_record, findings_blob
    from auditor.store.writer import CredentialRows

    _run_script(conn, V7_DDL)
    last, end = 0, _last_record(conn)
    while True:
        rows = conn.execute(
            "SELECT r.flow_rowid, r.record FROM records r WHERE r.flow_rowid > ? "
            "ORDER BY r.flow_rowid LIMIT 1000",
            (last,),
        ).fetchall()
        if not rows:
            break
        kept = [(int(rowid), findings_blob(decode_record(blob)[0])) for rowid, blob in rows]
        CredentialRows.insert_findings(conn, [(r, b) for r, b in kept if b is not None])
        last = rows[-1][0]
        progress(last / end)


def _run_script(conn: Connection, script: str) -> None:
    # `executescript` would COMMIT the surrounding transaction; run statement by statement.
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


MIGRATIONS: dict[int, Callable[[Any, Fraction], None]] = {
    1: _migration_1,
    2: _migration_2,
    3: _migration_3,
    4: _migration_4,
    5: _migration_5,
    6: _migration_6,
    7: _migration_7,
}
LATEST_VERSION = max(MIGRATIONS)
# What each migration does, as a person upgrading is told while it runs.
PURPOSES: dict[int, str] = {
    1: "tables",
    2: "search index",
    3: "summary counts",
    4: "search terms",
    5: "purpose filter",
    6: "credential index",
    7: "redaction findings",
}


def _reporter(progress: MigrationProgress | None, version: int) -> Fraction:
    if progress is None:
        return _ignore
    purpose = PURPOSES[version]

    def report(done: float) -> None:
        progress(MigrationStep(version, purpose, min(1.0, done)))

    return report


def _ignore(done: float) -> None:
    pass


def schema_version(conn: Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(
    conn: Connection,
    *,
    target: int = LATEST_VERSION,
    where: str = "the store",
    progress: MigrationProgress | None = None,
) -> int:
    """Bring the database to `target`; returns the version it was at. `conn` is in autocommit.
    `progress` hears of each migration of an existing store (not of a new one's creation) as it
    begins (0.0), after each backfilled batch and as it ends (1.0)."""
    current = schema_version(conn)
    if current > LATEST_VERSION:
        raise AuditorError(
            f"{where} has schema version {current}, newer than this program knows "
            f"({LATEST_VERSION}); upgrade meeting-privacy-auditor"
        )
    for version in range(current + 1, target + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-check under the write lock: another process may have migrated meanwhile.
            if schema_version(conn) >= version:
                conn.execute("ROLLBACK")
                continue
            report = _reporter(progress if current > 0 else None, version)
            report(0.0)
            MIGRATIONS[version](conn, report)
            conn.execute(f"PRAGMA user_version = {int(version)}")
            conn.execute("COMMIT")
            report(1.0)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return current
