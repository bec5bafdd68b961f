"""What the command line and the desktop app both do, with typed parameters: import files into the
store, export flows, write reports. `auditor/commands/*` parse arguments and print; `ui/` shows the
outcome in the window; the work itself, and every rule about it, is here once.

Failures are AuditorErrors with one line of text (exit 1 on the command line, the status bar in
the window); nothing here prints.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from auditor.errors import AuditorError, InputFormatError, UsageError
from auditor.paths import DataDir
from auditor.records import FlowRecord

if TYPE_CHECKING:
    from auditor.export.redact import Redactor
    from auditor.policy.purposes import PurposeAnswer
    from auditor.store import FlowQuery, SessionInfo, Store


class Labeller(Protocol):
    """What an import needs of `auditor.enrich.Enricher`."""

    def enrich(self, record: FlowRecord, *, app: str | None = None) -> FlowRecord: ...


class _LazyEnricher:
    """Builds the Enricher (rules, policy packs: about a second) only when a file is read."""

    def __init__(self, data_dir: DataDir, store: Store) -> None:
        self._data_dir = data_dir
        self._store = store
        self._enricher: Labeller | None = None

    def enrich(self, record: FlowRecord, *, app: str | None = None) -> FlowRecord:
        if self._enricher is None:
            from auditor.enrich import Enricher

            # The values the user asked to be recognised (their e-mail, host name, ...).
            self._enricher = Enricher(
                data_dir=self._data_dir, user_values=self._store.known_values()
            )
        return self._enricher.enrich(record, app=app)


ProgressFn = Callable[[int], None]

EXPORT_FORMATS: tuple[str, ...] = ("har", "mitm", "jsonl", "parquet")
REPORT_FORMATS: tuple[str, ...] = ("html", "json", "csv", "md", "pdf")
TIME_OUT_OF_RANGE = "with a time outside 1970-9999"


# ------------------------------------------------------------------------------------------------
# Import


@dataclass
class FileImport:
    """The outcome of importing one file."""

    path: Path
    fmt: str
    target: str  # the session named by --session, the file or its name
    stored: int = 0
    sessions: list[str] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)  # reason -> flows not stored
    renamed: int = 0
    already_in: str | None = None

    @property
    def session(self) -> str:
        return self.sessions[0] if self.sessions else (self.already_in or self.target)

    def summary(self) -> str:
        """One line for stdout or the status bar."""
        if self.already_in is not None:
            return (
                f"{self.path} was already imported into session {self.already_in!r}: nothing added"
            )
        names = self.sessions or [self.target]
        where = (
            f"session {names[0]!r}"
            if len(names) == 1
            else "sessions " + ", ".join(repr(n) for n in names)
        )
        line = f"imported {self.stored} flows from {self.path} into {where}"
        if self.skipped:
            reasons = ", ".join(f"{n} {why}" for why, n in self.skipped.most_common())
            line += f" ({sum(self.skipped.values())} skipped: {reasons})"
        if self.renamed:
            line += f"; {self.renamed} got new ids (theirs are taken in another session)"
        return line


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
    except OSError as err:
        raise InputFormatError(f"{path}: cannot read: {err.strerror or err}") from None
    return digest.hexdigest()


MAX_SESSION_CHARS = 200


def _printable(name: str) -> str:
    text = "".join(c if c.isprintable() else " " for c in name)
    return " ".join(text.split())[:MAX_SESSION_CHARS]


def read_file_records(
    path: Path,
    enricher: Labeller,
    *,
    session: str | None = None,
    app: str | None = None,
    max_bytes: int | None = None,
    progress: ProgressFn | None = None,
) -> tuple[str, list[FlowRecord], Counter[str]]:
    """(format, labelled records, reason -> flows refused) of one file, nothing stored yet."""
    from auditor.importers import default_session, detect_format, iter_records
    from auditor.store.bounds import ts_in_range

    fmt = detect_format(path)
    skipped: Counter[str] = Counter()
    records: list[FlowRecord] = []
    for record in iter_records(
        path, session=session, max_bytes=max_bytes, fmt=fmt, skipped=skipped
    ):
        if not ts_in_range(record.ts):
            # A time no calendar shows (year 1, year 31 million): the flow cannot be placed on
            # the timeline or compared with a policy's dates, so it is refused, and counted.
            skipped[TIME_OUT_OF_RANGE] += 1
            continue
        if session is None:
            # A session named by the file: printable, else the file's name.
            record.session = _printable(record.session) or default_session(path)
        if app and not record.process.app:
            record.process.app = app
        enricher.enrich(record, app=app)
        records.append(record)
        if progress is not None:
            progress(len(records))
    return fmt, records, skipped


def _imported_before(store: Store, digest: str, name: str, session: str | None) -> str | None:
    """A session this file (same content, same name) was imported into, or None. Only a hint
    that saves reading the file again: `Store.import_flows` decides, in its transaction."""
    for info in store.sessions():
        if session is not None and info.name != session:
            continue
        imports = info.meta.get("imports")
        if isinstance(imports, list) and any(
            isinstance(i, dict) and i.get("sha256") == digest and i.get("imported_from") == name
            for i in imports
        ):
            return info.name
    return None


def import_file(
    store: Store,
    enricher: Labeller,
    path: Path,
    *,
    session: str | None = None,
    app: str | None = None,
    max_bytes: int | None = None,
    progress: ProgressFn | None = None,
) -> FileImport:
    """Read, label and store one file in one transaction: all of it or none of it.

    Re-importing a file already imported into the same session adds nothing (by its SHA-256);
    see `Store.import_flows` for flow ids already stored.
    """
    from auditor.importers import default_session, detect_format, max_bytes_from_env
    from auditor.importers.common import check_size

    max_bytes = max_bytes if max_bytes is not None else max_bytes_from_env()
    check_size(path, max_bytes)  # before anything reads the file, the digest included
    digest = file_digest(path)
    earlier = _imported_before(store, digest, path.name, session)
    if earlier is not None:
        # The same file again: known without reading and labelling it all.
        return FileImport(path=path, fmt=detect_format(path), target=earlier, already_in=earlier)
    fmt, records, skipped = read_file_records(
        path, enricher, session=session, app=app, max_bytes=max_bytes, progress=progress
    )
    names = sorted({r.session for r in records})
    result = FileImport(
        path=path, fmt=fmt, target=names[0] if names else session or default_session(path)
    )
    result.skipped = skipped
    if not records:
        return result
    stored = store.import_flows(
        records,
        digest=digest,
        # The app the user named is remembered: `auditor policy rejudge` judges with it again.
        source={"imported_from": path.name, "import_format": fmt, **({"app": app} if app else {})},
    )
    result.stored = stored.stored
    result.sessions = stored.sessions
    result.renamed = stored.renamed
    result.skipped.update(stored.skipped)
    result.already_in = stored.already_in
    return result


def check_files(paths: Sequence[Path]) -> None:
    for path in paths:
        if not path.is_file():
            raise AuditorError(f"{path}: no such file")


def import_files(
    store: Store,
    paths: Sequence[Path],
    *,
    data_dir: DataDir,
    session: str | None = None,
    app: str | None = None,
    max_bytes: int | None = None,
    enricher: Labeller | None = None,
    progress: Callable[[Path], ProgressFn | None] | None = None,
    on_file: Callable[[FileImport], None] | None = None,
) -> list[FileImport]:
    """Import `paths` in order, each in its own transaction. A file that fails stops the import
    with a one-line error; the files before it stay imported (and the error says so)."""
    check_files(paths)
    from auditor.importers import max_bytes_from_env

    limit = max_bytes if max_bytes is not None else max_bytes_from_env()
    labeller: Labeller = enricher if enricher is not None else _LazyEnricher(data_dir, store)
    done: list[FileImport] = []
    for path in paths:
        try:
            result = import_file(
                store,
                labeller,
                path,
                session=session,
                app=app,
                max_bytes=limit,
                progress=progress(path) if progress is not None else None,
            )
        except AuditorError as err:
            if done:
                raise type(err)(
                    f"{err} (nothing from this file was stored; {len(done)} earlier file(s) "
                    "were imported)"
                ) from None
            raise
        done.append(result)
        if on_file is not None:
            on_file(result)
    return done


# ------------------------------------------------------------------------------------------------
# Export and report


@dataclass(frozen=True)
class ExportRequest:
    fmt: str  # one of EXPORT_FORMATS
    output: Path
    sessions: tuple[str, ...] = ()  # () = every session
    redacted: bool = True
    include_bodies: bool = True
    tls_keylog: Path | None = None  # also copy the one session's TLS key log here


@dataclass
class ExportResult:
    count: int
    output: Path
    redacted: bool
    keylog: tuple[str, Path] | None = None  # (session, where its key log was copied)

    def summary(self) -> str:
        note = "redacted" if self.redacted else "NOT REDACTED: credentials and identifiers in clear"
        return f"exported {self.count} flows to {self.output} ({note})"


@dataclass(frozen=True)
class ReportRequest:
    fmt: str  # one of REPORT_FORMATS
    output: Path | None  # None: return the text (not for pdf)
    sessions: tuple[str, ...] = ()
    redacted: bool = True
    title: str | None = None


@dataclass
class ReportResult:
    flows: int
    fmt: str
    output: Path | None
    redacted: bool
    text: str | None = None  # when no output file was asked for

    def summary(self) -> str:
        note = "redacted" if self.redacted else "NOT REDACTED"
        return f"wrote {self.fmt} report of {self.flows} flows to {self.output} ({note})"


def _sessions(store: Store, names: Sequence[str]) -> list[SessionInfo]:
    from auditor.export.sessions import selected_sessions

    return selected_sessions(store, list(names) or None)


def _session_flows(
    store: Store, sessions: list[SessionInfo], *, with_bodies: bool
) -> Iterator[FlowRecord]:
    from auditor.export.sessions import iter_session_flows

    return iter_session_flows(store, sessions, with_bodies=with_bodies)


def _session_queries(sessions: list[SessionInfo]) -> list[FlowQuery]:
    """The queries `_session_flows` reads, for `Redactor.prime_stored`."""
    from auditor.store import FlowQuery

    return [FlowQuery(session=info.name) for info in sessions]


def _redactor(data_dir: DataDir, passphrase_file: str | None) -> Redactor:
    from auditor.export.redact import make_redactor

    return make_redactor(data_dir, passphrase_file=passphrase_file)


def _keep_found_again(
    store: Store, data_dir: DataDir, passphrase_file: str | None, redactor: Redactor
) -> None:
    """Flows stored before the labeller's field findings were kept with them had them found
    again for this export: keep them now, so that later exports and reports take them as
    stored. Best effort: a store that cannot be written leaves them to be found next time."""
    found = redactor.found_again
    if not found:
        return
    from auditor.store import open_store

    try:
        if store.readonly:
            # Exports read through a read-only store: a short-lived writer, as migrations do.
            with open_store(data_dir, passphrase_file=passphrase_file) as writer:
                writer.keep_sensitive(found)
        else:
            store.keep_sensitive(found)
    except (AuditorError, OSError):
        pass


def _without_bodies(record: FlowRecord) -> FlowRecord:
    if record.request is not None:
        record.request.body = None
    if record.response is not None:
        record.response.body = None
    for msg in record.websocket:
        msg.content = b""
    return record


def export_flows(
    store: Store,
    data_dir: DataDir,
    request: ExportRequest,
    *,
    passphrase_file: str | None = None,
    progress: Callable[[int | None], Any] | None = None,
) -> ExportResult:
    """Write the flows of the chosen sessions to `request.output` (atomically: a failed export
    leaves no file). `progress(total)` makes the progress callback, if any."""
    if request.fmt not in EXPORT_FORMATS:
        raise UsageError(f"unknown export format {request.fmt!r}")
    out = request.output
    if out.is_dir():
        raise UsageError(f"-o {out} is a folder; give a file name")
    if request.fmt == "parquet":
        from auditor.export.parquet import _pyarrow

        _pyarrow()  # fail before any work when the research extra is missing
    sessions = _sessions(store, request.sessions)
    if request.tls_keylog is not None and len(sessions) != 1:
        raise UsageError("--tls-keylog needs exactly one --session")
    flows = _session_flows(store, sessions, with_bodies=True)
    if request.fmt == "parquet" and not request.include_bodies:
        flows = (_without_bodies(r) for r in flows)
    if request.redacted:
        redactor = _redactor(data_dir, passphrase_file)
        # Everything the labeller finds, before the first flow is written: a token found
        # in a later flow must not stay in an earlier one.
        redactor.prime_stored(store, _session_queries(sessions))
        flows = (redactor.redact_record(r) for r in flows)
    meter = progress(sum(s.flow_count for s in sessions)) if progress is not None else None
    session_name = sessions[0].name if len(sessions) == 1 else None
    redacted = request.redacted
    if request.fmt == "har":
        from auditor.export.har import write_har

        count = write_har(flows, out, redacted=redacted, session=session_name, progress=meter)
    elif request.fmt == "mitm":
        from auditor.export.mitm import write_mitm

        count = write_mitm(flows, out, redacted=redacted, progress=meter)
    elif request.fmt == "jsonl":
        from auditor.export.jsonl import write_jsonl

        count = write_jsonl(
            flows, out, redacted=redacted, include_bodies=request.include_bodies, progress=meter
        )
    else:
        from auditor.export.parquet import write_parquet

        count = write_parquet(flows, out, redacted=redacted, progress=meter)
    if meter is not None and hasattr(meter, "done"):
        meter.done()
    if request.redacted:
        _keep_found_again(store, data_dir, passphrase_file, redactor)
    result = ExportResult(count=count, output=out, redacted=redacted)
    if request.tls_keylog is not None:
        from auditor.export.tlskeys import copy_keylog

        copy_keylog(data_dir, sessions[0].name, request.tls_keylog)
        result.keylog = (sessions[0].name, request.tls_keylog)
    return result


def _policy_timeline(root: Path) -> Callable[[list[FlowRecord]], list[dict[str, Any]]]:
    from auditor.policy import PolicyEngine
    from auditor.report.model import timeline_rows

    engine = PolicyEngine.for_data_dir(root)  # the shipped packs and the user's own

    def run(records: list[FlowRecord]) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = []
        seen = {f.document for r in records for f in r.policy}
        for record in records:
            seen.update(engine.governing_documents(record))
        for document in sorted(seen):
            if engine.versions(document):
                rows.extend(timeline_rows(document, engine.timeline(records, document)))
        return rows

    return run


def _purposes(root: Path) -> Callable[[list[FlowRecord]], PurposeAnswer]:
    from auditor.policy import PolicyEngine
    from auditor.policy.purposes import answer_purposes

    engine = PolicyEngine.for_data_dir(root)

    def run(records: list[FlowRecord]) -> PurposeAnswer:
        return answer_purposes(records, engine)

    return run


def make_report(
    store: Store,
    data_dir: DataDir,
    request: ReportRequest,
    *,
    passphrase_file: str | None = None,
    progress: Callable[[int | None], Any] | None = None,
) -> ReportResult:
    """The traffic summary of the chosen sessions, written to `request.output` (atomically) or
    returned as text."""
    from auditor.export.common import counted
    from auditor.report import MarkerInfo, SessionFacts, build_report, write_report
    from auditor.report.html import render_html
    from auditor.report.text import render_csv, render_json, render_markdown

    if request.fmt not in REPORT_FORMATS:
        raise UsageError(f"unknown report format {request.fmt!r}")
    if request.output is None and request.fmt == "pdf":
        raise UsageError("a PDF report needs a file name (-o PATH)")
    if request.output is not None and request.output.is_dir():
        raise UsageError(f"-o {request.output} is a folder; give a file name")
    sessions = _sessions(store, request.sessions)
    facts = [
        SessionFacts(s.name, s.first_ts, s.last_ts, s.flow_count, list(s.apps), dict(s.meta))
        for s in sessions
    ]
    markers = [
        MarkerInfo(m.ts, m.kind, m.note, m.session) for s in sessions for m in store.markers(s.name)
    ]
    meter = progress(sum(s.flow_count for s in sessions)) if progress is not None else None
    redactor = _redactor(data_dir, passphrase_file) if request.redacted else None
    if redactor is not None:
        # What the labeller finds in whole flows (bodies too), before anything is shown.
        redactor.prime_stored(store, _session_queries(sessions))
    report = build_report(
        counted(_session_flows(store, sessions, with_bodies=False), meter),
        sessions=facts,
        markers=markers,
        redactor=redactor,
        policy_timeline=_policy_timeline(data_dir.root),
        purposes=_purposes(data_dir.root),
        title=request.title,
    )
    if meter is not None and hasattr(meter, "done"):
        meter.done()
    if redactor is not None:
        _keep_found_again(store, data_dir, passphrase_file, redactor)
    flows = int(report.totals["flows"])
    if request.output is None:
        renderers = {
            "html": render_html,
            "json": render_json,
            "csv": render_csv,
            "md": render_markdown,
        }
        text = renderers[request.fmt](report)
        return ReportResult(flows, request.fmt, None, request.redacted, text=text)
    write_report(report, request.fmt, request.output)
    return ReportResult(flows, request.fmt, request.output, request.redacted)
