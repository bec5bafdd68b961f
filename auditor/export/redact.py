"""Redaction for everything that leaves the program: exports and reports.

Two kinds of treatment:

* **Credentials** (auth headers, cookies, API keys, tokens, passwords, passcodes) are removed:
  the value becomes ``[redacted]`` (or, inside binary bodies, asterisks of the same length so
  length-prefixed formats such as protobuf stay parseable).
* **Identifiers and known values** (user, device, install and session ids, e-mail addresses,
  host and user names, MAC and local IP addresses, values the user entered) are replaced by
  HMAC-SHA256 pseudonyms under a per-install key. The same input always gives the same
  pseudonym, so datasets exported from one machine can be joined; without the key the mapping
  cannot be reversed. Pseudonyms keep the shape of what they replace (an e-mail stays an
  e-mail, a GUID a GUID, an IPv4 address an address in 240.0.0.0/4) so tools and the labeller
  still recognise what kind of value was there.

The key lives in the OS keyring (service ``meeting-privacy-auditor``, user
``pseudonym-key:<store id>``) next to the store key; when the store's key comes from a passphrase
(no keyring), the pseudonym key is derived from the store key with HMAC, so it is as stable as
the passphrase. See `pseudonym_key`.

Bodies are decoded (content-encoding, bounded) before redaction and written back decoded with
`Content-Encoding` removed; a body that cannot be decoded cannot be checked and is dropped.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import ipaddress
import itertools
import json
import os
import re
import secrets
from collections.abc import Callable, Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import (
    parse_qsl,
    quote,
    quote_plus,
    unquote,
    urlencode,
    urlsplit,
    urlunsplit,
)

import ahocorasick_rs
import orjson

from auditor.decode import lzstring
from auditor.decode.flow import path_segment_content
from auditor.errors import StoreKeyError
from auditor.paths import DataDir
from auditor.records import (
    REDACTED,
    FlowRecord,
    SensitiveFields,
    WebSocketMessage,
    redact_cmdline,
    redact_userinfo,
    redacted_copy,
)
from auditor.vocabulary import (
    STANDARD_HEADERS,
    is_credential_header,
    is_identifier_key,
    is_secret_key,
    is_structural,
    path_item_key_at,
    path_location_key,
    path_location_value,
    path_parameters,
    path_secret,
    path_secret_value,
    request_has_credential,
    webhook_url,
)

if TYPE_CHECKING:
    from auditor.label.findings import FieldFinder, Findings
    from auditor.store import FlowQuery, Store

KEYRING_SERVICE = "meeting-privacy-auditor"
PSEUDONYM_KEY_BYTES = 32
# Decoded bodies larger than this are not redacted field by field but dropped: they cannot be
# checked within bounded memory.
BODY_CAP = 32 * 1024 * 1024
# Strings up to this long (header values, fields, URL parts) keep their `_replace_values` answer
# until something new is learned: the same values recur in flow after flow.
_MEMO_MAX_LEN = 4096
MIN_VALUE_LEN = 4  # shorter values would be replaced inside unrelated words
# A learned value is also found in another case ("INGRID SOLHEIM", an address lower-cased) when
# it is text of words: at least this long, with a space or an "@" in it. A single word in
# another case may be a host label or an ordinary word ("MeetCorp" in `meetcorp-example.com`).
MIN_CASELESS_LEN = 8


_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_GUID_RE = re.compile(
    r"(?<![0-9A-Za-z])[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"
    r"(?![0-9A-Za-z])"
)
_AUTH_SCHEMES = r"bearer|basic|digest|token|negotiate"
_AUTH_SCHEME_RE = re.compile(rf"(?i)\b({_AUTH_SCHEMES})\s+[A-Za-z0-9._~+/=:-]{{6,}}")
_MAC_RE = re.compile(r"(?:[0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}")
_HEX_RE = re.compile(r"[0-9a-fA-F]+")
_BASE64_RE = re.compile(r"[A-Za-z0-9+/_-]+={0,2}")
_FORM_RE = re.compile(r"[A-Za-z0-9_.~%+\[\]-]+=[^&\s]*(?:&[A-Za-z0-9_.~%+\[\]-]+=[^&\s]*)*")
_JWT_RE = re.compile(r"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*")
_SECRET_WORD_ENDS = (
    r"password|passwd|pwd|passcode|secret|token|api[_-]?key|apikey|access[_-]?key|"
    r"private[_-]?key|sentry_key|signature|auth"
)
_SECRET_WORDS = rf"[A-Za-z0-9_.-]*(?:{_SECRET_WORD_ENDS})"
# name=value (query strings, forms, command lines, logs) and "name": "value" (JSON inside text).
_SECRET_ASSIGN_RE = re.compile(rf"(?i)(?<![A-Za-z0-9])({_SECRET_WORDS})(=)([^&\s\"';,]+)")
_SECRET_JSON_RE = re.compile(rf"(?i)(\"{_SECRET_WORDS}\"\s*:\s*\")((?:[^\"\\]|\\.)*)(\")")
# What the auth-scheme, JSON and name=value rules need in a text (lower-cased) before they can
# match: one of their words, or the longest fixed part of it (`api[_-]?key` → "api").
_AUTH_SCHEME_WORDS = re.compile(_AUTH_SCHEMES)
_SECRET_WORD_PARTS = re.compile(
    "|".join(
        re.escape(max(re.split(r"\[[^\]]*\]\??", word), key=len))
        for word in _SECRET_WORD_ENDS.split("|")
    )
)


# A credential the labeller found that is a label (or labels) of a host name is replaced there by
# this label, so the name stays a valid host name: `<env key>.litix.io` -> `redacted.litix.io`.
REDACTED_HOST_LABEL = "redacted"
# What a run of host name labels may look like (lower-cased); other credentials are never one.
_HOST_LABELS_RE = re.compile(r"[a-z0-9_-]+(?:\.[a-z0-9_-]+)*")


# Machine values too common to identify anyone; replacing them would only add noise.
_NOT_IDENTIFYING = frozenset(
    {"root", "user", "admin", "localhost", "localhost.localdomain", "debian", "ubuntu", "runner"}
)


# --------------------------------------------------------------------------------------------
# The pseudonym key


def _store_id(data_dir: DataDir) -> str:
    from auditor.store import keys

    header = keys.read_header(data_dir)
    return header.store_id if header is not None and header.store_id else keys.data_dir_id(data_dir)


def pseudonym_key(
    data_dir: DataDir, *, passphrase_file: str | os.PathLike[str] | None = None
) -> bytes:
    """The per-install HMAC key: from the OS keyring (made on first use), or derived from the store
    key when the store is kept under a passphrase."""
    from auditor.store import keys

    header = keys.read_header(data_dir)
    if header is not None and header.key_source == "passphrase":
        store_key = keys.obtain_key(data_dir, passphrase_file=passphrase_file, create=False).key
        return hmac.new(store_key, b"meeting-privacy-auditor pseudonym key v1", "sha256").digest()
    backend, why = keys.usable_keyring()
    if backend is None:
        passphrase = keys.read_passphrase(passphrase_file)
        if passphrase is None:
            raise StoreKeyError(
                "no usable key for export pseudonyms: no OS keyring backend is available"
                f"{why}. Either make the OS keyring available, or set AUDITOR_PASSPHRASE (or pass "
                "--passphrase-file FILE)"
            )
        # No store yet and no keyring: the same passphrase gives the same key.
        salt = hashlib.sha256(b"pseudonym-salt:" + _store_id(data_dir).encode()).digest()[:16]
        return keys.derive_key(passphrase, salt, dict(keys.ARGON2_DEFAULTS))
    username = f"pseudonym-key:{_store_id(data_dir)}"
    try:
        value = backend.get_password(KEYRING_SERVICE, username)
        if value is None:
            value = secrets.token_bytes(PSEUDONYM_KEY_BYTES).hex()
            backend.set_password(KEYRING_SERVICE, username, value)
            if backend.get_password(KEYRING_SERVICE, username) != value:
                raise StoreKeyError("the OS keyring did not keep the export pseudonym key")
    except StoreKeyError:
        raise
    except Exception as err:  # keyring backends raise their own types
        raise StoreKeyError(
            f"the OS keyring could not give the export pseudonym key: {' '.join(str(err).split())}"
        ) from None
    try:
        key = bytes.fromhex(value)
    except ValueError:
        key = b""
    if len(key) != PSEUDONYM_KEY_BYTES:
        raise StoreKeyError(f"the OS keyring entry {username!r} is not a pseudonym key")
    return key


# --------------------------------------------------------------------------------------------
# Known values of this machine


def machine_known_values(
    data_dir: DataDir | None = None, passphrase_file: str | os.PathLike[str] | None = None
) -> dict[str, str]:
    """The labeller's known values (host and user name, machine id, MAC and local IP addresses,
    and what the user entered, kept in the data dir's store), as name → value."""
    from auditor.enrich import user_known_values
    from auditor.label import KnownValues

    user = user_known_values(data_dir, passphrase_file) if data_dir is not None else {}
    known = KnownValues.for_this_machine(user)
    return {f"{kv.kind}:{i}": kv.value for i, kv in enumerate(known.values)}


def encodings_of(value: str) -> set[str]:
    """The forms in which a known value shows up in traffic."""
    raw = value.encode("utf-8")
    forms = {value, value.lower(), value.upper(), quote(value, safe=""), quote_plus(value)}
    for algo in ("md5", "sha1", "sha256"):
        digest = hashlib.new(algo, raw).digest()
        hexed = digest.hex()
        forms.update({hexed, hexed.upper(), base64.b64encode(digest).decode()})
        lower_digest = hashlib.new(algo, value.lower().encode("utf-8")).hexdigest()
        forms.add(lower_digest)
    b64 = base64.b64encode(raw).decode()
    forms.update({b64, b64.rstrip("="), base64.urlsafe_b64encode(raw).decode().rstrip("=")})
    return {f for f in forms if len(f) >= MIN_VALUE_LEN}


# --------------------------------------------------------------------------------------------
# Pseudonyms


class Pseudonymizer:
    """Deterministic, shape-keeping HMAC-SHA256 pseudonyms under one key."""

    def __init__(self, key: bytes) -> None:
        if len(key) < 16:
            raise ValueError("pseudonym key too short")
        self._key = key

    def digest(self, value: str) -> str:
        return hmac.new(self._key, value.encode("utf-8", "surrogatepass"), "sha256").hexdigest()

    def pseudonym(self, value: str) -> str:
        text = value.strip()
        mac = self.digest(text)
        if _EMAIL_RE.fullmatch(text):
            return f"p{mac[:12]}@pseudonym.invalid"
        if _GUID_RE.fullmatch(text):
            guid = f"{mac[:8]}-{mac[8:12]}-{mac[12:16]}-{mac[16:20]}-{mac[20:32]}"
            return guid.upper() if text.isupper() else guid
        ip = None
        if "." in text or ":" in text:  # neither: not an address (and parsing it is slow)
            try:
                ip = ipaddress.ip_address(text)
            except ValueError:
                pass
        if ip is not None:
            if ip.version == 4:
                return str(ipaddress.IPv4Address(bytes([240, *bytes.fromhex(mac[:6])])))
            return str(ipaddress.IPv6Address(bytes.fromhex("fd00" + mac[:28])))
        if _MAC_RE.fullmatch(text):
            sep = text[2]
            octets = [f"{(int(mac[0:2], 16) & 0xFC) | 0x02:02x}"]  # locally administered unicast
            octets += [mac[i : i + 2] for i in range(2, 12, 2)]
            return sep.join(octets)
        if len(text) >= 16 and _HEX_RE.fullmatch(text):
            longer = (mac * (len(text) // 64 + 1))[: len(text)]
            return longer.upper() if text.isupper() else longer
        return f"p_{mac[:16]}"

    def same_length(self, value: str) -> str:
        """For binary bodies: a pseudonym exactly as long as the value, so framing survives."""
        mac = self.digest(value)
        out = ("p_" + mac * (len(value) // 64 + 1))[: len(value)]
        return out


# --------------------------------------------------------------------------------------------
# The redactor


def _decode_content(body: bytes, encoding_header: str | None) -> bytes | None:
    """The body with its content-encodings undone, or None when that fails or is too large."""
    from auditor.decode.compression import DECODERS, parse_encodings

    data = body
    for encoding in reversed(parse_encodings(encoding_header)):
        decoder = DECODERS.get(encoding)
        if decoder is None:
            return None
        result = decoder(data, BODY_CAP)
        if result.error:
            return None
        data = result.data
    return data


def _encode_content(data: bytes, encodings: list[str]) -> bytes | None:
    """`data` compressed again with `encodings` (in the order they were applied), or None when
    one of them cannot be redone. At the levels clients use for what they send (zlib's default
    6, brotli 5): the same content, and brotli's maximum (11, its default) took 15 ms per body,
    more than redacting it."""
    import gzip
    import zlib

    import brotli
    import zstandard

    for encoding in encodings:
        if encoding in ("gzip", "x-gzip"):
            data = gzip.compress(data, compresslevel=6, mtime=0)
        elif encoding == "deflate":
            data = zlib.compress(data)
        elif encoding == "br":
            data = brotli.compress(data, quality=5)
        elif encoding == "zstd":
            data = zstandard.ZstdCompressor().compress(data)
        else:
            return None
    return data


# Header added to a message whose body had to be written decoded (see `_message_body`).
BODY_NOTE_HEADER = "X-Auditor-Redaction"
_GZIP_MAGIC = b"\x1f\x8b"
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
MIN_SECRET_LEN = 6  # shorter credentials are removed where they sit, not searched for elsewhere


def secret_forms(value: str) -> set[str]:
    """The forms in which a credential shows up in traffic: raw, percent-encoded, base64
    (standard and URL-safe, padded or not) and JSON-escaped."""
    raw = value.encode("utf-8", "surrogatepass")
    forms = {value, quote(value, safe=""), quote_plus(value)}
    for b64 in (base64.b64encode(raw).decode(), base64.urlsafe_b64encode(raw).decode()):
        forms.update({b64, b64.rstrip("=")})
    forms.add(json.dumps(value)[1:-1])
    return {f for f in forms if len(f) >= MIN_SECRET_LEN}


_LINE_BREAKS_AND_TABS = str.maketrans("", "", "\r\n\t")


class Redactor:
    """Redacts FlowRecords (returns copies) and free text.

    Driven by the labeller: for each record, `auditor.label.findings` says which fields are
    credentials and which identifiers or contact data (every field, by its decoded path). Those
    are removed or pseudonymised where they sit, and their values wherever else they show up
    (URLs, other headers, bodies, evidence excerpts, later flows). The shared vocabulary
    (`auditor.vocabulary`) is applied as well, as defence in depth for fields the labeller did
    not reach, and known values of this machine are replaced everywhere.
    """

    def __init__(
        self,
        pseudonymizer: Pseudonymizer,
        known_values: Mapping[str, str] | None = None,
        *,
        finder: FieldFinder | None = None,
        use_labeller: bool = True,
        pseudonymize: bool = True,
    ) -> None:
        self.p = pseudonymizer
        # False: credentials only (the GUI's masking); identifiers are left as they are.
        self.pseudonymize = pseudonymize
        self.last_findings: Findings | None = None
        # Literal → its pseudonym; "" until the literal is first replaced (most of the forms
        # learned from the findings never show up, and an HMAC per form was most of `prime`).
        self._replacements: dict[str, str] = {}
        self._secrets: set[str] = set()
        self._produced: set[str] = set()
        self._learned: set[str] = set()  # identifier values `learn` has taken
        self._text_cache: dict[str, str] = {}
        # `_secret_shapes` of strings up to _MEMO_MAX_LEN (it depends on nothing learned): most
        # strings recur from flow to flow (keys, event names, header values, evidence paths).
        self._shapes_cache: dict[str, str] = {}
        self._cmdline_cache: dict[tuple[str, ...], list[str]] = {}  # one per process
        # Strings inside a record that are plain text (`_redact_string_value`): the shapes
        # applied, the rest left to the search of the whole record.
        self._plain_strings: dict[str, str] = {}
        # Inside `_redact_record`: strings get the shape rules where they sit, and the literals
        # and shapes are searched for once per record in the whole text (bodies, headers).
        self._whole_text = False
        self._values_cache: dict[str, str] = {}  # `_replace_values` of short strings
        self._base64_text: dict[str, str | None] = {}  # `_redact_base64_text` answers
        # (query, redacted) of the last query string of the record being redacted.
        self._query_memo: tuple[str, str] | None = None
        # (path, host, whole-text mode, what was known, redacted) of the last URL path of the
        # record being redacted: its URL and its path hold the same one (`_redact_url_path`).
        self._path_memo: tuple[str, str, bool, bool, tuple[int, ...], str] | None = None
        # Whether the record being redacted carries no credential outside its URL path
        # (`request_has_credential`): its path's bare item tokens are keys then (issue 15bq).
        self._bare_request = False
        # Literals (secrets and values to pseudonymise), found by the first run of letters and
        # digits in each (`_LiteralIndex`); a literal added is one entry, nothing is rebuilt.
        self._index = _LiteralIndex()
        self._pending: set[str] = set()  # literals added since the index was last read
        self._shape_pseudonyms: dict[str, str] = {}
        # Credentials (lower-cased) shaped like host name labels, and host names redacted with
        # them (`redact_host`).
        self._host_secrets: set[str] = set()
        self._hosts: dict[str, str] = {}
        # Learned text values (and their percent-encoded forms) in other cases, each with the
        # literal it stands for (`_learn_case_variants`).
        self._case_variant_of: dict[str, str] = {}
        self._finder = finder
        self._own_finder = finder is not None  # other rules than the labeller's: find again
        self.use_labeller = use_labeller
        self._secret_paths: AbstractSet[tuple[str, ...]] = frozenset()
        self._identifier_paths: AbstractSet[tuple[str, ...]] = frozenset()
        # Every leading part of those paths: where a walk can still reach one.
        self._prefixes: AbstractSet[tuple[str, ...]] = frozenset()
        # What was found again in labelled flows stored without the labeller's field findings,
        # by record id: the caller may keep it with them (`Store.keep_sensitive`).
        self.found_again: dict[str, SensitiveFields] = {}
        # Paths found by `prime`, by record id (None: nothing to find in that record).
        self._primed: dict[str, tuple[frozenset[tuple[str, ...]], ...] | None] = {}
        for value in (known_values or {}).values() if pseudonymize else ():
            if value and len(value) >= MIN_VALUE_LEN and value.lower() not in _NOT_IDENTIFYING:
                for form in encodings_of(value):
                    self._replacements[form] = ""
                    self._pending.add(form)

    # -- the labeller's findings -------------------------------------------------------------

    def findings(self, record: FlowRecord) -> Findings | None:
        """What the labeller finds in `record`, or None when its labels say there is nothing to
        find (labelled, and no credential, identifier or contact category among the labels)."""
        if not self.use_labeller:
            return None
        from auditor.label.findings import (
            HTTP_KINDS,
            FieldFinder,
            Findings,
            has_sensitive_labels,
        )

        if record.labels and not has_sensitive_labels(record.labels):
            return None
        if record.request is None or record.kind not in HTTP_KINDS:
            return Findings()  # nothing decoded, nothing to find (DNS, TCP, failed TLS)
        if record.sensitive is not None and not self._own_finder:
            # Found by the same FieldFinder when the flow was labelled, and kept with it.
            return Findings.from_kept(record.sensitive)
        if self._finder is None:
            self._finder = FieldFinder()
        found = self._finder.find(record)
        if record.labels and not self._own_finder:
            self.found_again[record.id] = found.kept()
        return found

    def finds_again(self, record: FlowRecord) -> bool:
        """Whether `findings(record)` runs the FieldFinder (nothing was kept with the stored
        flow): it then reads the whole flow, so a flow read without its bodies must be read
        again with them first."""
        from auditor.label.findings import HTTP_KINDS, has_sensitive_labels

        if not self.use_labeller or (record.labels and not has_sensitive_labels(record.labels)):
            return False
        if record.request is None or record.kind not in HTTP_KINDS:
            return False
        return record.sensitive is None or self._own_finder

    def prime(self, records: Iterable[FlowRecord]) -> int:
        """Read what the labeller finds in all of `records` before any is redacted, so a secret
        found in a later flow is also removed from earlier ones. The paths are kept for
        `redact_record`, which then does not look again. Returns the number of records read."""
        count = 0
        for record in records:
            count += 1
            found = self.findings(record)
            if found is None or not found:
                self._primed[record.id] = None
                continue
            self.learn(found)
            self._primed[record.id] = (
                frozenset(found.secret_paths),
                frozenset(found.identifier_paths),
            )
        return count

    def prime_stored(self, store: Store, queries: Iterable[FlowQuery]) -> int:
        """`prime(store.iter_flows(q) for q in queries)`, reading the findings kept beside each
        stored flow (`Store.iter_kept_findings`) instead of decoding every record: only a flow
        stored without them is read whole and searched again. Same flows, same order, same
        findings as `prime`. Returns the number of flows read."""
        if self._own_finder or not self.use_labeller:
            # Other rules than the labeller's (or none): every flow is searched (or none is).
            return self.prime(r for q in queries for r in store.iter_flows(q))
        from auditor.label.findings import Findings

        count = 0
        for q in queries:
            for flow_id, kept, unread in store.iter_kept_findings(q):
                count += 1
                found: Findings | None
                if unread:
                    record = store.get_flow(flow_id)
                    if record is None:  # deleted since
                        count -= 1
                        continue
                    flow_id = record.id
                    found = self.findings(record)
                else:
                    found = Findings.from_kept(kept) if kept is not None else None
                if found is None or not found:
                    self._primed[flow_id] = None
                    continue
                self.learn(found)
                self._primed[flow_id] = (
                    frozenset(found.secret_paths),
                    frozenset(found.identifier_paths),
                )
        return count

    def learn(self, findings: Findings) -> None:
        """Take the findings of one record: its secrets and identifiers are replaced from now
        on wherever they show up."""
        for value in findings.secrets:
            self.add_secret(value)
        for value in findings.identifiers:
            if value in self._learned:
                continue  # the same device id in every flow: its forms are known already
            self._learned.add(value)
            text = value.strip()
            if not self.pseudonymize or len(text) < MIN_VALUE_LEN:
                continue  # shorter values are replaced where they sit, not searched for
            if text.lower() not in _NOT_IDENTIFYING and text != REDACTED:
                if text not in self._replacements and text not in self._produced:
                    self._replacements[text] = ""  # its pseudonym is made when first used
                    self._pending.add(text)
                # Also the forms it takes inside other values (base64 and percent-encoded).
                for form in secret_forms(text) - {text}:
                    if form not in self._replacements and len(form) >= 8:
                        self._replacements[form] = ""
                        self._pending.add(form)
                self._learn_case_variants(text)

    def _learn_case_variants(self, text: str) -> None:
        """`text` (a name, an address) is also replaced lower-cased, upper-cased, title-cased or
        capitalised, with the pseudonym of the value as learned; so are its percent-encoded
        forms (`INGRID%20SOLHEIM`). The case changes software makes, as literals: a search of
        every text lower-cased made redaction ~13% slower."""
        if (
            len(text) < MIN_CASELESS_LEN
            or not (" " in text or "@" in text)
            or text.lower() == text.upper()
        ):
            return
        for form in (text, quote(text, safe=""), quote_plus(text)):
            if form not in self._replacements:
                continue
            for variant in (form.lower(), form.upper(), form.title(), form.capitalize()):
                if variant not in self._replacements and variant not in self._case_variant_of:
                    self._case_variant_of[variant] = form
                    self._pending.add(variant)

    def add_secret(self, value: str) -> bool:
        """Remove `value` (in every form it takes in traffic) wherever it shows up from now on;
        False when it is known already or too short to look for."""
        text = value.strip()
        if len(text) < MIN_SECRET_LEN or text in self._secrets or text == REDACTED:
            return False
        forms = secret_forms(text)
        forms.add(text)
        bare = path_secret_value(text)
        if bare != text:
            # a bot token learned from its path segment (`bot<id>:<secret>`) is also found
            # where it is written as issued (`<id>:<secret>`)
            forms |= secret_forms(bare) | {bare}
        self._secrets.update(forms)
        self._pending.update(forms)
        self._add_host_secret(text)
        self._add_host_secret(bare)
        return True

    # -- host names --------------------------------------------------------------------------

    def _add_host_secret(self, secret: str) -> None:
        """A credential that may be a label of a host name (Mux's env key is the subdomain its
        beacons go to): `redact_host` replaces it there."""
        lowered = secret.lower()
        if lowered not in self._host_secrets and _HOST_LABELS_RE.fullmatch(lowered):
            self._host_secrets.add(lowered)
            self._hosts.clear()

    def redact_host(self, host: str) -> str:
        """`host` with every label, run of labels or part of a label that is a credential the
        labeller found replaced by `REDACTED_HOST_LABEL`: still a valid host name, and nothing
        else of it changes (server names are what an export is about; host names are compared without
        case, as DNS does)."""
        if not self._host_secrets or not host:
            return host
        out = self._hosts.get(host)
        if out is None:
            out = _host_without(host, self._host_secrets)
            if len(self._hosts) > 10_000:
                self._hosts.clear()
            self._hosts[host] = out
        return out

    def redact_authority(self, authority: str) -> str:
        """A URL's netloc, a Host header or `:authority`: `[userinfo@]host[:port]` with its host
        as `redact_host` leaves it."""
        if not self._host_secrets:
            return authority
        userinfo, at, hostport = authority.rpartition("@")
        if hostport.startswith("["):
            return authority  # an IPv6 address: no label of it is a credential
        host, colon, port = hostport.partition(":")
        return f"{userinfo}{at}{self.redact_host(host)}{colon}{port}"

    def _redact_host_names(self, rec: FlowRecord) -> None:
        """Every place `rec` names its server by host name (request host, TLS server name,
        server address, DNS question, the entity's domain), as `redact_host` leaves it. The URL
        and the Host and `:authority` headers are done where they are redacted; the entity's
        name and party stay as labelled."""
        if not self._host_secrets:
            return
        if rec.request is not None:
            rec.request.host = self.redact_host(rec.request.host)
        if rec.sni:
            rec.sni = self.redact_host(rec.sni)
        if rec.server_addr is not None:
            rec.server_addr = (self.redact_host(rec.server_addr[0]), rec.server_addr[1])
        if rec.dns is not None:
            rec.dns.question = self.redact_host(rec.dns.question)
        if rec.entity.domain:
            # A registrable domain under a public suffix of its own (`<key>.example-paas.io`):
            # the organisation the labeller named stays.
            rec.entity.domain = self.redact_host(rec.entity.domain)

    # -- values ----------------------------------------------------------------------------

    def remember(self, value: str) -> str:
        """Pseudonym for an identifier value; replaced wherever it shows up from now on."""
        text = value.strip()
        if not text or not self.pseudonymize:
            return value
        if text in self._produced or text == REDACTED:
            return text  # already a pseudonym, or a credential removed (an imported export)
        pseudo = self._replacements.get(text)
        if not pseudo:
            pseudo = self.p.pseudonym(text)
            if len(text) >= MIN_VALUE_LEN:
                if text not in self._replacements:
                    self._pending.add(text)
                self._replacements[text] = pseudo
        self._produced.add(pseudo)
        return pseudo

    def _known_pseudonym(self, literal: str) -> str:
        """The pseudonym of a literal to replace (or of the value a case variant of it is),
        made on its first use."""
        if literal not in self._replacements:
            literal = self._case_variant_of[literal]
        pseudo = self._replacements[literal]
        if not pseudo:
            pseudo = self._replacements[literal] = self.p.pseudonym(literal)
        return pseudo

    def _shape_pseudonym(self, value: str) -> str:
        """`remember` for an e-mail address or GUID found by its shape: the shape finds it
        wherever else it shows up, so it need not become a literal to look for (which made
        every flow of a session with new addresses or event ids rebuild the literals)."""
        pseudo = self._shape_pseudonyms.get(value)
        if pseudo is None:
            text = value.strip()
            if not text or not self.pseudonymize:
                return value
            if text in self._produced:
                return text
            pseudo = self._replacements.get(text) or self.p.pseudonym(text)
            if len(self._shape_pseudonyms) > 100_000:
                self._shape_pseudonyms.clear()
            self._shape_pseudonyms[value] = pseudo
            self._produced.add(pseudo)
        return pseudo

    @property
    def _dirty(self) -> bool:
        """Literals were added since the index was last read."""
        return bool(self._pending)

    def _literals(self) -> _LiteralIndex:
        """The index of secrets and values to pseudonymise, with those added since."""
        if self._pending:
            for literal in self._pending:
                self._index.add(literal)
            self._pending = set()
            # Answers given before may be wrong now.
            self._text_cache.clear()
            self._values_cache.clear()
            self._base64_text.clear()
            self._query_memo = None
        return self._index

    def _matches(self, text: str, *, framed: bool = False) -> Iterator[tuple[int, int, str | None]]:
        """(start, end, kind) of what to replace in `text`, left to right without overlap, with
        the precedence of one regex `secret|known|email|guid`: the leftmost match wins; at one
        position a secret before a known value before an e-mail address before a GUID, and the
        longest secret or known value that stands alone (no letter or digit on either side)."""
        # The longest secret and the longest known value that start at each position (a
        # literal both, as a value and later as a secret, counts as both).
        secret_at: dict[int, int] = {}
        known_at: dict[int, int] = {}
        secrets = self._secrets
        known = self._replacements
        index = self._literals()
        found = index.find(text)
        if framed:
            found = itertools.chain(found, index.find_framed(text))
        for first, literal in found:
            length = len(literal)
            if literal in secrets and length > secret_at.get(first, 0):
                secret_at[first] = length
            if length > known_at.get(first, 0) and (
                literal in known or literal in self._case_variant_of
            ):
                known_at[first] = length
        shapes = _Shapes(text)
        shape = shapes.next(0)
        if shape is None and not secret_at and not known_at:
            return
        pos = 0
        for here in [*sorted(secret_at.keys() | known_at.keys()), len(text) + 1]:
            # E-mail addresses and GUIDs that start before the next secret or known value.
            while shape is not None and shape[0] < here:
                if shape[0] >= pos:
                    yield shape
                    pos = shape[1]
                shape = shapes.next(pos)
            if here < pos or here > len(text):
                continue
            if here in secret_at:
                pos = here + secret_at[here]
                yield here, pos, "secret"
            else:
                pos = here + known_at[here]
                yield here, pos, "known"

    def _replace_values(self, text: str, *, same_length: bool = False) -> str:
        if same_length or len(text) > _MEMO_MAX_LEN:
            return self._replace_values_now(text, same_length=same_length)
        if self._dirty:
            # What was learned since may change earlier answers.
            self._text_cache.clear()
            self._values_cache.clear()
        cached = self._values_cache.get(text)
        if cached is None:
            cached = self._replace_values_now(text)
            if len(self._values_cache) > 50_000:
                self._values_cache.clear()
            self._values_cache[text] = cached
        return cached

    def _replace_values_now(self, text: str, *, same_length: bool = False) -> str:
        produced = self._produced
        pieces: list[str] = []
        done = 0
        # Same length is binary (`redact_binary`): its fields are framed, not delimited.
        for start, end, kind in self._matches(text, framed=same_length):
            value = text[start:end]
            pieces.append(text[done:start])
            done = end
            if kind == "secret":
                pieces.append("*" * len(value) if same_length else REDACTED)
                continue
            if value in produced:
                pieces.append(value)
                continue
            if kind == "known":
                out = self._known_pseudonym(value)
                if same_length and len(out) != len(value):
                    out = self.p.same_length(value)
            elif kind == "email" and same_length:
                out = self.p.same_length(value)
            else:
                out = self._shape_pseudonym(value)
            produced.add(out)
            pieces.append(out)
        if not pieces:
            return text
        pieces.append(text[done:])
        return "".join(pieces)

    def redact_text(self, text: str) -> str:
        if len(text) < MIN_VALUE_LEN:
            return text
        if self._dirty:
            # What was learned since may change earlier answers.
            self._text_cache.clear()
            self._values_cache.clear()
        cached = self._text_cache.get(text)
        if cached is not None:
            return cached
        out = self._replace_values(self._shapes(text))
        if len(self._text_cache) > 50_000:
            self._text_cache.clear()
        self._text_cache[text] = out
        return out

    def _shapes(self, text: str) -> str:
        """`_secret_shapes(text)`, remembered."""
        out = self._shapes_cache.get(text)
        if out is None:
            out = _secret_shapes(text)
            if len(text) <= _MEMO_MAX_LEN:
                if len(self._shapes_cache) > 50_000:
                    self._shapes_cache.clear()
                self._shapes_cache[text] = out
        return out

    def _masked_cmdline(self, cmdline: list[str] | None) -> list[str]:
        """`redact_cmdline(cmdline)`, remembered: a session's flows come from a few processes."""
        if not cmdline:
            return []
        key = tuple(cmdline)
        out = self._cmdline_cache.get(key)
        if out is None:
            out = redact_cmdline(cmdline) or []
            if len(self._cmdline_cache) > 1_000:
                self._cmdline_cache.clear()
            self._cmdline_cache[key] = out
        return out

    def _leaf_text(self, text: str) -> str:
        """A string where it sits (a field, a header value, a path segment): `redact_text`, but
        inside a record the literals and shapes are searched for once, in the whole text that
        holds it (`_replace_many` at the end of `_redact_record`), not string by string."""
        if not self._whole_text or len(text) < MIN_VALUE_LEN:
            return self.redact_text(text)
        out = self._shapes(text)
        if not out.isascii() or '"' in out or "\\" in out or not out.isprintable():
            # Escaped where it is written (JSON): the search of the whole text may not see it.
            return self._replace_values(out)
        return out

    def _replace_many(self, texts: list[str]) -> list[str]:
        """`[self._replace_values(t) for t in texts]` in one search: the texts are joined by NUL
        (neither a letter, a digit nor part of any shape, so a match cannot reach across it
        unless a literal holds one; then, or when a text holds a NUL, one by one)."""
        if len(texts) < 2:
            return [self._replace_values(t) for t in texts]
        joined = "\x00".join(texts)
        if joined.count("\x00") == len(texts) - 1:
            out = self._replace_values(joined).split("\x00")
            if len(out) == len(texts):
                return out
        return [self._replace_values(t) for t in texts]

    def redact_binary(self, data: bytes) -> bytes:
        """Same-length replacements only, so protobuf, Bond and other framed formats stay valid."""
        text = data.decode("latin-1")

        def blank(match: re.Match[str]) -> str:
            return "*" * len(match.group(0))

        auth, assign = _binary_shape_gates(text)
        out = text
        if auth:
            out = _AUTH_SCHEME_RE.sub(
                lambda m: m.group(1) + "*" * (len(m.group(0)) - len(m.group(1))), out
            )
        out = _JWT_RE.sub(blank, out)
        if assign:
            out = _SECRET_ASSIGN_RE.sub(
                lambda m: m.group(1) + m.group(2) + "*" * len(m.group(3)), out
            )
        out = self._replace_values(out, same_length=True)
        return out.encode("latin-1")

    # -- structured values -----------------------------------------------------------------

    def _identifier_value(self, value: Any) -> Any:
        if isinstance(value, bool) or value is None:
            return value
        if isinstance(value, dict | list):
            return self._walk_identifier(value)
        return self.remember(str(value))

    def _walk_identifier(self, value: Any) -> Any:
        if isinstance(value, dict):
            return {k: self._identifier_value(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self._identifier_value(v) for v in value]
        return self._identifier_value(value)

    def redact_json(
        self,
        value: Any,
        *,
        key: str | None = None,
        path: tuple[str, ...] = (),
        parent: str = "",
    ) -> Any:
        """`value` redacted; `path` is its decoded path (as the labeller names it), `key` the
        data key naming it and `parent` the data key above that."""
        return self._json(value, key, path if path in self._prefixes else None, parent)

    def _json(self, value: Any, key: str | None, path: tuple[str, ...] | None, parent: str) -> Any:
        """`redact_json`, walking once: `path` is None below where no finding's path leads (most
        of a body), so no path is built or looked up there."""
        kind = _key_kind(key, parent) if key is not None else 0
        if (path is not None and path in self._secret_paths) or kind == _SECRET_KEY:
            if isinstance(value, bool) or value is None or value == "":
                return value
            return REDACTED
        if (path is not None and path in self._identifier_paths) or kind == _IDENTIFIER_KEY:
            return self._identifier_value(value)
        if isinstance(value, str):
            return self._redact_string_value(value, path)
        if isinstance(value, dict):
            below = key if key is not None and not is_structural(key) else parent
            if path is None:
                return self._json_object_unreached(value, below)
            prefixes = self._prefixes
            out = {}
            for k, v in value.items():
                name = str(k)
                here = (*path, name)
                out[k] = self._json(v, name, here if here in prefixes else None, below)
            return out
        if isinstance(value, list):
            if path is None:
                return [self._json(v, key, None, parent) for v in value]
            prefixes = self._prefixes
            items = []
            for i, v in enumerate(value):
                here = (*path, str(i))
                items.append(self._json(v, key, here if here in prefixes else None, parent))
            return items
        if isinstance(value, int) and self._secrets and str(value) in self._secrets:
            return REDACTED
        return value

    def _json_object_unreached(self, value: dict[Any, Any], parent: str) -> dict[Any, Any]:
        """`_json` of an object where no finding's path leads, each member as `_json` treats it;
        a string under a key the vocabulary says nothing of, already known to be plain text
        (`_plain_strings`), is answered here, without the two calls per member (most members
        of most bodies)."""
        out: dict[Any, Any] = {}
        kinds = _KEY_KINDS
        plain = self._plain_strings if self._whole_text else None
        secrets = self._secrets
        for k, v in value.items():
            name = str(k)
            kind = type(v)
            if kind is str:
                if plain is not None and kinds.get((name, parent)) == 0:
                    known = plain.get(v)
                    if known is not None:
                        out[k] = known
                        continue
            elif kind in _JSON_SCALARS and kinds.get((name, parent)) == 0:
                # A number, true, false or null under a key the vocabulary says nothing of:
                # kept, unless it is a credential learned as text (as `_json` does).
                if kind is not float and v is not None and secrets and str(v) in secrets:
                    out[k] = REDACTED
                else:
                    out[k] = v
                continue
            out[k] = self._json(v, name, None, parent)
        return out

    def _redact_string_value(self, value: str, path: tuple[str, ...] | None = ()) -> str:
        """A string inside JSON or a form: may itself be JSON, base64 JSON (Mixpanel `data=`,
        Snowplow `cx`) or base64 gzip JSON."""
        if self._whole_text:
            known = self._plain_strings.get(value)
            if known is not None:
                return known
        stripped = value.strip()
        first = stripped[:1]
        if first in ("{", "[") and len(stripped) > 1:
            try:
                inner = json.loads(stripped)
            except (ValueError, RecursionError):
                inner = None
            if isinstance(inner, dict | list):
                with self._each_string():
                    return _compact_json(
                        self.redact_json(inner, path=(*path, "json") if path else ()), stripped
                    )
        if (
            len(stripped) >= 8
            and (first in _JSON_B64_FIRST or stripped.startswith("H4sI"))
            and _BASE64_RE.fullmatch(stripped)
        ):
            with self._each_string():
                nested = self._redact_base64_json(stripped, path or ())
            if nested is not None:
                return nested
        if lzstring.starts_json(stripped):
            nested = self._redact_lzstring_json(stripped, path or ())
            if nested is not None:
                return nested
        if len(stripped) >= 16 and _BASE64_RE.fullmatch(stripped):
            nested = self._redact_base64_text(stripped)
            if nested is not None:
                return nested
        if self._whole_text:
            # `_leaf_text`, remembered when the answer depends on nothing learned: neither JSON
            # nor base64 or lz-string JSON, and left to the search of the whole text.
            out = value
            if len(value) >= MIN_VALUE_LEN:
                out = self._shapes(value)
                if not out.isascii() or '"' in out or "\\" in out or not out.isprintable():
                    return self._replace_values(out)
            if len(value) <= _MEMO_MAX_LEN:
                if len(self._plain_strings) > 50_000:
                    self._plain_strings.clear()
                self._plain_strings[value] = out
            return out
        return self._leaf_text(value)

    def _redact_lzstring_json(self, stripped: str, path: tuple[str, ...]) -> str | None:
        """lz-string base64 JSON (CleverTap's `d=`): redacted by its decoded path, as the
        labeller reads it, and written as the redacted JSON text (no compressor here: an
        export is read, and the decoder reads JSON text in the same place); None when
        `stripped` is not that."""
        try:
            decoded = lzstring.decompress_base64(stripped, 8 * 1024 * 1024)
        except lzstring.OutputCapExceeded:
            return REDACTED  # too big to read: nothing in it is let through unread
        if not decoded:
            return None
        try:
            inner = json.loads(decoded)
        except (ValueError, RecursionError):
            return None
        if not isinstance(inner, dict | list):
            return None
        with self._each_string():
            redacted = self.redact_json(inner, path=(*path, "lzstring", "json"))
        return json.dumps(redacted, separators=(",", ":"), ensure_ascii=False)

    @contextmanager
    def _each_string(self) -> Iterator[None]:
        """Nested content (JSON inside a string, base64 JSON) is written encoded inside its
        field, where a search of the whole text cannot see into it: its strings are searched
        one by one, as outside a record."""
        whole = self._whole_text
        self._whole_text = False
        try:
            yield
        finally:
            self._whole_text = whole

    def _redact_base64_json(self, stripped: str, path: tuple[str, ...]) -> str | None:
        """Base64 (or base64 gzip) JSON redacted by its decoded path and encoded again; None
        when `stripped` is not that."""
        if stripped.startswith("H4sI"):
            gz = _b64_gzip_json(stripped)
            if gz is not None:
                redacted = json.dumps(
                    self.redact_json(gz[0], path=(*path, "base64", "gzip", "json")),
                    separators=(",", ":"),
                )
                return gz[1](redacted.encode("utf-8"))
        decoded = _b64_json(stripped)
        if decoded is not None:
            redacted = json.dumps(
                self.redact_json(decoded[0], path=(*path, "base64", "json")),
                separators=(",", ":"),
            )
            return decoded[1](redacted.encode("utf-8"))
        return None

    def _redact_base64_text(self, stripped: str) -> str | None:
        """Base64 of plain text (a topic sent as `topicEncoding: base64`, a file's content):
        its values replaced and encoded again the same way; None when `stripped` is not that
        or nothing in it changes."""
        self._literals()  # what was learned since clears the answers below
        if stripped in self._base64_text:
            return self._base64_text[stripped]
        if len(self._base64_text) > 50_000:
            self._base64_text.clear()
        self._base64_text[stripped] = out = self._redact_base64_text_now(stripped)
        return out

    def _redact_base64_text_now(self, stripped: str) -> str | None:
        urlsafe = "-" in stripped or "_" in stripped
        try:
            data = base64.b64decode(
                stripped + "=" * (-len(stripped) % 4), altchars=b"-_" if urlsafe else None
            )
            decoded = data.decode("utf-8")
        except (binascii.Error, ValueError):
            return None
        # Text files end lines with CRLF (iCalendar and vCard must: RFC 5545 §3.1), so a CR is
        # as much text as a LF or a tab.
        if not decoded.translate(_LINE_BREAKS_AND_TABS).isprintable():
            return None
        with self._each_string():
            redacted = self.redact_text(decoded)
        if redacted == decoded:
            return None
        raw = redacted.encode("utf-8")
        out = (base64.urlsafe_b64encode(raw) if urlsafe else base64.b64encode(raw)).decode()
        return out if stripped.endswith("=") else out.rstrip("=")

    def redact_value(self, value: str) -> str:
        """A value seen on its own (a decoded field): JSON, base64 JSON or text inside it."""
        return self._redact_string_value(value)

    def redact_pairs(
        self, pairs: list[tuple[str, str]], path: tuple[str, ...] = ()
    ) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        for name, value in pairs:
            here = (*path, name)
            if here in self._secret_paths or is_secret_key(name, in_query=True):
                out.append((name, REDACTED if value else value))
            elif value and (here in self._identifier_paths or is_identifier_key(name)):
                out.append((name, self.remember(value)))
            else:
                out.append((name, self._redact_string_value(value, here)))
        if self._whole_text and out:
            # Values are searched decoded (an address is `a@b.c` here, `a%40b.c` in the text).
            values = self._replace_many([value for _, value in out])
            out = [(name, value) for (name, _), value in zip(out, values, strict=True)]
        return out

    def redact_url(self, url: str) -> str:
        try:
            parts = urlsplit(url)
        except ValueError:
            return self.redact_text(url)
        query = parts.query
        if query:
            query = self._redact_query(query)
        netloc = self.redact_authority(redact_userinfo(parts.netloc))
        path = self._redact_url_path(parts.path, parts.hostname or "")
        return urlunsplit((parts.scheme, netloc, path, query, ""))

    def _known_sizes(self) -> tuple[int, ...]:
        """The sizes of what redaction has learned (values to replace, secrets, case variants,
        pseudonyms made, host labels): each only grows, so equal sizes say nothing was learned
        in between and an answer given then holds now."""
        return (
            len(self._replacements),
            len(self._secrets),
            len(self._case_variant_of),
            len(self._produced),
            len(self._host_secrets),
        )

    def _redact_url_path(self, path: str, host: str = "") -> str:
        """Path segments as text, and base64 JSON segments (LaunchDarkly's user context) decoded,
        redacted by their decoded path and encoded again. A record's URL and its path hold the
        same path: the second is answered from the first when nothing was learned since (nor
        while the first was redacted)."""
        memo = self._path_memo
        known = self._known_sizes()
        if (
            memo is not None
            and memo[0] == path
            and memo[1] == host
            and memo[2] == self._whole_text
            and memo[3] == self._bare_request
            and memo[4] == known
        ):
            return memo[5]
        out = self._redact_url_path_now(path, host)
        if self._known_sizes() == known:
            self._path_memo = (path, host, self._whole_text, self._bare_request, known, out)
        else:
            self._path_memo = None
        return out

    def _redact_url_path_now(self, path: str, host: str) -> str:
        segments = path.split("/")
        last = len(segments) - 1 if webhook_url(host, segments) else -1
        for number, segment in enumerate(segments):
            content = path_segment_content(segment)
            if content is not None and content[0] in "{[":
                # JSON sent in the path (PubNub's published message): redacted by its decoded
                # path, as the labeller read it, and percent-encoded again.
                redacted = self._redact_string_value(content, ("url", "path", f"segment {number}"))
                if redacted != content:
                    segments[number] = quote(redacted, safe="")
                continue
            if len(segment) >= 8 and segment.startswith("ey") and "." not in segment:
                decoded = _b64_json(unquote(segment))
                if decoded is not None:
                    here = ("url", "path", f"segment {number}", "base64", "json")
                    with self._each_string():
                        redacted = json.dumps(
                            self.redact_json(decoded[0], path=here), separators=(",", ":")
                        )
                    segments[number] = decoded[1](redacted.encode("utf-8"))
                    continue
            if number and path_item_key_at(segments, number) is not None:
                # The labeller reads it as that collection's id (`/customers/<id>`).
                segments[number] = quote(self.remember(unquote(segment)), safe="")
                continue
            if number and path_location_key(unquote(segment), segments[number - 1]) == "ip":
                # The labeller reads an IP address in the path as a network id (a look-up's
                # `/geoip/v2.1/city/<ip>`; issue 15bo): pseudonymised as under an `ip` key.
                # (Coordinates there are location, kept as a body's latitude is.)
                decoded_segment = unquote(segment)
                address = path_location_value(decoded_segment)
                suffix = decoded_segment[len(address) :]
                segments[number] = quote(self.remember(address), safe="") + suffix
                continue
            if ":" in segment and (parameters := path_parameters(unquote(segment))):
                # `key:value` parameters the labeller reads under their keys
                # (`/users/email:<address>`): each value as a form field's.
                pairs = self.redact_pairs(list(parameters), ("url", "path"))
                segments[number] = ",".join(
                    f"{name}:{quote(value, safe='@')}" for name, value in pairs
                )
                continue
            if number and path_secret(
                segments[number - 1],
                unquote(segment),
                webhook_token=number == last,
                root=segments[number - 2] if number >= 2 else "",
                bare_request=self._bare_request,
            ):
                # The labeller reads it as a credential (`/inputs/<token>/…`, issue 15; a
                # room's access key on a request with no other credential, issue 15bq).
                segments[number] = quote(REDACTED, safe="")
                continue
            segments[number] = self._leaf_text(segment)
        return "/".join(segments)

    def redact_path(self, path: str, host: str = "") -> str:
        """A request path and its query; `host` (the request's) tells a webhook's path."""
        if "?" not in path:
            return self._redact_url_path(path, host)
        base, query = path.split("?", 1)
        return f"{self._redact_url_path(base, host)}?{self._redact_query(query)}"

    def _redact_query(self, query: str) -> str:
        """A query string redacted pair by pair. Encoded again only when a pair changed: when
        none did, the original already says exactly what its decoded pairs say (unless a value
        did not decode as UTF-8, which re-encoding replaces)."""
        memo = self._query_memo
        if memo is not None and memo[0] == query and not self._dirty:
            return memo[1]  # a record's URL and its path hold the same query
        pairs = parse_qsl(query, keep_blank_values=True)
        out = _form_again(query, pairs, self.redact_pairs(pairs, ("url", "query")))
        self._query_memo = (query, out)
        return out

    def redact_url_alone(self, url: str) -> str:
        """A URL seen without its flow (the `flows` table): the labeller reads it first."""
        from auditor.records import FlowRecord, RequestRecord

        try:
            parts = urlsplit(url)
            host, port = parts.hostname or "", parts.port or 443
        except ValueError:
            host, port = "", 443
        record = FlowRecord(
            id="",
            session="",
            ts=0.0,
            kind="http",
            request=RequestRecord("GET", url, host, port, url),
        )
        found = self.last_findings = self.findings(record)
        if found is not None:
            self.learn(found)
        return self.redact_url(url)

    def redact_headers(
        self, headers: list[tuple[str, str]], root: str = "header"
    ) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        secret_paths, identifier_paths = self._secret_paths, self._identifier_paths
        for name, value in headers:
            kind = _HEADER_KINDS.get(name)
            if kind is None:
                kind = _header_kind(name)
            if kind == _HEADER_PSEUDO:
                # HTTP/2 pseudo-headers: `:authority` is the host, `:path` a path with a query.
                if name.lower() == ":path":
                    value = self.redact_path(value)
                elif name.lower() == ":authority":
                    value = self.redact_authority(value)
                out.append((name, value))
                continue
            if kind == _HEADER_HOST:
                out.append((name, self.redact_authority(value)))
                continue
            here = (root, name)
            if kind == _HEADER_SECRET or here in secret_paths:
                out.append((name, REDACTED))
            elif kind == _HEADER_IDENTIFIER or here in identifier_paths:
                out.append((name, self.remember(value)))
            elif kind == _HEADER_URL:
                out.append((name, self.redact_url(value)))
            else:
                out.append((name, self._redact_string_value(value, here)))
        return out

    # -- bodies ----------------------------------------------------------------------------

    def redact_body(
        self, body: bytes, content_type: str | None, path: tuple[str, ...] = ("body",)
    ) -> bytes:
        out = self._body(body, content_type, path)
        return out.encode("utf-8") if isinstance(out, str) else out

    def _body(self, body: bytes, content_type: str | None, path: tuple[str, ...]) -> str | bytes:
        """The body redacted: its text (str) or binary (bytes). Inside a record (`_whole_text`)
        the search of the whole text is left to the caller: for text the literals and shapes
        (`_replace_many`), for binary all of `redact_binary`."""
        ctype = (content_type or "").lower()
        if body.startswith((_GZIP_MAGIC, _ZSTD_MAGIC)):
            # Compressed without saying so (the decoders sniff it too): decode, redact, re-encode.
            encoding = "gzip" if body.startswith(_GZIP_MAGIC) else "zstd"
            inner = _decode_content(body, encoding)
            if inner is not None:
                with self._each_string():
                    redacted = self.redact_body(inner, content_type, (*path, encoding))
                if redacted == inner:
                    return body
                again = _encode_content(redacted, [encoding])
                if again is not None:
                    return again
        if "multipart/" in ctype:
            with self._each_string():
                parts = self._redact_multipart(body, content_type or "", path)
            if parts is not None:
                if not self._whole_text:
                    return parts
                try:
                    return parts.decode("utf-8")
                except UnicodeDecodeError:
                    return parts
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return body if self._whole_text else self.redact_binary(body)
        if "multipart/" in ctype:
            return self._body_text(text)
        stripped = text.strip()
        if stripped[:1] in ("{", "["):
            try:
                parsed = json.loads(stripped)
            except (ValueError, RecursionError):
                parsed = None
            if parsed is not None:
                return _compact_json(self.redact_json(parsed, path=path), stripped)
            if "\n" in stripped:
                return self._redact_lines(text, path)
        if "x-www-form-urlencoded" in ctype or _looks_like_form(stripped):
            pairs = parse_qsl(stripped, keep_blank_values=True)
            return _form_again(stripped, pairs, self.redact_pairs(pairs, path))
        if "\n" in stripped:
            return self._redact_lines(text, path)
        return self._body_text(text)

    def _body_text(self, text: str) -> str:
        return self._shapes(text) if self._whole_text else self.redact_text(text)

    def _redact_multipart(
        self, body: bytes, content_type: str, path: tuple[str, ...]
    ) -> bytes | None:
        """Form fields by name (a `password` part is a secret, a `device_id` part an identifier),
        other parts by their own content type. None when the boundary is not found."""
        match = re.search(r'boundary="?([^";,]+)"?', content_type, re.IGNORECASE)
        if match is None:
            return None
        delimiter = b"--" + match.group(1).encode("latin-1")
        chunks = body.split(delimiter)
        if len(chunks) < 3:
            return None
        out = [chunks[0]]
        for index, chunk in enumerate(chunks[1:], start=1):
            head, sep, content = chunk.partition(b"\r\n\r\n")
            if not sep or chunk.startswith(b"--"):
                out.append(chunk)  # the closing delimiter and the epilogue
                continue
            headers = head.decode("latin-1")
            name = re.search(r'name="([^"]*)"', headers)
            part_type = re.search(r"(?im)^content-type:\s*(.+)$", headers)
            tail = b"\r\n" if content.endswith(b"\r\n") else b""
            value = content[: len(content) - len(tail)]
            field = name.group(1) if name else ""
            here = (*path, field or f"part {index}")
            if here in self._secret_paths or (field and is_secret_key(field, in_query=True)):
                value = REDACTED.encode()
            elif value and (here in self._identifier_paths or (field and is_identifier_key(field))):
                value = self.remember(value.decode("utf-8", "replace")).encode("utf-8")
            else:
                value = self.redact_body(
                    value, part_type.group(1).strip() if part_type else None, here
                )
            out.append(self.redact_text(headers).encode("latin-1", "replace") + sep + value + tail)
        return delimiter.join(out)

    def _redact_lines(self, text: str, path: tuple[str, ...]) -> str:
        """NDJSON, 1DS x-json-stream, Sentry envelopes and GA4 batches: JSON or a form per
        line, anything else as text."""
        out: list[str] = []
        for number, line in enumerate(text.split("\n"), start=1):
            stripped = line.strip()
            here = (*path, f"line {number}")
            if stripped[:1] in ("{", "["):
                try:
                    parsed = json.loads(stripped)
                except (ValueError, RecursionError):
                    parsed = None
                if parsed is not None:
                    out.append(
                        json.dumps(self.redact_json(parsed, path=here), separators=(",", ":"))
                    )
                    continue
            if stripped and _looks_like_form(stripped):
                pairs = parse_qsl(stripped, keep_blank_values=True)
                out.append(urlencode(self.redact_pairs(pairs, here), safe="[]"))
                continue
            out.append(self._body_text(line))
        return "\n".join(out)

    def _message_body(
        self,
        body: bytes | None,
        headers: list[tuple[str, str]],
        root: str,
    ) -> _PendingBody | None:
        """A message's body decoded and redacted, all but the search of its whole text, which
        `_redact_record` makes for all of a record's texts at once (`_PendingBody.finish`)."""
        from auditor.decode.compression import parse_encodings

        if body is None:
            return None
        encoding = next((v for k, v in headers if k.lower() == "content-encoding"), None)
        ctype = next((v for k, v in headers if k.lower() == "content-type"), None)
        encodings = parse_encodings(encoding)
        decoded = _decode_content(body, encoding) if encodings else body
        if decoded is None or len(decoded) > BODY_CAP:
            return _PendingBody(body, encoding, encodings, None, b"")
        redacted = self._body(decoded, ctype, (root, *reversed(encodings)))
        return _PendingBody(body, encoding, encodings, decoded, redacted)

    # -- records ---------------------------------------------------------------------------

    def redact_record(self, record: FlowRecord) -> FlowRecord:
        # found under other paths than this record's
        self._query_memo = self._path_memo = None
        if record.id and record.id in self._primed:
            primed = self._primed[record.id]
            self.last_findings = None
            if primed is not None:
                self._secret_paths, self._identifier_paths = primed
        else:
            found = self.last_findings = self.findings(record)
            if found is not None:
                self.learn(found)
                self._secret_paths = found.secret_paths
                self._identifier_paths = found.identifier_paths
        self._prefixes = _leading_parts(self._secret_paths, self._identifier_paths)
        try:
            return self._redact_record(record)
        finally:
            self._secret_paths = self._identifier_paths = self._prefixes = frozenset()
            self._query_memo = self._path_memo = None

    def _redact_record(self, record: FlowRecord) -> FlowRecord:
        rec = redacted_copy(record)
        self._whole_text = True
        try:
            self._redact_parts(rec)
            self._redact_host_names(rec)
            return rec
        finally:
            self._whole_text = False

    def _redact_parts(self, rec: FlowRecord) -> FlowRecord:
        """Every part of `rec` redacted where it sits (by the findings' paths, the vocabulary's
        keys and the credential shapes), then the literals and shapes searched for once, in all
        of its texts together, with everything the whole record taught (an identifier first
        seen in the body may also sit in the URL or in a header before the key that named it)."""
        texts: list[str] = []  # searched for literals and shapes at the end, in one pass

        def later(text: str) -> int:
            texts.append(text)
            return len(texts) - 1

        req = rec.request
        req_body = resp_body = None
        url_parts: tuple[str, str, int, int] | None = None
        url_at = path_at = -1
        if req is not None:
            # URL and headers first: identifiers they name are then also caught in the body.
            self._bare_request = not request_has_credential(
                (name for name, _ in req.headers),
                (key for key, _ in parse_qsl(req.path.partition("?")[2], keep_blank_values=True)),
            )
            try:
                url = self.redact_url(req.url)
                path = self.redact_path(req.path, req.host)
            finally:
                self._bare_request = False
            req.headers = self.redact_headers(req.headers)
            req_body = self._message_body(req.body, req.headers, "body")
            # The host is not searched: a server name is what the export is about (only a
            # credential that is a label of it goes, by `redact_authority`).
            try:
                parts = urlsplit(url)
            except ValueError:
                url_at = later(self._shapes(url))
            else:
                url_parts = (
                    parts.scheme,
                    parts.netloc,
                    later(self._shapes(parts.path)),
                    later(self._shapes(parts.query)),
                )
            path_at = later(self._shapes(path))
        resp = rec.response
        if resp is not None:
            resp.headers = self.redact_headers(resp.headers, "response header")
            resp_body = self._message_body(resp.body, resp.headers, "response")
            reason_at = later(self._shapes(resp.reason))
        client_number = 0
        messages: list[tuple[WebSocketMessage, _PendingBody | bytes]] = []
        for msg in rec.websocket:
            if msg.from_client:
                client_number += 1
            messages.append((msg, self._ws_content(msg, client_number)))
        proc = rec.process
        # The store's own masking first (keeps flags, masks arguments), then our values.
        cmdline = [later(self._shapes(arg)) for arg in self._masked_cmdline(proc.cmdline)]
        exe_at = later(self._shapes(proc.exe)) if proc.exe else -1
        name_at = later(self._shapes(proc.name)) if proc.name else -1
        if rec.client_addr is not None:
            host, port = rec.client_addr
            try:
                loopback = ipaddress.ip_address(host).is_loopback
            except ValueError:
                loopback = host == "localhost"
            if not loopback:
                rec.client_addr = (self.remember(host), port)
        error_at = later(self._shapes(rec.error)) if rec.error else -1
        evidence = [
            (ev, later(self._shapes(ev.excerpt)), later(self._shapes(ev.where)))
            for label in rec.labels
            for ev in label.evidence
        ]
        bodies = [b for b in (req_body, resp_body) if b is not None]
        bodies += [b for _, b in messages if isinstance(b, _PendingBody)]
        body_at = [later(b.redacted) if isinstance(b.redacted, str) else -1 for b in bodies]
        headers_from = len(texts)
        for message in (req, resp):
            if message is not None:
                texts.extend(v for _, v in message.headers)

        # The one search, with all that the record taught.
        done = self._replace_many(texts)

        for message in (req, resp):
            if message is not None:
                count = len(message.headers)
                values = done[headers_from : headers_from + count]
                headers_from += count
                message.headers = [
                    (k, v) for (k, _), v in zip(message.headers, values, strict=True)
                ]
        for pending, at in zip(bodies, body_at, strict=True):
            pending.searched(done[at] if at >= 0 else None, self)
        if req is not None:
            if url_parts is not None:
                scheme, netloc, path_i, query_i = url_parts
                req.url = urlunsplit((scheme, netloc, done[path_i], done[query_i], ""))
            else:
                req.url = done[url_at]
            req.path = done[path_at]
            if req_body is not None:
                req.body, req.headers, dropped = req_body.finish(req.headers)
                if dropped:
                    rec.dropped_bodies = True
                if req.body is not None and not req.body_truncated:
                    req.size = len(req.body)
        if resp is not None:
            resp.reason = done[reason_at]
            if resp_body is not None:
                resp.body, resp.headers, dropped = resp_body.finish(resp.headers)
                if dropped:
                    rec.dropped_bodies = True
                if resp.body is not None and not resp.body_truncated:
                    resp.size = len(resp.body)
        rec.websocket = [self._ws_message(msg, content) for msg, content in messages]
        if proc.cmdline:
            proc.cmdline = [done[at] for at in cmdline]
        if exe_at >= 0:
            proc.exe = done[exe_at]
        if name_at >= 0:
            proc.name = done[name_at]
        if error_at >= 0:
            rec.error = done[error_at]
        for ev, excerpt_at, where_at in evidence:
            ev.excerpt = done[excerpt_at]
            ev.where = done[where_at]
        return rec

    def _ws_content(self, msg: WebSocketMessage, client_number: int) -> _PendingBody | bytes:
        path = ("websocket", f"message {client_number}") if msg.from_client else ("websocket in",)
        if msg.is_text:
            return _PendingBody(
                msg.content,
                None,
                [],
                msg.content,
                self._body(msg.content, "application/json", path),
            )
        return self.redact_binary(msg.content)

    @staticmethod
    def _ws_message(msg: WebSocketMessage, content: _PendingBody | bytes) -> WebSocketMessage:
        data = content.result if isinstance(content, _PendingBody) else content
        return WebSocketMessage(
            from_client=msg.from_client,
            ts=msg.ts,
            is_text=msg.is_text,
            content=data,
            size=msg.size if msg.truncated else len(data),
            truncated=msg.truncated,
        )


class _PendingBody:
    """A body redacted all but the search of its whole text (see `Redactor._redact_parts`)."""

    __slots__ = ("body", "decoded", "encoding", "encodings", "redacted", "result")

    def __init__(
        self,
        body: bytes,
        encoding: str | None,
        encodings: list[str],
        decoded: bytes | None,
        redacted: str | bytes,
    ) -> None:
        self.body = body  # as captured
        self.encoding = encoding  # its Content-Encoding header
        self.encodings = encodings
        self.decoded = decoded  # None: it could not be decoded within the cap, so it is dropped
        self.redacted = redacted  # text still to search, or binary for `redact_binary`
        self.result = b""

    def searched(self, text: str | None, redactor: Redactor) -> None:
        """The body with its text searched (`text`), or its binary redacted now."""
        if text is not None:
            self.result = text.encode("utf-8")
        elif isinstance(self.redacted, bytes) and self.decoded is not None:
            self.result = redactor.redact_binary(self.redacted)

    def finish(
        self, headers: list[tuple[str, str]]
    ) -> tuple[bytes | None, list[tuple[str, str]], bool]:
        """(redacted body, headers to keep, dropped?). A compressed body is compressed again the
        same way; when that cannot be redone it is written decoded, without its
        Content-Encoding and with a note header saying so."""
        if self.decoded is None:
            return None, headers, True
        redacted = self.result
        if redacted == self.decoded:
            return self.body, headers, False
        note = None
        if self.encodings:
            again = _encode_content(redacted, self.encodings)
            if again is None:
                note = (
                    BODY_NOTE_HEADER,
                    f"body written decoded: its content-encoding {self.encoding} could not be "
                    "redone",
                )
            else:
                redacted = again
        kept = [
            (k, str(len(redacted)) if k.lower() == "content-length" else v)
            for k, v in headers
            if note is None or k.lower() != "content-encoding"
        ]
        if note is not None:
            kept.append(note)
        return redacted, kept, False


_TOKEN_RE = re.compile(r"[A-Za-z0-9]+")
# Bytes → themselves for ASCII letters and digits, a space for everything else: the runs of a
# text are then `split()` of its UTF-8 translated (a regex `findall` was ~10x slower).
_RUN_BYTES = bytes(c if chr(c).isascii() and chr(c).isalnum() else 0x20 for c in range(256))
# Bytes → "h" for hex digits, "x" for other letters and digits, "-" for itself: a GUID is then
# the one fixed pattern `_GUID_PATTERN` in an ASCII text translated.
_GUID_BYTES = bytes(
    ord("h")
    if chr(c) in "0123456789abcdefABCDEF"
    else ord("x")
    if chr(c).isascii() and chr(c).isalnum()
    else c
    if chr(c) == "-"
    else 0x20
    for c in range(256)
)
_GUID_PATTERN = b"hhhhhhhh-hhhh-hhhh-hhhh-hhhhhhhhhhhh"
_LOCAL_RUN_RE = re.compile(r"[A-Za-z0-9._%+-]+$")


class _LiteralIndex:
    """Literals found where they stand alone (no ASCII letter or digit on either side), indexed
    by the longest run of ASCII letters and digits in each. Where such a literal sits in a text,
    that run is a whole run of the text too (the literal's own characters or the text's on
    both sides of it are not letters or digits), so one `findall` of the text's runs and a set
    intersection say which literals may be there; only those are looked at. An Aho-Corasick
    automaton (pyahocorasick) over thousands of literals took ~100 ns per character of text here
    and had to be rebuilt as literals were learned."""

    def __init__(self) -> None:
        # run (UTF-8) → (run, {(run's offset in the literal, literal's length): literals}):
        # where the run sits in a text, each (offset, length) names one slice to look up.
        self.by_run: dict[bytes, tuple[str, dict[tuple[int, int], set[str]]]] = {}
        self.without_run: set[str] = set()  # literals with no letter or digit at all
        # Names (letters and spaces only): also found where only digits or an underscore
        # border them (`cont_c0r14Ingrid0001`): a name ends where its letters end. Found by
        # one Aho-Corasick scan (ahocorasick-rs) of the text for all of them, made again when
        # a name is added (names are few and learned rarely; the scan replaced a split of
        # every text into letter runs and one regex search per name met, half of `find`).
        self.names: set[str] = set()
        self._names_automaton: ahocorasick_rs.AhoCorasick | None = None
        self._names_list: list[str] = []
        # Literals looked for in framed binary after their length byte (protobuf: the next
        # tag byte after a string may be a letter or a digit), by that byte.
        self.framed: dict[str, set[str]] = {}

    def add(self, literal: str) -> None:
        if _FRAMED_MIN_LEN <= len(literal) < 0x80:
            self.framed.setdefault(chr(len(literal)), set()).add(literal)
        if literal not in self.names and _NAME_RE.fullmatch(literal):
            self.names.add(literal)
            self._names_automaton = None
        # Its longest run: the rarer in texts, the fewer places to look at.
        runs = _TOKEN_RE.findall(literal)
        if not runs:
            if literal:
                self.without_run.add(literal)
            return
        word = max(runs, key=len)  # the first of the longest
        # Where it starts: an earlier occurrence would lie in an earlier run at least as long,
        # which `max` would have chosen.
        start = literal.find(word)
        _, shapes = self.by_run.setdefault(word.encode("ascii"), (word, {}))
        shapes.setdefault((start, len(literal)), set()).add(literal)

    def find(self, text: str) -> Iterator[tuple[int, str]]:
        """(start, literal) of every literal standing alone in `text`, in no particular order."""
        size = len(text)
        encoded = text.encode("utf-8", "surrogatepass")
        runs = set(encoded.translate(_RUN_BYTES).split())
        for key in self.by_run.keys() & runs:
            run, by_shape = self.by_run[key]
            shapes = by_shape.items()
            at = text.find(run)
            while at >= 0:
                before = text[at - 1] if at else " "
                if not (before.isascii() and before.isalnum()):
                    for (offset, length), literals in shapes:
                        first = at - offset
                        last = first + length
                        if first < 0 or last > size:
                            continue
                        literal = text[first:last]
                        if literal not in literals:
                            continue
                        before = text[first - 1] if first else " "
                        after = text[last] if last < size else " "
                        if not (before.isascii() and before.isalnum()) and not (
                            after.isascii() and after.isalnum()
                        ):
                            yield first, literal
                at = text.find(run, at + 1)
        for literal in self.without_run:
            at = text.find(literal)
            while at >= 0:
                last = at + len(literal)
                before = text[at - 1] if at else " "
                after = text[last] if last < size else " "
                if not (before.isascii() and before.isalnum()) and not (
                    after.isascii() and after.isalnum()
                ):
                    yield at, literal
                at = text.find(literal, at + 1)
        if self.names:
            yield from self._names_touched(text)

    def _names_touched(self, text: str) -> Iterator[tuple[int, str]]:
        """(start, literal) of each name where no ASCII letter touches it and a digit or `_`
        does on one side, as `re.finditer(rf"(?<![A-Za-z]){re.escape(name)}(?![A-Za-z])",
        text)` of each name, filtered so, gives them: for each name, its occurrences left to
        right, one that starts inside the last one taken skipped."""
        automaton = self._names_automaton
        if automaton is None:
            self._names_list = sorted(self.names)
            automaton = self._names_automaton = ahocorasick_rs.AhoCorasick(
                self._names_list, matchkind=ahocorasick_rs.MatchKind.Standard
            )
        found = automaton.find_matches_as_indexes(text, overlapping=True)
        if not found:
            return
        size = len(text)
        names = self._names_list
        taken_to: dict[int, int] = {}  # name → end of its last occurrence taken
        for number, first, last in sorted(found, key=_by_start):
            if first < taken_to.get(number, 0):
                continue
            before = text[first - 1] if first else " "
            after = text[last] if last < size else " "
            if before in _ASCII_LETTERS or after in _ASCII_LETTERS:
                continue
            taken_to[number] = last
            if before in _DIGIT_OR_UNDERSCORE or after in _DIGIT_OR_UNDERSCORE:
                yield first, names[number]

    def find_framed(self, text: str) -> Iterator[tuple[int, str]]:
        """(start, literal) of every literal framed by its length byte in binary `text`."""
        yield from _framed_in(self.framed, text)


def _framed_in(framed: dict[str, set[str]], text: str) -> Iterator[tuple[int, str]]:
    """`_LiteralIndex.find_framed`: every position whose character is a length byte of some
    literals, looked at once (a search of the text per length byte walked the text ~85 times,
    and length bytes from "\\x08" to "\\x7f" include most printable characters)."""
    for at, marker in enumerate(text):
        literals = framed.get(marker)
        if literals is not None:
            candidate = text[at + 1 : at + 1 + ord(marker)]
            if candidate in literals:
                yield at + 1, candidate


_NAME_RE = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*")
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_DIGIT_OR_UNDERSCORE = frozenset("0123456789_")
_FRAMED_MIN_LEN = 8


def _by_start(match: tuple[int, int, int]) -> tuple[int, int]:
    """Aho-Corasick matches (pattern, start, end) in text order, as a regex search meets them."""
    return match[1], match[2]


class _Shapes:
    """E-mail addresses and GUIDs in a text, leftmost first (an address before a GUID at the
    same place), as one regex `(?P<email>…)|(?P<guid>…)` searched from `pos` finds them. The address is looked for from
    each "@" back: the regex's local part tried at every position of every text was most of
    the search."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.has_at = "@" in text
        self.has_dash = "-" in text
        self.shape: bytes | None = None  # the text translated by `_GUID_BYTES`

    def _email(self, pos: int) -> re.Match[str] | None:
        text = self.text
        at = text.find("@", pos)
        while at >= 0:
            lo = max(pos, at - 64)
            run = _LOCAL_RUN_RE.search(text, lo, at)
            if run is not None:
                match = _EMAIL_RE.match(text, run.start())
                if match is not None:
                    return match
            at = text.find("@", at + 1)
        return None

    def _guid(self, pos: int) -> tuple[int, int] | None:
        text = self.text
        if not text.isascii():
            # A GUID's first "-" is its 9th character: the regex is tried only there (searched
            # from every position of a long text it was ~5% of redaction). Dashes are found left
            # to right, so the first match is the leftmost; the look-behind sees before `at`.
            at = text.find("-", pos + 8)
            while at >= 0:
                match = _GUID_RE.match(text, at - 8)
                if match is not None:
                    return match.start(), match.end()
                at = text.find("-", at + 1)
            return None
        if self.shape is None:
            self.shape = text.encode("ascii").translate(_GUID_BYTES)
        shape = self.shape
        at = shape.find(_GUID_PATTERN, pos)
        while at >= 0:
            end = at + len(_GUID_PATTERN)
            # Not inside a longer run of letters and digits (the regex's look-arounds).
            if (at == 0 or shape[at - 1] not in b"hx") and (
                end == len(shape) or shape[end] not in b"hx"
            ):
                return at, end
            at = shape.find(_GUID_PATTERN, at + 1)
        return None

    def next(self, pos: int) -> tuple[int, int, str] | None:
        email = self._email(pos) if self.has_at else None
        guid = self._guid(pos) if self.has_dash else None
        if email is not None and (guid is None or email.start() <= guid[0]):
            return email.start(), email.end(), "email"
        if guid is not None:
            return guid[0], guid[1], "guid"
        return None


def _host_without(host: str, secrets: AbstractSet[str]) -> str:
    """`host` with each longest run of its parts that is one of `secrets` (lower-cased) replaced
    by `REDACTED_HOST_LABEL`. Parts are what lies between ".", "-" and "_", so a credential is
    found where it stands alone, as elsewhere: a whole label, several, or one part of a label
    (`<key>-ingest.example`); never inside a longer run of letters and digits."""
    tokens = _HOST_PARTS_RE.findall(host)
    lowered = [token.lower() for token in tokens]
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if tokens[i] not in _HOST_SEPARATORS:
            for j in range(len(tokens), i, -1):
                if tokens[j - 1] not in _HOST_SEPARATORS and "".join(lowered[i:j]) in secrets:
                    out.append(REDACTED_HOST_LABEL)
                    i = j
                    break
            else:
                out.append(tokens[i])
                i += 1
        else:
            out.append(tokens[i])
            i += 1
    return "".join(out)


_HOST_SEPARATORS = frozenset(".-_")
_HOST_PARTS_RE = re.compile(r"[^.\-_]+|[.\-_]")


def _leading_parts(*paths: AbstractSet[tuple[str, ...]]) -> frozenset[tuple[str, ...]]:
    """Every leading part of every path (the paths themselves too)."""
    if len(paths) == 2 and isinstance(paths[0], frozenset) and isinstance(paths[1], frozenset):
        return _leading_parts_of_pair(paths[0], paths[1])
    return frozenset(path[:n] for group in paths for path in group for n in range(1, len(path) + 1))


# `_leading_parts` of a record's (secret paths, identifier paths), by that pair: flows of one
# kind (an SDK's batch, a vendor's API call) have the same findings' paths flow after flow.
_LEADING_PARTS: dict[tuple[frozenset[tuple[str, ...]], ...], frozenset[tuple[str, ...]]] = {}


def _leading_parts_of_pair(
    secret: frozenset[tuple[str, ...]], identifier: frozenset[tuple[str, ...]]
) -> frozenset[tuple[str, ...]]:
    key = (secret, identifier)
    parts = _LEADING_PARTS.get(key)
    if parts is None:
        parts = frozenset(
            path[:n] for group in key for path in group for n in range(1, len(path) + 1)
        )
        if len(_LEADING_PARTS) > 10_000:
            _LEADING_PARTS.clear()
        _LEADING_PARTS[key] = parts
    return parts


# What a header's name says of its value (`Redactor.redact_headers`), asked of the vocabulary
# once per name: a session's flows send the same few dozen header names over and over.
_HEADER_TEXT, _HEADER_PSEUDO, _HEADER_SECRET, _HEADER_IDENTIFIER, _HEADER_URL, _HEADER_HOST = range(
    6
)
_HEADER_KINDS: dict[str, int] = {}


def _header_kind(name: str) -> int:
    lname = name.lower()
    if lname.startswith(":"):
        kind = _HEADER_PSEUDO
    elif lname == "host":
        # the request's authority: a credential inside a host name is removed label by label
        kind = _HEADER_HOST
    elif is_credential_header(name) or is_secret_key(name):
        kind = _HEADER_SECRET
    # A standard header (`Host`) names the request, not an identifier, whatever a body key of
    # that name holds.
    elif lname not in STANDARD_HEADERS and is_identifier_key(name):
        kind = _HEADER_IDENTIFIER
    elif lname in ("referer", "origin", "location", "content-location"):
        kind = _HEADER_URL
    else:
        kind = _HEADER_TEXT
    if len(_HEADER_KINDS) < 10_000:
        _HEADER_KINDS[name] = kind
    return kind


# What a data key says of its value, by (key, parent): the vocabulary's answers, asked once.
_SECRET_KEY, _IDENTIFIER_KEY = 1, 2
_KEY_KINDS: dict[tuple[str, str], int] = {}


def _key_kind(key: str, parent: str) -> int:
    kind = _KEY_KINDS.get((key, parent))
    if kind is None:
        kind = (
            _SECRET_KEY
            if is_secret_key(key, parent=parent)
            else _IDENTIFIER_KEY
            if is_identifier_key(key, parent=parent)
            else 0
        )
        if len(_KEY_KINDS) < 100_000:
            _KEY_KINDS[(key, parent)] = kind
    return kind


# JSON's scalar types but strings (what `json.loads` gives for numbers, true, false, null).
_JSON_SCALARS = frozenset({int, float, bool, type(None)})


def _binary_shape_gates(text: str) -> tuple[bool, bool]:
    """Whether the auth-scheme and the `name=value` rules can match in `text`, binary decoded
    as Latin-1 (`redact_binary`): both need one of their words, and the second an "=". The
    rules are case-insensitive regexes that tried every position of every binary body (the
    `name=value` one was half of binary redaction); below U+0100 no character but the ASCII
    letters folds to an ASCII letter, so the lower-cased text holds the words wherever the
    rules could match."""
    lowered = text.lower()
    return (
        _AUTH_SCHEME_WORDS.search(lowered) is not None,
        "=" in text and _SECRET_WORD_PARTS.search(lowered) is not None,
    )


def _secret_shapes(text: str) -> str:
    """Credentials found by their shape, whatever field holds them: an auth scheme and its token,
    a JWT, `"password": "…"` and `password=…` inside text. Substring tests first (a character
    each rule needs, then its words): most captured strings hold none of these shapes."""
    out = text
    if (" " in out or not out.isprintable()) and _AUTH_SCHEME_WORDS.search(out.lower()):
        out = _AUTH_SCHEME_RE.sub(lambda m: f"{m.group(1)} {REDACTED}", out)
    if "eyJ" in out:
        out = _JWT_RE.sub(REDACTED, out)
    quoted = '"' in out
    if quoted or "=" in out:
        if not _SECRET_WORD_PARTS.search(out.lower()):
            return out
        if quoted:
            out = _SECRET_JSON_RE.sub(lambda m: f"{m.group(1)}{REDACTED}{m.group(3)}", out)
        if "=" in out:
            out = _SECRET_ASSIGN_RE.sub(lambda m: f"{m.group(1)}{m.group(2)}{REDACTED}", out)
    return out


def _compact_json(value: Any, source: str) -> str:
    """`json.dumps(value, ensure_ascii=False, separators=(",", ":"))`, by orjson (several times
    faster) unless `source` may hold what orjson would change (NaN, Infinity: it writes null) or
    `value` what it cannot write (integers beyond 64 bits, lone surrogates)."""
    if "NaN" not in source and "Infinity" not in source:
        try:
            return orjson.dumps(value).decode("utf-8")
        except TypeError:  # orjson.JSONEncodeError
            pass
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _form_again(text: str, pairs: list[tuple[str, str]], redacted: list[tuple[str, str]]) -> str:
    """Form or query `text` (whose pairs, by `parse_qsl`, are `pairs`) with `redacted` pairs: a
    pair that redaction did not change keeps its original spelling, a changed one is encoded
    again. A pair that did not decode as UTF-8 is always encoded again (as before)."""
    # parse_qsl splits on "&" only and, keeping blank values, gives one pair for each non-empty
    # piece; when that does not hold the whole form is encoded again.
    pieces = [piece for piece in text.split("&") if piece]
    if len(pieces) != len(pairs) or len(redacted) != len(pairs):
        return urlencode(redacted, safe="[]")
    out = []
    for piece, pair, new in zip(pieces, pairs, redacted, strict=True):
        if new == pair and "\ufffd" not in pair[0] and "\ufffd" not in pair[1]:
            out.append(piece)
        else:
            out.append(urlencode([new], safe="[]"))
    return "&".join(out)


def _looks_like_form(text: str) -> bool:
    return bool(text) and _FORM_RE.fullmatch(text) is not None


# The first base64 character of every JSON object or array: its first byte is "{" or "[" or the
# whitespace json.loads allows before it (space, tab, newline, carriage return). Anything else
# cannot decode to one, so most header and field values are not decoded at all.
_JSON_B64_FIRST = frozenset(base64.b64encode(c.encode())[:1].decode() for c in "{[ \t\n\r")


def _b64_json(text: str) -> tuple[Any, Callable[[bytes], str]] | None:
    """Decode base64 (standard or URL-safe) that holds a JSON object; give back an encoder too."""
    if text[:1] not in _JSON_B64_FIRST:
        return None
    urlsafe = "-" in text or "_" in text
    padded = text + "=" * (-len(text) % 4)
    try:
        raw = (base64.urlsafe_b64decode if urlsafe else base64.b64decode)(padded)
        obj = json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError, RecursionError):
        return None
    if not isinstance(obj, dict | list):
        return None
    # Unpadded base64 only when the original was visibly unpadded (length not a multiple of 4).
    strip = len(text) % 4 != 0

    def encode(data: bytes) -> str:
        out = (base64.urlsafe_b64encode if urlsafe else base64.b64encode)(data).decode("ascii")
        return out.rstrip("=") if strip else out

    return obj, encode


def _b64_gzip_json(text: str) -> tuple[Any, Callable[[bytes], str]] | None:
    """Decode base64 of gzip of JSON ("H4sI…"); give back an encoder too."""
    import gzip

    urlsafe = "-" in text or "_" in text
    padded = text + "=" * (-len(text) % 4)
    try:
        raw = (base64.urlsafe_b64decode if urlsafe else base64.b64decode)(padded)
        inner = _decode_content(raw, "gzip")
        obj = json.loads(inner.decode("utf-8")) if inner is not None else None
    except (binascii.Error, ValueError, UnicodeDecodeError, RecursionError):
        return None
    if not isinstance(obj, dict | list):
        return None
    strip = len(text) % 4 != 0

    def encode(data: bytes) -> str:
        packed = gzip.compress(data, mtime=0)
        out = (base64.urlsafe_b64encode if urlsafe else base64.b64encode)(packed).decode("ascii")
        return out.rstrip("=") if strip else out

    return obj, encode


def make_redactor(
    data_dir: DataDir,
    *,
    passphrase_file: str | os.PathLike[str] | None = None,
    extra_known_values: Mapping[str, str] | None = None,
) -> Redactor:
    """The redactor every export and report uses by default."""
    known = machine_known_values(data_dir, passphrase_file)
    if extra_known_values:
        known.update(extra_known_values)
    return Redactor(Pseudonymizer(pseudonym_key(data_dir, passphrase_file=passphrase_file)), known)


# Past this many flows stored without findings, they are read in one pass over the session's
# records (as before the store listed values) rather than one lookup each.
_UNREAD_ONE_BY_ONE = 500


def _unread_flows(
    store: Store, session: str | None, after_rowid: int, unread: list[str]
) -> Iterator[FlowRecord]:
    """The stored flows of `unread` (ids), whole (bodies too)."""
    from auditor.store import FlowQuery

    if len(unread) <= _UNREAD_ONE_BY_ONE:
        for flow_id in unread:
            record = store.get_flow(flow_id)
            if record is not None:
                yield record
        return
    wanted = set(unread)
    query = FlowQuery(session=session, after_rowid=after_rowid or None)
    for record in store.iter_flows(query, with_bodies=False):
        if record.id in wanted:
            whole = store.get_flow(record.id)
            if whole is not None:
                yield whole


@dataclass(frozen=True, slots=True)
class StoredCredentials:
    """The credential values the labeller found in a session's stored flows, read up to
    `max_rowid` (flows stored after it: `stored_credentials(..., after_rowid=max_rowid)`)."""

    values: frozenset[str]
    max_rowid: int
    # Findings of flows stored without them, found again by this read and not kept yet (by id;
    # `stored_credentials(..., keep=False)`): the caller keeps them (`Store.keep_found_again`).
    found_again: tuple[tuple[str, SensitiveFields], ...] = ()


def stored_credentials(
    store: Store,
    session: str | None,
    after_rowid: int = 0,
    *,
    reader: Redactor | None = None,
    keep: bool = True,
) -> StoredCredentials:
    """Every credential value of the flows of `session` (None: every session) stored after
    `after_rowid`, for a redactor that shows one flow at a time (the GUI's masking) to know
    them all first, as `Redactor.prime` does for exports. The values of the findings kept with
    each stored flow are read from the store's per-session list (`Store.stored_credentials`,
    O(credentials)); only a flow stored without them is read whole (bodies too) and searched
    again by `reader`'s FieldFinder (by default a redactor of its own), and what was found is
    kept with it (`Store.keep_found_again`; `keep=False`: left to the caller, in
    `found_again`, so what was read is not held up by writing), so the next read takes it from
    the list."""
    top = store.max_rowid()
    if top < after_rowid:
        # Flows were deleted since (rowids are reused after the last ones go): read them all.
        after_rowid = 0
    if top == after_rowid:
        return StoredCredentials(frozenset(), top)
    values, unread = store.stored_credentials(session, after_rowid)
    found_again: tuple[tuple[str, SensitiveFields], ...] = ()
    if unread:
        if reader is None:
            reader = Redactor(Pseudonymizer(bytes(PSEUDONYM_KEY_BYTES)), pseudonymize=False)
        for record in _unread_flows(store, session, after_rowid, unread):
            found = reader.findings(record)
            if found is not None:
                values.update(found.secrets)
        # Kept (through a short-lived writer if `store` is read-only), the next read takes them
        # from the list: an older store's flows are searched once, not on every read.
        if keep:
            store.keep_found_again(reader.found_again)
        else:
            found_again = tuple(reader.found_again.items())
    # Flows stored while this read ran may be in it or not: the next read starts after `top`.
    return StoredCredentials(frozenset(values), top, found_again)
