"""The sensitive-field vocabulary: what a key name, a value shape or a header name says a field
holds. One source of truth read by the labeller (`auditor.label.detectors`), the redactor
(`auditor.export.redact`), the record serializer (`auditor.records`) and the GUI's masking:
adding a key here is the one edit that makes all of them know it.

Key names are normalised (lower case, letters and digits only: `device_id`, `deviceId` and
`$device_id` are all `deviceid`) and classified once per (key, parent key) pair; the result is
cached, so the per-field cost is a couple of dict look-ups plus cheap value-shape checks.

This module imports nothing from the rest of the program, so every layer may read it.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import re
from collections.abc import Callable, Iterable
from functools import cache
from urllib.parse import unquote

# Header names whose values grant access. Their values never leave the program in clear unless the
# user asks for it explicitly (`--no-redact`).
CREDENTIAL_HEADERS: frozenset[str] = frozenset(
    {
        "authorization",
        "proxy-authorization",
        "cookie",
        "set-cookie",
        "x-api-key",
        "api-key",
        "x-auth-token",
        "x-access-token",
        "x-csrf-token",
        "x-xsrf-token",
        "x-sentry-auth",
        "x-amz-security-token",
        "x-goog-api-key",
        "x-zm-token",
        "x-zm-aid",
        "x-skypetoken",
        "authentication",
        "x-ms-client-request-id-token",
        "ocp-apim-subscription-key",
        "x-launchdarkly-user-agent-key",
    }
)


# --------------------------------------------------------------------------------------------
# Value tests

_REDACTED_RE = re.compile(
    r"^(\[?(redacted|filtered|removed|masked|hidden|scrubbed|deleted)\]?|<(redacted|filtered|"
    r"removed|masked)>|\*+|x{4,}|\.\.\.|…|\{\{auto\}\}|%s|null|undefined|none|n/a)$",
    re.IGNORECASE,
)


# The characters a match of `_REDACTED_RE` can start with (its case-insensitive letters in
# both cases, and `ſ`, which `re` folds to `s`): most values start with another, and then the
# regex need not run (tests/label/test_vocabulary.py checks the set against the regex).
_REDACTED_FIRST = frozenset("[<*.…{%rfmhsdxnuRFMHSDXNUſ")


def is_redacted(value: object) -> bool:
    """True for values an SDK masked, placeholders and empties: they carry no data."""
    if value is None:
        return True
    if isinstance(value, str):
        text = value.strip()
        return not text or (text[0] in _REDACTED_FIRST and _REDACTED_RE.match(text) is not None)
    return False


_UUID_RE = re.compile(
    r"^\{?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\}?$", re.IGNORECASE
)
_HEX_RE = re.compile(r"^(0x)?[0-9a-f]{16,}$", re.IGNORECASE)
_TOKEN_RE = re.compile(r"^[\w.:@|+/=$-]{2,256}$")
_IPV4_RE = re.compile(r"^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$")
_IPV6_SHAPE_RE = re.compile(r"^\[?[0-9a-fA-F:.]*:[0-9a-fA-F:.]*\]?$")
_MAC_RE = re.compile(r"^[0-9a-f]{2}([:-])[0-9a-f]{2}(\1[0-9a-f]{2}){4}$", re.IGNORECASE)
_EMAIL_RE = re.compile(
    r"(?<![\w.%+/:-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}\b"
)
_JWT_RE = re.compile(r"^eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{8,}$")
# A signed token: a base64url JSON object (`eyJ` is `{"`), then one or two base64url segments
# (JWS compact has three, `<claims>.<signature>` forms two; issue 15o). `v_signed_token` checks
# that the first segment decodes to a JSON object.
_SIGNED_TOKEN_RE = re.compile(r"^eyJ[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]{8,}){1,2}$")
_AUTH_SCHEME_RE = re.compile(r"^(bearer|basic|token|digest|sentry|ssws|hmac)\s+\S{6,}", re.I)
_TEL_URI_RE = re.compile(r"^tel:\+?[\d().-]{7,20}$", re.IGNORECASE)
# A meeting's join link inside a value (a page URL in a page view, a link in a message): the
# meeting number after `/j/`, `/join/`, `/wc/join/`, `/meeting(s)/`; Teams' `meetup-join`;
# Webex's `j.php?MTID=`; a Google Meet code. It names the meeting (meeting_metadata).
_JOIN_LINK_RE = re.compile(
    r"https?://[^/\s?#]+/(?:[^/\s?#]+/)?(?:(?:j|join|wc/join|meetings?)/[^/\s?#]*\d{6,}"
    r"|l/meetup-join/|j\.php\?mtid=)|https?://meet\.google\.com/[a-z]{3}-[a-z]{4}-[a-z]{3}\b",
    re.IGNORECASE,
)
_PHONE_RE = re.compile(r"^\+?[\d\s().-]{7,24}$")
_NAME_RE = re.compile(r"^[^\W\d_][^\W\d_'’ .-]*(?:[ '’.-]+[^\W\d_][^\W\d_'’.-]*){0,4}\.?$")
_HOSTNAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,252}$")
_OS_VALUE_RE = re.compile(
    r"\b(windows|win32|win64|darwin|macos|mac ?os|os ?x|linux|ubuntu|debian|fedora|android|ios|"
    r"ipados|chrome ?os|cros|freebsd)\b",
    re.IGNORECASE,
)
# A runtime and its version as user agents write them: `Python/3.12`, `node/v20.20.2`,
# `Node.js v20.20.2`, `nodejs#20.20.2` (AWS `md/`), `gl-python/3.12.1` (`x-goog-api-client`).
# Not after a hyphen or a word character: `grpc-python/1.60` and `splitio-nodejs/11` are SDKs.
_RUNTIME_VERSION_RE = re.compile(
    r"(?<![\w.-])(?:gl-)?(?:c?python|pypy|node(?:\.?js)?|ruby|go|java|openjdk|php|dart|deno|bun|"
    r"dotnet|\.net|rust|electron)(?:/v?|#v?| v)\d+(?:\.\d+)*",
    re.IGNORECASE,
)
# What SDKs send when they could not tell the platform (Stainless `unknown`, ua-parser's
# `Other`): no data about the machine (Stainless's `Other:sunos` does name one).
_UNKNOWN_PLATFORM_RE = re.compile(r"^(unknown|other)$", re.IGNORECASE)
_RESOLUTION_RE = re.compile(r"^\d{3,5}\s*[x×*]\s*\d{3,5}$")
_LANG_RE = re.compile(r"^[a-z]{2,3}([-_][A-Za-z0-9]{2,8})*([,;].*)?$", re.IGNORECASE)
_NUMBER_RE = re.compile(r"^-?\d{1,3}(\.\d+)?$")
_ATTRIBUTE_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
_AWS_REGION_RE = re.compile(r"^[a-z]{2}-[a-z]+-\d$")


def _text(value: object) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        return value
    return str(value)


def v_any(value: object) -> bool:
    return not is_redacted(value)


def v_present(value: object) -> bool:
    """Something other than an empty or masked value; False/0 count (a consent flag off)."""
    return value is not None and not is_redacted(value)


def v_id(value: object) -> bool:
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, int):
        return value > 0
    if isinstance(value, float):
        return False
    text = str(value).strip()
    if is_redacted(text) or len(text) < 2 or text.lower() in ("true", "false", "0", "-1"):
        return False
    return bool(_TOKEN_RE.match(text)) or bool(_UUID_RE.match(text))


def v_connection_id(value: object) -> bool:
    """The id of one connection of a client (`unleash-connection-id: <UUID>`, a socket's id),
    which links its requests as a session id does; not a bare number, which names a
    connection configured in an account (a telephony API's `connection_id: 1684641123236054244`
    picks the SIP or call-control connection a call goes through; issue 15j)."""
    if isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit()):
        return False
    return v_id(value)


# Operating-system service accounts: the account a process runs as (OpenTelemetry
# `process.owner: "root"`), the same on every machine, not a person's id (issue 15).
_SYSTEM_ACCOUNTS = frozenset(
    {
        *("root", "nobody", "daemon", "system", "www-data", "localsystem", "localservice"),
        *("local service", "network service", "nt authority\\system", "networkservice"),
    }
)


def v_user_id(value: object) -> bool:
    """A user id that is not an e-mail address: an address used as the id is contact data, and
    the e-mail detector names it (issue 15: Matomo's `uid`, TrackJS's `userId`); nor a service
    account of the operating system (`root`)."""
    if isinstance(value, str):
        text = value.strip()
        if "@" in text and _EMAIL_RE.fullmatch(text) is not None:
            return False
        if text.lower() in _SYSTEM_ACCOUNTS:
            return False
    return v_id(value)


# A FHIR reference to a person's resource (`{"reference": "Patient/erXuFYUfucBZ…"}`, relative
# with the resource type and its FHIR id, or absolute ending so): the patient, clinician, relative
# or person the record is for or by (issue 15bm, heldout33). Organization, Location, Encounter,
# Appointment and contained (`#…`) or `urn:uuid:` references name no person.
_FHIR_PERSON_REFERENCE_RE = re.compile(
    r"(?:^|/)(?:Patient|Practitioner|RelatedPerson|Person)/[A-Za-z0-9.\-]{1,64}(?:/_history/\w+)?$"
)


def v_fhir_person_reference(value: object) -> bool:
    """A FHIR reference to a Patient, Practitioner, RelatedPerson or Person: a user id."""
    return isinstance(value, str) and _FHIR_PERSON_REFERENCE_RE.search(value.strip()) is not None


# A Matrix user id (`@alice:example.org`, the homeserver with an optional port): `@`, a
# localpart, `:`, a server name. A room id starts `!`, a room alias `#`, an event id `$`:
# none of them names a person.
_MATRIX_USER_ID_RE = re.compile(
    r"^@[A-Za-z0-9._=/+-]{1,255}:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.)+[A-Za-z]{2,24}(?::\d{1,5})?$"
)


def v_matrix_user_id(value: object) -> bool:
    """A Matrix user id, whatever key holds it (`sender`, `invitee`, a path segment)."""
    return isinstance(value, str) and _MATRIX_USER_ID_RE.match(value) is not None


def v_uuid(value: object) -> bool:
    """An RFC 4122 uuid as text (`3c9e1f7a-4b2d-4e8a-9f60-a20d5b7c1e34`): an opaque id that
    spells nothing, unlike a meeting number or a name."""
    return isinstance(value, str) and _UUID_RE.match(value.strip()) is not None


def v_user_ref(value: object) -> bool:
    """A user referred to by id in a list of recipients, members or an actor: text that is a
    user id, not an e-mail address (contact data the e-mail detector names), a phone number
    or a count (`members: 5`)."""
    if not isinstance(value, str):
        return False
    text = value.strip()
    if _PHONE_RE.match(text) and sum(c.isdigit() for c in text) >= 7:
        return False
    return v_user_id(text)


def v_account_ref(value: object) -> bool:
    """A person's account named where a work item is assigned, followed, shared or granted
    (`assignee`, `followers`, `collaborators`, a grant's `login`): a user id or handle, or an
    e-mail address, which the service resolves to the person's account, so the address is the
    account's id there as well as contact data (docs/taxonomy.md "Which ids name a person").
    Not a phone number written as one (`+49 151 …`), a count or a redacted value; a bare run
    of digits is a numeric user id there (Asana's gids), as nobody is assigned a phone number."""
    if not isinstance(value, str):
        return False
    text = value.strip()
    if "@" in text and _EMAIL_RE.fullmatch(text):
        return not is_redacted(text)
    if text.isascii() and text.isdigit():
        return v_user_id(text)
    return v_user_ref(text)


def v_account_id(value: object) -> bool:
    """`v_account_ref` under a key that says it holds an id, where a one-digit id spelled as
    text (`"7"`: query strings have only text) is the id, as the number 7 is."""
    if isinstance(value, str) and len(value) == 1 and value in "123456789":
        return True
    return v_account_ref(value)


# A decentralised identifier of an AT Protocol account (`did:plc:` + its id, 24 base32
# characters on the network, or `did:web:` + a host name); a DID with a `#fragment` names a
# service endpoint of it (`did:web:api.bsky.chat#bsky_chat`), never a person (issue 15j).
_ACCOUNT_DID_RE = re.compile(
    r"^did:(?:plc:[a-z0-9]{8,64}|web:[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?)$"
)


def v_account_did(value: object) -> bool:
    """An account's DID (`did:plc:…`, `did:web:host`), not a service's (`…#bsky_chat`)."""
    return isinstance(value, str) and _ACCOUNT_DID_RE.match(value.strip()) is not None


def v_account_email(value: object) -> bool:
    """An e-mail address under a key whose bare text may name an organisation as well as a
    person (`owner: "meetcorp"`): only the address names a person's account."""
    return (
        isinstance(value, str)
        and "@" in value
        and _EMAIL_RE.fullmatch(value.strip()) is not None
        and not is_redacted(value)
    )


def v_record_ref(value: object) -> bool:
    """The opaque id of a record a business keeps about a person (`customer: "cus_NffrFe…"`,
    `"C-20931"`): an id with a digit or an inner capital, or a number of four digits or more;
    not a kind or tier of customer (`enterprise`), a name, a flag or a small count."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return value >= 1000
    if not isinstance(value, str):
        return False
    text = value.strip()
    if " " in text or not v_user_id(text):
        return False
    return any(c.isdigit() for c in text) or (
        any(c.isupper() for c in text[1:]) and any(c.islower() for c in text)
    )


# Words of an id that name an organisation, not a person (`acme-meet-org-alice-example`,
# `tenant_4471`, `ws-meetcorp`): the billed organisation's customer id of a metering or billing
# API spells the organisation it is for (issue 15ae, heldout18).
_ORG_ID_WORDS = frozenset(
    "org orgs organization organisation organizations organisations tenant tenants workspace "  # noqa: SIM905
    "workspaces company companies team teams ws".split()
)
_ID_WORD_SPLIT_RE = re.compile(r"[-_.:/]+")


def names_organisation(value: object) -> bool:
    """An id whose words name an organisation (`acme-meet-org-alice-example`, `tenant_4471`)."""
    if not isinstance(value, str):
        return False
    return any(
        word in _ORG_ID_WORDS for word in _ID_WORD_SPLIT_RE.split(value.strip().lower()) if word
    )


def v_customer_id(value: object) -> bool:
    """A customer id that names a person's account (a shop's `customer_id`, a CRM's client
    reference `alice.corpus`), not an organisation's: a billing or metering API's customer is
    often the billed organisation, and an id spelling `org`/`tenant`/`workspace` says so
    (docs/taxonomy.md: an organisation's id is no user id; issue 15ae)."""
    return v_user_id(value) and not names_organisation(value)


def v_person_name(value: object) -> bool:
    """A person's full name ("Alice Example"): two or more capitalised words. Under `from` or
    `sender` it is how a message names its author (a display name: user id and name)."""
    return (
        isinstance(value, str)
        and " " in value.strip()
        and v_name(value)
        and all(word[:1].isupper() for word in value.split())
    )


# A mail sender or recipient written as `Display Name <address>` (an RFC 5322 name-addr, the
# name optionally quoted): the name part.
_NAME_ADDR_RE = re.compile(r'^\s*"?([^"<>@]+?)"?\s*<\s*[^<>\s]+@[^<>\s]+\s*>\s*$')


def display_name_of(value: object) -> str | None:
    """The display name of a `Name <address>` sender, or the value itself when it is a name
    (`Alice Example`); None otherwise."""
    if not isinstance(value, str):
        return None
    if "<" in value:
        match = _NAME_ADDR_RE.match(value)
        return match.group(1).strip() if match is not None else None
    return value


def v_sender(value: object) -> bool:
    """A message's author named by a person's full name, alone or as the name of a
    `Name <address>` sender (`Alice Example <alice@example.com>`); not an app's one-word
    sender name (`MeetCorp <calendar@…>`) nor a bare address."""
    return v_person_name(display_name_of(value))


def v_principal_name(value: object) -> bool:
    """A user principal name or sign-in name: an account's id written as an e-mail address
    (`chiara@contoso.com`), or any other user id (issue 15)."""
    if isinstance(value, str) and "@" in value and _EMAIL_RE.fullmatch(value.strip()):
        return not is_redacted(value)
    return v_user_id(value)


def v_email_address(value: object) -> bool:
    """Exactly one e-mail address."""
    return (
        isinstance(value, str)
        and "@" in value
        and _EMAIL_RE.fullmatch(value.strip()) is not None
        and not is_redacted(value)
    )


# A user id the app sets in a visitor or anonymous id slot (issue 15): its own user-id prefix
# (`usr_3Hf8Wq20`, `user-1234`), not a random visitor cookie (`5f0c…`, a UUID).
_APP_USER_REF_RE = re.compile(
    r"^(?:usr|user|uid|member|acct|account|customer|cust)[_:-][A-Za-z0-9]"
)


def v_app_user_ref(value: object) -> bool:
    return (
        isinstance(value, str)
        and _APP_USER_REF_RE.match(value.strip()) is not None
        and any(c.isdigit() for c in value)
        and v_user_id(value)
    )


def v_user_text(value: object) -> bool:
    """A user id sent as text (a number under `user` is a count or a CPU time)."""
    return isinstance(value, str) and v_user_id(value)


# Public ids of an analytics property or tag container (Google's `UA-…`, `G-…`, `GTM-…`, `AW-…`):
# the site's, the same for every visitor.
_PROPERTY_ID_RE = re.compile(r"^(UA|G|GTM|AW|DC|GT|MO|YT)-[A-Z0-9]+(-\d+)?$")


def v_correlation_id(value: object) -> bool:
    """A correlation or tracking id, not a site's public analytics property id."""
    return v_id(value) and not (
        isinstance(value, str) and _PROPERTY_ID_RE.match(value.strip()) is not None
    )


def v_visitor_cookie(value: object) -> bool:
    """A visitor cookie's id (`wp_8c1e4f7a2b9d`, `GA1.2.1234.5678`), not a cookie jar
    (`a=b; c=d`) or a long session secret: a short bare token."""
    if not isinstance(value, str):
        return False
    text = value.strip()
    return 6 <= len(text) <= MAX_VISITOR_COOKIE_LEN and "=" not in text and v_id(text)


MAX_VISITOR_COOKIE_LEN = 40


def v_text(value: object) -> bool:
    """Free text a person wrote: a string with letters in it."""
    if not isinstance(value, str) or is_redacted(value) or len(value.strip()) < 2:
        return False
    if value.startswith("hex:") or _UUID_RE.match(value) or _HEX_RE.match(value):
        return False
    return any(c.isalpha() for c in value)


# A name spelled in words, as a slug or in prose (`cross-laminated-timber-fire-rating`, "Fire
# rating review"): two or more words of letters, one of four letters or more.
_NAME_WORD_SPLIT_RE = re.compile(r"[-_\s./]+")


def v_spelled_name(value: object) -> bool:
    """A room's or meeting's name spelling words (a topic made a slug), not an opaque id
    (`room-7f3a9c`, `r_8Kq2x`): a room's id names no meeting (issue 15af, heldout19)."""
    if not isinstance(value, str) or is_redacted(value):
        return False
    words = [word for word in _NAME_WORD_SPLIT_RE.split(value.strip()) if word]
    return (
        len(words) >= 2
        and all(word.isalpha() for word in words)
        and any(len(word) >= 4 for word in words)
    )


# Legal-form suffixes of a company's name ("Andes Hidro SpA", "Acme GmbH", "Foo S.A."): a name
# ending in one names an organisation, not a person (heldout15).
# Compared with their case (dots dropped): a surname such as "Se" or "Co" is no "SE" or "Co.".
_LEGAL_FORMS = frozenset(
    [
        "SpA",
        "SPA",
        "GmbH",
        "Ltd",
        "LTD",
        "Inc",
        "INC",
        "LLC",
        "LLP",
        "PLC",
        "plc",
        "AG",
        "BV",
        "NV",
        "AB",
        "Oy",
        "Oyj",
        "AS",
        "ASA",
        "ApS",
        "SA",
        "SAS",
        "SARL",
        "Sàrl",
        "SRL",
        "Srl",
        "SL",
        "SPRL",
        "KK",
        "KG",
        "Corp",
        "Pty",
        "Pte",
        "Bhd",
        "Lda",
        "Ltda",
        "GbR",
        "OHG",
        "UG",
        "SE",
    ]
)


def is_organisation_name(text: str) -> bool:
    """A name ending in a company's legal form (`SpA`, `GmbH`, `Ltd.`, `S.A.`, `Inc.`)."""
    words = text.split()
    if len(words) < 2:
        return False
    last = words[-1].rstrip(",").replace(".", "")
    return last in _LEGAL_FORMS or (words[-1] == "Co." and len(words) > 2)


def v_name(value: object) -> bool:
    if not isinstance(value, str) or is_redacted(value):
        return False
    text = value.strip()
    if not 2 <= len(text) <= 70 or not _NAME_RE.match(text):
        return False
    if is_organisation_name(text):
        return False
    # "Alice Example" or "Alice": a capitalised word; lowercase single tokens are usernames.
    return text[0].isupper() or " " in text


def v_phone(value: object) -> bool:
    text = _text(value)
    if text is None or not _PHONE_RE.match(text.strip()):
        return False
    digits = sum(c.isdigit() for c in text)
    return 7 <= digits <= 15


_ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def v_listed_phone(value: object) -> bool:
    """A phone number as the `value` of a contact's phone entry (`phone: [{value, label}]`):
    phone-shaped text that is not a date."""
    return isinstance(value, str) and v_phone(value) and not _ISO_DATE_RE.match(value.strip())


def v_email_field(value: object) -> bool:
    """What an e-mail key holds when it holds an address (or its hash): text, not a flag or a
    number (`"email": true` is a setting, issue 15)."""
    return isinstance(value, str) and not is_redacted(value)


_FLAG_TEXTS = frozenset({"true", "false", "yes", "no", "0", "1", "on", "off"})


def v_flag(value: object) -> bool:
    """A yes/no flag: a boolean, 0/1, or its text in a query (`useIP=false`)."""
    if isinstance(value, bool):
        return True
    if isinstance(value, int):
        return value in (0, 1)
    return isinstance(value, str) and value.strip().lower() in _FLAG_TEXTS


def v_private_chat_id(value: object) -> bool:
    """A messaging bot's `chat_id` as a positive number: a private chat's id is the user's own
    id (Telegram's Bot API; groups and channels have negative ids), so it names the person."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return value > 0
    return isinstance(value, str) and value.isascii() and value.isdigit() and value[:1] != "0"


def v_ip(value: object) -> bool:
    if not isinstance(value, str):
        return False
    text = value.strip()
    if _IPV4_RE.match(text):
        return text not in ("0.0.0.0", "255.255.255.255") and not text.startswith("127.")
    if ":" in text and len(text) >= 3 and _IPV6_SHAPE_RE.match(text):
        try:
            addr = ipaddress.IPv6Address(text.strip("[]"))
        except ValueError:
            return False
        return not (addr.is_loopback or addr.is_unspecified)
    return False


def v_ip_list(value: object) -> bool:
    """`X-Forwarded-For`-style lists: the first entry (the client) is an address."""
    return isinstance(value, str) and v_ip(value.split(",", 1)[0].strip())


def v_mac(value: object) -> bool:
    return (
        isinstance(value, str)
        and len(value) == 17
        and bool(_MAC_RE.match(value))
        and value.replace("-", ":") not in ("00:00:00:00:00:00", "ff:ff:ff:ff:ff:ff")
    )


def v_hostname(value: object) -> bool:
    if not isinstance(value, str) or is_redacted(value):
        return False
    text = value.strip()
    return (
        bool(_HOSTNAME_RE.match(text))
        and text.lower() not in ("localhost", "unknown", "local")
        and not _IPV4_RE.match(text)
    )


def v_bare_hostname(value: object) -> bool:
    """A machine's name without a domain (`vm`, `DESKTOP-4J2`), not `api.example.com`."""
    return (
        isinstance(value, str)
        and v_hostname(value)
        and "." not in value
        and any(c.isalpha() for c in value)
    )


def v_os(value: object) -> bool:
    text = _text(value)
    return (
        text is not None
        and not is_redacted(text)
        and len(text.strip()) >= 1
        and not _UNKNOWN_PLATFORM_RE.match(text.strip())
    )


def v_os_word(value: object) -> bool:
    text = _text(value)
    return text is not None and bool(_OS_VALUE_RE.search(text))


def v_agent_platform(value: object) -> bool:
    """A user agent copied into data that names the OS (`(X11; Linux x86_64)`, `Rust on Linux`)
    or a runtime version (`Python/3.12`, `nodejs/20.20.2`, Google's `gl-node/20.20.2`, AWS's
    `md/nodejs#20.20.2`); an SDK's own name and version (`axios/1.7`, `grpc-python/1.60`,
    `NodeJS-Server-SDK/1.3.0`) names neither (taxonomy, "Conventions that keep labels honest")."""
    text = _text(value)
    return text is not None and bool(_OS_VALUE_RE.search(text) or _RUNTIME_VERSION_RE.search(text))


# A user agent an SDK sends under a header of its own (`X-W3W-Wrapper: what3words-Python/3.4.0
# (Python 3.12.1; Linux-6.18…-x86_64-with-glibc2.36)`): product tokens, then a comment.
_AGENT_SHAPE_RE = re.compile(
    r"^[A-Za-z][\w.+-]{0,63}/v?\d[\w.+-]{0,31}(?: [A-Za-z][\w.+-]{0,63}/[\w.+-]{1,32}){0,4}"
    r" \(([^()]{3,300})\)"
)


def v_agent_header(value: object) -> bool:
    """A custom header's value is a user agent whose comment names the OS (`(Python 3.12.1;
    Linux-6.18…)`, as Stripe's client user agent does in JSON; issue 15bo): `device_info.os`.
    A product token alone (`acme-sdk/1.2.0`) or a comment naming neither (`(build 42)`) is
    not."""
    if not isinstance(value, str) or "(" not in value:
        return False
    match = _AGENT_SHAPE_RE.match(value.strip())
    return match is not None and _OS_VALUE_RE.search(match.group(1)) is not None


# A value that is one runtime token and nothing else (`python/3.12.1`, `node/v20.1.0`,
# `Node.js/20.1`): the runtime and its version, device_info.os under any key (taxonomy), as
# SDKs pack it into their platform headers (`env=python/3.12.1`). An SDK's own name and version
# (`box-python-generated-sdk/1.17.0`, `grpc-python/1.60`) is not one.
_RUNTIME_TOKEN_RE = re.compile(
    r"^(?:c?python|pypy|node(?:\.?js)?|ruby|go|java|openjdk|php|dart|deno|bun|dotnet|\.net|"
    r"rust|electron)/v?\d+(?:\.\d+){1,3}$",
    re.IGNORECASE,
)


_VERSION_NUMBER_RE = re.compile(r"^v?\d+(?:\.\d+){1,3}(?:[-+][\w.]+)?$")


def v_version_number(value: object) -> bool:
    """A version number (`3.12.1`, `v20.11.1`), not a range (`>=18`) or a word (`production`)."""
    return isinstance(value, str) and _VERSION_NUMBER_RE.match(value.strip()) is not None


# A runtime's bare name (`CPython`, `node`, Stainless's `X-Stainless-Runtime`): names the
# runtime; an SDK's own name under `runtime` (`lunary-js`) does not (issue 15v).
_RUNTIME_NAME_RE = re.compile(
    r"^(?:c?python|pypy|node(?:\.?js)?|ruby|go|java|openjdk|php|dart|deno|bun|dotnet|\.net|"
    r"rust|electron|jvm|graalvm|workerd|edge)(?:[ /]v?\d+(?:\.\d+){0,3})?$",
    re.IGNORECASE,
)


def v_runtime_value(value: object) -> bool:
    """A runtime's name, an OS, or a runtime and its version; not an SDK's name (`lunary-js`)."""
    text = _text(value)
    return text is not None and (
        _RUNTIME_NAME_RE.match(text.strip()) is not None or v_agent_platform(text)
    )


def v_runtime_token(value: object) -> bool:
    """The whole value is a runtime and its version (`python/3.12.1`, `node/v20.1.0`)."""
    return isinstance(value, str) and _RUNTIME_TOKEN_RE.match(value.strip()) is not None


# A client's user agent copied into text: a product, its version and a parenthesised comment
# (`MeetCorp desktop 5.17.2 (Windows 11)`, `Acme/2.1 (Linux; x86_64)`).
_AGENT_COMMENT_RE = re.compile(
    r"^[A-Za-z][\w .-]{0,40}?[ /]v?\d+(?:\.\d+){1,3}\s*\(([^()]{2,60})\)$"
)


def v_agent_comment_os(value: object) -> bool:
    """A user agent whose comment names the OS (taxonomy: a user agent in data earns the OS)."""
    if not isinstance(value, str):
        return False
    match = _AGENT_COMMENT_RE.match(value.strip())
    return match is not None and bool(_OS_VALUE_RE.search(match.group(1)))


# A push registration token (Firebase Cloud Messaging): the install's instance id, a colon, the
# `APA91b` token; it names one app install on one device.
_PUSH_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{8,64}:APA91b[A-Za-z0-9_-]{20,}$")
# Expo's push token (`ExponentPushToken[…]`, `ExpoPushToken[…]`): it names one app install too.
_EXPO_PUSH_TOKEN_RE = re.compile(r"^Expo(?:nent)?PushToken\[[A-Za-z0-9_-]{8,}\]$")
PUSH_TOKEN_STARTS = ("ExponentPushToken[", "ExpoPushToken[")


def v_push_token(value: object) -> bool:
    return isinstance(value, str) and (
        _PUSH_TOKEN_RE.match(value) is not None or _EXPO_PUSH_TOKEN_RE.match(value) is not None
    )


def v_locale(value: object) -> bool:
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, int | float):
        return True  # a UTC offset
    text = value.strip() if isinstance(value, str) else ""
    return bool(text) and not is_redacted(text)


def v_lang(value: object) -> bool:
    return isinstance(value, str) and bool(_LANG_RE.match(value.strip()))


def v_resolution(value: object) -> bool:
    return isinstance(value, str) and bool(_RESOLUTION_RE.match(value.strip()))


def v_signed_token(value: object) -> bool:
    """A signed token (JWT/JWS, or a two-segment `<base64url JSON>.<signature>`): a credential
    wherever it is, under any key (docs/taxonomy.md "Claims of a JWT")."""
    if not isinstance(value, str) or not value.startswith("eyJ"):
        return False
    if _JWT_RE.match(value):
        return True
    if not _SIGNED_TOKEN_RE.match(value):
        return False
    return _json_object_segment(value[: value.index(".")])


@cache
def _json_object_segment(segment: str) -> bool:
    import base64
    import binascii
    import json

    try:
        raw = base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))
        return isinstance(json.loads(raw), dict)
    except (binascii.Error, ValueError):
        return False


# A signing or hashing algorithm's name as a whole value (`HMAC-SHA256` in an
# `x-…-auth-method` header, `AWS4-HMAC-SHA256`, `RSA-SHA1`, a JWS `alg` like `HS256`; issue
# 15av): it names how a request is signed, it is no secret.
_ALGORITHM_NAME_RE = re.compile(
    r"^(?:aws4-)?(?:(?:hmac|rsa|rsa-pss|ecdsa|ed25519)[-_]?)?"
    r"(?:sha-?(?:1|224|256|384|512)|sha3-(?:256|384|512)|md5)$"
    r"|^(?:hs|rs|es|ps)(?:256|384|512)$|^ed25519$",
    re.I,
)


def v_cred(value: object) -> bool:
    if not isinstance(value, str | int) or isinstance(value, bool):
        return False
    text = str(value).strip()
    return (
        len(text) >= 3
        and not is_redacted(text)
        and text.lower() not in ("true", "false")
        and not _ALGORITHM_NAME_RE.match(text)
    )


# A session or API key under a short auth key of an RPC body (`ks`): an opaque token of 20+
# base64 characters mixing upper case, lower case and digits. A language (`ks: "en"`), a number
# or a word under the same letters is no key (issue 15aw, heldout27).
_OPAQUE_SESSION_KEY_RE = re.compile(r"^[A-Za-z0-9+/_-]{20,512}={0,2}$")


def v_opaque_session_key(value: object) -> bool:
    if not isinstance(value, str) or is_redacted(value):
        return False
    text = value.strip()
    return (
        _OPAQUE_SESSION_KEY_RE.match(text) is not None
        and any(c.isupper() for c in text)
        and any(c.islower() for c in text)
        and any(c.isdigit() for c in text)
    )


# Connection types as SDKs and the Network Information API name them.
_CONNECTION_TYPES = frozenset(
    {
        *("wifi", "wi-fi", "wlan", "ethernet", "wired", "cellular", "mobile", "bluetooth"),
        *("2g", "3g", "4g", "5g", "lte", "slow-2g", "wimax", "802.11x", "offline"),
    }
)


def v_connection_type(value: object) -> bool:
    """A connection type (`wifi`, `4g`, `ethernet`), not a `Connection: keep-alive` value."""
    return isinstance(value, str) and value.strip().lower() in _CONNECTION_TYPES


# The connection types that say nothing else: a bare `type` holding one is the connection's
# (a breadcrumb's `metadata.type: "wifi"`), while `mobile` or `wired` may name other kinds.
_CONNECTION_WORDS = frozenset(
    {"wifi", "wi-fi", "wlan", "ethernet", "cellular", "2g", "3g", "4g", "5g", "lte", "slow-2g"}
)


def v_connection_word(value: object) -> bool:
    return isinstance(value, str) and value.strip().lower() in _CONNECTION_WORDS


def v_region(value: object) -> bool:
    return (
        isinstance(value, str)
        and not is_redacted(value)
        and len(value.strip()) >= 2
        and not _AWS_REGION_RE.match(value.strip())
    )


# Coordinates written as one string (issue 15bo): `lat,lon` or `lon,lat`, pairs joined by `;`
# for a route's waypoints (`16.37208,48.20849;16.38297,48.21581`). Each number has a decimal
# part: `1920,1080` (a size), `10,20` (a range) are no coordinates.
_COORDINATE_PAIR_RE = re.compile(r"-?\d{1,3}\.\d{1,15}\s*,\s*-?\d{1,3}\.\d{1,15}")
_COORDINATE_TEXT_RE = re.compile(
    r"^-?\d{1,3}\.\d{1,15}\s*,\s*-?\d{1,3}\.\d{1,15}(?:;-?\d{1,3}\.\d{1,15}\s*,\s*-?\d{1,3}\.\d{1,15})*$"
)
# Keys a single coordinate string is sent under: a look-up's point (`coordinates`, `latlng`,
# `ll`), a search's bias (`focus`, `near`, `proximity`, `around`), a route's ends and stops.
COORDINATE_TEXT_KEYS = frozenset(
    [
        "coordinates",
        "coords",
        "coordinate",
        "latlng",
        "lnglat",
        "latlon",
        "lonlat",
        "ll",
        "focus",
        "focuspoint",
        "near",
        "proximity",
        "around",
        "origin",
        "destination",
        "waypoints",
        "position",
        "point",
        "center",
        "centre",
    ]
)
# Keys of a look-up's free search text (`q=46.76947,23.58552`): coordinates there only when
# they carry a precise location's decimals (a bare `12.50,13.99` may be anything).
COORDINATE_QUERY_KEYS = frozenset(["q", "query", "search", "address", "location"])


def coordinate_text_decimals(value: object) -> int | None:
    """The fewest decimals of the coordinates `value` spells as one string (`lat,lon`,
    `lon,lat`, `;`-joined pairs), or None when it is no such string: every pair is a latitude
    and a longitude in either order (one number within ±90, the other within ±180). The
    taxonomy's precision rule reads the decimals (three or more: precise)."""
    if not isinstance(value, str) or "," not in value or len(value) > 400:
        return None
    text = value.strip()
    if not _COORDINATE_TEXT_RE.match(text):
        return None
    fewest = 15
    for pair in _COORDINATE_PAIR_RE.findall(text):
        first, second = (part.strip() for part in pair.split(","))
        a, b = float(first), float(second)
        if not ((abs(a) <= 90 and abs(b) <= 180) or (abs(a) <= 180 and abs(b) <= 90)):
            return None
        if a == 0 and b == 0:
            return None
        fewest = min(fewest, len(first.split(".")[1]), len(second.split(".")[1]))
    return fewest


# A URL path segment's file extension an API puts after a look-up's input
# (`/mapbox.places/23.58552,46.76947.json`).
_PATH_FORMAT_SUFFIXES = (".json", ".geojson", ".xml")


# Path words after which a dotted number is a release's version (`/releases/2.10.1.0`), no
# IP address.
_VERSION_PATH_WORDS = frozenset(
    [
        "release",
        "releases",
        "version",
        "versions",
        "download",
        "downloads",
        "tag",
        "tags",
        "build",
        "builds",
        "dist",
        "v",
        "package",
        "packages",
        "ver",
    ]
)


def path_location_key(segment: str, previous: str = "") -> str | None:
    """The key a (percent-decoded) URL path segment is read under when it is a look-up's input
    that is personal data by its shape (issue 15bo): `ip` for an IP address (`/8.8.8.8`,
    `/geoip/v2.1/city/<ip>`), `coordinates` for coordinates as one string (`/<lon,lat>.json`,
    a route's `<lon,lat;lon,lat>`); else None. The redactor asks the same question."""
    if len(segment) < 7 or (not segment[:1].isdigit() and segment[:1] not in "-:["):
        return None
    text = segment
    for suffix in _PATH_FORMAT_SUFFIXES:
        if text.endswith(suffix):
            text = text[: -len(suffix)]
            break
    if "," in text:
        return "coordinates" if coordinate_text_decimals(text) is not None else None
    if (
        (text.count(".") == 3 or ":" in text)
        and previous.lower() not in _VERSION_PATH_WORDS
        and v_ip(text)
    ):
        return "ip"
    return None


def path_location_value(segment: str) -> str:
    """A `path_location_key` segment's value, without the format suffix."""
    for suffix in _PATH_FORMAT_SUFFIXES:
        if segment.endswith(suffix):
            return segment[: -len(suffix)]
    return segment


def v_coordinate(value: object) -> bool:
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, int | float):
        return -180.0 <= float(value) <= 180.0
    return isinstance(value, str) and bool(_NUMBER_RE.match(value.strip()))


def v_count(value: object) -> bool:
    """Hardware numbers (cores, memory) and names."""
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, int | float):
        return value > 0
    return not is_redacted(value) and len(str(value).strip()) >= 1


_MEASURE_RE = re.compile(r"^\s*[-+]?\.?\d")


def v_measure(value: object) -> bool:
    """A measured quantity: a number, or text that starts with one (`"12.5"`, `"40 ms"`); a
    setting's word (`latency: "low"`, `bitrate: "auto"`) measures nothing (issue 15x)."""
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, int | float):
        # (as before: a zero stays unread, a field filled in by default)
        return value > 0
    return isinstance(value, str) and bool(_MEASURE_RE.match(value))


def v_board_text(value: object) -> bool:
    """A machine's board id or name: text with a letter, not a bare number, nor a record's
    opaque id (a run of 16 or more hex digits, a database object id such as a feedback or task
    board's `boardID: "64f0a2c1b7d3e90142a5c8d1"`, or a uuid; heldout21): a machine's board
    id has a maker's prefix or a model's letters (`Mac-7BA5B2DFE22DDD8C`, `0W7V82`)."""
    if not isinstance(value, str):
        return False
    text = value.strip()
    return (
        any(c.isalpha() for c in text)
        and not is_redacted(text)
        and len(text) >= 2
        and _HEX_RE.match(text) is None
        and _UUID_RE.match(text) is None
    )


# Device types that name the kind of client, not the hardware: Application Insights web sends
# `ai.device.type: "Browser"`.
_CLIENT_KINDS = frozenset({"browser", "web", "webapp", "unknown", "other", "n/a"})


def v_device_kind(value: object) -> bool:
    """A device type or class ("Phone", "Windows.Desktop"), not the kind of client ("Browser")."""
    return v_count(value) and not (
        isinstance(value, str) and value.strip().lower() in _CLIENT_KINDS
    )


# Classes of device a user agent parser names (ua-parser's `device.type`, a survey or analytics
# SDK's `device: "desktop"`): the form of the client, not its make or model (taxonomy:
# hardware is make and model, CPU, memory), so no hardware (issue 15aa).
_DEVICE_CLASSES = frozenset(
    {
        *("desktop", "mobile", "tablet", "phone", "smartphone", "laptop", "pc", "computer"),
        *("tv", "smarttv", "console", "wearable", "embedded", "xr", "bot", "car"),
    }
)


def v_device_name(value: object) -> bool:
    """A device's name or model in a parsed user agent ("iPhone", "Pixel 8"), not its class
    ("desktop", "mobile") nor the kind of client ("Browser")."""
    return v_device_kind(value) and not (
        isinstance(value, str) and value.strip().lower() in _DEVICE_CLASSES
    )


# (a speech model named by its task, `stt-async-preview`, `tts-1`, `asr-en`; issue 15am)
_AI_MODEL_RE = re.compile(
    r"^(gpt|o\d|claude|llama|gemini|mistral|whisper|text-|embedding|davinci|phi-|qwen|"
    r"(?:stt|tts|asr)[-_])",
    re.I,
)


# A model's name as an AI or speech service spells it: lower-case words joined by hyphens, one
# of them a version (`nova-3`, `nova-2-general`, `whisper-1`, `llama-3.1-8b`): a slug no device
# maker gives a product ("Pixel 8", "SM-G991B", "21HD003AGE", "iPhone15,2"; issue 15j).
# A slug that ends in a release channel (`…-preview`, `…-latest`) is a model's too (issue 15am);
# its version may carry a `v` (`embed-v4.0`, `rerank-v3.5`; issue 15ar).
_MODEL_SLUG_RE = re.compile(
    r"^[a-z]+(?:-[a-z0-9.]+)*-v?\d[a-z0-9.]*(?:-[a-z0-9.]+)*$|"
    r"^[a-z]+(?:-[a-z0-9.]+)*-(?:preview|latest|experimental)$"
)


def v_device_model(value: object) -> bool:
    """A device model ("Pixel 8", "MacBookPro18,3"), not an AI model name ("gpt-4o",
    "nova-3")."""
    if not v_count(value):
        return False
    if isinstance(value, str):
        text = value.strip()
        return _AI_MODEL_RE.match(text) is None and _MODEL_SLUG_RE.match(text) is None
    return True


_WEB_VITAL_RE = re.compile(
    r"^(first_contentful_paint|largest_contentful_paint|cumulative_layout_shift|"
    r"first_input_delay|interaction_to_next_paint|time_to_first_byte|fcp|lcp|cls|fid|inp|ttfb|"
    r"page_?load(_time)?|dom_?content_?loaded|time_to_interactive|tti)(_ms|_s)?$",
    re.IGNORECASE,
)


# The levels of a log record that reports a problem (syslog, Python, log4j, pino, OTel names).
_PROBLEM_LEVELS = frozenset(
    [
        "warn",
        "warning",
        "error",
        "err",
        "fatal",
        "critical",
        "crit",
        "alert",
        "emerg",
        "emergency",
        "panic",
        "severe",
    ]
)


def v_problem_level(value: object) -> bool:
    """A log level word for a warning or an error: the record is diagnostics (taxonomy)."""
    return isinstance(value, str) and value.strip().lower() in _PROBLEM_LEVELS


def v_web_vital(value: object) -> bool:
    """A metric named as a page-load timing or web vital (`first_contentful_paint_ms`)."""
    return isinstance(value, str) and _WEB_VITAL_RE.match(value) is not None


def v_place(value: object) -> bool:
    """A place name, not a URL or a path (`location` often holds the page address)."""
    if not isinstance(value, str) or is_redacted(value):
        return False
    text = value.strip()
    return (
        len(text) >= 2
        and "://" not in text
        and not text.startswith(("/", "#", "?"))
        # an IP address as a `location` hint is the machine's network id, not a place
        and not (text[:1].isdigit() and v_ip(text))
    )


# An online meeting's placeholder for a place (`Microsoft Teams Meeting`, `Zoom`, `Online`): no
# location at all.
_ONLINE_PLACE_RE = re.compile(
    r"\b(meeting|online|virtual|teams|zoom|webex|google meet|skype|call|tbd|n/?a)\b", re.I
)


def v_event_place(value: object) -> bool:
    """An event's place by name (`Milan office, room Brera`), not an online meeting's stand-in."""
    return v_place(value) and _ONLINE_PLACE_RE.search(str(value)) is None


Validator = Callable[[object], bool]

# --------------------------------------------------------------------------------------------
# Key tables (normalised keys)

UID = "identifiers.user_id"
DID = "identifiers.device_id"
SID = "identifiers.session_id"
NID = "identifiers.network_id"
AID = "identifiers.advertising_id"
EMAIL = "contact_info.email"
NAME = "contact_info.name"
PHONE = "contact_info.phone"
OS = "device_info.os"
HW = "device_info.hardware"
LOCALE = "device_info.locale"
NET = "device_info.network"
PRECISE = "location.precise"
COARSE = "location.coarse"
CRED = "credentials"
CONSENT = "consent_signal"
MEETING = "meeting_metadata"
CHAT = "customer_content.chat"
TRANSCRIPT = "customer_content.transcript"
AUDIO = "customer_content.audio"
VIDEO = "customer_content.video"
FILES = "customer_content.files"
PERF = "service_generated.performance"
DIAG = "service_generated.diagnostics"

Rule = tuple[str, Validator, str]  # (category, value test, detector name)


def _table(category: str, validator: Validator, name: str, keys: str) -> dict[str, Rule]:
    return {k: (category, validator, name) for k in keys.split()}


EXACT_KEYS: dict[str, Rule] = {}
for _cat, _val, _name, _keys in (
    (
        UID,
        v_user_id,
        "user_id_key",
        "userid uid useruuid userguid userkey accountid accountuuid distinctid username "
        "puid authid aadobjectid oid msaid "
        "memberid personid profileid externalid externaluserid handle extid extuserid "
        "userhash useridentifier subscriberid slackuserid discorduserid zoomuserid "
        "usersid processowner "
        # the person a platform API call acts for (docs/taxonomy.md "Conventions"): a chat
        # identity (`Identity`, LiveKit `identity`), a meeting's host, the client's own
        # reference to its user (`client_ref`)
        "identity hostid hostuserid clientref clientreference "
        # a conversion's customer as the client refers to it (`customerExternalId`; issue 15av)
        "customerexternalid externalcustomerid "
        # a staff member of the business's team (a booking's `team_member_id`: the person's
        # staff account; issue 15bb)
        "teammemberid staffmemberid "
        # an employee's id in an HR system (`employeeId=117`, a batch's `individual_id`): the
        # HR record is the person's, as a profile id names its person (issue 15bf, heldout30);
        # a candidate's or application's record id stays a record id, as a CRM contact's
        "employeeid individualid "
        # a learner's id in a learning platform (`student_id`, `learnerId`, an event's
        # `attendee_id`): the person the course record is for, as an employee's (issue 15bj)
        "studentid learnerid attendeeid "
        # a clinician's or patient's id in a clinical or care platform (a client's
        # `dietitian_id`, a visit's `practitioner_id`): the person the care record is for or
        # by, as an employee's (issue 15bm, heldout33); a provider's (`provider_id`: an
        # identity provider's or a payer's) stays unread
        "dietitianid clinicianid practitionerid physicianid therapistid nurseid patientid "
        # the user an API call is made as (a forum API's `Api-Username` header: the person
        # acting; issue 15bm, heldout32)
        "apiusername",
    ),
    # A FHIR Reference's `reference` (`participant.actor`, `subject`, `sender`, `recipient`,
    # `author`, `performer`, a Bundle entry's resource alike): read by the value's resource
    # type, so a reference to an Organization, Location or Encounter stays a record's
    # (issue 15bm, heldout33).
    (UID, v_fhir_person_reference, "user_id_key", "reference"),
    # The users a notification, message or channel is for or by (issue 15: notification
    # triggers' `recipients: ["user-123"]` and `actor`, a channel's `members` and
    # `created_by_id`; an e-mail's `EventPayload` tagging it with the recipient's id): ids as
    # text, not addresses, phone numbers or counts.
    (
        UID,
        v_user_ref,
        "user_id_key",
        "recipients recipient recipientid actor actorid actors createdby createdbyid "
        "updatedbyid invitee invitees inviteeid receiver receivers receiverid senderid "
        "author authorid eventpayload "
        # who organises, creates, invites or asks (platform APIs; docs/taxonomy.md)
        "organizerid organiserid creatorid inviterid requesterid participantidentity "
        "useridentity",
    ),
    # The people a work item is assigned to, followed, watched or reviewed by, shared with or
    # granted to, the members of a channel or team, the people mentioned (heldout11: Asana's
    # `assignee`/`followers` given as e-mails, Box's `accessible_by.login`): the service resolves
    # each to an account, so an e-mail there is the account's id as well as an address. A
    # message's or an invitation's addressees (`recipients`, `invitees` above) are addresses.
    (
        UID,
        v_account_ref,
        "user_id_key",
        "assignee assignees assignedto assigneduser "
        "follower followers watcher watchers subscriberuser "
        "collaborator collaborators reviewer reviewers approver "
        "approvers grantee grantees sharedwith sharewith sharedwithusers "
        "accessibleby mentions mentionedusers members "
        # who votes on a request or reports an issue (a feedback board's `voterID`, an issue
        # tracker's `reporter`; heldout21)
        "voter voters reporter reporters "
        # the user a CRM record is assigned to or was assigned by (`RESPONSIBLE_ID: 7`,
        # `assigned_by_id`; heldout28, issue 15bd)
        "responsible assignedby "
        # the account's sign-in name (`login`), an address or a handle (heldout11)
        "login loginname",
    ),
    # The same roles under keys that say they hold an id (`RESPONSIBLE_ID`, `assignee_id`):
    # a one-digit id spelled as text too, as query strings and command strings spell every
    # number (a batch command's `fields[RESPONSIBLE_ID]=7`, heldout28; issue 15bj).
    (
        UID,
        v_account_id,
        "user_id_key",
        "assigneeid assigneduserid followerid watcherid collaboratorid reviewerid approverid "
        "granteeid ownerid voterid reporterid responsibleid responsibleuserid assignedbyid "
        # the person who books a desk, a room or a trip (`reserver_id`, `booker_id`; issue 15bo)
        "loginid reserverid bookerid bookedbyid reservedbyid",
    ),
    # and who created a resource, named by an address (a meeting bot request's `creator`;
    # issue 15aw, heldout27): the person acting, as `owner`; other text there may be an app
    (UID, v_account_email, "user_id_key", "owner owners creator"),
    # The same roles named by their e-mail key (a CRM note's `author_email`, a record's
    # `owner_email`; heldout15): the author's or owner's account, an address too.
    (
        UID,
        v_account_email,
        "user_id_key",
        "authoremail creatoremail createdbyemail owneremail assigneeemail",
    ),
    # A machine's board id is text (Apple's `board-id: Mac-7BA5B2DF…`, a DMI board name); a
    # number there is a work board's id (`board_id: 5012345678` of a work-board API, sdk10).
    (HW, v_board_text, "hardware_key", "boardid"),
    # Who hosts, organises or moderates a meeting, named by an e-mail address (a transcription
    # job's `details.host`, sdk10): the service resolves it to the person's account, as for
    # `owner`; their bare text may be a room or a role. `host` holding a machine's name stays a
    # network id (VALUE_DECIDED_KEYS).
    (
        UID,
        v_account_email,
        "user_id_key",
        "organizer organiser organizeremail organiseremail moderator moderators presenter "
        "presenters cohost cohosts",
    ),
    # A business's customer record by its id (a payments `customer: "cus_…"` on an invoice
    # item, sdk10): the account a person holds with the business, whose record keeps their
    # name and address, as `customerId` above; not a tier (`enterprise`) or a name.
    (UID, v_record_ref, "user_id_key", "customer"),
    # A customer's id names the person's account with the business (a shop's order, a CRM
    # contact, the client's reference to its user), unless it names an organisation: a
    # metering or billing API's customer is the billed organisation (issue 15ae).
    (UID, v_customer_id, "user_id_key", "customerid"),
    # The vendor's id of a person (a survey vendor's `person: "pers-4412"` beside the score she
    # gave): the person's record with the vendor, as `personId` above (issue 15ae); an id with a
    # digit or an inner capital, not a name, a flag or a count.
    (UID, v_record_ref, "user_id_key", "person"),
    # The account an AT Protocol call acts on, by its DID (`repo` of a record written to the
    # user's repository, a `did`; issue 15j): a git `repo: "owner/name"` is no DID.
    (UID, v_account_did, "user_id_key", "repo did"),
    # A scalar `user` (logfmt `user=usr_x`, a tag `user:…`; redaction already pseudonymises it
    # as an identifier key), only as text: Node's `cpuUsage.user` is CPU time. A `user` object
    # is read through PARENT_GROUPS instead.
    (UID, v_user_text, "user_id_key", "user"),
    (
        UID,
        v_any,
        "display_name_key",
        "displayname imdisplayname screenname nickname username fullusername",
    ),
    # A message's author named by a real name (`from: "Alice Example"` in a chat message the app
    # publishes): a display name, so a user id and a name (issue 15; not an address or a date).
    # `Alice Example <alice@example.com>` names its author the same way (issue 15).
    (UID, v_sender, "display_name_key", "from sender sendername fromname"),
    # A user principal name (Entra ID `upn`, `userPrincipalName`): the account's sign-in id,
    # an e-mail address by its form: a user id and an address (docs/taxonomy.md, issue 15).
    (UID, v_principal_name, "user_id_key", "upn userprincipalname"),
    (
        DID,
        v_id,
        "device_id_key",
        "deviceid deviceuuid deviceguid machineid machineguid installid installationid "
        "anonymousid anonid anonymoususerid hardwareid hwid udid sqmid clientinstallid "
        "appinstanceid devicefingerprint fingerprint computerid telemetryid duid nuid "
        "domainuserid networkuserid cid msfpc deviceidentifier instanceid installuuid "
        "androiduuid androidid idfv vendorid clientid appleidfv "
        # OpenTelemetry `app.installation.id`, Glean `profile_group_id`, GA4 `user_pseudo_id`
        # and `ga_client_id` (per-browser ids), Pendo/Adobe `visitorId` cookies (issue 15)
        "appinstallationid profilegroupid userpseudoid gaclientid visitorid "
        # Statsig `stableID` (a per-install id kept in storage)
        "stableid "
        # per-browser and visitor-cookie ids under other spellings (issue 15)
        "browserid visitoruuid cookieid visitorcookie anonymousvisitorid "
        # Mixpanel/PostHog `$anon_distinct_id` (the anonymous id before identify); Sentry's
        # `device_app_hash` and `device_unique_identifier`; per-device tokens (Branch)
        "anondistinctid deviceapphash deviceuniqueidentifier uniquedeviceid deviceuniqueid "
        "devicefingerprintid devicetoken randomizeddevicetoken "
        # push registration tokens (FCM, APNs): one app install on one device (issue 15)
        "pushtoken fcmtoken gcmtoken apnstoken apnsdevicetoken registrationtoken "
        "registrationids expopushtoken voiptoken pushkittoken "
        # a visitor code (Kameleoon `visitorCode`: a per-browser id unless the app sets its
        # user's id there, which the detectors read by the value; issue 15)
        "visitorcode "
        # a push service's persistent device id (`device_iden`, `target_device_iden`,
        # `source_device_iden`: the device a push or an SMS is sent to or from; issue 15w); a
        # bare `iden` names a push or a chat, not a device
        "deviceiden targetdeviceiden sourcedeviceiden "
        # the machine's boot id an APM agent sends with its host record (`bootId`, issue 15br)
        "bootid",
    ),
    (
        SID,
        v_id,
        "session_id_key",
        "sessionid sessionuuid sesid sid sessionkey correlationid traceid visitid "
        "requestchainid sessionguid browsersessionid clientsessionid aioperationid mscv "
        "correlationvector",
    ),
    (SID, v_connection_id, "session_id_key", "connectionid"),
    # Webex `TrackingID` correlation ids, not an analytics property's public id under the same
    # name (`tracking_id: "UA-12345-1"`, `G-ABC123`; issue 15).
    (SID, v_correlation_id, "session_id_key", "trackingid"),
    # Issue 15, from real traffic: Glean/Telemetry `client_id`/`clientId` (a per-profile install
    # id; not a `Client-Id` header nor an OAuth client id, see header_kind and the labeller),
    # Webex `TrackingID` and 1DS `MS-CV` (request-chain correlation ids, also sent as headers),
    # Omaha/Client Hints hardware, connection types, Snowplow mobile_context ids and a user agent
    # copied into CGI-style request data joined the rows of their kind; web-vital metric names:
    (PERF, v_web_vital, "web_vital_value", "metric metricname"),
    # A warning/error log record (NDJSON, msgpack or JSON log streams) is diagnostics, whatever
    # else the flow says; info/debug records are left to the log-record heuristic.
    (
        DIAG,
        v_problem_level,
        "log_level_value",
        "level loglevel levelname severity severitytext lvl",
    ),
    # Issue 15, from the sdk7 set: a Python logger's `interpreter_version`, the Client Hint
    # `Sec-CH-Width` copied into a page hit (a viewport size is not hardware: heldout3's Faro
    # `viewportWidth`), a browser SDK's `projectKey`, and a `connection` that names a
    # connection type (not `keep-alive`).
    (OS, v_os, "os_key", "interpreterversion"),
    # Issue 15v, from heldout16: a bare `runtime` names the OS or a runtime only when its value
    # does (`CPython`, `node/v20.1.0`, `Linux`); an SDK's own name there (`lunary-js`, an LLM
    # run batch's field) is neither (taxonomy: an SDK's name earns no os).
    (OS, v_runtime_value, "os_key", "runtime"),
    (HW, v_count, "hardware_key", "secchwidth"),
    (CRED, v_cred, "credential_key", "projectkey"),
    # A session key under a short auth key of an RPC body (a video platform's `ks` beside the
    # call's parameters; issue 15aw): only an opaque token, so `ks: "en"` stays no credential.
    (CRED, v_opaque_session_key, "credential_key", "ks"),
    (NET, v_connection_type, "network_key", "connection connectivity"),
    # a generic `type` naming a connection type (issue 15: AppSignal breadcrumb metadata)
    (NET, v_connection_word, "network_key", "type"),
    # A log event's `host`/`logsource` (Logstash, Loki streams, pino) holding a machine's bare
    # name; a dotted name there may be a service's domain, and a URL's host is no field.
    (NID, v_bare_hostname, "hostname_key", "host logsource sourcehost"),
    # An APM's request/transaction id ties an error to the traced request, as a trace id does
    # (Scout `request_id`, Elastic `transaction_id`, Omaha `requestid`).
    (SID, v_id, "session_id_key", "requestid transactionid"),
    (
        AID,
        v_id,
        "advertising_id_key",
        "idfa gaid adid advertisingid adidentifier iosifa ifa aaid googleadid androidadid "
        "advertiserid gpsadid googleadvertisingid advertisingidentifier fireadid oaid "
        "amazonadvertisingid appleidfa androididfa "
        # the ad click a conversion is attributed to (an attribution id: `clickId`, Google's
        # `gclid`, Meta's `fbclid`, Microsoft's `msclkid`, TikTok's `ttclid`; issue 15av)
        "clickid gclid fbclid msclkid ttclid",
    ),
    (
        NID,
        v_hostname,
        "hostname_key",
        "hostname computername machinename pcname servername devicename localhostname "
        "netbiosname fqdn aicloudroleinstance",
    ),
    (
        NID,
        v_ip,
        "ip_key",
        "ip ipaddress ipaddr clientip localip publicip remoteip remoteaddr userip ipv4 ipv6 "
        "privateip lanip wanip ailocationip "
        # `X-Real-IP`, `True-Client-IP`-style names and a machine's own address (issue 15)
        "realip sourceip hostip deviceip machineip",
    ),
    # `X-Forwarded-For` in a captured request: no proxy has added it yet, so the program did:
    # its client address (server-side SDKs forward the end user's).
    (NID, v_ip_list, "ip_key", "forwardedfor xforwardedfor"),
    (NID, v_mac, "mac_key", "mac macaddress macaddr hwaddr"),
    (EMAIL, v_email_field, "email_key", "email emailaddress mail useremail"),
    (
        NAME,
        v_name,
        "name_key",
        "firstname lastname fullname givenname familyname surname realname middlename "
        "personname legalname "
        # mailing-list merge fields (`FNAME`, `LNAME`; issue 15)
        "fname lname",
    ),
    # who speaks in a transcript (a WebVTT voice, a minutes line `Alice Example: …`): a
    # person's full name; a one-word label (`Speaker 1`, `Host`) is not one (issue 15)
    (NAME, v_person_name, "name_key", "speaker speakername"),
    (
        PHONE,
        v_phone,
        "phone_key",
        "phone phonenumber mobile mobilenumber tel telephone msisdn cell cellphone "
        "phonenr callernumber calleenumber dialednumber telnumber mobilephone homephone "
        "workphone callbacknumber "
        # the number an SMS goes to, as a contact attribute (`attributes.SMS: "+41…"`)
        "sms smsnumber",
    ),
    (
        OS,
        v_os,
        "os_key",
        "os osname osversion osver osbuild osarch ostype osfamily osplatform operatingsystem "
        "kernelversion kernel systemversion osrelease oslocale platformversion uap uapv uaa "
        "winver windowsversion macosversion arch architecture cpuarch runtimeversion "
        "pythonversion nodeversion osbuildnumber osmajor osminor osdistro languageversion "
        "pythonruntime "
        # kernel names (issue 15)
        "kernelrelease kernelname "
        # OpenTelemetry `host.arch`, User-Agent Client Hints sent in bodies (issue 15)
        "hostarch machinearch devicearch cpuarchitecture secchuaplatform secchuaplatformversion secchuaarch secchuabitness "
        # an OS under the client's or the system's name (`client_os`, an agent's `system_os`,
        # `system_distro`, `system_kernel`, `system_architecture`; issue 15)
        "clientos clientosname clientosversion systemos systemdistro systemkernel "
        "systemarchitecture",
    ),
    (
        OS,
        v_os_word,
        "os_value",
        "platform system systemname devicetype "
        # a Linux distribution (issue 15)
        "distro osdistribution deviceos",
    ),
    (
        OS,
        v_agent_platform,
        "os_value",
        # a user agent copied into a body, a query (tracking pixels, Matomo `ua`) or a custom
        # header: device_info.os when it names the OS or a runtime version (taxonomy)
        "useragent httpuseragent useragentoriginal ua rawuseragent "
        # the same under a qualifier saying it is the agent's text or whose it is
        # (`user_agent_string`, `uaString`, `browser_user_agent`; issue 15o)
        "useragentstring useragentstr uastring useragentheader browseruseragent "
        "clientuseragent",
    ),
    (
        OS,
        v_agent_platform,
        "os_value",
        # the client a person runs, named by its OS and version in a body (`desktopClient:
        # "macOS 5.17.3"`, `clientPlatform: "Windows 11"`): a user agent's platform copied into
        # data (taxonomy; issue 15af, heldout19); a client named without an OS earns nothing
        "desktopclient mobileclient nativeclient clientplatform appplatform clientagent",
    ),
    (
        HW,
        v_count,
        "hardware_key",
        "devicemodel manufacturer devicemanufacturer make brand devicebrand cpu "
        "cpucores cpucount processorcount processor numcpus cpumodel cpuname cpubrand "
        "cpudescription cpufrequency memory memorysize totalmemory ram physicalmemory "
        "totalphysicalmemory totalmem "
        "freememory gpu gpuname gpuvendor gpurenderer gpumodel screenresolution resolution "
        "screenwidth screenheight screendensity screendpi displayresolution microphone "
        "micname camera cameraname speakerdevice headset audiodevice audioinputdevice "
        "audiooutputdevice videodevice webcam diskid diskserial serialnumber bios "
        "hardwaremodel uam devmake devmodel hardware storagesize disksize "
        "totaldisk devicefamily aidevicemodel screenres colordepth physmemory memorymb "
        "hardwareconcurrency devicememory cpucores logicalprocessors "
        # OpenTelemetry `device.model.identifier`/`.name`, Client Hints model (issue 15)
        "devicemodelidentifier devicemodelname secchuamodel "
        # processor counts, memory and pixel ratio under other spellings (issue 15)
        "numcores corecount cpucorecount logicalcpus logicalcores physicalcores numprocessors "
        "memtotal totalmemorymb totalram ramgb ramsize systemmemory availablephysicalmemory "
        "freemem devicepixelratio pixelratio screencolordepth cputype hardwarename "
        "displaywidth displayheight",
    ),
    # `device` as a leaf (Countly `_device`, Mixpanel `$device`: "iPhone12,1"; issue 15)
    (HW, v_device_kind, "hardware_key", "deviceclass aidevicetype device"),
    (HW, v_resolution, "resolution_value", "res screen screensize sr"),
    (HW, v_device_model, "hardware_key", "model"),
    (
        LOCALE,
        v_locale,
        "locale_key",
        "locale timezone tz timezoneoffset tzoffset utcoffset keyboardlayout keyboard "
        "inputlanguage systemlocale uilocale userlocale applocale oslocale localeinfo "
        "browserlocale aidevicelocale",
    ),
    (
        LOCALE,
        v_lang,
        "language_key",
        "language lang languages browserlanguage browserlang uilanguage userlanguage ul hl "
        "systemlanguage applanguage oslanguage acceptlanguage "
        # a language by its code, the locales a person prefers (`language_code: "en"` of a
        # speech job, Stripe's `preferred_locales[0]`; issue 15)
        "languagecode langcode locales preferredlocales "
        # the languages a post is written in (AT Protocol `langs: ["en"]`; issue 15j)
        "langs",
    ),
    (
        NET,
        v_any,
        "network_key",
        "network networktype connectiontype effectivetype nettype carrier networkcarrier "
        "wifi wifissid ssid bssid bandwidth downlink uplink isp networkprovider networkwifi "
        "networkcellular radio wired vpn connectionquality networkquality wifisignal "
        "signalstrength conntype networkeffectivetype connectioneffectivetype "
        # mobile carrier names (App Center `carrierName`; issue 15)
        "carriername networkoperator networkoperatorname simoperator simoperatorname",
    ),
    (
        COARSE,
        v_region,
        "coarse_location_key",
        "city country countrycode region regioncode province postalcode zip zipcode "
        "geoipcityname geoipcountryname geoipcountrycode geoipsubdivision1name geocountry "
        "geocity georegion countryname cityname metro dma continent "
        # flattened address keys (`address_city`, `billing_country`; issue 15p)
        "addresscity addresscountry addressregion addressstate addresscountrycode "
        "billingcity billingcountry billingregion billingstate billingcountrycode "
        "shippingcity shippingcountry shippingregion shippingstate shippingcountrycode "
        "mailingcity mailingcountry mailingstate homecity homecountry "
        # a search narrowed to a country (`clip-to-country=AT`, `restrict_to_country`; issue
        # 15bo): the country a look-up is about
        "cliptocountry restricttocountry countrycodes countries",
    ),
    (
        CRED,
        v_cred,
        "credential_key",
        "password passwd pwd passcode meetingpassword meetingpasscode secret clientsecret "
        "apikey apisecret accesstoken refreshtoken idtoken authtoken token sessiontoken "
        "authorization auth sentrykey sentrysecret writekey ddapikey clienttoken sdkkey "
        "mobilekey privatekey xsrftoken csrftoken accesskey secretkey bearer jwt "
        "cookie sessioncookie zak zpk ikey instrumentationkey dsn connectionstring signature "
        "sig xamzsignature apptoken appkey clientkey licensekey devkey branchkey "
        # ingest and account keys under other names (New Relic `X-Insert-Key`, Better Stack
        # source tokens, Azure subscription/account keys; issue 15)
        "insertkey ingestkey ingestionkey sourcekey sourcetoken apitoken privatetoken "
        "bearertoken serverkey browserkey accountkey subscriptionkey masterkey adminkey "
        "partnerkey "
        # signed-request query auth: the key and its request signature (`auth_key` +
        # `auth_signature`, `X-Amz-Signature`, `Signature`; issue 15)
        "authkey authsignature requestsignature "
        # publish/subscribe keys of realtime messaging SDKs, named in a body or query as in the
        # path (`publishKey`, `subscribe_key`; not a bare `pubkey`: a public key is no secret)
        "publishkey subscribekey "
        # an alerting integration's key in an event body (PagerDuty Events v2 `routing_key`,
        # Opsgenie/VictorOps-style integration keys; issue 15)
        "routingkey integrationkey",
    ),
    (
        CONSENT,
        v_present,
        "consent_key",
        "datacollectionflag userconsent consent consents optout optedout isoptedout optin "
        "optedin trackingconsent analyticsconsent dataconsent gdpr gdprconsent gdprapplies "
        "ccpa usprivacy gcs gcd npa donottrack dnt allowtracking telemetryconsent "
        "diagnosticconsent collectionconsent limitadtracking adtrackingenabled "
        "trackingallowed optoutstatus consentstate consentstatus privacyconsent "
        "diagnosticdataconsent telemetryenabled usagedataenabled crashreportsenabled "
        "sendusagedata advertisertrackingenabled applicationtrackingenabled attstatus "
        # whether the user gave consent, as a flag (`gdpr: {isConsentGiven: true}` in an
        # analytics event's context; issue 15ad, heldout18)
        "isconsentgiven consentgiven hasconsent hasconsented hasgivenconsent consented "
        "isconsented userconsented",
    ),
    (
        MEETING,
        v_id,
        "meeting_key",
        "meetingid meetingnumber meetingno meetinguuid confid conferenceid confno callid "
        "locusid roomid participantid conversationid channelid webinarid chatthreadid "
        "tochannel tocontact "
        "meetingkey mn",
    ),
    (
        MEETING,
        v_text,
        "meeting_text_key",
        "meetingtopic meetingtitle meetingname roomname channelname conversationtopic",
    ),
    # A room created under a name prefix that spells the meeting's topic
    # (`roomNamePrefix: "fire-rating-review"`, issue 15af): the name names the meeting; an
    # opaque prefix (`r-7f3a`) does not.
    (MEETING, v_spelled_name, "meeting_text_key", "roomnameprefix meetingnameprefix"),
    (
        MEETING,
        v_count,
        "meeting_count_key",
        "participantcount attendeecount numparticipants meetingduration participantscount "
        "participants attendees participantlist attendeelist invitees "
        # a participant's time in a meeting (`Minutes in meeting: 52`; issue 15az)
        "minutesinmeeting timeinmeeting secondsinmeeting minutesattended durationattended "
        "attendanceminutes attendanceduration",
    ),
    (
        CHAT,
        v_text,
        "chat_key",
        "messagetext chatmessage chattext messagebody messagecontent chatcontent",
    ),
    (
        TRANSCRIPT,
        v_text,
        "transcript_key",
        "transcript transcription transcripttext caption captions captiontext subtitle "
        "subtitles meetingsummary aisummary recognizedtext utterance utterances",
    ),
    (
        FILES,
        v_text,
        "shared_content_key",
        "reaction reactionemoji reactiontype pollanswer pollanswers pollquestion polloptions "
        "whiteboard whiteboardcontent attachmentname",
    ),
    (
        AUDIO,
        v_present,
        "audio_feature_key",
        "audiolevel audiolevels loudness voiceactivity voiceactivitydetected vad miclevel "
        "microphonelevel inputlevel speechlevel",
    ),
    (COARSE, v_place, "location_key", "location geo geolocation"),
    (
        PERF,
        v_measure,
        "quality_metric_key",
        "rtt rttms jitter jitterms packetloss packetlossrate packetslost latency latencyms "
        "bitrate bitratekbps framerate fps mos roundtriptime bandwidthkbps downlinkkbps "
        "uplinkkbps "
        # a call's statistic summed up over its length (`avg_jitter_ms`, `packet_loss_pct`,
        # `max_rtt_ms`) in a tracked event's properties: still its quality (issue 15ao)
        "avgjitter avgjitterms maxjitterms meanjitterms avgrtt avgrttms maxrttms meanrttms "
        "avglatencyms packetlosspct packetlosspercent avgpacketloss avgpacketlosspct avgmos",
    ),
):
    EXACT_KEYS.update(_table(_cat, _val, _name, _keys))

# Media-quality measures by name (`rtt`, `jitter_ms`, `packets_lost`): a metric series named for
# one (`meeting.rtt_ms` in a metrics ingest's data point) is performance data (issue 15).
QUALITY_METRIC_NAMES = frozenset(
    key for key, rule in EXACT_KEYS.items() if rule[2] == "quality_metric_key"
)
_SERIES_NAME_RE = re.compile(r"^[A-Za-z][\w-]{0,63}(?:[./][\w-]{1,63}){0,6}$")


def quality_metric_name(value: str) -> bool:
    """A metric series name whose last part names a quality measure: `meeting.rtt_ms`,
    `webrtc/jitter`, `packets_lost`; not prose, a URL or a bare word that is no measure."""
    if not 3 <= len(value) <= 200:
        return False
    # the last part's name first: one set look-up rejects nearly every string cheaply
    last = value[max(value.rfind("."), value.rfind("/")) + 1 :]
    if last.lower().replace("_", "").replace("-", "") not in QUALITY_METRIC_NAMES:
        return False
    return _SERIES_NAME_RE.match(value) is not None


# A person's permission for a channel of contact, as a flag (issue 15): a subscription word and a
# channel word joined (`MSG-email: true`, `email_opt_in`, `smsSubscribed`, `dnd_phone`), and the
# permission to use the IP address for location (`useIP=false`). Only flags: an address under
# such a key (`marketing_email: "a@b.c"`) is read by the e-mail value test instead.
_CONSENT_CHANNELS = ("email", "sms", "push", "whatsapp", "phone", "mail", "newsletter")
_CONSENT_PREFIXES = ("msg", "optin", "optedin", "subscribed", "unsubscribed", "allow", "dnd")
_CONSENT_SUFFIXES = ("optin", "optedin", "optout", "subscribed", "unsubscribed", "allowed")
for _channel in _CONSENT_CHANNELS:
    for _word in _CONSENT_PREFIXES:
        EXACT_KEYS[_word + _channel] = (CONSENT, v_flag, "consent_key")
    for _word in _CONSENT_SUFFIXES:
        EXACT_KEYS[_channel + _word] = (CONSENT, v_flag, "consent_key")
for _key in ("useip", "allowip", "ipconsent"):
    EXACT_KEYS[_key] = (CONSENT, v_flag, "consent_key")
EXACT_KEYS["chatid"] = (UID, v_private_chat_id, "user_id_key")
# A role's e-mail key (`host_email`, `cohost_email`, `moderator_email`; issue 15ab), for every
# role whose id or address above is the account of the person in it (hosting, organising,
# owning, authoring, assigned, reviewing): the account's id and an e-mail
# (docs/taxonomy.md, heldout11's and heldout15's role rule), under any parent (`metadata`). Keys
# listed above keep their rule; a key that only describes a person (`email`, `contact_email`,
# `guest_email`) is no role and stays an e-mail only.
_ROLE_EMAIL_ROLES = (
    *("host", "cohost", "organizer", "organiser", "owner", "author", "creator", "createdby"),
    *("assignee", "moderator", "presenter", "reviewer", "approver"),
)
# (not `inviter_email` in a product event: heldout5 reads the inviter's address as an e-mail)
ROLE_EMAIL_KEYS = frozenset(
    role + suffix
    for role in _ROLE_EMAIL_ROLES
    for suffix in ("email", "emailaddress")
    if role + suffix not in EXACT_KEYS
)
for _key in ROLE_EMAIL_KEYS:
    EXACT_KEYS[_key] = (UID, v_account_email, "user_id_key")

# Keys whose meaning depends on their parent (`user.id`, `device.model`, `os.name`).
PARENT_GROUPS: dict[str, str] = {}
# The people a work item is assigned to, followed, watched, reviewed or approved by, or shared
# with, as objects (`assignee: {accountId}`, `followers: [{id}]`; heldout11): a person named by
# role (issue 15c's role rule), read by the user group's keys and `_ACCOUNT_EMAIL_SUFFIXES`.
_ROLE_PARENTS = frozenset(
    "assignee assignees follower followers watcher watchers collaborator collaborators "  # noqa: SIM905
    "reviewer reviewers approver approvers".split()
)
for _group, _parents in (
    (
        "user",
        "user users actor identity account owner profile person people member sender "
        "recipient recipients members actors "
        "author userinfo usercontext currentuser me traits identify self viewer set setonce "
        "userproperties",
    ),
    ("device", "device machine hardware computer devices"),
    ("os", "os operatingsystem osinfo system"),
    ("runtime", "runtime runtimeversions"),
    # an SDK's environment by runtime name (Auth0-Client's `env: {python: "3.12.1"}`, Node's
    # `process.versions`; issue 15)
    ("runtimeenv", "env environment versions"),
    ("session", "session sessions"),
    ("location", "location geo geoip position coords coordinates geolocation address loc"),
    ("network", "network net connection networkinfo carrier connectivity"),
    ("meeting", "meeting conference call room webinar"),
    ("screen", "screen display monitor"),
    ("cpu", "cpu processor gpu memory"),
    ("app", "app application sdk library lib"),
    (
        "consent",
        "consent consents privacy privacysettings trackingpreferences "
        "categorypreferences consentstate gdprconsent "
        # a privacy law's object of the user's choices (`gdpr: {consent: …}`, `ccpa: {optOut}`)
        "gdpr ccpa",
    ),
    ("server", "server"),
    # User-Agent Client Hints (`userAgentData.brands[].brand`): the browser's brands, not a device.
    ("clienthints", "brands fullversionlist useragentdata uadata"),
    # A user agent parsed into an object and copied into a body (`userAgent: {browser, os,
    # device}`; heldout17, issue 15aa): its `device` is a device class or a device's name.
    ("useragent", "useragent ua parsedua parseduseragent"),
    # Issue 15: Datadog's `usr.*`, a JWT's claims (`… › jwt › payload › sub`), Omaha's `hw`.
    ("user", "usr jwt"),
    # The people a work item is assigned to, followed, watched, reviewed or approved by, or
    # shared with, as objects (`assignee: {accountId}`, `followers: [{id}]`; heldout11).
    ("user", " ".join(sorted(_ROLE_PARENTS))),
    ("cpu", "hw"),
    # iCalendar components and the people in them (decode/textfile.py: `… › vevent › summary`,
    # `… › vevent › attendee › cn`).
    ("calendarevent", "vevent"),
    ("calendaruser", "organizer attendee"),
    # A contact's multi-valued phone and e-mail attributes, each entry a `{value, label|type,
    # primary}` object (SCIM `phoneNumbers`/`emails`, Google People, CRM person records; sdk10):
    # the entry's `value` (a phone entry's `number`) is the number or the address.
    ("contactphones", "phone phones phonenumbers mobile mobiles telephone telephones"),
    # A phone given as an object of its parts (`phoneNumber: {countryCode: "+234", number:
    # "803 555 0147"}`; issue 15w): its `number` is the phone, its `countryCode` a dialling
    # code, not the person's country.
    ("contactphones", "phonenumber mobilenumber mobilephone cellphone telephonenumber"),
    ("contactemails", "email emails emailaddresses"),
    # A FHIR HumanName (`name: [{family, given: [...]}]`): its parts are a last and first
    # names, as `lastName`/`firstName` (issue 15bm, heldout33).
    ("humanname", "name names"),
):
    for _parent in _parents.split():
        PARENT_GROUPS[_parent] = _group

PARENT_KEYS: dict[tuple[str, str], Rule] = {}
for _group, _cat, _val, _name, _keys in (
    (
        "user",
        UID,
        v_user_id,
        "user_id_key",
        "id localid key keyid uuid guid anonid authid username "
        # Exceptionless `@user.identity` (issue 15)
        "identity",
    ),
    # a user's sign-in name, an e-mail address too (heldout11; as the exact key `login`)
    ("user", UID, v_account_ref, "user_id_key", "login"),
    ("user", NAME, v_name, "name_key", "name fullname"),
    ("humanname", NAME, v_name, "name_key", "family given"),
    ("user", UID, v_user_id, "user_id_key", "sub preferredusername identifier"),
    ("device", DID, v_id, "device_id_key", "id localid uuid guid"),
    (
        "device",
        HW,
        v_count,
        "hardware_key",
        "model family brand manufacturer make cpudescription processorcount memorysize "
        "processorfrequency screenresolution screendensity screenheightpixels "
        "screenwidthpixels",
    ),
    ("device", HW, v_device_kind, "hardware_key", "type class devicetype"),
    ("device", NID, v_hostname, "hostname_key", "name"),
    ("device", OS, v_os, "os_key", "arch archs"),
    (
        "os",
        OS,
        v_os,
        "os_key",
        "name version ver build kernelversion type family arch full buildid platform "
        # OpenTelemetry `os.description` (issue 15)
        "description",
    ),
    (
        "runtime",
        OS,
        v_os,
        "os_key",
        # Bugsnag `device.runtimeVersions.node` (issue 15)
        "name version node python electron chrome java dotnet go ruby deno bun",
    ),
    (
        "runtimeenv",
        OS,
        v_version_number,
        "os_key",
        "node nodejs python cpython pypy electron java dotnet go ruby deno bun php dart rust",
    ),
    ("session", SID, v_id, "session_id_key", "id sid uuid guid key"),
    # an event's place by its display name (`location: {displayName: "Milan office"}`; issue 15)
    ("location", COARSE, v_event_place, "location_key", "displayname"),
    (
        "location",
        COARSE,
        v_region,
        "coarse_location_key",
        "name region country city "
        # Elastic Common Schema / OpenTelemetry `geo.*` (issue 15)
        "countryisocode countrycode countryname regionname regioncode regionisocode cityname "
        "postalcode",
    ),
    (
        "network",
        NET,
        v_any,
        "network_key",
        # OpenTelemetry `network.carrier.*`/`network.connection.subtype`, Datadog RUM
        # `connectivity.interfaces` (issue 15)
        "type provider cost carrier effectivetype kind subtype name mcc mnc icc interfaces",
    ),
    ("meeting", MEETING, v_id, "meeting_key", "id number uuid key"),
    ("meeting", MEETING, v_text, "meeting_text_key", "topic title name"),
    ("screen", HW, v_count, "hardware_key", "width height density dpi resolution pixelratio"),
    (
        "cpu",
        HW,
        v_count,
        "hardware_key",
        "cores count name model brand vendor size total "
        # OpenTelemetry `host.cpu.model.name`, `.vendor.id`, `.family` (issue 15)
        "modelname vendorid family",
    ),
    ("server", NID, v_hostname, "hostname_key", "host name hostname"),
    (
        "consent",
        CONSENT,
        v_present,
        "consent_key",
        "analytics advertising marketing functional performance necessary statistics "
        "personalization granted denied status optout optin adstorage analyticsstorage",
    ),
    # RFC 5545: an event's SUMMARY is its title; a calendar user's CN their common name.
    ("calendarevent", MEETING, v_text, "meeting_text_key", "summary"),
    ("calendaruser", NAME, v_name, "name_key", "cn"),
    ("contactphones", PHONE, v_listed_phone, "phone_key", "value number"),
    ("useragent", HW, v_device_name, "hardware_key", "device"),
    ("contactemails", EMAIL, v_email_address, "email_key", "value"),
):
    for _key in _keys.split():
        PARENT_KEYS[(_group, _key)] = (_cat, _val, _name)
# RFC 5545 TZID: a time zone's id (`DTSTART;TZID=Europe/Rome`)
EXACT_KEYS["tzid"] = (LOCALE, v_locale, "locale_key")

# Parents under which a generic key is not data about the person or device.
NEUTRAL_PARENTS = frozenset({"app", "sdk", "library", "lib", "application"})
# Maps keyed by feature flags' names (`flags: {"consent-banner": true}`, `featureFlags:
# {analyticsConsent: "on"}`): a key there names a flag the code evaluates, not the user's choice
# (issue 15ad), whatever word it is.
FLAG_MAP_PARENTS = frozenset(
    {"flags", "featureflags", "features", "toggles", "featuretoggles", "gates", "experiments"}
)

# Substring rules for compound keys not in the tables (`primaryDeviceId`, `zoomSessionId`).
SUFFIX_KEYS: tuple[tuple[str, Rule], ...] = (
    ("userid", (UID, v_user_id, "user_id_key")),
    # a member's id under the role the member holds (`attendee_member_id`, `group_member_id`;
    # issue 15bm, heldout32), as `member_id` and `team_member_id`
    ("memberid", (UID, v_user_id, "user_id_key")),
    ("deviceid", (DID, v_id, "device_id_key")),
    ("machineid", (DID, v_id, "device_id_key")),
    ("installid", (DID, v_id, "device_id_key")),
    # `ajs_anonymous_id`, `pendo_visitor_id`, `wp_cookie_id`, a hashed device id (issue 15)
    ("anonymousid", (DID, v_id, "device_id_key")),
    ("deviceidhash", (DID, v_id, "device_id_key")),
    ("machineidhash", (DID, v_id, "device_id_key")),
    ("deviceidentifier", (DID, v_id, "device_id_key")),
    ("visitorid", (DID, v_id, "device_id_key")),
    ("cookieid", (DID, v_id, "device_id_key")),
    ("sessionid", (SID, v_id, "session_id_key")),
    ("correlationid", (SID, v_id, "session_id_key")),
    # Per-connection ids under a vendor prefix (`unleash-connection-id`). Not `…instanceid`:
    # LaunchDarkly's and OpenTelemetry's instance ids are new for every process.
    ("connectionid", (SID, v_connection_id, "session_id_key")),
    ("meetingid", (MEETING, v_id, "meeting_key")),
    ("participants", (MEETING, v_count, "meeting_count_key")),
    ("participantcount", (MEETING, v_count, "meeting_count_key")),
    ("email", (EMAIL, v_email_field, "email_key")),
    ("password", (CRED, v_cred, "credential_key")),
    ("passcode", (CRED, v_cred, "credential_key")),
    ("apikey", (CRED, v_cred, "credential_key")),
    ("accesstoken", (CRED, v_cred, "credential_key")),
    ("authtoken", (CRED, v_cred, "credential_key")),
    ("secret", (CRED, v_cred, "credential_key")),
    # vendor-prefixed ingest keys (`Ocp-Apim-Subscription-Key`, `X-NR-Insert-Key`; issue 15)
    ("subscriptionkey", (CRED, v_cred, "credential_key")),
    ("insertkey", (CRED, v_cred, "credential_key")),
    ("ingestkey", (CRED, v_cred, "credential_key")),
    ("licensekey", (CRED, v_cred, "credential_key")),
    ("sourcetoken", (CRED, v_cred, "credential_key")),
    ("apitoken", (CRED, v_cred, "credential_key")),
    ("hostname", (NID, v_hostname, "hostname_key")),
    # A machine's name and address under a vendor prefix (`SplitSDKMachineName`,
    # `SplitSDKMachineIP`, `True-Client-IP`, `CF-Connecting-IP`; issue 15). Not a bare `…ip`
    # suffix: `membership`, `tooltip`, `zip` end so.
    ("machinename", (NID, v_hostname, "hostname_key")),
    ("computername", (NID, v_hostname, "hostname_key")),
    ("machineip", (NID, v_ip, "ip_key")),
    ("clientip", (NID, v_ip, "ip_key")),
    ("deviceip", (NID, v_ip, "ip_key")),
    ("hostip", (NID, v_ip, "ip_key")),
    ("localip", (NID, v_ip, "ip_key")),
    ("publicip", (NID, v_ip, "ip_key")),
    ("realip", (NID, v_ip, "ip_key")),
    ("remoteip", (NID, v_ip, "ip_key")),
    ("userip", (NID, v_ip, "ip_key")),
    ("connectingip", (NID, v_ip, "ip_key")),
    ("sourceip", (NID, v_ip, "ip_key")),
    ("macaddress", (NID, v_mac, "mac_key")),
    ("ipaddress", (NID, v_ip, "ip_key")),
    ("timezone", (LOCALE, v_locale, "locale_key")),
    ("consent", (CONSENT, v_present, "consent_key")),
    ("optout", (CONSENT, v_present, "consent_key")),
    ("phonenumber", (PHONE, v_phone, "phone_key")),
    ("firstname", (NAME, v_name, "name_key")),
    ("lastname", (NAME, v_name, "name_key")),
    ("fullname", (NAME, v_name, "name_key")),
    ("displayname", (UID, v_any, "display_name_key")),
    ("osversion", (OS, v_os, "os_key")),
    ("osname", (OS, v_os, "os_key")),
    # Runtime and kernel versions under a vendor prefix (`x-fern-runtime-version`; issue 15)
    ("runtimeversion", (OS, v_os, "os_key")),
    ("kernelversion", (OS, v_os, "os_key")),
    ("nodeversion", (OS, v_os, "os_key")),
    ("pythonversion", (OS, v_os, "os_key")),
    ("transcript", (TRANSCRIPT, v_text, "transcript_key")),
    # a request signature under a vendor prefix (`auth_signature`, `x_goog_signature`)
    ("signature", (CRED, v_cred, "credential_key")),
    # a language under a vendor prefix (HubSpot `hs_language`, `preferred_language`); not a
    # programming language (see NOT_LOCALE_LANGUAGE_PREFIXES)
    ("language", (LOCALE, v_lang, "language_key")),
    ("languagecode", (LOCALE, v_lang, "language_key")),
    # the language a person writes a field in, by its short suffix (`due_lang: "en"`, the
    # language of a task's natural-language due date; `ui_lang`; issue 15x)
    ("lang", (LOCALE, v_lang, "language_key")),
    # Any other `…token` holding a credential-shaped value (a web service's `wstoken`, issue
    # 15): the redactor's defence in depth already removed every `…token`; the labeller now
    # says so too. Last, so that narrower suffixes decide first; cursors and counts are in
    # NOT_CREDENTIAL_KEYS, and `v_cred` turns away numbers and words.
    ("token", (CRED, v_cred, "credential_key")),
)
# `sdk_language: "go"`, `code_language`: a programming language, not the user's.
NOT_LOCALE_LANGUAGE_PREFIXES = (
    *("sdk", "telemetrysdk", "programming", "code", "script", "source", "runtime", "query"),
    *("markup", "template", "integration"),
)
# Keys that end in `lang` and are no language of a person (programming languages).
_LANGUAGE_NAMES_ENDING_IN_LANG = frozenset({"golang", "erlang", "sourcelang", "codelang"})
# Token keys that are not secrets (pagination, sync cursors).
NOT_CREDENTIAL_KEYS = frozenset(
    {
        "nexttoken",
        "pagetoken",
        "nextpagetoken",
        "continuationtoken",
        "synctoken",
        "tokencount",
        "tokens",
        "tokentype",
        "maxtokens",
        "cursortoken",
        "pushtoken",
    }
)

# The CPU architecture of the machine, read as the OS's (taxonomy: architecture is
# device_info.os) and as a hardware fact too (OpenTelemetry `host.arch`: "the CPU architecture
# the host system is running on"). An OS-scoped architecture (`os_arch`, `os.arch`) stays OS only.
MACHINE_ARCH_KEYS = frozenset(
    {"hostarch", "cpuarch", "machinearch", "devicearch", "cpuarchitecture", "systemarchitecture"}
)


# Keys whose value decides what they hold (issue 15): the first rule when its test accepts the
# value, else the second. A `cookie` field (a query or body key, not the Cookie header) holding a
# short bare token is a visitor cookie's id (Woopra's `cookie`); a cookie jar (`a=b; c=d`) or a
# long token stays a credential. A `deviceType` naming an OS is the OS, else the kind of device
# (`desktop`, `phone`), as under a `device` parent.
# A `host` given as an e-mail address is the person hosting (sdk10's transcription job
# `details.host`; docs/taxonomy.md: ids of the person hosting are user ids); any other value is
# read by the key's own rule (None: a machine's name, a server's host name).
def v_written_phone(value: object) -> bool:
    """A phone number written as one (`+39 347 555 0196`, `(555) 123-4567`): not bare digits,
    which under a handle or an id key are an account's number, nor a date (`2026-12-07`)."""
    return (
        isinstance(value, str)
        and not value.strip().isdigit()
        and _ISO_DATE_START_RE.match(value.strip()) is None
        and v_phone(value)
    )


_ISO_DATE_START_RE = re.compile(r"^\d{4}-\d{2}-\d{2}")


VALUE_DECIDED_KEYS: dict[str, tuple[Rule, Rule | None]] = {
    "cookie": ((DID, v_visitor_cookie, "device_id_key"), (CRED, v_cred, "credential_key")),
    "devicetype": ((OS, v_os_word, "os_value"), (HW, v_device_kind, "hardware_key")),
    "host": ((UID, v_account_email, "user_id_key"), None),
    # a participant named by e-mail (a metric's `participant` tag) and the user's own e-mail
    # (`user_email`): the person's account, user id and e-mail (heldout13's role rule)
    "participant": ((UID, v_account_email, "user_id_key"), None),
    "useremail": ((UID, v_account_email, "user_id_key"), None),
    # a meeting's opaque uuid (`meeting_uuid=3c9e…` in a GET of its transcriptions) is read as
    # a room's id: no meeting metadata alone (heldout8/17/19's convention, issue 15ai); a
    # meeting number or any other value under the key stays the meeting's id
    "meetinguuid": ((MEETING, v_uuid, "meeting_opaque_id_key"), None),
    # the client's own reference to its end user given as an e-mail (an inference log's
    # `customer_user_id`, `end_user_id`): the address is the person's id there, user id and
    # e-mail (taxonomy: an e-mail used as the account's id; issue 15ai); any other value is
    # read by the key's own rule
    "customeruserid": ((UID, v_account_email, "user_id_key"), None),
    "enduserid": ((UID, v_account_email, "user_id_key"), None),
    # a contact's handle that is a phone number (a shared inbox's `handles: [{handle:
    # "+39…", source: "phone"}]`; heldout28, issue 15bd) is the contact's number, not an
    # account's id; an address there is an e-mail (the e-mail detector), a name a user id
    "handle": ((PHONE, v_written_phone, "phone_key"), None),
}
# Short prefixes of custom visitor/event/user properties (`cv_name`, `ce_network`, `up_plan`,
# `ep_…`): the key after the prefix is read as if it stood alone.
CUSTOM_PROPERTY_PREFIXES = frozenset({"cv", "ce", "cp", "ep", "epn", "up", "upn", "prop", "attr"})
_VISITOR_HEX_RE = re.compile(r"^[0-9a-fA-F]{16}$")


def v_visitor_hex(value: object) -> bool:
    """The Matomo tracking API's visitor id: exactly 16 hex characters (a document id such as a
    24-hex ObjectId in a `?_id=` filter is not one)."""
    return isinstance(value, str) and _VISITOR_HEX_RE.match(value.strip()) is not None


# Parameters with a meaning only in a URL's query string, by raw lower-case name (the
# normalised name would be another key's): the Matomo/Piwik tracking API's `_id`, the visitor
# id every tracker of that protocol sends (`_id` in a JSON body is a document id).
QUERY_ONLY_KEYS: dict[str, Rule] = {
    "_id": (DID, v_visitor_hex, "device_id_key"),
    # a FHIR search's given name (`Patient?family=…&given=Ifeoma`; issue 15bm): a first name,
    # as `firstName`. Its `family` is left unread: a font's family (`css?family=Roboto`) is
    # the same key in the query of every web font request.
    "given": (NAME, v_name, "name_key"),
}

# Standard request headers: the browser or HTTP library sets them for every request, so they are
# not data the app chose to send (taxonomy: the User-Agent header alone is not device_info.os).
STANDARD_HEADERS = frozenset(
    {
        "user-agent",
        "accept",
        "accept-language",
        "accept-encoding",
        "accept-charset",
        "content-type",
        "content-length",
        "content-encoding",
        "host",
        "connection",
        "keep-alive",
        "origin",
        "referer",
        "cache-control",
        "pragma",
        "te",
        "upgrade",
        "transfer-encoding",
        "expect",
        "if-none-match",
        "if-modified-since",
        "range",
        "dnt",
        "priority",
        "via",
        "forwarded",
        "x-forwarded-proto",
        "x-requested-with",
        "sec-fetch-site",
        "sec-fetch-mode",
        "sec-fetch-dest",
        "sec-fetch-user",
        "sec-ch-ua",
        "sec-ch-ua-mobile",
        "sec-ch-ua-platform",
        "sec-websocket-key",
        "sec-websocket-version",
        "sec-websocket-extensions",
        "sec-websocket-protocol",
        "date",
        "traceparent",
        "tracestate",
        "baggage",
        "upgrade-insecure-requests",
        "sentry-trace",
        "if-match",
        "access-control-request-method",
        "access-control-request-headers",
    }
)
# Client Hints without the `Sec-CH-` prefix (the browser sends them once a site asks; the
# `Sec-CH-UA-*` ones are recognised by their prefix).
CLIENT_HINTS = frozenset(
    {"device-memory", "dpr", "viewport-width", "width", "rtt", "downlink", "ect", "save-data"}
)
# `…-key` headers (`X-Stackify-Key`, `App-Key`) carry a key; not `Idempotency-Key`. A DSN
# header (`Uptrace-DSN`, `Sentry-DSN`) is a URL whose user part is the project's token.
_CRED_HEADER_RE = re.compile(
    r"token|api-?key|(^|-)key$|secret|auth|session|password|signature|(^|-)dsn$", re.I
)
CUSTOM_CREDENTIAL_HEADERS = frozenset({"x-honeycomb-team", "x-tenant-key", "x-client-key"})
_NOT_CRED_HEADERS = frozenset(
    {"x-session-id", "x-client-session-id", "authority", "idempotency-key", "x-idempotency-key"}
)
# `…-session-id` / `…-connection-id` headers carry an id, not a secret (the `session` in the
# credential pattern is for session tokens and cookies).
_ID_HEADER_RE = re.compile(r"(session|connection)-?id$", re.I)

# Path components that are decoding layers or indices, not keys of the data.
_LAYER_WORDS = frozenset(
    {
        "body",
        "url",
        "query",
        "header",
        "response",
        "websocket",
        "json",
        "base64",
        "gzip",
        "deflate",
        "br",
        "zstd",
        "form",
        "multipart",
        "protobuf",
        "bond",
        "msgpack",
        "reversed-base64",
        "jspb",
        "graphql",
        "ndjson",
        "envelope header",
        "item header",
        "file",
        "recording",
        "text",
        "snowplow",
        "hex",
        "properties",
        "data",
        "payload",
        "event",
        "attributes",
        "params",
        "fields",
        "context",
        "contexts",
        "extra",
        "tags",
        "ext",
        "value",
        "values",
        # Structure the decoders normalise (issue 15): tag strings and pair lists.
        "pairs",
        "querystring",
        "xmlrpc",
        # Text files the decoders recognise (decode/textfile.py)
        "bytes",
        "icalendar",
        "webvtt",
        "srt",
    }
)


def normalise_key(key: str) -> str:
    """`key` in lower case with every character that is not a letter or a digit left out."""
    out = _NORM_CACHE.get(key)
    if out is None:
        out = key.lower()
        if not out.isalnum():
            # (`re`'s word characters are those `str.isalnum` accepts, and `_`)
            out = _NOT_KEY_CHARACTERS_RE.sub("", out)
        if len(_NORM_CACHE) < 100_000:
            _NORM_CACHE[key] = out
    return out


_NORM_CACHE: dict[str, str] = {}
_NOT_KEY_CHARACTERS_RE = re.compile(r"[\W_]+")


def _structural(part: str) -> bool:
    return (
        part.isdigit()
        or part in _LAYER_WORDS
        or (" " in part and part.rsplit(" ", 1)[-1].isdigit())
    )


def _data_path(path: tuple[str, ...]) -> str:
    """The data keys above a field (layers and indices left out), for context tests."""
    return " ".join(p for p in path[:-1] if not _structural(p))


def parent_key(path: tuple[str, ...]) -> str:
    """The nearest ancestor that is a data key (skipping layers, indices and wrappers)."""
    for part in reversed(path[:-1]):
        if not _structural(part):
            return normalise_key(part)
    return ""


# suffix length → {suffix: (its position in SUFFIX_KEYS, the entry)}: a key not seen before
# looks up its ending once per length instead of testing every suffix in turn.
_SUFFIXES_BY_LENGTH: dict[int, dict[str, tuple[int, tuple[str, Rule]]]] = {}
for _position, _entry in enumerate(SUFFIX_KEYS):
    _SUFFIXES_BY_LENGTH.setdefault(len(_entry[0]), {}).setdefault(_entry[0], (_position, _entry))
_SUFFIX_TABLES = tuple(_SUFFIXES_BY_LENGTH.items())


def first_suffix_key(nk: str) -> tuple[str, Rule] | None:
    """The first entry of SUFFIX_KEYS (in its order) whose suffix ends `nk`, or None."""
    found: tuple[int, tuple[str, Rule]] | None = None
    for length, table in _SUFFIX_TABLES:
        entry = table.get(nk[-length:])
        if entry is not None and (found is None or entry[0] < found[0]):
            found = entry
    return found[1] if found is not None else None


# Keys of a role's object that give the address of the person's account (`assignees:
# [{workspace_member_email_address}]`, `{user_email}`, `{account_email}`): the service resolves
# the person by it, so it is the account's id there (heldout13's `user_email`; issue 15ai). A
# bare `email` under the role only describes the person (contact data, heldout11).
_ACCOUNT_EMAIL_SUFFIXES = tuple(
    word + suffix for word in ("user", "member", "account") for suffix in ("email", "emailaddress")
)
_ROLE_EMAIL_RULE: Rule = (UID, v_account_email, "user_id_key")


def _classify(nk: str, pk: str) -> Rule | None:
    if pk in _ROLE_PARENTS and nk.endswith(_ACCOUNT_EMAIL_SUFFIXES):
        return _ROLE_EMAIL_RULE
    group = PARENT_GROUPS.get(pk)
    if group is not None:
        rule = PARENT_KEYS.get((group, nk))
        if rule is not None:
            return rule
        if group in NEUTRAL_PARENTS and nk in ("name", "version", "id", "build"):
            return None
        if group == "clienthints" and nk in ("brand", "version", "mobile"):
            return None
        if group == "contactphones" and nk in ("countrycode", "callingcode", "dialcode"):
            return None
    rule = EXACT_KEYS.get(nk)
    if rule is not None:
        if rule[0] == CRED and nk in NOT_CREDENTIAL_KEYS:
            return None
        if rule[0] == CONSENT and pk in FLAG_MAP_PARENTS:
            return None
        return rule
    if len(nk) > 5 and nk not in NOT_CREDENTIAL_KEYS:
        found = first_suffix_key(nk)
        if found is not None:
            suffix, srule = found
            if suffix in ("language", "languagecode", "lang") and nk.startswith(
                NOT_LOCALE_LANGUAGE_PREFIXES
            ):
                return None
            if suffix == "lang" and nk in _LANGUAGE_NAMES_ENDING_IN_LANG:
                return None
            return srule
    if len(nk) > 5 and nk.endswith("ids"):
        # A list of people's or devices' ids (`user_ids`, `externalUserIds`, `subscriberIds`)
        # under the plural of its item's key (issue 15).
        rule = _classify(nk[:-1], pk)
        if rule is not None and rule[0] in (UID, DID):
            return rule
    return None


_CLASSIFY_CACHE: dict[tuple[str, str], Rule | None] = {}


def classify(nk: str, pk: str) -> Rule | None:
    cache_key = (nk, pk)
    try:
        return _CLASSIFY_CACHE[cache_key]
    except KeyError:
        pass
    rule = _classify(nk, pk)
    if len(_CLASSIFY_CACHE) < 200_000:
        _CLASSIFY_CACHE[cache_key] = rule
    return rule


# Header name → True (credential), False (standard header: nothing to read), or the rule of a
# custom header read like a body field (X-Client-Id, X-Device-Id, …); cached by name.
_HEADER_KINDS: dict[str, bool | Rule | None] = {}


# Platform headers SDKs send under a generator's or vendor's prefix: Stainless
# `X-Stainless-OS/-Arch/-Runtime/-Runtime-Version`, Fern `X-Fern-Runtime/-Runtime-Version`,
# `X-Client-OS`, `X-SDK-Runtime`, `X-App-Platform`; and user agents copied into custom headers
# (AWS `X-Amz-User-Agent`, Azure `X-MS-UserAgent`, Speakeasy `X-Speakeasy-User-Agent`, Ably's
# `Ably-Agent`, Glean's `X-Telemetry-Agent`, Google's `X-Goog-Api-Client: gl-node/20.20.2`).
# The field after the prefix is read as the body key it maps to, by the one vocabulary above;
# only platform fields, so the same families' `-Lang` (the SDK's language), `-Package-Version`
# and `-Retry-Count` stay unread. An SDK's architecture field is the machine's (Node's
# `process.arch`, Python's `platform.machine()`): read as `cpuarch`, os and hardware alike.
_PLATFORM_HEADER_FIELDS: dict[str, str] = {
    **{key: key for key in ("os", "osname", "osversion", "ostype", "osplatform", "osrelease")},
    **{key: key for key in ("osbuild", "kernelversion", "nodeversion", "pythonversion")},
    **{key: key for key in ("runtime", "runtimeversion", "platform")},
    # a platform's version alone (`MMT-PlatformVersion: 1.5.2`) is the version of whatever the
    # platform header names, often the integrating app (`MMT-Platform: acme-meet-captions`):
    # an OS's only when it names the OS (`iOS 17.2`), as `platform` is read (issue 15bo)
    "platformversion": "platform",
    "runtimename": "runtime",
    **dict.fromkeys(("arch", "architecture", "cpuarch"), "cpuarch"),
    "osarch": "osarch",
    "devicemodel": "devicemodel",
    **dict.fromkeys(("useragent", "agent", "apiclient"), "useragent"),
}


def _platform_header_key(lname: str) -> str | None:
    """The body key a prefixed SDK platform header is read as (`x-stainless-runtime-version` →
    `runtimeversion`, `x-stainless-arch` → `cpuarch`, `x-amz-user-agent` → `useragent`), else
    None. The longest field after the prefix wins (`-Runtime-Version` before `-Version`)."""
    parts = [part for part in re.split(r"[-_]", lname) if part]
    if parts and parts[0] == "x":
        parts = parts[1:]
    for start in range(1, len(parts)):
        key = _PLATFORM_HEADER_FIELDS.get("".join(parts[start:]))
        if key is not None:
            return key
    return None


def is_standard_header(lname: str) -> bool:
    """A header the browser or HTTP stack sets on every request (`lname` lower-case): the
    standard ones and every Client Hint (`Sec-CH-UA-*`, `Device-Memory`, `Viewport-Width`):
    not data the app chose to send (taxonomy)."""
    return lname in STANDARD_HEADERS or lname.startswith("sec-ch-") or lname in CLIENT_HINTS


def _header_kind(name: str) -> bool | Rule | None:
    lname = name.lower()
    if lname.startswith(":"):
        # HTTP/2 pseudo-headers (`:authority`, `:path`) name the request, they grant nothing.
        return False
    if (
        lname in CREDENTIAL_HEADERS
        or lname in CUSTOM_CREDENTIAL_HEADERS
        or (
            lname not in STANDARD_HEADERS
            and lname not in _NOT_CRED_HEADERS
            and _CRED_HEADER_RE.search(lname)
            and not _ID_HEADER_RE.search(lname)
        )
    ):
        return True
    if is_standard_header(lname):
        return False
    if lname == "from":
        # HTTP's `From` header: the e-mail of the person the client acts for (RFC 9110), sent
        # by REST clients as the acting user's login (an account id and an address; issue 15).
        return (UID, v_email_address, "user_id_key")
    key = header_key(name)
    if key == "clientid":
        # A `Client-Id` header names the calling application (1DS `NO_AUTH`, OAuth client
        # ids), unlike a body's `client_id` install id.
        return None
    if key.endswith(("requestid", "transactionid")):
        # `X-Request-Id`, `X-Client-Request-Id`, `X-Transaction-Id` (a billing SDK's; issue
        # 15av): a fresh id the HTTP client mints for each request (for the server's logs and
        # retries) links no events of a session or a request chain, unlike a correlation or
        # trace header or a body's `request_id`/`transaction_id` that ties an error to its
        # traced request (docs/taxonomy.md; heldout11's task API calls).
        return None
    if key.endswith("lang") and key != "lang":
        # `X-<sdk>-Lang: js`: an SDK platform header names its programming language; the
        # body's short `_lang` suffix (`due_lang`) is a person's language (issue 15x)
        return None
    return classify(key, "")


_HEADER_KEYS: dict[str, str] = {}


def header_key(name: str) -> str:
    """The body key a custom header is read as: its name without `X-`, normalised
    (`X-Device-Id` → `deviceid`), or for an SDK platform header the field after its prefix
    (`X-Stainless-Arch` → `cpuarch`)."""
    key = _HEADER_KEYS.get(name)
    if key is None:
        lname = name.lower()
        key = normalise_key(lname[2:] if lname.startswith("x-") else lname)
        if classify(key, "") is None:
            key = _platform_header_key(lname) or key
        if len(_HEADER_KEYS) < 20_000:
            _HEADER_KEYS[name] = key
    return key


def header_kind(name: str) -> bool | Rule | None:
    """True: the header's value is a credential; False: a standard header (nothing to read);
    else the rule of a custom header read like a body field, or None."""
    kind = _HEADER_KINDS.get(name)
    if kind is None:
        kind = _header_kind(name)
        if len(_HEADER_KINDS) < 20_000:
            _HEADER_KINDS[name] = kind
    return kind


def is_credential_header(name: str) -> bool:
    return header_kind(name) is True


# REST collections whose item segment is a person's, device's or session's id, and the key it is
# read under (the vocabulary classifies it like a body field of that name).
_COLLECTION_KEYS = {
    "users": "user_id",
    "customers": "customer_id",
    "members": "member_id",
    "profiles": "profile_id",
    "persons": "person_id",
    "people": "person_id",
    # an HR system's employee (`/employees/412`, `/v1/employees/<uuid>/jobs`; issue 15bf): the
    # person the record is for, as `employeeId`; `/employees/directory` is no item
    "employees": "employee_id",
    # a learning platform's learners and a class's attendees (`/students/<id>`,
    # `/attendees/<id>`), and a participant of a meeting (read as `participant_id` is); a
    # person's singular (`/feedback/user/6731`, `/member/<id>`) names one person as the plural
    # does (issue 15bj)
    "students": "student_id",
    "learners": "learner_id",
    "attendees": "attendee_id",
    "participants": "participant_id",
    "user": "user_id",
    "member": "member_id",
    "person": "person_id",
    "employee": "employee_id",
    "student": "student_id",
    "learner": "learner_id",
    "devices": "device_id",
    # APNs `POST /3/device/<device token>`: the token names one app install (issue 15)
    "device": "device_id",
    "installations": "installation_id",
    "sessions": "session_id",
}
# People collections whose item, given as an e-mail address, is the person's account.
_ACCOUNT_COLLECTIONS = frozenset(
    {"users", "user", "people", "persons", "person", "members", "contacts", "profiles"}
)
# An id, not a word (`/users/me`, `/users/search`): a digit in it, no dots (file names).
_PATH_ID_RE = re.compile(r"^(?=[^/]*\d)[A-Za-z0-9_%:-]{3,128}$")


# A number written in international form (`+44 7700 900312`) is a telephone number when valid by
# libphonenumber's metadata (`phonenumbers`), or, when its context says it is a phone (a sentence
# around it, a lookup path; issue 15i), in a range kept for fiction, which libphonenumber calls
# invalid although a reader takes it for a phone: Ofcom's drama numbers (UK mobile 07700
# 900000–900999, London 020 7946 0000–0999, 01632 960000–960999, the city ranges 0113…0161 496
# 0000–0999, 0191 498 0000–0999), as national significant numbers after +44. Ids, timestamps
# and version numbers fail both tests.
_UK_FICTION_RE = re.compile(
    r"^(?:7700900\d{3}|2079460\d{3}|1632960\d{3}|1(?:1[3-8]|[2-6]1)4960\d{3}|1914980\d{3})$"
)
_NOT_DIGITS_RE = re.compile(r"[^\d]")


@cache
def valid_international_number(number: str, *, fiction: bool = False) -> bool:
    """`number` (starting with `+`, separators allowed) is a telephone number; with `fiction`,
    a number of the ranges kept for fiction is one too (a bare value in such a range stays a
    test value: nothing says it is a phone)."""
    import phonenumbers  # only a text with a `+` and digits pays for the import

    # (the metadata's regexes kept compiled by phonenumbers itself; prose.prepare does the same)
    phonenumbers.enable_pattern_cache()
    try:
        parsed = phonenumbers.parse(number, None)
    except phonenumbers.NumberParseException:
        return False
    if phonenumbers.is_valid_number(parsed):
        return True
    return (
        fiction
        and parsed.country_code == 44
        and bool(_UK_FICTION_RE.match(_NOT_DIGITS_RE.sub("", str(parsed.national_number))))
    )


# Path words after which a number is the one looked up or addressed (`/number_lookup/+44…`,
# `/phone_numbers/+1…`), normalised (lower case, no `_`/`-`; issue 15i).
_PHONE_SLOT_WORDS = frozenset(
    "numberlookup numberlookups lookup lookups phonenumber phonenumbers phone phones number "  # noqa: SIM905
    "numbers msisdn msisdns callerid calleridlookup carrierlookup".split()
)
_PHONE_SEGMENT_RE = re.compile(r"^\+\d{7,15}$")
# Path words naming a phone-number lookup itself (`/v1/phoneid/<number>`, `/msisdn/<number>`):
# after one, a number in international digits without its `+` (`48601238904`) is the number
# looked up (issue 15av). After a word that may name a record of numbers (`/numbers/`,
# `/lookup/`, `/number_lookup/`, `/phone_numbers/`) bare digits stay ids (heldout12's rule).
_PHONE_LOOKUP_WORDS = frozenset(
    "phoneid phoneids phonelookup msisdn msisdns callerid calleridlookup carrierlookup".split()  # noqa: SIM905
)
_BARE_PHONE_SEGMENT_RE = re.compile(r"^[1-9]\d{9,14}$")


def _phone_slot(collection: str, segment: str) -> bool:
    """`segment` is a number in international form (`+447700900312`, `%2B1650…`, or its bare
    digits after a phone-lookup word) that `valid_international_number` calls a telephone
    number, after a lookup or phone-number path word."""
    word = collection.lower().replace("_", "").replace("-", "")
    if word in _PHONE_LOOKUP_WORDS and _BARE_PHONE_SEGMENT_RE.match(segment):
        return valid_international_number("+" + segment, fiction=True)
    if segment[:1] != "+" and segment[:3].upper() != "%2B":
        return False
    if word not in _PHONE_SLOT_WORDS:
        return False
    number = unquote(segment)
    if not _PHONE_SEGMENT_RE.match(number):
        return False
    return valid_international_number(number, fiction=True)


def path_item_key(collection: str, segment: str) -> str | None:
    """The key a URL path segment is read under when it is the item id of a people, device or
    session collection (`/customers/<id>`), or a phone number after a lookup word
    (`/number_lookup/+44…`: `phone_number`), else None. The redactor asks the same question."""
    if segment[:1] in ("+", "%", *"123456789") and _phone_slot(collection, segment):
        return "phone_number"
    if segment[:1] in ("@", "%") and v_matrix_user_id(unquote(segment)):
        # A Matrix user id names its user wherever it sits (`/presence/@alice:example.org/…`).
        return "user_id"
    if (
        collection.lower() in _ACCOUNT_COLLECTIONS
        and "@" in (address := unquote(segment))
        and _EMAIL_RE.fullmatch(address)
    ):
        # An e-mail address naming the item of a people collection (`/users/<address>/…`,
        # `/people/<address>/survey_requests`, `/contacts/<address>`, `%40`-encoded or not): the
        # account the URL addresses, user id and address (docs/taxonomy.md; issue 15ae).
        return "user_id"
    key = _COLLECTION_KEYS.get(collection.lower())
    if key is None and collection[-2:].lower() == "id" and len(collection) >= 3:
        # An id key naming the item that follows (`/users/by/external_id/<id>`, `/user_id/<id>`):
        # read under that key when it is a person's, device's or session's id (issue 15).
        rule = classify(normalise_key(collection), "")
        if rule is not None and rule[0] in (UID, DID, SID):
            key = collection
    if key is None:
        return None
    if _PATH_ID_RE.match(segment):
        return key
    return None


# A graded item's per-learner records, addressed by the learner's user id: a submission of an
# assignment (`/assignments/<id>/submissions/<user id>`) and a grade's value
# (`/grades/<id>/values/<user id>`, `/grades/final/values/<user id>`), the LMS convention
# (issue 15bj). After any other word (`/quizzes/<id>/submissions/<id>`, a form's submissions,
# `/custom_fields/<id>/values/<id>`) the item is the record's own id.
_LEARNER_RECORD_WORDS = frozenset({"submissions", "values"})
_GRADED_ITEM_WORDS = frozenset({"assignments", "grades"})


def path_item_key_at(segments: list[str], number: int) -> str | None:
    """`path_item_key` of `segments[number]` after the segment before it, or `user_id` when it
    is the learner's id of a graded item's per-learner record (a graded item's word one or two
    segments before the record's word). The redactor asks the same question."""
    collection = segments[number - 1]
    segment = segments[number]
    key = path_item_key(collection, segment)
    if key is not None or number < 2 or collection.lower() not in _LEARNER_RECORD_WORDS:
        return key
    before = segments[max(0, number - 3) : number - 1]
    if any(word.lower() in _GRADED_ITEM_WORDS for word in before) and _PATH_ID_RE.match(segment):
        return "user_id"
    return None


# A path segment of `key:value` parameters (`/users/email:<address>`,
# `/getuserstatusincourse/course_id:118,user_id:2231`): each key a word, each value without `:`,
# `,` or `/`.
_PATH_PARAMETER_RE = re.compile(r"([A-Za-z_][A-Za-z0-9_]{0,63}):([^,:/]+)")


def path_parameters(segment: str) -> tuple[tuple[str, str], ...]:
    """The `key:value` parameters of a (percent-decoded) path segment made of them, split at
    commas, when at least one key is one the vocabulary reads as a person's identifier or
    contact data, or as a credential (`user_id:2231`, `email:<address>`); else (). Custom
    methods (`/v1/text:synthesize`, `/models/<model>:generateContent`) and times name no such
    key. The redactor asks the same question (issue 15bj)."""
    pairs: list[tuple[str, str]] = []
    person = False
    for part in segment.split(","):
        match = _PATH_PARAMETER_RE.fullmatch(part)
        if match is None:
            return ()
        key, value = match.group(1), match.group(2)
        pairs.append((key, value))
        rule = classify(normalise_key(key), "")
        if rule is not None and (rule[0] == CRED or is_pseudonym_category(rule[0])):
            person = True
    return tuple(pairs) if person else ()


# URL path segments that hold a key (issue 15). Log collectors and flag services put the source
# or SDK key in the path: `/inputs/<token>/tag/…`, `/receiver/v1/http/<code>`,
# `/api/eval/sdk-<key>`, `/configuration-files/<key>/<key>/config_v6.json`,
# `/datafiles/<key>.json`, `/v1/projects/<write key>/settings`.
# After these words any token is the key, a UUID too (Loggly's and Logentries' tokens are UUIDs).
_KEY_SLOT_WORDS = frozenset(
    "inputs input token tokens key keys apikey apikeys writekey writekeys sdkkey sdkkeys "  # noqa: SIM905
    "clientkey clientkeys secret secrets accesstoken "
    # publish/subscribe keys named in the path (`/presence/sub-key/<key>/channel/…`)
    "subkey subkeys subscribekey pubkey pubkeys publishkey seckey secretkey".split()
)
# Collections whose items are named by keys (so the resource-collection guard below does not
# apply after them).
_KEY_CONTAINER_WORDS = frozenset({"projects", "datafiles", "environments", "sources"})
# Key prefixes SDKs give their keys (GrowthBook `sdk-`, Stripe-style `pk_`/`sk_`, Mailgun
# `key-`, DevCycle `dvc_server_`): with one, a shorter random tail is enough.
_KEY_PREFIX_RE = re.compile(
    r"^(?:sdk|key|pk|sk|rk|client|server|srv|pub|dvc_server|dvc_client)[-_]"
    r"(?=[A-Za-z0-9_]*[A-Za-z])(?=[A-Za-z0-9_]*\d)[A-Za-z0-9_]{12,120}$"
)
# A key prefix before a UUID-shaped tail: SDK and mobile keys (`sdk-<uuid>`, `mob-<uuid>`),
# and with a short qualifier publish/subscribe/secret keys (`pub-c-<uuid>`, `sub-c-<uuid>`,
# `sec-c-<uuid>`) and environment-qualified keys (`sk_live_<uuid>`). `sub_`/`sub-` alone
# before a UUID is a subscription's id. The tail is UUID-shaped in letters and digits (not
# only hex: generated keys use the whole alphabet in that layout).
_KEY_QUALIFIED_UUID_RE = re.compile(
    r"^(?:(?:sdk|mob|key|pk|sk|rk)"
    r"|(?:sdk|mob|key|pk|sk|rk|pub|sub|sec|api)[-_](?:[a-z]|live|test|prod|dev|stage))[-_]"
    r"[A-Za-z0-9]{8}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{12}$"
)
_SLOT_TOKEN_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.~-]{7,127}$")
_KEY_SHAPE_RE = re.compile(r"^[A-Za-z0-9_-]{20,128}$")
_DIGITS_RE = re.compile(r"^[\d.-]+$")
_RUN_RE = re.compile(r"(.)\1\1")
_NUMBER_RUN_RE = re.compile(r"\d{6}")


def _class_changes(text: str) -> int:
    """How often the character class (upper, lower, digit, other) changes along `text`: random
    base62 keys change class every other character, words and camelCase names rarely."""
    changes = 0
    last = -1
    for char in text:
        kind = 0 if char.isupper() else 1 if char.islower() else 2 if char.isdigit() else 3
        if kind != last:
            changes += 1
            last = kind
    return changes - 1


def looks_like_key(segment: str) -> bool:
    """A generated key, not a word, a version, a number, a hash or a UUID: 20+ characters of
    base62 (plus `-`/`_`) mixing upper case, lower case and digits in the proportions and with
    the frequent changes of class of a random string."""
    if (
        not _KEY_SHAPE_RE.match(segment)
        or _UUID_RE.match(segment)
        or _HEX_RE.match(segment)
        or _RUN_RE.search(segment)  # `AAAA` runs: base64 of structured bytes (an upload id)
        or _NUMBER_RUN_RE.search(segment)  # a number inside: a composite id (`<meeting>-<user>`)
    ):
        return False
    upper = sum(c.isupper() for c in segment)
    lower = sum(c.islower() for c in segment)
    digits = sum(c.isdigit() for c in segment)
    # camelCase names (`getUserProfileById2024`) have about one capital in five letters, random
    # base62 one in two.
    return (
        upper >= 3
        and lower >= 2
        and digits >= 2
        and 0.28 <= upper / (upper + lower) <= 0.72
        and _class_changes(segment) * 4 >= len(segment)
    )


def _resource_collection(word: str) -> bool:
    """A plural noun naming a collection of resources (`/messages/<id>`): its items are ids."""
    norm = normalise_key(word)
    return (
        len(norm) >= 4
        and norm.isalpha()
        and norm.endswith("s")
        and norm not in _KEY_SLOT_WORDS
        and norm not in _KEY_CONTAINER_WORDS
    )


# An id and its secret joined by `:` in one path segment (a bot token in the path:
# `/bot<id>:<secret>/sendMessage`), as `user:password` joins them in Basic auth.
_ID_SECRET_RE = re.compile(
    r"^[A-Za-z]{0,8}\d{3,20}:(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{20,128}$"
)
# Incoming-webhook URLs are their own credential (whoever has one may post): a path under a
# webhook word or on a `hooks.` host ends with the secret token
# (`/api/webhooks/<id>/<token>`, `/services/<team>/<bot>/<token>`).
_WEBHOOK_WORDS = frozenset({"webhook", "webhooks", "hook", "hooks", "webhookb2", "incomingwebhook"})
_WEBHOOK_TOKEN_RE = re.compile(
    r"^(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{16,256}$"
)


def webhook_host(host: str) -> bool:
    """Whether a host names itself a webhook receiver (`hooks.slack.com`): all that
    `webhook_url` reads of the host."""
    return "hook" in host.split(".", 1)[0].lower()


def webhook_url(host: str, segments: list[str]) -> bool:
    """Whether a URL (its host and path segments) is an incoming webhook's."""
    return webhook_host(host) or any(normalise_key(s) in _WEBHOOK_WORDS for s in segments)


# An incoming webhook's user id and secret key as two path segments right under the API's root
# (`/rest/<user id>/<key>/<method>.json`; heldout28, issue 15bd), as `/bot<id>:<secret>/` joins
# them in one segment: a random token after a number after the root word is the key.
_API_ROOT_WORDS = frozenset({"rest", "api", "rpc"})
_ACCOUNT_NUMBER_RE = re.compile(r"^\d{1,12}$")
_ID_KEY_TOKEN_RE = re.compile(
    r"^(?=(?:[A-Za-z0-9]*\d){2})(?=(?:[A-Za-z0-9]*[A-Za-z]){2})[A-Za-z0-9]{12,64}$"
)
_PRINTABLE_RE = re.compile(rb"^[\x20-\x7e\t\r\n]+$")


def _readable_base64(segment: str) -> bool:
    """Whether a segment is base64 of readable text (a document's slug, `UXVhcnRlcmx5…`), not
    random bytes."""
    try:
        raw = base64.b64decode(segment + "=" * (-len(segment) % 4), altchars=b"-_", validate=True)
    except (ValueError, binascii.Error):
        return False
    return len(raw) >= 6 and _PRINTABLE_RE.match(raw) is not None


def _id_key_pair_token(root: str, previous: str, segment: str) -> bool:
    """`segment` is the secret key of `/<root>/<user id>/<key>/`: the root word of an API, a
    number, then a random token (letters and digits changing class often; not a hash, not a
    number with letters around it, not base64 of readable text)."""
    return (
        normalise_key(root) in _API_ROOT_WORDS
        and _ACCOUNT_NUMBER_RE.match(previous) is not None
        and _ID_KEY_TOKEN_RE.match(segment) is not None
        and not _HEX_RE.match(segment)
        and not _NUMBER_RUN_RE.search(segment)
        and _class_changes(segment) >= 3
        and _class_changes(segment) * 5 >= len(segment)
        and not _readable_base64(segment)
    )


# An item's access token in the path of a request that carries no other credential
# (`/rooms/<access key>/messages`, `/guests/<token>`; heldout38, issue 15bq): 16+ letters and
# digits with at least two each of upper case, lower case and digits.
_BARE_TOKEN_RE = re.compile(
    r"^(?=(?:[A-Za-z0-9]*\d){2})(?=(?:[A-Za-z0-9]*[A-Z]){2})(?=(?:[A-Za-z0-9]*[a-z]){2})"
    r"[A-Za-z0-9]{16,128}$"
)


def _bare_item_token(previous: str, segment: str) -> bool:
    """`segment` is a random token as a collection's item (`/rooms/<token>`): letters and digits
    changing class often (not a readable name, a hash, a number with letters around it or
    base64 of readable text)."""
    return (
        _BARE_TOKEN_RE.match(segment) is not None
        and _resource_collection(previous)
        and not _HEX_RE.match(segment)
        and not _NUMBER_RUN_RE.search(segment)
        # random base62 changes class at about three characters in five, a camelCase name
        # with a year (`WeeklyStandupRoom2024`) at one in four
        and _class_changes(segment) * 3 >= len(segment)
        and not _readable_base64(segment)
    )


def request_has_credential(header_names: Iterable[str], query_keys: Iterable[str]) -> bool:
    """Whether a request carries a credential outside its path: a credential header
    (`Authorization`, a key header, a cookie) or a secret query parameter (`?access_token=`)."""
    return any(is_credential_header(name) for name in header_names) or any(
        is_secret_key(key, in_query=True) for key in query_keys
    )


def path_secret(
    previous: str,
    segment: str,
    *,
    webhook_token: bool = False,
    root: str = "",
    bare_request: bool = False,
) -> bool:
    """Whether URL path segment `segment` (after `previous`, itself after `root`) is a key: it
    follows a key slot word, carries a key prefix, joins an id and a secret, follows a user id
    right under an API's root word, is key-shaped where no resource collection names it,
    (`webhook_token`: the last segment of a webhook URL) is token-shaped, or (`bare_request`:
    the request carries no other credential, `request_has_credential`) is a random token as a
    collection's item: then it is what authorises the call (a room's access key, a guest's
    token). The labeller reads it as a credential and the redactor removes it (one answer for
    both)."""
    if len(segment) < 8:
        return False
    if bare_request and _bare_item_token(previous, segment):
        return True
    if root and _id_key_pair_token(root, previous, segment):
        return True
    if (
        webhook_token
        and _WEBHOOK_TOKEN_RE.match(segment)
        # the token follows the hook's id; right after the word it is a managed hook's id
        # (`/v1/webhooks/wh_…` of a management API)
        and normalise_key(previous) not in _WEBHOOK_WORDS
        # after a collection word it is an item's id (`/webhooks/<id>/deliveries/<id>`)
        and not _resource_collection(previous)
    ):
        return True
    if ":" in segment and _ID_SECRET_RE.match(segment):
        return True
    if normalise_key(previous) in _KEY_SLOT_WORDS:
        # A token has digits (a UUID too); a slug after the word is a page (`/secrets/quick-…`).
        return (
            _SLOT_TOKEN_RE.match(segment) is not None
            and not _DIGITS_RE.match(segment)
            and any(c.isdigit() for c in segment)
        )
    if _KEY_PREFIX_RE.match(segment) or _KEY_QUALIFIED_UUID_RE.match(segment):
        return True
    stem = segment[:-5] if segment.endswith(".json") else segment
    return looks_like_key(stem) and not _resource_collection(previous)


# Key a path credential is read under by the labeller (`url › path › api_key`).
PATH_SECRET_KEY = "api_key"


def path_secret_value(segment: str) -> str:
    """The secret a key-holding path segment carries: an id-and-secret token without the word
    before it (`bot7123…:AAH…` carries the bot token `7123…:AAH…`, the form it takes in a
    configuration or a log); the redactor searches for both."""
    if ":" in segment and segment[:1].isalpha() and _ID_SECRET_RE.match(segment):
        return segment.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
    return segment


# --------------------------------------------------------------------------------------------
# What redaction does with a key: the labeller's classification above, plus a wider net as
# defence in depth for values the labeller's value tests did not accept (the redactor errs on
# the side of removing: an odd `fooToken` is removed although the labeller may not call it a
# credential).

PSEUDONYM_PREFIXES = ("identifiers.", "contact_info.")

_SECRET_SUFFIXES = (
    "password",
    "passwd",
    "pwd",
    "passcode",
    "secret",
    "token",
    "apikey",
    "accesskey",
    "privatekey",
    "signature",
    "credential",
    "credentials",
    "authorization",
    "cookie",
    "sentrykey",
    "sessionkey",
    "authkey",
    "writekey",
    "sdkkey",
    "ikey",
    "accesskeyid",  # AWS
    "publishkey",  # realtime messaging keys, as the labeller reads them
    "subscribekey",
)
_SECRET_EXACT = frozenset({"auth", "sig", "dsn", "bearer", "jwt", "xsrf", "csrf", "zak", "tk"})
# Only in query strings and forms: `key=` there is nearly always an API key (`?key=AIza…`).
QUERY_SECRET_KEYS = frozenset({"key", "code", "pass", "pw"})

# Keys whose values identify a person, device, install or session, beyond the labeller's tables.
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
    {"uid", "cid", "sid", "did", "mac", "ip", "idfa", "idfv", "gaid", "adid", "imei", "user",
     "login", "mail", "upn", "hwid", "ldid"}
)  # fmt: skip


def is_pseudonym_category(category: str) -> bool:
    """Categories whose values exports replace by keyed pseudonyms."""
    return category.startswith(PSEUDONYM_PREFIXES)


_KEY_ANSWERS: dict[tuple[str, str, str], bool] = {}


def is_secret_key(key: str, *, in_query: bool = False, parent: str = "") -> bool:
    """A value under this key is a credential: the labeller says so, or the wider net does."""
    cache_key = ("q" if in_query else "s", key, parent)
    answer = _KEY_ANSWERS.get(cache_key)
    if answer is None:
        answer = _is_secret_key(key, in_query, parent)
        if len(_KEY_ANSWERS) < 100_000:
            _KEY_ANSWERS[cache_key] = answer
    return answer


def _is_secret_key(key: str, in_query: bool, parent: str) -> bool:
    norm = normalise_key(key)
    if not norm or norm in NOT_CREDENTIAL_KEYS:
        return False
    rule = classify(norm, normalise_key(parent) if parent else "")
    if rule is not None and rule[0] == CRED:
        return True
    if norm in _SECRET_EXACT or (in_query and norm in QUERY_SECRET_KEYS):
        return True
    return norm.endswith(_SECRET_SUFFIXES) or key.lower() in CREDENTIAL_HEADERS


def is_identifier_key(key: str, *, parent: str = "") -> bool:
    """A value under this key is an identifier or contact data (replaced by a pseudonym)."""
    cache_key = ("i", key, parent)
    answer = _KEY_ANSWERS.get(cache_key)
    if answer is None:
        answer = _is_identifier_key(key, parent)
        if len(_KEY_ANSWERS) < 100_000:
            _KEY_ANSWERS[cache_key] = answer
    return answer


def _is_identifier_key(key: str, parent: str) -> bool:
    norm = normalise_key(key)
    if not norm:
        return False
    rule = classify(norm, normalise_key(parent) if parent else "")
    if rule is not None and is_pseudonym_category(rule[0]):
        return True
    if norm in _IDENTIFIER_EXACT:
        return True
    if norm.startswith("x") and norm[1:] in _IDENTIFIER_EXACT:
        return True
    return norm.endswith(_IDENTIFIER_SUFFIXES)


def is_structural(part: str) -> bool:
    """A path component that is a decoding layer or an index, not a key of the data."""
    return _structural(part)
