"""Signature rules kept as data: one YAML file per vendor or SDK under `auditor/rules/`.

Each file is validated against `auditor/rules/schema.json` when loaded; a broken rule file is an
`AuditorError` naming the file and the offending part, never a traceback at labelling time.
Rules are compiled once (regexes, host globs) and indexed by the host suffix they name, so a flow
is only checked against the rules of its own host plus the few host-independent ones.
"""

from __future__ import annotations

import base64
import fnmatch
import json
import re
import re._constants as sre_constants
import re._parser as sre_parser
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema
import yaml

from auditor.errors import AuditorError
from auditor.records import Field, FlowRecord, ProcessInfo, RequestRecord
from auditor.yamltext import load_yaml

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
SCHEMA_PATH = RULES_DIR / "schema.json"
# The C loader when PyYAML has it (as the policy packs): the pure-Python one took ~0.6 s.


@dataclass(slots=True)
class FieldCondition:
    key: re.Pattern[str] | None = None
    where: re.Pattern[str] | None = None
    value: re.Pattern[str] | None = None
    source: str | None = None
    # A key regex that names a few keys (`^(event|event_?name)$`): those keys in lower case,
    # looked up directly instead of testing every distinct key of the flow.
    key_literals: frozenset[str] | None = None
    # Field keys and paths repeat across flows: each regex runs once per distinct key / path.
    _key_cache: dict[str, bool] = field(default_factory=dict, repr=False, compare=False)
    _where_cache: dict[tuple[str, ...], bool] = field(
        default_factory=dict, repr=False, compare=False
    )
    # A flow's keys in order (`FieldIndex.shape`) → those the key regex matches: flows of one
    # shape (an SDK's batches) repeat, and one look-up replaces one per key.
    _shape_cache: dict[tuple[str, ...], tuple[str, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )
    # A path regex that only asks whether one part of the path is one of a few words
    # (`(^|› )(stack|exception|…)( ›|$)`, `path_words`): those words as one regex tested on a
    # new path's parts, each part's answer remembered (parts repeat across paths far more than
    # paths do), instead of a search of the joined path (a UCS-2 string: `›`).
    where_words: re.Pattern[str] | None = None
    _part_cache: dict[str, bool] = field(default_factory=dict, repr=False, compare=False)

    def key_matches(self, key: str) -> bool:
        if self.key is None:
            return True
        hit = self._key_cache.get(key)
        if hit is None:
            if len(self._key_cache) > 50_000:
                self._key_cache.clear()
            hit = self._key_cache[key] = self.key.search(key) is not None
        return hit

    def _where_matches(self, fld: Field) -> bool:
        """The path regex on `fld`'s path (`where` is set), remembered per path."""
        assert self.where is not None
        if len(self._where_cache) > 100_000:
            self._where_cache.clear()
        hit = None
        if self.where_words is not None:
            hit = _has_path_word(self.where_words, self._part_cache, fld.path)
        if hit is None:
            hit = self.where.search(fld.where) is not None
        self._where_cache[fld.path] = hit
        return hit

    def rest_matches(self, fld: Field) -> bool:
        """Everything but the key (checked per distinct key by `first`)."""
        if self.source is not None and fld.source != self.source:
            return False
        if self.where is not None:
            where_hit = self._where_cache.get(fld.path)
            if where_hit is None:
                where_hit = self._where_matches(fld)
            if not where_hit:
                return False
        if self.value is not None:
            value = fld.value
            if value is None:
                return False
            text = value if isinstance(value, str) else str(value).lower()
            if not self.value.search(text):
                return False
        return True

    def matches(self, fld: Field) -> bool:
        if fld.in_stack_frame:
            return False
        return self.key_matches(fld.path[-1] if fld.path else "") and self.rest_matches(fld)

    def _literal_groups(self, index: FieldIndex, literals: frozenset[str]) -> list[list[Field]]:
        """The field groups of the keys `literals` names, in the index's key order."""
        by_key = index.by_key
        respelled = index.respelled
        # one C call for the usual flow: none of them (literals are lower case, so only keys
        # spelled in lower case, or the lower-case forms of the others, can be among them)
        if by_key.keys().isdisjoint(literals) and (
            not respelled or respelled.keys().isdisjoint(literals)
        ):
            return []
        found = [by_key[literal] for literal in literals.intersection(by_key)]
        if respelled:
            for literal in literals.intersection(respelled):
                found.extend(respelled[literal])
        if len(found) > 1:
            # in the index's key order: the order of each group's first field
            position = index.position
            found.sort(key=lambda group: position[group[0].path[-1] if group[0].path else ""])
        return found

    def _matching_keys(self, index: FieldIndex) -> tuple[str, ...]:
        """The keys of the flow (in `by_key` order) that the key regex matches."""
        shape = index.shape
        keys = self._shape_cache.get(shape)
        if keys is None:
            keys = tuple(key for key in shape if self.key_matches(key))
            if len(self._shape_cache) > 2048:
                self._shape_cache.clear()
            self._shape_cache[shape] = keys
        return keys

    def all(self, index: FieldIndex) -> Iterable[Field]:
        """Every field that meets the condition, in field order within each key."""
        if self.key_literals is not None:
            for group in self._literal_groups(index, self.key_literals):
                yield from (fld for fld in group if self.rest_matches(fld))
            return
        if self.key is not None:
            by_key = index.by_key
            for key in self._matching_keys(index):
                yield from (fld for fld in by_key[key] if self.rest_matches(fld))
            return
        yield from (fld for fld in index.fields if self.rest_matches(fld))

    def first(self, index: FieldIndex) -> Field | None:
        if self.key_literals is not None:
            for group in self._literal_groups(index, self.key_literals):
                for fld in group:
                    if self.rest_matches(fld):
                        return fld
            return None
        if self.key is not None:
            by_key = index.by_key
            for key in self._matching_keys(index):
                for fld in by_key[key]:
                    if self.rest_matches(fld):
                        return fld
            return None
        if self.where is not None:
            # A path condition (`generic.stack_fields`): the cached test per path, inline, and
            # the rest (source, value) only on the fields whose path it names.
            where_cache = self._where_cache
            path_only = self.source is None and self.value is None
            for fld in index.fields:
                where_hit = where_cache.get(fld.path)
                if where_hit is None:
                    where_hit = self._where_matches(fld)
                if where_hit and (path_only or self.rest_matches(fld)):
                    return fld
            return None
        for fld in index.fields:
            if self.rest_matches(fld):
                return fld
        return None


class FieldIndex:
    """The fields of one flow that rule conditions may look at (stack-frame context left out),
    grouped by key so a key condition is tested once per distinct key.

    Built on first use: most flows meet no rule that looks at fields, and then the grouping
    would be wasted work. Keys are nearly all distinct within a flow and nearly all lower
    case: a key's lower-case form is looked up in a table shared by all flows (keys repeat
    from flow to flow), and only keys spelled otherwise get an entry of their own under it."""

    __slots__ = ("_all", "_by_key", "_fields", "_position", "_respelled", "_shape")

    def __init__(self, fields: Sequence[Field]) -> None:
        self._all = fields
        self._fields: list[Field] | None = None
        self._by_key: dict[str, list[Field]] | None = None
        self._respelled: dict[str, list[list[Field]]] | None = None
        self._position: dict[str, int] | None = None
        self._shape: tuple[str, ...] | None = None

    @property
    def fields(self) -> list[Field]:
        if self._fields is None:
            self._fields = [f for f in self._all if not f.in_stack_frame]
        return self._fields

    @property
    def by_key(self) -> dict[str, list[Field]]:
        if self._by_key is None:
            self._group()
        assert self._by_key is not None
        return self._by_key

    @property
    def shape(self) -> tuple[str, ...]:
        """The flow's keys in `by_key` order."""
        if self._shape is None:
            self._shape = tuple(self.by_key)
        return self._shape

    @property
    def respelled(self) -> dict[str, list[list[Field]]]:
        """Lower-case form → the groups of `by_key` whose key is not spelled in lower case
        (`userId` under `userid`), in key order."""
        if self._respelled is None:
            self._group()
        assert self._respelled is not None
        return self._respelled

    @property
    def position(self) -> dict[str, int]:
        """Key → its position in `by_key`."""
        if self._position is None:
            self._position = {key: number for number, key in enumerate(self.by_key)}
        return self._position

    def _group(self) -> None:
        """`by_key` and `respelled` in one pass (the rule dispatch asks for both on nearly
        every flow)."""
        by_key: dict[str, list[Field]] = {}
        respelled: dict[str, list[list[Field]]] = {}
        lowers = _LOWER_KEYS
        for fld in self.fields:
            path = fld.path
            key = path[-1] if path else ""
            group = by_key.get(key)
            if group is not None:
                group.append(fld)
                continue
            group = by_key[key] = [fld]
            lower = lowers.get(key)
            if lower is None:
                lower = key.lower()
                if lower == key:
                    lower = ""  # (already lower case)
                if len(lowers) > 50_000:
                    lowers.clear()
                lowers[key] = lower
            if lower:
                entries = respelled.get(lower)
                if entries is None:
                    respelled[lower] = [group]
                else:
                    entries.append(group)
        self._by_key = by_key
        self._respelled = respelled


# Key → its lower-case form, or "" when the key is in lower case already (shared by all flows).
_LOWER_KEYS: dict[str, str] = {}


@dataclass(frozen=True, slots=True)
class RuleLabel:
    category: str
    evidence: str
    when: FieldCondition | None = None
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class EventSemantics:
    """What each event of a batch is, read from the field that names it (issue 15): a
    Snowplow self-describing schema, an event name, a ping type."""

    name: FieldCondition
    map: tuple[tuple[re.Pattern[str], str], ...]
    default: str | None = None
    evidence: str = "event"
    max_events: int = 500
    # True: events named in the body alone decide the rule's service_generated categories.
    decides: bool = False

    def categories(self, index: FieldIndex) -> dict[str, Field]:
        """category → the first field that named an event of that category (`none`: an event
        that is no kind of data was named)."""
        found: dict[str, Field] = {}
        for count, fld in enumerate(self.name.all(index)):
            if count >= self.max_events:
                break
            text = fld.value if isinstance(fld.value, str) else str(fld.value)
            category = next((cat for rx, cat in self.map if rx.search(text)), self.default)
            if category is not None and category not in found:
                found[category] = fld
        return found


@dataclass(frozen=True, slots=True)
class HeaderCondition:
    name: str  # lower case
    value: re.Pattern[str] | None = None


@dataclass(slots=True)
class Rule:
    id: str
    vendor: str
    organisation: str | None
    confidence: float
    labels: tuple[RuleLabel, ...]
    source_file: str
    description: str = ""
    fallback: bool = False
    # A fallback on hard body evidence (a stack trace) that speaks beside the detectors' kinds.
    beside_body_kinds: bool = False
    suppress: frozenset[str] = frozenset()
    host_globs: tuple[str, ...] = ()
    host_regex: re.Pattern[str] | None = None
    paths: tuple[re.Pattern[str], ...] = ()
    query: tuple[re.Pattern[str], ...] = ()
    methods: frozenset[str] = frozenset()
    content_types: tuple[str, ...] = ()
    headers: tuple[HeaderCondition, ...] = ()
    fields_all: tuple[FieldCondition, ...] = ()
    fields_any: tuple[FieldCondition, ...] = ()
    # Precision guards: the rule does not match when some field meets one of these.
    fields_none: tuple[FieldCondition, ...] = ()
    # Rules whose labels this one replaces when both match a flow.
    overrides: frozenset[str] = frozenset()
    # Rules this one silences entirely when both match a flow: their guesses, named events and
    # `when` labels (a log-ingest API's batch is logs, whatever event a message names).
    replaces: frozenset[str] = frozenset()
    events: EventSemantics | None = None
    _host_glob_res: tuple[re.Pattern[str], ...] = field(default=(), repr=False)
    # All path (query) patterns of the rule as one alternation: one regex call per request.
    _path_re: re.Pattern[str] | None = field(default=None, repr=False)
    _query_re: re.Pattern[str] | None = field(default=None, repr=False)
    # Request paths repeat across flows (an SDK posts to its endpoint again and again): the
    # path regex runs once per distinct path, as field conditions run once per key. Bounded
    # small: 83 rules have paths, and paths with ids in them do not repeat.
    _path_cache: dict[str, bool] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.paths:
            self._path_re = re.compile(
                "|".join(f"(?:{p.pattern})" for p in self.paths), re.IGNORECASE
            )
        if self.query:
            self._query_re = re.compile(
                "|".join(f"(?:{q.pattern})" for q in self.query), re.IGNORECASE
            )

    @property
    def host_independent(self) -> bool:
        return not self.host_globs and self.host_regex is None

    def host_matches(self, host: str) -> bool:
        if self.host_independent:
            return True
        if self.host_regex is not None and self.host_regex.search(host):
            return True
        return any(pattern.match(host) for pattern in self._host_glob_res)

    def request_matches(
        self, method: str, path: str, query: str, content_type: str, headers: dict[str, str]
    ) -> bool:
        """Everything but the host and the decoded fields (checked by the engine)."""
        if self.methods and method not in self.methods:
            return False
        if not self.path_matches(path):
            return False
        return self.request_rest_matches(query, content_type, headers)

    def path_matches(self, path: str) -> bool:
        if self._path_re is None:
            return True
        path_hit = self._path_cache.get(path)
        if path_hit is None:
            if len(self._path_cache) > 4096:
                self._path_cache.clear()
            path_hit = self._path_cache[path] = self._path_re.search(path) is not None
        return path_hit

    def request_rest_matches(self, query: str, content_type: str, headers: dict[str, str]) -> bool:
        """The query, content type and header tests of `request_matches`."""
        if self._query_re is not None and self._query_re.search(query) is None:
            return False
        if self.content_types and not any(ct in content_type for ct in self.content_types):
            return False
        for cond in self.headers:
            value = headers.get(cond.name)
            if value is None:
                return False
            if cond.value is not None and not cond.value.search(value):
                return False
        return True

    def fields_match(self, index: FieldIndex) -> bool:
        """Every `fields` condition met by some field, at least one `any_fields` one, and no
        `none_fields` one."""
        for cond in self.fields_all:
            if cond.first(index) is None:
                return False
        if self.fields_any:
            for cond in self.fields_any:
                if cond.first(index) is not None:
                    break
            else:
                return False
        # (loops, not any/all: no generator per rule on this hot path)
        for cond in self.fields_none:  # noqa: SIM110
            if cond.first(index) is not None:
                return False
        return True


@dataclass(frozen=True, slots=True)
class RuleFile:
    path: Path
    vendor: str
    rules: tuple[Rule, ...]
    fixtures_match: tuple[dict[str, Any], ...]
    fixtures_no_match: tuple[dict[str, Any], ...]


@cache
def _schema_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _regex(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise AuditorError(f"{where}: invalid regex {pattern!r}: {exc}") from None


MAX_KEY_LITERALS = 64


def key_literals(pattern: str) -> frozenset[str] | None:
    """The lower-case strings an anchored key regex matches (`^(event|event_?name)$` →
    {event, eventname, event_name}), or None when they are not a few literals."""
    try:
        parsed = list(sre_parser.parse(pattern, re.IGNORECASE))
    except (re.error, RecursionError, OverflowError):
        return None
    at = sre_constants.AT
    if (
        len(parsed) < 3
        or parsed[0] != (at, sre_constants.AT_BEGINNING)
        or parsed[-1] != (at, sre_constants.AT_END)
    ):
        return None
    strings = _expand(parsed[1:-1])
    return frozenset(s.lower() for s in strings) if strings is not None else None


def _expand(items: Sequence[Any]) -> set[str] | None:
    """Every string a parsed regex sequence matches, or None when that is not a small set."""
    c = sre_constants
    strings = {""}
    for op, arg in items:
        options: set[str] | None
        if op is c.LITERAL:
            options = {chr(arg)}
        elif op is c.IN:
            if not all(item_op is c.LITERAL for item_op, _ in arg):
                return None
            options = {chr(char) for _, char in arg}
        elif op is c.SUBPATTERN:
            options = _expand(arg[-1])
        elif op is c.BRANCH:
            options = set()
            for branch in arg[1]:
                found = _expand(branch)
                if found is None:
                    return None
                options |= found
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            low, high, inner = arg
            body = _expand(inner)
            if body is None or high is c.MAXREPEAT or high > 4:
                return None
            options = set()
            repeated = {""}
            for count in range(high + 1):
                if count >= low:
                    options |= repeated
                repeated = {a + b for a in repeated for b in body}
                if len(repeated) > MAX_KEY_LITERALS:
                    return None
        else:
            return None
        if options is None:
            return None
        strings = {a + b for a in strings for b in options}
        if len(strings) > MAX_KEY_LITERALS:
            return None
    return strings


def _condition(data: dict[str, Any], where: str) -> FieldCondition:
    key = _regex(data["key"], where) if "key" in data else None
    path = _regex(data["where"], where) if "where" in data else None
    return FieldCondition(
        key=key,
        key_literals=key_literals(data["key"]) if "key" in data else None,
        where=path,
        value=_regex(data["value"], where) if "value" in data else None,
        source=data.get("source"),
        where_words=path_words(data["where"]) if "where" in data else None,
        _key_cache=_shared_cache(_KEY_CACHES, key),
        _where_cache=_shared_cache(_WHERE_CACHES, path),
        _shape_cache=_shared_cache(_SHAPE_CACHES, key),
        _part_cache=_shared_cache(_PART_CACHES, path),
    )


# `(^|› )(word|word|…)( ›|$)`, words of letters, digits and `_` only
_PATH_WORDS_RE = re.compile(r"\(\^\|› \)\((\w+(?:\|\w+)*)\)\( ›\|\$\)", re.ASCII)


def path_words(pattern: str) -> re.Pattern[str] | None:
    """For a path regex that asks whether some part of the path is one of a few words,
    `(^|› )(stacktrace|stack|exception)( ›|$)`: the words as a regex to match a whole part
    with (case-insensitive, as rule regexes are); None for any other path regex."""
    found = _PATH_WORDS_RE.fullmatch(pattern)
    if found is None:
        return None
    return re.compile(f"(?:{found.group(1)})", re.IGNORECASE)


def _has_path_word(
    words: re.Pattern[str], parts: dict[str, bool], path: tuple[str, ...]
) -> bool | None:
    """Whether `(^|› )(words)( ›|$)` finds a word in `" › ".join(path)`, from the parts: with no
    `›` inside a part, `› ` and ` ›` occur only where parts meet, so a word matches where it
    is a whole part, or the last part less one final new line (`$` matches before it). None
    when a part holds `›` (the joined text has boundaries the parts do not show)."""
    for part in path:
        if "›" in part:
            return None
    last = len(path) - 1
    for index, part in enumerate(path):
        hit = parts.get(part)
        if hit is None:
            if len(parts) > 50_000:
                parts.clear()
            hit = parts[part] = words.fullmatch(part) is not None
        if hit or (index == last and part[-1:] == "\n" and words.fullmatch(part[:-1]) is not None):
            return True
    return False


# Conditions with the same regex share what it answered (a rule's `when` label often repeats
# its match condition, and rules repeat each other's path and key patterns: 114 distinct path
# regexes among 179 conditions): regex (pattern, flags) → the cache of its answers.
_KEY_CACHES: dict[tuple[str, int], dict[str, bool]] = {}
_WHERE_CACHES: dict[tuple[str, int], dict[tuple[str, ...], bool]] = {}
_SHAPE_CACHES: dict[tuple[str, int], dict[tuple[str, ...], tuple[str, ...]]] = {}
_PART_CACHES: dict[tuple[str, int], dict[str, bool]] = {}


def _shared_cache[K, V](
    caches: dict[tuple[str, int], dict[K, V]], regex: re.Pattern[str] | None
) -> dict[K, V]:
    if regex is None:
        return {}
    return caches.setdefault((regex.pattern, regex.flags), {})


def _glob_regex(glob: str) -> re.Pattern[str]:
    # fnmatch's translation, anchored; `*` may span dots so `*.ingest.sentry.io` covers
    # `o1.ingest.us.sentry.io`-style hosts only if written so — we keep globs explicit per label.
    return re.compile(fnmatch.translate(glob), re.IGNORECASE)


def _compile_rule(data: dict[str, Any], vendor: str, default_org: str | None, src: str) -> Rule:
    where = f"{src}: rule {data['id']}"
    match = data["match"]
    globs = tuple(g.lower() for g in match.get("hosts", ()))
    return Rule(
        id=data["id"],
        vendor=vendor,
        organisation=data.get("organisation", default_org),
        confidence=float(data["confidence"]),
        labels=tuple(
            RuleLabel(
                category=lab["category"],
                evidence=lab["evidence"],
                when=_condition(lab["when"], where) if "when" in lab else None,
                confidence=lab.get("confidence"),
            )
            for lab in data["labels"]
        )
        + _key_table_labels(data.get("keys", {}), where),
        source_file=src,
        description=data.get("description", ""),
        fallback=bool(data.get("fallback", False)),
        beside_body_kinds=bool(data.get("beside_body_kinds", False)),
        suppress=frozenset(data.get("suppress", ())),
        host_globs=globs,
        host_regex=_regex(match["host_regex"], where) if "host_regex" in match else None,
        paths=tuple(_regex(p, where) for p in match.get("paths", ())),
        query=tuple(_regex(q, where) for q in match.get("query", ())),
        methods=frozenset(m.upper() for m in match.get("methods", ())),
        content_types=tuple(ct.lower() for ct in match.get("content_types", ())),
        headers=tuple(
            HeaderCondition(
                name=h["name"].lower(),
                value=_regex(h["value"], where) if "value" in h else None,
            )
            for h in match.get("headers", ())
        ),
        fields_all=tuple(_condition(c, where) for c in match.get("fields", ())),
        fields_any=tuple(_condition(c, where) for c in match.get("any_fields", ())),
        fields_none=tuple(_condition(c, where) for c in match.get("none_fields", ())),
        overrides=frozenset(data.get("overrides", ())),
        replaces=frozenset(data.get("replaces", ())),
        events=_events(data["events"], where) if "events" in data else None,
        _host_glob_res=tuple(_glob_regex(g) for g in globs),
    )


def _key_table_labels(keys: dict[str, dict[str, str]], where: str) -> tuple[RuleLabel, ...]:
    """A rule's key table (an SDK's abbreviated keys, `uusid` → viewer_user_id) as `when`
    labels on exactly those body keys: the table is data, the matching the rules' own."""
    labels = []
    for key, entry in keys.items():
        condition = {"key": f"^{re.escape(key)}$", "source": "body"}
        if "value" in entry:
            condition["value"] = entry["value"]
        labels.append(
            RuleLabel(
                category=entry["category"],
                evidence=f"{entry['means']} (abbreviated key {key})",
                when=_condition(condition, where),
            )
        )
    return tuple(labels)


def _events(data: dict[str, Any], where: str) -> EventSemantics:
    return EventSemantics(
        name=_condition(data["name"], where),
        map=tuple((_regex(e["value"], where), e["category"]) for e in data["map"]),
        decides=bool(data.get("decides", False)),
        default=data.get("default"),
        evidence=data.get("evidence", "event"),
    )


def load_rule_file(path: Path) -> RuleFile:
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise AuditorError(f"cannot read rule file {path.name}: {first}") from None
    errors = sorted(_schema_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        err = errors[0]
        location = "/".join(str(p) for p in err.absolute_path) or "(top)"
        raise AuditorError(f"rule file {path.name} is invalid at {location}: {err.message}")
    vendor = data["vendor"]
    default_org = data.get("organisation")
    rules = tuple(_compile_rule(r, vendor, default_org, path.name) for r in data["rules"])
    ids = [r.id for r in rules]
    if len(set(ids)) != len(ids):
        raise AuditorError(f"rule file {path.name} repeats a rule id")
    known = set(ids)
    fixtures = data["fixtures"]
    for fixture in [*fixtures["match"], *fixtures["no_match"]]:
        if fixture["rule"] not in known:
            raise AuditorError(
                f"rule file {path.name}: fixture names unknown rule {fixture['rule']!r}"
            )
    return RuleFile(
        path=path,
        vendor=vendor,
        rules=rules,
        fixtures_match=tuple(fixtures["match"]),
        fixtures_no_match=tuple(fixtures["no_match"]),
    )


def rule_files(rules_dir: Path | None = None) -> list[Path]:
    directory = rules_dir or RULES_DIR
    return sorted(p for p in directory.glob("*.yaml") if p.is_file())


def load_rules(rules_dir: Path | None = None) -> list[Rule]:
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for path in rule_files(rules_dir):
        for rule in load_rule_file(path).rules:
            if rule.id in seen:
                raise AuditorError(
                    f"rule id {rule.id} is defined in both {seen[rule.id]} and {path.name}"
                )
            seen[rule.id] = path.name
            rules.append(rule)
    for rule in rules:
        for verb, named in (("overrides", rule.overrides), ("replaces", rule.replaces)):
            unknown = sorted(named - seen.keys())
            if unknown:
                raise AuditorError(
                    f"rule {rule.id} in {rule.source_file} {verb} unknown rule {unknown[0]!r}"
                )
    return rules


def _index_key(glob: str) -> str | None:
    """The last two literal labels of a host glob (`*.telemetry.zoom.us` → `zoom.us`)."""
    labels = glob.split(".")
    tail = labels[-2:]
    if len(tail) < 2 or any("*" in label or "?" in label or "[" in label for label in tail):
        return None
    return ".".join(tail)


def _key_requirements(rule: Rule) -> list[frozenset[str]]:
    """Sets of lower-case keys a flow must hold one of for the rule's field conditions to be
    met: one per `fields` condition whose key names a few literals, and one for `any_fields`
    when each of its conditions does."""
    groups = [cond.key_literals for cond in rule.fields_all if cond.key_literals is not None]
    any_literals = [cond.key_literals for cond in rule.fields_any]
    if any_literals and all(literals is not None for literals in any_literals):
        groups.append(frozenset().union(*(literals or () for literals in any_literals)))
    return groups


@dataclass(frozen=True, slots=True)
class RuleDispatch:
    """The rules that can apply to requests of one host and method, in rule order, each with
    the bits of the key groups it needs (`RuleIndex.key_bits`): the vendor rules, and the
    fallbacks tried when none of those matched."""

    rules: tuple[tuple[Rule, int], ...]
    fallbacks: tuple[tuple[Rule, int], ...]
    headers: bool  # some rule tests request headers
    needs_keys: bool  # some rule needs one of a few keys
    # request path → `on_path`'s answer (an SDK posts to its few endpoints again and again)
    _on_path: dict[str, tuple[tuple[PathRule, ...], tuple[PathRule, ...]]] = field(
        default_factory=dict, repr=False, compare=False
    )
    # (request path, the flow's key bits) → `on_path_with_keys`'s answer
    _on_keys: dict[tuple[str, int], tuple[tuple[PathRule, ...], tuple[PathRule, ...]]] = field(
        default_factory=dict, repr=False, compare=False
    )
    # `rules` and `fallbacks` as (the rule's path regex, its `PathRule`), made once
    _rule_paths: tuple[tuple[re.Pattern[str] | None, PathRule], ...] = field(
        default=(), repr=False, compare=False
    )
    _fallback_paths: tuple[tuple[re.Pattern[str] | None, PathRule], ...] = field(
        default=(), repr=False, compare=False
    )

    def __post_init__(self) -> None:
        # (frozen: the derived tuples are set the way dataclasses set fields)
        object.__setattr__(self, "_rule_paths", _with_paths(self.rules))
        object.__setattr__(self, "_fallback_paths", _with_paths(self.fallbacks))

    def on_path(self, path: str) -> tuple[tuple[PathRule, ...], tuple[PathRule, ...]]:
        """The rules and the fallbacks whose path patterns `path` meets (their methods are
        this dispatch's), each as (rule, the key groups it needs, whether its query, content
        type or header tests remain, whether it has field conditions)."""
        found = self._on_path.get(path)
        if found is None:
            found = (_path_rules(self._rule_paths, path), _path_rules(self._fallback_paths, path))
            if len(self._on_path) > 4096:
                self._on_path.clear()
            self._on_path[path] = found
        return found

    def on_path_with_keys(
        self, path: str, bits: int
    ) -> tuple[tuple[PathRule, ...], tuple[PathRule, ...]]:
        """`on_path`'s rules and fallbacks less those needing a key group the flow's keys are
        not in (`bits`, as `RuleIndex.key_bits` gives; -1: every group). Remembered per (path,
        bits): a flow of an app's endpoint has the keys of the one before, and ~50 fallbacks
        tried on every POST each needed a test of their bits against the flow's."""
        found = self._on_keys.get((path, bits))
        if found is None:
            rules, fallbacks = self.on_path(path)
            found = (
                tuple(rule for rule in rules if rule[1] & bits == rule[1]),
                tuple(rule for rule in fallbacks if rule[1] & bits == rule[1]),
            )
            if len(self._on_keys) > 8192:
                self._on_keys.clear()
            self._on_keys[(path, bits)] = found
        return found


# (rule, the key groups it needs, whether `Rule.request_rest_matches` has tests left, whether it has
# field conditions)
PathRule = tuple[Rule, int, bool, bool]


def _with_paths(
    rules: tuple[tuple[Rule, int], ...],
) -> tuple[tuple[re.Pattern[str] | None, PathRule], ...]:
    return tuple(
        (
            rule._path_re,
            (
                rule,
                need,
                bool(rule._query_re is not None or rule.content_types or rule.headers),
                bool(rule.fields_all or rule.fields_any or rule.fields_none),
            ),
        )
        for rule, need in rules
    )


def _path_rules(
    rules: tuple[tuple[re.Pattern[str] | None, PathRule], ...], path: str
) -> tuple[PathRule, ...]:
    """The `PathRule`s of the rules whose path patterns `path` meets (`on_path` remembers the
    answer per path: each regex runs once per distinct path and dispatch)."""
    return tuple(
        path_rule
        for path_re, path_rule in rules
        if path_re is None or path_re.search(path) is not None
    )


class RuleIndex:
    """Rules by host: candidates for a host are found by its last two labels, then cached.

    A rule is only tried on a flow that can meet it: its methods are checked once per (host,
    method), and the literal keys its field conditions name once per flow, as bits: each group
    of keys a rule needs one of has a bit, and `key_bits` sets the bits of the groups a flow's
    keys belong to (one set intersection), so a rule whose keys are absent costs one `&`."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.rules: list[Rule] = list(rules)
        self._by_key: dict[str, list[Rule]] = {}
        self._scan: list[Rule] = []  # hosts given by regex or by globs without a fixed tail
        self._everywhere = tuple(rule for rule in self.rules if rule.host_independent)
        for rule in self.rules:
            if rule.host_independent:
                continue
            keys = {_index_key(g) for g in rule.host_globs}
            if rule.host_regex is not None or None in keys:
                self._scan.append(rule)
                continue
            for key in keys:
                assert key is not None
                self._by_key.setdefault(key, []).append(rule)
        # By rule id (unique, `load_rules`), not by `id(rule)`: an audit hook (filelock installs
        # one) makes every `id()` call run Python code.
        self._order = {r.id: i for i, r in enumerate(self.rules)}
        # host → (the ids of the rules that name it, its candidates), as `_candidates` gives
        self._cache: dict[str, tuple[tuple[str, ...], tuple[Rule, ...]]] = {}
        self._named: dict[tuple[str, ...], tuple[tuple[str, ...], tuple[Rule, ...]]] = {}
        self._key_bits: dict[str, int] = {}  # lower-case key → the groups it belongs to
        self._needs: dict[str, int] = {}  # rule id → the groups it needs
        bit = 1
        for rule in self.rules:
            need = 0
            for group in _key_requirements(rule):
                for literal in group:
                    self._key_bits[literal] = self._key_bits.get(literal, 0) | bit
                need |= bit
                bit <<= 1
            self._needs[rule.id] = need
        self._literals = frozenset(self._key_bits)
        self._bits_by_shape: dict[tuple[str, ...], int] = {}
        self._dispatch: dict[tuple[str, str], RuleDispatch] = {}
        # (the ids of the rules that name a host, method) → the dispatch
        self._partitions: dict[tuple[tuple[str, ...], str], RuleDispatch] = {}

    def candidates(self, host: str) -> tuple[Rule, ...]:
        return self._candidates(host)[1]

    def _candidates(self, host: str) -> tuple[tuple[str, ...], tuple[Rule, ...]]:
        """(the ids of the rules that name `host`, sorted; its candidates in rule order)."""
        cached = self._cache.get(host)
        if cached is not None:
            return cached
        labels = host.split(".")
        key = ".".join(labels[-2:])
        found = [r for r in self._by_key.get(key, ()) if r.host_matches(host)]
        found.extend(r for r in self._scan if r.host_matches(host))
        named = tuple(sorted({r.id for r in found}))
        # Hosts of one vendor (`us01.zoom.us`, `us07.zoom.us`) name the same rules: their
        # candidates (with the host-independent ones, in rule order) are built once.
        result = self._named.get(named)
        if result is None:
            if found:
                found.extend(self._everywhere)
                found.sort(key=lambda r: self._order[r.id])
                result = (named, tuple(found))
            else:
                result = (named, self._everywhere)
            if len(self._named) > 4096:
                self._named.clear()
            self._named[named] = result
        if len(self._cache) > 20000:
            self._cache.clear()
        self._cache[host] = result
        return result

    def dispatch(self, host: str, method: str) -> RuleDispatch:
        """The rules for `host` that accept `method` (upper case), with their key needs."""
        found = self._dispatch.get((host, method))
        if found is None:
            # Hosts with the same candidates (hosts no rule names, a vendor's subdomains)
            # share one answer per method.
            named, candidates = self._candidates(host)
            found = self._partitions.get((named, method))
            if found is None:
                found = self._partition(candidates, method)
                if len(self._partitions) > 4096:
                    self._partitions.clear()
                self._partitions[(named, method)] = found
            if len(self._dispatch) > 20_000:
                self._dispatch.clear()
            self._dispatch[(host, method)] = found
        return found

    def _partition(self, candidates: tuple[Rule, ...], method: str) -> RuleDispatch:
        usable = [
            (rule, self._needs[rule.id])
            for rule in candidates
            if not rule.methods or method in rule.methods
        ]
        return RuleDispatch(
            rules=tuple(pair for pair in usable if not pair[0].fallback),
            fallbacks=tuple(pair for pair in usable if pair[0].fallback),
            headers=any(rule.headers for rule, _ in usable),
            needs_keys=any(need for _, need in usable),
        )

    def key_bits(self, index: FieldIndex) -> int:
        """The key groups (bits, as in `RuleDispatch`) that one of the flow's keys is in;
        remembered per shape (the flow's keys in order, which the bits depend on alone)."""
        shape = index.shape
        bits = self._bits_by_shape.get(shape)
        if bits is None:
            bits = self._key_bits_of(index)
            if len(self._bits_by_shape) > 4096:
                self._bits_by_shape.clear()
            self._bits_by_shape[shape] = bits
        return bits

    def _key_bits_of(self, index: FieldIndex) -> int:
        bits = 0
        literals = self._literals
        for literal in literals.intersection(index.by_key):
            bits |= self._key_bits[literal]
        respelled = index.respelled
        if respelled:
            for literal in literals.intersection(respelled):
                bits |= self._key_bits[literal]
        return bits


def flow_from_fixture(fixture: dict[str, Any], *, flow_id: str = "fixture") -> FlowRecord:
    """A request-only flow built from a rule file's fixture (url, method, headers, body)."""
    url = fixture["url"]
    split = urlsplit(url)
    host = (split.hostname or "").lower()
    port = split.port or (443 if split.scheme == "https" else 80)
    path = split.path or "/"
    if split.query:
        path = f"{path}?{split.query}"
    body: bytes | None
    if "body_b64" in fixture:
        body = base64.b64decode(fixture["body_b64"])
    elif "body" in fixture:
        raw = fixture["body"]
        body = (raw if isinstance(raw, str) else json.dumps(raw)).encode("utf-8")
    else:
        body = None
    headers = [(str(k), str(v)) for k, v in fixture.get("headers", [])]
    method = fixture.get("method") or ("POST" if body else "GET")
    return FlowRecord(
        id=flow_id,
        session="fixtures",
        ts=0.0,
        kind="http",
        process=ProcessInfo(app=fixture.get("app")),
        request=RequestRecord(
            method=method,
            url=url,
            host=host,
            port=port,
            path=path,
            headers=headers,
            body=body,
            size=len(body or b""),
        ),
    )
