"""Plain records handed between the capture layer, decoders, labeller, policy engine and store.

Nothing here knows about mitmproxy or Qt: the capture layer copies what it needs out of live
mitmproxy objects into these dataclasses, and every other part of the program works on them.
`to_spec_dict` produces the JSONL flow record promised in the interfaces spec; `from_spec_dict`
reads it back (used by the store's JSON column, `auditor import` of JSONL and round-trip tests).
"""

from __future__ import annotations

import base64
import dataclasses
import re
import types
import uuid
from collections.abc import Callable
from dataclasses import MISSING, dataclass, field
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints
from urllib.parse import urlsplit, urlunsplit

from auditor.vocabulary import (
    is_credential_header,
    is_secret_key,
)

FlowKind = Literal["http", "websocket", "tcp", "udp", "dns", "tls_failed"]
FLOW_KINDS: tuple[str, ...] = ("http", "websocket", "tcp", "udp", "dns", "tls_failed")

Party = Literal["first", "third", "unknown"]

Verdict = Literal["clear", "vague", "omitted", "consent_required", "contradicted"]
# Ordered from least to most concerning; the store keeps the worst verdict of a flow for filtering.
VERDICTS: tuple[str, ...] = ("clear", "vague", "consent_required", "omitted", "contradicted")

# Field metadata keys read by the serialisers below: REDACT names the function that masks the
# field's credentials in the JSONL record; SPEC: False keeps a field out of that record.
REDACT = "redact"
SPEC = "spec"

REDACTED = "[redacted]"
# What replaces `user:password@` in a URL: "[redacted]" percent-encoded, so the URL stays valid
# (brackets are not allowed in the userinfo; HAR viewers and mitmproxy refuse such URLs).
REDACTED_USERINFO = "%5Bredacted%5D"


def redact_userinfo(netloc: str) -> str:
    """`user:password@host:port` -> `%5Bredacted%5D@host:port`; other netlocs unchanged."""
    if "@" not in netloc:
        return netloc
    return f"{REDACTED_USERINFO}@{netloc.rsplit('@', 1)[1]}"


def new_flow_id() -> str:
    return uuid.uuid4().hex


# --------------------------------------------------------------------------------------------
# Credentials in the JSONL record (`to_spec_dict(redact_credentials=True)`): fields name the
# function that masks them in their metadata (REDACT).


def redact_headers(headers: list[tuple[str, str]]) -> list[list[str]]:
    return [[k, REDACTED if is_credential_header(k) else v] for k, v in headers]


_SAFE_ARG = re.compile(r"^--?[A-Za-z0-9][A-Za-z0-9_.-]*(=[A-Za-z0-9_.:/-]{0,64})?$")
_SECRET_WORDS = re.compile(r"(?i)pass|pwd|token|secret|auth|cookie|key|bearer|session|sig")


def redact_cmdline(cmdline: list[str] | None) -> list[str] | None:
    """A process's command line with anything that may be a secret masked.

    Command lines carry tokens (`curl -H "Authorization: …"`, `--password=…`, join URLs with a
    meeting passcode). We keep the program and plain option flags (`--type=renderer` tells helper
    processes apart) and mask every other argument.
    """
    if not cmdline:
        return cmdline
    kept = [cmdline[0]]
    for arg in cmdline[1:]:
        if _SAFE_ARG.match(arg) and not _SECRET_WORDS.search(arg):
            kept.append(arg)
        else:
            kept.append(REDACTED)
    return kept


def redact_url_credentials(url: str) -> str:
    """`url` with credentials masked: user:password@ and query values under secret-looking keys
    (`api_key`, `token`, `pwd`, `sentry_key` …). Everything else stays as sent."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    netloc = redact_userinfo(parts.netloc)
    query = parts.query
    if query:
        pairs = []
        for pair in query.split("&"):
            key, sep, _value = pair.partition("=")
            pairs.append(
                f"{key}{sep}{REDACTED}" if sep and is_secret_key(key, in_query=True) else pair
            )
        query = "&".join(pairs)
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def _redact_path(path: str) -> str:
    if "?" not in path:
        return path
    return redact_url_credentials("http://h" + path)[len("http://h") :]


@dataclass(slots=True)
class ProcessInfo:
    """The local process that opened the connection (attributed at connect time)."""

    pid: int | None = None
    name: str | None = None
    exe: str | None = None
    cmdline: list[str] | None = field(default=None, metadata={REDACT: redact_cmdline})
    app: str | None = None  # groups helper processes of one client: "zoom", "teams", ...
    ppid: int | None = None
    create_time: float | None = None
    launch_tag: str | None = None  # set when the process tree was started by `auditor launch`

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ProcessInfo:
        """From the `process` object of the JSONL record (missing keys are unknown)."""
        return from_spec(cls, data)


@dataclass(slots=True)
class RequestRecord:
    method: str
    url: str = field(metadata={REDACT: redact_url_credentials})
    host: str
    port: int
    path: str = field(metadata={REDACT: _redact_path})
    http_version: str = "HTTP/1.1"
    headers: list[tuple[str, str]] = field(default_factory=list, metadata={REDACT: redact_headers})
    body: bytes | None = None  # None: not captured; at most the body cap when truncated
    size: int = 0  # size of the whole body as sent, even when `body` is truncated
    body_truncated: bool = False

    @property
    def scheme(self) -> str:
        return urlsplit(self.url).scheme or "http"

    @property
    def sent_size(self) -> int:
        """Data this request sends: its body and its query string (a GET carries its payload in
        the URL: `?uid=…&email=…` is data sent as much as a POST body is)."""
        query = urlsplit(self.url).query
        return self.size + len(query.encode("utf-8", "surrogateescape"))

    def header(self, name: str) -> str | None:
        lname = name.lower()
        # A name that lower-cases to an ASCII name has its length (only some non-ASCII
        # letters lower-case to two characters): names of another length are not lower-cased.
        size = len(lname) if lname.isascii() else -1
        for key, value in self.headers:
            if (size < 0 or len(key) == size) and key.lower() == lname:
                return value
        return None


@dataclass(slots=True)
class ResponseRecord:
    status: int
    reason: str = ""
    http_version: str = "HTTP/1.1"
    headers: list[tuple[str, str]] = field(default_factory=list, metadata={REDACT: redact_headers})
    body: bytes | None = None
    size: int = 0
    body_truncated: bool = False

    def header(self, name: str) -> str | None:
        lname = name.lower()
        for key, value in self.headers:
            if key.lower() == lname:
                return value
        return None


@dataclass(slots=True)
class WebSocketMessage:
    from_client: bool
    ts: float
    is_text: bool
    content: bytes  # at most the body cap
    size: int
    truncated: bool = False


@dataclass(slots=True)
class DnsRecord:
    question: str
    qtype: str = "A"
    answers: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Evidence:
    rule: str  # rule id or detector name that fired
    where: str  # "body › gzip › envelope item 2 › user › email"
    excerpt: str  # already redacted: never a credential in clear


@dataclass(slots=True)
class Label:
    category: str  # from shared/spec/taxonomy.md, e.g. "identifiers.device_id"
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 1.0


@dataclass(slots=True)
class Entity:
    name: str | None = None  # the receiving organisation ("Zoom", "Sentry", "Microsoft")
    party: Party = "unknown"  # relative to the audited app
    domain: str | None = None  # registrable domain (public suffix list)


@dataclass(slots=True)
class PolicyFinding:
    document: str  # "zoom/terms-of-service"
    version: str  # "2023-08-11"
    section: str  # "10.5"
    verdict: str  # one of VERDICTS
    quote: str  # verbatim clause text (or the relevant sentence of it)
    permits: list[str] = field(
        default_factory=list
    )  # purposes the clause allows: "ai_training", ...
    category: str | None = None  # the label this finding is about
    explanation: str = ""
    # Which rule chose the document: "app" (the audited app's vendor), "recipient" (the vendor
    # that receives the flow) or "app+recipient"; None in records made before it was recorded.
    chosen_by: str | None = None


@dataclass(slots=True)
class Field:
    """One decoded value of a flow, with the decoding chain that led to it.

    `path` is the chain from the flow's outer layer inwards, e.g.
    ("body", "gzip", "envelope item 2", "user", "email"). `where` joins it for evidence.
    """

    path: tuple[str, ...]
    value: str | int | float | bool | None
    source: Literal["url", "header", "body", "response", "websocket"] = "body"
    in_stack_frame: bool = False  # inside source-code context embedded in an error report

    @property
    def key(self) -> str:
        return self.path[-1] if self.path else ""

    @property
    def where(self) -> str:
        return " › ".join(self.path)


@dataclass(slots=True)
class SensitiveFields:
    """What the labeller found field by field when it labelled a flow (`auditor.label.findings`):
    the decoded paths and values of its credentials and of its identifiers and contact data.

    Kept inside the stored record (the store is encrypted, and it holds these values in the
    flow anyway) so that redaction on export does not decode and detect every flow again. It is
    never part of an export or of the JSONL record (`to_spec_dict` leaves it out)."""

    secret_paths: frozenset[tuple[str, ...]] = frozenset()
    identifier_paths: frozenset[tuple[str, ...]] = frozenset()
    secrets: frozenset[str] = frozenset()
    identifiers: frozenset[str] = frozenset()

    def to_dict(self) -> dict[str, list[Any]]:
        return {
            "secret_paths": sorted(list(p) for p in self.secret_paths),
            "identifier_paths": sorted(list(p) for p in self.identifier_paths),
            "secrets": sorted(self.secrets),
            "identifiers": sorted(self.identifiers),
        }

    @classmethod
    def from_dict(cls, data: Any) -> SensitiveFields | None:
        """None when `data` is not a well-formed dict (then redaction finds the fields again)."""
        if not isinstance(data, dict):
            return None
        try:
            return cls(
                frozenset(tuple(str(x) for x in p) for p in data.get("secret_paths", [])),
                frozenset(tuple(str(x) for x in p) for p in data.get("identifier_paths", [])),
                frozenset(str(v) for v in data.get("secrets", [])),
                frozenset(str(v) for v in data.get("identifiers", [])),
            )
        except TypeError:
            return None


@dataclass(slots=True)
class FlowRecord:
    id: str
    session: str
    ts: float  # epoch seconds of the request (or connection) start
    kind: str  # one of FLOW_KINDS
    process: ProcessInfo = field(default_factory=ProcessInfo)
    request: RequestRecord | None = None
    response: ResponseRecord | None = None
    entity: Entity = field(default_factory=Entity)
    labels: list[Label] = field(default_factory=list)
    policy: list[PolicyFinding] = field(default_factory=list)
    # Connection-level facts.
    client_addr: tuple[str, int] | None = None
    server_addr: tuple[str, int] | None = None
    sni: str | None = None
    alpn: str | None = None
    tls_version: str | None = None
    error: str | None = None  # e.g. the client's TLS alert for `tls_failed`
    ts_end: float | None = None
    bytes_sent: int = 0  # client -> server, on the wire as seen by the proxy
    bytes_received: int = 0
    websocket: list[WebSocketMessage] = field(default_factory=list)
    dns: DnsRecord | None = None
    sinkholed: bool = False
    dropped_bodies: bool = False  # bodies not kept because of the body cap
    source: str = "capture"  # "capture" | "import:har" | "import:mitm" | "import:jsonl"
    # Set when the flow is labelled (`Enricher`); None: not known, redaction finds it itself.
    # Never in the JSONL record; the store keeps it beside (`store.codec`).
    sensitive: SensitiveFields | None = field(default=None, metadata={SPEC: False})

    @property
    def host(self) -> str | None:
        if self.request is not None:
            return self.request.host
        if self.sni:
            return self.sni
        if self.dns is not None:
            return self.dns.question
        if self.server_addr is not None:
            return self.server_addr[0]
        return None

    @property
    def duration(self) -> float | None:
        return None if self.ts_end is None else max(0.0, self.ts_end - self.ts)

    def label_categories(self) -> list[str]:
        return [label.category for label in self.labels]

    def worst_verdict(self) -> str | None:
        ranks = [VERDICTS.index(f.verdict) for f in self.policy if f.verdict in VERDICTS]
        return VERDICTS[max(ranks)] if ranks else None


# --------------------------------------------------------------------------------------------
# Every form a record takes, made from its field declarations.
#
# The JSONL record of the interfaces spec (`to_spec_dict`/`from_spec_dict`, also the store's JSON
# column), the state that crosses the capture-to-worker pipe (`to_state`/`from_state`: tuples of
# plain values, which marshal writes in C; pickling slotted dataclasses runs Python code per
# object) and the copy redaction works on (`copy_record`) all follow the dataclass fields and their
# type hints, so a new field is one line. Like mitmproxy's SerializableDataclass the hints decide
# how a field is written; unlike it they are read once per class: each form is compiled into a
# plain Python function (as `dataclasses` makes `__init__`), as fast as one written by hand.
#
# The JSONL record: fields in declaration order, bytes last as `<name>_b64` and only with
# `include_bodies`. Reading it back, a field without a default is required (KeyError names it),
# others take their default; int, float and bool are converted, text and optional values are taken
# as they are (importers coerce them afterwards), `[a, b]` becomes a tuple where the field is one.

_Shape = tuple[str, Any, bool]  # kind, its argument, optional


def _shape(hint: Any) -> _Shape:
    optional = False
    if get_origin(hint) in (Union, types.UnionType):
        present = [arg for arg in get_args(hint) if arg is not type(None)]
        if len(present) != 1:
            raise TypeError(f"no serialisation for {hint}")
        optional, hint = True, present[0]
    origin, args = get_origin(hint), get_args(hint)
    if origin is Literal:
        return ("scalar", type(args[0]), optional)
    if hint in (str, int, float, bool):
        return ("scalar", hint, optional)
    if hint is bytes:
        return ("bytes", bytes, optional)
    if dataclasses.is_dataclass(hint):
        return ("record", hint, optional)
    if origin is list:
        item = args[0]
        if dataclasses.is_dataclass(item):
            return ("records", item, optional)
        if get_origin(item) is tuple:
            return ("pairs", get_args(item), optional)
        return ("list", item, optional)
    if origin is tuple:
        return ("tuple", args, optional)
    if origin is frozenset:
        return ("frozenset", args[0], optional)
    raise TypeError(f"no serialisation for {hint}")


_CONVERT = {int: "int", float: "float", bool: "bool", str: "str"}


def _tuple_from(args: tuple[Any, ...], var: str) -> str:
    """`(str(v[0]), int(v[1]))` for tuple[str, int]."""
    parts = [f"{_CONVERT.get(arg, '')}({var}[{i}])" for i, arg in enumerate(args)]
    return "(" + ", ".join(parts) + ("," if len(parts) == 1 else "") + ")"


def _b64(data: bytes | None) -> str | None:
    return None if data is None else base64.b64encode(data).decode("ascii")


def _unb64(data: str | None) -> bytes | None:
    return None if data is None else base64.b64decode(data)


class _Forms:
    """The compiled forms of one dataclass (the spec forms compiled when first asked for)."""

    def __init__(self, cls: type) -> None:
        self.cls = cls
        hints = get_type_hints(cls)
        self.fields = [(f, _shape(hints[f.name])) for f in dataclasses.fields(cls)]
        self.to_state: Callable[[Any], tuple[Any, ...]] = self._compile_to_state()
        self.from_state: Callable[[Any], Any] = self._compile_from_state()
        self.copy: Callable[[Any], Any] = self._compile_copy()
        self._spec: tuple[Callable[..., dict[str, Any]], Callable[[Any], Any]] | None = None

    def spec(self) -> tuple[Callable[..., dict[str, Any]], Callable[[Any], Any]]:
        if self._spec is None:
            self._spec = (self._compile_to_spec(), self._compile_from_spec())
        return self._spec

    def _exec(self, name: str, lines: list[str], env: dict[str, Any]) -> Callable[..., Any]:
        env = {"_cls": self.cls, **env}
        exec("\n".join(lines), env)  # our own source, from the field declarations
        function: Callable[..., Any] = env[name]
        function.__qualname__ = f"{self.cls.__name__}.{name}"
        return function

    def _compile_to_state(self) -> Callable[[Any], tuple[Any, ...]]:
        env: dict[str, Any] = {}
        items = []
        for f, (kind, arg, optional) in self.fields:
            value = f"o.{f.name}"
            if kind == "record":
                env[f"_{f.name}"] = forms(arg).to_state
                expr = f"_{f.name}({value})"
            elif kind == "records":
                env[f"_{f.name}"] = forms(arg).to_state
                expr = f"[_{f.name}(x) for x in {value}]"
            else:  # marshal takes str, bytes, numbers, lists, tuples and frozensets as they are
                expr = value
            if optional and kind in ("record", "records"):
                expr = f"None if {value} is None else {expr}"
            items.append(f"        {expr},")
        return self._exec("to_state", ["def to_state(o):", "    return (", *items, "    )"], env)

    def _compile_from_state(self) -> Callable[[Any], Any]:
        env: dict[str, Any] = {}
        names = [f"a{i}" for i in range(len(self.fields))]
        args = []
        for (f, (kind, arg, optional)), name in zip(self.fields, names, strict=True):
            if kind == "record":
                env[f"_{f.name}"] = forms(arg).from_state
                expr = f"_{f.name}({name})"
            elif kind == "records":
                env[f"_{f.name}"] = forms(arg).from_state
                expr = f"[_{f.name}(x) for x in {name}]"
            else:
                expr = name
            if optional and kind in ("record", "records"):
                expr = f"None if {name} is None else {expr}"
            args.append(f"        {expr},")
        lines = ["def from_state(t):"]
        if names:
            lines.append(f"    {', '.join(names)}, = t")
        lines += ["    return _cls(", *args, "    )"]
        return self._exec("from_state", lines, env)

    def _compile_copy(self) -> Callable[[Any], Any]:
        env: dict[str, Any] = {}
        args = []
        for f, (kind, arg, optional) in self.fields:
            value = f"o.{f.name}"
            if kind == "record":
                env[f"_{f.name}"] = forms(arg).copy
                expr = f"_{f.name}({value})"
            elif kind == "records":
                env[f"_{f.name}"] = forms(arg).copy
                expr = f"[_{f.name}(x) for x in {value}]"
            elif kind in ("list", "pairs"):
                expr = f"list({value})"
            else:  # immutable: str, numbers, bytes, tuples, frozensets
                expr = value
            if optional and kind in ("record", "records", "list", "pairs"):
                expr = f"None if {value} is None else {expr}"
            args.append(f"        {expr},")
        return self._exec("copy", ["def copy(o):", "    return _cls(", *args, "    )"], env)

    def _compile_to_spec(self) -> Callable[..., dict[str, Any]]:
        env: dict[str, Any] = {"_b64": _b64}
        items, bodies = [], []
        for f, (kind, arg, optional) in self.fields:
            if not f.metadata.get(SPEC, True):
                continue
            value = f"o.{f.name}"
            if kind == "bytes":
                bodies.append(f'        d["{f.name}_b64"] = _b64({value})')
                continue
            if kind == "record":
                env[f"_{f.name}"] = forms(arg).spec()[0]
                expr = f"_{f.name}({value}, redact, bodies)"
            elif kind == "records":
                env[f"_{f.name}"] = forms(arg).spec()[0]
                expr = f"[_{f.name}(x, redact, bodies) for x in {value}]"
            elif kind == "pairs":
                expr = f"[list(x) for x in {value}]"
            elif kind in ("list", "tuple"):
                expr = f"list({value})"
            elif kind == "scalar":
                expr = value
            else:
                raise TypeError(f"{self.cls.__name__}.{f.name}: no JSON form for {kind}")
            if optional and kind == "tuple":
                expr = f"list({value}) if {value} else None"
            elif optional and kind != "scalar":
                expr = f"None if {value} is None else {expr}"
            redact = f.metadata.get(REDACT)
            if redact is not None:
                env[f"_redact_{f.name}"] = redact
                expr = f"_redact_{f.name}({value}) if redact else {expr}"
            items.append(f'        "{f.name}": {expr},')
        lines = ["def to_spec(o, redact, bodies):", "    d = {", *items, "    }"]
        if bodies:
            lines += ["    if bodies:", *bodies]
        lines.append("    return d")
        return self._exec("to_spec", lines, env)

    def _compile_from_spec(self) -> Callable[[Any], Any]:
        env: dict[str, Any] = {"_unb64": _unb64}
        lines = ["def from_spec(d):"]
        args = []
        for f, (kind, arg, optional) in self.fields:
            if not f.metadata.get(SPEC, True):
                continue
            key = f"{f.name}_b64" if kind == "bytes" else f.name
            required = f.default is MISSING and f.default_factory is MISSING
            if kind == "bytes":
                value = f'd.get("{key}")'
            elif required:
                value = f'd["{key}"]'
            elif f.default_factory is not MISSING:
                # An empty list for lists; a part with defaults (`process`) from an empty object.
                value = f'd.get("{key}", ())' if kind != "record" else f'(d.get("{key}") or {{}})'
            else:
                env[f"_default_{f.name}"] = f.default
                value = f'd.get("{key}", _default_{f.name})'
            var = f"v_{f.name}"
            if kind == "record":
                env[f"_{f.name}"] = forms(arg).spec()[1]
                expr = (
                    f"None if not {var} else _{f.name}({var})" if optional else f"_{f.name}({var})"
                )
            elif kind == "records":
                env[f"_{f.name}"] = forms(arg).spec()[1]
                expr = f"[_{f.name}(x) for x in {var}]"
            elif kind == "pairs":  # unpacked: an item of another length is an error
                names = ", ".join(f"x{i}" for i in range(len(arg)))
                items = ", ".join(f"{_CONVERT[a]}(x{i})" for i, a in enumerate(arg))
                expr = f"[({items},) for {names}, in {var}]"
            elif kind == "tuple":
                expr = _tuple_from(arg, var)
                expr = f"None if not {var} else {expr}" if optional else expr
            elif kind == "bytes":
                expr = f"_unb64({var})" if optional else f'(_unb64({var}) or b"")'
            elif kind == "scalar" and not optional and arg is not str:
                expr = f"{_CONVERT[arg]}({var})"
            elif kind == "list" and not optional:
                expr = f"list({var})"
            else:  # text and optional values as they are
                expr = var
            if optional and kind == "records":
                expr = f"None if {var} is None else {expr}"
            lines.append(f"    {var} = {value}")
            args.append(f"        {f.name}={expr},")
        lines += ["    return _cls(", *args, "    )"]
        return self._exec("from_spec", lines, env)


_FORMS: dict[type, _Forms] = {}


def forms(cls: type) -> _Forms:
    """The compiled forms of a record dataclass (compiled on first use)."""
    found = _FORMS.get(cls)
    if found is None:
        found = _FORMS[cls] = _Forms(cls)
    return found


def spec_fields(cls: type) -> list[tuple[str, _Shape]]:
    """The fields of a record dataclass that its JSONL object carries, with their shapes:
    ("scalar", int, False) for `int`, ("scalar", str, True) for `str | None`, ("record",
    ProcessInfo, False), ("records", Label, False), ("tuple", (str, int), True), ..."""
    return [(f.name, shape) for f, shape in forms(cls).fields if f.metadata.get(SPEC, True)]


@dataclass(slots=True)
class RedactedFlowRecord(FlowRecord):
    """A flow as the export redactor (`auditor.export.redact.Redactor.redact_record`) gives it
    back: its credential headers, URL credentials and command line are already masked, and
    further, by the labeller's findings. `to_spec_dict` does not mask them a second time (that
    was ~40 of the ~60 µs a redacted record's JSONL object cost); on the redactor's output the
    masking changes nothing (tests/export/test_redacted_record.py)."""


def redacted_copy(record: FlowRecord) -> RedactedFlowRecord:
    """A `copy_record` of `record` that says it is the redactor's output (the redactor then
    changes it)."""
    copied: RedactedFlowRecord = forms(RedactedFlowRecord).copy(record)
    return copied


def to_spec_dict(
    record: FlowRecord, *, redact_credentials: bool = True, include_bodies: bool = False
) -> dict[str, Any]:
    """The flow record as the interfaces spec promises it (plus documented extra keys).

    Credential headers, URL credentials and command-line arguments are redacted unless
    `redact_credentials` is False, or `record` is the redactor's output (`RedactedFlowRecord`),
    which has them redacted already. Bodies are only included (base64, under
    `request.body_b64`) when asked: they may carry anything.
    """
    mask = redact_credentials and not isinstance(record, RedactedFlowRecord)
    return forms(FlowRecord).spec()[0](record, mask, include_bodies)


def from_spec_dict(data: dict[str, Any]) -> FlowRecord:
    """Inverse of `to_spec_dict` (bodies come back when they were included)."""
    return from_spec(FlowRecord, data)


def from_spec[T](cls: type[T], data: dict[str, Any]) -> T:
    """A record or a part of one (`ProcessInfo`, `DnsRecord` ...) from its JSONL object."""
    part: T = forms(cls).spec()[1](data)
    return part


def copy_record(record: FlowRecord) -> FlowRecord:
    """A copy in which every list and part is new (text, bytes and tuples are shared, being
    immutable): what one changes in it never reaches the original."""
    copied: FlowRecord = forms(FlowRecord).copy(record)
    return copied


def to_state(record: FlowRecord) -> tuple[Any, ...]:
    """The record as nested tuples of plain values, for `marshal` (the capture-to-worker pipe;
    the hot path binds `forms(FlowRecord).to_state` itself)."""
    return forms(FlowRecord).to_state(record)


def from_state(state: Any) -> FlowRecord:
    """Inverse of `to_state`, from what `marshal` gave back."""
    record: FlowRecord = forms(FlowRecord).from_state(state)
    return record
