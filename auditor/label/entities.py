"""Who receives a flow: registrable domain (public suffix list) → organisation, and party.

Organisations, their host suffixes and the apps they ship come from the vendor files
(auditor/vendors/*.yaml).

The public suffix list comes from tldextract's bundled snapshot: it is constructed with
`suffix_list_urls=()` so it never fetches the list from the internet, and without a disk cache.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

import tldextract

from auditor.records import Entity, Party
from auditor.vendors import registry

_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def registrable_domain(host: str) -> str | None:
    """`a.telemetry.zoom.us` → `zoom.us`; None for IP literals, single labels and bare suffixes."""
    return _registrable_domain(host.strip().strip("[]").rstrip(".").lower())


@lru_cache(maxsize=4096)
def _registrable_domain(host: str) -> str | None:
    if not host or _is_ip(host):
        return None
    result = _EXTRACT(host)
    return result.top_domain_under_public_suffix or None


# Characters of IPv4 and IPv6 literals (beside an IPv6 zone id, after a `%`).
_IP_CHARS = frozenset("0123456789abcdefABCDEF.:")


def _is_ip(host: str) -> bool:
    if "%" not in host and not _IP_CHARS.issuperset(host):
        return False  # (a host name: `ip_address` would raise, at ~10 µs a host)
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def organisation_for_host(host: str) -> str | None:
    """The organisation a host belongs to, by the longest host suffix of the vendor files."""
    return registry().organisation_for_host(host)


def app_organisation(app: str | None) -> str | None:
    """The organisation that ships the audited app ("zoom", "zoom (web)", "teams" …)."""
    return registry().app_organisation(app)


def party_for(organisation: str | None, app: str | None) -> Party:
    """First party when the receiver ships the audited app; third when it is someone else."""
    app_org = app_organisation(app)
    if app_org is None or organisation is None:
        return "unknown"
    return "first" if organisation == app_org else "third"


def entity_for(host: str, app: str | None) -> Entity:
    host = host or ""
    name = organisation_for_host(host) if host else None
    return Entity(name=name, party=party_for(name, app), domain=registrable_domain(host))
