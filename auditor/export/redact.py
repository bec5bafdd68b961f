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
import dataclasses
import hashlib
import hmac
import ipaddress
import json
import os
import re
import secrets
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import parse_qsl, quote, quote_plus, urlencode, urlsplit, urlunsplit

from auditor.errors import StoreKeyError
from auditor.paths import DataDir
from auditor.records import (
    CREDENTIAL_HEADERS,
    REDACTED,
    Evidence,
    FlowRecord,
    Label,
    WebSocketMessage,
    is_secret_key,
    normalise_key,
    redact_cmdline,
)

KEYRING_SERVICE = "meeting-privacy-auditor"
PSEUDONYM_KEY_BYTES = 32
# Decoded bodies larger than this are not redacted field by field but dropped: they cannot be
# checked within bounded memory.
BODY_CAP = 32 * 1024 * 1024
MIN_VALUE_LEN = 4  # shorter values would be replaced inside unrelated words


# Keys whose values identify a person, device, install or session.
_IDENTIFIER_SUFFIXES = (
    "userid",
    "deviceid",
    "machineid",
    "installid",
    "installationid",
    "anonymousid",
    "distinctid",
    "visitorid",
    "sessionid",
    "accountid",
    "clientid",
    "localid",
    "email",
    "emailaddress",
    "hostname",
    "computername",
    "machinename",
    "devicename",
    "pcname",
    "macaddress",
    "ipaddress",
    "localip",
    "advertisingid",
    "serialnumber",
    "displayname",
    "fullname",
    "firstname",
    "lastname",
    "username",
    "phonenumber",
    "phone",
    "mobile",
    "meetingid",
    "participantid",
    "tenantid",
    "orgid",
)
_IDENTIFIER_EXACT = frozenset(
    {
        "uid",
        "cid",
        "sid",
        "did",
        "mac",
        "ip",
        "idfa",
        "idfv",
        "gaid",
        "adid",
        "imei",
        "user",
        "login",
        "mail",
        "upn",
        "hwid",
        "ldid",
    }
)

_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_GUID_RE = re.compile(
    r"(?<![0-9A-Za-z])[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"
    r"(?![0-9A-Za-z])"
)
_AUTH_SCHEME_RE = re.compile(
    r"(?i)\b(bearer|basic|digest|token|negotiate)\s+[A-Za-z0-9._~+/=:-]{6,}"
)
_JWT_RE = re.compile(r"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*")
_SECRET_WORDS = (
    r"[A-Za-z0-9_.-]*(?:password|passwd|pwd|passcode|secret|token|api[_-]?key|apikey|"
    r"access[_-]?key|private[_-]?key|sentry_key|signature|auth)"
)
# name=value (query strings, forms, command lines, logs) and "name": "value" (JSON inside text).
_SECRET_ASSIGN_RE = re.compile(rf"(?i)(?<![A-Za-z0-9])({_SECRET_WORDS})(=)([^&\s\"';,]+)")
_SECRET_JSON_RE = re.compile(rf"(?i)(\"{_SECRET_WORDS}\"\s*:\s*\")((?:[^\"\\]|\\.)*)(\")")


# Machine values too common to identify anyone; replacing them would only add noise.
_NOT_IDENTIFYING = frozenset(
    {"root", "user", "admin", "localhost", "localhost.localdomain", "debian", "ubuntu", "runner"}
)


def is_identifier_key(key: str) -> bool:
    norm = normalise_key(key)
    if not norm:
        return False
    if norm in _IDENTIFIER_EXACT:
        return True
    if norm.startswith("x") and norm[1:] in _IDENTIFIER_EXACT:
        return True
    return norm.endswith(_IDENTIFIER_SUFFIXES)


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
        try:
            ip = ipaddress.ip_address(text)
        except ValueError:
            ip = None
        if ip is not None:
            if ip.version == 4:
                return str(ipaddress.IPv4Address(bytes([240, *bytes.fromhex(mac[:6])])))
            return str(ipaddress.IPv6Address(bytes.fromhex("fd00" + mac[:28])))
        if re.fullmatch(r"(?:[0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}", text):
            sep = text[2]
            octets = [f"{(int(mac[0:2], 16) & 0xFC) | 0x02:02x}"]  # locally administered unicast
            octets += [mac[i : i + 2] for i in range(2, 12, 2)]
            return sep.join(octets)
        if len(text) >= 16 and re.fullmatch(r"[0-9a-fA-F]+", text):
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


class Redactor:
    """Redacts FlowRecords (returns copies) and free text.

    Values found under identifier keys anywhere are remembered and replaced wherever they show up
    later (URLs, evidence excerpts, other flows), so one device id is the same pseudonym everywhere.
    """

    def __init__(
        self,
        pseudonymizer: Pseudonymizer,
        known_values: Mapping[str, str] | None = None,
    ) -> None:
        self.p = pseudonymizer
        self._replacements: dict[str, str] = {}
        self._produced: set[str] = set()
        self._pattern: re.Pattern[str] | None = None
        self._dirty = True
        for value in (known_values or {}).values():
            if value and len(value) >= MIN_VALUE_LEN and value.lower() not in _NOT_IDENTIFYING:
                for form in encodings_of(value):
                    self._replacements[form] = self.p.pseudonym(form)
        self._dirty = True

    # -- values ----------------------------------------------------------------------------

    def remember(self, value: str) -> str:
        """Pseudonym for an identifier value; replaced wherever it shows up from now on."""
        text = value.strip()
        if not text:
            return value
        if text in self._produced:
            return text  # already a pseudonym
        pseudo = self._replacements.get(text) or self.p.pseudonym(text)
        if len(text) >= MIN_VALUE_LEN and text not in self._replacements:
            self._replacements[text] = pseudo
            self._dirty = True
        self._produced.add(pseudo)
        return pseudo

    def _known_pattern(self) -> re.Pattern[str]:
        """One pass over known values, e-mail addresses and GUIDs, so nothing is replaced twice
        (a pseudonym e-mail or GUID must not be pseudonymised again)."""
        if self._dirty or self._pattern is None:
            parts = []
            if self._replacements:
                alternatives = sorted(self._replacements, key=len, reverse=True)
                parts.append(
                    r"(?P<known>(?<![A-Za-z0-9])(?:"
                    + "|".join(re.escape(a) for a in alternatives)
                    + r")(?![A-Za-z0-9]))"
                )
            parts.append(f"(?P<email>{_EMAIL_RE.pattern})")
            parts.append(f"(?P<guid>{_GUID_RE.pattern})")
            self._pattern = re.compile("|".join(parts))
            self._dirty = False
        return self._pattern

    def _replace_values(self, text: str, *, same_length: bool = False) -> str:
        pattern = self._known_pattern()
        produced = self._produced

        def replace(match: re.Match[str]) -> str:
            value = match.group(0)
            if value in produced:
                return value
            if match.lastgroup == "known":
                out = self._replacements[value]
                if same_length and len(out) != len(value):
                    out = self.p.same_length(value)
            elif match.lastgroup == "email" and same_length:
                out = self.p.same_length(value)
            else:
                out = self.remember(value)
            produced.add(out)
            return out

        return pattern.sub(replace, text)

    def redact_text(self, text: str) -> str:
        if not text:
            return text
        out = _AUTH_SCHEME_RE.sub(lambda m: f"{m.group(1)} {REDACTED}", text)
        out = _JWT_RE.sub(REDACTED, out)
        out = _SECRET_JSON_RE.sub(lambda m: f"{m.group(1)}{REDACTED}{m.group(3)}", out)
        out = _SECRET_ASSIGN_RE.sub(lambda m: f"{m.group(1)}{m.group(2)}{REDACTED}", out)
        return self._replace_values(out)

    def redact_binary(self, data: bytes) -> bytes:
        """Same-length replacements only, so protobuf, Bond and other framed formats stay valid."""
        text = data.decode("latin-1")

        def blank(match: re.Match[str]) -> str:
            return "*" * len(match.group(0))

        out = _AUTH_SCHEME_RE.sub(
            lambda m: m.group(1) + "*" * (len(m.group(0)) - len(m.group(1))), text
        )
        out = _JWT_RE.sub(blank, out)
        out = _SECRET_ASSIGN_RE.sub(lambda m: m.group(1) + m.group(2) + "*" * len(m.group(3)), out)
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

    def redact_json(self, value: Any, *, key: str | None = None) -> Any:
        if key is not None and is_secret_key(key):
            if isinstance(value, bool) or value is None or value == "":
                return value
            return REDACTED
        if key is not None and is_identifier_key(key):
            return self._identifier_value(value)
        if isinstance(value, dict):
            return {k: self.redact_json(v, key=str(k)) for k, v in value.items()}
        if isinstance(value, list):
            return [self.redact_json(v, key=key) for v in value]
        if isinstance(value, str):
            return self._redact_string_value(value)
        return value

    def _redact_string_value(self, value: str) -> str:
        """A string inside JSON or a form: may itself be JSON or base64 JSON (Mixpanel `data=`)."""
        stripped = value.strip()
        if stripped[:1] in ("{", "[") and len(stripped) > 1:
            try:
                inner = json.loads(stripped)
            except (ValueError, RecursionError):
                inner = None
            if isinstance(inner, dict | list):
                return json.dumps(
                    self.redact_json(inner), ensure_ascii=False, separators=(",", ":")
                )
        if len(stripped) >= 8 and re.fullmatch(r"[A-Za-z0-9+/_-]+={0,2}", stripped):
            decoded = _b64_json(stripped)
            if decoded is not None:
                redacted = json.dumps(self.redact_json(decoded[0]), separators=(",", ":"))
                return decoded[1](redacted.encode("utf-8"))
        return self.redact_text(value)

    def redact_pairs(self, pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        for name, value in pairs:
            if is_secret_key(name, in_query=True):
                out.append((name, REDACTED if value else value))
            elif is_identifier_key(name) and value:
                out.append((name, self.remember(value)))
            else:
                out.append((name, self._redact_string_value(value)))
        return out

    def redact_url(self, url: str) -> str:
        try:
            parts = urlsplit(url)
        except ValueError:
            return self.redact_text(url)
        query = parts.query
        if query:
            pairs = parse_qsl(query, keep_blank_values=True)
            query = urlencode(self.redact_pairs(pairs), safe="[]")
        netloc = parts.netloc
        if "@" in netloc:  # user:password@host
            netloc = f"{REDACTED}@{netloc.rsplit('@', 1)[1]}"
        return urlunsplit((parts.scheme, netloc, self.redact_text(parts.path), query, ""))

    def redact_path(self, path: str) -> str:
        if "?" not in path:
            return self.redact_text(path)
        base, query = path.split("?", 1)
        pairs = parse_qsl(query, keep_blank_values=True)
        return f"{self.redact_text(base)}?{urlencode(self.redact_pairs(pairs), safe='[]')}"

    def redact_headers(self, headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        for name, value in headers:
            lname = name.lower()
            if lname in CREDENTIAL_HEADERS or is_secret_key(name):
                out.append((name, REDACTED))
            elif is_identifier_key(name):
                out.append((name, self.remember(value)))
            elif lname in ("referer", "origin", "location", "content-location"):
                out.append((name, self.redact_url(value)))
            else:
                out.append((name, self._redact_string_value(value)))
        return out

    # -- bodies ----------------------------------------------------------------------------

    def redact_body(self, body: bytes, content_type: str | None) -> bytes:
        ctype = (content_type or "").lower()
        if "multipart/" in ctype:
            parts = self._redact_multipart(body, content_type or "")
            if parts is not None:
                return parts
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return self.redact_binary(body)
        if "multipart/" in ctype:
            return self.redact_text(text).encode("utf-8")
        stripped = text.strip()
        if stripped[:1] in ("{", "["):
            try:
                parsed = json.loads(stripped)
            except (ValueError, RecursionError):
                parsed = None
            if parsed is not None:
                return json.dumps(
                    self.redact_json(parsed), ensure_ascii=False, separators=(",", ":")
                ).encode("utf-8")
            if "\n" in stripped:
                return self._redact_lines(text).encode("utf-8")
        if "x-www-form-urlencoded" in ctype or _looks_like_form(stripped):
            pairs = parse_qsl(stripped, keep_blank_values=True)
            return urlencode(self.redact_pairs(pairs), safe="[]").encode("utf-8")
        if "\n" in stripped:
            return self._redact_lines(text).encode("utf-8")
        return self.redact_text(text).encode("utf-8")

    def _redact_multipart(self, body: bytes, content_type: str) -> bytes | None:
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
        for chunk in chunks[1:]:
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
            if field and is_secret_key(field, in_query=True):
                value = REDACTED.encode()
            elif field and is_identifier_key(field) and value:
                value = self.remember(value.decode("utf-8", "replace")).encode("utf-8")
            else:
                value = self.redact_body(value, part_type.group(1).strip() if part_type else None)
            out.append(self.redact_text(headers).encode("latin-1", "replace") + sep + value + tail)
        return delimiter.join(out)

    def _redact_lines(self, text: str) -> str:
        """NDJSON, 1DS x-json-stream and Sentry envelopes: JSON per line, anything else as text."""
        out: list[str] = []
        for line in text.split("\n"):
            stripped = line.strip()
            if stripped[:1] in ("{", "["):
                try:
                    parsed = json.loads(stripped)
                except (ValueError, RecursionError):
                    parsed = None
                if parsed is not None:
                    out.append(json.dumps(self.redact_json(parsed), separators=(",", ":")))
                    continue
            out.append(self.redact_text(line))
        return "\n".join(out)

    def _message_body(
        self,
        body: bytes | None,
        headers: list[tuple[str, str]],
    ) -> tuple[bytes | None, list[tuple[str, str]], bool]:
        """(redacted body, headers to keep, dropped?)"""
        if body is None:
            return None, headers, False
        encoding = next((v for k, v in headers if k.lower() == "content-encoding"), None)
        ctype = next((v for k, v in headers if k.lower() == "content-type"), None)
        decoded = _decode_content(body, encoding) if encoding else body
        if decoded is None or len(decoded) > BODY_CAP:
            return None, headers, True
        redacted = self.redact_body(decoded, ctype)
        if encoding is None and redacted == body:
            return body, headers, False
        kept = [
            (k, str(len(redacted)) if k.lower() == "content-length" else v)
            for k, v in headers
            if k.lower() != "content-encoding"
        ]
        return redacted, kept, False

    # -- records ---------------------------------------------------------------------------

    def redact_record(self, record: FlowRecord) -> FlowRecord:
        rec = _copy_record(record)
        req = rec.request
        if req is not None:
            # URL and headers first: identifiers they name are then also caught in the body.
            req.url = self.redact_url(req.url)
            req.path = self.redact_path(req.path)
            req.headers = self.redact_headers(req.headers)
            body, req.headers, dropped = self._message_body(req.body, req.headers)
            req.body = body
            if dropped:
                rec.dropped_bodies = True
            if req.body is not None and not req.body_truncated:
                req.size = len(req.body)
        resp = rec.response
        if resp is not None:
            resp.headers = self.redact_headers(resp.headers)
            body, resp.headers, dropped = self._message_body(resp.body, resp.headers)
            resp.body = body
            if dropped:
                rec.dropped_bodies = True
            if resp.body is not None and not resp.body_truncated:
                resp.size = len(resp.body)
            resp.reason = self.redact_text(resp.reason)
        rec.websocket = [self._redact_ws(m) for m in rec.websocket]
        proc = rec.process
        if proc.cmdline:
            # The store's own masking first (keeps flags, masks arguments), then our values.
            masked = redact_cmdline(proc.cmdline) or []
            proc.cmdline = [self.redact_text(arg) for arg in masked]
        if proc.exe:
            proc.exe = self.redact_text(proc.exe)
        if proc.name:
            proc.name = self.redact_text(proc.name)
        if rec.client_addr is not None:
            host, port = rec.client_addr
            try:
                loopback = ipaddress.ip_address(host).is_loopback
            except ValueError:
                loopback = host == "localhost"
            if not loopback:
                rec.client_addr = (self.remember(host), port)
        if rec.error:
            rec.error = self.redact_text(rec.error)
        for label in rec.labels:
            for ev in label.evidence:
                ev.excerpt = self.redact_text(ev.excerpt)
                ev.where = self.redact_text(ev.where)
        # A second pass with what the whole record taught (a device id first seen in the body
        # may also sit in the URL or in the request body before the key that named it).
        if req is not None:
            req.url = self._second_pass_url(req.url)
            req.path = self.redact_text(req.path)
            if req.body:
                req.body = self._second_pass_body(req.body)
        if resp is not None and resp.body:
            resp.body = self._second_pass_body(resp.body)
        return rec

    def _second_pass_body(self, body: bytes) -> bytes:
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return self.redact_binary(body)
        return self._replace_values(text).encode("utf-8")

    def _second_pass_url(self, url: str) -> str:
        # Never the host: a server name is what the export is about, not an identifier.
        try:
            parts = urlsplit(url)
        except ValueError:
            return self.redact_text(url)
        return urlunsplit(
            (
                parts.scheme,
                parts.netloc,
                self.redact_text(parts.path),
                self.redact_text(parts.query),
                "",
            )
        )

    def _redact_ws(self, msg: WebSocketMessage) -> WebSocketMessage:
        if msg.is_text:
            content = self.redact_body(msg.content, "application/json")
        else:
            content = self.redact_binary(msg.content)
        return WebSocketMessage(
            from_client=msg.from_client,
            ts=msg.ts,
            is_text=msg.is_text,
            content=content,
            size=msg.size if msg.truncated else len(content),
            truncated=msg.truncated,
        )


def _copy_record(record: FlowRecord) -> FlowRecord:
    """A copy deep enough that redaction never touches the caller's record (copy.deepcopy is most
    of the cost of redacting otherwise)."""
    rec = dataclasses.replace(record)
    rec.process = dataclasses.replace(
        record.process, cmdline=list(record.process.cmdline) if record.process.cmdline else None
    )
    if record.request is not None:
        rec.request = dataclasses.replace(record.request, headers=list(record.request.headers))
    if record.response is not None:
        rec.response = dataclasses.replace(record.response, headers=list(record.response.headers))
    rec.labels = [
        Label(
            lab.category,
            [Evidence(ev.rule, ev.where, ev.excerpt) for ev in lab.evidence],
            lab.confidence,
        )
        for lab in record.labels
    ]
    rec.policy = [dataclasses.replace(f, permits=list(f.permits)) for f in record.policy]
    rec.websocket = list(record.websocket)  # messages are replaced, never changed in place
    rec.entity = dataclasses.replace(record.entity)
    if record.dns is not None:
        rec.dns = dataclasses.replace(record.dns, answers=list(record.dns.answers))
    return rec


def _looks_like_form(text: str) -> bool:
    return bool(text) and bool(
        re.fullmatch(r"[A-Za-z0-9_.~%+\[\]-]+=[^&\s]*(?:&[A-Za-z0-9_.~%+\[\]-]+=[^&\s]*)*", text)
    )


def _b64_json(text: str) -> tuple[Any, Callable[[bytes], str]] | None:
    """Decode base64 (standard or URL-safe) that holds a JSON object; give back an encoder too."""
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
