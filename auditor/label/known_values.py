"""Known-value search: this machine's own values, and values the user entered, found in flows.

Each value is expanded once into the forms apps send it in: raw, lower case, MD5, SHA-1 and
SHA-256 (hex and base64), base64 / base64url and percent-encoding. All forms go into two Aho-Corasick
automata (ahocorasick-rs; one searched in the lower-cased text for text and hex forms, one
case-sensitive for base64 forms), and all strings of a flow are joined and scanned in one pass,
so the cost does not grow with the number of values.

False-positive control:
- values shorter than `MIN_LENGTH` are not searched at all; raw values shorter than
  `MIN_SUBSTRING_LENGTH` only match a field whose whole value is that value, and so does a
  meeting topic of one word ("Standup", "Retro": everyday words in prose);
- a meeting topic is found in any case ("summary of the vendor onboarding sync" holds
  "Vendor onboarding sync"), as every clear form is, on word boundaries;
- a raw match must stand on word boundaries (`alice` is not found inside `malice`); a
  percent-encoded separator before it (`%20`) is one;
- fields inside stack-frame source context are skipped (the taxonomy's convention);
- loopback and unspecified addresses are never collected as local IPs.
"""

from __future__ import annotations

import base64
import getpass
import hashlib
import ipaddress
import json
import os
import re
import socket
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus

import ahocorasick_rs

from auditor.label.detectors import Hit, excerpt_for, skip_header
from auditor.paths import DataDir
from auditor.records import Field

MIN_LENGTH = 4
_NO_FORMS: frozenset[int] = frozenset()
MIN_SUBSTRING_LENGTH = 6

# Kind of value → label for its clear forms, and for its one-way hashed forms.
KIND_CATEGORIES: dict[str, tuple[str, str]] = {
    "hostname": ("identifiers.network_id", "identifiers.network_id"),
    "username": ("identifiers.user_id", "identifiers.user_id"),
    "mac": ("identifiers.network_id", "identifiers.network_id"),
    "machine_id": ("identifiers.device_id", "identifiers.device_id"),
    "local_ip": ("identifiers.network_id", "identifiers.network_id"),
    "email": ("contact_info.email", "identifiers.user_id"),
    "name": ("contact_info.name", "identifiers.user_id"),
    "phone": ("contact_info.phone", "identifiers.user_id"),
    "meeting_id": ("meeting_metadata", "meeting_metadata"),
    "meeting_topic": ("meeting_metadata", "meeting_metadata"),
    "user_id": ("identifiers.user_id", "identifiers.user_id"),
    "device_id": ("identifiers.device_id", "identifiers.device_id"),
}
# The kinds a user tells the app about (`auditor known add KIND VALUE`, the GUI): the others are
# read from this machine.
USER_KINDS: dict[str, str] = {
    "email": "E-mail address",
    "name": "Name",
    "phone": "Phone number",
    "meeting_id": "Meeting id",
    "meeting_topic": "Meeting topic",
    "user_id": "User id",
    "device_id": "Device id",
}
HASHED_ENCODINGS = frozenset(
    {"md5", "sha1", "sha256", "md5 base64", "sha1 base64", "sha256 base64"}
)


@dataclass(frozen=True, slots=True)
class KnownValue:
    kind: str  # a key of KIND_CATEGORIES
    value: str


@dataclass(frozen=True, slots=True)
class Variant:
    kind: str
    encoding: str  # "raw", "lower case", "md5", "sha256 base64", "base64url", …
    original: str
    exact_only: bool = False


# A percent-encoded character (`%20`, `%3A`): a boundary in a URL's text.
_PERCENT_ESCAPE_RE = re.compile(r"%[0-9A-Fa-f]{2}")

# Lower-casing that keeps offsets: str.lower() can change the length of non-ASCII text.
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _automaton(forms: Mapping[str, Variant]) -> tuple[Any, list[Variant]] | None:
    """An Aho-Corasick automaton (ahocorasick-rs) over `forms` and the variant of each pattern
    by index; None when there are none. Its scan costs a few instructions per character, where
    pyahocorasick's trie walks a node's children one by one (hash and base64 forms give the root
    ~60 of them): the scan of a flow's joined strings was ~7% of the labeller's work."""
    if not forms:
        return None
    # A DFA scans with about half the instructions of the contiguous NFA the library picks
    # above 100 patterns (a user's values give a few hundred forms: digests, base64); its
    # tables grow with the patterns, so a larger set keeps the library's choice.
    matchkind = ahocorasick_rs.MatchKind.Standard
    if len(forms) <= MAX_DFA_FORMS:
        automaton = ahocorasick_rs.AhoCorasick(
            list(forms), matchkind=matchkind, implementation=ahocorasick_rs.Implementation.DFA
        )
    else:
        automaton = ahocorasick_rs.AhoCorasick(list(forms), matchkind=matchkind)
    return automaton, list(forms.values())


MAX_DFA_FORMS = 500


def _end_then_longest(match: tuple[int, int, int]) -> tuple[int, int]:
    return match[2], match[1]


def _digests(text: str) -> list[tuple[str, bytes]]:
    data = text.encode("utf-8")
    return [
        ("md5", hashlib.md5(data, usedforsecurity=False).digest()),
        ("sha1", hashlib.sha1(data, usedforsecurity=False).digest()),
        ("sha256", hashlib.sha256(data).digest()),
    ]


def _b64_forms(data: bytes) -> set[str]:
    std = base64.b64encode(data).decode("ascii")
    url = base64.urlsafe_b64encode(data).decode("ascii")
    return {std, std.rstrip("="), url, url.rstrip("=")}


def _spellings(kind: str, value: str) -> list[str]:
    """The clear spellings of one value that are worth hashing (MAC separators, case)."""
    spellings = [value]
    if kind == "mac":
        hexdigits = re.sub(r"[^0-9a-fA-F]", "", value).lower()
        pairs = [hexdigits[i : i + 2] for i in range(0, len(hexdigits), 2)]
        spellings = [
            ":".join(pairs),
            "-".join(pairs),
            hexdigits,
            ":".join(pairs).upper(),
            "-".join(pairs).upper(),
        ]
    else:
        # Apps normalise before hashing (Gravatar, analytics SDKs: trimmed and lower-cased; some
        # upper-case): a hash of any of these spellings is the same value. The value itself is
        # already trimmed.
        spellings.extend([value.lower(), value.upper()])
    return list(dict.fromkeys(spellings))


def expand(known: KnownValue) -> list[tuple[str, Variant, bool]]:
    """(text, variant, case_sensitive) for every form of one value."""
    out: list[tuple[str, Variant, bool]] = []
    value = known.value.strip()
    if len(value) < MIN_LENGTH:
        return out
    kind = known.kind
    # A one-word topic is an everyday word in prose: only a whole field is that topic.
    one_word = kind == "meeting_topic" and len(value.split()) < 2
    for spelling in _spellings(kind, value):
        encoding = (
            "raw" if spelling == value else ("lower case" if spelling == value.lower() else "raw")
        )
        out.append(
            (
                spelling,
                Variant(
                    kind,
                    encoding,
                    value,
                    exact_only=one_word or len(spelling) < MIN_SUBSTRING_LENGTH,
                ),
                False,
            )
        )
        for name, digest in _digests(spelling):
            out.append((digest.hex(), Variant(kind, name, value), False))
            for form in _b64_forms(digest):
                out.append((form, Variant(kind, f"{name} base64", value), True))
        data = spelling.encode("utf-8")
        for form in _b64_forms(data):
            if len(form) >= MIN_SUBSTRING_LENGTH:
                out.append((form, Variant(kind, "base64", value), True))
        for quoted in {quote(spelling, safe=""), quote_plus(spelling, safe="")}:
            if quoted != spelling:
                out.append((quoted, Variant(kind, "percent-encoded", value), False))
    return out


class KnownValues:
    """A set of values to look for in every flow, precompiled for one-pass search."""

    def __init__(self, values: Iterable[KnownValue] = ()) -> None:
        self.values: list[KnownValue] = []
        seen: set[tuple[str, str]] = set()
        for known in values:
            if known.kind not in KIND_CATEGORIES:
                raise ValueError(f"unknown kind of known value: {known.kind}")
            key = (known.kind, known.value.strip())
            if len(key[1]) >= MIN_LENGTH and key not in seen:
                seen.add(key)
                self.values.append(KnownValue(known.kind, key[1]))
        self._insensitive: dict[str, Variant] = {}
        self._sensitive: dict[str, Variant] = {}
        self._exact: dict[str, Variant] = {}
        for known in self.values:
            for text, variant, case_sensitive in expand(known):
                if variant.exact_only:
                    self._exact.setdefault(text.lower(), variant)
                elif case_sensitive:
                    self._sensitive.setdefault(text, variant)
                else:
                    self._insensitive.setdefault(text.translate(_ASCII_LOWER), variant)
        # Strings up to this long are looked up whole among the exact-only values (a margin for
        # the spaces a field's value is stripped of).
        self._exact_max = max([MIN_SUBSTRING_LENGTH, *map(len, self._exact)]) + 2
        # Case-insensitive forms are searched in the lower-cased text, base64 forms as they are.
        self._ac_insensitive = _automaton(self._insensitive)
        # Indexes of the raw forms that are numbers of at least 8 digits (meeting numbers).
        self._digit_forms = frozenset(
            index
            for index, (text, variant) in enumerate(self._insensitive.items())
            if variant.encoding == "raw" and len(text) >= 8 and text.isdigit()
        )
        self._ac_sensitive = _automaton(self._sensitive)
        lengths = [len(t) for t in (*self._insensitive, *self._sensitive)]
        self._min_len = min(lengths) if lengths else 1 << 30

    def __len__(self) -> int:
        return len(self.values)

    def __bool__(self) -> bool:
        return bool(self.values)

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, str | Sequence[str]]) -> KnownValues:
        """`{"email": "a@b.c", "name": ["Alice Example"], "meeting_id": "…"}`; unknown kinds
        are skipped so a settings file written by a newer version still loads."""
        values: list[KnownValue] = []
        for kind, raw in mapping.items():
            if kind not in KIND_CATEGORIES:
                continue
            items = [raw] if isinstance(raw, str) else list(raw)
            values.extend(KnownValue(kind, str(v)) for v in items if v)
        return cls(values)

    @classmethod
    def for_this_machine(
        cls,
        extra: Mapping[str, str | Sequence[str]] | None = None,
        *,
        known_values_file: Path | None = None,
        data_dir: DataDir | None = None,
    ) -> KnownValues:
        """Host name, user name, MAC addresses, machine id and local IPs of this machine, plus
        the user's own values from `extra` and from the data dir's known-values JSON file
        (`DataDir.known_values`, or `known_values_file`): `{"email": "…", "name": "…",
        "meeting_id": ["…", …]}`. The user's values live in the encrypted store (see
        `auditor.enrich.user_known_values`); the file is only read until a store migrates it."""
        values = list(machine_values())
        merged: dict[str, list[str]] = {}
        if known_values_file is None and data_dir is not None:
            known_values_file = data_dir.known_values
        if known_values_file is not None:
            for kind, items in _read_known_values_file(known_values_file).items():
                merged.setdefault(kind, []).extend(items)
        for kind, raw in (extra or {}).items():
            merged.setdefault(kind, []).extend([raw] if isinstance(raw, str) else list(raw))
        values.extend(cls.from_mapping(merged).values)
        return cls(values)

    # ----------------------------------------------------------------------------------------

    def search_text(self, text: str) -> list[tuple[Variant, str]]:
        """Every known form found in one string, as (variant, matched text)."""
        found: list[tuple[Variant, str]] = []
        if self._exact:
            exact = self._exact.get(text.strip().lower())
            if exact is not None:
                found.append((exact, text.strip()))
        if len(text) >= self._min_len:
            found.extend((variant, text[begin:end]) for begin, end, variant in self._scan(text))
        return found

    def _scan(self, text: str) -> list[tuple[int, int, Variant]]:
        """(start, end, variant) of every form in `text` that stands on word boundaries."""
        out: list[tuple[int, int, Variant]] = []
        size = len(text)
        lowered = text.lower()
        if len(lowered) != len(text):  # a few non-ASCII letters lower-case to two characters
            lowered = text.translate(_ASCII_LOWER)
        for compiled, haystack, digit_forms in (
            (self._ac_insensitive, lowered, self._digit_forms),
            (self._ac_sensitive, text, _NO_FORMS),
        ):
            if compiled is None:
                continue
            automaton, variants = compiled
            matches = automaton.find_matches_as_indexes(haystack, overlapping=True)
            if not matches:
                continue
            # By end, then the longest first: the order an Aho-Corasick walk reports them in.
            matches.sort(key=_end_then_longest)
            for index, begin, end in matches:
                # Word boundaries: a known value inside a longer token is another value. A
                # number (a meeting's) needs only digit boundaries: an id built from it
                # (`evt85512345678`, `rec-85512345678`) carries it (issue 15).
                before = text[begin - 1] if begin > 0 else ""
                after = text[end] if end < size else ""
                if before.isalnum() and begin >= 3 and _PERCENT_ESCAPE_RE.match(text, begin - 3):
                    # a percent-encoded separator (`meeting%2085512345678`, `%3AAlice`) ends
                    # the word before: the escape is the boundary (issue 15m)
                    before = "%"
                if (before.isalnum() or after.isalnum()) and not (
                    index in digit_forms and not before.isdigit() and not after.isdigit()
                ):
                    continue
                out.append((begin, end, variants[index]))
        return out

    def search(self, fields: Sequence[Field], url: str | None = None) -> list[Hit]:
        """Hits for every field (and the URL) that carries a known value in any form.

        All searchable strings of the flow are joined with NUL separators and scanned once per
        regex, which costs far less than one scan per field; a match is mapped back to its field
        by offset. The labeller gathers the strings in the field detectors' own pass over the
        fields (`FieldDetectors.detect_with_known`) and calls `search_gathered`.
        """
        if not self.values:
            return []
        gathered = KnownValueGathering(self, url)
        gather = gathered.gather
        for fld in fields:
            if not fld.in_stack_frame:
                gather(fld)
        return self.search_gathered(gathered)

    def search_gathered(self, gathered: KnownValueGathering) -> list[Hit]:
        """The hits of the strings `gathered` collected: exact matches first, in field order,
        then the matches of the one scan over all strings."""
        hits: list[Hit] = []
        seen: set[tuple[str, str, str]] = set()
        for variant, matched, fld in gathered.exact_found:
            self._hit(hits, seen, variant, matched, fld.where, fld.key)
        texts = gathered.texts
        if not texts:
            return hits
        text = "\x00".join(texts)
        found = self._scan(text)
        if not found:  # (the usual flow: the offsets of its strings are not needed)
            return hits
        owners = gathered.owners
        starts = [0]
        for part in texts[:-1]:
            starts.append(starts[-1] + len(part) + 1)
        for begin, end, variant in found:
            owner = owners[bisect_right(starts, begin) - 1]
            if owner is None:
                self._hit(hits, seen, variant, text[begin:end], "url", "url")
            else:
                self._hit(hits, seen, variant, text[begin:end], owner.where, owner.key)
        return hits

    @staticmethod
    def _hit(
        hits: list[Hit],
        seen: set[tuple[str, str, str]],
        variant: Variant,
        matched: str,
        where: str,
        key: str,
    ) -> None:
        clear, hashed = KIND_CATEGORIES[variant.kind]
        category = hashed if variant.encoding in HASHED_ENCODINGS else clear
        encoding = variant.encoding
        if encoding in ("raw", "lower case"):
            # Raw and lower-case spellings share one case-insensitive entry: say which it was.
            if matched == variant.original:
                encoding = "raw"
            elif matched == variant.original.lower():
                encoding = "lower case"
            else:
                encoding = "other case"
        marker = (category, variant.kind, where)
        if marker in seen:
            return
        seen.add(marker)
        excerpt = f"{variant.kind} ({encoding}): " + excerpt_for(category, key, matched)
        hits.append(Hit(category, f"known_value.{variant.kind}", where, excerpt, 0.95))


class KnownValueGathering:
    """The strings of one flow that the known-value search looks at, gathered field by field
    in field order (fields inside stack frames are left out by the caller). `gather` is the
    rule; `FieldDetectors.detect` applies the same rule inline in its own pass over the fields."""

    __slots__ = ("exact", "exact_found", "exact_max", "min_len", "owners", "texts", "url")

    def __init__(self, known: KnownValues, url: str | None) -> None:
        self.exact = known._exact
        self.min_len = known._min_len
        # strings up to this long are looked up whole among the short values
        self.exact_max = known._exact_max
        self.url = url
        self.exact_found: list[tuple[Variant, str, Field]] = []
        self.texts: list[str] = [url] if url else []
        self.owners: list[Field | None] = [None] if url else []

    def gather(self, fld: Field) -> None:
        value = fld.value
        exact = self.exact
        if not isinstance(value, str):
            if exact and isinstance(value, int) and not isinstance(value, bool):
                variant = exact.get(str(value))
                if variant is not None:
                    self.exact_found.append((variant, str(value), fld))
            return
        if exact and len(value) <= self.exact_max:
            variant = exact.get(value.strip().lower())
            if variant is not None:
                self.exact_found.append((variant, value.strip(), fld))
        if len(value) < self.min_len or value.startswith("hex:"):
            return
        path = fld.path
        if len(path) == 3 and self.url and path[0] == "url" and path[1] == "query":
            return  # already searched in the whole URL
        if len(path) == 2 and path[0] == "header" and skip_header(path[1]):
            return
        self.texts.append(value)
        self.owners.append(fld)


def _read_known_values_file(path: Path) -> dict[str, list[str]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    out: dict[str, list[str]] = {}
    for kind, raw in data.items():
        if isinstance(raw, str):
            out[str(kind)] = [raw]
        elif isinstance(raw, list):
            out[str(kind)] = [str(v) for v in raw if isinstance(v, str | int)]
    return out


def machine_values() -> list[KnownValue]:
    """This machine's host name, user name, MAC addresses, machine id and local IPs."""
    values: list[KnownValue] = []
    hostname = socket.gethostname()
    if hostname:
        values.append(KnownValue("hostname", hostname))
        short = hostname.split(".", 1)[0]
        if short != hostname:
            values.append(KnownValue("hostname", short))
    try:
        user = getpass.getuser()
    except (OSError, KeyError):
        user = os.environ.get("USER", "")
    if user:
        values.append(KnownValue("username", user))
    for machine_id_file in (Path("/etc/machine-id"), Path("/var/lib/dbus/machine-id")):
        try:
            machine_id = machine_id_file.read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            continue
        if machine_id:
            values.append(KnownValue("machine_id", machine_id))
    values.extend(_interface_values())
    return values


def _interface_values() -> list[KnownValue]:
    import psutil

    values: list[KnownValue] = []
    try:
        interfaces = psutil.net_if_addrs()
    except (OSError, RuntimeError):
        return values
    for addrs in interfaces.values():
        for addr in addrs:
            address = (addr.address or "").split("%", 1)[0]
            if addr.family == psutil.AF_LINK:
                if re.fullmatch(r"([0-9a-fA-F]{2}[:-]){5}[0-9a-fA-F]{2}", address) and (
                    address.replace("-", ":").lower() not in ("00:00:00:00:00:00",)
                ):
                    values.append(KnownValue("mac", address.lower()))
            elif addr.family in (socket.AF_INET, socket.AF_INET6):
                try:
                    ip = ipaddress.ip_address(address)
                except ValueError:
                    continue
                if not (ip.is_loopback or ip.is_unspecified):
                    values.append(KnownValue("local_ip", str(ip)))
    return values
