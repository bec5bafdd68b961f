"""What the labeller knows about each field of a flow, for redaction: which values are credentials
and which are identifiers or contact data, with the decoded path of every one.

Labels keep a few pieces of evidence per category; redaction needs every field. `FieldFinder`
runs the labeller's own parts (the decoders, the field detectors with no cap on hits, and the
signature rules' field conditions) over a flow, the request and the response, and reports what
it found by path and by value. When the labeller has just labelled the flow, its decoding of the
request and its detectors' hits are used (`find_labelled`): only the response is decoded here,
and the request's fields are detected again only when the labeller's cap on hits may have left
some out. The redactor removes the credentials and replaces the identifiers
wherever they sit; the GUI masks the same credentials.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from auditor.decode import DecodeLimits, decode_body, decode_flow
from auditor.label import prose
from auditor.label.detectors import FieldDetectors, Hit, flow_context, ical_person_names
from auditor.label.prose import (
    address_names,
    named_addresses_in_text,
    names_in_text,
    phones_in_text,
)
from auditor.label.rules import FieldIndex, Rule, RuleIndex, RuleLabel, load_rules
from auditor.records import Field, FlowRecord, Label, SensitiveFields
from auditor.vocabulary import CRED, is_pseudonym_category, is_secret_key

_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_AUTH_SCHEME_RE = re.compile(r"^\s*[A-Za-z][\w-]*\s+(\S{6,})\s*$")
_PAIR_RE = re.compile(r"([^=;,\s]+)=([^;,\s]{6,})")
HTTP_KINDS = frozenset({"http", "websocket"})
_DEFAULT_LIMITS = DecodeLimits()

if TYPE_CHECKING:
    from auditor.label.engine import DecodedRequest


@dataclass(slots=True)
class Findings:
    """Credentials and identifiers of one flow: by decoded path (`("body", "gzip", "tk")`) and by
    value (every form in which the value may show up elsewhere is derived by the redactor)."""

    secret_paths: set[tuple[str, ...]] = field(default_factory=set)
    identifier_paths: set[tuple[str, ...]] = field(default_factory=set)
    secrets: set[str] = field(default_factory=set)
    identifiers: set[str] = field(default_factory=set)
    fields: list[Field] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.secret_paths or self.identifier_paths or self.secrets)

    def kept(self) -> SensitiveFields:
        """What is kept with the stored record (everything but the decoded fields)."""
        return SensitiveFields(
            frozenset(self.secret_paths),
            frozenset(self.identifier_paths),
            frozenset(self.secrets),
            frozenset(self.identifiers),
        )

    @classmethod
    def from_kept(cls, kept: SensitiveFields) -> Findings:
        return cls(
            set(kept.secret_paths),
            set(kept.identifier_paths),
            set(kept.secrets),
            set(kept.identifiers),
        )


def has_sensitive_labels(labels: Iterable[Label]) -> bool:
    """Whether labels name a credential, identifier or contact category: only then is there
    anything for redaction to find field by field."""
    return any(lab.category == CRED or is_pseudonym_category(lab.category) for lab in labels)


def kept_findings(record: FlowRecord) -> SensitiveFields | None:
    """The findings kept with a stored flow that `Redactor.findings` takes as they are, or None
    when it takes none (nothing to find, or they must be found again: `kept_secrets` is None).
    The store keeps these beside the record (`flow_findings`) so an export's `prime` need not
    decode every flow's record to read them."""
    if record.labels and not has_sensitive_labels(record.labels):
        return None
    if record.request is None or record.kind not in HTTP_KINDS:
        return None
    return record.sensitive


def kept_secrets(record: FlowRecord) -> frozenset[str] | None:
    """The credential values redaction takes from a stored flow as it is (what
    `Redactor.findings` answers without searching): its kept findings' secrets, none when its
    labels name no sensitive category or nothing was decoded, None when the flow was stored
    without its findings and the FieldFinder must search it again. The store keeps these per
    session (`session_credentials`) so the GUI need not read every flow to mask them."""
    if record.labels and not has_sensitive_labels(record.labels):
        return frozenset()
    if record.request is None or record.kind not in HTTP_KINDS:
        return frozenset()
    if record.sensitive is None:
        return None
    return record.sensitive.secrets


def _secret_parts(value: str) -> Iterable[str]:
    """The value and what inside it grants access on its own: the token of `Bearer <token>`, the
    secret-named values of `a=b, c=d` (`sentry_key=` of a Sentry auth header)."""
    yield value
    scheme = _AUTH_SCHEME_RE.match(value)
    if scheme is not None:
        yield scheme.group(1)
    if "=" in value:
        for match in _PAIR_RE.finditer(value):
            if is_secret_key(match.group(1)):
                yield match.group(2)


@lru_cache(maxsize=4)
def _rule_index(rules_dir: Path | None) -> RuleIndex:
    """Rules load once per process (YAML parsing is most of a redactor's start-up)."""
    return RuleIndex(load_rules(rules_dir))


class FieldFinder:
    """`FieldFinder().find(record) -> Findings`; rules load once per finder."""

    def __init__(self, rules_dir: Path | None = None, *, include_response: bool = True) -> None:
        self.detectors = FieldDetectors()
        prose.prepare()
        # Redaction needs every field, not the first few per category that evidence keeps.
        self.detectors.max_hits_per_category = 1 << 30
        self.rules = _rule_index(rules_dir)
        self.limits = DecodeLimits(include_response=include_response)
        # The labeller's decoding is this finder's for the request when made under these caps.
        self._request_limits = replace(self.limits, include_response=False)
        self._host_rules: dict[str, tuple[tuple[Rule, tuple[RuleLabel, ...]], ...]] = {}

    def find(self, record: FlowRecord) -> Findings:
        request = record.request
        if request is None or record.kind not in HTTP_KINDS:
            return Findings()
        decoded = decode_flow(record, limits=self.limits)
        try:
            path = urlsplit(request.url).path or request.path.split("?", 1)[0]
        except ValueError:
            path = request.path.split("?", 1)[0]
        content_type = request.header("content-type") or ""
        fields = decoded.fields
        hits = self.detectors.detect(fields, flow_context(path, content_type, request.host))
        return self._found(record, fields, hits)

    def find_labelled(self, record: FlowRecord, decoded: DecodedRequest) -> Findings:
        """`find(record)` from what the labeller decoded and detected when it labelled `record`
        (`Labeller.label(record, keep_decoded=True).decoded`); the same findings, without
        decoding the request again."""
        request = record.request
        if request is None or record.kind not in HTTP_KINDS:
            return Findings()
        limits = self.limits
        if decoded.limits is not None and decoded.limits != self._request_limits:
            return self.find(record)  # decoded under other caps: not the same fields
        if decoded.limits is None and self._request_limits != _DEFAULT_LIMITS:
            return self.find(record)
        fields = decoded.fields
        hits = decoded.hits
        per_category = Counter(hit.category for hit in hits)
        if per_category and max(per_category.values()) >= decoded.hit_cap:
            # The labeller keeps a few hits per category: a category at the cap may have more.
            hits = self.detectors.detect(fields, decoded.context)
        response = record.response
        if (
            limits.include_response
            and response is not None
            and response.body
            and len(fields) < limits.max_fields
        ):
            # As `decode_flow` goes on after the request: the flow's caps are shared.
            left = replace(
                limits,
                max_fields=limits.max_fields - len(fields),
                max_total_decoded_bytes=max(
                    0, limits.max_total_decoded_bytes - decoded.decoded_bytes
                ),
            )
            response_fields, _errors = decode_body(
                response.body,
                response.header("content-type"),
                response.header("content-encoding"),
                ("response",),
                left,
                source="response",
            )
            if response_fields:
                hits = hits + self.detectors.detect(response_fields, decoded.context)
                fields = fields + response_fields
                return self._found(record, fields, hits)
        return self._found(record, fields, hits, decoded.index)

    def _found(
        self,
        record: FlowRecord,
        fields: list[Field],
        hits: list[Hit],
        index: FieldIndex | None = None,
    ) -> Findings:
        out = Findings(fields=fields)
        wanted = [
            hit for hit in hits if hit.category == CRED or is_pseudonym_category(hit.category)
        ]
        if wanted:
            by_where: dict[str, list[Field]] = {}
            for fld in fields:
                by_where.setdefault(fld.where, []).append(fld)
            for hit in wanted:
                self._add(out, hit, by_where.get(hit.where, ()))
        self._rule_fields(out, record, fields, index)
        return out

    @staticmethod
    def _add(out: Findings, hit: Hit, fields: Iterable[Field]) -> None:
        category = hit.category
        secret = category == CRED
        if not secret and not is_pseudonym_category(category):
            return
        for fld in fields:
            value = fld.value
            if value is None or isinstance(value, bool):
                continue
            text = str(value)
            if secret:
                out.secret_paths.add(fld.path)
                out.secrets.update(_secret_parts(text))
            elif hit.detector == "detector.email_value":
                # An address inside longer text: the address is the identifier, not the text.
                out.identifiers.update(m.group(0) for m in _EMAIL_RE.finditer(text))
            elif hit.detector == "detector.name_text":
                # A name or a phone number in what a person wrote: the name or number is the
                # identifier, not the comment around it.
                out.identifiers.update(names_in_text(text))
            elif hit.detector == "detector.name_address":
                # a name an address of the flow spells, inside longer text: the name only
                named = frozenset(
                    name
                    for other in out.fields
                    if isinstance(other.value, str) and "@" in other.value
                    for name in address_names(other.value)
                )
                out.identifiers.update(named_addresses_in_text(text, named))
            elif hit.detector == "detector.phone_text":
                out.identifiers.update(phones_in_text(text))
            elif hit.detector == "detector.name_key" and (names := ical_person_names(text)):
                # iCalendar text (a whole `.ics`): the `CN=` names are the identifiers, not the
                # invitation (which was pseudonymised whole, or kept whole inside base64).
                out.identifiers.update(names)
            else:
                out.identifier_paths.add(fld.path)
                out.identifiers.add(text)

    def _sensitive_rules(self, host: str) -> tuple[tuple[Rule, tuple[RuleLabel, ...]], ...]:
        """The rules for `host` that name fields of credential, identifier or contact
        categories, with those field labels (decided once per host)."""
        found = self._host_rules.get(host)
        if found is None:
            if len(self._host_rules) > 4096:
                self._host_rules.clear()
            pairs = []
            for rule in self.rules.candidates(host):
                labs = tuple(
                    lab
                    for lab in rule.labels
                    if lab.when is not None
                    and (lab.category == CRED or is_pseudonym_category(lab.category))
                )
                if labs:
                    pairs.append((rule, labs))
            found = self._host_rules[host] = tuple(pairs)
        return found

    def _rule_fields(
        self,
        out: Findings,
        record: FlowRecord,
        fields: list[Field],
        index: FieldIndex | None = None,
    ) -> None:
        """Fields the signature rules name as credentials or identifiers (`iKey` of a 1DS or
        Application Insights envelope), every one of them, not only the first."""
        request = record.request
        assert request is not None
        host = (record.host or "").strip().strip("[]").rstrip(".").lower()
        if not host:
            return
        for rule, labs in self._sensitive_rules(host):
            for lab in labs:
                if index is None:
                    index = FieldIndex(fields)
                cond = lab.when
                assert cond is not None
                if cond.key is not None:
                    # Fields grouped by key: the key pattern is tested once per distinct key.
                    matched = [
                        fld
                        for key, group in index.by_key.items()
                        if cond.key_matches(key)
                        for fld in group
                        if cond.rest_matches(fld)
                    ]
                else:
                    matched = [fld for fld in index.fields if cond.matches(fld)]
                for fld in matched:
                    self._add(out, Hit(lab.category, rule.id, fld.where, "", 1.0), (fld,))


def kept_fields(
    record: FlowRecord, finder: FieldFinder, decoded: DecodedRequest | None = None
) -> SensitiveFields | None:
    """What is kept with a labelled flow for redaction: every credential and identifier field
    `finder` finds, or None when the flow's labels name none of those categories. `decoded`:
    the labeller's decoding of the flow, when it has just labelled it."""
    if not has_sensitive_labels(record.labels):
        return None
    if decoded is not None:
        return finder.find_labelled(record, decoded).kept()
    return finder.find(record).kept()
