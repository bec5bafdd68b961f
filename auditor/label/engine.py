"""The labeller: decode a flow, run signature rules, field detectors and the known-value search,
and merge what they found into one label per data category, each with its evidence."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from auditor.decode import DecodeLimits, decode_flow
from auditor.label import prose
from auditor.label.detectors import (
    FieldDetectors,
    FlowContext,
    Hit,
    body_content_hits,
    excerpt_for,
    file_content_hits,
    flow_context,
    shorten,
)
from auditor.label.entities import entity_for, party_for
from auditor.label.known_values import KnownValueGathering, KnownValues
from auditor.label.meeting_text import topics_in_written_text
from auditor.label.rules import FieldIndex, Rule, RuleIndex, load_rules
from auditor.records import Entity, Evidence, Field, FlowRecord, Label, Party
from auditor.taxonomy import CATEGORIES
from auditor.vocabulary import normalise_key

_ORDER = {c: i for i, c in enumerate(CATEGORIES)}
MAX_EVIDENCE = 5
_KIND_PREFIXES = ("service_generated.", "customer_content.")
HTTP_KINDS = frozenset({"http", "websocket"})


@dataclass(slots=True)
class DecodedRequest:
    """The labeller's decoding of a flow's request and what the field detectors found in it,
    handed to `label.findings` so that it need not decode and detect the flow again."""

    fields: list[Field]
    hits: list[Hit]  # the field detectors' hits over `fields`, at most `hit_cap` per category
    hit_cap: int
    context: FlowContext
    limits: DecodeLimits | None
    decoded_bytes: int  # of the request's decoding, against the flow's total cap
    index: FieldIndex  # `fields` grouped for the rules' field conditions


@dataclass(slots=True)
class LabelResult:
    labels: list[Label]
    entity: Entity
    matched_rules: list[str] = field(default_factory=list)
    decode_errors: list[str] = field(default_factory=list)
    body_kinds: list[str] = field(default_factory=list)
    decoded: DecodedRequest | None = None  # with `label(..., keep_decoded=True)`

    def categories(self) -> list[str]:
        return [label.category for label in self.labels]


class Labeller:
    """`Labeller().label(record)`: labels, receiving entity and the rules that matched."""

    def __init__(
        self,
        rules_dir: Path | None = None,
        known_values: KnownValues | None = None,
        *,
        decode_limits: DecodeLimits | None = None,
    ) -> None:
        self.rules: list[Rule] = load_rules(rules_dir)
        self.index = RuleIndex(self.rules)
        self.known_values = known_values
        self.detectors = FieldDetectors()
        prose.prepare()
        self.decode_limits = decode_limits
        # (host, app) → the receiving entity's fields: hosts repeat across an app's flows, and
        # the suffix look-ups cost more than the rest of a small flow's labelling.
        self._entities: dict[tuple[str, str | None], tuple[str | None, Party, str | None]] = {}

    def _entity(self, host: str, app: str | None) -> Entity:
        if not host:
            return Entity()
        known = self._entities.get((host, app))
        if known is None:
            found = entity_for(host, app)
            known = (found.name, found.party, found.domain)
            if len(self._entities) > 20_000:
                self._entities.clear()
            self._entities[(host, app)] = known
        return Entity(*known)

    def label(self, record: FlowRecord, *, keep_decoded: bool = False) -> LabelResult:
        """`keep_decoded`: also return the decoded request fields and detector hits."""
        host = (record.host or "").strip().strip("[]").rstrip(".").lower()
        app = record.process.app
        entity = self._entity(host, app)
        request = record.request
        if request is None or record.kind not in HTTP_KINDS:
            return LabelResult(labels=[], entity=entity)
        decoded = decode_flow(record, limits=self.decode_limits)
        fields = decoded.fields
        # The decoder split the URL already (None when it does not parse: the path is then
        # read from the request line).
        split = decoded.url_split if request.url else None
        path = split.path if split is not None and split.path else request.path.split("?", 1)[0]
        query = split.query if split is not None else ""
        content_type = decoded.request_header(request, "content-type") or ""
        method = request.method.upper()

        context = flow_context(path, content_type, host)
        known = self.known_values
        # The detectors' pass over the fields also gathers the known-value search's strings.
        gathering = KnownValueGathering(known, request.url) if known else None
        detector_hits = self.detectors.detect(fields, context, gathering)
        field_hits = list(detector_hits) if keep_decoded else None
        body_size = request.size or len(request.body or b"")
        detector_hits.extend(body_content_hits(content_type, body_size))
        if body_size > 0:
            detector_hits.extend(
                file_content_hits(
                    decoded.body_kinds,
                    fields,
                    content_type,
                    body_size,
                    decoded.request_header(request, "content-disposition"),
                    path,
                )
            )
        if known and gathering is not None:
            known_hits = known.search_gathered(gathering)
            if known_hits:
                detector_hits = _drop_meeting_named_ids(detector_hits, known_hits)
                detector_hits = _drop_host_named_devices(detector_hits, known_hits)
            detector_hits.extend(known_hits)
        # Heuristics are the last resort: they only speak when no vendor rule matched, and those
        # that go by the path alone only when the body itself said nothing about what kind of
        # data the flow carries (a timing in an error report does not stop the stack trace from
        # being read as one).
        body_says_kind = any(h.category.startswith(_KIND_PREFIXES) for h in detector_hits)
        index = FieldIndex(fields)
        matched = self._match_rules(
            host,
            method,
            path,
            query,
            content_type,
            request.headers,
            index,
            allow_fallback=not body_says_kind,
        )
        if any(rule.replaces for rule in matched):
            silenced = {rule_id for rule in matched for rule_id in rule.replaces}
            matched = [rule for rule in matched if rule.id not in silenced]
        hits: list[Hit] = []
        suppressed: set[str] = set()
        # A rule another matched rule overrides loses its guess (its labels that test no
        # field) but keeps what the body states (named events, `when` labels).
        replaced = {rule_id for rule in matched for rule_id in rule.overrides}
        for rule in list(matched) if replaced else matched:
            if rule.id in replaced:
                rule_hits = self._rule_hits(rule, index, method, host, path, guess=False)
                if not rule_hits:
                    matched.remove(rule)
                    continue
            else:
                rule_hits = self._rule_hits(rule, index, method, host, path)
            suppressed.update(rule.suppress)
            hits.extend(rule_hits)
        if suppressed:
            detector_hits = [h for h in detector_hits if h.category not in suppressed]
        hits.extend(detector_hits)
        hits = _drop_lone_room_ids(hits)

        labels = _merge(hits)
        if labels:
            topics = _read_chat(labels, fields)
            if topics:
                hits.extend(topics)
                labels = _merge(hits)
        if not labels:
            labels = [
                Label(
                    category="other",
                    evidence=[
                        Evidence(
                            rule="fallback.other",
                            where="url",
                            excerpt=f"no data category found in {method} {host}{shorten(path, 80)}",
                        )
                    ],
                    confidence=0.5,
                )
            ]
        if entity.name is None:
            org = next((r.organisation for r in matched if r.organisation), None)
            if org is not None:
                entity = Entity(name=org, party=party_for(org, app), domain=entity.domain)
        return LabelResult(
            labels=labels,
            entity=entity,
            matched_rules=[r.id for r in matched],
            decode_errors=decoded.errors,
            body_kinds=decoded.body_kinds,
            decoded=(
                DecodedRequest(
                    fields,
                    field_hits,
                    self.detectors.max_hits_per_category,
                    context,
                    self.decode_limits,
                    decoded.decoded_bytes,
                    index,
                )
                if field_hits is not None
                else None
            ),
        )

    def _match_rules(
        self,
        host: str,
        method: str,
        path: str,
        query: str,
        content_type: str,
        raw_headers: Sequence[tuple[str, str]],
        index: FieldIndex,
        *,
        allow_fallback: bool = True,
    ) -> list[Rule]:
        dispatch = self.index.dispatch(host, method)
        headers: dict[str, str] = {}
        if dispatch.headers:
            headers = {k.lower(): v for k, v in raw_headers}
        ctype = content_type.lower()
        # Rules needing keys none of which the flow holds are left out once per (path, key
        # bits); the rules' methods are the dispatch's, their paths tested once per path.
        bits = self.index.key_bits(index) if dispatch.needs_keys else -1
        rules, fallbacks = dispatch.on_path_with_keys(path, bits)
        matched = [
            rule
            for rule, _, more, fielded in rules
            if (not more or rule.request_rest_matches(query, ctype, headers))
            and (not fielded or rule.fields_match(index))
        ]
        if not matched:
            # A detector's kind (an rtt, a warning level) silences the guesses, not hard
            # evidence: a stack trace beside an rtt is still an error report.
            matched = [
                rule
                for rule, _, more, fielded in fallbacks
                if (allow_fallback or rule.beside_body_kinds)
                and (not more or rule.request_rest_matches(query, ctype, headers))
                and (not fielded or rule.fields_match(index))
            ]
        return matched

    @staticmethod
    def _rule_hits(
        rule: Rule, index: FieldIndex, method: str, host: str, path: str, *, guess: bool = True
    ) -> list[Hit]:
        hits: list[Hit] = []
        events = rule.events.categories(index) if rule.events is not None else {}
        # Named events that decide (an identify call alone, an SDK's own diagnostics event)
        # replace the rule's own guess at the kind of data.
        events_decide = bool(events) and rule.events is not None and rule.events.decides
        for lab in rule.labels:
            # ... but a timing field beside the named event still says how long it took
            # (`duration_ms` in a shared-summary event's properties; issue 15r)
            if (
                events_decide
                and lab.category.startswith("service_generated.")
                and not (lab.when is not None and lab.category == _PERFORMANCE)
            ):
                continue
            confidence = lab.confidence if lab.confidence is not None else rule.confidence
            if lab.when is not None:
                fld = lab.when.first(index)
                if fld is None:
                    continue
                excerpt = f"{lab.evidence}: " + excerpt_for(lab.category, fld.key, fld.value)
                hits.append(Hit(lab.category, rule.id, fld.where, excerpt, confidence))
            elif guess:
                excerpt = f"{lab.evidence} ({method} {host}{shorten(path, 80)})"
                hits.append(Hit(lab.category, rule.id, "url", excerpt, confidence))
        if rule.events is not None:
            for category, fld in events.items():
                if category == "none":
                    continue
                excerpt = f"{rule.events.evidence}: {shorten(fld.value, 100)}"
                hits.append(Hit(category, rule.id, fld.where, excerpt, rule.confidence))
        return hits


def _drop_meeting_named_ids(detector_hits: list[Hit], known_hits: list[Hit]) -> list[Hit]:
    """A request or session id built from the meeting's number (`meetcorp-85512345678`, a
    conference create request's `requestId`) names the meeting, not a session: the known
    meeting number in it is the label (issue 15)."""
    meeting_fields = {hit.where for hit in known_hits if hit.detector == "known_value.meeting_id"}
    if not meeting_fields:
        return detector_hits
    return [
        hit
        for hit in detector_hits
        if not (hit.category == _SESSION_ID and hit.where in meeting_fields)
    ]


def _drop_host_named_devices(detector_hits: list[Hit], known_hits: list[Hit]) -> list[Hit]:
    """A device named by the machine's host name (`device: corpus-host-01`, `$device`) is
    named by a network id, not described by its hardware: the known host name is the label
    (heldout15's convention for a host name as a value)."""
    host_fields = {hit.where for hit in known_hits if hit.detector == "known_value.hostname"}
    if not host_fields:
        return detector_hits
    return [
        hit for hit in detector_hits if not (hit.category == _HARDWARE and hit.where in host_fields)
    ]


# Keys of a room's or a call's own id: meeting metadata only with someone in it (issue 15ab).
_ROOM_ID_KEYS = frozenset({"roomid", "callid"})
# Categories that say nothing about a room or a call beyond the request's own credential and
# the sending device: a room's id with only these is the room's id alone.
_NOTHING_ABOUT_A_ROOM = ("credentials", "device_info.", "other")
# A meeting's opaque uuid under its own key (`meeting_uuid`, vocabulary's VALUE_DECIDED_KEYS):
# read as a room's id is (issue 15ai).
_OPAQUE_MEETING_ID = "detector.meeting_opaque_id_key"


def _drop_lone_room_ids(hits: list[Hit]) -> list[Hit]:
    """A room's or a call's opaque id alone (`room_id` in a GET of the room's meetings, a bot
    peer's `callId` beside its API key) is no meeting metadata: heldout8's convention, a room's
    id is not labelled. It is when the request says anything else about the room or call: a
    person put into it (heldout9's membership with `personEmail`, a check-in's location), a
    message, a call's numbers, its quality report (heldout2's `callId` beside jitter and MOS):
    who talks to whom and how. A meeting's own id or number, topic or participants are other
    evidence and keep the label. A meeting's opaque uuid under its own key (`meeting_uuid`,
    issue 15ai) is read as a room's id is."""
    meeting = [hit for hit in hits if hit.category == _MEETING]
    if not meeting or not all(
        hit.detector == _OPAQUE_MEETING_ID
        or (
            hit.detector == "detector.meeting_key"
            and normalise_key(hit.where.rsplit(" › ", 1)[-1]) in _ROOM_ID_KEYS
        )
        for hit in meeting
    ):
        return hits
    if any(
        hit.category != _MEETING and not hit.category.startswith(_NOTHING_ABOUT_A_ROOM)
        for hit in hits
    ):
        return hits
    return [hit for hit in hits if hit.category != _MEETING]


def _read_chat(labels: Sequence[Label], fields: Sequence[Field]) -> list[Hit]:
    """What text a person wrote to others (a comment, feedback, a message, a post, a note on a
    record: what a detector or a rule read as chat) names: a meeting's topic, after a
    preposition or as its heading (`meeting_text.topics_in_written_text`, issue 15bi), read
    when the flow has no meeting metadata yet; the accounts it mentions (`@handle`: a user
    id; `@<Full Name>`: a user id and a name; issue 15bp). Read only when the flow has chat
    (the merged labels say so: a look at a few labels, no cost on other flows)."""
    chat: Label | None = None
    has_meeting = False
    for label in labels:
        if label.category == _MEETING:
            has_meeting = True
        elif label.category == _CHAT:
            chat = label
    if chat is None:
        return []
    chat_where = {evidence.where for evidence in chat.evidence}
    # (the fields' last keys first: `where` joins a field's whole path)
    chat_keys = {where.rsplit(" › ", 1)[-1] for where in chat_where}
    found: list[Hit] = []
    for fld in fields:
        if (
            fld.path
            and fld.path[-1] in chat_keys
            and isinstance(fld.value, str)
            and fld.where in chat_where
        ):
            if not has_meeting:
                for topic in topics_in_written_text(fld.value):
                    found.append(
                        Hit(
                            _MEETING,
                            "detector.meeting_topic_text",
                            fld.where,
                            excerpt_for(_MEETING, fld.key, topic),
                            0.75,
                        )
                    )
            for mention, full_name in prose.mentions_in_text(fld.value):
                found.append(
                    Hit(
                        _USER_ID,
                        "detector.chat_mention",
                        fld.where,
                        excerpt_for(_USER_ID, fld.key, mention),
                        0.75,
                    )
                )
                if full_name:
                    found.append(
                        Hit(
                            _NAME,
                            "detector.chat_mention",
                            fld.where,
                            excerpt_for(_NAME, fld.key, mention),
                            0.75,
                        )
                    )
    return found


_MEETING = "meeting_metadata"
_CHAT = "customer_content.chat"
_USER_ID = "identifiers.user_id"
_NAME = "contact_info.name"
_SESSION_ID = "identifiers.session_id"
_HARDWARE = "device_info.hardware"
_PERFORMANCE = "service_generated.performance"


def _merge(hits: Sequence[Hit]) -> list[Label]:
    by_category: dict[str, Label] = {}
    seen: set[tuple[str, str, str]] = set()
    for hit in hits:
        category = hit.category
        confidence = hit.confidence
        label = by_category.get(category)
        if label is None:
            label = by_category[category] = Label(category, [], confidence)
        elif confidence > label.confidence:
            label.confidence = confidence
        evidence = label.evidence
        if len(evidence) >= MAX_EVIDENCE:
            continue
        detector = hit.detector
        where = hit.where
        marker = (category, detector, where)
        if marker in seen:
            continue
        seen.add(marker)
        evidence.append(Evidence(detector, where, hit.excerpt))
    # "other" means the request carries none of the categories above (taxonomy).
    if len(by_category) > 1:
        by_category.pop("other", None)
    if len(by_category) < 2:
        return list(by_category.values())
    return [by_category[c] for c in sorted(by_category, key=_ORDER.__getitem__)]
