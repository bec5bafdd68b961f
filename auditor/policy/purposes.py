"""The purpose answer: of what left the machine, what may the vendor use for AI training, for any
purpose, for marketing, or share with third parties — under each dated version of its terms.

`answer_purposes(records, engine)` is a pure function over stored flows (their findings: document,
version, section, verdict, quote, `permits`) and the policy packs. Which documents govern a flow is
what its stored findings say (the engine chose them at enrichment); for every date a governing
document changed, each document's version in force on that date is evaluated with
`PolicyEngine.evaluate_document` — the stored findings are used as they are for the version they
were made under.

For one purpose, each (flow, data category) gets one status per date:

* `denied` — a statement says the vendor does not use this data for it (Zoom 2023-08-11: no AI
  training on audio, video or chat).
* `consent` — only with consent (Zoom 2023-08-07: "Notwithstanding the above …").
* `allowed` — a clause permits it, by name or as "any purpose" (Zoom 2023-07-28 §10.2).
* `owned` — the vendor claims to own the data and the terms set no purpose limit (Zoom §10.5
  from 2023-08-11: "Zoom owns all rights, title, and interest in and to Service Generated Data").
* `silent` — the terms say nothing about this use of this data.

Several documents govern one flow (terms and privacy statement): the most protective statement
wins (denied, then consent, then allowed, then owned), and every statement behind the winning
status is cited. A flow counts under every status one of its categories has, so the figures of
one purpose may add up to more than the flows.

`third_party_sharing` asks whether the data may go to partners, advertisers or other third parties
(service providers and affiliates acting for the vendor do not count): for a flow already sent to a
third party, the finding's verdict about that recipient; otherwise the statements covering the data
that name such recipients.

Consent as observed: flows labelled `consent_signal` carry the client's own consent or
data-collection flag (Zoom's `dataCollectionFlag`, 1DS `userConsent` …); its value is read from the
label's evidence (`key=value`). Each flow is compared with the nearest report of its app (the last
one before it, else the first after it), and flows sent while the client reported no consent are
listed.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from auditor.policy.engine import (
    CHOSEN_BY_RECIPIENT,
    SKIPPED_CATEGORIES,
    PolicyEngine,
    category_matches,
)
from auditor.policy.packs import FIRST_PARTY, PURPOSES, PolicyDocument, Statement
from auditor.records import FlowRecord, PolicyFinding

QUESTIONS: tuple[str, ...] = ("ai_training", "any_purpose", "marketing", "third_party_sharing")
# Most protective first: the order in which statuses win when documents disagree.
STATUSES: tuple[str, ...] = ("denied", "consent", "allowed", "owned", "silent")

QUESTION_TEXT: dict[str, str] = {
    "ai_training": "AI training",
    "any_purpose": "any purpose",
    "marketing": "marketing",
    "third_party_sharing": "sharing with third parties",
}
STATUS_TEXT: dict[str, str] = {
    "allowed": "allowed",
    "owned": "vendor owns it, no limit stated",
    "consent": "only with consent",
    "denied": "ruled out",
    "silent": "not mentioned",
}
CHANGE_TEXT: dict[str, str] = {
    "allowed": "now allowed",
    "owned": "now under the vendor's ownership claim, no limit stated",
    "consent": "now only with consent",
    "denied": "now ruled out",
    "silent": "no longer mentioned",
}
CONDITION_TEXT: dict[str, str] = {
    "consent": "with consent",
    "opt_out": "unless you opt out",
    "settings": "if the account's settings allow",
}
_NOT_SHARING = frozenset({FIRST_PARTY, "service_providers", "affiliates"})

_GRANTED = frozenset({"true", "1", "yes", "on", "granted", "opt_in", "optin", "accepted", "full"})
_REFUSED = frozenset(
    {"false", "0", "no", "off", "denied", "refused", "opt_out", "optout", "rejected", "none"}
)


# --------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True, slots=True)
class ClauseRef:
    """The verbatim statement a status rests on."""

    document: str
    version: str
    section: str
    quote: str
    conditions: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "version": self.version,
            "section": self.section,
            "quote": self.quote,
            "conditions": list(self.conditions),
        }

    @property
    def ref(self) -> str:
        return f"{self.document}@{self.version} §{self.section}" if self.section else self.document


@dataclass(slots=True)
class Bucket:
    """The flows and categories that have one status for one purpose."""

    status: str
    flows: int = 0
    bytes: int = 0
    categories: list[str] = field(default_factory=list)
    flow_ids: list[str] = field(default_factory=list)
    clauses: list[ClauseRef] = field(default_factory=list)
    # Flows of this bucket sent while the client itself reported no consent.
    without_consent: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "flows": self.flows,
            "bytes": self.bytes,
            "categories": list(self.categories),
            "flow_ids": list(self.flow_ids),
            "clauses": [c.to_json() for c in self.clauses],
            "sent_without_consent": list(self.without_consent),
        }


@dataclass(slots=True)
class PurposeRow:
    purpose: str
    buckets: list[Bucket]  # in STATUSES order, only those with flows
    summary: str  # plain words

    def bucket(self, status: str) -> Bucket | None:
        return next((b for b in self.buckets if b.status == status), None)

    def flows(self, status: str) -> int:
        found = self.bucket(status)
        return found.flows if found else 0

    def to_json(self) -> dict[str, Any]:
        return {
            "purpose": self.purpose,
            "summary": self.summary,
            "buckets": [b.to_json() for b in self.buckets],
        }


@dataclass(frozen=True, slots=True)
class DocVersion:
    document: str
    version: str
    title: str

    def to_json(self) -> dict[str, Any]:
        return {"document": self.document, "version": self.version, "title": self.title}


@dataclass(slots=True)
class VersionAnswer:
    """The answer on one date: each governing document in the version in force then."""

    date: str
    documents: list[DocVersion]
    rows: list[PurposeRow]
    changes: list[str] = field(default_factory=list)  # plain words: what changed on this date
    in_force: bool = False  # the terms in force today
    stored: bool = False  # the versions the stored findings were made under

    def row(self, purpose: str) -> PurposeRow:
        return next(r for r in self.rows if r.purpose == purpose)

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "in_force": self.in_force,
            "stored": self.stored,
            "documents": [d.to_json() for d in self.documents],
            "changes": list(self.changes),
            "purposes": [r.to_json() for r in self.rows],
        }


@dataclass(slots=True)
class ConsentReport:
    """One value of the client's own consent or data-collection flag."""

    flow_id: str
    ts: float
    app: str
    where: str
    raw: str  # as the evidence shows it: `userConsent=True`
    value: str  # granted | refused | unknown

    def to_json(self) -> dict[str, Any]:
        return {
            "flow_id": self.flow_id,
            "ts": self.ts,
            "app": self.app,
            "where": self.where,
            "raw": self.raw,
            "value": self.value,
        }


@dataclass(slots=True)
class AppAnswer:
    app: str
    flows: int  # flows with findings
    bytes: int
    versions: list[VersionAnswer]  # oldest first
    consent: list[ConsentReport] = field(default_factory=list)
    # Flows (of any purpose) sent while the client's latest report said no consent.
    without_consent: list[str] = field(default_factory=list)
    without_consent_bytes: int = 0

    def version(self, date: str | None = None) -> VersionAnswer:
        """The answer on `date` (the latest version on or before it), or the one in force."""
        if date is None:
            return next((v for v in self.versions if v.in_force), self.versions[-1])
        dates = [v.date for v in self.versions]
        i = bisect.bisect_right(dates, date)
        return self.versions[max(0, i - 1)]

    def to_json(self) -> dict[str, Any]:
        return {
            "app": self.app,
            "flows": self.flows,
            "bytes": self.bytes,
            "versions": [v.to_json() for v in self.versions],
            "consent_reports": [c.to_json() for c in self.consent],
            "sent_without_consent": {
                "flows": len(self.without_consent),
                "bytes": self.without_consent_bytes,
                "flow_ids": list(self.without_consent),
            },
        }


@dataclass(slots=True)
class SessionAnswer:
    session: str
    apps: list[AppAnswer]
    flows_without_findings: int = 0

    def app(self, name: str) -> AppAnswer:
        return next(a for a in self.apps if a.app == name)

    def to_json(self) -> dict[str, Any]:
        return {
            "session": self.session,
            "flows_without_findings": self.flows_without_findings,
            "apps": [a.to_json() for a in self.apps],
        }


@dataclass(slots=True)
class PurposeAnswer:
    sessions: list[SessionAnswer]
    today: str
    questions: tuple[str, ...] = QUESTIONS

    def session(self, name: str) -> SessionAnswer:
        return next(s for s in self.sessions if s.session == name)

    def to_json(self) -> dict[str, Any]:
        return {
            "today": self.today,
            "questions": list(self.questions),
            "statuses": list(STATUSES),
            "sessions": [s.to_json() for s in self.sessions],
        }


# --------------------------------------------------------------------------------------------
# What a stored finding says about a purpose (no packs needed: the store's `~u` filter uses it)


def finding_purposes(findings: Iterable[PolicyFinding]) -> set[str]:
    """The purposes the findings do not rule out: permitted by name, as "any purpose" (which
    implies every other purpose but the vendor's ownership claim), or only with consent. No packs
    needed: the store keeps this per flow for the `~u PURPOSE` filter."""
    out: set[str] = set()
    for f in findings:
        permits = set(f.permits) & set(PURPOSES)
        out |= permits
        if "any_purpose" in permits:
            out |= set(PURPOSES) - {"vendor_owned"}
    return out


def purpose_mask(findings: Iterable[PolicyFinding]) -> int:
    """`finding_purposes` as a bit mask (bit i: PURPOSES[i]), the store's `flows.purposes`."""
    mask = 0
    for purpose in finding_purposes(findings):
        mask |= 1 << PURPOSES.index(purpose)
    return mask


def mask_purposes(mask: int) -> list[str]:
    return [p for i, p in enumerate(PURPOSES) if mask >> i & 1]


def purpose_bit(purpose: str) -> int:
    """The mask bit of a purpose a person typed (`ai-training`, `AI_training`); ValueError for a
    purpose the packs do not know."""
    value = purpose_value(purpose)
    if value not in PURPOSES:
        raise ValueError(value)
    return 1 << PURPOSES.index(value)


def sent_bytes(record: FlowRecord) -> int:
    """Bytes the client sent: the request (or WebSocket messages from the client), else the wire
    counter."""
    sent = record.bytes_sent
    if not sent and record.request is not None:
        sent = record.request.size
    if record.websocket:
        sent = max(sent, sum(m.size for m in record.websocket if m.from_client))
    return sent


# --------------------------------------------------------------------------------------------
# Consent as observed


def consent_value(raw: str) -> str:
    """`userConsent=True` → granted; `dataCollectionFlag=0` → refused; masked → unknown."""
    _key, sep, value = raw.rpartition("=")
    if not sep:
        value = raw
    v = value.strip().strip("\"'").lower()
    if v in _GRANTED:
        return "granted"
    if v in _REFUSED:
        return "refused"
    return "unknown"


def consent_reports(records: Iterable[FlowRecord]) -> list[ConsentReport]:
    out: list[ConsentReport] = []
    for record in records:
        for label in record.labels:
            if label.category != "consent_signal":
                continue
            for ev in label.evidence:
                out.append(
                    ConsentReport(
                        flow_id=record.id,
                        ts=record.ts,
                        app=record.process.app or "(unknown app)",
                        where=ev.where,
                        raw=ev.excerpt,
                        value=consent_value(ev.excerpt),
                    )
                )
    out.sort(key=lambda c: (c.ts, c.flow_id, c.where))
    return out


def _reported_states(
    reports: Sequence[ConsentReport], records: Sequence[FlowRecord]
) -> dict[str, str]:
    """The client's reported consent when each flow was sent: its last known report before the
    flow, else its first report after it (flows before any report)."""
    known = [c for c in reports if c.value != "unknown"]
    if not known:
        return {}
    times = [c.ts for c in known]
    out = {}
    for record in records:
        i = bisect.bisect_right(times, record.ts)
        out[record.id] = known[i - 1 if i else 0].value
    return out


# --------------------------------------------------------------------------------------------
# Statuses


@dataclass(slots=True)
class _Cell:
    status: str
    refs: list[ClauseRef]


def _ref(doc: PolicyDocument, section: str, st: Statement) -> ClauseRef:
    return ClauseRef(doc.document, doc.version, section, st.quote, tuple(st.conditions))


def _statement_at(doc: PolicyDocument, section: str, quote: str) -> Statement | None:
    clause = doc.clause(section)
    if clause is None:
        return None
    return next((s for s in clause.statements if s.quote == quote), None)


def _purpose_cell(
    purpose: str,
    finding: PolicyFinding,
    doc: PolicyDocument,
    statements: list[tuple[Any, Statement, bool]],
) -> _Cell:
    permits = set(finding.permits)
    conditioned: set[str] = set()
    at = _statement_at(doc, finding.section, finding.quote)
    if finding.verdict == "consent_required" and at is not None and "consent" in at.conditions:
        conditioned = set(at.purposes)
        if purpose in conditioned:
            return _Cell("consent", [_ref(doc, finding.section, at)])
    denials = [
        _ref(doc, c.section, st)
        for c, st, _explicit in statements
        if st.effect == "denies" and not st.conditions and purpose in st.purposes
    ]
    if denials and purpose not in permits:
        return _Cell("denied", denials[:2])

    def grants(name: str) -> list[ClauseRef]:
        found = [
            (not explicit, _ref(doc, c.section, st))
            for c, st, explicit in statements
            if st.effect == "permits" and name in st.purposes
        ]
        found.sort(key=lambda item: item[0])  # statements naming the data first
        return [ref for _broad, ref in found[:2]]

    if purpose in permits and purpose not in conditioned:
        return _Cell("allowed", grants(purpose))
    if purpose != "any_purpose" and "any_purpose" in permits and not denials:
        return _Cell("allowed", grants("any_purpose"))
    if "vendor_owned" in permits:
        return _Cell("owned", grants("vendor_owned"))
    return _Cell("silent", [])


def _sharing_cell(
    record: FlowRecord, finding: PolicyFinding, doc: PolicyDocument, app_key: str | None
) -> _Cell:
    if record.entity.party == "third":
        at = _statement_at(doc, finding.section, finding.quote)
        refs = [_ref(doc, finding.section, at)] if at is not None else []
        status = {
            "clear": "allowed",
            "vague": "allowed",
            "consent_required": "consent",
            "contradicted": "denied",
        }.get(finding.verdict, "silent")
        return _Cell(status, refs)
    category = finding.category or ""
    flow_categories = {c for c in record.label_categories() if c not in SKIPPED_CATEGORIES}
    found: dict[str, list[ClauseRef]] = defaultdict(list)
    for clause in doc.clauses:
        for st in clause.statements:
            if st.apps and app_key not in st.apps:
                continue
            if st.when_categories and not any(
                category_matches(c, st.when_categories) for c in flow_categories
            ):
                continue
            if not (
                category_matches(category, st.categories)
                or category_matches(category, st.broad_categories)
            ):
                continue
            others = [r for r in st.recipients if r not in _NOT_SHARING]
            if not others:
                continue
            if st.effect == "denies":
                if not st.purposes and not st.conditions:
                    found["denied"].append(_ref(doc, clause.section, st))
            elif "consent" in st.conditions:
                found["consent"].append(_ref(doc, clause.section, st))
            else:
                found["allowed"].append(_ref(doc, clause.section, st))
    for status in ("denied", "consent", "allowed"):
        if found[status]:
            return _Cell(status, found[status][:2])
    return _Cell("silent", [])


def _combine(cells: Sequence[_Cell]) -> _Cell:
    best = min(cells, key=lambda c: STATUSES.index(c.status))
    refs: list[ClauseRef] = []
    for cell in cells:
        if cell.status == best.status:
            refs.extend(r for r in cell.refs if r not in refs)
    return _Cell(best.status, refs)


# --------------------------------------------------------------------------------------------
# The answer


def _today(today: str | None) -> str:
    return today or datetime.now(tz=UTC).strftime("%Y-%m-%d")


class _Evaluator:
    """Findings of one flow under one dated document version, cached per flow."""

    def __init__(self, engine: PolicyEngine) -> None:
        self.engine = engine
        self._docs: dict[tuple[str, str], PolicyDocument | None] = {}
        self._statements: dict[tuple[object, ...], list[tuple[Any, Statement, bool]]] = {}

    def doc(self, document: str, date: str) -> PolicyDocument | None:
        key = (document, date)
        if key not in self._docs:
            self._docs[key] = self.engine.version_for(document, date)
        return self._docs[key]

    def statements(
        self, record: FlowRecord, doc: PolicyDocument, category: str
    ) -> list[tuple[Any, Statement, bool]]:
        entity = record.entity
        key = (
            doc.id, category, entity.name, entity.party, entity.domain, record.process.app,
            frozenset(record.label_categories()),
        )  # fmt: skip
        found = self._statements.get(key)
        if found is None:
            found = self._statements[key] = self.engine.applicable_statements(record, doc, category)
        return found

    def findings(
        self, record: FlowRecord, doc: PolicyDocument, stored: list[PolicyFinding]
    ) -> list[PolicyFinding]:
        mine = [f for f in stored if f.document == doc.document and f.version == doc.version]
        if mine:
            return mine
        chosen_by = self.engine.governing_documents(record).get(doc.document)
        return self.engine.evaluate_document(
            record, doc, app=record.process.app, as_recipient=chosen_by == CHOSEN_BY_RECIPIENT
        )


def _signature(record: FlowRecord) -> tuple[object, ...]:
    """What a flow's answer depends on: its app, recipient, data categories and stored findings."""
    entity = record.entity
    return (
        record.process.app,
        entity.name,
        entity.party,
        entity.domain,
        frozenset(record.label_categories()),
        tuple(
            (f.document, f.version, f.section, f.verdict, f.quote, tuple(f.permits), f.category)
            for f in record.policy
        ),
    )


def answer_purposes(
    records: Iterable[FlowRecord],
    engine: PolicyEngine,
    *,
    today: str | None = None,
    questions: Sequence[str] = QUESTIONS,
) -> PurposeAnswer:
    """The purpose answer for every session and app of `records` (bodies are not needed)."""
    today = _today(today)
    by_session: dict[str, list[FlowRecord]] = defaultdict(list)
    for record in records:
        by_session[record.session].append(record)
    sessions = []
    for name in sorted(by_session):
        sessions.append(_session_answer(name, by_session[name], engine, today, questions))
    return PurposeAnswer(sessions=sessions, today=today, questions=tuple(questions))


def _session_answer(
    name: str,
    records: list[FlowRecord],
    engine: PolicyEngine,
    today: str,
    questions: Sequence[str],
) -> SessionAnswer:
    by_app: dict[str, list[FlowRecord]] = defaultdict(list)
    without = 0
    for record in records:
        if any(f.category for f in record.policy):
            by_app[record.process.app or "(unknown app)"].append(record)
        else:
            without += 1
    reports = consent_reports(records)
    # The app with most flows first (usually the client being audited).
    order = sorted(by_app, key=lambda a: (-len(by_app[a]), a))
    apps = [_app_answer(app, by_app[app], engine, today, questions, reports) for app in order]
    return SessionAnswer(session=name, apps=apps, flows_without_findings=without)


def _app_answer(
    app: str,
    records: list[FlowRecord],
    engine: PolicyEngine,
    today: str,
    questions: Sequence[str],
    all_reports: list[ConsentReport],
) -> AppAnswer:
    evaluator = _Evaluator(engine)
    documents = sorted({f.document for r in records for f in r.policy if f.category})
    stored_versions = {(f.document, f.version) for r in records for f in r.policy}
    dates = sorted({d.version for doc in documents for d in engine.versions(doc)})
    if not dates:  # findings of documents the packs no longer have: their own versions only
        dates = sorted({v for _d, v in stored_versions})
    reports = [c for c in all_reports if c.app == app]
    state = _reported_states(reports, records)
    without_consent = [r.id for r in records if state.get(r.id) == "refused"]
    sizes = {r.id: sent_bytes(r) for r in records}
    # Flows with the same app, recipient, data categories and stored findings get the same
    # answer: evaluate one of each group (a meeting repeats a few dozen kinds of flows).
    groups: dict[tuple[object, ...], list[FlowRecord]] = defaultdict(list)
    for record in records:
        groups[_signature(record)].append(record)
    # Per group: its flow ids (in capture order), bytes sent, and those sent without consent.
    group_facts = {
        sig: (
            [r.id for r in members],
            sum(sizes[r.id] for r in members),
            [r.id for r in members if state.get(r.id) == "refused"],
        )
        for sig, members in groups.items()
    }
    versions: list[VersionAnswer] = []
    for date in dates:
        docs = [d for d in (evaluator.doc(doc, date) for doc in documents) if d is not None]
        # cells[purpose][status] -> group signature -> (categories, refs)
        cells: dict[str, dict[str, dict[tuple[object, ...], tuple[set[str], list[ClauseRef]]]]] = {
            q: defaultdict(dict) for q in questions
        }
        for sig, members in groups.items():
            record = members[0]
            app_key = engine.vendors.canonical_app(record.process.app)
            per_category: dict[str, dict[str, list[_Cell]]] = defaultdict(lambda: defaultdict(list))
            for doc in docs:
                for finding in evaluator.findings(record, doc, record.policy):
                    if not finding.category:
                        continue
                    statements = evaluator.statements(record, doc, finding.category)
                    for q in questions:
                        cell = (
                            _sharing_cell(record, finding, doc, app_key)
                            if q == "third_party_sharing"
                            else _purpose_cell(q, finding, doc, statements)
                        )
                        per_category[q][finding.category].append(cell)
            for q, by_cat in per_category.items():
                for category, doc_cells in by_cat.items():
                    combined = _combine(doc_cells)
                    slot = cells[q][combined.status].setdefault(sig, (set(), []))
                    slot[0].add(category)
                    slot[1].extend(r for r in combined.refs if r not in slot[1])
        rows = []
        for q in questions:
            buckets = []
            stated = {g for status in STATUSES[:-1] for g in cells[q].get(status) or {}}
            for status in STATUSES:
                found = cells[q].get(status) or {}
                cats: set[str] = {c for flow_cats, _refs in found.values() for c in flow_cats}
                if status == "silent":
                    # Silent flows: the terms say nothing about this purpose for any of their
                    # categories. The categories listed are all those left unaddressed.
                    found = {g: v for g, v in found.items() if g not in stated}
                if not found:
                    continue
                bucket = Bucket(status=status, categories=sorted(cats))
                for sig, (_flow_cats, refs) in found.items():
                    ids, nbytes, refused = group_facts[sig]
                    bucket.flow_ids.extend(ids)
                    bucket.bytes += nbytes
                    bucket.without_consent.extend(refused)
                    bucket.clauses.extend(r for r in refs if r not in bucket.clauses)
                bucket.flows = len(bucket.flow_ids)
                buckets.append(bucket)
            rows.append(PurposeRow(q, buckets, _summary(q, buckets, app)))
        doc_versions = [DocVersion(d.document, d.version, d.title) for d in docs]
        versions.append(
            VersionAnswer(
                date=date,
                documents=doc_versions,
                rows=rows,
                stored=all((d.document, d.version) in stored_versions for d in docs),
            )
        )
    in_force = [v for v in versions if v.date <= today] or versions[:1]
    if in_force:
        in_force[-1].in_force = True
    for previous, current in itertools.pairwise(versions):
        current.changes = _changes(previous, current)
    return AppAnswer(
        app=app,
        flows=len(records),
        bytes=sum(sizes.values()),
        versions=versions,
        consent=reports,
        without_consent=without_consent,
        without_consent_bytes=sum(sizes[i] for i in without_consent),
    )


# --------------------------------------------------------------------------------------------
# Plain words


def _flows(n: int) -> str:
    return f"{n} flow" if n == 1 else f"{n} flows"


def _cats(categories: Sequence[str], limit: int = 4) -> str:
    shown = [c.replace("_", " ").replace(".", " › ") for c in categories[:limit]]
    more = f" and {len(categories) - limit} more" if len(categories) > limit else ""
    return ", ".join(shown) + more


def _summary(purpose: str, buckets: Sequence[Bucket], app: str) -> str:
    what = QUESTION_TEXT.get(purpose, purpose)
    by = {b.status: b for b in buckets}
    parts = []
    for status, words in (
        ("allowed", f"may be used for {what}"),
        ("owned", "belong to the vendor under its terms, which set no limit on their use"),
        ("consent", f"may be used for {what} only with consent"),
        ("denied", f"are ruled out for {what}"),
    ):
        b = by.get(status)
        if b is not None:
            if purpose == "third_party_sharing":
                words = {
                    "allowed": "may be shared with third parties",
                    "consent": "may be shared with third parties only with consent",
                    "denied": "may not be shared with third parties",
                }.get(status, words)
            parts.append(f"{_flows(b.flows)} ({_cats(b.categories)}) {words}")
    silent = by.get("silent")
    if not parts:
        return f"The terms say nothing about {what} for the {_flows(silent.flows if silent else 0)} of {app}."
    text = "; ".join(parts)
    if silent is not None:
        text += f"; the terms say nothing about {what} for {_flows(silent.flows)}"
    return text[0].upper() + text[1:] + "."


def _changes(previous: VersionAnswer, current: VersionAnswer) -> list[str]:
    """What moved between two dates, per purpose, in plain words."""
    out: list[str] = []
    changed_docs = [
        d
        for d in current.documents
        if (d.document, d.version) not in {(p.document, p.version) for p in previous.documents}
    ]
    for row in current.rows:
        before = previous.row(row.purpose)
        what = QUESTION_TEXT.get(row.purpose, row.purpose)
        moved: list[str] = []
        for status in STATUSES:
            now, then = row.bucket(status), before.bucket(status)
            gained = set(now.flow_ids) - set(then.flow_ids if then else ()) if now else set()
            if not gained or now is None:
                continue
            cats = [c for c in now.categories if then is None or c not in then.categories]
            moved.append(
                f"{_flows(len(gained))} {CHANGE_TEXT[status]} ({_cats(cats or now.categories, 3)})"
            )
        if moved:
            out.append(f"{what[0].upper() + what[1:]}: " + "; ".join(moved) + ".")
    if changed_docs and not out:
        names = ", ".join(f"{d.title} {d.version}" for d in changed_docs)
        out.append(f"New text ({names}); the answer for these flows did not change.")
    return out


# --------------------------------------------------------------------------------------------
# The store and filters


def purpose_value(text: str) -> str:
    """A purpose a user typed (`ai-training`, `AI_training`) in the spelling the findings use."""
    return re.sub(r"[^a-z0-9]+", "_", text.strip().lower()).strip("_")
