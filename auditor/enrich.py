"""Enrichment: one place that turns a captured or imported record into a labelled one.

Capture, import and the demo all call `Enricher.enrich`, so a flow gets the same labels, entity and
policy verdicts whichever way it arrived.

A browser's flow is the web client whose page made it: a request from a page on app.zoom.us (its
`Origin`, else its `Referer`, else the page's own URL) belongs to "zoom (web)", which decides first
and third party and the app's documents just as the desktop client would. The pages of each web
client are in the vendor files (auditor/vendors).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from auditor.errors import AuditorError
from auditor.label import KnownValues, Labeller
from auditor.label.engine import DecodedRequest
from auditor.label.entities import entity_for, party_for
from auditor.label.findings import FieldFinder, kept_fields
from auditor.paths import DataDir
from auditor.policy import PolicyEngine
from auditor.records import Entity, FlowRecord, Label, PolicyFinding, SensitiveFields
from auditor.vendors import Registry, registry


def web_client_app(record: FlowRecord, vendors: Registry | None = None) -> str | None:
    """ "zoom (web)" etc. when `record` is a browser's (or an unattributed) request made by a page
    of a known web client; None otherwise."""
    vendors = vendors or registry()
    app = record.process.app
    if app is not None and not vendors.is_browser(app):
        return None
    request = record.request
    if request is None:
        return None
    web = vendors.web_app_for(
        request.url,
        request.header("origin"),
        request.header("referer"),
        navigation=(request.header("sec-fetch-mode") or "").lower() == "navigate",
    )
    return web.web_name if web is not None else None


if TYPE_CHECKING:
    from auditor.store import Store

RELABEL_CHUNK = 500


def user_known_values(
    data_dir: DataDir, passphrase_file: str | os.PathLike[str] | None = None
) -> dict[str, list[str]]:
    """The values the user entered (`auditor known`, the GUI), read from the encrypted store;
    empty when there is no store yet."""
    if not data_dir.store.exists() and not data_dir.known_values.exists():
        return {}
    from auditor.store import open_store

    with open_store(data_dir, passphrase_file=passphrase_file, readonly=True) as store:
        return store.known_values()


class Enricher:
    def __init__(
        self,
        *,
        labeller: Labeller | None = None,
        policy_engine: PolicyEngine | None = None,
        known_values: KnownValues | None = None,
        policy_version: str | None = None,
        data_dir: DataDir | None = None,
        passphrase_file: str | os.PathLike[str] | None = None,
        user_values: dict[str, list[str]] | None = None,
    ) -> None:
        """With a `data_dir`, the user's own policy packs and known values (from its store, or
        `user_values` when the caller has read them already) are used too."""
        if known_values is None and labeller is None:
            # The machine's own values (host name, MACs, machine id …) are always looked for.
            if user_values is None and data_dir is not None:
                user_values = user_known_values(data_dir, passphrase_file)
            known_values = KnownValues.for_this_machine(user_values or {})
        self.labeller = labeller or Labeller(known_values=known_values)
        if policy_engine is None:
            policy_engine = (
                PolicyEngine.for_data_dir(data_dir.root) if data_dir is not None else PolicyEngine()
            )
        self.policy_engine = policy_engine
        self.policy_version = policy_version
        self._finder: FieldFinder | None = None

    def sensitive_fields(
        self, record: FlowRecord, decoded: DecodedRequest | None = None
    ) -> SensitiveFields | None:
        """Every credential and identifier field of a labelled flow, kept with it so that
        redaction (exports, reports, the GUI's masking) need not find them again. None when its
        labels name none of those categories. `decoded`: the labeller's decoding of the flow
        when it has just labelled it (then the request is not decoded again)."""
        if self._finder is None:
            self._finder = FieldFinder()
        return kept_fields(record, self._finder, decoded)

    def enrich(self, record: FlowRecord, *, app: str | None = None) -> FlowRecord:
        """`app`: the client the user says the flow comes from (`auditor import --app`); it
        decides party and documents whatever the record's process says."""
        web_app = web_client_app(record, self.policy_engine.vendors)
        if web_app is not None:
            record.process.app = web_app
        result = self.labeller.label(record, keep_decoded=True)
        record.labels = result.labels
        record.entity = result.entity
        record.sensitive = self.sensitive_fields(record, result.decoded)
        if app:
            return rejudge(record, self.policy_engine, session_app=app, version=self.policy_version)
        record.policy = self.policy_engine.evaluate(
            record, app=record.process.app, version=self.policy_version
        )
        return record


SESSION_APP = "app"  # session metadata key: the client the user says a session's flows come from


def judged_app(record: FlowRecord, session_app: str | None, vendors: Registry) -> str | None:
    """The app a stored flow is judged as: the session's app the user set, else the web client its
    page belongs to, else its process's app."""
    return session_app or web_client_app(record, vendors) or record.process.app


def rejudge(
    record: FlowRecord,
    engine: PolicyEngine,
    *,
    session_app: str | None = None,
    version: str | None = None,
) -> FlowRecord:
    """Party and policy findings of a stored flow again, without labelling it again (its labels do
    not depend on the app or the packs): after the user names the session's app or adds a pack."""
    app = judged_app(record, session_app, engine.vendors)
    entity = record.entity
    if entity.name is None and record.host:
        entity = entity_for(record.host, app)
    record.entity = Entity(
        name=entity.name,
        party=party_for(entity.name, app) if entity.name else entity.party,
        domain=entity.domain,
    )
    record.policy = engine.evaluate(record, app=app, version=version)
    return record


def rejudge_session(
    store: Any,
    session: str,
    engine: PolicyEngine,
    *,
    app: str | None = None,
    version: str | None = None,
    batch: int = 500,
) -> tuple[int, int]:
    """Judge every flow of a stored session again (`app`: set the session's app first; "" clears
    it). Returns (flows judged, flows whose findings changed)."""
    from auditor.store import FlowQuery

    info = store.session(session)
    if info is None:
        raise AuditorError(f"no session {session!r} (see `auditor sessions`)")
    if app is not None:
        store.ensure_session(session, **{SESSION_APP: app or None})
        session_app = app or None
    else:
        session_app = info.meta.get(SESSION_APP) or None
    judged = changed = 0
    pending: list[tuple[str, list[Label], Entity, list[PolicyFinding]]] = []
    for record in store.iter_flows(FlowQuery(session=session), with_bodies=False):
        before = (record.entity, list(record.policy))
        rejudge(record, engine, session_app=session_app, version=version)
        judged += 1
        if (record.entity, record.policy) != before:
            changed += 1
            pending.append((record.id, record.labels, record.entity, record.policy))
        if len(pending) >= batch:
            store.update_enrichments(pending)
            pending = []
    if pending:
        store.update_enrichments(pending)
    return judged, changed


def relabel_store(
    store: Store,
    enricher: Enricher,
    *,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Labels every stored flow again (after the known values changed); returns how many were
    labelled (those whose labels, entity, verdicts or field findings changed are written back,
    with the field findings that redaction uses).

    Reads and writes in chunks, so memory stays flat and a capture writing meanwhile is held up
    by one chunk at most."""
    from auditor.store import FlowQuery

    done = 0
    chunk: list[FlowRecord] = []

    def flush(session_app: str | None) -> None:
        nonlocal done
        items = []
        found: dict[str, SensitiveFields | None] = {}
        for record in chunk:
            before = (list(record.labels), record.entity, list(record.policy), record.sensitive)
            enricher.enrich(record, app=session_app)
            # Most flows carry none of the changed values: rewriting them (record blob, search
            # index, counters) would cost more than labelling them. A flow stored before the
            # labeller's field findings were kept with it gets them now.
            if (record.labels, record.entity, record.policy, record.sensitive) != before:
                items.append((record.id, record.labels, record.entity, record.policy))
                found[record.id] = record.sensitive
        if items:
            store.update_enrichments(items, sensitive=found)
        done += len(chunk)
        chunk.clear()
        if progress is not None:
            progress(done)

    for info in store.sessions():
        # The client the user named for a session keeps deciding party and documents.
        session_app = info.meta.get(SESSION_APP) or None
        for record in store.iter_flows(FlowQuery(session=info.name), with_bodies=True):
            chunk.append(record)
            if len(chunk) >= RELABEL_CHUNK:
                flush(session_app)
        if chunk:
            flush(session_app)
    return done
