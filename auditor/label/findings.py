"""What the labeller knows about each field of a flow, for redaction: which values are credentials
and which are identifiers or contact data, with the decoded path of every one.

Labels keep a few pieces of evidence per category; redaction needs every field. `FieldFinder`
runs the labeller's own parts (the decoders, the field detectors with no cap on hits, and the
signature rules' field conditions) over a flow, the request and the response, and reports what
it found by path and by value. The redactor removes the credentials and replaces the identifiers
wherever they sit; the GUI masks the same credentials.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from auditor.decode import DecodeLimits, decode_flow
from auditor.label.detectors import FieldDetectors, Hit, flow_context
from auditor.label.rules import FieldIndex, RuleIndex, load_rules
from auditor.records import Field, FlowRecord
from auditor.vocabulary import CRED, is_pseudonym_category, is_secret_key

_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_AUTH_SCHEME_RE = re.compile(r"^\s*[A-Za-z][\w-]*\s+(\S{6,})\s*$")
_PAIR_RE = re.compile(r"([^=;,\s]+)=([^;,\s]{6,})")
HTTP_KINDS = frozenset({"http", "websocket"})


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
        # Redaction needs every field, not the first few per category that evidence keeps.
        self.detectors.max_hits_per_category = 1 << 30
        self.rules = _rule_index(rules_dir)
        self.limits = DecodeLimits(include_response=include_response)

    def find(self, record: FlowRecord) -> Findings:
        out = Findings()
        request = record.request
        if request is None or record.kind not in HTTP_KINDS:
            return out
        decoded = decode_flow(record, limits=self.limits)
        fields = decoded.fields
        out.fields = fields
        try:
            path = urlsplit(request.url).path or request.path.split("?", 1)[0]
        except ValueError:
            path = request.path.split("?", 1)[0]
        content_type = request.header("content-type") or ""
        hits = self.detectors.detect(fields, flow_context(path, content_type))
        by_where: dict[str, list[Field]] = {}
        for fld in fields:
            by_where.setdefault(fld.where, []).append(fld)
        for hit in hits:
            self._add(out, hit, by_where.get(hit.where, ()))
        self._rule_fields(out, record, fields)
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
            else:
                out.identifier_paths.add(fld.path)
                out.identifiers.add(text)

    def _rule_fields(self, out: Findings, record: FlowRecord, fields: list[Field]) -> None:
        """Fields the signature rules name as credentials or identifiers (`iKey` of a 1DS or
        Application Insights envelope), every one of them, not only the first."""
        request = record.request
        assert request is not None
        host = (record.host or "").strip().strip("[]").rstrip(".").lower()
        candidates = self.rules.candidates(host) if host else ()
        if not candidates:
            return
        index: FieldIndex | None = None
        for rule in candidates:
            for lab in rule.labels:
                if lab.when is None:
                    continue
                if lab.category != CRED and not is_pseudonym_category(lab.category):
                    continue
                if index is None:
                    index = FieldIndex(fields)
                cond = lab.when
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
