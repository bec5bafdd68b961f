"""Verdicts: each labelled flow beside the clauses of the dated policy that governs it.

The scheme follows PoliCheck's flow-to-policy consistency: a flow is a (data category, recipient)
pair, and every governing document gets one finding per data category of the flow.

* `contradicted` — a statement says this data does not go to this recipient at all (no purpose
  attached, e.g. Microsoft: diagnostic data "does not include a user's name or email address"), and
  the flow carries it.
* `consent_required` — a statement that names the category makes its use depend on consent
  (Zoom 2023-08-07: no AI training on audio, video or chat "without your consent").
* `clear` — a statement names the category and the recipient (the vendor itself, or the organisation
  by name).
* `vague` — the category or the recipient is only covered by a broad term ("similar content or data",
  "personal data", "service providers").
* `omitted` — nothing in the document covers this category for this recipient (a third party the
  document never mentions, data it never describes).

A statement that denies one *purpose* ("does not use … to train … artificial intelligence models")
is not a contradiction — the purpose cannot be seen in traffic — but it removes that purpose from
what the finding `permits`, and it still counts as naming the category.

Decisions worth knowing:
* Flows with no labels, or only `other`, get no findings: there is no data to put beside a clause.
* The recipient is `record.entity`: party `first` (or `unknown`, which is evaluated as the vendor
  itself and said so in the explanation) is matched against `first_party` statements; party `third`
  is matched by organisation name first (clear), then against broad recipient terms (vague).
* Governing documents: the audited app's vendor's documents judge every flow of the app (does the
  app's vendor disclose what goes to Sentry?), and the recipient vendor's documents judge what that
  vendor receives, whichever client sent it (an imported HAR without process, a web client in a
  browser). Vendors and their documents come from the vendor files (auditor/vendors). Each finding
  says which rule chose its document (`chosen_by`). A flow with neither gets no findings.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from auditor.errors import UsageError
from auditor.policy.packs import (
    BROAD_RECIPIENTS,
    FIRST_PARTY,
    Clause,
    PolicyDocument,
    Statement,
    builtin_dir,
    load_dir,
)
from auditor.records import Entity, FlowRecord, PolicyFinding
from auditor.vendors import Registry, registry

# Which rule chose a finding's document (PolicyFinding.chosen_by).
CHOSEN_BY_APP = "app"  # the audited app's vendor: its terms say what the app may send anywhere
CHOSEN_BY_RECIPIENT = "recipient"  # the recipient's vendor: its terms govern what it receives
CHOSEN_BY_BOTH = "app+recipient"  # the app's own vendor receives the data

SKIPPED_CATEGORIES = frozenset({"other"})


def category_matches(category: str, patterns: Iterable[str]) -> bool:
    for pattern in patterns:
        if pattern == "*" or pattern == category:
            return True
        if pattern.endswith(".*") and category.startswith(pattern[:-1]):
            return True
    return False


@dataclass(slots=True)
class _Match:
    clause: Clause
    statement: Statement
    category_explicit: bool
    recipient_explicit: bool


@dataclass(slots=True)
class TimelineRow:
    category: str
    entity: str
    party: str
    flows: int = 0
    verdicts: dict[str, str] = field(default_factory=dict)  # version -> verdict
    sections: dict[str, str] = field(default_factory=dict)  # version -> section
    permits: dict[str, list[str]] = field(default_factory=dict)  # version -> purposes


class PolicyEngine:
    """Loads the shipped packs (and any in `extra_dirs`, e.g. `DataDir.root / "policies"`)."""

    def __init__(
        self,
        packs_dir: Path | None = None,
        *,
        extra_dirs: Sequence[Path] = (),
        documents: Sequence[PolicyDocument] | None = None,
        vendors: Registry | None = None,
    ) -> None:
        self.vendors = vendors or registry()
        docs: list[PolicyDocument] = list(documents) if documents is not None else []
        if documents is None:
            docs.extend(load_dir(packs_dir or builtin_dir()))
        for directory in extra_dirs:
            docs.extend(load_dir(directory))
        # A user pack for the same document and version replaces the shipped one.
        by_id: dict[str, PolicyDocument] = {}
        for doc in docs:
            by_id[doc.id] = doc
        self._docs = sorted(by_id.values(), key=lambda d: (d.document, d.version))
        # Flows repeat the same (category, recipient) pairs all the time: remember verdicts.
        self._cache: dict[tuple[object, ...], PolicyFinding] = {}
        self._governing: dict[tuple[str | None, str | None], dict[str, str]] = {}
        self._when: dict[str, frozenset[str]] = {
            d.id: frozenset(w for c in d.clauses for st in c.statements for w in st.when_categories)
            for d in self._docs
        }

    @classmethod
    def for_data_dir(cls, root: Path) -> PolicyEngine:
        """The shipped packs plus the user's own under `root / "policies"`."""
        return cls(extra_dirs=[root / "policies"])

    # ---------------------------------------------------------------------------------------
    # Catalogue

    def documents(self) -> list[PolicyDocument]:
        return list(self._docs)

    def document_ids(self) -> list[str]:
        return sorted({d.document for d in self._docs})

    def versions(self, document: str) -> list[PolicyDocument]:
        return [d for d in self._docs if d.document == document]

    def get(self, ref: str) -> PolicyDocument:
        """`vendor/doc@YYYY-MM-DD`, or `vendor/doc` for its latest version."""
        document, _, version = ref.partition("@")
        versions = self.versions(document)
        if not versions:
            raise UsageError(f"no policy document {document!r} (see `auditor policy list`)")
        if not version:
            return versions[-1]
        for doc in versions:
            if doc.version == version:
                return doc
        known = ", ".join(d.version for d in versions)
        raise UsageError(f"{document} has no version {version} (known: {known})")

    def documents_for_app(self, app: str | None) -> list[str]:
        """Documents of the vendor that ships the audited app (its vendor file), and packs that
        name the app themselves (a user's own pack)."""
        key = self.vendors.canonical_app(app)
        if key is None:
            key = (app or "").strip().lower().removesuffix(" (web)") or None
        if key is None or self.vendors.is_browser(key):
            return []
        listed = set(self.vendors.documents_for_app(key))
        return sorted({d.document for d in self._docs if d.document in listed or key in d.apps})

    def documents_for_recipient(self, entity: Entity) -> list[str]:
        """Documents of the organisation that receives the flow: its vendor file's, and packs
        whose vendor is that organisation."""
        name = (entity.name or "").strip()
        if not name:
            return []
        listed = set(self.vendors.documents_for_organisation(name))
        folded = name.casefold()
        return sorted(
            {
                d.document
                for d in self._docs
                if d.document in listed or d.vendor.casefold() == folded
            }
        )

    def governing_documents(self, record: FlowRecord, app: str | None = None) -> dict[str, str]:
        """document -> which rule chose it (CHOSEN_BY_*), for one flow."""
        key = (app or record.process.app, record.entity.name)
        cached = self._governing.get(key)
        if cached is not None:
            return dict(cached)
        by_app = set(self.documents_for_app(key[0]))
        by_recipient = set(self.documents_for_recipient(record.entity))
        out: dict[str, str] = {}
        for document in sorted(by_app | by_recipient):
            if document in by_app and document in by_recipient:
                out[document] = CHOSEN_BY_BOTH
            elif document in by_app:
                out[document] = CHOSEN_BY_APP
            else:
                out[document] = CHOSEN_BY_RECIPIENT
        if len(self._governing) > 10_000:
            self._governing.clear()
        self._governing[key] = out
        return dict(out)

    def version_for(self, document: str, version: str | None) -> PolicyDocument | None:
        """The version in force: exact match, else the latest on or before a date, else latest."""
        versions = self.versions(document)
        if not versions:
            return None
        if not version:
            return versions[-1]
        if "@" in version:
            doc_part, _, ver = version.partition("@")
            if doc_part != document:
                return versions[-1]
            version = ver
        dates = [d.version for d in versions]
        idx = bisect.bisect_right(dates, version)
        return versions[idx - 1] if idx else versions[0]

    # ---------------------------------------------------------------------------------------
    # Verdicts

    def evaluate(
        self, record: FlowRecord, *, app: str | None = None, version: str | None = None
    ) -> list[PolicyFinding]:
        """Findings under every governing document (see `governing_documents`): the audited app's
        vendor's for any recipient, the recipient's vendor's for what it receives."""
        app_name = app or record.process.app
        findings: list[PolicyFinding] = []
        for document, chosen_by in self.governing_documents(record, app_name).items():
            doc = self.version_for(document, version)
            if doc is None:
                continue
            for f in self.evaluate_document(
                record, doc, app=app_name, as_recipient=chosen_by == CHOSEN_BY_RECIPIENT
            ):
                f.chosen_by = chosen_by
                findings.append(f)
        return findings

    def evaluate_document(
        self,
        record: FlowRecord,
        doc: PolicyDocument,
        *,
        app: str | None = None,
        as_recipient: bool = False,
    ) -> list[PolicyFinding]:
        """Findings of one document. `as_recipient`: the document's vendor is the recipient (the
        document was chosen because its vendor receives the flow), so the recipient is its first
        party whatever app sent it."""
        categories: list[str] = []
        for cat in record.label_categories():
            if cat not in SKIPPED_CATEGORIES and cat not in categories:
                categories.append(cat)
        app_key = self.vendors.canonical_app(app or record.process.app)
        flow_categories = set(categories)
        when = self._when.get(doc.id, frozenset())
        # Only the categories some `when_categories` looks at can change a verdict.
        context = frozenset(c for c in flow_categories if when and category_matches(c, when))
        entity = record.entity
        if as_recipient and entity.party != "first":
            entity = Entity(name=entity.name, party="first", domain=entity.domain)
        findings = []
        for cat in categories:
            key = (doc.id, cat, entity.name, entity.party, entity.domain, app_key, context)
            cached = self._cache.get(key)
            if cached is None:
                if len(self._cache) > 50_000:
                    self._cache.clear()
                cached = self._cache[key] = self._verdict(
                    doc, cat, entity, flow_categories, app_key
                )
            findings.append(dataclasses.replace(cached, permits=list(cached.permits)))
        return findings

    def _matches(
        self,
        doc: PolicyDocument,
        category: str,
        entity: Entity,
        flow_categories: set[str],
        app_key: str | None,
    ) -> list[_Match]:
        matches: list[_Match] = []
        for clause in doc.clauses:
            for st in clause.statements:
                if st.apps and app_key not in st.apps:
                    continue
                if st.when_categories and not any(
                    category_matches(c, st.when_categories) for c in flow_categories
                ):
                    continue
                if category_matches(category, st.categories):
                    cat_explicit = True
                elif category_matches(category, st.broad_categories):
                    cat_explicit = False
                else:
                    continue
                rec = _recipient_match(st, entity)
                if rec is None:
                    continue
                matches.append(_Match(clause, st, cat_explicit, rec))
        return matches

    def _verdict(
        self,
        doc: PolicyDocument,
        category: str,
        entity: Entity,
        flow_categories: set[str],
        app_key: str | None,
    ) -> PolicyFinding:
        matches = self._matches(doc, category, entity, flow_categories, app_key)
        who = _recipient_words(entity)
        permits_pool = [m for m in matches if m.statement.effect == "permits"]
        denied_purposes = {
            p
            for m in matches
            if m.statement.effect == "denies" and not m.statement.conditions
            for p in m.statement.purposes
        }
        permits = sorted({p for m in permits_pool for p in m.statement.purposes} - denied_purposes)

        def finding(m: _Match, verdict: str, why: str, allowed: list[str]) -> PolicyFinding:
            note = f" {m.statement.note}" if m.statement.note else ""
            return PolicyFinding(
                document=doc.document,
                version=doc.version,
                section=m.clause.section,
                verdict=verdict,
                quote=m.statement.quote,
                permits=allowed,
                category=category,
                explanation=(why + note).strip(),
            )

        # 1. A flat denial of this data for this recipient, and the flow carries it.
        for m in matches:
            st = m.statement
            flat_denial = st.effect == "denies" and not st.purposes and not st.conditions
            if flat_denial and m.category_explicit and m.recipient_explicit:
                return finding(
                    m,
                    "contradicted",
                    f"{_cite(m.clause)} says this does not happen, and the flow sends "
                    f"{category} to {who}.",
                    permits,
                )
        # 2. The use of this data depends on consent.
        for m in matches:
            st = m.statement
            if "consent" in st.conditions and m.category_explicit and m.recipient_explicit:
                conditioned = sorted(st.purposes)
                allowed = sorted(set(permits) | set(conditioned))
                what = ", ".join(conditioned) or "this use"
                return finding(
                    m,
                    "consent_required",
                    f"{_cite(m.clause)} makes {what} of {category} depend on consent.",
                    allowed,
                )
        # 3./4. Covered: explicitly (clear) or only through broad terms (vague).
        coverage = [
            m
            for m in matches
            if m.statement.effect == "permits" or m.statement.purposes  # purpose-limited denials
        ]
        if coverage:
            best = max(
                coverage,
                key=lambda m: (
                    m.category_explicit and m.recipient_explicit,
                    # A statement about flows that also carry some data (`when`) is the more
                    # specific reading: a name sent with a meeting number is what a person typed
                    # to join, not account registration.
                    bool(m.statement.when_categories),
                    m.category_explicit,
                    m.recipient_explicit,
                    m.statement.effect == "permits",  # the sentence that describes the data
                    len(m.statement.purposes),
                ),
            )
            restriction = ""
            if denied_purposes:
                restriction = f" Not for: {', '.join(sorted(denied_purposes))}."
            if best.category_explicit and best.recipient_explicit:
                return finding(
                    best,
                    "clear",
                    f"{_cite(best.clause)} names {category} for {who}.{restriction}",
                    permits,
                )
            broad = []
            if not best.category_explicit:
                broad.append("the data only through a broad term")
            if not best.recipient_explicit:
                broad.append(f"the recipient only as {_broad_terms(best.statement)}")
            return finding(
                best,
                "vague",
                f"{_cite(best.clause)} covers {category} for {who}, but "
                + " and ".join(broad)
                + "."
                + restriction,
                permits,
            )
        # 5. Nothing covers it.
        named_elsewhere = any(
            category_matches(category, st.categories)
            or category_matches(category, st.broad_categories)
            for c in doc.clauses
            for st in c.statements
            if not st.apps or app_key in st.apps
        )
        if named_elsewhere and entity.party == "third":
            why = f"{doc.title} never says that {category} goes to {who}."
        else:
            why = f"{doc.title} does not describe {category}."
        return PolicyFinding(
            document=doc.document,
            version=doc.version,
            section="",
            verdict="omitted",
            quote="",
            permits=[],
            category=category,
            explanation=why,
        )

    def applicable_statements(
        self, record: FlowRecord, doc: PolicyDocument, category: str, *, app: str | None = None
    ) -> list[tuple[Clause, Statement, bool]]:
        """The statements of `doc` a finding about `category` of `record` rests on, as
        (clause, statement, named explicitly): the same matching the verdicts use, so what a
        purpose answer cites is what the verdict weighed."""
        flow_categories = {c for c in record.label_categories() if c not in SKIPPED_CATEGORIES}
        app_key = self.vendors.canonical_app(app or record.process.app)
        entity = record.entity
        # As in `evaluate`: a document chosen for its recipient treats the recipient as first party.
        chosen_by = self.governing_documents(record, app).get(doc.document)
        if chosen_by == CHOSEN_BY_RECIPIENT and entity.party != "first":
            entity = Entity(name=entity.name, party="first", domain=entity.domain)
        return [
            (m.clause, m.statement, m.category_explicit and m.recipient_explicit)
            for m in self._matches(doc, category, entity, flow_categories, app_key)
        ]

    # ---------------------------------------------------------------------------------------
    # Timeline

    def timeline(
        self, records: Iterable[FlowRecord], document: str, *, app: str | None = None
    ) -> list[TimelineRow]:
        """For every (category, entity) of the records, the verdict under every version.

        Only flows the document governs take part: flows of the apps of its vendor, and flows its
        vendor receives (`app`, when given, is the app every flow comes from)."""
        versions = self.versions(document)
        if not versions:
            raise UsageError(f"no policy document {document!r} (see `auditor policy list`)")
        rows: dict[tuple[str, str, str], TimelineRow] = {}
        for record in records:
            labels = [c for c in record.label_categories() if c not in SKIPPED_CATEGORIES]
            if not labels:
                continue
            chosen_by = self.governing_documents(record, app).get(document)
            if chosen_by is None:
                continue
            name = record.entity.name or record.host or "?"
            as_recipient = chosen_by == CHOSEN_BY_RECIPIENT
            for doc in versions:
                for f in self.evaluate_document(
                    record, doc, app=app or record.process.app, as_recipient=as_recipient
                ):
                    assert f.category is not None
                    key = (f.category, name, record.entity.party)
                    row = rows.get(key)
                    if row is None:
                        row = rows[key] = TimelineRow(f.category, name, record.entity.party)
                    previous = row.verdicts.get(doc.version)
                    # Several flows of one row: keep the most concerning verdict.
                    if previous is None or _rank(f.verdict) > _rank(previous):
                        row.verdicts[doc.version] = f.verdict
                        row.sections[doc.version] = f.section
                        row.permits[doc.version] = list(f.permits)
            for label in dict.fromkeys(labels):
                key = (label, name, record.entity.party)
                if key in rows:
                    rows[key].flows += 1
        return sorted(rows.values(), key=lambda r: (r.category, r.entity))


def _rank(verdict: str) -> int:
    from auditor.records import VERDICTS

    return VERDICTS.index(verdict) if verdict in VERDICTS else -1


def _recipient_match(st: Statement, entity: Entity) -> bool | None:
    """True: named; False: only through a broad term; None: the statement is about others."""
    if entity.party != "third":
        return True if FIRST_PARTY in st.recipients else None
    name = (entity.name or "").casefold()
    domain = (entity.domain or "").casefold()
    for recipient in st.recipients:
        if recipient == FIRST_PARTY or recipient in BROAD_RECIPIENTS:
            continue
        r = recipient.casefold()
        # "Google" names "Google", "Google LLC" and google.com alike.
        if r and (r == name or name.startswith(r + " ") or (domain and domain.split(".")[0] == r)):
            return True
    if st.effect == "denies":
        # A denial towards "advertisers" cannot be pinned on an unnamed third party.
        return None
    if any(r in BROAD_RECIPIENTS and r != "affiliates" for r in st.recipients):
        return False
    return None


def _cite(clause: Clause) -> str:
    """`§10.2 (Service Generated Data; Consent to Use)`: the section with the concept it is about."""
    heading = " ".join(clause.heading.replace("*", "").split())
    return f"§{clause.section} ({heading})" if heading else f"§{clause.section}"


def _recipient_words(entity: Entity) -> str:
    if entity.party == "third":
        return f"third party {entity.name or entity.domain or '(unknown)'}"
    if entity.party == "unknown":
        return "the vendor (recipient unknown, evaluated as the vendor)"
    return entity.name or "the vendor"


def _broad_terms(st: Statement) -> str:
    terms = [r.replace("_", " ") for r in st.recipients if r in BROAD_RECIPIENTS]
    return " / ".join(f'"{t}"' for t in terms) or "a broad term"
